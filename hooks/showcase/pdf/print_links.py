"""Where a PDF's links may go: to the web (https, http) or an e-mail address (mailto).

A link within the site (`/projects/x/`, `../x/`, `x.md`, `#part`) goes where the site's address
(`site_url`, set by SHOWCASE_SITE_URL) says, as a browser would from the page the text is
published on (a summary's: its project's page); without it, such a link keeps its text and has
no target, as does any other (`//host/x`, `file:`, `data:`...). Left to WeasyPrint, each would be
resolved against the print folder and become a `file:` link carrying the build machine's path.

The rule runs in the worker (jobs.py) on every `<a>` of the parsed document, whatever wrote it,
before WeasyPrint resolves a link, so the parsers cannot disagree. The addresses it needs are
in the document (`address_metas`), so they are in its cache key. Links between a pack's parts
(`PART_LINK_SCHEME:<anchor>`, the pack's templates') are kept for assembly.py; an editor's
Markdown cannot write one (safe_html.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from urllib.parse import urljoin, urlsplit

from showcase.pdf.documents import PART_LINK_SCHEME
from showcase.reading.safe_html import LINK_SCHEMES

# <meta name="showcase-site" content="https://example.org/showcase/">: the site's address;
# <meta name="showcase-page" content="projects/x/">: the page the document's text is published on,
# or an element's `data-showcase-page`, the page its text is.
SITE_ADDRESS_META = "showcase-site"
PAGE_ADDRESS_META = "showcase-page"
PAGE_ADDRESS_ATTRIBUTE = "data-showcase-page"

# Characters no address an editor means has, and that browsers and PDF viewers read in ways of
# their own: control characters, and the backslash ("\\host\x" is "//host/x" to a browser).
_MISREAD = re.compile(r"[\x00-\x1f\x7f\\]")


def address_metas(site: str | None, page: str) -> dict[str, str]:
    """The <meta> names and contents a print document's <head> tells `confine_links`."""
    return {SITE_ADDRESS_META: site, PAGE_ADDRESS_META: page} if site else {}


def print_link(href: str, site: str | None, page: str = "") -> str | None:
    """Where a PDF's link to `href` goes: an absolute https, http or mailto address, or None (the
    link keeps its text only). `page` is the path within the `site` of the page the text is on."""
    address = href.strip(" ")
    if not address or _MISREAD.search(address):
        return None
    try:
        parts = urlsplit(address)
    except ValueError:  # e.g. "https://[broken"
        return None
    if parts.scheme:
        if parts.scheme not in LINK_SCHEMES:
            return None
        return address if parts.netloc or (parts.scheme == "mailto" and parts.path) else None
    if parts.netloc or address.startswith("//") or site is None or not _is_web_address(site):
        return None
    root = site.rstrip("/") + "/"
    if address.startswith("/"):
        return urljoin(root, address.lstrip("/"))
    return urljoin(urljoin(root, page), address)


def confine_links(document: etree.Element) -> None:
    """Give every `<a>` of a parsed print document its `print_link`, or make it plain text (a
    `<span>`, its text and children kept) when it has none."""
    metas = {element.get("name"): element.get("content") for element in document.iter("meta")}
    _confine(document, metas.get(SITE_ADDRESS_META), metas.get(PAGE_ADDRESS_META) or "")


def _confine(element: etree.Element, site: str | None, page: str) -> None:
    page = element.get(PAGE_ADDRESS_ATTRIBUTE) or page
    for child in element:
        _confine(child, site, page)
    href = element.get("href")
    if element.tag != "a" or href is None or href.startswith(f"{PART_LINK_SCHEME}:"):
        return
    target = print_link(href, site, page)
    if target is None:
        del element.attrib["href"]
        element.tag = "span"
    else:
        element.attrib["href"] = target


def _is_web_address(address: str) -> bool:
    try:
        parts = urlsplit(address)
    except ValueError:
        return False
    return parts.scheme in ("https", "http") and bool(parts.netloc)
