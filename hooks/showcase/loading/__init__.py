"""The programme model built from the files: every file read and checked, every problem reported at once.

load.py              load_programme: the whole programme, or every problem in it
load_geography.py    data/geography.yaml: the groups (ICBs), the areas, what each is called
public_names.py      the geography's `names:`: what addresses, fields and open data call an area and a group
load_cohorts.py      content/cohorts/*.md front matter
load_projects.py     data/projects.yaml: the themes and each project
load_pages.py        the Markdown pages: narratives matched to records, Markdown checks, files misread
records.py           typed reads of one record's fields, each as its kind says, a Problem for each wrong one
fact_sources.py      a record's `sources:`: the page that states each fact
picture_fields.py    a record's picture: its file checked and measured, its alt text checked
schema.py            JSON Schemas of the comms team's files, for their editors
source_texts.py      the stored text of each cited page, and the sourced values it does not state
markdown_citations.py the figures the Markdown pages cite, each checked against the pages cited
addresses.py         no address breaks: removed_projects, and what the default branch published
"""
