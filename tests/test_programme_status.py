"""A programme that has ended says so, on the home page and in its PDFs, and gives its contact
address as the last one it published, not as a service that will answer."""

from __future__ import annotations

from pathlib import Path

from content_edits import edit
from page_text import pdf_pages, text_of, words
from site_builds import ALL_PACK, Build, run_mkdocs_build, snapshot

STATUS = "The Fernshire programme ended in 2025; this showcase is a record of its projects."
PAGE = "https://fernshire.example.org/connectors/"


def test_a_programme_that_has_ended_says_so_on_its_home_page_and_in_its_pdfs(fixture_copy: Path):
    edit(
        fixture_copy,
        '    status: ""\n    programme_page: ""\n',
        f'    status: "{STATUS}"\n    programme_page: {PAGE}\n',
        file="mkdocs.yml",
    )
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    home = build.html("")
    assert f'{STATUS} <a href="{PAGE}">Read the programme’s own page</a>.' in home
    assert text_of(home).index(STATUS) < text_of(home).index("At a glance")  # before anything else
    pack = [words(page) for page in pdf_pages(build.site / ALL_PACK)]
    assert STATUS in pack[0], "the cover"
    assert (
        STATUS in pack[-1]
        and PAGE in pack[-1].replace(" ", "")
        and "The last contact address the programme published is" in pack[-1]
    )
    assert "The programme’s last published contact address" in words(
        " ".join(pdf_pages(build.site / snapshot("harbour-walks")))
    )


def test_a_running_programme_says_nothing_of_an_end(fixture_site: Build):
    assert "sc-status" not in fixture_site.html("")
    pack = [words(page) for page in pdf_pages(fixture_site.site / ALL_PACK)]
    assert "email the programme’s team" in pack[-1]
