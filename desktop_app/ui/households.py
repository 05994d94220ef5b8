"""The household list: search as you type, pages of rows fetched on demand, matches highlighted.

The table model keeps only the rows fetched so far: the first page (or the first search answer)
comes from the database worker, further pages are asked for by the view through
``canFetchMore``/``fetchMore`` and appended on the GUI thread, so 40,000 households never load at
once. This module also holds the small helpers the other volunteer views share: labels for the
record codes and date formatting.
"""

from __future__ import annotations

import logging
import unicodedata
from datetime import date, datetime

from desktop_app.core.dates import local_datetime_text as format_datetime  # noqa: F401 (used by others)
from desktop_app.core.text import fold
from desktop_app.store.store import search_terms
from desktop_app.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QApplication,
    QBrush,
    QColor,
    QCoreApplication,
    QEvent,
    QFont,
    QFontMetrics,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QLocale,
    QModelIndex,
    QPalette,
    QPushButton,
    QRect,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    Slot,
)
from desktop_app.ui.village_elide import ELLIPSIS, trim_village

log = logging.getLogger(__name__)

PAGE_SIZE = 200
# Scrolling on, each further page is as long as what is already loaded, up to this many rows:
# fewer trips to the worker and fewer re-layouts of the table on the way down a long list.
MAX_PAGE_SIZE = 3200
SEARCH_DEBOUNCE_MS = 150
OVERDUE_COLOUR = QColor("#b3261e")
WARNING_BG = "#fff4d6"
WARNING_BORDER = "#e0a800"
ERROR_COLOUR = "#b3261e"


# --- labels shared by the volunteer views ------------------------------------------------------


def vulnerability_labels() -> dict[str, str]:
    """Short labels of the vulnerability tags, in the current language."""
    return {
        "lives_alone": QCoreApplication.translate("Labels", "Lives alone"),
        "limited_mobility": QCoreApplication.translate("Labels", "Limited mobility"),
        "low_vision": QCoreApplication.translate("Labels", "Low vision"),
        "hearing": QCoreApplication.translate("Labels", "Hard of hearing"),
        "no_smartphone": QCoreApplication.translate("Labels", "No smartphone"),
        "cannot_read": QCoreApplication.translate("Labels", "Cannot read"),
        "cognitive": QCoreApplication.translate("Labels", "Memory/cognition"),
        "bedridden": QCoreApplication.translate("Labels", "Bedridden"),
    }


def assistance_kind_labels() -> dict[str, str]:
    """Labels of the kinds of help given."""
    return {
        "open_account": QCoreApplication.translate("Labels", "Open an account"),
        "activate_card": QCoreApplication.translate("Labels", "Activate card"),
        "reset_pin": QCoreApplication.translate("Labels", "Reset PIN"),
        "install_app": QCoreApplication.translate("Labels", "Install banking app"),
        "vneid_activation": QCoreApplication.translate("Labels", "Activate VNeID"),
        "accompany_withdrawal": QCoreApplication.translate("Labels", "Accompany withdrawal"),
        "request_home_delivery": QCoreApplication.translate("Labels", "Request home delivery"),
        "escalate_to_commune": QCoreApplication.translate("Labels", "Escalate to commune"),
        "other": QCoreApplication.translate("Labels", "Other help"),
    }


def assistance_status_labels() -> dict[str, str]:
    """Labels of the assistance statuses."""
    return {
        "open": QCoreApplication.translate("Labels", "To do"),
        "done": QCoreApplication.translate("Labels", "Done"),
        "cancelled": QCoreApplication.translate("Labels", "Cancelled"),
    }


def purpose_labels() -> dict[str, str]:
    """Labels of the visit purposes, with a mnemonic (&) each for the visit form."""
    return {
        "routine": QCoreApplication.translate("Labels", "&Routine visit"),
        "payment_check": QCoreApplication.translate("Labels", "&Payment check"),
        "assistance": QCoreApplication.translate("Labels", "&Help with money access"),
        "verification": QCoreApplication.translate("Labels", "&Identity check"),
        "follow_up": QCoreApplication.translate("Labels", "&Follow-up"),
        "other": QCoreApplication.translate("Labels", "O&ther"),
    }


def outcome_labels() -> dict[str, str]:
    """Labels of the visit outcomes."""
    return {
        "met": QCoreApplication.translate("Labels", "Met the person"),
        "not_home": QCoreApplication.translate("Labels", "Nobody home"),
        "moved": QCoreApplication.translate("Labels", "Moved away"),
        "deceased": QCoreApplication.translate("Labels", "Deceased"),
        "refused": QCoreApplication.translate("Labels", "Refused"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }


def relationship_labels() -> dict[str, str]:
    """Labels of the relationships to the head of household."""
    return {
        "chu_ho": QCoreApplication.translate("Labels", "Head of household"),
        "vo_chong": QCoreApplication.translate("Labels", "Spouse"),
        "con": QCoreApplication.translate("Labels", "Child"),
        "chau": QCoreApplication.translate("Labels", "Grandchild"),
        "cha_me": QCoreApplication.translate("Labels", "Parent"),
        "anh_chi_em": QCoreApplication.translate("Labels", "Sibling"),
        "con_dau_re": QCoreApplication.translate("Labels", "Child-in-law"),
        "khac": QCoreApplication.translate("Labels", "Other relative"),
    }


def sex_labels() -> dict[str, str]:
    """Labels of the recorded sexes."""
    return {
        "male": QCoreApplication.translate("Labels", "Male"),
        "female": QCoreApplication.translate("Labels", "Female"),
    }


def card_type_labels() -> dict[str, str]:
    """Labels of the identity card types."""
    return {
        "cmnd": QCoreApplication.translate("Labels", "Old ID card (CMND)"),
        "cccd": QCoreApplication.translate("Labels", "Chip ID card (CCCD)"),
        "the_can_cuoc": QCoreApplication.translate("Labels", "Identity card (2024)"),
        "vneid": QCoreApplication.translate("Labels", "VNeID only"),
    }


def plain_label(text: str) -> str:
    """A label without its mnemonic ampersand."""
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")


def label_of(labels: dict[str, str], code: str | None) -> str:
    """The label of ``code``, or the code itself when it is free text or unknown."""
    if not code:
        return ""
    return plain_label(labels.get(code, code))


def format_date(value: str | date | None) -> str:
    """dd/MM/yyyy for an ISO date or datetime (datetimes in local time); '' when empty or bad."""
    if not value:
        return ""
    try:
        if isinstance(value, date) and not isinstance(value, datetime):
            d = value
        else:
            text = value.isoformat() if isinstance(value, datetime) else str(value)
            if len(text) == 10:
                d = date.fromisoformat(text)
            else:
                dt = datetime.fromisoformat(text)
                d = (dt.astimezone() if dt.tzinfo else dt).date()
        return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
    except (TypeError, ValueError):
        return str(value)


def parse_iso_date(value: str | None) -> date | None:
    """The date of an ISO date string, or None."""
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def format_phone(number: str) -> str:
    """A stored E.164 number as people read it ("0912 345 678")."""
    from desktop_app.core.phone import format_national

    try:
        return format_national(number)
    except Exception:  # display only: never fail on odd data
        return number


def phone_text(phone: dict) -> str:
    """One stored phone as the household page writes it: "0922 000 222 (con gái)"."""
    number = format_phone(phone.get("number", ""))
    owner = phone.get("owner") or ""
    return f"{number} ({owner})" if owner else number


def household_address(row: dict) -> str:
    """The address as written, followed by the landmark when there is one.

    A landmark is recorded when the house has no number (DESIGN.md), so it is what finds the
    house: it is always shown.
    """
    address = (row.get("address") or "").strip()
    landmark = (row.get("landmark") or "").strip()
    if address and landmark:
        return f"{address} — {landmark}"
    return address or landmark


def error_label(parent: QWidget | None = None) -> QLabel:
    """A red label under an input for its validation message (hidden while empty)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setVisible(False)
    return label


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the folded ``terms`` occur in ``text``: (start, length) in ``text``'s characters.

    Folding can change length ("ß" → "ss", a zero-width space → ""), so each displayed character
    is folded on its own and the folded string keeps a map back to the character it came from.
    """
    if not text or not terms:
        return []
    folded_chars: list[str] = []
    owner: list[int] = []
    for i, ch in enumerate(text):
        piece = " " if ch.isspace() else _fold_char(ch)
        folded_chars.append(piece)
        owner.extend([i] * len(piece))
    folded = "".join(folded_chars)
    marked = [False] * len(text)
    for term in terms:
        if not term:
            continue
        start = folded.find(term)
        while start >= 0:
            for k in range(start, start + len(term)):
                marked[owner[k]] = True
            start = folded.find(term, start + 1)
    # Characters that fold to nothing belong to the match around them: a combining mark to the
    # letter before it, a zero-width space when both of its neighbours matched.
    for i, piece in enumerate(folded_chars):
        if piece or i == 0 or not marked[i - 1]:
            continue
        if unicodedata.combining(text[i]) or (i + 1 < len(text) and marked[i + 1]):
            marked[i] = True
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if marked[i]:
            j = i
            while j < len(text) and marked[j]:
                j += 1
            spans.append((i, j - i))
            i = j
        else:
            i += 1
    return spans


def _fold_char(ch: str) -> str:
    if unicodedata.combining(ch):
        return ""
    return fold(ch)


# --- the table model ----------------------------------------------------------------------------

HighlightRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2

COL_NAME, COL_ADDRESS, COL_VILLAGE, COL_MEMBERS, COL_NEEDS, COL_LAST, COL_NEXT = range(7)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ROLES_ANSWERED = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        HighlightRole,
        IdRole,
    )
)


class HouseholdTableModel(QAbstractTableModel):
    """Households in Vietnamese name order (or search results), fetched page by page."""

    loaded = Signal()  # a first page or a search answer arrived
    count_changed = Signal()

    def __init__(self, ops, parent=None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._ops = ops
        self._page_size = page_size
        self._rows: list[dict] = []
        self._ids: set[str] = set()
        self._terms: list[str] = []
        self._query = ""
        self._generation = 0
        self._fetching = False
        self._counting = False
        self._exhausted = True
        self._total: int | None = None
        self._loaded_once = False
        self._today = date.today()
        self._cells: dict[int, tuple[str, ...]] = {}  # row → its display texts, made once

    # --- state the view shows ---

    @property
    def query(self) -> str:
        """The search text the rows answer ('' when browsing)."""
        return self._query

    @property
    def searching(self) -> bool:
        """True when the rows are search results."""
        return bool(self._terms)

    @property
    def exhausted(self) -> bool:
        """True when every matching row has been fetched."""
        return self._exhausted

    @property
    def total(self) -> int | None:
        """All live households (browse mode), once counted."""
        return self._total

    @property
    def loaded_once(self) -> bool:
        """True after the first answer arrived."""
        return self._loaded_once

    @property
    def busy(self) -> bool:
        """True while a page is being fetched (or the households counted)."""
        return self._fetching or self._counting

    def household_id(self, row: int) -> str | None:
        """The id of the household shown in ``row``."""
        if 0 <= row < len(self._rows):
            return self._rows[row]["id"]
        return None

    def row_data(self, row: int) -> dict | None:
        """The fetched record of ``row``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def forget_texts(self) -> None:
        """Make the cells' texts again (the language changed)."""
        self._cells = {}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 6))

    # --- loading ---

    def set_query(self, text: str) -> None:
        """Show households matching ``text`` (all households when it has no words)."""
        self._query = text or ""
        self._terms = search_terms(self._query)
        self.reload()

    def reload(self) -> None:
        """Fetch the first page again (keeping the query); rows are replaced when it arrives."""
        self._generation += 1
        generation = self._generation
        self._fetching = True
        self._counting = False  # a count still on its way answers an older generation
        self._today = date.today()
        terms, query, size = list(self._terms), self._query, self._page_size

        if terms:

            def fn(store):
                return store.search_households(query, limit=size + 1), None

        else:
            # the first page alone: the count (a read of the whole list's index) follows it

            def fn(store):
                return store.households_page(None, limit=size + 1), None

        try:
            self._ops.run(
                fn,
                lambda result: self._first_arrived(generation, result),
                lambda exc: self._failed(generation, exc),
                key="search",
            )
        except RuntimeError:  # the worker was stopped: the app is closing
            self._fetching = False

    def _first_arrived(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        rows, total = result
        self._fetching = False
        self._exhausted = len(rows) <= self._page_size
        rows = rows[: self._page_size]
        self.beginResetModel()
        self._rows = rows
        self._cells = {}
        self._ids = {r["id"] for r in rows}
        if total is not None:
            self._total = total
        self._loaded_once = True
        self.endResetModel()
        self.loaded.emit()
        self.count_changed.emit()
        if not self._terms:
            self._counting = True
            try:
                self._ops.run(
                    lambda store: store.count_households(),
                    lambda n: self._count_arrived(generation, n),
                    lambda exc: self._failed(generation, exc),
                )
            except RuntimeError:  # the worker was stopped: the app is closing
                self._counting = False

    def _count_arrived(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self._counting = False
        self._total = total
        self.count_changed.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
            self._counting = False
            self._loaded_once = True
            self.loaded.emit()
        self._ops.show_error(exc)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008, N802 (Qt API)
        """More rows exist and no page is on its way."""
        if parent.isValid():
            return False
        return self._loaded_once and not self._exhausted and not self._fetching

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008, N802 (Qt API)
        """Ask the worker for the next page; it is appended when it arrives."""
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        size = min(MAX_PAGE_SIZE, max(self._page_size, len(self._rows)))
        if self._terms:
            # search_households has no cursor: ask for a longer list and keep the new tail.
            query, limit = self._query, len(self._rows) + size + 1

            def fn(store):
                return store.search_households(query, limit=limit)

        else:
            last = self._rows[-1]
            after = (last["sort_key"], last["id"])

            def fn(store):
                return store.households_page(after, limit=size + 1)

        self._ops.run(
            fn,
            lambda rows: self._page_arrived(generation, rows),
            lambda exc: self._failed(generation, exc),
        )

    def _page_arrived(self, generation: int, rows: list[dict]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        size = min(MAX_PAGE_SIZE, max(self._page_size, len(self._rows)))
        if self._terms:
            more = len(rows) > len(self._rows) + size
            rows = [r for r in rows if r["id"] not in self._ids][:size]
        else:
            more = len(rows) > size
            rows = rows[:size]
        self._exhausted = not more or not rows
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self._ids.update(r["id"] for r in rows)
            self.endInsertRows()
        self.count_changed.emit()

    # --- Qt model API ---

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        """Rows fetched so far."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        """Seven columns."""
        return 0 if parent.isValid() else 7

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,  # the whole title when a narrow column cuts it
        ):
            return None
        titles = (
            self.tr("Head of household"),
            self.tr("Address"),
            self.tr("Village / group"),
            self.tr("Members"),
            self.tr("Needs"),
            self.tr("Last visit"),
            self.tr("Follow-up"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Cell values; never raises (a bad record shows blank cells and is logged)."""
        try:
            return self._data(index, role)
        except Exception:
            log.exception("household row %s could not be shown", index.row())
            return None

    def _data(self, index, role):
        if role not in _ROLES_ANSWERED:  # most of what a view asks for: answered at once
            return None
        n = index.row()
        if not 0 <= n < len(self._rows):
            return None
        col = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            cells = self._cells.get(n)
            if cells is None:
                row = self._rows[n]
                cells = self._cells[n] = tuple(self._display(row, c) for c in range(7))
            return cells[col]
        row = self._rows[n]
        if role == IdRole:
            return row["id"]
        if role == HighlightRole:
            if col in (COL_NAME, COL_ADDRESS, COL_VILLAGE, COL_NEEDS) and self._terms:
                return match_spans(self._display(row, col), self._terms)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_NEEDS:
                labels = vulnerability_labels()
                return "\n".join(labels.get(t, t) for t in row.get("vulnerabilities") or [])
            if col == COL_ADDRESS:
                return "\n".join(
                    p for p in (row.get("address"), row.get("landmark"), row.get("village")) if p
                )
            if col == COL_NEXT and self._overdue(row):
                return self.tr("Overdue")
            return self._display(row, col) or None  # a cut cell shows its whole text
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_NEXT and self._overdue(row):
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and col == COL_NEXT and self._overdue(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_MEMBERS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _overdue(self, row: dict) -> bool:
        due = parse_iso_date(row.get("next_follow_up"))
        return due is not None and due < self._today

    def _display(self, row: dict, col: int) -> str:
        if col == COL_NAME:
            head = row.get("head_name") or self.tr("(no head recorded)")
            if row.get("matched_name"):  # found through another member: say who
                return f"{head} · {row['matched_name']}"
            return head
        if col == COL_ADDRESS:
            return household_address(row)
        if col == COL_VILLAGE:
            return row.get("village") or ""
        if col == COL_MEMBERS:
            return QLocale().toString(int(row.get("members") or 0))
        if col == COL_NEEDS:
            labels = vulnerability_labels()
            return ", ".join(labels.get(t, t) for t in row.get("vulnerabilities") or [])
        if col == COL_LAST:
            return format_date(row.get("last_visit"))
        if col == COL_NEXT:
            return format_date(row.get("next_follow_up"))
        return ""


class HighlightDelegate(QStyledItemDelegate):
    """Draws a cell's text with the search matches in bold on a light amber background."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._trimmed: dict[tuple[str, int, str], tuple[str, int]] = {}

    @staticmethod
    def _text_width(style, opt, widget) -> int:
        """The pixels the cell's text gets (the item text rect less Qt's text margins)."""
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        return rect.width() - 2 * margin

    def paint(self, painter, option, index) -> None:
        """Paint the cell; falls back to the default look when there is nothing to highlight.
        Village names share a long prefix ("Tổ dân phố số …"): a narrow cell drops that prefix
        first so the number and street that tell villages apart stay visible (village_elide)."""
        spans = index.data(HighlightRole)
        village = index.column() == COL_VILLAGE
        if not spans and not village:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        if village:
            # a team has a few villages: the cut for a name, cell width and font is kept
            # (the list paints this column on every scroll step)
            key = (opt.text, opt.rect.width(), opt.font.key())
            trimmed = self._trimmed.get(key)
            if trimmed is None:
                if len(self._trimmed) > 500:
                    self._trimmed.clear()
                trimmed = self._trimmed[key] = trim_village(
                    opt.text, QFontMetrics(opt.font), self._text_width(style, opt, widget)
                )
            shown, cut = trimmed
            if cut:  # "…" stands for the first `cut` characters: move the matches along
                shift = len(ELLIPSIS) - cut
                spans = [
                    (max(start + shift, len(ELLIPSIS)), start + length + shift)
                    for start, length in spans or []
                    if start + length > cut
                ]
                spans = [(start, end - start) for start, end in spans if end > start]
            opt.text = shown
            if not spans:
                style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
                return
        text = opt.text
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(3, 0, -3, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        normal = QFont(opt.font)
        bold = QFont(opt.font)
        bold.setBold(True)
        segments: list[tuple[str, bool]] = []
        pos = 0
        for start, length in spans:
            if start > pos:
                segments.append((text[pos:start], False))
            segments.append((text[start : start + length], True))
            pos = start + length
        if pos < len(text):
            segments.append((text[pos:], False))
        painter.save()
        painter.setClipRect(rect)
        x = rect.left()
        right = rect.right() + 1
        for i, (segment, is_match) in enumerate(segments):
            font = bold if is_match else normal
            fm = QFontMetrics(font)
            width = fm.horizontalAdvance(segment)
            rest = sum(
                QFontMetrics(bold if m else normal).horizontalAdvance(t)
                for t, m in segments[i + 1 :]
            )
            ellipsis = fm.horizontalAdvance("…")
            last = x + width + rest > right and x + width + ellipsis > right
            if last:  # the text does not fit: end it with "…" where the cell ends
                keep = segment
                while keep and x + fm.horizontalAdvance(keep) + ellipsis > right:
                    keep = keep[:-1]
                segment = keep + "…"
                width = fm.horizontalAdvance(segment)
            if is_match and not selected:
                painter.fillRect(x, rect.top() + 2, width, rect.height() - 4, QColor("#ffe08a"))
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(
                QRect(x, rect.top(), width + 1, rect.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                segment,
            )
            x += width
            if last:
                break
        painter.restore()


# --- the view ----------------------------------------------------------------------------------


class HouseholdListView(QWidget):
    """Find a household in seconds: a search box over the household table."""

    household_opened = Signal(str)

    def __init__(self, ops, parent: QWidget | None = None, *, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._ops = ops
        self.model = HouseholdTableModel(ops, self, page_size=page_size)

        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaxLength(500)
        self.search_edit.installEventFilter(self)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_household)
        self.count_label = QLabel(self)
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        # Qt's own delegate paints most cells; the highlighting one (Python, ~10× the cost a
        # cell) only the columns that show search matches, and only while searching.
        self._plain_delegate = QStyledItemDelegate(self.table)
        self._highlight_delegate = HighlightDelegate(self.table)
        self.table.setItemDelegate(self._plain_delegate)
        self.table.setItemDelegateForColumn(COL_VILLAGE, self._highlight_delegate)  # elided
        for col in (COL_NAME, COL_ADDRESS, COL_NEEDS):
            self.table.setItemDelegateForColumn(col, self._plain_delegate)
        self._highlighting = False
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(
            max(26, QFontMetrics(self.font()).height() + 10)
        )
        self.table.setTabKeyNavigation(False)
        self.table.installEventFilter(self)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        grow = max(1.0, QFontMetrics(self.font()).height() / 17)  # wider at larger text sizes
        # short values: as wide as the heading (never cut) or the widest value they can hold
        # (_fit_short_columns; measuring every row's cells instead cost ~50 ms a page)
        header.setSectionResizeMode(COL_ADDRESS, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(int(120 * grow))  # the address stays readable; the table
        # scrolls sideways instead, and every cell shows its whole text as a tooltip
        self.table.doubleClicked.connect(self._open_index)

        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "empty")
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_label)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self._stack, 1)
        self.setTabOrder(self.search_edit, self.table)
        self.setTabOrder(self.table, self.add_button)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._run_search)
        self._pending_search = False
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.model.loaded.connect(self._update_state)
        self.model.loaded.connect(self._choose_delegates)
        self.model.loaded.connect(self._back_to_top_on_a_new_search)
        self._answered_query: str | None = None
        self.model.count_changed.connect(self._update_state)
        self._dialog = None
        self.retranslateUi()

    # --- the shell's interface ---

    def activate(self) -> None:
        """Load the list, or refresh it (keeping the search text)."""
        self._debounce.stop()
        self.model.set_query(self.search_edit.text())

    def set_search(self, text: str) -> None:
        """Put ``text`` in the search box and answer it now (another person logged in)."""
        self._debounce.stop()
        self.search_edit.blockSignals(True)
        self.search_edit.setText(text)
        self.search_edit.blockSignals(False)
        self.model.set_query(text)

    def focus_search(self) -> None:
        """Put the cursor in the search box, with its text selected."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def add_household(self) -> None:
        """Open the new-household dialog; the new household opens after saving."""
        from desktop_app.ui.household_dialog import HouseholdDialog

        dialog = HouseholdDialog(self._ops, None, self)
        dialog.saved.connect(self._household_added)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    # --- behaviour ---

    @Slot()
    def _run_search(self) -> None:
        self.model.set_query(self.search_edit.text())

    def _household_added(self, household_id: str) -> None:
        self.model.reload()
        self.household_opened.emit(household_id)

    def _open_index(self, index) -> None:
        hid = self.model.household_id(index.row())
        if hid:
            self.household_opened.emit(hid)

    def open_current(self) -> None:
        """Open the selected household (or the first one listed)."""
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else 0
        hid = self.model.household_id(row)
        if hid:
            self.household_opened.emit(hid)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        """Keyboard: Enter opens, Down goes from the search box to the table, Esc clears."""
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if obj is self.search_edit:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    if self._debounce.isActive():
                        self._debounce.stop()
                        self._run_search()
                        return True
                    self.open_current()
                    return True
                if key == Qt.Key.Key_Down and self.model.rowCount() > 0:
                    self.table.setFocus()
                    self.table.selectRow(max(0, self.table.currentIndex().row()))
                    return True
                if key == Qt.Key.Key_Escape and self.search_edit.text():
                    self.search_edit.clear()
                    return True
            elif obj is self.table:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_current()
                    return True
                if key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                    self.focus_search()
                    return True
        return super().eventFilter(obj, event)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """No search is left pending while hidden (the worker may be stopping)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._pending_search = True
        super().hideEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Run a search interrupted by hiding."""
        super().showEvent(event)
        if self._pending_search:
            self._pending_search = False
            self._debounce.start()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Ctrl+F focuses the search box (when the shell has not bound it already)."""
        if event.matches(QKeySequence.StandardKey.Find):
            self.focus_search()
            return
        super().keyPressEvent(event)

    def _update_state(self) -> None:
        model = self.model
        n = model.rowCount()
        loc = QLocale()
        if not model.loaded_once:
            self.count_label.setText(self.tr("Loading…"))
        elif model.searching:
            if model.exhausted:
                self.count_label.setText(self.tr("Found %n household(s)", "", n))
            else:
                self.count_label.setText(
                    self.tr(
                        "Found more than %1 households — scroll for more or type more to "
                        "narrow down"
                    ).replace("%1", loc.toString(n))
                )
        elif model.total is not None:
            self.count_label.setText(self.tr("%n household(s)", "", model.total))
        empty = model.loaded_once and n == 0
        if empty:
            if model.searching:
                self.empty_label.setText(
                    self.tr(
                        "No household matches “%1”.\nTry fewer words, a phone number or an "
                        "ID number."
                    ).replace("%1", model.query.strip()[:60])
                )
            else:
                self.empty_label.setText(
                    self.tr("No households yet.\nPress “Add household” to record the first one.")
                )
        self._stack.setCurrentWidget(self.empty_label if empty else self.table)

    def _back_to_top_on_a_new_search(self) -> None:
        """Other words typed (or the search cleared): show the new list from its first row and
        column, not where the last one was scrolled to."""
        query = self.model.query
        if query != self._answered_query:
            self._answered_query = query
            self.table.scrollToTop()
            self.table.horizontalScrollBar().setValue(0)

    def _choose_delegates(self) -> None:
        searching = self.model.searching
        if searching == self._highlighting:
            return
        self._highlighting = searching
        delegate = self._highlight_delegate if searching else self._plain_delegate
        for col in (COL_NAME, COL_ADDRESS, COL_NEEDS):
            self.table.setItemDelegateForColumn(col, delegate)

    def _fit_wide_columns(self) -> None:
        """Name, village and difficulties: a width for the text size, and never narrower than
        their heading (the eleventh tryout, text made 150 % in Settings: "hôn / tổ dân ph")."""
        header = self.table.horizontalHeader()
        grow = max(1.0, self.table.fontMetrics().height() / 17)  # wider at larger text sizes
        for col, width in ((COL_NAME, 210), (COL_VILLAGE, 180), (COL_NEEDS, 170)):
            title = self.model.headerData(col, Qt.Orientation.Horizontal) or ""
            need = header.fontMetrics().horizontalAdvance(title) + 24
            header.resizeSection(col, max(int(width * grow), need))

    def _fit_short_columns(self) -> None:
        """Members, last visit and follow-up: wide enough for their heading and any value."""
        self._fit_wide_columns()
        header = self.table.horizontalHeader()
        cell = self.table.fontMetrics()
        heading = header.fontMetrics()
        widest_date = max(
            cell.horizontalAdvance(format_date(date(2026, m, 28))) for m in (1, 11, 12)
        )
        samples = {
            COL_MEMBERS: cell.horizontalAdvance(QLocale().toString(99)),
            COL_LAST: widest_date,
            COL_NEXT: widest_date,
        }
        bold = QFont(self.table.font())
        bold.setBold(True)  # an overdue follow-up is shown in bold
        samples[COL_NEXT] = max(
            QFontMetrics(bold).horizontalAdvance(format_date(date(2026, m, 28))) for m in (1, 12)
        )
        for col, value_width in samples.items():
            title = self.model.headerData(col, Qt.Orientation.Horizontal) or ""
            width = max(value_width + 16, heading.horizontalAdvance(title) + 24)
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change; fit the short columns to a new text size."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_short_columns()
            # again once the header has its new font (a style sheet's font arrives after)
            QTimer.singleShot(0, self, self._fit_short_columns)
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Set every visible text in the current language."""
        self.search_edit.setPlaceholderText(
            self.tr("Search by name, address, phone or ID number — accents optional (Ctrl+F)")
        )
        self.search_edit.setAccessibleName(self.tr("Search households"))
        self.add_button.setText(self.tr("Add household"))
        self.add_button.setAccessibleName(self.tr("Add household"))
        self.table.setAccessibleName(self.tr("Households"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)
        self.model.forget_texts()
        self._fit_short_columns()
        self._update_state()
