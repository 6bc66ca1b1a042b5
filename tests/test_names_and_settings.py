"""Values that reach a page from somewhere other than the data: a file's name, a page's first
heading, mkdocs.yml's settings and the ids an editor gives. Each is shown as the text it is, and
none can take the place of one of the theme's elements (issue 26, classes 1 to 3)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
import pytest

from page_text import search_or_fail
from showcase.reading.safe_html import EDITOR_ID_PREFIX, THEME_ID_BEGINNINGS, clean_html, editor_id
from site_builds import REPO, copy_fixture, mkdocs_build, run_mkdocs_build, serve, showcase_command

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

NARRATIVE = "content/projects/harbour-walks.md"
# A name, heading or setting that would run script if printed raw, in text and in an attribute.
PAYLOAD = '<img src=x onerror=alert(1)>"\' onmouseover=alert(2) x="'
NAMED_FILE = "<img src=x onerror=alert(3)>"  # a file name may hold < > and = but not /
# The beginnings of the scripts written into the pages: material's two (base.html), the
# showcase's two (theme/main.html, the finder's).
INLINE_SCRIPTS = (
    "__md_scope=",
    "var target=document.getElementById(location.hash",
    'document.documentElement.classList.add("sc-js")',
    'if (matchMedia("(min-width: 60em)").matches) document.querySelector("[data-finder-panel]")',
)


# -- ids --------------------------------------------------------------------------------------


def test_an_editors_id_that_the_theme_uses_is_renamed_into_the_editors_namespace():
    assert editor_id("how-we-did-it") == "how-we-did-it"
    assert editor_id("user-content-voices") == "user-content-voices"  # never renamed twice
    for theme_id in ("__config", "__drawer", "main-content", "voices", "finder-results", "project-harbour-walks"):
        assert editor_id(theme_id) == EDITOR_ID_PREFIX + theme_id
    for odd in ("Capitals", "with space", "under_score", "café"):
        assert editor_id(odd) == EDITOR_ID_PREFIX + odd


def _template_ids() -> set[str]:
    """Every id the showcase's templates write: a literal one, or the literal start of one made
    from data (`project-{{ project.slug }}` gives `project-`)."""
    found = set()
    for template in (REPO / "theme").rglob("*.html"):
        for value in re.findall(r'\bid="([^"]*)"', template.read_text("utf-8")):
            literal = value.split("{{")[0]
            if literal:
                found.add(literal)
    return found


def test_every_id_the_templates_write_is_the_themes_and_never_an_editors():
    ids = _template_ids()
    assert "main-content" in ids and "project-" in ids  # the scan finds them
    for value in ids:
        if value.endswith("-"):  # made from data
            assert value in THEME_ID_BEGINNINGS, f"{value}: add it to THEME_ID_BEGINNINGS"
        else:
            assert editor_id(value) != value, f"{value}: add it to THEME_IDS"


def test_the_sanitiser_keeps_only_the_classes_markdown_writes_and_renames_ids():
    html = (
        '<div class="admonition note md-header"><p class="admonition-title sc-card">Note</p></div>'
        '<p class="md-typeset" id="__config">x</p><h2 id="voices">Voices</h2><h2 id="our-walks">Walks</h2>'
    )
    assert clean_html(html) == (
        '<div class="admonition note"><p class="admonition-title">Note</p></div>'
        f'<p id="{EDITOR_ID_PREFIX}__config">x</p><h2 id="{EDITOR_ID_PREFIX}voices">Voices</h2>'
        '<h2 id="our-walks">Walks</h2>'
    )


# -- a whole site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    """The fixture with markup in a file's name, a page's first heading, the settings material
    prints and the nav, and a story whose headings and ids are the theme's own."""
    root = copy_fixture(tmp_path_factory.mktemp("names") / "project")
    (root / "content" / f"{NAMED_FILE}.md").write_text("Some text.\n", "utf-8")
    (root / "content" / "heading.md").write_text(
        "# Walks &lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt; &amp; talks\n\nText.\n", "utf-8"
    )
    story = root / NARRATIVE
    story.write_text(
        story.read_text("utf-8")
        + "\n## Voices\n\nSee [the voices](#voices) and [the settings](#__config).\n\n"
        + "## Settings {: #__config .md-header }\n\nA paragraph.\n{: #main-content .sc-card }\n\n"
        + "## Outcomes\n\n!!! note\n    A note.\n",
        "utf-8",
    )
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    settings = {"site_name": f"Fern {PAYLOAD} & Co", "site_description": f"About {PAYLOAD}", "copyright": PAYLOAD}
    for key, value in settings.items():
        text = re.sub(rf"^{key}:.*\n(  .*\n)*", "", text, flags=re.MULTILINE)
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        text += f'{key}: "{quoted}"\n'
    text += f'nav:\n  - Home: index.md\n  - "Section {PAYLOAD.replace(chr(34), "")}":\n    - projects/index.md\n'
    config.write_text(text, "utf-8")
    build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    return build


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.build
def test_nothing_from_a_name_heading_or_setting_becomes_markup(hostile_site):
    pages = _pages(hostile_site.site)
    assert len(pages) > 30
    for page in pages:
        tree = lxml.html.fromstring(page.read_bytes())
        assert not tree.xpath("//img[@onerror] | //*[@onmouseover]"), page
        for script in tree.xpath("//script"):  # the theme's own: a file, data (JSON), or one of its own
            inline = (script.text or "").startswith(INLINE_SCRIPTS)
            assert script.get("src") or script.get("type") == "application/json" or inline, page
    named = lxml.html.fromstring((hostile_site.site / NAMED_FILE / "index.html").read_bytes())
    assert named.findtext(".//h1") == NAMED_FILE
    assert named.findtext(".//title") == f"{NAMED_FILE} - Fern {PAYLOAD} & Co"
    heading = lxml.html.fromstring(hostile_site.html("heading/").encode())
    assert heading.findtext(".//title").startswith("Walks </title><script>alert(4)</script> & talks - Fern")
    home = lxml.html.fromstring(hostile_site.html("").encode())
    assert home.xpath("//meta[@name='description']/@content") == [f"About {PAYLOAD}"]
    assert f"Fern {PAYLOAD} & Co" in home.xpath("//a[contains(@class, 'md-logo')]/@aria-label")
    assert any("Section" in text for text in home.xpath("//nav//text()"))


@pytest.mark.build
def test_an_editors_ids_never_equal_the_themes_and_their_links_follow(hostile_site):
    for page in _pages(hostile_site.site):
        ids = lxml.html.fromstring(page.read_bytes()).xpath("//@id")
        assert [name for name, count in Counter(ids).items() if count > 1] == [], page
    tree = lxml.html.fromstring(hostile_site.html("projects/harbour-walks/").encode())
    assert tree.get_element_by_id("__config").tag == "script"
    assert tree.get_element_by_id("main-content").tag == "article"
    assert tree.get_element_by_id(f"{EDITOR_ID_PREFIX}voices").text_content() == "Voices"
    links = tree.xpath("//article//a[text()='the voices' or text()='the settings']/@href")
    assert links == [f"#{EDITOR_ID_PREFIX}voices", f"#{EDITOR_ID_PREFIX}__config"]
    story_classes = tree.xpath("//*[@id='user-content-__config' or @id='user-content-main-content']/@class")
    assert story_classes == []
    assert tree.xpath("//div[@class='admonition note']/p[@class='admonition-title']/text()") == ["Note"]


@pytest.mark.build
@pytest.mark.browser
def test_in_a_browser_no_hostile_page_runs_script_and_the_theme_reads_its_own_configuration(hostile_site, browser):
    from browser import page_without_errors

    dialogs: list[str] = []

    def opened(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    with serve(hostile_site.site) as url:
        for address in (f"{url}/projects/harbour-walks/", f"{url}/heading/", f"{url}/", f"{url}/projects/"):
            with page_without_errors(browser, 1280, 900) as page:
                page.on("dialog", opened)
                page.goto(address)
                for element in page.locator("img, [onmouseover]").all()[:20]:
                    element.hover(timeout=2000, force=True)
                assert dialogs == [], address
                # material's script found its configuration, not the editor's heading of that id
                assert page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).base")


# Each at the line of the fixture's mkdocs.yml where the setting is written (tests/fixture/mkdocs.yml).
NAV_PROBLEM = (
    "mkdocs.yml:{line}: nav: 'Evil' links to 'javascript:alert(1)', which could run code or fetch from another site. "
    "Link to a page of the site, or write a web address in full, starting https://."
)
REPOSITORY_PROBLEM = (
    "mkdocs.yml:{line}: extra.edit_repository is 'javascript:alert(2)//', not a web address. "
    "Write the address in full, starting https://."
)
SITE_ADDRESS_PROBLEM = (
    "mkdocs.yml:{line}: site_url is 'https://x.example/\"><script>alert(3)</script>/', which is not a plain web address"
)
IDENTITY_PROBLEM = "mkdocs.yml:{line}: extra.programme.contact_email is 'no address connectors@"


def line_of(text: str, start: str) -> int:
    """The number of the line of `text` that starts with `start`."""
    (number,) = [number for number, line in enumerate(text.split("\n"), 1) if line.startswith(start)]
    return number


@pytest.mark.build
def test_a_setting_the_build_refuses_the_check_refuses_with_the_same_words(tmp_path: Path):
    root = copy_fixture(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8") + 'nav:\n  - Home: index.md\n  - Evil: "javascript:alert(1)"\n', "utf-8"
    )
    nav = line_of(config.read_text("utf-8"), "  - Evil:")
    for result in (mkdocs_build(root), showcase_command(root, "check")):
        assert result.returncode == 1
        assert NAV_PROBLEM.format(line=nav) in result.stderr
    config.write_text(config.read_text("utf-8").replace('"javascript:alert(1)"', "https://example.org/"), "utf-8")
    environment = {"SHOWCASE_REPOSITORY": "javascript:alert(2)//", "SHOWCASE_PDF": "0"}
    for result in (mkdocs_build(root, env=environment), showcase_command(root, "check", env=environment)):
        assert result.returncode == 1
        assert REPOSITORY_PROBLEM.format(line=line_of(config.read_text("utf-8"), "  edit_repository:")) in result.stderr
    environment = {"SHOWCASE_SITE_URL": 'https://x.example/"><script>alert(3)</script>/', "SHOWCASE_PDF": "0"}
    for result in (mkdocs_build(root, env=environment), showcase_command(root, "check", env=environment)):
        assert result.returncode == 1
        assert SITE_ADDRESS_PROBLEM.format(line=line_of(config.read_text("utf-8"), "site_url:")) in result.stderr
    settings = config.read_text("utf-8")
    repository = search_or_fail(r"^  edit_repository: .*\n", settings, re.M).group(0)
    config.write_text(settings.replace(repository, "  edit_repository: [a, b]\n"), "utf-8")
    for result in (mkdocs_build(root, env={"SHOWCASE_PDF": "0"}), showcase_command(root, "check")):
        assert result.returncode == 1
        line = line_of(config.read_text("utf-8"), "  edit_repository:")
        assert f"mkdocs.yml:{line}: extra.edit_repository is a list, not a web address." in result.stderr
    config.write_text(settings, "utf-8")
    config.write_text(config.read_text("utf-8").replace("contact_email: ", "contact_email: no address "), "utf-8")
    for result in (mkdocs_build(root, env={"SHOWCASE_PDF": "0"}), showcase_command(root, "check")):
        assert result.returncode == 1
        assert IDENTITY_PROBLEM.format(line=line_of(config.read_text("utf-8"), "    contact_email:")) in result.stderr
    assert not (root / "site").exists()


# Settings with which material would make every reader's browser ask another website for
# something: each refused at its line, in the same words by the build and the check.
ASKING_SETTINGS = (
    "repo_url: https://github.com/example/showcase\n"
    "plugins: [search]\n"
    "extra_javascript: [https://tracker.example/count.js, assets/local.js]\n"
    "extra_css: [//fonts.example/x.css]\n"
)


@pytest.mark.build
def test_a_setting_that_would_make_pages_ask_another_website_is_refused_by_build_and_check(tmp_path: Path):
    root = copy_fixture(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "extra:\n", ASKING_SETTINGS + "extra:\n  analytics: {provider: google}\n", 1
    )
    text = text.replace("site_description:", "theme:\n  font: {text: Roboto}\nsite_description:", 1)
    config.write_text(text, "utf-8")
    asks = "which would make every page ask another website for"
    expected = [
        f"mkdocs.yml:{line_of(text, 'repo_url:')}: repo_url is set, {asks} the repository's stars and forks.",
        f"mkdocs.yml:{line_of(text, 'plugins:')}: plugins lists 'search': the kit runs no MkDocs plugin",
        f"mkdocs.yml:{line_of(text, 'extra_javascript:')}: extra_javascript names 'https://tracker.example/count.js', "
        f"{asks} a script.",
        f"mkdocs.yml:{line_of(text, 'extra_css:')}: extra_css names '//fonts.example/x.css', {asks} a style sheet.",
        f"mkdocs.yml:{line_of(text, '  analytics:')}: extra.analytics is set, {asks} a script that counts visits",
        f"mkdocs.yml:{line_of(text, '  font:')}: theme.font is set, {asks} its fonts (Google Fonts).",
    ]
    for result in (mkdocs_build(root, env={"SHOWCASE_PDF": "0"}), showcase_command(root, "check")):
        assert result.returncode == 1
        assert [line for line in expected if f"  {line}" not in result.stderr] == [], result.stderr
        assert "assets/local.js" not in result.stderr  # a file of the site's own is no other website
        assert "The showcase content has 6 problems" in result.stderr
    assert not (root / "site").exists()


@pytest.mark.build
@pytest.mark.parametrize(
    "site_dir, why", [("data", "which holds files no build of the site made"), (".", "the project's own folder")]
)
def test_a_site_folder_the_build_would_delete_the_project_s_own_files_with_is_refused(
    tmp_path: Path, site_dir: str, why: str
):
    root = copy_fixture(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("extra:\n", f"site_dir: {site_dir}\nextra:\n", 1)
    config.write_text(text, "utf-8")
    before = sorted(path.relative_to(root) for path in root.rglob("*"))
    build = mkdocs_build(root, env={"SHOWCASE_PDF": "0"}, site_dir=root / site_dir)  # as mkdocs.yml says
    check = showcase_command(root, "check")
    # MkDocs refuses a site folder holding the docs_dir itself, in its own words.
    for result in (build, check) if site_dir != "." else (check,):
        assert f"  mkdocs.yml:{line_of(text, 'site_dir:')}: site_dir is '{site_dir}', {why}" in result.stderr
    assert build.returncode == check.returncode == 1, build.stderr
    assert sorted(path.relative_to(root) for path in root.rglob("*")) == before  # nothing deleted, nothing written
