"""The PDFs read as documents, not as a web page printed (issue 28): a fact's source is a numbered
note ("[2]") and its address is printed once in each PDF, in its list of sources; no address is
split at a hyphen; each summary names its page on the web; a pack's summaries follow one another,
so a project with little to say does not leave most of a page empty.

The fixture is built once more, with a source address of 130 characters cited by two projects of
the first cohort, a contact address full of hyphens and the site's address known."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from content_edits import edit
from page_text import pdf_pages, pdf_text, words
from site_builds import ALL_PACK, copy_fixture, mkdocs_build, snapshot

SITE_URL = "https://showcase.example.org/fernshire/"
LONG_SOURCE = (
    "https://example.org/dunmere-community-trust/annual-reports/2023-24/"
    "al-noor-wellbeing-circle-arabic-speaking-families-sessions-at-the-library"
)
SHARED_SOURCE = "https://example.org/gullhaven-health-partnership/about-us"  # Harbour Walks' organisation and PCN
# Longer than the rest of a snapshot's contact line: it must wrap, at its '@' or before it, not at a hyphen.
CONTACT = "link-worker-team.fernshire-connectors@north-fernshire-primary-care-alliance.example.org"
FIRST_PACK = "downloads/impact-summaries-2023-24.pdf"
CITING = ("al-noor-wellbeing-circle", "link-worker-retention-pilot")  # both cite LONG_SOURCE
LONGEST_ADDRESS_IN_BODY = 80  # characters: a summary's own web address fits; a long source does not


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("documents"))
    edit(root, "contact_email: connectors@fernshire.example.org", f"contact_email: {CONTACT}", "mkdocs.yml")
    edit(
        root,
        "sources: {organisation: https://example.org/dunmere-community-trust/al-noor}",
        f"sources: {{organisation: {LONG_SOURCE}}}",
    )
    edit(
        root,
        "    organisation: North Fernshire Primary Care Alliance\n    tags: [supervision]\n",
        f"    organisation: North Fernshire Primary Care Alliance\n    tags: [supervision]\n    sources: {{organisation: {LONG_SOURCE}}}\n",
    )
    result = mkdocs_build(root, env={"SHOWCASE_PDF": "1", "SHOWCASE_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def pdfs(site: Path) -> list[Path]:
    return sorted((site / "downloads").rglob("*.pdf"))


def joined(text: str) -> str:
    """The text with every space, line break and zero-width space (where an address may wrap) removed."""
    return "".join(text.split()).replace("\u200b", "")


def listed(sources: str) -> str:
    """A list of sources, joined, without its numbers."""
    return re.sub(r"\[\d+\]", "", joined(sources))


def body_and_sources(text: str) -> tuple[str, str]:
    """A PDF's text before its list of sources (its body), and from the list on: the last line
    "Sources" (a pack's contents has one too)."""
    found = list(re.finditer(r"^\f?Sources$", text, re.M))  # a page's first line follows its form feed
    return (text[: found[-1].start()], text[found[-1].start() :]) if found else (text, "")


def test_long_source_is_assumed_long():
    assert len(LONG_SOURCE) > 120


def test_each_source_address_is_printed_once_in_each_pdf_in_its_list_of_sources_not_after_the_fact(site: Path):
    """Two projects of the first cohort cite the same long page; Harbour Walks cites one page for
    two facts. Each address is printed once in each PDF that cites it, in the list at its end, and
    each fact carries the number it is listed under."""
    al_noor, pilot = "DunmereCommunityTrust", "NorthFernshirePrimaryCareAlliance"  # their lead organisations
    citing = {
        site / snapshot(CITING[0]): (al_noor,),
        site / snapshot(CITING[1]): (pilot,),
        site / ALL_PACK: (al_noor, pilot),
        site / FIRST_PACK: (al_noor, pilot),
    }
    for file in pdfs(site):
        body, sources = body_and_sources(pdf_text(file))
        for address in (LONG_SOURCE, SHARED_SOURCE):
            assert joined(address) not in joined(body), (file.name, address)
            # (A snapshot lists its sources in two columns: pdftotext may put a number inside an address.)
            assert listed(sources).count(joined(address)) <= 1, (file.name, address)
        if file in citing:
            assert listed(sources).count(joined(LONG_SOURCE)) == 1, file.name
            numbers = {re.search(rf"{name}\[(\d+)\]", joined(body)) for name in citing[file]}
            assert None not in numbers, file.name
            # One number for both organisations' source, listed (a pack's list is one column, in order).
            (number,) = {found.group(1) for found in numbers if found}
            assert f"[{number}]" in joined(sources), file.name
            if file.name.startswith("impact-summaries"):
                assert f"[{number}]{joined(LONG_SOURCE)}" in joined(sources), file.name
    harbour = pdf_text(site / snapshot("harbour-walks"))
    assert joined(harbour).count(joined(SHARED_SOURCE)) == 1


def test_no_address_longer_than_80_characters_is_printed_in_the_body_of_any_pdf(site: Path):
    for file in pdfs(site):
        body, _ = body_and_sources(pdf_text(file))
        for line in body.replace("\u200b", "").splitlines():
            for address in re.findall(r"https?://\S+", line):
                assert len(address) <= LONGEST_ADDRESS_IN_BODY, (file.name, address)


def test_the_contact_address_is_never_split_at_a_hyphen(site: Path):
    """On a snapshot's foot and a pack's back page, the contact address is whole on its line, or
    wraps after its '@'; a line never ends at one of its hyphens."""
    mailbox, domain = CONTACT.split("@")
    whole = (CONTACT, f"{mailbox}@", domain)
    for file in pdfs(site):
        text = pdf_text(file, layout=True)
        assert joined(CONTACT) in joined(text), file.name
        for line in text.splitlines():
            for piece in re.findall(r"[\w.@-]*(?:worker-team|fernshire-connectors@|fernshire-primary)[\w.@-]*", line):
                assert piece.rstrip(".") in whole, (file.name, line)


def test_each_summary_names_its_page_on_the_web_in_its_snapshot_and_in_the_packs(site: Path):
    pack = joined(pdf_text(site / ALL_PACK))
    links = {
        annotation.get_object()["/A"].get("/URI")
        for page in pypdf.PdfReader(site / ALL_PACK).pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    for slug in ("harbour-walks", "zest-peer-mentors", "al-noor-wellbeing-circle"):
        address = f"{SITE_URL}projects/{slug}/"
        assert joined(f"On the web: {address}") in joined(pdf_text(site / snapshot(slug))), slug
        assert pack.count(joined(address)) == 1, slug
        assert address in links, slug


def test_without_the_sites_address_a_summary_names_no_web_address(fixture_site):
    assert "On the web" not in pdf_text(fixture_site.site / ALL_PACK)
    assert "On the web" not in pdf_text(fixture_site.site / snapshot("harbour-walks"))


def test_a_packs_summaries_follow_one_another_so_short_ones_share_a_page(site: Path):
    """Not one page per project: the fixture's two short projects at the end of the first cohort
    (an aim and two or three facts each) are on one page, the rule between them."""
    pages = [words(page) for page in pdf_pages(site / ALL_PACK)]
    assert any("Link Worker Retention Pilot" in page and "Measuring What Matters" in page for page in pages)
    projects = 10
    assert len(pages) < 2 + 2 + projects + 1  # cover, contents, each cohort, a page a project, the back


def test_each_summary_in_a_pack_says_what_its_snapshot_says(site: Path):
    """The pack's summary is the snapshot's, word for word (its source numbers aside), though laid
    out in the pack's flow: from its name to the note under its facts."""
    pack = re.sub(r"\[\d+\]", "", joined(pdf_text(site / ALL_PACK)))
    pack = re.sub(r"(Impact|Project)summaries,allcohortsPage\d+of\d+", "", pack)
    for slug, name in (("harbour-walks", "Harbour Walks"), ("young-carers-connect", "Young Carers Connect")):
        text = re.split(r"^\f?(?:Sources$|To find out more, email)", pdf_text(site / snapshot(slug)), flags=re.M)[0]
        assert len(pdf_pages(site / snapshot(slug))) == 1, slug
        summary = re.sub(r"\[\d+\]", "", joined(text))
        summary = summary[summary.index(joined(name)) :]
        assert len(summary) > 200, slug
        assert summary in pack, slug
