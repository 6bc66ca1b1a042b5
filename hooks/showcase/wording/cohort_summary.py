"""A cohort's facts, worded once for its web page, its card and its part of a pack.

Every count and sentence is computed here from the project records, as `ProjectSummary` does
for a project; the web and print templates lay them out with the same macros' shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from showcase.model import Area, AreaLabel, Cohort, Icb, Project, Theme, sort_key_by_name
from showcase.wording.citations import SourcedFact, figure_sources, source_link
from showcase.wording.glance import Figure
from showcase.wording.project_summary import FactValue
from showcase.wording.tally import Tally, distinct, inferred_note, tally
from showcase.wording.text import long_date, month_year, plural, pounds

# A section's heading, by the id its web page gives it.
COHORT_HEADINGS = {
    "where": "Where the projects are",
    "themes": "By challenge theme",
    "voices": "What people said",
}
AREA_NOT_PUBLISHED = "Area not published"
AIMS_SENTENCE = "The projects’ aims are in the programme’s own words"
# When published sources give different start months: said wherever the dates are.
SOURCES_DIFFER = "sources differ on the start month"


@dataclass(frozen=True)
class CountRow:
    """A line of a list of counts: "North Fernshire ICB: 3 projects". On the web the label
    links to its record's page, when it has one."""

    label: FactValue
    count: str


@dataclass(frozen=True)
class CohortSummary:
    """A cohort with the facts its page shows, each computed from the project records."""

    cohort: Cohort
    projects: tuple[Project, ...]
    area_label: AreaLabel = field(default_factory=AreaLabel)  # the programme's: what its areas are called

    @property
    def headings(self) -> dict[str, str]:
        return COHORT_HEADINGS

    @property
    def funded(self) -> int:
        return len(self.projects)

    @property
    def areas(self) -> tuple[Area, ...]:
        distinct = {area.name: area for project in self.projects for area in project.boroughs}
        return tuple(sorted(distinct.values(), key=lambda area: sort_key_by_name(area.name)))

    @property
    def area_count(self) -> Tally:
        """How many areas the projects are in, and how many of those only as unconfirmed."""
        return distinct(self.projects, lambda project: (area.name for area in project.boroughs), "boroughs")

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
        return inferred_note(self.projects, "boroughs")

    @property
    def inferred_themes(self) -> str:
        return inferred_note(self.projects, "theme")

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The headline numbers, for the web page and the pack alike: known ones only."""
        cohort = self.cohort
        areas = self.area_count
        # (label, count, the cohort's field whose source it has: the counted ones have none)
        rows = [
            ("Applications", Tally(cohort.applications) if cohort.applications is not None else None, "applications"),
            ("Shortlisted", Tally(cohort.shortlisted) if cohort.shortlisted is not None else None, "shortlisted"),
            ("Projects funded", Tally(self.funded), None),
            (self.area_label.heading_plural, areas if areas.count else None, None),
        ]
        return tuple(
            Figure(label, str(value.count), value.note, figure_sources(cohort, field) if field else ())
            for label, value, field in rows
            if value is not None
        )

    @property
    def period(self) -> str:
        """When the programme ran, for a card and a sentence: 'October 2023 to April 2024', with
        the start month other sources give when they differ: '... (sources differ on the start
        month: one gives September 2023)'. '' without both months."""
        cohort = self.cohort
        if not (cohort.start and cohort.end):
            return ""
        period = f"{month_year(cohort.start)} to {month_year(cohort.end)}"
        if cohort.other_start:
            period += f" ({SOURCES_DIFFER}: one gives {month_year(cohort.other_start)})"
        return period

    @property
    def key_facts(self) -> tuple[SourcedFact, ...]:
        """The cohort's dates and funding as sentences, each with the pages that state it; a
        fact not in the data is left out."""
        cohort = self.cohort
        facts = []
        if self.period:
            facts.append(
                SourcedFact(
                    f"The programme ran from {self.period}.", figure_sources(cohort, "start", "end", "other_start")
                )
            )
        if cohort.funding_total:
            each = f", up to {pounds(cohort.funding_per_project_max)} each" if cohort.funding_per_project_max else ""
            fields = (
                ("funding_total", "funding_per_project_max") if cohort.funding_per_project_max else ("funding_total",)
            )
            facts.append(
                SourcedFact(
                    f"The projects shared {pounds(cohort.funding_total)} of funding{each}.",
                    figure_sources(cohort, *fields),
                )
            )
        if cohort.graduation:
            facts.append(
                SourcedFact(
                    f"The teams graduated on {long_date(cohort.graduation)}.", figure_sources(cohort, "graduation")
                )
            )
        if cohort.showcase_event:
            facts.append(
                SourcedFact(
                    f"A showcase event to share impacts and learning took place on {long_date(cohort.showcase_event)}.",
                    figure_sources(cohort, "showcase_event"),
                )
            )
        return tuple(facts)

    @property
    def projects_without_borough(self) -> int:
        return sum(1 for project in self.projects if not project.boroughs)

    @property
    def place_counts(self) -> tuple[CountRow, ...]:
        """How many projects are in each ICB, then how many have no published area."""
        rows = [CountRow(FactValue(f"{icb.name} ICB"), count.of("project")) for icb, count in self.icb_counts]
        if unplaced := self.projects_without_borough:
            rows.append(CountRow(FactValue(AREA_NOT_PUBLISHED), plural(unplaced, "project")))
        return tuple(rows)

    @property
    def theme_rows(self) -> tuple[CountRow, ...]:
        """How many projects have each challenge theme; on the web each links to its theme's page."""
        return tuple(CountRow(FactValue(theme.title, theme), count.of("project")) for theme, count in self.theme_counts)

    @property
    def aims_source(self) -> SourcedFact | None:
        """Where the programme published its projects' aims, in their own words."""
        url = self.cohort.source
        if not url:
            return None
        return SourcedFact(
            AIMS_SENTENCE,
            (source_link(self.cohort, url, "source", f" of the projects’ aims for the {self.cohort.title}"),),
        )
