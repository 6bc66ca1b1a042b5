"""Links (symbolic links), named pipes and devices at every level of every folder the build reads
and publishes: content/ and data/ themselves, each folder on the way down, theme/ (mkdocs.yml's
custom_dir, whose files MkDocs copies into the site) and every file under them. `scripts/check`
and the build refuse each with the same message naming it, exit 1 and leave no site; no byte of
what a link points to is read or published."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builds import mkdocs_build, showcase_command

pytestmark = pytest.mark.build  # every test here runs MkDocs

SECRET = "showcase-test-secret-5c1d"  # in the build's environment: /proc/self/environ holds it
FOLDER_LINK_FIX = "Put the folder itself here in place of the link (move it here, then delete the link)."
FILE_LINK_FIX = "Replace the link with the file itself, or delete it."
ONLY_OURS = "the showcase reads and publishes only the ordinary files and folders inside the project, never what a link points to."


def refused_by_check_and_build(root: Path, *expected: str) -> None:
    """`scripts/check` and `mkdocs build` both exit 1 with each of the `expected` lines, publish
    nothing, and never show the secret."""
    check = showcase_command(root, "check")
    assert check.returncode == 1, check.stdout + check.stderr
    build = mkdocs_build(root, env={"SHOWCASE_DEPLOY_TOKEN": SECRET}, timeout=120)
    output = build.stdout + build.stderr
    assert build.returncode == 1 and not (root / "site").exists(), output
    for line in expected:
        assert f"  {line}" in check.stderr, check.stderr
        assert f"  {line}" in output, output
    assert SECRET not in output + check.stdout + check.stderr


def moved_and_linked(root: Path, folder: str) -> Path:
    """`folder` moved inside the project, a link to it left in its place; where it went."""
    real = root / "moved-here"
    (root / folder).rename(real)
    (root / folder).symlink_to(real, target_is_directory=True)
    return real


@pytest.mark.parametrize("folder", ["content", "content/images", "data", "theme"])
def test_a_folder_the_build_reads_as_a_link_is_refused(fixture_copy: Path, folder: str):
    real = moved_and_linked(fixture_copy, folder)
    # A GIF is published as it is: linked to the environment, it would publish the token.
    (real / "environment.gif").symlink_to("/proc/self/environ")
    refused_by_check_and_build(
        fixture_copy,
        f"{folder}: this is a link (a symbolic link) to {real}, not a folder: {ONLY_OURS} {FOLDER_LINK_FIX}",
    )


def test_a_link_in_the_theme_is_refused(fixture_copy: Path):
    (fixture_copy / "theme/assets/extra.css").symlink_to("/proc/self/environ")
    refused_by_check_and_build(
        fixture_copy,
        f"theme/assets/extra.css: this is a link (a symbolic link) to /proc/self/environ, not a file: {ONLY_OURS} "
        f"{FILE_LINK_FIX}",
    )


def test_a_named_pipe_in_the_theme_is_refused_without_hanging(fixture_copy: Path):
    os.mkfifo(fixture_copy / "theme/assets/waiting.css")  # MkDocs would wait for ever to copy it
    refused_by_check_and_build(
        fixture_copy,
        "theme/assets/waiting.css: this is a named pipe, not an ordinary file. "
        "Delete it, and save the text as an ordinary file.",
    )


def test_a_docs_dir_outside_the_project_is_refused(fixture_copy: Path):
    outside = fixture_copy.parent / "outside"
    (fixture_copy / "content").rename(outside)
    config = fixture_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "docs_dir: ../outside\n", "utf-8")
    build = mkdocs_build(fixture_copy, timeout=120)
    output = build.stdout + build.stderr
    assert build.returncode == 1 and not (fixture_copy / "site").exists(), output
    assert (
        f"  {outside}: this folder is outside the project's folder ({fixture_copy}): the showcase reads and "
        "publishes only the files inside it. In mkdocs.yml, set docs_dir (or theme: custom_dir) to a folder "
        "inside the project, such as content."
    ) in output
