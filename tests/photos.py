"""Test photos as cameras and phones write them, metadata and all, made with Pillow; and the
checks that a published copy carries none of it and stands upright."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageCms, ImageDraw

GPS_IFD = 0x8825
ORIENTATION = 0x0112
SECRET = "Taken at 51 deg 30 min N by Jo's PhoneCo X12"  # the comment the source carries
# What metadata looks like inside a JPEG, PNG or WebP file: EXIF (JPEG's APP1 "Exif", PNG's
# eXIf, WebP's EXIF chunk), GPS tags, XMP, colour profiles (ICC_PROFILE, iCCP, ICCP), PNG's
# text and time chunks, and the source's own words.
METADATA_MARKS = (
    b"Exif",
    b"EXIF",
    b"eXIf",
    b"GPS",
    b"xap/1.0",
    b"XMP ",
    b"ICC_PROFILE",
    b"iCCP",
    b"ICCP",
    b"tEXt",
    b"iTXt",
    b"zTXt",
    b"tIME",
    b"PhoneCo",
    b"2024:05:01",
)


def phone_photo(seed: int = 19) -> bytes:
    """A 4000×3000 JPEG as a phone writes it when held upright: the pixels lie on their side
    (orientation 6: turn a quarter clockwise to see it), with a red block in the stored
    top-left corner, which shows at the top right."""
    rng = random.Random(seed)
    width, height = 4000, 3000
    photo = Image.new("RGB", (width, height))
    for scale in (250, 60, 12):  # texture at several scales, as a photo has
        layer = Image.merge("RGB", [Image.effect_noise((width // scale, height // scale), 60) for _ in range(3)])
        photo = Image.blend(photo, layer.resize((width, height), Image.Resampling.BICUBIC), 0.5)
    draw = ImageDraw.Draw(photo)
    for _ in range(30):
        x, y, side = rng.randrange(width), rng.randrange(height), rng.randrange(60, 600)
        draw.rectangle((x, y, x + side, y + side // 2), fill=(rng.randrange(256), rng.randrange(256), 90))
    draw.rectangle((0, 0, 500, 500), fill=(230, 20, 20))
    grain = Image.effect_noise((width, height), 30)
    photo = Image.blend(photo, Image.merge("RGB", (grain, grain, grain)), 0.06)
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneCo"  # Make
    exif[0x0110] = "PhoneCo X12"  # Model
    exif[0x0132] = "2024:05:01 10:00:00"  # DateTime
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)})
    out = io.BytesIO()
    photo.save(
        out,
        "JPEG",
        quality=92,
        exif=exif,
        comment=SECRET,
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:xap="http://ns.adobe.com/xap/1.0/" xap:CreatorTool="PhoneCo"/></rdf:RDF></x:xmpmeta>',
    )
    return out.getvalue()


def gps_photo(size: tuple[int, int] = (900, 600), orientation: int = 6, seed: int = 7) -> bytes:
    """A JPEG with GPS, a camera, a date, XMP and a comment, lying on its side (as `phone_photo`,
    small): a red block in the stored top-left corner, at the top right when upright. Its noise
    differs each call."""
    rng = random.Random(seed)
    photo = Image.merge("RGB", [Image.effect_noise(size, 40) for _ in range(3)])
    draw = ImageDraw.Draw(photo)
    for _ in range(12):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.ellipse((x, y, x + 90, y + 60), fill=(rng.randrange(256), 160, 90))
    draw.rectangle((0, 0, 120, 120), fill=(230, 20, 20))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneCo"
    exif[0x0132] = "2024:05:01 10:00:00"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)})
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=85, exif=exif, comment=SECRET, xmp=XMP)
    return out.getvalue()


XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:xap="http://ns.adobe.com/xap/1.0/" xap:CreatorTool="PhoneCo"/></rdf:RDF></x:xmpmeta>'
)


def metadata_marks(data: bytes) -> list[bytes]:
    """The METADATA_MARKS in a JPEG's, PNG's or WebP's bytes outside its compressed pixels. The
    pixels are left out: three bytes there spell "GPS" by chance in about one 2 MB photo in ten."""
    return [mark for mark in METADATA_MARKS if mark in _outside_the_pixels(data)]


def _outside_the_pixels(data: bytes) -> bytes:
    if data.startswith(b"\xff\xd8"):  # JPEG: the segments before the first scan
        scan = data.find(b"\xff\xda")
        return data[: scan if scan >= 0 else len(data)]
    if data.startswith(b"\x89PNG"):  # PNG: every chunk but the pixels' (IDAT)
        kept, at = [], 8
        while at + 8 <= len(data):
            length, kind = int.from_bytes(data[at : at + 4], "big"), data[at + 4 : at + 8]
            kept.append(kind if kind == b"IDAT" else data[at + 4 : at + 12 + length])
            at += 12 + length
        return b"".join(kept)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":  # WebP: every chunk but the pixels' (VP8, VP8L)
        kept, at = [], 12
        while at + 8 <= len(data):
            kind, length = data[at : at + 4], int.from_bytes(data[at + 4 : at + 8], "little")
            kept.append(kind if kind in (b"VP8 ", b"VP8L") else data[at : at + 8 + length])
            at += 8 + length + (length & 1)
        return b"".join(kept)
    return data


def assert_no_metadata(data: bytes, name: str) -> None:
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif(), name
        assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp", "dpi"} & set(image.info), name
    found = metadata_marks(data)
    assert not found, f"{name} holds {found}"
    assert SECRET.encode() not in _outside_the_pixels(data), name


def assert_upright_with_red_top_right(data: bytes, size: tuple[int, int]) -> None:
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == size
        rgb = image.convert("RGB")
        red, green, _ = rgb.getpixel((image.width - 3, 3))  # type: ignore[misc]
        assert red > 180 and green < 80
        red, green, _ = rgb.getpixel((3, 3))  # type: ignore[misc]
        assert not (red > 180 and green < 80)
