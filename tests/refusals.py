"""Edit a copy of the content, then read what the loader refuses: the helpers of the tests that
pin the check's messages (test_slips, test_no_silent_loss, test_redirects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from showcase.load import ProgrammeSources, load_programme
from showcase.problems import ContentProblems

PROJECTS = "data/projects.yaml"


def refused(root: Path) -> list[str]:
    """Every problem the loader reports for the content at `root`, as printed; it must refuse."""
    with pytest.raises(ContentProblems) as problems:
        load_programme(ProgrammeSources.in_folder(root))
    return [str(problem) for problem in problems.value.problems]


def edit(root: Path, old: str, new: str, file: str = PROJECTS) -> str:
    """Replace the one occurrence of `old` in `file`; return the file's new text."""
    path = root / file
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")
    return path.read_text("utf-8")


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The line number (from 1) of the `occurrence`th line holding `fragment`."""
    return [number for number, line in enumerate(text.splitlines(), start=1) if fragment in line][occurrence - 1]
