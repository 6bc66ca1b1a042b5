"""Problems in the comms team's files, each naming file, line, record, field, what is wrong and
the fix; collected, never raised one at a time, so one build shows them all."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    record: str
    field: str
    message: str
    fix: str

    @property
    def subject(self) -> str:
        """The record and field, as messages name them ('' for neither)."""
        return ", ".join(part for part in (self.record, f"field '{self.field}'" if self.field else "") if part)

    @property
    def message_and_fix(self) -> str:
        return f"{self.message} {self.fix}".strip()

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject, text = self.subject, self.message_and_fix
        return visible(f"{where}: {subject}: {text}" if subject else f"{where}: {text}")


# A control character quoted from an editor's value would act on the terminal that prints the
# message (ESC starts a colour or clears the screen): each is shown as its code instead.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    return _CONTROL.sub(lambda found: f"<U+{ord(found.group()):04X}>", text)


class ContentProblems(Exception):
    """Raised once, after loading, when any file had problems."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        found = "1 problem. Fix it" if count == 1 else f"{count} problems. Fix them"
        lines = [f"The showcase content has {found}, then build again:"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def did_you_mean(found: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' hint for a misspelt id, or '' when nothing is close."""
    by_folded = {choice.casefold(): choice for choice in choices}
    if found.casefold() in by_folded:
        return f" (did you mean '{by_folded[found.casefold()]}'?)"
    # The editor's words, each the start of a word of a choice, in order ("Kingston" for "Kingston
    # upon Thames", "Wye" for "Elmstead upon Wye"), before spelling: spelling alone finds
    # "Islington" for "Kingston".
    words = _WORD.findall(found.casefold())
    if words and all(len(word) >= 3 for word in words):
        starting = [choice for choice in by_folded if _words_start(words, _WORD.findall(choice))]
        if starting:
            best = max(starting, key=lambda choice: difflib.SequenceMatcher(None, found.casefold(), choice).ratio())
            return f" (did you mean '{by_folded[best]}'?)"
    close = difflib.get_close_matches(found.casefold(), list(by_folded), n=1, cutoff=0.6)
    return f" (did you mean '{by_folded[close[0]]}'?)" if close else ""


_WORD = re.compile(r"\w+")


def _words_start(words: list[str], of: list[str]) -> bool:
    rest = iter(of)
    return all(any(other.startswith(word) for other in rest) for word in words)


def one_of(choices: Iterable[str]) -> str:
    return ", ".join(sorted(choices)) or "(none defined yet)"
