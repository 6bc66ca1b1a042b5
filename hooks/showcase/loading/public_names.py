"""The names a programme gives an area and a group (geography.yaml's `names: {area: borough,
group: icb}`, else `area` and `group`) in the editors' fields, page folders, the finder's query keys
and the open data. Each is one lower-case word that, with its plural, nothing else uses.
"""

from __future__ import annotations

import re
from dataclasses import replace

from showcase.fields import GEOGRAPHY_FIELDS, PROJECT_FIELDS, FieldKind, FieldSpec
from showcase.loading.records import RecordReader
from showcase.model import Names
from showcase.problems import Problem
from showcase.reading.source import Mapping

NAMES_KEY = "names"
# The areas' field in fields.py's table and in the model (`Project.boroughs`): the editors and the
# open data see it under the programme's name (`Names.areas`).
AREAS_FIELD = "boroughs"
# An area's group in fields.py's area table and in the model (`Area.icb`): the geography names it
# under the programme's name for a group (`Names.group`) and lists the groups under its plural.
GROUP_FIELD = "icb"
NAME_FIELDS: dict[str, FieldSpec] = {
    key: FieldSpec(
        FieldKind.TEXT, False, f"One {key}'s name in addresses, query keys and field names; its plural adds 's'.", key
    )
    for key in ("area", "group")
}
_WORD = re.compile(r"^[a-z]{2,30}$")
_FIX = "Write one lower-case word for each, e.g. names: {area: district, group: board}, or delete the line for area and group."
# What a name or its plural would clash with: the site's other page folders and files at its top
# level, the finder's other query keys, and the projects' other fields.
_TAKEN = frozenset(
    {"projects", "cohorts", "themes", "downloads", "data", "assets", "images", "search", "sources"}
    | {"accessibility", "licence", "privacy"}
    | {"theme", "cohort", "q", "sort", "name", "relevance"}
    | (set(PROJECT_FIELDS) - {AREAS_FIELD})
)


def read_names(root: Mapping, shown: str, problems: list[Problem]) -> Names:
    """The programme's names, or the neutral ones if it gives none or one is refused."""
    node = root.entries.get(NAMES_KEY)
    if node is None:
        return Names()
    if not isinstance(node, Mapping):
        problems.append(Problem(shown, node.line, "", NAMES_KEY, "expected the fields area and group.", _FIX))
        return Names()
    reader = RecordReader(node, shown, NAMES_KEY, NAME_FIELDS, problems)
    reader.check_keys()
    chosen = {key: reader.text(key) or getattr(Names(), key) for key in NAME_FIELDS}
    refused = False
    for key, word in chosen.items():
        other = chosen["group" if key == "area" else "area"]
        if not _WORD.match(word):
            reader.report(key, f"'{word}' cannot be a name in addresses: it should be one lower-case word.", _FIX)
        elif clash := sorted({word, f"{word}s"} & (_TAKEN | {other, f"{other}s"})):
            reader.report(
                key,
                f"'{word}' would give addresses or fields named '{clash[0]}', which the site already uses.",
                _FIX,
            )
        else:
            continue
        refused = True
    return Names() if refused else Names(**chosen)


def project_fields(names: Names) -> dict[str, FieldSpec]:
    """The projects' field table as the editors write it: the areas' field under its name."""
    return {
        editors_field(key, names): replace(spec, keys=tuple(editors_field(fact, names) for fact in spec.keys))
        for key, spec in PROJECT_FIELDS.items()
    }


def editors_field(field: str, names: Names) -> str:
    return names.areas if field == AREAS_FIELD else field


def model_field(field: str, names: Names) -> str:
    return AREAS_FIELD if field == names.areas else field


def geography_fields(group: str) -> dict[str, FieldSpec]:
    """The areas' field table with an area's group under the name `group`."""
    return {group if key == GROUP_FIELD else key: spec for key, spec in GEOGRAPHY_FIELDS.items()}


def other_group_names(names: Names) -> tuple[str, ...]:
    """What other programmes call a group (the kit's field name, the neutral name), less this one's."""
    return tuple(word for word in dict.fromkeys((GROUP_FIELD, Names().group)) if word != names.group)
