"""The PDFs: the impact-summary packs and the project summarys, parsed as a reader's tools see them.

Every test of behaviour stands on the fictional programme under tests/fixture/ (two cohorts, ten
projects, quotes in Arabic and Polish), built once per run (conftest's `fixture_site`); edge cases
build tiny copies of it with a few synthetic projects, so each costs a second or two. The real
content (`real_site`) is checked only for what holds for any valid content.
"""

from __future__ import annotations

import datetime as dt
import html
import http.server
import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import page as page_validation  # page-validation: a PDF/UA checker (its module is called `page`)
import pikepdf
import pypdf
import pytest

from page_text import letters, pdf_pages, pdf_text, words
from showcase.build_state import build_state
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.model import Cohort, Programme, Project, sort_key_by_name
from showcase.pdf import pdf_creation_date, text_direction
from showcase.wording.text import size_label
from site_builds import (
    ALL_PACK,
    FIXTURE,
    NAMES,
    REPO,
    Build,
    copy_fixture,
    real_identity_values,
    run_mkdocs_build,
    snapshot,
)
from site_checks import evenly_spaced

PROGRAMME = "Fernshire Community Connectors Programme"  # the fixture's site_name
ORGANISATION = "Fernshire Health and Care Partnership"  # the fixture's extra.programme.publisher
FIRST, SECOND = "2023-24", "2024-25"  # the fixture's cohorts: every fact; a title only
FIRST_PACK = "downloads/impact-summaries-2023-24.pdf"
SECOND_PACK = "downloads/impact-summaries-2024-25.pdf"
PACKS = (ALL_PACK, FIRST_PACK, SECOND_PACK)
RENDERED = re.compile(r"Showcase PDFs: rendered (\d+) of (\d+) ")
# A line of a pack's contents, as laid out: the entry, then its page on the right.
CONTENTS_LINE = re.compile(r"^\s*(\S.*?)\s{2,}(\d+)$", flags=re.M)


def contents_listed(pack: Path) -> dict[str, int]:
    """The entries of a pack's contents (its second page) and the page each gives."""
    return {name: int(number) for name, number in CONTENTS_LINE.findall(pdf_text(pack, 2, layout=True))}


def cohort_of(programme: Programme, cohort_id: str) -> Cohort:
    return next(cohort for cohort in programme.cohorts if cohort.id == cohort_id)


def cohorts_in(programme: Programme, pack: str) -> tuple[Cohort, ...]:
    """The cohorts a pack holds, in order: every cohort with projects, or the pack's own."""
    if pack == ALL_PACK:
        return tuple(cohort for cohort in programme.cohorts if programme.projects_in_cohort(cohort))
    return (cohort_of(programme, pack.removeprefix("downloads/impact-summaries-").removesuffix(".pdf")),)


def projects_in(programme: Programme, pack: str) -> tuple[Project, ...]:
    return tuple(project for cohort in cohorts_in(programme, pack) for project in programme.projects_in_cohort(cohort))


# The fixture's projects whose summary, in its cohort's pack and the programme's, goes on the page
# before it, below the project or the cohort's page there: it fits (both have little to say).
# Every fixture snapshot takes one page (test_snapshots_fit_on_one_page...).
CONTACT_SHARES_WITH = "zest-peer-mentors"
SHARES_A_PAGE = (
    "brackenford-mens-sheds",
    "measuring-what-matters",
    "coast-and-country-connectors",
    "dunmere-digital-doorway",
)


def expected_contents(programme: Programme, pack: str) -> dict[str, int]:
    """The page each entry of a pack's contents starts on: the cover and the contents, then each
    cohort's page and its projects' snapshots (a page each, or below the page before: SHARES_A_PAGE),
    then the contact (below the last, when it is CONTACT_SHARES_WITH)."""
    pages, number = {}, 3
    for cohort in cohorts_in(programme, pack):
        pages[cohort.title] = number
        number += 1
        for project in programme.projects_in_cohort(cohort):
            number -= project.slug in SHARES_A_PAGE
            pages[project.name] = number
            number += 1
    last = programme.projects_in_cohort(cohorts_in(programme, pack)[-1])[-1]
    pages["Contact"] = number - (last.slug == CONTACT_SHARES_WITH)
    return pages


# -- reading PDFs ------------------------------------------------------------------------------


def starts_with(page: str, text: str) -> bool:
    return letters(page).startswith(letters(text))


def starts_project_page(page: str, project: Project) -> bool:
    """A project's page in a pack is its snapshot: the masthead, then the project's name (at the
    page's top, or below the project before it)."""
    return any(starts_with(summary, masthead(project)) for summary in summaries_on(page))


def masthead(project: Project) -> str:
    return f"{PROGRAMME} Project summary · {project.cohort.title} {project.name}"


def summaries_on(page: str) -> list[str]:
    """A pack page's text cut where each project's summary starts (its masthead): one piece, or
    two when two projects share the page (the last piece ends with the page's footer); the
    contact, when it is below the last project, left out."""
    page = re.split(r"^Contact\n", page, flags=re.M)[0]
    return [
        piece for piece in re.split(rf"(?=^{re.escape(PROGRAMME)}\n+Project summary · )", page, flags=re.M) if piece
    ]


def pypdf_text(path: Path) -> str:
    return words(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


# pypdf's objects are PDF dictionaries and arrays, typed loosely: what the tests read from them is Any.
def pages_of(reader: pypdf.PdfReader) -> list[Any]:
    return list(reader.pages)


def catalog_of(reader: pypdf.PdfReader) -> Any:
    return reader.trailer["/Root"]


def document_info(reader: pypdf.PdfReader) -> Any:
    info = reader.metadata
    assert info is not None, "the PDF has no document information"
    return info


def outline_titles(reader: pypdf.PdfReader, items=None) -> list:
    """The bookmarks as nested lists of (title, page number from 1)."""
    tree: list = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            tree.append(outline_titles(reader, item))
        else:
            number = reader.get_destination_page_number(item)
            assert number is not None, f"the bookmark {item.title!r} leads to no page"
            tree.append((item.title, number + 1))
    return tree


def link_targets(path: Path) -> tuple[set[str], set[str]]:
    """The web addresses and the in-document destinations that the PDF's links go to."""
    uris, destinations = set(), set()
    for page in pypdf.PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation["/Subtype"] != "/Link":
                continue
            if "/A" in annotation and "/URI" in annotation["/A"]:
                uris.add(str(annotation["/A"]["/URI"]))
            elif "/Dest" in annotation:
                destinations.add(str(annotation["/Dest"]))
    return uris, destinations


def contact_address(pack: Path) -> str:
    """The e-mail address on a pack's back page ("... email the ... team at <address>.")."""
    found = re.search(r"\bemail the .+? at (\S+@\S+?)\.(?:\s|$)", words(pdf_pages(pack)[-1]))
    assert found, pdf_pages(pack)[-1]
    return found.group(1)


def rendered_counts(build: Build) -> tuple[int, int]:
    found = RENDERED.findall(build.output)
    assert len(found) == 1, build.output
    return int(found[0][0]), int(found[0][1])


def facet_packs(programme: Programme) -> dict[str, tuple[Project, ...]]:
    """Each theme's, area's and ICB's pack (of those with projects), with its projects in order."""
    packs = {
        **{f"downloads/themes/{theme.id}.pdf": programme.projects_with_theme(theme) for theme in programme.themes},
        **{f"downloads/areas/{area.slug}.pdf": programme.projects_in_area(area) for area in programme.areas},
        **{f"downloads/{icb.names.groups}/{icb.slug}.pdf": programme.projects_in_icb(icb) for icb in programme.icbs},
    }
    return {path: projects for path, projects in packs.items() if projects}


def pdf_count(programme: Programme) -> int:
    """A snapshot per project, a pack per cohort with projects, one for the programme, and one per
    theme, area and ICB with projects."""
    cohorts = [cohort for cohort in programme.cohorts if programme.projects_in_cohort(cohort)]
    return len(programme.projects) + len(cohorts) + 1 + len(facet_packs(programme))


# -- tiny sites --------------------------------------------------------------------------------

THEMES = (FIXTURE / "data" / "projects.yaml").read_text("utf-8").partition("\nprojects:\n")[0] + "\n"


def tiny_site(root: Path, records: str) -> Path:
    """A copy of the fictional programme whose only projects are `records` (YAML list items),
    all in its first cohort, 2023-24, with its themes and geography; no narratives."""
    copy_fixture(root)
    for cohort_page in (root / "content" / "cohorts").glob("*.md"):
        if cohort_page.stem != FIRST:
            cohort_page.unlink()
    for narrative in (root / "content" / "projects").glob("*.md"):
        narrative.unlink()
    (root / "data" / "projects.yaml").write_text(THEMES + "projects:\n" + records, "utf-8")
    return root


def with_source_date_epoch(value: str, build) -> Build:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = value
    try:
        return build()
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


# -- what exists and where it is linked from ---------------------------------------------------


def test_every_cohort_has_a_pack_one_for_all_and_every_project_a_snapshot_linked_with_type_and_size(
    fixture_site: Build, fixture_programme: Programme
):
    downloads = sorted(p.name for p in (fixture_site.site / "downloads").glob("*.pdf"))
    assert downloads == ["impact-summaries-2023-24.pdf", "impact-summaries-2024-25.pdf", "impact-summaries.pdf"]
    # Several cohorts: the programme's pages link the pack of all cohorts; a cohort's page its own.
    whole = fixture_site.site / ALL_PACK
    whole_link = (
        f"Download the project summaries of all {len(fixture_programme.projects)} projects "
        f"(PDF, {size_label(whole.stat().st_size)})"
    )
    for page, href in (("", ALL_PACK), ("projects/", f"../{ALL_PACK}")):
        assert f'<a href="{href}">{whole_link}</a>' in fixture_site.html(page), page
    for cohort in fixture_programme.cohorts:
        cohort_pack = fixture_site.site / f"downloads/impact-summaries-{cohort.id}.pdf"
        link = f"Download the project summaries of the {cohort.title} (PDF, {size_label(cohort_pack.stat().st_size)})"
        assert (
            f'<a href="../../downloads/impact-summaries-{cohort.id}.pdf">{html.escape(link, quote=False)}</a>'
            in fixture_site.html(f"cohorts/{cohort.id}/")
        ), cohort.id
    for project in fixture_programme.projects:
        path = fixture_site.site / snapshot(project)
        assert path.is_file(), project.slug
        link = f"Download this project’s summary (PDF, {size_label(path.stat().st_size)})"
        assert f'<a href="../../{snapshot(project)}">{link}</a>' in fixture_site.html(f"projects/{project.slug}/")
    for pack in PACKS:
        assert re.fullmatch(r"\d+ KB", size_label((fixture_site.site / pack).stat().st_size)), pack


def test_size_labels_read_as_people_expect():
    assert [size_label(n) for n in (1, 1024, 86_000, 1_300_000)] == ["1 KB", "1 KB", "84 KB", "1.2 MB"]


def test_every_real_project_has_a_snapshot_and_a_place_in_its_cohorts_pack(real_site: Build):
    """The real content, whatever it holds today: a snapshot per project, linked from its page and
    bookmarked with its name; a pack per cohort with projects, bookmarking each of them in order;
    one pack for the programme, linked from its pages; one per theme, area and ICB with projects
    (tests/test_facet_packs.py checks them)."""
    programme = load_programme(ProgrammeSources.in_folder(REPO))
    cohorts = [cohort for cohort in programme.cohorts if programme.projects_in_cohort(cohort)]
    packs = [f"downloads/impact-summaries-{cohort.id}.pdf" for cohort in cohorts]
    whole = [ALL_PACK] if cohorts else []
    expected = {*packs, *whole, *facet_packs(programme), *(snapshot(project) for project in programme.projects)}
    expected |= {snapshot(old) for project in programme.projects for old in project.previous_slugs}  # old addresses
    assert {p.relative_to(real_site.site).as_posix() for p in real_site.site.rglob("*.pdf")} == expected
    for project in programme.projects:
        path = real_site.site / snapshot(project)
        link = f"Download this project’s summary (PDF, {size_label(path.stat().st_size)})"
        assert f'<a href="../../{snapshot(project)}">{link}</a>' in real_site.html(f"projects/{project.slug}/")
        assert outline_titles(pypdf.PdfReader(path)) == [(project.name, 1)], project.slug
    for cohort, pack in zip(cohorts, packs, strict=True):
        (title, _), bookmarks = outline_titles(pypdf.PdfReader(real_site.site / pack))
        assert title == cohort.title
        assert [name for name, _ in bookmarks] == [project.name for project in programme.projects_in_cohort(cohort)]
        assert f'href="../../{pack}">Download the project summaries of the ' in real_site.html(f"cohorts/{cohort.id}/")
    if packs:
        assert f'href="{ALL_PACK}">Download the project summaries of ' in real_site.html("")
    if whole:
        titles = [
            item if isinstance(item, list) else item[0]
            for item in outline_titles(pypdf.PdfReader(real_site.site / ALL_PACK))
        ]
        assert titles[::2] == [cohort.title for cohort in cohorts]
        assert [[name for name, _ in projects] for projects in titles[1::2]] == [
            [project.name for project in programme.projects_in_cohort(cohort)] for cohort in cohorts
        ]


# -- the packs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("pack", PACKS)
def test_pack_runs_cover_contents_each_cohort_and_its_projects_then_contact(
    fixture_site: Build, fixture_programme: Programme, pack: str
):
    pages = pdf_pages(fixture_site.site / pack)
    assert len(pypdf.PdfReader(fixture_site.site / pack).pages) == len(pages)
    created = pdf_creation_date(fixture_programme, os.environ.get("SOURCE_DATE_EPOCH"))
    projects = projects_in(fixture_programme, pack)
    cohorts = cohorts_in(fixture_programme, pack)
    cover = words(pages[0])
    if pack == ALL_PACK:
        scope = ("All cohorts", f"{len(projects)} projects in {len(cohorts)} cohorts")
        assert (len(projects), len(cohorts)) == (10, 2)
    else:
        scope = (cohorts[0].title, f"{len(projects)} projects")
        assert len(projects) == 5
    assert created is not None
    for text in (PROGRAMME, "Project summaries", *scope, f"Data as of {created.day} {created:%B %Y}"):
        assert text in cover, (pack, text)
    assert words(pages[1]).startswith("Contents")
    # Each cohort's page (its sources at its foot), then each of its projects' snapshot, the same
    # pages in every pack (so each is laid out once; two that fit share a page), in the order of
    # the site (by name).
    layout = expected_contents(fixture_programme, pack)
    for cohort in cohorts:
        assert words(pages[layout[cohort.title] - 1]).startswith(cohort.title), cohort.id
    starts = [
        next(n for n, page in enumerate(pages, start=1) if starts_project_page(page, project)) for project in projects
    ]
    assert starts == [layout[project.name] for project in projects]
    for cohort in cohorts:
        names = [project.name for project in fixture_programme.projects_in_cohort(cohort)]
        assert names == sorted(names, key=sort_key_by_name) and len(names) == 5, cohort.id
    assert len(pages) == layout["Contact"]
    assert contact_address(fixture_site.site / pack) in pages[-1] and "Contact To find out more" in words(pages[-1])
    # The running footer: "Page n of N" on every page but the cover.
    assert "Page 1 of" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {len(pages)}" in page


@pytest.mark.parametrize("pack", PACKS)
def test_contents_gives_the_page_each_cohort_and_project_starts_on(
    fixture_site: Build, fixture_programme: Programme, pack: str
):
    pages = pdf_pages(fixture_site.site / pack)
    listed = contents_listed(fixture_site.site / pack)
    assert listed == expected_contents(fixture_programme, pack)
    for project in projects_in(fixture_programme, pack):
        assert starts_project_page(pages[listed[project.name] - 1], project), project.name
    for cohort in cohorts_in(fixture_programme, pack):
        assert words(pages[listed[cohort.title] - 1]).startswith(cohort.title)
    assert "Contact To find out more" in words(pages[listed["Contact"] - 1])


@pytest.mark.parametrize("pack", PACKS)
def test_bookmarks_are_each_cohort_then_its_projects_in_order_at_their_pages(
    fixture_site: Build, fixture_programme: Programme, pack: str
):
    reader = pypdf.PdfReader(fixture_site.site / pack)
    pages = pdf_pages(fixture_site.site / pack)
    layout = expected_contents(fixture_programme, pack)
    expected = []
    for cohort in cohorts_in(fixture_programme, pack):
        projects = fixture_programme.projects_in_cohort(cohort)
        expected += [
            (cohort.title, layout[cohort.title]),
            [(project.name, layout[project.name]) for project in projects],
        ]
    assert outline_titles(reader) == expected
    for project in projects_in(fixture_programme, pack):
        assert starts_project_page(pages[layout[project.name] - 1], project)
    if pack == ALL_PACK:
        assert [item[0] for item in expected[::2]] == ["2023/24 first cohort", "2024/25 second cohort"]


def projects_on(page: str, projects: tuple[Project, ...]) -> list[str]:
    """The slugs of the projects whose summaries start on a pack's page, top to bottom."""
    return [
        project.slug
        for summary in summaries_on(page)
        for project in projects
        if starts_with(summary, masthead(project))
    ]


def test_two_projects_with_little_to_say_share_a_page_in_their_order(fixture_site: Build, fixture_programme: Programme):
    """Most fixture projects have an aim and a few facts: a page each left the programme's pack
    15 pages, most of them half empty (issue 28). A project whose summary fits below the page
    before it (a project's or its cohort's) goes there: 10 pages, three of them with two projects,
    one with the second cohort's page and its first project, and the last with the contact below
    the last project."""
    pages = pdf_pages(fixture_site.site / ALL_PACK)
    assert len(pages) == 10
    assert projects_on(pages[-1], fixture_programme.projects) == [CONTACT_SHARES_WITH]
    assert "Contact To find out more" in words(pages[-1])
    on_pages = [projects_on(page, fixture_programme.projects) for page in pages]
    assert [on_page for on_page in on_pages if len(on_page) == 2] == [
        ["al-noor-wellbeing-circle", "brackenford-mens-sheds"],
        ["link-worker-retention-pilot", "measuring-what-matters"],
        ["coastal-outcomes-dashboard", "dunmere-digital-doorway"],
    ]
    second_cohort = [n for n, page in enumerate(pages) if words(page).startswith("2024/25 second cohort")]
    assert len(second_cohort) == 1 and on_pages[second_cohort[0]] == ["coast-and-country-connectors"]


def page_words(path: Path) -> list[tuple[float, list[tuple[str, float, float, float, float]]]]:
    """Each page's height and its words, each with its left, top, right and bottom edges, in
    points from the page's top left, as poppler finds them."""
    result = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    pages = []
    for page in result.stdout.split("<page ")[1:]:
        height = re.search(r'height="([\d.]+)"', page)
        assert height is not None
        found = [
            (html.unescape(text), float(left), float(top), float(right), float(bottom))
            for left, top, right, bottom, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
            )
        ]
        pages.append((float(height.group(1)), found))
    return pages


def content_end(words_on_page: list[tuple[str, float, float, float, float]]) -> tuple[float, float]:
    """Where a page's content ends (its lowest word but the footer's, the lowest line) and where
    its footer starts, in points from the top."""
    lowest = max(bottom for *_, bottom in words_on_page)
    footer = [word for word in words_on_page if abs(word[4] - lowest) < 0.01]
    return max(word[4] for word in words_on_page if word not in footer), min(word[2] for word in footer)


def test_a_page_holds_two_projects_one_after_the_other_and_is_not_mostly_empty_unless_the_next_is_long(
    fixture_site: Build, fixture_programme: Programme
):
    """In every pack of the fixture: each project once, in the pack's order (its bookmarks); at
    most two a page, the second whole above the page's footer; and a project alone on its page
    fills at least half of it, unless what follows is not a project (a cohort's page, the
    contact) or is a project that fills more than half its own snapshot's page."""
    fill = {
        project.slug: content_end(page_words(fixture_site.site / snapshot(project))[0][1])[0] / 841.89
        for project in fixture_programme.projects
    }
    downloads = fixture_site.site / "downloads"
    packs = sorted(path for path in downloads.rglob("*.pdf") if "snapshots" not in path.parts)
    assert len(packs) == 3 + 4 + 8 + 3  # the programme's, the cohorts', the themes', the areas' and the ICBs'
    for pack in packs:
        pages = pdf_pages(pack)
        on_pages = [projects_on(page, fixture_programme.projects) for page in pages]
        bookmarked = [title for item in outline_titles(pypdf.PdfReader(pack)) for title, _ in _flat(item)]
        names = {project.slug: project.name for project in fixture_programme.projects}
        assert [names[slug] for on_page in on_pages for slug in on_page] == [
            title for title in bookmarked if title in names.values()
        ], pack.name
        for number, ((height, found), on_page) in enumerate(zip(page_words(pack), on_pages, strict=True)):
            assert len(on_page) <= 2, (pack.name, number)
            end, footer = content_end(found)
            assert end < footer, (pack.name, number)
            if len(on_page) == 1 and end < height / 2:
                following = on_pages[number + 1] if number + 1 < len(on_pages) else []
                assert not following or fill[following[0]] > 0.5, (pack.name, on_page, following)


def _flat(item: Any) -> list[tuple[str, int]]:
    return [entry for child in item for entry in _flat(child)] if isinstance(item, list) else [item]


def test_each_pack_has_one_copy_of_each_font_for_all_its_parts(fixture_site: Build):
    """Each part of a pack embeds its own subset of a font; the pack keeps one copy of each,
    the union (a glyph missing from it would draw as nothing: test_every_name_aim_quote... and
    test_pdf_documents' word-for-word comparison of each summary with its snapshot read them)."""
    for pack in PACKS:
        fonts = subprocess.run(
            ["pdffonts", str(fixture_site.site / pack)], capture_output=True, text=True, check=True
        ).stdout
        listing = [line.split()[0].partition("+")[2] for line in fonts.splitlines()[2:]]
        assert len(listing) == len(set(listing)), f"{pack}: one font dictionary per font: {listing}"
        reader = pypdf.PdfReader(fixture_site.site / pack)
        font_files = {
            descriptor.raw_get("/FontFile2").idnum
            for page in pages_of(reader)
            for font in page["/Resources"]["/Font"].values()
            for descendant in font.get_object()["/DescendantFonts"]
            for descriptor in [descendant.get_object()["/FontDescriptor"].get_object()]
        }
        assert len(font_files) == len(set(listing)), f"{pack}: one font program per font"


def footer_words(pack: Path) -> list[list[tuple[str, float, float, float]]]:
    """Each page's lowest line of words (its footer), each word with its left and right edges
    and its baseline, in points, as poppler finds them."""
    result = subprocess.run(["pdftotext", "-bbox", str(pack), "-"], capture_output=True, text=True, check=True)
    footers = []
    for page in result.stdout.split("<page ")[1:]:
        found = [
            (html.unescape(text), float(left), float(right), float(bottom))
            for left, right, bottom, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
            )
        ]
        lowest = max((bottom for *_, bottom in found), default=0.0)
        footers.append([word for word in found if abs(word[3] - lowest) < 0.01])
    return footers


def test_page_numbers_end_at_the_right_margin_on_the_baseline_of_the_packs_title(fixture_site: Build):
    """Assembly writes each page's number in place of the footers' template's sample: it must end
    where the template's margin box ends it, whatever its width, and sit on the title's line."""
    footers = footer_words(fixture_site.site / ALL_PACK)
    assert footers[0][-1][0] != str(len(footers))  # the cover has none
    right_edges: dict[float, set[float]] = {}  # by baseline: one per kind of footer
    for number, words_on_line in enumerate(footers[1:], start=2):
        assert [word for word, *_ in words_on_line[-4:]] == ["Page", str(number), "of", str(len(footers))], number
        right_edges.setdefault(round(words_on_line[-1][3], 1), set()).add(round(words_on_line[-1][2], 1))
        title = " ".join(word for word, *_ in words_on_line[:-4])
        # The pack's title, or on a snapshot the snapshot's own: each on the number's line.
        assert title in ("Project summaries, all cohorts", PROGRAMME), number
    assert len(right_edges) == 2 and all(len(edges) == 1 for edges in right_edges.values()), right_edges
    starts = {round(words_on_line[-4][1], 1) for words_on_line in footers[1:]}
    assert len(starts) > len(right_edges)  # "Page 9" and "Page 10" start in different places


def test_each_contents_entry_ends_in_its_page_on_its_line_where_the_page_numbers_end(
    fixture_site: Build, fixture_programme: Programme
):
    """Assembly writes the contents' page numbers: each on its entry's line, ending where the
    footers' numbers end (the right edge of the pack's text)."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-f", "2", "-l", "2", str(fixture_site.site / ALL_PACK), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', result.stdout
    )
    lines: dict[float, list[tuple[float, str, float]]] = {}  # by baseline: each word's left, text and right
    for left, right, bottom, text in found:
        lines.setdefault(round(float(bottom), 1), []).append((float(left), html.unescape(text), float(right)))
    *entries, footer = [[(word, right) for _, word, right in sorted(lines[bottom])] for bottom in sorted(lines)]
    edge = footer[-1][1]
    expected = expected_contents(fixture_programme, ALL_PACK)
    numbered = {" ".join(word for word, _ in line[:-1]): int(line[-1][0]) for line in entries if line[-1][0].isdigit()}
    assert numbered == expected
    assert {round(line[-1][1], 1) for line in entries if line[-1][0].isdigit()} == {round(edge, 1)}


LONG_NAME = (
    "The Harbourside and Upper Valley Link Worker, Community Pantry and Peer Befriending Partnership "
    "for People Leaving Hospital"
)


@pytest.mark.build
def test_a_contents_entry_that_wraps_has_its_page_on_its_last_line(tmp_path: Path):
    root = tiny_site(
        tmp_path,
        f"""  - slug: long-name
    name: {LONG_NAME}
    cohort: 2023-24
    theme: access
    aim: To be named at length.
  - slug: short
    name: Short
    cohort: 2023-24
    theme: access
    aim: To be brief.
""",
    )
    build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    lines = [line.strip() for line in pdf_text(build.site / FIRST_PACK, 2, layout=True).splitlines() if line.strip()]
    first = next(index for index, line in enumerate(lines) if line.startswith("The Harbourside"))
    assert not re.search(r"\s\d+$", lines[first])  # the name's first line: no page
    # Its last line: after the cover, the contents and the cohort's page, below Short (by name):
    # two projects of an aim each share a page.
    assert re.search(r"Hospital\s{2,}4$", lines[first + 1])
    assert contents_listed(build.site / FIRST_PACK)["Short"] == 4


@pytest.mark.parametrize("pack", PACKS)
def test_the_pack_has_one_structure_tree_and_page_numbers_are_artifacts(fixture_site: Build, pack: str):
    """PDF/UA: every marked piece of content on every page leads to an element of the one tree,
    every link annotation to a Link element, and page numbers are not read out as content."""
    reader = pypdf.PdfReader(fixture_site.site / pack)
    root = catalog_of(reader)["/StructTreeRoot"]
    (document,) = root["/K"]
    document = document.get_object()
    assert document["/S"] == "/Document"
    numbers = root["/ParentTree"]["/Nums"]
    parents = {numbers[index]: numbers[index + 1] for index in range(0, len(numbers), 2)}
    assert root["/ParentTreeNextKey"] > max(parents)

    def kinds_up_to_the_document(element) -> set[str]:
        """The kinds of the element and its ancestors; empty if they do not reach the Document."""
        kinds: set[str] = set()
        while element.get("/S") is not None:
            if element.indirect_reference == document.indirect_reference:
                return kinds
            kinds.add(element["/S"])
            element = element["/P"].get_object()
        return set()

    kinds: set[str] = set()
    for number, page in enumerate(pages_of(reader), start=1):
        marked = parents[page["/StructParents"]]
        for element in marked:
            element = element.get_object()
            assert element.raw_get("/Pg").idnum == page.indirect_reference.idnum, number
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            assert parents[annotation["/StructParent"]].get_object()["/S"] == "/Link", number
        contents = page.get_contents().get_data()
        folio = re.search(
            rb"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q (/ShowcaseFolio\d+) Do Q EMC", contents
        )
        assert bool(folio) == (number > 1), number  # every page but the cover has its footer
        for element in marked:
            kinds |= kinds_up_to_the_document(element.get_object())
    assert {"/H1", "/H2", "/P", "/Link", "/L", "/LI", "/BlockQuote", "/Art"} <= kinds


def test_packs_and_snapshots_are_tagged_with_title_language_and_metadata(
    fixture_site: Build, fixture_programme: Programme
):
    created = pdf_creation_date(fixture_programme, os.environ.get("SOURCE_DATE_EPOCH"))
    walks = next(project for project in fixture_programme.projects if project.slug == "harbour-walks")
    first, second = fixture_programme.cohorts
    for path, title, keywords in (
        (
            ALL_PACK,
            f"Project summaries: all cohorts – {PROGRAMME}",
            f"{PROGRAMME}, project summaries, {first.title}, {second.title}, Digital routes in, Link workers who stay, "
            "Reaching people who miss out, Showing what changed",
        ),
        (
            FIRST_PACK,
            f"Project summaries: {first.title} – {PROGRAMME}",
            f"{PROGRAMME}, project summaries, {first.title}, Link workers who stay, Reaching people who miss out, "
            "Showing what changed",
        ),
        # Its one project on "Showing what changed" has that theme unconfirmed: no keyword.
        (
            SECOND_PACK,
            f"Project summaries: {second.title} – {PROGRAMME}",
            f"{PROGRAMME}, project summaries, {second.title}, Digital routes in, Link workers who stay, "
            "Reaching people who miss out",
        ),
        (
            snapshot(walks),
            f"{walks.name}: project summary – {PROGRAMME}",
            f"{PROGRAMME}, project summary, {first.title}, Reaching people who miss out, Gullhaven, Fernshire Coast, "
            "men, older people, walking",
        ),
    ):
        reader = pypdf.PdfReader(fixture_site.site / path)
        info = document_info(reader)
        assert info["/Title"] == title
        assert info["/Author"] == ORGANISATION
        assert PROGRAMME in info["/Subject"]
        assert info["/Keywords"].startswith("social prescribing, Fernshire, ") and keywords in info["/Keywords"], info[
            "/Keywords"
        ]
        assert info["/CreationDate"] == info["/ModDate"] == f"D:{created:%Y%m%d%H%M%S}Z"
        catalog = catalog_of(reader)
        assert catalog["/Lang"] == "en-GB"
        assert "/StructTreeRoot" in catalog
        assert bool(catalog["/MarkInfo"]["/Marked"])
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])


def test_a_programme_outside_london_does_not_print_london_s_identity_or_contact(fixture_site: Build):
    # The repository's own programme (London's): what it states that the fixture's does not.
    london = [*real_identity_values("name", "launched_by", "contact_email", "status", "programme_page"), "NHS London"]
    for path in sorted((fixture_site.site / "downloads").rglob("*.pdf")):
        metadata = document_info(pypdf.PdfReader(path))
        text = " ".join([*pdf_pages(path), metadata["/Keywords"], metadata["/Author"]])
        flat = " ".join(text.split())
        assert [value for value in london if " ".join(value.split()) in flat] == [], path.name
        assert ORGANISATION in text
        assert "last contact address" not in flat and "last published contact address" not in flat  # it runs


# The validator's safety limits guard against hostile files; these are the build's own. A pack of
# hundreds of projects has a chain of hundreds of bookmarks (each names the next), deeper than the
# default limit of 256 references.
OWN_PDFS = page_validation.SafetyLimits(max_reference_depth=1_000_000)


def pdf_ua_failures(path: Path) -> list[str]:
    """What the `page` validator (page-validation on PyPI) finds against PDF/UA-1, as rule ids."""
    report = page_validation.validate_pdf(
        str(path), profile=page_validation.ValidationProfile.PDF_UA_1, limits=OWN_PDFS
    )
    return [f"{failure.rule_id}: {failure.message}" for failure in report.failures]


def test_every_pdf_passes_the_pdf_ua_checks(fixture_site: Build):
    """Two cohorts, quotes right to left (Arabic) and in Polish, a three-area project. (The
    theme's, area's and ICB's packs: tests/test_facet_packs.py.)"""
    downloads = fixture_site.site / "downloads"
    paths = sorted(downloads.glob("*.pdf")) + sorted((downloads / "snapshots").glob("*.pdf"))
    assert len(paths) == 13 + 2  # and Link Worker Retention Pilot's snapshot at its two earlier addresses
    for path in paths:
        assert pdf_ua_failures(path) == [], path.name


def test_every_pdf_of_the_real_content_passes_the_pdf_ua_checks(real_site: Build):
    """Every pack (which holds every snapshot's pages and structure), and the snapshots
    themselves, all of them up to 30, an even spread beyond (about a second each)."""
    downloads = real_site.site / "downloads"
    packs = sorted(downloads.glob("*.pdf"))
    facets = sorted(path for folder in ("themes", "areas", NAMES.groups) for path in (downloads / folder).glob("*.pdf"))
    paths = packs + evenly_spaced(facets, 6) + evenly_spaced(sorted((downloads / "snapshots").glob("*.pdf")), 30)
    assert packs
    for path in paths:
        assert pdf_ua_failures(path) == [], path.name


def test_pdfs_embed_only_the_fonts_committed_in_the_project(fixture_site: Build):
    seen: set[str] = set()
    for path in sorted((fixture_site.site / "downloads").rglob("*.pdf")):
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = [line.split() for line in listing.splitlines()[2:]]
        assert rows, listing
        for row in rows:
            name, embedded, subset, unicode = row[0], row[-5], row[-4], row[-3]
            assert re.fullmatch(r"[A-Z]{6}\+Showcase-(Sans|Arabic)(-Bold|-Italic)?", name), listing
            assert (embedded, subset, unicode) == ("yes", "yes", "yes"), listing
            seen.add(name.partition("+")[2])
    assert "Showcase-Arabic" in seen, "the Arabic quote is set in the committed Arabic font"


def test_every_name_aim_quote_and_outcome_can_be_copied_from_the_packs_and_the_snapshot(
    fixture_site: Build, fixture_programme: Programme
):
    packs = {pack: letters(" ".join(pdf_pages(fixture_site.site / pack))) for pack in PACKS}
    for project in fixture_programme.projects:
        own_packs = [packs[ALL_PACK], packs[f"downloads/impact-summaries-{project.cohort.id}.pdf"]]
        snapshot_letters = letters(" ".join(pdf_pages(fixture_site.site / snapshot(project))))
        # A right-to-left quote's own test is test_a_quote_in_arabic_with_a_vowel_mark_...
        quotes = [quote.text for quote in project.quotes if text_direction(quote.text) == "ltr"]
        for text in (project.name, project.aim, *project.outcomes, *quotes, *(q.attribution for q in project.quotes)):
            for pack_letters in own_packs:
                assert letters(text) in pack_letters, (project.slug, text)
            assert letters(text) in snapshot_letters, (project.slug, text)
    for cohort in fixture_programme.cohorts:
        for quote in cohort.quotes:
            for pack in (ALL_PACK, f"downloads/impact-summaries-{cohort.id}.pdf"):
                assert letters(quote.text) in packs[pack] and letters(quote.attribution) in packs[pack], pack
    assert cohort_of(fixture_programme, FIRST).quotes, "the fixture's first cohort is quoted"


def test_quotes_in_polish_and_arabic_attributions_are_copied_exactly(fixture_site: Build):
    walks, al_noor = "harbour-walks", "al-noor-wellbeing-circle"
    expected = {
        walks: (
            "Spacery dały nam czas, żeby porozmawiać o tym, co naprawdę ważne.",
            "Zofia Wiśniewska, wolontariuszka, Polska Fernshire",
        ),
        al_noor: ("مشاركة في الحلقة",),
    }
    for slug, quotes in expected.items():
        for path in (snapshot(slug), FIRST_PACK, ALL_PACK):
            extracted = {
                "pdftotext": words(" ".join(pdf_pages(fixture_site.site / path))),
                "pypdf": pypdf_text(fixture_site.site / path),
            }
            for tool, text in extracted.items():
                for quote in quotes:
                    assert quote in text, (path, tool, quote)


def arabic_quote(programme: Programme) -> str:
    """The fixture's quote in Arabic: a vowel mark (the tanween of مكاناً), a closing full stop."""
    al_noor = next(project for project in programme.projects if project.slug == "al-noor-wellbeing-circle")
    (quote,) = al_noor.quotes
    assert text_direction(quote.text) == "rtl" and quote.text.endswith(".") and "\u064b" in quote.text
    return quote.text


def test_a_quote_in_arabic_with_a_vowel_mark_and_a_full_stop_is_copied_exactly_by_pypdf(
    fixture_site: Build, fixture_programme: Programme
):
    """The line's runs are drawn in typed order (showcase/pdf/tagged_text.py), so pypdf reads the
    closing full stop, set at the left of the line in the Latin font, after the words, not before."""
    quote = arabic_quote(fixture_programme)
    for path in (snapshot("al-noor-wellbeing-circle"), FIRST_PACK, ALL_PACK):
        assert quote in pypdf_text(fixture_site.site / path), path
        # poppler gives the words between the vowel mark and the full stop in order.
        assert quote.partition("\u064b ")[2].removesuffix(".") in words(" ".join(pdf_pages(fixture_site.site / path)))


@pytest.mark.xfail(
    strict=True,
    reason=(
        "poppler 22.12 cannot copy it from any PDF: it starts a new word, and here a line, where the baseline "
        "moves more than 0.5 pt (TextPage::addChar), and a vowel mark is drawn raised; and on a page mostly in "
        "English it reads the full stop at the left of a right-to-left line as left-to-right text, so puts it "
        "first (reorderText). /ActualText cannot help: poppler lays the replacement out left to right, then "
        "reverses right-to-left text, so only a replacement stored backwards would copy out right. pypdf copies "
        "it exactly (the test above); PDF.js, Firefox's reader, does not either (test_pdf_copy_out.py)"
    ),
)
def test_a_quote_in_arabic_with_a_vowel_mark_and_a_full_stop_is_copied_exactly_by_poppler(
    fixture_site: Build, fixture_programme: Programme
):
    quote = arabic_quote(fixture_programme)
    for path in (snapshot("al-noor-wellbeing-circle"), FIRST_PACK, ALL_PACK):
        assert quote in words(" ".join(pdf_pages(fixture_site.site / path))), path


def test_unconfirmed_facts_are_labelled_and_unknown_facts_are_left_out(fixture_site: Build):
    connectors = words(" ".join(pdf_pages(fixture_site.site / snapshot("coast-and-country-connectors"))))
    assert (
        "Harrowmouth, Coldharbour, St Fara’s & Linton (unconfirmed); Harrowmouth in Fernshire Coast ICB [1]; "
        "Coldharbour in North Fernshire ICB [2]; St Fara’s & Linton in South Fernshire ICB [3]"
    ) in connectors
    assert "(unconfirmed) marks the showcase editors’ own reading of the sources, which no source states" in connectors
    sheds = words(" ".join(pdf_pages(fixture_site.site / snapshot("brackenford-mens-sheds"))))
    assert "Challenge theme Reaching people who miss out (unconfirmed)" in sheds
    assert "Brackenford, in North Fernshire ICB [1]" in sheds and "North Fernshire ICB [1] (unconfirmed)" not in sheds
    dashboard = words(" ".join(pdf_pages(fixture_site.site / snapshot("coastal-outcomes-dashboard"))))
    assert "Lead organisation Fernshire Coast Care Board (unconfirmed)" in dashboard
    assert "Challenge theme Showing what changed (unconfirmed)" in dashboard
    walks = words(" ".join(pdf_pages(fixture_site.site / snapshot("harbour-walks"))))
    assert "Partners Gullhaven Sea Scouts, Polska Fernshire (unconfirmed)" in walks
    assert "Lead organisation Gullhaven Health Partnership (unconfirmed)" not in walks
    # Measuring What Matters has only the required fields: nothing else is shown, not even a gap,
    # but for its outcomes, which visitors look for: it says none have been found
    # (test_honest_empty_states.py).
    unplaced = words(" ".join(pdf_pages(fixture_site.site / snapshot("measuring-what-matters"))))
    assert "What was reported No published outcomes of this project have been found yet." in unplaced
    for absent in (
        "Borough",
        "ICB",
        "Lead organisation",
        "Partners",
        "Primary care network",
        "Summary",
        "In their words",
        "Find out more",
        "(unconfirmed)",
        "TBC",
    ):
        assert absent not in unplaced, absent


def test_links_in_the_pdfs_are_clickable(fixture_site: Build, fixture_programme: Programme):
    contact = contact_address(fixture_site.site / ALL_PACK)
    for pack in PACKS:
        uris, destinations = link_targets(fixture_site.site / pack)
        expected = {f"mailto:{contact}"}
        for cohort in cohorts_in(fixture_programme, pack):
            expected |= {source for source in (cohort.source, *(q.source for q in cohort.quotes)) if source is not None}
        projects = projects_in(fixture_programme, pack)
        for project in projects:
            expected |= {link.url for link in project.links} | {q.source for q in project.quotes if q.source}
        assert expected <= uris, pack
        # The contents links to each cohort's and project's page inside the PDF.
        assert (
            {f"project-{project.slug}" for project in projects}
            | {"contact"}
            | {f"cohort-{cohort.id}" for cohort in cohorts_in(fixture_programme, pack)}
        ) <= destinations, pack
    first = cohort_of(fixture_programme, FIRST)
    assert first.source and any(q.source for q in first.quotes), "the fixture's first cohort has sources to link"
    walks = next(project for project in fixture_programme.projects if project.slug == "harbour-walks")
    walks_uris, _ = link_targets(fixture_site.site / snapshot(walks))
    # Its links, its quote's source, the link in its summary, its facts' sources, its aim's
    # source (the cohort's page), its areas' groups' sources and the contact.
    groups = {area.icb.source for area in walks.boroughs if area.icb}
    assert (
        walks_uris
        == {link.url for link in walks.links}
        | {q.source for q in walks.quotes if q.source}
        | {
            "https://example.org/harbour-walks-report",
            f"mailto:{contact}",
        }
        | {url for _fact, url in walks.sources}
        | {walks.cohort.source}
        | groups
    )
    assert groups == {"https://example.org/fernshire/coast-care-board"}


def test_snapshots_fit_on_one_page_and_carry_their_project_as_bookmark(
    fixture_site: Build, fixture_programme: Programme
):
    contact = contact_address(fixture_site.site / ALL_PACK)
    for project in fixture_programme.projects:
        reader = pypdf.PdfReader(fixture_site.site / snapshot(project))
        assert len(reader.pages) == 1, project.slug
        assert outline_titles(reader) == [(project.name, 1)]
        text = pdf_pages(fixture_site.site / snapshot(project))[0]
        assert starts_with(text, f"{PROGRAMME} Project summary · {project.cohort.title} {project.name}")
        assert contact in text and "Page 1 of" not in text  # page numbers are the packs'
    # The longest record, a summary of some 300 words, still fits.
    young = next(project for project in fixture_programme.projects if project.slug == "young-carers-connect")
    assert young.summary is not None and len(young.summary.split()) > 250


def test_without_source_date_epoch_the_date_comes_from_the_data_not_the_clock(fixture_programme: Programme):
    # The latest date of the fixture's cohorts: the first cohort's showcase event.
    assert pdf_creation_date(fixture_programme, None) == dt.datetime(2024, 6, 12, tzinfo=dt.UTC)
    assert pdf_creation_date(fixture_programme, "0") == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    with pytest.raises(
        ValueError, match="SOURCE_DATE_EPOCH should be a whole number of seconds since 1970, not 'soon'"
    ):
        pdf_creation_date(fixture_programme, "soon")


# -- one cohort; a two-page snapshot; other scripts; markup; a fixed date ----------------------

COHORT = "2023/24 first cohort"  # the fixture's first cohort, the tiny sites' only one
PACK = FIRST_PACK
ARABIC = "الوصفات الاجتماعية ساعدتني على التعرف على جيراني"
POLISH = "Żaneta mówi: łącznik zmienił moje życie, dziękuję ślicznie."
SOMALI = "Waxaan ku faraxsanahay in aan ka qayb qaato barnaamijka, mahadsanid."
WORLD = "Łączymy sąsiadów <b>razem</b>"

# A quote in each of the scripts of London's main South Asian languages (Census 2021), with the
# family of the committed font that prints it.
SCRIPTS = {
    "Bengali": ("bn", "আমি নতুন বন্ধু পেয়েছি। এখন আমি একা নই।"),
    "Devanagari": ("hi", "मुझे नए दोस्त मिले हैं।"),
    "Gujarati": ("gu", "મને નવા મિત્રો મળ્યા છે."),
    "Gurmukhi": ("pa", "ਮੈਨੂੰ ਨਵੇਂ ਦੋਸਤ ਮਿਲੇ ਹਨ।"),
    "Tamil": ("ta", "எனக்கு புதிய நண்பர்கள் கிடைத்தனர்."),
    "Arabic": ("ur", "مجھے نئے دوست ملے ہیں۔"),  # Urdu's letters, in Noto Naskh Arabic
}
SOUTH_ASIAN_QUOTES = "\n".join(
    f"      - text: {text}\n        attribution: A participant\n        attribution_lang: en\n        lang: {lang}"
    for lang, text in SCRIPTS.values()
)
LONG_SUMMARY = "\n\n".join(
    f"      Paragraph {number}. "
    + "The link workers met people where they were and listened to what mattered to them. " * 12
    for number in range(1, 9)
)

TINY_RECORDS = f"""  - slug: a-long-story
    name: A long story
    cohort: 2023-24
    theme: access
    aim: To tell the whole story.
    summary: |
{LONG_SUMMARY}
  - slug: concise
    name: Concise
    cohort: 2023-24
    theme: access
    aim: To be concise.
  - slug: laczymy-sasiadow
    name: {WORLD}
    cohort: 2023-24
    theme: access
    aim: To help Polish, Somali and Arabic speakers in Dunmere find social prescribing.
    {NAMES.areas}: [Dunmere]
    quotes:
      - text: {ARABIC}
        attribution: مشاركة في المشروع
        lang: ar
      - text: "{POLISH}"
        attribution: Żaneta, uczestniczka
        lang: pl
      - text: "{SOMALI}"
        attribution: Cabdi, ka qaybgale
        lang: so
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fictional programme cut to one cohort of three projects: one whose summary takes two
    pages, one quoted in Arabic, Polish and Somali with markup in its name, one brief; built with
    a SOURCE_DATE_EPOCH (14 November 2023, 22:13:20 UTC)."""
    root = tiny_site(tmp_path_factory.mktemp("tiny"), TINY_RECORDS)
    build = with_source_date_epoch("1700000000", lambda: run_mkdocs_build(root))
    assert build.returncode == 0, build.output
    return build


@pytest.mark.build
def test_one_cohort_has_its_pack_and_the_programmes_pack_which_the_programmes_links_go_to(tiny: Build):
    """The programme's pack is made even of one cohort: its address must not come and go. It is
    the cohort's pack, the same file: the same pages, under the cover that names the cohort."""
    downloads = sorted(p.name for p in (tiny.site / "downloads").glob("*.pdf"))
    assert downloads == ["impact-summaries-2023-24.pdf", "impact-summaries.pdf"]
    assert (tiny.site / ALL_PACK).read_bytes() == (tiny.site / PACK).read_bytes()
    assert re.search(
        r"Project summaries, 2023/24 first cohort Page 2 of \d+", words(pdf_pages(tiny.site / ALL_PACK)[1])
    )
    pack = tiny.site / PACK
    link = f"Download the project summaries of the {COHORT} (PDF, {size_label(pack.stat().st_size)})"
    assert f'<a href="../../{PACK}">{html.escape(link, quote=False)}</a>' in tiny.html("cohorts/2023-24/")
    whole = tiny.site / ALL_PACK
    link = f"Download the project summaries of all 3 projects (PDF, {size_label(whole.stat().st_size)})"
    for page, href in (("", ALL_PACK), ("projects/", f"../{ALL_PACK}")):
        assert f'<a href="{href}">{html.escape(link, quote=False)}</a>' in tiny.html(page), page
    assert [title for title, _ in outline_titles(pypdf.PdfReader(whole))[1]] == [
        title for title, _ in outline_titles(pypdf.PdfReader(pack))[1]
    ]


@pytest.mark.build
def test_a_two_page_snapshot_takes_two_pages_of_the_pack_and_every_number_follows(tiny: Build):
    assert len(pypdf.PdfReader(tiny.site / snapshot("a-long-story")).pages) == 2
    reader = pypdf.PdfReader(tiny.site / PACK)
    pages = pdf_pages(tiny.site / PACK)
    # cover, contents, the cohort, the long project (2 pages), the two others on one, the contact
    assert len(pages) == len(reader.pages) == 7
    listed = contents_listed(tiny.site / PACK)
    assert listed == {COHORT: 3, "A long story": 4, "Concise": 6, WORLD: 6, "Contact": 7}
    assert "Paragraph 8" in pages[4]  # the long project goes on over the page
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of 7" in page
    (cohort, cohort_page), projects = outline_titles(reader)
    assert (cohort, cohort_page) == (COHORT, 3) and projects == [("A long story", 4), ("Concise", 6), (WORLD, 6)]
    _, destinations = link_targets(tiny.site / PACK)
    assert {
        "project-a-long-story",
        "project-concise",
        "project-laczymy-sasiadow",
        "cohort-2023-24",
        "contact",
    } <= destinations
    for path in sorted((tiny.site / "downloads").rglob("*.pdf")):
        assert pdf_ua_failures(path) == [], path.name


@pytest.mark.build
def test_quotes_in_arabic_polish_and_somali_are_copied_exactly(tiny: Build):
    for path in (snapshot("laczymy-sasiadow"), PACK):
        extracted = {"pdftotext": words(" ".join(pdf_pages(tiny.site / path))), "pypdf": pypdf_text(tiny.site / path)}
        for tool, text in extracted.items():
            for quote in (ARABIC, "مشاركة في المشروع", POLISH, "Żaneta, uczestniczka", SOMALI, "Łączymy sąsiadów"):
                assert quote in text, (path, tool, quote)
    fonts = subprocess.run(["pdffonts", str(tiny.site / PACK)], capture_output=True, text=True).stdout
    assert "Showcase-Arabic" in fonts


def tagged_languages(path: Path) -> list[tuple[str, str]]:
    """(role, language) of each element of a PDF's structure tree that says its language, in order."""
    found: list[tuple[str, str]] = []

    def walk(element: Any) -> None:
        if isinstance(element, pikepdf.Array):
            for kid in element:
                walk(kid)
        elif isinstance(element, pikepdf.Dictionary) and "/S" in element:
            if "/Lang" in element:
                found.append((str(element.S), str(element.Lang)))
            walk(element.get("/K"))

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
    return found


@pytest.mark.build
def test_each_quote_says_its_language_in_the_pdfs_structure(tiny: Build):
    """A quote's `lang:` is the /Lang of its BlockQuote and its attribution's Caption (PDF/UA-1 7.2,
    WCAG 3.1.2), so a screen reader reads each in its own language; nothing else is marked."""
    expected = [(role, lang) for lang in ("ar", "pl", "so") for role in ("/BlockQuote", "/Caption")]
    assert tagged_languages(tiny.site / snapshot("laczymy-sasiadow")) == expected
    assert tagged_languages(tiny.site / PACK) == expected  # the other projects have no quote


@pytest.fixture(scope="module")
def in_our_words(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One project quoted in each script of SCRIPTS."""
    records = f"""  - slug: in-our-words
    name: In our words
    cohort: 2023-24
    theme: access
    aim: To hear people in their own languages.
    quotes:
{SOUTH_ASIAN_QUOTES}
"""
    build = run_mkdocs_build(tiny_site(tmp_path_factory.mktemp("in-our-words"), records))
    assert build.returncode == 0, build.output
    return build


@pytest.mark.build
def test_a_quote_in_each_south_asian_script_of_london_prints_in_its_committed_font(in_our_words: Build):
    """No empty boxes: the build reported no missing glyph (it fails on a warning), and each
    script's committed Noto font is embedded where the quotes are, each quote with its /Lang."""
    path = in_our_words.site / snapshot("in-our-words")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert [script for script in SCRIPTS if f"Showcase-{script}" not in fonts] == []
    assert [lang for lang, _ in SCRIPTS.values()] == [lang for _, lang in tagged_languages(path)][::2]
    for pdf in sorted((in_our_words.site / "downloads").rglob("*.pdf")):
        assert pdf_ua_failures(pdf) == [], pdf.name  # e.g. no empty ToUnicode mapping for a shaped glyph


# Copying shaped text out, where a vowel sign is drawn before its consonant (the short i of
# Devanagari, Gujarati and Gurmukhi, Bengali's e, Tamil's ai): showcase/pdf/tagged_text.py.
# pdftotext reads the run's /ActualText; pypdf reads the glyphs, drawn in typed order, but puts a
# space after such a cluster (it reads the pen's move back past the consonant as a gap).
@pytest.mark.build
@pytest.mark.parametrize("script", SCRIPTS)
def test_a_quote_in_each_script_is_copied_exactly(in_our_words: Build, script: str):
    path = in_our_words.site / snapshot("in-our-words")
    _, text = SCRIPTS[script]
    assert text in words(" ".join(pdf_pages(path))), "pdftotext"
    assert letters(text) in letters(pypdf_text(path)), "pypdf"


@pytest.mark.build
def test_markup_in_the_data_is_printed_as_text(tiny: Build):
    text = words(" ".join(pdf_pages(tiny.site / snapshot("laczymy-sasiadow"))))
    assert WORLD in text
    reader = pypdf.PdfReader(tiny.site / snapshot("laczymy-sasiadow"))
    assert outline_titles(reader) == [(WORLD, 1)]


@pytest.mark.build
def test_source_date_epoch_sets_the_pdfs_date_and_the_cover(tiny: Build):
    """Outside git, SOURCE_DATE_EPOCH's day is the one "data as of" day (showcase/wording/as_of.py): the
    PDFs are dated from its start in UTC, as the feed and the open data are."""
    reader = pypdf.PdfReader(tiny.site / PACK)
    assert document_info(reader)["/CreationDate"] == "D:20231114000000Z"
    assert "Data as of 14 November 2023" in words(pdf_pages(tiny.site / PACK)[0])


# -- safety ------------------------------------------------------------------------------------


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """A local web server that records every request it gets."""
    handler: type[RecordingHandler] = type("Handler", (RecordingHandler,), {"requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", handler.requests
    server.shutdown()


def cached_pdf(root: Path, published: str) -> Path:
    """The PDF the cache holds for a published path (each entry's record names its path)."""
    cache = root / ".cache" / "showcase-pdf"
    return next(
        record.with_suffix(".pdf")
        for record in cache.glob("*.json")
        if json.loads(record.read_text("utf-8"))["path"] == published
    )


@pytest.mark.build
def test_pdfs_load_nothing_from_the_network_or_outside_the_project_and_say_so(
    tmp_path: Path, recording_server: tuple[str, list[str]]
):
    base, requests = recording_server
    root = tiny_site(
        tmp_path / "project",
        """  - slug: charted
    name: Charted project
    cohort: 2023-24
    theme: access
    aim: To chart what changed.
    summary: |
      The team measured it.
""",
    )
    # A print template that asks the network for a logo: the fetcher refuses it too.
    template = root / "theme" / "print" / "snapshot.html"
    template.write_text(
        template.read_text("utf-8").replace(
            '<header class="masthead">', f'<header class="masthead"><img src="{base}/logo.png" alt="">'
        ),
        "utf-8",
    )
    # (A picture in a summary, the site's own or another website's, is refused before any PDF is
    # made: tests/test_slips.py, tests/test_markdown_markup.py. The fetcher would refuse it too.)
    expected = [
        f"WARNING -  downloads/snapshots/charted.pdf: the print templates ask for '{base}/logo.png', but PDFs "
        "only use files in theme/print/, so they were made without it. Fix the templates or CSS in theme/print/.",
    ]
    for attempt in ("rendered", "from the cache"):
        build = run_mkdocs_build(root)
        assert build.returncode == 1, build.output  # mkdocs.yml builds strictly: a warning fails the build
        assert [line for line in build.output.splitlines() if line.startswith("WARNING")] == expected, attempt
        assert "Aborted with 1 warnings in strict mode!" in build.output
        # The failed build publishes nothing (its site folder is not replaced), but the PDF is
        # made, without what was refused, and kept in the cache for when the problem is fixed.
        assert not build.site.exists()
        assert "The team measured it." in words(pdf_pages(cached_pdf(root, snapshot("charted")))[0]), attempt
    assert rendered_counts(build) == (0, 4)  # its snapshot; its cohort's, the programme's and its theme's packs
    assert requests == [], "making a PDF must not request anything from the network"


@pytest.mark.build
def test_a_mistake_in_the_print_css_is_reported_once_for_all_the_pdfs(fixture_copy: Path, fixture_programme: Programme):
    css = fixture_copy / "theme" / "print" / "print.css"
    css.write_text(css.read_text("utf-8") + "\n.project { colour: red; }\n", "utf-8")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 1, build.output
    warnings = [line for line in build.output.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, build.output
    others = pdf_count(fixture_programme) - 1
    assert warnings[0].startswith(
        f"WARNING -  {ALL_PACK} (and {others} other PDFs): WeasyPrint reported: Ignored `colour: red`"
    )
    assert warnings[0].endswith("unknown property. Fix the templates or CSS in theme/print/.")


# -- reproducible and cached -------------------------------------------------------------------


@pytest.fixture(scope="module")
def second_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, bytes]]:
    """The fictional programme built again, cold, in another folder; with its PDFs' bytes as built."""
    build = run_mkdocs_build(copy_fixture(tmp_path_factory.mktemp("again")))
    assert build.returncode == 0, build.output
    return build, {p.relative_to(build.site).as_posix(): p.read_bytes() for p in build.site.rglob("*.pdf")}


def test_two_builds_of_the_same_data_give_byte_identical_pdfs(
    fixture_site: Build, second_copy, fixture_programme: Programme
):
    build, pdfs = second_copy
    first = {p.relative_to(fixture_site.site).as_posix(): p.read_bytes() for p in fixture_site.site.rglob("*.pdf")}
    count = pdf_count(fixture_programme)
    earlier = sum(len(project.previous_slugs) for project in fixture_programme.projects)  # the same files again
    assert count == 28 and len(first) == count + earlier == 30 and rendered_counts(build) == (count, count)
    assert first.keys() == pdfs.keys()
    assert [path for path in first if first[path] != pdfs[path]] == []


@pytest.mark.build
def test_a_build_with_no_change_renders_nothing_and_a_changed_record_only_its_snapshot_and_packs(
    second_copy, fixture_programme: Programme
):
    first, before = second_copy
    root = first.root
    cache = root / ".cache" / "showcase-pdf"
    count = pdf_count(fixture_programme)
    again = run_mkdocs_build(root)
    assert again.returncode == 0, again.output
    assert rendered_counts(again) == (0, count)
    assert "; no pack assembled" in again.output
    entries_before = set(cache.iterdir())
    # Each snapshot; each pack's cover and contents, footers, parts and back page (some shared)
    # and the pack itself. The change below replaces some of them, one for one.
    pdfs_cached = len(list(cache.glob("*.pdf")))

    projects = root / "data" / "projects.yaml"
    text = projects.read_text("utf-8")
    old_aim = "aim: To show link workers and commissioners on the coast"
    assert text.count(old_aim) == 1
    projects.write_text(text.replace(old_aim, "aim: To show link workers, and commissioners, on the coast"), "utf-8")
    changed = run_mkdocs_build(root)
    assert changed.returncode == 0, changed.output
    # Its snapshot, and the packs that hold it: the programme's, its cohort's, its theme's, its
    # two areas' and their ICB's; not the other cohort's, nor any other theme's, area's or ICB's.
    project = fixture_programme.project_with_slug("coastal-outcomes-dashboard")
    holding = [
        ALL_PACK,
        SECOND_PACK,
        *(path for path, held in facet_packs(fixture_programme).items() if project in held),
    ]
    assert holding[2:] == [
        "downloads/themes/impact.pdf",
        "downloads/areas/gullhaven.pdf",
        "downloads/areas/harrowmouth.pdf",
        f"downloads/{NAMES.groups}/fc.pdf",
    ]
    assert rendered_counts(changed) == (1 + len(holding), count)
    assert f"; packs assembled: {', '.join(holding)}" in changed.output  # the build report says which
    new_entries = set(cache.iterdir()) - entries_before
    rerendered = {json.loads(p.read_text("utf-8"))["path"] for p in new_entries if p.suffix == ".json"}
    assert rerendered == {*holding, snapshot(project)}
    assert len(list(cache.glob("*.pdf"))) == pdfs_cached, "the cache keeps only what the site uses"
    after = {p.relative_to(changed.site).as_posix(): p.read_bytes() for p in changed.site.rglob("*.pdf")}
    assert sorted(path for path in after if after[path] != before[path]) == sorted(rerendered)
    assert "link workers, and commissioners, on" in words(" ".join(pdf_pages(changed.site / snapshot(project))))


# -- switching the PDFs off, and failing safely ------------------------------------------------


def load_pdf_hook(monkeypatch):
    """A fresh copy of hooks/pdf.py, as MkDocs imports it."""
    spec = importlib.util.spec_from_file_location("pdf_hook_under_test", REPO / "hooks" / "pdf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "command, switch, made",
    [
        ("build", None, True),
        ("serve", None, False),
        ("serve", "1", True),
        ("build", "0", False),
        ("serve", "0", False),
    ],
)
def test_serve_makes_no_pdfs_unless_asked_and_the_switch_turns_them_off(monkeypatch, command, switch, made):
    hook = load_pdf_hook(monkeypatch)
    if switch is None:
        monkeypatch.delenv("SHOWCASE_PDF", raising=False)
    else:
        monkeypatch.setenv("SHOWCASE_PDF", switch)
    hook.on_startup(command=command, dirty=False)
    assert build_state(hook.on_config({})).pdf_on is made


def test_an_unknown_switch_value_names_the_values_it_takes(monkeypatch):
    hook = load_pdf_hook(monkeypatch)
    monkeypatch.setenv("SHOWCASE_PDF", "yes")
    with pytest.raises(Exception, match=r"SHOWCASE_PDF is 'yes'\. Set it to 1 to make the PDFs"):
        hook.on_config({})


@pytest.mark.build
def test_with_pdfs_off_the_site_has_no_downloads_and_no_links(fixture_copy: Path, monkeypatch):
    monkeypatch.setenv("SHOWCASE_PDF", "0")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    assert "Showcase PDFs: not made (SHOWCASE_PDF=0)." in build.output
    # (The offline copy, downloads/showcase-offline.zip, is made all the same.)
    assert not list(build.site.glob("downloads/**/*.pdf")) and not (fixture_copy / ".cache" / "showcase-pdf").exists()
    pages = "".join(
        build.html(page)
        for page in (
            "projects/harbour-walks/",
            "",
            "projects/",
            "cohorts/2023-24/",
            "themes/access/",
            f"{NAMES.areas}/gullhaven/",
        )
    )
    assert ".pdf" not in pages and "data-finder-packs" not in pages
    assert "(PDF," not in pages
    assert not (build.site / "print").exists(), "the print templates and fonts are not part of the website"


@pytest.mark.build
def test_a_broken_print_template_stops_the_build_before_any_page_is_written(fixture_copy: Path):
    template = fixture_copy / "theme" / "print" / "snapshot.html"
    text = template.read_text("utf-8")
    line = text[: text.index("{% endblock %}")].count("\n") + 1
    template.write_text(text.replace("{% endblock %}", "{% endblok %}", 1), "utf-8")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 1, build.output
    assert (
        f"ERROR   -  theme/print/snapshot.html:{line}: the PDFs' template has a problem: Encountered unknown tag "
        "'endblok'."
    ) in build.output
    assert not (build.site / "index.html").exists()


def test_the_pdfs_call_an_area_what_the_geography_calls_it(fixture_site: Build):
    """The fixture's geography says `area_label: district`: no PDF says 'borough'."""
    snapshot_text = words(" ".join(pdf_pages(fixture_site.site / snapshot("coast-and-country-connectors"))))
    assert "Districts Harrowmouth" in snapshot_text
    pack_text = words(" ".join(pdf_pages(fixture_site.site / FIRST_PACK)))
    assert "Districts" in pack_text
    for path in sorted((fixture_site.site / "downloads").rglob("*.pdf")):
        assert "borough" not in " ".join(pdf_pages(path)).lower(), path.name


def test_the_cache_fingerprint_covers_every_module_of_the_pdf_package(tmp_path: Path, monkeypatch):
    """A change to any module of hooks/showcase/pdf/ may change a PDF's bytes, so it must change
    every cache key: each module's digest is part of the fingerprint."""
    from showcase.pdf import cache

    modules = sorted(cache.PACKAGE_DIR.glob("*.py"))
    assert len(modules) >= 10
    print_dir = tmp_path / "print"
    print_dir.mkdir()
    real_digest = cache.file_digest
    before = cache.render_fingerprint(print_dir)
    for module in modules:
        monkeypatch.setattr(
            cache, "file_digest", lambda path, changed=module: "changed" if path == changed else real_digest(path)
        )
        assert cache.render_fingerprint(print_dir) != before, module.name
    monkeypatch.setattr(cache, "file_digest", real_digest)
    assert cache.render_fingerprint(print_dir) == before
