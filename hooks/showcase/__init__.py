"""The showcase's domain: load, check, model and word the programme; nothing here knows MkDocs.

The hooks in hooks/*.py are thin adapters, one per build stage (data, pages, pdf, exports,
preview_cards, publish); they call into this package and hand each other one BuildState
(build_state.py).

Where things are, in the order a build uses them:

Reading the comms team's files
    load.py              load_programme: every file read and checked, every problem reported at once
    load_files.py        the files' paths (ProgrammeSources) and a YAML data file down to its records
    load_geography.py    data/geography.yaml: the ICBs, the areas, what an area is called
    load_cohorts.py      content/cohorts/*.md front matter
    load_projects.py     data/projects.yaml: the themes and each project
    load_pages.py        the Markdown pages: narratives matched to records, Markdown checks, files
                         MkDocs would publish otherwise than they are read (.MD, subfolders, templates/)
    source.py            YAML and Markdown read with line numbers, PyYAML's traps refused (a ' #' note
                         after a value noted for the reader to refuse; layout errors named at the
                         slip's own line with its fix), and what the build cannot take: control
                         characters, YAML nested over 20 deep
    records.py           typed reads of one record's fields (quotes, sources...), a Problem for each wrong one
    fields.py            the data contract: each field's table, every pattern (slug, URL...), slugify, shows_nothing
    slips.py             slips YAML reads without complaint (a pasted bullet or curly quotes, a ' #'
                         note, an invisible character in an id...) and their fixes
    placeholders.py      the scaffolds' 'REPLACE with ...' in place of facts, refused wherever it is left
    markdown_checks.py   what Markdown would read differently from what the editor meant
    content_files.py     which files the content folders may hold; no link or device at any level of them or theme/
    svg_check.py         what an SVG logo may hold: drawing only, by an allow-list (published as it is)
    problems.py          a Problem (file, line, field, fix) and the report of them all
    identity.py          extra.programme in mkdocs.yml: the programme (each claim with its source) apart
                         from who publishes the site (unset: no owner named, and the pages say so)
    settings.py          the other mkdocs.yml settings a programme sets, checked alike by build and check

The model and its wording
    model.py             the programme as typed, immutable records
    text.py              dates, money, counts and Markdown as a page writes them
    tally.py             counts that say how much of them rests on inferred facts
    citations.py         where each fact comes from: source links and the notes under facts
    source_texts.py      the stored text of each cited page (data/sources/), and the sourced
                         values it does not state: tools/check-sources
    project_summary.py   a project's facts and sections, worded once for web and print
    cohort_summary.py    a cohort's figures, counts and sentences, worded once for web and print
    site.py              which pages there are and what each template is given
    glance.py            the headline figures and charts
    finder.py            the project finder's facets, cards' data, tile map and the packs it offers
    legal.py             the accessibility statement's, privacy notice's and licence's facts
    provenance.py        when a page's content last changed (from git's whole history only; a change
                         to a record's layout alone dates nothing), where to edit it
    as_of.py             the one "data as of" day every view states: git's, else SOURCE_DATE_EPOCH's
    addresses.py         no address breaks: projects taken off the site (removed_projects), and the
                         slugs and cohort ids the default branch published that scripts/check
                         refuses to lose (from git; a note outside a checkout)

Outputs
    exports.py           open data: JSON (with its schema) and CSV
    feed.py              the Atom feed of new and updated projects: ids that outlive renames, git's dates
    schema.py            JSON Schemas of the comms team's files, for their editors
    pictures.py          each picture's copies: web widths in WebP and JPEG/PNG, a print copy;
                         a Markdown page's picture at its own size and format (stripped_copy);
                         upright, sRGB, no metadata, cached by content hash
    gif_stripping.py     a GIF without its metadata, rewritten block by block: frames and timing kept
    pdf/                 the PDFs: a snapshot per project; packs of the programme, each cohort,
                         theme, area and ICB: plan (print_html, documents, source_notes), render (rendering,
                         workers, jobs, cache), assemble (assembly, font_subsets), report (render_problems)
    safe_html.py         the one sanitiser of HTML made from Markdown, web and print
    preview_cards.py     each page's link-preview card (og:image): its title, programme and photo,
                         in the committed fonts and the programme's colours; cached by what it shows
    staging.py           a site folder replaced whole, or not at all
    offline.py           the offline copy: the built site in one zip, its links to files, not folders
    file_cache.py        the one verified cache every output (PDFs, pictures, cards) stores its made
                         files in: a cached file is used only if it is an ordinary file of the size
                         and SHA-256 its record holds, else made again; pruning, a folder's lock

The build's own state
    build_state.py       what one build's hooks hand each other (BuildState), kept on its config

Tools for the comms team
    cli.py, scaffold.py  scripts/check, new-project, new-cohort: check, and add by inserting text
    gaps.py              scripts/gaps: per project, what visitors look for and is missing, and whom to ask

Templates. Every template in theme/ (web) and theme/print/ (PDFs) escapes every value it prints,
unless the value is marked safe (a Markup, such as text.render_markdown's sanitised HTML). The
wording is made here, in Python; templates lay it out through macros that take their arguments.

What is trusted, and why. Every value from a place the comms team or a programme edits is input:
the data, Markdown and its front matter, file and folder names, pictures, and the mkdocs.yml
settings a programme sets. Material's own templates print some of them raw (MkDocs turns Jinja's
escaping off for themes), so each of those is escaped once, as Markup, before any template runs
(safe_html.py: a page's title whatever it came from, RAW_PRINTED_SETTINGS, the nav's sections);
editors' HTML passes the one sanitiser, their ids are kept out of the theme's (editor_id). Trusted:
the kit's code and templates, and values the kit itself writes (a page's address, a cache's key).
"""
