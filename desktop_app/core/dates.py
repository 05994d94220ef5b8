"""Dates as Vietnamese people write them (dd/mm/yyyy), and birth dates that may be a year only."""

import re
from datetime import date, datetime

from desktop_app.core.errors import ValidationError
from desktop_app.core.text import clean_text

EARLIEST_BIRTH_YEAR = 1900
_DAY_FIRST = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_DAY_FIRST_SHORT = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR = re.compile(r"\d{4}")


def parse_date_vi(
    text: str, field: str = "date", *, recent: bool = False, today: date | None = None
) -> date:
    """Read "dd/mm/yyyy", "d/m/yyyy", "dd-mm-yyyy", "dd.mm.yyyy" or "yyyy-mm-dd".

    ``recent``: a date near today (a payment, a visit, a follow-up), so a two-digit year is read
    too, as people write it on paper: "15.12.26" is 15/12/2026. Only last year, this year or
    next year: "11/12/20" is a year half typed ("2026" stopped at "20"), not 2020. Never for a
    birth date (48 is 1948). Raises ``ValidationError`` code ``date_invalid`` for anything else,
    including impossible dates such as 31/02/1950.
    """
    value = clean_text(text or "")
    short = _DAY_FIRST_SHORT.fullmatch(value) if recent else None
    this_year = (today or date.today()).year
    if m := _DAY_FIRST.fullmatch(value):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    elif short and abs(2000 + int(short[4]) - this_year) <= 1:
        day, month, year = int(short[1]), int(short[3]), 2000 + int(short[4])
    elif m := _ISO.fullmatch(value):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        raise _invalid(field, value)
    try:
        return date(year, month, day)
    except ValueError:
        raise _invalid(field, value) from None


def parse_birth(text: str, today: date | None = None) -> tuple[date | None, int]:
    """Read a birth date or, as often for older people, only a birth year ("1948").

    Returns ``(date or None, year)``. Raises ``ValidationError(field="birth")`` code
    ``date_invalid``, ``birth_future`` or ``birth_too_old`` (before 1900).
    """
    today = today or date.today()
    value = clean_text(text or "")
    if _YEAR.fullmatch(value):
        born, year = None, int(value)
    else:
        born = parse_date_vi(value, field="birth")
        year = born.year
    if (born or date(year, 1, 1)) > today:
        raise ValidationError(
            "birth",
            "birth_future",
            f"Ngày sinh «{value}» ở tương lai.",
            f"The birth date '{value}' is in the future.",
        )
    if year < EARLIEST_BIRTH_YEAR:
        raise ValidationError(
            "birth",
            "birth_too_old",
            f"Năm sinh {year} trước năm {EARLIEST_BIRTH_YEAR}: kiểm tra lại.",
            f"Birth year {year} is before {EARLIEST_BIRTH_YEAR}: check it.",
        )
    return born, year


def format_date_vi(d: date) -> str:
    """Show a date the Vietnamese way: "05/03/1948"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def _invalid(field: str, value: str) -> ValidationError:
    """The date_invalid error, showing the expected form."""
    return ValidationError(
        field,
        "date_invalid",
        f"Ngày «{value}» không hợp lệ. Nhập theo dạng ngày/tháng/năm: dd/mm/yyyy, "
        "ví dụ 05/03/1948.",
        f"'{value}' is not a valid date. Use day/month/year: dd/mm/yyyy, e.g. 05/03/1948.",
    )


def local_datetime_text(iso: str | None) -> str:
    """An ISO timestamp as this computer's clock reads it, "dd/mm/yyyy HH:MM" (an aware one is
    converted; a naive one is shown as it is); "" for none, the text itself if unreadable."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")
