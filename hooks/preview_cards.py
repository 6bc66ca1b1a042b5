"""A link-preview card for every page (showcase/pictures/preview_cards.py).

on_env, once every page has its title, makes each page's card (or takes it from the cache), adds
it to the site and gives templates `preview_card(page)`, theme/main.html's og:image (the 404
page's, without `page`, is the site's card). None without the site's address (og:image is
absolute), nor for a preview of content with problems.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from showcase.build_state import build_state
from showcase.identity import ProgrammeIdentity
from showcase.model import Cohort, Project
from showcase.pictures.card_layout import CARD_HEIGHT, CARD_WIDTH, CardFonts, CardText
from showcase.pictures.copies import PictureCopies
from showcase.pictures.preview_cards import card_photo, make_cards, project_kicker
from showcase.web.site import PagePlan, page_address, src_uri_for

log = logging.getLogger("mkdocs.plugins.showcase.pictures.preview_cards")

CACHE_DIR = Path(".cache") / "showcase-cards"
CARDS_DIR = "assets/cards"  # in the site


@dataclass(frozen=True)
class PreviewImage:
    """theme/main.html's og:image."""

    url: str  # absolute: the site's address and the card's path
    media_type: str  # og:image:type: image/jpeg for a card with a photo, else image/png
    width: int
    height: int
    alt: str


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    images: dict[str | None, PreviewImage] = {}  # by the page's src_uri; None: the site's card

    def preview_card(page: Page | None = None) -> PreviewImage | None:
        return images.get(page.file.src_uri if page else None)

    env.globals["preview_card"] = preview_card
    state = build_state(config)
    if state.programme is None:  # a preview of content with problems (hooks/data.py)
        return env
    if not config.site_url:
        log.info("Showcase link-preview cards: not made, as the site's address is unknown (set SHOWCASE_SITE_URL).")
        return env
    identity = state.programme_identity
    pages = {file.src_uri: file.page for file in files.documentation_pages() if file.page is not None}
    cohorts = {src_uri_for(cohort): cohort for cohort in state.programme.cohorts}
    cards = {
        uri: _card(page, identity, state.pages.get(uri), cohorts.get(uri), state.pictures)
        for uri, page in pages.items()
    }
    site_card = _site_card(identity)
    root = Path(config.config_file_path).parent
    assert config.theme.custom_dir is not None  # mkdocs.yml's theme.custom_dir, the kit's theme/
    fonts = CardFonts(Path(config.theme.custom_dir) / "print" / "fonts")
    made = make_cards([*cards.values(), site_card], identity.colours, fonts, root / CACHE_DIR)
    site_url = config.site_url.rstrip("/") + "/"
    home = next((uri for uri, page in pages.items() if page.is_homepage), None)
    for uri, card in [*cards.items(), *([] if home else [(None, site_card)])]:
        cached = made.cards[card]
        # Named by its page's address (projects/harbour-walks), else home, or site (no home page).
        name = page_address(uri).rstrip("/") or "home" if uri else "site"
        path = f"{CARDS_DIR}/{name}.{cached.key[:12]}{cached.suffix}"
        file = File.generated(config, path, abs_src_path=str(cached.file), inclusion=InclusionLevel.INCLUDED)
        files.append(file)
        images[uri] = PreviewImage(site_url + file.url, cached.media_type, CARD_WIDTH, CARD_HEIGHT, card.alt)
    if home:
        images[None] = images[home]
    count = len(made.cards)
    log.info(f"Showcase link-preview cards: {count} ({made.drawn} drawn, {count - made.drawn} from the cache).")
    return env


def _site_card(identity: ProgrammeIdentity) -> CardText:
    """The programme's name above its publisher once confirmed, else its region."""
    return CardText(identity.name, identity.publisher or identity.region)


def _card(
    page: Page,
    identity: ProgrammeIdentity,
    plan: PagePlan | None,
    cohort: Cohort | None,
    pictures: dict[str, PictureCopies],
) -> CardText:
    """The site's card on the home page; a project's names its areas and theme; a project's or
    cohort's shows its photo."""
    if page.is_homepage:
        return _site_card(identity)
    title = page.title or identity.name
    # Titles arrive escaped (hooks/pages.py, on_page_markdown): the card draws the text itself.
    text = title.unescape() if isinstance(title, Markup) else str(title)
    project = plan.context.get("project") if plan else None
    if isinstance(project, Project):
        photo = card_photo(project.image, pictures)
        return CardText(text, identity.name, project_kicker(project), photo, "the project" if photo else "")
    if cohort is not None:
        photo = card_photo(cohort.image, pictures)
        return CardText(text, identity.name, photo=photo, photo_of="the cohort" if photo else "")
    return CardText(text, identity.name)
