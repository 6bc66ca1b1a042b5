"""The pictures' copies (showcase/pictures/) as files of the site.

on_files publishes every record's picture's web copies in place of the committed original, and
any other picture in the docs_dir (a Markdown page's) at its own address without its metadata;
before hooks/pdf.py, whose PDFs embed the print copies. on_env gives templates
`picture_copies(picture, sizes)`. The cache stays locked until the site is written, so a build
sharing it never prunes the files another is copying.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment, pass_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils.templates import url_filter

from showcase.build_state import build_state
from showcase.file_cache import lock_cache, prune_entries, release_cache_locks, unlock_cache
from showcase.model import Picture
from showcase.pictures.copies import CACHE_DIR, PictureOnPage, make_picture_copies, programme_pictures
from showcase.pictures.copy_making import PictureError
from showcase.pictures.page_pictures import make_stripped_copies
from showcase.pictures.picture_files import is_stripped_type
from showcase.reading.markdown_checks import page_links

log = logging.getLogger("mkdocs.plugins.showcase.pictures.copies")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state(config)
    programme = state.programme
    if programme is None:  # a preview of content with problems (hooks/data.py)
        return files
    pictures = programme_pictures(programme)
    docs_dir = Path(config.docs_dir)
    originals = {picture.src for picture in pictures}
    # A record's picture is published as its copies only, unless a Markdown page shows or links
    # the file itself: then that page gets it at its address too, without its metadata.
    linked = _linked_from_pages(files)
    in_pages = sorted(
        (
            file
            for file in files
            if _committed_picture(file, docs_dir) and (file.src_uri not in originals or file.src_uri in linked)
        ),
        key=lambda file: file.src_uri,
    )
    if not pictures and not in_pages:
        return files
    cache_dir = _cache_dir(config)
    cache_dir.mkdir(parents=True, exist_ok=True)
    lock_cache(cache_dir)
    try:
        report = make_picture_copies(pictures, docs_dir, cache_dir, prune=False)
        stripped = make_stripped_copies([file.src_uri for file in in_pages], docs_dir, cache_dir, prune=False)
    except PictureError as error:
        raise PluginError(
            f"The showcase's pictures could not be made:\n{error}\n"
            "Open each file named in a picture viewer and save it again as a JPEG or PNG, or delete it."
        ) from None
    prune_entries(cache_dir, set(report.keys | stripped.keys))
    for file in in_pages:
        without_metadata = stripped.copies[file.src_uri].file
        files.remove(file)
        files.append(File.generated(config, file.src_uri, abs_src_path=str(without_metadata), inclusion=file.inclusion))
    for copies in report.copies.values():
        original = files.get_file_from_path(copies.src)
        if original is not None and copies.src not in linked:
            files.remove(original)
        for copy in copies.site_copies:
            files.append(File.generated(config, copy.path, abs_src_path=str(copy.file)))
    state.pictures = report.copies
    made, total = len(report.made) + len(stripped.made), len(report.copies) + len(stripped.copies)
    log.info(
        f"Showcase pictures: made {made} of {total} ({total - made} unchanged, from {CACHE_DIR.as_posix()}/) "
        f"in {report.seconds + stripped.seconds:.1f} s; {len(stripped.copies)} of them shown by Markdown pages"
    )
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    pictures = build_state(config).pictures

    @pass_context
    def picture_copies(context, picture: Picture | None, sizes: str = "100vw") -> PictureOnPage | None:
        """A picture's copies as this page links them, for its <picture> (None: none made)."""
        copies = pictures.get(picture.src) if picture is not None else None
        if copies is None:
            return None

        def url(path: str) -> str:
            file = files.get_file_from_path(path)
            assert file is not None, path  # on_files added every copy
            return url_filter(context, file.url)

        return copies.on_page(url, sizes)

    env.globals["picture_copies"] = picture_copies
    return env


def on_post_build(config: MkDocsConfig) -> None:
    unlock_cache(_cache_dir(config))


def on_build_error(error: Exception) -> None:
    # MkDocs gives this event no config: release every cache lock this process holds.
    release_cache_locks()


def _committed_picture(file: File, docs_dir: Path) -> bool:
    """A JPEG, PNG, WebP or GIF file committed in the docs_dir (not the theme's or a hook's)."""
    return (
        file.generated_by is None
        and file.abs_src_path is not None
        and Path(file.abs_src_path).is_relative_to(docs_dir)
        and is_stripped_type(file.src_uri)
    )


def _cache_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / CACHE_DIR


def _linked_from_pages(files: Files) -> set[str]:
    return {
        link.resolved
        for file in files.documentation_pages()
        if file.abs_src_path is not None
        for link in page_links(Path(file.abs_src_path).read_text("utf-8"), file.src_uri)
    }
