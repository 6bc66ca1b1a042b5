"""A site folder is replaced whole, or not at all.

MkDocs empties the site folder and writes into it as it goes: a build that fails midway would
leave it empty or half-written for a web server to publish. So the build writes into a staging
folder beside it, put in place only when it succeeded. What a killed build leaves behind, the
next removes; each is named with the process's number and a random part, so a later build with
the same number (as in CI containers) never reuses a stale one.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

# A build's own folders beside the site: `.site.building-<pid>-<random>` and `.site.old-<pid>-<random>`
# (without the random part, as builds before it named them).
_LEFT_BEHIND = re.compile(r"^\.(?P<name>.+)\.(?:building|old)-(?P<pid>\d+)(?:-[0-9a-f]+)?$")


def staging_folder(site_dir: Path) -> Path:
    """A new hidden folder beside `site_dir` (same file system: the final move is a rename)."""
    return _beside(site_dir, "building")


def remove_abandoned_staging(site_dir: Path) -> None:
    """Remove the staging folders and old sites of killed builds: their process is gone, or is
    this one (which has not yet made its own)."""
    if not site_dir.parent.is_dir():
        return
    for entry in site_dir.parent.iterdir():
        match = _LEFT_BEHIND.match(entry.name)
        if match and match["name"] == site_dir.name:
            pid = int(match["pid"])
            if pid == os.getpid() or not _running(pid):
                shutil.rmtree(entry, ignore_errors=True)


def put_in_place(staging: Path, site_dir: Path) -> None:
    old = _beside(site_dir, "old")
    if site_dir.exists():
        os.rename(site_dir, old)
    os.rename(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _beside(site_dir: Path, kind: str) -> Path:
    return site_dir.parent / f".{site_dir.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}"


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        pass
    return True
