"""The PDFs: the impact-summary pack and the project snapshots, parsed as a reader's tools see them.

The real 12-project site is built once per run (conftest's `real_site`); edge cases build tiny
copies with one or two synthetic projects, so each costs a second or two.
"""

from __future__ import annotations

import datetime as dt
import html
import http.server
import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator

import page  # page-validation: a PDF/UA checker
import pypdf
import pytest

from conftest import REPO, Build, copy_project, run_mkdocs_build
from showcase.load import ProgrammeSources, load_programme
from showcase.model import Programme
from showcase.pdf import pdf_creation_date
from showcase.text import size_label

PACK = "downloads/impact-summaries-2022-23.pdf"
COHORT = "2022/23 pilot cohort"
PROGRAMME = "Social Prescribing Innovators Programme"
CONTACT = "rf-tr.socialprescribing@nhs.net"
RENDERED = re.compile(r"Showcase PDFs: rendered (\d+) of (\d+) ")
# pdftotext wraps right-to-left text in directional marks: they are layout, not text.
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load_programme(ProgrammeSources.in_folder(REPO))


# -- reading PDFs ------------------------------------------------------------------------------

def pdftotext(path: Path) -> list[str]:
    """The text of each page, as poppler's pdftotext extracts it."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout.translate(BIDI_MARKS).split("\f")[:-1]


def words(text: str) -> str:
    """Whitespace collapsed: a line break inside a sentence reads as a space."""
    return " ".join(text.split())


def letters(text: str) -> str:
    """Whitespace and hyphens removed: a line may break after a hyphen or a slash, where there
    was no space, and pdftotext drops the hyphen that ends a line."""
    return "".join(text.split()).replace("-", "")


def starts_with(page: str, text: str) -> bool:
    return letters(page).startswith(letters(text))


def starts_project_page(page: str, project) -> bool:
    """A project's page in a pack is its snapshot: the masthead, then the project's name."""
    return starts_with(page, f"{PROGRAMME} Project snapshot · {project.cohort.title} {project.name}")


def pypdf_text(path: Path) -> str:
    return words(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def outline_titles(reader: pypdf.PdfReader, items=None) -> list:
    """The bookmarks as nested lists of (title, page number from 1)."""
    tree = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            tree.append(outline_titles(reader, item))
        else:
            tree.append((item.title, reader.get_destination_page_number(item) + 1))
    return tree


def link_targets(path: Path) -> tuple[set[str], set[str]]:
    """The web addresses and the in-document destinations that the PDF's links go to."""
    uris, destinations = set(), set()
    for page in pypdf.PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation["/Subtype"] != "/Link":
                continue
            if "/A" in annotation and "/URI" in annotation["/A"]:
                uris.add(str(annotation["/A"]["/URI"]))
            elif "/Dest" in annotation:
                destinations.add(str(annotation["/Dest"]))
    return uris, destinations


def rendered_counts(build: Build) -> tuple[int, int]:
    found = RENDERED.findall(build.output)
    assert len(found) == 1, build.output
    return int(found[0][0]), int(found[0][1])


# -- tiny sites --------------------------------------------------------------------------------

THEMES = """themes:
  - id: access
    title: Access, uptake and experience
    description: Helping people find and use social prescribing.
"""


def tiny_site(root: Path, records: str) -> Path:
    """A copy of the project whose only projects are `records` (YAML list items), with a second
    cohort, 2023-24, for them to use."""
    copy_project(root)
    (root / "content" / "cohorts" / "2023-24.md").write_text("---\ntitle: 2023/24 cohort\n---\n", "utf-8")
    for narrative in (root / "content" / "projects").glob("*.md"):
        narrative.unlink()
    (root / "data" / "projects.yaml").write_text(THEMES + "projects:\n" + records, "utf-8")
    return root


def record_line(root: Path, slug: str) -> int:
    lines = (root / "data" / "projects.yaml").read_text("utf-8").splitlines()
    return lines.index(f"  - slug: {slug}") + 1


# -- what exists and where it is linked from ---------------------------------------------------

def test_every_cohort_has_a_pack_and_every_project_a_snapshot_linked_with_type_and_size(real_site: Build, programme: Programme):
    pack = real_site.site / PACK
    assert pack.is_file()
    # One cohort: no separate all-cohorts pack; the programme's links go to the cohort's.
    assert sorted(p.name for p in (real_site.site / "downloads").glob("*.pdf")) == ["impact-summaries-2022-23.pdf"]
    pack_link = f"Download the impact summaries of the {COHORT} (PDF, {size_label(pack.stat().st_size)})"
    for page, href in (("", PACK), ("projects/", f"../{PACK}"), ("cohorts/2022-23/", f"../../{PACK}")):
        assert f'<a href="{href}">{html.escape(pack_link, quote=False)}</a>' in real_site.html(page), page
    for project in programme.projects:
        snapshot = real_site.site / f"downloads/snapshots/{project.slug}.pdf"
        assert snapshot.is_file(), project.slug
        link = f"Download this project’s snapshot (PDF, {size_label(snapshot.stat().st_size)})"
        assert f'<a href="../../downloads/snapshots/{project.slug}.pdf">{link}</a>' in real_site.html(f"projects/{project.slug}/")
    assert re.fullmatch(r"\d+ KB", size_label(pack.stat().st_size))


def test_size_labels_read_as_people_expect():
    assert [size_label(n) for n in (1, 1024, 86_000, 1_300_000)] == ["1 KB", "1 KB", "84 KB", "1.2 MB"]


# -- the pack ----------------------------------------------------------------------------------

def test_pack_runs_cover_contents_cohort_one_page_per_project_then_contact(real_site: Build, programme: Programme):
    pages = pdftotext(real_site.site / PACK)
    assert len(pypdf.PdfReader(real_site.site / PACK).pages) == len(pages)
    created = pdf_creation_date(programme, os.environ.get("SOURCE_DATE_EPOCH"))
    cover = words(pages[0])
    for text in ("NHS London", PROGRAMME, "Impact summaries", COHORT, "12 projects",
                 f"Data as of {created.day} {created:%B %Y}"):
        assert text in cover
    assert words(pages[1]).startswith("Contents")
    assert words(pages[2]).startswith(COHORT)
    # Each project starts a page, in the order of the site (by name), each on its own page(s).
    starts = [next(n for n, page in enumerate(pages) if starts_project_page(page, project)) for project in programme.projects]
    assert starts == sorted(starts) and len(set(starts)) == 12 and starts[0] == 3
    assert CONTACT in pages[-1] and words(pages[-1]).startswith("Contact")
    # The running footer: "Page n of N" on every page but the cover.
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {len(pages)}" in page


def test_contents_gives_the_page_each_project_starts_on(real_site: Build, programme: Programme):
    pages = pdftotext(real_site.site / PACK)
    listed = dict(re.findall(r"^(.+?) \.{3,} (\d+)$", pages[1], flags=re.M))
    for project in programme.projects:
        page = int(listed[project.name])
        assert starts_project_page(pages[page - 1], project), project.name
    assert words(pages[int(listed["Contact"]) - 1]).startswith("Contact")


def test_bookmarks_are_the_cohort_then_each_project_in_order_at_its_page(real_site: Build, programme: Programme):
    reader = pypdf.PdfReader(real_site.site / PACK)
    pages = pdftotext(real_site.site / PACK)
    (cohort, cohort_page), projects = outline_titles(reader)
    assert cohort == COHORT and cohort_page == 3
    assert [title for title, _ in projects] == [project.name for project in programme.projects]
    for project, (_, page) in zip(programme.projects, projects):
        assert starts_project_page(pages[page - 1], project)


def page_image(path: Path, page: int, tmp_path: Path) -> bytes:
    """Page `page` (from 1) drawn by poppler in grey at 50 dpi, without its bottom 15 mm
    (the running footer): a PGM image's bytes."""
    out = tmp_path / f"{path.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-f", str(page), "-l", str(page), "-H", str(585 - 30),
                    "-singlefile", str(path), str(out)], check=True)
    return out.with_suffix(".pgm").read_bytes()


def test_each_project_page_of_the_pack_looks_exactly_like_its_snapshot(real_site: Build, programme: Programme, tmp_path: Path):
    """The pack reuses each snapshot's pages, with one copy of each font for all of them: a
    glyph missing from that copy, or a page put in the wrong place, would draw differently."""
    pages = pdftotext(real_site.site / PACK)
    for project in programme.projects:
        number = next(n for n, page in enumerate(pages, start=1) if starts_project_page(page, project))
        snapshot = real_site.site / f"downloads/snapshots/{project.slug}.pdf"
        assert page_image(real_site.site / PACK, number, tmp_path) == page_image(snapshot, 1, tmp_path), project.slug
    fonts = subprocess.run(["pdffonts", str(real_site.site / PACK)], capture_output=True, text=True, check=True).stdout
    listing = [line.split()[0].partition("+")[2] for line in fonts.splitlines()[2:]]
    assert len(listing) == len(set(listing)), f"one font dictionary per font: {listing}"
    pack = pypdf.PdfReader(real_site.site / PACK)
    font_files = {
        descriptor.raw_get("/FontFile2").idnum
        for page in pack.pages for font in page["/Resources"]["/Font"].values()
        for descendant in font.get_object()["/DescendantFonts"]
        for descriptor in [descendant.get_object()["/FontDescriptor"].get_object()]
    }
    assert len(font_files) == len(set(listing)), "one font program per font"


def test_the_pack_has_one_structure_tree_and_page_numbers_are_artifacts(real_site: Build):
    """PDF/UA: every marked piece of content on every page leads to an element of the one tree,
    every link annotation to a Link element, and page numbers are not read out as content."""
    reader = pypdf.PdfReader(real_site.site / PACK)
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    (document,) = root["/K"]
    document = document.get_object()
    assert document["/S"] == "/Document"
    numbers = root["/ParentTree"]["/Nums"]
    parents = {numbers[index]: numbers[index + 1] for index in range(0, len(numbers), 2)}
    assert root["/ParentTreeNextKey"] > max(parents)

    def kinds_up_to_the_document(element) -> set[str]:
        """The kinds of the element and its ancestors; empty if they do not reach the Document."""
        kinds = set()
        while element.get("/S") is not None:
            if element.indirect_reference == document.indirect_reference:
                return kinds
            kinds.add(element["/S"])
            element = element["/P"].get_object()
        return set()

    kinds: set[str] = set()
    for number, page in enumerate(reader.pages, start=1):
        marked = parents[page["/StructParents"]]
        for element in marked:
            element = element.get_object()
            assert element.raw_get("/Pg").idnum == page.indirect_reference.idnum, number
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            assert parents[annotation["/StructParent"]].get_object()["/S"] == "/Link", number
        contents = page.get_contents().get_data()
        folio = re.search(rb"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q (/ShowcaseFolio\d+) Do Q EMC", contents)
        assert folio, number
        for element in marked:
            kinds |= kinds_up_to_the_document(element.get_object())
    assert {"/H1", "/H2", "/P", "/Link", "/L", "/LI", "/BlockQuote", "/Art"} <= kinds


def test_pack_and_snapshots_are_tagged_with_title_language_and_metadata(real_site: Build, programme: Programme):
    created = pdf_creation_date(programme, os.environ.get("SOURCE_DATE_EPOCH"))
    mens = next(project for project in programme.projects if project.slug == "mens-project-tower-hamlets")
    for path, title, keywords in (
        (PACK, f"Impact summaries: {COHORT} – {PROGRAMME}", "impact summaries, 2022/23 pilot cohort"),
        ("downloads/snapshots/mens-project-tower-hamlets.pdf", f"{mens.name}: project snapshot – {PROGRAMME}",
         "Tower Hamlets, North East London, men, co-production"),
    ):
        reader = pypdf.PdfReader(real_site.site / path)
        info = reader.metadata
        assert info["/Title"] == title
        assert info["/Author"] == PROGRAMME
        assert PROGRAMME in info["/Subject"]
        assert "social prescribing, NHS London" in info["/Keywords"] and keywords in info["/Keywords"]
        assert info["/CreationDate"] == info["/ModDate"] == f"D:{created:%Y%m%d%H%M%S}Z"
        catalog = reader.trailer["/Root"]
        assert catalog["/Lang"] == "en-GB"
        assert "/StructTreeRoot" in catalog
        assert bool(catalog["/MarkInfo"]["/Marked"])
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])


def pdf_ua_failures(path: Path) -> list[str]:
    """What the `page` validator (page-validation on PyPI) finds against PDF/UA-1, as rule ids."""
    report = page.validate_pdf(str(path), profile=page.ValidationProfile.PDF_UA_1)
    return [f"{failure.rule_id}: {failure.message}" for failure in report.failures]


def test_every_pdf_passes_the_pdf_ua_checks(real_site: Build):
    for path in sorted((real_site.site / "downloads").rglob("*.pdf")):
        assert pdf_ua_failures(path) == [], path.name


def test_pdfs_embed_only_the_fonts_committed_in_the_project(real_site: Build):
    for path in (real_site.site / PACK, *sorted((real_site.site / "downloads/snapshots").glob("*.pdf"))[:3]):
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = [line.split() for line in listing.splitlines()[2:]]
        assert rows, listing
        for row in rows:
            name, embedded, subset, unicode = row[0], row[-5], row[-4], row[-3]
            assert re.fullmatch(r"[A-Z]{6}\+Showcase-(Sans|Arabic)(-Bold|-Italic)?", name), listing
            assert (embedded, subset, unicode) == ("yes", "yes", "yes"), listing


def test_every_name_aim_quote_and_outcome_can_be_copied_from_the_pack_and_its_snapshot(real_site: Build, programme: Programme):
    pack = pdftotext(real_site.site / PACK)
    pack_letters = letters(" ".join(pack))
    for project in programme.projects:
        snapshot = " ".join(pdftotext(real_site.site / f"downloads/snapshots/{project.slug}.pdf"))
        for text in (project.name, project.aim, *project.outcomes, *(q.text for q in project.quotes),
                     *(q.attribution for q in project.quotes)):
            assert letters(text) in pack_letters, (project.slug, text)
            assert letters(text) in letters(snapshot), (project.slug, text)
        assert letters(project.name) in letters(snapshot)
    for quote in programme.cohorts[0].quotes:
        assert letters(quote.text) in pack_letters and letters(quote.attribution) in pack_letters


def test_unconfirmed_facts_are_labelled_and_unknown_facts_are_left_out(real_site: Build):
    hbd = words(" ".join(pdftotext(real_site.site / "downloads/snapshots/hbd-womens-health-network.pdf")))
    assert "Borough Lambeth (South East London ICB) (unconfirmed)" in hbd
    assert "Challenge theme Access, uptake and experience (unconfirmed)" in hbd
    assert "(unconfirmed) marks a fact the programme has not published" in hbd
    unplaced = words(" ".join(pdftotext(real_site.site / "downloads/snapshots/my-community-social-prescribing-evaluation-project.pdf")))
    for absent in ("Borough", "Lead organisation", "Outcomes", "In their words", "TBC"):
        assert absent not in unplaced


def test_links_in_the_pdfs_are_clickable(real_site: Build, programme: Programme):
    uris, destinations = link_targets(real_site.site / PACK)
    cohort = programme.cohorts[0]
    expected = {cohort.source, f"mailto:{CONTACT}", *(q.source for q in cohort.quotes)}
    for project in programme.projects:
        expected |= {link.url for link in project.links} | {q.source for q in project.quotes if q.source}
    assert expected <= uris
    # The contents links to each project's page inside the PDF.
    assert {f"project-{project.slug}" for project in programme.projects} | {"cohort-2022-23", "contact"} <= destinations
    mens_uris, _ = link_targets(real_site.site / "downloads/snapshots/mens-project-tower-hamlets.pdf")
    mens = next(project for project in programme.projects if project.slug == "mens-project-tower-hamlets")
    assert {link.url for link in mens.links} | {f"mailto:{CONTACT}"} <= mens_uris


def test_snapshots_fit_on_one_page_and_carry_their_project_as_bookmark(real_site: Build, programme: Programme):
    for project in programme.projects:
        reader = pypdf.PdfReader(real_site.site / f"downloads/snapshots/{project.slug}.pdf")
        assert len(reader.pages) == 1, project.slug
        assert outline_titles(reader) == [(project.name, 1)]
        text = pdftotext(real_site.site / f"downloads/snapshots/{project.slug}.pdf")[0]
        assert starts_with(text, f"{PROGRAMME} Project snapshot · {COHORT} {project.name}")
        assert CONTACT in text and "Page 1 of" not in text  # page numbers are the pack's


# -- languages, escaping, dates ----------------------------------------------------------------

ARABIC = "الوصفات الاجتماعية ساعدتني على التعرف على جيراني"
POLISH = "Żaneta mówi: łącznik zmienił moje życie, dziękuję ślicznie."
SOMALI = "Waxaan ku faraxsanahay in aan ka qayb qaato barnaamijka, mahadsanid."

ALL_PACK = "downloads/impact-summaries.pdf"
WORLD_RECORDS = f"""  - slug: laczymy-sasiadow
    name: Łączymy sąsiadów <b>razem</b>
    cohort: 2022-23
    theme: access
    aim: To help Polish, Somali and Arabic speakers in Ealing find social prescribing.
    boroughs: [Ealing]
    quotes:
      - text: {ARABIC}
        attribution: مشاركة في المشروع
      - text: "{POLISH}"
        attribution: Żaneta, uczestniczka
      - text: "{SOMALI}"
        attribution: Cabdi, ka qaybgale
  - slug: second-wave
    name: Second wave
    cohort: 2023-24
    theme: access
    aim: To try it again a year later.
"""


@pytest.fixture(scope="module")
def world_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A tiny site of two cohorts, one project each, one of them quoted in Arabic, Polish and
    Somali; built with a SOURCE_DATE_EPOCH (14 November 2023, 22:13:20 UTC)."""
    root = tiny_site(tmp_path_factory.mktemp("world"), WORLD_RECORDS)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        build = run_mkdocs_build(root)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    assert build.returncode == 0, build.output
    return build


def test_quotes_in_arabic_polish_and_somali_are_copied_exactly(world_site: Build):
    for path in ("downloads/snapshots/laczymy-sasiadow.pdf", PACK, ALL_PACK):
        extracted = {"pdftotext": words(" ".join(pdftotext(world_site.site / path))),
                     "pypdf": pypdf_text(world_site.site / path)}
        for tool, text in extracted.items():
            for quote in (ARABIC, "مشاركة في المشروع", POLISH, "Żaneta, uczestniczka", SOMALI, "Łączymy sąsiadów"):
                assert quote in text, (path, tool, quote)
    fonts = subprocess.run(["pdffonts", str(world_site.site / ALL_PACK)], capture_output=True, text=True).stdout
    assert "Showcase-Arabic" in fonts
    for path in sorted((world_site.site / "downloads").rglob("*.pdf")):  # two cohorts, right to left
        assert pdf_ua_failures(path) == [], path.name


def test_several_cohorts_get_a_pack_each_and_one_for_all_with_a_bookmark_per_cohort(world_site: Build):
    downloads = sorted(p.name for p in (world_site.site / "downloads").glob("*.pdf"))
    assert downloads == ["impact-summaries-2022-23.pdf", "impact-summaries-2023-24.pdf", "impact-summaries.pdf"]
    reader = pypdf.PdfReader(world_site.site / ALL_PACK)
    assert [title if isinstance(title, list) else title[0] for title in outline_titles(reader)] == [
        COHORT, [("Łączymy sąsiadów <b>razem</b>", 4)], "2023/24 cohort", [("Second wave", 6)]]
    pages = pdftotext(world_site.site / ALL_PACK)
    assert "All cohorts" in pages[0] and "2 projects in 2 cohorts" in pages[0]
    assert starts_with(pages[5], f"{PROGRAMME} Project snapshot · 2023/24 cohort Second wave")  # its cohort above its name
    assert reader.metadata["/Title"] == f"Impact summaries: all cohorts – {PROGRAMME}"
    # The programme's pages link the pack of all cohorts; a cohort's page its own.
    assert 'href="downloads/impact-summaries.pdf">Download the impact summaries of all 2 projects (PDF, ' in world_site.html("")
    assert 'href="../downloads/impact-summaries.pdf"' in world_site.html("projects/")
    assert 'href="../../downloads/impact-summaries-2023-24.pdf">Download the impact summaries of the 2023/24 cohort' in world_site.html("cohorts/2023-24/")


LONG_SUMMARY = "\n\n".join(
    f"      Paragraph {number}. " + "The link workers met people where they were and listened to what mattered to them. " * 12
    for number in range(1, 9))

LONG_RECORDS = f"""  - slug: a-long-story
    name: A long story
    cohort: 2022-23
    theme: access
    aim: To tell the whole story.
    summary: |
{LONG_SUMMARY}
  - slug: brief
    name: Brief
    cohort: 2022-23
    theme: access
    aim: To be brief.
  - slug: concise
    name: Concise
    cohort: 2022-23
    theme: access
    aim: To be concise.
"""


def test_a_two_page_snapshot_takes_two_pages_of_the_pack_and_every_number_follows(tmp_path: Path):
    build = run_mkdocs_build(tiny_site(tmp_path / "project", LONG_RECORDS))
    assert build.returncode == 0, build.output
    assert len(pypdf.PdfReader(build.site / "downloads/snapshots/a-long-story.pdf").pages) == 2
    reader = pypdf.PdfReader(build.site / PACK)
    pages = pdftotext(build.site / PACK)
    # cover, contents, the cohort, the long project (2 pages), the two others, the contact
    assert len(pages) == len(reader.pages) == 8
    listed = dict(re.findall(r"^(.+?) \.{3,} (\d+)$", pages[1], flags=re.M))
    assert {name: int(page) for name, page in listed.items()} == {
        COHORT: 3, "A long story": 4, "Brief": 6, "Concise": 7, "Contact": 8}
    assert "Paragraph 8" in pages[4]  # the long project goes on over the page
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of 8" in page
    (cohort, cohort_page), projects = outline_titles(reader)
    assert (cohort, cohort_page) == (COHORT, 3) and projects == [("A long story", 4), ("Brief", 6), ("Concise", 7)]
    _, destinations = link_targets(build.site / PACK)
    assert {"project-a-long-story", "project-brief", "project-concise", "cohort-2022-23", "contact"} <= destinations
    assert pdf_ua_failures(build.site / PACK) == []


def test_markup_in_the_data_is_printed_as_text(world_site: Build):
    text = words(" ".join(pdftotext(world_site.site / "downloads/snapshots/laczymy-sasiadow.pdf")))
    assert "Łączymy sąsiadów <b>razem</b>" in text
    reader = pypdf.PdfReader(world_site.site / "downloads/snapshots/laczymy-sasiadow.pdf")
    assert outline_titles(reader) == [("Łączymy sąsiadów <b>razem</b>", 1)]


def test_source_date_epoch_sets_the_pdfs_date_and_the_cover(world_site: Build):
    reader = pypdf.PdfReader(world_site.site / PACK)
    assert reader.metadata["/CreationDate"] == "D:20231114221320Z"
    assert "Data as of 14 November 2023" in words(pdftotext(world_site.site / PACK)[0])


def test_without_source_date_epoch_the_date_comes_from_the_data_not_the_clock(programme: Programme):
    assert pdf_creation_date(programme, None) == dt.datetime(2023, 5, 16, tzinfo=dt.timezone.utc)
    assert pdf_creation_date(programme, "0") == dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH should be a whole number of seconds since 1970, not 'soon'"):
        pdf_creation_date(programme, "soon")


# -- safety ------------------------------------------------------------------------------------

class RecordingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """A local web server that records every request it gets."""
    handler = type("Handler", (RecordingHandler,), {"requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", handler.requests
    server.shutdown()


def test_pdfs_load_nothing_from_the_network_or_outside_the_project_and_say_so(
        tmp_path: Path, recording_server: tuple[str, list[str]]):
    base, requests = recording_server
    root = tiny_site(tmp_path / "project", f"""  - slug: charted
    name: Charted project
    cohort: 2022-23
    theme: access
    aim: To chart what changed.
    summary: |
      The team measured it.

      ![Chart of referrals]({base}/chart.png)

      ![Map of the borough](/etc/hostname)
""")
    # A print template that asks the network for a logo: the fetcher refuses it too.
    template = root / "theme" / "print" / "snapshot.html"
    template.write_text(template.read_text("utf-8").replace(
        '<header class="masthead">', f'<header class="masthead"><img src="{base}/logo.png" alt="">'), "utf-8")
    line = record_line(root, "charted")
    expected = [
        f"WARNING -  data/projects.yaml:{line}: project 'charted', field 'summary': the PDFs cannot load "
        "'file:///etc/hostname': they only use files in theme/print/, never the network or another folder, so "
        "they were made without it. Remove it from the summary, or ask a developer to add the file to theme/print/.",
        f"WARNING -  downloads/snapshots/charted.pdf: the print templates ask for '{base}/logo.png', but PDFs "
        "only use files in theme/print/, so they were made without it. Fix the templates or CSS in theme/print/.",
    ]
    for attempt in ("rendered", "from the cache"):
        build = run_mkdocs_build(root)
        assert build.returncode == 1, build.output  # mkdocs.yml builds strictly: a warning fails the build
        assert [line for line in build.output.splitlines() if line.startswith("WARNING")] == expected, attempt
        assert "Aborted with 2 warnings in strict mode!" in build.output
        # The PDF is still made, without what was refused. An image from another site is a link
        # to it, as on the web pages (showcase.text.render_markdown), never fetched.
        snapshot = build.site / "downloads/snapshots/charted.pdf"
        assert "The team measured it. Image: Chart of referrals" in words(pdftotext(snapshot)[0]), attempt
        assert f"{base}/chart.png" in link_targets(snapshot)[0]
    assert rendered_counts(build) == (0, 2)
    assert requests == [], "making a PDF must not request anything from the network"


def test_a_mistake_in_the_print_css_is_reported_once_for_all_the_pdfs(tmp_path: Path):
    root = tiny_site(tmp_path / "project", WORLD_RECORDS)
    css = root / "theme" / "print" / "print.css"
    css.write_text(css.read_text("utf-8") + "\n.project { colour: red; }\n", "utf-8")
    build = run_mkdocs_build(root)
    assert build.returncode == 1, build.output
    warnings = [line for line in build.output.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, build.output
    assert warnings[0].startswith(f"WARNING -  {ALL_PACK} (and 4 other PDFs): WeasyPrint reported: Ignored `colour: red`")
    assert warnings[0].endswith("unknown property. Fix the templates or CSS in theme/print/.")


# -- reproducible and cached -------------------------------------------------------------------

@pytest.fixture(scope="module")
def second_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, bytes]]:
    """The real project built again, cold, in another folder; with its PDFs' bytes as built."""
    build = run_mkdocs_build(copy_project(tmp_path_factory.mktemp("again")))
    assert build.returncode == 0, build.output
    return build, {p.relative_to(build.site).as_posix(): p.read_bytes() for p in build.site.rglob("*.pdf")}


def test_two_builds_of_the_same_data_give_byte_identical_pdfs(real_site: Build, second_copy):
    build, pdfs = second_copy
    first = {p.relative_to(real_site.site).as_posix(): p.read_bytes() for p in real_site.site.rglob("*.pdf")}
    assert len(first) == 13 and rendered_counts(build) == (13, 13)
    assert first.keys() == pdfs.keys()
    assert [path for path in first if first[path] != pdfs[path]] == []


def test_a_build_with_no_change_renders_nothing_and_a_changed_record_only_its_snapshot_and_pack(second_copy):
    first, before = second_copy
    root = first.root
    cache = root / ".cache" / "showcase-pdf"
    again = run_mkdocs_build(root)
    assert again.returncode == 0, again.output
    assert rendered_counts(again) == (0, 13)
    entries_before = set(cache.iterdir())

    projects = root / "data" / "projects.yaml"
    text = projects.read_text("utf-8")
    old_aim = "aim: To host holistic wellness events"
    assert text.count(old_aim) == 1
    projects.write_text(text.replace(old_aim, "aim: To host lively, holistic wellness events"), "utf-8")
    changed = run_mkdocs_build(root)
    assert changed.returncode == 0, changed.output
    assert rendered_counts(changed) == (2, 13)
    new_entries = set(cache.iterdir()) - entries_before
    rerendered = {json.loads(p.read_text("utf-8"))["path"] for p in new_entries if p.suffix == ".json"}
    assert rerendered == {PACK, "downloads/snapshots/project-feel-good-now.pdf"}
    # Each snapshot, each pack, and each pack's cover and contents, cohort page, back page and
    # folios: nothing left over from the build before.
    assert len(list(cache.glob("*.pdf"))) == 12 + 1 + 4, "the cache keeps only what the site uses"
    after = {p.relative_to(changed.site).as_posix(): p.read_bytes() for p in changed.site.rglob("*.pdf")}
    assert [path for path in after if after[path] != before[path]] == sorted(rerendered)
    assert "lively, holistic" in words(" ".join(pdftotext(changed.site / "downloads/snapshots/project-feel-good-now.pdf")))


# -- switching the PDFs off, and failing safely ------------------------------------------------

def load_pdf_hook(monkeypatch):
    """A fresh copy of hooks/pdf.py, as MkDocs imports it."""
    spec = importlib.util.spec_from_file_location("pdf_hook_under_test", REPO / "hooks" / "pdf.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("command, switch, made", [
    ("build", None, True), ("serve", None, False), ("serve", "1", True), ("build", "0", False), ("serve", "0", False),
])
def test_serve_makes_no_pdfs_unless_asked_and_the_switch_turns_them_off(monkeypatch, command, switch, made):
    hook = load_pdf_hook(monkeypatch)
    if switch is None:
        monkeypatch.delenv("SHOWCASE_PDF", raising=False)
    else:
        monkeypatch.setenv("SHOWCASE_PDF", switch)
    hook.on_startup(command=command, dirty=False)
    assert hook.on_config({})["showcase_pdf_on"] is made


def test_an_unknown_switch_value_names_the_values_it_takes(monkeypatch):
    hook = load_pdf_hook(monkeypatch)
    monkeypatch.setenv("SHOWCASE_PDF", "yes")
    with pytest.raises(Exception, match=r"SHOWCASE_PDF is 'yes'\. Set it to 1 to make the PDFs"):
        hook.on_config({})


def test_with_pdfs_off_the_site_has_no_downloads_and_no_links(tmp_path: Path, monkeypatch):
    root = tiny_site(tmp_path / "project", WORLD_RECORDS)
    monkeypatch.setenv("SHOWCASE_PDF", "0")
    build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    assert "Showcase PDFs: not made (SHOWCASE_PDF=0)." in build.output
    assert not (build.site / "downloads").exists() and not (root / ".cache").exists()
    assert "downloads/" not in build.html("projects/laczymy-sasiadow/") + build.html("")
    assert "(PDF," not in build.html("projects/laczymy-sasiadow/") + build.html("")
    assert not (build.site / "print").exists(), "the print templates and fonts are not part of the website"


def test_a_broken_print_template_stops_the_build_before_any_page_is_written(tmp_path: Path):
    root = tiny_site(tmp_path / "project", WORLD_RECORDS)
    template = root / "theme" / "print" / "snapshot.html"
    template.write_text(template.read_text("utf-8").replace("{% endblock %}", "{% endblok %}", 1), "utf-8")
    build = run_mkdocs_build(root)
    assert build.returncode == 1, build.output
    assert ("ERROR   -  theme/print/snapshot.html:5: the PDFs' template has a problem: Encountered unknown tag "
            "'endblok'.") in build.output
    assert not (build.site / "index.html").exists()
