"""Honest empty states: a project with no outcomes says so on its page and in its snapshot, with
the programme's contact address to send them to, instead of leaving out what visitors look for.

On the fictional programme: measuring-what-matters has no outcomes; harbour-walks has some.
"""

from __future__ import annotations

import html
import re

from pypdf import PdfReader

from page_text import pdf_text, words
from showcase.model import Programme
from showcase.wording.project_summary import NO_OUTCOMES, SEND_OUTCOMES, ProjectSummary
from site_builds import ALL_PACK, REPO, Build

CONTACT = "connectors@fernshire.example.org"  # tests/fixture/mkdocs.yml's contact_email
EMPTY = "No published outcomes of this project have been found yet."
# The heading of a project's outcomes: what its sources reported, which may be what it did.
REPORTED = "What was reported"


def main_text(page_html: str) -> str:
    main = page_html[page_html.index('<article class="md-content__inner') :]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_the_wording_of_no_outcomes_is_made_once_and_only_for_a_project_without_them(fixture_programme: Programme):
    summaries = {
        project.slug: ProjectSummary(project, fixture_programme.area_label).sections.outcomes
        for project in fixture_programme.projects
    }
    assert (summaries["measuring-what-matters"].empty, summaries["measuring-what-matters"].send) == (
        NO_OUTCOMES,
        SEND_OUTCOMES,
    )
    assert NO_OUTCOMES == EMPTY
    assert summaries["harbour-walks"].empty == ""
    assert all(
        bool(section.empty) != bool(project.outcomes)
        for project in fixture_programme.projects
        for section in [summaries[project.slug]]
    )


def test_a_project_page_without_outcomes_says_none_were_found_and_where_to_send_them(fixture_site: Build):
    page = fixture_site.html("projects/measuring-what-matters/")
    assert f"{REPORTED} {EMPTY} {SEND_OUTCOMES} {CONTACT} ." in main_text(page)
    assert f'<a href="mailto:{CONTACT}">{CONTACT}</a>' in page
    walks = fixture_site.html("projects/harbour-walks/")
    assert EMPTY not in main_text(walks) and REPORTED in main_text(walks)


def test_a_snapshot_without_outcomes_says_so_with_the_contact(fixture_site: Build):
    text = words(pdf_text(fixture_site.site / "downloads/snapshots/measuring-what-matters.pdf"))
    assert f"{REPORTED} {EMPTY} {SEND_OUTCOMES} {CONTACT}." in text
    assert EMPTY not in words(pdf_text(fixture_site.site / "downloads/snapshots/harbour-walks.pdf"))


# Words that promise what a project achieved, which most projects' data does not hold.
PROMISES = ("what changed", "what it achieved", "what they achieved", "what each team achieved")


def test_no_intro_promises_what_the_projects_achieved(fixture_site: Build):
    """The pack's 'About these summaries' and the site's description say what a summary holds:
    what was reported of it, or that no outcomes have been found."""
    front = words(pdf_text(fixture_site.site / ALL_PACK))
    front = front[front.index("About these summaries") :][:400]  # the data's own headings aside
    assert "what was reported of it, or that no outcomes have been found." in front
    real_description = (REPO / "mkdocs.yml").read_text("utf-8").split("site_description:")[1].split("\n# ")[0]
    for text in (front.casefold(), real_description.casefold()):
        assert not [promise for promise in PROMISES if promise in text]


# The programme's own documents (its pilot page: "a PDF of all Project Impact Summaries, or the
# Project Snapshots"), which no one has found: the showcase's PDFs are not them, so they do not
# take their names.
PROGRAMME_DOCUMENTS = ("impact summar", "snapshot")


def test_the_pdfs_do_not_take_the_names_of_the_programmes_own_documents(fixture_site: Build):
    downloads = fixture_site.site / "downloads"
    for pdf in (*downloads.glob("*.pdf"), *(downloads / "snapshots").glob("*.pdf")):
        reader = PdfReader(pdf)
        first_page = words(pdf_text(pdf, 1)).casefold()
        title = (reader.metadata.title if reader.metadata else "") or ""
        for name in PROGRAMME_DOCUMENTS:
            assert name not in first_page and name not in title.casefold(), (pdf.name, name)
    for page in ("", "projects/harbour-walks/", "cohorts/2023-24/", "themes/access/"):
        links = [
            " ".join(link.split())
            for link in re.findall(r'<a [^>]*href="[^"]*\.pdf"[^>]*>(.*?)</a>', fixture_site.html(page), re.S)
        ]
        assert links and not [link for link in links for name in PROGRAMME_DOCUMENTS if name in link.casefold()]
