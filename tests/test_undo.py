"""EDITING.md's "Undo a bad publish": the terminal command it gives, read from the guide itself
(so the guide and the test cannot drift apart), undoes a merged pull request in a real git
repository holding a copy of the fictional programme."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

from content_edits import PROJECTS, edit_record
from site_builds import REPO, copy_fixture

UNDO_SECTION = "### Undo a bad publish"
WALKS = "harbour-walks"
AIM = "aim: To reach older fishermen in Gullhaven"
BAD_AIM = "aim: To reach nobody in Gullhaven"
MERGE_COMMIT = "<merge commit>"


def documented_revert() -> str:
    """The one `git revert` command in the guide's undo section, as written there."""
    guide = (REPO / "EDITING.md").read_text("utf-8")
    section = guide[guide.index(UNDO_SECTION) :]
    section = section[: section.index("\n## ")]
    commands = [
        line
        for block in re.findall(r"^```sh\n(.*?)^```$", section, flags=re.MULTILINE | re.DOTALL)
        for line in block.splitlines()
        if line.startswith("git revert")
    ]
    assert len(commands) == 1, f"expected one 'git revert' command in {UNDO_SECTION!r}, found {commands}"
    return commands[0]


def git(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-C", str(root), *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, "GIT_EDITOR": "true"},  # the revert's message as git writes it
    )


def published_with_a_bad_edit(tmp_path: Path, merge: str) -> tuple[Path, bytes]:
    """A repository of the fictional programme whose `main` has a pull request's bad edit merged
    by `merge` ("--no-ff": GitHub's "Merge pull request"; "--squash": "Squash and merge"), and
    the projects file as it was before."""
    root = copy_fixture(tmp_path / "project")
    assert git(root, "init", "-q", "-b", "main").returncode == 0
    git(root, "add", "-A")
    assert git(root, "commit", "-q", "-m", "The programme").returncode == 0
    before = (root / PROJECTS).read_bytes()
    git(root, "switch", "-q", "-c", "edit-harbour-walks")
    edit_record(root, WALKS, AIM, BAD_AIM)
    assert git(root, "commit", "-q", "-am", "A bad edit").returncode == 0
    git(root, "switch", "-q", "main")
    if merge == "--squash":
        assert git(root, "merge", "-q", "--squash", "edit-harbour-walks").returncode == 0
        assert git(root, "commit", "-q", "-m", "A bad edit (#12)").returncode == 0
    else:
        merged = git(root, "merge", "-q", "--no-ff", "-m", "Merge pull request #12", "edit-harbour-walks")
        assert merged.returncode == 0, merged.stderr
    assert BAD_AIM in (root / PROJECTS).read_text("utf-8")
    return root, before


def run_documented(root: Path, command: str) -> subprocess.CompletedProcess[str]:
    head = git(root, "rev-parse", "HEAD").stdout.strip()
    arguments = shlex.split(command.replace(MERGE_COMMIT, head))
    assert arguments[0] == "git"
    return git(root, *arguments[1:])


def test_the_guides_revert_command_undoes_a_merged_pull_request(tmp_path: Path):
    root, before = published_with_a_bad_edit(tmp_path, "--no-ff")
    command = documented_revert()
    assert MERGE_COMMIT in command
    # What the guide used to say, `git revert <commit>`, fails on a merge commit.
    plain = run_documented(root, f"git revert {MERGE_COMMIT}")
    assert plain.returncode != 0 and "is a merge but no -m option was given" in plain.stderr

    reverted = run_documented(root, command)

    assert reverted.returncode == 0, reverted.stderr
    assert (root / PROJECTS).read_bytes() == before
    assert git(root, "status", "--porcelain").stdout == ""  # committed, ready for its pull request


def test_the_guides_revert_without_m_1_undoes_a_squashed_pull_request(tmp_path: Path):
    root, before = published_with_a_bad_edit(tmp_path, "--squash")
    command = documented_revert()
    assert " -m 1 " in command  # the guide: "leave out `-m 1`"

    reverted = run_documented(root, command.replace(" -m 1 ", " "))

    assert reverted.returncode == 0, reverted.stderr
    assert (root / PROJECTS).read_bytes() == before
