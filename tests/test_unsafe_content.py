"""Hostile content from someone with commit rights (or a pull request CI builds): no script
runs, no file outside the editors' folders is read, nothing is published that could run code.
Each case is built by the real MkDocs: refused at its line where the site would publish it
otherwise than it reads, shown harmless where it builds (tried in chromium too); the sanitiser
behind the check is also fed the refused attacks directly."""

from __future__ import annotations

import html.parser
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf
import pytest

from content_edits import line_of
from showcase.wording.text import render_markdown
from site_builds import Build, mkdocs_build, run_mkdocs_build, serve

pytestmark = pytest.mark.build  # every test here runs MkDocs

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog

WALKS = "harbour-walks"  # has a summary and a narrative (content/projects/harbour-walks.md)
SUMMARY_END = "      Read the [partnership's report](https://example.org/harbour-walks-report).\n"
# Image and link syntax whose targets would run code, spelt the ways browsers still read them.
SUMMARY_ATTACKS = (
    "![our photo](javascript:alert('image')) ![data](data:text/html,<b>x</b>) "
    "[vb](vbscript:msgbox) [tab](java\tscript:alert('tab')) [entity](&#106;avascript:alert('entity')) "
    "[upper](JAVASCRIPT:alert('upper'))"
)
NARRATIVE_ATTACKS = """
<script>alert('script')</script>

<img src="x" onerror="alert('onerror')">

![pic](javascript:alert('image'))

![tracker](https://tracker.example/pixel.png)
"""
COHORT_ATTACK = "\n<svg onload=\"alert('svg')\"></svg>\n\n<iframe src=\"javascript:alert('iframe')\"></iframe>\n"
# Each attack above is refused at its line (showcase/reading/markdown_markup.py: the site would
# publish it otherwise than it reads); what is left builds, and its handlers must not reach a page.
ATTRIBUTE_ATTACK = "\n[click me](https://example.org/){: onclick=\"alert('attr')\" onmouseover=\"alert('hover')\" }\n"
# Front matter: material prints a page's title and description into <title>, the header and the
# <meta> tags without escaping them.
FRONT_MATTER_ATTACK = "Quotes \" and ' and <script>alert('front matter')</script>"
YAML_ATTACK = '"' + FRONT_MATTER_ATTACK.replace('"', '\\"') + '"'  # as a double-quoted YAML string
ABOUT_PAGE = (
    f"---\ntitle: {YAML_ATTACK}\ndescription: {YAML_ATTACK}\n---\n\nA page of the comms team's own, outside the data.\n"
)


class UnsafeMarkup(html.parser.HTMLParser):
    """Elements and attributes in a page that could run code."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "form", "style", "base", "meta", "link"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            address = "".join((value or "").split()).lower()
            if (
                name.startswith("on")
                or name == "style"
                or (
                    name in ("href", "src", "action", "formaction", "xlink:href")
                    and not address.startswith(("https:", "http:", "mailto:", "#", "/", ".", "?"))
                    and ":" in address
                )
            ):
                self.found.append(f"<{tag} {name}={value!r}>")


def unsafe_markup(fragment: str) -> list[str]:
    parser = UnsafeMarkup()
    parser.feed(fragment)
    return parser.found


def add_refused_attacks(root: Path) -> None:
    """The attacks the check refuses, in a summary, a narrative and a cohort's story."""
    data = root / "data/projects.yaml"
    data.write_text(
        data.read_text("utf-8").replace(SUMMARY_END, SUMMARY_END.rstrip("\n") + " " + SUMMARY_ATTACKS + "\n"), "utf-8"
    )
    with open(root / "content/projects" / f"{WALKS}.md", "a", encoding="utf-8") as narrative:
        narrative.write(NARRATIVE_ATTACKS)
    with open(root / "content/cohorts/2024-25.md", "a", encoding="utf-8") as story:
        story.write(COHORT_ATTACK)


def hostile_site(root: Path) -> Build:
    with open(root / "content/projects" / f"{WALKS}.md", "a", encoding="utf-8") as narrative:
        narrative.write(ATTRIBUTE_ATTACK)
    home = root / "content/index.md"
    home.write_text(home.read_text("utf-8").replace("---\n", f"---\ndescription: {YAML_ATTACK}\n", 1), "utf-8")
    (root / "content/about.md").write_text(ABOUT_PAGE, "utf-8")
    build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    from site_builds import copy_fixture

    return hostile_site(copy_fixture(tmp_path_factory.mktemp("hostile")))


def main_html(build: Build, page: str) -> str:
    text = build.html(page)
    return text[text.index('<article class="md-content__inner') : text.index("</article>")]


def test_no_handler_from_an_attribute_list_reaches_a_page(hostile: Build):
    article = main_html(hostile, f"projects/{WALKS}/")
    assert '<a href="https://example.org/">click me</a>' in article  # the link stays, its handlers go
    assert unsafe_markup(article) == []


def test_markup_the_site_would_publish_otherwise_is_refused_at_its_line_and_no_site_is_written(
    fixture_copy: Path,
):
    add_refused_attacks(fixture_copy)
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 1 and not build.site.exists(), build.output
    summary = line_of((fixture_copy / "data/projects.yaml").read_text("utf-8"), "[upper](JAVASCRIPT:")
    narrative = (fixture_copy / "content/projects" / f"{WALKS}.md").read_text("utf-8")
    cohort = (fixture_copy / "content/cohorts/2024-25.md").read_text("utf-8")
    expected = [
        *(
            f"data/projects.yaml:{summary}: project '{WALKS}', field 'summary': the address '{target}' is not a web page"
            for target in (
                "javascript:alert('image')",
                "data:text/html,<b>x</b>",
                "vbscript:msgbox",
                "&#106;avascript:alert('entity')",
                "JAVASCRIPT:alert('upper')",
            )
        ),
        f"content/projects/{WALKS}.md:{line_of(narrative, '<script>')}: '<script>' is HTML, which the site shows as typed.",
        f"content/projects/{WALKS}.md:{line_of(narrative, '<img')}: '<img src=\"x\" onerror=\"alert('onerror')\">' is HTML",
        f"content/projects/{WALKS}.md:{line_of(narrative, '![pic]')}: the address 'javascript:alert('image')' is not",
        f"content/projects/{WALKS}.md:{line_of(narrative, '![tracker]')}: the picture 'https://tracker.example/pixel.png' "
        "is on another website",
        f"content/cohorts/2024-25.md:{line_of(cohort, '<svg')}: '<svg onload=\"alert('svg')\">' is HTML",
        f"content/cohorts/2024-25.md:{line_of(cohort, '<iframe')}: '<iframe src=\"javascript:alert('iframe')\">' is HTML",
    ]
    assert [line for line in expected if f"  {line}" not in build.output] == [], build.output


class HeadValues(html.parser.HTMLParser):
    """The page's <title> text and its <meta> descriptions and titles, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in = tag
        named = dict(attrs)
        if tag == "meta" and (named.get("name") or named.get("property") or "").endswith(("description", "title")):
            self.values.append(named.get("content") or "")

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.values.append(data)
        elif self._in == "script":
            self.scripts.append(data)


@pytest.mark.parametrize("page", ["", "about/"])
def test_front_matter_reaches_the_head_as_the_text_typed(hostile: Build, page: str):
    """A title or description from a Markdown file's front matter is text in every place it is
    printed, never markup: no attribute is broken out of and no script is made."""
    head = HeadValues()
    head.feed(hostile.html(page))
    assert [value for value in head.values if "front matter" in value] != []
    assert all(FRONT_MATTER_ATTACK in value for value in head.values if "front matter" in value), head.values
    assert not any("alert('front matter')" in script for script in head.scripts)


def test_the_renderer_shows_raw_html_as_typed_and_keeps_unsafe_links_harmless_had_the_check_missed_them():
    """The sanitiser behind the check (showcase/reading/safe_html.py), fed the refused attacks."""
    rendered = render_markdown(SUMMARY_ATTACKS + "\n" + NARRATIVE_ATTACKS + COHORT_ATTACK + ATTRIBUTE_ATTACK)
    assert unsafe_markup(rendered) == []
    assert "&lt;script&gt;alert('script')&lt;/script&gt;" in rendered
    assert "&lt;svg onload=" in rendered
    for text in ("Image: our photo", "Image: data", "vb", "tab", "entity", "upper", "click me"):
        assert f">{text}</" in rendered, text
    assert '<a href="https://tracker.example/pixel.png">Image: tracker</a>' in rendered  # nothing fetches it
    assert 'src="https://tracker.example' not in rendered


def test_the_pdfs_link_only_to_the_web_and_to_email(hostile: Build):
    targets = set()
    for path in (hostile.site / f"downloads/snapshots/{WALKS}.pdf", hostile.site / "downloads/impact-summaries.pdf"):
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                for annotation in page.get("/Annots", []):
                    action = annotation.get("/A")
                    if action is not None and action.get("/S") == "/URI":
                        targets.add(str(action.URI))
    assert targets and all(target.startswith(("https://", "mailto:")) for target in targets), targets


def test_no_script_runs_in_chromium_when_a_reader_clicks_or_hovers_everything(browser: Browser, hostile: Build):
    with serve(hostile.site) as url:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []

        def dismiss(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)
        for address in (f"projects/{WALKS}/", "cohorts/2024-25/"):
            page.goto(url + address, wait_until="networkidle")
            article = page.locator("article")
            for element in article.locator(
                "a, span:not(.sc-visually-hidden, .sc-link-note), img, p"
            ).all():  # what a pointer can reach
                element.hover(timeout=2000)
                if element.evaluate("e => e.tagName") in ("A", "SPAN", "IMG"):
                    element.click(timeout=2000, modifiers=["Control"])  # new tab, if a link: the page stays
            assert page.url == url + address
        assert page.evaluate("1 + 1") == 2  # the page is alive: had a script run, a dialog would be recorded
        context.close()
        assert dialogs == []


@pytest.mark.parametrize(
    "name, complaint",
    [
        ("logo.svg", "SVG pictures can carry scripts"),
        ("page.html", "'.html' files could run code on the site"),
        ("projects/tracker.js", "'.js' files could run code on the site"),
        ("notes.docx", "content/ holds Markdown pages and pictures only"),
    ],
)
def test_a_file_content_must_not_publish_is_refused_by_name(fixture_copy: Path, name: str, complaint: str):
    (fixture_copy / "content" / name).write_text("<svg onload=alert(1)></svg>", "utf-8")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 1 and not build.site.exists(), build.output
    assert f"  content/{name}: {complaint}" in build.output


def test_a_link_to_a_file_outside_is_refused_and_never_read(fixture_copy: Path):
    secret = "showcase-test-secret-7f3a"
    (fixture_copy / "content/projects/measuring-what-matters.md").symlink_to("/proc/self/environ")
    build = mkdocs_build(fixture_copy, env={"SHOWCASE_DEPLOY_TOKEN": secret}, timeout=120)
    output = build.stdout + build.stderr
    assert build.returncode == 1 and not (fixture_copy / "site").exists(), output
    assert (
        "  content/projects/measuring-what-matters.md: this is a link (a symbolic link) to /proc/self/environ, "
        "not a file: the showcase reads and publishes only the ordinary files and folders inside the project, "
        "never what a link points to. Replace the link with the file itself, or delete it."
    ) in output
    assert secret not in output


def test_a_named_pipe_a_device_and_a_linked_folder_are_refused_at_once(fixture_copy: Path):
    os.mkfifo(fixture_copy / "content/projects/zest-peer-mentors.md")  # would hang a reader
    (fixture_copy / "data/zeros.yaml").symlink_to("/dev/zero")  # would eat memory
    (fixture_copy / "content/system").symlink_to("/etc", target_is_directory=True)
    build = run_mkdocs_build(fixture_copy)  # its timeout (300 s) would fail the test on a hang
    assert build.returncode == 1, build.output
    assert (
        "  content/projects/zest-peer-mentors.md: this is a named pipe, not an ordinary file. "
        "Delete it, and save the text as an ordinary file."
    ) in build.output
    assert "  data/zeros.yaml: this is a link (a symbolic link) to /dev/zero, not a file" in build.output
    assert "  content/system: this is a link (a symbolic link) to /etc, not a folder" in build.output
    assert "The showcase content has 3 problems" in build.output


def test_the_projects_file_itself_as_a_link_is_refused(fixture_copy: Path):
    data = fixture_copy / "data/projects.yaml"
    real = fixture_copy / "projects-elsewhere.yaml"
    data.rename(real)
    data.symlink_to(real)
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 1, build.output
    assert f"  data/projects.yaml: this is a link (a symbolic link) to {real}, not a file" in build.output
