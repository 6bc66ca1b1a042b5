"""Each PDF's HTML and cache key, written from the programme model with theme/print/'s templates,
in a Jinja environment that escapes every value and refuses a missing one.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2

from showcase.colours import Colours
from showcase.model import Picture, Programme, Project
from showcase.pdf.cache import document_key, render_fingerprint
from showcase.pdf.documents import (
    CONTACT_ANCHOR,
    LANGUAGE,
    PICTURE_ADDRESS,
    Folio,
    PackDocument,
    PackPart,
    PackSubject,
    PdfDocument,
    PdfSettings,
    Subject,
    pack_path,
    snapshot_path,
)
from showcase.pdf.pack_wording import facet_selections, pack_wording, summaries_hold
from showcase.pdf.print_links import address_metas, print_link
from showcase.pdf.source_notes import SourceNotes, address_pieces, numbering, source_note
from showcase.web.site import src_uri_for
from showcase.wording.cohort_summary import CohortSummary
from showcase.wording.project_summary import TEMPLATE_FILTERS, TEMPLATE_GLOBALS, ProjectSummary
from showcase.wording.text import JINJA_FILTERS


@dataclass(frozen=True)
class DocumentMeta:
    """What WeasyPrint writes into the PDF's metadata, from the HTML's <head>."""

    title: str
    # The publisher (identity.py's), or "" for none. Not the programme: no source says it wrote
    # them (issue 28).
    author: str
    subject: str
    keywords: tuple[str, ...]
    created: str | None  # W3C date-time, e.g. 2023-05-16T00:00:00Z
    colours: Colours  # the programme's, which the head sets for print.css (it names none)
    lang: str = LANGUAGE


@dataclass(frozen=True)
class PrintedPicture:
    """A picture's print copy as a PDF's HTML names it, with its size in pixels."""

    uri: str
    width: int
    height: int


@dataclass(frozen=True)
class PrintedSummary:
    """One project's summary as the PDFs print it: its snapshot, and its place in the packs."""

    summary: ProjectSummary
    photo: PrintedPicture | None
    logo: PrintedPicture | None
    page: str  # its project's page within the site, e.g. projects/<slug>/: where its links start from
    web_address: str | None  # that page's address, when the site's address is known


def plan_documents(programme: Programme, settings: PdfSettings) -> tuple[PdfDocument | PackDocument, ...]:
    """Every PDF: the programme's pack, each cohort's, each facet's (a theme, area or ICB with
    projects), then one snapshot per project, whose pages every pack holding it shares.
    Raises jinja2.TemplateError when a print template is broken."""
    printer = _Printer(settings, programme)
    summaries = [
        CohortSummary(cohort, projects, programme.area_label)
        for cohort in programme.cohorts
        if (projects := programme.projects_in_cohort(cohort))
    ]
    packs: list[PackDocument] = []
    if summaries:  # the programme's pack, even of one cohort: its address never goes away
        packs.append(printer.pack(None, tuple(summaries)))
    packs += [printer.pack(summary.cohort, (summary,)) for summary in summaries]
    packs += [printer.pack(facet, (), projects) for facet, projects in facet_selections(programme) if projects]
    return (*packs, *printer.snapshots.values())


class _Printer:
    """The documents of one build. Each project's snapshot, the back page and each cohort's page
    are rendered once, for every pack that shows them; a part's metadata is not the pack's
    (assembly.py takes the catalogue from the pack's cover), so the latter two carry the programme's."""

    def __init__(self, settings: PdfSettings, programme: Programme):
        self.settings = settings
        self.env = print_environment(settings.print_dir, settings.cache_dir)
        self.fingerprint = render_fingerprint(settings.print_dir)
        self.snapshots = {project.slug: self.snapshot(project, programme) for project in programme.projects}
        identity = settings.identity
        title = f"Project summaries – {settings.programme_name}"
        self.meta = DocumentMeta(title, identity.publisher, "", (), _w3c(settings.created), identity.colours)
        self.back = self._part("back.html", data_date=settings.created, identity=identity)
        self.glances: dict[str, PdfDocument] = {}

    def document(self, path: str, subject: Subject, link_text: str, template: str, **context: Any) -> PdfDocument:
        html = self.env.get_template(template).render(**context)
        return PdfDocument(path, subject, link_text, html, document_key(self.fingerprint, html))

    def _part(self, template: str, **context: Any) -> PdfDocument:
        # Filed under the programme's pack: a render's problem names the pack every reader has.
        return self.document(pack_path(None), None, "", template, meta=self.meta, **context)

    def glance(self, summary: CohortSummary) -> PdfDocument:
        if summary.cohort.id not in self.glances:
            with numbering(SourceNotes()) as notes:
                self.glances[summary.cohort.id] = self._part("glance.html", summary=summary, notes=notes)
        return self.glances[summary.cohort.id]

    def pack(
        self, subject: PackSubject, summaries: tuple[CohortSummary, ...], facet_projects: tuple[Project, ...] = ()
    ) -> PackDocument:
        """A cohort's pack or the programme's (each cohort's page, then its projects), or a
        facet's (its `facet_projects`, one bookmark each); then the back page."""
        settings = self.settings
        projects = facet_projects or tuple(project for summary in summaries for project in summary.projects)
        wording = pack_wording(subject, len(summaries), projects, settings.programme_name)
        if subject is None and len(summaries) == 1:
            # One cohort: the programme's pack is its cohort's, the same pages under the same cover
            # (naming the cohort), so one file, rendered and assembled once; only its link differs.
            wording = replace(
                pack_wording(summaries[0].cohort, 1, projects, settings.programme_name), link_text=wording.link_text
            )
        meta = self.meta_of(
            f"Project summaries: {wording.title}",
            wording.subject + (f" {wording.inferred}" if wording.inferred else ""),
            "project summaries",
            *(summary.cohort.title for summary in summaries),
            *((wording.keyword,) if wording.keyword else ()),
            # A keyword is a claim a search engine repeats: inferred facts stay out.
            *sorted({project.theme.title for project in projects if not project.is_unconfirmed("theme")}),
        )

        def snapshot_part(project: Project, level: int) -> PackPart:
            anchor = f"project-{project.slug}"
            return PackPart(self.snapshots[project.slug], anchor, ((project.name, level, anchor),), "snapshot")

        parts: list[PackPart] = []
        for summary in summaries:
            anchor = f"cohort-{summary.cohort.id}"
            parts.append(PackPart(self.glance(summary), anchor, ((summary.cohort.title, 1, anchor),), "pack"))
            parts += [snapshot_part(project, 2) for project in summary.projects]
        parts += [snapshot_part(project, 1) for project in facet_projects]
        parts.append(PackPart(self.back, CONTACT_ANCHOR, (), "pack"))
        path = pack_path(subject)
        # The cover and contents cite nothing (a citation outside numbering() stops the render).
        front = self.document(
            path,
            subject,
            "",
            "front.html",
            meta=meta,
            identity=settings.identity,
            programme_name=settings.programme_name,
            scope=wording.scope,
            count=wording.count,
            inferred=wording.inferred,
            summaries=summaries,
            projects=projects,
            data_date=settings.created,
        )

        def folio_html(folios: tuple[Folio, ...]) -> str:
            return self.env.get_template("folio.html").render(meta=meta, folios=folios)

        return PackDocument(path, subject, wording.link_text, wording.running_title, front, tuple(parts), folio_html)

    def snapshot(self, project: Project, programme: Programme) -> PdfDocument:
        settings = self.settings
        # projects/<slug>/ (site.page_address says so too, at 20 times the cost: a warm build's).
        page = src_uri_for(project).removesuffix(".md") + "/"
        printed = PrintedSummary(
            ProjectSummary(project, programme.area_label),
            self.print_copy(project.image),
            self.print_copy(project.logo),
            page,
            print_link("/" + page, settings.site_url),
        )
        meta = self.meta_of(
            f"{project.name}: project summary",
            f"A summary of {project.name}, a project of the {settings.programme_name}, {project.cohort.title}. "
            + summaries_hold((project,)),
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
            return self.document(
                snapshot_path(project),
                project,
                "Download this project’s summary",
                "snapshot.html",
                meta=meta,
                programme_name=settings.programme_name,
                printed=printed,
                notes=notes,
                data_date=settings.created,
                identity=settings.identity,
                # Where its summary's links within the site go (print_links.py): from its project's page.
                link_addresses=address_metas(settings.site_url, page),
            )

    def print_copy(self, picture: Picture | None) -> PrintedPicture | None:
        """The copy of a picture the PDFs embed, when the build made the pictures' copies."""
        copies = self.settings.pictures.get(picture.src) if picture is not None else None
        if copies is None:
            return None
        copy = copies.print_copy
        return PrintedPicture(PICTURE_ADDRESS + copy.file.name, copy.width, copy.height)

    def meta_of(self, title: str, subject: str, kind: str, *keywords: str) -> DocumentMeta:
        """A pack's or snapshot's metadata: its title with the programme's, by the publisher, with
        the keywords every PDF carries (the field, the region, the programme, its kind), then its own."""
        settings = self.settings
        identity = settings.identity
        words = ("social prescribing", identity.region, settings.programme_name, kind, *keywords)
        return DocumentMeta(
            title=f"{title} – {settings.programme_name}",
            author=identity.publisher,
            subject=subject,
            keywords=tuple(dict.fromkeys(" ".join(word.replace(",", " ").split()) for word in words)),
            created=_w3c(settings.created),
            colours=identity.colours,
        )


@functools.lru_cache(maxsize=8)
def print_environment(print_dir: Path, cache_dir: Path) -> jinja2.Environment:
    """The print templates' Jinja: every value escaped, a missing one an error. Compiling them is
    most of a build that renders nothing: one environment per process (it reloads a changed
    template), its compiled code kept in the cache folder for the next process."""
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
    env.globals["source_note"] = source_note
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


def _w3c(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _confirmed(project: Project, field_name: str, values: tuple[str, ...]) -> tuple[str, ...]:
    return () if project.is_unconfirmed(field_name) else values
