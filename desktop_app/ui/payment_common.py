"""Helpers shared by the payment screens: money and month formatting, labels of the payment codes,
and a small checkable list for barrier tags.

Channel, barrier and age-band labels come from ``core.benefits`` (Vietnamese and English kept as
data there); the rest are translated with ``QCoreApplication.translate`` like the other views.
"""

from __future__ import annotations

from datetime import date

from desktop_app.core.benefits import AGE_BANDS, BARRIERS, CHANNELS, load_schemes
from desktop_app.core.dates import parse_date_vi
from desktop_app.core.errors import ValidationError
from desktop_app.ui.qt import (
    QCoreApplication,
    QListWidget,
    QListWidgetItem,
    Qt,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import current_lang

CURRENCY = "₫"


def format_vnd(amount: int | float | None, *, unit: bool = True) -> str:
    """Whole VND grouped the way of the UI language: ``500.000 ₫`` in Vietnamese,
    ``500,000 ₫`` in English ('' for None)."""
    if amount is None or amount == "":
        return ""
    try:
        text = f"{int(round(float(amount))):,}"
    except (TypeError, ValueError):
        return str(amount)
    if current_lang() == "vi":
        text = text.replace(",", ".")
    return f"{text} {CURRENCY}" if unit else text


def format_number(value: float | int | None, decimals: int = 1) -> str:
    """A number the way of the UI language: ``1.234`` and ``12,5`` in Vietnamese, ``1,234``
    and ``12.5`` in English ('—' for None)."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.{decimals}f}"
    else:
        text = f"{int(value):,}"
    if current_lang() != "vi":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def parse_amount(text: str) -> int | None:
    """'500.000', '500 000 ₫' or '500000' as 500000; None for empty; ValueError otherwise."""
    cleaned = "".join(ch for ch in str(text) if ch not in " .,₫đ\u00a0").strip()
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise ValueError(text)
    return int(cleaned)


def month_text(period: str) -> str:
    """'2026-10' as '10/2026'."""
    try:
        year, month = period.split("-")
        return f"{int(month):02d}/{year}"
    except (ValueError, AttributeError):
        return str(period)


def recent_months(count: int = 24, today: date | None = None) -> list[str]:
    """The last ``count`` months as 'YYYY-MM', newest first (the current month included)."""
    today = today or date.today()
    index = today.year * 12 + today.month - 1
    return [f"{(index - i) // 12:04d}-{(index - i) % 12 + 1:02d}" for i in range(count)]


def last_month(today: date | None = None) -> str:
    """The month before ``today``'s, as 'YYYY-MM' (the default after a payment day)."""
    return recent_months(2, today)[1]


def to_iso_date(text: str | None) -> str | None:
    """A date typed as dd/MM/yyyy (or ISO) as ISO text; None when empty.

    Text that cannot be read is returned unchanged, so the store's validation names the problem
    in its own words.
    """
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return parse_date_vi(text, recent=True).isoformat()
    except ValidationError:
        return text


def show_date(value: str | None) -> str:
    """An ISO date as dd/MM/yyyy; other text unchanged."""
    if not value:
        return ""
    try:
        d = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def channel_labels() -> dict[str, str]:
    """Payment channels in the current language."""
    lang = current_lang()
    return {code: label.text(lang) for code, label in CHANNELS.items()}


def barrier_labels() -> dict[str, str]:
    """Barrier tags in the current language, in display order."""
    lang = current_lang()
    return {code: label.text(lang) for code, label in BARRIERS.items()}


def age_band_labels() -> dict[str, str]:
    """Age bands in the current language."""
    lang = current_lang()
    return {code: label.text(lang) for code, label in AGE_BANDS.items()}


def withdrawn_by_labels() -> dict[str, str]:
    """Who withdrew the money."""
    return {
        "self": QCoreApplication.translate("PaymentLabels", "Self"),
        "helped": QCoreApplication.translate("PaymentLabels", "With help"),
        "proxy": QCoreApplication.translate("PaymentLabels", "Proxy"),
    }


def scheme_label(scheme: str | None, category: str | None = None) -> str:
    """A scheme's name (and the category's, when known) in the current language."""
    if not scheme:
        return ""
    lang = current_lang()
    found = load_schemes().get(scheme)
    if found is None:
        return scheme
    text = found.label.text(lang)
    if category and category in found.categories:
        text += " — " + found.categories[category].label.text(lang)
    return text


def scheme_short_label(scheme: str | None) -> str:
    """Just the scheme's name (never the category, which may be sensitive)."""
    return scheme_label(scheme)


class BarrierList(QListWidget):
    """A checkable list of the barrier tags (several may apply)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("barrierList")
        for code, text in barrier_labels().items():
            item = QListWidgetItem(text, self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.itemChanged.connect(lambda _i: self.changed.emit())

    def set_codes(self, codes: list[str] | tuple[str, ...]) -> None:
        """Tick exactly ``codes``."""
        wanted = set(codes or ())
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def codes(self) -> list[str]:
        """The ticked tags, in display order."""
        return [
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Space ticks or unticks the current tag."""
        if event.key() == Qt.Key.Key_Space and self.currentItem() is not None:
            item = self.currentItem()
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)
