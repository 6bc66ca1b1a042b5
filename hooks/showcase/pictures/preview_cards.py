"""Link-preview cards: the 1200 x 630 image a chat or social network shows when a page is shared.

A card shows what card_layout.py places, in the programme's colours and the committed fonts; a
project's or cohort's its photo too, from the copy copies.py made (upright, without metadata).
Same inputs, same bytes: a card is cached under a hash of everything that decides its bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps, features

from showcase.colours import Colours, rgb
from showcase.file_cache import fetch_entry, file_digest, prune_entries, store_entry
from showcase.model import Picture, Project
from showcase.pictures.card_layout import (
    ARABIC,
    CARD_HEIGHT,
    CARD_WIDTH,
    KICKER_SEPARATOR,
    CardError,
    CardFonts,
    CardText,
    lay_out_card,
)
from showcase.pictures.copies import PictureCopies
from showcase.pictures.copy_making import library_versions
from showcase.pictures.picture_files import JPEG, PNG, SUFFIXES, SVG

# Bump when the layout of the cache folder changes (3: each card has file_cache.py's record).
CARD_FORMAT = "3"
CODE = tuple(Path(__file__).resolve().parent / name for name in ("card_layout.py", "preview_cards.py"))
PNG_LEVEL = 6  # zlib's: 9 takes eight times as long for 1 %
# A card with a photo: baseline JPEG without chroma subsampling (4:4:4), which keeps the text's
# edges clean on a saturated background (4:2:0 trebled the error around white text on NHS
# blue) for 40 % more bytes; Huffman tables optimised (about 5 % smaller).
JPEG_QUALITY = 85
# WhatsApp is reported to show no preview image over about 300 KB (others allow 5 to 8 MB). The
# tests and bench/cards_stage.py hold cards to it; a card with a photo of pure grain is 160 KB.
CARD_BYTES_BUDGET = 300_000
CACHE_KEEP_DAYS = 30  # a card no build has used for this long leaves the cache


def card_photo(picture: Picture | None, copies: Mapping[str, PictureCopies]) -> Path | None:
    """The file a card draws `picture` from: its print copy, else its largest web fallback (None
    for an SVG)."""
    made = copies.get(picture.src) if picture else None
    if made is None:
        return None
    candidates = (made.print_copy, *sorted(made.fallback, key=lambda copy: copy.width, reverse=True))
    return next((copy.file for copy in candidates if copy.media_type != SVG), None)


def project_kicker(project: Project) -> str:
    """A project's areas and theme, e.g. "Gullhaven · Reaching people who miss out". An inferred
    one is left off: a card is shared away from the page whose label says "unconfirmed"."""
    areas = "" if project.is_unconfirmed("boroughs") else ", ".join(area.name for area in project.boroughs)
    theme = "" if project.is_unconfirmed("theme") else project.theme.title
    return KICKER_SEPARATOR.join(part for part in (areas, theme) if part)


def card_media_type(card: CardText) -> str:
    """JPEG for a card with a photo (a photo's grain makes a PNG of about 350 KB, over
    CARD_BYTES_BUDGET); PNG for one without (two colours and their blends: 20 to 30 KB, sharp)."""
    return JPEG if card.photo else PNG


def draw_card(card: CardText, colours: Colours, fonts: CardFonts) -> bytes:
    layout = lay_out_card(card, fonts)
    if any(run.family == ARABIC for line in layout.title for run in line.runs) and not features.check_feature("raqm"):
        raise CardError(
            f"The link-preview card of '{card.title}' has Arabic text, which Pillow can set only "
            "with libraqm: install the system's fribidi and harfbuzz libraries (Debian: apt-get "
            "install libfribidi0 libharfbuzz0b), then build again."
        )
    # The text is drawn as coverage (0 the background, 255 the text); without a photo, a palette
    # blended between the two colours makes it one byte a pixel, its edges as smooth as in colour.
    coverage = Image.new("L", (CARD_WIDTH, CARD_HEIGHT), 0)
    draw = ImageDraw.Draw(coverage)
    for run in (run for line in layout.lines for run in line.runs):
        draw.text((run.x, run.baseline), run.text, font=run.font, fill=255, anchor="ls", direction=run.direction)
    draw.rectangle((layout.rule[0], layout.rule[1], layout.rule[2] - 1, layout.rule[3] - 1), fill=255)
    background, ink = rgb(colours.background), rgb(colours.text)
    if card.photo and layout.photo_box:
        image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), background)
        left, top, right, bottom = layout.photo_box
        image.paste(_photo_covering(card.photo, (right - left, bottom - top), background), (left, top))
        image.paste(Image.new("RGB", image.size, ink), mask=coverage)
    else:
        image = coverage
        image.putpalette(
            [round(b + (i - b) * level / 255) for level in range(256) for b, i in zip(background, ink, strict=True)]
        )
    buffer = io.BytesIO()
    # No metadata: Pillow writes no time, and is given no text, EXIF or comment (the photo's
    # pixels only are pasted); a JFIF header holds a version and an aspect ratio.
    if card_media_type(card) == JPEG:
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True, progressive=False)
    else:
        image.save(buffer, "PNG", compress_level=PNG_LEVEL)
    return buffer.getvalue()


def _photo_covering(path: Path, size: tuple[int, int], background: tuple[int, int, int]) -> Image.Image:
    """The photo scaled to cover `size`, cropped about its centre, any transparency flattened."""
    with Image.open(path) as photo:
        # A JPEG decodes at the smallest power-of-two reduction still covering `size` (a quarter
        # of the time for a print copy), asked as a square whichever way the file lies.
        photo.draft("RGB", (max(size), max(size)))
        upright = ImageOps.exif_transpose(photo)  # a copy is upright already; a file given directly may not be
        if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
            rgba = upright.convert("RGBA")
            flat = Image.new("RGB", rgba.size, background)
            flat.paste(rgba, mask=rgba.getchannel("A"))
        else:
            flat = upright.convert("RGB")
    return ImageOps.fit(flat, size, method=Image.Resampling.LANCZOS, centering=(0.5, 0.5))


# -- the cache ----------------------------------------------------------------------------------


def card_key(card: CardText, colours: Colours, fonts: CardFonts) -> str:
    inputs = {
        "format": CARD_FORMAT,
        "code": [file_digest(path) for path in CODE],
        "libraries": library_versions("freetype2", "raqm", "fribidi", "harfbuzz", "zlib", "jpg"),
        "fonts": [file_digest(path) for path in fonts.all],
        "colours": [colours.background, colours.text],
        "text": [card.title, card.kicker, card.foot],
        "photo": file_digest(card.photo) if card.photo else None,
        "media_type": card_media_type(card),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class MadeCard:
    file: Path  # in the cache
    key: str  # card_key
    media_type: str  # for og:image:type

    @property
    def suffix(self) -> str:
        return SUFFIXES[self.media_type]


@dataclass(frozen=True)
class CardsMade:
    cards: dict[CardText, MadeCard]
    drawn: int  # how many the cache lacked


def make_cards(cards: Iterable[CardText], colours: Colours, fonts: CardFonts, cache_dir: Path) -> CardsMade:
    """Each card's file, from the verified cache, else drawn into it. No lock guards the cache: a
    build beside this one touches the cards it uses; only those unused for CACHE_KEEP_DAYS leave."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    made: dict[CardText, MadeCard] = {}
    drawn = 0
    for card in sorted(set(cards), key=lambda card: (card.title, card.kicker, card.foot, str(card.photo))):
        key, media_type = card_key(card, colours, fonts), card_media_type(card)
        name = f"{key}{SUFFIXES[media_type]}"
        files = fetch_entry(cache_dir, key, lambda entry: entry.files, touch=True)
        if files is None or name not in files:
            store_entry(cache_dir, key, {name: draw_card(card, colours, fonts)})
            drawn += 1
        made[card] = MadeCard(cache_dir / name, key, media_type)
    prune_entries(cache_dir, {card.key for card in made.values()}, unused_for=CACHE_KEEP_DAYS * 86400)
    return CardsMade(made, drawn)
