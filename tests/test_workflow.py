"""The publish workflow (.github/workflows/): linted here, so a broken workflow fails in the test
suite, not on the day of publication; and kept to the repository's own commands and contracts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from site_builds import REPO

WORKFLOWS = REPO / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"  # installed by requirements-test.txt


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    assert ACTIONLINT.is_file(), "actionlint is missing: run scripts/setup --test"
    assert shutil.which("shellcheck"), "shellcheck is missing: run scripts/setup --test"
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, files)], capture_output=True, text=True, cwd=REPO)


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_every_workflow_passes_actionlint():
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert PUBLISH in files
    result = actionlint(*files)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_actionlint_refuses_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / ".github/workflows/publish.yml"
    broken.parent.mkdir(parents=True)
    text = PUBLISH.read_text("utf-8")
    broken.write_text(
        text.replace("runs-on: ubuntu-latest", "run-on: ubuntu-latest", 1).replace(
            "github.event_name != 'pull_request'", "github.event_nam != 'pull_request'", 1
        ),
        "utf-8",
    )
    result = actionlint(broken)
    assert result.returncode == 1
    assert '"runs-on" section is missing' in result.stdout
    assert "event_nam" in result.stdout


def test_the_workflow_runs_the_repositorys_own_commands_and_publishes_only_from_main():
    workflow = yaml.safe_load(PUBLISH.read_text("utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    commands = [step["run"] for step in steps(build) if "run" in step]
    assert commands == ["scripts/check", "scripts/build", "scripts/test"]
    build_step = next(step for step in steps(build) if step.get("run") == "scripts/build")
    assert set(build_step["env"]) == {"SHOWCASE_SITE_URL", "SHOWCASE_REPOSITORY"}
    preview = next(step for step in steps(build) if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert preview["if"] == "github.event_name == 'pull_request'" and preview["with"]["path"] == "site/"
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}


def test_the_pdf_cache_the_workflow_keeps_is_the_one_the_build_uses():
    workflow = yaml.safe_load(PUBLISH.read_text("utf-8"))
    cache = next(step for step in steps(workflow["jobs"]["build"]) if step.get("uses", "").startswith("actions/cache@"))
    hook = (REPO / "hooks/pdf.py").read_text("utf-8")
    assert 'CACHE_DIR = Path(".cache") / "showcase-pdf"' in hook
    assert cache["with"]["path"] == ".cache/showcase-pdf"
    # A run saves its own entry and restores the newest made with the same pinned packages.
    assert "hashFiles('requirements.txt')" in cache["with"]["key"] and "github.run_id" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
