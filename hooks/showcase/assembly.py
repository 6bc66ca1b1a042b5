"""A pack assembled from PDFs already rendered: the snapshots, and the pack's own pages.

Why: laying a page out is what costs (WeasyPrint lays out about a dozen A4 pages a second
here). A pack rendered as one document lays out every project again, on one core, and a
changed record means laying the whole pack out again. Assembled from parts, the pack reuses
each project's snapshot as its page, and a change re-renders only the parts it touches.

What a part is: a tagged PDF (PDF/UA-1) from WeasyPrint. The first part (the pack's cover
and contents) gives the pack its catalogue: language, XMP metadata, title. Each later part
brings its pages, its structure tree (spliced under the first part's Document element, with
its parent-tree keys renumbered), its named destinations and its annotations.

What assembly adds: one copy of each font (each part embeds its own subset of the same font;
assembled, they share the union of those subsets), the bookmarks, the contents' links (a part links to another part by
`LINK_SCHEME:<anchor>`, made a GoTo to that anchor here), and the page numbers ("Page 7 of
104"), drawn from a folio PDF (one page per pack page, untagged) and marked as pagination
artifacts, since page numbers are not content a screen reader should read.

Plain Python on pikepdf (qpdf): it knows nothing of MkDocs or WeasyPrint.
"""

from __future__ import annotations

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
    """Give every part's copy of a font one font program: the union of the parts' subsets.

    WeasyPrint keeps glyph IDs when it subsets a font (HarfBuzz's retain-gids) and maps CIDs
    to glyph IDs one to one, so a glyph has the same ID in every subset of a font, and one
    program holding every glyph any part uses serves every part's text, widths and ToUnicode
    map unchanged. Without this, a pack of 100 projects would carry 100 copies of each font.
    """
    by_font: dict[str, dict[tuple[int, int], pikepdf.Object]] = {}  # font name -> its CID fonts
    for cid_font in _cid_fonts(pack):
        descriptor = cid_font.FontDescriptor
        if Name.FontFile2 in descriptor and cid_font.get(Name.CIDToGIDMap) == Name.Identity:
            font_name = str(descriptor.FontName).partition("+")[2]  # after the subset's tag
            by_font.setdefault(font_name, {})[cid_font.objgen] = cid_font
    for cid_fonts in by_font.values():
        programs: dict[tuple[int, int], tuple[pikepdf.Object, set[int]]] = {}  # each program, the glyphs it draws
        for cid_font in cid_fonts.values():
            program = cid_font.FontDescriptor.FontFile2
            programs.setdefault(program.objgen, (program, set()))[1].update(_glyphs_drawn(cid_font))
        if len(programs) < 2:
            continue
        union = _union_of_subsets([(program.read_bytes(), glyphs) for program, glyphs in programs.values()])
        shared = pack.make_stream(union)
        shared.Length1 = len(union)
        for cid_font in cid_fonts.values():
            cid_font.FontDescriptor.FontFile2 = shared


def _cid_fonts(pack: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every CID font the pages use, their forms' (the folios') included."""
    seen: set[tuple[int, int]] = set()

    def in_resources(resources: pikepdf.Object) -> Iterator[pikepdf.Object]:
        if resources.is_indirect:
            if resources.objgen in seen:
                return
            seen.add(resources.objgen)
        for font in resources.get(Name.Font, Dictionary()).values():
            for descendant in font.get(Name.DescendantFonts, Array()):
                if Name.FontDescriptor in descendant:
                    yield descendant
        for xobject in resources.get(Name.XObject, Dictionary()).values():
            if xobject.get(Name.Subtype) == Name.Form and Name.Resources in xobject:
                yield from in_resources(xobject.Resources)

    for page in pack.pages:
        yield from in_resources(page.obj.get(Name.Resources, Dictionary()))


def _glyphs_drawn(cid_font: pikepdf.Object) -> set[int]:
    """The CIDs (here glyph IDs) a CID font gives widths for: WeasyPrint lists the glyphs used.

    /W holds `first [w1 w2 ...]` (widths from `first` on) and `first last w` (one width for a range).
    """
    widths = list(cid_font.get(Name.W, Array()))
    glyphs: set[int] = set()
    index = 0
    while index + 1 < len(widths):
        first = int(widths[index])
        if isinstance(widths[index + 1], Array):
            glyphs.update(range(first, first + len(widths[index + 1])))
            index += 2
        else:
            glyphs.update(range(first, int(widths[index + 1]) + 1))
            index += 3
    return glyphs


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
