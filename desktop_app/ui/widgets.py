"""Small shared widgets and helpers of the shell: labels with a style role, a placeholder page for
features of a later version, a "busy" indicator, the cover that hides data while locked.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from desktop_app.core.dates import local_datetime_text
from desktop_app.store.permissions import ROLE_LABELS
from desktop_app.ui.ops import Ops
from desktop_app.ui.qt import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLocale,
    QObject,
    QPoint,
    QPushButton,
    QRect,
    QSize,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)


class WheelGuard(QObject):
    """Application-wide: the mouse wheel over a drop-down or spin box that does not have the
    focus scrolls the form around it instead of silently changing its value (a help kind turned
    from "Mở tài khoản" into "Kích hoạt VNeID" while scrolling). Click or Tab in first."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Keep wheel focus off; pass an unfocused box's wheel on to its parent."""
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, (QComboBox, QAbstractSpinBox)):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel gives no focus
        elif (
            kind == QEvent.Type.Wheel
            and isinstance(watched, (QComboBox, QAbstractSpinBox))
            and not watched.hasFocus()
        ):
            event.ignore()  # filtered and not accepted: Qt offers it to the parent (the scroll)
            return True
        return False


_wheel_guards: dict[int, WheelGuard] = {}


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the ``WheelGuard`` once on ``app``."""
    guard = _wheel_guards.get(id(app))
    if guard is None:
        guard = _wheel_guards[id(app)] = WheelGuard(app)
        app.installEventFilter(guard)
    return guard


def current_lang() -> str:
    """'vi' or 'en': the language the translator was last installed for."""
    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"


def role_label(role: str) -> str:
    """The role's name in the current language ("Tổ viên" / "Volunteer")."""
    vi, en = ROLE_LABELS.get(role, (role, role))
    return vi if current_lang() == "vi" else en


def format_datetime(iso: str | None) -> str:
    """An ISO timestamp (UTC or aware) as local "dd/MM/yyyy HH:mm"; empty for None."""
    return local_datetime_text(iso)


def format_count(n: int) -> str:
    """A whole number with the current language's thousands separator: 5.592 / 5,592."""
    text = f"{n:,}"
    return text.replace(",", ".") if current_lang() == "vi" else text


def set_role(widget: QWidget, role: str) -> QWidget:
    """Give a widget a style role (see ``style.py``) and re-polish it."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    return widget


HEADING_ROLES = ("heading", "title", "subheading", "section")


def label(text: str = "", role: str | None = None, *, wrap: bool | None = None) -> QLabel:
    """A label with an optional style role; headings wrap (larger text never cuts them)."""
    lab = QLabel(text)
    if role:
        lab.setProperty("role", role)
    lab.setWordWrap(role in HEADING_ROLES if wrap is None else wrap)
    return lab


def primary_button(text: str = "") -> QPushButton:
    """The main action of a screen, in the accent colour."""
    button = QPushButton(text)
    button.setProperty("primary", True)
    button.setDefault(True)
    return button


def link_button(text: str = "") -> QPushButton:
    """A button that looks like a link (secondary paths such as "Forgot password?")."""
    button = QPushButton(text)
    button.setProperty("role", "link")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setFlat(True)
    return button


class MessageLabel(QLabel):
    """An inline message under a form: hidden when empty, red for errors, green for success."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str) -> None:
        """Show ``text`` as an error."""
        self._show(text, "error")

    def show_ok(self, text: str) -> None:
        """Show ``text`` as a success message."""
        self._show(text, "ok")

    def show_info(self, text: str) -> None:
        """Show ``text`` as a note (work under way)."""
        self._show(text, "muted")

    def clear_message(self) -> None:
        """Hide the message."""
        self.setText("")
        self.hide()

    def _show(self, text: str, role: str) -> None:
        set_role(self, role)
        self.setText(text)
        self.setVisible(bool(text))


class PlaceholderPage(QWidget):
    """A page for a feature that comes in a later version, saying so plainly.

    ``texts()`` returns (title, message) in the current language; it is called again when the
    language changes. Replace the page with the real view when it exists (see
    ``MainWindow.set_page``).
    """

    def __init__(self, texts: Callable[[], tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self._texts = texts
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        card = QFrame()
        card.setProperty("role", "card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        self.title = label(role="heading")
        self.message = label(role=None, wrap=True)
        self.badge = label(role="note", wrap=True)
        inner.addWidget(self.title)
        inner.addWidget(self.message)
        inner.addWidget(self.badge)
        outer.addWidget(card)
        outer.addStretch(1)
        self.retranslateUi()

    def activate(self) -> None:
        """Nothing to load."""

    def retranslateUi(self) -> None:
        """Refresh the texts in the current language."""
        title, message = self._texts()
        self.title.setText(title)
        self.message.setText(message)
        self.badge.setText(
            self.tr(
                "This feature is coming in a later version of Tận Tay. Until then, keep using "
                "the forms your commune uses today."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


class BusyIndicator(QLabel):
    """Shows "Working…" while the database worker is busy for more than a moment.

    Also tells whether the worker is idle and since when (used to wait for data to load).
    """

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._busy = False
        self._idle_since = time.monotonic()
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(400)  # no flicker for quick reads
        self._delay.timeout.connect(self._appear)
        ops.busy_changed.connect(self._on_busy)
        self.retranslateUi()
        self.hide()

    @property
    def busy(self) -> bool:
        """True while an operation runs."""
        return self._busy

    def idle_for(self) -> float:
        """Seconds since the worker became idle (0 while busy)."""
        return 0.0 if self._busy else time.monotonic() - self._idle_since

    def _on_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            self._delay.start()
        else:
            self._idle_since = time.monotonic()
            self._delay.stop()
            self.hide()

    def _appear(self) -> None:
        if self._busy:
            self.show()

    def retranslateUi(self) -> None:
        """Refresh the text in the current language."""
        self.setText(self.tr("Working…"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


class Cover(QWidget):
    """A plain panel laid over a window while the app is locked, so no data shows through."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        self.text = label(role="subheading")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.text)
        self.retranslateUi()
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.hide()

    def cover(self) -> None:
        """Lay the cover over the parent and block its input."""
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the parent's size."""
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def retranslateUi(self) -> None:
        """Refresh the text in the current language."""
        self.text.setText(self.tr("Tận Tay is locked."))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps to a new row when the width runs out.

    Used for rows of buttons and filters, so that larger text (or a narrow screen) moves a
    button to a second row instead of cutting its text. Its minimum width is that of its widest
    item, its height follows its width (``heightForWidth``).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 8):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt API)
        """Qt API: take ownership of ``item``."""
        self._items.append(item)

    def count(self) -> int:
        """Qt API: the number of items."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt API)
        """Qt API: the item at ``index``."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt API)
        """Qt API: remove and return the item at ``index``."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt API)
        """Qt API: it does not ask for more space than its rows need."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        """Qt API: the height depends on the width."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        """Qt API: the height the rows need at ``width``."""
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt API)
        """Qt API: place the items."""
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """Qt API: everything on one row."""
        width = sum(i.sizeHint().width() for i in self._visible()) + self._spacing * max(
            0, len(self._visible()) - 1
        )
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt API)
        """Qt API: the widest item (and the height of one row)."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:
                x = area.x()
                y += row_height + self._spacing
                row_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + m.bottom()


def flow_row(*widgets: QWidget, spacing: int = 8) -> QWidget:
    """A widget holding ``widgets`` in a ``FlowLayout`` (a row that wraps)."""
    box = QWidget()
    layout = FlowLayout(box, spacing)
    for w in widgets:
        layout.addWidget(w)
    return box


def labelled(caption: QWidget, field: QWidget) -> QWidget:
    """A caption and its field kept together on one line (an item of a ``FlowLayout``)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    row.addWidget(caption)
    row.addWidget(field)
    return box
