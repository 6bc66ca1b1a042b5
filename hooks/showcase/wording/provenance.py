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
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from showcase.model import Programme, Project

try:  # libyaml is much faster when present; the pure-Python loader behaves the same
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]  # the same interface, in Python


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
    """Each project's last change (its record's content or its narrative), by slug, from git;
    none when git cannot read the whole history."""
    if not history.readable:
        return {}
    root = history.root
    records = _RecordHistory(root, projects_file)
    if not records.blame(None):
        return {}
    changed: dict[str, dt.date] = {}
    for project in programme.projects:
        times = [time] if (time := records.last_change(project.slug)) else []
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


# A project's first line in the projects file: its '- slug: ...'.
_RECORD_START = re.compile(r"^(?P<indent> *)- slug: *(?P<quote>['\"]?)(?P<slug>[^'\"#\s]+)(?P=quote) *(#.*)?$")
# Commits looked through, from the newest, for the one that changed a record's content.
_MOST_LAYOUT_COMMITS = 20


@dataclass
class _Version:
    """The projects file as one commit has it (or as it is on disk): its lines and each record's."""

    lines: list[str]
    spans: dict[str, tuple[int, int]]  # slug: its record's first line and the line after its last, from 0

    def lines_of(self, slug: str) -> list[str]:
        """The record's lines that say something, without their indentation, in order of text."""
        start, end = self.spans.get(slug, (0, 0))
        return sorted(
            stripped for line in self.lines[start:end] if (stripped := line.strip()) and not stripped.startswith("#")
        )

    def content(self, slug: str) -> object:
        """What the record says, read as the loader reads text (None when it is not there): its
        layout (indentation, empty lines, notes, quote marks, the order of its lines) is not in it."""
        if slug not in self.spans:
            return None
        start, end = self.spans[slug]
        indent = len(self.lines[start]) - len(self.lines[start].lstrip(" "))
        try:
            return yaml.load("\n".join(line[indent:] for line in self.lines[start:end]), Loader=_BaseLoader)
        except yaml.YAMLError:
            return None


def _same_record(version: _Version, other: _Version, slug: str) -> bool:
    """Whether the record `slug` says the same in both versions. Read only when its lines, without
    their indentation, empty lines and notes, are the same in another order (a record moved, a
    field moved, re-indented): lines that differ (most changes) are a change, without reading."""
    if version.lines_of(slug) != other.lines_of(slug):
        return False
    content = version.content(slug)
    return content is not None and content == other.content(slug)


def _version(text: str) -> _Version:
    lines = text.split("\n")
    spans: dict[str, tuple[int, int]] = {}
    for start, first in enumerate(lines):
        if "- slug:" not in first or not (found := _RECORD_START.match(first)):
            continue
        indent = len(found["indent"])
        end = start + 1
        while end < len(lines):
            line = lines[end]
            if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip(" ")) <= indent:
                break
            end += 1
        spans.setdefault(found["slug"], (start, end))
    return _Version(lines, spans)


class _RecordHistory:
    """When each project's record last changed what it says, from git's history of the projects
    file. git blame dates each line by the commit that last changed it, spaces aside (-w: a record
    re-indented keeps its date); a line that is empty or a note dates nothing. A record's newest
    commit is checked against the record in that commit's parent: when the parent's record says
    the same (the commit only moved it, or moved its lines, or changed its quote marks), the record
    is dated from the parent's history instead."""

    def __init__(self, root: Path, path: str):
        self.root = root
        self.path = path
        self._versions: dict[str | None, _Version | None] = {}
        self._blames: dict[str | None, list[tuple[str, int] | None]] = {}

    def version(self, revision: str | None) -> _Version | None:
        """The file at `revision` (None: on disk); None when that commit has no such file."""
        if revision not in self._versions:
            if revision is None:
                try:
                    text: str | None = (self.root / self.path).read_text("utf-8")
                except (OSError, UnicodeDecodeError):
                    text = None
            else:
                text = git_output(self.root, "show", f"{revision}:{self.path}")
            self._versions[revision] = None if text is None else _version(text)
        return self._versions[revision]

    def blame(self, revision: str | None) -> list[tuple[str, int] | None]:
        """Each line's commit and its time (None for a line not yet committed, empty, or a note)."""
        if revision not in self._blames:
            at = [revision] if revision else []
            output = git_output(self.root, "blame", "--porcelain", "-w", *at, "--", self.path)
            self._blames[revision] = [] if output is None else _blamed_lines(output)
        return self._blames[revision]

    def last_change(self, slug: str) -> int | None:
        """The time of the last commit that changed what the record `slug` says."""
        revision: str | None = None
        time = None
        for _ in range(_MOST_LAYOUT_COMMITS):
            version = self.version(revision)
            if version is None or slug not in version.spans:
                return time
            start, end = version.spans[slug]
            dated = [line for line in self.blame(revision)[start:end] if line]
            if not dated:
                return time
            commit, time = max(dated, key=lambda line: line[1])
            parent = self.version(f"{commit}^")
            if parent is None or not _same_record(version, parent, slug):
                return time
            revision = f"{commit}^"
        return time


def _blamed_lines(output: str) -> list[tuple[str, int] | None]:
    """git blame --porcelain's output read: each line's commit and time, None for a line not yet
    committed, and for an empty line or a note ('# ...'), which hold no record's content."""
    lines: list[tuple[str, int] | None] = []
    commit_times: dict[str, int] = {}
    current = ""
    for line in output.splitlines():
        if line.startswith("\t"):
            layout = not line.strip() or line.lstrip().startswith("#")
            committed = current in commit_times and set(current) != {"0"}
            lines.append((current, commit_times[current]) if committed and not layout else None)
        elif line.startswith("committer-time "):
            commit_times[current] = int(line.split()[1])
        elif line and not line.startswith((" ", "\t")) and len(line.split()[0]) == 40:
            current = line.split()[0]
    return lines


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
