"""How values from the data are written on a page: dates, money, counts and Markdown."""

from __future__ import annotations

import datetime as dt

import markdown
from markupsafe import Markup


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


def render_markdown(text: str) -> Markup:
    """Markdown from the data file, with raw HTML shown as text rather than run.

    The comms team writes Markdown, never HTML: a stray `<script>` in a summary must appear as
    those characters, so the raw-HTML parts of Python-Markdown are switched off.
    """
    renderer = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    renderer.preprocessors.deregister("html_block")
    renderer.inlinePatterns.deregister("html")
    return Markup(renderer.convert(text))


JINJA_FILTERS = {
    "long_date": long_date,
    "month_year": month_year,
    "pounds": pounds,
    "plural": plural,
    "markdown": render_markdown,
}
