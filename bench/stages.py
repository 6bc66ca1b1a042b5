"""The stages of the benchmark measured in-house: html, warm, memory, pdf, pictures, cards and index.

Each stage measures one synthetic size and adds its figures to that size's `result` (the keys
of bench/results.json), and a reason to `notes` when it cannot measure. The peer (peer.py) and
the live preview (preview.py) have modules of their own: they start other programs.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import cards_stage
import pdf_stage
import picture_stage
import repository  # noqa: F401  (puts hooks/ on sys.path for `showcase`)
from build_measurement import mkdocs_build, stats
from showcase.loading.load import ProgrammeSources, load_programme


def pages(site: Path) -> set[str]:
    return {path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")}


def load_seconds(showcase: Path, repeats: int = 5) -> float:
    """Median wall time of load_programme on `showcase` (in this process, imports excluded)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        load_programme(ProgrammeSources.in_folder(showcase))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def taking_turns(
    projects: dict[str, tuple[Path, dict[str, str]]], folder: Path, runs: int
) -> tuple[dict[str, list[dict]], dict[str, Path]]:
    """Each of `projects` (name: folder, environment) built `runs` times, one after the other in
    turn, each `python -m mkdocs build -q` into folder/site-<name>: each run's measures
    (build_measurement.run_measured) by name, and the sites. Before the timed runs each is built
    once without -q, untimed (MkDocs 1.6's -q hides the warnings `strict: true` counts): that
    checks it builds in strict mode, warms the disk cache and the bytecode, and fills the
    showcase's caches."""
    sites = {name: folder / f"site-{name}" for name in projects}
    for name, (project, env) in projects.items():
        mkdocs_build(project, sites[name], env, quiet=False)
    measured: dict[str, list[dict]] = {name: [] for name in projects}
    for _ in range(runs):
        for name, (project, env) in projects.items():
            measured[name].append(mkdocs_build(project, sites[name], env))
    return measured, sites


def stage_html(n: int, showcase: Path, plain: Path, folder: Path, runs: int, result: dict, notes: list[str]) -> None:
    projects = {"ours": (showcase, {"SHOWCASE_PDF": "0"}), "baseline": (plain, {})}
    measured, sites = taking_turns(projects, folder, runs)
    page_sets = {name: pages(site) for name, site in sites.items()}
    if page_sets["ours"] != page_sets["baseline"]:
        notes.append(
            f"N={n}: ours builds {len(page_sets['ours'])} pages, the baseline {len(page_sets['baseline'])}: "
            "teach bench/plain_twin.py the new pages."
        )
    result["pages"] = len(page_sets["ours"])
    for name in projects:
        result[f"html_{name}_s"] = stats([run["seconds"] for run in measured[name]])
        result[f"mem_html_{name}_mb"] = stats([run["peak_mb"] for run in measured[name]])
    result["html_ratio"] = result["html_ours_s"]["median"] / result["html_baseline_s"]["median"]
    result["load_validate_ms"] = load_seconds(showcase) * 1000


# A published site has an address: with one, the showcase also makes its link-preview cards.
SITE_URL = "https://example.org/showcase/"


def stage_warm(showcase: Path, plain: Path, folder: Path, runs: int, result: dict) -> None:
    """The whole build as a publication runs it again with nothing changed (PDFs on, the site's
    address set, every cache filled by the untimed first build) against the plain twin, taking
    turns; both fresh processes."""
    projects = {
        "warm": (showcase, {"SHOWCASE_PDF": "1", "SHOWCASE_SITE_URL": SITE_URL}),
        "warm-baseline": (plain, {"SHOWCASE_SITE_URL": SITE_URL}),
    }
    measured, _sites = taking_turns(projects, folder, runs)
    for name, key in (("warm", "full_build_warm"), ("warm-baseline", "warm_baseline")):
        result[f"{key}_s"] = stats([run["seconds"] for run in measured[name]])
        result[f"{key}_cpu_s"] = stats([run["cpu_seconds"] for run in measured[name]])
    result["warm_ratio"] = result["full_build_warm_s"]["median"] / result["warm_baseline_s"]["median"]
    result["warm_cpu_ratio"] = result["full_build_warm_cpu_s"]["median"] / result["warm_baseline_cpu_s"]["median"]


def stage_memory(n: int, showcase: Path, folder: Path, result: dict) -> None:
    """One full build with PDFs, cold (an empty PDF cache): its time and peak memory; then one
    after a record changed, in a fresh process as `scripts/build` runs it."""
    shutil.rmtree(showcase / ".cache", ignore_errors=True)
    done = mkdocs_build(showcase, folder / "site-full", {"SHOWCASE_PDF": "1"})
    result["full_build_cold_s"] = stats([done["seconds"]])
    result["mem_full_build_mb"] = stats([done["peak_mb"]])
    # What an editor waits for after saving one record and running the build again: a fresh
    # process (WeasyPrint imported anew), the record's snapshot rendered, the pack re-assembled.
    data = showcase / "data" / "projects.yaml"
    original = data.read_text("utf-8")
    pdf_stage.change_one_aim(showcase)
    try:
        again = mkdocs_build(showcase, folder / "site-full", {"SHOWCASE_PDF": "1"})
    finally:
        data.write_text(original, "utf-8")
    result["full_build_changed_s"] = stats([again["seconds"]])


def measured_runs(
    name: str, n: int, folder: Path, runs: int, measure: Callable[[int, Path], dict], keep: bool
) -> list[dict]:
    """`runs` runs of a stage's `measure` at N, each in a folder of its own under `folder`,
    deleted after the run unless `keep` (the pictures' and cards' runs write N photos)."""
    rows = []
    for run in range(runs):
        run_folder = folder / f"{name}-{run}"
        run_folder.mkdir()
        rows.append(measure(n, run_folder))
        if not keep:
            shutil.rmtree(run_folder)
    return rows


def record_times(result: dict, stage: str, rows: list[dict], keys: tuple[str, ...]) -> None:
    """The stats of each of `keys` (seconds) over the runs, as `<stage>_<key>_s`, and the
    median warm run over the median cold one."""
    for key in keys:
        result[f"{stage}_{key}_s"] = stats([row[key] for row in rows])
    result[f"{stage}_warm_over_cold"] = result[f"{stage}_warm_s"]["median"] / result[f"{stage}_cold_s"]["median"]


def stage_pdf(n: int, folder: Path, runs: int, result: dict) -> None:
    rows = measured_runs("pdf", n, folder, runs, pdf_stage.measure, keep=True)
    record_times(result, "pdf", rows, ("cold", "warm", "changed", "floor", "floor_pack", "floor_snapshots"))
    last = rows[-1]
    result["pdf_info"] = {
        k: last[k] for k in ("pdfs", "pack_pages", "pack_size", "snapshot_kb", "warm_rendered", "changed_rendered")
    }
    cold = result["pdf_cold_s"]["median"]
    result["pdf_cold_over_floor"] = cold / result["pdf_floor_s"]["median"]
    result["pdf_changed_over_cold"] = result["pdf_changed_s"]["median"] / cold


def stage_pictures(n: int, folder: Path, runs: int, result: dict) -> None:
    """The pictures' copies of N phone photos, one a project: cold, warm and one photo changed."""
    keys = ("cold", "warm", "changed")
    rows = measured_runs("pictures", n, folder, runs, picture_stage.measure, keep=False)  # N photos of 2 MB
    record_times(result, "pictures", rows, keys)
    result["pictures_info"] = {k: v for k, v in rows[-1].items() if k not in keys}


def stage_cards(n: int, folder: Path, runs: int, result: dict) -> None:
    """The link-preview cards of N projects, every other one with a photo: cold and warm."""
    keys = ("cold", "warm")
    rows = measured_runs("cards", n, folder, runs, cards_stage.measure, keep=False)  # N/2 photos and N cards
    record_times(result, "cards", rows, keys)
    result["cards_info"] = {k: v for k, v in rows[-1].items() if k not in keys}


def stage_index(n: int, folder: Path, rounds: int, result: dict, notes: list[str]) -> None:
    try:
        import finder  # here, not at the top: Playwright is needed by this stage only
    except ImportError as error:
        notes.append(f"N={n}: index: skipped, {error} (run scripts/setup --test for Playwright and chromium)")
        return
    os.environ["SHOWCASE_PDF"] = "0"
    try:
        measured = finder.measure(n, rounds, folder / "finder")
    except Exception as error:
        notes.append(f"N={n}: index: failed: {type(error).__name__}: {str(error).splitlines()[0][:200]}")
        return
    finally:
        os.environ.pop("SHOWCASE_PDF", None)
    inputs = {name: measured[name] for name in finder.PROBES}
    result["index_inputs_ms"] = inputs
    worst = max(inputs, key=lambda name: inputs[name]["median_ms"])
    result["index_filter_ms"] = {
        "median": inputs[worst]["median_ms"],
        "max": max(v["max_ms"] for v in inputs.values()),
        "min": min(v["median_ms"] for v in inputs.values()),
        "runs": rounds,
        "slowest_input": worst,
    }
    result["index_bytes"] = {k: measured[k] for k in ("own_gzip", "theme_gzip", "html_raw")}
