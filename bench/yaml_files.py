"""YAML as the repository writes it: the synthetic data file, and mkdocs.yml (with the showcase.yml
it inherits) copied with its tags.

The synthetic data/projects.yaml should look like the real one (Markdown as a `|` block, short
lists on one line), and the plain twin's mkdocs.yml is the repository's with a few keys taken
out, so its `!ENV` and `!!python/name:` tags are read and written back unchanged.
"""

from __future__ import annotations

from pathlib import Path

import mergedeep
import yaml


class _Dumper(yaml.SafeDumper):
    """Writes YAML the way the real data file looks: Markdown as a `|` block, short lists of
    text on one line (`boroughs: [Camden]`)."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


def _represent_list(dumper: yaml.SafeDumper, items: list) -> yaml.Node:
    flow = all(isinstance(item, str) and len(item) < 40 for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


class _Tagged(str):
    """A tagged scalar of mkdocs.yml (`!!python/name:...`), written back as it was."""

    tag = ""


class _TaggedList(list):
    """A tagged list of mkdocs.yml (`!ENV [NAME, default]`), written back as it was."""

    tag = ""


class _ConfigLoader(yaml.SafeLoader):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    value: _Tagged | _TaggedList
    if isinstance(node, yaml.ScalarNode):
        value = _Tagged(node.value)
    elif isinstance(node, yaml.SequenceNode):
        value = _TaggedList(loader.construct_sequence(node, deep=True))
    else:
        raise yaml.constructor.ConstructorError(None, None, f"cannot copy the tag {node.tag}", node.start_mark)
    value.tag = node.tag
    return value


_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(_Tagged, lambda dumper, value: dumper.represent_scalar(value.tag, str(value)))
_Dumper.add_representer(
    _TaggedList, lambda dumper, value: dumper.represent_sequence(value.tag, list(value), flow_style=True)
)


def load_config(project: Path, name: str = "mkdocs.yml") -> dict:
    """A MkDocs project's mkdocs.yml, merged over the file it names in `INHERIT` (the kit's
    showcase.yml) as MkDocs merges them, its tagged values kept to be written back as they were."""
    config = yaml.load((project / name).read_text(encoding="utf-8"), Loader=_ConfigLoader)
    if parent := config.pop("INHERIT", None):
        config = mergedeep.merge(load_config(project, str(Path(name).parent / parent)), config)
    return config


def dump_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
