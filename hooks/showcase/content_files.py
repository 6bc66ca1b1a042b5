"""Which files the comms team's folders may hold, and reading them as ordinary files only.

The build publishes what it reads from content/ and data/. A link (symlink) there could publish
anything the build machine can read (`/proc/self/environ` holds a deploy token), a device such
as `/dev/zero` would eat memory until the build dies, and a named pipe would hang it. So every
entry of both folders is checked with `lstat` before the build reads anything, and each file is
opened without following links and read only if it is an ordinary file inside the project.

content/ holds Markdown and pictures. An HTML or script file there would be published as it is
and could run code on the site's own address, so those are refused too, and so is an SVG, which
can carry scripts, except in the pictures' folder (images/, where logos may be drawings): there
each SVG is read and refused unless it holds only what draws it (svg_check.py).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from .problems import Problem
from .svg_check import SVG_FIX, SvgRefused, check_svg

CONTENT_SUFFIXES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp"})
# The docs_dir's folder of photos and logos, the only one that may hold SVG drawings.
PICTURES_FOLDER = "images"
LARGEST_FILE = 50 * 1024 * 1024  # far more than any page, picture or data file needs

_LINK = (
    "this is a link (a symbolic link) to {target}, not a file: the showcase reads only "
    "ordinary files inside content/ and data/."
)
_LINK_FIX = "Replace the link with the file itself, or delete it."
_SPECIAL = "this is {kind}, not an ordinary file."
_SPECIAL_FIX = "Delete it, and save the text as an ordinary file."


class UnreadableFile(Exception):
    """A file the build will not read; `problem` says why and what to do, for one file."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message, self.fix = message, fix


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not an ordinary file"


def read_file(path: Path, within: Path) -> bytes:
    """The bytes of `path`, an ordinary file inside the folder `within`; else UnreadableFile."""
    try:
        if path.is_symlink():
            raise UnreadableFile(_LINK.format(target=os.readlink(path)), _LINK_FIX)
        if not path.resolve().is_relative_to(within.resolve()):
            raise UnreadableFile(
                f"this file is reached through a link to {path.resolve().parent}, outside the project's folder.",
                "Replace the linked folder with a real folder holding the files.",
            )
        # O_NOFOLLOW: a link put in place after the check above is refused all the same;
        # O_NONBLOCK: opening a named pipe returns at once instead of waiting for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except UnreadableFile:
        raise
    except OSError as error:
        raise UnreadableFile(
            f"this file cannot be opened ({(error.strerror or str(error)).lower()}).",
            "Check that it exists and that you may read it.",
        ) from None
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(_SPECIAL.format(kind=_kind(info.st_mode)), _SPECIAL_FIX)
        if info.st_size > LARGEST_FILE:
            raise UnreadableFile(
                f"this file is {info.st_size // (1024 * 1024)} MB, more than any page or data file needs.",
                "Check that it is the right file.",
            )
        return file.read(LARGEST_FILE + 1)


def folder_problems(folder: Path, shown: Callable[[Path], str], suffixes: frozenset[str] | None) -> list[Problem]:
    """Every entry of `folder` that is not an ordinary file or folder (links included), and with
    `suffixes`, every file of another type. Hidden entries (.DS_Store, .git) are not published
    and are left alone."""
    problems: list[Problem] = []
    if not folder.is_dir() or folder.is_symlink():
        return problems
    for parent, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in [*folders, *sorted(files)]:
            if name.startswith("."):
                continue
            path = Path(parent) / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                problems.append(Problem(shown(path), 0, "", "", _LINK.format(target=os.readlink(path)), _LINK_FIX))
                if name in folders:
                    folders.remove(name)  # os.walk would not enter it; say so once
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                problems.append(Problem(shown(path), 0, "", "", _SPECIAL.format(kind=_kind(mode)), _SPECIAL_FIX))
            elif suffixes is not None and stat.S_ISREG(mode) and _is_drawing(path, folder):
                problems += _drawing_problems(path, folder, shown(path))
            elif suffixes is not None and stat.S_ISREG(mode) and path.suffix.lower() not in suffixes:
                problems.append(Problem(shown(path), 0, "", "", *_wrong_type(path.suffix.lower())))
    return problems


def _is_drawing(path: Path, folder: Path) -> bool:
    """An SVG in the pictures' folder, where it may be a logo."""
    return path.suffix.lower() == ".svg" and path.relative_to(folder).parts[0] == PICTURES_FOLDER


def _drawing_problems(path: Path, folder: Path, shown: str) -> list[Problem]:
    """An SVG may be published as it is, whether a record uses it or not: it must hold only what
    draws it (svg_check.py)."""
    try:
        check_svg(read_file(path, folder))
    except UnreadableFile as unreadable:
        return [Problem(shown, 0, "", "", unreadable.message, unreadable.fix)]
    except SvgRefused as refused:
        return [Problem(shown, refused.line, "", "", f"this SVG {refused.message}", SVG_FIX)]
    return []


def _wrong_type(suffix: str) -> tuple[str, str]:
    allowed = ", ".join(sorted(CONTENT_SUFFIXES))
    if suffix == ".svg":
        return (
            "SVG pictures can carry scripts that would run on the site, so content/ does not publish them "
            f"outside {PICTURES_FOLDER}/.",
            f"Save the picture as PNG (or JPEG for a photo) and link to that instead; a logo may stay an SVG "
            f"in content/{PICTURES_FOLDER}/, where each one is checked.",
        )
    if suffix in (".html", ".htm", ".js", ".mjs", ".xhtml", ".xml"):
        return (
            f"'{suffix}' files could run code on the site, so content/ does not publish them.",
            "Write the page in Markdown (.md) instead, or delete the file.",
        )
    return (
        f"content/ holds Markdown pages and pictures only ({allowed}), not '{suffix or 'files without a type'}'.",
        "Move the file out of content/, or save it in one of those types.",
    )
