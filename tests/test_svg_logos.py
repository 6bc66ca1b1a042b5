"""SVG logos: what a drawing in content/images/ may hold (showcase/reading/svg_check.py's allow-list).

Each construct that would run, fetch or open something when a visitor opens the drawing at its
address is refused twice, with its line in the drawing: at the record whose logo it is, and as a
file of content/images/ (also when no record uses it, as it is published all the same). Drawings
as Inkscape and Illustrator save them still load, and the site serves them byte for byte.
Chromium, opening each at its address, shows those drawings inert, and what the check refuses
doing harm (the reason for each refusal, checked, not assumed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Route
from playwright.sync_api import Request as BrowserRequest

from content_edits import PROJECTS, edit_record, line_of, loader_problems, refused
from showcase.loading.load import ProgrammeSources, load_programme
from site_builds import run_mkdocs_build, showcase_command

CIRCLE = "al-noor-wellbeing-circle"  # the fixture's project with a logo
LOGO = "logo: {src: images/dunmere-community-trust.png, alt: Dunmere Community Trust}"
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 300 100">'
RULE = (
    "an SVG logo may hold only its drawing (shapes, text, colours and effects), nothing a browser would run, "
    "fetch or open."
)
SVG_FIX = (
    "Ask whoever made it for a plain version without scripts or links (in Inkscape: File, Save As, "
    "'Optimized SVG'), or save it as a PNG at least 400 pixels wide."
)
XHTML = 'xmlns="http://www.w3.org/1999/xhtml"'
TRACKER = "https://tracker.example"


def drawing(body: str) -> str:
    """A drawing whose second line is `body`."""
    return f"{SVG_OPEN}\n{body}\n</svg>\n"


def as_logo(root: Path, svg: str) -> tuple[str, list[str]]:
    """Save `svg` as content/images/trust.svg and make it al-noor-wellbeing-circle's logo: where the
    record's problems are reported, and every problem the loader reports."""
    (root / "content/images/trust.svg").write_text(svg, "utf-8")
    text = edit_record(root, CIRCLE, LOGO, "logo: {src: images/trust.svg, alt: The Trust}")
    return f"{PROJECTS}:{line_of(text, 'images/trust.svg')}: project '{CIRCLE}', logo, field 'src': ", refused(root)


REFUSED: list[tuple[str, str, str, int]] = [
    # The second round's constructs, which the first check let through.
    (
        "xhtml meta refresh",
        drawing(f'<meta {XHTML} http-equiv="refresh" content="0; url=https://elsewhere.example/"/>'),
        "a web page's element (<meta>, line 2)",
        2,
    ),
    (
        "css escape in a style attribute",
        drawing(f'<rect width="10" height="10" style="fill: u\\72l({TRACKER}/p.svg#g)"/>'),
        f'a style written with escape codes, which can hide a link (style="fill: u\\72l({TRACKER}/p.svg#g)", line 2)',
        2,
    ),
    (
        "css escape in a style element",
        drawing(f'<style>rect {{ fill: u\\72l({TRACKER}/p.svg#g) }}</style><rect width="10" height="10"/>'),
        "a style written with escape codes, which can hide a link "
        f'(<style> with "rect {{ fill: u\\72l({TRACKER}/p.svg#g) }}", line 2)',
        2,
    ),
    (
        "image-set",
        drawing(f"<style>\nsvg {{ background: image-set('{TRACKER}/a.png' 1x) }}\n</style>"),
        f"a link to another file or site (<style> with \"svg {{ background: image-set('{TRACKER}/a.png' 1x) }}\", "
        "line 3)",
        3,
    ),
    (
        "cursor",
        drawing(f'<rect width="10" height="10" cursor="url({TRACKER}/c.png), auto"/>'),
        f'a link to another file or site (cursor="url({TRACKER}/c.png), auto", line 2)',
        2,
    ),
    (
        "external paint",
        drawing(f'<rect width="10" height="10" fill="url({TRACKER}/paint.svg#g)"/>'),
        f'a link to another file or site (fill="url({TRACKER}/paint.svg#g)", line 2)',
        2,
    ),
    ("xhtml img", drawing(f'<img {XHTML} src="{TRACKER}/p.png"/>'), "a web page's element (<img>, line 2)", 2),
    (
        "xhtml video",
        drawing(f'<video {XHTML} src="{TRACKER}/v.mp4" autoplay="autoplay"/>'),
        "a web page's element (<video>, line 2)",
        2,
    ),
    (
        "xhtml form",
        drawing(f'<form {XHTML} action="https://elsewhere.example/"><button>Go</button></form>'),
        "a web page's element (<form>, line 2)",
        2,
    ),
    (
        "another format",
        drawing('<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>'),
        "an element from another format (<math>, line 2)",
        2,
    ),
    # The classic ones.
    ("script", drawing("<script>alert(1)</script>"), "a script (<script>, line 2)", 2),
    ("handler", drawing('<rect width="10" height="10" onclick="alert(1)"/>'), "an event handler (onclick=, line 2)", 2),
    (
        "foreignObject",
        drawing("<foreignObject><p>hello</p></foreignObject>"),
        "a web page inside the drawing (<foreignObject>, line 2)",
        2,
    ),
    ("javascript", drawing('<use href="javascript:alert(1)"/>'), 'a script (href="javascript:...", line 2)', 2),
    (
        "external href",
        drawing('<use href="https://elsewhere.example/logo.svg#a"/>'),
        'a link to another file or site (href="https://elsewhere.example/logo.svg#a", line 2)',
        2,
    ),
    (
        "data image",
        drawing('<image xlink:href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/>'),
        'a link to another file or site (xlink:href="data:image/svg+xml;base64,PHN2Zy8+", line 2)',
        2,
    ),
    (
        "xml-stylesheet",
        f'<?xml-stylesheet href="{TRACKER}/s.css"?>\n{SVG_OPEN}<rect width="3" height="1"/></svg>',
        "a style sheet from another file (<?xml-stylesheet?>, line 1)",
        1,
    ),
    (
        "doctype entities",
        '<!DOCTYPE svg [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n' + drawing("<text>&b;</text>"),
        "definitions of its own inside its DOCTYPE (<!DOCTYPE [...]>, line 1)",
        1,
    ),
    (
        "style after a note",
        drawing(
            '<style><rdf:li xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'
            f"svg {{ background: url({TRACKER}/s.png) }}</style>"
        ),
        f'a link to another file or site (<style> with "svg {{ background: url({TRACKER}/s.png) }}", line 2)',
        2,
    ),
    (
        "style in a style",
        drawing(f"<style><style/>svg {{ background: url({TRACKER}/s.png) }}</style>"),
        f'a link to another file or site (<style> with "svg {{ background: url({TRACKER}/s.png) }}", line 2)',
        2,
    ),
    (
        "style import",
        drawing("<style>@import url(https://fonts.example/x.css);</style>"),
        'a style sheet from another file (<style> with "@import url(https://fonts.example/x.css);", line 2)',
        2,
    ),
    (
        "link",
        drawing('<a href="#top"><rect width="3" height="1"/></a>'),
        "a link that opens another page (<a>, line 2)",
        2,
    ),
    (
        "animation",
        drawing('<set attributeName="href" to="javascript:alert(1)"/>'),
        "an animation (<set>, line 2)",
        2,
    ),
    (
        "xml:base",
        drawing('<g xml:base="https://elsewhere.example/"><use href="#a"/></g>'),
        "an attribute drawings do not use (xml:base=, line 2)",
        2,
    ),
    (
        "filter image",
        drawing(f'<filter id="f"><feImage href="{TRACKER}/p.png"/></filter>'),
        "an element drawings do not use (<feImage>, line 2)",
        2,
    ),
    (
        "many",
        f'{SVG_OPEN}\n<script/>\n<g onload="x()" onmouseover="y()"><image href="a.png"/></g></svg>',
        "a script (<script>, line 2), an event handler (onload=, line 3), an event handler (onmouseover=, line 3) "
        "and 1 more",
        2,
    ),
]


UNREADABLE: list[tuple[str, str, str, int]] = [
    (
        "no namespace",
        '<svg viewBox="0 0 300 100">\n<rect width="3" height="1"/></svg>',
        'its <svg> element does not say it is an SVG drawing (xmlns="http://www.w3.org/2000/svg"), so browsers '
        "would not show it.",
        1,
    ),
    (
        "another encoding",
        f'<?xml version="1.0" encoding="ISO-8859-1"?>\n{SVG_OPEN}<rect width="3" height="1"/></svg>',
        "it is saved as ISO-8859-1 text, not UTF-8.",
        1,
    ),
    (
        "a name from the doctype's file",
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        + drawing("<text>&nbsp;</text>"),
        "it uses &nbsp;, defined in a file browsers do not read.",
        3,
    ),
    ("not an svg", '<html xmlns="http://www.w3.org/1999/xhtml"/>', "its first element is <html>, not <svg>.", 1),
    (
        "not well-formed",
        f"{SVG_OPEN}\n<rect>\n</svg>",
        "it is not a well-formed SVG file (mismatched tag: line 3, column 2).",
        3,
    ),
]


# What each file is refused for, after 'this SVG' or its name: (id, drawing, why, first line at fault).
CASES = [(name, svg, f"holds {holds}: {RULE}", line) for name, svg, holds, line in REFUSED] + [
    (name, svg, f"cannot be used: {cannot}", line) for name, svg, cannot, line in UNREADABLE
]


@pytest.mark.parametrize("svg, why, line", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_an_svg_logo_that_would_run_fetch_or_open_is_refused_at_its_record_and_as_a_file(
    fixture_copy: Path, svg: str, why: str, line: int
):
    where, found = as_logo(fixture_copy, svg)
    assert found == [
        f"content/images/trust.svg:{line}: this SVG {why} {SVG_FIX}",
        f"{where}'images/trust.svg' {why} {SVG_FIX}",
    ]


@pytest.mark.parametrize("svg, why, line", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_an_svg_no_record_uses_is_refused_all_the_same(fixture_copy: Path, svg: str, why: str, line: int):
    (fixture_copy / "content/images/unused.svg").write_text(svg, "utf-8")
    assert loader_problems(fixture_copy) == [f"content/images/unused.svg:{line}: this SVG {why} {SVG_FIX}"]


# -- drawings as drawing programs save them ---------------------------------------------------------

OPTIMIZED = """<?xml version="1.0" encoding="UTF-8"?>
<svg width="400" height="120" version="1.1" viewBox="0 0 400 120" xmlns="http://www.w3.org/2000/svg" \
xmlns:xlink="http://www.w3.org/1999/xlink">
 <title>Dunmere Community Trust</title>
 <defs>
  <linearGradient id="b" x1="0" x2="400" y1="0" y2="0" gradientUnits="userSpaceOnUse">
   <stop stop-color="#1d70b8" offset="0"/>
   <stop stop-color="#003078" offset="1"/>
  </linearGradient>
  <linearGradient id="c" xlink:href="#b" gradientTransform="rotate(90)"/>
  <clipPath id="d"><rect width="400" height="120" rx="12"/></clipPath>
  <mask id="e"><circle cx="60" cy="60" r="50" fill="#fff"/></mask>
  <filter id="f" x="-.1" y="-.1" width="1.2" height="1.2" color-interpolation-filters="sRGB">
   <feGaussianBlur stdDeviation="2"/>
  </filter>
  <path id="a" d="m10 10h40v40h-40z"/>
 </defs>
 <g clip-path="url(#d)">
  <rect width="400" height="120" fill="url(#b)" style="stroke:url('#c');stroke-width:2"/>
  <use href="#a"/>
  <use xlink:href="#a" x="50" filter="url(#f)" mask="url( #e )"/>
  <text x="120" y="70" fill="#fff" font-family="Arial, sans-serif" font-size="32" xml:space="preserve">\
<tspan x="120" y="70">Dunmere</tspan></text>
 </g>
</svg>
"""

INKSCAPE = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="400" height="120" viewBox="0 0 400 120" version="1.1" id="svg5"
   inkscape:version="1.2.2 (b0a8486541, 2022-12-01)" sodipodi:docname="trust.svg"
   inkscape:export-filename="C:\\Users\\comms\\Desktop\\trust.png" inkscape:export-xdpi="96"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview id="namedview7" pagecolor="#ffffff" bordercolor="#666666" borderopacity="1.0"
     inkscape:showpageshadow="2" inkscape:pageopacity="0.0" inkscape:deskcolor="#d1d1d1" showgrid="false"/>
  <defs id="defs2"/>
  <metadata id="metadata1">
    <rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format>
      <dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/></cc:Work></rdf:RDF>
  </metadata>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
    <path style="fill:#1d70b8;fill-opacity:1;stroke:none;stroke-width:0.264583"
       d="M 10,10 H 390 V 110 H 10 Z" id="rect1" sodipodi:nodetypes="ccccc"/>
    <text xml:space="preserve" style="font-size:32px;line-height:1.25;font-family:Arial;\
-inkscape-font-specification:Arial;fill:#ffffff" x="40" y="70" id="text1"><tspan sodipodi:role="line"
       id="tspan1" x="40" y="70">Dunmere</tspan></text>
  </g>
</svg>
"""

ILLUSTRATOR = """<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px"
\t y="0px" viewBox="0 0 400 120" style="enable-background:new 0 0 400 120;" xml:space="preserve">
<style type="text/css">
\t.st0{fill:#1D70B8;}
\t.st1{fill:url(#SVGID_1_);}
</style>
<linearGradient id="SVGID_1_" gradientUnits="userSpaceOnUse" x1="0" y1="60" x2="400" y2="60">
\t<stop  offset="0" style="stop-color:#FFFFFF"/>
\t<stop  offset="1" style="stop-color:#000000"/>
</linearGradient>
<g data-name="Layer 1">
\t<rect class="st0" width="400" height="120"/>
\t<polygon class="st1" points="10,10 390,10 200,110 "/>
</g>
</svg>
"""


@pytest.mark.parametrize("svg", [OPTIMIZED, INKSCAPE, ILLUSTRATOR], ids=["optimized", "inkscape", "illustrator"])
def test_an_svg_logo_as_drawing_programs_save_it_loads_and_is_measured(fixture_copy: Path, svg: str):
    (fixture_copy / "content/images/trust.svg").write_text(svg, "utf-8")
    edit_record(fixture_copy, CIRCLE, LOGO, "logo: {src: images/trust.svg, alt: The Trust}")
    (fixture_copy / "content/images/unused.svg").write_text(svg, "utf-8")
    logo = load_programme(ProgrammeSources.in_folder(fixture_copy)).project_with_slug(CIRCLE).logo
    assert logo is not None and (logo.width, logo.height) == (400, 120)


def test_an_svg_outside_images_is_still_refused_by_its_name(fixture_copy: Path):
    (fixture_copy / "content/projects/logo.svg").write_text(f'{SVG_OPEN}<rect width="3" height="1"/></svg>', "utf-8")
    assert loader_problems(fixture_copy) == [
        "content/projects/logo.svg: SVG pictures can carry scripts that would run on the site, so content/ does not "
        "publish them outside images/. Save the picture as PNG (or JPEG for a photo) and link to that instead; a logo "
        "may stay an SVG in content/images/, where each one is checked."
    ]


@pytest.mark.build
def test_the_site_serves_an_accepted_svg_byte_for_byte_and_refuses_a_refused_one(fixture_copy: Path):
    images = fixture_copy / "content/images"
    (images / "trust.svg").write_text(INKSCAPE, "utf-8")
    (images / "unused.svg").write_text(OPTIMIZED, "utf-8")
    edit_record(fixture_copy, CIRCLE, LOGO, "logo: {src: images/trust.svg, alt: The Trust}")
    build = run_mkdocs_build(fixture_copy)
    assert build.returncode == 0, build.output
    assert (build.site / "images/unused.svg").read_bytes() == OPTIMIZED.encode()
    served = sorted((build.site / "images").glob("trust-*.svg"))
    assert [path.read_bytes() for path in served] == [INKSCAPE.encode()]
    assert f'src="../../images/{served[0].name}"' in build.html(f"projects/{CIRCLE}/")
    (images / "unused.svg").write_text(drawing(f'<meta {XHTML} http-equiv="refresh" content="0; url=/x"/>'), "utf-8")
    said = f"  content/images/unused.svg:2: this SVG holds a web page's element (<meta>, line 2): {RULE} {SVG_FIX}"
    build, checked = run_mkdocs_build(fixture_copy), showcase_command(fixture_copy, "check")
    assert build.returncode == 1 and said in build.output, build.output
    assert checked.returncode == 1 and said in checked.stdout + checked.stderr, checked.stdout + checked.stderr


# -- in a browser ----------------------------------------------------------------------------------

ORIGIN = "https://showcase.test/"
# The refused constructs that chromium, opening the drawing at its address, shows doing harm:
# fetching from another host, sending the visitor elsewhere, or running a script.
HARMFUL_IN_CHROMIUM = {
    "xhtml meta refresh",
    "css escape in a style attribute",
    "css escape in a style element",
    "image-set",
    "cursor",
    "external paint",
    "xhtml img",
    "xhtml video",
    "script",
    "handler",
    "xml-stylesheet",
    "style after a note",
    "style in a style",
    "style import",
    "filter image",
}


def opened_in_chromium(browser: Browser, svg: str) -> tuple[str, list[str], list[str]]:
    """Open `svg` in chromium at its own address on a site, hover and click it: the address shown
    then, every request for anything but the drawing (none reaches a host), and every dialog."""
    context = browser.new_context(viewport={"width": 600, "height": 200})
    requests: list[str] = []
    dialogs: list[str] = []

    def serve(route: Route, request: BrowserRequest) -> None:
        if request.url == f"{ORIGIN}images/trust.svg":
            route.fulfill(body=svg.encode(), content_type="image/svg+xml")
        else:
            requests.append(request.url)
            route.abort()

    context.route("**/*", serve)
    page = context.new_page()

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(f"{ORIGIN}images/trust.svg")
    page.mouse.click(5, 5)  # a cursor's picture is fetched on hover, a handler runs on a click
    page.wait_for_timeout(500)
    address = page.url
    context.close()
    return address, requests, dialogs


@pytest.mark.parametrize("svg", [OPTIMIZED, INKSCAPE, ILLUSTRATOR], ids=["optimized", "inkscape", "illustrator"])
def test_an_accepted_svg_opened_at_its_address_fetches_runs_and_opens_nothing(browser: Browser, svg: str):
    assert opened_in_chromium(browser, svg) == (f"{ORIGIN}images/trust.svg", [], [])


HARMFUL = [case for case in REFUSED if case[0] in HARMFUL_IN_CHROMIUM]


@pytest.mark.parametrize("svg", [case[1] for case in HARMFUL], ids=[case[0] for case in HARMFUL])
def test_what_the_check_refuses_does_harm_when_opened_in_chromium(browser: Browser, svg: str):
    address, requests, dialogs = opened_in_chromium(browser, svg)
    assert address != f"{ORIGIN}images/trust.svg" or requests or dialogs
