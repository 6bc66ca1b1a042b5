"""A cohort's facts, worded once for its web page, its card and its part of a pack."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from showcase.model import Area, Cohort, Icb, Project, Term, Theme, sort_key_by_name
from showcase.wording.citations import SourcedFact, figure_sources, source_link
from showcase.wording.glance import Figure, without_area
from showcase.wording.project_summary import FactValue
from showcase.wording.tally import Tally, inferred_note, tally
from showcase.wording.text import long_date, month_year, pounds

AIMS_SENTENCE = "The projects’ aims are in the programme’s own words"
# When published sources give different start months: said wherever the dates are.
SOURCES_DIFFER = "sources differ on the start month"


@dataclass(frozen=True)
class CountRow:
    """ "North Fernshire ICB: 3 projects"."""

    label: FactValue
    count: str


@dataclass(frozen=True)
class CohortSummary:
    cohort: Cohort
    projects: tuple[Project, ...]
    area_label: Term = field(default_factory=Term)  # the programme's: what its areas are called
    # A section's heading, by the id its web page gives it.
    headings: ClassVar[dict[str, str]] = {
        "where": "Where the projects are",
        "themes": "By challenge theme",
        "voices": "What people said",
    }

    @property
    def funded(self) -> int:
        return len(self.projects)

    @property
    def areas(self) -> tuple[Area, ...]:
        distinct = {area.name: area for project in self.projects for area in project.boroughs}
        return tuple(sorted(distinct.values(), key=lambda area: sort_key_by_name(area.name)))

    @property
    def area_count(self) -> Tally:
        return Tally(len(self.areas), len(self.unconfirmed_areas))

    @property
    def unconfirmed_areas(self) -> frozenset[str]:
        """The names of areas that only projects with unconfirmed areas are in."""
        counts = tally(self.projects, lambda project: (area.name for area in project.boroughs), "boroughs")
        return frozenset(name for name, counted in counts.items() if counted.unconfirmed == counted.count)

    @property
    def icb_counts(self) -> tuple[tuple[Icb, Tally], ...]:
        counts = tally(self.projects, lambda project: project.icbs, "boroughs")
        return tuple(sorted(counts.items(), key=lambda item: item[0].name))

    @property
    def theme_counts(self) -> tuple[tuple[Theme, Tally], ...]:
        counts = tally(self.projects, lambda project: (project.theme,), "theme")
        return tuple(sorted(counts.items(), key=lambda item: item[0].title))

    @property
    def inferred_areas(self) -> str:
        """Under a pack's counts by place; the web page points to its glance's (Glance.areas_note)."""
        return inferred_note(self.projects, "boroughs")

    @property
    def inferred_themes(self) -> str:
        """Under a pack's counts by theme; the web page points to its glance's (Glance.themes_note)."""
        return inferred_note(self.projects, "theme")

    @property
    def selection_figures(self) -> tuple[Figure, ...]:
        """How many teams applied and were shortlisted, known ones only, each with its source."""
        cohort = self.cohort
        return tuple(
            Figure(label, str(value), sources=figure_sources(cohort, name))
            for label, name, value in (
                ("Applications", "applications", cohort.applications),
                ("Shortlisted", "shortlisted", cohort.shortlisted),
            )
            if value is not None
        )

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The headline numbers, known ones only, each stated one with its source."""
        figures = [*self.selection_figures, Figure("Projects funded", str(self.funded))]
        if (areas := self.area_count).count:
            figures.append(Figure(self.area_label.heading_plural, str(areas.count), areas.note))
        return tuple(figures)

    @property
    def period(self) -> str:
        """'October 2023 to April 2024 (sources differ on the start month: one gives September
        2023)'; '' without both months."""
        cohort = self.cohort
        if not (cohort.start and cohort.end):
            return ""
        period = f"{month_year(cohort.start)} to {month_year(cohort.end)}"
        if cohort.other_start:
            period += f" ({SOURCES_DIFFER}: one gives {month_year(cohort.other_start)})"
        return period

    @property
    def key_facts(self) -> tuple[SourcedFact, ...]:
        """The cohort's known dates and funding as sentences, each with the pages that state it."""
        cohort = self.cohort
        most = cohort.funding_per_project_max
        each = f", up to {pounds(most)} each" if most else ""
        sentences = (
            (f"The programme ran from {self.period}." if self.period else "", ("start", "end", "other_start")),
            (
                f"The projects shared {pounds(cohort.funding_total)} of funding{each}." if cohort.funding_total else "",
                ("funding_total", "funding_per_project_max") if most else ("funding_total",),
            ),
            (f"The teams graduated on {long_date(cohort.graduation)}." if cohort.graduation else "", ("graduation",)),
            (
                f"A showcase event to share impacts and learning took place on {long_date(cohort.showcase_event)}."
                if cohort.showcase_event
                else "",
                ("showcase_event",),
            ),
        )
        return tuple(SourcedFact(text, figure_sources(cohort, *fields)) for text, fields in sentences if text)

    @property
    def place_counts(self) -> tuple[CountRow, ...]:
        """How many projects are in each group (else each area), then how many have no area."""
        by_area = tally(self.projects, lambda project: project.boroughs, "boroughs")
        places = (
            ((icb.title, count) for icb, count in self.icb_counts)
            if self.icb_counts
            else ((area.name, by_area[area]) for area in self.areas)
        )
        rows = (*places, *without_area(self.projects))
        return tuple(CountRow(FactValue(label), count.of("project")) for label, count in rows)

    @property
    def theme_rows(self) -> tuple[CountRow, ...]:
        return tuple(CountRow(FactValue(theme.title, theme), count.of("project")) for theme, count in self.theme_counts)

    @property
    def aims_source(self) -> SourcedFact | None:
        url = self.cohort.source
        if not url:
            return None
        return SourcedFact(
            AIMS_SENTENCE,
            (source_link(self.cohort, url, "source", f" of the projects’ aims for the {self.cohort.title}"),),
        )
