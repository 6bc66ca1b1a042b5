"""The editors' gaps report (`scripts/gaps`, `--csv gaps.csv` for the team's spreadsheet): per
project, what visitors look for that the content lacks, and which facts are unknown, unsourced
or marked unconfirmed, so the comms team knows what to ask for and whom to ask (the lead
organisation, when one is known); and first, what the programme's pages and settings lack
(`SiteGaps`): the settings still to confirm, the editors' readings and the sources that disagree
(which only the programme can settle), the facts cited from another website's copy of a document,
and the Markdown pages' sentences that cite no source.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from showcase.identity import OPTIONAL_FIELDS, ProgrammeIdentity
from showcase.loading.markdown_citations import uncited_sentences
from showcase.loading.public_names import AREAS_FIELD
from showcase.model import Cohort, Programme, Project, Term
from showcase.web.exports import FORMULA_STARTS
from showcase.wording.citations import FIGURE_NOUNS
from showcase.wording.legal import TO_CONFIRM
from showcase.wording.tally import FIELD_NOUNS, UNCONFIRMED_LABEL
from showcase.wording.text import month_year, plural

LOOKED_FOR = ("outcomes", "quotes", "photo", "story")  # what a visitor looks for on a project's page
# The model names a project's areas by one field whatever the programme calls them (its `names:`);
# the report says them in the programme's word for an area ("district").
FACTS = (AREAS_FIELD, "organisation", "partners", "pcn")  # the facts a project may not have at all
SOURCED = (AREAS_FIELD, "theme", "organisation", "partners", "pcn", "summary", "outcomes")
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


def project_gaps(project: Project, area_label: Term) -> ProjectGaps:
    """`area_label`: what the programme calls an area, the noun of the project's areas."""
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
        tuple(_noun(field, area_label) for field in FACTS if field not in shown),
        tuple(_noun(field, area_label) for field in SOURCED if field in shown and not project.is_sourced(field)),
        tuple(_noun(field, area_label) for field in SOURCED if project.is_unconfirmed(field)),
        ask,
    )


@dataclass(frozen=True)
class SiteGaps:
    """What the programme's pages and settings lack, beside each project's gaps."""

    to_confirm: tuple[str, ...]  # settings not set, each with what it is
    # What every view shows labelled as unsure: an ended programme's status marked as the editors'
    # reading, a cohort's start month its sources disagree on (issue 28's audit found both).
    to_settle: tuple[str, ...]
    copied: tuple[str, ...]  # e.g. "2022/23 pilot cohort: applications, shortlisted (from a copy of ...: https://...)"
    uncited: tuple[str, ...]  # e.g. "content/index.md:7: The pilot ran for six months"


def site_gaps(programme: Programme, identity: ProgrammeIdentity | None, docs_dir: Path, root: Path) -> SiteGaps:
    """The gaps of the programme's settings (`identity`, None when it cannot be read) and of the
    Markdown pages under `docs_dir` (named from `root`)."""
    to_confirm: list[str] = []
    if identity is not None:
        if not identity.publisher:
            to_confirm.append(f"publisher: {OPTIONAL_FIELDS['publisher'][0]}; until it is set, no licence is stated")
        to_confirm += [f"{key}: {OPTIONAL_FIELDS[key][0]}" for key in TO_CONFIRM if not getattr(identity, key)]
    to_settle: list[str] = []
    if identity is not None and UNCONFIRMED_LABEL in identity.status:
        to_settle.append(
            f"status: {UNCONFIRMED_LABEL} marks the editors' reading in it; ask the publisher of its source "
            f"({identity.status_source}) whether it applies to this programme"
        )
    to_settle += [
        f"{cohort.title}: start month, {month_year(cohort.start)} ({cohort.source_of('start') or 'no source'}) "
        f"or {month_year(cohort.other_start)} ({cohort.source_of('other_start') or 'no source'})"
        for cohort in programme.cohorts
        if cohort.start and cohort.other_start
    ]
    records: list[tuple[str, Cohort | Project]] = [(cohort.title, cohort) for cohort in programme.cohorts]
    records += [(project.name, project) for project in programme.projects]
    copied = [
        f"{title}: {', '.join(fields)} (from {document}: {address})"
        for title, record in records
        for address, document in record.copies
        if (fields := [_fact_noun(field, programme.area_label) for field, cited in record.sources if cited == address])
    ]
    pages = sorted(path for path in docs_dir.rglob("*.md") if path.is_file() and not path.is_symlink())
    uncited = [
        f"{page.relative_to(root).as_posix()}:{line}: {words}"
        for page in pages
        for line, words in uncited_sentences(page.read_text("utf-8"))
    ]
    return SiteGaps(tuple(to_confirm), tuple(to_settle), tuple(copied), tuple(uncited))


def programme_gaps(programme: Programme) -> tuple[ProjectGaps, ...]:
    return tuple(project_gaps(project, programme.area_label) for project in programme.projects)


def gaps_report(programme: Programme, site: SiteGaps) -> str:
    """The report as the command prints it: the site's gaps, the totals, then each project's."""
    gaps = programme_gaps(programme)
    total = len(gaps)
    lines = _site_lines(site)
    lines += [f"What visitors look for and the content does not have yet: {plural(total, 'project')}.", ""]
    for key in LOOKED_FOR:
        lines.append(f"  No {key}: {sum(key in each.missing for each in gaps)} of {total} projects")
    for field in SOURCED:
        noun = _noun(field, programme.area_label)
        if count := sum(noun in each.unconfirmed for each in gaps):
            lines.append(f"  Unconfirmed {noun}: {count} of {total} projects")
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


def _site_lines(site: SiteGaps) -> list[str]:
    lines = ["The programme's pages and settings:"]
    for heading, values in (
        (
            "Settings to confirm, then set under extra.programme in mkdocs.yml (scripts/check notes each)",
            site.to_confirm,
        ),
        ("Readings and disagreeing sources every view marks as unsure (ask, then settle each)", site.to_settle),
        ("Facts cited from another website's copy of a document (ask the programme for its own)", site.copied),
        ("Sentences that cite no source (cite a page that states each, or cut it)", site.uncited),
    ):
        if values:
            lines += [f"  {heading}:", *(f"    {value}" for value in values)]
    if len(lines) == 1:
        lines.append("  Nothing missing.")
    return [*lines, ""]


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


def _noun(field: str, area_label: Term) -> str:
    return area_label.singular if field == AREAS_FIELD else FIELD_NOUNS[field][0]


def _fact_noun(field: str, area_label: Term) -> str:
    """A cohort's figure or a project's fact as the site names it: "number of applications"."""
    return FIGURE_NOUNS.get(field) or (_noun(field, area_label) if field in FIELD_NOUNS else field)
