"""Build stage 1 (on_config): load and check the programme's data before anything is built.

Every problem in the comms team's files is reported at once; the build then stops before it
writes a single page, so a broken edit never produces half a site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from showcase.load import ProgrammeSources, load_programme
from showcase.problems import ContentProblems


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    sources = ProgrammeSources(
        root=root.resolve(),
        docs_dir=Path(config.docs_dir),
        projects_file=root / "data" / "projects.yaml",
        geography_file=root / "data" / "geography.yaml",
    )
    try:
        # Kept on this build's config, not on the module: `mkdocs serve` imports hooks once.
        config["showcase_programme"] = load_programme(sources)
    except ContentProblems as problems:
        raise PluginError(problems.report()) from None
    return config
