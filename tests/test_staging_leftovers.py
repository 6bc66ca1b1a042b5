"""What a killed build leaves beside the site folder (its half-built staging folder, or the old
site it was swapping out) never stops a later build, even one whose process has the same number
(as every build in a CI container may), and is cleared by the next build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from showcase.web.staging import put_in_place, remove_abandoned_staging, staging_folder
from site_builds import run_mkdocs_build


def ended_pid() -> int:
    """The number of a process that has ended (so no build of it is running)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if ".building-" in path.name or ".old-" in path.name)


def left_behind(folder: Path, name: str) -> Path:
    """A folder a killed build left, with a page in it."""
    path = folder / name
    (path / "projects").mkdir(parents=True)
    (path / "projects" / "index.html").write_text("stale", "utf-8")
    return path


def test_an_old_site_left_by_a_killed_build_of_the_same_process_number_does_not_stop_the_swap(tmp_path: Path):
    site = tmp_path / "site"
    (site / "index.html").parent.mkdir()
    (site / "index.html").write_text("old", "utf-8")
    left_behind(tmp_path, f".site.old-{os.getpid()}")  # killed between its two renames
    left_behind(tmp_path, f".site.building-{os.getpid()}")
    staging = staging_folder(site)
    assert not staging.exists()  # not the one left behind: its stale pages would be published
    staging.mkdir()
    (staging / "index.html").write_text("new", "utf-8")
    put_in_place(staging, site)
    assert (site / "index.html").read_text("utf-8") == "new"
    remove_abandoned_staging(site)
    assert leftovers(tmp_path) == []


@pytest.mark.build
def test_the_next_build_clears_what_killed_builds_left(fixture_copy: Path):
    for name in (".site.old-{}", ".site.building-{}", ".site.old-{}-1a2b3c4d", ".site.building-{}-1a2b3c4d"):
        left_behind(fixture_copy, name.format(ended_pid()))
    unrelated = left_behind(fixture_copy, ".other.old-1")  # not this site's: left alone
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    assert leftovers(fixture_copy) == [unrelated.name]
    assert (build.site / "projects" / "index.html").read_text("utf-8") != "stale"
