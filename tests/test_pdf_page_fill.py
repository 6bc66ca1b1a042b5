"""A pack's pages are not left mostly empty when its projects have little to say (issue 28: PDFs
read as documents).

An ended programme's snapshots end with its status, quoted with its source and its own page: five
lines more on each, as on the real content's. At the spacing before, each of the real pack's
short summaries then took 52 to 60% of a page and none fitted below another: every project had a
page of its own, half empty. One build of the fictional programme, ended with a status as long
as the real one's, checks that short summaries still share a page (print.css's snapshot spacing).
"""

from __future__ import annotations

import pytest

from content_edits import edit
from page_text import pdf_pages, words
from showcase.model import Programme
from site_builds import ALL_PACK, Build, copy_fixture, run_mkdocs_build
from test_pdf import projects_on

# As long as the real programme's status (mkdocs.yml): five lines at the foot of each snapshot.
STATUS = (
    "The Fernshire Care Partnership describes its Community Connectors pages as a record of a programme"
    " which ended in 2025 and is no longer run by the partnership. Its connectors team was formerly its"
    " Personalised Care team. No source says this of this programme by name: that it applies here is the"
    " showcase editors' reading of the programme's own page's address (unconfirmed)."
)
STATUS_SOURCE = "https://fernshire.example.org/news/community-connectors-programme-has-ended/"
PAGE = "https://fernshire.example.org/programmes/personalised-care/projects/community-connectors-programme/"


@pytest.fixture(scope="module")
def ended(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = copy_fixture(tmp_path_factory.mktemp("page-fill") / "project")
    edit(
        root,
        '    status: ""\n    status_source: ""\n    programme_page: ""\n',
        f'    status: "{STATUS}"\n    status_source: {STATUS_SOURCE}\n    programme_page: {PAGE}\n',
        file="mkdocs.yml",
    )
    build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    return build


def test_an_ended_programmes_short_summaries_still_share_a_page(ended: Build, fixture_programme: Programme) -> None:
    """With the status at each snapshot's foot, the second cohort's first project still fits below
    its cohort's page, two short projects below each other, and the contact below the last
    project: 11 pages, where a page each for them made 13, two of them a third full."""
    pages = pdf_pages(ended.site / ALL_PACK)
    on_pages = [projects_on(page, fixture_programme.projects) for page in pages]
    assert [on_page for on_page in on_pages if len(on_page) == 2] == [
        ["link-worker-retention-pilot", "measuring-what-matters"],
        ["coastal-outcomes-dashboard", "dunmere-digital-doorway"],
    ]
    second_cohort = [n for n, page in enumerate(pages) if words(page).startswith("2024/25 second cohort")]
    assert len(second_cohort) == 1 and on_pages[second_cohort[0]] == ["coast-and-country-connectors"]
    assert "These summaries show the showcase’s data" in words(pages[-1]) and on_pages[-1] == ["zest-peer-mentors"]
    assert len(pages) == 11
