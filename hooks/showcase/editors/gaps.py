"""The editors' gaps report (`scripts/gaps`, `--csv gaps.csv` for the team's spreadsheet): per
project, what visitors look for that the content lacks, and which facts are unknown, unsourced
or marked unconfirmed, so the comms team knows what to ask for and whom to ask (the lead
organisation, when one is known).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from showcase.model import Programme, Project
from showcase.web.exports import FORMULA_STARTS
from showcase.wording.tally import FIELD_NOUNS, UNCONFIRMED_LABEL
from showcase.wording.text import plural

LOOKED_FOR = ("outcomes", "quotes", "photo", "story")  # what a visitor looks for on a project's page
FACTS = ("boroughs", "organisation", "partners", "pcn")  # the facts a project may not have at all
SOURCED = ("boroughs", "theme", "organisation", "partners", "pcn", "summary", "outcomes")
CSV_COLUMNS = ("slug", "name", "cohort", "missing", "facts_not_known", "facts_without_source", "unconfirmed", "ask")


@dataclass(frozen=True)
class ProjectGaps:
    """One project's gaps: of LOOKED_FOR, and the nouns of its facts (e.g. "lead organisation")."""

    project: Project
    missing: tuple[str, ...]
    not_known: tuple[str, ...]
    without_source: tuple[str, ...]  # facts shown with no source
    unconfirmed: tuple[str, ...]
    ask: str  # whom to ask: the lead organisation, when known


def project_gaps(project: Project) -> ProjectGaps:
    has = {
        "outcomes": bool(project.outcomes),
        "quotes": bool(project.quotes),
        "photo": project.image is not None,
        "story": project.narrative_file is not None,
    }
    shown = {field for field in SOURCED if field == "theme" or getattr(project, field)}
    ask = ""
    if project.organisation:
        ask = project.organisation + (f" {UNCONFIRMED_LABEL}" if project.is_unconfirmed("organisation") else "")
    return ProjectGaps(
        project,
        tuple(key for key in LOOKED_FOR if not has[key]),
        tuple(_noun(field) for field in FACTS if field not in shown),
        tuple(_noun(field) for field in SOURCED if field in shown and not project.is_sourced(field)),
        tuple(_noun(field) for field in SOURCED if project.is_unconfirmed(field)),
        ask,
    )


def programme_gaps(programme: Programme) -> tuple[ProjectGaps, ...]:
    return tuple(project_gaps(project) for project in programme.projects)


def gaps_report(programme: Programme) -> str:
    """The report as the command prints it: the totals, then each project's gaps."""
    gaps = programme_gaps(programme)
    total = len(gaps)
    lines = [f"What visitors look for and the content does not have yet: {plural(total, 'project')}.", ""]
    for key in LOOKED_FOR:
        lines.append(f"  No {key}: {sum(key in each.missing for each in gaps)} of {total} projects")
    for field in SOURCED:
        if count := sum(_noun(field) in each.unconfirmed for each in gaps):
            lines.append(f"  Unconfirmed {_noun(field)}: {count} of {total} projects")
    for project_gap in gaps:
        project = project_gap.project
        story = f"story (content/projects/{project.slug}.md)"
        lines += ["", f"{project.name} ({project.slug}, {project.cohort.title})"]
        for label, values in (
            ("Missing", tuple(story if key == "story" else key for key in project_gap.missing)),
            ("Not known", project_gap.not_known),
            ("No source", project_gap.without_source),
            ("Unconfirmed", project_gap.unconfirmed),
        ):
            if values:
                lines.append(f"  {label}: {', '.join(values)}")
        if not (project_gap.missing or project_gap.not_known or project_gap.without_source or project_gap.unconfirmed):
            lines.append("  Nothing missing.")
        lines.append(f"  Ask: {project_gap.ask or 'the programme (no lead organisation is known)'}")
    return "\n".join(lines) + "\n"


def gaps_csv(programme: Programme) -> str:
    """The report as CSV, one row per project, each list joined with '; '. The command writes it
    with a byte order mark, as the open data's CSV is, so that Excel reads it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for gaps in programme_gaps(programme):
        project = gaps.project
        lists = (gaps.missing, gaps.not_known, gaps.without_source, gaps.unconfirmed)
        row = (project.slug, project.name, project.cohort.id, *("; ".join(each) for each in lists), gaps.ask)
        # An editor's text is read as text by a spreadsheet, never run as a formula (as exports.py).
        writer.writerow(tuple("'" + cell if cell.startswith(FORMULA_STARTS) else cell for cell in row))
    return out.getvalue()


def _noun(field: str) -> str:
    return FIELD_NOUNS[field][0]
