"""A pack assembled from PDFs already rendered: its cover and contents, each cohort's page, each
project's snapshot (its pages in every pack), and the back page (the contact).

Why: laying a page out is what costs (WeasyPrint lays out about a dozen A4 pages a second
here). Each project is laid out once, as its snapshot, whichever packs hold it (the programme's,
its cohort's, its theme's, areas' and ICBs'): each part numbers the sources it cites and lists
them at its foot, so the same part fits every pack. Parts render in parallel, and a change
re-renders only the parts it touches. (Summaries flowing one after another in each pack cost
four times as much at 100 projects: each was laid out again in every pack, issue 28.)

What a part is: a tagged PDF (PDF/UA-1) from WeasyPrint. The first part (the pack's cover
and contents) gives the pack its catalogue: language, XMP metadata, title. Each later part
brings its pages, its structure tree (spliced under the first part's Document element, with
its parent-tree keys renumbered), its named destinations and its annotations; a one-page
snapshot that fits below the page before it (a cohort's or a snapshot's) is drawn there (shared_pages.py).

What assembly adds: the bookmarks (each at the page of its anchor in its part); the contents' links (a part links to another part by
`PART_LINK_SCHEME:<anchor>`, made a GoTo to that anchor here) and the page each goes to; the footers
with their page numbers ("Page 7 of 104"); and one copy of each font where every part embedded
its own subset of it (font_subsets.py). Page numbers are drawn as artifacts: the reader finds
the pages by the links and bookmarks, and a screen reader does not read a number out after each
name.

The page numbers are written, not laid out: page_numbers.py.

Plain Python on pikepdf (qpdf): it knows nothing of MkDocs or WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import cast

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from showcase.pdf.documents import FOOTER_KINDS, PART_LINK_SCHEME, AssemblyPart
from showcase.pdf.font_subsets import share_fonts
from showcase.pdf.page_numbers import FooterTemplate, draw_footers, number_contents
from showcase.pdf.shared_pages import moved_destination, place_below


def assemble(
    parts: Sequence[AssemblyPart], footers: Path, footer_kinds: tuple[str | None, ...], destination: Path
) -> int:
    """Write the pack made of `parts`, in order, to `destination`; return its page count. `footers`
    is their template: a page per kind of footer (FOOTER_KINDS), showing PAGE_NUMBER_SAMPLE;
    `footer_kinds` each pack page's kind, None for none (the cover)."""
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
        kind: FooterTemplate(pack, template, page) for kind, page in zip(FOOTER_KINDS, template.pages, strict=True)
    }
    # The contents are the first part's pages: the cover and contents.
    number_contents(pack, range(first_pages[1] if len(first_pages) > 1 else 0), names, templates["pack"])
    draw_footers(pack, footer_kinds, templates)
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
        source_document = source_root.K[0]
        # Copying the parent tree copies every element it reaches (and maps their pages to the
        # pages already copied): the elements and the parent tree stay one consistent graph.
        parent_tree = self.pack.copy_foreign(source_root.ParentTree)
        document_copy = self.pack.copy_foreign(source_document)
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
    return Array(
        [
            pack.copy_foreign(item) if isinstance(item, pikepdf.Object) and item.is_indirect else item
            for item in destination
        ]
    )


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
