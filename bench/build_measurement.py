"""Running a build and measuring it: wall-clock seconds and peak memory, and their statistics.

Every stage of bench/measure.py times its builds through `run_measured`, so all figures are
taken the same way: wall time around the whole process, and memory as the peak of the summed
resident memory of the process and its descendants (WeasyPrint's workers are processes too).
"""

from __future__ import annotations

import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

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
    """Run `argv` to the end: wall seconds, `cpu_seconds` (user and system time of the process
    and the descendants it waited for: on a machine shared with other work, steadier than the
    wall time), exit code, output, `timed_out` when it was killed after `timeout` seconds, and
    its peak memory: `peak_mb`, the largest sum of the resident
    memory of the process and its descendants (WeasyPrint's workers), sampled every 0.1 s from
    /proc. (Not ru_maxrss: on Linux a child's counts the memory of the process it was forked
    from, here this benchmark's, and it is the largest single process, not the sum.)"""
    with tempfile.TemporaryFile() as output:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)  # one build at a time: the difference is this one's
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
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        done.set()
        sampler.join()
        if timer:
            timer.cancel()
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    return {
        "seconds": seconds,
        "cpu_seconds": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
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
    """`python -m mkdocs build` of `project` into `site`, measured (see `run_measured`); exits
    with the build's output when it fails, unless `check` is false (the peer may fail)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    result = run_measured(
        [python, "-m", "mkdocs", "build", *(["-q"] if quiet else []), "-d", str(site)], project, env, timeout
    )
    if check and result["returncode"] != 0:
        sys.exit(f"bench: building {project} failed (exit code {result['returncode']}):\n{result['output']}")
    return result


def stats(values: list[float]) -> dict:
    """A measure as bench/results.json holds it: median, min, max, the number of runs and each run."""
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": len(values),
        "values": [round(v, 4) for v in values],
    }
