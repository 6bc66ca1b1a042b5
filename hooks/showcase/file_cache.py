"""What the build's caches of made files share: a file's digest, writing a file whole, a folder's lock.

The PDFs (pdf/cache.py), the pictures' copies (pictures.py) and the link-preview cards each keep
what they made in a folder beside mkdocs.yml, filed under a hash of what decides its bytes. None
of this decides any made file's bytes: it names, writes and guards them.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
from pathlib import Path
from typing import Any


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read again only when its size or time changes (the fonts
    are megabytes, and every build of a `mkdocs serve` session asks)."""
    status = path.stat()
    return _digest_of(path, status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _digest_of(path: Path, size: int, modified_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that no reader sees it half-written: to a hidden file of this
    process's first (which a cache's pruning removes if the process dies), then renamed."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


# -- the lock -----------------------------------------------------------------------------------

# Builds that share a cache folder (two checkouts' `mkdocs serve`, a build beside a preview)
# take turns: one build holds the folder's lock from its first use until the files are in the
# site, so no build prunes or replaces files another is reading. The lock is the operating
# system's (flock): it goes with the process, however the process ends.
_held_locks: dict[Path, Any] = {}


def lock_cache(cache_dir: Path) -> None:
    if cache_dir in _held_locks:  # this process holds it already (an earlier build that failed)
        return
    handle = open(cache_dir / ".lock", "a")
    fcntl.flock(handle, fcntl.LOCK_EX)
    _held_locks[cache_dir] = handle


def release_cache_locks() -> None:
    """Let other builds use every cache folder this process holds (a build failed midway)."""
    for cache_dir in list(_held_locks):
        unlock_cache(cache_dir)


def unlock_cache(cache_dir: Path) -> None:
    handle = _held_locks.pop(cache_dir, None)
    if handle is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
