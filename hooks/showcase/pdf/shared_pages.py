"""A short snapshot's page drawn on the page before it in a pack, below that page's content.

Why: most projects have an aim and a few facts (11 of the real content's 12), and a page each
left half to three quarters of a pack's pages empty (issue 28). The page is not laid out again:
its content is drawn lower, its resources join the page's (renamed where the name is taken), its
links move with it, and its marked content and structure elements are renumbered onto the page,
so the pack stays one tagged document (PDF/UA-1). Its running title (a margin box) goes below the
page's edge: the page keeps one footer, its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pikepdf
from pikepdf import Array, Dictionary, Name

# The operators that name a resource: the kind of resource and which operand names it.
_RESOURCE_OPERANDS: dict[str, tuple[str, int]] = {
    "Tf": ("/Font", 0),
    "Do": ("/XObject", 0),
    "gs": ("/ExtGState", 0),
    "sh": ("/Shading", 0),
    "cs": ("/ColorSpace", 0),
    "CS": ("/ColorSpace", 0),
    "scn": ("/Pattern", -1),
    "SCN": ("/Pattern", -1),
    "BDC": ("/Properties", 1),
    "DP": ("/Properties", 1),
}


def place_below(
    pack: pikepdf.Pdf,
    upper: pikepdf.Page,
    lower: pikepdf.Page,
    shift: float,
    parent_numbers: pikepdf.Object,
    elements: Iterable[pikepdf.Object],
) -> None:
    """Draw `lower` on `upper`, `shift` points further down, with its links and marked content;
    its structure `elements` then point to `upper`. The caller leaves `lower` out of the pack."""
    upper_marks = parent_numbers[_entry(parent_numbers, int(upper.obj.StructParents)) + 1]
    lower_entry = _entry(parent_numbers, int(lower.obj.StructParents))
    lower_marks = parent_numbers[lower_entry + 1]
    first = len(upper_marks)  # the lower page's marked content is numbered on from the upper's
    renamed = _join_resources(upper, lower)
    content = _renumbered_content(lower, renamed, first)
    upper.contents_add(pikepdf.Stream(pack, b"q\n"), prepend=True)
    upper.contents_add(pikepdf.Stream(pack, b"Q\nq 1 0 0 1 0 " + _number(-shift) + b" cm\n" + content + b"\nQ\n"))
    _repoint_elements([*elements, *lower_marks], lower, upper, first)
    for mark in lower_marks:
        upper_marks.append(mark)
    del parent_numbers[lower_entry : lower_entry + 2]
    if Name.Annots in lower.obj:
        if Name.Annots not in upper.obj:
            upper.obj.Annots = Array()
        for annotation in lower.obj.Annots:
            annotation.Rect = _moved_y(annotation.Rect, shift)
            if Name.QuadPoints in annotation:
                annotation.QuadPoints = _moved_y(annotation.QuadPoints, shift)
            if Name.P in annotation:
                annotation.P = upper.obj
            upper.obj.Annots.append(annotation)


def moved_destination(destination: pikepdf.Object, upper: pikepdf.Page, shift: float) -> pikepdf.Object:
    """A destination on the lower page ([page /XYZ left top zoom]) as it is on the upper page."""
    if destination[1] != Name.XYZ:
        return Array([upper.obj, *list(destination)[1:]])
    left, top, zoom = destination[2], destination[3], destination[4]
    return Array([upper.obj, Name.XYZ, left, Decimal(_number(float(top) - shift).decode()), zoom])


def _entry(parent_numbers: pikepdf.Object, key: int) -> int:
    """Where a page's entry (its key, then its marked content's elements) is in the parent tree."""
    for index in range(0, len(parent_numbers), 2):
        if int(parent_numbers[index]) == key:
            return index
    raise ValueError(f"the parent tree has no entry {key}")


def _join_resources(upper: pikepdf.Page, lower: pikepdf.Page) -> dict[str, dict[str, Name]]:
    """Give `upper` its own resources dictionary holding both pages'; return the lower page's
    names that had to change (by kind), taken by the upper page already."""
    own = upper.obj.get(Name.Resources, Dictionary())
    joined = Dictionary(
        {key: Dictionary(dict(value.items())) if isinstance(value, Dictionary) else value for key, value in own.items()}
    )
    renamed: dict[str, dict[str, Name]] = {}
    for kind, named in lower.obj.get(Name.Resources, Dictionary()).items():
        if not isinstance(named, Dictionary):
            continue  # /ProcSet, an array, obsolete
        if kind not in joined:
            joined[kind] = Dictionary()
        for name, resource in named.items():
            new_name = name
            while new_name in joined[kind] and joined[kind][new_name].objgen != resource.objgen:
                new_name += "+"
            if new_name != name:
                renamed.setdefault(kind, {})[name] = Name(new_name)
            joined[kind][new_name] = resource
    upper.obj.Resources = joined
    return renamed


def _renumbered_content(lower: pikepdf.Page, renamed: dict[str, dict[str, Name]], first: int) -> bytes:
    """The lower page's content, its resources renamed and its marked content numbered from `first`."""
    instructions = []
    for instruction in pikepdf.parse_content_stream(lower):
        if isinstance(instruction, pikepdf.ContentStreamInstruction):
            operator = str(instruction.operator)
            operands = list(instruction.operands)
            kind, position = _RESOURCE_OPERANDS.get(operator, ("", 0))
            if kind in renamed and len(operands) > abs(position) and isinstance(operands[position], Name):
                operands[position] = renamed[kind].get(str(operands[position]), operands[position])
            if operator == "BDC" and isinstance(operands[1], Dictionary) and Name.MCID in operands[1]:
                properties = Dictionary(dict(operands[1].items()))
                properties.MCID = int(properties.MCID) + first
                operands[1] = properties
            instruction = pikepdf.ContentStreamInstruction(operands, instruction.operator)
        instructions.append(instruction)
    return pikepdf.unparse_content_stream(instructions)


def _repoint_elements(elements: list[pikepdf.Object], lower: pikepdf.Page, upper: pikepdf.Page, first: int) -> None:
    """Move every structure element below `elements` that was on the lower page to the upper one,
    its marked content numbered from `first`."""
    seen: set[tuple[int, int]] = set()
    stack = list(elements)
    while stack:
        element = stack.pop()
        if element.is_indirect:
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
        on_lower = Name.Pg in element and element.Pg.objgen == lower.obj.objgen
        if on_lower:
            element.Pg = upper.obj
            parent = element.get(Name.P)
            if parent is not None and Name.Pg in parent and parent.Pg.objgen == lower.obj.objgen:
                stack.append(parent)  # an element the Document does not list (a margin box's)
        kids = element.get(Name.K)
        if kids is None:
            continue
        if isinstance(kids, int):
            element.K = int(kids) + first if on_lower else kids
            continue
        for index, kid in enumerate(list(kids) if isinstance(kids, Array) else [kids]):
            if isinstance(kid, int):
                if on_lower:
                    kids[index] = int(kid) + first
            elif isinstance(kid, Dictionary) and kid.get(Name.Type) in (Name.MCR, Name.OBJR):
                kid_on_lower = Name.Pg in kid and kid.Pg.objgen == lower.obj.objgen
                if kid_on_lower:
                    kid.Pg = upper.obj
                if kid.get(Name.Type) == Name.MCR and (kid_on_lower or (on_lower and Name.Pg not in kid)):
                    kid.MCID = int(kid.MCID) + first
            elif isinstance(kid, Dictionary):
                stack.append(kid)


def _moved_y(values: pikepdf.Object, shift: float) -> pikepdf.Array:
    """Coordinates (x, y pairs) moved `shift` points down."""
    return Array(
        [
            value if index % 2 == 0 else Decimal(_number(float(value) - shift).decode())
            for index, value in enumerate(values)
        ]
    )


def _number(value: float) -> bytes:
    return f"{value:.6f}".rstrip("0").rstrip(".").encode()
