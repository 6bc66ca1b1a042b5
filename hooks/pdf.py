"""The showcase's PDFs (showcase/pdf/), made from the same model as the pages.

The pages show each PDF's size in its link ("PDF, 84 KB"), so the PDFs must exist when MkDocs
renders them, right after on_env: on_files plans them and starts rendering what the cache lacks
while MkDocs converts the Markdown; on_env waits, stops the build before any page is written if
one failed, and gives templates `pdf_download(...)`. Each PDF joins the site as a generated file
backed by its cached copy. `mkdocs serve` makes none unless SHOWCASE_PDF=1, so the preview stays
fast; SHOWCASE_PDF=0 turns them off for any build.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateError, pass_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils.templates import url_filter

from showcase.build_state import build_state
from showcase.file_cache import release_cache_locks
from showcase.pdf import (
    PackDocument,
    PdfRenderError,
    PdfSettings,
    RenderReport,
    Subject,
    earlier_paths,
    plan_documents,
    start_rendering,
)
from showcase.pictures.copies import CACHE_DIR as PICTURE_CACHE_DIR
from showcase.reading.load_files import PROJECTS_FILE
from showcase.reading.safe_html import plain_text
from showcase.wording.as_of import as_of_time
from showcase.wording.finder import selection_packs

log = logging.getLogger("mkdocs.plugins.showcase.pdf")

SWITCH = "SHOWCASE_PDF"  # 1: make PDFs, even under `mkdocs serve`; 0: never; unset: not under serve
CACHE_DIR = Path(".cache") / "showcase-pdf"

_command = "build"  # which command this process runs: MkDocs says once, in on_startup


@dataclass(frozen=True)
class DownloadLink:
    """What partials/showcase/download-link.html shows."""

    url: str  # relative to the page
    text: str
    kind: str
    size: str  # e.g. "84 KB"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    switch = os.environ.get(SWITCH, "")
    if switch not in ("", "0", "1"):
        raise PluginError(
            f"{SWITCH} is '{switch}'. Set it to 1 to make the PDFs (even under `mkdocs serve`), "
            "to 0 to skip them, or leave it unset (PDFs for `mkdocs build`, none for `mkdocs serve`)."
        )
    build_state(config).pdf_on = switch == "1" or (switch == "" and _command != "serve")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert config.theme.custom_dir is not None  # mkdocs.yml's theme.custom_dir, the kit's theme/
    print_dir = Path(config.theme.custom_dir) / "print"
    # The print templates, CSS and fonts are inputs to the PDFs, not part of the website.
    for file in [f for f in files if f.abs_src_path and Path(f.abs_src_path).is_relative_to(print_dir)]:
        files.remove(file)
    state = build_state(config)
    programme = state.programme
    if programme is None:  # a preview of content with problems (hooks/data.py)
        return files
    if not state.pdf_on:
        log.info(
            f"Showcase PDFs: not made under `mkdocs serve` (set {SWITCH}=1 to make them)."
            if _command == "serve"
            else f"Showcase PDFs: not made ({SWITCH}=0)."
        )
        return files
    root = Path(config.config_file_path).parent
    settings = PdfSettings(
        print_dir=print_dir,
        cache_dir=root / CACHE_DIR,
        programme_name=plain_text(config.site_name),
        identity=state.programme_identity,
        projects_file=PROJECTS_FILE,
        created=as_of_time(state.data_as_of),
        pictures=state.pictures,  # made by hooks/pictures.py, which runs before this hook
        picture_dir=root / PICTURE_CACHE_DIR,
        site_url=config.site_url,
    )
    try:
        documents = plan_documents(programme, settings)
    except TemplateError as error:
        raise PluginError(_template_problem(error, print_dir.relative_to(root))) from None
    # A pack's file in the cache is known once its parts are rendered: on_env sets it.
    for document in documents:
        for path in (document.path, *earlier_paths(document)):
            files.append(File.generated(config, path, abs_src_path=str(settings.cache_dir / "pending.pdf")))
    state.pdf_rendering = start_rendering(documents, settings)
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    report = _finish(config)
    for pdf in report.pdfs if report else ():
        for path in (pdf.document.path, *earlier_paths(pdf.document)):
            file = files.get_file_from_path(path)
            assert file is not None, path  # on_files added every PDF
            file.abs_src_path = str(pdf.file)

    @pass_context
    def pdf_download(context, subject: Subject = None) -> DownloadLink | None:
        """A project's snapshot, the pack of a cohort, theme, area or ICB, or (no argument) the
        programme's; None when there is none."""
        pdf = report.for_subject(subject) if report else None
        if pdf is None:
            return None
        file = files.get_file_from_path(pdf.document.path)
        assert file is not None, pdf.document.path  # on_files added every PDF
        return DownloadLink(url_filter(context, file.url), pdf.document.link_text, "PDF", pdf.size_label)

    @pass_context
    def finder_packs(context) -> dict[str, dict[str, dict[str, str]]]:
        """The packs the finder offers when its filters equal one theme, area, ICB or cohort."""
        if report is None:
            return {}
        links = []
        for pdf in report.pdfs:
            document = pdf.document
            if isinstance(document, PackDocument) and document.subject is not None:
                link = pdf_download(context, document.subject)
                assert link is not None
                links.append((document.subject, link.url, f"{link.text} ({link.kind}, {link.size})"))
        return selection_packs(links)

    env.globals["pdf_download"] = pdf_download
    env.globals["finder_packs"] = finder_packs
    return env


def on_post_build(config: MkDocsConfig) -> None:
    rendering = build_state(config).pdf_rendering
    if rendering is not None:
        rendering.release()


def on_build_error(error: Exception) -> None:
    # MkDocs gives this event no config: release every lock this process holds.
    release_cache_locks()


def _template_problem(error: TemplateError, print_dir: Path) -> str:
    name = getattr(error, "name", None)
    line = getattr(error, "lineno", None)
    where = f"{(print_dir / name).as_posix()}:{line}" if name and line else print_dir.as_posix()
    return f"{where}: the PDFs' template has a problem: {(error.message or str(error)).rstrip('.')}. Fix it, then build again."


def _finish(config: MkDocsConfig) -> RenderReport | None:
    rendering = build_state(config).pdf_rendering
    if rendering is None:
        return None
    try:
        report = rendering.finish()
    except PdfRenderError as error:
        raise PluginError(f"The showcase's PDFs could not be made: {error}") from None
    for problem in report.problems:
        log.warning(str(problem))
    unchanged = len(report.pdfs) - len(report.rendered)
    log.info(
        f"Showcase PDFs: rendered {len(report.rendered)} of {len(report.pdfs)} "
        f"({unchanged} unchanged, from {CACHE_DIR.as_posix()}/) in {report.seconds:.1f} s; {_assembled(report)}"
    )
    return report


def _assembled(report: RenderReport) -> str:
    """Which packs this build assembled: after a change, those that hold the changed record."""
    packs = sum(isinstance(pdf.document, PackDocument) for pdf in report.pdfs)
    assembled = [pdf.document.path for pdf in report.assembled]
    if not assembled:
        return "no pack assembled"
    return f"every pack assembled ({packs})" if len(assembled) == packs else f"packs assembled: {', '.join(assembled)}"
