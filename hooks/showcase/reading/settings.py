"""The mkdocs.yml settings a programme sets (the site's address, the "Edit this page" repository,
the nav), checked alike for the build (hooks/pages.py, from MkDocs' config) and scripts/check
(cli.py, from the file): both pass the same mapping, so they refuse in the same words. The
programme's identity, extra.programme, is identity.py's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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


def settings_problems(settings: Mapping[str, Any]) -> list[SettingProblem]:
    """Every problem with the settings, each a sentence naming the setting, with its fix."""
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
    return problems


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
