"""The PDF cache: the key each PDF is filed under, and what a render reported (storing, verifying
and pruning entries, and the folder's lock, are file_cache.py's, shared with the other caches).

A PDF is stored in the cache folder under a hash of everything that decides its bytes: its
HTML (the records it shows, the templates, the date), every file in theme/print/ (CSS and
fonts), the versions of WeasyPrint, pydyf, fontTools, pikepdf, Pango and HarfBuzz, the render
options and the source of every module of this package; a pack's, of its parts'. A build whose
inputs did not change renders nothing. What a render reported (addresses it refused,
WeasyPrint's warnings, its page count) is stored in the entry's record, so a build from the cache
reports the same problems as the build that rendered it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import functools
import hashlib
import importlib.metadata
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The cache every output shares (file_cache.py). It names, writes, verifies and locks files but
# decides no PDF's bytes, so file_cache.py is not part of the fingerprint.
from showcase.file_cache import CacheEntry, fetch_entry, file_digest
from showcase.pdf.documents import RENDER_OPTIONS

# Bump when the layout of the cache folder changes (2: each entry records its digest; 3: the
# record is file_cache.py's, its files' sizes and digests beside what the render reported; 4: the
# record says how full the last page is; 5: that as a mapping, top, bottom and end).
CACHE_FORMAT = "5"
# The code that decides a PDF's bytes beyond its HTML: how it is rendered, assembled, its fonts
# merged. Every module here is hashed, so a change to any of them renders the PDFs again.
PACKAGE_DIR = Path(__file__).resolve().parent


# -- the key ----------------------------------------------------------------------------------


def render_fingerprint(print_dir: Path) -> str:
    """A hash of everything except the HTML that decides a PDF's bytes."""
    digest = hashlib.sha256()
    for part in (
        CACHE_FORMAT,
        json.dumps(RENDER_OPTIONS, sort_keys=True),
        _library_versions(),
        *(f"{module.name} {file_digest(module)}" for module in sorted(PACKAGE_DIR.glob("*.py"))),
    ):
        digest.update(part.encode() + b"\0")
    for path in sorted(p for p in print_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(print_dir).as_posix().encode() + b"\0")
        digest.update(file_digest(path).encode())
    return digest.hexdigest()


def document_key(fingerprint: str, html: str) -> str:
    """The cache key of a PDF rendered from `html` (or of a pack, from its parts' keys)."""
    return hashlib.sha256(fingerprint.encode() + b"\0" + html.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=1)  # the libraries do not change while a process runs
def _library_versions() -> str:
    """WeasyPrint's Python packages and the C libraries that lay out and shape its text.

    Read without importing WeasyPrint (which takes most of a second), so a build that renders
    nothing stays fast.
    """
    versions = []
    for package in ("weasyprint", "pydyf", "fonttools", "pikepdf"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} missing")
    for library, function in (("pango-1.0", "pango_version_string"), ("harfbuzz", "hb_version_string")):
        versions.append(f"{library} {_c_library_version(library, function)}")
    return "; ".join(versions)


def _c_library_version(library: str, function: str) -> str:
    try:
        found = ctypes.util.find_library(library)
        if not found:
            return "unknown"
        version = getattr(ctypes.CDLL(found), function)
        version.restype = ctypes.c_char_p
        return version().decode()
    except (OSError, AttributeError):
        return "unknown"


# -- the records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LastPage:
    """How full a PDF's last page is, from WeasyPrint's layout: where its content area starts and
    ends and where its content ends, in points from the page's top."""

    top: float
    bottom: float
    end: float

    def fits_below(self, upper: LastPage, gap: float) -> bool:
        """Whether this page's content fits on `upper`'s page below its content, `gap` points
        after it, within its content area."""
        return upper.end + gap + (self.end - self.top) <= upper.bottom


@dataclass(frozen=True)
class RenderOutcome:
    """What a render reported; kept in the PDF's record in the cache (file_cache.store_entry)."""

    path: str
    pages: int
    refused: tuple[str, ...]  # addresses the PDF was not allowed to load
    messages: tuple[str, ...]  # WeasyPrint's own warnings
    last_page: LastPage | None = None  # a render's (an assembly's is None)

    def to_record(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_record(cls, data: Any) -> RenderOutcome:
        last = data["last_page"]
        return cls(
            str(data["path"]),
            int(data["pages"]),
            tuple(data["refused"]),
            tuple(data["messages"]),
            None if last is None else LastPage(**{name: float(value) for name, value in last.items()}),
        )


def cache_file(cache_dir: Path, key: str, suffix: str) -> Path:
    return cache_dir / f"{key}{suffix}"


def pdf_name(key: str) -> str:
    """The PDF's name in its entry (`store_entry`'s files)."""
    return f"{key}.pdf"


def read_cache(cache_dir: Path, key: str) -> RenderOutcome | None:
    """The cached outcome of `key`, if its PDF is exactly the one written (file_cache.fetch_entry
    verifies it): a PDF cut short, altered or replaced on disk is rendered again, never published."""

    def outcome(entry: CacheEntry) -> RenderOutcome:
        if pdf_name(key) not in entry.files:
            raise KeyError(f"the record of {key} vouches for no PDF")
        return RenderOutcome.from_record(entry.record)

    return fetch_entry(cache_dir, key, outcome)
