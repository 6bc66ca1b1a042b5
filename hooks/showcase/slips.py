"""The slips editors really make in values that YAML reads without complaint, and their fixes.

Each `slip` returns (what is wrong, how to fix it keeping the editor's text), or None. The
loader refuses every one (a slip published looks like a typo on the public site); each has only
one sensible reading, so the fix says exactly what to change.
"""

from __future__ import annotations

import re

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
