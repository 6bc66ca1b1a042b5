"""The feed of new and updated projects (hooks/showcase/web/feed.py, hooks/feed.py): valid Atom
(RFC 4287's own schema, tests/schemas/), ids that survive builds and renames, dates from git, the
pages' words, links to the site's pages, and links to the feed from the home page and the finder.

The fixture's copies are not git repositories: a copy is made one (a commit of everything on a
chosen date) where a test needs history, as tests/test_open_data.py does for "Last updated"."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from content_edits import edit_record
from showcase.identity import Licence, ProgrammeIdentity
from showcase.loading.source_texts import with_copies
from showcase.model import Programme
from showcase.pdf import pdf_creation_date
from showcase.web.feed import FEED_LIMIT, FEED_PATH, atom_feed, entry_id, feed_entries
from site_builds import Build, mkdocs_build
from test_open_data import git_commit_everything

SCHEMA = Path(__file__).parent / "schemas" / "atom.rng"
NS = {"atom": "http://www.w3.org/2005/Atom", "x": "http://www.w3.org/1999/xhtml"}
SITE_URL = "https://connectors.example.org/showcase/"
SITE_NAME = "Example Connectors Showcase"  # mkdocs.yml's site_name
SHEDS = "brackenford-mens-sheds"  # a fixture project with no story file, renamed below
IDENTITY = ProgrammeIdentity(
    "Example Connectors Programme",
    "team@example.org",
    "Exampleshire",
    Licence("Example Licence", "https://example.org/licence"),
    publisher="Example Health Partnership",
)


def page_urls(programme: Programme) -> dict[str, str]:
    return {project.slug: f"{SITE_URL}projects/{project.slug}/" for project in programme.projects}


def parsed(feed: bytes) -> etree._Element:
    """The feed's root, once it has passed RFC 4287's schema and its two rules the schema's
    RELAX NG cannot say (Schematron in the RFC): an author for the feed or every entry, and an
    alternate link or content in every entry."""
    root = etree.fromstring(feed)
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    assert schema.validate(root), schema.error_log
    assert root.xpath("atom:author", namespaces=NS) or not root.xpath("atom:entry[not(atom:author)]", namespaces=NS)
    assert not root.xpath(
        "atom:entry[not(atom:link[@rel='alternate'] or atom:link[not(@rel)] or atom:content)]", namespaces=NS
    )
    return root


def entries(root: etree._Element) -> list[dict[str, str]]:
    return [
        {
            "id": entry.findtext("atom:id", namespaces=NS),
            "title": entry.findtext("atom:title", namespaces=NS),
            "updated": entry.findtext("atom:updated", namespaces=NS),
            "link": entry.find("atom:link[@rel='alternate']", namespaces=NS).get("href"),
            "summary": entry.findtext("atom:summary", namespaces=NS),
        }
        for entry in root.findall("atom:entry", namespaces=NS)
    ]


# -- the document, from the model ------------------------------------------------------------------


def test_the_feed_is_valid_atom_newest_first_with_the_newest_date_as_its_own(fixture_programme: Programme):
    changed = {project.slug: dt.date(2024, 1, 1 + number) for number, project in enumerate(fixture_programme.projects)}
    feed = atom_feed(
        fixture_programme,
        IDENTITY,
        feed_entries(fixture_programme, page_urls(fixture_programme), changed, None),
        SITE_URL,
        SITE_URL + FEED_PATH,
        site_name=SITE_NAME,
    )
    assert feed is not None
    root = parsed(feed)
    listed = entries(root)
    assert [entry["title"] for entry in listed] == [project.name for project in reversed(fixture_programme.projects)]
    assert listed[0]["updated"] == max(changed.values()).isoformat() + "T00:00:00Z"
    assert root.findtext("atom:updated", namespaces=NS) == listed[0]["updated"]
    assert root.findtext("atom:author/atom:name", namespaces=NS) == IDENTITY.publisher
    assert root.findtext("atom:author/atom:email", namespaces=NS) == IDENTITY.contact_email
    assert root.findtext("atom:rights", namespaces=NS) == IDENTITY.licence.name
    assert root.find("atom:link[@rel='license']", namespaces=NS).get("href") == IDENTITY.licence.url
    assert root.find("atom:link[@rel='self']", namespaces=NS).get("href") == SITE_URL + FEED_PATH
    assert [entry["summary"] for entry in listed] == [project.aim for project in reversed(fixture_programme.projects)]


def test_a_project_git_knows_no_change_of_takes_the_contents_date_or_is_left_out(fixture_programme: Programme):
    urls = page_urls(fixture_programme)
    walks = fixture_programme.projects[0]
    dated = feed_entries(fixture_programme, urls, {walks.slug: dt.date(2025, 5, 6)}, dt.date(2024, 4, 1))
    assert [entry.updated for entry in dated] == [dt.date(2025, 5, 6)] + [dt.date(2024, 4, 1)] * (len(dated) - 1)
    assert [
        entry.project for entry in feed_entries(fixture_programme, urls, {walks.slug: dt.date(2025, 5, 6)}, None)
    ] == [walks]
    assert (
        atom_feed(
            fixture_programme,
            IDENTITY,
            feed_entries(fixture_programme, urls, {}, None),
            SITE_URL,
            SITE_URL,
            site_name=SITE_NAME,
        )
        is None
    )


def feed_of(programme: Programme, identity: ProgrammeIdentity) -> etree._Element:
    feed = atom_feed(
        programme,
        identity,
        feed_entries(programme, page_urls(programme), {}, dt.date(2024, 1, 1)),
        SITE_URL,
        SITE_URL + FEED_PATH,
        site_name=SITE_NAME,
    )
    assert feed is not None
    return parsed(feed)


def test_until_a_publisher_is_set_the_feeds_author_is_the_site_with_no_email_address(fixture_programme: Programme):
    # Atom needs an author; no source says the programme wrote this site, and the contact
    # address is the programme's: the site names itself, and says its publisher is not confirmed.
    root = feed_of(fixture_programme, dataclasses.replace(IDENTITY, publisher=""))
    (author,) = root.findall("atom:author", namespaces=NS)
    assert author.findtext("atom:name", namespaces=NS) == f"{SITE_NAME} (publisher not confirmed)"
    assert author.find("atom:email", namespaces=NS) is None
    assert IDENTITY.name not in etree.tostring(author, encoding="unicode")


def test_a_source_that_is_a_copy_of_a_document_says_so_in_the_feed(fixture_programme: Programme):
    about = "https://example.org/gullhaven-health-partnership/about-us"
    copied = with_copies(fixture_programme, {about: "the partnership's leaflet, published by another website"})
    root = feed_of(copied, IDENTITY)
    links = root.xpath(f"//x:a[@href='{about}']", namespaces=NS)
    assert links and {link.text for link in links} == {
        "source, a copy of the partnership's leaflet, published by another website"
    }
    plain = feed_of(fixture_programme, IDENTITY).xpath(f"//x:a[@href='{about}']", namespaces=NS)
    assert {link.text for link in plain} == {"source"}


def test_the_feed_lists_at_most_the_newest_fifty(fixture_programme: Programme):
    many = dataclasses.replace(
        fixture_programme,
        projects=tuple(
            dataclasses.replace(fixture_programme.projects[0], slug=f"project-{number:03}", name=f"Project {number:03}")
            for number in range(FEED_LIMIT + 5)
        ),
    )
    changed = {
        project.slug: dt.date(2020, 1, 1) + dt.timedelta(days=number) for number, project in enumerate(many.projects)
    }
    listed = feed_entries(many, page_urls(many), changed, None)
    assert [entry.project.slug for entry in listed] == [
        f"project-{number:03}" for number in range(FEED_LIMIT + 4, 4, -1)
    ]


def test_an_entrys_id_outlives_renames_and_is_the_programmes_own(fixture_programme: Programme):
    project = next(project for project in fixture_programme.projects if project.slug == SHEDS)
    renamed = dataclasses.replace(project, slug="brackenford-sheds", name="Sheds", previous_slugs=(SHEDS,))
    again = dataclasses.replace(project, slug="fernshire-sheds", previous_slugs=(SHEDS, "brackenford-sheds"))
    assert entry_id(IDENTITY, project) == entry_id(IDENTITY, renamed) == entry_id(IDENTITY, again)
    assert entry_id(IDENTITY, project).startswith("urn:uuid:")
    other = dataclasses.replace(IDENTITY, name="Another Programme")
    assert entry_id(other, project) != entry_id(IDENTITY, project)
    assert len({entry_id(IDENTITY, each) for each in fixture_programme.projects}) == len(fixture_programme.projects)


# -- built sites -----------------------------------------------------------------------------------


def built_feed(root: Path, site: Path) -> bytes:
    """The feed of the site at `root`, built into `site` with the site's address set."""
    result = mkdocs_build(root, site_dir=site, env={"SHOWCASE_SITE_URL": SITE_URL, "SHOWCASE_PDF": "0"})
    assert result.returncode == 0, result.stderr
    return (site / FEED_PATH).read_bytes()


def page_of(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    page = site / url.removeprefix(SITE_URL) / "index.html"
    assert page.is_file(), f"{url} is not a page of the site"
    return page


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.build
def test_the_feed_of_a_built_site_has_the_pages_words_links_and_gits_dates(
    fixture_copy: Path, fixture_programme: Programme
):
    # Outside git: every project takes the content's date, as the PDFs do.
    sites = fixture_copy.parent
    first = built_feed(fixture_copy, sites / "no-git")
    content_date = pdf_creation_date(fixture_programme, None)
    assert content_date is not None
    assert {entry["updated"] for entry in entries(parsed(first))} == {f"{content_date.date().isoformat()}T00:00:00Z"}

    git_commit_everything(fixture_copy, "2024-02-03T12:00:00Z")
    site = sites / "site"
    feed = built_feed(fixture_copy, site)
    listed = entries(parsed(feed))
    assert {entry["updated"] for entry in listed} == {"2024-02-03T00:00:00Z"}
    assert [entry["id"] for entry in listed] == [entry["id"] for entry in entries(parsed(first))]
    for entry, entry_element in zip(listed, parsed(feed).findall("atom:entry", namespaces=NS), strict=True):
        page = lxml.html.fromstring(page_of(site, entry["link"]).read_text("utf-8"))
        assert entry["title"] == words(page.xpath("//article[@class='sc-project']/h1")[0])
        assert entry["summary"] == words(page.xpath("//blockquote[@class='sc-aim__text']/p")[0])
        # The facts as the page words them: the same labels and values, the same "(unconfirmed)"
        # and "(source)" (less the words only a screen reader hears, and the notes only paper shows).
        for hidden in page.xpath(
            "//section[@class='sc-facts']//*[@class='sc-visually-hidden' or @class='sc-link-note']"
        ):
            hidden.drop_tree()
        page_facts = [words(item) for item in page.xpath("//section[@class='sc-facts']/dl/div/*")]
        feed_facts = [
            " ".join("".join(item.itertext()).split())
            for item in entry_element.findall("atom:content/x:div/x:dl/*", namespaces=NS)
        ]
        assert page_facts and feed_facts == page_facts, entry["title"]

    # The same content built again, elsewhere: the same bytes.
    assert built_feed(fixture_copy, sites / "again") == feed

    # A slug changed as EDITING.md says, committed later: the same id, the new address, the new date, first.
    edit_record(fixture_copy, SHEDS, f"slug: {SHEDS}\n", f"slug: brackenford-sheds\n    previous_slugs: [{SHEDS}]\n")
    git_commit_everything(fixture_copy, "2024-03-09T09:00:00Z")
    before = next(entry for entry in listed if entry["link"] == f"{SITE_URL}projects/{SHEDS}/")
    renamed = entries(parsed(built_feed(fixture_copy, sites / "renamed")))
    assert renamed[0] == before | {"link": f"{SITE_URL}projects/brackenford-sheds/", "updated": "2024-03-09T00:00:00Z"}
    assert {entry["id"] for entry in renamed} == {entry["id"] for entry in listed}


@pytest.mark.build
def test_the_home_page_the_finder_and_every_pages_head_link_the_feed(fixture_copy: Path):
    site = fixture_copy / "site"
    built_feed(fixture_copy, site)
    for page, href in (
        ("index.html", FEED_PATH),
        ("projects/index.html", f"../{FEED_PATH}"),
        (f"projects/{SHEDS}/index.html", f"../../{FEED_PATH}"),
    ):
        html = lxml.html.fromstring((site / page).read_text("utf-8"))
        (head,) = html.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']")
        assert (
            head.get("href") == href
            and head.get("title") == "Fernshire Community Connectors Programme: new and updated projects"
        )
        if page != f"projects/{SHEDS}/index.html":
            (link,) = html.xpath(f"//section[@aria-labelledby='downloads']//a[@href='{href}']")
            assert words(link).startswith("New and updated projects, for your feed reader (Atom feed, "), words(link)


def test_without_the_sites_address_there_is_no_feed_nor_a_link_to_it(fixture_site: Build):
    assert not (fixture_site.site / FEED_PATH).exists()
    for page in ("", "projects/"):
        assert "application/atom+xml" not in fixture_site.html(page) and "feed reader" not in fixture_site.html(page)
