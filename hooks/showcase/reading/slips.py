"""Every way a line or a value can be read otherwise than it looks: one rule a row.

A `Rule` is a pattern (or a predicate) with the message and the fix it fills in. The reader
(source.py) refuses what YAML cannot read (LAYOUT_ERRORS; PyYAML's own words only where no row
knows the mistake) and what the build cannot hold (control characters); the loader refuses what
YAML reads without complaint (SLIPS, an invisible character in an id, a ' #' note after a value),
which would look like a typo on the site: each fix says exactly what to change, keeping the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import yaml

Found = Mapping[str, str] | re.Match[str] | None


def _always(text: str) -> Found:
    return {}


@dataclass(frozen=True)
class Rule:
    """`find` gives the words for the message and fix (a pattern's named groups), or None where
    the rule does not apply; without it, the rule always does. A fix of "" leaves the caller's
    general advice."""

    message: str
    fix: str = ""
    find: Callable[[str], Found] = _always

    def __call__(self, text: str, **words: str) -> tuple[str, str] | None:
        found = self.find(text)
        return None if found is None else self.fill(found, **words)

    def fill(self, found: Mapping[str, str] | re.Match[str], **words: str) -> tuple[str, str]:
        """A match also gives the {code} of its first character (U+0009) and its {column}."""
        if isinstance(found, re.Match):
            words |= {"code": code_point(found.group()[:1] or " "), "column": str(found.start() + 1)}
            found = found.groupdict()
        words |= found
        return self.message.format_map(words), self.fix.format_map(words)


# A one-value node of source.py's reading, here because the notes' words below describe one.
@dataclass(frozen=True)
class Scalar:
    text: str
    line: int
    end_line: int = 0  # the last line it takes; 0: its first line
    plain: bool = False  # without quotes or '|'/'>': may run on over several lines unnoticed
    block: bool = False  # '|' or '>': its text starts on the line after `line`
    # A comment typed after the value on its last line ("in PCN #3"), which YAML leaves out, and
    # that line with the value and the note in quote marks ("" when the value starts earlier).
    note: str = ""
    quoted_line: str = ""


def code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


# What no file may hold: C0 and C1 controls but tab, line feed and carriage return; the line and
# paragraph separators (YAML counts them as line breaks the editor does not see, so every line
# number after one would be wrong); surrogates, U+FFFE, U+FFFF. A value may not hold a CR either.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
_CONTROL_IN_FILE = re.compile(f"[{_CONTROL}]")
_CONTROL_IN_VALUE = re.compile(f"[{_CONTROL}\r]")


_UNSHOWN = "which the pages, the feed and the PDFs cannot show."
CONTROL_IN_LINE = Rule(
    f"this line holds an invisible control character ({{code}}, character {{column}} of the line), {_UNSHOWN}",
    "Delete it, keeping the text around it: it usually comes with text pasted from another program, "
    "so retyping the words on either side of it removes it too.",
    _CONTROL_IN_FILE.search,
)
CONTROL_IN_VALUE = Rule(
    f"this value holds an invisible control character ({{code}}), {_UNSHOWN}",
    "Delete it, keeping the text around it.",
    _CONTROL_IN_VALUE.search,
)
# In a file read as it is, one found in a value was written as an escape in double quotes.
CONTROL_ESCAPED = replace(
    CONTROL_IN_VALUE,
    fix="Delete the code that makes it (a backslash and what follows it, such as '\\x1b', between the quote "
    "marks), keeping the text around it.",
)
CONTROL_IN_KEY = Rule(
    "the field name on this line holds an invisible character ({code}).",
    "Retype the field's name, keeping its value.",
    _CONTROL_IN_VALUE.search,
)

# Spaces from word processors and e-mail (the non-breaking space above all) that YAML does not
# count as spaces between a field's name, its ':' and its value.
ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_ODD_SPACE_AFTER_COLON = re.compile(rf"^\s*(- )?(?P<name>[^\s:#][^:]*?):(?P<space>[{ODD_SPACES}])")
ODD_SPACE_BEFORE_COLON = re.compile(rf"^(?P<name>.*?)(?P<space>[{ODD_SPACES}])+$")
YAML_FIX = (
    "Check this line and the one above it: indent with spaces (not tabs), put a space after each ':' "
    "and '-', and wrap text that contains ': ' or starts with a quote mark in quotes."
)


def odd_space(character: str) -> str:
    what = "a non-breaking space" if character == "\u00a0" else "an unusual kind of space"
    return f"{what} ({code_point(character)})"


def _odd_space_after_colon(line: str) -> Found:
    found = _ODD_SPACE_AFTER_COLON.match(line)
    return {"name": found["name"], "space": odd_space(found["space"])} if found else None


ODD_SPACE_AFTER_COLON = Rule(
    "the space after the ':' on this line is {space}, which does not count as a space there, so its field name "
    "and value run together",
    "Delete the space after '{name}:' and type an ordinary space in its place, keeping the value: "
    "it usually comes with text pasted from Word or an e-mail.",
    _odd_space_after_colon,
)


def quoted(text: str) -> str:
    """`text` as a YAML value between quote marks, read back exactly as it is."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


_OPENING_QUOTE = re.compile(r"^\s*(- )?([A-Za-z_][\w-]*:[ \t]+)?(?P<mark>[\"'])(?P<rest>.*)$")
# A field whose value, not in quote marks, holds ': '.
_TEXT_WITH_COLON = re.compile(r"^\s*(?P<name>(- )?[A-Za-z_][\w-]*):[ \t]+(?P<value>[^\"'\s\[{|>].*:( .*)?)$")
_CURLY_OPENING, _CURLY_CLOSING = "“‘„«‹", "”’“»›"  # “…”, ‘…’, „…“, «…», ‹…›


def _quote_mark(line: str) -> Found:
    found = _OPENING_QUOTE.match(line)
    return {"mark": "'" if found and found["mark"] == "'" else '"'}


def _text_with_colon(line: str) -> Found:
    if not (found := _TEXT_WITH_COLON.match(line)):
        return None
    value = found["value"].strip()
    if len(value) > 2 and value[0] in _CURLY_OPENING and value[-1] in _CURLY_CLOSING:
        value = value[1:-1]  # a word processor's quote marks would be published: YAML's instead
    return {"name": found["name"], "quoted": quoted(value)}


_NEVER_CLOSED = "a quote mark opened on this line is never closed"
_CLOSE_QUOTE = "Put a {mark} at the end of the value on this line, or delete the one at its start."
_QUOTE_NEVER_CLOSED = Rule(_NEVER_CLOSED, _CLOSE_QUOTE, _quote_mark)
_QUOTE_READ_ON = Rule(f"{_NEVER_CLOSED}, so the lines after it are read as its text", _CLOSE_QUOTE, _quote_mark)
_NO_SPACE_AFTER_COLON = Rule(
    "there is no space after the ':' on this line, so its field name and value run together",
    "Put a space after '{name}:', keeping the value.",
    re.compile(r"^\s*(- )?(?P<name>[A-Za-z_][\w-]*):\S").match,
)
_NO_COLON = Rule(
    "this line has no ':' after a field name: it may be text that lost its field, or a field missing its ':'",
    "If it is text, put it back after its field's name and ':' (or join it to the line above); if it is a "
    "field, put ':' and a space after its name.",
)
_TAB = Rule(
    "this line is indented with a tab",
    "Replace the tab at the start of this line with spaces, lined up with the lines above it.",
    re.compile(r"^[ \t]*\t").match,
)
_NOT_CLOSED = Rule("a list opened with '[' (or '{{') on this line is not closed with ']' (or '}}')")
_VALUE_WITH_COLON = Rule(
    "the value on this line holds a ':' that reads as the start of another field, as the value is not in quote marks",
    "Put the whole value in quote marks: {name}: {quoted}",
    _text_with_colon,
)
_COLON = Rule(
    "there is a ':' on this line where none was expected: the line is indented too far, or it holds text with "
    "': ' that is not in quotes"
)
_DOES_NOT_FIT = Rule(
    "this line does not fit{where}: check its indentation, and look above it for a quote mark that is never "
    "closed or text after a closing quote mark"
)
_NOT_LINED_UP = Rule("this line is not indented like the lines above it, or it is a list item without its '- '")


def _opened_quote(lines: list[str], start: int, end: int) -> int | None:
    """The first line from `start` up to `end` whose value opens a quote mark it does not close."""
    for number in range(start, min(end, len(lines))):
        if found := _OPENING_QUOTE.match(lines[number]):
            rest = found["rest"].replace("\\\\", "").replace('\\"', "") if found["mark"] == '"' else found["rest"]
            if found["mark"] not in rest.replace("''", ""):
                return number
    return None


_NOT_FOUND = "did not find expected key|expected <block end>"
# PyYAML's errors editors meet: a pattern of its context's words, one of its problem's, the line
# to look at and the rule. The line is the problem's, its context's (where what failed began:
# PyYAML points past a line it could not read), or the first of the record's lines to open a quote
# it does not close. The first row whose rule finds something there speaks, unless that line has
# an odd space after a ':', which is named instead.
LAYOUT_ERRORS = (
    ("quoted scalar", "end of stream", "context", _QUOTE_NEVER_CLOSED),
    ("simple key", "expected ':'", "context", _NO_SPACE_AFTER_COLON),
    ("simple key", "expected ':'", "context", _NO_COLON),
    ("", "tab", "problem", replace(_TAB, find=_always)),
    ("", "", "problem", _TAB),
    ("flow (sequence|mapping)", "", "context", _NOT_CLOSED),
    ("", "mapping values are not allowed", "problem", _VALUE_WITH_COLON),
    ("", "mapping values are not allowed", "problem", _COLON),
    ("", _NOT_FOUND, "opened quote", _QUOTE_READ_ON),
    ("", _NOT_FOUND, "problem", _DOES_NOT_FIT),
    ("", "did not find expected '-'", "problem", _NOT_LINED_UP),
    ("", "", "problem", Rule("its layout is not valid here ({details})")),
)


def explain_yaml_error(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """The line (from 0 in `text`) to point the editor at, what is wrong there and the fix."""
    context, problem, lines = error.context or "", error.problem or "", text.split("\n")
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else 0
    context_line = error.context_mark.line if error.context_mark else line
    record = context_line if error.context_mark and context_line != line else 0  # 0: none before it
    at = {"problem": line, "context": context_line, "opened quote": _opened_quote(lines, record, line)}
    where = f" the record that starts on line {context_line + 1}" if record else " the lines above it"
    details = " ".join(part for part in (context, problem) if part)
    for context_words, problem_words, looked_at, rule in LAYOUT_ERRORS:
        chosen = at[looked_at]
        if re.search(context_words, context) and re.search(problem_words, problem) and chosen is not None:
            here = lines[chosen] if 0 <= chosen < len(lines) else ""
            if found := rule(here, where=where, details=details):
                message, fix = ODD_SPACE_AFTER_COLON(here) or found
                return chosen, message, fix or YAML_FIX
    raise AssertionError("the last row of LAYOUT_ERRORS applies to every error")  # pragma: no cover


# A line inside a value over several lines that looks like a field ("pcn:Gullhaven"), not an
# address: YAML reads it as more of the value's text.
FIELD_READ_AS_TEXT = Rule(
    "this line looks like the field '{name}', but it is read as more of the text of '{key}' above it.",
    "If it is a field, line it up with '{key}:' and put a space after '{name}:'; if it is text, "
    "put the whole value of '{key}' in quote marks.",
    re.compile(r"^\s*(?P<name>[A-Za-z_][\w-]*):(?!//)\S").match,
)

# The example records' values (the commented one atop data/projects.yaml), which uncommented and
# saved unedited would publish made-up facts.
PLACEHOLDERS = frozenset(
    "example-project|Example Project|Example Trust|Example Charity|Example PCN|To ...|The team ...|Name, role|"
    "Where the link goes|The words, exactly as published, without quote marks.|A short impact summary, in Markdown.|"
    "https://example.org/where-it-was-published|https://example.org/page".split("|")
)
_QUOTE_PAIRS = dict(zip(_CURLY_OPENING + "”\"'", _CURLY_CLOSING + "”\"'", strict=True))


def _in_quote_marks(value: str) -> Found:
    """Curly marks, or YAML's own escaped ('"\\"It was"') or nested ('"It was"' in single quotes),
    which the value shows beside the site's; a straight mark only when it is not also inside
    ('"Walks" and "Talks"' is two titles)."""
    mark = value[:1]
    if len(value) >= 2 and _QUOTE_PAIRS.get(mark) == value[-1] and (mark not in "\"'" or value.count(mark) == 2):
        return {"open": mark, "close": value[-1]}
    return None


# What shows nothing yet changes a text: the finder's search misses the words around a zero-width
# space or a soft hyphen, and a direction override or isolate shows what follows in another order
# than typed (a quote's direction comes from its `lang`). Joiners and direction marks (U+200C to
# U+200F) stay: Persian, the Indian scripts and emoji need them.
_HIDDEN_IN_TEXT = re.compile("[\u00ad\u200b\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]")


def _hidden_in_text(value: str) -> Found:
    if value.isascii() or (found := _HIDDEN_IN_TEXT.search(value)) is None:
        return None
    if all(c.isspace() or unicodedata.category(c) == "Cf" for c in value):
        return None  # a value that shows nothing at all has its own message (fields.shows_nothing)
    start, end, code = found.start(), found.end(), code_point(found.group())
    before, after = value[:start], value[end:]
    if before and not before[-1].isspace():  # the cursor goes against the word it follows
        where = f"straight after '{before.split()[-1]}' and press Delete"
    elif after.strip():
        where = f"straight before '{after.split()[0]}' and press Backspace"
    else:
        where = "at the end of the value and press Backspace"
    return {
        "shown": f"{before[-20:]}<{code}>{after[:20]}".strip(),
        "name": unicodedata.name(found.group()).lower(),
        "code": code,
        "where": where,
    }


HIDDEN_IN_TEXT = Rule(
    "'{shown}' holds a character that shows nothing ({name}, {code}): it usually comes with text copied from a "
    "web page or a document, and the site would publish it as a different text than it looks.",
    "Put the cursor {where} once: the character goes, and nothing you can see changes.",
    _hidden_in_text,
)

SLIPS = (
    # A word processor's bullet, pasted with the text after YAML's '- '.
    Rule(
        "it starts with a bullet ('{bullet}') pasted from a word processor.",
        "Delete the '{bullet}' and the space after it: the '- ' before it already makes a list item.",
        re.compile(r"^(?P<bullet>[•◦▪▫●○■□‣⁃∙·▸►‐‑–—])[\t  ]+").match,
    ),
    Rule(
        "the whole value is wrapped in the quote marks {open} and {close}, which the site would show.",
        "Delete the {open} at its start and the {close} at its end; keep the text between them.",
        _in_quote_marks,
    ),
    Rule(
        "it holds a tab, which a one-line value cannot show.",
        "Replace the tab with a space.",
        lambda value: {} if "\t" in value and "\n" not in value else None,
    ),
    HIDDEN_IN_TEXT,
    Rule(
        "'{value}' is the example record's placeholder, not a fact.",
        "Replace it with the real value, or delete the line: the site then shows nothing for it.",
        lambda value: {"value": value} if value in PLACEHOLDERS else None,
    ),
)


def slip(value: str, address_or_id: bool = False) -> tuple[str, str] | None:
    """The first slip of a value; one that shows nothing in an address or an id is `invisible_in_id`'s."""
    rules = [rule for rule in SLIPS if not (address_or_id and rule is HIDDEN_IN_TEXT)]
    return next((refusal for rule in rules if (refusal := rule(value))), None)


# What shows nothing, or as a space, which an id (a page's address) cannot hold: format characters
# (zero-width space, soft hyphen, joiners, direction marks) and odd spaces.
_INVISIBLE = re.compile(f"[{ODD_SPACES}\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def _invisible(value: str) -> Found:
    if value.isascii():
        return None
    found = _INVISIBLE.search(value) or next(
        (match for match in re.finditer(".", value) if unicodedata.category(match.group()) == "Cf"), None
    )
    if found is None:
        return None
    code = code_point(found.group())
    # A soft hyphen is where a word processor may break a word: in an address, a hyphen was meant.
    kept = "".join(part for part in _INVISIBLE.split(value.replace("\u00ad", "-")) if part)
    return {
        "shown": f"{value[: found.start()]}<{code}>{value[found.end() :]}",
        "name": unicodedata.name(found.group(), "").lower() or "an invisible character",
        "code": code,
        "kept": "".join(c for c in kept if unicodedata.category(c) != "Cf"),
    }


invisible_in_id = Rule(
    "'{shown}' holds a character that shows nothing ({name}, {code}), which an address cannot hold: it usually "
    "comes with text copied from a web page or a document.",
    "Retype it: '{kept}'.",
    _invisible,
)

_NOTE_STARTS = "a space then '#' starts a note for editors, which is left out"
_NOTE_ON_OWN_LINE = "move it onto a line of its own above this one, starting with '#'"


def note_after_value(value: Scalar) -> tuple[str, str]:
    """A value whose last line ends in a note (`Scalar.note`): the fix keeps every word."""
    words, note = value.text.strip(), value.note
    lost = (
        f"the site would publish '{words}' without '{note}'" if words else f"the value would be empty, without '{note}'"
    )
    message = f"{_NOTE_STARTS}: {lost}."
    if value.quoted_line:
        keep = f"put the whole value in quote marks: {value.quoted_line}"
        return message, f"If '{note}' is part of the text, {keep} If it is a note, {_NOTE_ON_OWN_LINE}."
    if value.plain:
        keep = f"put the whole value in quote marks, from its start on line {value.line} to the end of this line"
    else:
        keep = "move it inside the quote marks"
    return message, f"If '{note}' is part of the text, {keep}; if it is a note, {_NOTE_ON_OWN_LINE}."


def note_after_list(note: str) -> tuple[str, str]:
    """A note typed after a key whose value is on the lines below, or after a list in brackets."""
    return (
        f"{_NOTE_STARTS}: '{note}' would not be published.",
        f"If it is a note, {_NOTE_ON_OWN_LINE}; if it is part of the list, write it as an item of its own, in quote marks.",
    )
