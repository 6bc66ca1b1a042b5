"""Build stage 5: the feed of new and updated projects (showcase/web/feed.py) as a file of the site.

on_files adds site/feed.xml, when the site's address is known (site_url: a feed's links must be
absolute); on_env gives templates `feed_link()` for the links to it: the head's autodiscovery
link on every page, and the visible ones on the home page and the finder. None when there is no
feed: the templates then show nothing.
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
    # The date of a project git knows no change of: the "data as of" day every view states
    # (showcase/wording/as_of.py).
    entries = feed_entries(programme, page_urls, state.last_changed, state.data_as_of)
    feed = atom_feed(
        programme,
        state.programme_identity,
        entries,
        base,
        base + FEED_PATH,
        state.data_as_of,
        site_name=config.site_name,
    )
    if feed is not None:
        files.append(File.generated(config, FEED_PATH, content=feed))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    feed = files.get_file_from_path(FEED_PATH)
    size = size_label(len(feed.content_bytes)) if feed else ""

    @pass_context
    def feed_link(context) -> dict[str, str] | None:
        """What partials/showcase/download-link.html shows for the feed, and the head's link."""
        if feed is None:
            return None
        return {
            "url": url_filter(context, feed.url),
            "text": "New and updated projects, for your feed reader",
            "kind": "Atom feed",
            "size": size,
            "title": feed_title(build_state(config).programme_identity),
        }

    env.globals["feed_link"] = feed_link
    return env
