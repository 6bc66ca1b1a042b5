"""Where a PDF's links may go: to the web (https, http) or to an e-mail address (mailto), nowhere else.

A link within the site, in a summary's Markdown (`/projects/x/`, `../x/`, `x.md`, `#part`), goes
where the site's address says: a path from the site's root (`/projects/x/`) is taken from the
site's address, any other from the address of the page the text is published on (a summary's:
its project's page), as a browser would there. That needs the site's address (`site_url`, set
by SHOWCASE_SITE_URL); without it, such a link keeps its text and has no target. So does any
other link: to another host without a scheme (`//host/x`), a file (`file:`), data (`data:`) or
anything else. Left to WeasyPrint, each of these would be resolved against the print folder
(the HTML's base address) and become a `file:` link carrying the build machine's path.

The rule runs in the worker (jobs.py) on the document WeasyPrint has parsed, before it lays it
out: on every `<a>` of every PDF, whatever wrote it (a summary, a template, a fork's template),
so WeasyPrint never resolves a link against its base address and the parsers cannot disagree.
The addresses it needs are in the document itself (`address_metas`, which print_html.py gives
theme/print/snapshot.html to write into its <head>), so they are part of the PDF's cache key;
this module is hashed into it with the rest of the package.

Links between the parts of a pack (`PART_LINK_SCHEME:<anchor>`, written by the pack's own
templates) are kept for assembly.py, which makes each a link inside the pack. An editor cannot
write one: their Markdown loses any target that is not the web, an e-mail or the site
(safe_html.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from urllib.parse import urljoin, urlsplit

from showcase.pdf.documents import PART_LINK_SCHEME
from showcase.reading.safe_html import LINK_SCHEMES

# <meta name="showcase-site" content="https://example.org/showcase/">: the site's address;
# <meta name="showcase-page" content="projects/x/">: the page the document's text is published on;
# <article data-showcase-page="projects/x/">: the page this element's text is published on (a
# pack's summaries, one after another in one document, each from its own project's page).
SITE_ADDRESS_META = "showcase-site"
PAGE_ADDRESS_META = "showcase-page"
PAGE_ADDRESS_ATTRIBUTE = "data-showcase-page"

# Characters no address an editor means has, and that browsers and PDF viewers read in ways of
# their own: control characters, and the backslash ("\\host\x" is "//host/x" to a browser).
_MISREAD = re.compile(r"[\x00-\x1f\x7f\\]")


def address_metas(site: str | None, page: str) -> dict[str, str]:
    """What a print document's <head> tells `confine_links`, as <meta> names and contents: the
    site's address and the path within it of the page its text is published on; nothing when the
    site's address is unknown."""
    return {SITE_ADDRESS_META: site, PAGE_ADDRESS_META: page} if site else {}


def print_link(href: str, site: str | None, page: str = "") -> str | None:
    """Where a PDF's link to `href` goes: an absolute https, http or mailto address, or None
    (the link keeps its text and has no target).

    `site` is the site's address (None when unknown); `page` the path within the site of the
    page the link's text is published on, e.g. "projects/harbour-walks/".
    """
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
