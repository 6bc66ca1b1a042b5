"""The fictional programme's site, built by the real MkDocs: pages, facts and counts."""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest

from page_text import search_or_fail, text_of
from showcase.model import Programme
from site_builds import FIXTURE, NAMES, Build, copy_fixture, run_mkdocs_build
from site_checks import parse_page

pytestmark = pytest.mark.build  # every test here runs MkDocs


def test_every_project_has_a_page_with_its_facts(fixture_site: Build, fixture_programme: Programme):
    assert len(fixture_programme.projects) == 10
    for project in fixture_programme.projects:
        page = text_of(fixture_site.html(f"projects/{project.slug}/"))
        assert project.name in page
        assert project.aim in page, f"{project.slug}: aim not shown word for word"
        assert project.cohort.title in page
        assert project.theme.title in page
        for area in project.boroughs:
            assert area.name in page and area.icb is not None and area.icb.title in page
        for value in (project.organisation, project.pcn, *project.partners, *project.outcomes):
            if value:
                assert value in page
        for quote in project.quotes:
            assert quote.text in page and quote.attribution in page


def test_project_page_has_its_title_and_one_h1(fixture_site: Build):
    page = fixture_site.html("projects/brackenford-mens-sheds/")
    assert "<title>Brackenford Men’s Sheds - Fernshire Community Connectors Programme</title>" in page
    assert page.count("<h1") == 1


def test_unconfirmed_facts_are_labelled_and_unknown_facts_are_absent(fixture_site: Build):
    connectors = text_of(fixture_site.html("projects/coast-and-country-connectors/"))
    assert (
        "Districts Harrowmouth , Coldharbour , St Fara’s & Linton (unconfirmed) ; Harrowmouth in Fernshire Coast "
        "ICB ( source of the ICB of Harrowmouth ); Coldharbour in North Fernshire ICB ( source of the ICB of "
        "Coldharbour ); St Fara’s & Linton in South Fernshire ICB ( source of the ICB of St Fara’s & Linton )"
        in connectors
    )
    measures = fixture_site.html("projects/measuring-what-matters/")
    assert "Borough" not in text_of(measures)
    assert "Lead organisation" not in measures
    for page in fixture_site.site.rglob("*.html"):
        assert "TBC" not in page.read_text("utf-8"), page


def test_narrative_markdown_appears_on_its_project_page(fixture_site: Build):
    page = fixture_site.html("projects/harbour-walks/")
    narrative = (FIXTURE / "content/projects/harbour-walks.md").read_text("utf-8")
    first_heading = search_or_fail(r"^## (.+)$", narrative, re.M).group(1)
    assert f">{first_heading}<" in page


def test_cohort_page_shows_its_facts_and_a_card_per_project(fixture_site: Build, fixture_programme: Programme):
    page = fixture_site.html("cohorts/2023-24/")
    text = text_of(page)
    for fact in (
        "Applications 18",
        "Shortlisted 9",
        "Projects 5",
        "£60,000",
        "up to £12,000 each",
        "25 April 2024",
        "12 June 2024",
        "October 2023 to April 2024",
        "The 5 projects",
    ):
        assert fact in text, fact
    # Each figure once: the projects' glance counts what the cohort's own figures do not.
    figures = re.findall(r'<dt>([^<]*)</dt><dd><span class="sc-stats__value">([^<]*)<', page)
    assert len(figures) == 7 and len({label for label, _ in figures}) == 7, figures
    cohort = next(cohort for cohort in fixture_programme.cohorts if cohort.id == "2023-24")
    in_cohort = fixture_programme.projects_in_cohort(cohort)
    assert page.count('class="sc-card"') == len(in_cohort) == 5
    for project in in_cohort:
        assert f'href="../../projects/{project.slug}/"' in page
    for quote in cohort.quotes:
        assert quote.text in text


def test_a_cohort_with_only_a_title_shows_no_facts_it_lacks(fixture_site: Build):
    text = text_of(fixture_site.html("cohorts/2024-25/"))
    assert "Projects 5" in text
    for absent in ("Applications", "Shortlisted", "£", "graduated", "showcase event"):
        assert absent not in text, absent


def test_cohort_counts_are_computed_from_the_records(fixture_copy: Path):
    data = fixture_copy / "data" / "projects.yaml"
    text = data.read_text("utf-8")
    # Drop the last record (the Coastal Outcomes Dashboard, 2024-25): every count must follow.
    data.write_text(text[: text.rindex("  - slug:")], "utf-8")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    page = text_of(build.html("cohorts/2024-25/"))
    assert "Projects 4" in page and "The 4 projects" in page
    assert "Fernshire Coast ICB: 1 project" in page


def test_every_page_is_reachable_from_the_index_pages(fixture_site: Build, fixture_programme: Programme):
    projects_index = fixture_site.html("projects/")
    for project in fixture_programme.projects:
        assert f'href="{project.slug}/"' in projects_index
    themes = fixture_site.html("themes/")
    for theme in fixture_programme.themes:
        assert f'href="{theme.id}/"' in themes
        theme_page = fixture_site.html(f"themes/{theme.id}/")
        assert theme_page.count('class="sc-card"') == len(fixture_programme.projects_with_theme(theme))
    home = fixture_site.html("")
    for cohort in fixture_programme.cohorts:
        assert f'href="cohorts/{cohort.id}/"' in home


def test_no_page_asks_another_host_for_anything(fixture_site: Build):
    # Links to other sites are fine; loading fonts, scripts, styles or images from them is not.
    loads = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)=\"(https?:)?//", re.I)
    for page in fixture_site.site.rglob("*.html"):
        assert not loads.search(page.read_text("utf-8")), page
    css = "\n".join(p.read_text("utf-8") for p in fixture_site.site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_strict_build_has_no_warnings(fixture_site: Build):
    assert "WARNING" not in fixture_site.output


def test_every_page_has_its_own_title_that_says_what_it_is_then_the_site(fixture_site: Build):
    site_name = "Fernshire Community Connectors Programme"
    titles: dict[str, str] = {}
    for path in sorted(fixture_site.site.rglob("*.html")):
        found = re.search(r"<title>([^<]*)</title>", path.read_text("utf-8"))
        if found and "has moved" not in found[1]:  # a renamed project's old address (test_redirects.py)
            titles[path.relative_to(fixture_site.site).as_posix()] = html.unescape(found[1])
    assert titles["index.html"] == site_name
    assert titles["404.html"] == f"Page not found - {site_name}"
    assert titles[f"{NAMES.areas}/gullhaven/index.html"] == f"Projects in Gullhaven - {site_name}"
    assert titles[f"{NAMES.groups}/fc/index.html"] == f"Projects in Fernshire Coast ICB - {site_name}"
    duplicated = {title for title in titles.values() if list(titles.values()).count(title) > 1}
    assert duplicated == set()
    assert all(title == site_name or title.endswith(f" - {site_name}") for title in titles.values())


def test_a_quotes_source_link_says_whose_quote_it_is(fixture_site: Build):
    page = fixture_site.html("projects/harbour-walks/")
    links = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
        for text in re.findall(r'<a href="https://example\.org/harbour-walks-report">(.*?)</a>', page, re.S)
    ]
    assert "source of the quote from A walker, aged 71" in links
    assert "source" not in links


def accessible_name(element: lxml.html.HtmlElement) -> str:
    """A link's or a control's name as a screen reader reads it out of context: its aria-label,
    or its text (visually hidden text included, aria-hidden text and SVG drawings left out, an
    image by its alt text)."""

    def text(node: lxml.html.HtmlElement) -> str:
        if node.get("aria-hidden") == "true" or node.tag == "svg":
            return ""
        parts = [node.get("alt", "") if node.tag == "img" else "", node.text or ""]
        for child in node:
            parts += [text(child) if isinstance(child.tag, str) else "", child.tail or ""]
        return "".join(parts)

    return " ".join((element.get("aria-label") or text(element)).split())


def test_no_page_has_two_links_of_the_same_words_to_different_places_nor_two_controls_of_one_name(fixture_site: Build):
    """A screen reader's list of links or of buttons shows each name alone: "Show as a table"
    three times, or "source" for four different quotes, says nothing of which is which."""
    found = []
    pages = [path for path in sorted(fixture_site.site.rglob("*.html")) if "has moved" not in path.read_text("utf-8")]
    assert len(pages) > 30
    for path in pages:
        address = "https://example.org/" + path.relative_to(fixture_site.site).as_posix()
        root = lxml.html.fromstring(path.read_text("utf-8"))
        targets: dict[str, set[str]] = defaultdict(set)
        for link in root.iter("a"):
            if link.get("href") is not None:
                targets[accessible_name(link)].add(urljoin(address, link.get("href")).removesuffix("index.html"))
        found += [
            f"{path.relative_to(fixture_site.site)}: links {name!r} go to {sorted(places)}"
            for name, places in targets.items()
            if len(places) > 1
        ]
        controls = Counter(accessible_name(control) for control in root.xpath("//button | //summary"))
        found += [
            f"{path.relative_to(fixture_site.site)}: {count} controls are named {name!r}"
            for name, count in controls.items()
            if count > 1
        ]
    assert found == []
    home = lxml.html.fromstring(fixture_site.html(""))
    assert [accessible_name(summary) for summary in home.xpath("//summary")] == [
        "Show as a table: Projects by challenge theme",
        "Show as a table: Projects by integrated care board",
        "Show as a table: Projects by district",
    ]


PUBLISHED_AT = "https://example.org/fernshire/"  # a code host's pages: the site in a sub-folder


def test_the_not_found_page_works_at_any_missing_address_under_a_sub_folder(tmp_path: Path, monkeypatch):
    """A code host answers every missing address with 404.html, however deep: its links,
    styles and scripts must reach the site's own files from there, not the host's root."""
    monkeypatch.setenv("SHOWCASE_SITE_URL", PUBLISHED_AT)
    build = run_mkdocs_build(copy_fixture(tmp_path / "published"))
    assert build.returncode == 0, build.output
    missing = PUBLISHED_AT + "no/such/page/"
    references = parse_page(build.site / "404.html").references
    assert len(references) > 5
    lost = []
    for reference in references:
        if reference.startswith("#"):
            continue  # on the page itself
        url = urljoin(missing, reference)
        if not url.startswith(PUBLISHED_AT):
            assert not url.startswith("https://example.org/"), f"{reference} leaves the site's folder"
            continue  # another site
        target = build.site / unquote(urlsplit(url).path.removeprefix(urlsplit(PUBLISHED_AT).path))
        if not (target / "index.html" if url.endswith("/") else target).is_file():
            lost.append(reference)
    assert lost == []
    assert "<title>Page not found - Fernshire Community Connectors Programme</title>" in build.html("404.html")
