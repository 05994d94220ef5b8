"""Record a visit in under a minute, from the keyboard.

Ctrl+S saves; Esc asks before discarding. While the form is open its content is kept as a draft in
the encrypted database (``drafts.py``): after a crash or a closed laptop lid, opening the form again
for the same household brings the draft back; a saved visit deletes it.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

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
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDateTime,
    QDateTimeEdit,
    QDialog,
    QEvent,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QShortcut,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import FlowLayout

log = logging.getLogger(__name__)

_NO_DATE = QDate(2000, 1, 1)


class OptionalDateEdit(QDateEdit):
    """A dd/MM/yyyy date input that may be empty (shown as a dash)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText("—")
        self.setDate(_NO_DATE)

    def value(self) -> date | None:
        """The date chosen, or None."""
        d = self.date()
        return None if d == _NO_DATE else d.toPython()

    def set_value(self, value: date | str | None) -> None:
        """Show ``value`` (a date or ISO text), or nothing."""
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value[:10])
            except ValueError:
                value = None
        self.setDate(QDate(value.year, value.month, value.day) if value else _NO_DATE)


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
        self.remove_button.setMinimumWidth(30)  # grows with the text size
        self.remove_button.setAutoDefault(False)
        self.person.addItem("—", "")
        for m in members:
            self.person.addItem(m.get("full_name") or "", m["id"])
        self.person.setCurrentIndex(max(self.person.findData(head_id or ""), 0))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.kind, 3)
        lay.addWidget(self.person, 3)
        lay.addWidget(self.status, 2)
        lay.addWidget(self.due, 2)
        lay.addWidget(self.remove_button)
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
        grid = FlowLayout(purposes, spacing=12)  # as many per row as fit: larger text wraps
        for code in VISIT_PURPOSES:
            box = QCheckBox(purposes)
            self.purpose_boxes[code] = box
            grid.addWidget(box)

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
        follow_row = FlowLayout(spacing=6)  # the quick buttons wrap under the date if needed
        follow_row.addWidget(self.follow_up)
        for key in ("3d", "1w", "1m", "none"):
            b = QPushButton(self)
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, k=key: self.set_follow_up(k))
            self.quick_buttons[key] = b
            follow_row.addWidget(b)
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
        scroll = QScrollArea(self)
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
        self.notes.textChanged.connect(self._changed)
        self.follow_up.dateChanged.connect(self._changed)

        self.setTabOrder(self.when, self.now_button)
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
            return {"household": store.household(hid), "draft": read_draft(store, hid)}

        self._ops.run(fn, self._loaded_household, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self.save_button.setEnabled(False)
        self._ops.show_error(exc, self)

    def _loaded_household(self, result: dict) -> None:
        h = result["household"]
        self._household = h
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
        hid = self.household_id
        self._ops.run(lambda store: delete_draft(store, hid))
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
        if focus:
            row.kind.setFocus()
        self._changed()
        return row

    def _remove_assistance_row(self, row: AssistanceRow) -> None:
        if row in self.assistance_rows:
            self.assistance_rows.remove(row)
            row.hide()
            row.deleteLater()
            self._changed()

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
        visit, assistance = self.visit_values()
        hid = self.household_id
        self._busy = True
        self.save_button.setEnabled(False)
        self.autosaver.stop()

        def fn(store):
            result = store.record_visit(hid, visit, assistance)
            delete_draft(store, hid)
            return result

        self._ops.run(fn, self._saved_ok, self._save_failed)

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
