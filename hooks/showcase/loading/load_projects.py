"""data/projects.yaml read into the model: the themes, then each project checked against them, the
geography and the cohorts."""

from __future__ import annotations

from functools import partial

from showcase.fields import PROJECT_FIELDS, SLUG, THEME_FIELDS, UNCONFIRMABLE_FIELDS, FieldKind, slugify
from showcase.loading.addresses import REMOVED_SECTION, invalid_old_slug, read_removed_projects
from showcase.loading.fact_sources import read_sources
from showcase.loading.load_geography import Geography
from showcase.loading.picture_fields import read_picture
from showcase.loading.public_names import AREAS_FIELD, editors_field, model_field, project_fields
from showcase.loading.records import RecordReader
from showcase.model import Area, Cohort, Project, RemovedProject, Theme, sort_key_by_name
from showcase.problems import Problem, did_you_mean, one_of
from showcase.reading.load_files import ProgrammeSources, list_of_records, read_data_file, top_level
from showcase.reading.source import Mapping, Scalar, Sequence


def load_projects_file(
    sources: ProgrammeSources,
    geography: Geography,
    cohorts: dict[str, Cohort],
    problems: list[Problem],
) -> tuple[dict[str, Theme], list[Project], set[str] | None, tuple[RemovedProject, ...]]:
    """The themes, the projects without problems, every slug declared (None when the project list
    could not be read: nothing can be said about narratives), and the projects taken off the site."""
    shown = sources.shown(sources.projects_file)
    root = top_level(
        read_data_file(sources.projects_file, shown, problems, sources.root),
        shown,
        ("themes", "projects", REMOVED_SECTION),
        problems,
    )
    if root is None:
        return {}, [], None, ()
    renamed = {AREAS_FIELD: geography.names.areas}  # the areas' field, as the editors name it
    themes = _read_themes(root, shown, problems, renamed)
    projects: list[Project] = []
    first_line_of_slug: dict[str, int] = {}
    earlier: dict[str, tuple[str, int]] = {}  # an earlier slug -> the project that lists it, and the line
    records = list_of_records(root, "projects", shown, problems)
    areas, names = geography.areas, geography.names
    fields = project_fields(names)  # the areas' field under the programme's name for it
    examples = _examples_from_data(records, areas, cohorts, themes)
    examples[names.areas] = examples.pop(AREAS_FIELD, fields[names.areas].example)
    kind_words = {FieldKind.LIST_OF_BOROUGH_NAMES: f"list of {geography.area_label.singular} names"}
    for number, node in enumerate(records, start=1):
        label = _project_label(node, number)
        reader = RecordReader(node, shown, label, fields, problems, examples, kind_words, renamed)
        if project := _read_project(reader, themes, geography, cohorts, first_line_of_slug, sources):
            projects.append(project)
        slug = node.entries.get("slug")
        _read_previous_slugs(reader, slug.text.strip() if isinstance(slug, Scalar) else str(number), earlier)
    for old, (owner, line) in earlier.items():
        if old in first_line_of_slug:
            message = f"'{old}' is listed as an earlier address, but it is the current slug of the project on line {first_line_of_slug[old]}."
            fix = "An address leads to one page: remove it from 'previous_slugs', or give that project another slug."
            problems.append(Problem(shown, line, f"project '{owner}'", "previous_slugs", message, fix))
    removed = read_removed_projects(root, shown, first_line_of_slug, earlier, problems)
    if not isinstance(root.entries.get("projects"), Sequence):
        return themes, projects, None, removed
    return themes, projects, set(first_line_of_slug), removed


def _read_themes(root: Mapping, shown: str, problems: list[Problem], renamed: dict[str, str]) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for node in list_of_records(root, "themes", shown, problems):
        reader = RecordReader(node, shown, "theme", THEME_FIELDS, problems, renamed=renamed)
        reader.check_keys()
        theme_id, title, description = reader.text("id"), reader.text("title"), reader.text("description")
        if not theme_id:
            continue
        reader.label = f"theme '{theme_id}'"
        invalid = (
            f"'{theme_id}' is not a valid id.",
            f"Use lower-case letters, digits and hyphens, e.g. '{slugify(theme_id)}'.",
        )
        reserved = (f"'{theme_id}' cannot be a theme id: the name is reserved.", "Choose another id.")
        if reader.refuses_id("id", theme_id, SLUG, invalid, reserved):
            continue
        if theme_id in themes:
            reader.report("id", f"the theme id '{theme_id}' is used twice.", "Give each theme its own id.")
        elif title and description:
            themes[theme_id] = Theme(theme_id, title, description)
    return themes


def _read_previous_slugs(reader: RecordReader, owner: str, earlier: dict[str, tuple[str, int]]) -> None:
    for old, line in reader.text_list("previous_slugs"):
        invalid = invalid_old_slug(old)
        if reader.refuses_id("previous_slugs", old, SLUG, invalid, invalid, line):
            continue
        if old in earlier:
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
    """Examples for the hints from the programme's own data (else fields.py's): its first area, cohort
    and theme, and the first well-formed value of each text field."""
    examples = {}
    if areas:
        examples[AREAS_FIELD] = f"[{min(areas, key=sort_key_by_name)}]"
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


# Fields checked against more than their own value; every other is read as its kind says.
_READ_APART = ("slug", "cohort", "theme", AREAS_FIELD, "unconfirmed", "image", "logo", "sources", "previous_slugs")


def _read_project(
    reader: RecordReader,
    themes: dict[str, Theme],
    geography: Geography,
    cohorts: dict[str, Cohort],
    first_line_of_slug: dict[str, int],
    sources: ProgrammeSources,
) -> Project | None:
    reader.check_keys()
    node = reader.node
    slug = reader.text("slug")
    before = len(reader.problems)

    invalid = (
        f"'{slug}' is not a valid slug.",
        f"Use lower-case letters, digits and single hyphens only, e.g. '{slugify(slug or '')}'.",
    )
    reserved = (
        f"'{slug}' cannot be a slug: the name is reserved.",
        f"Choose a longer slug made from the project's name, e.g. '{slug}-project'.",
    )
    if slug is not None and not reader.refuses_id("slug", slug, SLUG, invalid, reserved):
        if slug in first_line_of_slug:
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
        if not existing.is_file():  # else that cohort file has its own problem, reported with it
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

    areas, field = geography.areas, geography.names.areas  # the areas' field, as the editors name it
    boroughs: list[Area] = []
    for borough_name, line in reader.text_list(field):
        if borough_name in areas and areas[borough_name] in boroughs:
            reader.report(
                field,
                f"'{borough_name}' is listed twice.",
                "Delete the second one: each area counts once.",
                line=line,
            )
        elif borough_name in areas:
            boroughs.append(areas[borough_name])
        elif borough_name in geography.refused_areas:
            continue  # the geography file's problem with this area is reported already
        else:
            hint = did_you_mean(borough_name.replace("&", "and"), areas)
            reader.report(
                field,
                f"'{borough_name}' is not an area in {sources.shown(sources.geography_file)}{hint}.",
                "Write the name exactly as the geography file does"
                + (f", e.g. '{min(areas, key=sort_key_by_name)}'." if areas else "."),
                line=line,
            )

    unconfirmed = set()
    unconfirmable = [editors_field(name, geography.names) for name in UNCONFIRMABLE_FIELDS]
    for field_name, line in reader.text_list("unconfirmed"):
        if field_name not in unconfirmable:
            reader.report(
                "unconfirmed",
                f"'{field_name}' cannot be marked unconfirmed{did_you_mean(field_name, unconfirmable)}.",
                f"Use one of: {', '.join(unconfirmable)}.",
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

    # Every field is read, and its problems reported, before knowing whether the project is whole.
    values = {key: reader.value(key) for key in PROJECT_FIELDS if key not in _READ_APART}
    fact_sources, outcome_sources = read_sources(reader, frozenset(unconfirmed))
    # Past the editors' names, the model's: `boroughs` whatever the programme calls the field.
    unconfirmed = {model_field(name, geography.names) for name in unconfirmed}
    fact_sources = tuple((model_field(fact, geography.names), url) for fact, url in fact_sources)
    make_project = partial(
        Project,
        **values,
        sources=fact_sources,
        outcome_sources=outcome_sources,
        image=read_picture(reader, "image", "photo", sources.docs_dir, sources.root, values["name"]),
        logo=read_picture(reader, "logo", "logo", sources.docs_dir, sources.root, values["organisation"]),
    )
    if len(reader.problems) > before or not (slug and values["name"] and values["aim"] and cohort and theme):
        return None
    summary_node = node.entries.get("summary")
    summary_line = summary_node.line + summary_node.block if isinstance(summary_node, Scalar) else 0
    return make_project(
        slug=slug,
        cohort=cohort,
        theme=theme,
        source_line=node.line,
        summary_line=summary_line,
        boroughs=tuple(boroughs),
        unconfirmed=frozenset(unconfirmed),
        previous_slugs=tuple(dict.fromkeys(text for text, _ in reader.text_list("previous_slugs", report=False))),
    )
