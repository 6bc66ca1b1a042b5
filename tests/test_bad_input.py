"""What the comms team sees when an edit is wrong: the real `mkdocs build` on a copy of the project.

Each test breaks the copied project's own files in one way (or, at the end, in several ways at
once), runs the real MkDocs CLI and checks that the build

* exits with code 1,
* writes no site at all (never half a site), and
* prints exactly the expected problem lines: file, line, record, field, what is wrong and how to
  fix it.

Line numbers are worked out from the edited text, never typed in, so the tests keep working when
the data files grow.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Build, run_mkdocs_build
from showcase.fields import PROJECT_FIELDS

PROJECTS = "data/projects.yaml"
COHORT = "content/cohorts/2022-23.md"
NARRATIVE = "content/projects/mens-project-tower-hamlets.md"
FIX_YAML = (
    "Check this line and the one above it: indent with spaces (not tabs), put a space after each "
    "':' and '-', and wrap text that contains ': ' or starts with a quote mark in quotes."
)
CAMDEN = "camden-care-navigation-and-social-prescribing-service"  # a record with no narrative
FEEL_GOOD = "project-feel-good-now"


# -- editing the copied project ----------------------------------------------------------------

def read(root: Path, relative: str) -> str:
    return (root / relative).read_text("utf-8")


def replace_once(root: Path, relative: str, old: str, new: str) -> str:
    """Replace the one occurrence of `old` in a file; returns the file's new text."""
    text = read(root, relative)
    assert text.count(old) == 1, f"expected {old!r} exactly once in {relative}"
    text = text.replace(old, new)
    (root / relative).write_text(text, "utf-8")
    return text


def record_span(text: str, slug: str) -> tuple[int, int]:
    """Where a project's record starts and ends in projects.yaml's text."""
    start = text.index(f"\n  - slug: {slug}\n") + 1
    following = text.find("\n  - slug: ", start)
    return start, len(text) if following == -1 else following + 1


def edit_record(root: Path, slug: str, old: str, new: str) -> str:
    """Replace the one occurrence of `old` inside one project's record; returns the file's text."""
    text = read(root, PROJECTS)
    start, end = record_span(text, slug)
    record = text[start:end]
    assert record.count(old) == 1, f"expected {old!r} exactly once in the record {slug!r}"
    text = text[:start] + record.replace(old, new) + text[end:]
    (root / PROJECTS).write_text(text, "utf-8")
    return text


def lines_of(text: str, line_text: str) -> list[int]:
    """The 1-based numbers of the lines that are exactly `line_text`."""
    return [number for number, line in enumerate(text.splitlines(), start=1) if line == line_text]


def line_of(text: str, line_text: str) -> int:
    """The 1-based number of the one line that is exactly `line_text`."""
    found = lines_of(text, line_text)
    assert len(found) == 1, f"expected the line {line_text!r} once, found it on lines {found}"
    return found[0]


def record_line(text: str, slug: str) -> int:
    return line_of(text, f"  - slug: {slug}")


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
    for line in lines[head + 1:]:
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


def project_page(build: Build, slug: str) -> str:
    assert build.returncode == 0, build.output
    return build.html(f"projects/{slug}/")


# -- 1. the YAML cannot be read ----------------------------------------------------------------

def test_tab_indented_line_is_reported_at_that_line(project_copy: Path) -> None:
    text = edit_record(project_copy, CAMDEN, "\n    theme: workforce\n", "\n\ttheme: workforce\n")
    line = line_of(text, "\ttheme: workforce")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{line}: the file cannot be read: this line is indented with a tab. {FIX_YAML}",
    )


def test_unclosed_quote_is_reported_where_the_quote_opens(project_copy: Path) -> None:
    # In the last record no later quote mark can close it, so YAML reads on to the end of the
    # file: the message must still point at the line where the quote was opened.
    slug = last_slug(read(project_copy, PROJECTS))
    text = read(project_copy, PROJECTS)
    name = re.search(r"^    name: (.*)$", text[record_span(text, slug)[0]:], flags=re.MULTILINE).group(1)
    text = edit_record(project_copy, slug, f"    name: {name}\n", f'    name: "{name}\n')
    assert '"' not in text[text.index(f'"{name}') + 1:]
    line = line_of(text, f'    name: "{name}')

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{line}: the file cannot be read: "
        f"a quote mark opened on this line is never closed. {FIX_YAML}",
    )


# -- 2-5. fields missing, of the wrong kind, unknown or given twice ----------------------------

def test_missing_aim_is_reported_at_its_record_with_what_to_add(project_copy: Path) -> None:
    text = read(project_copy, PROJECTS)
    aim = re.search(r"^    aim: .*\n", text[record_span(text, CAMDEN)[0]:], flags=re.MULTILINE).group(0)
    text = edit_record(project_copy, CAMDEN, aim, "")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{record_line(text, CAMDEN)}: project '{CAMDEN}', field 'aim': the required "
        "field 'aim' is missing. Add a line 'aim: ...'. The project's aim, word for word as the "
        "programme published it.",
    )


def test_list_given_as_text_and_text_given_as_list_show_how_to_write_them(project_copy: Path) -> None:
    edit_record(project_copy, CAMDEN, "    boroughs: [Camden]\n", "    boroughs: Camden\n")
    text = edit_record(project_copy, FEEL_GOOD, "    name: Project Feel Good Now\n", "    name: [Project, Feel Good Now]\n")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{line_of(text, '    boroughs: Camden')}: project '{CAMDEN}', field 'boroughs': "
        "expected a list (list of borough names) but found a single value. "
        "Write it like this: boroughs: [Tower Hamlets]",
        f"{PROJECTS}:{line_of(text, '    name: [Project, Feel Good Now]')}: project '{FEEL_GOOD}', "
        "field 'name': expected a single value (text) but found a list. "
        "Write it like this: name: Men's project (Tower Hamlets)",
    )


def test_misspelt_outcomes_key_suggests_outcomes(project_copy: Path) -> None:
    slug = "mens-project-tower-hamlets"
    text = edit_record(project_copy, slug, "\n    outcomes:\n", "\n    outcome:\n")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{line_of(text, '    outcome:')}: project '{slug}', field 'outcome': 'outcome' "
        "is not a field this record can have (did you mean 'outcomes'?). "
        f"Rename it to one of: {', '.join(PROJECT_FIELDS)}.",
    )


def test_key_given_twice_in_a_record_names_both_lines(project_copy: Path) -> None:
    text = edit_record(project_copy, CAMDEN, "    boroughs: [Camden]\n", "    boroughs: [Camden]\n    aim: A second aim.\n")
    start = record_line(text, CAMDEN)
    first = next(number for number, line in enumerate(text.splitlines(), start=1) if number > start and line.startswith("    aim: "))
    second = line_of(text, "    aim: A second aim.")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{second}: project '{CAMDEN}', field 'aim': 'aim' appears twice in this "
        f"record, on line {first} and on line {second}. Keep one of the two lines and delete the "
        "other: nothing is merged.",
    )


# -- 6. ids that name nothing: did you mean ----------------------------------------------------

def test_unknown_theme_suggests_nearest(project_copy: Path) -> None:
    text = edit_record(project_copy, CAMDEN, "    theme: workforce\n", "    theme: workforse\n")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{line_of(text, '    theme: workforse')}: project '{CAMDEN}', field 'theme': "
        "'workforse' is not a theme (did you mean 'workforce'?). Use one of: access, impact, workforce.",
    )


def test_unknown_cohort_suggests_nearest(project_copy: Path) -> None:
    text = edit_record(project_copy, CAMDEN, "    cohort: 2022-23\n", "    cohort: 2022-32\n")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{line_of(text, '    cohort: 2022-32')}: project '{CAMDEN}', field 'cohort': "
        "'2022-32' is not a cohort: there is no file content/cohorts/2022-32.md (did you mean "
        "'2022-23'?). Use one of: 2022-23, or add the cohort's file.",
    )


def test_unknown_borough_suggests_nearest(project_copy: Path) -> None:
    text = edit_record(project_copy, CAMDEN, "    boroughs: [Camden]\n", "    boroughs:\n      - Camdne\n")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{line_of(text, '      - Camdne')}: project '{CAMDEN}', field 'boroughs': "
        "'Camdne' is not an area in data/geography.yaml (did you mean 'Camden'?). Write the name "
        "exactly as the geography file does, e.g. 'Barking and Dagenham'.",
    )


# -- 7. slugs ----------------------------------------------------------------------------------

def test_slug_used_twice_names_the_line_of_its_first_use(project_copy: Path) -> None:
    # The Camden record comes before Project Feel Good Now; give it Feel Good Now's slug.
    text = read(project_copy, PROJECTS)
    assert record_line(text, CAMDEN) < record_line(text, FEEL_GOOD)
    text = replace_once(project_copy, PROJECTS, f"  - slug: {FEEL_GOOD}\n", f"  - slug: {CAMDEN}\n")
    first, second = lines_of(text, f"  - slug: {CAMDEN}")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{second}: project '{CAMDEN}', field 'slug': the slug '{CAMDEN}' is already "
        f"used by the project on line {first}. Give each project its own slug.",
    )


def test_malformed_slug_suggests_a_valid_one(project_copy: Path) -> None:
    # The Men's project has a narrative, which then no longer matches any record: said too.
    text = replace_once(project_copy, PROJECTS, "  - slug: mens-project-tower-hamlets\n", "  - slug: Mens_Project\n")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{NARRATIVE}: this narrative has no project with the slug 'mens-project-tower-hamlets' in "
        f"{PROJECTS}. Rename the file to '<slug>.md' using the project's slug, or add the project's record.",
        f"{PROJECTS}:{line_of(text, '  - slug: Mens_Project')}: project 'Mens_Project', field "
        "'slug': 'Mens_Project' is not a valid slug. Use lower-case letters, digits and single "
        "hyphens only, e.g. 'mens-project'.",
    )


# -- 8-9. files and records that do not match --------------------------------------------------

def test_narrative_with_no_matching_record_is_reported(project_copy: Path) -> None:
    (project_copy / "content/projects/no-such-project.md").write_text("## About the project\n\nText.\n", "utf-8")

    assert_refused(
        run_mkdocs_build(project_copy),
        "content/projects/no-such-project.md: this narrative has no project with the slug "
        f"'no-such-project' in {PROJECTS}. Rename the file to '<slug>.md' using the project's "
        "slug, or add the project's record.",
    )


def test_project_in_a_cohort_with_no_file_names_the_missing_file(project_copy: Path) -> None:
    text = edit_record(project_copy, CAMDEN, "    cohort: 2022-23\n", "    cohort: 2024-25\n")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{line_of(text, '    cohort: 2024-25')}: project '{CAMDEN}', field 'cohort': "
        "'2024-25' is not a cohort: there is no file content/cohorts/2024-25.md (did you mean "
        "'2022-23'?). Use one of: 2022-23, or add the cohort's file.",
    )


# -- 10. encoding ------------------------------------------------------------------------------

def test_file_not_saved_as_utf8_names_the_line(project_copy: Path) -> None:
    text = read(project_copy, PROJECTS)
    line = line_of(text, "    name: Project Feel Good Now")
    data = text.encode("utf-8").replace(b"    name: Project Feel Good Now\n", "    name: Project Feel Good Now café\n".encode("latin-1"))
    (project_copy / PROJECTS).write_bytes(data)

    # Only the encoding: the narratives are not called orphans because the records were unreadable.
    assert_refused(
        run_mkdocs_build(project_copy),
        f"{PROJECTS}:{line}: this file is not saved as UTF-8 text (byte 0xe9 is not valid UTF-8). "
        "Open it in your editor and save it again with the encoding 'UTF-8'.",
    )


# -- 11. YAML's implicit typing is off ---------------------------------------------------------

def test_no_and_date_like_text_are_kept_as_typed(project_copy: Path) -> None:
    text = read(project_copy, PROJECTS)
    aim = re.search(r"^    aim: .*\n", text[record_span(text, CAMDEN)[0]:], flags=re.MULTILINE).group(0)
    edit_record(project_copy, CAMDEN, "    name: Camden Care Navigation and Social Prescribing Service\n", "    name: NO\n")
    edit_record(project_copy, CAMDEN, aim, "    aim: 2023-03-31\n")

    html = project_page(run_mkdocs_build(project_copy), CAMDEN)

    assert re.search(r"<h1[^>]*>\s*NO\s*</h1>", html), "the name 'NO' must not become False"
    assert re.search(r">\s*2023-03-31\s*<", html), "the aim '2023-03-31' must not become a date"
    assert "False" not in html


# -- 12. every problem in one run --------------------------------------------------------------

def test_problems_in_several_files_are_all_reported_in_one_run(project_copy: Path) -> None:
    text = edit_record(project_copy, CAMDEN, "    theme: workforce\n", "    theme: Workforce\n")
    (project_copy / "content/projects/no-such-project.md").write_text("Text.\n", "utf-8")
    cohort = replace_once(project_copy, COHORT, "\ngraduation: 2023-03-31\n", "\ngraduation: 31/03/2023\n")

    assert_refused(
        run_mkdocs_build(project_copy),
        f"{COHORT}:{line_of(cohort, 'graduation: 31/03/2023')}: cohort '2022-23', field 'graduation': "
        "'31/03/2023' is not a date written as year-month-day. Write it like 2023-03-31.",
        "content/projects/no-such-project.md: this narrative has no project with the slug "
        f"'no-such-project' in {PROJECTS}. Rename the file to '<slug>.md' using the project's "
        "slug, or add the project's record.",
        f"{PROJECTS}:{line_of(text, '    theme: Workforce')}: project '{CAMDEN}', field 'theme': "
        "'Workforce' is not a theme (did you mean 'workforce'?). Use one of: access, impact, workforce.",
    )


# -- 13. text from the data is shown, never run ------------------------------------------------

def test_html_and_template_syntax_in_the_data_appear_as_literal_text(project_copy: Path) -> None:
    edit_record(project_copy, CAMDEN, "    boroughs: [Camden]\n", (
        "    boroughs: [Camden]\n"
        "    summary: |\n"
        "      The team did **bold** work. <script>alert(2)</script>\n"
        "    outcomes:\n"
        "      - <b>x</b>\n"
        "    quotes:\n"
        '      - text: "<script>alert(1)</script> {{ 7*7 }}"\n'
        "        attribution: A <i>tester</i>\n"
    ))

    html = project_page(run_mkdocs_build(project_copy), CAMDEN)

    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "A &lt;i&gt;tester&lt;/i&gt;" in html
    assert "<strong>bold</strong>" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    for raw in ("<script>alert(1)", "<script>alert(2)", "<b>x</b>", "<i>tester</i>", ">49<"):
        assert raw not in html


def test_html_in_a_project_name_appears_as_literal_text(project_copy: Path) -> None:
    edit_record(
        project_copy, CAMDEN, "    name: Camden Care Navigation and Social Prescribing Service\n",
        '    name: "Camden <script>alert(3)</script>"\n',
    )

    html = project_page(run_mkdocs_build(project_copy), CAMDEN)

    assert "Camden &lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert "<script>alert(3)" not in html
