"""Identity verification by the commune police officer: the list, the form, the history.

The list (issue 19) holds everyone awaiting verification, fetched 200 at a time as it scrolls
(``VerificationListModel``), with a search box that follows the household search's rules per person
and filters with their counts (store ``verification_list`` / ``verification_counts``). A row is a
person's record id: after a save the same person stays selected and shows the new result; "Next
person" is the officer's own step. An officer's half-typed form is kept for them, encrypted in the
database, when another person logs in at the lock (``form_state``).

Only ``police_officer`` records a verification (the store refuses everyone else); a team lead sees
the queue and the history read-only; other roles see a plain explanation. ID numbers stay masked
on screen: the full number of the selected person appears only through the audited reveal.

The "Card QR" field takes what a USB QR scanner types (or pasted text), reads it with
``core.card_qr`` and compares the card with the record field by field: fields that differ are
ticked with the card's value proposed. Text mangled by a Vietnamese input method is refused with
the hint to switch the input method off.
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
from datetime import date

from desktop_app.core.card_qr import compare_card_with_record, parse_card_qr
from desktop_app.core.citizen_id import mask_citizen_id
from desktop_app.core.dates import parse_date_vi
from desktop_app.core.errors import KnownError, ValidationError
from desktop_app.core.records import CARD_TYPES, VERIFICATION_METHODS, VERIFICATION_RESULTS
from desktop_app.store.verification import STALE_MONTHS, VERIFIABLE_FIELDS
from desktop_app.ui.households import (
    ERROR_COLOUR,
    SEARCH_DEBOUNCE_MS,
    card_type_labels,
    format_date,
    format_datetime,
    household_address,
    label_of,
    sex_labels,
)
from desktop_app.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QBoxLayout,
    QBrush,
    QCheckBox,
    QColor,
    QComboBox,
    QEvent,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QModelIndex,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import MessageLabel, format_count, label, primary_button

log = logging.getLogger(__name__)

OK_COLOUR = "#1b6e3a"
PAGE_SIZE = 200
# what the officer reads first on the left; the village (also in the name's tooltip) last
COL_NAME, COL_BORN, COL_ID, COL_FLAGS, COL_LAST, COL_VILLAGE = range(6)
QUEUE_COLUMNS = 6
PersonIdRole = Qt.ItemDataRole.UserRole + 1


def form_state_key(username: str) -> str:
    """The settings key (encrypted database) of an officer's unsaved verification form."""
    return f"draft:verification:{username}"


def _iso_to_date(value) -> date | None:
    """A stored ISO date (or a date) as a date; None when empty or unreadable."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _compact_combo() -> QComboBox:
    """A combo box that can shrink below its longest item (the form sits in a narrow column)."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


class VerificationListModel(QAbstractTableModel):
    """The officer's list: every person awaiting verification (or one filter of them), in name
    order, fetched page by page (keyset on the name sort key and the person id) as the view
    scrolls; a search narrows it with the household search's rules (store ``verification_list``).
    Rows are identified by person id; a row is refreshed in place after a verification."""

    loaded = Signal()  # a first page arrived
    count_changed = Signal()

    def __init__(self, ops, view: VerificationView, page_size: int = PAGE_SIZE):
        super().__init__(view)
        self._ops = ops
        self._view = view
        self._page_size = page_size
        self._rows: list[dict] = []
        self._index: dict[str, int] = {}
        self._params: dict = {"kind": "all", "query": "", "village_id": None}
        self._months = STALE_MONTHS
        self._generation = 0
        self._fetching = False
        self._exhausted = True
        self._loaded_once = False

    @property
    def rows(self) -> list[dict]:
        """The rows fetched so far."""
        return self._rows

    @property
    def busy(self) -> bool:
        """True while a page is on its way."""
        return self._fetching

    @property
    def exhausted(self) -> bool:
        """True when every matching person has been fetched."""
        return self._exhausted

    @property
    def loaded_once(self) -> bool:
        """True once the first page of the current filter arrived."""
        return self._loaded_once

    def row_of(self, person_id: str | None) -> int:
        """The row showing ``person_id``, or -1."""
        return self._index.get(person_id, -1) if person_id else -1

    def person_id(self, row: int) -> str | None:
        """The person shown in ``row``."""
        return self._rows[row]["person_id"] if 0 <= row < len(self._rows) else None

    def set_filter(self, kind: str, query: str, village_id: str | None, months: int) -> None:
        """Show another filter, search or village (fetches the first page again)."""
        self._params = {"kind": kind, "query": query or "", "village_id": village_id}
        self._months = months
        self.reload()

    def clear(self) -> None:
        """Forget every row (another person logged in)."""
        self._generation += 1
        self._fetching = False
        self._loaded_once = False
        self._exhausted = True
        self.beginResetModel()
        self._rows, self._index = [], {}
        self.endResetModel()
        self.count_changed.emit()

    def reload(self) -> None:
        """Fetch the first page of the current filter; rows are replaced when it arrives."""
        self._generation += 1
        generation = self._generation
        self._fetching = True
        params, months, size = dict(self._params), self._months, self._page_size

        def fn(store):
            return store.verification_list(**params, months=months, limit=size + 1)

        try:
            self._ops.run(
                fn,
                lambda rows: self._arrived(generation, rows, first=True),
                lambda exc: self._failed(generation, exc),
                key="verification-list",
            )
        except RuntimeError:  # the worker stopped: the window is closing
            self._fetching = False

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008, N802 (Qt API)
        """More rows exist and no page is on its way."""
        if parent.isValid():
            return False
        return self._loaded_once and not self._exhausted and not self._fetching

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008, N802 (Qt API)
        """Ask the worker for the page after the last row."""
        if not self.canFetchMore(parent) or not self._rows:
            return
        self._fetching = True
        generation = self._generation
        last = self._rows[-1]
        after = (last.get("rank", 0), last["sort_key"], last["person_id"])
        params, months, size = dict(self._params), self._months, self._page_size

        def fn(store):
            return store.verification_list(**params, months=months, after=after, limit=size + 1)

        self._ops.run(
            fn,
            lambda rows: self._arrived(generation, rows, first=False),
            lambda exc: self._failed(generation, exc),
        )

    def _arrived(self, generation: int, rows: list[dict], first: bool) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._exhausted = len(rows) <= self._page_size
        rows = rows[: self._page_size]
        if first:
            self.beginResetModel()
            self._rows = rows
            self._index = {r["person_id"]: i for i, r in enumerate(rows)}
            self._loaded_once = True
            self.endResetModel()
            self.loaded.emit()
        elif rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            for i, r in enumerate(rows):
                self._index[r["person_id"]] = start + i
            self._rows.extend(rows)
            self.endInsertRows()
        self.count_changed.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
            self._loaded_once = True
            self.loaded.emit()
        self._ops.show_error(exc, self._view)

    def update_entry(self, entry: dict) -> None:
        """Show a person's row again as it is now (their new result); the row stays put."""
        row = self.row_of(entry.get("person_id"))
        if row < 0:
            return
        self._rows[row] = entry
        self.dataChanged.emit(self.index(row, 0), self.index(row, QUEUE_COLUMNS - 1))

    # --- Qt model API ---

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        """Rows fetched so far."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        """Six columns."""
        return 0 if parent.isValid() else QUEUE_COLUMNS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        titles = self._view.column_titles()
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Cell values; never raises (a bad record shows blank cells and is logged)."""
        try:
            return self._data(index, role)
        except Exception:
            log.exception("verification row %s could not be shown", index.row())
            return None

    def _data(self, index, role):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        q = self._rows[index.row()]
        col = index.column()
        if role == PersonIdRole:
            return q["person_id"]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._view.cell_text(q, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_NAME:
                return " — ".join(x for x in (household_address(q), q.get("village")) if x)
            return self._view.cell_text(q, col) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_FLAGS and q.get("flags"):
                return QBrush(QColor(ERROR_COLOUR))
            if col == COL_LAST and q.get("last_result") == "verified":
                return QBrush(QColor(OK_COLOUR))
        return None


class _TitleLabel(QLabel):
    """The form's title: tells the view when its text changes (the button beside it may have
    to go under it)."""

    def __init__(self, changed):
        super().__init__()
        self._changed = changed

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        super().setText(text)
        self._changed()


class VerificationView(QWidget):
    """The verification page: queue on the left, the selected person's form and history right."""

    household_opened = Signal(str)
    changed = Signal()
    _form_content: QWidget | None = None  # the form inside its scroll area (_build_form)
    _qr_filled = False  # the comparison below was filled from a scanned card

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verificationView")
        self._ops = ops
        self._role: str | None = None
        self._username: str | None = None
        self._counts: dict[str, int] = {}
        self._form_states: dict[str, dict] = {}  # each person's unsaved form (a user switch)
        self._person: dict | None = None
        self._history: list[dict] = []
        self._revealed: str | None = None
        self._busy = False
        self._village_id: str | None = None
        self._restore_state: dict | None = None  # a kept form to put back once the list is in
        self._pending_state: dict | None = None  # … once its person has loaded
        self._next_after_fetch = False  # "Next person" at the end of what is loaded

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_explanation())
        self.pages.addWidget(self._build_work())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        if parent is not None and hasattr(parent, "session_changed"):
            parent.session_changed.connect(self._session_changed)
        if parent is not None and hasattr(parent, "locked_changed"):
            parent.locked_changed.connect(self._locked_changed)
        self.retranslateUi()
        self._show_person(None)

    # --- building ------------------------------------------------------------------------------

    def _build_explanation(self) -> QWidget:
        page = QWidget()
        page.setObjectName("verificationNotAllowed")
        self.explain_heading = label(role="heading")
        self.explain_text = label(wrap=True)
        self.explain_text.setMaximumWidth(760)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(40, 32, 40, 32)
        lay.setSpacing(14)
        lay.addWidget(self.explain_heading)
        lay.addWidget(self.explain_text)
        lay.addStretch(1)
        return page

    def _build_work(self) -> QWidget:
        page = QWidget()
        self.heading = label(role="heading")
        self.subheading = label(role="muted", wrap=True)
        self.search_label = QLabel()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("verificationSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaxLength(200)
        self.search_label.setBuddy(self.search_edit)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload_queue)
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.search_edit.returnPressed.connect(self._search_now)
        self.village_label = QLabel()
        self.village = QComboBox()
        self.village.setObjectName("villageFilter")
        self.village.setMinimumContentsLength(12)
        self.village.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.village_label.setBuddy(self.village)
        self.village.currentIndexChanged.connect(self._village_chosen)
        self.filter_label = QLabel()
        self.filter = QComboBox()
        self.filter.setObjectName("verificationFilter")
        # its longest choice would set the list's least width: at 175 % the form lost its room
        self.filter.setMinimumContentsLength(14)
        self.filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.filter_label.setBuddy(self.filter)
        for kind in ("all", "never", "needs_checking", "stale"):
            self.filter.addItem("", kind)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload_queue())
        self.months = QSpinBox()
        self.months.setObjectName("staleMonths")
        self.months.setRange(1, 120)
        self.months.setValue(STALE_MONTHS)
        self.months.valueChanged.connect(lambda _v: self._debounce.start())
        self.months_label = QLabel()
        self.months_label.setBuddy(self.months)
        self.count_label = label(role="muted", wrap=True)
        self.count_label.setObjectName("verificationCount")
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload_queue)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search_edit, 1)
        filters = QGridLayout()
        filters.setHorizontalSpacing(6)
        filters.addWidget(self.filter_label, 0, 0)
        filters.addWidget(self.filter, 0, 1)
        filters.addWidget(self.months_label, 0, 2)
        filters.addWidget(self.months, 0, 3)
        filters.addWidget(self.village_label, 1, 0)
        filters.addWidget(self.village, 1, 1, 1, 3)
        filters.setColumnStretch(1, 1)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(self.refresh_button)

        self.model = VerificationListModel(self._ops, self)
        self.queue = QTableView()
        self.queue.setObjectName("verificationQueue")
        self.queue.setModel(self.model)
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue.verticalHeader().setVisible(False)
        self.queue.setAlternatingRowColors(True)
        self.queue.setWordWrap(False)
        self.queue.setTabKeyNavigation(False)
        self.queue.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.queue.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)  # the last column fills, never below its title
        self.queue.viewport().installEventFilter(self)
        self.queue.selectionModel().currentRowChanged.connect(self._queue_selected)
        self.model.loaded.connect(self._list_loaded)
        self.model.count_changed.connect(self._show_count)
        self.model.rowsInserted.connect(self._more_rows)
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextPerson")
        self.next_button.clicked.connect(self.next_person)

        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 6, 0)
        left_lay.addLayout(search_row)
        left_lay.addLayout(filters)
        left_lay.addLayout(count_row)
        left_lay.addWidget(self.queue, 1)

        right = self._build_form()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self._sized = False

        # an officer without a signing key registers it here (the command line is not needed)
        self.key_note = label(role="note", wrap=True)
        self.key_note.setObjectName("officerKeyNote")
        self.key_button = QPushButton()
        self.key_button.setObjectName("officerKeyButton")
        self.key_button.clicked.connect(self.register_key)
        self.key_row = QWidget()
        key_lay = QHBoxLayout(self.key_row)
        key_lay.setContentsMargins(0, 0, 0, 0)
        key_lay.addWidget(self.key_note, 1)
        key_lay.addWidget(self.key_button)
        self.key_row.hide()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(16, 12, 16, 8)
        lay.setSpacing(6)
        lay.addWidget(self.heading)
        lay.addWidget(self.subheading)
        lay.addWidget(self.key_row)
        lay.addWidget(self.splitter, 1)
        return page

    def _build_form(self) -> QWidget:
        content = QWidget()
        content.setObjectName("verificationForm")
        self.person_title = _TitleLabel(lambda: self._fit_form_width())
        self.person_title.setProperty("role", "title")
        self.person_title.setWordWrap(True)
        self.person_info = QLabel()
        self.person_info.setWordWrap(True)
        self.person_info.setTextFormat(Qt.TextFormat.RichText)
        self.id_label = QLabel()
        self.id_label.setObjectName("idNumber")
        self.id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal_button = QPushButton()
        self.reveal_button.setObjectName("revealButton")
        self.reveal_button.clicked.connect(self.reveal)
        self.open_household_button = QPushButton()
        self.open_household_button.clicked.connect(self._open_household)
        id_row = QHBoxLayout()
        id_row.addWidget(self.id_label)
        id_row.addWidget(self.reveal_button)
        id_row.addStretch(1)

        self.read_only_note = label(role="muted", wrap=True)
        self.read_only_note.setObjectName("readOnlyNote")

        # card QR
        self.qr_title = QLabel()
        self.qr_title.setStyleSheet("font-weight: 600;")
        self.qr_edit = QLineEdit()
        self.qr_edit.setObjectName("cardQr")
        self.qr_edit.returnPressed.connect(self.compare_qr)
        self.qr_title.setBuddy(self.qr_edit)
        self.qr_button = QPushButton()
        self.qr_button.setObjectName("compareQr")
        self.qr_button.setAutoDefault(False)
        self.qr_button.clicked.connect(self.compare_qr)
        qr_row = QHBoxLayout()
        qr_row.addWidget(self.qr_edit, 1)
        qr_row.addWidget(self.qr_button)
        self.qr_edit.setMinimumWidth(160)
        self.qr_message = QLabel()
        self.qr_message.setObjectName("qrMessage")
        self.qr_message.setWordWrap(True)
        self.qr_message.setVisible(False)

        # method and result
        self.method = _compact_combo()
        self.method.setObjectName("method")
        self.result = _compact_combo()
        self.result.setObjectName("result")
        self.method_label, self.result_label = QLabel(), QLabel()
        self.method_label.setBuddy(self.method)
        self.result_label.setBuddy(self.result)
        choices = QFormLayout()
        choices.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        choices.addRow(self.method_label, self.method)
        choices.addRow(self.result_label, self.result)

        # fields that did not match
        self.fields_title = QLabel()
        self.fields_title.setStyleSheet("font-weight: 600;")
        self.fields_box = QFrame()
        grid = QGridLayout(self.fields_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.col_record = label(role="muted", wrap=True)
        self.col_proposed = label(role="muted", wrap=True)
        grid.addWidget(self.col_record, 0, 1)
        grid.addWidget(self.col_proposed, 0, 2)
        self.field_boxes: dict[str, QCheckBox] = {}
        self.record_labels: dict[str, QLabel] = {}
        self.proposed: dict[str, QWidget] = {}
        for row, field in enumerate(VERIFIABLE_FIELDS, start=1):
            box = QCheckBox()
            box.setObjectName(f"field_{field}")
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if field in ("sex", "card_type"):
                editor: QWidget = _compact_combo()
            else:
                editor = QLineEdit()
                editor.setMaxLength(120)
            editor.setObjectName(f"proposed_{field}")
            editor.setEnabled(False)
            box.toggled.connect(editor.setEnabled)
            self.field_boxes[field] = box
            self.record_labels[field] = value
            self.proposed[field] = editor
            grid.addWidget(box, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(editor, row, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

        self.note_label = QLabel()
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(60)
        self.note_label.setBuddy(self.note)
        self.message = MessageLabel()
        self.message.setObjectName("formMessage")
        self.save_button = primary_button()
        self.save_button.setObjectName("saveVerification")
        self.save_button.clicked.connect(self.save)
        save_row = QHBoxLayout()
        save_row.addWidget(self.message, 1)
        save_row.addWidget(self.save_button)
        next_row = QHBoxLayout()
        next_row.addStretch(1)
        next_row.addWidget(self.next_button)

        self.history_title = QLabel()
        self.history_title.setStyleSheet("font-weight: 600; margin-top: 6px;")
        self.history = QLabel()
        self.history.setObjectName("history")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.empty_label = label(role="muted", wrap=True)
        self.form_widgets = QWidget()
        form_lay = QVBoxLayout(self.form_widgets)
        form_lay.setContentsMargins(0, 0, 0, 0)
        form_lay.setSpacing(8)
        form_lay.addWidget(self.person_info)
        form_lay.addLayout(id_row)
        form_lay.addWidget(self.read_only_note)
        self.editing = QWidget()
        edit_lay = QVBoxLayout(self.editing)
        edit_lay.setContentsMargins(0, 0, 0, 0)
        edit_lay.setSpacing(8)
        edit_lay.addWidget(self.qr_title)
        edit_lay.addLayout(qr_row)
        edit_lay.addWidget(self.qr_message)
        edit_lay.addLayout(choices)
        edit_lay.addWidget(self.fields_title)
        edit_lay.addWidget(self.fields_box)
        edit_lay.addWidget(self.note_label)
        edit_lay.addWidget(self.note)
        edit_lay.addLayout(save_row)
        form_lay.addWidget(self.editing)
        form_lay.addWidget(self.history_title)
        form_lay.addWidget(self.history)
        form_lay.addLayout(next_row)

        title_row = QHBoxLayout()
        title_row.addWidget(self.person_title, 1)
        title_row.addWidget(self.open_household_button, 0, Qt.AlignmentFlag.AlignTop)
        self._title_row = title_row  # the button goes under the title in a narrow form
        column = QVBoxLayout(content)
        column.setContentsMargins(10, 4, 12, 8)
        column.addLayout(title_row)
        column.addWidget(self.empty_label)
        column.addWidget(self.form_widgets)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        # the form's widest row grows when a person is shown (it was sized on the empty form:
        # at 150 % text the eleventh tryout's form was cut on its left, message and all)
        self._form_content = content
        content.installEventFilter(self)
        self.form_scroll = scroll
        return scroll

    # --- labels --------------------------------------------------------------------------------

    def flag_labels(self) -> dict[str, str]:
        """Data-quality flags of the queue, in plain words."""
        return {
            "id_birth_year_mismatch": self.tr("ID number does not fit the birth year"),
            "id_sex_mismatch": self.tr("ID number does not fit the sex"),
            "duplicate_id": self.tr("Same ID number as another person"),
            "missing_card_expiry": self.tr("Card expiry missing"),
            "old_card_type": self.tr("Old ID card (CMND)"),
            "no_id": self.tr("No ID number"),
            "id_invalid": self.tr("ID number not valid"),
        }

    def method_labels(self) -> dict[str, str]:
        """How the identity was checked."""
        return {
            "chip_card": self.tr("Chip card read"),
            "card_in_person": self.tr("Card compared in person"),
            "vneid": self.tr("VNeID level 2"),
            "population_data": self.tr("National population data"),
        }

    def result_labels(self) -> dict[str, str]:
        """What the check found."""
        return {
            "verified": self.tr("Verified: matches"),
            "mismatch": self.tr("Mismatch"),
            "unable": self.tr("Could not verify"),
            # a "verified" without a valid officer signature (issue 12): it does not count
            "not_verified": self.tr("Not verified: no valid officer signature"),
        }

    def field_labels(self) -> dict[str, str]:
        """The fields a verification may find wrong."""
        return {
            "citizen_id": self.tr("ID number"),
            "old_id": self.tr("Old ID (CMND)"),
            "full_name": self.tr("Full name"),
            "birth_date": self.tr("Date of birth"),
            "birth_year": self.tr("Year of birth"),
            "sex": self.tr("Sex"),
            "card_type": self.tr("Card type"),
            "card_expiry": self.tr("Card expiry"),
        }

    # --- the shell's interface -----------------------------------------------------------------

    @property
    def can_record(self) -> bool:
        """True when the person logged in may record a verification (police officer)."""
        return self._role == "police_officer"

    def activate(self) -> None:
        """Shown: read who is logged in, then the villages and the list (on the worker)."""

        def fn(store):
            role, username = store.user.role, store.user.username
            out = {"role": role, "username": username}
            out["key_missing"] = role == "police_officer" and not store.officer_key_enrolled
            if role in ("police_officer", "team_lead"):
                out["villages"] = store.list_villages()
                # an unsaved form of this person from before a quit (kept encrypted)
                out["form_state"] = store.settings.get(form_state_key(username)) or ""
            return out

        self._ops.run(fn, self._activated, key="verification-activate")

    def _activated(self, result: dict) -> None:
        role = result["role"]
        if role != self._role or result.get("username") != self._username:
            self._reset()
        self._role = role
        self._username = result.get("username")
        self.key_row.setVisible(bool(result.get("key_missing")))
        allowed = role in ("police_officer", "team_lead")
        self.pages.setCurrentIndex(1 if allowed else 0)
        self._apply_role()
        if not allowed:
            return
        self._fill_villages(result.get("villages") or [])
        state = self._form_states.pop(self._username or "", None)
        if state is None and result.get("form_state"):
            with contextlib.suppress(ValueError):
                state = json.loads(result["form_state"])
        if state:
            self._restore_state = state
        self.reload_queue()

    def _locked_changed(self, locked: bool) -> None:
        """Locked: what is typed in the form goes to the encrypted database too (nothing is lost
        if the laptop is switched off at the lock)."""
        if locked:
            self._keep_state()

    def _keep_state(self) -> dict | None:
        state = self.form_state() if self._role == "police_officer" else None
        if state and self._username:
            key, text = form_state_key(self._username), json.dumps(state, ensure_ascii=False)
            with contextlib.suppress(RuntimeError):  # the worker stopped: the app is closing
                self._ops.run(lambda store: store.set_setting(key, text))
        return state

    def _session_changed(self, _session=None) -> None:
        """Another person logged in: keep the leaver's unsaved form for them, forget the screen,
        then reload if shown."""
        # the settings table is inside the encrypted database (like visit drafts)
        state = self._keep_state()
        if state and self._username:
            self._form_states[self._username] = state
        self._role = None
        self._username = None
        self._reset()
        self.pages.setCurrentIndex(0)
        self._apply_role()
        if self.isVisible():
            self.activate()

    def _reset(self) -> None:
        self._debounce.stop()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self._counts = {}
        self.model.clear()
        self._show_filter_counts()
        self.count_label.setText("")
        self._show_person(None)

    def _fill_villages(self, villages: list[dict]) -> None:
        current = self.village.currentData()
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(self.tr("All villages"), None)
        for v in villages:
            self.village.addItem(v.get("name") or "", v["id"])
        index = self.village.findData(current) if current else 0
        self.village.setCurrentIndex(max(index, 0))
        self.village.blockSignals(False)
        self._village_id = self.village.currentData()

    def _village_chosen(self, _index: int) -> None:
        self._village_id = self.village.currentData()
        self.reload_queue()

    def _apply_role(self) -> None:
        officer = self.can_record
        self.editing.setVisible(officer)
        self.read_only_note.setVisible(not officer)
        self._show_id()

    def _can_reveal(self) -> bool:
        return self._role in ("police_officer", "team_lead")

    # --- the list --------------------------------------------------------------------------------

    def column_titles(self) -> list[str]:
        """The list's column titles."""
        titles = {
            COL_NAME: self.tr("Name"),
            COL_BORN: self.tr("Born"),
            COL_ID: self.tr("ID number"),
            COL_LAST: self.tr("Previous result"),
            COL_FLAGS: self.tr("What looks wrong"),
            COL_VILLAGE: self.tr("Village / group"),
        }
        return [titles[c] for c in range(QUEUE_COLUMNS)]

    def cell_text(self, q: dict, col: int) -> str:
        """The text of one cell of the list."""
        if col == COL_NAME:
            return q.get("full_name") or ""
        if col == COL_BORN:
            parts = (str(q.get("birth_year") or ""), label_of(sex_labels(), q.get("sex")))
            return " ".join(x for x in parts if x)
        if col == COL_ID:
            return mask_citizen_id(q.get("citizen_id"))
        if col == COL_VILLAGE:
            return q.get("village") or ""
        if col == COL_LAST:
            last = self.result_labels().get(q.get("last_result") or "", "")
            if last and q.get("last_verified_at"):
                last += f" ({format_date(q['last_verified_at'])})"
            return last or self.tr("never")
        if col == COL_FLAGS:
            flags = self.flag_labels()
            return ", ".join(flags.get(f, f) for f in q.get("flags") or [])
        return ""

    def filter_kind(self) -> str:
        """The filter chosen (all, never, needs_checking, stale)."""
        return self.filter.currentData() or "all"

    def reload_queue(self) -> None:
        """Read the first page and the counts of the chosen filter, search and village."""
        if self._role not in ("police_officer", "team_lead"):
            return
        self._debounce.stop()
        query, village_id, months = self.search_edit.text(), self._village_id, self.months.value()
        self.model.set_filter(self.filter_kind(), query, village_id, months)
        try:
            self._ops.run(
                lambda store: store.verification_counts(query, village_id, months),
                self._counts_arrived,
                key="verification-counts",
            )
        except RuntimeError:  # the worker stopped: the window is closing
            log.info("verification list not reloaded: the database worker has stopped")

    def _search_now(self) -> None:
        if self._debounce.isActive():
            self.reload_queue()
        elif self.model.rowCount():
            self.queue.setFocus()

    def _counts_arrived(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._show_filter_counts()
        self._show_count()

    def _show_filter_counts(self) -> None:
        texts = {
            "all": self.tr("Everyone awaiting verification"),
            "never": self.tr("Never verified"),
            "needs_checking": self.tr("Needs checking"),
            "stale": self.tr("Verified more than %1 months ago").replace(
                "%1", str(self.months.value())
            ),
        }
        for i in range(self.filter.count()):
            kind = self.filter.itemData(i)
            n = self._counts.get(kind)
            text = texts[kind] if n is None else f"{texts[kind]} ({format_count(n)})"
            self.filter.setItemText(i, text)

    def _show_count(self) -> None:
        if self._role not in ("police_officer", "team_lead"):
            self.count_label.setText("")
            return
        n = self._counts.get(self.filter_kind())
        loaded = self.model.rowCount()
        if n is None:
            text = self.tr("Persons shown: %1").replace("%1", format_count(loaded))
        elif self.search_edit.text().strip():
            text = self.tr("Persons found: %1").replace("%1", format_count(n))
        else:
            text = self.tr("Persons waiting for verification: %1").replace("%1", format_count(n))
        if n is not None and loaded < n:
            text += " · " + self.tr("%1 loaded, more as you scroll").replace(
                "%1", format_count(loaded)
            )
        self.count_label.setText(text)

    def _list_loaded(self) -> None:
        """A first page arrived: keep the person on screen selected (by record id)."""
        self._fit_columns()
        state, self._restore_state = self._restore_state, None
        pid = self._person["id"] if self._person else None
        if state and state.get("person_id"):
            pid = state["person_id"]
            self._pending_state = state
            self.load_person(pid)
        elif pid and self.model.row_of(pid) < 0:
            # The person on screen is not among what the officer now searched for: the panel
            # must not go on showing (and saving for) someone the list no longer shows. Nothing
            # typed yet: clear it. Something typed: keep it, and say so above the form.
            if self.form_state() is None:
                self._show_person(None)
                pid = None
            else:
                self.person_title.setText(
                    self.tr("%1 — not in the list you searched for").replace(
                        "%1", self._person.get("full_name") or ""
                    )
                )
        self._select_row_of(pid)

    def _select_row_of(self, person_id: str | None) -> None:
        row = self.model.row_of(person_id)
        sel = self.queue.selectionModel()
        sel.blockSignals(True)
        self.queue.clearSelection()
        if row >= 0:
            index = self.model.index(row, 0)
            self.queue.setCurrentIndex(index)
            self.queue.selectRow(row)
            self.queue.scrollTo(index)
        sel.blockSignals(False)
        self.queue.viewport().update()

    def _fit_columns(self) -> None:
        """Every column at least as wide as its title (never cut at any text size)."""
        header = self.queue.horizontalHeader()
        fm = self.queue.fontMetrics()
        wants = {
            COL_NAME: fm.horizontalAdvance("Nguyễn Thị Minh Hương") + 12,
            COL_BORN: fm.horizontalAdvance("1945 Nam") + 16,
            COL_ID: fm.horizontalAdvance("0011******55") + 16,
            COL_LAST: fm.horizontalAdvance("Không khớp (12/12/2026)") + 16,
            COL_FLAGS: fm.horizontalAdvance("Thiếu ngày hết hạn thẻ") + 16,
        }
        last = QUEUE_COLUMNS - 1
        for col in range(last):
            need = max(header.sectionSizeHint(col), wants.get(col, 0))
            if header.sectionSize(col) < need:
                header.resizeSection(col, need)
        # the last column (the village) takes the rest of the width, and at least its title's
        rest = self.queue.viewport().width() - sum(header.sectionSize(c) for c in range(last))
        header.resizeSection(last, max(header.sectionSizeHint(last), rest))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """The list's last column follows the list's width; the form's width follows its
        widest row."""
        if watched is self.queue.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._fit_columns)
        elif watched is self._form_content and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self._fit_form_width)
        return super().eventFilter(watched, event)

    def queue_person_ids(self) -> list[str]:
        """The ids of the persons in the list so far, in order (tests and the shell)."""
        return [q["person_id"] for q in self.model.rows]

    @property
    def _queue(self) -> list[dict]:
        return self.model.rows

    def select_person(self, person_id: str) -> None:
        """Select a person in the list (or load them even when not in it)."""
        if self.model.row_of(person_id) >= 0:
            self.queue.setCurrentIndex(self.model.index(self.model.row_of(person_id), 0))
        else:
            self.load_person(person_id)

    def _queue_selected(self, current, _previous=None) -> None:
        pid = self.model.person_id(current.row()) if current.isValid() else None
        if pid and (self._person is None or self._person["id"] != pid):
            self.load_person(pid)

    def _more_rows(self, *_args) -> None:
        if self._next_after_fetch:
            self._next_after_fetch = False
            self.next_person()

    def next_person(self) -> None:
        """Go on to the person after the one on screen (an explicit step, never automatic)."""
        row = self.model.row_of(self._person["id"]) if self._person else -1
        if row + 1 >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
            self._next_after_fetch = True
            return
        if row + 1 < self.model.rowCount():
            self.queue.setCurrentIndex(self.model.index(row + 1, 0))
            self.queue.scrollTo(self.model.index(row + 1, 0))

    def form_state(self) -> dict | None:
        """What is typed in the form for the person on screen (None when nothing is)."""
        if not self._person:
            return None
        v = self.values()
        typed = (
            v["method"]
            or v["result"]
            or v["mismatched_fields"]
            or v["note"]
            or self.qr_edit.text().strip()
        )
        if not typed:
            return None
        fields = {f: self.proposed_text(f) for f in v["mismatched_fields"]}
        return {
            "person_id": self._person["id"],
            "method": v["method"],
            "result": v["result"],
            "fields": fields,
            "note": v["note"],
            "qr": self.qr_edit.text(),
        }

    def proposed_text(self, field: str) -> str:
        """What the "correct value" box of a field shows (text or a combo's code)."""
        editor = self.proposed[field]
        return editor.currentData() or "" if isinstance(editor, QComboBox) else editor.text()

    def restore_form_state(self, state: dict) -> None:
        """Put a kept form back as it was."""
        self.qr_edit.setText(state.get("qr") or "")
        for combo, key in ((self.method, "method"), (self.result, "result")):
            combo.setCurrentIndex(max(combo.findData(state.get(key)), 0))
        fields = state.get("fields") or {}
        for field, box in self.field_boxes.items():
            box.setChecked(field in fields)
            editor = self.proposed[field]
            if field in fields:
                if isinstance(editor, QComboBox):
                    editor.setCurrentIndex(max(editor.findData(fields[field]), 0))
                else:
                    editor.setText(fields[field])
        self.note.setPlainText(state.get("note") or "")

    # --- one person ----------------------------------------------------------------------------

    def load_person(self, person_id: str) -> None:
        """Read a person and their verification history on the worker."""

        def fn(store):
            person = store.person(person_id)
            h = store.household(person["household_id"])
            return {
                "person": person,
                "household": {k: h.get(k) for k in ("address", "landmark", "village")},
                "history": store.verifications_for(person_id),
            }

        self._ops.run(fn, self._person_arrived, key="verification-person")

    def _person_arrived(self, result: dict) -> None:
        person = result["person"]
        same = self._person is not None and self._person["id"] == person["id"]
        self._person = {**person, "_household": result.get("household") or {}}
        self._history = result.get("history") or []
        if not same:
            self._revealed = None
            self._clear_form()
        self._show_person(self._person)
        state = self._pending_state
        if state and state.get("person_id") == person["id"]:
            self._pending_state = None
            self.restore_form_state(state)
            self._forget_kept_state()
        self._select_row_of(person["id"])

    def _show_person(self, person: dict | None) -> None:
        has = person is not None
        self.form_widgets.setVisible(has)
        self.empty_label.setVisible(not has)
        if not has:
            self._person = None
            self._history = []
            self._revealed = None
            self.person_title.setText(self.tr("Choose a person in the list"))
            self._clear_form()
            return
        sexes, cards = sex_labels(), card_type_labels()
        self.person_title.setText(person.get("full_name") or "")
        h = person.get("_household") or {}
        born = (
            format_date(person["birth_date"])
            if person.get("birth_date")
            else str(person.get("birth_year") or "?")
        )
        rows = [
            (self.tr("Born"), born),
            (self.tr("Sex"), label_of(sexes, person.get("sex")) or "—"),
            (self.tr("Card"), label_of(cards, person.get("card_type")) or "—"),
            (self.tr("Card expiry"), format_date(person.get("card_expiry")) or "—"),
            (self.tr("Address"), household_address(h) or "—"),
            (self.tr("Village / group"), h.get("village") or "—"),
        ]
        self.person_info.setText(
            "<br>".join(f"<b>{html.escape(k)}:</b> {html.escape(v)}" for k, v in rows)
        )
        self._show_id()
        self._fill_record_values()
        self._show_history()
        self._apply_role()

    def _show_id(self) -> None:
        person = self._person or {}
        number = self._revealed or mask_citizen_id(person.get("citizen_id"))
        self.id_label.setText(
            self.tr("ID number: %1").replace("%1", number or self.tr("not recorded"))
        )
        self.reveal_button.setVisible(
            self._can_reveal() and bool(person.get("citizen_id")) and not self._revealed
        )

    def reveal(self) -> None:
        """Show the selected person's full ID number (audited by the store)."""
        if not self._person:
            return
        pid = self._person["id"]

        def done(number):
            if self._person and self._person["id"] == pid:
                self._revealed = number or None
                self._show_id()

        self._ops.run(lambda store: store.reveal_citizen_id(pid), done)

    def _open_household(self) -> None:
        if self._person:
            self.household_opened.emit(self._person["household_id"])

    def _record_value(self, field: str) -> str:
        person = self._person or {}
        value = person.get(field)
        if field in ("citizen_id", "old_id"):
            if field == "citizen_id" and self._revealed:
                return self._revealed
            return mask_citizen_id(value) if value else "—"
        if field in ("birth_date", "card_expiry"):
            return format_date(value) or "—"
        if field == "sex":
            return label_of(sex_labels(), value) or "—"
        if field == "card_type":
            return label_of(card_type_labels(), value) or "—"
        return str(value) if value not in (None, "") else "—"

    def _fill_record_values(self) -> None:
        for field, value_label in self.record_labels.items():
            value_label.setText(self._record_value(field))

    def _show_history(self) -> None:
        methods, results, fields = self.method_labels(), self.result_labels(), self.field_labels()
        self.history_title.setText(
            self.tr("Earlier verifications (%1)").replace("%1", str(len(self._history)))
        )
        if not self._history:
            self.history.setText(
                "<span style='color:palette(mid)'>{}</span>".format(
                    html.escape(self.tr("None yet."))
                )
            )
            return
        parts = []
        for i, v in enumerate(self._history):
            head = "{} · {} · {} · <b>{}</b>".format(
                html.escape(format_datetime(v.get("verified_at"))),
                html.escape(v.get("officer_name") or v.get("officer") or ""),
                html.escape(methods.get(v.get("method"), v.get("method") or "")),
                html.escape(
                    results["not_verified"]
                    if v.get("result") == "verified" and v.get("counts") is False
                    else results.get(v.get("result"), v.get("result") or "")
                ),
            )
            tag = self.tr("current") if i == 0 else self.tr("superseded")
            lines = [f"{head} <i>({html.escape(tag)})</i>"]
            proposed = v.get("proposed_values") or {}
            items = []
            for f in v.get("mismatched_fields") or []:
                text = fields.get(f, f)
                if f in proposed:
                    shown = proposed[f]
                    if f in ("citizen_id", "old_id"):
                        shown = mask_citizen_id(str(shown))
                    elif f == "sex":
                        shown = label_of(sex_labels(), shown)
                    elif f == "card_type":
                        shown = label_of(card_type_labels(), shown)
                    elif f in ("birth_date", "card_expiry"):
                        shown = format_date(shown)
                    text += " → " + str(shown)
                items.append(text)
            if items:
                lines.append(html.escape(self.tr("Differs: %1").replace("%1", "; ".join(items))))
            if v.get("note"):
                lines.append("<i>{}</i>".format(html.escape(v["note"])))
            style = "" if i == 0 else " style='color:palette(mid)'"
            parts.append(f"<div{style}>" + "<br>".join(lines) + "</div>")
        self.history.setText("<br>".join(parts))

    # --- the form ------------------------------------------------------------------------------

    def _clear_form(self) -> None:
        self._qr_filled = False
        self.qr_edit.clear()
        self.qr_message.setVisible(False)
        self.qr_message.setText("")
        self.method.setCurrentIndex(0)
        self.result.setCurrentIndex(0)
        for field, box in self.field_boxes.items():
            box.setChecked(False)
            self._set_proposed(field, None)
        self.note.clear()
        self.message.clear_message()

    def _set_proposed(self, field: str, value) -> None:
        editor = self.proposed[field]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value or ""), 0))
        else:
            editor.setText(format_date(value) if isinstance(value, date) else str(value or ""))
            editor.setCursorPosition(0)

    def _proposed_value(self, field: str):
        editor = self.proposed[field]
        if isinstance(editor, QComboBox):
            return editor.currentData() or None
        text = editor.text().strip()
        if not text:
            return None
        if field in ("birth_date", "card_expiry"):
            try:
                return parse_date_vi(text, field).isoformat()
            except ValidationError:
                return text
        if field == "birth_year":
            return int(text) if text.isdigit() else text
        return text

    def _show_qr_message(self, text: str, ok: bool) -> None:
        colour = OK_COLOUR if ok else ERROR_COLOUR
        self.qr_message.setStyleSheet(f"color: {colour};")
        self.qr_message.setText(text)
        self.qr_message.setVisible(True)

    def compare_qr(self) -> None:
        """Read the scanned card QR text and compare the card with the record."""
        text = self.qr_edit.text()
        if not text.strip():
            self._show_qr_message(self.tr("Scan the card's QR code into the field first."), False)
            return
        if not self._person:
            return
        try:
            card = parse_card_qr(text)
        except KnownError as exc:
            message = exc.message(self._ops.lang())
            if self._qr_filled:  # the last card's result must not be saved for this scan
                self._qr_filled = False
                self.result.setCurrentIndex(0)
                for field, box in self.field_boxes.items():
                    box.setChecked(False)
                    self._set_proposed(field, None)
                message += " " + self.tr("The previous scan's comparison was cleared.")
            self._show_qr_message(message, False)
            return
        self._qr_filled = True
        person = self._person
        record = {
            "citizen_id": person.get("citizen_id"),
            "old_id": person.get("old_id"),
            "full_name": person.get("full_name"),
            "birth_date": _iso_to_date(person.get("birth_date")),
            "birth_year": person.get("birth_year"),
            "sex": person.get("sex"),
        }
        if record["citizen_id"] and "*" in str(record["citizen_id"]):
            record["citizen_id"] = self._revealed  # never compare against a masked number
        diffs = compare_card_with_record(card, record)
        for field, box in self.field_boxes.items():
            box.setChecked(False)
            self._set_proposed(field, None)
        labels = self.field_labels()
        for d in diffs:
            if d.field not in self.field_boxes:
                continue
            self.field_boxes[d.field].setChecked(True)
            self._set_proposed(d.field, d.card_value)
        if self.method.currentData() is None:
            self.method.setCurrentIndex(self.method.findData("card_in_person"))
        if diffs:
            self.result.setCurrentIndex(self.result.findData("mismatch"))
            names = ", ".join(labels.get(d.field, d.field) for d in diffs)
            self._show_qr_message(
                self.tr(
                    "The card differs from the record in: %1. Check the ticked fields below."
                ).replace("%1", names),
                False,
            )
        else:
            self.result.setCurrentIndex(self.result.findData("verified"))
            self._show_qr_message(self.tr("The card matches the record."), True)

    def values(self) -> dict:
        """The verification as the store takes it."""
        fields = [f for f, box in self.field_boxes.items() if box.isChecked()]
        proposed = {}
        for f in fields:
            value = self._proposed_value(f)
            if value not in (None, ""):
                proposed[f] = value
        return {
            "method": self.method.currentData(),
            "result": self.result.currentData(),
            "mismatched_fields": fields,
            "proposed_values": proposed,
            "note": self.note.toPlainText(),
        }

    def save(self) -> None:
        """Record the verification on the worker (the store allows police officers only)."""
        if self._busy or not self._person:
            return
        v = self.values()
        if not v["method"]:
            self.message.show_error(self.tr("Choose how the identity was checked."))
            self.method.setFocus()
            return
        if not v["result"]:
            self.message.show_error(self.tr("Choose the result."))
            self.result.setFocus()
            return
        if v["result"] == "mismatch" and not v["mismatched_fields"]:
            self.message.show_error(self.tr("Tick the fields that do not match."))
            return
        pid = self._person["id"]
        self._busy = True
        self.save_button.setEnabled(False)
        self._ops.run(
            # only an officer signs; anyone else is refused by the store when saving
            lambda store: (
                store.user.role != "police_officer" or store.officer_key_enrolled,
                store.user.username,
                store.user.role == "police_officer" and store.officer_key_waiting,
            ),
            lambda found: self._key_checked(pid, v, *found),
            self._save_failed,
        )

    def register_key(self) -> None:
        """The officer registers their signing key (code and password) with the city."""
        from desktop_app.ui.officer_key_dialog import OfficerKeyDialog

        dialog = OfficerKeyDialog(self._ops, self)
        dialog.registered.connect(self._key_registered)
        self._key_dialog = dialog  # kept for tests and while it is open
        dialog.open()

    def _key_registered(self, cert: dict) -> None:
        self.key_row.hide()
        self.message.show_ok(
            self.tr(
                "Your signing key is registered. From now on your verifications are signed "
                "and count."
            )
        )

    def unsigned_warning(self, username: str) -> str:
        """What an officer without a registered signing key is told before saving."""
        return self.tr(
            "Your signing key is not registered on this laptop, so this verification will be "
            "saved unsigned and will NOT count until the key is registered. To register it, "
            "press “Register signing key…” at the top of this page, or run "
            "tantay --user %1 officer-enroll --code CODE (the code comes from the commune "
            "admin or the city). Save it anyway?"
        ).replace("%1", username)

    def confirm(self, text: str) -> bool:
        """Ask before saving a verification that will not count."""
        answer = QMessageBox.question(
            self,
            self.tr("Signing key not registered"),
            text,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def _key_checked(
        self, pid: str, v: dict, enrolled: bool, username: str, waiting: bool = False
    ) -> None:
        if waiting:  # registered since this login: used from the next login, saved then
            self._busy = False
            self.save_button.setEnabled(True)
            self.message.show_error(
                self.tr(
                    "Your signing key was registered on this laptop after you logged in. Lock "
                    "the laptop (Ctrl+L) and unlock it with your password to use the key, then "
                    "save again. Nothing was saved."
                )
            )
            return
        if not enrolled and not self.confirm(self.unsigned_warning(username)):
            self._busy = False
            self.save_button.setEnabled(True)
            self.message.show_error(self.tr("Not saved."))
            return

        def fn(store):
            store.record_verification(
                pid,
                v["method"],
                v["result"],
                v["mismatched_fields"],
                v["proposed_values"],
                v["note"],
            )
            return store.verifications_for(pid)

        self._ops.run(fn, lambda history: self._saved(pid, history), self._save_failed)

    def _forget_kept_state(self) -> None:
        if self._username:
            key = form_state_key(self._username)
            with contextlib.suppress(RuntimeError):
                self._ops.run(
                    lambda store: store.set_setting(key, "") if store.settings.get(key) else None
                )

    def _saved(self, pid: str, history: list[dict]) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self._forget_kept_state()
        if self._person and self._person["id"] == pid:
            self._history = history
            self._clear_form()
            self._show_history()
            if history and history[0].get("counts") is False:
                self.message.show_error(
                    self.tr(
                        "Saved, but it does NOT count: it has no valid signature of an officer. "
                        "Register your signing key (officer-enroll) and verify again."
                    )
                )
            else:
                self.message.show_ok(self.tr("Verification saved."))
        self.changed.emit()
        # the person stays selected (by id) and their row shows the new result; going on to the
        # next person is the officer's own step ("Next person")
        months = self.months.value()
        self._ops.run(
            lambda store: store.verification_entry(pid, months),
            self._entry_arrived,
            key="verification-entry",
        )
        query, village_id = self.search_edit.text(), self._village_id
        self._ops.run(
            lambda store: store.verification_counts(query, village_id, months),
            self._counts_arrived,
            key="verification-counts",
        )

    def _entry_arrived(self, entry: dict | None) -> None:
        if entry is not None:
            self.model.update_entry(entry)
            if self._person and self._person["id"] == entry["person_id"]:
                self._select_row_of(entry["person_id"])

    def _save_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        if isinstance(exc, KnownError):
            self.message.show_error(exc.message(self._ops.lang()))
            return
        self.message.clear_message()
        self._ops.show_error(exc, self)

    # --- Qt ------------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Share the width between list and form the first time the page has its real size."""
        super().resizeEvent(event)
        self._fit_form_width()
        if not self._sized and self.isVisible() and self.width() > 700:
            self._sized = True
            total = self.splitter.width() or self.width()
            # the list gets a little more: its columns are read side by side
            left = total * 57 // 100
            self.splitter.setSizes([left, total - left])

    def _fit_form_width(self) -> None:
        """The form never narrower than its widest row (it does not scroll sideways, so a
        narrower form cut its buttons at 175 % text) nor than ~30 characters of text."""
        scroll = getattr(self, "form_scroll", None)
        content = scroll.widget() if scroll is not None else None
        if content is None:
            return
        bar = self.form_scroll.verticalScrollBar().sizeHint().width()
        need = max(
            content.minimumSizeHint().width() + bar,
            self.fontMetrics().averageCharWidth() * 30,
        )
        if self.form_scroll.minimumWidth() != need:
            self.form_scroll.setMinimumWidth(need)
        # beside the title while the title fits on a line next to it; under it otherwise (at
        # 175 % text the title wrapped one word a line)
        room = self.form_scroll.viewport().width() - 30
        title = self.person_title.fontMetrics().horizontalAdvance(self.person_title.text())
        beside = title + self.open_household_button.sizeHint().width() + 12 <= room
        row = self._title_row
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if row.direction() != direction:
            row.setDirection(direction)
            align = Qt.AlignmentFlag.AlignTop
            if not beside:
                align |= Qt.AlignmentFlag.AlignLeft
            row.setAlignment(self.open_household_button, align)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Set every visible text in the current language."""
        self.explain_heading.setText(self.tr("Identity verification"))
        self.explain_text.setText(
            self.tr(
                "Only the commune police officer records identity verifications, against the "
                "chip ID card, VNeID or the national population data. If a person's papers look "
                "wrong, note it in a visit and tell the officer: they can log in on this laptop "
                "with “Switch user”, verify, and hand the laptop back — your open work stays as "
                "it is."
            )
        )
        self.heading.setText(self.tr("Identity verification"))
        self.key_note.setText(
            self.tr(
                "Your signing key is not registered on this laptop: verifications you save "
                "will not count until it is."
            )
        )
        self.key_button.setText(self.tr("Register signing &key…"))
        self.subheading.setText(
            self.tr(
                "Everyone awaiting verification: never verified, not verified, or verified too "
                "long ago, with what looks wrong in their data. A later verification supersedes "
                "an earlier one; none is ever erased."
            )
        )
        self.search_label.setText(self.tr("F&ind"))
        self.search_edit.setPlaceholderText(
            self.tr("Name without accents, whole ID number, phone or village")
        )
        self.search_edit.setToolTip(
            self.tr(
                "“nguyen thi hoa” finds Nguyễn Thị Hoà. An ID number is found only when it is "
                "typed whole (12 digits, or 9 for an old CMND); the search is logged."
            )
        )
        self.filter_label.setText(self.tr("Sho&w"))
        self.months_label.setText(self.tr("months:"))
        self.months.setToolTip(self.tr("A verification older than this is due again"))
        self.months.setAccessibleName(self.tr("Months after which a verification is due again"))
        self._show_filter_counts()
        self.village_label.setText(self.tr("&Village"))
        if self.village.count():
            self.village.setItemText(0, self.tr("All villages"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.next_button.setText(self.tr("Next person ›"))
        self.next_button.setToolTip(self.tr("Go on to the next person in the list"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, QUEUE_COLUMNS - 1)
        self._fit_columns()
        self.queue.setAccessibleName(self.tr("Persons waiting for verification"))
        self.reveal_button.setText(self.tr("Show full number"))
        self.open_household_button.setText(self.tr("Open household"))
        self.read_only_note.setText(
            self.tr(
                "Only the commune police officer can record a verification. You can see the "
                "queue and the history."
            )
        )
        self.empty_label.setText(
            self.tr("Choose a person in the list to verify their identity and see the history.")
        )
        self.qr_title.setText(self.tr("Card &QR code"))
        self.qr_edit.setPlaceholderText(
            self.tr("Scan the QR code on the ID card here (or paste its text), then Enter")
        )
        self.qr_button.setText(self.tr("Compare"))
        self.method_label.setText(self.tr("&Method"))
        self.result_label.setText(self.tr("&Result"))
        for combo, labels in (
            (self.method, self.method_labels()),
            (self.result, self.result_labels()),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("— choose —"), None)
            for code in VERIFICATION_METHODS if combo is self.method else VERIFICATION_RESULTS:
                combo.addItem(labels[code], code)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)
        for field, codes in (("sex", ("male", "female")), ("card_type", CARD_TYPES)):
            combo = self.proposed[field]
            labels = sex_labels() if field == "sex" else card_type_labels()
            current = combo.currentData()
            combo.clear()
            combo.addItem("—", "")
            for code in codes:
                combo.addItem(label_of(labels, code), code)
            combo.setCurrentIndex(max(combo.findData(current or ""), 0))
        self.fields_title.setText(self.tr("Fields that do not match"))
        self.col_record.setText(self.tr("On record"))
        self.col_proposed.setText(self.tr("Correct value (from the card)"))
        for field, text in self.field_labels().items():
            self.field_boxes[field].setText(text)
            self.proposed[field].setAccessibleName(
                self.tr("Correct value of %1").replace("%1", text)
            )
            if isinstance(self.proposed[field], QLineEdit):
                self.proposed[field].setPlaceholderText(
                    self.tr("dd/mm/yyyy") if field in ("birth_date", "card_expiry") else ""
                )
        self.note_label.setText(self.tr("&Note"))
        self.save_button.setText(self.tr("Save verification"))
        if self._person is not None:
            self._show_person(self._person)
        else:
            self.person_title.setText(self.tr("Choose a person in the list"))
            self.history_title.setText(self.tr("Earlier verifications"))
        if self.model.rowCount():
            self.model.dataChanged.emit(
                self.model.index(0, 0),
                self.model.index(self.model.rowCount() - 1, QUEUE_COLUMNS - 1),
            )
        self._show_count()
