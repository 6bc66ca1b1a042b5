"""Counts that include a fact the editors inferred say so where the number is shown."""

from __future__ import annotations

import re

from page_text import text_of
from showcase.model import Programme
from showcase.wording.tally import Tally, counts_note, distinct, inferred_note, tally
from site_builds import NAMES, Build


def test_a_tally_says_how_much_of_it_is_unconfirmed():
    assert str(Tally(10)) == "10"
    assert str(Tally(10, 10)) == "10 (all unconfirmed)"
    assert str(Tally(1, 1)) == "1 (unconfirmed)"
    assert Tally(5, 2).of("project") == "5 projects (2 unconfirmed)"
    assert Tally(1).of("project") == "1 project"


def test_counts_by_a_field_count_its_unconfirmed_part(fixture_programme: Programme):
    projects = fixture_programme.projects
    by_theme = tally(projects, lambda project: (project.theme.id,), "theme")
    for theme_id, counted in by_theme.items():
        with_theme = [project for project in projects if project.theme.id == theme_id]
        assert counted == Tally(len(with_theme), sum(project.is_unconfirmed("theme") for project in with_theme))
    assert sum(counted.count for counted in by_theme.values()) == len(projects)
    assert any(counted.unconfirmed for counted in by_theme.values())  # the fixture has inferred themes
    themes = distinct(projects, lambda project: (project.theme.id,), "theme")
    assert themes.count == len(by_theme)
    assert themes.unconfirmed == sum(1 for counted in by_theme.values() if counted.unconfirmed == counted.count)


def test_the_note_under_a_count_says_how_many_were_inferred_and_by_whom(fixture_programme: Programme):
    # One project whose three areas were inferred: counted as one project, not "1 area".
    assert counts_note(fixture_programme.projects, "boroughs") == (
        "Counts include 1 project whose areas the showcase’s editors inferred (unconfirmed)."
    )
    assert counts_note(fixture_programme.projects, "theme") == (
        "Counts include 2 projects whose theme the showcase’s editors inferred (unconfirmed)."
    )
    projects = fixture_programme.projects
    inferred = sum(project.is_unconfirmed("theme") for project in projects)
    assert inferred_note(projects, "theme") == (
        f"The themes of {inferred} of these {len(projects)} projects were inferred by the showcase’s editors: "
        "no source states them (marked unconfirmed)."
    )
    confirmed = tuple(project for project in projects if not project.is_unconfirmed("theme"))
    assert inferred_note(confirmed, "theme") == ""
    # One project, its three areas inferred: they are areas, not "the area".
    one = next(project for project in projects if project.is_unconfirmed("boroughs"))
    assert len(one.boroughs) == 3
    assert inferred_note((one,), "boroughs") == (
        "The areas of the project were inferred by the showcase’s editors: no source states them (marked unconfirmed)."
    )


def test_every_chart_list_and_facet_page_marks_what_is_inferred(fixture_site: Build, fixture_programme: Programme):
    projects = fixture_programme.projects
    home = text_of(fixture_site.html(""))
    # The theme chart's table (its text alternative: the drawing is hidden from screen readers),
    # the headline figures and the note.
    for theme in fixture_programme.themes:
        with_theme = tuple(project for project in projects if project.theme == theme)
        counted = Tally(len(with_theme), sum(project.is_unconfirmed("theme") for project in with_theme))
        assert re.search(
            rf"<th scope=\"row\">{re.escape(theme.title)}</th><td>{re.escape(str(counted))}</td>", fixture_site.html("")
        ), theme.title
    assert inferred_note(projects, "theme") in home
    assert inferred_note(projects, "boroughs") in home
    # The ICB chart adds up to the projects: those with no published area have their own row.
    without_area = sum(1 for project in projects if not project.boroughs)
    assert without_area and re.search(
        rf"<th scope=\"row\">Area not published</th><td>{without_area}</td>", fixture_site.html("")
    )
    # A facet page says so under its count.
    for theme in fixture_programme.themes:
        with_theme = tuple(project for project in projects if project.theme == theme)
        if note := inferred_note(with_theme, "theme"):
            assert note in text_of(fixture_site.html(f"themes/{theme.id}/")), theme.id
    area_projects = next(project for project in projects if project.is_unconfirmed("boroughs"))
    area = area_projects.boroughs[0]
    in_area = tuple(project for project in projects if area in project.boroughs)
    assert inferred_note(in_area, "boroughs") in text_of(fixture_site.html(f"{NAMES.areas}/{area.slug}/"))


def test_the_finders_filters_say_their_counts_include_inferred_facts(fixture_site: Build, fixture_programme: Programme):
    finder = fixture_site.html("projects/")
    for field in ("theme", "boroughs"):
        note = counts_note(fixture_programme.projects, field)
        assert note and f'<p class="sc-note sc-finder__inferred">{note}</p>' in finder.replace("&#39;", "'"), field
