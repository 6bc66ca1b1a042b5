"""The mkdocs.yml settings a programme sets (the site's address, the "Edit this page" repository,
the nav), checked alike for the build (hooks/pages.py, from MkDocs' config) and scripts/check
(cli.py, from the file): both pass the same mapping, so they refuse in the same words. The
programme's identity, extra.programme, is identity.py's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from showcase.reading.safe_html import IGNORED_IN_URLS, is_safe_link
from showcase.reading.setting_lines import SettingPath, SettingProblem

# site_url starts every absolute link, feed id and card address: only what an address needs.
SITE_ADDRESS = re.compile(r"https?://[a-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%!$&()*+,;=:@/-]*)?", re.IGNORECASE)
# The settings that name a folder, and how to write one.
FOLDER_SETTINGS = {
    ("docs_dir",): ", such as content",
    ("site_dir",): ", such as content",
    ("theme", "custom_dir"): ": theme",
}


def settings_problems(settings: Mapping[str, Any], project: Path | None = None) -> list[SettingProblem]:
    """Every problem with the settings, each a sentence naming the setting, with its fix; with
    `project` (mkdocs.yml's folder), the site folder's place too."""
    problems = [
        SettingProblem(path, f"{'.'.join(path)} is {_kind(folder)}, not a folder's name. Write the folder's name{how}.")
        for path, how in FOLDER_SETTINGS.items()
        if (folder := _setting(settings, path)) is not None and not isinstance(folder, str)
    ]
    address = settings.get("site_url")
    if address and not (isinstance(address, str) and SITE_ADDRESS.fullmatch(address)):
        not_plain = (
            f"site_url is '{address}', which is not a plain web address (it holds a space, a quote mark or another "
            "character an address cannot have). Set SHOWCASE_SITE_URL to the address the site is published at, "
            "such as https://example.org/showcase/."
        )
        problems.append(SettingProblem(("site_url",), not_plain))
    repository = _setting(settings, ("extra", "edit_repository"))
    problem: str | None = None
    if repository is not None and not isinstance(repository, str):
        problem = (
            f"extra.edit_repository is {_kind(repository)}, not a web address. "
            "Write the repository's address, such as https://github.com/org/showcase, or leave it empty."
        )
    elif repository:
        problem = link_problem("extra.edit_repository", repository.strip(), web_only=True)
    if problem:
        problems.append(SettingProblem(("extra", "edit_repository"), problem))
    problems += [
        SettingProblem(path, problem)
        for path, title, target in _nav_entries(settings.get("nav"))
        if (problem := link_problem(f"nav: '{title}'", target))
    ]
    site = _setting(settings, ("site_dir",))
    if project is not None and isinstance(site, str) and (problem := site_folder_problem(site, project)):
        problems.append(SettingProblem(("site_dir",), problem))
    return problems + _request_problems(settings)


def site_folder_problem(site_dir: str, project: Path) -> str | None:
    """Why the build may not write the site into `site_dir`: it replaces that folder whole, so a
    folder of the project's own (`theme`, `data`), or the project itself, would be deleted. A site
    built before holds an index.html and MkDocs' sitemap.xml."""
    folder, project = (project / site_dir).resolve(), project.resolve()
    # As mkdocs.yml writes it: the build's setting is made absolute by MkDocs.
    site_dir = folder.relative_to(project).as_posix() if folder.is_relative_to(project) else site_dir
    fix = "Name a folder of its own for the site, such as site."
    if folder == project or folder in project.parents:
        return f"site_dir is '{site_dir}', the project's own folder or one holding it, which the build would replace whole. {fix}"
    built_before = (folder / "index.html").is_file() and (folder / "sitemap.xml").is_file()
    if folder.exists() and not built_before and (not folder.is_dir() or any(folder.iterdir())):
        return (
            f"site_dir is '{site_dir}', which holds files no build of the site made: the build replaces the site "
            f"folder whole, so they would be deleted. {fix}"
        )
    return None


# The settings with which material would make every reader's browser ask another website for
# something (so that website learns who reads which page): the site makes no such request.
_ASKS_ANOTHER_SITE = "which would make every page ask another website for"
_FILE_SETTINGS: dict[SettingPath, str] = {
    ("extra_css",): "a style sheet",
    ("extra_javascript",): "a script",
    ("theme", "logo"): "its logo",
    ("theme", "favicon"): "its icon",
}
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:|//|\\\\)", re.IGNORECASE)


def _request_problems(settings: Mapping[str, Any]) -> list[SettingProblem]:
    problems = []
    for path, what in _FILE_SETTINGS.items():
        value = _setting(settings, path)
        for index, entry in enumerate(value if isinstance(value, list) else [value] if value else []):
            if _REMOTE.match(IGNORED_IN_URLS.sub("", str(entry))):
                at: SettingPath = (*path, index) if isinstance(value, list) else path
                problems.append(
                    SettingProblem(
                        at,
                        f"{'.'.join(map(str, path))} names '{entry}', {_ASKS_ANOTHER_SITE} {what}. Save the file in the "
                        "theme/ folder and name its path there, or delete the entry.",
                    )
                )
    if (font := _setting(settings, ("theme", "font"))) is not None and font is not False:
        problems.append(
            SettingProblem(
                ("theme", "font"),
                f"theme.font is set, {_ASKS_ANOTHER_SITE} its fonts (Google Fonts). Delete the setting: "
                "the site uses the reader's own fonts (showcase.yml sets font: false).",
            )
        )
    if settings.get("repo_url"):
        problems.append(
            SettingProblem(
                ("repo_url",),
                f"repo_url is set, {_ASKS_ANOTHER_SITE} the repository's stars and forks. Delete it, and write the "
                "repository's address as extra.edit_repository for the pages' 'Edit this page' link.",
            )
        )
    if _setting(settings, ("extra", "analytics")):
        problems.append(
            SettingProblem(
                ("extra", "analytics"),
                f"extra.analytics is set, {_ASKS_ANOTHER_SITE} a script that counts visits, and the site "
                "promises no tracking. Delete the setting.",
            )
        )
    problems += [
        SettingProblem(
            ("plugins",),
            f"plugins lists '{name}': the kit runs no MkDocs plugin (they run code and may ask other websites for "
            "files; its search is the project finder). Delete it from plugins.",
        )
        for name in _plugin_names(settings)
    ]
    return problems


def _plugin_names(settings: Mapping[str, Any]) -> list[str]:
    """The plugins set, as MkDocs' config holds them (the hooks among them) or as the file writes them."""
    plugins = settings.get("plugins")
    if isinstance(plugins, Mapping):
        hooks = settings.get("hooks")
        names = [str(name) for name in plugins if not (isinstance(hooks, Mapping) and name in hooks)]
    elif isinstance(plugins, list):
        names = [str(next(iter(entry))) if isinstance(entry, Mapping) else str(entry) for entry in plugins]
    else:
        names = []
    return [name.removeprefix("material/") for name in names]  # as typed: MkDocs names material's own so


def link_problem(setting: str, url: str, web_only: bool = False) -> str | None:
    """What is wrong with a link unless it is a page of the site, a web or e-mail address (with
    `web_only`, a web address)."""
    address = IGNORED_IN_URLS.sub("", url).lower()
    if web_only and not address.startswith(("https://", "http://")):
        return f"{setting} is '{url}', not a web address. Write the address in full, starting https://."
    if not is_safe_link(url) or address.startswith(("//", "\\")):
        return (
            f"{setting} links to '{url}', which could run code or fetch from another site. "
            "Link to a page of the site, or write a web address in full, starting https://."
        )
    return None


def _nav_entries(nav: object, path: SettingPath = ("nav",)) -> list[tuple[SettingPath, str, str]]:
    """Every (where it is, title, page or address) of mkdocs.yml's `nav:`, its sections opened."""
    if isinstance(nav, list):
        return [entry for index, item in enumerate(nav) for entry in _nav_entries(item, (*path, index))]
    if isinstance(nav, Mapping):
        return [
            entry
            for title, value in nav.items()
            for entry in (
                _nav_entries(value, (*path, title))
                if isinstance(value, list)
                else [((*path, title), str(title), str(value))]
            )
        ]
    return []


def _setting(settings: object, path: SettingPath) -> object:
    """The setting at `path`, or None where a mapping on the way to it is not one (the build's
    `theme` is MkDocs' Theme, whose custom_dir MkDocs has checked)."""
    for key in path:
        settings = settings.get(key) if isinstance(settings, Mapping) else None
    return settings


def _kind(value: object) -> str:
    return "a list" if isinstance(value, list) else "a set of fields" if isinstance(value, Mapping) else f"'{value}'"
