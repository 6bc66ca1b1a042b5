"""The pictures' copies (showcase/pictures/): upright, small, without metadata, the same bytes
every time, cached so that a warm build decodes nothing; and the site publishes the copies,
never the committed files.

The photos are made here with Pillow: a 4000×3000 "phone photo" (texture and shapes, so it
compresses like a photograph) carrying GPS, a camera, a date, XMP, a colour profile and a
comment, and lying on its side (EXIF orientation 6) as a phone held upright writes it.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from photos import (
    GPS_IFD,
    ORIENTATION,
    SECRET,
    XMP,
    assert_no_metadata,
    assert_upright_with_red_top_right,
    gps_photo,
    metadata_marks,
    phone_photo,
)
from showcase.model import Picture, Programme
from showcase.pdf.jobs import RenderJob, render_job
from showcase.pictures.copies import CACHE_DIR, PictureCopies, make_picture_copies, programme_pictures, web_widths
from showcase.pictures.copy_making import PictureCopy, PictureError
from showcase.pictures.page_pictures import make_stripped_copies, stripped_copy
from site_builds import REPO, Build, copy_fixture, mkdocs_build


@pytest.fixture(scope="module")
def photo_bytes() -> bytes:
    return phone_photo()


def docs_with(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / name).write_bytes(data)
    return folder / "docs"


PHOTO = Picture("images/harbour-walks.jpg", "Walkers on the harbour wall", 3000, 4000, 12)


@pytest.fixture(scope="module")
def photo_folder(tmp_path_factory: pytest.TempPathFactory, photo_bytes: bytes) -> Path:
    """A folder with the photo under docs/ and its copies made, cold, under cache/."""
    folder = tmp_path_factory.mktemp("photo")
    make_picture_copies([PHOTO], docs_with(folder, {PHOTO.src: photo_bytes}), folder / "cache")
    return folder


@pytest.fixture(scope="module")
def photo_copies(photo_folder: Path) -> PictureCopies:
    return make_picture_copies([PHOTO], photo_folder / "docs", photo_folder / "cache").copies[PHOTO.src]


@pytest.fixture
def photo_copied(tmp_path: Path, photo_folder: Path) -> Path:
    """A copy of photo_folder, the photo and its cache, to change."""
    shutil.copytree(photo_folder, tmp_path / "photo")
    return tmp_path / "photo"


def every_copy(copies: PictureCopies) -> tuple[PictureCopy, ...]:
    return (*copies.modern, *copies.fallback, copies.print_copy)


def test_the_test_photo_carries_gps_and_lies_on_its_side(photo_bytes: bytes) -> None:
    with Image.open(io.BytesIO(photo_bytes)) as source:
        assert source.size == (4000, 3000)
        assert source.getexif()[ORIENTATION] == 6
        assert source.getexif().get_ifd(GPS_IFD)[1] == "N"
        assert {"icc_profile", "xmp", "comment"} <= set(source.info)
    assert len(photo_bytes) > 2_000_000  # megabytes, as a phone's photo is


def test_every_copy_of_a_phone_photo_carries_no_metadata(photo_copies: PictureCopies) -> None:
    for copy in every_copy(photo_copies):
        data = copy.file.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif(), copy.file.name
            assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(image.info), copy.file.name
        found = metadata_marks(data)
        assert not found, f"{copy.file.name} holds {found}"
        assert SECRET.encode() not in data


def test_a_phone_photo_comes_out_upright(photo_copies: PictureCopies) -> None:
    assert (photo_copies.width, photo_copies.height) == (3000, 4000)
    for copy in every_copy(photo_copies):
        with Image.open(copy.file) as image:
            assert image.height > image.width, copy.file.name
            rgb = image.convert("RGB")
            # The stored top-left corner shows at the top right.
            red, green, _ = rgb.getpixel((image.width - 3, 3))  # type: ignore[misc]
            assert red > 180 and green < 80, copy.file.name
            red, green, _ = rgb.getpixel((3, 3))  # type: ignore[misc]
            assert not (red > 180 and green < 80), copy.file.name


def test_a_phone_photo_gets_every_width_in_webp_and_jpeg_with_exact_sizes(photo_copies: PictureCopies) -> None:
    expected = [(width, round(width * 4000 / 3000)) for width in (320, 640, 960, 1280)]
    assert [(copy.width, copy.height) for copy in photo_copies.modern] == expected
    assert [(copy.width, copy.height) for copy in photo_copies.fallback] == expected
    assert {copy.media_type for copy in photo_copies.modern} == {"image/webp"}
    assert {copy.media_type for copy in photo_copies.fallback} == {"image/jpeg"}
    for copy in every_copy(photo_copies):
        with Image.open(copy.file) as image:
            assert image.size == (copy.width, copy.height)
            assert image.format == {"image/webp": "WEBP", "image/jpeg": "JPEG"}[copy.media_type]
            assert image.mode == "RGB"
    assert (photo_copies.print_copy.width, photo_copies.print_copy.height) == (1800, 2400)
    assert photo_copies.print_copy.media_type == "image/jpeg"
    assert photo_copies.print_copy.path == ""  # in the PDFs, not in the site


def test_a_phone_photo_weighs_well_under_150_kb_at_phone_width(photo_copies: PictureCopies) -> None:
    webp_640 = next(copy for copy in photo_copies.modern if copy.width == 640)
    jpeg_640 = next(copy for copy in photo_copies.fallback if copy.width == 640)
    assert webp_640.file.stat().st_size < 150 * 1024  # about 93 KB: fine texture throughout
    assert webp_640.file.stat().st_size < jpeg_640.file.stat().st_size * 0.85


def test_copies_are_named_beside_the_source_by_its_stem_a_hash_and_their_width(photo_copies: PictureCopies) -> None:
    paths = [copy.path for copy in photo_copies.site_copies]
    key = photo_copies.modern[0].path.split("-")[-2]
    assert len(key) == 10
    assert paths == [
        f"images/harbour-walks-{key}-{width}.{suffix}" for suffix in ("webp", "jpg") for width in (320, 640, 960, 1280)
    ]


def test_the_same_photo_gives_the_same_bytes_and_names(
    tmp_path: Path, photo_bytes: bytes, photo_copies: PictureCopies
) -> None:
    docs = docs_with(tmp_path, {PHOTO.src: photo_bytes})
    again = make_picture_copies([PHOTO], docs, tmp_path / "cache")
    assert again.made == (PHOTO.src,)
    copies = again.copies[PHOTO.src]
    assert [copy.path for copy in copies.site_copies] == [copy.path for copy in photo_copies.site_copies]
    for one, two in zip(every_copy(photo_copies), every_copy(copies), strict=True):
        assert one.file.name == two.file.name
        assert one.file.read_bytes() == two.file.read_bytes()


def test_a_warm_run_decodes_nothing(photo_copied: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_decoding(*args, **kwargs):
        raise AssertionError("a warm run opened an image")

    monkeypatch.setattr(Image, "open", no_decoding)
    warm = make_picture_copies([PHOTO], photo_copied / "docs", photo_copied / "cache")
    assert warm.made == ()
    assert [copy.file.name for copy in every_copy(warm.copies[PHOTO.src])]


def test_a_copy_changed_in_the_cache_is_made_again(photo_copied: Path) -> None:
    cache = photo_copied / "cache"
    spoilt = sorted(cache.glob("*-640.jpg"))[0]
    original = spoilt.read_bytes()
    spoilt.write_bytes(original[: len(original) // 2])
    again = make_picture_copies([PHOTO], photo_copied / "docs", cache)
    assert again.made == (PHOTO.src,)
    assert spoilt.read_bytes() == original


def test_a_copy_in_the_cache_replaced_by_a_link_is_made_again_though_its_bytes_match(photo_copied: Path) -> None:
    # A link would publish whatever its target holds by the time the site is written.
    cache = photo_copied / "cache"
    linked = sorted(cache.glob("*-640.jpg"))[0]
    original = linked.read_bytes()
    (photo_copied / "elsewhere.jpg").write_bytes(original)
    linked.unlink()
    linked.symlink_to(photo_copied / "elsewhere.jpg")
    again = make_picture_copies([PHOTO], photo_copied / "docs", cache)
    assert again.made == (PHOTO.src,)
    assert not linked.is_symlink() and linked.read_bytes() == original


def test_the_cache_keeps_only_the_pictures_in_use(photo_copied: Path) -> None:
    logo = Picture("images/logo.png", "Dunmere Community Trust", 600, 200, 3)
    docs = docs_with(photo_copied, {logo.src: transparent_logo()})
    cache = photo_copied / "cache"
    photo_files = {path.name for path in cache.iterdir() if path.suffix != ".lock"}
    only_logo = make_picture_copies([logo], docs, cache)
    kept = {path.name for path in cache.iterdir()}
    assert {copy.file.name for copy in every_copy(only_logo.copies[logo.src])} <= kept
    assert photo_files and not photo_files & kept


def transparent_logo() -> bytes:
    logo = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((20, 20, 180, 180), fill=(0, 94, 184, 255))
    ImageDraw.Draw(logo).rectangle((220, 70, 580, 130), fill=(33, 43, 50, 255))
    out = io.BytesIO()
    logo.save(out, "PNG")
    return out.getvalue()


def test_a_transparent_logo_keeps_its_transparency_with_a_png_fallback(tmp_path: Path) -> None:
    logo = Picture("images/logos/dunmere.png", "Dunmere Community Trust", 600, 200, 3)
    docs = docs_with(tmp_path, {logo.src: transparent_logo()})
    copies = make_picture_copies([logo], docs, tmp_path / "cache").copies[logo.src]
    assert [(copy.width, copy.media_type) for copy in copies.fallback] == [(320, "image/png"), (600, "image/png")]
    assert [copy.media_type for copy in copies.modern] == ["image/webp", "image/webp"]
    assert copies.print_copy.media_type == "image/png"
    assert copies.fallback[0].path.startswith("images/logos/dunmere-")
    for copy in every_copy(copies):
        with Image.open(copy.file) as image:
            assert image.mode == "RGBA", copy.file.name
            assert image.getpixel((image.width - 1, image.height - 1))[3] == 0  # type: ignore[index]


def test_an_svg_logo_is_published_as_it_is(tmp_path: Path) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><rect width="300" height="100"/></svg>'
    logo = Picture("images/trust.svg", "The Trust", 300, 100, 4)
    docs = docs_with(tmp_path, {logo.src: svg})
    copies = make_picture_copies([logo], docs, tmp_path / "cache").copies[logo.src]
    assert copies.modern == ()
    (copy,) = copies.fallback
    assert copy.file.read_bytes() == svg
    assert (copy.width, copy.height, copy.media_type) == (300, 100, "image/svg+xml")
    assert copy.path.startswith("images/trust-") and copy.path.endswith(".svg")
    assert copies.print_copy.file == copy.file
    page = copies.on_page(lambda path: "../" + path)
    assert (page.src, page.srcset, page.sources) == ("../" + copy.path, "", ())


def test_a_picture_is_never_enlarged() -> None:
    assert web_widths(4000, (320, 640, 960, 1280)) == (320, 640, 960, 1280)
    assert web_widths(1000, (320, 640, 960, 1280)) == (320, 640, 960)  # 1000 adds little to 960
    assert web_widths(1200, (320, 640, 960, 1280)) == (320, 640, 960, 1200)
    assert web_widths(200, (320, 640, 960, 1280)) == (200,)


def test_a_page_gets_sources_srcset_and_the_size_of_its_src(photo_copies: PictureCopies) -> None:
    page = photo_copies.on_page(lambda path: "../../" + path, sizes="(min-width: 60em) 30rem, 100vw")
    key = photo_copies.modern[0].path.split("-")[-2]
    assert page.src == f"../../images/harbour-walks-{key}-640.jpg"
    assert (page.width, page.height, page.type) == (640, 853, "image/jpeg")
    assert page.srcset == ", ".join(f"../../images/harbour-walks-{key}-{w}.jpg {w}w" for w in (320, 640, 960, 1280))
    (source,) = page.sources
    assert source.type == "image/webp"
    assert source.srcset == ", ".join(f"../../images/harbour-walks-{key}-{w}.webp {w}w" for w in (320, 640, 960, 1280))
    assert page.sizes == "(min-width: 60em) 30rem, 100vw"


def test_a_file_that_is_not_an_image_is_named_in_the_error(tmp_path: Path) -> None:
    broken = Picture("images/broken.jpg", "Broken", 1600, 1200, 7)
    docs = docs_with(tmp_path, {broken.src: b"not a picture"})
    with pytest.raises(PictureError, match=r"^images/broken\.jpg: cannot be read as an image"):
        make_picture_copies([broken], docs, tmp_path / "cache")


def test_every_picture_of_the_programme_is_made_once(fixture_programme: Programme) -> None:
    photo = Picture("images/a.jpg", "A", 1600, 1200, 1)
    logo = Picture("images/b.png", "B", 600, 200, 2)
    first, second, *others = fixture_programme.projects
    programme = dataclasses.replace(
        fixture_programme,
        projects=(
            dataclasses.replace(first, image=photo, logo=logo),
            dataclasses.replace(second, image=photo),
            *(dataclasses.replace(project, image=None, logo=None) for project in others),
        ),
        cohorts=tuple(dataclasses.replace(cohort, image=None) for cohort in fixture_programme.cohorts),
    )
    assert programme_pictures(programme) == (photo, logo)


def test_the_pdfs_refuse_a_picture_outside_the_picture_cache(tmp_path: Path, photo_bytes: bytes) -> None:
    outside = tmp_path / "elsewhere.jpg"
    outside.write_bytes(photo_bytes)
    cache = tmp_path / "pdf"
    cache.mkdir()
    html = f'<!DOCTYPE html><html lang="en-GB"><head><title>P</title></head><body><img src="{outside.as_uri()}" alt="x"></body></html>'
    job = RenderJob("p.pdf", html, "1" * 64, REPO / "theme" / "print", cache, "picture-test", True, tmp_path / "cache")
    assert render_job(job).refused == (outside.as_uri(),)


def test_the_site_publishes_the_copies_and_never_the_committed_originals(
    fixture_site: Build, fixture_programme: Programme
) -> None:
    for picture in programme_pictures(fixture_programme):
        assert not (fixture_site.site / picture.src).exists(), picture.src
        stem = Path(picture.src).stem
        copies = sorted((fixture_site.site / Path(picture.src).parent).glob(f"{stem}-*"))
        assert copies, picture.src
        for copy in copies:
            data = copy.read_bytes()
            assert not metadata_marks(data), copy.name
    assert CACHE_DIR.as_posix() in fixture_site.output or not programme_pictures(fixture_programme)


# -- pictures that Markdown pages show --------------------------------------------------------
# A story may show any JPEG, PNG or WebP file of content/ (`![alt](../images/map.jpg)`): the
# site publishes it at that address, but as a copy without metadata, at the same pixel size.


def test_a_stripped_jpeg_is_upright_the_same_size_and_quality_and_carries_no_metadata(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {"images/map.jpg": gps_photo()})
    data, width, height, media_type = stripped_copy("images/map.jpg", docs / "images/map.jpg")
    assert (width, height, media_type) == (600, 900, "image/jpeg")
    assert_no_metadata(data, "map.jpg")
    assert_upright_with_red_top_right(data, (600, 900))
    with Image.open(docs / "images/map.jpg") as source, Image.open(io.BytesIO(data)) as copy:
        assert copy.format == "JPEG"
        # The file's own quantisation tables: its quality, not a new one.
        assert copy.quantization == source.quantization  # type: ignore[attr-defined]
    assert stripped_copy("images/map.jpg", docs / "images/map.jpg")[0] == data


def test_a_stripped_png_and_webp_keep_their_format_transparency_and_size(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneCo"  # Pillow writes a GPS IFD only beside a tag of the main IFD
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 12.5)})
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    diagram = Image.open(io.BytesIO(transparent_logo()))
    png, webp = io.BytesIO(), io.BytesIO()
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", SECRET)
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    diagram.save(png, "PNG", exif=exif, icc_profile=profile, pnginfo=text, dpi=(300, 300))
    diagram.convert("RGB").save(webp, "WEBP", exif=exif, xmp=XMP, icc_profile=profile, quality=80)
    docs = docs_with(tmp_path, {"images/diagram.png": png.getvalue(), "chart.webp": webp.getvalue()})
    for src, media_type, mode in (("images/diagram.png", "image/png", "RGBA"), ("chart.webp", "image/webp", "RGB")):
        with Image.open(docs / src) as source:  # the file carries GPS and a colour profile
            source.load()
            assert source.getexif().get_ifd(GPS_IFD) and "icc_profile" in source.info, src
        data, width, height, made_type = stripped_copy(src, docs / src)
        assert (width, height, made_type) == (600, 200, media_type)
        assert_no_metadata(data, src)
        with Image.open(io.BytesIO(data)) as image:
            assert (image.format, image.mode, image.size) == (media_type.split("/")[1].upper(), mode, (600, 200))
    png_copy = stripped_copy("images/diagram.png", docs / "images/diagram.png")[0]
    with Image.open(io.BytesIO(png_copy)) as image:
        assert image.getpixel((599, 199))[3] == 0  # type: ignore[index]
        assert image.tobytes() == diagram.tobytes()  # lossless: the same pixels


def test_a_page_picture_that_is_not_an_image_is_named(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {"images/notes.png": b"not a picture"})
    with pytest.raises(PictureError, match=r"^images/notes\.png: cannot be read as an image"):
        make_stripped_copies(["images/notes.png"], docs, tmp_path / "cache")


def test_a_warm_run_of_page_pictures_decodes_nothing_and_a_spoilt_copy_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = docs_with(tmp_path, {"images/map.jpg": gps_photo()})
    cache = tmp_path / "cache"
    cold = make_stripped_copies(["images/map.jpg"], docs, cache)
    assert cold.made == ("images/map.jpg",)
    copy = cold.copies["images/map.jpg"]
    data = copy.file.read_bytes()

    def no_decoding(*args, **kwargs):
        raise AssertionError("a warm run opened an image")

    with monkeypatch.context() as patched:
        patched.setattr(Image, "open", no_decoding)
        warm = make_stripped_copies(["images/map.jpg"], docs, cache)
    assert warm.made == () and warm.copies == cold.copies
    copy.file.write_bytes(data[:100])
    again = make_stripped_copies(["images/map.jpg"], docs, cache)
    assert again.made == ("images/map.jpg",)
    assert copy.file.read_bytes() == data


def jpeg_segments(data: bytes) -> set[str]:
    """The kinds of segment a JPEG holds before its pixels: APP1 is EXIF (GPS with it) or XMP,
    COM a comment, APP2 a colour profile."""
    names = {0xC0: "SOF0", 0xC2: "SOF2", 0xC4: "DHT", 0xDB: "DQT", 0xDD: "DRI", 0xFE: "COM"}
    found, at = set(), 2
    while data[at] == 0xFF and data[at + 1] != 0xDA:  # up to the start of the scan
        marker = data[at + 1]
        found.add(f"APP{marker - 0xE0}" if 0xE0 <= marker <= 0xEF else names.get(marker, hex(marker)))
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return found


STORY_PICTURE = "![The route of the walk along the harbour](../images/route-map.jpg)"


@pytest.fixture(scope="module")
def story_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build, Build]:
    """The fictional programme with a GPS-tagged phone photo in harbour-walks' story, built cold,
    again warm in the same folder, and cold in another folder (without PDFs: they do not show
    a story's pictures)."""
    builds = []
    photo = gps_photo()  # once: Pillow's noise differs each call
    for name in ("one", "two"):
        root = copy_fixture(tmp_path_factory.mktemp(name) / "project")
        (root / "content/images/route-map.jpg").write_bytes(photo)
        story = root / "content/projects/harbour-walks.md"
        story.write_text(story.read_text("utf-8") + f"\n## The route\n\n{STORY_PICTURE}\n", "utf-8")
        for _ in range(2 if name == "one" else 1):
            result = mkdocs_build(root, env={"SHOWCASE_PDF": "0"})
            builds.append(Build(root, result.returncode, result.stdout + result.stderr))
            assert result.returncode == 0, builds[-1].output
            shutil.copytree(root / "site", root / f"site-{len(builds)}")
    cold, warm, elsewhere = builds
    return cold, warm, elsewhere


@pytest.mark.build
def test_a_story_shows_its_photo_published_without_metadata_at_its_own_address(
    story_builds: tuple[Build, Build, Build],
) -> None:
    cold = story_builds[0]
    html = (cold.root / "site-1/projects/harbour-walks/index.html").read_text("utf-8")
    assert '<img alt="The route of the walk along the harbour" src="../../images/route-map.jpg"' in html
    published = (cold.root / "site-1/images/route-map.jpg").read_bytes()
    original = (cold.root / "content/images/route-map.jpg").read_bytes()
    with Image.open(io.BytesIO(original)) as source:
        assert source.getexif().get_ifd(GPS_IFD)[1] == "N" and SECRET.encode() in original
    assert_no_metadata(published, "route-map.jpg")
    assert jpeg_segments(published) <= {"APP0", "DQT", "SOF2", "DHT"}  # JFIF's header and the pixels'
    assert "APP1" in jpeg_segments(original)  # EXIF and XMP
    assert_upright_with_red_top_right(published, (600, 900))  # stored 900 x 600, on its side
    assert "1 of them shown by Markdown pages" in cold.output


@pytest.mark.build
def test_a_story_photo_costs_nothing_warm_and_gives_the_same_bytes_every_build(
    story_builds: tuple[Build, Build, Build],
) -> None:
    cold, warm, elsewhere = story_builds
    assert "Showcase pictures: made 0 of" in warm.output
    assert "made 0 of" not in cold.output
    photo = "images/route-map.jpg"
    assert (cold.root / "site-1" / photo).read_bytes() == (warm.root / "site-2" / photo).read_bytes()
    assert (cold.root / "site-1" / photo).read_bytes() == (elsewhere.root / "site-3" / photo).read_bytes()
    for one, two in ((cold.root / "site-1", elsewhere.root / "site-3"), (cold.root / "site-1", warm.root / "site-2")):
        images = sorted(path.relative_to(one) for path in (one / "images").rglob("*") if path.is_file())
        assert images == sorted(path.relative_to(two) for path in (two / "images").rglob("*") if path.is_file())
        for image in images:
            assert (one / image).read_bytes() == (two / image).read_bytes(), image
