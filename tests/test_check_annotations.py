"""scripts/check under GitHub Actions: each problem is also written as an `::error` workflow
command, which GitHub shows on that line of the pull request's changed files. The report the
editor reads is the same with or without it."""

from __future__ import annotations

import os
from pathlib import Path

from content_edits import PROJECTS, edit_record, line_of
from site_builds import showcase_command

WALKS = "harbour-walks"


def check_under_actions(root: Path, actions: str | None) -> tuple[int, str, str]:
    """scripts/check with GITHUB_ACTIONS set to `actions` (None: not set): exit code, stdout, stderr."""
    saved = os.environ.pop("GITHUB_ACTIONS", None)
    try:
        if actions is not None:
            os.environ["GITHUB_ACTIONS"] = actions
        checked = showcase_command(root, "check")
    finally:
        os.environ.pop("GITHUB_ACTIONS", None)
        if saved is not None:
            os.environ["GITHUB_ACTIONS"] = saved
    return checked.returncode, checked.stdout, checked.stderr


def test_check_under_github_actions_writes_each_problem_on_its_line_escaped_as_githubs_toolkit_does(
    fixture_copy: Path,
):
    # '%' in the editor's value, and ',' and ':' in the record's label (the annotation's title).
    text = edit_record(fixture_copy, WALKS, "theme: access", "theme: 100%access")
    line = line_of(text, "theme: 100%access")

    code, stdout, stderr = check_under_actions(fixture_copy, "true")

    assert code == 1
    assert stdout.splitlines() == [
        f"::error file={PROJECTS},line={line},title=project 'harbour-walks'%2C field 'theme'::"
        "'100%25access' is not a theme (did you mean 'access'?). Use one of: access, digital, impact, workforce."
    ]
    # The editor's report is unchanged: the same lines as without GitHub Actions.
    assert check_under_actions(fixture_copy, None) == (1, "", stderr)
    assert stderr.splitlines()[1:] == [
        f"  {PROJECTS}:{line}: project 'harbour-walks', field 'theme': '100%access' is not a theme "
        "(did you mean 'access'?). Use one of: access, digital, impact, workforce."
    ]


def test_check_writes_no_workflow_commands_outside_github_actions_or_when_all_is_good(fixture_copy: Path):
    edit_record(fixture_copy, WALKS, "theme: access", "theme: acess")
    for actions in (None, "false", ""):
        code, stdout, _ = check_under_actions(fixture_copy, actions)
        assert code == 1 and "::error" not in stdout, actions
    edit_record(fixture_copy, WALKS, "theme: acess", "theme: access")
    code, stdout, stderr = check_under_actions(fixture_copy, "true")
    assert code == 0, stderr
    assert "::error" not in stdout and "All good" in stdout


def test_an_annotation_shows_a_control_character_by_its_code_as_the_report_does(fixture_copy: Path):
    """ESC from an editor's value would start a colour or clear the screen of the log that prints it."""
    text = edit_record(fixture_copy, WALKS, "theme: access", 'theme: "acc\\eess"')
    line = line_of(text, 'theme: "acc\\eess"')

    code, stdout, stderr = check_under_actions(fixture_copy, "true")

    assert code == 1 and "\x1b" not in stdout + stderr
    assert (
        f"::error file={PROJECTS},line={line},title=project 'harbour-walks'%2C field 'theme'::"
        "'acc<U+001B>ess' is not a theme (did you mean 'access'?). Use one of: access, digital, impact, workforce."
    ) in stdout.splitlines()
