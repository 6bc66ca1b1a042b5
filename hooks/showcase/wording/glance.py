"""The programme at a glance: headline figures and charts, computed from the projects.

Charts are drawn as inline SVG when the site is built (no chart library runs in the browser).
Python works out every number and coordinate; the partial theme/partials/showcase/glance.html
only places them. Each chart comes with the same figures as a table, its text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass

from showcase.model import Area, AreaLabel, Programme, Project, sort_key_by_name
from showcase.wording.citations import SourceLink, figure_sources
from showcase.wording.finder import tile_labels
from showcase.wording.tally import Tally, distinct, inferred_note, tally
from showcase.wording.text import pounds

BAR_ROW = 44  # height of one bar's row in the SVG, label included
BAR_WIDTH = 300  # the longest bar, in SVG units (the chart is 360 wide, to stay legible on a phone)
TILE = 44  # a tile's side, gap included, in the tile map's SVG
NO_AREA = "Area not published"  # the row for projects with no area, so the rows add up


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    note: str = ""  # e.g. "1 unconfirmed": how much of the value the editors inferred
    sources: tuple[SourceLink, ...] = ()  # the pages that state it, when the data names them


@dataclass(frozen=True)
class Bar:
    label: str
    tally: Tally
    y: int
    width: int

    @property
    def count(self) -> int:
        return self.tally.count


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    group: str  # what each bar is, as the table's first heading
    bars: tuple[Bar, ...]
    height: int
    inferred: str = ""  # says how many of the counted facts the editors inferred, if any

    @property
    def description(self) -> str:
        return " ".join(
            filter(None, ("; ".join(f"{bar.label}: {bar.tally}" for bar in self.bars) + ".", self.inferred))
        )

    @property
    def rows(self) -> tuple[tuple[str, Tally], ...]:
        """The chart's figures for its table."""
        return tuple((bar.label, bar.tally) for bar in self.bars)


@dataclass(frozen=True)
class ChartTile:
    """One area's tile in the glance's tile chart: its place in the SVG and its count."""

    label: str
    name: str
    count: int
    x: int
    y: int


@dataclass(frozen=True)
class TileChart:
    id: str
    title: str
    tiles: tuple[ChartTile, ...]
    width: int
    height: int
    rows: tuple[tuple[str, Tally], ...]  # the areas with projects, by name, then any with no area
    area_label: AreaLabel  # what an area is called: the table's first heading, the caption
    inferred: str = ""

    @property
    def description(self) -> str:
        return " ".join(
            filter(
                None,
                (
                    "; ".join(f"{name}: {count}" for name, count in self.rows)
                    + f"; other {self.area_label.plural}: none.",
                    self.inferred,
                ),
            )
        )


@dataclass(frozen=True)
class Glance:
    figures: tuple[Figure, ...]
    by_theme: BarChart
    by_icb: BarChart
    by_borough: TileChart


def glance(programme: Programme, projects: tuple[Project, ...], id_prefix: str) -> Glance:
    """The figures and charts for `projects` (the whole programme, or one cohort's)."""
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
    theme_counts = tally(projects, _theme_of, "theme")
    icb_counts = tally(projects, _icbs_of, "boroughs")
    icb_rows = [(f"{icb.name} ICB", icb_counts.get(icb.id, Tally(0))) for icb in programme.icbs]
    if without_area := sum(1 for project in projects if not project.boroughs):
        icb_rows.append((NO_AREA, Tally(without_area)))
    return Glance(
        figures=tuple(figures),
        by_theme=_bar_chart(
            f"{id_prefix}-by-theme",
            "Projects by challenge theme",
            "Challenge theme",
            [(theme.title, theme_counts.get(theme.id, Tally(0))) for theme in programme.themes],
            inferred_note(projects, "theme"),
        ),
        by_icb=_bar_chart(
            f"{id_prefix}-by-icb",
            "Projects by integrated care board",
            "Integrated care board",
            icb_rows,
            inferred_note(projects, "boroughs"),
        ),
        by_borough=_tile_chart(
            f"{id_prefix}-by-borough",
            f"Projects by {programme.area_label.singular}",
            programme.area_label,
            programme.areas,
            projects,
        ),
    )


def _theme_of(project: Project) -> tuple[str]:
    return (project.theme.id,)


def _icbs_of(project: Project) -> tuple[str, ...]:
    return tuple(icb.id for icb in project.icbs)


def _areas_of(project: Project) -> tuple[str, ...]:
    return tuple(area.name for area in project.boroughs)


def _bar_chart(chart_id: str, title: str, group: str, counts: list[tuple[str, Tally]], inferred: str) -> BarChart:
    largest = max((counted.count for _, counted in counts), default=0) or 1
    bars = tuple(
        Bar(label, counted, index * BAR_ROW, round(BAR_WIDTH * counted.count / largest))
        for index, (label, counted) in enumerate(counts)
    )
    return BarChart(chart_id, title, group, bars, len(bars) * BAR_ROW, inferred)


def _tile_chart(
    chart_id: str, title: str, area_label: AreaLabel, areas: tuple[Area, ...], projects: tuple[Project, ...]
) -> TileChart:
    counts = tally(projects, _areas_of, "boroughs")
    labels = tile_labels(area.name for area in areas)
    tiles = tuple(
        ChartTile(
            labels[area.name],
            area.name,
            counts[area.name].count if area.name in counts else 0,
            (area.tile_col - 1) * TILE,
            (area.tile_row - 1) * TILE,
        )
        for area in sorted(areas, key=lambda area: (area.tile_row, area.tile_col))
    )
    rows = [(name, counts[name]) for name in sorted(counts, key=sort_key_by_name)]
    if without_area := sum(1 for project in projects if not project.boroughs):
        rows.append((NO_AREA, Tally(without_area)))
    cols = max((area.tile_col for area in areas), default=0)
    height = max((area.tile_row for area in areas), default=0)
    return TileChart(
        chart_id, title, tiles, cols * TILE, height * TILE, tuple(rows), area_label, inferred_note(projects, "boroughs")
    )
