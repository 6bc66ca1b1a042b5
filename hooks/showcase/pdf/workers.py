"""The worker processes that render and assemble the PDFs, and what they may see.

Renders run in a process pool sized to the machine, forked where the platform allows: the
parent never imports WeasyPrint or pikepdf (jobs.py imports them inside the workers), so each
worker imports them once, in parallel, while the parent goes on with other work. A worker
watches its parent and ends with it, and its fontconfig knows only the committed fonts.
"""

from __future__ import annotations

import concurrent.futures
import functools
import html
import multiprocessing
import os
import site
import threading
import time
from pathlib import Path

from showcase.file_cache import write_atomically
from showcase.pdf.documents import PdfSettings

HOOKS_DIR = Path(__file__).resolve().parents[2]  # hooks/, where the package `showcase` is

# The worker processes, by their number, kept for the life of this process: under `mkdocs serve`
# (with SHOWCASE_PDF=1) or the benchmark, the next build's workers have WeasyPrint imported and
# print.css parsed already, so a changed record costs its own render and the pack's assembly.
# A one-off `mkdocs build` shuts them down at exit (concurrent.futures' atexit handler).
_worker_pools: dict[int, concurrent.futures.ProcessPoolExecutor] = {}


def worker_pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    workers = max(1, workers)
    if workers not in _worker_pools:
        context = _process_context()
        # Under spawn, a worker imports jobs.py by name: it needs the hooks folder first.
        forked = context.get_start_method() == "fork"
        start = (
            functools.partial(_watch_parent, os.getpid())
            if forked
            else functools.partial(site.addsitedir, str(HOOKS_DIR))
        )
        _worker_pools[workers] = concurrent.futures.ProcessPoolExecutor(workers, context, start)
    return _worker_pools[workers]


def _watch_parent(parent: int) -> None:
    """A worker ends when the build that started it does. Killed (kill -9, a closed terminal),
    the build cannot shut its pool down, and its workers would live on, each holding 70 MB and
    the build's output open (`mkdocs build | cat` would never end)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="showcase-parent-watch", daemon=True).start()


def discard_worker_pool(workers: int) -> None:
    pool = _worker_pools.pop(max(1, workers), None)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def _process_context() -> multiprocessing.context.BaseContext:
    # Fork starts a worker in milliseconds; spawn (macOS, Windows) re-imports everything.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


# The fonts a PDF may use are the committed ones in theme/print/fonts/, part of the cache key.
# Left to itself, fontconfig would fill in a character they lack from whatever fonts the machine
# has: a PDF's bytes would then depend on the machine, and a cached PDF would outlive a change of
# those fonts. So the workers' fontconfig knows only the committed folder; a character none of
# its fonts has is drawn as a blank box, reported against the record that holds it (render_problems.py).
def use_only_committed_fonts(settings: PdfSettings) -> None:
    conf = settings.cache_dir / "fonts.conf"
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{html.escape(str((settings.print_dir / 'fonts').resolve()))}</dir>\n"
        f"  <cachedir>{html.escape(str((settings.cache_dir / 'fontconfig').resolve()))}</cachedir>\n"
        "</fontconfig>\n"
    )
    if not conf.is_file() or conf.read_text("utf-8") != text:
        write_atomically(conf, text.encode())
    # Read by fontconfig when a worker first lays out text; workers inherit it from here.
    os.environ["FONTCONFIG_FILE"] = str(conf.resolve())
