"""Who publishes the site: the programme's identity, from `extra.programme` in mkdocs.yml.

The kit names no programme, owner or address of its own: the footer, the legal pages and the
PDFs' contact read them from here, so another programme sets its own in its mkdocs.yml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .problems import did_you_mean, one_of

SETTING = "extra.programme"


@dataclass(frozen=True)
class Licence:
    name: str  # e.g. "Open Government Licence v3.0"
    url: str


@dataclass(frozen=True)
class ProgrammeIdentity:
    name: str  # the programme's name
    organisation: str  # who runs the site, named in every page's footer
    contact_email: str  # where visitors write: questions, problems, another format
    region: str  # the place the programme covers, e.g. in the PDFs' keywords
    licence: Licence  # of the text and the open data
    # A programme that has ended: a sentence saying so, on the home page and in the PDFs, and
    # its own page. Empty while it runs.
    status: str = ""
    programme_page: str = ""


class IdentityProblems(ValueError):
    """Every problem with `extra.programme`, reported at once."""

    def __init__(self, config_file: str, problems: list[str]):
        self.problems = problems
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        lines = [f"{config_file}: the programme's identity ({SETTING}) has {count}. Fix it, then build again:"]
        super().__init__("\n".join(lines + [f"  {problem}" for problem in problems]))


# Each field: what it is, and an example to copy.
FIELDS = {
    "name": ("the programme's name", "Example Improvement Programme"),
    "organisation": (
        "the organisation that runs the site, named in every page's footer and on the PDFs' covers",
        "Example Health Partnership",
    ),
    "region": ("the place the programme covers, as the site and its PDFs name it", "Greater Manchester"),
    "contact_email": ("the e-mail address visitors write to", "team@example.org"),
    "licence": ("the licence of the text and the open data, with its name and url", None),
}
OPTIONAL_FIELDS = {
    "status": (
        "for a programme that has ended, a sentence that says so",
        "This is a historical record of a programme that ended in 2025.",
    ),
    "programme_page": ("the web address of the programme's own page", "https://example.org/programme"),
}
LICENCE_FIELDS = {
    "name": ("the licence's name", "Open Government Licence v3.0"),
    "url": ("the licence's web address", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
}
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def load_identity(raw: Any, config_file: str = "mkdocs.yml") -> ProgrammeIdentity:
    """The identity from the mapping under `extra.programme`; IdentityProblems lists every
    field that is missing, empty, mistyped or not known."""
    problems: list[str] = []
    if not isinstance(raw, Mapping):
        found = "nothing" if raw is None else f"a {type(raw).__name__}"
        raise IdentityProblems(
            config_file,
            [
                f"{SETTING} is {found}; it must be a mapping with {one_of(FIELDS)}. "
                'Add it under `extra:` (see README.md, "The legal pages").'
            ],
        )
    values = _texts(
        raw,
        FIELDS | OPTIONAL_FIELDS,
        SETTING,
        problems,
        skip=frozenset({"licence"}),
        optional=frozenset(OPTIONAL_FIELDS),
    )
    licence = raw.get("licence")
    licence_values: dict[str, str] = {}
    if isinstance(licence, Mapping):
        licence_values = _texts(licence, LICENCE_FIELDS, f"{SETTING}.licence", problems)
    elif "licence" in raw:
        problems.append(f"{SETTING}.licence must be a mapping with name and url, not {licence!r}.")
    else:
        problems.append(
            f"{SETTING}.licence is missing. Add `licence:` with `name:` and `url:`, e.g. "
            f"name: {LICENCE_FIELDS['name'][1]}, url: {LICENCE_FIELDS['url'][1]}."
        )
    email = values.get("contact_email", "")
    if email and not EMAIL.fullmatch(email):
        problems.append(
            f"{SETTING}.contact_email is '{email}', which is not an e-mail address. "
            f"Write one address, e.g. contact_email: {FIELDS['contact_email'][1]}."
        )
    for where, url in (
        (f"{SETTING}.licence.url", licence_values.get("url", "")),
        (f"{SETTING}.programme_page", values.get("programme_page", "")),
    ):
        if url and not url.startswith("https://"):
            problems.append(f"{where} is '{url}'. Write the full web address, starting https://.")
    if problems:
        raise IdentityProblems(config_file, problems)
    return ProgrammeIdentity(
        values["name"],
        values["organisation"],
        values["contact_email"],
        values["region"],
        Licence(licence_values["name"], licence_values["url"]),
        values.get("status", ""),
        values.get("programme_page", ""),
    )


def _texts(
    raw: Mapping,
    fields: Mapping[str, tuple[str, str | None]],
    where: str,
    problems: list[str],
    skip: frozenset[str] = frozenset(),
    optional: frozenset[str] = frozenset(),
) -> dict[str, str]:
    values: dict[str, str] = {}
    for key in sorted(set(raw) - set(fields), key=str):
        problems.append(
            f"{where}.{key} is not a setting{did_you_mean(str(key), fields)}. Use one of: {one_of(fields)}."
        )
    for key, (meaning, example) in fields.items():
        if key in skip:
            continue
        value = raw.get(key)
        if key in optional and (key not in raw or value == ""):
            continue  # an optional field may be left out, or emptied where a mapping inherits one
        if key not in raw:
            problems.append(f"{where}.{key} is missing: {meaning}. Add a line `{key}: {example}`.")
        elif not isinstance(value, str) or not value.strip():
            # YAML reads `NO` as false and a bare number as a number: the value must be text.
            problems.append(
                f"{where}.{key} is {value!r}; it must be text: {meaning}. "
                f'Write it in quotes if YAML reads it otherwise, e.g. {key}: "{example}".'
            )
        else:
            values[key] = " ".join(value.split())
    return values
