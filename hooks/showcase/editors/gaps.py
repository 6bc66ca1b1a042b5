"""The editors' gaps report: per project, what visitors look for that the content does not have
yet, and which facts are unconfirmed or have no source, so the comms team knows what to ask for
and whom to ask (`scripts/gaps`; `scripts/gaps --csv gaps.csv` for the team's spreadsheet).

Visitors look for a project's outcomes, what the people in it said (quotes), a photo and its
story (a page in content/projects/); and for its facts: where it worked, who led it, its
partners and its primary care network, each with the page that states it. A fact with no source
is listed, and so is one the editors marked unconfirmed (the site labels it "(unconfirmed)").
"Ask" is whom the report suggests asking: the lead organisation when one is known.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from showcase.model import Programme, Project
from showcase.web.exports import FORMULA_STARTS
from showcase.wording.tally import FIELD_NOUNS, UNCONFIRMED_LABEL
from showcase.wording.text import plural

# What a visitor looks for on a project's page, by what the report calls it.
LOOKED_FOR = {"outcomes": "outcomes", "quotes": "quotes", "photo": "photo", "story": "story"}
FACTS = ("boroughs", "organisation", "partners", "pcn")  # the facts a project may not have at all
SOURCED = ("boroughs", "theme", "organisation", "partners", "pcn", "summary", "outcomes")
CSV_COLUMNS = ("slug", "name", "cohort", "missing", "facts_not_known", "facts_without_source", "unconfirmed", "ask")


@dataclass(frozen=True)
class ProjectGaps:
    """One project's gaps, each a tuple of what the report calls them."""

    project: Project
    missing: tuple[str, ...]  # keys of LOOKED_FOR
    not_known: tuple[str, ...]  # fact nouns, e.g. "lead organisation"
    without_source: tuple[str, ...]  # fact nouns of facts shown with no source
    unconfirmed: tuple[str, ...]  # fact nouns of facts marked unconfirmed
    ask: str  # whom to ask: the lead organisation, when known

    @property
    def is_complete(self) -> bool:
        return not (self.missing or self.not_known or self.without_source)


def project_gaps(project: Project) -> ProjectGaps:
    has = {
        "outcomes": bool(project.outcomes),
        "quotes": bool(project.quotes),
        "photo": project.image is not None,
        "story": project.narrative_file is not None,
    }
    shown = {field for field in SOURCED if _has(project, field)}
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
    """Every project's gaps, in the programme's order (by name)."""
    return tuple(project_gaps(project) for project in programme.projects)


def gaps_report(programme: Programme) -> str:
    """The report as the command prints it: the totals, then each project's gaps."""
    gaps = programme_gaps(programme)
    total = len(gaps)
    lines = [f"What visitors look for and the content does not have yet: {plural(total, 'project')}.", ""]
    for key, label in LOOKED_FOR.items():
        lines.append(f"  No {label}: {sum(key in each.missing for each in gaps)} of {total} projects")
    for field in SOURCED:
        noun = _noun(field)
        if count := sum(noun in each.unconfirmed for each in gaps):
            lines.append(f"  Unconfirmed {noun}: {count} of {total} projects")
    for project_gap in gaps:
        project = project_gap.project
        lines += ["", f"{project.name} ({project.slug}, {project.cohort.title})"]
        for label, values in (
            ("Missing", tuple(_looked_for(project, key) for key in project_gap.missing)),
            ("Not known", project_gap.not_known),
            ("No source", project_gap.without_source),
            ("Unconfirmed", project_gap.unconfirmed),
        ):
            if values:
                lines.append(f"  {label}: {', '.join(values)}")
        if project_gap.is_complete and not project_gap.unconfirmed:
            lines.append("  Nothing missing.")
        lines.append(f"  Ask: {project_gap.ask or 'the programme (no lead organisation is known)'}")
    return "\n".join(lines) + "\n"


def gaps_csv(programme: Programme) -> str:
    """The report as CSV, one row per project, for a spreadsheet (each list joined with '; ').
    Written with a byte order mark by the command, as the open data's CSV is, so that Excel
    reads it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for project_gap in programme_gaps(programme):
        project = project_gap.project
        row = (
            project.slug,
            project.name,
            project.cohort.id,
            "; ".join(project_gap.missing),
            "; ".join(project_gap.not_known),
            "; ".join(project_gap.without_source),
            "; ".join(project_gap.unconfirmed),
            project_gap.ask,
        )
        writer.writerow(tuple(_text_cell(cell) for cell in row))
    return out.getvalue()


def _text_cell(value: str) -> str:
    """An editor's name read as text by a spreadsheet, never run as a formula (as exports.py)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _looked_for(project: Project, key: str) -> str:
    return f"story (content/projects/{project.slug}.md)" if key == "story" else LOOKED_FOR[key]


def _has(project: Project, field: str) -> bool:
    return field == "theme" or bool(getattr(project, field))


def _noun(field: str) -> str:
    return FIELD_NOUNS[field][0]
