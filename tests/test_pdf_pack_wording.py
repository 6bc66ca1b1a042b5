"""A pack says only what it holds (issue 28): its subject names the parts of a summary its projects
have (no outcomes or quotes promised for projects without them), and a pack of one project reads
as one ("the only project", never "each of the 1 projects"). On the fictional programme's model
(the words), then on its built PDFs' metadata (where the words go).
"""

from __future__ import annotations

import pypdf

from showcase.model import Programme, Project
from showcase.pdf.documents import pack_path
from showcase.pdf.pack_wording import facet_selections, pack_wording, summaries_hold
from site_builds import Build, snapshot

PROGRAMME = "Fernshire Community Connectors Programme"


def subject_of(build: Build, path: str) -> str:
    info = pypdf.PdfReader(build.site / path).metadata
    assert info is not None
    return str(info["/Subject"])


def by_slug(programme: Programme, *slugs: str) -> tuple[Project, ...]:
    return tuple(project for project in programme.projects if project.slug in slugs)


def test_a_subject_promises_outcomes_and_quotes_only_when_a_project_has_them(fixture_programme: Programme) -> None:
    bare = by_slug(fixture_programme, "measuring-what-matters")
    assert not bare[0].outcomes and not bare[0].quotes and not bare[0].boroughs
    assert summaries_hold(bare) == "It gives its project’s aim and challenge theme."
    walks = by_slug(fixture_programme, "harbour-walks")
    assert walks[0].outcomes and walks[0].quotes
    assert (
        summaries_hold(walks)
        == "It gives its project’s aim, place, challenge theme, lead organisation, outcomes and quotes."
    )
    both = summaries_hold((*bare, *walks))
    assert both == (
        "Each gives its project’s aim and challenge theme, and where found its place, lead organisation, outcomes and quotes."
    )


def test_a_pack_of_one_project_reads_as_one(fixture_programme: Programme) -> None:
    singles = [(facet, projects) for facet, projects in facet_selections(fixture_programme) if len(projects) == 1]
    assert singles, "the fixture has an area with one project"
    for facet, projects in singles:
        wording = pack_wording(facet, 0, projects, PROGRAMME)
        assert wording.subject.startswith(f"The summary of the only project of the {PROGRAMME}"), wording.subject
        assert "1 projects" not in wording.subject and "It gives" in wording.subject
        assert wording.link_text == "Download this summary"


def test_every_pack_and_snapshot_subject_names_only_what_its_summaries_hold(
    fixture_site: Build, fixture_programme: Programme
) -> None:
    packs = [(pack_path(None), fixture_programme.projects)]
    packs += [(pack_path(facet), projects) for facet, projects in facet_selections(fixture_programme) if projects]
    packs += [(snapshot(project), (project,)) for project in fixture_programme.projects]
    for path, projects in packs:
        subject = subject_of(fixture_site, path)
        for part, has in (("outcomes", "outcomes"), ("quotes", "quotes"), ("place", "boroughs")):
            held = any(getattr(project, has) for project in projects)
            assert (part in subject.split(". ", 1)[1]) == held, (path, part, subject)
        assert "1 projects" not in subject and "one-page" not in subject, (path, subject)
