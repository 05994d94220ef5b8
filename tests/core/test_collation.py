import re
import unicodedata
from pathlib import Path

import icu  # test-only dependency: the reference the runtime key must agree with
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import collation
from desktop_app.core.collation import compare_names, sort_key, split_name, text_sort_key

VI = icu.Collator.createInstance(icu.Locale("vi"))

# Made-up names. They cover ă â đ ê ô ơ ư, every tone, both "hoà"/"hòa" placements, case,
# one-word and four-word names, and near-ties that only a tone or case tells apart.
NAMES = [
    "Nguyễn Thị Hoà",
    "Nguyễn Thị Hòa",
    "Nguyễn Thị Hoa",
    "Nguyễn Thị Hóa",
    "Nguyễn Thị Hỏa",
    "Nguyễn Thị Họa",
    "Nguyễn Thị Hõa",
    "nguyễn thị hoa",
    "NGUYỄN THỊ HOA",
    "Trần Văn An",
    "Trần Văn Ân",
    "Trần Văn Ăn",
    "Trần Văn Ấn",
    "Trần Văn Ẩn",
    "Lê Ân",
    "Lê An",
    "Lê Anh",
    "Lê Thị Ánh",
    "Phạm Văn Dũng",
    "Phạm Văn Đức",
    "Phạm Văn Du",
    "Đặng Thu Hà",
    "Dương Thu Hà",
    "Đỗ Thu Hà",
    "Đinh Thu Hà",
    "Hoàng Thị Thu Hà",
    "Hoàng Thị Thu Hằng",
    "Hoàng Thị Hằng",
    "Vũ Ngọc Ê",
    "Vũ Ngọc Em",
    "Vũ Ngọc Ế",
    "Bùi Xuân Ôn",
    "Bùi Xuân On",
    "Bùi Xuân Ơn",
    "Bùi Xuân Ổn",
    "Bùi Xuân Ớn",
    "Bùi Xuân Ợn",
    "Ngô Thị Ư",
    "Ngô Thị Ưu",
    "Ngô Thị Uyên",
    "Ngô Thị Ứng",
    "Ngô Thị Ựng",
    "Lan",
    "Lân",
    "lan",
    "Mai",
    "Tôn Nữ Thị Mai",
    "Tôn Thất Minh Khai",
    "Công Tôn Nữ Mai",
    "Lý Văn Ba",
    "Lý Văn Bà",
    "Lý Văn Bả",
    "Lý Văn Bã",
    "Lý Văn Bá",
    "Lý Văn Bạ",
    "lý văn ba",
    "Hà Văn Gia",
    "Hà Văn Giang",
    "Hà Văn Giàng",
    "Kiều Thị Yến",
    "Kiều Thị Yên",
    "Kiều Thị Ý",
    "Kiều Thị Y",
    "Tạ Quang Vinh",
    "Tạ Quang Việt",
    "Tạ Quang Xuân",
    "Quách Thị Xuyến",
    "Phùng Văn Sơn",
    "Phùng Văn Sỏn",
    "Phùng Văn Sơn Hà",
    "Chu Đức Thắng",
    "Chu Đức Thăng",
    "Chu Đức Thằng",
    "Chu Văn Thắng",
    "Chu Thắng",
    "Mạc Thị Ngọc Ánh",
    "Mạc Thị Ánh",
]


def icu_name_key(name: str) -> tuple[bytes, bytes, bytes]:
    family, middle, given = split_name(name)
    return VI.getSortKey(given), VI.getSortKey(family), VI.getSortKey(middle)


def sign(x: int) -> int:
    return (x > 0) - (x < 0)


def test_name_list_is_large_and_unique():
    assert len(NAMES) >= 60
    assert len(set(NAMES)) == len(NAMES)
    # No two names are equal for ICU either, so the two sorted lists must be identical.
    assert len({icu_name_key(n) for n in NAMES}) == len(NAMES)


def test_sorted_by_sort_key_equals_icu_order():
    assert sorted(NAMES, key=sort_key) == sorted(NAMES, key=icu_name_key)


def test_sort_key_ignores_input_order_and_decomposition():
    decomposed = [unicodedata.normalize("NFD", n) for n in reversed(NAMES)]
    got = [unicodedata.normalize("NFC", n) for n in sorted(decomposed, key=sort_key)]
    assert got == sorted(NAMES, key=icu_name_key)


def test_people_sort_by_given_name_then_family_then_middle():
    people = ["Trần Văn Bình", "Nguyễn Văn An", "Lê Thị Bình", "Trần Anh Bình", "Đỗ An"]
    assert sorted(people, key=sort_key) == [
        "Đỗ An",
        "Nguyễn Văn An",
        "Lê Thị Bình",
        "Trần Anh Bình",
        "Trần Văn Bình",
    ]


def test_vietnamese_letters_follow_the_vietnamese_alphabet_not_code_points():
    given_names = ["Zô", "Ư", "Ơn", "Ôn", "Ên", "Đa", "Ân", "Ăn", "An", "Da", "Yên"]
    ordered = sorted(given_names, key=sort_key)
    assert ordered == ["An", "Ăn", "Ân", "Da", "Đa", "Ên", "Ôn", "Ơn", "Ư", "Yên", "Zô"]
    # Python's plain sort gets this wrong: ă, â, đ, ê, ô, ơ, ư come after z.
    assert sorted(given_names) != ordered


def test_tones_order_ngang_huyen_hoi_nga_sac_nang():
    assert sorted(["Má", "Mạ", "Mà", "Mả", "Ma", "Mã"], key=sort_key) == [
        "Ma",
        "Mà",
        "Mả",
        "Mã",
        "Má",
        "Mạ",
    ]


def test_tone_is_weaker_than_a_later_letter():
    # "Bá" < "Bạch" < "Ban": a tone only decides when the letters are equal.
    assert sorted(["Ban", "Bạch", "Bá"], key=sort_key) == ["Bá", "Bạch", "Ban"]


def test_both_tone_placements_sort_next_to_each_other_deterministically():
    assert compare_names("Nguyễn Thị Hoà", "Nguyễn Thị Hòa") == sign(VI.compare("Hoà", "Hòa"))
    assert compare_names("Lê Hoà", "Lê Hòa") != 0


def test_given_name_override_changes_the_order():
    # Called "Minh Khai": listed under M, not K.
    assert sort_key("Tôn Thất Minh Khai", given_name="Minh Khai") < sort_key("Lê Văn Nam")
    assert sort_key("Tôn Thất Minh Khai") < sort_key("Lê Văn Lâm")


def test_compare_names_is_consistent_with_sort_key():
    assert compare_names("Lê An", "Lê Ân") < 0
    assert compare_names("Lê Ân", "Lê An") > 0
    assert compare_names("Lê  An", "Lê An") == 0


def test_split_name():
    assert split_name("Nguyễn Thị Thu Hà") == ("Nguyễn", "Thị Thu", "Hà")
    assert split_name("Lê An") == ("Lê", "", "An")
    assert split_name("Lan") == ("", "", "Lan")
    assert split_name("  ") == ("", "", "")


def test_sort_key_is_compact_printable_ascii():
    for name in NAMES:
        key = sort_key(name)
        assert key.isascii() and key.isprintable()
        assert len(key) <= 3 * len(name) + 6
    # A plain all-lowercase, toneless name carries no secondary or tertiary weights at all.
    assert sort_key("lan") == text_sort_key("lan") + "!##!##"


def test_text_sort_key_orders_village_names():
    villages = ["Thôn Đông", "Thôn Đoài", "Tổ dân phố 10", "Tổ dân phố 2", "Thôn Dộc"]
    assert sorted(villages, key=text_sort_key) == sorted(villages, key=VI.getSortKey)


def test_sort_key_handles_punctuation_digits_and_other_scripts():
    names = ["H'Hen Niê", "Ksor H'Yim", "Y-Ben", "Lê Văn 2", "A Lù", "Müller"]
    assert sorted(names, key=sort_key) == sorted(names, key=icu_name_key)


def test_runtime_code_does_not_import_icu():
    source = Path(collation.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+icu\b", source, re.MULTILINE)


# --- property test against ICU ------------------------------------------------------------------

_BASES = "aăâeêioôơuưy"
_TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
_VOWELS = [unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONE_MARKS]
_LETTERS = _VOWELS + list("bcdđghklmnpqrstvx")
_ALPHABET = "".join(_LETTERS + [letter.upper() for letter in _LETTERS])
words = st.text(alphabet=_ALPHABET, min_size=0, max_size=6)


@settings(max_examples=400, deadline=None)
@given(words, words)
def test_word_order_matches_icu(a, b):
    key_order = sign((text_sort_key(a) > text_sort_key(b)) - (text_sort_key(a) < text_sort_key(b)))
    assert key_order == sign(VI.compare(a, b))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(words.filter(bool), min_size=1, max_size=4),
    st.lists(words.filter(bool), min_size=1, max_size=4),
)
def test_full_name_order_matches_icu(a_words, b_words):
    a, b = " ".join(a_words), " ".join(b_words)
    ka, kb = sort_key(a), sort_key(b)
    ia, ib = icu_name_key(a), icu_name_key(b)
    assert (ka < kb) == (ia < ib)
    assert (ka == kb) == (ia == ib)


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name_sorts_first(name):
    assert sort_key(name) < sort_key("A")
