"""Benchmark the project finder at /projects/ in headless chromium.

For N synthetic projects (default 12 and 1,000) it reports, for each input (ticking a theme,
ticking a borough, typing a word, two words, a word one letter off (found by the fuzzy match) and
one two letters off (nothing found: a spelling is suggested), clearing the filters), median and
worst of several rounds:
- "median ms" / "max ms": from the input to the first screen being right and laid out. The
  probe runs the input's event handlers, then forces layout (document.body.offsetHeight) and
  reads the clock. By then the status ("Showing N of M projects", aria-live), the counts, the
  map and the first screen of the list are right: the list holds the first matching cards in
  order (all of them when there are few; at least the finder's FIRST, 36, otherwise), and no
  card that does not match. At many projects the finder adds the rest of the matching cards in
  batches, one a frame, after that, with aria-busy="true" on the list meanwhile.
- "to frame ms": from the input to the next frame having been drawn (requestAnimationFrame,
  then a task), median.
- "complete ms": from the input until the whole list is in place (aria-busy gone) and laid
  out, median. The probe then checks that the list holds exactly as many cards as the status
  says; each probe starts only once the previous one is complete, so no input is timed on a
  half-built list.
- "search index ms": building the search index from the cards, all at once (the finder does it
  in the background, a batch of documents per task, or at once when a search comes first).
- the bytes /projects/ transfers, gzip-compressed as a web server would send them: the page and
  the showcase's own CSS and scripts (the vendored search library included), then the theme's
  bundle on top.
- "layout shift": the page's cumulative layout shift as it loads and the finder's script starts
  (chromium's buffered layout-shift entries, none after an input), on a 390 px phone and at
  1280 px. Good is under 0.1; the suite holds the fixture's page to that
  (tests/test_finder_layout.py).

Run it with bench/run-finder (or: .venv/bin/python bench/finder.py 12 1000).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from repository import REPO
from synthetic import generate

sys.path.insert(1, str(REPO / "tests"))  # the browser the tests start: tests/chromium.py
from chromium import CHROMIUM, CHROMIUM_ARGS

# Each search probe replaces the box's words, as typing or pasting does (the input event).
TYPE = """(() => { const box = document.querySelector('#finder-q');
        box.value = '%s'; box.dispatchEvent(new Event('input', {bubbles: true})); })()"""
PROBES = {
    "tick a theme": "document.querySelector('#finder-theme-workforce').click()",
    "tick a borough": "document.querySelector('[name=borough]').click()",
    "type a word": TYPE % "social",
    "type two words": TYPE % "social prescribing",
    "misspell": TYPE % "voluntery sector",  # one letter off: found by the fuzzy match
    "no match": TYPE % "socail",  # two edits off: nothing found, so a spelling is suggested
    "clear filters": "document.querySelector('[data-finder-form] [data-finder-clear]').click()",
}
# Each probe performs one input in the page and forces layout, timing it with performance.now();
# then waits for the next frame, and for the list to be complete (see the docstring).
TIMED = """probe => new Promise((resolve, reject) => {
    const list = document.querySelector('[data-finder-list]');
    const started = performance.now();
    (0, eval)(probe);
    document.body.offsetHeight;  // lay out the updated page
    const laidOut = performance.now() - started;
    requestAnimationFrame(() => setTimeout(() => {
        const painted = performance.now() - started;
        const complete = () => {
            if (list.getAttribute('aria-busy') === 'true') {
                if (performance.now() - started > 10000) reject(new Error('the list is still busy after 10 s'));
                else requestAnimationFrame(complete);
                return;
            }
            document.body.offsetHeight;
            const done = performance.now() - started;
            const said = document.querySelector('[data-finder-status]').textContent.match(/Showing (\\d+) of/);
            if (!said || Number(said[1]) !== list.children.length)
                reject(new Error(`the list holds ${list.children.length} cards, the status says "${said && said[0]}"`));
            resolve([laidOut, painted, done]);
        };
        complete();
    }, 0));
})"""


# Builds the search index again from the cards' data-search-* fields, as the finder does (in
# the background, a batch per task) after the page starts, and times it whole: a first search
# forces it. The work the search adds to the page's start, spread over tasks.
INDEX_BUILD = """() => {
    const documents = Array.from(document.querySelectorAll('[data-finder-list] > li'), item => {
        const document = {id: item.dataset.slug};
        for (const {name, value} of item.attributes) if (name.startsWith('data-search-')) document[name.slice(12)] = value;
        return document;
    });
    const started = performance.now();
    window.showcaseFinderSearch(documents).match('a');
    return performance.now() - started;
}"""

# The shifts not caused by an input since the page began to load, once the script has started
# and a frame has been drawn.
LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: 'layout-shift', buffered: true});
    requestAnimationFrame(() => setTimeout(() => resolve(total), 200));
})"""
SHIFT_WIDTHS = (390, 1280)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def page_bytes(site: Path) -> dict[str, int]:
    own = [
        site / "projects/index.html",
        *sorted((site / "assets").glob("*.css")),
        *sorted((site / "assets").glob("*.js")),
        *sorted((site / "assets/vendor").glob("*.js")),
    ]
    theme = [*(site / "assets/stylesheets").glob("*.css"), *(site / "assets/javascripts").glob("bundle*.js")]
    return {
        "own_gzip": sum(map(gzip_size, own)),
        "theme_gzip": sum(map(gzip_size, theme)),
        "html_raw": (site / "projects/index.html").stat().st_size,
    }


def measure(count: int, rounds: int, workdir: Path) -> dict:
    showcase, _plain = generate(count, workdir / str(count))
    site = workdir / f"site-{count}"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=showcase, check=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    timings: dict[str, list[tuple[float, float, float]]] = {name: [] for name in PROBES}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"http://127.0.0.1:{server.server_port}/projects/")
        page.wait_for_selector("[data-finder-ready]")
        index_ms = [page.evaluate(INDEX_BUILD) for _ in range(rounds)]
        for _ in range(rounds):
            for name, probe in PROBES.items():
                timings[name].append(tuple(page.evaluate(TIMED, probe)))
        cards = page.locator("[data-finder-list] > li").count()
        shifts = {}
        for width in SHIFT_WIDTHS:
            fresh = browser.new_page(viewport={"width": width, "height": 800})
            fresh.goto(f"http://127.0.0.1:{server.server_port}/projects/")
            fresh.wait_for_selector("[data-finder-ready]", state="attached")
            shifts[str(width)] = round(fresh.evaluate(LAYOUT_SHIFT), 4)
            fresh.close()
        browser.close()
    server.shutdown()
    assert cards == count, f"{cards} cards for {count} projects"
    result = {
        "projects": count,
        **page_bytes(site),
        "search_index_median_ms": round(statistics.median(index_ms), 2),
        "layout_shift": shifts,
    }
    for name, values in timings.items():
        laid_out = [value[0] for value in values]
        painted = [value[1] for value in values]
        complete = [value[2] for value in values]
        result[name] = {
            "median_ms": round(statistics.median(laid_out), 2),
            "max_ms": round(max(laid_out), 2),
            "to_next_frame_median_ms": round(statistics.median(painted), 2),
            "complete_median_ms": round(statistics.median(complete), 2),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[12, 1000])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        results = [measure(count, args.rounds, Path(workdir)) for count in args.sizes]
    print(f"{'N':>6} {'input':<16} {'median ms':>10} {'max ms':>8} {'to frame ms':>12} {'complete ms':>12}")
    for result in results:
        for name in PROBES:
            timing = result[name]
            print(
                f"{result['projects']:>6} {name:<16} {timing['median_ms']:>10.2f} {timing['max_ms']:>8.2f} "
                f"{timing['to_next_frame_median_ms']:>12.2f} {timing['complete_median_ms']:>12.2f}"
            )
    print()
    print(
        f"{'N':>6} {'/projects/ + own CSS/JS, gzip':>30} {'theme bundle, gzip':>20} {'HTML raw':>10} {'search index ms':>16}"
    )
    for result in results:
        print(
            f"{result['projects']:>6} {result['own_gzip'] / 1024:>27.1f} KB {result['theme_gzip'] / 1024:>17.1f} KB "
            f"{result['html_raw'] / 1024:>7.0f} KB {result['search_index_median_ms']:>16.2f}"
        )
    print()
    print(f"{'N':>6} " + " ".join(f"{f'layout shift {width} px':>20}" for width in SHIFT_WIDTHS))
    for result in results:
        print(
            f"{result['projects']:>6} "
            + " ".join(f"{result['layout_shift'][str(width)]:>20.4f}" for width in SHIFT_WIDTHS)
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    main()
