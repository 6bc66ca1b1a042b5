"""The comms team's commands: check the content, add a project, add a cohort.

    scripts/check                 check every file, as the build does, without building
    scripts/new-project ...       add a project record (and optionally its narrative file)
    scripts/new-cohort ...        add a cohort file
    scripts/gaps [--csv FILE]     list, per project, what visitors look for and is missing

Each prints the same messages the build prints, so what an editor learns in one place holds in
the other.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from showcase.editors.gaps import gaps_csv, gaps_report, site_gaps
from showcase.editors.scaffold import ScaffoldError, cohort_file, insert_project, narrative_file, write_new
from showcase.identity import IdentityProblems, ProgrammeIdentity, load_identity
from showcase.loading.addresses import Published, lost_addresses, read_published
from showcase.loading.load import SLUG, ProgrammeSources, load_programme, slugify
from showcase.loading.markdown_citations import unstated_in_pages
from showcase.loading.schema import cohort_schema, projects_schema, schema_text
from showcase.loading.source_texts import SOURCES_FOLDER, identity_unstated, read_source_texts, unstated
from showcase.model import Programme
from showcase.pdf import font_problems
from showcase.problems import ContentProblems, Problem, did_you_mean, visible
from showcase.reading.load_files import PROJECTS_FILE
from showcase.reading.placeholders import PLACEHOLDER
from showcase.reading.setting_lines import SettingProblem, SettingsFiles, read_settings_files
from showcase.reading.settings import settings_problems
from showcase.wording.legal import unconfirmed_notes
from showcase.wording.provenance import git_output
from showcase.wording.text import plural

SCHEMA_DIR = Path("data") / "schema"
CONFIG_FILE = "mkdocs.yml"
PRINT_DIR = Path("theme") / "print"  # the PDFs' templates and fonts (mkdocs.yml's custom_dir is theme/)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="showcase", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="check every content file without building the site")
    checking.set_defaults(run=check)
    project = commands.add_parser("new-project", help="add a project to data/projects.yaml")
    project.add_argument("--name", required=True, help="the project's name as the programme publishes it")
    project.add_argument("--cohort", required=True, help="the cohort id, e.g. 2022-23")
    project.add_argument("--theme", required=True, help="the theme id, e.g. access")
    project.add_argument("--aim", required=True, help="the aim, word for word")
    project.add_argument("--slug", help="the page address (default: made from the name)")
    project.add_argument("--narrative", action="store_true", help="also create content/projects/<slug>.md")
    project.set_defaults(run=new_project)
    cohort = commands.add_parser("new-cohort", help="add a cohort file in content/cohorts/")
    cohort.add_argument("id", help="the cohort id, e.g. 2024-25")
    cohort.add_argument("--title", required=True, help="e.g. '2024/25 cohort'")
    cohort.set_defaults(run=new_cohort)
    gaps = commands.add_parser("gaps", help="list, per project, what visitors look for and is missing")
    gaps.add_argument("--csv", type=Path, help="also write the list as a CSV file for a spreadsheet, e.g. gaps.csv")
    gaps.set_defaults(run=report_gaps)
    args = parser.parse_args(argv)
    return args.run(args.root.resolve(), args)


def check(root: Path, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        sources, settings, notes, identity = read_settings(root)
        try:
            programme = load_programme(sources)
        except ContentProblems as problems:
            raise ContentProblems(settings + problems.problems) from None
        # What the PDFs would warn about (which fails the strict build), found without rendering.
        if found := settings + font_problems(programme, root / PRINT_DIR, PROJECTS_FILE):
            raise ContentProblems(found)
        # Each sourced value is stated by its source's stored text (source_texts.py): refused here,
        # so content the check accepts passes the sources test a pull request's CI runs on it.
        if found := source_problems(sources, programme, identity):
            raise ContentProblems(found)
        # No address the published site has may vanish (addresses.py): compared from git's history.
        published = read_published(sources)
        if isinstance(published, Published) and identity is not None:
            published = _another_programmes(root, published, identity.name) or published
        if isinstance(published, Published) and (lost := lost_addresses(programme, published, sources)):
            raise ContentProblems(lost)
    except ContentProblems as problems:
        print(problems.report(), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            # Also on the pull request's changed lines, where the reviewer and the editor look.
            print("\n".join(workflow_annotation(problem) for problem in problems.problems))
        return 1
    refresh_editor_schemas(root, programme)
    for note in [*notes, *([published] if isinstance(published, str) else [])]:
        print(f"Note: {note}")
    print(
        f"All good: {plural(len(programme.projects), 'project')}, {plural(len(programme.cohorts), 'cohort')} and "
        f"{plural(len(programme.themes), 'theme')} checked in {time.perf_counter() - started:.2f} s."
    )
    return 0


def read_settings(root: Path) -> tuple[ProgrammeSources, list[Problem], list[str], ProgrammeIdentity | None]:
    """The content's folders as mkdocs.yml names them, what the build refuses in it (the
    identity, the other settings a programme sets), the notes to confirm before publishing
    (each setting of the legal pages not yet set: wording/legal.py's TO_CONFIRM) and the identity
    (None when it has a problem). Read by MkDocs' own loader (INHERIT, !ENV), so that the check
    and the build agree."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with (root / CONFIG_FILE).open("rb") as file:
            settings = yaml_load(file)
    except (OSError, ConfigurationError) as error:
        unread = Problem(CONFIG_FILE, 0, "", "", f"the settings cannot be read: {error}", "Fix the file.")
        return ProgrammeSources.in_folder(root), [unread], [], None
    written = read_settings_files(root / CONFIG_FILE)  # where each setting is written, and its text's problems
    problems = written.problems + written.located(settings_problems(settings, root))
    theme = settings["theme"] if isinstance(settings.get("theme"), dict) else {}
    docs_dir, custom_dir = settings.get("docs_dir"), theme.get("custom_dir")
    sources = ProgrammeSources.in_folder(
        root, docs_dir if isinstance(docs_dir, str) else "docs", custom_dir if isinstance(custom_dir, str) else None
    )
    extra = settings["extra"] if isinstance(settings.get("extra"), dict) else {}
    try:
        identity = load_identity(extra.get("programme"), CONFIG_FILE)
    except IdentityProblems as found:
        return sources, problems + written.located(found.found), [], None
    return sources, problems, [_at_its_setting(written, note) for note in unconfirmed_notes(identity)], identity


def _another_programmes(root: Path, published: Published, name: str) -> str | None:
    """A note when what the default branch published is another programme's (its settings name
    another `extra.programme.name`): a programme that has just copied the kit has published none
    of the first programme's addresses, so it has none of them to keep."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    commit = (git_output(root, "merge-base", "HEAD", published.branch) or "").strip()
    text = git_output(root, "show", f"{commit}:./{CONFIG_FILE}") if commit else None
    try:
        settings = yaml_load(text) if text else {}  # from a string: its own settings, INHERIT left unread
    except (ConfigurationError, ValueError):
        return None
    extra = settings.get("extra") if isinstance(settings, dict) else None
    programme = extra.get("programme") if isinstance(extra, dict) else None
    was = programme.get("name") if isinstance(programme, dict) else None
    if not isinstance(was, str) or was == name:
        return None
    return (
        f"the addresses were not compared with the published site: {published.branch} published another "
        f"programme ({was}), so none of its addresses are this one's to keep. Once this programme is published "
        "there, each of its addresses is checked."
    )


def _at_its_setting(written: SettingsFiles, note: str) -> str:
    """A note at the file and line of the setting it names first ("extra.programme.host is not
    set ..."), or, when that is not written, of the mapping it would go under (`programme:`): where
    the editor confirms it."""
    file, line = written.where(tuple(note.split(" ", 1)[0].split(".")))
    return f"{file}:{line}: {note}" if line else f"{file}: {note}"


def source_problems(
    sources: ProgrammeSources, programme: Programme, identity: ProgrammeIdentity | None
) -> list[Problem]:
    """Each sourced value its source's stored text (data/sources/) does not state, on its record,
    each claim of the settings (who launched the programme, its status) its page does not state,
    and each figure a Markdown page cites that no page it cites states, at its line."""
    texts = read_source_texts(sources.root / SOURCES_FOLDER)
    claims = [
        SettingProblem(
            (*found.owner.split("."), found.field), f"{found.owner}.{found.field}: {found.message} {found.fix}"
        )
        for found in (identity_unstated(identity, texts) if identity else [])
    ]
    where = {f"project '{project.slug}'": (PROJECTS_FILE, project.source_line) for project in programme.projects}
    where |= {f"cohort '{cohort.id}'": (cohort.source_file, 0) for cohort in programme.cohorts}
    return (
        [
            Problem(*where.get(found.owner, (PROJECTS_FILE, 0)), found.owner, found.field, found.message, found.fix)
            for found in unstated(programme, texts)
        ]
        + read_settings_files(sources.root / CONFIG_FILE).located(claims)
        + unstated_in_pages(sources, texts)
    )


def workflow_annotation(problem: Problem) -> str:
    """The problem as GitHub Actions' `::error` command, shown at the file's line in the pull
    request. Escaped as GitHub's toolkit (@actions/core) escapes one, so an editor's text cannot
    end the command early or write a command of its own."""
    properties = {"file": problem.file, "line": str(problem.line) if problem.line else "", "title": problem.subject}
    written = ",".join(f"{name}={_escape_property(visible(value))}" for name, value in properties.items() if value)
    return f"::error {written}::{_escape_data(visible(problem.message_and_fix))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def refresh_editor_schemas(root: Path, programme: Programme) -> None:
    """Rewrite the schemas editors' tools read (the ids, areas and cohorts they suggest) when the
    content has changed them, so that help while typing follows every edit."""
    for name, text in (
        ("projects.schema.json", schema_text(projects_schema(programme))),
        ("cohort.schema.json", schema_text(cohort_schema())),
    ):
        path = root / SCHEMA_DIR / name
        if not path.is_file() or path.read_text("utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            print(
                f"Updated {(SCHEMA_DIR / name).as_posix()} (the editor's help): include it when you save your change."
            )


def report_gaps(root: Path, args: argparse.Namespace) -> int:
    """scripts/gaps: the editors' gaps report (gaps.py), printed, and as CSV when asked."""
    sources, _, _, identity = read_settings(root)
    try:
        programme = load_programme(sources)
    except ContentProblems as problems:
        print(
            problems.report() + "\nFix these first (scripts/check): the gaps report needs the content to load.",
            file=sys.stderr,
        )
        return 1
    print(gaps_report(programme, site_gaps(programme, identity, sources.docs_dir, root)), end="")
    if args.csv is not None:
        args.csv.write_text("\ufeff" + gaps_csv(programme), "utf-8", newline="")
        print(f"\nWrote {args.csv}: one row per project, for a spreadsheet.")
    return 0


def new_project(root: Path, args: argparse.Namespace) -> int:
    sources = ProgrammeSources.in_folder(root)
    try:
        programme = load_programme(sources, stories_to_write=True)
    except ContentProblems as problems:
        print(problems.report() + "\nFix these first: nothing was added.", file=sys.stderr)
        return 1
    slug = args.slug or slugify(args.name)
    errors = []
    if not SLUG.match(slug):
        errors.append(f"'{slug}' cannot be a slug: use lower-case letters, digits and hyphens.")
    if slug in {project.slug for project in programme.projects}:
        errors.append(f"a project with the slug '{slug}' already exists: choose another with --slug.")
    cohorts = {cohort.id for cohort in programme.cohorts}
    if args.cohort not in cohorts:
        errors.append(
            f"'{args.cohort}' is not a cohort{did_you_mean(args.cohort, cohorts)}. Use one of: {', '.join(sorted(cohorts))}, or add it with scripts/new-cohort."
        )
    themes = {theme.id for theme in programme.themes}
    if args.theme not in themes:
        errors.append(
            f"'{args.theme}' is not a theme{did_you_mean(args.theme, themes)}. Use one of: {', '.join(sorted(themes))}."
        )
    if errors:
        print("\n".join(errors) + "\nNothing was added.", file=sys.stderr)
        return 1

    original = sources.projects_file.read_bytes()
    values = {"slug": slug, "name": args.name, "cohort": args.cohort, "theme": args.theme, "aim": args.aim}
    try:
        updated = insert_project(original.decode("utf-8"), values, programme.names)
    except ScaffoldError as error:
        print(f"{error} Nothing was added.", file=sys.stderr)
        return 1
    sources.projects_file.write_bytes(updated.encode("utf-8"))
    narrative = sources.docs_dir / "projects" / f"{slug}.md"
    created: list[Path] = []
    try:
        if args.narrative:
            write_new(narrative, narrative_file(args.name))
            created.append(narrative)
        programme = load_programme(sources, stories_to_write=True)
    except (ContentProblems, ScaffoldError) as error:
        # Leave everything as it was, so "Nothing was added" is true.
        sources.projects_file.write_bytes(original)
        for path in created:
            path.unlink()
        print(f"{error}\nNothing was added.", file=sys.stderr)
        return 1
    print(f"Added '{slug}' at the end of data/projects.yaml. Fill in or delete the commented lines.")
    refresh_editor_schemas(root, programme)
    if args.narrative:
        print(
            f"Created {sources.shown(narrative)} for its story: write it in place of the line that starts "
            f"'{PLACEHOLDER}' (scripts/check refuses the page until you do)."
        )
    return 0


def new_cohort(root: Path, args: argparse.Namespace) -> int:
    cohort_id, title = args.id, args.title
    if not SLUG.match(cohort_id):
        print(
            f"'{cohort_id}' cannot be a cohort id: use lower-case letters, digits and hyphens, e.g. 2024-25.",
            file=sys.stderr,
        )
        return 1
    path = ProgrammeSources.in_folder(root).docs_dir / "cohorts" / f"{cohort_id}.md"
    try:
        write_new(path, cohort_file(cohort_id, title))
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"Created content/cohorts/{cohort_id}.md. Fill in its facts and write its story in place of the line that "
        f"starts '{PLACEHOLDER}', then add projects with cohort: {cohort_id}"
    )
    try:
        refresh_editor_schemas(root, load_programme(ProgrammeSources.in_folder(root), stories_to_write=True))
    except ContentProblems:
        pass  # another file has a problem: scripts/check reports it, and refreshes the schema once it is fixed
    return 0


if __name__ == "__main__":
    sys.exit(main())
