"""A GIF in content/ is published without its metadata (comments, XMP and every other program's
block, and anything after its end), its frames, their timing and its looping exactly as they
were, as JPEG, PNG and WebP pictures are published without theirs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from showcase.pictures.copy_making import PictureError
from showcase.pictures.page_pictures import GifError, gif_without_metadata, stripped_copy
from site_builds import run_mkdocs_build

SECRETS = (b"secret comment", b"secret xmp", b"secret note", b"secret after the end")


def sub_blocks(payload: bytes) -> bytes:
    return (
        b"".join(bytes([len(part)]) + part for part in (payload[i : i + 255] for i in range(0, len(payload), 255)))
        + b"\0"
    )


def animated_gif_with_metadata() -> bytes:
    """Two frames (100 ms, then 250 ms) looping for ever, with a comment Pillow writes, then an
    XMP block, a comment and another program's block before the end, and bytes after it."""
    frames = [Image.new("P", (40, 30), colour) for colour in (1, 2)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 0, 0, 0, 0, 255] + [0] * 759)
    frames[1].paste(1, (0, 0, 10, 10))
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=[100, 250], loop=0, comment=SECRETS[0])
    gif = out.getvalue()
    assert gif.endswith(b";")
    return (
        gif[:-1]
        + b"\x21\xff\x0bXMP DataXMP"
        + sub_blocks(b"<x:xmpmeta>" + SECRETS[1] + b"</x:xmpmeta>")
        + b"\x21\xfe"
        + sub_blocks(SECRETS[2])
        + b"\x21\xff\x0bMAGPIE  1.0"
        + sub_blocks(SECRETS[2])
        + b";"
        + SECRETS[3]
    )


def frames(data: bytes) -> list[tuple[bytes, int]]:
    """Each frame's pixels (as RGBA) and its duration."""
    with Image.open(io.BytesIO(data)) as image:
        found = []
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            found.append((image.convert("RGBA").tobytes(), image.info["duration"]))
        return found


def test_a_gif_loses_its_metadata_and_keeps_its_frames_timing_and_looping(tmp_path: Path):
    original = animated_gif_with_metadata()
    source = tmp_path / "waves.gif"
    source.write_bytes(original)
    data, width, height, media_type = stripped_copy("images/waves.gif", source)
    assert (width, height, media_type) == (40, 30, "image/gif")
    assert [secret for secret in SECRETS if secret in data] == []
    assert frames(data) == frames(original) and len(frames(data)) == 2
    with Image.open(io.BytesIO(data)) as image:
        assert image.info.get("loop") == 0 and "comment" not in image.info and "xmp" not in image.info
    assert b"NETSCAPE2.0" in data and data.endswith(b";")


@pytest.mark.parametrize(
    "data, complaint",
    [
        (b"GIF89a\x28\x00", "it does not start as a GIF file does"),
        (b"GIF89a\x28\x00\x1e\x00\x00\x00\x00\x2c\x00\x00", "it ends too soon (the file is cut short)"),
        (b"GIF89a\x28\x00\x1e\x00\x00\x00\x00\x7f", "it has a block of an unknown kind (byte 0x7f at 13)"),
    ],
)
def test_a_gif_that_is_not_whole_is_named(data: bytes, complaint: str):
    with pytest.raises(GifError) as error:
        gif_without_metadata(data)
    assert str(error.value) == complaint


def test_a_damaged_gif_in_content_is_named_by_the_picture_maker(tmp_path: Path):
    source = tmp_path / "cut.gif"
    source.write_bytes(animated_gif_with_metadata()[:200])
    with pytest.raises(PictureError) as error:
        stripped_copy("images/cut.gif", source)
    assert str(error.value).startswith("images/cut.gif: cannot be read as an image")


@pytest.mark.build
def test_a_gif_in_content_is_published_without_its_metadata(fixture_copy: Path):
    original = animated_gif_with_metadata()
    (fixture_copy / "content/images/waves.gif").write_bytes(original)
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    published = (build.site / "images/waves.gif").read_bytes()
    assert [secret for secret in SECRETS if secret in published] == []
    assert frames(published) == frames(original)
