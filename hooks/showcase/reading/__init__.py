"""The comms team's files read safely: YAML and Markdown with line numbers, and every way they
could be read otherwise than they look refused at its line. Nothing here knows what a project is.

    source.py            YAML and Markdown read with line numbers, PyYAML's traps and what the build cannot take refused
    slips.py             every refusal of a line or value, one rule a row (pattern or predicate, message, fix)
    placeholders.py      the scaffolds' 'REPLACE with ...' in place of facts, refused wherever it is left
    load_files.py        the files' paths (ProgrammeSources) and a YAML data file down to its records
    markdown_checks.py   what Markdown would read differently from what the editor meant
    markdown_markup.py   what Markdown would publish otherwise than it reads: HTML, a comment, a heading out of place
    content_files.py     which files the content folders may hold; no link or device at any level of them or theme/
    svg_check.py         what an SVG logo may hold: drawing only, by an allow-list (published as it is)
    safe_html.py         the one sanitiser of HTML made from Markdown, web and print; raw-printed settings escaped
    settings.py          the other mkdocs.yml settings a programme sets, checked alike by build and check
    setting_lines.py     where each setting is written (mkdocs.yml over the showcase.yml it inherits), its text checked
"""
