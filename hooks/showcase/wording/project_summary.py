"""A project's facts and sections, worded once for its web page, its card and its PDF snapshot.

Each medium's macros only lay them out. A fact not known is left out; one no source states
carries the "(unconfirmed)" label; one whose record names a source, a link to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from babel.lists import format_list

from showcase.model import Area, Cohort, Icb, Project, Quote, Term, Theme
from showcase.wording.citations import (
    AIM_SENTENCE,
    UNCONFIRMED_LABEL,
    UNCONFIRMED_NOTE,
    FactsNote,
    SourcedFact,
    SourceLink,
    brief_status,
    copy_note,
    fact_source,
    outcome_source,
    project_facts_note,
    section_source,
)

# A section's heading, by its id (the anchor a shared link can point at).
SECTION_HEADINGS = {
    "aim": "Aim",
    "facts": "Project facts",
    "summary": "Summary",
    # Not "Outcomes": what a record lists there is what its sources reported, which may be what the
    # project did rather than what changed (the Men's project's walks and event), and no field
    # says which. A heading that holds for any such list promises nothing the list lacks.
    "outcomes": "What was reported",
    "quotes": "In their words",
    "links": "Find out more",
}
NOT_PUBLISHED = "Not published"  # a card's place when the project's area is not known
# A project with no outcomes says so, with how to send them (the contact address follows
# SEND_OUTCOMES). "Found", not "published": some may be published but not found yet.
NO_OUTCOMES = "No published outcomes of this project have been found yet."
SEND_OUTCOMES = "If you know where they were published, or can share them, email"


@dataclass(frozen=True)
class FactValue:
    """One value of a fact, e.g. an area: on the web a link to `record`'s page, then `within` in
    brackets (the area's group), then the link to the page that states `within`, if any."""

    text: str
    record: Area | Icb | Theme | Cohort | None = None
    within: FactValue | None = None
    source: SourceLink | None = None


@dataclass(frozen=True)
class Fact:
    """A label and its values (laid out separated by commas)."""

    label: str
    values: tuple[FactValue, ...]
    unconfirmed: str = ""  # UNCONFIRMED_LABEL, or "" for a fact a source states
    source: SourceLink | None = None

    @property
    def groups(self) -> tuple[tuple[str, FactValue], ...]:
        """The groups its values are in, laid out after the fact, not nested in it ("Tower Hamlets
        (ICB (source)) (source)" read as one claim with two citations): ("", group) when every
        value is in the one group, else each value's name with its group."""
        placed = tuple((value.text, value.within) for value in self.values if value.within is not None)
        if len(placed) == len(self.values) and len({group.text for _, group in placed}) == 1:
            first, group = placed[0]
            if group.source and len(placed) > 1:
                # Its link's name out of context names every area it stands for, not the first.
                areas = format_list([area for area, _ in placed], locale="en_GB")
                context = group.source.context.replace(f" of {first}", f" of {areas}")
                group = replace(group, source=replace(group.source, context=context))
            return (("", group),)
        return placed


@dataclass(frozen=True)
class Section:
    """A section of a project's page or snapshot, by its anchor (`id`); its body is the project's."""

    id: str
    unconfirmed: str = ""
    source: SourcedFact | None = None
    empty: str = ""  # a section shown with nothing in it: what is missing
    send: str = ""

    @property
    def heading(self) -> str:
        return SECTION_HEADINGS[self.id]


@dataclass(frozen=True)
class Sections:
    """A project's sections, in order; None for one with nothing to show."""

    aim: Section
    facts: Section
    summary: Section | None
    outcomes: Section  # with `empty` when the project has none
    quotes: Section | None
    links: Section | None


@dataclass(frozen=True)
class ProjectSummary:
    project: Project
    area_label: Term  # the programme's: what its areas are called

    @property
    def facts(self) -> tuple[Fact, ...]:
        """The facts both the page and the snapshot show, known ones only."""
        project = self.project
        facts = (
            self._fact(
                "boroughs",
                self.area_label.heading if len(project.boroughs) == 1 else self.area_label.heading_plural,
                (FactValue(area.name, area, area_group(area)) for area in project.boroughs),
            ),
            self._fact("theme", "Challenge theme", (FactValue(project.theme.title, project.theme),)),
            self._fact("organisation", "Lead organisation", _plain(project.organisation)),
            self._fact("partners", "Partners", _plain(*project.partners)),
            self._fact("pcn", "Primary care network", _plain(project.pcn)),
        )
        return tuple(fact for fact in facts if fact.values)

    @property
    def page_facts(self) -> tuple[Fact, ...]:
        """The web page's facts: also its cohort, which links to the cohort's page (a snapshot
        names it in its masthead), and its keywords, which help a search find it."""
        project = self.project
        cohort = Fact("Cohort", (FactValue(project.cohort.title, project.cohort),))
        keywords = (Fact("Keywords", _plain(*project.tags)),) if project.tags else ()
        return (cohort, *self.facts, *keywords)

    @property
    def outcomes(self) -> tuple[SourcedFact, ...]:
        return tuple(
            SourcedFact(outcome, tuple(link for link in (outcome_source(self.project, number),) if link))
            for number, outcome in enumerate(self.project.outcomes, start=1)
        )

    @property
    def note(self) -> FactsNote:
        return project_facts_note(self.project)

    @property
    def page_note(self) -> FactsNote | None:
        """The note under the web page's facts, but the aim's source (the aim's section has it)."""
        rest = replace(self.note, aim="", aim_source=None)
        return rest if rest.sentences or rest.label else None

    @property
    def sections(self) -> Sections:
        project = self.project
        aim_link = self.note.aim_source
        return Sections(
            aim=Section("aim", source=SourcedFact(AIM_SENTENCE, (aim_link,) if aim_link else ())),
            facts=Section("facts"),
            summary=self._section("summary") if project.summary else None,
            outcomes=self._section("outcomes")
            if project.outcomes
            else Section("outcomes", empty=NO_OUTCOMES, send=SEND_OUTCOMES),
            quotes=Section("quotes") if project.quotes else None,
            links=Section("links") if project.links else None,
        )

    def _section(self, field: str) -> Section:
        return Section(field, _label(self.project, field), section_source(self.project, field))

    def _fact(self, field: str, label: str, values: Iterable[FactValue]) -> Fact:
        return Fact(label, tuple(values), _label(self.project, field), fact_source(self.project, field))


def area_group(area: Area) -> FactValue | None:
    """The group an area is in, with the page that says so: "North Fernshire ICB (source)"."""
    return FactValue(area.icb.title, area.icb, source=group_source(area)) if area.icb else None


def group_source(area: Area) -> SourceLink | None:
    """The link to the page that says which group `area` is in."""
    group = area.icb
    if group is None or not group.source:
        return None
    return SourceLink(group.source, "source", f" of the {group.term.brief} of {area.name}")


# Beside a group's list of areas (the groups' index): the claim its source makes.
MEMBERS_NOTE = "The areas it covers, as its source names them"


def members_source(group: Icb) -> SourceLink | None:
    """The link to the page that names the areas in `group`."""
    return SourceLink(group.source, "source", f" of the areas of {group.title}") if group.source else None


def card_facts(project: Project) -> tuple[Fact, ...]:
    """A project card's facts, short enough for a list: no sources (its page has them)."""
    where = _plain(*(area.name for area in project.boroughs)) or (FactValue(NOT_PUBLISHED),)
    return (
        Fact("Where", where, _label(project, "boroughs") if project.boroughs else ""),
        Fact("Theme", (FactValue(project.theme.title),), _label(project, "theme")),
        Fact("Cohort", (FactValue(project.cohort.title),)),
    )


def quote_source(quote: Quote) -> SourceLink | None:
    if not quote.source:
        return None
    return SourceLink(quote.source, "source", f" of the quote from {quote.attribution}", copy_note(quote.copy_of))


def unconfirmed_note(projects: Iterable[Project]) -> FactsNote | None:
    """Under a list of projects: what "(unconfirmed)" means, when any of them has such a fact."""
    return UNCONFIRMED_NOTE if any(project.unconfirmed for project in projects) else None


def _plain(*texts: str | None) -> tuple[FactValue, ...]:
    return tuple(FactValue(text) for text in texts if text)


def _label(project: Project, field: str) -> str:
    return UNCONFIRMED_LABEL if project.is_unconfirmed(field) else ""


# For both Jinja environments, the web pages' and the PDFs'.
TEMPLATE_FILTERS: dict[str, Any] = {
    "brief_status": brief_status,
    "card_facts": card_facts,
    "quote_source": quote_source,
    "unconfirmed_note": unconfirmed_note,
}
TEMPLATE_GLOBALS: dict[str, Any] = {
    "unconfirmed_label": UNCONFIRMED_LABEL,
    "group_source": group_source,
    "members_source": members_source,
    "members_note": MEMBERS_NOTE,
}
