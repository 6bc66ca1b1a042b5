"""A record's `sources:`: the page that states each fact, each address checked; a fact in
SOURCED_BY_ITEM (the outcomes) may have one address per item instead."""

from __future__ import annotations

from showcase.fields import SOURCE, SOURCED_BY_ITEM
from showcase.loading.records import KIND_NAMES, RecordReader
from showcase.problems import did_you_mean
from showcase.reading.placeholders import placeholder_left
from showcase.reading.slips import note_after_value, slip
from showcase.reading.source import Mapping, Scalar, Sequence, duplicate_key_problems

# A fact's source: one address, or (a fact in SOURCED_BY_ITEM) one address per item, in order.
FactSource = str | tuple[str, ...]


def read_sources(
    reader: RecordReader, unconfirmed: frozenset[str]
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Each fact's address (facts marked unconfirmed have none), and the outcomes' one per outcome (else ())."""
    record = reader.label.split()[0]  # "project" or "cohort"
    found: list[tuple[str, FactSource]] = []
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
            found.append((fact, address))
    one = tuple((fact, address) for fact, address in found if isinstance(address, str))
    by_item = next((address for fact, address in found if fact == "outcomes" and isinstance(address, tuple)), ())
    return one, by_item


def _facts_and_addresses(reader: RecordReader, key: str) -> tuple[tuple[str, FactSource, int], ...]:
    """Each `fact: address` line's fact, address (or addresses) and line."""
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
    found: list[tuple[str, FactSource, int]] = []
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
        if isinstance(value, Sequence) and fact in SOURCED_BY_ITEM:
            if (addresses := _item_addresses(reader, key, fact, value, line)) is not None:
                found.append((fact, addresses, line))
            continue
        if not isinstance(value, Scalar):
            items = value.items if isinstance(value, Sequence) else []
            kept = next(
                (item.text.strip() for item in items if isinstance(item, Scalar) and item.text.strip()), "https://..."
            )
            reader.report(
                key,
                f"the source of '{fact}' should be one web address, but found {KIND_NAMES[type(value)]}.",
                f"Give the one page that states it, e.g. {fact}: {kept}",
                line=line,
            )
            continue
        if (address := _checked_address(reader, key, value, f"'{fact}'", f"{fact}: ", line)) is not None:
            found.append((fact, address, line))
    return tuple(found)


def _item_addresses(reader: RecordReader, key: str, fact: str, value: Sequence, line: int) -> tuple[str, ...] | None:
    """A list fact's addresses, one per item in order; None when any is wrong or the count differs."""
    item_name = fact.removesuffix("s")  # "outcome"
    addresses: list[str] = []
    for number, item in enumerate(value.items, start=1):
        what = f"{item_name} {number}"
        if not isinstance(item, Scalar):
            reader.report(
                key,
                f"the source of {what} should be one web address, but found {KIND_NAMES[type(item)]}.",
                f"Give the one page that states {what}, e.g. - https://...",
                line=item.line,
            )
        elif (address := _checked_address(reader, key, item, what, "", item.line)) is not None:
            addresses.append(address)
    items = reader.node.entries.get(fact)
    wanted = len(items.items) if isinstance(items, Sequence) else len(value.items)
    # A list whose layout was refused already (an item that lost its '- ') is not counted again.
    slipped = any(problem.record == reader.label and problem.field == fact for problem in reader.problems)
    if len(value.items) != wanted and not slipped:
        first = next((item.text.strip() for item in value.items if isinstance(item, Scalar)), "") or "https://..."
        given = "1 source" if len(value.items) == 1 else f"{len(value.items)} sources"
        reader.report(
            key,
            f"'{fact}' has {given} but the {reader.label.split()[0]} has {wanted} {fact if wanted != 1 else item_name}.",
            f"Give one address for each {item_name}, in the {fact}' order (the first is the first {item_name}'s "
            f"page), or one address for them all: {fact}: {first}",
            line=line,
        )
        return None
    return tuple(addresses) if len(addresses) == wanted else None


def _checked_address(reader: RecordReader, key: str, value: Scalar, what: str, written: str, line: int) -> str | None:
    """The address in `value` (the source of `what`, written `written` + address), or None (reported)."""
    address = value.text.strip()
    if value.note:
        reader.report(key, *note_after_value(value), line=value.end_line)
    elif not address:
        reader.report(
            key,
            f"the source of {what} is empty.",
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
            f"the source of {what}, '{address}', is not a web address starting https://.",
            _https_fix(written, address),
            line=line,
        )
    else:
        return address
    return None


def _https_fix(written: str, address: str) -> str:
    """How to make the editor's address linkable, keeping their own text."""
    if address.startswith("http://"):
        return (
            f"Write it as {written}https://{address.removeprefix('http://')} if the page opens at that address; "
            "if it does not, leave the fact without a source."
        )
    if " " not in address and "." in address.split("/")[0] and "://" not in address:
        return f"Write it as {written}https://{address}"
    return "Copy the whole address of the page that states the fact from the browser, starting https://"
