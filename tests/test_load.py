"""Fast checks of the loader on the fictional programme under tests/fixture/, and of the problem
helpers (no MkDocs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from showcase.fields import ONS_CODE_PATTERN, FieldKind, FieldSpec
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.model import Programme
from showcase.problems import ContentProblems, Problem, did_you_mean
from showcase.reading.source import Mapping, Scalar, parse_yaml
from showcase.web.exports import export_schema
from site_builds import FIXTURE, NAMES, copy_fixture, showcase_command

# -- the fixture's data ------------------------------------------------------------------------


def test_every_record_in_the_projects_file_becomes_one_project_with_its_own_slug(fixture_programme: Programme) -> None:
    records = re.findall(r"^  - slug: (\S+)$", (FIXTURE / "data/projects.yaml").read_text("utf-8"), flags=re.MULTILINE)
    slugs = [p.slug for p in fixture_programme.projects]
    assert len(records) == 10
    assert sorted(slugs) == sorted(records)
    assert len(set(slugs)) == len(slugs)


def test_every_project_has_an_aim_a_cohort_and_a_theme(fixture_programme: Programme) -> None:
    for p in fixture_programme.projects:
        assert p.aim.strip(), p.slug
        assert p.cohort in fixture_programme.cohorts, p.slug
        assert p.theme in fixture_programme.themes, p.slug


def test_each_area_belongs_to_the_care_board_its_geography_record_names(fixture_programme: Programme) -> None:
    assert {area.name: area.icb and area.icb.name for area in fixture_programme.areas} == {
        "Ashby Vale": "North Fernshire",
        "Brackenford": "North Fernshire",
        "Coldharbour": "North Fernshire",
        "Dunmere": "South Fernshire",
        "Elmstead upon Wye": "South Fernshire",
        "St Fara’s & Linton": "South Fernshire",
        "Gullhaven": "Fernshire Coast",
        "Harrowmouth": "Fernshire Coast",
        "Ivybridge Marsh": "Fernshire Coast",
    }


def test_a_project_reaches_its_care_board_through_its_area(fixture_programme: Programme) -> None:
    walks = fixture_programme.project_with_slug("harbour-walks")
    assert [area.name for area in walks.boroughs] == ["Gullhaven"]
    assert [icb.name for icb in walks.icbs] == ["Fernshire Coast"]


def test_a_project_across_three_care_boards_reaches_each_once_and_one_with_no_area_reaches_none(
    fixture_programme: Programme,
) -> None:
    connectors = fixture_programme.project_with_slug("coast-and-country-connectors")
    assert [area.name for area in connectors.boroughs] == ["Harrowmouth", "Coldharbour", "St Fara’s & Linton"]
    assert [icb.name for icb in connectors.icbs] == ["Fernshire Coast", "North Fernshire", "South Fernshire"]
    measures = fixture_programme.project_with_slug("measuring-what-matters")
    assert measures.boroughs == () and measures.icbs == ()


def test_a_narrative_is_attached_to_its_project_and_only_to_it(fixture_programme: Programme) -> None:
    assert fixture_programme.project_with_slug("harbour-walks").narrative_file == "projects/harbour-walks.md"
    assert fixture_programme.project_with_slug("measuring-what-matters").narrative_file is None


# -- reading YAML ------------------------------------------------------------------------------


def test_yaml_values_stay_the_text_the_editor_typed() -> None:
    node, problems = parse_yaml("name: NO\naim: 2023-03-31\nversion: 1.10\nempty: ~\n", "x.yaml")
    assert problems == []
    assert isinstance(node, Mapping)
    assert {key: value.text for key, value in node.entries.items() if isinstance(value, Scalar)} == {
        "name": "NO",
        "aim": "2023-03-31",
        "version": "1.10",
        "empty": "~",
    }


def test_front_matter_problems_are_reported_at_the_line_in_the_file(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "project")
    cohort = root / "content/cohorts/2023-24.md"
    text = cohort.read_text("utf-8")
    assert text.count("\nshortlisted: 9\n") == 1
    text = text.replace("\nshortlisted: 9\n", "\nshortlisted: 9\napplications: 19\n")
    cohort.write_text(text, "utf-8")
    lines = text.splitlines()
    first, second = (number for number, line in enumerate(lines, start=1) if line.startswith("applications: "))

    with pytest.raises(ContentProblems) as raised:
        load_programme(ProgrammeSources.in_folder(root))

    assert [str(problem) for problem in raised.value.problems] == [
        f"content/cohorts/2023-24.md:{second}: cohort '2023-24', field 'applications': 'applications' "
        f"appears twice in this record, on line {first} and on line {second}. Keep one of the two "
        "lines and delete the other: nothing is merged.",
    ]


# -- problems ----------------------------------------------------------------------------------


def test_did_you_mean_suggests_the_nearest_choice() -> None:
    assert did_you_mean("workforse", ["access", "workforce", "impact"]) == " (did you mean 'workforce'?)"
    assert did_you_mean("outcome", ["outcomes", "quotes"]) == " (did you mean 'outcomes'?)"


def test_did_you_mean_ignores_case_and_keeps_the_choice_as_written() -> None:
    assert did_you_mean("gullhaven", ["Gullhaven", "Harrowmouth"]) == " (did you mean 'Gullhaven'?)"
    assert did_you_mean("NF", ["nf"]) == " (did you mean 'nf'?)"


def test_did_you_mean_says_nothing_when_no_choice_is_close() -> None:
    assert did_you_mean("zzz", ["access", "workforce"]) == ""
    assert did_you_mean("access", []) == ""


def test_a_problem_reads_file_line_record_field_message_and_fix() -> None:
    problem = Problem("data/projects.yaml", 12, "project 'x'", "theme", "'a' is not a theme.", "Use one of: b.")
    assert str(problem) == "data/projects.yaml:12: project 'x', field 'theme': 'a' is not a theme. Use one of: b."
    assert (
        str(Problem("content/projects/y.md", 0, "", "", "No record.", "Add one."))
        == "content/projects/y.md: No record. Add one."
    )


def test_the_report_counts_its_problems() -> None:
    one = Problem("a.yaml", 1, "", "", "Bad.", "Fix.")
    two = Problem("a.yaml", 2, "", "", "Worse.", "Fix.")
    assert (
        ContentProblems([one]).report().splitlines()[0]
        == "The showcase content has 1 problem. Fix it, then build again:"
    )
    assert ContentProblems([two, one, one]).report().splitlines() == [
        "The showcase content has 2 problems. Fix them, then build again:",
        "  a.yaml:1: Bad. Fix.",
        "  a.yaml:2: Worse. Fix.",
    ]


def test_the_geography_says_what_its_areas_are_called(fixture_programme: Programme, fixture_copy: Path):
    from content_edits import edit, line_of, refused

    assert fixture_programme.area_label.singular == "district"
    assert fixture_programme.area_label.heading_plural == "Districts"
    assert fixture_programme.area_label.count(1) == "1 district"
    text = edit(fixture_copy, "area_label: district\n", "area_label: [district, ward]\n", file="data/geography.yaml")
    assert refused(fixture_copy) == [
        f"data/geography.yaml:{line_of(text, 'area_label:')}: field 'area_label': 'area_label:' should be what one area "
        "is called, in a few words. Write it in lower case, e.g. area_label: local authority area, or with its forms, "
        "e.g. area_label: {singular: local authority, plural: local authorities}"
    ]
    edit(fixture_copy, "area_label: [district, ward]\n", "", file="data/geography.yaml")
    assert load_programme(ProgrammeSources.in_folder(fixture_copy)).area_label.singular == "area"


def test_an_ons_code_that_is_not_one_is_refused_at_its_line_with_the_editors_text_mended(fixture_copy: Path):
    """The open data publishes each area's ONS code under a schema (ONS_CODE_PATTERN) that the
    loader applies too: a slip in data/geography.yaml stops the check, not the open data's users."""
    from content_edits import edit, line_of, refused

    edit(fixture_copy, "ons_code: X01000002\n", "ons_code: x01 000002\n", file="data/geography.yaml")
    text = edit(fixture_copy, "ons_code: X01000003\n", "ons_code: X0100003\n", file="data/geography.yaml")
    expected = [
        f"data/geography.yaml:{line_of(text, 'x01 000002')}: area 'Brackenford', field 'ons_code': 'x01 000002' is "
        "not an ONS code: a capital letter, then eight digits. Write it as ons_code: X01000002",
        f"data/geography.yaml:{line_of(text, 'X0100003')}: area 'Coldharbour', field 'ons_code': 'X0100003' is not "
        "an ONS code: a capital letter, then eight digits. Copy the area's code from the ONS list, e.g. "
        "ons_code: E09000007",
    ]
    assert refused(fixture_copy) == expected
    checked = showcase_command(fixture_copy, "check", env={"GITHUB_ACTIONS": "", "GITHUB_BASE_REF": ""})
    assert checked.returncode == 1 and [
        line.strip() for line in checked.stderr.splitlines() if line.startswith("  ")
    ] == (expected), checked.stderr
    published = export_schema()["properties"]["projects"]["items"]["properties"][NAMES.areas]["items"]
    assert published["properties"]["ons_code"]["pattern"] == ONS_CODE_PATTERN


def test_a_field_of_a_kind_the_contract_does_not_know_is_refused_not_read_as_text() -> None:
    assert FieldSpec(FieldKind("list of text"), False, "Keywords.", "[men]").kind is FieldKind.LIST_OF_TEXT
    with pytest.raises(ValueError, match="'list of txet' is not a valid FieldKind"):
        FieldSpec("list of txet", False, "Keywords.", "[men]")  # type: ignore[arg-type]  # the typo under test
