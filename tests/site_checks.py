"""Checks that hold for any valid content, shared by the tests of the fictional programme, of the
real content and of edited copies: every record appears everywhere it should, every link
resolves, the HTML is valid. Each returns the problems it found, one line each (empty: none)."""

from __future__ import annotations

import csv
import html
import html.parser
import io
import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pypdf

from page_text import letters, pdf_text, text_of
from showcase.model import Programme
from site_builds import REPO, Build

VNU = REPO / "tools/node_modules/vnu-jar/build/dist/vnu.jar"


def content_problems(build: Build, programme: Programme) -> list[str]:
    """Every record of `programme` on its page, in the finder, on its cohort's, theme's, area's
    and ICB's pages, in its cohort's PDF pack and its own snapshot, and in both exports; and
    each of its earlier addresses leading to its page."""
    site = build.site
    problems: list[str] = []

    def page_text(address: str) -> str | None:
        path = site / address / "index.html"
        if not path.is_file():
            problems.append(f"/{address}: no page")
            return None
        return path.read_text("utf-8")

    finder = page_text("projects/") or ""
    exported = json.loads((site / "data/projects.json").read_text("utf-8"))
    json_slugs = [record["slug"] for record in exported["projects"]]
    csv_text = (site / "data/projects.csv").read_bytes().decode("utf-8-sig")
    csv_slugs = [row["slug"] for row in csv.DictReader(io.StringIO(csv_text, newline=""))]
    expected_slugs = [project.slug for project in programme.projects]
    if json_slugs != expected_slugs:
        problems.append(f"data/projects.json lists {json_slugs}, expected {expected_slugs}")
    if sorted(csv_slugs) != sorted(expected_slugs):
        problems.append(f"data/projects.csv lists {csv_slugs}, expected {expected_slugs}")

    packs = {}
    for cohort in programme.cohorts:
        cohort_page = page_text(f"cohorts/{cohort.id}/") or ""
        pack = site / f"downloads/impact-summaries-{cohort.id}.pdf"
        packs[cohort.id] = letters(pdf_text(pack)) if pack.is_file() else ""
        if programme.projects_in_cohort(cohort) and not pack.is_file():  # a new cohort may have no project yet
            problems.append(f"{cohort.id}: no pack at {pack.relative_to(site)}")
        for project in programme.projects_in_cohort(cohort):
            if f'href="../../projects/{project.slug}/"' not in cohort_page:
                problems.append(f"{project.slug}: no card on its cohort's page")

    for project in programme.projects:
        page = page_text(f"projects/{project.slug}/")
        if page is not None:
            text = text_of(page)
            for label, value in (
                ("name", project.name),
                ("aim", project.aim),
                ("cohort", project.cohort.title),
                ("theme", project.theme.title),
                *(("area", a.name) for a in project.boroughs),
                *(("quote", q.text) for q in project.quotes),
            ):
                if value not in text:
                    problems.append(f"{project.slug}: its page does not show its {label} {value!r}")
        if f'data-slug="{project.slug}"' not in finder:
            problems.append(f"{project.slug}: no card in the finder")
        for address in (
            f"themes/{project.theme.id}/",
            *(f"{programme.names.areas}/{a.slug}/" for a in project.boroughs),
            *(f"{programme.names.groups}/{icb.slug}/" for icb in project.icbs),
        ):
            listing = page_text(address)
            if listing is not None and f'href="../../projects/{project.slug}/"' not in listing:
                problems.append(f"{project.slug}: not listed on /{address}")
        snapshot = site / f"downloads/snapshots/{project.slug}.pdf"
        if not snapshot.is_file():
            problems.append(f"{project.slug}: no snapshot PDF")
        elif letters(project.name) not in letters(pdf_text(snapshot)):
            problems.append(f"{project.slug}: its snapshot does not name it")
        elif len(pypdf.PdfReader(snapshot).pages) < 1:
            problems.append(f"{project.slug}: its snapshot has no page")
        if letters(project.aim) not in packs.get(project.cohort.id, ""):
            problems.append(f"{project.slug}: its aim is not in its cohort's pack")
        for old in project.previous_slugs:
            redirect = site / "projects" / old / "index.html"
            if not redirect.is_file() or f'url=../{project.slug}/"' not in redirect.read_text("utf-8"):
                problems.append(f"{project.slug}: its earlier address /projects/{old}/ does not lead to it")
    if "WARNING" in build.output:
        problems.append("the build printed warnings:\n" + build.output)
    return problems


class LinkCollector(html.parser.HTMLParser):
    """Every link and asset reference in a page, and every id a fragment can point at."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if element_id := attributes.get("id"):
            self.ids.add(element_id)
        if tag == "a" and (anchor := attributes.get("name")):
            self.ids.add(anchor)
        for name in ("href", "src"):
            if (reference := attributes.get(name)) and not (
                tag == "link" and attributes.get("rel") in ("canonical", "alternate")
            ):
                self.references.append(reference)


def parse_page(path: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(path.read_text("utf-8"))
    return collector


def page_addresses(site: Path) -> list[str]:
    """The address of every page of a built site, relative to its root ('' for the home page),
    without the old addresses of renamed or removed projects (is_redirect)."""
    pages = [path for path in sorted(site.rglob("*.html")) if not is_redirect(path)]
    return [path.relative_to(site).as_posix().removesuffix("index.html") for path in pages]


def is_redirect(page: Path) -> bool:
    """An old address (site.redirect_pages): a renamed project's, a file that sends the browser on,
    or a removed project's, a file that says so; not a page of the site."""
    text = page.read_text("utf-8")
    return '<meta http-equiv="refresh"' in text or " is no longer listed</h1>" in text


def evenly_spaced(items: list, most: int) -> list:
    """At most `most` of `items`, spread evenly from first to last, the same every run: for the
    checks that cost a second a page, when the real content grows to hundreds of projects."""
    if len(items) <= most:
        return list(items)
    step = (len(items) - 1) / (most - 1)
    return [items[round(index * step)] for index in range(most)]


def broken_links(site: Path) -> tuple[int, list[str]]:
    """How many links, anchors and assets within the site were checked, and those that do not resolve."""
    pages = {path: parse_page(path) for path in site.rglob("*.html")}
    broken: list[str] = []
    checked = 0
    for page, collector in pages.items():
        base = "http://site/" + page.relative_to(site).as_posix()
        for reference in collector.references:
            url = urlsplit(urljoin(base, reference))
            if url.scheme != "http" or url.netloc != "site":
                continue  # another site, mailto:, data: ...
            checked += 1
            target = site / unquote(url.path).lstrip("/")
            if url.path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {reference} (no {target.relative_to(site)})")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse_page(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {reference} (no #{url.fragment})")
    return checked, broken


def html_checker_errors(site: Path) -> tuple[int, list[str]]:
    """How many pages the Nu Html Checker read, and its errors."""
    assert VNU.is_file(), "vnu.jar is missing: run scripts/setup --test"
    pages = sorted(site.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [line.replace(str(site), "") for line in result.stderr.splitlines() if line.strip()]
    if result.returncode != 0 and not errors:
        errors = [f"vnu exited with {result.returncode}"]
    return len(pages), errors
