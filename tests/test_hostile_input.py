"""Hostile and broken input: each gets a clear error naming file, line, record and field, or a
correct build in which nothing is lost and nothing from the data runs."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest

from conftest import run_mkdocs_build
from showcase.load import ProgrammeSources, load_programme
from showcase.problems import ContentProblems

MENS = "mens-project-tower-hamlets"
CAMDEN = "camden-care-navigation-and-social-prescribing-service"
PAYLOAD = "<script>alert(1)</script> {{ 7*7 }} {% if true %}jinja{% endif %} <img src=x onerror=alert(2)> [link](javascript:alert(3))"


def projects_file(root: Path) -> Path:
    return root / "data/projects.yaml"


def edit_record(root: Path, slug: str, old: str, new: str) -> None:
    path = projects_file(root)
    text = path.read_text("utf-8")
    start = text.index(f"  - slug: {slug}\n")
    end = text.find("\n  - slug:", start + 1)
    end = len(text) if end < 0 else end
    assert old in text[start:end]
    path.write_text(text[:start] + text[start:end].replace(old, new, 1) + text[end:], "utf-8")


def problems(root: Path) -> list[str]:
    try:
        load_programme(ProgrammeSources.in_folder(root))
    except ContentProblems as error:
        return [str(problem) for problem in error.problems]
    return []


def line_of(root: Path, text: str) -> int:
    return projects_file(root).read_text("utf-8").splitlines().index(text) + 1


# -- injection -------------------------------------------------------------------------------

def test_markup_and_template_code_in_every_text_field_is_shown_as_text(project_copy: Path):
    quoted = PAYLOAD.replace('"', '\\"')
    record = f'''
  - slug: hostile
    name: "Name {quoted}"
    cohort: 2022-23
    theme: impact
    aim: "Aim {quoted}"
    boroughs: [Camden]
    organisation: "Organisation {quoted}"
    partners: ["Partner {quoted}"]
    pcn: "PCN {quoted}"
    summary: "Summary {quoted}"
    outcomes: ["Outcome {quoted}"]
    quotes:
      - text: "Quote {quoted}"
        attribution: "Attribution {quoted}"
        source: https://example.org/quote
    links:
      - title: "Link {quoted}"
        url: https://example.org/
    tags: ["Tag {quoted}"]
'''
    projects_file(project_copy).write_text(projects_file(project_copy).read_text("utf-8") + record, "utf-8")
    build = run_mkdocs_build(project_copy)
    assert build.returncode == 0, build.output
    for page in ("projects/hostile/", "projects/", "boroughs/camden/", "themes/impact/", "cohorts/2022-23/"):
        text = build.html(page)
        assert "<script>alert(1)" not in text and "onerror=alert(2)>" not in text, page
        assert 'href="javascript:' not in text, page
        assert ">49<" not in text and " 49 " not in text and "jinja{" not in text.replace("{% if true %}jinja{% endif %}", ""), page
    page = build.html("projects/hostile/")
    for field in ("Name", "Aim", "Organisation", "Partner", "PCN", "Outcome", "Quote", "Attribution", "Link", "Tag"):
        assert f"{field} &lt;script&gt;alert(1)&lt;/script&gt; {{{{ 7*7 }}}} {{% if true %}}jinja{{% endif %}}" in page, field
    assert "Summary &lt;script&gt;alert(1)&lt;/script&gt;" in page
    # the finder's search text is an attribute: escaped there too
    assert 'data-text="name &lt;script&gt;alert(1)&lt;/script&gt;' in build.html("projects/")
    assert "<title>Name &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_remote_image_in_a_summary_becomes_a_link_so_no_page_fetches_it(project_copy: Path):
    edit_record(project_copy, CAMDEN, "    unconfirmed: [theme]",
                "    summary: See ![the team](https://tracker.example/pixel.png) at work.\n    unconfirmed: [theme]")
    build = run_mkdocs_build(project_copy)
    assert build.returncode == 0, build.output
    page = build.html(f"projects/{CAMDEN}/")
    assert "<img" not in page.split('<article class="sc-project">')[1]
    assert '<a href="https://tracker.example/pixel.png">Image: the team</a>' in page


# -- slugs -----------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", ["../escape", "/etc/passwd", "a\\\\b", "Mens-Project", "mеns-project", "con", "index", "a--b", "-a"])
def test_a_slug_that_is_not_a_safe_page_address_is_refused(project_copy: Path, slug: str):
    edit_record(project_copy, CAMDEN, f"slug: {CAMDEN}", f'slug: "{slug}"')
    line = line_of(project_copy, f'  - slug: "{slug}"')
    found = problems(project_copy)
    assert len(found) == 1, found
    value = slug.replace("\\\\", "\\")
    assert found[0].startswith(f"data/projects.yaml:{line}: project '{value}', field 'slug': '{value}' ")
    assert "is not a valid slug" in found[0] or "is reserved" in found[0]


# -- size ------------------------------------------------------------------------------------

def test_a_one_megabyte_aim_builds_and_is_shown_whole(project_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SHOWCASE_PDF", "0")  # the pages are under test here; a 500-page PDF is not
    aim = ("To reach everyone. " * 55_000)[:1_000_000].strip()
    edit_record(project_copy, CAMDEN, "aim: To tackle recruitment", f"aim: {aim}\n    x-was: To tackle recruitment")
    text = projects_file(project_copy).read_text("utf-8")
    projects_file(project_copy).write_text(re.sub(r"\n    x-was: [^\n]*", "", text), "utf-8")
    build = run_mkdocs_build(project_copy)
    assert build.returncode == 0, build.output
    assert aim in build.html(f"projects/{CAMDEN}/")


def test_two_thousand_projects_build_in_bounded_time_and_all_reach_the_finder(project_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SHOWCASE_PDF", "0")
    records = "".join(
        f"\n  - slug: project-{n}\n    name: Project {n}\n    cohort: 2022-23\n    theme: access\n"
        f"    aim: To test project {n}.\n    boroughs: [Camden]\n" for n in range(2000)
    )
    projects_file(project_copy).write_text(projects_file(project_copy).read_text("utf-8") + records, "utf-8")
    started = time.monotonic()
    build = run_mkdocs_build(project_copy)
    seconds = time.monotonic() - started
    assert build.returncode == 0, build.output
    assert seconds < 240, f"{seconds:.0f} s"
    finder = build.html("projects/")
    assert finder.count('class="sc-card"') == 2012
    assert "Project 1999" in finder and (build.site / "projects/project-1999/index.html").is_file()


def test_a_yaml_alias_bomb_is_refused_quickly(project_copy: Path):
    bomb = "".join(f"x{n}: &x{n} [{', '.join([f'*x{n - 1}'] * 9) if n else '1, 2, 3, 4, 5, 6, 7, 8, 9'}]\n" for n in range(12))
    projects_file(project_copy).write_text(bomb + projects_file(project_copy).read_text("utf-8"), "utf-8")
    started = time.monotonic()
    found = problems(project_copy)
    assert time.monotonic() - started < 5
    assert any("reuses a block with a YAML alias ('*')" in problem for problem in found)
    assert any(problem.startswith("data/projects.yaml:1: ") and "'x0' is not a section of this file" in problem for problem in found)


# -- encodings and whitespace ------------------------------------------------------------------

def test_a_byte_order_mark_and_windows_line_endings_are_accepted(project_copy: Path):
    path = projects_file(project_copy)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text("utf-8").replace("\n", "\r\n").encode("utf-8"))
    cohort = project_copy / "content/cohorts/2022-23.md"
    cohort.write_bytes(cohort.read_text("utf-8").replace("\n", "\r\n").encode("utf-8"))
    build = run_mkdocs_build(project_copy)
    assert build.returncode == 0, build.output
    assert "Projects funded</dt><dd>12<" in build.html("cohorts/2022-23/").replace("\n", "")


def test_a_tab_is_reported_at_its_line(project_copy: Path):
    edit_record(project_copy, CAMDEN, "    theme: workforce", "\ttheme: workforce")
    line = line_of(project_copy, "\ttheme: workforce")
    assert problems(project_copy)[0].startswith(f"data/projects.yaml:{line}: the file cannot be read: this line is indented with a tab.")


# -- structure -------------------------------------------------------------------------------

def test_duplicate_keys_are_refused_at_every_level(project_copy: Path):
    path = projects_file(project_copy)
    text = path.read_text("utf-8")
    text = text.replace("\nthemes:\n", "\nthemes: []\nthemes:\n", 1)
    path.write_text(text, "utf-8")
    edit_record(project_copy, MENS, "        attribution: Stuart Cox", "        attribution: Someone\n        attribution: Stuart Cox")
    cohort = project_copy / "content/cohorts/2022-23.md"
    cohort.write_text(cohort.read_text("utf-8").replace("applications: 40\n", "applications: 40\napplications: 41\n"), "utf-8")
    found = problems(project_copy)
    assert any("'themes' appears twice" in problem for problem in found), found
    assert any(f"project '{MENS}', quote 1, field 'attribution': 'attribution' appears twice" in problem for problem in found), found
    assert any(problem.startswith("content/cohorts/2022-23.md:") and "'applications' appears twice" in problem for problem in found), found


@pytest.mark.parametrize("content, expected", [
    ("", "data/projects.yaml:1: this file is empty."),
    ("- a\n- b\n", "data/projects.yaml:1: the file should start with the sections themes:, projects:."),
    ("just text\n", "data/projects.yaml:1: the file should start with the sections themes:, projects:."),
    ("themes:\n  - id: access\n    title: A\n    description: B\nprojects: []\n", "data/projects.yaml:5: field 'projects': 'projects:' has no records."),
    ("themes:\n  - id: access\n    title: A\n    description: B\nprojects:\n", "data/projects.yaml:5: field 'projects': 'projects:' should be a list of records"),
])
def test_an_empty_or_misshapen_file_gets_a_clear_message(project_copy: Path, content: str, expected: str):
    projects_file(project_copy).write_text(content, "utf-8")
    for narrative in (project_copy / "content/projects").glob("*.md"):
        narrative.unlink()
    found = problems(project_copy)
    assert any(problem.startswith(expected) for problem in found), found


def test_a_cohort_file_with_broken_front_matter_is_reported_at_its_line(project_copy: Path):
    cohort = project_copy / "content/cohorts/2022-23.md"
    cohort.write_text(cohort.read_text("utf-8").replace("applications: 40", "applications: [40"), "utf-8")
    found = problems(project_copy)
    assert found and found[0].startswith("content/cohorts/2022-23.md:"), found
    assert "the file cannot be read" in found[0]


def test_nothing_is_written_when_the_content_is_refused(project_copy: Path):
    edit_record(project_copy, CAMDEN, "theme: workforce", "theme: nonsense")
    build = run_mkdocs_build(project_copy)
    assert build.returncode == 1
    assert not build.site.exists()
    assert html.escape("'nonsense' is not a theme", quote=False) in build.output
