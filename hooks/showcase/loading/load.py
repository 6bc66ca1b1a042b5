"""load_programme: every file read in turn (a project names its areas and cohort: those first),
every problem collected before it raises `ContentProblems`, so one build shows them all."""

from __future__ import annotations

from showcase.fields import SLUG, slugify
from showcase.loading.load_cohorts import load_cohorts
from showcase.loading.load_geography import load_geography
from showcase.loading.load_pages import attach_narratives, markdown_problems, shadowing_problems
from showcase.loading.load_projects import load_projects_file
from showcase.loading.source_texts import SOURCES_FOLDER, read_copies, with_copies
from showcase.model import Programme, sort_key_by_name
from showcase.pictures.copies import programme_pictures
from showcase.pictures.picture_files import page_picture_problems
from showcase.problems import ContentProblems, Problem
from showcase.reading.content_files import CONTENT_SUFFIXES, folder_problems
from showcase.reading.load_files import ProgrammeSources
from showcase.reading.placeholders import page_placeholder_problems

# What callers import from here (the hooks, the command line, the tests, the benchmark).
__all__ = ["SLUG", "ProgrammeSources", "load_programme", "slugify"]


def load_programme(sources: ProgrammeSources, stories_to_write: bool = False) -> Programme:
    """`stories_to_write`: let pass pages still starting with the scaffolds' placeholder (for
    new-project and new-cohort: a story is written after its record)."""
    problems: list[Problem] = []
    # First: links, devices and pipes in the editors' folders and the theme (MkDocs publishes its
    # files), and files content/ must not publish (content_files.py).
    problems += folder_problems(sources.root, sources.docs_dir, sources.shown, CONTENT_SUFFIXES)
    problems += folder_problems(sources.root, sources.projects_file.parent, sources.shown, None)
    if sources.theme_dir is not None:
        problems += folder_problems(sources.root, sources.theme_dir, sources.shown, None)
    geography = load_geography(sources, problems)
    cohorts = load_cohorts(sources, problems)
    themes, projects, declared_slugs, removed = load_projects_file(sources, geography, cohorts, problems)
    projects = attach_narratives(sources, projects, declared_slugs, problems)
    if problems:
        raise ContentProblems(problems)
    programme = Programme(
        themes=tuple(themes.values()),
        areas=tuple(sorted(geography.areas.values(), key=lambda area: sort_key_by_name(area.name))),
        icbs=tuple(sorted(geography.icbs.values(), key=lambda icb: icb.name)),
        cohorts=tuple(sorted(cohorts.values(), key=lambda cohort: cohort.id)),
        projects=tuple(sorted(projects, key=lambda project: (sort_key_by_name(project.name), project.slug))),
        area_label=geography.area_label,
        group_label=geography.group_label,
        names=geography.names,
        removed=tuple(sorted(removed, key=lambda project: project.slug)),
    )
    if problems := (
        shadowing_problems(sources, programme)
        + markdown_problems(sources, programme)
        + ([] if stories_to_write else page_placeholder_problems(sources))
    ):
        raise ContentProblems(problems)
    # Last, once the records are known: the pictures the pages show, read as the build will copy
    # them (a record's picture was read with its record).
    named = {picture.src for picture in programme_pictures(programme)}
    if problems := page_picture_problems(sources.docs_dir, sources.shown, named):
        raise ContentProblems(problems)
    # Which cited pages are another website's copy of a document, so each link to one says so.
    return with_copies(programme, read_copies(sources.root / SOURCES_FOLDER))
