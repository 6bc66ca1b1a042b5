"""The problems the PDFs' renders reported, each once, naming the record to fix: a refused
address against the record whose summary asked for it (else the PDFs whose templates did); a
snapshot over two pages, and a character no committed font has, against the record; WeasyPrint's
other warnings against the PDFs that raised them. Each is a quality problem: the PDF is made.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, urljoin

from showcase.model import Programme, Project
from showcase.pdf.cache import RenderOutcome
from showcase.pdf.documents import SNAPSHOT_MOST_PAGES, PdfSettings, RenderedPdf
from showcase.pdf.jobs import print_base_url
from showcase.problems import Problem
from showcase.wording.text import render_markdown

# How WeasyPrint says a character has no glyph in any font it may use.
_MISSING_GLYPH = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(?P<character>[^"]+)"')
# Scripts whose fonts are too large to commit (Noto Sans CJK: about 20 MB a weight).
_UNCOMMITTED_SCRIPTS = {"Hani": "Chinese", "Hira": "Japanese", "Kana": "Japanese", "Hang": "Korean", "Bopo": "Chinese"}


def problems_of(found: list[tuple[RenderedPdf, RenderOutcome]], settings: PdfSettings) -> tuple[Problem, ...]:
    problems: dict[Problem, None] = {}
    projects_file = settings.projects_file
    base_url = print_base_url(settings.print_dir)
    projects = {pdf.document.project.slug: pdf.document.project for pdf, _ in found if pdf.document.project}
    asked_by = {address: project for project in projects.values() for address in _summary_addresses(project, base_url)}
    unexplained: dict[str, list[str]] = {}  # what the templates asked for -> the PDFs that asked
    said_by: dict[str, list[str]] = {}
    missing: dict[str, list[str]] = {}  # a character no committed font has -> the PDFs that needed it
    for pdf, outcome in found:
        path = pdf.document.path
        for url in outcome.refused:
            if (project := asked_by.get(url)) is None:
                unexplained.setdefault(url, []).append(path)
                continue
            message = (
                f"the PDFs cannot load '{_shorten(url)}': they only use files in theme/print/, never the network "
                "or another folder, so they were made without it."
            )
            fix = "Remove it from the summary, or ask a developer to add the file to theme/print/."
            problems.setdefault(_project_problem(projects_file, project, "summary", message, fix))
        if (project := pdf.document.project) and pdf.pages > SNAPSHOT_MOST_PAGES:
            message = (
                f"its snapshot ({path}) runs to {pdf.pages} pages; a snapshot should fit on one page, "
                f"{SNAPSHOT_MOST_PAGES} at most."
            )
            fix = "Shorten the project's summary, outcomes or quotes."
            problems.setdefault(_project_problem(projects_file, project, "", message, fix))
        for message in outcome.messages:
            glyph = _MISSING_GLYPH.search(message)
            (missing.setdefault(glyph["character"], []) if glyph else said_by.setdefault(message, [])).append(path)
    for url, paths in unexplained.items():
        message = (
            f"the print templates ask for '{_shorten(url)}', but PDFs only use files in theme/print/, so they "
            "were made without it."
        )
        problems.setdefault(_pdfs_problem(paths, message, "Fix the templates or CSS in theme/print/."))
    # One problem per record whose text holds characters no committed font has; characters no
    # record holds come from the templates.
    by_project: dict[str, list[str]] = {}
    no_holder: dict[str, list[str]] = {}
    for character, paths in missing.items():
        holders = [slug for slug, project in projects.items() if character in _project_text(project)]
        for slug in holders:
            by_project.setdefault(slug, []).append(character)
        if not holders:
            no_holder[character] = paths
    for slug, characters in by_project.items():
        problems.setdefault(_no_font_problem(projects[slug], characters, projects_file))
    for character, paths in no_holder.items():
        message = f"the PDFs have no font for {_characters([character])}."
        fix = "Fix the templates in theme/print/, or add a font that has it to theme/print/fonts/."
        problems.setdefault(_pdfs_problem(paths, message, fix))
    for message, paths in said_by.items():
        fix = "Fix the templates or CSS in theme/print/."
        problems.setdefault(_pdfs_problem(paths, f"WeasyPrint reported: {message}", fix))
    return tuple(problems)


def _project_problem(projects_file: str, project: Project, field: str, message: str, fix: str) -> Problem:
    return Problem(projects_file, project.source_line, f"project '{project.slug}'", field, message, fix)


def _pdfs_problem(paths: list[str], message: str, fix: str) -> Problem:
    others = len(paths) - 1
    where = paths[0] + (f" (and {others} other PDF{'s' if others > 1 else ''})" if others else "")
    return Problem(where, 0, "", "", message, fix)


def _no_font_problem(project: Project, characters: Iterable[str], projects_file: str) -> Problem:
    from fontTools import unicodedata as scripts  # WeasyPrint's own dependency

    listed = list(characters)
    languages = sorted(
        {_UNCOMMITTED_SCRIPTS[script] for c in listed if (script := scripts.script(c)) in _UNCOMMITTED_SCRIPTS}
    )
    fix = "Write the text without them, or ask a developer to add a font that has them to theme/print/fonts/."
    if languages:
        fix = (
            f"The PDFs have no {' or '.join(languages)} font: one weighs about 20 MB, too much to keep in the "
            "repository. Give the quote in English in the record (you may link to the original with `source:`), or leave it out."
        )
    message = f"the PDFs have no font for {_characters(listed)}, so each would print as an empty box."
    return _project_problem(projects_file, project, "", message, fix)


def font_problems(programme: Programme, print_dir: Path, projects_file: str) -> list[Problem]:
    """Before any render (for `scripts/check`): each record with characters no committed font has."""
    fonts = tuple(sorted((print_dir / "fonts").glob("*.[ot]tf")))
    if not fonts:
        return []  # no print templates here: nothing to judge
    covered = _committed_characters(fonts)
    problems = []
    for project in programme.projects:
        lacking = {c for c in _project_text(project) if c not in covered and unicodedata.category(c)[0] not in "CZ"}
        if lacking:
            problems.append(_no_font_problem(project, lacking, projects_file))
    return problems


@functools.lru_cache(maxsize=4)
def _committed_characters(fonts: tuple[Path, ...]) -> frozenset[str]:
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency

    covered: set[str] = set()
    for font in fonts:
        with TTFont(font, lazy=True) as loaded:
            covered.update(chr(code) for code in loaded.getBestCmap())
    return frozenset(covered)


def _characters(characters: list[str]) -> str:
    return ", ".join(f"'{c}' (U+{ord(c[0]):04X})" for c in sorted(set(characters), key=lambda c: ord(c[0])))


def _project_text(project: Project) -> str:
    """Every text of a record that a PDF may print."""
    return "\n".join(
        [
            project.name,
            project.aim,
            project.summary or "",
            project.organisation or "",
            project.pcn or "",
            *project.partners,
            *project.outcomes,
            *project.tags,
            *(area.name for area in project.boroughs),
            *(text for quote in project.quotes for text in (quote.text, quote.attribution)),
            *(link.title for link in project.links),
            project.cohort.title,
            project.theme.title,
        ]
    )


def _summary_addresses(project: Project, base_url: str) -> set[str]:
    """The addresses a project's summary asks a PDF to load (its images), as WeasyPrint hands them
    to the fetcher: resolved, non-ASCII characters %-encoded."""
    if not project.summary:
        return set()
    sources = re.findall(r"<img\b[^>]*?\bsrc=\"([^\"]*)\"", render_markdown(project.summary))
    resolved = (urljoin(base_url, html.unescape(source).strip()) for source in sources)
    return {
        url if url.startswith("data:") else quote(url.encode("utf-8"), safe="/:?#[]@!$&'()*+,;=~%") for url in resolved
    }


def _shorten(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "..."
