"""Build stage 2: the showcase's pages, made in memory from the programme model.

on_config gives the comms team's Markdown the summaries' rules, on_files adds the generated pages, on_page_markdown gives each page its template and title,
on_page_context hands the template its part of the model, and on_env teaches Jinja to escape
everything in the showcase's own templates; on_page_content passes every page's Markdown output
through the sanitiser, as the summaries are.
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
from showcase.model import AreaLabel, Project
from showcase.reading.load_files import PROJECTS_FILE
from showcase.reading.safe_html import EditorsMarkdown, clean_html, escaped_settings, page_title
from showcase.reading.settings import settings_problems
from showcase.web.site import PAGE_TEMPLATES, PROBLEMS_PAGE, PagePlan, plan_pages, redirect_pages, src_uri_for
from showcase.wording.as_of import data_as_of
from showcase.wording.finder import finder_query
from showcase.wording.legal import LEGAL_PAGES, LegalFacts, pinned_test_tools
from showcase.wording.project_summary import TEMPLATE_FILTERS, TEMPLATE_GLOBALS
from showcase.wording.provenance import (
    Repository,
    last_changed,
    page_edit_link,
    project_edit_links,
    read_history,
)
from showcase.wording.text import JINJA_FILTERS

log = logging.getLogger("mkdocs.plugins.showcase.pages")

# Layout only: the sidebars of a documentation site add nothing to a showcase.
HIDDEN_SIDEBARS = ["navigation", "toc"]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # A narrative, a cohort's story or the home page follows the summaries' rules: raw HTML shown
    # as text, no image from another site, no link that runs code.
    config.markdown_extensions.append(EditorsMarkdown())  # type: ignore[arg-type]  # Markdown takes an instance as well as a name
    # The settings material prints raw (site_name in the header...) escaped once, here, as Markup:
    # the showcase's own templates do not escape them again; Python reads them with plain_text.
    for name, value in escaped_settings(config).items():
        config[name] = value
    # The settings a programme sets, refused as scripts/check refuses them (showcase/reading/settings.py).
    if problems := settings_problems(config):
        raise PluginError("\n".join(f"{Path(config.config_file_path).name}: {problem}" for problem in problems))
    return config


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The nav's sections and links (mkdocs.yml's `nav:`, whose addresses on_config has checked)
    are printed raw by material: escaped once. A page's title is made safe once it is rendered
    (on_page_content)."""
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
        return _problems_page(files, config)
    programme = state.programme
    assert programme is not None  # hooks/data.py loaded it, or the build stopped there
    existing = {file.src_uri for file in files.documentation_pages()}
    history = read_history(root)
    if history.problem:
        # Not a warning: `strict` would stop a build that is right without dates. The workflow
        # stops publication from such a checkout (.github/workflows/publish.yml).
        log.info(history.problem)
    try:
        # The one "data as of" day every view states (showcase/wording/as_of.py): the PDFs, the feed and
        # the open data read it from the state.
        state.data_as_of = data_as_of(history, ("data", state.docs_dir), os.environ.get("SOURCE_DATE_EPOCH"), programme)
    except ValueError as error:
        raise PluginError(str(error)) from None
    legal = LegalFacts(state.programme_identity, pinned_test_tools(root))
    plans = plan_pages(programme, existing, legal)
    state.pages = plans
    state.last_changed = last_changed(history, programme, PROJECTS_FILE, state.docs_dir)
    for plan in plans.values():
        if plan.markdown is not None:
            files.append(File.generated(config, plan.src_uri, content=plan.markdown))
    for path, page in redirect_pages(programme, config.site_url).items():
        files.append(File.generated(config, path, content=page))
    return files


def _problems_page(files: Files, config: MkDocsConfig) -> Files:
    """The preview of content with problems: one page listing them, and nothing else of the
    content (its pages would link to pages that cannot be made)."""
    state = build_state(config)
    assert state.problems is not None
    problems = state.problems.problems
    plan = PagePlan(PROBLEMS_PAGE, "The content has problems", PAGE_TEMPLATES + "problems.html", {"problems": problems})
    state.pages = {PROBLEMS_PAGE: plan}
    for page in list(files.documentation_pages()):
        files.remove(page)
    files.append(File.generated(config, PROBLEMS_PAGE, content=""))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    plan = build_state(config).pages.get(page.file.src_uri)
    if plan:
        page.meta["template"] = plan.template
        page.meta.setdefault("title", plan.title)
        if plan.description:
            page.meta.setdefault("description", plan.description)
        page.meta.setdefault("hide", HIDDEN_SIDEBARS)
    # Material prints a page's title and description unescaped (in <title>, the header, the nav
    # and the <meta> tags), and either can come from the data or from a Markdown file's front
    # matter: escape every one once, here, marked as escaped (Markup) so that the showcase's own
    # templates, which escape what they print, do not escape it again.
    for key in ("title", "description"):
        if key in page.meta:
            page.meta[key] = escape(page.meta[key])
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Every page is rendered before any template is: each title is safe before a nav prints it.
    if page.title is not None:
        page.title = page_title(page.title, is_html=_title_is_html(page))
    return clean_html(html)


def _title_is_html(page: Page) -> bool:
    """MkDocs gives a title taken from the page's first heading as HTML (its entities kept); from
    the nav, front matter or the file's name as text."""
    from_nav = "title" in vars(page)
    return not from_nav and "title" not in page.meta and page.title == getattr(page, "_title_from_render", None)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    plan = build_state(config).pages.get(page.file.src_uri)
    if plan:
        context.update(plan.context)
    project = context.get("project")
    if isinstance(project, Project):
        context["last_updated"] = build_state(config).last_changed.get(project.slug)
    context["edit_links"] = _edit_links(page, project, config)
    return context


def _edit_links(page: Page, project: Project | None, config: MkDocsConfig) -> tuple:
    """Where an editor changes this page: a project's record (and story), or the page's file.
    The repository is set in one place, extra.edit_repository in mkdocs.yml (material's own
    repo_url is left unset: its widget calls the code host's API on every page view)."""
    address = (config.extra.get("edit_repository") or "").strip()
    if not address:
        return ()
    repository = Repository(address, config.extra.get("edit_branch") or "main")
    docs_dir = build_state(config).docs_dir
    if isinstance(project, Project):
        return project_edit_links(repository, project, PROJECTS_FILE, docs_dir)
    if page.file.generated_by is None:
        return (page_edit_link(repository, f"{docs_dir}/{page.file.src_uri}"),)
    return ()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.filters.update(JINJA_FILTERS)
    env.filters.update(TEMPLATE_FILTERS)
    env.globals.update(TEMPLATE_GLOBALS)
    # A preview of content with problems: theme/404.html, which MkDocs' preview serves at any
    # address it has no page for, lists them too.
    state = build_state(config)
    env.globals["showcase_problems"] = state.problems.problems if state.problems is not None else None

    @pass_context
    def href(context, record) -> str:
        """The link from the page being rendered to a project's, cohort's or theme's page."""
        page = files.get_file_from_path(src_uri_for(record))
        assert page is not None, f"no page for {record!r}"  # on_files added every record's page
        return url_filter(context, page.url)

    env.filters["href"] = href
    env.filters["finder_query"] = finder_query  # the finder's query string of a theme's, area's... projects

    @pass_context
    def legal_links(context) -> tuple[tuple[str, str], ...]:
        """The footer's links to the legal pages, (title, address from this page), of those this
        build has (a preview of content with problems has none)."""
        found = ((title, files.get_file_from_path(uri)) for uri, title in LEGAL_PAGES.items())
        return tuple((title, url_filter(context, file.url)) for title, file in found if file is not None)

    env.globals["legal_links"] = legal_links
    env.globals["programme_identity"] = state.programme_identity
    env.globals["data_as_of"] = state.data_as_of
    env.globals["area_label"] = state.programme.area_label if state.programme is not None else AreaLabel()
    # One escaping regime: every template of the showcase's own (theme/, material's overrides
    # included) escapes every value it prints unless the value is marked safe (Markup). MkDocs
    # turns autoescaping off for its themes, so material's own templates are left as they are:
    # what they print raw from the content is escaped once in on_page_markdown.
    assert config.theme.custom_dir is not None  # mkdocs.yml's theme.custom_dir, the kit's theme/
    own_templates = _template_names(Path(config.theme.custom_dir))
    env.autoescape = lambda name: name in own_templates
    return env


# Material's drawer and search toggles carry autocomplete="off", which the HTML standard allows
# only on text-like inputs (the Nu checker rejects it on checkboxes). They sit outside any
# template block, so the attribute is removed from the rendered page.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", output)  # 404.html


def _template_names(theme_dir: Path) -> frozenset[str]:
    """The names Jinja knows the showcase's own templates by: their paths in the theme folder."""
    return frozenset(path.relative_to(theme_dir).as_posix() for path in theme_dir.rglob("*.html"))
