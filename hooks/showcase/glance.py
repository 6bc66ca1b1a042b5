"""The programme at a glance: headline figures and charts, computed from the projects.

Charts are drawn as inline SVG when the site is built (no chart library runs in the browser).
Python works out every number and coordinate; the partial theme/partials/showcase/glance.html
only places them. Each chart comes with the same figures as a table, its text alternative.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .finder import tile_labels
from .model import Area, Programme, Project, sort_key_by_name
from .text import pounds

BAR_ROW = 44  # height of one bar's row in the SVG, label included
BAR_WIDTH = 300  # the longest bar, in SVG units (the chart is 360 wide, to stay legible on a phone)
TILE = 44  # a tile's side, gap included, in the tile map's SVG


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


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
    bars: tuple[Bar, ...]
    height: int

    @property
    def description(self) -> str:
        return "; ".join(f"{bar.label}: {bar.count}" for bar in self.bars)

    @property
    def rows(self) -> tuple[tuple[str, int], ...]:
        """The chart's figures for its table."""
        return tuple((bar.label, bar.count) for bar in self.bars)


@dataclass(frozen=True)
class MapTile:
    label: str
    name: str
    count: int
    x: int
    y: int


@dataclass(frozen=True)
class TileChart:
    id: str
    title: str
    tiles: tuple[MapTile, ...]
    width: int
    height: int

    @property
    def rows(self) -> tuple[tuple[str, int], ...]:
        """The areas with projects, by name, for the chart's description and table."""
        with_projects = sorted((tile for tile in self.tiles if tile.count), key=lambda tile: sort_key_by_name(tile.name))
        return tuple((tile.name, tile.count) for tile in with_projects)


@dataclass(frozen=True)
class Glance:
    figures: tuple[Figure, ...]
    by_theme: BarChart
    by_icb: BarChart
    by_borough: TileChart


def glance(programme: Programme, projects: tuple[Project, ...], id_prefix: str) -> Glance:
    """The figures and charts for `projects` (the whole programme, or one cohort's)."""
    areas = {area.name for project in projects for area in project.boroughs}
    icbs = {icb.id for project in projects for icb in project.icbs}
    themes = {project.theme.id for project in projects}
    cohort_ids = {project.cohort.id for project in projects}
    funding = [c.funding_total for c in programme.cohorts if c.id in cohort_ids and c.funding_total is not None]
    figures = [
        Figure("Projects", str(len(projects))),
        Figure("Local authority areas", str(len(areas))),
        Figure("Integrated care boards", str(len(icbs))),
        Figure("Challenge themes", str(len(themes))),
    ]
    if funding and len(funding) == len(cohort_ids):  # only when every cohort's funding is known
        figures.append(Figure("Funding", pounds(sum(funding))))
    theme_counts = Counter(project.theme.id for project in projects)
    icb_counts = Counter(icb.id for project in projects for icb in project.icbs)
    return Glance(
        figures=tuple(figures),
        by_theme=_bar_chart(f"{id_prefix}-by-theme", "Projects by challenge theme", "Challenge theme",
                            [(theme.title, theme_counts[theme.id]) for theme in programme.themes]),
        by_icb=_bar_chart(f"{id_prefix}-by-icb", "Projects by integrated care board", "Integrated care board",
                          [(f"{icb.name} ICB", icb_counts[icb.id]) for icb in programme.icbs]),
        by_borough=_tile_chart(f"{id_prefix}-by-borough", "Projects by borough", programme.areas, projects),
    )


def _bar_chart(chart_id: str, title: str, group: str, counts: list[tuple[str, int]]) -> BarChart:
    largest = max((count for _, count in counts), default=0) or 1
    bars = tuple(
        Bar(label, count, index * BAR_ROW, round(BAR_WIDTH * count / largest))
        for index, (label, count) in enumerate(counts)
    )
    return BarChart(chart_id, title, group, bars, len(bars) * BAR_ROW)


def _tile_chart(chart_id: str, title: str, areas: tuple[Area, ...], projects: tuple[Project, ...]) -> TileChart:
    counts = Counter(area.name for project in projects for area in project.boroughs)
    labels = tile_labels(area.name for area in areas)
    tiles = tuple(
        MapTile(labels[area.name], area.name, counts[area.name], (area.tile_col - 1) * TILE, (area.tile_row - 1) * TILE)
        for area in sorted(areas, key=lambda area: (area.tile_row, area.tile_col))
    )
    cols = max((area.tile_col for area in areas), default=0)
    rows = max((area.tile_row for area in areas), default=0)
    return TileChart(chart_id, title, tiles, cols * TILE, rows * TILE)
