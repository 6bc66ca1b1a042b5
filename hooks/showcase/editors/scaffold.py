"""Add a project or a cohort by inserting text, so the rest of the file stays byte for byte (a
round trip through a YAML library would re-indent, re-quote or drop the comms team's comments).

Every fact the editor did not give is written as a comment holding a placeholder ('REPLACE
with ...'), never an example that reads as a fact: uncommented as it is, it is refused at its
line, as is the story a new page starts with.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from showcase.field_kinds import KINDS
from showcase.fields import COHORT_FIELDS, FieldSpec
from showcase.loading.public_names import model_field, project_fields
from showcase.model import Names
from showcase.reading.placeholders import PLACEHOLDER
from showcase.reading.source import _BaseLoader

R = PLACEHOLDER
# The placeholders the scaffolds word for one field, where its kind's (field_kinds.py) would say less.
PROJECT_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "organisation": (f"organisation: {R} the lead organisation's name",),
    "partners": ("partners:", f"  - {R} a partner organisation's name"),
    "pcn": (f"pcn: {R} the primary care network's name",),
    "summary": ("summary: |", f"  {R} a short impact summary, in Markdown."),
    "outcomes": ("outcomes:", f"  - {R} one thing the project achieved, as published"),
    "logo": (
        "logo:",
        f"  src: {R} images/ then the name of the logo's file in content/images/",
        f"  alt: {R} the organisation's name",
    ),
    "tags": (f"tags: [{R} a keyword]",),
    "sources": ("sources:", f"  organisation: {R} the address of the page that states it"),
    "unconfirmed": (f"unconfirmed: [{R} the name of a field the programme has not confirmed]",),
    "previous_slugs": (f"previous_slugs: [{R} the project's old slug]",),
}
COHORT_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "start": (f"start: {R} the month it started, as YYYY-MM",),
    "other_start": (f"other_start: {R} the start month other sources give, as YYYY-MM, only if they differ",),
    "end": (f"end: {R} the month it ended, as YYYY-MM",),
    "funding_total": (f"funding_total: {R} the pounds its projects shared, in digits only",),
    "funding_per_project_max": (f"funding_per_project_max: {R} the most one project could receive in pounds",),
    "applications": (f"applications: {R} how many teams applied",),
    "shortlisted": (f"shortlisted: {R} how many applications were shortlisted",),
    "graduation": (f"graduation: {R} the day of the graduation event, as YYYY-MM-DD",),
    "showcase_event": (f"showcase_event: {R} the day of the public showcase event, as YYYY-MM-DD",),
    "source": (f"source: {R} the address of the programme's page that published the aims",),
    "sources": ("sources:", f"  applications: {R} the address of the page that states it"),
    "previous_ids": (f"previous_ids: [{R} the cohort's old id]",),
}


def placeholder(name: str, spec: FieldSpec, worded: dict[str, tuple[str, ...]], field: str = "") -> list[str]:
    """The lines a scaffold writes, commented out, for the field `name` (the model's `field`)."""
    if lines := worded.get(field or name):
        return [line.replace(f"{field}:", f"{name}:", 1) if field else line for line in lines]
    return KINDS[spec.kind].placeholder_lines(name, spec)


class ScaffoldError(Exception):
    """The file could not take the new record; nothing was written."""


def quoted(text: str) -> str:
    """A YAML double-quoted scalar: safe for any text (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def project_record(values: dict[str, str], indent: str, names: Names) -> str:
    """A project record with every field present: the given ones filled in, the rest commented
    out with their help and a placeholder, ready to fill in or delete; each field under the
    programme's name for it."""
    lines = [f"{indent}- slug: {values['slug']}"]
    inner = indent + "  "
    for name, spec in project_fields(names).items():
        if name == "slug":
            continue
        if name in values:
            lines.append(f"{inner}{name}: {quoted(values[name]) if name in ('name', 'aim') else values[name]}")
        else:
            worded = placeholder(name, spec, PROJECT_PLACEHOLDERS, model_field(name, names))
            lines += _commented(worded, spec.help, inner)
    return "\n".join(lines) + "\n"


def _commented(placeholder: list[str], help_text: str, indent: str) -> list[str]:
    """A field's placeholder as comments, its help beside a one-line one and above a block."""
    if len(placeholder) == 1:
        return [f"{indent}# {placeholder[0]}    # {help_text}"]
    return [f"{indent}# {help_text}", *(f"{indent}# {line}" for line in placeholder)]


def insert_project(text: str, values: dict[str, str], names: Names) -> str:
    """The file's text with a new record at the end of its `projects:` list."""
    root = yaml.compose(text, Loader=_BaseLoader)
    if not isinstance(root, yaml.MappingNode):
        raise ScaffoldError("data/projects.yaml does not start with 'themes:' and 'projects:'.")
    projects = next((value for key, value in root.value if key.value == "projects"), None)
    if not isinstance(projects, yaml.SequenceNode):
        raise ScaffoldError("data/projects.yaml has no 'projects:' list to add to.")
    if projects.value:
        indent = " " * max(projects.value[0].start_mark.column - 2, 0)
        # After the last record's last value: comments and blank lines below it stay below.
        end = _last_leaf(projects.value[-1]).end_mark.index
        newline = text.find("\n", max(end - 1, 0))
        end = len(text) if newline < 0 else newline + 1
    else:
        indent, end = "  ", len(text)
    before = text[:end]
    if before and not before.endswith("\n"):
        before += "\n"
    return before + "\n" + project_record(values, indent, names) + text[end:]


def _last_leaf(node: yaml.Node) -> yaml.Node:
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def cohort_file(cohort_id: str, title: str) -> str:
    """A cohort file: the title filled in, every other fact commented out, then the placeholder
    of its story."""
    lines = ["---", f"title: {quoted(title)}"]
    for name, spec in COHORT_FIELDS.items():
        if name != "title":
            lines += _commented(placeholder(name, spec, COHORT_PLACEHOLDERS), spec.help, "")
    lines += ["---", "", f"{R} the story of the {title}, in plain English.", ""]
    return "\n".join(lines)


def narrative_file(name: str) -> str:
    return f"## About the project\n\n{R} the story of {name}, in plain English.\n"


def write_new(path: Path, text: str) -> None:
    if path.exists():
        raise ScaffoldError(f"{path.as_posix()} already exists: nothing was written.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
