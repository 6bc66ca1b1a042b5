"""The project finder on /projects/: its facets, the data each card carries, and the tile map.

The page works without JavaScript (every card is in the HTML, every facet value has a page);
theme/assets/project-finder.js only reads what is prepared here, and its configuration as JSON.

The query string is a public contract (other sites link to filtered views): `theme=<theme id>`,
`borough=<area slug>`, `icb=<ICB slug>`, `cohort=<cohort id>`, `q=<text>`, a key repeated for
several values, and `sort=<one of SORT_ORDERS>`. An area's and a group's keys are the
programme's names for them (geography's `names:`, public_key).

Everything about a facet follows from its row of FACETS: no template or script names one
(tests/test_finder_facets.py).

Each card carries its search fields as `data-search-<field>` attributes, not one JSON block at
the page's end: gzip's 32 KB window then still holds the card's visible name and aim, which a
block 3 MB away (at 1,000 projects) would repeat in full.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import ClassVar
from urllib.parse import urlencode

from showcase.model import Area, Cohort, Icb, Names, Programme, Project, Term, Theme, record_key, sort_key_by_name
from showcase.wording.tally import UNCONFIRMED, Tally, counts_note, tally
from showcase.wording.text import plural, render_markdown

FacetRecord = Theme | Area | Icb | Cohort  # a facet's value: a record with a page of its own


@dataclass(frozen=True)
class FacetKind:
    """One of the finder's facets. Its words may name what the geography calls an area (_worded)."""

    key: str  # the query-string key; a card's data-<key>; its browse list's id, browse-<key>
    legend: str  # the filter's legend: "Challenge theme"
    heading: str  # its browse list's heading: "By challenge theme"
    tag: str  # a chosen filter's tag: "Remove filter Theme: Access"
    noun: str  # a value in a sentence: "Each theme, district, ICB and cohort has a page"
    record_type: type  # the kind of record its values are
    records: Callable[[Programme], Iterable[FacetRecord]]  # its values, in the filter's order
    values: Callable[[Project], Iterable[FacetRecord]]  # a project's values
    inferred_field: str  # the project's field whose inference leaves its values unconfirmed
    every: bool = False  # an option for every value, not only for those with projects
    grouping: bool = False  # the facet of the areas' groups: none when the geography has no groups

    def keys_of(self, project: Project) -> tuple[str, ...]:
        return tuple(record_key(record) for record in self.values(project))

    def tally(self, projects: Iterable[Project]) -> dict[str, Tally]:
        return tally(projects, self.keys_of, self.inferred_field)


# The finder's facets, in the order the filters and browse lists show them.
FACETS: tuple[FacetKind, ...] = (
    FacetKind(
        "theme",
        "Challenge theme",
        "By challenge theme",
        "Theme",
        "theme",
        Theme,
        lambda programme: sorted(programme.themes, key=lambda theme: sort_key_by_name(theme.title)),
        lambda project: (project.theme,),
        "theme",
        every=True,
    ),
    FacetKind(
        "borough",
        "{Area}",
        "By {area}",
        "{Area}",
        "{area}",
        Area,
        lambda programme: programme.areas,
        lambda project: project.boroughs,
        "boroughs",
    ),
    FacetKind(
        "icb",
        "{Group_in_full}",
        "By {group_in_full}",
        "{Group_brief}",
        "{group_brief}",
        Icb,
        lambda programme: programme.icbs,
        lambda project: project.icbs,
        "boroughs",  # a project's ICBs are its areas'
        grouping=True,
    ),
    FacetKind(
        "cohort",
        "Cohort",
        "By cohort",
        "Cohort",
        "cohort",
        Cohort,
        lambda programme: programme.cohorts,
        lambda project: (project.cohort,),
        "cohort",  # never inferred: a project is in the cohort whose page lists it
        every=True,
    ),
)
MAP_FACET = "borough"  # the facet whose values the tile map's tiles are
DEFAULT_SORT = "name"  # the cards' order in the page
SEARCH_SORT = "relevance"  # offered only while there are search words
# Every other order: a card's key for it (data-sort-<order>), then its name.
SORT_KEYS: dict[str, Callable[[Project], str]] = {
    # "~" sorts after every letter, so projects with no area come last.
    "borough": lambda project: sort_key_by_name(project.boroughs[0].name) if project.boroughs else "~",
    "cohort": lambda project: project.cohort.id,
}
# Each order's label, in the order the finder offers them (words as FacetKind's).
SORT_ORDERS = {SEARCH_SORT: "Relevance", DEFAULT_SORT: "Name", "borough": "{Area}", "cohort": "Cohort"}
# A PCN's search text has both names, so "PCN" finds "West Camden Primary Care Network" and back.
PCN_NAMES = ("PCN", "Primary Care Network")
# What the search box searches, as plain text (lists joined with "; "); finder-search.js weighs them.
SEARCH_FIELDS: dict[str, Callable[[Project], str]] = {
    "name": lambda project: project.name,
    "aim": lambda project: project.aim,
    "summary": lambda project: _plain_text(project.summary or ""),
    "organisation": lambda project: project.organisation or "",
    "partners": lambda project: "; ".join(project.partners),
    "pcn": lambda project: _with_short_name(project.pcn or "", PCN_NAMES),
    "keywords": lambda project: "; ".join(project.tags),
    # An area's aliases are the short names people use for it ("SFL"): searched, shown nowhere.
    "areas": lambda project: "; ".join(word for area in project.boroughs for word in (area.name, *area.aliases)),
    # A group's id is the short name people use for it ("NCL"): searched, shown nowhere here.
    "groups": lambda project: "; ".join(f"{icb.name}; {icb.id}" for icb in project.icbs),
    "theme": lambda project: project.theme.title,
    "cohort": lambda project: project.cohort.title,
}
GROUPS_SEARCHED = "groups"  # the search field of the areas' groups, which a geography may not have
# Tally.note's words for the script, which counts again as a visitor filters.
COUNT_NOTES = {"one": Tally(1, 1).note, "all": Tally(2, 2).note, "some": Tally(3, 2).note.replace("2", "{n}")}
TILE_MARK = "*"  # after a tile's label or count that includes a project whose area the editors inferred
TILE = 44  # a tile's side, gap included, in the glance's SVG map
# Words left out of a tile's initials: "Elmstead upon Wye" is EW, "Vale of the Moor" VM.
_MINOR_WORDS = {"and", "of", "upon", "the", "on"}


def finder_ways(programme: Programme, theme: str, conjunction: str) -> str:
    """ "theme, district, integrated care board or cohort" (no group when the geography has none)."""
    group = (programme.group_label.singular,) if programme.group_label else ()
    words = (theme, programme.area_label.singular, *group)
    return f"{', '.join(words)} {conjunction} cohort"


def facet_keys(names: Names | None = None) -> tuple[str, ...]:
    return tuple(public_key(kind.key, names or Names()) for kind in FACETS)


def public_key(key: str, names: Names) -> str:
    """A facet's or sort order's key in the query string: "borough" is the programme's name for an area."""
    return {"borough": names.area, "icb": names.group}.get(key, key)


def facet_kinds(programme: Programme) -> tuple[FacetKind, ...]:
    """The programme's facets, under its names: the groups' only when it has groups."""
    return tuple(
        replace(kind, key=public_key(kind.key, programme.names))
        for kind in FACETS
        if programme.group_label or not kind.grouping
    )


def facet_kind(key: str) -> FacetKind:
    return next(kind for kind in FACETS if kind.key == key)


@dataclass(frozen=True)
class FacetOption:
    value: str  # as used in page URLs and the query string
    label: str
    count: int  # projects with this value, before any filter
    record: FacetRecord  # the value's own page
    unconfirmed: int = 0  # how many of those have it only by the editors' inference

    @property
    def unconfirmed_note(self) -> str:
        return Tally(self.count, self.unconfirmed).note


@dataclass(frozen=True)
class Facet(FacetKind):
    """A facet as this programme's finder shows it, worded with its geography's names."""

    options: tuple[FacetOption, ...] = ()
    # Values without projects: a shared link may name one; the script leaves it out and says why.
    without_projects: tuple[str, ...] = ()
    inferred: str = ""  # a note, when some counted values are the editors' inference


@dataclass(frozen=True)
class FinderEntry:
    """One project card and the values the script filters and sorts it by."""

    project: Project
    values: dict[str, tuple[str, ...]]  # facet key -> the project's values
    search: tuple[tuple[str, str], ...]  # (field in SEARCH_FIELDS, plain text)
    sort_keys: dict[str, str]  # sort order -> the card's key for it
    unconfirmed: tuple[str, ...] = ()  # the facets whose values the editors inferred


@dataclass(frozen=True)
class Tile:
    area: Area
    label: str  # two or three letters that fit a small tile
    count: int
    unconfirmed: int = 0  # how many of those are in the area by the editors' inference

    @property
    def name(self) -> str:
        """'Coldharbour (unconfirmed for 1 project)'."""
        if not self.unconfirmed:
            return self.area.name
        return f"{self.area.name} ({UNCONFIRMED} for {plural(self.unconfirmed, 'project')})"

    @property
    def x(self) -> int:
        return (self.area.tile_col - 1) * TILE

    @property
    def y(self) -> int:
        return (self.area.tile_row - 1) * TILE


@dataclass(frozen=True)
class ProjectFinder:
    entries: tuple[FinderEntry, ...]
    facets: tuple[Facet, ...]
    tiles: tuple[Tile, ...]
    map_rows: int
    map_cols: int
    sort_orders: tuple[tuple[str, str], ...]  # (value, label)
    search_field_names: tuple[str, ...] = tuple(SEARCH_FIELDS)  # the groups' only where there are groups
    names: Names = field(default_factory=Names)  # its query keys
    default_sort: ClassVar[str] = DEFAULT_SORT

    @property
    def script_config(self) -> dict[str, object]:
        """What theme/assets/finder-logic.js is told, as JSON."""
        return {
            "facets": [facet.key for facet in self.facets],
            "mapFacet": public_key(MAP_FACET, self.names),
            "sorts": [public_key(order, self.names) for order in SORT_ORDERS],
            "defaultSort": DEFAULT_SORT,
            "searchSort": SEARCH_SORT,
            "searchFields": list(self.search_field_names),
            "countNotes": COUNT_NOTES,
        }

    @property
    def map_facet(self) -> Facet:
        return self.facet(public_key(MAP_FACET, self.names))

    @property
    def map_mark_note(self) -> str:
        """What the map's mark means; '' when no project's area is inferred."""
        if not self.map_facet.inferred:
            return ""
        return f"An area marked {TILE_MARK} has projects placed in it by the showcase’s editors’ own reading of the sources ({UNCONFIRMED})."

    def facet(self, key: str) -> Facet:
        return next(facet for facet in self.facets if facet.key == key)


def selection_of(record: FacetRecord) -> tuple[str, str]:
    """The facet key and value with which the finder shows exactly `record`'s projects."""
    key = next(kind.key for kind in FACETS if isinstance(record, kind.record_type))
    return public_key(key, record.names) if isinstance(record, Area | Icb) else key, record_key(record)


def finder_query(record: FacetRecord) -> str:
    """The finder's query string that shows exactly `record`'s projects: '?borough=gullhaven'."""
    return "?" + urlencode([selection_of(record)])


def selection_packs(packs: Iterable[tuple[FacetRecord, str, str]]) -> dict[str, dict[str, dict[str, str]]]:
    """The pack the finder offers when its filters are one value, from each pack's (record, URL,
    link text): {facet key: {value: {"url": ..., "text": ...}}}."""
    packs = tuple(packs)
    # The programme's names, which its places carry (a programme with no places has no pack of one).
    names = next((record.names for record, _, _ in packs if isinstance(record, Area | Icb)), Names())
    found: dict[str, dict[str, dict[str, str]]] = {public_key(kind.key, names): {} for kind in FACETS}
    for record, url, text in packs:
        key, value = selection_of(record)
        found[key][value] = {"url": url, "text": text}
    # The groups' facet is left out with the groups, where the geography has none.
    grouping = {public_key(kind.key, names) for kind in FACETS if kind.grouping}
    return {key: by_value for key, by_value in found.items() if by_value or key not in grouping}


def build_finder(programme: Programme) -> ProjectFinder:
    return ProjectFinder(
        entries=tuple(_entry(project, facet_kinds(programme), programme.names) for project in programme.projects),
        facets=tuple(_facet(kind, programme) for kind in facet_kinds(programme)),
        tiles=tile_map(programme.areas, programme.projects),
        map_rows=max((area.tile_row for area in programme.areas), default=0),
        map_cols=max((area.tile_col for area in programme.areas), default=0),
        sort_orders=tuple(
            (public_key(order, programme.names), _worded(label, programme)) for order, label in SORT_ORDERS.items()
        ),
        search_field_names=tuple(name for name in SEARCH_FIELDS if programme.group_label or name != GROUPS_SEARCHED),
        names=programme.names,
    )


def search_fields(project: Project) -> tuple[tuple[str, str], ...]:
    return tuple((field, text) for field, text_of in SEARCH_FIELDS.items() if (text := text_of(project)))


def tile_map(areas: tuple[Area, ...], projects: Iterable[Project]) -> tuple[Tile, ...]:
    """Each area's tile, in the map's reading order, with its projects among `projects`."""
    counts = facet_kind(MAP_FACET).tally(projects)
    labels = tile_labels(area.name for area in areas)
    return tuple(
        Tile(area, labels[area.name], (counted := counts.get(area.slug, Tally(0))).count, counted.unconfirmed)
        for area in sorted(areas, key=lambda area: (area.tile_row, area.tile_col))
    )


def tile_labels(names: Iterable[str]) -> dict[str, str]:
    """Short, unique tile labels: initials for names of several words (EW for Elmstead upon
    Wye), the first three letters otherwise (Gul for Gullhaven), and first letter plus consonants
    on a clash (Harbury and Harrow: Hrb, Hrr)."""
    first_choice = {name: _first_choice(name) for name in names}
    clashes = Counter(first_choice.values())
    return {
        name: name[0].upper() + re.sub(r"[aeiou\W]", "", name[1:].lower())[:2] if clashes[label] > 1 else label
        for name, label in first_choice.items()
    }


def _first_choice(name: str) -> str:
    words = [word for word in re.split(r"[\s-]+", name) if word.lower() not in _MINOR_WORDS]
    if len(words) > 1:
        return "".join(word[0].upper() for word in words)
    return name[:3].title()


def _facet(kind: FacetKind, programme: Programme) -> Facet:
    """The facet with an option for each value (`every` one, or only those with projects)."""
    worded = {name: _worded(getattr(kind, name), programme) for name in ("legend", "heading", "tag", "noun")}
    counts = kind.tally(programme.projects)
    counted = {
        record_key(record): (record, counts.get(record_key(record), Tally(0))) for record in kind.records(programme)
    }
    return Facet(
        **(vars(kind) | worded),  # the kind's fields, its words worded for this programme
        options=tuple(
            FacetOption(value, _name(record), each.count, record, each.unconfirmed)
            for value, (record, each) in counted.items()
            if kind.every or each.count
        ),
        without_projects=tuple(value for value, (_, each) in counted.items() if not each.count),
        inferred=counts_note(programme.projects, kind.inferred_field),
    )


def _worded(words: str, programme: Programme) -> str:
    """`words` with the geography's words for "{area}", "{group_brief}" ("ICB") and
    "{group_in_full}" ("integrated care board (ICB)"), and their capitalised forms."""
    area, group = programme.area_label, programme.group_label or Term("group")
    forms = {"area": area.singular, "group_brief": group.brief, "group_in_full": group.in_full}
    return words.format(**forms, **{key.capitalize(): form[:1].upper() + form[1:] for key, form in forms.items()})


def _name(record: FacetRecord) -> str:
    return record.name if isinstance(record, Area | Icb) else record.title


def _plain_text(markdown_text: str) -> str:
    """The Markdown's words without its tags (nobody searches for link addresses)."""
    return " ".join(render_markdown(markdown_text).striptags().split())


def _entry(project: Project, kinds: tuple[FacetKind, ...], names: Names) -> FinderEntry:
    return FinderEntry(
        project=project,
        values={kind.key: kind.keys_of(project) for kind in kinds},
        search=search_fields(project),
        sort_keys={public_key(order, names): key_of(project) for order, key_of in SORT_KEYS.items()},
        unconfirmed=tuple(kind.key for kind in kinds if project.is_unconfirmed(kind.inferred_field)),
    )


def _with_short_name(text: str, names: tuple[str, str]) -> str:
    """The text, with each of `names` (a short and a long name of one thing) it lacks added."""
    if not text:
        return text
    missing = [name for name in names if name.lower() not in text.lower()]
    return "; ".join([text, *missing])
