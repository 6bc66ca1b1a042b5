"""Where each page's content comes from, and when it last changed.

"Edit this page" points at the file (and for a project, the line of its record) an editor
changes; "Last updated" comes from git's history of those same lines. Outside a git checkout,
or for lines not yet committed, there is no history: the page then says nothing rather than
guess from file times, which a fresh clone sets to the moment of cloning.

A checkout whose history git cannot give in full dates nothing either, and read_history says
why, for the build's log: git refusing it (a folder owned by another user, as in CI containers:
"detected dubious ownership"), or failing on it; or a shallow clone, whose oldest commit carries
every file, so every record would seem changed on that commit's day. A copy that is no checkout
at all (no .git in its folder or above) is not a problem: it has no dates, and nothing to say.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .model import Programme, Project


@dataclass(frozen=True)
class EditLink:
    text: str
    url: str


@dataclass(frozen=True)
class Repository:
    """The web address of the repository the site is built from, on a GitHub-style host."""

    url: str  # e.g. https://github.com/org/showcase
    branch: str = "main"

    def view(self, path: str, line: int | None = None) -> str:
        # The host's file view, not its editor: only the view takes a line anchor.
        return f"{self.url.rstrip('/')}/blob/{self.branch}/{path}" + (f"#L{line}" if line else "")

    def edit(self, path: str) -> str:
        return f"{self.url.rstrip('/')}/edit/{self.branch}/{path}"


def project_edit_links(
    repository: Repository, project: Project, projects_file: str, docs_dir: str
) -> tuple[EditLink, ...]:
    links = [EditLink("Edit this project’s facts", repository.view(projects_file, project.source_line))]
    if project.narrative_file:
        links.append(EditLink("Edit this project’s story", repository.edit(f"{docs_dir}/{project.narrative_file}")))
    return tuple(links)


def page_edit_link(repository: Repository, path: str) -> EditLink:
    return EditLink("Edit this page", repository.edit(path))


@dataclass(frozen=True)
class History:
    """Whether git's history of the checkout at `root` can date its content: `problem` says why
    not when it is a checkout (empty when it can, or when it is no checkout)."""

    root: Path
    readable: bool
    problem: str = ""


def read_history(root: Path) -> History:
    """Whether git can read the whole history of the checkout at `root` (see the module's doc)."""
    if not os.environ.get("GIT_DIR") and not any((folder / ".git").exists() for folder in (root, *root.parents)):
        return History(root, False)
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository"], cwd=root, capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as error:
        return History(
            root, False, _undated(f"git cannot be run to read the history of {root} ({error}). Install git.")
        )
    if result.returncode != 0:
        reason = next((line.strip() for line in result.stderr.splitlines() if line.strip()), "no reason given")
        return History(
            root,
            False,
            _undated(
                f"git cannot read the history of {root} ({reason}). Run `git log -1` there to see what git "
                f"needs (in a CI container, mark the folder safe: git config --global --add safe.directory {root})."
            ),
        )
    if result.stdout.strip() == "true":
        return History(
            root,
            False,
            _undated(
                f"{root} is a shallow clone: its history starts at a recent commit, which would date every "
                "project. Fetch the whole history: git fetch --unshallow (in GitHub Actions, actions/checkout "
                "with fetch-depth: 0)."
            ),
        )
    return History(root, True)


def _undated(reason: str) -> str:
    return (
        "Dates left out: no page says when it was last updated, and the feed dates every project by the "
        f"content's date, as in a copy without git, because {reason}"
    )


def last_changed(history: History, programme: Programme, projects_file: str, docs_dir: str) -> dict[str, dt.date]:
    """Each project's last change (its record's lines or its narrative), by slug, from git; none
    when git cannot read the whole history."""
    if not history.readable:
        return {}
    root = history.root
    line_times = _blame_times(root, projects_file)
    if not line_times:
        return {}
    starts = sorted(project.source_line for project in programme.projects)
    ends = {start: (starts[i + 1] - 1 if i + 1 < len(starts) else len(line_times)) for i, start in enumerate(starts)}
    changed: dict[str, dt.date] = {}
    for project in programme.projects:
        times = [time for time in line_times[project.source_line - 1 : ends[project.source_line]] if time]
        if project.narrative_file:
            narrative = _last_commit_time(root, f"{docs_dir}/{project.narrative_file}")
            times += [narrative] if narrative else []
        if times:
            changed[project.slug] = dt.datetime.fromtimestamp(max(times), dt.UTC).date()
    return changed


def git_output(root: Path, *args: str) -> str | None:
    """What git prints for `args` run in `root`; None when it cannot be run or fails."""
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _blame_times(root: Path, path: str) -> list[int | None]:
    """The commit time of each line of a file (None for a line not yet committed)."""
    output = git_output(root, "blame", "--porcelain", "--", path)
    if output is None:
        return []
    times: list[int | None] = []
    commit_times: dict[str, int] = {}
    current = ""
    for line in output.splitlines():
        if line.startswith("\t"):
            times.append(None if set(current) == {"0"} else commit_times.get(current))
        elif line.startswith("committer-time "):
            commit_times[current] = int(line.split()[1])
        elif line and not line.startswith((" ", "\t")) and len(line.split()[0]) == 40:
            current = line.split()[0]
    return times


def _last_commit_time(root: Path, path: str) -> int | None:
    output = git_output(root, "log", "-1", "--format=%ct", "--", path)
    return int(output) if output and output.strip().isdigit() else None


def last_content_change(history: History, folders: tuple[str, ...]) -> dt.date | None:
    """The day of the last commit that changed the content (`git log -1 -- data content`), as
    scripts/build reads it for the build's dates; None outside a git checkout, when git cannot
    read the whole history, or before the content's first commit."""
    if not history.readable:
        return None
    output = git_output(history.root, "log", "-1", "--format=%cs", "--", *folders)
    try:
        return dt.date.fromisoformat(output.strip()) if output and output.strip() else None
    except ValueError:
        return None
