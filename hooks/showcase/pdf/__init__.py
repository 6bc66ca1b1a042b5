"""The showcase's PDFs, rendered by WeasyPrint from the programme model, never from the HTML site.

A project's snapshot (`downloads/snapshots/<slug>.pdf`) and packs of impact summaries: the
programme's (`downloads/impact-summaries.pdf`), each cohort's, and each theme's, area's and
ICB's with projects (documents.py lists the addresses). Plain Python that knows nothing of MkDocs (hooks/pdf.py is
its adapter), in three steps a test or the benchmark can call: `plan_documents` writes each
PDF's HTML, `start_rendering` renders what the cache does not hold in worker processes, and
`PdfRendering.finish` waits for them, assembles the packs and returns a `RenderReport`.

Same input, same bytes: fonts come from theme/print/fonts/ (committed, not the system's), the
creation date is fixed (`pdf_creation_date`), and nothing else in a render or an assembly varies.

The modules, in the order a build uses them:

- documents.py: what PDFs there are (`PdfSettings`, `PdfDocument`, `PackDocument`), where
  they go (`pack_path`, `snapshot_path`, a renamed project's `earlier_paths`) and the date they carry. Plain data.
- print_html.py: each PDF's HTML from the model and theme/print/'s templates (`plan_documents`,
  `DocumentMeta`): a project's snapshot is its pages in every pack, laid out once.
- pack_wording.py: the projects of each theme, area and ICB (`facet_selections`), and what a
  pack says it is (`PackWording`).
- source_notes.py: a PDF's sources as numbered notes, each address once in the document's
  list of sources (`SourceNotes`), and where a printed address may wrap (`address_pieces`).
- cache.py: the key each PDF is filed under (a hash of its HTML, theme/print/, the libraries'
  versions and every module of this package), what a render reported (file_cache.py stores,
  verifies, prunes and locks the entries).
- rendering.py: `start_rendering` and `PdfRendering`: the renders and assemblies a build needs,
  in two stages, and the `RenderReport`.
- workers.py: the process pool (kept between builds), the watch on the parent, the fonts the
  workers may see.
- jobs.py: what a worker runs: one WeasyPrint render (only theme/print/'s files may load, its
  warnings collected), or one pack's assembly, each written into the cache.
- tagged_text.py: what WeasyPrint does not tag: each element's language (/Lang), and text that
  shaping reorders (a Devanagari short i) copied out as typed (/ActualText on its run, its
  clusters drawn in typed order).
- print_links.py: where a PDF's links may go (the web, an e-mail address; a link within the
  site made absolute from the site's address, or plain text without it), applied in the worker
  to every link of every PDF before WeasyPrint resolves one.
- assembly.py: a pack spliced from rendered parts with pikepdf: pages, structure trees, named
  destinations, links, bookmarks (at their anchors' pages).
- shared_pages.py: a short snapshot's page drawn on the page before it, below its content (a
  project with little to say shares a page; rendering.py decides which, from the renders' fill).
- page_numbers.py: a pack's page numbers written in (its footers' and its contents'), not laid out.
- font_subsets.py: one copy of each font in a pack, the union of the parts' subsets.
- render_problems.py: what the renders reported, as problems naming the record to fix;
  `font_problems` for `scripts/check`.

The parent process never imports WeasyPrint or pikepdf: jobs.py imports them in the workers,
and nothing here imports assembly.py, shared_pages.py, page_numbers.py or font_subsets.py but a worker's
job.
"""

from showcase.file_cache import release_cache_locks
from showcase.pdf.documents import (
    PackDocument,
    PdfDocument,
    PdfSettings,
    Subject,
    earlier_paths,
    pdf_creation_date,
)
from showcase.pdf.print_html import plan_documents, text_direction
from showcase.pdf.render_problems import font_problems
from showcase.pdf.rendering import (
    PdfRenderError,
    PdfRendering,
    RenderReport,
    render_documents,
    start_rendering,
)

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
    "release_cache_locks",
    "render_documents",
    "start_rendering",
    "text_direction",
]
