"""Load the programme from its files, check everything, and return one typed model.

`load_programme` reads every file and collects every problem before it gives up, so the comms
team sees all of them after one build. It raises `ContentProblems` or returns a `Programme`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from .content_files import CONTENT_SUFFIXES, folder_problems
from .fields import (
    COHORT_FIELDS,
    LINK_FIELDS,
    PROJECT_FIELDS,
    QUOTE_FIELDS,
    THEME_FIELDS,
    UNCONFIRMABLE_FIELDS,
    FieldSpec,
)
from .markdown_checks import link_problems, list_problems, summary_picture_problems
from .model import Area, AreaLabel, Cohort, Icb, Link, Programme, Project, Quote, Theme, sort_key_by_name
from .problems import ContentProblems, Problem, did_you_mean, one_of
from .records import RecordReader
from .source import Mapping, Node, Scalar, Sequence, duplicate_key_problems, parse_yaml, read_text, split_front_matter

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# An ICB id is shown as typed (NH) and becomes a page address in lower case (icbs/nh/).
ICB_ID = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
# Ids that would clash with a page the site already has (projects/index.md is the finder), or
# that Windows cannot use as a folder name: the site must build and copy anywhere.
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
)

GEOGRAPHY_FIELDS: dict[str, FieldSpec] = {
    "name": FieldSpec("text", True, "The area's name.", "Harbourside"),
    "ons_code": FieldSpec("text", True, "The ONS code.", "E09000007"),
    "icb": FieldSpec("ICB id", True, "The id of the area's ICB in `icbs:`.", "NH"),
    "tile_grid": FieldSpec("row and column", True, "Position on the tile map.", "{row: 3, col: 5}"),
    "slug": FieldSpec(
        "id", False, "The area's page address, when its name has no Latin letters to make it from.", "tower-hamlets"
    ),
    "inner_outer": FieldSpec(
        "text", False, "Inner or outer part of the region, by the ONS's statistical definition.", "inner"
    ),
    "inner_outer_statutory": FieldSpec(
        "text", False, "Inner or outer part of the region, as the law defines it.", "inner"
    ),
    "subregion_2011": FieldSpec("text", False, "The region's planning sub-region.", "Central"),
}
ICB_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("id", True, "Short id.", "NH"),
    "name": FieldSpec("text", True, "The ICB's name.", "North Harbourside"),
}
TILE_FIELDS: dict[str, FieldSpec] = {
    "row": FieldSpec("whole number", True, "Row from the top, from 1.", "3"),
    "col": FieldSpec("whole number", True, "Column from the left, from 1.", "5"),
}


@dataclass(frozen=True)
class ProgrammeSources:
    """Where the programme's files are. Paths in messages are shown relative to `root`."""

    root: Path
    docs_dir: Path
    projects_file: Path
    geography_file: Path

    @classmethod
    def in_folder(cls, root: Path, docs_dir: str = "content") -> ProgrammeSources:
        root = root.resolve()
        return cls(root, root / docs_dir, root / "data" / "projects.yaml", root / "data" / "geography.yaml")

    def shown(self, path: Path) -> str:
        try:
            # The folder resolved, not the file: a link is named as itself, not as its target.
            return (path.parent.resolve() / path.name).relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def slugify(name: str) -> str:
    """'Elmstead upon Wye' -> 'elmstead-upon-wye': the form used in page addresses."""
    return "-".join(
        re.findall(r"[a-z0-9]+", name.casefold().replace("&", "and").replace("\u2019", "").replace("'", ""))
    )


def load_programme(sources: ProgrammeSources) -> Programme:
    problems: list[Problem] = []
    # Before anything is read: links, devices and pipes in the editors' folders, and files that
    # content/ must not publish (see content_files.py).
    problems += folder_problems(sources.docs_dir, sources.shown, CONTENT_SUFFIXES)
    problems += folder_problems(sources.projects_file.parent, sources.shown, None)
    icbs, areas, refused_areas, area_label = _load_geography(sources, problems)
    cohorts = _load_cohorts(sources, problems)
    themes, projects, declared_slugs = _load_projects_file(sources, areas, refused_areas, cohorts, problems)
    projects = _attach_narratives(sources, projects, declared_slugs, problems)
    if problems:
        raise ContentProblems(problems)
    programme = Programme(
        themes=tuple(themes.values()),
        areas=tuple(sorted(areas.values(), key=lambda area: sort_key_by_name(area.name))),
        icbs=tuple(sorted(icbs.values(), key=lambda icb: icb.name)),
        cohorts=tuple(sorted(cohorts.values(), key=lambda cohort: cohort.id)),
        projects=tuple(sorted(projects, key=lambda project: (sort_key_by_name(project.name), project.slug))),
        area_label=area_label,
    )
    if problems := _shadowing_problems(sources, programme) + _markdown_problems(sources, programme):
        raise ContentProblems(problems)
    return programme


def _markdown_problems(sources: ProgrammeSources, programme: Programme) -> list[Problem]:
    """Lists run on into their paragraph, in summaries and pages; links and pictures in pages
    whose target is not a file of the site (markdown_checks.py)."""
    from .site import plan_pages

    problems: list[Problem] = []
    projects_file = sources.shown(sources.projects_file)
    for project in programme.projects:
        if project.summary and project.summary_line:
            record = f"project '{project.slug}'"
            problems += list_problems(project.summary, projects_file, project.summary_line, record, "summary")
            problems += summary_picture_problems(project.summary, projects_file, project.summary_line, record)
    docs = sources.docs_dir
    if not docs.is_dir():
        return problems
    files = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    made = set(plan_pages(programme, set()))

    def exists(target: str) -> bool:
        return (
            target in files
            or target in made
            or f"{target.rstrip('/')}/index.md" in made
            or f"{target.rstrip('/')}.md" in made
        )

    for page in sorted(uri for uri in files if uri.endswith(".md")):
        text = read_text(docs / page, sources.shown(docs / page), sources.root).text or ""
        _front, body, _body_line = split_front_matter(text)
        offset = text.count("\n", 0, len(text) - len(body)) + 1 if body != text else 1
        problems += list_problems(body, sources.shown(docs / page), offset)
        problems += link_problems(body, sources.shown(docs / page), offset, page, exists)
    return problems


def _shadowing_problems(sources: ProgrammeSources, programme: Programme) -> list[Problem]:
    """A Markdown file in content/ at the address of a page the showcase makes from the data
    (content/projects/<slug>/index.md, say) would silently replace that page."""
    from .site import shadowing_files  # the site's page plan, which needs the model loaded here

    docs = sources.docs_dir
    markdown = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")} if docs.is_dir() else set()
    return [
        Problem(
            sources.shown(docs / uri),
            0,
            "",
            "",
            f"this file would take the place of the page the showcase makes at {address} from the data.",
            "Rename or move it: a project's story goes in content/projects/<slug>.md, a cohort's in content/cohorts/<id>.md.",
        )
        for uri, address in shadowing_files(programme, markdown).items()
    ]


# -- files -------------------------------------------------------------------------------------


def _read_yaml(path: Path, shown: str, problems: list[Problem], within: Path) -> Node | None:
    if not path.is_file() and not path.is_symlink():
        problems.append(
            Problem(
                shown,
                0,
                "",
                "",
                "this file is missing.",
                "Restore it from the repository (git checkout -- " + shown + ").",
            )
        )
        return None
    source = read_text(path, shown, within)
    problems += source.problems
    if source.text is None:
        return None
    node, parse_problems = parse_yaml(source.text, shown)
    problems += parse_problems
    if node is None and not parse_problems:
        problems.append(
            Problem(
                shown,
                1,
                "",
                "",
                "this file is empty.",
                "Restore it from the repository (git checkout -- " + shown + "), then make your change again.",
            )
        )
    return node


def _top_level(node: Node | None, shown: str, keys: tuple[str, ...], problems: list[Problem]) -> Mapping | None:
    if node is None:
        return None
    if not isinstance(node, Mapping):
        problems.append(
            Problem(
                shown,
                node.line,
                "",
                "",
                f"the file should start with the sections {', '.join(k + ':' for k in keys)}.",
                "Compare it with the example at the top of the file.",
            )
        )
        return None
    problems += duplicate_key_problems(node, shown, "")
    for key, line in node.key_lines.items():
        if key not in keys:
            problems.append(
                Problem(
                    shown,
                    line,
                    "",
                    key,
                    f"'{key}' is not a section of this file{did_you_mean(key, keys)}.",
                    f"The sections are: {', '.join(keys)}.",
                )
            )
    return node


def _list_of_records(root: Mapping, key: str, shown: str, problems: list[Problem]) -> list[Mapping]:
    node = root.entries.get(key)
    if node is None:
        problems.append(
            Problem(
                shown, root.line, "", key, f"the section '{key}:' is missing.", f"Add '{key}:' followed by its list."
            )
        )
        return []
    if not isinstance(node, Sequence):
        problems.append(
            Problem(
                shown,
                node.line,
                "",
                key,
                f"'{key}:' should be a list of records, each starting with '- '.",
                "Compare it with the example at the top of the file.",
            )
        )
        return []
    if not node.items:
        problems.append(
            Problem(
                shown,
                node.line,
                "",
                key,
                f"'{key}:' has no records.",
                "Add at least one record, starting with '- ' (see the example at the top of the file).",
            )
        )
        return []
    records = []
    for item in node.items:
        if isinstance(item, Mapping):
            records.append(item)
        else:
            problems.append(
                Problem(
                    shown,
                    item.line,
                    "",
                    key,
                    "this item is not a record with fields.",
                    "Start each record with '- ' and put its fields on the lines below, indented.",
                )
            )
    return records


# -- geography ---------------------------------------------------------------------------------


def _load_geography(
    sources: ProgrammeSources, problems: list[Problem]
) -> tuple[dict[str, Icb], dict[str, Area], set[str], AreaLabel]:
    """The ICBs and areas, each refused (never merged or dropped) when it would share another's
    page address, name or tile: every one of them becomes a page and a tile of its own; and what
    an area is called (`area_label:`, "area" when the file does not say)."""
    shown = sources.shown(sources.geography_file)
    root = _top_level(
        _read_yaml(sources.geography_file, shown, problems, sources.root),
        shown,
        ("area_label", "icbs", "areas"),
        problems,
    )
    if root is None:
        return {}, {}, set(), AreaLabel()
    area_label = AreaLabel()
    if (label_node := root.entries.get("area_label")) is not None:
        text = label_node.text.strip() if isinstance(label_node, Scalar) else ""
        if text and text == " ".join(text.split()):
            area_label = AreaLabel(text)
        else:
            problems.append(
                Problem(
                    shown,
                    label_node.line,
                    "",
                    "area_label",
                    "'area_label:' should be what one area is called, in a few words.",
                    "Write it in lower case, e.g. area_label: local authority area",
                )
            )
    icbs: dict[str, Icb] = {}
    icb_lines: dict[str, tuple[str, int]] = {}  # by address (the id in lower case): the id and its line
    for node in _list_of_records(root, "icbs", shown, problems):
        reader = RecordReader(node, shown, "ICB", ICB_FIELDS, problems)
        reader.check_keys()
        icb_id, name = reader.text("id"), reader.text("name")
        if not icb_id:
            continue
        reader.label = f"ICB '{icb_id}'"
        if not ICB_ID.match(icb_id):
            reader.report(
                "id",
                f"'{icb_id}' cannot be an ICB id: it becomes the ICB's page address.",
                f"Use letters, digits and hyphens only, e.g. '{slugify(icb_id).upper() or 'NH'}'.",
            )
        elif icb_id.lower() in icb_lines:
            first_id, first_line = icb_lines[icb_id.lower()]
            reader.report(
                "id",
                f"the ICB id '{icb_id}' is already used by '{first_id}' on line {first_line} "
                "(capitals do not make a different page address).",
                "Give each ICB its own id.",
            )
        elif name:
            icbs[icb_id] = Icb(icb_id, name)
            icb_lines[icb_id.lower()] = (icb_id, reader.line_of("id"))
    areas: dict[str, Area] = {}
    area_lines: dict[str, int] = {}  # by name
    slug_owners: dict[str, tuple[str, int]] = {}  # by page address: the area's name and line
    tile_owners: dict[tuple[int, int], tuple[str, int]] = {}
    for node in _list_of_records(root, "areas", shown, problems):
        name_node = node.entries.get("name")
        label = f"area '{name_node.text}'" if isinstance(name_node, Scalar) else "area"
        reader = RecordReader(node, shown, label, GEOGRAPHY_FIELDS, problems)
        reader.check_keys()
        name, ons_code, icb_id = reader.text("name"), reader.text("ons_code"), reader.text("icb")
        tile = next(iter(_nested(reader, "tile_grid", TILE_FIELDS)), None)
        row, col = (tile.whole_number("row"), tile.whole_number("col")) if tile else (None, None)
        before = len(problems)
        if icb_id and icb_id not in icbs:
            reader.report(
                "icb",
                f"'{icb_id}' is not an ICB in 'icbs:'{did_you_mean(icb_id, icbs)}.",
                f"Use one of: {one_of(icbs)}.",
            )
        for key, number in (("row", row), ("col", col)):
            if tile and number is not None and number < 1:
                tile.report(
                    key,
                    f"tile rows and columns count from 1, not {number}.",
                    "Number the tile map's rows and columns from 1.",
                )
        slug = _area_slug(reader, name)
        line = reader.line_of("name")
        if name and name in area_lines:
            reader.report(
                "name",
                f"'{name}' is listed twice: it is already the area on line {area_lines[name]}.",
                "Delete one of the two records, or correct its name.",
            )
        elif slug and slug in slug_owners:
            other, other_line = slug_owners[slug]
            reader.report(
                "name",
                f"'{name}' would have the same page address as '{other}' on line {other_line} (boroughs/{slug}/).",
                "Rename one of them, or give one a 'slug:' of its own.",
            )
        elif row and col and (row, col) in tile_owners:
            other, other_line = tile_owners[(row, col)]
            reader.report(
                "tile_grid",
                f"row {row}, column {col} is already the tile of '{other}' on line {other_line}: "
                "one tile would hide the other.",
                "Give each area a tile of its own.",
            )
        if name:
            area_lines.setdefault(name, line)
        if slug:
            slug_owners.setdefault(slug, (name or "", line))
        if row and col:
            tile_owners.setdefault((row, col), (name or "", line))
        if len(problems) == before and name and slug and ons_code and icb_id and row and col:
            areas[name] = Area(name, slug, ons_code, icbs[icb_id], row, col)
    refused = set(area_lines) - set(areas)  # named, but refused above: their projects need not say so again
    return icbs, areas, refused, area_label


def _area_slug(reader: RecordReader, name: str | None) -> str | None:
    """The area's page address: its own `slug`, else made from its name; refused when neither
    gives one (a name in another script has no Latin letters to make it from)."""
    if "slug" in reader.node.entries:
        slug = reader.text("slug")
        if slug and not SLUG.match(slug):
            reader.report(
                "slug",
                f"'{slug}' is not a valid slug.",
                f"Use lower-case letters, digits and single hyphens only, e.g. '{slugify(slug) or 'area-name'}'.",
            )
            return None
        return slug
    if name and not slugify(name):
        reader.report(
            "name",
            f"'{name}' has no letters or digits a page address can be made of.",
            "Add a line 'slug: ...' under it with the name in Latin letters, e.g. slug: dhaka-north.",
        )
        return None
    return slugify(name) if name else None


def _nested(reader: RecordReader, key: str, fields: dict[str, FieldSpec]) -> list[RecordReader]:
    node = reader.node.entries.get(key)
    if isinstance(node, Mapping):
        nested = RecordReader(node, reader.file, reader.label, fields, reader.problems)
        nested.check_keys()
        return [nested]
    if node is not None:
        reader.report(
            key, f"expected fields ({', '.join(fields)}).", f"Write it like {key}: {reader.fields[key].example}"
        )
    return []


# -- cohorts -----------------------------------------------------------------------------------


def _load_cohorts(sources: ProgrammeSources, problems: list[Problem]) -> dict[str, Cohort]:
    cohorts: dict[str, Cohort] = {}
    earlier: dict[str, list[tuple[str, str, int]]] = {}  # an earlier id -> (cohort, file, line) listing it
    folder = sources.docs_dir / "cohorts"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.stem == "index":
            continue
        shown = sources.shown(path)
        label = f"cohort '{path.stem}'"
        if not SLUG.match(path.stem):
            problems.append(
                Problem(
                    shown,
                    0,
                    label,
                    "",
                    f"the file name '{path.name}' cannot be a cohort id.",
                    f"Rename the file to lower-case letters, digits and hyphens, e.g. '{slugify(path.stem) or '2024-25'}.md'.",
                )
            )
            continue
        source = read_text(path, shown, sources.root)
        problems += source.problems
        if source.text is None:
            continue
        front, _body, first_line = split_front_matter(source.text)
        if front is None:
            problems.append(
                Problem(
                    shown,
                    1,
                    label,
                    "",
                    "this cohort file has no front matter, so the cohort has no title or facts.",
                    "Start the file with a '---' line, the cohort's fields (at least 'title: ...'), then another '---' line.",
                )
            )
            continue
        node, parse_problems = parse_yaml(front, shown, first_line)
        problems += parse_problems
        if node is None:
            if not parse_problems:
                problems.append(
                    Problem(
                        shown,
                        1,
                        label,
                        "title",
                        "the front matter is empty.",
                        "Add at least 'title: ...' between the '---' lines.",
                    )
                )
            continue
        if not isinstance(node, Mapping):
            problems.append(
                Problem(
                    shown,
                    node.line,
                    label,
                    "",
                    "the front matter should be a set of fields.",
                    "Write one 'field: value' per line between the '---' lines.",
                )
            )
            continue
        cohort = _read_cohort(RecordReader(node, shown, label, COHORT_FIELDS, problems), path.stem, shown)
        if cohort:
            cohorts[cohort.id] = cohort
            for old in cohort.previous_ids:
                earlier.setdefault(old, []).append((cohort.id, shown, node.key_lines.get("previous_ids", node.line)))
    for old, owners in earlier.items():
        for cohort_id, shown, line in owners:
            if old in cohorts:
                problems.append(
                    Problem(
                        shown,
                        line,
                        f"cohort '{cohort_id}'",
                        "previous_ids",
                        f"'{old}' is listed as an earlier id, but it is the id of the cohort in content/cohorts/{old}.md.",
                        "An address leads to one page: remove it from 'previous_ids'.",
                    )
                )
            elif len(owners) > 1:
                problems.append(
                    Problem(
                        shown,
                        line,
                        f"cohort '{cohort_id}'",
                        "previous_ids",
                        f"'{old}' is an earlier id of more than one cohort ({', '.join(owner for owner, _s, _l in owners)}).",
                        "An old address can lead to one page only: keep it in one cohort's list.",
                    )
                )
    return cohorts


def _read_cohort(reader: RecordReader, cohort_id: str, shown: str) -> Cohort | None:
    reader.check_keys()
    title = reader.text("title")
    # Every field is read, and its problems reported, before knowing whether the cohort is whole.
    make_cohort = partial(
        Cohort,
        start=reader.month("start"),
        end=reader.month("end"),
        funding_total=reader.whole_number("funding_total"),
        funding_per_project_max=reader.whole_number("funding_per_project_max"),
        applications=reader.whole_number("applications"),
        shortlisted=reader.whole_number("shortlisted"),
        graduation=reader.date("graduation"),
        showcase_event=reader.date("showcase_event"),
        source=reader.url("source"),
        quotes=_read_quotes(reader),
        previous_ids=tuple(dict.fromkeys(_earlier_ids(reader))),
        sources=_read_sources(reader, "cohort", frozenset()),
    )
    if title is None:
        return None
    return make_cohort(id=cohort_id, title=title, source_file=shown)


def _read_sources(reader: RecordReader, record: str, unconfirmed: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The record's `sources:`, each for a fact the record has and that is not marked
    unconfirmed ("(unconfirmed)" says that no source states the fact)."""
    sources = []
    # A misspelt field (`outcome:`) is reported already, with its fix: its source is not wrong too.
    misspelt = {key for key in reader.node.entries if key not in reader.fields}
    for fact, address, line in reader.sources("sources"):
        if fact not in reader.node.entries and any(did_you_mean(key, [fact]) for key in misspelt):
            continue
        if fact not in reader.node.entries:
            reader.report(
                "sources",
                f"'{fact}' has a source, but the {record} has no '{fact}'.",
                f"Add the field '{fact}', or delete this line.",
                line=line,
            )
        elif fact in unconfirmed:
            reader.report(
                "sources",
                f"'{fact}' has a source but is also marked unconfirmed, which says no source states it.",
                f"If the page states it, remove '{fact}' from 'unconfirmed'; if it does not, delete this line.",
                line=line,
            )
        else:
            sources.append((fact, address))
    return tuple(sources)


def _earlier_ids(reader: RecordReader) -> list[str]:
    ids = []
    for old, line in reader.text_list("previous_ids"):
        if SLUG.match(old) and old not in RESERVED_IDS:
            ids.append(old)
        else:
            reader.report(
                "previous_ids",
                f"'{old}' is not a valid id.",
                "Copy the old file name exactly, without '.md': lower-case letters, digits and hyphens.",
                line=line,
            )
    return ids


def _read_quotes(reader: RecordReader) -> tuple[Quote, ...]:
    quotes = []
    for quote in reader.records("quotes", "quote", QUOTE_FIELDS):
        text, attribution, source = quote.text("text"), quote.text("attribution"), quote.url("source")
        if text and attribution:
            quotes.append(Quote(text, attribution, source))
    return tuple(quotes)


# -- themes and projects -----------------------------------------------------------------------


def _load_projects_file(
    sources: ProgrammeSources,
    areas: dict[str, Area],
    refused_areas: set[str],
    cohorts: dict[str, Cohort],
    problems: list[Problem],
) -> tuple[dict[str, Theme], list[Project], set[str] | None]:
    """The themes, the projects without problems, and every slug a record declares (None when
    the project list itself could not be read, so nothing can be said about narratives)."""
    shown = sources.shown(sources.projects_file)
    root = _top_level(
        _read_yaml(sources.projects_file, shown, problems, sources.root), shown, ("themes", "projects"), problems
    )
    if root is None:
        return {}, [], None
    themes: dict[str, Theme] = {}
    for node in _list_of_records(root, "themes", shown, problems):
        reader = RecordReader(node, shown, "theme", THEME_FIELDS, problems)
        reader.check_keys()
        theme_id, title, description = reader.text("id"), reader.text("title"), reader.text("description")
        if theme_id:
            reader.label = f"theme '{theme_id}'"
            if not SLUG.match(theme_id):
                reader.report(
                    "id",
                    f"'{theme_id}' is not a valid id.",
                    f"Use lower-case letters, digits and hyphens, e.g. '{slugify(theme_id)}'.",
                )
            elif theme_id in RESERVED_IDS:
                reader.report("id", f"'{theme_id}' cannot be a theme id: the name is reserved.", "Choose another id.")
            elif theme_id in themes:
                reader.report("id", f"the theme id '{theme_id}' is used twice.", "Give each theme its own id.")
            elif title and description:
                themes[theme_id] = Theme(theme_id, title, description)
    projects: list[Project] = []
    first_line_of_slug: dict[str, int] = {}
    earlier: dict[str, tuple[str, int]] = {}  # an earlier slug -> the project that lists it, and the line
    records = _list_of_records(root, "projects", shown, problems)
    examples = _examples_from_data(records, areas, cohorts, themes)
    for number, node in enumerate(records, start=1):
        project = _read_project(
            node, number, shown, themes, areas, refused_areas, cohorts, first_line_of_slug, sources, problems, examples
        )
        if project:
            projects.append(project)
        _read_previous_slugs(node, number, shown, earlier, problems)
    for old, (owner, line) in earlier.items():
        if old in first_line_of_slug:
            problems.append(
                Problem(
                    shown,
                    line,
                    f"project '{owner}'",
                    "previous_slugs",
                    f"'{old}' is listed as an earlier address, but it is the current slug of the project on line {first_line_of_slug[old]}.",
                    "An address leads to one page: remove it from 'previous_slugs', or give that project another slug.",
                )
            )
    if not isinstance(root.entries.get("projects"), Sequence):
        return themes, projects, None
    return themes, projects, set(first_line_of_slug)


def _read_previous_slugs(
    node: Mapping, number: int, shown: str, earlier: dict[str, tuple[str, int]], problems: list[Problem]
) -> None:
    """A project's earlier slugs: each a valid slug, listed by one project only."""
    reader = RecordReader(node, shown, _project_label(node, number), PROJECT_FIELDS, problems)
    slug = node.entries.get("slug")
    owner = slug.text.strip() if isinstance(slug, Scalar) else str(number)
    for old, line in reader.text_list("previous_slugs"):
        if not SLUG.match(old) or old in RESERVED_IDS:
            reader.report(
                "previous_slugs",
                f"'{old}' is not a valid slug.",
                "Copy the old address exactly: lower-case letters, digits and hyphens.",
                line=line,
            )
        elif old in earlier:
            first_owner, first_line = earlier[old]
            reader.report(
                "previous_slugs",
                f"'{old}' is already an earlier address of project '{first_owner}' on line {first_line}.",
                "An old address can lead to one page only: keep it in one project's list.",
                line=line,
            )
        else:
            earlier[old] = (owner, line)


def _examples_from_data(
    records: list[Mapping], areas: dict[str, Area], cohorts: dict[str, Cohort], themes: dict[str, Theme]
) -> dict[str, str]:
    """Examples for the hints, from the programme's own data: its first area, cohort and theme,
    and the first well-formed value of each text field in its records. A field the data has no
    example of falls back on the contract's (fields.py)."""
    examples = {}
    if areas:
        examples["boroughs"] = f"[{min(areas, key=sort_key_by_name)}]"
    if cohorts:
        examples["cohort"] = min(cohorts)
    if themes:
        examples["theme"] = next(iter(themes))
    for node in records:
        for key in ("name", "organisation", "pcn", "partners"):
            value = node.entries.get(key)
            if key in examples or value is None:
                continue
            if isinstance(value, Scalar) and value.text.strip() and ": " not in value.text:
                examples[key] = value.text.strip()
            elif isinstance(value, Sequence) and value.items:
                items = [item for item in value.items if isinstance(item, Scalar)]
                if len(items) == len(value.items) and all(item.text.strip() and "," not in item.text for item in items):
                    examples[key] = f"[{', '.join(item.text.strip() for item in items)}]"
    return examples


def _project_label(node: Mapping, number: int) -> str:
    slug = node.entries.get("slug")
    if isinstance(slug, Scalar) and slug.text.strip():
        return f"project '{slug.text.strip()}'"
    name = node.entries.get("name")
    if isinstance(name, Scalar) and name.text.strip():
        return f"project {number} ('{name.text.strip()}')"
    return f"project {number}"


def _read_project(
    node: Mapping,
    number: int,
    shown: str,
    themes: dict[str, Theme],
    areas: dict[str, Area],
    refused_areas: set[str],
    cohorts: dict[str, Cohort],
    first_line_of_slug: dict[str, int],
    sources: ProgrammeSources,
    problems: list[Problem],
    examples: dict[str, str] | None = None,
) -> Project | None:
    reader = RecordReader(node, shown, _project_label(node, number), PROJECT_FIELDS, problems, examples)
    reader.check_keys()
    slug, name, aim = reader.text("slug"), reader.text("name"), reader.text("aim")
    before = len(problems)

    if slug is not None:
        if not SLUG.match(slug):
            reader.report(
                "slug",
                f"'{slug}' is not a valid slug.",
                f"Use lower-case letters, digits and single hyphens only, e.g. '{slugify(slug)}'.",
            )
        elif slug in RESERVED_IDS:
            reader.report(
                "slug",
                f"'{slug}' cannot be a slug: the name is reserved.",
                f"Choose a longer slug made from the project's name, e.g. '{slug}-project'.",
            )
        elif slug in first_line_of_slug:
            reader.report(
                "slug",
                f"the slug '{slug}' is already used by the project on line {first_line_of_slug[slug]}.",
                "Give each project its own slug.",
            )
        else:
            first_line_of_slug[slug] = reader.line_of("slug")

    cohort_id = reader.text("cohort")
    cohort = cohorts.get(cohort_id) if cohort_id else None
    if cohort_id and cohort is None:
        existing = sources.docs_dir / "cohorts" / f"{cohort_id}.md"
        if existing.is_file():
            pass  # that cohort file has its own problem, reported with it
        else:
            reader.report(
                "cohort",
                f"'{cohort_id}' is not a cohort: there is no file {sources.shown(existing)}{did_you_mean(cohort_id, cohorts)}.",
                f"Use one of: {one_of(cohorts)}, or add the cohort's file.",
            )

    theme_id = reader.text("theme")
    theme = themes.get(theme_id) if theme_id else None
    if theme_id and theme is None:
        reader.report(
            "theme", f"'{theme_id}' is not a theme{did_you_mean(theme_id, themes)}.", f"Use one of: {one_of(themes)}."
        )

    boroughs: list[Area] = []
    for borough_name, line in reader.text_list("boroughs"):
        if borough_name in areas and areas[borough_name] in boroughs:
            reader.report(
                "boroughs",
                f"'{borough_name}' is listed twice.",
                "Delete the second one: each area counts once.",
                line=line,
            )
        elif borough_name in areas:
            boroughs.append(areas[borough_name])
        elif borough_name in refused_areas:
            continue  # the geography file's problem with this area is reported already
        else:
            hint = did_you_mean(borough_name.replace("&", "and"), areas)
            reader.report(
                "boroughs",
                f"'{borough_name}' is not an area in {sources.shown(sources.geography_file)}{hint}.",
                "Write the name exactly as the geography file does"
                + (f", e.g. '{min(areas, key=sort_key_by_name)}'." if areas else "."),
                line=line,
            )

    unconfirmed = set()
    for field_name, line in reader.text_list("unconfirmed"):
        if field_name not in UNCONFIRMABLE_FIELDS:
            reader.report(
                "unconfirmed",
                f"'{field_name}' cannot be marked unconfirmed{did_you_mean(field_name, UNCONFIRMABLE_FIELDS)}.",
                f"Use one of: {', '.join(UNCONFIRMABLE_FIELDS)}.",
                line=line,
            )
        elif field_name not in node.entries:
            reader.report(
                "unconfirmed",
                f"'{field_name}' is marked unconfirmed but the project has no '{field_name}'.",
                f"Remove '{field_name}' from 'unconfirmed', or add the field.",
                line=line,
            )
        else:
            unconfirmed.add(field_name)

    links = tuple(
        Link(title, url)
        for link in reader.records("links", "link", LINK_FIELDS)
        if (title := link.text("title")) and (url := link.url("url"))
    )
    # Every field is read, and its problems reported, before knowing whether the project is whole.
    make_project = partial(
        Project,
        organisation=reader.text("organisation"),
        partners=tuple(text for text, _ in reader.text_list("partners")),
        pcn=reader.text("pcn"),
        summary=reader.text("summary"),
        outcomes=tuple(text for text, _ in reader.text_list("outcomes")),
        quotes=_read_quotes(reader),
        links=links,
        tags=tuple(text for text, _ in reader.text_list("tags")),
        sources=_read_sources(reader, "project", frozenset(unconfirmed)),
    )
    if len(problems) > before or not (slug and name and aim and cohort and theme):
        return None
    summary_node = node.entries.get("summary")
    summary_line = summary_node.line + summary_node.block if isinstance(summary_node, Scalar) else 0
    return make_project(
        slug=slug,
        name=name,
        cohort=cohort,
        theme=theme,
        aim=aim,
        source_line=node.line,
        summary_line=summary_line,
        boroughs=tuple(boroughs),
        unconfirmed=frozenset(unconfirmed),
        previous_slugs=tuple(dict.fromkeys(text for text, _ in reader.text_list("previous_slugs", report=False))),
    )


# -- narratives --------------------------------------------------------------------------------


def _attach_narratives(
    sources: ProgrammeSources,
    projects: list[Project],
    declared_slugs: set[str] | None,
    problems: list[Problem],
) -> list[Project]:
    """Link each content/projects/<slug>.md to its record. A record with its own problems still
    counts as declared, so its narrative is not reported as an orphan too; and when the project
    list could not be read at all (declared_slugs is None), no narrative is called an orphan."""
    folder = sources.docs_dir / "projects"
    by_slug = {project.slug: project for project in projects}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        shown = sources.shown(path)
        source = read_text(path, shown, sources.root)
        problems += source.problems
        if declared_slugs is None:
            continue
        if path.stem not in declared_slugs:
            problems.append(
                Problem(
                    shown,
                    0,
                    "",
                    "",
                    f"this narrative has no project with the slug '{path.stem}' in {sources.shown(sources.projects_file)}{did_you_mean(path.stem, declared_slugs)}.",
                    "Rename the file to '<slug>.md' using the project's slug, add the project's record, or delete the file if the project was removed.",
                )
            )
            continue
        if source.text is not None and split_front_matter(source.text)[0] is not None:
            problems.append(
                Problem(
                    shown,
                    1,
                    f"project '{path.stem}'",
                    "",
                    "narrative files hold Markdown only, but this one starts with front matter ('---').",
                    f"Move the facts into the project's record in {sources.shown(sources.projects_file)} and delete the '---' block.",
                )
            )
            continue
        if path.stem in by_slug:
            by_slug[path.stem] = replace(
                by_slug[path.stem], narrative_file=path.relative_to(sources.docs_dir).as_posix()
            )
    return list(by_slug.values())
