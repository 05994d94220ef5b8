"""Old Vietnamese encodings: TCVN3 (ABC), VNI and Windows-1258 read as Windows-1252."""

import unicodedata

import pytest

from desktop_app.core.legacy_encodings import (
    CP1258,
    TCVN3,
    UNICODE,
    VNI,
    convert,
    detect_encoding,
    encode,
)

BASES = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
ALL_LOWER = [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES]

# Made-up names, between them every vowel with every tone, plus đ and Đ.
NAMES = [
    "Đỗ Thị Ánh Nguyệt",
    "Nguyễn Văn Đức",
    "Trần Thị Hoà",
    "Phạm Quốc Hưởng",
    "Lê Thị Ỷ Lan",
    "Bùi Đình Lữ",
    "Hoàng Thị Yến Ngọc",
    "Vũ Mạnh Cường",
    "Đặng Thị Huyền Trang",
    "Ngô Quý Thuỷ",
    "Lý Thị Mỹ Dung",
    "Trịnh Văn Sửu",
]


def syllables(lower: bool) -> list[str]:
    out = []
    for vowel in ALL_LOWER:
        out.append(f"đ{vowel}n")
        if not lower:
            out.append(f"Đ{vowel.upper()}N")
            out.append(f"{vowel.upper()}nh")
    return out


def test_known_examples():
    assert convert("B¶o Th¾ng", TCVN3) == "Bảo Thắng"
    assert convert("NguyÔn V¨n §øc", TCVN3) == "Nguyễn Văn Đức"
    assert convert("Nguyeãn Vaên Ñöùc", VNI) == "Nguyễn Văn Đức"
    assert convert("Hoaøng Thò Yeán", VNI) == "Hoàng Thị Yến"


def test_tcvn3_capitals_typed_with_vntimeh_fonts_come_back_as_capitals():
    assert convert("NGUYÔN V¡N A", TCVN3) == "NGUYỄN VĂN A"
    assert convert("Lª Hµ", TCVN3) == "Lê Hà"


@pytest.mark.parametrize("encoding", [VNI, CP1258])
def test_round_trip_every_vowel_every_tone_both_cases(encoding):
    for text in syllables(lower=False) + NAMES:
        legacy = encode(text, encoding)
        assert convert(legacy, encoding) == text, (text, legacy)


def test_tcvn3_round_trip_every_vowel_every_tone():
    # VN3 has no capital toned letters (they were typed with .VnTimeH fonts): test lowercase,
    # plus the capitals it does have.
    for text in syllables(lower=True) + ["Ă Â Ê Ô Ơ Ư Đ"]:
        legacy = encode(text, TCVN3)
        assert legacy != text or text.isascii()
        assert convert(legacy, TCVN3) == text, (text, legacy)


def test_tcvn3_table_is_one_byte_per_letter_and_covers_all_134():
    for letter in ALL_LOWER + ["đ"]:
        code = encode(letter, TCVN3)
        assert len(code) == 1
    codes = [encode(letter, TCVN3) for letter in ALL_LOWER + ["đ"] if not letter.isascii()]
    assert len(set(codes)) == len(codes)


def test_convert_returns_nfc():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    assert convert(decomposed, UNICODE) == "Nguyễn Thị Hoà"
    assert unicodedata.is_normalized("NFC", convert(encode("Nguyễn", CP1258), CP1258))


@pytest.mark.parametrize("encoding", [UNICODE, TCVN3, VNI, CP1258])
def test_detect_encoding_of_a_list_of_names(encoding):
    texts = [encode(name, encoding) for name in NAMES]
    assert detect_encoding(texts) == encoding


def test_detect_plain_ascii_and_empty_is_unicode():
    assert detect_encoding([]) == UNICODE
    assert detect_encoding(["Nguyen Van A", "123", ""]) == UNICODE


def test_detect_decomposed_unicode_is_unicode():
    texts = [unicodedata.normalize("NFD", name) for name in NAMES]
    assert detect_encoding(texts) == UNICODE


def test_unicode_names_with_only_latin1_letters_stay_unicode():
    assert detect_encoding(["Lê Hà", "Tô Tú", "Hà Thị Mến"]) == UNICODE


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError):
        convert("x", "koi8")
