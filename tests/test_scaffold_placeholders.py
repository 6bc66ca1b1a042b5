"""Nothing the scaffolds invent can be published: scripts/new-project and scripts/new-cohort
write every fact the editor did not give as a commented-out placeholder ('REPLACE with ...'),
never an example that reads as a fact, and scripts/check (and so the build, which loads the
same way) refuses each placeholder left in, at its line, until it is replaced."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from content_edits import PROJECTS, line_exactly, line_of, save_in_source, write_story
from showcase.editors.scaffold import placeholder
from showcase.field_kinds import KINDS
from showcase.fields import COHORT_FIELDS, FieldKind, FieldSpec
from showcase.loading.public_names import project_fields
from showcase.loading.source_texts import SOURCES_FOLDER
from showcase.reading.placeholders import PLACEHOLDER
from site_builds import NAMES, showcase_command

NEW = "new-thing"
COHORT = "2030-31"
COHORT_FILE = f"content/cohorts/{COHORT}.md"
NARRATIVE = f"content/projects/{NEW}.md"
COHORT_SOURCE = "https://example.org/fernshire-connectors/first-cohort"  # 2023-24's `source:`
GIVEN = {"slug", "name", "cohort", "theme", "aim"}
# A commented line of the scaffold's that an editor uncomments: one holding a placeholder, or
# the name of a field whose placeholder is a block below it.
_COMMENTED = re.compile(r"^(\s*)# (.*)$")
_BLOCK_FIELD = re.compile(r"^[a-z_]+:( \|)?$")
# The placeholder in an uncommented line: up to the end of its list, its help comment or the line.
_PLACEHOLDER = re.compile(rf"{PLACEHOLDER} [^\]\n]*?(?=\]|    #|$)", re.MULTILINE)

# What the editor writes in place of each placeholder: facts of the fictional programme.
REAL_VALUES = {
    f"{PLACEHOLDER} each area's name as in data/geography.yaml": "Gullhaven",
    f"{PLACEHOLDER} the lead organisation's name": "Gullhaven Health Partnership",
    f"{PLACEHOLDER} a partner organisation's name": "Gullhaven Sea Scouts",
    f"{PLACEHOLDER} the primary care network's name": "Gullhaven and Harrowmouth PCN",
    f"{PLACEHOLDER} a short impact summary, in Markdown.": "The team met every week.",
    f"{PLACEHOLDER} one thing the project achieved, as published": "Forty people took part.",
    f"{PLACEHOLDER} the words, exactly as published, without quote marks": "It helped.",
    f"{PLACEHOLDER} the name of who said it, and their role": "A walker",
    f"{PLACEHOLDER} the address of the page that published it, starting https://": "https://example.org/said",
    f"{PLACEHOLDER} words that say where the link goes": "The project's report",
    f"{PLACEHOLDER} the full address": "https://example.org/report",
    f"{PLACEHOLDER} images/ then the name of the photo's file in content/images/": "images/harbour-walks.jpg",
    f"{PLACEHOLDER} what the photo shows that matters, in a sentence": "Walkers on the harbour wall",
    f"{PLACEHOLDER} who took the photo, as they want to be named": "Jo Walker",
    f"{PLACEHOLDER} images/ then the name of the logo's file in content/images/": "images/dunmere-community-trust.png",
    f"{PLACEHOLDER} the organisation's name": "Dunmere Community Trust",
    f"{PLACEHOLDER} a keyword": "walking",
    f"{PLACEHOLDER} the address of the page that states it": "https://example.org/about",
    f"{PLACEHOLDER} the name of a field the programme has not confirmed": "pcn",
    f"{PLACEHOLDER} the project's old slug": "new-thing-walks",
    f"{PLACEHOLDER} the month it started, as YYYY-MM": "2030-09",
    f"{PLACEHOLDER} the start month other sources give, as YYYY-MM, only if they differ": "2030-10",
    f"{PLACEHOLDER} the month it ended, as YYYY-MM": "2031-03",
    f"{PLACEHOLDER} the pounds its projects shared, in digits only": "50000",
    f"{PLACEHOLDER} the most one project could receive in pounds": "10000",
    f"{PLACEHOLDER} how many teams applied": "12",
    f"{PLACEHOLDER} how many applications were shortlisted": "6",
    f"{PLACEHOLDER} the day of the graduation event, as YYYY-MM-DD": "2031-03-20",
    f"{PLACEHOLDER} the day of the public showcase event, as YYYY-MM-DD": "2031-05-14",
    f"{PLACEHOLDER} the address of the programme's page that published the aims": "https://example.org/cohort",
    f"{PLACEHOLDER} the cohort's old id": "pilot-2030",
}


def new_project(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    added = showcase_command(
        root,
        "new-project",
        "--name",
        "New thing",
        "--cohort",
        "2023-24",
        "--theme",
        "access",
        "--aim",
        "To walk.",
        *extra,
    )
    # The cohort's page publishes the aims: its stored text gains the new one, as EDITING.md says
    # (scripts/check refuses an aim its source does not state).
    save_in_source(root, COHORT_SOURCE, "To walk.")
    return added


def uncommented(text: str, after: int = 0) -> str:
    """The text with every placeholder line from character `after` on uncommented, as an editor
    who fills in nothing would leave it."""
    lines = []
    for line in text[after:].split("\n"):
        found = _COMMENTED.match(line)
        if found and (PLACEHOLDER in found[2] or _BLOCK_FIELD.match(found[2])):
            line = found[1] + found[2]
        lines.append(line)
    return text[:after] + "\n".join(lines)


def filled_in(text: str) -> str:
    """Each field's placeholder replaced with a real value (a page's story is left)."""
    return _PLACEHOLDER.sub(lambda found: REAL_VALUES.get(found[0], found[0]), text)


def save_filled_in_sources(root: Path) -> None:
    """The pages the filled-in values cite, saved as EDITING.md says (data/sources/): each states
    every value written in place of a placeholder, so scripts/check finds each sourced one."""
    stated = "\n".join([*REAL_VALUES.values(), "To walk."])
    for address in sorted({value for value in REAL_VALUES.values() if value.startswith("https://")}):
        name = address.removeprefix("https://").replace("/", "-").replace(".", "-")
        (root / SOURCES_FOLDER / f"{name}.txt").write_text(f"address: {address}\n\n{stated}\n", "utf-8")


def placeholder_lines(text: str) -> set[int]:
    return {number for number, line in enumerate(text.split("\n"), start=1) if PLACEHOLDER in line}


def refused_lines(stderr: str, file: str) -> dict[int, str]:
    """The line of each problem `check` reported in `file`, with the problem as printed."""
    return {
        int(found[1]): found[0]
        for found in re.finditer(rf"^  {re.escape(file)}:(\d+): .*$", stderr, flags=re.MULTILINE)
    }


def only_problem(root: Path) -> str:
    """The one problem `check` reports for the content at `root`, as printed."""
    checked = showcase_command(root, "check")
    assert checked.returncode == 1
    problems = checked.stderr.splitlines()[1:]
    assert len(problems) == 1, checked.stderr
    return problems[0]


def assert_only_placeholders_refused(checked: subprocess.CompletedProcess[str]) -> None:
    problems = [line for line in checked.stderr.splitlines()[1:] if line.strip()]
    assert checked.returncode == 1 and problems
    for problem in problems:
        assert f"'{PLACEHOLDER} " in problem, problem
        assert "is a placeholder that the new-project or new-cohort command wrote, not a fact" in problem, problem


def test_the_new_project_record_invents_nothing_and_each_placeholder_left_in_is_refused_at_its_line(
    fixture_copy: Path,
):
    data = fixture_copy / PROJECTS
    before = data.read_text("utf-8")
    assert new_project(fixture_copy).returncode == 0
    added = data.read_text("utf-8")[len(before) :]
    # No example that reads as a fact (an organisation, an outcome, a source, an old slug).
    fields = project_fields(NAMES)  # as the fixture's editors name them
    for name in fields.keys() - GIVEN:
        assert f"{name}: {fields[name].example}" not in added, name
        assert f"# {name}:" in added, name
    assert "example.org" not in added
    # Left as written, all commented, it publishes nothing the editor did not give.
    assert showcase_command(fixture_copy, "check").returncode == 0

    text = uncommented(data.read_text("utf-8"), len(before))
    data.write_text(text, "utf-8")
    checked = showcase_command(fixture_copy, "check")

    assert_only_placeholders_refused(checked)
    assert set(refused_lines(checked.stderr, PROJECTS)) == placeholder_lines(text)
    assert len(placeholder_lines(text)) == 20  # one for each one-line field, and each line of a block
    organisation = line_of(text, f"    organisation: {PLACEHOLDER} the lead organisation's name    # ")
    assert refused_lines(checked.stderr, PROJECTS)[organisation] == (
        f"  {PROJECTS}:{organisation}: project '{NEW}', field 'organisation': '{PLACEHOLDER} the lead "
        "organisation's name' is a placeholder that the new-project or new-cohort command wrote, not a fact: "
        f"the site would publish it as it is. Replace the whole placeholder with the lead organisation's name, "
        "or delete the line: the site then shows nothing for it."
    )
    summary = line_exactly(text, f"      {PLACEHOLDER} a short impact summary, in Markdown.")
    assert summary in refused_lines(checked.stderr, PROJECTS)  # the block's own line, not 'summary: |'

    data.write_text(filled_in(text), "utf-8")
    save_filled_in_sources(fixture_copy)
    filled = showcase_command(fixture_copy, "check")
    assert filled.returncode == 0, filled.stderr


def test_the_new_cohort_file_invents_nothing_and_each_placeholder_left_in_is_refused_at_its_line(
    fixture_copy: Path,
):
    assert showcase_command(fixture_copy, "new-cohort", COHORT, "--title", "2030/31 cohort").returncode == 0
    path = fixture_copy / COHORT_FILE
    text = path.read_text("utf-8")
    for name in COHORT_FIELDS.keys() - {"title"}:
        assert f"{name}: {COHORT_FIELDS[name].example}" not in text, name
    assert "example.org" not in text
    # Every fact commented out: only the story's placeholder is published, and refused.
    story = line_exactly(text, f"{PLACEHOLDER} the story of the 2030/31 cohort, in plain English.")
    checked = showcase_command(fixture_copy, "check")
    assert_only_placeholders_refused(checked)
    assert set(refused_lines(checked.stderr, COHORT_FILE)) == {story}

    text = uncommented(text)
    path.write_text(text, "utf-8")
    checked = showcase_command(fixture_copy, "check")

    assert_only_placeholders_refused(checked)
    # The front matter's first: the page's own lines are read once the facts load.
    assert set(refused_lines(checked.stderr, COHORT_FILE)) == placeholder_lines(text) - {story}
    assert len(placeholder_lines(text)) == 19

    path.write_text(filled_in(text), "utf-8")
    save_filled_in_sources(fixture_copy)
    checked = showcase_command(fixture_copy, "check")
    assert_only_placeholders_refused(checked)
    assert set(refused_lines(checked.stderr, COHORT_FILE)) == {story}
    write_story(fixture_copy, COHORT_FILE)
    filled = showcase_command(fixture_copy, "check")
    assert filled.returncode == 0, filled.stderr


def test_a_new_projects_story_is_refused_until_the_editor_writes_it(fixture_copy: Path):
    added = new_project(fixture_copy, "--narrative")
    assert added.returncode == 0, added.stderr
    assert f"write it in place of the line that starts '{PLACEHOLDER}'" in added.stdout
    path = fixture_copy / NARRATIVE
    text = path.read_text("utf-8")
    line = line_exactly(text, f"{PLACEHOLDER} the story of New thing, in plain English.")

    assert only_problem(fixture_copy) == (
        f"  {NARRATIVE}:{line}: '{PLACEHOLDER} the story of New thing, in plain English.' is a placeholder that the "
        "new-project or new-cohort command wrote, not a fact: the site would publish it as it is. Replace the whole "
        "placeholder with the story of New thing, in plain English, or delete the line: the site then shows "
        "nothing for it."
    )
    write_story(fixture_copy, NARRATIVE)
    assert showcase_command(fixture_copy, "check").returncode == 0


def test_replace_with_in_an_editors_own_words_is_text(fixture_copy: Path):
    """The marker is the scaffolds' capitals: an editor's 'replace with' is published."""
    data = fixture_copy / PROJECTS
    text = data.read_text("utf-8")
    aim = "To replace with walks the visits of older fishermen"
    data.write_text(text.replace("aim: To reach older fishermen", f"aim: {aim}", 1), "utf-8")
    stored = fixture_copy / SOURCES_FOLDER / "fernshire-connectors-first-cohort.txt"  # the aims' page, as changed
    stored.write_text(stored.read_text("utf-8").replace("To reach older fishermen", aim), "utf-8")
    checked = showcase_command(fixture_copy, "check")
    assert checked.returncode == 0, checked.stderr


def test_projects_can_be_added_to_a_new_cohort_before_any_story_is_written(fixture_copy: Path):
    """The commands let a page's unwritten story pass (a story is written after its record); the
    check still names each one."""
    assert showcase_command(fixture_copy, "new-cohort", COHORT, "--title", "2030/31 cohort").returncode == 0
    for name in ("First new", "Second new"):
        added = showcase_command(
            fixture_copy,
            "new-project",
            *("--name", name, "--cohort", COHORT, "--theme", "access", "--aim", "To walk.", "--narrative"),
        )
        assert added.returncode == 0, added.stderr

    checked = showcase_command(fixture_copy, "check")

    assert_only_placeholders_refused(checked)
    files = {line.split(":")[0].strip() for line in checked.stderr.splitlines()[1:]}
    assert files == {COHORT_FILE, "content/projects/first-new.md", "content/projects/second-new.md"}


def test_a_story_line_an_earlier_version_of_the_commands_wrote_is_refused_too(fixture_copy: Path):
    story = fixture_copy / "content/projects/harbour-walks.md"
    earlier = "Write the story of Harbour Walks here. Facts such as boroughs and quotes belong in data/projects.yaml."
    text = story.read_text("utf-8") + f"\n{earlier}\n"
    story.write_text(text, "utf-8")

    assert only_problem(fixture_copy) == (
        f"  content/projects/harbour-walks.md:{line_exactly(text, earlier)}: '{earlier}' is the placeholder an earlier "
        "new-project or new-cohort command wrote, not a story: the site would publish it as it is. Replace the whole "
        "line with the story, in plain English, or delete it: the site then shows nothing for it."
    )


@pytest.mark.parametrize("kind", list(FieldKind))
def test_a_field_the_scaffolds_word_no_placeholder_for_gets_its_kinds(kind: FieldKind):
    spec = FieldSpec(kind, False, "Help.", "an example", keys=("fact",))
    lines = placeholder("new_field", spec, {})
    assert lines == KINDS[kind].placeholder_lines("new_field", spec)
    assert lines[0].startswith("new_field:") and all(line.startswith("  ") for line in lines[1:])
    assert any(f"{PLACEHOLDER} " in line for line in lines) and "an example" not in "\n".join(lines)
