"""A site folder is replaced whole, or not at all.

MkDocs empties the site folder at the start of a build and writes into it as it goes: a build
that fails midway (a broken template, a full disk, a warning under `strict`) would leave the
folder empty or half-written, and a web server copying it would publish that. So the build
writes into a staging folder beside it, and only a build that succeeded puts the staging
folder in the site folder's place. Plain file-system code: the MkDocs adapter is hooks/publish.py.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

_STAGING = re.compile(r"^\.(?P<name>.+)\.building-(?P<pid>\d+)$")


def staging_folder(site_dir: Path) -> Path:
    """Where this process builds `site_dir`: a hidden folder beside it (same file system, so the
    final move is a rename)."""
    return site_dir.parent / f".{site_dir.name}.building-{os.getpid()}"


def remove_abandoned_staging(site_dir: Path) -> None:
    """Staging folders of builds that were killed (their process is gone)."""
    if not site_dir.parent.is_dir():
        return
    for entry in site_dir.parent.iterdir():
        match = _STAGING.match(entry.name)
        if match and match["name"] == site_dir.name and not _running(int(match["pid"])):
            shutil.rmtree(entry, ignore_errors=True)


def put_in_place(staging: Path, site_dir: Path) -> None:
    """The staging folder becomes the site folder; the old site is removed after the swap."""
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    if site_dir.exists():
        os.rename(site_dir, old)
    os.rename(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
