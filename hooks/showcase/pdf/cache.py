"""The PDF cache: the key each PDF is filed under, and what a render reported (the folder's lock,
writing and digests are file_cache.py's, shared with the other caches).

A PDF is stored in the cache folder under a hash of everything that decides its bytes: its
HTML (the records it shows, the templates, the date), every file in theme/print/ (CSS and
fonts), the versions of WeasyPrint, pydyf, fontTools, pikepdf, Pango and HarfBuzz, the render
options and the source of every module of this package; a pack's, of its parts'. A build whose
inputs did not change renders nothing. What a render reported (addresses it refused,
WeasyPrint's warnings, its page count) is stored beside the PDF, so a build from the cache
reports the same problems as the build that rendered it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import importlib.metadata
import json
import re
from dataclasses import dataclass
from pathlib import Path

# The helpers every cache of made files shares (file_cache.py). They name, write and lock files
# but decide no PDF's bytes, so file_cache.py is not part of the fingerprint.
from ..file_cache import file_digest
from .documents import RENDER_OPTIONS

CACHE_FORMAT = "2"  # bump when the layout of the cache folder changes (2: each entry records its digest)
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
class RenderOutcome:
    """What a render reported; stored beside the PDF in the cache as JSON."""

    path: str
    pages: int
    refused: tuple[str, ...]  # addresses the PDF was not allowed to load
    messages: tuple[str, ...]  # WeasyPrint's own warnings
    digest: str  # SHA-256 of the PDF as written: a cached file that differs is rendered again

    def to_json(self) -> str:
        return json.dumps(
            {
                "path": self.path,
                "pages": self.pages,
                "refused": list(self.refused),
                "messages": list(self.messages),
                "digest": self.digest,
            },
            sort_keys=True,
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> RenderOutcome:
        data = json.loads(text)
        return cls(data["path"], data["pages"], tuple(data["refused"]), tuple(data["messages"]), data["digest"])


def cache_file(cache_dir: Path, key: str, suffix: str) -> Path:
    return cache_dir / f"{key}{suffix}"


def read_cache(cache_dir: Path, key: str) -> RenderOutcome | None:
    """The cached outcome of `key`, if its PDF is exactly the one written: the JSON is written
    last and holds the PDF's digest, so a PDF cut short, altered or replaced on disk is
    dropped here and rendered again, never published."""
    record, pdf = cache_file(cache_dir, key, ".json"), cache_file(cache_dir, key, ".pdf")
    try:
        outcome = RenderOutcome.from_json(record.read_text("utf-8"))
        if file_digest(pdf) == outcome.digest:
            return outcome
    except (OSError, ValueError, KeyError, TypeError):
        pass
    record.unlink(missing_ok=True)
    pdf.unlink(missing_ok=True)
    return None


_CACHE_ENTRY = re.compile(r"^\.?[0-9a-f]{64}\.(pdf|json)(\.\d+\.tmp)?$")


def prune_cache(cache_dir: Path, keep: set[str]) -> None:
    """Remove the PDFs this build did not use, so the cache holds one site's worth, and the
    half-written files of workers that were killed (this build holds the lock: none is in use)."""
    for path in cache_dir.iterdir():
        entry = _CACHE_ENTRY.match(path.name)
        if entry and (entry.group(2) or path.name.lstrip(".")[:64] not in keep):
            path.unlink(missing_ok=True)
