"""PDFs being made in worker processes, and the report. In two stages, each in parallel and
only what the cache lacks: `start_rendering` starts every render at once, while MkDocs reads
the pages; `PdfRendering.finish` waits, has each pack assembled from its parts (only then are
their pages known) and returns a `RenderReport`. A changed record re-renders its snapshot and
re-assembles the packs that show it (`RenderReport.assembled`).

The workers are forked where the platform allows; the parent never imports WeasyPrint or pikepdf
(jobs.py does), so each worker imports them once, in parallel, while the parent goes on.
"""

from __future__ import annotations

import concurrent.futures
import functools
import html
import json
import multiprocessing
import os
import site
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from showcase.file_cache import lock_cache, prune_entries, unlock_cache, write_atomically
from showcase.model import record_key
from showcase.pdf.cache import LastPage, RenderOutcome, cache_file, document_key, read_cache, render_fingerprint
from showcase.pdf.documents import (
    CONTACT_ANCHOR,
    FOOTER_KINDS,
    SHARED_PAGE_GAP,
    AssemblyPart,
    Folio,
    PackDocument,
    PdfDocument,
    PdfSettings,
    RenderedPdf,
    Subject,
)
from showcase.pdf.jobs import AssemblyJob, RenderJob, assembly_job, render_job
from showcase.pdf.render_problems import problems_of
from showcase.problems import Problem

HOOKS_DIR = Path(__file__).resolve().parents[2]  # hooks/, where the package `showcase` is


@dataclass(frozen=True)
class RenderReport:
    pdfs: tuple[RenderedPdf, ...]  # in the order of the documents
    problems: tuple[Problem, ...]  # quality warnings, each naming a record or a PDF
    seconds: float

    @property
    def rendered(self) -> tuple[RenderedPdf, ...]:
        return tuple(pdf for pdf in self.pdfs if pdf.rendered)

    @property
    def assembled(self) -> tuple[RenderedPdf, ...]:
        """The packs this build assembled: those holding a changed record (or page)."""
        return tuple(pdf for pdf in self.rendered if isinstance(pdf.document, PackDocument))

    def for_subject(self, subject: Subject) -> RenderedPdf | None:
        """A project's snapshot, the pack of a cohort, theme, area or ICB, or (None) the programme's."""
        return next((pdf for pdf in self.pdfs if _identity(pdf.document.subject) == _identity(subject)), None)


def _identity(subject: Subject) -> tuple[type, str]:
    return type(subject), record_key(subject) if subject is not None else ""


class PdfRenderError(Exception):
    """A PDF could not be rendered: the site would be missing a download."""


class PdfRendering:
    """PDFs being rendered. `finish` waits for them; `cancel` stops what has not started."""

    def __init__(self, documents: tuple[PdfDocument | PackDocument, ...], settings: PdfSettings):
        self.documents = documents
        self.settings = settings
        self.started = time.monotonic()
        self.fingerprint = render_fingerprint(settings.print_dir)
        self.outcomes: dict[str, RenderOutcome] = {}  # by cache key
        self.rendered: set[str] = set()  # the keys this build rendered
        self.futures: dict[str, tuple[str, concurrent.futures.Future]] = {}  # by key: the PDF it is for, its work
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        lock_cache(settings.cache_dir)  # until `release`: the site is built from these files
        _use_only_committed_fonts(settings)
        packs = [document for document in documents if isinstance(document, PackDocument)]
        self.footers = {pack.path: self._footers(pack) for pack in packs}
        # Longest first: the first pack's cover and contents, its parts in order.
        self._start(
            [pack.front for pack in packs]
            + [part.document for pack in packs for part in pack.parts]
            + [document for document in documents if isinstance(document, PdfDocument)]
            + list(self.footers.values())
        )

    def finish(self) -> RenderReport:
        """Wait for the renders. Raises PdfRenderError naming the first PDF that failed."""
        try:
            self._wait()
            keys = {
                document.path: self._assemble(document) if isinstance(document, PackDocument) else document.key
                for document in self.documents
            }
            self._wait()
        finally:
            self.cancel()
        found: list[tuple[RenderedPdf, RenderOutcome]] = []
        for document in self.documents:
            key = keys[document.path]
            file = cache_file(self.settings.cache_dir, key, ".pdf")
            outcome = self.outcomes[key]
            if isinstance(document, PackDocument):  # what its own parts reported (snapshots report theirs)
                own = [self.outcomes[document.front.key], self.outcomes[self.footers[document.path].key]]
                own += [self.outcomes[part.document.key] for part in document.parts if part.folio == "pack"]
                refused = tuple(dict.fromkeys(url for part in own for url in part.refused))
                messages = tuple(dict.fromkeys(message for part in own for message in part.messages))
                outcome = RenderOutcome(document.path, outcome.pages, refused, messages)
            found.append(
                (RenderedPdf(document, file, file.stat().st_size, outcome.pages, key in self.rendered), outcome)
            )
        # The cache holds one site's worth, and no half-written file of a killed worker (this build
        # holds the lock: none is in use).
        prune_entries(self.settings.cache_dir, set(self.outcomes))
        pdfs = tuple(pdf for pdf, _ in found)
        return RenderReport(pdfs, problems_of(found, self.settings), time.monotonic() - self.started)

    def cancel(self) -> None:
        """Drop the renders that have not started; the pool stays for the next build."""
        for _, future in self.futures.values():
            future.cancel()

    def release(self) -> None:
        """The build has copied its PDFs (or failed): another build may use the cache now."""
        self.cancel()
        unlock_cache(self.settings.cache_dir)

    def _start(self, documents: Iterable[PdfDocument]) -> None:
        settings = self.settings
        for document in documents:
            if self._lacks(document.key):
                job = RenderJob(
                    document.path,
                    document.html,
                    document.key,
                    settings.print_dir,
                    settings.cache_dir,
                    self.fingerprint,
                    document.tagged,
                    settings.picture_dir,
                )
                self._submit(document.key, document.path, render_job, job)

    def _lacks(self, key: str) -> bool:
        """Whether the PDF filed under `key` is neither made nor being made; one the cache holds
        is taken from there."""
        if key in self.outcomes or key in self.futures:
            return False
        cached = read_cache(self.settings.cache_dir, key)
        if cached:
            self.outcomes[key] = cached
        return cached is None

    def _submit(self, key: str, path: str, function: Callable, job: Any) -> None:
        try:
            future = _worker_pool(self.settings.workers).submit(function, job)
        except BrokenProcessPool:  # a worker died in an earlier build
            _discard_worker_pool(self.settings.workers)
            future = _worker_pool(self.settings.workers).submit(function, job)
        self.futures[key] = (path, future)

    def _wait(self) -> None:
        for key, (path, future) in self.futures.items():
            try:
                self.outcomes[key] = future.result()
            except Exception as error:  # a worker's exception, or a broken pool
                if isinstance(error, BrokenProcessPool):
                    _discard_worker_pool(self.settings.workers)
                raise PdfRenderError(f"{path} could not be rendered: {type(error).__name__}: {error}") from error
            self.rendered.add(key)
        self.futures.clear()

    def _footers(self, pack: PackDocument) -> PdfDocument:
        """The template of a pack's footers: a page per kind, which assembly fills in."""
        page = pack.folio_html(tuple(Folio(kind, pack.running_title) for kind in FOOTER_KINDS))
        return PdfDocument(pack.path, pack.subject, "", page, document_key(self.fingerprint, page), tagged=False)

    def _shifts(self, pack: PackDocument) -> tuple[float, ...]:
        """How far down each part's page moves onto the page before it (0: a page of its own): a
        one-page snapshot, or the contact, that fits below the content of a part's page before it
        (SHARED_PAGE_GAP), so a pack does not end on a few lines after a page mostly empty. Two
        parts a page at most, never out of order."""
        shifts: list[float] = []
        upper: LastPage | None = None  # the page before, when it is a part's own, with room below
        for part in pack.parts:
            outcome = self.outcomes[part.document.key]
            last = outcome.last_page
            if (
                (part.document.project is not None or part.anchor == CONTACT_ANCHOR)
                and outcome.pages == 1
                and upper is not None
                and last is not None
                and last.fits_below(upper, SHARED_PAGE_GAP)
            ):
                shifts.append(upper.end + SHARED_PAGE_GAP - last.top)
                upper = None
            else:
                shifts.append(0.0)
                upper = last
        return tuple(shifts)

    def _assemble(self, pack: PackDocument) -> str:
        """Start assembling `pack` unless the cache holds it; return its cache key."""
        cache_dir, footers = self.settings.cache_dir, self.footers[pack.path]
        shifts = (0.0, *self._shifts(pack))
        parts = ((pack.front.key, ()), *((part.document.key, part.bookmarks) for part in pack.parts))
        # Not the pack's address: two packs of the same pages (the programme's of one cohort, and
        # that cohort's) are one assembly. The parts' keys decide their pages and how full they
        # are, so which share a page and the footers' kinds.
        key = document_key(self.fingerprint, json.dumps([parts, footers.key]))
        if self._lacks(key):
            # Each page's footer: none on the cover, the pack's on its contents and its own pages, a
            # snapshot's on a project's (one for two sharing a page).
            kinds: list[str | None] = [None] + ["pack"] * (self.outcomes[pack.front.key].pages - 1)
            for part, shift in zip(pack.parts, shifts[1:], strict=True):
                kinds += [part.folio] * (0 if shift else self.outcomes[part.document.key].pages)
            job = AssemblyJob(
                pack.path,
                key,
                cache_dir,
                tuple(
                    AssemblyPart(cache_file(cache_dir, part, ".pdf"), bookmark, shift)
                    for (part, bookmark), shift in zip(parts, shifts, strict=True)
                ),
                cache_file(cache_dir, footers.key, ".pdf"),
                tuple(kinds),
            )
            self._submit(key, pack.path, assembly_job, job)
        return key


def start_rendering(documents: Iterable[PdfDocument | PackDocument], settings: PdfSettings) -> PdfRendering:
    """Start rendering every document the cache does not hold, and return at once."""
    return PdfRendering(tuple(documents), settings)


def render_documents(documents: Iterable[PdfDocument | PackDocument], settings: PdfSettings) -> RenderReport:
    return start_rendering(documents, settings).finish()


# The worker processes, by their number, kept for the life of this process: under `mkdocs serve`
# (with SHOWCASE_PDF=1) or the benchmark, the next build's workers have WeasyPrint imported and
# print.css parsed already. A one-off `mkdocs build` shuts them down at exit (concurrent.futures).
_worker_pools: dict[int, concurrent.futures.ProcessPoolExecutor] = {}


def _worker_pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    workers = max(1, workers)
    if workers not in _worker_pools:
        # Fork starts a worker in milliseconds; spawn (macOS, Windows) re-imports everything, and
        # imports jobs.py by name: it needs the hooks folder first.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else methods[0])
        start = (
            functools.partial(_watch_parent, os.getpid())
            if context.get_start_method() == "fork"
            else functools.partial(site.addsitedir, str(HOOKS_DIR))
        )
        _worker_pools[workers] = concurrent.futures.ProcessPoolExecutor(workers, context, start)
    return _worker_pools[workers]


def _watch_parent(parent: int) -> None:
    """A worker ends when the build that started it does. Killed (kill -9, a closed terminal),
    the build cannot shut its pool down, and its workers would live on, each holding 70 MB and
    the build's output open (`mkdocs build | cat` would never end)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="showcase-parent-watch", daemon=True).start()


def _discard_worker_pool(workers: int) -> None:
    pool = _worker_pools.pop(max(1, workers), None)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


# The fonts a PDF may use are the committed ones in theme/print/fonts/, part of the cache key.
# Left to itself, fontconfig would fill in a character they lack from the machine's fonts: a
# PDF's bytes would depend on the machine, and a cached PDF would outlive a change of them. A
# character no committed font has is drawn as a blank box, and reported (render_problems.py).
def _use_only_committed_fonts(settings: PdfSettings) -> None:
    conf = settings.cache_dir / "fonts.conf"
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{html.escape(str((settings.print_dir / 'fonts').resolve()))}</dir>\n"
        f"  <cachedir>{html.escape(str((settings.cache_dir / 'fontconfig').resolve()))}</cachedir>\n"
        "</fontconfig>\n"
    )
    if not conf.is_file() or conf.read_text("utf-8") != text:
        write_atomically(conf, text.encode())
    # Read by fontconfig when a worker first lays out text; workers inherit it from here.
    os.environ["FONTCONFIG_FILE"] = str(conf.resolve())
