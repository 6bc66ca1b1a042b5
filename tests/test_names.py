"""The names of an area and a group in addresses and data (data/geography.yaml's `names:`): the
fixture has none and shows the neutral ones everywhere (the suite's other tests, through
site_builds.NAMES); a programme that chooses London's gets London's, from the editors' field to
the open data; a name that is not one word, or that another folder or field has, is refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from content_edits import edit, line_of, refused
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.model import Names
from showcase.web.exports import csv_columns, export_schema, projects_csv
from showcase.web.site import src_uri_for
from showcase.wording.finder import build_finder, finder_query
from site_builds import NAMES, Build

GEOGRAPHY = "data/geography.yaml"
GROUP_LABEL = "group_label: {singular: integrated care board, short: ICB}\n"


def test_the_fixture_states_no_names_and_gets_the_neutral_ones(fixture_programme):
    assert fixture_programme.names == NAMES == Names("area", "group")
    area, group = fixture_programme.areas[0], fixture_programme.icbs[0]
    assert src_uri_for(area) == f"areas/{area.slug}.md" and src_uri_for(group) == f"groups/{group.slug}.md"
    assert finder_query(area) == f"?area={area.slug}" and finder_query(group) == f"?group={group.slug}"


def with_group_keys(root: Path, group: str) -> str:
    """The copy's geography with its groups' section and each area's group field named `group`."""
    path = root / GEOGRAPHY
    text = re.sub(rf"^{NAMES.groups}:$", f"{group}s:", path.read_text("utf-8"), flags=re.M)
    path.write_text(text := re.sub(rf"^    {NAMES.group}: ", f"    {group}: ", text, flags=re.M), "utf-8")
    return text


def with_londons_names(root: Path) -> Path:
    """The copy with London's names, and its geography's and projects' keys as they make them."""
    edit(root, GROUP_LABEL, GROUP_LABEL + "names: {area: borough, group: icb}\n", GEOGRAPHY)
    with_group_keys(root, "icb")
    projects = (root / "data/projects.yaml").read_text("utf-8")
    projects = re.sub(r"^(\s+)areas:", r"\1boroughs:", projects, flags=re.MULTILINE)
    (root / "data/projects.yaml").write_text(projects.replace("[areas]", "[boroughs]"), "utf-8")
    return root


def test_a_programme_that_chooses_londons_names_gets_them_in_every_address_and_field(fixture_copy: Path):
    with_londons_names(fixture_copy)
    programme = load_programme(ProgrammeSources.in_folder(fixture_copy))
    area, group = programme.areas[0], programme.icbs[0]
    assert src_uri_for(area) == f"boroughs/{area.slug}.md" and src_uri_for(group) == f"icbs/{group.slug}.md"
    assert finder_query(area) == f"?borough={area.slug}"
    config = build_finder(programme).script_config
    assert config["facets"] == ["theme", "borough", "icb", "cohort"] and config["mapFacet"] == "borough"
    assert config["sorts"] == ["relevance", "name", "borough", "cohort"]
    columns = csv_columns(programme.names)
    assert columns[columns.index("aim") + 1 : columns.index("organisation")] == ("boroughs", "ons_codes", "icbs")
    assert projects_csv(programme).splitlines()[0].removeprefix("\ufeff") == ",".join(columns)
    published = export_schema(programme.names)["properties"]["projects"]["items"]["properties"]
    assert "icb" in published["boroughs"]["items"]["properties"] and "areas" not in published
    assert "boroughs" in json.dumps(published["unconfirmed"]) and "boroughs" in published["sources"]["properties"]


def test_the_neutral_field_name_is_refused_where_a_programme_chose_another(fixture_copy: Path):
    edit(fixture_copy, GROUP_LABEL, GROUP_LABEL + "names: {area: district, group: board}\n", GEOGRAPHY)
    with_group_keys(fixture_copy, "board")
    problems = refused(fixture_copy)
    assert problems[0].startswith("data/projects.yaml:") and "field 'areas': 'areas' is not a field" in problems[0]
    assert "aim, districts, organisation" in problems[0], problems[0]


@pytest.mark.parametrize(
    "names, keys, section, field",
    [
        ("", "icb", "groups", "group"),  # London's file, its names: left out
        ("names: {area: borough, group: icb}\n", "group", "icbs", "icb"),
        ("names: {area: district, group: board}\n", "icb", "boards", "board"),
    ],
)
def test_a_geography_whose_group_keys_another_programmes_names_give_is_refused_with_the_key_to_use(
    fixture_copy: Path, names: str, keys: str, section: str, field: str
):
    edit(fixture_copy, GROUP_LABEL, GROUP_LABEL + names, GEOGRAPHY)
    text = with_group_keys(fixture_copy, keys)
    why = (
        f"this file's 'names:' calls a group '{field}'"
        if names
        else "this file has no 'names:', so a group is called 'group'"
    )
    problems = [problem for problem in refused(fixture_copy) if problem.startswith(GEOGRAPHY)]
    assert problems[:2] == [
        f"{GEOGRAPHY}:{line_of(text, f'{keys}s:')}: field '{keys}s': '{keys}s' is not a section of this file (did you "
        f"mean '{section}'?): {why}, and the groups are listed under '{section}:'. Rename '{keys}s:' to "
        f"'{section}:', keeping its list.",
        f"{GEOGRAPHY}:{line_of(text, f'    {keys}: NF')}: area 'Ashby Vale', field '{keys}': '{keys}' is not a field "
        f"this record can have (did you mean '{field}'?): {why}, and an area names its group with '{field}:'. "
        f"Rename '{keys}:' to '{field}:', keeping its value.",
    ]
    assert len(problems) == 1 + 9, problems  # the section, then each of the nine areas' field, and nothing else


@pytest.mark.parametrize(
    "names, field, why",
    [
        (
            "{area: Borough, group: icb}",
            "area",
            "'Borough' cannot be a name in addresses: it should be one lower-case word.",
        ),
        (
            "{area: local-area, group: icb}",
            "area",
            "'local-area' cannot be a name in addresses: it should be one lower-case word.",
        ),
        (
            "{area: theme, group: icb}",
            "area",
            "'theme' would give addresses or fields named 'theme', which the site already uses.",
        ),
        (
            "{area: borough, group: project}",
            "group",
            "'project' would give addresses or fields named 'projects', which the site already uses.",
        ),
        (
            "{area: tag, group: icb}",
            "area",
            "'tag' would give addresses or fields named 'tags', which the site already uses.",
        ),
        (
            "{area: ward, group: ward}",
            "area",
            "'ward' would give addresses or fields named 'ward', which the site already uses.",
        ),
    ],
)
def test_a_name_that_is_not_one_word_or_is_taken_is_refused_with_its_line_and_a_fix(
    fixture_copy: Path, names: str, field: str, why: str
):
    text = edit(fixture_copy, GROUP_LABEL, GROUP_LABEL + f"names: {names}\n", GEOGRAPHY)
    fix = (
        "Write one lower-case word for each, e.g. names: {area: district, group: board}, or delete the line "
        "for area and group."
    )
    problems = refused(fixture_copy)
    assert problems[0] == f"{GEOGRAPHY}:{line_of(text, 'names:')}: names, field '{field}': {why} {fix}"


# What London's site says and the fixture did not choose: its names, region, programme and NHS
# England's blue. The fixture's own words ("ICB", short for its care boards) are its choice;
# a lower-case "icb" is London's name for a group in an address, id or field, never the fixture's.
LONDONS = re.compile(r"borough|London|\bNHS\b|SPIP|#005eb8|#003087|(?-i:(?<![A-Za-z])icbs?(?![A-Za-z]))", re.I)
TEXT_FILES = (".html", ".js", ".css", ".json", ".csv", ".xml", ".txt", ".svg")


def test_no_output_of_the_fixture_names_londons_areas_groups_region_or_colours(fixture_site: Build):
    """Every text the site serves, its pages' ids and attributes and its scripts' comments too."""
    for path in sorted(fixture_site.site.rglob("*")):
        if path.suffix in TEXT_FILES and "assets/javascripts" not in path.as_posix():
            found = LONDONS.search(text := path.read_text("utf-8"))
            where = path.relative_to(fixture_site.site).as_posix()
            assert found is None, f"{where}: {text[max(0, found.start() - 80) : found.end() + 40]}"
