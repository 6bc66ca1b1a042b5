"""A programme that has just copied the kit (a fork of another programme's showcase) checks its own
content: the addresses its default branch published are the other programme's, not its to keep,
and scripts/check says so instead of refusing each of them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from content_edits import edit
from site_builds import copy_fixture, showcase_command

SETTINGS = "mkdocs.yml"
FIRST = "Fernshire Community Connectors Programme"


def git(root: Path, *arguments: str) -> None:
    done = subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-C", str(root), *arguments],
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if key != "GITHUB_BASE_REF"},
    )
    assert done.returncode == 0, done.stderr


def a_copy_that_drops_the_first_programmes_projects(tmp_path: Path, name: str) -> Path:
    """The fixture published on `main`, then, on a branch, its settings naming `name` and one of
    its projects gone (as a copy of the kit replaces every record)."""
    root = copy_fixture(tmp_path / "copy")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The first programme")
    git(root, "switch", "-q", "-c", "our-programme")
    edit(root, f"    name: {FIRST}\n", f"    name: {name}\n", file=SETTINGS)
    projects = root / "data/projects.yaml"
    text = projects.read_text("utf-8")
    start = text.index("  - slug: measuring-what-matters\n")
    projects.write_text(text[:start] + text[text.index("  - slug: ", start + 1) :], "utf-8")
    return root


def test_a_copy_of_the_kit_keeps_none_of_the_first_programmes_addresses_and_says_why(tmp_path: Path):
    root = a_copy_that_drops_the_first_programmes_projects(tmp_path, "Dyfnant Wellbeing Links Programme")
    done = showcase_command(root, "check", env={"GITHUB_ACTIONS": "", "GITHUB_BASE_REF": ""})
    assert done.returncode == 0, done.stderr
    assert (
        f"Note: the addresses were not compared with the published site: main published another programme ({FIRST}), "
        "so none of its addresses are this one's to keep."
    ) in done.stdout


def test_the_same_programme_keeps_its_published_addresses(tmp_path: Path):
    root = a_copy_that_drops_the_first_programmes_projects(tmp_path, FIRST)
    done = showcase_command(root, "check", env={"GITHUB_ACTIONS": "", "GITHUB_BASE_REF": ""})
    assert done.returncode == 1 and "was published at projects/measuring-what-matters/ (main)" in done.stderr
