"""One rule for the HTML made from the comms team's Markdown, on the pages and in the PDFs alike.

The comms team writes Markdown, never HTML: raw HTML in their text is shown as the characters
they typed (`EditorsMarkdown`), so it is seen in the preview and nothing runs. What
Markdown itself writes then passes through one allow-list sanitiser (nh3, the Python binding of
the Rust crate ammonia): only the tags and attributes Markdown and its extensions produce, and
links only to the web (http, https), to an e-mail address (mailto) or within the site. That
catches what slips past Markdown: `{: onclick=...}` through attr_list, `javascript:` targets in
links and images however they are spelt or encoded.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import nh3
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# Where a link in the comms team's text may go; any other scheme (javascript:, data:, vbscript:,
# file:) could run code or read the reader's machine.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# What Python-Markdown and the extensions in mkdocs.yml (admonition, attr_list, tables, toc,
# sane_lists) write.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "ins",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"style"},
    "th": {"style"},
}
ALLOWED_STYLES = frozenset({"text-align"})  # the tables extension aligns columns with it

# Browsers drop tabs and line breaks inside an address and ignore leading spaces and control
# characters: "java\tscript:" is javascript:.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def is_safe_link(url: str) -> bool:
    """True for an address within the site or on the web, or an e-mail address."""
    scheme = _SCHEME.match(_IGNORED_IN_URLS.sub("", url).lower())
    return scheme is None or scheme.group(1) in LINK_SCHEMES


def clean_html(html: str) -> str:
    """HTML made from editors' Markdown, with anything outside the allow-list taken out."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(LINK_SCHEMES),
        filter_style_properties=set(ALLOWED_STYLES),
        link_rel=None,
        strip_comments=True,
    )


class _SafeLinksAndImages(Treeprocessor):
    """No image from another site (a visitor's browser would fetch it, telling that site who
    reads the page): it becomes a link to the image, by the same rule as any link. A link that
    could run code (javascript:, data:, ...) keeps its text and loses its target."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img" and not _is_local(child.get("src", "")):
                    link = etree.Element("a", href=child.get("src", ""))
                    link.text = f"Image: {child.get('alt') or child.get('src', '')}"
                    link.tail = child.tail
                    parent[index] = child = link
                if child.tag == "a" and not is_safe_link(child.get("href", "")):
                    child.attrib.pop("href", None)
                    child.tag = "span"


def _is_local(url: str) -> bool:
    """An image file of the site itself: no scheme, not another host ('//host/...')."""
    address = url.strip().lower()
    return is_safe_link(address) and not address.startswith(("http:", "https:", "mailto:", "//", "\\\\"))


class EditorsMarkdown(Extension):
    """The comms team's Markdown, wherever it is rendered (a page, a summary, a PDF): raw HTML is
    shown as text, an image from another site becomes a link to it, an unsafe link loses its target."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinksAndImages(md), "showcase_safe_links", 0)
