"""The packs of a theme, an area and an ICB: each facet page with projects links one, and it holds
exactly that page's projects, as a cohort's pack holds its cohort's.

On the fictional programme built once per run (conftest's `fixture_site`): four themes, eight
areas with projects (Ivybridge Marsh has none, so no pack; its page says so) and three ICBs. That a
changed record re-assembles only the packs holding it, and the build report names them, is
tests/test_pdf.py's test of a changed record: it shares that module's second build.
"""

from __future__ import annotations

import html
import itertools
import json
import re

import pypdf
from playwright.sync_api import Page, expect

# `page` and `programme` are fixtures: importing them is what makes pytest find them here.
from finder_pages import counted_programme, finder_page, open_finder  # noqa: F401
from page_text import pdf_pages, words
from showcase.model import Area, Icb, Programme, Project, Theme
from showcase.wording.text import size_label
from site_builds import ALL_PACK, NAMES, Build
from test_pdf import PROGRAMME, contact_address, facet_packs, outline_titles, pdf_ua_failures, starts_project_page


def facet_page(programme: Programme, pack: str) -> tuple[str, str, Theme | Area | Icb]:
    """The page that links a facet's pack, the cover's line naming it, and the facet."""
    folder, _, name = pack.removeprefix("downloads/").removesuffix(".pdf").partition("/")
    if folder == "themes":
        theme = next(theme for theme in programme.themes if theme.id == name)
        return f"themes/{name}/", f"Theme: {theme.title}", theme
    if folder == "areas":
        area = next(area for area in programme.areas if area.slug == name)
        return f"{NAMES.areas}/{name}/", f"Projects in {area.name}", area
    icb = next(icb for icb in programme.icbs if icb.slug == name)
    return f"{NAMES.groups}/{name}/", f"Projects in {icb.name} ICB", icb


def link_text(projects: tuple[Project, ...]) -> str:
    return "Download this summary" if len(projects) == 1 else f"Download these {len(projects)} summaries"


def test_the_fixture_has_a_pack_for_each_theme_area_and_icb_with_projects_and_none_without(
    fixture_site: Build, fixture_programme: Programme
):
    packs = facet_packs(fixture_programme)
    assert len(packs) == 4 + 8 + 3
    made = {
        path.relative_to(fixture_site.site).as_posix()
        for folder in ("themes", "areas", NAMES.groups)
        for path in (fixture_site.site / "downloads" / folder).glob("*")
    }
    assert made == set(packs)
    assert "downloads/areas/ivybridge-marsh.pdf" not in made


def test_every_facet_page_links_its_pack_whose_bookmarks_are_exactly_its_projects_in_order(
    fixture_site: Build, fixture_programme: Programme
):
    for pack, projects in facet_packs(fixture_programme).items():
        page, scope, _ = facet_page(fixture_programme, pack)
        file = fixture_site.site / pack
        link = f"{link_text(projects)} (PDF, {size_label(file.stat().st_size)})"
        assert f'<a href="../../{pack}">{html.escape(link, quote=False)}</a>' in fixture_site.html(page), pack
        # The cover and contents (two pages), each project's snapshot (one page each in the
        # fixture: the same pages as in its cohort's pack, laid out once; two that fit share a
        # page, test_pdf.py's test_a_page_holds_two_projects...), the contact (below the last
        # project, when it fits).
        reader = pypdf.PdfReader(file)
        pages = pdf_pages(file)
        starts = [next(n for n, page in enumerate(pages, start=1) if starts_project_page(page, p)) for p in projects]
        assert outline_titles(reader) == [
            (project.name, start) for project, start in zip(projects, starts, strict=True)
        ], pack
        assert starts[0] == 3 and all(later - earlier in (0, 1) for earlier, later in itertools.pairwise(starts)), pack
        assert "Contact To find out more" in words(pages[-1]), pack
        contact_alone = words(pages[-1]).startswith("Contact")
        assert len(pages) == len(reader.pages) == 2 + len(set(starts)) + contact_alone, pack
        for number in set(starts):
            assert words(pages[number - 1]).startswith(f"{PROGRAMME} Project summary · "), (pack, number)
        cover = words(pages[0])
        count = "1 project" if len(projects) == 1 else f"{len(projects)} projects"
        assert f"{PROGRAMME} Project summaries {scope}" in cover and count in cover, (pack, cover)
        assert contact_address(file) in pages[-1], pack
        assert reader.metadata is not None and reader.metadata.title == f"Project summaries: {scope} – {PROGRAMME}"


def test_a_facet_pack_has_no_cohort_page_and_its_footer_names_the_selection(
    fixture_site: Build, fixture_programme: Programme
):
    """A cohort's figures are the whole cohort's: a borough's pack must not seem to claim them."""
    pack = "downloads/areas/gullhaven.pdf"
    pages = [words(page) for page in pdf_pages(fixture_site.site / pack)]
    cohorts = {project.cohort.title for project in facet_packs(fixture_programme)[pack]}
    assert not any(page.startswith(title) for page in pages for title in cohorts)
    assert f"Project summaries, Gullhaven Page 2 of {len(pages)}" in pages[1]
    # Nor does its contents' note send the reader to a cohort's page for a source.
    assert "at the foot of its project’s summary." in pages[1] and "cohort’s page" not in pages[1]
    assert "summary, or of its cohort’s page." in words(pdf_pages(fixture_site.site / ALL_PACK)[1])


def test_every_facet_pack_passes_the_pdf_ua_checks(fixture_site: Build, fixture_programme: Programme):
    for pack in facet_packs(fixture_programme):
        assert pdf_ua_failures(fixture_site.site / pack) == [], pack


def test_the_finder_is_handed_each_selections_pack_by_facet_value(fixture_site: Build, fixture_programme: Programme):
    """What the finder offers beside its CSV when its filters are one theme, area, ICB or cohort
    (theme/assets/finder-logic.js packOf, tested under node): each pack's address and link."""
    page = fixture_site.html("projects/")
    found = re.findall(r'<script type="application/json" data-finder-packs>(.*?)</script>', page, re.S)
    assert len(found) == 1
    keys = {"themes": "theme", "areas": NAMES.area, NAMES.groups: NAMES.group}
    expected: dict[str, dict[str, dict[str, str]]] = {"theme": {}, NAMES.area: {}, NAMES.group: {}, "cohort": {}}
    for pack, projects in facet_packs(fixture_programme).items():
        folder, _, value = pack.removeprefix("downloads/").removesuffix(".pdf").partition("/")
        size = size_label((fixture_site.site / pack).stat().st_size)
        expected[keys[folder]][value] = {"url": f"../{pack}", "text": f"{link_text(projects)} (PDF, {size})"}
    for cohort in fixture_programme.cohorts:
        pack = f"downloads/impact-summaries-{cohort.id}.pdf"
        size = size_label((fixture_site.site / pack).stat().st_size)
        text = f"Download the project summaries of the {cohort.title} (PDF, {size})"
        expected["cohort"][cohort.id] = {"url": f"../{pack}", "text": text}
    assert json.loads(found[0]) == expected
    assert '<p class="sc-download" data-finder-pack hidden><a href="#"></a></p>' in page


def test_the_finder_offers_the_pack_of_one_theme_or_area_beside_the_csv_and_nothing_else(
    page: Page, site_url: str, programme: Programme
):
    pack = page.locator("[data-finder-pack]")
    open_finder(page, site_url)
    expect(pack).to_be_hidden()
    page.get_by_label("Link workers who stay").check()
    workforce = facet_packs(programme)["downloads/themes/workforce.pdf"]
    link = pack.get_by_role("link")
    expect(link).to_have_text(re.compile(rf"^{link_text(workforce)} \(PDF, \d+ KB\)$"))
    assert link.get_attribute("href") == "../downloads/themes/workforce.pdf"
    assert page.request.get(site_url + "downloads/themes/workforce.pdf").ok
    page.get_by_label("Gullhaven").check()  # a theme and an area: no pack is exactly that
    expect(pack).to_be_hidden()
    page.get_by_label("Link workers who stay").uncheck()
    expect(link).to_have_text(re.compile(r"^Download these 2 summaries \(PDF, \d+ KB\)$"))
    assert link.get_attribute("href") == "../downloads/areas/gullhaven.pdf"
    page.get_by_role("searchbox").fill("walks")  # search words narrow it: no pack
    expect(pack).to_be_hidden()
