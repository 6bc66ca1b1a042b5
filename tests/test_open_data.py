"""Open data, link previews, the sitemap, the 404 page: what others reuse and share."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO, Build, run_mkdocs_build
from showcase.exports import CSV_COLUMNS, LIST_SEPARATOR
from showcase.load import ProgrammeSources, load_programme
from showcase.model import Programme, Project


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load_programme(ProgrammeSources.in_folder(REPO))


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "no byte-order mark: spreadsheet software would misread non-ASCII text"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def expected_json(project: Project) -> dict:
    """What the export must say of a project: every field it has in the YAML."""
    return {
        "slug": project.slug, "name": project.name, "aim": project.aim,
        "cohort": {"id": project.cohort.id, "title": project.cohort.title},
        "theme": {"id": project.theme.id, "title": project.theme.title},
        "boroughs": [{"name": a.name, "slug": a.slug, "ons_code": a.ons_code, "icb": {"id": a.icb.id, "name": a.icb.name}}
                     for a in project.boroughs],
        "organisation": project.organisation, "partners": list(project.partners), "pcn": project.pcn,
        "summary": project.summary, "outcomes": list(project.outcomes),
        "quotes": [{"text": q.text, "attribution": q.attribution, "source": q.source} for q in project.quotes],
        "links": [{"title": link.title, "url": link.url} for link in project.links],
        "tags": list(project.tags), "unconfirmed": sorted(project.unconfirmed),
    }


def test_json_export_round_trips_every_project_and_follows_its_schema(real_site: Build, programme: Programme):
    document = json.loads((real_site.site / "data/projects.json").read_text("utf-8"))
    schema = json.loads((real_site.site / "data/projects.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["schema_version"] == "1.0"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", document["generated"])
    exported = {record["slug"]: record for record in document["projects"]}
    assert list(exported) == [p.slug for p in programme.projects]
    for project in programme.projects:
        record = exported[project.slug]
        assert {k: v for k, v in record.items() if k not in ("page_url", "snapshot_pdf_url")} == expected_json(project)
        assert (real_site.site / record["page_url"] / "index.html").is_file()
        assert record["snapshot_pdf_url"] == f"downloads/snapshots/{project.slug}.pdf"


def test_csv_export_has_a_row_per_project_and_keeps_non_ascii_text(real_site: Build, programme: Programme):
    rows = read_csv(real_site.site / "data/projects.csv")
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [row["slug"] for row in rows] == [p.slug for p in programme.projects]
    by_slug = {row["slug"]: row for row in rows}
    for project in programme.projects:
        row = by_slug[project.slug]
        assert row["name"] == project.name and row["aim"] == project.aim
        assert row["boroughs"] == LIST_SEPARATOR.join(a.name for a in project.boroughs)
        assert row["ons_codes"] == LIST_SEPARATOR.join(a.ons_code for a in project.boroughs)
        assert row["outcomes"] == LIST_SEPARATOR.join(project.outcomes)
        for quote in project.quotes:
            assert quote.text in row["quotes"]
    assert by_slug["mens-project-tower-hamlets"]["name"] == "Men’s project (Tower Hamlets)"


def test_exports_keep_hostile_text_as_text_and_defuse_spreadsheet_formulas(project_copy: Path):
    data = project_copy / "data/projects.yaml"
    data.write_text(data.read_text("utf-8") + '''
  - slug: hostile
    name: "=HYPERLINK(\\"https://evil.example\\", \\"click\\")"
    cohort: 2022-23
    theme: impact
    aim: "<script>alert(1)</script> {{ 7*7 }} Zażółć gęślą jaźń, Soomaali, العربية"
''', "utf-8")
    build = run_mkdocs_build(project_copy)
    assert build.returncode == 0, build.output
    record = next(r for r in json.loads((build.site / "data/projects.json").read_text("utf-8"))["projects"] if r["slug"] == "hostile")
    assert record["aim"] == "<script>alert(1)</script> {{ 7*7 }} Zażółć gęślą jaźń, Soomaali, العربية"
    assert record["name"] == '=HYPERLINK("https://evil.example", "click")'
    row = next(r for r in read_csv(build.site / "data/projects.csv") if r["slug"] == "hostile")
    assert row["aim"] == record["aim"]
    assert row["name"] == "'" + record["name"], "a formula must reach the spreadsheet as text"


def test_home_and_finder_link_the_exports_with_type_and_size(real_site: Build):
    for page in ("", "projects/"):
        text = real_site.html(page)
        for name, kind in (("projects.csv", "CSV"), ("projects.json", "JSON")):
            assert re.search(rf'href="[./]*data/{re.escape(name)}">[^<]+\({kind}, \d+ KB\)</a>', text), (page, name)


def test_pages_carry_a_description_and_link_preview_tags(real_site: Build, programme: Programme):
    for project in programme.projects:
        text = real_site.html(f"projects/{project.slug}/")
        assert '<meta property="og:title"' in text and '<meta name="twitter:card" content="summary">' in text
        description = re.search(r'<meta property="og:description" content="([^"]*)">', text).group(1)
        assert description and project.aim.startswith(description.rstrip("…").replace("&#39;", "'").replace("&amp;", "&")[:50])


def test_link_preview_tags_escape_text_from_the_data(project_copy: Path):
    data = project_copy / "data/projects.yaml"
    data.write_text(re.sub(r"    aim: To engage men of all ages[^\n]*",
                           """    aim: '" onmouseover="alert(1) <b>To engage men of all ages'""", data.read_text("utf-8")), "utf-8")
    build = run_mkdocs_build(project_copy)
    assert build.returncode == 0, build.output
    text = build.html("projects/mens-project-tower-hamlets/")
    assert 'content="&#34; onmouseover=&#34;alert(1) &lt;b&gt;To engage' in text or 'content="&quot; onmouseover' in text
    assert '" onmouseover="alert(1)' not in text


def test_sitemap_lists_every_page_when_the_site_address_is_known(project_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SHOWCASE_SITE_URL", "https://showcase.example.nhs.uk/spip/")
    monkeypatch.setenv("SHOWCASE_PDF", "0")
    build = run_mkdocs_build(project_copy)
    assert build.returncode == 0, build.output
    listed = set(re.findall(r"<loc>https://showcase\.example\.nhs\.uk/spip/([^<]*)</loc>", (build.site / "sitemap.xml").read_text()))
    pages = {p.relative_to(build.site).as_posix().removesuffix("index.html") for p in build.site.rglob("index.html")}
    assert pages and listed == pages
    text = build.html("projects/mens-project-tower-hamlets/")
    assert '<link rel="canonical" href="https://showcase.example.nhs.uk/spip/projects/mens-project-tower-hamlets/">' in text
    assert '<meta property="og:url" content="https://showcase.example.nhs.uk/spip/projects/mens-project-tower-hamlets/">' in text


def test_the_404_page_helps_the_visitor_on(real_site: Build):
    text = real_site.html("404.html")
    assert "Page not found" in text and ">Find a project</a>" in text


def test_home_figures_and_charts_are_counted_from_the_data(real_site: Build, programme: Programme):
    text = real_site.html("").replace("\n", "")
    projects = programme.projects
    areas = {a.name for p in projects for a in p.boroughs}
    icbs = {i.id for p in projects for i in p.icbs}
    for label, value in (("Projects", len(projects)), ("Local authority areas", len(areas)),
                         ("Integrated care boards", len(icbs)), ("Challenge themes", len({p.theme.id for p in projects}))):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in text, label
    assert "<dt>Funding</dt><dd>£120,000</dd>" in text
    # Each chart is an SVG with a title, and a table of the same figures.
    assert len(re.findall(r'<svg viewBox="[^"]+" role="img" aria-labelledby="programme-by-[a-z]+-title programme-by-[a-z]+-desc"', text)) == 3
    for theme in programme.themes:
        count = sum(1 for p in projects if p.theme.id == theme.id)
        assert f'<tr><th scope="row">{theme.title}</th><td>{count}</td></tr>' in text
    for icb in programme.icbs:
        count = sum(1 for p in projects if icb in p.icbs)
        assert f'<tr><th scope="row">{icb.name} ICB</th><td>{count}</td></tr>' in text
    for name in sorted(areas):
        count = sum(1 for p in projects if name in {a.name for a in p.boroughs})
        assert f'<tr><th scope="row">{name}</th><td>{count}</td></tr>' in text
    assert len(re.findall(r'<g class="sc-tile[" ]', text)) == 33


def test_edit_links_point_at_the_record_and_last_updated_comes_from_git(project_copy: Path, monkeypatch: pytest.MonkeyPatch):
    import subprocess

    monkeypatch.setenv("SHOWCASE_REPOSITORY", "https://github.com/example/showcase")
    monkeypatch.setenv("SHOWCASE_PDF", "0")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(project_copy)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    env = {**__import__("os").environ, "GIT_COMMITTER_DATE": "2024-02-03T12:00:00Z", "GIT_AUTHOR_DATE": "2024-02-03T12:00:00Z"}
    subprocess.run([*git, "commit", "-q", "-m", "data"], check=True, env=env)
    build = run_mkdocs_build(project_copy)
    assert build.returncode == 0, build.output
    line = (project_copy / "data/projects.yaml").read_text("utf-8").splitlines().index("  - slug: mens-project-tower-hamlets") + 1
    page = build.html("projects/mens-project-tower-hamlets/")
    assert f'href="https://github.com/example/showcase/blob/main/data/projects.yaml#L{line}">Edit this project’s facts</a>' in page
    assert 'href="https://github.com/example/showcase/edit/main/content/projects/mens-project-tower-hamlets.md">Edit this project’s story</a>' in page
    assert 'Last updated <time datetime="2024-02-03">3 February 2024</time>' in page
    assert 'href="https://github.com/example/showcase/edit/main/content/cohorts/2022-23.md">Edit this page</a>' in build.html("cohorts/2022-23/")
    assert "api.github.com" not in page and 'data-md-component="source"' not in page


def test_without_git_or_a_repository_the_page_shows_neither(real_site: Build):
    page = real_site.html("projects/mens-project-tower-hamlets/")
    assert "Last updated" not in page and "Edit this" not in page
