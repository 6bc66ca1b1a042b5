"""The real site, built by the real MkDocs from the repository's own data."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import Build, run_mkdocs_build
from showcase.load import ProgrammeSources, load_programme
from showcase.model import Programme

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load_programme(ProgrammeSources.in_folder(REPO))


def text_of(page_html: str) -> str:
    """The page's main content as plain text, whitespace collapsed, entities decoded."""
    main = page_html[page_html.index('<article class="md-content__inner'):]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_every_project_has_a_page_with_its_facts(real_site: Build, programme: Programme):
    assert len(programme.projects) == 12
    for project in programme.projects:
        page = text_of(real_site.html(f"projects/{project.slug}/"))
        assert project.name in page
        assert project.aim in page, f"{project.slug}: aim not shown word for word"
        assert project.cohort.title in page
        assert project.theme.title in page
        for area in project.boroughs:
            assert area.name in page and f"{area.icb.name} ICB" in page
        for value in (project.organisation, project.pcn, *project.partners, *project.outcomes):
            if value:
                assert value in page
        for quote in project.quotes:
            assert quote.text in page and quote.attribution in page


def test_project_page_has_its_title_and_one_h1(real_site: Build):
    page = real_site.html("projects/mens-project-tower-hamlets/")
    assert "<title>Men’s project (Tower Hamlets) - Social Prescribing Innovators Programme</title>" in page
    assert page.count("<h1") == 1


def test_unconfirmed_facts_are_labelled_and_unknown_facts_are_absent(real_site: Build):
    hbd = text_of(real_site.html("projects/hbd-womens-health-network/"))
    assert "Lambeth ( South East London ICB ) (unconfirmed)" in hbd
    my_community = real_site.html("projects/my-community-social-prescribing-evaluation-project/")
    assert "Borough" not in text_of(my_community)
    assert "Lead organisation" not in my_community
    for page in real_site.site.rglob("*.html"):
        assert "TBC" not in page.read_text("utf-8"), page


def test_narrative_markdown_appears_on_its_project_page(real_site: Build):
    page = real_site.html("projects/mens-project-tower-hamlets/")
    narrative = (REPO / "content/projects/mens-project-tower-hamlets.md").read_text("utf-8")
    first_heading = re.search(r"^## (.+)$", narrative, re.M).group(1)
    assert f">{first_heading}<" in page


def test_cohort_page_shows_its_facts_and_a_card_per_project(real_site: Build, programme: Programme):
    page = real_site.html("cohorts/2022-23/")
    text = text_of(page)
    for fact in ("Applications 40", "Shortlisted 20", "Projects funded 12", "£120,000", "up to £10,000 each",
                 "31 March 2023", "16 May 2023", "September 2022 to March 2023", "The 12 projects"):
        assert fact in text, fact
    assert page.count('class="sc-card"') == 12
    for project in programme.projects:
        assert f'href="../../projects/{project.slug}/"' in page
    for quote in programme.cohorts[0].quotes:
        assert quote.text in text


def test_cohort_counts_are_computed_from_the_records(project_copy: Path):
    data = project_copy / "data" / "projects.yaml"
    text = data.read_text("utf-8")
    # Drop the last record: every count on the cohort page must follow.
    data.write_text(text[: text.rindex("  - slug:")], "utf-8")
    build = run_mkdocs_build(project_copy)
    assert build.returncode == 0, build.output
    page = text_of(build.html("cohorts/2022-23/"))
    assert "Projects funded 11" in page and "The 11 projects" in page
    assert "North East London ICB: 4 projects" in page


def test_every_page_is_reachable_from_the_index_pages(real_site: Build, programme: Programme):
    projects_index = real_site.html("projects/")
    for project in programme.projects:
        assert f'href="{project.slug}/"' in projects_index
    themes = real_site.html("themes/")
    for theme in programme.themes:
        assert f'href="{theme.id}/"' in themes
        theme_page = real_site.html(f"themes/{theme.id}/")
        assert theme_page.count('class="sc-card"') == len(programme.projects_with_theme(theme))
    home = real_site.html("")
    assert 'href="cohorts/2022-23/"' in home


def test_no_page_asks_another_host_for_anything(real_site: Build):
    # Links to other sites are fine; loading fonts, scripts, styles or images from them is not.
    loads = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)=\"(https?:)?//", re.I)
    for page in real_site.site.rglob("*.html"):
        assert not loads.search(page.read_text("utf-8")), page
    css = "\n".join(p.read_text("utf-8") for p in real_site.site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_strict_build_has_no_warnings(real_site: Build):
    assert "WARNING" not in real_site.output
