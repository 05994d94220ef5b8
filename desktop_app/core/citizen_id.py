"""The 12-digit personal identification number (số định danh cá nhân), DOMAIN.md §1.

Layout ``PPP G YY NNNNNN``: birth-registration province (legacy 63-province list, or 101–295 for
a country of birth abroad), century-and-sex digit, last two digits of the birth year, serial.
There is **no check digit**: a well-formed number can still be someone else's, which is why the
commune police verify identities and this module only checks the structure.
"""

import csv
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from desktop_app.core.errors import ValidationError
from desktop_app.core.text import fold
from desktop_app.paths import DATA

FIELD = "citizen_id"
ABROAD_CODES = range(101, 296)
_SEPARATORS = re.compile(r"[\s.\-]+")
_CENTURY = {0: 1900, 1: 1900, 2: 2000, 3: 2000}


@cache
def birth_provinces() -> dict[str, str]:
    """The legacy province codes of the ID number ("001" → "Hà Nội"), from the shipped CSV."""
    with open(DATA / "cccd_birth_province_codes.csv", encoding="utf-8", newline="") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


@dataclass(frozen=True)
class CitizenId:
    """A structurally valid ID number and what its digits say about the person."""

    number: str
    province_code: str
    province_name: str | None  # None when born abroad (codes 101–295)
    sex: str  # "male" | "female"
    birth_century: int  # 1900 or 2000
    birth_year_2digits: int
    born_abroad: bool

    @property
    def birth_year(self) -> int:
        """The birth year the number implies."""
        return self.birth_century + self.birth_year_2digits

    @property
    def masked(self) -> str:
        """The number as it may be shown on screen and in print: ``001*******56``."""
        return mask_citizen_id(self.number)


def parse_citizen_id(text: str, today: date | None = None) -> CitizenId:
    """Check and decode an ID number typed or imported as text.

    Spaces, dots and dashes are ignored. Raises ``ValidationError(field="citizen_id")`` with code
    ``id_format`` (not digits), ``id_length`` (not 12 digits), ``id_province`` (unknown
    province/country code), ``id_century`` (century digit 4–9) or ``id_future`` (birth year
    after this year).
    """
    number = _SEPARATORS.sub("", text or "")
    if not number:
        raise ValidationError(
            FIELD,
            "id_length",
            "Chưa nhập số định danh (12 chữ số).",
            "The ID number is empty (it has 12 digits).",
        )
    if not (number.isascii() and number.isdigit()):
        raise ValidationError(
            FIELD,
            "id_format",
            f"Số định danh chỉ gồm chữ số; «{text.strip()}» có ký tự khác.",
            f"An ID number has digits only; '{text.strip()}' has other characters.",
        )
    if len(number) != 12:
        hint_vi = hint_en = ""
        if len(number) == 9:
            hint_vi = " Số 9 chữ số là CMND cũ: hãy nhập vào ô «Số CMND cũ»."
            hint_en = " A 9-digit number is an old ID card (CMND): enter it as the old ID."
        raise ValidationError(
            FIELD,
            "id_length",
            f"Số định danh phải có đúng 12 chữ số (số đã nhập có {len(number)}).{hint_vi}",
            f"An ID number has exactly 12 digits (this one has {len(number)}).{hint_en}",
        )
    province_code = number[:3]
    province_name = birth_provinces().get(province_code)
    born_abroad = province_name is None and int(province_code) in ABROAD_CODES
    if province_name is None and not born_abroad:
        raise ValidationError(
            FIELD,
            "id_province",
            f"Mã tỉnh nơi đăng ký khai sinh «{province_code}» (3 chữ số đầu) không tồn tại. "
            "Kiểm tra lại số định danh.",
            f"The birth-registration province code '{province_code}' (first 3 digits) does not "
            "exist. Check the ID number.",
        )
    century_digit = int(number[3])
    if century_digit not in _CENTURY:
        raise ValidationError(
            FIELD,
            "id_century",
            f"Chữ số thứ tư «{century_digit}» (thế kỷ sinh, giới tính) chỉ có thể là 0, 1, 2 "
            "hoặc 3. Kiểm tra lại số định danh.",
            f"The fourth digit '{century_digit}' (century of birth and sex) can only be 0, 1, 2 "
            "or 3. Check the ID number.",
        )
    cid = CitizenId(
        number=number,
        province_code=province_code,
        province_name=province_name,
        sex="male" if century_digit % 2 == 0 else "female",
        birth_century=_CENTURY[century_digit],
        birth_year_2digits=int(number[4:6]),
        born_abroad=born_abroad,
    )
    this_year = (today or date.today()).year
    if cid.birth_year > this_year:
        raise ValidationError(
            FIELD,
            "id_future",
            f"Số định danh cho năm sinh {cid.birth_year}, sau năm nay. Kiểm tra lại chữ số "
            "thứ 4 đến thứ 6.",
            f"The ID number implies birth year {cid.birth_year}, after this year. Check digits "
            "4 to 6.",
        )
    return cid


def consistency_flags(cid: CitizenId, birth_year: int | None, sex: str | None) -> list[str]:
    """Data-quality flags where the number disagrees with the recorded birth year or sex.

    Returns a subset of ``["id_birth_year_mismatch", "id_sex_mismatch"]``; unknown values raise
    nothing and flag nothing: the police officer decides which one is wrong.
    """
    flags = []
    if birth_year is not None and birth_year != cid.birth_year:
        flags.append("id_birth_year_mismatch")
    recorded_sex = _normalise_sex(sex)
    if recorded_sex is not None and recorded_sex != cid.sex:
        flags.append("id_sex_mismatch")
    return flags


def repair_spreadsheet_id(raw: object, today: date | None = None) -> tuple[str, str | None]:
    """Turn an ID number read from a spreadsheet cell back into 12-digit text.

    Excel stores a typed ID as a number and drops its leading zeros (two for Hà Nội's 001).
    Returns ``(number, None)`` for a valid 12-digit value, or ``(number, "id_zeros_restored")``
    when zeros were put back and the result is a valid number. Raises ``ValidationError``
    otherwise; code ``id_is_old_cmnd`` for an old 9-digit CMND, ``id_rounded`` for a value that
    Excel already rounded (``1.09001E+09``).
    """
    digits = _cell_digits(raw)
    if len(digits) == 9:
        raise ValidationError(
            FIELD,
            "id_is_old_cmnd",
            f"«{digits}» là số CMND cũ (9 chữ số), không phải số định danh: hãy nhập vào ô "
            "«Số CMND cũ».",
            f"'{digits}' is an old 9-digit ID card number (CMND), not a personal ID number: "
            "enter it in the old ID field.",
        )
    if len(digits) == 8 and not digits.startswith("0"):
        raise ValidationError(
            FIELD,
            "id_is_old_cmnd",
            f"«{digits}» có vẻ là số CMND cũ «0{digits}» bị Excel mất số 0 đầu, không phải số "
            "định danh: hãy nhập vào ô «Số CMND cũ».",
            f"'{digits}' looks like the old ID card number (CMND) '0{digits}' with its leading "
            "zero lost by Excel, not a personal ID number: enter it in the old ID field.",
        )
    if len(digits) in (10, 11) and not digits.startswith("0"):
        padded = digits.zfill(12)
        try:
            return parse_citizen_id(padded, today).number, "id_zeros_restored"
        except ValidationError:
            raise ValidationError(
                FIELD,
                "id_length",
                f"Số định danh phải có 12 chữ số; «{digits}» có {len(digits)} và thêm số 0 vào "
                "đầu cũng không thành số hợp lệ.",
                f"An ID number has 12 digits; '{digits}' has {len(digits)}, and adding leading "
                "zeros does not make a valid number.",
            ) from None
    return parse_citizen_id(digits, today).number, None


def mask_citizen_id(number: str | None) -> str:
    """Mask an ID number for display: first 3 and last 2 digits shown (``001*******56``)."""
    if not number:
        return ""
    number = _SEPARATORS.sub("", number)
    if len(number) < 8:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 5) + number[-2:]


def is_old_cmnd(text: str) -> bool:
    """True for an old 9-digit identity card (CMND) number."""
    number = _SEPARATORS.sub("", text or "")
    return len(number) == 9 and number.isascii() and number.isdigit()


def _normalise_sex(sex: str | None) -> str | None:
    """'male'/'female' from the app's values or Nam/Nữ; None when unknown."""
    value = fold(sex or "")
    if value in ("male", "nam", "m"):
        return "male"
    if value in ("female", "nu", "f"):
        return "female"
    return None


def _cell_digits(raw: object) -> str:
    """The digits of a spreadsheet cell, undoing Excel's number formatting."""
    if isinstance(raw, bool):
        raise _not_a_number(str(raw))
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        if not raw.is_integer():
            raise _not_a_number(repr(raw))
        return str(int(raw))
    text = re.sub(r"\s+", "", str(raw or ""))
    if re.fullmatch(r"\d+\.0+", text):  # a number cell read back as text: "1090012345.0"
        return text.split(".")[0]
    if re.fullmatch(r"\d+(\.\d+)?[eE]\+?\d+", text):
        value = Decimal(text)
        if value.adjusted() > 20:
            raise _not_a_number(str(raw))
        shown_digits = len(value.as_tuple().digits)
        if value != value.to_integral_value() or len(str(int(value))) > shown_digits:
            # "1.09001E+09" is what Excel shows and saves to CSV; the lost digits are gone.
            raise ValidationError(
                FIELD,
                "id_rounded",
                f"«{raw}» đã bị Excel làm tròn thành dạng số mũ, mất chữ số. Hãy định dạng cột "
                "là Văn bản (Text) trong tệp gốc rồi xuất lại.",
                f"'{raw}' was rounded by Excel into scientific notation and lost digits. Format "
                "the column as Text in the original file and export again.",
            )
        return str(int(value))
    return _SEPARATORS.sub("", text)


def _not_a_number(shown: str) -> ValidationError:
    """The error for a cell that holds no whole number."""
    return ValidationError(
        FIELD,
        "id_format",
        f"Số định danh chỉ gồm chữ số; «{shown}» không phải.",
        f"An ID number has digits only; '{shown}' is not.",
    )
