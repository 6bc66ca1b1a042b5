"""The pages a UK public body must publish (accessibility statement, privacy notice, licence),
linked from every page's footer with the site's publisher (or, until it is confirmed, a plain
statement that it is not, and the programme's contact address), all read from
`extra.programme` in mkdocs.yml. The fixture is a fictional programme with its own identity, so
nothing of the London programme's can hide in the kit.

The statement has every section of GOV.UK's sample statement, one compliance status that its
non-accessible content bears out, and days the team sets (never the build's); the privacy notice
has what UK GDPR Article 13 asks. What the team has not confirmed, each page says is not
confirmed, and scripts/check notes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from browser import axe_script, axe_violations
from content_edits import edit, line_of
from page_text import search_or_fail, text_of
from showcase.identity import PUBLISHER_NOT_SET, IdentityProblems, Licence, ProgrammeIdentity, load_identity
from showcase.model import Programme
from showcase.wording.legal import (
    KNOWN_ISSUES,
    LICENCE_NOT_STATED,
    OUT_OF_SCOPE,
    RIGHTS,
    TO_CONFIRM,
    LegalFacts,
    unconfirmed_notes,
)
from site_builds import (
    FIXTURE,
    MINIMAL_IDENTITY,
    REPO,
    Build,
    mkdocs_build,
    programme_identity,
    real_identity_values,
    run_mkdocs_build,
    showcase_command,
)
from site_checks import is_redirect

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# The fictional programme's identity, as tests/fixture/mkdocs.yml sets it.
PUBLISHER = "Fernshire Health and Care Partnership"
CONTACT = "connectors@fernshire.example.org"
LEGAL_ADDRESSES = {"accessibility/": "Accessibility statement", "privacy/": "Privacy notice", "licence/": "Licence"}
# What else tests/fixture/mkdocs.yml confirms for its legal pages.
CONFIRMED = {
    "host": "Fernshire Web Services Ltd",
    "response_time": "10 working days",
    "data_protection_officer": "dpo@fernshire.example.org",
    "lawful_basis": "public task (UK GDPR Article 6(1)(e))",
    "email_retention": "two years after the last reply",
    "statement_prepared": "2024-09-16",
    "statement_reviewed": "2025-03-03",
}
# GOV.UK's sample accessibility statement for a public sector website: its sections, in order, by
# heading level. (Without a publisher, the two headings that say "we" or "us" are reworded.)
MODEL_SECTIONS = [
    (2, "How accessible this website is"),
    (2, "Feedback and contact information"),
    (2, "Reporting accessibility problems with this website"),
    (2, "Enforcement procedure"),
    (2, "Contacting us by phone or visiting us in person"),
    (2, "Technical information about this website’s accessibility"),
    (3, "Compliance status"),
    (2, "Non-accessible content"),
    (3, "Non-compliance with the accessibility regulations"),
    (3, "Disproportionate burden"),
    (3, "Content that’s not within the scope of the accessibility regulations"),
    (2, "What we’re doing to improve accessibility"),
    (2, "Preparation of this accessibility statement"),
]
NO_PDFS = {"SHOWCASE_PDF": "0"}


def footer_of(page_html: str) -> str:
    match = re.search(r'<footer class="md-footer sc-footer">.*?</footer>', page_html, re.S)
    assert match, "no showcase footer"
    return match.group(0)


def main_text(page_html: str) -> str:
    """The page's own content: from its title to the footer, or to the list of addresses printed
    at its foot (showcase.web.printed_links), shown on paper only."""
    end = page_html.find('<section class="sc-printed-links"')
    return page_html[page_html.index("<h1") : end if end >= 0 else page_html.index("<footer")]


def section(page_html: str, heading_id: str) -> str:
    """The HTML from the heading with `heading_id` to the next heading."""
    after = page_html.split(f'id="{heading_id}"', 1)[1]
    return re.split(r"<h[1-3][ >]", after, maxsplit=1)[0]


def empty_the_settings(root: Path, keys: list[str]) -> None:
    """The fixture's mkdocs.yml with each of `keys` under extra.programme set to nothing."""
    for key in keys:
        line = search_or_fail(rf"^    {key}: .*\n", (root / "mkdocs.yml").read_text("utf-8"), re.M).group(0)
        edit(root, line, f'    {key}: ""\n', file="mkdocs.yml")


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
    named = real_identity_values("name", "launched_by", "contact_email", "region")
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
    theirs = real_identity_values(
        "name",
        "launched_by",
        "launched_by_source",
        "contact_email",
        "region",
        "status",
        "status_source",
        "programme_page",
    )
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
        "data_protection_officer, email_retention, host, launched_by, launched_by_source, lawful_basis, licence, name, "
        "programme_page, publisher, region, response_time, statement_prepared, statement_reviewed, status, "
        "status_source.",
        "  extra.programme.contact_email is 'connectors at fernshire', which is not an e-mail address. "
        "Write one address, e.g. contact_email: team@example.org.",
        "  extra.programme.licence.url is 'www.example.org/ogl'. Write the full web address, starting https://.",
    ]


def test_the_statement_s_days_are_days_as_yaml_reads_them_or_in_quotes():
    running = MINIMAL_IDENTITY
    identity = load_identity(running | {"statement_prepared": dt.date(2024, 9, 16), "statement_reviewed": "2025-03-03"})
    assert (identity.statement_prepared, identity.statement_reviewed) == ("2024-09-16", "2025-03-03")
    with pytest.raises(IdentityProblems) as raised:
        load_identity(running | {"statement_prepared": "16 September 2024", "statement_reviewed": "20250303"})
    assert str(raised.value).splitlines()[1:] == [
        "  extra.programme.statement_prepared is '16 September 2024', which is not a day. Write it as "
        "year-month-day, e.g. statement_prepared: 2025-09-01.",
        "  extra.programme.statement_reviewed is '20250303', which is not a day. Write it as year-month-day, "
        "e.g. statement_reviewed: 2026-03-01.",
    ]


def test_no_identity_at_all_says_where_it_goes():
    with pytest.raises(
        IdentityProblems,
        match=r"extra.programme is nothing; it must be a mapping with contact_email, "
        r"licence, name, region\. Add it under `extra:`",
    ):
        load_identity(None)


@pytest.mark.build
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


def test_the_accessibility_statement_has_every_section_of_the_model_statement_in_order(fixture_site: Build):
    page = main_text(fixture_site.html("accessibility/"))
    headings = [(int(level), text) for level, text in re.findall(r"<h([23])[^>]*>(.*?)</h\1>", page)]
    assert headings == MODEL_SECTIONS
    assert "This accessibility statement applies to the Fernshire Community Connectors Programme website" in page
    assert "This website is published by Fernshire Health and Care Partnership." in page
    assert "Equality and Human Rights Commission (EHRC)" in page
    assert "Equality Advisory and Support Service (EASS)" in page
    assert "We’ll consider your request and get back to you in 10 working days." in section(page, "feedback")


def test_the_compliance_status_is_the_one_its_non_accessible_content_bears_out(fixture_site: Build):
    page = fixture_site.html("accessibility/")
    failures = [issue for issue in KNOWN_ISSUES if issue.fails]
    assert failures, "the kit knows of no failure: its statement would claim full compliance"
    # Without the number a link carries on paper (showcase.web.printed_links).
    compliance = re.sub(r'<span class="sc-link-note">\[\d+\]</span>', "", section(page, "compliance"))
    assert (
        "This website is partially compliant with the "
        '<a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version 2.2</a> AA standard, '
        "due to the non-compliances listed below."
    ) in compliance
    listed = re.findall(r"<li>(.*?)</li>", section(page, "non-compliance"))
    assert listed == [issue.failure for issue in failures]
    assert listed[0].startswith(
        "In the PDFs, a quote in a right-to-left script, such as Arabic, is stored in the order"
    )
    assert listed[0].endswith("This fails WCAG 2.2 success criterion 1.3.2 Meaningful Sequence (level A).")
    # Every known problem of its content is in the summary at the top, the failures with the
    # limitations (the fixture has no quote in a script like Bengali's).
    summary = re.findall(r"<li>(.*?)</li>", section(page, "how-accessible"))
    assert summary == [issue.what for issue in KNOWN_ISSUES if "Bengali" not in issue.what]
    assert "None: this statement claims no disproportionate burden." in section(page, "disproportionate-burden")
    assert OUT_OF_SCOPE in section(page, "out-of-scope")
    for contradiction in ("fully compliant", "not found a failure", "No failure has been found", "None known"):
        assert contradiction not in page
    # With no failure left, the status still claims no full compliance: no one has audited the site.
    identity = load_identity(MINIMAL_IDENTITY)
    fixed = LegalFacts(identity, (), tuple(issue for issue in KNOWN_ISSUES if not issue.fails))
    assert (fixed.compliance, fixed.compliance_reason, fixed.non_compliances) == (
        "not confirmed to be compliant",
        ": no non-compliance is known, but no accessibility specialist has audited it yet",
        (),
    )
    assert LegalFacts(identity, ()).compliance == "partially compliant"


def test_the_statement_tells_the_truth_about_the_finder_without_javascript(fixture_site: Build):
    page = text_of(fixture_site.html("accessibility/"))
    assert "whether JavaScript is on or off" not in page
    assert (
        "without JavaScript, the project finder lists every project but you cannot filter or search them; "
        "instead, it links to the pages that list the projects of each theme, place and cohort"
    ) in page
    # What the tests check, and no more (tests/test_finder.py walks the finder without JavaScript).
    assert "a keyboard walk forward and back through every kind of page" in page
    assert "on a site the same templates build from a fictional programme" in page
    assert "No accessibility specialist has audited it yet" in page


def test_the_statement_is_dated_by_the_team_s_settings_and_two_builds_give_the_same_bytes(
    fixture_site: Build, fixture_copy: Path
):
    page = fixture_site.html("accessibility/")
    assert (
        'This statement was prepared on <time datetime="2024-09-16">16 September 2024</time>. '
        'It was last reviewed on <time datetime="2025-03-03">3 March 2025</time>.'
    ) in section(page, "preparation")
    assert "This website was last tested before this version of it was published" in section(page, "preparation")
    # Another build, days later for the content (its "data as of" day is SOURCE_DATE_EPOCH's):
    # the statement is the same, byte for byte; the footer's date alone moves.
    later = mkdocs_build(fixture_copy, env=NO_PDFS | {"SOURCE_DATE_EPOCH": "1900000000"})
    assert later.returncode == 0, later.stderr
    again = (fixture_copy / "site/accessibility/index.html").read_text("utf-8")
    assert main_text(again) == main_text(page)
    assert footer_of(again) != footer_of(page)
    # And a build of the same content gives the same bytes.
    same = mkdocs_build(fixture_copy, env=NO_PDFS | {"SOURCE_DATE_EPOCH": "1900000000"}, site_dir=fixture_copy / "same")
    assert same.returncode == 0, same.stderr
    assert (fixture_copy / "same/accessibility/index.html").read_bytes() == again.encode("utf-8")


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


# -- the privacy notice ---------------------------------------------------------------------------


def test_the_privacy_notice_names_every_item_article_13_asks_for(fixture_site: Build):
    page = main_text(fixture_site.html("privacy/"))
    mailto = f'<a href="mailto:{CONTACT}">{CONTACT}</a>'
    # (1)(a) the controller and how to contact it; (1)(b) the data protection officer.
    assert (
        f"{PUBLISHER} is the data controller for information about you that this website receives: it decides "
        f"how that information is used. To contact it, email {mailto}."
    ) in section(page, "controller")
    assert "To contact the data protection officer: dpo@fernshire.example.org." in section(page, "controller")
    # (1)(c) the purpose and its lawful basis; (2)(a) how long e-mails are kept; (2)(e) writing is a choice.
    email = section(page, "email")
    assert f"{PUBLISHER} receives your email address and your message, and uses them to reply to you." in email
    assert (
        "The lawful basis for using your email address and message to reply to you is public task "
        "(UK GDPR Article 6(1)(e))."
    ) in email
    assert "E-mails are kept for two years after the last reply." in email
    assert "Writing is your choice" in email
    # (2)(b) and (c) the rights, and withdrawing consent; (2)(d) complaining to the ICO.
    assert re.findall(r"<li>(.*?)</li>", section(page, "rights")) == list(RIGHTS)
    assert f"To use any of these rights, or to ask a question about this notice, email {mailto}." in page
    complaints = section(page, "complaints")
    assert "Information Commissioner’s Office (ICO)" in complaints
    assert '<a href="https://ico.org.uk/make-a-complaint/">' in complaints
    # Its telephone number and address: no stored source states them, so the notice gives neither.
    assert not re.search(r"\d{4} \d{3} \d{4}|telephone", complaints)
    # Who hosts the site, and so sees each request (the fixture's fictional host).
    assert "This website is hosted by Fernshire Web Services Ltd." in section(page, "logs")


# -- what the team has not confirmed ----------------------------------------------------------------


@pytest.mark.build
def test_each_setting_the_team_has_not_confirmed_is_said_to_be_unconfirmed_and_noted_by_the_check(
    fixture_copy: Path,
):
    empty_the_settings(fixture_copy, list(CONFIRMED))
    build = mkdocs_build(fixture_copy, env=NO_PDFS)
    assert build.returncode == 0, build.stderr
    statement = main_text((fixture_copy / "site/accessibility/index.html").read_text("utf-8"))
    privacy = main_text((fixture_copy / "site/privacy/index.html").read_text("utf-8"))
    assert "We’ll consider your request and get back to you. How soon an answer comes is not confirmed yet." in section(
        statement, "feedback"
    )
    assert (
        "<p>The day this statement was prepared is not confirmed yet. The day it was last reviewed is not "
        "confirmed yet.</p>"
    ) in section(statement, "preparation")
    assert "Who the data protection officer is, and how to reach them, is not confirmed yet." in privacy
    assert (
        "Which company or organisation hosts this website, and so runs that server, is not confirmed yet."
        in section(privacy, "logs")
    )
    assert (
        "The lawful basis for handling your e-mail is not confirmed yet. How long e-mails are kept is not "
        "confirmed yet."
    ) in privacy
    for key in CONFIRMED:
        assert TO_CONFIRM[key] in statement + privacy, key
    checked = showcase_command(fixture_copy, "check")
    assert checked.returncode == 0, checked.stderr
    notes = [line for line in checked.stdout.splitlines() if line.startswith("Note: mkdocs.yml:")]
    # Each at the line of its setting, where the team writes what it confirms.
    settings = (fixture_copy / "mkdocs.yml").read_text("utf-8")
    assert [note.split()[1:3] for note in notes] == [
        [f"mkdocs.yml:{line_of(settings, f'    {key}: ')}:", f"extra.programme.{key}"] for key in TO_CONFIRM
    ]
    retention = line_of(settings, "    email_retention: ")
    assert (
        f"Note: mkdocs.yml:{retention}: extra.programme.email_retention is not set, so the legal pages say it is not confirmed: "
        "how long the publisher keeps the e-mails people send. Confirm it, then write it as `email_retention: <it>` "
        "under `programme:` in mkdocs.yml before publishing, e.g. email_retention: two years after the last reply."
    ) in notes


def test_an_identity_that_confirms_nothing_has_its_check_list_every_setting_to_confirm():
    identity = load_identity(MINIMAL_IDENTITY)
    assert [getattr(identity, key) for key in ("publisher", *TO_CONFIRM)] == [""] * (1 + len(TO_CONFIRM))
    notes = unconfirmed_notes(identity)
    assert notes[:2] == [PUBLISHER_NOT_SET, LICENCE_NOT_STATED] and len(notes) == 2 + len(TO_CONFIRM)
    confirmed = load_identity(MINIMAL_IDENTITY | {"publisher": "Example Health Partnership", **CONFIRMED})
    assert unconfirmed_notes(confirmed) == []


def test_projects_json_names_its_licence(fixture_site: Build):
    document = json.loads((fixture_site.site / "data/projects.json").read_text("utf-8"))
    licence = programme_identity(FIXTURE)["licence"]
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


def test_without_javascript_the_finder_lists_every_project_but_cannot_filter_as_the_statement_says(
    browser: Browser, site_url: str, fixture_programme: Programme
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "projects/")
    assert page.locator("[data-finder-list] > li:visible").count() == len(fixture_programme.projects)
    assert not page.locator("[data-finder-form]").is_visible()  # its filters and search box with it
    theme = fixture_programme.themes[0]
    page.get_by_role("link", name=theme.title, exact=True).first.click()
    assert page.url == f"{site_url}themes/{theme.id}/"
    context.close()


@pytest.mark.build
def test_an_editor_s_known_problem_appears_under_non_accessible_content(fixture_copy: Path):
    (fixture_copy / "content/accessibility.md").write_text(
        "- The film of the 2024 showcase event has no captions yet.\n", "utf-8"
    )
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    # It is a failure the team knows of, listed with the kit's.
    listed = section(build.html("accessibility/"), "non-compliance")
    assert "<li>The film of the 2024 showcase event has no captions yet.</li>" in listed
