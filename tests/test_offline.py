"""The offline copy (hooks/showcase/web/offline.py): the whole site in one zip, opened from disk with no
server, every link working, the same bytes from every build of the same content."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, Route

from browser import page_without_errors
from finder_pages import visible_names
from showcase.web.offline import (
    FOLDER,
    OFFLINE_ZIP,
    SIZE_PLACEHOLDER,
    OfflineCopyError,
    entry_date,
    offline_html,
    offline_url,
    write_offline_copy,
)
from showcase.web.site import REDIRECT_PAGE
from showcase.wording.text import size_label
from site_builds import Build, mkdocs_build

# One page of each kind the brief names: home, a project, the finder, a cohort, a theme.
SAMPLE = ["", "projects/young-carers-connect/", "projects/", "cohorts/2023-24/", "themes/access/"]


@pytest.fixture(scope="module")
def offline_copy(fixture_site: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture's offline copy, unzipped as a person would: its one folder."""
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(fixture_site.site / OFFLINE_ZIP) as archive:
        archive.extractall(folder)
    return folder / FOLDER


# Links, as the copy writes them


@pytest.mark.parametrize(
    ("url", "written"),
    [
        (".", "./index.html"),
        ("..", "../index.html"),
        ("../..", "../../index.html"),
        ("../cohorts/", "../cohorts/index.html"),
        ("../?theme=access&amp;q=walk#results", "../index.html?theme=access&amp;q=walk#results"),
        ("https://example.org/showcase/", "../../index.html"),
        ("https://example.org/showcase/themes/#list", "../../themes/index.html#list"),
        ("https://example.org/showcase/data/projects.csv", "../../data/projects.csv"),
        ("../../assets/showcase.css", "../../assets/showcase.css"),
        ("https://example.org/other/", "https://example.org/other/"),
        ("mailto:team@example.org", "mailto:team@example.org"),
        ("#main-content", "#main-content"),
        ("?q=walk", "?q=walk"),
    ],
)
def test_a_folder_link_names_its_index_page_and_the_sites_address_becomes_relative(url: str, written: str):
    assert offline_url(url, "projects/harbour-walks/index.html", "https://example.org/showcase") == written


def test_a_moved_pages_refresh_sends_the_browser_to_the_new_pages_file():
    moved = REDIRECT_PAGE.format(name="Walks", here="../harbour-walks/", canonical="../harbour-walks/", kind="project")
    html = offline_html(moved, "projects/walks/index.html", "", Path())
    assert '<meta http-equiv="refresh" content="0; url=../harbour-walks/index.html">' in html
    assert '<a href="../harbour-walks/index.html">Walks</a>' in html


def test_the_copys_home_page_leaves_out_its_link_to_the_copy():
    home = (
        '<section>\n  <p class="sc-download"><a href="data/projects.csv">All projects (CSV, 3 KB)</a></p>\n'
        f'  <p class="sc-download"><a href="{OFFLINE_ZIP}">The whole site (ZIP, {SIZE_PLACEHOLDER})</a></p>\n'
        "</section>"
    )
    assert offline_html(home, "index.html", "", Path()) == (
        '<section>\n  <p class="sc-download"><a href="data/projects.csv">All projects (CSV, 3 KB)</a></p>\n</section>'
    )


def test_a_page_linking_the_copy_some_other_way_is_named():
    with pytest.raises(OfflineCopyError, match=r"^about/index.html: links to the offline copy .*offline_download"):
        offline_html(f'<a href="../{OFFLINE_ZIP}">Take it with you</a>', "about/index.html", "", Path())


def test_the_finders_csv_button_carries_its_csv_in_the_copy(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/projects.csv").write_text('slug,name\r\nwalks,"Walks & <talks>"\r\n', "utf-8")
    button = '<button type="button" data-finder-csv data-csv-url="{}">Download these results (CSV)</button>'
    expected = button.replace(
        'data-csv-url="{}"', 'data-csv-text="slug,name&#13;&#10;walks,&quot;Walks &amp; &lt;talks&gt;&quot;&#13;&#10;"'
    )
    for url, site_url in (
        ("../data/projects.csv", ""),
        ("https://example.org/showcase/data/projects.csv", "https://example.org/showcase/"),
    ):
        assert offline_html(button.format(url), "projects/index.html", site_url, tmp_path) == expected
    with pytest.raises(
        OfflineCopyError, match=r"^projects/index.html: the CSV button's file '../data/gone.csv' is not in"
    ):
        offline_html(button.format("../data/gone.csv"), "projects/index.html", "", tmp_path)


def test_entries_carry_source_date_epoch_or_else_1980():
    assert entry_date(None) == (1980, 1, 1, 0, 0, 0)
    assert entry_date("1700000001") == (2023, 11, 14, 22, 13, 20)  # zip counts seconds in twos
    assert entry_date("0") == (1980, 1, 1, 0, 0, 0)


# The built copy


def test_the_copy_holds_every_file_of_the_site_but_itself_and_source_maps_in_one_folder_in_sorted_order(
    fixture_site: Build,
):
    site = fixture_site.site
    with zipfile.ZipFile(site / OFFLINE_ZIP) as archive:
        entries = archive.infolist()
    names = [entry.filename for entry in entries]
    published = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    maps = [name for name in published if name.endswith(".map")]
    assert maps  # the theme's: the site publishes them, the copy leaves them out
    assert names == sorted(names)
    assert names == [f"{FOLDER}/{name}" for name in published if name != OFFLINE_ZIP and name not in maps]
    assert {(entry.date_time, entry.external_attr >> 16) for entry in entries} == {((1980, 1, 1, 0, 0, 0), 0o100644)}


def test_the_home_page_links_the_copy_with_its_size(fixture_site: Build):
    size = size_label((fixture_site.site / OFFLINE_ZIP).stat().st_size)
    assert (
        f'<a href="{OFFLINE_ZIP}">The whole site, to use offline: unzip it and open index.html (ZIP, {size})</a>'
        in (fixture_site.html(""))
    )
    assert not [p for p in fixture_site.site.rglob("*.html") if SIZE_PLACEHOLDER in p.read_text("utf-8")]


def test_a_second_build_makes_the_same_copy_byte_for_byte(fixture_site: Build, tmp_path: Path):
    shutil.rmtree(fixture_site.root / ".cache" / "showcase-offline")  # made again, not copied from the cache
    again = tmp_path / "again"
    result = mkdocs_build(fixture_site.root, site_dir=again)
    assert result.returncode == 0, result.stderr
    assert f"Offline copy: {OFFLINE_ZIP} (" in result.stderr and ", made) in " in result.stderr
    assert (again / OFFLINE_ZIP).read_bytes() == (fixture_site.site / OFFLINE_ZIP).read_bytes()


# Made once per content (the verified cache, showcase/file_cache.py)

DATE = (1980, 1, 1, 0, 0, 0)


def small_site(folder: Path) -> Path:
    """A built site of three pages, one linking the copy with the size placeholder."""
    pages = {
        "index.html": f'<p class="sc-download"><a href="{OFFLINE_ZIP}">Offline ({SIZE_PLACEHOLDER})</a></p>\n'
        '<a href="projects/">Projects</a>',
        "projects/index.html": '<a href="harbour-walks/">Harbour walks</a>',
        "projects/harbour-walks/index.html": '<a href="../../">Home</a>',
        "assets/showcase.css": "body { margin: 0 }",
    }
    for name, text in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, "utf-8")
    return folder


def zipped(site: Path, cache: Path, site_url: str = "") -> tuple[bytes, bool]:
    copy = write_offline_copy(site, site_url, DATE, cache)
    assert copy.linking == ("index.html",)
    return (site / OFFLINE_ZIP).read_bytes(), copy.made


def test_an_unchanged_site_copies_its_zip_from_the_cache_and_a_changed_page_makes_it_again(tmp_path: Path):
    site, cache = small_site(tmp_path / "site"), tmp_path / "cache"
    first, made = zipped(site, cache)
    assert made
    again, made = zipped(site, cache)  # the zip itself is in the site now: it is not hashed
    assert (again, made) == (first, False)
    page = site / "projects/harbour-walks/index.html"
    page.write_text(page.read_text("utf-8").replace("Home", "Home page"), "utf-8")
    changed, made = zipped(site, cache)
    assert made and changed != first
    with zipfile.ZipFile(site / OFFLINE_ZIP) as archive:
        assert b"Home page" in archive.read(f"{FOLDER}/projects/harbour-walks/index.html")
    assert len(list(cache.glob("*.zip"))) == 1, "the cache keeps the latest build's zip only"
    assert zipped(site, cache, "https://example.org/showcase/")[1], "another address, another zip"


def test_a_cached_zip_that_is_not_the_one_written_is_made_again_with_the_same_bytes(tmp_path: Path):
    site, cache = small_site(tmp_path / "site"), tmp_path / "cache"
    first, _ = zipped(site, cache)
    [cached] = cache.glob("*.zip")
    damaged = bytearray(cached.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    cached.write_bytes(bytes(damaged))
    again, made = zipped(site, cache)
    assert made and again == first
    assert cached.read_bytes() == first


# From disk, in a browser


def _links(page: Page) -> list[str]:
    """Every address the page links or loads, resolved by the browser."""
    return page.eval_on_selector_all(
        "a[href], link[href], script[src], img[src]", "elements => elements.map(e => e.href || e.src)"
    )


def test_the_copy_opens_from_disk_and_every_link_of_its_pages_leads_to_a_page(browser: Browser, offline_copy: Path):
    other_hosts: list[str] = []
    failed: list[str] = []

    def only_files(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            other_hosts.append(route.request.url)
            route.abort()

    def note_failure(request: Request) -> None:
        # A missing file fails as net::ERR_FILE_NOT_FOUND; the next page's opening aborts the
        # favicon's load (net::ERR_ABORTED), which is no fault.
        if request.failure != "net::ERR_ABORTED":
            failed.append(f"{request.url} {request.failure}")

    with page_without_errors(browser, 1280, 900) as page:
        page.route("**/*", only_files)
        page.on("requestfailed", note_failure)
        linked: set[Path] = set()
        for address in SAMPLE:
            page.goto((offline_copy / address / "index.html").as_uri())
            for url in _links(page):
                if url.startswith("file:"):
                    linked.add(Path(unquote(urlsplit(url).path)))
        missing = sorted(str(path.relative_to(offline_copy)) for path in linked if not path.is_file())
        assert missing == [], "links to files the copy does not hold (or to folders)"
        pages = sorted(path for path in linked if path.suffix == ".html")
        assert len(pages) > 20  # the sample reaches most of the site
        for path in pages:
            page.goto(path.as_uri(), wait_until="domcontentloaded")
            assert page.locator("h1").count() == 1, f"{path.relative_to(offline_copy)} shows no page"
    assert other_hosts == []
    assert failed == []


def test_the_finder_filters_from_disk(browser: Browser, offline_copy: Path):
    with page_without_errors(browser, 1280, 900) as page:
        page.goto((offline_copy / "projects/index.html").as_uri())
        page.wait_for_selector("[data-finder-ready]", state="attached")
        everything = visible_names(page)
        page.goto((offline_copy / "projects/index.html").as_uri() + "?theme=access")
        page.wait_for_selector("[data-finder-ready]", state="attached")
        assert 0 < len(visible_names(page)) < len(everything)
        # The filter's box may be folded away: clicked as a script would, it still changes the address.
        page.locator('input[name="theme"][value="access"]').evaluate("box => box.click()")
        assert visible_names(page) == everything
        assert page.url.endswith("/projects/index.html")


def test_the_finders_csv_download_works_from_disk(browser: Browser, offline_copy: Path):
    """Every control of the copy works from disk: the finder's CSV download is made from the CSV in
    the page (a page opened from a file may not fetch), and says nothing went wrong."""
    with page_without_errors(browser, 1280, 900) as page:
        page.goto((offline_copy / "projects/index.html").as_uri() + "?theme=access")
        page.wait_for_selector("[data-finder-ready]", state="attached")
        shown = visible_names(page)
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download these results (CSV)").click()
        rows = list(csv.reader(io.StringIO(Path(download_info.value.path()).read_text("utf-8-sig"), newline="")))
        published = list(
            csv.reader(io.StringIO((offline_copy / "data/projects.csv").read_text("utf-8-sig"), newline=""))
        )
        assert rows[0] == published[0]
        assert len(rows) - 1 == len(shown) > 0
        assert all(row in published[1:] for row in rows[1:])
        assert page.locator("[data-finder-csv-error]").text_content() == ""
