"""The sources check (tools/check-sources, showcase.loading.source_texts): every sourced value is in the
stored text of its source (data/sources/), word for word; a lead organisation or PCN named only in
the project's own name is not stated; each outcome's figures are on the page given for it; a
source that is a copy of the programme's own document says so.

The fixture's stored texts are in tests/fixture/data/sources/; the real content's in data/sources/.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from content_edits import edit, edit_record, line_of
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.loading.markdown_citations import unstated_in_pages
from showcase.loading.source_texts import (
    SOURCES_FOLDER,
    SourceText,
    copies,
    read_copies,
    read_source_texts,
    unstated,
)
from site_builds import FIXTURE, REPO, showcase_command

COHORT = "content/cohorts/2023-24.md"
FIRST = "https://example.org/fernshire-connectors/first-cohort"
LAUNCH = "https://example.org/fernshire-news/launch"
AL_NOOR = "https://example.org/dunmere-community-trust/al-noor"
COLLEGE = "https://example.org/elmstead-college/young-carers"


def check(root: Path) -> list[str]:
    return [str(found) for found in unstated(load_programme(ProgrammeSources.in_folder(root)), texts(root))]


def texts(root: Path) -> dict[str, SourceText]:
    return read_source_texts(root / SOURCES_FOLDER)


def test_every_sourced_value_of_the_fixture_is_stated_by_its_stored_source():
    assert check(FIXTURE) == []


@pytest.mark.real_content
def test_the_real_content_cites_only_pages_that_state_what_it_cites_them_for():
    """An invariant of any valid content: the check runs on a fresh clone, with no network, and in
    the content lane (scripts/test --content), which a pull request of data/ and content/ runs."""
    programme = load_programme(ProgrammeSources.in_folder(REPO))
    assert [str(found) for found in unstated(programme, texts(REPO))] == []


def test_a_value_its_source_does_not_state_is_named_with_its_record_field_and_source(fixture_copy: Path):
    edit(fixture_copy, "applications: 18", "applications: 19", COHORT)
    edit(fixture_copy, "graduation: 2024-04-25", "graduation: 2024-04-26", COHORT)
    edit(fixture_copy, "through weekly walks", "through daily walks")
    edit_record(
        fixture_copy, "al-noor-wellbeing-circle", "organisation: Dunmere Community Trust", "organisation: Dunmere Trust"
    )
    assert check(fixture_copy) == [
        "cohort '2023-24', field 'applications': its source https://example.org/fernshire-news/applications-closed "
        "does not state '19'. Cite a page that states it, or remove the source and list the field under 'unconfirmed'.",
        f"cohort '2023-24', field 'graduation': its source {FIRST} does not state '26 April 2024'. Cite a page that "
        "states it, or remove the source and list the field under 'unconfirmed'.",
        f"project 'al-noor-wellbeing-circle', field 'organisation': its source {AL_NOOR} does not state "
        "'Dunmere Trust'. Cite a page that states it, or remove the source and list the field under 'unconfirmed'.",
        f"project 'harbour-walks', field 'aim': its source {FIRST} does not state 'To reach older fishermen in "
        "Gullhaven who never visit their GP, through daily walks along the harbour wall.'. Cite a page that states "
        "it, or remove the source and list the field under 'unconfirmed'.",
    ]


def test_a_lead_organisation_a_page_names_only_in_the_projects_name_is_not_stated(fixture_copy: Path):
    # The page lists the project under a name that holds the organisation's: it does not say who led it.
    edit(fixture_copy, "name: Al-Noor Wellbeing Circle", "name: Dunmere Community Trust Al-Noor Circle")
    stored = fixture_copy / SOURCES_FOLDER / "dunmere-community-trust-al-noor.txt"
    stored.write_text(
        stored.read_text("utf-8").replace("Dunmere Community Trust runs the Al-Noor Wellbeing Circle.", "")
        + "Dunmere Community Trust Al-Noor Circle meets on Fridays.\n",
        "utf-8",
    )
    assert check(fixture_copy) == [
        f"project 'al-noor-wellbeing-circle', field 'organisation': its source {AL_NOOR} does not state "
        "'Dunmere Community Trust'. Cite a page that states it, or remove the source and list the field under "
        "'unconfirmed'."
    ]


def test_a_source_with_no_stored_text_is_named_once_with_where_to_save_it(fixture_copy: Path):
    (fixture_copy / SOURCES_FOLDER / "fernshire-connectors-first-cohort.txt").unlink()
    assert check(fixture_copy) == [
        f"cohort '2023-24', field 'start': no text is stored for its source {FIRST}. Save the page's text in "
        "data/sources/ (see its README.md)."
    ]


@pytest.mark.real_content
def test_a_source_that_is_a_copy_of_another_document_is_listed_with_what_it_copies():
    programme = load_programme(ProgrammeSources.in_folder(FIXTURE))
    assert copies(programme, texts(FIXTURE)) == {
        LAUNCH: "the Fernshire Care Partnership's launch leaflet, published by another website"
    }
    # Of the real content, only what holds for any content: each copy says what it copies.
    real = copies(load_programme(ProgrammeSources.in_folder(REPO)), texts(REPO))
    assert all(document.strip() for document in real.values()), real


def test_the_build_reads_what_a_copy_copies_from_the_header_as_the_check_does(fixture_copy: Path):
    folder = fixture_copy / SOURCES_FOLDER
    # A page whose own text says "copy of:" is not a copy: only the lines before the first empty
    # line are the header.
    (folder / "a-page-about-copies.txt").write_text(
        "address: https://example.org/copies\ntaken from: a test\n\ncopy of: the words of the page\n", "utf-8"
    )
    copied = read_copies(folder)
    assert copied == {LAUNCH: "the Fernshire Care Partnership's launch leaflet, published by another website"}
    assert copied == {address: text.copy_of for address, text in texts(fixture_copy).items() if text.copy_of}


def test_the_command_prints_each_problem_and_fails(fixture_copy: Path):
    edit(fixture_copy, "shortlisted: 9", "shortlisted: 8", COHORT)
    run = subprocess.run(
        [sys.executable, str(REPO / "tools/check-sources"), str(fixture_copy)], capture_output=True, text=True
    )
    assert run.returncode == 1, run.stderr
    assert (
        "field 'shortlisted': its source https://example.org/fernshire-news/applications-closed does not state '8'"
        in run.stdout
    )
    assert run.stdout.endswith("1 sourced value not stated by its source.\n")


def test_scripts_check_refuses_a_value_its_source_does_not_state_on_its_record(fixture_copy: Path):
    # Refused before CI, where the real content's sources test would otherwise be the first to say so.
    text = edit(fixture_copy, "through weekly walks", "through daily walks")
    result = showcase_command(fixture_copy, "check")
    assert result.returncode == 1
    line = line_of(text, "- slug: harbour-walks")
    assert (
        f"data/projects.yaml:{line}: project 'harbour-walks', field 'aim': its source {FIRST} does not state "
        "'To reach older fishermen in Gullhaven who never visit their GP, through daily walks along the harbour "
        "wall.'. Cite a page that states it, or remove the source and list the field under 'unconfirmed'."
    ) in result.stderr


def test_each_outcome_is_checked_against_its_own_page_for_its_figures(fixture_copy: Path):
    # The outcomes are the editors' words: a page need not state them word for word, but each
    # outcome's figures must be on the page cited for it, and every page cited must be stored.
    edit(fixture_copy, "      - 27 were connected to a group", "      - 28 were connected to a group")
    edit(
        fixture_copy,
        "        - https://example.org/young-carers-connect\n        - https://example.org/elmstead-college",
        "        - https://example.org/elmstead-college/young-carers\n        - https://example.org/elmstead-college",
    )
    (fixture_copy / SOURCES_FOLDER / "harbour-walks-report.txt").unlink()
    assert check(fixture_copy) == [
        "project 'harbour-walks', field 'outcomes': no text is stored for its source "
        "https://example.org/harbour-walks-report. Save the page's text in data/sources/ (see its README.md).",
        f"project 'young-carers-connect', field 'outcomes': its source {COLLEGE} does not state '41' (outcome 2). "
        "Cite a page that states it, or remove the source and list the field under 'unconfirmed'.",
        f"project 'young-carers-connect', field 'outcomes': its source {COLLEGE} does not state '28' (outcome 3). "
        "Cite a page that states it, or remove the source and list the field under 'unconfirmed'.",
    ]


def test_a_pcn_a_page_names_only_in_the_projects_name_is_not_stated(fixture_copy: Path):
    # As for a lead organisation: a page that names the project does not say which PCN it sits in.
    where = "https://example.org/gullhaven-health-partnership/where-we-work"
    edit(fixture_copy, "name: Harbour Walks", "name: Harbour Walks of Gullhaven and Harrowmouth PCN")
    edit_record(
        fixture_copy, "harbour-walks", "pcn: https://example.org/gullhaven-health-partnership/about-us", f"pcn: {where}"
    )
    stored = fixture_copy / SOURCES_FOLDER / "gullhaven-where-we-work.txt"
    with stored.open("a", encoding="utf-8") as text:
        text.write("Harbour Walks of Gullhaven and Harrowmouth PCN meets on Tuesdays.\n")
    assert check(fixture_copy) == [
        f"project 'harbour-walks', field 'pcn': its source {where} does not state 'Gullhaven and Harrowmouth PCN'. "
        "Cite a page that states it, or remove the source and list the field under 'unconfirmed'."
    ]


APPLICATIONS = "https://example.org/fernshire-news/applications-closed"
CITED_PARAGRAPHS = f"""
The first cohort had 18 applications; nine teams were shortlisted ([Fernshire news, 2099]({APPLICATIONS})).
Of them, 7 teams started ([Fernshire news]({APPLICATIONS})).

The news page gave these figures ([Fernshire news]({APPLICATIONS})):

- 18 applications
- 10 teams shortlisted

A sentence with a link that is not a citation: the [news page]({APPLICATIONS}) has 99 words.
Another cites a page with no stored text ([Elsewhere](https://example.org/not-saved)).
"""


def test_each_figure_a_markdown_page_cites_is_on_a_page_it_cites_at_its_line(fixture_copy: Path):
    """A page's own citations, "(…[label](address))", are checked as the records' are: each figure in
    the sentence, or in the list a cited sentence ending in ':' introduces, is on a page it cites
    (in digits, or spelt out as a small number: 'nine'); the label's own figures ('2099') and a
    plain link's sentence are not; a cited page with no stored text is named."""
    home = fixture_copy / "content" / "index.md"
    text = home.read_text("utf-8") + CITED_PARAGRAPHS
    home.write_text(text, "utf-8")
    result = showcase_command(fixture_copy, "check")
    assert result.returncode == 1
    reported = [line.strip() for line in result.stderr.splitlines() if "content/index.md" in line]
    fix = "Cite a page that states it, or write the sentence without the figure."
    assert reported == [
        f"content/index.md:{line_of(text, 'Of them, 7')}: the figure '7' is not stated by the page it cites "
        f"({APPLICATIONS}). {fix}",
        f"content/index.md:{line_of(text, '- 10 teams')}: the figure '10' is not stated by the page it cites "
        f"({APPLICATIONS}). {fix}",
        f"content/index.md:{line_of(text, 'Another cites')}: no text is stored for its source "
        "https://example.org/not-saved. Save the page's text in data/sources/ (see its README.md).",
    ]
    run = subprocess.run(
        [sys.executable, str(REPO / "tools/check-sources"), str(fixture_copy)], capture_output=True, text=True
    )
    assert run.returncode == 1 and "content/index.md" in run.stdout and "3 sourced values" in run.stdout


@pytest.mark.real_content
def test_the_markdown_pages_of_the_real_content_cite_pages_that_state_their_figures():
    """An invariant of any valid content, as for the records' sources."""
    assert unstated_in_pages(ProgrammeSources.in_folder(REPO), texts(REPO)) == []
