"""The one "data as of" date: the day every view that states a date for the data states.

Every page's footer, the PDFs (cover, back page, each snapshot's foot and their creation
date), the feed's `updated` and the open data's `data_as_of` say this
one day, so no view contradicts another. It is, in order:

1. the day (in UTC) of the last commit that changed the content (the data folder and docs_dir),
   when git can read the checkout's whole history (provenance.read_history);
2. else the day (in UTC) of SOURCE_DATE_EPOCH, when the build sets it (reproducible-builds.org);
   scripts/build sets it to the same commit's time, so the two agree;
3. else the latest date the data itself states (a cohort's start, end, graduation or showcase
   event), the same in every build of the same content; never a file's time, which a fresh
   clone sets to the moment of cloning; none when the data states no date.

A published build has the first: the workflow builds a whole checkout with scripts/build.

UTC throughout, as a project's "Last updated" is (provenance.last_changed): git's `%cs` gives
the committer's own day, which can be a day off from SOURCE_DATE_EPOCH's.
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
    """The "data as of" day (see the module's doc); ValueError when SOURCE_DATE_EPOCH is set but
    is not a whole number of seconds, whether or not git dates the content."""
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
    return max(dates) if dates else None


def as_of_time(day: dt.date | None) -> dt.datetime | None:
    """The day as the start of it in UTC: the PDFs' creation date and the open data's timestamp."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) if day else None
