"""A pack's pages are not left mostly empty when its projects have little to say (issue 28: PDFs
read as documents).

An ended programme's snapshots end with its status, quoted with its source and its own page: five
lines more on each, as on the real content's. At the spacing before, each of the real pack's
short summaries then took 52 to 60% of a page and none fitted below another: every project had a
page of its own, half empty. One build of the fictional programme, ended with a status as long
as the real one's and its site's address set, checks that short summaries still share a page
(print.css's snapshot spacing).
"""

from __future__ import annotations

import pytest

from content_edits import edit
from page_text import pdf_pages, words
from showcase.model import Programme
from site_builds import ALL_PACK, Build, copy_fixture, mkdocs_build
from test_pdf import projects_on

pytestmark = pytest.mark.build  # its one test stands on a build of its own

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
    # With the site's address, as deployed: each summary then names its page, a line more.
    result = mkdocs_build(root, env={"SHOWCASE_SITE_URL": "https://connectors.example.org/showcase/"})
    build = Build(root, result.returncode, result.stdout + result.stderr)
    assert build.returncode == 0, build.output
    return build


def test_an_ended_programmes_short_summaries_still_share_a_page(ended: Build, fixture_programme: Programme) -> None:
    """With the status and the page's address on each snapshot, two pairs of short projects still
    share a page, and the contact goes below the last project: 12 pages, where the spacing before
    gave each of those projects a page of its own."""
    pages = pdf_pages(ended.site / ALL_PACK)
    on_pages = [projects_on(page, fixture_programme.projects) for page in pages]
    assert [on_page for on_page in on_pages if len(on_page) == 2] == [
        ["link-worker-retention-pilot", "measuring-what-matters"],
        ["coastal-outcomes-dashboard", "dunmere-digital-doorway"],
    ]
    assert "These summaries show the showcase’s data" in words(pages[-1]) and on_pages[-1] == ["zest-peer-mentors"]
    assert len(pages) == 12
