"""A record's `sources:`: the page that states each fact, for the facts a record may source
(fields.py's SOURCED_PROJECT_FIELDS and SOURCED_COHORT_FIELDS), each address checked and each
fact one the record has."""

from __future__ import annotations

from showcase.fields import SOURCE
from showcase.loading.records import KIND_NAMES, RecordReader
from showcase.problems import did_you_mean
from showcase.reading.placeholders import placeholder_left
from showcase.reading.slips import note_after_value, slip
from showcase.reading.source import Mapping, Scalar, Sequence, duplicate_key_problems


def read_sources(reader: RecordReader, record: str, unconfirmed: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The record's `sources:`, each for a fact the record has and that is not marked
    unconfirmed ("(unconfirmed)" says that no source states the fact)."""
    sources = []
    # A misspelt field (`outcome:`) is reported already, with its fix: its source is not wrong too.
    misspelt = {key for key in reader.node.entries if key not in reader.fields}
    for fact, address, line in _facts_and_addresses(reader, "sources"):
        if fact not in reader.node.entries and any(did_you_mean(key, [fact]) for key in misspelt):
            continue
        if fact not in reader.node.entries:
            reader.report(
                "sources",
                f"'{fact}' has a source, but the {record} has no '{fact}'.",
                f"Add the field '{fact}', or delete this line.",
                line=line,
            )
        elif fact in unconfirmed:
            reader.report(
                "sources",
                f"'{fact}' has a source but is also marked unconfirmed, which says no source states it.",
                f"If the page states it, remove '{fact}' from 'unconfirmed'; if it does not, delete this line.",
                line=line,
            )
        else:
            sources.append((fact, address))
    return tuple(sources)


def _facts_and_addresses(reader: RecordReader, key: str) -> tuple[tuple[str, str, int], ...]:
    """A set of `fact: address` lines (the field's `keys` say which facts): each fact with
    its address and line. The caller checks that the record has each fact."""
    node = reader.node.entries.get(key)
    if node is None:
        return ()
    spec = reader.fields[key]
    first = spec.keys[0]
    if not isinstance(node, Mapping):
        # An address with no fact named: keep it, and say which fact it could be.
        typed = node.text.strip() if isinstance(node, Scalar) else ""
        reader.report(
            key,
            f"expected a set of lines 'fact: address' ({spec.kind}) but found {KIND_NAMES[type(node)]}.",
            f"Put each fact's name before its address, one per line indented under '{key}:', "
            f"e.g. {key}: {{{first}: {typed or 'https://...'}}}",
        )
        return ()
    reader.problems.extend(duplicate_key_problems(node, reader.file, f"{reader.label}, {key}", None))
    found = []
    for fact, value in node.entries.items():
        line = node.key_lines.get(fact, node.line)
        if fact not in spec.keys:
            reader.report(
                key,
                f"'{fact}' is not a fact a source can be given for{did_you_mean(fact, spec.keys)}.",
                f"Rename it to one of: {', '.join(spec.keys)}.",
                line=line,
            )
            continue
        if not isinstance(value, Scalar):
            items = value.items if isinstance(value, Sequence) else []
            kept = next(
                (item.text.strip() for item in items if isinstance(item, Scalar) and item.text.strip()),
                "https://...",
            )
            reader.report(
                key,
                f"the source of '{fact}' should be one web address, but found {KIND_NAMES[type(value)]}.",
                f"Give the one page that states it, e.g. {fact}: {kept}",
                line=line,
            )
            continue
        address = value.text.strip()
        if value.note:
            reader.report(key, *note_after_value(value), line=value.end_line)
        elif not address:
            reader.report(
                key,
                f"the source of '{fact}' is empty.",
                "Add the address of the page that states it, or delete the line.",
                line=line,
            )
        elif found_slip := slip(address):
            reader.report(key, *found_slip, line=line)
        elif left := placeholder_left(address):
            reader.report(key, *left[:2], line=line)
        elif not SOURCE.match(address):
            reader.report(
                key,
                f"the source of '{fact}', '{address}', is not a web address starting https://.",
                _https_fix(fact, address),
                line=line,
            )
        else:
            found.append((fact, address, line))
    return tuple(found)


def _https_fix(fact: str, address: str) -> str:
    """How to make the editor's address one the site can link: their own text, completed."""
    if address.startswith("http://"):
        return (
            f"Write it as {fact}: https://{address.removeprefix('http://')} if the page opens at that address; "
            "if it does not, leave the fact without a source."
        )
    if " " not in address and "." in address.split("/")[0] and "://" not in address:
        return f"Write it as {fact}: https://{address}"
    return "Copy the whole address of the page that states the fact from the browser, starting https://"
