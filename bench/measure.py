"""The Showcase benchmark (issue 7): one command, one table, one JSON file. bench/run calls this.

For each N (default 12, 100 and 1,000 projects) it writes a synthetic showcase and its plain
twin (bench/synthetic.py) into a temporary folder and measures, printing median, min and max
over several runs:

- html: the plain twin built by plain MkDocs (the baseline: hand-written Markdown pages of the
  same size, same theme settings, only the index pages in the navigation, no hooks) and the
  showcase built with SHOWCASE_PDF=0, taking turns, each `python -m mkdocs build -q`; their ratio;
- warm: the whole build with PDFs (and the link-preview cards: the site's address set) with every
  cache filled and nothing changed, as a publication runs it again, against the plain twin, taking
  turns; their ratio;
- memory: the peak resident memory of those builds (the process and its descendants, summed,
  sampled every 0.1 s from /proc), and of one full showcase build with PDFs, cold;
- pdf: the PDF stage cold, warm and after one record changed, and WeasyPrint's floor
  (bench/pdf_stage.py's `measure`);
- pictures: the copies of one synthetic phone photo per project (4000×3000 JPEG with GPS) cold,
  warm and after one photo changed, and their sizes at phone width (bench/picture_stage.py's
  `measure`);
- cards: the link-preview cards of N projects, every other one with a photo, drawn into an
  empty cache, then warm in a fresh process, and their sizes (bench/cards_stage.py's `measure`);
- peer: mkdocs-to-pdf (PyPI, in its own venv bench/.venv-peer, never a project dependency)
  building the plain twin with its combined PDF;
- serve: seconds from saving one record (the showcase: data/projects.yaml; the baseline: the
  project's Markdown page) to `mkdocs serve` on 127.0.0.1 serving the changed page;
- index: the project finder's filter update time in headless chromium and the bytes of
  /projects/ (bench/finder.py's `measure`).

Every stage can be skipped (--skip); a stage that cannot run says why and the rest carry on.

This module is the command line and the run: the stages are in stages.py (html, warm, memory, pdf,
pictures, cards, index), peer.py and preview.py (serve), the timing of a build in build_measurement.py, the
table and the targets in report.py, and the synthetic projects in synthetic.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from peer import stage_peer
from preview import stage_serve
from report import print_report, targets
from repository import BENCH, REPO
from stages import stage_cards, stage_html, stage_index, stage_memory, stage_pdf, stage_pictures, stage_warm
from synthetic import generate

STAGES = ("html", "warm", "memory", "pdf", "pictures", "cards", "peer", "serve", "index")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "sizes", nargs="*", type=int, default=[12, 100, 1000], help="numbers of projects (default: 12 100 1000)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs of each timed build, preview edit and finder round below --large (default: 3)",
    )
    parser.add_argument("--large", type=int, default=1000, help="sizes from here on use --large-runs (default: 1000)")
    parser.add_argument("--large-runs", type=int, default=1, help="runs at the large sizes (default: 1)")
    parser.add_argument(
        "--pdf-runs",
        type=int,
        default=1,
        help="runs of the PDF stage (cold, warm, changed, floor) per size (default: 1: they are slow)",
    )
    parser.add_argument(
        "--picture-runs",
        type=int,
        default=1,
        help="runs of the pictures and cards stages per size (default: 1: they write N photos of 2 MB, and N/2)",
    )
    parser.add_argument(
        "--peer-timeout",
        type=float,
        default=300,
        help="give up on mkdocs-to-pdf after this many seconds (default: 300)",
    )
    parser.add_argument("--skip", action="append", default=[], choices=STAGES, help="leave out a stage (repeatable)")
    parser.add_argument(
        "--large-skip",
        default="peer,warm,memory,pictures,cards",
        help="stages left out at the large sizes, comma-"
        "separated (default: peer,warm,memory,pictures,cards: mkdocs-to-pdf does not finish 1,000 pages in 10 minutes, "
        "the full build with PDFs (warm's first, memory's) repeats the PDF stage's cold run, 1,000 photos are 2 GB, and the cards' "
        "500 synthetic photos take minutes to draw; '' for none)",
    )
    parser.add_argument(
        "--json", type=Path, default=BENCH / "results.json", help="write the results here (default: bench/results.json)"
    )
    parser.add_argument("--keep", type=Path, help="write the synthetic projects and sites here and keep them")
    parser.add_argument("--show", type=Path, metavar="JSON", help="only print the table of a results file")
    args = parser.parse_args()
    if args.show:
        show(args.show)
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="showcase-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f}; synthetic projects from {REPO}",
        flush=True,
    )
    results: list[dict] = []
    notes: list[str] = []

    def save(complete: bool) -> dict:
        """Write the JSON file: after every stage (complete=False), so an interrupted run keeps
        what it measured, and at the end."""
        document = {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "complete": complete,
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
                "load_average_1min": round(os.getloadavg()[0], 2),
            },
            "arguments": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
            "total_seconds": round(time.perf_counter() - started, 1),
            "results": results,
            "targets": targets(results),
            "notes": notes,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(document, indent=2, default=str) + "\n", "utf-8")
        return document

    try:
        for n in args.sizes:
            runs = args.large_runs if n >= args.large else args.runs
            folder = work / f"n{n}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            showcase, plain = generate(n, folder)
            result: dict = {"projects": n, "runs": runs}
            results.append(result)
            stages = [
                ("html", partial(stage_html, n, showcase, plain, folder, runs, result, notes)),
                ("warm", partial(stage_warm, showcase, plain, folder, runs, result)),
                ("memory", partial(stage_memory, n, showcase, folder, result)),
                ("pdf", partial(stage_pdf, n, folder, args.pdf_runs, result)),
                ("pictures", partial(stage_pictures, n, folder, args.picture_runs, result)),
                ("cards", partial(stage_cards, n, folder, args.picture_runs, result)),
                (
                    "peer",
                    partial(
                        stage_peer,
                        n,
                        plain,
                        folder,
                        1 if n >= args.large else min(runs, 2),
                        args.peer_timeout,
                        result,
                        notes,
                    ),
                ),
                ("serve", partial(stage_serve, n, showcase, plain, runs, result, notes)),
                ("index", partial(stage_index, n, folder, max(runs, 5), result, notes)),
            ]
            large_skip = {name.strip() for name in args.large_skip.split(",") if name.strip()}
            for name, stage in stages:
                if name in args.skip:
                    continue
                if n >= args.large and name in large_skip:
                    notes.append(f"N={n}: {name}: left out at N >= {args.large} (--large-skip)")
                    continue
                stage_started = time.perf_counter()
                print(f"  N={n}: {name} ...", end="", flush=True)
                stage()
                print(f" {time.perf_counter() - stage_started:.0f} s", flush=True)
                save(complete=False)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    document = save(complete=True)
    print_report(results, notes)
    print(f"\nResults written to {args.json} ({document['total_seconds']:.0f} s in all)")


def show(path: Path) -> None:
    """Print the table of a results file (also of an interrupted run)."""
    document = json.loads(path.read_text("utf-8"))
    print_report(document["results"], document["notes"])


if __name__ == "__main__":
    main()
