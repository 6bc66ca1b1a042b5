"""Nothing in the geography or the records is dropped, merged or overwritten without a word:
each case that did so is refused with its file, line and fix. Loader only, on fixture copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from content_edits import edit, line_of, refused
from site_builds import NAMES, run_mkdocs_build

GEOGRAPHY = "data/geography.yaml"


@pytest.mark.parametrize(
    ("position", "key", "number"),
    [("{row: 0, col: 2}", "row", 0), ("{row: 1, col: 0}", "col", 0), ("{row: 1, col: 100000000}", "col", 100000000)],
)
def test_a_tile_outside_the_map_is_refused_not_dropped(fixture_copy: Path, position: str, key: str, number: int):
    text = edit(fixture_copy, "tile_grid: {row: 1, col: 2}", f"tile_grid: {position}", file=GEOGRAPHY)
    assert refused(fixture_copy) == [
        f"{GEOGRAPHY}:{line_of(text, position)}: area 'Ashby Vale', field '{key}': tile rows and columns count from 1 "
        f"to 20, not {number}. Number the tile map's rows and columns from 1; a map of more than 20 a side would "
        "not fit a phone's screen."
    ]


def test_an_area_listed_twice_is_refused_not_overwritten(fixture_copy: Path):
    text = edit(fixture_copy, "  - name: Brackenford\n", "  - name: Ashby Vale\n", file=GEOGRAPHY)
    assert refused(fixture_copy)[0:1] == [  # then each project in Brackenford, which is gone
        f"{GEOGRAPHY}:{line_of(text, 'name: Ashby Vale', 2)}: area 'Ashby Vale', field 'name': 'Ashby Vale' is listed "
        f"twice: it is already the area on line {line_of(text, 'name: Ashby Vale')}. Delete one of the two records, or correct its name."
    ]


def test_two_areas_that_would_share_a_page_address_are_refused(fixture_copy: Path):
    text = edit(fixture_copy, "  - name: Brackenford\n", "  - name: ashby-vale\n", file=GEOGRAPHY)
    assert refused(fixture_copy)[0:1] == [  # then each project in Brackenford, which is gone
        f"{GEOGRAPHY}:{line_of(text, 'name: ashby-vale')}: area 'ashby-vale', field 'name': 'ashby-vale' would have the "
        f"same page address as 'Ashby Vale' on line {line_of(text, 'name: Ashby Vale')} ({NAMES.areas}/ashby-vale/). "
        "Rename one of them, or give one a 'slug:' of its own."
    ]


def test_two_tiles_at_one_position_are_refused(fixture_copy: Path):
    text = edit(fixture_copy, "tile_grid: {row: 1, col: 3}", "tile_grid: {row: 1, col: 2}", file=GEOGRAPHY)
    assert refused(fixture_copy) == [
        f"{GEOGRAPHY}:{line_of(text, 'tile_grid: {row: 1, col: 2}', 2)}: area 'Brackenford', field 'tile_grid': row 1, "
        f"column 2 is already the tile of 'Ashby Vale' on line {line_of(text, 'name: Ashby Vale')}: one tile would hide "
        "the other. Give each area a tile of its own."
    ]


@pytest.mark.parametrize("second_id", ["NF", "nf"])
def test_an_icb_id_used_twice_even_in_other_capitals_is_refused(fixture_copy: Path, second_id: str):
    text = edit(fixture_copy, "  - id: SF\n", f"  - id: {second_id}\n", file=GEOGRAPHY)
    found = refused(fixture_copy)
    assert found[0] == (
        f"{GEOGRAPHY}:{line_of(text, f'- id: {second_id}', 2 if second_id == 'NF' else 1)}: ICB '{second_id}', field 'id': "
        f"the ICB id '{second_id}' is already used by 'NF' on line {line_of(text, '- id: NF')} (capitals do not make a "
        "different page address). Give each ICB its own id."
    )


def test_an_icb_id_that_is_not_a_safe_address_is_refused(fixture_copy: Path):
    edit(fixture_copy, "  - id: FC\n", "  - id: ../projects/harbour-walks\n", file=GEOGRAPHY)
    found = refused(fixture_copy)
    assert any(
        "ICB '../projects/harbour-walks', field 'id': '../projects/harbour-walks' cannot be an ICB id: it "
        "becomes the ICB's page address. Use letters, digits and hyphens only" in line
        for line in found
    ), found


@pytest.mark.build
def test_an_area_named_in_another_script_needs_a_slug_and_gets_its_page(fixture_copy: Path):
    text = edit(fixture_copy, "  - name: Ivybridge Marsh\n", "  - name: الميناء\n", file=GEOGRAPHY)
    assert refused(fixture_copy) == [
        f"{GEOGRAPHY}:{line_of(text, 'الميناء')}: area 'الميناء', field 'name': 'الميناء' has no letters or "
        "digits a page address can be made of. Add a line 'slug: ...' under it with the name in Latin letters, e.g. slug: dhaka-north."
    ]
    edit(fixture_copy, "  - name: الميناء\n", "  - name: الميناء\n    slug: al-mina\n", file=GEOGRAPHY)
    edit(
        fixture_copy,
        f"{NAMES.areas}: [Dunmere]\n    organisation: Dunmere Community Trust\n    outcomes:\n      - Sessions",
        f"{NAMES.areas}: [الميناء]\n    organisation: Dunmere Community Trust\n    outcomes:\n      - Sessions",
    )
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    assert "الميناء" in build.html(f"{NAMES.areas}/al-mina/")
    assert f'href="../../{NAMES.areas}/al-mina/"' in build.html("projects/al-noor-wellbeing-circle/")


def test_an_area_listed_twice_in_one_record_is_refused_so_counts_stay_true(fixture_copy: Path):
    text = edit(
        fixture_copy,
        f"{NAMES.areas}: [Ashby Vale, Brackenford]",
        f"{NAMES.areas}: [Ashby Vale, Brackenford, Ashby Vale]",
    )
    assert refused(fixture_copy) == [
        f"data/projects.yaml:{line_of(text, f'{NAMES.areas}: [Ashby Vale, Brackenford, Ashby Vale]')}: project "
        f"'link-worker-retention-pilot', field '{NAMES.areas}': 'Ashby Vale' is listed twice. Delete the second one: each area counts once."
    ]


@pytest.mark.parametrize(
    "file", ["projects/harbour-walks/index.md", "projects/harbour-walks/README.md", f"{NAMES.areas}/gullhaven/index.md"]
)
def test_a_markdown_file_at_a_generated_pages_address_is_refused(fixture_copy: Path, file: str):
    path = fixture_copy / "content" / file
    path.parent.mkdir(parents=True)
    path.write_text("# Not the project\n", "utf-8")
    address = file.rsplit("/", 1)[0] + "/"
    if file.startswith("projects/"):  # found first as a story in a subfolder, where no story is read
        assert refused(fixture_copy) == [
            f"content/{file}: this page is in a folder inside content/projects/, where it is no record's story: it "
            "would be published as a page of its own that nothing links to. Move it to content/projects/ itself: "
            "a project's story goes in content/projects/<slug>.md."
        ]
        return
    assert refused(fixture_copy) == [
        f"content/{file}: this file would take the place of the page the showcase makes at {address} from the data. "
        "Rename or move it: a project's story goes in content/projects/<slug>.md, a cohort's in content/cohorts/<id>.md."
    ]


def test_two_areas_with_one_ons_code_are_refused_naming_both_lines(fixture_copy: Path):
    text = edit(fixture_copy, "ons_code: X01000002", "ons_code: X01000001", file=GEOGRAPHY)
    first = line_of(text, "ons_code: X01000001")
    second = line_of(text, "ons_code: X01000001", occurrence=2)
    assert refused(fixture_copy) == [
        f"{GEOGRAPHY}:{second}: area 'Brackenford', field 'ons_code': 'X01000001' is "
        f"already the ONS code of 'Ashby Vale' on line {first}: open data would give "
        "two areas one code. Check each area's code in the ONS list: each area has its own."
    ]
