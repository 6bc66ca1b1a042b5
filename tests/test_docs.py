"""The documents newcomers and editors rely on stay true to the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from showcase.fields import COHORT_FIELDS, LINK_FIELDS, PROJECT_FIELDS, QUOTE_FIELDS, THEME_FIELDS
from showcase.load import ProgrammeSources, load_programme

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def first_code_block(markdown: str) -> list[str]:
    block = re.search(r"^```[^\n]*\n(.*?)^```", markdown, re.S | re.M).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_readme_quick_start_holds_exactly_two_commands_and_ci_runs_the_second():
    readme = (REPO / "README.md").read_text("utf-8")
    assert readme.index("## Quick start") < readme.index("```")
    build_command, test_command = first_code_block(readme)
    assert (REPO / build_command.split()[0]).is_file()
    ci_commands = [line for line in (REPO / ".ci/run").read_text().splitlines()
                   if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert ci_commands == [test_command]


@pytest.mark.parametrize("title, fields", [
    ("Project fields", PROJECT_FIELDS), ("Quote fields", QUOTE_FIELDS), ("Link fields", LINK_FIELDS),
    ("Theme fields", THEME_FIELDS), ("Cohort fields", COHORT_FIELDS),
])
def test_editing_guide_lists_every_field_of_the_contract(title: str, fields: dict):
    guide = (REPO / "EDITING.md").read_text("utf-8")
    section = guide[guide.index(f"### {title}"):]
    section = section[: section.find("\n### ", 1) if "\n### " in section[1:] else None]
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \| (yes|no) \|", section, re.M)
    assert [(name, kind.strip(), required == "yes") for name, kind, required in rows] == [
        (name, spec.kind, spec.required) for name, spec in fields.items()
    ]


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="the programme's source documents are not beside this checkout")
def test_aims_and_programme_quotes_are_word_for_word_from_the_sources():
    sources = " ".join(
        " ".join(path.read_text("utf-8").split()) for path in [*sorted((SHARED / "seeds").glob("*")), SHARED / "facts.md"]
    )
    programme = load_programme(ProgrammeSources.in_folder(REPO))
    for project in programme.projects:
        assert project.aim in sources, project.slug
        for quote in project.quotes:
            assert quote.text in sources, quote.text
    for cohort in programme.cohorts:
        for quote in cohort.quotes:
            assert quote.text in sources, quote.text
