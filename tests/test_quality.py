"""Quality gates on the real built site: valid HTML, links that resolve, reproducible output."""

from __future__ import annotations

import filecmp
import html.parser
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import REPO, Build, copy_project, run_mkdocs_build

VNU = REPO / "tools/node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_page_is_valid_html(real_site: Build):
    assert VNU.is_file(), "vnu.jar is missing: run scripts/setup --test"
    pages = sorted(real_site.site.rglob("*.html"))
    assert len(pages) > 30
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, pages)],
                            capture_output=True, text=True, timeout=300)
    errors = [line.replace(str(real_site.site), "") for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 0 and errors == [], "\n".join(errors[:40])


class LinkCollector(html.parser.HTMLParser):
    """Every link and asset reference in a page, and every id a fragment can point at."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for name in ("href", "src"):
            if attributes.get(name) and not (tag == "link" and attributes.get("rel") in ("canonical", "alternate")):
                self.references.append(attributes[name])


def parse(path: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(path.read_text("utf-8"))
    return collector


def test_every_internal_link_anchor_and_asset_resolves(real_site: Build):
    site = real_site.site
    pages = {path: parse(path) for path in site.rglob("*.html")}
    broken: list[str] = []
    checked = 0
    for page, collector in pages.items():
        base = "http://site/" + page.relative_to(site).as_posix()
        for reference in collector.references:
            url = urlsplit(urljoin(base, reference))
            if url.scheme != "http" or url.netloc != "site":
                continue  # another site, mailto:, data: ...
            checked += 1
            target = site / unquote(url.path).lstrip("/")
            if url.path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {reference} (no {target.relative_to(site)})")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {reference} (no #{url.fragment})")
    assert checked > 500
    assert broken == []


def test_two_clean_builds_are_byte_identical(tmp_path: Path):
    first = run_mkdocs_build(copy_project(tmp_path / "one"))
    second = run_mkdocs_build(copy_project(tmp_path / "two"))
    assert first.returncode == second.returncode == 0, first.output + second.output
    differing = []
    for path in sorted(first.site.rglob("*")):
        twin = second.site / path.relative_to(first.site)
        if path.is_file() and not (twin.is_file() and filecmp.cmp(path, twin, shallow=False)):
            differing.append(str(path.relative_to(first.site)))
    files = [p for p in first.site.rglob("*") if p.is_file()]
    assert len(files) == len([p for p in second.site.rglob("*") if p.is_file()])
    assert differing == []
