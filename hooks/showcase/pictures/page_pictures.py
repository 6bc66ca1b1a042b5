"""A picture a Markdown page shows (`![alt](../images/map.png)`: any JPEG, PNG, WebP or GIF
file in the docs_dir), published at its own address without its metadata: one copy of the same
format and size, as its page may lean on them.

A GIF carries comments, XMP (the editing program, the author, a path on their computer) and other
programs' notes in extension blocks, and Pillow cannot save one without quantising its frames
again: it is rewritten block by block (the GIF89a grammar), keeping only the header, screen and
colour table, each frame's graphic control, descriptor, colour table and pixels byte for byte,
and the block that says how often it loops. Plain-text blocks (no browser draws them) go with
their graphic control.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from showcase.file_cache import CacheEntry
from showcase.pictures import copy_making
from showcase.pictures.copy_making import CopyReport, Encoded, PictureCopy, PictureError
from showcase.pictures.picture_files import GIF, JPEG, PILLOW_FORMATS, STRIPPED_TYPES, SUFFIXES


def make_stripped_copies(
    sources: Iterable[str], docs_dir: Path, cache_dir: Path, prune: bool = True
) -> CopyReport[PictureCopy]:

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
    """The picture without metadata: its bytes, upright size and media type (its own format's). A
    JPEG keeps its own quantisation tables, so it loses as little as re-encoding can."""
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


_EXTENSION, _IMAGE, _TRAILER = 0x21, 0x2C, 0x3B
_GRAPHIC_CONTROL, _APPLICATION, _PLAIN_TEXT = 0xF9, 0xFF, 0x01
_LOOPING = (b"NETSCAPE2.0", b"ANIMEXTS1.0")  # the application blocks that say how often to loop


class GifError(ValueError):
    pass


def gif_without_metadata(data: bytes) -> bytes:
    """The GIF `data` with only its pictures, their timing and its looping; else GifError."""
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise GifError("it does not start as a GIF file does")
    reader = _Reader(data, 13)
    reader.skip(_colour_table_size(data[10]))
    kept = [data[: reader.at]]
    graphic_control = b""  # held until the block it applies to is known
    # A GIF cut short after its last whole block (its trailer lost) still shows: it gets one.
    while reader.at < len(data) and (kind := reader.byte()) != _TRAILER:
        start = reader.at - 1
        if kind == _IMAGE:
            reader.skip(8)
            reader.skip(_colour_table_size(reader.byte()) + 1)  # the colour table, the code size
            reader.sub_blocks()
            kept += [graphic_control, data[start : reader.at]]
            graphic_control = b""
        elif kind == _EXTENSION:
            label = reader.byte()
            first = data[reader.at + 1 : reader.at + 1 + data[reader.at]] if reader.at < len(data) else b""
            reader.sub_blocks()
            if label == _GRAPHIC_CONTROL:
                graphic_control = data[start : reader.at]
            elif label == _APPLICATION and first in _LOOPING:
                kept.append(data[start : reader.at])
            elif label == _PLAIN_TEXT:
                graphic_control = b""  # it applied to the text, which is left out
        else:
            raise GifError(f"it has a block of an unknown kind (byte {kind:#04x} at {start})")
    return b"".join([*kept, bytes([_TRAILER])])


def _colour_table_size(packed: int) -> int:
    return 3 * (2 ** ((packed & 0x07) + 1)) if packed & 0x80 else 0


class _Reader:
    def __init__(self, data: bytes, at: int):
        self.data, self.at = data, at

    def byte(self) -> int:
        self.skip(1)
        return self.data[self.at - 1]

    def skip(self, count: int) -> None:
        if self.at + count > len(self.data):
            raise GifError("it ends too soon (the file is cut short)")
        self.at += count

    def sub_blocks(self) -> None:
        """Past a chain of sub-blocks, each its length then its bytes, ended by a length of 0."""
        while length := self.byte():
            self.skip(length)
