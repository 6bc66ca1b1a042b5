"""Each element the print HTML marks with a language (a quote's `lang="pl"`) carries it into the
PDF's structure tree as /Lang, so a screen reader reads it in that language (PDF/UA-1 7.2; WCAG
3.1.2 Language of Parts). WeasyPrint 70 writes only the document's language: this wraps the
private function that builds its structure elements, in the worker only. WeasyPrint is pinned,
and tests/test_pdf.py reads /Lang back from the fixture's PDFs, so a change to that function
fails the suite rather than dropping the languages.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


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
