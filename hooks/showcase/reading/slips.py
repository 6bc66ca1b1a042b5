"""The slips editors really make in values that YAML reads without complaint, and their fixes.

Each `slip` returns (what is wrong, how to fix it keeping the editor's text), or None. The
loader refuses every one (a slip published looks like a typo on the public site); each has only
one sensible reading, so the fix says exactly what to change.
"""

from __future__ import annotations

import re
import unicodedata

from showcase.reading.source import ODD_SPACES, Scalar

# Bullets that word processors put before a list item, pasted with the text after YAML's '- '.
_BULLET = re.compile(r"^(?P<bullet>[•◦▪▫●○■□‣⁃∙·▸►‐‑–—])[\t  ]+")
# Typographic quote marks around a whole value: “…”, ‘…’, „…“, «…», ‹…›.
_QUOTE_PAIRS = {"“": "”", "‘": "’", "„": "“", "«": "»", "‹": "›", "”": "”"}

# The values of the example records (the commented one at the top of data/projects.yaml and
# what the scaffolds write): uncommented and saved unedited, they would publish made-up facts.
PLACEHOLDERS = frozenset(
    {
        "example-project",
        "Example Project",
        "Example Trust",
        "Example Charity",
        "Example PCN",
        "To ...",
        "The team ...",
        "Name, role",
        "Where the link goes",
        "The words, exactly as published, without quote marks.",
        "A short impact summary, in Markdown.",
        "https://example.org/where-it-was-published",
        "https://example.org/page",
    }
)


def slip(value: str) -> tuple[str, str] | None:
    if found := _BULLET.match(value):
        bullet = found["bullet"]
        return (
            f"it starts with a bullet ('{bullet}') pasted from a word processor.",
            f"Delete the '{bullet}' and the space after it: the '- ' before it already makes a list item.",
        )
    if len(value) >= 2 and _QUOTE_PAIRS.get(value[0]) == value[-1]:
        return (
            f"the whole value is wrapped in the quote marks {value[0]} and {value[-1]}, which the site would show.",
            f"Delete the {value[0]} at its start and the {value[-1]} at its end; keep the text between them.",
        )
    if "\t" in value and "\n" not in value:
        return ("it holds a tab, which a one-line value cannot show.", "Replace the tab with a space.")
    if value in PLACEHOLDERS:
        return (
            f"'{value}' is the example record's placeholder, not a fact.",
            "Replace it with the real value, or delete the line: the site then shows nothing for it.",
        )
    return None


# A note for editors typed after a value: a space then '#' starts one, as in `aim: ... in PCN #3`.
NOTE_STARTS = "a space then '#' starts a note for editors, which is left out"
_NOTE_ON_OWN_LINE = "move it onto a line of its own above this one, starting with '#'"


def note_after_value(value: Scalar) -> tuple[str, str]:
    """What is wrong with a value whose last line ends in a note (`Scalar.note`), and the fix
    that keeps every word: the line with the value in quote marks, or the note on its own line."""
    words, note = value.text.strip(), value.note
    if words:
        message = f"{NOTE_STARTS}: the site would publish '{words}' without '{note}'."
    else:
        message = f"{NOTE_STARTS}: the value would be empty, without '{note}'."
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
        f"{NOTE_STARTS}: '{note}' would not be published.",
        f"If it is a note, {_NOTE_ON_OWN_LINE}; if it is part of the list, write it as an item of its own, in quote marks.",
    )


# Characters that show nothing, or show as a space, which an id (a page's address) cannot hold:
# format characters (zero-width space, soft hyphen, joiners, direction marks) and odd spaces.
_INVISIBLE = re.compile(f"[{ODD_SPACES}\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def invisible_in_id(value: str) -> tuple[str, str] | None:
    """What is wrong with a slug or id holding a character that shows nothing (pasted with it from
    a web page or a document), and the fix: the id without it."""
    if value.isascii():
        return None
    found = _INVISIBLE.search(value) or next(
        (match for match in re.finditer(".", value) if unicodedata.category(match.group()) == "Cf"), None
    )
    if found is None:
        return None
    character = found.group()
    name = unicodedata.name(character, "").lower() or "an invisible character"
    shown = value[: found.start()] + f"<U+{ord(character):04X}>" + value[found.end() :]
    # A soft hyphen is where a word processor may break a word: in an address, a hyphen was meant.
    kept = "".join(part for part in _INVISIBLE.split(value.replace("\u00ad", "-")) if part)
    kept = "".join(c for c in kept if unicodedata.category(c) != "Cf")
    return (
        f"'{shown}' holds a character that shows nothing ({name}, U+{ord(character):04X}), which an address "
        "cannot hold: it usually comes with text copied from a web page or a document.",
        f"Retype it: '{kept}'.",
    )
