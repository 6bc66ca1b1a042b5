"""The Markdown pages in content/: each narrative linked to its record, the checks that need the
whole model, and files MkDocs would publish otherwise than read refused (so scripts/check and the
build agree)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from showcase.fields import PAGE_FIELDS
from showcase.loading.records import RecordReader
from showcase.model import Programme, Project
from showcase.problems import Problem, did_you_mean
from showcase.reading.load_files import ProgrammeSources
from showcase.reading.markdown_checks import link_problems, summary_picture_problems
from showcase.reading.markdown_markup import markup_problems
from showcase.reading.source import Mapping, Scalar, nesting_problems, parse_yaml, read_text, split_front_matter
from showcase.wording.legal import EDITORS_TEXT_UNDER, LEGAL_PAGES

# Folders of the docs_dir whose Markdown files are records' stories, each named after its record.
STORY_FOLDERS = {
    "projects": "a project's story goes in content/projects/<slug>.md",
    "cohorts": "a cohort's file is content/cohorts/<id>.md",
}
# The folder MkDocs leaves out of every site (its default `exclude_docs`, for a theme's templates).
LEFT_OUT_FOLDER = "templates"


def _file_problem(shown: str, message: str, fix: str) -> Problem:
    return Problem(shown, 0, "", "", message, fix)


def page_file_problems(sources: ProgrammeSources) -> list[Problem]:
    """Files in content/ that MkDocs would not publish as the loader reads them."""
    docs = sources.docs_dir
    if not docs.is_dir():
        return []
    problems = []
    for path in sorted(docs.rglob("*")):
        parts = path.relative_to(docs).parts
        if any(part.startswith(".") for part in parts) or not path.is_file():
            continue  # hidden entries are left alone (content_files.py); links are its to refuse
        if found := _published_otherwise(path, parts):
            problems.append(_file_problem(sources.shown(path), *found))
    return problems


def _published_otherwise(path: Path, parts: tuple[str, ...]) -> tuple[str, str] | None:
    if parts[0] == LEFT_OUT_FOLDER:
        return (
            f"MkDocs leaves the folder content/{LEFT_OUT_FOLDER}/ out of the site, so this file would never be published.",
            "Move it: a picture to content/images/, a page to content/.",
        )
    if path.suffix.lower() == ".md" and path.suffix != ".md":
        return (
            f"this page's name ends '{path.suffix}', which MkDocs publishes as a file of raw text, not as a page.",
            f"Rename it to end '.md' in lower case: {path.stem}.md",
        )
    if path.suffix == ".md" and parts[0] in STORY_FOLDERS and len(parts) > 2:
        return (
            f"this page is in a folder inside content/{parts[0]}/, where it is no record's story: it would be "
            "published as a page of its own that nothing links to.",
            f"Move it to content/{parts[0]}/ itself: {STORY_FOLDERS[parts[0]]}.",
        )
    if path.name == "README.md" and (path.parent / "index.md").is_file():
        # MkDocs drops one of the two, which fails the strict build.
        return (
            "this folder has an index.md too: both would be the folder's page, and MkDocs refuses to build.",
            "Keep one: move this file's text into index.md and delete it, or rename it.",
        )
    return None


def attach_narratives(
    sources: ProgrammeSources, projects: list[Project], declared_slugs: set[str] | None, problems: list[Problem]
) -> list[Project]:
    """Link each content/projects/<slug>.md to its record. A record with problems still counts as
    declared (its narrative is no orphan); with no project list (None), no narrative is an orphan."""
    problems += page_file_problems(sources)
    folder = sources.docs_dir / "projects"
    projects_file = sources.shown(sources.projects_file)
    by_slug = {project.slug: project for project in projects}
    moved = {old: project for project in projects for old in project.previous_slugs}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        shown, slug = sources.shown(path), path.stem
        source = read_text(path, shown, sources.root)
        problems += source.problems
        if declared_slugs is None:
            continue
        if slug in moved and slug not in declared_slugs:
            project = moved[slug]
            problems.append(
                _file_problem(
                    shown,
                    f"this story is named after '{slug}', an earlier slug of project '{project.slug}' "
                    f"({projects_file}:{project.source_line}): its page would take the place of "
                    f"the old address's redirect to projects/{project.slug}/.",
                    f"Rename the file to {project.slug}.md.",
                )
            )
        elif slug not in declared_slugs:
            problems.append(
                _file_problem(
                    shown,
                    f"this narrative has no project with the slug '{slug}' in {projects_file}{did_you_mean(slug, declared_slugs)}.",
                    "Rename the file to '<slug>.md' using the project's slug, add the project's record, or delete the file if the project was removed.",
                )
            )
        elif source.text is not None and split_front_matter(source.text)[0] is not None:
            message = "narrative files hold Markdown only, but this one starts with front matter ('---')."
            fix = f"Move the facts into the project's record in {projects_file} and delete the '---' block."
            problems.append(Problem(shown, 1, f"project '{slug}'", "", message, fix))
        elif slug in by_slug:
            by_slug[slug] = replace(by_slug[slug], narrative_file=path.relative_to(sources.docs_dir).as_posix())
    return list(by_slug.values())


def markdown_problems(sources: ProgrammeSources, programme: Programme) -> list[Problem]:
    """Lists run on into their paragraph; links and pictures to no file of the site (markdown_checks.py)."""
    from showcase.web.site import plan_pages

    problems: list[Problem] = []
    projects_file = sources.shown(sources.projects_file)
    for project in programme.projects:
        if project.summary and project.summary_line:
            record = f"project '{project.slug}'"
            problems += markup_problems(project.summary, projects_file, project.summary_line, record, "summary")
            problems += summary_picture_problems(project.summary, projects_file, project.summary_line, record)
    docs = sources.docs_dir
    if not docs.is_dir():
        return problems
    files = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    made = set(plan_pages(programme, set()))

    def exists(target: str) -> bool:
        bare = target.rstrip("/")
        return target in files or not made.isdisjoint((target, f"{bare}/index.md", f"{bare}.md"))

    for page in sorted(uri for uri in files if uri.endswith(".md")):
        shown = sources.shown(docs / page)
        source = read_text(docs / page, shown, sources.root)
        problems += source.problems
        text = source.text or ""
        front, body, front_line = split_front_matter(text)
        # MkDocs reads every page's front matter with libyaml: a deep one would crash the build.
        problems += nesting_problems(front or "", shown, front_line)
        if front is not None and page.split("/")[0] not in STORY_FOLDERS:  # read with its record
            problems += _front_matter_problems(front, shown, front_line)
        offset = text.count("\n", 0, len(text) - len(body)) + 1
        # Only a page of the editors' own may start with its title; the site writes the others'.
        own = page.split("/")[0] not in STORY_FOLDERS and page not in LEGAL_PAGES
        problems += markup_problems(body, shown, offset, under=EDITORS_TEXT_UNDER.get(page, 1), title_allowed=own)
        problems += link_problems(body, shown, offset, page, exists)
    return problems


def _front_matter_problems(front: str, shown: str, first_line: int) -> list[Problem]:
    """A page's own front matter: PAGE_FIELDS, each text that MkDocs reads as typed."""
    node, problems = parse_yaml(front, shown, first_line)
    if node is None:
        return problems
    if not isinstance(node, Mapping):
        fix = "Write one 'field: value' per line between the '---' lines: title and description."
        return [*problems, Problem(shown, node.line, "", "", "the front matter should be a set of fields.", fix)]
    reader = RecordReader(node, shown, "", PAGE_FIELDS, problems)
    reader.check_keys()
    for key in PAGE_FIELDS:
        value = node.entries.get(key)
        # MkDocs reads front matter by YAML's own types (the loader reads every value as text).
        if (
            isinstance(value, Scalar)
            and value.plain
            and (kind := _READ_AS.get(_YAML_TYPES.resolve(yaml.ScalarNode, value.text, (True, False))))
        ):
            reader.report(
                key,
                f"MkDocs would read '{value.text}' as {kind}, not as the text typed.",
                f'Put it in quotes: {key}: "{value.text}".',
            )
        else:
            reader.text(key)
    return problems


_YAML_TYPES = yaml.resolver.Resolver()
_READ_AS = {
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "nothing",
}


def shadowing_problems(sources: ProgrammeSources, programme: Programme) -> list[Problem]:
    """A Markdown file at the address of a page made from the data would silently replace it."""
    from showcase.web.site import shadowing_files  # the site's page plan, which needs the model loaded here

    docs = sources.docs_dir
    markdown = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")} if docs.is_dir() else set()
    return [
        _file_problem(
            sources.shown(docs / uri),
            f"this file would take the place of the page the showcase makes at {address} from the data.",
            "Rename or move it: a project's story goes in content/projects/<slug>.md, a cohort's in content/cohorts/<id>.md.",
        )
        for uri, address in shadowing_files(programme, markdown).items()
    ]
