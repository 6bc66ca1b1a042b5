"""Edit a copy of a programme's content, then read what the loader says of it: the helpers of the
tests that break content on purpose and pin the messages (test_bad_input, test_hostile_input,
test_editing, test_slips, ...). Every edit asserts that what it replaces is there exactly once,
and line numbers are worked out from the edited text, never typed in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from page_text import search_or_fail
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.loading.source_texts import SOURCES_FOLDER, read_source_texts
from showcase.problems import ContentProblems
from showcase.reading.placeholders import PLACEHOLDER

PROJECTS = "data/projects.yaml"


# -- what the loader says -------------------------------------------------------------------------


def loader_problems(root: Path) -> list[str]:
    """Every problem the loader reports for the content at `root`, as printed (empty: it loads)."""
    try:
        load_programme(ProgrammeSources.in_folder(root))
    except ContentProblems as error:
        return [str(problem) for problem in error.problems]
    return []


def refused(root: Path) -> list[str]:
    """Every problem the loader reports for the content at `root`, as printed; it must refuse."""
    with pytest.raises(ContentProblems) as problems:
        load_programme(ProgrammeSources.in_folder(root))
    return [str(problem) for problem in problems.value.problems]


# -- editing files --------------------------------------------------------------------------------


def edit(root: Path, old: str, new: str, file: str = PROJECTS) -> str:
    """Replace the one occurrence of `old` in `file`; return the file's new text."""
    path = root / file
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"expected {old!r} exactly once in {file}"
    path.write_text(text.replace(old, new), "utf-8")
    return path.read_text("utf-8")


def record_span(text: str, slug: str) -> tuple[int, int]:
    """Where a project's record starts and ends in projects.yaml's text (its last line break
    included)."""
    start = text.index(f"\n  - slug: {slug}\n") + 1
    following = text.find("\n  - slug: ", start)
    return start, len(text) if following == -1 else following + 1


def record_edited(text: str, slug: str, old: str, new: str) -> str:
    """projects.yaml's text with the one occurrence of `old` inside one project's record replaced."""
    start, end = record_span(text, slug)
    record = text[start:end]
    assert record.count(old) == 1, f"expected {old!r} exactly once in the record {slug!r}"
    return text[:start] + record.replace(old, new) + text[end:]


def edit_record(root: Path, slug: str, old: str, new: str) -> str:
    """Replace the one occurrence of `old` inside one project's record in the copy's
    projects.yaml; return the file's new text."""
    path = root / PROJECTS
    text = record_edited(path.read_text("utf-8"), slug, old, new)
    path.write_text(text, "utf-8")
    return text


def save_in_source(root: Path, address: str | None, words: str) -> None:
    """As EDITING.md says, the page that states a new fact is saved with it in data/sources/: the
    cohort's page now lists the new project's aim (a new cohort cites no page yet)."""
    stored = read_source_texts(root / SOURCES_FOLDER).get(address or "")
    if stored is not None:
        path = root / stored.file
        path.write_text(path.read_text("utf-8") + f"\n{words}\n", "utf-8")


def write_story(root: Path, page: str, story: str = "The team's own story.") -> None:
    """Write a page's story in place of the placeholder line scripts/new-project or new-cohort
    began it with (the check refuses the page until then)."""
    path = root / page
    lines = path.read_text("utf-8").split("\n")
    placeholders = [number for number, line in enumerate(lines) if line.startswith(PLACEHOLDER)]
    assert len(placeholders) == 1, f"expected one placeholder line in {page}, found {len(placeholders)}"
    lines[placeholders[0]] = story
    path.write_text("\n".join(lines), "utf-8")


def field_line(text: str, slug: str, key: str) -> str:
    """A one-line field of a project's record, with its indent and line break."""
    start, end = record_span(text, slug)
    return search_or_fail(rf"^    {key}: .*\n", text[start:end], flags=re.MULTILINE).group(0)


# -- finding lines --------------------------------------------------------------------------------


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The line number (from 1) of the `occurrence`th line holding `fragment`."""
    return [number for number, line in enumerate(text.splitlines(), start=1) if fragment in line][occurrence - 1]


def lines_exactly(text: str, line_text: str) -> list[int]:
    """The numbers (from 1) of the lines that are exactly `line_text`."""
    return [number for number, line in enumerate(text.splitlines(), start=1) if line == line_text]


def line_exactly(text: str, line_text: str) -> int:
    """The number (from 1) of the one line that is exactly `line_text`."""
    found = lines_exactly(text, line_text)
    assert len(found) == 1, f"expected the line {line_text!r} once, found it on lines {found}"
    return found[0]


def record_line(text: str, slug: str) -> int:
    """The number (from 1) of the line that starts a project's record in projects.yaml's text."""
    return line_exactly(text, f"  - slug: {slug}")
