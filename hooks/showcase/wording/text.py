"""How values from the data are written on a page: dates, money, counts and Markdown."""

from __future__ import annotations

import datetime as dt
import functools
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from showcase.reading.safe_html import EditorsMarkdown, clean_html

# A setting's words in quote marks: a source's own words, the rest being the editors' account of
# them (source_texts.py compares only these with the source; a snapshot's foot prints only these).
QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]+)[\u201d\"]")


def long_date(value: dt.date) -> str:
    """31 March 2023: the GOV.UK style, with no leading zero."""
    return f"{value.day} {value:%B %Y}"


def month_year(value: dt.date) -> str:
    return f"{value:%B %Y}"


def pounds(value: int) -> str:
    return f"£{value:,}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def size_label(size: int) -> str:
    """'84 KB', '1.2 MB': what a download link says, counted in 1024s as file managers do."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class _HeadingsUnderSummary(Treeprocessor):
    """A summary is shown under its page's "Summary" heading (an h2, on the web and in the PDFs):
    its own headings, written from '##' as a story's are, go one level below it."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if re.fullmatch(r"h[1-5]", element.tag):
                element.tag = f"h{int(element.tag[1]) + 1}"


@functools.cache
def _summary_renderer() -> markdown.Markdown:
    """One Markdown converter for every summary (reset before each): making one is most of the
    cost of a short summary."""
    # attr_list as on the pages: a paragraph in another language says so, `{: lang=cy }`.
    renderer = markdown.Markdown(extensions=["sane_lists", "attr_list", EditorsMarkdown()], output_format="html")
    renderer.treeprocessors.register(_HeadingsUnderSummary(renderer), "showcase_headings_under_summary", 0)
    return renderer


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str) -> Markup:
    """A summary's Markdown, never run as HTML: raw HTML parts are off and the result passes the
    sanitiser (showcase.reading.safe_html). Cached: a summary is shown on its page, its snapshot
    and the pack."""
    return Markup(clean_html(_summary_renderer().reset().convert(text)))


JINJA_FILTERS = {
    "long_date": long_date,
    "month_year": month_year,
    "pounds": pounds,
    "plural": plural,
    "markdown": render_markdown,
}
