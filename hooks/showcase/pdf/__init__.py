"""The PDFs, rendered by WeasyPrint from the programme model, never from the HTML site: each
project's snapshot and the packs of them (documents.py). Plain Python (hooks/pdf.py is its
adapter) in three steps a test or the benchmark can call: `plan_documents` writes each PDF's
HTML, `start_rendering` renders what the cache lacks in worker processes, and
`PdfRendering.finish` waits, assembles the packs and returns a `RenderReport`. Same input, same
bytes: fonts from theme/print/fonts/, a fixed creation date (`pdf_creation_date`).

documents.py         what PDFs there are, their addresses, and the date they carry
print_html.py        each PDF's HTML from the model and theme/print/'s templates
pack_wording.py      the projects of each theme, area and ICB, and what a pack says it is
source_notes.py      a PDF's sources as numbered notes, and where a printed address may wrap
print_links.py       where a PDF's links may go (the web, an e-mail address), applied in the worker
cache.py             the key each PDF is filed under, and what a render reported
rendering.py         the renders and assemblies a build needs, in the worker pool, and the report
jobs.py              what a worker runs: a WeasyPrint render confined to theme/print/, or an assembly
tagged_text.py       what WeasyPrint does not tag: /Lang, and text shaping reorders copied out as typed
assembly.py          a pack spliced from its rendered parts with pikepdf, its page numbers written in
shared_pages.py      a short snapshot's page drawn below the content of the page before it
font_subsets.py      one copy of each font in a pack, the union of the parts' subsets
render_problems.py   what the renders reported, naming the record to fix; `font_problems` for scripts/check

The parent process never imports WeasyPrint or pikepdf: only a worker's job imports
tagged_text.py, assembly.py, shared_pages.py and font_subsets.py.
"""

from showcase.pdf.documents import PackDocument, PdfDocument, PdfSettings, Subject, earlier_paths, pdf_creation_date
from showcase.pdf.print_html import plan_documents, text_direction
from showcase.pdf.render_problems import font_problems
from showcase.pdf.rendering import PdfRenderError, PdfRendering, RenderReport, render_documents, start_rendering

__all__ = [
    "PackDocument",
    "PdfDocument",
    "PdfRenderError",
    "PdfRendering",
    "PdfSettings",
    "RenderReport",
    "Subject",
    "earlier_paths",
    "font_problems",
    "pdf_creation_date",
    "plan_documents",
    "render_documents",
    "start_rendering",
    "text_direction",
]
