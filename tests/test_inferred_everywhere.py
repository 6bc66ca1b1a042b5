"""Inferred means labelled, everywhere it is shown or counted (issue 28, point 2).

A fact the showcase's editors inferred (a project's `unconfirmed:` fields) is labelled
"unconfirmed" wherever a reader meets it: its page, its snapshot, its link-preview card (or the
card leaves it off), the themes index's counts, the finder's browse lists and map, the theme, area
and ICB pages and their packs' covers and metadata, the open data and the feed. One build of the
fictional programme, published at an address (so the cards and the feed are made) with its PDFs,
is walked for every inferred value the fixture holds, the drawn charts at a glance included: a bar
or a map's tile whose count includes an inferred value says so, as its table does.

And the start month (point 3): where sources differ on it, every view that states the cohort's
dates says so: its card, its page, its page in the packs.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pypdf
import pytest
from lxml import etree

from content_edits import edit, refused
from page_text import pdf_pages
from showcase.loading.load import load_programme
from showcase.loading.public_names import editors_field
from showcase.model import Area, Icb, Programme, Project, Theme
from showcase.pdf.documents import pack_path, snapshot_path
from showcase.reading.load_files import ProgrammeSources
from showcase.web.site import src_uri_for
from site_builds import NAMES, Build, copy_fixture, mkdocs_build

SITE_URL = "https://showcase.example.org/fernshire/"
LABEL = "unconfirmed"
ATOM = {"atom": "http://www.w3.org/2005/Atom", "x": "http://www.w3.org/1999/xhtml"}
# The fields whose values a page can show as a word (the others are sections: summary, outcomes).
SHOWN_AS_VALUES = ("theme", "boroughs", "organisation", "partners", "pcn")
OTHER_START_SOURCE = "https://example.org/fernshire-news/launch"
COHORT = "content/cohorts/2024-25.md"
# The first cohort's dates, as a card and a page state them with the other start month.
DATES = "October 2023 to April 2024"
OTHER_START = "September 2023"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Programme]:
    root = copy_fixture(tmp_path_factory.mktemp("inferred") / "project")
    # Sources that differ on the first cohort's start month: the other one, with its source.
    cohort_file = root / "content" / "cohorts" / "2023-24.md"
    cohort_text = cohort_file.read_text("utf-8")
    cohort_text = cohort_text.replace("start: 2023-10\n", "start: 2023-10\nother_start: 2023-09\n", 1)
    cohort_text = cohort_text.replace("sources:\n", f"sources:\n  other_start: {OTHER_START_SOURCE}\n", 1)
    cohort_file.write_text(cohort_text, "utf-8")
    result = mkdocs_build(root, env={"SHOWCASE_SITE_URL": SITE_URL}, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return Build(root, result.returncode, result.stdout + result.stderr), load_programme(
        ProgrammeSources.in_folder(root)
    )


def values_of(project: Project, field: str) -> tuple[str, ...]:
    """What a page shows of one of a project's facts."""
    if field == "theme":
        return (project.theme.title,)
    if field == "boroughs":
        return tuple(area.name for area in project.boroughs)
    if field == "partners":
        return project.partners
    value = getattr(project, field)
    return (value,) if value else ()


def inferred(programme: Programme) -> Iterator[tuple[Project, str, tuple[str, ...]]]:
    for project in programme.projects:
        for field in sorted(project.unconfirmed):
            yield project, field, values_of(project, field)


def page_address(record: Project | Theme | Area | Icb) -> str:
    return src_uri_for(record).removesuffix(".md") + "/"


def html_of(build: Build, page: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(build.html(page))


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def flat(value: str) -> str:
    return " ".join(value.split())


def subject_of(pdf: Path) -> str:
    """A PDF's subject metadata."""
    info = pypdf.PdfReader(pdf).metadata
    assert info is not None
    return str(info["/Subject"])


def records_counting(programme: Programme, project: Project, field: str) -> tuple[Theme | Area | Icb, ...]:
    """The theme, areas and ICBs whose counts include `project` by an inferred `field`."""
    if field == "theme":
        return (project.theme,)
    if field == "boroughs":
        return (*project.boroughs, *project.icbs)
    return ()


@pytest.mark.build
def test_the_fixture_has_inferred_values_of_every_kind_a_view_counts(published: tuple[Build, Programme]) -> None:
    _build, programme = published
    fields = {field for _project, field, _values in inferred(programme)}
    assert {"theme", "boroughs", "organisation", "partners"} <= fields


@pytest.mark.build
def test_a_project_page_and_its_snapshot_label_each_inferred_value(published: tuple[Build, Programme]) -> None:
    build, programme = published
    for project, field, values in inferred(programme):
        if field not in SHOWN_AS_VALUES:
            continue
        page = html_of(build, page_address(project))
        facts = [text(dd) for dd in page.iter("dd") if any(value in text(dd) for value in values)]
        assert facts, (project.slug, field)
        assert all(LABEL in fact for fact in facts), (project.slug, field, facts)
        snapshot = flat(" ".join(pdf_pages(build.site / snapshot_path(project))))
        for value in values:
            found = re.search(re.escape(value) + r"[^:]*?\(unconfirmed\)", snapshot)
            assert found, (project.slug, value, snapshot)


@pytest.mark.build
def test_a_project_card_in_every_list_labels_its_inferred_theme_and_areas(published: tuple[Build, Programme]) -> None:
    build, programme = published
    for project, field, values in inferred(programme):
        if field not in ("theme", "boroughs"):
            continue  # a card shows where, theme and cohort only
        lists = ["projects/", page_address(project.theme), *(page_address(area) for area in project.boroughs)]
        lists += [page_address(icb) for icb in project.icbs]
        for listing in lists:
            (card,) = [
                card for card in html_of(build, listing).find_class("sc-card") if text(card).startswith(project.name)
            ]
            facts = [text(dd) for dd in card.iter("dd") if any(value in text(dd) for value in values)]
            assert facts and all(LABEL in fact for fact in facts), (listing, project.slug, field, facts)


@pytest.mark.build
def test_a_link_preview_card_leaves_an_inferred_theme_or_area_off(published: tuple[Build, Programme]) -> None:
    build, programme = published
    for project, field, values in inferred(programme):
        page = html_of(build, page_address(project))
        alt = page.xpath("string(//meta[@property='og:image:alt']/@content)")
        assert alt.startswith(project.name), alt
        shown = [value for value in values if value in alt]
        assert not shown or LABEL in alt, (project.slug, field, alt)


@pytest.mark.build
def test_the_themes_index_says_which_counts_rest_on_an_inferred_theme(published: tuple[Build, Programme]) -> None:
    build, programme = published
    page = html_of(build, "themes/")
    for theme in programme.themes:
        projects = programme.projects_with_theme(theme)
        card = next(card for card in page.find_class("sc-card") if text(card).startswith(theme.title))
        assert (LABEL in text(card)) == any(project.is_unconfirmed("theme") for project in projects), text(card)


@pytest.mark.build
def test_the_finders_browse_lists_and_map_label_counts_of_inferred_values(published: tuple[Build, Programme]) -> None:
    build, programme = published
    finder = html_of(build, "projects/")
    browse = next(section for section in finder.iter("section") if section.get("class") == "sc-browse")
    tiles = {tile.get(f"data-{NAMES.area}"): text(tile) for tile in finder.find_class("sc-map__tile")}
    counted: set[str] = set()
    for project, field, _values in inferred(programme):
        for record in records_counting(programme, project, field):
            counted.add(page_address(record))
            if isinstance(record, Area):
                assert LABEL in tiles[record.slug], (record.name, tiles[record.slug])
    assert counted
    for item in browse.iter("li"):
        href = item.find("a").get("href")
        address = href.removeprefix("../").removesuffix("index.html")
        assert (LABEL in text(item)) == (address in counted), (address, text(item))
    for facet in finder.find_class("sc-finder__facet"):
        if facet.get("data-facet") in ("theme", NAMES.area, NAMES.group):
            assert LABEL in text(facet), facet.get("data-facet")


@pytest.mark.build
def test_a_theme_area_or_icb_page_and_its_pack_say_their_selection_rests_on_inferred_values(
    published: tuple[Build, Programme],
) -> None:
    build, programme = published
    for project, field, _values in inferred(programme):
        for record in records_counting(programme, project, field):
            page = html_of(build, page_address(record))
            assert "inferred by the showcase" in text(page), page_address(record)
            pack = build.site / pack_path(record)
            cover = flat(pdf_pages(pack)[0])
            assert LABEL in cover, (pack.name, cover)
            assert LABEL in subject_of(pack), pack.name


@pytest.mark.build
def test_a_pack_of_confirmed_values_only_says_nothing_of_inference(published: tuple[Build, Programme]) -> None:
    build, programme = published
    theme = next(theme for theme in programme.themes if theme.id == "workforce")
    pack = build.site / pack_path(theme)
    assert LABEL not in flat(pdf_pages(pack)[0])
    assert LABEL not in subject_of(pack)


def glance_charts(
    published: tuple[Build, Programme], kind: str
) -> Iterator[tuple[str, lxml.html.HtmlElement, list[lxml.html.HtmlElement]]]:
    """Each page with the programme's or a cohort's charts at a glance (its address and its HTML),
    with its drawn charts of a `kind`: "bars" or "map"."""
    build, programme = published
    for address in ("", *(f"cohorts/{c.id}/" for c in programme.cohorts if programme.projects_in_cohort(c))):
        page = html_of(build, address)
        charts = page.find_class("sc-chart")
        yield address, page, [chart for chart in charts if ("sc-chart--map" in chart.get("class")) == (kind == "map")]


def table_rows(figure: lxml.html.HtmlElement) -> dict[str, str]:
    """A chart's table, its text alternative: each row's label and count."""
    return {text(row.find("th")): text(row.find("td")) for row in figure.xpath(".//table/tbody/tr")}


def described_by(page: lxml.html.HtmlElement, figure: lxml.html.HtmlElement) -> str:
    return " ".join(text(page.get_element_by_id(ref)) for ref in (figure.get("aria-describedby") or "").split())


@pytest.mark.build
def test_a_drawn_bar_whose_count_includes_an_inferred_value_says_so_as_its_table_does(
    published: tuple[Build, Programme],
) -> None:
    marked = 0
    for address, page, charts in glance_charts(published, "bars"):
        assert len(charts) == 2, address
        for figure in charts:
            rows = table_rows(figure)
            labels = [text(label) for label in figure.find_class("sc-chart__label")]
            values = [text(value) for value in figure.find_class("sc-chart__value")]
            assert labels == list(rows), (address, labels)
            # The bar's end says what its table's row says, the mark of an inference included.
            assert values == list(rows.values()), (address, values, rows)
            inferred = [value for value in values if LABEL in value]
            marked += len(inferred)
            assert bool(inferred) == (LABEL in described_by(page, figure)), (address, figure.get("aria-describedby"))
            for bar in figure.xpath(".//svg/rect"):  # every bar inside the drawing
                assert 0 < int(bar.get("width")) <= int(figure.find(".//svg").get("viewbox").split()[2])
    assert marked, "the fixture's inferred themes and areas mark no bar"


@pytest.mark.build
def test_a_drawn_map_tile_whose_count_includes_an_inferred_area_is_marked_and_its_note_says_what_that_means(
    published: tuple[Build, Programme],
) -> None:
    marked = 0
    for address, page, (figure,) in glance_charts(published, "map"):
        rows = table_rows(figure)
        on_page = 0
        for tile in figure.find_class("sc-tile"):
            name = text(tile.find("title"))
            area = name.split(" (")[0]
            count = text(tile.find_class("sc-tile__count")[0])
            inferred = LABEL in rows.get(area, "")
            assert count.endswith("*") == inferred == (LABEL in name), (address, name, count, rows.get(area))
            on_page += inferred
        note = described_by(page, figure)
        assert ("marked *" in note and LABEL in note) == bool(on_page), (address, note)
        marked += on_page
    assert marked, "the fixture's inferred areas mark no tile"


@pytest.mark.build
def test_a_packs_counts_at_a_glance_say_which_include_an_inferred_value(published: tuple[Build, Programme]) -> None:
    build, programme = published
    pages = [flat(page) for page in pdf_pages(build.site / pack_path(None))]
    for cohort in programme.cohorts:
        projects = programme.projects_in_cohort(cohort)
        if not projects:
            continue
        (glance_page,) = [page for page in pages if page.startswith(cohort.title)]
        for theme in programme.themes:
            with_theme = [project for project in projects if project.theme == theme]
            if not with_theme:
                continue
            found = re.search(re.escape(theme.title) + r": \d+ projects?( \([^)]*\))?", glance_page)
            assert found, (cohort.id, theme.title, glance_page)
            inferred = any(project.is_unconfirmed("theme") for project in with_theme)
            assert (LABEL in (found.group(1) or "")) == inferred, (cohort.id, found.group(0))


@pytest.mark.build
def test_the_open_data_says_which_facts_are_unconfirmed_and_its_schema_says_what_that_means(
    published: tuple[Build, Programme],
) -> None:
    build, programme = published
    downloads = build.site / "data"
    records = {record["slug"]: record for record in json.loads((downloads / "projects.json").read_text())["projects"]}
    rows = {
        row["slug"]: row for row in csv.DictReader(io.StringIO((downloads / "projects.csv").read_text("utf-8-sig")))
    }
    for project, field, _values in inferred(programme):
        as_published = editors_field(field, programme.names)  # the areas' under the programme's name: areas
        assert as_published in records[project.slug]["unconfirmed"]
        assert as_published in rows[project.slug]["unconfirmed"].split("; ")
    schema = json.loads((downloads / "projects.schema.json").read_text())
    described = schema["properties"]["projects"]["items"]["properties"]["unconfirmed"]["description"]
    assert "inferred" in described and "no source states" in described, described


@pytest.mark.build
def test_the_feed_labels_each_inferred_value(published: tuple[Build, Programme]) -> None:
    build, programme = published
    feed = etree.parse(str(build.site / "feed.xml"))
    for project, field, values in inferred(programme):
        if field not in SHOWN_AS_VALUES:
            continue
        link = f"{SITE_URL}{page_address(project)}"
        (entry,) = feed.xpath(f"//atom:entry[atom:link/@href='{link}']", namespaces=ATOM)
        facts = [flat("".join(dd.itertext())) for dd in entry.iterfind(".//x:dd", ATOM)]
        shown = [fact for fact in facts if any(value in fact for value in values)]
        assert shown and all(LABEL in fact for fact in shown), (project.slug, field, facts)


@pytest.mark.build
def test_where_sources_differ_on_the_start_month_every_view_of_the_dates_says_so(
    published: tuple[Build, Programme],
) -> None:
    build, programme = published
    cohort = next(cohort for cohort in programme.cohorts if cohort.id == "2023-24")
    assert cohort.other_start is not None and cohort.source_of("other_start") == OTHER_START_SOURCE
    cards = [
        text(card)
        for page in ("", "cohorts/")
        for card in html_of(build, page).find_class("sc-card")
        if text(card).startswith(cohort.title)
    ]
    assert len(cards) == 2, cards
    for card in cards:
        assert DATES in card and OTHER_START in card and "sources differ" in card, card
    page = html_of(build, "cohorts/2023-24/")
    (dates,) = [text(item) for item in page.iter("li") if DATES in text(item)]
    assert OTHER_START in dates and "sources differ" in dates, dates
    links = [link.get("href") for item in page.iter("li") if DATES in text(item) for link in item.iter("a")]
    assert OTHER_START_SOURCE in links, links
    for pack in (pack_path(None), pack_path(cohort)):
        pages = [flat(each) for each in pdf_pages(build.site / pack) if DATES in flat(each)]
        assert pages and all(OTHER_START in each and "sources differ" in each for each in pages), pack
    other = next(each for each in programme.cohorts if each.other_start is None)
    assert "sources differ" not in text(html_of(build, f"cohorts/{other.id}/"))


@pytest.mark.parametrize(
    "front_matter, problem",
    [
        (
            "other_start: 2023-09\n",
            "content/cohorts/2024-25.md:3: cohort '2024-25', field 'other_start': 'other_start' is the start month "
            "some sources give when they differ from 'start', but there is no 'start'. Write the month most sources "
            "give as 'start: YYYY-MM', or rename 'other_start' to 'start'.",
        ),
        (
            "start: 2024-10\nother_start: 2024-10\n",
            "content/cohorts/2024-25.md:4: cohort '2024-25', field 'other_start': 'other_start' is the same month as "
            "'start', so the sources do not differ. Delete the 'other_start' line (and its source).",
        ),
    ],
)
def test_another_start_month_is_refused_without_a_start_or_when_it_is_the_same(
    fixture_copy: Path, front_matter: str, problem: str
) -> None:
    edit(fixture_copy, "title: 2024/25 second cohort\n", f"title: 2024/25 second cohort\n{front_matter}", COHORT)
    assert refused(fixture_copy) == [problem]
