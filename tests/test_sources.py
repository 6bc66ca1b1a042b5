"""Where each fact comes from: a record's `sources:`, checked by the loader, linked beside the
fact on the pages, printed in the PDFs, carried by the open data; and the note under the facts
that says, in the same words on the web and on paper, what each kind of fact rests on.

Every test stands on the fictional programme under tests/fixture/: harbour-walks gives sources
for its area, lead organisation, PCN and outcomes (its partners are unconfirmed);
al-noor-wellbeing-circle for its lead organisation; young-carers-connect one for each outcome; the first cohort for its figures, two of them
from a second page.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import lxml.html

from content_edits import edit, line_of, refused
from page_text import letters, pdf_text, words
from showcase.fields import SOURCED_COHORT_FIELDS, SOURCED_PROJECT_FIELDS
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.loading.public_names import editors_field
from showcase.loading.source_texts import with_copies
from showcase.model import Programme
from showcase.web.exports import csv_row, project_record
from showcase.wording.citations import UNCONFIRMED_EXPLAINED, fact_source, figure_sources, project_facts_note
from showcase.wording.cohort_summary import CohortSummary
from showcase.wording.project_summary import quote_source
from site_builds import NAMES, Build

DATA = "data/projects.yaml"
COHORT = "content/cohorts/2023-24.md"
WALKS = "harbour-walks"
YOUNG_CARERS = "young-carers-connect"
CARERS_PAGE = "https://example.org/young-carers-connect"
COLLEGE_PAGE = "https://example.org/elmstead-college/young-carers"
ABOUT = "https://example.org/gullhaven-health-partnership/about-us"
# The one page of the fixture that is another website's copy of a document: its stored text's
# `copy of:` says whose (tests/fixture/data/sources/fernshire-news-launch.txt).
LAUNCH = "https://example.org/fernshire-news/launch"
LEAFLET = "a copy of the Fernshire Care Partnership's launch leaflet, published by another website"
FACTS = ", ".join(editors_field(fact, NAMES) for fact in SOURCED_PROJECT_FIELDS)  # as the editors name them
FIGURES = ", ".join(SOURCED_COHORT_FIELDS)


# -- the loader ----------------------------------------------------------------------------------


def test_every_wrong_source_is_reported_at_once_with_file_line_field_and_a_fix_that_keeps_the_text(fixture_copy: Path):
    edit(
        fixture_copy,
        f"      {NAMES.areas}: https://example.org/gullhaven",
        "      area: https://example.org/gullhaven",
    )
    edit(
        fixture_copy,
        f"      organisation: {ABOUT}",
        "      organisation: http://example.org/gullhaven-health-partnership/about-us",
    )
    edit(fixture_copy, f"      pcn: {ABOUT}", "      pcn: example.org/gullhaven-health-partnership/about-us")
    edit(
        fixture_copy,
        "      outcomes: https://example.org/harbour-walks-report",
        "      outcomes: the partnership's report",
    )
    text = edit(
        fixture_copy,
        "    sources: {organisation: https://example.org/dunmere-community-trust/al-noor}",
        "    sources: https://example.org/dunmere-community-trust/al-noor",
    )
    cohort = edit(fixture_copy, "  applications: https://", "  aplications: https://", COHORT)

    assert refused(fixture_copy) == [
        f"{COHORT}:{line_of(cohort, 'aplications:')}: cohort '2023-24', field 'sources': 'aplications' is not a fact a "
        f"source can be given for (did you mean 'applications'?). Rename it to one of: {FIGURES}.",
        f"{DATA}:{line_of(text, 'area: https://')}: project '{WALKS}', field 'sources': 'area' is not a fact a "
        f"source can be given for (did you mean '{NAMES.areas}'?). Rename it to one of: {FACTS}.",
        f"{DATA}:{line_of(text, 'organisation: http://')}: project '{WALKS}', field 'sources': the source of "
        "'organisation', 'http://example.org/gullhaven-health-partnership/about-us', is not a web address starting "
        f"https://. Write it as organisation: {ABOUT} if the page opens at that address; if it does not, leave the "
        "fact without a source.",
        f"{DATA}:{line_of(text, 'pcn: example.org')}: project '{WALKS}', field 'sources': the source of 'pcn', "
        "'example.org/gullhaven-health-partnership/about-us', is not a web address starting https://. "
        f"Write it as pcn: {ABOUT}",
        f"{DATA}:{line_of(text, 'outcomes: the partnership')}: project '{WALKS}', field 'sources': the source of "
        "'outcomes', 'the partnership's report', is not a web address starting https://. Copy the whole address of "
        "the page that states the fact from the browser, starting https://",
        f"{DATA}:{line_of(text, 'sources: https://')}: project 'al-noor-wellbeing-circle', field 'sources': expected "
        "a set of lines 'fact: address' (fact: web address) but found a single value. Put each fact's name before "
        "its address, one per line indented under 'sources:', e.g. "
        "sources: {theme: https://example.org/dunmere-community-trust/al-noor}",
    ]


def test_a_source_for_a_fact_the_record_lacks_or_marks_unconfirmed_is_refused(fixture_copy: Path):
    edit(
        fixture_copy,
        "    aim: To agree one short set of measures that every link worker in Fernshire can record.\n",
        "    aim: To agree one short set of measures that every link worker in Fernshire can record.\n"
        "    sources: {pcn: https://example.org/measures}\n",
    )
    text = edit(fixture_copy, f"      pcn: {ABOUT}", "      partners: https://example.org/gullhaven-sea-scouts")
    cohort = edit(
        fixture_copy,
        "  graduation: https://example.org/fernshire-connectors/first-cohort\n",
        "  graduation: https://example.org/fernshire-connectors/first-cohort\n"
        "  graduation: https://example.org/fernshire-news/graduation\n",
        COHORT,
    )
    # The first cohort has every figure: the second has none, so a source there is for nothing.
    second = "content/cohorts/2024-25.md"
    second_text = edit(
        fixture_copy,
        "title: 2024/25 second cohort\n",
        "title: 2024/25 second cohort\nsources:\n  start: https://example.org/second\n",
        second,
    )

    assert refused(fixture_copy) == [
        f"{COHORT}:{line_of(cohort, 'graduation: https://example.org/fernshire-news')}: cohort '2023-24', sources, "
        "field 'graduation': 'graduation' appears twice in this record, on line "
        f"{line_of(cohort, 'graduation: https://example.org/fernshire-connectors')} and on line "
        f"{line_of(cohort, 'graduation: https://example.org/fernshire-news')}. "
        "Keep one of the two lines and delete the other: nothing is merged.",
        f"{second}:{line_of(second_text, 'start: https://')}: cohort '2024-25', field 'sources': 'start' has a source, "
        "but the cohort has no 'start'. Add the field 'start', or delete this line.",
        f"{DATA}:{line_of(text, 'partners: https://')}: project '{WALKS}', field 'sources': 'partners' has a source but "
        "is also marked unconfirmed, which says no source states it. If the page states it, remove 'partners' from "
        "'unconfirmed'; if it does not, delete this line.",
        f"{DATA}:{line_of(text, 'sources: {pcn:')}: project 'measuring-what-matters', field 'sources': 'pcn' has a "
        "source, but the project has no 'pcn'. Add the field 'pcn', or delete this line.",
    ]


def test_a_misspelt_field_is_reported_once_not_again_for_its_source(fixture_copy: Path):
    text = edit(fixture_copy, "    outcomes:\n      - 48 men", "    outcome:\n      - 48 men")
    (problem,) = refused(fixture_copy)
    assert problem.startswith(f"{DATA}:{line_of(text, '    outcome:')}: project '{WALKS}', field 'outcome': ")


def test_a_list_of_outcome_sources_of_the_wrong_length_or_with_a_bad_address_is_refused_keeping_the_text(
    fixture_copy: Path,
):
    text = edit(
        fixture_copy,
        "        - https://example.org/young-carers-connect\n        - https://example.org/young-carers-connect\n",
        "        - https://example.org/young-carers-connect\n        - example.org/young-carers-connect\n",
    )
    text = edit(
        fixture_copy,
        "      outcomes: https://example.org/harbour-walks-report",
        "      outcomes: [https://example.org/harbour-walks-report]",
    )
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, 'outcomes: [https://')}: project '{WALKS}', field 'sources': 'outcomes' has 1 "
        "source but the project has 2 outcomes. Give one address for each outcome, in the outcomes' order (the "
        "first is the first outcome's page), or one address for them all: outcomes: "
        "https://example.org/harbour-walks-report",
        f"{DATA}:{line_of(text, '- example.org/young')}: project '{YOUNG_CARERS}', field 'sources': the source of "
        "outcome 2, 'example.org/young-carers-connect', is not a web address starting https://. "
        "Write it as https://example.org/young-carers-connect",
    ]


def test_one_address_for_every_outcome_or_one_per_outcome_is_read_in_the_outcomes_order(
    fixture_programme: Programme,
):
    by_slug = {project.slug: project for project in fixture_programme.projects}
    assert by_slug[WALKS].source_of("outcomes") == "https://example.org/harbour-walks-report"
    assert by_slug[WALKS].outcome_sources == ()
    carers = by_slug[YOUNG_CARERS]
    assert carers.source_of("outcomes") is None
    assert carers.outcome_sources == (CARERS_PAGE, CARERS_PAGE, COLLEGE_PAGE)
    assert carers.is_sourced("outcomes") and not carers.is_sourced("organisation")


# -- the pages -----------------------------------------------------------------------------------


def link_names(page_html: str) -> dict[str, str]:
    """Each link's name as a screen reader reads it out of context (visually hidden text
    included), with its address."""
    root = lxml.html.fromstring(page_html)
    return {" ".join(link.text_content().split()): link.get("href") for link in root.iter("a") if link.get("href")}


def main_text(page_html: str) -> str:
    main = page_html[page_html.index('<article class="md-content__inner') :]
    main = re.sub(r'<span class="sc-link-note">\[\d+\]</span>', "", main)  # printed only (printed_links.py)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_each_sourced_fact_on_a_project_page_links_its_source_by_a_name_that_says_which_fact(
    fixture_site: Build, fixture_programme: Programme
):
    page = fixture_site.html(f"projects/{WALKS}/")
    names = link_names(page)
    walks = next(project for project in fixture_programme.projects if project.slug == WALKS)
    assert {name: url for name, url in names.items() if name.startswith("source of the")} == {
        "source of the area of Harbour Walks": "https://example.org/gullhaven-health-partnership/where-we-work",
        "source of the ICB of Gullhaven": "https://example.org/fernshire/coast-care-board",
        "source of the lead organisation of Harbour Walks": ABOUT,
        "source of the primary care network of Harbour Walks": ABOUT,
        "source of the outcomes of Harbour Walks": "https://example.org/harbour-walks-report",
        "source of the aim of Harbour Walks": walks.cohort.source,
        "source of the quote from A walker, aged 71": "https://example.org/harbour-walks-report",
    }
    # The eye reads "(source)" beside the fact; the rest of the name is visually hidden.
    assert re.search(
        r'>source<span class="sc-visually-hidden"> of the lead organisation of Harbour Walks</span></a>(<span class="sc-link-note">[^<]*</span>)?\)',
        page,
    )
    text = main_text(page)
    assert "Lead organisation Gullhaven Health Partnership ( source of the lead organisation of Harbour Walks )" in text
    assert "Partners Gullhaven Sea Scouts, Polska Fernshire (unconfirmed) Primary care network" in text
    # A project with no sources links none.
    assert not [
        name
        for name in link_names(fixture_site.html("projects/measuring-what-matters/"))
        if name.startswith("source of the") and "aim" not in name
    ]


def test_each_outcome_with_its_own_source_links_it_beside_the_outcome_by_a_name_that_says_which(
    fixture_site: Build,
):
    page = fixture_site.html(f"projects/{YOUNG_CARERS}/")
    assert {name: url for name, url in link_names(page).items() if name.startswith("source of outcome")} == {
        "source of outcome 1 of Young Carers Connect": CARERS_PAGE,
        "source of outcome 2 of Young Carers Connect": CARERS_PAGE,
        "source of outcome 3 of Young Carers Connect": COLLEGE_PAGE,
    }
    text = main_text(page)
    assert (
        "64 students said they cared for someone at home. ( source of outcome 1 of Young Carers Connect ) "
        "41 met the link worker at least once. ( source of outcome 2 of Young Carers Connect ) "
        "27 were connected to a group, a grant or a service. ( source of outcome 3 of Young Carers Connect ) "
        "Each item comes from the published page given beside it."
    ) in text
    assert "A fact with a source beside it comes from that page." in text
    # One page for every outcome is still linked once, under the list.
    walks = main_text(fixture_site.html(f"projects/{WALKS}/"))
    assert "The items listed come from a published page ( source of the outcomes of Harbour Walks )." in walks


def test_the_note_under_the_facts_says_where_each_kind_of_fact_comes_from(fixture_site: Build):
    walks = main_text(fixture_site.html(f"projects/{WALKS}/"))
    # The aim's source is said once, in the aim's section; the note under the facts says the rest.
    assert "The aim is in the programme’s own words ( source of the aim of Harbour Walks )." in walks
    assert walks.count("The aim is in the programme’s own words") == 1
    assert f"A fact with a source beside it comes from that page. (unconfirmed) {UNCONFIRMED_EXPLAINED}" in walks
    assert "has not published" not in walks
    # Only what holds for the project: no sources, no unconfirmed facts, nothing said of them.
    measures = main_text(fixture_site.html("projects/measuring-what-matters/"))
    assert "The aim is in the programme’s own words ( source of the aim of Measuring What Matters )." in measures
    assert "A fact with a source" not in measures and "(unconfirmed)" not in measures
    assert '<p class="sc-note">' not in fixture_site.html("projects/measuring-what-matters/")
    # A list of projects says what its labels mean, and nothing about sources it does not show.
    sheds_theme = main_text(fixture_site.html("themes/access/"))
    assert f"(unconfirmed) {UNCONFIRMED_EXPLAINED}" in sheds_theme and "A fact with a source" not in sheds_theme


def test_each_sourced_cohort_figure_links_its_source(fixture_site: Build, fixture_programme: Programme):
    names = link_names(fixture_site.html("cohorts/2023-24/"))
    first = "https://example.org/fernshire-connectors/first-cohort"
    assert {name: url for name, url in names.items() if name.startswith("source")} == {
        "source of the number of applications for the 2023/24 first cohort": "https://example.org/fernshire-news/applications-closed",
        "source of the number of applications shortlisted for the 2023/24 first cohort": "https://example.org/fernshire-news/applications-closed",
        "source of the start month and end month for the 2023/24 first cohort": first,
        "source of the total funding for the 2023/24 first cohort": first,
        f"source of the most funding for one project for the 2023/24 first cohort, {LEAFLET}": LAUNCH,
        "source of the graduation date for the 2023/24 first cohort": first,
        "source of the quote from Dr Amara Okafor, Programme Director, Fernshire Care Partnership": first,
    }
    text = main_text(fixture_site.html("cohorts/2023-24/"))
    # Two figures of one sentence from two pages: each link says which figure it is for.
    # A page that is another website's copy of a document (its stored text's `copy of:`) says so
    # to the eye too, in its link.
    assert (
        "The projects shared £60,000 of funding, up to £12,000 each. ( source of the total funding for the "
        f"2023/24 first cohort ) ( source of the most funding for one project for the 2023/24 first cohort , {LEAFLET} )"
    ) in text
    assert text.count("a copy of") == 1
    # The showcase event has no source in the data: it has no link.
    assert "took place on 12 June 2024. Who took part" in text


def test_the_glances_funding_figure_links_the_page_that_states_it(fixture_site: Build):
    """The figures at a glance repeat the cohort's funding: it keeps its source there too."""
    glance = lxml.html.fromstring(fixture_site.html("cohorts/2023-24/")).xpath("//section[@class='sc-glance']")[0]
    (funding,) = glance.xpath(".//dt[.='Funding']/following-sibling::dd[1]")
    assert funding.xpath("string(span[@class='sc-stats__value'])") == "£60,000"
    assert [(" ".join(link.text_content().split()), link.get("href")) for link in funding.iter("a")] == [
        (
            "source of the total funding for the 2023/24 first cohort",
            "https://example.org/fernshire-connectors/first-cohort",
        )
    ]


def description_of(page_html: str) -> str:
    (description,) = lxml.html.fromstring(page_html).xpath("//head/meta[@name='description']/@content")
    return description


def test_an_area_or_icb_pages_description_labels_projects_whose_place_no_source_states(fixture_site: Build):
    # Coast and Country Connectors' areas are unconfirmed: every place it is counted in says so in
    # its link preview and search result too, as its map tile does; a place of confirmed projects
    # says nothing of it.
    for page, described in (
        (
            f"{NAMES.areas}/st-faras-and-linton/",
            "Social prescribing projects in St Fara’s & Linton (unconfirmed for 1 project).",
        ),
        (f"{NAMES.areas}/harrowmouth/", "Social prescribing projects in Harrowmouth (unconfirmed for 1 project)."),
        (
            f"{NAMES.groups}/sf/",
            "Social prescribing projects in the area of the South Fernshire integrated care board "
            "(unconfirmed for 1 project).",
        ),
        (f"{NAMES.areas}/gullhaven/", "Social prescribing projects in Gullhaven."),
        (
            f"{NAMES.groups}/fc/",
            "Social prescribing projects in the area of the Fernshire Coast integrated care board "
            "(unconfirmed for 1 project).",
        ),
    ):
        assert description_of(fixture_site.html(page)) == described, page


def test_every_link_to_a_page_that_is_a_copy_says_so_the_quotes_and_aims_too(fixture_programme: Programme):
    report = "https://example.org/harbour-walks-report"  # Harbour Walks' outcomes and its quote
    first = "https://example.org/fernshire-connectors/first-cohort"  # the aims and a cohort quote
    copied = with_copies(fixture_programme, {report: "the partnership's report", first: "the cohort's page"})
    walks = copied.project_with_slug(WALKS)
    cohort = CohortSummary(walks.cohort, copied.projects_in_cohort(walks.cohort), copied.area_label)
    (quote,) = [each for each in walks.quotes if each.source == report]
    (cohort_quote,) = [each for each in walks.cohort.quotes if each.source == first]
    assert cohort.aims_source is not None
    links = {
        "outcomes": fact_source(walks, "outcomes"),
        "quote": quote_source(quote),
        "aim": project_facts_note(walks).aim_source,
        "aims": cohort.aims_source.sources[0],
        "cohort quote": quote_source(cohort_quote),
    }
    assert {kind: link.copy if link else None for kind, link in links.items()} == {
        "outcomes": "a copy of the partnership's report",
        "quote": "a copy of the partnership's report",
        "aim": "a copy of the cohort's page",
        "aims": "a copy of the cohort's page",
        "cohort quote": "a copy of the cohort's page",
    }
    # The programme as loaded cites no copy there: its links say nothing of one.
    plain = fixture_programme.project_with_slug(WALKS)
    (plain_quote,) = [each for each in plain.quotes if each.source == report]
    assert [link.copy for link in (fact_source(plain, "outcomes"), quote_source(plain_quote)) if link] == ["", ""]


# -- the PDFs ------------------------------------------------------------------------------------


def test_the_snapshot_prints_each_sourced_fact_with_its_note_and_the_same_sentence(fixture_site: Build):
    # Paper prints a fact's source as a numbered note; the addresses are listed once, under
    # "Sources", in the order of their numbers (test_pdf_documents checks each is listed once).
    walks = words(pdf_text(fixture_site.site / f"downloads/snapshots/{WALKS}.pdf"))
    for fact in (
        # The area's source, then its group's (the page that names the group's areas), each once:
        # not nested, "Gullhaven (Fernshire Coast ICB [1]) [2]", which read as one claim cited twice.
        "Gullhaven [1], in Fernshire Coast ICB [2]",
        "Lead organisation Gullhaven Health Partnership [3]",
        "Primary care network Gullhaven and Harrowmouth PCN [3]",
        "The items listed come from a published page [4].",
        "The aim is in the programme’s own words [5]. "
        f"A fact with a source beside it comes from that page. (unconfirmed) {UNCONFIRMED_EXPLAINED}",
    ):
        assert letters(fact) in letters(walks), fact
    listed = letters(walks[walks.rindex("Sources") :])
    addresses = (
        "https://example.org/gullhaven-health-partnership/where-we-work",
        "https://example.org/fernshire/coast-care-board",
        ABOUT,
        "https://example.org/harbour-walks-report",
        "https://example.org/fernshire-connectors/first-cohort",
    )
    assert [listed.index(letters(address)) for address in addresses] == sorted(
        listed.index(letters(address)) for address in addresses
    )
    # The web page's words, word for word: its aim's source sentence, then its note (its link
    # names the page; paper prints its note's number).
    web = main_text(fixture_site.html(f"projects/{WALKS}/"))
    aim_sentence = "The aim is in the programme’s own words ( source of the aim of Harbour Walks )."
    note = web[web.index("A fact with a source beside") : web.index("read from its aim.") + len("read from its aim.")]
    assert aim_sentence in web
    assert letters(aim_sentence.replace(" ( source of the aim of Harbour Walks )", " [5]") + note) in letters(walks)


def test_an_area_and_its_group_each_cite_their_own_page_once_side_by_side(fixture_site: Build):
    # Nested, "Gullhaven (Fernshire Coast ICB (source)) (source)" read as one claim cited twice
    # (issue 28); several groups name each area with its own.
    walks = main_text(fixture_site.html(f"projects/{WALKS}/"))
    assert (
        "Gullhaven ( source of the area of Harbour Walks ), in Fernshire Coast ICB ( source of the ICB of Gullhaven )"
    ) in walks
    connectors = main_text(fixture_site.html("projects/coast-and-country-connectors/"))
    assert (
        "Harrowmouth , Coldharbour , St Fara’s & Linton (unconfirmed) ; Harrowmouth in Fernshire Coast ICB"
        in connectors
    )
    for page in (walks, connectors):
        assert ") ) (" not in page and "ICB ( source of the ICB of Gullhaven ) )" not in page


def test_the_snapshot_prints_each_outcomes_own_source_beside_it(fixture_site: Build):
    carers = words(pdf_text(fixture_site.site / f"downloads/snapshots/{YOUNG_CARERS}.pdf"))
    outcomes = (
        # [1] is the page that names the area's group, cited first.
        "• 64 students said they cared for someone at home. [2] • 41 met the link worker at least once. [2] "
        "• 27 were connected to a group, a grant or a service. [3] "
        "Each item comes from the published page given beside it."
    )
    assert letters(outcomes) in letters(carers)
    listed = letters(carers[carers.rindex("Sources") :])
    assert listed.index(letters(CARERS_PAGE)) < listed.index(letters(COLLEGE_PAGE))


def test_the_pack_prints_each_sourced_cohort_figure_with_its_note(fixture_site: Build):
    pack = fixture_site.site / "downloads/impact-summaries-2023-24.pdf"
    cohort_page = words(pdf_text(pack, page=3))
    assert cohort_page.startswith("2023/24 first cohort")
    for figure in (
        "Applications [1]",
        "Shortlisted [1]",
        "The programme ran from October 2023 to April 2024. [2]",
        "The projects shared £60,000 of funding, up to £12,000 each. [2] [3]",
    ):
        assert letters(figure) in letters(cohort_page), figure
    listed = letters(cohort_page)  # a pack's cohort page lists the sources it cites at its foot
    for address in (
        "https://example.org/fernshire-news/applications-closed",
        "https://example.org/fernshire-connectors/first-cohort",
        LAUNCH,
    ):
        assert listed.count(letters(address)) == 1, address
    # The copy of a document says so after its address in the list, and nowhere else.
    assert letters(f"[3] {LAUNCH}, {LEAFLET}") in listed
    assert listed.count(letters("a copy of")) == 1


def test_a_page_that_is_a_copy_says_so_from_its_stored_texts_header_only(fixture_copy: Path):
    # The build reads the header line `copy of:`; without it, the same page is a plain source.
    stored = fixture_copy / "data/sources/fernshire-news-launch.txt"
    stored.write_text(stored.read_text("utf-8").replace("copy of: ", "note: "), "utf-8")
    (cohort,) = [
        cohort for cohort in load_programme(ProgrammeSources.in_folder(fixture_copy)).cohorts if cohort.sources
    ]
    assert cohort.copies == ()
    assert "a copy of" not in " ".join(link.name for link in figure_sources(cohort, "funding_per_project_max"))
    stored.write_text(stored.read_text("utf-8").replace("note: ", "copy of: "), "utf-8")
    (cohort,) = [
        cohort for cohort in load_programme(ProgrammeSources.in_folder(fixture_copy)).cohorts if cohort.sources
    ]
    assert cohort.copies == ((LAUNCH, LEAFLET.removeprefix("a copy of ")),)
    (link,) = figure_sources(cohort, "funding_per_project_max")
    assert link.name.endswith(f", {LEAFLET}")


# -- the open data -------------------------------------------------------------------------------


def test_the_exports_carry_each_facts_source(fixture_site: Build):
    document = json.loads((fixture_site.site / "data/projects.json").read_text("utf-8"))
    by_slug = {record["slug"]: record for record in document["projects"]}
    assert by_slug[WALKS]["sources"] == {
        NAMES.areas: "https://example.org/gullhaven-health-partnership/where-we-work",
        "organisation": ABOUT,
        "pcn": ABOUT,
        "outcomes": "https://example.org/harbour-walks-report",
    }
    assert by_slug["measuring-what-matters"]["sources"] == {}
    # One address per outcome is a list, in the outcomes' order.
    assert by_slug[YOUNG_CARERS]["sources"] == {"outcomes": [CARERS_PAGE, CARERS_PAGE, COLLEGE_PAGE]}
    assert by_slug[WALKS]["source_copies"] == by_slug[YOUNG_CARERS]["source_copies"] == {}
    rows = {
        row["slug"]: row
        for row in csv.DictReader(
            io.StringIO((fixture_site.site / "data/projects.csv").read_bytes().decode("utf-8-sig"), newline="")
        )
    }
    assert rows[WALKS]["sources"] == (
        f"{NAMES.areas} <https://example.org/gullhaven-health-partnership/where-we-work>; "
        f"organisation <{ABOUT}>; pcn <{ABOUT}>; outcomes <https://example.org/harbour-walks-report>"
    )
    assert rows["measuring-what-matters"]["sources"] == ""
    assert rows[YOUNG_CARERS]["sources"] == (
        f"outcome 1 <{CARERS_PAGE}>; outcome 2 <{CARERS_PAGE}>; outcome 3 <{COLLEGE_PAGE}>"
    )


def test_the_exports_say_which_cited_pages_are_copies_and_what_they_copy(fixture_copy: Path):
    stored = fixture_copy / "data/sources/elmstead-college-young-carers.txt"
    stored.write_text(
        stored.read_text("utf-8").replace("taken from:", "copy of: the college's newsletter\ntaken from:"), "utf-8"
    )
    programme = load_programme(ProgrammeSources.in_folder(fixture_copy))
    carers = next(project for project in programme.projects if project.slug == YOUNG_CARERS)
    assert project_record(carers)["source_copies"] == {COLLEGE_PAGE: "the college's newsletter"}
    assert csv_row(carers)["sources"] == (
        f"outcome 1 <{CARERS_PAGE}>; outcome 2 <{CARERS_PAGE}>; "
        f"outcome 3 <{COLLEGE_PAGE}> (a copy of the college's newsletter)"
    )
    walks = next(project for project in programme.projects if project.slug == WALKS)
    assert project_record(walks)["source_copies"] == {}
