"""Write a synthetic Showcase with N projects, and a plain-MkDocs twin of the same pages.

    python bench/synthetic.py N DEST [--repo PATH] [--seed 2023]

writes two MkDocs projects:

- DEST/showcase/: the real project (mkdocs.yml, hooks/, theme/, content/ without the real
  narratives, data/geography.yaml, all copied from the repository) with a data/projects.yaml of
  N valid synthetic projects of realistic size (a summary of about 300 words, 3 outcomes,
  2 quotes, 1-2 boroughs each), and a narrative in content/projects/ for every 25th of them.
- DEST/plain/: the same pages, written out as plain Markdown: the repository's mkdocs.yml
  without hooks, custom_dir, extra_css, extra_javascript and watch (same theme, nav, plugins and
  markdown_extensions), and one Markdown page per project, cohort, theme, borough and ICB page of
  the showcase, holding the same facts (the project finder becomes lists of links and a table).

The output depends only on N, the seed and the repository's files: two runs write the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
COHORT = "2022-23"
NARRATIVE_EVERY = 25  # projects 0, 25, 50, ... get a content/projects/<slug>.md

THEMES = [
    {
        "id": "access",
        "title": "Access, uptake and experience",
        "description": "Helping the people who face the greatest health inequalities to find, use and have a good "
        "experience of social prescribing.",
    },
    {
        "id": "workforce",
        "title": "Recruiting and keeping link workers",
        "description": "Recruiting and keeping social prescribing link workers, so that the workforce can thrive "
        "and lead work on health inequalities.",
    },
    {
        "id": "impact",
        "title": "Showing the impact",
        "description": "Showing what social prescribing does for people, for communities and for the health and "
        "care system.",
    },
]

PEOPLE = [
    "men",
    "older people",
    "carers",
    "young adults",
    "new parents",
    "refugees",
    "people living alone",
    "people with long-term conditions",
    "unpaid carers",
    "people with diabetes",
]
ACTIVITIES = [
    "walking groups",
    "cooking clubs",
    "gardening sessions",
    "art workshops",
    "peer support circles",
    "digital skills classes",
    "men's sheds",
    "singing groups",
    "befriending calls",
    "sports sessions",
]
NOUNS = ["Link", "Bridge", "Pathways", "Connect", "Wellbeing", "Together", "Roots", "Compass", "Harbour", "Thrive"]
ADJECTIVES = [
    "Community",
    "Neighbourhood",
    "Healthy",
    "Open Door",
    "Local",
    "Stronger",
    "Active",
    "Kind",
    "Bright",
    "Shared",
]
ORGANISATIONS = [
    "GP Care Group",
    "Primary Care Network",
    "Community Trust",
    "Voluntary Action",
    "Health Federation",
    "Wellbeing Hub",
]
TAGS = ["mental health", "loneliness", "co-production", "older people", "men", "carers", "digital", "pre-diabetes"]


class _Dumper(yaml.SafeDumper):
    """Writes YAML the way the real data file looks: Markdown as a `|` block, short lists of
    text on one line (`boroughs: [Camden]`)."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


def _represent_list(dumper: yaml.SafeDumper, items: list) -> yaml.Node:
    flow = all(isinstance(item, str) and len(item) < 40 for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


class _Tagged(str):
    """A tagged scalar of mkdocs.yml (`!!python/name:...`), written back as it was."""

    tag = ""


class _TaggedList(list):
    """A tagged list of mkdocs.yml (`!ENV [NAME, default]`), written back as it was."""

    tag = ""


class _ConfigLoader(yaml.SafeLoader):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    value: _Tagged | _TaggedList
    if isinstance(node, yaml.ScalarNode):
        value = _Tagged(node.value)
    elif isinstance(node, yaml.SequenceNode):
        value = _TaggedList(loader.construct_sequence(node, deep=True))
    else:
        raise yaml.constructor.ConstructorError(None, None, f"cannot copy the tag {node.tag}", node.start_mark)
    value.tag = node.tag
    return value


_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(_Tagged, lambda dumper, value: dumper.represent_scalar(value.tag, str(value)))
_Dumper.add_representer(
    _TaggedList, lambda dumper, value: dumper.represent_sequence(value.tag, list(value), flow_style=True)
)


def load_config(repo: Path) -> dict:
    return yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def dump_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def slugify(text: str) -> str:
    """As hooks/showcase/load.py does: 'Tower Hamlets' -> 'tower-hamlets'."""
    return "-".join(
        re.findall(r"[a-z0-9]+", text.casefold().replace("&", "and").replace("\u2019", "").replace("'", ""))
    )


def sort_key(name: str) -> str:
    return name.casefold().replace("\u2019", "'")


# -- the synthetic records ---------------------------------------------------------------------


def make_projects(count: int, borough_names: list[str], seed: int) -> list[dict]:
    """`count` valid project records, in the field order of the data contract."""
    rng = random.Random(seed)
    projects = []
    for i in range(count):
        theme = THEMES[i % len(THEMES)]["id"]
        borough = borough_names[i % len(borough_names)]
        people, activity = rng.choice(PEOPLE), rng.choice(ACTIVITIES)
        name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} ({borough}) {i + 1}"
        record: dict = {
            "slug": slugify(name),
            "name": name,
            "cohort": COHORT,
            "theme": theme,
            "aim": f"To help {people} in {borough} take part in social prescribing through {activity}, "
            f"and to learn from them what gets in the way.",
        }
        unconfirmed = ["theme"]
        # Every project names one or two boroughs (the realistic sizes: 1-2 boroughs).
        boroughs = [borough]
        if i % 2 == 1:
            boroughs.append(borough_names[(i + 5) % len(borough_names)])
        record["boroughs"] = boroughs
        if i % 9 == 4:
            unconfirmed.append("boroughs")
        if i % 3 != 2:
            record["organisation"] = f"{borough} {rng.choice(ORGANISATIONS)}"
        if i % 4 == 1:
            record["partners"] = [f"{borough} {org}" for org in rng.sample(ORGANISATIONS, 2)]
        if i % 5 == 2:
            record["pcn"] = f"{borough} {rng.choice(NOUNS)} Primary Care Network"
        # Realistic field sizes (issue 7): a summary of about 300 words, 3 outcomes, 2 quotes.
        record["summary"] = summary(rng, people, activity, borough)
        record["outcomes"] = [
            f"More than {rng.randint(10, 90)} people came to the first {activity.rstrip('s')}, and most came back.",
            f"Referrals of {people} to social prescribing rose by {rng.randint(5, 60)} per cent in a year.",
            f"{rng.randint(2, 12)} community organisations in {borough} now take referrals from the link workers.",
        ]
        record["quotes"] = [
            {
                "text": text,
                "attribution": attribution,
                "source": f"https://example.org/news/{record['slug']}",
            }
            for text, attribution in (
                (f"Talking to {people} directly changed how we run the service.", f"Link worker, {borough}"),
                (
                    f"I did not know there was anything like the {activity} near me. Now I go every week.",
                    f"Participant, {borough}",
                ),
            )
        ]
        if i % 4 == 2:
            record["links"] = [{"title": f"News story about {name}", "url": f"https://example.org/{record['slug']}"}]
        if i % 2 == 0:
            record["tags"] = rng.sample(TAGS, 2)
        record["unconfirmed"] = unconfirmed
        projects.append(record)
    return projects


SUMMARY_SENTENCES = [
    "The team began by asking {people} in {borough} what stopped them from taking part, and what would help.",
    "Link workers from {n1} practices met people in libraries, community centres and places of worship.",
    "They found that many had never heard of social prescribing, and that others had been referred but never came.",
    "So the project set up {activity}, run with local groups that people already knew and trusted.",
    "Each session was free, close to home and open to a friend or family member.",
    "A volunteer phoned everyone who was referred, before the first session and again after it.",
    "The team kept a simple record of who came, who came back and what they said about it.",
    "After three months they changed the times and places of the sessions in the light of what people said.",
    "Partners in the voluntary sector helped with transport, interpreting and childcare.",
    "By the end of the year {n2} people had taken part, and about {n3} per cent of them came more than once.",
    "Participants said they felt less lonely, more confident and better able to look after their health.",
    "GPs in the primary care network reported fewer appointments for problems that were not medical.",
    "The team shared what it learned with other boroughs at the programme's learning events.",
    "The hardest part was keeping in touch with people whose circumstances changed during the project.",
    "The link workers now plan to train peer supporters, so that the sessions can continue without them.",
    "Two of the community groups have found funding of their own to keep their sessions going next year.",
    "The team would advise others to start small, to listen first and to measure only what they will use.",
]


def summary(rng: random.Random, people: str, activity: str, borough: str) -> str:
    """About 300 words of Markdown: three paragraphs and a short list, as a real impact summary."""
    values = {
        "people": people,
        "activity": activity,
        "borough": borough,
        "n1": rng.randint(3, 12),
        "n2": rng.randint(40, 400),
        "n3": rng.randint(30, 80),
    }
    sentences = [text.format(**values) for text in SUMMARY_SENTENCES]
    paragraphs = [" ".join(sentences[0:5]), " ".join(sentences[5:10]), " ".join(sentences[10:])]
    facts = (
        f"- {values['n2']} people took part\n- {rng.randint(2, 12)} new community partners\n"
        f"- {rng.randint(10, 60)} sessions of {activity}\n"
    )
    return f"{paragraphs[0]}\n\n**What the team did.** {paragraphs[1]}\n\n{facts}\n{paragraphs[2]}\n"


def narrative(project: dict) -> str:
    return (
        "## About the project\n\n"
        f"{project['name']} started from a question the team could not answer alone: {project['aim'][0].lower()}"
        f"{project['aim'][1:]}\n\n"
        "## What the team did\n\n"
        "The team met people where they already were, asked what would help, and changed the service in small "
        "steps, testing each one before the next.\n\n"
        "- listening sessions\n- a shared referral form\n- a monthly review with partners\n"
    )


# -- the showcase copy -------------------------------------------------------------------------


def write_showcase(dest: Path, repo: Path, projects: list[dict]) -> None:
    dest.mkdir(parents=True)
    shutil.copy2(repo / "mkdocs.yml", dest / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(repo / "hooks", dest / "hooks", ignore=ignore)
    shutil.copytree(repo / "theme", dest / "theme", ignore=ignore)
    # The content without the real narratives: they belong to the real projects' slugs.
    shutil.copytree(
        repo / "content",
        dest / "content",
        ignore=lambda folder, names: [
            n
            for n in names
            if Path(folder).name == "projects" and Path(folder).parent == repo / "content" and n != "index.md"
        ],
    )
    (dest / "data").mkdir()
    shutil.copy2(repo / "data" / "geography.yaml", dest / "data" / "geography.yaml")
    text = "# Synthetic projects for the benchmark (bench/synthetic.py). Not real data.\n" + dump_yaml(
        {"themes": THEMES, "projects": projects}
    )
    (dest / "data" / "projects.yaml").write_text(text, encoding="utf-8")
    (dest / "content" / "projects").mkdir(exist_ok=True)
    for i, project in enumerate(projects):
        if i % NARRATIVE_EVERY == 0:
            (dest / "content" / "projects" / f"{project['slug']}.md").write_text(narrative(project), encoding="utf-8")


# -- the plain twin ----------------------------------------------------------------------------

UNCONFIRMED = " *(unconfirmed)*"
UNCONFIRMED_NOTE = (
    "*(unconfirmed)* marks a fact the programme has not published. The showcase's editors inferred "
    "it, for example a project's theme from its aim."
)
HIDE = "hide:\n  - navigation\n  - toc\n"


def front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            return yaml.safe_load(text[4:end]) or {}, text[end + 4 :].lstrip("\n")
    return {}, text


def page(title: str, body: str) -> str:
    return f"---\ntitle: {yaml.safe_dump(title, width=1000, allow_unicode=True).splitlines()[0]}\n{HIDE}---\n\n{body}"


def month_year(value) -> str:
    return dt.datetime.strptime(str(value), "%Y-%m").strftime("%B %Y")


def long_date(value) -> str:
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{day.day} {day:%B %Y}"


def plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"


def quote_md(quote: dict) -> str:
    source = f" ([source]({quote['source']}))" if quote.get("source") else ""
    return f"> {quote['text']}\n>\n> — {quote['attribution']}{source}\n"


class Plain:
    """Writes the plain twin. `prefix` is the way from a page's folder back to the docs root."""

    def __init__(self, dest: Path, repo: Path, projects: list[dict], geography: dict):
        self.dest, self.repo = dest, repo
        self.icb_names = {icb["id"]: icb["name"] for icb in geography["icbs"]}
        self.areas = {area["name"]: area for area in geography["areas"]}
        self.icb_of = {name: self.icb_names[area["icb"]] for name, area in self.areas.items()}
        self.projects = sorted(projects, key=lambda p: sort_key(p["name"]))
        self.themes = {theme["id"]: theme for theme in THEMES}
        self.cohorts = {}
        for path in sorted((repo / "content" / "cohorts").glob("*.md")):
            if path.stem != "index":
                self.cohorts[path.stem] = front_matter(path.read_text(encoding="utf-8"))

    def write(self, uri: str, text: str) -> None:
        path = self.dest / "content" / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def card(self, project: dict, prefix: str, level: int = 3) -> str:
        where = ", ".join(project.get("boroughs", [])) or "Not published"
        if project.get("boroughs") and "boroughs" in project["unconfirmed"]:
            where += UNCONFIRMED
        theme = self.themes[project["theme"]]["title"] + (UNCONFIRMED if "theme" in project["unconfirmed"] else "")
        cohort = self.cohorts[project["cohort"]][0]["title"]
        return (
            f"{'#' * level} [{project['name']}]({prefix}projects/{project['slug']}.md)\n\n{project['aim']}\n\n"
            f"- **Where:** {where}\n- **Theme:** {theme}\n- **Cohort:** {cohort}\n\n"
        )

    def grid(self, projects: list[dict], prefix: str, level: int = 3) -> str:
        note = f"{UNCONFIRMED_NOTE}\n" if any(p["unconfirmed"] for p in projects) else ""
        return "".join(self.card(p, prefix, level) for p in projects) + note

    def cohort_card(self, cohort_id: str, prefix: str) -> str:
        meta = self.cohorts[cohort_id][0]
        projects = [p for p in self.projects if p["cohort"] == cohort_id]
        areas = {b for p in projects for b in p.get("boroughs", [])}
        text = plural(len(projects), "funded project") + (
            f" in {plural(len(areas), 'local authority area')}" if areas else ""
        )
        if meta.get("start") and meta.get("end"):
            text += f", {month_year(meta['start'])} to {month_year(meta['end'])}"
        return f"### [{meta['title']}]({prefix}cohorts/{cohort_id}.md)\n\n{text}.\n\n"

    def project_page(self, project: dict, narrative_text: str | None) -> str:
        unconfirmed = project["unconfirmed"]

        def flag(field: str) -> str:
            return UNCONFIRMED if field in unconfirmed else ""

        cohort = self.cohorts[project["cohort"]][0]
        source = f", as [published by the programme]({cohort['source']})" if cohort.get("source") else ""
        out = [
            f"# {project['name']}\n\n## Aim\n\n> {project['aim']}\n\nThe aim in the programme’s own words{source}.\n\n",
            "## Project facts\n\n",
            f"- **Cohort:** [{cohort['title']}](../cohorts/{project['cohort']}.md)\n",
        ]
        if project.get("boroughs"):
            label = "Borough" if len(project["boroughs"]) == 1 else "Boroughs"
            places = ", ".join(
                f"[{b}](../boroughs/{slugify(b)}.md) ([{self.icb_of[b]} ICB](../icbs/{self.areas[b]['icb'].lower()}.md))"
                for b in project["boroughs"]
            )
            out.append(f"- **{label}:** {places}{flag('boroughs')}\n")
        theme = self.themes[project["theme"]]
        out.append(f"- **Challenge theme:** [{theme['title']}](../themes/{theme['id']}.md){flag('theme')}\n")
        if project.get("organisation"):
            out.append(f"- **Lead organisation:** {project['organisation']}{flag('organisation')}\n")
        if project.get("partners"):
            out.append(f"- **Partners:** {', '.join(project['partners'])}{flag('partners')}\n")
        if project.get("pcn"):
            out.append(f"- **Primary care network:** {project['pcn']}{flag('pcn')}\n")
        if project.get("tags"):
            out.append(f"- **Keywords:** {', '.join(project['tags'])}\n")
        out.append("\n")
        if project.get("summary"):
            out.append(f"## Impact summary\n\n{flag('summary').strip()}\n\n{project['summary']}\n")
        if project.get("outcomes"):
            out.append(f"## Outcomes{flag('outcomes')}\n\n" + "".join(f"- {o}\n" for o in project["outcomes"]) + "\n")
        if project.get("quotes"):
            out.append("## In their words\n\n" + "\n".join(quote_md(q) for q in project["quotes"]) + "\n")
        if narrative_text:
            out.append(narrative_text + "\n")
        if project.get("links"):
            out.append(
                "## Find out more\n\n"
                + "".join(f"- [{link['title']}]({link['url']})\n" for link in project["links"])
                + "\n"
            )
        if unconfirmed:
            out.append(UNCONFIRMED_NOTE + "\n")
        return page(project["name"], "".join(out))

    def facets(self) -> str:
        """The project finder without its script: every facet value links to its own page."""

        def counted(values):
            return Counter(v for p in self.projects for v in values(p))

        themes = counted(lambda p: [p["theme"]])
        boroughs = counted(lambda p: p.get("boroughs", []))
        icbs = counted(lambda p: sorted({self.areas[b]["icb"] for b in p.get("boroughs", [])}))
        cohorts = counted(lambda p: [p["cohort"]])
        lines = [
            "## Find a project\n\n**Challenge theme:** "
            + ", ".join(
                f"[{t['title']}](../themes/{t['id']}.md) ({themes[t['id']]})"
                for t in sorted(THEMES, key=lambda t: sort_key(t["title"]))
            )
        ]
        lines.append(
            "**Borough:** "
            + ", ".join(
                f"[{name}](../boroughs/{slugify(name)}.md) ({boroughs[name]})"
                for name in sorted(self.areas, key=sort_key)
                if boroughs[name]
            )
        )
        lines.append(
            "**Integrated care board (ICB):** "
            + ", ".join(
                f"[{self.icb_names[i]}](../icbs/{i.lower()}.md) ({icbs[i]})"
                for i in sorted(self.icb_names, key=lambda i: self.icb_names[i])
                if icbs[i]
            )
        )
        lines.append(
            "**Cohort:** "
            + ", ".join(f"[{meta['title']}](../cohorts/{c}.md) ({cohorts[c]})" for c, (meta, _) in self.cohorts.items())
        )
        # The tile map of London as a table: each tile is a borough and its number of projects.
        rows = max(a["tile_grid"]["row"] for a in self.areas.values())
        cols = max(a["tile_grid"]["col"] for a in self.areas.values())
        grid = [[" "] * cols for _ in range(rows)]
        for name, area in self.areas.items():
            cell = f"[{name}](../boroughs/{slugify(name)}.md) {boroughs[name]}" if boroughs[name] else f"{name} 0"
            grid[area["tile_grid"]["row"] - 1][area["tile_grid"]["col"] - 1] = cell
        table = "| " + " | ".join(" " for _ in range(cols)) + " |\n|" + "---|" * cols + "\n"
        table += "".join("| " + " | ".join(row) + " |\n" for row in grid)
        return "\n\n".join(lines) + "\n\n" + table + "\n"

    def cohort_page(self, cohort_id: str) -> str:
        meta, story = self.cohorts[cohort_id]
        projects = [p for p in self.projects if p["cohort"] == cohort_id]
        areas = sorted({b for p in projects for b in p.get("boroughs", [])}, key=sort_key)
        out = [f"# {meta['title']}\n\n## At a glance\n\n"]
        for key, label in (("applications", "Applications"), ("shortlisted", "Shortlisted")):
            if meta.get(key) is not None:
                out.append(f"- **{label}:** {meta[key]}\n")
        out.append(f"- **Projects funded:** {len(projects)}\n")
        if areas:
            out.append(f"- **Local authority areas:** {len(areas)}\n")
        out.append("\n")
        if meta.get("start") and meta.get("end"):
            out.append(f"- The programme ran from {month_year(meta['start'])} to {month_year(meta['end'])}.\n")
        if meta.get("funding_total"):
            each = (
                f", up to £{int(meta['funding_per_project_max']):,} each" if meta.get("funding_per_project_max") else ""
            )
            out.append(f"- The projects shared £{int(meta['funding_total']):,} of funding{each}.\n")
        if meta.get("graduation"):
            out.append(f"- The teams graduated on {long_date(meta['graduation'])}.\n")
        if meta.get("showcase_event"):
            out.append(
                f"- A showcase event to share impacts and learning took place on {long_date(meta['showcase_event'])}.\n"
            )
        out.append("\n" + story.rstrip() + "\n\n## Where the projects are\n\n")
        icb_counts: dict[str, int] = {}
        for p in projects:
            for icb in sorted({self.icb_of[b] for b in p.get("boroughs", [])}):
                icb_counts[icb] = icb_counts.get(icb, 0) + 1
        out += [f"- {icb} ICB: {plural(n, 'project')}\n" for icb, n in sorted(icb_counts.items())]
        without = sum(1 for p in projects if not p.get("boroughs"))
        if without:
            out.append(f"- Area not published: {plural(without, 'project')}\n")
        if areas:
            out.append(f"\nLocal authority areas: {', '.join(areas)}.\n")
        if meta.get("quotes"):
            out.append("\n## What people said\n\n" + "\n".join(quote_md(q) for q in meta["quotes"]))
        out.append(f"\n## The {plural(len(projects), 'project')}\n\n")
        counts = {t["title"]: (t["id"], sum(1 for p in projects if p["theme"] == t["id"])) for t in THEMES}
        used = [(title, tid, n) for title, (tid, n) in sorted(counts.items()) if n]
        if used:
            out.append(
                "By challenge theme: "
                + ", ".join(f"[{title}](../themes/{tid}.md) ({n})" for title, tid, n in used)
                + ".\n\n"
            )
        out.append(self.grid(projects, "../"))
        return page(meta["title"], "".join(out))

    def write_all(self, narratives: dict[str, str]) -> None:
        content = self.repo / "content"
        meta, home = front_matter((content / "index.md").read_text(encoding="utf-8"))
        cards = "".join(self.cohort_card(c, "") for c in self.cohorts)
        site_name = load_config(self.repo)["site_name"]
        heading = "" if re.search(r"^# ", home, re.MULTILINE) else f"# {site_name}\n\n"  # as home.html does
        self.write(
            "index.md",
            page(
                meta.get("title", "Home"),
                heading + home.rstrip() + f"\n\n## Cohorts\n\n{cards}[See all the projects](projects/index.md)\n",
            ),
        )
        self.write(
            "projects/index.md",
            page(
                "Projects",
                f"# Projects\n\n{plural(len(self.projects), 'project')}, "
                f"in order of name.\n\n" + self.facets() + self.grid(self.projects, "../", 2),
            ),
        )
        in_area = {name: [p for p in self.projects if name in p.get("boroughs", [])] for name in self.areas}
        for name, projects in in_area.items():
            if projects:
                icb_id = self.areas[name]["icb"]
                body = (
                    f"# {name}\n\n{plural(len(projects), 'project')} in {name}, part of "
                    f"[{self.icb_names[icb_id]} ICB](../icbs/{icb_id.lower()}.md).\n\n"
                    + self.grid(projects, "../")
                    + f"\n[Filter these projects further in the project finder](../projects/index.md?borough={slugify(name)})\n"
                )
                self.write(f"boroughs/{slugify(name)}.md", page(name, body))
        for icb_id, icb_name in self.icb_names.items():
            areas = [name for name in sorted(self.areas, key=sort_key) if self.areas[name]["icb"] == icb_id]
            projects = [p for p in self.projects if any(b in areas for b in p.get("boroughs", []))]
            if projects:
                body = (
                    f"# {icb_name} ICB\n\n{plural(len(projects), 'project')} in the area of the {icb_name} "
                    "integrated care board.\n\n"
                    + self.grid(projects, "../")
                    + f"\n[Filter these projects further in the project finder](../projects/index.md?icb={icb_id.lower()})\n"
                )
                self.write(f"icbs/{icb_id.lower()}.md", page(f"{icb_name} ICB", body))
        self.write(
            "cohorts/index.md",
            page("Cohorts", "# Cohorts\n\n" + "".join(self.cohort_card(c, "../") for c in self.cohorts)),
        )
        themes_index = ["# Challenge themes\n\n"]
        for theme in THEMES:
            projects = [p for p in self.projects if p["theme"] == theme["id"]]
            themes_index.append(
                f"## [{theme['title']}]({theme['id']}.md)\n\n{theme['description']}\n\n"
                f"{plural(len(projects), 'project')}\n\n"
            )
            body = f"# {theme['title']}\n\n{theme['description']}\n\n## {plural(len(projects), 'project')}\n\n"
            body += self.grid(projects, "../") if projects else "No project has this theme yet.\n"
            self.write(f"themes/{theme['id']}.md", page(theme["title"], body))
        self.write("themes/index.md", page("Challenge themes", "".join(themes_index)))
        for cohort_id in self.cohorts:
            self.write(f"cohorts/{cohort_id}.md", self.cohort_page(cohort_id))
        for project in self.projects:
            self.write(f"projects/{project['slug']}.md", self.project_page(project, narratives.get(project["slug"])))


def plain_config(repo: Path) -> str:
    """The repository's mkdocs.yml without the Showcase's own parts: hooks, custom_dir, its CSS
    and scripts. Everything else (theme, nav, plugins, markdown_extensions) stays the same."""
    config = load_config(repo)
    for key in ("hooks", "watch", "extra_css", "extra_javascript"):  # the CSS and scripts live in custom_dir
        config.pop(key, None)
    config.get("theme", {}).pop("custom_dir", None)
    return "# The plain-MkDocs twin of the synthetic showcase (bench/synthetic.py).\n" + dump_yaml(config)


def write_plain(dest: Path, repo: Path, projects: list[dict], geography: dict) -> None:
    dest.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(plain_config(repo), encoding="utf-8")
    narratives = {p["slug"]: narrative(p) for i, p in enumerate(projects) if i % NARRATIVE_EVERY == 0}
    Plain(dest, repo, projects, geography).write_all(narratives)


# -- both --------------------------------------------------------------------------------------


def generate(count: int, dest: Path, repo: Path = REPO, seed: int = 2023) -> tuple[Path, Path]:
    """Write dest/showcase and dest/plain for `count` projects; returns the two folders."""
    geography = yaml.safe_load((repo / "data" / "geography.yaml").read_text(encoding="utf-8"))
    projects = make_projects(count, [area["name"] for area in geography["areas"]], seed)
    write_showcase(dest / "showcase", repo, projects)
    write_plain(dest / "plain", repo, projects, geography)
    return dest / "showcase", dest / "plain"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many projects")
    parser.add_argument("dest", type=Path, help="an empty or missing folder")
    parser.add_argument("--repo", type=Path, default=REPO, help="the Showcase repository to copy (default: this one)")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    if args.dest.exists() and any(args.dest.iterdir()):
        parser.error(f"{args.dest} is not empty")
    showcase, plain = generate(args.count, args.dest, args.repo.resolve(), args.seed)
    print(f"wrote {showcase} and {plain}")


if __name__ == "__main__":
    main()
