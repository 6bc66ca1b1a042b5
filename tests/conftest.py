"""The suite's shared fixtures: the fictional programme under tests/fixture/ (and the real
content, for its invariants) copied to tmp_path, loaded, built by the real MkDocs CLI and served.
The helpers they use live in site_builds.py. Two plugins: browser.py, the browser's fixtures
(Playwright is imported only when a test starts a browser), and lanes.py, the `browser`,
`build` and `real_content` markers of the fixtures below, and the checks that no test lacks one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from showcase.loading.load import ProgrammeSources, load_programme
from showcase.model import Programme
from site_builds import FIXTURE, Build, copy_fixture, copy_project, run_mkdocs_build, serve

pytest_plugins = ["browser", "lanes"]

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """The fictional programme in tmp_path, ready to edit and build."""
    return copy_fixture(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fictional programme's site, built once per test run."""
    build = run_mkdocs_build(copy_fixture(tmp_path_factory.mktemp("fixture")))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def fixture_programme() -> Programme:
    """The fictional programme's model, loaded from tests/fixture/ as the build loads it."""
    return load_programme(ProgrammeSources.in_folder(FIXTURE))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test run from the repository's own content."""
    build = run_mkdocs_build(copy_project(tmp_path_factory.mktemp("real")))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def site_url(fixture_site: Build) -> Iterator[str]:
    """The fictional programme's site on 127.0.0.1."""
    with serve(fixture_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def real_site_url(real_site: Build) -> Iterator[str]:
    """The real site on 127.0.0.1."""
    with serve(real_site.site) as url:
        yield url
