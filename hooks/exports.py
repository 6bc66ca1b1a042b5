"""The open data (showcase/web/exports.py) as files of the site.

on_files adds them, so their sizes are known before the pages that link them are rendered;
on_env gives templates `data_download("csv")` and `data_download("json")`.
"""

from __future__ import annotations

import json
import os

from jinja2 import Environment, pass_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_build_datetime
from mkdocs.utils.templates import url_filter

from showcase.build_state import build_state
from showcase.web.exports import export_schema, projects_csv, projects_json
from showcase.wording.as_of import as_of_time
from showcase.wording.text import size_label

EXPORTS = {
    "json": ("data/projects.json", "All projects as open data", "JSON"),
    "csv": ("data/projects.csv", "All projects as a spreadsheet", "CSV"),
}
SCHEMA = "data/projects.schema.json"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state(config)
    if state.programme is None:  # a preview of content with problems (hooks/data.py)
        return files
    site_url = config.site_url or ""
    # When the data states no date at all, the day of the build, so that two builds of the same
    # content on one day give the same bytes.
    generated = as_of_time(state.data_as_of) or get_build_datetime()
    if state.data_as_of is None and not os.environ.get("SOURCE_DATE_EPOCH"):
        generated = generated.replace(hour=0, minute=0, second=0, microsecond=0)
    contents = {
        EXPORTS["json"][0]: projects_json(
            state.programme, generated, state.programme_identity, site_url, data_as_of=state.data_as_of
        ),
        EXPORTS["csv"][0]: projects_csv(state.programme, site_url),
        SCHEMA: json.dumps(export_schema(state.programme.names), indent=2, sort_keys=True) + "\n",
    }
    for path, text in contents.items():
        files.append(File.generated(config, path, content=text.encode("utf-8")))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    @pass_context
    def data_download(context, kind: str) -> dict[str, str]:
        path, text, label = EXPORTS[kind]
        export = files.get_file_from_path(path)
        assert export is not None, path  # on_files added every export
        size = size_label(len(export.content_bytes))
        return {"url": url_filter(context, export.url), "text": text, "kind": label, "size": size}

    env.globals["data_download"] = data_download
    return env
