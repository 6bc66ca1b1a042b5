"""The PDFs read as documents, not as a web page printed (issue 28): a fact's or a quote's source
is a numbered note ("[2]") and its address is printed once in each summary (or cohort's page),
in its list of sources at its foot; no address is split at a hyphen; each summary names its page
on the web; a project's pages in a pack are its snapshot, rendered once for every pack (two that
fit share a page, one below the other).

The fixture is built once more, with a source address of 130 characters cited by two projects of
the first cohort, a contact address full of hyphens and the site's address known."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from content_edits import edit
from page_text import pdf_pages, pdf_text, words
from showcase.identity import Licence, ProgrammeIdentity
from showcase.model import Programme
from showcase.pdf import PackDocument, PdfDocument, PdfSettings, plan_documents
from site_builds import ALL_PACK, REPO, copy_fixture, mkdocs_build, snapshot
from test_pdf import PROGRAMME, masthead, summaries_on

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
    """A page's text before its list of sources (its body), and from the list on: the last line
    "Sources"."""
    found = list(re.finditer(r"^\f?Sources$", text, re.M))  # a page's first line follows its form feed
    return (text[: found[-1].start()], text[found[-1].start() :]) if found else (text, "")


def test_a_pdfs_author_is_the_publisher_and_none_is_named_until_one_is_set(
    fixture_programme: Programme, tmp_path: Path
):
    """No source says the programme wrote the PDFs: their author is who publishes the site, once
    it is set (extra.programme.publisher), and no one before (issue 28)."""
    identity = ProgrammeIdentity(
        "Example Programme", "team@example.org", "Exampleshire", Licence("L", "https://l.example")
    )
    for publisher, author in (("", None), ("Example Health Partnership", "Example Health Partnership")):
        settings = PdfSettings(
            print_dir=REPO / "theme" / "print",
            cache_dir=tmp_path,
            programme_name=identity.name,
            identity=dataclasses.replace(identity, publisher=publisher),
            projects_file="data/projects.yaml",
            created=None,
        )
        documents = plan_documents(fixture_programme, settings)
        htmls = [html for document in documents for html in all_html(document)]
        assert len(htmls) > len(documents)
        for html in htmls:
            found = re.findall(r'<meta name="author" content="([^"]*)">', html)
            assert found == ([author] if author else []), publisher


def all_html(document: PdfDocument | PackDocument) -> list[str]:
    """A snapshot's HTML, or a pack's cover's and each of its parts'."""
    if isinstance(document, PackDocument):
        return [document.front.html, *(part.document.html for part in document.parts)]
    return [document.html]


def test_long_source_is_assumed_long():
    assert len(LONG_SOURCE) > 120


@pytest.mark.build
def test_each_source_address_is_printed_once_in_each_summary_in_its_list_of_sources_not_after_the_fact(
    site: Path,
):
    """Two projects of the first cohort cite the same long page; Harbour Walks cites one page for
    two facts. Each address is printed once in each summary that cites it (a snapshot, and the
    same summary in each pack: every fixture summary is one page, alone or sharing one), in the
    list at its foot, and each fact carries the number it is listed under there."""
    al_noor, pilot = "DunmereCommunityTrust", "NorthFernshirePrimaryCareAlliance"  # their lead organisations
    citing = {
        site / snapshot(CITING[0]): (al_noor,),
        site / snapshot(CITING[1]): (pilot,),
        site / ALL_PACK: (al_noor, pilot),
        site / FIRST_PACK: (al_noor, pilot),
    }
    for file in pdfs(site):
        found = []
        for summary in (summary for page in pdf_pages(file) for summary in summaries_on(page)):
            body, sources = body_and_sources(summary)
            for address in (LONG_SOURCE, SHARED_SOURCE):
                assert joined(address) not in joined(body), (file.name, address)
                # (A summary lists its sources in two columns: pdftotext may put a number inside an address.)
                assert listed(sources).count(joined(address)) <= 1, (file.name, address)
            for name in (al_noor, pilot):
                if (number := re.search(rf"{name}\[(\d+)\]", joined(body))) is not None:
                    found.append(name)
                    assert listed(sources).count(joined(LONG_SOURCE)) == 1, file.name
                    assert f"[{number.group(1)}]" in joined(sources), file.name
        if file in citing:
            assert found == list(citing[file]), file.name
        # Listed once by each summary that cites it (a facet's pack may hold one), and nowhere else.
        assert listed(pdf_text(file)).count(joined(LONG_SOURCE)) == len(found), file.name
    harbour = pdf_text(site / snapshot("harbour-walks"))
    assert joined(harbour).count(joined(SHARED_SOURCE)) == 1


@pytest.mark.build
def test_no_address_longer_than_80_characters_is_printed_in_the_body_of_any_pdf(site: Path):
    for file in pdfs(site):
        for summary in (summary for page in pdf_pages(file) for summary in summaries_on(page)):
            body, _ = body_and_sources(summary)
            for line in body.replace("\u200b", "").splitlines():
                for address in re.findall(r"https?://\S+", line):
                    assert len(address) <= LONGEST_ADDRESS_IN_BODY, (file.name, address)


@pytest.mark.build
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


@pytest.mark.build
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


def without_footer(text: str) -> str:
    """A summary's words without the footer of the page it ends on: the page's number, and the
    running title (a snapshot's, the programme; a pack's own page's, "Project summaries, ...")."""
    text = words(re.sub(r"Page \d+ of \d+", "", text))
    return re.sub(rf" (?:{re.escape(PROGRAMME)}|Project summaries, [^.]*)$", "", text)


@pytest.mark.build
def test_a_projects_pages_in_every_pack_are_its_snapshots_pages(site: Path, fixture_programme: Programme):
    """Each project is laid out once: its summary in each pack that holds it (the programme's, its
    cohort's, its theme's, area's and ICB's) is its snapshot's, word for word, the sources at
    its foot numbered from 1 as in the snapshot; only the pack's page number is added, and a
    summary that fits below the page before it (a project's or its cohort's) is there, below its
    own masthead, and the page's footer (its running title) is that page's."""
    packs = [file for file in pdfs(site) if "snapshots" not in file.parts]
    assert len(packs) > 3
    in_packs = {
        pack: [
            (len(pieces), without_footer(piece))
            for page in pdf_pages(pack)
            for pieces in [summaries_on(page)]
            for piece in pieces
        ]
        for pack in packs
    }
    sharing = 0
    for project in fixture_programme.projects:
        (own,) = [without_footer(page) for page in pdf_pages(site / snapshot(project))]
        holding = 0
        for pack in packs:
            shown = [(on_page, text) for on_page, text in in_packs[pack] if text.startswith(masthead(project) + " ")]
            holding += len(shown)
            sharing += sum(on_page == 2 for on_page, _ in shown)
            assert [text for _, text in shown] in ([], [own]), (pack.name, project.slug)
        assert holding >= 3, project.slug  # the programme's pack, its cohort's, and at least its theme's
        if project.slug in ("harbour-walks", CITING[1]):
            assert "[1]" in own and len(own) > 400, project.slug
    assert sharing >= 6  # two projects on a page in several packs


@pytest.mark.build
def test_no_word_runs_off_its_page(site: Path):
    """Every printed word ends inside its page's margin: an address with a name longer than a
    column's line (LONG_SOURCE's last part) wraps after a hyphen rather than run off the page."""
    for file in pdfs(site):
        found = subprocess.run(["pdftotext", "-bbox", str(file), "-"], capture_output=True, text=True, check=True)
        width = 0.0
        for line in found.stdout.splitlines():
            if page := re.search(r'<page width="([\d.]+)"', line):
                width = float(page[1])
            elif word := re.search(r'xMax="([\d.]+)"[^>]*>([^<]*)<', line):
                assert float(word[1]) <= width - 20, (file.name, word[2])  # 20 pt: 7 mm of margin
