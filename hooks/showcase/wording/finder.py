"""The project finder on /projects/: its facets, the data each card carries, and the tile map.

The page works without JavaScript (every card is in the HTML, every facet value has its own
page); theme/assets/project-finder.js only reads what is prepared here, and is told its
configuration as JSON in the page (ProjectFinder.script_config, selection_packs).

The query-string keys and values are a public contract (other sites link to filtered views):
`theme=<theme id>`, `borough=<area slug>`, `icb=<ICB slug>`, `cohort=<cohort id>`, `q=<text>`,
a key repeated for several values, and `sort=<one of SORT_ORDERS>`. Keep them stable. An area's and
a group's keys are the programme's names for them (geography's `names:`, public_key): e.g.
borough and icb; another programme's area and group unless it chooses.

Everything about a facet follows from its row of FACETS: no template or script names one, so a
facet added there shows everywhere without a template edit (tests/test_finder_facets.py).

Each card carries its search fields as `data-search-<field>` attributes (SEARCH_FIELDS), which
theme/assets/finder-search.js indexes in the browser, rather than one JSON block at the end of
the page: gzip's 32 KB window then still holds the card's visible name and aim, which a block
3 MB away (at 1,000 projects) would repeat in full.
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
    """One of the finder's facets, as every template and the script know it. Its words may name
    what the geography calls an area (_worded)."""

    key: str  # the query-string key; a card's data-<key>; its browse list's id, browse-<key>
    legend: str  # the filter's legend: "Challenge theme"
    heading: str  # its browse list's heading: "By challenge theme"
    tag: str  # a chosen filter's tag: "Remove filter Theme: Access"
    noun: str  # a value in a sentence: "Each theme, district, ICB and cohort has a page"
    record_type: type  # the kind of record its values are: a value's page is that record's
    records: Callable[[Programme], Iterable[FacetRecord]]  # its values, in the filter's order
    values: Callable[[Project], Iterable[FacetRecord]]  # a project's values
    # The project's field whose inference leaves its values unconfirmed (tally.py's field names).
    inferred_field: str
    every: bool = False  # an option for every value, not only for those with projects
    grouping: bool = False  # the facet of the areas' groups: none when the geography has no groups

    def keys_of(self, project: Project) -> tuple[str, ...]:
        return tuple(record_key(record) for record in self.values(project))

    def tally(self, projects: Iterable[Project]) -> dict[str, Tally]:
        """Each value's projects, by the value's key, with those that have it only by inference."""
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
MAP_FACET = "borough"  # the facet whose values the tile map's tiles are (data-borough where the area is named borough)
# The order without search words (name: the cards' order in the page) and the one while there
# are some (the script offers "relevance" only then).
DEFAULT_SORT = "name"
SEARCH_SORT = "relevance"
# Every other order: a card's key for it (data-sort-<order>), then its name.
SORT_KEYS: dict[str, Callable[[Project], str]] = {
    # "~" sorts after every letter, so projects with no area come last.
    "borough": lambda project: sort_key_by_name(project.boroughs[0].name) if project.boroughs else "~",
    "cohort": lambda project: project.cohort.id,
}
# Each order's label, in the order the finder offers them (words as FacetKind's).
SORT_ORDERS = {SEARCH_SORT: "Relevance", DEFAULT_SORT: "Name", "borough": "{Area}", "cohort": "Cohort"}
# A primary care network's short and long names: a PCN's search text has both, whichever it is
# written with, so "PCN" finds "West Camden Primary Care Network" and the other way round.
PCN_NAMES = ("PCN", "Primary Care Network")
# What the search box searches, as plain text, in the order the script weighs them
# (finder-search.js boosts a name match above a keyword, an area or an organisation, and those
# above the aim and summary). Lists are joined with "; ".
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
# How the script words a count of which some rests on inferred facts, as it counts again while a
# visitor filters: tally.py's words (Tally.note), for one project's, all of several, or {n} of them.
COUNT_NOTES = {"one": Tally(1, 1).note, "all": Tally(2, 2).note, "some": Tally(3, 2).note.replace("2", "{n}")}
TILE_MARK = "*"  # after a tile's label or count that includes a project whose area the editors inferred
TILE = 44  # a tile's side, gap included, where the tile map is drawn in SVG (the glance's chart)
# Words left out of a tile's initials: "Elmstead upon Wye" is EW, "Vale of the Moor" VM.
_MINOR_WORDS = {"and", "of", "upon", "the", "on"}


def finder_ways(programme: Programme, theme: str, conjunction: str) -> str:
    """What the finder finds projects by, as a sentence lists it: "theme, district, integrated
    care board or cohort" (no group when the geography has none)."""
    group = (programme.group_label.singular,) if programme.group_label else ()
    words = (theme, programme.area_label.singular, *group)
    return f"{', '.join(words)} {conjunction} cohort"


def facet_keys(names: Names | None = None) -> tuple[str, ...]:
    return tuple(public_key(kind.key, names or Names()) for kind in FACETS)


def public_key(key: str, names: Names) -> str:
    """A facet's or sort order's key in the query string and the page ("borough" is the
    programme's name for an area: "area" unless it says otherwise)."""
    return {"borough": names.area, "icb": names.group}.get(key, key)


def facet_kinds(programme: Programme) -> tuple[FacetKind, ...]:
    """The facets the programme's finder has, under its names: the groups' only when its
    geography has groups."""
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
    """A facet as this programme's finder shows it: its kind's words, with the geography's name
    for an area in them, and its options."""

    options: tuple[FacetOption, ...] = ()
    # Values that are real but have no projects (an ICB whose boroughs have none): a shared link
    # may name one; the script leaves it out and says why.
    without_projects: tuple[str, ...] = ()
    inferred: str = ""  # when some counted values are the editors' inference: a note saying so


@dataclass(frozen=True)
class FinderEntry:
    """One project card and the values the script filters and sorts it by."""

    project: Project
    values: dict[str, tuple[str, ...]]  # facet key -> the project's values, in FACETS' order
    search: tuple[tuple[str, str], ...]  # (field in SEARCH_FIELDS, plain text), empty fields left out
    sort_keys: dict[str, str]  # sort order in SORT_KEYS -> the card's key for it
    unconfirmed: tuple[str, ...] = ()  # the facets whose values the project has by the editors' inference


@dataclass(frozen=True)
class Tile:
    """One area's tile on the tile map, with its projects counted."""

    area: Area
    label: str  # two or three letters that fit a small tile
    count: int
    unconfirmed: int = 0  # how many of those are in the area by the editors' inference

    @property
    def name(self) -> str:
        """The tile's name when pointed at or read out: 'Coldharbour (unconfirmed for 1 project)'."""
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
    # The fields the search box searches (SEARCH_FIELDS' keys): the groups' only where there are groups.
    search_field_names: tuple[str, ...] = tuple(SEARCH_FIELDS)
    names: Names = field(default_factory=Names)  # the programme's names: its query keys
    default_sort: ClassVar[str] = DEFAULT_SORT

    @property
    def script_config(self) -> dict[str, object]:
        """What theme/assets/finder-logic.js is told, as JSON (in the script's names)."""
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
        """Under the finder's map, what its mark means; '' when no project's area is inferred."""
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


def selection_packs(
    packs: Iterable[tuple[FacetRecord, str, str]],
) -> dict[str, dict[str, dict[str, str]]]:
    """The pack the finder offers beside its CSV when its filters are one value and nothing else,
    from each pack's (record, URL, link text): {facet key: {value: {"url": ..., "text": ...}}}."""
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
    """The project's searchable text by field, empty fields left out."""
    return tuple((field, text) for field, text_of in SEARCH_FIELDS.items() if (text := text_of(project)))


def tile_map(areas: tuple[Area, ...], projects: Iterable[Project]) -> tuple[Tile, ...]:
    """Each area's tile, in the map's reading order, with its projects among `projects`."""
    counts = facet_kind(MAP_FACET).tally(projects)
    labels = tile_labels(area.name for area in areas)
    tiles = []
    for area in sorted(areas, key=lambda area: (area.tile_row, area.tile_col)):
        counted = counts.get(area.slug, Tally(0))
        tiles.append(Tile(area, labels[area.name], counted.count, counted.unconfirmed))
    return tuple(tiles)


def tile_labels(names: Iterable[str]) -> dict[str, str]:
    """Short, unique tile labels: initials for names of several words (EW for Elmstead upon
    Wye), the first three letters otherwise (Gul for Gullhaven), and first letter plus consonants
    on a clash (Harbury and Harrow: Hrb, Hrr)."""
    first_choice = {name: _first_choice(name) for name in names}
    clashes = Counter(first_choice.values())
    labels: dict[str, str] = {}
    for name, label in first_choice.items():
        if clashes[label] > 1:
            consonants = re.sub(r"[aeiou\W]", "", name[1:].lower())
            label = name[0].upper() + consonants[:2]
        labels[name] = label
    return labels


def _first_choice(name: str) -> str:
    words = [word for word in re.split(r"[\s-]+", name) if word.lower() not in _MINOR_WORDS]
    if len(words) > 1:
        return "".join(word[0].upper() for word in words)
    return name[:3].title()


def _facet(kind: FacetKind, programme: Programme) -> Facet:
    """The facet with an option for each value (`every` one, or only those with projects), and
    the values without projects, which a shared link may still name."""
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
    """`words` with what the geography calls an area for "{area}" ("district") and "{Area}", and a
    group for "{group_brief}" ("ICB"), "{group_in_full}" ("integrated care board (ICB)") and their
    capitalised forms."""
    area, group = programme.area_label, programme.group_label or Term("group")
    return words.format(
        area=area.singular,
        Area=area.heading,
        group_brief=group.brief,
        Group_brief=group.brief[:1].upper() + group.brief[1:],
        group_in_full=group.in_full,
        Group_in_full=group.in_full[:1].upper() + group.in_full[1:],
    )


def _name(record: FacetRecord) -> str:
    return record.name if isinstance(record, Area | Icb) else record.title


def _plain_text(markdown_text: str) -> str:
    """The Markdown's words without its tags (link addresses are not words anyone searches for)."""
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
        return ""
    missing = [name for name in names if name.lower() not in text.lower()]
    return "; ".join([text, *missing])
