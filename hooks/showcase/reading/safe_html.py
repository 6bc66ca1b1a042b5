"""One sanitiser for the HTML made from the comms team's Markdown, on the pages and in the PDFs.

Editors write Markdown, never HTML: raw HTML shows as the characters typed (`EditorsMarkdown`).
What Markdown writes then passes nh3's allow-list: the tags, attributes and classes Markdown's
extensions write, links only to the web, an e-mail address or the site. That catches what slips
past Markdown (`{: onclick=...}` through attr_list, `javascript:` however spelt or encoded).

An editor's id the theme also uses would be found first by the theme's script ("DOM clobbering":
a `<p id="__config">` read as material's configuration): it becomes `user-content-<id>`
(GitHub's prefix), with the page's links to it and its table of contents. What else reaches a
page unescaped (a page's title, the settings material prints raw) is made Markup here, once.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any

import nh3
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from showcase.languages import text_direction

# Any other scheme (javascript:, data:, file:) could run code or read the reader's machine.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# What Python-Markdown and mkdocs.yml's extensions (admonition, attr_list, tables, toc) write.
ALLOWED_TAGS = frozenset(
    "a abbr blockquote br code dd del div dl dt em h1 h2 h3 h4 h5 h6 hr img ins kbd li ol p pre s span strong "
    "sub sup table tbody td tfoot th thead tr ul".split()
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
# Only the classes of an admonition (`!!! note`, in the kinds material styles) and of `[TOC]`:
# one of the theme's (`md-header`, `sc-card`) would dress an editor's text as the site's own.
ADMONITION_KINDS = frozenset(
    "note abstract summary tldr info todo tip hint important success check done question help faq "
    "warning caution attention failure fail missing danger error bug example quote cite".split()
)
ALLOWED_CLASSES = {"div": {"admonition", "toc", *ADMONITION_KINDS}, "p": {"admonition-title"}}

EDITOR_ID_PREFIX = "user-content-"
# An id as toc writes a heading's; anything else (material's own begin `__`) is renamed.
PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
# The ids the templates write, and the beginnings of those they make from data (`project-<slug>`);
# tests/test_names_and_settings.py checks that every id of the built pages is one of them.
THEME_IDS = frozenset(
    "aim at-a-glance browse cohorts complaints compliance contact contents controller "
    "disproportionate-burden downloads email enforcement facts feedback how-accessible improving "
    "in-person links logs main-content non-accessible non-compliance not-covered open-data "
    "out-of-scope outcomes preparation projects quotes questions reporting rights sc-printed-links-title sent sources "
    "sources-title stored technical testing voices where".split()
)
THEME_ID_BEGINNINGS = ("browse-", "cohort-", "finder-", "programme-", "project-", "projects-")

# Browsers drop tabs and line breaks inside an address and ignore leading spaces and control
# characters: "java\tscript:" is javascript:.
IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def is_safe_link(url: str) -> bool:
    """True for an address within the site or on the web, or an e-mail address."""
    scheme = _SCHEME.match(IGNORED_IN_URLS.sub("", url).lower())
    return scheme is None or scheme.group(1) in LINK_SCHEMES


def editor_id(value: str) -> str:
    """An id from the editors' text, as published."""
    free = PLAIN_ID.fullmatch(value) and value not in THEME_IDS and not value.startswith(THEME_ID_BEGINNINGS)
    return value if free or value.startswith(EDITOR_ID_PREFIX) else EDITOR_ID_PREFIX + value


def _editors_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return editor_id(value)
    if attribute == "class":
        return " ".join(name for name in value.split() if name in ALLOWED_CLASSES.get(tag, ())) or None
    return value


def clean_html(html: str) -> str:
    """HTML made from editors' Markdown, within the allow-list, every id the editors' (the
    extension renamed them already, with their links: this is the guarantee)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_editors_attribute,
        url_schemes=set(LINK_SCHEMES),
        filter_style_properties=set(ALLOWED_STYLES),
        link_rel=None,
        strip_comments=True,
    )


class _SafeLinksAndImages(Treeprocessor):
    """An image from another site (which would learn who reads the page) becomes a link to it;
    a link that could run code keeps its text and loses its target."""

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
    address = url.strip().lower()
    return is_safe_link(address) and not address.startswith(("http:", "https:", "mailto:", "//", "\\\\"))


class _LanguageDirection(Treeprocessor):
    """Text an editor marked with its language (`{: lang=ar }`) reads in its script's direction."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if (lang := element.get("lang")) and not element.get("dir") and text_direction(lang) == "rtl":
                element.set("dir", "rtl")


class _EditorIds(Treeprocessor):
    """Every id the theme could use renamed (`editor_id`), with its links and toc entries."""

    def run(self, root: etree.Element) -> None:
        renamed: dict[str, str] = {}
        for element in root.iter():
            if (old := element.get("id")) is not None and (new := editor_id(old)) != old:
                element.set("id", new)
                renamed[old] = new
        if not renamed:
            return
        for element in root.iter("a"):
            href = element.get("href", "")
            if href.startswith("#") and href[1:] in renamed:
                element.set("href", "#" + renamed[href[1:]])
        _rename_in_contents(getattr(self.md, "toc_tokens", []), renamed)


def _rename_in_contents(tokens: list[dict[str, Any]], renamed: Mapping[str, str]) -> None:
    for token in tokens:
        token["id"] = renamed.get(token["id"], token["id"])
        _rename_in_contents(token.get("children", []), renamed)


class EditorsMarkdown(Extension):
    """The comms team's Markdown, wherever it is rendered (a page, a summary, a PDF)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After attr_list (8) and toc (5), which set the ids; before MkDocs reads the title (1).
        md.treeprocessors.register(_EditorIds(md), "showcase_editor_ids", 4)
        md.treeprocessors.register(_SafeLinksAndImages(md), "showcase_safe_links", 0)
        md.treeprocessors.register(_LanguageDirection(md), "showcase_language_direction", 0)


# mkdocs.yml settings material's templates print unescaped (header, <title>, <meta>, footer).
RAW_PRINTED_SETTINGS = ("site_name", "site_description", "site_author", "copyright", "repo_name")


def escaped_settings(config: Mapping[str, Any]) -> dict[str, Markup]:
    return {name: escape(config[name]) for name in RAW_PRINTED_SETTINGS if isinstance(config.get(name), str)}


def plain_text(value: str) -> str:
    """The text a reader sees of a value that may be escaped already (Markup)."""
    return value.unescape() if isinstance(value, Markup) else value


def page_title(title: str, is_html: bool) -> Markup:
    """A page's title, escaped once: front matter's is Markup already, a first heading's is HTML
    (its entities kept), a file name's or the nav's plain text."""
    if isinstance(title, Markup):
        return title
    return escape(Markup(title).unescape() if is_html else title)
