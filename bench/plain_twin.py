"""The plain-MkDocs twin of a synthetic showcase: the same pages as ordinary Markdown, no hooks.

It is the benchmark's baseline: what a site of the same pages costs when MkDocs only converts
Markdown. It is written from the showcase it twins, read through the domain's own loader (the
typed model of showcase.model), so both hold the same projects, places and cohorts, and the
figures are worded with showcase.wording.text's helpers. The layout is the twin's own: project facts as
a bulleted list, quotes as block quotes, cards as a heading, the aim and a short list, the
finder's filters as lists of links with counts and the tile map as a table. Every page the
showcase plans (showcase.web.site.plan_pages) has its twin, or writing the twin stops and names
the pages it lacks: the ratios compare like with like.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

import repository  # noqa: F401  (puts hooks/ on sys.path for `showcase`)
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.model import Area, Cohort, Icb, Programme, Project, Quote, sort_key_by_name
from showcase.reading.source import split_front_matter
from showcase.web.site import plan_pages
from showcase.wording.legal import LEGAL_PAGES
from showcase.wording.text import long_date, month_year, plural, pounds
from yaml_files import dump_yaml, load_config

# The twin's own note: the baseline's wording, kept as it was measured (not the site's).
UNCONFIRMED = " *(unconfirmed)*"
UNCONFIRMED_NOTE = (
    "*(unconfirmed)* marks a fact the programme has not published. The showcase's editors inferred "
    "it, for example a project's theme from its aim."
)
HIDE = "hide:\n  - navigation\n  - toc\n"

# A legal page's template, read as its plain text: Jinja's comments; an `if` with no `if` inside
# it (its first branch stands for the whole); any other tag; a value (none but the site's name).
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
JINJA_IF = re.compile(
    r"\{%-? if [^%]*%\}((?:(?!\{%-? if ).)*?)(?:\{%-? el(?:se|if)\b[^%]*%\}(?:(?!\{%-? if ).)*?)?\{%-? endif -?%\}",
    re.S,
)
JINJA_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)


def front_matter(text: str) -> tuple[dict, str]:
    """A Markdown file's front matter (as data) and its body."""
    matter, body, _line = split_front_matter(text)
    if matter is None:
        return {}, text
    return yaml.safe_load(matter) or {}, body.lstrip("\n")


def page(title: str, body: str) -> str:
    return f"---\ntitle: {yaml.safe_dump(title, width=1000, allow_unicode=True).splitlines()[0]}\n{HIDE}---\n\n{body}"


def template_text(template: str, site_name: str) -> str:
    """A page template's own sentences as Markdown: its headings, paragraphs and list items, the
    first branch of each choice, each loop's item once, no value but the site's name. The legal
    pages are mostly such sentences, so the twin's hold about as many words as the showcase's."""
    text = JINJA_COMMENT.sub("", template)
    while (shorter := JINJA_IF.sub(r"\1", text)) != text:
        text = shorter
    text = JINJA_TAG.sub("", text.replace("{{ config.site_name }}", site_name))
    text = re.sub(r"<h([1-3])[^>]*>(.*?)</h\1>", lambda m: f"\n\n{'#' * int(m[1])} {m[2]}\n\n", text, flags=re.S)
    text = re.sub(r"<[^>]+>", "", re.sub(r"</(?:p|ul)>", "\n\n", text.replace("<li>", "\n- ")))
    text = re.sub(r"^- *$", "", text, flags=re.M)  # an item that was a value alone
    return re.sub(r"\n\s*\n\s*", "\n\n", text).strip() + "\n"


def quote_md(quote: Quote) -> str:
    source = f" ([source]({quote.source}))" if quote.source else ""
    return f"> {quote.text}\n>\n> — {quote.attribution}{source}\n"


class PlainTwin:
    """Writes the twin's pages. `prefix` is the way from a page's folder back to the docs root."""

    def __init__(self, dest: Path, showcase: Path, programme: Programme):
        self.dest, self.showcase, self.programme = dest, showcase, programme
        self.areas = programme.area_label
        # The place pages' folders, the programme's names for them (London's: boroughs/, icbs/).
        self.area_dir, self.group_dir = programme.names.areas, programme.names.groups
        self.written: set[str] = set()

    def area_link(self, area: Area, prefix: str = "../") -> str:
        return f"[{area.name}]({prefix}{self.area_dir}/{area.slug}.md)"

    def group_link(self, icb: Icb, prefix: str = "../") -> str:
        return f"[{icb.title}]({prefix}{self.group_dir}/{icb.slug}.md)"

    def write(self, uri: str, text: str) -> None:
        self.written.add(uri)
        path = self.dest / "content" / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def card(self, project: Project, prefix: str, level: int = 3) -> str:
        where = ", ".join(area.name for area in project.boroughs) or "Not published"
        if project.boroughs and project.is_unconfirmed("boroughs"):
            where += UNCONFIRMED
        theme = project.theme.title + (UNCONFIRMED if project.is_unconfirmed("theme") else "")
        return (
            f"{'#' * level} [{project.name}]({prefix}projects/{project.slug}.md)\n\n{project.aim}\n\n"
            f"- **Where:** {where}\n- **Theme:** {theme}\n- **Cohort:** {project.cohort.title}\n\n"
        )

    def grid(self, projects: tuple[Project, ...], prefix: str, level: int = 3) -> str:
        note = f"{UNCONFIRMED_NOTE}\n" if any(p.unconfirmed for p in projects) else ""
        return "".join(self.card(p, prefix, level) for p in projects) + note

    def cohort_card(self, cohort: Cohort, prefix: str) -> str:
        projects = self.programme.projects_in_cohort(cohort)
        areas = {area.name for p in projects for area in p.boroughs}
        text = plural(len(projects), "funded project") + (f" in {self.areas.count(len(areas))}" if areas else "")
        if cohort.start and cohort.end:
            text += f", {month_year(cohort.start)} to {month_year(cohort.end)}"
        return f"### [{cohort.title}]({prefix}cohorts/{cohort.id}.md)\n\n{text}.\n\n"

    def project_page(self, project: Project, narrative_text: str | None) -> str:
        def flag(field: str) -> str:
            return UNCONFIRMED if project.is_unconfirmed(field) else ""

        cohort = project.cohort
        source = f", as [published by the programme]({cohort.source})" if cohort.source else ""
        out = [
            f"# {project.name}\n\n## Aim\n\n> {project.aim}\n\nThe aim in the programme’s own words{source}.\n\n",
            "## Project facts\n\n",
            f"- **Cohort:** [{cohort.title}](../cohorts/{cohort.id}.md)\n",
        ]
        if project.boroughs:
            label = "Borough" if len(project.boroughs) == 1 else "Boroughs"
            places = ", ".join(
                self.area_link(area) + (f" ({self.group_link(area.icb)})" if area.icb else "")
                for area in project.boroughs
            )
            out.append(f"- **{label}:** {places}{flag('boroughs')}\n")
        theme = project.theme
        out.append(f"- **Challenge theme:** [{theme.title}](../themes/{theme.id}.md){flag('theme')}\n")
        if project.organisation:
            out.append(f"- **Lead organisation:** {project.organisation}{flag('organisation')}\n")
        if project.partners:
            out.append(f"- **Partners:** {', '.join(project.partners)}{flag('partners')}\n")
        if project.pcn:
            out.append(f"- **Primary care network:** {project.pcn}{flag('pcn')}\n")
        if project.tags:
            out.append(f"- **Keywords:** {', '.join(project.tags)}\n")
        out.append("\n")
        if project.summary:
            # The loader strips the text; the data file's `|` block ended it with a line break.
            out.append(f"## Impact summary\n\n{flag('summary').strip()}\n\n{project.summary}\n\n")
        if project.outcomes:
            out.append(f"## Outcomes{flag('outcomes')}\n\n" + "".join(f"- {o}\n" for o in project.outcomes) + "\n")
        if project.quotes:
            out.append("## In their words\n\n" + "\n".join(quote_md(q) for q in project.quotes) + "\n")
        if narrative_text:
            out.append(narrative_text + "\n")
        if project.links:
            out.append(
                "## Find out more\n\n" + "".join(f"- [{link.title}]({link.url})\n" for link in project.links) + "\n"
            )
        if project.unconfirmed:
            out.append(UNCONFIRMED_NOTE + "\n")
        return page(project.name, "".join(out))

    def facets(self) -> str:
        """The project finder without its script: every facet value links to its own page."""
        programme = self.programme
        themes = Counter(p.theme.id for p in programme.projects)
        boroughs = Counter(area.name for p in programme.projects for area in p.boroughs)
        icbs = Counter(icb.id for p in programme.projects for icb in p.icbs)
        cohorts = Counter(p.cohort.id for p in programme.projects)
        lines = [
            "## Find a project\n\n**Challenge theme:** "
            + ", ".join(
                f"[{t.title}](../themes/{t.id}.md) ({themes[t.id]})"
                for t in sorted(programme.themes, key=lambda t: sort_key_by_name(t.title))
            )
        ]
        lines.append(
            "**Borough:** "
            + ", ".join(
                f"{self.area_link(area)} ({boroughs[area.name]})" for area in programme.areas if boroughs[area.name]
            )
        )
        lines.append(
            "**Integrated care board (ICB):** "
            + ", ".join(f"{self.group_link(icb)} ({icbs[icb.id]})" for icb in programme.icbs if icbs[icb.id])
        )
        lines.append(
            "**Cohort:** "
            + ", ".join(f"[{c.title}](../cohorts/{c.id}.md) ({cohorts[c.id]})" for c in programme.cohorts)
        )
        # The tile map as a table: each tile is a borough and its number of projects.
        rows = max(area.tile_row for area in programme.areas)
        cols = max(area.tile_col for area in programme.areas)
        grid = [[" "] * cols for _ in range(rows)]
        for area in programme.areas:
            count = boroughs[area.name]
            grid[area.tile_row - 1][area.tile_col - 1] = (
                f"{self.area_link(area)} {count}" if count else f"{area.name} 0"
            )
        table = "| " + " | ".join(" " for _ in range(cols)) + " |\n|" + "---|" * cols + "\n"
        table += "".join("| " + " | ".join(row) + " |\n" for row in grid)
        return "\n\n".join(lines) + "\n\n" + table + "\n"

    def place_page(self, heading: str, lead: str, projects: tuple[Project, ...], query: str) -> str:
        """An area's or group's page: its projects, or none at present, and the way to the finder."""
        body = f"# {heading}\n\n{lead}\n\n"
        if projects:
            body += self.grid(projects, "../") + (
                f"\n[Filter these projects further in the project finder](../projects/index.md?{query})\n"
            )
        else:
            body += "[Find projects elsewhere in the project finder](../projects/index.md)\n"
        return body

    def write_places(self) -> None:
        """A page for every area and every group, with projects or none, and an index of each kind."""
        programme, names = self.programme, self.programme.names
        index = [f"# {self.areas.heading_plural}\n\n"]
        for area in programme.areas:
            projects = programme.projects_in_area(area)
            group = f", {self.group_link(area.icb)}" if area.icb else ""
            count = plural(len(projects), "project") if projects else "No project"
            index.append(f"- {self.area_link(area)}{group}: {count}\n")
            part_of = f", part of {self.group_link(area.icb)}" if area.icb else ""
            lead = (
                f"{count} in {area.name}{part_of}." if projects else f"No projects in {area.name} at present{part_of}."
            )
            body = self.place_page(area.name, lead, projects, f"{names.area}={area.slug}")
            self.write(f"{self.area_dir}/{area.slug}.md", page(f"Projects in {area.name}", body))
        self.write(f"{self.area_dir}/index.md", page(self.areas.heading_plural, "".join(index)))
        if programme.group_label is None:
            return
        index = [f"# {programme.group_label.heading_plural}\n\n"]
        for icb in programme.icbs:
            projects = programme.projects_in_icb(icb)
            count = plural(len(projects), "project") if projects else "No project"
            areas = "".join(f"- {self.area_link(area)}\n" for area in programme.areas if area.icb == icb)
            index.append(f"## {self.group_link(icb)}\n\n{count}\n\n{areas}\n")
            lead = (
                f"{count} in the area of the {icb.name} {icb.term.singular}." if projects else "No projects at present."
            )
            body = self.place_page(icb.title, lead, projects, f"{names.group}={icb.slug}")
            self.write(f"{self.group_dir}/{icb.slug}.md", page(f"Projects in {icb.title}", body))
        self.write(f"{self.group_dir}/index.md", page(programme.group_label.heading_plural, "".join(index)))

    def write_legal(self, site_name: str) -> None:
        """The accessibility statement, privacy notice and licence, from their templates' sentences."""
        for uri, title in LEGAL_PAGES.items():
            template = (self.showcase / "theme" / "showcase" / uri.replace(".md", ".html")).read_text(encoding="utf-8")
            self.write(uri, page(title, template_text(template, site_name)))

    def check_pages(self) -> None:
        """Every page the showcase makes has its twin, so that the ratios compare like with like."""
        missing = sorted(set(plan_pages(self.programme, set())) - self.written)
        if missing:
            raise SystemExit(f"bench/plain_twin.py writes no page for the showcase's {', '.join(missing)}: add them")

    def cohort_page(self, cohort: Cohort) -> str:
        _meta, story = front_matter((self.showcase / cohort.source_file).read_text(encoding="utf-8"))
        projects = self.programme.projects_in_cohort(cohort)
        areas = sorted({area.name for p in projects for area in p.boroughs}, key=sort_key_by_name)
        out = [f"# {cohort.title}\n\n## At a glance\n\n"]
        for figure, label in ((cohort.applications, "Applications"), (cohort.shortlisted, "Shortlisted")):
            if figure is not None:
                out.append(f"- **{label}:** {figure}\n")
        out.append(f"- **Projects funded:** {len(projects)}\n")
        if areas:
            out.append(f"- **{self.areas.heading_plural}:** {len(areas)}\n")
        out.append("\n")
        if cohort.start and cohort.end:
            out.append(f"- The programme ran from {month_year(cohort.start)} to {month_year(cohort.end)}.\n")
        if cohort.funding_total:
            most = cohort.funding_per_project_max
            each = f", up to {pounds(most)} each" if most else ""
            out.append(f"- The projects shared {pounds(cohort.funding_total)} of funding{each}.\n")
        if cohort.graduation:
            out.append(f"- The teams graduated on {long_date(cohort.graduation)}.\n")
        if cohort.showcase_event:
            out.append(
                f"- A showcase event to share impacts and learning took place on {long_date(cohort.showcase_event)}.\n"
            )
        out.append("\n" + story.rstrip() + "\n\n## Where the projects are\n\n")
        icb_counts = Counter(icb.name for p in projects for icb in p.icbs)
        out += [f"- {icb} ICB: {plural(n, 'project')}\n" for icb, n in sorted(icb_counts.items())]
        without = sum(1 for p in projects if not p.boroughs)
        if without:
            out.append(f"- Area not published: {plural(without, 'project')}\n")
        if areas:
            out.append(f"\n{self.areas.heading_plural}: {', '.join(areas)}.\n")
        if cohort.quotes:
            out.append("\n## What people said\n\n" + "\n".join(quote_md(q) for q in cohort.quotes))
        out.append(f"\n## The {plural(len(projects), 'project')}\n\n")
        used = [
            (theme, n)
            for theme in sorted(self.programme.themes, key=lambda theme: theme.title)
            if (n := sum(1 for p in projects if p.theme.id == theme.id))
        ]
        if used:
            out.append(
                "By challenge theme: "
                + ", ".join(f"[{theme.title}](../themes/{theme.id}.md) ({n})" for theme, n in used)
                + ".\n\n"
            )
        out.append(self.grid(projects, "../"))
        return page(cohort.title, "".join(out))

    def write_all(self) -> None:
        programme = self.programme
        meta, home = front_matter((self.showcase / "content" / "index.md").read_text(encoding="utf-8"))
        cards = "".join(self.cohort_card(c, "") for c in programme.cohorts)
        site_name = load_config(self.showcase)["site_name"]
        heading = "" if re.search(r"^# ", home, re.MULTILINE) else f"# {site_name}\n\n"  # as home.html does
        places = f"- [{self.areas.heading_plural}]({self.area_dir}/index.md)\n"
        if programme.group_label is not None:
            places += f"- [{programme.group_label.heading_plural}]({self.group_dir}/index.md)\n"
        self.write(
            "index.md",
            page(
                meta.get("title", "Home"),
                heading
                + home.rstrip()
                + f"\n\n## Cohorts\n\n{cards}[See all the projects](projects/index.md)\n\n## Places\n\n{places}",
            ),
        )
        self.write(
            "projects/index.md",
            page(
                "Projects",
                f"# Projects\n\n{plural(len(programme.projects), 'project')}, "
                f"in order of name.\n\n" + self.facets() + self.grid(programme.projects, "../", 2),
            ),
        )
        self.write_places()
        self.write(
            "cohorts/index.md",
            page("Cohorts", "# Cohorts\n\n" + "".join(self.cohort_card(c, "../") for c in programme.cohorts)),
        )
        themes_index = ["# Challenge themes\n\n"]
        for theme in programme.themes:
            projects = programme.projects_with_theme(theme)
            themes_index.append(
                f"## [{theme.title}]({theme.id}.md)\n\n{theme.description}\n\n{plural(len(projects), 'project')}\n\n"
            )
            body = f"# {theme.title}\n\n{theme.description}\n\n## {plural(len(projects), 'project')}\n\n"
            body += self.grid(projects, "../") if projects else "No project has this theme yet.\n"
            self.write(f"themes/{theme.id}.md", page(theme.title, body))
        self.write("themes/index.md", page("Challenge themes", "".join(themes_index)))
        for cohort in programme.cohorts:
            self.write(f"cohorts/{cohort.id}.md", self.cohort_page(cohort))
        for project in programme.projects:
            narrative = None
            if project.narrative_file:
                narrative = (self.showcase / "content" / project.narrative_file).read_text(encoding="utf-8")
            self.write(f"projects/{project.slug}.md", self.project_page(project, narrative))
        self.write_legal(site_name)
        self.check_pages()


def plain_config(showcase: Path) -> str:
    """The showcase's mkdocs.yml without its own parts: hooks, custom_dir, its CSS and scripts.
    Everything else (theme, nav, plugins, markdown_extensions) stays the same."""
    config = load_config(showcase)
    for key in ("hooks", "watch", "extra_css", "extra_javascript"):  # the CSS and scripts live in custom_dir
        config.pop(key, None)
    config.get("theme", {}).pop("custom_dir", None)
    return "# The plain-MkDocs twin of the synthetic showcase (bench/synthetic.py).\n" + dump_yaml(config)


def write_plain(dest: Path, showcase: Path) -> None:
    """Write the plain twin of the synthetic showcase in `showcase` into `dest`."""
    dest.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(plain_config(showcase), encoding="utf-8")
    PlainTwin(dest, showcase, load_programme(ProgrammeSources.in_folder(showcase))).write_all()
