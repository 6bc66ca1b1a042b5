"""The programme as typed, immutable records. Raw YAML never leaves the loader."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from showcase.languages import text_direction


@dataclass(frozen=True)
class Term:
    """What the geography calls an area ("local authority area") or a group of areas ("integrated
    care board", short "ICB"), in every form a sentence, heading or label needs."""

    singular: str = "area"
    irregular_plural: str = ""  # when adding "s" is wrong: "local authorities"
    short: str = ""  # what people call it after a name: "ICB"

    @property
    def plural(self) -> str:
        return self.irregular_plural or self.singular + "s"

    @property
    def heading(self) -> str:
        return _capitalised(self.singular)

    @property
    def heading_plural(self) -> str:
        return _capitalised(self.plural)

    @property
    def brief(self) -> str:
        """What follows a name: "North Fernshire ICB"."""
        return self.short or self.singular

    @property
    def in_full(self) -> str:
        """'integrated care board (ICB)'."""
        return f"{self.singular} ({self.short})" if self.short else self.singular

    def count(self, number: int) -> str:
        return f"{number} {self.singular if number == 1 else self.plural}"


@dataclass(frozen=True)
class Names:
    """An area's and a group's names (geography's `names:`) in fields, folders, query keys and open
    data: unlike the words (Term), a public contract once published. One programme's: borough, icb."""

    area: str = "area"
    group: str = "group"

    @property
    def areas(self) -> str:
        return f"{self.area}s"

    @property
    def groups(self) -> str:
        return f"{self.group}s"


def _capitalised(words: str) -> str:
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class Icb:
    """A group of areas (an NHS integrated care board, say), as the geography's `group_label:` calls it."""

    id: str  # as written in the geography file, e.g. "NEL"
    name: str  # e.g. "North Fernshire"
    source: str = ""  # the page that names its areas: cited wherever an area's group is stated
    term: Term = Term("group")
    names: Names = Names()  # the names its address and query key use

    @property
    def title(self) -> str:
        return f"{self.name} {self.term.brief}"

    @property
    def slug(self) -> str:
        return self.id.lower()


@dataclass(frozen=True)
class Area:
    """One area of the geography, with its group (None without groups) and its place on the tile map."""

    name: str
    slug: str
    ons_code: str
    icb: Icb | None
    tile_row: int
    tile_col: int
    names: Names = Names()  # the names its address and query key use
    # Short names people search for it by ("SFL"): search words only, never shown as a fact.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str
    source: str | None = None
    copy_of: str = ""  # what its source copies, when that is another website's copy of a document
    # The language of the words and of the attribution (BCP 47 tags); '' for the site's own.
    lang: str = ""
    attribution_lang: str = ""

    @property
    def text_dir(self) -> str:
        """'rtl' or 'ltr' when the language says which, else ''."""
        return text_direction(self.lang) if self.lang else ""

    @property
    def attribution_dir(self) -> str:
        return text_direction(self.attribution_lang) if self.attribution_lang else ""


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Picture:
    """A photo or logo under the docs_dir's images/. Pages and PDFs show copies of it (resized,
    without metadata), never the file itself."""

    src: str  # its path from the docs_dir, e.g. "images/harbour-walks.jpg"
    alt: str  # what it shows, for people who cannot see it; "" only when decorative
    width: int  # of the committed file, in pixels (an SVG: from its viewBox)
    height: int
    line: int  # the line of its `image:` or `logo:` key in its file, for problems found later
    decorative: bool = False  # adds nothing the text does not say: hidden from screen readers
    credit: str | None = None  # who took or owns it, e.g. "Photo: Jo Bloggs"

    @property
    def text_alternative(self) -> str:
        return "" if self.decorative else self.alt


@dataclass(frozen=True)
class Sourced:
    """A record whose facts may each name the page that published them (`sources:`)."""

    # (field name, https:// address), in the file's order.
    sources: tuple[tuple[str, str], ...] = field(default=(), kw_only=True)
    # (address, what it copies) for each cited page that is another website's copy of a document.
    copies: tuple[tuple[str, str], ...] = field(default=(), kw_only=True)

    def source_of(self, field_name: str) -> str | None:
        return dict(self.sources).get(field_name)


@dataclass(frozen=True)
class Cohort(Sourced):
    id: str  # the file name in content/cohorts/, e.g. "2022-23"
    title: str
    source_file: str
    start: dt.date | None = None  # month precision: the first of the month
    other_start: dt.date | None = None  # the start month other sources give, when they differ
    end: dt.date | None = None
    funding_total: int | None = None
    funding_per_project_max: int | None = None
    applications: int | None = None
    shortlisted: int | None = None
    graduation: dt.date | None = None
    showcase_event: dt.date | None = None
    source: str | None = None  # where the programme published the projects' aims
    quotes: tuple[Quote, ...] = ()
    previous_ids: tuple[str, ...] = ()  # earlier addresses, each kept as a redirect to this page
    image: Picture | None = None


@dataclass(frozen=True)
class Project(Sourced):
    slug: str
    name: str
    cohort: Cohort
    theme: Theme
    aim: str
    source_line: int
    boroughs: tuple[Area, ...] = ()
    organisation: str | None = None
    partners: tuple[str, ...] = ()
    pcn: str | None = None
    summary: str | None = None  # Markdown
    summary_line: int = 0  # the line of data/projects.yaml its text starts on
    outcomes: tuple[str, ...] = ()
    # Each outcome's own page, in the outcomes' order, when the record gives one per outcome
    # (`sources: outcomes:` as a list); () when one page states them all (then in `sources`).
    outcome_sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    links: tuple[Link, ...] = ()
    tags: tuple[str, ...] = ()
    unconfirmed: frozenset[str] = field(default_factory=frozenset)
    narrative_file: str | None = None  # content/projects/<slug>.md, when there is one
    previous_slugs: tuple[str, ...] = ()  # earlier addresses, each kept as a redirect to this page
    image: Picture | None = None  # a photo of the project's work
    logo: Picture | None = None  # its lead organisation's logo

    @property
    def icbs(self) -> tuple[Icb, ...]:
        distinct = {area.icb.id: area.icb for area in self.boroughs if area.icb is not None}
        return tuple(sorted(distinct.values(), key=lambda icb: icb.name))

    def is_unconfirmed(self, field_name: str) -> bool:
        return field_name in self.unconfirmed

    def is_sourced(self, field_name: str) -> bool:
        """Whether a page is named for the fact, or (the outcomes) one per item."""
        return self.source_of(field_name) is not None or (field_name == "outcomes" and bool(self.outcome_sources))

    @property
    def cited(self) -> tuple[str, ...]:
        """Every address its `sources:` names, once each, in the file's order."""
        return tuple(dict.fromkeys([*(address for _, address in self.sources), *self.outcome_sources]))


@dataclass(frozen=True)
class RemovedProject:
    """A project taken off the site (`removed_projects:`): its address keeps a page that says so."""

    slug: str  # its last address: projects/<slug>/
    name: str
    reason: str | None = None  # one sentence the page shows, e.g. "The project ended in 2024."
    previous_slugs: tuple[str, ...] = ()  # its own earlier addresses, which say the same
    source_line: int = 0


@dataclass(frozen=True)
class Programme:
    themes: tuple[Theme, ...]
    areas: tuple[Area, ...]
    icbs: tuple[Icb, ...]
    cohorts: tuple[Cohort, ...]
    projects: tuple[Project, ...]  # sorted by name
    area_label: Term = Term()  # from the geography file: what one area is called
    group_label: Term | None = None  # what a group of areas is called; None: the geography has no groups
    removed: tuple[RemovedProject, ...] = ()  # projects taken off the site, by slug
    names: Names = Names()  # the names of its addresses, query keys and fields (geography's `names:`)

    def project_with_slug(self, slug: str) -> Project:
        """KeyError when there is none."""
        return {project.slug: project for project in self.projects}[slug]

    def projects_in_cohort(self, cohort: Cohort) -> tuple[Project, ...]:
        return tuple(project for project in self.projects if project.cohort.id == cohort.id)

    def projects_with_theme(self, theme: Theme) -> tuple[Project, ...]:
        return tuple(project for project in self.projects if project.theme.id == theme.id)

    def projects_in_area(self, area: Area) -> tuple[Project, ...]:
        return tuple(project for project in self.projects if area in project.boroughs)

    def projects_in_icb(self, icb: Icb) -> tuple[Project, ...]:
        return tuple(project for project in self.projects if icb in project.icbs)


def sort_key_by_name(name: str) -> str:
    """Sort names as a reader expects: case and curly quotes do not matter."""
    return name.casefold().replace("\u2019", "'")


Record = Project | Cohort | Theme | Area | Icb  # a record with a page of its own


def record_key(record: Record) -> str:
    """What names a record in its addresses: its slug, or a cohort's or theme's id."""
    return record.slug if isinstance(record, Project | Area | Icb) else record.id
