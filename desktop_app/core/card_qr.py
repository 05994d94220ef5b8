"""The QR code on the chip ID card (CCCD / thẻ căn cước), DOMAIN.md §1.

Content: ``ID|old ID|full name|DDMMYYYY birth|sex|address|DDMMYYYY issued``. A USB scanner
"types" this text; with a Vietnamese input method on (Unikey/EVKey in Telex or VNI), the text
arrives mangled: digits eaten as tone keys, marks on consonants, two tones in one syllable.
Mangled text is refused with a hint to switch the input method off, never "repaired" by guessing.
"""

import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from desktop_app.core.citizen_id import parse_citizen_id
from desktop_app.core.dates import parse_date_vi
from desktop_app.core.errors import ValidationError
from desktop_app.core.text import clean_text, fold, nfc

FIELD = "card_qr"
FIELD_COUNT = 7
_TONES = set("\u0300\u0301\u0303\u0309\u0323")
_VOWEL_MARKS = {"\u0302": "aeo", "\u0306": "a", "\u031b": "ou"}
_VOWELS = "aeiouy"


@dataclass(frozen=True)
class CardQr:
    """What the card's QR code says."""

    citizen_id: str
    old_id: str | None
    full_name: str
    birth_date: date | None  # None when the card gives only a year (day and month "00")
    sex: str  # "male" | "female"
    address: str
    issued_on: date | None
    birth_year: int = 0


@dataclass(frozen=True)
class FieldDiff:
    """A field where the card and the stored record disagree."""

    field: str
    record_value: object
    card_value: object


def parse_card_qr(text: str, today: date | None = None) -> CardQr:
    """Read the scanned text of a card QR code.

    Raises ``ValidationError`` code ``qr_ime_mangled`` when a Vietnamese input method changed
    the text while the scanner typed it, ``qr_format`` when the text is not a card QR code, and
    the ``citizen_id`` errors of ``parse_citizen_id`` when the ID number itself is impossible.
    """
    value = nfc(text or "").strip().replace("\r", "").replace("\n", "")
    fields = [f.strip() for f in value.split("|")]
    while len(fields) > FIELD_COUNT and fields[-1] == "":
        fields.pop()  # some scanners add a trailing separator
    if _mangling_signs(fields):
        raise _mangled()
    if len(fields) != FIELD_COUNT:
        raise _format(f"có {len(fields)} phần thay vì 7", f"it has {len(fields)} parts, not 7")
    id_text, old_id, name, birth_text, sex_text, address, issued_text = fields
    if not re.fullmatch(r"\d{12}", id_text):
        raise _format("số định danh không đủ 12 chữ số", "the ID number is not 12 digits")
    if old_id and not re.fullmatch(r"\d{9}|\d{12}", old_id):
        raise _format("số CMND cũ không phải 9 hay 12 chữ số", "the old ID is not 9 or 12 digits")
    cid = parse_citizen_id(id_text, today)
    birth_date, birth_year = _card_birth(birth_text)
    sex = _card_sex(sex_text)
    full_name = clean_text(name)
    if not full_name:
        raise _format("thiếu họ tên", "the name is missing")
    return CardQr(
        citizen_id=cid.number,
        old_id=old_id or None,
        full_name=full_name,
        birth_date=birth_date,
        sex=sex,
        address=clean_text(address),
        issued_on=_card_date(issued_text) if issued_text else None,
        birth_year=birth_year,
    )


def compare_card_with_record(qr: CardQr, record: dict) -> list[FieldDiff]:
    """Fields where a stored person record disagrees with the card, for the user to review.

    ``record`` may hold citizen_id, old_id, full_name, birth_date (a ``date`` or "dd/mm/yyyy"),
    birth_year and sex ("male"/"female" or "Nam"/"Nữ"). Names are compared with their marks:
    "Hoà"/"Hòa" (where the tone mark sits) and case are not differences; "Hà"/"Hạ" is, and so is
    a card name without any marks ("NGUYEN VAN AN": the scanner or the card lost its letters).
    An empty record field the card fills is a diff.
    """
    diffs = []
    if _digits(record.get("citizen_id")) != qr.citizen_id:
        diffs.append(FieldDiff("citizen_id", record.get("citizen_id"), qr.citizen_id))
    record_old = _digits(record.get("old_id")) or None
    if qr.old_id and record_old != qr.old_id:
        diffs.append(FieldDiff("old_id", record.get("old_id"), qr.old_id))
    if _name_key(record.get("full_name") or "") != _name_key(qr.full_name):
        diffs.append(FieldDiff("full_name", record.get("full_name"), qr.full_name))
    diffs.extend(_birth_diffs(qr, record))
    if _sex_or_none(record.get("sex")) != qr.sex:
        diffs.append(FieldDiff("sex", record.get("sex"), qr.sex))
    return diffs


def _name_key(name: str) -> tuple:
    """A name as compared with a card's: per word, its letters with their vowel marks (â, ă, ơ,
    ư, đ) and its tone, wherever the tone mark sits ("hoà" and "hòa" are one name), ignoring
    case."""
    key = []
    for word in clean_text(name).casefold().split():
        letters, tones = [], []
        for ch in unicodedata.normalize("NFD", word):
            (tones if ch in _TONES else letters).append(ch)
        key.append((unicodedata.normalize("NFC", "".join(letters)), tuple(sorted(tones))))
    return tuple(key)


def _mangling_signs(fields: list[str]) -> list[str]:
    """Reasons to believe an input method rewrote the scanned text (empty when it looks clean)."""
    signs = []
    if len(fields) < 5:
        return signs  # not shaped like a card QR at all: a format error, not an input method
    if len(fields) == FIELD_COUNT:
        # ID, old ID and the two dates are digits only on every card; anything else among the
        # digits is VNI eating digits as tone keys, or Telex marks landing on them.
        signs += [f"field {i} is not digits" for i in (0, 1, 3, 6) if re.search(r"\D", fields[i])]
        sex = fields[4]
        # "Nữ" typed through Telex comes out as "Nuwx", "Nưx", "Nũw"…
        if sex and _sex_or_none(sex) is None and fold(sex).startswith("n") and len(sex) <= 5:
            signs.append("sex field mangled")
    # With a wrong field count the fields are not where they should be: look at every word.
    for word in " ".join(fields).split():
        tones = 0
        base = ""
        for ch in unicodedata.normalize("NFD", word):
            if not unicodedata.combining(ch):
                base = ch.lower()
                continue
            if ch in _TONES:
                tones += 1
                if base not in _VOWELS:
                    signs.append(f"tone on {base!r}")
            elif ch in _VOWEL_MARKS and base not in _VOWEL_MARKS[ch]:
                signs.append(f"vowel mark on {base!r}")
            elif ch not in _VOWEL_MARKS:
                signs.append("unexpected mark")
        if tones > 1:
            signs.append(f"two tones in {word!r}")
    return signs


def _card_birth(text: str) -> tuple[date | None, int]:
    """(birth date or None, birth year) from the card's DDMMYYYY; 00 day/month = year only."""
    if not re.fullmatch(r"\d{8}", text):
        raise _format("ngày sinh không phải dạng ngàythángnăm 8 chữ số", "birth is not DDMMYYYY")
    if text[:2] == "00" or text[2:4] == "00":
        return None, int(text[4:])  # year of birth only
    born = _card_date(text)
    return born, born.year


def _card_date(text: str) -> date:
    """A DDMMYYYY date of the card."""
    if not re.fullmatch(r"\d{8}", text):
        raise _format("ngày không phải dạng ngàythángnăm 8 chữ số", "a date is not DDMMYYYY")
    try:
        return parse_date_vi(f"{text[:2]}/{text[2:4]}/{text[4:]}")
    except ValidationError:
        raise _format(f"ngày «{text}» không tồn tại", f"the date '{text}' does not exist") from None


def _card_sex(text: str) -> str:
    """'male'/'female' from the card's Nam/Nữ."""
    sex = _sex_or_none(text)
    if sex is None:
        raise _format(f"giới tính «{text}» không phải Nam/Nữ", f"sex '{text}' is not Nam/Nữ")
    return sex


def _sex_or_none(value: object) -> str | None:
    """'male'/'female' from Nam/Nữ or the app's values; None when unknown."""
    folded = fold(str(value or ""))
    if folded in ("nam", "male"):
        return "male"
    if folded in ("nu", "female"):
        return "female"
    return None


def _birth_diffs(qr: CardQr, record: dict) -> list[FieldDiff]:
    """The birth date or year difference between card and record, if any."""
    recorded = record.get("birth_date")
    if isinstance(recorded, str) and recorded.strip():
        # Unreadable text stays text: it then shows as a difference.
        with suppress(ValidationError):
            recorded = parse_date_vi(recorded)
    if recorded:
        if qr.birth_date is None:
            if not isinstance(recorded, date) or recorded.year != qr.birth_year:
                return [FieldDiff("birth_year", record.get("birth_date"), qr.birth_year)]
            return []
        if recorded != qr.birth_date:
            return [FieldDiff("birth_date", record.get("birth_date"), qr.birth_date)]
        return []
    recorded_year = record.get("birth_year")
    if recorded_year:
        if int(recorded_year) != qr.birth_year:
            return [FieldDiff("birth_year", recorded_year, qr.birth_year)]
        return []
    card_value = qr.birth_date if qr.birth_date else qr.birth_year
    return [FieldDiff("birth_date" if qr.birth_date else "birth_year", None, card_value)]


def _digits(value: object) -> str:
    """The value as text without spaces, dots or dashes."""
    return re.sub(r"[\s.\-]", "", str(value or ""))


def _mangled() -> ValidationError:
    """The error asking to switch the Vietnamese input method off."""
    return ValidationError(
        FIELD,
        "qr_ime_mangled",
        "Nội dung mã QR bị bộ gõ tiếng Việt làm sai. Tắt bộ gõ tiếng Việt (Unikey/EVKey) rồi "
        "quét lại.",
        "A Vietnamese input method changed the scanned QR text. Switch off the Vietnamese "
        "input method (Unikey/EVKey) and scan again.",
    )


def _format(reason_vi: str, reason_en: str) -> ValidationError:
    """The error for text that is not a card QR code."""
    return ValidationError(
        FIELD,
        "qr_format",
        f"Đây không phải mã QR của thẻ căn cước ({reason_vi}).",
        f"This is not an ID card QR code ({reason_en}).",
    )
