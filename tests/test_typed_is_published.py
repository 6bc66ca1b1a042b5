"""What the editor typed is what is published (issue 27): input that YAML or Markdown would read
otherwise than it looks to the person who typed it is refused at its line, with a fix that keeps
the text. Each case edits the fictional programme and pins the exact message."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from content_edits import edit, edit_record, line_of, loader_problems, record_edited, record_span, refused
from showcase.loading.load import ProgrammeSources, load_programme
from site_builds import NAMES

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


# -- what Word, e-mail and a phone keyboard put in text --------------------------------------------


def test_a_non_breaking_space_after_a_fields_colon_is_named_not_called_a_missing_colon(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "    organisation: Gullhaven Health Partnership\n",
        "    organisation:\u00a0Gullhaven Health Partnership\n",
    )
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, 'organisation:')}: the file cannot be read: the space after the ':' on this line is a "
        "non-breaking space (U+00A0), which does not count as a space there, so its field name and value run "
        "together. Delete the space after 'organisation:' and type an ordinary space in its place, keeping the value: "
        "it usually comes with text pasted from Word or an e-mail."
    ]


def test_a_non_breaking_space_before_a_fields_colon_is_named_at_the_field(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "    organisation: Gullhaven Health Partnership\n",
        "    organisation\u00a0: Gullhaven Health Partnership\n",
    )
    line = line_of(text, "organisation\u00a0:")
    assert refused(fixture_copy) == [
        f"{DATA}:{line}: {WALKS}, field 'organisation': there is a non-breaking space "
        "(U+00A0) between the field name 'organisation' and its ':', so the name is not read as 'organisation'. "
        "Delete the space between 'organisation' and ':', keeping the value: it usually comes with text pasted from "
        "Word or an e-mail."
    ]


def test_a_list_typed_with_word_processor_dashes_is_refused_with_the_dash_to_type(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "      - 48 men joined at least one walk.\n      - 19 walkers",
        "      – 48 men joined at least one walk.\n      – 19 walkers",
    )
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, '– 48 men')}: {WALKS}, field 'outcomes': the items start with '–' (U+2013), not the "
        "'-' that starts a list item, so they are read as one line of text. Replace the '–' at the start of each "
        "item with '-' (the hyphen key), keeping the text after it."
    ]


def test_an_empty_quotes_field_is_told_how_a_quote_is_written(fixture_copy: Path):
    text = edit(
        fixture_copy,
        '    links:\n      - title: "Gullhaven',
        '    links:\n    quotes:\n    xlinks:\n      - title: "Gullhaven',
    )
    text = edit(fixture_copy, "    quotes:\n      - text: I had", "    zquotes:\n      - text: I had")
    found = refused(fixture_copy)
    assert (
        f"{DATA}:{line_of(text, '    quotes:')}: {WALKS}, field 'quotes': 'quotes' is empty. Put each item on the "
        "lines below it, indented, starting '- text: It has allowed us to ...' with 'attribution: Sahdia Warraich, "
        "Social Prescribing Manager' on the line under it, lined up with 'text'; or delete the line 'quotes:'."
    ) in found
    assert not any("see the example record" in line for line in found), found


def test_an_empty_list_of_text_is_called_empty(fixture_copy: Path):
    text = edit(fixture_copy, "    tags: [men, older people, walking]\n", "    tags:\n")
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, '    tags:')}: {WALKS}, field 'tags': 'tags' is empty. Put its items on the lines "
        "below it, indented, each starting '- '; or delete the line 'tags:'."
    ]


def test_a_half_commented_quote_is_never_told_to_delete_the_other_attribution(fixture_copy: Path):
    text = edit(fixture_copy, "      - text: Spacery", "      # - text: Spacery")
    found = refused(fixture_copy)
    commented = line_of(text, "# - text: Spacery")
    assert found == [
        f"{DATA}:{commented + 1}: {WALKS}, quote 1, field 'attribution': 'attribution' appears twice in this item, on "
        f"line {line_of(text, 'attribution: A walker')} and on line {commented + 1}: line {commented} between them is "
        "commented out with '#', so the lines after it are read into the item above. Delete the '#' at the start of "
        f"line {commented} to bring that line back; to leave its item out, put '#' before each of the item's lines, "
        "this one included. Do not delete only one of the 'attribution' lines."
    ]


def test_a_project_pasted_under_themes_is_told_to_move_under_projects(fixture_copy: Path):
    path = fixture_copy / DATA
    text = path.read_text("utf-8")
    start = text.index("  - slug: zest-peer-mentors\n")
    end = text.find("\n  - slug: ", start + 1) + 1 or len(text)
    record = text[start:end].rstrip("\n") + "\n"
    text = text[:start] + text[end:]
    text = text.replace("\nprojects:\n", f"\n{record}\nprojects:\n")
    path.write_text(text, "utf-8")
    first = line_of(text, "slug: zest-peer-mentors")
    last = first + record.count("\n") - 1
    assert refused(fixture_copy) == [
        f"{DATA}:{first}: theme: this item is a project (slug 'zest-peer-mentors'), but it is in the list of themes, "
        f"which holds themes only. Move the whole item, from this line to line {last}, under 'projects:', lined up "
        "with the other projects' '- '. Nothing needs retyping."
    ]


def test_a_place_named_by_one_of_its_words_is_matched_on_that_word_not_on_spelling():
    from showcase.problems import did_you_mean

    boroughs = ["Islington", "Kingston upon Thames", "Kensington and Chelsea", "Havering", "Barking and Dagenham"]
    assert did_you_mean("Kingston", boroughs) == " (did you mean 'Kingston upon Thames'?)"
    assert did_you_mean("Barking", boroughs) == " (did you mean 'Barking and Dagenham'?)"
    assert did_you_mean("Islingtn", boroughs) == " (did you mean 'Islington'?)"


def test_a_borough_given_by_its_last_word_is_suggested_in_full(fixture_copy: Path):
    text = edit(fixture_copy, f"    {NAMES.areas}: [Gullhaven]\n", f"    {NAMES.areas}: [Gullhaven, Linton]\n")
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, 'Linton]')}: {WALKS}, field '{NAMES.areas}': 'Linton' is not an area in "
        "data/geography.yaml (did you mean 'St Fara’s & Linton'?). Write the name exactly as the geography file "
        "does, e.g. 'Ashby Vale'."
    ]


# -- messages on the slip's own line, with a fix that loses nothing ---------------------------------


def test_a_quote_mark_never_closed_is_named_where_it_opens_though_a_later_one_closes_it(fixture_copy: Path):
    text = edit(fixture_copy, "    name: Harbour Walks\n", '    name: "Harbour Walks\n')
    line = line_of(text, 'name: "Harbour Walks')
    assert refused(fixture_copy) == [
        f"{DATA}:{line}: the file cannot be read: a quote mark opened on this line "
        'is never closed, so the lines after it are read as its text. Put a " at the end of the value on this line, '
        "or delete the one at its start."
    ]


def test_text_with_a_colon_is_given_the_line_to_write_and_that_line_reads_back_as_typed(fixture_copy: Path):
    typed = "Harbour Walks: the “Walk & Talk” group's walks"
    text = edit(fixture_copy, "    name: Harbour Walks\n", f"    name: {typed}\n")
    fixed = f'name: "{typed}"'
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, typed)}: the file cannot be read: the value on this line holds a ':' that reads as the "
        f"start of another field, as the value is not in quote marks. Put the whole value in quote marks: {fixed}"
    ]
    edit(fixture_copy, f"    name: {typed}\n", f"    {fixed}\n")
    assert load_programme(ProgrammeSources.in_folder(fixture_copy)).project_with_slug("harbour-walks").name == typed


# -- a change that alters no record's content changes no record's "Last updated" ---------------------

FIRST_DAY, LAYOUT_DAY, EDIT_DAY = "2024-02-03T12:00:00Z", "2024-05-06T12:00:00Z", "2024-08-09T12:00:00Z"


def _indented(text: str) -> str:
    """projects.yaml with the list of projects indented two spaces further: the same records."""
    head, projects = text.split("\nprojects:\n", 1)
    return head + "\nprojects:\n" + "".join(f"  {line}" if line.strip() else line for line in projects.splitlines(True))


def test_re_indenting_reordering_and_spacing_records_changes_no_records_last_updated(fixture_copy: Path):
    from showcase.wording.provenance import History, last_changed
    from test_open_data import git_commit_everything

    path = fixture_copy / DATA
    git_commit_everything(fixture_copy, FIRST_DAY)
    text = path.read_text("utf-8")
    # The same records, laid out otherwise: indented further, two swapped, a field moved within its
    # record, empty lines and a note added.
    start, end = record_span(text, "zest-peer-mentors")
    zest = text[start:end].rstrip("\n") + "\n\n"
    text = text[:start] + text[end:].lstrip("\n")
    text = text.replace("  - slug: harbour-walks\n", zest + "  - slug: harbour-walks\n", 1)
    text = record_edited(text, "harbour-walks", "    theme: access\n", "")
    text = record_edited(
        text,
        "harbour-walks",
        f"    {NAMES.areas}: [Gullhaven]\n",
        f"    {NAMES.areas}: [Gullhaven]\n    theme: access\n",
    )
    text = text.replace(
        "\n  - slug: al-noor-wellbeing-circle\n",
        "\n\n  # Checked with the team in May.\n  - slug: al-noor-wellbeing-circle\n",
    )
    path.write_text(_indented(text), "utf-8")
    _commit(fixture_copy, LAYOUT_DAY)
    before = load_programme(ProgrammeSources.in_folder(fixture_copy))
    # One record's content changed.
    edit(fixture_copy, "To keep link workers in post for longer", "To keep link workers in post for much longer")
    _commit(fixture_copy, EDIT_DAY)
    programme = load_programme(ProgrammeSources.in_folder(fixture_copy))
    assert [project.slug for project in before.projects] == [project.slug for project in programme.projects]
    dates = last_changed(History(fixture_copy, True), programme, DATA, "content")
    assert dates == {
        project.slug: dt.date(2024, 8, 9) if project.slug == "link-worker-retention-pilot" else dt.date(2024, 2, 3)
        for project in programme.projects
    }


def _commit(root: Path, date: str) -> None:
    env = {**os.environ, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date}
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(root)]
    subprocess.run([*git, "commit", "-qam", "layout"], check=True, env=env)


# -- Markdown read otherwise than it looks ------------------------------------------------------------

STORY = "content/projects/harbour-walks.md"


def test_a_paragraph_pasted_with_an_indent_is_refused_as_it_would_show_as_code(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "Most of the men the team wanted to reach",
        "    Most of the men the team wanted to reach",
        STORY,
    )
    assert refused(fixture_copy) == [
        f"{STORY}:{line_of(text, 'Most of the men')}: this line starts with 4 spaces or more (or a tab) after an empty "
        "line, so Markdown shows it as computer code in a box, not as text. Delete the spaces at the start of the "
        "line, and of the indented lines under it, keeping the text."
    ]


def test_a_list_items_indented_paragraph_and_a_fenced_block_are_not_code_slips(fixture_copy: Path):
    edit(
        fixture_copy,
        "- Nobody had to book.\n",
        "- Nobody had to book.\n\n    Not even the first time.\n\n```\n    kept as typed\n```\n\n- One more.\n",
        STORY,
    )
    assert loader_problems(fixture_copy) == []


def test_spaces_at_the_end_of_a_summarys_line_are_refused_as_an_invisible_line_break(fixture_copy: Path):
    text = edit(fixture_copy, "Walkers met a link\n", "Walkers met a link  \n")
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, 'six months')}: {WALKS}, field 'summary': this line ends with spaces, which Markdown "
        "turns into a line break that nothing on the line shows. Delete the spaces at the end of the line. If the "
        "next line should start on a line of its own, leave an empty line before it."
    ]


def test_text_with_a_colon_in_curly_quotes_is_given_straight_quotes_in_their_place(fixture_copy: Path):
    text = edit(fixture_copy, "    name: Harbour Walks\n", "    name: “Harbour Walks: Gullhaven”\n")
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, 'Harbour Walks: Gullhaven')}: the file cannot be read: the value on this line holds a "
        "':' that reads as the start of another field, as the value is not in quote marks. Put the whole value in "
        'quote marks: name: "Harbour Walks: Gullhaven"'
    ]


# -- characters that show nothing, in an address ------------------------------------------------------


def test_a_zero_width_space_in_a_cohort_id_is_named_not_called_a_missing_cohort(fixture_copy: Path):
    text = edit_record(fixture_copy, "harbour-walks", "    cohort: 2023-24\n", "    cohort: 2023\u200b-24\n")
    line = line_of(text, "2023\u200b-24")
    assert refused(fixture_copy) == [
        f"{DATA}:{line}: {WALKS}, field 'cohort': '2023<U+200B>-24' holds a character that "
        "shows nothing (zero width space, U+200B), which an address cannot hold: it usually comes with text copied "
        "from a web page or a document. Retype it: '2023-24'."
    ]


def test_a_soft_hyphen_in_an_earlier_slug_is_named_with_the_hyphen_it_stands_for(fixture_copy: Path):
    text = edit(fixture_copy, "previous_slugs: [retention-pilot,", "previous_slugs: [retention\u00adpilot,")
    line = line_of(text, "retention\u00adpilot")
    assert refused(fixture_copy) == [
        f"{DATA}:{line}: project 'link-worker-retention-pilot', field "
        "'previous_slugs': 'retention<U+00AD>pilot' holds a character that shows nothing (soft hyphen, U+00AD), "
        "which an address cannot hold: it usually comes with text copied from a web page or a document. Retype it: "
        "'retention-pilot'."
    ]


def test_a_field_indented_under_the_one_above_without_its_space_is_not_read_as_more_text(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "    organisation: Gullhaven Health Partnership\n",
        "    organisation: Gullhaven Health Partnership\n      funder:Fernshire Council\n",
    )
    assert refused(fixture_copy) == [
        f"{DATA}:{line_of(text, 'funder:')}: field 'organisation': this line looks like the field 'funder', but it is "
        "read as more of the text of 'organisation' above it. If it is a field, line it up with 'organisation:' and put "
        "a space after 'funder:'; if it is text, put the whole value of 'organisation' in quote marks."
    ]


def test_an_address_on_the_second_line_of_a_value_is_text(fixture_copy: Path):
    edit(
        fixture_copy,
        "    organisation: Gullhaven Health Partnership\n",
        "    organisation: Gullhaven Health Partnership, see\n      https://example.org/ghp\n",
    )
    assert loader_problems(fixture_copy) == []
