"""The publish workflow (.github/workflows/): linted here, so a broken workflow fails in the test
suite, not on the day of publication; and kept to the repository's own commands and contracts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_builds import REPO
from test_open_data import git_commit_everything

WORKFLOWS = REPO / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"  # installed by requirements-test.txt


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    assert ACTIONLINT.is_file(), "actionlint is missing: run scripts/setup --test"
    assert shutil.which("shellcheck"), "shellcheck is missing: run scripts/setup --test"
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, files)], capture_output=True, text=True, cwd=REPO)


DEPENDABOT = REPO / ".github" / "dependabot.yml"
HISTORY_CHECK = "Check git can read the whole history"
# `uses: owner/repo@<the release's full commit> # v1.2.3`: a tag can be moved to other code.
PINNED = re.compile(r"\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+")


def steps(job: dict) -> list[dict]:
    return job["steps"]


def history_check(workflow: dict) -> str:
    """The script of the build job's step that checks git can read the whole history."""
    return next(step["run"] for step in steps(workflow["jobs"]["build"]) if step.get("name") == HISTORY_CHECK)


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
    assert commands == [history_check(workflow), "scripts/check", "scripts/build", "scripts/test"]
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


def test_every_action_is_pinned_by_its_releases_full_commit_with_the_version_beside_it():
    for file in sorted(WORKFLOWS.glob("*.y*ml")):
        workflow = yaml.safe_load(file.read_text("utf-8"))
        used = [step["uses"] for job in workflow["jobs"].values() for step in steps(job) if "uses" in step]
        lines = [line for line in file.read_text("utf-8").splitlines() if re.match(r"\s*(- )?uses:", line)]
        assert used and len(lines) == len(used), file.name
        unpinned = [line.strip() for line in lines if not PINNED.fullmatch(line)]
        assert unpinned == [], f"{file.name}: pin each action by its release's full commit: {unpinned}"


def test_dependabot_keeps_the_actions_and_the_python_packages_fresh():
    config = yaml.safe_load(DEPENDABOT.read_text("utf-8"))
    assert config["version"] == 2
    updates = {(update["package-ecosystem"], update["directory"]): update for update in config["updates"]}
    assert set(updates) == {("github-actions", "/"), ("pip", "/")}
    assert {update["schedule"]["interval"] for update in updates.values()} == {"weekly"}
    # requirements.txt holds click below 8.2.2 (MkDocs 1.6.1 breaks on it): Dependabot must too.
    assert "click stays below 8.2.2" in (REPO / "requirements.txt").read_text("utf-8")
    assert {"dependency-name": "click", "versions": [">=8.2.2"]} in updates[("pip", "/")]["ignore"]


def run_history_check(root: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """The workflow's history check, run by bash as the runner runs a step (`bash -e`), in the
    checkout at `root`, with a global git config of its own under `home`."""
    script = history_check(yaml.safe_load(PUBLISH.read_text("utf-8")))
    env = {**os.environ, "GITHUB_WORKSPACE": str(root), "GIT_CONFIG_GLOBAL": str(home / "gitconfig"), "LC_ALL": "C"}
    return subprocess.run(["bash", "-e", "-c", script], cwd=root, capture_output=True, text=True, env=env)


def test_the_workflow_builds_only_from_a_whole_history_git_can_read(tmp_path: Path):
    workflow = yaml.safe_load(PUBLISH.read_text("utf-8"))
    build = steps(workflow["jobs"]["build"])
    names = [step.get("name") or step.get("uses", "") for step in build]
    assert names[0].startswith("actions/checkout@") and build[0]["with"]["fetch-depth"] == 0
    assert names.index(HISTORY_CHECK) == 1 < names.index("Build the site")
    repository = tmp_path / "repository"
    repository.mkdir()
    (repository / "a.txt").write_text("a\n", "utf-8")
    git_commit_everything(repository, "2024-02-03T12:00:00Z")
    (repository / "a.txt").write_text("b\n", "utf-8")
    git_commit_everything(repository, "2024-03-09T12:00:00Z")
    error = "::error::git cannot read the whole history (see above): the pages' dates would be missing or wrong."

    # A shallow clone: the build would date every project by its one commit.
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(shallow)], check=True)
    result = run_history_check(shallow, tmp_path)
    assert result.returncode == 1 and result.stdout == error + "\n"

    # A checkout git cannot read at all.
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / ".git").write_text(f"gitdir: {tmp_path / 'missing'}\n", "utf-8")
    result = run_history_check(broken, tmp_path)
    assert result.returncode != 0 and f"fatal: not a git repository: {tmp_path / 'missing'}" in result.stderr

    # The whole history, in a folder another user owns (as the runner's workspace is in the
    # container, which runs as root): the step marks it safe, and git reads it.
    if os.geteuid() != 0:
        pytest.skip("only root can give a folder to another user")
    os.chown(repository, 12345, 12345)
    refused = subprocess.run(
        ["git", "log", "-1"],
        cwd=repository,
        capture_output=True,
        text=True,
        env={**os.environ, "GIT_CONFIG_GLOBAL": str(tmp_path / "empty")},
    )
    assert "detected dubious ownership" in refused.stderr
    result = run_history_check(repository, tmp_path)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
