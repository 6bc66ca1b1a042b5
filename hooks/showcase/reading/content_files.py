"""Which files the comms team's folders may hold, and reading them as ordinary files only.

The build publishes what it reads from content/ and data/, and MkDocs copies theme/ (mkdocs.yml's
custom_dir) into the site. A link (symlink) there could publish anything the build machine can
read (`/proc/self/environ` holds a deploy token), a device such as `/dev/zero` would eat memory
until the build dies, and a named pipe would hang it. So, before the build reads anything, each
of those folders is checked with `lstat` at every level: every folder on the way from the
project's folder down to it (a linked content/ would bring its whole target with it), the folder
itself, and every entry under it; and each file is opened without following links and read only
if it is an ordinary file inside the project. mkdocs.yml may name other folders for them
(docs_dir, custom_dir): each must be inside the project. hooks/ is not checked: it is code, which
runs anyway and is reviewed as code; its files are never published.

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

from showcase.problems import Problem
from showcase.reading.svg_check import SVG_FIX, SvgRefused, check_svg

CONTENT_SUFFIXES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp"})
# The docs_dir's folder of photos and logos, the only one that may hold SVG drawings.
PICTURES_FOLDER = "images"
LARGEST_FILE = 50 * 1024 * 1024  # far more than any page, picture or data file needs

_LINK = (
    "this is a link (a symbolic link) to {target}, not a {kind}: the showcase reads and publishes only "
    "the ordinary files and folders inside the project, never what a link points to."
)
_LINK_FIX = "Replace the link with the file itself, or delete it."
_FOLDER_LINK_FIX = "Put the folder itself here in place of the link (move it here, then delete the link)."
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
            raise UnreadableFile(_LINK.format(target=os.readlink(path), kind="file"), _LINK_FIX)
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


def folder_problems(
    root: Path, folder: Path, shown: Callable[[Path], str], suffixes: frozenset[str] | None
) -> list[Problem]:
    """Every entry that is not an ordinary file or folder (links included) at every level of
    `folder`: the folders on the way to it from `root` (the project's folder), `folder` itself and
    everything under it; and with `suffixes`, every file of another type. Hidden entries
    (.DS_Store, .git) are neither read nor published, and are left alone."""
    if problems := _way_problems(root, folder, shown):
        return problems
    if not folder.is_dir():
        return []  # missing: the files the build needs from it are reported as missing
    for parent, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in [*folders, *sorted(files)]:
            if name.startswith("."):
                continue
            path = Path(parent) / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                problems.append(_link_problem(path, shown))
                if name in folders:
                    folders.remove(name)  # os.walk would not enter it; say so once
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                problems.append(_special_problem(path, mode, shown))
            elif suffixes is not None and stat.S_ISREG(mode) and _is_drawing(path, folder):
                problems += _drawing_problems(path, folder, shown(path))
            elif suffixes is not None and stat.S_ISREG(mode) and path.suffix.lower() not in suffixes:
                problems.append(Problem(shown(path), 0, "", "", *_wrong_type(path.suffix.lower())))
    return problems


def _way_problems(root: Path, folder: Path, shown: Callable[[Path], str]) -> list[Problem]:
    """A folder (mkdocs.yml may name it) outside `root`, or a link or special file on the way
    from `root` down to it, `folder` included: then nothing under it is the project's own."""
    try:
        steps = folder.relative_to(root).parts
    except ValueError:
        return [
            Problem(
                shown(folder),
                0,
                "",
                "",
                f"this folder is outside the project's folder ({root}): the showcase reads and publishes only "
                "the files inside it.",
                "In mkdocs.yml, set docs_dir (or theme: custom_dir) to a folder inside the project, such as content.",
            )
        ]
    path = root
    for step in steps:
        path = path / step
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            return []
        if stat.S_ISLNK(mode):
            return [_link_problem(path, shown)]
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            return [_special_problem(path, mode, shown)]
        # An ordinary file where a folder should be: the files the build needs are reported missing.
    return []


def _special_problem(path: Path, mode: int, shown: Callable[[Path], str]) -> Problem:
    return Problem(shown(path), 0, "", "", _SPECIAL.format(kind=_kind(mode)), _SPECIAL_FIX)


def _link_problem(path: Path, shown: Callable[[Path], str]) -> Problem:
    """A link, named with where it points; a link to a folder asks for the folder."""
    folder = path.is_dir()  # stat, not open: a link to a pipe or a device is not opened
    return Problem(
        shown(path),
        0,
        "",
        "",
        _LINK.format(target=os.readlink(path), kind="folder" if folder else "file"),
        _FOLDER_LINK_FIX if folder else _LINK_FIX,
    )


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
