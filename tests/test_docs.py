"""The documents newcomers and editors rely on stay true to the code."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import subprocess
from pathlib import Path

import pytest

from page_text import search_or_fail
from showcase.fields import (
    COHORT_FIELDS,
    GEOGRAPHY_FIELDS,
    ICB_FIELDS,
    LINK_FIELDS,
    PROJECT_FIELDS,
    QUOTE_FIELDS,
    REMOVED_PROJECT_FIELDS,
    THEME_FIELDS,
)
from showcase.loading.load_geography import TERM_FIELDS

REPO = Path(__file__).resolve().parent.parent


def first_code_block(markdown: str) -> list[str]:
    block = search_or_fail(r"^```[^\n]*\n(.*?)^```", markdown, re.S | re.M).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_readme_quick_start_holds_exactly_two_commands_and_ci_runs_the_second():
    readme = (REPO / "README.md").read_text("utf-8")
    assert readme.index("## Quick start") < readme.index("```")
    build_command, test_command = first_code_block(readme)
    assert (REPO / build_command.split()[0]).is_file()
    ci_commands = [
        line
        for line in (REPO / ".ci/run").read_text().splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert ci_commands == [test_command]


@pytest.mark.parametrize(
    "title, fields",
    [
        ("Project fields", PROJECT_FIELDS),
        ("Quote fields", QUOTE_FIELDS),
        ("Link fields", LINK_FIELDS),
        ("Theme fields", THEME_FIELDS),
        ("Removed project fields", REMOVED_PROJECT_FIELDS),
        ("Cohort fields", COHORT_FIELDS),
        ("Area fields", GEOGRAPHY_FIELDS),
        ("Group fields", ICB_FIELDS),
        ("Label fields", TERM_FIELDS),
    ],
)
def test_editing_guide_lists_every_field_of_the_contract(title: str, fields: dict):
    guide = (REPO / "EDITING.md").read_text("utf-8")
    section = guide[guide.index(f"### {title}") :]
    section = section[: section.find("\n### ", 1) if "\n### " in section[1:] else None]
    rows = re.findall(r"^\| `([a-z_0-9]+)` \| ([^|]+) \| (yes|no) \|", section, re.M)
    assert [(name, kind.strip(), required == "yes") for name, kind, required in rows] == [
        (name, spec.kind, spec.required) for name, spec in fields.items()
    ]


def test_the_source_check_finds_an_aim_not_word_for_word_in_its_source(fixture_copy):
    """tools/check-sources, the check that each sourced value is in its source's stored text."""
    loader = importlib.machinery.SourceFileLoader("check_sources", str(REPO / "tools/check-sources"))
    spec = importlib.util.spec_from_loader("check_sources", loader)
    assert spec is not None
    check_sources = importlib.util.module_from_spec(spec)
    loader.exec_module(check_sources)
    assert check_sources.main([str(fixture_copy)]) == 0
    stored = fixture_copy / "data/sources/fernshire-connectors-first-cohort.txt"
    stored.write_text(stored.read_text("utf-8").replace("weekly walks", "daily walks"), "utf-8")
    assert check_sources.main([str(fixture_copy)]) == 1


SHOWCASE = REPO / "hooks/showcase"
# A module map's line names a module or folder first: "    load.py   what it does" or "- load.py: ...".
MAP_ENTRY = re.compile(r"^(?:    |- )?([a-z_]+\.py|[a-z_]+/)[: ]", re.M)


def _package_maps() -> list[Path]:
    return sorted(SHOWCASE.rglob("__init__.py"))


@pytest.mark.parametrize("init", _package_maps(), ids=lambda path: path.parent.relative_to(REPO).as_posix())
def test_each_module_map_names_every_module_and_folder_beside_it_and_nothing_else(init: Path):
    named = set(MAP_ENTRY.findall(init.read_text("utf-8").split('"""')[1]))
    there = {path.name for path in init.parent.glob("*.py") if path.name != "__init__.py"}
    there |= {f"{path.parent.name}/" for path in init.parent.glob("*/__init__.py")}
    assert named == there, f"{init.relative_to(REPO)}: name {sorted(there - named)}; not there: {sorted(named - there)}"


def test_every_hook_mkdocs_runs_is_named_in_the_readme():
    config = (REPO / "showcase.yml").read_text("utf-8")
    hooks = re.findall(r"^  - (hooks/[a-z_]+\.py)$", config, re.M)
    readme = (REPO / "README.md").read_text("utf-8")
    assert hooks == sorted(hooks, key=config.index) and len(hooks) >= 5
    assert [hook for hook in hooks if f"`{hook}`" not in readme] == []
    assert {path.relative_to(REPO).as_posix() for path in (REPO / "hooks").glob("*.py")} == set(hooks)


def _tracked_texts() -> list[Path]:
    """The kit's own files git holds, but the tests (which write files of their own to copies) and
    the programme's content (data/ and content/, the comms team's: tests of the kit never read it)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    suffixes = {".py", ".md", ".yml", ".toml", ".txt", ".html", ".js", ".css", ""}
    paths = [REPO / name for name in listed.decode().split("\0") if name]
    return [
        path
        for path in paths
        if path.suffix in suffixes
        and path.is_file()
        and path.parts[len(REPO.parts)] not in ("tests", "data", "content")
    ]


def test_every_path_of_the_kit_a_comment_or_document_names_exists():
    """A comment, the README or a module map that names a module, hook, template or script names
    one that is there: a move or a rename cannot leave a stale pointer behind."""
    named_path = re.compile(r"\b((?:hooks|theme|scripts|tools|bench|tests)/[\w./-]*\w)")
    stale = sorted(
        f"{text.relative_to(REPO)}: {name}"
        for text in _tracked_texts()
        for name in set(named_path.findall(text.read_text("utf-8", errors="replace")))
        if not any(char in name for char in "*<{")
        and not (REPO / name).exists()
        and not (REPO / name).parent.joinpath(Path(name).name.split(".")[0]).exists()
    )
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *{line.split(": ")[1] for line in stale}],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert [line for line in stale if line.split(": ")[1] not in ignored] == []
