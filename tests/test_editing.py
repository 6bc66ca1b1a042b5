"""The comms team's tools: the editor's schema, the check command, the scaffolds, live preview.

Every test edits a copy of the fictional programme under tests/fixture/. The few tests that read
the real content (data/projects.yaml, data/schema/) check only what holds for any valid content,
so the comms team can add, remove, rename or move projects, cohorts and themes freely.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import jsonschema
import pytest
import yaml

from browser import axe_violations
from content_edits import edit_record, record_edited, record_span, write_story
from page_text import search_or_fail
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.loading.public_names import project_fields
from showcase.loading.schema import cohort_schema, projects_schema, schema_text
from showcase.model import Programme
from showcase.problems import ContentProblems
from site_builds import FIXTURE, NAMES, REPO, copy_fixture, run_mkdocs_build, showcase_command

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# The fixture's project with every optional field and a narrative: the one the tests edit.
WALKS = "harbour-walks"
WALKS_AIM = "To reach older fishermen in Gullhaven who never visit their GP"
# A fixture project with no pcn, whose record marks its theme as unconfirmed.
SHEDS = "brackenford-mens-sheds"
SCHEMA_FILES = ("projects.schema.json", "cohort.schema.json")


def yaml_as_loaded(text: str) -> object:
    """projects.yaml as the schema sees it: every value is text, as the loader reads it."""
    return yaml.load(text, Loader=yaml.BaseLoader)


# -- the schema ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def checked_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fictional programme on which `check` has run once (it has no data/schema/
    of its own: check writes it)."""
    root = copy_fixture(tmp_path_factory.mktemp("checked") / "project")
    checked = showcase_command(root, "check")
    assert checked.returncode == 0, checked.stderr
    return root


@pytest.fixture(scope="module")
def fixture_schema(checked_fixture: Path) -> dict:
    """The projects schema that `check` wrote for the fictional programme."""
    return json.loads((checked_fixture / "data/schema/projects.schema.json").read_text("utf-8"))


def test_check_writes_the_editors_schemas_from_the_programme_and_the_data_contract(
    fixture_copy: Path, fixture_programme: Programme
):
    assert not (FIXTURE / "data/schema").exists(), "the fixture must not carry a schema: check writes it"
    checked = showcase_command(fixture_copy, "check")
    assert checked.returncode == 0, checked.stderr
    for name in SCHEMA_FILES:
        assert (
            f"Updated data/schema/{name} (the editor's help): include it when you save your change."
            in checked.stdout.splitlines()
        ), checked.stdout
    schema_dir = fixture_copy / "data/schema"
    assert (schema_dir / "projects.schema.json").read_text("utf-8") == schema_text(projects_schema(fixture_programme))
    assert (schema_dir / "cohort.schema.json").read_text("utf-8") == schema_text(cohort_schema())
    schema = json.loads((schema_dir / "projects.schema.json").read_text("utf-8"))
    project = schema["properties"]["projects"]["items"]["properties"]
    assert project["theme"]["enum"] == ["access", "workforce", "impact", "digital"]
    assert project["cohort"]["enum"] == ["2023-24", "2024-25"]
    assert project[NAMES.areas]["items"]["enum"] == [area.name for area in fixture_programme.areas]
    assert "St Fara’s & Linton" in project[NAMES.areas]["items"]["enum"]


def test_check_run_again_on_unchanged_content_changes_nothing(checked_fixture: Path):
    schema_dir = checked_fixture / "data/schema"
    before = {name: ((schema_dir / name).read_bytes(), (schema_dir / name).stat().st_mtime_ns) for name in SCHEMA_FILES}
    again = showcase_command(checked_fixture, "check")
    assert again.returncode == 0, again.stderr
    assert "Updated" not in again.stdout
    assert {
        name: ((schema_dir / name).read_bytes(), (schema_dir / name).stat().st_mtime_ns) for name in SCHEMA_FILES
    } == before
    assert sorted(p.name for p in schema_dir.iterdir()) == sorted(SCHEMA_FILES)


def test_check_rewrites_the_schema_when_a_theme_is_added(checked_fixture: Path, tmp_path: Path):
    root = copy_fixture(tmp_path / "project")
    (root / "data/schema").mkdir()
    for name in SCHEMA_FILES:
        (root / "data/schema" / name).write_bytes((checked_fixture / "data/schema" / name).read_bytes())
    data = root / "data/projects.yaml"
    data.write_text(
        data.read_text("utf-8").replace(
            "\nprojects:\n",
            """  - id: housing
    title: A home to start from
    description: Helping people whose housing holds back their health.

projects:
""",
            1,
        ),
        "utf-8",
    )
    checked = showcase_command(root, "check")
    assert checked.returncode == 0, checked.stderr
    assert (
        checked.stdout.splitlines()[0]
        == "Updated data/schema/projects.schema.json (the editor's help): include it when you save your change."
    )
    assert "cohort.schema.json" not in checked.stdout
    schema = json.loads((root / "data/schema/projects.schema.json").read_text("utf-8"))
    assert schema["properties"]["projects"]["items"]["properties"]["theme"]["enum"] == [
        "access",
        "workforce",
        "impact",
        "digital",
        "housing",
    ]


def test_fixture_records_follow_the_schema_check_wrote_and_a_misspelt_theme_does_not(fixture_schema: dict):
    text = (FIXTURE / "data/projects.yaml").read_text("utf-8")
    validator = jsonschema.Draft202012Validator(fixture_schema)
    validator.validate(yaml_as_loaded(text))
    errors = list(validator.iter_errors(yaml_as_loaded(record_edited(text, WALKS, "theme: access", "theme: acess"))))
    assert [(list(error.absolute_path), error.instance) for error in errors] == [(["projects", 0, "theme"], "acess")]


@pytest.mark.real_content
def test_real_projects_file_follows_a_schema_generated_from_the_real_programme():
    """An invariant of any valid content: whatever the comms team has written, data/projects.yaml
    loads, and follows the schema made from it now (not the committed file, which check
    rewrites when a theme or cohort is added)."""
    programme = load_programme(ProgrammeSources.in_folder(REPO))
    text = (REPO / "data/projects.yaml").read_text("utf-8")
    jsonschema.Draft202012Validator(projects_schema(programme)).validate(yaml_as_loaded(text))


@pytest.mark.real_content
def test_real_projects_file_names_its_schema_on_its_first_line():
    """An invariant of any valid content: the editor's help is named on the first line, and
    check has written the file it names."""
    first_line = (REPO / "data/projects.yaml").read_text("utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schema/projects.schema.json"
    assert (REPO / "data/schema/projects.schema.json").is_file()


@pytest.mark.real_content
def test_committed_cohort_schema_is_up_to_date_with_the_data_contract():
    """An invariant of any content: the cohort schema depends on the data contract only."""
    assert (REPO / "data/schema/cohort.schema.json").read_text("utf-8") == schema_text(cohort_schema())


FULL_RECORD = f"""
  - slug: every-field
    name: Every field
    cohort: 2024-25
    theme: impact
    aim: To show every field.
    {NAMES.areas}: [Ashby Vale, St Fara’s & Linton]
    organisation: An organisation
    partners: [A partner]
    pcn: A PCN
    summary: |
      A **summary**.
    outcomes: [One outcome]
    quotes:
      - text: A quote.
        attribution: Someone, a role
        source: https://example.org/quote
    links:
      - title: A link
        url: https://example.org/
    tags: [one, two]
    sources: {{organisation: https://example.org/about-us}}
    unconfirmed: [{NAMES.areas}, pcn]
"""

Mutation = Callable[[str], str]
# (name, change to the fixture's data/projects.yaml, the loader accepts it)
FIXTURES: list[tuple[str, Mutation, bool]] = [
    ("the fixture's data", lambda t: t, True),
    ("a project named NO", lambda t: record_edited(t, WALKS, "name: Harbour Walks", "name: NO"), True),
    ("a record with every field", lambda t: t + FULL_RECORD, True),
    ("an unknown theme", lambda t: record_edited(t, WALKS, "theme: access", "theme: acess"), False),
    ("an unknown borough", lambda t: record_edited(t, WALKS, "[Gullhaven]", "[Gulhaven]"), False),
    ("an unknown cohort", lambda t: record_edited(t, WALKS, "cohort: 2023-24", "cohort: 2025-26"), False),
    ("a missing aim", lambda t: re.sub(rf"    aim: {WALKS_AIM}[^\n]*\n", "", t), False),
    ("an empty aim", lambda t: re.sub(rf"(    aim: ){WALKS_AIM}[^\n]*", r'\1""', t), False),
    ("a misspelt key", lambda t: record_edited(t, WALKS, "\n    outcomes:", "\n    outcome:"), False),
    ("a malformed slug", lambda t: t.replace(f"slug: {WALKS}\n", "slug: Harbour_Walks\n"), False),
    (
        "a list given as text",
        lambda t: record_edited(t, WALKS, f"{NAMES.areas}: [Gullhaven]", f"{NAMES.areas}: Gullhaven"),
        False,
    ),
    (
        "a quote source that is not an address",
        lambda t: record_edited(
            t, WALKS, "source: https://example.org/harbour-walks-report", "source: example.org harbour-walks-report"
        ),
        False,
    ),
    (
        "an unknown field marked unconfirmed",
        lambda t: record_edited(t, WALKS, "unconfirmed: [partners]", "unconfirmed: [aim]"),
        False,
    ),
    (
        "a source for a fact that takes none",
        lambda t: record_edited(t, WALKS, "      pcn: https://", "      aim: https://"),
        False,
    ),
    ("a source not over https", lambda t: record_edited(t, WALKS, "      pcn: https://", "      pcn: http://"), False),
    (
        "a source given as a bare address",
        lambda t: record_edited(t, "al-noor-wellbeing-circle", "sources: {organisation: https://", "sources: https://"),
        False,
    ),
]
# Rules JSON Schema cannot express; the loader alone refuses these.
LOADER_ONLY: list[tuple[str, Mutation]] = [
    ("a slug used twice", lambda t: t + FULL_RECORD.replace("every-field", WALKS)),
    (
        "a key written twice",
        lambda t: record_edited(t, WALKS, "    theme: access\n", "    theme: access\n    theme: impact\n"),
    ),
    (
        "an unconfirmed field the record lacks",
        lambda t: record_edited(t, SHEDS, "unconfirmed: [theme]", "unconfirmed: [pcn]"),
    ),
    (
        "a source for a fact the record lacks",
        lambda t: record_edited(t, SHEDS, "    tags:", "    sources: {pcn: https://example.org/sheds}\n    tags:"),
    ),
    (
        "a source for an unconfirmed fact",
        lambda t: record_edited(t, WALKS, "      pcn: https://", "      partners: https://"),
    ),
]


def loader_accepts(root: Path, text: str) -> bool:
    (root / "data/projects.yaml").write_text(text, "utf-8")
    try:
        load_programme(ProgrammeSources.in_folder(root))
    except ContentProblems:
        return False
    return True


def schema_accepts(schema: dict, text: str) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(yaml_as_loaded(text))


@pytest.mark.parametrize("name, mutate, valid", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_schema_and_loader_agree(fixture_copy: Path, fixture_schema: dict, name: str, mutate: Mutation, valid: bool):
    text = mutate((FIXTURE / "data/projects.yaml").read_text("utf-8"))
    assert loader_accepts(fixture_copy, text) is valid
    assert schema_accepts(fixture_schema, text) is valid


@pytest.mark.parametrize("name, mutate", LOADER_ONLY, ids=[f[0] for f in LOADER_ONLY])
def test_loader_refuses_what_the_schema_cannot_express(
    fixture_copy: Path, fixture_schema: dict, name: str, mutate: Mutation
):
    text = mutate((FIXTURE / "data/projects.yaml").read_text("utf-8"))
    assert not loader_accepts(fixture_copy, text)
    assert schema_accepts(fixture_schema, text), "the schema can express this rule after all: add it to FIXTURES"


# -- the check command ---------------------------------------------------------------------------


def problem_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if re.match(r"\s+(data|content)/\S+:\d*:? ", line)]


@pytest.mark.build
def test_check_prints_exactly_the_problems_the_build_prints(fixture_copy: Path):
    edit_record(fixture_copy, WALKS, "theme: access", "theme: acess")
    edit_record(fixture_copy, WALKS, "\n    outcomes:", "\n    outcome:")
    (fixture_copy / "content/projects/no-such-project.md").write_text("## Orphan\n", "utf-8")

    checked = showcase_command(fixture_copy, "check")
    built = run_mkdocs_build(fixture_copy)

    assert checked.returncode == 1 and built.returncode == 1
    assert len(problem_lines(checked.stderr)) == 3
    assert problem_lines(checked.stderr) == problem_lines(built.output)
    assert "The showcase content has 3 problems" in checked.stderr
    assert not (fixture_copy / "data/schema").exists(), "check must not write a schema for content with problems"


def test_check_passes_clean_content(fixture_copy: Path, fixture_programme: Programme):
    checked = showcase_command(fixture_copy, "check")
    assert checked.returncode == 0, checked.stderr
    assert (len(fixture_programme.projects), len(fixture_programme.cohorts), len(fixture_programme.themes)) == (
        10,
        2,
        4,
    )
    assert re.search(r"All good: 10 projects, 2 cohorts and 4 themes checked in \d+\.\d\d s\.", checked.stdout)


# -- the scaffolds -------------------------------------------------------------------------------


@pytest.mark.build
def test_new_project_leaves_the_rest_of_the_file_byte_for_byte(fixture_copy: Path):
    data = fixture_copy / "data/projects.yaml"
    before = data.read_bytes()
    result = showcase_command(
        fixture_copy,
        "new-project",
        "--name",
        "A new project: with a colon",
        "--cohort",
        "2024-25",
        "--theme",
        "impact",
        "--aim",
        "To test ‘quotes’ and: colons.",
        "--narrative",
    )
    assert result.returncode == 0, result.stderr
    after = data.read_bytes()
    assert after.startswith(before)
    added = after[len(before) :].decode("utf-8")
    assert added.startswith("\n  - slug: a-new-project-with-a-colon\n")
    # Every field the command was not given is there, commented out, ready to fill in.
    for field in project_fields(NAMES).keys() - {"slug", "name", "cohort", "theme", "aim"}:
        assert f"# {field}:" in added, field
    write_story(fixture_copy, "content/projects/a-new-project-with-a-colon.md")
    project = load_programme(ProgrammeSources.in_folder(fixture_copy)).project_with_slug("a-new-project-with-a-colon")
    assert project.aim == "To test ‘quotes’ and: colons." and project.name == "A new project: with a colon"
    assert project.cohort.id == "2024-25" and project.theme.id == "impact"
    assert (fixture_copy / "content/projects/a-new-project-with-a-colon.md").is_file()
    assert run_mkdocs_build(fixture_copy).returncode == 0


def test_a_refused_new_project_leaves_no_record_and_no_narrative_file(fixture_copy: Path):
    """The record is checked after it is written (so that every check applies); when it is
    refused, the record and the narrative file this run made are both taken away again."""
    data = fixture_copy / "data/projects.yaml"
    before = data.read_bytes()
    stories = sorted((fixture_copy / "content/projects").iterdir())
    result = showcase_command(
        fixture_copy,
        "new-project",
        "--name",
        "Example Project",
        "--cohort",
        "2024-25",
        "--theme",
        "impact",
        "--aim",
        "To ...",
        "--narrative",
    )
    assert result.returncode == 1
    assert "is the example record's placeholder, not a fact" in result.stderr
    assert result.stderr.rstrip().endswith("Nothing was added.")
    assert data.read_bytes() == before
    assert sorted((fixture_copy / "content/projects").iterdir()) == stories
    assert showcase_command(fixture_copy, "check").returncode == 0


def test_new_project_inserts_before_text_that_follows_the_list(fixture_copy: Path):
    data = fixture_copy / "data/projects.yaml"
    text = data.read_text("utf-8")
    # Move `themes:` after `projects:` so the list does not end the file.
    themes = text[text.index("\nthemes:\n") + 1 : text.index("\nprojects:\n") + 1]
    data.write_text(text.replace(themes, "") + "\n" + themes, "utf-8")
    before = data.read_text("utf-8")
    assert before.index("\nprojects:\n") < before.index("\nthemes:\n"), "the projects list must not end the file"
    assert (
        showcase_command(
            fixture_copy,
            "new-project",
            "--name",
            "Middle",
            "--cohort",
            "2023-24",
            "--theme",
            "access",
            "--aim",
            "To sit in the middle.",
        ).returncode
        == 0
    )
    after = data.read_text("utf-8")
    inserted_at = after.index("\n  - slug: middle\n")
    assert inserted_at < after.index("\nthemes:\n")
    assert (
        after[:inserted_at]
        + after[after.index("\n", after.index(f"# {list(project_fields(NAMES))[-1]}:", inserted_at)) + 1 :]
        == before
    )
    assert "middle" in {p.slug for p in load_programme(ProgrammeSources.in_folder(fixture_copy)).projects}


def test_new_project_refuses_a_duplicate_and_a_misspelt_theme_and_changes_nothing(fixture_copy: Path):
    data = fixture_copy / "data/projects.yaml"
    before = data.read_bytes()
    duplicate = showcase_command(
        fixture_copy,
        "new-project",
        "--name",
        "x",
        "--slug",
        WALKS,
        "--cohort",
        "2023-24",
        "--theme",
        "access",
        "--aim",
        "x",
    )
    misspelt = showcase_command(
        fixture_copy, "new-project", "--name", "x", "--cohort", "2023-24", "--theme", "acess", "--aim", "x"
    )
    assert duplicate.returncode == misspelt.returncode == 1
    assert f"a project with the slug '{WALKS}' already exists" in duplicate.stderr
    assert "'acess' is not a theme (did you mean 'access'?)" in misspelt.stderr
    assert data.read_bytes() == before


@pytest.mark.build
def test_new_cohort_makes_a_file_the_build_accepts(fixture_copy: Path):
    assert showcase_command(fixture_copy, "new-cohort", "2025-26", "--title", "2025/26 cohort").returncode == 0
    write_story(fixture_copy, "content/cohorts/2025-26.md")
    edit_record(fixture_copy, WALKS, "cohort: 2023-24", "cohort: 2025-26")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    assert "2025/26 cohort" in build.html("cohorts/2025-26/")
    assert 'Projects</dt><dd><span class="sc-stats__value">1<' in build.html("cohorts/2025-26/").replace("\n", "")


# -- live preview --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, text: str, seconds: float = 60) -> float:
    """Poll until the page at `url` contains `text`; return how long it took."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {text!r}")


@pytest.mark.build
def test_live_preview_rebuilds_on_data_changes_and_survives_a_broken_file(fixture_copy: Path, browser: Browser):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=fixture_copy,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "SHOWCASE_PDF": "0"},
    )
    log: list[str] = []
    assert server.stdout is not None
    threading.Thread(target=log.extend, args=(server.stdout,), daemon=True).start()
    url = f"http://127.0.0.1:{port}/projects/{WALKS}/"
    data = fixture_copy / "data/projects.yaml"
    original = data.read_text("utf-8")
    assert original.count(WALKS_AIM) == 1
    try:
        wait_for(url, WALKS_AIM)
        data.write_text(original.replace(WALKS_AIM, "To reach retired fishermen in Gullhaven"), "utf-8")
        wait_for(url, "To reach retired fishermen in Gullhaven")

        data.write_text(record_edited(original, WALKS, "theme: access", "theme: acess"), "utf-8")
        deadline = time.monotonic() + 60
        while not any("'acess' is not a theme" in line for line in log) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert any("'acess' is not a theme (did you mean 'access'?)" in line for line in log), "".join(log)
        assert server.poll() is None, "the server stopped on a broken file"
        # The browser shows the problems (not an endless load), at the site's address and at any other.
        home = f"http://127.0.0.1:{port}/"
        assert wait_for(home, "The content has problems", seconds=10) < 10
        with urllib.request.urlopen(home, timeout=5) as response:
            assert "&#39;acess&#39; is not a theme (did you mean &#39;access&#39;?)." in response.read().decode("utf-8")
        try:
            urllib.request.urlopen(url, timeout=5)
        except urllib.error.HTTPError as missing:
            assert "The content has problems" in missing.read().decode("utf-8")
        page = browser.new_page()
        page.goto(url)
        assert page.get_by_role("heading", level=1).inner_text() == "The content has problems"
        assert axe_violations(page) == []
        page.close()

        data.write_text(original.replace(WALKS_AIM, "To reach fishermen, whatever their age,"), "utf-8")
        wait_for(url, "To reach fishermen, whatever their age,")
        assert server.poll() is None
        assert not any('not included in the "nav"' in line for line in log), "".join(log)
    finally:
        server.terminate()
        server.wait(timeout=30)


# -- the editing guide's common problems ---------------------------------------------------------
# EDITING.md shows each message as the real content prints it. The fixture prints the same
# message about its own projects: each case gives that message exactly, and the guide's must read
# the same once the names, lists and line numbers that belong to a programme are masked.

HARBOUR = "data/projects.yaml:N: project 'harbour-walks'"
THEME_LINE = "    theme: access\n"
GUIDE_CASES: list[tuple[str, Mutation, list[str]]] = [
    (
        "A misspelt theme",
        lambda t: record_edited(t, WALKS, "theme: access", "theme: acess"),
        [
            f"{HARBOUR}, field 'theme': 'acess' is not a theme (did you mean 'access'?). Use one of: access, digital, impact, workforce."
        ],
    ),
    (
        "A misspelt borough",
        lambda t: record_edited(t, WALKS, "[Gullhaven]", "[Gulhaven]"),
        [
            f"{HARBOUR}, field '{NAMES.areas}': 'Gulhaven' is not an area in data/geography.yaml (did you mean 'Gullhaven'?). "
            "Write the name exactly as the geography file does, e.g. 'Ashby Vale'."
        ],
    ),
    (
        "A misspelt field name",
        lambda t: record_edited(t, WALKS, "\n    outcomes:", "\n    outcome:"),
        [
            f"{HARBOUR}, field 'outcome': 'outcome' is not a field this record can have (did you mean 'outcomes'?). Rename it "
            f"to one of: slug, name, cohort, theme, aim, {NAMES.areas}, organisation, partners, pcn, summary, outcomes, quotes, links, image, logo, tags, sources, unconfirmed, previous_slugs."
        ],
    ),
    (
        "A required field left out",
        lambda t: re.sub(rf"    aim: {WALKS_AIM}[^\n]*\n", "", t),
        [
            f"{HARBOUR}, field 'aim': the required field 'aim' is missing. Add a line 'aim: ...'. "
            "The project's aim, word for word as the programme published it."
        ],
    ),
    (
        "A field written twice",
        lambda t: record_edited(t, WALKS, THEME_LINE, THEME_LINE + "    theme: impact\n"),
        [
            f"{HARBOUR}, field 'theme': 'theme' appears twice in this record, on line N and on line N. "
            "Keep one of the two lines and delete the other: nothing is merged."
        ],
    ),
    (
        "A tab used to indent",
        lambda t: record_edited(t, WALKS, "\n    organisation:", "\n\torganisation:"),
        [
            "data/projects.yaml:N: the file cannot be read: this line is indented with a tab. Replace the tab at the start "
            "of this line with spaces, lined up with the lines above it."
        ],
    ),
    (
        "A quote mark never closed",
        lambda t: record_edited(t, WALKS, "name: Harbour Walks", 'name: "Harbour Walks'),
        [
            "data/projects.yaml:N: the file cannot be read: a quote mark opened on this line is never closed, so the lines "
            'after it are read as its text. Put a " at the end of the value on this line, or delete the one at its start.'
        ],
    ),
    (
        "Text with ': ' not in quotes",
        lambda t: record_edited(t, WALKS, "name: Harbour Walks", "name: Harbour Walks: Gullhaven"),
        [
            "data/projects.yaml:N: the file cannot be read: the value on this line holds a ':' that reads as the start of "
            "another field, as the value is not in quote marks. Put the whole value in quote marks: "
            'name: "Harbour Walks: Gullhaven"'
        ],
    ),
    (
        "A list written as plain text",
        lambda t: record_edited(t, WALKS, f"{NAMES.areas}: [Gullhaven]", f"{NAMES.areas}: Gullhaven"),
        [
            f"{HARBOUR}, field '{NAMES.areas}': expected a list (list of district names) but found a single value. "
            f"Write it like this: {NAMES.areas}: [Gullhaven]"
        ],
    ),
    (
        "A slug with capitals or spaces",
        lambda t: t.replace(f"slug: {WALKS}\n", "slug: Harbour Walks\n"),
        [
            "content/projects/harbour-walks.md: this narrative has no project with the slug 'harbour-walks' in data/projects.yaml. "
            "Rename the file to '<slug>.md' using the project's slug, add the project's record, or delete the file if the project was removed.",
            "data/projects.yaml:N: project 'Harbour Walks', field 'slug': 'Harbour Walks' is not a valid slug. "
            "Use lower-case letters, digits and single hyphens only, e.g. 'harbour-walks'.",
        ],
    ),
    (
        "A cohort with no file",
        lambda t: record_edited(t, WALKS, "cohort: 2023-24", "cohort: 2025-26"),
        [
            f"{HARBOUR}, field 'cohort': '2025-26' is not a cohort: there is no file content/cohorts/2025-26.md "
            "(did you mean '2024-25'?). Use one of: 2023-24, 2024-25, or add the cohort's file."
        ],
    ),
    (
        "A bullet pasted from a word processor",
        lambda t: record_edited(t, WALKS, "      - 19 walkers", "      - •\t19 walkers"),
        [
            f"{HARBOUR}, field 'outcomes': it starts with a bullet ('•') pasted from a word processor. Delete the '•' and "
            "the space after it: the '- ' before it already makes a list item."
        ],
    ),
    (
        "A value wrapped in curly quotes",
        lambda t: record_edited(
            t, WALKS, "organisation: Gullhaven Health Partnership", "organisation: “Gullhaven Health Partnership”"
        ),
        [
            f"{HARBOUR}, field 'organisation': the whole value is wrapped in the quote marks “ and ”, which the site would "
            "show. Delete the “ at its start and the ” at its end; keep the text between them."
        ],
    ),
    (
        "A list item that lost its dash",
        lambda t: record_edited(t, WALKS, "      - 19 walkers", "        19 walkers"),
        [
            f"{HARBOUR}, field 'outcomes': this line carries on the item on line N: if it is an item of its own, its '- ' "
            "was lost. Put '- ' back at the start of this line, lined up with the '- ' above; if it is one long item, join "
            "this line to the one above."
        ],
    ),
    (
        "A quote that lost its dash",
        lambda t: record_edited(t, WALKS, "      - text: Spacery", "        text: Spacery"),
        [
            f"{HARBOUR}, quote 1, field 'text': a new item seems to start on this line without its '- ': its fields are "
            "read into the item that starts on line N, which then has 'text' twice. Put '- ' back before 'text:' on this "
            "line, lined up with the '- ' of the item above. Nothing needs deleting."
        ],
    ),
    (
        "A placeholder from the example record",
        lambda t: record_edited(t, WALKS, "attribution: A walker, aged 71", "attribution: Name, role"),
        [
            f"{HARBOUR}, quote 1, field 'attribution': 'Name, role' is the example record's placeholder, not a fact. "
            "Replace it with the real value, or delete the line: the site then shows nothing for it."
        ],
    ),
    (
        "A placeholder from new-project or new-cohort",
        lambda t: record_edited(
            t,
            WALKS,
            "organisation: Gullhaven Health Partnership",
            "organisation: REPLACE with the lead organisation's name",
        ),
        [
            f"{HARBOUR}, field 'organisation': 'REPLACE with the lead organisation's name' is a placeholder that the "
            "new-project or new-cohort command wrote, not a fact: the site would publish it as it is. Replace the whole "
            "placeholder with the lead organisation's name, or delete the line: the site then shows nothing for it."
        ],
    ),
    (
        "No space after ':'",
        lambda t: record_edited(t, WALKS, "    organisation: Gullhaven", "    organisation:Gullhaven"),
        [
            "data/projects.yaml:N: the file cannot be read: there is no space after the ':' on this line, so its field name "
            "and value run together. Put a space after 'organisation:', keeping the value."
        ],
    ),
    (
        "A '#' in text",
        lambda t: record_edited(t, WALKS, f"aim: {WALKS_AIM}", "aim: To engage men in PCN #3 and #4"),
        [
            f"{HARBOUR}, field 'aim': a space then '#' starts a note for editors, which is left out: the site would "
            "publish 'To engage men in PCN' without '#3 and #4, through weekly walks along the harbour wall.'. If '#3 and "
            "#4, through weekly walks along the harbour wall.' is part of the text, put the whole value in quote marks: "
            'aim: "To engage men in PCN #3 and #4, through weekly walks along the harbour wall." If it is a note, move it '
            "onto a line of its own above this one, starting with '#'."
        ],
    ),
    (
        "A non-breaking space after ':'",
        lambda t: record_edited(t, WALKS, "    organisation: Gullhaven", "    organisation:\u00a0Gullhaven"),
        [
            "data/projects.yaml:N: the file cannot be read: the space after the ':' on this line is a non-breaking space "
            "(U+00A0), which does not count as a space there, so its field name and value run together. Delete the space "
            "after 'organisation:' and type an ordinary space in its place, keeping the value: it usually comes with text "
            "pasted from Word or an e-mail."
        ],
    ),
    (
        "A list typed with a word processor's dashes",
        lambda t: record_edited(
            t,
            WALKS,
            "      - 48 men joined at least one walk.\n      - 19 walkers",
            "      – 48 men joined at least one walk.\n      – 19 walkers",
        ),
        [
            f"{HARBOUR}, field 'outcomes': the items start with '–' (U+2013), not the '-' that starts a list item, so "
            "they are read as one line of text. Replace the '–' at the start of each item with '-' (the hyphen key), "
            "keeping the text after it."
        ],
    ),
    (
        "An empty list of quotes",
        lambda t: re.sub(r"\n    quotes:\n(      .*\n)*", "\n    quotes:\n", t, count=1),
        [
            f"{HARBOUR}, field 'quotes': 'quotes' is empty. Put each item on the lines below it, indented, starting "
            "'- text: It has allowed us to ...' with 'attribution: Sahdia Warraich, Social Prescribing Manager' on the "
            "line under it, lined up with 'text'; or delete the line 'quotes:'."
        ],
    ),
    (
        "A quote with one of its lines commented out",
        lambda t: record_edited(t, WALKS, "      - text: Spacery", "      # - text: Spacery"),
        [
            f"{HARBOUR}, quote 1, field 'attribution': 'attribution' appears twice in this item, on line N and on line N: "
            "line N between them is commented out with '#', so the lines after it are read into the item above. Delete "
            "the '#' at the start of line N to bring that line back; to leave its item out, put '#' before each of the "
            "item's lines, this one included. Do not delete only one of the 'attribution' lines."
        ],
    ),
    (
        "A project pasted under themes:",
        # A project without a story, so that no narrative is left without its project.
        lambda t: _moved_under_themes(t, "link-worker-retention-pilot"),
        [
            "data/projects.yaml:N: theme: this item is a project (slug 'link-worker-retention-pilot'), but it is in the "
            "list of themes, which holds themes only. Move the whole item, from this line to line N, under 'projects:', "
            "lined up with the other projects' '- '. Nothing needs retyping."
        ],
    ),
    (
        "A list straight after its paragraph",
        lambda t: record_edited(t, WALKS, "not in a surgery.\n\n      - 48 men", "not in a surgery.\n      - 48 men"),
        [
            f"{HARBOUR}, field 'summary': this list starts straight after a paragraph, so Markdown runs it on into the "
            "paragraph. Put an empty line before the list."
        ],
    ),
    (
        "A paragraph indented by 4 spaces",
        lambda t: record_edited(
            t, WALKS, "not in a surgery.\n", "not in a surgery.\n\n          They walked in all weathers.\n"
        ),
        [
            f"{HARBOUR}, field 'summary': this line starts with 4 spaces or more (or a tab) after an empty line, so "
            "Markdown shows it as computer code in a box, not as text. Delete the spaces at the start of the line, and "
            "of the indented lines under it, keeping the text."
        ],
    ),
    (
        "Spaces at the end of a line",
        lambda t: record_edited(t, WALKS, "Walkers met a link\n", "Walkers met a link  \n"),
        [
            f"{HARBOUR}, field 'summary': this line ends with spaces, which Markdown turns into a line break that "
            "nothing on the line shows. Delete the spaces at the end of the line. If the next line should start on a "
            "line of its own, leave an empty line before it."
        ],
    ),
    (
        "An HTML comment",
        lambda t: record_edited(
            t, WALKS, "      Read the [partner", "      <!-- check with the team -->\n      Read the [partner"
        ),
        [
            f"{HARBOUR}, field 'summary': '<!--' starts an HTML comment, which the site does not hide: the words up "
            "to '-->' would be published as typed. Delete the comment, from '<!--' to '-->'. To keep a note for "
            "editors, write it on a line of its own above 'summary:', starting with '#'."
        ],
    ),
    (
        "HTML in a summary or a page",
        lambda t: record_edited(t, WALKS, "**six months**", "<b>six months</b>"),
        [
            f"{HARBOUR}, field 'summary': '<b>' is HTML, which the site shows as typed. Editors write Markdown: for "
            "bold, write **words**. EDITING.md shows bold, links, lists and headings."
        ],
    ),
    (
        "A heading with one '#'",
        lambda t: record_edited(
            t, WALKS, "      Read the [partner", "      # What we found\n\n      Read the [partner"
        ),
        [
            f"{HARBOUR}, field 'summary': a heading with one '#' is a page's title, and this text has its title "
            "already. Start the line with '## ' instead."
        ],
    ),
    (
        "A character that shows nothing",
        lambda t: record_edited(t, WALKS, "name: Harbour Walks", "name: Harbour\u200b Walks"),
        [
            f"{HARBOUR}, field 'name': 'Harbour<U+200B> Walks' holds a character that shows nothing (zero width "
            "space, U+200B): it usually comes with text copied from a web page or a document, and the site would "
            "publish it as a different text than it looks. Put the cursor straight after 'Harbour' and press Delete "
            "once: the character goes, and nothing you can see changes."
        ],
    ),
]


def _moved_under_themes(text: str, slug: str) -> str:
    """projects.yaml's text with one project's record moved to the end of the list of themes."""
    start, end = record_span(text, slug)
    record = text[start:end].rstrip("\n") + "\n"
    text = text[:start] + text[end:]
    return text.replace("\nprojects:\n", f"\n{record}\nprojects:\n", 1)


def without_line_numbers(line: str) -> str:
    return re.sub(r"^(\S+?):\d+:", r"\1:N:", re.sub(r"line \d+", "line N", line.strip()))


def masked(line: str) -> str:
    """A message with what belongs to one programme masked: quoted names and ids, a cohort's or
    narrative's file name, the lists of choices and the example list, and the programme's words and
    name for its areas ("list of district names", `areas:`)."""
    line = re.sub(r"\(list of .+? names\)", "(list of … names)", line)
    line = re.sub(r"(Write it like this: |aim, )[a-z]+(: |, organisation)", r"\1…\2", line)
    line = re.sub(r"content/(cohorts|projects)/[^\s:']+\.md", r"content/\1/….md", line)
    line = re.sub(r"Use one of: .*?(, or |\.$)", r"Use one of: …\1", line)
    line = re.sub(r'"[^"]*"', '"…"', line)
    line = re.sub(r"'[^']*'", "'…'", line)
    return re.sub(r"\[[^\]]*\]$", "[…]", line)


def guide_messages(title: str) -> list[str]:
    guide = (REPO / "EDITING.md").read_text("utf-8")
    block = search_or_fail(rf"^### {re.escape(title)}\n\n```text\n(.*?)\n```", guide, re.S | re.M).group(1)
    return [without_line_numbers(line) for line in block.splitlines()]


def printed_problems(root: Path) -> list[str]:
    return [without_line_numbers(line) for line in problem_lines(showcase_command(root, "check").stderr)]


@pytest.mark.parametrize("title, mutate, expected", GUIDE_CASES, ids=[case[0] for case in GUIDE_CASES])
def test_editing_guide_shows_each_common_problem_exactly_as_printed(
    fixture_copy: Path, title: str, mutate: Mutation, expected: list[str]
):
    data = fixture_copy / "data/projects.yaml"
    data.write_text(mutate(data.read_text("utf-8")), "utf-8")
    printed = printed_problems(fixture_copy)
    assert printed == expected
    assert [masked(line) for line in printed] == [masked(line) for line in guide_messages(title)]


def test_editing_guide_shows_the_broken_link_message_exactly(fixture_copy: Path):
    story = fixture_copy / "content/projects/harbour-walks.md"
    story.write_text(story.read_text("utf-8") + "\nSee [the bus](coast-and-country.md).\n", "utf-8")
    printed = printed_problems(fixture_copy)
    assert printed == [
        "content/projects/harbour-walks.md:N: this link points at 'coast-and-country.md', which is not a "
        "file of the site. Check the spelling against the file names in content/ (a project's page is "
        "'projects/<slug>.md'), or use the full address starting https://."
    ]
    assert [masked(line) for line in printed] == [
        masked(line) for line in guide_messages("A link to a page that does not exist")
    ]


def test_editing_guide_shows_the_orphan_narrative_message_exactly(fixture_copy: Path):
    (fixture_copy / "content/projects/harbour-walk.md").write_text("## A story\n", "utf-8")
    printed = printed_problems(fixture_copy)
    assert printed == [
        "content/projects/harbour-walk.md: this narrative has no project with the slug 'harbour-walk' in "
        "data/projects.yaml (did you mean 'harbour-walks'?). Rename the file to '<slug>.md' using the "
        "project's slug, add the project's record, or delete the file if the project was removed."
    ]
    assert [masked(line) for line in printed] == [
        masked(line) for line in guide_messages("A narrative file with no project")
    ]


def test_borough_messages_give_examples_from_the_programmes_own_geography(
    fixture_copy: Path, fixture_programme: Programme
):
    edit_record(fixture_copy, WALKS, "[Gullhaven]", "[Gulhaven]")
    edit_record(fixture_copy, "zest-peer-mentors", f"{NAMES.areas}: [Coldharbour]", f"{NAMES.areas}: Coldharbour")
    printed = printed_problems(fixture_copy)
    examples = [
        match.group(1)
        for line in printed
        if (match := re.search(r"as the geography file does, e\.g\. '([^']*)'\.$", line))
    ]
    examples += [
        name.strip()
        for line in printed
        if (match := re.search(rf"Write it like this: {NAMES.areas}: \[([^\]]*)\]$", line))
        for name in match.group(1).split(",")
    ]
    assert len(printed) == 2 and len(examples) >= 2, printed
    assert set(examples) <= {area.name for area in fixture_programme.areas}, examples
