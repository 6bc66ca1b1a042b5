"""The scaffolds' placeholder ('REPLACE with ...', saying what belongs there), refused wherever
it is left: records.py for the data and front matter, `page_placeholder_problems` for the pages.
Unlike an example ('Harbourside GP Care Group') it cannot pass for a fact once uncommented. The
marker is case-sensitive: 'replace with' in an editor's own sentence is text.
"""

from __future__ import annotations

import re

from showcase.problems import Problem
from showcase.reading.load_files import ProgrammeSources
from showcase.reading.source import body_line, split_front_matter

PLACEHOLDER = "REPLACE with"
_MARKER = PLACEHOLDER.encode("utf-8")
# The story line the scaffolds wrote before the marker, which an older page may still hold.
_EARLIER_STORY = re.compile(
    r"^Write the story of .+ here(\. Facts such as boroughs and quotes belong in data/projects\.yaml\.|, in plain English\.)$"
)
_EARLIER_MARKER = b"Write the story of "
_EARLIER_FIX = (
    "Replace the whole line with the story, in plain English, or delete it: the site then shows nothing for it."
)
_LONGEST_SHOWN = 80  # characters of the placeholder quoted in a message


def placeholder_left(text: str) -> tuple[str, str, int] | None:
    """What is wrong, the fix, and the line (from 0) of the placeholder `text` holds, if any."""
    at = text.find(PLACEHOLDER)
    if at < 0:
        return None
    end = text.find("\n", at)
    phrase = text[at : len(text) if end < 0 else end].strip()
    what = phrase[len(PLACEHOLDER) :].strip().rstrip(".") or "the real value"
    shown = phrase if len(phrase) <= _LONGEST_SHOWN else phrase[: _LONGEST_SHOWN - 3] + "..."
    return (
        f"'{shown}' is a placeholder that the new-project or new-cohort command wrote, not a fact: "
        "the site would publish it as it is.",
        f"Replace the whole placeholder with {what}, or delete the line: the site then shows nothing for it.",
        text.count("\n", 0, at),
    )


def page_placeholder_problems(sources: ProgrammeSources) -> list[Problem]:
    """Each Markdown page's body line that holds a placeholder (front matter is the loader's)."""
    docs = sources.docs_dir
    problems = []
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        data = path.read_bytes()
        if _MARKER not in data and _EARLIER_MARKER not in data:
            continue
        text = data.decode("utf-8", errors="replace")
        first_line = body_line(text)
        for number, line in enumerate(split_front_matter(text)[1].split("\n")):
            if found := placeholder_left(line):
                message, fix, _ = found
                problems.append(Problem(sources.shown(path), first_line + number, "", "", message, fix))
            elif _EARLIER_STORY.match(line.strip()):
                message = (
                    f"'{line.strip()}' is the placeholder an earlier new-project or new-cohort command wrote, not "
                    "a story: the site would publish it as it is."
                )
                problems.append(Problem(sources.shown(path), first_line + number, "", "", message, _EARLIER_FIX))
    return problems
