"""Where each page's content comes from, and when it last changed.

"Edit this page" points at the file (for a project, its record's line) an editor changes; "Last
updated" comes from git's history of those same lines. Without that history a page says nothing
rather than guess from file times, which a fresh clone sets to the moment of cloning. Nor does a
checkout whose history git cannot give in full (read_history says why): git refusing the folder
(as in CI containers), or a shallow clone, whose oldest commit would date every record.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from showcase.model import Programme, Project

_BaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass(frozen=True)
class EditLink:
    text: str
    url: str


@dataclass(frozen=True)
class Repository:
    """The repository the site is built from, on a GitHub-style host."""

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
    """Whether git's history of `root` can date its content; `problem` says why not, in a checkout."""

    root: Path
    readable: bool
    problem: str = ""


def read_history(root: Path) -> History:
    if not os.environ.get("GIT_DIR") and not any((folder / ".git").exists() for folder in (root, *root.parents)):
        return History(root, False)
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository"], cwd=root, capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as error:
        return _undated(root, f"git cannot be run to read the history of {root} ({error}). Install git.")
    if result.returncode != 0:
        reason = next((line.strip() for line in result.stderr.splitlines() if line.strip()), "no reason given")
        return _undated(
            root,
            f"git cannot read the history of {root} ({reason}). Run `git log -1` there to see what git "
            f"needs (in a CI container, mark the folder safe: git config --global --add safe.directory {root}).",
        )
    if result.stdout.strip() == "true":
        return _undated(
            root,
            f"{root} is a shallow clone: its history starts at a recent commit, which would date every "
            "project. Fetch the whole history: git fetch --unshallow (in GitHub Actions, actions/checkout "
            "with fetch-depth: 0).",
        )
    return History(root, True)


def _undated(root: Path, reason: str) -> History:
    return History(
        root,
        False,
        "Dates left out: no page says when it was last updated, and the feed dates every project by the "
        f"content's date, as in a copy without git, because {reason}",
    )


def git_output(root: Path, *args: str) -> str | None:
    """What git prints for `args` in `root`; None when it cannot be run or fails."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, encoding="utf-8", errors="replace", timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def last_commit_time(root: Path, *paths: str) -> int | None:
    """The time of the last commit that changed `paths`, in seconds since 1970."""
    output = git_output(root, "log", "-1", "--format=%ct", "--", *paths)
    return int(output) if output and output.strip().isdigit() else None


def last_changed(history: History, programme: Programme, projects_file: str, docs_dir: str) -> dict[str, dt.date]:
    """Each project's last change (its record's content or its narrative), by slug."""
    if not history.readable:
        return {}
    records = _RecordHistory(history.root, projects_file)
    if not records.blame(None):
        return {}
    changed: dict[str, dt.date] = {}
    for project in programme.projects:
        times = [records.last_change(project.slug)]
        if project.narrative_file:
            times.append(last_commit_time(history.root, f"{docs_dir}/{project.narrative_file}"))
        if dated := [time for time in times if time]:
            changed[project.slug] = dt.datetime.fromtimestamp(max(dated), dt.UTC).date()
    return changed


_RECORD_START = re.compile(r"^(?P<indent> *)- slug: *(?P<quote>['\"]?)(?P<slug>[^'\"#\s]+)(?P=quote) *(#.*)?$")
# Commits looked through, from the newest, for the one that changed a record's content.
_MOST_LAYOUT_COMMITS = 20


class _RecordHistory:
    """When each project's record last changed what it says. git blame dates each line by the
    commit that last changed it, spaces aside (-w). When that commit's parent has a record that
    says the same (the commit only moved it, or its lines), the record is dated from the parent's."""

    def __init__(self, root: Path, path: str):
        self.root = root
        self.path = path
        # Each revision (None: the file on disk) read once.
        self.records = functools.cache(self._read_records)
        self.blame = functools.cache(self._read_blame)

    def _read_records(self, revision: str | None) -> dict[str, tuple[int, list[str]]] | None:
        """Each record's first line (from 0) and lines, by slug; None without the file."""
        if revision:
            text = git_output(self.root, "show", f"{revision}:{self.path}")
        else:
            try:
                text = (self.root / self.path).read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                text = None
        return None if text is None else _records(text)

    def _read_blame(self, revision: str | None) -> list[tuple[str, int] | None]:
        at = [revision] if revision else []
        output = git_output(self.root, "blame", "--porcelain", "-w", *at, "--", self.path)
        return [] if output is None else _blamed_lines(output)

    def last_change(self, slug: str) -> int | None:
        revision: str | None = None
        time = None
        for _ in range(_MOST_LAYOUT_COMMITS):
            records = self.records(revision)
            if records is None or slug not in records:
                return time
            start, lines = records[slug]
            dated = [line for line in self.blame(revision)[start : start + len(lines)] if line]
            if not dated:
                return time
            commit, time = max(dated, key=lambda line: line[1])
            parent = self.records(f"{commit}^")
            if parent is None or slug not in parent or not _says_the_same(lines, parent[slug][1]):
                return time
            revision = f"{commit}^"
        return time


def _records(text: str) -> dict[str, tuple[int, list[str]]]:
    lines = text.split("\n")
    records: dict[str, tuple[int, list[str]]] = {}
    for start, first in enumerate(lines):
        if "- slug:" in first and (found := _RECORD_START.match(first)):
            end = start + 1
            while end < len(lines) and (_is_layout(lines[end]) or _indent(lines[end]) > len(found["indent"])):
                end += 1
            records.setdefault(found["slug"], (start, lines[start:end]))
    return records


def _says_the_same(record: list[str], other: list[str]) -> bool:
    """The same lines in any order, layout aside (most changes fail this, without reading YAML),
    and the same content as the loader reads it (the order of a list's items is content)."""
    if _sorted_lines(record) != _sorted_lines(other):
        return False
    content = _content(record)
    return content is not None and content == _content(other)


def _sorted_lines(record: list[str]) -> list[str]:
    return sorted(line.strip() for line in record if not _is_layout(line))


def _content(record: list[str]) -> object:
    indent = _indent(record[0])
    try:
        return yaml.load("\n".join(line[indent:] for line in record), Loader=_BaseLoader)
    except yaml.YAMLError:
        return None


def _is_layout(line: str) -> bool:
    """An empty line or a note ('# ...')."""
    return not line.strip() or line.lstrip().startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blamed_lines(output: str) -> list[tuple[str, int] | None]:
    """Each line's commit and time, None for a line not yet committed, empty, or a note."""
    lines: list[tuple[str, int] | None] = []
    commit_times: dict[str, int] = {}
    current = ""
    for line in output.splitlines():
        if line.startswith("\t"):
            committed = current in commit_times and set(current) != {"0"}
            lines.append((current, commit_times[current]) if committed and not _is_layout(line) else None)
        elif line.startswith("committer-time "):
            commit_times[current] = int(line.split()[1])
        elif line and not line.startswith((" ", "\t")) and len(line.split()[0]) == 40:
            current = line.split()[0]
    return lines
