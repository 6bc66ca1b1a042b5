"""The project finder at /projects/, driven in Debian's chromium like a visitor would.

Every test stands on the fictional Fernshire programme under tests/fixture/ (served by the
`site_url` fixture), never on the real content, so the comms team's edits cannot turn one red.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser import axe_violations

# `page` and `programme` are fixtures: importing them is what makes pytest find them here.
from finder_pages import PROJECTS, SEARCH, counted_programme, finder_page, open_finder, query_of, visible_names  # noqa: F401
from showcase.model import Programme, Project
from showcase.wording.finder import build_finder, tile_labels
from showcase.wording.tally import Tally
from site_builds import NAMES


def names(projects: Iterable[Project]) -> list[str]:
    return [project.name for project in projects]


def in_areas(projects: Iterable[Project], *slugs: str) -> list[Project]:
    return [p for p in projects if {a.slug for a in p.boroughs} & set(slugs)]


def status(count: int) -> str:
    return f"Showing {count} of {PROJECTS} projects"


def test_every_project_is_a_card_and_the_status_counts_them(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url)
    assert visible_names(page) == names(programme.projects)
    expect(page.locator("[data-finder-status]")).to_have_text("Showing 10 of 10 projects")
    # The heading is not a live region: [data-finder-announce] speaks, once typing pauses.
    assert page.locator("[data-finder-status]").get_attribute("aria-live") is None
    assert page.locator("[data-finder-announce]").get_attribute("role") == "status"


def test_a_theme_filter_shows_its_projects_and_puts_the_theme_in_the_url(
    page: Page, site_url: str, programme: Programme
):
    open_finder(page, site_url)
    page.get_by_label("Link workers who stay").check()
    workforce = [p for p in programme.projects if p.theme.id == "workforce"]
    assert visible_names(page) == names(workforce) == ["Link Worker Retention Pilot", "Zest Peer Mentors"]
    expect(page.locator("[data-finder-status]")).to_have_text(status(2))
    assert query_of(page) == [("theme", "workforce")]


def test_boroughs_combine_with_or_and_facets_combine_with_and(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url)
    page.get_by_label("Gullhaven").check()
    page.get_by_label("Harrowmouth").check()
    # Coastal Outcomes Dashboard is in both areas: it shows once.
    in_either = in_areas(programme.projects, "gullhaven", "harrowmouth")
    assert (
        visible_names(page)
        == names(in_either)
        == ["Coast & Country Connectors", "Coastal Outcomes Dashboard", "Harbour Walks"]
    )
    assert query_of(page) == [(NAMES.area, "gullhaven"), (NAMES.area, "harrowmouth")]

    page.get_by_label("Reaching people who miss out").check()
    both = [p for p in in_either if p.theme.id == "access"]
    assert visible_names(page) == names(both) == ["Coast & Country Connectors", "Harbour Walks"]
    assert query_of(page) == [("theme", "access"), (NAMES.area, "gullhaven"), (NAMES.area, "harrowmouth")]


def test_the_icb_and_cohort_filters_show_their_projects(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url)
    page.get_by_label("North Fernshire").check()
    nf = [p for p in programme.projects if "nf" in {icb.slug for icb in p.icbs}]
    assert visible_names(page) == names(nf) and len(nf) == 4
    assert query_of(page) == [(NAMES.group, "nf")]
    page.get_by_label("North Fernshire").uncheck()
    page.get_by_label("2023/24 first cohort").check()
    first = [p for p in programme.projects if p.cohort.id == "2023-24"]
    assert visible_names(page) == names(first) and len(first) == 5
    expect(page.locator("[data-finder-status]")).to_have_text(status(5))
    assert query_of(page) == [("cohort", "2023-24")]


def test_the_text_filter_searches_names_aims_and_organisations(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url)
    # "Community Trust" is in two projects' organisation only, not their names or aims.
    # (tests/test_finder_search.py tests the search itself.)
    page.get_by_label(SEARCH).fill("Community Trust")
    expected = [p for p in programme.projects if p.organisation == "Dunmere Community Trust"]
    assert visible_names(page) == names(expected) == ["Al-Noor Wellbeing Circle", "Dunmere Digital Doorway"]
    assert query_of(page) == [("q", "Community Trust")]


def test_the_counts_beside_the_options_follow_the_other_filters(page: Page, site_url: str):
    open_finder(page, site_url)
    workforce_label = page.locator("label[for=finder-theme-workforce]")
    access_label = page.locator("label[for=finder-theme-access]")
    expect(workforce_label).to_have_text("Link workers who stay (2)")
    # One of the five has its theme by the editors' inference, and says so as the browse list does.
    expect(access_label).to_have_text("Reaching people who miss out (5, 1 unconfirmed)")
    page.get_by_label("Gullhaven").check()
    expect(workforce_label).to_have_text("Link workers who stay (0)")
    expect(access_label).to_have_text("Reaching people who miss out (1)")
    # An option's count ignores its own facet: choosing Harrowmouth too would show 2 more (one of
    # them there by the editors' inference).
    expect(page.locator(f"label[for=finder-{NAMES.area}-harrowmouth]")).to_have_text("Harrowmouth (2, 1 unconfirmed)")


def option_text(name: str, counted: Iterable[Project], field: str) -> str:
    """An option's label as the browse list words a count: 'Harrowmouth (2, 1 unconfirmed)'."""
    counted = list(counted)
    each = Tally(len(counted), sum(project.is_unconfirmed(field) for project in counted))
    return f"{name} ({each.count}, {each.note})" if each.note else f"{name} ({each.count})"


def test_an_option_whose_count_rests_on_inferred_facts_says_so_as_the_filters_change(
    page: Page, site_url: str, programme: Programme
):
    """Issue 28, finding 11: the filters said "(1)" where the browse list under them said "(1,
    unconfirmed)"."""
    open_finder(page, site_url)
    for facet in build_finder(programme).facets:
        for option in facet.options:
            words = f"{option.count}, {option.unconfirmed_note}" if option.unconfirmed_note else str(option.count)
            label = page.locator(f"label[for=finder-{facet.key}-{option.value}]")
            expect(label).to_have_text(f"{option.label} ({words})")
    st_faras = "St Fara’s & Linton (1, unconfirmed)"
    expect(page.locator(f"label[for=finder-{NAMES.area}-st-faras-and-linton]")).to_have_text(st_faras)
    expect(page.locator(f"#browse-{NAMES.area} + ul li").filter(has_text="St Fara")).to_have_text(st_faras)
    # Counted again under a theme: the areas' counts, and how much of each is inferred, are of
    # that theme's projects; under a theme without the inferred project no area's count says so.
    for theme, title in (("access", "Reaching people who miss out"), ("workforce", "Link workers who stay")):
        page.get_by_label(title).check()
        of_theme = [p for p in programme.projects if p.theme.id == theme]
        for area in programme.areas:
            if area.slug == "ivybridge-marsh":
                continue  # no projects: no option
            expect(page.locator(f"label[for=finder-{NAMES.area}-{area.slug}]")).to_have_text(
                option_text(area.name, in_areas(of_theme, area.slug), "boroughs")
            )
        page.get_by_label(title).uncheck()
    expect(page.locator(f"label[for=finder-{NAMES.area}-harrowmouth]")).to_have_text("Harrowmouth (2, 1 unconfirmed)")


def test_a_shared_link_restores_the_filters(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url, f"?theme=access&{NAMES.area}=gullhaven&{NAMES.area}=harrowmouth&q=Harbour")
    expect(page.get_by_label("Reaching people who miss out")).to_be_checked()
    expect(page.locator(f"#finder-{NAMES.area}-gullhaven")).to_be_checked()
    expect(page.locator(f"#finder-{NAMES.area}-harrowmouth")).to_be_checked()
    expect(page.get_by_label(SEARCH)).to_have_value("Harbour")
    expected = [
        p
        for p in in_areas(programme.projects, "gullhaven", "harrowmouth")
        if p.theme.id == "access" and "Harbour" in p.name
    ]
    assert visible_names(page) == names(expected) == ["Harbour Walks"]


def test_back_and_forward_step_through_the_filters(page: Page, site_url: str):
    open_finder(page, site_url)
    page.get_by_label("Showing what changed").check()
    page.get_by_label("Dunmere").check()
    expect(page.locator("[data-finder-status]")).to_have_text(status(0))
    page.go_back()
    expect(page.locator("[data-finder-status]")).to_have_text(status(2))
    expect(page.get_by_label("Dunmere")).not_to_be_checked()
    page.go_back()
    expect(page.locator("[data-finder-status]")).to_have_text(status(10))
    page.go_forward()
    assert query_of(page) == [("theme", "impact")]
    expect(page.get_by_label("Showing what changed")).to_be_checked()


def test_a_map_tile_filters_by_its_area(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url)
    page.get_by_text("Map of Fernshire").click()  # folded under the results' heading
    tile = page.get_by_role("button", name="SF&L St Fara’s & Linton (unconfirmed for 1 project), 1 project")
    tile.click()
    expect(tile).to_have_attribute("aria-pressed", "true")
    assert query_of(page) == [(NAMES.area, "st-faras-and-linton")]
    assert (
        visible_names(page)
        == names(in_areas(programme.projects, "st-faras-and-linton"))
        == ["Coast & Country Connectors"]
    )
    expect(page.locator(f"#finder-{NAMES.area}-st-faras-and-linton")).to_be_checked()
    tile.click()
    expect(tile).to_have_attribute("aria-pressed", "false")
    assert len(visible_names(page)) == 10


def test_every_area_has_one_tile_and_areas_without_projects_are_quiet(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url)
    tiles = page.locator(".sc-map__tile")
    assert tiles.count() == len(programme.areas) == 9
    quiet = page.locator(".sc-map__tile--empty")
    with_projects = {a.slug for p in programme.projects for a in p.boroughs}
    assert quiet.count() == 9 - len(with_projects) == 1
    assert quiet.get_attribute(f"data-{NAMES.area}") == "ivybridge-marsh"
    labels = tile_labels(a.name for a in programme.areas)
    assert len(set(labels.values())) == 9
    # Minor words are left out of a tile's initials.
    expect(page.locator(f".sc-map__tile[data-{NAMES.area}=elmstead-upon-wye] .sc-map__label")).to_have_text("EW")


def test_an_empty_result_says_so_and_its_button_brings_everything_back(page: Page, site_url: str):
    open_finder(page, site_url, "?q=no-such-words-anywhere")
    expect(page.locator("[data-finder-empty]")).to_be_visible()
    expect(page.locator("[data-finder-status]")).to_have_text(status(0))
    # Its own name: beside the filters' "Clear filters", two buttons of one name are one too many.
    page.get_by_role("button", name="Show all projects").click()
    expect(page.locator("[data-finder-status]")).to_have_text(status(10))
    expect(page.locator("[data-finder-empty]")).to_be_hidden()
    assert query_of(page) == []
    expect(page.get_by_label(SEARCH)).to_be_focused()


def test_clear_filters_is_there_only_while_something_is_chosen_and_a_keyboard_reaches_it(page: Page, site_url: str):
    """Not a disabled button (a stop a keyboard cannot make that a screen reader still lists):
    shown once there is something to clear, as GOV.UK's finders do."""
    open_finder(page, site_url)
    clear = page.locator("[data-finder-form] [data-finder-clear]")
    expect(clear).to_be_hidden()
    page.get_by_label("Gullhaven").check()
    expect(clear).to_be_visible()
    expect(clear).to_be_enabled()
    page.locator("[data-finder-form] input[type=checkbox]").last.focus()
    page.keyboard.press("Tab")
    expect(clear).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-finder-status]")).to_have_text(status(10))
    assert query_of(page) == []
    expect(clear).to_be_hidden()
    expect(page.get_by_label(SEARCH)).to_be_focused()
    page.keyboard.type("harbour")  # words in the search box are something to clear too
    expect(clear).to_be_visible()
    page.get_by_label(SEARCH).fill("")
    expect(clear).to_be_hidden()


def test_sort_by_borough_orders_by_first_area_and_puts_projects_without_one_last(page: Page, site_url: str):
    open_finder(page, site_url)
    page.get_by_label("Sort by").select_option(NAMES.area)
    shown = visible_names(page)
    # By each project's first area as listed (Coast & Country Connectors: Harrowmouth), ties
    # by name; Measuring What Matters has no area.
    assert shown == [
        "Link Worker Retention Pilot",  # Ashby Vale
        "Brackenford Men’s Sheds",  # Brackenford
        "Zest Peer Mentors",  # Coldharbour
        "Al-Noor Wellbeing Circle",
        "Dunmere Digital Doorway",  # Dunmere
        "Young Carers Connect",  # Elmstead upon Wye
        "Coastal Outcomes Dashboard",
        "Harbour Walks",  # Gullhaven
        "Coast & Country Connectors",  # Harrowmouth
        "Measuring What Matters",  # none
    ]
    assert query_of(page) == [("sort", NAMES.area)]
    page.reload()
    expect(page.get_by_label("Sort by")).to_have_value(NAMES.area)
    assert visible_names(page) == shown


def test_the_keyboard_alone_can_filter_and_focus_stays_put(page: Page, site_url: str):
    open_finder(page, site_url)
    box = page.locator("#finder-theme-impact")
    box.focus()
    page.keyboard.press("Space")
    expect(page.locator("[data-finder-status]")).to_have_text(status(2))
    expect(box).to_be_focused()
    # The theme options are in order of title: the one before "Showing what changed" is
    # "Reaching people who miss out".
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(page.locator("#finder-theme-access")).to_be_checked()
    expect(page.locator("#finder-theme-access")).to_be_focused()
    expect(page.locator("[data-finder-status]")).to_have_text(status(7))


def test_without_javascript_every_card_shows_and_facet_pages_stand_in(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "projects/")
    assert page.locator("[data-finder-list] > li:visible").count() == 10
    expect(page.locator("[data-finder-form]")).to_be_hidden()
    page.get_by_role("link", name="Gullhaven", exact=True).click()
    assert page.url == site_url + f"{NAMES.areas}/gullhaven/"
    assert page.locator(".sc-card").count() == 2
    page.goto(site_url + "projects/young-carers-connect/")
    page.get_by_role("link", name="South Fernshire ICB").click()
    assert page.url == site_url + f"{NAMES.groups}/sf/"
    expect(page.get_by_role("heading", level=1)).to_have_text("South Fernshire ICB")
    context.close()


def test_the_finder_and_every_facet_page_have_no_axe_violations(page: Page, site_url: str, programme: Programme):
    found = {}
    open_finder(page, site_url)
    found["/projects/"] = axe_violations(page)
    page.get_by_label("Gullhaven").check()
    page.get_by_label(SEARCH).fill("walk")
    expect(page.locator("[data-finder-status]")).to_have_text(status(1))
    found["/projects/ filtered"] = axe_violations(page)
    open_finder(page, site_url, "?q=no-such-words-anywhere")
    found["/projects/ empty"] = axe_violations(page)
    facet_pages = (
        [f"{NAMES.areas}/{a.slug}/" for a in programme.areas]  # Ivybridge Marsh's says it has no projects
        + [f"{NAMES.groups}/{i.slug}/" for i in programme.icbs]
        + [f"themes/{t.id}/" for t in programme.themes]
        + [f"cohorts/{c.id}/" for c in programme.cohorts]
    )
    assert len(facet_pages) == 9 + 3 + 4 + 2
    for path in facet_pages:
        page.goto(site_url + path)
        found[path] = axe_violations(page)
    assert {path: v for path, v in found.items() if v} == {}


def test_download_these_results_exports_exactly_the_visible_cards(page: Page, site_url: str, programme: Programme):
    import csv
    import io

    open_finder(page, site_url, f"?{NAMES.group}=nf&sort={NAMES.area}")
    shown = visible_names(page)
    assert shown == [
        "Link Worker Retention Pilot",
        "Brackenford Men’s Sheds",
        "Zest Peer Mentors",
        "Coast & Country Connectors",
    ]
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download these results (CSV)").click()
    data = Path(download_info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row["name"] for row in rows] == shown and len(rows) == 4
    by_name = {p.name: p for p in programme.projects}
    assert all(row["aim"] == by_name[row["name"]].aim for row in rows)


# -- many projects ----------------------------------------------------------------------------
# At many projects the finder puts the first screen of matching cards in place at once and adds
# the rest a batch a frame (aria-busy on the list meanwhile). These tests serve /projects/ with
# every card of the fictional programme repeated, and watch the list after each input: at once,
# then every frame.

COPIES = 60  # the fixture's 10 cards, 60 copies of each: 600 projects
FIRST_SCREEN = 36  # the finder's FIRST: the cards that are right at once
CARD = re.compile(r'<li data-slug="([^"]+)"(.*?)</li>', re.S)


def many_projects(page_html: str) -> tuple[str, list[dict[str, str]]]:
    """The finder page with every card repeated COPIES times, and the attributes of each card in
    page order. Copy k of a card gets the slug <slug>-<k>; copies come in the page's order."""
    start = page_html.index("data-finder-list>") + len("data-finder-list>")
    end = page_html.index("</ul>", start)
    originals = CARD.findall(page_html[start:end])
    assert len(originals) == PROJECTS
    cards, items = [], []
    for k in range(COPIES):
        for slug, rest in originals:
            attributes = {
                name: html.unescape(value)
                for name, value in re.findall(r'data-([a-z-]+)="([^"]*)"', rest.split(">", 1)[0])
            }
            cards.append({"slug": f"{slug}-{k}", **attributes})
            items.append(f'<li data-slug="{slug}-{k}"{rest}</li>')
    return page_html[:start] + "\n".join(items) + page_html[end:], cards


def expected(cards: list[dict[str, str]], sort: str = "name", **chosen: list[str]) -> list[str]:
    """The slugs the finder should list: ORed within a facet, ANDed across, in the sort order."""
    shown = [
        (index, card)
        for index, card in enumerate(cards)
        if all(set(card[key].split()) & set(values) for key, values in chosen.items() if values)
    ]
    if sort != "name":
        shown.sort(key=lambda pair: (pair[1][f"sort-{sort}"], pair[0]))
    return [card["slug"] for _, card in shown]


# Runs an input and reports the list's slugs at once (in the same task), then after each frame
# until aria-busy is gone; also the status and whether the list was busy at once.
WATCH = """async input => {
    const list = document.querySelector('[data-finder-list]');
    const slugs = () => Array.from(list.children, item => item.getAttribute('data-slug'));
    (0, eval)(input);
    const report = {snapshots: [slugs()], busy: list.getAttribute('aria-busy'),
                    status: document.querySelector('[data-finder-status]').textContent};
    for (let frame = 0; list.getAttribute('aria-busy') === 'true' && frame < 600; frame++) {
        await new Promise(resolve => requestAnimationFrame(resolve));
        report.snapshots.push(slugs());
    }
    report.busyAfter = list.getAttribute('aria-busy');
    return report;
}"""


def is_in_order_within(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(slug in remaining for slug in part)


def watch(page: Page, input_script: str, want: list[str]) -> dict:
    report = page.evaluate(WATCH, input_script)
    at_once, final = report["snapshots"][0], report["snapshots"][-1]
    assert report["status"] == f"Showing {len(want)} of {PROJECTS * COPIES} projects"
    # The first screen is right at once, and the list never shows a card that does not match
    # or one out of order while the rest go in.
    assert at_once[:FIRST_SCREEN] == want[:FIRST_SCREEN]
    for snapshot in report["snapshots"]:
        assert is_in_order_within(snapshot, want)
    # In the end every matching card is there, in order, once.
    assert final == want
    assert report["busyAfter"] is None
    return report


@pytest.fixture
def many(page: Page, site_url: str, programme: Programme) -> list[dict[str, str]]:
    cards: list[dict[str, str]] = []

    def serve(route) -> None:
        body, found = many_projects(route.fetch().text())
        cards.extend(found)
        route.fulfill(body=body, content_type="text/html; charset=utf-8")

    page.route(f"{site_url}projects/", serve)
    open_finder(page, site_url)
    expect(page.locator("[data-finder-status]")).to_have_text(
        f"Showing {PROJECTS * COPIES} of {PROJECTS * COPIES} projects"
    )
    assert len(cards) == PROJECTS * COPIES
    assert [card["slug"] for card in cards[:PROJECTS]] == [f"{p.slug}-0" for p in programme.projects]
    return cards


def test_at_many_projects_every_matching_card_ends_up_in_the_list_in_order(page: Page, many: list[dict[str, str]]):
    workforce = expected(many, theme=["workforce"])
    assert len(workforce) == 2 * COPIES
    report = watch(page, "document.querySelector('#finder-theme-workforce').click()", workforce)
    assert report["busy"] is None and report["snapshots"][0] == workforce  # only cards taken out: done at once

    both = expected(many, theme=["workforce", "access"])
    assert len(both) == 7 * COPIES
    report = watch(page, "document.querySelector('#finder-theme-access').click()", both)
    assert report["busy"] == "true" and len(report["snapshots"]) > 2  # the rest went in over several frames

    everything = expected(many)
    watch(page, "document.querySelector('[data-finder-form] [data-finder-clear]').click()", everything)
    assert len(everything) == PROJECTS * COPIES

    by_borough = expected(many, sort=NAMES.area)
    watch(
        page,
        f"""(() => {{ const select = document.querySelector('[data-finder-sort]');
        select.value = '{NAMES.area}'; select.dispatchEvent(new Event('change', {{bubbles: true}})); }})()""",
        by_borough,
    )
    assert by_borough != everything

    gullhaven_by_borough = expected(many, sort=NAMES.area, **{NAMES.area: ["gullhaven"]})
    watch(page, f"document.querySelector('#finder-{NAMES.area}-gullhaven').click()", gullhaven_by_borough)
    assert len(gullhaven_by_borough) == 2 * COPIES


def test_at_many_projects_an_input_while_the_list_fills_wins(page: Page, many: list[dict[str, str]]):
    page.locator("#finder-theme-impact").check()
    # Clear (600 cards to put back) and, a frame later while it is still filling, tick a theme.
    report = page.evaluate("""async () => {
        const list = document.querySelector('[data-finder-list]');
        document.querySelector('[data-finder-form] [data-finder-clear]').click();
        const busy = list.getAttribute('aria-busy');
        await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const during = list.children.length;
        document.querySelector('#finder-theme-access').click();
        return {busy, during};
    }""")
    assert report["busy"] == "true" and report["during"] < PROJECTS * COPIES
    access = expected(many, theme=["access"])
    expect(page.locator("[data-finder-status]")).to_have_text(f"Showing {len(access)} of {PROJECTS * COPIES} projects")
    expect(page.locator("[data-finder-list]")).not_to_have_attribute("aria-busy", "true")
    assert (
        page.locator("[data-finder-list] > li").evaluate_all("items => items.map(item => item.dataset.slug)") == access
    )
    assert query_of(page) == [("theme", "access")]


def test_at_many_projects_printing_while_the_list_fills_prints_it_whole(page: Page, many: list[dict[str, str]]):
    page.locator("#finder-theme-impact").check()
    report = page.evaluate("""() => {
        const list = document.querySelector('[data-finder-list]');
        document.querySelector('[data-finder-form] [data-finder-clear]').click();
        const busy = list.getAttribute('aria-busy');
        window.dispatchEvent(new Event('beforeprint'));
        return {busy, after: list.getAttribute('aria-busy'), slugs: Array.from(list.children, item => item.dataset.slug)};
    }""")
    assert report["busy"] == "true" and report["after"] is None
    assert report["slugs"] == expected(many)
