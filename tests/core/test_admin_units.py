import unicodedata

import pytest

from desktop_app.core.admin_units import (
    LIST_VERSION,
    Commune,
    commune,
    communes,
    hanoi_communes,
    old_to_new,
)
from desktop_app.core.errors import ValidationError


def is_vietnamese(message: str) -> bool:
    return any(unicodedata.name(ch, "").startswith("LATIN") and not ch.isascii() for ch in message)


def test_list_version():
    assert LIST_VERSION == "2025-07-01"


def test_whole_country_has_3321_communes():
    assert len(communes()) == 3321


def test_hanoi_has_126_communes_51_wards_75_communes():
    units = hanoi_communes()
    assert len(units) == 126
    assert sum(u.type == "Phường" for u in units) == 51
    assert sum(u.type == "Xã" for u in units) == 75
    assert communes("01") == units
    assert communes("1") == units  # a province code that lost its zero


def test_commune_by_code_keeps_leading_zeros():
    hoan_kiem = commune("00070")
    assert hoan_kiem == Commune("00070", "Hoàn Kiếm", "Phường", "01")
    assert hoan_kiem.full_name == "Phường Hoàn Kiếm"
    assert commune("70") == hoan_kiem


def test_names_are_nfc():
    assert all(unicodedata.is_normalized("NFC", c.name) for c in communes())


def test_unknown_commune():
    with pytest.raises(ValidationError) as info:
        commune("99999")
    assert info.value.code == "commune_unknown"
    assert is_vietnamese(info.value.message_vi)


def test_unknown_list_version():
    with pytest.raises(ValidationError) as info:
        commune("00070", list_version="2030-01-01")
    assert info.value.code == "list_version_unknown"


def test_old_ward_that_went_whole_into_one_commune():
    assert old_to_new("00001") == [(commune("00097"), "full")]  # Phúc Xá → Hồng Hà


def test_old_ward_split_into_several_communes():
    pairs = old_to_new("00634")  # Phường Đại Mỗ, split into 5
    assert len(pairs) == 5
    assert {coverage for _, coverage in pairs} == {"partial"}
    # The same code means another area today: 00634 is now Phường Tây Mỗ.
    assert commune("00634").name == "Tây Mỗ"


def test_old_to_new_unknown_code_is_empty():
    assert old_to_new("99999") == []


def test_returned_lists_are_copies():
    units = hanoi_communes()
    units.clear()
    assert len(hanoi_communes()) == 126
