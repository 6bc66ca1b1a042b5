"""What a link-preview card shows, and where each line of it goes on the 1200 x 630 card.

The title takes the largest of TITLE_SIZES at which it wraps into at most three lines between
the kicker and the foot (else it is cut with an ellipsis); the kicker (a project's areas and
theme) and the foot (the programme's name) are one line each, shrunk through LINE_SIZES, then cut.
A line that reads right to left is right-aligned. Pillow sets a run in one font only, so a line in
two scripts is drawn as runs of one font and direction each (Arabic letters in Noto Naskh Arabic),
in the order of the Unicode bidirectional algorithm, from GNU FriBidi (which raqm uses) by ctypes:
python-bidi gives only the reordered text, and Pillow neither each character's level and place
nor a fallback font.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

CARD_WIDTH, CARD_HEIGHT = 1200, 630  # the size Open Graph's consumers show without cropping
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
# Two font families: Latin (Noto Sans, which has Polish, Welsh and the punctuation) and Arabic.
SANS, ARABIC = "sans", "arabic"


class CardError(ValueError):
    pass


@dataclass(frozen=True)
class CardFonts:
    """The committed fonts' folder, theme/print/fonts/, which the PDFs use too."""

    folder: Path

    def path(self, family: str, bold: bool) -> Path:
        return (
            self.folder / f"{'NotoNaskhArabic' if family == ARABIC else 'NotoSans'}-{'Bold' if bold else 'Regular'}.ttf"
        )

    @property
    def all(self) -> tuple[Path, ...]:
        return tuple(self.path(family, bold) for family in (SANS, ARABIC) for bold in (False, True))


@dataclass(frozen=True)
class CardText:
    """What one card shows."""

    title: str  # the page's title, or the programme's name on the site's own card
    foot: str  # the programme's name, or on the site's card its publisher (else its region)
    kicker: str = ""  # above the title: a project's areas and theme
    photo: Path | None = None  # a copy copies.py made (preview_cards.card_photo), never the committed file
    photo_of: str = ""  # for the alt text: whose photo it is, e.g. "the project"

    @property
    def alt(self) -> str:
        """og:image:alt: every line, and that it has a photo (whose own alt text is on its page)."""
        text = " – ".join(part for part in (self.title, self.kicker.replace(KICKER_SEPARATOR, ", "), self.foot) if part)
        if self.photo:
            text += f", with a photo of {self.photo_of}" if self.photo_of else ", with a photo"
        return text


@dataclass(frozen=True)
class PlacedRun:
    """Text in one font and direction, at its left end and baseline."""

    text: str  # in reading order
    family: str
    font: ImageFont.FreeTypeFont
    direction: str  # "ltr" or "rtl"
    x: float
    width: float  # its advance: it ends at x + width
    baseline: float
    box: tuple[float, float, float, float]  # where its ink falls on the card (left, top, right, bottom)


@dataclass(frozen=True)
class PlacedLine:
    text: str  # in reading order
    runs: tuple[PlacedRun, ...]  # left to right; none of spaces only


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
    def lines(self) -> tuple[PlacedLine, ...]:
        return (*((self.kicker,) if self.kicker else ()), *self.title, self.foot)

    @property
    def boxes(self) -> tuple[tuple[float, float, float, float], ...]:
        return (*(run.box for line in self.lines for run in line.runs), self.rule)


def lay_out_card(card: CardText, fonts: CardFonts) -> CardLayout:
    """Where each line of the card goes, at which size (see the module's layout rules)."""
    right = CARD_WIDTH - MARGIN - (PHOTO_WIDTH if card.photo else 0)
    width = right - MARGIN

    foot_text, foot_size = _fit_line(card.foot, width, fonts, bold=True)
    foot_ascent, foot_descent = _metrics(foot_text, fonts, True, foot_size)
    foot_baseline = CARD_HEIGHT - BOTTOM - foot_descent
    foot = _place(foot_text, foot_size, True, right, foot_baseline, fonts)
    rule_bottom = foot_baseline - foot_ascent - GAP // 2
    rule_left = right - RULE[0] if _reading_order(foot_text, fonts)[0] else MARGIN
    rule = (rule_left, rule_bottom - RULE[1], rule_left + RULE[0], rule_bottom)

    kicker = None
    title_top = TOP
    if card.kicker:
        kicker_text, kicker_size = _fit_line(card.kicker, width, fonts, bold=False)
        kicker_ascent, kicker_descent = _metrics(kicker_text, fonts, False, kicker_size)
        kicker = _place(kicker_text, kicker_size, False, right, TOP + kicker_ascent, fonts)
        title_top = TOP + kicker_ascent + kicker_descent + GAP // 2
    title_bottom = rule[1] - GAP

    for size in TITLE_SIZES:
        lines = _wrap(card.title, width, fonts, size)
        height, ascent = _title_height(lines, fonts, size)
        if len(lines) <= TITLE_LINES and height <= title_bottom - title_top:
            break
    if cut := len(lines) > TITLE_LINES:  # at the smallest size
        lines = [*lines[: TITLE_LINES - 1], _with_ellipsis(lines[TITLE_LINES - 1], width, fonts, True, size)]
        height, ascent = _title_height(lines, fonts, size)
    # The title sits in the middle of the space it has.
    first = title_top + (title_bottom - title_top - height) / 2 + ascent
    pitch = round(size * TITLE_LEADING)
    title = tuple(
        _place(line, size, True, right, round(first + index * pitch), fonts) for index, line in enumerate(lines)
    )
    photo_box = (CARD_WIDTH - PHOTO_WIDTH, 0, CARD_WIDTH, CARD_HEIGHT) if card.photo else None
    return CardLayout(title, size, cut, kicker, foot, rule, photo_box)


@functools.lru_cache(maxsize=64)
def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


@functools.lru_cache(maxsize=8)
def _glyphs(path: Path) -> frozenset[int]:
    """The characters a font has glyphs for."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as opened:
        return frozenset(opened.getBestCmap())


@functools.cache
def _fribidi() -> ctypes.CDLL:
    """GNU FriBidi: raqm and the PDFs' Pango need it, so it is there wherever a site is built."""
    name = ctypes.util.find_library("fribidi")
    if name is None:
        raise CardError(
            "The link-preview cards need GNU FriBidi to set their text: install the system's fribidi "
            "library (Debian: apt-get install libfribidi0), then build again."
        )
    library = ctypes.CDLL(name)
    library.fribidi_log2vis.restype = ctypes.c_int8  # the highest level + 1, or 0 when it failed
    return library


@dataclass
class _Run:
    start: int  # text[start:end], in reading order
    end: int
    level: int  # the bidirectional algorithm's: odd reads right to left
    family: str

    @property
    def direction(self) -> str:
        return "rtl" if self.level % 2 else "ltr"


@functools.lru_cache(maxsize=4096)  # a title is measured many times while it is wrapped
def _reading_order(text: str, fonts: CardFonts) -> tuple[bool, tuple[_Run, ...]]:
    """Whether `text` reads right to left, and its runs of one level and font from left to right;
    right-to-left text is set in the Arabic font where it has the character."""
    length = len(text)
    levels = (ctypes.c_int8 * length)()
    places = (ctypes.c_int * length)()
    base = ctypes.c_uint32(0x40)  # FRIBIDI_PAR_ON: the direction of the first letter with one
    characters = (ctypes.c_uint32 * length)(*map(ord, text))
    if length and not _fribidi().fribidi_log2vis(characters, length, ctypes.byref(base), None, places, None, levels):
        raise CardError(f"GNU FriBidi could not set the text '{text}'")
    runs: list[_Run] = []
    for index, character in enumerate(text):
        family = ARABIC if levels[index] % 2 and ord(character) in _glyphs(fonts.path(ARABIC, True)) else SANS
        if runs and (runs[-1].level, runs[-1].family) == (levels[index], family):
            runs[-1].end = index + 1
        else:
            runs.append(_Run(index, index + 1, levels[index], family))
    # A run of one level is one stretch of the line (its marks may be moved inside it).
    return base.value & 1 == 1, tuple(sorted(runs, key=lambda run: min(places[run.start : run.end])))


def _width(text: str, fonts: CardFonts, bold: bool, size: int) -> float:
    return sum(_advance(text, run, fonts, bold, size) for run in _reading_order(text, fonts)[1])


def _advance(text: str, run: _Run, fonts: CardFonts, bold: bool, size: int) -> float:
    return font(fonts.path(run.family, bold), size).getlength(text[run.start : run.end], direction=run.direction)


def _wrap(text: str, width: float, fonts: CardFonts, size: int) -> list[str]:
    """The title in lines no wider than `width`, broken between words (inside one too wide)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _width(candidate, fonts, True, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while _width(line, fonts, True, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and _width(line[:cut], fonts, True, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    return [*lines, line] if line else lines


def _with_ellipsis(line: str, width: float, fonts: CardFonts, bold: bool, size: int) -> str:
    """`line` shortened a word (or a letter) at a time to end with an ellipsis within `width`."""
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
    return _with_ellipsis(text, width, fonts, bold, LINE_SIZES[-1]), LINE_SIZES[-1]


def _metrics(text: str, fonts: CardFonts, bold: bool, size: int) -> tuple[int, int]:
    families = {run.family for run in _reading_order(text, fonts)[1]} or {SANS}
    found = [font(fonts.path(family, bold), size).getmetrics() for family in families]
    return max(ascent for ascent, _ in found), max(descent for _, descent in found)


def _title_height(lines: Sequence[str], fonts: CardFonts, size: int) -> tuple[float, int]:
    """From its first line's ascent to its last's descent, and that ascent."""
    metrics = [_metrics(line, fonts, True, size) for line in lines]
    ascent, descent = max(ascent for ascent, _ in metrics), max(descent for _, descent in metrics)
    return ascent + (len(lines) - 1) * round(size * TITLE_LEADING) + descent, ascent


def _place(text: str, size: int, bold: bool, right: float, baseline: float, fonts: CardFonts) -> PlacedLine:
    """One line set between MARGIN and `right`, aligned to the side it starts reading from."""
    rtl, runs = _reading_order(text, fonts)
    widths = [_advance(text, run, fonts, bold, size) for run in runs]
    x = right - sum(widths) if rtl else MARGIN
    placed = []
    for run, width in zip(runs, widths, strict=True):
        part = text[run.start : run.end]
        if part.strip():  # a run of spaces only moves the next one along
            run_font = font(fonts.path(run.family, bold), size)
            ink = run_font.getbbox(part, anchor="ls", direction=run.direction)
            box = (x + ink[0], baseline + ink[1], x + ink[2], baseline + ink[3])
            placed.append(PlacedRun(part, run.family, run_font, run.direction, x, width, baseline, box))
        x += width
    return PlacedLine(text, tuple(placed))
