"""PDFs being made: the renders and assemblies a build needs, run in the workers, and the report.

`start_rendering` starts, in the worker pool, every render the cache lacks and returns at once,
so the work goes on while MkDocs reads the pages; `PdfRendering.finish` waits for it, has the
packs assembled and returns a `RenderReport`: where each PDF is, its size and pages, and the
problems to report. A pack is assembled, not rendered whole (assembly.py). Its project pages
are the projects' snapshots, so each project is laid out once, and its other pages are small
documents of their own (the cover and contents; each cohort's page; the back page; the
footers). A changed record re-renders its snapshot and re-assembles the packs that show it
(the programme's, its cohort's, its theme's, its areas' and ICBs'; `RenderReport.assembled`
names them); the other packs and pages come from the cache.
"""

from __future__ import annotations

import concurrent.futures
import json
import time
from collections.abc import Callable, Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from showcase.file_cache import lock_cache, prune_entries, unlock_cache
from showcase.pdf.cache import (
    LastPage,
    RenderOutcome,
    cache_file,
    document_key,
    read_cache,
    render_fingerprint,
)
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
    subject_identity,
)
from showcase.pdf.jobs import AssemblyJob, RenderJob, assembly_job, render_job
from showcase.pdf.render_problems import problems_of
from showcase.pdf.workers import discard_worker_pool, use_only_committed_fonts, worker_pool
from showcase.problems import Problem


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
        """The snapshot of a project, the pack of a cohort, a theme, an area or an ICB, or
        (None) the programme's pack."""
        for pdf in self.pdfs:
            subject_of_pdf = pdf.document.subject
            if type(subject_of_pdf) is type(subject) and subject_identity(subject_of_pdf) == subject_identity(subject):
                return pdf
        return None


class PdfRenderError(Exception):
    """A PDF could not be rendered: the site would be missing a download."""


class PdfRendering:
    """PDFs being rendered. `finish` waits for them; `cancel` stops what has not started.

    In two stages, each in parallel and only what the cache lacks: (1) every PDF rendered from
    the model (each snapshot, and each pack's cover and contents, other parts and footers'
    template): it starts at once, while MkDocs reads the pages; then, in `finish`, (2) each
    pack assembled from them, its page numbers written in (in its contents and footers), since
    only then are its parts' pages known.
    """

    def __init__(self, documents: tuple[PdfDocument | PackDocument, ...], settings: PdfSettings):
        self.documents = documents
        self.settings = settings
        self.started = time.monotonic()
        self.fingerprint = render_fingerprint(settings.print_dir)
        self.outcomes: dict[str, RenderOutcome] = {}  # by cache key
        self.rendered: set[str] = set()  # the keys this build rendered
        self.futures: dict[str, concurrent.futures.Future] = {}
        self.paths: dict[str, str] = {}  # the PDF each pending render is for, by key
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        lock_cache(settings.cache_dir)  # until `release`: the site is built from these files
        use_only_committed_fonts(settings)
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
            packs = [document for document in self.documents if isinstance(document, PackDocument)]
            footers = self.footers
            pack_keys = {pack.path: self._assemble(pack, footers[pack.path]) for pack in packs}
            self._wait()
        finally:
            self.cancel()
        found: list[tuple[RenderedPdf, RenderOutcome]] = []
        for document in self.documents:
            key = pack_keys[document.path] if isinstance(document, PackDocument) else document.key
            file = cache_file(self.settings.cache_dir, key, ".pdf")
            outcome = self.outcomes[key]
            if isinstance(document, PackDocument):  # what its own parts reported (snapshots report theirs)
                own = [
                    self.outcomes[own_key]
                    for own_key in (
                        document.front.key,
                        footers[document.path].key,
                        *(part.document.key for part in document.parts if part.folio == "pack"),
                    )
                ]
                outcome = RenderOutcome(
                    document.path,
                    outcome.pages,
                    tuple(dict.fromkeys(url for part in own for url in part.refused)),
                    tuple(dict.fromkeys(message for part in own for message in part.messages)),
                )
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
        for future in self.futures.values():
            future.cancel()

    def release(self) -> None:
        """The build has copied its PDFs (or failed): another build may use the cache now."""
        self.cancel()
        unlock_cache(self.settings.cache_dir)

    def _start(self, documents: Iterable[PdfDocument]) -> None:
        """Start rendering each document the cache lacks (each once)."""
        for document in documents:
            if not self._lacks(document.key):
                continue
            job = RenderJob(
                document.path,
                document.html,
                document.key,
                self.settings.print_dir,
                self.settings.cache_dir,
                self.fingerprint,
                document.tagged,
                self.settings.picture_dir,
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
            self.futures[key] = worker_pool(self.settings.workers).submit(function, job)
        except BrokenProcessPool:  # a worker died in an earlier build
            discard_worker_pool(self.settings.workers)
            self.futures[key] = worker_pool(self.settings.workers).submit(function, job)
        self.paths[key] = path

    def _wait(self) -> None:
        for key, future in self.futures.items():
            try:
                self.outcomes[key] = future.result()
            except Exception as error:  # a worker's exception, or a broken pool
                if isinstance(error, BrokenProcessPool):
                    discard_worker_pool(self.settings.workers)
                raise PdfRenderError(
                    f"{self.paths[key]} could not be rendered: {type(error).__name__}: {error}"
                ) from error
            self.rendered.add(key)
        self.futures.clear()

    def _footers(self, pack: PackDocument) -> PdfDocument:
        """The template of a pack's footers: a page per kind, which assembly fills in."""
        html = pack.folio_html(tuple(Folio(kind, pack.running_title) for kind in FOOTER_KINDS))
        return PdfDocument(pack.path, pack.subject, "", html, document_key(self.fingerprint, html), tagged=False)

    def _footer_kinds(self, pack: PackDocument, shifts: tuple[float, ...]) -> tuple[str | None, ...]:
        """Each page's kind of footer: none on the cover, the pack's on its contents and its own
        pages, a snapshot's on a project's (one for two short snapshots on one page)."""
        kinds: list[str | None] = [None] + ["pack"] * (self.outcomes[pack.front.key].pages - 1)
        for part, shift in zip(pack.parts, shifts, strict=True):
            kinds += [part.folio] * (0 if shift else self.outcomes[part.document.key].pages)
        return tuple(kinds)

    def _shifts(self, pack: PackDocument) -> tuple[float, ...]:
        """How far down each part's page moves onto the page before it (0: it keeps a page of its
        own): a one-page snapshot that fits below the content of the page before it (a cohort's
        page, or another snapshot's) goes there (documents.SHARED_PAGE_GAP), and so does the
        contact, so that a pack does not end on a page of a few lines after a page mostly empty.
        Two parts a page at most, never out of order."""
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

    def _assemble(self, pack: PackDocument, footers: PdfDocument) -> str:
        """Start assembling `pack` unless the cache holds it; return its cache key."""
        cache_dir = self.settings.cache_dir
        shifts = (0.0, *self._shifts(pack))
        parts = ((pack.front.key, ()), *((part.document.key, part.bookmarks) for part in pack.parts))
        # Not the pack's address: two packs of the same pages (the programme's of one cohort, and
        # that cohort's) are one assembly. The parts' keys decide their pages and how full they
        # are, so which share a page and the footers' kinds.
        key = document_key(self.fingerprint, json.dumps([parts, footers.key]))
        if self._lacks(key):
            job = AssemblyJob(
                pack.path,
                key,
                cache_dir,
                tuple(
                    AssemblyPart(cache_file(cache_dir, part, ".pdf"), bookmark, shift)
                    for (part, bookmark), shift in zip(parts, shifts, strict=True)
                ),
                cache_file(cache_dir, footers.key, ".pdf"),
                self._footer_kinds(pack, shifts[1:]),
            )
            self._submit(key, pack.path, assembly_job, job)
        return key


def start_rendering(documents: Iterable[PdfDocument | PackDocument], settings: PdfSettings) -> PdfRendering:
    """Start rendering every document the cache does not hold, and return at once."""
    return PdfRendering(tuple(documents), settings)


def render_documents(documents: Iterable[PdfDocument | PackDocument], settings: PdfSettings) -> RenderReport:
    return start_rendering(documents, settings).finish()
