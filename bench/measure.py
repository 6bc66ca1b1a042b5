"""The Showcase benchmark (issue 7): one command, one table, one JSON file. bench/run calls this.

For each N (default 12, 100 and 1,000 projects) it writes a synthetic showcase and its plain
twin (bench/synthetic.py) into a temporary folder and measures, printing median, min and max
over several runs:

- html: the plain twin built by plain MkDocs (the baseline: hand-written Markdown pages of the
  same size, same theme settings, only the index pages in the navigation, no hooks) and the
  showcase built with SHOWCASE_PDF=0, taking turns, each `python -m mkdocs build -q`; their ratio;
- memory: the peak resident memory of those builds (the process and its descendants, summed,
  sampled every 0.1 s from /proc), and of one full showcase build with PDFs, cold;
- pdf: the PDF stage cold, warm and after one record changed, and WeasyPrint's floor
  (bench/pdf_stage.py's `measure`);
- peer: mkdocs-to-pdf (PyPI, in its own venv bench/.venv-peer, never a project dependency)
  building the plain twin with its combined PDF;
- serve: seconds from saving one record (the showcase: data/projects.yaml; the baseline: the
  project's Markdown page) to `mkdocs serve` on 127.0.0.1 serving the changed page;
- index: the project finder's filter update time in headless chromium and the bytes of
  /projects/ (bench/finder.py's `measure`).

Every stage can be skipped (--skip); a stage that cannot run says why and the rest carry on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from functools import partial
from itertools import pairwise
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import pdf_stage  # noqa: E402  (bench/ is on sys.path; it puts the repository's hooks/ on sys.path)
from synthetic import REPO, generate  # noqa: E402  (bench/ is on sys.path from the line above)

PEER_VENV = BENCH / ".venv-peer"
PEER_PACKAGES = ["mkdocs==1.6.1", "mkdocs-material==9.8.1", "mkdocs-to-pdf"]
STAGES = ("html", "memory", "pdf", "peer", "serve", "index")


# -- running a build -------------------------------------------------------------------------

PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def tree_rss_mb(root: int) -> float:
    """The resident memory of process `root` and all its descendants, in MB (from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])  # fields after "(comm)": state, ppid, ..., rss is the 22nd
        rss[pid] = int(fields[21])
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total * PAGE_MB


def run_measured(argv: list[str], cwd: Path, env: dict | None = None, timeout: float | None = None) -> dict:
    """Run `argv` to the end: wall seconds, exit code, output, `timed_out` when it was killed
    after `timeout` seconds, and its peak memory: `peak_mb`, the largest sum of the resident
    memory of the process and its descendants (WeasyPrint's workers), sampled every 0.1 s from
    /proc. (Not ru_maxrss: on Linux a child's counts the memory of the process it was forked
    from, here this benchmark's, and it is the largest single process, not the sum.)"""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        killed, done = threading.Event(), threading.Event()
        peak = [0.0]

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], tree_rss_mb(process.pid))

        def kill() -> None:
            killed.set()
            os.killpg(process.pid, signal.SIGKILL)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        process.wait()
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        if timer:
            timer.cancel()
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    return {
        "seconds": seconds,
        "peak_mb": peak[0],
        "returncode": process.returncode,
        "output": text,
        "timed_out": killed.is_set(),
    }


def mkdocs_build(
    project: Path,
    site: Path,
    env_extra: dict | None = None,
    quiet: bool = True,
    python: str = sys.executable,
    timeout: float | None = None,
    check: bool = True,
) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    result = run_measured(
        [python, "-m", "mkdocs", "build", *(["-q"] if quiet else []), "-d", str(site)], project, env, timeout
    )
    if check and result["returncode"] != 0:
        sys.exit(f"bench: building {project} failed (exit code {result['returncode']}):\n{result['output']}")
    return result


def stats(values: list[float]) -> dict:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": len(values),
        "values": [round(v, 4) for v in values],
    }


def pages(site: Path) -> set[str]:
    return {path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")}


def load_seconds(showcase: Path, repeats: int = 5) -> float:
    """Median wall time of load_programme on `showcase` (in this process, imports excluded)."""
    from showcase.load import ProgrammeSources, load_programme

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        load_programme(ProgrammeSources.in_folder(showcase))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# -- stages ----------------------------------------------------------------------------------


def stage_html(n: int, showcase: Path, plain: Path, folder: Path, runs: int, result: dict, notes: list[str]) -> None:
    projects = {"ours": (showcase, {"SHOWCASE_PDF": "0"}), "baseline": (plain, {})}
    sites = {name: folder / f"site-{name}" for name in projects}
    # Untimed and without -q (MkDocs 1.6's -q hides the warnings `strict: true` counts): checks
    # that both build in strict mode, and warms the disk cache and the bytecode.
    for name, (project, env) in projects.items():
        mkdocs_build(project, sites[name], env, quiet=False)
    seconds: dict[str, list[float]] = {name: [] for name in projects}
    peaks: dict[str, list[float]] = {name: [] for name in projects}
    for _ in range(runs):
        for name, (project, env) in projects.items():
            done = mkdocs_build(project, sites[name], env)
            seconds[name].append(done["seconds"])
            peaks[name].append(done["peak_mb"])
    page_sets = {name: pages(site) for name, site in sites.items()}
    if page_sets["ours"] != page_sets["baseline"]:
        notes.append(
            f"N={n}: ours builds {len(page_sets['ours'])} pages, the baseline {len(page_sets['baseline'])}: "
            "teach bench/synthetic.py the new pages."
        )
    result["pages"] = len(page_sets["ours"])
    result["html_baseline_s"] = stats(seconds["baseline"])
    result["html_ours_s"] = stats(seconds["ours"])
    result["html_ratio"] = result["html_ours_s"]["median"] / result["html_baseline_s"]["median"]
    result["mem_html_baseline_mb"] = stats(peaks["baseline"])
    result["mem_html_ours_mb"] = stats(peaks["ours"])
    result["load_validate_ms"] = load_seconds(showcase) * 1000


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


def stage_pdf(n: int, folder: Path, runs: int, result: dict) -> None:
    rows = []
    for run in range(runs):
        run_folder = folder / f"pdf-{run}"
        run_folder.mkdir()
        rows.append(pdf_stage.measure(n, run_folder))
    for key in ("cold", "warm", "changed", "floor", "floor_pack", "floor_snapshots"):
        result[f"pdf_{key}_s"] = stats([row[key] for row in rows])
    last = rows[-1]
    result["pdf_info"] = {
        k: last[k] for k in ("pdfs", "pack_pages", "pack_size", "snapshot_kb", "warm_rendered", "changed_rendered")
    }
    cold = result["pdf_cold_s"]["median"]
    result["pdf_cold_over_floor"] = cold / result["pdf_floor_s"]["median"]
    result["pdf_warm_over_cold"] = result["pdf_warm_s"]["median"] / cold
    result["pdf_changed_over_cold"] = result["pdf_changed_s"]["median"] / cold


def peer_python(notes: list[str]) -> str | None:
    """bench/.venv-peer's Python with mkdocs-to-pdf, installing it the first time; None if it cannot."""
    python = PEER_VENV / "bin" / "python"
    check = [str(python), "-c", "import mkdocs_to_pdf"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return str(python)
    print(f"  peer: installing {' '.join(PEER_PACKAGES)} into {PEER_VENV} (its own venv)", flush=True)
    base = shutil.which("python3.11") or shutil.which("python3") or "python3"
    steps = [
        [base, "-m", "venv", str(PEER_VENV)],
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PEER_PACKAGES],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            notes.append(
                f"peer: could not install mkdocs-to-pdf ({' '.join(step[:3])} failed): "
                f"{(done.stderr or done.stdout).strip().splitlines()[-1:]}"
            )
            return None
    return str(python)


def peer_project(plain: Path, dest: Path) -> Path:
    """The plain twin with mkdocs-to-pdf's combined PDF. Its combined PDF holds the pages of the
    navigation, so the navigation lists every page (MkDocs' default without `nav`)."""
    shutil.copytree(plain, dest)
    text = (plain / "mkdocs.yml").read_text("utf-8")
    text = re.sub(r"(?m)^nav:\n(?:[ -].*\n)+", "", text)
    text = re.sub(
        r"(?m)^plugins:.*$", "plugins:\n- to-pdf:\n    output_path: pdf/combined.pdf\n    cover_title: Showcase", text
    )
    text = re.sub(r"(?m)^strict: true$", "strict: false", text)
    (dest / "mkdocs.yml").write_text(text, "utf-8")
    return dest


def stage_peer(n: int, plain: Path, folder: Path, runs: int, timeout: float, result: dict, notes: list[str]) -> None:
    python = peer_python(notes)
    if not python:
        return
    project = peer_project(plain, folder / "peer")
    times, peaks = [], []
    for _ in range(runs):
        site = folder / "site-peer"
        shutil.rmtree(site, ignore_errors=True)
        done = mkdocs_build(project, site, python=python, timeout=timeout, check=False)
        if done["timed_out"]:
            notes.append(f"N={n}: peer: mkdocs-to-pdf did not finish in {timeout:.0f} s (killed).")
            result["peer_timed_out_after_s"] = timeout
            return
        pdf_file = site / "pdf" / "combined.pdf"
        if done["returncode"] != 0 or not pdf_file.is_file():
            tail = " | ".join(done["output"].strip().splitlines()[-3:])
            notes.append(f"N={n}: peer: mkdocs-to-pdf failed (exit code {done['returncode']}): {tail}")
            return
        times.append(done["seconds"])
        peaks.append(done["peak_mb"])
        result["peer_pdf_kb"] = pdf_file.stat().st_size / 1024
    result["peer_s"] = stats(times)
    result["mem_peer_mb"] = stats(peaks)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, marker: str | None, timeout: float, poll: float = 0.02) -> float | None:
    """Poll `url` until it answers (and holds `marker`): the moment it did, or None on timeout."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        body = fetch(url)
        if body is not None and (marker is None or marker in body):
            return time.perf_counter()
        time.sleep(poll)
    return None


def preview_seconds(
    project: Path, source: Path, old: str, page: str, edits: int, env_extra: dict, timeout: float
) -> list[float]:
    """Start `mkdocs serve`, then `edits` times: replace `old` in `source` with a marked text and
    time until `page` is served with the marker."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env_extra)
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    original = source.read_text("utf-8")
    url = f"http://127.0.0.1:{port}/{page}"
    times = []
    try:
        if wait_for(url, None, timeout) is None:
            log.seek(0)
            raise RuntimeError(f"mkdocs serve did not serve {url}: {log.read().decode()[-500:]}")
        time.sleep(1.0)  # let the watcher settle after the first build
        for k in range(edits):
            marker = f"bench edit {k + 1}"
            assert old in original, f"{old!r} not in {source}"
            source.write_text(original.replace(old, old + f"({marker}) ", 1), "utf-8")
            saved = time.perf_counter()
            served = wait_for(url, marker, timeout)
            if served is None:
                raise RuntimeError(f"the page {url} did not change within {timeout:.0f} s")
            times.append(served - saved)
            time.sleep(1.0)  # the watcher's own quiet time before the next save
    finally:
        source.write_text(original, "utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    return times


def stage_serve(n: int, showcase: Path, plain: Path, edits: int, result: dict, notes: list[str]) -> None:
    data = showcase / "data" / "projects.yaml"
    first = re.search(r"(?m)^- slug: (\S+)$", data.read_text("utf-8"))
    assert first is not None, f"{data} has no project"
    slug = first.group(1)
    timeout = 120 + n * 0.3
    try:
        # Ours under `mkdocs serve` with SHOWCASE_PDF unset: no PDFs, as an editor previews.
        ours = preview_seconds(
            showcase, data, "aim: To help ", f"projects/{slug}/", edits, {"SHOWCASE_PDF": ""}, timeout
        )
        baseline = preview_seconds(
            plain,
            plain / "content" / "projects" / f"{slug}.md",
            "## Aim\n\n> To help ",
            f"projects/{slug}/",
            edits,
            {},
            timeout,
        )
    except (RuntimeError, AssertionError) as error:
        notes.append(f"N={n}: serve: {error}")
        return
    result["serve_ours_s"] = stats(ours)
    result["serve_baseline_s"] = stats(baseline)
    result["serve_ratio"] = result["serve_ours_s"]["median"] / result["serve_baseline_s"]["median"]


def stage_index(n: int, folder: Path, rounds: int, result: dict, notes: list[str]) -> None:
    try:
        import finder
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


# -- the table and the targets ---------------------------------------------------------------

ROWS = [  # key, label, unit
    ("html_baseline_s", "HTML baseline (plain mkdocs-material)", "s"),
    ("html_ours_s", "HTML ours (SHOWCASE_PDF=0)", "s"),
    ("pdf_cold_s", "PDF stage cold (pack + snapshots)", "s"),
    ("pdf_warm_s", "PDF stage warm (nothing changed)", "s"),
    ("pdf_changed_s", "PDF stage, one record changed", "s"),
    ("pdf_floor_s", "WeasyPrint floor (same PDFs, direct)", "s"),
    ("pdf_floor_pack_s", "  of which the pack as one document", "s"),
    ("pdf_floor_snapshots_s", "  of which the snapshots", "s"),
    ("peer_s", "peer: mkdocs-to-pdf, combined PDF", "s"),
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
        if "pdf_cold_over_floor" in result:
            extra.append(
                f"PDF cold/floor {result['pdf_cold_over_floor']:.2f}x, warm/cold "
                f"{result['pdf_warm_over_cold'] * 100:.1f} %, changed/cold {result['pdf_changed_over_cold'] * 100:.1f} %"
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
        if n >= 1000 and "index_filter_ms" in r:
            add(n, "filter update <= 50 ms", r["index_filter_ms"]["median"], 50, "{:.1f} ms")
    return out


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
        "--peer-timeout",
        type=float,
        default=300,
        help="give up on mkdocs-to-pdf after this many seconds (default: 300)",
    )
    parser.add_argument("--skip", action="append", default=[], choices=STAGES, help="leave out a stage (repeatable)")
    parser.add_argument(
        "--large-skip",
        default="peer,memory",
        help="stages left out at the large sizes, comma-"
        "separated (default: peer,memory: mkdocs-to-pdf does not finish 1,000 pages in 10 minutes, "
        "and the full build with PDFs repeats the PDF stage's cold run; '' for none)",
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
                ("memory", partial(stage_memory, n, showcase, folder, result)),
                ("pdf", partial(stage_pdf, n, folder, args.pdf_runs, result)),
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
    print_table(results)
    if document["targets"]:
        print("\nTargets of issue 7:")
        for t in document["targets"]:
            print(f"  {'MET    ' if t['met'] else 'NOT MET'}  N={t['projects']:<5} {t['target']:<40} {t['text']}")
    for note in notes:
        print(f"NOTE: {note}")
    print(f"\nResults written to {args.json} ({document['total_seconds']:.0f} s in all)")


def show(path: Path) -> None:
    """Print the table of a results file (also of an interrupted run)."""
    document = json.loads(path.read_text("utf-8"))
    print_table(document["results"])
    print("\nTargets of issue 7:")
    for t in targets(document["results"]):
        print(f"  {'MET    ' if t['met'] else 'NOT MET'}  N={t['projects']:<5} {t['target']:<40} {t['text']}")
    for note in document["notes"]:
        print(f"NOTE: {note}")


if __name__ == "__main__":
    main()
