"""Benchmark: the pictures' copies (hooks/showcase/pictures/copies.py) cold, warm and after one photo
changed, at N projects with a phone photo each.

    .venv/bin/python bench/picture_stage.py              # 12 and 100 photos
    .venv/bin/python bench/picture_stage.py 100 1000     # other sizes (1,000 takes about 10 minutes)

For each size it writes N synthetic phone photos into a temporary folder (4000×3000 JPEGs of
about 3 MB, at quality 90, seeded: a different scene each, with GPS, camera and date in their
EXIF, one in four lying on its side with EXIF orientation 6, as a phone held upright writes
it), then times, with the wall clock, `make_picture_copies` as hooks/pictures.py calls it:

- cold: an empty cache: every photo decoded, resized, encoded (4 widths × WebP and JPEG, and
  the print copy) and written;
- warm: in a fresh process, as `mkdocs build` with the cache restored: every source hashed and
  its cache record read, nothing decoded (the process's start and imports are not counted);
- changed: in this process, after one photo was replaced: that one is made again, the others
  come from the cache (as `mkdocs serve` rebuilds: the other sources' hashes are known).

It also reports the sizes: the photos', and the copies' at phone width (640 px; WebP, which
every phone's browser takes, and the JPEG fallback). The photos are the stage's own: the
synthetic showcase's records have no pictures (bench/synthetic_records.py).

Nothing is written to the repository.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

import repository  # before `showcase`: puts hooks/ on sys.path
from report import stage_command
from showcase.model import Picture
from showcase.pictures.copies import PictureReport, make_picture_copies

PHOTO_SIZE = (4000, 3000)
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def synthetic_photo(seed: int, grain: Image.Image) -> bytes:
    """A phone photo's worth of JPEG: a scene drawn small (sky, ground, shapes, texture),
    enlarged, with the sensor's grain over it, and the EXIF a phone writes."""
    rng = random.Random(seed)
    small = (PHOTO_SIZE[0] // 4, PHOTO_SIZE[1] // 4)
    horizon = rng.randrange(small[1] // 3, small[1] * 2 // 3)
    scene = Image.new("RGB", small, (rng.randrange(90, 160), rng.randrange(140, 200), 230))
    draw = ImageDraw.Draw(scene)
    draw.rectangle((0, horizon, small[0], small[1]), fill=(rng.randrange(40, 120), rng.randrange(80, 140), 60))
    for _ in range(rng.randrange(20, 40)):
        x, y = rng.randrange(small[0]), rng.randrange(small[1])
        w, h = rng.randrange(10, 200), rng.randrange(10, 200)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x, y, x + w, y + h), fill=colour)
    texture = Image.effect_noise(small, 50).convert("RGB")
    scene = Image.blend(scene, texture, 0.25).filter(ImageFilter.SMOOTH)
    photo = Image.blend(scene.resize(PHOTO_SIZE, Image.Resampling.BICUBIC), grain, 0.07)
    exif = Image.Exif()
    exif[0x010F] = "PhoneCo"  # Make
    exif[0x0132] = f"2024:05:{1 + seed % 28:02d} 10:00:00"  # DateTime
    if seed % 4 == 3:
        exif[ORIENTATION] = 6
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, float(seed % 60)), 3: "W", 4: (0.0, 7.0, 39.0)})
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def sensor_grain() -> Image.Image:
    """Noise over a whole photo (drawn once: it is most of a photo's drawing time)."""
    return Image.merge("RGB", [Image.effect_noise(PHOTO_SIZE, 40)] * 3)


def write_photos(count: int, docs: Path) -> list[Picture]:
    """`count` synthetic photos under docs/images/, and their Pictures, as the loader gives them."""
    (docs / "images").mkdir(parents=True, exist_ok=True)
    grain = sensor_grain()

    def write(number: int) -> Picture:
        path = docs / "images" / f"project-{number:04d}.jpg"
        path.write_bytes(synthetic_photo(number, grain))
        shown = PHOTO_SIZE[::-1] if number % 4 == 3 else PHOTO_SIZE
        return Picture(f"images/{path.name}", f"Photo of project {number}", *shown, line=number + 1)

    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:  # Pillow draws and encodes outside the GIL
        return list(pool.map(write, range(count)))


def warm_seconds(docs: Path, cache: Path, pictures: list[Picture]) -> tuple[float, int]:
    """The warm run in a fresh process (as `mkdocs build` with the cache restored): seconds,
    and how many pictures it made (0)."""
    code = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(repository.HOOKS)!r})\n"
        "from pathlib import Path\n"
        "from showcase.model import Picture\n"
        "from showcase.pictures.copies import make_picture_copies\n"
        "docs, cache = Path(sys.argv[1]), Path(sys.argv[2])\n"
        "pictures = [Picture(src, '', 0, 0, 0) for src in sys.argv[3:]]\n"
        "started = time.perf_counter()\n"
        "report = make_picture_copies(pictures, docs, cache)\n"
        "print(time.perf_counter() - started, len(report.made))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(docs), str(cache), *(picture.src for picture in pictures)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, made = done.stdout.split()
    return float(seconds), int(made)


def timed(pictures: list[Picture], docs: Path, cache: Path) -> tuple[float, PictureReport]:
    started = time.perf_counter()
    report = make_picture_copies(pictures, docs, cache)
    return time.perf_counter() - started, report


def measure(count: int, folder: Path) -> dict:
    docs, cache = folder / f"docs-{count}", folder / f"picture-cache-{count}"
    started = time.perf_counter()
    pictures = write_photos(count, docs)
    print(f"  ({count} photos written in {time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    cold, report = timed(pictures, docs, cache)
    assert len(report.made) == count, "the cold run should make every picture"
    warm, warm_made = warm_seconds(docs, cache, pictures)
    copies = list(report.copies.values())
    webp = [next(copy for copy in c.modern if copy.width == 640).file.stat().st_size for c in copies]
    jpeg = [next(copy for copy in c.fallback if copy.width == 640).file.stat().st_size for c in copies]
    sources = [(docs / picture.src).stat().st_size for picture in pictures]
    print_kb = statistics.median(c.print_copy.file.stat().st_size for c in copies) / 1024
    changed_photo = docs / pictures[0].src
    changed_photo.write_bytes(synthetic_photo(count + 1, sensor_grain()))
    changed, changed_report = timed(pictures, docs, cache)
    return {
        "photos": count,
        "cold": cold,
        "warm": warm,
        "warm_made": warm_made,
        "changed": changed,
        "changed_made": len(changed_report.made),
        "copies_per_photo": len(copies[0].site_copies) + 1,
        "source_mb": statistics.median(sources) / 1e6,
        "webp_640_kb": statistics.median(webp) / 1024,
        "webp_640_max_kb": max(webp) / 1024,
        "jpeg_640_kb": statistics.median(jpeg) / 1024,
        "jpeg_640_max_kb": max(jpeg) / 1024,
        "print_kb": print_kb,
    }


COLUMNS = (  # heading, width, and what a row shows under it
    ("photos", 6, lambda row: f"{row['photos']}"),
    ("cold", 7, lambda row: f"{row['cold']:.2f}"),
    ("per photo", 9, lambda row: f"{row['cold'] / row['photos']:.2f}"),
    ("warm", 6, lambda row: f"{row['warm']:.2f}"),
    ("changed", 8, lambda row: f"{row['changed']:.2f}"),
    ("photo MB", 8, lambda row: f"{row['source_mb']:.1f}"),
    ("640 WebP KB", 13, lambda row: f"{row['webp_640_kb']:.0f} ({row['webp_640_max_kb']:.0f})"),
    ("640 JPEG KB", 13, lambda row: f"{row['jpeg_640_kb']:.0f} ({row['jpeg_640_max_kb']:.0f})"),
    ("print KB", 8, lambda row: f"{row['print_kb']:.0f}"),
)


def main() -> None:
    stage_command(
        __doc__.split("\n\n")[0],
        "photos",
        "times in seconds, wall clock; sizes are medians (largest)",
        COLUMNS,
        measure,
    )


if __name__ == "__main__":
    main()
