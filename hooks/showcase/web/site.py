"""Which pages the showcase has, and what each page's template is given: every count and
grouping a page shows is computed here from the model, so templates only lay it out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

from markupsafe import escape

from showcase.model import Area, Cohort, Icb, Programme, Project, Record, Theme, record_key
from showcase.wording.cohort_summary import CohortSummary
from showcase.wording.finder import build_finder, finder_ways
from showcase.wording.glance import glance
from showcase.wording.legal import LEGAL_PAGES, LegalFacts
from showcase.wording.project_summary import ProjectSummary, group_source
from showcase.wording.tally import UNCONFIRMED, Tally, inferred_note, tally
from showcase.wording.text import plural

PAGE_TEMPLATES = "showcase/"  # page templates live in theme/showcase/
PROBLEMS_PAGE = "index.md"  # the one page of a live preview whose content has problems


@dataclass(frozen=True)
class PagePlan:
    """One page: where it sits in the docs tree, its template, and what the template is given."""

    src_uri: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    markdown: str | None = ""  # None when the comms team's own Markdown file is the page
    description: str = ""  # for search engines and link previews; the site's own when empty


def place_name(place: Area | Icb) -> str:
    """An area or group as its page and its pack name it: "Gullhaven", "North Fernshire ICB"."""
    return place.name if isinstance(place, Area) else place.title


def projects_in(place: Area | Icb) -> str:
    """The title of an area's or ICB's page and pack: "Projects in Gullhaven"."""
    return f"Projects in {place_name(place)}"


def src_uri_for(record: Record) -> str:
    """The Markdown path (under the docs dir) of a record's own page."""
    return f"{page_folder(record)}/{record_key(record)}.md"


def page_folder(record: Record) -> str:
    """The folder of a record's pages, named by its key (projects/<slug>/); an area's and a
    group's are the programme's names for them (`names:`): boroughs/<slug>/, say."""
    if isinstance(record, Area | Icb):
        return record.names.areas if isinstance(record, Area) else record.names.groups
    return {Project: "projects", Cohort: "cohorts", Theme: "themes"}[type(record)]


def plan_pages(
    programme: Programme, existing_markdown: set[str], legal: LegalFacts | None = None
) -> dict[str, PagePlan]:
    """Every page the showcase adds or dresses, by its `src_uri` under the docs dir. Those in
    `existing_markdown` keep the comms team's own text (a cohort's story, the home page's prose).
    `legal` is what the legal pages say; without it the plan serves checks of the addresses, and
    leaves out what only the pages show (the finder, the glances: a third of a warm build's plans)."""
    full = legal is not None
    summaries = tuple(
        CohortSummary(cohort, programme.projects_in_cohort(cohort), programme.area_label)
        for cohort in programme.cohorts
    )
    indexes = place_indexes(programme)
    plans: list[PagePlan] = [
        PagePlan(
            "index.md",
            "Home",
            PAGE_TEMPLATES + "home.html",
            {
                "cohorts": summaries,
                "glance": glance(programme, programme.projects, "programme") if full else None,
                "finder_ways": finder_ways(programme, "theme", "or"),
                # The indexes of places, for a visitor who looks for a place: (title, folder).
                "place_indexes": tuple((index.title, index.src_uri.removesuffix("index.md")) for index in indexes),
            },
        ),
        PagePlan(
            "projects/index.md",
            "Projects",
            PAGE_TEMPLATES + "projects.html",
            {"finder": build_finder(programme) if full else None},
            description=f"Find projects by {finder_ways(programme, 'challenge theme', 'and')}.",
        ),
        PagePlan("cohorts/index.md", "Cohorts", PAGE_TEMPLATES + "cohorts.html", {"cohorts": summaries}),
        PagePlan(
            "themes/index.md",
            "Challenge themes",
            PAGE_TEMPLATES + "themes.html",
            {
                # Each theme's count says how much of it rests on a theme the editors inferred.
                "themes": tuple(
                    (theme, counts.get(theme.id, Tally(0)))
                    for counts in [tally(programme.projects, lambda project: (project.theme.id,), "theme")]
                    for theme in programme.themes
                ),
                "inferred": inferred_note(programme.projects, "theme"),
            },
        ),
    ]
    plans += [
        PagePlan(
            src_uri_for(summary.cohort),
            summary.cohort.title,
            PAGE_TEMPLATES + "cohort.html",
            {
                "summary": summary,
                "glance": glance(programme, summary.projects, f"cohort-{summary.cohort.id}") if full else None,
            },
            description=f"The {summary.funded} projects of the {summary.cohort.title}: where they are, what they set out to do, and what people said.",
        )
        for summary in summaries
    ]
    plans += [
        PagePlan(
            src_uri_for(theme),
            theme.title,
            PAGE_TEMPLATES + "theme.html",
            {
                "challenge": theme,
                "projects": (projects := programme.projects_with_theme(theme)),
                "inferred": inferred_note(projects, "theme"),
            },
            description=shorten(theme.description),
        )
        for theme in programme.themes
    ]
    plans += indexes
    # A page for every area and ICB, as for every theme: each facet value has a URL without
    # JavaScript, and a page stays when its last project leaves (it says there are none at present;
    # the finder's browse lists leave out places without projects).
    places: list[tuple[Area | Icb, str, tuple[Project, ...], str]] = [
        (area, "area", programme.projects_in_area(area), area.name) for area in programme.areas
    ]
    places += [
        (icb, "icb", programme.projects_in_icb(icb), f"the area of the {icb.name} {icb.term.singular}")
        for icb in programme.icbs
    ]
    plans += [
        PagePlan(
            src_uri_for(place),
            projects_in(place),
            f"{PAGE_TEMPLATES}{kind}.html",
            {
                kind: place,
                "projects": projects,
                "inferred": inferred_note(projects, "boroughs"),
                "where": where,
                # An area's group, with the page that says so; an area of a geography without groups has none.
                "group_source": group_source(place) if isinstance(place, Area) else None,
                # The breadcrumb to the index of its kind of place: (its title, its folder).
                "index_crumb": (
                    place.term.heading_plural if isinstance(place, Icb) else programme.area_label.heading_plural,
                    f"{page_folder(place)}/",
                ),
            },
            # Labelled as its map tile is when the editors inferred where any of its projects is.
            description=f"Social prescribing projects in {where}"
            + (f" ({UNCONFIRMED} for {plural(inferred, 'project')})." if inferred else "."),
        )
        for place, kind, projects, where in places
        for inferred in [sum(project.is_unconfirmed("boroughs") for project in projects)]
    ]
    plans += [
        PagePlan(
            src_uri_for(project),
            project.name,
            PAGE_TEMPLATES + "project.html",
            {"project": project, "summary": ProjectSummary(project, programme.area_label)},
            description=shorten(project.aim),
        )
        for project in programme.projects
    ]
    plans += [
        PagePlan(
            uri,
            title,
            PAGE_TEMPLATES + uri.replace(".md", ".html"),
            {"legal": legal},
            description=f"The {title.lower()} of this website.",
        )
        for uri, title in LEGAL_PAGES.items()
    ]
    by_uri = {plan.src_uri: plan for plan in plans}
    for uri in existing_markdown & set(by_uri):
        by_uri[uri] = replace(by_uri[uri], markdown=None)
    return by_uri


def place_indexes(programme: Programme) -> list[PagePlan]:
    """An index of every area, with its group and count of projects (none too), and of every
    group with its areas, headed with the geography's own terms; no group index without groups."""
    by_area = tally(programme.projects, lambda project: tuple(area.slug for area in project.boroughs), "boroughs")
    by_group = tally(programme.projects, lambda project: tuple(icb.id for icb in project.icbs), "boroughs")
    inferred = inferred_note(programme.projects, "boroughs")
    plans = [
        PagePlan(
            f"{programme.names.areas}/index.md",
            programme.area_label.heading_plural,
            PAGE_TEMPLATES + "areas.html",
            {
                "places": tuple((area, by_area.get(area.slug, Tally(0))) for area in programme.areas),
                "inferred": inferred,
            },
        )
    ]
    if programme.group_label is not None:
        plans.append(
            PagePlan(
                f"{programme.names.groups}/index.md",
                programme.group_label.heading_plural,
                PAGE_TEMPLATES + "groups.html",
                {
                    "places": tuple(
                        (icb, by_group.get(icb.id, Tally(0)), tuple(a for a in programme.areas if a.icb == icb))
                        for icb in programme.icbs
                    ),
                    "inferred": inferred,
                },
            )
        )
    return plans


def redirect_pages(programme: Programme, site_url: str | None) -> dict[str, str]:
    """A small page at each address the site published before, by its path in the site (see
    addresses.py; the sitemap lists none): a project's or cohort's earlier one sends the browser
    on; a removed project's says it is no longer listed, and why when the record says."""
    moves = [
        ("projects", project.slug, project.name, project.previous_slugs, "project") for project in programme.projects
    ]
    moves += [("cohorts", cohort.id, cohort.title, cohort.previous_ids, "cohort") for cohort in programme.cohorts]
    pages = {}
    for folder, current, name, earlier, kind in moves:
        here = f"../{current}/"
        canonical = f"{site_url.rstrip('/')}/{folder}/{current}/" if site_url else here
        for old in earlier:
            pages[f"{folder}/{old}/index.html"] = REDIRECT_PAGE.format(
                name=escape(name), here=escape(here), canonical=escape(canonical), kind=kind
            )
    for removed in programme.removed:
        reason = f"<p>{escape(removed.reason)}</p>\n" if removed.reason else ""
        for old in (removed.slug, *removed.previous_slugs):
            pages[f"projects/{old}/index.html"] = REMOVED_PAGE.format(name=escape(removed.name), reason=reason)
    return pages


# A page MkDocs publishes as it is, asking not to be indexed: {title}, then what goes in its head and body.
_SMALL_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
{head}</head>
<body>
<main>
<h1>{title}</h1>
{body}</main>
</body>
</html>
"""
# Formatted once here and once per page: each placeholder below is left for the second time.
REDIRECT_PAGE = _SMALL_PAGE.format(
    title="{name} has moved",
    head='<link rel="canonical" href="{canonical}">\n<meta http-equiv="refresh" content="0; url={here}">\n',
    body='<p>This {kind}’s page has a new address: <a href="{here}">{name}</a>.</p>\n',
)
REMOVED_PAGE = _SMALL_PAGE.format(
    title="{name} is no longer listed",
    head="",
    body='{reason}<p>This project’s page has been taken off the site. <a href="../">Find other projects in the '
    'project finder</a>, or go to <a href="../../">the home page</a>.</p>\n',
)


def page_address(src_uri: str) -> str:
    """Where a Markdown file is published: 'projects/x.md' and 'projects/x/index.md' are both
    'projects/x/' (MkDocs' directory URLs; README.md counts as index.md)."""
    path = PurePosixPath(src_uri).with_suffix("")
    if path.name in ("index", "README"):
        path = path.parent
    return "" if path == PurePosixPath(".") else f"{path.as_posix()}/"


def shadowing_files(programme: Programme, markdown_files: set[str]) -> dict[str, str]:
    """Markdown files that would take the place of a page the showcase makes (not the page's own
    text, such as a cohort's story), by file: the address of that page."""
    made = {page_address(uri): uri for uri in plan_pages(programme, set())}
    addresses = {uri: page_address(uri) for uri in sorted(markdown_files)}
    return {uri: address for uri, address in addresses.items() if made.get(address, uri) != uri}


def shorten(text: str, limit: int = 200) -> str:
    """Text cut at a word boundary to at most `limit` characters, for a link preview."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
