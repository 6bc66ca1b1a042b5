"""What a test reads from a built page or PDF, as text: a page's main content, a PDF's text page by
page (as poppler's pdftotext extracts it), and the two ways of comparing text across line breaks."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

# pdftotext wraps right-to-left text in directional marks: they are layout, not text.
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def search_or_fail(pattern: str, text: str, flags: int = 0) -> re.Match[str]:
    """re.search that fails the test, naming the pattern, when the text does not match it."""
    found = re.search(pattern, text, flags)
    assert found is not None, f"nothing matches {pattern!r}"
    return found


def text_of(page_html: str) -> str:
    """A page's main content as plain text, whitespace collapsed, entities decoded: as it reads on
    screen, without what only prints (each link's note "[2]" and the list of their addresses)."""
    main = page_html[page_html.index('<article class="md-content__inner') :]
    main = re.sub(r'<span class="sc-link-note">\[\d+\]</span>', "", main)
    main = re.sub(r'<section class="sc-printed-links".*?</section>', "", main, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def words(text: str) -> str:
    """Whitespace collapsed: a line break inside a sentence reads as a space."""
    return " ".join(text.split())


def letters(text: str) -> str:
    """Whitespace and hyphens removed: a PDF line may break after a hyphen or a slash, where there
    was no space, and pdftotext drops the hyphen that ends a line (in an address too)."""
    return "".join(text.split()).replace("-", "")


def pdf_text(path: Path, page: int | None = None, layout: bool = False) -> str:
    """The text of a PDF, or of its `page` (from 1), as poppler's pdftotext extracts it; with
    `layout`, as laid out on the page (what is on one line stays on one line)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.translate(BIDI_MARKS)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, as poppler's pdftotext extracts it."""
    return pdf_text(path).split("\f")[:-1]
