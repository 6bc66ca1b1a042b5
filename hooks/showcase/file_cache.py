"""The one verified cache of made files, which every output shares.

The PDFs, the pictures' copies, the link-preview cards, the offline zip and the templates' code
each keep what they made in a folder of .cache/ beside mkdocs.yml, filed under a key the output
computes: a hash of everything that decides its bytes. A cached file is a claim, not a fact (cut
short by a full disk, altered, or replaced by a link), so `store_entry` writes an entry's files
whole, then its record (`<key>.json`: each file's size and SHA-256, and the output's own fields),
and `fetch_entry` hands an entry back only if every file it lists is an ordinary file of that size
and digest, checked each build; else the record is removed and the caller makes the files again.
This module decides no made file's bytes: it names, writes, verifies, prunes and locks them.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import io
import json
import os
import re
import shutil
import stat
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from jinja2.bccache import Bucket


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, read again only when its size or time changes (the fonts are megabytes)."""
    status = path.stat()
    return _digest_of(path, status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _digest_of(path: Path, size: int, modified_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """No reader sees `data` half-written: it goes to a hidden file of this process's first
    (which a cache's pruning removes if the process dies), then is renamed."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


# An entry's files are named by its key and a tail the output chooses (`<key>.pdf`,
# `<key>-640.webp`); a half-written one, by a dot, that name, and the writer's process id.
_ENTRY_FILE = re.compile(r"^\.?(?P<key>[0-9a-f]{64})(?P<tail>[-.][0-9a-z.-]*?)(?P<temporary>\.\d+\.tmp)?$")
_RECORD_LIMIT = 1_000_000  # bytes: a record lists a few files; anything longer is not one

_Fetched = TypeVar("_Fetched")


@dataclass(frozen=True)
class CacheEntry:
    """An entry whose files were verified: the output's own record fields, and its files."""

    cache_dir: Path
    key: str
    record: Mapping[str, Any]
    files: Mapping[str, Path]  # by name: only files verified just now

    def touch(self) -> None:
        """Mark the entry used now (a cache pruned by age keeps it)."""
        for path in (*self.files.values(), self.cache_dir / f"{self.key}.json"):
            os.utime(path, follow_symlinks=False)


def store_entry(
    cache_dir: Path, key: str, files: Mapping[str, bytes | Path], record: Mapping[str, Any] | None = None
) -> None:
    """File `files` (by name: their bytes, or a finished file to move in) under `key`, each
    written whole, then the record that vouches for them: their sizes and digests, and `record`."""
    sizes: dict[str, dict[str, Any]] = {}
    for name, content in sorted(files.items()):
        _check_entry_name(key, name)
        path = cache_dir / name
        _clear_folder(path)
        if isinstance(content, Path):
            with open(content, "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            size = content.stat().st_size
            os.replace(content, path)  # a link in its place is replaced, not written through
        else:
            digest, size = hashlib.sha256(content).hexdigest(), len(content)
            write_atomically(path, content)
        sizes[name] = {"digest": digest, "size": size}
    _clear_folder(cache_dir / f"{key}.json")
    entry = {**(record or {}), "files": sizes}
    write_atomically(cache_dir / f"{key}.json", json.dumps(entry, sort_keys=True, indent=1).encode("utf-8"))


def fetch_entry(
    cache_dir: Path, key: str, read: Callable[[CacheEntry], _Fetched], touch: bool = False
) -> _Fetched | None:
    """What `read` makes of the entry under `key` if every file its record lists is the one
    written, else None, the record removed so that the files are made again (a KeyError,
    ValueError or TypeError from `read` too). With `touch`, the entry is marked used now."""
    record_path = cache_dir / f"{key}.json"
    try:
        with _opened_ordinary(record_path) as handle:
            text = handle.read(_RECORD_LIMIT + 1)
        data = json.loads(text) if len(text) <= _RECORD_LIMIT else None
        if not isinstance(data, dict) or not isinstance(listed := data.pop("files"), dict) or not listed:
            raise ValueError("a record is a JSON object of at most _RECORD_LIMIT bytes, listing its files by name")
        files = {}
        for name, claim in sorted(listed.items()):
            _check_entry_name(key, name)
            if not is_intact(cache_dir / name, int(claim["size"]), str(claim["digest"])):
                raise ValueError(f"{name} is not the file written")
            files[name] = cache_dir / name
        entry = CacheEntry(cache_dir, key, data, files)
        fetched = read(entry)
        if touch:
            entry.touch()
        return fetched
    except (OSError, ValueError, KeyError, TypeError):
        # Only the record: another build sharing the folder may be writing the files again now.
        with contextlib.suppress(OSError):  # removed by another build first
            _clear_folder(record_path)
            record_path.unlink(missing_ok=True)
        return None


def is_intact(path: Path, size: int, digest: str) -> bool:
    """Whether `path` is an ordinary file (not a link, a folder, a device or a pipe) of `size`
    bytes whose SHA-256 is `digest`: the one test every cached file passes before it is used."""
    try:
        with _opened_ordinary(path) as handle:
            return (
                os.fstat(handle.fileno()).st_size == size
                and hashlib.file_digest(handle, "sha256").hexdigest() == digest
            )
    except (OSError, ValueError):
        return False


def prune_entries(cache_dir: Path, keep: set[str], unused_for: float | None = None) -> None:
    """Remove the entries not in `keep`, and files half-written by a build that died; with
    `unused_for` (seconds), only those untouched for that long (a cache no lock guards)."""
    oldest = time.time() - unused_for if unused_for is not None else None
    for path in cache_dir.iterdir():
        entry = _ENTRY_FILE.match(path.name)
        if not entry or (entry["key"] in keep and not entry["temporary"]):
            continue
        with contextlib.suppress(OSError):  # removed by another build first
            if oldest is None or path.lstat().st_mtime < oldest:
                _clear_folder(path)
                path.unlink(missing_ok=True)


def _check_entry_name(key: str, name: str) -> None:
    """A file of an entry is in the cache folder, named by its key: a record cannot point
    elsewhere (`../../proc/self/environ`), nor at another entry's files."""
    entry = _ENTRY_FILE.match(name)
    if not entry or entry["key"] != key or entry["temporary"] or name.startswith(".") or name == f"{key}.json":
        raise ValueError(f"{name!r} is not the name of a file of entry {key}")


def _opened_ordinary(path: Path) -> io.BufferedReader:
    """`path` opened to read if it is an ordinary file, asked of what was opened, so nothing can
    be swapped in between; OSError or ValueError otherwise."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)  # a pipe would wait
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise ValueError(f"{path.name} is not an ordinary file")
    return os.fdopen(descriptor, "rb")


def _clear_folder(path: Path) -> None:
    """Remove a folder where a cached file goes (a link to one is left for its replacement)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)


class TemplateBytecodeCache(jinja2.BytecodeCache):
    """The code Jinja compiles each template to, kept as a verified entry, so that a build
    compiles only the templates that changed (the site's 50 took 0.6 s of CPU, their code 0.03 s
    to read back); an entry no build used for `keep_days` leaves the folder."""

    def __init__(self, cache_dir: Path, keep_days: int = 30) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        prune_entries(cache_dir, set(), unused_for=keep_days * 86400)
        self.cache_dir = cache_dir

    def load_bytecode(self, bucket: Bucket) -> None:
        key = self._key(bucket)
        code = fetch_entry(self.cache_dir, key, lambda entry: entry.files[f"{key}.jinja"].read_bytes(), touch=True)
        if code is not None:
            bucket.bytecode_from_string(code)  # left empty (compiled again) unless Jinja can use it

    def dump_bytecode(self, bucket: Bucket) -> None:
        key = self._key(bucket)
        store_entry(self.cache_dir, key, {f"{key}.jinja": bucket.bytecode_to_string()})

    @staticmethod
    def _key(bucket: Bucket) -> str:
        """A hash of the template's name, file and source, Jinja's and Python's versions, and
        the environment's settings that change the code Jinja writes."""
        env = bucket.environment
        parts = [
            bucket.key,
            bucket.checksum,
            jinja2.__version__,
            sys.version,
            *(str(getattr(env, name)) for name in _COMPILE_SETTINGS),
            *sorted(env.extensions),
            *(getattr(setting, "__qualname__", repr(setting)) for setting in (env.autoescape, env.finalize)),
            env.code_generator_class.__qualname__,
        ]
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


_COMPILE_SETTINGS = """
    block_start_string block_end_string variable_start_string variable_end_string comment_start_string
    comment_end_string line_statement_prefix line_comment_prefix trim_blocks lstrip_blocks newline_sequence
    keep_trailing_newline optimized is_async
""".split()


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
    """Unlock every cache folder this process holds (a build failed midway)."""
    for cache_dir in list(_held_locks):
        unlock_cache(cache_dir)


def unlock_cache(cache_dir: Path) -> None:
    if (handle := _held_locks.pop(cache_dir, None)) is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
