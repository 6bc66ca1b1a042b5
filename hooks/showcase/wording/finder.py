"""The project finder on /projects/: its facets, the data each card carries, and the tile map.

The page works without JavaScript (every card is in the HTML, and every facet value has its own
page); the script in theme/assets/project-finder.js only reads what is prepared here.

The query-string keys and values are a public contract (other sites link to filtered views):
`theme=<theme id>`, `borough=<area slug>`, `icb=<ICB slug>`, `cohort=<cohort id>`, `q=<text>`,
a key repeated for several values, and `sort=<one of SORT_ORDERS>`. Keep them stable.

The script's configuration is handed over as data, not written again in JavaScript:
ProjectFinder.script_config (the facet keys, the map's facet, the sort orders and which are the
default and the search's, the search fields), rendered as JSON by theme/showcase/projects.html
and read by theme/assets/finder-logic.js. So are the packs of PDFs a filter can equal
(selection_packs: one theme, area, ICB or cohort, nothing else), in their own JSON block, present
only when the build made the PDFs.

Search: each card carries its searchable fields as `data-search-<field>` attributes (SEARCH_FIELDS),
as plain text in the data's own spelling; theme/assets/finder-search.js indexes them in the
browser (MiniSearch) and does the folding of case, accents, apostrophes and hyphens. The fields
sit on the cards rather than in one JSON block at the end of the page because gzip's 32 KB
window then still holds the card's visible name and aim, which a block 3 MB away (at 1,000
projects) would repeat in full.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from showcase.model import Area, Cohort, Icb, Programme, Project, Theme, record_key, sort_key_by_name
from showcase.wording.tally import Tally, counts_note, tally
from showcase.wording.text import render_markdown

FACET_KEYS = ("theme", "borough", "icb", "cohort")
# "relevance" applies only while there are search words; the script offers it then, and sorts
# by name otherwise.
# The sort orders' values; their labels are in ProjectFinder.sort_orders ("borough" is the area,
# whatever the geography calls it).
SORT_ORDERS = ("relevance", "name", "borough", "cohort")
# What the search box searches, in the order the script weighs them (finder-search.js boosts a
# name match above a keyword, an area or an organisation, and those above the aim and summary).
SEARCH_FIELDS = (
    "name",
    "aim",
    "summary",
    "organisation",
    "partners",
    "pcn",
    "keywords",
    "areas",
    "icbs",
    "theme",
    "cohort",
)
# The order without search words (name: the cards' order in the page) and the one while there
# are some. Any other order is by the card's data-sort-<order> (FinderEntry.sort_*), then name.
DEFAULT_SORT = "name"
SEARCH_SORT = "relevance"
MAP_FACET = "borough"  # the facet whose values the tile map's tiles are (data-borough)

# Words left out of a tile's initials: "Elmstead upon Wye" is EW, "Vale of the Moor" VM.
_MINOR_WORDS = {"and", "of", "upon", "the", "on"}


@dataclass(frozen=True)
class FacetOption:
    value: str  # as used in page URLs and the query string
    label: str
    count: int  # projects with this value, before any filter
    record: Theme | Area | Icb | Cohort  # the value's own page
    unconfirmed: int = 0  # how many of those have it only by the editors' inference

    @property
    def unconfirmed_note(self) -> str:
        """'' when no counted project's value is inferred; else '1 unconfirmed', 'all unconfirmed'."""
        return Tally(self.count, self.unconfirmed).note


@dataclass(frozen=True)
class Facet:
    key: str  # the query-string key
    legend: str
    options: tuple[FacetOption, ...]
    tag: str  # the facet's short name on a chosen filter's tag: "Remove filter Theme: Access"
    # Values that are real but have no projects (an ICB whose boroughs have none): a shared link
    # may name one; the script leaves it out and says why.
    without_projects: tuple[str, ...] = ()
    inferred: str = ""  # when some counted values are the editors' inference: a note saying so


@dataclass(frozen=True)
class FinderEntry:
    """One project card and the values the script filters and sorts it by."""

    project: Project
    values: dict[str, tuple[str, ...]]  # facet key -> the project's values
    search: tuple[tuple[str, str], ...]  # (field in SEARCH_FIELDS, plain text), empty fields left out
    sort_borough: str  # first borough's name; projects with none sort last
    sort_cohort: str


@dataclass(frozen=True)
class FinderTile:
    """One area's tile on the finder's map: a button that filters by the area, when it has projects."""

    area: Area
    label: str  # two or three letters that fit a small tile
    count: int
    unconfirmed: int = 0  # how many of its projects are in the area by the editors' inference


@dataclass(frozen=True)
class ProjectFinder:
    entries: tuple[FinderEntry, ...]
    facets: tuple[Facet, ...]
    tiles: tuple[FinderTile, ...]
    map_rows: int
    map_cols: int
    area_heading: str = "Area"  # what an area is called, as a label: "Local authority area"

    @property
    def sort_orders(self) -> tuple[tuple[str, str], ...]:
        labels = {"relevance": "Relevance", "name": "Name", "borough": self.area_heading, "cohort": "Cohort"}
        return tuple((value, labels[value]) for value in SORT_ORDERS)

    @property
    def script_config(self) -> dict[str, object]:
        """What theme/assets/finder-logic.js is told, as JSON (in the script's names)."""
        return {
            "facets": list(FACET_KEYS),
            "mapFacet": MAP_FACET,
            "sorts": [value for value, _ in self.sort_orders],
            "defaultSort": DEFAULT_SORT,
            "searchSort": SEARCH_SORT,
            "searchFields": list(SEARCH_FIELDS),
        }

    @property
    def default_sort(self) -> str:
        return DEFAULT_SORT

    def facet(self, key: str) -> Facet:
        return next(facet for facet in self.facets if facet.key == key)


# Which facet shows a kind of record's projects: its key in the query string.
FACET_OF: dict[type, str] = {Theme: "theme", Area: "borough", Icb: "icb", Cohort: "cohort"}


def selection_of(record: Theme | Area | Icb | Cohort) -> tuple[str, str]:
    """The facet key and value with which the finder shows exactly `record`'s projects."""
    return FACET_OF[type(record)], record_key(record)


def selection_packs(
    packs: Iterable[tuple[Theme | Area | Icb | Cohort, str, str]],
) -> dict[str, dict[str, dict[str, str]]]:
    """What the finder offers beside its CSV when its filters are one value and nothing else, from
    each pack's (record, URL, link text): {facet key: {value: {"url": ..., "text": ...}}}, e.g.
    {"theme": {"access": {"url": "../downloads/themes/access.pdf", "text": "Download these 5
    summaries (PDF, 84 KB)"}}}."""
    found: dict[str, dict[str, dict[str, str]]] = {key: {} for key in FACET_KEYS}
    for record, url, text in packs:
        key, value = selection_of(record)
        found[key][value] = {"url": url, "text": text}
    return found


def _facet(
    key: str,
    legend: str,
    tag: str,
    records: Iterable[Theme | Area | Icb | Cohort],
    counts: dict[str, Tally],
    every: bool = False,
    inferred: str = "",
) -> Facet:
    """A facet with an option for each record (`every` one, or only those with projects), and
    the values of those without projects, which a shared link may still name."""
    records = tuple(records)
    counted = {record_key(record): counts.get(record_key(record), Tally(0)) for record in records}
    return Facet(
        key,
        legend,
        tuple(
            FacetOption(value, _name(record), each.count, record, each.unconfirmed)
            for record in records
            for value, each in [(record_key(record), counted[record_key(record)])]
            if every or each.count
        ),
        tag=tag,
        without_projects=tuple(value for value, each in counted.items() if not each.count),
        inferred=inferred,
    )


def _name(record: Theme | Area | Icb | Cohort) -> str:
    if isinstance(record, Area | Icb):
        return record.name
    return record.title


def build_finder(programme: Programme) -> ProjectFinder:
    projects = programme.projects
    # Each count with how much of it rests on the editors' inference (a cohort is never inferred).
    area_counts = tally(projects, lambda project: (area.slug for area in project.boroughs), "boroughs")
    icb_counts = tally(projects, lambda project: (icb.slug for icb in project.icbs), "boroughs")
    theme_counts = tally(projects, lambda project: (project.theme.id,), "theme")
    cohort_counts = tally(projects, lambda project: (project.cohort.id,), "cohort")
    themes_by_title = sorted(programme.themes, key=lambda theme: sort_key_by_name(theme.title))
    facets = (
        _facet(
            "theme",
            "Challenge theme",
            "Theme",
            themes_by_title,
            theme_counts,
            every=True,
            inferred=counts_note(projects, "theme"),
        ),
        _facet(
            "borough",
            programme.area_label.heading,
            programme.area_label.heading,
            programme.areas,
            area_counts,
            inferred=counts_note(projects, "boroughs"),
        ),
        _facet(
            "icb",
            "Integrated care board (ICB)",
            "ICB",
            programme.icbs,
            icb_counts,
            inferred=counts_note(projects, "boroughs"),
        ),
        _facet("cohort", "Cohort", "Cohort", programme.cohorts, cohort_counts, every=True),
    )
    labels = tile_labels(area.name for area in programme.areas)
    tiles = tuple(
        FinderTile(area, labels[area.name], counted.count, counted.unconfirmed)
        for area in sorted(programme.areas, key=lambda area: (area.tile_row, area.tile_col))
        for counted in [area_counts.get(area.slug, Tally(0))]
    )
    return ProjectFinder(
        entries=tuple(_entry(project) for project in projects),
        facets=facets,
        tiles=tiles,
        map_rows=max((area.tile_row for area in programme.areas), default=0),
        map_cols=max((area.tile_col for area in programme.areas), default=0),
        area_heading=programme.area_label.heading,
    )


def search_fields(project: Project) -> tuple[tuple[str, str], ...]:
    """The project's searchable text by field, as plain text: the summary's Markdown rendered and
    its tags dropped (link addresses are not words anyone searches for), lists joined with "; "."""
    values = {
        "name": project.name,
        "aim": project.aim,
        "summary": _plain_text(project.summary) if project.summary else "",
        "organisation": project.organisation or "",
        "partners": "; ".join(project.partners),
        "pcn": project.pcn or "",
        "keywords": "; ".join(project.tags),
        "areas": "; ".join(area.name for area in project.boroughs),
        "icbs": "; ".join(icb.name for icb in project.icbs),
        "theme": project.theme.title,
        "cohort": project.cohort.title,
    }
    return tuple((field, values[field]) for field in SEARCH_FIELDS if values[field])


def _plain_text(markdown_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", str(render_markdown(markdown_text)))).split())


def _entry(project: Project) -> FinderEntry:
    return FinderEntry(
        project=project,
        values={
            "theme": (project.theme.id,),
            "borough": tuple(area.slug for area in project.boroughs),
            "icb": tuple(icb.slug for icb in project.icbs),
            "cohort": (project.cohort.id,),
        },
        search=search_fields(project),
        # "~" sorts after every letter, so projects with no borough come last.
        sort_borough=sort_key_by_name(project.boroughs[0].name) if project.boroughs else "~",
        sort_cohort=project.cohort.id,
    )


def tile_labels(names: Iterable[str]) -> dict[str, str]:
    """Short, unique tile labels: initials for names of several words (EW for Elmstead upon
    Wye), the first three letters otherwise (Gul for Gullhaven), and first letter plus consonants
    on a clash (Harbury and Harrow: Hrb, Hrr)."""
    names = list(names)
    labels: dict[str, str] = {}
    first_choice = {name: _first_choice(name) for name in names}
    clashes = Counter(first_choice.values())
    for name in names:
        label = first_choice[name]
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
