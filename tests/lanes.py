"""Which lane a test runs in, worked out from what it uses so that a new test cannot miss its
marker (pyproject.toml registers them; scripts/test --fast leaves out the first two):

* `browser`: the test asks for the `browser` fixture, directly or through another fixture.
* `build`: the test runs MkDocs or stands on a site it built: it asks for `fixture_site` or
  `real_site`, or it, a fixture it asks for, or a helper of the tests it calls starts
  `python -m mkdocs` (as site_builds.mkdocs_build does). A build through site_builds that this
  scan missed fails its test, asking for the marker.
* `real_content`: the test reads the repository's own content (the invariants any valid content
  keeps): it asks for `real_site`, or it, a fixture it asks for or a helper it calls names
  `copy_project` (also as a parameter) or reads the programme, `data/` or `content/` from
  `REPO`. scripts/test --content runs only these: with scripts/check and the build, the check a
  content pull request needs (.github/workflows/publish.yml).

Registered as a plugin by conftest.py."""

from __future__ import annotations

import dis
import inspect
import itertools
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import site_builds

TESTS = Path(__file__).resolve().parent
BUILT_SITES = {"fixture_site", "real_site"}
REAL_SITES = {"real_site", "real_site_url"}
CONTENT_FOLDERS = ("data/", "content/")  # the editors' files


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    """A function's code and that of the lambdas, comprehensions and functions inside it."""
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _code_objects(constant)


def _uses(function: object, does: Callable[[list[types.CodeType], set[str]], bool], seen: set[types.CodeType]) -> bool:
    """Whether `function` (a function of the tests' modules) or one it names, at any depth,
    `does` what is asked: `does` is given its code objects and the names they use."""
    function = inspect.unwrap(function) if callable(function) else function
    if not inspect.isfunction(function) or function.__code__ in seen:
        return False
    if Path(function.__code__.co_filename).resolve().parent != TESTS:
        return False
    seen.add(function.__code__)
    codes = list(_code_objects(function.__code__))
    names = {name for code in codes for name in code.co_names}
    return does(codes, names) or any(_uses(function.__globals__.get(name), does, seen) for name in names)


def _starts_mkdocs(codes: list[types.CodeType], names: set[str]) -> bool:
    """`python -m mkdocs ...`, as site_builds.mkdocs_build does."""
    return any("mkdocs" in code.co_consts for code in codes)


def _reads_real_content(codes: list[types.CodeType], names: set[str]) -> bool:
    """Copies the real content (`copy_project`) or reads it from the repository itself."""
    if "copy_project" in names or ("REPO" in names and "load_programme" in names):
        return True
    return any(_names_a_content_file(code) for code in codes)


def _names_a_content_file(code: types.CodeType) -> bool:
    """Whether `code` writes `REPO / "data/..."` or `REPO / "content/..."`. pytest rewrites an
    assert's constants into variables first (`@py_assert1 = "data/..."`): those count too."""
    instructions = [i for i in dis.get_instructions(code) if i.opname != "CACHE"]
    constants: dict[str, object] = {}  # a variable's value, when a constant was stored in it
    for first, second in itertools.pairwise(instructions):
        if first.opname == "LOAD_CONST" and second.opname == "STORE_FAST":
            constants[second.argval] = first.argval
    for first, second in itertools.pairwise(instructions):
        if first.opname not in ("LOAD_GLOBAL", "LOAD_NAME") or first.argval != "REPO":
            continue
        value = second.argval if second.opname == "LOAD_CONST" else None
        if second.opname == "LOAD_FAST":
            value = constants.get(second.argval)
        if isinstance(value, str) and value.startswith(CONTENT_FOLDERS):
            return True
    return False


def _is_real_content(item: pytest.Function) -> bool:
    if REAL_SITES & set(item.fixturenames):
        return True
    parameters = getattr(item, "callspec", None)
    if parameters is not None and any(value is site_builds.copy_project for value in parameters.params.values()):
        return True
    seen: set[types.CodeType] = set()
    return any(_uses(function, _reads_real_content, seen) for function in (item.function, *_fixture_functions(item)))


def _fixture_functions(item: pytest.Function) -> list[object]:
    return [
        definition.func for definitions in item._fixtureinfo.name2fixturedefs.values() for definition in definitions
    ]


def _builds(item: pytest.Function) -> bool:
    if BUILT_SITES & set(item.fixturenames):
        return True
    seen: set[types.CodeType] = set()
    return any(_uses(function, _starts_mkdocs, seen) for function in (item.function, *_fixture_functions(item)))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if _builds(item):
            item.add_marker(pytest.mark.build)
        if _is_real_content(item):
            item.add_marker(pytest.mark.real_content)


def pytest_runtest_setup(item: pytest.Item) -> None:
    site_builds.builds_allowed = item.get_closest_marker("build") is not None


def pytest_runtest_teardown() -> None:
    site_builds.builds_allowed = True
