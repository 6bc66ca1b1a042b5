"""Only what the settings source, in every view (issue 28, points 1, 6 and 7).

* The programme is kept apart from whoever publishes the site: until `publisher` is set, no page,
  PDF or feed names an owner; each says plainly that the publisher is not confirmed and gives the
  programme's contact address, and scripts/check notes it. A claim (who launched it, its status)
  is refused without the page that states it.
* A programme that has ended says so on every page, in its snapshots and packs, its feed and its
  open data, with the page its status is quoted from and its own page; its contact address is
  the last one it published, not a service that will answer.
* One "data as of" day (showcase/wording/as_of.py) in every view that states one: every page's footer,
  the PDFs, the feed and projects.json.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdf
import pytest

from content_edits import edit, line_of
from page_text import pdf_pages, text_of, words
from showcase.identity import PUBLISHER_NOT_SET, IdentityProblems, load_identity
from showcase.web.feed import FEED_PATH
from showcase.wording.citations import brief_status
from site_builds import (
    ALL_PACK,
    MINIMAL_IDENTITY,
    Build,
    mkdocs_build,
    real_identity_values,
    showcase_command,
    snapshot,
)
from site_checks import is_redirect
from test_feed import parsed
from test_legal_pages import footer_of
from test_open_data import git_commit_everything

STATUS = "The Fernshire programme ended in 2025; this showcase is a record of its projects."
STATUS_SOURCE = "https://fernshire.example.org/news/connectors-ended/"
PAGE = "https://fernshire.example.org/connectors/"
PUBLISHER = "Fernshire Health and Care Partnership"  # tests/fixture/mkdocs.yml
PROGRAMME = "Fernshire Community Connectors Programme"
SITE_NAME = "Fernshire Community Connectors Programme"  # tests/fixture/mkdocs.yml's site_name, the programme's name
CONTACT = "connectors@fernshire.example.org"
SITE_URL = "https://connectors.example.org/showcase/"
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
RUNNING = MINIMAL_IDENTITY


def ended(root: Path) -> None:
    edit(
        root,
        '    status: ""\n    status_source: ""\n    programme_page: ""\n',
        f'    status: "{STATUS}"\n    status_source: {STATUS_SOURCE}\n    programme_page: {PAGE}\n',
        file="mkdocs.yml",
    )


def build(root: Path, **env: str) -> Build:
    result = mkdocs_build(root, env={"SHOWCASE_SITE_URL": SITE_URL, **env})
    built = Build(root, result.returncode, result.stdout + result.stderr)
    assert built.returncode == 0, built.output
    return built


def site_pages(site: Path) -> list[Path]:
    pages = [path for path in sorted(site.rglob("*.html")) if not is_redirect(path)]
    assert len(pages) > 30
    return pages


# -- the identity: the programme apart from the publisher ----------------------------------------


def test_the_earlier_organisation_setting_is_refused_with_what_replaces_it():
    with pytest.raises(IdentityProblems) as raised:
        load_identity(RUNNING | {"organisation": "Fernshire Partnership"})
    assert raised.value.problems == [
        "extra.programme.organisation is no longer a setting: it named who runs the site, which no page "
        "sourced. Delete the line; once it is confirmed who publishes this website, write `publisher: <the "
        "organisation's name>`, and who launched the programme as `launched_by:` with `launched_by_source:` "
        "(the page that says so)."
    ]


def test_a_claim_about_the_programme_is_refused_without_the_page_that_states_it():
    with pytest.raises(IdentityProblems) as raised:
        load_identity(RUNNING | {"launched_by": "Fernshire Council", "status": "It ended in 2025."})
    assert raised.value.problems == [
        "extra.programme.launched_by is set without launched_by_source: the address of the page that says who "
        "launched the programme. The site shows the one with the other: add a line "
        "`launched_by_source: https://example.org/news`, or delete launched_by.",
        "extra.programme.status is set without status_source: the address of the page the status is taken "
        "from. The site shows the one with the other: add a line `status_source: https://example.org/news/ended`, "
        "or delete status.",
    ]
    with pytest.raises(
        IdentityProblems, match=re.escape("extra.programme.status_source is 'example.org/ended'. Write the full")
    ):
        load_identity(RUNNING | {"status": "It ended in 2025.", "status_source": "example.org/ended"})


@pytest.mark.build
def test_until_the_publisher_is_confirmed_no_view_names_an_owner_and_each_says_so(fixture_copy: Path):
    edit(fixture_copy, f"    publisher: {PUBLISHER}\n", "", file="mkdocs.yml")
    site = build(fixture_copy).site
    unconfirmed = "Who publishes this website is not confirmed yet."
    for path in site_pages(site):
        page = path.read_text("utf-8")
        footer = words(footer_of(page))
        where = path.relative_to(site)
        assert f"{unconfirmed} Write to the programme’s contact address, " in footer, where
        assert f'<a href="mailto:{CONTACT}">{CONTACT}</a>' in footer, where
        assert PUBLISHER not in page and "Run by" not in footer and "Published by" not in footer, where
    for legal in ("accessibility/", "privacy/", "licence/"):
        assert PUBLISHER not in (site / legal / "index.html").read_text("utf-8")
    assert unconfirmed in text_of((site / "accessibility/index.html").read_text("utf-8"))
    # The legal pages speak for no one: no "we" or "us", no promise of an answer, no public body.
    for legal in ("accessibility/", "privacy/", "licence/"):
        page = (site / legal / "index.html").read_text("utf-8")
        content = text_of(page[: page.index("<footer")])
        assert not re.findall(r"\b(?:we|we’ll|we’re|us|our|ours)\b", content, re.IGNORECASE), legal
        assert "is committed" not in content and "get back to you" not in content, legal
    accessibility = text_of((site / "accessibility/index.html").read_text("utf-8"))
    assert "Whether they apply to this website depends on who publishes it, which is not confirmed." in accessibility
    assert "This statement cannot promise an answer on anyone’s behalf." in accessibility
    privacy = text_of((site / "privacy/index.html").read_text("utf-8"))
    assert f"If you email the programme’s contact address {CONTACT} is the programme’s contact address." in privacy
    feed = parsed((site / FEED_PATH).read_bytes())
    # The feed's author (Atom requires one) is the site, by its name, with no e-mail address.
    assert feed.findtext("atom:author/atom:name", namespaces=ATOM) == f"{SITE_NAME} (publisher not confirmed)"
    assert feed.find("atom:author/atom:email", namespaces=ATOM) is None
    for pdf in (ALL_PACK, snapshot("harbour-walks")):
        reader = pypdf.PdfReader(site / pdf)
        # No source says who wrote the PDFs: without a publisher they name no author.
        assert reader.metadata is not None and "/Author" not in reader.metadata, pdf
        assert PUBLISHER not in " ".join(pdf_pages(site / pdf)), pdf
    assert json.loads((site / "data/projects.json").read_text("utf-8"))["programme"]["publisher"] is None
    checked = showcase_command(fixture_copy, "check")
    assert checked.returncode == 0, checked.stderr
    # At the line of `programme:`, under which the team writes it once it is confirmed.
    programme = line_of((fixture_copy / "mkdocs.yml").read_text("utf-8"), "  programme:")
    assert f"Note: mkdocs.yml:{programme}: {PUBLISHER_NOT_SET}" in checked.stdout


def test_check_notes_nothing_of_a_publisher_that_is_set(fixture_copy: Path):
    checked = showcase_command(fixture_copy, "check")
    assert checked.returncode == 0, checked.stderr
    assert "publisher" not in checked.stdout


@pytest.mark.build
def test_who_launched_the_programme_is_shown_with_its_source(fixture_copy: Path):
    edit(
        fixture_copy,
        '    launched_by: ""\n    launched_by_source: ""\n',
        "    launched_by: Fernshire Council\n    launched_by_source: https://fernshire.example.org/launch/\n",
        file="mkdocs.yml",
    )
    result = mkdocs_build(fixture_copy, env={"SHOWCASE_PDF": "0"})
    assert result.returncode == 0, result.stderr
    footer = footer_of((fixture_copy / "site/index.html").read_text("utf-8"))
    assert (
        'The programme was launched by Fernshire Council (<a href="https://fernshire.example.org/launch/">source</a>).'
        in footer
    )


# -- the programme's status, in every view ---------------------------------------------------------


@pytest.mark.build
def test_a_programme_that_has_ended_says_so_in_every_view_with_its_source_and_its_own_page(fixture_copy: Path):
    ended(fixture_copy)
    built = build(fixture_copy)
    site = built.site
    # Each link followed by its number on paper (showcase.web.printed_links): the first two on a page.
    note = (
        f'{STATUS} <a href="{STATUS_SOURCE}">Source</a><span class="sc-link-note">[1]</span>. '
        f'<a href="{PAGE}">Read the programme’s own page</a><span class="sc-link-note">[2]</span>.'
    )
    for path in site_pages(site):
        page = path.read_text("utf-8")
        assert note in page, path.relative_to(site)
        assert page.index(note) > page.index('id="main-content"'), "after the skip link's target"
    home = built.html("")
    assert home.count(STATUS) == 1
    assert text_of(home).index(STATUS) < text_of(home).index("At a glance")  # before anything else
    pack = [words(page) for page in pdf_pages(site / ALL_PACK)]
    assert STATUS in pack[0], "the cover"
    assert STATUS in pack[-1] and f"Source: {STATUS_SOURCE}" in pack[-1].replace(" /", "/")
    assert PAGE in pack[-1].replace(" ", "") and "The last contact address the programme published is" in pack[-1]
    sheet = words(" ".join(pdf_pages(site / snapshot("harbour-walks"))))
    assert STATUS in sheet and STATUS_SOURCE in sheet.replace(" ", "") and PAGE in sheet.replace(" ", "")
    assert "The programme’s last published contact address" in sheet
    feed = parsed((site / FEED_PATH).read_bytes())
    assert feed.findtext("atom:subtitle", namespaces=ATOM) == f"{STATUS} (Source: {STATUS_SOURCE})"
    assert feed.xpath("atom:link[@rel='related']/@href", namespaces=ATOM) == [PAGE]
    document = json.loads((site / "data/projects.json").read_text("utf-8"))
    assert document["programme"] == {
        "name": PROGRAMME,
        "status": STATUS,
        "status_source": STATUS_SOURCE,
        "programme_page": PAGE,
        "contact_email": CONTACT,
        "launched_by": None,
        "launched_by_source": None,
        "publisher": PUBLISHER,
    }


def test_a_running_programme_says_nothing_of_an_end(fixture_site: Build):
    assert "sc-status" not in fixture_site.html("")
    pack = [words(page) for page in pdf_pages(fixture_site.site / ALL_PACK)]
    assert "email the programme’s team" in pack[-1]
    document = json.loads((fixture_site.site / "data/projects.json").read_text("utf-8"))
    assert document["programme"]["status"] is None and document["programme"]["programme_page"] is None


def test_the_real_status_labels_what_it_says_of_this_programme_that_no_source_states():
    """The real programme's setting, whatever it is (a running programme has none): a sentence
    of its status about this programme either says that no source says it, or labels itself the
    editors' reading (unconfirmed); none states it as a fact. (London's source speaks of TPHC's
    pages, never of this programme by name.)"""
    status = " ".join(real_identity_values("status"))
    about_this_programme = [
        sentence for sentence in re.split(r"(?<=[.”])\s+(?=[A-Z])", status) if "this programme" in sentence
    ]
    for sentence in about_this_programme:
        assert "no source says" in sentence.casefold() or sentence.endswith("(unconfirmed)."), sentence
        assert "include this programme" not in sentence, sentence


# -- one "data as of" date -----------------------------------------------------------------------


@pytest.mark.build
def test_every_view_states_the_one_day_the_content_last_changed_in_git(fixture_copy: Path):
    """Committed at 01:30 in UTC+5, the evening before in UTC: git's own `%cs` gives the
    committer's day (the 4th), SOURCE_DATE_EPOCH and a project's "Last updated" the UTC day (the
    3rd). Every view says the 3rd."""
    git_commit_everything(fixture_copy, "2024-02-04T01:30:00+05:00")
    site = build(fixture_copy).site
    day, iso = "3 February 2024", "2024-02-03"
    for path in site_pages(site):
        footer = footer_of(path.read_text("utf-8"))
        assert f'Data as of <time datetime="{iso}">{day}</time>.' in footer, path.relative_to(site)
    pack = [words(page) for page in pdf_pages(site / ALL_PACK)]
    assert f"Data as of {day}" in pack[0] and f"data as of {day}" in pack[-1]
    assert f"Data as of {day}." in words(" ".join(pdf_pages(site / snapshot("harbour-walks"))))
    for pdf in (ALL_PACK, snapshot("harbour-walks")):
        reader = pypdf.PdfReader(site / pdf)
        assert reader.metadata is not None and str(reader.metadata["/CreationDate"]).startswith("D:20240203000000"), pdf
    feed = parsed((site / FEED_PATH).read_bytes())
    assert feed.findtext("atom:updated", namespaces=ATOM) == f"{iso}T00:00:00Z"
    document = json.loads((site / "data/projects.json").read_text("utf-8"))
    assert (document["data_as_of"], document["generated"]) == (iso, f"{iso}T00:00:00Z")
    stated = {
        match
        for path in site.rglob("*.html")
        for match in re.findall(r"Data as of <time datetime=\"([^\"]+)\"", path.read_text("utf-8"))
    }
    assert stated == {iso}


def test_a_snapshot_foot_gives_a_status_as_its_source_s_own_words_with_the_setting_s_label():
    # Issue 28: the real status, in full on each snapshot, took four of its foot's eight lines.
    account = (
        "The Trust describes its Connectors pages as a “historical record of a programme that ended”. "
        "That this covers this programme is the showcase editors’ reading (unconfirmed)."
    )
    assert brief_status(account) == (
        "The programme’s status (unconfirmed), in its source’s words: “historical record of a programme that ended”."
    )
    assert brief_status("It said it had “ended” in “2025”.") == (
        "The programme’s status, in its source’s words: “ended”; “2025”."
    )
    assert brief_status(STATUS) == STATUS  # quoting nothing, it is given whole
