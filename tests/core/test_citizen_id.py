import unicodedata
from datetime import date

import pytest

from desktop_app.core.citizen_id import (
    birth_provinces,
    consistency_flags,
    is_old_cmnd,
    mask_citizen_id,
    parse_citizen_id,
    repair_spreadsheet_id,
)
from desktop_app.core.errors import ValidationError

TODAY = date(2026, 11, 27)


def is_vietnamese(message: str) -> bool:
    """True when the text has letters only Vietnamese uses (ư, ơ, đ, tone marks…)."""
    return any(unicodedata.name(ch, "").startswith("LATIN") and not ch.isascii() for ch in message)


def rejected(text, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        parse_citizen_id(text, today=TODAY, **kwargs)
    assert info.value.field == "citizen_id"
    assert is_vietnamese(info.value.message_vi)
    assert info.value.message_en and info.value.message_en != info.value.message_vi
    return info.value


def test_province_table_has_the_63_legacy_codes():
    provinces = birth_provinces()
    assert len(provinces) == 63
    assert provinces["001"] == "Hà Nội"
    assert provinces["079"] == "Hồ Chí Minh"
    assert "003" not in provinces


def test_parse_elderly_man_born_1948_in_hanoi():
    cid = parse_citizen_id("001048012345", today=TODAY)
    assert cid.number == "001048012345"
    assert cid.province_code == "001"
    assert cid.province_name == "Hà Nội"
    assert cid.sex == "male"
    assert cid.birth_century == 1900
    assert cid.birth_year_2digits == 48
    assert cid.birth_year == 1948
    assert cid.born_abroad is False


@pytest.mark.parametrize(
    ("number", "sex", "year"),
    [
        ("001152012345", "female", 1952),
        ("036205000123", "male", 2005),
        ("036310000123", "female", 2010),
        ("079099000001", "male", 1999),
    ],
)
def test_century_and_sex_digit(number, sex, year):
    cid = parse_citizen_id(number, today=TODAY)
    assert (cid.sex, cid.birth_year) == (sex, year)


def test_spaces_dots_and_dashes_are_ignored():
    assert parse_citizen_id(" 001 048 012 345 ", today=TODAY).number == "001048012345"
    assert parse_citizen_id("001.048.012.345", today=TODAY).number == "001048012345"
    assert parse_citizen_id("001-048-012345", today=TODAY).number == "001048012345"


def test_born_abroad_code_is_accepted_and_marked():
    cid = parse_citizen_id("124055001234", today=TODAY)
    assert cid.born_abroad is True
    assert cid.province_name is None
    assert cid.birth_year == 1955


def test_there_is_no_check_digit_any_serial_is_accepted():
    for serial in ("000000", "123456", "999999"):
        assert parse_citizen_id("001048" + serial, today=TODAY).number.endswith(serial)


def test_letters_are_rejected_as_format():
    assert rejected("00104801234O").code == "id_format"
    assert rejected("CCCD 001048012345").code == "id_format"


@pytest.mark.parametrize("text", ["", "00104801234", "0010480123456"])
def test_wrong_length(text):
    assert rejected(text).code == "id_length"


def test_nine_digits_point_to_the_old_id_field():
    err = rejected("012345678")
    assert err.code == "id_length"
    assert "CMND" in err.message_vi


@pytest.mark.parametrize("number", ["000048012345", "003048012345", "097048012345", "296048012345"])
def test_unknown_province_code(number):
    err = rejected(number)
    assert err.code == "id_province"
    assert number[:3] in err.message_vi


@pytest.mark.parametrize("digit", "456789")
def test_century_digit_of_a_later_century(digit):
    assert rejected(f"001{digit}48012345").code == "id_century"


def test_birth_year_in_the_future():
    assert rejected("001227012345").code == "id_future"  # 2027 > 2026
    assert parse_citizen_id("001226012345", today=TODAY).birth_year == 2026


def test_consistency_flags_never_raise():
    cid = parse_citizen_id("001152012345", today=TODAY)  # woman born 1952
    assert consistency_flags(cid, 1952, "female") == []
    assert consistency_flags(cid, 1952, "Nữ") == []
    assert consistency_flags(cid, 1951, "female") == ["id_birth_year_mismatch"]
    assert consistency_flags(cid, 1952, "male") == ["id_sex_mismatch"]
    assert consistency_flags(cid, 1950, "Nam") == ["id_birth_year_mismatch", "id_sex_mismatch"]
    assert consistency_flags(cid, None, None) == []
    assert consistency_flags(cid, None, "không rõ") == []


@pytest.mark.parametrize(
    "cell",
    [1048012345, 1048012345.0, "1048012345", "1048012345.0", " 1048012345 ", "1.048012345E+09"],
)
def test_spreadsheet_hanoi_id_gets_two_zeros_back(cell):
    assert repair_spreadsheet_id(cell, today=TODAY) == ("001048012345", "id_zeros_restored")


def test_spreadsheet_id_of_another_province_gets_one_zero_back():
    assert repair_spreadsheet_id(36152000123, today=TODAY) == ("036152000123", "id_zeros_restored")


def test_spreadsheet_id_stored_as_text_is_unchanged():
    assert repair_spreadsheet_id("001048012345", today=TODAY) == ("001048012345", None)


def test_spreadsheet_id_padding_only_when_the_result_is_valid():
    with pytest.raises(ValidationError) as info:
        repair_spreadsheet_id(3048012345, today=TODAY)  # 003 is no province
    assert info.value.code == "id_length"
    assert is_vietnamese(info.value.message_vi)
    with pytest.raises(ValidationError) as info:
        repair_spreadsheet_id("01048012345", today=TODAY)  # text kept its zero: a digit is missing
    assert info.value.code == "id_length"


def test_spreadsheet_value_rounded_by_excel_is_refused():
    with pytest.raises(ValidationError) as info:
        repair_spreadsheet_id("1.09001E+09", today=TODAY)
    assert info.value.code == "id_rounded"
    assert is_vietnamese(info.value.message_vi)


@pytest.mark.parametrize("cell", [12345678, "012345678", 123456789])
def test_spreadsheet_old_cmnd_belongs_in_the_old_id_field(cell):
    with pytest.raises(ValidationError) as info:
        repair_spreadsheet_id(cell, today=TODAY)
    assert info.value.code == "id_is_old_cmnd"
    assert "CMND" in info.value.message_vi
    assert is_vietnamese(info.value.message_vi)


def test_spreadsheet_garbage_is_a_format_error():
    for cell in (1048012345.5, "abc", True):
        with pytest.raises(ValidationError) as info:
            repair_spreadsheet_id(cell, today=TODAY)
        assert info.value.code == "id_format"


def test_mask_citizen_id():
    assert mask_citizen_id("001048012356") == "001*******56"
    assert mask_citizen_id(None) == ""
    assert mask_citizen_id("") == ""
    assert parse_citizen_id("001048012356", today=TODAY).masked == "001*******56"
    assert mask_citizen_id("123") == "***"


def test_is_old_cmnd():
    assert is_old_cmnd("012345678")
    assert is_old_cmnd("012 345 678")
    assert not is_old_cmnd("001048012345")
    assert not is_old_cmnd("01234567a")
    assert not is_old_cmnd("")
