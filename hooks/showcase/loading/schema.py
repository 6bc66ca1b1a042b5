"""JSON Schemas for the comms team's files, generated from the data contract in fields.py
(its field tables and its patterns, published as the loader reads them).

Editors that speak the YAML language server (VS Code's YAML extension, and others) read the
schema named on the first line of data/projects.yaml, and then underline mistakes, show each
field's help on hover and offer the known themes, cohorts and boroughs as completions.
The schema is a help while typing; the loader stays the authority and reports anything the
schema cannot express (duplicate keys, a narrative with no record, ...).
"""

from __future__ import annotations

import json
from typing import Any

from showcase.fields import (
    COHORT_FIELDS,
    DATE_PATTERN,
    LINK_FIELDS,
    MAX_ID_LENGTH,
    MONTH_PATTERN,
    PICTURE_FIELDS,
    PICTURE_KIND,
    PICTURE_SRC_PATTERN,
    PROJECT_FIELDS,
    QUOTE_FIELDS,
    REMOVED_PROJECT_FIELDS,
    SLUG_PATTERN,
    SOURCE_PATTERN,
    SOURCES_KIND,
    THEME_FIELDS,
    UNCONFIRMABLE_FIELDS,
    URL_PATTERN,
    FieldSpec,
)
from showcase.model import Programme

TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
ID = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH}


def projects_schema(programme: Programme) -> dict[str, Any]:
    choices = {
        "theme id": [theme.id for theme in programme.themes],
        "cohort id": [cohort.id for cohort in programme.cohorts],
        "borough": [area.name for area in programme.areas],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Showcase projects (data/projects.yaml)",
        "description": "The challenge themes and every project. See EDITING.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["themes", "projects"],
        "properties": {
            "themes": {
                "type": "array",
                "items": _record(THEME_FIELDS, choices),
                "description": "The challenge themes.",
            },
            "projects": {"type": "array", "items": _record(PROJECT_FIELDS, choices), "description": "Every project."},
            "removed_projects": {
                "type": "array",
                "items": _record(REMOVED_PROJECT_FIELDS, choices),
                "description": "Projects taken off the site: each old address keeps a page that says so.",
            },
        },
    }


def cohort_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Showcase cohort (front matter of content/cohorts/<id>.md)",
        **_record(COHORT_FIELDS, {}),
    }


def schema_text(schema: dict[str, Any]) -> str:
    """Stable text: sorted keys, so the committed file changes only when the contract does."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _record(fields: dict[str, FieldSpec], choices: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name, spec in fields.items() if spec.required],
        "properties": {name: _field(spec, choices) for name, spec in fields.items()},
    }


def _field(spec: FieldSpec, choices: dict[str, list[str]]) -> dict[str, Any]:
    described = {"description": f"{spec.help} Example: {spec.example}"}
    kind = spec.kind
    if kind == "id":
        return {**ID, **described}
    if kind in ("theme id", "cohort id"):
        return {"type": "string", "enum": choices[kind], **described}
    if kind == "list of borough names":
        return {"type": "array", "items": {"type": "string", "enum": choices["borough"]}, **described}
    if kind == "list of ids":
        return {"type": "array", "items": ID, **described}
    if kind == "list of text":
        return {"type": "array", "items": TEXT, **described}
    if kind == "list of quotes":
        return {"type": "array", "items": _record(QUOTE_FIELDS, choices), **described}
    if kind == "list of links":
        return {"type": "array", "items": _record(LINK_FIELDS, choices), **described}
    if kind == PICTURE_KIND:
        # The alt is required unless the picture is decorative (YAML's true, or the text "true").
        marked_decorative = {"required": ["decorative"], "properties": {"decorative": {"enum": [True, "true"]}}}
        return {**_record(PICTURE_FIELDS, choices), "anyOf": [{"required": ["alt"]}, marked_decorative], **described}
    if kind == PICTURE_FIELDS["src"].kind:
        return {"type": "string", "pattern": PICTURE_SRC_PATTERN, **described}
    if kind == PICTURE_FIELDS["decorative"].kind:
        return {"enum": [True, False, "true", "false"], **described}
    if kind == "list of field names":
        return {"type": "array", "items": {"type": "string", "enum": list(UNCONFIRMABLE_FIELDS)}, **described}
    if kind == SOURCES_KIND:
        return {
            "type": "object",
            "additionalProperties": False,
            **described,
            "properties": {name: {"type": "string", "pattern": SOURCE_PATTERN} for name in spec.keys},
        }
    if kind == "web address":
        return {"type": "string", "pattern": URL_PATTERN, **described}
    if kind in ("whole pounds", "whole number"):
        return {"type": "integer", "minimum": 0, **described}
    if kind.startswith("date"):
        return {"type": "string", "pattern": DATE_PATTERN, **described}
    if kind.startswith("month"):
        return {"type": "string", "pattern": MONTH_PATTERN, **described}
    return {**TEXT, **described}  # text and Markdown
