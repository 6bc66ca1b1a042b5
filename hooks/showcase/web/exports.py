"""Open data: every project as JSON (with its JSON Schema) and as CSV, from the same model.

Every field a project has in data/projects.yaml is published (fields.py's OPEN_DATA_FIELDS; the
pictures and earlier slugs are kept off), each written once, by its kind (`published`): its JSON
value, its CSV cells and its schema together. The JSON also says which cited pages are copies
(`source_copies`), as the CSV's sources column does after each such address.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from operator import attrgetter
from typing import Any, assert_never

from showcase.fields import (
    ONS_CODE_PATTERN,
    OPEN_DATA_FIELDS,
    PROJECT_FIELDS,
    SLUG_PATTERN,
    SOURCED_BY_ITEM,
    UNCONFIRMABLE_FIELDS,
    FieldKind,
    FieldSpec,
)
from showcase.identity import ProgrammeIdentity
from showcase.languages import LANGUAGE_TAG_PATTERN
from showcase.loading.public_names import editors_field
from showcase.model import Names, Programme, Project
from showcase.pdf.documents import snapshot_path
from showcase.web.site import src_uri_for
from showcase.wording.citations import copy_note
from showcase.wording.legal import granted_licence

# 1.1: the licence; 1.2: each fact's source; 1.3: the programme and data_as_of; 1.4: a source for
# each outcome (a list), and the cited pages that are copies (source_copies); 1.5: each quote's
# language (lang, attribution_lang); 1.6: the licence is null until a publisher grants it; 1.7:
# each area's group cites its source, and is null where the geography has no groups
SCHEMA_VERSION = "1.7"
LIST_SEPARATOR = "; "
# A cell starting with one of these is run as a formula by spreadsheet software; a leading
# apostrophe makes it text (OWASP's advice for CSV injection). The JSON keeps the exact text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ADDRESS_FIELDS = ("page_url", "snapshot_pdf_url")  # every project's addresses, after its fields
SOURCE_COPIES = "source_copies"
# projects.json's `programme`: each field and what it holds (null when the settings do not give
# it, but for _PROGRAMME_GIVEN's).
PROGRAMME_FIELDS = {
    "name": "The programme's name.",
    "status": "The programme's status as this site states it, for a programme that has ended (null while it "
    "runs): its source's words, quoted, and the site's editors' own where the source leaves something unsaid, "
    "such as whether it names this programme. status_source is the address of the page it draws on, when one is "
    "given.",
    "status_source": "The address of the page the status is taken from.",
    "programme_page": "The address of the programme's own page.",
    "contact_email": "The programme's contact address (for one that has ended, the last one it published).",
    "launched_by": "Who launched the programme, as launched_by_source says.",
    "launched_by_source": "The address of the page that says who launched the programme.",
    "publisher": "Who publishes this site and its data; null until the site's team has confirmed it.",
}
_PROGRAMME_GIVEN = ("name", "contact_email")


def project_record(project: Project, site_url: str = "", names: Names | None = None) -> dict[str, Any]:
    record = {name: field.json(project) for name, field in published_fields(names or Names()).items()}
    return {**record, SOURCE_COPIES: dict(project.copies), **_addresses(project, site_url)}


def projects_json(
    programme: Programme,
    generated: dt.datetime,
    identity: ProgrammeIdentity,
    site_url: str = "",
    data_as_of: dt.date | None = None,
) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "generated": generated.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "data_as_of": data_as_of.isoformat() if data_as_of else None,
        "programme": {
            name: getattr(identity, name) if name in _PROGRAMME_GIVEN else getattr(identity, name) or None
            for name in PROGRAMME_FIELDS
        },
        "licence": {"name": licence.name, "url": licence.url} if (licence := granted_licence(identity)) else None,
        "projects": [project_record(project, site_url, programme.names) for project in programme.projects],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def csv_row(project: Project, site_url: str = "", names: Names | None = None) -> dict[str, str]:
    row = {
        column: cell
        for field in published_fields(names or Names()).values()
        for column, cell in zip(field.columns, field.cells(project), strict=True)
    }
    return {**row, **_addresses(project, site_url)}


def projects_csv(programme: Programme, site_url: str = "") -> str:
    """CSV with a byte-order mark, so spreadsheet software reads the text as UTF-8."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(programme.names), lineterminator="\r\n")
    writer.writeheader()
    for project in programme.projects:
        row = csv_row(project, site_url, programme.names).items()
        writer.writerow({key: "'" + value if value.startswith(FORMULA_STARTS) else value for key, value in row})
    return "\ufeff" + buffer.getvalue()


def export_schema(names: Names | None = None) -> dict[str, Any]:
    """The JSON Schema that projects.json follows, published beside it, under the programme's names."""
    properties = {name: field.schema for name, field in published_fields(names or Names()).items()}
    source_copies = {
        "type": "object",
        "additionalProperties": {"type": "string", "minLength": 1},
        "description": "The pages cited in sources that are another website's copy of a document: each address, "
        "then what the page copies (e.g. 'the programme's own slide deck'). Empty when none is a copy. projects.csv "
        "says so after the address in its 'sources' column: '(a copy of ...)'.",
    }
    programme = {
        name: {**(_TEXT if name in _PROGRAMME_GIVEN else _OPTIONAL_TEXT), "description": meaning}
        for name, meaning in PROGRAMME_FIELDS.items()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Showcase open data: projects",
        **_object(
            {
                "schema_version": {"const": SCHEMA_VERSION},
                "generated": {
                    "type": "string",
                    "format": "date-time",
                    "description": "When this file was made: the start of data_as_of's day (UTC) when it is known.",
                },
                "data_as_of": {
                    "type": ["string", "null"],
                    "format": "date",
                    "description": "The one 'data as of' date every page, PDF and the feed state: the day the "
                    "content last changed; null when nothing dates it.",
                },
                "programme": {
                    **_object(programme),
                    "description": "The programme. A field is null when the site's settings do not give it.",
                },
                "licence": {
                    **_object({"name": _TEXT, "url": _TEXT}),
                    "type": ["object", "null"],
                    "description": "The licence of this file's data; null while it is not confirmed (only the "
                    "publisher can grant one, and the site's team has not confirmed who publishes it).",
                },
                "projects": {
                    "type": "array",
                    # Every field is always present (null when unknown).
                    "items": _object(
                        {**properties, SOURCE_COPIES: source_copies, **dict.fromkeys(ADDRESS_FIELDS, _TEXT)}
                    ),
                },
            }
        ),
    }


# -- each project field as open data writes it ------------------------------------------------
_TEXT = {"type": "string", "minLength": 1}
_OPTIONAL_TEXT = {"type": ["string", "null"]}
_LANGUAGE = {
    "type": ["string", "null"],
    "pattern": LANGUAGE_TAG_PATTERN,
    "description": "The language it is in, as a BCP 47 tag (pl, cy, ar); null: the site's own language.",
}


@dataclass(frozen=True)
class Published:
    """How open data writes one project field: its CSV columns and their cells, its JSON value
    and its part of the JSON's schema."""

    columns: tuple[str, ...]
    json: Callable[[Project], Any]
    cells: Callable[[Project], tuple[str, ...]]
    schema: dict[str, Any]


def published(name: str, spec: FieldSpec, names: Names) -> Published:
    """The project field `name` (the model's attribute of that name) as open data writes it, the
    areas' and groups' under the programme's names for them (boroughs and icbs, say)."""
    value = attrgetter(name)
    joined = LIST_SEPARATOR.join
    column = editors_field(name, names)
    public = partial(editors_field, names=names)  # a field's name, as the editors and open data say it

    def one_column(json_value: Callable[[Project], Any], cell: Callable[[Project], str], schema: dict) -> Published:
        return Published((column,), json_value, lambda p: (cell(p),), schema)

    match spec.kind:
        case FieldKind.ID:
            return one_column(value, value, {"type": "string", "pattern": SLUG_PATTERN})
        case FieldKind.TEXT | FieldKind.MARKDOWN | FieldKind.WEB_ADDRESS | FieldKind.ICB_ID | FieldKind.ONS_CODE:
            return one_column(value, lambda p: value(p) or "", _TEXT if spec.required else _OPTIONAL_TEXT)
        case FieldKind.WHOLE_NUMBER | FieldKind.WHOLE_POUNDS:
            counted = {"type": "integer" if spec.required else ["integer", "null"], "minimum": 0}
            return one_column(value, lambda p: "" if value(p) is None else str(value(p)), counted)
        case FieldKind.DATE | FieldKind.MONTH:
            size = 10 if spec.kind == FieldKind.DATE else 7  # 2023-03-31, 2023-03
            day = lambda p: value(p).isoformat()[:size] if value(p) else None  # noqa: E731 (used twice, named)
            return one_column(day, lambda p: day(p) or "", {"type": "string" if spec.required else ["string", "null"]})
        case FieldKind.THEME_ID | FieldKind.COHORT_ID:
            return Published(
                (column, f"{column}_title"),
                lambda p: {"id": value(p).id, "title": value(p).title},
                lambda p: (value(p).id, value(p).title),
                _object({"id": _TEXT, "title": _TEXT}),
            )
        case FieldKind.LIST_OF_BOROUGH_NAMES:
            area_schema = {
                "name": _TEXT,
                "slug": _TEXT,
                "ons_code": {"type": "string", "pattern": ONS_CODE_PATTERN},
                # The area's group (an integrated care board, say); null where the geography has no groups.
                names.group: {
                    **_object({"id": _TEXT, "name": _TEXT, "source": _TEXT}),
                    "type": ["object", "null"],
                    "description": "The group of areas the area is in, as the geography names it, and the page that "
                    "names the group's areas (its source); null when the geography has no groups.",
                },
            }
            return Published(
                (column, "ons_codes", names.groups),
                lambda p: [
                    {
                        "name": a.name,
                        "slug": a.slug,
                        "ons_code": a.ons_code,
                        names.group: {"id": a.icb.id, "name": a.icb.name, "source": a.icb.source} if a.icb else None,
                    }
                    for a in value(p)
                ],
                lambda p: (
                    joined(area.name for area in value(p)),
                    joined(area.ons_code for area in value(p)),
                    joined(icb.name for icb in p.icbs),
                ),
                {"type": "array", "items": _object(area_schema)},
            )
        case FieldKind.LIST_OF_TEXT | FieldKind.LIST_OF_IDS:
            return one_column(lambda p: list(value(p)), lambda p: joined(value(p)), {"type": "array", "items": _TEXT})
        case FieldKind.LIST_OF_FIELD_NAMES:
            return one_column(
                lambda p: sorted(map(public, value(p))),
                lambda p: joined(sorted(map(public, value(p)))),
                {
                    "type": "array",
                    "items": {"enum": [public(field) for field in UNCONFIRMABLE_FIELDS]},
                    "description": "The fields of this record that no source states: the showcase's editors inferred "
                    "them from the sources, and every page, card, count, PDF and feed entry that shows or counts one "
                    f"labels it 'unconfirmed'. Each item is a field's name; projects.csv lists them in its '{column}' "
                    f"column, separated by '{LIST_SEPARATOR}'.",
                },
            )
        case FieldKind.LIST_OF_QUOTES:
            return one_column(
                lambda p: [
                    {
                        "text": q.text,
                        "attribution": q.attribution,
                        "source": q.source,
                        "lang": q.lang or None,
                        "attribution_lang": q.attribution_lang or None,
                    }
                    for q in value(p)
                ],
                lambda p: joined(f"{q.text} ({q.attribution})" for q in value(p)),
                {
                    "type": "array",
                    "items": _object(
                        {
                            "text": _TEXT,
                            "attribution": _TEXT,
                            "source": _OPTIONAL_TEXT,
                            "lang": _LANGUAGE,
                            "attribution_lang": _LANGUAGE,
                        }
                    ),
                },
            )
        case FieldKind.LIST_OF_LINKS:
            return one_column(
                lambda p: [{"title": link.title, "url": link.url} for link in value(p)],
                lambda p: joined(f"{link.title} <{link.url}>" for link in value(p)),
                {"type": "array", "items": _object({"title": _TEXT, "url": _TEXT})},
            )
        case FieldKind.SOURCES:
            address = {"type": "string", "pattern": r"^https://"}
            by_item = {"anyOf": [address, {"type": "array", "items": address, "minItems": 1}]}
            return one_column(
                # One address per fact, or a list of them for the outcomes when each has its own.
                lambda p: {
                    **{public(fact): url for fact, url in p.sources},
                    **({"outcomes": list(p.outcome_sources)} if p.outcome_sources else {}),
                },
                partial(_sources_cell, names=names),
                {
                    "type": "object",
                    "additionalProperties": False,
                    "description": "Where a fact was published: a field's name, then the address of the page that "
                    f"states it. The {' and '.join(SOURCED_BY_ITEM)} may instead have a list of addresses, one per "
                    "item in the items' order, when different pages state them; projects.csv then lists each as "
                    f"'outcome 1 <address>'. {SOURCE_COPIES} says which of these pages are copies.",
                    "properties": {public(fact): by_item if fact in SOURCED_BY_ITEM else address for fact in spec.keys},
                },
            )
        case (
            FieldKind.TRUE_OR_FALSE
            | FieldKind.PICTURE
            | FieldKind.PICTURE_FILE
            | FieldKind.ROW_AND_COLUMN
            | FieldKind.LANGUAGE
        ):
            # Parts of a picture or a tile, never a project's own field: fields.py's tables say so.
            raise ValueError(f"open data has no form for a project field of kind '{spec.kind}' ('{name}')")
        case _:
            assert_never(spec.kind)


def _sources_cell(project: Project, names: Names) -> str:
    """Each source as 'fact <address>' (each outcome with its own as 'outcome 2 <address>'), then
    ' (a copy of ...)' for a cited page that is a copy, as the site says it."""
    by_item = [(f"outcome {number}", url) for number, url in enumerate(project.outcome_sources, start=1)]
    cells = []
    for fact, url in (*project.sources, *by_item):
        copy = copy_note(dict(project.copies).get(url, ""))
        cells.append(f"{editors_field(fact, names)} <{url}>" + (f" ({copy})" if copy else ""))
    return LIST_SEPARATOR.join(cells)


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    """A set of fields, each always present."""
    return {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties}


def _addresses(project: Project, site_url: str) -> dict[str, str]:
    base = site_url.rstrip("/") + "/" if site_url else ""
    page = src_uri_for(project).removesuffix(".md") + "/"
    return {"page_url": base + page, "snapshot_pdf_url": base + snapshot_path(project)}


def published_fields(names: Names) -> dict[str, Published]:
    """Each published field by its name in the open data (the areas' under the programme's name)."""
    return {editors_field(name, names): published(name, PROJECT_FIELDS[name], names) for name in OPEN_DATA_FIELDS}


def csv_columns(names: Names) -> tuple[str, ...]:
    """projects.csv's columns, in order."""
    return (*(column for field in published_fields(names).values() for column in field.columns), *ADDRESS_FIELDS)
