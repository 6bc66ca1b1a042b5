"""Tools for the comms team: scripts/check, new-project, new-cohort and gaps.

cli.py               the commands: check (what the build checks, and notes to confirm), new-project, new-cohort, gaps
scaffold.py          new-project and new-cohort: add by inserting text, comments kept
gaps.py              scripts/gaps: per project, what visitors look for and is missing, and whom to ask
"""
