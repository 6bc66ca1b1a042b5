"""Each thing said once (issue 31): a page that counts the same projects in several views (the
charts by group and on the map, a cohort's "Where the projects are" and its projects by theme)
says which areas or themes the editors inferred once, and every view that counts them still
labels them (issue 28)."""

from __future__ import annotations

import lxml.html
import pytest

from page_text import text_of
from showcase.model import Programme
from showcase.wording.tally import UNCONFIRMED, UNCONFIRMED_LABEL, inferred_note
from site_builds import Build


def pages_with_charts(build: Build, programme: Programme, field: str = "boroughs") -> list[tuple[str, str]]:
    """The home page and each cohort's page with projects, with their note on inferred `field`."""
    pages = [("", inferred_note(programme.projects, field))]
    for cohort in programme.cohorts:
        if projects := programme.projects_in_cohort(cohort):
            pages.append((f"cohorts/{cohort.id}/", inferred_note(projects, field)))
    return pages


@pytest.mark.parametrize("field", ["boroughs", "theme"])
def test_a_page_with_charts_says_which_areas_or_themes_were_inferred_once(
    fixture_site: Build, fixture_programme: Programme, field: str
) -> None:
    said = 0
    for address, note in pages_with_charts(fixture_site, fixture_programme, field):
        if not note:
            continue
        assert text_of(fixture_site.html(address)).count(note) == 1, address
        said += 1
    assert said >= 2, "the fixture's inferred values are on the home page and a cohort's"


def test_the_map_is_described_once_by_its_own_mark_the_areas_note_being_under_the_chart_by_group(
    fixture_site: Build, fixture_programme: Programme
) -> None:
    for address, note in pages_with_charts(fixture_site, fixture_programme):
        page = lxml.html.fromstring(fixture_site.html(address))
        (by_map,) = page.find_class("sc-chart--map")
        described = [
            page.get_element_by_id(ref).text_content() for ref in (by_map.get("aria-describedby") or "").split()
        ]
        if not note:
            assert not described, address
            continue
        by_group = by_map.getprevious()  # the chart by group: its note says it, under it
        (group_note,) = by_group.find_class("sc-note")
        assert group_note.text_content() == note, address
        # One description (test_reading: each chart read out once): what its mark means.
        (own,) = described
        assert "marked *" in own and note not in own, (address, described)


@pytest.mark.parametrize(("field", "section"), [("boroughs", "where"), ("theme", "projects")])
def test_a_cohorts_counts_again_label_inferred_values_and_point_to_the_note(
    fixture_site: Build, fixture_programme: Programme, field: str, section: str
) -> None:
    """'Where the projects are' counts by place, 'The projects' by theme, as the charts above do."""
    pointed = 0
    for address, note in pages_with_charts(fixture_site, fixture_programme, field):
        if not address:
            continue
        page = lxml.html.fromstring(fixture_site.html(address))
        counts = page.get_element_by_id(section).getparent()
        for card in counts.find_class("sc-grid"):  # the project cards label their own facts
            card.drop_tree()
        text = " ".join(counts.text_content().split())
        links = [link for link in counts.iter("a") if link.get("href", "").startswith("#")]
        if not note:
            assert f"Marked {UNCONFIRMED}" not in text and not links, address
            continue
        # Every count that rests on an inferred value is labelled, here as in the charts.
        assert UNCONFIRMED_LABEL in text or f"{UNCONFIRMED})" in text, text
        (link,) = links
        target = page.get_element_by_id(link.get("href")[1:])
        assert " ".join(target.text_content().split()) == note, (address, link.get("href"))
        assert f"Marked {UNCONFIRMED}: see the note under {link.text_content()}." in text, text
        pointed += 1
    assert pointed, f"a fixture cohort has a project whose {field} was inferred"
