"""Typed reads of one YAML record: a getter returns None (or an empty tuple) for a missing or
wrong field and adds a Problem that names the file, line, record and field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, assert_never

from showcase.field_kinds import KINDS, Form, Read
from showcase.fields import (
    LINK_FIELDS,
    PROJECT_FIELDS,
    QUOTE_FIELDS,
    RESERVED_IDS,
    SHOWS_NOTHING,
    THEME_FIELDS,
    FieldKind,
    FieldSpec,
    id_too_long,
    shows_nothing,
)
from showcase.languages import canonical_tag, other_script, tag_refusal
from showcase.model import Link, Quote
from showcase.problems import Problem, did_you_mean
from showcase.reading.placeholders import placeholder_left
from showcase.reading.slips import (
    ODD_SPACE_BEFORE_COLON,
    code_point,
    invisible_in_id,
    note_after_list,
    note_after_value,
    odd_space,
    slip,
)
from showcase.reading.source import Mapping, Node, Scalar, Sequence, duplicate_key_problems

KIND_NAMES = {Scalar: "a single value", Sequence: "a list", Mapping: "a set of fields"}


@dataclass
class RecordReader:
    """Reads one record (`node`) of `file`, named `label` in messages, against its `fields`."""

    node: Mapping
    file: str
    label: str
    fields: dict[str, FieldSpec]
    problems: list[Problem]
    # Examples from the programme's own data, for the hints: its areas, not another's.
    examples: dict[str, str] = field(default_factory=dict)
    kind_words: dict[FieldKind, str] = field(default_factory=dict)  # as the programme words them
    renamed: dict[str, str] = field(default_factory=dict)  # a field the programme names otherwise: `areas:`

    def example(self, key: str) -> str:
        return self.examples.get(key) or self.fields[key].example

    def line_of(self, key: str) -> int:
        return self.node.key_lines.get(key, self.node.line)

    def report(self, key: str, message: str, fix: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.file, line or self.line_of(key), self.label, key, message, fix))

    def check_keys(self) -> None:
        """Refuse unknown keys (a typo such as `outcome:` must not lose data), twice-given and missing ones."""
        if misplaced := _misplaced(self.node, self.fields, self.renamed):
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

    def _node(self, key: str, expected: type, nested: dict[str, FieldSpec] | None = None) -> Node | None:
        """The field's value if of the `expected` kind, else None (reported); `nested`: a list item's fields."""
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
                f"expected {KIND_NAMES[expected]} ({self.kind_words.get(spec.kind, spec.kind)}) but found {KIND_NAMES[type(node)]}.",
                f"Write it like this: {key}: {f'[{typed}]' if typed else self.example(key)}",
            )
            return None
        return node

    def text(self, key: str) -> str | None:
        node = self._node(key, Scalar)
        if not isinstance(node, Scalar):
            return None
        value, spec = node.text.strip(), self.fields[key]
        if node.note:
            self.report(key, *note_after_value(node), line=node.end_line)
        elif value and (found := slip(value, address_or_id=KINDS[spec.kind].holds_ids)):
            self.report(key, *found)
        elif KINDS[spec.kind].holds_ids and (found := invisible_in_id(value)):
            self.report(key, *found)
        elif value and (left := placeholder_left(node.text)):
            message, fix, line_in_text = left
            # A block ('|') starts its text on the line after its field's: name the placeholder's own.
            self.report(key, message, fix, line=node.line + 1 + line_in_text if node.block else None)
        elif shows_nothing(value):
            blank = f"'{key}' {SHOWS_NOTHING}." if value else f"'{key}' is empty."
            if spec.required:
                self.report(key, blank, f"Fill it in. {_sentence(spec.help)}")
            else:
                self.report(key, blank, "Fill it in, or delete the line: the site then shows nothing for it.")
        else:
            return value
        return None

    def items(self, key: str, nested: dict[str, FieldSpec] | None = None) -> Iterator[Node]:
        node = self._node(key, Sequence, nested)
        if isinstance(node, Sequence):
            yield from node.items

    def text_list(self, key: str, report: bool = True) -> tuple[tuple[str, int], ...]:
        """Each item's text and line; other items reported, unless a reader checked the list already."""
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
            elif (
                isinstance(item, Scalar)
                and not shows_nothing(item.text)
                and (found := slip(item.text.strip(), address_or_id=KINDS[self.fields[key].kind].holds_ids))
            ):
                self.report(key, *found, line=item.line)
            elif (
                isinstance(item, Scalar)
                and KINDS[self.fields[key].kind].holds_ids
                and (found := invisible_in_id(item.text.strip()))
            ):
                self.report(key, *found, line=item.line)
            elif isinstance(item, Scalar) and (left := placeholder_left(item.text)):
                self.report(key, *left[:2], line=item.line)
            elif isinstance(item, Scalar) and not shows_nothing(item.text):
                values.append((item.text.strip(), item.line))
            else:
                kind = KIND_NAMES[type(item)]
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
        for number, item in enumerate(self.items(key, fields), start=1):
            nested_label = f"{self.label}, {label} {number}"
            if isinstance(item, Mapping):
                reader = RecordReader(item, self.file, nested_label, fields, self.problems)
                reader.check_keys()
                yield reader
            else:
                message = f"expected a set of fields ({', '.join(fields)}) but found {KIND_NAMES[type(item)]}."
                fix = "Start each item with '- ' and put each field on its own line, indented under it."
                self.problems.append(Problem(self.file, item.line, nested_label, key, message, fix))

    def quote(self) -> Quote | None:
        """Every field read, so a missing attribution does not hide a wrong address. Words in another
        script need their language, or a screen reader cannot read them out."""
        text, said_by, source = self.text("text"), self.text("attribution"), self.value("source")
        lang = self.value("lang") or ""
        attribution_lang = self.value("attribution_lang") or lang
        for key, words, tag in (("lang", text, lang), ("attribution_lang", said_by, attribution_lang)):
            if words and not tag and (script := other_script(words)):
                self.report(
                    key,
                    f"the {'quote' if key == 'lang' else 'attribution'} is written in {script} letters, but its "
                    "language is not given, so screen readers cannot read it out.",
                    f"Add a line '{key}: ' with its language tag (for example ar for Arabic, ur for Urdu, bn for "
                    "Bengali, zh for Chinese), keeping the text.",
                    line=self.line_of("text" if key == "lang" else "attribution"),
                )
                break  # the attribution's language is the quote's unless it says otherwise: one fix
        if not (text and said_by):
            return None
        return Quote(text, said_by, source, lang=lang, attribution_lang=attribution_lang)

    def language(self, key: str) -> str | None:
        """A language tag, as BCP 47 writes it ('zh-Hant' for 'zh-hant'), if it names a language."""
        typed = self.text(key)
        if typed is None:
            return None
        if tag := canonical_tag(typed):
            return tag
        self.report(key, *tag_refusal(typed))
        return None

    def refuses_id(
        self,
        key: str,
        value: str,
        pattern: re.Pattern[str],
        invalid: tuple[str, str],
        reserved: tuple[str, str] = ("", ""),
        line: int | None = None,
    ) -> bool:
        """Whether `value` cannot be the page address it becomes (reported): not of `pattern`
        (`invalid`), a reserved name (`reserved`, if given) or too long for a file name."""
        if not pattern.match(value):
            found: tuple[str, str] | None = invalid
        elif reserved[0] and value in RESERVED_IDS:
            found = reserved
        else:
            found = id_too_long(value)
        if found:
            self.report(key, *found, line=line)
        return found is not None

    def value(self, key: str) -> Any:
        """The field read as its kind says (field_kinds.py)."""
        kind = KINDS[self.fields[key].kind]
        match kind.read:
            case Read.TEXT:
                return self.text(key)
            case Read.FORM:
                assert kind.form is not None, key
                return self._in_form(key, kind.form)
            case Read.LIST:
                return tuple(text for text, _ in self.text_list(key))
            case Read.QUOTES:
                return tuple(filter(None, (quote.quote() for quote in self.records(key, "quote", QUOTE_FIELDS))))
            case Read.LANGUAGE:
                return self.language(key)
            case Read.LINKS:
                # Both read, so that a wrong title does not hide a wrong address.
                links = ((link.text("title"), link.value("url")) for link in self.records(key, "link", LINK_FIELDS))
                return tuple(Link(title, url) for title, url in links if title and url)
            case Read.APART:
                raise TypeError(
                    f"'{key}' ({self.fields[key].kind}) needs more than its record to read: read_picture, read_sources, ..."
                )
            case _:
                assert_never(kind.read)

    def _in_form(self, key: str, form: Form) -> Any:
        value = self.text(key)
        if value is None:
            return None
        try:
            if form.pattern.match(value):
                return form.convert(value)
        except ValueError:
            pass  # a day the calendar does not have, such as 2023-02-30
        mended = form.mend(value) if form.mend else ""
        if mended and form.pattern.match(mended):
            self.report(key, f"'{value}' {form.wrong}", f"Write it as {key}: {mended}")
        else:
            self.report(key, f"'{value}' {form.wrong}", form.fix.format(key=key, example=self.example(key)))
        return None


# The lists of records of data/projects.yaml: what each holds, under which line.
_RECORD_LISTS = (("project", "projects", PROJECT_FIELDS), ("theme", "themes", THEME_FIELDS))


def _misplaced(node: Mapping, fields: dict[str, FieldSpec], renamed: dict[str, str]) -> tuple[str, str] | None:
    """A project pasted among the themes (or the reverse), said once instead of once per field."""
    tables = [(kind, section, {renamed.get(key, key): key for key in table}) for kind, section, table in _RECORD_LISTS]
    here = next((kind for kind, _, kind_fields in tables if kind_fields.keys() == fields.keys()), None)
    unknown = [key for key in node.entries if key not in fields]
    if here is None or len(unknown) < 2:
        return None
    for kind, section, kind_fields in tables:
        first = next(iter(kind_fields))
        if (
            kind_fields.keys() != fields.keys()
            and first in node.entries
            and all(key in kind_fields for key in node.entries)
        ):
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
    """A single value where a list belongs, when the editor meant one: a word processor's dashes, or empty."""
    typed = node.text.strip()
    if found := _WORD_DASH.match(typed):
        dash = found["dash"]
        return (
            f"the items start with '{dash}' ({code_point(dash)}), not the '-' that starts a list item, so "
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


def _sentence(help_text: str) -> str:
    """A field's help as a sentence of its own: 'The full address, starting https://' + '.'."""
    return help_text if help_text.endswith(".") else help_text + "."
