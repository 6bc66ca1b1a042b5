"""The one "data as of" day every view states (footers, PDFs, feed, open data), so that none
contradicts another. It is, in order:

1. the day of the last commit that changed the content, when git can read the whole history;
2. else the day of SOURCE_DATE_EPOCH (scripts/build sets it to the same commit's time);
3. else the latest date the data states, never a file's time (a fresh clone sets that to the
   moment of cloning); none when the data states no date.

Days are UTC throughout: git's `%cs` gives the committer's own day, which can be a day off.
"""

from __future__ import annotations

import datetime as dt

from showcase.model import Programme
from showcase.wording.provenance import History, last_commit_time


def source_date(source_date_epoch: str | None) -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, None when unset; ValueError when not whole seconds."""
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
    """ValueError for a SOURCE_DATE_EPOCH that is not whole seconds, even when git dates the content."""
    epoch = source_date(source_date_epoch)
    if history.readable and (time := last_commit_time(history.root, *folders)):
        return dt.datetime.fromtimestamp(time, dt.UTC).date()
    if epoch:
        return epoch.date()
    return latest_stated_date(programme)


def latest_stated_date(programme: Programme) -> dt.date | None:
    """The latest date the data states: a cohort's start, end, graduation or showcase event."""
    dates = ((cohort.start, cohort.end, cohort.graduation, cohort.showcase_event) for cohort in programme.cohorts)
    return max((value for values in dates for value in values if value), default=None)


def as_of_time(day: dt.date | None) -> dt.datetime | None:
    """The start of the day in UTC: the PDFs' creation date and the open data's timestamp."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) if day else None
