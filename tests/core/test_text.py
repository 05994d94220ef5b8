import unicodedata

import pytest

from desktop_app.core.text import clean_text, fold, nfc


def test_nfc_composes_windows_keyboard_input():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    assert decomposed != "Nguyễn Thị Hoà"
    assert nfc(decomposed) == "Nguyễn Thị Hoà"


def test_clean_text_strips_collapses_and_drops_invisible_characters():
    raw = "  Trần\u200b  Văn\t\tBình \ufeff\n"
    assert clean_text(raw) == "Trần Văn Bình"


def test_clean_text_normalises_to_nfc():
    assert clean_text(unicodedata.normalize("NFD", "Đặng Thu Hà")) == "Đặng Thu Hà"


@pytest.mark.parametrize(
    "text",
    [
        "Nguyễn Thị Hoà",
        "Nguyễn Thị Hòa",
        unicodedata.normalize("NFD", "Nguyễn Thị Hoà"),
        "NGUYỄN  THỊ  HOÀ",
        "nguyen thi hoa",
    ],
)
def test_fold_makes_all_spellings_of_a_name_match(text):
    assert fold(text) == "nguyen thi hoa"


def test_fold_turns_d_with_stroke_into_d():
    assert fold("Đặng") == "dang"
    assert fold("đường Đê La Thành") == "duong de la thanh"


def test_fold_removes_every_vowel_mark():
    assert fold("ăâêôơư ẮẰẲẴẶ ỨỪỬỮỰ") == "aaeoou aaaaa uuuuu"


def test_fold_of_empty_text_is_empty():
    assert fold("") == ""
    assert fold("   ") == ""
