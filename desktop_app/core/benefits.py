"""Benefit schemes, payment channels and barrier tags, kept as data.

Schemes, their categories and the dated standard levels live in
``resources/data/benefit_schemes.json`` (amounts change by decree; the code does not).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from desktop_app.core.errors import ValidationError

SCHEMES_FILE = "benefit_schemes.json"


@dataclass(frozen=True)
class Label:
    """A code's label in Vietnamese and English."""

    vi: str
    en: str

    def text(self, lang: str = "vi") -> str:
        """The label in ``lang`` ('vi' or 'en')."""
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class StandardLevel:
    """A standard level (mức chuẩn) in force from ``start``."""

    start: date
    amount: int
    legal_basis: str | None


@dataclass(frozen=True)
class Category:
    """A category of beneficiaries within a scheme."""

    code: str
    label: Label
    coefficient: Decimal | None
    sensitive: bool
    article: str | None


@dataclass(frozen=True)
class Scheme:
    """A benefit scheme with its legal basis, dated standard levels and categories."""

    code: str
    label: Label
    legal_basis: str | None
    valid_from: date
    valid_to: date | None
    levels: tuple[StandardLevel, ...]
    categories: dict[str, Category]

    def standard_level(self, on_date: date) -> int | None:
        """The standard level in force on ``on_date`` (None before the first one)."""
        current = None
        for level in self.levels:
            if level.start <= on_date:
                current = level.amount
        return current


# Payment channels (DESIGN.md "benefit"): how the money reaches the person.
CHANNELS: dict[str, Label] = {
    "bank_account": Label("Tài khoản ngân hàng", "Bank account"),
    "mobile_money": Label("Ví điện tử / Mobile Money", "Mobile money"),
    "post_office_cash": Label("Nhận tiền mặt tại bưu điện", "Cash at the post office"),
    "commune_cash": Label("Nhận tiền mặt tại xã", "Cash at the commune"),
    "home_delivery": Label("Chi trả tận nhà", "Home delivery"),
    "proxy": Label("Người được ủy quyền nhận thay", "Authorised proxy"),
}

# Why a person could not get their money (DOMAIN.md §4). Order = display order.
BARRIERS: dict[str, Label] = {
    "forgot_pin": Label("Quên mã PIN / chưa kích hoạt PIN", "Forgot PIN / PIN never set"),
    "card_locked": Label("Thẻ bị khóa", "Card locked"),
    "no_atm_nearby": Label("Không có ATM, điểm giao dịch gần", "No ATM or agent nearby"),
    "no_smartphone": Label("Không có điện thoại thông minh", "No smartphone"),
    "account_not_activated": Label("Tài khoản chưa kích hoạt", "Account not activated"),
    "name_id_mismatch": Label("Sai lệch họ tên / số định danh", "Name or ID mismatch"),
    "ill_or_bedridden": Label("Ốm đau, nằm liệt giường", "Ill or bedridden"),
    "scam_attempt": Label("Bị lừa đảo / có dấu hiệu lừa đảo", "Scam attempt"),
    "mistaken_transfer": Label("Chuyển nhầm tiền", "Mistaken transfer"),
    "poor_eyesight_hearing": Label("Mắt kém, tai kém", "Poor eyesight or hearing"),
    "cannot_read": Label("Không biết đọc", "Cannot read"),
    "needs_relative": Label("Cần người thân giúp", "Needs a relative's help"),
    "fees": Label("Mất phí", "Fees"),
    "dormant_account": Label("Tài khoản không hoạt động", "Dormant account"),
    "biometric_reverification": Label(
        "Phải xác thực sinh trắc học lại", "Biometric re-verification"
    ),
    "other": Label("Lý do khác", "Other"),
}

AGE_BANDS: dict[str, Label] = {
    "under_75": Label("Dưới 75 tuổi", "Under 75"),
    "75_79": Label("75–79 tuổi", "75–79"),
    "80_plus": Label("Từ 80 tuổi", "80 and over"),
    "unknown": Label("Chưa rõ tuổi", "Age unknown"),
}


# How convenient getting the money was, in the person's own words (1-5), as the laptop's form
# and report name the scores ("1 — rất khó khăn"): printed and on the dashboard too.
CONVENIENCE: dict[int, Label] = {
    1: Label("1 — rất khó khăn", "1 — very hard"),
    2: Label("2 — khó khăn", "2 — hard"),
    3: Label("3 — tạm được", "3 — acceptable"),
    4: Label("4 — thuận tiện", "4 — convenient"),
    5: Label("5 — rất thuận tiện", "5 — very convenient"),
}


def channel_label(code: str | None, lang: str = "vi") -> str:
    """The label of a channel code ('' for None; the code itself when unknown)."""
    if not code:
        return ""
    label = CHANNELS.get(code)
    return label.text(lang) if label else code


def barrier_label(code: str, lang: str = "vi") -> str:
    """The label of a barrier tag (the code itself when unknown)."""
    label = BARRIERS.get(code)
    return label.text(lang) if label else code


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _label(obj: dict) -> Label:
    return Label(obj["name_vi"], obj["name_en"])


def load_schemes(path: Path | str | None = None) -> dict[str, Scheme]:
    """Read the scheme file (default: the shipped one) into ``{code: Scheme}``."""
    if path is None:
        return _shipped_schemes()
    return _parse_schemes(json.loads(Path(path).read_text(encoding="utf-8")))


@cache
def _shipped_schemes() -> dict[str, Scheme]:
    from desktop_app.paths import DATA

    return _parse_schemes(json.loads((DATA / SCHEMES_FILE).read_text(encoding="utf-8")))


def _parse_schemes(data: dict) -> dict[str, Scheme]:
    schemes = {}
    for raw in data["schemes"]:
        levels = tuple(
            sorted(
                (
                    StandardLevel(
                        date.fromisoformat(lv["from"]), int(lv["amount"]), lv.get("legal_basis")
                    )
                    for lv in raw.get("standard_levels", [])
                ),
                key=lambda lv: lv.start,
            )
        )
        categories = {
            c["code"]: Category(
                code=c["code"],
                label=_label(c),
                coefficient=None
                if c.get("coefficient") is None
                else Decimal(str(c["coefficient"])),
                sensitive=bool(c.get("sensitive", False)),
                article=c.get("article"),
            )
            for c in raw["categories"]
        }
        schemes[raw["code"]] = Scheme(
            code=raw["code"],
            label=_label(raw),
            legal_basis=raw.get("legal_basis"),
            valid_from=date.fromisoformat(raw["valid_from"]),
            valid_to=_date(raw.get("valid_to")),
            levels=levels,
            categories=categories,
        )
    return schemes


def _scheme(scheme_code: str, schemes: dict[str, Scheme] | None) -> Scheme:
    schemes = schemes if schemes is not None else load_schemes()
    try:
        return schemes[scheme_code]
    except KeyError:
        raise ValidationError(
            "scheme",
            "unknown_scheme",
            f"Không có chế độ «{scheme_code}».",
            f"Unknown benefit scheme {scheme_code!r}.",
        ) from None


def get_category(
    scheme_code: str, category_code: str, schemes: dict[str, Scheme] | None = None
) -> Category:
    """The category ``category_code`` of ``scheme_code``; ValidationError if there is none."""
    scheme = _scheme(scheme_code, schemes)
    try:
        return scheme.categories[category_code]
    except KeyError:
        raise ValidationError(
            "category",
            "unknown_category",
            f"Chế độ «{scheme.label.vi}» không có đối tượng «{category_code}».",
            f"Scheme {scheme_code!r} has no category {category_code!r}.",
        ) from None


def is_sensitive_category(
    scheme_code: str | None, category_code: str | None, schemes: dict[str, Scheme] | None = None
) -> bool:
    """True when the category must never appear in a printable list (unknown ones count as not)."""
    if not scheme_code or not category_code:
        return False
    scheme = (schemes if schemes is not None else load_schemes()).get(scheme_code)
    category = scheme.categories.get(category_code) if scheme else None
    return bool(category and category.sensitive)


def scheme_amount(
    scheme_code: str,
    category_code: str,
    on_date: date,
    schemes: dict[str, Scheme] | None = None,
) -> int:
    """Monthly amount in whole VND: coefficient × standard level in force on ``on_date``.

    Half a đồng rounds up. Raises ValidationError for an unknown scheme or category, a date
    outside the scheme, or a category whose amount is set per person (no coefficient).
    """
    scheme = _scheme(scheme_code, schemes)
    category = get_category(scheme_code, category_code, schemes)
    if on_date < scheme.valid_from or (scheme.valid_to and on_date > scheme.valid_to):
        raise ValidationError(
            "scheme",
            "scheme_not_in_force",
            f"Chế độ «{scheme.label.vi}» không áp dụng vào ngày {on_date:%d/%m/%Y}.",
            f"Scheme {scheme_code!r} is not in force on {on_date.isoformat()}.",
        )
    level = scheme.standard_level(on_date)
    if category.coefficient is None or level is None:
        raise ValidationError(
            "amount",
            "amount_per_decision",
            "Mức hưởng của đối tượng này theo quyết định của từng người: hãy nhập số tiền.",
            "This category's amount is set by each person's decision: enter the amount.",
        )
    amount = (category.coefficient * level).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(amount)


_ACCOUNT_SEPARATORS = re.compile(r"[\s.\-_/]")
_MASK_PREFIX = re.compile(r"^[*xX•]+")


def validate_account_last4(text: str | int | None) -> str:
    """The last 4 digits of a bank account, as text. A full account number is refused.

    "1234", " 12 34" and a masked "****1234" are accepted; "0123456789" raises ValidationError
    ``account_full_number`` (only the last 4 digits may be recorded); anything else raises
    ``account_last4_invalid``.
    """
    raw = "" if text is None else str(text)
    cleaned = _MASK_PREFIX.sub("", _ACCOUNT_SEPARATORS.sub("", raw))
    if cleaned.isdigit() and cleaned.isascii() and len(cleaned) > 4:
        raise ValidationError(
            "account_last4",
            "account_full_number",
            "Chỉ được ghi 4 số cuối của tài khoản, không ghi cả số tài khoản.",
            "Only the last 4 digits of the account may be recorded, not the full number.",
        )
    if len(cleaned) != 4 or not (cleaned.isdigit() and cleaned.isascii()):
        raise ValidationError(
            "account_last4",
            "account_last4_invalid",
            "4 số cuối tài khoản phải gồm đúng 4 chữ số.",
            "The account's last 4 digits must be exactly 4 digits.",
        )
    return cleaned


def age_band(birth_year: int | None, on_date: date) -> str:
    """'under_75', '75_79', '80_plus' or 'unknown', from the birth year alone.

    Age is ``on_date.year - birth_year`` (the age reached during that year), because many
    records hold only a birth year. A missing or impossible year (future, or over 130) is unknown.
    """
    if birth_year is None:
        return "unknown"
    try:
        year = int(birth_year)
    except (TypeError, ValueError):
        return "unknown"
    age = on_date.year - year
    if age < 0 or age > 130:
        return "unknown"
    if age >= 80:
        return "80_plus"
    if age >= 75:
        return "75_79"
    return "under_75"
