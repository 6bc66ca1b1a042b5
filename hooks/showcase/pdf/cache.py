"""The key each PDF is filed under in the cache, and what a render reported (file_cache.py
stores, verifies, prunes and locks the entries, for every cache).

The key is a hash of everything that decides a PDF's bytes: its HTML (records, templates, date),
every file in theme/print/ (CSS, fonts), the libraries' versions, the render options and every
module of this package; a pack's, of its parts'. What a render reported is kept in its entry's
record, so a build from the cache reports the same problems as the build that rendered it.
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

# file_cache.py names, writes, verifies and locks files but decides no PDF's bytes: it is not
# part of the fingerprint.
from showcase.file_cache import CacheEntry, fetch_entry, file_digest
from showcase.pdf.documents import RENDER_OPTIONS

CACHE_FORMAT = "5"  # bumped when the entries' layout changes (5: the last page's fill as a mapping)
PACKAGE_DIR = Path(__file__).resolve().parent  # every module here is hashed into the fingerprint


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
    """WeasyPrint's packages and the C libraries that lay out and shape its text: read without
    importing WeasyPrint (most of a second), so a build that renders nothing stays fast."""
    versions = []
    for package in ("weasyprint", "pydyf", "fonttools", "pikepdf"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} missing")
    for library, function in (("pango-1.0", "pango_version_string"), ("harfbuzz", "hb_version_string")):
        try:  # a library not found is loaded by its bare name, which fails (CDLL(None) would not)
            version = getattr(ctypes.CDLL(ctypes.util.find_library(library) or library), function)
            version.restype = ctypes.c_char_p
            versions.append(f"{library} {version().decode()}")
        except (OSError, AttributeError):
            versions.append(f"{library} unknown")
    return "; ".join(versions)


@dataclass(frozen=True)
class LastPage:
    """How full a PDF's last page is, from WeasyPrint's layout: where its content area starts and
    ends and where its content ends, in points from the page's top."""

    top: float
    bottom: float
    end: float

    def fits_below(self, upper: LastPage, gap: float) -> bool:
        """Whether this page's content fits on `upper`'s, `gap` points below its content."""
        return upper.end + gap + (self.end - self.top) <= upper.bottom


@dataclass(frozen=True)
class RenderOutcome:
    """What a render reported; kept in the PDF's record in the cache."""

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
    return f"{key}.pdf"


def read_cache(cache_dir: Path, key: str) -> RenderOutcome | None:
    """The cached outcome of `key`, if its PDF is exactly the one written (fetch_entry verifies
    it): a PDF cut short, altered or replaced on disk is rendered again, never published."""

    def outcome(entry: CacheEntry) -> RenderOutcome:
        if pdf_name(key) not in entry.files:
            raise KeyError(f"the record of {key} vouches for no PDF")
        return RenderOutcome.from_record(entry.record)

    return fetch_entry(cache_dir, key, outcome)
