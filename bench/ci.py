"""What one run of the publish workflow costs at N projects: the content check, the build (HTML
and PDFs) with a cold PDF cache and with a warm one, and the tests that grow with the content.

    .venv/bin/python bench/ci.py [N ...] [--tests]      (default N: 12 100 1000)

For each N, bench/synthetic.py writes a showcase of N realistic projects. Then, in the order the
workflow runs them: `showcase.editors.cli check`; `mkdocs build` with no .cache/ (a first run, or a
cache evicted); the same build again from a fresh checkout with the cache restored (every other
run: all HTML pages, PDFs from the cache); and the same after one record changed (its snapshot
and its pack re-rendered). With --tests, it also runs the test suite's checks of the real
content (tests/test_real_content.py and the real-content PDF checks) on a clone whose content
is the synthetic one: the part of `scripts/test` that grows with N (the rest builds the fixed
fictional programme: about the same at every N).

Prints one line per measurement, in seconds of wall-clock time on this machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from repository import REPO
from synthetic import generate

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "hooks")}


def timed(argv: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed in {cwd}:\n{result.stdout}{result.stderr}")
    return seconds


def build(project: Path) -> float:
    shutil.rmtree(project / "site", ignore_errors=True)
    return timed([sys.executable, "-m", "mkdocs", "build", "-q"], project)


def measure(n: int, folder: Path, with_tests: bool) -> None:
    showcase, _plain = generate(n, folder / f"n{n}", REPO, 2023)
    check = timed([sys.executable, "-m", "showcase.editors.cli", "--root", str(showcase), "check"], showcase)
    cold = build(showcase)
    warm = build(showcase)
    data = showcase / "data" / "projects.yaml"
    text = data.read_text("utf-8")
    name = text.index("\n  name: ", text.index("\nprojects:")) + 1  # the first project's name
    end = text.index("\n", name)
    data.write_text(text[:end] + " (renamed)" + text[end:], "utf-8")
    changed = build(showcase)
    print(
        f"N={n:>5}  check {check:6.1f} s   build cold {cold:6.1f} s   warm {warm:6.1f} s   "
        f"one record changed {changed:6.1f} s",
        flush=True,
    )
    if with_tests:
        clone = folder / f"clone{n}"
        subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
        for part in ("content", "data"):
            shutil.rmtree(clone / part)
            shutil.copytree(showcase / part, clone / part)
        (clone / ".venv").symlink_to(REPO / ".venv")
        (clone / "tools" / "node_modules").symlink_to(REPO / "tools" / "node_modules")
        tests = timed(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/test_real_content.py",
                "tests/test_pdf.py",
                "-k",
                "real",
            ],
            clone,
        )
        print(f"N={n:>5}  tests of the real content {tests:6.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[12, 100, 1000])
    parser.add_argument("--tests", action="store_true", help="also time the tests of the real content at each N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="showcase-ci-") as folder:
        for n in args.sizes:
            measure(n, Path(folder), args.tests)


if __name__ == "__main__":
    main()
