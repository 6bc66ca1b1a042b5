"""Each PDF's HTML, written from the programme model with the templates in theme/print/.

`plan_documents` is the first of the three steps a build, a test or the benchmark takes (then
rendering.py's `start_rendering` and `PdfRendering.finish`): every PDF of the showcase, its HTML
and its cache key. The templates run in a Jinja environment that escapes every value and
refuses a missing one.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from showcase.model import Area, AreaLabel, Cohort, Icb, Picture, Programme, Project, Theme
from showcase.pdf.cache import document_key, render_fingerprint
from showcase.pdf.documents import (
    LANGUAGE,
    PICTURE_ADDRESS,
    Facet,
    Folio,
    PackDocument,
    PackPart,
    PackSubject,
    PdfDocument,
    PdfSettings,
    pack_path,
    snapshot_path,
)
from showcase.pdf.print_links import address_metas, print_link
from showcase.pdf.source_notes import SourceNotes, address_pieces, numbering, source_note
from showcase.web.site import place_name, projects_in, src_uri_for
from showcase.wording.cohort_summary import CohortSummary
from showcase.wording.project_summary import TEMPLATE_FILTERS, TEMPLATE_GLOBALS, ProjectSummary
from showcase.wording.tally import Tally, inferred_note
from showcase.wording.text import JINJA_FILTERS, plural


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
    """Every PDF of the showcase: the programme's pack, each cohort's, each facet's (a theme, area
    or ICB with projects), then one snapshot per project.

    A pack's summaries flow one after another, a rule between them, after their cohort's page:
    a project with little to say takes part of a page, not a page. Its snapshot is the same
    summary, a document of its own. Raises jinja2.TemplateError when a print template is broken.
    """
    env = print_environment(settings.print_dir, settings.cache_dir)
    fingerprint = render_fingerprint(settings.print_dir)
    summaries = [
        CohortSummary(cohort, projects, programme.area_label)
        for cohort in programme.cohorts
        if (projects := programme.projects_in_cohort(cohort))
    ]
    printed = {
        project.slug: _printed_summary(settings, project, programme.area_label) for project in programme.projects
    }
    snapshots = [_snapshot(env, fingerprint, settings, printed[project.slug]) for project in programme.projects]
    shared = _SharedParts(env, fingerprint, settings)
    packs: list[PackDocument] = []
    if summaries:  # the programme's pack, even of one cohort: its address never goes away
        packs.append(_pack(env, fingerprint, settings, None, tuple(summaries), printed, shared))
    packs += [_pack(env, fingerprint, settings, summary.cohort, (summary,), printed, shared) for summary in summaries]
    packs += [
        _pack(env, fingerprint, settings, facet, (), printed, shared, projects)
        for facet, projects in facet_selections(programme)
        if projects
    ]
    return (*packs, *snapshots)


class _SharedParts:
    """How a pack's own parts are rendered: with the programme's metadata, as a part's own is not
    the pack's (assembly.py takes the catalogue from the pack's first part, its cover)."""

    def __init__(self, env: jinja2.Environment, fingerprint: str, settings: PdfSettings):
        self.env = env
        self.fingerprint = fingerprint
        self.meta = DocumentMeta(
            title=f"Project summaries – {settings.programme_name}",
            author=settings.identity.document_author,
            subject="",
            keywords=(),
            created=_w3c(settings.created),
        )

    def part(self, template: str, **context: Any) -> PdfDocument:
        html = self.env.get_template(template).render(meta=self.meta, **context)
        # Filed under the programme's pack: a render's problem names the pack every reader has.
        return PdfDocument(pack_path(None), None, "", html, document_key(self.fingerprint, html))


def facet_selections(programme: Programme) -> tuple[tuple[Facet, tuple[Project, ...]], ...]:
    """Each theme, area and ICB with the projects its page lists, in the page's order."""
    return (
        *((theme, programme.projects_with_theme(theme)) for theme in programme.themes),
        *((area, programme.projects_in_area(area)) for area in programme.areas),
        *((icb, programme.projects_in_icb(icb)) for icb in programme.icbs),
    )


# The most summaries a part of a pack holds: they follow one another within a part, and each part
# starts a page. A part is laid out by one worker, again for each pack that holds its projects:
# smaller parts share the work between the workers and a changed record re-renders fewer summaries
# (bench/pdf_stage.py); larger ones leave fewer pages part-empty (one in every part at most).
FLOWING_MOST = 8


@dataclass(frozen=True)
class PackWording:
    """What a pack says it is: on its cover, in its footers, its metadata and its download link."""

    scope: str  # the cover's line under "Project summaries", e.g. "Projects in Gullhaven"
    title: str  # the PDF's title after "Project summaries: ", e.g. "all cohorts", "Projects in Gullhaven"
    count: str  # e.g. "10 projects in 2 cohorts"
    running_title: str  # each page's footer, e.g. "Project summaries, Gullhaven"
    subject: str  # the PDF's subject metadata
    link_text: str  # e.g. "Download these 4 summaries"
    keyword: str | None = None  # a facet's name, e.g. "Gullhaven"
    # A facet's pack whose selection rests on the editors' inference (a project's theme or area
    # marked unconfirmed): the sentence that says so, on the cover and in the subject metadata.
    inferred: str = ""


# The field whose value selects a facet's projects: one the editors may have inferred.
SELECTED_BY: dict[type, str] = {Theme: "theme", Area: "boroughs", Icb: "boroughs"}


def pack_wording(
    subject: PackSubject, cohorts: int, projects: int, programme_name: str, selected: tuple[Project, ...] = ()
) -> PackWording:
    """What a pack of `projects` says it is; a facet's pack of `selected` (its projects) says how
    many of them it holds only by an inferred theme or area ("5 projects (1 unconfirmed)"), and
    leaves its name out of the keywords when every one is."""
    field = SELECTED_BY.get(type(subject), "")
    unconfirmed = sum(1 for project in selected if project.is_unconfirmed(field)) if field else 0
    counted = Tally(projects, unconfirmed).of("project")
    inferred = inferred_note(selected, field) if field else ""
    # A keyword is a claim a search engine repeats: not a name every project has by inference.
    named = not unconfirmed or unconfirmed < projects
    of_all = f"One project summary for each of the {projects} projects of the {programme_name}"
    these = "Download this summary" if projects == 1 else f"Download these {projects} summaries"
    if subject is None:
        return PackWording(
            "All cohorts",
            "all cohorts",
            f"{counted} in {plural(cohorts, 'cohort')}",
            "Project summaries, all cohorts",
            of_all,
            f"Download the project summaries of all {projects} projects",
        )
    if isinstance(subject, Cohort):
        return PackWording(
            subject.title,
            subject.title,
            counted,
            f"Project summaries, {subject.title}",
            f"{of_all}, {subject.title}",
            f"Download the project summaries of the {subject.title}",
        )
    if isinstance(subject, Theme):
        return PackWording(
            f"Theme: {subject.title}",
            f"Theme: {subject.title}",
            counted,
            f"Project summaries, {subject.title}",
            f"{of_all} with the challenge theme {subject.title}",
            these,
            subject.title if named else None,
            inferred,
        )
    name = place_name(subject)
    return PackWording(
        projects_in(subject),
        projects_in(subject),
        counted,
        f"Project summaries, {name}",
        f"{of_all} in {name}",
        these,
        name if named else None,
        inferred,
    )


@functools.lru_cache(maxsize=8)
def print_environment(print_dir: Path, cache_dir: Path) -> jinja2.Environment:
    """The print templates' Jinja: every value is escaped, and a missing one is an error.

    Compiling the templates is most of a build that renders nothing, so they compile once: one
    environment per process (it reloads a template whose file changed), and the compiled code
    kept in the cache folder for the next process.
    """
    (cache_dir / "templates").mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(print_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache_dir / "templates")),
    )
    env.filters.update(JINJA_FILTERS)
    env.filters.update(TEMPLATE_FILTERS)
    env.globals.update(TEMPLATE_GLOBALS)
    env.filters["keyword"] = lambda text: text.replace(",", "")  # WeasyPrint splits keywords on commas
    env.filters["direction"] = text_direction
    env.filters["address_pieces"] = address_pieces
    env.filters["headings_below"] = headings_below
    env.globals["source_note"] = source_note
    return env


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def headings_below(html: Markup, levels: int) -> Markup:
    """A summary's Markdown with its headings `levels` lower (h2 -> h4 for 2), h6 at most: under a
    project's name at level 3 in a pack, as under its name at level 1 in its snapshot, so no
    heading level is skipped (PDF/UA-1)."""
    if levels <= 0:
        return html
    return Markup(_HEADING_TAG.sub(lambda tag: f"<{tag[1]}h{min(6, int(tag[2]) + levels)}", str(html)))


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


def _pack(
    env: jinja2.Environment,
    fingerprint: str,
    settings: PdfSettings,
    subject: PackSubject,
    summaries: tuple[CohortSummary, ...],
    printed: Mapping[str, PrintedSummary],
    shared: _SharedParts,
    facet_projects: tuple[Project, ...] = (),
) -> PackDocument:
    """A cohort's pack or the programme's (`summaries`: a part per cohort, its page then its
    projects' summaries), or a facet's (no summaries: one part of its `facet_projects`'
    summaries); then the pack's sources and the back page. One `SourceNotes` numbers the
    sources of the cover and of every part, in reading order."""
    projects = facet_projects or tuple(project for summary in summaries for project in summary.projects)
    wording = pack_wording(subject, len(summaries), len(projects), settings.programme_name, projects)
    if subject is None and len(summaries) == 1:
        # One cohort: the programme's pack is its cohort's pack, the same pages under the same
        # cover (which names the cohort), so it is the same file, rendered and assembled once.
        # Only the download link says it is the programme's.
        wording = replace(
            pack_wording(summaries[0].cohort, 1, len(projects), settings.programme_name), link_text=wording.link_text
        )
    path = pack_path(subject)
    meta = _document_meta(
        settings,
        f"Project summaries: {wording.title}",
        f"{wording.subject}: aim, place, challenge theme, organisation, outcomes and quotes."
        + (f" {wording.inferred}" if wording.inferred else ""),
        "project summaries",
        *(summary.cohort.title for summary in summaries),
        *((wording.keyword,) if wording.keyword else ()),
        # A keyword is a claim a search engine repeats: inferred facts stay out.
        *sorted({project.theme.title for project in projects if not project.is_unconfirmed("theme")}),
    )

    notes = SourceNotes()

    def flowing(cohort: CohortSummary | None, chosen: tuple[Project, ...], level: int) -> PackPart:
        """A part of the pack: a cohort's page (when given) and `chosen`'s summaries, flowing."""
        with numbering(notes):
            html = shared.part(
                "summaries.html",
                cohort=cohort,
                printed=[printed[project.slug] for project in chosen],
                level=level,
                contact_email=settings.identity.contact_email,
                link_addresses=address_metas(settings.site_url, ""),
            )
        bookmarks = tuple((project.name, level - 1, f"project-{project.slug}") for project in chosen)
        if cohort is not None:
            bookmarks = ((cohort.cohort.title, 1, f"cohort-{cohort.cohort.id}"), *bookmarks)
            return PackPart(html, f"cohort-{cohort.cohort.id}", bookmarks, "pack")
        return PackPart(html, f"project-{chosen[0].slug}", bookmarks, "pack")

    def run(cohort: CohortSummary | None, chosen: tuple[Project, ...]) -> list[PackPart]:
        """A run of summaries (a cohort's, after its page; a facet's) in parts of FLOWING_MOST."""
        level = 2 if cohort is None else 3
        batches = [chosen[start : start + FLOWING_MOST] for start in range(0, len(chosen), FLOWING_MOST)] or [()]
        return [flowing(cohort if number == 0 else None, batch, level) for number, batch in enumerate(batches)]

    parts = [part for summary in summaries for part in run(summary, summary.projects)]
    if facet_projects:
        parts += run(None, facet_projects)
    back = shared.part("back.html", notes=notes, data_date=settings.created, identity=settings.identity)
    parts.append(PackPart(back, "sources" if notes.listed else "contact", (), "pack"))

    # The cover and contents come first but cite nothing (a citation there stops the render):
    # written last, they know whether the pack has sources to list.
    front_html = env.get_template("front.html").render(
        meta=meta,
        identity=settings.identity,
        programme_name=settings.programme_name,
        scope=wording.scope,
        count=wording.count,
        inferred=wording.inferred,
        summaries=summaries,
        projects=projects,
        data_date=settings.created,
        sources=bool(notes.listed),
    )
    front = PdfDocument(path, subject, "", front_html, document_key(fingerprint, front_html))

    def folio_html(folios: tuple[Folio, ...]) -> str:
        return env.get_template("folio.html").render(meta=meta, folios=folios)

    return PackDocument(
        path, subject, wording.link_text, wording.running_title, front, tuple(parts), folio_html, len(projects)
    )


@dataclass(frozen=True)
class PrintedSummary:
    """One project's summary as the PDFs print it: its snapshot, and its place in the packs."""

    summary: ProjectSummary
    photo: PrintedPicture | None
    logo: PrintedPicture | None
    page: str  # its project's page within the site, e.g. projects/<slug>/: where its links start from
    web_address: str | None  # that page's address, when the site's address is known


def _printed_summary(settings: PdfSettings, project: Project, area_label: AreaLabel) -> PrintedSummary:
    # projects/<slug>/ (site.page_address says so too, at 20 times the cost: a warm build's).
    page = src_uri_for(project).removesuffix(".md") + "/"
    return PrintedSummary(
        ProjectSummary(project, area_label),
        _print_copy(settings, project.image),
        _print_copy(settings, project.logo),
        page,
        print_link("/" + page, settings.site_url),
    )


def _snapshot(env: jinja2.Environment, fingerprint: str, settings: PdfSettings, printed: PrintedSummary) -> PdfDocument:
    project = printed.summary.project
    meta = _document_meta(
        settings,
        f"{project.name}: project summary",
        f"A one-page summary of {project.name}, a project of the {settings.programme_name}, {project.cohort.title}.",
        "project summary",
        project.cohort.title,
        # A keyword is a claim a search engine repeats: inferred facts stay out.
        *_confirmed(project, "theme", (project.theme.title,)),
        *_confirmed(
            project, "boroughs", (*(area.name for area in project.boroughs), *(icb.name for icb in project.icbs))
        ),
        *project.tags,
    )
    with numbering(SourceNotes()) as notes:
        html = env.get_template("snapshot.html").render(
            meta=meta,
            programme_name=settings.programme_name,
            printed=printed,
            notes=notes,
            data_date=settings.created,
            identity=settings.identity,
            # Where its summary's links within the site go (print_links.py): from its project's page.
            link_addresses=address_metas(settings.site_url, printed.page),
        )
    return PdfDocument(
        snapshot_path(project), project, "Download this project’s summary", html, document_key(fingerprint, html)
    )


@dataclass(frozen=True)
class PrintedPicture:
    """A picture's print copy as a PDF's HTML names it, with its size in pixels."""

    uri: str
    width: int
    height: int


def _print_copy(settings: PdfSettings, picture: Picture | None) -> PrintedPicture | None:
    """The copy of a picture the PDFs embed, when the build made the pictures' copies."""
    copies = settings.pictures.get(picture.src) if picture is not None else None
    if copies is None:
        return None
    copy = copies.print_copy
    return PrintedPicture(PICTURE_ADDRESS + copy.file.name, copy.width, copy.height)


def _document_meta(settings: PdfSettings, title: str, subject: str, kind: str, *keywords: str) -> DocumentMeta:
    """A pack's or snapshot's metadata: its title with the programme's, by the programme's
    publisher (or the programme itself until the publisher is confirmed), with the keywords every PDF carries (the field, the region, the programme and
    what kind of PDF it is), then its own."""
    return DocumentMeta(
        title=f"{title} – {settings.programme_name}",
        author=settings.identity.document_author,
        subject=subject,
        keywords=_keywords("social prescribing", settings.identity.region, settings.programme_name, kind, *keywords),
        created=_w3c(settings.created),
    )


def _keywords(*words: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(" ".join(word.replace(",", " ").split()), None)
    return tuple(seen)


def _w3c(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _confirmed(project: Project, field_name: str, values: tuple[str, ...]) -> tuple[str, ...]:
    return () if project.is_unconfirmed(field_name) else values
