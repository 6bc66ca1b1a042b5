"""JSON Schemas of the comms team's files, from fields.py's tables and patterns: editors that
speak the YAML language server underline mistakes, show each field's help and offer the known
themes, cohorts and areas while typing. The loader stays the authority (duplicate keys...).
"""

from __future__ import annotations

import json
from typing import Any, assert_never

from showcase.fields import (
    COHORT_FIELDS,
    DATE_PATTERN,
    ICB_ID_PATTERN,
    LINK_FIELDS,
    MAX_ID_LENGTH,
    MONTH_PATTERN,
    ONS_CODE_PATTERN,
    PICTURE_FIELDS,
    PICTURE_SRC_PATTERN,
    QUOTE_FIELDS,
    REMOVED_PROJECT_FIELDS,
    SLUG_PATTERN,
    SOURCE_PATTERN,
    SOURCED_BY_ITEM,
    THEME_FIELDS,
    TILE_FIELDS,
    UNCONFIRMABLE_FIELDS,
    URL_PATTERN,
    FieldKind,
    FieldSpec,
)
from showcase.languages import LANGUAGE_TAG_PATTERN
from showcase.loading.public_names import editors_field, project_fields
from showcase.model import Programme

TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
ID = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH}


def projects_schema(programme: Programme) -> dict[str, Any]:
    choices = {
        FieldKind.THEME_ID: [theme.id for theme in programme.themes],
        FieldKind.COHORT_ID: [cohort.id for cohort in programme.cohorts],
        FieldKind.LIST_OF_BOROUGH_NAMES: [area.name for area in programme.areas],
        FieldKind.LIST_OF_FIELD_NAMES: [editors_field(name, programme.names) for name in UNCONFIRMABLE_FIELDS],
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
            "projects": {
                "type": "array",
                "items": _record(project_fields(programme.names), choices),
                "description": "Every project.",
            },
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


def _record(fields: dict[str, FieldSpec], choices: dict[FieldKind, list[str]]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name, spec in fields.items() if spec.required],
        "properties": {name: _field(spec, choices) for name, spec in fields.items()},
    }


def _field(spec: FieldSpec, choices: dict[FieldKind, list[str]]) -> dict[str, Any]:
    described = {"description": f"{spec.help} Example: {spec.example}"}
    match spec.kind:
        case FieldKind.TEXT | FieldKind.MARKDOWN:
            return {**TEXT, **described}
        case FieldKind.ID:
            return {**ID, **described}
        case FieldKind.ICB_ID:
            return {"type": "string", "pattern": ICB_ID_PATTERN, **described}
        case FieldKind.ONS_CODE:
            return {"type": "string", "pattern": ONS_CODE_PATTERN, **described}
        case FieldKind.THEME_ID | FieldKind.COHORT_ID:
            return {"type": "string", "enum": choices[spec.kind], **described}
        case FieldKind.LIST_OF_BOROUGH_NAMES:
            return {"type": "array", "items": {"type": "string", "enum": choices[spec.kind]}, **described}
        case FieldKind.LIST_OF_IDS:
            return {"type": "array", "items": ID, **described}
        case FieldKind.LIST_OF_TEXT:
            return {"type": "array", "items": TEXT, **described}
        case FieldKind.LIST_OF_QUOTES:
            return {"type": "array", "items": _record(QUOTE_FIELDS, choices), **described}
        case FieldKind.LIST_OF_LINKS:
            return {"type": "array", "items": _record(LINK_FIELDS, choices), **described}
        case FieldKind.PICTURE:
            # The alt is required unless the picture is decorative (YAML's true, or the text "true").
            decorative = {"required": ["decorative"], "properties": {"decorative": {"enum": [True, "true"]}}}
            return {**_record(PICTURE_FIELDS, choices), "anyOf": [{"required": ["alt"]}, decorative], **described}
        case FieldKind.PICTURE_FILE:
            return {"type": "string", "pattern": PICTURE_SRC_PATTERN, **described}
        case FieldKind.LANGUAGE:
            return {"type": "string", "pattern": LANGUAGE_TAG_PATTERN, **described}
        case FieldKind.TRUE_OR_FALSE:
            return {"enum": [True, False, "true", "false"], **described}
        case FieldKind.LIST_OF_FIELD_NAMES:
            names = choices.get(spec.kind, list(UNCONFIRMABLE_FIELDS))  # the editors' names of the fields
            return {"type": "array", "items": {"type": "string", "enum": names}, **described}
        case FieldKind.SOURCES:
            source = {"type": "string", "pattern": SOURCE_PATTERN}
            by_item = {"anyOf": [source, {"type": "array", "items": source}]}  # one address per item
            return {
                "type": "object",
                "additionalProperties": False,
                **described,
                "properties": {name: by_item if name in SOURCED_BY_ITEM else source for name in spec.keys},
            }
        case FieldKind.WEB_ADDRESS:
            return {"type": "string", "pattern": URL_PATTERN, **described}
        case FieldKind.WHOLE_NUMBER | FieldKind.WHOLE_POUNDS:
            return {"type": "integer", "minimum": 0, **described}
        case FieldKind.DATE:
            return {"type": "string", "pattern": DATE_PATTERN, **described}
        case FieldKind.MONTH:
            return {"type": "string", "pattern": MONTH_PATTERN, **described}
        case FieldKind.ROW_AND_COLUMN:
            return {**_record(TILE_FIELDS, choices), **described}
        case _:
            assert_never(spec.kind)
