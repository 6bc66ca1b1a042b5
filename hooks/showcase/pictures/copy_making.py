"""What every copy of a picture shares: the file opened safely, its pixels upright in sRGB and
nothing else, its encoding, and the verified cache in front of it, where a copy is filed under a
hash of the file, the settings and the code: a build whose pictures did not change decodes nothing.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import hashlib
import io
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from showcase.file_cache import CacheEntry, fetch_entry, file_digest, prune_entries, store_entry
from showcase.pictures.picture_files import JPEG, MOST_PIXELS, SUFFIXES, WEBP, is_turned

if TYPE_CHECKING:
    from PIL import Image

CACHE_FORMAT = "2"  # bump when the layout of a cache record changes (2: file_cache.py's records)
MAKERS = ("copy_making.py", "copies.py", "page_pictures.py")  # the code in the key


@dataclass(frozen=True)
class PictureSettings:
    # CSS-pixel-ready widths: a card (about 320 px wide), the project page's column at 1x and
    # 2x, and a wide screen. A file narrower than a width gets no copy at it.
    widths: tuple[int, ...] = (320, 640, 960, 1280)
    # WebP at 75 (cwebp's default) looks like the JPEG fallback at 80 at about half the bytes.
    # Method 4 (libwebp's default): method 6 made files 3 % smaller in 1.7 times the time.
    webp_quality: int = 75
    webp_method: int = 4
    jpeg_quality: int = 80  # the fallback: progressive and Huffman-optimised
    # The PDFs' copy: a photo across an A4 page's text column (about 170 mm) at 270 dpi.
    print_width: int = 1800
    print_quality: int = 85
    # A Markdown page's picture in its own format: a JPEG keeps its own quantisation tables when
    # it has them, else this quality, as a lossy WebP; a PNG or a transparent WebP is lossless.
    stripped_quality: int = 90


SETTINGS = PictureSettings()


class PictureError(ValueError):
    pass


@dataclass(frozen=True)
class PictureCopy:
    file: Path  # in the cache folder
    width: int
    height: int
    media_type: str  # image/webp, image/jpeg, image/png, image/gif or image/svg+xml
    path: str = ""  # in the site, e.g. images/harbour-walks-1a2b3c4d5e-640.webp; "" for the print copy


@dataclass(frozen=True)
class Encoded:
    name: str  # in the cache
    data: bytes
    width: int
    height: int
    media_type: str

    @property
    def record(self) -> dict:
        return {"name": self.name, "width": self.width, "height": self.height, "type": self.media_type}


def copy_from(entry: CacheEntry, item: Mapping, path: str = "") -> PictureCopy:
    return PictureCopy(entry.files[item["name"]], int(item["width"]), int(item["height"]), str(item["type"]), path)


_Source = TypeVar("_Source")
_Made = TypeVar("_Made")


@dataclass(frozen=True)
class CopyReport(Generic[_Made]):
    copies: dict[str, _Made]  # by the source's path from the docs_dir
    made: tuple[str, ...]  # not from the cache
    seconds: float
    keys: frozenset[str]  # the cache entries these copies are filed under


def cached_or_made(
    sources: Mapping[str, _Source],
    docs_dir: Path,
    cache_dir: Path,
    make: Callable[[str, _Source, Path], tuple[list[Encoded], dict]],
    read: Callable[[CacheEntry, _Source], _Made],
    prune: bool,
    salt: str = "",
) -> CopyReport[_Made]:
    """Each source's copies: `read` from its verified cache entry, else `make` (the copies and
    their record) and stored. A `salt` keeps apart two kinds of copy of one file. With `prune`,
    the cache keeps only these (the caller holds its lock). PictureError names every file that
    failed. A thread per CPU: Pillow lets go of Python's lock while it decodes, resizes and
    encodes (1.8 times as fast on 2 CPUs, without the start-up and copying of processes)."""
    started = time.monotonic()
    cache_dir.mkdir(parents=True, exist_ok=True)
    fingerprint = _fingerprint() + salt
    keys = {src: _cache_key(fingerprint, docs_dir / src) for src in sorted(sources)}
    errors: dict[str, str] = {}

    def cached(src: str) -> _Made | None:
        return fetch_entry(cache_dir, keys[src], lambda entry: read(entry, sources[src]))

    def made(src: str) -> _Made | None:
        try:
            files, record = make(keys[src], sources[src], docs_dir / src)
        except PictureError as error:
            errors[src] = str(error)
            return None
        store_entry(cache_dir, keys[src], {copy.name: copy.data for copy in files}, record)
        return cached(src)

    found = {src: cached(src) for src in keys}
    missing = [src for src, copies in found.items() if copies is None]
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
        found.update(zip(missing, pool.map(made, missing), strict=True))
    if errors:
        raise PictureError("\n".join(errors[src] for src in missing if src in errors))
    if prune:
        prune_entries(cache_dir, set(keys.values()))
    copies = {src: copy for src, copy in found.items() if copy is not None}  # each: just written
    return CopyReport(copies, tuple(missing), time.monotonic() - started, frozenset(keys.values()))


def _fingerprint() -> str:
    folder = Path(__file__).resolve().parent
    parts = (
        CACHE_FORMAT,
        json.dumps(asdict(SETTINGS), sort_keys=True),
        *(file_digest(folder / name) for name in MAKERS),
        library_versions("jpg", "webp", "zlib", "littlecms2"),
    )
    return hashlib.sha256(b"".join(part.encode() + b"\0" for part in parts)).hexdigest()


def _cache_key(fingerprint: str, source: Path) -> str:
    try:
        source_digest = file_digest(source)
    except OSError as error:
        raise PictureError(f"{source}: cannot be read ({error.strerror or error})") from None
    return hashlib.sha256(f"{fingerprint}\0{source_digest}".encode()).hexdigest()


@functools.cache  # the libraries do not change while a process runs
def library_versions(*names: str) -> str:
    from PIL import __version__, features  # about 25 ms, once a process

    return "; ".join([f"Pillow {__version__}", *(f"{name} {features.version(name) or 'missing'}" for name in names)])


# -- the pixels ---------------------------------------------------------------------------------


@contextlib.contextmanager
def opened(src: str, source: Path) -> Iterator[Image.Image]:
    """The file opened with Pillow, else PictureError (damaged, not a picture, or more pixels
    than a phone's photo: decoding it could fill the memory)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source) as image:
            if image.width * image.height > MOST_PIXELS:
                raise PictureError(
                    f"{src}: {image.width} x {image.height} pixels is more than any photo needs "
                    f"({MOST_PIXELS // 1_000_000} million pixels at most)"
                )
            yield image
    except PictureError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise PictureError(f"{src}: cannot be read as an image ({error})") from None


def shown_size(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    return (height, width) if is_turned(image) else (width, height)


def upright_srgb(image: Image.Image, print_width: int | None) -> Image.Image:
    """The picture as it should be seen: EXIF orientation applied, in sRGB (a profile converted,
    then dropped), RGB or RGBA, and nothing of the file's metadata (no EXIF, so no GPS, nor XMP,
    comment or date). A JPEG is decoded only as large as `print_width` needs (None: all of it)."""
    from PIL import Image, ImageCms, ImageOps

    if image.format == "JPEG" and print_width is not None:
        # Decode at the smallest power-of-two reduction that still covers the print copy.
        shown_width, shown_height = shown_size(image)
        need_width = min(print_width, shown_width)
        need = (need_width, max(1, need_width * shown_height // shown_width))
        image.draft(image.mode, need[::-1] if is_turned(image) else need)
    image.seek(0)  # an animated file: its first frame
    image.load()
    icc = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    mode = "RGBA" if _has_transparency(upright) else "RGB"
    if icc:
        profiled = "RGBA" if mode == "RGBA" else upright.mode if upright.mode in ("RGB", "CMYK", "L") else "RGB"
        try:
            converted = ImageCms.profileToProfile(
                upright.convert(profiled),
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                ImageCms.createProfile("sRGB"),
                renderingIntent=ImageCms.Intent.PERCEPTUAL,
                outputMode=mode,
            )
            upright = converted or upright
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a profile lcms cannot use: the pixels as they are, as a browser without it would
    # A fresh image holds only the pixels: nothing of the file's EXIF, XMP, profile or comments
    # can reach an encoder that reads them from `info`.
    clean = Image.new(mode, upright.size)
    clean.paste(upright if upright.mode == mode else upright.convert(mode))
    return clean


def _has_transparency(image: Image.Image) -> bool:
    if "transparency" in image.info:
        image = image.convert("RGBA")
    low = image.getchannel("A").getextrema()[0] if image.mode in ("RGBA", "LA", "La", "RGBa", "PA") else 255
    assert isinstance(low, int | float)  # one band: (lowest, highest)
    return low < 255


def encoded(
    stem: str,
    image: Image.Image,
    media_type: str,
    quality: int | None = None,
    jpeg_tables: tuple[list[list[int]], int] | None = None,
) -> Encoded:
    """The image in `media_type` at `quality` (else the settings'), or a JPEG with `jpeg_tables`
    (quantisation tables, and a subsampling or -1)."""
    out = io.BytesIO()
    if media_type == WEBP and image.mode == "RGBA":  # a logo: flat colours and edges, which lossy WebP smears
        image.save(out, "WEBP", lossless=True, method=SETTINGS.webp_method)
    elif media_type == WEBP:
        image.save(out, "WEBP", quality=quality or SETTINGS.webp_quality, method=SETTINGS.webp_method)
    elif media_type == JPEG and jpeg_tables is not None:
        tables, subsampling = jpeg_tables
        # No quality with tables: Pillow would scale them by it.
        options = {"subsampling": subsampling} if subsampling >= 0 else {}
        image.save(out, "JPEG", qtables=tables, optimize=True, progressive=True, **options)
    elif media_type == JPEG:
        image.save(out, "JPEG", quality=quality or SETTINGS.jpeg_quality, optimize=True, progressive=True)
    else:
        image.save(out, "PNG", optimize=True)
    return Encoded(f"{stem}{SUFFIXES[media_type]}", out.getvalue(), image.width, image.height, media_type)
