"""Hostile and broken input, on a copy of the fictional programme under tests/fixture/: each gets
a clear error naming file, line, record and field, or a correct build in which nothing is lost
and nothing from the data runs.

Where only the loader's messages matter, the tests call `load_programme` directly; they run
MkDocs only to look at the pages or at what a refused build leaves behind.
"""

from __future__ import annotations

import html
import time
from pathlib import Path

import pytest

from content_edits import PROJECTS, edit, edit_record, line_exactly, line_of, loader_problems
from showcase.model import Programme
from site_builds import NAMES, run_mkdocs_build

NARRATED = "harbour-walks"  # has a narrative and quotes
PLAIN = "link-worker-retention-pilot"  # no narrative, no summary; theme workforce
COHORT = "content/cohorts/2023-24.md"  # the fixture's cohort with every fact
PAYLOAD = "<script>alert(1)</script> {{ 7*7 }} {% if true %}jinja{% endif %} <img src=x onerror=alert(2)> [link](javascript:alert(3))"
# A summary is Markdown: its HTML and unsafe links are refused at their line (test_unsafe_content.py).
TEMPLATE_CODE = "{{ 7*7 }} {% if true %}jinja{% endif %}"


# -- injection -------------------------------------------------------------------------------


@pytest.mark.build
def test_markup_and_template_code_in_every_text_field_is_shown_as_text(fixture_copy: Path):
    quoted = PAYLOAD.replace('"', '\\"')
    record = f"""
  - slug: hostile
    name: "Name {quoted}"
    cohort: 2023-24
    theme: impact
    aim: "Aim {quoted}"
    {NAMES.areas}: [Dunmere]
    organisation: "Organisation {quoted}"
    partners: ["Partner {quoted}"]
    pcn: "PCN {quoted}"
    summary: "Summary {TEMPLATE_CODE}"
    outcomes: ["Outcome {quoted}"]
    quotes:
      - text: "Quote {quoted}"
        attribution: "Attribution {quoted}"
        source: https://example.org/quote
    links:
      - title: "Link {quoted}"
        url: https://example.org/
    tags: ["Tag {quoted}"]
"""
    (fixture_copy / PROJECTS).write_text((fixture_copy / PROJECTS).read_text("utf-8") + record, "utf-8")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    for page in (
        "projects/hostile/",
        "projects/",
        f"{NAMES.areas}/dunmere/",
        f"{NAMES.groups}/sf/",
        "themes/impact/",
        "cohorts/2023-24/",
    ):
        text = build.html(page)
        assert "<script>alert(1)" not in text and "onerror=alert(2)>" not in text, page
        assert 'href="javascript:' not in text, page
        assert (
            ">49<" not in text
            and " 49 " not in text
            and "jinja{" not in text.replace("{% if true %}jinja{% endif %}", "")
        ), page
    page = build.html("projects/hostile/")
    for field in ("Name", "Aim", "Organisation", "Partner", "PCN", "Outcome", "Quote", "Attribution", "Link", "Tag"):
        assert (
            f"{field} &lt;script&gt;alert(1)&lt;/script&gt; {{{{ 7*7 }}}} {{% if true %}}jinja{{% endif %}}" in page
        ), field
    assert f"Summary {TEMPLATE_CODE}" in page
    # the finder's search fields are attributes: escaped there too
    finder = build.html("projects/")
    for field, value in (("name", "Name"), ("aim", "Aim"), ("partners", "Partner"), ("keywords", "Tag")):
        assert f'data-search-{field}="{value} &lt;script&gt;alert(1)&lt;/script&gt;' in finder, field
    assert f'data-search-summary="Summary {TEMPLATE_CODE}' in finder
    assert "<title>Name &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_remote_image_in_a_summary_is_refused_at_its_line_as_no_page_may_fetch_it(fixture_copy: Path):
    text = edit_record(
        fixture_copy,
        PLAIN,
        "    tags: [supervision]",
        "    summary: See ![the team](https://tracker.example/pixel.png) at work.\n    tags: [supervision]",
    )
    line = line_of(text, "![the team]")
    assert loader_problems(fixture_copy) == [
        f"data/projects.yaml:{line}: project '{PLAIN}', field 'summary': the picture "
        "'https://tracker.example/pixel.png' is on another website, and the site loads nothing from another "
        "website (it would learn who reads the page): it would be published as a link instead. Make it a link "
        "by deleting the '!' before '[', or put the picture in the project's story, content/projects/<slug>.md."
    ]


# -- slugs -----------------------------------------------------------------------------------


# A path out of the site, an absolute path, a backslash, capitals, a Cyrillic 'а' that looks
# Latin, names Windows or the site reserve, a double hyphen and a leading hyphen.
@pytest.mark.parametrize(
    "slug", ["../escape", "/etc/passwd", "a\\\\b", "Harbour-Walks", "hаrbour-walks", "con", "index", "a--b", "-a"]
)
def test_a_slug_that_is_not_a_safe_page_address_is_refused(fixture_copy: Path, slug: str):
    text = edit_record(fixture_copy, PLAIN, f"slug: {PLAIN}", f'slug: "{slug}"')
    line = line_exactly(text, f'  - slug: "{slug}"')
    found = loader_problems(fixture_copy)
    assert len(found) == 1, found
    value = slug.replace("\\\\", "\\")
    assert found[0].startswith(f"data/projects.yaml:{line}: project '{value}', field 'slug': '{value}' ")
    assert "is not a valid slug" in found[0] or "is reserved" in found[0]


# -- size ------------------------------------------------------------------------------------


@pytest.mark.build
def test_a_one_megabyte_aim_builds_and_is_shown_whole(fixture_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SHOWCASE_PDF", "0")  # the pages are under test here; a 500-page PDF is not
    aim = ("To reach everyone. " * 55_000)[:1_000_000].strip()
    edit_record(
        fixture_copy,
        PLAIN,
        "    aim: To keep link workers in post for longer by giving each one a monthly reflective supervision session.\n",
        f"    aim: {aim}\n",
    )
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    assert aim in build.html(f"projects/{PLAIN}/")


@pytest.mark.build
def test_two_thousand_projects_build_in_bounded_time_and_all_reach_the_finder(
    fixture_copy: Path,
    fixture_programme: Programme,
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("SHOWCASE_PDF", "0")
    records = "".join(
        f"\n  - slug: project-{n}\n    name: Project {n}\n    cohort: 2023-24\n    theme: access\n"
        f"    aim: To test project {n}.\n    {NAMES.areas}: [Dunmere]\n"
        for n in range(2000)
    )
    (fixture_copy / PROJECTS).write_text((fixture_copy / PROJECTS).read_text("utf-8") + records, "utf-8")
    started = time.monotonic()
    build = run_mkdocs_build(fixture_copy)
    seconds = time.monotonic() - started
    assert build.returncode == 0, build.output
    assert seconds < 240, f"{seconds:.0f} s"
    finder = build.html("projects/")
    assert finder.count('class="sc-card"') == 2000 + len(fixture_programme.projects)
    assert "Project 1999" in finder and (build.site / "projects/project-1999/index.html").is_file()


def test_a_yaml_alias_bomb_is_refused_quickly(fixture_copy: Path):
    bomb = "".join(
        f"x{n}: &x{n} [{', '.join([f'*x{n - 1}'] * 9) if n else '1, 2, 3, 4, 5, 6, 7, 8, 9'}]\n" for n in range(12)
    )
    (fixture_copy / PROJECTS).write_text(bomb + (fixture_copy / PROJECTS).read_text("utf-8"), "utf-8")
    started = time.monotonic()
    found = loader_problems(fixture_copy)
    assert time.monotonic() - started < 5
    assert any("reuses a block with a YAML alias ('*')" in problem for problem in found)
    assert any(
        problem.startswith("data/projects.yaml:1: ") and "'x0' is not a section of this file" in problem
        for problem in found
    )


# -- encodings and whitespace ------------------------------------------------------------------


@pytest.mark.build
def test_a_byte_order_mark_and_windows_line_endings_are_accepted(
    fixture_copy: Path,
    fixture_programme: Programme,
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("SHOWCASE_PDF", "0")  # the PDFs are made from the model, not the files
    path = fixture_copy / PROJECTS
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text("utf-8").replace("\n", "\r\n").encode("utf-8"))
    cohort = fixture_copy / COHORT
    cohort.write_bytes(cohort.read_text("utf-8").replace("\n", "\r\n").encode("utf-8"))
    funded = sum(project.cohort.id == "2023-24" for project in fixture_programme.projects)
    assert loader_problems(fixture_copy) == []
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    assert f'Projects</dt><dd><span class="sc-stats__value">{funded}<' in build.html("cohorts/2023-24/").replace(
        "\n", ""
    )


def test_a_tab_is_reported_at_its_line(fixture_copy: Path):
    text = edit_record(fixture_copy, PLAIN, "    theme: workforce", "\ttheme: workforce")
    line = line_exactly(text, "\ttheme: workforce")
    assert loader_problems(fixture_copy)[0].startswith(
        f"data/projects.yaml:{line}: the file cannot be read: this line is indented with a tab."
    )


# -- structure -------------------------------------------------------------------------------


def test_duplicate_keys_are_refused_at_every_level(fixture_copy: Path):
    edit(fixture_copy, "\nthemes:\n", "\nthemes: []\nthemes:\n")
    edit_record(
        fixture_copy,
        NARRATED,
        "        attribution: A walker, aged 71",
        "        attribution: Someone\n        attribution: A walker, aged 71",
    )
    edit(fixture_copy, "\napplications: 18\n", "\napplications: 18\napplications: 19\n", COHORT)
    found = loader_problems(fixture_copy)
    assert any("'themes' appears twice" in problem for problem in found), found
    assert any(
        f"project '{NARRATED}', quote 1, field 'attribution': 'attribution' appears twice" in problem
        for problem in found
    ), found
    assert any(problem.startswith(f"{COHORT}:") and "'applications' appears twice" in problem for problem in found), (
        found
    )


@pytest.mark.parametrize(
    "content, expected",
    [
        ("", "data/projects.yaml:1: this file is empty."),
        (
            "- a\n- b\n",
            "data/projects.yaml:1: the file should start with the sections themes:, projects:, removed_projects:.",
        ),
        (
            "just text\n",
            "data/projects.yaml:1: the file should start with the sections themes:, projects:, removed_projects:.",
        ),
        (
            "themes:\n  - id: access\n    title: A\n    description: B\nprojects: []\n",
            "data/projects.yaml:5: field 'projects': 'projects:' has no records.",
        ),
        (
            "themes:\n  - id: access\n    title: A\n    description: B\nprojects:\n",
            "data/projects.yaml:5: field 'projects': 'projects:' should be a list of records",
        ),
    ],
)
def test_an_empty_or_misshapen_file_gets_a_clear_message(fixture_copy: Path, content: str, expected: str):
    (fixture_copy / PROJECTS).write_text(content, "utf-8")
    for narrative in (fixture_copy / "content/projects").glob("*.md"):
        narrative.unlink()
    found = loader_problems(fixture_copy)
    assert any(problem.startswith(expected) for problem in found), found


def test_a_cohort_file_with_broken_front_matter_is_reported_at_its_line(fixture_copy: Path):
    edit(fixture_copy, "applications: 18", "applications: [18", COHORT)
    found = loader_problems(fixture_copy)
    assert found and found[0].startswith(f"{COHORT}:"), found
    assert "the file cannot be read" in found[0]


@pytest.mark.build
def test_nothing_is_written_when_the_content_is_refused(fixture_copy: Path):
    edit_record(fixture_copy, PLAIN, "theme: workforce", "theme: nonsense")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 1
    assert not build.site.exists()
    assert html.escape("'nonsense' is not a theme", quote=False) in build.output
