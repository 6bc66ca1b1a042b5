"""The feed of new and updated projects: an Atom document (RFC 4287) made from the programme.

Who subscribes keeps what the feed said before, so what identifies a project must outlive
everything an editor may change:

* Ids are `urn:uuid:` name-based UUIDs (RFC 4122, version 5) of the programme's name and the
  project's first slug: its oldest of `previous_slugs`, or its slug if it never moved. A rename
  that keeps the old slug in `previous_slugs` (as a rename must, for the redirect) keeps the id;
  a new build, another machine or another site address makes the same ids. Not `tag:` URIs: those
  need a domain the programme owns on a date, and the site's address may move. Two programmes
  built with the kit have different names, so their ids never meet.
* An entry's `updated` is the day its record or story last changed in git (provenance.py's
  last_changed); one with no history (not committed yet, or built outside a git checkout) takes
  the "data as of" day every view states (as_of.py: SOURCE_DATE_EPOCH's when git cannot date the
  content, else the latest date in the data). So does every entry
  when git cannot read the checkout's whole history (provenance.read_history): a shallow clone's
  one commit would date every project that day, a wrong date. The feed's `updated` is the "data
  as of" day, the one the pages and PDFs state (else its newest entry's): no build time, so the
  same content gives the same bytes.
* The feed says what the pages say of the programme: its status (an ended programme's) with the
  page it is quoted from in its subtitle, and its own page as a related link. Its author (Atom
  requires one) is the site's publisher once confirmed, with the contact address; until then the
  site itself, by its name, saying its publisher is not confirmed, with no e-mail address
  (feed_author): no source says the programme wrote this site, and the address is the programme's.
* Links are absolute: a feed is read away from the site, and readers resolve relative ones
  unevenly. With no site address (site_url unset) there is no feed, as there are no canonical
  links or link previews.

The words are the pages': the summary is the aim as the project's page shows it, the content the
aim and the facts as ProjectSummary words them for the page, "(unconfirmed)" labels and source
links included.
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
from showcase.wording.project_summary import Fact, FactValue, ProjectSummary

FEED_PATH = "feed.xml"  # its address in the site
MEDIA_TYPE = "application/atom+xml"
# A feed tells what is new: the newest 50 are enough for that (the open data lists them all),
# and keep the file small at a thousand projects.
FEED_LIMIT = 50
ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
LANGUAGE = "en-GB"  # as the pages' og:locale and the PDFs say
# The namespace of the kit's name-based ids: fixed once, never to change (it would change every
# id of every programme's feed).
ID_NAMESPACE = uuid.UUID("748d8d4e-9583-49b2-9af7-cd159790f1c6")


@dataclass(frozen=True)
class FeedEntry:
    """A project as the feed lists it: when it last changed, and its page's absolute address."""

    project: Project
    updated: dt.date
    url: str

    @property
    def newest_first(self) -> tuple[int, str, str]:
        """The feed's order: the latest change first, then by name (then slug, which is unique)."""
        return (-self.updated.toordinal(), self.project.name.casefold(), self.project.slug)


def first_slug(project: Project) -> str:
    """The project's first address: the oldest of its earlier slugs (listed oldest first), or its
    slug if it never moved."""
    return project.previous_slugs[0] if project.previous_slugs else project.slug


def feed_author(identity: ProgrammeIdentity, site_name: str) -> tuple[str, str]:
    """The feed's author: (name, e-mail address, or "" for none)."""
    if identity.publisher:
        return identity.publisher, identity.contact_email
    return f"{site_name} (publisher not confirmed)", ""


def feed_title(identity: ProgrammeIdentity) -> str:
    return f"{identity.name}: new and updated projects"


def feed_id(identity: ProgrammeIdentity) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, identity.name)}"


def entry_id(identity: ProgrammeIdentity, project: Project) -> str:
    # A line break cannot be in a name or a slug: no two (name, slug) pairs give the same text.
    name = "\n".join((identity.name, "projects", first_slug(project)))
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, name)}"


def feed_entries(
    programme: Programme,
    page_urls: Mapping[str, str],
    last_changed: Mapping[str, dt.date],
    content_date: dt.date | None,
) -> list[FeedEntry]:
    """The projects the feed lists, newest first, at most FEED_LIMIT: each with its last change
    (`content_date` for one git knows no change of; left out when that is None too) and its
    page's address, from `page_urls` by slug."""
    entries = [
        FeedEntry(project, updated, page_urls[project.slug])
        for project in programme.projects
        if (updated := last_changed.get(project.slug, content_date)) is not None
    ]
    return sorted(entries, key=lambda entry: entry.newest_first)[:FEED_LIMIT]


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
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", LANGUAGE)
    _text(feed, "id", feed_id(identity))
    _text(feed, "title", feed_title(identity))
    if identity.status:
        _text(feed, "subtitle", f"{identity.status} (Source: {identity.status_source})")
    _text(feed, "updated", _timestamp(data_as_of or max(entry.updated for entry in entries)))
    _link(feed, feed_url, "self", MEDIA_TYPE)
    _link(feed, home_url, "alternate", "text/html")
    if identity.programme_page:
        _link(feed, identity.programme_page, "related", "text/html")
    # RFC 4946's licence link, beside the licence's name for people.
    _link(feed, identity.licence.url, "license", "")
    author = etree.SubElement(feed, _atom("author"))
    name, email = feed_author(identity, site_name)
    _text(author, "name", name)
    if email:
        _text(author, "email", email)
    _text(feed, "rights", identity.licence.name)
    for entry in entries:
        _entry(feed, identity, programme, entry)
    etree.indent(feed, space="  ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(feed, encoding="utf-8") + b"\n"


def _entry(feed: etree._Element, identity: ProgrammeIdentity, programme: Programme, entry: FeedEntry) -> None:
    project = entry.project
    element = etree.SubElement(feed, _atom("entry"))
    _text(element, "id", entry_id(identity, project))
    _text(element, "title", project.name)
    _text(element, "updated", _timestamp(entry.updated))
    _link(element, entry.url, "alternate", "text/html")
    _text(element, "summary", project.aim)
    content = etree.SubElement(element, _atom("content"), type="xhtml")
    content.append(project_content(ProjectSummary(project, programme.area_label)))


def project_content(summary: ProjectSummary) -> etree._Element:
    """The entry's content, as an XHTML div: the aim and the facts, under the headings and with
    the labels, "(unconfirmed)" notes and source links of the project's page."""
    sections = summary.sections
    div = etree.Element(_xhtml("div"), nsmap={None: XHTML})
    for section, body in ((sections.aim, _aim(summary)), (sections.facts, _facts(summary.page_facts))):
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


def _aim(summary: ProjectSummary) -> etree._Element:
    quote = etree.Element(_xhtml("blockquote"))
    etree.SubElement(quote, _xhtml("p")).text = summary.project.aim
    return quote


def _facts(facts: tuple[Fact, ...]) -> etree._Element:
    """Laid out as theme/partials/showcase/facts.html's fact_list does, without the links to
    the values' pages: "Label: value (within), value (unconfirmed) (source)"."""
    listing = etree.Element(_xhtml("dl"))
    for fact in facts:
        etree.SubElement(listing, _xhtml("dt")).text = fact.label
        value = etree.SubElement(listing, _xhtml("dd"))
        value.text = ", ".join(_value_text(each) for each in fact.values)
        if fact.unconfirmed:
            _append(value, f" {fact.unconfirmed}")
        if fact.source:
            _source_link(value, fact.source)
    return listing


def _value_text(value: FactValue) -> str:
    return value.text + (f" ({_value_text(value.within)})" if value.within else "")


def _source_link(parent: etree._Element, source: SourceLink) -> None:
    """ " (source)", as the page shows a source link beside what it sources; " (source, a copy of
    ...)" for a page that is another website's copy of a document."""
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


def _timestamp(day: dt.date) -> str:
    """A day as RFC 3339 wants it: git's dates are days, so midnight UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def _atom(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _xhtml(name: str) -> str:
    return f"{{{XHTML}}}{name}"
