"""Working time: a week of working days and dated holidays, and adding working hours to a moment.

Whole working days: every hour of a working day counts, and no hour of a weekend day or a holiday does.
An SLA of 24 working hours that starts on the afternoon of the last working day of the week ends at the
same hour on the next working day after the weekend (and a holiday pushes it on by a day). Days are
calendar days in the time zone of the moment given (the platform's local time). Pure: no database.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()
MAX_DAYS = 3660  # ten years: a calendar with no working day in sight is an error, never an endless loop


@dataclass(frozen=True)
class WorkWeek:
    """The working days of the week (keys of DAY_KEYS) and the dates that are holidays."""

    working_days: frozenset[str]
    holidays: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        return DAY_KEYS[day.weekday()] in self.working_days and day not in self.holidays


def _next_midnight(moment: datetime) -> datetime:
    return datetime.combine(moment.date() + timedelta(days=1), time(), tzinfo=moment.tzinfo)


def working_hours_add(start: datetime, hours: float, week: WorkWeek | None) -> datetime:
    """The moment ``hours`` working hours after ``start`` (wall-clock hours when ``week`` is None).
    A start on a day off counts from the next working day's midnight."""
    if week is None:
        return start + timedelta(hours=hours)
    remaining, cursor = timedelta(hours=hours), start
    for _day in range(MAX_DAYS):
        if week.is_working_day(cursor.date()):
            day_end = _next_midnight(cursor)
            if cursor + remaining <= day_end:
                return cursor + remaining
            remaining -= day_end - cursor
            cursor = day_end
        else:
            cursor = _next_midnight(cursor)
    raise ValueError("no working day within ten years")
