"""An area's aliases (data/geography.yaml's `aliases:`): short names the finder finds the area's
projects by, refused when they are not short plain texts or name another area, and shown nowhere.

The fixture gives "St Fara’s & Linton" the alias "SFL"."""

from __future__ import annotations

from pathlib import Path

import pytest

from content_edits import edit, line_of, refused
from showcase.model import Programme
from showcase.wording.finder import search_fields
from site_builds import Build

GEOGRAPHY = "data/geography.yaml"
ALIASES = "    aliases: [SFL]\n"
AREA = "area 'St Fara’s & Linton', field 'aliases'"


def test_an_area_carries_its_aliases_and_its_projects_are_searched_by_them(fixture_programme: Programme):
    aliases = {area.name: area.aliases for area in fixture_programme.areas if area.aliases}
    assert aliases == {"St Fara’s & Linton": ("SFL",)}
    connectors = next(p for p in fixture_programme.projects if p.slug == "coast-and-country-connectors")
    # Each area's name, then its aliases, once.
    assert dict(search_fields(connectors))["areas"] == "Harrowmouth; Coldharbour; St Fara’s & Linton; SFL"


# An alias refused with one problem: (the aliases line written, the text on the line the problem
# names, the problem after "data/geography.yaml:<line>: <the area, field 'aliases'>: ").
ONE_PROBLEM = {
    "one value, not a list: the editors' text kept": (
        "    aliases: SFL\n",
        "aliases: SFL",
        "expected a list (list of text) but found a single value. Write it like this: aliases: [SFL]",
    ),
    # Gullhaven comes later in the file: an alias may not be a name however late it is listed.
    "another area's name": (
        "    aliases: [SFL, gullhaven]\n",
        "gullhaven]",
        "'gullhaven' is the name of the area 'Gullhaven': typing it would find that area's projects. Delete "
        "'gullhaven' from this area's aliases.",
    ),
}


@pytest.mark.parametrize("case", ONE_PROBLEM)
def test_an_alias_that_is_not_a_list_or_is_another_areas_name_is_refused_at_its_line(fixture_copy: Path, case: str):
    written, marker, problem = ONE_PROBLEM[case]
    text = edit(fixture_copy, ALIASES, written, file=GEOGRAPHY)
    assert refused(fixture_copy) == [f"{GEOGRAPHY}:{line_of(text, marker)}: {AREA}: {problem}"]


def test_an_alias_that_is_not_a_short_plain_text_is_refused_at_its_line(fixture_copy: Path):
    long = "St Fara’s and Linton and the villages around"
    text = edit(fixture_copy, ALIASES, f"    aliases:\n      - {long}\n      - <b>SFL</b>\n", file=GEOGRAPHY)
    expected = (
        "is not a short plain name: an alias is a few letters or words on one line, at most 40 characters, "
        "without markup."
    )
    assert refused(fixture_copy) == [
        f"{GEOGRAPHY}:{line_of(text, long)}: {AREA}: '{long}' {expected} Shorten '{long}' to what people type for "
        "the area, e.g. - SFL; or delete the item.",
        f"{GEOGRAPHY}:{line_of(text, '<b>SFL')}: {AREA}: '<b>SFL</b>' {expected} Shorten '<b>SFL</b>' to what "
        "people type for the area, e.g. - SFL; or delete the item.",
    ]


def test_an_alias_of_two_areas_is_refused_at_the_second(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "    tile_grid: {row: 3, col: 3}\n",
        "    tile_grid: {row: 3, col: 3}\n    aliases: [sfl]\n",
        GEOGRAPHY,
    )
    assert refused(fixture_copy) == [
        f"{GEOGRAPHY}:{line_of(text, 'aliases: [sfl]')}: area 'Gullhaven', field 'aliases': 'sfl' is already an "
        f"alias of 'St Fara’s & Linton' on line {line_of(text, ALIASES.strip())}: one short name cannot find two "
        "areas. Keep 'sfl' for the one area people mean by it, and delete it from the other."
    ]


def test_an_alias_is_shown_on_no_page_and_in_no_open_data_or_feed(fixture_site: Build):
    """Search words only: the finder's cards carry it to search by, and nothing states it."""
    carrying = []
    for path in sorted(fixture_site.site.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".json", ".csv", ".xml", ".txt", ".js", ".md"}:
            text = path.read_text("utf-8", errors="replace")
            if "SFL" in text:
                carrying.append((path.relative_to(fixture_site.site).as_posix(), text))
    assert [path for path, _ in carrying] == ["projects/index.html"]
    finder = carrying[0][1]
    assert finder.count("SFL") == 1
    assert 'data-search-areas="Harrowmouth; Coldharbour; St Fara’s &amp; Linton; SFL"' in finder
