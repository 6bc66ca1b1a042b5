"""The showcase's pages, made in memory from the programme model.

on_config gives the comms team's Markdown the summaries' rules; on_files adds the generated pages;
on_page_markdown gives each its template and title; on_page_content sanitises every page's HTML;
on_page_context hands the template its part of the model; on_env makes the showcase's own
templates escape everything they print.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from jinja2 import Environment, pass_context
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import url_filter

from showcase.build_state import build_state
from showcase.model import Names, Project, Term
from showcase.reading.load_files import PROJECTS_FILE
from showcase.reading.safe_html import EditorsMarkdown, clean_html, escaped_settings, page_title
from showcase.web.printed_links import note_links
from showcase.web.site import PAGE_TEMPLATES, PROBLEMS_PAGE, PagePlan, plan_pages, redirect_pages, src_uri_for
from showcase.wording.as_of import data_as_of
from showcase.wording.finder import finder_query
from showcase.wording.legal import (
    LEGAL_PAGES,
    LICENCE_UNCONFIRMED,
    LegalFacts,
    granted_licence,
    known_issues_of,
    pinned_test_tools,
)
from showcase.wording.project_summary import TEMPLATE_FILTERS, TEMPLATE_GLOBALS
from showcase.wording.provenance import Repository, last_changed, page_edit_link, project_edit_links, read_history
from showcase.wording.text import JINJA_FILTERS

log = logging.getLogger("mkdocs.plugins.showcase.pages")

# Material's drawer and search toggles carry autocomplete="off", which the HTML standard allows
# only on text-like inputs. They sit outside any template block, so it is removed from the output.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.markdown_extensions.append(EditorsMarkdown())  # type: ignore[arg-type]  # Markdown takes an instance as well as a name
    # Material prints these settings raw (site_name in the header...): escaped once, as Markup.
    for name, value in escaped_settings(config).items():
        config[name] = value
    return config


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # Material prints the nav's section titles raw: escaped once. Pages' titles: on_page_content.
    items = list(nav.items)
    while items:
        item = items.pop()
        if not item.is_page and item.title is not None:
            item.title = escape(item.title)
        items.extend(item.children or ())
    return nav


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    state = build_state(config)
    state.docs_dir = Path(config.docs_dir).resolve().relative_to(root.resolve()).as_posix()
    if state.problems is not None:
        # The preview of content with problems: one page listing them, and none of the content's
        # (its pages would link to pages that cannot be made).
        listed = {"problems": state.problems.problems}
        plan = PagePlan(PROBLEMS_PAGE, "The content has problems", PAGE_TEMPLATES + "problems.html", listed)
        state.pages = {PROBLEMS_PAGE: plan}
        for page in list(files.documentation_pages()):
            files.remove(page)
        files.append(File.generated(config, PROBLEMS_PAGE, content=""))
        return files
    programme = state.programme
    assert programme is not None  # hooks/data.py loaded it, or the build stopped there
    history = read_history(root)
    if history.problem:
        # Not a warning: `strict` would stop a build that is right without dates. The workflow
        # stops publication from such a checkout (.github/workflows/publish.yml).
        log.info(history.problem)
    try:
        state.data_as_of = data_as_of(history, ("data", state.docs_dir), os.environ.get("SOURCE_DATE_EPOCH"), programme)
    except ValueError as error:
        raise PluginError(str(error)) from None
    legal = LegalFacts(state.programme_identity, pinned_test_tools(root), known_issues_of(programme))
    state.pages = plan_pages(programme, {file.src_uri for file in files.documentation_pages()}, legal)
    state.last_changed = last_changed(history, programme, PROJECTS_FILE, state.docs_dir)
    for plan in state.pages.values():
        if plan.markdown is not None:
            files.append(File.generated(config, plan.src_uri, content=plan.markdown))
    for path, redirect in redirect_pages(programme, config.site_url).items():
        files.append(File.generated(config, path, content=redirect))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if plan := build_state(config).pages.get(page.file.src_uri):
        page.meta["template"] = plan.template
        page.meta.setdefault("title", plan.title)
        if plan.description:
            page.meta.setdefault("description", plan.description)
        page.meta.setdefault("hide", ["navigation", "toc"])  # a showcase has no use for the sidebars
    # Material prints a page's title and description raw, and either may come from the data or
    # from front matter: escaped once, as Markup, so the showcase's own templates do not again.
    for key in ("title", "description"):
        if key in page.meta:
            page.meta[key] = escape(page.meta[key])
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Every page is rendered before any template is: each title is safe before a nav prints it.
    if page.title is not None:
        # MkDocs gives a title from the page's first heading as HTML (its entities kept); one from
        # the nav, front matter or the file's name as text.
        from_heading = "title" not in vars(page) and "title" not in page.meta
        is_html = from_heading and page.title == getattr(page, "_title_from_render", None)
        page.title = page_title(page.title, is_html=is_html)
    return clean_html(html)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    state = build_state(config)
    if plan := state.pages.get(page.file.src_uri):
        context.update(plan.context)
    project = context.get("project")
    if isinstance(project, Project):
        context["last_updated"] = state.last_changed.get(project.slug)
    # Where an editor changes this page: a project's record (and story), or the page's file. Set
    # in extra.edit_repository; material's repo_url stays unset, as its widget calls the code
    # host's API on every page view.
    context["edit_links"] = ()
    if address := (config.extra.get("edit_repository") or "").strip():
        repository = Repository(address, config.extra.get("edit_branch") or "main")
        if isinstance(project, Project):
            context["edit_links"] = project_edit_links(repository, project, PROJECTS_FILE, state.docs_dir)
        elif page.file.generated_by is None:
            context["edit_links"] = (page_edit_link(repository, f"{state.docs_dir}/{page.file.src_uri}"),)
    return context


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    state = build_state(config)
    env.filters.update(JINJA_FILTERS, **TEMPLATE_FILTERS)
    env.globals.update(TEMPLATE_GLOBALS)

    @pass_context
    def href(context, record) -> str:
        """The link from the page being rendered to a project's, cohort's or theme's page."""
        page = files.get_file_from_path(src_uri_for(record))
        assert page is not None, f"no page for {record!r}"  # on_files added every record's page
        return url_filter(context, page.url)

    @pass_context
    def legal_links(context) -> tuple[tuple[str, str], ...]:
        """The footer's (title, address) of each legal page (a preview of problems has none)."""
        found = ((title, files.get_file_from_path(uri)) for uri, title in LEGAL_PAGES.items())
        return tuple((title, url_filter(context, file.url)) for title, file in found if file is not None)

    env.filters["href"] = href
    env.filters["finder_query"] = finder_query
    env.globals["note_links"] = note_links  # theme/main.html: links' addresses on paper
    env.globals["legal_links"] = legal_links
    # theme/404.html, which the preview serves at any address it has no page for, lists them too.
    env.globals["showcase_problems"] = state.problems.problems if state.problems is not None else None
    env.globals["programme_identity"] = state.programme_identity
    # The footer's licence: stated only once a publisher grants it (wording/legal.py).
    env.globals["granted_licence"] = granted_licence
    env.globals["licence_unconfirmed"] = LICENCE_UNCONFIRMED
    env.globals["data_as_of"] = state.data_as_of
    # What the geography calls an area and a group of areas (None: it has no groups), for the 404 page.
    env.globals["area_label"] = state.programme.area_label if state.programme is not None else Term()
    env.globals["group_label"] = state.programme.group_label if state.programme is not None else None
    env.globals["place_names"] = state.programme.names if state.programme is not None else Names()
    # Every template of the showcase's own (theme/, material's overrides included) escapes what
    # it prints unless it is Markup. MkDocs turns autoescaping off for themes, so material's own
    # templates are left as they are: what they print raw is escaped once (on_page_markdown, on_nav).
    assert config.theme.custom_dir is not None  # mkdocs.yml's theme.custom_dir, the kit's theme/
    theme_dir = Path(config.theme.custom_dir)
    own_templates = frozenset(path.relative_to(theme_dir).as_posix() for path in theme_dir.rglob("*.html"))
    env.autoescape = lambda name: name in own_templates
    return env


def on_post_page(output: str, **_: object) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", output)


on_post_template = on_post_page  # 404.html
