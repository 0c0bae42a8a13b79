"""Version dates: ISO (2010-07-06) and Jira's date-picker format d/MMM/yy (6/Jul/10)."""

from __future__ import annotations

import re
from datetime import date

from ticketry.core.errors import BadRequest
from ticketry.core.timefmt import parse_date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
USER_FORMAT = "d/MMM/yy"
ISO_FORMAT = "yyyy-MM-dd"
_USER_DATE = re.compile(r"^(\d{1,2})/([A-Za-z]{3})/(\d{2}|\d{4})$")


def format_user_date(value: date | None) -> str | None:
    if value is None:
        return None
    return f"{value.day}/{MONTHS[value.month - 1]}/{value.year % 100:02d}"


def parse_user_date(text: str, today: date | None = None) -> date:
    """d/MMM/yy (two-digit years fall within 80 years before and 20 after today) or d/MMM/yyyy."""
    match = _USER_DATE.match(text.strip())
    if match is None:
        raise ValueError(text)
    day, month_name, year_text = match.groups()
    lowered = [m.lower() for m in MONTHS]
    if month_name.lower() not in lowered:
        raise ValueError(text)
    month = lowered.index(month_name.lower()) + 1
    year = int(year_text)
    if len(year_text) == 2:
        this_year = (today or date.today()).year
        year += 2000
        if year > this_year + 20:
            year -= 100
    return date(year, month, int(day))


def date_error(fmt: str) -> str:
    return f'Invalid date format. Please enter the date in the format "{fmt}".'


class DatePair:
    """One date given either as ISO (startDate) or in the user format (userStartDate)."""

    def __init__(self, iso_field: str, user_field: str) -> None:
        self.iso_field = iso_field
        self.user_field = user_field

    def resolve(self, iso: str | None, user: str | None, current: date | None,
                errors: dict[str, str]) -> date | None:
        """The new value: current when neither is given; None for an empty string."""
        if iso is not None and user is not None:
            raise BadRequest(f"Only one of '{self.iso_field}' and '{self.user_field}' may be specified.")
        if iso is None and user is None:
            return current
        raw = iso if iso is not None else user
        assert raw is not None
        if raw.strip() == "":
            return None
        try:
            return parse_date(raw) if iso is not None else parse_user_date(raw)
        except ValueError:
            field = self.iso_field if iso is not None else self.user_field
            errors[field] = date_error(ISO_FORMAT if iso is not None else USER_FORMAT)
            return current


START = DatePair("startDate", "userStartDate")
RELEASE = DatePair("releaseDate", "userReleaseDate")
