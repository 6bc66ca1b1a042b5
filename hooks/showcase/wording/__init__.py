"""The model's facts worded once, in Python, for every view (web, print, feed, open data).

text.py              dates, money, counts and Markdown as a page writes them
tally.py             counts that say how much of them rests on inferred facts
citations.py         where each fact comes from: source links and the notes under facts
project_summary.py   a project's facts and sections, worded once for web and print
cohort_summary.py    a cohort's figures, counts and sentences, worded once for web and print
glance.py            the headline figures and charts
finder.py            the project finder's facets, cards' data, tile map and the packs it offers
legal.py             the accessibility statement's, privacy notice's and licence's facts
provenance.py        when a page's content last changed (from git's whole history only; a change
                     to a record's layout alone dates nothing), where to edit it
as_of.py             the one "data as of" day every view states: git's, else SOURCE_DATE_EPOCH's
"""
