"""The showcase's PDFs, rendered by WeasyPrint from the programme model, never from the HTML site.

- `downloads/snapshots/<slug>.pdf`: one project on one page (two at most).
- `downloads/impact-summaries-<cohort id>.pdf`: a cohort's pack: a cover and contents, the
  cohort at a glance, each of its projects' snapshots, and a back page with the programme's
  contact; `downloads/impact-summaries.pdf` holds every cohort when there are several. Each
  page but the cover carries the pack's footer ("Page 7 of 104").

Plain Python that knows nothing of MkDocs, in three steps a test or the benchmark can call:
`plan_documents` writes each PDF's HTML from the model with the templates in theme/print/ (a
Jinja environment that escapes every value), `start_rendering` renders the PDFs the cache does
not hold in worker processes, and `PdfRendering.finish` waits for them, assembles the packs
and returns a `RenderReport`: where each PDF is, its size and pages, and the problems to report.

Choices worth knowing:

- A pack is assembled, not rendered whole (assembly.py). Its project pages are the projects'
  snapshots, so each project is laid out once, and its other pages are small documents of
  their own (the cover and contents; each cohort's page; the back page; the footers). A
  changed record re-renders its snapshot and re-assembles the packs that show it; the other
  pages come from the cache.
- Cache. A PDF is stored in the cache folder under a hash of everything that decides its bytes:
  its HTML (the records it shows, the templates, the date), every file in theme/print/ (CSS and
  fonts), the versions of WeasyPrint, pydyf, fontTools, pikepdf, Pango and HarfBuzz, the render
  options and the source of this module and assembly.py; a pack's, of its parts'. A build
  whose inputs did not change renders nothing. What a render reported (addresses it refused,
  WeasyPrint's warnings, its page count) is stored beside the PDF, so a build from the cache
  reports the same problems as the build that rendered it.
- Safety. A PDF may load files in theme/print/ and nothing else: no network, no other folder,
  no `data:` address. A refused address is reported naming the record whose summary asked for
  it (or the PDFs whose templates did), and the PDF is made without it.
- Same input, same bytes. Fonts come from theme/print/fonts/ (committed, not the system's), the
  creation date is fixed (`pdf_creation_date`), and nothing else in a render or an assembly
  varies.
- Speed. Renders run in a process pool sized to the machine, forked where the platform allows:
  the parent never imports WeasyPrint or pikepdf, so each worker imports them once, in
  parallel, while the parent goes on with other work. Each worker parses print.css and loads
  its fonts once, not once per PDF: that was most of a snapshot's time, and the bytes are the
  same either way.
"""

from __future__ import annotations

import concurrent.futures
from concurrent.futures.process import BrokenProcessPool
import contextlib
import functools
import ctypes
import ctypes.util
import datetime as dt
import fcntl
import hashlib
import html
import importlib.metadata
import json
import logging
import mimetypes
import multiprocessing
import os
import re
import site
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Union
from urllib.parse import quote, urljoin, urlsplit
from urllib.request import url2pathname

import jinja2

from .identity import ProgrammeIdentity
from .citations import CITATION_FILTERS, CITATION_GLOBALS
from .model import Cohort, Programme, Project
from .problems import Problem
from .site import CohortSummary
from .text import JINJA_FILTERS, render_markdown, size_label

DOWNLOADS = "downloads"
ALL_COHORTS_PACK = f"{DOWNLOADS}/impact-summaries.pdf"
SNAPSHOT_MOST_PAGES = 2
LANGUAGE = "en-GB"
STYLESHEET = "print.css"  # in theme/print/: applied to every PDF by the renderer

# Tagged PDF/UA-1: a structure tree, /MarkInfo, the title shown as the window's title. A file
# identifier (pydyf derives it from the content, so it is the same for the same bytes).
RENDER_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}
CACHE_FORMAT = "2"  # bump when the layout of the cache folder changes (2: each entry records its digest)

Subject = Union[Project, Cohort, None]  # what a PDF is of: a project, a cohort, or all cohorts


@dataclass(frozen=True)
class PdfSettings:
    print_dir: Path  # theme/print/: templates, CSS, fonts; the only files a PDF may load
    cache_dir: Path  # outside the site, kept between builds
    programme_name: str
    # Who publishes the PDFs (a pack's cover, each PDF's author), the region (in the keywords),
    # the contact (each snapshot's foot, a pack's back page) and whether the programme has ended.
    identity: ProgrammeIdentity
    projects_file: str  # as shown in messages, e.g. data/projects.yaml
    created: dt.datetime | None  # the date on the cover and in the PDFs' metadata
    workers: int = os.cpu_count() or 1


@dataclass(frozen=True)
class PdfDocument:
    """A PDF rendered from one HTML document: a project's snapshot, or a part of a pack."""

    path: str  # in the site, e.g. downloads/snapshots/<slug>.pdf; a part has its pack's
    subject: Subject
    link_text: str
    html: str
    key: str  # the cache key: a hash of everything that decides the PDF's bytes
    tagged: bool = True  # PDF/UA-1; a pack's folios are not: they are drawn as artifacts

    @property
    def project(self) -> Project | None:
        return self.subject if isinstance(self.subject, Project) else None


@dataclass(frozen=True)
class PackPart:
    """A part of a pack: a cohort's page, a project's snapshot, or the back page."""

    document: PdfDocument
    anchor: str  # what the contents links to: cohort-<id>, project-<slug> or contact
    bookmark: tuple[str, int] | None  # (title, level) of its bookmark: 1 for a cohort, 2 for a project
    folio: str  # the kind of page, for its footer: "pack", or "snapshot" (its own margins and title)


@dataclass(frozen=True)
class Folio:
    """The footer drawn over one page of a pack."""

    kind: str  # "cover" (no footer), "pack" or "snapshot"
    title: str
    number: str  # "Page 7 of 104", or "" on the cover


@dataclass(frozen=True)
class PackDocument:
    """A pack, assembled from its parts (hooks/showcase/assembly.py) behind its cover and
    contents, which are rendered last: the contents gives the page each part starts on."""

    path: str
    subject: Cohort | None
    link_text: str
    running_title: str  # e.g. "Impact summaries, 2022/23 pilot cohort"
    parts: tuple[PackPart, ...]
    front_html: Callable[[Mapping[str, int]], str]  # the cover and contents, given each anchor's page
    folio_html: Callable[[tuple[Folio, ...]], str]
    projects: int

    @property
    def project(self) -> None:
        return None


@dataclass(frozen=True)
class RenderedPdf:
    document: PdfDocument | PackDocument
    file: Path  # in the cache
    size: int  # bytes
    pages: int
    rendered: bool  # rendered by this build; False when it came from the cache

    @property
    def size_label(self) -> str:
        return size_label(self.size)


@dataclass(frozen=True)
class RenderReport:
    pdfs: tuple[RenderedPdf, ...]  # in the order of the documents
    problems: tuple[Problem, ...]  # quality warnings, each naming a record or a PDF
    seconds: float

    @property
    def rendered(self) -> tuple[RenderedPdf, ...]:
        return tuple(pdf for pdf in self.pdfs if pdf.rendered)

    def for_subject(self, subject: Subject) -> RenderedPdf | None:
        """The snapshot of a project, the pack of a cohort, or (None) the pack of the programme:
        the all-cohorts pack, or the only cohort's pack when there is one cohort."""
        if subject is None:
            packs = [pdf for pdf in self.pdfs if not isinstance(pdf.document.subject, Project)]
            whole = [pdf for pdf in packs if pdf.document.subject is None]
            if whole:
                return whole[0]
            return packs[0] if len(packs) == 1 else None
        for pdf in self.pdfs:
            subject_of_pdf = pdf.document.subject
            if type(subject_of_pdf) is type(subject) and _identity(subject_of_pdf) == _identity(subject):
                return pdf
        return None


class PdfRenderError(Exception):
    """A PDF could not be rendered: the site would be missing a download."""


def pdf_creation_date(programme: Programme, source_date_epoch: str | None) -> dt.datetime | None:
    """The date the PDFs carry: SOURCE_DATE_EPOCH when the build sets it (reproducible-builds.org),
    else the latest date in the data (a cohort's start, end, graduation or showcase event).

    It comes from the data's content, never a file's modification time, so a fresh checkout
    renders the same bytes. None when the data has no date at all: the PDFs then carry none.
    Raises ValueError when SOURCE_DATE_EPOCH is not a whole number of seconds.
    """
    if source_date_epoch:
        if not source_date_epoch.strip().isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH should be a whole number of seconds since 1970, not {source_date_epoch!r}.")
        return dt.datetime.fromtimestamp(int(source_date_epoch), tz=dt.timezone.utc)
    dates = [
        value for cohort in programme.cohorts
        for value in (cohort.start, cohort.end, cohort.graduation, cohort.showcase_event) if value
    ]
    return dt.datetime.combine(max(dates), dt.time(), tzinfo=dt.timezone.utc) if dates else None


def snapshot_path(project: Project) -> str:
    return f"{DOWNLOADS}/snapshots/{project.slug}.pdf"


def pack_path(cohort: Cohort | None) -> str:
    return f"{DOWNLOADS}/impact-summaries-{cohort.id}.pdf" if cohort else ALL_COHORTS_PACK


# -- planning: the model becomes HTML ---------------------------------------------------------

@dataclass(frozen=True)
class DocumentMeta:
    """What WeasyPrint writes into the PDF's metadata, from the HTML's <head>."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    created: str | None  # W3C date-time, e.g. 2023-05-16T00:00:00Z
    lang: str = LANGUAGE


def plan_documents(programme: Programme, settings: PdfSettings) -> tuple[PdfDocument | PackDocument, ...]:
    """Every PDF of the showcase: the packs, then one snapshot per project.

    A pack's project pages are the projects' snapshots, so each project is laid out once.
    Raises jinja2.TemplateError when a print template is broken.
    """
    env = print_environment(settings.print_dir, settings.cache_dir)
    fingerprint = render_fingerprint(settings.print_dir)
    summaries = [
        CohortSummary(cohort, projects)
        for cohort in programme.cohorts if (projects := programme.projects_in_cohort(cohort))
    ]
    snapshots = {project.slug: _snapshot(env, fingerprint, settings, project) for project in programme.projects}
    packs: list[PackDocument] = []
    if len(summaries) > 1:
        packs.append(_pack(env, fingerprint, settings, None, tuple(summaries), snapshots))
    packs += [_pack(env, fingerprint, settings, summary.cohort, (summary,), snapshots) for summary in summaries]
    return (*packs, *snapshots.values())


@functools.lru_cache(maxsize=8)
def print_environment(print_dir: Path, cache_dir: Path) -> jinja2.Environment:
    """The print templates' Jinja: every value is escaped, and a missing one is an error.

    Compiling the templates is most of a build that renders nothing, so they compile once: one
    environment per process (it reloads a template whose file changed), and the compiled code
    kept in the cache folder for the next process.
    """
    (cache_dir / "templates").mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(print_dir), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, bytecode_cache=jinja2.FileSystemBytecodeCache(cache_dir / "templates"),
    )
    env.filters.update(JINJA_FILTERS)
    env.filters.update(CITATION_FILTERS)
    env.globals.update(CITATION_GLOBALS)
    env.filters["keyword"] = lambda text: text.replace(",", "")  # WeasyPrint splits keywords on commas
    env.filters["direction"] = text_direction
    return env


def text_direction(text: str) -> str:
    """'rtl' when the text starts in a right-to-left script (Arabic, Hebrew...), else 'ltr': as
    HTML's dir="auto" decides, which WeasyPrint does not do itself."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _pack(env: jinja2.Environment, fingerprint: str, settings: PdfSettings, cohort: Cohort | None,
          summaries: tuple[CohortSummary, ...], snapshots: Mapping[str, PdfDocument]) -> PackDocument:
    projects = tuple(project for summary in summaries for project in summary.projects)
    scope = cohort.title if cohort else "all cohorts"
    path = pack_path(cohort)
    meta = DocumentMeta(
        title=f"Impact summaries: {scope} – {settings.programme_name}",
        author=settings.identity.organisation,
        subject=(f"One impact summary for each of the {len(projects)} projects of the {settings.programme_name}"
                 + (f", {cohort.title}" if cohort else "") + ": aim, place, challenge theme, organisation, "
                 "outcomes and quotes."),
        keywords=_keywords("social prescribing", settings.identity.region, settings.programme_name, "impact summaries",
                           *(summary.cohort.title for summary in summaries),
                           # A keyword is a claim a search engine repeats: inferred facts stay out.
                           *sorted({project.theme.title for project in projects if not project.is_unconfirmed("theme")})),
        created=_w3c(settings.created),
    )

    def part(template: str, **context: Any) -> PdfDocument:
        html = env.get_template(template).render(meta=meta, **context)
        return PdfDocument(path, cohort, "", html, _key(fingerprint, html))

    parts: list[PackPart] = []
    for summary in summaries:
        parts.append(PackPart(part("glance.html", summary=summary), f"cohort-{summary.cohort.id}",
                              (summary.cohort.title, 1), "pack"))
        parts += [PackPart(snapshots[project.slug], f"project-{project.slug}", (project.name, 2), "snapshot")
                  for project in summary.projects]
    parts.append(PackPart(part("back.html", data_date=settings.created, identity=settings.identity), "contact", None, "pack"))

    def front_html(pages: Mapping[str, int]) -> str:
        return env.get_template("front.html").render(
            meta=meta, identity=settings.identity, programme_name=settings.programme_name, cohort=cohort, summaries=summaries,
            projects=projects, data_date=settings.created, pages=pages,
            any_unconfirmed=any(project.unconfirmed for project in projects),
        )

    def folio_html(folios: tuple[Folio, ...]) -> str:
        return env.get_template("folio.html").render(meta=meta, folios=folios)

    link_text = (f"Download the impact summaries of the {cohort.title}" if cohort
                 else f"Download the impact summaries of all {len(projects)} projects")
    return PackDocument(path, cohort, link_text, f"Impact summaries, {scope}", tuple(parts), front_html,
                        folio_html, len(projects))


def _snapshot(env: jinja2.Environment, fingerprint: str, settings: PdfSettings, project: Project) -> PdfDocument:
    meta = DocumentMeta(
        title=f"{project.name}: project snapshot – {settings.programme_name}",
        author=settings.identity.organisation,
        subject=f"A one-page snapshot of {project.name}, a project of the {settings.programme_name}, {project.cohort.title}.",
        keywords=_keywords("social prescribing", settings.identity.region, settings.programme_name, "project snapshot",
                           project.cohort.title,
                           # A keyword is a claim a search engine repeats: inferred facts stay out.
                           *_confirmed(project, "theme", (project.theme.title,)),
                           *_confirmed(project, "boroughs", (*(area.name for area in project.boroughs),
                                                             *(icb.name for icb in project.icbs))),
                           *project.tags),
        created=_w3c(settings.created),
    )
    html = env.get_template("snapshot.html").render(
        meta=meta, programme_name=settings.programme_name, project=project, data_date=settings.created,
        identity=settings.identity,
    )
    return PdfDocument(snapshot_path(project), project, "Download this project’s snapshot",
                       html, _key(fingerprint, html))


def _keywords(*words: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(" ".join(word.replace(",", " ").split()), None)
    return tuple(seen)


def _w3c(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _confirmed(project: Project, field_name: str, values: tuple[str, ...]) -> tuple[str, ...]:
    return () if project.is_unconfirmed(field_name) else values


def _identity(subject: Subject) -> str:
    return subject.slug if isinstance(subject, Project) else subject.id if isinstance(subject, Cohort) else ""


# -- the cache key ----------------------------------------------------------------------------

def render_fingerprint(print_dir: Path) -> str:
    """A hash of everything except the HTML that decides a PDF's bytes."""
    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, json.dumps(RENDER_OPTIONS, sort_keys=True), _library_versions(),
                 *(_file_digest(module) for module in (Path(__file__), Path(__file__).with_name("assembly.py")))):
        digest.update(part.encode() + b"\0")
    for path in sorted(p for p in print_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(print_dir).as_posix().encode() + b"\0")
        digest.update(_file_digest(path).encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read again only when its size or time changes (the fonts
    are megabytes, and every build of a `mkdocs serve` session asks)."""
    status = path.stat()
    return _digest_of(path, status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _digest_of(path: Path, size: int, modified_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _key(fingerprint: str, html: str) -> str:
    return hashlib.sha256(fingerprint.encode() + b"\0" + html.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=1)  # the libraries do not change while a process runs
def _library_versions() -> str:
    """WeasyPrint's Python packages and the C libraries that lay out and shape its text.

    Read without importing WeasyPrint (which takes most of a second), so a build that renders
    nothing stays fast.
    """
    versions = []
    for package in ("weasyprint", "pydyf", "fonttools", "pikepdf"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} missing")
    for library, function in (("pango-1.0", "pango_version_string"), ("harfbuzz", "hb_version_string")):
        versions.append(f"{library} {_c_library_version(library, function)}")
    return "; ".join(versions)


def _c_library_version(library: str, function: str) -> str:
    try:
        found = ctypes.util.find_library(library)
        if not found:
            return "unknown"
        version = getattr(ctypes.CDLL(found), function)
        version.restype = ctypes.c_char_p
        return version().decode()
    except (OSError, AttributeError):
        return "unknown"


# -- rendering --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _RenderJob:
    path: str
    html: str
    key: str
    print_dir: Path
    cache_dir: Path
    style_key: str  # the render fingerprint: a worker parses print.css once per value
    tagged: bool


@dataclass(frozen=True)
class _AssemblyJob:
    path: str
    key: str
    cache_dir: Path
    parts: tuple[tuple[Path, tuple[str, int] | None], ...]  # each part's PDF and bookmark, the front first
    folios: Path


@dataclass(frozen=True)
class _RenderOutcome:
    """What a render reported; stored beside the PDF in the cache as JSON."""

    path: str
    pages: int
    refused: tuple[str, ...]  # addresses the PDF was not allowed to load
    messages: tuple[str, ...]  # WeasyPrint's own warnings
    digest: str  # SHA-256 of the PDF as written: a cached file that differs is rendered again

    def to_json(self) -> str:
        return json.dumps({"path": self.path, "pages": self.pages, "refused": list(self.refused),
                           "messages": list(self.messages), "digest": self.digest}, sort_keys=True, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "_RenderOutcome":
        data = json.loads(text)
        return cls(data["path"], data["pages"], tuple(data["refused"]), tuple(data["messages"]), data["digest"])


class PdfRendering:
    """PDFs being rendered. `finish` waits for them; `cancel` stops what has not started.

    In four stages, each rendering in parallel what the cache lacks: (1) every snapshot and
    every other part of a pack, which need only the model: it starts at once, while MkDocs
    reads the pages; then, in `finish`, (2) each pack's cover and contents, which give the page
    each part starts on; (3) each pack's folios (its running footer), which need its page
    count; (4) each pack assembled from them.
    """

    def __init__(self, documents: tuple[PdfDocument | PackDocument, ...], settings: PdfSettings):
        self.documents = documents
        self.settings = settings
        self.started = time.monotonic()
        self.fingerprint = render_fingerprint(settings.print_dir)
        self.outcomes: dict[str, _RenderOutcome] = {}  # by cache key
        self.rendered: set[str] = set()  # the keys this build rendered
        self.futures: dict[str, concurrent.futures.Future] = {}
        self.paths: dict[str, str] = {}  # the PDF each pending render is for, by key
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        _lock_cache(settings.cache_dir)  # until `release`: the site is built from these files
        _use_only_committed_fonts(settings)
        packs = [document for document in documents if isinstance(document, PackDocument)]
        # Longest first: the snapshots and parts of the first pack, in order.
        self._start([part.document for pack in packs for part in pack.parts]
                    + [document for document in documents if isinstance(document, PdfDocument)])

    def finish(self) -> RenderReport:
        """Wait for the renders. Raises PdfRenderError naming the first PDF that failed."""
        try:
            self._wait()
            packs = [document for document in self.documents if isinstance(document, PackDocument)]
            fronts = self._fronts(packs)
            folios = {pack.path: self._folios(pack, fronts[pack.path]) for pack in packs}
            self._start(folios.values())
            self._wait()
            pack_keys = {pack.path: self._assemble(pack, fronts[pack.path], folios[pack.path]) for pack in packs}
            self._wait()
        finally:
            self.cancel()
        found: list[tuple[RenderedPdf, _RenderOutcome]] = []
        for document in self.documents:
            key = pack_keys[document.path] if isinstance(document, PackDocument) else document.key
            file = _cache_file(self.settings.cache_dir, key, ".pdf")
            outcome = self.outcomes[key]
            if isinstance(document, PackDocument):  # what its own parts reported (snapshots report theirs)
                own = [self.outcomes[own_key] for own_key in (
                    fronts[document.path].key, folios[document.path].key,
                    *(part.document.key for part in document.parts if part.folio == "pack"))]
                outcome = _RenderOutcome(
                    document.path, outcome.pages,
                    tuple(dict.fromkeys(url for part in own for url in part.refused)),
                    tuple(dict.fromkeys(message for part in own for message in part.messages)), outcome.digest)
            found.append((RenderedPdf(document, file, file.stat().st_size, outcome.pages, key in self.rendered), outcome))
        _prune_cache(self.settings.cache_dir, set(self.outcomes))
        pdfs = tuple(pdf for pdf, _ in found)
        return RenderReport(pdfs, _problems(found, self.settings), time.monotonic() - self.started)

    def cancel(self) -> None:
        """Drop the renders that have not started; the pool stays for the next build."""
        for future in self.futures.values():
            future.cancel()

    def release(self) -> None:
        """The build has copied its PDFs (or failed): another build may use the cache now."""
        self.cancel()
        _unlock_cache(self.settings.cache_dir)

    def _start(self, documents: Iterable[PdfDocument]) -> None:
        """Start rendering each document the cache lacks (each once)."""
        for document in documents:
            if document.key in self.outcomes or document.key in self.futures:
                continue
            cached = _read_cache(self.settings.cache_dir, document.key)
            if cached:
                self.outcomes[document.key] = cached
                continue
            job = _RenderJob(document.path, document.html, document.key, self.settings.print_dir,
                             self.settings.cache_dir, self.fingerprint, document.tagged)
            self._submit(document.key, document.path, _render_job, job)

    def _submit(self, key: str, path: str, function: Callable, job: Any) -> None:
        try:
            self.futures[key] = _worker_pool(self.settings.workers).submit(function, job)
        except BrokenProcessPool:  # a worker died in an earlier build
            _discard_worker_pool(self.settings.workers)
            self.futures[key] = _worker_pool(self.settings.workers).submit(function, job)
        self.paths[key] = path

    def _wait(self) -> None:
        for key, future in self.futures.items():
            try:
                self.outcomes[key] = future.result()
            except Exception as error:  # a worker's exception, or a broken pool
                if isinstance(error, BrokenProcessPool):
                    _discard_worker_pool(self.settings.workers)
                raise PdfRenderError(f"{self.paths[key]} could not be rendered: {type(error).__name__}: {error}") from error
            self.rendered.add(key)
        self.futures.clear()

    def _pages(self, document: PdfDocument) -> int:
        return self.outcomes[document.key].pages

    def _fronts(self, packs: list[PackDocument]) -> dict[str, PdfDocument]:
        """Each pack's cover and contents. The contents gives each part's first page, which
        depends on how many pages the contents itself takes: guessed, then checked."""
        guesses = {pack.path: 2 + pack.projects // 40 for pack in packs}  # the cover, ~40 entries a page
        fronts: dict[str, PdfDocument] = {}
        for attempt in range(3):
            tries = {pack.path: self._front(pack, guesses[pack.path]) for pack in packs if pack.path not in fronts}
            self._start(tries.values())
            self._wait()
            for path, front in tries.items():
                if self._pages(front) == guesses[path] or attempt == 2:
                    fronts[path] = front
                guesses[path] = self._pages(front)
            if len(fronts) == len(packs):
                break
        return fronts

    def _front(self, pack: PackDocument, front_pages: int) -> PdfDocument:
        pages: dict[str, int] = {}
        page = front_pages + 1
        for part in pack.parts:
            pages.setdefault(part.anchor, page)
            page += self._pages(part.document)
        html = pack.front_html(pages)
        return PdfDocument(pack.path, pack.subject, "", html, _key(self.fingerprint, html))

    def _folios(self, pack: PackDocument, front: PdfDocument) -> PdfDocument:
        kinds = ["cover"] + ["pack"] * (self._pages(front) - 1)
        for part in pack.parts:
            kinds += [part.folio] * self._pages(part.document)
        folios = tuple(Folio(kind, pack.running_title, f"Page {number} of {len(kinds)}" if kind != "cover" else "")
                       for number, kind in enumerate(kinds, 1))
        html = pack.folio_html(folios)
        return PdfDocument(pack.path, pack.subject, "", html, _key(self.fingerprint, html), tagged=False)

    def _assemble(self, pack: PackDocument, front: PdfDocument, folios: PdfDocument) -> str:
        """Start assembling `pack` unless the cache holds it; return its cache key."""
        cache_dir = self.settings.cache_dir
        parts = ((front.key, None), *((part.document.key, part.bookmark) for part in pack.parts))
        key = _key(self.fingerprint, json.dumps([parts, folios.key, pack.path]))
        if key not in self.outcomes and key not in self.futures:
            cached = _read_cache(cache_dir, key)
            if cached:
                self.outcomes[key] = cached
            else:
                job = _AssemblyJob(pack.path, key, cache_dir,
                                   tuple((_cache_file(cache_dir, part, ".pdf"), bookmark) for part, bookmark in parts),
                                   _cache_file(cache_dir, folios.key, ".pdf"))
                self._submit(key, pack.path, _assembly_job, job)
        return key


def start_rendering(documents: Iterable[PdfDocument | PackDocument], settings: PdfSettings) -> PdfRendering:
    """Start rendering every document the cache does not hold, and return at once."""
    return PdfRendering(tuple(documents), settings)


def render_documents(documents: Iterable[PdfDocument | PackDocument], settings: PdfSettings) -> RenderReport:
    return start_rendering(documents, settings).finish()


# The worker processes, by their number, kept for the life of this process: under `mkdocs serve`
# (with SHOWCASE_PDF=1) or the benchmark, the next build's workers have WeasyPrint imported and
# print.css parsed already, so a changed record costs its own render and the pack's assembly.
# A one-off `mkdocs build` shuts them down at exit (concurrent.futures' atexit handler).
_worker_pools: dict[int, concurrent.futures.ProcessPoolExecutor] = {}


def _worker_pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    workers = max(1, workers)
    if workers not in _worker_pools:
        context = _process_context()
        forked = context.get_start_method() == "fork"
        _worker_pools[workers] = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=context,
            # Under spawn, a worker imports this module by name: it needs the hooks folder first.
            initializer=_watch_parent if forked else site.addsitedir,
            initargs=(os.getpid(),) if forked else (str(Path(__file__).resolve().parent.parent),),
        )
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


def _process_context() -> multiprocessing.context.BaseContext:
    # Fork starts a worker in milliseconds; spawn (macOS, Windows) re-imports everything.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


# The fonts a PDF may use are the committed ones in theme/print/fonts/, part of the cache key.
# Left to itself, fontconfig would fill in a character they lack from whatever fonts the machine
# has: a PDF's bytes would then depend on the machine, and a cached PDF would outlive a change of
# those fonts. So the workers' fontconfig knows only the committed folder; a character none of
# its fonts has is drawn as a blank box, reported against the record that holds it (_problems).
def _use_only_committed_fonts(settings: PdfSettings) -> None:
    conf = settings.cache_dir / "fonts.conf"
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{html.escape(str((settings.print_dir / 'fonts').resolve()))}</dir>\n"
        f"  <cachedir>{html.escape(str((settings.cache_dir / 'fontconfig').resolve()))}</cachedir>\n"
        "</fontconfig>\n"
    )
    if not conf.is_file() or conf.read_text("utf-8") != text:
        _write_atomically(conf, text.encode())
    # Read by fontconfig when a worker first lays out text; workers inherit it from here.
    os.environ["FONTCONFIG_FILE"] = str(conf.resolve())


# Builds that share a cache folder (two checkouts' `mkdocs serve`, a build beside a preview)
# take turns: one build holds the folder's lock from its first render until its PDFs are in the
# site, so no build prunes or replaces files another is reading. The lock is the operating
# system's (flock): it goes with the process, however the process ends.
_held_locks: dict[Path, Any] = {}


def _lock_cache(cache_dir: Path) -> None:
    if cache_dir in _held_locks:  # this process holds it already (an earlier build that failed)
        return
    handle = open(cache_dir / ".lock", "a")  # noqa: SIM115 (held open until _unlock_cache)
    fcntl.flock(handle, fcntl.LOCK_EX)
    _held_locks[cache_dir] = handle


def release_cache_locks() -> None:
    """Let other builds use every cache folder this process holds (a build failed midway)."""
    for cache_dir in list(_held_locks):
        _unlock_cache(cache_dir)


def _unlock_cache(cache_dir: Path) -> None:
    handle = _held_locks.pop(cache_dir, None)
    if handle is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _cache_file(cache_dir: Path, key: str, suffix: str) -> Path:
    return cache_dir / f"{key}{suffix}"


def _read_cache(cache_dir: Path, key: str) -> _RenderOutcome | None:
    """The cached outcome of `key`, if its PDF is exactly the one written: the JSON is written
    last and holds the PDF's digest, so a PDF cut short, altered or replaced on disk is
    dropped here and rendered again, never published."""
    record, pdf = _cache_file(cache_dir, key, ".json"), _cache_file(cache_dir, key, ".pdf")
    try:
        outcome = _RenderOutcome.from_json(record.read_text("utf-8"))
        if _file_digest(pdf) == outcome.digest:
            return outcome
    except (OSError, ValueError, KeyError, TypeError):
        pass
    record.unlink(missing_ok=True)
    pdf.unlink(missing_ok=True)
    return None


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


_CACHE_ENTRY = re.compile(r"^\.?[0-9a-f]{64}\.(pdf|json)(\.\d+\.tmp)?$")


def _prune_cache(cache_dir: Path, keep: set[str]) -> None:
    """Remove the PDFs this build did not use, so the cache holds one site's worth, and the
    half-written files of workers that were killed (this build holds the lock: none is in use)."""
    for path in cache_dir.iterdir():
        entry = _CACHE_ENTRY.match(path.name)
        if entry and (entry.group(2) or path.name.lstrip(".")[:64] not in keep):
            path.unlink(missing_ok=True)


def _render_job(job: _RenderJob) -> _RenderOutcome:
    """Render one PDF into the cache. Runs in a worker process."""
    import weasyprint  # here, not at the top: only workers pay for importing it

    style = _print_style(weasyprint, job.print_dir, job.style_key)
    fetcher = _print_files_fetcher(weasyprint, job.print_dir)
    with _weasyprint_warnings() as messages:
        source = weasyprint.HTML(string=job.html, base_url=_base_url(job.print_dir), url_fetcher=fetcher)
        options = RENDER_OPTIONS if job.tagged else {"pdf_identifier": True}
        document = source.render(stylesheets=[style.stylesheet], font_config=style.font_config, **options)
        pdf = document.write_pdf(**options)
    refused = tuple(dict.fromkeys([*style.refused, *fetcher.refused]))
    outcome = _RenderOutcome(
        path=job.path, pages=len(document.pages), refused=refused,
        # WeasyPrint also says it failed to load what was refused: that is reported once, better.
        messages=tuple(dict.fromkeys(
            message for message in [*style.messages, *messages] if not any(url in message for url in refused))),
        digest=hashlib.sha256(pdf).hexdigest(),
    )
    _write_atomically(_cache_file(job.cache_dir, job.key, ".pdf"), pdf)
    _write_atomically(_cache_file(job.cache_dir, job.key, ".json"), outcome.to_json().encode())
    return outcome


def _assembly_job(job: _AssemblyJob) -> _RenderOutcome:
    """Assemble one pack into the cache. Runs in a worker process."""
    from .assembly import Part, assemble  # here: only workers import pikepdf

    temporary = _cache_file(job.cache_dir, job.key, f".pdf.{os.getpid()}.tmp")
    pages = assemble([Part(file, bookmark) for file, bookmark in job.parts], job.folios, temporary)
    digest = hashlib.sha256(temporary.read_bytes()).hexdigest()
    os.replace(temporary, _cache_file(job.cache_dir, job.key, ".pdf"))
    outcome = _RenderOutcome(job.path, pages, (), (), digest)
    _write_atomically(_cache_file(job.cache_dir, job.key, ".json"), outcome.to_json().encode())
    return outcome


@dataclass(frozen=True)
class _PrintStyle:
    """print.css parsed, with its fonts loaded: the same for every PDF of a build."""

    stylesheet: Any  # weasyprint.CSS
    font_config: Any  # weasyprint.text.fonts.FontConfiguration
    refused: tuple[str, ...]
    messages: tuple[str, ...]


# Per worker process, by print folder and render fingerprint. Parsing the CSS and loading its
# fonts is most of a snapshot's render, and doing it once per worker gives the same bytes as
# doing it every time.
_print_styles: dict[tuple[Path, str], _PrintStyle] = {}


def _print_style(weasyprint, print_dir: Path, style_key: str) -> _PrintStyle:
    if (print_dir, style_key) not in _print_styles:
        from weasyprint.text.fonts import FontConfiguration

        fetcher = _print_files_fetcher(weasyprint, print_dir)
        font_config = FontConfiguration()
        with _weasyprint_warnings() as messages:
            stylesheet = weasyprint.CSS(url=_base_url(print_dir) + STYLESHEET, url_fetcher=fetcher, font_config=font_config)
        _print_styles[print_dir, style_key] = _PrintStyle(stylesheet, font_config, tuple(fetcher.refused), tuple(messages))
    return _print_styles[print_dir, style_key]


@contextlib.contextmanager
def _weasyprint_warnings() -> Iterator[list[str]]:
    """Collect what WeasyPrint logs (rather than let it print to the terminal) to report it."""
    messages: list[str] = []
    handler = _Collect(messages)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _Collect(logging.Handler):
    def __init__(self, messages: list[str]):
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _RefusedAddress(ValueError):
    pass


def _print_files_fetcher(weasyprint, print_dir: Path):
    """A WeasyPrint URL fetcher that serves the files in `print_dir` and refuses everything else."""

    class PrintFilesOnly(weasyprint.URLFetcher):
        def __init__(self) -> None:
            super().__init__()
            self.root = print_dir.resolve()
            self.refused: list[str] = []

        def fetch(self, url: str, headers=None):
            path = self._local_file(url)
            if path is None:
                self.refused.append(url)
                raise _RefusedAddress(f"{url} is not a file in {self.root}: the showcase's PDFs load nothing else")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

        def _local_file(self, url: str) -> Path | None:
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                return None
            path = Path(url2pathname(parts.path)).resolve()
            return path if path.is_relative_to(self.root) and path.is_file() else None

    return PrintFilesOnly()


# -- problems ---------------------------------------------------------------------------------

def _problems(found: list[tuple[RenderedPdf, _RenderOutcome]], settings: PdfSettings) -> tuple[Problem, ...]:
    """Each problem once: a refused address against the record that asked for it (else against
    the PDFs whose templates did), WeasyPrint's warnings against the PDFs that raised them."""
    problems: dict[Problem, None] = {}
    base_url = _base_url(settings.print_dir)
    pdfs = [pdf for pdf, _ in found]
    projects = {pdf.document.project.slug: pdf.document.project for pdf in pdfs if pdf.document.project}
    asked_by = {address: project for project in projects.values() for address in _summary_addresses(project, base_url)}
    unexplained: dict[str, list[str]] = {}  # what the templates asked for -> the PDFs that asked
    for pdf, outcome in found:
        for url in outcome.refused:
            project = asked_by.get(url)
            if project is None:
                unexplained.setdefault(url, []).append(pdf.document.path)
                continue
            problems.setdefault(Problem(
                settings.projects_file, project.source_line, f"project '{project.slug}'", "summary",
                f"the PDFs cannot load '{_shorten(url)}': they only use files in theme/print/, never the network "
                "or another folder, so they were made without it.",
                "Remove it from the summary, or ask a developer to add the file to theme/print/.",
            ))
        project = pdf.document.project
        if project and pdf.pages > SNAPSHOT_MOST_PAGES:
            problems.setdefault(Problem(
                settings.projects_file, project.source_line, f"project '{project.slug}'", "",
                f"its snapshot ({pdf.document.path}) runs to {pdf.pages} pages; a snapshot should fit on one page, "
                f"{SNAPSHOT_MOST_PAGES} at most.",
                "Shorten the project's summary, outcomes or quotes.",
            ))
    for url, paths in unexplained.items():
        problems.setdefault(Problem(
            _some_pdfs(paths), 0, "", "",
            f"the print templates ask for '{_shorten(url)}', but PDFs only use files in theme/print/, so they "
            "were made without it.",
            "Fix the templates or CSS in theme/print/.",
        ))
    said_by: dict[str, list[str]] = {}
    missing: dict[str, list[str]] = {}  # a character no committed font has -> the PDFs that needed it
    for pdf, outcome in found:
        for message in outcome.messages:
            if glyph := _MISSING_GLYPH.search(message):
                missing.setdefault(glyph["character"], []).append(pdf.document.path)
            else:
                said_by.setdefault(message, []).append(pdf.document.path)
    for problem in _missing_glyph_problems(missing, pdfs, settings):
        problems.setdefault(problem)
    for message, paths in said_by.items():
        problems.setdefault(Problem(
            _some_pdfs(paths), 0, "", "", f"WeasyPrint reported: {message}",
            "Fix the templates or CSS in theme/print/.",
        ))
    return tuple(problems)


# How WeasyPrint says a character has no glyph in any font it may use.
_MISSING_GLYPH = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(?P<character>[^"]+)"')


def _missing_glyph_problems(missing: dict[str, list[str]], pdfs: list[RenderedPdf], settings: PdfSettings) -> list[Problem]:
    """One problem per record whose text holds characters no committed font has; characters no
    record holds come from the templates."""
    projects = {pdf.document.project.slug: pdf.document.project for pdf in pdfs if pdf.document.project}
    by_project: dict[str, list[str]] = {}
    unexplained: dict[str, list[str]] = {}
    for character, paths in missing.items():
        holders = [slug for slug, project in projects.items() if character in _project_text(project)]
        for slug in holders:
            by_project.setdefault(slug, []).append(character)
        if not holders:
            unexplained[character] = paths
    found = [_no_font_problem(projects[slug], characters, settings.projects_file) for slug, characters in by_project.items()]
    found += [
        Problem(_some_pdfs(paths), 0, "", "", f"the PDFs have no font for {_characters([character])}.",
                "Fix the templates in theme/print/, or add a font that has it to theme/print/fonts/.")
        for character, paths in unexplained.items()
    ]
    return found


def _no_font_problem(project: Project, characters: Iterable[str], projects_file: str) -> Problem:
    return Problem(projects_file, project.source_line, f"project '{project.slug}'", "",
                   f"the PDFs have no font for {_characters(list(characters))}, so each would print as an empty box.",
                   "Write the text without them, or ask a developer to add a font that has them to theme/print/fonts/.")


def font_problems(programme: Programme, print_dir: Path, projects_file: str) -> list[Problem]:
    """Before any PDF is rendered (for `scripts/check`): each record with characters that none
    of the committed fonts has, as the render would report them."""
    fonts = tuple(sorted((print_dir / "fonts").glob("*.[ot]tf")))
    if not fonts:
        return []  # no print templates here: nothing to judge
    covered = _committed_characters(fonts)
    problems = []
    for project in programme.projects:
        lacking = {c for c in _project_text(project) if c not in covered and unicodedata.category(c)[0] not in "CZ"}
        if lacking:
            problems.append(_no_font_problem(project, lacking, projects_file))
    return problems


@functools.lru_cache(maxsize=4)
def _committed_characters(fonts: tuple[Path, ...]) -> frozenset[str]:
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency

    covered: set[str] = set()
    for font in fonts:
        with TTFont(font, lazy=True) as loaded:
            covered.update(chr(code) for code in loaded.getBestCmap())
    return frozenset(covered)


def _characters(characters: list[str]) -> str:
    return ", ".join(f"'{c}' (U+{ord(c[0]):04X})" for c in sorted(set(characters), key=lambda c: ord(c[0])))


def _project_text(project: Project) -> str:
    """Every text of a record that a PDF may print."""
    return "\n".join([
        project.name, project.aim, project.summary or "", project.organisation or "", project.pcn or "",
        *project.partners, *project.outcomes, *project.tags, *(area.name for area in project.boroughs),
        *(text for quote in project.quotes for text in (quote.text, quote.attribution)),
        *(link.title for link in project.links), project.cohort.title, project.theme.title,
    ])


def _base_url(print_dir: Path) -> str:
    return print_dir.resolve().as_uri() + "/"


def _summary_addresses(project: Project, base_url: str) -> set[str]:
    """The addresses a project's summary asks a PDF to load (its images), as WeasyPrint resolves them."""
    if not project.summary:
        return set()
    sources = re.findall(r"<img\b[^>]*?\bsrc=\"([^\"]*)\"", render_markdown(project.summary))
    return {_as_weasyprint_resolves(urljoin(base_url, html.unescape(source).strip())) for source in sources}


def _as_weasyprint_resolves(url: str) -> str:
    """An address as WeasyPrint hands it to the fetcher: non-ASCII characters %-encoded."""
    return url if url.startswith("data:") else quote(url.encode("utf-8"), safe="/:?#[]@!$&'()*+,;=~%")


def _some_pdfs(paths: list[str]) -> str:
    others = len(paths) - 1
    return paths[0] + (f" (and {others} other PDF{'s' if others > 1 else ''})" if others else "")


def _shorten(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "..."

