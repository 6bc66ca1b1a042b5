"""The comms team's YAML and Markdown read with line numbers, refusing PyYAML's silent traps.

Every scalar stays the exact text the editor typed (YAML's "base" schema: no `NO` read as False,
no `2023-03-31` as a date; the model says when a field's type is wrong), and a duplicate key is
reported, never silently dropped. What the build cannot hold is refused here for every file, so
scripts/check and the build agree: control characters (the feed's XML, the PDFs and the terminal
cannot take them) and nesting deeper than MAX_NESTING (libyaml, which MkDocs uses too, recurses
once a level and crashes on a deep enough file). The words of each refusal are slips.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

import yaml

from showcase.problems import Problem
from showcase.reading.content_files import UnreadableFile, read_file
from showcase.reading.slips import (
    CONTROL_ESCAPED,
    CONTROL_IN_KEY,
    CONTROL_IN_LINE,
    CONTROL_IN_VALUE,
    FIELD_READ_AS_TEXT,
    YAML_FIX,
    Scalar,
    explain_yaml_error,
    quoted,
)

try:  # libyaml is much faster when present; the pure-Python loader behaves the same
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]  # the same interface, in Python

MAX_NESTING = 20  # far deeper than any record: a project's quote is 5 levels down
_CONTROL_LINES_SHOWN = 10  # a file full of them gets this many lines named, then a count


@dataclass(frozen=True)
class Sequence:
    items: list[Node]
    line: int


@dataclass(frozen=True)
class Mapping:
    entries: dict[str, Node]
    key_lines: dict[str, int]
    line: int
    # Keys given twice (the first value kept): key, the repeat's line, the first's, and the line
    # of a field commented out between them or 0.
    duplicates: tuple[tuple[str, int, int, int], ...] = ()
    # Comments after a key whose value is a list or a set of fields, or after a list in brackets.
    notes: tuple[tuple[str, int, str], ...] = ()


Node = Scalar | Sequence | Mapping


class SourceFile(NamedTuple):
    """One file's text (or None when it could not be read) and the problems met reading it."""

    text: str | None
    problems: list[Problem]


def read_text(path: Path, shown_as: str, within: Path) -> SourceFile:
    """The text of an editor's file: an ordinary UTF-8 file inside the folder `within`."""
    try:
        data = read_file(path, within)
        text = data.decode("utf-8")
    except UnreadableFile as unreadable:
        return SourceFile(None, [Problem(shown_as, 0, "", "", unreadable.message, unreadable.fix)])
    except UnicodeDecodeError as error:
        message = f"this file is not saved as UTF-8 text (byte {data[error.start]:#04x} is not valid UTF-8)."
        fix = "Open it in your editor and save it again with the encoding 'UTF-8'."
        return SourceFile(None, [Problem(shown_as, data.count(b"\n", 0, error.start) + 1, "", "", message, fix)])
    problems = control_character_problems(text, shown_as)
    return SourceFile(None if problems else text, problems)


def parse_yaml(text: str, shown_as: str, first_line: int = 1) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text into line-numbered nodes. `first_line` is the file line the text starts on."""
    if too_deep := nesting_problems(text, shown_as, first_line):
        return None, too_deep
    try:
        root = yaml.compose(text, Loader=_BaseLoader)
    except yaml.MarkedYAMLError as error:
        line, what, fix = explain_yaml_error(error, text)
        return None, [Problem(shown_as, line + first_line, "", "", f"the file cannot be read: {what}.", fix)]
    except yaml.YAMLError as error:  # not where in the text: a character YAML cannot read
        return None, [Problem(shown_as, first_line, "", "", f"the file cannot be read: {error}.", YAML_FIX)]
    if root is None:
        return None, []
    reading = _Reading(shown_as, first_line, [], set(), text.split("\n"))
    return _to_node(root, reading), reading.problems


def control_character_problems(text: str, shown_as: str) -> list[Problem]:
    """A problem for each line of an editor's file that holds a control character."""
    problems = [
        Problem(shown_as, number, "", "", *CONTROL_IN_LINE.fill(found))
        for number, line in enumerate(text.split("\n"), 1)
        if (found := CONTROL_IN_LINE.find(line))
    ]
    if (more := len(problems) - _CONTROL_LINES_SHOWN) > 0:
        problems = problems[:_CONTROL_LINES_SHOWN]
        problems[-1] = replace(problems[-1], message=f"{problems[-1].message} {more} more lines below hold one too.")
    return problems


def nesting_problems(text: str, shown_as: str, first_line: int = 1) -> list[Problem]:
    """A problem where YAML nests deeper than MAX_NESTING, found from its events (libyaml reads
    them without recursing, but composes them recursively)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            if depth > MAX_NESTING:
                message = (
                    f"lists or sets of fields are put inside each other more than {MAX_NESTING} deep here: "
                    "no record needs more than 5 levels."
                )
                fix = (
                    "Check the '[' and '{' on this line, each of which opens a list or a set of fields that needs "
                    "its ']' or '}', and the indentation of the lines above it."
                )
                line = (event.start_mark.line if event.start_mark else 0) + first_line
                return [Problem(shown_as, line, "", "", message, fix)]
    except yaml.YAMLError:
        pass  # not valid YAML: parse_yaml says where and why
    return []


_HASH_AFTER_SPACE = re.compile(r"[ \t]#")
# The spaces, '#' and words of a comment after a value on its line (after a key, its ':' first).
_COMMENT_AFTER = re.compile(r"^(?P<spaces>[ \t]+)(?P<note>#.*?)\s*$")
_COMMENT_AFTER_KEY = re.compile(r"^:(?P<spaces>[ \t]+)(?P<note>#.*?)\s*$")
# A field's line commented out: '# - text: ...'.
_COMMENTED_FIELD = re.compile(r"^\s*#\s*(- )?[A-Za-z_]\w*:(\s|$)")


@dataclass
class _Reading:
    shown_as: str
    first_line: int
    problems: list[Problem]
    seen: set[int]
    lines: list[str]

    def __post_init__(self) -> None:
        # The only lines `note_after` reads, so that a long line of many values is not read once a value.
        self.lines_with_hash = {
            number for number, line in enumerate(self.lines) if "#" in line and _HASH_AFTER_SPACE.search(line)
        }

    def refuse(self, line: int, key: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.shown_as, line, "", key, message, fix))

    def note_after(self, mark: yaml.Mark, after_key: bool = False) -> str:
        """The comment after the node ending at `mark` on its line, which YAML would leave out:
        "" for none, or one written as notes are (two spaces, '#', one space: `inner  # ONS`)."""
        if mark.line not in self.lines_with_hash:
            return ""
        line = self.lines[mark.line]
        found = (_COMMENT_AFTER_KEY if after_key else _COMMENT_AFTER).match(line[mark.column :])
        if found is None or not line[: mark.column].strip():
            return ""
        note = found["note"]
        return "" if len(found["spaces"].expandtabs(4)) >= 2 and note[1:2] in ("", " ") else note

    def quoted_line(self, node: yaml.ScalarNode) -> str:
        """The line of a one-line value without quote marks, the value and its comment quoted."""
        if node.style or node.start_mark.line != node.end_mark.line:
            return ""
        line, column = self.lines[node.start_mark.line], node.start_mark.column
        return f"{line[:column].strip()} {quoted(line[column:].strip())}".strip()

    def commented_field(self, first: int, repeat: int) -> int:
        """The last line between two that is a field commented out with '#', or 0."""
        for line in range(repeat - 1, first, -1):
            index = line - self.first_line
            if 0 <= index < len(self.lines) and _COMMENTED_FIELD.match(self.lines[index]):
                return line
        return 0


def _scalar(node: yaml.ScalarNode, reading: _Reading, key: str) -> Scalar:
    line = node.start_mark.line + reading.first_line
    end = node.end_mark.line + reading.first_line - (1 if node.end_mark.column == 0 else 0)
    block = node.style in ("|", ">")
    note = "" if block else reading.note_after(node.end_mark)
    scalar = Scalar(
        str(node.value), line, max(end, line), not node.style, block, note, reading.quoted_line(node) if note else ""
    )
    # The file's own characters were checked as it was read: one here was written as an escape ("\x1b").
    control = CONTROL_ESCAPED if node.style == '"' else CONTROL_IN_VALUE
    if found := control.find(scalar.text):
        before = scalar.text.count("\n", 0, found.start()) if isinstance(found, re.Match) else 0
        reading.refuse(line + (1 + before if block else 0), key, *control.fill(found))
    for index in range(node.start_mark.line + 1, node.end_mark.line + 1) if not node.style and end > line else ():
        if index < len(reading.lines) and (refused := FIELD_READ_AS_TEXT(reading.lines[index], key=key)):
            reading.refuse(index + reading.first_line, key, *refused)
            break
    return scalar


def _to_node(node: yaml.Node, reading: _Reading, key: str = "") -> Node:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, reading, key)
    line = node.start_mark.line + reading.first_line
    # An alias (*name) reuses a node: copying each use lets a few lines grow into billions of
    # values (the "billion laughs"), and editors never need them.
    if id(node) in reading.seen:
        alias = "this file reuses a block with a YAML alias ('*'), which the showcase does not accept."
        reading.refuse(line, "", alias, "Write the values out in full, and remove the '&name' and '*name' marks.")
        return Scalar("", line)
    reading.seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        return Sequence([_to_node(item, reading, key) for item in node.value], line)
    entries: dict[str, Node] = {}
    key_lines: dict[str, int] = {}
    duplicates: list[tuple[str, int, int, int]] = []
    notes: list[tuple[str, int, str]] = []
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + reading.first_line
        if not isinstance(key_node, yaml.ScalarNode):
            not_a_name = "a key here is a list or a mapping, not a plain name."
            reading.refuse(key_line, "", not_a_name, "Write each key as a single word followed by ':'.")
            continue
        if refused := CONTROL_IN_KEY(str(key_node.value)):
            reading.refuse(key_line, "", *refused)
            continue
        key = str(key_node.value)
        if key in entries:  # reported by the record's reader, which knows the record's name
            duplicates.append((key, key_line, key_lines[key], reading.commented_field(key_lines[key], key_line)))
            continue
        entries[key] = _to_node(value_node, reading, key)
        key_lines[key] = key_line
        if isinstance(value_node, yaml.CollectionNode):
            flow = bool(value_node.flow_style)
            mark = value_node.end_mark if flow else key_node.end_mark
            if note := reading.note_after(mark, after_key=not flow):
                notes.append((key, mark.line + reading.first_line, note))
    return Mapping(entries, key_lines, line, tuple(duplicates), tuple(notes))


def duplicate_key_problems(node: Mapping, shown_as: str, record: str, first_field: str | None = None) -> list[Problem]:
    """A problem for each key given twice in one mapping. When it is the key a record starts with
    (`first_field`), the editor lost the next record's '- ': said once, with the fix that keeps both."""
    if lost := [(key, line) for key, line, _first, _commented in node.duplicates if key == first_field]:
        key, line = lost[0]
        message = (
            f"a new item seems to start on this line without its '- ': its fields are read into the item "
            f"that starts on line {node.line}, which then has '{key}' twice."
        )
        fix = f"Put '- ' back before '{key}:' on this line, lined up with the '- ' of the item above. Nothing needs deleting."
        return [Problem(shown_as, line, record, key, message, fix)]
    return [
        Problem(shown_as, line, record, key, *_twice(key, line, first, commented))
        for key, line, first, commented in node.duplicates
    ]


def _twice(key: str, line: int, first: int, commented: int) -> tuple[str, str]:
    """When a field's line between the two is commented out ('# - text: ...'), the second belongs
    to an item that lost its start: deleting either would give a quote to the wrong person."""
    if commented:
        return (
            f"'{key}' appears twice in this item, on line {first} and on line {line}: line {commented} between "
            "them is commented out with '#', so the lines after it are read into the item above.",
            f"Delete the '#' at the start of line {commented} to bring that line back; to leave its item out, put "
            f"'#' before each of the item's lines, this one included. Do not delete only one of the '{key}' lines.",
        )
    return (
        f"'{key}' appears twice in this record, on line {first} and on line {line}.",
        "Keep one of the two lines and delete the other: nothing is merged.",
    )


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, the Markdown body, the file line the front matter starts on)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), 2
    return None, text, 1


def body_line(text: str) -> int:
    """The file line a page's Markdown starts on, after its front matter."""
    return text.count("\n", 0, len(text) - len(split_front_matter(text)[1])) + 1
