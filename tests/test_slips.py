"""The slips comms editors really make, which YAML reads without complaint: each is refused by
the check at its own line, with advice that keeps the editor's text."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from content_edits import edit, line_of, loader_problems, refused
from site_builds import REPO, copy_project, showcase_command

DATA = "data/projects.yaml"


def test_a_word_processor_bullet_after_the_dash_is_refused_at_its_line(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "      - 48 men joined at least one walk.\n      - 19 walkers",
        "      - •\t48 men joined at least one walk.\n      - 19 walkers",
    )
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, '•')}: project 'harbour-walks', field 'outcomes': it starts with a bullet ('•') pasted "
        "from a word processor. Delete the '•' and the space after it: the '- ' before it already makes a list item."
    ]


def test_a_value_wrapped_in_curly_quotes_is_refused_and_told_to_keep_the_text(fixture_copy: Path):
    text = edit(
        fixture_copy, "    organisation: Fernshire Rural Action\n", "    organisation: “Fernshire Rural Action”\n"
    )
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, '“Fernshire Rural Action”')}: project 'coast-and-country-connectors', field 'organisation': "
        "the whole value is wrapped in the quote marks “ and ”, which the site would show. Delete the “ at its start "
        "and the ” at its end; keep the text between them."
    ]


@pytest.mark.parametrize(
    "typed, mark",
    [
        ('"\\"Fernshire Rural Action\\""', '"'),
        ("'\"Fernshire Rural Action\"'", '"'),
        ("\"'Fernshire Rural Action'\"", "'"),
    ],
)
def test_a_value_wrapped_in_straight_quote_marks_inside_yamls_is_refused(fixture_copy: Path, typed: str, mark: str):
    text = edit(fixture_copy, "    organisation: Fernshire Rural Action\n", f"    organisation: {typed}\n")
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, 'Fernshire Rural Action')}: project 'coast-and-country-connectors', field "
        f"'organisation': the whole value is wrapped in the quote marks {mark} and {mark}, which the site would show. "
        f"Delete the {mark} at its start and the {mark} at its end; keep the text between them."
    ]


def test_two_titles_each_in_straight_quote_marks_are_not_one_value_wrapped(fixture_copy: Path):
    edit(fixture_copy, "    organisation: Fernshire Rural Action\n", '    organisation: \'"Walks" and "Talks"\'\n')
    assert loader_problems(fixture_copy) == []


def test_an_outcome_that_lost_its_dash_is_refused_at_the_line_that_lost_it(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "      - 41 met the link worker at least once.\n",
        "        41 met the link worker at least once.\n",
    )
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, '41 met the link worker')}: project 'young-carers-connect', field 'outcomes': this line "
        f"carries on the item on line {line_of(text, '- 64 students said')}: if it is an item of its own, its '- ' was lost. "
        "Put '- ' back at the start of this line, lined up with the '- ' above; if it is one long item, join this line "
        "to the one above."
    ]


def test_a_quote_that_lost_its_dash_is_told_to_put_it_back_not_to_delete_a_line(fixture_copy: Path):
    text = edit(fixture_copy, "      - text: Spacery", "        text: Spacery")
    found = refused(fixture_copy)
    assert found == [
        f"{DATA}:{line_of(text, 'text: Spacery')}: project 'harbour-walks', quote 1, field 'text': a new item seems to "
        f"start on this line without its '- ': its fields are read into the item that starts on line "
        f"{line_of(text, 'text: I had not talked')}, which then has 'text' twice. Put '- ' back before 'text:' on this "
        "line, lined up with the '- ' of the item above. Nothing needs deleting."
    ]
    assert "delete" not in found[0].split("Nothing needs deleting")[0].lower()


def test_a_project_that_lost_its_dash_is_told_to_put_it_back(fixture_copy: Path):
    text = edit(fixture_copy, "  - slug: zest-peer-mentors\n", "    slug: zest-peer-mentors\n")
    assert refused(fixture_copy)[0] == (
        f"{DATA}:{line_of(text, 'slug: zest-peer-mentors')}: project 'young-carers-connect', field 'slug': a new item "
        f"seems to start on this line without its '- ': its fields are read into the item that starts on line "
        f"{line_of(text, 'slug: young-carers-connect')}, which then has 'slug' twice. Put '- ' back before 'slug:' on "
        "this line, lined up with the '- ' of the item above. Nothing needs deleting."
    )


@pytest.mark.real_content
def test_the_example_record_uncommented_and_saved_unedited_is_refused_field_by_field(fixture_copy: Path):
    header = (REPO / DATA).read_text("utf-8").splitlines()
    example = [line for line in header if line.startswith("#  - slug: example-project")]
    if not example:
        pytest.skip(f"the repository's {DATA} has no commented example record")  # another programme's may not
    start = header.index(example[0])
    end = next(number for number in range(start, len(header)) if header[number].startswith("#    unconfirmed:"))
    record = "\n".join(line[1:].split("  #")[0].rstrip() for line in header[start : end + 1])
    record = record.replace("cohort: 2022-23", "cohort: 2023-24").replace("[Camden, Islington]", "[Dunmere]")
    path = fixture_copy / DATA
    path.write_text(path.read_text("utf-8") + "\n" + record + "\n", "utf-8")
    found = refused(fixture_copy)
    assert any("field 'slug': 'example-project' is the example record's placeholder" in line for line in found), found
    for field in ("name", "organisation", "pcn", "summary"):
        assert any(f"field '{field}': " in line and "example record's placeholder" in line for line in found), (
            field,
            found,
        )
    assert any(
        "quote 1, field 'attribution': 'Name, role' is the example record's placeholder" in line for line in found
    ), found


@pytest.mark.real_content
def test_the_slips_are_found_in_a_copy_of_the_real_data(tmp_path: Path):
    """Whatever the real records are: a bullet before the first aim, curly quotes around the
    second name, and a lost dash in a list of tags added to a later record that has none."""
    root = copy_project(tmp_path / "real")
    path = root / DATA
    lines = path.read_text("utf-8").splitlines(keepends=True)
    aims = [number for number, line in enumerate(lines) if line.startswith("    aim: ")]
    names = [number for number, line in enumerate(lines) if line.startswith("    name: ")]
    starts = [number for number, line in enumerate(lines) if line.startswith("  - slug: ")] + [len(lines)]
    untagged = next(
        name
        for name in names[2:]
        for start, end in itertools.pairwise(starts)
        if start < name < end and not any(line.startswith("    tags:") for line in lines[start:end])
    )
    lines[aims[0]] = lines[aims[0]].replace("    aim: ", "    aim: • ", 1)
    lines[names[1]] = "    name: “" + lines[names[1]][len("    name: ") :].rstrip("\n") + "”\n"
    lines.insert(untagged + 1, "    tags:\n      - first tag\n        second tag\n")
    path.write_text("".join(lines), "utf-8")
    result = showcase_command(root, "check")
    assert result.returncode == 1
    reported = result.stderr
    assert f"{DATA}:{aims[0] + 1}: " in reported and "it starts with a bullet ('•')" in reported, reported
    assert f"{DATA}:{names[1] + 1}: " in reported and "wrapped in the quote marks “ and ”" in reported, reported
    assert f"{DATA}:{untagged + 4}: " in reported and "its '- ' was lost" in reported, reported
    assert reported.count("\n  ") == 3, reported


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "    organisation: Fernshire Rural Action\n",
            "    organisation:Fernshire Rural Action\n",
            "there is no space after the ':' on this line, so its field name and value run together. Put a space "
            "after 'organisation:', keeping the value.",
        ),
        (
            "    organisation: Fernshire Rural Action\n",
            "    Fernshire Rural Action\n",
            "this line has no ':' after a field name: it may be text that lost its field, or a field missing its "
            "':'. If it is text, put it back after its field's name and ':' (or join it to the line above); if it is "
            "a field, put ':' and a space after its name.",
        ),
    ],
)
def test_a_missing_colon_or_space_is_reported_at_the_line_of_the_slip_in_plain_words(
    fixture_copy: Path, old: str, new: str, expected: str
):
    text = edit(fixture_copy, old, new)
    found = refused(fixture_copy)
    assert found == [f"{DATA}:{line_of(text, new.strip())}: the file cannot be read: {expected}"]
    assert "simple key" not in found[0]


def test_a_list_typed_straight_after_its_paragraph_is_refused_in_a_summary_and_a_page(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "worker on the way, not in a surgery.\n\n      - 48 men",
        "worker on the way, not in a surgery.\n      - 48 men",
    )
    story = fixture_copy / "content/projects/harbour-walks.md"
    story.write_text(
        story.read_text("utf-8").replace(
            "## What the walkers said\n\n- The walks", "## What the walkers said\n\nThey said:\n- The walks"
        ),
        "utf-8",
    )
    story_line = story.read_text("utf-8").splitlines().index("- The walks were at the same time every week.") + 1
    fix = "this list starts straight after a paragraph, so Markdown runs it on into the paragraph. Put an empty line before the list."
    assert refused(fixture_copy) == [
        f"content/projects/harbour-walks.md:{story_line}: {fix}",
        f"{DATA}:{line_of(text, '      - 48 men joined')}: project 'harbour-walks', field 'summary': {fix}",
    ]


def test_a_link_or_picture_to_a_file_that_does_not_exist_is_refused_by_the_check(fixture_copy: Path):
    story = fixture_copy / "content/projects/harbour-walks.md"
    story.write_text(
        story.read_text("utf-8")
        + "\nSee [the bus](coast-and-country-connectors.md), [the finder](../projects/index.md), "
        "[a lost page](coast-and-country.md) and ![a photo](photos/walk.png).\n",
        "utf-8",
    )
    line = len(story.read_text("utf-8").splitlines())
    advice = (
        "Check the spelling against the file names in content/ (a project's page is 'projects/<slug>.md'), "
        "or use the full address starting https://."
    )
    assert refused(fixture_copy) == [
        f"content/projects/harbour-walks.md:{line}: this link points at 'coast-and-country.md', which is not a file of the site. {advice}",
        f"content/projects/harbour-walks.md:{line}: this picture points at 'photos/walk.png', which is not a file of the site. {advice}",
    ]


def test_the_check_finds_characters_the_pdfs_have_no_font_for_before_any_pdf_is_made(fixture_copy: Path):
    text = edit(fixture_copy, "On the wall it felt easy.", "On the wall it felt easy ☃.")
    result = showcase_command(fixture_copy, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[1:] == [
        f"  {DATA}:{line_of(text, '- slug: harbour-walks')}: project 'harbour-walks': the PDFs have no font for '☃' "
        "(U+2603), so each would print as an empty box. Write the text without them, or ask a developer to add a "
        "font that has them to theme/print/fonts/."
    ]
    assert not (fixture_copy / "site").exists() and not (fixture_copy / ".cache").exists()


def test_a_picture_of_the_sites_own_files_in_a_summary_is_refused_with_where_it_belongs(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "      Read the [partnership's report]",
        "      ![The harbour wall](/etc/hostname)\n\n      Read the [partnership's report]",
    )
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, '![The harbour wall]')}: project 'harbour-walks', field 'summary': the picture "
        "'/etc/hostname' cannot be shown: a summary is also printed in the PDFs, which use no files of the site. Move "
        "the picture into the project's story, content/projects/<slug>.md, and keep the summary to text."
    ]
