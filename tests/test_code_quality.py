"""Lint, format and types, run with the suite: ruff and mypy as pyproject.toml configures them.

The tools are the pinned ones in the test environment (requirements-test.txt), run as modules of
this interpreter, so the suite uses the same versions on every machine and in CI. Each test fails
with the tool's own report: run the command it names to see or fix the findings.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_tool(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing_to_lint():
    result = run_tool("ruff", "check", "--no-fix", "--output-format", "concise")
    assert result.returncode == 0, (
        f"ruff check found problems (`.venv/bin/ruff check --fix` fixes the safe ones):\n{result.stdout}{result.stderr}"
    )


def test_the_code_is_formatted_by_ruff():
    result = run_tool("ruff", "format", "--check")
    assert result.returncode == 0, (
        f"these files are not formatted (`.venv/bin/ruff format` formats them):\n{result.stdout}{result.stderr}"
    )


def test_mypy_finds_no_type_errors():
    result = run_tool("mypy")
    assert result.returncode == 0, f"mypy (on the files pyproject.toml names) found:\n{result.stdout}{result.stderr}"
