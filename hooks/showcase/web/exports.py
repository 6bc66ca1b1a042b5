"""Open data: every project as JSON (with its JSON Schema) and as CSV, from the same model.

The exports are for commissioners, researchers and other programmes. Every field a project has
in data/projects.yaml is in them (fields.py's OPEN_DATA_FIELDS; the pictures and earlier slugs
are kept off, KEPT_OFF_OPEN_DATA), so nothing in the data is lost on the way out. Each field is
written once, by its kind (`published`): its JSON value, its CSV cells and its schema together.
Beside them, the JSON says which pages its sources cite are copies (`source_copies`), as the CSV's
sources column does after each such address.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
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
from showcase.model import Programme, Project
from showcase.pdf.documents import snapshot_path
from showcase.web.site import src_uri_for
from showcase.wording.citations import copy_note

# 1.1: the licence; 1.2: each fact's source; 1.3: the programme and data_as_of; 1.4: a source for
# each outcome (a list), and the cited pages that are copies (source_copies); 1.5: each quote's
# language (lang, attribution_lang)
SCHEMA_VERSION = "1.5"
LIST_SEPARATOR = "; "
# A cell starting with one of these is run as a formula by spreadsheet software; a leading
# apostrophe makes it text (OWASP's advice for CSV injection). The JSON keeps the exact text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def page_path(project: Project) -> str:
    """The project page's address relative to the site root, e.g. projects/x/."""
    return src_uri_for(project).removesuffix(".md") + "/"


def project_record(project: Project, site_url: str = "") -> dict[str, Any]:
    record = {name: field.json(project) for name, field in PUBLISHED.items()}
    return {**record, SOURCE_COPIES: dict(project.copies), **_addresses(project, site_url)}


def programme_record(identity: ProgrammeIdentity) -> dict[str, Any]:
    """The programme as the open data states it: its status with the page it is quoted from, its
    own page, its contact address, who launched it (with its source) and who publishes the data
    (null until confirmed), each null when the settings do not give it."""
    return {
        "name": identity.name,
        "status": identity.status or None,
        "status_source": identity.status_source or None,
        "programme_page": identity.programme_page or None,
        "contact_email": identity.contact_email,
        "launched_by": identity.launched_by or None,
        "launched_by_source": identity.launched_by_source or None,
        "publisher": identity.publisher or None,
    }


def projects_json(
    programme: Programme,
    generated: dt.datetime,
    identity: ProgrammeIdentity,
    site_url: str = "",
    data_as_of: dt.date | None = None,
) -> str:
    licence = identity.licence
    document = {
        "schema_version": SCHEMA_VERSION,
        "generated": generated.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "data_as_of": data_as_of.isoformat() if data_as_of else None,
        "programme": programme_record(identity),
        "licence": {"name": licence.name, "url": licence.url},
        "projects": [project_record(project, site_url) for project in programme.projects],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# projects.json's `programme`: each field and what it holds, for the schema.
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


def csv_row(project: Project, site_url: str = "") -> dict[str, str]:
    row = {
        column: cell
        for field in PUBLISHED.values()
        for column, cell in zip(field.columns, field.cells(project), strict=True)
    }
    return {**row, **_addresses(project, site_url)}


def projects_csv(programme: Programme, site_url: str = "") -> str:
    """CSV with a byte-order mark, so spreadsheet software reads the text as UTF-8."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for project in programme.projects:
        writer.writerow({key: _as_text_cell(value) for key, value in csv_row(project, site_url).items()})
    return "\ufeff" + buffer.getvalue()


def _as_text_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_schema() -> dict[str, Any]:
    """The JSON Schema that projects.json follows, published beside it."""
    properties = {name: field.schema for name, field in PUBLISHED.items()}
    project: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {**properties, SOURCE_COPIES: _SOURCE_COPIES, **{name: _TEXT for name in ADDRESS_FIELDS}},
    }
    project["required"] = list(project["properties"])  # every field, always present (null when unknown)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Showcase open data: projects",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "generated", "data_as_of", "programme", "licence", "projects"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "generated": {
                "type": "string",
                "format": "date-time",
                "description": "When this file was made: the start of data_as_of's day (UTC) when it is known.",
            },
            "data_as_of": {
                "type": ["string", "null"],
                "format": "date",
                "description": "The one 'data as of' date every page, PDF and the feed state: the day the content "
                "last changed; null when nothing dates it.",
            },
            "programme": {
                "type": "object",
                "additionalProperties": False,
                "required": list(PROGRAMME_FIELDS),
                "description": "The programme. A field is null when the site's settings do not give it.",
                "properties": {
                    name: {**(_TEXT if name in ("name", "contact_email") else _OPTIONAL_TEXT), "description": meaning}
                    for name, meaning in PROGRAMME_FIELDS.items()
                },
            },
            "licence": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "url"],
                "description": "The licence of this file's data.",
                "properties": {"name": _TEXT, "url": _TEXT},
            },
            "projects": {"type": "array", "items": project},
        },
    }


# -- each project field as open data writes it ------------------------------------------------
_TEXT = {"type": "string", "minLength": 1}
_OPTIONAL_TEXT = {"type": ["string", "null"]}
_LANGUAGE = {
    "type": ["string", "null"],
    "pattern": LANGUAGE_TAG_PATTERN,
    "description": "The language it is in, as a BCP 47 tag (pl, cy, ar); null: the site's own language.",
}
_TEXTS = {"type": "array", "items": _TEXT}
# The addresses every project has on the site, after its fields.
ADDRESS_FIELDS = ("page_url", "snapshot_pdf_url")
# Which of the pages a project's `sources` cite are another website's copy of a document
# (loading/source_texts.py reads it from each page's stored text), and what each copies.
SOURCE_COPIES = "source_copies"
_SOURCE_COPIES = {
    "type": "object",
    "additionalProperties": {"type": "string", "minLength": 1},
    "description": "The pages cited in sources that are another website's copy of a document: each address, "
    "then what the page copies (e.g. 'the programme's own slide deck'). Empty when none is a copy. projects.csv "
    "says so after the address in its 'sources' column: '(a copy of ...)'.",
}


@dataclass(frozen=True)
class Published:
    """How open data writes one project field: its CSV columns and their cells, its JSON value
    and its part of the JSON's schema, each from the field's kind."""

    columns: tuple[str, ...]
    json: Callable[[Project], Any]
    cells: Callable[[Project], tuple[str, ...]]
    schema: dict[str, Any]


def published(name: str, spec: FieldSpec) -> Published:
    """The project field `name` (the model's attribute of that name) as open data writes it."""
    value = attrgetter(name)
    joined = LIST_SEPARATOR.join
    match spec.kind:
        case FieldKind.ID:
            return Published((name,), value, lambda p: (value(p),), {"type": "string", "pattern": SLUG_PATTERN})
        case FieldKind.TEXT | FieldKind.MARKDOWN | FieldKind.WEB_ADDRESS | FieldKind.ICB_ID | FieldKind.ONS_CODE:
            return Published((name,), value, lambda p: (value(p) or "",), _TEXT if spec.required else _OPTIONAL_TEXT)
        case FieldKind.WHOLE_NUMBER | FieldKind.WHOLE_POUNDS:
            counted = {"type": "integer" if spec.required else ["integer", "null"], "minimum": 0}
            return Published((name,), value, lambda p: ("" if value(p) is None else str(value(p)),), counted)
        case FieldKind.DATE | FieldKind.MONTH:
            size = 10 if spec.kind == FieldKind.DATE else 7  # 2023-03-31, 2023-03
            dated = {"type": "string" if spec.required else ["string", "null"]}
            day = lambda p: value(p).isoformat()[:size] if value(p) else None  # noqa: E731 (used twice, named)
            return Published((name,), day, lambda p: (day(p) or "",), dated)
        case FieldKind.THEME_ID | FieldKind.COHORT_ID:
            return Published(
                (name, f"{name}_title"),
                lambda p: {"id": value(p).id, "title": value(p).title},
                lambda p: (value(p).id, value(p).title),
                _object({"id": _TEXT, "title": _TEXT}),
            )
        case FieldKind.LIST_OF_BOROUGH_NAMES:
            return Published(
                (name, "ons_codes", "icbs"),
                lambda p: [
                    {
                        "name": area.name,
                        "slug": area.slug,
                        "ons_code": area.ons_code,
                        "icb": {"id": area.icb.id, "name": area.icb.name},
                    }
                    for area in value(p)
                ],
                lambda p: (
                    joined(area.name for area in value(p)),
                    joined(area.ons_code for area in value(p)),
                    joined(icb.name for icb in p.icbs),
                ),
                {
                    "type": "array",
                    "items": _object(
                        {
                            "name": _TEXT,
                            "slug": _TEXT,
                            "ons_code": {"type": "string", "pattern": ONS_CODE_PATTERN},
                            "icb": _object({"id": _TEXT, "name": _TEXT}),
                        }
                    ),
                },
            )
        case FieldKind.LIST_OF_TEXT | FieldKind.LIST_OF_IDS:
            return Published((name,), lambda p: list(value(p)), lambda p: (joined(value(p)),), _TEXTS)
        case FieldKind.LIST_OF_FIELD_NAMES:
            return Published(
                (name,),
                lambda p: sorted(value(p)),
                lambda p: (joined(sorted(value(p))),),
                {
                    "type": "array",
                    "items": {"enum": list(UNCONFIRMABLE_FIELDS)},
                    "description": "The fields of this record that no source states: the showcase's editors inferred "
                    "them from the sources, and every page, card, count, PDF and feed entry that shows or counts one "
                    f"labels it 'unconfirmed'. Each item is a field's name; projects.csv lists them in its '{name}' "
                    f"column, separated by '{LIST_SEPARATOR}'.",
                },
            )
        case FieldKind.LIST_OF_QUOTES:
            return Published(
                (name,),
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
                lambda p: (joined(f"{q.text} ({q.attribution})" for q in value(p)),),
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
            return Published(
                (name,),
                lambda p: [{"title": link.title, "url": link.url} for link in value(p)],
                lambda p: (joined(f"{link.title} <{link.url}>" for link in value(p)),),
                {"type": "array", "items": _object({"title": _TEXT, "url": _TEXT})},
            )
        case FieldKind.SOURCES:
            address = {"type": "string", "pattern": r"^https://"}
            by_item = {"anyOf": [address, {"type": "array", "items": address, "minItems": 1}]}
            return Published(
                (name,),
                _sources_json,
                lambda p: (joined(f"{fact} <{url}>{_copy(p, url)}" for fact, url in _sources_listed(p)),),
                {
                    "type": "object",
                    "additionalProperties": False,
                    "description": "Where a fact was published: a field's name, then the address of the page that "
                    f"states it. The {_BY_ITEM} may instead have a list of addresses, one per item in the items' "
                    "order, when different pages state them; projects.csv then lists each as 'outcome 1 <address>'. "
                    f"{SOURCE_COPIES} says which of these pages are copies.",
                    "properties": {fact: by_item if fact in SOURCED_BY_ITEM else address for fact in spec.keys},
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


_BY_ITEM = " and ".join(SOURCED_BY_ITEM)


def _sources_json(project: Project) -> dict[str, str | list[str]]:
    """A project's sources: one address per fact, or a list of them for the outcomes when each has its own."""
    by_item = {"outcomes": list(project.outcome_sources)} if project.outcome_sources else {}
    return {**dict(project.sources), **by_item}


def _sources_listed(project: Project) -> tuple[tuple[str, str], ...]:
    """Each source as projects.csv lists it: (fact, address), each outcome with its own as 'outcome 2'."""
    by_item = tuple((f"outcome {number}", url) for number, url in enumerate(project.outcome_sources, start=1))
    return (*project.sources, *by_item)


def _copy(project: Project, url: str) -> str:
    """' (a copy of ...)' after the address of a cited page that is a copy, as the site says it."""
    copy = copy_note(dict(project.copies).get(url, ""))
    return f" ({copy})" if copy else ""


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    """A set of fields, each always present."""
    return {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties}


def _addresses(project: Project, site_url: str) -> dict[str, str]:
    base = site_url.rstrip("/") + "/" if site_url else ""
    return {"page_url": base + page_path(project), "snapshot_pdf_url": base + snapshot_path(project)}


PUBLISHED = {name: published(name, PROJECT_FIELDS[name]) for name in OPEN_DATA_FIELDS}
CSV_COLUMNS = (*(column for field in PUBLISHED.values() for column in field.columns), *ADDRESS_FIELDS)
