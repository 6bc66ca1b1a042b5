"""Proof that content is not code: the edits a comms editor makes, made on copies of the real
content and of the fictional programme, leave every content check passing.

Each copy gets a new cohort (scripts/new-cohort) with a new project in it and a new project in an
existing cohort (scripts/new-project), loses its first record, has its second moved to another
area and its third given a new slug (its story file renamed with it and its old slug kept under
`previous_slugs`, as EDITING.md says). Then
the check command passes and the built site shows every record everywhere it should.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from content_edits import save_in_source, write_story
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.reading.source import _BaseLoader
from site_builds import Build, copy_fixture, copy_project, run_mkdocs_build, showcase_command
from site_checks import broken_links, content_problems

pytestmark = pytest.mark.build  # every test here runs MkDocs

NEW_COHORT = "2099-00"


def project_records(text: str) -> list[yaml.MappingNode]:
    root = yaml.compose(text, Loader=_BaseLoader)
    assert root is not None, "the projects file is empty"
    return next(value for key, value in root.value if key.value == "projects").value


def field(record: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((key, value) for key, value in record.value if key.value == name), None)


def required_field(record: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node]:
    found = field(record, name)
    assert found is not None, f"the record on line {record.start_mark.line + 1} has no {name!r}"
    return found


def lines_of(key: yaml.Node, value: yaml.Node) -> range:
    """The lines a field takes, from its key to the end of its value."""
    end = value.end_mark.line + (0 if value.end_mark.column == 0 else 1)
    return range(key.start_mark.line, end)


def remove_record(text: str, index: int) -> str:
    records = project_records(text)
    lines = text.splitlines(keepends=True)
    start = records[index].start_mark.line
    end = records[index + 1].start_mark.line if index + 1 < len(records) else len(lines)
    return "".join(lines[:start] + lines[end:])


def move_record(text: str, index: int, area: str, areas_field: str) -> str:
    """The record's areas replaced by `area`, as an editor would retype its areas line (`areas_field`,
    the programme's name for it: `boroughs` in London)."""
    record = project_records(text)[index]
    lines = text.splitlines(keepends=True)
    indent = " " * record.start_mark.column
    if boroughs := field(record, areas_field):
        drop = lines_of(*boroughs)
        lines = [line for number, line in enumerate(lines) if number not in drop]
    lines.insert(record.start_mark.line + 1, f"{indent}{areas_field}: [{area}]\n")
    return "".join(lines)


def rename_record(text: str, index: int, new_slug: str) -> tuple[str, str]:
    _key, value = required_field(project_records(text)[index], "slug")
    return value.value, text[: value.start_mark.index] + new_slug + text[value.end_mark.index :]


def keep_old_address(text: str, index: int, old_slug: str) -> str:
    """As EDITING.md says: add the old slug at the end of `previous_slugs` (oldest first), so shared
    links keep working."""
    record = project_records(text)[index]
    if existing := field(record, "previous_slugs"):
        _key, value = existing
        slugs = [*(item.value for item in value.value), old_slug]
        return text[: value.start_mark.index] + f"[{', '.join(slugs)}]" + text[value.end_mark.index :]
    lines = text.splitlines(keepends=True)
    indent = " " * record.start_mark.column
    lines.insert(record.start_mark.line + 1, f"{indent}previous_slugs: [{old_slug}]\n")
    return "".join(lines)


def edit_as_the_comms_team_would(root: Path) -> dict[str, str]:
    """Make the edits; say what was removed, renamed (old and new) and added."""
    sources = ProgrammeSources.in_folder(root)
    before = load_programme(sources)
    cohort, theme = before.cohorts[0].id, before.themes[0].id
    added = showcase_command(root, "new-cohort", NEW_COHORT, "--title", "2099/00 test cohort")
    assert added.returncode == 0, added.stderr
    write_story(root, f"content/cohorts/{NEW_COHORT}.md")  # the check refuses its placeholder until then
    for name, cohort_id in (("Added in the New Cohort", NEW_COHORT), ("Added to an Existing Cohort", cohort)):
        aim = f"To show that {name.lower()} is published."
        added = showcase_command(
            root,
            "new-project",
            "--name",
            name,
            "--cohort",
            cohort_id,
            "--theme",
            theme,
            "--aim",
            aim,
            "--narrative",
        )
        assert added.returncode == 0, added.stderr
        write_story(root, f"content/projects/{name.lower().replace(' ', '-')}.md")
        save_in_source(root, {c.id: c.source for c in before.cohorts}.get(cohort_id), aim)

    data = sources.projects_file
    text = data.read_text("utf-8")
    assert len(project_records(text)) >= 5, "the copy needs at least three records to edit"
    removed = project_records(text)[0]
    removed_slug = required_field(removed, "slug")[1].value
    text = remove_record(text, 0)
    (root / "content/projects" / f"{removed_slug}.md").unlink(missing_ok=True)
    moving = required_field(project_records(text)[0], "slug")[1].value
    moved_areas = {area.name for area in next(p for p in before.projects if p.slug == moving).boroughs}
    destination = next(area.name for area in before.areas if area.name not in moved_areas)
    text = move_record(text, 0, destination, before.names.areas)
    old_slug, text = rename_record(text, 1, "renamed-by-the-comms-team")
    text = keep_old_address(text, 1, old_slug)
    story = root / "content/projects" / f"{old_slug}.md"
    if story.exists():
        story.rename(story.with_name("renamed-by-the-comms-team.md"))
    data.write_text(text, "utf-8")
    return {"removed": removed_slug, "old": old_slug, "new": "renamed-by-the-comms-team", "area": destination}


@pytest.mark.parametrize(
    "copy",
    [
        pytest.param(copy_project, id="real-content", marks=pytest.mark.real_content),
        pytest.param(copy_fixture, id="fictional-programme"),
    ],
)
def test_adding_removing_moving_and_renaming_keep_every_check_passing(tmp_path: Path, copy):
    root = copy(tmp_path / "edited")
    edits = edit_as_the_comms_team_would(root)

    checked = showcase_command(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    programme = load_programme(ProgrammeSources.in_folder(root))
    build: Build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    assert content_problems(build, programme) == []
    _checked, broken = broken_links(build.site)
    assert broken == []

    slugs = {project.slug for project in programme.projects}
    assert edits["removed"] not in slugs and not (build.site / "projects" / edits["removed"]).exists()
    assert edits["old"] not in slugs
    redirect = (build.site / "projects" / edits["old"] / "index.html").read_text("utf-8")
    assert f'url=../{edits["new"]}/"' in redirect  # the old address leads to the new page
    assert {edits["new"], "added-in-the-new-cohort", "added-to-an-existing-cohort"} <= slugs
    assert (build.site / f"downloads/impact-summaries-{NEW_COHORT}.pdf").is_file()
    assert any([area.name for area in project.boroughs] == [edits["area"]] for project in programme.projects)
