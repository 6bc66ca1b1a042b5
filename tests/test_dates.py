"""The dates a build takes from git (hooks/showcase/wording/provenance.py): "Last updated" on a project's
page and the feed's dates. A checkout whose history git cannot
give in full (a shallow clone; a folder git refuses, as a CI container's, or fails on) dates
nothing from it, and the build's log says why and how to mend it; a copy that is no checkout
dates nothing and says nothing, as before.

The fixture's copies are not git repositories: each test makes one, as tests/test_open_data.py
does for "Last updated"."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from showcase.model import Programme
from showcase.pdf import pdf_creation_date
from showcase.web.feed import FEED_PATH
from showcase.wording.provenance import History, read_history
from site_builds import REPO, Build, mkdocs_build
from test_feed import entries, parsed
from test_open_data import git_commit_everything

SITE_URL = "https://connectors.example.org/showcase/"
CONTENT_DAY = "2024-02-03T12:00:00Z"  # the commit of every file
KIT_DAY = "2024-06-01T12:00:00Z"  # a later commit that changes no content
UNDATED = (
    "Dates left out: no page says when it was last updated, and the feed dates every project by the "
    "content's date, as in a copy without git, because "
)
OTHER_OWNER = 12345  # a user id that is not this process's


def git_history(root: Path) -> None:
    """`root` made a git repository: every file committed on CONTENT_DAY, then a file of the kit's
    on KIT_DAY (a shallow clone would date every project that day)."""
    git_commit_everything(root, CONTENT_DAY)
    (root / "NOTES.md").write_text("A change to the kit, not the content.\n", "utf-8")
    git_commit_everything(root, KIT_DAY)


def assert_undated(site: Path, programme: Programme) -> None:
    """No page says when it was last updated; the feed states the one "data as of"
    date, which without git's history is the latest date the data states (as_of.py), as a
    copy without git does."""
    dated = [page for page in site.rglob("*.html") if "Last updated" in page.read_text("utf-8")]
    assert dated == []
    content_date = pdf_creation_date(programme, None)
    assert content_date is not None
    assert {entry["updated"] for entry in entries(parsed((site / FEED_PATH).read_bytes()))} == {
        f"{content_date.date().isoformat()}T00:00:00Z"
    }


def build_env(tmp_path: Path) -> dict[str, str]:
    """The build's environment: the site's address (for the feed), no PDFs, git's messages in
    English, and a global git config of the test's own (a developer's `safe.directory=*` would
    let git read any folder)."""
    config = tmp_path / "gitconfig"
    config.touch()
    return {"SHOWCASE_SITE_URL": SITE_URL, "SHOWCASE_PDF": "0", "LC_ALL": "C.UTF-8", "GIT_CONFIG_GLOBAL": str(config)}


def scripts_build(root: Path, site: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """scripts/build, as CI runs it, in a copy of the project at `root` that is given the
    scripts and a .venv of this one's Python and MkDocs, marked installed as scripts/setup marks
    it (so it installs nothing)."""
    shutil.copytree(REPO / "scripts", root / "scripts")
    shutil.copy2(REPO / "requirements.txt", root / "requirements.txt")
    venv = root / ".venv"
    (venv / "bin").mkdir(parents=True)
    for program in ("python", "mkdocs"):
        (venv / "bin" / program).symlink_to(REPO / ".venv" / "bin" / program)
    requirements = (root / "requirements.txt").read_bytes()
    (venv / f".installed-{hashlib.sha256(requirements * 2).hexdigest()[:16]}").touch()
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        ["scripts/build", "--site-dir", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**environment, **env},
    )


@pytest.mark.build
def test_a_shallow_clone_built_with_scripts_build_dates_nothing_from_git_and_says_why(
    fixture_copy: Path, fixture_programme: Programme, tmp_path: Path
):
    git_history(fixture_copy)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{fixture_copy}", str(clone)], check=True)
    result = scripts_build(clone, tmp_path / "site", build_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert_undated(tmp_path / "site", fixture_programme)
    expected = (
        UNDATED + f"{clone} is a shallow clone: its history starts at a recent commit, which would date every "
        "project. Fetch the whole history: git fetch --unshallow (in GitHub Actions, actions/checkout with "
        "fetch-depth: 0)."
    )
    assert any(line.endswith(expected) for line in result.stderr.splitlines()), result.stderr


def refused_by_git(root: Path, how: str) -> str:
    """Make the git checkout at `root` one git will not read, `how`; what git then says."""
    if how == "owned by another user":
        if os.geteuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(root, OTHER_OWNER, OTHER_OWNER)
        return f"fatal: detected dubious ownership in repository at '{root}'"
    shutil.rmtree(root / ".git")
    missing = root.parent / "moved.git"
    (root / ".git").write_text(f"gitdir: {missing}\n", "utf-8")
    return f"fatal: not a git repository: {missing}"


@pytest.mark.build
@pytest.mark.parametrize("how", ["owned by another user", "with a broken .git"])
def test_a_checkout_git_will_not_read_dates_nothing_and_says_why(
    fixture_copy: Path, fixture_programme: Programme, tmp_path: Path, how: str
):
    git_history(fixture_copy)
    said = refused_by_git(fixture_copy, how)
    result = mkdocs_build(fixture_copy, site_dir=tmp_path / "site", env=build_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert_undated(tmp_path / "site", fixture_programme)
    expected = (
        UNDATED + f"git cannot read the history of {fixture_copy} ({said}). Run `git log -1` there to see what git "
        f"needs (in a CI container, mark the folder safe: git config --global --add safe.directory {fixture_copy})."
    )
    assert any(line.endswith(expected) for line in result.stderr.splitlines()), result.stderr


def test_a_copy_without_git_dates_nothing_and_says_nothing_of_it(fixture_site: Build, tmp_path: Path):
    assert read_history(tmp_path) == History(tmp_path, False)
    assert "Dates left out" not in fixture_site.output
    assert "Last updated" not in fixture_site.html("projects/harbour-walks/")


def test_a_whole_history_git_can_read_is_readable(tmp_path: Path):
    (tmp_path / "a.txt").write_text("a\n", "utf-8")
    git_commit_everything(tmp_path, CONTENT_DAY)
    assert read_history(tmp_path) == History(tmp_path, True)
