"""The offline copy (showcase/web/offline.py): a zip of the whole built site.

on_env gives templates `offline_download()`, whose size is a placeholder until the zip exists;
on_post_build, after every other stage's files and before hooks/publish.py, zips the site (or
takes it from the cache) and writes its size into the pages that link it. `mkdocs serve` makes
none, and its pages show no link.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from jinja2 import Environment, pass_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils.templates import url_filter

from showcase.build_state import PROCESS
from showcase.web.offline import (
    OFFLINE_ZIP,
    SIZE_PLACEHOLDER,
    OfflineCopyError,
    entry_date,
    put_size_in_pages,
    write_offline_copy,
)
from showcase.wording.text import size_label

log = logging.getLogger("mkdocs.plugins.showcase.web.offline")

CACHE_DIR = Path(".cache") / "showcase-offline"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    @pass_context
    def offline_download(context) -> dict[str, str] | None:
        if PROCESS.command == "serve":
            return None
        return {
            "url": url_filter(context, OFFLINE_ZIP),
            "text": "The whole site, to use offline: unzip it and open index.html",
            "kind": "ZIP",
            "size": SIZE_PLACEHOLDER,
        }

    env.globals["offline_download"] = offline_download
    return env


def on_post_build(config: MkDocsConfig) -> None:
    if PROCESS.command == "serve":
        return
    started = time.perf_counter()
    site = Path(config.site_dir)
    try:
        date = entry_date(os.environ.get("SOURCE_DATE_EPOCH"))
        cache_dir = Path(config.config_file_path).parent / CACHE_DIR
        copy = write_offline_copy(site, config.site_url or "", date, cache_dir)
    except (OfflineCopyError, ValueError) as error:
        raise PluginError(f"The offline copy could not be made: {error}") from None
    size = size_label((site / OFFLINE_ZIP).stat().st_size)
    put_size_in_pages(site, copy.linking, size)
    how = "made" if copy.made else f"unchanged, from {CACHE_DIR.as_posix()}/"
    log.info(f"Offline copy: {OFFLINE_ZIP} ({size}, {how}) in {time.perf_counter() - started:.1f} s")
