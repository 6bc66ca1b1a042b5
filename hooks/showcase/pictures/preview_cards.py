"""Link-preview cards: the 1200 x 630 image a chat or social network shows when a page is shared.

A card shows the page's title (wrapped, shrunk to fit, at most three lines), above it a
project's areas and theme (less those the editors inferred), and at its foot the programme's
name, in the programme's colours (identity.py: `extra.programme.colours`, contrast checked there).
It is drawn with Pillow from the committed fonts (theme/print/fonts/): Noto Sans, and Noto Naskh
Arabic for Arabic text.
A project's or cohort's card also shows its photo, at the right, from the copy pictures.py made
(upright, without metadata: `card_photo`), never from the committed file.

A card with a photo is a JPEG, one without a PNG (card_media_type); each stays under
CARD_BYTES_BUDGET, which the tests hold them to. Same inputs, same bytes: no timestamp or other
metadata in either, fixed encoder settings, and a card is filed in the cache under a hash of
everything that decides its bytes (its text, colours, photo and format, the fonts, this module's
code, Pillow's and its libraries' versions), so a build whose cards did not change draws none.

Layout rules (lay_out_card):
- Text sits between side margins of 80 px; a card with a photo keeps the right-hand
  PHOTO_WIDTH px for it, full height: the photo is scaled to cover that area and cropped about
  its centre (Lanczos, from a JPEG decoded at the smallest reduction that still covers it).
- The title is tried at each size of TITLE_SIZES, largest first, and the first size at which it
  wraps into at most three lines that fit the space between the kicker and the foot is used. At
  the smallest size, a title still longer is cut after three lines and ends with an ellipsis.
- The kicker (a project's areas and theme) and the foot (the programme's name) are one line
  each: shrunk to their smallest size, then cut with an ellipsis.
- Right-to-left text (a title in Arabic) is set right-aligned, its runs of other scripts in
  place; every run of Arabic letters is drawn with Noto Naskh Arabic, the rest with Noto Sans.
  (Two levels only: left-to-right text inside right-to-left text, or the other way round, as a
  title needs; not the full Unicode bidirectional algorithm.)
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, ImageOps, features

from showcase.file_cache import CacheEntry, fetch_entry, file_digest, prune_entries, store_entry
from showcase.identity import Colours, rgb
from showcase.model import Picture, Project
from showcase.pictures.copies import PictureCopies
from showcase.pictures.picture_files import JPEG, PNG, SVG

CARD_WIDTH, CARD_HEIGHT = 1200, 630  # the size Open Graph's consumers show without cropping
# Bump when the layout of the cache folder changes (2: a card with a photo is a .jpg; 3: each card
# has file_cache.py's record, so a card on disk is used only if it is the one drawn).
CARD_FORMAT = "3"
MODULE = Path(__file__).resolve()

MARGIN = 80  # left and right, and the text column's edge beside a photo
TOP, BOTTOM = 64, 56  # from the card's edges to the kicker's cap height and the foot's descenders
PHOTO_WIDTH = 440
TITLE_SIZES = (88, 80, 72, 64, 58, 52)  # px, largest first
TITLE_LINES = 3
TITLE_LEADING = 1.18  # the distance between the title's baselines, in ems
LINE_SIZES = (34, 32, 30, 28, 26)  # the kicker's and the foot's sizes, largest first
RULE = (120, 8)  # the bar above the foot: width and height
GAP = 36  # between the kicker, the title, the bar and the foot
ELLIPSIS = "…"
KICKER_SEPARATOR = " · "
PNG_LEVEL = 6  # zlib's level: fixed, as it decides the bytes (9 takes eight times as long for 1%)
# A card with a photo: JPEG at this quality, baseline, without chroma subsampling (4:4:4). Full
# colour resolution keeps the text's edges clean on a saturated background (4:2:0 trebled the
# error in the colour channels around white text on NHS blue) for 40 % more bytes, still half
# the budget with a noisy photo. Huffman tables optimised: about 5 % smaller, the same bytes each time.
JPEG_QUALITY = 85
# Every card's size at most, in bytes. WhatsApp, among the apps people share pages in, is
# reported to show no preview image over about 300 KB (others allow 5 to 8 MB): the strictest
# limit decides, as a card too heavy shows nothing at all. Counted in thousands, the stricter
# reading of "KB". It is kept here, beside the formats and settings chosen to meet it, so that
# whoever changes them sees it; the tests (tests/test_preview_cards.py) and the benchmark
# (bench/cards_stage.py) import it. Not checked at build time: the formats keep far under it
# (a card with a photo of grain at every pixel: 160 KB).
CARD_BYTES_BUDGET = 300_000
SUFFIXES = {PNG: ".png", JPEG: ".jpg"}  # a card's file name's, by its media type
CACHE_KEEP_DAYS = 30  # a card no build has used for this long leaves the cache

# Two font families: Latin (Noto Sans, which has Polish, Welsh and the punctuation) and Arabic.
SANS, ARABIC = "sans", "arabic"


@dataclass(frozen=True)
class CardFonts:
    regular: Path
    bold: Path
    arabic_regular: Path
    arabic_bold: Path

    @classmethod
    def in_folder(cls, fonts_dir: Path) -> CardFonts:
        """The committed fonts in theme/print/fonts/, which the PDFs use too."""
        return cls(
            fonts_dir / "NotoSans-Regular.ttf",
            fonts_dir / "NotoSans-Bold.ttf",
            fonts_dir / "NotoNaskhArabic-Regular.ttf",
            fonts_dir / "NotoNaskhArabic-Bold.ttf",
        )

    def path(self, family: str, bold: bool) -> Path:
        if family == ARABIC:
            return self.arabic_bold if bold else self.arabic_regular
        return self.bold if bold else self.regular

    @property
    def all(self) -> tuple[Path, ...]:
        return (self.regular, self.bold, self.arabic_regular, self.arabic_bold)


@dataclass(frozen=True)
class CardText:
    """What one card shows."""

    title: str  # the page's title, or the programme's name on the site's own card
    foot: str  # the programme's name, or on the site's card its publisher (else its region)
    kicker: str = ""  # above the title: a project's areas and theme
    # A photo beside the text: a copy pictures.py made (card_photo), upright and without
    # metadata, never the committed file. The card is drawn from it and keyed on its bytes.
    photo: Path | None = None
    photo_of: str = ""  # for the alt text: whose photo it is, e.g. "the project"

    @property
    def alt(self) -> str:
        """What the card shows, for og:image:alt: every line of it, in order, and that it has a
        photo. Only that: the photo's own alt text is on its page, and a preview's alt is read
        out in a feed among many (a decorative photo is on the card all the same)."""
        text = " – ".join(part for part in (self.title, self.kicker.replace(KICKER_SEPARATOR, ", "), self.foot) if part)
        if self.photo:
            text += f", with a photo of {self.photo_of}" if self.photo_of else ", with a photo"
        return text


def card_photo(picture: Picture | None, copies: Mapping[str, PictureCopies]) -> Path | None:
    """The file a card draws `picture` from: its print copy (up to 1800 px, upright, no
    metadata), else its largest web fallback; None without a picture, copies, or for an SVG."""
    made = copies.get(picture.src) if picture else None
    if made is None:
        return None
    candidates = (made.print_copy, *sorted(made.fallback, key=lambda copy: copy.width, reverse=True))
    return next((copy.file for copy in candidates if copy.media_type != SVG), None)


def project_kicker(project: Project) -> str:
    """A project's areas and theme, e.g. "Gullhaven · Reaching people who miss out". An inferred
    one is left off: a card is an image, shared away from the page whose label says "unconfirmed",
    and a label on it would crowd a line that must stay short."""
    areas = "" if project.is_unconfirmed("boroughs") else ", ".join(area.name for area in project.boroughs)
    theme = "" if project.is_unconfirmed("theme") else project.theme.title
    return KICKER_SEPARATOR.join(part for part in (areas, theme) if part)


# -- layout -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacedRun:
    """Text in one font and direction, at its left end and baseline."""

    text: str
    family: str
    bold: bool
    size: int
    direction: str  # "ltr" or "rtl"
    x: float
    baseline: float
    box: tuple[float, float, float, float]  # where its ink falls on the card (left, top, right, bottom)


@dataclass(frozen=True)
class PlacedLine:
    text: str  # in reading order
    size: int
    runs: tuple[PlacedRun, ...]


@dataclass(frozen=True)
class CardLayout:
    title: tuple[PlacedLine, ...]
    title_size: int
    title_cut: bool  # the title did not fit three lines at the smallest size: it ends with an ellipsis
    kicker: PlacedLine | None
    foot: PlacedLine
    rule: tuple[int, int, int, int]  # the bar above the foot (left, top, right, bottom)
    photo_box: tuple[int, int, int, int] | None

    @property
    def title_lines(self) -> tuple[str, ...]:
        return tuple(line.text for line in self.title)

    @property
    def boxes(self) -> tuple[tuple[float, float, float, float], ...]:
        """Where every piece of text falls on the card, and the bar."""
        lines = (*self.title, *((self.kicker,) if self.kicker else ()), self.foot)
        return (*(run.box for line in lines for run in line.runs), self.rule)


@functools.lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


@functools.lru_cache(maxsize=8)
def _glyphs(path: Path) -> frozenset[int]:
    """The characters a font has glyphs for."""
    from fontTools.ttLib import TTFont  # only when a card has Arabic text

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def _direction(text: str) -> str:
    """The direction of a paragraph: that of its first letter of a script with one."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


@dataclass(frozen=True)
class _Run:
    """Text of one direction and one font, in reading order."""

    text: str
    direction: str  # "ltr" or "rtl"
    family: str  # SANS or ARABIC


def _runs(text: str, fonts: CardFonts) -> list[_Run]:
    """`text` cut into runs of one direction and font, in the order the eye meets them.

    A letter has its script's direction; a digit takes that of the letters before it; a space
    or a punctuation mark between letters of one direction takes theirs, else the paragraph's
    (the Unicode bidirectional algorithm's rules W7 and N1-N2, for two levels). Right-to-left
    text is set in the Arabic font where it has the character, all else in Noto Sans.
    """
    paragraph = "R" if _direction(text) == "rtl" else "L"
    kinds = [_strong(character) for character in text]
    for index, character in enumerate(text):
        if unicodedata.bidirectional(character) == "EN":  # a digit: as the letters before it
            kinds[index] = next((k for k in reversed(kinds[:index]) if k), paragraph)
    for index, kind in enumerate(kinds):
        if not kind:
            before = next((k for k in reversed(kinds[:index]) if k), paragraph)
            after = next((k for k in kinds[index + 1 :] if k), paragraph)
            kinds[index] = before if before == after else paragraph
    runs: list[_Run] = []
    for character, kind in zip(text, kinds, strict=True):
        direction = "rtl" if kind == "R" else "ltr"
        family = ARABIC if kind == "R" and ord(character) in _glyphs(fonts.arabic_bold) else SANS
        if runs and (runs[-1].direction, runs[-1].family) == (direction, family):
            runs[-1] = _Run(runs[-1].text + character, direction, family)
        else:
            runs.append(_Run(character, direction, family))
    # Visual order: the runs of the paragraph's opposite direction are read the other way.
    ordered: list[_Run] = []
    opposite = "ltr" if paragraph == "R" else "rtl"
    for run in runs:
        if run.direction == opposite and ordered and ordered[-1].direction == opposite:
            ordered.insert(_start_of_opposite(ordered, opposite), run)
        else:
            ordered.append(run)
    return ordered[::-1] if paragraph == "R" else ordered


def _start_of_opposite(runs: list[_Run], opposite: str) -> int:
    """Where the last sequence of runs of the `opposite` direction starts in `runs`."""
    index = len(runs)
    while index > 0 and runs[index - 1].direction == opposite:
        index -= 1
    return index


def _strong(character: str) -> str:
    """ "L" for a letter written left to right, "R" for one written right to left (or an Arabic
    digit), "" for a character that takes its direction from its neighbours."""
    kind = unicodedata.bidirectional(character)
    return "L" if kind == "L" else "R" if kind in ("R", "AL", "AN") else ""


def _run_font(run: _Run, fonts: CardFonts, bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return _font(fonts.path(run.family, bold), size)


def _width(text: str, fonts: CardFonts, bold: bool, size: int) -> float:
    return sum(
        _run_font(run, fonts, bold, size).getlength(run.text, direction=run.direction) for run in _runs(text, fonts)
    )


def _wrap(text: str, width: float, fonts: CardFonts, bold: bool, size: int) -> list[str]:
    """`text` in lines no wider than `width`, broken between words (inside a word only when the
    word alone is too wide)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _width(candidate, fonts, bold, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while _width(line, fonts, bold, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and _width(line[:cut], fonts, bold, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def _with_ellipsis(line: str, width: float, fonts: CardFonts, bold: bool, size: int) -> str:
    """`line` shortened, a word at a time (a letter at a time for one word), to end with an
    ellipsis within `width`."""
    text = line
    while True:
        candidate = text.rstrip(" ,;:–-") + ELLIPSIS
        if _width(candidate, fonts, bold, size) <= width or len(text) <= 1:
            return candidate
        text = text.rsplit(" ", 1)[0] if " " in text.strip() else text[:-1]


def _fit_line(text: str, width: float, fonts: CardFonts, bold: bool) -> tuple[str, int]:
    """A one-line text at the largest of LINE_SIZES it fits at, else cut at the smallest."""
    for size in LINE_SIZES:
        if _width(text, fonts, bold, size) <= width:
            return text, size
    size = LINE_SIZES[-1]
    return _with_ellipsis(text, width, fonts, bold, size), size


def _metrics(text: str, fonts: CardFonts, bold: bool, size: int) -> tuple[int, int]:
    """The ascent and descent of the fonts a text is set in."""
    families = {run.family for run in _runs(text, fonts)}
    found = [_font(fonts.path(family, bold), size).getmetrics() for family in families or {SANS}]
    return max(ascent for ascent, _ in found), max(descent for _, descent in found)


def _place(
    text: str, size: int, bold: bool, left: float, right: float, baseline: float, fonts: CardFonts
) -> PlacedLine:
    """One line set between `left` and `right`: from the left when it reads left to right, from
    the right when it reads right to left, its runs in the order the eye meets them."""
    runs = _runs(text, fonts)
    widths = [_run_font(run, fonts, bold, size).getlength(run.text, direction=run.direction) for run in runs]
    x = left if _direction(text) == "ltr" else right - sum(widths)
    placed = []
    for run, width in zip(runs, widths, strict=True):
        if run.text.strip():  # a run of spaces only moves the next one along
            ink = _run_font(run, fonts, bold, size).getbbox(run.text, anchor="ls", direction=run.direction)
            box = (x + ink[0], baseline + ink[1], x + ink[2], baseline + ink[3])
            placed.append(PlacedRun(run.text, run.family, bold, size, run.direction, x, baseline, box))
        x += width
    return PlacedLine(text, size, tuple(placed))


def lay_out_card(card: CardText, fonts: CardFonts) -> CardLayout:
    """Where each line of the card goes, at which size (see the module's layout rules)."""
    right = CARD_WIDTH - MARGIN - (PHOTO_WIDTH if card.photo else 0)
    width = right - MARGIN

    foot_text, foot_size = _fit_line(card.foot, width, fonts, bold=True)
    foot_ascent, foot_descent = _metrics(foot_text, fonts, True, foot_size)
    foot_baseline = CARD_HEIGHT - BOTTOM - foot_descent
    foot = _place(foot_text, foot_size, True, MARGIN, right, foot_baseline, fonts)
    rule_bottom = foot_baseline - foot_ascent - GAP // 2
    rule_left = MARGIN if _direction(foot_text) == "ltr" else right - RULE[0]
    rule = (rule_left, rule_bottom - RULE[1], rule_left + RULE[0], rule_bottom)

    kicker = None
    title_top = TOP
    if card.kicker:
        kicker_text, kicker_size = _fit_line(card.kicker, width, fonts, bold=False)
        kicker_ascent, kicker_descent = _metrics(kicker_text, fonts, False, kicker_size)
        kicker_baseline = TOP + kicker_ascent
        kicker = _place(kicker_text, kicker_size, False, MARGIN, right, kicker_baseline, fonts)
        title_top = kicker_baseline + kicker_descent + GAP // 2
    title_bottom = rule[1] - GAP

    for size in TITLE_SIZES:
        lines = _wrap(card.title, width, fonts, True, size)
        height = _title_height(lines, fonts, size)
        if len(lines) <= TITLE_LINES and height <= title_bottom - title_top:
            cut = False
            break
    else:
        cut = len(lines) > TITLE_LINES
        if cut:
            lines = [*lines[: TITLE_LINES - 1], _with_ellipsis(lines[TITLE_LINES - 1], width, fonts, True, size)]
        height = _title_height(lines, fonts, size)
    # The title sits in the middle of the space it has.
    ascent = max(_metrics(line, fonts, True, size)[0] for line in lines)
    first = title_top + (title_bottom - title_top - height) / 2 + ascent
    pitch = round(size * TITLE_LEADING)
    title = tuple(
        _place(line, size, True, MARGIN, right, round(first + index * pitch), fonts) for index, line in enumerate(lines)
    )
    photo_box = (CARD_WIDTH - PHOTO_WIDTH, 0, CARD_WIDTH, CARD_HEIGHT) if card.photo else None
    return CardLayout(title, size, cut, kicker, foot, rule, photo_box)


def _title_height(lines: Sequence[str], fonts: CardFonts, size: int) -> float:
    ascent = max(_metrics(line, fonts, True, size)[0] for line in lines)
    descent = max(_metrics(line, fonts, True, size)[1] for line in lines)
    return ascent + (len(lines) - 1) * round(size * TITLE_LEADING) + descent


# -- drawing ------------------------------------------------------------------------------------


class CardError(ValueError):
    """A card that cannot be drawn as it should be."""


def draw_card(card: CardText, colours: Colours, fonts: CardFonts) -> bytes:
    """The card's bytes, in the format card_media_type gives it: the same for the same card,
    colours, fonts and libraries."""
    layout = lay_out_card(card, fonts)
    if any(run.family == ARABIC for line in layout.title for run in line.runs) and not features.check_feature("raqm"):
        raise CardError(
            f"The link-preview card of '{card.title}' has Arabic text, which Pillow can set only "
            "with libraqm: install the system's fribidi and harfbuzz libraries (Debian: apt-get "
            "install libfribidi0 libharfbuzz0b), then build again."
        )
    # The text is drawn as coverage (0 the background, 255 the text) and each level given its
    # colour from a palette blended between the two: a card without a photo is one byte a pixel,
    # its edges as smooth as in colour.
    coverage = Image.new("L", (CARD_WIDTH, CARD_HEIGHT), 0)
    draw = ImageDraw.Draw(coverage)
    lines = (*((layout.kicker,) if layout.kicker else ()), *layout.title, layout.foot)
    for line in lines:
        for run in line.runs:
            font = _font(fonts.path(run.family, run.bold), run.size)
            draw.text((run.x, run.baseline), run.text, font=font, fill=255, anchor="ls", direction=run.direction)
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
    # No metadata: Pillow writes no time, and no text chunk, EXIF or comment is given (nor the
    # photo's: only its pixels are pasted). A JPEG's JFIF header holds a version and a pixel
    # aspect ratio, no date.
    if card_media_type(card) == JPEG:
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True, progressive=False)
    else:
        image.save(buffer, "PNG", compress_level=PNG_LEVEL)
    return buffer.getvalue()


def card_media_type(card: CardText) -> str:
    """JPEG for a card with a photo: a photo's grain makes a PNG of about 350 KB, over
    CARD_BYTES_BUDGET, where a JPEG is a quarter of that. PNG for one without: two flat colours
    and their blends, 20 to 30 KB, as sharp as drawn."""
    return JPEG if card.photo else PNG


def _photo_covering(path: Path, size: tuple[int, int], background: tuple[int, int, int]) -> Image.Image:
    """The photo at `path` scaled to cover `size` and cropped about its centre, in RGB (any
    transparent part over the card's background)."""
    with Image.open(path) as photo:
        # A JPEG decodes at the smallest power-of-two reduction still at least `size` in both
        # directions (libjpeg's scaling, as deterministic as its full decode): a quarter of the
        # time for a print copy. Asked as a square, so it holds whichever way the file lies.
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


@functools.lru_cache(maxsize=1)  # the libraries do not change while a process runs
def _library_versions() -> str:
    """Pillow and the C libraries that decide a card's pixels and bytes."""
    parts = [f"Pillow {PIL.__version__}"]
    for feature in ("freetype2", "raqm", "fribidi", "harfbuzz", "zlib", "jpg"):  # jpg: a photo's decoding
        parts.append(f"{feature} {features.version(feature) or 'missing'}")
    return "; ".join(parts)


def card_key(card: CardText, colours: Colours, fonts: CardFonts) -> str:
    """A hash of everything that decides a card's bytes: the cache's name for it."""
    inputs = {
        "format": CARD_FORMAT,
        "code": file_digest(MODULE),
        "libraries": _library_versions(),
        "fonts": [file_digest(path) for path in fonts.all],
        "colours": [colours.background, colours.text],
        "text": [card.title, card.kicker, card.foot],
        "photo": file_digest(card.photo) if card.photo else None,
        "media_type": card_media_type(card),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class MadeCard:
    """A card's file in the cache, and what a page says of it."""

    file: Path
    key: str  # card_key: what decides its bytes
    media_type: str  # PNG or JPEG (card_media_type), for og:image:type

    @property
    def suffix(self) -> str:
        return SUFFIXES[self.media_type]


@dataclass(frozen=True)
class CardsMade:
    cards: dict[CardText, MadeCard]
    drawn: int  # how many the cache lacked


def make_cards(cards: Iterable[CardText], colours: Colours, fonts: CardFonts, cache_dir: Path) -> CardsMade:
    """Each card's file, from the cache if it is the file drawn (file_cache.fetch_entry verifies
    it), else drawn into it; cards no build has used for CACHE_KEEP_DAYS leave it (a build that
    runs beside this one, such as a `mkdocs serve`, touches the cards it uses, so none it needs
    is removed)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    made: dict[CardText, MadeCard] = {}
    drawn = 0
    for card in sorted(set(cards), key=lambda card: (card.title, card.kicker, card.foot, str(card.photo))):
        key, media_type = card_key(card, colours, fonts), card_media_type(card)
        name = f"{key}{SUFFIXES[media_type]}"
        if fetch_entry(cache_dir, key, functools.partial(_used, name=name)) is None:
            store_entry(cache_dir, key, {name: draw_card(card, colours, fonts)})
            drawn += 1
        made[card] = MadeCard(cache_dir / name, key, media_type)
    prune_entries(cache_dir, {card.key for card in made.values()}, unused_for=CACHE_KEEP_DAYS * 86400)
    return CardsMade(made, drawn)


def _used(entry: CacheEntry, name: str) -> Path:
    """The card's file, marked in use (kept in the cache)."""
    path = entry.files[name]
    entry.touch()
    return path
