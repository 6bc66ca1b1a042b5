"""What in an editor's Markdown the site would publish otherwise than the editor meant, refused at
its line: the sanitiser (safe_html.py) keeps each of these harmless, but silently, so `scripts/check`
would say "All good" over a page that shows something else.

- An HTML comment (`<!-- draft -->`) hides nothing here: editors' HTML is shown as typed, so the
  draft would be published, on the page and in the open data.
- An HTML tag (`<b>`, `<br>`) shows as typed, not as bold or a new line.
- A link that is not to the web, an e-mail address or the site (`javascript:`) loses its target.
- A picture from another website becomes a link to it: the site loads nothing from other hosts.
- A character that shows nothing but changes the text (slips.HIDDEN_IN_TEXT), in a page.
- A heading that breaks the page's outline: a second title, a level skipped, a line of '-' that
  turns the line above into a heading, a '#' meant as a number ('#1 in the borough').
- Text that vanishes: a line read as a link's address no link uses, '*'s read as italics; and a
  language tag (`{: lang=cy }`) that names no language.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from showcase.languages import canonical_tag, tag_refusal
from showcase.problems import Problem
from showcase.reading.markdown_checks import LAYOUT_SLIPS, outside_code
from showcase.reading.safe_html import is_safe_link
from showcase.reading.slips import HIDDEN_IN_TEXT

_CODE_SPAN = re.compile(r"(`+).*?\1")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
# An element's tag as HTML writes it: `<b>`, `</b>`, `<br/>`, `<img src=...>`. `<https://...>` (a
# Markdown autolink) and `<slug>` (a placeholder's name) are not HTML elements, and show as typed.
_TAG = re.compile(r"</?(?P<name>[A-Za-z][A-Za-z0-9]*)(?=[\s/>])[^<>]*>")
HTML_ELEMENTS = frozenset(
    "a abbr address article aside audio b base bdi bdo big blink blockquote body br button canvas caption center "
    "cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption "
    "figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd "
    "label legend li link main map mark marquee math menu meta meter nav noscript object ol optgroup option "
    "output p param picture pre progress q rp rt ruby s samp script section select small source span strike "
    "strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u "
    "ul var video wbr".split()
)
# How Markdown writes what an editor reached for with a tag; other tags are deleted, keeping the words.
_MARKDOWN_FOR = {
    **dict.fromkeys(("b", "strong"), "for bold, write **words**"),
    **dict.fromkeys(("i", "em"), "for italics, write *words*"),
    "a": "write a link as [words](https://address)",
    **dict.fromkeys(("br", "p", "div"), "leave an empty line where a new paragraph starts"),
    "img": "write a picture as ![what it shows](path to the file in content/images/)",
    **dict.fromkeys(("ul", "ol", "li"), "start each item of a list on its own line with '- '"),
    **{f"h{level}": "start a heading's line with '## '" for level in range(1, 7)},
}
# [words](target) and ![words](target), and a reference's definition `[name]: target`.
# A tab inside an address counts: browsers drop it ("java<tab>script:" is javascript:).
_INLINE_LINK = re.compile(
    r"(?P<picture>!?)\[(?:[^\]\\]|\\.)*\]\( *(?P<angle><?)(?P<target>(?:[^()\s]|\t|\([^()\s]*\))*)"
)
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]+)")
_WEB = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


def _tag_fix(name: str) -> str:
    how = _MARKDOWN_FOR.get(name, f"delete '<{name}>' and any '</{name}>', keeping the words between them")
    return f"Editors write Markdown: {how}. EDITING.md shows bold, links, lists and headings."


def _line_problems(line: str, in_summary: bool) -> Iterator[tuple[str, str]]:
    """`in_summary`: the line is a project's summary's, in data/projects.yaml, not a page's (whose
    value the loader checks whole for characters that show nothing, as every value's)."""
    if not in_summary and (hidden := HIDDEN_IN_TEXT(line)):
        yield hidden
    if _COMMENT.search(line):
        note = (
            "To keep a note for editors, write it on a line of its own above 'summary:', starting with '#'."
            if in_summary
            else "A page has no hidden notes: keep drafts outside content/."
        )
        yield (
            "'<!--' starts an HTML comment, which the site does not hide: the words up to '-->' would be "
            "published as typed.",
            f"Delete the comment, from '<!--' to '-->'. {note}",
        )
    tags = (tag for tag in _TAG.finditer(_COMMENT.sub("", line)) if tag["name"].lower() in HTML_ELEMENTS)
    if (tag := next(tags, None)) is not None:
        yield f"'{tag[0]}' is HTML, which the site shows as typed.", _tag_fix(tag["name"].lower())
    targets = [
        (m["target"].removesuffix(">") if m["angle"] else m["target"], bool(m["picture"]))
        for m in _INLINE_LINK.finditer(line)
    ]
    if definition := _DEFINITION.match(line):
        targets.append((definition["target"], False))
    for target, picture in targets:
        address = html.unescape(target)
        if not is_safe_link(address):
            yield (
                f"the address '{target}' is not a web page, an e-mail address or a page of the site, so the "
                "site would publish the words without their link.",
                "Use a web address (starting https://), an e-mail address written mailto:name@example.org, or the "
                "path of a file of the site.",
            )
        elif picture and _WEB.match(address):
            keep = (
                "put the picture in the project's story, content/projects/<slug>.md"
                if in_summary
                else "save the picture in content/images/ (if you may publish it) and point at that file"
            )
            yield (
                f"the picture '{target}' is on another website, and the site loads nothing from another "
                "website (it would learn who reads the page): it would be published as a link instead.",
                f"Make it a link by deleting the '!' before '[', or {keep}.",
            )


_HASH_HEADING = re.compile(r"^(?P<marks>#{1,6})(?P<space>[ \t]?)(?P<words>.*)$")
_SETEXT_LINE = re.compile(r"^ {0,3}(?P<marks>=+|-+)[ \t]*$")
_NOT_A_PARAGRAPH = re.compile(r"^ {0,3}(?:#|>|\||!!!|[-*+][ \t]|\d{1,9}[.)][ \t]|$)")


def _heading_problems(lines: list[tuple[int, str]], under: int, title_allowed: bool) -> Iterator[tuple[int, str, str]]:
    """The headings that would break the page's outline, which screen reader users move through
    by level: a heading above `under` or a title where the page has one, a level skipped."""
    level, previous = under, ""
    for number, line in lines:
        setext = _SETEXT_LINE.match(line) if previous.strip() and not _NOT_A_PARAGRAPH.match(previous) else None
        previous = line
        if setext:
            mark = setext["marks"][0]
            yield (
                number,
                f"this line of '{mark}' under a line of text makes that line a heading.",
                "For a dividing line, leave an empty line above it; for a heading, start the line above with "
                f"'{'#' * (under + 1)} ' and delete this one.",
            )
            continue
        if not (heading := _HASH_HEADING.match(line)):
            continue
        marks = heading["marks"]
        if not heading["space"] and heading["words"]:
            yield (
                number,
                f"this line starts with '{marks}', which Markdown reads as a heading: '{line}' would be a heading "
                f"'{heading['words'].strip('# ')}'.",
                f"If it is not a heading, put a backslash before the '#': '\\{line}'. If it is, put a space "
                f"after '{marks}'.",
            )
        elif len(marks) <= under and not title_allowed:
            yield (
                number,
                "a heading with one '#' is a page's title, and this text has its title already."
                if len(marks) == 1
                else f"a heading with '{marks}' here stands beside the part this text is in, not inside it.",
                f"Start the line with '{'#' * (under + 1)} ' instead.",
            )
        elif len(marks) > level + 1:
            yield (
                number,
                f"this heading ('{marks}') skips a level after the heading above it, so a screen reader would "
                "announce a part that is not there.",
                f"Start the line with '{'#' * (level + 1)} ' instead.",
            )
        level = max(len(marks), under)
        title_allowed = False


# A line Markdown reads as a link's address, written once and used by `[words][name]` (or `[name]`):
# the line itself shows nothing, so one that no link uses ('[Update]: see below') vanishes.
_WHOLE_DEFINITION = re.compile(r"^ {0,3}\[(?P<name>[^\[\]]*)\]:[ ]*(?P<target>\S+)[ ]*(?:([\"'])(.*)\3|\((.*)\))?[ ]*$")
# Numbers multiplied with '*' ('5*3 and 2*4'): Markdown reads two such as italics, the '*'s gone.
_TIMES = re.compile(r"\d\*\d")


# The language a paragraph or heading is in, given in its attribute list: `{: lang=cy }`.
_LANG_ATTRIBUTE = re.compile(r"\{:?[^{}]*?\blang=[\"']?(?P<tag>[^\"'\s}]*)")


def _text_problems(lines: list[tuple[int, str]]) -> Iterator[tuple[int, str, str]]:
    """What vanishes from a text read whole: a link's address no link uses, '*' read as italics."""
    text = "\n".join(line for _, line in lines)
    for number, line in lines:
        if (definition := _WHOLE_DEFINITION.match(line)) is not None:
            name = definition["name"]
            uses = re.findall(rf"\[{re.escape(name)}\](?!:)", text, re.IGNORECASE)
            if not uses:
                yield (
                    number,
                    f"Markdown reads this line as the address of a link named '[{name}]', which no link in the text "
                    "uses, so the site would show nothing of it.",
                    f"If it is text, put a backslash before its first '[': '\\{line.strip()}'. If it is a link, "
                    f"write it where it belongs, as [words]({definition['target']}).",
                )
        if (lang := _LANG_ATTRIBUTE.search(line)) and not canonical_tag(lang["tag"]):
            yield (number, *tag_refusal(lang["tag"]))
        if (times := _TIMES.search(line)) and line.count("*") - line.count("\\*") >= 2:
            yield (
                number,
                f"Markdown reads the '*' in '{times[0]}' and the next '*' on the line as the start and end of "
                "italics, so both would vanish.",
                f"Write × (or 'times') for multiplying, or put a backslash before each '*': "
                f"'{times[0].replace('*', chr(92) + '*')}'.",
            )


def markup_problems(
    text: str,
    shown: str,
    first_line: int,
    record: str = "",
    field: str = "",
    under: int = 1,
    title_allowed: bool = False,
) -> list[Problem]:
    """What a text in Markdown (a page, a summary) starting on the file's line `first_line` would
    publish otherwise than it reads, its layout slips (markdown_checks.LAYOUT_SLIPS) included. `under`: the level of the heading the text sits under (a
    summary's '##' is shown one below its page's "Summary": text.render_markdown); `title_allowed`:
    the page's first heading may be its title."""
    in_summary = field == "summary"
    lines = [(number, _CODE_SPAN.sub("", line)) for number, line, fence in outside_code(text) if not fence]
    found = [(number, message, fix) for number, line in lines for message, fix in _line_problems(line, in_summary)]
    found += [(number, message, fix) for find, message, fix in LAYOUT_SLIPS for number in find(text)]
    found += _heading_problems(lines, under, title_allowed)
    found += _text_problems(lines)
    return [
        Problem(shown, first_line + number, record, field, message, fix)
        for number, message, fix in sorted(found, key=lambda problem: problem[0])
    ]
