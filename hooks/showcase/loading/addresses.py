"""No address breaks silently: what was published at an address keeps answering there (site.py
answers at earlier slugs and ids, at `removed_projects:`, at every area, ICB and theme).

scripts/check compares the addresses the default branch published at the merge base (so that
projects published since are not taken for removed) with the content's, and refuses each that would
vanish. Outside a git checkout, or without the default branch, it notes it could not compare.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from showcase.fields import REMOVED_PROJECT_FIELDS, RESERVED_IDS, SLUG, id_too_long, slugify
from showcase.loading.public_names import NAMES_KEY
from showcase.loading.records import RecordReader
from showcase.model import Names, Programme, RemovedProject
from showcase.problems import Problem
from showcase.reading.load_files import ProgrammeSources, list_of_records
from showcase.reading.source import Mapping
from showcase.wording.provenance import git_output, read_history

REMOVED_SECTION = "removed_projects"

# The default branch, in the order it is looked for: the pull request's base in GitHub Actions,
# then the remote's own default, then the usual names, remote before local.
_DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")
_NOT_COMPARED = "the addresses were not compared with the published site: "


def read_removed_projects(
    root: Mapping,
    shown: str,
    current: dict[str, int],
    earlier: dict[str, tuple[str, int]],
    problems: list[Problem],
) -> tuple[RemovedProject, ...]:
    """`removed_projects:`, each a slug no project has (`current`: slug -> line) nor lists as an
    earlier one (`earlier`: slug -> the project listing it, and the line)."""
    if REMOVED_SECTION not in root.entries:
        return ()
    removed: list[RemovedProject] = []
    taken: dict[str, int] = {}  # a slug or earlier slug of a removed project -> its line
    for node in list_of_records(root, REMOVED_SECTION, shown, problems):
        reader = RecordReader(node, shown, "removed project", REMOVED_PROJECT_FIELDS, problems)
        reader.check_keys()
        slug, name, reason = reader.text("slug"), reader.text("name"), reader.text("reason")
        if slug:
            reader.label = f"removed project '{slug}'"
        previous = reader.text_list("previous_slugs")
        addresses = [(slug, reader.line_of("slug"), "slug")] if slug else []
        addresses += [(old, line, "previous_slugs") for old, line in previous]
        refused = False
        for address, line, key in addresses:
            if problem := _address_problem(address, current, earlier, taken):
                reader.report(key, *problem, line=line)
                refused = True
            else:
                taken[address] = line
        if slug and name and not refused:
            removed.append(RemovedProject(slug, name, reason, tuple(old for old, _line in previous), node.line))
    return tuple(removed)


def invalid_old_slug(slug: str) -> tuple[str, str]:
    return f"'{slug}' is not a valid slug.", "Copy the old address exactly: lower-case letters, digits and hyphens."


def _address_problem(
    address: str, current: dict[str, int], earlier: dict[str, tuple[str, int]], taken: dict[str, int]
) -> tuple[str, str] | None:
    if not SLUG.match(address) or address in RESERVED_IDS:
        return invalid_old_slug(address)
    if too_long := id_too_long(address):
        return too_long
    if address in current:
        return (
            f"'{address}' is the slug of the project on line {current[address]}, which is still on the site.",
            "List a project here only once its record is deleted; to keep the project, delete this record.",
        )
    if address in earlier:
        owner, line = earlier[address]
        return (
            f"'{address}' is an earlier address of project '{owner}' (its previous_slugs, line {line}), so it "
            "leads to that project's page.",
            "An address leads to one page: keep it in one of the two lists.",
        )
    if address in taken:
        return f"'{address}' is already listed as removed on line {taken[address]}.", "Delete one of the two."
    return None


@dataclass(frozen=True)
class Published:
    """The addresses the default branch published in the files this branch changed, each with its
    title or name: project slugs (current, earlier, removed), cohort ids, theme ids, area and ICB slugs."""

    branch: str
    projects: dict[str, str] = field(default_factory=dict)
    cohorts: dict[str, str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)
    icbs: dict[str, tuple[str, str]] = field(default_factory=dict)  # slug -> (id, name)


def read_published(sources: ProgrammeSources) -> Published | str:
    """What the default branch published, or why it cannot be known (a note for the editor)."""
    root = sources.root
    history = read_history(root)
    if history.problem:
        return (
            f"{_NOT_COMPARED}git cannot read this checkout's whole history (a shallow clone, or a folder git "
            "refuses: `git log -1` says which; in GitHub Actions, check out with fetch-depth: 0)."
        )
    if not history.readable:
        return f"{_NOT_COMPARED}{root} is not a git checkout, so a renamed or deleted project's old address is not checked."
    if not git_output(root, "rev-parse", "--verify", "--quiet", "HEAD"):
        return f"{_NOT_COMPARED}nothing is committed yet."
    base = os.environ.get("GITHUB_BASE_REF")
    branches = [*([f"origin/{base}"] if base else []), *_DEFAULT_BRANCHES]
    found = (name for name in branches if git_output(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"))
    branch = next(found, None)
    if branch is None:
        return (
            f"{_NOT_COMPARED}git has no default branch here (looked for {', '.join(branches)}). "
            "Fetch it: git fetch origin main"
        )
    commit = (git_output(root, "merge-base", "HEAD", branch) or "").strip()
    if not commit:
        return f"{_NOT_COMPARED}this branch shares no history with {branch}."
    projects_file = sources.shown(sources.projects_file)
    geography_file = sources.shown(sources.geography_file)
    cohorts_folder = sources.shown(sources.docs_dir / "cohorts")
    listing = git_output(root, "ls-tree", "-z", commit, "--", projects_file, geography_file, f"{cohorts_folder}/")
    published = Published(branch)
    for entry in filter(None, (listing or "").split("\0")):
        description, _, path = entry.partition("\t")  # '<mode> blob <id>\t<path>'
        cohort = path.startswith(f"{cohorts_folder}/") and path.endswith(".md") and not path.endswith("/index.md")
        # Only the files this branch changed are read: an unchanged file answers at every address it did.
        if not (cohort or path in (projects_file, geography_file)) or _blob_id(root / path) == description.split()[-1]:
            continue
        text = git_output(root, "show", f"{commit}:./{path}")
        if text is None:
            return f"{_NOT_COMPARED}git could not read its files."
        if path == projects_file:
            _read_published_projects(text, published)
        elif path == geography_file:
            _read_published_geography(text, published)
        else:
            published.cohorts.update(_published_cohort(PurePosixPath(path).stem, text))
    return published


def _blob_id(path: Path) -> str:
    """The id git gives the file's bytes: the same as the commit's when unchanged."""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _load_yaml(text: str) -> object:
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # a safe loader, C or Python
    except yaml.YAMLError:
        return None


# Of a published projects file, the lines that hold addresses (a record's first line, slug, name,
# previous_slugs, a theme's id and title, the sections): fifteen times faster at 1,000 projects than
# the whole file; what they cannot be read from alone (a name quoted over two lines) is read whole.
_KEY_COLUMN = re.compile(r"^( *)(- +)?slug:", re.MULTILINE)


def _address_lines(text: str) -> str:
    found = _KEY_COLUMN.search(text)
    if not found:
        return text
    column = len(found.group(1)) + len(found.group(2) or "")
    lines = re.compile(
        rf"^(?: {{0,{column - 1}}}[^ \n#].*| {{{column}}}(?:slug|name|id|title):.*"
        rf"| {{{column}}}previous_slugs:.*(?:\n {{{column},}}- .*)*)$",
        re.MULTILINE,
    )
    return "\n".join(line.group() for line in lines.finditer(text))


def _read_published_projects(text: str, published: Published) -> None:
    data = _load_yaml(_address_lines(text))
    if not isinstance(data, dict) or not all(
        isinstance(data.get(key) or [], list) for key in ("themes", "projects", REMOVED_SECTION)
    ):
        data = _load_yaml(text)
    for record in _records(data, "projects") + _records(data, REMOVED_SECTION):
        if slug := _string(record.get("slug")):
            for old in [slug, *_strings(record.get("previous_slugs"))]:
                published.projects.setdefault(old, _string(record.get("name")) or slug)
    for record in _records(data, "themes"):
        if theme_id := _string(record.get("id")):
            published.themes.setdefault(theme_id, _string(record.get("title")) or theme_id)


def _read_published_geography(text: str, published: Published) -> None:
    data = _load_yaml(text)
    for record in _records(data, "areas"):
        if (name := _string(record.get("name"))) and (slug := _string(record.get("slug")) or slugify(name)):
            published.areas.setdefault(slug, name)
    # Its groups are under the section its own names gave them then (`icbs:` for `group: icb`).
    names = data.get(NAMES_KEY) if isinstance(data, dict) else None
    group = _string(names.get("group")) if isinstance(names, dict) else ""
    for record in _records(data, Names(group=group).groups if group else Names().groups):
        if icb_id := _string(record.get("id")):
            published.icbs.setdefault(icb_id.lower(), (icb_id, _string(record.get("name")) or icb_id))


def _published_cohort(cohort_id: str, text: str) -> dict[str, str]:
    front = re.match(r"---\r?\n(.*?)\r?\n---\r?\n", text, re.DOTALL)
    data = _load_yaml(front.group(1)) if front else None
    data = data if isinstance(data, dict) else {}
    title = str(data.get("title") or cohort_id)
    return {old: title for old in [cohort_id, *_strings(data.get("previous_ids"))]}


def _records(data: object, section: str) -> list[dict]:
    found = data.get(section) if isinstance(data, dict) else None
    return [record for record in found if isinstance(record, dict)] if isinstance(found, list) else []


def _string(value: object) -> str:
    """A scalar as the loader reads it (every value is text to it), or "" for anything else."""
    return str(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else ""


def _strings(value: object) -> list[str]:
    return [text for item in value if (text := _string(item))] if isinstance(value, list) else []


def lost_addresses(programme: Programme, published: Published, sources: ProgrammeSources) -> list[Problem]:
    """Each address the default branch published that the content no longer answers at, at the
    line of the fix when it can be told."""
    problems: list[Problem] = []
    shown = sources.shown(sources.projects_file)
    answered = {address for project in programme.projects for address in (project.slug, *project.previous_slugs)}
    answered |= {address for removed in programme.removed for address in (removed.slug, *removed.previous_slugs)}
    new = [project for project in programme.projects if project.slug not in published.projects]
    for slug, name in sorted(published.projects.items()):
        if slug in answered:
            continue
        same_name = [project for project in programme.projects if project.name == name]
        renamed = same_name or (new if len(new) == 1 else [])
        project = renamed[0] if len(renamed) == 1 else None
        fix = (
            f"If this is the same project with a new slug, add '{slug}' to its previous_slugs (previous_slugs: [{slug}]); "
            if project
            else f"If you gave it a new slug, add '{slug}' to its record's previous_slugs; "
        )
        problems.append(
            Problem(
                shown,
                project.source_line if project else 0,
                f"project '{project.slug if project else slug}'",
                "previous_slugs" if project else "",
                f"the project '{name}' was published at projects/{slug}/ ({published.branch}), and no record here has "
                "that address now: links to it would break.",
                f"{fix}if it is off the site, list it under '{REMOVED_SECTION}:' (- slug: {slug}, then name: {name}; "
                "see EDITING.md), and its address will say so.",
            )
        )
    cohort_ids = {address for cohort in programme.cohorts for address in (cohort.id, *cohort.previous_ids)}
    cohorts_folder = sources.shown(sources.docs_dir / "cohorts")
    for cohort_id, title in sorted(published.cohorts.items()):
        if cohort_id in cohort_ids:
            continue
        same = [cohort for cohort in programme.cohorts if cohort.title == title]
        problems.append(
            Problem(
                same[0].source_file if len(same) == 1 else f"{cohorts_folder}/{cohort_id}.md",
                1 if len(same) == 1 else 0,
                f"cohort '{cohort_id}'",
                "previous_ids" if len(same) == 1 else "",
                f"the cohort '{title}' was published at cohorts/{cohort_id}/ ({published.branch}), and no cohort "
                "file has that id now: links to it would break.",
                f"If its file was renamed, add 'previous_ids: [{cohort_id}]' to the front matter of its new file; "
                f"if it is off the site, keep {cohorts_folder}/{cohort_id}.md.",
            )
        )
    return problems + _lost_places(programme, published, sources)


# How to keep each kind of page: its record kept in its list, its address made as before.
_KEEP_IT = {
    "theme": "Keep it under 'themes:' with 'id: {id}' (its page then says no project has the theme at present); to "
    "rename a theme, change its title, not its id.",
    "area": "Keep it under 'areas:' (its page then says there are no projects there at present); if you corrected "
    "its name, add 'slug: {slug}' to it so that its address stays.",
    "ICB": "Keep it under '{groups}:' with 'id: {id}' (its page then says there are no projects there at present).",
}


def _lost_places(programme: Programme, published: Published, sources: ProgrammeSources) -> list[Problem]:
    """Each theme, area and ICB page the default branch published that the content no longer has
    (each has a page with or without projects: only its record, or its address, can be lost)."""
    projects_file, geography_file = sources.shown(sources.projects_file), sources.shown(sources.geography_file)
    # Each kind of page: its folder, its file and what its address is made from; the addresses it
    # has now; each it had as (address, its record's label, its name, its id).
    kinds = (
        ("theme", "themes", projects_file, "id"),
        ("area", programme.names.areas, geography_file, "address"),
        ("ICB", programme.names.groups, geography_file, "id"),
    )
    now = {
        "theme": {theme.id for theme in programme.themes},
        "area": {area.slug for area in programme.areas},
        "ICB": {icb.slug for icb in programme.icbs},
    }
    then = {
        "theme": [(theme_id, theme_id, title, theme_id) for theme_id, title in published.themes.items()],
        "area": [(slug, name, name, slug) for slug, name in published.areas.items()],
        "ICB": [(slug, name, name, icb_id) for slug, (icb_id, name) in published.icbs.items()],
    }
    # A group is called as the geography calls it ("ICB"), or "group" once it has none.
    called = {"ICB": programme.group_label.brief if programme.group_label else "group"}
    return [
        Problem(
            file,
            0,
            f"{called.get(kind, kind)} '{label}'",
            "",
            f"the {called.get(kind, kind)} '{name}' was published at {folder}/{slug}/ ({published.branch}), and no "
            f"{called.get(kind, kind)} here has that {made_from} now: links to it would break.",
            _KEEP_IT[kind].format(id=page_id, slug=slug, groups=programme.names.groups),
        )
        for kind, folder, file, made_from in kinds
        for slug, label, name, page_id in sorted(then[kind])
        if slug not in now[kind]
    ]
