"""What Markdown reads differently from what the editor meant, found at its line before the build,
so that `scripts/check` says everything the build would: a list typed straight after its paragraph
(run on into it), a paragraph indented 4 spaces (shown as code), spaces ending a line (an invisible
line break), and a link or picture to a file that does not exist (the strict build fails, late).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from showcase.problems import Problem

_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_BLOCK_START = re.compile(r"^ {0,3}(?:#|>|\||!!!|<!--)")
# An admonition ('!!! note', '??? note'), whose body is indented under it.
_INDENTED_BODY = re.compile(r"^ {0,3}(?:!!!|\?\?\?)")
# [text](target) and ![alt](target): the target up to a space or the closing bracket.
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//|#)")


def outside_code(text: str) -> Iterator[tuple[int, str, bool]]:
    """Each line (from 0) outside fenced code, and whether it is a fence's own line."""
    fenced = False
    for number, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            yield number, line, True
        elif not fenced:
            yield number, line, False


def list_without_blank_line(text: str) -> Iterable[int]:
    """The list items that follow a paragraph's line with no empty line between."""
    previous = ""
    for number, line, fence in outside_code(text):
        if (
            not fence
            and _LIST_ITEM.match(line)
            and previous.strip()
            and not _LIST_ITEM.match(previous)
            and not _BLOCK_START.match(previous)
            and not previous.startswith((" ", "\t"))
        ):
            yield number
        previous = line


def indented_as_code(text: str) -> Iterable[int]:
    """The lines that start a block of code by their indentation alone (as Word and e-mail
    indent a pasted paragraph): 4 spaces or a tab after an empty line, outside a list item or an
    admonition (whose later paragraphs are indented)."""
    previous_blank = True
    inside = False
    for number, line, fence in outside_code(text):
        if fence:
            pass
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
    """The lines ending with two spaces or more before another line of the same paragraph."""
    lines = text.split("\n")
    for number, line, fence in outside_code(text):
        if not fence and line.endswith("  ") and line.strip() and number + 1 < len(lines) and lines[number + 1].strip():
            yield number


# Each layout slip: the lines (from 0) it finds, what is wrong and the fix.
LAYOUT_SLIPS: tuple[tuple[Callable[[str], Iterable[int]], str, str], ...] = (
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


@dataclass(frozen=True)
class PageLink:
    line: int  # from 0, in the text it was found in
    kind: str  # "picture" or "link"
    target: str  # as written, without its #fragment or ?query
    resolved: str  # the file's path in content/, e.g. "images/walk.jpg"


def page_links(text: str, page: str) -> Iterator[PageLink]:
    """The links and pictures of the page `page` (its path in content/), outside code, to files
    of the site: not to other sites, nor to the page's own #fragments."""
    for number, line, fence in outside_code(text):
        if fence:
            continue
        for match in _LINK.finditer(re.sub(r"`[^`]*`", "", line)):
            target = match[1].split("#", 1)[0].split("?", 1)[0]
            if not target or _EXTERNAL.match(match[1]):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target)).lstrip("/")
            yield PageLink(number, "picture" if match[0].startswith("!") else "link", target, resolved)


def link_problems(text: str, shown: str, first_line: int, page: str, exists: Callable[[str], bool]) -> list[Problem]:
    """Links and pictures to no file of the site (a page, a picture, or a page the showcase makes)."""
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
    """Pictures from the site's own files in a summary, which the PDFs print too but load no
    file of the site for (a picture from another site becomes a link, as on the page)."""
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
