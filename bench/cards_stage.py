"""Benchmark: the link-preview cards (hooks/showcase/pictures/preview_cards.py) drawn into an empty cache,
then taken from it, at N projects, every other one with a photo.

    .venv/bin/python bench/cards_stage.py              # 12 and 100 cards
    .venv/bin/python bench/cards_stage.py 100 1000     # other sizes

For each size it makes N cards as hooks/preview_cards.py does for N projects (the synthetic
projects' names, their areas and theme above, the programme's name below; bench/synthetic_records.py),
every other one with a photo: a print copy as hooks/showcase/pictures/copies.py makes it (an upright,
metadata-free JPEG at quality 85, 1800 px wide; one in four a portrait) of one of picture_stage.py's
synthetic phone photos, a different one each. Then it times, with the wall clock, `make_cards`
as the hook calls it:

- cold: an empty cache: every card laid out, drawn, compressed and written; the cards without
  a photo first, then those with one, each timed (their figures per card are reported too);
- warm: in a fresh process, as `mkdocs build` with the cache restored: every card's key (the
  fonts' and photos' digests, read once) and its file found, nothing drawn (the process's start
  and imports are not counted).

It also reports the cards' sizes, with a photo (JPEG) and without (PNG): what a chat or social
network downloads, and how many are over CARD_BYTES_BUDGET (the most a chat app shows a preview
of). Nothing is written to the repository.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageOps

import repository  # before `showcase`: puts hooks/ on sys.path
from picture_stage import sensor_grain, synthetic_photo
from report import stage_command
from showcase.identity import DEFAULT_COLOURS
from showcase.pictures.card_layout import KICKER_SEPARATOR, CardFonts, CardText
from showcase.pictures.preview_cards import CARD_BYTES_BUDGET, make_cards
from synthetic_records import THEMES, make_projects

FONTS = CardFonts(repository.REPO / "theme" / "print" / "fonts")
PROGRAMME = "Community Connectors Programme"  # the foot: a programme's name, as long as most
AREAS = ["Ashby Vale", "Brackenford", "Coldharbour", "Dunmere", "Elmstead upon Wye", "Gullhaven", "Harrowmouth"]
PRINT_WIDTH, PRINT_QUALITY = 1800, 85  # as copy_making.PictureSettings' print copy
PHOTO_EVERY = 2  # every other card has a photo


def print_copy(seed: int, grain: Image.Image) -> bytes:
    """A synthetic phone photo as copies.py's print copy of it: upright, 1800 px wide, JPEG."""
    with Image.open(io.BytesIO(synthetic_photo(seed, grain))) as photo:
        upright = ImageOps.exif_transpose(photo)
    height = round(upright.height * PRINT_WIDTH / upright.width)
    out = io.BytesIO()
    upright.resize((PRINT_WIDTH, height), Image.Resampling.LANCZOS).save(out, "JPEG", quality=PRINT_QUALITY)
    return out.getvalue()


def synthetic_cards(count: int, folder: Path) -> list[CardText]:
    """`count` projects' cards; every PHOTO_EVERY-th with a photo written under `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    themes = {theme["id"]: theme["title"] for theme in THEMES}
    projects = make_projects(count, AREAS, seed=2023)
    with_photo = range(0, count, PHOTO_EVERY)
    grain = sensor_grain()

    def write(number: int) -> Path:
        path = folder / f"print-{number:04d}.jpg"
        path.write_bytes(print_copy(number, grain))
        return path

    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:  # Pillow draws and encodes outside the GIL
        photos = dict(zip(with_photo, pool.map(write, with_photo), strict=True))
    return [
        CardText(
            project["name"],
            PROGRAMME,
            KICKER_SEPARATOR.join((", ".join(project["boroughs"]), themes[project["theme"]])),
            photos.get(number),
            "the project" if number in photos else "",
        )
        for number, project in enumerate(projects)
    ]


def warm_seconds(cards_file: Path, cache: Path) -> tuple[float, int]:
    """The warm run in a fresh process (as `mkdocs build` with the cache restored): seconds,
    and how many cards it drew (0)."""
    code = (
        "import json, sys, time\n"
        f"sys.path.insert(0, {str(repository.HOOKS)!r})\n"
        "from pathlib import Path\n"
        "from showcase.identity import DEFAULT_COLOURS\n"
        "from showcase.pictures.card_layout import CardFonts, CardText\n"
        "from showcase.pictures.preview_cards import make_cards\n"
        "rows = json.loads(Path(sys.argv[1]).read_text('utf-8'))\n"
        "cards = [CardText(t, f, k, Path(p) if p else None) for t, f, k, p in rows]\n"
        f"fonts = CardFonts(Path({str(FONTS.folder)!r}))\n"
        "started = time.perf_counter()\n"
        "made = make_cards(cards, DEFAULT_COLOURS, fonts, Path(sys.argv[2]))\n"
        "print(time.perf_counter() - started, made.drawn)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(cards_file), str(cache)], capture_output=True, text=True, check=True
    )
    seconds, drawn = done.stdout.split()
    return float(seconds), int(drawn)


def measure(count: int, folder: Path) -> dict:
    cache = folder / f"card-cache-{count}"
    started = time.perf_counter()
    cards = synthetic_cards(count, folder / f"photos-{count}")
    print(f"  ({count} cards' photos written in {time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    plain = [card for card in cards if card.photo is None]
    photos = [card for card in cards if card.photo is not None]
    seconds = {}
    sizes = {}  # in bytes
    for kind, some in (("plain", plain), ("photo", photos)):
        started = time.perf_counter()
        made = make_cards(some, DEFAULT_COLOURS, FONTS, cache)
        seconds[kind] = time.perf_counter() - started
        assert made.drawn == len(some), "the cold run should draw every card"
        sizes[kind] = [card.file.stat().st_size for card in made.cards.values()]
    files = {kind: [size / 1024 for size in some] for kind, some in sizes.items()}
    cards_file = folder / f"cards-{count}.json"
    rows = [[card.title, card.foot, card.kicker, str(card.photo or "")] for card in cards]
    cards_file.write_text(json.dumps(rows), "utf-8")
    warm, warm_drawn = warm_seconds(cards_file, cache)
    return {
        "cards": count,
        "with_photo": len(photos),
        "cold": seconds["plain"] + seconds["photo"],
        "warm": warm,
        "warm_drawn": warm_drawn,
        "plain_ms": seconds["plain"] / max(1, len(plain)) * 1000,
        "photo_ms": seconds["photo"] / max(1, len(photos)) * 1000,
        "plain_kb": statistics.median(files["plain"]) if plain else 0.0,
        "plain_max_kb": max(files["plain"], default=0.0),
        "photo_kb": statistics.median(files["photo"]) if photos else 0.0,
        "photo_max_kb": max(files["photo"], default=0.0),
        "over_budget": sum(size > CARD_BYTES_BUDGET for some in sizes.values() for size in some),
    }


COLUMNS = (  # heading, width, and what a row shows under it
    ("cards", 6, lambda row: f"{row['cards']}"),
    ("photos", 6, lambda row: f"{row['with_photo']}"),
    ("cold", 7, lambda row: f"{row['cold']:.2f}"),
    ("ms plain", 8, lambda row: f"{row['plain_ms']:.0f}"),
    ("ms photo", 8, lambda row: f"{row['photo_ms']:.0f}"),
    ("warm", 6, lambda row: f"{row['warm']:.3f}"),
    ("plain KB", 10, lambda row: f"{row['plain_kb']:.0f} ({row['plain_max_kb']:.0f})"),
    ("photo KB", 10, lambda row: f"{row['photo_kb']:.0f} ({row['photo_max_kb']:.0f})"),
    ("over", 4, lambda row: f"{row['over_budget']}"),
)


def main() -> None:
    stage_command(
        __doc__.split("\n\n")[0],
        "cards",
        "times in seconds (per card in ms), wall clock; sizes are medians (largest); "
        f"over: cards over {CARD_BYTES_BUDGET // 1000} KB",
        COLUMNS,
        measure,
    )


if __name__ == "__main__":
    main()
