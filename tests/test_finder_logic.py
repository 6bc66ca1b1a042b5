"""The project finder's logic (theme/assets/finder-logic.js) under Node's own test runner, and the
configuration hooks/showcase/wording/finder.py hands the script.

The logic's unit tests are in tests/js/; this module runs them with the suite, so `scripts/test`
fails when they do. Node is part of the test setup (scripts/setup --test installs npm, and with
it node, for the HTML checker): without it this test fails and says so, rather than skipping.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from showcase.model import Programme
from showcase.wording.finder import COUNT_NOTES, SEARCH_FIELDS, build_finder, facet_keys
from showcase.wording.tally import Tally
from site_builds import NAMES, Build

REPO = Path(__file__).resolve().parent.parent
JS_TESTS = REPO / "tests" / "js"


def test_the_finder_logic_passes_its_node_tests():
    node = shutil.which("node")
    assert node, "node is missing: the finder's logic is tested with Node's test runner. Run scripts/setup --test."
    # The files by name, not the folder: Node 20 reads a folder, Node 21 and later take patterns.
    files = sorted(JS_TESTS.glob("*.test.js"))
    assert files, f"no *.test.js in {JS_TESTS}"
    result = subprocess.run(
        [node, "--test", "--test-reporter=spec", *map(str, files)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        f"node --test {JS_TESTS.relative_to(REPO)}/ failed:\n{result.stdout}\n{result.stderr}"
    )
    assert re.search(r"\bpass [1-9]", result.stdout), f"node ran no tests:\n{result.stdout}"


def test_the_finder_is_told_its_facets_sorts_and_search_fields_by_python(
    fixture_site: Build, fixture_programme: Programme
):
    finder = build_finder(fixture_programme)
    page = fixture_site.html("projects/")
    configs = re.findall(r'<script type="application/json" data-finder-config>(.*?)</script>', page, re.S)
    assert len(configs) == 1
    config = json.loads(configs[0])
    assert config == finder.script_config
    assert config == {
        "facets": list(facet_keys()),
        "mapFacet": NAMES.area,
        "sorts": ["relevance", "name", NAMES.area, "cohort"],
        "defaultSort": "name",
        "searchSort": "relevance",
        "searchFields": list(SEARCH_FIELDS),
        "countNotes": COUNT_NOTES,
    }
    # The keys the script reads are the filters the page draws and the sort orders it offers.
    assert [facet.key for facet in finder.facets] == config["facets"]
    assert re.findall(r'data-facet="([^"]+)"', page) == config["facets"]
    select = page[page.index("data-finder-sort") : page.index("</select>")]
    assert re.findall(r'<option value="([^"]+)"', select) == config["sorts"]
    # The logic is loaded after the search and before the finder, and on /projects/ only.
    scripts = ["assets/finder-search.js", "assets/finder-logic.js", "assets/project-finder.js"]
    positions = [page.index(f'src="../{script}"') for script in scripts]
    assert positions == sorted(positions)
    assert "finder-logic" not in fixture_site.html("")


def test_the_script_words_a_count_of_inferred_facts_as_python_does(fixture_programme: Programme):
    """The finder's options count again as a visitor filters: the script's words for how much of a
    count is unconfirmed are tally.py's (Tally.note), for every count and part of it."""
    node = shutil.which("node")
    assert node, "node is missing: run scripts/setup --test."
    config = build_finder(fixture_programme).script_config
    pairs = [(count, unconfirmed) for count in range(1, 8) for unconfirmed in range(count + 1)]
    script = (
        f"const logic = require({json.dumps(str(REPO / 'theme' / 'assets' / 'finder-logic.js'))});"
        f"const config = {json.dumps(config)};"
        f"console.log(JSON.stringify({json.dumps(pairs)}.map(([count, part]) => logic.countNote(count, part, config))));"
    )
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(result.stdout) == [Tally(count, unconfirmed).note for count, unconfirmed in pairs]
