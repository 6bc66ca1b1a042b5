"""Where each fact comes from, worded once for the web pages and the PDFs.

A fact with a source (a record's `sources:`) is shown with a link to it; one the showcase's
editors read from the sources is labelled "(unconfirmed)"; the aim is the programme's own words,
from its cohort's `source`. A cited page that copies another website's document says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from babel.lists import format_list

from showcase.model import Cohort, Project, Sourced
from showcase.wording.tally import FIELD_NOUNS, UNCONFIRMED_LABEL
from showcase.wording.text import QUOTED

# What each cohort figure is called in a link's name: "source of the number of applications".
FIGURE_NOUNS = {
    "start": "start month",
    "other_start": "other start month",
    "end": "end month",
    "funding_total": "total funding",
    "funding_per_project_max": "most funding for one project",
    "applications": "number of applications",
    "shortlisted": "number of applications shortlisted",
    "graduation": "graduation date",
    "showcase_event": "showcase event date",
}
AIM_SENTENCE = "The aim is in the programme’s own words"
# An outcomes list may hold what a project did as well as what changed: its items, not "outcomes".
EACH_OUTCOME_SENTENCE = "Each item comes from the published page given beside it"
UNCONFIRMED_EXPLAINED = "marks the showcase editors’ own reading of the sources, which no source states: for example a project’s theme, read from its aim."


@dataclass(frozen=True)
class SourceLink:
    """A link to the page that states a fact. The eye reads `text` ("source"); with `context`,
    its name out of context (a screen reader's list of links): "source of the lead organisation
    of Harbour Walks". A copy says so after them, to the eye too."""

    url: str
    text: str
    context: str  # shown to assistive technology only, straight after `text`
    copy: str = ""  # what the page is, when it is a copy (copy_note); shown after ", "

    @property
    def name(self) -> str:
        return self.text + self.context + (f", {self.copy}" if self.copy else "")


def copy_note(copy_of: str) -> str:
    """What a cited page that copies `copy_of` is; "" for a page that is no copy."""
    return f"a copy of {copy_of}" if copy_of else ""


def source_link(record: Sourced, url: str, text: str, context: str) -> SourceLink:
    return SourceLink(url, text, context, copy_note(dict(record.copies).get(url, "")))


@dataclass(frozen=True)
class SourcedFact:
    """A sentence (a cohort's key fact, an outcome) with the pages that state it."""

    text: str
    sources: tuple[SourceLink, ...] = ()


@dataclass(frozen=True)
class FactsNote:
    """The note under a list of facts, laid out as: aim (aim_source). sentences label explained."""

    aim: str = ""
    aim_source: SourceLink | None = None
    sentences: str = ""
    label: str = ""
    explained: str = ""


# Under a list of projects: its labels only (the sources are on each project's own page).
UNCONFIRMED_NOTE = FactsNote(label=UNCONFIRMED_LABEL, explained=UNCONFIRMED_EXPLAINED)


def fact_source(project: Project, field: str) -> SourceLink | None:
    url = project.source_of(field)
    if url is None:
        return None
    one, several = FIELD_NOUNS[field]
    noun = several if field == "boroughs" and len(project.boroughs) > 1 else one
    return source_link(project, url, "source", f" of the {noun} of {project.name}")


def outcome_source(project: Project, number: int) -> SourceLink | None:
    """The link beside outcome `number` (from 1), when the record names one per outcome."""
    if not project.outcome_sources:
        return None
    url = project.outcome_sources[number - 1]
    return source_link(project, url, "source", f" of outcome {number} of {project.name}")


def section_source(project: Project, field: str) -> SourcedFact | None:
    """The sentence with its link under a section's fact (summary, outcomes)."""
    if field == "outcomes" and project.outcome_sources:
        return SourcedFact(EACH_OUTCOME_SENTENCE)
    link = fact_source(project, field)
    if link is None:
        return None
    noun, verb = ("items listed", "come") if field == "outcomes" else (FIELD_NOUNS[field][0], "comes")
    return SourcedFact(f"The {noun} {verb} from a published page", (link,))


def figure_sources(cohort: Cohort, *fields: str) -> tuple[SourceLink, ...]:
    """The links beside a cohort's figure or sentence, one per page, each saying which figures it states."""
    by_url: dict[str, list[str]] = {}
    for field in fields:
        if (url := cohort.source_of(field)) is not None:
            by_url.setdefault(url, []).append(FIGURE_NOUNS[field])
    if len(by_url) == 1:
        ((url, nouns),) = by_url.items()
        return (source_link(cohort, url, "source", f" of the {_joined(nouns)} for the {cohort.title}"),)
    return tuple(
        source_link(cohort, url, f"source of the {_joined(nouns)}", f" for the {cohort.title}")
        for url, nouns in by_url.items()
    )


def project_facts_note(project: Project) -> FactsNote:
    """The note under a project's facts, saying only what holds for it."""
    source = project.cohort.source
    aim_source = source_link(project.cohort, source, "source", f" of the aim of {project.name}") if source else None
    sources = "A fact with a source beside it comes from that page." if project.cited else ""
    note = FactsNote(AIM_SENTENCE, aim_source, sources)
    return replace(note, label=UNCONFIRMED_LABEL, explained=UNCONFIRMED_EXPLAINED) if project.unconfirmed else note


def _joined(nouns: list[str]) -> str:
    """'start month, end month and other start month': British English, no serial comma."""
    return format_list(nouns, locale="en_GB")


def brief_status(status: str) -> str:
    """An ended programme's status as a snapshot's foot says it: its source's own words (the
    setting's quoted words), "(unconfirmed)" when the setting says so; the whole setting when it
    quotes nothing. Printed in full on each snapshot, it took four lines of every page (issue 28)."""
    quoted = QUOTED.findall(status)
    if not quoted:
        return status
    label = f" {UNCONFIRMED_LABEL}" if UNCONFIRMED_LABEL in status else ""
    words = "; ".join(f"“{each}”" for each in quoted)
    return f"The programme’s status{label}, in its source’s words: {words}."
