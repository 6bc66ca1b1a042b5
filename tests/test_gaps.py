"""The editors' gaps report (scripts/gaps, showcase.editors.gaps): per project, what visitors look for and
is missing (outcomes, quotes, photo, story), facts not known, facts with no source, facts marked
unconfirmed, and whom to ask; printed, and as CSV for the team's spreadsheet.

On the fictional programme: harbour-walks has everything a visitor looks for, its partners
unconfirmed and its summary without a source; measuring-what-matters has only the required fields.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

from content_edits import edit, edit_record
from showcase.editors.gaps import CSV_COLUMNS, ProjectGaps, gaps_report, programme_gaps, project_gaps, site_gaps
from showcase.identity import load_identity
from showcase.loading.markdown_citations import uncited_sentences
from showcase.model import Programme
from site_builds import MINIMAL_IDENTITY, showcase_command


def gaps_of(programme: Programme, slug: str) -> ProjectGaps:
    return project_gaps(programme.project_with_slug(slug), programme.area_label)


def test_a_project_with_everything_lists_only_its_unsourced_and_unconfirmed_facts(fixture_programme: Programme):
    walks = gaps_of(fixture_programme, "harbour-walks")
    assert walks.missing == ()
    assert walks.not_known == ()
    assert walks.without_source == ("theme", "partners", "summary")
    assert walks.unconfirmed == ("partners",)
    assert walks.ask == "Gullhaven Health Partnership"


def test_a_project_with_only_its_required_fields_lists_all_that_visitors_miss(fixture_programme: Programme):
    measures = gaps_of(fixture_programme, "measuring-what-matters")
    assert measures.missing == ("outcomes", "quotes", "photo", "story")
    assert measures.not_known == ("district", "lead organisation", "partners", "primary care network")
    assert measures.without_source == ("theme",)
    assert measures.unconfirmed == ()
    assert measures.ask == ""
    # An unconfirmed lead organisation is named with its label: the team asks it to confirm.
    dashboard = gaps_of(fixture_programme, "coastal-outcomes-dashboard")
    assert dashboard.ask == "Fernshire Coast Care Board (unconfirmed)"
    assert dashboard.unconfirmed == ("theme", "lead organisation")


def test_the_command_prints_the_totals_and_each_project_and_writes_the_csv(fixture_copy: Path, fixture_programme):
    run = showcase_command(fixture_copy, "gaps", "--csv", str(fixture_copy / "gaps.csv"))
    assert run.returncode == 0, run.stderr
    total = len(fixture_programme.projects)
    outcomes = sum("outcomes" in each.missing for each in programme_gaps(fixture_programme))
    assert run.stdout.startswith("The programme's pages and settings:\n")
    assert (
        f"\n\nWhat visitors look for and the content does not have yet: {total} projects.\n\n"
        f"  No outcomes: {outcomes} of {total} projects\n"
    ) in run.stdout
    assert (
        "Measuring What Matters (measuring-what-matters, 2023/24 first cohort)\n"
        "  Missing: outcomes, quotes, photo, story (content/projects/measuring-what-matters.md)\n"
        "  Not known: district, lead organisation, partners, primary care network\n"
        "  No source: theme\n"
        "  Ask: the programme (no lead organisation is known)\n"
    ) in run.stdout
    raw = (fixture_copy / "gaps.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte order mark: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["slug"] for row in rows] == [project.slug for project in fixture_programme.projects]
    walks = next(row for row in rows if row["slug"] == "harbour-walks")
    assert (walks["missing"], walks["facts_without_source"], walks["unconfirmed"]) == (
        "",
        "theme; partners; summary",
        "partners",
    )


def test_a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text(fixture_copy: Path):
    edit_record(
        fixture_copy,
        "measuring-what-matters",
        "    cohort:",
        '    organisation: "=HYPERLINK(\\"https://example.org\\", \\"Open\\")"\n    cohort:',
    )
    run = showcase_command(fixture_copy, "gaps", "--csv", str(fixture_copy / "gaps.csv"))
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO((fixture_copy / "gaps.csv").read_text("utf-8-sig"), newline="")))
    measures = next(row for row in rows if row["slug"] == "measuring-what-matters")
    assert measures["ask"] == '\'=HYPERLINK("https://example.org", "Open")'


def test_content_that_does_not_load_is_named_and_no_report_is_made(fixture_copy: Path):
    edit_record(fixture_copy, "measuring-what-matters", "    theme: impact", "    theme: imapct")
    run = showcase_command(fixture_copy, "gaps", "--csv", str(fixture_copy / "gaps.csv"))
    assert run.returncode == 1
    assert "'imapct' is not a theme" in run.stderr
    assert run.stderr.endswith("Fix these first (scripts/check): the gaps report needs the content to load.\n")
    assert not (fixture_copy / "gaps.csv").exists()


def test_the_report_first_lists_what_the_programme_s_pages_and_settings_lack(fixture_copy: Path):
    edit(fixture_copy, "    host: Fernshire Web Services Ltd\n", "", file="mkdocs.yml")
    run = showcase_command(fixture_copy, "gaps")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(
        "The programme's pages and settings:\n"
        "  Settings to confirm, then set under extra.programme in mkdocs.yml (scripts/check notes each):\n"
        "    host: the company or organisation that hosts this website, whose web server receives every "
        "visitor's requests, named in the privacy notice\n"
        "  Facts cited from another website's copy of a document (ask the programme for its own):\n"
        "    2023/24 first cohort: most funding for one project (from the Fernshire Care Partnership's launch "
        "leaflet, published by another website: https://example.org/fernshire-news/launch)\n"
        "  Sentences that cite no source (cite a page that states each, or cut it):\n"
    )
    assert (
        "    content/cohorts/2024-25.md:5: The second cohort's teams are still writing up their results\n" in run.stdout
    )
    assert "publisher" not in run.stdout.split("What visitors look for")[0]  # the fixture's is set


def test_a_sentence_is_uncited_unless_a_citation_ends_it_or_a_cited_colon_introduces_its_list():
    page = "https://example.org/page"
    markdown = (
        "---\ntitle: T\n---\n## A heading\n\n"
        f"It began in 2020. It ended in 2021 ([A]({page})). See [all the projects](projects/index.md).\n\n"
        f"It offered ([A]({page})):\n\n- walks\n- talks\n\nIt offered:\n\n- games\n"
    )
    assert list(uncited_sentences(markdown)) == [(6, "It began in 2020"), (13, "It offered"), (15, "games")]


def test_the_report_lists_the_readings_and_disagreeing_sources_every_view_marks_as_unsure(
    fixture_programme: Programme, tmp_path: Path
):
    # Issue 28's audit: the real status is the editors' reading (unconfirmed), and the pilot's
    # sources give two start months; every view says so, and the team must learn whom to ask.
    first = fixture_programme.cohorts[0]
    launch = "https://example.org/fernshire-news/launch"
    disputed = replace(first, other_start=dt.date(2023, 9, 1), sources=(*first.sources, ("other_start", launch)))
    programme = replace(fixture_programme, cohorts=(disputed, *fixture_programme.cohorts[1:]))
    status = {
        "status": "It is “a record of an ended programme” (unconfirmed).",
        "status_source": "https://example.org/end",
    }
    site = site_gaps(programme, load_identity(MINIMAL_IDENTITY | status), tmp_path, tmp_path)
    assert site.to_settle == (
        "status: (unconfirmed) marks the editors' reading in it; ask the publisher of its source "
        "(https://example.org/end) whether it applies to this programme",
        "2023/24 first cohort: start month, October 2023 (https://example.org/fernshire-connectors/first-cohort) "
        f"or September 2023 ({launch})",
    )
    report = gaps_report(programme, site)
    assert "  Readings and disagreeing sources every view marks as unsure (ask, then settle each):\n" in report
    # A status that is stated, and one start month: nothing to settle.
    plain = site_gaps(fixture_programme, load_identity(MINIMAL_IDENTITY), tmp_path, tmp_path)
    assert plain.to_settle == ()
