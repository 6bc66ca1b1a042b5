"""A picture's file checked before it is used (`PictureRefused`: what is wrong, and the fix): where
it may be, what it must be, its size. It is measured without being decoded (its weight on disk,
then its header, or an SVG's viewBox), so a photo that would fill the memory is refused first.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Literal

from PIL import Image

from showcase.problems import Problem, did_you_mean
from showcase.reading.content_files import PICTURES_FOLDER, UnreadableFile, read_file
from showcase.reading.svg_check import SVG_FIX, SvgRefused, check_svg

WEBP, JPEG, PNG, SVG, GIF = "image/webp", "image/jpeg", "image/png", "image/svg+xml", "image/gif"
SUFFIXES = {WEBP: ".webp", JPEG: ".jpg", PNG: ".png", SVG: ".svg", GIF: ".gif"}
# The files a Markdown page may show that carry metadata, and the format each is written back in
# (page_pictures.py; an SVG is checked by the loader and published as it is).
STRIPPED_TYPES = {".jpg": JPEG, ".jpeg": JPEG, ".png": PNG, ".webp": WEBP, ".gif": GIF}
PILLOW_FORMATS = {"JPEG": JPEG, "MPO": JPEG, "PNG": PNG, "WEBP": WEBP, "GIF": GIF}  # Pillow's names

EXIF_ORIENTATION = 0x0112
# A photo or a logo: a logo may be an SVG drawing, and it is shown smaller than a photo.
PictureRole = Literal["photo", "logo"]

# A phone's photo is 2 to 12 MB: 20 MB is room for any of them, and stops a video or a scan at
# print resolution from being committed to the repository.
LARGEST_PICTURE_MB = 20
# A 108-megapixel phone's photo decodes to about 330 MB of pixels; the copies are made from it
# one at a time. Anything larger is most likely a "decompression bomb": a small file that
# decodes to gigabytes.
MOST_PIXELS = 110_000_000
# A photo is shown up to about 800 px wide on a computer and across a phone's screen, which has
# two or three pixels to each point: narrower than this it looks soft. Every phone photo passes.
PHOTO_MIN_WIDTH = 1000
PHOTO_MIN_HEIGHT = 500
# A logo is shown small (about 200 px wide), and as sharply on a phone's screen at 400.
LOGO_MIN_SIDE = 400
RASTER_TYPES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# A picture a Markdown page shows may also be a GIF, or a phone's JPEG that Pillow opens as MPO.
PAGE_PICTURE_TYPES = {**RASTER_TYPES, "GIF": "GIF", "MPO": "JPEG"}
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".svg")
_SMALLER = "Save a smaller copy, about 4,000 pixels wide."


def is_stripped_type(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in STRIPPED_TYPES


def is_turned(image: Image.Image) -> bool:
    """Whether the EXIF orientation swaps its width and height."""
    return image.getexif().get(EXIF_ORIENTATION) in (5, 6, 7, 8)


class PictureRefused(Exception):
    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message, self.fix = message, fix


def check_where(src: str, role: PictureRole) -> None:
    name = PurePosixPath(src.replace("\\", "/")).name or "photo.jpg"
    fix_in_images = (
        f"Save the file in content/{PICTURES_FOLDER}/ and write src: {PICTURES_FOLDER}/{name}, "
        "the path from the content/ folder."
    )
    if re.match(r"^(https?:|data:|//)", src, re.IGNORECASE):
        raise PictureRefused(
            f"'{src}' is a picture on another website: the site shows only pictures committed with it, "
            "so that no page fetches anything from elsewhere.",
            f"Ask its owner for permission, save it in content/{PICTURES_FOLDER}/ and write src: "
            f"{PICTURES_FOLDER}/{_web_name(src)}.",
        )
    if "\\" in src:
        raise PictureRefused(
            f"'{src}' uses the backslash '\\', which the site's addresses do not.",
            f"Write it with '/': src: {src.replace(chr(92), '/')}",
        )
    parts = PurePosixPath(src).parts
    if src.startswith("/") or ".." in parts:
        raise PictureRefused(
            f"'{src}' points outside content/{PICTURES_FOLDER}/: the site publishes pictures from that folder only.",
            fix_in_images,
        )
    if parts[:2] == ("content", PICTURES_FOLDER):
        raise PictureRefused(
            f"'{src}' starts with 'content/': the path is written from inside the content/ folder.",
            f"Write it as src: {src.removeprefix('content/')}",
        )
    if parts[:1] != (PICTURES_FOLDER,) or len(parts) < 2 or any(part.startswith(".") for part in parts):
        raise PictureRefused(f"'{src}' is not in content/{PICTURES_FOLDER}/, where pictures are kept.", fix_in_images)
    suffix = PurePosixPath(src).suffix.lower()
    if suffix == ".svg" and role == "photo":
        raise PictureRefused(
            f"'{src}' is an SVG drawing: a photo must be a JPEG, PNG or WebP file (only a logo may be an SVG).",
            f"Use the photo's JPEG file, or save the drawing as a PNG at least {PHOTO_MIN_WIDTH} pixels wide.",
        )
    if suffix not in PICTURE_SUFFIXES:
        kinds = "JPEG (.jpg), PNG (.png), WebP (.webp)" + (" or SVG (.svg)" if role == "logo" else "")
        raise PictureRefused(
            f"'{src}' is not a type of picture the site shows: it shows {kinds}.",
            f"Save it as {'a JPEG' if role == 'photo' else 'a PNG'} "
            f"({PurePosixPath(src).with_suffix('.jpg' if role == 'photo' else '.png')}) and write that name.",
        )


def measure_picture(docs_dir: Path, src: str, role: PictureRole, within: Path) -> tuple[int, int]:
    """The width and height, as shown, of the picture `src` names, a path from the docs_dir."""
    check_where(src, role)
    path = docs_dir / src
    if not path.is_file() and not path.is_symlink():
        raise _missing(docs_dir, src)
    # Its weight first, from the folder's entry: a file too heavy to use is never read.
    megabytes = path.lstat().st_size / (1024 * 1024)
    if megabytes > LARGEST_PICTURE_MB:
        raise PictureRefused(
            f"'{src}' weighs {megabytes:.0f} MB, more than the {LARGEST_PICTURE_MB} MB a picture may: "
            "every picture is kept in the repository forever.",
            "Save a smaller copy: about 4,000 pixels wide as a JPEG is plenty (the site makes its own small copies).",
        )
    try:
        data = read_file(path, within)
    except UnreadableFile as unreadable:
        raise PictureRefused(f"'{src}': {unreadable.message}", unreadable.fix) from None
    if path.suffix.lower() == ".svg":
        return _svg_size(src, data)  # a drawing is sharp at any size
    width, height = _raster_size(src, data)
    _check_sharp(src, role, width, height)
    return width, height


def page_picture_problems(docs_dir: Path, shown: Callable[[Path], str], named: set[str]) -> list[Problem]:
    """Each JPEG, PNG, WebP or GIF file of the docs_dir no record names (`named`) that the build
    could not copy without its metadata: the check stops on it, as the build would."""
    problems: list[Problem] = []
    for parent, folders, files in os.walk(docs_dir):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            path = Path(parent) / name
            src = path.relative_to(docs_dir).as_posix()
            if name.startswith(".") or src in named or not is_stripped_type(src) or not path.is_file():
                continue
            try:
                _raster_size(src, path, PAGE_PICTURE_TYPES)
            except PictureRefused as refused:
                problems.append(Problem(shown(path), 0, "", "", refused.message, refused.fix))
    return problems


def _raster_size(src: str, source: bytes | Path, kinds: dict[str, str] = RASTER_TYPES) -> tuple[int, int]:
    """A picture's size from its header, checked whole without decoding its pixels."""
    not_a_picture = (
        f"'{src}' is not a picture the site can read: it may be another kind of file renamed, or damaged.",
        "Open it in a picture viewer and save it again as a JPEG (a photo) or PNG (a logo).",
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns about large pictures and refuses huge ones: MOST_PIXELS decides here.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as image:
                kind, (width, height) = image.format or "", image.size
                # A camera's orientation, in a JPEG's or WebP's header (a PNG's would mean decoding it).
                turned = kind != "PNG" and is_turned(image)
                if width * height > MOST_PIXELS:
                    raise PictureRefused(
                        f"'{src}' is {width} × {height} pixels ({width * height // 1_000_000} million), more than "
                        f"any photo needs ({MOST_PIXELS // 1_000_000} million at most).",
                        _SMALLER,
                    )
                if kind not in kinds:
                    raise PictureRefused(
                        f"'{src}' is a {kind or 'kind of'} picture, which the site does not show: it shows "
                        f"{', '.join(dict.fromkeys(kinds.values()))}.",
                        f"Save it as a PNG (or a JPEG for a photo) in content/{PICTURES_FOLDER}/ and write that name.",
                    )
                image.verify()  # the file's structure and checksums, not its pixels
    except Image.DecompressionBombError:
        raise PictureRefused(
            f"'{src}' has more pixels than any photo needs ({MOST_PIXELS // 1_000_000} million at most).",
            _SMALLER,
        ) from None
    except PictureRefused:
        raise
    except Exception:  # Pillow raises many kinds (UnidentifiedImageError, OSError, SyntaxError, ...)
        raise PictureRefused(*not_a_picture) from None
    return (height, width) if turned else (width, height)


def _svg_size(src: str, data: bytes) -> tuple[int, int]:
    """A drawing's size in pixels, else its viewBox, once it is known to hold only what draws it."""
    try:
        drawing = check_svg(data)
    except SvgRefused as refused:
        raise PictureRefused(f"'{src}' {refused.message}", SVG_FIX) from None
    view_box = [float(number) for number in re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", drawing.view_box)]
    pixels = [_pixels(side) for side in (drawing.width, drawing.height)]
    if pixels[0] and pixels[1]:
        width, height = pixels[0], pixels[1]
    elif len(view_box) == 4 and view_box[2] > 0 and view_box[3] > 0:
        width, height = view_box[2], view_box[3]
    else:
        raise PictureRefused(
            f"'{src}' does not say its size: the drawing has no viewBox (or width and height in pixels).",
            "Save it again from the drawing program (most add a viewBox), or save it as a PNG at least "
            f"{LOGO_MIN_SIDE} pixels wide.",
        )
    return max(round(width), 1), max(round(height), 1)


def _pixels(length: str) -> float | None:
    """A width or height written in pixels ('120' or '120px'); None for other units or none."""
    found = re.fullmatch(r"\s*(\d+\.?\d*|\.\d+)\s*(px)?\s*", length)
    return float(found.group(1)) if found and float(found.group(1)) > 0 else None


def _check_sharp(src: str, role: PictureRole, width: int, height: int) -> None:
    if role == "photo" and (width < PHOTO_MIN_WIDTH or height < PHOTO_MIN_HEIGHT):
        raise PictureRefused(
            f"'{src}' is {width} × {height} pixels, too small to show sharply: a photo needs at least "
            f"{PHOTO_MIN_WIDTH} × {PHOTO_MIN_HEIGHT}, as the page shows it up to about 800 pixels wide and "
            "phone screens have two or three pixels to each of those.",
            "Use the original photo from the camera or phone, not a copy from a website or a message.",
        )
    if role == "logo" and max(width, height) < LOGO_MIN_SIDE:
        raise PictureRefused(
            f"'{src}' is {width} × {height} pixels, too small to show sharply: a logo needs at least "
            f"{LOGO_MIN_SIDE} pixels on its longer side, as phone screens have two or three pixels to each "
            "of the page's.",
            f"Ask the organisation for a larger PNG or an SVG of its logo, and save it in content/{PICTURES_FOLDER}/.",
        )


def _missing(docs_dir: Path, src: str) -> PictureRefused:
    folder = docs_dir / PICTURES_FOLDER
    if not folder.is_dir():
        return PictureRefused(
            f"there is no file '{src}': the folder content/{PICTURES_FOLDER}/ does not exist yet.",
            f"Create the folder content/{PICTURES_FOLDER}/, save the picture in it, and check the file's name.",
        )
    there = [
        path.relative_to(docs_dir).as_posix()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".") and path.suffix.lower() in PICTURE_SUFFIXES
    ]
    return PictureRefused(
        f"there is no file '{src}' in content/{PICTURES_FOLDER}/{did_you_mean(src, there)}.",
        "Check the name against the files in content/images/ (capitals count), or save the picture there.",
    )


def _web_name(address: str) -> str:
    last = PurePosixPath(address.split("?")[0].split("#")[0]).name
    return last if PurePosixPath(last).suffix.lower() in PICTURE_SUFFIXES else "its-name.jpg"
