"""A page printed from the browser reads as a document, as the PDFs do: each link to another website
carries a number ("[2]"), each address is printed once, under its number, at the foot of the page,
and the page's text is no bigger on paper than the 11 pt text around it. On screen nothing changes."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from browser import axe_violations
from showcase.web.printed_links import note_links
from site_builds import NAMES, Build

NOTE = re.compile(r'<span class="sc-link-note">\[(\d+)\]</span>')
LISTED = re.compile(r"<li>\[(\d+)\] ([^<]+)</li>")
WALKS = "projects/harbour-walks/"

# One of each page type whose content links to another website, and two that do not.
PAGES = [
    "",
    "cohorts/2023-24/",
    "projects/harbour-walks/",
    "projects/young-carers-connect/",
    "themes/access/",
    f"{NAMES.areas}/st-faras-and-linton/",
    f"{NAMES.groups}/fc/",
    "accessibility/",
    "privacy/",
    "licence/",
]


def test_each_address_gets_the_number_of_its_first_link_in_reading_order():
    page = (
        '<p><a href="https://b.example/">B</a> then <a href="/projects/">ours</a>'
        ' and <a href="https://a.example/x?y=1&amp;z=2">A</a>, <a href="https://b.example/">B again</a>.</p>'
    )
    noted = note_links(page)
    assert noted.html == (
        '<p><a href="https://b.example/">B</a><span class="sc-link-note">[1]</span> then <a href="/projects/">ours</a>'
        ' and <a href="https://a.example/x?y=1&amp;z=2">A</a><span class="sc-link-note">[2]</span>,'
        ' <a href="https://b.example/">B again</a><span class="sc-link-note">[1]</span>.</p>'
    )
    assert noted.listed == ((1, "https://b.example/"), (2, "https://a.example/x?y=1&z=2"))


def test_only_the_notes_are_added_and_every_other_character_is_kept():
    page = (
        "<!doctype html>\n<p>Caf&eacute; &amp; <b>bold</b><br>\n<!-- a comment -->\n"
        '<a href="https://a.example/"\n   class="x">a <span>link</span>\n</a>\n'
        "<script>if (1 < 2) {}</script></p>\n"
        '<a href="https://c.example/">at the very end</a>'
    )
    noted = note_links(page)
    assert NOTE.sub("", noted.html) == page
    assert [int(number) for number in NOTE.findall(noted.html)] == [1, 2]
    assert noted.html.endswith('end</a><span class="sc-link-note">[2]</span>')


def test_a_link_that_shows_its_address_an_e_mail_address_or_a_drawing_carries_no_note():
    page = (
        '<p><a href="https://a.example/">https://a.example</a> <a href="https://b.example/x/">b.example/x</a>'
        ' <a href="mailto:team@example.org">team@example.org</a>'
        ' <svg><a href="https://c.example/"><text>C</text></a></svg></p>'
    )
    noted = note_links(page)
    assert noted.html == page
    assert noted.listed == ()


@pytest.mark.parametrize("path", PAGES)
def test_every_note_on_a_page_has_its_address_listed_once_at_the_foot(fixture_site: Build, path: str):
    page = fixture_site.html(path)
    article = page[page.index('<article class="md-content__inner') : page.index("</main>")]
    notes = {int(number) for number in NOTE.findall(article)}
    listed = LISTED.findall(article)
    assert [int(number) for number, _ in listed] == list(range(1, len(listed) + 1))
    assert notes == {int(number) for number, _ in listed}
    addresses = [address for _, address in listed]
    assert len(set(addresses)) == len(addresses)
    if notes:  # the list is the article's last part, after everything it numbers
        assert article.rindex('class="sc-link-note"') < article.index('class="sc-printed-links"')


def test_the_fixtures_pages_cite_other_websites(fixture_site: Build):
    """The test above tests something: a project, its cohort and the legal pages carry notes."""
    for path in ("cohorts/2023-24/", WALKS, "accessibility/"):
        assert NOTE.search(fixture_site.html(path)), path


# The text sizes a printed project page gives its body text, its aim and its quotes, in px.
TEXT_SIZES = """() => {
  const size = selector => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
  return {body: size('article.md-typeset'), aim: size('.sc-aim__text p'), quote: size('.sc-quote blockquote p')};
}"""


def test_a_printed_project_page_lists_each_address_once_under_the_number_its_links_carry(
    browser: Browser, site_url: str, tmp_path: Path
):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + WALKS)
    addresses = page.locator(".sc-printed-links li").all_text_contents()
    assert len(addresses) >= 3
    pdf = tmp_path / "walks.pdf"
    page.pdf(path=str(pdf), format="A4")
    # NFKC: the PDF's text has the font's ligatures ("ﬁ") where the page has letters.
    text = unicodedata.normalize("NFKC", "\n".join(sheet.extract_text() for sheet in PdfReader(pdf).pages))
    body, listed = text.rsplit("Sources", 1)
    # A long address wraps at any character: read across the lines.
    flat = "".join(text.split())
    for entry in addresses:
        number, address = entry.split(maxsplit=1)
        assert flat.count(address) == 1, address
        assert number + address in "".join(listed.split())
    notes = set(re.findall(r"\[(\d+)\]", body))
    entries = set(re.findall(r"\[(\d+)\]", listed))
    assert notes == entries == {str(number) for number in range(1, len(addresses) + 1)}
    assert "(https://" not in flat  # no address printed after its link
    page.emulate_media(media="print")
    sizes = page.evaluate(TEXT_SIZES)
    assert sizes["aim"] <= 1.3 * sizes["body"] and sizes["quote"] <= 1.3 * sizes["body"], sizes
    context.close()


def test_on_screen_the_notes_and_the_list_are_neither_shown_nor_read_out(browser: Browser, site_url: str):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + WALKS)
    assert page.locator(".sc-link-note").count() >= 3
    for selector in (".sc-link-note", ".sc-printed-links"):
        assert all(not element.is_visible() for element in page.locator(selector).all()), selector
    assert page.get_by_role("heading", name="Sources").count() == 0  # display: none leaves the tree
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    assert page.locator(".sc-printed-links").is_visible()
    assert page.locator(".sc-link-note").first.is_visible()
    context.close()


def _inked_depth(png: Path) -> float:
    """How far down a printed page its last mark is, as a share of the page's height."""
    from PIL import Image

    with Image.open(png) as sheet:
        box = sheet.convert("L").point(lambda level: 255 if level < 200 else 0).getbbox()
        return box[3] / sheet.height if box else 0.0


def test_a_printed_cohort_page_fills_its_sheets_and_keeps_each_heading_with_what_follows(
    browser: Browser, site_url: str, tmp_path: Path
):
    """Issue 31: a printed cohort page left half of a page blank before a row of charts or cards
    (Chromium moves a grid's row whole), and a heading may not end a sheet."""
    import subprocess

    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "cohorts/2023-24/")
    headings = [" ".join(text.split()) for text in page.locator("article h2, article h3").all_text_contents()]
    pdf = tmp_path / "cohort.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4")
    context.close()
    sheets = PdfReader(pdf).pages
    assert len(sheets) >= 2  # else nothing here is tested
    for number, sheet in enumerate(sheets[:-1], 1):
        lines = [" ".join(line.split()) for line in sheet.extract_text().splitlines() if line.strip()]
        assert lines[-1] not in headings, f"sheet {number} ends with the heading {lines[-1]!r}"
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "sheet")], check=True)
    depths = [_inked_depth(png) for png in sorted(tmp_path.glob("sheet-*.png"))]
    assert len(depths) == len(sheets)
    # Every sheet but the last is printed at least two thirds of the way down.
    assert all(depth > 2 / 3 for depth in depths[:-1]), depths
