"""A pack assembled with pikepdf from its rendered parts: the cover and contents, each cohort's
page, each project's snapshot and the back page.

Why: laying a page out is what costs (WeasyPrint lays out about a dozen A4 pages a second here),
so each project is laid out once, as its snapshot, for every pack, and a change re-renders only
what it touches (summaries flowing one after another cost four times as much at 100 projects,
issue 28). The first part gives the pack its catalogue (language, metadata, title); each later
part brings its pages, its structure tree (under the first part's Document, its parent-tree keys
renumbered), named destinations and annotations. Assembly adds the bookmarks, makes each
`PART_LINK_SCHEME:<anchor>` link a GoTo, and writes in the page numbers.

The page numbers are written, not laid out (that took WeasyPrint about 5 ms a footer and half a
contents' render, waiting for the parts' pages): the footers' template has a page per kind of
footer showing PAGE_NUMBER_SAMPLE, and each pack page gets its kind's with its own number's
glyphs, ending where the sample ended; a contents entry's number is written in that font at the
entry's size, on its last line. They are artifacts: a screen reader does not read a number out
after each name.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import cast

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from showcase.pdf.documents import FOOTER_KINDS, PAGE_NUMBER_SAMPLE, PART_LINK_SCHEME, AssemblyPart, page_number
from showcase.pdf.font_subsets import glyph_widths, share_fonts, to_unicode_map
from showcase.pdf.shared_pages import moved_destination, place_below


def assemble(
    parts: Sequence[AssemblyPart], footers: Path, footer_kinds: tuple[str | None, ...], destination: Path
) -> int:
    """Write the pack made of `parts`, in order, to `destination`; return its page count.
    `footer_kinds` is each page's kind of footer (a page of `footers`), None for none."""
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
        start = len(pack.pages)
        offset = tree.next_key
        pack.pages.extend(source.pages)
        for page in pack.pages[start:]:
            _shift_struct_parents(page, offset)
        elements = tree.splice(source, offset)
        for name, target in _named_destinations(source):
            names.setdefault(name, pack.copy_foreign(target) if target.is_indirect else _copy_destination(pack, target))
        if part.shift:
            if len(pack.pages) != start + 1:
                raise ValueError(
                    f"{part.file} has {len(pack.pages) - start} pages: only a page of its own can share one"
                )
            upper, lower = pack.pages[start - 1], pack.pages[start]
            place_below(pack, upper, lower, part.shift, tree.numbers, elements)
            for name, target in names.items():
                if target[0].objgen == lower.obj.objgen:
                    names[name] = moved_destination(target, upper, part.shift)
            del pack.pages[start]
            start -= 1
        first_pages.append(start)
    _write_named_destinations(pack, names)
    _link_parts(pack)
    _write_bookmarks(pack, parts, first_pages, names)
    template = pikepdf.open(footers)
    sources.append(template)  # open until the pack is saved: its font is copied then
    if len(template.pages) != len(FOOTER_KINDS):
        raise ValueError(f"the footers' template has {len(template.pages)} pages, not {len(FOOTER_KINDS)}")
    templates = {
        kind: _FooterTemplate(pack, template, page) for kind, page in zip(FOOTER_KINDS, template.pages, strict=True)
    }
    # The contents are the first part's pages: the cover and contents.
    _number_contents(pack, range(first_pages[1] if len(first_pages) > 1 else 0), names, templates["pack"])
    _draw_footers(pack, footer_kinds, templates)
    share_fonts(pack)
    pack.save(
        destination,
        deterministic_id=True,
        compress_streams=True,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,  # the parts' streams as they are: compressed once
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
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

    def splice(self, source: pikepdf.Pdf, offset: int) -> list[pikepdf.Object]:
        """Hang `source`'s elements under the pack's Document, and return them; its parent-tree
        keys move up by `offset`."""
        source_root = source.Root.StructTreeRoot
        # Copying the parent tree copies every element it reaches (and maps their pages to the
        # pages already copied): the elements and the parent tree stay one consistent graph.
        parent_tree = self.pack.copy_foreign(source_root.ParentTree)
        document_copy = self.pack.copy_foreign(source_root.K[0])
        kids = list(document_copy.K)
        for kid in kids:
            kid.P = self.document
            self.document.K.append(kid)
        numbers = parent_tree.Nums
        for index in range(0, len(numbers), 2):
            value = numbers[index + 1]
            for element in value if isinstance(value, Array) else [value]:
                if Name.P in element and element.P.objgen == document_copy.objgen:
                    element.P = self.document
            self.numbers.append(int(numbers[index]) + offset)
            self.numbers.append(value)
        self.next_key = offset + _next_key(numbers)
        self.root.ParentTreeNextKey = self.next_key
        return kids


def _next_key(numbers: pikepdf.Object) -> int:  # a parent tree's /Nums array
    return max((int(numbers[index]) for index in range(0, len(numbers), 2)), default=-1) + 1


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
    return Array(
        [
            pack.copy_foreign(item) if isinstance(item, pikepdf.Object) and item.is_indirect else item
            for item in destination
        ]
    )


def _write_named_destinations(pack: pikepdf.Pdf, names: dict[str, pikepdf.Object]) -> None:
    if not names:
        return
    flat = Array([item for name in sorted(names) for item in (String(name), names[name])])  # a name tree's are sorted
    if Name.Names not in pack.Root:
        pack.Root.Names = Dictionary()
    pack.Root.Names.Dests = Dictionary(Names=flat)


def _link_parts(pack: pikepdf.Pdf) -> None:
    """Make each `showcase-part:<anchor>` link a GoTo to the named destination <anchor>."""
    prefix = f"{PART_LINK_SCHEME}:"
    for page in pack.pages:
        for annotation in page.obj.get(Name.Annots, []):
            action = annotation.get(Name.A)
            if action is not None and action.get(Name.S) == Name.URI and str(action.URI).startswith(prefix):
                del annotation[Name.A]
                annotation.Dest = String(str(action.URI)[len(prefix) :])


def _write_bookmarks(
    pack: pikepdf.Pdf, parts: Sequence[AssemblyPart], first_pages: list[int], names: dict[str, pikepdf.Object]
) -> None:
    page_index = {page.obj.objgen: index for index, page in enumerate(pack.pages)}
    with pack.open_outline() as outline:
        outline.root.clear()
        parents: list[pikepdf.OutlineItem] = []
        for part, first_page in zip(parts, first_pages, strict=True):
            for title, level, anchor in part.bookmarks:
                target = names.get(anchor)
                page = page_index.get(target[0].objgen, first_page) if target is not None else first_page
                # A part below another on its page: at its anchor (its name), not the page's top.
                item = pikepdf.OutlineItem(title, cast(Array, target) if part.shift and target is not None else page)
                del parents[level - 1 :]
                (parents[-1].children if parents else outline.root).append(item)
                parents.append(item)


def _draw_footers(pack: pikepdf.Pdf, kinds: tuple[str | None, ...], templates: dict[str, _FooterTemplate]) -> None:
    if len(kinds) != len(pack.pages):
        raise ValueError(f"{len(kinds)} footers for a pack of {len(pack.pages)} pages")
    total = len(pack.pages)
    for number, (page, kind) in enumerate(zip(pack.pages, kinds, strict=True), start=1):
        if kind is not None:
            form = templates[kind].form(page_number(number, total))
            _draw_artifact(pack, page, form, f"/ShowcaseFolio{number}", b"<</Type /Pagination /Subtype /Footer>> BDC")


def _draw_artifact(pack: pikepdf.Pdf, page: pikepdf.Page, form: pikepdf.Stream, name: str, marking: bytes) -> None:
    """Draw `form` over `page`, marked as an artifact: not content a screen reader reads."""
    # A name of our own for each page: a part's pages share one /Resources dictionary, and
    # pikepdf's made-up names are random, where the same input must give the same bytes.
    resource = page.add_resource(form, Name.XObject, Name(name))
    page.contents_add(pikepdf.Stream(pack, b"q\n"), prepend=True)
    page.contents_add(
        pikepdf.Stream(pack, b"Q\n/Artifact " + marking + b" q " + str(resource).encode() + b" Do Q EMC\n")
    )


def _number_contents(
    pack: pikepdf.Pdf, contents: range, names: dict[str, pikepdf.Object], template: _FooterTemplate
) -> None:
    """Write at the end of each contents entry the page its link goes to, right-aligned where the
    pack's footers end, on the entry's last line, in the footers' font at the entry's size."""
    page_index = {page.obj.objgen: index for index, page in enumerate(pack.pages)}
    for index in contents:
        page = pack.pages[index]
        lines: dict[str, pikepdf.Object] = {}  # each entry's last line: its link's lowest rectangle
        for annotation in page.obj.get(Name.Annots, []):
            target = annotation.get(Name.Dest)
            if isinstance(target, String) and str(target) in names:
                rectangle = annotation.Rect
                if str(target) not in lines or float(rectangle[1]) < float(lines[str(target)][1]):
                    lines[str(target)] = rectangle
        if not lines:
            continue
        baselines = [(origin.f, size) for _, origin, size in _shown_text(_instructions(page))]
        numbers = []
        for anchor, rectangle in lines.items():
            bottom, top = sorted((float(rectangle[1]), float(rectangle[3])))
            on_line = [(y, size) for y, size in baselines if bottom <= y <= top]
            if not on_line:
                raise ValueError(f"the contents' entry for {anchor} has no text on its line")
            destination = names[anchor]
            number = page_index[destination[0].objgen] + 1
            numbers.append(template.shown(str(number), *on_line[-1]))
        form = template.form_of(b"".join(numbers), [float(value) for value in page.mediabox])
        _draw_artifact(pack, page, form, f"/ShowcaseContents{index}", b"BMC")


class _FooterTemplate:
    """A page of the footers' template, copied into the pack, which draws any page number in
    the sample's place."""

    def __init__(self, pack: pikepdf.Pdf, template: pikepdf.Pdf, page: pikepdf.Page):
        self.pack = pack
        self.resources = pack.copy_foreign(template.make_indirect(page.obj.get(Name.Resources, Dictionary())))
        self.bbox = [float(value) for value in page.mediabox]
        self.instructions = _instructions(page)
        fonts = page.obj.Resources.get(Name.Font, Dictionary())
        position, font_name, size, colour = None, "", 0.0, None
        for index, instruction in enumerate(self.instructions):  # the sample, its Tm, font and colour
            operator, operands = str(instruction.operator), instruction.operands
            if operator == "Tm":
                position = index
            elif operator == "Tf":
                font_name, size = str(operands[0]), float(operands[1])
            elif operator == "rg":
                colour = tuple(operands)
            elif operator == "TJ" and position is not None and font_name:
                if _text_of(fonts[font_name], cast(Array, operands[0])) == PAGE_NUMBER_SAMPLE:
                    break
        else:
            raise ValueError(f"the footers' template does not show {PAGE_NUMBER_SAMPLE!r} as one line of one font")
        if colour is None:
            raise ValueError("the footers' sample has no RGB colour")
        self.sample, self.position, self.font_name, self.size, self.colour = index, position, font_name, size, colour
        shown = cast(Array, self.instructions[self.sample].operands[0])
        codes = _glyph_codes(shown)
        if len(codes) != len(PAGE_NUMBER_SAMPLE):  # a ligature, say: one glyph for two characters
            raise ValueError(f"the footers' template does not show {PAGE_NUMBER_SAMPLE!r} one glyph a character")
        self.codes = {
            character: code.to_bytes(2, "big") for character, code in zip(PAGE_NUMBER_SAMPLE, codes, strict=True)
        }
        self.widths = glyph_widths(fonts[font_name].DescendantFonts[0])
        self.sample_advance = _advance(self.widths, shown)
        # Where the sample ends, in the page's space: the right edge of the page's text.
        origin = next(origin for index, origin, _ in _shown_text(self.instructions) if index == self.sample)
        self.right = origin.e + self.sample_advance * self.size / 1000 * origin.a

    def shown(self, text: str, baseline: float, size: float) -> bytes:
        """A text object drawing `text` in the template's font and colour at `size` (in the
        page's space), ending at the template's right edge, on `baseline`."""
        glyphs = self._glyphs(text)
        left = self.right - _advance(self.widths, glyphs) * size / 1000
        instructions = [
            pikepdf.ContentStreamInstruction([*self.colour], pikepdf.Operator("rg")),
            pikepdf.ContentStreamInstruction([], pikepdf.Operator("BT")),
            pikepdf.ContentStreamInstruction([Name(self.font_name), Decimal(f"{size:.4f}")], pikepdf.Operator("Tf")),
            pikepdf.ContentStreamInstruction(
                [1, 0, 0, 1, Decimal(f"{left:.4f}"), Decimal(f"{baseline:.4f}")], pikepdf.Operator("Tm")
            ),
            pikepdf.ContentStreamInstruction([glyphs], pikepdf.Operator("TJ")),
            pikepdf.ContentStreamInstruction([], pikepdf.Operator("ET")),
        ]
        return pikepdf.unparse_content_stream(instructions) + b"\n"

    def _glyphs(self, text: str) -> Array:
        try:
            return Array([String(b"".join(self.codes[character] for character in text))])
        except KeyError as missing:
            raise ValueError(f"the footers' sample {PAGE_NUMBER_SAMPLE!r} has no {missing} for {text!r}") from None

    def form(self, text: str) -> pikepdf.Stream:
        """A form XObject: the template's page, with `text` where the sample was."""
        glyphs = self._glyphs(text)
        tm = self.instructions[self.position].operands
        shift = (self.sample_advance - _advance(self.widths, glyphs)) * self.size / 1000 * float(tm[0])
        instructions = list(self.instructions)
        instructions[self.position] = pikepdf.ContentStreamInstruction(
            [*tm[:4], Decimal(f"{float(tm[4]) + shift:.4f}"), tm[5]], pikepdf.Operator("Tm")
        )
        instructions[self.sample] = pikepdf.ContentStreamInstruction([glyphs], pikepdf.Operator("TJ"))
        return self.form_of(pikepdf.unparse_content_stream(instructions), self.bbox)

    def form_of(self, content: bytes, bbox: list[float]) -> pikepdf.Stream:
        return self.pack.make_stream(content, Type=Name.XObject, Subtype=Name.Form, BBox=bbox, Resources=self.resources)


def _text_of(font: pikepdf.Object, shown: pikepdf.Array) -> str:
    """What a TJ of a WeasyPrint font shows, from the font's ToUnicode map."""
    texts = to_unicode_map(font.ToUnicode.read_bytes()) or {}
    return "".join(bytes.fromhex(texts.get(code, "fffd")).decode("utf-16-be") for code in _glyph_codes(shown))


def _glyph_codes(shown: pikepdf.Array) -> list[int]:
    """The glyphs a TJ shows, each a two-byte code (Identity-H, as WeasyPrint writes)."""
    return [
        int.from_bytes(data[index : index + 2], "big")
        for data in (bytes(item) for item in shown if isinstance(item, String))
        for index in range(0, len(data), 2)
    ]


def _advance(widths: dict[int, pikepdf.Object], shown: pikepdf.Array) -> float:
    """How far a TJ moves: its glyphs' widths less its adjustments, in thousandths of the font size."""
    glyphs = sum(float(widths[code]) for code in _glyph_codes(shown))
    return glyphs - sum(float(item) for item in shown if not isinstance(item, String))


def _instructions(page: pikepdf.Page) -> list[pikepdf.ContentStreamInstruction]:
    return [
        instruction
        for instruction in pikepdf.parse_content_stream(page)
        if isinstance(instruction, pikepdf.ContentStreamInstruction)  # not an inline image
    ]


def _shown_text(
    instructions: list[pikepdf.ContentStreamInstruction],
) -> Iterator[tuple[int, pikepdf.Matrix, float]]:
    """Each instruction showing text: its index, where its text starts in the page's space (the
    text matrix times the graphics state's), and its font's size there."""
    state, saved = pikepdf.Matrix(), []
    text, size = pikepdf.Matrix(), 0.0
    for index, instruction in enumerate(instructions):
        operator, operands = str(instruction.operator), instruction.operands
        if operator == "q":
            saved.append(state)
        elif operator == "Q":
            state = saved.pop()
        elif operator == "cm":
            state = pikepdf.Matrix(*(float(value) for value in operands)) @ state
        elif operator == "BT":
            text = pikepdf.Matrix()
        elif operator == "Tm":
            text = pikepdf.Matrix(*(float(value) for value in operands))
        elif operator == "Td":
            text = pikepdf.Matrix(1, 0, 0, 1, float(operands[0]), float(operands[1])) @ text
        elif operator == "Tf":
            size = float(operands[1])
        elif operator in ("TJ", "Tj"):
            origin = text @ state
            yield index, origin, size * abs(origin.d)
