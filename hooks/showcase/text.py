"""How values from the data are written on a page: dates, money, counts and Markdown."""

from __future__ import annotations

import datetime as dt
import functools
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_LINK = ("https://", "http://", "mailto:", "#", "/", "./", "../")


def long_date(value: dt.date) -> str:
    """31 March 2023: the GOV.UK style, with no leading zero."""
    return f"{value.day} {value:%B %Y}"


def month_year(value: dt.date) -> str:
    return f"{value:%B %Y}"


def pounds(value: int) -> str:
    return f"£{value:,}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 project', '12 projects'."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


class _SafeLinksAndImages(Treeprocessor):
    """No image from another site (a visitor's browser would fetch it, telling that site who
    reads the page): it becomes a link to the image. No link that runs code (javascript:)."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img" and not _is_local(child.get("src", "")):
                    link = etree.Element("a", href=child.get("src", ""))
                    link.text = f"Image: {child.get('alt') or child.get('src', '')}"
                    link.tail = child.tail
                    parent[index] = link
                elif child.tag == "a" and not child.get("href", "").lower().startswith(SAFE_LINK):
                    child.attrib.pop("href", None)
                    child.tag = "span"


def _is_local(url: str) -> bool:
    return not url.lower().startswith(("http:", "https:", "//", "data:", "file:", "ftp:")) and ":" not in url.split("/")[0]


def size_label(size: int) -> str:
    """'84 KB', '1.2 MB': what a download link says, counted in 1024s as file managers do."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str) -> Markup:
    """Markdown from the data file, with raw HTML shown as text rather than run.

    Cached: a project's summary appears on its page, in its snapshot and in the pack, and the
    result depends on the text alone.

    The comms team writes Markdown, never HTML: a stray `<script>` in a summary must appear as
    those characters, so the raw-HTML parts of Python-Markdown are switched off.
    """
    renderer = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    renderer.preprocessors.deregister("html_block")
    renderer.inlinePatterns.deregister("html")
    renderer.treeprocessors.register(_SafeLinksAndImages(renderer), "showcase_safe_links", 0)
    return Markup(renderer.convert(text))


JINJA_FILTERS = {
    "long_date": long_date,
    "month_year": month_year,
    "pounds": pounds,
    "plural": plural,
    "markdown": render_markdown,
}
