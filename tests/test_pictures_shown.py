"""Where a picture shows: the project page (photo with its credit, the lead organisation's logo),
the cards, the cohort page, and the PDF snapshot, where it is a tagged figure with its text
alternative, or an untagged background when decorative.

Stands on the fictional programme under tests/fixture/: harbour-walks has a photo with a credit,
al-noor-wellbeing-circle a logo, the 2023/24 cohort a photo; the other projects have none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html
import pikepdf
import pypdf
import pytest

from content_edits import edit_record
from page_text import pdf_pages
from photos import assert_no_metadata, phone_photo
from showcase.model import Programme
from site_builds import Build, copy_fixture, run_mkdocs_build

pytestmark = pytest.mark.build  # every test here runs MkDocs

WALKS = "harbour-walks"


def page(build: Build, path: str) -> Any:
    return lxml.html.fromstring(build.html(path))


def site_file(build: Build, page_path: str, address: str) -> Path:
    """The file a page's relative address leads to."""
    return (build.site / page_path / address).resolve()


def test_a_project_photo_is_a_picture_with_copies_its_size_alt_text_and_credit(
    fixture_site: Build, fixture_programme: Programme
):
    walks = fixture_programme.project_with_slug(WALKS)
    assert walks.image is not None
    (figure,) = page(fixture_site, f"projects/{WALKS}/").xpath("//figure[@class='sc-photo']")
    (img,) = figure.xpath(".//img")
    assert img.get("alt") == walks.image.alt
    assert img.get("width") and img.get("height") and img.get("loading") == "eager"
    (webp,) = figure.xpath(".//source[@type='image/webp']")
    for srcset in (webp.get("srcset"), img.get("srcset")):
        for candidate in srcset.split(", "):
            address, width = candidate.split(" ")
            assert width.endswith("w") and site_file(fixture_site, f"projects/{WALKS}", address).is_file(), address
    assert figure.xpath("string(.//figcaption)") == walks.image.credit
    # The committed original (a phone photo carries where it was taken) is not published.
    assert not (fixture_site.site / walks.image.src).exists()


def test_cards_show_the_photo_as_decoration_and_cards_without_one_show_none(fixture_site: Build):
    cards = page(fixture_site, "cohorts/2023-24/").xpath("//article[@class='sc-card']")
    with_picture = [card for card in cards if card.xpath(".//picture")]
    assert [card.xpath("string(.//h3)") for card in with_picture] == ["Harbour Walks"]
    (img,) = with_picture[0].xpath(".//img")
    assert img.get("alt") == "" and img.get("loading") == "lazy"
    assert all(not card.xpath(".//img") for card in cards if card not in with_picture)
    finder_cards = page(fixture_site, "projects/").xpath("//li[@data-slug='harbour-walks']//picture")
    assert len(finder_cards) == 1


def test_a_logo_shows_by_the_facts_with_the_organisation_as_its_text(fixture_site: Build, fixture_programme: Programme):
    al_noor = fixture_programme.project_with_slug("al-noor-wellbeing-circle")
    assert al_noor.logo is not None
    (img,) = page(fixture_site, f"projects/{al_noor.slug}/").xpath("//section[@class='sc-facts']//img")
    assert img.get("alt") == al_noor.logo.alt


def test_a_cohort_photo_shows_under_its_title(fixture_site: Build, fixture_programme: Programme):
    cohort = next(cohort for cohort in fixture_programme.cohorts if cohort.image is not None)
    (img,) = page(fixture_site, f"cohorts/{cohort.id}/").xpath("//figure[@class='sc-photo']//img")
    assert cohort.image is not None and img.get("alt") == cohort.image.alt


def figures(path: Path) -> list[str]:
    """The Alt of every Figure in a PDF's structure tree."""
    found: list[str] = []

    def walk(element: Any) -> None:
        element = element.get_object()
        if not hasattr(element, "get"):
            return
        if element.get("/S") == "/Figure":
            found.append(str(element.get("/Alt", "")))
        kids = element.get("/K")
        if isinstance(kids, list):
            for kid in kids:
                walk(kid)
        elif kids is not None and hasattr(kids, "get_object"):
            walk(kids)

    root: Any = pypdf.PdfReader(path).trailer["/Root"]
    walk(root["/StructTreeRoot"])
    return found


def image_count(path: Path) -> int:
    """The images a PDF holds, drawn as content or as a background (a pattern: pdfimages and
    pypdf's page images do not list those)."""
    with pikepdf.open(path) as pdf:
        return sum(1 for item in pdf.objects if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image")


def test_the_snapshot_shows_the_photo_as_a_tagged_figure_with_its_alt_text_on_one_page(
    fixture_site: Build, fixture_programme: Programme
):
    walks = fixture_programme.project_with_slug(WALKS)
    snapshot = fixture_site.site / f"downloads/snapshots/{WALKS}.pdf"
    assert walks.image is not None and walks.image.credit is not None
    assert figures(snapshot) == [walks.image.alt]
    assert image_count(snapshot) == 1 and len(pdf_pages(snapshot)) == 1
    assert walks.image.credit in pdf_pages(snapshot)[0]
    plain = fixture_site.site / "downloads/snapshots/measuring-what-matters.pdf"
    assert figures(plain) == [] and image_count(plain) == 0


def test_a_decorative_photo_has_no_text_alternative_and_is_no_figure_in_the_pdf(tmp_path: Path):
    root = copy_fixture(tmp_path)
    edit_record(
        root,
        WALKS,
        "      alt: Six walkers in bright waterproof jackets on the harbour wall at Gullhaven, with the sea behind them\n",
        "      decorative: true\n",
    )
    build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    (img,) = page(build, f"projects/{WALKS}/").xpath("//figure[@class='sc-photo']//img")
    assert img.get("alt") == ""
    snapshot = build.site / f"downloads/snapshots/{WALKS}.pdf"
    # Drawn (a background), but outside the tagged content: no Figure, nothing read out.
    assert figures(snapshot) == [] and image_count(snapshot) == 1


def test_a_phone_photo_with_gps_becomes_light_copies_without_metadata_with_its_alt_text_on_page_and_paper(
    tmp_path: Path,
):
    """The issue's case end to end: a 4000×3000 phone photo, lying on its side, carrying where it
    was taken, named by a record, built into the site and the PDFs."""
    root = copy_fixture(tmp_path)
    (root / "content/images/walk-phone.jpg").write_bytes(phone_photo())
    edit_record(root, WALKS, "src: images/harbour-walks.jpg", "src: images/walk-phone.jpg")
    build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    (figure,) = page(build, f"projects/{WALKS}/").xpath("//figure[@class='sc-photo']")
    (img,) = figure.xpath(".//img")
    alt = img.get("alt")
    assert alt.startswith("Six walkers")
    addresses = [
        candidate.split(" ")[0]
        for srcset in (figure.xpath("string(.//source/@srcset)"), img.get("srcset"))
        for candidate in srcset.split(", ")
    ]
    for address in addresses:
        assert_no_metadata(site_file(build, f"projects/{WALKS}", address).read_bytes(), address)
    # A phone's screen: about 320 CSS pixels at two device pixels each.
    (phone_width,) = [address for address in addresses if address.endswith("-640.webp")]
    assert site_file(build, f"projects/{WALKS}", phone_width).stat().st_size < 150_000
    assert (int(img.get("width")), int(img.get("height"))) == (640, 853)  # upright: taller than wide
    assert not (build.site / "images/walk-phone.jpg").exists()
    assert figures(build.site / f"downloads/snapshots/{WALKS}.pdf") == [alt]


def test_a_story_may_show_a_records_own_picture_file_which_is_then_published_without_metadata(tmp_path: Path):
    """A record's committed picture is published as its copies only; a Markdown page that shows
    the file itself still finds it, at its own address, without its metadata."""
    root = copy_fixture(tmp_path)
    (root / "content/images/walk-phone.jpg").write_bytes(phone_photo())
    edit_record(root, WALKS, "src: images/harbour-walks.jpg", "src: images/walk-phone.jpg")
    story = root / f"content/projects/{WALKS}.md"
    story.write_text(story.read_text("utf-8") + "\n![The walkers on the wall](../images/walk-phone.jpg)\n", "utf-8")
    build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    (img,) = page(build, f"projects/{WALKS}/").xpath("//div[@class='sc-narrative']//img")
    shown = site_file(build, f"projects/{WALKS}", img.get("src"))
    assert shown.is_file() and shown == (build.site / "images/walk-phone.jpg").resolve()
    assert_no_metadata(shown.read_bytes(), "images/walk-phone.jpg")
    # A record's picture no page links to is still not published as the file itself.
    assert not (build.site / "images/showcase-day-2024.jpg").exists()
