"""A problem with a setting names the file and line where the setting is written: the programme's
mkdocs.yml, or the kit's showcase.yml when the value is inherited from there (MkDocs merges the
two key by key), and a missing setting its parent's line (`programme:`). The settings' text is
refused where it would read otherwise than it looks, as the data's is. The build and
scripts/check report the same problems, all at once, and the build writes no site."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from showcase.identity import IdentityProblems, load_identity
from showcase.problems import Problem
from showcase.reading.setting_lines import read_settings_files
from site_builds import mkdocs_build, showcase_command

CONTACT = "    contact_email: connectors@fernshire.example.org\n"
COLOURS = '    colours: {background: "#fbf7ee", text: "#1f4a3d", hover: ""}\n'


def line_of(text: str, start: str) -> int:
    """The number of the line of `text` that starts with `start`."""
    (number,) = [number for number, line in enumerate(text.split("\n"), 1) if line.startswith(start)]
    return number


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")
    return path.read_text("utf-8")


def merged_identity(root: Path) -> object:
    """extra.programme as MkDocs reads it: mkdocs.yml over the showcase.yml it inherits."""
    with (root / "mkdocs.yml").open("rb") as file:
        return yaml_load(file)["extra"]["programme"]


def identity_problems(root: Path) -> list[str]:
    """The problems of the programme's identity in `root`, each at its line, as the build names them."""
    with pytest.raises(IdentityProblems) as raised:
        load_identity(merged_identity(root))
    return [str(problem) for problem in read_settings_files(root / "mkdocs.yml").located(raised.value.found)]


@pytest.mark.build
def test_five_settings_problems_are_each_reported_at_their_line_by_the_build_and_the_check(fixture_copy: Path):
    settings = fixture_copy / "mkdocs.yml"
    edit(settings, CONTACT, "")
    edit(settings, 'text: "#1f4a3d"', 'text: "#999999"')
    edit(settings, "    region: Fernshire\n", "    region: Fernshire #north\n    regoin: Fernshire\n")
    text = edit(settings, '    programme_page: ""\n', "    programme_page: https://fern\u200bshire.example.org/\n")
    expected = [
        f"mkdocs.yml:{line_of(text, '  programme:')}: extra.programme.contact_email is missing: the e-mail address "
        "visitors write to. Add a line `contact_email: team@example.org`.",
        f"mkdocs.yml:{line_of(text, '    region:')}: extra.programme.region: a space then '#' starts a note for "
        "editors, which is left out: the site would publish 'Fernshire' without '#north'. If '#north' is part of "
        'the text, put the whole value in quote marks: region: "Fernshire #north" If it is a note, move it onto a '
        "line of its own above this one, starting with '#'.",
        f"mkdocs.yml:{line_of(text, '    regoin:')}: extra.programme.regoin is not a setting (did you mean 'region'?).",
        f"mkdocs.yml:{line_of(text, '    programme_page:')}: extra.programme.programme_page: "
        "'https://fern<U+200B>shire.example.org/' holds a character that shows nothing (zero width space, U+200B), "
        "which an address cannot hold: it usually comes with text copied from a web page or a document. "
        "Retype it: 'https://fernshire.example.org/'.",
        f"mkdocs.yml:{line_of(text, '    colours:')}: extra.programme.colours: text #999999 on background #fbf7ee "
        "has a contrast of 2.66:1, too low to read;",
    ]
    for result in (mkdocs_build(fixture_copy, env={"SHOWCASE_PDF": "0"}), showcase_command(fixture_copy, "check")):
        assert result.returncode == 1, result.stderr
        assert "The showcase content has 5 problems. Fix them, then build again:" in result.stderr
        found = [line.strip() for line in result.stderr.splitlines() if line.startswith("  mkdocs.yml:")]
        assert len(found) == 5, result.stderr
        for line, start in zip(found, expected, strict=True):
            assert line.startswith(start), line
    assert not (fixture_copy / "site").exists()


def test_a_setting_inherited_from_showcase_yml_is_reported_at_its_line_there(fixture_copy: Path):
    settings, kit = fixture_copy / "mkdocs.yml", fixture_copy / "showcase.yml"
    edit(settings, COLOURS, '    colours: {background: "#005eb8"}\n')
    kit_text = edit(
        kit, "docs_dir: content\n", 'docs_dir: content\nextra:\n  programme:\n    colours:\n      text: "#fffff"\n'
    )
    text = settings.read_text("utf-8")
    assert identity_problems(fixture_copy) == [
        f"showcase.yml:{line_of(kit_text, '      text:')}: extra.programme.colours.text is '#fffff'; it must be a "
        'colour written as # and six hex digits, in quotes (YAML reads # as the start of a comment), e.g. text: "#ffffff".'
    ]
    # mkdocs.yml's value wins key by key: the one it sets is named there.
    edit(settings, '{background: "#005eb8"}', '{background: "#005eb8", text: "white"}')
    assert identity_problems(fixture_copy) == [
        f"mkdocs.yml:{line_of(text, '    colours:')}: extra.programme.colours.text is 'white'; it must be a "
        'colour written as # and six hex digits, in quotes (YAML reads # as the start of a comment), e.g. text: "#ffffff".'
    ]


def test_a_colour_whose_hash_starts_a_comment_is_named_with_the_fix_that_keeps_it(fixture_copy: Path):
    settings = fixture_copy / "mkdocs.yml"
    text = edit(
        settings, COLOURS, '    colours:\n      background: "#fbf7ee"\n      text: "#1f4a3d"\n      hover: #17382e\n'
    )
    problems = read_settings_files(settings).problems
    assert [str(problem) for problem in problems] == [
        f"mkdocs.yml:{line_of(text, '      hover:')}: extra.programme.colours.hover: a space then '#' starts a note "
        "for editors, which is left out: the value would be empty, without '#17382e'. If '#17382e' is part of the "
        'text, put the whole value in quote marks: hover: "#17382e" If it is a note, move it onto a line of its own '
        "above this one, starting with '#'."
    ]
    # The identity's own words for the same line ("is None") give way to the ones that keep the colour.
    with pytest.raises(IdentityProblems) as raised:
        load_identity(merged_identity(fixture_copy))
    assert read_settings_files(settings).located(raised.value.found) == []


def test_a_pasted_tab_or_bullet_in_the_sites_name_is_refused_at_its_line(fixture_copy: Path):
    settings = fixture_copy / "mkdocs.yml"
    text = edit(settings, "site_name: Fernshire Community", "site_name: Fernshire\tCommunity")
    text = edit(settings, "    name: Fernshire", "    name: • Fernshire")
    assert [(problem.line, problem.message) for problem in read_settings_files(settings).problems] == [
        (line_of(text, "site_name:"), "site_name: it holds a tab, which a one-line value cannot show."),
        (
            line_of(text, "    name:"),
            "extra.programme.name: it starts with a bullet ('•') pasted from a word processor.",
        ),
    ]


def test_a_missing_setting_names_its_parents_line_and_a_nav_entry_its_own(tmp_path: Path):
    (tmp_path / "kit.yml").write_text("theme:\n  name: material\nnav:\n  - Home: index.md\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: kit.yml\nsite_url: !ENV [SHOWCASE_SITE_URL, null]\ntheme:\n  custom_dir: !relative theme\n", "utf-8"
    )
    written = read_settings_files(tmp_path / "mkdocs.yml")
    assert written.problems == []
    assert written.where(("theme", "custom_dir")) == ("mkdocs.yml", 4)
    assert written.where(("theme", "name")) == ("kit.yml", 2)
    assert written.where(("theme", "palette", "scheme")) == ("mkdocs.yml", 3)  # the merged theme: mkdocs.yml's
    assert written.where(("nav", 0, "Home")) == ("kit.yml", 4)
    assert written.where(("site_url",)) == ("mkdocs.yml", 2)
    assert written.where(("extra", "programme")) == ("mkdocs.yml", 0)  # no line: the file
    assert (
        str(Problem("mkdocs.yml", 0, "", "", "extra.programme is nothing.", ""))
        == "mkdocs.yml: extra.programme is nothing."
    )


def test_a_setting_written_twice_is_refused_at_the_line_the_build_would_use(fixture_copy: Path):
    settings = fixture_copy / "mkdocs.yml"
    text = edit(settings, "    region: Fernshire\n", "    region: Fernshire\n    region: Fernshire North\n")
    lines = [number for number, line in enumerate(text.split("\n"), 1) if line.startswith("    region:")]
    assert [str(problem) for problem in read_settings_files(settings).problems] == [
        f"mkdocs.yml:{lines[1]}: 'region' is written twice, on line {lines[0]} and on line {lines[1]}: the build "
        "would use this one and leave the other out without a word. Keep one of the two lines and delete the "
        "other: nothing is merged."
    ]


def test_a_note_after_a_value_does_not_hide_what_else_is_wrong_with_it(fixture_copy: Path):
    settings = fixture_copy / "mkdocs.yml"
    text = edit(settings, CONTACT, "    contact_email: connectors at fernshire #new\n")
    line = line_of(text, "    contact_email:")
    checked = showcase_command(fixture_copy, "check")
    assert checked.returncode == 1
    assert f"  mkdocs.yml:{line}: extra.programme.contact_email: a space then '#' starts a note" in checked.stderr
    assert (
        f"  mkdocs.yml:{line}: extra.programme.contact_email is 'connectors at fernshire', which is not an e-mail "
        "address."
    ) in checked.stderr


def test_a_claim_its_source_does_not_state_is_named_at_its_line(fixture_copy: Path):
    settings = fixture_copy / "mkdocs.yml"
    text = edit(
        settings,
        '    launched_by: ""\n    launched_by_source: ""\n',
        "    launched_by: Fernshire Council\n    launched_by_source: https://fernshire.example.org/launch/\n",
    )
    checked = showcase_command(fixture_copy, "check")
    assert checked.returncode == 1
    assert (
        f"  mkdocs.yml:{line_of(text, '    launched_by:')}: extra.programme.launched_by: no text is stored for its "
        "source https://fernshire.example.org/launch/."
    ) in checked.stderr
