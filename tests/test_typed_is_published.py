"""What the editor typed is what is published (issue 27): input that YAML or Markdown would read
otherwise than it looks to the person who typed it is refused at its line, with a fix that keeps
the text. Each case edits the fictional programme and pins the exact message."""

from __future__ import annotations

from pathlib import Path

from content_edits import edit, edit_record, line_of, loader_problems, refused
from showcase.load import ProgrammeSources, load_programme

DATA = "data/projects.yaml"
WALKS = "project 'harbour-walks'"
WALKS_AIM = (
    "To reach older fishermen in Gullhaven who never visit their GP, through weekly walks along the harbour wall."
)
NOTE = "a space then '#' starts a note for editors, which is left out"
OWN_LINE = "move it onto a line of its own above this one, starting with '#'"


# -- ' #' in a value: YAML reads the rest of the line as a comment ------------------------------


def test_a_hashtag_in_plain_text_is_refused_with_the_line_to_write_and_that_line_keeps_every_word(
    fixture_copy: Path,
):
    typed = "To reach older fishermen in PCN #3 and #4 of Gullhaven, through the “Walk & Talk” walks."
    text = edit(fixture_copy, f"    aim: {WALKS_AIM}\n", f"    aim: {typed}\n")
    fixed = 'aim: "To reach older fishermen in PCN #3 and #4 of Gullhaven, through the “Walk & Talk” walks."'
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, typed)}: {WALKS}, field 'aim': {NOTE}: the site would publish 'To reach older "
        "fishermen in PCN' without '#3 and #4 of Gullhaven, through the “Walk & Talk” walks.'. If '#3 and #4 of "
        f"Gullhaven, through the “Walk & Talk” walks.' is part of the text, put the whole value in quote marks: {fixed} "
        f"If it is a note, {OWN_LINE}."
    ]
    edit(fixture_copy, f"    aim: {typed}\n", f"    {fixed}\n")
    programme = load_programme(ProgrammeSources.in_folder(fixture_copy))
    assert programme.project_with_slug("harbour-walks").aim == typed


def test_the_fix_for_a_hashtag_keeps_double_quote_marks_and_backslashes_typed_in_the_text(fixture_copy: Path):
    typed = 'The "Walk \\ Talk" group\'s walks #2'
    text = edit(fixture_copy, "    organisation: Gullhaven Health Partnership\n", f"    organisation: {typed}\n")
    fixed = 'organisation: "The \\"Walk \\\\ Talk\\" group\'s walks #2"'
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, typed)}: {WALKS}, field 'organisation': {NOTE}: the site would publish 'The \"Walk \\ "
        "Talk\" group's walks' without '#2'. If '#2' is part of the text, put the whole value in quote marks: "
        f"{fixed} If it is a note, {OWN_LINE}."
    ]
    edit(fixture_copy, f"    organisation: {typed}\n", f"    {fixed}\n")
    programme = load_programme(ProgrammeSources.in_folder(fixture_copy))
    assert programme.project_with_slug("harbour-walks").organisation == typed


def test_a_value_that_starts_with_a_hashtag_is_refused_not_called_empty(fixture_copy: Path):
    text = edit(fixture_copy, "    pcn: Gullhaven and Harrowmouth PCN\n", "    pcn: #3 Gullhaven\n")
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, 'pcn: #3')}: {WALKS}, field 'pcn': {NOTE}: the value would be empty, without "
        "'#3 Gullhaven'. If '#3 Gullhaven' is part of the text, put the whole value in quote marks: "
        f'pcn: "#3 Gullhaven" If it is a note, {OWN_LINE}.'
    ]


def test_a_hashtag_after_an_outcome_is_refused_at_the_items_line(fixture_copy: Path):
    text = edit(fixture_copy, "      - 19 walkers", "      - #19 walkers")
    line = line_of(text, "- #19 walkers")
    rest = text.splitlines()[line - 1].split("- #19 ", 1)[1]
    assert refused(fixture_copy) == [
        f"{DATA}:{line}: {WALKS}, field 'outcomes': {NOTE}: the value would be empty, without '#19 {rest}'. If "
        f"'#19 {rest}' is part of the text, put the whole value in quote marks: - \"#19 {rest}\" If it is a note, "
        f"{OWN_LINE}."
    ]


def test_a_hashtag_after_a_value_in_quote_marks_is_told_to_go_inside_them(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "    organisation: Gullhaven Health Partnership\n",
        '    organisation: "Gullhaven Health Partnership" #NHS\n',
    )
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, '#NHS')}: {WALKS}, field 'organisation': {NOTE}: the site would publish 'Gullhaven "
        "Health Partnership' without '#NHS'. If '#NHS' is part of the text, move it inside the quote marks; if it is "
        f"a note, {OWN_LINE}."
    ]


def test_a_hashtag_at_the_end_of_a_value_over_two_lines_names_where_the_value_starts(fixture_copy: Path):
    text = edit(
        fixture_copy,
        f"    aim: {WALKS_AIM}\n",
        "    aim: To reach older fishermen in Gullhaven\n      through weekly walks #walktalk\n",
    )
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, '#walktalk')}: {WALKS}, field 'aim': {NOTE}: the site would publish 'To reach older "
        "fishermen in Gullhaven through weekly walks' without '#walktalk'. If '#walktalk' is part of the text, put "
        f"the whole value in quote marks, from its start on line {line_of(text, 'aim: To reach')} to the end of this "
        f"line; if it is a note, {OWN_LINE}."
    ]


def test_a_hashtag_after_a_list_in_brackets_is_refused(fixture_copy: Path):
    text = edit(
        fixture_copy, "    tags: [men, older people, walking]\n", "    tags: [men, older people, walking] #health\n"
    )
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, '#health')}: {WALKS}, field 'tags': {NOTE}: '#health' would not be published. If it "
        f"is a note, {OWN_LINE}; if it is part of the list, write it as an item of its own, in quote marks."
    ]


def test_notes_written_as_notes_and_on_lines_of_their_own_are_accepted(fixture_copy: Path):
    edit_record(
        fixture_copy,
        "harbour-walks",
        "    theme: access\n",
        "    # Theme agreed with the team.\n    theme: access  # email\n",
    )
    edit(
        fixture_copy,
        "    tags: [men, older people, walking]\n",
        "    tags: [men, older people, walking]  # for search\n",
    )
    assert loader_problems(fixture_copy) == []
