"""Pictures in the records (a project's `image:` and `logo:`, a cohort's `image:`): where the file
may be, what it must be, and its alt text. The loader only, on copies of the fictional programme:
each refusal names file, line, record and field and says how to fix it, keeping the editor's text.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from PIL import Image

from content_edits import PROJECTS, edit, edit_record, line_of, refused
from showcase.fields import PICTURE_FIELDS
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.loading.schema import projects_schema
from showcase.model import Picture, Programme
from site_builds import FIXTURE, REPO

WALKS = "harbour-walks"  # the fixture's project with a photo (and a credit)
CIRCLE = "al-noor-wellbeing-circle"  # the fixture's project with a logo
COHORT = "content/cohorts/2023-24.md"  # the fixture's cohort with a photo
WALKS_SRC = "src: images/harbour-walks.jpg"
WALKS_ALT = "alt: Six walkers in bright waterproof jackets on the harbour wall at Gullhaven, with the sea behind them"
LOGO = "logo: {src: images/dunmere-community-trust.png, alt: Dunmere Community Trust}"
IMAGE = f"{PROJECTS}:{{line}}: project '{WALKS}', image"
FIX_IN_IMAGES = "Save the file in content/images/ and write src: images/{name}, the path from the content/ folder."
PHOTO_ALT_HINT = (
    "Say what the picture shows that matters, in a sentence: who, doing what, where"
    f" (e.g. alt: {PICTURE_FIELDS['alt'].example})"
)


def loaded(root: Path) -> Programme:
    return load_programme(ProgrammeSources.in_folder(root))


def save_photo(path: Path, size: tuple[int, int], **options: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (40, 90, 120)).save(path, **options)  # type: ignore[arg-type]  # Pillow's save takes any format's options


def png_header(width: int, height: int) -> bytes:
    """A PNG file that says it is `width` × `height` in a few bytes: what a decompression bomb
    looks like before it is decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def photo_refused(root: Path, src: str) -> tuple[str, list[str]]:
    """Point harbour-walks' photo at `src`: where its problems are reported (file, line, record and
    field), and every problem the loader reports."""
    text = edit_record(root, WALKS, WALKS_SRC, f"src: {src}")
    return f"{IMAGE.format(line=line_of(text, f'src: {src}'))}, field 'src': ", refused(root)


def logo_record(root: Path, src: str, alt: str = "Dunmere Community Trust") -> str:
    return edit_record(root, CIRCLE, LOGO, f"logo: {{src: {src}, alt: {alt}}}")


def logo_refused(root: Path, src: str) -> tuple[str, list[str]]:
    """Point al-noor-wellbeing-circle's logo at `src`: where its problems are reported (file, line,
    record and field), and every problem the loader reports."""
    text = logo_record(root, src)
    return f"{PROJECTS}:{line_of(text, src)}: project '{CIRCLE}', logo, field 'src': ", refused(root)


# -- what loads ---------------------------------------------------------------------------------


def test_the_fixtures_photo_logo_and_cohort_photo_load_with_their_size_alt_credit_and_line(
    fixture_programme: Programme,
):
    text = (FIXTURE / PROJECTS).read_text("utf-8")
    walks, circle = fixture_programme.project_with_slug(WALKS), fixture_programme.project_with_slug(CIRCLE)
    assert walks.image == Picture(
        "images/harbour-walks.jpg",
        WALKS_ALT.removeprefix("alt: "),
        1600,
        1200,
        line_of(text, "    image:"),
        credit="Photo: Gullhaven Health Partnership",
    )
    assert walks.logo is None
    assert circle.logo == Picture(
        "images/dunmere-community-trust.png", "Dunmere Community Trust", 600, 200, line_of(text, "    logo:")
    )
    assert circle.image is None
    cohort = next(c for c in fixture_programme.cohorts if c.id == "2023-24")
    cohort_text = (FIXTURE / COHORT).read_text("utf-8")
    assert cohort.image is not None
    assert (cohort.image.src, cohort.image.width, cohort.image.height, cohort.image.line) == (
        "images/showcase-day-2024.jpg",
        1200,
        800,
        line_of(cohort_text, "image:"),
    )
    assert [p.slug for p in fixture_programme.projects if p.image is None and p.logo is None], "keep one without"


def test_the_fixtures_pictures_are_light(fixture_programme: Programme):
    """The repository stays light: each committed picture is well under 300 KB."""
    for picture in (FIXTURE / "content/images").iterdir():
        assert picture.stat().st_size < 300 * 1024, picture.name


def test_a_decorative_picture_needs_no_alt(fixture_copy: Path):
    edit_record(fixture_copy, WALKS, f"      {WALKS_ALT}\n", "      decorative: true\n")
    image = loaded(fixture_copy).project_with_slug(WALKS).image
    assert image is not None and image.decorative and image.alt == ""


def test_a_logo_drawn_as_an_svg_is_measured_from_its_viewbox(fixture_copy: Path):
    (fixture_copy / "content/images/trust.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 300 100">'
        '<defs><circle id="dot" r="10"/></defs><use xlink:href="#dot" x="50" y="50"/>'
        '<rect width="300" height="100" fill="url(#none)" style="fill: url(#gradient)"/></svg>',
        "utf-8",
    )
    logo_record(fixture_copy, "images/trust.svg")
    logo = loaded(fixture_copy).project_with_slug(CIRCLE).logo
    assert logo is not None and (logo.width, logo.height) == (300, 100)


def test_a_photo_turned_by_its_camera_is_measured_as_it_is_shown(fixture_copy: Path):
    exif = Image.Exif()
    exif[0x0112] = 6  # the phone was held upright: shown a quarter turn from how it is stored
    save_photo(fixture_copy / "content/images/upright.jpg", (1600, 1200), exif=exif)
    edit_record(fixture_copy, WALKS, WALKS_SRC, "src: images/upright.jpg")
    image = loaded(fixture_copy).project_with_slug(WALKS).image
    assert image is not None and (image.width, image.height) == (1200, 1600)


def test_a_picture_in_a_folder_inside_images_is_accepted(fixture_copy: Path):
    save_photo(fixture_copy / "content/images/2024/walk.webp", (1200, 900))
    edit_record(fixture_copy, WALKS, WALKS_SRC, "src: images/2024/walk.webp")
    image = loaded(fixture_copy).project_with_slug(WALKS).image
    assert image is not None and image.src == "images/2024/walk.webp"


# -- where the file is --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src, message, fix",
    [
        (
            "images/../../data/projects.yaml.jpg",
            "'images/../../data/projects.yaml.jpg' points outside content/images/: the site publishes pictures "
            "from that folder only.",
            FIX_IN_IMAGES.format(name="projects.yaml.jpg"),
        ),
        (
            "/etc/walk.jpg",
            "'/etc/walk.jpg' points outside content/images/: the site publishes pictures from that folder only.",
            FIX_IN_IMAGES.format(name="walk.jpg"),
        ),
        (
            "photos/walk.jpg",
            "'photos/walk.jpg' is not in content/images/, where pictures are kept.",
            FIX_IN_IMAGES.format(name="walk.jpg"),
        ),
        (
            "content/images/harbour-walks.jpg",
            "'content/images/harbour-walks.jpg' starts with 'content/': the path is written from inside the "
            "content/ folder.",
            "Write it as src: images/harbour-walks.jpg",
        ),
        (
            "images\\harbour-walks.jpg",
            "'images\\harbour-walks.jpg' uses the backslash '\\', which the site's addresses do not.",
            "Write it with '/': src: images/harbour-walks.jpg",
        ),
        (
            "https://example.org/news/walkers.jpg?size=large",
            "'https://example.org/news/walkers.jpg?size=large' is a picture on another website: the site shows "
            "only pictures committed with it, so that no page fetches anything from elsewhere.",
            "Ask its owner for permission, save it in content/images/ and write src: images/walkers.jpg.",
        ),
        (
            "images/harbour-walks.heic",
            "'images/harbour-walks.heic' is not a type of picture the site shows: it shows JPEG (.jpg), PNG (.png), "
            "WebP (.webp).",
            "Save it as a JPEG (images/harbour-walks.jpg) and write that name.",
        ),
        (
            "images/harbour-walks.svg",
            "'images/harbour-walks.svg' is an SVG drawing: a photo must be a JPEG, PNG or WebP file (only a logo "
            "may be an SVG).",
            "Use the photo's JPEG file, or save the drawing as a PNG at least 1000 pixels wide.",
        ),
    ],
    ids=["dot-dot", "absolute", "other folder", "from the repository", "backslash", "web", "heic", "svg photo"],
)
def test_a_path_that_is_not_a_picture_in_images_is_refused_and_never_opened(
    fixture_copy: Path, src: str, message: str, fix: str
):
    where, found = photo_refused(fixture_copy, src)
    assert found == [f"{where}{message} {fix}"]


# -- what the file is ----------------------------------------------------------------------------


def heavy(images: Path) -> str:
    with (images / "heavy.jpg").open("wb") as file:
        file.truncate(21 * 1024 * 1024)  # sparse: nothing is written, and nothing is read
    return "images/heavy.jpg"


def not_a_picture(images: Path) -> str:
    (images / "notes.jpg").write_text("Notes from the walk, not a photo.", "utf-8")
    return "images/notes.jpg"


def saved(name: str, size: tuple[int, int], **options: object) -> Callable[[Path], str]:
    def save(images: Path) -> str:
        save_photo(images / name, size, **options)
        return f"images/{name}"

    return save


def bomb(name: str, width: int, height: int) -> Callable[[Path], str]:
    def save(images: Path) -> str:
        (images / name).write_bytes(png_header(width, height))
        return f"images/{name}"

    return save


SMALLER = "Save a smaller copy, about 4,000 pixels wide."
# (what is put in content/images/, returning the src that names it; what the loader says of it)
PHOTO_FILES: list[tuple[str, Callable[[Path], str], str]] = [
    (
        "missing",
        lambda images: "images/harbour-walk.jpg",
        "there is no file 'images/harbour-walk.jpg' in content/images/ (did you mean 'images/harbour-walks.jpg'?). "
        "Check the name against the files in content/images/ (capitals count), or save the picture there.",
    ),
    (
        "not a picture",
        not_a_picture,
        "'images/notes.jpg' is not a picture the site can read: it may be another kind of file renamed, or "
        "damaged. Open it in a picture viewer and save it again as a JPEG (a photo) or PNG (a logo).",
    ),
    (
        "a GIF",
        saved("walk.jpg", (1600, 1200), format="GIF"),
        "'images/walk.jpg' is a GIF picture, which the site does not show: it shows JPEG, PNG, WebP. Save it as a "
        "PNG (or a JPEG for a photo) in content/images/ and write that name.",
    ),
    (
        "over 20 MB, refused before it is read",
        heavy,
        "'images/heavy.jpg' weighs 21 MB, more than the 20 MB a picture may: every picture is kept in the "
        "repository forever. Save a smaller copy: about 4,000 pixels wide as a JPEG is plenty (the site makes its "
        "own small copies).",
    ),
    (
        "a decompression bomb over the showcase's limit, refused from its header",
        bomb("bomb.png", 12_500, 10_000),
        "'images/bomb.png' is 12500 × 10000 pixels (125 million), more than any photo needs (110 million at most). "
        + SMALLER,
    ),
    (
        "a decompression bomb over Pillow's own limit",
        bomb("bomb.png", 40_000, 40_000),
        f"'images/bomb.png' has more pixels than any photo needs (110 million at most). {SMALLER}",
    ),
    (
        "too small to show sharply",
        saved("small.jpg", (800, 600)),
        "'images/small.jpg' is 800 × 600 pixels, too small to show sharply: a photo needs at least 1000 × 500, as "
        "the page shows it up to about 800 pixels wide and phone screens have two or three pixels to each of "
        "those. Use the original photo from the camera or phone, not a copy from a website or a message.",
    ),
]


def cut(images: Path) -> str:
    whole = (FIXTURE / "content/images/dunmere-community-trust.png").read_bytes()
    (images / "cut.png").write_bytes(whole[: len(whole) // 2])
    return "images/cut.png"


def drawn(svg: str) -> Callable[[Path], str]:
    def save(images: Path) -> str:
        (images / "trust.svg").write_text(svg, "utf-8")
        return "images/trust.svg"

    return save


LOGO_FILES: list[tuple[str, Callable[[Path], str], str]] = [
    (
        "damaged",
        cut,
        "'images/cut.png' is not a picture the site can read: it may be another kind of file renamed, or damaged. "
        "Open it in a picture viewer and save it again as a JPEG (a photo) or PNG (a logo).",
    ),
    (
        "too small to show sharply",
        saved("tiny.png", (300, 100)),
        "'images/tiny.png' is 300 × 100 pixels, too small to show sharply: a logo needs at least 400 pixels on its "
        "longer side, as phone screens have two or three pixels to each of the page's. Ask the organisation for a "
        "larger PNG or an SVG of its logo, and save it in content/images/.",
    ),
    (
        "a drawing without a size",
        drawn('<svg xmlns="http://www.w3.org/2000/svg" width="100%"><rect width="10" height="10"/></svg>'),
        "'images/trust.svg' does not say its size: the drawing has no viewBox (or width and height in pixels). Save "
        "it again from the drawing program (most add a viewBox), or save it as a PNG at least 400 pixels wide.",
    ),
]


@pytest.mark.parametrize(
    "refused_as, put, said",
    [(photo_refused, *case[1:]) for case in PHOTO_FILES] + [(logo_refused, *case[1:]) for case in LOGO_FILES],
    ids=[f"photo {case[0]}" for case in PHOTO_FILES] + [f"logo {case[0]}" for case in LOGO_FILES],
)
def test_a_file_the_site_cannot_use_is_refused_at_its_src_with_why_and_the_fix(
    fixture_copy: Path,
    refused_as: Callable[[Path, str], tuple[str, list[str]]],
    put: Callable[[Path], str],
    said: str,
):
    where, found = refused_as(fixture_copy, put(fixture_copy / "content/images"))
    assert found == [where + said]


# The SVG logos' allow-list: tests/test_svg_logos.py.


# -- the alt text and the other fields -------------------------------------------------------------


@pytest.mark.parametrize(
    "new, at, field, said",
    [
        (
            "",
            WALKS_SRC,
            "alt",
            "the alt text is missing: people who cannot see the picture are told what it shows by its alt text. "
            f"{PHOTO_ALT_HINT}. If it adds nothing the text around it does not say, write decorative: true instead.",
        ),
        (
            f"      {WALKS_ALT}\n      decorative: true\n",
            WALKS_ALT,
            "alt",
            "the picture has alt text and is marked decorative, which hides it from screen readers: the alt text "
            "would never be read. If the picture shows something that matters, delete 'decorative: true'; if not, "
            "delete the 'alt' line.",
        ),
        (
            "      decorative: yes\n",
            "decorative: yes",
            "decorative",
            "'yes' is not true or false. Write decorative: true.",
        ),
    ],
    ids=["no alt, not decorative", "alt and decorative", "decorative: yes"],
)
def test_alt_text_is_required_unless_the_picture_is_decorative_which_is_true_or_false(
    fixture_copy: Path, new: str, at: str, field: str, said: str
):
    text = edit_record(fixture_copy, WALKS, f"      {WALKS_ALT}\n", new)
    assert refused(fixture_copy) == [f"{IMAGE.format(line=line_of(text, at))}, field '{field}': {said}"]


def test_an_empty_logo_alt_suggests_the_organisations_name(fixture_copy: Path):
    text = edit_record(fixture_copy, CIRCLE, LOGO, 'logo: {src: images/dunmere-community-trust.png, alt: ""}')
    assert refused(fixture_copy) == [
        f"{PROJECTS}:{line_of(text, 'logo:')}: project '{CIRCLE}', logo, field 'alt': the alt text is empty: people "
        "who cannot see the picture are told what it shows by its alt text. Write the organisation's name as the "
        "logo shows it (e.g. alt: Dunmere Community Trust). If it adds nothing the text around it does not say, "
        "write decorative: true instead."
    ]


@pytest.mark.parametrize(
    "alt, message, fix",
    [
        (
            "IMG_2041.JPG",
            "'IMG_2041.JPG' is a file's name, not what the picture shows.",
            "Say what the picture shows that matters, in a sentence: who, doing what, where. A screen reader "
            "already says it is a picture.",
        ),
        (
            "harbour-walks",
            "'harbour-walks' is a file's name, not what the picture shows.",
            "Say what the picture shows that matters, in a sentence: who, doing what, where. A screen reader "
            "already says it is a picture.",
        ),
        (
            "Photo of walkers on the harbour wall",
            "'Photo of walkers on the harbour wall' starts with 'Photo of': a screen reader already says it is a "
            "picture.",
            "Write alt: Walkers on the harbour wall",
        ),
        (
            "An image showing the walk",
            "'An image showing the walk' starts with 'An image showing': a screen reader already says it is a picture.",
            "Write alt: The walk",
        ),
        (
            "Harbour walks!",
            "'Harbour walks!' only repeats the name, which the page shows beside the picture.",
            f"Say what the picture shows that matters, in a sentence: who, doing what, where, e.g. alt: "
            f"{PICTURE_FIELDS['alt'].example}",
        ),
    ],
    ids=["camera file name", "the file's own name", "photo of", "an image showing", "the name alone"],
)
def test_alt_text_that_tells_nothing_is_refused_with_how_to_write_it(
    fixture_copy: Path, alt: str, message: str, fix: str
):
    text = edit_record(fixture_copy, WALKS, WALKS_ALT, f"alt: {alt}")
    assert refused(fixture_copy) == [f"{IMAGE.format(line=line_of(text, f'alt: {alt}'))}, field 'alt': {message} {fix}"]


def test_a_logos_alt_starting_logo_of_keeps_the_organisations_name(fixture_copy: Path):
    text = logo_record(fixture_copy, "images/dunmere-community-trust.png", "Logo of Dunmere Community Trust")
    assert refused(fixture_copy) == [
        f"{PROJECTS}:{line_of(text, 'logo:')}: project '{CIRCLE}', logo, field 'alt': 'Logo of Dunmere Community "
        "Trust' starts with 'Logo of': a screen reader already says it is a picture. Write alt: Dunmere Community Trust"
    ]


def test_a_picture_written_as_a_path_alone_is_shown_how_to_keep_it(fixture_copy: Path):
    image = f"    image:\n      {WALKS_SRC}\n      {WALKS_ALT}\n"
    text = edit(fixture_copy, image, "    image: images/harbour-walks.jpg\n")
    text = edit(fixture_copy, '      credit: "Photo: Gullhaven Health Partnership"\n', "")
    assert refused(fixture_copy) == [
        f"{PROJECTS}:{line_of(text, '    image: images')}: project '{WALKS}', field 'image': expected a set of fields "
        "(src, alt, decorative, credit) but found a single value. Write it like this: image: {src: "
        "images/harbour-walks.jpg, alt: what it shows that matters}"
    ]


def test_a_misspelt_picture_field_is_refused_with_the_nearest_name(fixture_copy: Path):
    text = edit_record(fixture_copy, WALKS, '      credit: "Photo:', '      credits: "Photo:')
    assert refused(fixture_copy) == [
        f"{IMAGE.format(line=line_of(text, 'credits:'))}, field 'credits': 'credits' is not a field this record can "
        "have (did you mean 'credit'?). Rename it to one of: src, alt, decorative, credit."
    ]


def test_every_problem_with_pictures_is_reported_at_once(fixture_copy: Path):
    text = edit_record(fixture_copy, WALKS, WALKS_SRC, "src: images/harbour-walk.jpg")
    text = logo_record(fixture_copy, "images/dunmere-community-trust.png", "Logo of Dunmere Community Trust")
    cohort = edit(
        fixture_copy,
        "  alt: Visitors talking",
        "  alt: Photo of visitors talking",
        file=COHORT,
    )
    found = refused(fixture_copy)
    assert [re.match(r"^(\S+?):(\d+): ([^:]+):", line).groups() for line in found] == [  # type: ignore[union-attr]  # each line has a place
        (COHORT, str(line_of(cohort, "alt: Photo of")), "cohort '2023-24', image, field 'alt'"),
        (PROJECTS, str(line_of(text, "src: images/harbour-walk.jpg")), f"project '{WALKS}', image, field 'src'"),
        (PROJECTS, str(line_of(text, "logo:")), f"project '{CIRCLE}', logo, field 'alt'"),
    ]


# -- the contract's other readers ----------------------------------------------------------------


def test_the_schema_asks_for_alt_unless_decorative_and_a_path_in_images(fixture_programme: Programme):
    validator = jsonschema.Draft202012Validator(projects_schema(fixture_programme))
    record = {"slug": "x", "name": "X", "cohort": "2023-24", "theme": "access", "aim": "To x."}

    def accepts(image: dict) -> bool:
        return validator.is_valid({"themes": [], "projects": [{**record, "image": image}]})

    assert accepts({"src": "images/walk.jpg", "alt": "Walkers on the wall"})
    assert accepts({"src": "images/walk.jpg", "decorative": True})
    assert accepts({"src": "images/walk.jpg", "decorative": "true"})
    assert not accepts({"src": "images/walk.jpg"})
    assert not accepts({"src": "images/walk.jpg", "decorative": "false"})
    assert not accepts({"src": "images/../walk.jpg", "alt": "Walkers"})
    assert not accepts({"src": "content/images/walk.jpg", "alt": "Walkers"})
    assert not accepts({"src": "images/walk.jpg", "alt": "Walkers", "caption": "x"})


def guide_block(title: str) -> str:
    guide = (REPO / "EDITING.md").read_text("utf-8")
    found = re.search(rf"^### {re.escape(title)}\n\n```text\n(.*?)\n```", guide, re.S | re.M)
    assert found, title
    return found.group(1)


def masked(line: str) -> str:
    """A message with what belongs to one programme masked: line numbers and quoted names."""
    line = re.sub(r"^(\S+?):\d+:", r"\1:N:", line)
    line = re.sub(r"'[^']*'", "'…'", line)
    return re.sub(r"Write alt: .*$", "Write alt: …", line)


@pytest.mark.parametrize(
    "title, old, new",
    [
        ("A picture that is not there", WALKS_SRC, "src: images/harbour-walk.jpg"),
        ('Alt text that starts "Photo of"', WALKS_ALT, "alt: Photo of walkers on the harbour wall"),
    ],
)
def test_the_editing_guide_shows_each_picture_problem_as_printed(fixture_copy: Path, title: str, old: str, new: str):
    edit_record(fixture_copy, WALKS, old, new)
    assert [masked(line) for line in refused(fixture_copy)] == [masked(guide_block(title))]


def test_the_editing_guide_lists_the_picture_fields():
    guide = (REPO / "EDITING.md").read_text("utf-8")
    section = guide[guide.index("### Picture fields") :]
    section = section[: section.find("\n### ", 1) if "\n### " in section[1:] else None]
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \| (yes|no) \|", section, re.M)
    assert [(name, kind.strip(), required == "yes") for name, kind, required in rows] == [
        (name, spec.kind, spec.required) for name, spec in PICTURE_FIELDS.items()
    ]
