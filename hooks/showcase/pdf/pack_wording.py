"""What a pack is of (`facet_selections`) and what it says it is (`PackWording`), worded once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from babel.lists import format_list

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


# What a project's summary may give, in the order a pack's subject names them, each with whether a
# project gives it: the subject names only what its summaries hold (issue 28), the aim and theme
# always (every record has them), the others only when a project of the pack has them.
SUMMARY_PARTS: tuple[tuple[str, Callable[[Project], bool]], ...] = (
    ("aim", lambda project: True),
    ("place", lambda project: bool(project.boroughs)),
    ("challenge theme", lambda project: True),
    ("lead organisation", lambda project: bool(project.organisation)),
    ("outcomes", lambda project: bool(project.outcomes)),
    ("quotes", lambda project: bool(project.quotes)),
)


def summaries_hold(projects: tuple[Project, ...]) -> str:
    """What the summaries of `projects` give: 'Each gives its project's aim and challenge theme,
    and where found its place and quotes.' (every project's parts first, then some projects')."""
    every = [part for part, has in SUMMARY_PARTS if all(has(project) for project in projects)]
    some = [part for part, has in SUMMARY_PARTS if part not in every and any(has(project) for project in projects)]
    whose = "It gives its project’s" if len(projects) == 1 else "Each gives its project’s"
    found = f", and where found its {format_list(some, locale='en_GB')}" if some else ""
    return f"{whose} {format_list(every, locale='en_GB')}{found}."


def pack_wording(subject: PackSubject, cohorts: int, projects: tuple[Project, ...], programme_name: str) -> PackWording:
    """What a pack of `projects` says it is; a facet's pack says how many of its projects it holds
    only by an inferred theme or area ("5 projects (1 unconfirmed)"), and leaves its name out of
    the keywords when every one is."""
    count = len(projects)
    field = SELECTED_BY.get(type(subject), "")
    unconfirmed = sum(1 for project in projects if project.is_unconfirmed(field)) if field else 0
    counted = Tally(count, unconfirmed).of("project")
    inferred = inferred_note(projects, field) if field else ""
    # A keyword is a claim a search engine repeats: not a name every project has by inference.
    named = not unconfirmed or unconfirmed < count
    if count == 1:
        of_all = f"The summary of the only project of the {programme_name}"
        these = "Download this summary"
    else:
        of_all = f"One project summary for each of the {count} projects of the {programme_name}"
        these = f"Download these {count} summaries"

    def described(selection: str) -> str:
        return f"{of_all}{selection}. {summaries_hold(projects)}"

    if subject is None:
        return PackWording(
            "All cohorts",
            "all cohorts",
            f"{counted} in {plural(cohorts, 'cohort')}",
            "Project summaries, all cohorts",
            described(""),
            "Download the summary of the one project"
            if count == 1
            else f"Download the project summaries of all {count} projects",
        )
    if isinstance(subject, Cohort):
        return PackWording(
            subject.title,
            subject.title,
            counted,
            f"Project summaries, {subject.title}",
            described(f", {subject.title}"),
            f"Download the project {'summary' if count == 1 else 'summaries'} of the {subject.title}",
        )
    if isinstance(subject, Theme):
        name, scope, selection = subject.title, f"Theme: {subject.title}", f" with the challenge theme {subject.title}"
    else:
        name, scope = place_name(subject), projects_in(subject)
        selection = f" in {name}"
    return PackWording(
        scope,
        scope,
        counted,
        f"Project summaries, {name}",
        described(selection),
        these,
        name if named else None,
        inferred,
    )
