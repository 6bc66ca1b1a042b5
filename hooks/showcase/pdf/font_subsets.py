"""One copy of each font in a pack, where each part embedded its own subset of it (only the
glyphs it draws): a pack of 100 snapshots would carry 100 subsets of each font.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO

import pikepdf
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph
from pikepdf import Array, Dictionary, Name


def share_fonts(pack: pikepdf.Pdf) -> None:
    """Replace the parts' subsets of each font with their union. WeasyPrint keeps glyph IDs when
    it subsets (HarfBuzz's retain-gids) and maps CIDs to glyph IDs one to one, so one program draws
    every part's text. Parts that agree on each glyph's width and text (cut from one font, they do)
    share one font dictionary too; otherwise each keeps its own, with the shared program."""
    uses = list(_font_uses(pack))
    by_name: dict[str, dict[tuple[int, int], pikepdf.Object]] = {}  # font name -> its Type0 fonts
    for _, _, font in uses:
        cid_font = font.DescendantFonts[0]
        if Name.FontFile2 in cid_font.FontDescriptor and cid_font.get(Name.CIDToGIDMap) == Name.Identity:
            name = str(cid_font.FontDescriptor.FontName).partition("+")[2]  # after the subset's tag
            by_name.setdefault(name, {})[font.objgen] = font
    replaced: dict[tuple[int, int], pikepdf.Object] = {}
    for fonts in by_name.values():
        programs: dict[tuple[int, int], tuple[pikepdf.Object, set[int]]] = {}  # each program, the glyphs it draws
        widths = {objgen: glyph_widths(font.DescendantFonts[0]) for objgen, font in fonts.items()}
        for objgen, font in fonts.items():
            program = font.DescendantFonts[0].FontDescriptor.FontFile2
            programs.setdefault(program.objgen, (program, set()))[1].update(widths[objgen])
        if len(programs) < 2:
            continue
        union = _union_of_subsets(list(programs.values()))
        shared_program = pack.make_stream(union)
        shared_program.Length1 = len(union)
        shared_font = _one_font(pack, [(font, widths[objgen]) for objgen, font in fonts.items()], shared_program)
        for objgen, font in fonts.items():
            if shared_font is None:
                font.DescendantFonts[0].FontDescriptor.FontFile2 = shared_program
            else:
                replaced[objgen] = shared_font
    for font_resources, resource_name, font in uses:
        if font.objgen in replaced:
            font_resources[resource_name] = replaced[font.objgen]


def _font_uses(pack: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Object, str, pikepdf.Object]]:
    """(font resources, name, Type0 font) of each CID font the pages and their forms use."""
    seen: set[tuple[int, int]] = set()

    def in_resources(resources: pikepdf.Object) -> Iterator[tuple[pikepdf.Object, str, pikepdf.Object]]:
        if resources.is_indirect:
            if resources.objgen in seen:
                return
            seen.add(resources.objgen)
        fonts = resources.get(Name.Font, Dictionary())
        for name, font in fonts.items():
            if font.get(Name.Subtype) == Name.Type0 and Name.FontDescriptor in font.DescendantFonts[0]:
                yield fonts, name, font
        for xobject in resources.get(Name.XObject, Dictionary()).values():
            if xobject.get(Name.Subtype) == Name.Form and Name.Resources in xobject:
                yield from in_resources(xobject.Resources)

    for page in pack.pages:
        yield from in_resources(page.obj.get(Name.Resources, Dictionary()))


def _one_font(
    pack: pikepdf.Pdf, fonts: list[tuple[pikepdf.Object, dict[int, pikepdf.Object]]], program: pikepdf.Object
) -> pikepdf.Object | None:
    """One Type0 font with `program` standing for `fonts` (one font's subsets, with their glyphs'
    widths); None if they disagree on a glyph's width or text, or are not encoded WeasyPrint's way."""
    widths: dict[int, pikepdf.Object] = {}
    texts: dict[int, str] = {}
    for font, its_widths in fonts:
        if font.get(Name.Encoding) != Name("/Identity-H") or Name.ToUnicode not in font:
            return None
        for glyph, width in its_widths.items():
            if float(widths.setdefault(glyph, width)) != float(width):
                return None
        mapping = to_unicode_map(font.ToUnicode.read_bytes())
        if mapping is None:
            return None
        for glyph, text in mapping.items():
            if texts.setdefault(glyph, text) != text:
                return None
    first_cid_font = fonts[0][0].DescendantFonts[0]
    descriptor = pack.make_indirect(Dictionary(dict(first_cid_font.FontDescriptor.items())))
    descriptor.FontFile2 = program
    box: list[pikepdf.Object | float] = list(descriptor.FontBBox)
    box[2] = max(float(font.DescendantFonts[0].FontDescriptor.FontBBox[2]) for font, _ in fonts)  # the widest glyph
    descriptor.FontBBox = Array(box)
    cid_font = pack.make_indirect(Dictionary(dict(first_cid_font.items())))
    cid_font.W = _width_array(widths)
    cid_font.FontDescriptor = descriptor
    font = pack.make_indirect(Dictionary(dict(fonts[0][0].items())))
    font.DescendantFonts = Array([cid_font])
    font.ToUnicode = pack.make_stream(_to_unicode_cmap(texts))
    return font


def glyph_widths(cid_font: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """Each glyph's width from a CID font's /W (WeasyPrint's lists the glyphs used only), which
    holds `first [w1 w2 ...]` (widths from `first` on) and `first last w` (one width for a range)."""
    array = list(cid_font.get(Name.W, Array()))
    widths: dict[int, pikepdf.Object] = {}
    index = 0
    while index + 1 < len(array):
        first = int(array[index])
        if isinstance(array[index + 1], Array):
            widths.update((first + offset, width) for offset, width in enumerate(array[index + 1]))
            index += 2
        else:
            widths.update((glyph, array[index + 2]) for glyph in range(first, int(array[index + 1]) + 1))
            index += 3
    return widths


def _width_array(widths: dict[int, pikepdf.Object]) -> pikepdf.Array:
    """/W as WeasyPrint writes it: `first [w1 w2 ...]` for each run of consecutive glyphs."""
    array = Array()
    for glyph in sorted(widths):
        if glyph - 1 not in widths:
            array.append(glyph)
            array.append(Array())
        array[-1].append(widths[glyph])
    return array


_BFCHAR_BLOCK = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


def to_unicode_map(cmap: bytes) -> dict[int, str] | None:
    """glyph -> UTF-16BE hex text from a ToUnicode CMap of bfchar entries; None for any other kind."""
    if b"beginbfrange" in cmap:
        return None
    return {
        int(glyph, 16): text.decode().lower()
        for block in _BFCHAR_BLOCK.findall(cmap)
        for glyph, text in _BFCHAR.findall(block)
    }


_CMAP_START = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo
<< /Registry (Adobe)
/Ordering (UCS)
/Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange"""


def _to_unicode_cmap(texts: dict[int, str]) -> bytes:
    """A ToUnicode CMap as WeasyPrint writes one: bfchar entries, at most 100 a block."""
    lines = [_CMAP_START]
    glyphs = sorted(texts)
    for start in range(0, len(glyphs), 100):
        block = glyphs[start : start + 100]
        lines.append(f"{len(block)} beginbfchar".encode())
        lines += [f"<{glyph:04x}> <{texts[glyph]}>".encode() for glyph in block]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)


def _union_of_subsets(subsets: list[tuple[pikepdf.Object, set[int]]]) -> bytes:
    """One TrueType program with the glyphs each subset (a font program's stream, with the glyph
    IDs it draws) draws. The base reaches the highest glyph ID (the longest glyph order), then
    draws most; another subset is read only if it draws a glyph the union lacks, so a pack whose
    parts use the same letters costs one parse."""
    subsets = sorted(subsets, key=lambda subset: (-max(subset[1], default=0), -len(subset[1])))
    # recalcTimestamp off: the head table keeps its date, so the same input gives the same bytes.
    union = TTFont(BytesIO(subsets[0][0].read_bytes()), recalcTimestamp=False, lazy=True)
    covered = set(subsets[0][1])
    for program, drawn in subsets[1:]:
        if drawn <= covered:
            continue
        source = TTFont(BytesIO(program.read_bytes()), recalcTimestamp=False, lazy=True)
        for glyph_id in sorted(drawn - covered):
            _copy_glyph(source, union, glyph_id, covered)
    output = BytesIO()
    union.save(output)
    return output.getvalue()


def _copy_glyph(source: TTFont, union: TTFont, glyph_id: int, covered: set[int]) -> None:
    their_order = source.getGlyphOrder()
    glyph = source["glyf"][their_order[glyph_id]]
    if glyph.isComposite():  # its components are named in the source's glyph order
        for component in glyph.components:
            component_id = source.getGlyphID(component.glyphName)
            if component_id not in covered:
                _copy_glyph(source, union, component_id, covered)
            component.glyphName = union.getGlyphOrder()[component_id]
    _lengthen(union, glyph_id + 1)
    name = union.getGlyphOrder()[glyph_id]
    union["glyf"][name] = glyph
    union["hmtx"][name] = source["hmtx"][their_order[glyph_id]]
    covered.add(glyph_id)


def _lengthen(font: TTFont, count: int) -> None:
    """Add empty glyphs up to `count` (rare: a component past the base's end)."""
    order = font.getGlyphOrder()
    if count <= len(order):
        return
    added = [f"glyph{number:05d}" for number in range(len(order), count)]
    for name in added:
        font["glyf"].glyphs[name] = Glyph()
        font["hmtx"].metrics[name] = (0, 0)
    font.setGlyphOrder(order + added)
    font["glyf"].glyphOrder = font.getGlyphOrder()
    font["maxp"].numGlyphs = count
