"""Where each fact comes from, worded once for the web pages and the PDFs.

A fact with a source (a record's `sources:`) is shown with a link to the page that states it; a
fact the showcase's editors read from the sources themselves is labelled "(unconfirmed)"; the
aim is the programme's own words, from its cohort's `source`. The note under the facts says so.
A cited page that is another website's copy of a document (the record's `copies`) says so
wherever it is linked or listed, in copy_note's words.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """A link to the page that states a fact. The eye reads `text` ("source"); `text` and
    `context` together are its name out of context (a screen reader's list of links): "source of
    the lead organisation of Harbour Walks". A copy says so after them, to the eye too."""

    url: str
    text: str
    context: str  # shown to assistive technology only, straight after `text`
    copy: str = ""  # what the page is, when it is a copy (copy_note); shown after ", "

    @property
    def name(self) -> str:
        return self.text + self.context + (f", {self.copy}" if self.copy else "")


def copy_note(copy_of: str) -> str:
    """What a cited page that copies `copy_of` is: beside its link on the web, after its address
    on paper; "" for a page that is no copy."""
    return f"a copy of {copy_of}" if copy_of else ""


def source_link(record: Sourced, url: str, text: str, context: str) -> SourceLink:
    """The link to `url`, a page `record` cites."""
    return SourceLink(url, text, context, copy_note(dict(record.copies).get(url, "")))


@dataclass(frozen=True)
class SourcedFact:
    """A sentence (a cohort's key fact, an outcome) with the pages that state it."""

    text: str
    sources: tuple[SourceLink, ...] = ()

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class FactsNote:
    """The note under a list of facts, laid out as: aim (aim_source). sentences label explained
    (`label` is "(unconfirmed)", styled as on the facts)."""

    aim: str = ""
    aim_source: SourceLink | None = None
    sentences: str = ""
    label: str = ""
    explained: str = ""


# Under a list of projects: its labels only (the sources are on each project's own page).
UNCONFIRMED_NOTE = FactsNote(label=UNCONFIRMED_LABEL, explained=UNCONFIRMED_EXPLAINED)


def fact_source(project: Project, field: str) -> SourceLink | None:
    """The link beside one of a project's facts, when its record names a source."""
    url = project.source_of(field)
    if url is None:
        return None
    one, several = FIELD_NOUNS[field]
    noun = several if field == "boroughs" and len(project.boroughs) > 1 else one
    return source_link(project, url, "source", f" of the {noun} of {project.name}")


def outcome_source(project: Project, number: int) -> SourceLink | None:
    """The link beside outcome `number` (from 1), when the record names a page for each outcome."""
    if not project.outcome_sources:
        return None
    url = project.outcome_sources[number - 1]
    return source_link(project, url, "source", f" of outcome {number} of {project.name}")


def section_source(project: Project, field: str) -> SourcedFact | None:
    """The sentence with its link under a fact shown as a section of its own (summary, outcomes)."""
    if field == "outcomes" and project.outcome_sources:
        return SourcedFact(EACH_OUTCOME_SENTENCE)
    link = fact_source(project, field)
    if link is None:
        return None
    noun, verb = ("items listed", "come") if field == "outcomes" else (FIELD_NOUNS[field][0], "comes")
    return SourcedFact(f"The {noun} {verb} from a published page", (link,))


def figure_sources(cohort: Cohort, *fields: str) -> tuple[SourceLink, ...]:
    """The links beside a cohort's figure or sentence, one per page: a sentence made of two
    figures from two pages has two links, each saying which figure it is the source of."""
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
    """The note under a project's facts (its page and its snapshot), saying only what holds for it."""
    source = project.cohort.source
    aim_source = source_link(project.cohort, source, "source", f" of the aim of {project.name}") if source else None
    sources = "A fact with a source beside it comes from that page." if project.cited else ""
    if project.unconfirmed:
        return FactsNote(AIM_SENTENCE, aim_source, sources, UNCONFIRMED_LABEL, UNCONFIRMED_EXPLAINED)
    return FactsNote(AIM_SENTENCE, aim_source, sources)


def _joined(nouns: list[str]) -> str:
    """'start month, end month and other start month': British English, no serial comma."""
    return format_list(nouns, locale="en_GB")


def brief_status(status: str) -> str:
    """An ended programme's status as a snapshot's foot says it, on a page it shares with the
    project's facts: its source's own words (the setting's words in quote marks), with
    "(unconfirmed)" when the setting marks its reading of them so; the whole setting when it
    quotes nothing. The setting in full is on the pack's cover and back page and on every web
    page; printed in full on each snapshot, it took four lines of every page (issue 28)."""
    quoted = QUOTED.findall(status)
    if not quoted:
        return status
    label = f" {UNCONFIRMED_LABEL}" if UNCONFIRMED_LABEL in status else ""
    words = "; ".join(f"“{each}”" for each in quoted)
    return f"The programme’s status{label}, in its source’s words: {words}."
