"""Faults an unlucky machine brings: a damaged PDF cache, a build killed midway, two builds
sharing one cache. Each is made for real on a copy of the fictional programme."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from site_builds import Build, copy_fixture, mkdocs_build, run_mkdocs_build

pytestmark = pytest.mark.build  # every test here runs MkDocs

CACHE = Path(".cache/showcase-pdf")
RENDERED = "Showcase PDFs: rendered {} of 28 "


def cache_entry(build: Build, published: str) -> Path:
    """The cache file a published PDF was copied from (same bytes)."""
    data = (build.site / published).read_bytes()
    return next(path for path in (build.root / CACHE).glob("*.pdf") if path.read_bytes() == data)


def published_pdfs(build: Build) -> dict[str, bytes]:
    return {path.relative_to(build.site).as_posix(): path.read_bytes() for path in sorted(build.site.rglob("*.pdf"))}


def test_a_cached_pdf_cut_short_altered_or_linked_is_rendered_again_and_never_published(fixture_copy: Path):
    first = run_mkdocs_build(fixture_copy)
    assert first.returncode == 0, first.output
    before = published_pdfs(first)
    cut = cache_entry(first, "downloads/snapshots/harbour-walks.pdf")
    cut.write_bytes(cut.read_bytes()[:2000])
    flipped = cache_entry(first, "downloads/snapshots/zest-peer-mentors.pdf")
    data = bytearray(flipped.read_bytes())
    data[len(data) // 2] ^= 0xFF
    flipped.write_bytes(bytes(data))
    (fixture_copy / CACHE / (cache_entry(first, "downloads/impact-summaries.pdf").stem + ".json")).write_text(
        "{not json", "utf-8"
    )
    # The same bytes, through a link: whatever its target holds when the site is written.
    linked = cache_entry(first, "downloads/snapshots/al-noor-wellbeing-circle.pdf")
    (fixture_copy / "elsewhere.pdf").write_bytes(linked.read_bytes())
    linked.unlink()
    linked.symlink_to(fixture_copy / "elsewhere.pdf")

    second = run_mkdocs_build(fixture_copy)
    assert second.returncode == 0, second.output
    assert RENDERED.format(4) in second.output  # the three snapshots and the pack whose record broke
    assert not linked.is_symlink()
    assert published_pdfs(second) == before
    for path in second.site.rglob("*.pdf"):
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) >= 1


def test_a_damaged_part_does_not_stop_a_pack_being_assembled_again(fixture_copy: Path):
    first = run_mkdocs_build(fixture_copy)
    assert first.returncode == 0, first.output
    before = published_pdfs(first)
    part = cache_entry(first, "downloads/snapshots/al-noor-wellbeing-circle.pdf")
    part.write_bytes(b"%PDF-1.7\n% not a PDF any more\n")
    for pack in ("downloads/impact-summaries-2023-24.pdf", "downloads/impact-summaries.pdf"):
        entry = cache_entry(first, pack)
        entry.unlink()  # the packs must be put together again, from the damaged part's cache

    second = run_mkdocs_build(fixture_copy)
    assert second.returncode == 0, second.output
    assert published_pdfs(second) == before


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid`, read from /proc (a slim CI image may have no `ps`)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended; only its exit status is left


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_build_leaves_no_worker_behind_and_its_output_ends(fixture_copy: Path, how: signal.Signals):
    # `mkdocs build | cat`: cat ends only when every process holding the pipe has ended.
    pipeline = subprocess.Popen(
        f"{sys.executable} -m mkdocs build --site-dir site 2>&1 | cat > build.log",
        shell=True,
        cwd=fixture_copy,
        start_new_session=True,
    )
    build_pid: int | None = None

    def workers_started() -> bool:
        nonlocal build_pid
        for shell_child in children_of(pipeline.pid):
            if len(children_of(shell_child)) >= 1 and "mkdocs" in Path(f"/proc/{shell_child}/cmdline").read_text(
                errors="replace"
            ):
                build_pid = shell_child
                return True
        return False

    assert wait_until(workers_started, 60), "the build started no PDF worker"
    assert build_pid is not None
    workers = children_of(build_pid)
    os.kill(build_pid, how)
    assert wait_until(lambda: not any(alive(worker) for worker in workers), 10), [
        open(f"/proc/{w}/cmdline").read() for w in workers if alive(w)
    ]
    assert pipeline.wait(timeout=10) is not None  # the pipe closed: cat ended


def test_two_builds_of_different_data_sharing_one_cache_both_succeed(tmp_path: Path):
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    roots = [copy_fixture(tmp_path / name) for name in ("one", "two")]
    data = roots[1] / "data/projects.yaml"
    data.write_text(data.read_text("utf-8").replace("name: Harbour Walks", "name: Harbour Walks Again"), "utf-8")
    solo = [run_mkdocs_build(copy_fixture(tmp_path / f"solo-{n}")) for n in (1, 2)]
    (tmp_path / "solo-2/data/projects.yaml").write_text(data.read_text("utf-8"), "utf-8")
    solo[1] = run_mkdocs_build(tmp_path / "solo-2")
    for root in roots:
        (root / ".cache").symlink_to(shared, target_is_directory=True)
    for attempt in range(3):  # the cache now holds one of the two sites: each round races again
        builds = [
            subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"],
                cwd=root,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for root in roots
        ]
        outputs = [build.communicate(timeout=300)[0] for build in builds]
        assert [build.returncode for build in builds] == [0, 0], outputs
        for root, alone in zip(roots, solo, strict=True):
            assert published_pdfs(Build(root, 0, "")) == published_pdfs(alone), attempt


def test_a_failed_build_leaves_the_previous_site_as_it_was_and_no_staging_folder(fixture_copy: Path):
    first = run_mkdocs_build(fixture_copy)
    assert first.returncode == 0, first.output
    before = {path.relative_to(first.site): path.read_bytes() for path in first.site.rglob("*") if path.is_file()}
    template = fixture_copy / "theme/showcase/project.html"
    template.write_text(template.read_text("utf-8") + "{% broken %}", "utf-8")
    second = run_mkdocs_build(fixture_copy)
    assert second.returncode == 1, second.output
    assert {
        path.relative_to(first.site): path.read_bytes() for path in first.site.rglob("*") if path.is_file()
    } == before
    assert [path.name for path in fixture_copy.iterdir() if ".building-" in path.name or ".old-" in path.name] == []


def test_a_build_killed_midway_leaves_the_previous_site_and_the_next_build_clears_its_folder(fixture_copy: Path):
    first = run_mkdocs_build(fixture_copy)
    assert first.returncode == 0, first.output
    shutil.rmtree(fixture_copy / CACHE)  # so the next build takes long enough to be killed
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"],
        cwd=fixture_copy,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert wait_until(lambda: any(".building-" in path.name for path in fixture_copy.iterdir()), 60)
    build.kill()
    build.wait()
    assert (first.site / "index.html").is_file()
    third = run_mkdocs_build(fixture_copy)
    assert third.returncode == 0, third.output
    assert [path.name for path in fixture_copy.iterdir() if ".building-" in path.name] == []


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 1 MB file system, mounted for the test (it needs root, as CI and this machine have)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a small file system here (not root)")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_is_told_in_one_line_naming_the_folder(fixture_copy: Path, small_disk: Path):
    build = mkdocs_build(fixture_copy, site_dir=small_disk / "site", env={"SHOWCASE_PDF": "0"})
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert build.stdout.strip().splitlines()[-1] == (
        f"The site could not be written to {small_disk / 'site'}: no space left on device. "
        "The disk is full: free some space, then build again."
    )
    assert list(small_disk.iterdir()) == []


def test_a_read_only_folder_is_told_in_one_line(fixture_copy: Path, small_disk: Path):
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    build = mkdocs_build(fixture_copy, site_dir=small_disk / "site", env={"SHOWCASE_PDF": "0"})
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert build.stdout.strip().splitlines()[-1] == (
        f"The site could not be written to {small_disk / 'site'}: read-only file system. "
        "That folder is read-only: choose another with --site-dir."
    )


def test_a_character_no_committed_font_has_is_reported_against_its_record_not_drawn_from_the_machine(
    fixture_copy: Path,
):
    # Debian's DejaVu fonts (installed on this machine) have all of these: the PDFs must not use them.
    # (In an outcome: a quote in Hebrew letters would be refused first, for want of its `lang:`.)
    data = fixture_copy / "data/projects.yaml"
    outcome = "48 men joined at least one walk."
    text = data.read_text("utf-8")
    data.write_text(text.replace(outcome, outcome.replace("walk.", "walk ☃ שלום.")), "utf-8")
    line = text.splitlines().index("  - slug: harbour-walks") + 1
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 1, build.output
    assert [line_ for line_ in build.output.splitlines() if line_.startswith("WARNING")] == [
        f"WARNING -  data/projects.yaml:{line}: project 'harbour-walks': the PDFs have no font for 'ו' (U+05D5), "
        "'ל' (U+05DC), 'ם' (U+05DD), 'ש' (U+05E9), '☃' (U+2603), so each would print as an empty box. Write the "
        "text without them, or ask a developer to add a font that has them to theme/print/fonts/."
    ]
    snapshot = next(
        record.with_suffix(".pdf")
        for record in (fixture_copy / CACHE).glob("*.json")
        if json.loads(record.read_text("utf-8"))["path"] == "downloads/snapshots/harbour-walks.pdf"
    )
    listing = subprocess.run(["pdffonts", str(snapshot)], capture_output=True, text=True, check=True).stdout
    assert "Showcase-Sans" in listing and "DejaVu" not in listing, listing


def test_half_written_files_of_killed_workers_are_cleared_by_the_next_build(fixture_copy: Path):
    first = run_mkdocs_build(fixture_copy)
    assert first.returncode == 0, first.output
    used = cache_entry(first, "downloads/snapshots/harbour-walks.pdf")
    leftovers = [used.with_name(f".{used.name}.4242.tmp"), used.with_name(f".{used.stem}.json.4243.tmp")]
    for leftover in leftovers:
        leftover.write_bytes(b"half a PDF")
    second = run_mkdocs_build(fixture_copy)
    assert second.returncode == 0, second.output
    assert not any(leftover.exists() for leftover in leftovers)
