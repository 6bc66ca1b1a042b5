"""Forced colours (Windows High Contrast) in chromium: the charts, tiles and focus rings stay
readable, measured by the contrast of the pixels chromium draws, not judged by eye.

Playwright's `forced_colors="active"` makes chromium really force its colours (text, borders,
backgrounds), not only match the media query; `color_scheme` picks its dark palette (white text
on black, like Windows' "Night sky") or its light one (black on white). Chromium does not force
SVG `fill` and `stroke`, so a chart keeps the author's colours unless showcase.css gives it
system colours; and it forces every background to the page's, so a filled tile and an empty one
look the same unless showcase.css says otherwise.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from typing import Literal

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from finder_pages import open_finder
from showcase.wording.glance import TILE
from site_builds import NAMES

SCALE = 2  # device pixels per CSS pixel: thin strokes are drawn in full colour somewhere
TEXT, GRAPHIC = 4.5, 3.0  # WCAG 1.4.3 for text, 1.4.11 for bars, tiles and focus rings

RGB = tuple[int, int, int]


def luminance(colour: RGB) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def pixels(image: Image.Image) -> list[RGB]:
    data = image.convert("RGB").tobytes()
    return list(zip(data[0::3], data[1::3], data[2::3], strict=True))


def contrast(a: RGB, b: RGB) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class Shot:
    """A full-page screenshot, read in CSS pixels of the page."""

    def __init__(self, page: Page):
        self.image = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")

    def at(self, x: float, y: float) -> RGB:
        pixel = self.image.getpixel((round(x * SCALE), round(y * SCALE)))
        assert isinstance(pixel, tuple) and len(pixel) == 3  # the image is RGB
        return (pixel[0], pixel[1], pixel[2])

    def region(self, box: dict) -> Image.Image:
        left, top = box["x"] * SCALE, box["y"] * SCALE
        return self.image.crop(
            (round(left), round(top), round(left + box["width"] * SCALE), round(top + box["height"] * SCALE))
        )

    def text_contrast(self, box: dict) -> tuple[float, RGB, RGB]:
        """The contrast of text with what is behind it: the commonest colour in its box is the
        background, the colour furthest from it is the ink (glyph stems drawn at full colour)."""
        colours = pixels(self.region(box))
        background = Counter(colours).most_common(1)[0][0]
        ink = max(set(colours), key=lambda pixel: contrast(pixel, background))
        return contrast(ink, background), ink, background

    def edge_contrast(self, box: dict, outside: float, inside: float = 3) -> float:
        """How far a shape's left edge (border, stroke or fill) stands out from the page, `outside`
        px to its left: the best contrast from there to `inside` px within it, at mid-height."""
        y = box["y"] + box["height"] / 2
        page = self.at(box["x"] - outside, y)
        return max(
            contrast(page, self.at(box["x"] + step / SCALE, y))
            for step in range(round(-outside * SCALE) + 1, round(inside * SCALE))
        )


def boxes(page: Page, selector: str) -> list[dict]:
    """Each element's box in page coordinates, its text and its computed fill and colour."""
    return page.locator(selector).evaluate_all("""elements => elements.map(element => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return {x: box.x + scrollX, y: box.y + scrollY, width: box.width, height: box.height,
                text: (element.closest('.sc-tile') || element).textContent.trim().replace(/\\s+/g, ' '), fill: style.fill, colour: style.color,
                empty: !!element.closest('.sc-tile--empty, .sc-map__tile--empty')};
    })""")


Palette = Literal["dark", "light"]  # the color_scheme Playwright emulates


@pytest.fixture(params=["dark", "light"])
def palette(request: pytest.FixtureRequest) -> Palette:
    return request.param


@pytest.fixture(params=[1280, 320])
def width(request: pytest.FixtureRequest) -> int:
    return request.param


@pytest.fixture
def page(browser: Browser, palette: Palette, width: int) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        device_scale_factor=SCALE,
        forced_colors="active",
        color_scheme=palette,
    )
    page = context.new_page()
    yield page
    context.close()


def forced(page: Page) -> None:
    # The emulation must really force colours: a paragraph's author colour gives way to the palette.
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    assert (
        page.evaluate("""() => { const p = document.createElement('p'); p.style.color = '#ff0000';
        document.body.append(p); const colour = getComputedStyle(p).color; p.remove(); return colour; }""")
        != "rgb(255, 0, 0)"
    )


def open_finder_to_measure(page: Page, site_url: str, query: str = "") -> None:
    """The finder opened, every card drawn and the map unfolded, its colours forced."""
    open_finder(page, site_url, query)
    # Cards off screen take an estimated height (content-visibility: auto) until drawn: the
    # page below them would move between a control's measuring and its screenshot.
    page.add_style_tag(content="ul[data-finder-list] > li { content-visibility: visible !important; }")
    page.locator("details.sc-map").evaluate("map => map.open = true")  # folded under the results' heading
    forced(page)


def text_problems(shot: Shot, items: list[dict]) -> list[str]:
    problems = []
    for item in items:
        ratio, ink, background = shot.text_contrast(item)
        if ratio < TEXT:
            problems.append(
                f"{item['text']!r}: {ratio:.2f}:1 (ink {ink} on {background}; computed fill {item['fill']}, colour {item['colour']})"
            )
    return problems


def test_chart_labels_and_numbers_can_be_read_in_forced_colours(page: Page, site_url: str):
    page.goto(site_url)
    forced(page)
    texts = boxes(page, ".sc-chart svg text")
    # A label and a number per bar (4 themes; 3 ICBs and 'Area not published') and per tile (9 areas).
    assert len(texts) == 2 * (4 + 3 + 1) + 2 * 9
    assert text_problems(Shot(page), texts) == []


def test_chart_bars_and_tiles_stand_out_and_filled_tiles_differ_from_empty_ones(page: Page, site_url: str):
    page.goto(site_url)
    forced(page)
    shot = Shot(page)
    problems = []
    for bar in boxes(page, ".sc-chart__bar"):
        # Beside the bar's end, before its number: the page.
        ratio = contrast(
            shot.at(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2),
            shot.at(bar["x"] + bar["width"] + 3, bar["y"] + bar["height"] / 2),
        )
        if ratio < GRAPHIC:
            problems.append(f"bar {bar['width']:.0f} px wide: {ratio:.2f}:1 against the page (fill {bar['fill']})")
    tiles = boxes(page, ".sc-tile rect")  # 40 wide, TILE apart (theme/partials/showcase/glance.html)
    problems += tile_problems(shot, tiles, "tile", gap=tiles[0]["width"] * (TILE - 40) / 40)
    assert problems == []


def tile_problems(shot: Shot, tiles: list[dict], kind: str, gap: float) -> list[str]:
    """Every tile's edge stands out from the page (the middle of the `gap` between tiles), and
    a filled tile's inside from an empty one's."""
    problems = []
    for tile in tiles:
        ratio = shot.edge_contrast(tile, outside=gap / 2)
        if ratio < GRAPHIC:
            problems.append(f"{kind} {tile['text']!r}: its edge {ratio:.2f}:1 against the page")

    def inside(tile: dict) -> RGB:  # within the edge, above the text
        return shot.at(tile["x"] + 0.15 * tile["width"], tile["y"] + 0.15 * tile["height"])

    filled = {inside(tile) for tile in tiles if not tile["empty"]}
    empty = {inside(tile) for tile in tiles if tile["empty"]}
    assert filled and empty, f"the page shows no {kind} of one kind: the fixture changed"
    for a in filled:
        for b in empty:
            if (ratio := contrast(a, b)) < GRAPHIC:
                problems.append(f"a filled {kind} ({a}) and an empty one ({b}): {ratio:.2f}:1")
    return problems


def test_the_finders_map_tiles_can_be_read_and_filled_ones_differ_from_empty_ones(page: Page, site_url: str):
    open_finder_to_measure(page, site_url)
    page.locator(f".sc-map__tile[data-{NAMES.area}=gullhaven]").dispatch_event("click")  # one pressed tile too
    expect(page.locator(f".sc-map__tile[data-{NAMES.area}=gullhaven]")).to_have_attribute("aria-pressed", "true")
    page.mouse.move(0, 0)
    shot = Shot(page)
    texts = boxes(page, ".sc-map__label, .sc-map__count")
    assert len(texts) == 2 * 9  # a label and a number on each area's tile
    problems = text_problems(shot, texts)
    problems += tile_problems(shot, boxes(page, ".sc-map__tile:not([aria-pressed=true])"), "map tile", gap=4)
    assert problems == []


FOCUSABLE = {
    "": [".sc-chart__table > summary", ".md-content a[href]"],
    # An area with no projects is a plain tile, not a control: no focus to show.
    "projects/": [
        ".sc-map__tile:not(.sc-map__tile--empty)",
        "details.sc-map > summary",
        "[data-finder-tags] button",
        "#finder-q",
        "#finder-theme-access",
        "[data-finder-panel] > summary",
        "#finder-sort",
        "[data-finder-csv]",
    ],
    # The place indexes, a place's page and the page for a missing address (issue 31's walk).
    f"{NAMES.areas}/": [".sc-breadcrumbs a", ".sc-place-index a"],
    f"{NAMES.groups}/": [".sc-card__title a", ".sc-place-index a", ".sc-source a"],
    f"{NAMES.areas}/st-faras-and-linton/": [".sc-breadcrumbs a", ".sc-card__title a"],
    f"{NAMES.groups}/fc/": [".sc-breadcrumbs a", ".sc-card__title a"],
    "404.html": [".md-content li a"],
}


@pytest.mark.parametrize("path", list(FOCUSABLE))
def test_focus_rings_stand_out_in_forced_colours(page: Page, site_url: str, path: str):
    """WCAG 2.4.13's measure: the pixels that change when a control takes focus change by at
    least 3:1, over an area at least a 2 px line around the control."""
    if path == "projects/":
        open_finder_to_measure(page, site_url, "?theme=access")  # a chosen filter has a tag to focus
    else:
        page.goto(site_url + path)
        forced(page)
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies to what follows
    problems = []
    for selector in FOCUSABLE[path]:
        control = page.locator(selector).first
        # In the middle of the screen, at once (not smoothly): the box measured is where it is drawn.
        control.evaluate("""element => { const panel = element.closest('details'); if (panel) panel.open = true;
            element.scrollIntoView({block: 'center', behavior: 'instant'}); element.focus({preventScroll: true}); }""")
        assert control.evaluate("element => element.matches(':focus-visible')"), selector
        box = control.evaluate("""element => { const box = element.getBoundingClientRect();
            return {x: box.x - 10, y: box.y - 10, width: box.width + 20, height: box.height + 20, w: box.width, h: box.height}; }""")
        focused = page.screenshot(clip=box)
        control.evaluate("element => element.blur()")
        unfocused = page.screenshot(clip=box)
        before, after = (pixels(Image.open(io.BytesIO(shot))) for shot in (unfocused, focused))
        changed = sum(1 for a, b in zip(before, after, strict=True) if a != b and contrast(a, b) >= GRAPHIC) / SCALE**2
        needed = 2 * 2 * (box["w"] + box["h"])
        if changed < needed:
            problems.append(f"{selector}: {changed:.0f} px change by 3:1 or more on focus, fewer than {needed:.0f}")
    assert problems == []
