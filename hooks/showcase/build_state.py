"""What one build's hooks hand each other, in one typed object.

MkDocs gives every hook the build's config and nothing else to share, and `mkdocs serve` imports
the hooks once for many builds: so each build's values live on its own config, as a BuildState.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from showcase.identity import ProgrammeIdentity
from showcase.model import Programme
from showcase.pdf import PdfRendering
from showcase.pictures.copies import PictureCopies
from showcase.problems import ContentProblems
from showcase.web.site import PagePlan

STATE_KEY = "showcase"  # the config key the state is kept under


@dataclass
class BuildState:
    # hooks/data.py, on_config: who runs the site, and the programme, or (only under `mkdocs
    # serve`, which then previews them) the problems that stopped it from loading.
    identity: ProgrammeIdentity | None = None
    programme: Programme | None = None
    problems: ContentProblems | None = None
    # hooks/pages.py, on_files: the docs_dir from the repository's root, each page's plan by its
    # source path, each project's last change, and the "data as of" day (None: nothing dates it).
    docs_dir: str = ""
    pages: dict[str, PagePlan] = field(default_factory=dict)
    last_changed: dict[str, dt.date] = field(default_factory=dict)
    data_as_of: dt.date | None = None
    # hooks/pictures.py, on_files: each picture's copies (web and print), by its Picture.src.
    pictures: dict[str, PictureCopies] = field(default_factory=dict)
    # hooks/pdf.py: whether this build makes PDFs (on_config), and their rendering (on_files).
    pdf_on: bool = False
    pdf_rendering: PdfRendering | None = None
    # hooks/publish.py, on_config: where the staged site goes (None: built in place), and the
    # count of warnings logged meanwhile.
    site_dir: Path | None = None
    warnings: logging.Handler | None = None

    @property
    def programme_identity(self) -> ProgrammeIdentity:
        assert self.identity is not None, "hooks/data.py must run first (mkdocs.yml, hooks:)"
        return self.identity


@dataclass
class Process:
    """What MkDocs says once a process, in on_startup (hooks/data.py records it for every hook):
    the command (`build`, `serve`, `gh-deploy`), and whether `--dirty` rebuilds in place. Not on
    BuildState: on_startup is given no config, and one `mkdocs serve` runs many builds."""

    command: str = "build"
    dirty: bool = False


PROCESS = Process()


def start_build_state(config: MutableMapping[str, Any]) -> BuildState:
    """A new build's state, in place of any an earlier build left on the same config."""
    state = config[STATE_KEY] = BuildState()
    return state


def build_state(config: MutableMapping[str, Any]) -> BuildState:
    """This build's state: made by the first hook that asks, kept on the build's config."""
    return config.setdefault(STATE_KEY, BuildState())
