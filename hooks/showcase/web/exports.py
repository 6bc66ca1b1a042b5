"""Open data: every project as JSON (with its JSON Schema) and as CSV, from the same model.

The exports are for commissioners, researchers and other programmes. Every field a project has
in data/projects.yaml is in them, so nothing in the data is lost on the way out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from showcase.fields import SLUG_PATTERN, SOURCED_PROJECT_FIELDS, UNCONFIRMABLE_FIELDS
from showcase.identity import ProgrammeIdentity
from showcase.model import Programme, Project
from showcase.pdf.documents import snapshot_path
from showcase.web.site import src_uri_for

SCHEMA_VERSION = "1.3"  # 1.1: the licence; 1.2: each fact's source; 1.3: the programme and data_as_of
LIST_SEPARATOR = "; "
# A cell starting with one of these is run as a formula by spreadsheet software; a leading
# apostrophe makes it text (OWASP's advice for CSV injection). The JSON keeps the exact text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def page_path(project: Project) -> str:
    """The project page's address relative to the site root, e.g. projects/x/."""
    return src_uri_for(project).removesuffix(".md") + "/"


def project_record(project: Project, site_url: str = "") -> dict[str, Any]:
    base = site_url.rstrip("/") + "/" if site_url else ""
    record: dict[str, Any] = {
        "slug": project.slug,
        "name": project.name,
        "cohort": {"id": project.cohort.id, "title": project.cohort.title},
        "theme": {"id": project.theme.id, "title": project.theme.title},
        "aim": project.aim,
        "boroughs": [
            {
                "name": area.name,
                "slug": area.slug,
                "ons_code": area.ons_code,
                "icb": {"id": area.icb.id, "name": area.icb.name},
            }
            for area in project.boroughs
        ],
        "organisation": project.organisation,
        "partners": list(project.partners),
        "pcn": project.pcn,
        "summary": project.summary,
        "outcomes": list(project.outcomes),
        "quotes": [{"text": q.text, "attribution": q.attribution, "source": q.source} for q in project.quotes],
        "links": [{"title": link.title, "url": link.url} for link in project.links],
        "tags": list(project.tags),
        "unconfirmed": sorted(project.unconfirmed),
        "sources": dict(project.sources),
        "page_url": base + page_path(project),
        "snapshot_pdf_url": base + snapshot_path(project),
    }
    return record


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
    "status": "For a programme that has ended, the sentence that says so, as its source says it.",
    "status_source": "The address of the page the status is taken from.",
    "programme_page": "The address of the programme's own page.",
    "contact_email": "The programme's contact address (for one that has ended, the last one it published).",
    "launched_by": "Who launched the programme, as launched_by_source says.",
    "launched_by_source": "The address of the page that says who launched the programme.",
    "publisher": "Who publishes this site and its data; null until the site's team has confirmed it.",
}


CSV_COLUMNS = (
    "slug",
    "name",
    "cohort",
    "cohort_title",
    "theme",
    "theme_title",
    "aim",
    "boroughs",
    "ons_codes",
    "icbs",
    "organisation",
    "partners",
    "pcn",
    "summary",
    "outcomes",
    "quotes",
    "links",
    "tags",
    "unconfirmed",
    "sources",
    "page_url",
    "snapshot_pdf_url",
)


def csv_row(project: Project, site_url: str = "") -> dict[str, str]:
    record = project_record(project, site_url)
    joined = LIST_SEPARATOR.join
    return {
        "slug": project.slug,
        "name": project.name,
        "cohort": project.cohort.id,
        "cohort_title": project.cohort.title,
        "theme": project.theme.id,
        "theme_title": project.theme.title,
        "aim": project.aim,
        "boroughs": joined(area.name for area in project.boroughs),
        "ons_codes": joined(area.ons_code for area in project.boroughs),
        "icbs": joined(icb.name for icb in project.icbs),
        "organisation": project.organisation or "",
        "partners": joined(project.partners),
        "pcn": project.pcn or "",
        "summary": project.summary or "",
        "outcomes": joined(project.outcomes),
        "quotes": joined(f"{q.text} ({q.attribution})" for q in project.quotes),
        "links": joined(f"{link.title} <{link.url}>" for link in project.links),
        "tags": joined(project.tags),
        "unconfirmed": joined(sorted(project.unconfirmed)),
        "sources": joined(f"{fact} <{url}>" for fact, url in project.sources),
        "page_url": record["page_url"],
        "snapshot_pdf_url": record["snapshot_pdf_url"],
    }


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
    text = {"type": "string", "minLength": 1}
    optional_text = {"type": ["string", "null"]}
    texts = {"type": "array", "items": text}

    def named() -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title"],
            "properties": {"id": text, "title": text},
        }

    project: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "slug": {"type": "string", "pattern": SLUG_PATTERN},
            "name": text,
            "aim": text,
            "cohort": named(),
            "theme": named(),
            "boroughs": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name", "slug", "ons_code", "icb"],
                    "properties": {
                        "name": text,
                        "slug": text,
                        "ons_code": {"type": "string", "pattern": r"^[A-Z]\d{8}$"},
                        "icb": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["id", "name"],
                            "properties": {"id": text, "name": text},
                        },
                    },
                },
            },
            "organisation": optional_text,
            "partners": texts,
            "pcn": optional_text,
            "summary": optional_text,
            "outcomes": texts,
            "tags": texts,
            "unconfirmed": {
                "type": "array",
                "items": {"enum": list(UNCONFIRMABLE_FIELDS)},
                "description": "The fields of this record that no source states: the showcase's editors inferred "
                "them from the sources, and every page, card, count, PDF and feed entry that shows or counts one "
                "labels it 'unconfirmed'. Each item is a field's name; projects.csv lists them in its "
                "'unconfirmed' column, separated by '; '.",
            },
            "quotes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["text", "attribution", "source"],
                    "properties": {"text": text, "attribution": text, "source": optional_text},
                },
            },
            "links": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["title", "url"],
                    "properties": {"title": text, "url": text},
                },
            },
            "sources": {
                "type": "object",
                "additionalProperties": False,
                "description": "Where a fact was published: a field's name, then the address of the page that states it.",
                "properties": {name: {"type": "string", "pattern": r"^https://"} for name in SOURCED_PROJECT_FIELDS},
            },
            "page_url": text,
            "snapshot_pdf_url": text,
        },
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
                    name: {**(text if name in ("name", "contact_email") else optional_text), "description": meaning}
                    for name, meaning in PROGRAMME_FIELDS.items()
                },
            },
            "licence": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "url"],
                "description": "The licence of this file's data.",
                "properties": {"name": text, "url": text},
            },
            "projects": {"type": "array", "items": project},
        },
    }
