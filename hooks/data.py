"""Load and check the programme's data (on_config): every problem at once, and no page written.
Under `mkdocs serve`, which serves nothing until a build succeeds, they are printed instead and the
preview is one page listing them, at every address, until fixed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from showcase.build_state import PROCESS, start_build_state
from showcase.identity import IdentityProblems, load_identity
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.problems import ContentProblems
from showcase.reading.setting_lines import read_settings_files
from showcase.reading.settings import settings_problems
from showcase.web.site import PROBLEMS_PAGE


def on_startup(command: str, dirty: bool) -> None:
    PROCESS.command, PROCESS.dirty = command, dirty


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config_file = Path(config.config_file_path)
    state = start_build_state(config)
    # Every problem with the settings at once, each at the line of mkdocs.yml (or of the
    # showcase.yml it inherits) where the setting is written, as scripts/check reports them.
    written = read_settings_files(config_file)
    refused = written.problems + written.located(settings_problems(config, config_file.parent))
    try:
        state.identity = load_identity(config.extra.get("programme"), config_file.name)
    except IdentityProblems as found:
        refused += written.located(found.found)
    if refused:
        raise PluginError(ContentProblems(refused).report()) from None
    try:
        state.programme = load_programme(
            ProgrammeSources.in_folder(config_file.parent, config.docs_dir, config.theme.custom_dir)
        )
    except ContentProblems as problems:
        if PROCESS.command != "serve":
            raise PluginError(problems.report()) from None
        # Printed, not logged: under `strict` a logged error would fail this build too.
        print(f"\n{problems.report()}\n", file=sys.stderr, flush=True)
        state.problems = problems
        config.nav = [{"The content has problems": PROBLEMS_PAGE}]
    return config
