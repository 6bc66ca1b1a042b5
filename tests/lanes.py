"""Which lane a test runs in, worked out from what it uses so that a new test cannot miss its
marker (pyproject.toml registers them; scripts/test --fast leaves both lanes out):

* `browser`: the test asks for the `browser` fixture, directly or through another fixture.
* `build`: the test runs MkDocs or stands on a site it built: it asks for `fixture_site` or
  `real_site`, or it, a fixture it asks for, or a helper of the tests it calls starts
  `python -m mkdocs` (as site_builds.mkdocs_build does). A build through site_builds that this
  scan missed fails its test, asking for the marker.

Registered as a plugin by conftest.py."""

from __future__ import annotations

import inspect
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

import site_builds

TESTS = Path(__file__).resolve().parent
BUILT_SITES = {"fixture_site", "real_site"}


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    """A function's code and that of the lambdas, comprehensions and functions inside it."""
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _code_objects(constant)


def _runs_mkdocs(function: object, seen: set[types.CodeType]) -> bool:
    """Whether `function` (a function of the tests' modules) or one it names starts MkDocs:
    `python -m mkdocs ...`, as site_builds.mkdocs_build does."""
    function = inspect.unwrap(function) if callable(function) else function
    if not inspect.isfunction(function) or function.__code__ in seen:
        return False
    if Path(function.__code__.co_filename).resolve().parent != TESTS:
        return False
    seen.add(function.__code__)
    codes = list(_code_objects(function.__code__))
    if any("mkdocs" in code.co_consts for code in codes):
        return True
    names = {name for code in codes for name in code.co_names}
    return any(_runs_mkdocs(function.__globals__.get(name), seen) for name in names)


def _builds(item: pytest.Function) -> bool:
    if BUILT_SITES & set(item.fixturenames):
        return True
    seen: set[types.CodeType] = set()
    fixtures = [
        definition.func for definitions in item._fixtureinfo.name2fixturedefs.values() for definition in definitions
    ]
    return any(_runs_mkdocs(function, seen) for function in (item.function, *fixtures))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if _builds(item):
            item.add_marker(pytest.mark.build)


def pytest_runtest_setup(item: pytest.Item) -> None:
    site_builds.builds_allowed = item.get_closest_marker("build") is not None


def pytest_runtest_teardown() -> None:
    site_builds.builds_allowed = True
