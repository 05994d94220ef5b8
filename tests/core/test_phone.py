import unicodedata

import pytest

from desktop_app.core.errors import ValidationError
from desktop_app.core.phone import (
    OLD_MOBILE_PREFIXES,
    OldMobileNumber,
    Phone,
    convert_old_mobile,
    parse_phone,
)


def is_vietnamese(message: str) -> bool:
    return any(unicodedata.name(ch, "").startswith("LATIN") and not ch.isascii() for ch in message)


MOBILE = Phone(e164="+84912345678", national="0912 345 678", kind="mobile")


@pytest.mark.parametrize(
    "text",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        "+84 912 345 678",
        "+84912345678",
        "84912345678",
        "0084 912 345 678",
        "912345678",  # a spreadsheet dropped the leading zero
    ],
)
def test_mobile_in_every_common_form(text):
    assert parse_phone(text) == MOBILE


def test_hanoi_landline():
    phone = parse_phone("024 3825 1234")
    assert phone == Phone(e164="+842438251234", national="024 3825 1234", kind="landline")
    assert phone.digits == "02438251234"


@pytest.mark.parametrize("text", ["0321234567", "0561234567", "0701234567", "0889123456"])
def test_new_mobile_prefixes_are_valid(text):
    assert parse_phone(text).kind == "mobile"


@pytest.mark.parametrize(
    "text",
    ["", "abc", "0521234567", "091234567", "09123456789", "12345", "+1 650 253 0000", "1800 1234"],
)
def test_invalid_numbers(text):
    with pytest.raises(ValidationError) as info:
        parse_phone(text)
    err = info.value
    assert (err.field, err.code) == ("phone", "phone_invalid")
    assert is_vietnamese(err.message_vi)


def test_old_mobile_is_refused_with_the_new_number_proposed():
    with pytest.raises(OldMobileNumber) as info:
        parse_phone("0168 123 4567")
    err = info.value
    assert isinstance(err, ValidationError)
    assert (err.field, err.code) == ("phone", "phone_old_mobile")
    assert err.suggestion == "0381234567"
    assert "0381 234 567" in err.message_vi
    assert is_vietnamese(err.message_vi)
    assert parse_phone(err.suggestion).kind == "mobile"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("01621234567", "0321234567"),
        ("01691234567", "0391234567"),
        ("01201234567", "0701234567"),
        ("01211234567", "0791234567"),
        ("01221234567", "0771234567"),
        ("01261234567", "0761234567"),
        ("01281234567", "0781234567"),
        ("01231234567", "0831234567"),
        ("01241234567", "0841234567"),
        ("01251234567", "0851234567"),
        ("01271234567", "0811234567"),
        ("01291234567", "0821234567"),
        ("01861234567", "0561234567"),
        ("01881234567", "0581234567"),
        ("01991234567", "0591234567"),
        ("+84 162 123 4567", "0321234567"),
        ("1621234567", "0321234567"),
    ],
)
def test_convert_old_mobile(old, new):
    assert convert_old_mobile(old) == new


def test_every_old_prefix_converts_to_a_valid_number():
    for old_prefix in OLD_MOBILE_PREFIXES:
        assert convert_old_mobile(old_prefix + "1234567") is not None, old_prefix


@pytest.mark.parametrize("text", ["0912345678", "02438251234", "01301234567", "", "xyz"])
def test_convert_old_mobile_leaves_other_numbers(text):
    assert convert_old_mobile(text) is None
