"""A web page's links to other websites as numbered notes on paper: "[2]" after a link, and each
address once in a list at the foot of the page, as the PDFs cite their sources (pdf/source_notes.py).

On paper a link cannot be followed, so its address has to be printed; printed after each link (CSS's
`attr(href)`), a 120-character address came after every fact it is the source of, the same one
again and again. The numbers follow the order a reader meets the links in, the page's own order.
The notes and the list are in the page's HTML for print only: the stylesheet shows them on paper
and nowhere else (theme/assets/showcase.css), so on screen, and to a screen reader, nothing changes.

Given the HTML a page's templates rendered (theme/main.html passes its content), `note_links`
returns it with a note after each link to another website, and the numbered addresses for
theme/partials/showcase/printed-links.html. The HTML is read with Python's own HTML parser, which
says where each tag is, so that each note is put in after its link and every other character of
the page is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from markupsafe import Markup

NOTED_SCHEMES = ("http://", "https://")  # an e-mail address (mailto:) is a link's own text
NOTE_CLASS = "sc-link-note"


@dataclass(frozen=True)
class PrintedLinks:
    """A page's HTML with a note after each link to another website, and the addresses the notes
    number, each once: (number, address), in the numbers' order."""

    html: Markup
    listed: tuple[tuple[int, str], ...]


def note_links(html: str) -> PrintedLinks:
    """`html` (rendered by the site's own templates, so trusted) with "[n]" after each link to
    another website, n the address's number: 1 for the first address a reader meets, the same
    number each time the address is linked again. A link whose text is its address already, and
    a link inside a drawing (an SVG can hold no HTML), carries no note."""
    reader = _LinkReader()
    reader.feed(html)
    reader.close()
    pieces: list[str] = []
    start = 0
    offsets = _line_offsets(html)
    for where, number in reader.notes:
        at = len(html) if where is None else offsets[where[0] - 1] + where[1]
        pieces += [html[start:at], f'<span class="{NOTE_CLASS}">[{number}]</span>']
        start = at
    pieces.append(html[start:])
    listed = tuple((number, address) for address, number in reader.numbers.items())
    return PrintedLinks(Markup("".join(pieces)), listed)


def shows_its_address(text: str, address: str) -> bool:
    """Whether a link's text is its address (with or without the scheme or a closing '/'), so
    that the address is on paper already."""
    text = text.strip().rstrip("/")
    bare = address.rstrip("/")
    return text in (bare, bare.split("://", 1)[-1])


def _line_offsets(text: str) -> list[int]:
    """Where each line of `text` starts, as HTMLParser counts lines (after each "\\n")."""
    offsets = [0]
    for line in text.split("\n")[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    return offsets


@dataclass
class _Link:
    address: str
    text: list[str] = field(default_factory=list)


class _LinkReader(HTMLParser):
    """Finds the links to other websites in reading order, and where each one ends: a note goes
    where the next thing after its `</a>` starts (HTMLParser gives where each thing starts)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.numbers: dict[str, int] = {}
        # Where each note goes, (line, column) or None for the very end, and its number.
        self.notes: list[tuple[tuple[int, int] | None, int]] = []
        self._link: _Link | None = None
        self._due: int | None = None  # a note waiting for the position after its link
        self._drawings = 0  # how many <svg> elements we are inside

    def _place_due_note(self) -> None:
        if self._due is not None:
            self.notes.append((self.getpos(), self._due))
            self._due = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._place_due_note()
        if tag == "svg":
            self._drawings += 1
        elif tag == "a" and not self._drawings:
            address = dict(attrs).get("href") or ""
            self._link = _Link(address) if address.startswith(NOTED_SCHEMES) else None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._place_due_note()  # <br/>, <img/>: never a link, nor a drawing with content

    def handle_endtag(self, tag: str) -> None:
        self._place_due_note()
        if tag == "svg" and self._drawings:
            self._drawings -= 1
        elif tag == "a" and self._link is not None:
            link, self._link = self._link, None
            if not shows_its_address("".join(link.text), link.address):
                self._due = self.numbers.setdefault(link.address, len(self.numbers) + 1)

    def handle_data(self, data: str) -> None:
        self._place_due_note()
        if self._link is not None:
            self._link.text.append(data)

    def handle_comment(self, data: str) -> None:
        self._place_due_note()

    def handle_decl(self, decl: str) -> None:
        self._place_due_note()

    def handle_pi(self, data: str) -> None:
        self._place_due_note()

    def unknown_decl(self, data: str) -> None:
        self._place_due_note()

    def close(self) -> None:
        super().close()
        if self._due is not None:  # the HTML ends with a link: its note goes at the very end
            self.notes.append((None, self._due))
            self._due = None
