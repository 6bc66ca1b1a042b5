"""The facts behind the pages a UK public body must publish: the accessibility statement, the
privacy notice and the licence.

The statement says how the site is tested from what the repository pins (never from what we hope
a machine has installed) and when its content last changed from git (never from file times,
which a fresh clone sets to the moment of cloning). A fact that cannot be read is left out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from showcase.identity import ProgrammeIdentity

# The pages, by their Markdown path under the docs dir, and their titles, in footer order.
LEGAL_PAGES = {
    "accessibility.md": "Accessibility statement",
    "privacy.md": "Privacy notice",
    "licence.md": "Licence",
}
PYTHON_TEST_PINS = "requirements-test.txt"
NODE_TEST_PINS = "tools/package.json"


@dataclass(frozen=True)
class TestTool:
    """A tool the test suite checks the site with, at the version the repository pins."""

    __test__ = False  # a record, not a pytest test class

    name: str
    version: str
    checks: str  # what it checks, completing "which checks ..."


@dataclass(frozen=True)
class LegalFacts:
    identity: ProgrammeIdentity
    test_tools: tuple[TestTool, ...]
    content_changed: dt.date | None  # the data's "data as of" day (as_of.py); None when nothing dates it


def pinned_test_tools(root: Path) -> tuple[TestTool, ...]:
    """The test tools the repository at `root` pins, in the order a visitor would read them.
    A tool whose pin file is missing is left out: the statement names only what it can show."""
    python = _python_pins(root / PYTHON_TEST_PINS)
    node = _node_pins(root / NODE_TEST_PINS)
    tools: list[TestTool] = []
    if "axe-core" in python:
        tools.append(
            TestTool(
                "axe-core", python["axe-core"], "every page against the automated rules for WCAG 2.2 levels A and AA"
            )
        )
    if "vnu-jar" in node:
        tools.append(TestTool("the Nu Html Checker", node["vnu-jar"], "that every page is valid HTML"))
    if "playwright" in python:
        # Debian's chromium is not pinned: the statement names no version for it.
        tools.append(
            TestTool(
                "Playwright",
                python["playwright"],
                "the pages in Debian’s Chromium browser: a keyboard walk forward and back through every "
                "kind of page at 320, 1024 and 1280 pixels wide, forced colours (high contrast), "
                "without JavaScript, and the project finder",
            )
        )
    if "page-validation" in python:
        tools.append(
            TestTool(
                "page-validation",
                python["page-validation"],
                "every PDF against PDF/UA-1 (the Matterhorn Protocol’s machine checks)",
            )
        )
    return tuple(tools)


_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s#;]+)")
_BUNDLED_AXE = re.compile(r"\baxe-core (\d+(?:\.\d+)+)\b")


def _python_pins(path: Path) -> dict[str, str]:
    """Package versions pinned with `==`, plus axe-core, which axe-playwright-python bundles
    (its pin's comment names the bundled version; a test keeps the two in step)."""
    if not path.is_file():
        return {}
    pins: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        if match := _PIN.match(line.strip()):
            pins[match.group(1).lower()] = match.group(2)
            if match.group(1).lower() == "axe-playwright-python" and (bundled := _BUNDLED_AXE.search(line)):
                pins["axe-core"] = bundled.group(1)
    return pins


def _node_pins(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        package = json.loads(path.read_text("utf-8"))
    except ValueError:
        return {}
    pins = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    return {name: version for name, version in pins.items() if re.fullmatch(r"\d+(\.\d+)*", str(version))}
