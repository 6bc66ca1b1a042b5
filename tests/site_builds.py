"""A programme copied to a test's folder and built, checked or served as the comms team would:
the fictional programme under tests/fixture/ (or the real content, for its invariants), the real
MkDocs CLI and the real `showcase` commands."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from showcase.model import Names, Project

REPO = Path(__file__).resolve().parent.parent
# The test suite's fictional programme (a region, two cohorts, its own identity): every test of
# behaviour builds it, so the comms team's edits to the real content never turn a test red.
FIXTURE = REPO / "tests" / "fixture"
# The kit: the same for every programme, its settings (showcase.yml) included. The test tools'
# pins are part of it: the accessibility statement names the versions they pin.
CODE_PARTS = ("showcase.yml", "hooks", "theme", "requirements-test.txt", "tools/package.json")
# One programme: its content and its own settings (mkdocs.yml, which inherits showcase.yml).
CONTENT_PARTS = ("content", "data", "mkdocs.yml")
# The fixture's names for an area and a group in addresses, query keys, its editors' field and open
# data: the kit's neutral ones (area, areas/<slug>/, ?area=, `areas:`; group, groups/<id>/).
NAMES = Names()
# Where a built site keeps the PDF pack of every cohort.
ALL_PACK = "downloads/impact-summaries.pdf"


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


def _copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))
    elif source.is_file():
        shutil.copy2(source, destination)


def copy_project(destination: Path) -> Path:
    """A fresh copy of the project with the real content (not its site or venv), to build or
    edit in a test. Tests of the real content may check only what holds for any valid content."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in (*CODE_PARTS, *CONTENT_PARTS):
        _copy(REPO / part, destination / part)
    return destination


def copy_fixture(destination: Path) -> Path:
    """A fresh copy of the kit with the fictional programme's content, to build or edit in a test."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in CODE_PARTS:
        _copy(REPO / part, destination / part)
    for part in CONTENT_PARTS:
        _copy(FIXTURE / part, destination / part)
    return destination


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's `!ENV` tags read as plain values: enough to read extra.programme."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def snapshot(project: Project | str) -> str:
    """Where a built site keeps a project's snapshot PDF."""
    return f"downloads/snapshots/{project if isinstance(project, str) else project.slug}.pdf"


# The fewest settings a running programme's identity (extra.programme) needs, for tests of the
# identity's own checks; a test adds or replaces what it is about.
MINIMAL_IDENTITY = {
    "name": "Fernshire Programme",
    "contact_email": "team@fernshire.example.org",
    "region": "Fernshire",
    "licence": {"name": "Open Government Licence v3.0", "url": "https://example.org/ogl"},
}


def programme_identity(root: Path) -> dict:
    """extra.programme of the mkdocs.yml in `root`, as written (the kit's showcase.yml sets none)."""
    return yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_IgnoreTags)["extra"]["programme"]


def real_identity_values(*keys: str) -> list[str]:
    """What the repository's own programme states under `keys` of its identity, each value it
    sets and the fictional programme does not share: what a programme built with the kit must
    never show. Whatever the real settings are (a running programme has no status): on a copy
    whose programme is the fixture's (tools/second-programme), there is none."""
    real, fictional = programme_identity(REPO), programme_identity(FIXTURE)
    return [
        " ".join(real[key].split())
        for key in keys
        if isinstance(real.get(key), str) and real[key].strip() and real[key] != fictional.get(key)
    ]


def mkdocs_build(
    root: Path, *extra: str, site_dir: Path | None = None, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of the project at `root` (into `site_dir`, root/site unless given, with
    `env` added to this process's environment), its standard output and error kept apart."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir or root / "site"), *extra],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def run_mkdocs_build(root: Path, *extra: str) -> Build:
    """`mkdocs build` of the project at `root` into root/site, its log as one text."""
    result = mkdocs_build(root, *extra)
    return Build(root, result.returncode, result.stdout + result.stderr)


def showcase_command(
    root: Path, *arguments: str, timeout: int = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """One of the comms team's commands (scripts/check, new-project, new-cohort: `python -m
    showcase.editors.cli`) run on the project at `root` (with `env` added to this process's
    environment), its standard output and error kept apart."""
    return subprocess.run(
        [sys.executable, "-m", "showcase.editors.cli", "--root", str(root), *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {}), "PYTHONPATH": str(REPO / "hooks")},
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1, as a visitor's browser would fetch it."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
