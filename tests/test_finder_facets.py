"""The finder's facets come from one table in Python (hooks/showcase/wording/finder.py's FACETS):
a facet added there shows on the finder, in its browse list, on its cards, in the no-script
notice and in the script, with no template edit (issue 29: a facet added by hand printed
"By primary care network (pcn)", and nothing caught it).
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, expect

from browser import page_without_errors
from finder_pages import open_finder, query_of
from showcase.model import Programme
from showcase.wording.finder import build_finder, facet_keys
from site_builds import NAMES, REPO, Build, copy_fixture, mkdocs_build, serve

THEME = REPO / "theme"
# A facet of the fixture's cohorts under another key and other words, added to the copied kit's
# FACETS by this test alone: every word of it is new to the templates.
ADDED_FACET = """
FACETS = (
    *FACETS,
    FacetKind(
        "round",
        "Funding round",
        "By funding round",
        "Round",
        "funding round",
        Cohort,
        lambda programme: programme.cohorts,
        lambda project: (project.cohort,),
        "cohort",
        every=True,
    ),
)
"""


@pytest.fixture(scope="module")
def with_added_facet(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fictional programme built by a kit whose finder has one more facet, in Python only."""
    root = copy_fixture(tmp_path_factory.mktemp("facet") / "project")
    finder = root / "hooks" / "showcase" / "wording" / "finder.py"
    finder.write_text(finder.read_text("utf-8") + ADDED_FACET, "utf-8")
    result = mkdocs_build(root, env={"SHOWCASE_PDF": "0"}, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return Build(root, result.returncode, result.stdout + result.stderr)


@pytest.mark.build
def test_a_facet_added_in_python_shows_everywhere_on_the_finder_page(
    with_added_facet: Build, fixture_programme: Programme
):
    page = with_added_facet.html("projects/")
    config = json.loads(re.findall(r"data-finder-config>(.*?)</script>", page, re.S)[0])
    assert config["facets"] == [*facet_keys(), "round"]
    # Its filter, its tag's name, its browse list and heading.
    assert re.findall(r'data-facet="([^"]+)" data-tag="([^"]+)"', page)[-1] == ("round", "Round")
    assert "<legend>Funding round</legend>" in page
    assert '<h3 id="browse-round">By funding round</h3>' in page
    # Each card carries its value, as the script filters by it.
    cards = dict(re.findall(r'<li data-slug="([^"]+)"[^>]*? data-round="([^"]*)"', page))
    assert cards == {project.slug: project.cohort.id for project in fixture_programme.projects}
    # The no-script notice and the empty state point to its browse list too.
    notice = page[page.index("sc-finder__no-script") : page.index("</p>", page.index("sc-finder__no-script"))]
    assert '<a href="#browse-round">funding round</a> has a page of its own projects' in notice
    assert '<a href="#browse-round">funding round</a>, listed under “Browse projects”' in page


@pytest.mark.build
def test_a_facet_added_in_python_filters_and_is_named_on_its_tag(browser: Browser, with_added_facet: Build):
    with serve(with_added_facet.site) as url, page_without_errors(browser, 1280, 900) as page:
        open_finder(page, url)
        page.locator("#finder-round-2023-24").check()
        expect(page.locator("[data-finder-status]")).to_have_text("Showing 5 of 10 projects")
        assert query_of(page) == [("round", "2023-24")]
        expect(page.get_by_role("button", name="Remove filter Round: 2023/24 first cohort")).to_be_visible()


# Where a template could name a facet itself: a card's or tile's data-<key>, a browse list's id,
# a query string, a facet looked up by its key, a card's values by key.
def _hand_written(key: str) -> re.Pattern[str]:
    return re.compile(
        rf"data-{key}\b|browse-{key}\b|[?&]{key}=|facet\(\s*[\"']{key}[\"']|values\.{key}\b|values\[[\"']{key}[\"']\]"
    )


def test_no_template_names_a_facet_key_itself():
    templates = sorted(THEME.rglob("*.html"))
    assert templates
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in templates
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        for key in facet_keys()
        if _hand_written(key).search(line)
    ]
    assert found == [], "a template names a facet's key: take it from the finder's facets (finder.py's FACETS)"


def test_every_facet_has_its_words_and_a_page_for_each_value(fixture_programme: Programme):
    finder = build_finder(fixture_programme)
    assert [facet.key for facet in finder.facets] == list(facet_keys(fixture_programme.names))
    for facet in finder.facets:
        assert facet.legend and facet.heading.startswith("By ") and facet.tag and facet.noun, facet.key
        assert facet.heading[3:4].islower(), (
            facet.heading
        )  # a heading in sentence case: 'By integrated care board (ICB)'
    # The area's words are the geography's ("district"), never the key's.
    area = finder.facet(NAMES.area)
    assert (area.legend, area.heading, area.noun) == ("District", "By district", "district")


def test_the_script_reads_only_the_facets_python_hands_it():
    """The finder's scripts name no facet key: they take them from the page's configuration."""
    for script in ("finder-logic.js", "project-finder.js"):
        text = (THEME / "assets" / script).read_text("utf-8")
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("//", "*", "/*")))
        named = [key for key in facet_keys() if re.search(rf"[\"'.]{key}[\"'\]]|data-{key}\b", code)]
        assert named == [], (script, named)


def test_the_places_browse_lists_link_the_index_of_every_place(fixture_site: Build, fixture_programme: Programme):
    """The browse lists name the places with projects; the areas' and the groups' end with a link
    to the index of them all, under the geography's words and folders (/areas/, /groups/ here)."""
    page = fixture_site.html("projects/")
    lists = dict(re.findall(r'<nav aria-labelledby="browse-([^"]+)">(.*?)</nav>', page, re.S))
    links = {
        key: re.findall(r'<p class="sc-browse__index"><a href="([^"]+)">([^<]+)</a>', text)
        for key, text in lists.items()
    }
    names = fixture_programme.names
    assert links == {
        "theme": [],
        names.area: [(f"../{names.areas}/", "All districts")],
        names.group: [(f"../{names.groups}/", "All integrated care boards")],
        "cohort": [],
    }
    for folder in (names.areas, names.groups):
        assert fixture_site.html(f"{folder}/")  # the index is there
