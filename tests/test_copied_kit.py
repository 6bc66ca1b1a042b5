"""A programme that has just copied the kit (a fork of another programme's showcase) checks its own
content: the addresses its default branch published are the other programme's, not its to keep,
and scripts/check says so instead of refusing each of them."""

from __future__ import annotations

from pathlib import Path

from content_edits import edit
from test_addresses import check, delete_record, git, published

FIRST = "Fernshire Community Connectors Programme"


def a_copy_that_drops_the_first_programmes_projects(tmp_path: Path, name: str) -> Path:
    """The fixture published on `main`, then, on a branch, its settings naming `name` and one of
    its projects gone (as a copy of the kit replaces every record)."""
    root = published(tmp_path)
    git(root, "switch", "-q", "-c", "our-programme")
    edit(root, f"    name: {FIRST}\n", f"    name: {name}\n", file="mkdocs.yml")
    delete_record(root, "measuring-what-matters")
    return root


def test_a_copy_of_the_kit_keeps_none_of_the_first_programmes_addresses_and_says_why(tmp_path: Path):
    root = a_copy_that_drops_the_first_programmes_projects(tmp_path, "Dyfnant Wellbeing Links Programme")
    returncode, problems, stdout = check(root)
    assert returncode == 0, problems
    assert (
        f"Note: the addresses were not compared with the published site: main published another programme ({FIRST}), "
        "so none of its addresses are this one's to keep."
    ) in stdout


def test_the_same_programme_keeps_its_published_addresses(tmp_path: Path):
    root = a_copy_that_drops_the_first_programmes_projects(tmp_path, FIRST)
    returncode, problems, _ = check(root)
    assert returncode == 1 and "was published at projects/measuring-what-matters/ (main)" in problems[0]
