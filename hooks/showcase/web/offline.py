"""The offline copy: the whole built site in one zip, opened from a disk by double-clicking
index.html, with no server.

The pages are rewritten: a browser reading files shows a directory address (`projects/`) as a
folder listing, so a link to a folder names its index.html, and one with the site's full address
becomes relative. The site needs no server otherwise (it fetches nothing from another host, and
uses none of material's features that need one); the finder's CSV button, which fetches, cannot
from a file, so in the copy it carries the CSV's text.

The home page says how big the zip is, and the zip holds the home page: the copy's leaves that
link out, and the published pages carry a placeholder that put_size_in_pages replaces.

Same site, same bytes (sorted entries under one folder, a fixed date, permissions and level), so
the zip is cached (file_cache.py) under a hash of every file it holds and all else that decides
its bytes: an unchanged site copies it (milliseconds, where compressing took a second).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as html_text
import io
import platform
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from showcase import file_cache

OFFLINE_ZIP = "downloads/showcase-offline.zip"  # where the copy is, in the site
FOLDER = "showcase-offline"  # the one folder the zip unpacks to
SIZE_PLACEHOLDER = "[offline-copy-size]"  # what the published pages say until the zip is written
CACHE_FORMAT = "1"  # bump when what is hashed into a zip's key changes
# Source maps: what a browser's developer tools fetch to show the theme's scripts and styles
# unminified. No page asks for them, and they were a fifth of the copy.
LEFT_OUT = (".map",)

# A link: an element's href or src, or where a moved page's refresh sends the browser (site.py).
_LINK = re.compile(r'(?P<before>\s(?:href|src)="|<meta http-equiv="refresh" content="\d+; url=)(?P<url>[^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# download-link.html's paragraph when it links the offline copy.
_LINK_TO_COPY = re.compile(
    r'[ \t]*<p class="sc-download"><a href="[^"]*' + re.escape(posixpath.basename(OFFLINE_ZIP)) + r'">[^<]*</a></p>\n?'
)

# The finder's CSV button (theme/showcase/projects.html): the CSV it makes its download from.
_CSV_URL = re.compile(r'\sdata-csv-url="(?P<url>[^"]*)"')
# Written as references, not as line breaks, which an HTML parser turns "\r\n" into "\n" in.
_LINE_ENDS = str.maketrans({"\r": "&#13;", "\n": "&#10;"})

ZipDate = tuple[int, int, int, int, int, int]


class OfflineCopyError(Exception):
    pass


def offline_url(url: str, page: str, site_url: str) -> str:
    """One link of the page at `page` (e.g. 'projects/x/index.html') as the copy writes it: a
    folder's names its index.html, the site's full address becomes relative; other sites',
    fragments and e-mail links stay as they are."""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    if site_url and url.startswith(site_url):
        path, separator, rest = _split(url[len(site_url) :])
        relative = posixpath.relpath(path or ".", posixpath.dirname(page) or ".")
        url = relative + ("/" if path.endswith("/") or not path else "") + separator + rest
    elif not url or url.startswith(("#", "//")) or _SCHEME.match(url):
        return url
    path, separator, rest = _split(url)
    if not path:  # '?q=x': this page with another query
        return url
    if path.endswith("/"):
        path += "index.html"
    elif path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/index.html"
    return path + separator + rest


def _split(url: str) -> tuple[str, str, str]:
    """A URL's path, and what follows it (a query or a fragment) with its first character."""
    at = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:at], url[at : at + 1], url[at + 1 :]


def offline_html(html: str, page: str, site_url: str, site: Path) -> str:
    """A page of the site as the copy holds it: its links rewritten, without the link to the
    copy itself, and the CSV button's CSV in it."""
    html = _LINK_TO_COPY.sub("", html)
    html = _CSV_URL.sub(lambda m: f' data-csv-text="{_csv_text(m["url"], page, site_url, site)}"', html)
    if OFFLINE_ZIP in html or SIZE_PLACEHOLDER in html:
        raise OfflineCopyError(
            f"{page}: links to the offline copy in a way the copy cannot leave out. Link it only "
            "with download_link(offline_download()) (theme/partials/showcase/download-link.html)."
        )
    return _LINK.sub(lambda m: m["before"] + offline_url(m["url"], page, site_url) + '"', html)


def _csv_text(url: str, page: str, site_url: str, site: Path) -> str:
    """The file the page's CSV button links, as its data-csv-text attribute's value."""
    relative = offline_url(html_text.unescape(url), page, site_url)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), relative))
    if _SCHEME.match(relative) or path.startswith("../") or not (site / path).is_file():
        raise OfflineCopyError(f"{page}: the CSV button's file {url!r} is not in the site.")
    return html_text.escape((site / path).read_bytes().decode("utf-8")).translate(_LINE_ENDS)


def entry_date(source_date_epoch: str | None) -> ZipDate:
    """SOURCE_DATE_EPOCH when the build sets it, else (and never before) zip's earliest, 1980-01-01."""
    date = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    if source_date_epoch:
        date = max(date, dt.datetime.fromtimestamp(int(source_date_epoch), dt.UTC))
    return (date.year, date.month, date.day, date.hour, date.minute, date.second - date.second % 2)


@dataclass(frozen=True)
class OfflineCopy:
    linking: tuple[str, ...]  # the pages that hold SIZE_PLACEHOLDER
    made: bool  # not from the cache


def write_offline_copy(site: Path, site_url: str, date: ZipDate, cache_dir: Path) -> OfflineCopy:
    """The zip of the built site, written whole at site/OFFLINE_ZIP: the verified cached one of
    these very files, else made and cached (the cache keeps only the latest build's)."""
    # Every file but the offline copy and the source maps, before the zip's partial file joins them.
    found = (path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    names = sorted(name for name in found if name != OFFLINE_ZIP and not name.endswith(LEFT_OUT))
    key, linking = _content_key(site, names, site_url, date)
    zip_name = f"{key}.zip"
    cache_dir.mkdir(parents=True, exist_ok=True)
    file_cache.lock_cache(cache_dir)  # no build sharing the folder prunes or replaces the zip while it is copied
    try:
        cached = file_cache.fetch_entry(cache_dir, key, lambda entry: entry.files[zip_name].read_bytes())
        data = cached if cached is not None else _zipped(site, names, site_url, date)
        if cached is None:
            file_cache.store_entry(cache_dir, key, {zip_name: data})
        (site / OFFLINE_ZIP).parent.mkdir(parents=True, exist_ok=True)
        file_cache.write_atomically(site / OFFLINE_ZIP, data)
        file_cache.prune_entries(cache_dir, {key})
    finally:
        file_cache.unlock_cache(cache_dir)
    return OfflineCopy(tuple(linking), made=cached is None)


def _content_key(site: Path, names: list[str], site_url: str, date: ZipDate) -> tuple[str, list[str]]:
    """The cache key of the zip of `names`, and the pages among them that hold SIZE_PLACEHOLDER."""
    digest = hashlib.sha256()
    for part in (
        CACHE_FORMAT,
        file_cache.file_digest(Path(__file__)),  # the rewriting of links, the entries, the compression
        platform.python_version(),  # zipfile
        zlib.ZLIB_RUNTIME_VERSION,
        site_url,
        repr(date),
    ):
        digest.update(part.encode() + b"\0")
    placeholder = SIZE_PLACEHOLDER.encode("utf-8")
    linking = []
    for name in names:
        data = (site / name).read_bytes()
        if name.endswith(".html") and placeholder in data:
            linking.append(name)
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest(), linking


def _zipped(site: Path, names: list[str], site_url: str, date: ZipDate) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            data = (site / name).read_bytes()
            if name.endswith(".html"):
                data = offline_html(data.decode("utf-8"), name, site_url, site).encode("utf-8")
            entry = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=date)
            entry.external_attr = 0o100644 << 16  # a regular file, read-write for its owner, readable by all
            entry.create_system = 3  # Unix, so that the permissions above are read
            archive.writestr(entry, data, zipfile.ZIP_DEFLATED, 9)
    return buffer.getvalue()


def put_size_in_pages(site: Path, pages: Iterable[str], size: str) -> None:
    for name in pages:
        path = site / name
        path.write_text(path.read_text("utf-8").replace(SIZE_PLACEHOLDER, size), "utf-8")
