"""The project finder's search box: words matched as words over every field, in Debian's chromium.

Each test is an analogue, on the fictional Fernshire programme (tests/fixture/), of a failure
issue 16 found in the real finder: "men" found "Women's" and "recruitment", an area's name found
nothing, a two-word area found one of its two projects, partners and keywords were not searched,
"womens" missed "women's", and a misspelling found nothing.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Page, expect

# `page` and `programme` are fixtures: importing them is what makes pytest find them here.
from finder_pages import PROJECTS, SEARCH, counted_programme, finder_page, open_finder, query_of, visible_names  # noqa: F401
from showcase.model import Programme
from showcase.wording.finder import SEARCH_FIELDS, SORT_ORDERS, search_fields
from site_builds import Build


def search(page: Page, words: str) -> list[str]:
    page.get_by_label(SEARCH).fill(words)
    return visible_names(page)


def found(page: Page, words: str) -> set[str]:
    return set(search(page, words))


def by_name(programme: Programme, name: str):
    return next(project for project in programme.projects if project.name == name)


# -- the documents Python prepares -------------------------------------------------------------


def test_every_searchable_field_is_prepared_as_plain_text(fixture_programme: Programme):
    walks = search_fields(by_name(fixture_programme, "Harbour Walks"))
    assert walks == (
        ("name", "Harbour Walks"),
        (
            "aim",
            "To reach older fishermen in Gullhaven who never visit their GP, through weekly walks along the harbour wall.",
        ),
        # The summary's Markdown rendered to words: no asterisks, no list marks, no link address.
        (
            "summary",
            "The team walked the harbour wall every Tuesday for six months. Walkers met a link worker on the way, "
            "not in a surgery. 48 men joined at least one walk. 19 of them went on to see a link worker. "
            "Read the partnership's report.",
        ),
        ("organisation", "Gullhaven Health Partnership"),
        ("partners", "Gullhaven Sea Scouts; Polska Fernshire"),
        ("pcn", "Gullhaven and Harrowmouth PCN; Primary Care Network"),  # its long name too
        ("keywords", "men; older people; walking"),
        ("areas", "Gullhaven"),
        ("groups", "Fernshire Coast; FC"),  # and its short name, the group's id
        ("theme", "Reaching people who miss out"),
        ("cohort", "2023/24 first cohort"),
    )
    assert [field for field, _ in walks] == list(SEARCH_FIELDS)


def test_a_project_with_only_the_required_fields_carries_only_those(fixture_programme: Programme):
    assert search_fields(by_name(fixture_programme, "Measuring What Matters")) == (
        ("name", "Measuring What Matters"),
        ("aim", "To agree one short set of measures that every link worker in Fernshire can record."),
        ("theme", "Showing what changed"),
        ("cohort", "2023/24 first cohort"),
    )
    # Areas and their care boards by name, in the order the record lists the areas, each area's
    # aliases after its name ("SFL": search words, shown nowhere).
    assert dict(search_fields(by_name(fixture_programme, "Coast & Country Connectors")))["areas"] == (
        "Harrowmouth; Coldharbour; St Fara’s & Linton; SFL"
    )


def test_each_card_carries_its_fields_escaped_and_the_search_library_is_served_with_its_licence(fixture_site: Build):
    page = fixture_site.html("projects/")
    assert 'data-search-summary="The team walked the harbour wall' in page
    assert "partnership&#39;s report." in page
    assert 'data-search-areas="Harrowmouth; Coldharbour; St Fara’s &amp; Linton; SFL"' in page
    assert "data-text=" not in page
    # The library, then the search, then the finder: each script needs the one before.
    scripts = [
        "assets/vendor/minisearch.min.js",
        "assets/vendor/stemmer.min.js",
        "assets/vendor/stopwords-en.min.js",
        "assets/finder-search.js",
        "assets/project-finder.js",
    ]
    positions = [page.index(f'src="../{script}"') for script in scripts]
    assert positions == sorted(positions)
    vendor = fixture_site.site / "assets/vendor"
    assert (vendor / "minisearch.min.js").read_text("utf-8").startswith("/*! MiniSearch 7.2.0 | MIT License")
    assert (vendor / "stemmer.min.js").read_text("utf-8").startswith("/*! stemmer 2.0.1 | MIT License")
    assert (vendor / "stopwords-en.min.js").read_text("utf-8").startswith("/*! stopword 3.1.5, English list")
    for licence in ("minisearch", "stemmer", "stopword"):
        assert "Permission is hereby granted, free of charge" in (vendor / f"{licence}.LICENSE.txt").read_text("utf-8")
    # Only the finder loads them.
    assert "minisearch" not in fixture_site.html("projects/harbour-walks/")


def test_relevance_is_a_sort_order_and_name_is_chosen_before_the_script_runs(fixture_site: Build):
    assert list(SORT_ORDERS) == ["relevance", "name", "borough", "cohort"]
    assert '<option value="name" selected>Name</option>' in fixture_site.html("projects/")


# -- words, not parts of words -----------------------------------------------------------------


def test_a_short_word_finds_whole_words_and_word_beginnings_not_the_middle_of_words(page: Page, site_url: str):
    open_finder(page, site_url)
    # "men" is a keyword of Harbour Walks, begins "Men’s Sheds" and "Mentors"; it is inside
    # "women’s" (Al-Noor's keyword) and "recruitment" (Dunmere Digital Doorway's): not a match.
    assert found(page, "men") == {"Harbour Walks", "Brackenford Men’s Sheds", "Zest Peer Mentors"}
    assert "Al-Noor Wellbeing Circle" not in found(page, "men")
    assert found(page, "recruit") == {"Dunmere Digital Doorway"}  # a word's beginning
    # "harbour" is inside "Coldharbour", an area of Coast & Country Connectors: not a match.
    assert search(page, "harbour") == ["Harbour Walks"]
    expect(page.locator("[data-finder-status]")).to_have_text(f"Showing 1 of {PROJECTS} projects")


def test_an_area_name_finds_the_projects_in_that_area(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url)
    # Coast & Country Connectors names Coldharbour only as one of its areas.
    in_coldharbour = {p.name for p in programme.projects if "coldharbour" in {a.slug for a in p.boroughs}}
    assert found(page, "coldharbour") == in_coldharbour == {"Zest Peer Mentors", "Coast & Country Connectors"}
    assert found(page, "Dunmere") == {"Al-Noor Wellbeing Circle", "Dunmere Digital Doorway"}


def test_an_areas_alias_finds_its_projects_first(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url)
    # "SFL" is the fixture's alias of St Fara’s & Linton (geography's `aliases:`), said on no page.
    in_area = [p.name for p in programme.projects if "St Fara’s & Linton" in {a.name for a in p.boroughs}]
    assert in_area == ["Coast & Country Connectors"]
    for words in ("SFL", "sfl"):
        assert search(page, words)[: len(in_area)] == in_area, words


def test_a_place_name_of_two_words_finds_every_project_there(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url)
    assert found(page, "ashby vale") == {"Link Worker Retention Pilot"}
    assert found(page, "Elmstead upon Wye") == {"Young Carers Connect"}
    # A care board: four projects, two of them through areas that their text never names.
    in_north = {p.name for p in programme.projects if "North Fernshire" in {icb.name for icb in p.icbs}}
    assert len(in_north) == 4
    assert found(page, "north fernshire") == in_north


def test_every_word_must_match_but_each_may_match_any_field(page: Page, site_url: str):
    open_finder(page, site_url)
    # "walks" is in the name, "Gullhaven" in the area and the aim, "scouts" among the partners.
    assert search(page, "walks gullhaven scouts") == ["Harbour Walks"]
    # Each word finds a project, but no project has both: nothing, and no spelling to suggest.
    assert search(page, "harbour dunmere") == []
    expect(page.locator("[data-finder-empty]")).to_be_visible()
    expect(page.locator("[data-finder-suggestion] p")).to_be_hidden()


def test_partners_and_keywords_are_searched(page: Page, site_url: str):
    open_finder(page, site_url)
    assert search(page, "sea scouts") == ["Harbour Walks"]  # a partner
    assert search(page, "loneliness") == ["Brackenford Men’s Sheds"]  # a keyword
    assert search(page, "volunteer recruitment") == ["Dunmere Digital Doorway"]  # a keyword of two words
    assert search(page, "Primary Care Alliance") == ["Link Worker Retention Pilot"]  # the organisation
    assert search(page, "Central PCN") == ["Zest Peer Mentors"]  # the primary care network


# -- spellings that mean the same word ----------------------------------------------------------


def test_apostrophes_and_case_do_not_matter(page: Page, site_url: str):
    open_finder(page, site_url)
    for words in ("womens", "women's", "Women’s", "WOMENS HEALTH"):
        assert search(page, words) == ["Al-Noor Wellbeing Circle"], words
    for words in ("mens sheds", "men's sheds", "Men’s Sheds"):
        assert search(page, words) == ["Brackenford Men’s Sheds"], words


def test_a_hyphenated_word_is_found_however_it_is_typed(page: Page, site_url: str):
    open_finder(page, site_url)
    # "co-design" is in Young Carers Connect's summary, "self-referral" a keyword of Dunmere
    # Digital Doorway.
    for words in ("co-design", "co design", "codesign"):
        assert search(page, words) == ["Young Carers Connect"], words
    for words in ("self-referral", "self referral", "selfreferral"):
        assert search(page, words) == ["Dunmere Digital Doorway"], words


def test_accents_do_not_matter(page: Page, site_url: str):
    open_finder(page, site_url)
    # A partner, "Café Łącznik": é and ą lose their marks; Ł has none to lose and is spelt L.
    for words in ("Café Łącznik", "cafe lacznik", "LACZNIK"):
        assert search(page, words) == ["Dunmere Digital Doorway"], words
    # An area, "St Fara’s & Linton".
    for words in ("St Fara’s & Linton", "st faras", "fara's linton"):
        assert search(page, words) == ["Coast & Country Connectors"], words


# -- misspellings --------------------------------------------------------------------------------


def test_a_word_one_letter_off_still_finds_the_project(page: Page, site_url: str):
    open_finder(page, site_url)
    assert search(page, "harbor") == ["Harbour Walks"]
    assert search(page, "supervison") == ["Link Worker Retention Pilot"]
    # A long word may be two letters off.
    assert search(page, "lonelyniss") == ["Brackenford Men’s Sheds"]
    expect(page.locator("[data-finder-suggestion] p")).to_be_hidden()


def test_a_word_too_far_off_to_match_offers_the_right_spelling_and_the_offer_applies_it(page: Page, site_url: str):
    open_finder(page, site_url, "?cohort=2023-24")
    # "dumnere" is two edits from "Dunmere" (one swap): too far for a match, near enough to offer.
    assert search(page, "dumnere") == []
    offer = page.get_by_role("link", name="Search for Dunmere")
    expect(page.locator("[data-finder-suggestion]")).to_have_text("Did you mean Dunmere?")
    # A link to the same filters with that spelling: it works opened in a new tab too.
    assert parse_qsl(urlsplit(offer.get_attribute("href") or "").query) == [("cohort", "2023-24"), ("q", "Dunmere")]
    offer.click()
    expect(page.get_by_label(SEARCH)).to_have_value("Dunmere")
    expect(page.get_by_label(SEARCH)).to_be_focused()
    assert visible_names(page) == ["Al-Noor Wellbeing Circle"]  # the 2023/24 project in Dunmere
    assert query_of(page) == [("cohort", "2023-24"), ("q", "Dunmere")]
    expect(page.locator("[data-finder-suggestion] p")).to_be_hidden()
    # Back returns to the misspelling and its offer.
    page.go_back()
    expect(page.locator("[data-finder-suggestion]")).to_have_text("Did you mean Dunmere?")


def test_a_misspelling_in_a_shared_link_is_offered_its_spelling_too(page: Page, site_url: str):
    open_finder(page, site_url, "?q=harbuor%20wlaks")
    expect(page.locator("[data-finder-suggestion]")).to_have_text("Did you mean Harbour Walks?")
    page.get_by_role("link", name="Search for Harbour Walks").click()
    assert visible_names(page) == ["Harbour Walks"]


# -- word families, short names, suggestions (issue 31's held-back queries, on Fernshire) --------


def test_a_word_typed_in_another_form_finds_its_family(page: Page, site_url: str):
    open_finder(page, site_url)
    # The data says "Carers" and "Connect"/"Connectors"; the visitor types another form.
    assert search(page, "carer")[0] == "Young Carers Connect"
    assert set(search(page, "connecting")) == {"Young Carers Connect", "Coast & Country Connectors"}
    assert search(page, "walked")[0] == "Harbour Walks"


def test_an_icb_short_name_finds_that_icb_projects_only(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url)
    for icb in programme.icbs:
        there = {p.name for p in programme.projects if icb in p.icbs}
        assert there and found(page, icb.id) == there, icb.id


def test_pcn_finds_the_projects_with_a_primary_care_network(page: Page, site_url: str, programme: Programme):
    open_finder(page, site_url)
    with_pcn = {p.name for p in programme.projects if p.pcn}
    assert found(page, "PCN") == with_pcn == {"Harbour Walks", "Zest Peer Mentors"}
    assert found(page, "primary care network") == with_pcn


def test_a_name_of_two_words_joined_by_and_is_found_by_its_initials(page: Page, site_url: str):
    open_finder(page, site_url)
    # "Coast & Country Connectors" (a name) and "St Fara’s & Linton" (an area), typed as people
    # shorten them; the aims' "and" pairs are no initials.
    for words in ("C&C", "c & c"):
        assert search(page, words) == ["Coast & Country Connectors"], words
    assert search(page, "F&L") == ["Coast & Country Connectors"]
    assert search(page, "R&S") == []  # "woodwork and repair sessions" is in an aim, not a name


def test_a_near_spelling_starts_as_the_typed_word_does(page: Page, site_url: str):
    open_finder(page, site_url)
    # "farbour" is one letter from "harbour", but not the letter a slip of the finger changes.
    assert search(page, "farbour") == []
    page.wait_for_timeout(700)
    expect(page.locator("[data-finder-suggestion] p")).to_be_hidden()
    assert search(page, "harbor") == ["Harbour Walks"]


def test_a_whole_word_ranks_above_a_word_it_begins(page: Page, site_url: str):
    open_finder(page, site_url)
    # "Men’s" and the keyword "men" are the word; "Mentors" only begins with it.
    assert search(page, "men")[-1] == "Zest Peer Mentors"
    assert search(page, "men")[0] == "Brackenford Men’s Sheds"


def test_no_suggestion_of_a_common_word_nor_while_a_word_is_typed(page: Page, site_url: str):
    open_finder(page, site_url)
    title = page.title()
    suggestion = page.locator("[data-finder-suggestion] p")
    announce = page.locator("[data-finder-announce]")
    # Typed a key at a time: the list follows at once, the live region only once typing pauses.
    page.get_by_label(SEARCH).press_sequentially("dumnere", delay=50)
    expect(announce).to_have_text(f"Showing 0 of {PROJECTS} projects. Did you mean Dunmere?")
    expect(suggestion).to_be_visible()
    expect(page).to_have_title(f"0 projects for ‘dumnere’ – {title}")
    # Common short words are never offered, nor offered for.
    for words in ("have", "be"):
        search(page, words)
        page.wait_for_timeout(700)
        expect(suggestion).to_be_hidden()


def test_the_live_region_waits_for_typing_to_pause(page: Page, site_url: str):
    # The page's clock, stopped, so that the machine's load cannot make a pause between keys.
    page.clock.install(time=datetime(2026, 1, 1))
    open_finder(page, site_url)
    title = page.title()  # the page's own: "Projects - <site>"
    page.clock.pause_at(datetime(2026, 1, 1, 0, 10))
    announce = page.locator("[data-finder-announce]")
    page.get_by_label(SEARCH).press_sequentially("harbour")
    assert visible_names(page) == ["Harbour Walks"]  # the list at once
    page.clock.run_for(400)
    expect(announce).to_have_text("")
    expect(page).to_have_title(title)
    page.clock.run_for(200)  # 500 ms after the last key
    expect(announce).to_have_text(f"Showing 1 of {PROJECTS} projects")
    expect(page).to_have_title(f"1 project for ‘harbour’ – {title}")


# -- ranking -------------------------------------------------------------------------------------


def test_with_search_words_a_name_match_comes_first_and_the_sort_says_relevance(
    page: Page, site_url: str, programme: Programme
):
    open_finder(page, site_url)
    sort = page.get_by_label("Sort by")
    expect(sort).to_have_value("name")
    expect(sort.locator("option[value=relevance]")).to_be_disabled()  # nothing to be relevant to
    # "link" is in the name of Link Worker Retention Pilot and in most projects' aims.
    ranked = search(page, "link")
    assert ranked[0] == "Link Worker Retention Pilot"
    by_name_order = [p.name for p in programme.projects if p.name in ranked]
    assert by_name_order[0] != ranked[0] and sorted(ranked) == sorted(by_name_order)
    expect(sort).to_have_value("relevance")
    assert query_of(page) == [("q", "link")]  # relevance is the default with words: not in the address
    sort.select_option("name")
    assert visible_names(page) == by_name_order
    assert query_of(page) == [("q", "link"), ("sort", "name")]
    page.reload()
    expect(sort).to_have_value("name")
    sort.select_option("relevance")
    assert visible_names(page) == ranked
    assert query_of(page) == [("q", "link")]
    # Without words, back to the name order; "Relevance" is not offered.
    page.get_by_label(SEARCH).fill("")
    expect(sort).to_have_value("name")
    expect(sort.locator("option[value=relevance]")).to_be_disabled()
    assert visible_names(page) == [p.name for p in programme.projects]


def test_the_download_follows_the_search_and_its_order(page: Page, site_url: str):
    import csv
    import io

    open_finder(page, site_url, "?q=link")
    shown = visible_names(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download these results (CSV)").click()
    rows = list(
        csv.DictReader(io.StringIO(Path(download_info.value.path()).read_bytes().decode("utf-8-sig"), newline=""))
    )
    assert [row["name"] for row in rows] == shown and shown[0] == "Link Worker Retention Pilot"
