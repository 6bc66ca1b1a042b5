"""Last: the built site takes the place of the old one only when the build succeeded
(showcase/web/staging.py); a file-system error is told in one line with the fix.

on_config points MkDocs at a staging folder and counts warnings (under `strict`, MkDocs aborts on
them only after on_post_build), on_post_build puts it in place unless a warning is about to abort
the build, on_build_error removes it; `mkdocs serve` and `--dirty` are left alone. on_env keeps
the templates' compiled code in .cache/showcase-templates/, for every build.
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files

from showcase.build_state import PROCESS, build_state
from showcase.file_cache import TemplateBytecodeCache
from showcase.web.staging import discard, put_in_place, remove_abandoned_staging, staging_folder

log = logging.getLogger("mkdocs.plugins.showcase.publish")

TEMPLATE_CACHE_DIR = Path(".cache") / "showcase-templates"

# The staging folder of the build under way and the site folder it is for: on_build_error, which
# removes the one and names the other, is given no config.
_staging: Path | None = None
_site_dir: Path | None = None


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _staging, _site_dir
    site_dir = _site_dir = Path(config.site_dir)
    if PROCESS.command == "serve" or PROCESS.dirty:  # `--dirty` rebuilds into the existing folder
        return config
    remove_abandoned_staging(site_dir)
    state = build_state(config)
    state.site_dir = site_dir
    _staging = staging_folder(site_dir)
    config.site_dir = str(_staging)
    counter = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    state.warnings = counter
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = TemplateBytecodeCache(Path(config.config_file_path).parent / TEMPLATE_CACHE_DIR)
    return env


def on_post_build(config: MkDocsConfig) -> None:
    global _staging
    _staging = None
    state = build_state(config)
    site_dir, counter = state.site_dir, state.warnings
    if site_dir is None or not isinstance(counter, _WarningCounter):
        return
    logging.getLogger("mkdocs").removeHandler(counter)
    staging = Path(config.site_dir)
    if config.strict and counter.count:
        discard(staging)  # MkDocs aborts next: the old site stays as it was
        return
    try:
        put_in_place(staging, site_dir)
    except OSError as error:
        discard(staging)
        raise Abort(_file_system_problem(error, site_dir)) from None
    config.site_dir = str(site_dir)  # for what runs after the build (gh-deploy pushes this folder)
    log.info(f"Site written to {site_dir}")


def on_build_error(error: Exception) -> None:
    global _staging
    for handler in list(logging.getLogger("mkdocs").handlers):
        if isinstance(handler, _WarningCounter):
            logging.getLogger("mkdocs").removeHandler(handler)
    if _staging is not None:
        discard(_staging)
        _staging = None
    if isinstance(error, OSError):
        raise Abort(_file_system_problem(error, _site_dir)) from None


def _file_system_problem(error: OSError, site_dir: Path | None) -> str:
    """A file-system error as one line: where, what happened, and what to do."""
    no_access = "You may not write there: choose another folder with --site-dir, or ask for access."
    advice_for: dict[int | None, str] = {
        errno.ENOSPC: "The disk is full: free some space, then build again.",
        errno.EDQUOT: "Your disk quota is used up: free some space, then build again.",
        errno.EACCES: no_access,
        errno.EPERM: no_access,
        errno.EROFS: "That folder is read-only: choose another with --site-dir.",
    }
    advice = advice_for.get(error.errno, "Check the folder, then build again.")
    where = site_dir or error.filename or "the site folder"
    return f"The site could not be written to {where}: {(error.strerror or str(error)).lower()}. {advice}"
