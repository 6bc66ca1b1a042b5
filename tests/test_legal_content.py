"""What the legal pages say follows what is true of the site built (issue 28): the accessibility
statement lists only the known problems its content has, and never claims full compliance
without an audit; no page or file states a licence until a publisher, who alone can grant one,
is set; the settings' sourced claims (who launched the programme, its status) are checked
against the stored text of their pages, as the records' are.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest

from content_edits import edit, line_of
from page_text import text_of
from showcase.identity import Licence, ProgrammeIdentity
from showcase.loading.markdown_citations import CitedSentence, unstated_figures
from showcase.loading.source_texts import SourceText, identity_unstated
from showcase.model import Programme, Quote
from showcase.web.feed import FEED_PATH
from showcase.wording.legal import (
    KNOWN_ISSUES,
    LICENCE_NOT_STATED,
    LICENCE_UNCONFIRMED,
    LegalFacts,
    has_quote_with_signs_before_consonants,
    has_quotes,
    has_right_to_left_quote,
    known_issues_of,
)
from site_builds import mkdocs_build, showcase_command

PUBLISHER = "Fernshire Health and Care Partnership"  # tests/fixture/mkdocs.yml's
LICENCE_NAME = "Open Government Licence v3.0"  # the kit's mkdocs.yml's, which the fixture inherits
IDENTITY = ProgrammeIdentity("Example Programme", "team@example.org", "Exampleshire", Licence("L", "https://l.example"))


def without_quotes(programme: Programme, keep) -> Programme:
    """The programme with only the quotes `keep` accepts, on its cohorts and projects alike."""
    cohorts = {c.id: dataclasses.replace(c, quotes=tuple(filter(keep, c.quotes))) for c in programme.cohorts}
    projects = tuple(
        dataclasses.replace(p, cohort=cohorts[p.cohort.id], quotes=tuple(filter(keep, p.quotes)))
        for p in programme.projects
    )
    return dataclasses.replace(programme, cohorts=tuple(cohorts.values()), projects=projects)


def test_the_statement_lists_only_the_known_problems_the_content_built_has(fixture_programme: Programme):
    # The fixture has an Arabic quote: every known problem but the Bengali-like scripts' applies to it.
    assert has_right_to_left_quote(fixture_programme)
    assert not has_quote_with_signs_before_consonants(fixture_programme)
    assert known_issues_of(fixture_programme) == tuple(i for i in KNOWN_ISSUES if "Bengali" not in i.what)
    bengali = Quote(text="আমি নতুন বন্ধু পেয়েছি।", attribution="A member", lang="bn")
    with_bengali = dataclasses.replace(
        fixture_programme,
        projects=(
            dataclasses.replace(fixture_programme.projects[0], quotes=(*fixture_programme.projects[0].quotes, bengali)),
            *fixture_programme.projects[1:],
        ),
    )
    assert has_quote_with_signs_before_consonants(with_bengali)
    assert known_issues_of(with_bengali) == KNOWN_ISSUES
    left_to_right = without_quotes(
        fixture_programme, lambda quote: "rtl" not in (quote.text_dir, quote.attribution_dir)
    )
    assert has_quotes(left_to_right) and not has_right_to_left_quote(left_to_right)
    listed = known_issues_of(left_to_right)
    assert [issue for issue in KNOWN_ISSUES if issue not in listed] == [KNOWN_ISSUES[0], KNOWN_ISSUES[1]]
    assert "right-to-left" in KNOWN_ISSUES[0].what
    # No failure left, yet no claim of full compliance: no one has audited the site.
    facts = LegalFacts(IDENTITY, (), listed)
    assert facts.non_compliances == ()
    assert f"{facts.compliance} with" == "not confirmed to be compliant with"
    assert "no accessibility specialist has audited it yet" in facts.compliance_reason
    no_quotes = known_issues_of(without_quotes(fixture_programme, lambda quote: False))
    assert [issue for issue in KNOWN_ISSUES if issue not in no_quotes] == list(KNOWN_ISSUES[:3])
    assert "a quote in another language" in KNOWN_ISSUES[2].what


@pytest.mark.build
def test_until_a_publisher_is_set_no_page_or_file_states_a_licence_and_the_check_notes_it(fixture_copy: Path):
    edit(fixture_copy, f"    publisher: {PUBLISHER}\n", "", file="mkdocs.yml")
    build = mkdocs_build(
        fixture_copy, env={"SHOWCASE_PDF": "0", "SHOWCASE_SITE_URL": "https://connectors.example.org/"}
    )
    assert build.returncode == 0, build.stderr
    site = fixture_copy / "site"
    pages = sorted(site.rglob("*.html"))
    footers = [page for page in pages if 'class="sc-footer__licence"' in page.read_text("utf-8")]
    assert len(footers) > 30
    for page in footers:
        footer = re.search(r'<p class="sc-footer__licence">(.*?)</p>', page.read_text("utf-8"), re.S)
        assert footer and html.unescape(footer.group(1)).strip() == LICENCE_UNCONFIRMED, page
    for path in [*pages, *site.rglob("*.json"), *site.rglob("*.xml"), *site.rglob("*.csv")]:
        text = path.read_text("utf-8")
        assert LICENCE_NAME not in text and 'rel="license"' not in text, path
    licence = text_of((site / "licence/index.html").read_text("utf-8"))
    assert f"{LICENCE_UNCONFIRMED} Until it is, this website grants no licence" in licence
    assert json.loads((site / "data/projects.json").read_text("utf-8"))["licence"] is None
    feed = (site / FEED_PATH).read_text("utf-8")
    assert f"<rights>{LICENCE_UNCONFIRMED}</rights>" in feed and 'rel="license"' not in feed
    checked = showcase_command(fixture_copy, "check")
    assert checked.returncode == 0, checked.stderr
    licence_line = line_of((fixture_copy / "mkdocs.yml").read_text("utf-8"), "    licence:")
    assert f"Note: mkdocs.yml:{licence_line}: {LICENCE_NOT_STATED}" in checked.stdout


def test_the_settings_claims_are_compared_with_their_pages_stored_text():
    launch, ended = "https://example.org/launch", "https://example.org/ended"
    identity = dataclasses.replace(
        IDENTITY,
        launched_by="Fernshire Council",
        launched_by_source=launch,
        status="The council describes the programme as “closed since spring 2025”, in its own words.",
        status_source=ended,
    )
    texts = {
        launch: SourceText(launch, "Fernshire Council launched the programme.", "data/sources/launch.txt"),
        ended: SourceText(ended, "The programme has been closed since spring 2025.", "data/sources/ended.txt"),
    }
    # Only the status's quoted words are the page's: the rest is the editors' account of them.
    assert identity_unstated(identity, texts) == []
    texts[ended] = SourceText(ended, "The programme closed.", "data/sources/ended.txt")
    (found,) = identity_unstated(identity, texts)
    assert str(found) == (
        "extra.programme, field 'status': its source https://example.org/ended does not state "
        "'closed since spring 2025'. Write it as the page does (a status: quote the page's words in quote marks), "
        "or set the page that states it."
    )
    del texts[launch]
    assert next(str(found) for found in identity_unstated(identity, texts)) == (
        "extra.programme, field 'launched_by': no text is stored for its source https://example.org/launch. "
        "Save the page's text in data/sources/ (see its README.md)."
    )


def test_a_cited_day_is_stated_by_a_page_that_writes_it_as_an_ordinal():
    page = "https://example.org/pilot"
    texts = {page: SourceText(page, "It ended with a graduation event on 31st March 2023.", "data/sources/p.txt")}
    stated = CitedSentence("content/index.md", 3, "The pilot ended on 31 March 2023", (page,))
    assert unstated_figures([stated], texts) == []
    wrong = CitedSentence("content/index.md", 4, "The pilot ended on 30 March 2023", (page,))
    assert [problem.message for problem in unstated_figures([wrong], texts)] == [
        f"the figure '30' is not stated by the page it cites ({page})."
    ]
