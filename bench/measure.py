"""Time the Showcase build against plain MkDocs building the same pages; bench/run calls this.

For each N it writes a synthetic showcase and its plain twin (bench/synthetic.py) into a
temporary folder, builds each once untimed without `-q` (a strict check), then `--runs` times
with `python -m mkdocs build -q` (taking turns, so a slow moment of the machine hurts both
alike), and prints the median wall times, their ratio and the median time of loading and
checking the data alone (`load_programme`, 5 calls). It stops if a build fails, and warns when the two no longer build the same set of pages, or when (with a
search plugin on) the plain twin's search index is much bigger than the showcase's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import REPO, generate


def build(project: Path, site: Path, quiet: bool = True) -> float:
    """One `mkdocs build -q` of `project` into `site`: its wall time in seconds.

    With quiet=False the build runs without `-q`: MkDocs 1.6's `-q` hides warnings from the
    counter that `strict: true` relies on, so only a build without it checks links and the like.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", *(["-q"] if quiet else []), "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench: building {project} failed (exit code {done.returncode}):\n{done.stdout}{done.stderr}")
    return seconds


def pages(site: Path) -> set[str]:
    return {path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")}


def search_entries(site: Path) -> int:
    index = site / "search" / "search_index.json"
    return len(json.loads(index.read_text(encoding="utf-8"))["docs"]) if index.is_file() else 0


def load_seconds(showcase: Path, repeats: int) -> float:
    """Median wall time of load_programme on `showcase`, with its hooks/ on sys.path."""
    hooks = str(showcase / "hooks")
    if hooks not in sys.path:
        sys.path.insert(0, hooks)
    from showcase.load import ProgrammeSources, load_programme

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        load_programme(ProgrammeSources.in_folder(showcase))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[12, 100, 500], help="numbers of projects (default: 12 100 500)")
    parser.add_argument("--runs", type=int, default=3, help="builds of each variant per size; the median is shown (default: 3)")
    parser.add_argument("--keep", type=Path, help="write the synthetic projects and sites here and keep them")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="showcase-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; median of {args.runs} builds; "
          f"synthetic projects from {REPO}", flush=True)
    rows = []
    warnings: list[str] = []
    try:
        for n in args.sizes:
            folder = work / f"n{n}"
            shutil.rmtree(folder, ignore_errors=True)
            showcase, plain = generate(n, folder)
            projects = {"showcase": showcase, "plain": plain}
            sites = {variant: folder / f"site-{variant}" for variant in projects}
            # Untimed and without -q: checks that both build in strict mode, and warms the disk
            # cache and the bytecode of hooks/ before the timed builds.
            for variant, project in projects.items():
                build(project, sites[variant], quiet=False)
            times: dict[str, list[float]] = {variant: [] for variant in projects}
            for _ in range(args.runs):
                for variant, project in projects.items():
                    times[variant].append(build(project, sites[variant]))
            page_sets = {variant: pages(site) for variant, site in sites.items()}
            if page_sets["showcase"] != page_sets["plain"]:
                only = {v: sorted(page_sets[v] - page_sets[o]) for v, o in (("showcase", "plain"), ("plain", "showcase"))}
                listed = {v: f"{len(p)}" + (f" ({', '.join(p[:4])}{', ...' if len(p) > 4 else ''})" if p else "")
                          for v, p in only.items()}
                warnings.append(f"N={n}: the two variants do not build the same pages: only the showcase has "
                                f"{listed['showcase']}, only the plain twin {listed['plain']}. "
                                "Teach bench/synthetic.py the new pages.")
            median = {variant: statistics.median(seconds) for variant, seconds in times.items()}
            rows.append((n, len(page_sets["showcase"]), median["showcase"], median["plain"],
                         median["showcase"] / median["plain"], load_seconds(showcase, 5) * 1000))
            print(f"  N={n}: " + "; ".join(f"{variant} {', '.join(f'{t:.2f}' for t in seconds)} s"
                                          for variant, seconds in times.items()), flush=True)
            entries = {variant: search_entries(site) for variant, site in sites.items()}
            if entries["showcase"] * 2 < entries["plain"]:
                warnings.append(f"N={n}: the search index has {entries['showcase']} entries for the showcase but "
                                f"{entries['plain']} for the plain twin: the showcase's generated pages are hardly "
                                "indexed, so the plain build does more search work.")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"{'N':>5}  {'pages':>5}  {'showcase s':>10}  {'plain s':>8}  {'showcase/plain':>14}  {'load+validate ms':>16}")
    for n, page_count, showcase_s, plain_s, ratio, load_ms in rows:
        print(f"{n:>5}  {page_count:>5}  {showcase_s:>10.2f}  {plain_s:>8.2f}  {ratio:>14.2f}  {load_ms:>16.1f}")

    for warning in warnings:
        print(f"WARNING: {warning}")


if __name__ == "__main__":
    main()
