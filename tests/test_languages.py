"""A quote's language (`lang:`, `attribution_lang:`): a BCP 47 tag checked against Unicode's CLDR
(showcase.languages, by Babel), refused at its line when it names no language; marked with `lang`
and the direction its script runs in on the web, as /Lang in the PDFs (test_pdf.py), and carried
in the open data. The fixture quotes Polish (harbour-walks) and Arabic (al-noor-wellbeing-circle).
"""

from __future__ import annotations

import json

import jsonschema
import lxml.html
from playwright.sync_api import Browser

from browser import page_without_errors
from content_edits import edit, line_of
from showcase.languages import canonical_tag, other_script, tag_for_name, text_direction
from site_builds import Build, showcase_command

AL_NOOR = "al-noor-wellbeing-circle"
ARABIC_QUOTE = "وجدنا مكاناً نتحدث فيه بلغتنا عن صحتنا."


def test_tags_are_read_as_bcp_47_writes_them_with_their_direction_from_cldr():
    assert [canonical_tag(tag) for tag in ("pl", "PL", "cy", "so", "zh-hant-hk", "pa-Arab")] == [
        "pl",
        "pl",
        "cy",
        "so",
        "zh-Hant-HK",
        "pa-Arab",
    ]
    assert [canonical_tag(tag) for tag in ("Polish", "xx", "pl_PL", "en-", "")] == [None] * 5
    assert [text_direction(tag) for tag in ("ar", "ur", "pa-Arab", "he", "pl", "bn")] == ["rtl"] * 4 + ["ltr"] * 2
    assert (tag_for_name("Welsh"), tag_for_name("somali")) == ("cy", "so")
    assert (other_script(ARABIC_QUOTE), other_script("Łączymy sąsiadów, º 1"), other_script("中文")) == (
        "Arabic",
        "",
        "Han",
    )


def test_each_quote_is_marked_with_its_language_and_direction_on_the_web(fixture_site: Build):
    al_noor = lxml.html.fromstring(fixture_site.html(f"projects/{AL_NOOR}/"))
    (arabic,) = al_noor.xpath("//figure[@class='sc-quote']")
    assert (arabic.get("dir"), arabic.find("blockquote").get("lang"), arabic.find("blockquote").get("dir")) == (
        "rtl",
        "ar",
        "rtl",
    )
    assert dict(arabic.find("figcaption/span").attrib) == {"lang": "ar", "dir": "rtl"}
    walks = lxml.html.fromstring(fixture_site.html("projects/harbour-walks/")).xpath("//figure[@class='sc-quote']")
    # The English quote is in the page's language; the browser finds its direction.
    assert [(quote.find("blockquote").get("lang"), quote.find("blockquote").get("dir")) for quote in walks] == [
        (None, "auto"),
        ("pl", "ltr"),
    ]


def test_a_right_to_left_quote_reads_from_the_right_with_its_full_stop_at_its_end(browser: Browser, site_url: str):
    with page_without_errors(browser, 1024, 800) as page:
        page.goto(f"{site_url}/projects/{AL_NOOR}/")
        layout = page.locator('blockquote[lang="ar"]').evaluate(
            """quote => {
                const text = quote.querySelector('p').firstChild;
                const at = index => { const range = document.createRange();
                    range.setStart(text, index); range.setEnd(text, index + 1);
                    return range.getBoundingClientRect(); };
                const style = getComputedStyle(quote);
                return {direction: style.direction, ruleRight: style.borderRightWidth,
                        ruleLeft: style.borderLeftWidth, first: at(0).left,
                        stop: at(text.length - 1).left, right: quote.getBoundingClientRect().right,
                        firstRight: at(0).right};
            }"""
        )
    assert (layout["direction"], layout["ruleRight"], layout["ruleLeft"]) == ("rtl", "4px", "0px")
    # The first letter is at the right, by the rule; the full stop ends the line, on its left.
    assert layout["right"] - layout["firstRight"] < 40
    assert layout["stop"] < layout["first"]


def test_a_tag_that_names_no_language_is_refused_at_its_line_with_the_tag_for_a_name(fixture_copy):
    text = edit(fixture_copy, "        lang: pl", "        lang: Polish")
    text = edit(fixture_copy, "        lang: ar", "        lang: xx")
    result = showcase_command(fixture_copy, "check")
    assert result.returncode == 1
    finds = "(https://r12a.github.io/app-subtags/ finds any tag)."
    assert (
        f"data/projects.yaml:{line_of(text, 'lang: Polish')}: project 'harbour-walks', quote 2, field 'lang': "
        f"'Polish' is not a language tag: the tag for Polish is pl. Write the language's tag: pl {finds}"
    ) in result.stderr
    assert (
        f"data/projects.yaml:{line_of(text, 'lang: xx')}: project '{AL_NOOR}', quote 1, field 'lang': 'xx' is not a "
        "language tag that names a known language. Write the language's tag: pl for Polish, cy for Welsh, so for "
        f"Somali, ar for Arabic {finds}"
    ) in result.stderr


def test_words_in_a_script_english_is_not_written_in_need_their_language(fixture_copy):
    text = edit(fixture_copy, "        lang: ar\n", "")
    result = showcase_command(fixture_copy, "check")
    assert result.returncode == 1
    problems = [line.strip() for line in result.stderr.splitlines() if AL_NOOR in line]
    assert problems == [
        f"data/projects.yaml:{line_of(text, ARABIC_QUOTE)}: project '{AL_NOOR}', quote 1, field 'lang': the quote is "
        "written in Arabic letters, but its language is not given, so screen readers cannot read it out. Add a line "
        "'lang: ' with its language tag (for example ar for Arabic, ur for Urdu, bn for Bengali, zh for Chinese), "
        "keeping the text."
    ]


def test_the_open_data_carries_each_quotes_language_as_its_schema_says(fixture_site: Build):
    data = json.loads((fixture_site.site / "data" / "projects.json").read_text("utf-8"))
    schema = json.loads((fixture_site.site / "data" / "projects.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    quotes = {project["slug"]: project["quotes"] for project in data["projects"]}
    assert [(quote["lang"], quote["attribution_lang"]) for quote in quotes[AL_NOOR]] == [("ar", "ar")]
    assert [quote["lang"] for quote in quotes["harbour-walks"]] == [None, "pl"]


def test_a_chinese_quote_is_refused_plainly_as_the_pdfs_have_no_font_for_it(fixture_copy):
    text = edit(
        fixture_copy,
        "        lang: pl\n",
        "        lang: pl\n      - text: 我交到了新朋友。\n        attribution: A participant\n        attribution_lang: en\n        lang: zh\n",
    )
    result = showcase_command(fixture_copy, "check")
    assert result.returncode == 1
    assert (
        f"data/projects.yaml:{line_of(text, '- slug: harbour-walks')}: project 'harbour-walks': the PDFs have no font "
        "for '。' (U+3002), '了' (U+4E86), '交' (U+4EA4), '到' (U+5230), '友' (U+53CB), '我' (U+6211), '新' (U+65B0), '朋' (U+670B), "
        "so each would print as an empty box. The PDFs have no Chinese font: one weighs about 20 MB, too much to keep "
        "in the repository. Give the quote in English in the record (you may link to the original with `source:`), "
        "or leave it out."
    ) in result.stderr
