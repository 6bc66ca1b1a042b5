"""Write a synthetic Showcase with N projects, and a plain-MkDocs twin of the same pages.

    python bench/synthetic.py N DEST [--repo PATH] [--seed 2023]

writes two MkDocs projects:

- DEST/showcase/: the real project (mkdocs.yml and showcase.yml, hooks/, theme/, content/ without the real
  narratives, data/geography.yaml, all copied from the repository) with a data/projects.yaml of
  N valid synthetic projects of realistic size (a summary of about 300 words, 3 outcomes,
  2 quotes, 1-2 boroughs each), and a narrative in content/projects/ for every 25th of them.
- DEST/plain/: the same pages, written out as plain Markdown: the repository's mkdocs.yml
  without hooks, custom_dir, extra_css, extra_javascript and watch (same theme, nav, plugins and
  markdown_extensions), and one Markdown page per page of the showcase (bench/plain_twin.py), holding
  the same facts (the project finder becomes lists of links and a table).

The output depends only on N, the seed and the repository's files: two runs write the same bytes.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

from plain_twin import write_plain
from repository import REPO
from synthetic_records import NARRATIVE_EVERY, THEMES, make_projects, narrative
from yaml_files import dump_yaml


def write_showcase(dest: Path, repo: Path, projects: list[dict]) -> None:
    dest.mkdir(parents=True)
    for settings in ("showcase.yml", "mkdocs.yml"):  # the kit's settings, and the programme's over them
        shutil.copy2(repo / settings, dest / settings)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(repo / "hooks", dest / "hooks", ignore=ignore)
    shutil.copytree(repo / "theme", dest / "theme", ignore=ignore)
    # The content without the real narratives: they belong to the real projects' slugs.
    shutil.copytree(
        repo / "content",
        dest / "content",
        ignore=lambda folder, names: [
            n
            for n in names
            if Path(folder).name == "projects" and Path(folder).parent == repo / "content" and n != "index.md"
        ],
    )
    (dest / "data").mkdir()
    shutil.copy2(repo / "data" / "geography.yaml", dest / "data" / "geography.yaml")
    text = "# Synthetic projects for the benchmark (bench/synthetic.py). Not real data.\n" + dump_yaml(
        {"themes": THEMES, "projects": projects}
    )
    (dest / "data" / "projects.yaml").write_text(text, encoding="utf-8")
    (dest / "content" / "projects").mkdir(exist_ok=True)
    for i, project in enumerate(projects):
        if i % NARRATIVE_EVERY == 0:
            (dest / "content" / "projects" / f"{project['slug']}.md").write_text(narrative(project), encoding="utf-8")


def generate(count: int, dest: Path, repo: Path = REPO, seed: int = 2023) -> tuple[Path, Path]:
    """Write dest/showcase and dest/plain for `count` projects; returns the two folders."""
    geography = yaml.safe_load((repo / "data" / "geography.yaml").read_text(encoding="utf-8"))
    projects = make_projects(count, [area["name"] for area in geography["areas"]], seed)
    write_showcase(dest / "showcase", repo, projects)
    # The twin is written from the showcase just written, as the domain's loader reads it.
    write_plain(dest / "plain", dest / "showcase")
    return dest / "showcase", dest / "plain"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many projects")
    parser.add_argument("dest", type=Path, help="an empty or missing folder")
    parser.add_argument("--repo", type=Path, default=REPO, help="the Showcase repository to copy (default: this one)")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    if args.dest.exists() and any(args.dest.iterdir()):
        parser.error(f"{args.dest} is not empty")
    showcase, plain = generate(args.count, args.dest, args.repo.resolve(), args.seed)
    print(f"wrote {showcase} and {plain}")


if __name__ == "__main__":
    main()
