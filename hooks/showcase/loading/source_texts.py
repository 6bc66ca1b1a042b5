"""The stored text of each page the content cites (data/sources/, format in its README.md), and
the sourced values it does not state: tools/check-sources.

A value is stated when its page's text holds it word for word (case, typographic quote marks, '&'
for 'and' and spacing aside; exceptions below and in `_fact_forms`). The build reads only headers.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from showcase.identity import SETTING, ProgrammeIdentity
from showcase.model import Cohort, Programme, Project, Quote
from showcase.wording.text import QUOTED, month_year, pounds

SOURCES_FOLDER = Path("data") / "sources"
HEADER = re.compile(r"([a-z ]+):[ \t]*(.*)")
# The editors' own words about a project, which no page states word for word: not compared.
EDITORS_WORDS = frozenset({"summary"})
# Facts a page does not state by naming a project named after them (an organisation, a PCN). Not
# an area: the programme's list of projects, cited for areas, names some only by where they work.
NOT_STATED_BY_NAME = frozenset({"theme", "organisation", "partners", "pcn"})
# An outcome is the editors' words: only its figures are compared, each written in digits, perhaps
# grouped ("1,200") or with a decimal point ("2.5").
FIGURE = re.compile(r"\d+([,.]\d+)*")


@dataclass(frozen=True)
class SourceText:
    """One cited page's stored text."""

    address: str
    text: str
    file: str  # where it is stored, e.g. data/sources/the-pilot.txt
    copy_of: str = ""  # e.g. "the programme's own slide deck", for a copy another site published


@dataclass(frozen=True)
class Unstated:
    """A sourced value its page's stored text does not state (or no text is stored for it)."""

    owner: str  # e.g. "project 'harbour-walks'", "cohort '2023-24'"
    field: str
    value: str
    address: str
    stored: bool  # False: no text is stored for the address
    item: str = ""  # which item of a list the value is from, e.g. "outcome 2"
    remedy: str = ""  # the fix, when it is not a record's (a setting's claim: `identity_unstated`)

    @property
    def message(self) -> str:
        if not self.stored:
            return f"no text is stored for its source {self.address}."
        return f"its source {self.address} does not state '{self.value}'" + (f" ({self.item})." if self.item else ".")

    @property
    def fix(self) -> str:
        if not self.stored:
            return f"Save the page's text in {SOURCES_FOLDER}/ (see its README.md)."
        if self.remedy:
            return self.remedy
        return "Cite a page that states it, or remove the source and list the field under 'unconfirmed'."

    def __str__(self) -> str:
        return f"{self.owner}, field '{self.field}': {self.message} {self.fix}"


def read_source_texts(folder: Path) -> dict[str, SourceText]:
    texts: dict[str, SourceText] = {}
    for path in sorted(folder.glob("*.txt")):
        header, _, body = path.read_text("utf-8").partition("\n\n")
        fields = _header_fields(header.splitlines())
        if "address" in fields:
            name = f"{SOURCES_FOLDER.as_posix()}/{path.name}"
            texts[fields["address"]] = SourceText(fields["address"], body, name, fields.get("copy of", ""))
    return texts


def read_copies(folder: Path) -> dict[str, str]:
    """What each stored copy of a document copies (`copy of:`), by address: only headers are read, for the build."""
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.txt")):
        with path.open(encoding="utf-8", errors="replace") as lines:
            fields = _header_fields(line.rstrip("\n") for line in itertools.takewhile(lambda line: line != "\n", lines))
        if fields.get("address") and fields.get("copy of"):
            found[fields["address"]] = fields["copy of"]
    return found


def with_copies(programme: Programme, copies: Mapping[str, str]) -> Programme:
    """The programme with each record's `copies` (the pages it cites that copy a document) and each quote's `copy_of`."""
    if not copies:
        return programme
    cohorts = {
        cohort.id: replace(
            cohort, copies=_copies_cited(cohort, copies), quotes=_quotes_with_copies(cohort.quotes, copies)
        )
        for cohort in programme.cohorts
    }
    projects = tuple(
        replace(
            project,
            cohort=cohorts[project.cohort.id],
            copies=_copies_cited(project, copies),
            quotes=_quotes_with_copies(project.quotes, copies),
        )
        for project in programme.projects
    )
    return replace(programme, cohorts=tuple(cohorts.values()), projects=projects)


def _copies_cited(record: Cohort | Project, copies: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    cited = set(record.cited) if isinstance(record, Project) else {address for _, address in record.sources}
    if isinstance(record, Cohort) and record.source:
        cited.add(record.source)
    return tuple((address, copies[address]) for address in sorted(cited) if address in copies)


def _quotes_with_copies(quotes: tuple[Quote, ...], copies: Mapping[str, str]) -> tuple[Quote, ...]:
    return tuple(replace(quote, copy_of=copies.get(quote.source or "", "")) for quote in quotes)


def _header_fields(lines: Iterable[str]) -> dict[str, str]:
    return {match[1]: match[2].strip() for line in lines if (match := HEADER.fullmatch(line))}


def normalised(text: str) -> str:
    """Text as compared: lower case, straight quote marks, 'and' for '&', no emphasis marks, single spaces."""
    for typed, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("&", " and ")):
        text = text.replace(typed, plain)
    return " ".join(text.replace("*", "").casefold().split())


def states(text: str, *forms: str) -> bool:
    """Whether normalised `text` holds any of `forms` as whole words."""
    return any(re.search(rf"(?<!\w){re.escape(normalised(form))}(?!\w)", text) for form in forms)


def unstated(programme: Programme, texts: Mapping[str, SourceText]) -> list[Unstated]:
    """Every sourced value of the programme that its page's stored text does not state."""
    return _unstated(_sourced_values(programme), texts)


def _unstated(values: Iterable[SourcedValue], texts: Mapping[str, SourceText], remedy: str = "") -> list[Unstated]:
    found: list[Unstated] = []
    missing: set[str] = set()
    for owner, field, forms_of_each, address, leave_out, item in values:
        stored = texts.get(address)
        if stored is None:
            if address not in missing or remedy:  # a record's: once per address, saving its text is one fix
                missing.add(address)
                found.append(Unstated(owner, field, "", address, False))
            continue
        text = normalised(stored.text)
        for name in leave_out:
            text = text.replace(normalised(name), " ")
        found += [
            Unstated(owner, field, forms[0], address, True, item, remedy)
            for forms in forms_of_each
            if not states(text, *forms)
        ]
    return found


SETTING_REMEDY = (
    "Write it as the page does (a status: quote the page's words in quote marks), or set the page that states it."
)


def identity_unstated(identity: ProgrammeIdentity, texts: Mapping[str, SourceText]) -> list[Unstated]:
    """Each claim of the settings (identity.py's SOURCED_BY) its page's stored text does not state:
    who launched the programme, word for word; a status, its quoted words (all of it if none)."""
    claims: list[SourcedValue] = []
    if identity.launched_by:
        claims.append((SETTING, "launched_by", ((identity.launched_by,),), identity.launched_by_source, (), ""))
    if identity.status:
        quoted = tuple((words,) for words in QUOTED.findall(identity.status)) or ((identity.status,),)
        claims.append((SETTING, "status", quoted, identity.status_source, (), ""))
    return _unstated(claims, texts, SETTING_REMEDY)


def copies(programme: Programme, texts: dict[str, SourceText]) -> dict[str, str]:
    """The cited addresses that are another site's copy of a document, with what they copy."""
    cited = {value[3] for value in _sourced_values(programme)}
    return {address: texts[address].copy_of for address in sorted(cited) if address in texts and texts[address].copy_of}


# (owner, field, each value's accepted forms, address, names to leave out of the page's text,
# which item of a list the values are from: "outcome 2", or "")
SourcedValue = tuple[str, str, tuple[tuple[str, ...], ...], str, tuple[str, ...], str]


def _sourced_values(programme: Programme) -> Iterator[SourcedValue]:
    for cohort in programme.cohorts:
        owner = f"cohort '{cohort.id}'"
        for field, address in cohort.sources:
            yield owner, field, (_figure_forms(cohort, field),), address, (), ""
        yield from _quotes(owner, cohort.quotes)
    for project in programme.projects:
        owner = f"project '{project.slug}'"
        if project.cohort.source:
            yield owner, "aim", ((project.aim,),), project.cohort.source, (), ""
        for field, address in project.sources:
            if field in EDITORS_WORDS:
                continue
            if field == "outcomes":
                yield from _outcomes(owner, project, (address,) * len(project.outcomes))
                continue
            leave_out = (project.name,) if field in NOT_STATED_BY_NAME else ()
            yield owner, field, tuple(_fact_forms(project, field)), address, leave_out, ""
        if project.outcome_sources:
            yield from _outcomes(owner, project, project.outcome_sources)
        yield from _quotes(owner, project.quotes)


def _outcomes(owner: str, project: Project, addresses: tuple[str, ...]) -> Iterator[SourcedValue]:
    """Each outcome's figures, with the page cited for it."""
    for number, (outcome, address) in enumerate(zip(project.outcomes, addresses, strict=True), start=1):
        figures = tuple(dict.fromkeys(match[0] for match in FIGURE.finditer(outcome)))
        forms = tuple((figure, figure.replace(",", "")) for figure in figures)
        yield owner, "outcomes", forms, address, (project.name,), f"outcome {number}"


def _quotes(owner: str, quotes: Iterable[Quote]) -> Iterator[SourcedValue]:
    for quote in quotes:
        if quote.source:
            yield owner, "quotes", ((quote.text,), (quote.attribution,)), quote.source, (), ""


def _fact_forms(project: Project, field: str) -> Iterator[tuple[str, ...]]:
    if field == "boroughs":
        # Pages name two areas that share a service jointly: "Ashby and Vale End" for Ashby Town and Vale End.
        names = [area.name for area in project.boroughs]
        for name in names:
            first = name.split()[0]
            joint = [f"{first} and {other}" for other in names if other != name]
            joint += [f"{other} and {first}" for other in names if other != name]
            yield (name, *joint)
    elif field == "theme":
        yield (project.theme.title,)
    elif field == "partners":
        yield from ((partner,) for partner in project.partners)
    else:
        value = getattr(project, field)
        if value:
            yield (value,)


def _figure_forms(cohort: Cohort, field: str) -> tuple[str, ...]:
    value = getattr(cohort, field)
    if isinstance(value, dt.date):
        if field in ("start", "other_start", "end"):
            return (month_year(value),)
        day = f"{value.day}"
        return (f"{day} {value:%B %Y}", f"{ordinal(value.day)} {value:%B %Y}", f"{value:%B} {day}, {value.year}")
    if field.startswith("funding"):
        return (pounds(value), f"£{value}")
    return (f"{value:,}", str(value))


def ordinal(number: int) -> str:
    """A number as a page may write a day: 1st, 2nd, 3rd, 16th."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
