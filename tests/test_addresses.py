"""No address breaks silently (EDITING.md, "Delete, rename or archive"): scripts/check compares the
content with what the default branch published, in a git repository of the fictional programme,
and the site keeps answering at every address it published."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from content_edits import PROJECTS, edit, line_of, refused
from showcase.model import Programme, RemovedProject
from showcase.web.site import redirect_pages
from site_builds import NAMES, Build, copy_fixture, mkdocs_build, showcase_command, snapshot
from test_editing import guide_messages, masked, without_line_numbers
from test_names import with_londons_names

RENAMED = "zest-peer-mentors"
REMOVED = "measuring-what-matters"
COHORT = "2024-25"
GEOGRAPHY = "data/geography.yaml"


def git(root: Path, *arguments: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-C", str(root), *arguments],
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if key != "GITHUB_BASE_REF"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def published(tmp_path: Path) -> Path:
    """A repository of the fictional programme whose `main` has published it."""
    root = copy_fixture(tmp_path / "project")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The programme")
    return root


def check(root: Path) -> tuple[int, list[str], str]:
    """scripts/check: its exit code, the problems it printed, and what it printed on stdout."""
    done = showcase_command(root, "check", env={"GITHUB_ACTIONS": "", "GITHUB_BASE_REF": ""})
    problems = [line.strip() for line in done.stderr.splitlines() if line.startswith("  ")]
    return done.returncode, problems, done.stdout


def removed_record(reason: str = "reason: The project ended in 2024.\n") -> str:
    return f"\nremoved_projects:\n  - slug: {REMOVED}\n    name: Measuring What Matters\n    {reason}"


def delete_record(root: Path, slug: str) -> str:
    path = root / PROJECTS
    text = path.read_text("utf-8")
    start = text.index(f"  - slug: {slug}\n")
    end = text.index("  - slug: ", start + 1)
    path.write_text(text[:start] + text[end:], "utf-8")
    return path.read_text("utf-8")


def test_a_slug_changed_without_previous_slugs_is_refused_on_the_renamed_record(tmp_path: Path):
    root = published(tmp_path)
    text = edit(root, f"- slug: {RENAMED}\n", "- slug: zest-mentors\n")
    assert check(root)[:2] == (
        1,
        [
            f"data/projects.yaml:{line_of(text, '- slug: zest-mentors')}: project 'zest-mentors', field "
            "'previous_slugs': the project 'Zest Peer Mentors' was published at projects/zest-peer-mentors/ (main), "
            "and no record here has that address now: links to it would break. If this is the same project with a "
            "new slug, add 'zest-peer-mentors' to its previous_slugs (previous_slugs: [zest-peer-mentors]); if it is "
            "off the site, list it under 'removed_projects:' (- slug: zest-peer-mentors, then name: Zest Peer "
            "Mentors; see EDITING.md), and its address will say so."
        ],
    )
    printed = [masked(without_line_numbers(line)) for line in check(root)[1]]
    title = "A slug changed or a project deleted, and its old address forgotten"
    assert printed == [masked(line) for line in guide_messages(title)]


@pytest.mark.build
def test_a_slug_changed_with_its_previous_slug_passes_and_the_old_address_leads_to_the_page(tmp_path: Path):
    root = published(tmp_path)
    edit(root, f"- slug: {RENAMED}\n", f"- slug: zest-mentors\n    previous_slugs: [{RENAMED}]\n")
    code, problems, _ = check(root)
    assert (code, problems) == (0, [])
    build = mkdocs_build(root, env={"SHOWCASE_PDF": "0"})
    assert build.returncode == 0, build.stderr
    page = (root / f"site/projects/{RENAMED}/index.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../zest-mentors/">' in page


def test_an_earlier_address_dropped_from_previous_slugs_is_refused(tmp_path: Path):
    root = published(tmp_path)
    text = edit(root, "previous_slugs: [retention-pilot, link-worker-pilot]", "previous_slugs: [link-worker-pilot]")
    assert check(root)[1] == [
        f"data/projects.yaml:{line_of(text, '- slug: link-worker-retention-pilot')}: project "
        "'link-worker-retention-pilot', field 'previous_slugs': the project 'Link Worker Retention Pilot' was "
        "published at projects/retention-pilot/ (main), and no record here has that address now: links to it would "
        "break. If this is the same project with a new slug, add 'retention-pilot' to its previous_slugs "
        "(previous_slugs: [retention-pilot]); if it is off the site, list it under 'removed_projects:' (- slug: "
        "retention-pilot, then name: Link Worker Retention Pilot; see EDITING.md), and its address will say so."
    ]


@pytest.mark.build
def test_a_deleted_project_is_refused_until_it_is_listed_as_removed_then_its_address_says_so(tmp_path: Path):
    root = published(tmp_path)
    delete_record(root, REMOVED)
    assert check(root)[1] == [
        "data/projects.yaml: project 'measuring-what-matters': the project 'Measuring What Matters' was published at "
        "projects/measuring-what-matters/ (main), and no record here has that address now: links to it would break. "
        "If you gave it a new slug, add 'measuring-what-matters' to its record's previous_slugs; if it is off the "
        "site, list it under 'removed_projects:' (- slug: measuring-what-matters, then name: Measuring What Matters; "
        "see EDITING.md), and its address will say so."
    ]
    with (root / PROJECTS).open("a", encoding="utf-8") as file:
        file.write(removed_record())
    assert check(root)[:2] == (0, [])
    build = mkdocs_build(root, env={"SHOWCASE_PDF": "0"})
    assert build.returncode == 0, build.stderr
    page = (root / f"site/projects/{REMOVED}/index.html").read_text("utf-8")
    assert "<h1>Measuring What Matters is no longer listed</h1>\n<p>The project ended in 2024.</p>" in page
    assert '<a href="../">Find other projects in the project finder</a>' in page
    assert '<meta name="robots" content="noindex">' in page
    assert f"projects/{REMOVED}/" not in (root / "site/sitemap.xml").read_text("utf-8")


def test_a_project_listed_as_removed_while_its_record_is_there_is_refused(fixture_copy: Path):
    with (fixture_copy / PROJECTS).open("a", encoding="utf-8") as file:
        file.write(removed_record())
    text = (fixture_copy / PROJECTS).read_text("utf-8")
    assert refused(fixture_copy) == [
        f"data/projects.yaml:{line_of(text, f'  - slug: {REMOVED}', 2)}: removed project "
        f"'{REMOVED}', field 'slug': '{REMOVED}' is the slug of the project on line "
        f"{line_of(text, f'  - slug: {REMOVED}')}, which is still on the site. List a project here only once its "
        "record is deleted; to keep the project, delete this record."
    ]


def test_a_removed_slug_that_is_a_projects_earlier_address_is_refused(fixture_copy: Path):
    with (fixture_copy / PROJECTS).open("a", encoding="utf-8") as file:
        file.write("\nremoved_projects:\n  - slug: retention-pilot\n    name: Retention Pilot\n")
    text = (fixture_copy / PROJECTS).read_text("utf-8")
    assert refused(fixture_copy) == [
        f"data/projects.yaml:{line_of(text, '  - slug: retention-pilot')}: removed project 'retention-pilot', field "
        "'slug': 'retention-pilot' is an earlier address of project 'link-worker-retention-pilot' (its "
        f"previous_slugs, line {line_of(text, 'previous_slugs: [retention-pilot')}), so it leads to that project's "
        "page. An address leads to one page: keep it in one of the two lists."
    ]


def test_a_cohort_renamed_without_previous_ids_is_refused_on_its_new_file(tmp_path: Path):
    root = published(tmp_path)
    cohorts = root / "content/cohorts"
    (cohorts / f"{COHORT}.md").rename(cohorts / "second.md")
    data = root / PROJECTS
    data.write_text(data.read_text("utf-8").replace(f"cohort: {COHORT}", "cohort: second"), "utf-8")
    assert check(root)[1] == [
        "content/cohorts/second.md:1: cohort '2024-25', field 'previous_ids': the cohort '2024/25 second cohort' was "
        "published at cohorts/2024-25/ (main), and no cohort file has that id now: links to it would break. If its "
        "file was renamed, add 'previous_ids: [2024-25]' to the front matter of its new file; if it is off the "
        "site, keep content/cohorts/2024-25.md."
    ]


def test_a_project_published_on_main_after_the_branch_began_is_not_taken_for_removed(tmp_path: Path):
    root = published(tmp_path)
    git(root, "switch", "-q", "-c", "an-edit")
    git(root, "switch", "-q", "main")
    edit(root, f"- slug: {RENAMED}\n", "- slug: zest-mentors\n    previous_slugs: [zest-peer-mentors]\n")
    git(root, "commit", "-q", "-am", "Renamed on main")
    git(root, "switch", "-q", "an-edit")
    assert check(root)[:2] == (0, [])


def test_outside_git_the_check_says_it_could_not_compare_and_passes(fixture_copy: Path):
    code, problems, stdout = check(fixture_copy)
    assert (code, problems) == (0, [])
    assert (
        f"Note: the addresses were not compared with the published site: {fixture_copy} is not a git checkout, so a "
        "renamed or deleted project's old address is not checked.\n"
    ) in stdout


def test_a_place_without_projects_has_a_page_that_says_so_and_is_not_offered_to_browse(fixture_site: Build):
    page = fixture_site.html(f"{NAMES.areas}/ivybridge-marsh/")
    assert "No projects in Ivybridge Marsh at present." in page
    assert "Find projects elsewhere in the project finder" in page
    assert "ivybridge-marsh/" not in fixture_site.html("projects/").split(f'id="browse-{NAMES.area}"')[1]


@pytest.mark.build
def test_a_place_that_lost_its_last_project_still_answers_saying_so(fixture_copy: Path):
    edit(fixture_copy, f"{NAMES.areas}: [Elmstead upon Wye]", f"{NAMES.areas}: [Dunmere]")
    build = mkdocs_build(fixture_copy, env={"SHOWCASE_PDF": "0"})
    assert build.returncode == 0, build.stderr
    page = (fixture_copy / "site" / NAMES.areas / "elmstead-upon-wye/index.html").read_text("utf-8")
    assert "No projects in Elmstead upon Wye at present." in page


def test_a_renamed_projects_old_snapshot_address_has_its_snapshot(fixture_site: Build):
    current = (fixture_site.site / snapshot("link-worker-retention-pilot")).read_bytes()
    for old in ("retention-pilot", "link-worker-pilot"):
        assert (fixture_site.site / snapshot(old)).read_bytes() == current


def test_a_theme_id_or_an_area_taken_out_of_its_list_is_refused_and_a_corrected_name_with_its_slug_passes(
    tmp_path: Path,
):
    root = published(tmp_path)
    edit(root, "  - id: digital\n", "  - id: online\n")
    edit(root, "    theme: digital\n", "    theme: online\n")
    edit(root, "  - name: Ivybridge Marsh\n", "  - name: Ivybridge Marshes\n", file=GEOGRAPHY)
    assert check(root)[1] == [
        "data/geography.yaml: area 'Ivybridge Marsh': the area 'Ivybridge Marsh' was published at "
        f"{NAMES.areas}/ivybridge-marsh/ (main), and no area here has that address now: links to it would break. Keep it "
        "under 'areas:' (its page then says there are no projects there at present); if you corrected its name, add "
        "'slug: ivybridge-marsh' to it so that its address stays.",
        "data/projects.yaml: theme 'digital': the theme 'Digital routes in' was published at themes/digital/ (main), "
        "and no theme here has that id now: links to it would break. Keep it under 'themes:' with 'id: digital' (its "
        "page then says no project has the theme at present); to rename a theme, change its title, not its id.",
    ]
    edit(root, "  - id: online\n", "  - id: digital\n")
    edit(root, "    theme: online\n", "    theme: digital\n")
    edit(
        root,
        "  - name: Ivybridge Marshes\n",
        "  - name: Ivybridge Marshes\n    slug: ivybridge-marsh\n",
        file=GEOGRAPHY,
    )
    assert check(root)[:2] == (0, [])


@pytest.mark.parametrize("londons_names", [False, True])
def test_a_group_whose_id_changed_is_refused_under_the_section_its_names_give(tmp_path: Path, londons_names: bool):
    """The published file is read under its own names: `icbs:` for London's, `groups:` without."""
    root = published(tmp_path)
    groups = NAMES.groups
    if londons_names:
        with_londons_names(root)
        git(root, "commit", "-q", "-am", "London's names")
        groups = "icbs"
    path = root / GEOGRAPHY
    path.write_text(re.sub(r"\b(id|icb|group): FC$", r"\1: FCB", path.read_text("utf-8"), flags=re.M), "utf-8")
    assert check(root)[1] == [
        "data/geography.yaml: ICB 'Fernshire Coast': the ICB 'Fernshire Coast' was published at "
        f"{groups}/fc/ (main), and no ICB here has that id now: links to it would break. Keep it under "
        f"'{groups}:' with 'id: FC' (its page then says there are no projects there at present).",
    ]


def test_a_removed_projects_page_escapes_its_name_and_reason(fixture_programme: Programme):
    removed = RemovedProject("gone", "<img src=x onerror=alert(1)>", "Ended & <b>closed</b>.", ("older",))
    pages = redirect_pages(replace(fixture_programme, removed=(removed,)), None)
    for address in ("projects/gone/index.html", "projects/older/index.html"):
        assert "<h1>&lt;img src=x onerror=alert(1)&gt; is no longer listed</h1>" in pages[address]
        assert "<p>Ended &amp; &lt;b&gt;closed&lt;/b&gt;.</p>" in pages[address]


def test_the_not_found_page_says_where_a_pdf_went(fixture_site: Build):
    assert (
        "<p>Looking for a PDF? Each is linked from its page: a project’s summary from the project’s page, the "
        "summaries of a cohort, theme, district or ICB from theirs. A renamed project’s PDF is still at its old "
        "address too; a project taken off the site, or a theme or place with no projects at present, has none.</p>"
    ) in fixture_site.html("404.html")
