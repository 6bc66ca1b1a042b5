"""Build stage 1 (on_config): load and check the programme's data before anything is built.

Every problem in the comms team's files is reported at once; the build then stops before it
writes a single page, so a broken edit never produces half a site.

Under `mkdocs serve` a refused build would leave the preview waiting for ever (MkDocs serves
nothing until a build succeeds). So there the problems are printed in the terminal and the
preview becomes one page that lists them, at every address, until the files are fixed; the
next save rebuilds the real site.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from showcase.build_state import start_build_state
from showcase.identity import IdentityProblems, load_identity
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.problems import ContentProblems
from showcase.web.site import PROBLEMS_PAGE

_command = "build"  # which command this process runs: MkDocs says once, in on_startup


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    sources = ProgrammeSources.in_folder(root, config.docs_dir, config.theme.custom_dir)
    # Kept on this build's config, not on the module: `mkdocs serve` imports hooks once.
    state = start_build_state(config)
    try:
        # Who runs the site (extra.programme): the footer, the legal pages and the PDFs name it.
        state.identity = load_identity(config.extra.get("programme"), Path(config.config_file_path).name)
    except IdentityProblems as problems:
        raise PluginError(str(problems)) from None
    try:
        state.programme = load_programme(sources)
    except ContentProblems as problems:
        if _command != "serve":
            raise PluginError(problems.report()) from None
        # Printed, not logged: under `strict`, a logged error would fail this build too, and
        # the preview would wait again instead of showing the problems page.
        print(f"\n{problems.report()}\n", file=sys.stderr, flush=True)
        state.problems = problems
        config.nav = [{"The content has problems": PROBLEMS_PAGE}]
    return config
