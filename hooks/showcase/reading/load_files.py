"""The programme's files: where they are (`ProgrammeSources`, which also names a path for a
message), and a YAML data file read down to its sections and lists of records, whose fields the
file's loader reads through a `RecordReader` (loading/records.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from showcase.problems import Problem, did_you_mean
from showcase.reading.source import Mapping, Node, Sequence, duplicate_key_problems, parse_yaml, read_text

# The data files, from the repository's root (where mkdocs.yml is).
PROJECTS_FILE = "data/projects.yaml"
GEOGRAPHY_FILE = "data/geography.yaml"


@dataclass(frozen=True)
class ProgrammeSources:
    root: Path
    docs_dir: Path
    projects_file: Path
    geography_file: Path
    theme_dir: Path | None = None  # mkdocs.yml's custom_dir, whose files MkDocs publishes

    @classmethod
    def in_folder(
        cls, root: Path, docs_dir: str | Path = "content", theme_dir: str | Path | None = "theme"
    ) -> ProgrammeSources:
        """The files of the programme whose mkdocs.yml is in `root`. An absolute `docs_dir` or
        `theme_dir` (as MkDocs gives them) is named from the resolved `root` without following a
        link below it, so that a linked folder is seen as a link."""
        given = Path(os.path.abspath(root))
        root = root.resolve()

        def inside(path: str | Path) -> Path:
            path = Path(os.path.normpath(given / path))
            for start in (given, root):
                if path.is_relative_to(start):
                    return root / path.relative_to(start)
            return path  # outside the project: content_files.folder_problems refuses it

        theme = None if theme_dir is None else inside(theme_dir)
        return cls(root, inside(docs_dir), root / PROJECTS_FILE, root / GEOGRAPHY_FILE, theme)

    def shown(self, path: Path) -> str:
        """`path` as a message names it: from `root`."""
        try:
            # The folder resolved, not the file: a link is named as itself, not as its target.
            return (path.parent.resolve() / path.name).relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


_COMPARE = "Compare it with the example at the top of the file."


def read_data_file(path: Path, shown: str, problems: list[Problem], within: Path) -> Node | None:
    """A data file's YAML, or None (and a problem) when it is missing, unreadable or empty."""
    restore = f"Restore it from the repository (git checkout -- {shown})"
    if not path.is_file() and not path.is_symlink():
        problems.append(Problem(shown, 0, "", "", "this file is missing.", f"{restore}."))
        return None
    source = read_text(path, shown, within)
    problems += source.problems
    if source.text is None:
        return None
    node, parse_problems = parse_yaml(source.text, shown)
    problems += parse_problems
    if node is None and not parse_problems:
        problems.append(Problem(shown, 1, "", "", "this file is empty.", f"{restore}, then make your change again."))
    return node


def top_level(node: Node | None, shown: str, keys: tuple[str, ...], problems: list[Problem]) -> Mapping | None:
    """The file's sections, `keys` and no others; None when the file is not a set of sections."""
    if node is None:
        return None
    if not isinstance(node, Mapping):
        message = f"the file should start with the sections {', '.join(k + ':' for k in keys)}."
        problems.append(Problem(shown, node.line, "", "", message, _COMPARE))
        return None
    problems += duplicate_key_problems(node, shown, "")
    sections = f"The sections are: {', '.join(keys)}."
    problems += [
        Problem(shown, line, "", key, f"'{key}' is not a section of this file{did_you_mean(key, keys)}.", sections)
        for key, line in node.key_lines.items()
        if key not in keys
    ]
    return node


def list_of_records(root: Mapping, key: str, shown: str, problems: list[Problem]) -> list[Mapping]:
    """The records of the section `key`; an item that is not a record is reported and left out."""

    def refuse(line: int, message: str, fix: str) -> None:
        problems.append(Problem(shown, line, "", key, message, fix))

    node = root.entries.get(key)
    if node is None:
        refuse(root.line, f"the section '{key}:' is missing.", f"Add '{key}:' followed by its list.")
        return []
    if not isinstance(node, Sequence):
        refuse(node.line, f"'{key}:' should be a list of records, each starting with '- '.", _COMPARE)
        return []
    if not node.items:
        at_least_one = "Add at least one record, starting with '- ' (see the example at the top of the file)."
        refuse(node.line, f"'{key}:' has no records.", at_least_one)
        return []
    fields_below = "Start each record with '- ' and put its fields on the lines below, indented."
    for item in node.items:
        if not isinstance(item, Mapping):
            refuse(item.line, "this item is not a record with fields.", fields_below)
    return [item for item in node.items if isinstance(item, Mapping)]
