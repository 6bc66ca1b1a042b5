"""A GIF without its metadata, its frames and timing exactly as they were.

A GIF carries comments, XMP (the editing program, the author, a path on their computer) and
other programs' notes in extension blocks. Pillow cannot save a GIF without compositing and
quantising its frames again, so the file is rewritten block by block (the GIF89a grammar),
keeping only the header, screen and colour table; each frame's graphic control block (delay,
disposal, transparency), descriptor, colour table and pixels, byte for byte; and the block that
says how often it loops. Plain-text blocks (no browser draws them) go with their graphic control.
"""

from __future__ import annotations

_EXTENSION, _IMAGE, _TRAILER = 0x21, 0x2C, 0x3B
_GRAPHIC_CONTROL, _APPLICATION, _PLAIN_TEXT = 0xF9, 0xFF, 0x01
_LOOPING = (b"NETSCAPE2.0", b"ANIMEXTS1.0")  # the application blocks that say how often to loop


class GifError(ValueError):
    """Not a whole GIF: the message says what is wrong, in words."""


def gif_without_metadata(data: bytes) -> bytes:
    """The GIF `data` with only its pictures, their timing and its looping; GifError for a file
    that is not a GIF, or is cut short inside a block."""
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
    """The bytes of the colour table a screen's or a frame's packed byte announces."""
    return 3 * (2 ** ((packed & 0x07) + 1)) if packed & 0x80 else 0


class _Reader:
    def __init__(self, data: bytes, at: int):
        self.data, self.at = data, at

    def byte(self) -> int:
        if self.at >= len(self.data):
            raise GifError("it ends too soon (the file is cut short)")
        self.at += 1
        return self.data[self.at - 1]

    def skip(self, count: int) -> None:
        if self.at + count > len(self.data):
            raise GifError("it ends too soon (the file is cut short)")
        self.at += count

    def sub_blocks(self) -> None:
        """Past a chain of sub-blocks, each its length then its bytes, ended by a length of 0."""
        while length := self.byte():
            self.skip(length)
