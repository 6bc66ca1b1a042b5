"""What the geography calls its places (`area_label:`, `group_label:`) reaches every page, and a
programme whose areas have no grouping level builds without one: no group pages, filters, charts,
packs or empty mentions. Each group cites the page that names its areas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from content_edits import edit, line_of, refused
from page_text import pdf_text, text_of
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.model import Icb, Programme, Term
from site_builds import NAMES, Build, copy_fixture, mkdocs_build

GEOGRAPHY = "data/geography.yaml"
IRREGULAR = "{singular: local authority, plural: local authorities}"


def without_groups(root: Path) -> Path:
    """The fixture's geography with no grouping level: no `group_label:`, no groups' section, no
    area naming one; its areas called by a word whose plural is not the word plus "s"."""
    path = root / GEOGRAPHY
    text = path.read_text("utf-8")
    text = re.sub(r"^group_label: .*\n", "", text, flags=re.M)
    text = re.sub(rf"^{NAMES.groups}:\n(?:  .*\n)+", "", text, flags=re.M)
    text = re.sub(rf"^    {NAMES.group}: .*\n", "", text, flags=re.M)
    path.write_text(text.replace("area_label: district\n", f"area_label: {IRREGULAR}\n"), "utf-8")
    return root


@pytest.fixture(scope="module")
def ungrouped_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Built with the site's address known, so that it has its feed too."""
    root = without_groups(copy_fixture(tmp_path_factory.mktemp("ungrouped")))
    result = mkdocs_build(root, env={"SHOWCASE_SITE_URL": "https://fernshire.example.org/"})
    assert result.returncode == 0, result.stdout + result.stderr
    return Build(root, result.returncode, result.stdout + result.stderr)


# -- the terms ----------------------------------------------------------------------------------


def test_a_term_has_a_regular_plural_unless_told_otherwise():
    assert Term("district").plural == "districts"
    authority = Term("local authority", "local authorities")
    assert (authority.plural, authority.heading_plural, authority.count(2)) == (
        "local authorities",
        "Local authorities",
        "2 local authorities",
    )
    board = Term("integrated care board", short="ICB")
    assert (board.brief, board.in_full, Icb("NF", "North Fernshire", term=board).title) == (
        "ICB",
        "integrated care board (ICB)",
        "North Fernshire ICB",
    )
    assert Icb("P", "Powys", term=Term("health board")).title == "Powys health board"


def test_the_geography_names_its_groups_and_the_page_that_lists_each_ones_areas(fixture_programme: Programme):
    assert fixture_programme.group_label == Term("integrated care board", short="ICB")
    north = next(icb for icb in fixture_programme.icbs if icb.id == "NF")
    assert (north.title, north.source) == ("North Fernshire ICB", "https://example.org/fernshire/north-care-board")


def test_a_label_written_with_its_forms_is_read_whole(fixture_copy: Path):
    edit(fixture_copy, "area_label: district\n", f"area_label: {IRREGULAR}\n", file=GEOGRAPHY)
    label = load_programme(ProgrammeSources.in_folder(fixture_copy)).area_label
    assert (label.singular, label.plural) == ("local authority", "local authorities")


# Each edit of the fixture's geography that is refused: (what is replaced, by what, the text on
# the line the problem names, the problem after "data/geography.yaml:<line>: ").
GEOGRAPHY_REFUSALS = {
    "a label with a form it does not know": (
        "area_label: district\n",
        "area_label: {singular: district, plurals: districts}\n",
        "area_label:",
        "area_label, field 'plurals': 'plurals' is not a field this record can have (did you mean 'plural'?). "
        "Rename it to one of: singular, plural, short.",
    ),
    "a group label that is no words, with an example of its own": (
        "group_label: {singular: integrated care board, short: ICB}\n",
        "group_label: [board, trust]\n",
        "group_label:",
        "field 'group_label': 'group_label:' should be what one group of areas is called, in a few words. Write it "
        "in lower case, e.g. group_label: health board, or with its forms, e.g. group_label: {singular: "
        "integrated care board, short: ICB}",
    ),
    "a group without its source": (
        "    source: https://example.org/fernshire/south-care-board\n",
        "",
        "id: SF",
        "ICB 'SF', field 'source': the required field 'source' is missing. Add a line 'source: ...'. The page "
        "that names its areas.",
    ),
    "groups whose name is not given": (
        "group_label: {singular: integrated care board, short: ICB}\n",
        "",
        f"{NAMES.groups}:",
        f"field 'group_label': the geography has groups ('{NAMES.groups}:') but does not say what a group is "
        f"called. Add a line above '{NAMES.groups}:', e.g. group_label: {{singular: integrated care board, short: ICB}}",
    ),
    "an area with no group in a geography of groups": (
        f"    tile_grid: {{row: 1, col: 2}}\n    {NAMES.group}: NF\n",
        "    tile_grid: {row: 1, col: 2}\n",
        "Ashby Vale",
        f"area 'Ashby Vale', field '{NAMES.group}': the area names no group, and every area of a geography with "
        f"groups is in one. Add a line '{NAMES.group}: ...' with the id of its group in '{NAMES.groups}:', one of: "
        "FC, NF, SF.",
    ),
}


@pytest.mark.parametrize("case", GEOGRAPHY_REFUSALS)
def test_a_geography_that_misnames_its_terms_or_groups_is_refused_at_its_line_with_the_fix(
    fixture_copy: Path, case: str
):
    old, new, marker, problem = GEOGRAPHY_REFUSALS[case]
    text = edit(fixture_copy, old, new, file=GEOGRAPHY)
    assert refused(fixture_copy) == [f"{GEOGRAPHY}:{line_of(text, marker)}: {problem}"]


def test_a_geography_without_groups_loads_with_no_group_label(fixture_copy: Path):
    programme = load_programme(ProgrammeSources.in_folder(without_groups(fixture_copy)))
    assert programme.group_label is None and programme.icbs == ()
    assert all(area.icb is None for area in programme.areas) and len(programme.areas) == 9


# -- the built sites ----------------------------------------------------------------------------


def test_an_areas_group_is_cited_from_the_page_that_names_its_areas(fixture_site: Build):
    page = fixture_site.html("projects/harbour-walks/")
    assert re.search(
        r'North Fernshire ICB</a> \(<a href="https://example\.org/fernshire/north-care-board">source'
        r'<span class="sc-visually-hidden"> of the ICB of Gullhaven</span>',
        page,
    ) or re.search(r'ICB</a> \(<a href="https://example\.org/fernshire/[a-z-]+">source<span', page), page
    area = fixture_site.html(f"{NAMES.areas}/gullhaven/")
    assert re.search(
        rf'part of <a href="[^"]*{NAMES.groups}/[a-z]+/">[^<]+ ICB</a> \(<a href="https://example\.org/fernshire/', area
    )


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.build
def test_a_programme_without_groups_has_no_group_page_filter_chart_pack_or_word(ungrouped_site: Build):
    site = ungrouped_site.site
    assert not (site / NAMES.groups).exists() and not (site / "downloads" / NAMES.groups).exists()
    for page in _pages(site):
        html = page.read_text("utf-8")
        where = page.relative_to(site).as_posix()
        assert not re.search(
            rf"\bICBs?\b|integrated care|{NAMES.groups}/|data-{NAMES.group}=|by-{NAMES.group}", html, re.I
        ), where
    projects = ungrouped_site.html("projects/")
    assert re.findall(r'data-facet="([a-z]+)"', projects)[:3] == ["theme", NAMES.area, "cohort"]
    assert f'"{NAMES.group}"' not in projects and '"icbs"' not in projects
    for pdf in sorted(site.rglob("*.pdf")):
        assert not re.search(r"\bICBs?\b|integrated care", pdf_text(pdf), re.I), pdf.name
    # The feed and the open data's values (their field names are the programme's names: "group", "groups").
    for name in ("feed.xml", "data/projects.json", "data/projects.csv"):
        assert not re.search(r"\bICBs?\b|integrated care", (site / name).read_text("utf-8")), name


@pytest.mark.build
def test_a_programme_without_groups_mentions_none_and_leaves_no_section_empty(ungrouped_site: Build):
    home = text_of(ungrouped_site.html(""))
    assert "Find a project by theme, local authority or cohort." in home
    area = text_of(ungrouped_site.html(f"{NAMES.areas}/gullhaven/"))
    assert "2 projects in Gullhaven." in area and "part of" not in area
    assert "part of" not in text_of(ungrouped_site.html(f"{NAMES.areas}/ivybridge-marsh/"))
    for page in _pages(ungrouped_site.site):
        html = page.read_text("utf-8")
        # A heading followed straight by the next heading, or by the end of its section, heads nothing.
        empty = re.search(r"</h[23]>\s*(?:<h[1-3][ >]|</section>)", html)
        assert empty is None, f"{page.relative_to(ungrouped_site.site)}: {html[empty.start() - 200 : empty.end()]}"


@pytest.mark.build
def test_an_irregular_area_label_is_in_its_plural_everywhere(ungrouped_site: Build):
    texts = [
        text_of(page.read_text("utf-8"))
        for page in _pages(ungrouped_site.site)
        if "md-content__inner" in page.read_text("utf-8")
    ]
    assert not any(re.search(r"authoritys", text, re.I) for text in texts)
    home = text_of(ungrouped_site.html(""))
    assert "Local authorities 8" in home and "(a tile map of the 9 local authorities)" in home
    for pdf in sorted(ungrouped_site.site.rglob("*.pdf")):
        assert "authoritys" not in pdf_text(pdf).lower(), pdf.name
