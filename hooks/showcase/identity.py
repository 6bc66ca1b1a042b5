"""The programme's identity, from `extra.programme` in mkdocs.yml: the programme, and who publishes the site.

The kit names no programme, owner or address of its own, and no relationship the settings do not
source: who launched the programme is shown only with the page that says so, an ended
programme's status with the page it quotes. Until the team confirms who publishes the site, the
pages name no owner and say so (never a guessed default), and scripts/check notes it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from showcase.colours import DEFAULT_COLOURS, HEX_COLOUR, Colours, contrast_problems
from showcase.fields import SHOWS_NOTHING, shows_nothing
from showcase.problems import did_you_mean, one_of
from showcase.reading.setting_lines import SettingProblem
from showcase.reading.slips import invisible_in_id

SETTING = "extra.programme"
PATH = tuple(SETTING.split("."))


@dataclass(frozen=True)
class Licence:
    name: str  # e.g. "Open Government Licence v3.0"
    url: str


@dataclass(frozen=True)
class ProgrammeIdentity:
    name: str  # the programme's name
    contact_email: str  # where visitors write: questions, problems, another format
    region: str  # the place the programme covers, e.g. in the PDFs' keywords
    licence: Licence  # of the text and the open data
    # A programme that has ended: a sentence saying so, which every output shows with the page it
    # is quoted from. Empty while it runs.
    status: str = ""
    programme_page: str = ""
    colours: Colours = DEFAULT_COLOURS  # of the site, the PDFs and the link-preview cards (colours.py)
    status_source: str = ""
    publisher: str = ""  # who publishes this site, once confirmed; empty: the pages say it is not
    # Who launched the programme, with the page that says so; both or neither.
    launched_by: str = ""
    launched_by_source: str = ""
    # What the legal pages state once the team has confirmed it; each empty: the page says it is
    # not confirmed, and scripts/check notes it (wording/legal.py's TO_CONFIRM).
    host: str = ""  # who hosts the site, and so receives visitors' requests
    response_time: str = ""
    data_protection_officer: str = ""
    lawful_basis: str = ""
    email_retention: str = ""
    statement_prepared: str = ""  # a day, YYYY-MM-DD
    statement_reviewed: str = ""
    # The sentence that stands where the publisher's name would, while it is not set.
    publisher_unconfirmed: ClassVar[str] = "Who publishes this website is not confirmed yet."

    @property
    def contact_words(self) -> str:
        """What the contact address is, as a sentence's subject: an ended programme's is only
        the last one it published, not a promise of an answer."""
        return "the programme’s last published contact address" if self.status else "the programme’s contact address"


PUBLISHER_NOT_SET = (
    f"{SETTING}.publisher is not set, so the footer, the legal pages, the PDFs and the feed name no "
    "publisher and say it is not confirmed. Confirm who publishes this website, then add a line "
    "`publisher: <the organisation's name>` under `programme:` in mkdocs.yml before publishing."
)


class IdentityProblems(ValueError):
    """Every problem with `extra.programme`, reported at once: `found` names each one's setting,
    which the build and scripts/check find the line of (reading/setting_lines.py)."""

    def __init__(self, config_file: str, found: list[SettingProblem]):
        self.found = found
        self.problems = [problem.message for problem in found]
        count = "1 problem" if len(found) == 1 else f"{len(found)} problems"
        lines = [f"{config_file}: the programme's identity ({SETTING}) has {count}. Fix it, then build again:"]
        super().__init__("\n".join(lines + [f"  {problem}" for problem in self.problems]))


# Each field: what it is, and an example to copy.
FIELDS = {
    "name": ("the programme's name", "Example Improvement Programme"),
    "region": ("the place the programme covers, as the site and its PDFs name it", "Greater Manchester"),
    "contact_email": ("the e-mail address visitors write to", "team@example.org"),
    "licence": ("the licence of the text and the open data, with its name and url", None),  # read apart
}
OPTIONAL_FIELDS = {
    "publisher": (
        "the organisation that publishes this website, once confirmed: named in the footer, the legal pages, "
        "the PDFs and the feed",
        "Example Health Partnership",
    ),
    "launched_by": ("who launched the programme, as the page at launched_by_source says", "Example Health Partnership"),
    "launched_by_source": ("the address of the page that says who launched the programme", "https://example.org/news"),
    "status": (
        "for a programme that has ended, a sentence that says so, as its source says it",
        "This is a historical record of a programme that ended in 2025.",
    ),
    "status_source": ("the address of the page the status is taken from", "https://example.org/news/ended"),
    "programme_page": ("the web address of the programme's own page", "https://example.org/programme"),
    "host": (
        "the company or organisation that hosts this website, whose web server receives every visitor's "
        "requests, named in the privacy notice",
        "Example Hosting Ltd",
    ),
    "response_time": ("how soon the publisher answers a request or a problem", "10 working days"),
    "data_protection_officer": ("how to reach the publisher's data protection officer", "dpo@example.org"),
    "lawful_basis": (
        "the lawful basis (UK GDPR Article 6) on which the publisher handles e-mails",
        "public task (UK GDPR Article 6(1)(e))",
    ),
    "email_retention": ("how long the publisher keeps the e-mails people send", "two years after the last reply"),
    "statement_prepared": ("the day the accessibility statement was first prepared", "2025-09-01"),
    "statement_reviewed": ("the day the team last reviewed the accessibility statement", "2026-03-01"),
}
DAYS = ("statement_prepared", "statement_reviewed")  # YAML reads 2025-09-01 as a date: kept as that day
# Each optional setting that is a claim, and the setting that sources it: one is refused without the other.
SOURCED_BY = {"launched_by": "launched_by_source", "status": "status_source"}
# Settings an earlier kit had, and why each is gone.
RETIRED = {
    "organisation": (
        "is no longer a setting: it named who runs the site, which no page sourced. Delete the line; once "
        "it is confirmed who publishes this website, write `publisher: <the organisation's name>`, and "
        "who launched the programme as `launched_by:` with `launched_by_source:` (the page that says so)"
    ),
}
# Not text, so read apart from the fields above: the colours of the site's header, the PDFs'
# covers and the link-preview cards, a mapping (colours.py derives the others from them).
COLOURS = "colours"
COLOUR_FIELDS = {
    "background": ("the background of the site's header, the PDFs' covers and the link-preview cards", "#005eb8"),
    "text": ("the colour of the text on that background", "#ffffff"),
}
OPTIONAL_COLOUR_FIELDS = {
    "hover": ("the colour of a link under the pointer and of a chosen map tile, darker than the links", "#003087"),
}
LICENCE_FIELDS = {
    "name": ("the licence's name", "Open Government Licence v3.0"),
    "url": ("the licence's web address", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
}
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
WEB_ADDRESSES = ("programme_page", "status_source", "launched_by_source")  # each starts https://
# The settings a link or a stylesheet is made of, which a pasted invisible character would break
# unseen: refused as in an id (reading/slips.py). A colour's fields are all addresses of a kind.
ADDRESSES = frozenset({"contact_email", "url", *WEB_ADDRESSES})


def _is_day(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text  # YYYY-MM-DD only, not 20250901
    except ValueError:
        return False


# What a setting's text must be once read, and what follows its value in the message when it is not.
FORMS: dict[str, tuple[Callable[[str], object], str]] = {
    "contact_email": (
        EMAIL.fullmatch,
        f", which is not an e-mail address. Write one address, e.g. contact_email: {FIELDS['contact_email'][1]}.",
    ),
    **{
        key: (_is_day, f", which is not a day. Write it as year-month-day, e.g. {key}: {OPTIONAL_FIELDS[key][1]}.")
        for key in DAYS
    },
    **{
        key: (lambda url: url.startswith("https://"), ". Write the full web address, starting https://.")
        for key in ("licence.url", *WEB_ADDRESSES)
    },
}


def load_identity(raw: Any, config_file: str = "mkdocs.yml") -> ProgrammeIdentity:
    """The identity from the mapping under `extra.programme`; IdentityProblems lists every
    field that is missing, empty, mistyped or not known."""
    if not isinstance(raw, Mapping):
        found = "nothing" if raw is None else f"a {type(raw).__name__}"
        message = (
            f"{SETTING} is {found}; it must be a mapping with {one_of(FIELDS)}. "
            'Add it under `extra:` (see README.md, "The legal pages").'
        )
        raise IdentityProblems(config_file, [SettingProblem.named(SETTING, message)])

    def refuse(key: str, message: str) -> None:
        problems.append(SettingProblem.named(f"{SETTING}.{key}", message))

    problems = [SettingProblem((*PATH, key), f"{SETTING}.{key} {why}.") for key, why in RETIRED.items() if key in raw]
    raw = {
        key: value.isoformat() if key in DAYS and isinstance(value, dt.date) else value
        for key, value in raw.items()
        if key not in RETIRED
    }
    values = _texts(raw, FIELDS, OPTIONAL_FIELDS, SETTING, problems, read_apart=frozenset({COLOURS}))
    for claim, source in SOURCED_BY.items():
        for present, missing in ((claim, source), (source, claim)):
            if values.get(present) and not values.get(missing):
                meaning, example = OPTIONAL_FIELDS[missing]
                refuse(
                    present,
                    f"{SETTING}.{present} is set without {missing}: {meaning}. The site shows the one with the "
                    f"other: add a line `{missing}: {example}`, or delete {present}.",
                )
    colours = _colours(raw[COLOURS], problems) if COLOURS in raw else DEFAULT_COLOURS
    licence = raw.get("licence")
    if isinstance(licence, Mapping):
        licence = _texts(licence, LICENCE_FIELDS, {}, f"{SETTING}.licence", problems)
        values |= {f"licence.{key}": value for key, value in licence.items()}
    elif "licence" in raw:
        refuse("licence", f"{SETTING}.licence must be a mapping with name and url, not {licence!r}.")
    else:
        refuse(
            "licence",
            f"{SETTING}.licence is missing. Add `licence:` with `name:` and `url:`, e.g. "
            f"name: {LICENCE_FIELDS['name'][1]}, url: {LICENCE_FIELDS['url'][1]}.",
        )
    for key, (fits, wrong) in FORMS.items():
        if (value := values.get(key)) and not fits(value):
            refuse(key, f"{SETTING}.{key} is '{value}'{wrong}")
    if problems:
        raise IdentityProblems(config_file, problems)
    return ProgrammeIdentity(
        values["name"],
        values["contact_email"],
        values["region"],
        Licence(values["licence.name"], values["licence.url"]),
        colours=colours,
        **{key: values.get(key, "") for key in OPTIONAL_FIELDS},
    )


def _colours(raw: Any, problems: list[SettingProblem]) -> Colours:
    where = f"{SETTING}.{COLOURS}"
    example = ", ".join(f'{key}: "{example}"' for key, (_, example) in COLOUR_FIELDS.items())
    if not isinstance(raw, Mapping):
        problems.append(
            SettingProblem.named(
                where,
                f"{where} is {raw!r}; it must be a mapping with background and text, e.g. {COLOURS}: {{{example}}}.",
            )
        )
        return DEFAULT_COLOURS
    found = len(problems)
    fields = COLOUR_FIELDS | OPTIONAL_COLOUR_FIELDS
    values = _texts(raw, COLOUR_FIELDS, OPTIONAL_COLOUR_FIELDS, where, problems, addresses=frozenset(fields))
    for key, value in values.items():
        if not HEX_COLOUR.fullmatch(value.lower()):
            problems.append(
                SettingProblem.named(
                    f"{where}.{key}",
                    f"{where}.{key} is '{value}'; it must be a colour written as # and six hex digits, "
                    f'in quotes (YAML reads # as the start of a comment), e.g. {key}: "{fields[key][1]}".',
                )
            )
    if len(problems) > found:
        return DEFAULT_COLOURS
    colours = Colours(**{key: value.lower() for key, value in values.items()})
    # Each of colours.py's messages starts with the setting it is about and a ':'.
    problems += [SettingProblem.named(found.partition(":")[0], found) for found in contrast_problems(colours, where)]
    return colours


def _texts(
    raw: Mapping,
    required: Mapping[str, tuple[str, str | None]],
    optional: Mapping[str, tuple[str, str]],
    where: str,
    problems: list[SettingProblem],
    read_apart: frozenset[str] = frozenset(),
    addresses: frozenset[str] = ADDRESSES,
) -> dict[str, str]:
    """The text fields of `raw` (but those with no example, read apart); `read_apart` names
    settings of `raw` that are not text, read by their own function (suggested, not listed);
    `addresses`, those that may hold no character that shows nothing, as an id may not."""
    fields = {**required, **optional}
    values: dict[str, str] = {}

    def problem(key: str, message: str) -> None:
        problems.append(SettingProblem((*where.split("."), key), message))

    for key in sorted(set(raw) - set(fields) - read_apart, key=str):
        problem(
            key,
            f"{where}.{key} is not a setting{did_you_mean(str(key), [*fields, *read_apart])}. "
            f"Use one of: {one_of(fields)}.",
        )
    for key, (meaning, example) in fields.items():
        if example is None:
            continue
        value = raw.get(key)
        if key in optional and (key not in raw or value == ""):
            continue  # an optional field may be left out, or emptied where a mapping inherits one
        if key not in raw:
            # A colour's # must be quoted: YAML reads an unquoted # as the start of a comment.
            line = f'{key}: "{example}"' if example.startswith("#") else f"{key}: {example}"
            problem(key, f"{where}.{key} is missing: {meaning}. Add a line `{line}`.")
        elif isinstance(value, str) and value.strip() and shows_nothing(value):
            problem(
                key,
                f'{where}.{key} {SHOWS_NOTHING}; it must be text: {meaning}. Type it again, e.g. {key}: "{example}".',
            )
        elif not isinstance(value, str) or not value.strip():
            # YAML reads `NO` as false and a bare number as a number: the value must be text.
            problem(
                key,
                f"{where}.{key} is {value!r}; it must be text: {meaning}. "
                f'Write it in quotes if YAML reads it otherwise, e.g. {key}: "{example}".',
            )
        elif key in addresses and (invisible := invisible_in_id(value.strip())):
            problem(key, f"{where}.{key}: {' '.join(invisible)}")
        else:
            values[key] = " ".join(value.split())
    return values
