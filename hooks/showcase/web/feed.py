"""The feed of new and updated projects: an Atom document (RFC 4287) made from the programme.

A subscriber keeps what the feed said before, so a project's id outlives an editor's changes: a
`urn:uuid:` name-based UUID (version 5) of the programme's name and the project's first slug (the
oldest `previous_slugs`, which a rename keeps): any build, machine or address makes the same ids,
two programmes never share one (a `tag:` URI would need a domain the programme owns on a date).

An entry's `updated` is the day git last changed its record or story (provenance.py), else (no
history, or a shallow clone, which would date every project to its one commit) the "data as of"
day (as_of.py); the feed's is that day too (else its newest entry's): no build time, same bytes.

It says what the pages say; its author (Atom requires one) is the confirmed publisher with the
contact address, until then the site by its name, without an address (no source says the
programme wrote this site). Links are absolute (a feed is read away from the site): without
site_url there is no feed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree
from lxml.builder import ElementMaker

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
A, H = ElementMaker(namespace=ATOM, nsmap={None: ATOM}), ElementMaker(namespace=XHTML, nsmap={None: XHTML})


@dataclass(frozen=True)
class FeedEntry:
    project: Project
    updated: dt.date
    url: str  # its page's, absolute


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
    """The projects the feed lists, newest first (then by name and slug), at most FEED_LIMIT,
    dated by their last change, else `content_date` (else left out)."""
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
    """The Atom document of `entries`, or None without any: a feed must say when it was updated,
    and only its entries know. `site_name` is mkdocs.yml's."""
    if not entries:
        return None
    licence = granted_licence(identity)  # none until a publisher grants one (wording/legal.py)
    if identity.publisher:
        author = [A.name(identity.publisher), *([A.email(identity.contact_email)] if identity.contact_email else [])]
    else:
        author = [A.name(f"{site_name} (publisher not confirmed)")]
    feed = A.feed(
        {"{http://www.w3.org/XML/1998/namespace}lang": "en-GB"},  # as og:locale and the PDFs say
        A.id(_uuid(identity.name)),
        A.title(feed_title(identity)),
        *([A.subtitle(f"{identity.status} (Source: {identity.status_source})")] if identity.status else []),
        A.updated(_timestamp(data_as_of or max(entry.updated for entry in entries))),
        A.link(rel="self", href=feed_url, type="application/atom+xml"),
        A.link(rel="alternate", href=home_url, type="text/html"),
        *([A.link(rel="related", href=identity.programme_page, type="text/html")] if identity.programme_page else []),
        # RFC 4946's, beside the licence's name for people.
        *([A.link(rel="license", href=licence.url)] if licence else []),
        A.author(*author),
        A.rights(licence.name if licence else LICENCE_UNCONFIRMED),
        *(
            A.entry(
                A.id(entry_id(identity, entry.project)),
                A.title(entry.project.name),
                A.updated(_timestamp(entry.updated)),
                A.link(rel="alternate", href=entry.url, type="text/html"),
                A.summary(entry.project.aim),
                A.content({"type": "xhtml"}, project_content(ProjectSummary(entry.project, programme.area_label))),
            )
            for entry in entries
        ),
    )
    etree.indent(feed, space="  ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(feed, encoding="utf-8") + b"\n"


def project_content(summary: ProjectSummary) -> etree._Element:
    """The entry's content, as an XHTML div: the aim and the facts, as the project's page words
    them (headings, labels, "(unconfirmed)" notes and source links)."""
    sections = summary.sections
    div = H.div()
    for section, body in (
        (sections.aim, H.blockquote(H.p(summary.project.aim))),
        (sections.facts, _facts(summary.page_facts)),
    ):
        div.extend([H.h2(section.heading + (f" {section.unconfirmed}" if section.unconfirmed else "")), body])
        if section.source:
            sentence = H.p(section.source.text)
            for link in section.source.sources:
                _source_link(sentence, link)
            _append(sentence, ".")
            div.append(sentence)
    return div


def _facts(facts: tuple[Fact, ...]) -> etree._Element:
    """As theme/partials/showcase/facts.html's fact_list lays them out, without the links to the
    values' pages: "Label: value (source), value (unconfirmed) (source), in group (source)"."""
    listing = H.dl()
    for fact in facts:
        value = H.dd()
        listing.extend([H.dt(fact.label), value])
        for number, each in enumerate(fact.values):
            _append(value, ", " if number else "")
            _append_value(value, each)
        if fact.unconfirmed:
            _append(value, f" {fact.unconfirmed}")
        if fact.source:
            _source_link(value, fact.source)
        # Where the areas are, after the fact and its source, as the page says it (Fact.groups).
        for area, group in fact.groups:
            _append(value, f"; {area} in " if area else ", in ")
            _append_value(value, group)
    return listing


def _append_value(parent: etree._Element, value: FactValue) -> None:
    _append(parent, value.text)
    if value.source:
        _source_link(parent, value.source)


def _source_link(parent: etree._Element, source: SourceLink) -> None:
    """ " (source)", as the page shows it; " (source, a copy of ...)" for another website's copy."""
    _append(parent, " (")
    parent.append(H.a(source.text + (f", {source.copy}" if source.copy else ""), href=source.url))
    parent[-1].tail = ")"


def _append(parent: etree._Element, text: str) -> None:
    """`text` after what `parent` holds so far."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _uuid(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, name)}"


def _timestamp(day: dt.date) -> str:
    """A day as RFC 3339 wants it: git's dates are days, so midnight UTC."""
    return f"{day.isoformat()}T00:00:00Z"
