"""Typed reads of one YAML record, collecting a Problem for every field that is wrong.

A `RecordReader` knows which file and record it reads, so each message can say exactly where
to look. Every getter returns None (or an empty tuple) for a missing or wrong field and notes
why; the caller decides nothing about error reporting. `read_quotes`, `read_sources` and
`read_picture` read the fields cohorts and projects share.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from showcase.fields import (
    DATE,
    MONTH,
    PICTURE_FIELDS,
    PROJECT_FIELDS,
    QUOTE_FIELDS,
    SHOWS_NOTHING,
    SOURCE,
    THEME_FIELDS,
    URL,
    FieldSpec,
    shows_nothing,
)
from showcase.model import Picture, Quote
from showcase.pictures.picture_files import PictureRefused, PictureRole, measure_picture
from showcase.problems import Problem, did_you_mean
from showcase.reading.placeholders import placeholder_left
from showcase.reading.slips import invisible_in_id, note_after_list, note_after_value, slip
from showcase.reading.source import (
    ODD_SPACE_BEFORE_COLON,
    Mapping,
    Node,
    Scalar,
    Sequence,
    duplicate_key_problems,
    odd_space,
)

_KIND_NAMES = {Scalar: "a single value", Sequence: "a list", Mapping: "a set of fields"}
_WHOLE_NUMBER = re.compile(r"^[0-9]+$")


class RecordReader:
    def __init__(
        self,
        node: Mapping,
        file: str,
        label: str,
        fields: dict[str, FieldSpec],
        problems: list[Problem],
        examples: dict[str, str] | None = None,
    ):
        self.node = node
        self.file = file
        self.label = label
        self.fields = fields
        self.problems = problems
        # Examples from the programme's own data, for the hints: its areas, not another's.
        self.examples = examples or {}

    def example(self, key: str) -> str:
        return self.examples.get(key) or self.fields[key].example

    # -- reporting ---------------------------------------------------------------------------
    def line_of(self, key: str) -> int:
        return self.node.key_lines.get(key, self.node.line)

    def report(self, key: str, message: str, fix: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.file, line or self.line_of(key), self.label, key, message, fix))

    def check_keys(self) -> None:
        """Refuse keys the contract does not know (a typo such as `outcome:` must not lose data),
        keys given twice, and missing required keys."""
        if misplaced := _misplaced(self.node, self.fields):
            self.report("", *misplaced)
            return
        self.problems.extend(duplicate_key_problems(self.node, self.file, self.label, next(iter(self.fields), None)))
        for key in self.node.entries:
            if (odd := ODD_SPACE_BEFORE_COLON.match(key)) and odd["name"] in self.fields:
                name = odd["name"]
                self.report(
                    name,
                    f"there is {odd_space(odd['space'])} between the field name '{name}' and its ':', so the name is "
                    f"not read as '{name}'.",
                    f"Delete the space between '{name}' and ':', keeping the value: "
                    "it usually comes with text pasted from Word or an e-mail.",
                    line=self.line_of(key),
                )
            elif key not in self.fields:
                self.report(
                    key,
                    f"'{key}' is not a field this record can have{did_you_mean(key, self.fields)}.",
                    f"Rename it to one of: {', '.join(self.fields)}.",
                )
        for key, spec in self.fields.items():
            if spec.required and key not in self.node.entries:
                self.report(
                    key, f"the required field '{key}' is missing.", f"Add a line '{key}: ...'. {_sentence(spec.help)}"
                )
        for key, line, note in self.node.notes:
            self.report(key, *note_after_list(note), line=line)

    # -- typed getters -----------------------------------------------------------------------
    def _node(self, key: str, expected: type, nested: dict[str, FieldSpec] | None = None) -> Node | None:
        """The field's value if it is of the `expected` kind; otherwise None, reported. `nested`:
        the fields of each item, for a list of records (quotes, links)."""
        node = self.node.entries.get(key)
        if node is None:
            return None
        if isinstance(node, Scalar) and expected is not Scalar and (refused := _not_a_list(key, node, nested)):
            self.report(key, *refused, line=node.line)
            return None
        if not isinstance(node, expected):
            spec = self.fields[key]
            # A single value where a list belongs is the editor's own text, kept: put it in brackets.
            typed = node.text.strip() if isinstance(node, Scalar) and expected is Sequence else ""
            self.report(
                key,
                f"expected {_KIND_NAMES[expected]} ({spec.kind}) but found {_KIND_NAMES[type(node)]}.",
                f"Write it like this: {key}: {f'[{typed}]' if typed else self.example(key)}",
            )
            return None
        return node

    def text(self, key: str) -> str | None:
        node = self._node(key, Scalar)
        if not isinstance(node, Scalar):
            return None
        if node.note:
            self.report(key, *note_after_value(node), line=node.end_line)
            return None
        value = node.text.strip()
        if value and (found := slip(value)):
            self.report(key, *found)
            return None
        if _is_id(self.fields[key]) and (invisible := invisible_in_id(value)):
            self.report(key, *invisible)
            return None
        if value and (left := placeholder_left(node.text)):
            message, fix, line_in_text = left
            # A block ('|') starts its text on the line after its field's: name the placeholder's own.
            self.report(key, message, fix, line=node.line + 1 + line_in_text if node.block else None)
            return None
        if shows_nothing(value):
            spec = self.fields[key]
            blank = f"'{key}' {SHOWS_NOTHING}." if value else f"'{key}' is empty."
            if spec.required:
                self.report(key, blank, f"Fill it in. {_sentence(spec.help)}")
            else:
                self.report(key, blank, "Fill it in, or delete the line: the site then shows nothing for it.")
            return None
        return value

    def items(self, key: str, nested: dict[str, FieldSpec] | None = None) -> Iterator[Node]:
        node = self._node(key, Sequence, nested)
        if isinstance(node, Sequence):
            yield from node.items

    def text_list(self, key: str, report: bool = True) -> tuple[tuple[str, int], ...]:
        """Each item's text with its line; non-text items are reported (unless `report` is False,
        for a list another reader has checked already) and skipped."""
        if not report:
            node = self.node.entries.get(key)
            items = node.items if isinstance(node, Sequence) else []
            return tuple(
                (item.text.strip(), item.line)
                for item in items
                if isinstance(item, Scalar) and not shows_nothing(item.text)
            )
        values = []
        for item in self.items(key):
            if isinstance(item, Scalar) and item.note:
                self.report(key, *note_after_value(item), line=item.end_line)
            elif isinstance(item, Scalar) and item.plain and item.end_line > item.line:
                self.report(
                    key,
                    f"this line carries on the item on line {item.line}: if it is an item of its own, its '- ' was lost.",
                    "Put '- ' back at the start of this line, lined up with the '- ' above; if it is one long item, "
                    "join this line to the one above.",
                    line=item.line + 1,
                )
            elif isinstance(item, Scalar) and not shows_nothing(item.text) and (found := slip(item.text.strip())):
                self.report(key, *found, line=item.line)
            elif (
                isinstance(item, Scalar) and _is_id(self.fields[key]) and (found := invisible_in_id(item.text.strip()))
            ):
                self.report(key, *found, line=item.line)
            elif isinstance(item, Scalar) and (left := placeholder_left(item.text)):
                self.report(key, *left[:2], line=item.line)
            elif isinstance(item, Scalar) and not shows_nothing(item.text):
                values.append((item.text.strip(), item.line))
            else:
                kind = _KIND_NAMES[type(item)]
                if isinstance(item, Scalar):
                    kind = f"an item that {SHOWS_NOTHING}" if item.text.strip() else "an empty item"
                self.report(
                    key,
                    f"each item of '{key}' must be a line of text, but found {kind}.",
                    f"Write one item per line, each starting '- '. Example: {key}: {self.example(key)}",
                    line=item.line,
                )
        return tuple(values)

    def records(self, key: str, label: str, fields: dict[str, FieldSpec]) -> Iterator[RecordReader]:
        """Readers for a list of nested records such as quotes and links."""
        for number, item in enumerate(self.items(key, fields), start=1):
            nested_label = f"{self.label}, {label} {number}"
            if isinstance(item, Mapping):
                reader = RecordReader(item, self.file, nested_label, fields, self.problems)
                reader.check_keys()
                yield reader
            else:
                self.problems.append(
                    Problem(
                        self.file,
                        item.line,
                        nested_label,
                        key,
                        f"expected a set of fields ({', '.join(fields)}) but found {_KIND_NAMES[type(item)]}.",
                        "Start each item with '- ' and put each field on its own line, indented under it.",
                    )
                )

    def url(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not URL.match(value):
            self.report(
                key,
                f"'{value}' is not a full web address.",
                "Copy the whole address from the browser, starting https://",
            )
            return None
        return value

    def sources(self, key: str) -> tuple[tuple[str, str, int], ...]:
        """A set of `fact: address` lines (the field's `keys` say which facts): each fact with
        its address and line. The caller checks that the record has each fact."""
        node = self.node.entries.get(key)
        if node is None:
            return ()
        spec = self.fields[key]
        first = spec.keys[0]
        if not isinstance(node, Mapping):
            # An address with no fact named: keep it, and say which fact it could be.
            typed = node.text.strip() if isinstance(node, Scalar) else ""
            self.report(
                key,
                f"expected a set of lines 'fact: address' ({spec.kind}) but found {_KIND_NAMES[type(node)]}.",
                f"Put each fact's name before its address, one per line indented under '{key}:', "
                f"e.g. {key}: {{{first}: {typed or 'https://...'}}}",
            )
            return ()
        self.problems.extend(duplicate_key_problems(node, self.file, f"{self.label}, {key}", None))
        found = []
        for fact, value in node.entries.items():
            line = node.key_lines.get(fact, node.line)
            if fact not in spec.keys:
                self.report(
                    key,
                    f"'{fact}' is not a fact a source can be given for{did_you_mean(fact, spec.keys)}.",
                    f"Rename it to one of: {', '.join(spec.keys)}.",
                    line=line,
                )
                continue
            if not isinstance(value, Scalar):
                items = value.items if isinstance(value, Sequence) else []
                kept = next(
                    (item.text.strip() for item in items if isinstance(item, Scalar) and item.text.strip()),
                    "https://...",
                )
                self.report(
                    key,
                    f"the source of '{fact}' should be one web address, but found {_KIND_NAMES[type(value)]}.",
                    f"Give the one page that states it, e.g. {fact}: {kept}",
                    line=line,
                )
                continue
            address = value.text.strip()
            if value.note:
                self.report(key, *note_after_value(value), line=value.end_line)
            elif not address:
                self.report(
                    key,
                    f"the source of '{fact}' is empty.",
                    "Add the address of the page that states it, or delete the line.",
                    line=line,
                )
            elif found_slip := slip(address):
                self.report(key, *found_slip, line=line)
            elif left := placeholder_left(address):
                self.report(key, *left[:2], line=line)
            elif not SOURCE.match(address):
                self.report(
                    key,
                    f"the source of '{fact}', '{address}', is not a web address starting https://.",
                    _https_fix(fact, address),
                    line=line,
                )
            else:
                found.append((fact, address, line))
        return tuple(found)

    def whole_number(self, key: str) -> int | None:
        value = self.text(key)
        if value is None:
            return None
        if not _WHOLE_NUMBER.match(value):
            self.report(
                key,
                f"'{value}' is not a whole number.",
                f"Write digits only, with no £ sign, commas or spaces, e.g. {key}: {self.example(key)}",
            )
            return None
        return int(value)

    def date(self, key: str) -> dt.date | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value) if DATE.match(value) else _bad_date()
        except ValueError:
            self.report(
                key, f"'{value}' is not a date written as year-month-day.", f"Write it like {self.example(key)}."
            )
            return None

    def month(self, key: str) -> dt.date | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            if not MONTH.match(value):
                _bad_date()
            return dt.date.fromisoformat(value + "-01")
        except ValueError:
            self.report(key, f"'{value}' is not a month written as year-month.", f"Write it like {self.example(key)}.")
            return None


# The lists of records of data/projects.yaml: what each holds, under which line.
_RECORD_LISTS = (("project", "projects", PROJECT_FIELDS), ("theme", "themes", THEME_FIELDS))


def _misplaced(node: Mapping, fields: dict[str, FieldSpec]) -> tuple[str, str] | None:
    """A project pasted in the list of themes (or a theme in the list of projects): what is wrong,
    and where to move it, said once instead of a problem for each of its fields."""
    here = next((kind for kind, _, kind_fields in _RECORD_LISTS if kind_fields is fields), None)
    unknown = [key for key in node.entries if key not in fields]
    if here is None or len(unknown) < 2:
        return None
    for kind, section, kind_fields in _RECORD_LISTS:
        first = next(iter(kind_fields))
        if kind_fields is not fields and first in node.entries and all(key in kind_fields for key in node.entries):
            value = node.entries[first]
            named = f"{first} '{value.text}'" if isinstance(value, Scalar) else first
            return (
                f"this item is a {kind} ({named}), but it is in the list of {here}s, which holds {here}s only.",
                f"Move the whole item, from this line to line {_last_line(node)}, under '{section}:', lined up with "
                f"the other {kind}s' '- '. Nothing needs retyping.",
            )
    return None


def _last_line(node: Node) -> int:
    if isinstance(node, Scalar):
        return node.end_line
    if isinstance(node, Sequence):
        return max((_last_line(item) for item in node.items), default=node.line)
    return max([node.line, *node.key_lines.values(), *(_last_line(value) for value in node.entries.values())])


# Dashes and bullets a word processor or a phone keyboard types where YAML's '-' starts a list item.
_WORD_DASH = re.compile(r"^(?P<dash>[–—−‐‑‒•·▪●◦])[ \t ]")


def _not_a_list(key: str, node: Scalar, nested: dict[str, FieldSpec] | None) -> tuple[str, str] | None:
    """What is wrong with a single value where a list or a set of fields belongs, when the editor
    meant one: items typed with a word processor's dash, or the field left empty."""
    typed = node.text.strip()
    if found := _WORD_DASH.match(typed):
        dash = found["dash"]
        return (
            f"the items start with '{dash}' ({_code_point(dash)}), not the '-' that starts a list item, so "
            "they are read as one line of text.",
            f"Replace the '{dash}' at the start of each item with '-' (the hyphen key), keeping the text after it.",
        )
    if typed:
        return None
    if nested:
        first, *others = [name for name, spec in nested.items() if spec.required]
        rest = " and ".join(f"'{name}: {nested[name].example}'" for name in others)
        how = (
            f"Put each item on the lines below it, indented, starting '- {first}: {nested[first].example}' with "
            f"{rest} on the line under it, lined up with '{first}'"
        )
    else:
        how = "Put its items on the lines below it, indented, each starting '- '"
    return f"'{key}' is empty.", f"{how}; or delete the line '{key}:'."


def _is_id(spec: FieldSpec) -> bool:
    """Whether a field holds ids (a slug, a cohort's, a theme's): each the address of a page."""
    return bool({"id", "ids"} & set(spec.kind.split()))


def _code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def _https_fix(fact: str, address: str) -> str:
    """How to make the editor's address one the site can link: their own text, completed."""
    if address.startswith("http://"):
        return (
            f"Write it as {fact}: https://{address.removeprefix('http://')} if the page opens at that address; "
            "if it does not, leave the fact without a source."
        )
    if " " not in address and "." in address.split("/")[0] and "://" not in address:
        return f"Write it as {fact}: https://{address}"
    return "Copy the whole address of the page that states the fact from the browser, starting https://"


def _sentence(help_text: str) -> str:
    """A field's help as a sentence of its own: 'The full address, starting https://' + '.'."""
    return help_text if help_text.endswith(".") else help_text + "."


def _bad_date() -> dt.date:
    raise ValueError("not in ISO form")


# -- what cohorts and projects both hold -------------------------------------------------------


def read_quotes(reader: RecordReader) -> tuple[Quote, ...]:
    """The record's `quotes:` that have their words and who said them; the others are reported."""
    quotes = []
    for quote in reader.records("quotes", "quote", QUOTE_FIELDS):
        text, attribution, source = quote.text("text"), quote.text("attribution"), quote.url("source")
        if text and attribution:
            quotes.append(Quote(text, attribution, source))
    return tuple(quotes)


def read_sources(reader: RecordReader, record: str, unconfirmed: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The record's `sources:`, each for a fact the record has and that is not marked
    unconfirmed ("(unconfirmed)" says that no source states the fact)."""
    sources = []
    # A misspelt field (`outcome:`) is reported already, with its fix: its source is not wrong too.
    misspelt = {key for key in reader.node.entries if key not in reader.fields}
    for fact, address, line in reader.sources("sources"):
        if fact not in reader.node.entries and any(did_you_mean(key, [fact]) for key in misspelt):
            continue
        if fact not in reader.node.entries:
            reader.report(
                "sources",
                f"'{fact}' has a source, but the {record} has no '{fact}'.",
                f"Add the field '{fact}', or delete this line.",
                line=line,
            )
        elif fact in unconfirmed:
            reader.report(
                "sources",
                f"'{fact}' has a source but is also marked unconfirmed, which says no source states it.",
                f"If the page states it, remove '{fact}' from 'unconfirmed'; if it does not, delete this line.",
                line=line,
            )
        else:
            sources.append((fact, address))
    return tuple(sources)


# -- pictures ------------------------------------------------------------------------------------
# Alt text that says nothing a screen reader does not already say: "image of" (it announces an
# image), a file name (what it reads when there is no alt), the record's name alone (the heading
# beside the picture says it).
_ALT_OPENING = re.compile(
    r"^(an? |the )?(image|picture|photo|photograph|logo|graphic|icon|illustration|screenshot)s?"
    r"( of| showing|:| -)\s*",
    re.IGNORECASE,
)
_FILE_NAME = re.compile(
    r"\.(jpe?g|png|webp|gif|svg|heic|tiff?|bmp)$|^(img|dsc|dscn|pxl|dcim|screenshot|whatsapp image)[ _-]*\d",
    re.IGNORECASE,
)
_TRUE_OR_FALSE = {"true": True, "false": False}
_SAYS_TRUE = frozenset({"yes", "y", "on"})


def read_picture(
    reader: RecordReader, key: str, role: PictureRole, docs_dir: Path, within: Path, name: str | None = None
) -> Picture | None:
    """The record's picture `key` (a mapping of PICTURE_FIELDS), its file checked and measured;
    None when it has none, or when anything in it is wrong (each problem reported). `name` is, for
    a photo, the record's name or title, which its alt must say more than; for a logo, the
    organisation's name, which the hint suggests as its alt."""
    node = reader.node.entries.get(key)
    if node is None:
        return None
    if not isinstance(node, Mapping):
        typed = node.text.strip() if isinstance(node, Scalar) else ""
        reader.report(
            key,
            f"expected a set of fields ({', '.join(PICTURE_FIELDS)}) but found {_KIND_NAMES[type(node)]}.",
            f"Write it like this: {key}: {{src: {typed or 'images/...'}, alt: what it shows that matters}}",
        )
        return None
    picture = RecordReader(node, reader.file, f"{reader.label}, {key}", PICTURE_FIELDS, reader.problems)
    before = len(reader.problems)
    picture.check_keys()
    src = picture.text("src")
    decorative = _decorative(picture)
    alt = _alt(picture, role, decorative, src, name)
    credit = picture.text("credit")
    size = None
    if src is not None:
        try:
            size = measure_picture(docs_dir, src, role, within)
        except PictureRefused as refused:
            picture.report("src", refused.message, refused.fix)
    if len(reader.problems) > before or src is None or size is None:
        return None
    return Picture(src, alt or "", size[0], size[1], reader.line_of(key), bool(decorative), credit)


def _decorative(picture: RecordReader) -> bool | None:
    """`decorative: true` or `false`; False when absent, None when it is neither (reported)."""
    if "decorative" not in picture.node.entries:
        return False
    value = picture.text("decorative")
    if value is None:
        return None
    if value.casefold() in _TRUE_OR_FALSE:
        return _TRUE_OR_FALSE[value.casefold()]
    meant = "true" if value.casefold() in _SAYS_TRUE else "false"
    picture.report(
        "decorative",
        f"'{value}' is not true or false.",
        f"Write decorative: {meant}" + (", or delete the line." if meant == "false" else "."),
    )
    return None


def _alt(
    picture: RecordReader, role: PictureRole, decorative: bool | None, src: str | None, name: str | None
) -> str | None:
    """The alt text, checked; '' for a decorative picture, None when missing or refused (reported)."""
    node = picture.node.entries.get("alt")
    describe = (
        "Say what the picture shows that matters, in a sentence: who, doing what, where"
        if role == "photo"
        else "Write the organisation's name as the logo shows it"
    )
    if node is None or (isinstance(node, Scalar) and not node.text.strip()):
        if decorative is not False:
            return ""  # decorative, or not known to be: its own problem is reported
        found = "missing" if node is None else "empty"
        picture.report(
            "alt",
            f"the alt text is {found}: people who cannot see the picture are told what it shows by its alt text.",
            f"{describe} (e.g. alt: {PICTURE_FIELDS['alt'].example if role == 'photo' else name or 'Harbourside GP Care Group'}). "
            "If it adds nothing the text around it does not say, write decorative: true instead.",
        )
        return None
    alt = picture.text("alt")
    if alt is None:
        return None
    if decorative:
        picture.report(
            "alt",
            "the picture has alt text and is marked decorative, which hides it from screen readers: the alt text "
            "would never be read.",
            "If the picture shows something that matters, delete 'decorative: true'; if not, delete the 'alt' line.",
        )
        return None
    file_names = {PurePosixPath(src).name.casefold(), PurePosixPath(src).stem.casefold()} if src else set()
    if _FILE_NAME.search(alt) or alt.casefold() in file_names:
        picture.report(
            "alt",
            f"'{alt}' is a file's name, not what the picture shows.",
            f"{describe}. A screen reader already says it is a picture.",
        )
    elif opening := _ALT_OPENING.match(alt):
        rest = alt[opening.end() :].strip()
        picture.report(
            "alt",
            f"'{alt}' starts with '{opening.group(0).strip()}': a screen reader already says it is a picture.",
            f"Write alt: {rest[:1].upper() + rest[1:]}" if rest else f"{describe}.",
        )
    elif role == "photo" and name and _letters(alt) == _letters(name):
        picture.report(
            "alt",
            f"'{alt}' only repeats the name, which the page shows beside the picture.",
            f"{describe}, e.g. alt: {PICTURE_FIELDS['alt'].example}",
        )
    else:
        return alt
    return None


def _letters(text: str) -> str:
    return "".join(character for character in text.casefold() if character.isalnum())
