"""A record's picture (a project's photo and logo, a cohort's photo): its file checked and
measured, and its alt text checked for what a screen reader would make of it."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from showcase.fields import PICTURE_FIELDS
from showcase.loading.records import KIND_NAMES, RecordReader
from showcase.model import Picture
from showcase.pictures.picture_files import PictureRefused, PictureRole, measure_picture
from showcase.reading.source import Mapping, Scalar

# Alt text that says nothing a screen reader does not already say: "image of" (it announces an
# image), a file name (what it reads when there is no alt), the record's name alone (the heading
# beside the picture says it).
_ALT_OPENING = re.compile(
    r"^(an? |the )?(image|picture|photo|photograph|logo|graphic|icon|illustration|screenshot)s?"
    r"( of| showing|:| -)\s*",
    re.IGNORECASE,
)
_FILE_NAME = re.compile(
    r"\.(jpe?g|png|webp|gif|svg|heic|tiff?|bmp)$|^(img|dsc|dscn|pxl|dcim|screenshot|whatsapp image)[ _-]*\d",
    re.IGNORECASE,
)
_TRUE_OR_FALSE = {"true": True, "false": False}
_SAYS_TRUE = frozenset({"yes", "y", "on"})


def read_picture(
    reader: RecordReader, key: str, role: PictureRole, docs_dir: Path, within: Path, name: str | None = None
) -> Picture | None:
    """The record's picture `key`; None when it has none or is wrong (reported). `name`: a photo's
    record's, which its alt must say more than; a logo's organisation's, suggested as its alt."""
    node = reader.node.entries.get(key)
    if node is None:
        return None
    if not isinstance(node, Mapping):
        typed = node.text.strip() if isinstance(node, Scalar) else ""
        reader.report(
            key,
            f"expected a set of fields ({', '.join(PICTURE_FIELDS)}) but found {KIND_NAMES[type(node)]}.",
            f"Write it like this: {key}: {{src: {typed or 'images/...'}, alt: what it shows that matters}}",
        )
        return None
    picture = RecordReader(node, reader.file, f"{reader.label}, {key}", PICTURE_FIELDS, reader.problems)
    before = len(reader.problems)
    picture.check_keys()
    src = picture.text("src")
    decorative = _decorative(picture)
    alt = _alt(picture, role, decorative, src, name)
    credit = picture.text("credit")
    size = None
    if src is not None:
        try:
            size = measure_picture(docs_dir, src, role, within)
        except PictureRefused as refused:
            picture.report("src", refused.message, refused.fix)
    if len(reader.problems) > before or src is None or size is None:
        return None
    return Picture(src, alt or "", size[0], size[1], reader.line_of(key), bool(decorative), credit)


def _decorative(picture: RecordReader) -> bool | None:
    """`decorative: true` or `false`; False when absent, None when it is neither (reported)."""
    if "decorative" not in picture.node.entries:
        return False
    value = picture.text("decorative")
    if value is None:
        return None
    if value.casefold() in _TRUE_OR_FALSE:
        return _TRUE_OR_FALSE[value.casefold()]
    meant = "true" if value.casefold() in _SAYS_TRUE else "false"
    picture.report(
        "decorative",
        f"'{value}' is not true or false.",
        f"Write decorative: {meant}" + (", or delete the line." if meant == "false" else "."),
    )
    return None


def _alt(
    picture: RecordReader, role: PictureRole, decorative: bool | None, src: str | None, name: str | None
) -> str | None:
    """The alt text, checked; '' for a decorative picture, None when missing or refused (reported)."""
    node = picture.node.entries.get("alt")
    describe = (
        "Say what the picture shows that matters, in a sentence: who, doing what, where"
        if role == "photo"
        else "Write the organisation's name as the logo shows it"
    )
    if node is None or (isinstance(node, Scalar) and not node.text.strip()):
        if decorative is not False:
            return ""  # decorative, or not known to be: its own problem is reported
        found = "missing" if node is None else "empty"
        picture.report(
            "alt",
            f"the alt text is {found}: people who cannot see the picture are told what it shows by its alt text.",
            f"{describe} (e.g. alt: {PICTURE_FIELDS['alt'].example if role == 'photo' else name or 'Harbourside GP Care Group'}). "
            "If it adds nothing the text around it does not say, write decorative: true instead.",
        )
        return None
    alt = picture.text("alt")
    if alt is None:
        return None
    if decorative:
        picture.report(
            "alt",
            "the picture has alt text and is marked decorative, which hides it from screen readers: the alt text "
            "would never be read.",
            "If the picture shows something that matters, delete 'decorative: true'; if not, delete the 'alt' line.",
        )
        return None
    file_names = {PurePosixPath(src).name.casefold(), PurePosixPath(src).stem.casefold()} if src else set()
    if _FILE_NAME.search(alt) or alt.casefold() in file_names:
        picture.report(
            "alt",
            f"'{alt}' is a file's name, not what the picture shows.",
            f"{describe}. A screen reader already says it is a picture.",
        )
    elif opening := _ALT_OPENING.match(alt):
        rest = alt[opening.end() :].strip()
        picture.report(
            "alt",
            f"'{alt}' starts with '{opening.group(0).strip()}': a screen reader already says it is a picture.",
            f"Write alt: {rest[:1].upper() + rest[1:]}" if rest else f"{describe}.",
        )
    elif role == "photo" and name and _letters(alt) == _letters(name):
        picture.report(
            "alt",
            f"'{alt}' only repeats the name, which the page shows beside the picture.",
            f"{describe}, e.g. alt: {PICTURE_FIELDS['alt'].example}",
        )
    else:
        return alt
    return None


def _letters(text: str) -> str:
    return "".join(character for character in text.casefold() if character.isalnum())
