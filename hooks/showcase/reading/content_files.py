"""Which files the comms team's folders may hold, and reading them as ordinary files only.

The build publishes what it reads from content/ and data/, and copies theme/. A link there could
publish anything the machine can read (`/proc/self/environ` holds a deploy token), a device such
as `/dev/zero` would eat memory, a named pipe hang the build. So each folder is checked with
`lstat` at every level, from the project's folder down, and each file opened without following
links. content/ holds Markdown and pictures only: an HTML, script or SVG file would be published
as it is and could run code on the site's address, but for SVG logos in images/ (svg_check.py).
hooks/ is code, reviewed as code and never published: not checked.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from showcase.problems import Problem
from showcase.reading.svg_check import SVG_FIX, SvgRefused, check_svg

CONTENT_SUFFIXES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp"})
PICTURES_FOLDER = "images"  # the docs_dir's photos and logos, the only folder SVG drawings may be in
LARGEST_FILE = 50 * 1024 * 1024  # far more than any page, picture or data file needs

_LINK = (
    "this is a link (a symbolic link) to {target}, not a {kind}: the showcase reads and publishes only "
    "the ordinary files and folders inside the project, never what a link points to."
)
_LINK_FIX = "Replace the link with the file itself, or delete it."
_FOLDER_LINK_FIX = "Put the folder itself here in place of the link (move it here, then delete the link)."
_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}


class UnreadableFile(Exception):
    """A file the build will not read: why (`message`) and what to do (`fix`)."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message, self.fix = message, fix


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
    except OSError as error:
        raise UnreadableFile(
            f"this file cannot be opened ({(error.strerror or str(error)).lower()}).",
            "Check that it exists and that you may read it.",
        ) from None
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(*_special(info.st_mode))
        if info.st_size > LARGEST_FILE:
            raise UnreadableFile(
                f"this file is {info.st_size // (1024 * 1024)} MB, more than any page or data file needs.",
                "Check that it is the right file.",
            )
        return file.read(LARGEST_FILE + 1)


def folder_problems(
    root: Path, folder: Path, shown: Callable[[Path], str], suffixes: frozenset[str] | None
) -> list[Problem]:
    """Every link or special file on the way from `root` (the project's folder) to `folder`, and
    in or under it; with `suffixes`, every file of another type. Hidden entries (.git) are left
    alone: they are neither read nor published."""
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
            if refused := _not_ordinary(path, mode, shown):
                problems.append(refused)
                if name in folders:
                    folders.remove(name)  # a link: os.walk would not enter it; say so once
            elif suffixes is None or not stat.S_ISREG(mode):
                continue
            elif (suffix := path.suffix.lower()) == ".svg" and path.relative_to(folder).parts[0] == PICTURES_FOLDER:
                problems += _drawing_problems(path, folder, shown(path))  # an SVG in images/ may be a logo
            elif suffix not in suffixes:
                problems.append(Problem(shown(path), 0, "", "", *_wrong_type(suffix)))
    return problems


def _way_problems(root: Path, folder: Path, shown: Callable[[Path], str]) -> list[Problem]:
    """A folder (mkdocs.yml may name it) outside `root`, or a link or special file on the way to
    it, `folder` included: then nothing under it is the project's own."""
    try:
        steps = folder.relative_to(root).parts
    except ValueError:
        message = (
            f"this folder is outside the project's folder ({root}): the showcase reads and publishes only the "
            "files inside it."
        )
        fix = "In mkdocs.yml, set docs_dir (or theme: custom_dir) to a folder inside the project, such as content."
        return [Problem(shown(folder), 0, "", "", message, fix)]
    path = root
    for step in steps:
        path = path / step
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            return []
        if refused := _not_ordinary(path, mode, shown):
            return [refused]
    return []


def _not_ordinary(path: Path, mode: int, shown: Callable[[Path], str]) -> Problem | None:
    if stat.S_ISLNK(mode):
        folder = path.is_dir()  # stat, not open: a link to a pipe or a device is not opened
        message = _LINK.format(target=os.readlink(path), kind="folder" if folder else "file")
        return Problem(shown(path), 0, "", "", message, _FOLDER_LINK_FIX if folder else _LINK_FIX)
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return Problem(shown(path), 0, "", "", *_special(mode))


def _special(mode: int) -> tuple[str, str]:
    kind = _KINDS.get(stat.S_IFMT(mode), "not an ordinary file")
    return f"this is {kind}, not an ordinary file.", "Delete it, and save the text as an ordinary file."


def _drawing_problems(path: Path, folder: Path, shown: str) -> list[Problem]:
    """An SVG is published whether a record uses it or not: checked here."""
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
