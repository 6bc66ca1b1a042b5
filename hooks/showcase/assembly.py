"""A pack assembled from PDFs already rendered: the snapshots, and the pack's own pages.

Why: laying a page out is what costs (WeasyPrint lays out about a dozen A4 pages a second
here). A pack rendered as one document lays out every project again, on one core, and a
changed record means laying the whole pack out again. Assembled from parts, the pack reuses
each project's snapshot as its page, and a change re-renders only the parts it touches.

What a part is: a tagged PDF (PDF/UA-1) from WeasyPrint. The first part (the pack's cover
and contents) gives the pack its catalogue: language, XMP metadata, title. Each later part
brings its pages, its structure tree (spliced under the first part's Document element, with
its parent-tree keys renumbered), its named destinations and its annotations.

What assembly adds: the bookmarks; the contents' links (a part links to another part by
`LINK_SCHEME:<anchor>`, made a GoTo to that anchor here); the page numbers ("Page 7 of 104"),
drawn from a folio PDF (one page per pack page, untagged) and marked as pagination artifacts,
since page numbers are not content a screen reader should read; and one copy of each font
where every part embedded its own subset of it.

Plain Python on pikepdf (qpdf): it knows nothing of MkDocs or WeasyPrint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Iterator, Sequence

import pikepdf
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph
from pikepdf import Array, Dictionary, Name, String

LINK_SCHEME = "showcase-part"  # href="showcase-part:project-x" in one part goes to #project-x in another


@dataclass(frozen=True)
class Part:
    file: Path
    bookmark: tuple[str, int] | None = None  # (title, level), at the part's first page; level 1 is the top


def assemble(parts: Sequence[Part], folio: Path | None, destination: Path) -> int:
    """Write the pack made of `parts`, in order, to `destination`; return its page count.

    `folio`, when given, has one page per pack page: page i is drawn over the pack's page i.
    """
    if not parts:
        raise ValueError("a pack needs at least one part")
    pack = pikepdf.open(parts[0].file)
    first_pages: list[int] = [0]
    tree = _StructureTree(pack)
    names: dict[str, pikepdf.Object] = dict(_named_destinations(pack))
    sources = [pack]
    for part in parts[1:]:
        source = pikepdf.open(part.file)
        sources.append(source)
        first_pages.append(len(pack.pages))
        offset = tree.next_key
        pack.pages.extend(source.pages)
        added = pack.pages[first_pages[-1]:]
        for page in added:
            _shift_struct_parents(page, offset)
        tree.splice(source, offset)
        for name, target in _named_destinations(source):
            names.setdefault(name, pack.copy_foreign(target) if target.is_indirect else _copy_destination(pack, target))
    _write_named_destinations(pack, names)
    _link_parts(pack)
    _write_bookmarks(pack, parts, first_pages)
    if folio is not None:
        _draw_folios(pack, folio)
    _share_fonts(pack)
    pack.save(destination, deterministic_id=True, compress_streams=True,
              object_stream_mode=pikepdf.ObjectStreamMode.generate)
    count = len(pack.pages)
    for source in sources:
        source.close()
    return count


class _StructureTree:
    """The pack's structure tree: the first part's, which the other parts' trees join."""

    def __init__(self, pack: pikepdf.Pdf):
        self.pack = pack
        self.root = pack.Root.StructTreeRoot
        self.document = self.root.K[0]  # WeasyPrint's one Document element
        self.numbers = self.root.ParentTree.Nums
        self.next_key = int(self.root.get(Name.ParentTreeNextKey, _next_key(self.numbers)))

    def splice(self, source: pikepdf.Pdf, offset: int) -> None:
        """Hang `source`'s elements under the pack's Document; its parent-tree keys move up by `offset`."""
        source_root = source.Root.StructTreeRoot
        source_document = source_root.K[0]
        # Copying the parent tree copies every element it reaches (and maps their pages to the
        # pages already copied): the elements and the parent tree stay one consistent graph.
        parent_tree = self.pack.copy_foreign(source_root.ParentTree)
        document_copy = self.pack.copy_foreign(source_document)
        for kid in document_copy.K:
            kid.P = self.document
            self.document.K.append(kid)
        numbers = parent_tree.Nums
        for index in range(0, len(numbers), 2):
            value = numbers[index + 1]
            for element in (value if isinstance(value, Array) else [value]):
                if Name.P in element and element.P.objgen == document_copy.objgen:
                    element.P = self.document
            self.numbers.append(int(numbers[index]) + offset)
            self.numbers.append(value)
        self.next_key = offset + _next_key(numbers)
        self.root.ParentTreeNextKey = self.next_key


def _next_key(numbers: pikepdf.Array) -> int:
    keys = [int(numbers[index]) for index in range(0, len(numbers), 2)]
    return max(keys) + 1 if keys else 0


def _shift_struct_parents(page: pikepdf.Page, offset: int) -> None:
    if Name.StructParents in page.obj:
        page.obj.StructParents = int(page.obj.StructParents) + offset
    for annotation in page.obj.get(Name.Annots, []):
        if Name.StructParent in annotation:
            annotation.StructParent = int(annotation.StructParent) + offset


def _named_destinations(pdf: pikepdf.Pdf) -> list[tuple[str, pikepdf.Object]]:
    names = pdf.Root.get(Name.Names, Dictionary()).get(Name.Dests, Dictionary()).get(Name.Names, Array())
    return [(str(names[index]), names[index + 1]) for index in range(0, len(names), 2)]


def _copy_destination(pack: pikepdf.Pdf, destination: pikepdf.Object) -> pikepdf.Object:
    """A direct destination array ([page /XYZ x y zoom]) whose page is already in the pack."""
    return Array([pack.copy_foreign(item) if isinstance(item, pikepdf.Object) and item.is_indirect else item
                  for item in destination])


def _write_named_destinations(pack: pikepdf.Pdf, names: dict[str, pikepdf.Object]) -> None:
    if not names:
        return
    flat = Array()
    for name in sorted(names):  # a name tree's keys are sorted
        flat.append(String(name))
        flat.append(names[name])
    if Name.Names not in pack.Root:
        pack.Root.Names = Dictionary()
    pack.Root.Names.Dests = Dictionary(Names=flat)


def _link_parts(pack: pikepdf.Pdf) -> None:
    """Make each `showcase-part:<anchor>` link a GoTo to the named destination <anchor>."""
    prefix = f"{LINK_SCHEME}:"
    for page in pack.pages:
        for annotation in page.obj.get(Name.Annots, []):
            action = annotation.get(Name.A)
            if action is not None and action.get(Name.S) == Name.URI and str(action.URI).startswith(prefix):
                del annotation[Name.A]
                annotation.Dest = String(str(action.URI)[len(prefix):])


def _write_bookmarks(pack: pikepdf.Pdf, parts: Sequence[Part], first_pages: list[int]) -> None:
    with pack.open_outline() as outline:
        outline.root.clear()
        parents: list[pikepdf.OutlineItem] = []
        for part, first_page in zip(parts, first_pages):
            if part.bookmark is None:
                continue
            title, level = part.bookmark
            item = pikepdf.OutlineItem(title, first_page)
            del parents[level - 1:]
            (parents[-1].children if parents else outline.root).append(item)
            parents.append(item)


def _draw_folios(pack: pikepdf.Pdf, folio_file: Path) -> None:
    with pikepdf.open(folio_file) as folio:
        if len(folio.pages) != len(pack.pages):
            raise ValueError(f"the folio has {len(folio.pages)} pages for a pack of {len(pack.pages)}")
        for number, (page, folio_page) in enumerate(zip(pack.pages, folio.pages)):
            if not folio_page.obj.get(Name.Contents):
                continue
            form = pack.copy_foreign(folio.make_indirect(folio_page.as_form_xobject()))
            # A name of our own for each page: a part's pages share one /Resources dictionary, and
            # pikepdf's made-up names are random, where the same input must give the same bytes.
            name = page.add_resource(form, Name.XObject, Name(f"/ShowcaseFolio{number}"))
            page.contents_add(pikepdf.Stream(pack, b"q\n"), prepend=True)
            page.contents_add(pikepdf.Stream(
                pack, b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC q " + str(name).encode() + b" Do Q EMC\n"))


def _share_fonts(pack: pikepdf.Pdf) -> None:
    """One font for all the parts: the union of the parts' subsets of each font.

    WeasyPrint keeps glyph IDs when it subsets a font (HarfBuzz's retain-gids) and maps CIDs to
    glyph IDs one to one, so a glyph has the same ID in every part's subset, and one program
    holding every glyph a part uses draws every part's text. When the parts also agree on each
    glyph's width and text (they do, being cut from one font), they share one font dictionary,
    widths and ToUnicode map too; otherwise each keeps its own, with the shared program.
    Without this, a pack of 100 projects would carry 100 copies of each font.
    """
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
        for font in fonts.values():
            cid_font = font.DescendantFonts[0]
            program = cid_font.FontDescriptor.FontFile2
            programs.setdefault(program.objgen, (program, set()))[1].update(_widths(cid_font))
        if len(programs) < 2:
            continue
        union = _union_of_subsets([(program.read_bytes(), glyphs) for program, glyphs in programs.values()])
        shared_program = pack.make_stream(union)
        shared_program.Length1 = len(union)
        shared_font = _one_font(pack, list(fonts.values()), shared_program)
        for objgen, font in fonts.items():
            if shared_font is None:
                font.DescendantFonts[0].FontDescriptor.FontFile2 = shared_program
            else:
                replaced[objgen] = shared_font
    for font_resources, resource_name, font in uses:
        if font.objgen in replaced:
            font_resources[resource_name] = replaced[font.objgen]


def _font_uses(pack: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Object, str, pikepdf.Object]]:
    """(font resources, name, Type0 font) for each CID font the pages and their forms (the
    folios) use."""
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


def _one_font(pack: pikepdf.Pdf, fonts: list[pikepdf.Object], program: pikepdf.Object) -> pikepdf.Object | None:
    """One Type0 font standing for `fonts` (one font's subsets), with `program`; None if they
    disagree on a glyph's width or text, or are encoded other than WeasyPrint's usual way."""
    widths: dict[int, pikepdf.Object] = {}
    texts: dict[int, str] = {}
    for font in fonts:
        if font.get(Name.Encoding) != Name("/Identity-H") or Name.ToUnicode not in font:
            return None
        for glyph, width in _widths(font.DescendantFonts[0]).items():
            if float(widths.setdefault(glyph, width)) != float(width):
                return None
        mapping = _to_unicode_map(font.ToUnicode.read_bytes())
        if mapping is None:
            return None
        for glyph, text in mapping.items():
            if texts.setdefault(glyph, text) != text:
                return None
    first_cid_font = fonts[0].DescendantFonts[0]
    descriptor = pack.make_indirect(Dictionary(dict(first_cid_font.FontDescriptor.items())))
    descriptor.FontFile2 = program
    box = list(descriptor.FontBBox)
    box[2] = max(float(font.DescendantFonts[0].FontDescriptor.FontBBox[2]) for font in fonts)  # the widest glyph
    descriptor.FontBBox = Array(box)
    cid_font = pack.make_indirect(Dictionary(dict(first_cid_font.items())))
    cid_font.W = _width_array(widths)
    cid_font.FontDescriptor = descriptor
    font = pack.make_indirect(Dictionary(dict(fonts[0].items())))
    font.DescendantFonts = Array([cid_font])
    font.ToUnicode = pack.make_stream(_to_unicode_cmap(texts))
    return font


def _widths(cid_font: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """Each glyph's width from a CID font's /W, which WeasyPrint gives for the glyphs used only.

    /W holds `first [w1 w2 ...]` (widths from `first` on) and `first last w` (one width for a range).
    """
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
    """/W for `widths`: one `first [w1 w2 ...]` for each run of consecutive glyphs, as WeasyPrint writes it."""
    array = Array()
    for glyph in sorted(widths):
        if glyph - 1 not in widths:
            array.append(glyph)
            array.append(Array())
        array[-1].append(widths[glyph])
    return array


_BFCHAR_BLOCK = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


def _to_unicode_map(cmap: bytes) -> dict[int, str] | None:
    """glyph -> UTF-16BE hex text from a ToUnicode CMap of bfchar entries; None for any other kind."""
    if b"beginbfrange" in cmap:
        return None
    return {int(glyph, 16): text.decode().lower()
            for block in _BFCHAR_BLOCK.findall(cmap) for glyph, text in _BFCHAR.findall(block)}


def _to_unicode_cmap(texts: dict[int, str]) -> bytes:
    """A ToUnicode CMap as WeasyPrint writes one: bfchar entries, at most 100 a block."""
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap", b"/CIDSystemInfo",
             b"<< /Registry (Adobe)", b"/Ordering (UCS)", b"/Supplement 0", b">> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def", b"1 begincodespacerange",
             b"<0000> <ffff>", b"endcodespacerange"]
    glyphs = sorted(texts)
    for start in range(0, len(glyphs), 100):
        block = glyphs[start:start + 100]
        lines.append(f"{len(block)} beginbfchar".encode())
        lines += [f"<{glyph:04x}> <{texts[glyph]}>".encode() for glyph in block]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)


def _union_of_subsets(subsets: list[tuple[bytes, set[int]]]) -> bytes:
    """One TrueType program with the glyphs each subset draws (subsets of one font, with its
    glyph IDs). The base is the subset reaching the highest glyph ID (its glyph order is the
    longest), then the one drawing most; another subset is opened only if it draws a glyph the
    union lacks, so a pack whose parts use the same letters costs one parse."""
    subsets = sorted(subsets, key=lambda subset: (-max(subset[1], default=0), -len(subset[1])))
    # recalcTimestamp off: the head table keeps its date, so the same input gives the same bytes.
    union = TTFont(BytesIO(subsets[0][0]), recalcTimestamp=False, lazy=True)
    covered = set(subsets[0][1])
    for program, drawn in subsets[1:]:
        if drawn <= covered:
            continue
        source = TTFont(BytesIO(program), recalcTimestamp=False, lazy=True)
        for glyph_id in sorted(drawn - covered):
            _copy_glyph(source, union, glyph_id, covered)
    output = BytesIO()
    union.save(output)
    return output.getvalue()


def _copy_glyph(source: TTFont, union: TTFont, glyph_id: int, covered: set[int]) -> None:
    """Copy glyph `glyph_id`, and the glyphs it is made of, from `source` into `union`."""
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
    """Give `font` at least `count` glyphs, adding empty ones (rare: a component past the base's end)."""
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
