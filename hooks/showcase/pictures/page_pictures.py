"""A picture a Markdown page shows (`![alt](../images/map.png)`: any JPEG, PNG, WebP or GIF
file in the docs_dir), published at its own address without its metadata.

Its page points at the file's address and may lean on its size, so it gets one copy of the same
format and size, made as every copy is (copy_making.py); a GIF is rewritten block by block
instead (gif_stripping.py), so that its frames and timing stay as they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from showcase.file_cache import CacheEntry
from showcase.pictures import copy_making
from showcase.pictures.copy_making import CopyReport, Encoded, PictureCopy, PictureError
from showcase.pictures.gif_stripping import GifError, gif_without_metadata
from showcase.pictures.picture_files import GIF, JPEG, PILLOW_FORMATS, STRIPPED_TYPES, SUFFIXES


def make_stripped_copies(
    sources: Iterable[str], docs_dir: Path, cache_dir: Path, prune: bool = True
) -> CopyReport[PictureCopy]:
    """The copy without metadata of each picture at `sources` (paths from the docs_dir, and in
    the site), from the cache or made now; PictureError names every file Pillow cannot read."""

    def make(key: str, src: str, source: Path) -> tuple[list[Encoded], dict]:
        data, width, height, media_type = stripped_copy(src, source)
        copy = Encoded(f"{key}-full{SUFFIXES[media_type]}", data, width, height, media_type)
        return [copy], copy.record

    def read(entry: CacheEntry, src: str) -> PictureCopy:
        return copy_making.copy_from(entry, entry.record, src)

    # Salted: a file both a record and a page show gets two entries, never one for both.
    return copy_making.cached_or_made(
        {src: src for src in sources}, docs_dir, cache_dir, make, read, prune, "\0stripped"
    )


def stripped_copy(src: str, source: Path) -> tuple[bytes, int, int, str]:
    """The picture at `source` (`src` names it in errors) without metadata: its bytes, upright
    size and media type (its own format's). A JPEG keeps its own quantisation tables, so it
    loses as little as re-encoding can."""
    from PIL import JpegImagePlugin

    if source.suffix.lower() not in STRIPPED_TYPES:
        raise PictureError(f"{src}: only JPEG, PNG, WebP and GIF pictures are copied without their metadata")
    with copy_making.opened(src, source) as image:
        # The format the file is (a browser goes by the bytes, not the name): a phone's JPEG may
        # open as MPO (a JPEG with a second picture after it, which is dropped).
        media_type = PILLOW_FORMATS.get(image.format or "", STRIPPED_TYPES[source.suffix.lower()])
        if media_type == GIF:
            try:
                return gif_without_metadata(source.read_bytes()), image.width, image.height, GIF
            except GifError as error:
                raise PictureError(f"{src}: cannot be read as an image ({error})") from None
        quantization = getattr(image, "quantization", None) or {}
        rgb_jpeg = media_type == JPEG and image.format in ("JPEG", "MPO") and image.mode == "RGB"
        tables = None
        if rgb_jpeg and 2 <= len(quantization) <= 4:  # luma and chroma tables, as written for RGB
            tables = ([list(quantization[i]) for i in sorted(quantization)], JpegImagePlugin.get_sampling(image))
        upright = copy_making.upright_srgb(image, None)
        if media_type == JPEG and upright.mode == "RGBA":  # a picture of another kind named .jpg
            upright = upright.convert("RGB")
        # Inside: a file whose tables the encoder refuses is named, as a damaged one is.
        copy = copy_making.encoded("stripped", upright, media_type, copy_making.SETTINGS.stripped_quality, tables)
    return copy.data, copy.width, copy.height, copy.media_type
