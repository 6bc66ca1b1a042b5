"""The serve stage: how long an editor waits under `mkdocs serve` from saving a file to the page.

Both the showcase (one record edited in data/projects.yaml) and the plain twin (the project's
Markdown page edited) are served on 127.0.0.1, and the changed page is polled until it holds
the edit.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from build_measurement import stats


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
