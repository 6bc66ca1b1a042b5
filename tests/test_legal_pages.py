"""The pages a UK public body must publish (accessibility statement, privacy notice, licence),
linked from every page's footer with the site's publisher (or, until it is confirmed, a plain
statement that it is not, and the programme's contact address), all read from
`extra.programme` in mkdocs.yml. The fixture is a fictional programme with its own identity, so
nothing of the London programme's can hide in the kit.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from browser import axe_script, axe_violations
from page_text import search_or_fail
from showcase.identity import IdentityProblems, Licence, ProgrammeIdentity, load_identity
from showcase.model import Programme
from showcase.wording.as_of import latest_stated_date
from site_builds import REPO, Build, kit_identity, run_mkdocs_build
from site_checks import is_redirect

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# The fictional programme's identity, as tests/fixture/mkdocs.yml sets it.
PUBLISHER = "Fernshire Health and Care Partnership"
CONTACT = "connectors@fernshire.example.org"
LEGAL_ADDRESSES = {"accessibility/": "Accessibility statement", "privacy/": "Privacy notice", "licence/": "Licence"}


def footer_of(page_html: str) -> str:
    match = re.search(r'<footer class="md-footer sc-footer">.*?</footer>', page_html, re.S)
    assert match, "no showcase footer"
    return match.group(0)


def pinned_versions() -> dict[str, str]:
    """The test tools' versions as the repository pins them."""
    requirements = (REPO / "requirements-test.txt").read_text("utf-8")
    versions = {
        name: search_or_fail(rf"^{re.escape(name)}==(\S+)", requirements, re.M).group(1)
        for name in ("playwright", "page-validation")
    }
    versions["axe-core"] = search_or_fail(
        r"^axe-playwright-python==.*axe-core (\d+(?:\.\d+)+)", requirements, re.M
    ).group(1)
    versions["vnu-jar"] = json.loads((REPO / "tools/package.json").read_text("utf-8"))["devDependencies"]["vnu-jar"]
    return versions


# -- the identity --------------------------------------------------------------------------------


def test_the_kit_names_no_programme_organisation_or_address_of_its_own():
    identity = kit_identity()
    named = [identity["name"], identity["launched_by"], identity["contact_email"], identity["region"]]
    found = [
        f"{path.relative_to(REPO)}: {text}"
        for folder in ("hooks", "theme")
        for path in sorted((REPO / folder).rglob("*"))
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".js")
        for text in named
        if text in path.read_text("utf-8")
    ]
    assert found == []


def test_another_programme_shows_none_of_the_kits_identity(fixture_site: Build):
    """The fictional programme, made by changing only data/, content/ and mkdocs.yml: none of
    the kit's programme (its name, who launched it, address, region, status, page) in any page or
    export. (Its PDFs: tests/test_pdf.py.)"""
    kit = kit_identity()
    theirs = [
        " ".join(kit[key].split())
        for key in (
            "name",
            "launched_by",
            "launched_by_source",
            "contact_email",
            "region",
            "status",
            "status_source",
            "programme_page",
        )
    ]
    files = [
        path
        for path in sorted(fixture_site.site.rglob("*"))
        if path.suffix in (".html", ".json", ".csv", ".xml", ".js", ".css", ".txt")
        and "assets/javascripts" not in path.as_posix()
    ]
    assert len(files) > 40
    found = [
        f"{path.relative_to(fixture_site.site)}: {value}"
        for path in files
        for value in theirs
        if value in " ".join(path.read_text("utf-8").split())
    ]
    assert found == []


def test_the_identity_loads_into_a_typed_record():
    licence = {"name": "Open Government Licence v3.0", "url": "https://example.org/ogl"}
    running = {
        "name": "Fernshire Programme",
        "contact_email": "team@fernshire.example.org",
        "region": "Fernshire",
        "licence": licence,
    }
    assert load_identity(running) == ProgrammeIdentity(
        "Fernshire Programme",
        "team@fernshire.example.org",
        "Fernshire",
        Licence("Open Government Licence v3.0", "https://example.org/ogl"),
    )
    ended = running | {
        "status": "This is a  historical record.",
        "status_source": "https://example.org/news",
        "programme_page": "https://example.org/programme",
        "publisher": "Fernshire Partnership",
        "launched_by": "Fernshire Council",
        "launched_by_source": "https://example.org/launch",
    }
    assert load_identity(ended) == ProgrammeIdentity(
        "Fernshire Programme",
        "team@fernshire.example.org",
        "Fernshire",
        Licence("Open Government Licence v3.0", "https://example.org/ogl"),
        "This is a historical record.",
        "https://example.org/programme",
        status_source="https://example.org/news",
        publisher="Fernshire Partnership",
        launched_by="Fernshire Council",
        launched_by_source="https://example.org/launch",
    )
    with pytest.raises(
        IdentityProblems,
        match=r"extra.programme.programme_page is 'example.org/programme'. "
        r"Write the full web address, starting https://.",
    ):
        load_identity(running | {"programme_page": "example.org/programme"})


def test_every_problem_with_the_identity_is_reported_at_once_with_its_fix():
    with pytest.raises(IdentityProblems) as raised:
        load_identity(
            {
                "name": "Fernshire",
                "publsher": "Fernshire Trust",
                "contact_email": "connectors at fernshire",
                "region": "Fernshire",
                "licence": {"name": "OGL", "url": "www.example.org/ogl"},
            }
        )
    assert str(raised.value).splitlines() == [
        "mkdocs.yml: the programme's identity (extra.programme) has 3 problems. Fix it, then build again:",
        "  extra.programme.publsher is not a setting (did you mean 'publisher'?). Use one of: contact_email, "
        "launched_by, launched_by_source, licence, name, programme_page, publisher, region, status, status_source.",
        "  extra.programme.contact_email is 'connectors at fernshire', which is not an e-mail address. "
        "Write one address, e.g. contact_email: team@example.org.",
        "  extra.programme.licence.url is 'www.example.org/ogl'. Write the full web address, starting https://.",
    ]


def test_no_identity_at_all_says_where_it_goes():
    with pytest.raises(
        IdentityProblems,
        match=r"extra.programme is nothing; it must be a mapping with contact_email, "
        r"licence, name, region\. Add it under `extra:`",
    ):
        load_identity(None)


def test_a_build_refuses_a_value_yaml_reads_as_something_else(fixture_copy: Path):
    config = fixture_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(f"contact_email: {CONTACT}", "contact_email: NO"), "utf-8")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 1
    assert (
        "extra.programme.contact_email is False; it must be text: the e-mail address visitors write to. "
        'Write it in quotes if YAML reads it otherwise, e.g. contact_email: "team@example.org".'
    ) in build.output


# -- the pages and the footer --------------------------------------------------------------------


@pytest.mark.parametrize("address", LEGAL_ADDRESSES)
def test_each_legal_page_names_the_site_s_publisher_and_contact(fixture_site: Build, address: str):
    page = fixture_site.html(address)
    assert PUBLISHER in page
    assert f'<a href="mailto:{CONTACT}">{CONTACT}</a>' in page
    assert f"<title>{LEGAL_ADDRESSES[address]} - Fernshire Community Connectors Programme</title>" in page


def test_every_page_s_footer_names_the_owner_links_the_legal_pages_and_names_the_licence(fixture_site: Build):
    pages = [path for path in sorted(fixture_site.site.rglob("*.html")) if not is_redirect(path)]
    assert len(pages) > 30
    for path in pages:
        footer = footer_of(path.read_text("utf-8"))
        where = path.relative_to(fixture_site.site)
        assert f"Published by {PUBLISHER} for the Fernshire Community Connectors Programme." in footer, where
        for address, title in LEGAL_ADDRESSES.items():
            link = re.search(rf'<a href="([^"]*)">{title}</a>', footer)
            assert link, (where, title)
            target = (
                (path.parent / link.group(1)).resolve()
                if not link.group(1).startswith("/")
                else fixture_site.site / link.group(1).lstrip("/")
            )
            assert target == (fixture_site.site / address).resolve(), (where, link.group(1))
        assert (
            '<a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">'
            "Open Government Licence v3.0</a>"
        ) in footer, where
        assert "Made with" not in path.read_text("utf-8"), where


def test_the_accessibility_statement_follows_the_model_statement(fixture_site: Build):
    page = fixture_site.html("accessibility/")
    headings = re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page)
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website’s accessibility",
        "Compliance status",
        "Non-accessible content",
        "How we tested this website",
        "Preparation of this accessibility statement",
    ):
        assert heading in headings
    assert "This website is published by Fernshire Health and Care Partnership." in page
    assert "partially compliant with the" in page and "version 2.2</a> AA standard" in page
    assert "Equality and Human Rights Commission (EHRC)" in page
    assert "Equality Advisory and Support Service (EASS)" in page


def test_the_statement_names_the_test_tools_at_the_versions_the_repository_pins(fixture_site: Build):
    page = fixture_site.html("accessibility/")
    pins = pinned_versions()
    for name, pin in (
        ("axe-core", "axe-core"),
        ("the Nu Html Checker", "vnu-jar"),
        ("Playwright", "playwright"),
        ("page-validation", "page-validation"),
    ):
        assert f"<li>{name} {pins[pin]}, which checks" in page, name


def test_the_axe_core_version_pinned_for_the_statement_is_the_one_the_tests_run():
    assert axe_script().startswith(f"/*! axe v{pinned_versions()['axe-core']}\n")


def test_outside_a_git_repository_the_statement_is_dated_as_every_view_is(
    fixture_site: Build, fixture_programme: Programme
):
    """Without git's history (and no SOURCE_DATE_EPOCH), the one "data as of" date is the latest
    the data states (showcase/wording/as_of.py): the statement says that day, as the footer does."""
    day = latest_stated_date(fixture_programme)
    assert day is not None
    section = fixture_site.html("accessibility/").split('id="preparation"')[1]
    assert f'prepared on <time datetime="{day.isoformat()}">' in section
    assert f'Data as of <time datetime="{day.isoformat()}">' in footer_of(fixture_site.html("accessibility/"))
    assert "It is made again each time the website is built" in section


def test_the_statement_is_dated_from_the_last_commit_that_changed_the_content(fixture_copy: Path):
    def commit(paths: list[str], when: str, message: str) -> None:
        env = {
            **os.environ,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
        }
        subprocess.run(["git", "add", *paths], cwd=fixture_copy, check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", message], cwd=fixture_copy, check=True, env=env)

    subprocess.run(["git", "init", "-q"], cwd=fixture_copy, check=True)
    commit(["data", "content"], "2024-03-05T12:00:00+00:00", "content")
    # A later change to the kit, not the content, leaves the date alone.
    commit(["."], "2024-09-30T12:00:00+00:00", "kit")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    assert (
        'This statement was prepared on <time datetime="2024-03-05">5 March 2024</time>, '
        "the “data as of” date at the foot of every page."
    ) in build.html("accessibility/")


def test_projects_json_names_its_licence(fixture_site: Build):
    document = json.loads((fixture_site.site / "data/projects.json").read_text("utf-8"))
    licence = kit_identity()["licence"]
    assert document["licence"] == {"name": licence["name"], "url": licence["url"]}
    assert f'<a href="{licence["url"]}" rel="license">{licence["name"]}</a>' in fixture_site.html("licence/")


# -- in a browser --------------------------------------------------------------------------------


def test_the_site_stores_nothing_in_the_browser_as_the_privacy_notice_says(
    browser: Browser, site_url: str, fixture_site: Build
):
    assert "This website sets no cookies and stores nothing in your browser" in fixture_site.html("privacy/")
    context = browser.new_context()
    page = context.new_page()
    for address in ("", "cohorts/", "themes/", "projects/young-carers-connect/", "accessibility/"):
        page.goto(site_url + address)
    page.goto(site_url + "projects/")
    page.get_by_label("Gullhaven").check()
    page.get_by_label("Search names, aims, places, organisations and keywords").fill("walks")
    page.go_back()
    page.goto(site_url + "privacy/")
    stored = page.evaluate("""async () => ({
        cookie: document.cookie, local: localStorage.length, session: sessionStorage.length,
        databases: (await indexedDB.databases()).length, caches: (await caches.keys()).length})""")
    assert stored == {"cookie": "", "local": 0, "session": 0, "databases": 0, "caches": 0}
    assert context.cookies() == []
    context.close()


def test_the_legal_pages_and_their_footer_pass_axe_at_320_pixels_without_sideways_scrolling(
    browser: Browser, site_url: str
):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    found = {}
    for address in LEGAL_ADDRESSES:
        page.goto(site_url + address)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, address
        footer = page.locator("footer.sc-footer").bounding_box()
        assert footer and footer["x"] >= 0 and footer["x"] + footer["width"] <= 320, address
        if violations := axe_violations(page):
            found[address] = violations
    context.close()
    assert not found, found


def test_an_editor_s_known_problem_appears_under_non_accessible_content(fixture_copy: Path):
    (fixture_copy / "content/accessibility.md").write_text(
        "- The film of the 2024 showcase event has no captions yet.\n", "utf-8"
    )
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    section = build.html("accessibility/").split('id="non-accessible"')[1].split('id="testing"')[0]
    assert "<li>The film of the 2024 showcase event has no captions yet.</li>" in section
