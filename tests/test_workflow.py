"""The publish workflow (.github/workflows/): linted here, so a broken workflow fails in the test
suite, not on the day of publication; and kept to the repository's own commands and contracts."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from showcase.web.offline import FOLDER as OFFLINE_FOLDER
from showcase.web.offline import OFFLINE_ZIP
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


def step_named(job: dict, name: str) -> dict:
    return next(step for step in steps(job) if step.get("name") == name)


def test_the_workflow_runs_the_repositorys_own_commands_and_publishes_only_from_main():
    workflow = yaml.safe_load(PUBLISH.read_text("utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    build, suite, deploy = workflow["jobs"]["build"], workflow["jobs"]["suite"], workflow["jobs"]["deploy"]
    commands = [step["run"] for step in steps(build) if "run" in step and "if" not in step]
    assert commands == [history_check(workflow), "scripts/check", "scripts/build", "scripts/test --content"]
    build_step = next(step for step in steps(build) if step.get("run") == "scripts/build")
    assert set(build_step["env"]) == {"SHOWCASE_SITE_URL", "SHOWCASE_REPOSITORY"}
    # Between them, the two jobs run the whole suite once: the content's tests, then the rest.
    assert step_named(suite, SUITE_STEP)["run"] == 'scripts/test -m "not real_content"'
    # Nothing is published unless the whole suite passed.
    assert deploy["needs"] == ["build", "suite"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}


SUITE_STEP = "Run the kit's tests"
SITE_STEP = "Build the site on this Python"
MATRIX_PYTHON = "${{ matrix.python }}"
SUITE_NAME = f"Test the kit on Python {MATRIX_PYTHON}"
SCOPE_STEP = "Decide whether the kit's tests are needed"
PREVIEW_JOB = "preview"
COMMENT_STEP = "Comment with the preview's address"


def test_the_check_a_pull_request_must_pass_runs_on_every_pull_request_under_a_stable_name():
    """Branch protection requires checks by name: a job skipped by a filter on paths would leave
    a required check waiting for ever. Both jobs run on every pull request and push to main; the
    suite's job decides for itself whether the kit's tests are needed."""
    workflow = yaml.safe_load(PUBLISH.read_text("utf-8"))
    triggers = workflow[True]
    assert triggers["pull_request"] is None and set(triggers["push"]) == {"branches"}  # no paths filter
    build, suite = workflow["jobs"]["build"], workflow["jobs"]["suite"]
    assert (build["name"], suite["name"]) == ("Check, build and test the content", SUITE_NAME)
    assert "if" not in build and "if" not in suite and "needs" not in suite
    assert [step["name"] for step in steps(suite) if "if" in step] == [SITE_STEP, SUITE_STEP]
    for name in (SITE_STEP, SUITE_STEP):
        assert step_named(suite, name)["if"] == "steps.scope.outputs.suite == 'true'"
    assert steps(suite)[0]["with"]["fetch-depth"] == 0
    # One check per Python, each under its own stable name.
    checks = [f'"{build["name"]}"'] + [f'"{SUITE_NAME.replace(MATRIX_PYTHON, v)}"' for v in suite_pythons(workflow)]
    readme = " ".join((REPO / "README.md").read_text("utf-8").split())
    assert f"require the status checks {', '.join(checks[:-1])} and {checks[-1]} to pass" in readme


def suite_pythons(workflow: dict) -> list[str]:
    return workflow["jobs"]["suite"]["strategy"]["matrix"]["python"]


def test_the_kits_tests_run_on_every_python_the_kit_supports_and_no_other():
    """pyproject.toml's requires-python, scripts/setup's choice and the suite's matrix agree: a
    programme's machine with any of them builds what CI has tested."""
    workflow = yaml.safe_load(PUBLISH.read_text("utf-8"))
    pythons = suite_pythons(workflow)
    assert pythons == ["3.11", "3.12", "3.13"]
    assert workflow["jobs"]["suite"]["container"] == f"python:{MATRIX_PYTHON}-bookworm"
    assert workflow["jobs"]["suite"]["strategy"]["fail-fast"] is False
    with (REPO / "pyproject.toml").open("rb") as file:
        supported = SpecifierSet(tomllib.load(file)["project"]["requires-python"])
    assert [python for python in pythons if Version(f"{python}.99") in supported] == pythons
    assert Version("3.14.0") not in supported and Version("3.10.99") not in supported
    assert Version("3.11.2") in supported  # Debian 12's own python3
    setup = (REPO / "scripts/setup").read_text("utf-8")
    newest_first = " ".join(f"python{python}" for python in reversed(pythons))
    assert f"for candidate in {newest_first} python3; do" in setup
    assert "'(3, 11) <= sys.version_info[:2] <= (3, 13)'" in setup


def test_every_installed_package_installs_on_the_oldest_python_the_kit_supports():
    """A pin whose own Requires-Python excludes a supported Python (pymdown-extensions 13 needs
    3.11.5; Debian 12 has 3.11.2) would fail only on that machine, inside pip."""
    oldest = Version("3.11.0")
    with (REPO / "pyproject.toml").open("rb") as file:
        assert oldest in SpecifierSet(tomllib.load(file)["project"]["requires-python"])
    # A missing field read with [] is deprecated from Python 3.13 (a KeyError to come): asked first.
    refusing = {
        dist.metadata["Name"]: dist.metadata["Requires-Python"]
        for dist in importlib.metadata.distributions()
        if "Requires-Python" in dist.metadata
        and dist.metadata["Requires-Python"]
        and oldest not in SpecifierSet(dist.metadata["Requires-Python"])
    }
    assert not refusing


def run_scope(root: Path, home: Path, event: str) -> subprocess.CompletedProcess[str]:
    """The suite job's step that decides whether the kit's tests run, in the checkout at `root`."""
    script = step_named(yaml.safe_load(PUBLISH.read_text("utf-8"))["jobs"]["suite"], SCOPE_STEP)["run"]
    output = home / "output"
    output.write_text("", "utf-8")
    env = {
        **os.environ,
        "GITHUB_WORKSPACE": str(root),
        "GITHUB_EVENT_NAME": event,
        "GITHUB_OUTPUT": str(output),
        "GIT_CONFIG_GLOBAL": str(home / "gitconfig"),
    }
    result = subprocess.run(["bash", "-e", "-c", script], cwd=root, capture_output=True, text=True, env=env)
    result.stdout += output.read_text("utf-8")
    return result


def pull_request_checkout(tmp_path: Path, changed: dict[str, str]) -> Path:
    """A checkout as actions/checkout makes it for a pull request: the merge of a branch that
    writes `changed` (path: text) into main."""
    root = tmp_path / "checkout"
    for path in ("data/projects.yaml", "content/index.md", "hooks/pages.py"):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("before\n", "utf-8")
    git_commit_everything(root, "2024-02-03T12:00:00Z")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(root)]
    subprocess.run([*git, "switch", "-q", "-c", "edit"], check=True)
    for path, text in changed.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, "utf-8")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "edit"], check=True)
    subprocess.run([*git, "switch", "-q", "main"], check=True)
    # main moves on, in code: the merge compares with it, not with where the branch began.
    (root / "hooks/moved_on.py").write_text("main moved on\n", "utf-8")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "main"], check=True)
    subprocess.run([*git, "merge", "-q", "--no-ff", "-m", "merge", "edit"], check=True)
    return root


@pytest.mark.parametrize(
    ("changed", "event", "suite"),
    [
        ({"data/projects.yaml": "after\n", "content/projects/new café.md": "new\n"}, "pull_request", "false"),
        ({"content/index.md": "after\n"}, "pull_request", "false"),
        ({"data/projects.yaml": "after\n", "hooks/pages.py": "after\n"}, "pull_request", "true"),
        ({"requirements.txt": "new\n"}, "pull_request", "true"),
        ({"README.md": "new\n"}, "pull_request", "true"),
        ({"data/projects.yaml": "after\n"}, "push", "true"),
        ({"data/projects.yaml": "after\n"}, "workflow_dispatch", "true"),
    ],
    ids=["content", "a page", "content-and-code", "requirements", "readme", "main", "by-hand"],
)
def test_the_kits_tests_are_left_out_only_for_a_pull_request_that_changes_data_and_content_alone(
    tmp_path: Path, changed: dict[str, str], event: str, suite: str
):
    root = pull_request_checkout(tmp_path, changed)
    result = run_scope(root, tmp_path, event)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(f"suite={suite}\n"), result.stdout
    notice = "::notice::This pull request changes only data/ and content/"
    assert (notice in result.stdout) == (suite == "false")


def test_the_content_lane_is_the_tests_of_the_real_content_and_nothing_else():
    """scripts/test --content (the `real_content` marker, from tests/lanes.py): the job "build"
    runs these, the job "suite" every other test."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "real_content", "-p", "no:cacheprovider"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    selected = {line.split("::")[0] for line in result.stdout.splitlines() if "::" in line}
    # Every test of tests/test_real_content.py, the real content's PDFs, schema and slips, and
    # the scaffolds' edits on a copy of it.
    real = [line for line in result.stdout.splitlines() if "::" in line]
    assert "tests/test_real_content.py" in selected
    assert (
        "tests/test_content_edits.py::test_adding_removing_moving_and_renaming_keep_every_check_passing[real-content]"
        in real
    )
    assert not any("fictional-programme" in line for line in real)
    assert "tests/test_pdf.py::test_every_pdf_of_the_real_content_passes_the_pdf_ua_checks" in real
    assert "tests/test_editing.py::test_real_projects_file_follows_a_schema_generated_from_the_real_programme" in real
    assert "tests/test_editing.py::test_committed_cohort_schema_is_up_to_date_with_the_data_contract" in real
    assert not [line for line in real if line.startswith(("tests/test_workflow.py", "tests/test_docs.py"))]


def test_the_kits_tests_run_when_git_cannot_tell_what_a_pull_request_changes(tmp_path: Path):
    root = tmp_path / "checkout"
    (root / "data").mkdir(parents=True)
    (root / "data/projects.yaml").write_text("a\n", "utf-8")
    git_commit_everything(root, "2024-02-03T12:00:00Z")  # one commit: no merge to compare
    result = run_scope(root, tmp_path, "pull_request")
    assert result.returncode == 0 and result.stdout == "suite=true\n", result.stdout + result.stderr


def test_the_preview_is_the_offline_copy_unpacked_so_it_opens_from_disk():
    """The built site links to folders (projects/), which a browser reading files shows as a
    folder listing; the offline copy links to files. The artefact is that copy, index.html at
    its top."""
    build = yaml.safe_load(PUBLISH.read_text("utf-8"))["jobs"]["build"]
    unpack = step_named(build, "Unpack the offline copy for review")
    assert unpack["run"] == f"python3 -m zipfile -e site/{OFFLINE_ZIP} site-preview/"
    keep = step_named(build, "Keep the site for review")
    assert keep["uses"].startswith("actions/upload-artifact@")
    assert keep["with"] == {"name": "site-preview", "path": f"site-preview/{OFFLINE_FOLDER}/", "retention-days": 14}
    names = [step.get("name") for step in steps(build)]
    # Kept before the content's tests: a reviewer sees the site even when a test fails.
    assert names.index("Build the site") < names.index(unpack["name"]) < names.index(keep["name"])
    assert names.index(keep["name"]) < names.index("Test the content")
    for step in (unpack, keep, step_named(build, "Say where the preview is")):
        assert step["if"] == "github.event_name == 'pull_request'"
    assert build["outputs"] == {"preview": "${{ steps.preview.outputs.artifact-id }}"} and keep["id"] == "preview"


def test_the_preview_comment_runs_no_code_of_the_pull_request_and_never_for_a_fork():
    workflow = yaml.safe_load(PUBLISH.read_text("utf-8"))
    job = workflow["jobs"][PREVIEW_JOB]
    assert job["needs"] == "build"
    condition = " ".join(job["if"].split())
    assert "github.event.pull_request.head.repo.full_name == github.repository" in condition
    assert "github.event_name == 'pull_request'" in condition and "needs.build.outputs.preview != ''" in condition
    # Write access to pull requests, nothing else, and no checkout: no code of the branch runs.
    assert job["permissions"] == {"pull-requests": "write"}
    assert [step["name"] for step in steps(job)] == [COMMENT_STEP] and "uses" not in steps(job)[0]
    # Every other job reads only.
    for name, other in workflow["jobs"].items():
        if name not in (PREVIEW_JOB, "deploy"):
            assert set(other["permissions"].values()) == {"read"}, name


# What the comment step may read: numbers, the server and the repository's name, the token.
COMMENT_INPUTS = {
    "GH_TOKEN": "${{ github.token }}",
    "GH_REPO": "${{ github.repository }}",
    "SERVER_URL": "${{ github.server_url }}",
    "RUN_ID": "${{ github.run_id }}",
    "PREVIEW_ID": "${{ needs.build.outputs.preview }}",
    "PULL_REQUEST": "${{ github.event.pull_request.number }}",
}


def run_comment_step(tmp_path: Path, existing: str, **inputs: str) -> tuple[subprocess.CompletedProcess[str], list]:
    """The comment step, run by bash with a stand-in for the gh command that answers the list of
    comments with `existing` (comment ids, one a line) and records each call."""
    step = step_named(yaml.safe_load(PUBLISH.read_text("utf-8"))["jobs"][PREVIEW_JOB], COMMENT_STEP)
    assert step["env"] == COMMENT_INPUTS and "${{" not in step["run"]
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir(exist_ok=True)
    calls = tmp_path / "calls.json"
    gh = bin_folder / "gh"
    gh.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"calls = json.load(open({str(calls)!r})) if __import__('os').path.exists({str(calls)!r}) else []\n"
        "calls.append(sys.argv[1:])\n"
        f"json.dump(calls, open({str(calls)!r}, 'w'))\n"
        f"print({existing!r}, end='') if '--paginate' in sys.argv else None\n",
        "utf-8",
    )
    gh.chmod(0o755)
    values = {
        "GH_TOKEN": "token",
        "GH_REPO": "team/showcase",
        "SERVER_URL": "https://github.com",
        "RUN_ID": "4242",
        "PREVIEW_ID": "777",
        "PULL_REQUEST": "12",
        **inputs,
    }
    env = {**os.environ, **values, "PATH": f"{bin_folder}:{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], capture_output=True, text=True, env=env)
    return result, json.loads(calls.read_text("utf-8")) if calls.exists() else []


PREVIEW_COMMENT = (
    "<!-- showcase-preview -->\n"
    "**Preview of this pull request:** [download site-preview]"
    "(https://github.com/team/showcase/actions/runs/4242/artifacts/777), unzip it and open `index.html`: "
    "the whole site, PDFs included, as it will be published (it opens from disk, with no server).\n"
    "\n"
    "Updated by each run; this one: [checks and messages](https://github.com/team/showcase/actions/runs/4242). "
    "The preview is kept for 14 days."
)


def test_the_pull_request_gets_one_comment_with_the_previews_address_updated_by_each_run(tmp_path: Path):
    result, calls = run_comment_step(tmp_path, existing="")
    assert result.returncode == 0, result.stdout + result.stderr
    listing, posted = calls
    assert listing[:2] == ["api", "repos/team/showcase/issues/12/comments"]
    assert posted == [
        "api",
        "--method",
        "POST",
        "repos/team/showcase/issues/12/comments",
        "-f",
        f"body={PREVIEW_COMMENT}",
    ]

    # The guide's review steps name what the reviewer sees.
    guide = " ".join((REPO / "EDITING.md").read_text("utf-8").split())
    assert 'A comment on the pull request, "Preview of this pull request", has a link "download site-preview"' in guide
    assert "unzip the file and open `index.html`" in guide

    (tmp_path / "calls.json").unlink()
    result, calls = run_comment_step(tmp_path, existing="31\n45\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert calls[1] == [
        "api",
        "--method",
        "PATCH",
        "repos/team/showcase/issues/comments/31",
        "-f",
        f"body={PREVIEW_COMMENT}",
    ]


@pytest.mark.parametrize("name", ["RUN_ID", "PREVIEW_ID", "PULL_REQUEST"])
def test_the_preview_comment_refuses_an_input_that_is_not_a_number(tmp_path: Path, name: str):
    result, calls = run_comment_step(tmp_path, existing="", **{name: "1)](https://evil.example"})
    assert result.returncode == 1 and calls == []
    assert result.stdout == "::error::not a number: 1)](https://evil.example\n"


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
