"""A snapshot keeps its closing lines with its content (issue 28: PDFs read as documents).

A snapshot ends with a foot: its list of sources and the programme's contact line. When a
project has a little too much to say for one page, the foot must not go over the page alone:
a second page holding only a contact line (the real Men's project's, once) reads as a printing
mistake. One build of the fictional programme's first cohort, cut to projects of every length
around a full page (one more outcome each, a line each, so that one of them ends at every place
a page can end), checks every snapshot's last page.
"""

from __future__ import annotations

import pypdf
import pytest

from page_text import letters, pdf_pages, words
from site_builds import FIXTURE, Build, copy_fixture, run_mkdocs_build, snapshot

pytestmark = pytest.mark.build  # every test here runs MkDocs

FIRST = "2023-24"
THEMES = (FIXTURE / "data" / "projects.yaml").read_text("utf-8").partition("\nprojects:\n")[0] + "\n"
# From a project that fits on its page to one that does not, one outcome (a line) at a time: the
# page ends once inside each kind of closing line.
OUTCOMES = range(30, 52)
SOURCE = "https://example.org/fernshire-connectors/report-of-the-project"
CONTACT = "connectors@fernshire.example.org"  # the fixture's contact address


def record(outcomes: int) -> str:
    items = "".join(f"      - Outcome number {number} of this project.\n" for number in range(1, outcomes + 1))
    return (
        f"  - slug: lines-{outcomes}\n"
        f"    name: A project of {outcomes} outcomes\n"
        f"    cohort: {FIRST}\n"
        "    theme: access\n"
        "    aim: To say a little too much for one page.\n"
        "    organisation: Fernshire Connect\n"
        f"    outcomes:\n{items}"
        f"    sources:\n      organisation: {SOURCE}\n      outcomes: {SOURCE}\n"
    )


@pytest.fixture(scope="module")
def lengths(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = copy_fixture(tmp_path_factory.mktemp("closing") / "project")
    for cohort_page in (root / "content" / "cohorts").glob("*.md"):
        if cohort_page.stem != FIRST:
            cohort_page.unlink()
    for narrative in (root / "content" / "projects").glob("*.md"):
        narrative.unlink()
    records = "".join(record(count) for count in OUTCOMES)
    (root / "data" / "projects.yaml").write_text(THEMES + "projects:\n" + records, "utf-8")
    build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    return build


def test_no_snapshot_leaves_its_sources_or_contact_lines_alone_on_its_last_page(lengths: Build) -> None:
    pages_of = {count: pdf_pages(lengths.site / snapshot(f"lines-{count}")) for count in OUTCOMES}
    # The lengths span the page's end: the shortest fits on one page, the longest does not.
    assert len(pages_of[OUTCOMES[0]]) == 1 and len(pages_of[OUTCOMES[-1]]) == 2, {
        count: len(pages) for count, pages in pages_of.items()
    }
    for count, pages in pages_of.items():
        assert letters(CONTACT) in letters(pages[-1]), count
        if len(pages) > 1:
            # The last page carries at least one outcome of the project, above its foot.
            last = words(pages[-1])
            assert "Outcome number" in last.split("Sources")[0], (count, last)


def test_a_snapshot_of_two_pages_keeps_its_sources_with_its_contact_line(lengths: Build) -> None:
    for count in OUTCOMES:
        path = lengths.site / snapshot(f"lines-{count}")
        pages = pdf_pages(path)
        assert len(pypdf.PdfReader(path).pages) == len(pages)
        (with_sources,) = [page for page in pages if letters(SOURCE) in letters(page)]
        assert letters(CONTACT) in letters(with_sources), count
