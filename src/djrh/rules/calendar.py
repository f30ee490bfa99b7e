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
