"""Open data, link previews, the sitemap, the 404 page: what others reuse and share.

Every test builds the fictional programme under tests/fixture/ (the session's fixture_site, or a
copy to edit), never the real content, so the comms team's edits cannot turn a test red.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from page_text import search_or_fail
from showcase.field_kinds import LIST_SEPARATOR
from showcase.fields import KEPT_OFF_OPEN_DATA, OPEN_DATA_FIELDS, PROJECT_FIELDS, slugify
from showcase.loading.public_names import editors_field
from showcase.model import Programme
from showcase.web.exports import csv_columns
from site_builds import FIXTURE, NAMES, Build, run_mkdocs_build
from site_checks import is_redirect

# The fixture's project with every optional field and a narrative.
WALKS = "harbour-walks"
WALKS_AIM = "To reach older fishermen in Gullhaven who never visit their GP"
SITE_URL = "https://showcase.example.org/fernshire/"


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "no byte-order mark: spreadsheet software would misread non-ASCII text"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def yaml_file(relative: str) -> dict:
    return yaml.safe_load((FIXTURE / relative).read_text("utf-8"))


def expected_json(record: dict) -> dict:
    """What projects.json must say of a project, worked out from its YAML record and the files it
    names (not from the model or the exporter): every field the contract has, but its pictures
    and earlier slugs; a field the record leaves out is null, or empty."""
    geography = yaml_file("data/geography.yaml")
    icbs = {
        icb["id"]: {"id": icb["id"], "name": icb["name"], "source": icb["source"]} for icb in geography[NAMES.groups]
    }
    areas = {area["name"]: area for area in geography["areas"]}
    themes = {theme["id"]: theme["title"] for theme in yaml_file("data/projects.yaml")["themes"]}
    cohort_title = re.search(
        r"^title: (.*)$", (FIXTURE / f"content/cohorts/{record['cohort']}.md").read_text("utf-8"), re.M
    )
    assert cohort_title, record["cohort"]
    expected: dict[str, Any] = {}
    for key, spec in PROJECT_FIELDS.items():
        value = record.get(editors_field(key, NAMES))
        if key in ("image", "logo", "previous_slugs"):
            continue
        if key == "cohort":
            expected[key] = {"id": value, "title": cohort_title.group(1).strip()}
        elif key == "theme":
            expected[key] = {"id": value, "title": themes[value]}
        elif key == "boroughs":  # published under the programme's name for them
            expected[NAMES.areas] = [
                {
                    "name": name,
                    "slug": areas[name].get("slug") or slugify(name),
                    "ons_code": areas[name]["ons_code"],
                    NAMES.group: icbs[areas[name][NAMES.group]],
                }
                for name in value or []
            ]
        elif key == "quotes":
            # A quote's attribution is in its words' language unless it says otherwise.
            expected[key] = [
                {
                    "source": None,
                    "lang": None,
                    **quote,
                    "attribution_lang": quote.get("attribution_lang", quote.get("lang")),
                }
                for quote in value or []
            ]
        elif key == "sources":
            expected[key] = dict(value or {})
        elif key == "unconfirmed":
            expected[key] = sorted(value or [])
        elif spec.kind.startswith("list"):
            expected[key] = list(value or [])
        else:
            expected[key] = value.strip() if value else None
    return expected


def test_json_export_round_trips_every_project_and_follows_its_schema(
    fixture_site: Build, fixture_programme: Programme
):
    document = json.loads((fixture_site.site / "data/projects.json").read_text("utf-8"))
    schema = json.loads((fixture_site.site / "data/projects.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["schema_version"] == "1.7"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", document["generated"])
    exported = {record["slug"]: record for record in document["projects"]}
    assert len(document["projects"]) == len(exported) == 10
    assert list(exported) == [p.slug for p in fixture_programme.projects]
    records = yaml_file("data/projects.yaml")["projects"]
    assert sorted(record["slug"] for record in records) == sorted(exported)
    for typed in records:
        record = exported[typed["slug"]]
        assert {
            k: v for k, v in record.items() if k not in ("page_url", "snapshot_pdf_url", "source_copies")
        } == expected_json(typed)
    for project in fixture_programme.projects:
        record = exported[project.slug]
        assert record["source_copies"] == dict(project.copies)
        assert (fixture_site.site / record["page_url"] / "index.html").is_file()
        assert record["snapshot_pdf_url"] == f"downloads/snapshots/{project.slug}.pdf"
    assert (
        exported["measuring-what-matters"][NAMES.areas] == []
        and exported["measuring-what-matters"]["organisation"] is None
    )
    assert [b[NAMES.group]["name"] for b in exported["coast-and-country-connectors"][NAMES.areas]] == [
        "Fernshire Coast",
        "North Fernshire",
        "South Fernshire",
    ]


def test_csv_export_has_a_row_per_project_and_keeps_non_ascii_text(fixture_site: Build, fixture_programme: Programme):
    rows = read_csv(fixture_site.site / "data/projects.csv")
    # The columns, in their order: a spreadsheet or a script that reads them by place relies on it.
    assert (
        list(rows[0])
        == list(csv_columns(NAMES))
        == (
            f"slug name cohort cohort_title theme theme_title aim {NAMES.areas} ons_codes {NAMES.groups} organisation partners pcn "
            "summary outcomes quotes links tags unconfirmed sources page_url snapshot_pdf_url"
        ).split()
    )
    assert [row["slug"] for row in rows] == [p.slug for p in fixture_programme.projects]
    by_slug = {row["slug"]: row for row in rows}
    for project in fixture_programme.projects:
        row = by_slug[project.slug]
        assert row["name"] == project.name and row["aim"] == project.aim
        assert row[NAMES.areas] == LIST_SEPARATOR.join(a.name for a in project.boroughs)
        assert row["ons_codes"] == LIST_SEPARATOR.join(a.ons_code for a in project.boroughs)
        assert row["outcomes"] == LIST_SEPARATOR.join(project.outcomes)
        for quote in project.quotes:
            assert quote.text in row["quotes"]
        by_outcome = [(f"outcome {number}", url) for number, url in enumerate(project.outcome_sources, start=1)]
        assert row["sources"] == LIST_SEPARATOR.join(
            f"{editors_field(fact, NAMES)} <{url}>" for fact, url in [*project.sources, *by_outcome]
        )
    assert by_slug["brackenford-mens-sheds"]["name"] == "Brackenford Men’s Sheds"
    assert "St Fara’s & Linton" in by_slug["coast-and-country-connectors"][NAMES.areas].split(LIST_SEPARATOR)
    assert "وجدنا مكاناً نتحدث فيه بلغتنا عن صحتنا." in by_slug["al-noor-wellbeing-circle"]["quotes"]
    assert "Spacery dały nam czas" in by_slug[WALKS]["quotes"]


def test_every_project_field_is_in_the_open_data_but_the_pictures_and_earlier_slugs():
    assert set(OPEN_DATA_FIELDS) | set(KEPT_OFF_OPEN_DATA) == set(PROJECT_FIELDS)
    assert set(KEPT_OFF_OPEN_DATA) == {"image", "logo", "previous_slugs"}
    assert set(OPEN_DATA_FIELDS).isdisjoint(KEPT_OFF_OPEN_DATA)


@pytest.mark.build
def test_exports_keep_hostile_text_as_text_and_defuse_spreadsheet_formulas(fixture_copy: Path):
    data = fixture_copy / "data/projects.yaml"
    data.write_text(
        data.read_text("utf-8")
        + """
  - slug: hostile
    name: "=HYPERLINK(\\"https://evil.example\\", \\"click\\")"
    cohort: 2024-25
    theme: impact
    aim: "<script>alert(1)</script> {{ 7*7 }} Zażółć gęślą jaźń, Soomaali, العربية"
""",
        "utf-8",
    )
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    record = next(
        r
        for r in json.loads((build.site / "data/projects.json").read_text("utf-8"))["projects"]
        if r["slug"] == "hostile"
    )
    assert record["aim"] == "<script>alert(1)</script> {{ 7*7 }} Zażółć gęślą jaźń, Soomaali, العربية"
    assert record["name"] == '=HYPERLINK("https://evil.example", "click")'
    row = next(r for r in read_csv(build.site / "data/projects.csv") if r["slug"] == "hostile")
    assert row["aim"] == record["aim"]
    assert row["name"] == "'" + record["name"], "a formula must reach the spreadsheet as text"


def test_home_and_finder_link_the_exports_with_type_and_size(fixture_site: Build):
    for page in ("", "projects/"):
        text = fixture_site.html(page)
        for name, kind in (("projects.csv", "CSV"), ("projects.json", "JSON")):
            assert re.search(rf'href="[./]*data/{re.escape(name)}">[^<]+\({kind}, \d+ KB\)</a>', text), (page, name)


def test_pages_carry_a_description_and_link_preview_tags(fixture_site: Build, fixture_programme: Programme):
    for project in fixture_programme.projects:
        text = fixture_site.html(f"projects/{project.slug}/")
        assert '<meta property="og:title"' in text and '<meta name="twitter:card" content="summary">' in text
        description = search_or_fail(r'<meta property="og:description" content="([^"]*)">', text).group(1)
        assert description and project.aim.startswith(
            description.rstrip("…").replace("&#39;", "'").replace("&amp;", "&")[:50]
        )
    assert '<meta property="og:site_name" content="Fernshire Community Connectors Programme">' in fixture_site.html(
        f"projects/{WALKS}/"
    )


@pytest.mark.build
def test_link_preview_tags_escape_text_from_the_data(fixture_copy: Path):
    data = fixture_copy / "data/projects.yaml"
    data.write_text(
        re.sub(
            rf"    aim: {WALKS_AIM}[^\n]*",
            f"""    aim: '" onmouseover="alert(1) <b>{WALKS_AIM}'""",
            data.read_text("utf-8"),
        ),
        "utf-8",
    )
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    text = build.html(f"projects/{WALKS}/")
    assert 'content="&#34; onmouseover=&#34;alert(1) &lt;b&gt;To reach' in text or 'content="&quot; onmouseover' in text
    assert '" onmouseover="alert(1)' not in text


@pytest.mark.build
def test_sitemap_lists_every_page_when_the_site_address_is_known(fixture_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SHOWCASE_SITE_URL", SITE_URL)
    monkeypatch.setenv("SHOWCASE_PDF", "0")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    listed = set(re.findall(rf"<loc>{re.escape(SITE_URL)}([^<]*)</loc>", (build.site / "sitemap.xml").read_text()))
    pages = {
        p.relative_to(build.site).as_posix().removesuffix("index.html")
        for p in build.site.rglob("index.html")
        if not is_redirect(p)
    }  # a renamed project's old address is not a page of its own
    assert pages and listed == pages
    assert {
        "",
        "projects/",
        f"projects/{WALKS}/",
        "cohorts/2024-25/",
        "themes/digital/",
        f"{NAMES.areas}/st-faras-and-linton/",
        f"{NAMES.groups}/fc/",
    } <= listed
    text = build.html(f"projects/{WALKS}/")
    assert f'<link rel="canonical" href="{SITE_URL}projects/{WALKS}/">' in text
    assert f'<meta property="og:url" content="{SITE_URL}projects/{WALKS}/">' in text


def test_the_404_page_helps_the_visitor_on(fixture_site: Build, fixture_programme: Programme):
    text = fixture_site.html("404.html")
    assert "Page not found" in text and ">Find a project</a>" in text
    # Every place, with projects or not, is on its index: a visitor looking for one is sent there.
    areas, groups = fixture_programme.area_label, fixture_programme.group_label
    assert groups is not None
    assert f'{NAMES.areas}/">All {areas.plural}</a>' in text
    assert f'{NAMES.groups}/">all {groups.plural}</a>' in text
    assert (fixture_site.site / NAMES.areas / "index.html").is_file()
    assert (fixture_site.site / NAMES.groups / "index.html").is_file()


def shown(count: int, unconfirmed: int) -> str:
    """A count as the site shows it, saying how much of it the editors inferred."""
    if not unconfirmed:
        return str(count)
    return f"{count} ({'all unconfirmed' if unconfirmed == count > 1 else 'unconfirmed' if unconfirmed == count else f'{unconfirmed} unconfirmed'})"


def test_home_figures_and_charts_are_counted_from_the_data(fixture_site: Build, fixture_programme: Programme):
    text = fixture_site.html("").replace("\n", "")
    projects = fixture_programme.projects
    areas = {a.name for p in projects for a in p.boroughs}
    icbs = {i.id for p in projects for i in p.icbs}
    figures = (
        ("Projects", len(projects)),
        ("Districts", len(areas)),
        ("Integrated care boards", len(icbs)),
        ("Challenge themes", len({p.theme.id for p in projects})),
    )
    assert [value for _, value in figures] == [10, 8, 3, 4]
    for label, value in figures:
        value_html = f'<dt>{label}</dt><dd><span class="sc-stats__value">{value}</span>'
        assert f"{value_html}</dd>" in text or f"{value_html} <span" in text, label
    # The second cohort has published no funding, so the programme's total is unknown.
    assert "<dt>Funding</dt>" not in text
    # Each chart is a figure named by its caption, its drawing hidden, and a table of the same figures.
    assert len(re.findall(r'<figure class="sc-chart[^"]*" aria-labelledby="programme-by-[a-z]+-caption"', text)) == 3
    assert len(re.findall(r'<svg viewBox="[^"]+" aria-hidden="true"', text)) == 3
    for theme in fixture_programme.themes:
        with_theme = [p for p in projects if p.theme.id == theme.id]
        count = shown(len(with_theme), sum(p.is_unconfirmed("theme") for p in with_theme))
        assert f'<tr><th scope="row">{theme.title}</th><td>{count}</td></tr>' in text
    for icb in fixture_programme.icbs:
        in_icb = [p for p in projects if icb in p.icbs]
        count = shown(len(in_icb), sum(p.is_unconfirmed("boroughs") for p in in_icb))
        assert f'<tr><th scope="row">{icb.name} ICB</th><td>{count}</td></tr>' in text
    for name in sorted(areas):
        in_area = [p for p in projects if name in {a.name for a in p.boroughs}]
        count = shown(len(in_area), sum(p.is_unconfirmed("boroughs") for p in in_area))
        assert f'<tr><th scope="row">{name.replace("&", "&amp;")}</th><td>{count}</td></tr>' in text
    assert len(fixture_programme.areas) == 9
    assert len(re.findall(r'<g class="sc-tile[" ]', text)) == len(fixture_programme.areas)


@pytest.mark.build
def test_home_shows_the_funding_of_every_cohort_added_up_once_each_is_known(
    fixture_copy: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SHOWCASE_PDF", "0")
    cohort = fixture_copy / "content/cohorts/2024-25.md"
    cohort.write_text(
        cohort.read_text("utf-8").replace(
            "title: 2024/25 second cohort\n", "title: 2024/25 second cohort\nfunding_total: 45000\n"
        ),
        "utf-8",
    )
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    # The total, then the pages that state each cohort's funding (the second's has none).
    assert '<dt>Funding</dt><dd><span class="sc-stats__value">£105,000<' in build.html("").replace("\n", "")


def git_commit_everything(root: Path, date: str) -> None:
    """Make `root` a git repository with one commit of every file, made at `date`."""
    git = [
        "git",
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.org",
        "-c",
        "init.defaultBranch=main",
        "-C",
        str(root),
    ]
    env = {**os.environ, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date}
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "data"], check=True, env=env)


@pytest.mark.build
def test_edit_links_point_at_the_record_and_last_updated_comes_from_git(
    fixture_copy: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SHOWCASE_REPOSITORY", "https://github.com/example/showcase")
    monkeypatch.setenv("SHOWCASE_PDF", "0")
    git_commit_everything(fixture_copy, "2024-02-03T12:00:00Z")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    line = (fixture_copy / "data/projects.yaml").read_text("utf-8").splitlines().index(f"  - slug: {WALKS}") + 1
    page = build.html(f"projects/{WALKS}/")
    assert (
        f'href="https://github.com/example/showcase/blob/main/data/projects.yaml#L{line}">Edit this project’s facts</a>'
        in page
    )
    assert (
        f'href="https://github.com/example/showcase/edit/main/content/projects/{WALKS}.md">Edit this project’s story</a>'
        in page
    )
    assert 'Last updated <time datetime="2024-02-03">3 February 2024</time>' in page
    assert (
        'href="https://github.com/example/showcase/edit/main/content/cohorts/2023-24.md">Edit this page</a>'
        in build.html("cohorts/2023-24/")
    )
    assert "api.github.com" not in page and 'data-md-component="source"' not in page


def test_without_git_or_a_repository_the_page_shows_neither(fixture_site: Build):
    page = fixture_site.html(f"projects/{WALKS}/")
    assert "Last updated" not in page and "Edit this" not in page
