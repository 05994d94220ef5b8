import unicodedata
from datetime import date

import pytest

from desktop_app.core.card_qr import CardQr, FieldDiff, compare_card_with_record, parse_card_qr
from desktop_app.core.errors import ValidationError

TODAY = date(2026, 11, 27)
ADDRESS = "Số 12 ngõ 34 phố Hàng Bông, Phường Hoàn Kiếm, Hà Nội"
QR = f"001048012345|012345678|Nguyễn Văn An|05031948|Nam|{ADDRESS}|15082021"


def is_vietnamese(message: str) -> bool:
    return any(unicodedata.name(ch, "").startswith("LATIN") and not ch.isascii() for ch in message)


def qr_error(text: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        parse_card_qr(text, today=TODAY)
    assert is_vietnamese(info.value.message_vi)
    return info.value


def test_parse_card_qr():
    assert parse_card_qr(QR, today=TODAY) == CardQr(
        citizen_id="001048012345",
        old_id="012345678",
        full_name="Nguyễn Văn An",
        birth_date=date(1948, 3, 5),
        sex="male",
        address=ADDRESS,
        issued_on=date(2021, 8, 15),
        birth_year=1948,
    )


def test_parse_card_qr_normalises_decomposed_text_and_line_ending():
    card = parse_card_qr(unicodedata.normalize("NFD", QR) + "\r\n", today=TODAY)
    assert card.full_name == "Nguyễn Văn An"
    assert card.address == ADDRESS


def test_card_without_old_id_woman_and_trailing_separator():
    text = f"001152012345||Trần Thị Hoà|00001952|Nữ|{ADDRESS}|01022022|"
    card = parse_card_qr(text, today=TODAY)
    assert card.old_id is None
    assert card.sex == "female"
    assert card.birth_date is None  # the card gives the year only
    assert card.birth_year == 1952


@pytest.mark.parametrize(
    "text",
    [
        QR.replace("001048012345", "0010480123ê5"),  # VNI ate a digit as a mark
        QR.replace("05031948", "0503194ă"),
        QR.replace("15082021", "1508202ư"),
        QR.replace("Nguyễn", "Ngũyễn"),  # two tones in one syllable
        QR.replace("Nguyễn", "Nguyêñ"),  # a tone on a consonant
        QR.replace("|Nam|", "|Nuwx|"),  # "Nữ" typed through Telex
        QR.replace("Nguyễn", "Ngũyễn").replace("|Nam|", "||Nam|"),  # and a wrong field count
    ],
)
def test_input_method_mangling_asks_to_switch_unikey_off(text):
    err = qr_error(text)
    assert err.code == "qr_ime_mangled"
    assert "Tắt bộ gõ tiếng Việt (Unikey/EVKey) rồi quét lại" in err.message_vi
    assert "input method" in err.message_en


@pytest.mark.parametrize(
    "text",
    [
        "",
        "https://example.vn/thanh-toan?id=1",
        QR.replace("|Nam|", "||Nam|"),  # one separator too many, no other sign
        QR.rsplit("|", 1)[0],  # issue date missing
        QR.replace("001048012345", "00104801234"),
        QR.replace("012345678", "01234567"),
        QR.replace("05031948", "31021948"),
        QR.replace("|Nam|", "|Không rõ|"),
        QR.replace("Nguyễn Văn An", " "),
    ],
)
def test_other_malformed_text_is_a_format_error(text):
    assert qr_error(text).code == "qr_format"


def test_impossible_id_number_reports_the_id_problem():
    err = qr_error(QR.replace("001048012345", "003048012345"))
    assert (err.field, err.code) == ("citizen_id", "id_province")


RECORD = {
    "citizen_id": "001048012345",
    "old_id": "012345678",
    "full_name": "Nguyễn Văn An",
    "birth_date": date(1948, 3, 5),
    "birth_year": 1948,
    "sex": "male",
}


def test_matching_record_has_no_differences():
    card = parse_card_qr(QR, today=TODAY)
    assert compare_card_with_record(card, RECORD) == []


def test_name_differences_of_tone_placement_or_case_are_not_differences():
    card = parse_card_qr(QR.replace("Nguyễn Văn An", "Lê Thị Hoà"), today=TODAY)
    record = {**RECORD, "full_name": "LÊ THỊ HÒA", "birth_date": "05/03/1948", "sex": "Nam"}
    assert compare_card_with_record(card, record) == []


def test_differences_are_listed_per_field():
    card = parse_card_qr(QR, today=TODAY)
    record = {
        "citizen_id": "001048012346",
        "old_id": "",
        "full_name": "Nguyễn Văn Anh",
        "birth_date": "06/03/1948",
        "sex": "female",
    }
    assert compare_card_with_record(card, record) == [
        FieldDiff("citizen_id", "001048012346", "001048012345"),
        FieldDiff("old_id", "", "012345678"),
        FieldDiff("full_name", "Nguyễn Văn Anh", "Nguyễn Văn An"),
        FieldDiff("birth_date", "06/03/1948", date(1948, 3, 5)),
        FieldDiff("sex", "female", "male"),
    ]


def test_record_with_birth_year_only_is_compared_by_year():
    card = parse_card_qr(QR, today=TODAY)
    assert compare_card_with_record(card, {**RECORD, "birth_date": None}) == []
    assert compare_card_with_record(card, {**RECORD, "birth_date": None, "birth_year": 1949}) == [
        FieldDiff("birth_year", 1949, 1948)
    ]


def test_card_with_year_only_against_a_record_with_a_full_date():
    card = parse_card_qr(QR.replace("05031948", "00001948"), today=TODAY)
    assert compare_card_with_record(card, RECORD) == []
    other = {**RECORD, "birth_date": date(1950, 1, 1)}
    assert compare_card_with_record(card, other) == [
        FieldDiff("birth_year", date(1950, 1, 1), 1948)
    ]


def test_empty_record_gets_every_card_value_as_a_difference():
    card = parse_card_qr(QR, today=TODAY)
    diffs = compare_card_with_record(card, {})
    assert [d.field for d in diffs] == ["citizen_id", "old_id", "full_name", "birth_date", "sex"]
    assert all(d.record_value is None for d in diffs)


@pytest.mark.parametrize(
    ("recorded", "on_card", "differs"),
    [
        ("Lê Thị Hòa", "LÊ THỊ HOÀ", False),  # where the tone mark sits, and case
        ("Nguyễn Văn An", "Nguyễn Văn  An", False),
        ("Lê Thị Hà", "Lê Thị Hạ", True),  # another tone is another name
        ("Nguyễn Văn An", "Nguyễn Văn Ân", True),
        ("Nguyễn Văn An", "NGUYEN VAN AN", True),  # a card name without marks is looked at
        ("Đỗ Văn Đức", "Do Van Duc", True),
    ],
)
def test_names_are_compared_with_their_marks(recorded, on_card, differs):
    card = parse_card_qr(QR.replace("Nguyễn Văn An", on_card), today=TODAY)
    diffs = compare_card_with_record(card, {**RECORD, "full_name": recorded})
    assert ("full_name" in [d.field for d in diffs]) is differs
