"""Link-preview cards: every page's og:image, a 1200 x 630 image drawn at build time from the
committed fonts in the programme's colours (a JPEG with a photo, else a PNG), under the size a
chat app still shows, reproducible byte for byte and cached.

A card's text is hard to read back from its pixels, so the drawing's layout decisions (the lines
a title is wrapped into, the size chosen, where each run of text falls) are tested on the
domain's functions, and the built site is tested for what a chat or social network fetches.
"""

from __future__ import annotations

import html
import io
import os
import random
import re
import shutil
from pathlib import Path, PurePosixPath

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageOps, ImageStat
from PIL.JpegImagePlugin import JpegImageFile

import showcase.pictures.preview_cards as preview_cards
from photos import assert_no_metadata
from showcase.colours import DEFAULT_COLOURS, MIN_CONTRAST, Colours, rgb
from showcase.identity import IdentityProblems, load_identity
from showcase.model import Picture, Programme
from showcase.pictures import card_layout
from showcase.pictures.card_layout import (
    CARD_HEIGHT,
    CARD_WIDTH,
    MARGIN,
    PHOTO_WIDTH,
    TITLE_LINES,
    TITLE_SIZES,
    CardFonts,
    CardLayout,
    CardText,
    lay_out_card,
)
from showcase.pictures.copies import PictureCopies
from showcase.pictures.copy_making import PictureCopy
from showcase.pictures.picture_files import JPEG, SVG
from showcase.pictures.preview_cards import (
    CARD_BYTES_BUDGET,
    card_key,
    card_media_type,
    card_photo,
    draw_card,
    make_cards,
    project_kicker,
)
from site_builds import FIXTURE, MINIMAL_IDENTITY, REPO, Build, copy_fixture, mkdocs_build
from site_checks import html_checker_errors, is_redirect

FONTS = CardFonts(REPO / "theme" / "print" / "fonts")
COLOURS = Colours(background="#fbf7ee", text="#1f4a3d")  # the fixture's, tests/fixture/mkdocs.yml
PROGRAMME = "Fernshire Community Connectors Programme"
SITE_URL = "https://showcase.example.org/fernshire/"
LONG_TITLE = (
    "Connecting people in outlying villages, market towns and the islands off the Fernshire coast "
    "to link workers, lunch clubs and walking groups through a mobile advice bus that visits every fortnight"
)
ARABIC_TITLE = "حلقة النور للعافية: وجدنا مكاناً نتحدث فيه بلغتنا عن صحتنا وعن عائلاتنا وعن حياتنا في دنمير"
POLISH_TITLE = "Świetlica „Łącznik”: źdźbło, żółć i gęślą jaźń"
WALKS = CardText("Harbour Walks", PROGRAMME, "Gullhaven · Reaching people who miss out")
WALKS_PHOTO = FIXTURE / "content" / "images" / "harbour-walks.jpg"  # 1600 x 1200, drawn with Pillow
TEXT_RIGHT_BESIDE_PHOTO = CARD_WIDTH - PHOTO_WIDTH - MARGIN  # the text column's right edge


def identity_with(colours: object) -> dict:
    return MINIMAL_IDENTITY | {"name": PROGRAMME, "colours": colours}


def inside_canvas(layout: CardLayout) -> bool:
    return all(
        0 <= left and 0 <= top and right <= CARD_WIDTH and bottom <= CARD_HEIGHT
        for left, top, right, bottom in layout.boxes
    )


def ink_box(png: bytes, colours: Colours = COLOURS) -> tuple[int, int, int, int]:
    """Where anything but the background was drawn on a card."""
    card = Image.open(io.BytesIO(png)).convert("RGB")
    box = ImageChops.difference(card, Image.new("RGB", card.size, colours.background)).getbbox()
    assert box is not None, "an empty card"
    return box


def photo_area(png: bytes) -> Image.Image:
    """The right-hand part of a card a photo fills, in RGB."""
    card = Image.open(io.BytesIO(png)).convert("RGB")
    return card.crop((CARD_WIDTH - PHOTO_WIDTH, 0, CARD_WIDTH, CARD_HEIGHT))


def covering(photo: Path) -> Image.Image:
    """A photo as it should fill the photo area: scaled to cover it, cropped about its centre."""
    with Image.open(photo) as opened:
        return ImageOps.fit(opened.convert("RGB"), (PHOTO_WIDTH, CARD_HEIGHT), method=Image.Resampling.LANCZOS)


def same_picture(shown: Image.Image, expected: Image.Image, tolerance: float = 4) -> bool:
    """Whether two pictures agree in their mean colour and, on a coarse grid, in where their
    colours are (a photo shifted, squeezed or cropped elsewhere fails the grid)."""
    means = zip(ImageStat.Stat(shown).mean, ImageStat.Stat(expected).mean, strict=True)
    if any(abs(a - b) > tolerance for a, b in means):
        return False
    grid = (PHOTO_WIDTH // 40, CARD_HEIGHT // 40)
    cells = ImageChops.difference(shown.resize(grid, Image.Resampling.BOX), expected.resize(grid, Image.Resampling.BOX))
    return max(ImageStat.Stat(cells).mean) <= tolerance


def blends_of_the_two_colours(png: bytes, colours: Colours = COLOURS) -> bool:
    """Whether every pixel of a card is the background, the text colour or a blend of them (an
    anti-aliased edge): nothing of any other colour, such as a photo, is on it."""
    background, text = rgb(colours.background), rgb(colours.text)
    card = Image.open(io.BytesIO(png)).convert("RGB")
    for _, colour in card.getcolors(CARD_WIDTH * CARD_HEIGHT) or []:
        assert isinstance(colour, tuple)  # an RGB image's colours are (red, green, blue)
        level = (colour[0] - background[0]) / (text[0] - background[0])
        blend = [b + (t - b) * level for b, t in zip(background, text, strict=True)]
        if any(abs(c - e) > 1.5 for c, e in zip(colour, blend, strict=True)):
            return False
    return True


def near(colour: object, expected: tuple[int, int, int], tolerance: int = 6) -> bool:
    """Whether a pixel of a JPEG is the colour drawn, within what its compression changes."""
    assert isinstance(colour, tuple)
    return all(abs(c - e) <= tolerance for c, e in zip(colour, expected, strict=True))


def jpeg_markers(jpeg: bytes) -> list[int]:
    """The markers of a JPEG's segments, in order, up to its scan (0xDA): APP0 is 0xE0, APP1
    (EXIF) 0xE1, a comment 0xFE, a baseline frame 0xC0, a progressive one 0xC2."""
    assert jpeg[:2] == b"\xff\xd8"
    markers, offset = [], 2  # after the start of the image
    while True:
        assert jpeg[offset] == 0xFF
        markers.append(jpeg[offset + 1])
        if markers[-1] == 0xDA:
            return markers
        offset += 2 + int.from_bytes(jpeg[offset + 2 : offset + 4], "big")


def noisy_photo(path: Path, seed: int = 19) -> Path:
    """A photo as hard to compress as a phone's: 1800 x 1350 (a print copy's size), gradients,
    shapes of many colours and grain at every pixel, saved as a JPEG at quality 85."""
    size = (1800, 1350)
    rng = random.Random(seed)
    photo = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize(size),
            Image.radial_gradient("L").resize(size),
            Image.linear_gradient("L").rotate(90).resize(size),
        ),
    )
    draw = ImageDraw.Draw(photo)
    for _ in range(80):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        box = (x, y, x + rng.randrange(30, 500), y + rng.randrange(30, 400))
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    grain = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    Image.blend(photo, grain, 0.3).save(path, quality=85)
    return path


def png_chunks(png: bytes) -> list[bytes]:
    """The types of a PNG's chunks, in order."""
    chunks, offset = [], 8  # after the signature
    while offset < len(png):
        length = int.from_bytes(png[offset : offset + 4], "big")
        chunks.append(png[offset + 4 : offset + 8])
        offset += 12 + length  # length, type, data, CRC
    return chunks


# -- layout ---------------------------------------------------------------------------------------


def test_a_short_title_is_set_on_one_line_at_the_largest_size():
    layout = lay_out_card(WALKS, FONTS)
    assert layout.title_lines == ("Harbour Walks",)
    assert layout.title_size == TITLE_SIZES[0]
    assert layout.kicker is not None and layout.kicker.text == "Gullhaven · Reaching people who miss out"
    assert layout.foot.text == PROGRAMME


def test_a_title_too_wide_for_one_line_is_wrapped_between_words():
    layout = lay_out_card(CardText("Brackenford Men’s Sheds and Repair Cafés", PROGRAMME), FONTS)
    assert layout.title_lines == ("Brackenford Men’s", "Sheds and Repair Cafés")
    assert layout.title_size == TITLE_SIZES[0]
    assert not layout.title_cut


def test_a_long_title_is_shrunk_to_fit_three_lines():
    title = "Link workers, lunch clubs and walking groups for people in the villages of the Fernshire coast"
    layout = lay_out_card(CardText(title, PROGRAMME), FONTS)
    assert TITLE_SIZES[-1] < layout.title_size < TITLE_SIZES[0]
    assert len(layout.title_lines) == TITLE_LINES
    assert " ".join(layout.title_lines) == title  # every word, none cut
    assert not layout.title_cut


def test_a_very_long_title_is_cut_after_three_lines_with_an_ellipsis_inside_the_card():
    layout = lay_out_card(
        CardText(LONG_TITLE, PROGRAMME, "Harrowmouth, Coldharbour, St Fara’s & Linton · Reaching people who miss out"),
        FONTS,
    )
    assert layout.title_size == TITLE_SIZES[-1]
    assert len(layout.title_lines) == TITLE_LINES and layout.title_cut
    assert layout.title_lines[-1].endswith("…")
    assert LONG_TITLE.startswith(" ".join(layout.title_lines)[:-1])
    assert inside_canvas(layout)
    for line in layout.title:
        assert all(MARGIN - 10 <= run.box[0] and run.box[2] <= CARD_WIDTH - MARGIN for run in line.runs), line.text


def test_a_kicker_or_foot_too_long_for_one_line_is_shrunk_then_cut():
    areas = ", ".join(["Ashby Vale", "Brackenford", "Coldharbour", "Dunmere", "Elmstead upon Wye", "Gullhaven"])
    layout = lay_out_card(CardText("Zest", PROGRAMME * 2, f"{areas} · Link workers who stay"), FONTS)
    assert layout.kicker is not None and layout.kicker.text.endswith("…") and layout.foot.text.endswith("…")
    assert inside_canvas(layout)


def test_an_arabic_title_is_set_right_to_left_in_the_arabic_font_and_fits():
    layout = lay_out_card(CardText(ARABIC_TITLE, PROGRAMME, "Dunmere · Reaching people who miss out"), FONTS)
    assert 1 < len(layout.title_lines) <= TITLE_LINES
    assert " ".join(layout.title_lines) == ARABIC_TITLE
    runs = [run for line in layout.title for run in line.runs]
    assert {(run.family, run.direction) for run in runs} == {("arabic", "rtl")}
    # One run a line: a mark (the tanwin of مكاناً) stays on its letter, shaped with it.
    assert all(len(line.runs) == 1 for line in layout.title)
    # Right-aligned: each line ends at the right margin, whatever its length.
    assert {round(line.runs[-1].x + line.runs[-1].width) for line in layout.title} == {CARD_WIDTH - MARGIN}
    assert inside_canvas(layout)


def test_latin_words_in_an_arabic_title_keep_their_own_order_and_font():
    layout = lay_out_card(CardText("حلقة النور – Al-Noor Circle", PROGRAMME), FONTS)
    (line,) = layout.title
    # Left to right as the eye meets them: the Latin words (as written), then the Arabic.
    assert [(run.text.strip(), run.family) for run in line.runs] == [
        ("Al-Noor Circle", "sans"),
        ("–", "sans"),
        ("حلقة النور", "arabic"),
    ]
    assert [run.x for run in line.runs] == sorted(run.x for run in line.runs)


def test_a_polish_title_is_set_in_noto_sans_with_its_letters():
    layout = lay_out_card(CardText(POLISH_TITLE, PROGRAMME), FONTS)
    assert " ".join(layout.title_lines) == POLISH_TITLE
    assert {run.family for line in layout.title for run in line.runs} == {"sans"}
    assert len(layout.title_lines) <= TITLE_LINES and inside_canvas(layout)


@pytest.mark.parametrize("title", [LONG_TITLE, ARABIC_TITLE, POLISH_TITLE, "Harbour Walks", "W" * 80])
def test_nothing_is_drawn_beyond_the_cards_margins(title: str):
    png = draw_card(CardText(title, PROGRAMME, "Gullhaven, Harrowmouth · Showing what changed"), COLOURS, FONTS)
    left, top, right, bottom = ink_box(png)
    assert left >= MARGIN - 10 and right <= CARD_WIDTH - MARGIN + 10 and top >= 40 and bottom <= CARD_HEIGHT - 40


def test_a_card_with_a_photo_keeps_its_text_beside_the_photo(tmp_path: Path):
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (900, 900), (200, 30, 40)).save(photo)
    card = CardText(LONG_TITLE, PROGRAMME, "Gullhaven · Reaching people who miss out", photo=photo)
    layout = lay_out_card(card, FONTS)
    assert layout.photo_box == (CARD_WIDTH - PHOTO_WIDTH, 0, CARD_WIDTH, CARD_HEIGHT)
    assert max(box[2] for box in layout.boxes) <= CARD_WIDTH - PHOTO_WIDTH - MARGIN + 2
    image = Image.open(io.BytesIO(draw_card(card, COLOURS, FONTS))).convert("RGB")
    assert image.size == (CARD_WIDTH, CARD_HEIGHT)
    red, green, blue = image.getpixel((CARD_WIDTH - 20, CARD_HEIGHT // 2))  # type: ignore[misc]  # an RGB pixel
    assert abs(red - 200) < 8 and green < 45 and blue < 55


def test_every_fixture_title_fits_three_lines_beside_a_photo_at_the_largest_size(fixture_programme: Programme):
    cards = [CardText(p.name, PROGRAMME, project_kicker(p), WALKS_PHOTO) for p in fixture_programme.projects]
    cards += [CardText(cohort.title, PROGRAMME, photo=WALKS_PHOTO) for cohort in fixture_programme.cohorts]
    for card in cards:
        layout = lay_out_card(card, FONTS)
        assert len(layout.title_lines) <= TITLE_LINES and not layout.title_cut, card.title
        assert " ".join(layout.title_lines) == card.title
        assert max(box[2] for box in layout.boxes) <= TEXT_RIGHT_BESIDE_PHOTO + 2, card.title
        assert inside_canvas(layout)


@pytest.mark.parametrize(
    ("title", "cut"), [("حلقة النور للعافية: مكان نتحدث فيه بلغتنا عن صحتنا", False), (ARABIC_TITLE, True)]
)
def test_an_arabic_title_beside_a_photo_is_right_aligned_at_the_text_columns_edge(title: str, cut: bool):
    layout = lay_out_card(CardText(title, PROGRAMME, "Dunmere · Reaching people who miss out", WALKS_PHOTO), FONTS)
    assert 1 < len(layout.title_lines) <= TITLE_LINES and layout.title_cut is cut
    runs = [run for line in layout.title for run in line.runs]
    assert {(run.family, run.direction) for run in runs if run.text != "…"} == {("arabic", "rtl")}
    # Right-aligned: each line's rightmost run (where it starts) ends at the text column's edge.
    assert {round(line.runs[-1].x + line.runs[-1].width) for line in layout.title} == {TEXT_RIGHT_BESIDE_PHOTO}
    if cut:  # the ellipsis ends the last line: at its left, where right-to-left text ends
        assert layout.title_lines[-1].endswith("…") and layout.title[-1].runs[0].text == "…"
    assert inside_canvas(layout)


def test_a_photo_covers_its_area_cropped_about_its_centre(tmp_path: Path):
    # A landscape photo: its middle fills the area; a portrait one: scaled to the area's width.
    landscape, portrait = tmp_path / "landscape.jpg", tmp_path / "portrait.png"
    Image.open(WALKS_PHOTO).save(landscape, quality=95)
    Image.open(WALKS_PHOTO).rotate(90, expand=True).save(portrait)
    for photo in (landscape, portrait):
        png = draw_card(CardText("Harbour Walks", PROGRAMME, photo=photo), COLOURS, FONTS)
        assert same_picture(photo_area(png), covering(photo)), photo.name


def test_a_transparent_photo_is_shown_over_the_cards_background(tmp_path: Path):
    photo = tmp_path / "cut-out.png"
    cut_out = Image.new("RGBA", (1200, 1200), (0, 0, 0, 0))
    cut_out.paste((200, 30, 40, 255), (0, 600, 1200, 1200))  # the lower half red, the upper clear
    cut_out.save(photo)
    area = photo_area(draw_card(CardText("Zest", PROGRAMME, photo=photo), COLOURS, FONTS))
    assert near(area.getpixel((PHOTO_WIDTH // 2, 20)), rgb(COLOURS.background))
    assert near(area.getpixel((PHOTO_WIDTH // 2, CARD_HEIGHT - 20)), (200, 30, 40))


def test_a_card_with_a_photo_is_a_baseline_jpeg_the_same_bytes_each_time_without_metadata(tmp_path: Path):
    photo = tmp_path / "with-gps.jpg"
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 12.0)})  # GPS: where it was taken
    Image.open(WALKS_PHOTO).save(photo, exif=exif, comment=b"taken on the harbour wall")
    card = CardText("Harbour Walks", PROGRAMME, WALKS.kicker, photo)
    assert card_media_type(card) == "image/jpeg" and card_media_type(WALKS) == "image/png"
    first = draw_card(card, COLOURS, FONTS)
    card_layout.font.cache_clear()  # as a new process would
    assert draw_card(card, COLOURS, FONTS) == first
    image = Image.open(io.BytesIO(first))
    assert isinstance(image, JpegImageFile) and (image.mode, image.size) == ("RGB", (CARD_WIDTH, CARD_HEIGHT))
    # Only the JFIF header (a version and a pixel aspect ratio: no date, no thumbnail), the
    # tables and one baseline frame: no EXIF, comment or other application segment.
    assert image.applist == [("APP0", b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")]
    assert set(jpeg_markers(first)) == {0xE0, 0xDB, 0xC0, 0xC4, 0xDA}
    assert "progressive" not in image.info
    assert_no_metadata(first, "a card with a photo")  # nor the photo's GPS or comment anywhere in its bytes


def test_a_card_with_a_realistic_noisy_photo_is_a_jpeg_under_the_budget(tmp_path: Path):
    # Grain at every pixel, as in a phone's photo: this card as a PNG is 644 KB, as a JPEG 159 KB.
    card = CardText(LONG_TITLE, PROGRAMME, WALKS.kicker, noisy_photo(tmp_path / "noisy.jpg"), "the project")
    jpeg = draw_card(card, COLOURS, FONTS)
    assert Image.open(io.BytesIO(jpeg)).format == "JPEG"
    assert len(jpeg) < CARD_BYTES_BUDGET, f"{len(jpeg) / 1000:.0f} KB"
    # The photo is still the photo, the text still on the card's background.
    assert same_picture(photo_area(jpeg), covering(card.photo), tolerance=6)  # type: ignore[arg-type]  # it has one
    assert near(Image.open(io.BytesIO(jpeg)).convert("RGB").getpixel((10, 10)), rgb(COLOURS.background))


def test_a_cards_alt_says_briefly_that_it_has_a_photo():
    assert WALKS.alt == f"Harbour Walks – Gullhaven, Reaching people who miss out – {PROGRAMME}"
    with_photo = CardText(WALKS.title, PROGRAMME, WALKS.kicker, WALKS_PHOTO, "the project")
    assert with_photo.alt == f"{WALKS.alt}, with a photo of the project"
    assert CardText("2023/24 first cohort", PROGRAMME, photo=WALKS_PHOTO).alt == (
        f"2023/24 first cohort – {PROGRAMME}, with a photo"
    )


def test_a_card_is_drawn_from_the_pictures_print_copy_never_the_committed_file(tmp_path: Path):
    picture = Picture("images/harbour-walks.jpg", "Six walkers", 1600, 1200, line=63)
    web = [PictureCopy(tmp_path / f"web-{w}.jpg", w, w * 3 // 4, JPEG, f"images/hw-{w}.jpg") for w in (320, 1280)]
    copies = PictureCopies(
        picture.src, 1600, 1200, (), tuple(web), PictureCopy(tmp_path / "print.jpg", 1600, 1200, JPEG)
    )
    assert card_photo(picture, {picture.src: copies}) == tmp_path / "print.jpg"
    # An SVG (a logo's copies are the file itself) is never a card's photo; nor is a picture
    # without copies, or none.
    svg = PictureCopy(tmp_path / "logo.svg", 600, 200, SVG, "images/logo.svg")
    assert card_photo(picture, {picture.src: PictureCopies(picture.src, 600, 200, (), (svg,), svg)}) is None
    assert card_photo(picture, {}) is None and card_photo(None, {picture.src: copies}) is None


# -- the PNG --------------------------------------------------------------------------------------


def test_a_card_is_a_1200_by_630_png_without_metadata_the_same_bytes_each_time():
    first = draw_card(WALKS, COLOURS, FONTS)
    card_layout.font.cache_clear()  # as a new process would
    assert draw_card(WALKS, COLOURS, FONTS) == first
    image = Image.open(io.BytesIO(first))
    assert (image.format, image.size) == ("PNG", (CARD_WIDTH, CARD_HEIGHT))
    assert image.info == {}  # no time, text or other chunk
    assert set(png_chunks(first)) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}


def test_different_titles_and_colours_give_different_cards():
    cards = {
        draw_card(WALKS, COLOURS, FONTS),
        draw_card(CardText("Harbour Walk", PROGRAMME, WALKS.kicker), COLOURS, FONTS),
        draw_card(CardText("Harbour Walks", PROGRAMME, "Gullhaven · Showing what changed"), COLOURS, FONTS),
        draw_card(WALKS, DEFAULT_COLOURS, FONTS),
    }
    assert len(cards) == 4


def test_the_card_is_drawn_in_the_programmes_colours():
    image = Image.open(io.BytesIO(draw_card(WALKS, COLOURS, FONTS))).convert("RGB")
    colours = {colour for _, colour in image.getcolors(CARD_WIDTH * CARD_HEIGHT) or []}
    assert (0xFB, 0xF7, 0xEE) in colours and (0x1F, 0x4A, 0x3D) in colours
    assert image.getpixel((5, 5)) == (0xFB, 0xF7, 0xEE)


# -- the colours ----------------------------------------------------------------------------------


def test_the_colours_are_read_from_the_identity_and_default_to_the_kits_own():
    assert load_identity(identity_with({"background": "#005EB8", "text": "#ffffff"})).colours == Colours(
        "#005eb8", "#ffffff"
    )
    without = identity_with(None)
    del without["colours"]
    assert load_identity(without).colours == DEFAULT_COLOURS
    assert DEFAULT_COLOURS.contrast >= MIN_CONTRAST


def test_colours_with_too_little_contrast_are_refused_naming_mkdocs_yml_and_the_field():
    with pytest.raises(IdentityProblems) as raised:
        load_identity(identity_with({"background": "#777777", "text": "#ffffff"}), "mkdocs.yml")
    assert str(raised.value).splitlines() == [
        "mkdocs.yml: the programme's identity (extra.programme) has 1 problem. Fix it, then build again:",
        "  extra.programme.colours: text #ffffff on background #777777 has a contrast of 4.47:1, too low to "
        "read; the site's header, the PDFs' covers and the link-preview cards need at least 4.5:1 (WCAG 2.2 AA). "
        "Make one of them darker or the "
        "other lighter, e.g. white text on a dark background.",
    ]


def test_malformed_colours_are_refused_each_with_its_fix():
    with pytest.raises(IdentityProblems) as raised:
        load_identity(identity_with({"background": None, "text": "#fff", "border": "#000000"}))
    assert str(raised.value).splitlines()[1:] == [
        "  extra.programme.colours.border is not a setting. Use one of: background, hover, text.",
        "  extra.programme.colours.background is None; it must be text: the background of the site's header, "
        "the PDFs' covers and the link-preview cards. "
        'Write it in quotes if YAML reads it otherwise, e.g. background: "#005eb8".',
        "  extra.programme.colours.text is '#fff'; it must be a colour written as # and six hex digits, in "
        'quotes (YAML reads # as the start of a comment), e.g. text: "#ffffff".',
    ]
    with pytest.raises(IdentityProblems, match=r"extra.programme.colours is 'blue'; it must be a mapping"):
        load_identity(identity_with("blue"))
    with pytest.raises(IdentityProblems, match=r"extra.programme.colors is not a setting \(did you mean 'colours'\?\)"):
        without = identity_with(None)
        without["colors"] = without.pop("colours")
        load_identity(without)


# -- the cache ------------------------------------------------------------------------------------


def test_the_cache_draws_only_the_cards_it_lacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    drawn: list[str] = []
    draw = preview_cards.draw_card

    def counting(card: CardText, colours: Colours, fonts: CardFonts) -> bytes:
        drawn.append(card.title)
        return draw(card, colours, fonts)

    monkeypatch.setattr(preview_cards, "draw_card", counting)
    cards = [WALKS, CardText("Zest Peer Mentors", PROGRAMME), WALKS]
    cold = make_cards(cards, COLOURS, FONTS, tmp_path)
    assert (cold.drawn, sorted(drawn)) == (2, ["Harbour Walks", "Zest Peer Mentors"])
    warm = make_cards(cards, COLOURS, FONTS, tmp_path)
    assert warm.drawn == 0 and len(drawn) == 2 and warm.cards == cold.cards
    assert make_cards([WALKS], DEFAULT_COLOURS, FONTS, tmp_path).drawn == 1  # new colours, new card


def test_a_changed_photo_changes_the_cards_key_and_is_drawn_again(tmp_path: Path):
    photo = tmp_path / "photo.jpg"
    Image.open(WALKS_PHOTO).save(photo)
    card = CardText(WALKS.title, PROGRAMME, WALKS.kicker, photo)
    first = make_cards([card], COLOURS, FONTS, tmp_path / "cache")
    assert card_key(card, COLOURS, FONTS) != card_key(WALKS, COLOURS, FONTS)
    Image.open(WALKS_PHOTO).transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(photo)  # same size, same path
    os.utime(photo, ns=(photo.stat().st_mtime_ns + 10**9,) * 2)  # a second later, as an editor's save
    again = make_cards([card], COLOURS, FONTS, tmp_path / "cache")
    assert again.drawn == 1 and again.cards[card].key != first.cards[card].key
    assert again.cards[card].file.read_bytes() != first.cards[card].file.read_bytes()


def test_the_cache_files_a_card_with_a_photo_as_jpg_and_one_without_as_png(tmp_path: Path):
    with_photo = CardText(WALKS.title, PROGRAMME, WALKS.kicker, WALKS_PHOTO)
    made = make_cards([WALKS, with_photo], COLOURS, FONTS, tmp_path)
    assert {(card.media_type, card.suffix, card.file.suffix) for card in made.cards.values()} == {
        ("image/png", ".png", ".png"),
        ("image/jpeg", ".jpg", ".jpg"),
    }
    assert Image.open(made.cards[with_photo].file).format == "JPEG"
    assert Image.open(made.cards[WALKS].file).format == "PNG"
    # The same text with and without the photo: two cards, two keys.
    assert made.cards[with_photo].key != made.cards[WALKS].key
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        name
        for card in made.cards.values()
        for name in (card.file.name, f"{card.key}.json")  # each with its record
    )


def test_a_card_no_build_has_used_for_a_month_leaves_the_cache(tmp_path: Path):
    with_photo = CardText(WALKS.title, PROGRAMME, WALKS.kicker, WALKS_PHOTO)
    made = make_cards([WALKS, with_photo], COLOURS, FONTS, tmp_path)
    kept = [card.file for card in made.cards.values()]
    stale = [tmp_path / f"{'0' * 64}.png", tmp_path / f"{'1' * 64}.jpg"]  # e.g. a PNG of a card with a photo
    long_ago = kept[0].stat().st_mtime - 40 * 86400
    for path in [*stale, *kept]:
        if not path.exists():
            path.write_bytes(b"old")
        os.utime(path, (long_ago, long_ago))
    make_cards([WALKS, with_photo], COLOURS, FONTS, tmp_path)
    assert not any(path.exists() for path in stale) and all(path.exists() for path in kept)


# -- the built site -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fictional programme built for publication at SITE_URL (its PDFs left out)."""
    return build_published(copy_fixture(tmp_path_factory.mktemp("published")))


def build_published(root: Path) -> Build:
    result = mkdocs_build(root, env={"SHOWCASE_SITE_URL": SITE_URL, "SHOWCASE_PDF": "0"})
    build = Build(root, result.returncode, result.stdout + result.stderr)
    assert build.returncode == 0, build.output
    return build


def meta(page: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page)
    return html.unescape(found.group(1)) if found else None


def cards_of(build: Build) -> dict[str, bytes]:
    return {
        path.relative_to(build.site).as_posix(): path.read_bytes()
        for path in (build.site / "assets/cards").rglob("*")
        if path.is_file()
    }


@pytest.mark.build
def test_every_page_has_an_og_image_a_card_of_the_site_with_its_size_and_alt(published: Build):
    pages = [p for p in published.site.rglob("index.html") if not is_redirect(p)] + [published.site / "404.html"]
    assert len(pages) > 30
    for path in pages:
        page = path.read_text("utf-8")
        url = meta(page, "og:image")
        assert url and url.startswith(SITE_URL), path
        image = Image.open(published.site / url.removeprefix(SITE_URL))
        # Its type as the file is: a JPEG (a card with a photo) or a PNG, named for it.
        assert (image.format, image.size) in {("PNG", (CARD_WIDTH, CARD_HEIGHT)), ("JPEG", (CARD_WIDTH, CARD_HEIGHT))}
        assert (meta(page, "og:image:type"), url.rsplit(".", 1)[1]) == (
            {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg")}[str(image.format)]
        ), path
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
        assert meta(page, "og:image:alt"), path
        assert meta(page, "twitter:card") == "summary_large_image"
    project, home = published.html("projects/harbour-walks/"), published.html("")
    assert meta(project, "og:image:alt") == (
        f"Harbour Walks – Gullhaven, Reaching people who miss out – {PROGRAMME}, with a photo of the project"
    )
    assert meta(published.html("projects/zest-peer-mentors/"), "og:image:alt") == (
        f"Zest Peer Mentors – Coldharbour, Link workers who stay – {PROGRAMME}"
    )
    assert meta(published.html("cohorts/2023-24/"), "og:image:alt") == (
        f"2023/24 first cohort – {PROGRAMME}, with a photo of the cohort"
    )
    # Named by its page and a hash of what it shows: a changed card has a new address, which a
    # social network that keeps images by address fetches again.
    assert re.fullmatch(
        rf"{SITE_URL}assets/cards/projects/harbour-walks\.[0-9a-f]{{12}}\.jpg", meta(project, "og:image") or ""
    )
    assert meta(project, "og:image:type") == "image/jpeg"
    assert meta(published.html("cohorts/2023-24/"), "og:image:type") == "image/jpeg"
    for page in (published.html("projects/zest-peer-mentors/"), published.html("cohorts/2024-25/"), home):
        assert meta(page, "og:image:type") == "image/png" and (meta(page, "og:image") or "").endswith(".png")
    missing = published.html("404.html")
    assert meta(missing, "og:image") == meta(home, "og:image")
    assert meta(home, "og:image:alt") == f"{PROGRAMME} – Fernshire Health and Care Partnership"


def card_of(build: Build, page: str) -> bytes:
    url = meta(build.html(page), "og:image") or ""
    return (build.site / url.removeprefix(SITE_URL)).read_bytes()


@pytest.mark.build
def test_a_project_with_a_photo_has_it_on_its_card_and_one_without_has_plain_background(published: Build):
    walks = card_of(published, "projects/harbour-walks/")
    assert same_picture(photo_area(walks), covering(WALKS_PHOTO))
    assert not blends_of_the_two_colours(walks)
    # The cohort with a photo has it too; a project with a logo only, or nothing, has none.
    cohort = card_of(published, "cohorts/2023-24/")
    assert same_picture(photo_area(cohort), covering(FIXTURE / "content" / "images" / "showcase-day-2024.jpg"))
    for page in ("projects/zest-peer-mentors/", "projects/al-noor-wellbeing-circle/", "cohorts/2024-25/"):
        plain = card_of(published, page)
        assert blends_of_the_two_colours(plain), page
        right_edge = photo_area(plain).crop((PHOTO_WIDTH - MARGIN + 10, 0, PHOTO_WIDTH, CARD_HEIGHT))
        assert right_edge.getcolors() == [(right_edge.width * CARD_HEIGHT, rgb(COLOURS.background))], page


@pytest.mark.build
def test_every_card_of_the_site_is_under_the_size_a_chat_app_still_shows(published: Build):
    cards = cards_of(published)
    assert any(name.endswith(".jpg") for name in cards) and any(name.endswith(".png") for name in cards)
    over = {name: len(data) for name, data in cards.items() if len(data) >= CARD_BYTES_BUDGET}
    assert over == {}, f"over {CARD_BYTES_BUDGET} bytes: {over}"


@pytest.mark.build
def test_the_pages_with_their_link_preview_tags_are_valid_html(published: Build):
    # The session's site has no og:image (no site address): test_quality's check does not see them.
    pages, errors = html_checker_errors(published.site)
    assert pages > 30
    assert errors == [], "\n".join(errors[:40])


@pytest.mark.build
def test_a_second_build_draws_no_card_and_a_cold_build_draws_the_same_bytes(published: Build):
    cards = cards_of(published)
    assert len(cards) > 30 and f"({len(cards)} drawn, 0 from the cache)" in published.output
    warm = build_published(published.root)
    assert f"(0 drawn, {len(cards)} from the cache)" in warm.output
    assert cards_of(warm) == cards
    shutil.rmtree(published.root / ".cache" / "showcase-cards")
    cold = build_published(published.root)
    assert f"({len(cards)} drawn, 0 from the cache)" in cold.output
    assert cards_of(cold) == cards


def cached_card(build: Build, page: str) -> Path:
    """The file in the cards' cache a page's og:image was copied from (its name in the site
    carries the start of the card's key)."""
    published = PurePosixPath((meta(build.html(page), "og:image") or "").removeprefix(SITE_URL))
    start = published.suffixes[-2].removeprefix(".")
    (found,) = (build.root / ".cache" / "showcase-cards").glob(f"{start}*{published.suffix}")
    return found


@pytest.mark.build
def test_a_damaged_card_in_the_cache_is_drawn_again_and_never_published(tmp_path: Path):
    cold = build_published(copy_fixture(tmp_path / "site"))
    assert cold.returncode == 0, cold.output
    cards = cards_of(cold)
    secret = tmp_path / "environ"
    secret.write_bytes(b"GITHUB_TOKEN=ghp_not_a_real_one\n")
    damage = {
        "projects/zest-peer-mentors/": ("PNG", lambda path: path.write_bytes(b"")),
        "projects/harbour-walks/": ("JPEG", lambda path: path.write_bytes(path.read_bytes()[:5000])),
        "cohorts/2024-25/": ("PNG", lambda path: path.write_bytes(b"<html><script>alert(1)</script></html>")),
        "cohorts/2023-24/": ("JPEG", lambda path: (path.unlink(), path.symlink_to(secret))),
    }
    for page, (_format, spoil) in damage.items():
        spoil(cached_card(cold, page))

    warm = build_published(cold.root)
    assert warm.returncode == 0, warm.output
    assert f"({len(damage)} drawn, {len(cards) - len(damage)} from the cache)" in warm.output
    assert cards_of(warm) == cards, "every card is the cold build's, byte for byte"
    for page, (kind, _spoil) in damage.items():
        card = Image.open(io.BytesIO(card_of(warm, page)))
        assert (card.format, card.size) == (kind, (CARD_WIDTH, CARD_HEIGHT)), page
        assert not cached_card(warm, page).is_symlink(), page


def test_without_the_sites_address_no_page_has_an_og_image(fixture_site: Build):
    # og:image must be an absolute address: the session's site is built without one.
    assert "Showcase link-preview cards: not made, as the site's address is unknown" in fixture_site.output
    assert not (fixture_site.site / "assets/cards").exists()
    for page in ("", "projects/harbour-walks/", "404.html"):
        text = fixture_site.html(page)
        assert meta(text, "og:image") is None and meta(text, "twitter:card") == "summary"
