"""What the editors' Markdown would publish otherwise than it reads is refused at its line
(showcase/reading/markdown_markup.py), and so is a character that shows nothing but changes a
value (showcase/reading/slips.py's HIDDEN_IN_TEXT): each with a valid case beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from content_edits import edit_record, line_of, loader_problems
from showcase.reading.markdown_markup import markup_problems
from showcase.reading.slips import slip
from showcase.wording.text import render_markdown

PAGE = "content/projects/harbour-walks.md"
NARRATED = "harbour-walks"


def messages(text: str, shown: str = PAGE, field: str = "") -> list[str]:
    """Each problem as `line: message fix`, the text starting on the file's line 10."""
    return [
        f"{problem.line}: {problem.message} {problem.fix}" for problem in markup_problems(text, shown, 10, "", field)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Plain words, **bold**, *italics* and [a link](https://example.org/a_(b)).",
        "An address in brackets, <https://example.org/>, and one to write to, <team@example.org>.",
        "A page's file is `projects/<slug>.md`, and `<b>` is how HTML writes bold.",
        "```\n<!-- code, shown as code -->\n<b>\n```",
        "[An e-mail](mailto:team@example.org), [a page](../cohorts/2023-24.md) and ![a photo](../images/walk.jpg).",
        "Fewer than 5 < 7 people > said so.",
    ],
)
def test_markdown_that_publishes_as_it_reads_passes(text: str):
    assert messages(text) == []


def test_an_html_comment_is_refused_at_its_line_as_the_site_would_publish_the_draft():
    assert messages("First line.\n\nA claim <!-- draft: check the 19 -->.\n<!-- a whole\nparagraph -->") == [
        f"{line}: '<!--' starts an HTML comment, which the site does not hide: the words up to '-->' would be "
        "published as typed. Delete the comment, from '<!--' to '-->'. A page has no hidden notes: keep drafts "
        "outside content/."
        for line in (12, 13)
    ]


def test_an_html_comment_in_a_summary_is_refused_at_its_line_with_where_a_note_may_go(fixture_copy: Path):
    text = edit_record(
        fixture_copy,
        NARRATED,
        "      Read the [partnership's",
        "      <!-- to check -->\n      Read the [partnership's",
    )
    assert loader_problems(fixture_copy) == [
        f"data/projects.yaml:{line_of(text, '<!-- to check -->')}: project '{NARRATED}', field 'summary': '<!--' "
        "starts an HTML comment, which the site does not hide: the words up to '-->' would be published as typed. "
        "Delete the comment, from '<!--' to '-->'. To keep a note for editors, write it on a line of its own above "
        "'summary:', starting with '#'."
    ]


@pytest.mark.parametrize(
    "tag, how",
    [
        ("<b>", "for bold, write **words**"),
        ("<strong class='x'>", "for bold, write **words**"),
        ("</em>", "for italics, write *words*"),
        ("<br/>", "leave an empty line where a new paragraph starts"),
        ('<a href="https://example.org/">', "write a link as [words](https://address)"),
        ("<H2>", "start a heading's line with '## '"),
        ("<marquee>", "delete '<marquee>' and any '</marquee>', keeping the words between them"),
    ],
)
def test_an_html_tag_is_refused_with_the_markdown_for_it(tag: str, how: str):
    assert messages(f"Some words {tag}here.") == [
        f"10: '{tag}' is HTML, which the site shows as typed. Editors write Markdown: {how}. EDITING.md shows "
        "bold, links, lists and headings."
    ]


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "![x](data:image/png;base64,AAAA)",
        "[x](file:///etc/passwd)",
    ],
)
def test_a_link_that_is_not_to_the_web_an_email_address_or_the_site_is_refused(link: str):
    found = messages(f"See {link} here.")
    assert len(found) == 1 and found[0].startswith("10: the address '"), found
    assert "is not a web page, an e-mail address or a page of the site" in found[0]


def test_a_link_defined_by_reference_is_checked_too():
    assert len(messages("See [the report][r].\n\n[r]: javascript:alert(1)")) == 1
    assert messages("See [the report][r].\n\n[r]: https://example.org/report") == []


def test_a_picture_from_another_website_is_refused_with_a_fix_for_a_page_and_for_a_summary():
    picture = "![the team](https://tracker.example/pixel.png)"
    said = (
        "10: the picture 'https://tracker.example/pixel.png' is on another website, and the site loads nothing from "
        "another website (it would learn who reads the page): it would be published as a link instead. Make it a "
        "link by deleting the '!' before '[', or "
    )
    assert messages(picture) == [
        said + "save the picture in content/images/ (if you may publish it) and point at that file."
    ]
    assert messages(picture, "data/projects.yaml", "summary") == [
        said + "put the picture in the project's story, content/projects/<slug>.md."
    ]
    assert messages("[the team](https://tracker.example/pixel.png)") == []  # a link to it is fine


@pytest.mark.parametrize(
    "value, code, cursor",
    [
        ("Harbour\u200b Walks", "U+200B", "straight after 'Harbour' and press Delete"),
        ("Harbour \u200bWalks", "U+200B", "straight before 'Walks' and press Backspace"),
        ("Well\u00adbeing", "U+00AD", "straight after 'Well' and press Delete"),
        ("I had not \u202etalked", "U+202E", "straight before 'talked' and press Backspace"),
        ("\ufeffHarbour", "U+FEFF", "straight before 'Harbour' and press Backspace"),
    ],
)
def test_a_character_that_shows_nothing_but_changes_a_value_is_refused(value: str, code: str, cursor: str):
    message, fix = slip(value) or ("", "")
    assert f"<{code}>" in message and "holds a character that shows nothing" in message, message
    assert fix == f"Put the cursor {cursor} once: the character goes, and nothing you can see changes."


@pytest.mark.parametrize(
    "value",
    [
        "می\u200cخواهم",  # Persian: a zero-width non-joiner between the parts of a word
        "क्\u200dष",  # Devanagari: a zero-width joiner
        "\u200fمرحبا",  # a right-to-left mark
    ],
)
def test_joiners_and_direction_marks_that_scripts_need_are_kept(value: str):
    assert slip(value) is None


def test_a_zero_width_space_in_a_name_is_refused_at_its_line(fixture_copy: Path):
    text = edit_record(fixture_copy, NARRATED, "name: Harbour Walks", "name: Harbour\u200b Walks")
    found = loader_problems(fixture_copy)
    assert len(found) == 1 and found[0].startswith(
        f"data/projects.yaml:{line_of(text, 'name: Harbour')}: project '{NARRATED}', field 'name': "
        "'Harbour<U+200B> Walks' holds a character that shows nothing (zero width space, U+200B)"
    ), found


def test_a_character_that_shows_nothing_in_a_page_is_refused_at_its_line():
    assert messages("Line one.\nA\u2066 word.") == [
        "11: 'A<U+2066> word.' holds a character that shows nothing (left-to-right isolate, U+2066): it usually "
        "comes with text copied from a web page or a document, and the site would publish it as a different text "
        "than it looks. Put the cursor straight after 'A' and press Delete once: the character goes, and nothing "
        "you can see changes."
    ]


# -- headings: the page's outline, which screen reader users move through by level -------------


def headings(text: str, under: int = 1, title_allowed: bool = False, field: str = "") -> list[str]:
    return [
        f"{problem.line}: {problem.message} {problem.fix}"
        for problem in markup_problems(text, PAGE, 10, "", field, under, title_allowed)
    ]


@pytest.mark.parametrize(
    "text, under, title_allowed",
    [
        ("## Why\n\nText.\n\n### How\n\n## Then", 1, False),
        ("# Our page\n\n## Why", 1, True),  # a page of the editors' own starts with its title
        ("#### A film without captions", 3, False),  # the accessibility statement's addition
        ("Some text.\n\n---\n\nMore text.", 1, False),  # a dividing line, an empty line above it
        ("- an item\n---", 1, False),
        ("\\#1 in the borough", 1, False),
        ("```\n# a comment in code\n```", 1, False),
    ],
)
def test_headings_that_keep_the_outline_pass(text: str, under: int, title_allowed: bool):
    assert headings(text, under, title_allowed) == []


def test_a_second_title_and_a_skipped_level_are_refused_at_their_lines():
    assert headings("## Why\n\n# Another title\n\n#### Deep") == [
        "12: a heading with one '#' is a page's title, and this text has its title already. Start the line with "
        "'## ' instead.",
        "14: this heading ('####') skips a level after the heading above it, so a screen reader would announce a "
        "part that is not there. Start the line with '## ' instead.",
    ]
    assert headings("# Title\n\n# Again", title_allowed=True) == [
        "12: a heading with one '#' is a page's title, and this text has its title already. Start the line with "
        "'## ' instead."
    ]


def test_a_summarys_headings_start_at_two_marks_and_are_shown_under_its_pages_summary_heading():
    assert headings("# Results\n\n## Fine", field="summary") == [
        "10: a heading with one '#' is a page's title, and this text has its title already. Start the line with "
        "'## ' instead."
    ]
    # "Summary" is an h2 on the project's page and in its PDFs: the summary's '##' is an h3 below it.
    assert render_markdown("## What the team did\n\nText.\n\n### Who came") == (
        "<h3>What the team did</h3>\n<p>Text.</p>\n<h4>Who came</h4>"
    )


def test_a_line_of_dashes_under_text_and_a_hash_meant_as_a_number_are_refused():
    assert headings("We helped 48 men\n---\n\n#1 in the borough") == [
        "11: this line of '-' under a line of text makes that line a heading. For a dividing line, leave an empty "
        "line above it; for a heading, start the line above with '## ' and delete this one.",
        "13: this line starts with '#', which Markdown reads as a heading: '#1 in the borough' would be a heading "
        "'1 in the borough'. If it is not a heading, put a backslash before the '#': '\\#1 in the borough'. If it "
        "is, put a space after '#'.",
    ]


def test_the_accessibility_statements_addition_may_not_climb_out_of_its_part(fixture_copy: Path):
    (fixture_copy / "content/accessibility.md").write_text("## A film\n\nIt has no captions yet.\n", "utf-8")
    assert loader_problems(fixture_copy) == [
        "content/accessibility.md:1: a heading with '##' here stands beside the part this text is in, not inside "
        "it. Start the line with '#### ' instead."
    ]


# -- text that vanishes ----------------------------------------------------------------------


def test_a_line_read_as_a_links_address_that_no_link_uses_is_refused_as_it_would_vanish():
    assert messages("Our news.\n\n[Update]: pending.\n\n[Note]: two words") == [
        "12: Markdown reads this line as the address of a link named '[Update]', which no link in the text uses, so "
        "the site would show nothing of it. If it is text, put a backslash before its first '[': '\\[Update]: "
        "pending.'. If it is a link, write it where it belongs, as [words](pending.)."
    ]
    assert messages("See [the report][r] and [r].\n\n[r]: https://example.org/report") == []
    assert messages("\\[Update]: pending.") == []


def test_numbers_multiplied_with_asterisks_that_markdown_reads_as_italics_are_refused():
    assert messages("It cost 5*3 and 2*4 pounds.") == [
        "10: Markdown reads the '*' in '5*3' and the next '*' on the line as the start and end of italics, so both "
        "would vanish. Write × (or 'times') for multiplying, or put a backslash before each '*': '5\\*3'."
    ]
    assert messages("It cost 5*3 pounds, *roughly*: 5\\*3 and 2\\*4.") != []  # the first '*' opens italics
    assert messages("It cost 5*3 pounds.") == messages("It cost 5\\*3 and 2\\*4.") == []


# -- another language in a page or a summary -------------------------------------------------


def test_a_paragraph_marked_with_its_language_reads_in_its_scripts_direction():
    assert render_markdown("Dzień dobry.\n{: lang=pl }\n\nمرحبا بكم.\n{: lang=ar }") == (
        '<p lang="pl">Dzień dobry.</p>\n<p dir="rtl" lang="ar">مرحبا بكم.</p>'
    )


def test_a_language_tag_in_an_attribute_list_that_names_no_language_is_refused_with_the_tag_meant():
    assert messages("Dzień dobry.\n{: lang=Polish }") == [
        "11: 'Polish' is not a language tag: the tag for Polish is pl. Write the language's tag: pl "
        "(https://r12a.github.io/app-subtags/ finds any tag)."
    ]
    assert messages("Bore da.\n{: lang=cy }") == []
