"""Quality gates on the fictional programme's site: valid HTML, links that resolve,
reproducible output. (tests/test_real_content.py runs the same gates on the real content.)"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from showcase.model import Programme
from site_builds import Build, copy_fixture, run_mkdocs_build
from site_checks import broken_links, content_problems, html_checker_errors

pytestmark = pytest.mark.build  # every test here runs MkDocs


def test_every_page_is_valid_html(fixture_site: Build):
    pages, errors = html_checker_errors(fixture_site.site)
    assert pages > 30
    assert errors == [], "\n".join(errors[:40])


def test_every_internal_link_anchor_and_asset_resolves(fixture_site: Build):
    checked, broken = broken_links(fixture_site.site)
    assert checked > 500
    assert broken == []


def test_every_record_appears_everywhere_it_should(fixture_site: Build, fixture_programme: Programme):
    assert content_problems(fixture_site, fixture_programme) == []


def test_the_content_checks_notice_a_record_missing_from_its_pages(fixture_copy: Path, fixture_programme: Programme):
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    (build.site / "projects/harbour-walks/index.html").unlink()
    (build.site / "downloads/snapshots/zest-peer-mentors.pdf").unlink()
    problems = content_problems(build, fixture_programme)
    assert "/projects/harbour-walks/: no page" in problems
    assert "zest-peer-mentors: no snapshot PDF" in problems
    _checked, broken = broken_links(build.site)
    assert any("projects/harbour-walks/" in line for line in broken)


def test_two_clean_builds_are_byte_identical(tmp_path: Path):
    first = run_mkdocs_build(copy_fixture(tmp_path / "one"))
    second = run_mkdocs_build(copy_fixture(tmp_path / "two"))
    assert first.returncode == second.returncode == 0, first.output + second.output
    differing = []
    for path in sorted(first.site.rglob("*")):
        twin = second.site / path.relative_to(first.site)
        if path.is_file() and not (twin.is_file() and filecmp.cmp(path, twin, shallow=False)):
            differing.append(str(path.relative_to(first.site)))
    files = [p for p in first.site.rglob("*") if p.is_file()]
    assert len(files) == len([p for p in second.site.rglob("*") if p.is_file()])
    assert differing == []
