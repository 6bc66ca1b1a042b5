"""The programme's colours (extra.programme.colours) colour the whole site and the PDFs, not only
the link-preview cards: the stylesheets name no colour and no organisation, only the custom
properties showcase/colours.py writes into each page's and PDF's head, and every colour derived
from the settings keeps WCAG AA contrast with what it sits on, or the settings are refused."""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser

from browser import page_without_errors
from showcase.colours import DEFAULT_COLOURS, MIN_CONTRAST, NEUTRALS, Colours, contrast, contrast_problems
from showcase.identity import IdentityProblems, load_identity
from site_builds import ALL_PACK, MINIMAL_IDENTITY, REPO, Build, run_mkdocs_build

# The fixture's own colours (tests/fixture/mkdocs.yml): dark green text on cream.
CREAM, GREEN = "#fbf7ee", "#1f4a3d"
STYLESHEETS = sorted((REPO / "theme").rglob("*.css"))
WHERE = "extra.programme.colours"


def css_rgb(colour: str) -> str:
    """A "#rrggbb" colour as a browser's computed style writes it."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


# -- the stylesheets ------------------------------------------------------------------------------


def test_no_stylesheet_names_an_organisation_or_a_colour_of_its_own():
    assert STYLESHEETS, "theme/ has no stylesheet"
    for sheet in STYLESHEETS:
        text = sheet.read_text("utf-8")
        assert "nhs" not in text.lower(), sheet
        # Only black, for the browser's print of a page (ink on paper, whatever the programme).
        assert set(re.findall(r"#[0-9a-fA-F]{3,8}\b", text)) <= {"#000"}, sheet


def test_every_colour_a_stylesheet_uses_is_one_the_settings_write():
    written = set(DEFAULT_COLOURS.properties())
    for sheet in STYLESHEETS:
        used = set(re.findall(r"var\(--showcase-([a-z-]+)\)", sheet.read_text("utf-8")))
        assert used and used <= written, f"{sheet.name}: {sorted(used - written)}"


def test_the_head_sets_only_checked_colours():
    colours = load_identity(MINIMAL_IDENTITY | {"colours": {"background": "#005EB8", "text": "#ffffff"}}).colours
    assert colours.stylesheet.startswith(":root{--showcase-brand:#005eb8;--showcase-on-brand:#ffffff;")
    assert set(re.findall(r"--showcase-[a-z-]+:([^;]*);", colours.stylesheet)) <= {
        *NEUTRALS.values(),
        "#005eb8",
        "#ffffff",
        colours.accent_dark,
    }


# -- the colours derived from the settings --------------------------------------------------------


def test_links_and_figures_take_the_darker_of_the_two_colours_and_hover_is_darker_still():
    blue = Colours("#005eb8", "#ffffff")
    assert (blue.accent, blue.on_accent, blue.accent_dark) == ("#005eb8", "#ffffff", "#003f7b")
    cream = Colours(CREAM, GREEN)
    assert (cream.accent, cream.on_accent) == (GREEN, CREAM)
    assert contrast(cream.accent_dark, NEUTRALS["page"]) > contrast(GREEN, NEUTRALS["page"])
    assert Colours("#005eb8", "#ffffff", hover="#003087").accent_dark == "#003087"


def test_any_colours_that_pass_keep_every_derived_colour_readable_and_the_focus_visible():
    """Whatever a programme sets, what the checks let through keeps AA contrast everywhere:
    links and hovered links on the page and on its boxes, figures and tiles, and the focus
    yellow (or the black under it) against the header."""
    draw = random.Random(32)
    passed = 0
    for _ in range(3000):
        background, text = (f"#{draw.randrange(1 << 24):06x}" for _ in range(2))
        colours = Colours(background, text)
        if colours.contrast < MIN_CONTRAST or contrast_problems(colours, WHERE):
            continue
        passed += 1
        for behind in (NEUTRALS["page"], NEUTRALS["tint"]):
            assert contrast(colours.accent, behind) >= MIN_CONTRAST, colours
            assert contrast(colours.accent_dark, behind) >= MIN_CONTRAST, colours
        assert contrast(colours.on_accent, colours.accent) >= MIN_CONTRAST, colours
        assert contrast(colours.on_accent, colours.accent_dark) >= MIN_CONTRAST, colours
        focus = max(contrast(NEUTRALS["focus"], background), contrast(NEUTRALS["text"], background))
        assert focus >= 3, colours
    assert passed > 300


def test_links_too_faint_on_the_pages_boxes_are_refused_with_a_darker_colour_to_use():
    with pytest.raises(IdentityProblems) as raised:
        load_identity(MINIMAL_IDENTITY | {"colours": {"background": "#ffffff", "text": "#767676"}}, "mkdocs.yml")
    assert str(raised.value).splitlines() == [
        "mkdocs.yml: the programme's identity (extra.programme) has 1 problem. Fix it, then build again:",
        "  extra.programme.colours.text: links are #767676 on #f0f4f5, a contrast of 4.10:1, below the 4.5:1 "
        'text needs (WCAG 2.2 AA). Keep the other colours and make text darker, e.g. text: "#6a6a6a".',
    ]


def test_a_hover_colour_too_light_for_links_or_chosen_tiles_is_refused():
    with pytest.raises(IdentityProblems) as raised:
        load_identity(MINIMAL_IDENTITY | {"colours": {"background": "#005eb8", "text": "#ffffff", "hover": "#4A90D9"}})
    assert str(raised.value).splitlines()[1:] == [
        "  extra.programme.colours.hover: hovered links are #4a90d9 on #f0f4f5, a contrast of 3.01:1, below the "
        '4.5:1 text needs (WCAG 2.2 AA). Keep the other colours and make hover darker, e.g. hover: "#386ca3".',
        "  extra.programme.colours.hover: a chosen map tile's text is #ffffff on #4a90d9, a contrast of 3.34:1, "
        'below the 4.5:1 text needs (WCAG 2.2 AA). Keep the other colours and make hover darker, e.g. hover: "#3b73ae".',
    ]
    with pytest.raises(IdentityProblems, match=r"colours.hover is 'navy'; it must be a colour written as #"):
        load_identity(MINIMAL_IDENTITY | {"colours": {"background": "#005eb8", "text": "#ffffff", "hover": "navy"}})


# -- a built site and its PDFs --------------------------------------------------------------------


def test_the_fixtures_colours_are_the_headers_and_the_links_in_a_browser(browser: Browser, site_url: str):
    with page_without_errors(browser, 1280, 800) as page:
        page.goto(site_url)
        header = page.evaluate(
            "() => { const s = getComputedStyle(document.querySelector('.md-header')); return [s.backgroundColor, s.color]; }"
        )
        assert header == [css_rgb(CREAM), css_rgb(GREEN)]
        tabs = page.evaluate("() => getComputedStyle(document.querySelector('.md-tabs__link')).color")
        assert tabs == css_rgb(GREEN)
        link = page.evaluate("() => getComputedStyle(document.querySelector('.md-content a[href]')).color")
        assert link == css_rgb(GREEN)
        hovered = page.locator(".md-content a[href]").first
        hovered.hover()
        page.wait_for_timeout(500)  # material's colour transition
        assert hovered.evaluate("e => getComputedStyle(e).color") == css_rgb(Colours(CREAM, GREEN).accent_dark)


def test_the_fixtures_colours_fill_the_pdf_cover(fixture_site: Build, tmp_path: Path):
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "20",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            str(fixture_site.site / ALL_PACK),
            str(tmp_path / "cover"),
        ],
        check=True,
    )
    (cover,) = tmp_path.glob("cover*.png")
    image = Image.open(cover).convert("RGB")
    assert image.getpixel((2, 2)) == tuple(int(CREAM[i : i + 2], 16) for i in (1, 3, 5))
    green = tuple(int(GREEN[i : i + 2], 16) for i in (1, 3, 5))
    assert any(colour == green for _, colour in image.getcolors(image.width * image.height) or [])


@pytest.mark.build
def test_a_build_with_colours_too_faint_to_read_stops_naming_the_setting(fixture_copy: Path):
    settings = fixture_copy / "mkdocs.yml"
    text = settings.read_text("utf-8")
    faint = f'colours: {{background: "{CREAM}", text: "#999999"}}'
    settings.write_text(re.sub(r"colours: \{[^}]*\}", faint, text), "utf-8")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode != 0
    assert "The showcase content has 1 problem." in build.output
    line = text.split("\n").index(next(line for line in text.split("\n") if line.startswith("    colours:"))) + 1
    assert (
        f"mkdocs.yml:{line}: extra.programme.colours: text #999999 on background #fbf7ee has a contrast of 2.66:1, too low to read"
        in build.output
    ), build.output
