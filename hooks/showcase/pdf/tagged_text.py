"""What WeasyPrint 70 does not write into a PDF's tagged text, added in the worker by wrapping
its functions (it is pinned, and tests/test_pdf.py copies a quote in each script out of the
PDFs with poppler and pypdf, so a change to either fails the suite rather than losing the text).

Languages: an element the print HTML marks with a `lang` (a quote's) carries it as /Lang, so a
screen reader reads it in that language (PDF/UA-1 7.2, WCAG 3.1.2); WeasyPrint writes only the
document's.

Copy-out (WCAG 1.3.2): text in a script that shaping reorders (a Devanagari short i is drawn
before its consonant) copies out as typed. A left-to-right run in such a script carries its text
as /ActualText (PDF 32000-1 14.9.4), which poppler reads; pypdf 7.1 ignores it and reads glyphs
in drawing order through the fonts' ToUnicode maps, so a cluster drawn out of typed order is
drawn in typed order instead, each glyph where it was, each mapping to its own characters.
Right-to-left runs get neither: poppler would reverse a replacement (an Arabic run would come
out backwards), and both tools put glyphs drawn in visual order back already. But a line's runs
are drawn in typed order, each where it was, so that pypdf reads an Arabic quote's closing full
stop after its words. No drawing order mends poppler's raised vowel mark starting a word, or its
full stop first on a right-to-left line (tests/test_pdf.py's strict xfail), nor Firefox's
PDF.js 4.7, which reads no /ActualText and counts a pen's move as a space
(tests/test_pdf_copy_out.py says what it copies).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import permutations
from typing import Any

from fontTools.unicodedata import script

# Latin, Common (spaces, digits, punctuation) and Inherited (combining accents): drawn as typed.
TYPED_ORDER_SCRIPTS = frozenset({"Latn", "Zyyy", "Zinh"})
LAST_LATIN_ACCENT = "\u036f"  # below it, every character is Latin, Common or Inherited
RIGHT_TO_LEFT = frozenset({"R", "AL"})


def may_be_reordered(text: str) -> bool:
    """Whether shaping may draw some of a text out of typed order."""
    return any(script(character) not in TYPED_ORDER_SCRIPTS for character in text if character > LAST_LATIN_ACCENT)


def needs_actual_text(text: str) -> bool:
    """Whether a run may be drawn out of typed order and poppler takes a replacement for it."""
    return may_be_reordered(text) and not any(
        unicodedata.bidirectional(character) in RIGHT_TO_LEFT for character in text
    )


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


# Clusters in typed order, for pypdf: each glyph's ToUnicode entry is its own characters, where
# WeasyPrint writes the whole cluster for the last glyph and an empty entry (PDF/UA-1 refuses
# one; pypdf drops the short i) for the others.

PANGO_TO_PDF_OFFSET = 1000 / 1024  # WeasyPrint reads an x offset as 1024/1000 of a width
MOST_GLYPHS_REORDERED = 5  # their orders are tried one by one


CHARACTERS_OF_GLYPHS: dict[str, dict[int, str]] = {}  # by WeasyPrint's font hash, per worker


def characters_of_glyphs(font: Any) -> dict[int, str]:
    """Each glyph of a font that its cmap gives a character, with that character (the lowest)."""
    if font.hash not in CHARACTERS_OF_GLYPHS:
        import io

        from fontTools.ttLib import TTFont

        ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
        glyph_ids = ttfont.getReverseGlyphMap()
        found: dict[int, str] = {}
        for code, name in sorted(ttfont.getBestCmap().items()):
            found.setdefault(glyph_ids[name], chr(code))
        CHARACTERS_OF_GLYPHS[font.hash] = found
    return CHARACTERS_OF_GLYPHS[font.hash]


def typed_order(glyph_ids: list[int], cluster: str, characters: dict[int, str]) -> list[tuple[int, str]] | None:
    """Each glyph's index and the characters it shows, in typed order, if each shows its cmap's
    character (decomposed, as a Bengali yya with its nukta is typed) and they are drawn out of
    that order; a glyph the cmap does not give (a short i's variant for a wide consonant) shows
    the one character left."""
    shown = [
        unicodedata.normalize("NFD", characters[glyph_id]) if glyph_id in characters else None for glyph_id in glyph_ids
    ]
    if shown.count(None) == 1:
        left = Counter(cluster) - Counter("".join(filter(None, shown)))
        if left.total() == 1:
            shown[shown.index(None)] = next(iter(left))
    known = [text for text in shown if text is not None]
    if len(known) < len(shown) or "".join(known) == cluster or len(known) > MOST_GLYPHS_REORDERED:
        return None
    for order in permutations(range(len(known))):
        if "".join(known[index] for index in order) == cluster:
            return [(index, known[index]) for index in order]
    return None


def draw_line_in_typed_order(stream: Any, text: str, line: Any) -> None:
    from weasyprint.text.ffi import ffi

    utf8 = text.encode()
    run = line.runs
    while run != ffi.NULL:
        glyph_item, run = run.data, run.next
        item = glyph_item.item
        if item.analysis.level % 2:  # right to left: poppler and pypdf put it back in order
            continue
        font, _ = stream.add_font(item.analysis.font)
        glyphs = glyph_item.glyphs
        clusters = glyphs.log_clusters
        count = glyphs.num_glyphs
        start = 0
        while start < count:
            end = start + 1
            while end < count and clusters[end] == clusters[start]:
                end += 1
            if end - start > 1:
                stop = clusters[end] if end < count else item.length
                cluster = utf8[item.offset + clusters[start] : item.offset + stop].decode()
                reorder_cluster(glyphs, start, end, cluster, characters_of_glyphs(font))
            start = end


def reorder_cluster(glyphs: Any, start: int, end: int, cluster: str, characters: dict[int, str]) -> None:
    infos, clusters = glyphs.glyphs, glyphs.log_clusters
    drawn = [infos[index] for index in range(start, end)]
    order = typed_order([info.glyph for info in drawn], cluster, characters)
    if order is None:
        return
    was = [(info.glyph, info.geometry.width, info.geometry.x_offset, info.geometry.y_offset) for info in drawn]
    pens = [sum(width for _, width, _, _ in was[:index]) for index in range(len(was))]
    byte = clusters[start]
    # Each glyph at its own place from the cluster's start; the pen moves on by the whole cluster
    # after the last.
    for position, (index, text) in enumerate(order):
        glyph, _, x_offset, y_offset = was[index]
        info = infos[start + position]
        info.glyph = glyph
        info.geometry.x_offset = round(pens[index] * PANGO_TO_PDF_OFFSET) + x_offset
        info.geometry.y_offset = y_offset
        info.geometry.width = sum(width for _, width, _, _ in was) if position == len(order) - 1 else 0
        clusters[start + position] = byte
        byte += len(text.encode())


# Runs in typed order, for pypdf: a line is drawn as runs (one font, one direction each), left to
# right. pypdf reverses each stretch of right-to-left letters, ends a stretch at a change of font,
# and gives a full stop or space to the stretch it is in: an Arabic quote's closing full stop,
# drawn first at the left in the Latin font, went with the English before the quote. poppler
# places what it reads by position, so the drawing order does not change what it copies.


def draw_runs_in_typed_order(line: Any) -> Callable[[], None] | None:
    """Relink a line's runs in typed order and move the first glyph drawn of each to where the run
    was (the pen moves on from there); return what puts them back, or None when they were in order."""
    from weasyprint.text.ffi import ffi, pango

    shown: list[Any] = []
    node = line.runs
    while node != ffi.NULL:
        shown.append(node)
        node = node.next
    typed = sorted(shown, key=lambda node: node.data.item.offset)
    if typed == shown:
        return None
    starts, x = {}, 0
    for node in shown:
        starts[node.data.item.offset] = x
        glyphs = node.data.glyphs
        x += sum(info.geometry.width for info in glyphs.glyphs[0 : glyphs.num_glyphs])
    moved: list[tuple[Any, int, int]] = []  # each moved glyph, its x offset and width as laid out
    pen = 0
    for node in typed:
        glyphs = node.data.glyphs
        infos = glyphs.glyphs[0 : glyphs.num_glyphs]
        start, width = starts[node.data.item.offset], sum(info.geometry.width for info in infos)
        # WeasyPrint draws an empty glyph (a zero-width space) as a move of the pen, without its x offset.
        visible = next((info for info in infos if info.glyph != pango.PANGO_GLYPH_EMPTY), None)
        if visible is None:
            pen += width
            continue
        moved.append((visible, visible.geometry.x_offset, visible.geometry.width))
        visible.geometry.x_offset += round((start - pen) * PANGO_TO_PDF_OFFSET)
        visible.geometry.width += start - pen
        pen = start + width
    for node, after in zip(typed, [*typed[1:], ffi.NULL], strict=True):
        node.next = after
    line.runs = typed[0]

    def put_back() -> None:
        for node, after in zip(shown, [*shown[1:], ffi.NULL], strict=True):
            node.next = after
        line.runs = shown[0]
        for info, x_offset, width in moved:
            info.geometry.x_offset, info.geometry.width = x_offset, width

    return put_back


def draw_in_typed_order() -> None:
    """Wrap WeasyPrint's line drawer (once per process) so it draws clusters and runs in typed order."""
    from weasyprint.draw import text as drawing

    draw_first_line = drawing.draw_first_line
    if getattr(draw_first_line, "draws_in_typed_order", False):
        return

    def draw_first_line_in_typed_order(stream: Any, textbox: Any, *rest: Any) -> Any:
        layout = textbox.pango_layout

        put_back: list[Callable[[], None]] = []

        def first_line() -> tuple[Any, int | None]:
            # Asked again only after the text changed (an ellipsis): Pango laid out a new line.
            put_back.clear()
            line, index = type(layout).get_first_line(layout)
            if may_be_reordered(layout.text):
                draw_line_in_typed_order(stream, layout.text, line)
                if undo := draw_runs_in_typed_order(line):
                    put_back.append(undo)
            return line, index

        layout.get_first_line = first_line
        try:
            return draw_first_line(stream, textbox, *rest)
        finally:
            del layout.get_first_line
            for undo in put_back:  # the layout is Pango's: leave it as laid out
                undo()

    draw_first_line_in_typed_order.draws_in_typed_order = True  # type: ignore[attr-defined]
    drawing.draw_first_line = draw_first_line_in_typed_order


def tag_languages() -> None:
    """Wrap WeasyPrint's structure builder (once per process) so each element of a box whose HTML
    element has a `lang` gets /Lang; its children inherit it, as in HTML."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    build = tags._build_box_tree
    if getattr(build, "tags_languages", False):
        return

    def build_with_languages(box: Any, *rest: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        own = not isinstance(box, boxes.PageBox) and getattr(box, "element_tag", None) not in ("html", "body")
        lang = element.get("lang") if own and element is not None else None
        for structure in build(box, *rest):
            if lang and "Lang" not in structure:
                structure["Lang"] = pydyf.String(lang)
            yield structure

    build_with_languages.tags_languages = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_with_languages
