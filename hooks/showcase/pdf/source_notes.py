"""A PDF's sources as numbered notes: "[2]" after a fact, and each address once in the list of
sources at the foot of the part that cites it (a snapshot, a cohort's page).

On paper a link cannot be followed, so an address is printed; printed after each fact, a long
address came before the next fact, and again after each fact it states. The numbers follow the
reading order: print_html.py renders a document inside `numbering(notes)`, and the templates'
`source_note(url, copy)` numbers an address when first cited. Each part of a pack numbers its own,
so one rendered snapshot serves every pack that holds it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class SourceNotes:
    """The sources a document cites, numbered from 1 as first cited, each with what it is when it
    is another website's copy of a document (citations.copy_note)."""

    numbers: dict[str, int] = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)

    def number(self, url: str, copy: str = "") -> int:
        if copy:
            self.copies[url] = copy
        return self.numbers.setdefault(url, len(self.numbers) + 1)

    @property
    def listed(self) -> tuple[tuple[int, str, str], ...]:
        """Each (number, address, what it is if a copy, else ""), in the numbers' order."""
        return tuple((number, url, self.copies.get(url, "")) for url, number in self.numbers.items())


_CURRENT: ContextVar[SourceNotes | None] = ContextVar("showcase_source_notes", default=None)


@contextlib.contextmanager
def numbering(notes: SourceNotes) -> Iterator[SourceNotes]:
    """While one document's templates render: `source_note` numbers here."""
    token = _CURRENT.set(notes)
    try:
        yield notes
    finally:
        _CURRENT.reset(token)


def source_note(url: str, copy: str = "") -> int:
    """The number of the source at `url` in the document being rendered."""
    notes = _CURRENT.get()
    if notes is None:
        raise RuntimeError("a print template cited a source outside print_html's numbering()")
    return notes.number(url, copy)


_WRAP_POINTS = re.compile(r"(?<=[/@])(?=[^/@])")
PIECE_MOST = 60  # characters: a piece fits on a line of a snapshot's column of sources
# Before a hyphen, as style guides break an address (Chicago 14.18): a line that ends at a hyphen
# reads as a word broken in two, and copying the text drops that hyphen.
_LONG_PART_WRAP_POINTS = re.compile(r"(?<=[^-])(?=-)")


def address_pieces(address: str) -> list[str]:
    """An address in pieces of at most PIECE_MOST characters, cut only after a '/' or an e-mail
    address's '@', where a printed address may wrap (a part longer than a line, a page's long name,
    before its hyphens too). The template keeps each piece whole and breaks only between pieces,
    each a link of its own to the whole address: a link holding elements of its own is not tagged
    as one link (PDF/UA-1)."""
    parts = [
        piece
        for part in _WRAP_POINTS.split(address)
        for piece in (_LONG_PART_WRAP_POINTS.split(part) if len(part) > PIECE_MOST else [part])
    ]
    pieces: list[str] = []
    for part in parts:
        if pieces and len(pieces[-1]) + len(part) <= PIECE_MOST:
            pieces[-1] += part
        else:
            pieces.append(part)
    return pieces
