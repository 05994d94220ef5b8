import unicodedata
from datetime import date

import pytest

from desktop_app.core.dates import format_date_vi, parse_birth, parse_date_vi
from desktop_app.core.errors import ValidationError

TODAY = date(2026, 11, 27)


def is_vietnamese(message: str) -> bool:
    return any(unicodedata.name(ch, "").startswith("LATIN") and not ch.isascii() for ch in message)


@pytest.mark.parametrize(
    "text",
    ["05/03/1948", "5/3/1948", "05-03-1948", "05.03.1948", "1948-03-05", " 5 / 3 / 1948 "],
)
def test_parse_date_vi_accepts_common_forms(text):
    assert parse_date_vi(text) == date(1948, 3, 5)


def test_day_comes_first():
    assert parse_date_vi("03/05/1948") == date(1948, 5, 3)


@pytest.mark.parametrize(
    "text", ["", "31/02/1950", "13/13/1950", "5/3/48", "1948", "05/03-1948", "ngày 5", "1948/03/05"]
)
def test_parse_date_vi_rejects(text):
    with pytest.raises(ValidationError) as info:
        parse_date_vi(text)
    err = info.value
    assert err.code == "date_invalid"
    assert "dd/mm/yyyy" in err.message_vi
    assert is_vietnamese(err.message_vi)


def test_format_date_vi():
    assert format_date_vi(date(1948, 3, 5)) == "05/03/1948"


def test_parse_birth_full_date():
    assert parse_birth("05/03/1948", today=TODAY) == (date(1948, 3, 5), 1948)


def test_parse_birth_year_only():
    assert parse_birth("1948", today=TODAY) == (None, 1948)
    assert parse_birth(" 1948 ", today=TODAY) == (None, 1948)


def test_parse_birth_today_and_this_year_are_fine():
    assert parse_birth("27/11/2026", today=TODAY) == (TODAY, 2026)
    assert parse_birth("2026", today=TODAY) == (None, 2026)


@pytest.mark.parametrize("text", ["28/11/2026", "2027"])
def test_parse_birth_rejects_the_future(text):
    with pytest.raises(ValidationError) as info:
        parse_birth(text, today=TODAY)
    assert info.value.code == "birth_future"
    assert is_vietnamese(info.value.message_vi)


@pytest.mark.parametrize("text", ["1899", "31/12/1899"])
def test_parse_birth_rejects_before_1900(text):
    with pytest.raises(ValidationError) as info:
        parse_birth(text, today=TODAY)
    assert info.value.code == "birth_too_old"
    assert is_vietnamese(info.value.message_vi)


def test_parse_birth_rejects_nonsense_as_an_invalid_date():
    with pytest.raises(ValidationError) as info:
        parse_birth("khoảng 1948", today=TODAY)
    assert info.value.code == "date_invalid"
    assert info.value.field == "birth"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15.12.26", date(2026, 12, 15)),
        ("5/3/25", date(2025, 3, 5)),
        ("05-11-26", date(2026, 11, 5)),
        ("15/01/27", date(2027, 1, 15)),  # a follow-up next year
    ],
)
def test_a_payment_or_visit_date_may_have_a_two_digit_year(text, expected):
    assert parse_date_vi(text, recent=True, today=date(2026, 12, 5)) == expected
    with pytest.raises(ValidationError):
        parse_date_vi(text)  # a birth date never: "48" could be 1948 or 2048


@pytest.mark.parametrize("text", ["11/12/20", "11/12/24", "11/12/28"])
def test_a_two_digit_year_far_from_today_is_a_year_half_typed(text):
    with pytest.raises(ValidationError):
        parse_date_vi(text, recent=True, today=date(2026, 12, 5))


def test_a_two_digit_year_is_still_checked_as_a_date():
    with pytest.raises(ValidationError):
        parse_date_vi("31.02.26", recent=True)
    with pytest.raises(ValidationError):
        parse_date_vi("15.12.2", recent=True)
