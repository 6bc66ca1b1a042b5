"""A web page's links to other websites as numbered notes on paper: "[2]" after a link, and each
address once in a list at the foot of the page, as the PDFs cite their sources (pdf/source_notes.py).

Printed after each link (CSS's `attr(href)`), a 120-character address came after every fact it is
the source of, again and again. The notes and the list are shown on paper only (showcase.css),
so on screen, and to a screen reader, nothing changes. Only the notes are added: every other
character of the page is left as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from markupsafe import Markup

from showcase.pdf.source_notes import SourceNotes

NOTED_SCHEMES = ("http://", "https://")  # an e-mail address (mailto:) is a link's own text
NOTE_CLASS = "sc-link-note"
# An attribute that may hold an address on another website: a page without one has no note to add.
_MAY_LINK_OUT = re.compile(r"""=\s*["']?(?:""" + "|".join(map(re.escape, NOTED_SCHEMES)) + ")")


@dataclass(frozen=True)
class PrintedLinks:
    """A page's HTML with its notes, and the addresses they number: (number, address), in order."""

    html: Markup
    listed: tuple[tuple[int, str], ...]


def note_links(html: str) -> PrintedLinks:
    """`html` (rendered by the site's own templates, so trusted) with "[n]" after each link to
    another website, n its address's number in reading order (the same each time it is linked).
    A link whose text is its address, or inside a drawing (an SVG can hold no HTML), has none."""
    if not _MAY_LINK_OUT.search(html):
        # Most of a big page (the finder's cards) links only within the site: no note to add.
        return PrintedLinks(Markup(html), ())
    sources = SourceNotes()  # the addresses, numbered as the PDFs number their sources
    pieces: list[str] = []
    start, drawings = 0, 0
    link: tuple[str, int] | None = None  # an open link to another website: its address, where its text starts
    for tag in _TAGS.finditer(html):
        name, closing = (tag["name"] or "").lower(), bool(tag["closing"])
        if name == "svg":
            drawings = max(0, drawings + (-1 if closing else 1))
        elif name == "a" and not closing and not drawings:
            address = _href(tag["attributes"])
            link = (address, tag.end()) if address.startswith(NOTED_SCHEMES) else None
        elif name == "a" and closing and link is not None:
            (address, text_start), link = link, None
            text = unescape(_ANY_TAG.sub("", html[text_start : tag.start()]))
            if not shows_its_address(text, address):
                pieces += [html[start : tag.end()], f'<span class="{NOTE_CLASS}">[{sources.number(address)}]</span>']
                start = tag.end()
    pieces.append(html[start:])
    listed = tuple((number, address) for number, address, _ in sources.listed)
    return PrintedLinks(Markup("".join(pieces)), listed)


# The tags that matter, read with a pattern: the HTML is the site's own (every value escaped, so
# no '>' inside an attribute), and comments, scripts and styles are passed over whole. Python's
# HTMLParser read it the same way at about ten times the cost (a sixth of a warm build).
_TAGS = re.compile(
    r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>"
    r"|<(?P<closing>/?)(?P<name>a|svg)(?=[\s/>])(?P<attributes>[^>]*)>",
    re.IGNORECASE | re.DOTALL,
)
_ANY_TAG = re.compile(r"<[^>]*>")
_HREF = re.compile(r"""(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


def _href(attributes: str) -> str:
    found = _HREF.search(attributes)
    return unescape(next((value for value in found.groups() if value is not None), "")) if found else ""


def shows_its_address(text: str, address: str) -> bool:
    """Whether a link's text is its address (with or without the scheme or a closing '/')."""
    text = text.strip().rstrip("/")
    bare = address.rstrip("/")
    return text in (bare, bare.split("://", 1)[-1])
