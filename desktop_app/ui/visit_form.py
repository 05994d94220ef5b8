"""Record a visit in under a minute, from the keyboard.

Ctrl+S saves; Esc asks before discarding. While the form is open its content is kept as a draft in
the encrypted database (``drafts.py``): after a crash or a closed laptop lid, opening the form again
for the same household brings the draft back; a saved visit deletes it.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import date, datetime

from desktop_app.core.dates import parse_date_vi
from desktop_app.core.errors import KnownError, ValidationError
from desktop_app.core.records import (
    ASSISTANCE_KINDS,
    ASSISTANCE_STATUSES,
    VISIT_OUTCOMES,
    VISIT_PURPOSES,
)
from desktop_app.ui.drafts import DraftAutosaver, delete_draft, read_draft
from desktop_app.ui.households import (
    WARNING_BG,
    WARNING_BORDER,
    assistance_kind_labels,
    assistance_status_labels,
    error_label,
    format_datetime,
    household_address,
    outcome_labels,
    plain_label,
    purpose_labels,
)
from desktop_app.ui.qt import (
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDate,
    QDateTime,
    QDateTimeEdit,
    QDialog,
    QEvent,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSize,
    Qt,
    QTextCursor,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

log = logging.getLogger(__name__)

_NO_DATE = QDate(2000, 1, 1)


class OptionalDateEdit(QLineEdit):
    """A date typed as dd/mm/yyyy, or left empty. A line edit rather than a QDateEdit: the
    sections of a QDateEdit with an empty ("—") value swallowed typed digits and Tab. Alt+Down
    (or F4) opens a calendar."""

    dateChanged = Signal()  # noqa: N815 (Qt naming, as QDateEdit)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMaxLength(10)
        self.textChanged.connect(lambda _t: self.dateChanged.emit())
        self._calendar: QCalendarWidget | None = None
        self.retranslateUi()

    def value(self) -> date | None:
        """The date typed, or None (empty or not a whole date: see ``is_incomplete``)."""
        text = self.text().strip()
        if not text:
            return None
        try:
            return parse_date_vi(text, recent=True)  # "15.12.26" as on paper
        except ValidationError:
            return None

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """Wide enough for a whole date and its placeholder at any text size."""
        hint = super().minimumSizeHint()
        fm = self.fontMetrics()
        need = max(fm.horizontalAdvance(t) for t in ("00/00/0000", self.placeholderText())) + 24
        return QSize(max(hint.width(), need), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """As wide as ``minimumSizeHint`` at least."""
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height())

    def is_incomplete(self) -> bool:
        """True when something is typed that is not a whole date."""
        return bool(self.text().strip()) and self.value() is None

    def set_value(self, value: date | str | None) -> None:
        """Show ``value`` (a date or ISO text), or nothing."""
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value[:10])
            except ValueError:
                value = None
        self.setText(value.strftime("%d/%m/%Y") if value else "")

    def setDate(self, value: QDate) -> None:  # noqa: N802 (as QDateEdit)
        """Show a QDate (``_NO_DATE`` or an invalid one clears)."""
        self.set_value(None if not value.isValid() or value == _NO_DATE else value.toPython())

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Alt+Down or F4: the calendar."""
        alt_down = event.key() == Qt.Key.Key_Down and (
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> QCalendarWidget:
        """Open a calendar under the field; a click or Enter puts the date in."""
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.clicked.connect(self._picked)
            self._calendar.activated.connect(self._picked)
        current = self.value() or date.today()
        self._calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self._calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self._calendar.show()
        self._calendar.setFocus()
        return self._calendar

    def _picked(self, picked: QDate) -> None:
        self.set_value(picked.toPython())
        if self._calendar is not None:
            self._calendar.hide()
        self.setFocus()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """The placeholder shows the format."""
        self.setPlaceholderText(self.tr("dd/mm/yyyy"))


class AssistanceRow(QWidget):
    """One piece of help given: kind, for whom, status, due date."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, members: list[dict], head_id: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = QComboBox(self)
        self.person = QComboBox(self)
        self.status = QComboBox(self)
        self.due = OptionalDateEdit(self)
        self.remove_button = QPushButton("×", self)
        # no fixed minimum width: its size hint (which grows with the text size) is the minimum
        self.remove_button.setAutoDefault(False)
        self.person.addItem("—", "")
        for m in members:
            self.person.addItem(m.get("full_name") or "", m["id"])
        self.person.setCurrentIndex(max(self.person.findData(head_id or ""), 0))
        self.due_label = QLabel(self)
        self.due_label.setBuddy(self.due)
        for combo in (self.kind, self.person, self.status):
            # long labels must not widen the form past the screen: the combo shrinks instead
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        # two lines (what, for whom / status, due, remove), so a row fits at 150 % text
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 6)
        lay.setHorizontalSpacing(6)
        lay.setVerticalSpacing(4)
        lay.addWidget(self.kind, 0, 0, 1, 2)
        lay.addWidget(self.person, 0, 2, 1, 3)
        lay.addWidget(self.status, 1, 0)
        lay.addWidget(self.due_label, 1, 1, Qt.AlignmentFlag.AlignRight)
        lay.addWidget(self.due, 1, 2)
        lay.addWidget(self.remove_button, 1, 4)
        lay.setColumnStretch(0, 3)
        lay.setColumnStretch(2, 2)
        lay.setColumnStretch(3, 1)
        for combo in (self.kind, self.person, self.status):
            combo.currentIndexChanged.connect(self.changed)
        self.due.dateChanged.connect(self.changed)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.retranslateUi()

    def value(self) -> dict:
        """The item as the store takes it."""
        due = self.due.value()
        return {
            "kind": self.kind.currentData(),
            "person_id": self.person.currentData() or None,
            "status": self.status.currentData() or "open",
            "due_on": due.isoformat() if due else None,
            "text": "",
        }

    def set_value(self, item: dict) -> None:
        """Show a stored or drafted item."""
        for combo, key in (
            (self.kind, "kind"),
            (self.person, "person_id"),
            (self.status, "status"),
        ):
            i = combo.findData(item.get(key) or "")
            if i >= 0:
                combo.setCurrentIndex(i)
        self.due.set_value(item.get("due_on"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Set every visible text in the current language."""
        for combo, items in (
            (self.kind, [(k, assistance_kind_labels()[k]) for k in ASSISTANCE_KINDS]),
            (self.status, [(s, assistance_status_labels()[s]) for s in ASSISTANCE_STATUSES]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for code, label in items:
                combo.addItem(label, code)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)
        self.kind.setAccessibleName(self.tr("Kind of help"))
        self.person.setAccessibleName(self.tr("For whom"))
        self.status.setAccessibleName(self.tr("Status"))
        self.due_label.setText(self.tr("Due"))
        self.due.setAccessibleName(self.tr("Due date"))
        self.due.setToolTip(self.tr("Due date (optional)"))
        self.remove_button.setAccessibleName(self.tr("Remove this help item"))
        self.remove_button.setToolTip(self.tr("Remove"))


class VisitForm(QDialog):
    """The new-visit form of one household."""

    saved = Signal(str)  # visit id

    def __init__(self, ops, household_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.household_id = household_id
        self._household: dict | None = None
        self._loaded = False
        self._dirty = False
        self._busy = False
        self._saved = False
        self._confirm: QMessageBox | None = None
        self.restored_draft = False
        self.owner: str | None = None  # who opened the form (their draft; set once loaded)
        self.autosaver = DraftAutosaver(ops, household_id, self.snapshot, self)

        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setProperty("role", "title")
        self.draft_banner = QFrame(self)
        self.draft_banner.setObjectName("draftBanner")
        self.draft_banner.setStyleSheet(
            f"#draftBanner {{ background: {WARNING_BG}; border: 1px solid {WARNING_BORDER};"
            " border-radius: 4px; }"
        )
        self.draft_label = QLabel(self.draft_banner)
        self.draft_label.setWordWrap(True)
        self.discard_draft_button = QPushButton(self.draft_banner)
        self.discard_draft_button.setAutoDefault(False)
        self.discard_draft_button.clicked.connect(self._discard_restored_draft)
        banner_lay = QHBoxLayout(self.draft_banner)
        banner_lay.addWidget(self.draft_label, 1)
        banner_lay.addWidget(self.discard_draft_button)
        self.draft_banner.setVisible(False)

        # when
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.now_button = QPushButton(self)
        self.now_button.setAutoDefault(False)
        self.now_button.clicked.connect(lambda: self.when.setDateTime(QDateTime.currentDateTime()))
        when_row = QHBoxLayout()
        when_row.addWidget(self.when)
        when_row.addWidget(self.now_button)
        when_row.addStretch(1)
        self.when_error = error_label(self)

        # purposes
        self.purpose_boxes: dict[str, QCheckBox] = {}
        purposes = QWidget(self)
        # two per row: a flow layout here wrapped its second row under "Kết quả" inside the form
        grid = QGridLayout(purposes)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        for i, code in enumerate(VISIT_PURPOSES):
            box = QCheckBox(purposes)
            self.purpose_boxes[code] = box
            grid.addWidget(box, i // 2, i % 2)
        grid.setColumnStretch(2, 1)

        self.outcome = QComboBox(self)
        self.present = QListWidget(self)
        self.present.setMaximumHeight(96)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(80)

        # assistance
        self.assistance_rows: list[AssistanceRow] = []
        self._assistance_box = QWidget(self)
        self._assistance_lay = QVBoxLayout(self._assistance_box)
        self._assistance_lay.setContentsMargins(0, 0, 0, 0)
        self._assistance_lay.setSpacing(4)
        self.add_assistance_button = QPushButton(self._assistance_box)
        self.add_assistance_button.setAutoDefault(False)
        self.add_assistance_button.clicked.connect(lambda: self.add_assistance_row(focus=True))
        self._assistance_lay.addWidget(self.add_assistance_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.assistance_error = error_label(self)
        self._assistance_lay.addWidget(self.assistance_error)

        # follow-up
        self.follow_up = OptionalDateEdit(self)
        self.quick_buttons: dict[str, QPushButton] = {}
        # a fixed grid, not a flow: a wrapped flow row was drawn over the message under it
        follow_row = QGridLayout()
        follow_row.setHorizontalSpacing(6)
        follow_row.addWidget(self.follow_up, 0, 0)
        for i, key in enumerate(("3d", "1w", "1m", "none")):
            b = QPushButton(self)
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, k=key: self.set_follow_up(k))
            self.quick_buttons[key] = b
            follow_row.addWidget(b, i // 2, 1 + i % 2)
        follow_row.setColumnStretch(3, 1)
        self.follow_up_error = error_label(self)

        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, field, buddy in (
            ("when", self._column(when_row, self.when_error), self.when),
            ("purposes", purposes, None),
            ("outcome", self.outcome, self.outcome),
            ("present", self.present, self.present),
            ("notes", self.notes, self.notes),
            ("assistance", self._assistance_box, None),
            ("follow_up", self._column(follow_row, self.follow_up_error), self.follow_up),
        ):
            label = QLabel(self)
            if buddy is not None:
                label.setBuddy(buddy)
            self._labels[name] = label
            form.addRow(label, field)
        body = QWidget(self)
        body.setLayout(form)
        scroll = self.scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.form_error = error_label(self)
        self.save_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        for b in (self.save_button, self.cancel_button):
            b.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.form_error, 1)
        buttons.addStretch(0)
        self.save_button.setMinimumWidth(160)
        self.cancel_button.setMinimumWidth(100)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.draft_banner)
        lay.addWidget(scroll, 1)
        buttons.insertStretch(1, 1)
        lay.addLayout(buttons)

        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self.save)

        self.when.dateTimeChanged.connect(self._changed)
        for box in self.purpose_boxes.values():
            box.toggled.connect(self._changed)
        self.outcome.currentIndexChanged.connect(self._changed)
        self.present.itemChanged.connect(self._changed)
        # a click on a name ticks it too, not only a click on its small box (the eleventh
        # tryout); a click on the box toggles it itself, and is never "pressed"
        self._pressed_state = None
        self.present.itemPressed.connect(
            lambda item: setattr(self, "_pressed_state", item.checkState())
        )
        self.present.itemClicked.connect(self._present_clicked)
        self.notes.textChanged.connect(self._changed)
        self.follow_up.dateChanged.connect(self._changed)

        self._chain_tab_order()
        # focus moved by Alt+letter or Tab to a field below the fold scrolls it into view
        QApplication.instance().focusChanged.connect(self._focus_moved)
        self.resize(780, 680)
        self.retranslateUi()
        self.setEnabled(False)
        self._load()

    @staticmethod
    def _column(row_layout, error: QLabel) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(row_layout)
        lay.addWidget(error)
        return box

    # --- loading and drafts ---

    def _load(self) -> None:
        hid = self.household_id

        def fn(store):
            # the draft and the form belong to the person who opened it (drafts.py)
            return {
                "household": store.household(hid),
                "draft": read_draft(store, hid),
                "owner": store.user.username,
            }

        self._ops.run(fn, self._loaded_household, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self.save_button.setEnabled(False)
        self._ops.show_error(exc, self)

    def _loaded_household(self, result: dict) -> None:
        h = result["household"]
        self._household = h
        self.owner = self.autosaver.owner = result.get("owner")
        members = h.get("members") or []
        head_id = h.get("head_person_id")
        head = next((m for m in members if m["id"] == head_id), None)
        self.title.setText(
            self.tr("New visit — %1").replace(
                "%1",
                " · ".join(p for p in ((head or {}).get("full_name"), household_address(h)) if p),
            )
        )
        self.present.blockSignals(True)
        self.present.clear()
        for m in members:
            item = QListWidgetItem(m.get("full_name") or "", self.present)
            item.setData(Qt.ItemDataRole.UserRole, m["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if m["id"] == head_id else Qt.CheckState.Unchecked
            )
        self.present.blockSignals(False)
        self.setEnabled(True)
        draft = result.get("draft")
        if draft:
            self.restore(draft["fields"])
            self.restored_draft = True
            self._dirty = True
            self.draft_label.setText(
                self.tr("An unsaved draft of this visit (%1) was restored.").replace(
                    "%1", format_datetime(draft.get("saved_at"))
                )
            )
            self.draft_banner.setVisible(True)
        self._loaded = True
        self.autosaver.start()
        self.notes.setFocus() if draft else self.when.setFocus()

    def _members(self) -> list[dict]:
        return (self._household or {}).get("members") or []

    def snapshot(self) -> dict:
        """Everything typed so far, as JSON-ready values (for the draft)."""
        return {
            "visited_at": self.when.dateTime().toString(Qt.DateFormat.ISODate),
            "purposes": [c for c, b in self.purpose_boxes.items() if b.isChecked()],
            "outcome": self.outcome.currentData(),
            "notes": self.notes.toPlainText(),
            "persons_present": self._present_ids(),
            "assistance": [r.value() for r in self.assistance_rows],
            "follow_up_on": self._follow_up_iso(),
        }

    def _present_clicked(self, item: QListWidgetItem) -> None:
        pressed, self._pressed_state = self._pressed_state, None
        if pressed is not None and item.checkState() == pressed:  # on the name, not the box
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def restore(self, fields: dict) -> None:
        """Show a draft's values."""
        when = QDateTime.fromString(fields.get("visited_at") or "", Qt.DateFormat.ISODate)
        if when.isValid():
            self.when.setDateTime(when)
        for code, box in self.purpose_boxes.items():
            box.setChecked(code in (fields.get("purposes") or []))
        i = self.outcome.findData(fields.get("outcome"))
        if i >= 0:
            self.outcome.setCurrentIndex(i)
        self.notes.setPlainText(fields.get("notes") or "")
        # typing goes on after the restored note, not in front of it (the eleventh tryout)
        self.notes.moveCursor(QTextCursor.MoveOperation.End)
        present = set(fields.get("persons_present") or [])
        for k in range(self.present.count()):
            item = self.present.item(k)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in present
                else Qt.CheckState.Unchecked
            )
        for row in list(self.assistance_rows):
            self._remove_assistance_row(row)
        for item in fields.get("assistance") or []:
            self.add_assistance_row().set_value(item)
        self.follow_up.set_value(fields.get("follow_up_on"))

    def _discard_restored_draft(self) -> None:
        self.draft_banner.setVisible(False)
        self.autosaver.stop()
        hid, owner = self.household_id, self.owner
        self._ops.run(lambda store: delete_draft(store, hid, owner))
        self.restore(
            {
                "visited_at": QDateTime.currentDateTime().toString(Qt.DateFormat.ISODate),
                "outcome": "met",
                "persons_present": [(self._household or {}).get("head_person_id")],
            }
        )
        self._dirty = False
        self.autosaver.start()

    def _changed(self, *_args) -> None:
        if not self._loaded:
            return
        self._dirty = True
        self.autosaver.changed()

    # --- inputs ---

    def add_assistance_row(self, focus: bool = False) -> AssistanceRow:
        """Add a row for a piece of help given."""
        row = AssistanceRow(
            self._members(), (self._household or {}).get("head_person_id"), self._assistance_box
        )
        self.assistance_rows.append(row)
        self._assistance_lay.insertWidget(len(self.assistance_rows) - 1, row)
        row.changed.connect(self._changed)
        row.remove_requested.connect(self._remove_assistance_row)
        self._chain_tab_order()
        QTimer.singleShot(0, self._grow_to_fit)
        if focus:
            row.kind.setFocus()
            QTimer.singleShot(0, lambda: self.ensure_visible(row))
        self._changed()
        return row

    def _remove_assistance_row(self, row: AssistanceRow) -> None:
        if row in self.assistance_rows:
            self.assistance_rows.remove(row)
            row.hide()
            row.deleteLater()
            self._chain_tab_order()
            self._changed()

    def _chain_tab_order(self) -> None:
        """Tab goes down the form as it reads, through every help row and quick button."""
        chain: list[QWidget] = [self.when, self.now_button, *self.purpose_boxes.values()]
        chain += [self.outcome, self.present, self.notes]
        for row in self.assistance_rows:
            chain += [row.kind, row.person, row.status, row.due, row.remove_button]
        chain += [self.add_assistance_button, self.follow_up, *self.quick_buttons.values()]
        chain += [self.cancel_button, self.save_button]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)

    def ensure_visible(self, widget: QWidget) -> None:
        """Scroll the form so ``widget`` is in view."""
        body = self.scroll.widget()
        if body is not None and body.isAncestorOf(widget):
            self.scroll.ensureWidgetVisible(widget, 16, 16)
            # again once pending layout (a row just added) has settled
            QTimer.singleShot(0, lambda: self._ensure_visible_later(widget))

    def _grow_to_fit(self) -> None:
        """Widen the dialog (within the screen) when the form no longer fits sideways."""
        body = self.scroll.widget()
        need = body.minimumSizeHint().width() - self.scroll.viewport().width()
        screen = self.screen().availableGeometry() if self.screen() else None
        if need > 0 and screen is not None:
            self.resize(min(self.width() + need, screen.width()), self.height())
            if self.frameGeometry().right() > screen.right():
                self.move(
                    max(screen.left(), screen.right() - self.frameGeometry().width()), self.y()
                )

    def _ensure_visible_later(self, widget: QWidget) -> None:
        with contextlib.suppress(RuntimeError):  # the widget (a removed help row) is gone
            self.scroll.ensureWidgetVisible(widget, 16, 16)

    def _focus_moved(self, _old, new) -> None:
        if new is not None and self.isVisible():
            self.ensure_visible(new)

    def set_follow_up(self, key: str) -> None:
        """Quick follow-up: "3d", "1w", "1m" from today, or "none"."""
        today = QDate.currentDate()
        target = {"3d": today.addDays(3), "1w": today.addDays(7), "1m": today.addMonths(1)}.get(key)
        self.follow_up.setDate(target if target else _NO_DATE)

    def _present_ids(self) -> list[str]:
        out = []
        for k in range(self.present.count()):
            item = self.present.item(k)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def _follow_up_iso(self) -> str | None:
        d = self.follow_up.value()
        return d.isoformat() if d else None

    def visit_values(self) -> tuple[dict, list[dict]]:
        """The visit and its help items, as the store takes them."""
        when: datetime = self.when.dateTime().toPython()
        visit = {
            "visited_at": when.astimezone().isoformat(),
            "purposes": [c for c, b in self.purpose_boxes.items() if b.isChecked()],
            "outcome": self.outcome.currentData() or "",
            "notes": self.notes.toPlainText(),
            "persons_present": self._present_ids(),
            "follow_up_on": self._follow_up_iso(),
        }
        return visit, [r.value() for r in self.assistance_rows]

    # --- saving and leaving ---

    def save(self) -> None:
        """Record the visit (Ctrl+S); the draft is deleted in the same operation."""
        if self._busy or not self._loaded or self._saved:
            return
        for label in (
            self.when_error,
            self.follow_up_error,
            self.assistance_error,
            self.form_error,
        ):
            label.setVisible(False)
        if self.follow_up.is_incomplete():
            self._show_half_typed(self.follow_up_error, self.follow_up)
            return
        for row in self.assistance_rows:
            if row.due.is_incomplete():
                self._show_half_typed(self.assistance_error, row.due)
                return
        visit, assistance = self.visit_values()
        hid, owner = self.household_id, self.owner
        self._busy = True
        self.save_button.setEnabled(False)
        self.autosaver.stop()

        def fn(store):
            result = store.record_visit(hid, visit, assistance)
            delete_draft(store, hid, owner)
            return result

        self._ops.run(fn, self._saved_ok, self._save_failed)

    def _show_half_typed(self, error: QLabel, field: OptionalDateEdit) -> None:
        """A date typed only in part is not saved as "no date": say so, nothing is saved."""
        error.setText(
            self.tr(
                "“%1” is not a whole date. Type it as dd/mm/yyyy (for example 11/12/2026), "
                "or clear the box."
            ).replace("%1", field.text().strip())
        )
        error.setVisible(True)
        field.setFocus()
        self.ensure_visible(error)  # the message sits under the field

    def _saved_ok(self, result: dict) -> None:
        self._busy = False
        self._saved = True
        self._dirty = False
        self.saved.emit(result["visit"]["id"])
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self.autosaver.start()
        self.autosaver.changed()
        lang = self._ops.lang()
        if isinstance(exc, ValidationError):
            target = {
                "visited_at": self.when_error,
                "follow_up_on": self.follow_up_error,
                "follow_up_done_on": self.follow_up_error,
                "kind": self.assistance_error,
                "status": self.assistance_error,
                "due_on": self.assistance_error,
            }.get(exc.field, self.form_error)
            target.setText(exc.message(lang))
            target.setVisible(True)
            return
        if isinstance(exc, KnownError):
            self.form_error.setText(exc.message(lang))
            self.form_error.setVisible(True)
            return
        self._ops.show_error(exc, self)

    def reject(self) -> None:
        """Esc or Cancel: close at once when nothing was typed, else ask first."""
        if self._saved or not self._dirty:
            self.autosaver.stop()
            super().reject()
            return
        if self._confirm is not None and self._confirm.isVisible():
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Discard this visit?"))
        box.setText(self.tr("The visit has not been saved. Discard what you typed?"))
        self.discard_button = box.addButton(
            self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.buttonClicked.connect(self._confirm_answered)
        self._confirm = box
        box.open()

    def _confirm_answered(self, button) -> None:
        if button is self.discard_button:
            self.autosaver.discard()
            self._dirty = False
            super().reject()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Resume autosaving when shown again."""
        super().showEvent(event)
        if self._loaded and not self._saved:
            self.autosaver.start()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Write what is pending and stop the timers while hidden or closed."""
        self.autosaver.flush()
        self.autosaver.stop()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """The window's close button behaves like Cancel."""
        if self._saved or not self._dirty:
            self.autosaver.stop()
            event.accept()
            return
        event.ignore()
        self.reject()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("New visit"))
        if self._household is None:
            self.title.setText(self.tr("New visit"))
        texts = {
            "when": self.tr("&When"),
            "purposes": self.tr("Purpose"),
            "outcome": self.tr("Out&come"),
            "present": self.tr("Pre&sent"),
            "notes": self.tr("&Notes"),
            "assistance": self.tr("Help given"),
            "follow_up": self.tr("Follow-up &date"),
        }
        for name, text in texts.items():
            self._labels[name].setText(text)
        labels = purpose_labels()
        for code, box in self.purpose_boxes.items():
            box.setText(labels[code])
            box.setAccessibleName(plain_label(labels[code]))
        current = self.outcome.currentData() or "met"
        self.outcome.blockSignals(True)
        self.outcome.clear()
        for code in VISIT_OUTCOMES:
            self.outcome.addItem(outcome_labels()[code], code)
        self.outcome.setCurrentIndex(max(self.outcome.findData(current), 0))
        self.outcome.blockSignals(False)
        self.now_button.setText(self.tr("Now"))
        self.when.setAccessibleName(self.tr("Visit date and time"))
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.present.setAccessibleName(self.tr("Persons present"))
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(
            self.tr("What happened, barriers to getting the money, what was agreed…")
        )
        self.add_assistance_button.setText(self.tr("+ &Add help given"))
        self.follow_up.setAccessibleName(self.tr("Follow-up date"))
        self.quick_buttons["3d"].setText(self.tr("+3 days"))
        self.quick_buttons["1w"].setText(self.tr("+1 week"))
        self.quick_buttons["1m"].setText(self.tr("+1 month"))
        self.quick_buttons["none"].setText(self.tr("No follow-up"))
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.discard_draft_button.setText(self.tr("Discard draft"))
