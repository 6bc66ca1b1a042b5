"""Shared fixtures: a copy of the real project in tmp_path, built by the real MkDocs CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "hooks", "theme", "content", "data")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class Build:
    root: Path
    returncode: int
    output: str  # MkDocs' log: stdout and stderr together

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, page: str) -> str:
        """The HTML of a built page, e.g. html('projects/x/') -> site/projects/x/index.html."""
        path = self.site / page
        return (path / "index.html" if page.endswith("/") or page == "" else path).read_text("utf-8")


def copy_project(destination: Path) -> Path:
    """A fresh copy of the project's sources (not its site or venv) to edit in a test."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def run_mkdocs_build(root: Path, *extra: str) -> Build:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site"), *extra],
        cwd=root, capture_output=True, text=True, timeout=300,
    )
    return Build(root, result.returncode, result.stdout + result.stderr)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test run from the repository's own data."""
    root = copy_project(tmp_path_factory.mktemp("real"))
    build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    return build
