"""The showcase's domain: load, check, model and word the programme; nothing here knows MkDocs.

The hooks in hooks/*.py are thin adapters, one per build stage, over this package.

Where things are, in the order a build uses them. Each folder is a stage; its __init__.py lists
its modules. A folder imports only from those above it in this list (the PDFs and the web pages
share what a page is: web/exports.py names the PDFs' addresses, pdf/print_html.py the pages').

    model.py             the programme as typed, immutable records
    fields.py            the data contract: each field's table, every pattern (slug, URL...), slugify, shows_nothing
    problems.py          a Problem (file, line, field, fix) and the report of them all
    languages.py         a quote's language: its BCP 47 tag checked by Babel (CLDR), its direction
    colours.py           the site's and PDFs' colours: the programme's, those derived from them (each
                         checked for WCAG AA contrast) and the kit's neutrals, as CSS custom properties
    identity.py          extra.programme in mkdocs.yml: the programme (each claim with its source) apart
                         from who publishes the site (unset: no owner named, and the pages say so)
    file_cache.py        the one verified cache every output stores its made files in: a cached
                         file is used only if it is the one written, else made again
    reading/             the comms team's files read safely, every misreading refused at its line
    wording/             the model's facts worded once, for every view
    field_kinds.py       what is done with each kind of field (fields.py's FieldKind), one row a kind: how
                         it is read, its editors' schema and placeholder, how the open data writes it
    pictures/            each picture's copies and each page's link-preview card
    web/                 which pages there are, open data, the feed, the offline copy, staging
    pdf/                 the PDFs: a snapshot per project; packs of the programme, each cohort,
                         theme, area and ICB
    loading/             the programme model built from the files, every problem reported at once
    build_state.py       what one build's hooks hand each other (BuildState), kept on its config
    editors/             scripts/check, new-project, new-cohort and gaps, for the comms team

Templates. Every template in theme/ (web) and theme/print/ (PDFs) escapes every value it prints,
unless the value is marked safe (a Markup, such as text.render_markdown's sanitised HTML). The
wording is made here, in Python; templates lay it out through macros that take their arguments.

What is trusted, and why. Every value from a place the comms team or a programme edits is input:
the data, Markdown and its front matter, file and folder names, pictures, and the mkdocs.yml
settings a programme sets. Material's own templates print some of them raw (MkDocs turns Jinja's
escaping off for themes), so each of those is escaped once, as Markup, before any template runs
(reading/safe_html.py: a page's title whatever it came from, RAW_PRINTED_SETTINGS, the nav's sections);
editors' HTML passes the one sanitiser, their ids are kept out of the theme's (editor_id). Trusted:
the kit's code and templates, and values the kit itself writes (a page's address, a cache's key).
"""
