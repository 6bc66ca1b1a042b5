"""What a worker process runs: one PDF rendered by WeasyPrint, or one pack assembled, each
written into the cache with what it reported. WeasyPrint and pikepdf are imported here, inside
the job, never by the parent.

A PDF may load files in theme/print/ and the pictures' print copies, nothing else (no network,
no other folder, no `data:` address): a refused address is recorded, for render_problems.py, and
the PDF is made without it. Its links go only to the web or an e-mail address (print_links.py).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import logging.handlers
import mimetypes
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from showcase.file_cache import store_entry
from showcase.pdf.cache import LastPage, RenderOutcome, cache_file, pdf_name
from showcase.pdf.documents import PICTURE_ADDRESS, RENDER_OPTIONS, STYLESHEET, AssemblyPart
from showcase.pdf.print_links import confine_links

PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels (96 an inch); a PDF measures in points (72)


@dataclass(frozen=True)
class RenderJob:
    path: str
    html: str
    key: str
    print_dir: Path
    cache_dir: Path
    style_key: str  # the render fingerprint: a worker parses print.css once per value
    tagged: bool
    picture_dir: Path | None = None  # the pictures' print copies: a PDF may load these too


@dataclass(frozen=True)
class AssemblyJob:
    path: str
    key: str
    cache_dir: Path
    parts: tuple[AssemblyPart, ...]  # the front first
    footers: Path  # the footers' template: a page per kind of footer (documents.FOOTER_KINDS)
    footer_kinds: tuple[str | None, ...]  # each page's kind of footer; None for the cover's none


def render_job(job: RenderJob) -> RenderOutcome:
    import weasyprint  # here, not at the top: only workers pay for importing it

    from showcase.pdf.tagged_text import add_actual_text, draw_in_typed_order, tag_languages

    tag_languages()
    add_actual_text()
    draw_in_typed_order()

    style = _print_style(weasyprint, job.print_dir, job.style_key)
    fetcher = _print_files_fetcher(weasyprint, job.print_dir, job.picture_dir)
    with _weasyprint_warnings() as records:
        source = weasyprint.HTML(string=job.html, base_url=print_base_url(job.print_dir), url_fetcher=fetcher)
        confine_links(source.etree_element)  # before WeasyPrint resolves a link against its base address
        options = RENDER_OPTIONS if job.tagged else {"pdf_identifier": True}
        document = source.render(stylesheets=[style.stylesheet], font_config=style.font_config, **options)
        pdf = document.write_pdf(**options)
    refused = tuple(dict.fromkeys([*style.refused, *fetcher.refused]))
    outcome = RenderOutcome(
        path=job.path,
        pages=len(document.pages),
        refused=refused,
        # WeasyPrint also says it failed to load what was refused: that is reported once, better.
        messages=tuple(
            dict.fromkeys(
                message
                for message in [*style.messages, *(record.getMessage() for record in records)]
                if not any(url in message for url in refused)
            )
        ),
        last_page=_last_page(document.pages[-1]),
    )
    store_entry(job.cache_dir, job.key, {pdf_name(job.key): pdf}, outcome.to_record())
    return outcome


def assembly_job(job: AssemblyJob) -> RenderOutcome:
    from showcase.pdf.assembly import assemble  # here: only workers import pikepdf

    temporary = cache_file(job.cache_dir, job.key, f".pdf.{os.getpid()}.tmp")
    pages = assemble(job.parts, job.footers, job.footer_kinds, temporary)
    outcome = RenderOutcome(job.path, pages, (), ())
    store_entry(job.cache_dir, job.key, {pdf_name(job.key): temporary}, outcome.to_record())
    return outcome


def _last_page(page: Any) -> LastPage:
    """How full a laid-out page is, measured where the layout knows its boxes (rendering.py puts
    two short snapshots on one page)."""
    from weasyprint.formatting_structure.boxes import MarginBox

    box = page._page_box  # private in WeasyPrint, whose version is pinned and in the key
    root = next(child for child in box.children if not isinstance(child, MarginBox))  # <html>'s box
    top = box.content_box_y()
    return LastPage(top * PX_TO_PT, (top + box.height) * PX_TO_PT, (root.position_y + root.margin_height()) * PX_TO_PT)


@dataclass(frozen=True)
class _PrintStyle:
    stylesheet: Any  # weasyprint.CSS
    font_config: Any  # weasyprint.text.fonts.FontConfiguration
    refused: tuple[str, ...]
    messages: tuple[str, ...]


# print.css parsed, with its fonts loaded, once per worker, print folder and render fingerprint:
# that was most of a snapshot's render, and doing it once gives the same bytes as every time.
@functools.cache
def _print_style(weasyprint, print_dir: Path, style_key: str) -> _PrintStyle:
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _print_files_fetcher(weasyprint, print_dir)
    font_config = FontConfiguration()
    with _weasyprint_warnings() as records:
        stylesheet = weasyprint.CSS(
            url=print_base_url(print_dir) + STYLESHEET, url_fetcher=fetcher, font_config=font_config
        )
    return _PrintStyle(
        stylesheet, font_config, tuple(fetcher.refused), tuple(record.getMessage() for record in records)
    )


@contextlib.contextmanager
def _weasyprint_warnings() -> Iterator[list[logging.LogRecord]]:
    """Collect what WeasyPrint logs (rather than let it print to the terminal) to report it."""
    handler = logging.handlers.BufferingHandler(capacity=sys.maxsize)  # never flushed: read after
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler.buffer
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _print_files_fetcher(weasyprint, print_dir: Path, picture_dir: Path | None = None):
    """A WeasyPrint URL fetcher that serves the files in `print_dir`, and the pictures' print
    copies in `picture_dir` by their PICTURE_ADDRESS, and refuses everything else."""
    root = print_dir.resolve()

    def local_file(url: str) -> Path | None:
        if url.startswith(PICTURE_ADDRESS) and picture_dir is not None:
            name = url.removeprefix(PICTURE_ADDRESS)
            path = picture_dir / name
            return path if "/" not in name and "\\" not in name and path.is_file() else None
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(parts.path)).resolve()
        return path if path.is_relative_to(root) and path.is_file() else None

    class PrintFilesOnly(weasyprint.URLFetcher):
        def __init__(self) -> None:
            super().__init__()
            self.refused: list[str] = []

        def fetch(self, url: str, headers=None):
            path = local_file(url)
            if path is None:
                self.refused.append(url)
                raise ValueError(f"{url} is not a file in {root}: the showcase's PDFs load nothing else")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    return PrintFilesOnly()


def print_base_url(print_dir: Path) -> str:
    """The address the PDFs' relative addresses resolve against: the print folder's."""
    return print_dir.resolve().as_uri() + "/"
