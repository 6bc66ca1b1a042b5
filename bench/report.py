"""The benchmark's table, its notes and the issue's targets, from the results of bench/measure.py.

The same rows print at the end of a run and again from a results file (`measure.py --show`).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

ROWS = [  # key, label, unit
    ("html_baseline_s", "HTML baseline (plain mkdocs-material)", "s"),
    ("html_ours_s", "HTML ours (SHOWCASE_PDF=0)", "s"),
    ("pdf_cold_s", "PDF stage cold (pack + snapshots)", "s"),
    ("pdf_warm_s", "PDF stage warm (nothing changed)", "s"),
    ("pdf_changed_s", "PDF stage, one record changed", "s"),
    ("pdf_floor_s", "WeasyPrint floor (same PDFs, direct)", "s"),
    ("pdf_floor_pack_s", "  of which the packs, each as one document", "s"),
    ("pdf_floor_snapshots_s", "  of which the snapshots", "s"),
    ("pictures_cold_s", "pictures cold (a photo a project)", "s"),
    ("pictures_warm_s", "pictures warm (fresh process)", "s"),
    ("pictures_changed_s", "pictures, one photo changed", "s"),
    ("cards_cold_s", "preview cards cold (half with a photo)", "s"),
    ("cards_warm_s", "preview cards warm (fresh process)", "s"),
    ("peer_s", "peer: mkdocs-to-pdf, combined PDF", "s"),
    ("warm_baseline_s", "whole build baseline (plain, address set)", "s"),
    ("full_build_warm_s", "full build with PDFs, warm (no change)", "s"),
    ("warm_baseline_cpu_s", "  the baseline's CPU time", "s"),
    ("full_build_warm_cpu_s", "  the warm build's CPU time", "s"),
    ("full_build_cold_s", "full build with PDFs, cold", "s"),
    ("full_build_changed_s", "full build with PDFs, one record changed", "s"),
    ("serve_baseline_s", "live preview baseline (edit .md)", "s"),
    ("serve_ours_s", "live preview ours (edit record)", "s"),
    ("index_filter_ms", "finder filter update (slowest input)", "ms"),
    ("mem_html_baseline_mb", "peak memory HTML baseline", "MB"),
    ("mem_html_ours_mb", "peak memory HTML ours", "MB"),
    ("mem_full_build_mb", "peak memory full build with PDFs", "MB"),
    ("mem_peer_mb", "peak memory peer", "MB"),
]


def print_table(results: list[dict]) -> None:
    print(f"\n{'N':>5}  {'measure':<40} {'median':>9} {'min':>9} {'max':>9} {'runs':>4}")
    for result in results:
        n = result["projects"]
        for key, label, unit in ROWS:
            if key in result:
                s = result[key]
                print(
                    f"{n:>5}  {label + ' ' + unit:<40} {s['median']:>9.2f} {s['min']:>9.2f} {s['max']:>9.2f} {s['runs']:>4}"
                )
        extra = []
        if "html_ratio" in result:
            extra.append(f"ours/baseline HTML {result['html_ratio']:.2f}x")
        if "warm_ratio" in result:
            extra.append(
                f"ours warm with PDFs/baseline {result['warm_ratio']:.2f}x (CPU time {result['warm_cpu_ratio']:.2f}x)"
            )
        if "pdf_cold_over_floor" in result:
            extra.append(
                f"PDF cold/floor {result['pdf_cold_over_floor']:.2f}x, warm/cold "
                f"{result['pdf_warm_over_cold'] * 100:.1f} %, changed/cold {result['pdf_changed_over_cold'] * 100:.1f} %"
            )
        if "pictures_info" in result:
            p = result["pictures_info"]
            extra.append(
                f"pictures: {p['photos']} photos of {p['source_mb']:.1f} MB, {p['copies_per_photo']} copies each; "
                f"at 640 px WebP {p['webp_640_kb']:.0f} KB (max {p['webp_640_max_kb']:.0f}), "
                f"JPEG {p['jpeg_640_kb']:.0f} KB (max {p['jpeg_640_max_kb']:.0f}); print {p['print_kb']:.0f} KB; "
                f"warm/cold {result['pictures_warm_over_cold'] * 100:.1f} %"
            )
        if "cards_info" in result:
            c = result["cards_info"]
            extra.append(
                f"cards: {c['cards']}, {c['with_photo']} with a photo; drawing {c['plain_ms']:.0f} ms a card "
                f"({c['photo_ms']:.0f} ms with a photo); PNG {c['plain_kb']:.0f} KB (max {c['plain_max_kb']:.0f}), "
                f"with a photo {c['photo_kb']:.0f} KB (max {c['photo_max_kb']:.0f}); "
                f"warm/cold {result['cards_warm_over_cold'] * 100:.1f} %"
            )
        if "peer_s" in result and "pdf_cold_s" in result:
            extra.append(f"peer/ours PDF cold {result['peer_s']['median'] / result['pdf_cold_s']['median']:.2f}x")
        if "peer_timed_out_after_s" in result:
            extra.append(f"peer did not finish in {result['peer_timed_out_after_s']:.0f} s")
        if "serve_ratio" in result:
            extra.append(f"preview ours/baseline {result['serve_ratio']:.2f}x")
        for key in ("mem_html_ours_mb", "mem_full_build_mb"):
            if key in result:
                extra.append(
                    f"{key.replace('mem_', '').replace('_mb', '')} {result[key]['median'] / n * 100:.1f} MB/100 projects"
                )
        if "index_bytes" in result:
            b = result["index_bytes"]
            extra.append(
                f"/projects/ gzip {b['own_gzip'] / 1024:.1f} KB + theme {b['theme_gzip'] / 1024:.1f} KB "
                f"(HTML raw {b['html_raw'] / 1024:.0f} KB)"
            )
        if "pdf_info" in result:
            p = result["pdf_info"]
            extra.append(f"{p['pdfs']} PDFs, pack {p['pack_pages']} pp {p['pack_size']}")
        if "pages" in result:
            extra.append(f"{result['pages']} pages, load+validate {result['load_validate_ms']:.1f} ms")
        for line in extra:
            print(f"{'':>5}  - {line}")
    for key in ("mem_html_ours_mb", "mem_full_build_mb"):
        sized = [(r["projects"], r[key]["median"]) for r in results if key in r]
        for (n1, m1), (n2, m2) in pairwise(sized):
            print(
                f"Memory growth, {key.replace('mem_', '').replace('_mb', '')}: N={n1} -> {n2}: "
                f"{(m2 - m1) / (n2 - n1) * 100:.1f} MB per 100 more projects"
            )


def targets(results: list[dict]) -> list[dict]:
    """The issue's targets, each met or not, with the figures it was judged on."""
    out = []

    def add(n: int, target: str, value: float | None, limit: float, fmt: str, lower: bool = True) -> None:
        if value is None:
            return
        met = value <= limit if lower else value >= limit
        out.append(
            {
                "projects": n,
                "target": target,
                "value": round(value, 4),
                "limit": limit,
                "met": met,
                "text": fmt.format(value),
            }
        )

    for r in results:
        n = r["projects"]
        if n >= 100:
            add(n, "HTML build <= 1.15x baseline", r.get("html_ratio"), 1.15, "{:.2f}x")
            add(n, "warm build with PDFs <= 1.3x baseline", r.get("warm_ratio"), 1.3, "{:.2f}x")
        add(n, "PDF cold <= 1.1x WeasyPrint floor", r.get("pdf_cold_over_floor"), 1.1, "{:.2f}x")
        add(n, "PDF warm <= 2 % of cold", r.get("pdf_warm_over_cold"), 0.02, "{:.1%}")
        if n == 100:
            add(n, "one changed record <= 10 % of cold", r.get("pdf_changed_over_cold"), 0.10, "{:.1%}")
            if "peer_s" in r and "pdf_cold_s" in r:
                add(
                    n,
                    "PDF >= 2.5x faster than mkdocs-to-pdf",
                    r["peer_s"]["median"] / r["pdf_cold_s"]["median"],
                    2.5,
                    "{:.2f}x",
                    lower=False,
                )
        add(n, "live preview <= 1.2x baseline", r.get("serve_ratio"), 1.2, "{:.2f}x")
        if "pictures_info" in r:  # issue 19: a phone downloads a photo under 150 KB
            add(n, "photo at phone width < 150 KB (WebP)", r["pictures_info"]["webp_640_max_kb"], 150, "{:.0f} KB max")
        if n >= 1000 and "index_filter_ms" in r:
            add(n, "filter update <= 50 ms", r["index_filter_ms"]["median"], 50, "{:.1f} ms")
    return out


def print_report(results: list[dict], notes: list[str]) -> None:
    """The table, then each of the issue's targets met or not, then the notes."""
    print_table(results)
    if verdicts := targets(results):
        print("\nTargets of issues 7 and 19:")
        for t in verdicts:
            print(f"  {'MET    ' if t['met'] else 'NOT MET'}  N={t['projects']:<5} {t['target']:<40} {t['text']}")
    for note in notes:
        print(f"NOTE: {note}")


Column = tuple[str, int, Callable[[dict[str, Any]], str]]  # heading, width, what a row shows under it


def stage_command(
    description: str,
    noun: str,
    note: str,
    columns: Sequence[Column],
    measure: Callable[[int, Path], dict[str, Any]],
) -> None:
    """A stage run on its own (bench/<stage>_stage.py N ...): one row of `columns` for each
    number of `noun` asked for, measured in one temporary folder, printed as it is measured."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("sizes", nargs="*", type=int, default=[12, 100], help=f"numbers of {noun}")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; {note}")
    print(" ".join(f"{heading:>{width}}" for heading, width, _ in columns))
    with tempfile.TemporaryDirectory(prefix="showcase-bench-") as folder:
        for count in args.sizes:
            row = measure(count, Path(folder))
            print(" ".join(f"{show(row):>{width}}" for _, width, show in columns), flush=True)
