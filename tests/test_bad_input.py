"""What the comms team sees when an edit is wrong: the real `mkdocs build` on a copy of the
fictional programme under tests/fixture/.

Each test breaks the copy's own files in one way (or, at the end, in several ways at once), runs
the real MkDocs CLI and checks that the build

* exits with code 1,
* writes no site at all (never half a site), and
* prints exactly the expected problem lines: file, line, record, field, what is wrong and how to
  fix it.

A refused build stops before it writes a page, so these builds take well under a second each.
Line numbers are worked out from the edited text, never typed in. The fixes quote the kit's own
examples from its field tables (hooks/showcase/fields.py), the same for every programme.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from content_edits import PROJECTS, edit, edit_record, field_line, line_exactly, lines_exactly, record_line
from showcase.fields import COHORT_FIELDS
from showcase.loading.public_names import project_fields
from site_builds import NAMES, Build, run_mkdocs_build

pytestmark = pytest.mark.build  # every test here runs MkDocs

COHORT = "content/cohorts/2023-24.md"  # the fixture's cohort with every fact
NARRATED = "harbour-walks"  # has a narrative, outcomes and quotes
NARRATIVE = f"content/projects/{NARRATED}.md"
PLAIN = "link-worker-retention-pilot"  # no narrative, no summary; theme workforce, two areas
LATER = "measuring-what-matters"  # comes after PLAIN in the file; only the required fields
LAST = "coastal-outcomes-dashboard"  # the file's last record
THEMES = "access, digital, impact, workforce"
COHORTS = "2023-24, 2024-25"
# The fix for an unknown area gives the programme's own first area (by name) as its example.
FIRST_AREA = "Ashby Vale"


# -- editing the copied programme --------------------------------------------------------------


def read(root: Path, relative: str) -> str:
    return (root / relative).read_text("utf-8")


def last_slug(text: str) -> str:
    return re.findall(r"^  - slug: (\S+)$", text, flags=re.MULTILINE)[-1]


# -- checking the build ------------------------------------------------------------------------


def reported(build: Build) -> tuple[str, list[str]]:
    """The count line and the problem lines MkDocs printed."""
    lines = build.output.splitlines()
    heads = [index for index, line in enumerate(lines) if "The showcase content has" in line]
    assert len(heads) == 1, build.output
    head = heads[0]
    problems = []
    for line in lines[head + 1 :]:
        if not line.startswith("  "):
            break
        problems.append(line.strip())
    return lines[head].split(" -  ", 1)[-1].strip(), problems


def assert_refused(build: Build, *expected: str) -> None:
    """Exit code 1, no site written, and exactly these problems reported, in this order."""
    assert build.returncode == 1, build.output
    assert not build.site.exists(), "a failed build must not leave a site behind"
    count_line, problems = reported(build)
    assert problems == list(expected), build.output
    noun = "1 problem. Fix it" if len(expected) == 1 else f"{len(expected)} problems. Fix them"
    assert count_line == f"The showcase content has {noun}, then build again:"


@pytest.fixture
def pages_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds that succeed make no PDFs: these tests read one page, and the PDFs take seconds."""
    monkeypatch.setenv("SHOWCASE_PDF", "0")


def project_page(build: Build, slug: str) -> str:
    assert build.returncode == 0, build.output
    return build.html(f"projects/{slug}/")


# -- 1. the YAML cannot be read ----------------------------------------------------------------


def test_a_tab_indented_line_is_reported_at_that_line(fixture_copy: Path) -> None:
    text = edit_record(fixture_copy, PLAIN, "\n    theme: workforce\n", "\n\ttheme: workforce\n")
    line = line_exactly(text, "\ttheme: workforce")

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{PROJECTS}:{line}: the file cannot be read: this line is indented with a tab. Replace the tab at the start "
        "of this line with spaces, lined up with the lines above it.",
    )


def test_an_unclosed_quote_is_reported_where_the_quote_opens(fixture_copy: Path) -> None:
    # In the last record no later quote mark can close it, so YAML reads on to the end of the
    # file: the message must still point at the line where the quote was opened.
    assert last_slug(read(fixture_copy, PROJECTS)) == LAST
    text = edit_record(
        fixture_copy, LAST, "    name: Coastal Outcomes Dashboard\n", '    name: "Coastal Outcomes Dashboard\n'
    )
    assert '"' not in text[text.index('"Coastal Outcomes Dashboard') + 1 :]
    line = line_exactly(text, '    name: "Coastal Outcomes Dashboard')

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f'{PROJECTS}:{line}: the file cannot be read: a quote mark opened on this line is never closed. Put a " at '
        "the end of the value on this line, or delete the one at its start.",
    )


# -- 2-5. fields missing, of the wrong kind, unknown or given twice ----------------------------


def test_a_missing_aim_is_reported_at_its_record_with_what_to_add(fixture_copy: Path) -> None:
    text = edit_record(fixture_copy, PLAIN, field_line(read(fixture_copy, PROJECTS), PLAIN, "aim"), "")

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{PROJECTS}:{record_line(text, PLAIN)}: project '{PLAIN}', field 'aim': the required "
        "field 'aim' is missing. Add a line 'aim: ...'. The project's aim, word for word as the "
        "programme published it.",
    )


def test_a_list_given_as_text_and_text_given_as_a_list_show_how_to_write_them(fixture_copy: Path) -> None:
    edit_record(
        fixture_copy, PLAIN, f"    {NAMES.areas}: [Ashby Vale, Brackenford]\n", f"    {NAMES.areas}: Ashby Vale\n"
    )
    text = edit_record(
        fixture_copy, LATER, "    name: Measuring What Matters\n", "    name: [Measuring, What Matters]\n"
    )

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{PROJECTS}:{line_exactly(text, f'    {NAMES.areas}: Ashby Vale')}: project '{PLAIN}', field '{NAMES.areas}': "
        "expected a list (list of district names) but found a single value. "
        f"Write it like this: {NAMES.areas}: [Ashby Vale]",  # the editor's own text, kept
        f"{PROJECTS}:{line_exactly(text, '    name: [Measuring, What Matters]')}: project '{LATER}', "
        "field 'name': expected a single value (text) but found a list. "
        "Write it like this: name: Harbour Walks",  # an example from the programme's own data (the first record)
    )


def test_a_misspelt_outcomes_key_is_refused_with_outcomes_suggested(fixture_copy: Path) -> None:
    text = edit_record(fixture_copy, NARRATED, "\n    outcomes:\n", "\n    outcome:\n")

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{PROJECTS}:{line_exactly(text, '    outcome:')}: project '{NARRATED}', field 'outcome': 'outcome' "
        "is not a field this record can have (did you mean 'outcomes'?). "
        f"Rename it to one of: {', '.join(project_fields(NAMES))}.",
    )


def test_a_key_given_twice_in_a_record_is_refused_naming_both_lines(fixture_copy: Path) -> None:
    text = edit_record(
        fixture_copy,
        PLAIN,
        f"    {NAMES.areas}: [Ashby Vale, Brackenford]\n",
        f"    {NAMES.areas}: [Ashby Vale, Brackenford]\n    aim: A second aim.\n",
    )
    start = record_line(text, PLAIN)
    first = next(
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if number > start and line.startswith("    aim: ")
    )
    second = line_exactly(text, "    aim: A second aim.")
    assert first < second

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{PROJECTS}:{second}: project '{PLAIN}', field 'aim': 'aim' appears twice in this "
        f"record, on line {first} and on line {second}. Keep one of the two lines and delete the "
        "other: nothing is merged.",
    )


# -- 6. ids that name nothing: did you mean ----------------------------------------------------


def test_an_unknown_theme_is_refused_with_the_nearest_theme_and_every_choice(fixture_copy: Path) -> None:
    text = edit_record(fixture_copy, PLAIN, "    theme: workforce\n", "    theme: workforse\n")

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{PROJECTS}:{line_exactly(text, '    theme: workforse')}: project '{PLAIN}', field 'theme': "
        f"'workforse' is not a theme (did you mean 'workforce'?). Use one of: {THEMES}.",
    )


def test_a_misspelt_cohort_is_refused_with_the_nearest_cohort_and_every_choice(fixture_copy: Path) -> None:
    text = edit_record(fixture_copy, PLAIN, "    cohort: 2023-24\n", "    cohort: 2023-42\n")

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{PROJECTS}:{line_exactly(text, '    cohort: 2023-42')}: project '{PLAIN}', field 'cohort': "
        "'2023-42' is not a cohort: there is no file content/cohorts/2023-42.md (did you mean "
        f"'2023-24'?). Use one of: {COHORTS}, or add the cohort's file.",
    )


def test_a_misspelt_area_is_refused_at_its_own_line_with_the_nearest_area(fixture_copy: Path) -> None:
    text = edit_record(
        fixture_copy,
        PLAIN,
        f"    {NAMES.areas}: [Ashby Vale, Brackenford]\n",
        f"    {NAMES.areas}:\n      - Ashby Vale\n      - Brakenford\n",
    )

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{PROJECTS}:{line_exactly(text, '      - Brakenford')}: project '{PLAIN}', field '{NAMES.areas}': "
        "'Brakenford' is not an area in data/geography.yaml (did you mean 'Brackenford'?). Write the "
        f"name exactly as the geography file does, e.g. '{FIRST_AREA}'.",
    )


# -- 7. slugs ----------------------------------------------------------------------------------


def test_a_slug_used_twice_is_refused_naming_the_line_of_its_first_use(fixture_copy: Path) -> None:
    # PLAIN's record comes before LATER's; give LATER PLAIN's slug.
    text = read(fixture_copy, PROJECTS)
    assert record_line(text, PLAIN) < record_line(text, LATER)
    text = edit(fixture_copy, f"  - slug: {LATER}\n", f"  - slug: {PLAIN}\n")
    first, second = lines_exactly(text, f"  - slug: {PLAIN}")

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{PROJECTS}:{second}: project '{PLAIN}', field 'slug': the slug '{PLAIN}' is already "
        f"used by the project on line {first}. Give each project its own slug.",
    )


def test_a_malformed_slug_is_refused_with_a_valid_one_suggested_and_its_narrative_orphaned(fixture_copy: Path) -> None:
    # The record has a narrative, which then no longer matches any record: said too.
    text = edit(fixture_copy, f"  - slug: {NARRATED}\n", "  - slug: Harbour_Walks\n")

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{NARRATIVE}: this narrative has no project with the slug '{NARRATED}' in "
        f"{PROJECTS}. Rename the file to '<slug>.md' using the project's slug, add the project's record, or delete the file if the project was removed.",
        f"{PROJECTS}:{line_exactly(text, '  - slug: Harbour_Walks')}: project 'Harbour_Walks', field "
        "'slug': 'Harbour_Walks' is not a valid slug. Use lower-case letters, digits and single "
        "hyphens only, e.g. 'harbour-walks'.",
    )


# -- 8-9. files and records that do not match --------------------------------------------------


def test_a_narrative_with_no_matching_record_is_refused(fixture_copy: Path) -> None:
    (fixture_copy / "content/projects/no-such-project.md").write_text("## About the project\n\nText.\n", "utf-8")

    assert_refused(
        run_mkdocs_build(fixture_copy),
        "content/projects/no-such-project.md: this narrative has no project with the slug "
        f"'no-such-project' in {PROJECTS}. Rename the file to '<slug>.md' using the project's "
        "slug, add the project's record, or delete the file if the project was removed.",
    )


def test_a_project_in_a_cohort_with_no_file_is_refused_naming_the_missing_file(fixture_copy: Path) -> None:
    assert not (fixture_copy / "content/cohorts/2025-26.md").exists()
    text = edit_record(fixture_copy, PLAIN, "    cohort: 2023-24\n", "    cohort: 2025-26\n")

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{PROJECTS}:{line_exactly(text, '    cohort: 2025-26')}: project '{PLAIN}', field 'cohort': "
        "'2025-26' is not a cohort: there is no file content/cohorts/2025-26.md (did you mean "
        f"'2024-25'?). Use one of: {COHORTS}, or add the cohort's file.",
    )


# -- 10. encoding ------------------------------------------------------------------------------


def test_a_file_not_saved_as_utf8_is_refused_at_the_line_of_the_bad_byte(fixture_copy: Path) -> None:
    text = read(fixture_copy, PROJECTS)
    line = line_exactly(text, "    name: Measuring What Matters")
    data = text.encode("utf-8").replace(
        b"    name: Measuring What Matters\n",
        "    name: Measuring What Matters café\n".encode("latin-1"),
    )
    (fixture_copy / PROJECTS).write_bytes(data)

    # Only the encoding: the narratives are not called orphans because the records were unreadable.
    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{PROJECTS}:{line}: this file is not saved as UTF-8 text (byte 0xe9 is not valid UTF-8). "
        "Open it in your editor and save it again with the encoding 'UTF-8'.",
    )


# -- 11. YAML's implicit typing is off ---------------------------------------------------------


def test_no_and_date_like_text_are_shown_as_typed(fixture_copy: Path, pages_only: None) -> None:
    text = read(fixture_copy, PROJECTS)
    edit_record(fixture_copy, PLAIN, field_line(text, PLAIN, "name"), "    name: NO\n")
    edit_record(fixture_copy, PLAIN, field_line(text, PLAIN, "aim"), "    aim: 2023-03-31\n")

    html = project_page(run_mkdocs_build(fixture_copy), PLAIN)

    assert re.search(r"<h1[^>]*>\s*NO\s*</h1>", html), "the name 'NO' must not become False"
    assert re.search(r">\s*2023-03-31\s*<", html), "the aim '2023-03-31' must not become a date"
    assert "False" not in html


# -- 12. every problem in one run --------------------------------------------------------------


def test_problems_in_several_files_are_all_reported_in_one_run(fixture_copy: Path) -> None:
    text = edit_record(fixture_copy, PLAIN, "    theme: workforce\n", "    theme: Workforce\n")
    (fixture_copy / "content/projects/no-such-project.md").write_text("Text.\n", "utf-8")
    cohort = edit(fixture_copy, "\ngraduation: 2024-04-25\n", "\ngraduation: 25/04/2024\n", COHORT)

    assert_refused(
        run_mkdocs_build(fixture_copy),
        f"{COHORT}:{line_exactly(cohort, 'graduation: 25/04/2024')}: cohort '2023-24', field 'graduation': "
        f"'25/04/2024' is not a date written as year-month-day. Write it like {COHORT_FIELDS['graduation'].example}.",
        "content/projects/no-such-project.md: this narrative has no project with the slug "
        f"'no-such-project' in {PROJECTS}. Rename the file to '<slug>.md' using the project's "
        "slug, add the project's record, or delete the file if the project was removed.",
        f"{PROJECTS}:{line_exactly(text, '    theme: Workforce')}: project '{PLAIN}', field 'theme': "
        f"'Workforce' is not a theme (did you mean 'workforce'?). Use one of: {THEMES}.",
    )


# -- 13. text from the data is shown, never run ------------------------------------------------


def test_html_and_template_syntax_in_the_data_appear_as_literal_text(fixture_copy: Path, pages_only: None) -> None:
    edit_record(
        fixture_copy,
        PLAIN,
        f"    {NAMES.areas}: [Ashby Vale, Brackenford]\n",
        (
            f"    {NAMES.areas}: [Ashby Vale, Brackenford]\n"
            "    summary: |\n"
            "      The team did **bold** work.\n"
            "    outcomes:\n"
            "      - <b>x</b>\n"
            "    quotes:\n"
            '      - text: "<script>alert(1)</script> {{ 7*7 }}"\n'
            "        attribution: A <i>tester</i>\n"
        ),
    )

    html = project_page(run_mkdocs_build(fixture_copy), PLAIN)

    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "A &lt;i&gt;tester&lt;/i&gt;" in html
    assert "<strong>bold</strong>" in html
    for raw in ("<script>alert(1)", "<b>x</b>", "<i>tester</i>", ">49<"):
        assert raw not in html


def test_html_in_a_project_name_appears_as_literal_text(fixture_copy: Path, pages_only: None) -> None:
    edit_record(
        fixture_copy,
        PLAIN,
        field_line(read(fixture_copy, PROJECTS), PLAIN, "name"),
        '    name: "Retention <script>alert(3)</script>"\n',
    )

    html = project_page(run_mkdocs_build(fixture_copy), PLAIN)

    assert "Retention &lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert "<script>alert(3)" not in html
