"""The feed of new and updated projects: an Atom document (RFC 4287) made from the programme.

Who subscribes keeps what the feed said before, so what identifies a project outlives what an
editor may change. Ids are `urn:uuid:` name-based UUIDs (version 5) of the programme's name and
the project's first slug (its oldest `previous_slugs`, which a rename keeps for the redirect):
any build, machine or site address makes the same ids, and two programmes never share one (not
`tag:` URIs, which need a domain the programme owns on a date).

An entry's `updated` is the day git last changed its record or story (provenance.py); without
that history (not committed, outside a checkout, or a shallow clone, which would date every
project to its one commit) the "data as of" day every view states (as_of.py). The feed's own is
that day too (else its newest entry's): no build time, so the same content gives the same bytes.

It says what the pages say: the programme's status and page; as author (Atom requires one) the
confirmed publisher with the contact address, until then the site by its name, without an
address (no source says the programme wrote this site). The summary is the project's aim, the
content its aim and facts as its page words them (ProjectSummary). Links are absolute, as a feed
is read away from the site: without site_url there is no feed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from showcase.identity import ProgrammeIdentity
from showcase.model import Programme, Project
from showcase.wording.citations import SourceLink
from showcase.wording.legal import LICENCE_UNCONFIRMED, granted_licence
from showcase.wording.project_summary import Fact, FactValue, ProjectSummary

FEED_PATH = "feed.xml"  # its address in the site
# The newest 50 tell what is new (the open data lists them all), and keep the file small.
FEED_LIMIT = 50
ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
# The kit's namespace for its name-based ids: changing it would change every id of every feed.
ID_NAMESPACE = uuid.UUID("748d8d4e-9583-49b2-9af7-cd159790f1c6")


@dataclass(frozen=True)
class FeedEntry:
    """A project as the feed lists it: when it last changed, and its page's absolute address."""

    project: Project
    updated: dt.date
    url: str


def feed_title(identity: ProgrammeIdentity) -> str:
    return f"{identity.name}: new and updated projects"


def entry_id(identity: ProgrammeIdentity, project: Project) -> str:
    first_slug = (*project.previous_slugs, project.slug)[0]  # earlier slugs are listed oldest first
    # A line break cannot be in a name or a slug: no two (name, slug) pairs give the same text.
    return _uuid("\n".join((identity.name, "projects", first_slug)))


def feed_entries(
    programme: Programme,
    page_urls: Mapping[str, str],
    last_changed: Mapping[str, dt.date],
    content_date: dt.date | None,
) -> list[FeedEntry]:
    """The projects the feed lists, newest first (then by name and slug), at most FEED_LIMIT:
    each with its last change (`content_date` for one git knows no change of; left out when that
    is None too) and its page's address, from `page_urls` by slug."""
    entries = [
        FeedEntry(project, updated, page_urls[project.slug])
        for project in programme.projects
        if (updated := last_changed.get(project.slug, content_date)) is not None
    ]
    entries.sort(key=lambda entry: (-entry.updated.toordinal(), entry.project.name.casefold(), entry.project.slug))
    return entries[:FEED_LIMIT]


def atom_feed(
    programme: Programme,
    identity: ProgrammeIdentity,
    entries: list[FeedEntry],
    home_url: str,
    feed_url: str,
    data_as_of: dt.date | None = None,
    *,
    site_name: str,
) -> bytes | None:
    """The Atom document of `entries` (feed_entries'), or None when there is none to list: a feed
    must say when it was updated, and only its entries know. `site_name` is mkdocs.yml's."""
    if not entries:
        return None
    feed = etree.Element(_atom("feed"), nsmap={None: ATOM})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "en-GB")  # as og:locale and the PDFs say
    _text(feed, "id", _uuid(identity.name))
    _text(feed, "title", feed_title(identity))
    if identity.status:
        _text(feed, "subtitle", f"{identity.status} (Source: {identity.status_source})")
    _text(feed, "updated", _timestamp(data_as_of or max(entry.updated for entry in entries)))
    _link(feed, feed_url, "self", "application/atom+xml")
    _link(feed, home_url, "alternate", "text/html")
    if identity.programme_page:
        _link(feed, identity.programme_page, "related", "text/html")
    licence = granted_licence(identity)  # none until a publisher grants one (wording/legal.py)
    if licence:
        _link(feed, licence.url, "license", "")  # RFC 4946's, beside the licence's name for people
    author = etree.SubElement(feed, _atom("author"))
    if identity.publisher:
        _text(author, "name", identity.publisher)
        if identity.contact_email:
            _text(author, "email", identity.contact_email)
    else:
        _text(author, "name", f"{site_name} (publisher not confirmed)")
    _text(feed, "rights", licence.name if licence else LICENCE_UNCONFIRMED)
    for entry in entries:
        element = etree.SubElement(feed, _atom("entry"))
        _text(element, "id", entry_id(identity, entry.project))
        _text(element, "title", entry.project.name)
        _text(element, "updated", _timestamp(entry.updated))
        _link(element, entry.url, "alternate", "text/html")
        _text(element, "summary", entry.project.aim)
        content = etree.SubElement(element, _atom("content"), type="xhtml")
        content.append(project_content(ProjectSummary(entry.project, programme.area_label)))
    etree.indent(feed, space="  ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(feed, encoding="utf-8") + b"\n"


def project_content(summary: ProjectSummary) -> etree._Element:
    """The entry's content, as an XHTML div: the aim and the facts, under the headings and with
    the labels, "(unconfirmed)" notes and source links of the project's page."""
    sections = summary.sections
    div = etree.Element(_xhtml("div"), nsmap={None: XHTML})
    aim = etree.Element(_xhtml("blockquote"))
    etree.SubElement(aim, _xhtml("p")).text = summary.project.aim
    for section, body in ((sections.aim, aim), (sections.facts, _facts(summary.page_facts))):
        heading = etree.SubElement(div, _xhtml("h2"))
        heading.text = section.heading + (f" {section.unconfirmed}" if section.unconfirmed else "")
        div.append(body)
        if section.source:
            sentence = etree.SubElement(div, _xhtml("p"))
            sentence.text = section.source.text
            for link in section.source.sources:
                _source_link(sentence, link)
            _append(sentence, ".")
    return div


def _facts(facts: tuple[Fact, ...]) -> etree._Element:
    """As theme/partials/showcase/facts.html's fact_list lays them out, without the links to the
    values' pages: "Label: value (within), value (unconfirmed) (source)"."""
    listing = etree.Element(_xhtml("dl"))
    for fact in facts:
        etree.SubElement(listing, _xhtml("dt")).text = fact.label
        value = etree.SubElement(listing, _xhtml("dd"))
        for number, each in enumerate(fact.values):
            _append(value, ", " if number else "")
            _append_value(value, each)
        if fact.unconfirmed:
            _append(value, f" {fact.unconfirmed}")
        if fact.source:
            _source_link(value, fact.source)
    return listing


def _append_value(parent: etree._Element, value: FactValue) -> None:
    """A value, the link to the page that states it (an area's group), and what it is within."""
    _append(parent, value.text)
    if value.source:
        _source_link(parent, value.source)
    if value.within:
        _append(parent, " (")
        _append_value(parent, value.within)
        _append(parent, ")")


def _source_link(parent: etree._Element, source: SourceLink) -> None:
    """ " (source)", as the page shows it beside what it sources; " (source, a copy of ...)" for a
    page that is another website's copy of a document."""
    _append(parent, " (")
    link = etree.SubElement(parent, _xhtml("a"), href=source.url)
    link.text = source.text + (f", {source.copy}" if source.copy else "")
    link.tail = ")"


def _append(parent: etree._Element, text: str) -> None:
    """`text` after what `parent` holds so far."""
    children = list(parent)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _text(parent: etree._Element, name: str, text: str) -> None:
    etree.SubElement(parent, _atom(name)).text = text


def _link(parent: etree._Element, href: str, rel: str, media_type: str) -> None:
    link = etree.SubElement(parent, _atom("link"), rel=rel, href=href)
    if media_type:
        link.set("type", media_type)


def _uuid(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, name)}"


def _timestamp(day: dt.date) -> str:
    """A day as RFC 3339 wants it: git's dates are days, so midnight UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def _atom(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _xhtml(name: str) -> str:
    return f"{{{XHTML}}}{name}"
