"""Build stage 4: the open-data exports (showcase/web/exports.py) as files of the site.

on_files adds site/data/projects.json, its JSON Schema and projects.csv as generated files, so
their sizes are known before the pages that link to them are rendered; on_env gives templates
`data_download("csv")` and `data_download("json")` for those links.
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
    programme = state.programme
    if programme is None:  # a preview of content with problems (hooks/data.py)
        return files
    site_url = config.site_url or ""
    # The one "data as of" day every view states (showcase/wording/as_of.py); when the data states no
    # date at all, the day of the build, so that two builds of the same content on one day give
    # the same bytes.
    generated = as_of_time(state.data_as_of) or get_build_datetime()
    if state.data_as_of is None and not os.environ.get("SOURCE_DATE_EPOCH"):
        generated = generated.replace(hour=0, minute=0, second=0, microsecond=0)
    contents = {
        EXPORTS["json"][0]: projects_json(
            programme, generated, state.programme_identity, site_url, data_as_of=state.data_as_of
        ),
        EXPORTS["csv"][0]: projects_csv(programme, site_url),
        SCHEMA: json.dumps(export_schema(), indent=2, sort_keys=True) + "\n",
    }
    state.export_sizes = {path: len(text.encode("utf-8")) for path, text in contents.items()}
    for path, text in contents.items():
        files.append(File.generated(config, path, content=text.encode("utf-8")))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    sizes = build_state(config).export_sizes

    @pass_context
    def data_download(context, kind: str) -> dict[str, str]:
        """What partials/showcase/download-link.html shows for one export."""
        path, text, label = EXPORTS[kind]
        export = files.get_file_from_path(path)
        assert export is not None, path  # on_files added every export
        url = url_filter(context, export.url)
        return {"url": url, "text": text, "kind": label, "size": size_label(sizes[path])}

    env.globals["data_download"] = data_download
    return env
