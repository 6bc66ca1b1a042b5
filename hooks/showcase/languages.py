"""The language a quote is in: a BCP 47 tag (`pl`, `cy`, `ar`, `pa-Arab`, `zh-Hant`) that the
pages and PDFs mark it with, so that a screen reader reads it in that language's voice (WCAG 2.2,
3.1.2 Language of Parts), and the direction its script is written in.

Babel (pinned for MkDocs) checks a tag against Unicode's CLDR, which knows each language's name
and whether its script runs right to left: no hand-kept list. A tag CLDR does not know is
refused, with the tag for a language name the editor may have written instead ("Polish": pl).
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError
from fontTools import unicodedata as scripts  # Unicode's Scripts property, pinned for WeasyPrint

# What the editors' schema accepts as a tag's form (a language, then script, region...); whether
# it names a language is the loader's check.
LANGUAGE_TAG_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
# The scripts English is written in (ISO 15924): Latin, and the marks every script shares.
_ENGLISH_SCRIPTS = frozenset({"Latn", "Zyyy", "Zinh", "Zzzz"})


@cache
def _locale(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return None


def canonical_tag(tag: str) -> str | None:
    """The tag as BCP 47 writes it ("zh-Hant-HK" for "ZH-hant-hk"), or None when it names no
    language CLDR knows."""
    if (locale := _locale(tag.strip())) is None:
        return None
    return "-".join(part for part in (locale.language, locale.script, locale.territory, locale.variant) if part)


def text_direction(tag: str) -> str:
    """'rtl' for a language written right to left (Arabic, Urdu, Hebrew...), else 'ltr'."""
    locale = _locale(tag)
    return "rtl" if locale and locale.text_direction == "rtl" else "ltr"


def tag_for_name(name: str) -> str | None:
    """The tag of the language called `name` in English ("Polish" -> "pl"), if CLDR has one."""
    wanted = name.strip().casefold()
    return next((code for code, called in Locale("en").languages.items() if called.casefold() == wanted), None)


def tag_refusal(typed: str) -> tuple[str, str]:
    """Why `typed` is refused as a language tag, and the fix: said once for a quote's `lang:` and
    a Markdown text's `{: lang=... }`."""
    named = tag_for_name(typed)
    return (
        f"'{typed}' is not a language tag"
        + (f": the tag for {typed} is {named}." if named else " that names a known language."),
        f"Write the language's tag: {named or 'pl for Polish, cy for Welsh, so for Somali, ar for Arabic'}"
        " (https://r12a.github.io/app-subtags/ finds any tag).",
    )


def other_script(text: str) -> str:
    """The name of the first script in `text` English is not written in ("Arabic", "Bengali",
    "Han"), or '' when there is none: text that needs a `lang:` to be read aloud at all."""
    for character in text:
        if (script := scripts.script(character)) not in _ENGLISH_SCRIPTS:
            return str(scripts.script_name(script))
    return ""
