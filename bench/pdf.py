"""Benchmark: the showcase's PDFs (hooks/showcase/pdf.py) cold, warm and after one record changed,
against WeasyPrint's floor.

    .venv/bin/python bench/pdf.py                 # 12 and 100 synthetic projects
    .venv/bin/python bench/pdf.py 12 100 1000     # other sizes (1,000 takes a few minutes)

For each size, bench/synthetic.py writes a synthetic showcase (one cohort) into a temporary
folder, and this script times, with the wall clock:

- cold: plan every PDF (their HTML from the model) and render them all, with an empty cache;
- warm: the same again, nothing changed: every PDF comes from the cache;
- changed: one project's aim edited in data/projects.yaml, the data loaded again, then planned
  and rendered: its snapshot and the pack are rendered, the rest come from the cache;
- floor: WeasyPrint alone rendering the same pack HTML with the same print.css once, in a fresh
  process that has already imported WeasyPrint, with its default URL fetcher and options and
  none of our code (no cache, no pool, no fetcher, no PDF/UA tagging). Cold renders the pack
  *and* every snapshot, tagged, so it is compared with the floor as a ratio.

Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "hooks"), str(REPO / "bench")]

from showcase.load import ProgrammeSources, load_programme  # noqa: E402
from showcase.pdf import PdfSettings, pdf_creation_date, plan_documents, render_documents  # noqa: E402
from synthetic import generate  # noqa: E402

PROGRAMME_NAME = "Social Prescribing Innovators Programme"


def plan_and_render(root: Path, cache: Path):
    """What a build does for its PDFs: load the data, plan, render what the cache lacks."""
    programme = load_programme(ProgrammeSources.in_folder(root))
    settings = PdfSettings(
        print_dir=root / "theme" / "print", cache_dir=cache, programme_name=PROGRAMME_NAME,
        projects_file="data/projects.yaml", created=pdf_creation_date(programme, None),
    )
    started = time.perf_counter()
    report = render_documents(plan_documents(programme, settings), settings)
    return time.perf_counter() - started, report


def floor_seconds(html_file: Path, print_dir: Path) -> float:
    """One direct WeasyPrint render of `html_file`, in a fresh process (see the module's doc)."""
    code = (
        "import sys, time, weasyprint\n"
        "html = open(sys.argv[1], encoding='utf-8').read()\n"
        "started = time.perf_counter()\n"
        "weasyprint.HTML(string=html, base_url=sys.argv[2]).write_pdf(stylesheets=[sys.argv[2] + 'print.css'])\n"
        "print(time.perf_counter() - started)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(html_file), print_dir.as_uri() + "/"],
                            capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def change_one_aim(root: Path) -> None:
    data = root / "data" / "projects.yaml"
    text = data.read_text("utf-8")
    data.write_text(text.replace("aim: To help ", "aim: To help, and to listen to, ", 1), "utf-8")


def measure(count: int, folder: Path) -> dict:
    showcase, _plain = generate(count, folder / str(count))
    cache = folder / f"cache-{count}"
    cold, report = plan_and_render(showcase, cache)
    assert len(report.rendered) == len(report.pdfs), "the cold run should render everything"
    warm, warm_report = plan_and_render(showcase, cache)
    change_one_aim(showcase)
    changed, changed_report = plan_and_render(showcase, cache)
    pack = report.pdfs[0]
    html_file = folder / f"pack-{count}.html"
    html_file.write_text(pack.document.html, "utf-8")
    floor = floor_seconds(html_file, showcase / "theme" / "print")
    snapshots = report.pdfs[1:]
    return {
        "projects": count, "pdfs": len(report.pdfs), "pack_pages": pack.pages, "pack_size": pack.size_label,
        "snapshot_kb": sum(p.size for p in snapshots) / len(snapshots) / 1024,
        "cold": cold, "warm": warm, "warm_rendered": len(warm_report.rendered),
        "changed": changed, "changed_rendered": len(changed_report.rendered), "floor": floor,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[12, 100], help="numbers of projects")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; times in seconds, wall clock")
    print(f"{'projects':>8} {'PDFs':>5} {'pack':>14} {'snapshot':>9} {'cold':>7} {'warm':>11} "
          f"{'changed':>13} {'floor':>7} {'cold/floor':>10}")
    with tempfile.TemporaryDirectory(prefix="showcase-pdf-bench-") as folder:
        for count in args.sizes:
            row = measure(count, Path(folder))
            print(f"{row['projects']:>8} {row['pdfs']:>5} {row['pack_pages']:>4} pp {row['pack_size']:>6} "
                  f"{row['snapshot_kb']:>6.0f} KB {row['cold']:>7.2f} {row['warm']:>6.2f} ({row['warm_rendered']}) "
                  f"{row['changed']:>8.2f} ({row['changed_rendered']}) {row['floor']:>7.2f} "
                  f"{row['cold'] / row['floor']:>9.1f}x", flush=True)


if __name__ == "__main__":
    main()
