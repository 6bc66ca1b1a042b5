"""What Markdown reads differently from what the editor meant, found before the build.

These slips pass Markdown without a word and show on the site: a list typed straight after its
paragraph (Markdown runs it on into the paragraph), a paragraph indented 4 spaces (Markdown shows
it as computer code), spaces at the end of a line (an invisible line break), and a link or
picture in a page pointing at a file that does not exist (the strict build fails on it, late).
Each is found here, at its line, so `scripts/check` says everything the build would.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from showcase.problems import Problem

_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_BLOCK_START = re.compile(r"^ {0,3}(?:#|>|\||!!!|<!--)")
# A block whose body is indented under it (admonitions: '!!! note', '??? note').
_INDENTED_BODY = re.compile(r"^ {0,3}(?:!!!|\?\?\?)")
# [text](target) and ![alt](target): the target up to a space or the closing bracket.
_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//|#)")


def list_without_blank_line(text: str) -> Iterable[int]:
    """The lines (from 0) of list items that follow a paragraph line with no empty line between."""
    fenced = False
    previous = ""
    for number, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        elif (
            not fenced
            and _LIST_ITEM.match(line)
            and previous.strip()
            and not _LIST_ITEM.match(previous)
            and not _BLOCK_START.match(previous)
            and not previous.startswith((" ", "\t"))
        ):
            yield number
        previous = "" if fenced else line


def indented_as_code(text: str) -> Iterable[int]:
    """The lines (from 0) that start a block of code by their indentation alone: 4 spaces or a
    tab after an empty line, outside a list item (whose later paragraphs are indented) and fenced
    code. Word and e-mail indent a pasted paragraph so."""
    fenced = False
    previous_blank = True
    inside = False  # in a list item or an admonition, whose body is indented
    for number, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        elif fenced:
            continue
        elif not line.strip():
            previous_blank = True
            continue
        elif _LIST_ITEM.match(line) or _INDENTED_BODY.match(line):
            inside = True
        elif not line.startswith((" ", "\t")):
            inside = False
        elif previous_blank and not inside and line.startswith(("    ", "\t")):
            yield number
        previous_blank = False


def line_break_at_end(text: str) -> Iterable[int]:
    """The lines (from 0) ending with two spaces or more before another line of the same
    paragraph, outside fenced code: Markdown breaks the line there, where nothing shows why."""
    fenced = False
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.endswith("  ") and line.strip() and number + 1 < len(lines):
            if lines[number + 1].strip():
                yield number


# Each layout slip: the lines (from 0) it is on, what is wrong and the fix.
_LAYOUT_SLIPS: tuple[tuple[Callable[[str], Iterable[int]], str, str], ...] = (
    (
        list_without_blank_line,
        "this list starts straight after a paragraph, so Markdown runs it on into the paragraph.",
        "Put an empty line before the list.",
    ),
    (
        indented_as_code,
        "this line starts with 4 spaces or more (or a tab) after an empty line, so Markdown shows it as "
        "computer code in a box, not as text.",
        "Delete the spaces at the start of the line, and of the indented lines under it, keeping the text.",
    ),
    (
        line_break_at_end,
        "this line ends with spaces, which Markdown turns into a line break that nothing on the line shows.",
        "Delete the spaces at the end of the line. If the next line should start on a line of its own, "
        "leave an empty line before it.",
    ),
)


def list_problems(text: str, shown: str, first_line: int, record: str = "", field: str = "") -> list[Problem]:
    """The Markdown layout slips of a text (a page, a summary) that starts on the file's line
    `first_line`: lists run on into a paragraph, paragraphs shown as code, invisible line breaks."""
    return [
        Problem(shown, first_line + number, record, field, message, fix)
        for find, message, fix in _LAYOUT_SLIPS
        for number in find(text)
    ]


@dataclass(frozen=True)
class PageLink:
    """A link or picture in a Markdown page that points at a file of the site."""

    line: int  # from 0, in the text it was found in
    kind: str  # "picture" or "link"
    target: str  # as written, without its #fragment or ?query
    resolved: str  # the file's path in content/, e.g. "images/walk.jpg"


def page_links(text: str, page: str) -> Iterator[PageLink]:
    """The links and pictures of the page `page` (its path in content/) that point at files of
    the site, outside code: not those to other sites, nor a page's own #fragments."""
    fenced = False
    for number, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for match in _LINK.finditer(re.sub(r"`[^`]*`", "", line)):
            target = match[1].split("#", 1)[0].split("?", 1)[0]
            if not target or _EXTERNAL.match(match[1]):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target)).lstrip("/")
            yield PageLink(number, "picture" if match[0].startswith("!") else "link", target, resolved)


def link_problems(text: str, shown: str, first_line: int, page: str, exists: Callable[[str], bool]) -> list[Problem]:
    """Links and pictures in the page `page` (its path in content/) whose target is not a file
    of the site: a Markdown page, a picture, or a page the showcase makes."""
    return [
        Problem(
            shown,
            first_line + link.line,
            "",
            "",
            f"this {link.kind} points at '{link.target}', which is not a file of the site.",
            "Check the spelling against the file names in content/ (a project's page is 'projects/<slug>.md'), "
            "or use the full address starting https://.",
        )
        for link in page_links(text, page)
        if not exists(link.resolved)
    ]


def summary_picture_problems(text: str, shown: str, first_line: int, record: str) -> list[Problem]:
    """Pictures from the site's own files in a summary: the summary is printed in the PDFs too,
    which load no file of the site (only theme/print/), so the strict build would fail on it.
    A picture from another site becomes a link, on the page and in the PDFs: that is fine."""
    return [
        Problem(
            shown,
            first_line + number,
            record,
            "summary",
            f"the picture '{match[1]}' cannot be shown: a summary is also printed in the PDFs, which use no files of the site.",
            "Move the picture into the project's story, content/projects/<slug>.md, and keep the summary to text.",
        )
        for number, line in enumerate(text.split("\n"))
        for match in _LINK.finditer(line)
        if match[0].startswith("!") and not _EXTERNAL.match(match[1])
    ]
