"""The Markdown pages in content/: each project's narrative linked to its record, and the checks
that need the whole model (a list run on into its paragraph, a link to no page, a page that would
take the place of one the showcase makes from the data)."""

from __future__ import annotations

from dataclasses import replace

from .load_files import ProgrammeSources
from .markdown_checks import link_problems, list_problems, summary_picture_problems
from .model import Programme, Project
from .problems import Problem, did_you_mean
from .source import read_text, split_front_matter


def attach_narratives(
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


def markdown_problems(sources: ProgrammeSources, programme: Programme) -> list[Problem]:
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


def shadowing_problems(sources: ProgrammeSources, programme: Programme) -> list[Problem]:
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
