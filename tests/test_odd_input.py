"""Odd input that used to pass unnoticed or end in a traceback: text made only of characters that
show nothing, and files of the wrong shape or encoding. Each is refused with its file, line and a
fix, by the loader (as `scripts/check` and the build both run it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from content_edits import edit_record, line_of, refused
from showcase.identity import IdentityProblems, load_identity
from site_builds import MINIMAL_IDENTITY, run_mkdocs_build, showcase_command

NARRATED = "harbour-walks"
# A zero-width space, and a zero-width space with a word joiner: each shows nothing on the page.
INVISIBLE = ["\\u200b", "\\u200b\\u2060", "\\ufeff \\u200d"]


@pytest.mark.parametrize("invisible", INVISIBLE)
def test_a_name_of_invisible_characters_only_is_refused_at_its_line(fixture_copy: Path, invisible: str):
    written = f'name: "{invisible}"'
    text = edit_record(fixture_copy, NARRATED, "name: Harbour Walks", written)
    assert refused(fixture_copy) == [
        f"data/projects.yaml:{line_of(text, written)}: project '{NARRATED}', field 'name': 'name' "
        "holds only characters that show nothing (such as a zero-width space). Fill it in. The project's name as "
        "the programme publishes it."
    ]


def test_a_quote_attribution_and_an_outcome_of_invisible_characters_only_are_refused(fixture_copy: Path):
    edit_record(fixture_copy, NARRATED, "attribution: A walker, aged 71", 'attribution: "\\u200b\\u2060"')
    outcome = '- "\\u2060"'
    text = edit_record(fixture_copy, NARRATED, "- 19 walkers went on to meet a link worker.", outcome)
    found = refused(fixture_copy)
    assert found == [
        f"data/projects.yaml:{line_of(text, outcome)}: project '{NARRATED}', field 'outcomes': each item of "
        "'outcomes' must be a line of text, but found an item that holds only characters that show nothing (such "
        "as a zero-width space). Write one item per line, each starting '- '. Example: outcomes: "
        + found[0].rpartition("Example: outcomes: ")[2],
        f"data/projects.yaml:{line_of(text, 'attribution: ')}: project '{NARRATED}', quote 1, field 'attribution': "
        + found[1].partition("field 'attribution': ")[2],
    ]
    assert "holds only characters that show nothing (such as a zero-width space)" in found[1]


def test_a_programme_name_of_invisible_characters_only_is_refused():
    identity = MINIMAL_IDENTITY | {"name": "\u200b\u2060"}
    with pytest.raises(IdentityProblems) as problems:
        load_identity(identity)
    assert problems.value.problems == [
        "extra.programme.name holds only characters that show nothing (such as a zero-width space); it must be "
        'text: the programme\'s name. Type it again, e.g. name: "Example Improvement Programme".'
    ]


# -- pictures the pages show: the check reads them as the build does ------------------------------

NOT_A_PICTURE = (
    "is not a picture the site can read: it may be another kind of file renamed, or damaged. Open it in a "
    "picture viewer and save it again as a JPEG (a photo) or PNG (a logo)."
)


@pytest.mark.build
@pytest.mark.parametrize(
    "name, data",
    [
        ("images/empty.png", b""),
        ("images/notes.jpg", b"Minutes of the steering group, not a photo."),
        ("projects/cut.gif", b"GIF89a\x28\x00\x1e\x00\x00\x00\x00\x2c\x00\x00"),
    ],
)
def test_a_file_named_as_a_picture_that_is_not_one_is_refused_by_check_and_build(
    fixture_copy: Path, name: str, data: bytes
):
    (fixture_copy / "content" / name).write_bytes(data)
    expected = f"  content/{name}: '{name}' {NOT_A_PICTURE}"
    check = showcase_command(fixture_copy, "check")
    assert check.returncode == 1 and expected in check.stderr, check.stdout + check.stderr
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 1 and not build.site.exists(), build.output
    assert expected in build.output
