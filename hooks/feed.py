"""The feed of new and updated projects (showcase/web/feed.py) as a file of the site.

on_files adds site/feed.xml when the site's address is known (a feed's links are absolute);
on_env gives templates `feed_link()`: the head's autodiscovery link and the visible ones, or
None when there is no feed.
"""

from __future__ import annotations

from jinja2 import Environment, pass_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils.templates import url_filter

from showcase.build_state import build_state
from showcase.web.feed import FEED_PATH, atom_feed, feed_entries, feed_title
from showcase.web.site import src_uri_for
from showcase.wording.text import size_label


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state(config)
    programme = state.programme
    if programme is None or not config.site_url:  # content with problems, or no site address
        return files
    base = config.site_url.rstrip("/") + "/"
    page_urls = {}
    for project in programme.projects:
        page = files.get_file_from_path(src_uri_for(project))
        assert page is not None, project.slug  # hooks/pages.py made every project's page
        page_urls[project.slug] = base + page.url
    entries = feed_entries(programme, page_urls, state.last_changed, state.data_as_of)
    identity = state.programme_identity
    feed = atom_feed(programme, identity, entries, base, base + FEED_PATH, state.data_as_of, site_name=config.site_name)
    if feed is not None:
        files.append(File.generated(config, FEED_PATH, content=feed))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    feed = files.get_file_from_path(FEED_PATH)

    @pass_context
    def feed_link(context) -> dict[str, str] | None:
        if feed is None:
            return None
        return {
            "url": url_filter(context, feed.url),
            "text": "New and updated projects, for your feed reader",
            "kind": "Atom feed",
            "size": size_label(len(feed.content_bytes)),
            "title": feed_title(build_state(config).programme_identity),
        }

    env.globals["feed_link"] = feed_link
    return env
