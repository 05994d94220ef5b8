"""Vietnamese phone numbers (DOMAIN.md §3), validated by the ``phonenumbers`` library.

Prefix lists written by hand go stale, so validity is the library's; this module only undoes what
spreadsheets and old lists do to numbers: spaces and dots, a country code with or without "+",
a leading zero dropped by Excel, and the 11-digit mobiles renumbered in 2018.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop_app.core.errors import ValidationError
from desktop_app.core.text import clean_text

FIELD = "phone"
REGION = "VN"

# 11-digit mobile prefixes retired in 2018 and their 10-digit replacements.
OLD_MOBILE_PREFIXES = {
    **{f"016{d}": f"03{d}" for d in "23456789"},
    "0120": "070",
    "0121": "079",
    "0122": "077",
    "0126": "076",
    "0128": "078",
    "0123": "083",
    "0124": "084",
    "0125": "085",
    "0127": "081",
    "0129": "082",
    "0186": "056",
    "0188": "058",
    "0199": "059",
}
_PUNCTUATION = re.compile(r"[\s.\-()/]+")


@lru_cache(maxsize=1)
def _lib():
    """The phonenumbers library, loaded the first time a number is read (its metadata is ~20 ms
    of the app's start-up otherwise; issue 17). A plain import statement, so that the
    installer's build (PyInstaller) still finds it."""
    import phonenumbers

    return phonenumbers


@lru_cache(maxsize=1)
def _kinds() -> dict:
    types = _lib().PhoneNumberType
    return {
        types.MOBILE: "mobile",
        types.FIXED_LINE: "landline",
        types.FIXED_LINE_OR_MOBILE: "mobile",
    }


@dataclass(frozen=True)
class Phone:
    """A valid Vietnamese phone number."""

    e164: str  # "+84912345678": the form to store and compare
    national: str  # "0912 345 678": the form to show
    kind: str  # "mobile" | "landline"

    @property
    def digits(self) -> str:
        """The national number without spaces: "0912345678"."""
        return "0" + self.e164.removeprefix("+84")


class OldMobileNumber(ValidationError):
    """An 11-digit mobile number from before 2018; ``suggestion`` is its 10-digit replacement."""

    def __init__(self, old: str, suggestion: str):
        """``old`` as the user wrote it; ``suggestion`` the 10-digit replacement."""
        shown_new = format_national(suggestion)
        super().__init__(
            FIELD,
            "phone_old_mobile",
            f"«{old}» là số di động 11 số cũ (đổi từ năm 2018). Số mới là {shown_new}: "
            "hỏi lại người dân rồi dùng số mới.",
            f"'{old}' is an old 11-digit mobile number (renumbered in 2018). The new number is "
            f"{shown_new}: confirm with the person, then use the new number.",
        )
        self.suggestion = suggestion


@lru_cache(maxsize=16384)
def parse_phone(text: str) -> Phone:
    """Check a phone number typed or imported in any common form.

    Accepts "0912345678", "0912 345 678", "+84 912 345 678", "84912345678", "024 3825 1234" and
    a number whose leading zero a spreadsheet dropped ("912345678"). Raises
    ``OldMobileNumber`` (code ``phone_old_mobile``, with ``suggestion``) for a pre-2018
    11-digit mobile and ``ValidationError`` code ``phone_invalid`` for anything else.
    """
    national = _national_digits(text)
    suggestion = convert_old_mobile(text)
    if suggestion:
        raise OldMobileNumber(clean_text(text), suggestion)
    number = _parse_valid(national)
    if number is None:
        raise ValidationError(
            FIELD,
            "phone_invalid",
            f"«{clean_text(text)}» không phải số điện thoại Việt Nam hợp lệ. Số di động có 10 "
            "chữ số (ví dụ 0912 345 678), số cố định Hà Nội bắt đầu bằng 024.",
            f"'{clean_text(text)}' is not a valid Vietnamese phone number. Mobiles have 10 "
            "digits (e.g. 0912 345 678); Hanoi landlines start with 024.",
        )
    kind = _kinds().get(_lib().number_type(number))
    if kind is None:
        raise ValidationError(
            FIELD,
            "phone_invalid",
            f"«{clean_text(text)}» không phải số di động hay số cố định của một người "
            "(ví dụ số tổng đài 1800).",
            f"'{clean_text(text)}' is not a personal mobile or landline number (e.g. a 1800 "
            "hotline).",
        )
    return Phone(
        e164=_lib().format_number(number, _lib().PhoneNumberFormat.E164),
        national=_lib().format_number(number, _lib().PhoneNumberFormat.NATIONAL),
        kind=kind,
    )


def convert_old_mobile(text: str) -> str | None:
    """The new 10-digit number ("0321234567") for a pre-2018 11-digit mobile, else None."""
    national = _national_digits(text)
    if national is None or len(national) != 11:
        return None
    new_prefix = OLD_MOBILE_PREFIXES.get(national[:4])
    if new_prefix is None:
        return None
    converted = new_prefix + national[4:]
    return converted if _parse_valid(converted) is not None else None


def format_national(text: str) -> str:
    """Display form of a valid number ("0912 345 678"); the input unchanged if not valid."""
    number = _parse_valid(_national_digits(text))
    if number is None:
        return text
    return _lib().format_number(number, _lib().PhoneNumberFormat.NATIONAL)


def _national_digits(text: str) -> str | None:
    """The number in national form with its leading 0, or None when it is not a VN number."""
    compact = _PUNCTUATION.sub("", clean_text(text or ""))
    if compact.startswith("+84"):
        digits = "0" + compact[3:]
    elif compact.startswith("+"):
        return None
    elif compact.startswith("0084"):
        digits = "0" + compact[4:]
    elif compact.startswith("84") and len(compact) in (11, 12):
        digits = "0" + compact[2:]
    elif compact[:1] in tuple("123456789") and len(compact) in (9, 10):
        digits = "0" + compact  # a spreadsheet dropped the leading zero
    else:
        digits = compact
    if not (digits.isascii() and digits.isdigit()):
        return None
    return digits


def _parse_valid(national: str | None):  # -> phonenumbers.PhoneNumber | None
    """The parsed number when it is a valid Vietnamese number, else None."""
    if not national:
        return None
    try:
        number = _lib().parse(national, REGION)
    except _lib().NumberParseException:
        return None
    if not _lib().is_valid_number(number):
        return None
    if _lib().region_code_for_number(number) != REGION:
        return None
    return number
