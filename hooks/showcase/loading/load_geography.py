"""data/geography.yaml read into the model: the groups of areas (ICBs, say; perhaps none), the
areas (each with its page address and map tile) and what each is called. The groups' section and an
area's group field are named as `names:` names a group (`icbs:` and `icb:` for `group: icb`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from showcase.fields import ICB_FIELDS, ICB_ID, SLUG, TILE_FIELDS, FieldKind, FieldSpec, slugify
from showcase.loading.public_names import NAMES_KEY, geography_fields, other_group_names, read_names
from showcase.loading.records import RecordReader
from showcase.model import Area, Icb, Names, Term
from showcase.problems import Problem, did_you_mean, one_of
from showcase.reading.load_files import ProgrammeSources, list_of_records, read_data_file, top_level
from showcase.reading.source import Mapping, Scalar

# The tile map's largest side: a region's map is about 8 by 8, and its tiles must stay big enough
# to press on a phone. A larger number went into the page's styles as it was.
MOST_TILES = 20
# An alias is what a visitor types for an area ("SFL"), a few letters or words: a longer text is a
# name, and the finder already finds the area by its name.
LONGEST_ALIAS = 40
# Characters that would make an alias markup rather than a plain word.
_MARKUP = re.compile(r"[<>\[\]*_`#|{}]")
# What the geography calls an area or a group of areas (`area_label:`, `group_label:`), when one
# word plus "s" will not do: written as a set of fields rather than as one plain text.
TERM_FIELDS: dict[str, FieldSpec] = {
    "singular": FieldSpec(FieldKind.TEXT, True, "What one is called, in lower case.", "local authority"),
    "plural": FieldSpec(
        FieldKind.TEXT, False, "What several are called, when adding 's' is wrong.", "local authorities"
    ),
    "short": FieldSpec(FieldKind.TEXT, False, "Its short form, written after a name.", "ICB"),
}


@dataclass(frozen=True)
class Geography:
    """The geography as loaded, and the names of the areas refused (their projects need not say so again)."""

    icbs: dict[str, Icb] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)
    refused_areas: set[str] = field(default_factory=set)
    area_label: Term = field(default_factory=Term)
    group_label: Term | None = None  # None: the geography has no grouping level
    names: Names = field(default_factory=Names)  # the names of its addresses and fields


def load_geography(sources: ProgrammeSources, problems: list[Problem]) -> Geography:
    """The groups and areas, each refused when it would share another's page address, name or tile,
    and what an area and a group are called (`group_label:` exactly when there are groups)."""
    shown = sources.shown(sources.geography_file)
    node = read_data_file(sources.geography_file, shown, problems, sources.root)
    # The names first: they say what the groups' section is called.
    names = read_names(node, shown, problems) if isinstance(node, Mapping) else Names()
    spelling = GroupSpelling(names, isinstance(node, Mapping) and NAMES_KEY in node.entries)
    section = spelling.key_in(node, plural=True) if isinstance(node, Mapping) else names.groups
    root = top_level(node, shown, ("area_label", "group_label", NAMES_KEY, section, "areas"), problems)
    if root is None:
        return Geography()
    spelling.refuse_other(root, shown, "", section, plural=True, problems=problems)
    area_label = _term(root, "area_label", shown, problems) or Term()
    group_label = _term(root, "group_label", shown, problems)
    has_groups = section in root.entries
    if has_groups and group_label is None and "group_label" not in root.entries:
        RecordReader(root, shown, "", {}, problems).report(
            "group_label",
            f"the geography has groups ('{names.groups}:') but does not say what a group is called.",
            f"Add a line above '{names.groups}:', e.g. group_label: {{singular: integrated care board, short: ICB}}",
            line=root.key_lines[section],
        )
    elif group_label is not None and not has_groups:
        RecordReader(root, shown, "", {}, problems).report(
            "group_label",
            f"'group_label:' names the groups of areas, but the file lists none under '{names.groups}:'.",
            f"List the groups under '{names.groups}:', or delete 'group_label:' when the areas have no groups.",
        )
    term = group_label or Term("group")
    icbs, refused_icbs = _read_icbs(root, shown, section, term, names, problems) if has_groups else ({}, set())
    areas, refused = _read_areas(root, shown, icbs if has_groups else None, refused_icbs, spelling, problems)
    return Geography(icbs, areas, refused, area_label, group_label, names)


@dataclass(frozen=True)
class GroupSpelling:
    """The keys of the groups (`<group>s:`) and of an area's group (`<group>:`), and the refusal of
    another programme's (a file copied from one whose names call a group 'icb' has `icbs:`, `icb:`)."""

    names: Names
    chosen: bool  # whether the file says its names (`names:`), or has the neutral ones

    def key(self, plural: bool) -> str:
        return self.names.groups if plural else self.names.group

    def key_in(self, node: Mapping, plural: bool) -> str:
        """The key `node` gives the groups (or its group): this programme's, else another's if only
        that is there (read as if right, so that `refuse_other` refuses it once)."""
        keys = [f"{word}s" if plural else word for word in other_group_names(self.names)]
        other = [key for key in keys if key in node.entries]
        return other[0] if other and self.key(plural) not in node.entries else self.key(plural)

    def refuse_other(
        self, node: Mapping, shown: str, record: str, key: str, *, plural: bool, problems: list[Problem]
    ) -> None:
        """Refuse `key`, the key `key_in` found, when it is another programme's."""
        own = self.key(plural)
        if key == own:
            return
        why = (
            f"this file's 'names:' calls a group '{self.names.group}'"
            if self.chosen
            else f"this file has no 'names:', so a group is called '{self.names.group}'"
        )
        kind = "section of this file" if plural else "field this record can have"
        where = f"the groups are listed under '{own}:'" if plural else f"an area names its group with '{own}:'"
        RecordReader(node, shown, record, {}, problems).report(
            key,
            f"'{key}' is not a {kind} (did you mean '{own}'?): {why}, and {where}.",
            f"Rename '{key}:' to '{own}:', keeping its {'list' if plural else 'value'}.",
        )


def _term(root: Mapping, key: str, shown: str, problems: list[Problem]) -> Term | None:
    """What `key` says a place is called: one text ("district"), or its forms; None if absent or wrong."""
    node = root.entries.get(key)
    if node is None:
        return None
    if isinstance(node, Mapping):
        reader = RecordReader(node, shown, key, TERM_FIELDS, problems)
        reader.check_keys()
        forms = {name: reader.text(name) or "" for name in TERM_FIELDS}
        if not all(_one_line(text) for text in forms.values() if text):
            reader.report("singular", f"'{key}:' should be a few words on one line each.", _term_fix(key))
            return None
        return Term(forms["singular"], forms["plural"], forms["short"]) if forms["singular"] else None
    text = node.text.strip() if isinstance(node, Scalar) else ""
    if _one_line(text):
        return Term(text)
    message = (
        f"'{key}:' should be what one {'area' if key == 'area_label' else 'group of areas'} is called, in a few words."
    )
    problems.append(Problem(shown, node.line, "", key, message, _term_fix(key)))
    return None


# How to write each label: as one text, or with its forms.
_TERM_EXAMPLES = {
    "area_label": ("local authority area", "{singular: local authority, plural: local authorities}"),
    "group_label": ("health board", "{singular: integrated care board, short: ICB}"),
}


def _term_fix(key: str) -> str:
    text, forms = _TERM_EXAMPLES[key]
    return f"Write it in lower case, e.g. {key}: {text}, or with its forms, e.g. {key}: {forms}"


def _one_line(text: str) -> bool:
    return bool(text) and text == " ".join(text.split())


def _read_icbs(
    root: Mapping, shown: str, section: str, term: Term, names: Names, problems: list[Problem]
) -> tuple[dict[str, Icb], set[str]]:
    """The groups without problems, and the ids of those refused (their areas need not say so again)."""
    icbs: dict[str, Icb] = {}
    refused: set[str] = set()
    icb_lines: dict[str, tuple[str, int]] = {}  # by address (the id in lower case): the id and its line
    for node in list_of_records(root, section, shown, problems):
        id_node = node.entries.get("id")
        label = f"{term.brief} '{id_node.text}'" if isinstance(id_node, Scalar) else term.brief
        reader = RecordReader(node, shown, label, ICB_FIELDS, problems)
        reader.check_keys()
        icb_id, name, source = reader.text("id"), reader.text("name"), reader.value("source")
        if not icb_id:
            continue
        refused.add(icb_id)
        invalid = (
            f"'{icb_id}' cannot be an {term.brief} id: it becomes the {term.brief}'s page address.",
            f"Use letters, digits and hyphens only, e.g. '{slugify(icb_id).upper() or 'NH'}'.",
        )
        if reader.refuses_id("id", icb_id, ICB_ID, invalid):
            continue
        if icb_id.lower() in icb_lines:
            first_id, first_line = icb_lines[icb_id.lower()]
            reader.report(
                "id",
                f"the {term.brief} id '{icb_id}' is already used by '{first_id}' on line {first_line} "
                "(capitals do not make a different page address).",
                f"Give each {term.brief} its own id.",
            )
        elif name and source:
            icbs[icb_id] = Icb(icb_id, name, source, term, names)
            icb_lines[icb_id.lower()] = (icb_id, reader.line_of("id"))
    return icbs, refused - set(icbs)


def _read_areas(
    root: Mapping,
    shown: str,
    icbs: dict[str, Icb] | None,
    refused_icbs: set[str],
    spelling: GroupSpelling,
    problems: list[Problem],
) -> tuple[dict[str, Area], set[str]]:
    """The areas without problems, and the names of those refused; `icbs` None when there are no
    groups. An area of a refused group is refused silently: the group's problem says what to mend."""
    areas: dict[str, Area] = {}
    # What each area must not share with another (its name, slug, tile, ONS code in capitals), by
    # kind and value: the first area that has it, its name and line.
    first: dict[tuple[str, object], tuple[str, int]] = {}
    records = list(list_of_records(root, "areas", shown, problems))
    # Every area's name, however late in the file: an alias may not be one.
    name_nodes = [node.entries.get("name") for node in records]
    all_names = {
        " ".join(name.text.split()).casefold(): name.text.strip() for name in name_nodes if isinstance(name, Scalar)
    }
    alias_owners: dict[str, tuple[str, int]] = {}  # by alias, case folded: its area's name and its line
    names = spelling.names
    for node in records:
        name_node = node.entries.get("name")
        label = f"area '{name_node.text}'" if isinstance(name_node, Scalar) else "area"
        group_key = spelling.key_in(node, plural=False)  # the area's group field as the record writes it
        reader = RecordReader(node, shown, label, geography_fields(group_key), problems)
        reader.check_keys()
        spelling.refuse_other(node, shown, label, group_key, plural=False, problems=problems)
        name, ons_code, icb_id = reader.text("name"), reader.value("ons_code"), reader.text(group_key)
        tile = _tile(reader)
        row, col = (tile.value("row"), tile.value("col")) if tile else (None, None)
        before = len(problems)
        for key, number in (("row", row), ("col", col)):
            if tile and number is not None and not 1 <= number <= MOST_TILES:
                tile.report(
                    key,
                    f"tile rows and columns count from 1 to {MOST_TILES}, not {number}.",
                    f"Number the tile map's rows and columns from 1; a map of more than {MOST_TILES} a side "
                    "would not fit a phone's screen.",
                )
        if icbs is None and icb_id:
            reader.report(
                group_key,
                f"'{icb_id}' names a group, but the file lists no groups under '{names.groups}:'.",
                f"Delete the line, or list the groups under '{names.groups}:' with a 'group_label:'.",
            )
        elif icbs is not None and icb_id and icb_id not in icbs and icb_id not in refused_icbs:
            reader.report(
                group_key,
                f"'{icb_id}' is not a group in '{names.groups}:'{did_you_mean(icb_id, icbs)}.",
                f"Use one of: {one_of(icbs)}.",
            )
        elif icbs is not None and not icb_id and group_key not in reader.node.entries:
            reader.report(
                group_key,
                "the area names no group, and every area of a geography with groups is in one.",
                f"Add a line '{group_key}: ...' with the id of its group in '{names.groups}:', one of: {one_of(icbs)}.",
            )
        slug = _area_slug(reader, name)
        aliases = _aliases(reader, name or "", all_names, alias_owners)
        line = reader.line_of("name")
        held = {"name": name, "slug": slug, "tile": (row, col) if row and col else None}
        held["code"] = ons_code.upper() if ons_code else None
        clash = next((kind for kind, value in held.items() if value and (kind, value) in first), None)
        other, other_line = first[clash, held[clash]] if clash else ("", 0)
        if clash == "name":
            reader.report(
                "name",
                f"'{name}' is listed twice: it is already the area on line {other_line}.",
                "Delete one of the two records, or correct its name.",
            )
        elif clash == "slug":
            reader.report(
                "name",
                f"'{name}' would have the same page address as '{other}' on line {other_line} ({names.areas}/{slug}/).",
                "Rename one of them, or give one a 'slug:' of its own.",
            )
        elif clash == "tile":
            reader.report(
                "tile_grid",
                f"row {row}, column {col} is already the tile of '{other}' on line {other_line}: "
                "one tile would hide the other.",
                "Give each area a tile of its own.",
            )
        elif clash == "code":
            reader.report(
                "ons_code",
                f"'{ons_code}' is already the ONS code of '{other}' on line {other_line}: open data would give "
                "two areas one code.",
                "Check each area's code in the ONS list: each area has its own.",
            )
        for kind, value in held.items():
            if value:
                first.setdefault((kind, value), (name or "", reader.line_of("ons_code") if kind == "code" else line))
        if len(problems) == before and name and slug and ons_code and row and col:
            if icbs is None:
                areas[name] = Area(name, slug, ons_code, None, row, col, names, aliases)
            elif icb_id in icbs:
                areas[name] = Area(name, slug, ons_code, icbs[icb_id], row, col, names, aliases)
    return areas, {str(value) for kind, value in first if kind == "name"} - set(areas)


def _aliases(
    reader: RecordReader, name: str, all_names: dict[str, str], alias_owners: dict[str, tuple[str, int]]
) -> tuple[str, ...]:
    """The aliases, each refused unless short, plain and naming no other area (it would find the wrong one)."""
    key = "aliases"
    aliases: list[str] = []
    for alias, line in reader.text_list(key):
        folded = " ".join(alias.split()).casefold()
        other = alias_owners.get(folded)
        if len(alias) > LONGEST_ALIAS or not _one_line(alias) or _MARKUP.search(alias):
            reader.report(
                key,
                f"'{alias}' is not a short plain name: an alias is a few letters or words on one line, "
                f"at most {LONGEST_ALIAS} characters, without markup.",
                f"Shorten '{alias}' to what people type for the area, e.g. - {reader.example(key)[1:-1]}; "
                "or delete the item.",
                line=line,
            )
        elif folded in all_names and all_names[folded] != name:
            reader.report(
                key,
                f"'{alias}' is the name of the area '{all_names[folded]}': typing it would find that area's projects.",
                f"Delete '{alias}' from this area's aliases.",
                line=line,
            )
        elif other and other[0] != name:
            reader.report(
                key,
                f"'{alias}' is already an alias of '{other[0]}' on line {other[1]}: one short name cannot find two areas.",
                f"Keep '{alias}' for the one area people mean by it, and delete it from the other.",
                line=line,
            )
        elif folded not in all_names and not other:
            alias_owners[folded] = (name, line)
            aliases.append(alias)
    return tuple(aliases)


def _tile(reader: RecordReader) -> RecordReader | None:
    """A reader of the area's `tile_grid`, its keys checked; None when it has none."""
    key = "tile_grid"
    node = reader.node.entries.get(key)
    if isinstance(node, Mapping):
        tile = RecordReader(node, reader.file, reader.label, TILE_FIELDS, reader.problems)
        tile.check_keys()
        return tile
    if node is not None:
        reader.report(
            key, f"expected fields ({', '.join(TILE_FIELDS)}).", f"Write it like {key}: {reader.fields[key].example}"
        )
    return None


def _area_slug(reader: RecordReader, name: str | None) -> str | None:
    """Its own `slug`, else made from its name; refused when neither gives one (a non-Latin name)."""
    if "slug" in reader.node.entries:
        slug = reader.text("slug")
        invalid = (
            f"'{slug}' is not a valid slug.",
            f"Use lower-case letters, digits and single hyphens only, e.g. '{slugify(slug or '') or 'area-name'}'.",
        )
        return None if slug and reader.refuses_id("slug", slug, SLUG, invalid) else slug
    if name and not slugify(name):
        reader.report(
            "name",
            f"'{name}' has no letters or digits a page address can be made of.",
            "Add a line 'slug: ...' under it with the name in Latin letters, e.g. slug: dhaka-north.",
        )
        return None
    return slugify(name) if name else None
