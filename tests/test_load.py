"""Fast checks of the loader on the repository's own data, and of the problem helpers (no MkDocs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project
from showcase.load import ProgrammeSources, load_programme
from showcase.model import Programme
from showcase.problems import ContentProblems, Problem, did_you_mean
from showcase.source import Mapping, Scalar, parse_yaml

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load_programme(ProgrammeSources.in_folder(REPO))


# -- the real data -----------------------------------------------------------------------------

def test_the_real_data_has_twelve_projects_with_unique_slugs(programme: Programme) -> None:
    slugs = [project.slug for project in programme.projects]
    assert len(slugs) == 12
    assert len(set(slugs)) == len(slugs)


def test_every_project_has_an_aim_a_cohort_and_a_theme(programme: Programme) -> None:
    for project in programme.projects:
        assert project.aim.strip(), project.slug
        assert project.cohort in programme.cohorts, project.slug
        assert project.theme in programme.themes, project.slug


def test_each_borough_belongs_to_its_icb(programme: Programme) -> None:
    icb_of = {area.name: area.icb.name for area in programme.areas}
    assert len(icb_of) == 33
    assert icb_of["Hounslow"] == "North West London"
    assert icb_of["Tower Hamlets"] == "North East London"
    assert icb_of["Camden"] == "North Central London"
    assert icb_of["Lambeth"] == "South East London"


def test_a_project_reaches_its_icb_through_its_boroughs(programme: Programme) -> None:
    project = next(p for p in programme.projects if p.slug == "health-innovators-pilot-project")
    assert [area.name for area in project.boroughs] == ["Hounslow"]
    assert [icb.name for icb in project.icbs] == ["North West London"]


def test_the_narrative_is_attached_to_its_project(programme: Programme) -> None:
    project = next(p for p in programme.projects if p.slug == "mens-project-tower-hamlets")
    assert project.narrative_file == "projects/mens-project-tower-hamlets.md"


# -- reading YAML ------------------------------------------------------------------------------

def test_yaml_values_stay_the_text_the_editor_typed() -> None:
    node, problems = parse_yaml("name: NO\naim: 2023-03-31\nversion: 1.10\nempty: ~\n", "x.yaml")
    assert problems == []
    assert isinstance(node, Mapping)
    assert {key: value.text for key, value in node.entries.items() if isinstance(value, Scalar)} == {
        "name": "NO", "aim": "2023-03-31", "version": "1.10", "empty": "~",
    }


def test_front_matter_problems_are_reported_at_the_line_in_the_file(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    cohort = root / "content/cohorts/2022-23.md"
    text = cohort.read_text("utf-8").replace("\nshortlisted: 20\n", "\nshortlisted: 20\napplications: 41\n", 1)
    cohort.write_text(text, "utf-8")
    lines = text.splitlines()
    first, second = (number for number, line in enumerate(lines, start=1) if line.startswith("applications: "))

    with pytest.raises(ContentProblems) as raised:
        load_programme(ProgrammeSources.in_folder(root))

    assert [str(problem) for problem in raised.value.problems] == [
        f"content/cohorts/2022-23.md:{second}: cohort '2022-23', field 'applications': 'applications' "
        f"appears twice in this record, on line {first} and on line {second}. Keep one of the two "
        "lines and delete the other: nothing is merged.",
    ]


# -- problems ----------------------------------------------------------------------------------

def test_did_you_mean_suggests_the_nearest_choice() -> None:
    assert did_you_mean("workforse", ["access", "workforce", "impact"]) == " (did you mean 'workforce'?)"
    assert did_you_mean("outcome", ["outcomes", "quotes"]) == " (did you mean 'outcomes'?)"


def test_did_you_mean_ignores_case_and_keeps_the_choice_as_written() -> None:
    assert did_you_mean("camden", ["Camden", "Croydon"]) == " (did you mean 'Camden'?)"
    assert did_you_mean("NWL", ["nwl"]) == " (did you mean 'nwl'?)"


def test_did_you_mean_says_nothing_when_no_choice_is_close() -> None:
    assert did_you_mean("zzz", ["access", "workforce"]) == ""
    assert did_you_mean("access", []) == ""


def test_a_problem_reads_file_line_record_field_message_and_fix() -> None:
    problem = Problem("data/projects.yaml", 12, "project 'x'", "theme", "'a' is not a theme.", "Use one of: b.")
    assert str(problem) == "data/projects.yaml:12: project 'x', field 'theme': 'a' is not a theme. Use one of: b."
    assert str(Problem("content/projects/y.md", 0, "", "", "No record.", "Add one.")) == "content/projects/y.md: No record. Add one."


def test_the_report_counts_its_problems() -> None:
    one = Problem("a.yaml", 1, "", "", "Bad.", "Fix.")
    two = Problem("a.yaml", 2, "", "", "Worse.", "Fix.")
    assert ContentProblems([one]).report().splitlines()[0] == "The showcase content has 1 problem. Fix it, then build again:"
    assert ContentProblems([two, one, one]).report().splitlines() == [
        "The showcase content has 2 problems. Fix them, then build again:",
        "  a.yaml:1: Bad. Fix.",
        "  a.yaml:2: Worse. Fix.",
    ]
