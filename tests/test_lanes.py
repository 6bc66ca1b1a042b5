"""A test that runs MkDocs, starts a browser or reads the real content without its marker fails,
naming the marker to add (tests/lanes.py), so that it cannot land in the wrong lane unnoticed:
shown on a throwaway test module run by pytest in a subprocess, with lanes.py as its plugin."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from site_builds import REPO

THROWAWAY = """
import subprocess
import sys

import pytest

from site_builds import REPO, copy_project


def mkdocs_version():
    return subprocess.run([sys.executable, "-m", "mkdocs", "--version"], capture_output=True, check=True)


def test_runs_mkdocs_unmarked():
    mkdocs_version()


@pytest.mark.build
def test_runs_mkdocs_marked():
    mkdocs_version()


def test_reads_the_real_data_unmarked():
    (REPO / "data" / "projects.yaml").read_text("utf-8")


def test_lists_the_real_pages_unmarked():
    sorted((REPO / "content").iterdir())


@pytest.mark.real_content
def test_reads_the_real_data_marked():
    (REPO / "data" / "projects.yaml").read_text("utf-8")


def test_copies_the_real_content_unmarked(tmp_path):
    copy_project(tmp_path)


@pytest.fixture(scope="module")
def built():
    return mkdocs_version()


@pytest.mark.build
def test_uses_a_fixture_that_builds_marked(built):
    pass


def test_uses_the_same_fixture_later_unmarked(built):
    pass


def test_starts_playwright_unmarked():
    from playwright.sync_api import sync_playwright

    with sync_playwright():
        pass


def test_does_none_of_it():
    pass
"""


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each throwaway test's outcome and message from pytest's summary (`-rA`), by its name."""
    module = tmp_path_factory.mktemp("lanes") / "test_throwaway.py"
    module.write_text(THROWAWAY, "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", str(module), "-c", str(REPO / "pyproject.toml"), "-p", "lanes", "-rA", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO / "tests"), "COLUMNS": "1000"},
    )
    found = re.findall(r"^(PASSED|FAILED|ERROR) \S*::(test_\w+)(.*)$", run.stdout, re.MULTILINE)
    assert len(found) == THROWAWAY.count("\ndef test_"), run.stdout + run.stderr
    return {name: outcome + message for outcome, name, message in found}


@pytest.mark.parametrize(
    ("test", "marker"),
    [
        ("test_runs_mkdocs_unmarked", "build"),
        ("test_reads_the_real_data_unmarked", "real_content"),
        ("test_lists_the_real_pages_unmarked", "real_content"),
        ("test_copies_the_real_content_unmarked", "real_content"),
        ("test_uses_the_same_fixture_later_unmarked", "build"),
        ("test_starts_playwright_unmarked", "browser"),
    ],
)
def test_a_test_without_the_marker_for_what_it_does_fails_naming_it(outcomes: dict[str, str], test: str, marker: str):
    assert outcomes[test].startswith(("FAILED", "ERROR")), outcomes[test]
    assert f"has no `{marker}` marker" in outcomes[test], outcomes[test]
    assert f"mark it @pytest.mark.{marker}" in outcomes[test], outcomes[test]


@pytest.mark.parametrize(
    "test",
    [
        "test_runs_mkdocs_marked",
        "test_reads_the_real_data_marked",
        "test_uses_a_fixture_that_builds_marked",
        "test_does_none_of_it",
    ],
)
def test_a_test_with_the_markers_for_what_it_does_passes(outcomes: dict[str, str], test: str):
    assert outcomes[test] == "PASSED", outcomes[test]
