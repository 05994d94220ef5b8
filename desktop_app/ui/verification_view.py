"""Identity verification by the commune police officer: the queue, the form, the history.

Only ``police_officer`` records a verification (the store refuses everyone else); a team lead sees
the queue and the history read-only; other roles see a plain explanation. ID numbers stay masked
on screen: the full number of the selected person appears only through the audited reveal.

The "Card QR" field takes what a USB QR scanner types (or pasted text), reads it with
``core.card_qr`` and compares the card with the record field by field: fields that differ are
ticked with the card's value proposed. Text mangled by a Vietnamese input method is refused with
the hint to switch the input method off.
"""

from __future__ import annotations

import html
import logging
from datetime import date

from desktop_app.core.card_qr import compare_card_with_record, parse_card_qr
from desktop_app.core.citizen_id import mask_citizen_id
from desktop_app.core.dates import parse_date_vi
from desktop_app.core.errors import KnownError, ValidationError
from desktop_app.core.records import CARD_TYPES, VERIFICATION_METHODS, VERIFICATION_RESULTS
from desktop_app.store.verification import VERIFIABLE_FIELDS
from desktop_app.ui.households import (
    ERROR_COLOUR,
    card_type_labels,
    format_date,
    format_datetime,
    household_address,
    label_of,
    sex_labels,
)
from desktop_app.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QEvent,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import MessageLabel, label, primary_button

log = logging.getLogger(__name__)

OK_COLOUR = "#1b6e3a"
QUEUE_COLUMNS = 5


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


class VerificationView(QWidget):
    """The verification page: queue on the left, the selected person's form and history right."""

    household_opened = Signal(str)
    changed = Signal()

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verificationView")
        self._ops = ops
        self._role: str | None = None
        self._queue: list[dict] = []
        self._person: dict | None = None
        self._history: list[dict] = []
        self._revealed: str | None = None
        self._busy = False
        self._village_id: str | None = None

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_explanation())
        self.pages.addWidget(self._build_work())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        if parent is not None and hasattr(parent, "session_changed"):
            parent.session_changed.connect(self._session_changed)
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
        self.village_label = QLabel()
        self.village = QComboBox()
        self.village.setObjectName("villageFilter")
        self.village.setMinimumWidth(170)
        self.village_label.setBuddy(self.village)
        self.village.currentIndexChanged.connect(self._village_chosen)
        self.count_label = label(role="muted", wrap=True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload_queue)
        filters = QHBoxLayout()
        filters.addWidget(self.village_label)
        filters.addWidget(self.village)
        filters.addSpacing(12)
        filters.addWidget(self.count_label, 1)
        filters.addWidget(self.refresh_button)

        self.queue = QTableWidget(0, QUEUE_COLUMNS)
        self.queue.setObjectName("verificationQueue")
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue.verticalHeader().setVisible(False)
        self.queue.setAlternatingRowColors(True)
        self.queue.setWordWrap(False)
        self.queue.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.queue.horizontalHeader()
        header.setMinimumSectionSize(60)
        for col, width in ((0, 165), (1, 78), (2, 112), (4, 110)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.queue.setColumnWidth(col, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.queue.itemSelectionChanged.connect(self._queue_selected)

        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 6, 0)
        left_lay.addLayout(filters)
        left_lay.addWidget(self.queue, 1)

        right = self._build_form()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self._sized = False

        lay = QVBoxLayout(page)
        lay.setContentsMargins(16, 12, 16, 8)
        lay.setSpacing(6)
        lay.addWidget(self.heading)
        lay.addWidget(self.subheading)
        lay.addWidget(self.splitter, 1)
        return page

    def _build_form(self) -> QWidget:
        content = QWidget()
        content.setObjectName("verificationForm")
        self.person_title = QLabel()
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

        title_row = QHBoxLayout()
        title_row.addWidget(self.person_title, 1)
        title_row.addWidget(self.open_household_button, 0, Qt.AlignmentFlag.AlignTop)
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
        """Shown: read who is logged in, then the villages and the queue (on the worker)."""

        def fn(store):
            role = store.user.role
            if role not in ("police_officer", "team_lead"):
                return {"role": role}
            return {"role": role, "villages": store.list_villages()}

        self._ops.run(fn, self._activated, key="verification-activate")

    def _activated(self, result: dict) -> None:
        role = result["role"]
        if role != self._role:
            self._reset()
        self._role = role
        allowed = role in ("police_officer", "team_lead")
        self.pages.setCurrentIndex(1 if allowed else 0)
        self._apply_role()
        if not allowed:
            return
        self._fill_villages(result.get("villages") or [])
        self.reload_queue()

    def _session_changed(self, _session=None) -> None:
        """Another person logged in: forget everything on screen, then reload if shown."""
        self._role = None
        self._reset()
        self.pages.setCurrentIndex(0)
        self._apply_role()
        if self.isVisible():
            self.activate()

    def _reset(self) -> None:
        self._queue = []
        self.queue.setRowCount(0)
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

    # --- the queue -----------------------------------------------------------------------------

    def reload_queue(self) -> None:
        """Read the persons not yet verified (of the chosen village) on the worker."""
        if self._role not in ("police_officer", "team_lead"):
            return
        village_id = self._village_id
        try:
            self._ops.run(
                lambda store: store.verification_queue(village_id),
                self._queue_arrived,
                key="verification-queue",
            )
        except RuntimeError:  # the worker stopped: the window is closing
            log.info("verification queue not reloaded: the database worker has stopped")

    def _queue_arrived(self, rows: list[dict]) -> None:
        selected = self._person["id"] if self._person else None
        old_row = self.queue.currentRow()
        self._queue = rows
        flags = self.flag_labels()
        results = self.result_labels()
        sexes = sex_labels()
        self.queue.blockSignals(True)
        self.queue.setRowCount(len(rows))
        for row, q in enumerate(rows):
            flag_text = ", ".join(flags.get(f, f) for f in q.get("flags") or [])
            last = results.get(q.get("last_result") or "", "")
            values = [
                q.get("full_name") or "",
                " ".join(
                    x for x in (str(q.get("birth_year") or ""), label_of(sexes, q.get("sex"))) if x
                ),
                mask_citizen_id(q.get("citizen_id")),
                flag_text,
                last,
            ]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if col == 3 and text:
                    item.setForeground(Qt.GlobalColor.darkRed)
                    item.setToolTip(text)
                if col == 0:
                    where = [household_address(q), q.get("village") or ""]
                    item.setToolTip(" — ".join(x for x in where if x))
                self.queue.setItem(row, col, item)
        self.queue.blockSignals(False)
        self.count_label.setText(
            self.tr("%1 persons waiting for verification").replace("%1", str(len(rows)))
        )
        ids = [q["person_id"] for q in rows]
        if selected in ids:
            target = ids.index(selected)
        elif selected and rows:
            # the person just verified left the queue: go on with the next one
            target = min(max(old_row, 0), len(rows) - 1)
        else:
            target = -1
        self.queue.blockSignals(True)
        self.queue.clearSelection()
        if target >= 0:
            self.queue.selectRow(target)
        self.queue.blockSignals(False)
        if target >= 0 and ids[target] != selected:
            self.load_person(ids[target])

    def queue_person_ids(self) -> list[str]:
        """The ids of the persons in the queue, in order (tests and the shell)."""
        return [q["person_id"] for q in self._queue]

    def select_person(self, person_id: str) -> None:
        """Select a person in the queue (or load them even when not in it)."""
        ids = self.queue_person_ids()
        if person_id in ids:
            self.queue.selectRow(ids.index(person_id))
        else:
            self.load_person(person_id)

    def _queue_selected(self) -> None:
        row = self.queue.currentRow()
        if 0 <= row < len(self._queue):
            self.load_person(self._queue[row]["person_id"])

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
                html.escape(v.get("officer") or ""),
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
            self._show_qr_message(exc.message(self._ops.lang()), False)
            return
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
            ),
            lambda found: self._key_checked(pid, v, *found),
            self._save_failed,
        )

    def unsigned_warning(self, username: str) -> str:
        """What an officer without a registered signing key is told before saving."""
        return self.tr(
            "Your signing key is not registered on this laptop, so this verification will be "
            "saved unsigned and will NOT count until the key is registered. To register it: "
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

    def _key_checked(self, pid: str, v: dict, enrolled: bool, username: str) -> None:
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

    def _saved(self, pid: str, history: list[dict]) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
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
        self.reload_queue()

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
        """Give the form half of the width the first time the page has its real size."""
        super().resizeEvent(event)
        if not self._sized and self.isVisible() and self.width() > 700:
            self._sized = True
            total = self.splitter.width() or self.width()
            self.splitter.setSizes([total // 2, total - total // 2])

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
        self.subheading.setText(
            self.tr(
                "Persons not verified yet, with what looks wrong in their data. A later "
                "verification supersedes an earlier one; none is ever erased."
            )
        )
        self.village_label.setText(self.tr("&Village"))
        if self.village.count():
            self.village.setItemText(0, self.tr("All villages"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.queue.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Born"),
                self.tr("ID number"),
                self.tr("What looks wrong"),
                self.tr("Previous result"),
            ]
        )
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
        if self._queue:
            self._queue_arrived(self._queue)
