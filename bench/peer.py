"""The peer stage: mkdocs-to-pdf, the PDF plugin people would pick instead, on the plain twin.

mkdocs-to-pdf is not a project dependency: it is installed from PyPI into its own venv,
bench/.venv-peer (git-ignored), the first time, with the MkDocs and material the project pins.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from build_measurement import mkdocs_build, stats
from repository import BENCH

PEER_VENV = BENCH / ".venv-peer"
PEER_PACKAGES = ["mkdocs==1.6.1", "mkdocs-material==9.8.1", "mkdocs-to-pdf"]


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
