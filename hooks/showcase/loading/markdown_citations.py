"""The figures the Markdown pages cite, checked against the stored text of the pages they cite.

A sentence ends with its sources in brackets: "... in funding ([TPHC, pilot page](https://...))."
or "([A](https://...); [B](https://...))"; one ending with ':' also covers the list that follows.
Only its figures are compared (the prose is the writer's, its figures are facts): each number in
digits must be on a page it cites, whose text must be stored. Any other link is not a citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from showcase.loading.source_texts import FIGURE, SOURCES_FOLDER, SourceText, normalised, ordinal, states
from showcase.problems import Problem
from showcase.reading.load_files import ProgrammeSources
from showcase.reading.source import body_line

_LINK = r"\[[^\]\n]*\]\((https?://[^)\s]+)\)"
# Sources in brackets: one link, or several separated by ';'.
CITATION = re.compile(rf"\(\s*{_LINK}(?:\s*;\s*{_LINK})*\s*\)")
_ANY_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
# A small number a page may spell out ("eleven project leads") that a writer puts in digits.
NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
# Where a sentence ends: the citation covers the words after the last of these before it.
_SENTENCE_END = re.compile(r"[.!?:](?=\s)")


@dataclass(frozen=True)
class CitedSentence:
    file: str
    line: int
    text: str  # the sentence's words, links reduced to their text
    addresses: tuple[str, ...]


def cited_sentences(file: str, markdown: str) -> Iterator[CitedSentence]:
    """Each sentence that cites a page, and each list item after one that ends with ':'."""
    introduced: tuple[str, ...] = ()  # the sources of a sentence ending in ':', for the list below
    for line, block, is_item in _blocks(markdown):
        if not is_item:
            introduced = ()
        start, own = 0, False
        for citation in CITATION.finditer(block):
            addresses = tuple(address for address in citation.groups() if address)
            sentence = _before(block, start, citation)[1]
            yield CitedSentence(file, line + block.count("\n", 0, citation.start()), _words(sentence), addresses)
            start, own = citation.end(), True
            introduced = addresses if block[start:].lstrip().startswith(":") else ()
        if is_item and not own and introduced:
            yield CitedSentence(file, line, _words(block), introduced)


# A link to another page of this site ("[all the projects](projects/index.md)"): a sentence with
# one is the site's navigation, not a claim that needs a source.
_SITE_LINK = re.compile(r"\[[^\]\n]*\]\((?!https?://|mailto:)[^)\s]+\)")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?:])\s+")


def uncited_sentences(markdown: str) -> Iterator[tuple[int, str]]:
    """(line, words) of each sentence no citation covers, but those linking to a page of this site:
    for the editors' gaps report."""
    introduced = False  # the list below follows a cited sentence ending with ':'
    for line, block, is_item in _blocks(markdown):
        if block.lstrip().startswith("#"):  # a heading
            introduced = False
            continue
        citations = list(CITATION.finditer(block))
        if is_item and introduced and not citations:
            continue
        pieces, start = [], 0
        for citation in citations:
            pieces.append(_before(block, start, citation)[0])  # the sentences the citation does not cover
            start = citation.end()
        pieces.append(block[start:])
        if not is_item:
            introduced = bool(citations) and block[citations[-1].end() :].strip() == ":"
        for piece in pieces:
            for sentence in _SENTENCE_SPLIT.split(piece):
                words = _words(sentence).strip(" .;:!?()")
                if words and not _SITE_LINK.search(sentence):
                    yield line, " ".join(words.split())


def unstated_in_pages(sources: ProgrammeSources, texts: Mapping[str, SourceText]) -> list[Problem]:
    """Every cited figure no page it cites states (after loading, which refuses unreadable pages and links)."""
    sentences = (
        sentence
        for page in sorted(sources.docs_dir.rglob("*.md"))
        if page.is_file() and not page.is_symlink()
        for sentence in cited_sentences(page.relative_to(sources.root).as_posix(), page.read_text("utf-8"))
    )
    return unstated_figures(sentences, texts)


def unstated_figures(sentences: Iterable[CitedSentence], texts: Mapping[str, SourceText]) -> list[Problem]:
    """A problem for each cited page with no stored text, and each figure no cited page states."""
    problems: list[Problem] = []
    for sentence in sentences:
        stored = [texts[address] for address in sentence.addresses if address in texts]
        for address in sentence.addresses:
            if address not in texts:
                message = f"no text is stored for its source {address}."
                fix = f"Save the page's text in {SOURCES_FOLDER.as_posix()}/ (see its README.md)."
                problems.append(Problem(sentence.file, sentence.line, "", "", message, fix))
        if len(stored) < len(sentence.addresses):
            continue
        pages = [normalised(text.text) for text in stored]
        for match in FIGURE.finditer(sentence.text):
            figure = match[0]
            forms = [figure, figure.replace(",", "")]
            if figure.isdigit():  # spelt out ("eleven"), or a day the page writes "31st March"
                forms += [*NUMBER_WORDS[int(figure) : int(figure) + 1], ordinal(int(figure))]
            if not any(states(page, *forms) for page in pages):
                cited = " or ".join(sentence.addresses)
                message = f"the figure '{figure}' is not stated by the page it cites ({cited})."
                fix = "Cite a page that states it, or write the sentence without the figure."
                problems.append(Problem(sentence.file, sentence.line, "", "", message, fix))
    return problems


def _blocks(markdown: str) -> Iterator[tuple[int, str, bool]]:
    """(first line, text, is a list item) of each paragraph and list item, outside fences and front matter."""
    lines = markdown.split("\n")
    block: list[str] = []
    first, is_item, fenced = 0, False, False

    def ended() -> Iterator[tuple[int, str, bool]]:
        if block:
            yield first, "\n".join(block), is_item

    body_start = body_line(markdown) - 1
    for number, text in enumerate(lines[body_start:], start=body_start + 1):
        if _FENCE.match(text):
            yield from ended()
            block, fenced = [], not fenced
            continue
        if fenced:
            continue
        if not text.strip():
            yield from ended()
            block = []
        elif _LIST_ITEM.match(text) or not block:
            yield from ended()
            block, first, is_item = [text], number, bool(_LIST_ITEM.match(text))
        else:
            block.append(text)
    yield from ended()


def _before(block: str, start: int, citation: re.Match[str]) -> tuple[str, str]:
    """The sentences from `start` that ended before `citation`, and the one it ends (a full stop just
    before it, "... women. ([A](...))", is not an end)."""
    before = block[start : citation.start()].rstrip()
    ends = list(_SENTENCE_END.finditer(before[:-1]))
    at = ends[-1].end() if ends else 0
    return before[:at], before[at:]


def _words(sentence: str) -> str:
    """A sentence as read: links reduced to their text, without HTML comments or a list marker."""
    sentence = _LIST_ITEM.sub("", re.sub(r"<!--.*?-->", " ", sentence, flags=re.S), count=1)
    return _ANY_LINK.sub(r"\1", sentence)
