"""What PDFs the showcase has, where they go, what they are and the date they carry: plain data
that print_html.py fills in from the model and rendering.py makes.

A project's snapshot (`downloads/snapshots/<slug>.pdf`, also at a renamed project's earlier
addresses); packs of snapshots: the programme's (always, one cohort or many), each cohort's, and
each theme's, area's and group's with projects (README's "PDFs" lists the addresses, which the
facet pages, the finder and other sites link: they never change). A facet's pack has no cohort's
page: a cohort's figures (funding, applications) would seem to be claimed for its selection.
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
# A facet's packs' folder: a group's is the geography's plural for groups (icbs/, groups/); an
# area's is areas/ whatever the programme calls them (published so before the names were a setting).
PACK_FOLDERS: dict[type, str] = {Theme: "themes", Area: "areas"}
SNAPSHOT_MOST_PAGES = 2
# In a pack, a one-page snapshot (or the contact) that fits below the content of the page before
# it goes there, this far (8 mm, in points) below it, its masthead's rule parting the two: a
# project with little to say no longer leaves most of a page empty (rendering.py decides which).
SHARED_PAGE_GAP = 8 * 72 / 25.4
CONTACT_ANCHOR = "contact"  # the id of a pack's back page, its contact: its last part
LANGUAGE = "en-GB"
STYLESHEET = "print.css"  # in theme/print/: applied to every PDF by the renderer
# Tagged PDF/UA-1, and a file identifier (pydyf derives it from the content: same bytes, same id).
RENDER_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}

Facet = Theme | Area | Icb  # a selection of projects with a page of its own, and a pack
PackSubject = Cohort | Facet | None  # what a pack is of: a cohort, a facet, or (None) the programme
Subject = Project | PackSubject  # what a PDF is of

# How a PDF's HTML names a picture's print copy: this, then the copy's file name. Not the file's
# address: WeasyPrint names an image in the PDF after it, and two checkouts' paths would differ.
PICTURE_ADDRESS = "showcase-picture:"
# How a pack's own pages link to one of its parts (`showcase-part:<anchor>`), which assembly.py
# makes a link inside the pack: the only links besides the web's and e-mail's (print_links.py).
PART_LINK_SCHEME = "showcase-part"


@dataclass(frozen=True)
class PdfSettings:
    print_dir: Path  # theme/print/: templates, CSS, fonts; the only files a PDF may load
    cache_dir: Path  # outside the site, kept between builds
    programme_name: str
    identity: ProgrammeIdentity  # the publisher (author), region (keywords) and contact
    projects_file: str  # as shown in messages, e.g. data/projects.yaml
    created: dt.datetime | None  # the date on the cover and in the PDFs' metadata
    workers: int = os.cpu_count() or 1
    # The pictures' copies by Picture.src (none when the build makes no pictures): a PDF embeds a
    # print copy by its PICTURE_ADDRESS, from `picture_dir`, the one other folder it may load from.
    pictures: Mapping[str, PictureCopies] = field(default_factory=dict)
    picture_dir: Path | None = None
    # mkdocs.yml's site_url: where a summary's link within the site goes (print_links.py), if known.
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


# (title, level, anchor) of a bookmark, at the page of the part's id `anchor` (else its first
# page): level 1 for a cohort, 2 for its project (1 in a facet's pack).
Bookmark = tuple[str, int, str]


@dataclass(frozen=True)
class PackPart:
    """A cohort's page, a project's snapshot or the back page: each numbers its own sources, so
    the same part fits every pack."""

    document: PdfDocument
    anchor: str  # what the contents links to: cohort-<id>, project-<slug> or contact
    bookmarks: tuple[Bookmark, ...]
    folio: str  # the kind of its footer: one of FOOTER_KINDS


@dataclass(frozen=True)
class AssemblyPart:
    """A part of a pack, rendered, as assembly.py puts it in."""

    file: Path
    bookmarks: tuple[Bookmark, ...] = ()
    shift: float = 0.0  # how far down its one page moves onto the page before it (0: a page of its own)


def page_number(number: int | str, total: int | str) -> str:
    return f"Page {number} of {total}"


# The footers' template prints this where a page's number goes: every digit, so the font subset
# WeasyPrint embeds has each; assembly.py puts the page's own number in its place.
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
    """A pack, assembled from its parts behind its cover and contents. The contents leave out
    the pages, which assembly writes in, so they render with the parts, not after them."""

    path: str
    subject: PackSubject
    link_text: str
    running_title: str  # e.g. "Project summaries, 2022/23 pilot cohort"
    front: PdfDocument  # the cover and contents
    parts: tuple[PackPart, ...]
    folio_html: Callable[[tuple[Folio, ...]], str]
    project: None = None


def pdf_creation_date(programme: Programme, source_date_epoch: str | None) -> dt.datetime | None:
    """SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the data's latest date (never a
    file's time, so a fresh checkout gives the same bytes); None when the data has no date.
    Raises ValueError when SOURCE_DATE_EPOCH is not a whole number of seconds."""
    return source_date(source_date_epoch) or as_of_time(latest_stated_date(programme))


def snapshot_path(project: Project) -> str:
    return f"{DOWNLOADS}/snapshots/{project.slug}.pdf"


def earlier_paths(document: PdfDocument | PackDocument) -> tuple[str, ...]:
    """A renamed project's snapshot is also published at each earlier slug's address, so a link
    to the old PDF keeps working (a PDF cannot redirect, as a page does)."""
    project = document.project
    if project is None or document.path != snapshot_path(project):
        return ()
    return tuple(f"{DOWNLOADS}/snapshots/{old}.pdf" for old in project.previous_slugs)


def pack_path(subject: PackSubject) -> str:
    if subject is None:
        return f"{DOWNLOADS}/impact-summaries.pdf"
    if isinstance(subject, Cohort):
        return f"{DOWNLOADS}/impact-summaries-{subject.id}.pdf"
    folder = subject.names.groups if isinstance(subject, Icb) else PACK_FOLDERS[type(subject)]
    return f"{DOWNLOADS}/{folder}/{record_key(subject)}.pdf"


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
