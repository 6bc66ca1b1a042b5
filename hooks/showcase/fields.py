"""What each record may hold: the comms team's data contract, in one place.

The loader, the editors' JSON Schemas, the open data and EDITING.md's field tables (kept in step
by a test) all follow these tables and patterns. `help` is shown to editors: keep it plain English.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

# -- patterns: each read alike by Python's `re` and by JSON Schema's ECMA-262, which publish the
# same string: `(...)` groups, not `(?:...)` (outside json-schema.org's subset), `^...$`, not `\Z`.

# A slug or id: the form a page address takes (projects/<slug>/, themes/<id>/, ...).
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# An ICB id is shown as typed (NH) and becomes a page address in lower case (icbs/nh/).
ICB_ID_PATTERN = r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$"
# A link's address: a web page, or an email address to write to.
URL_PATTERN = r"^(https?://[^\s/]+\.[^\s]+|mailto:[^\s@]+@[^\s@]+)$"
# A fact's source: a page anyone can open, over HTTPS (the site links it beside the fact).
SOURCE_PATTERN = r"^https://[^\s/]+\.[^\s]+$"
# An area's ONS (GSS) code: a capital letter, then eight digits; `\d` read as ASCII, as ECMA-262 does.
ONS_CODE_PATTERN = r"^[A-Z]\d{8}$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
MONTH_PATTERN = r"^\d{4}-\d{2}$"
# A picture's file under content/images/, each part of its path a name (no '..', no hidden file), of
# a type the site can show; letters in both cases, as ECMA-262 and Python share no case-insensitive flag.
PICTURE_SRC_PATTERN = (
    r"^images/([^/\\.][^/\\]*/)*[^/\\.][^/\\]*\.([Jj][Pp][Ee]?[Gg]|[Pp][Nn][Gg]|[Ww][Ee][Bb][Pp]|[Ss][Vv][Gg])$"
)

SLUG = re.compile(SLUG_PATTERN)
ICB_ID = re.compile(ICB_ID_PATTERN)
URL = re.compile(URL_PATTERN)
SOURCE = re.compile(SOURCE_PATTERN)
ONS_CODE = re.compile(ONS_CODE_PATTERN, re.ASCII)
DATE = re.compile(DATE_PATTERN)
MONTH = re.compile(MONTH_PATTERN)

# Ids that would clash with a page the site has (projects/index.md is the finder), or that Windows
# cannot use as a folder name.
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
)

# The longest slug or id: each becomes a file or folder name (255 bytes at most) and an address
# people read and type; the real programme's longest has 53.
MAX_ID_LENGTH = 80


def id_too_long(value: str) -> tuple[str, str] | None:
    """What is wrong with a slug or id longer than MAX_ID_LENGTH, and its fix; None if it is not."""
    if len(value) <= MAX_ID_LENGTH:
        return None
    cut = value[: MAX_ID_LENGTH + 1]
    shorter = (cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_ID_LENGTH]).strip("-")
    return (
        f"'{value[:40]}...' is {len(value)} characters long: an address can have at most {MAX_ID_LENGTH}.",
        f"Use a shorter one, e.g. '{shorter}'.",
    )


def slugify(name: str) -> str:
    """'Elmstead upon Wye' -> 'elmstead-upon-wye': the form used in page addresses."""
    return "-".join(
        re.findall(r"[a-z0-9]+", name.casefold().replace("&", "and").replace("\u2019", "").replace("'", ""))
    )


# Characters that show nothing though they are not spaces (besides Unicode's format characters,
# category Cf): Hangul fillers and the blank Braille pattern.
_BLANKS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
SHOWS_NOTHING = "holds only characters that show nothing (such as a zero-width space)"


def shows_nothing(text: str) -> bool:
    """Whether `text` would show as nothing on a page (empty, spaces, a zero-width space...)."""
    return all(
        character.isspace() or character in _BLANKS or unicodedata.category(character) == "Cf" for character in text
    )


# -- the field tables --------------------------------------------------------------------------


class FieldKind(StrEnum):
    """What a field holds, by the editors' name for it. What the loader, the JSON Schemas, the
    open data and the scaffolds do with each is its row in field_kinds.py."""

    TEXT = "text"
    MARKDOWN = "Markdown"
    ID = "id"
    THEME_ID = "theme id"
    COHORT_ID = "cohort id"
    ICB_ID = "group id"
    ONS_CODE = "ONS code"
    WEB_ADDRESS = "web address"
    WHOLE_NUMBER = "whole number"
    WHOLE_POUNDS = "whole pounds"
    DATE = "date (YYYY-MM-DD)"
    MONTH = "month (YYYY-MM)"
    TRUE_OR_FALSE = "true or false"
    LANGUAGE = "language tag"
    PICTURE_FILE = "file in content/images/"
    LIST_OF_TEXT = "list of text"
    LIST_OF_IDS = "list of ids"
    LIST_OF_BOROUGH_NAMES = "list of area names"
    LIST_OF_FIELD_NAMES = "list of field names"
    LIST_OF_QUOTES = "list of quotes"
    LIST_OF_LINKS = "list of links"
    PICTURE = "picture"
    SOURCES = "fact: web address"
    ROW_AND_COLUMN = "row and column"


@dataclass(frozen=True)
class FieldSpec:
    kind: FieldKind
    required: bool
    help: str
    example: str
    keys: tuple[str, ...] = ()  # for a set of fields (`sources:`): the names it may hold

    def __post_init__(self) -> None:
        FieldKind(self.kind)  # a kind the contract does not know is refused, never read as text


THEME_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec(FieldKind.ID, True, "Short id used in page addresses and by projects' `theme`.", "access"),
    "title": FieldSpec(FieldKind.TEXT, True, "The theme's name as shown on the site.", "Access, uptake and experience"),
    "description": FieldSpec(
        FieldKind.TEXT, True, "One or two plain sentences on what the theme covers.", "Projects that ..."
    ),
}

QUOTE_FIELDS: dict[str, FieldSpec] = {
    "text": FieldSpec(
        FieldKind.TEXT, True, "The words exactly as said or published, without quote marks.", "It has allowed us to ..."
    ),
    "attribution": FieldSpec(
        FieldKind.TEXT, True, "Who said it, with their role.", "Sahdia Warraich, Social Prescribing Manager"
    ),
    "source": FieldSpec(FieldKind.WEB_ADDRESS, False, "Where the quote was published.", "https://example.org/news"),
    "lang": FieldSpec(
        FieldKind.LANGUAGE,
        False,
        "The language the words are in, as a language tag, when it is not English (pl for Polish, cy for Welsh).",
        "pl",
    ),
    "attribution_lang": FieldSpec(
        FieldKind.LANGUAGE, False, "The attribution's language, when it is not the quote's (en for English).", "en"
    ),
}

LINK_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec(FieldKind.TEXT, True, "The link text: say where it goes.", "News story from the GP Care Group"),
    "url": FieldSpec(FieldKind.WEB_ADDRESS, True, "The full address, starting https://", "https://example.org/news"),
}

# The front matter a page of its own (content/index.md, an about page) may have: anything else is
# read by MkDocs or material (`template:` would stop the build, `hide:` take its menus away).
PAGE_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec(
        FieldKind.TEXT, False, "The page's title, in the browser's tab and its menu.", "About the programme"
    ),
    "description": FieldSpec(
        FieldKind.TEXT, False, "One sentence on what the page holds, shown by search engines and link previews.", "..."
    ),
}

# Fields an editor may mark as unconfirmed, or give a source for: the facts, not the identity of
# the record (the aim's source is its cohort's `source`, the programme's own page).
UNCONFIRMABLE_FIELDS = ("theme", "boroughs", "organisation", "partners", "pcn", "summary", "outcomes")
SOURCED_PROJECT_FIELDS = UNCONFIRMABLE_FIELDS
# The facts that are lists whose items different pages may state: their source may be one address
# for them all, or a list of addresses, one per item in the items' order.
SOURCED_BY_ITEM = ("outcomes",)
# A cohort's figures, each of which may have the page that published it.
SOURCED_COHORT_FIELDS = (
    "start",
    "other_start",
    "end",
    "funding_total",
    "funding_per_project_max",
    "applications",
    "shortlisted",
    "graduation",
    "showcase_event",
)

# A photo or a logo: one file under the docs_dir's images/ folder and what it shows, in words.
PICTURE_FIELDS: dict[str, FieldSpec] = {
    "src": FieldSpec(
        FieldKind.PICTURE_FILE,
        True,
        "The picture's file, saved in content/images/ and written from content/: images/, then the file's name. "
        "JPEG, PNG or WebP; a logo may also be SVG.",
        "images/harbour-walks.jpg",
    ),
    "alt": FieldSpec(
        FieldKind.TEXT,
        False,
        "What the picture shows that matters, in a sentence, for people who cannot see it: not 'photo of', not "
        "the file's name. A logo's alt is the organisation's name. Required unless `decorative` is true.",
        "Six walkers in waterproofs on the harbour wall, talking with a link worker",
    ),
    "decorative": FieldSpec(
        FieldKind.TRUE_OR_FALSE,
        False,
        "true only when the picture adds nothing the text does not already say: screen readers then skip it, "
        "and it has no alt.",
        "true",
    ),
    "credit": FieldSpec(
        FieldKind.TEXT, False, "Who took the photo or owns the picture, as they want to be named.", "Photo: Jo Bloggs"
    ),
}

PROJECT_FIELDS: dict[str, FieldSpec] = {
    "slug": FieldSpec(
        FieldKind.ID,
        True,
        "The project's address on the site: lower-case letters, digits and hyphens; unique.",
        "mens-project-tower-hamlets",
    ),
    "name": FieldSpec(
        FieldKind.TEXT,
        True,
        "The project's name as the programme publishes it.",
        "Men's Wellbeing Project (Harbourside)",
    ),
    "cohort": FieldSpec(
        FieldKind.COHORT_ID,
        True,
        "The cohort the project belongs to: a file name in content/cohorts/ without '.md'.",
        "2022-23",
    ),
    "theme": FieldSpec(FieldKind.THEME_ID, True, "The challenge theme: an `id` from `themes:`.", "access"),
    "aim": FieldSpec(
        FieldKind.TEXT,
        True,
        "The project's aim, word for word as the programme published it.",
        "To engage men of all ages ...",
    ),
    "boroughs": FieldSpec(
        FieldKind.LIST_OF_BOROUGH_NAMES,
        False,
        "Where the project works: names exactly as in data/geography.yaml.",
        "[Harbourside]",
    ),
    "organisation": FieldSpec(FieldKind.TEXT, False, "The lead organisation.", "Harbourside GP Care Group"),
    "partners": FieldSpec(FieldKind.LIST_OF_TEXT, False, "Partner organisations.", "[Harbourside Community Centre]"),
    "pcn": FieldSpec(
        FieldKind.TEXT, False, "The primary care network, where the project sits in one.", "Harbourside North PCN"
    ),
    "summary": FieldSpec(FieldKind.MARKDOWN, False, "A short impact summary, in Markdown.", "The team ran ..."),
    "outcomes": FieldSpec(
        FieldKind.LIST_OF_TEXT,
        False,
        "Short statements of what the project achieved.",
        "[More than 60 people came to ...]",
    ),
    "quotes": FieldSpec(
        FieldKind.LIST_OF_QUOTES,
        False,
        "Quotes about the project: each has `text`, `attribution` and optionally `source`.",
        "see the example record",
    ),
    "links": FieldSpec(
        FieldKind.LIST_OF_LINKS, False, "Further reading: each has `title` and `url`.", "see the example record"
    ),
    "image": FieldSpec(
        FieldKind.PICTURE,
        False,
        "A photo of the project's work: `src` (its file in content/images/) and `alt` (what it shows that matters), "
        "optionally `credit`.",
        "{src: images/harbour-walks.jpg, alt: Six walkers on the harbour wall, credit: 'Photo: Jo Bloggs'}",
    ),
    "logo": FieldSpec(
        FieldKind.PICTURE,
        False,
        "The lead organisation's logo: `src` (its file in content/images/) and `alt` (the organisation's name).",
        "{src: images/harbourside-gp-care-group.png, alt: Harbourside GP Care Group}",
    ),
    "tags": FieldSpec(
        FieldKind.LIST_OF_TEXT, False, "Free keywords that help people find the project.", "[men, co-production]"
    ),
    "sources": FieldSpec(
        FieldKind.SOURCES,
        False,
        "Where each fact was published: a fact's field name, then the address of the page that states it, starting https://. "
        "When the outcomes come from different pages, `outcomes` takes a list: one address per outcome, in the same order.",
        "{organisation: https://example.org/about-us}",
        SOURCED_PROJECT_FIELDS,
    ),
    "unconfirmed": FieldSpec(
        FieldKind.LIST_OF_FIELD_NAMES,
        False,
        "Fields the programme has not confirmed: the site labels them 'unconfirmed'.",
        "[boroughs, theme]",
    ),
    "previous_slugs": FieldSpec(
        FieldKind.LIST_OF_IDS,
        False,
        "The project's earlier slugs, oldest first, when its address changed: each old address keeps working and leads to the current page.",
        "[mens-project]",
    ),
}


# The project fields the open data publishes, in projects.csv's order, each as its kind says. A
# picture is the site's copy of a file, not a fact, and an earlier slug an old address: kept off.
OPEN_DATA_FIELDS = (
    "slug",
    "name",
    "cohort",
    "theme",
    "aim",
    "boroughs",
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
)
KEPT_OFF_OPEN_DATA = ("image", "logo", "previous_slugs")


# A project taken off the site on purpose (`removed_projects:`): its address keeps a page that says so.
REMOVED_PROJECT_FIELDS: dict[str, FieldSpec] = {
    "slug": FieldSpec(
        FieldKind.ID, True, "The removed project's last slug, exactly as it was.", "mens-project-tower-hamlets"
    ),
    "name": FieldSpec(
        FieldKind.TEXT, True, "The project's name, as its old page named it.", "Men's Wellbeing Project (Harbourside)"
    ),
    "reason": FieldSpec(
        FieldKind.TEXT, False, "One sentence for visitors on why it is no longer listed.", "The project ended in 2024."
    ),
    "previous_slugs": FieldSpec(
        FieldKind.LIST_OF_IDS, False, "Its earlier slugs, if it had any: they keep a page too.", "[mens-project]"
    ),
}

COHORT_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec(FieldKind.TEXT, True, "The cohort's name as shown on the site.", "2022/23 pilot cohort"),
    "start": FieldSpec(FieldKind.MONTH, False, "The month the programme started.", "2022-09"),
    "other_start": FieldSpec(
        FieldKind.MONTH,
        False,
        "When published sources differ on the start month: the month the others give. The site shows both, "
        "wherever it shows the dates. Give each month's page under `sources:`.",
        "2022-10",
    ),
    "end": FieldSpec(FieldKind.MONTH, False, "The month the programme ended.", "2023-03"),
    "funding_total": FieldSpec(
        FieldKind.WHOLE_POUNDS, False, "The funding shared by the cohort's projects, in pounds, digits only.", "120000"
    ),
    "funding_per_project_max": FieldSpec(
        FieldKind.WHOLE_POUNDS, False, "The most one project could receive, in pounds, digits only.", "10000"
    ),
    "applications": FieldSpec(FieldKind.WHOLE_NUMBER, False, "How many teams applied.", "40"),
    "shortlisted": FieldSpec(FieldKind.WHOLE_NUMBER, False, "How many applications were shortlisted.", "20"),
    "graduation": FieldSpec(FieldKind.DATE, False, "The day of the graduation event.", "2023-03-31"),
    "showcase_event": FieldSpec(FieldKind.DATE, False, "The day of the public showcase event.", "2023-05-16"),
    "source": FieldSpec(
        FieldKind.WEB_ADDRESS,
        False,
        "The programme's page that published the projects' aims.",
        "https://example.org/programme/first-cohort",
    ),
    "sources": FieldSpec(
        FieldKind.SOURCES,
        False,
        "Where each figure was published: a figure's field name, then the address of the page that states it, starting https://.",
        "{applications: https://example.org/news}",
        SOURCED_COHORT_FIELDS,
    ),
    "quotes": FieldSpec(
        FieldKind.LIST_OF_QUOTES,
        False,
        "Programme-level quotes: each has `text`, `attribution` and optionally `source`.",
        "see content/cohorts/2022-23.md",
    ),
    "image": FieldSpec(
        FieldKind.PICTURE,
        False,
        "A photo for the cohort's page: `src` (its file in content/images/) and `alt` (what it shows that matters), "
        "optionally `credit`.",
        "{src: images/showcase-day.jpg, alt: Teams showing their projects to visitors at the showcase event}",
    ),
    "previous_ids": FieldSpec(
        FieldKind.LIST_OF_IDS,
        False,
        "The cohort's earlier ids, when its file was renamed: each old address keeps working and leads to the cohort's page.",
        "[pilot]",
    ),
}


# -- the geography's field tables (data/geography.yaml) ----------------------------------------

GEOGRAPHY_FIELDS: dict[str, FieldSpec] = {
    "name": FieldSpec(FieldKind.TEXT, True, "The area's name.", "Harbourside"),
    "ons_code": FieldSpec(FieldKind.ONS_CODE, True, "The ONS code.", "E09000007"),
    "icb": FieldSpec(FieldKind.ICB_ID, False, "The id of the area's group, when the areas are grouped.", "NH"),
    "tile_grid": FieldSpec(FieldKind.ROW_AND_COLUMN, True, "Position on the tile map.", "{row: 3, col: 5}"),
    "slug": FieldSpec(
        FieldKind.ID,
        False,
        "The area's page address, when its name has no Latin letters to make it from.",
        "tower-hamlets",
    ),
    "inner_outer": FieldSpec(
        FieldKind.TEXT, False, "Inner or outer part of the region, by the ONS's statistical definition.", "inner"
    ),
    "inner_outer_statutory": FieldSpec(
        FieldKind.TEXT, False, "Inner or outer part of the region, as the law defines it.", "inner"
    ),
    "subregion_2011": FieldSpec(FieldKind.TEXT, False, "The region's planning sub-region.", "Central"),
    "aliases": FieldSpec(FieldKind.LIST_OF_TEXT, False, "Short names the finder finds it by; shown nowhere.", "[SFL]"),
}
ICB_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec(FieldKind.ID, True, "Short id.", "NH"),
    "name": FieldSpec(FieldKind.TEXT, True, "The group's name, without what a group is called.", "North Harbourside"),
    "source": FieldSpec(FieldKind.WEB_ADDRESS, True, "The page that names its areas.", "https://example.org/areas"),
}
TILE_FIELDS: dict[str, FieldSpec] = {
    "row": FieldSpec(FieldKind.WHOLE_NUMBER, True, "Row from the top, from 1.", "3"),
    "col": FieldSpec(FieldKind.WHOLE_NUMBER, True, "Column from the left, from 1.", "5"),
}
