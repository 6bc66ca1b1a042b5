"""Each left-to-right text run in a script that shaping may reorder (a Devanagari short i is drawn
before its consonant) carries its typed text as /ActualText on its marked content (PDF 32000-1
14.9.4), so a reader's tools copy it as typed, not in drawing order (WCAG 1.3.2). WeasyPrint 70
writes only the run's MCID: this wraps its marked-content writer, in the worker only. WeasyPrint
is pinned, and tests/test_pdf.py copies a quote in each script out of the PDFs, so a change to
that writer fails the suite rather than dropping the text.

Poppler honours /ActualText, pypdf 7.1 does not (it reads only the fonts' ToUnicode maps).
Right-to-left runs get none: poppler lays the replacement out left to right and then reverses
it as it reverses right-to-left glyphs, so an Arabic run would come out backwards; drawn glyphs
in visual order it already puts back in typed order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fontTools.unicodedata import script

# Latin, Common (spaces, digits, punctuation) and Inherited (combining accents): drawn as typed.
TYPED_ORDER_SCRIPTS = frozenset({"Latn", "Zyyy", "Zinh"})
RIGHT_TO_LEFT = frozenset({"R", "AL"})


def needs_actual_text(text: str) -> bool:
    """Whether a run may be drawn out of typed order and poppler takes a replacement for it."""
    shaped = any(script(character) not in TYPED_ORDER_SCRIPTS for character in text)
    return shaped and not any(unicodedata.bidirectional(character) in RIGHT_TO_LEFT for character in text)


def add_actual_text() -> None:
    """Wrap WeasyPrint's marked-content writer (once per process) so a text run's property list
    gets /ActualText, a UTF-16BE string with its byte order mark (pydyf writes non-ASCII so)."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf.stream import Stream

    marked = Stream.marked
    if getattr(marked, "adds_actual_text", False):
        return

    @contextmanager
    def marked_with_actual_text(stream: Any, box: Any, tag: str) -> Iterator[None]:
        with marked(stream, box, tag):
            if stream._tags is not None and isinstance(box, boxes.TextBox) and needs_actual_text(box.text):
                # marked() has just written `/Span <</MCID n>> BDC`: the dictionary is still an object.
                property_list = stream.stream[-2]
                assert property_list == {"MCID": stream._tags[box]["mcid"]}, property_list
                property_list["ActualText"] = pydyf.String(box.text)
            yield

    marked_with_actual_text.adds_actual_text = True  # type: ignore[attr-defined]
    Stream.marked = marked_with_actual_text
