"""The one verified cache every output shares (showcase/file_cache.py): a cached file is used only
if it is an ordinary file in the cache folder, of the size and digest its record holds; anything
else is made again, never published. The outputs' own tests (test_pdf.py, test_faults.py,
test_pictures.py, test_preview_cards.py) show each output goes through it."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import pytest

from showcase.file_cache import CacheEntry, TemplateBytecodeCache, fetch_entry, is_intact, prune_entries, store_entry

KEY = "ab" * 32
OTHER = "cd" * 32  # another entry's key
NAME = f"{KEY}.png"
MADE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40  # what the output made: stands for a card


def stored(cache: Path) -> Path:
    cache.mkdir(exist_ok=True)
    store_entry(cache, KEY, {NAME: MADE}, {"media_type": "image/png"})
    return cache / NAME


def the_file(entry: CacheEntry) -> Path:
    return entry.files[NAME]


def emptied(path: Path, outside: Path) -> None:
    path.write_bytes(b"")


def cut_short(path: Path, outside: Path) -> None:
    path.write_bytes(MADE[: len(MADE) // 2])


def replaced_by_html(path: Path, outside: Path) -> None:
    page = b"<html><script>alert(document.domain)</script></html>"
    path.write_bytes(page + b" " * (len(MADE) - len(page)))  # the recorded size: only the digest differs


def one_byte_changed(path: Path, outside: Path) -> None:
    data = bytearray(MADE)
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def linked_to_the_same_bytes(path: Path, outside: Path) -> None:
    # The bytes pass; the link does not (the next change outside the cache would be published).
    (outside / "card.png").write_bytes(MADE)
    path.unlink()
    path.symlink_to(outside / "card.png")


def linked_to_a_secret(path: Path, outside: Path) -> None:
    (outside / "environ").write_bytes(b"TOKEN=secret")
    path.unlink()
    path.symlink_to(outside / "environ")


def a_folder(path: Path, outside: Path) -> None:
    path.unlink()
    path.mkdir()


def a_pipe(path: Path, outside: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def deleted(path: Path, outside: Path) -> None:
    path.unlink()


DAMAGE = [
    emptied,
    cut_short,
    replaced_by_html,
    one_byte_changed,
    linked_to_the_same_bytes,
    linked_to_a_secret,
    a_folder,
    a_pipe,
    deleted,
]


def test_a_stored_entry_is_fetched_with_what_its_record_keeps(tmp_path: Path):
    path = stored(tmp_path / "cache")
    assert fetch_entry(tmp_path / "cache", KEY, the_file) == path and path.read_bytes() == MADE
    record = json.loads((tmp_path / "cache" / f"{KEY}.json").read_text("utf-8"))
    assert record["files"] == {NAME: {"digest": record["files"][NAME]["digest"], "size": len(MADE)}}
    assert fetch_entry(tmp_path / "cache", KEY, lambda entry: entry.record) == {"media_type": "image/png"}


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda damage: damage.__name__)
def test_a_cached_file_that_is_not_the_one_written_is_not_fetched_and_is_made_again(
    tmp_path: Path, damage: Callable[[Path, Path], None]
):
    cache, outside = tmp_path / "cache", tmp_path / "outside"
    outside.mkdir()
    path = stored(cache)
    damage(path, outside)
    assert not is_intact(path, len(MADE), json.loads((cache / f"{KEY}.json").read_text())["files"][NAME]["digest"])
    assert fetch_entry(cache, KEY, the_file) is None
    assert not (cache / f"{KEY}.json").exists(), "the record that vouched for it is gone"
    assert fetch_entry(cache, KEY, the_file) is None
    # Made again: stored over whatever was there (a link is replaced, not written through).
    stored(cache)
    assert fetch_entry(cache, KEY, the_file) == path
    assert not path.is_symlink() and path.read_bytes() == MADE
    assert all(file.read_bytes() in (MADE, b"TOKEN=secret") for file in outside.iterdir())


@pytest.mark.parametrize(
    "record",
    [
        "{not json",
        "[]",
        '{"files": []}',
        '{"files": {}}',
        '{"files": {"KEY.png": {"size": "twelve", "digest": "SECRET"}}}',
        # A record that points out of the folder, or at a file of another entry, vouches for
        # nothing, though the file it names has the size and digest it claims.
        '{"files": {"../outside/environ": {"size": 12, "digest": "SECRET"}}}',
        '{"files": {"OTHER.png": {"size": 12, "digest": "SECRET"}}}',
    ],
)
def test_a_record_that_is_not_one_is_not_fetched(tmp_path: Path, record: str):
    cache, outside = tmp_path / "cache", tmp_path / "outside"
    outside.mkdir()
    (outside / "environ").write_bytes(b"TOKEN=secret")
    stored(cache)
    (cache / f"{OTHER}.png").write_bytes(b"TOKEN=secret")
    secret = hashlib.sha256(b"TOKEN=secret").hexdigest()
    text = record.replace("SECRET", secret).replace("OTHER", OTHER).replace("KEY", KEY)
    (cache / f"{KEY}.json").write_text(text, "utf-8")
    assert fetch_entry(cache, KEY, lambda entry: entry.files) is None
    assert not (cache / f"{KEY}.json").exists()


@pytest.mark.parametrize("kind", ["link", "folder"])
def test_a_record_that_is_a_link_or_a_folder_is_not_fetched_and_is_written_again(tmp_path: Path, kind: str):
    cache = tmp_path / "cache"
    stored(cache)
    record = cache / f"{KEY}.json"
    (tmp_path / "record.json").write_bytes(record.read_bytes())
    record.unlink()
    if kind == "link":
        record.symlink_to(tmp_path / "record.json")
    else:
        record.mkdir()
    assert fetch_entry(cache, KEY, the_file) is None
    if kind == "folder":
        record.mkdir()  # again: storing clears it too
    stored(cache)
    assert fetch_entry(cache, KEY, the_file) == cache / NAME and not record.is_symlink()


def test_a_record_the_output_cannot_read_is_not_fetched(tmp_path: Path):
    cache = tmp_path / "cache"
    stored(cache)
    assert fetch_entry(cache, KEY, lambda entry: entry.files[f"{KEY}-print.jpg"]) is None
    assert fetch_entry(cache, KEY, the_file) is None  # its record is gone: made again


def test_pruning_keeps_the_entries_in_use_and_removes_the_rest_and_half_written_files(tmp_path: Path):
    cache = tmp_path / "cache"
    kept = stored(cache)
    store_entry(cache, OTHER, {f"{OTHER}-640.webp": b"old", f"{OTHER}-640.jpg": b"old"})
    half_written = [cache / f".{KEY}.png.4242.tmp", cache / f"{KEY}.pdf.4243.tmp"]
    for path in half_written:
        path.write_bytes(b"half")
    (cache / ".lock").write_bytes(b"")
    (cache / "notes.txt").write_bytes(b"not the cache's")
    prune_entries(cache, {KEY})
    assert sorted(path.name for path in cache.iterdir()) == sorted([".lock", "notes.txt", NAME, f"{KEY}.json"])
    assert fetch_entry(cache, KEY, the_file) == kept


def test_pruning_by_age_keeps_what_a_build_beside_this_one_touched(tmp_path: Path):
    cache = tmp_path / "cache"
    stored(cache)
    store_entry(cache, OTHER, {f"{OTHER}.png": b"used by another build"})
    long_ago = os.stat(cache / NAME).st_mtime - 40 * 86400
    for path in cache.iterdir():
        os.utime(path, (long_ago, long_ago))
    fetch_entry(cache, OTHER, lambda entry: entry.touch())  # the other build used it just now
    prune_entries(cache, set(), unused_for=30 * 86400)
    assert sorted(path.name for path in cache.iterdir()) == sorted([f"{OTHER}.png", f"{OTHER}.json"])


# The code Jinja compiles templates to (TemplateBytecodeCache)


def compiling_environment(templates: Path, cache: Path, **settings: Any) -> tuple[jinja2.Environment, list[str]]:
    """An environment whose templates' code is kept in `cache`, and the names it compiles."""
    compiled: list[str] = []

    class Counted(jinja2.Environment):
        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
            compiled.append(name)
            return super().compile(source, name, filename, raw, defer_init)

    env = Counted(loader=jinja2.FileSystemLoader(templates), **settings)
    env.bytecode_cache = TemplateBytecodeCache(cache)
    return env, compiled


def test_a_template_compiles_once_and_again_only_when_it_changes(tmp_path: Path):
    templates, cache = tmp_path / "theme", tmp_path / "cache"
    templates.mkdir()
    (templates / "page.html").write_text("{% if title %}<h1>{{ title }}</h1>{% endif %}\n", "utf-8")
    env, compiled = compiling_environment(templates, cache)
    assert env.get_template("page.html").render(title="Walks") == "<h1>Walks</h1>"
    assert compiled == ["page.html"]
    env, compiled = compiling_environment(templates, cache)  # the next build
    assert env.get_template("page.html").render(title="Walks") == "<h1>Walks</h1>"
    assert compiled == []
    env, compiled = compiling_environment(templates, cache, trim_blocks=True)  # other settings, other code
    assert env.get_template("page.html").render(title="Walks") == "<h1>Walks</h1>"
    assert compiled == ["page.html"]
    (templates / "page.html").write_text("<h2>{{ title }}</h2>", "utf-8")
    env, compiled = compiling_environment(templates, cache)
    assert env.get_template("page.html").render(title="Walks") == "<h2>Walks</h2>"
    assert compiled == ["page.html"]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda damage: damage.__name__)
def test_a_templates_cached_code_that_is_not_the_one_written_is_compiled_again(
    tmp_path: Path, damage: Callable[[Path, Path], None]
):
    templates, cache, outside = tmp_path / "theme", tmp_path / "cache", tmp_path / "outside"
    templates.mkdir()
    outside.mkdir()
    (templates / "page.html").write_text("<h1>{{ title }}</h1>", "utf-8")
    env, _ = compiling_environment(templates, cache)
    env.get_template("page.html")
    [code] = cache.glob("*.jinja")
    damage(code, outside)
    env, compiled = compiling_environment(templates, cache)
    assert env.get_template("page.html").render(title="Walks") == "<h1>Walks</h1>"
    assert compiled == ["page.html"]
