"""The comms team's tools: the editor's schema, the check command, the scaffolds, live preview."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Callable

import jsonschema
import pytest
import yaml

from conftest import REPO, run_mkdocs_build
from showcase.load import ProgrammeSources, load_programme
from showcase.problems import ContentProblems
from showcase.schema import cohort_schema, projects_schema, schema_text

MENS = "mens-project-tower-hamlets"


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks")}
    return subprocess.run([sys.executable, "-m", "showcase.cli", "--root", str(root), *args],
                          capture_output=True, text=True, env=env, timeout=60)


def edit_record(text: str, slug: str, old: str, new: str) -> str:
    """Replace `old` with `new` inside one project's record only."""
    start = text.index(f"  - slug: {slug}\n")
    end = text.find("\n  - slug:", start + 1)
    end = len(text) if end < 0 else end
    record = text[start:end]
    assert old in record, f"{old!r} is not in {slug}'s record"
    return text[:start] + record.replace(old, new, 1) + text[end:]


# -- the schema ------------------------------------------------------------------------------

def test_committed_schemas_are_up_to_date_with_the_model():
    programme = load_programme(ProgrammeSources.in_folder(REPO))
    assert (REPO / "data/schema/projects.schema.json").read_text("utf-8") == schema_text(projects_schema(programme)), \
        "data/schema/projects.schema.json is out of date: run scripts/check to regenerate it"
    assert (REPO / "data/schema/cohort.schema.json").read_text("utf-8") == schema_text(cohort_schema())


def test_projects_file_names_its_schema_on_its_first_line():
    first_line = (REPO / "data/projects.yaml").read_text("utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schema/projects.schema.json"
    assert (REPO / "data" / "schema/projects.schema.json").is_file()


FULL_RECORD = """
  - slug: every-field
    name: Every field
    cohort: 2022-23
    theme: impact
    aim: To show every field.
    boroughs: [Camden, Ealing]
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
    unconfirmed: [boroughs, pcn]
"""

Mutation = Callable[[str], str]
# (name, change to data/projects.yaml, the loader accepts it)
FIXTURES: list[tuple[str, Mutation, bool]] = [
    ("the real data", lambda t: t, True),
    ("a project named NO", lambda t: edit_record(t, MENS, "name: Men’s project (Tower Hamlets)", "name: NO"), True),
    ("a record with every field", lambda t: t + FULL_RECORD, True),
    ("an unknown theme", lambda t: edit_record(t, MENS, "theme: access", "theme: acess"), False),
    ("an unknown borough", lambda t: edit_record(t, MENS, "[Tower Hamlets]", "[Tower Hamlet]"), False),
    ("an unknown cohort", lambda t: edit_record(t, MENS, "cohort: 2022-23", "cohort: 2023-24"), False),
    ("a missing aim", lambda t: re.sub(r"    aim: To engage men[^\n]*\n", "", t), False),
    ("an empty aim", lambda t: re.sub(r"(    aim: )To engage men[^\n]*", r'\1""', t), False),
    ("a misspelt key", lambda t: edit_record(t, MENS, "    outcomes:", "    outcome:"), False),
    ("a malformed slug", lambda t: t.replace(f"slug: {MENS}", "slug: Mens_Project"), False),
    ("a list given as text", lambda t: edit_record(t, MENS, "boroughs: [Tower Hamlets]", "boroughs: Tower Hamlets"), False),
    ("a quote source that is not an address", lambda t: t.replace(
        "source: https://www.gpcaregroup.org/news/our-partnership", "source: gpcaregroup news/our-partnership", 1), False),
    ("an unknown field marked unconfirmed", lambda t: edit_record(t, MENS, "unconfirmed: [theme]", "unconfirmed: [aim]"), False),
]
# Rules JSON Schema cannot express; the loader alone refuses these.
LOADER_ONLY: list[tuple[str, Mutation]] = [
    ("a slug used twice", lambda t: t + FULL_RECORD.replace("every-field", MENS)),
    ("a key written twice", lambda t: edit_record(t, MENS, "    theme: access\n", "    theme: access\n    theme: impact\n")),
    ("an unconfirmed field the record lacks", lambda t: edit_record(t, MENS, "unconfirmed: [theme]", "unconfirmed: [pcn]")),
]


def loader_accepts(root: Path, text: str) -> bool:
    (root / "data/projects.yaml").write_text(text, "utf-8")
    try:
        load_programme(ProgrammeSources.in_folder(root))
    except ContentProblems:
        return False
    return True


def schema_accepts(text: str) -> bool:
    schema = json.loads((REPO / "data/schema/projects.schema.json").read_text("utf-8"))
    # Every value in projects.yaml is text, as the loader reads it.
    data = yaml.load(text, Loader=yaml.BaseLoader)
    return jsonschema.Draft202012Validator(schema).is_valid(data)


@pytest.mark.parametrize("name, mutate, valid", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_schema_and_loader_agree(project_copy: Path, name: str, mutate: Mutation, valid: bool):
    text = mutate((REPO / "data/projects.yaml").read_text("utf-8"))
    assert loader_accepts(project_copy, text) is valid
    assert schema_accepts(text) is valid


@pytest.mark.parametrize("name, mutate", LOADER_ONLY, ids=[f[0] for f in LOADER_ONLY])
def test_loader_refuses_what_the_schema_cannot_express(project_copy: Path, name: str, mutate: Mutation):
    text = mutate((REPO / "data/projects.yaml").read_text("utf-8"))
    assert not loader_accepts(project_copy, text)


# -- the check command ---------------------------------------------------------------------------

def problem_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if re.match(r"\s+(data|content)/\S+:\d*:? ", line)]


def test_check_prints_exactly_the_problems_the_build_prints(project_copy: Path):
    data = project_copy / "data/projects.yaml"
    text = edit_record(data.read_text("utf-8"), MENS, "theme: access", "theme: acess")
    data.write_text(edit_record(text, MENS, "    outcomes:", "    outcome:"), "utf-8")
    (project_copy / "content/projects/no-such-project.md").write_text("## Orphan\n", "utf-8")

    checked = cli(project_copy, "check")
    built = run_mkdocs_build(project_copy)

    assert checked.returncode == 1 and built.returncode == 1
    assert len(problem_lines(checked.stderr)) == 3
    assert problem_lines(checked.stderr) == problem_lines(built.output)
    assert "The showcase content has 3 problems" in checked.stderr


def test_check_passes_clean_content(project_copy: Path):
    checked = cli(project_copy, "check")
    assert checked.returncode == 0, checked.stderr
    assert re.search(r"All good: 12 projects, 1 cohort and 3 themes checked in \d+\.\d\d s\.", checked.stdout)


# -- the scaffolds -------------------------------------------------------------------------------

def test_new_project_leaves_the_rest_of_the_file_byte_for_byte(project_copy: Path):
    data = project_copy / "data/projects.yaml"
    before = data.read_bytes()
    result = cli(project_copy, "new-project", "--name", "A new project: with a colon", "--cohort", "2022-23",
                 "--theme", "impact", "--aim", "To test ‘quotes’ and: colons.", "--narrative")
    assert result.returncode == 0, result.stderr
    after = data.read_bytes()
    assert after.startswith(before)
    added = after[len(before):].decode("utf-8")
    assert added.startswith("\n  - slug: a-new-project-with-a-colon\n")
    for field in ("boroughs", "organisation", "partners", "pcn", "summary", "outcomes", "quotes", "links", "tags", "unconfirmed"):
        assert f"# {field}:" in added, field
    project = next(p for p in load_programme(ProgrammeSources.in_folder(project_copy)).projects
                   if p.slug == "a-new-project-with-a-colon")
    assert project.aim == "To test ‘quotes’ and: colons." and project.name == "A new project: with a colon"
    assert (project_copy / "content/projects/a-new-project-with-a-colon.md").is_file()
    assert run_mkdocs_build(project_copy).returncode == 0


def test_new_project_inserts_before_text_that_follows_the_list(project_copy: Path):
    data = project_copy / "data/projects.yaml"
    text = data.read_text("utf-8")
    # Move `themes:` after `projects:` so the list does not end the file.
    themes = text[text.index("\nthemes:\n") + 1:text.index("# The programme has not published")]
    data.write_text(text.replace(themes, "") + "\n" + themes, "utf-8")
    before = data.read_text("utf-8")
    assert cli(project_copy, "new-project", "--name", "Middle", "--cohort", "2022-23", "--theme", "access",
               "--aim", "To sit in the middle.").returncode == 0
    after = data.read_text("utf-8")
    inserted_at = after.index("\n  - slug: middle\n")
    assert after[:inserted_at] + after[after.index("\n", after.index("# unconfirmed:", inserted_at)) + 1:] == before
    assert load_programme(ProgrammeSources.in_folder(project_copy))


def test_new_project_refuses_a_duplicate_and_a_misspelt_theme_and_changes_nothing(project_copy: Path):
    data = project_copy / "data/projects.yaml"
    before = data.read_bytes()
    duplicate = cli(project_copy, "new-project", "--name", "x", "--slug", MENS, "--cohort", "2022-23", "--theme", "access", "--aim", "x")
    misspelt = cli(project_copy, "new-project", "--name", "x", "--cohort", "2022-23", "--theme", "acess", "--aim", "x")
    assert duplicate.returncode == misspelt.returncode == 1
    assert f"a project with the slug '{MENS}' already exists" in duplicate.stderr
    assert "'acess' is not a theme (did you mean 'access'?)" in misspelt.stderr
    assert data.read_bytes() == before


def test_new_cohort_makes_a_file_the_build_accepts(project_copy: Path):
    assert cli(project_copy, "new-cohort", "2024-25", "--title", "2024/25 cohort").returncode == 0
    data = project_copy / "data/projects.yaml"
    data.write_text(edit_record(data.read_text("utf-8"), MENS, "cohort: 2022-23", "cohort: 2024-25"), "utf-8")
    build = run_mkdocs_build(project_copy)
    assert build.returncode == 0, build.output
    assert "2024/25 cohort" in build.html("cohorts/2024-25/")
    assert "Projects funded</dt><dd>1<" in build.html("cohorts/2024-25/").replace("\n", "")


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


def test_live_preview_rebuilds_on_data_changes_and_survives_a_broken_file(project_copy: Path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project_copy, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "SHOWCASE_PDF": "0"},
    )
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(server.stdout), daemon=True).start()
    url = f"http://127.0.0.1:{port}/projects/{MENS}/"
    data = project_copy / "data/projects.yaml"
    original = data.read_text("utf-8")
    try:
        wait_for(url, "To engage men of all ages")
        data.write_text(original.replace("To engage men of all ages", "To engage men of every age"), "utf-8")
        wait_for(url, "To engage men of every age")

        data.write_text(edit_record(original, MENS, "theme: access", "theme: acess"), "utf-8")
        deadline = time.monotonic() + 60
        while not any("'acess' is not a theme" in line for line in log) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert any("'acess' is not a theme (did you mean 'access'?)" in line for line in log), "".join(log)
        assert server.poll() is None, "the server stopped on a broken file"

        data.write_text(original.replace("To engage men of all ages", "To engage men, whatever their age,"), "utf-8")
        wait_for(url, "To engage men, whatever their age,")
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)


# -- the editing guide's common problems ---------------------------------------------------------

GUIDE_CASES: list[tuple[str, Mutation]] = [
    ("A misspelt theme", lambda t: edit_record(t, MENS, "theme: access", "theme: acess")),
    ("A misspelt borough", lambda t: edit_record(t, MENS, "[Tower Hamlets]", "[Tower Hamlet]")),
    ("A misspelt field name", lambda t: edit_record(t, MENS, "    outcomes:", "    outcome:")),
    ("A required field left out", lambda t: re.sub(r"    aim: To engage men[^\n]*\n", "", t)),
    ("A field written twice", lambda t: edit_record(t, MENS, "    theme: access\n", "    theme: access\n    theme: impact\n")),
    ("A tab used to indent", lambda t: edit_record(t, MENS, "    organisation:", "\torganisation:")),
    ("A quote mark never closed", lambda t: edit_record(t, MENS, "name: Men’s project (Tower Hamlets)", 'name: "Men’s project (Tower Hamlets)')),
    ("Text with ': ' not in quotes", lambda t: edit_record(t, MENS, "name: Men’s project (Tower Hamlets)", "name: Men’s project: Tower Hamlets")),
    ("A list written as plain text", lambda t: edit_record(t, MENS, "boroughs: [Tower Hamlets]", "boroughs: Tower Hamlets")),
    ("A slug with capitals or spaces", lambda t: t.replace(f"slug: {MENS}", "slug: Mens Project")),
    ("A cohort with no file", lambda t: edit_record(t, MENS, "cohort: 2022-23", "cohort: 2024-25")),
]


def without_line_numbers(line: str) -> str:
    return re.sub(r"^(\S+?):\d+:", r"\1:", re.sub(r"line \d+", "line N", line.strip()))


def guide_messages(title: str) -> list[str]:
    guide = (REPO / "EDITING.md").read_text("utf-8")
    block = re.search(rf"^### {re.escape(title)}\n\n```text\n(.*?)\n```", guide, re.S | re.M).group(1)
    return [without_line_numbers(line) for line in block.splitlines()]


@pytest.mark.parametrize("title, mutate", GUIDE_CASES, ids=[case[0] for case in GUIDE_CASES])
def test_editing_guide_shows_each_common_problem_exactly_as_printed(project_copy: Path, title: str, mutate: Mutation):
    data = project_copy / "data/projects.yaml"
    data.write_text(mutate(data.read_text("utf-8")), "utf-8")
    printed = [without_line_numbers(line) for line in problem_lines(cli(project_copy, "check").stderr)]
    assert printed and printed == guide_messages(title)


def test_editing_guide_shows_the_orphan_narrative_message_exactly(project_copy: Path):
    (project_copy / "content/projects/mens-project.md").write_text("## A story\n", "utf-8")
    printed = [without_line_numbers(line) for line in problem_lines(cli(project_copy, "check").stderr)]
    assert printed == guide_messages("A narrative file with no project")
