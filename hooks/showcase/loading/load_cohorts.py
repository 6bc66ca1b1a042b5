"""The cohorts read into the model: content/cohorts/<id>.md each, its facts in the front matter."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from showcase.fields import COHORT_FIELDS, RESERVED_IDS, SLUG, id_too_long, slugify
from showcase.loading.fact_sources import read_sources
from showcase.loading.picture_fields import read_picture
from showcase.loading.records import RecordReader
from showcase.model import Cohort
from showcase.problems import Problem
from showcase.reading.load_files import ProgrammeSources
from showcase.reading.source import Mapping, parse_yaml, read_text, split_front_matter


def load_cohorts(sources: ProgrammeSources, problems: list[Problem]) -> dict[str, Cohort]:
    cohorts: dict[str, Cohort] = {}
    earlier: dict[str, list[tuple[str, str, int]]] = {}  # an earlier id -> (cohort, file, line) listing it
    folder = sources.docs_dir / "cohorts"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.stem == "index":
            continue
        shown = sources.shown(path)
        label = f"cohort '{path.stem}'"
        node = _front_matter(path, shown, label, sources, problems)
        if node is None:
            continue
        cohort = _read_cohort(RecordReader(node, shown, label, COHORT_FIELDS, problems), path.stem, shown, sources)
        if cohort:
            cohorts[cohort.id] = cohort
            for old in cohort.previous_ids:
                earlier.setdefault(old, []).append((cohort.id, shown, node.key_lines.get("previous_ids", node.line)))
    for old, owners in earlier.items():
        if old in cohorts:
            message = f"'{old}' is listed as an earlier id, but it is the id of the cohort in content/cohorts/{old}.md."
            fix = "An address leads to one page: remove it from 'previous_ids'."
        elif len(owners) > 1:
            message = (
                f"'{old}' is an earlier id of more than one cohort ({', '.join(owner for owner, _s, _l in owners)})."
            )
            fix = "An old address can lead to one page only: keep it in one cohort's list."
        else:
            continue
        problems += [
            Problem(shown, line, f"cohort '{cohort_id}'", "previous_ids", message, fix)
            for cohort_id, shown, line in owners
        ]
    return cohorts


def _front_matter(
    path: Path, shown: str, label: str, sources: ProgrammeSources, problems: list[Problem]
) -> Mapping | None:
    """The front matter, its fields unread; None when there is none to read (reported)."""

    def refuse(line: int, message: str, fix: str, field: str = "") -> None:
        problems.append(Problem(shown, line, label, field, message, fix))

    if too_long := id_too_long(path.stem):
        refuse(0, f"the file name {too_long[0]}", too_long[1].replace("'.", ".md'."))
        return None
    if not SLUG.match(path.stem):
        refuse(
            0,
            f"the file name '{path.name}' cannot be a cohort id.",
            f"Rename the file to lower-case letters, digits and hyphens, e.g. '{slugify(path.stem) or '2024-25'}.md'.",
        )
        return None
    source = read_text(path, shown, sources.root)
    problems += source.problems
    if source.text is None:
        return None
    front, _body, first_line = split_front_matter(source.text)
    if front is None:
        refuse(
            1,
            "this cohort file has no front matter, so the cohort has no title or facts.",
            "Start the file with a '---' line, the cohort's fields (at least 'title: ...'), then another '---' line.",
        )
        return None
    node, parse_problems = parse_yaml(front, shown, first_line)
    problems += parse_problems
    if node is None and not parse_problems:
        refuse(1, "the front matter is empty.", "Add at least 'title: ...' between the '---' lines.", "title")
    elif node is not None and not isinstance(node, Mapping):
        fix = "Write one 'field: value' per line between the '---' lines."
        refuse(node.line, "the front matter should be a set of fields.", fix)
    return node if isinstance(node, Mapping) else None


# Fields read with more than their own value: each is checked against another, or its file.
_READ_APART = ("other_start", "sources", "image", "previous_ids")


def _read_cohort(reader: RecordReader, cohort_id: str, shown: str, sources: ProgrammeSources) -> Cohort | None:
    reader.check_keys()
    # Every field is read, and its problems reported, before knowing whether the cohort is whole.
    values = {key: reader.value(key) for key in COHORT_FIELDS if key not in _READ_APART}
    make_cohort = partial(
        Cohort,
        **values,
        other_start=_other_start(reader, values["start"]),
        previous_ids=tuple(dict.fromkeys(_earlier_ids(reader))),
        sources=read_sources(reader, frozenset())[0],
        image=read_picture(reader, "image", "photo", sources.docs_dir, sources.root, values["title"]),
    )
    return None if values["title"] is None else make_cohort(id=cohort_id, source_file=shown)


def _other_start(reader: RecordReader, start: dt.date | None) -> dt.date | None:
    """The start month other sources give: only beside `start`, and only when it differs."""
    other = reader.value("other_start")
    if other is not None and start is None:
        reader.report(
            "other_start",
            "'other_start' is the start month some sources give when they differ from 'start', but there is no 'start'.",
            "Write the month most sources give as 'start: YYYY-MM', or rename 'other_start' to 'start'.",
        )
    elif other is not None and other == start:
        reader.report(
            "other_start",
            "'other_start' is the same month as 'start', so the sources do not differ.",
            "Delete the 'other_start' line (and its source).",
        )
    return other


def _earlier_ids(reader: RecordReader) -> list[str]:
    ids = []
    for old, line in reader.text_list("previous_ids"):
        if too_long := id_too_long(old):
            reader.report("previous_ids", *too_long, line=line)
        elif SLUG.match(old) and old not in RESERVED_IDS:
            ids.append(old)
        else:
            reader.report(
                "previous_ids",
                f"'{old}' is not a valid id.",
                "Copy the old file name exactly, without '.md': lower-case letters, digits and hyphens.",
                line=line,
            )
    return ids
