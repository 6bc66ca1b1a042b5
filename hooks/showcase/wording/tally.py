"""Counts of projects that say how many of them rest on a fact the showcase's editors inferred.

A count made from facts labelled "(unconfirmed)" must say so where it is shown, or it repeats a
guess as a fact: every count of projects by a field is made and worded here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from showcase.model import Project
from showcase.wording.text import plural

Value = TypeVar("Value", bound=Hashable)

# The one word for a fact no source states, in every label, count and note of every view.
UNCONFIRMED = "unconfirmed"
UNCONFIRMED_LABEL = f"({UNCONFIRMED})"

# What each field that may be unconfirmed is called in a sentence: one, several.
FIELD_NOUNS = {
    "theme": ("theme", "themes"),
    "boroughs": ("area", "areas"),
    "organisation": ("lead organisation", "lead organisations"),
    "partners": ("partners", "partners"),
    "pcn": ("primary care network", "primary care networks"),
    "summary": ("summary", "summaries"),
    "outcomes": ("outcomes", "outcomes"),
}


@dataclass(frozen=True)
class Tally:
    count: int
    unconfirmed: int = 0

    @property
    def note(self) -> str:
        """'' when every counted fact is confirmed; 'all unconfirmed' or '1 unconfirmed'."""
        if not self.unconfirmed:
            return ""
        if self.unconfirmed == self.count:
            return f"all {UNCONFIRMED}" if self.count > 1 else UNCONFIRMED
        return f"{self.unconfirmed} {UNCONFIRMED}"

    def __str__(self) -> str:
        """'10', or '10 (all unconfirmed)'."""
        return f"{self.count} ({self.note})" if self.note else str(self.count)

    def of(self, singular: str, plural_form: str | None = None) -> str:
        """'1 project', '10 projects (all unconfirmed)'."""
        counted = plural(self.count, singular, plural_form)
        return f"{counted} ({self.note})" if self.note else counted


def tally(
    projects: Iterable[Project], values_of: Callable[[Project], Iterable[Value]], field: str
) -> dict[Value, Tally]:
    """Each value's projects, counted once each, with those whose `field` is unconfirmed."""
    counts: Counter[Value] = Counter()
    unconfirmed: Counter[Value] = Counter()
    for project in projects:
        for value in dict.fromkeys(values_of(project)):
            counts[value] += 1
            if project.is_unconfirmed(field):
                unconfirmed[value] += 1
    return {value: Tally(count, unconfirmed[value]) for value, count in counts.items()}


def distinct(projects: Iterable[Project], values_of: Callable[[Project], Iterable[Value]], field: str) -> Tally:
    """How many different values the projects have, and how many no project confirms."""
    counted = tally(projects, values_of, field)
    return Tally(len(counted), sum(1 for each in counted.values() if each.unconfirmed == each.count))


def counts_note(projects: Iterable[Project], field: str) -> str:
    """Under the finder's counts, in projects: one project's three inferred areas are one inference."""
    inferred = _inferred(projects, field)
    if not inferred:
        return ""
    one, several = FIELD_NOUNS[field]
    whose = several if field == "boroughs" else one
    return f"Counts include {plural(len(inferred), 'project')} whose {whose} the showcase’s editors inferred {UNCONFIRMED_LABEL}."


def inferred_note(projects: Iterable[Project], field: str) -> str:
    """Under a count of `projects` by `field`; '' when none is unconfirmed."""
    projects = tuple(projects)
    inferred = _inferred(projects, field)
    if not inferred:
        return ""
    # One value, unless several projects' (or one project's several areas).
    single = len(inferred) == 1 and (field != "boroughs" or len(inferred[0].boroughs) <= 1)
    one, several = FIELD_NOUNS[field]
    noun = one if single else several
    if len(inferred) < len(projects):
        whose = f"The {noun} of {len(inferred)} of these {len(projects)} projects"
    elif len(inferred) == 1:
        whose = f"The {noun} of the project"
    else:
        whose = f"The {noun} of all {len(inferred)} projects"
    verb, pronoun = ("was", "it") if single else ("were", "them")
    return f"{whose} {verb} inferred by the showcase’s editors: no source states {pronoun} (marked {UNCONFIRMED})."


def _inferred(projects: Iterable[Project], field: str) -> list[Project]:
    return [project for project in projects if project.is_unconfirmed(field)]
