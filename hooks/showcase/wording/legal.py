"""The facts behind the pages a UK public body must publish: the accessibility statement (as
GOV.UK's model statement), the privacy notice (with what UK GDPR Article 13 asks) and the licence.

The statement says how the site is tested from what the repository pins (never from what a
machine may have installed), and the problems known of the site built from this content
(KNOWN_ISSUES), from which its compliance status follows; with no audit, it never claims full
compliance. What only the team can confirm is a setting (identity.py): until one is set the page
says it is not confirmed, and scripts/check notes it (TO_CONFIRM). Only a publisher can grant a
licence: until one is set, no page or file states one. Never a guessed value, and no date from
the build's clock: two builds of the same settings give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from fontTools import unicodedata as scripts  # Unicode's Scripts property, as languages.py reads it

from showcase.identity import OPTIONAL_FIELDS, PUBLISHER_NOT_SET, SETTING, Licence, ProgrammeIdentity
from showcase.model import Programme, Quote

# The pages, by their Markdown path under the docs dir, and their titles, in footer order.
LEGAL_PAGES = {
    "accessibility.md": "Accessibility statement",
    "privacy.md": "Privacy notice",
    "licence.md": "Licence",
}
# The level of the heading an editor's own text (page.content) sits under on a legal page: the
# statement's goes under "Non-compliance with the accessibility regulations", an h3; the others
# follow their page's last h2 section.
EDITORS_TEXT_UNDER = {"accessibility.md": 3}
PYTHON_TEST_PINS = "requirements-test.txt"
NODE_TEST_PINS = "tools/package.json"


@dataclass(frozen=True)
class TestTool:
    __test__ = False  # a record, not a pytest test class

    name: str
    version: str
    checks: str  # what it checks, completing "which checks ..."


def _quotes(programme: Programme) -> list[Quote]:
    return [
        *(quote for cohort in programme.cohorts for quote in cohort.quotes),
        *(quote for project in programme.projects for quote in project.quotes),
    ]


def has_quotes(programme: Programme) -> bool:
    return bool(_quotes(programme))


def has_right_to_left_quote(programme: Programme) -> bool:
    """Whether a quote, or its attribution, is in a language written right to left."""
    return any("rtl" in (quote.text_dir, quote.attribution_dir) for quote in _quotes(programme))


# Scripts with vowel signs drawn before the consonant they follow in typing (ISO 15924): in the
# PDFs such a cluster is drawn in typed order with its /ActualText, which Firefox's reader ignores.
_SIGN_BEFORE_CONSONANT_SCRIPTS = frozenset({"Beng", "Deva", "Gujr", "Guru", "Taml", "Mlym", "Orya", "Sinh"})


def has_quote_with_signs_before_consonants(programme: Programme) -> bool:
    return any(
        scripts.script(character) in _SIGN_BEFORE_CONSONANT_SCRIPTS
        for quote in _quotes(programme)
        for character in quote.text
    )


@dataclass(frozen=True)
class KnownIssue:
    """A problem a visitor may meet on a site the kit builds, when its content has what it is about."""

    what: str  # a list item, completing "Some parts of this website are not fully accessible:"
    fails: str = ""  # the WCAG 2.2 success criterion it fails; "" for a limitation that fails none
    applies: Callable[[Programme], bool] = lambda programme: True  # whether the content has what it is about

    @property
    def failure(self) -> str:
        """The problem as the model's "Non-compliance" list states it."""
        return f"{self.what[0].upper()}{self.what[1:]}. This fails WCAG 2.2 success criterion {self.fails}."


# Most impact first, as the model asks. A problem fixed (with a test that shows it) leaves the
# list; the compliance status follows from what is left.
KNOWN_ISSUES = (
    KnownIssue(
        "in the PDFs, a quote in a right-to-left script, such as Arabic, is stored in the order its letters "
        "appear on the page, left to right, not the order they are read. Copied out of the PDF with some "
        "software, its vowel marks can come out of place or on lines of their own, and a closing full stop "
        "before the words, and software that reads the PDF aloud may read it out of order",
        "1.3.2 Meaningful Sequence (level A)",
        has_right_to_left_quote,
    ),
    KnownIssue(
        "in the PDFs, a quote in a script such as Bengali, Devanagari, Gujarati, Gurmukhi or Tamil is stored "
        "with the text it reads as, which the PDF reader of Chromium-based browsers copies exactly; Firefox’s "
        "reader does not use it, and copies such a quote with spaces inside some of its words",
        applies=has_quote_with_signs_before_consonants,
    ),
    KnownIssue(
        "a quote in another language is marked with its language, so that a screen reader reads it in that "
        "language’s voice, when its record says which language it is in; the site requires that for any "
        "script but the Latin alphabet, but cannot tell, for example, Polish or Somali from English by itself",
        applies=has_quotes,
    ),
    KnownIssue(
        "without JavaScript, the project finder lists every project but you cannot filter or search them; "
        "instead, it links to the pages that list the projects of each theme, place and cohort"
    ),
    KnownIssue(
        "the map in the project finder shows each area by a short abbreviation of its name, not its full name; "
        "screen readers read the full name, and the list of areas to filter by names each in full"
    ),
    KnownIssue(
        "the PDFs are tagged PDF/UA-1 and pass its automated checks, but those checks cannot judge everything: "
        "their print layouts, such as the charts of a cohort at a glance, may be harder to follow with a "
        "screen reader than the web pages, which hold the same facts"
    ),
)


def known_issues_of(programme: Programme) -> tuple[KnownIssue, ...]:
    return tuple(issue for issue in KNOWN_ISSUES if issue.applies(programme))


# Linked pages are the third parties' own, outside the accessibility regulations' scope.
OUT_OF_SCOPE = (
    "Pages and documents on other websites that this website links to, such as the sources of the projects’ "
    "facts and quotes: they are not part of this website, and its publisher does not control them."
)
# What UK GDPR gives everyone over information held about them (Articles 15 to 22).
RIGHTS = (
    "ask for a copy of it",
    "have it corrected if it is wrong",
    "have it deleted",
    "have its use restricted, or object to it",
    "have it given to you, or to another organisation, in a form a computer can read",
    "withdraw your consent at any time, where the lawful basis is your consent",
)

# The settings the legal pages state once the team confirms each, besides the publisher
# (identity.py words its absence), with the sentence that stands in each one's place until then.
TO_CONFIRM = {
    "host": "Which company or organisation hosts this website, and so runs that server, is not confirmed yet.",
    "response_time": "How soon an answer comes is not confirmed yet.",
    "data_protection_officer": "Who the data protection officer is, and how to reach them, is not confirmed yet.",
    "lawful_basis": "The lawful basis for handling your e-mail is not confirmed yet.",
    "email_retention": "How long e-mails are kept is not confirmed yet.",
    "statement_prepared": "The day this statement was prepared is not confirmed yet.",
    "statement_reviewed": "The day it was last reviewed is not confirmed yet.",
}


# A licence is granted by whoever holds the rights: the site's publisher. Until it is confirmed,
# every page and file says the licence is not confirmed in place of naming one.
LICENCE_UNCONFIRMED = (
    "The licence of this website’s text and open data is not confirmed yet: only their publisher can "
    "grant one, and who publishes this website is not confirmed."
)
LICENCE_NOT_STATED = (
    f"{SETTING}.licence is not stated anywhere while {SETTING}.publisher is not set: only the publisher can "
    "grant a licence, so the footer, the licence page, the open data and the feed say it is not confirmed. "
    "Once the publisher is set, its licence is stated as set."
)


def granted_licence(identity: ProgrammeIdentity) -> Licence | None:
    """The settings' licence once a publisher grants it, else None."""
    return identity.licence if identity.publisher else None


def unconfirmed_notes(identity: ProgrammeIdentity) -> list[str]:
    """scripts/check's notes for the publisher (and so the licence) and each unset setting in TO_CONFIRM."""
    return ([] if identity.publisher else [PUBLISHER_NOT_SET, LICENCE_NOT_STATED]) + [
        f"{SETTING}.{key} is not set, so the legal pages say it is not confirmed: {OPTIONAL_FIELDS[key][0]}. "
        f"Confirm it, then write it as `{key}: <it>` under `programme:` in mkdocs.yml before publishing, "
        f"e.g. {key}: {OPTIONAL_FIELDS[key][1]}."
        for key in TO_CONFIRM
        if not getattr(identity, key)
    ]


@dataclass(frozen=True)
class LegalFacts:
    identity: ProgrammeIdentity
    test_tools: tuple[TestTool, ...]
    known_issues: tuple[KnownIssue, ...] = KNOWN_ISSUES
    # The model's other subsections of "Non-accessible content", and Article 13's fixed parts.
    out_of_scope: ClassVar[str] = OUT_OF_SCOPE
    no_burden_claimed: ClassVar[str] = "None: this statement claims no disproportionate burden."
    none_known: ClassVar[str] = "None known."
    rights: ClassVar[tuple[str, ...]] = RIGHTS
    # The Information Commissioner, to whom anyone can complain about how their information is handled.
    ico_name: ClassVar[str] = "Information Commissioner’s Office (ICO)"
    # Only its web address: no source the content stores states its telephone number or its address.
    ico_complaints: ClassVar[str] = "https://ico.org.uk/make-a-complaint/"
    licence_unconfirmed: ClassVar[str] = LICENCE_UNCONFIRMED

    @property
    def licence(self) -> Licence | None:
        return granted_licence(self.identity)

    @property
    def non_compliances(self) -> tuple[KnownIssue, ...]:
        return tuple(issue for issue in self.known_issues if issue.fails)

    @property
    def compliance(self) -> str:
        """Completes "This website is … with the WCAG 2.2 AA standard". Never "fully compliant":
        with no failure known, that would still need an audit, which the site has not had."""
        return "partially compliant" if self.non_compliances else "not confirmed to be compliant"

    @property
    def compliance_reason(self) -> str:
        if self.non_compliances:
            return ", due to the non-compliances listed below"
        return ": no non-compliance is known, but no accessibility specialist has audited it yet"

    def stated(self, key: str) -> str:
        """A setting in TO_CONFIRM: its value, else the sentence saying it is not confirmed."""
        return getattr(self.identity, key) or TO_CONFIRM[key]

    @property
    def prepared(self) -> dt.date | None:
        return _day(self.identity.statement_prepared)

    @property
    def reviewed(self) -> dt.date | None:
        return _day(self.identity.statement_reviewed)


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None  # identity.py has refused any other text


# The test tools, in the order a visitor would read them: (pin file, pinned package, name, checks).
_TEST_TOOLS = (
    (
        PYTHON_TEST_PINS,
        "axe-core",
        "axe-core",
        # tests/test_real_content.py: AXE_PAGES_OF_A_KIND
        "every page against the automated rules for WCAG 2.2 levels A and AA (of a kind of page "
        "with more than 60, such as projects’ pages, 60 spread evenly)",
    ),
    (NODE_TEST_PINS, "vnu-jar", "the Nu Html Checker", "that every page is valid HTML"),
    (
        PYTHON_TEST_PINS,
        "playwright",
        "Playwright",
        # Debian's chromium is not pinned: the statement names no version for it.
        "the pages in Debian’s Chromium browser, on a site the same templates build from a "
        "fictional programme: a keyboard walk forward and back through every kind of page at "
        "320, 1024 and 1280 pixels wide, forced colours (high contrast), the pages without "
        "JavaScript, and the project finder",
    ),
    (
        PYTHON_TEST_PINS,
        "page-validation",
        "page-validation",
        "every PDF against PDF/UA-1 (the Matterhorn Protocol’s machine checks)",
    ),
)


def pinned_test_tools(root: Path) -> tuple[TestTool, ...]:
    """The test tools the repository at `root` pins. A tool whose pin file is missing is left
    out: the statement names only what it can show."""
    pins = {PYTHON_TEST_PINS: _python_pins(root / PYTHON_TEST_PINS), NODE_TEST_PINS: _node_pins(root / NODE_TEST_PINS)}
    return tuple(
        TestTool(name, pins[file][package], checks)
        for file, package, name, checks in _TEST_TOOLS
        if package in pins[file]
    )


_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s#;]+)")
_BUNDLED_AXE = re.compile(r"\baxe-core (\d+(?:\.\d+)+)\b")


def _python_pins(path: Path) -> dict[str, str]:
    """Package versions pinned with `==`, plus axe-core, which axe-playwright-python bundles
    (its pin's comment names the bundled version; a test keeps the two in step)."""
    if not path.is_file():
        return {}
    pins: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        if match := _PIN.match(line.strip()):
            pins[match.group(1).lower()] = match.group(2)
            if match.group(1).lower() == "axe-playwright-python" and (bundled := _BUNDLED_AXE.search(line)):
                pins["axe-core"] = bundled.group(1)
    return pins


def _node_pins(path: Path) -> dict[str, str]:
    try:
        package = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    pins = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    return {name: version for name, version in pins.items() if re.fullmatch(r"\d+(\.\d+)*", str(version))}
