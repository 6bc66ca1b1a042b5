"""The geography (data/geography.yaml) read into the model: the ICBs, the areas (each with its
page address and its tile on the map) and what an area is called."""

from __future__ import annotations

from showcase.fields import GEOGRAPHY_FIELDS, ICB_FIELDS, ICB_ID, SLUG, TILE_FIELDS, slugify
from showcase.loading.records import RecordReader
from showcase.model import Area, AreaLabel, Icb
from showcase.problems import Problem, did_you_mean, one_of
from showcase.reading.load_files import ProgrammeSources, list_of_records, read_data_file, top_level
from showcase.reading.source import Mapping, Scalar

# The tile map's largest side: a region's map is about 8 by 8, and its tiles must stay big enough
# to press on a phone. A larger number went into the page's styles as it was.
MOST_TILES = 20


def load_geography(
    sources: ProgrammeSources, problems: list[Problem]
) -> tuple[dict[str, Icb], dict[str, Area], set[str], AreaLabel]:
    """The ICBs and areas, each refused (never merged or dropped) when it would share another's
    page address, name or tile: every one of them becomes a page and a tile of its own; the names
    of the areas refused; and what an area is called (`area_label:`, "area" when the file does not say)."""
    shown = sources.shown(sources.geography_file)
    root = top_level(
        read_data_file(sources.geography_file, shown, problems, sources.root),
        shown,
        ("area_label", "icbs", "areas"),
        problems,
    )
    if root is None:
        return {}, {}, set(), AreaLabel()
    icbs = _read_icbs(root, shown, problems)
    areas, refused = _read_areas(root, shown, icbs, problems)
    return icbs, areas, refused, _area_label(root, shown, problems)


def _area_label(root: Mapping, shown: str, problems: list[Problem]) -> AreaLabel:
    node = root.entries.get("area_label")
    if node is None:
        return AreaLabel()
    text = node.text.strip() if isinstance(node, Scalar) else ""
    if text and text == " ".join(text.split()):
        return AreaLabel(text)
    message = "'area_label:' should be what one area is called, in a few words."
    fix = "Write it in lower case, e.g. area_label: local authority area"
    problems.append(Problem(shown, node.line, "", "area_label", message, fix))
    return AreaLabel()


def _read_icbs(root: Mapping, shown: str, problems: list[Problem]) -> dict[str, Icb]:
    icbs: dict[str, Icb] = {}
    icb_lines: dict[str, tuple[str, int]] = {}  # by address (the id in lower case): the id and its line
    for node in list_of_records(root, "icbs", shown, problems):
        reader = RecordReader(node, shown, "ICB", ICB_FIELDS, problems)
        reader.check_keys()
        icb_id, name = reader.text("id"), reader.text("name")
        if not icb_id:
            continue
        reader.label = f"ICB '{icb_id}'"
        invalid = (
            f"'{icb_id}' cannot be an ICB id: it becomes the ICB's page address.",
            f"Use letters, digits and hyphens only, e.g. '{slugify(icb_id).upper() or 'NH'}'.",
        )
        if reader.refuses_id("id", icb_id, ICB_ID, invalid):
            continue
        if icb_id.lower() in icb_lines:
            first_id, first_line = icb_lines[icb_id.lower()]
            reader.report(
                "id",
                f"the ICB id '{icb_id}' is already used by '{first_id}' on line {first_line} "
                "(capitals do not make a different page address).",
                "Give each ICB its own id.",
            )
        elif name:
            icbs[icb_id] = Icb(icb_id, name)
            icb_lines[icb_id.lower()] = (icb_id, reader.line_of("id"))
    return icbs


def _read_areas(
    root: Mapping, shown: str, icbs: dict[str, Icb], problems: list[Problem]
) -> tuple[dict[str, Area], set[str]]:
    """The areas without problems, and the names of those refused (their projects need not say so again)."""
    areas: dict[str, Area] = {}
    # What each area must not share with another, and the first area that has it: its name and line.
    name_lines: dict[str, int] = {}
    slug_owners: dict[str, tuple[str, int]] = {}
    tile_owners: dict[tuple[int, int], tuple[str, int]] = {}
    code_owners: dict[str, tuple[str, int]] = {}  # by ONS code, in capitals
    for node in list_of_records(root, "areas", shown, problems):
        name_node = node.entries.get("name")
        label = f"area '{name_node.text}'" if isinstance(name_node, Scalar) else "area"
        reader = RecordReader(node, shown, label, GEOGRAPHY_FIELDS, problems)
        reader.check_keys()
        name, ons_code, icb_id = reader.text("name"), reader.value("ons_code"), reader.text("icb")
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
        if icb_id and icb_id not in icbs:
            reader.report(
                "icb",
                f"'{icb_id}' is not an ICB in 'icbs:'{did_you_mean(icb_id, icbs)}.",
                f"Use one of: {one_of(icbs)}.",
            )
        slug = _area_slug(reader, name)
        line = reader.line_of("name")
        if name and name in name_lines:
            reader.report(
                "name",
                f"'{name}' is listed twice: it is already the area on line {name_lines[name]}.",
                "Delete one of the two records, or correct its name.",
            )
        elif slug and slug in slug_owners:
            other, other_line = slug_owners[slug]
            reader.report(
                "name",
                f"'{name}' would have the same page address as '{other}' on line {other_line} (boroughs/{slug}/).",
                "Rename one of them, or give one a 'slug:' of its own.",
            )
        elif row and col and (row, col) in tile_owners:
            other, other_line = tile_owners[(row, col)]
            reader.report(
                "tile_grid",
                f"row {row}, column {col} is already the tile of '{other}' on line {other_line}: "
                "one tile would hide the other.",
                "Give each area a tile of its own.",
            )
        elif ons_code and ons_code.upper() in code_owners:
            other, other_line = code_owners[ons_code.upper()]
            reader.report(
                "ons_code",
                f"'{ons_code}' is already the ONS code of '{other}' on line {other_line}: open data would give "
                "two areas one code.",
                "Check each area's code in the ONS list: each area has its own.",
            )
        if name:
            name_lines.setdefault(name, line)
        if slug:
            slug_owners.setdefault(slug, (name or "", line))
        if row and col:
            tile_owners.setdefault((row, col), (name or "", line))
        if ons_code:
            code_owners.setdefault(ons_code.upper(), (name or "", reader.line_of("ons_code")))
        if len(problems) == before and name and slug and ons_code and icb_id and row and col:
            areas[name] = Area(name, slug, ons_code, icbs[icb_id], row, col)
    return areas, set(name_lines) - set(areas)


def _tile(reader: RecordReader) -> RecordReader | None:
    """A reader of the area's `tile_grid` (its row and column), its keys checked; None when it has none."""
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
    """The area's page address: its own `slug`, else made from its name; refused when neither
    gives one (a name in another script has no Latin letters to make it from)."""
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
