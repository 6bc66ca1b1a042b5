"""Open data: every project as JSON (with its JSON Schema) and as CSV, from the same model.

Every field a project has in data/projects.yaml is published (fields.py's OPEN_DATA_FIELDS; the
pictures and earlier slugs are kept off), each written once, by its kind (field_kinds.py): its JSON
value, its CSV cells and its schema together. The JSON also says which cited pages are copies
(`source_copies`), as the CSV's sources column does after each such address.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from functools import partial
from typing import Any

from showcase.field_kinds import KINDS, OPTIONAL_TEXT, SOME_TEXT, SOURCE_COPIES, Column, Published, open_object
from showcase.fields import OPEN_DATA_FIELDS, PROJECT_FIELDS
from showcase.identity import ProgrammeIdentity
from showcase.loading.public_names import editors_field
from showcase.model import Names, Programme, Project
from showcase.pdf.documents import snapshot_path
from showcase.web.site import src_uri_for
from showcase.wording.legal import granted_licence

# 1.1: the licence; 1.2: each fact's source; 1.3: the programme and data_as_of; 1.4: a source for
# each outcome (a list), and the cited pages that are copies (source_copies); 1.5: each quote's
# language (lang, attribution_lang); 1.6: the licence is null until a publisher grants it; 1.7:
# each area's group cites its source, and is null where the geography has no groups
SCHEMA_VERSION = "1.7"
# A cell starting with one of these is run as a formula by spreadsheet software; a leading
# apostrophe makes it text (OWASP's advice for CSV injection). The JSON keeps the exact text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ADDRESS_FIELDS = ("page_url", "snapshot_pdf_url")  # every project's addresses, after its fields
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
        name: {**(SOME_TEXT if name in _PROGRAMME_GIVEN else OPTIONAL_TEXT), "description": meaning}
        for name, meaning in PROGRAMME_FIELDS.items()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Showcase open data: projects",
        **open_object(
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
                    **open_object(programme),
                    "description": "The programme. A field is null when the site's settings do not give it.",
                },
                "licence": {
                    **open_object({"name": SOME_TEXT, "url": SOME_TEXT}),
                    "type": ["object", "null"],
                    "description": "The licence of this file's data; null while it is not confirmed (only the "
                    "publisher can grant one, and the site's team has not confirmed who publishes it).",
                },
                "projects": {
                    "type": "array",
                    # Every field is always present (null when unknown).
                    "items": open_object(
                        {**properties, SOURCE_COPIES: source_copies, **dict.fromkeys(ADDRESS_FIELDS, SOME_TEXT)}
                    ),
                },
            }
        ),
    }


def _addresses(project: Project, site_url: str) -> dict[str, str]:
    base = site_url.rstrip("/") + "/" if site_url else ""
    page = src_uri_for(project).removesuffix(".md") + "/"
    return {"page_url": base + page, "snapshot_pdf_url": base + snapshot_path(project)}


def published_fields(names: Names) -> dict[str, Published]:
    """Each published field by its name in the open data (the areas' under the programme's name)."""
    public = partial(editors_field, names=names)  # a field's name, as the editors and open data say it
    fields = {name: Column(name, public(name), PROJECT_FIELDS[name], names, public) for name in OPEN_DATA_FIELDS}
    return {field.column: _published(field) for field in fields.values()}


def _published(field: Column) -> Published:
    if (published := KINDS[field.spec.kind].published) is None:
        # Parts of a picture or a tile, never a project's own field: fields.py's tables say so.
        raise ValueError(f"open data has no form for a project field of kind '{field.spec.kind}' ('{field.name}')")
    return published(field)


def csv_columns(names: Names) -> tuple[str, ...]:
    """projects.csv's columns, in order."""
    return (*(column for field in published_fields(names).values() for column in field.columns), *ADDRESS_FIELDS)
