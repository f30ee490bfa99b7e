"""Dates the rules reason about: checked years, complete years and months, terms (SPEC section 3).

"Checked years run from `policy.since` (default: the earliest year of any theme day in the tree) to
the year of the as-of date. A year before the as-of year is complete."
"""

from __future__ import annotations

import calendar
from datetime import date


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def is_complete_month(year: int, month: int, as_of: date) -> bool:
    """A month is complete once its last day is before the as-of date."""
    return month_end(year, month) < as_of


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def quarter_months(quarter: int) -> tuple[int, int, int]:
    first = 3 * quarter - 2
    return first, first + 1, first + 2


def quarter_end(year: int, quarter: int) -> date:
    return month_end(year, 3 * quarter)


def is_complete_quarter(year: int, quarter: int, as_of: date) -> bool:
    """A quarter is complete once its last day is before the as-of date."""
    return quarter_end(year, quarter) < as_of


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier, for a negative number); a day the month does not
    have becomes its last day (31 August - 6 months: 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
