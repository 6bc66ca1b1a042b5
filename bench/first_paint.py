"""First paint of each page type on a slow link (issue 31), in headless chromium.

Each page type (home, finder, project, cohort, theme, area, ICB, accessibility) is loaded with
an empty cache on a slow 3G profile: 400 ms latency, 400 kbit/s each way (Chrome's DevTools
CDP Network.emulateNetworkConditions) and the CPU slowed 4x (Emulation.setCPUThrottlingRate),
from a local server that gzips text as a web host does (GitHub Pages, Netlify; --no-gzip: as
`python -m http.server`, uncompressed). For each page:
first paint and first contentful paint (the page's own paint timings), the load event, and the
requests and bytes (compressed, as sent) it made up to the load event, median of the runs.

    .venv/bin/python bench/first_paint.py                    # builds the repository's site first
    .venv/bin/python bench/first_paint.py SITE [SITE ...]    # built sites (say, before and after)
    .venv/bin/python bench/first_paint.py --runs 5 --json /tmp/paint.json
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from repository import REPO

sys.path.insert(1, str(REPO / "tests"))  # the browser the tests start: tests/chromium.py
from chromium import CHROMIUM, CHROMIUM_ARGS

LATENCY_MS = 400
KBIT_PER_S = 400
CPU_SLOWDOWN = 4
TARGET_S = 5.0
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt"}
# The first page of each folder, by name, stands for its type.
PAGE_TYPES = {
    "home": "",
    "finder": "projects/",
    "project": "projects/*/",
    "cohort": "cohorts/*/",
    "themes": "themes/",
    "theme": "themes/*/",
    "areas": "boroughs/",
    "area": "boroughs/*/",
    "ICBs": "icbs/",
    "ICB": "icbs/*/",
    "accessibility": "accessibility/",
}


class PlainHandler(http.server.SimpleHTTPRequestHandler):
    """Files as they are (as `python -m http.server` sends them)."""

    def log_message(self, *args) -> None:
        pass


class GzipHandler(PlainHandler):
    """Files, text gzipped when the browser accepts it (as a web host sends them)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns: copyfile reads it, then it is closed."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A server that does not print the connections a closed page drops mid-file."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def served(site: Path, compress: bool) -> Iterator[str]:
    handler = GzipHandler if compress else PlainHandler
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def page_addresses(site: Path) -> dict[str, str]:
    """Each page type's address in the site: the first page of its folder, by name."""
    addresses = {}
    for kind, pattern in PAGE_TYPES.items():
        if "*" not in pattern:
            if (site / pattern / "index.html").is_file():  # an index the site may not have (no groups)
                addresses[kind] = pattern
            continue
        folders = sorted(p.parent for p in site.glob(pattern + "index.html"))
        if folders:
            addresses[kind] = folders[0].relative_to(site).as_posix() + "/"
    return addresses


def load_once(browser: Browser, url: str) -> dict[str, object]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    rate = KBIT_PER_S * 1000 / 8
    conditions = {"offline": False, "latency": LATENCY_MS, "downloadThroughput": rate, "uploadThroughput": rate}
    cdp.send("Network.emulateNetworkConditions", conditions)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    sent: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda event: sent.__setitem__(event["requestId"], event["encodedDataLength"]))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="load", timeout=120_000)
    timings = page.evaluate(
        """() => new Promise(done => {
          // The paint entries may come after the load event: wait for both.
          const read = () => {
            const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
            if (paint['first-contentful-paint'] === undefined) return requestAnimationFrame(read);
            done({fp: paint['first-paint'] ?? paint['first-contentful-paint'], fcp: paint['first-contentful-paint'],
                  load: performance.getEntriesByType('navigation')[0].loadEventStart});
          };
          read();
        })"""
    )
    context.close()
    return {
        "first_paint_s": timings["fp"] / 1000,
        "first_contentful_paint_s": timings["fcp"] / 1000,
        "load_s": timings["load"] / 1000,
        "requests": [r.removeprefix(url.split("/", 3)[0] + "//" + url.split("/", 3)[2]) for r in requests],
        "kb": sum(sent.values()) / 1024,
    }


def measure(site: Path, runs: int, compress: bool) -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    with served(site, compress) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, address in page_addresses(site).items():
            loads = [load_once(browser, root + address) for _ in range(runs)]
            results[kind] = {
                "address": "/" + address,
                **{
                    key: statistics.median(float(load[key]) for load in loads)  # type: ignore[arg-type]
                    for key in ("first_paint_s", "first_contentful_paint_s", "load_s", "kb")
                },
                "requests": loads[0]["requests"],
            }
            row = results[kind]
            print(
                f"  {kind:<14} first paint {row['first_paint_s']:5.2f} s  FCP {row['first_contentful_paint_s']:5.2f} s  "
                f"load {row['load_s']:5.2f} s  {len(row['requests']):2d} requests {row['kb']:6.1f} KB",  # type: ignore[arg-type]
                flush=True,
            )
        browser.close()
    return results


def build_site(folder: Path) -> Path:
    site = folder / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHOWCASE_PDF": os.environ.get("SHOWCASE_PDF", "0")}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=REPO, env=env, check=True)
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", nargs="*", type=Path, help="built sites (default: build the repository's)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-gzip", action="store_true", help="send files uncompressed, as python -m http.server")
    parser.add_argument("--show-requests", action="store_true", help="list each page's requests")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    options = parser.parse_args()
    print(
        f"slow 3G: {LATENCY_MS} ms latency, {KBIT_PER_S} kbit/s, CPU {CPU_SLOWDOWN}x slower; "
        f"{'uncompressed' if options.no_gzip else 'gzip'}; 390 px wide, empty cache; median of {options.runs} runs; target first paint < {TARGET_S:g} s"
    )
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        for site in options.sites or [build_site(Path(folder))]:
            print(site)
            figures[str(site)] = results = measure(site, options.runs, not options.no_gzip)
            if options.show_requests:
                for kind, row in results.items():
                    print(f"  {kind}: {' '.join(row['requests'])}")  # type: ignore[arg-type]
            worst = max(float(row["first_paint_s"]) for row in results.values())  # type: ignore[arg-type]
            print(f"  {'MET' if worst < TARGET_S else 'NOT MET'}: slowest first paint {worst:.2f} s", flush=True)
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
