"""What PDFs the showcase has, where they go, what they are and the date they carry.

- `downloads/snapshots/<slug>.pdf`: one project on one page (two at most); a renamed project's
  also at each earlier slug's address (earlier_paths).
- `downloads/impact-summaries.pdf`: the whole programme's pack, always (one cohort or many): a
  cover and contents, each cohort at a glance followed by its projects' snapshots (each lists the
  sources its facts cite at its foot, by the numbers they carry), and a back page with the
  programme's contact. A short snapshot goes below the page before it when it fits (SHARED_PAGE_GAP).
- `downloads/impact-summaries-<cohort id>.pdf`: a cohort's pack, laid out the same way.
- A facet pack for each theme, area and group that has projects, for the meeting that wants
  only its own: `downloads/themes/<theme id>.pdf`, `downloads/areas/<area slug>.pdf` (an area,
  whatever the geography calls it: borough, district...), `downloads/<groups>/<group id>.pdf`
  (the geography's `names:`: icbs/, groups/). Its cover names the selection and counts its
  projects; then the contents, its projects' snapshots (in the order of its page, by name) and
  the back page. No cohort's page: a cohort's figures (funding,
  applications) are the whole cohort's, which a facet pack would seem to claim for its selection.

Each pack's page but the cover carries its footer ("Page 7 of 104"). These addresses are
stable: the facet pages, the finder and other sites link them.

Plain data: print_html.py fills these in from the model, rendering.py makes the PDFs.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from showcase.identity import ProgrammeIdentity
from showcase.model import Area, Cohort, Icb, Programme, Project, Theme, record_key
from showcase.wording.as_of import as_of_time, latest_stated_date, source_date
from showcase.wording.text import size_label

if TYPE_CHECKING:  # pictures.py uses the PDFs' cache functions: imported for the types only
    from showcase.pictures.copies import PictureCopies

DOWNLOADS = "downloads"
ALL_COHORTS_PACK = f"{DOWNLOADS}/impact-summaries.pdf"
# The folder of a facet's packs, under DOWNLOADS, each named by the facet's key: themes/<id>.pdf.
# A group's is the programme's plural for groups (geography's `names:`: icbs/, groups/); an area's
# is areas/ whatever the programme calls them (published so before the names were a setting).
PACK_FOLDERS: dict[type, str] = {Theme: "themes", Area: "areas"}
SNAPSHOT_MOST_PAGES = 2
# In a pack, a one-page snapshot that fits below the content of the page before it (a cohort's
# page, or another snapshot's only or last page) goes there, this far (8 mm, in points) below it:
# its content moves down onto that page (assembly.py), and its masthead's rule parts the two. A
# project with little to say no longer leaves most of a page empty, and its pages in a pack are
# still its snapshot's, word for word. Two parts a page at most, in their order.
SHARED_PAGE_GAP = 8 * 72 / 25.4
CONTACT_ANCHOR = "contact"  # the id of a pack's back page, its contact: its last part
LANGUAGE = "en-GB"
STYLESHEET = "print.css"  # in theme/print/: applied to every PDF by the renderer

# Tagged PDF/UA-1: a structure tree, /MarkInfo, the title shown as the window's title. A file
# identifier (pydyf derives it from the content, so it is the same for the same bytes).
RENDER_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}

Facet = Theme | Area | Icb  # a selection of projects with a page of its own, and a pack
PackSubject = Cohort | Facet | None  # what a pack is of: a cohort, a facet, or (None) the programme
Subject = Project | PackSubject  # what a PDF is of


# How a PDF's HTML names a picture's print copy: this, then the copy's file name in the picture
# cache. Not the file's own address: WeasyPrint names an image in the PDF after its address, and
# a folder's path would make two builds of the same content in two folders differ.
PICTURE_ADDRESS = "showcase-picture:"
# How a pack's own pages link to one of its parts: `showcase-part:<anchor>`, which assembly.py
# makes a link inside the pack. The only links a PDF's HTML may have besides those to the web
# and to e-mail addresses (print_links.py).
PART_LINK_SCHEME = "showcase-part"


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
    # The pictures' copies by Picture.src (showcase/pictures/copies.py; none when the build makes no
    # pictures): a PDF embeds a picture's print copy by its PICTURE_ADDRESS, a file in `picture_dir`,
    # the one folder besides print_dir that a PDF may load files from.
    pictures: Mapping[str, PictureCopies] = field(default_factory=dict)
    picture_dir: Path | None = None
    # The site's address (mkdocs.yml's site_url), or None when unknown: a link in a summary to a
    # page of the site goes there (print_links.py), and is plain text without it.
    site_url: str | None = None


@dataclass(frozen=True)
class PdfDocument:
    """A PDF rendered from one HTML document: a project's snapshot, or a part of a pack."""

    path: str  # in the site, e.g. downloads/snapshots/<slug>.pdf; a part has its pack's
    subject: Subject
    link_text: str
    html: str
    key: str  # the cache key: a hash of everything that decides the PDF's bytes
    tagged: bool = True  # PDF/UA-1; a pack's footers' template is not: they are drawn as artifacts

    @property
    def project(self) -> Project | None:
        return self.subject if isinstance(self.subject, Project) else None


@dataclass(frozen=True)
class PackPart:
    """A part of a pack: a cohort's page, a project's snapshot, or the back page (the contact).
    Each lists the sources it cites, numbered on their own: the same part fits every pack."""

    document: PdfDocument
    anchor: str  # what the contents links to: cohort-<id>, project-<slug> or contact
    # (title, level, anchor) of each bookmark: 1 for a cohort, 2 for its project (1 in a facet's
    # pack), at the page its anchor (an id in the part) is on.
    bookmarks: tuple[tuple[str, int, str], ...]
    folio: str  # the kind of its footer: one of FOOTER_KINDS


@dataclass(frozen=True)
class AssemblyPart:
    """A part of a pack, rendered, as assembly.py puts it in."""

    file: Path
    # (title, level, anchor): a bookmark at the page of the part's named destination `anchor`
    # (its first page when it has none); level 1 is the top.
    bookmarks: tuple[tuple[str, int, str], ...] = ()
    # 0, or how far down the part's one page moves onto the page before it, sharing that page
    # (shared_pages.py; rendering.py decides which do).
    shift: float = 0.0


def page_number(number: int | str, total: int | str) -> str:
    """A pack's page number, as its footer prints it: "Page 7 of 104"."""
    return f"Page {number} of {total}"


# The footers' template prints this where a page's number goes: every character a number may
# need, so the font WeasyPrint embeds for it has each; assembly.py puts the page's own in its place.
PAGE_NUMBER_SAMPLE = page_number("0123456789", "0123456789")
FOOTER_KINDS = ("pack", "snapshot")  # a pack page's own footer, or a snapshot's (its margins); the cover has none


@dataclass(frozen=True)
class Folio:
    """A kind of footer drawn over a pack's pages: one page of the footers' template."""

    kind: str  # one of FOOTER_KINDS
    title: str  # the pack's running title; a snapshot brings its own
    number: str = PAGE_NUMBER_SAMPLE


@dataclass(frozen=True)
class PackDocument:
    """A pack, assembled from its parts (assembly.py) behind its cover and contents. The
    contents lists the parts without their pages, which assembly writes in: so it renders with
    the parts, not after them."""

    path: str
    subject: PackSubject
    link_text: str
    running_title: str  # e.g. "Impact summaries, 2022/23 pilot cohort"
    front: PdfDocument  # the cover and contents
    parts: tuple[PackPart, ...]
    folio_html: Callable[[tuple[Folio, ...]], str]
    projects: int

    @property
    def project(self) -> None:
        return None


def pdf_creation_date(programme: Programme, source_date_epoch: str | None) -> dt.datetime | None:
    """The date the PDFs carry: SOURCE_DATE_EPOCH when the build sets it (reproducible-builds.org),
    else the latest date in the data (a cohort's start, end, graduation or showcase event).

    It comes from the data's content, never a file's modification time, so a fresh checkout
    renders the same bytes. None when the data has no date at all: the PDFs then carry none.
    Raises ValueError when SOURCE_DATE_EPOCH is not a whole number of seconds.
    """
    return source_date(source_date_epoch) or as_of_time(latest_stated_date(programme))


def snapshot_path(project: Project) -> str:
    return f"{DOWNLOADS}/snapshots/{project.slug}.pdf"


def earlier_paths(document: PdfDocument | PackDocument) -> tuple[str, ...]:
    """Where else the site publishes a PDF: a renamed project's snapshot also at each of its
    earlier addresses (downloads/snapshots/<previous slug>.pdf), the same file, so a link to the
    old PDF keeps working (a PDF cannot redirect, as a page does)."""
    project = document.project
    if project is None or document.path != snapshot_path(project):
        return ()
    return tuple(f"{DOWNLOADS}/snapshots/{old}.pdf" for old in project.previous_slugs)


def pack_path(subject: PackSubject) -> str:
    """The pack's address (this module's docstring lists them)."""
    if subject is None:
        return ALL_COHORTS_PACK
    if isinstance(subject, Cohort):
        return f"{DOWNLOADS}/impact-summaries-{subject.id}.pdf"
    folder = subject.names.groups if isinstance(subject, Icb) else PACK_FOLDERS[type(subject)]
    return f"{DOWNLOADS}/{folder}/{record_key(subject)}.pdf"


def subject_identity(subject: Subject) -> str:
    """A project's, area's or ICB's slug, a cohort's or theme's id, or "" for the programme."""
    return record_key(subject) if subject is not None else ""


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
