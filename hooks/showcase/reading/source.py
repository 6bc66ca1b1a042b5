"""Read the comms team's YAML and Markdown with line numbers, refusing PyYAML's silent traps.

PyYAML, left to itself, keeps the last of two duplicate keys without a word, turns `NO` into
False and `2023-03-31` into a date. Here every scalar stays the exact text the editor typed
(YAML's "base" schema): the model decides what a field's type is and says so when it is wrong.

What the published build cannot hold is refused here, for every file and every value, so that
scripts/check and the build give the same verdict: control characters (the feed's XML, the PDFs
and the terminal cannot take them), and lists or sets of fields nested deeper than MAX_NESTING
(libyaml, which both the loader and MkDocs use, recurses once a level and crashes the process
on a deep enough file). A tab in a one-line value is a slip (slips.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from showcase.problems import Problem
from showcase.reading.content_files import UnreadableFile, read_file

try:  # libyaml is much faster when present; the pure-Python loader behaves the same
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]  # the same interface, in Python

# Far deeper than any record: a project's quote is 5 levels down (the file, projects, the
# project, quotes, the quote).
MAX_NESTING = 20
# Characters no file of the editors' may hold: C0 and C1 control characters (but tab, line feed
# and carriage return, which text files use), the invisible line and paragraph separators (YAML
# counts them as line breaks where the editor sees none, so every line number after one would be
# wrong), and what is not a character at all (surrogates, U+FFFE, U+FFFF). A value may hold none
# of them but line feeds and tabs (a tab in a one-line value is a slip: slips.py).
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
_CONTROL_IN_FILE = re.compile(f"[{_CONTROL}]")
_CONTROL_IN_VALUE = re.compile(f"[{_CONTROL}\r]")
_CONTROL_LINES_SHOWN = 10  # a file full of them gets this many lines named, then a count


@dataclass(frozen=True)
class Scalar:
    text: str
    line: int
    end_line: int = 0  # the last line it takes; 0: its first line
    plain: bool = False  # written without quotes or '|'/'>': may run on over several lines unnoticed
    block: bool = False  # written as '|' or '>': its text starts on the line after `line`
    # A YAML comment typed straight after the value on its last line ("in PCN #3 and #4"), which
    # YAML leaves out: the words from its '#' on, refused by the reader (slips.note_after_value).
    note: str = ""
    # That line written with the value and the note in quote marks ("" when the value starts on
    # an earlier line), which keeps every word: the fix the reader gives.
    quoted_line: str = ""


@dataclass(frozen=True)
class Sequence:
    items: list[Node]
    line: int


@dataclass(frozen=True)
class Mapping:
    entries: dict[str, Node]
    key_lines: dict[str, int]
    line: int
    # Keys given twice: (key, line of the repeat, line of the first, line of a field commented
    # out between them or 0). The first value is kept; the reader of the record reports each
    # repeat (see `duplicate_key_problems`).
    duplicates: tuple[tuple[str, int, int, int], ...] = ()
    # Comments typed after a key whose value is a list or a set of fields, or after a list in
    # brackets: (key, line, the words from the '#' on). Refused by the reader, as a Scalar's note.
    notes: tuple[tuple[str, int, str], ...] = ()


Node = Scalar | Sequence | Mapping


@dataclass
class SourceFile:
    """One file's text (or None when it could not be read) and the problems met reading it."""

    path: str
    text: str | None
    problems: list[Problem] = field(default_factory=list)


def read_text(path: Path, shown_as: str, within: Path) -> SourceFile:
    """The text of an editor's file: an ordinary UTF-8 file inside the folder `within`."""
    try:
        data = read_file(path, within)
    except UnreadableFile as unreadable:
        return SourceFile(shown_as, None, [Problem(shown_as, 0, "", "", unreadable.message, unreadable.fix)])
    try:
        text = data.decode("utf-8")
        problems = control_character_problems(text, shown_as)
        return SourceFile(shown_as, None if problems else text, problems)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problem = Problem(
            shown_as,
            line,
            "",
            "",
            f"this file is not saved as UTF-8 text (byte {data[error.start]:#04x} is not valid UTF-8).",
            "Open it in your editor and save it again with the encoding 'UTF-8'.",
        )
        return SourceFile(shown_as, None, [problem])


def parse_yaml(text: str, shown_as: str, first_line: int = 1) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text into line-numbered nodes. `first_line` is the file line the text starts on."""
    if too_deep := nesting_problems(text, shown_as, first_line):
        return None, too_deep
    try:
        root = yaml.compose(text, Loader=_BaseLoader)
    except yaml.MarkedYAMLError as error:
        line, what, fix = _explain_yaml_error(error, text)
        return None, [Problem(shown_as, line + first_line, "", "", f"the file cannot be read: {what}.", fix)]
    except yaml.YAMLError as error:  # not where in the text: a character YAML cannot read
        return None, [Problem(shown_as, first_line, "", "", f"the file cannot be read: {error}.", _YAML_FIX)]
    if root is None:
        return None, []
    reading = _Reading(shown_as, first_line, [], set(), text.split("\n"))
    reading.lines_with_hash = {
        number for number, line in enumerate(reading.lines) if "#" in line and _HASH_AFTER_SPACE.search(line)
    }
    return _to_node(root, reading), reading.problems


_YAML_FIX = (
    "Check this line and the one above it: indent with spaces (not tabs), put a space after each ':' "
    "and '-', and wrap text that contains ': ' or starts with a quote mark in quotes."
)


def control_character_problems(text: str, shown_as: str) -> list[Problem]:
    """A problem for each line of an editor's file that holds a control character (the first
    _CONTROL_LINES_SHOWN lines; the last of them counts the rest)."""
    lines = [(number, line) for number, line in enumerate(text.split("\n"), start=1) if _CONTROL_IN_FILE.search(line)]
    problems = []
    for index, (number, line) in enumerate(lines[:_CONTROL_LINES_SHOWN]):
        found = _CONTROL_IN_FILE.search(line)
        assert found is not None
        more = len(lines) - _CONTROL_LINES_SHOWN
        rest = f" {more} more lines below hold one too." if index == _CONTROL_LINES_SHOWN - 1 and more > 0 else ""
        problems.append(
            Problem(
                shown_as,
                number,
                "",
                "",
                f"this line holds an invisible control character ({_code_point(found.group())}, character "
                f"{found.start() + 1} of the line), which the pages, the feed and the PDFs cannot show.{rest}",
                "Delete it, keeping the text around it: it usually comes with text pasted from another program, "
                "so retyping the words on either side of it removes it too.",
            )
        )
    return problems


def nesting_problems(text: str, shown_as: str, first_line: int = 1) -> list[Problem]:
    """A problem where YAML text nests lists or sets of fields deeper than MAX_NESTING, found by
    reading its events, which libyaml does without recursing (composing them recurses)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    return [
                        Problem(
                            shown_as,
                            (event.start_mark.line if event.start_mark else 0) + first_line,
                            "",
                            "",
                            f"lists or sets of fields are put inside each other more than {MAX_NESTING} deep "
                            "here: no record needs more than 5 levels.",
                            "Check the '[' and '{' on this line, each of which opens a list or a set of fields that "
                            "needs its ']' or '}', and the indentation of the lines above it.",
                        )
                    ]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return []  # not valid YAML: parse_yaml says where and why
    return []


def _code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def _explain_yaml_error(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """The line (counted from 0 in `text`) to point the editor at, what is wrong there in plain
    words, and the fix. PyYAML's own wording ("while scanning a plain scalar ...") is kept only
    for mistakes not recognised here."""
    line, what, fix = _explain_layout(error, text)
    lines = text.split("\n")
    here = lines[line] if 0 <= line < len(lines) else ""
    if odd := _ODD_SPACE_AFTER_COLON.match(here):
        return (
            line,
            f"the space after the ':' on this line is {odd_space(odd['space'])}, which does not count as a "
            "space there, so its field name and value run together",
            f"Delete the space after '{odd['name']}:' and type an ordinary space in its place, keeping the value: "
            "it usually comes with text pasted from Word or an e-mail.",
        )
    return line, what, fix or _YAML_FIX


# Spaces word processors and e-mail put in text (the non-breaking space above all) that YAML does
# not count as spaces between a field's name, its ':' and its value.
ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_ODD_SPACE_AFTER_COLON = re.compile(rf"^\s*(- )?(?P<name>[^\s:#][^:]*?):(?P<space>[{ODD_SPACES}])")
ODD_SPACE_BEFORE_COLON = re.compile(rf"^(?P<name>.*?)(?P<space>[{ODD_SPACES}])+$")


def odd_space(character: str) -> str:
    """An odd space, named for an editor."""
    what = "a non-breaking space" if character == "\u00a0" else "an unusual kind of space"
    return f"{what} ({_code_point(character)})"


def _explain_layout(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """The line, what is wrong and its fix ("" for the general advice) for _explain_yaml_error."""
    problem, context = error.problem or "", error.context or ""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    mark = problem_mark or context_mark
    line = mark.line if mark else 0
    context_line = context_mark.line if context_mark else line
    lines = text.split("\n")
    here = lines[line] if 0 <= line < len(lines) else ""
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if "quoted scalar" in context and "end of stream" in problem:
        # The problem mark is the end of the file; the quote mark that was never closed is where
        # the editor must look.
        return context_line, _NEVER_CLOSED, _close_quote_fix(lines[context_line])
    if "simple key" in context and "expected ':'" in problem:
        # PyYAML points past the line it could not read; the editor's slip is on that line.
        key_line = lines[context_line] if 0 <= context_line < len(lines) else ""
        if found := re.match(r"^\s*(- )?(?P<name>[A-Za-z_][\w-]*):\S", key_line):
            return (
                context_line,
                "there is no space after the ':' on this line, so its field name and value run together",
                f"Put a space after '{found['name']}:', keeping the value.",
            )
        return (
            context_line,
            "this line has no ':' after a field name: it may be text that lost its field, or a field missing its ':'",
            "If it is text, put it back after its field's name and ':' (or join it to the line above); if it is a "
            "field, put ':' and a space after its name.",
        )
    if "tab" in problem or "\t" in indent:
        return (
            line,
            "this line is indented with a tab",
            "Replace the tab at the start of this line with spaces, lined up with the lines above it.",
        )
    if "flow sequence" in context or "flow mapping" in context:
        return context_line, "a list opened with '[' (or '{') on this line is not closed with ']' (or '}')", ""
    if "mapping values are not allowed" in problem:
        if found := _TEXT_WITH_COLON.match(here):
            value = found["value"].strip()
            if len(value) > 2 and value[0] in _CURLY_OPENING and value[-1] in _CURLY_CLOSING:
                value = value[1:-1]  # a word processor's quote marks, which would be published: YAML's instead
            return (
                line,
                "the value on this line holds a ':' that reads as the start of another field, as the value is "
                "not in quote marks",
                f"Put the whole value in quote marks: {found['name']}: {quoted(value)}",
            )
        return (
            line,
            (
                "there is a ':' on this line where none was expected: the line is indented too far, "
                "or it holds text with ': ' that is not in quotes"
            ),
            "",
        )
    if "did not find expected key" in problem or "expected <block end>" in problem:
        start = context_line if context_mark and context_line != line else 0
        if (opened := _opened_quote(lines, start, line)) is not None:
            return (
                opened,
                _NEVER_CLOSED + ", so the lines after it are read as its text",
                _close_quote_fix(lines[opened]),
            )
        where = f" the record that starts on line {context_line + 1}" if start else " the lines above it"
        return (
            line,
            (
                f"this line does not fit{where}: check its indentation, and look above it "
                "for a quote mark that is never closed or text after a closing quote mark"
            ),
            "",
        )
    if "did not find expected '-'" in problem:
        return line, "this line is not indented like the lines above it, or it is a list item without its '- '", ""
    details = " ".join(part for part in (context, problem) if part)
    return line, f"its layout is not valid here ({details})", ""


_NEVER_CLOSED = "a quote mark opened on this line is never closed"
_CURLY_OPENING, _CURLY_CLOSING = "“‘„«‹", "”’“»›"
# A field whose value, not in quote marks, holds ': '.
_TEXT_WITH_COLON = re.compile(r"^\s*(?P<name>(- )?[A-Za-z_][\w-]*):[ \t]+(?P<value>[^\"'\s\[{|>].*:( .*)?)$")
# A value that opens a quote mark: the mark, then the rest of the line.
_OPENING_QUOTE = re.compile(r"^\s*(- )?([A-Za-z_][\w-]*:[ \t]+)?(?P<mark>[\"'])(?P<rest>.*)$")


def _opened_quote(lines: list[str], start: int, end: int) -> int | None:
    """The first line from `start` up to `end` whose value opens a quote mark it does not close."""
    for number in range(start, min(end, len(lines))):
        if found := _OPENING_QUOTE.match(lines[number]):
            rest = found["rest"].replace("\\\\", "").replace('\\"', "") if found["mark"] == '"' else found["rest"]
            if found["mark"] not in rest.replace("''", ""):
                return number
    return None


def _close_quote_fix(line: str) -> str:
    mark = "'" if (found := _OPENING_QUOTE.match(line)) and found["mark"] == "'" else '"'
    return f"Put a {mark} at the end of the value on this line, or delete the one at its start."


# A '#' after a space or a tab starts a YAML comment, which YAML leaves out to the line's end.
_HASH_AFTER_SPACE = re.compile(r"[ \t]#")
# What follows a value on its line when a comment comes next: the spaces, the '#' and the words.
_COMMENT_AFTER = re.compile(r"^(?P<spaces>[ \t]+)(?P<note>#.*?)\s*$")
# After a key whose value is on the lines below: its ':', then the comment.
_COMMENT_AFTER_KEY = re.compile(r"^:(?P<spaces>[ \t]+)(?P<note>#.*?)\s*$")


@dataclass
class _Reading:
    """What `_to_node` needs while it walks one YAML text's nodes."""

    shown_as: str
    first_line: int
    problems: list[Problem]
    seen: set[int]
    lines: list[str]
    lines_with_hash: set[int] = field(default_factory=set)  # from 0: the lines holding ' #'


def _note_after(reading: _Reading, mark: yaml.Mark, after_key: bool = False) -> str:
    """The comment typed after the node ending at `mark` on the same line, when YAML would read
    words the editor may have meant as text as one: "" when there is none, or when it is a note
    written as notes are (two spaces before the '#', one after it: `inner  # ONS: inner`)."""
    if mark.line not in reading.lines_with_hash:
        return ""
    line = reading.lines[mark.line]
    found = (_COMMENT_AFTER_KEY if after_key else _COMMENT_AFTER).match(line[mark.column :])
    if found is None or not line[: mark.column].strip():
        return ""
    note = found["note"]
    written_as_a_note = len(found["spaces"].expandtabs(4)) >= 2 and note[1:2] in ("", " ")
    return "" if written_as_a_note else note


def _quoted_line(reading: _Reading, node: yaml.ScalarNode) -> str:
    """The line of a value written without quote marks, with the value and the comment after it
    between quote marks, the form that keeps every word; "" for a value in quote marks or one that
    starts on an earlier line than its comment."""
    if node.style or node.start_mark.line != node.end_mark.line:
        return ""
    line = reading.lines[node.start_mark.line]
    words = line[node.start_mark.column :].strip()
    return f"{line[: node.start_mark.column].strip()} {quoted(words)}".strip()


# A line that looks like a field with no space after its ':' ("pcn:Gullhaven"), not an address.
_LOOKS_LIKE_A_FIELD = re.compile(r"^\s*(?P<name>[A-Za-z_][\w-]*):(?!//)\S")


def _field_read_as_text(reading: _Reading, node: yaml.ScalarNode, key: str) -> list[Problem]:
    """A line inside a value written over several lines that looks like a field of its own: YAML
    reads it as more of the value's text (a field's ':' needs a space after it)."""
    for index in range(node.start_mark.line + 1, node.end_mark.line + 1):
        if index < len(reading.lines) and (found := _LOOKS_LIKE_A_FIELD.match(reading.lines[index])):
            name = found["name"]
            return [
                Problem(
                    reading.shown_as,
                    index + reading.first_line,
                    "",
                    key,
                    f"this line looks like the field '{name}', but it is read as more of the text of '{key}' above it.",
                    f"If it is a field, line it up with '{key}:' and put a space after '{name}:'; if it is text, "
                    f"put the whole value of '{key}' in quote marks.",
                )
            ]
    return []


def quoted(text: str) -> str:
    """`text` as a YAML value between quote marks, read back exactly as it is."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _to_node(node: yaml.Node, reading: _Reading, key: str = "") -> Node:
    line = node.start_mark.line + reading.first_line
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark.line + reading.first_line - (1 if node.end_mark.column == 0 else 0)
        block = node.style in ("|", ">")
        note = "" if block else _note_after(reading, node.end_mark)
        # libyaml says "" for a plain scalar, PyYAML None.
        scalar = Scalar(
            str(node.value),
            line,
            max(end, line),
            not node.style,
            block,
            note,
            _quoted_line(reading, node) if note else "",
        )
        reading.problems.extend(_value_control_problems(scalar, node.style == '"', reading.shown_as, key))
        if not node.style and end > line:
            reading.problems.extend(_field_read_as_text(reading, node, key))
        return scalar
    # YAML aliases (*name) reuse a node: copying each use would let a few lines grow into
    # billions of values (the "billion laughs"), and editors never need them here.
    if id(node) in reading.seen:
        reading.problems.append(
            Problem(
                reading.shown_as,
                line,
                "",
                "",
                "this file reuses a block with a YAML alias ('*'), which the showcase does not accept.",
                "Write the values out in full, and remove the '&name' and '*name' marks.",
            )
        )
        return Scalar("", line)
    reading.seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        return Sequence([_to_node(item, reading, key) for item in node.value], line)
    assert isinstance(node, yaml.MappingNode)
    entries: dict[str, Node] = {}
    key_lines: dict[str, int] = {}
    duplicates: list[tuple[str, int, int, int]] = []
    notes: list[tuple[str, int, str]] = []
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + reading.first_line
        if refused := _refused_key(key_node):
            reading.problems.append(Problem(reading.shown_as, key_line, "", "", *refused))
            continue
        key = str(key_node.value)
        if key in entries:
            # Reported by whoever reads the record, which knows the record's name.
            duplicates.append((key, key_line, key_lines[key], _commented_field(reading, key_lines[key], key_line)))
            continue
        entries[key] = _to_node(value_node, reading, key)
        key_lines[key] = key_line
        if isinstance(value_node, yaml.CollectionNode):
            flow = bool(value_node.flow_style)
            mark, after_key = (value_node.end_mark, False) if flow else (key_node.end_mark, True)
            if note := _note_after(reading, mark, after_key):
                notes.append((key, mark.line + reading.first_line, note))
    return Mapping(entries, key_lines, line, tuple(duplicates), tuple(notes))


# A field's line commented out: '# - text: ...', '#   attribution: ...'.
_COMMENTED_FIELD = re.compile(r"^\s*#\s*(- )?[A-Za-z_]\w*:(\s|$)")


def _commented_field(reading: _Reading, first: int, repeat: int) -> int:
    """The last line between two file lines that is a field commented out with '#', or 0."""
    for line in range(repeat - 1, first, -1):
        index = line - reading.first_line
        if 0 <= index < len(reading.lines) and _COMMENTED_FIELD.match(reading.lines[index]):
            return line
    return 0


def _refused_key(node: yaml.Node) -> tuple[str, str] | None:
    """What is wrong with a key that is not a plain name, and its fix; None for a plain name."""
    if not isinstance(node, yaml.ScalarNode):
        return (
            "a key here is a list or a mapping, not a plain name.",
            "Write each key as a single word followed by ':'.",
        )
    if found := _CONTROL_IN_VALUE.search(str(node.value)):
        return (
            f"the field name on this line holds an invisible character ({_code_point(found.group())}).",
            "Retype the field's name, keeping its value.",
        )
    return None


def _value_control_problems(scalar: Scalar, escaped: bool, shown_as: str, key: str) -> list[Problem]:
    """A value holding a control character. The file's own characters are checked as it is read
    (`control_character_problems`), so one found here comes from an escape between double quotes
    ("\\x1b")."""
    found = _CONTROL_IN_VALUE.search(scalar.text)
    if found is None:
        return []
    line = scalar.line + (scalar.block + scalar.text.count("\n", 0, found.start()) if scalar.block else 0)
    fix = (
        "Delete the code that makes it (a backslash and what follows it, such as '\\x1b', between the quote "
        "marks), keeping the text around it."
        if escaped
        else "Delete it, keeping the text around it."
    )
    message = (
        f"this value holds an invisible control character ({_code_point(found.group())}), which the pages, "
        "the feed and the PDFs cannot show."
    )
    return [Problem(shown_as, line, "", key, message, fix)]


def duplicate_key_problems(node: Mapping, shown_as: str, record: str, first_field: str | None = None) -> list[Problem]:
    """A problem for each key given twice in one mapping: PyYAML would silently keep the last.

    When the repeated key is the one a record starts with (`first_field`: slug, text, title),
    the editor lost the '- ' of the next record, which YAML then read into this one: that is
    said once, with the fix that keeps both records."""
    lost = [(key, line) for key, line, _first, _commented in node.duplicates if key == first_field]
    if lost:
        key, line = lost[0]
        return [
            Problem(
                shown_as,
                line,
                record,
                key,
                f"a new item seems to start on this line without its '- ': its fields are read into the item "
                f"that starts on line {node.line}, which then has '{key}' twice.",
                f"Put '- ' back before '{key}:' on this line, lined up with the '- ' of the item above. Nothing needs deleting.",
            )
        ]
    return [
        Problem(shown_as, line, record, key, *_twice(key, line, first, commented))
        for key, line, first, commented in node.duplicates
    ]


def _twice(key: str, line: int, first: int, commented: int) -> tuple[str, str]:
    """What is wrong with a key given twice and its fix. When a field's line between the two is
    commented out ('# - text: ...'), the second belongs to an item that lost its start: deleting
    either line would give words to the wrong item (a quote to the wrong person)."""
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
    """Split '---' front matter from a Markdown body.

    Returns (front matter YAML or None, body, file line on which the front matter starts).
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), 2
    return None, text, 1
