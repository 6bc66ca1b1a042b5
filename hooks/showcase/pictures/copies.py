"""The copies of each picture a record names (a project's photo and logo, a cohort's photo).

The site never publishes the committed file (megabytes, and where and when it was taken), but
copies: WebP and a fallback (JPEG, or PNG when transparent) at each of `PictureSettings.widths`
the file can fill, and a print copy for the PDFs; an SVG logo (checked by the loader) is its own
copy. A copy's name carries the start of its cache key (`images/harbour-walks-1a2b3c4d5e-640.webp`),
so a changed photo gets new addresses and no browser shows a stale one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from showcase.file_cache import CacheEntry
from showcase.model import Picture, Programme
from showcase.pictures.copy_making import (
    SETTINGS,
    CopyReport,
    Encoded,
    PictureCopy,
    cached_or_made,
    copy_from,
    encoded,
    opened,
    shown_size,
    upright_srgb,
)
from showcase.pictures.picture_files import JPEG, PNG, SUFFIXES, SVG, WEBP

if TYPE_CHECKING:
    from PIL import Image

CACHE_DIR = Path(".cache") / "showcase-pictures"  # beside mkdocs.yml, as the PDFs' cache


@dataclass(frozen=True)
class PictureCopies:
    src: str  # the picture's path from the docs_dir (Picture.src): the key BuildState files it under
    width: int  # upright, of the committed file (an SVG: its viewBox): the shape every copy has
    height: int
    modern: tuple[PictureCopy, ...]  # WebP, narrowest first; none for an SVG
    fallback: tuple[PictureCopy, ...]  # JPEG or PNG at the same widths; an SVG itself
    print_copy: PictureCopy  # for the PDFs, not in the site

    @property
    def site_copies(self) -> tuple[PictureCopy, ...]:
        return (*self.modern, *self.fallback)

    def on_page(self, url: Callable[[str], str], sizes: str = "100vw") -> PictureOnPage:
        """What a page's <picture> needs: `url` gives a copy's address from its site path, `sizes`
        how wide the layout shows it."""
        # The <img>'s src: the 640 copy (a phone at 2x), or the widest below it.
        default = ([copy for copy in self.fallback if copy.width <= 640] or [self.fallback[0]])[-1]
        sources = (PictureSource(WEBP, _srcset(self.modern, url)),) if self.modern else ()
        srcset = _srcset(self.fallback, url)
        return PictureOnPage(
            url(default.path), srcset, default.media_type, sources, sizes, default.width, default.height
        )


@dataclass(frozen=True)
class PictureSource:
    """A <source> of a <picture>."""

    type: str
    srcset: str


@dataclass(frozen=True)
class PictureOnPage:
    """A picture's copies as one page refers to them (URLs relative to the page)."""

    src: str
    srcset: str
    type: str
    sources: tuple[PictureSource, ...]  # the modern formats, each before the <img>
    sizes: str
    # The `src` copy's: with CSS `height: auto`, the browser knows the shape before it loads.
    width: int
    height: int


PictureReport = CopyReport[PictureCopies]


def programme_pictures(programme: Programme) -> tuple[Picture, ...]:
    pictures = [picture for project in programme.projects for picture in (project.image, project.logo)]
    pictures += [cohort.image for cohort in programme.cohorts]
    by_src = {picture.src: picture for picture in reversed(pictures) if picture is not None}
    return tuple(by_src[src] for src in sorted(by_src))


def make_picture_copies(
    pictures: Iterable[Picture], docs_dir: Path, cache_dir: Path, prune: bool = True
) -> PictureReport:
    return cached_or_made({picture.src: picture for picture in pictures}, docs_dir, cache_dir, _made, _named, prune)


def _named(entry: CacheEntry, picture: Picture) -> PictureCopies:
    """The copies an entry's record holds, named beside the source: its stem, the key's start and width."""
    source = PurePosixPath(picture.src)
    stem = f"{source.parent}/{source.stem}-{entry.key[:10]}".removeprefix("./")

    def in_site(item: Mapping) -> PictureCopy:
        tail = "" if item["type"] == SVG else f"-{item['width']}"
        return copy_from(entry, item, f"{stem}{tail}{SUFFIXES[item['type']]}")

    record = entry.record
    modern, fallback = tuple(map(in_site, record["modern"])), tuple(map(in_site, record["fallback"]))
    return PictureCopies(
        picture.src, record["width"], record["height"], modern, fallback, copy_from(entry, record["print"])
    )


def _made(key: str, picture: Picture, source: Path) -> tuple[list[Encoded], dict]:
    if source.suffix.lower() == ".svg":  # one copy, for the site and the PDFs
        svg = Encoded(f"{key}-svg.svg", source.read_bytes(), picture.width, picture.height, SVG)
        record = {"width": svg.width, "height": svg.height, "modern": [], "fallback": [svg.record], "print": svg.record}
        return [svg], record
    from PIL import Image

    with opened(picture.src, source) as image:
        width, height = shown_size(image)
        upright = upright_srgb(image, SETTINGS.print_width)
    fallback_type = PNG if upright.mode == "RGBA" else JPEG

    def sized(image: Image.Image, new_width: int) -> Image.Image:
        if image.width == new_width:
            return image
        resized = image.resize((new_width, max(1, round(height * new_width / width))), Image.Resampling.LANCZOS)
        resized.info = {}
        return resized

    # Each copy is resized from the next larger one, not from the full file: a third of the
    # time, and no visible difference at these ratios.
    current = sized(upright, min(upright.width, SETTINGS.print_width))
    print_copy = encoded(f"{key}-print", current, fallback_type, quality=SETTINGS.print_quality)
    modern: list[Encoded] = []
    fallback: list[Encoded] = []
    for copy_width in reversed(web_widths(width, SETTINGS.widths)):
        current = sized(current, copy_width)
        modern.insert(0, encoded(f"{key}-{copy_width}", current, WEBP))
        fallback.insert(0, encoded(f"{key}-{copy_width}", current, fallback_type))
    roles = {"modern": [copy.record for copy in modern], "fallback": [copy.record for copy in fallback]}
    return [*modern, *fallback, print_copy], {"width": width, "height": height, **roles, "print": print_copy.record}


def web_widths(width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The widths a picture `width` pixels wide gets copies at: those it can fill, and its own
    width when it is well past the last of them (or narrower than all)."""
    fits = tuple(w for w in sorted(widths) if w <= width)
    if not fits or (width < max(widths) and width >= fits[-1] * 1.25):
        fits += (width,)
    return fits


def _srcset(copies: tuple[PictureCopy, ...], url: Callable[[str], str]) -> str:
    if len(copies) == 1 and copies[0].media_type == SVG:
        return ""  # one vector file: src alone
    return ", ".join(f"{url(copy.path)} {copy.width}w" for copy in copies)
