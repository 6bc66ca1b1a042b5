"""The one "data as of" day that every view stating a date for the data states (each page's
footer, the PDFs, the feed's `updated`, the open data's `data_as_of`), so that no view
contradicts another. It is, in order:

1. the day of the last commit that changed the content (the data folder and docs_dir), when git
   can read the checkout's whole history (provenance.read_history), as in a published build;
2. else the day of SOURCE_DATE_EPOCH, when the build sets it (scripts/build sets it to the same
   commit's time, so the two agree);
3. else the latest date the data itself states, never a file's time (a fresh clone sets that to
   the moment of cloning); none when the data states no date.

Days are UTC throughout, as a project's "Last updated" is: git's `%cs` gives the committer's own
day, which can be a day off from SOURCE_DATE_EPOCH's.
"""

from __future__ import annotations

import datetime as dt

from showcase.model import Programme
from showcase.wording.provenance import History, git_output


def source_date(source_date_epoch: str | None) -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, None when it is unset or empty; ValueError when it is not a
    whole number of seconds."""
    if not source_date_epoch:
        return None
    if not source_date_epoch.strip().isdigit():
        raise ValueError(
            f"SOURCE_DATE_EPOCH should be a whole number of seconds since 1970, not {source_date_epoch!r}."
        )
    return dt.datetime.fromtimestamp(int(source_date_epoch), tz=dt.UTC)


def data_as_of(
    history: History, folders: tuple[str, ...], source_date_epoch: str | None, programme: Programme
) -> dt.date | None:
    """The "data as of" day; ValueError for a SOURCE_DATE_EPOCH that is set but not a whole
    number of seconds, even when git dates the content."""
    epoch = source_date(source_date_epoch)
    if history.readable:
        output = git_output(history.root, "log", "-1", "--format=%ct", "--", *folders)
        if output and output.strip().isdigit():
            return dt.datetime.fromtimestamp(int(output.strip()), dt.UTC).date()
    if epoch:
        return epoch.date()
    return latest_stated_date(programme)


def latest_stated_date(programme: Programme) -> dt.date | None:
    """The latest date the data states: a cohort's start, end, graduation or showcase event."""
    dates = [
        value
        for cohort in programme.cohorts
        for value in (cohort.start, cohort.end, cohort.graduation, cohort.showcase_event)
        if value
    ]
    return max(dates, default=None)


def as_of_time(day: dt.date | None) -> dt.datetime | None:
    """The start of the day in UTC: the PDFs' creation date and the open data's timestamp."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) if day else None
