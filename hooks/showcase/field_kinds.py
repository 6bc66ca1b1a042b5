"""What the kit does with a field of each kind (fields.py's FieldKind), in one row per kind: how
the loader reads it, its JSON Schema for the editors' tools, the placeholder the scaffolds write
for it, and how the open data writes it (its JSON value, its CSV cells and its part of
projects.schema.json). `kind_rules` is one exhaustive `match`: a new kind is a type error until
its row says each.

The editors' schema describes what may be typed (YAML's `true` or the text "true"); the published
one what the open data holds (null for a missing optional fact).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto
from operator import attrgetter
from typing import Any, assert_never

from showcase.fields import (
    DATE,
    DATE_PATTERN,
    ICB_ID_PATTERN,
    LINK_FIELDS,
    MAX_ID_LENGTH,
    MONTH,
    MONTH_PATTERN,
    ONS_CODE,
    ONS_CODE_PATTERN,
    PICTURE_FIELDS,
    PICTURE_SRC_PATTERN,
    QUOTE_FIELDS,
    SLUG_PATTERN,
    SOURCE_PATTERN,
    SOURCED_BY_ITEM,
    TILE_FIELDS,
    UNCONFIRMABLE_FIELDS,
    URL,
    URL_PATTERN,
    FieldKind,
    FieldSpec,
)
from showcase.languages import LANGUAGE_TAG_PATTERN
from showcase.model import Names, Project
from showcase.reading.placeholders import PLACEHOLDER as R
from showcase.wording.citations import copy_note

LIST_SEPARATOR = "; "
SOURCE_COPIES = "source_copies"
Choices = dict[FieldKind, list[str]]  # the programme's themes, cohorts, areas... offered while typing


class Read(Enum):
    """How the loader reads a field (showcase/loading/records.py's RecordReader.value)."""

    TEXT = auto()  # a line of text, as typed
    FORM = auto()  # a line of text of the kind's `form`, converted
    LIST = auto()  # each item's text
    QUOTES = auto()
    LINKS = auto()
    LANGUAGE = auto()  # a language tag, as BCP 47 writes it
    APART = auto()  # more than its record to read (a picture's file, a fact's source, a tile)


@dataclass(frozen=True)
class Form:
    """A single value's pattern, what it is read as, and what an editor is told it is not, with
    the fix (which may name the field's {key} and an {example})."""

    pattern: re.Pattern[str]
    convert: Callable[[str], Any]
    wrong: str
    fix: str
    mend: Callable[[str], str] | None = None  # the editor's text with a slip undone, offered when it fits


@dataclass(frozen=True)
class Column:
    """A project field as the open data writes it: the model's `name`, open data's `column`."""

    name: str
    column: str
    spec: FieldSpec
    names: Names
    public: Callable[[str], str]  # a field's name as the editors and open data say it


@dataclass(frozen=True)
class Published:
    """How open data writes one project field: its CSV columns and their cells, its JSON value
    and its part of the JSON's schema."""

    columns: tuple[str, ...]
    json: Callable[[Project], Any]
    cells: Callable[[Project], tuple[str, ...]]
    schema: dict[str, Any]


@dataclass(frozen=True)
class Kind:
    read: Read
    editors: Callable[[FieldSpec, Choices], dict[str, Any]]  # its JSON Schema, but for its description
    # What the scaffolds write, commented out, for a field of this kind the editor did not give
    # (unless editors/scaffold.py words its own): its lines, each naming the field's {name}, or a
    # set of facts' first {fact}; a block's items show its shape.
    placeholder: tuple[str, ...]
    published: Callable[[Column], Published] | None = None  # None: never a project's own field
    form: Form | None = None
    holds_ids: bool = False  # each the address of a page (a slug, a cohort's, a theme's)

    def placeholder_lines(self, name: str, spec: FieldSpec) -> list[str]:
        return [line.format(name=name, fact=next(iter(spec.keys), "")) for line in self.placeholder]


# -- the editors' schemas ----------------------------------------------------------------------
TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
ID = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH}


def editors_record(fields: dict[str, FieldSpec], choices: Choices) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name, spec in fields.items() if spec.required],
        "properties": {name: field_schema(spec, choices) for name, spec in fields.items()},
    }


def field_schema(spec: FieldSpec, choices: Choices) -> dict[str, Any]:
    return {**KINDS[spec.kind].editors(spec, choices), "description": f"{spec.help} Example: {spec.example}"}


def _typed(schema: dict[str, Any]) -> Callable[[FieldSpec, Choices], dict[str, Any]]:
    return lambda spec, choices: schema


def _pattern(pattern: str) -> Callable[[FieldSpec, Choices], dict[str, Any]]:
    return _typed({"type": "string", "pattern": pattern})


def _record(fields: dict[str, FieldSpec]) -> Callable[[FieldSpec, Choices], dict[str, Any]]:
    return lambda spec, choices: editors_record(fields, choices)


def _items(item: Callable[[FieldSpec, Choices], dict[str, Any]]) -> Callable[[FieldSpec, Choices], dict[str, Any]]:
    return lambda spec, choices: {"type": "array", "items": item(spec, choices)}


def _chosen(spec: FieldSpec, choices: Choices) -> dict[str, Any]:
    """One of the programme's themes, cohorts, areas or field names, as it names them."""
    return {"type": "string", "enum": choices[spec.kind]}


def _picture(spec: FieldSpec, choices: Choices) -> dict[str, Any]:
    # The alt is required unless the picture is decorative (YAML's true, or the text "true").
    decorative = {"required": ["decorative"], "properties": {"decorative": {"enum": [True, "true"]}}}
    return {**editors_record(PICTURE_FIELDS, choices), "anyOf": [{"required": ["alt"]}, decorative]}


def _sources(spec: FieldSpec, choices: Choices) -> dict[str, Any]:
    source = {"type": "string", "pattern": SOURCE_PATTERN}
    by_item = {"anyOf": [source, {"type": "array", "items": source}]}  # one address per item
    properties = {name: by_item if name in SOURCED_BY_ITEM else source for name in spec.keys}
    return {"type": "object", "additionalProperties": False, "properties": properties}


# -- the open data's writing -------------------------------------------------------------------
SOME_TEXT = {"type": "string", "minLength": 1}
OPTIONAL_TEXT = {"type": ["string", "null"]}
_LANGUAGE = {
    "type": ["string", "null"],
    "pattern": LANGUAGE_TAG_PATTERN,
    "description": "The language it is in, as a BCP 47 tag (pl, cy, ar); null: the site's own language.",
}
joined = LIST_SEPARATOR.join


def open_object(properties: dict[str, Any]) -> dict[str, Any]:
    """A set of fields, each always present."""
    return {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties}


def _column(
    schema: dict[str, Any],
    json: Callable[[Any], Any] = lambda value: value,
    cell: Callable[[Any], str] = lambda value: value or "",
    optional: dict[str, Any] | None = None,
) -> Callable[[Column], Published]:
    """A field written in one column, as `json` and `cell` write its value; `optional`: its
    schema when the field is not required."""

    def published(field: Column) -> Published:
        value = attrgetter(field.name)
        return Published(
            (field.column,),
            lambda p: json(value(p)),
            lambda p: (cell(value(p)),),
            schema if field.spec.required or optional is None else optional,
        )

    return published


def _day(size: int) -> Callable[[Column], Published]:
    day = lambda value: value.isoformat()[:size] if value else None  # noqa: E731 (used twice, named)
    return _column({"type": "string"}, day, lambda value: day(value) or "", {"type": ["string", "null"]})


def _named(field: Column) -> Published:
    """A theme or a cohort: its id and its title."""
    value = attrgetter(field.name)
    return Published(
        (field.column, f"{field.column}_title"),
        lambda p: {"id": value(p).id, "title": value(p).title},
        lambda p: (value(p).id, value(p).title),
        open_object({"id": SOME_TEXT, "title": SOME_TEXT}),
    )


def _areas(field: Column) -> Published:
    """The areas: each with its ONS code and its group (an integrated care board, say), null where
    the geography has no groups."""
    value, group = attrgetter(field.name), field.names.group
    area_schema = {
        "name": SOME_TEXT,
        "slug": SOME_TEXT,
        "ons_code": {"type": "string", "pattern": ONS_CODE_PATTERN},
        group: {
            **open_object({"id": SOME_TEXT, "name": SOME_TEXT, "source": SOME_TEXT}),
            "type": ["object", "null"],
            "description": "The group of areas the area is in, as the geography names it, and the page that "
            "names the group's areas (its source); null when the geography has no groups.",
        },
    }
    return Published(
        (field.column, "ons_codes", field.names.groups),
        lambda p: [
            {
                "name": a.name,
                "slug": a.slug,
                "ons_code": a.ons_code,
                group: {"id": a.icb.id, "name": a.icb.name, "source": a.icb.source} if a.icb else None,
            }
            for a in value(p)
        ],
        lambda p: (
            joined(area.name for area in value(p)),
            joined(area.ons_code for area in value(p)),
            joined(icb.name for icb in p.icbs),
        ),
        {"type": "array", "items": open_object(area_schema)},
    )


def _field_names(field: Column) -> Published:
    public = field.public
    return _column(
        {
            "type": "array",
            "items": {"enum": [public(name) for name in UNCONFIRMABLE_FIELDS]},
            "description": "The fields of this record that no source states: the showcase's editors inferred "
            "them from the sources, and every page, card, count, PDF and feed entry that shows or counts one "
            f"labels it 'unconfirmed'. Each item is a field's name; projects.csv lists them in its '{field.column}' "
            f"column, separated by '{LIST_SEPARATOR}'.",
        },
        lambda value: sorted(map(public, value)),
        lambda value: joined(sorted(map(public, value))),
    )(field)


_QUOTE_SCHEMA = open_object(
    {
        "text": SOME_TEXT,
        "attribution": SOME_TEXT,
        "source": OPTIONAL_TEXT,
        "lang": _LANGUAGE,
        "attribution_lang": _LANGUAGE,
    }
)


def _quote(quote: Any) -> tuple[Any, ...]:
    """A quote's fields as open data writes them: no language is null, the site's own."""
    return quote.text, quote.attribution, quote.source, quote.lang or None, quote.attribution_lang or None


def _fact_sources(field: Column) -> Published:
    """One address per fact, or a list of them for the outcomes when each has its own; in the
    CSV each as 'fact <address>' ('outcome 2 <address>'), then ' (a copy of ...)' for a cited
    page that is a copy, as the site says it."""
    public = field.public
    address = {"type": "string", "pattern": r"^https://"}
    by_item = {"anyOf": [address, {"type": "array", "items": address, "minItems": 1}]}

    def cell(project: Project) -> str:
        by_number = [(f"outcome {number}", url) for number, url in enumerate(project.outcome_sources, start=1)]
        cells = []
        for fact, url in (*project.sources, *by_number):
            copy = copy_note(dict(project.copies).get(url, ""))
            cells.append(f"{public(fact)} <{url}>" + (f" ({copy})" if copy else ""))
        return joined(cells)

    return Published(
        (field.column,),
        lambda p: {
            **{public(fact): url for fact, url in p.sources},
            **({"outcomes": list(p.outcome_sources)} if p.outcome_sources else {}),
        },
        lambda p: (cell(p),),
        {
            "type": "object",
            "additionalProperties": False,
            "description": "Where a fact was published: a field's name, then the address of the page that "
            f"states it. The {' and '.join(SOURCED_BY_ITEM)} may instead have a list of addresses, one per "
            "item in the items' order, when different pages state them; projects.csv then lists each as "
            f"'outcome 1 <address>'. {SOURCE_COPIES} says which of these pages are copies.",
            "properties": {public(fact): by_item if fact in SOURCED_BY_ITEM else address for fact in field.spec.keys},
        },
    )


# -- the scaffolds' placeholders
QUOTES = (
    "{name}:",
    f"  - text: {R} the words, exactly as published, without quote marks",
    f"    attribution: {R} the name of who said it, and their role",
    f"    source: {R} the address of the page that published it, starting https://",
)
LINKS = ("{name}:", f"  - title: {R} words that say where the link goes", f"    url: {R} the full address")
PHOTO = (
    "{name}:",
    f"  src: {R} images/ then the name of the photo's file in content/images/",
    f"  alt: {R} what the photo shows that matters, in a sentence",
    f"  credit: {R} who took the photo, as they want to be named",
)


def _line(words: str) -> tuple[str, ...]:
    """A one-line placeholder; a list's in brackets: [words]."""
    return (f"{{name}}: [{R} {words[1:]}" if words.startswith("[") else f"{{name}}: {R} {words}",)


# -- the single values' forms ------------------------------------------------------------------
_WHOLE = Form(
    re.compile(r"^[0-9]+$"),
    int,
    "is not a whole number.",
    "Write digits only, with no £ sign, commas or spaces, e.g. {key}: {example}",
)
_ONS_CODE = Form(
    ONS_CODE,
    str,
    "is not an ONS code: a capital letter, then eight digits.",
    "Copy the area's code from the ONS list, e.g. {key}: {example}",
    # Spaces, a hyphen, lower case or the letter O for a zero, as a code is copied by hand.
    lambda typed: (code := re.sub(r"[\s-]", "", typed).upper())[:1] + code[1:].replace("O", "0"),
)
_URL = Form(URL, str, "is not a full web address.", "Copy the whole address from the browser, starting https://")
_DATE = Form(DATE, dt.date.fromisoformat, "is not a date written as year-month-day.", "Write it like {example}.")
_MONTH = Form(
    MONTH, lambda month: dt.date.fromisoformat(month + "-01"), "is not a month written as year-month.", _DATE.fix
)

_COUNTED = _column(
    {"type": "integer", "minimum": 0},
    cell=lambda value: "" if value is None else str(value),
    optional={"type": ["integer", "null"], "minimum": 0},
)
_TEXT_COLUMN = _column(SOME_TEXT, optional=OPTIONAL_TEXT)
_LIST = _column({"type": "array", "items": SOME_TEXT}, list, joined)
_QUOTES = _column(
    {"type": "array", "items": _QUOTE_SCHEMA},
    lambda value: [dict(zip(_QUOTE_SCHEMA["properties"], _quote(q), strict=True)) for q in value],
    lambda value: joined(f"{q.text} ({q.attribution})" for q in value),
)
_LINKS = _column(
    {"type": "array", "items": open_object({"title": SOME_TEXT, "url": SOME_TEXT})},
    lambda value: [{"title": link.title, "url": link.url} for link in value],
    lambda value: joined(f"{link.title} <{link.url}>" for link in value),
)


def kind_rules(kind: FieldKind) -> Kind:
    match kind:
        case FieldKind.TEXT | FieldKind.MARKDOWN:
            return Kind(Read.TEXT, _typed(TEXT), _line("a line of text"), _TEXT_COLUMN)
        case FieldKind.ID:
            slug = _column({"type": "string", "pattern": SLUG_PATTERN})
            return Kind(Read.TEXT, _typed(ID), _line("lower-case letters, digits and hyphens"), slug, holds_ids=True)
        case FieldKind.THEME_ID | FieldKind.COHORT_ID:
            return Kind(Read.TEXT, _chosen, _line("an id from the list of them"), _named, holds_ids=True)
        case FieldKind.ICB_ID:
            return Kind(Read.TEXT, _pattern(ICB_ID_PATTERN), _line("a group's id"), _TEXT_COLUMN, holds_ids=True)
        case FieldKind.ONS_CODE:
            return Kind(Read.FORM, _pattern(ONS_CODE_PATTERN), _line("the ONS code"), _TEXT_COLUMN, _ONS_CODE)
        case FieldKind.WEB_ADDRESS:
            return Kind(Read.FORM, _pattern(URL_PATTERN), _line("the full address"), _TEXT_COLUMN, _URL)
        case FieldKind.WHOLE_NUMBER | FieldKind.WHOLE_POUNDS:
            counted = _typed({"type": "integer", "minimum": 0})
            return Kind(Read.FORM, counted, _line("a number, in digits only"), _COUNTED, _WHOLE)
        case FieldKind.DATE:  # 2023-03-31
            return Kind(Read.FORM, _pattern(DATE_PATTERN), _line("the day, as YYYY-MM-DD"), _day(10), _DATE)
        case FieldKind.MONTH:  # 2023-03
            return Kind(Read.FORM, _pattern(MONTH_PATTERN), _line("the month, as YYYY-MM"), _day(7), _MONTH)
        case FieldKind.TRUE_OR_FALSE:
            return Kind(Read.TEXT, _typed({"enum": [True, False, "true", "false"]}), _line("true or false"))
        case FieldKind.LANGUAGE:
            return Kind(Read.LANGUAGE, _pattern(LANGUAGE_TAG_PATTERN), _line("the language's tag"))
        case FieldKind.PICTURE_FILE:
            return Kind(Read.TEXT, _pattern(PICTURE_SRC_PATTERN), _line("images/ then the file's name"))
        case FieldKind.LIST_OF_TEXT:
            return Kind(Read.LIST, _items(_typed(TEXT)), ("{name}:", f"  - {R} an item"), _LIST)
        case FieldKind.LIST_OF_IDS:
            return Kind(Read.LIST, _items(_typed(ID)), _line("[an id]"), _LIST, holds_ids=True)
        case FieldKind.LIST_OF_BOROUGH_NAMES:
            return Kind(Read.LIST, _items(_chosen), _line("[each area's name as in data/geography.yaml]"), _areas)
        case FieldKind.LIST_OF_FIELD_NAMES:
            return Kind(Read.LIST, _items(_chosen), _line("[the name of a field]"), _field_names)
        case FieldKind.LIST_OF_QUOTES:
            return Kind(Read.QUOTES, _items(_record(QUOTE_FIELDS)), QUOTES, _QUOTES)
        case FieldKind.LIST_OF_LINKS:
            return Kind(Read.LINKS, _items(_record(LINK_FIELDS)), LINKS, _LINKS)
        case FieldKind.PICTURE:  # the site's copy of a file, not a fact: kept off the open data
            return Kind(Read.APART, _picture, PHOTO)
        case FieldKind.SOURCES:
            facts = ("{name}:", f"  {{fact}}: {R} the address of the page that states it")
            return Kind(Read.APART, _sources, facts, _fact_sources)
        case FieldKind.ROW_AND_COLUMN:
            tile = ("{name}:", f"  row: {R} the row, from 1", f"  col: {R} the column, from 1")
            return Kind(Read.APART, _record(TILE_FIELDS), tile)
        case _:
            assert_never(kind)


KINDS = {kind: kind_rules(kind) for kind in FieldKind}
