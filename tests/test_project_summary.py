"""A project's facts and sections, worded once in Python (showcase.wording.project_summary) and laid out by
the web page, the card and the PDF snapshot: unknown facts left out, unconfirmed ones labelled,
sourced ones linked; and every wording the same on the web and on paper.

Stands on the fictional programme under tests/fixture/: harbour-walks has sourced facts and
unconfirmed partners; measuring-what-matters has no area, no source and nothing unconfirmed.
"""

from __future__ import annotations

import re

from page_text import letters, pdf_text, text_of
from showcase.model import Programme
from showcase.wording.citations import UNCONFIRMED_LABEL, SourceLink
from showcase.wording.project_summary import (
    NOT_PUBLISHED,
    Fact,
    FactValue,
    ProjectSummary,
    card_facts,
    quote_source,
    unconfirmed_note,
)
from site_builds import Build


def test_facts_are_worded_in_order_with_labels_and_sources_and_unknown_ones_left_out(fixture_programme: Programme):
    walks = ProjectSummary(fixture_programme.project_with_slug("harbour-walks"), fixture_programme.area_label)
    assert [fact.label for fact in walks.facts] == [
        "District",
        "Challenge theme",
        "Lead organisation",
        "Partners",
        "Primary care network",
    ]
    by_label = {fact.label: fact for fact in walks.facts}
    area = by_label["District"].values[0]
    assert (area.text, area.within and area.within.text) == ("Gullhaven", "Fernshire Coast ICB")
    assert by_label["Partners"].unconfirmed == UNCONFIRMED_LABEL
    assert by_label["Lead organisation"].unconfirmed == ""
    source = by_label["Lead organisation"].source
    assert source is not None and source.name == "source of the lead organisation of Harbour Walks"
    assert by_label["Challenge theme"].source is None
    # The web page adds the cohort first and the keywords last; the snapshot names the cohort in
    # its masthead instead.
    assert walks.page_facts[0].label == "Cohort" and walks.page_facts[1:6] == walks.facts

    measures = ProjectSummary(
        fixture_programme.project_with_slug("measuring-what-matters"), fixture_programme.area_label
    )
    labels = [fact.label for fact in measures.facts]
    assert "District" not in labels and "Districts" not in labels
    assert all(fact.values for fact in measures.facts)
    assert all(fact.unconfirmed == "" and fact.source is None for fact in measures.facts)


def test_sections_are_none_when_empty_and_carry_their_label_and_source(fixture_programme: Programme):
    walks = ProjectSummary(fixture_programme.project_with_slug("harbour-walks"), fixture_programme.area_label).sections
    assert walks.outcomes is not None and walks.outcomes.heading == "What was reported"
    assert walks.outcomes.source is not None
    assert walks.outcomes.source.text == "The items listed come from a published page"
    assert walks.aim.source is not None and walks.aim.source.text == "The aim is in the programme’s own words"
    empty = next(
        ProjectSummary(candidate, fixture_programme.area_label).sections
        for candidate in fixture_programme.projects
        if not candidate.links
    )
    assert empty.links is None


def test_the_web_note_leaves_the_aim_to_the_aim_section_and_is_none_when_nothing_is_left(
    fixture_programme: Programme,
):
    walks = ProjectSummary(fixture_programme.project_with_slug("harbour-walks"), fixture_programme.area_label)
    assert walks.note.aim and walks.page_note is not None and not walks.page_note.aim
    measures = ProjectSummary(
        fixture_programme.project_with_slug("measuring-what-matters"), fixture_programme.area_label
    )
    assert measures.page_note is None


def test_a_card_says_where_a_project_is_or_that_it_is_not_published(fixture_programme: Programme):
    where = card_facts(fixture_programme.project_with_slug("measuring-what-matters"))[0]
    assert (where.label, [value.text for value in where.values], where.unconfirmed) == ("Where", [NOT_PUBLISHED], "")


def test_a_quote_source_names_whose_words_it_is_and_the_unconfirmed_note_shows_only_when_needed(
    fixture_programme: Programme,
):
    walks = fixture_programme.project_with_slug("harbour-walks")
    sourced = next(quote for quote in walks.quotes if quote.source)
    link = quote_source(sourced)
    assert link is not None and link.name == f"source of the quote from {sourced.attribution}"
    assert unconfirmed_note([walks]) is not None
    assert unconfirmed_note([fixture_programme.project_with_slug("measuring-what-matters")]) is None


def test_every_fact_is_worded_the_same_on_the_web_page_and_in_the_snapshot(
    fixture_site: Build, fixture_programme: Programme
):
    """The wording is made once in Python: each fact's label, values, label of unconfirmed and
    each section's heading read the same on the page and on paper, for every project."""
    for each in fixture_programme.projects:
        summary = ProjectSummary(each, fixture_programme.area_label)
        # Without the citations, which each medium lays out its own way: "(source)" links on the
        # web, numbered notes on paper (an area's group, after the areas, cites its own).
        web = re.sub(r"\(source[^()]*\)", "", letters(text_of(fixture_site.html(f"projects/{each.slug}/"))))
        paper = re.sub(r"\[\d+\]", "", letters(pdf_text(fixture_site.site / f"downloads/snapshots/{each.slug}.pdf")))
        for fact in summary.facts:
            values = ", ".join(value.text for value in fact.values)
            groups = "".join(
                f"; {area} in {group.text}" if area else f", in {group.text}" for area, group in fact.groups
            )
            worded = letters(f"{fact.label}{values}{fact.unconfirmed}{groups}")
            assert worded in web, (each.slug, fact.label)
            assert worded in paper, (each.slug, fact.label)
        sections = summary.sections
        for section in (sections.summary, sections.outcomes, sections.quotes, sections.links):
            if section is not None:
                assert letters(section.heading) in web and letters(section.heading).upper() in paper.upper()


def test_an_areas_group_is_laid_out_once_after_them_its_link_naming_every_area_it_stands_for():
    # Issue 28: "Tower Hamlets (North East London ICB (source)) (source)" read as one claim cited
    # twice; the group now follows the areas' own citation, once when they share it.
    link = SourceLink("https://example.org/icb", "source", " of the ICB of Gullhaven")
    coast = FactValue("Fernshire Coast ICB", source=link)
    shared = Fact("Districts", (FactValue("Gullhaven", within=coast), FactValue("Harrowmouth", within=coast)))
    ((area, group),) = shared.groups
    assert (
        area == "" and group.source is not None and group.source.context == " of the ICB of Gullhaven and Harrowmouth"
    )
    north = FactValue("North Fernshire ICB")
    apart = Fact("Districts", (FactValue("Gullhaven", within=coast), FactValue("Coldharbour", within=north)))
    assert [(area, group.text) for area, group in apart.groups] == [
        ("Gullhaven", "Fernshire Coast ICB"),
        ("Coldharbour", "North Fernshire ICB"),
    ]
    assert Fact("Districts", (FactValue("Gullhaven"),)).groups == ()
