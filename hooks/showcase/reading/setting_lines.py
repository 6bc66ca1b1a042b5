"""Where each mkdocs.yml setting is written, so that a problem with one names its file and line.

MkDocs and the hooks see one merged mapping: the programme's mkdocs.yml over the kit's
showcase.yml (`INHERIT:`), key by key. Here the same files are composed again with line numbers
(source.py's reader: the `!ENV` and `!relative` tags are only composed, never run) and merged the
way MkDocs merges them (mergedeep's replace: a mapping in both is merged, anything else is the
inheriting file's), so a setting's line is the one whose value the build uses, and a missing
setting's is its parent mapping's (`programme:`) where the value would go.

The settings' text is read as the data files' is (slips.py): a ' #' note eaten from a value, a
bullet or a tab pasted into one, a control character written as an escape, each refused at its
line. Which settings are addresses, and so may hold no invisible character, is identity.py's.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from showcase.problems import Problem
from showcase.reading.slips import note_after_value, slip
from showcase.reading.source import Mapping, Node, Scalar, Sequence, parse_yaml

# The settings whose text a page, the feed or a PDF shows, read for what reads otherwise than it looks.
TEXT_SETTINGS = (("site_name",), ("site_description",), ("extra", "programme"))

SettingPath = tuple[str | int, ...]  # a setting's keys from the top of mkdocs.yml; a list's items by index


@dataclass(frozen=True)
class SettingProblem:
    """A problem with a merged setting: the message names the setting, `path` finds its line."""

    path: SettingPath
    message: str

    @classmethod
    def named(cls, setting: str, message: str) -> SettingProblem:
        """A problem with the setting written as its dotted name, e.g. extra.programme.colours.hover."""
        return cls(tuple(setting.split(".")), message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Written:
    """Where a setting is written: the file (as shown, from the programme's folder), the line of
    its key (0: the file's top) and what it holds, a mapping's or list's settings merged."""

    file: str
    line: int
    node: Node | None
    inside: dict[str | int, Written]


@dataclass(frozen=True)
class SettingsFiles:
    """mkdocs.yml and the files it inherits, read with their lines and merged."""

    top: Written
    problems: list[Problem]  # what reads otherwise than it looks, at its line
    # The lines whose value a comment emptied (`hover: #003087`): their problem says what happened.
    emptied: frozenset[tuple[str, int]] = frozenset()

    def where(self, path: SettingPath) -> tuple[str, int]:
        """The file and line where the setting at `path` is written: for a missing one, those of
        the nearest setting above it that is (the file's top, line 0, for none)."""
        found, _ = self.nearest(path)
        return found.file, found.line

    def nearest(self, path: SettingPath) -> tuple[Written, int]:
        """The setting at `path`, or the nearest above it that is written, and how many of
        `path`'s keys lead to it."""
        found, depth = self.top, 0
        for key in path:
            if (inside := found.inside.get(key)) is None:
                break
            found, depth = inside, depth + 1
        return found, depth

    def located(self, problems: Iterable[SettingProblem]) -> list[Problem]:
        """Each problem at its setting's line, but on a line whose value a comment emptied: that
        value's problem ("is None") is the comment's, already named with the fix that keeps it."""
        at = [(self.where(problem.path), problem.message) for problem in problems]
        return [
            Problem(file, line, "", "", message, "") for (file, line), message in at if (file, line) not in self.emptied
        ]


def read_settings_files(config_file: Path) -> SettingsFiles:
    """mkdocs.yml and the files it inherits, merged as MkDocs merges them, with their lines."""
    reading = _Reading(config_file.parent, [])
    inside = reading.file(config_file, frozenset())
    settings = SettingsFiles(Written(reading.shown(config_file), 0, None, inside), reading.problems)
    refused, emptied = _text_problems(settings)
    return replace(settings, problems=settings.problems + refused, emptied=emptied)


@dataclass
class _Reading:
    root: Path
    problems: list[Problem]

    def shown(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.root)).as_posix()

    def file(self, path: Path, inheriting: frozenset[Path]) -> dict[str | int, Written]:
        """The settings of the file at `path` over those it inherits, as MkDocs' yaml_load reads
        them (INHERIT relative to the file that names it). MkDocs has read them already: a file it
        could not read is its own error, so here it is only left out."""
        shown = self.shown(path)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return {}
        node, problems = parse_yaml(text, shown)
        self.problems += problems
        if not isinstance(node, Mapping):
            return {}
        self.problems += _given_twice(node, shown)
        inside = _inside(node, shown)
        inherited = inside.pop("INHERIT", None)
        if inherited is None or not isinstance(inherited.node, Scalar) or path in inheriting:
            return inside
        parent = Path(os.path.normpath(path.parent / inherited.node.text))
        return _merged(self.file(parent, inheriting | {path}), inside)


def _inside(node: Node, shown: str) -> dict[str | int, Written]:
    if isinstance(node, Mapping):
        return {
            key: Written(shown, node.key_lines[key], value, _inside(value, shown))
            for key, value in node.entries.items()
        }
    if isinstance(node, Sequence):
        return {index: Written(shown, item.line, item, _inside(item, shown)) for index, item in enumerate(node.items)}
    return {}


def _given_twice(node: Node, shown: str) -> list[Problem]:
    """Each key given twice in one mapping, which MkDocs reads without a word, keeping the last."""
    if isinstance(node, Sequence):
        return [problem for item in node.items for problem in _given_twice(item, shown)]
    if not isinstance(node, Mapping):
        return []
    problems = [
        Problem(
            shown,
            line,
            "",
            "",
            f"'{key}' is written twice, on line {first} and on line {line}: the build would use this one and "
            "leave the other out without a word.",
            "Keep one of the two lines and delete the other: nothing is merged.",
        )
        for key, line, first, _commented in node.duplicates
    ]
    return problems + [problem for value in node.entries.values() for problem in _given_twice(value, shown)]


def _merged(inherited: dict[str | int, Written], own: dict[str | int, Written]) -> dict[str | int, Written]:
    """mergedeep's replace, as MkDocs merges an inheriting file over its parent."""
    merged = dict(inherited)
    for key, written in own.items():
        under = inherited.get(key)
        if under is not None and isinstance(under.node, Mapping) and isinstance(written.node, Mapping):
            written = replace(written, inside=_merged(under.inside, written.inside))
        merged[key] = written
    return merged


def _text_problems(settings: SettingsFiles) -> tuple[list[Problem], frozenset[tuple[str, int]]]:
    """Each text setting's value that would be read otherwise than it looks, at its line; and
    the lines whose value a comment emptied."""
    problems, emptied = [], set()
    for path in TEXT_SETTINGS:
        for setting, written in _scalars(settings, path):
            value = written.node
            assert isinstance(value, Scalar)
            if value.note and not value.text.strip():
                emptied.add((written.file, written.line))
            if value.note:
                found: tuple[str, str] | None = note_after_value(value)
                line = value.end_line or value.line
            else:
                found, line = slip(value.text.strip()) if value.text.strip() else None, value.line
            if found:
                message, fix = found
                problems.append(Problem(written.file, line, "", "", f"{setting}: {message}", fix))
    return problems, frozenset(emptied)


def _scalars(settings: SettingsFiles, path: SettingPath) -> list[tuple[str, Written]]:
    """Each one-value setting at or under `path`, with its dotted name."""
    written, depth = settings.nearest(path)
    if depth < len(path):
        return []
    found, waiting = [], [(".".join(map(str, path)), written)]
    while waiting:
        name, written = waiting.pop()
        if isinstance(written.node, Scalar):
            found.append((name, written))
        waiting += [(f"{name}.{key}", inside) for key, inside in written.inside.items()]
    return sorted(found, key=lambda item: (item[1].file, item[1].line, item[0]))
