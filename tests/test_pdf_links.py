"""Where the PDFs' links go: the web (https, http) or an e-mail address (mailto), never a file.

A summary's link within the site (`/projects/x/`, `../x/`, `#part`) is made absolute from the
site's address when the build knows it (SHOWCASE_SITE_URL), and is plain text when it does not;
any other link (`//host/x`, `file:`, ...) is plain text. Left to WeasyPrint, each would become a
`file:` link carrying the build machine's path. A tiny copy of the fictional programme, built
without and with the site's address, its PDFs read as a reader's tools see them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from page_text import pdf_text, words
from showcase.pdf.print_links import print_link
from site_builds import ALL_PACK, mkdocs_build, snapshot
from test_pdf import link_targets, pdf_ua_failures, tiny_site

SITE_URL = "https://showcase.example.org/fernshire/"
SLUG = "signposts"
# A summary with a link of each kind: its text, its target.
LINKS = {
    "far host": "//evil.example/x",
    "harbour page": "/projects/harbour-walks/",
    "sister project": "../other/",
    "open report": "https://ok.example/",
    "write to us": "mailto:x@example.org",
    "story file": "other.md",
    "how section": "#how",
}
SUMMARY = " and ".join(f"[{text}]({target})" for text, target in LINKS.items())
RECORDS = f"""  - slug: {SLUG}
    name: Signposts
    cohort: 2023-24
    theme: access
    aim: To point walkers to every kind of help.
    summary: |
      Walkers were sent to {SUMMARY}, and to <https://auto.example/>.
"""
# Links a print template itself writes (a theme edited in a fork): the same rule holds. The last
# the check refuses in a summary (showcase/reading/markdown_markup.py), as it does a pack's own
# `showcase-part:` link: made harmless all the same.
TEMPLATE_LINKS = {
    "theme escape": "../escape/",
    "theme file": "file:///etc/hostname",
    "password file": "file:///etc/passwd",
}

# Where each link goes in the PDFs, with the site's address known; None: text, no link.
KNOWN = {
    "far host": None,
    "harbour page": f"{SITE_URL}projects/harbour-walks/",
    "sister project": f"{SITE_URL}projects/other/",
    "open report": "https://ok.example/",
    "write to us": "mailto:x@example.org",
    "story file": f"{SITE_URL}projects/{SLUG}/other.md",
    "how section": f"{SITE_URL}projects/{SLUG}/#how",
    "password file": None,
    "theme escape": f"{SITE_URL}projects/escape/",
    "theme file": None,
}
WEB_ONLY = {"open report", "write to us"}  # absolute already: the same with or without the site's address
ALLOWED = re.compile(r"^(https?://[^/\\]|mailto:)")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tiny programme's site, built without the site's address ("unknown") and with it ("known")."""
    root = tiny_site(tmp_path_factory.mktemp("links"), RECORDS)
    # In the summary's template, which the snapshot and the packs both print.
    template = root / "theme" / "print" / "partials" / "project-summary.html"
    added = "".join(f'<p><a href="{target}">{text}</a></p>' for text, target in TEMPLATE_LINKS.items())
    text = template.read_text("utf-8")
    assert text.count("</article>") == 1
    template.write_text(text.replace("</article>", added + "</article>"), "utf-8")
    sites = {}
    for name, env in (("unknown", {}), ("known", {"SHOWCASE_SITE_URL": SITE_URL})):
        result = mkdocs_build(root, site_dir=root / f"site-{name}", env={"SHOWCASE_PDF": "1", **env})
        assert result.returncode == 0, result.stdout + result.stderr
        sites[name] = root / f"site-{name}"
    return sites


def pdfs_of(site: Path) -> list[Path]:
    return sorted((site / "downloads").rglob("*.pdf"))


def uncompressed(path: Path, tmp_path: Path) -> bytes:
    """The PDF's bytes with every stream decompressed and no object streams: what any tool can read in it."""
    out = tmp_path / f"{path.stem}.qdf.pdf"
    with pikepdf.open(path) as pdf:
        pdf.save(
            out,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    return out.read_bytes()


@pytest.mark.build
@pytest.mark.parametrize("site", ["unknown", "known"])
def test_every_link_in_every_pdf_goes_to_the_web_or_an_email_address(builds: dict[str, Path], site: str):
    for path in pdfs_of(builds[site]):
        uris, _ = link_targets(path)
        assert [uri for uri in uris if not ALLOWED.match(uri)] == [], path.name


@pytest.mark.build
@pytest.mark.parametrize("site", ["unknown", "known"])
def test_no_pdf_carries_a_file_address_or_the_build_machines_folder(builds: dict[str, Path], site: str, tmp_path: Path):
    root = builds[site].parent
    for path in pdfs_of(builds[site]):
        data = uncompressed(path, tmp_path)
        assert b"file:" not in data, path.name
        assert str(root).encode() not in data, path.name
        assert b"evil.example" not in data, path.name


@pytest.mark.build
def test_with_the_sites_address_a_link_within_the_site_goes_to_its_page_there(builds: dict[str, Path]):
    for path in (snapshot(SLUG), ALL_PACK):
        uris, _ = link_targets(builds["known"] / path)
        expected = {target for target in KNOWN.values() if target}
        assert expected <= uris, path
        assert "https://auto.example/" in uris


@pytest.mark.build
def test_without_the_sites_address_only_links_to_the_web_and_email_stay_links(builds: dict[str, Path]):
    for path in (snapshot(SLUG), ALL_PACK):
        unknown, _ = link_targets(builds["unknown"] / path)
        known, _ = link_targets(builds["known"] / path)
        assert {LINKS[text] for text in WEB_ONLY} | {"https://auto.example/"} <= unknown, path
        # And the summary's own page, which it names ("On the web: ...") only when the site's address is known.
        within = {target for target in KNOWN.values() if target and target.startswith(SITE_URL)}
        assert known - unknown == {*within, f"{SITE_URL}projects/{SLUG}/"}, path
        assert unknown <= known, path


@pytest.mark.build
@pytest.mark.parametrize("site", ["unknown", "known"])
def test_a_refused_link_keeps_its_text_on_the_page(builds: dict[str, Path], site: str):
    for path in (snapshot(SLUG), ALL_PACK):
        text = words(pdf_text(builds[site] / path))
        for link_text in (*LINKS, *TEMPLATE_LINKS):
            assert link_text in text, (path, link_text)


@pytest.mark.build
def test_the_snapshot_with_refused_links_passes_the_pdf_ua_checks(builds: dict[str, Path]):
    for site in builds.values():
        assert pdf_ua_failures(site / snapshot(SLUG)) == []


@pytest.mark.parametrize(
    ("href", "known", "unknown"),
    [
        ("https://ok.example/a?b=c#d", "https://ok.example/a?b=c#d", "https://ok.example/a?b=c#d"),
        ("HTTP://ok.example/", "HTTP://ok.example/", "HTTP://ok.example/"),
        ("mailto:x@example.org", "mailto:x@example.org", "mailto:x@example.org"),
        ("/", SITE_URL, None),
        ("../../../../up", "https://showcase.example.org/up", None),
        ("?page=2", f"{SITE_URL}projects/{SLUG}/?page=2", None),
        ("https:no-host", None, None),
        ("mailto:", None, None),
        ("//evil.example/x", None, None),
        ("///evil.example/x", None, None),
        ("\\\\evil.example\\x", None, None),
        ("/\\evil.example/x", None, None),
        ("java\tscript:alert(1)", None, None),
        ("data:text/html,x", None, None),
        ("file:///etc/passwd", None, None),
        ("showcase-part:contact", None, None),
        ("https://[broken/", None, None),
        ("", None, None),
    ],
)
def test_a_link_goes_to_the_web_an_email_address_or_the_sites_page_or_nowhere(
    href: str, known: str | None, unknown: str | None
):
    assert print_link(href, SITE_URL, f"projects/{SLUG}/") == known
    assert print_link(href, None, f"projects/{SLUG}/") == unknown
