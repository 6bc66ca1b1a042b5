"""The documents newcomers and editors rely on stay true to the code."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
from pathlib import Path

import pytest

from page_text import search_or_fail
from showcase.fields import (
    COHORT_FIELDS,
    LINK_FIELDS,
    PROJECT_FIELDS,
    QUOTE_FIELDS,
    REMOVED_PROJECT_FIELDS,
    THEME_FIELDS,
)

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
    ],
)
def test_editing_guide_lists_every_field_of_the_contract(title: str, fields: dict):
    guide = (REPO / "EDITING.md").read_text("utf-8")
    section = guide[guide.index(f"### {title}") :]
    section = section[: section.find("\n### ", 1) if "\n### " in section[1:] else None]
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \| (yes|no) \|", section, re.M)
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
