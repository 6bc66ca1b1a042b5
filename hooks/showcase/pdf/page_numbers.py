"""A pack's page numbers, written into its pages by assembly.py rather than laid out.

The footers come from a template that WeasyPrint
rendered (untagged): one page per kind of footer, with PAGE_NUMBER_SAMPLE where the number
goes. Each pack page gets its kind's page with the sample's glyphs replaced by its own number's,
moved so that it ends where the sample ended: the same font, size, colour and place as the
template's CSS gave. A contents entry's number is written in that font and colour at the size
of the entry's text, on its last line, ending where the footers' numbers end. Laying the numbers
out took WeasyPrint about 5 ms a footer and half of a contents' render; and so the contents no
longer waits for the parts to know their pages.

Plain Python on pikepdf (qpdf), run in a worker with the assembly.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import cast

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from showcase.pdf.documents import PAGE_NUMBER_SAMPLE, page_number
from showcase.pdf.font_subsets import glyph_widths, to_unicode_map


def draw_footers(pack: pikepdf.Pdf, kinds: tuple[str | None, ...], templates: dict[str, FooterTemplate]) -> None:
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


def number_contents(
    pack: pikepdf.Pdf, contents: range, names: dict[str, pikepdf.Object], template: FooterTemplate
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
        form = pack.make_stream(
            b"".join(numbers),
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=[float(value) for value in page.mediabox],
            Resources=template.resources,
        )
        _draw_artifact(pack, page, form, f"/ShowcaseContents{index}", b"BMC")


class FooterTemplate:
    """A page of the footers' template, copied into the pack, which draws any page number in
    the sample's place."""

    def __init__(self, pack: pikepdf.Pdf, template: pikepdf.Pdf, page: pikepdf.Page):
        self.pack = pack
        self.resources = pack.copy_foreign(template.make_indirect(page.obj.get(Name.Resources, Dictionary())))
        self.bbox = [float(value) for value in page.mediabox]
        self.instructions = _instructions(page)
        self.sample, self.position, font = self._find_sample(page)
        shown = cast(Array, self.instructions[self.sample].operands[0])
        codes = _glyph_codes(shown)
        if len(codes) != len(PAGE_NUMBER_SAMPLE):  # a ligature, say: one glyph for two characters
            raise ValueError(f"the footers' template does not show {PAGE_NUMBER_SAMPLE!r} one glyph a character")
        self.codes = {
            character: code.to_bytes(2, "big") for character, code in zip(PAGE_NUMBER_SAMPLE, codes, strict=True)
        }
        self.widths = glyph_widths(font.DescendantFonts[0])
        self.sample_advance = _advance(self.widths, shown)
        self.font_name, self.size, self.colour = _text_state(self.instructions, self.sample)
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
        return self.pack.make_stream(
            pikepdf.unparse_content_stream(instructions),
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=self.bbox,
            Resources=self.resources,
        )

    def _find_sample(self, page: pikepdf.Page) -> tuple[int, int, pikepdf.Object]:
        """The index of the instruction showing the sample, of the Tm placing it, and its font."""
        fonts = page.obj.Resources.get(Name.Font, Dictionary())
        position = font = None
        for index, instruction in enumerate(self.instructions):
            operator = str(instruction.operator)
            if operator == "Tm":
                position = index
            elif operator == "Tf":
                font = fonts[str(instruction.operands[0])]
            elif operator == "TJ" and position is not None and font is not None:
                if _text_of(font, cast(Array, instruction.operands[0])) == PAGE_NUMBER_SAMPLE:
                    return index, position, font
        raise ValueError(f"the footers' template does not show {PAGE_NUMBER_SAMPLE!r} as one line of one font")


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


def _text_state(
    instructions: list[pikepdf.ContentStreamInstruction], before: int
) -> tuple[str, float, tuple[pikepdf.Object, ...]]:
    """The font resource, its size and the fill colour (RGB) in force at instruction `before`."""
    font = colour = None
    size = 0.0
    for instruction in instructions[:before]:
        if str(instruction.operator) == "Tf":
            font, size = str(instruction.operands[0]), float(instruction.operands[1])
        elif str(instruction.operator) == "rg":
            colour = tuple(instruction.operands)
    if font is None or colour is None:
        raise ValueError("the footers' sample has no font or no RGB colour")
    return font, size, colour
