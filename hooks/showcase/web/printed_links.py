"""A web page's links to other websites as numbered notes on paper: "[2]" after a link, and each
address once in a list at the foot of the page, as the PDFs cite their sources (pdf/source_notes.py).

Printed after each link (CSS's `attr(href)`), a 120-character address came after every fact it is
the source of, again and again. The notes and the list are shown on paper only (showcase.css),
so on screen, and to a screen reader, nothing changes. The HTML is read with Python's own parser,
which says where each tag is, so that every other character of the page is left as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import accumulate

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
        # Most of a big page (the finder's cards) links only within the site: reading it all is
        # a sixth of a warm build at 100 projects (bench/README.md), for no note.
        return PrintedLinks(Markup(html), ())
    reader = _LinkReader(html)
    reader.feed(html)
    reader.close()
    pieces: list[str] = []
    start = 0
    for at, number in reader.notes:
        pieces += [html[start:at], f'<span class="{NOTE_CLASS}">[{number}]</span>']
        start = at
    pieces.append(html[start:])
    listed = tuple((number, address) for number, address, _ in reader.sources.listed)
    return PrintedLinks(Markup("".join(pieces)), listed)


def shows_its_address(text: str, address: str) -> bool:
    """Whether a link's text is its address (with or without the scheme or a closing '/')."""
    text = text.strip().rstrip("/")
    bare = address.rstrip("/")
    return text in (bare, bare.split("://", 1)[-1])


@dataclass
class _Link:
    address: str
    text: list[str] = field(default_factory=list)


class _LinkReader(HTMLParser):
    """Finds the links to other websites in reading order, and where each one ends: a note goes
    right after its `</a>` (HTMLParser says where the end tag starts, as a line and a column)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        # Where each line starts, as HTMLParser counts lines (after each "\n").
        self.line_starts = [0, *accumulate(len(line) + 1 for line in html.split("\n")[:-1])]
        # The addresses, numbered as the PDFs number their sources (pdf/source_notes.py).
        self.sources = SourceNotes()
        self.notes: list[tuple[int, int]] = []  # where each note goes (an offset in the HTML), its number
        self._link: _Link | None = None
        self._drawings = 0  # how many <svg> elements we are inside

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self._drawings += 1
        elif tag == "a" and not self._drawings:
            address = dict(attrs).get("href") or ""
            self._link = _Link(address) if address.startswith(NOTED_SCHEMES) else None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <br/>, <img/>: never a link, nor a drawing with content

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._drawings:
            self._drawings -= 1
        elif tag == "a" and self._link is not None:
            link, self._link = self._link, None
            if not shows_its_address("".join(link.text), link.address):
                line, column = self.getpos()
                end = self.html.index(">", self.line_starts[line - 1] + column) + 1
                self.notes.append((end, self.sources.number(link.address)))

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.text.append(data)
