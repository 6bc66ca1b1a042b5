"""The programme at a glance: headline figures and charts, computed from the projects.

Charts are drawn as inline SVG when the site is built (no chart library runs in the browser).
Python works out every number and coordinate; the partial theme/partials/showcase/glance.html
only places them. Each chart comes with the same figures as a table, its text alternative. The
areas' tiles (tile_map) are also the finder's map.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from showcase.model import Area, AreaLabel, Programme, Project, sort_key_by_name
from showcase.wording.citations import SourceLink, figure_sources
from showcase.wording.tally import Tally, distinct, inferred_note, tally
from showcase.wording.text import pounds

BAR_ROW = 44  # height of one bar's row in the SVG, label included
BAR_WIDTH = 300  # the longest bar, in SVG units (the chart is 360 wide, to stay legible on a phone)
TILE = 44  # a tile's side, gap included, in the tile map's SVG
NO_AREA = "Area not published"  # the row for projects with no area, so the rows add up
# Words left out of a tile's initials: "Elmstead upon Wye" is EW, "Vale of the Moor" VM.
_MINOR_WORDS = {"and", "of", "upon", "the", "on"}

Rows = tuple[tuple[str, Tally], ...]  # a chart's figures: each row's label and count, its table


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    note: str = ""  # e.g. "1 unconfirmed": how much of the value the editors inferred
    sources: tuple[SourceLink, ...] = ()  # the pages that state it, when the data names them


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int
    width: int


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    group: str  # what each bar is, as the table's first heading
    rows: Rows
    inferred: str = ""  # says how many of the counted facts the editors inferred, if any

    @property
    def bars(self) -> tuple[Bar, ...]:
        largest = max((counted.count for _, counted in self.rows), default=0) or 1
        return tuple(
            Bar(label, counted.count, index * BAR_ROW, round(BAR_WIDTH * counted.count / largest))
            for index, (label, counted) in enumerate(self.rows)
        )

    @property
    def height(self) -> int:
        return len(self.rows) * BAR_ROW

    @property
    def description(self) -> str:
        return _description(self.rows, ".", self.inferred)


@dataclass(frozen=True)
class Tile:
    """One area's tile on a tile map (the glance's and the finder's), with its projects counted."""

    area: Area
    label: str  # two or three letters that fit a small tile
    tally: Tally  # with how many of its projects are in it by the editors' inference

    @property
    def count(self) -> int:
        return self.tally.count

    @property
    def unconfirmed(self) -> int:
        return self.tally.unconfirmed

    @property
    def x(self) -> int:
        return (self.area.tile_col - 1) * TILE

    @property
    def y(self) -> int:
        return (self.area.tile_row - 1) * TILE


@dataclass(frozen=True)
class TileChart:
    id: str
    title: str
    tiles: tuple[Tile, ...]
    rows: Rows  # the areas with projects, by name, then any with no area
    area_label: AreaLabel  # what an area is called: the table's first heading, the caption
    inferred: str = ""

    @property
    def width(self) -> int:
        return max((tile.area.tile_col for tile in self.tiles), default=0) * TILE

    @property
    def height(self) -> int:
        return max((tile.area.tile_row for tile in self.tiles), default=0) * TILE

    @property
    def description(self) -> str:
        return _description(self.rows, f"; other {self.area_label.plural}: none.", self.inferred)


@dataclass(frozen=True)
class Glance:
    figures: tuple[Figure, ...]
    by_theme: BarChart
    by_icb: BarChart
    by_borough: TileChart


def glance(programme: Programme, projects: tuple[Project, ...], id_prefix: str) -> Glance:
    """The figures and charts for `projects` (the whole programme, or one cohort's)."""
    theme_counts = tally(projects, _theme_of, "theme")
    icb_counts = tally(projects, _icbs_of, "boroughs")
    tiles = tile_map(programme.areas, projects)
    with_projects = sorted((tile for tile in tiles if tile.count), key=lambda tile: sort_key_by_name(tile.area.name))
    return Glance(
        figures=_figures(programme, projects),
        by_theme=BarChart(
            f"{id_prefix}-by-theme",
            "Projects by challenge theme",
            "Challenge theme",
            tuple((theme.title, theme_counts.get(theme.id, Tally(0))) for theme in programme.themes),
            inferred_note(projects, "theme"),
        ),
        by_icb=BarChart(
            f"{id_prefix}-by-icb",
            "Projects by integrated care board",
            "Integrated care board",
            (
                *((f"{icb.name} ICB", icb_counts.get(icb.id, Tally(0))) for icb in programme.icbs),
                *without_area(projects),
            ),
            inferred_note(projects, "boroughs"),
        ),
        by_borough=TileChart(
            f"{id_prefix}-by-borough",
            f"Projects by {programme.area_label.singular}",
            tiles,
            (*((tile.area.name, tile.tally) for tile in with_projects), *without_area(projects)),
            programme.area_label,
            inferred_note(projects, "boroughs"),
        ),
    )


def _figures(programme: Programme, projects: tuple[Project, ...]) -> tuple[Figure, ...]:
    cohort_ids = {project.cohort.id for project in projects}
    funded = [c for c in programme.cohorts if c.id in cohort_ids and c.funding_total is not None]
    figures = [Figure("Projects", str(len(projects)))]
    for label, counted in (
        (programme.area_label.heading_plural, distinct(projects, _areas_of, "boroughs")),
        ("Integrated care boards", distinct(projects, _icbs_of, "boroughs")),
        ("Challenge themes", distinct(projects, _theme_of, "theme")),
    ):
        figures.append(Figure(label, str(counted.count), counted.note))
    if funded and len(funded) == len(cohort_ids):  # only when every cohort's funding is known
        # Each cohort's figure links the page that states it, as on the cohort's own page.
        sources = tuple(link for cohort in funded for link in figure_sources(cohort, "funding_total"))
        figures.append(Figure("Funding", pounds(sum(c.funding_total or 0 for c in funded)), sources=sources))
    return tuple(figures)


def without_area(projects: Iterable[Project]) -> Rows:
    """The row of the projects with no published area, so that rows by place add up; none when
    every project has an area."""
    count = sum(1 for project in projects if not project.boroughs)
    return ((NO_AREA, Tally(count)),) if count else ()


def tile_map(areas: tuple[Area, ...], projects: Iterable[Project]) -> tuple[Tile, ...]:
    """Each area's tile, in the map's reading order, with its projects among `projects`."""
    counts = tally(projects, lambda project: (area.slug for area in project.boroughs), "boroughs")
    labels = tile_labels(area.name for area in areas)
    return tuple(
        Tile(area, labels[area.name], counts.get(area.slug, Tally(0)))
        for area in sorted(areas, key=lambda area: (area.tile_row, area.tile_col))
    )


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


def _description(rows: Rows, end: str, inferred: str) -> str:
    """A chart's text alternative: each row's label and count, then the note on inferred facts."""
    listed = "; ".join(f"{label}: {counted}" for label, counted in rows) + end
    return f"{listed} {inferred}" if inferred else listed


def _theme_of(project: Project) -> tuple[str]:
    return (project.theme.id,)


def _icbs_of(project: Project) -> tuple[str, ...]:
    return tuple(icb.id for icb in project.icbs)


def _areas_of(project: Project) -> tuple[str, ...]:
    return tuple(area.name for area in project.boroughs)
