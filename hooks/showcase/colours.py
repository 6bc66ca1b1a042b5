"""The site's and the PDFs' colours: the programme's own (extra.programme.colours, read by
identity.py), every colour derived from them, and the kit's neutrals.

The stylesheets name no colour: they use the custom properties `Colours.stylesheet` writes into
each web page's and PDF's head. So a programme changes its colours in its settings alone, and
every colour that sits on another is checked here for WCAG 2.2 AA contrast before any page is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEX_COLOUR = re.compile(r"#[0-9a-f]{6}")
MIN_CONTRAST = 4.5  # WCAG 2.2 AA for text (1.4.3): header, links, cards, figures
# The kit's neutrals, the same for every programme: text, page, boxes, rules, focus. None is a
# programme's brand. Footer: white on the text colour. Focus: black text on yellow with a black
# underline; any header colour is at least 3.4:1 from the one or the other (WCAG 1.4.11), so a
# programme's colours cannot hide it and need no check.
NEUTRALS = {
    "text": "#212b32",
    "text-secondary": "#425563",
    "page": "#ffffff",
    "tint": "#f0f4f5",  # a box on the page (an aim, facts, a notice): links and borders sit on it too
    "panel": "#e8edee",  # a PDF's box apart from the text, e.g. "About" in a pack's contents
    "rule": "#d8dde0",
    "rule-strong": "#aeb7bd",
    "focus": "#ffeb3b",
}
# How much darker than the links a hovered link and a chosen map tile are, when `hover` is not set.
HOVER_DARKER = 1 / 3


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue of a "#rrggbb" colour: "#005eb8" is (0, 94, 184)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """WCAG's relative luminance, from 0 (black) to 1 (white)."""
    red, green, blue = (
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (value / 255 for value in rgb(colour))
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class Colours:
    """The programme's colours, as "#rrggbb": the site's header, the PDFs' covers and the
    link-preview cards are `text` on `background`; `hover`, if set, is a hovered link's colour
    and a chosen map tile's."""

    background: str
    text: str
    hover: str = ""

    @property
    def contrast(self) -> float:
        return contrast(self.background, self.text)

    @property
    def accent(self) -> str:
        """The colour of links, borders, bars and filled tiles on the page: the one of the two
        that stands out from it more (the background, for white text on a dark header)."""
        return max((self.background, self.text), key=lambda colour: contrast(colour, NEUTRALS["page"]))

    @property
    def on_accent(self) -> str:
        """The text on the accent (a headline figure, a filled tile): the other of the two."""
        return self.text if self.accent == self.background else self.background

    @property
    def accent_dark(self) -> str:
        """A hovered link's colour and a chosen tile's: `hover`, or the accent made darker."""
        return self.hover or _darkened(self.accent, HOVER_DARKER)

    def properties(self) -> dict[str, str]:
        """Every colour the stylesheets use, by its custom property's name (without --showcase-)."""
        return {
            "brand": self.background,
            "on-brand": self.text,
            "accent": self.accent,
            "on-accent": self.on_accent,
            "accent-dark": self.accent_dark,
        } | NEUTRALS

    @property
    def stylesheet(self) -> str:
        """`:root{--showcase-brand:#005eb8;…}`: only checked "#rrggbb" values, so no escaping."""
        values = self.properties()
        assert all(HEX_COLOUR.fullmatch(value) for value in values.values()), values
        return ":root{" + "".join(f"--showcase-{name}:{value};" for name, value in values.items()) + "}"

    def pairs(self) -> tuple[tuple[str, str, str, str], ...]:
        """Each derived colour that sits on another, as (what it is, its colour, what is behind it,
        the setting that makes it). Text needs 4.5:1; a border, bar or tile in a text colour then
        stands out more than 3:1. Checked on the boxes' pale grey only: the accent and the hover
        colour are always darker than it (else they fail anyway), so the white page is easier."""
        tint = NEUTRALS["tint"]
        accent_field = "background" if self.accent == self.background else "text"
        return (
            ("links are", self.accent, tint, accent_field),
            ("hovered links are", self.accent_dark, tint, "hover"),
            ("a chosen map tile's text is", self.on_accent, self.accent_dark, "hover"),
        )


# The kit's own colours, for a programme that sets none: white on a neutral charcoal (contrast
# 14.2:1), no programme's brand.
DEFAULT_COLOURS = Colours(background="#2b2b2b", text="#ffffff")


def contrast_problems(colours: Colours, where: str) -> list[str]:
    """Each colour that would be too faint on what it sits on, with a fix that keeps the others."""
    if colours.contrast < MIN_CONTRAST:
        return [
            f"{where}: text {colours.text} on background {colours.background} has a contrast of "
            f"{_shown(colours.contrast)}:1, too low to read; the site's header, the PDFs' covers and the "
            f"link-preview cards need at least {MIN_CONTRAST}:1 (WCAG 2.2 AA). Make one of them darker or the "
            "other lighter, e.g. white text on a dark background."
        ]
    problems = []
    for what, colour, behind, field in colours.pairs():
        # Unset, the hover colour is the accent made darker: it passes whenever the links do.
        if field == "hover" and not colours.hover:
            continue
        if (ratio := contrast(colour, behind)) < MIN_CONTRAST:
            # The colour to make darker is the setting's: a tile's text is on the hover colour.
            setting = colours.hover if field == "hover" else colour
            other = colour if setting != colour else behind
            problems.append(
                f"{where}.{field}: {what} {colour} on {behind}, a contrast of {_shown(ratio)}:1, below the "
                f"{MIN_CONTRAST}:1 text needs (WCAG 2.2 AA). Keep the other colours and make {field} darker, "
                f'e.g. {field}: "{_darker(setting, other)}".'
            )
    return problems


def _shown(ratio: float) -> str:
    return f"{int(ratio * 100) / 100:.2f}"  # never rounded up to the minimum


def _darker(colour: str, other: str) -> str:
    """`colour` made darker, a twentieth at a time, until it reads with `other`."""
    candidates = (_darkened(colour, step / 20) for step in range(1, 21))
    return next((candidate for candidate in candidates if contrast(candidate, other) >= MIN_CONTRAST), "#000000")


def _darkened(colour: str, by: float) -> str:
    return "#" + "".join(f"{round(value * (1 - by)):02x}" for value in rgb(colour))
