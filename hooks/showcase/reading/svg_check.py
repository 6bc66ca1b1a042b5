"""What a logo drawn as an SVG may hold: what drawings use, by an allow-list, and nothing else.

In a page's <img> an SVG runs nothing, but it is published at its own address, and opened there
a script in it runs as the site, an XHTML <meta> sends the visitor elsewhere, and a style or paint
fetches from any host. A list of what is dangerous missed ways round it (CSS escapes, image-set(),
cursor, XHTML elements), so everything off the allow-list is refused, with its line: SVG's drawing
elements and their attributes; links (href, url()) only to a '#part' of the file; no CSS that
loads, nor a backslash (a CSS escape can spell url( unseen); no DOCTYPE definitions (entities may
expand to gigabytes) nor processing instructions; UTF-8 only. Drawing programs' notes
(`NOTES_NAMESPACES`) are inert to browsers and pass, but their links and any SVG or XHTML inside
them are checked. A file that passes is published byte for byte. expat reads it: it gives each
element's line and, like a browser, loads no external DTD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NOTES_NAMESPACES = frozenset(
    "http://www.inkscape.org/namespaces/inkscape http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd "
    "http://www.w3.org/1999/02/22-rdf-syntax-ns# http://purl.org/dc/elements/1.1/ http://creativecommons.org/ns# "
    "http://web.resource.org/cc/ http://www.bohemiancoding.com/sketch/ns http://www.serif.com/".split()
)

# SVG's drawing elements, its filter primitives last.
DRAWING_ELEMENTS = frozenset(
    (
        "svg g defs symbol use switch title desc metadata style image path rect circle ellipse line polyline polygon "
        "text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker filter feBlend "
        "feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap "
        "feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge feMergeNode "
        "feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence"
    ).split()
)
# Presentation attributes (each one a CSS property too), then those of geometry, links and filters.
DRAWING_ATTRIBUTES = frozenset(
    (
        "alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation "
        "color-interpolation-filters color-rendering cursor direction display dominant-baseline enable-background fill "
        "fill-opacity fill-rule filter flood-color flood-opacity font font-family font-feature-settings font-kerning "
        "font-size font-size-adjust font-stretch font-style font-variant font-variant-caps font-variant-east-asian "
        "font-variant-ligatures font-variant-numeric font-weight glyph-orientation-horizontal "
        "glyph-orientation-vertical image-rendering inline-size isolation kerning letter-spacing lighting-color "
        "line-height marker marker-end marker-mid marker-start mask mask-type mix-blend-mode opacity overflow "
        "paint-order pointer-events shape-rendering solid-color solid-opacity stop-color stop-opacity stroke "
        "stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity "
        "stroke-width text-anchor text-decoration text-rendering transform transform-box transform-origin unicode-bidi "
        "vector-effect visibility white-space word-spacing writing-mode id class style lang role tabindex version "
        "baseProfile viewBox preserveAspectRatio zoomAndPan x y width height x1 y1 x2 y2 cx cy r rx ry fx fy fr d "
        "points pathLength gradientUnits gradientTransform spreadMethod offset patternUnits patternContentUnits "
        "patternTransform clipPathUnits maskUnits maskContentUnits markerWidth markerHeight markerUnits refX refY "
        "orient dx dy rotate textLength lengthAdjust startOffset method spacing side path type media title "
        "requiredFeatures requiredExtensions systemLanguage href filterUnits primitiveUnits filterRes in in2 result "
        "mode values tableValues slope intercept amplitude exponent operator k1 k2 k3 k4 order kernelMatrix divisor "
        "bias targetX targetY edgeMode preserveAlpha kernelUnitLength surfaceScale diffuseConstant specularConstant "
        "specularExponent scale xChannelSelector yChannelSelector stdDeviation radius baseFrequency numOctaves seed "
        "stitchTiles azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle"
    ).split()
)
_NAMESPACED_ATTRIBUTES = {(XLINK_NS, "href"), (XLINK_NS, "title"), (XML_NS, "space"), (XML_NS, "lang")}
_PREFIXES = {XLINK_NS: "xlink:", XML_NS: "xml:"}

# What an element of SVG's own off the list does, in words; others are 'not used'.
_SVG_REFUSALS = {
    **dict.fromkeys(("script", "handler", "listener"), "a script"),
    "foreignObject": "a web page inside the drawing",
    "a": "a link that opens another page",
    **dict.fromkeys(("animate", "animateMotion", "animateTransform", "animateColor", "set", "mpath"), "an animation"),
}
# CSS that loads a file: url() to anything but '#part', a style sheet, a function taking an address.
_CSS_SHEET = re.compile(r"@import", re.IGNORECASE)
_JAVASCRIPT = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)  # a URL loses tabs and newlines
_CSS_FETCH = re.compile(
    r"""url\(\s*(?!['"]?\s*#)|\b(?:image-set|image|cross-fade|src|expression)\s*\(""", re.IGNORECASE
)
_LONGEST_SHOWN = 80


@dataclass(frozen=True)
class Drawing:
    """A drawing that holds only what draws it: its <svg> element's size, as written."""

    width: str
    height: str
    view_box: str


class SvgRefused(Exception):
    """`message` follows 'this SVG' or the file's name ('holds a script (<script>, line 3): ...',
    'cannot be used: ...'); `line` is the first line at fault, or 0."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message, self.line = message, line


SVG_FIX = (
    "Ask whoever made it for a plain version without scripts or links (in Inkscape: File, Save As, "
    "'Optimized SVG'), or save it as a PNG at least 400 pixels wide."
)
DRAWING_ONLY = (
    "an SVG logo may hold only its drawing (shapes, text, colours and effects), nothing a browser would run, "
    "fetch or open."
)


def check_svg(data: bytes) -> Drawing:
    """The drawing's size if it holds only what draws it; else SvgRefused, naming up to three
    things it holds that are not (each with its line), or why it cannot be read."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise SvgRefused("cannot be used: it is not saved as UTF-8 text.", 0) from None
    reader = _Reader()
    try:
        reader.parser.Parse(data, True)
    except expat.ExpatError as error:
        raise SvgRefused(f"cannot be used: it is not a well-formed SVG file ({error}).", error.lineno) from None
    if reader.found:
        raise _holds(reader.found)
    return reader.drawing


def _holds(found: list[tuple[int, str]]) -> SvgRefused:
    return SvgRefused(f"holds {_listed(found)}: {DRAWING_ONLY}", found[0][0])


class _Reader:
    """One reading of one file: what it holds that no drawing needs, in the order met. A handler
    that raises stops the reading at once, where the rest could not be read safely, or at all."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.XmlDeclHandler = self._declaration
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = lambda *declaration: self._doctype("", None, None, 1)
        self.parser.ProcessingInstructionHandler = self._instruction
        self.parser.SkippedEntityHandler = self._skipped
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.found: list[tuple[int, str]] = []
        self.drawing = Drawing("", "", "")
        self._depth = 0
        self._refused_depth = 0  # inside a refused element: what is in it goes with it
        self._style: list[str] | None = None  # an open <style>'s text, notes in it or not
        self._style_line = 0  # where its text starts
        self._style_depth = 0

    def _found(self, what: str, line: int = 0) -> None:
        """`what` ends with its opening bracket and the thing found: '(<script>', '(onclick='."""
        line = line or self.parser.CurrentLineNumber
        self.found.append((line, f"{what}, line {line})"))

    def _cannot(self, why: str) -> None:
        raise SvgRefused(f"cannot be used: {why}", self.parser.CurrentLineNumber)

    def _declaration(self, version: str, encoding: str | None, standalone: int) -> None:
        if encoding and encoding.lower() != "utf-8":
            self._cannot(f"it is saved as {encoding} text, not UTF-8.")

    def _doctype(self, name: str, system_id: str | None, public_id: str | None, has_internal_subset: int) -> None:
        if has_internal_subset:
            self._found("definitions of its own inside its DOCTYPE (<!DOCTYPE [...]>")
            raise _holds(self.found)  # before any definition is read, let alone expanded

    def _skipped(self, name: str, is_parameter_entity: int) -> None:
        # A name the DOCTYPE's other file would define (&nbsp;): no browser reads that file.
        self._cannot(f"it uses &{name};, defined in a file browsers do not read.")

    def _instruction(self, target: str, data: str) -> None:
        what = "a style sheet from another file" if target == "xml-stylesheet" else "an instruction to the program"
        self._found(f"{what} (<?{target}?>")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, local = _split(name)
        self._depth += 1
        if self._depth == 1:
            self._root(namespace, local, attributes)
        if self._refused_depth:
            self._refused_depth += 1
            return
        if what := _element_refusal(namespace, local):
            self._found(f"{what} (<{local}>")
            self._refused_depth = 1
            return
        drawn = namespace == SVG_NS
        for attribute, value in attributes.items():
            if what := _attribute_refusal(*_split(attribute), value, drawn):
                self._found(what)
        if drawn and local == "style" and self._style is None:  # one in another adds its text to it
            self._style, self._style_depth = [], self._depth

    def _root(self, namespace: str, local: str, attributes: dict[str, str]) -> None:
        if local != "svg":
            self._cannot(f"its first element is <{local}>, not <svg>.")
        if namespace != SVG_NS:
            self._cannot(
                f'its <svg> element does not say it is an SVG drawing (xmlns="{SVG_NS}"), so browsers would not show it.'
            )
        self.drawing = Drawing(attributes.get("width", ""), attributes.get("height", ""), attributes.get("viewBox", ""))

    def _text(self, text: str) -> None:
        if self._style is not None:
            if not self._style:
                self._style_line = self.parser.CurrentLineNumber
            self._style.append(text)

    def _end(self, name: str) -> None:
        self._depth -= 1
        if self._refused_depth:
            self._refused_depth -= 1
        elif self._style is not None and self._depth < self._style_depth:
            text = "".join(self._style)
            if found := _css_refusal(text):
                what, at = found
                self._found(f'{what} (<style> with "{_shown(text, at)}"', self._style_line + text[:at].count("\n"))
            self._style = None


def _split(name: str) -> tuple[str, str]:
    """expat's 'namespace local' name as (namespace, local); no namespace: ('', local)."""
    namespace, _, local = name.rpartition(" ")
    return namespace, local


def _element_refusal(namespace: str, local: str) -> str:
    """What an element is, in words, when a drawing may not hold it; '' when it may."""
    if namespace == SVG_NS:
        return "" if local in DRAWING_ELEMENTS else _SVG_REFUSALS.get(local, "an element drawings do not use")
    if namespace in NOTES_NAMESPACES:
        return ""
    return "a web page's element" if namespace == XHTML_NS else "an element from another format"


def _attribute_refusal(namespace: str, local: str, value: str, drawn: bool) -> str:
    """What an attribute does, in words, then '(' and its name, when a drawing may not hold it;
    '' when it may. `drawn`: on an element of SVG's own, else on a drawing program's note, which
    browsers ignore but for its links."""
    shown = _PREFIXES.get(namespace, "") + local
    if (namespace, local) == (XML_NS, "base"):  # it would make a '#part' link point to another file
        return f"an attribute drawings do not use ({shown}="
    if namespace in NOTES_NAMESPACES:
        return ""
    if local.lower().startswith("on") and not namespace:
        return f"an event handler ({shown}="
    if local == "href":
        if value.strip().startswith("#"):
            return ""
        if _JAVASCRIPT.search(value):
            return f'a script ({shown}="javascript:..."'
        return f'a link to another file or site ({shown}="{_shown(value, 0)}"'
    if not drawn:
        return ""
    if found := _css_refusal(value):
        what, at = found
        return f'{what} ({shown}="{_shown(value, at)}"'
    if (namespace, local) in _NAMESPACED_ATTRIBUTES or (
        not namespace and (local in DRAWING_ATTRIBUTES or local.startswith(("aria-", "data-")))
    ):
        return ""
    return f"an attribute drawings do not use ({shown}="


def _css_refusal(text: str) -> tuple[str, int] | None:
    """What a style (or a value read as one) would load, in words, and where; None when nothing.
    (Cheap tests first: a path's `d` can be megabytes.)"""
    if (at := text.find("\\")) >= 0:
        return "a style written with escape codes, which can hide a link", at
    if ":" in text and _JAVASCRIPT.search(text):
        return "a script", 0
    if "@" in text and (found := _CSS_SHEET.search(text)):
        return "a style sheet from another file", found.start()
    if "(" in text and (found := _CSS_FETCH.search(text)):
        return "a link to another file or site", found.start()
    return None


def _shown(value: str, at: int) -> str:
    """A value on one line, whole when short, else from just before `at`."""
    start = max(0, len(" ".join(value[:at].split())) - 10)
    value = " ".join(value.split())
    if len(value) <= _LONGEST_SHOWN:
        return value
    end = start + _LONGEST_SHOWN - 3
    return ("..." if start else "") + value[start:end] + ("..." if end < len(value) else "")


def _listed(found: list[tuple[int, str]]) -> str:
    """'a, b and c', or the first three 'and N more'."""
    named = [what for _, what in found]
    if len(named) > 3:
        return f"{', '.join(named[:3])} and {len(named) - 3} more"
    return ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
