"""The programme at a glance: headline figures and charts, computed from the projects.

Charts are inline SVG drawn at build time: Python works out every number and coordinate, and
theme/partials/showcase/glance.html only places them, with the same figures as a table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from showcase.model import Programme, Project, Term, sort_key_by_name
from showcase.wording.citations import SourceLink, figure_sources
from showcase.wording.finder import TILE, TILE_MARK, Tile, facet_kind, tile_map
from showcase.wording.tally import UNCONFIRMED, Tally, distinct, inferred_note
from showcase.wording.text import pounds

BAR_ROW = 44  # height of one bar's row in the SVG, label included
CHART_WIDTH = 360  # in SVG units: narrow, to stay legible on a phone
BAR_WIDTH = 300  # the longest bar, when its value is short
VALUE_GAP = 8  # between a bar's end and its value
MIN_BAR = 2  # a bar of 0 is drawn as a sliver, so that its row reads as a bar of none
# Room a character of a bar's value takes (15px, bold), generously: a long value ("3 (1
# unconfirmed)") shortens the bars so that it stays inside the chart.
VALUE_CHARACTER = 9
NO_AREA = "Area not published"  # the row for projects with no area, so the rows add up

Rows = tuple[tuple[str, Tally], ...]  # a chart's figures, each label's count: its table's rows


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    note: str = ""  # e.g. "1 unconfirmed": how much of the value the editors inferred
    sources: tuple[SourceLink, ...] = ()  # the pages that state it, when the data names them


@dataclass(frozen=True)
class Bar:
    label: str
    count: Tally
    y: int
    width: int

    @property
    def value_x(self) -> int:
        return self.width + VALUE_GAP

    @property
    def value(self) -> str:
        return str(self.count)


@dataclass(frozen=True)
class _Chart:
    id: str
    title: str

    @property
    def note_id(self) -> str:
        return f"{self.id}-note"


@dataclass(frozen=True)
class BarChart(_Chart):
    group: str  # what each bar is, as the table's first heading
    rows: Rows
    inferred: str = ""  # says how many of the counted facts the editors inferred, if any
    width: ClassVar[int] = CHART_WIDTH

    @property
    def described_by(self) -> tuple[str, ...]:
        return (self.note_id,) if self.inferred else ()

    @property
    def bars(self) -> tuple[Bar, ...]:
        largest = max((counted.count for _, counted in self.rows), default=0) or 1
        longest_value = max((len(str(counted)) for _, counted in self.rows), default=0)
        widest = min(BAR_WIDTH, CHART_WIDTH - VALUE_GAP - VALUE_CHARACTER * longest_value)
        return tuple(
            Bar(label, counted, index * BAR_ROW, max(MIN_BAR, round(widest * counted.count / largest)))
            for index, (label, counted) in enumerate(self.rows)
        )

    @property
    def height(self) -> int:
        return len(self.rows) * BAR_ROW


@dataclass(frozen=True)
class TileChart(_Chart):
    tiles: tuple[Tile, ...]
    area_label: Term  # what an area is called: the table's first heading, the caption
    inferred: str = ""  # '' too when another chart's note says it (`explained_by`)
    without_area: Rows = ()  # the row of projects with no area
    # The id of the note under the chart by group, which already says which areas were inferred.
    explained_by: str = ""

    @property
    def note(self) -> str:
        return " ".join(part for part in (self.inferred, self.marked) if part)

    @property
    def described_by(self) -> tuple[str, ...]:
        """One description (issue 31: each chart read out once): its own note, else the note
        under the chart by group."""
        if self.note:
            return (self.note_id,)
        return (self.explained_by,) if self.explained_by else ()

    @property
    def rows(self) -> Rows:
        """The areas with projects, by name, then any projects with no area."""
        with_projects = sorted(
            (tile for tile in self.tiles if tile.count), key=lambda tile: sort_key_by_name(tile.area.name)
        )
        return (*((tile.area.name, Tally(tile.count, tile.unconfirmed)) for tile in with_projects), *self.without_area)

    @property
    def marked(self) -> str:
        """What the map's mark means; '' when no tile's count includes an inference."""
        if not any(tile.unconfirmed for tile in self.tiles):
            return ""
        return f"On the map, a count marked {TILE_MARK} includes projects whose {self.area_label.singular} is {UNCONFIRMED}."

    @staticmethod
    def count_of(tile: Tile) -> str:
        """What a tile says of its projects: '2', or '2*' when the count includes an inference."""
        return f"{tile.count}{TILE_MARK}" if tile.unconfirmed else str(tile.count)

    @property
    def width(self) -> int:
        return max((tile.area.tile_col for tile in self.tiles), default=0) * TILE

    @property
    def height(self) -> int:
        return max((tile.area.tile_row for tile in self.tiles), default=0) * TILE


@dataclass(frozen=True)
class Glance:
    figures: tuple[Figure, ...]
    by_theme: BarChart
    by_icb: BarChart | None  # None when the geography has no groups
    by_borough: TileChart

    # For a section that counts the same projects again: where the note on their inferred values is.
    @property
    def areas_note(self) -> NoteLink | None:
        return note_link(self.by_icb if self.by_icb and self.by_icb.inferred else self.by_borough)

    @property
    def themes_note(self) -> NoteLink | None:
        return note_link(self.by_theme)


@dataclass(frozen=True)
class NoteLink:
    """A sentence pointing to a note said once elsewhere on the page: `before`, a link (`link`,
    to the element with id `target`), then `after`."""

    before: str
    link: str
    target: str
    after: str = ""


def note_link(chart: BarChart | TileChart) -> NoteLink | None:
    """A pointer to the note under `chart` on the values the editors inferred; None without one."""
    if not chart.inferred:
        return None
    return NoteLink(f"Marked {UNCONFIRMED}: see the note under ", chart.title, chart.note_id, ".")


def glance(programme: Programme, projects: tuple[Project, ...], id_prefix: str) -> Glance:
    """The figures and charts for `projects` (the whole programme, or one cohort's)."""
    themes = facet_kind("theme").tally(projects)
    icbs = facet_kind("icb").tally(projects)
    areas_inferred = inferred_note(projects, "boroughs")
    by_icb = (
        BarChart(
            f"{id_prefix}-by-{programme.names.group}",
            f"Projects by {group.singular}",
            group.heading,
            (*((icb.title, icbs.get(icb.slug, Tally(0))) for icb in programme.icbs), *without_area(projects)),
            areas_inferred,
        )
        if (group := programme.group_label)
        else None
    )
    # The areas' note is said once, under the first chart by place; the map points to it.
    explained_by = by_icb.note_id if by_icb and by_icb.inferred else ""
    return Glance(
        figures=_figures(programme, projects),
        by_theme=BarChart(
            f"{id_prefix}-by-theme",
            "Projects by challenge theme",
            "Challenge theme",
            tuple((theme.title, themes.get(theme.id, Tally(0))) for theme in programme.themes),
            inferred_note(projects, "theme"),
        ),
        by_icb=by_icb,
        by_borough=TileChart(
            f"{id_prefix}-by-{programme.names.area}",
            f"Projects by {programme.area_label.singular}",
            tile_map(programme.areas, projects),
            programme.area_label,
            "" if explained_by else areas_inferred,
            without_area(projects),
            explained_by,
        ),
    )


def _figures(programme: Programme, projects: tuple[Project, ...]) -> tuple[Figure, ...]:
    figures = [Figure("Projects", str(len(projects)))]
    for label, key in (
        (programme.area_label.heading_plural, "borough"),
        *(((group.heading_plural, "icb"),) if (group := programme.group_label) else ()),
        ("Challenge themes", "theme"),
    ):
        kind = facet_kind(key)
        counted = distinct(projects, kind.keys_of, kind.inferred_field)
        figures.append(Figure(label, str(counted.count), counted.note))
    cohort_ids = {project.cohort.id for project in projects}
    funded = [cohort for cohort in programme.cohorts if cohort.id in cohort_ids and cohort.funding_total is not None]
    if funded and len(funded) == len(cohort_ids):  # only when every cohort's funding is known
        # Each cohort's figure links the page that states it, as on the cohort's own page.
        sources = tuple(link for cohort in funded for link in figure_sources(cohort, "funding_total"))
        figures.append(Figure("Funding", pounds(sum(cohort.funding_total or 0 for cohort in funded)), sources=sources))
    return tuple(figures)


def without_area(projects: Iterable[Project]) -> Rows:
    """The row of the projects with no published area, so that rows by place add up."""
    count = sum(1 for project in projects if not project.boroughs)
    return ((NO_AREA, Tally(count)),) if count else ()
