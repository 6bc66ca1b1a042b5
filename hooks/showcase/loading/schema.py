"""JSON Schemas of the comms team's files, from fields.py's tables and patterns: editors that
speak the YAML language server underline mistakes, show each field's help and offer the known
themes, cohorts and areas while typing. The loader stays the authority (duplicate keys...).
"""

from __future__ import annotations

import json
from typing import Any

from showcase.field_kinds import Choices, editors_record
from showcase.fields import COHORT_FIELDS, REMOVED_PROJECT_FIELDS, THEME_FIELDS, UNCONFIRMABLE_FIELDS, FieldKind
from showcase.loading.public_names import editors_field, project_fields
from showcase.model import Programme


def projects_schema(programme: Programme) -> dict[str, Any]:
    choices: Choices = {
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
                "items": editors_record(THEME_FIELDS, choices),
                "description": "The challenge themes.",
            },
            "projects": {
                "type": "array",
                "items": editors_record(project_fields(programme.names), choices),
                "description": "Every project.",
            },
            "removed_projects": {
                "type": "array",
                "items": editors_record(REMOVED_PROJECT_FIELDS, choices),
                "description": "Projects taken off the site: each old address keeps a page that says so.",
            },
        },
    }


def cohort_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Showcase cohort (front matter of content/cohorts/<id>.md)",
        **editors_record(COHORT_FIELDS, {}),
    }


def schema_text(schema: dict[str, Any]) -> str:
    """Stable text: sorted keys, so the committed file changes only when the contract does."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
