"""What `scripts/check` accepts, the published build accepts: each input here once passed the
check (or crashed it) while the build failed with a traceback, a signal or a blamed site folder,
or silently lost a file. Each is run through both, on a copy of the fictional programme under
tests/fixture/: both exit 1, print the same problem lines (file, line, field, fix), never a
traceback, and the build writes no site.

The build is the published one: SHOWCASE_SITE_URL set (the feed, the sitemap and the cards are
made) and the PDFs on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from content_edits import PROJECTS, edit_record, line_exactly
from showcase.fields import MAX_ID_LENGTH
from showcase.loading.schema import projects_schema
from showcase.model import Programme
from site_builds import mkdocs_build, showcase_command

PLAIN = "link-worker-retention-pilot"  # no narrative, no summary; its earlier slugs: retention-pilot, ...
STORY = "content/projects/harbour-walks.md"
PUBLISHED = {"SHOWCASE_SITE_URL": "https://fernshire.example.org/showcase/", "SHOWCASE_PDF": "1"}
CONTROL_IN_FILE = (
    "which the pages, the feed and the PDFs cannot show. Delete it, keeping the text around it: it usually "
    "comes with text pasted from another program, so retyping the words on either side of it removes it too."
)
CONTROL_ESCAPED = (
    "which the pages, the feed and the PDFs cannot show. Delete the code that makes it (a backslash and "
    "what follows it, such as '\\x1b', between the quote marks), keeping the text around it."
)
NESTED = (
    "lists or sets of fields are put inside each other more than 20 deep here: no record needs more than 5 "
    "levels. Check the '[' and '{' on this line, each of which opens a list or a set of fields that needs its "
    "']' or '}', and the indentation of the lines above it."
)


def problem_lines(output: str) -> list[str]:
    """The problem lines under 'The showcase content has ...' (MkDocs' log or check's output)."""
    lines = output.splitlines()
    heads = [index for index, line in enumerate(lines) if "The showcase content has" in line]
    assert len(heads) == 1, output
    found = []
    for line in lines[heads[0] + 1 :]:
        if not line.startswith("  "):
            break
        found.append(line.strip())
    return found


def assert_both_refuse(root: Path, *expected: str) -> None:
    """scripts/check and the published build both exit 1 with exactly these problems, no
    traceback, and the build leaves no site behind."""
    checked = showcase_command(root, "check")
    built = mkdocs_build(root, env=PUBLISHED)
    for name, result in (("check", checked), ("build", built)):
        output = result.stdout + result.stderr
        assert result.returncode == 1, f"{name} exited {result.returncode}:\n{output[-3000:]}"
        assert "Traceback" not in output, f"{name}:\n{output[-3000:]}"
        assert problem_lines(output) == list(expected), f"{name}:\n{output[-3000:]}"
    assert not (root / "site").exists(), "a refused build must not leave a site behind"


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    (root / relative).write_text(text, "utf-8")


# -- control characters --------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("character", ["\x01", "\x0b", "\x1b", "\x7f", "\x85", "\u2028"])
def test_a_control_character_typed_in_a_tag_is_refused_at_its_line(fixture_copy: Path, character: str):
    text = edit_record(fixture_copy, PLAIN, "tags: [supervision]", f"tags: [super{character}vision]")
    line = text[: text.index(f"tags: [super{character}")].count("\n") + 1  # not splitlines: it splits at \x0b
    code = f"U+{ord(character):04X}"
    assert_both_refuse(
        fixture_copy,
        f"{PROJECTS}:{line}: this line holds an invisible control character ({code}, character 17 of the line), "
        + CONTROL_IN_FILE,
    )


@pytest.mark.build
@pytest.mark.parametrize("escape, code", [("\\x01", "U+0001"), ("\\e", "U+001B"), ("\\x9b", "U+009B")])
def test_a_control_character_written_as_an_escape_is_refused_in_any_field(fixture_copy: Path, escape: str, code: str):
    text = edit_record(fixture_copy, PLAIN, "tags: [supervision]", f'tags: ["super{escape}vision"]')
    line = line_exactly(text, f'    tags: ["super{escape}vision"]')
    assert_both_refuse(
        fixture_copy,
        f"{PROJECTS}:{line}: field 'tags': this value holds an invisible control character ({code}), "
        + CONTROL_ESCAPED,
    )


@pytest.mark.build
def test_a_tab_in_a_one_line_value_is_refused_with_a_space_as_its_fix(fixture_copy: Path):
    text = edit_record(fixture_copy, PLAIN, "tags: [supervision]", "tags: [supervision]\n    pcn: Ashby\tVale PCN")
    line = line_exactly(text, "    pcn: Ashby\tVale PCN")
    assert_both_refuse(
        fixture_copy,
        f"{PROJECTS}:{line}: project '{PLAIN}', field 'pcn': it holds a tab, which a one-line value cannot show. "
        "Replace the tab with a space.",
    )


@pytest.mark.build
def test_a_control_character_in_a_story_is_refused_at_its_line(fixture_copy: Path):
    story = (fixture_copy / STORY).read_text("utf-8")
    lines = story.splitlines()
    lines[2] = lines[2] + " \x1b[31mred"
    write(fixture_copy, STORY, "\n".join(lines) + "\n")
    column = len(lines[2]) - len("\x1b[31mred") + 1
    assert_both_refuse(
        fixture_copy,
        f"{STORY}:3: this line holds an invisible control character (U+001B, character {column} of the line), "
        + CONTROL_IN_FILE,
    )


def test_a_tab_in_a_multi_line_block_is_kept(fixture_copy: Path):
    edit_record(
        fixture_copy,
        PLAIN,
        "tags: [supervision]",
        "tags: [supervision]\n    summary: |\n      Ran\tweekly.\n      Then monthly.\n",
    )
    assert showcase_command(fixture_copy, "check").returncode == 0


# -- nesting -------------------------------------------------------------------------------------


Nest = Callable[[Path], tuple[str, int]]


def _nested_data(root: Path) -> tuple[str, int]:
    text = (root / PROJECTS).read_text("utf-8")
    write(root, PROJECTS, text + "extra: " + "[" * 100_000 + "\n")
    return PROJECTS, text.count("\n") + 1


def _nested_cohort(root: Path) -> tuple[str, int]:
    cohort = "content/cohorts/2024-25.md"
    text = (root / cohort).read_text("utf-8")
    write(root, cohort, text.replace("---\n", "---\nextra: " + "{a: " * 100_000 + "\n", 1))
    return cohort, 2


def _nested_page(root: Path) -> tuple[str, int]:
    page = "content/about.md"
    write(root, page, "---\ntitle: About\nextra:\n" + "".join(f"{' ' * depth}- \n" for depth in range(60)) + "---\n")
    return page, 4 + 19


@pytest.mark.build
@pytest.mark.parametrize("nest", [_nested_data, _nested_cohort, _nested_page], ids=["data", "cohort", "page"])
def test_yaml_nested_deeper_than_any_record_is_refused_without_a_crash(fixture_copy: Path, nest: Nest):
    file, line = nest(fixture_copy)
    assert_both_refuse(fixture_copy, f"{file}:{line}: {NESTED}")


# -- file names ----------------------------------------------------------------------------------


@pytest.mark.build
def test_a_story_saved_as_upper_case_md_is_refused_with_the_name_to_give_it(fixture_copy: Path):
    (fixture_copy / STORY).rename(fixture_copy / "content/projects/harbour-walks.MD")
    assert_both_refuse(
        fixture_copy,
        "content/projects/harbour-walks.MD: this page's name ends '.MD', which MkDocs publishes as a file of raw "
        "text, not as a page. Rename it to end '.md' in lower case: harbour-walks.md",
    )


@pytest.mark.build
@pytest.mark.parametrize("folder", ["projects", "cohorts"])
def test_a_story_in_a_subfolder_is_refused_with_where_to_move_it(fixture_copy: Path, folder: str):
    write(fixture_copy, f"content/{folder}/2023/harbour-walks.md", "## More\n")
    where = (
        "a project's story goes in content/projects/<slug>.md"
        if folder == "projects"
        else "a cohort's file is content/cohorts/<id>.md"
    )
    assert_both_refuse(
        fixture_copy,
        f"content/{folder}/2023/harbour-walks.md: this page is in a folder inside content/{folder}/, where it is "
        "no record's story: it would be published as a page of its own that nothing links to. "
        f"Move it to content/{folder}/ itself: {where}.",
    )


@pytest.mark.build
def test_a_picture_in_the_templates_folder_mkdocs_leaves_out_is_refused(fixture_copy: Path):
    (fixture_copy / "content/templates").mkdir()
    (fixture_copy / "content/images/harbour-walks.jpg").rename(fixture_copy / "content/templates/walk.jpg")
    edit_record(fixture_copy, "harbour-walks", "images/harbour-walks.jpg", "images/showcase-day-2024.jpg")
    assert_both_refuse(
        fixture_copy,
        "content/templates/walk.jpg: MkDocs leaves the folder content/templates/ out of the site, so this file "
        "would never be published. Move it: a picture to content/images/, a page to content/.",
    )


@pytest.mark.build
def test_a_readme_beside_an_index_page_is_refused(fixture_copy: Path):
    write(fixture_copy, "content/README.md", "# Read me\n")
    assert_both_refuse(
        fixture_copy,
        "content/README.md: this folder has an index.md too: both would be the folder's page, and MkDocs refuses "
        "to build. Keep one: move this file's text into index.md and delete it, or rename it.",
    )


@pytest.mark.build
def test_a_story_at_a_projects_earlier_address_is_refused_naming_the_record(fixture_copy: Path):
    text = (fixture_copy / PROJECTS).read_text("utf-8")
    record = line_exactly(text, f"  - slug: {PLAIN}")
    write(fixture_copy, "content/projects/retention-pilot.md", "## The old story\n")
    assert_both_refuse(
        fixture_copy,
        "content/projects/retention-pilot.md: this story is named after 'retention-pilot', an earlier slug of "
        f"project '{PLAIN}' ({PROJECTS}:{record}): its page would take the place of the old address's redirect "
        f"to projects/{PLAIN}/. Rename the file to {PLAIN}.md.",
    )


@pytest.mark.build
def test_a_control_character_in_a_field_name_is_refused_and_not_printed(fixture_copy: Path):
    text = edit_record(fixture_copy, PLAIN, "tags: [supervision]", 'tags: [supervision]\n    "pcn\\e[2J": Ashby')
    line = line_exactly(text, '    "pcn\\e[2J": Ashby')
    assert_both_refuse(
        fixture_copy,
        f"{PROJECTS}:{line}: the field name on this line holds an invisible character (U+001B). Retype the "
        "field's name, keeping its value.",
    )


# -- ids that become file names ------------------------------------------------------------------

LONG = "-".join(["harbourside"] * 20)  # 239 characters: a file name of its PDF is too long to save


def _long_message(line: int, record: str, field: str) -> str:
    shorter = "-".join(["harbourside"] * 6)  # 71 characters, cut at a hyphen
    return (
        f"{PROJECTS}:{line}: {record}, field '{field}': '{LONG[:40]}...' is {len(LONG)} characters long: an address "
        f"can have at most {MAX_ID_LENGTH}. Use a shorter one, e.g. '{shorter}'."
    )


@pytest.mark.build
def test_a_slug_longer_than_any_address_needs_is_refused_with_a_shorter_one(fixture_copy: Path):
    text = edit_record(fixture_copy, PLAIN, f"slug: {PLAIN}", f"slug: {LONG}")
    line = line_exactly(text, f"  - slug: {LONG}")
    assert_both_refuse(fixture_copy, _long_message(line, f"project '{LONG}'", "slug"))


@pytest.mark.build
def test_an_earlier_slug_longer_than_any_address_needs_is_refused(fixture_copy: Path):
    text = edit_record(fixture_copy, PLAIN, "[retention-pilot, ", f"[{LONG}, ")
    line = text[: text.index(f"[{LONG}, ")].count("\n") + 1
    assert_both_refuse(fixture_copy, _long_message(line, f"project '{PLAIN}'", "previous_slugs"))


def test_a_theme_id_longer_than_any_address_needs_is_refused(fixture_copy: Path):
    text = (fixture_copy / PROJECTS).read_text("utf-8")
    assert text.count("  - id: digital\n") == 1
    write(fixture_copy, PROJECTS, text.replace("  - id: digital\n", f"  - id: {LONG}\n"))
    line = line_exactly(text, "  - id: digital")
    problems = problem_lines(showcase_command(fixture_copy, "check").stderr)
    assert problems[0] == _long_message(line, f"theme '{LONG}'", "id")


@pytest.mark.build
def test_a_cohort_file_name_longer_than_any_address_needs_is_refused(fixture_copy: Path):
    cohort = f"content/cohorts/{LONG}.md"
    write(fixture_copy, cohort, "---\ntitle: A long cohort\n---\n")
    shorter = "-".join(["harbourside"] * 6)
    assert_both_refuse(
        fixture_copy,
        f"{cohort}: cohort '{LONG}': the file name '{LONG[:40]}...' is {len(LONG)} characters long: an address can "
        f"have at most {MAX_ID_LENGTH}. Use a shorter one, e.g. '{shorter}.md'.",
    )


def test_the_editors_schema_holds_ids_to_the_same_length(fixture_programme: Programme):
    fields = projects_schema(fixture_programme)["properties"]["projects"]["items"]["properties"]
    assert fields["slug"]["maxLength"] == MAX_ID_LENGTH
    assert fields["previous_slugs"]["items"]["maxLength"] == MAX_ID_LENGTH


# -- a page's front matter -------------------------------------------------------------------


@pytest.mark.build
def test_a_pages_front_matter_holds_its_title_and_description_only(fixture_copy: Path):
    # `template:` laid the page out with a project's template: a raw traceback from the build
    # ('summary' is undefined) after "All good"; `title: no` is YAML's false, published as "False".
    write(fixture_copy, "content/about.md", "---\ntitle: no\ntemplate: showcase/project.html\n---\n\nText.\n")
    assert_both_refuse(
        fixture_copy,
        "content/about.md:2: field 'title': MkDocs would read 'no' as a yes/no value, not as the text typed. "
        'Put it in quotes: title: "no".',
        "content/about.md:3: field 'template': 'template' is not a field this record can have. "
        "Rename it to one of: title, description.",
    )
