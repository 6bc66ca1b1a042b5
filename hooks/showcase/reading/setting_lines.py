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
    """Where a setting is written: its file (from the programme's folder), its key's line (0: the top)."""

    file: str
    line: int
    node: Node | None


@dataclass(frozen=True)
class SettingsFiles:
    """mkdocs.yml and the files it inherits, read with their lines and merged: every setting by its
    path, a mapping's and a list's own included, so that each one's parents are there too."""

    file: str  # mkdocs.yml, as shown
    written: dict[SettingPath, Written]
    problems: list[Problem]  # what reads otherwise than it looks, at its line
    # The lines whose value a comment emptied (`hover: #003087`): their problem says what happened.
    emptied: frozenset[tuple[str, int]] = frozenset()

    def where(self, path: SettingPath) -> tuple[str, int]:
        """The file and line where the setting at `path` is written: for a missing one, those of
        the nearest setting above it that is (the file's top, line 0, for none)."""
        found = (self.written.get(path[:depth]) for depth in range(len(path), 0, -1))
        written = next((written for written in found if written), Written(self.file, 0, None))
        return written.file, written.line

    def located(self, problems: Iterable[SettingProblem]) -> list[Problem]:
        """Each problem at its setting's line, but on a line whose value a comment emptied: that
        value's problem ("is None") is the comment's, already named with the fix that keeps it."""
        at = [(self.where(problem.path), problem.message) for problem in problems]
        return [
            Problem(file, line, "", "", message, "") for (file, line), message in at if (file, line) not in self.emptied
        ]


def read_settings_files(config_file: Path) -> SettingsFiles:
    """mkdocs.yml and the files it inherits, merged as MkDocs merges them, with their lines."""
    problems: list[Problem] = []

    def shown(path: Path) -> str:
        return Path(os.path.relpath(path, config_file.parent)).as_posix()

    def read(path: Path, inheriting: frozenset[Path]) -> dict[SettingPath, Written]:
        """The settings of the file at `path` over those it inherits, as MkDocs' yaml_load reads
        them (INHERIT relative to the file that names it). MkDocs has read them already: a file it
        could not read is its own error, so here it is only left out."""
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return {}
        node, parse_problems = parse_yaml(text, shown(path))
        problems.extend(parse_problems)
        if not isinstance(node, Mapping):
            return {}
        every = _every_setting(node, shown(path))
        # A key given twice in one mapping, which MkDocs reads without a word, keeping the last.
        problems.extend(
            Problem(
                shown(path),
                line,
                "",
                "",
                f"'{key}' is written twice, on line {first} and on line {line}: the build would use this one and "
                "leave the other out without a word.",
                "Keep one of the two lines and delete the other: nothing is merged.",
            )
            for mapping in (node, *(written.node for written in every.values()))
            if isinstance(mapping, Mapping)
            for key, line, first, _commented in mapping.duplicates
        )
        own = {setting: written for setting, written in every.items() if setting[0] != "INHERIT"}
        inherited = node.entries.get("INHERIT")
        if not isinstance(inherited, Scalar) or path in inheriting:
            return own
        return _merged(read(Path(os.path.normpath(path.parent / inherited.text)), inheriting | {path}), own)

    settings = SettingsFiles(shown(config_file), read(config_file, frozenset()), problems)
    refused, emptied = _text_problems(settings)
    return replace(settings, problems=problems + refused, emptied=emptied)


def _every_setting(node: Node, shown: str, path: SettingPath = ()) -> dict[SettingPath, Written]:
    """Every setting under `node` by its path, each followed by those under it."""
    inside: list[tuple[str | int, int, Node]] = []
    if isinstance(node, Mapping):
        inside = [(key, node.key_lines[key], value) for key, value in node.entries.items()]
    elif isinstance(node, Sequence):
        inside = [(index, item.line, item) for index, item in enumerate(node.items)]
    every: dict[SettingPath, Written] = {}
    for key, line, value in inside:
        every[(*path, key)] = Written(shown, line, value)
        every |= _every_setting(value, shown, (*path, key))
    return every


def _merged(inherited: dict[SettingPath, Written], own: dict[SettingPath, Written]) -> dict[SettingPath, Written]:
    """mergedeep's replace, as MkDocs merges an inheriting file over its parent: a mapping written
    in both is merged, anything else of the inheriting file's replaces the parent's, all of it."""
    replaced = {
        setting
        for setting, written in own.items()
        if not (
            isinstance(written.node, Mapping) and setting in inherited and isinstance(inherited[setting].node, Mapping)
        )
    }
    kept = {
        setting: written
        for setting, written in inherited.items()
        if not any(setting[:depth] in replaced for depth in range(1, len(setting)))
    }
    return kept | own


def _text_problems(settings: SettingsFiles) -> tuple[list[Problem], frozenset[tuple[str, int]]]:
    """Each text setting's value that reads otherwise than it looks, and the lines a comment emptied."""
    problems, emptied = [], set()
    for path in TEXT_SETTINGS:
        scalars = sorted(
            (written.file, written.line, ".".join(map(str, setting)), written.node)
            for setting, written in settings.written.items()
            if setting[: len(path)] == path and isinstance(written.node, Scalar)
        )
        for file, key_line, name, value in scalars:
            assert isinstance(value, Scalar)
            text = value.text.strip()
            if value.note and not text:
                emptied.add((file, key_line))
            # An address's invisible character is identity.py's to name, with the address retyped.
            address = not any(c.isspace() for c in text) and ("://" in text or "@" in text)
            found = note_after_value(value) if value.note else slip(text, address) if text else None
            if found:
                line = (value.end_line or value.line) if value.note else value.line
                problems.append(Problem(file, line, "", "", f"{name}: {found[0]}", found[1]))
    return problems, frozenset(emptied)
