"""What a pack is of and what it says it is: the projects of each theme, area and ICB
(`facet_selections`), and a pack's words on its cover, in its footers, its metadata and its
download link (`PackWording`), worded once here for print_html.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from showcase.model import Area, Cohort, Icb, Programme, Project, Theme
from showcase.pdf.documents import Facet, PackSubject
from showcase.web.site import place_name, projects_in
from showcase.wording.tally import Tally, inferred_note
from showcase.wording.text import plural


def facet_selections(programme: Programme) -> tuple[tuple[Facet, tuple[Project, ...]], ...]:
    """Each theme, area and ICB with the projects its page lists, in the page's order."""
    return (
        *((theme, programme.projects_with_theme(theme)) for theme in programme.themes),
        *((area, programme.projects_in_area(area)) for area in programme.areas),
        *((icb, programme.projects_in_icb(icb)) for icb in programme.icbs),
    )


@dataclass(frozen=True)
class PackWording:
    """What a pack says it is: on its cover, in its footers, its metadata and its download link."""

    scope: str  # the cover's line under "Project summaries", e.g. "Projects in Gullhaven"
    title: str  # the PDF's title after "Project summaries: ", e.g. "all cohorts", "Projects in Gullhaven"
    count: str  # e.g. "10 projects in 2 cohorts"
    running_title: str  # each page's footer, e.g. "Project summaries, Gullhaven"
    subject: str  # the PDF's subject metadata
    link_text: str  # e.g. "Download these 4 summaries"
    keyword: str | None = None  # a facet's name, e.g. "Gullhaven"
    # A facet's pack whose selection rests on the editors' inference (a project's theme or area
    # marked unconfirmed): the sentence that says so, on the cover and in the subject metadata.
    inferred: str = ""


# The field whose value selects a facet's projects: one the editors may have inferred.
SELECTED_BY: dict[type, str] = {Theme: "theme", Area: "boroughs", Icb: "boroughs"}


def pack_wording(
    subject: PackSubject, cohorts: int, projects: int, programme_name: str, selected: tuple[Project, ...] = ()
) -> PackWording:
    """What a pack of `projects` says it is; a facet's pack of `selected` (its projects) says how
    many of them it holds only by an inferred theme or area ("5 projects (1 unconfirmed)"), and
    leaves its name out of the keywords when every one is."""
    field = SELECTED_BY.get(type(subject), "")
    unconfirmed = sum(1 for project in selected if project.is_unconfirmed(field)) if field else 0
    counted = Tally(projects, unconfirmed).of("project")
    inferred = inferred_note(selected, field) if field else ""
    # A keyword is a claim a search engine repeats: not a name every project has by inference.
    named = not unconfirmed or unconfirmed < projects
    of_all = f"One project summary for each of the {projects} projects of the {programme_name}"
    these = "Download this summary" if projects == 1 else f"Download these {projects} summaries"
    if subject is None:
        return PackWording(
            "All cohorts",
            "all cohorts",
            f"{counted} in {plural(cohorts, 'cohort')}",
            "Project summaries, all cohorts",
            of_all,
            f"Download the project summaries of all {projects} projects",
        )
    if isinstance(subject, Cohort):
        return PackWording(
            subject.title,
            subject.title,
            counted,
            f"Project summaries, {subject.title}",
            f"{of_all}, {subject.title}",
            f"Download the project summaries of the {subject.title}",
        )
    if isinstance(subject, Theme):
        return PackWording(
            f"Theme: {subject.title}",
            f"Theme: {subject.title}",
            counted,
            f"Project summaries, {subject.title}",
            f"{of_all} with the challenge theme {subject.title}",
            these,
            subject.title if named else None,
            inferred,
        )
    name = place_name(subject)
    return PackWording(
        projects_in(subject),
        projects_in(subject),
        counted,
        f"Project summaries, {name}",
        f"{of_all} in {name}",
        these,
        name if named else None,
        inferred,
    )
