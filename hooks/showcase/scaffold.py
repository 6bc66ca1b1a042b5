"""Add a project or a cohort by inserting text, so the rest of the file stays byte for byte.

A round trip through a YAML library would re-indent, re-quote or drop the comms team's comments;
inserting a block of text at the end of the `projects:` list cannot.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .fields import COHORT_FIELDS, PROJECT_FIELDS
from .source import _BaseLoader

# Fields whose example takes several lines, shown as a block to uncomment and fill in.
BLOCK_EXAMPLES = {
    "summary": ["summary: |", "  A short impact summary, in Markdown."],
    "quotes": [
        "quotes:",
        "  - text: The words, exactly as published, without quote marks.",
        "    attribution: Name, role",
        "    source: https://example.org/where-it-was-published",
    ],
    "links": ["links:", "  - title: Where the link goes", "    url: https://example.org/page"],
}


class ScaffoldError(Exception):
    """The file could not take the new record; nothing was written."""


def quoted(text: str) -> str:
    """A YAML double-quoted scalar: safe for any text (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def project_record(values: dict[str, str], indent: str) -> str:
    """A project record with every field present: the given ones filled in, the rest commented
    out with their help, ready to fill in or delete."""
    lines = [f"{indent}- slug: {values['slug']}"]
    inner = indent + "  "
    for name, spec in PROJECT_FIELDS.items():
        if name == "slug":
            continue
        if name in values:
            lines.append(f"{inner}{name}: {quoted(values[name]) if name in ('name', 'aim') else values[name]}")
        elif name in BLOCK_EXAMPLES:
            lines.append(f"{inner}# {spec.help}")
            lines += [f"{inner}# {line}" for line in BLOCK_EXAMPLES[name]]
        else:
            lines.append(f"{inner}# {name}: {spec.example}    # {spec.help}")
    return "\n".join(lines) + "\n"


def insert_project(text: str, values: dict[str, str]) -> str:
    """The file's text with a new record at the end of its `projects:` list."""
    root = yaml.compose(text, Loader=_BaseLoader)
    if not isinstance(root, yaml.MappingNode):
        raise ScaffoldError("data/projects.yaml does not start with 'themes:' and 'projects:'.")
    projects = next((value for key, value in root.value if key.value == "projects"), None)
    if not isinstance(projects, yaml.SequenceNode):
        raise ScaffoldError("data/projects.yaml has no 'projects:' list to add to.")
    if projects.value:
        first = projects.value[0]
        indent = " " * max(first.start_mark.column - 2, 0)
        # After the last record's last value: comments and blank lines below it stay below.
        end = _last_leaf(projects.value[-1]).end_mark.index
        newline = text.find("\n", max(end - 1, 0))
        end = len(text) if newline < 0 else newline + 1
    else:
        indent, end = "  ", len(text)
    before = text[:end]
    if before and not before.endswith("\n"):
        before += "\n"
    return before + "\n" + project_record(values, indent) + text[end:]


def _last_leaf(node: yaml.Node) -> yaml.Node:
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def cohort_file(cohort_id: str, title: str) -> str:
    """A cohort file: the title filled in, every other fact commented out, then a story."""
    lines = ["---", f"title: {quoted(title)}"]
    for name, spec in COHORT_FIELDS.items():
        if name != "title":
            lines.append(f"# {name}: {spec.example}    # {spec.help}")
    lines += ["---", "", f"Write the story of the {title} here, in plain English.", ""]
    return "\n".join(lines)


def narrative_file(name: str) -> str:
    return f"## About the project\n\nWrite the story of {name} here. Facts such as boroughs and quotes belong in data/projects.yaml.\n"


def write_new(path: Path, text: str) -> None:
    if path.exists():
        raise ScaffoldError(f"{path.as_posix()} already exists: nothing was written.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
