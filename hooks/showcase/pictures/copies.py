"""The copies of each picture the pages and PDFs show: resized, upright, in sRGB, without metadata.

A photo from a phone is megabytes, lies on its side until its EXIF orientation is applied, and
carries where and when it was taken. The site never publishes it: from each committed file this
module makes

- for the web, one copy per width in `PictureSettings.widths` that the file can fill (never
  enlarged), each in WebP and in a fallback for browsers without it: JPEG, or PNG when the
  picture has transparent parts (a logo); the pages offer them through <picture>, srcset and
  sizes, so a phone downloads a small one;
- for the PDFs, one print copy (JPEG, or PNG when transparent) wide enough for a page at print
  resolution;
- for an SVG logo, the file itself, unchanged (the loader has refused unsafe ones), for both.

A picture a Markdown page shows (`![alt](../images/map.png)` in a project's story, a cohort's
page or the home page) is any other JPEG, PNG, WebP or GIF file in the docs_dir. Its page points at
the file's own address and may lean on its size, so it gets one copy, `stripped_copy`: the same
format and pixel size, made the same way as the copies above.

Every copy is upright (the EXIF orientation applied first), in sRGB (an embedded colour profile
converted, then dropped) and carries nothing but pixels: no EXIF (so no GPS), XMP, colour
profile, comment or date. Same file, same settings, same code: same bytes.

The copies are kept in a cache folder, filed under a hash of the source's bytes, the settings,
this module's code and the image libraries' versions. A build whose pictures did not change
decodes nothing: it hashes each source (once per file while `mkdocs serve` runs) and reads the
cache's records (it imports Pillow only to read its codecs' versions). The copies' names in the
site carry the start of that hash (`images/harbour-walks-1a2b3c4d5e-640.webp`), so a changed
photo gets new addresses and no browser shows a stale one.
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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from showcase.file_cache import CacheEntry, fetch_entry, file_digest, prune_entries, store_entry
from showcase.model import Picture, Programme
from showcase.pictures import gif_stripping
from showcase.pictures.gif_stripping import GifError, gif_without_metadata
from showcase.pictures.picture_files import (
    EXIF_ORIENTATION,
    GIF,
    JPEG,
    MOST_PIXELS,
    PILLOW_FORMATS,
    PNG,
    STRIPPED_TYPES,
    SUFFIXES,
    SVG,
    TURNED_ORIENTATIONS,
    WEBP,
)

if TYPE_CHECKING:
    from PIL import Image

CACHE_DIR = Path(".cache") / "showcase-pictures"  # beside mkdocs.yml, as the PDFs' cache
CACHE_FORMAT = "2"  # bump when the layout of a cache record changes (2: file_cache.py's records)


@dataclass(frozen=True)
class PictureSettings:
    """What decides the copies' bytes besides the source (all of it is in the cache key)."""

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
    # A Markdown page's picture, written back in its own format: a JPEG with the file's own
    # quantisation tables (its quality, kept) when it has them, else at this quality, as a
    # lossy WebP is; a PNG, and a WebP with transparent parts, lossless.
    stripped_quality: int = 90


DEFAULT_SETTINGS = PictureSettings()


@dataclass(frozen=True)
class PictureCopy:
    """One file made from a picture."""

    file: Path  # in the cache folder
    width: int
    height: int
    media_type: str  # image/webp, image/jpeg, image/png or image/svg+xml
    path: str = ""  # in the site, e.g. images/harbour-walks-1a2b3c4d5e-640.webp; "" for the print copy


@dataclass(frozen=True)
class PictureCopies:
    """Every copy made from one committed picture."""

    src: str  # the picture's path from the docs_dir (Picture.src): the key BuildState files it under
    width: int  # upright, of the committed file (an SVG: its viewBox): the shape every copy has
    height: int
    modern: tuple[PictureCopy, ...]  # WebP, narrowest first; none for an SVG
    fallback: tuple[PictureCopy, ...]  # JPEG or PNG at the same widths; an SVG itself
    print_copy: PictureCopy  # for the PDFs, not in the site

    @property
    def site_copies(self) -> tuple[PictureCopy, ...]:
        """The copies the site publishes."""
        return (*self.modern, *self.fallback)

    def on_page(self, url: Callable[[str], str], sizes: str = "100vw") -> PictureOnPage:
        """What a page's <picture> needs, with each copy's address from `url` (a site path to
        the page's relative URL). `sizes` says how wide the layout shows the picture."""
        default = _default_copy(self.fallback)
        return PictureOnPage(
            src=url(default.path),
            srcset=_srcset(self.fallback, url),
            type=default.media_type,
            sources=(PictureSource(WEBP, _srcset(self.modern, url)),) if self.modern else (),
            sizes=sizes,
            width=default.width,
            height=default.height,
        )


@dataclass(frozen=True)
class PictureSource:
    """A <source> of a <picture>: a format and its copies."""

    type: str
    srcset: str


@dataclass(frozen=True)
class PictureOnPage:
    """A picture's copies as one page refers to them (URLs relative to the page).

    width and height are the `src` copy's: set on the <img>, with CSS `height: auto`, they give
    the browser the picture's shape before it loads, so nothing below it moves.
    """

    src: str
    srcset: str
    type: str
    sources: tuple[PictureSource, ...]  # the modern formats, each before the <img>
    sizes: str
    width: int
    height: int


@dataclass(frozen=True)
class PictureReport:
    """What `make_picture_copies` did: every picture's copies, and which were made now."""

    copies: dict[str, PictureCopies]  # by Picture.src
    made: tuple[str, ...]  # the sources decoded by this call (the rest came from the cache)
    seconds: float
    keys: frozenset[str] = frozenset()  # the cache entries these copies are filed under


@dataclass(frozen=True)
class StrippedCopy:
    """A picture of a Markdown page, without its metadata: published at the file's own address."""

    src: str  # the file's path from the docs_dir, and the copy's path in the site
    file: Path  # in the cache folder
    width: int  # upright
    height: int
    media_type: str  # the file's own format


@dataclass(frozen=True)
class StrippedReport:
    """What `make_stripped_copies` did: every file's copy, and which were made now."""

    copies: dict[str, StrippedCopy]  # by src
    made: tuple[str, ...]
    seconds: float
    keys: frozenset[str]


class PictureError(ValueError):
    """A committed picture that could not be made into copies."""


_Item = TypeVar("_Item")
_Made_ = TypeVar("_Made_")


def programme_pictures(programme: Programme) -> tuple[Picture, ...]:
    """Every picture the programme shows, once each, by source path."""
    pictures: dict[str, Picture] = {}
    for project in programme.projects:
        for picture in (project.image, project.logo):
            if picture is not None:
                pictures.setdefault(picture.src, picture)
    for cohort in programme.cohorts:
        if cohort.image is not None:
            pictures.setdefault(cohort.image.src, cohort.image)
    return tuple(pictures[src] for src in sorted(pictures))


def make_picture_copies(
    pictures: Iterable[Picture],
    docs_dir: Path,
    cache_dir: Path,
    settings: PictureSettings = DEFAULT_SETTINGS,
    prune: bool = True,
    workers: int = os.cpu_count() or 1,
) -> PictureReport:
    """Each picture's copies, from the cache or made now (and kept there).

    The pictures the cache lacks are made in `workers` threads: Pillow lets go of Python's lock
    while it decodes, resizes and encodes, so two threads make two photos at once (1.8 times
    as fast on 2 CPUs when both are free), without the start-up and copying of processes.
    With `prune`, the cache keeps only these pictures' copies afterwards (the caller holds the
    folder's lock, or no other build uses it). Raises PictureError naming every file that is
    not an image Pillow can read.
    """
    started = time.monotonic()
    by_src: dict[str, Picture] = {}
    for picture in pictures:
        by_src.setdefault(picture.src, picture)
    copies, made, keys = _cached_or_made(
        by_src,
        docs_dir,
        cache_dir,
        settings_fingerprint(settings),
        lambda key, picture: _read_record(cache_dir, key, picture),
        lambda key, picture: _make_and_keep(picture, docs_dir / picture.src, cache_dir, key, settings),
        workers,
    )
    if prune:
        prune_picture_cache(cache_dir, set(keys))
    return PictureReport(copies, made, time.monotonic() - started, keys)


def make_stripped_copies(
    sources: Iterable[str],
    docs_dir: Path,
    cache_dir: Path,
    settings: PictureSettings = DEFAULT_SETTINGS,
    prune: bool = True,
    workers: int = os.cpu_count() or 1,
) -> StrippedReport:
    """The copy without metadata of each picture at `sources` (paths from the docs_dir, JPEG,
    PNG or WebP), from the cache or made now with `stripped_copy` (and kept there), as
    `make_picture_copies` does: a warm build decodes nothing. Raises PictureError naming every
    file that is not an image Pillow can read."""
    started = time.monotonic()

    def make(key: str, src: str) -> StrippedCopy:
        data, width, height, media_type = stripped_copy(src, docs_dir / src, settings)
        name = f"{key}-full{SUFFIXES[media_type]}"
        store_entry(cache_dir, key, {name: data}, {"name": name, "width": width, "height": height, "type": media_type})
        return StrippedCopy(src, cache_dir / name, width, height, media_type)

    copies, made, keys = _cached_or_made(
        {src: src for src in sources},
        docs_dir,
        cache_dir,
        # Salted: a file both a record and a page show gets two entries, never one for both.
        settings_fingerprint(settings) + "\0stripped",
        lambda key, src: _read_stripped_record(cache_dir, key, src),
        make,
        workers,
    )
    if prune:
        prune_picture_cache(cache_dir, set(keys))
    return StrippedReport(copies, made, time.monotonic() - started, keys)


def _cached_or_made(
    sources: Mapping[str, _Item],
    docs_dir: Path,
    cache_dir: Path,
    fingerprint: str,
    read: Callable[[str, _Item], _Made_ | None],
    make: Callable[[str, _Item], _Made_],
    workers: int,
) -> tuple[dict[str, _Made_], tuple[str, ...], frozenset[str]]:
    """What was made from each source (by its path from the docs_dir): `read` from the cache
    under its key, else `make` now, in up to `workers` threads. Returns them by path, the paths
    made now, and the keys used. Raises PictureError naming every file that failed."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    keys = {src: _cache_key(fingerprint, docs_dir / src) for src in sorted(sources)}
    found = {src: read(keys[src], sources[src]) for src in keys}
    missing = [src for src, cached in found.items() if cached is None]

    def made(src: str) -> _Made_ | PictureError:
        try:
            return make(keys[src], sources[src])
        except PictureError as error:
            return error

    found.update(zip(missing, _in_threads(made, missing, workers), strict=True))
    return {src: item for src, item in found.items() if item is not None}, tuple(missing), frozenset(keys.values())


def _in_threads(make: Callable[[_Item], _Made_ | PictureError], items: list[_Item], workers: int) -> list[_Made_]:
    """`make` of each item, in up to `workers` threads; PictureError naming every one that failed."""
    if len(items) > 1 and workers > 1:
        with concurrent.futures.ThreadPoolExecutor(min(workers, len(items))) as pool:
            outcomes = list(pool.map(make, items))
    else:
        outcomes = [make(item) for item in items]
    if errors := [str(outcome) for outcome in outcomes if isinstance(outcome, PictureError)]:
        raise PictureError("\n".join(errors))
    return [outcome for outcome in outcomes if not isinstance(outcome, PictureError)]


def settings_fingerprint(settings: PictureSettings) -> str:
    """A hash of everything but the source that decides the copies' bytes."""
    digest = hashlib.sha256()
    for part in (
        CACHE_FORMAT,
        json.dumps(asdict(settings), sort_keys=True),
        file_digest(Path(__file__).resolve()),
        file_digest(Path(gif_stripping.__file__).resolve()),
        _library_versions(),
    ):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def prune_picture_cache(cache_dir: Path, keep: set[str]) -> None:
    """Remove the copies of pictures not in `keep`, and files half-written by a build that died."""
    prune_entries(cache_dir, keep)


# -- the cache ----------------------------------------------------------------------------------


def _cache_key(fingerprint: str, source: Path) -> str:
    try:
        source_digest = file_digest(source)
    except OSError as error:
        raise PictureError(f"{source}: cannot be read ({error.strerror or error})") from None
    return hashlib.sha256(f"{fingerprint}\0{source_digest}".encode()).hexdigest()


@functools.lru_cache(maxsize=1)  # the libraries do not change while a process runs
def _library_versions() -> str:
    """Pillow's and its codecs' versions (about 25 ms to import, once a process)."""
    from PIL import __version__, features

    return "; ".join([f"pillow {__version__}", *(f"{name} {features.version(name)}" for name in _CODECS)])


_CODECS = ("jpg", "webp", "zlib", "littlecms2")


def _read_record(cache_dir: Path, key: str, picture: Picture) -> PictureCopies | None:
    """The cached copies of `key`, if every file is the one written (file_cache.fetch_entry
    verifies them): a copy cut short or altered is made again, never published."""

    def copies(entry: CacheEntry) -> PictureCopies:
        data = entry.record
        roles = {role: [_copy_from(entry, item) for item in data[role]] for role in ("modern", "fallback")}
        return _with_site_paths(
            picture, key, int(data["width"]), int(data["height"]), roles, _copy_from(entry, data["print"])
        )

    return fetch_entry(cache_dir, key, copies)


def _read_stripped_record(cache_dir: Path, key: str, src: str) -> StrippedCopy | None:
    """The cached copy of `key`, if it is the file written (as `_read_record`)."""

    def copy(entry: CacheEntry) -> StrippedCopy:
        copy = _copy_from(entry, entry.record)
        return StrippedCopy(src, copy.file, copy.width, copy.height, copy.media_type)

    return fetch_entry(cache_dir, key, copy)


def _copy_from(entry: CacheEntry, item: Mapping) -> PictureCopy:
    """A copy its entry's record describes; a KeyError for a file the record does not vouch for."""
    return PictureCopy(entry.files[item["name"]], int(item["width"]), int(item["height"]), str(item["type"]))


def _with_site_paths(
    picture: Picture,
    key: str,
    width: int,
    height: int,
    entries: Mapping[str, list[PictureCopy]],
    print_copy: PictureCopy,
) -> PictureCopies:
    """The copies named in the site: beside the source, its stem, the key's start and the width."""
    source = PurePosixPath(picture.src)
    stem = f"{source.parent}/{source.stem}-{key[:10]}".removeprefix("./")

    def named(copy: PictureCopy) -> PictureCopy:
        tail = "" if copy.media_type == SVG else f"-{copy.width}"
        return PictureCopy(
            copy.file, copy.width, copy.height, copy.media_type, f"{stem}{tail}{SUFFIXES[copy.media_type]}"
        )

    return PictureCopies(
        picture.src,
        width,
        height,
        tuple(map(named, entries["modern"])),
        tuple(map(named, entries["fallback"])),
        print_copy,
    )


@dataclass
class _Made:
    """Copies encoded, before they are written: the file's name in the cache, and its bytes."""

    width: int
    height: int
    modern: list[tuple[str, bytes, int, int, str]] = field(default_factory=list)
    fallback: list[tuple[str, bytes, int, int, str]] = field(default_factory=list)
    print: tuple[str, bytes, int, int, str] | None = None  # None: an SVG's one copy serves print too


def _make_and_keep(
    picture: Picture, source: Path, cache_dir: Path, key: str, settings: PictureSettings
) -> PictureCopies:
    made = _make(picture, source, key, settings)
    files: dict[str, bytes] = {}

    def keep(entry: tuple[str, bytes, int, int, str]) -> dict:
        name, data, width, height, media_type = entry
        files[name] = data
        return {"name": name, "width": width, "height": height, "type": media_type}

    fallback = [keep(entry) for entry in made.fallback]
    record = {
        "width": made.width,
        "height": made.height,
        "modern": [keep(entry) for entry in made.modern],
        "fallback": fallback,
        "print": keep(made.print) if made.print else fallback[0],  # an SVG's: its one copy
    }
    store_entry(cache_dir, key, files, record)
    cached = _read_record(cache_dir, key, picture)
    assert cached is not None, key  # just written
    return cached


# -- making the copies ----------------------------------------------------------------------------


def _make(picture: Picture, source: Path, key: str, settings: PictureSettings) -> _Made:
    if source.suffix.lower() == ".svg":
        data = source.read_bytes()
        return _Made(
            picture.width, picture.height, fallback=[(f"{key}-svg.svg", data, picture.width, picture.height, SVG)]
        )
    from PIL import Image

    with _opened(picture.src, source) as opened:
        width, height = _shown_size(opened)
        upright = _upright_srgb(opened, settings.print_width)
    transparent = upright.mode == "RGBA"
    made = _Made(width, height)

    def sized(image: Image.Image, new_width: int) -> Image.Image:
        if image.width == new_width:
            return image
        new_height = max(1, round(height * new_width / width))
        resized = image.resize((new_width, new_height), Image.Resampling.LANCZOS)
        resized.info = {}
        return resized

    # Each copy is resized from the next larger one, not from the full file: a third of the
    # time, and no visible difference at these ratios.
    current = sized(upright, min(upright.width, settings.print_width))
    made.print = _encoded(
        f"{key}-print", current, PNG if transparent else JPEG, settings, quality=settings.print_quality
    )
    for copy_width in reversed(web_widths(width, settings.widths)):
        current = sized(current, copy_width)
        made.modern.insert(0, _encoded(f"{key}-{copy_width}", current, WEBP, settings))
        made.fallback.insert(0, _encoded(f"{key}-{copy_width}", current, PNG if transparent else JPEG, settings))
    return made


def stripped_copy(src: str, source: Path, settings: PictureSettings = DEFAULT_SETTINGS) -> tuple[bytes, int, int, str]:
    """The picture at `source` (`src` names it in errors) as a page shows it, without any of the
    file's metadata: its bytes, upright width and height, and media type (its own format's).

    Upright and in sRGB like every copy, at the file's full size: a page may refer to it by its
    address alone, or lean on its shape. A JPEG keeps its own quantisation tables, so it loses
    as little as re-encoding can."""
    from PIL import JpegImagePlugin

    if source.suffix.lower() not in STRIPPED_TYPES:
        raise PictureError(f"{src}: only JPEG, PNG, WebP and GIF pictures are copied without their metadata")
    with _opened(src, source) as opened:
        # The format the file is (a browser goes by the bytes, not the name): a phone's JPEG may
        # open as MPO (a JPEG with a second picture after it, which is dropped).
        media_type = PILLOW_FORMATS.get(opened.format or "", STRIPPED_TYPES[source.suffix.lower()])
        if media_type == GIF:
            try:
                return gif_without_metadata(source.read_bytes()), opened.width, opened.height, GIF
            except GifError as error:
                raise PictureError(f"{src}: cannot be read as an image ({error})") from None
        tables = None
        if media_type == JPEG and opened.format in ("JPEG", "MPO") and opened.mode == "RGB":
            quantization = getattr(opened, "quantization", None) or {}
            if 2 <= len(quantization) <= 4:  # luma and chroma tables, as written for RGB
                tables = (
                    [list(quantization[index]) for index in sorted(quantization)],
                    JpegImagePlugin.get_sampling(opened),
                )
        upright = _upright_srgb(opened, None)
        if media_type == JPEG and upright.mode == "RGBA":  # a picture of another kind named .jpg
            upright = upright.convert("RGB")
        # Inside: a file whose tables the encoder refuses is named, as a damaged one is.
        _name, data, width, height, media_type = _encoded(
            "stripped", upright, media_type, settings, quality=settings.stripped_quality, jpeg_tables=tables
        )
    return data, width, height, media_type


@contextlib.contextmanager
def _opened(src: str, source: Path) -> Iterator[Image.Image]:
    """The file opened with Pillow, or PictureError saying it cannot be read (damaged, not a
    picture, or more pixels than a phone's photo: decoding it could fill the memory)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source) as opened:
            if opened.width * opened.height > MOST_PIXELS:
                raise PictureError(
                    f"{src}: {opened.width} x {opened.height} pixels is more than any photo needs "
                    f"({MOST_PIXELS // 1_000_000} million pixels at most)"
                )
            yield opened
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        if isinstance(error, PictureError):
            raise
        raise PictureError(f"{src}: cannot be read as an image ({error})") from None


def web_widths(width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The widths a picture `width` pixels wide gets copies at: those it can fill, and its own
    width when it is well past the last of them (or narrower than all)."""
    fits = tuple(w for w in sorted(widths) if w <= width)
    if not fits or (width < max(widths) and width >= fits[-1] * 1.25):
        fits += (width,)
    return fits


def _upright_srgb(opened: Image.Image, print_width: int | None) -> Image.Image:
    """The picture as it should be seen: EXIF orientation applied, converted to sRGB, RGB (or
    RGBA when any of it is transparent), and nothing left of the file's metadata. A JPEG is
    decoded only as large as `print_width` needs; None: at its full size."""
    from PIL import Image, ImageCms, ImageOps

    if opened.format == "JPEG" and print_width is not None:
        # Decode at the smallest power-of-two reduction that still covers the print copy.
        shown_width, shown_height = _shown_size(opened)
        need_width = min(print_width, shown_width)
        need = (need_width, max(1, need_width * shown_height // shown_width))
        opened.draft(opened.mode, need[::-1] if _turned(opened) else need)
    opened.seek(0)  # an animated file: its first frame
    opened.load()
    icc = opened.info.get("icc_profile")
    image = ImageOps.exif_transpose(opened)
    transparent = _has_transparency(image)
    mode = "RGBA" if transparent else "RGB"
    if icc:
        try:
            converted = ImageCms.profileToProfile(
                image.convert("RGBA" if transparent else image.mode if image.mode in ("RGB", "CMYK", "L") else "RGB"),
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                ImageCms.createProfile("sRGB"),
                renderingIntent=ImageCms.Intent.PERCEPTUAL,
                outputMode=mode,
            )
            image = converted or image
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a profile lcms cannot use: the pixels as they are, as a browser without it would
    if image.mode != mode:
        image = image.convert(mode)
    # A fresh image holds only the pixels: nothing of the file's EXIF, XMP, profile or comments
    # can reach an encoder that reads them from `info`.
    clean = Image.new(mode, image.size)
    clean.paste(image)
    return clean


def _turned(opened: Image.Image) -> bool:
    """Whether the EXIF orientation turns the picture a quarter (so width and height swap)."""
    return opened.getexif().get(EXIF_ORIENTATION, 1) in TURNED_ORIENTATIONS


def _shown_size(opened: Image.Image) -> tuple[int, int]:
    """The file's width and height as it is seen, upright."""
    width, height = opened.size
    return (height, width) if _turned(opened) else (width, height)


def _has_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "La", "RGBa", "PA"):
        low = image.getchannel("A").getextrema()[0]  # one band: (lowest, highest)
        assert isinstance(low, int | float)
        return low < 255
    if "transparency" in image.info:
        return _has_transparency(image.convert("RGBA"))
    return False


def _encoded(
    stem: str,
    image: Image.Image,
    media_type: str,
    settings: PictureSettings,
    quality: int | None = None,
    jpeg_tables: tuple[list[list[int]], int] | None = None,
) -> tuple[str, bytes, int, int, str]:
    """The image in `media_type` at `quality` (else the settings'); a JPEG with `jpeg_tables`
    (quantisation tables, and a subsampling or -1) instead of a quality."""
    out = io.BytesIO()
    if media_type == WEBP:
        if image.mode == "RGBA":  # a logo: flat colours and edges, which lossy WebP smears
            image.save(out, "WEBP", lossless=True, method=settings.webp_method)
        else:
            image.save(out, "WEBP", quality=quality or settings.webp_quality, method=settings.webp_method)
    elif media_type == JPEG and jpeg_tables is not None:
        tables, subsampling = jpeg_tables
        # No quality with tables: Pillow would scale them by it.
        options = {"subsampling": subsampling} if subsampling >= 0 else {}
        image.save(out, "JPEG", qtables=tables, optimize=True, progressive=True, **options)
    elif media_type == JPEG:
        image.save(out, "JPEG", quality=quality or settings.jpeg_quality, optimize=True, progressive=True)
    else:
        image.save(out, "PNG", optimize=True)
    return f"{stem}{SUFFIXES[media_type]}", out.getvalue(), image.width, image.height, media_type


# -- a page's <picture> ---------------------------------------------------------------------------


def _srcset(copies: tuple[PictureCopy, ...], url: Callable[[str], str]) -> str:
    if len(copies) == 1 and copies[0].media_type == SVG:
        return ""  # one vector file: src alone
    return ", ".join(f"{url(copy.path)} {copy.width}w" for copy in copies)


def _default_copy(fallback: tuple[PictureCopy, ...]) -> PictureCopy:
    """The src of an <img>: the 640 copy (a phone at 2x), or the widest below it."""
    fitting = [copy for copy in fallback if copy.width <= 640]
    return fitting[-1] if fitting else fallback[0]
