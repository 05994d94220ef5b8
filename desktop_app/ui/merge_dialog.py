"""Two records that may be one, side by side: the team lead keeps one, picks each differing value,
and merges, or says they are not the same.

The dialog gets the candidate as ``duplicates_view.load_duplicates`` prepared it on the database
worker (both records, the fields that differ, and the words around them: household address,
village, members); it calls the store only through ``ops`` for the merge or the "not the same".
ID numbers arrive already masked as the role requires.
"""

from __future__ import annotations

from desktop_app.core.citizen_id import mask_citizen_id
from desktop_app.core.errors import KnownError
from desktop_app.core.text import fold
from desktop_app.ui import households
from desktop_app.ui.households import format_date, format_phone, label_of
from desktop_app.ui.payment_common import month_text
from desktop_app.ui.qt import (
    QAbstractScrollArea,
    QButtonGroup,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFrame,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import MessageLabel, current_lang, label, primary_button

DIFFERS_BG = "#fff4d6"  # the warning yellow of the household list
DIFFERS_BORDER = "#e0a800"

# The rows of the comparison, in reading order; the compared fields come from the store's
# candidate ("differing") and these lists only order and name them.
PERSON_ROWS = (
    "full_name",
    "given_name",
    "birth_date",
    "birth_year",
    "sex",
    "citizen_id",
    "card_type",
    "card_expiry",
    "old_id",
    "phones",
    "vulnerabilities",
    "payment_channel",
    "consent_date",
    "consent_method",
    "consent_witness",
    "consent_scope",
    "consent_withdrawn_on",
    "notes",
)
HOUSEHOLD_ROWS = ("village_id", "address", "landmark", "phones", "latitude", "longitude", "notes")
ALWAYS_SHOWN = {"full_name", "birth_date", "birth_year", "village_id", "address"}
DATE_FIELDS = {"birth_date", "card_expiry", "consent_date", "consent_withdrawn_on"}


def field_labels() -> dict[str, str]:
    """The compared fields in words."""
    return {
        "full_name": QCoreApplication.translate("MergeDialog", "Full name"),
        "given_name": QCoreApplication.translate("MergeDialog", "Called"),
        "birth_date": QCoreApplication.translate("MergeDialog", "Date of birth"),
        "birth_year": QCoreApplication.translate("MergeDialog", "Year of birth"),
        "sex": QCoreApplication.translate("MergeDialog", "Sex"),
        "citizen_id": QCoreApplication.translate("MergeDialog", "Citizen ID"),
        "card_type": QCoreApplication.translate("MergeDialog", "ID card type"),
        "card_expiry": QCoreApplication.translate("MergeDialog", "Card valid until"),
        "old_id": QCoreApplication.translate("MergeDialog", "Old ID number"),
        "phones": QCoreApplication.translate("MergeDialog", "Phone numbers"),
        "vulnerabilities": QCoreApplication.translate("MergeDialog", "Vulnerabilities"),
        "payment_channel": QCoreApplication.translate("MergeDialog", "Payment channel"),
        "consent_date": QCoreApplication.translate("MergeDialog", "Consent given on"),
        "consent_method": QCoreApplication.translate("MergeDialog", "Consent given by"),
        "consent_witness": QCoreApplication.translate("MergeDialog", "Witness or guardian"),
        "consent_scope": QCoreApplication.translate("MergeDialog", "Consent covers"),
        "consent_withdrawn_on": QCoreApplication.translate("MergeDialog", "Consent withdrawn on"),
        "notes": QCoreApplication.translate("MergeDialog", "Notes"),
        "village_id": QCoreApplication.translate("MergeDialog", "Village"),
        "address": QCoreApplication.translate("MergeDialog", "Address"),
        "landmark": QCoreApplication.translate("MergeDialog", "Landmark / directions"),
        "latitude": QCoreApplication.translate("MergeDialog", "Latitude"),
        "longitude": QCoreApplication.translate("MergeDialog", "Longitude"),
        "household": QCoreApplication.translate("MergeDialog", "Household"),
        "members": QCoreApplication.translate("MergeDialog", "Members"),
        "records": QCoreApplication.translate("MergeDialog", "Linked records"),
    }


def reason_labels() -> dict[str, str]:
    """Why two records were proposed as one, in words."""
    return {
        "same_name_birth_year_village": QCoreApplication.translate(
            "MergeDialog", "Same name, year of birth and village"
        ),
        "same_phone": QCoreApplication.translate("MergeDialog", "Same phone number"),
        "same_address": QCoreApplication.translate(
            "MergeDialog", "Same address in the same village"
        ),
        "head_merged": QCoreApplication.translate(
            "MergeDialog", "Its head of household was merged into the other household"
        ),
    }


def reason_text(code: str) -> str:
    """A reason code in words (the code itself when it is new)."""
    return reason_labels().get(code) or QCoreApplication.translate(
        "MergeDialog", "Other reason (code: %1)"
    ).replace("%1", code)


NAME_FIELDS = ("full_name", "given_name")


def _better_spelt(records: list[dict], field: str, pick: int) -> int:
    """The side whose name is written with its tone marks when both are one name
    ("Nguyễn Thị Hoà" rather than "Nguyen Thi Hoa"); ``pick`` otherwise."""
    a, b = (str(r.get(field) or "") for r in records)
    if not a or not b or fold(a) != fold(b):
        return pick
    marks = [sum(1 for ch in v if ord(ch) > 127) for v in (a, b)]  # letters with marks
    if marks[0] == marks[1]:
        return pick
    return 0 if marks[0] > marks[1] else 1


def _consent_methods() -> dict[str, str]:
    return {
        "signature": QCoreApplication.translate("MergeDialog", "Signature"),
        "thumbprint": QCoreApplication.translate("MergeDialog", "Thumbprint"),
        "verbal_witness": QCoreApplication.translate("MergeDialog", "Verbal, with a witness"),
        "guardian": QCoreApplication.translate("MergeDialog", "By a guardian"),
    }


def _channel_labels() -> dict[str, str]:
    from desktop_app.ui.payment_common import channel_labels

    return channel_labels()


def _consent_scopes() -> dict[str, str]:
    from desktop_app.ui.consent_dialog import DEFAULT_SCOPE

    return {
        DEFAULT_SCOPE: QCoreApplication.translate(
            "MergeDialog", "Visits, help and payment follow-up"
        )
    }


def format_value(field: str, value, villages: dict[str, str] | None = None) -> str:
    """One field's value as the household screens show it ("" when empty). ID numbers are
    masked, as on every screen until the audited reveal (the twelfth tryout saw them whole
    here); the ones the team lead chooses between keep their last digits to tell them apart."""
    if value is None or value == "" or value == []:
        return ""
    if field in ("citizen_id", "old_id"):
        return mask_citizen_id(str(value)) or str(value)
    if field == "village_id":
        return (villages or {}).get(value, value)
    if field == "phones" and isinstance(value, list):
        return ", ".join(
            format_phone(p.get("number", "")) if isinstance(p, dict) else format_phone(str(p))
            for p in value
        )
    if field == "vulnerabilities" and isinstance(value, list):
        codes = households.vulnerability_labels()
        return ", ".join(label_of(codes, v) for v in value)
    coded = {
        "sex": households.sex_labels,
        "card_type": households.card_type_labels,
        "consent_method": _consent_methods,
        "consent_scope": _consent_scopes,
        "payment_channel": _channel_labels,
    }
    if field in coded:
        return label_of(coded[field](), str(value))
    if field in DATE_FIELDS:
        return format_date(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def record_title(entity: str, record: dict, side: dict | None = None) -> str:
    """A short name for one side: the person's name, or the head's name and the address."""
    if entity == "person":
        return record.get("full_name") or record.get("id", "")[:8]
    side = side or {}
    head = side.get("head") or ""
    address = households.household_address(record)
    return " — ".join(x for x in (head, address) if x) or record.get("id", "")[:8]


class _ClickableLabel(QLabel):
    """A value beside its radio button: clicking the words picks it too."""

    clicked = Signal()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Pick the value."""
        self.clicked.emit()
        super().mousePressEvent(event)


class MergeDialog(QDialog):
    """Compare two look-alike records; merge them or say they are different."""

    merged = Signal(dict)  # the merge log entry
    not_same = Signal()

    def __init__(self, ops, candidate: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self._ops = ops
        self.candidate = candidate
        self.entity = candidate["entity"]
        self.records = candidate["records"]
        context = candidate.get("context") or {}
        self._sides = context.get("sides") or [{}, {}]
        self._villages = context.get("villages") or {}
        self.differing = [f for f in candidate.get("differing") or [] if f in self._rows()]
        self._busy = False

        self.title = label(role="title")
        self.why = label(role="muted", wrap=True)
        self.why.setObjectName("mergeReason")
        self.hint = label(wrap=True)

        # The grid: a caption column and one column per record.
        grid_box = QWidget()
        grid_box.setObjectName("mergeGrid")
        self.grid = QGridLayout(grid_box)
        self.grid.setContentsMargins(0, 0, 4, 0)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)

        self.keep_group = QButtonGroup(self)
        self.keep_buttons: list[QRadioButton] = []
        self.side_titles: list[QLabel] = []
        for col, record in enumerate(self.records, start=1):
            head = QFrame()
            head.setProperty("role", "card")
            box = QVBoxLayout(head)
            box.setContentsMargins(10, 8, 10, 8)
            name = label(record_title(self.entity, record, self._sides[col - 1]), "section")
            name.setWordWrap(True)
            self.side_titles.append(name)
            keep = QRadioButton()
            keep.setObjectName(f"keepSide{col - 1}")
            self.keep_group.addButton(keep, col - 1)
            self.keep_buttons.append(keep)
            box.addWidget(name)
            box.addWidget(keep)
            self.grid.addWidget(head, 0, col)

        self.captions: dict[str, QLabel] = {}
        self.value_labels: dict[str, list[QLabel]] = {}
        self.value_buttons: dict[str, list[QRadioButton]] = {}
        self.value_groups: dict[str, QButtonGroup] = {}
        row = 1
        for key, values in self._context_rows():
            row = self._add_row(row, key, values, choosable=False)
        for field in self._rows():
            values = [format_value(field, r.get(field), self._villages) for r in self.records]
            if field not in ALWAYS_SHOWN and field not in self.differing and not any(values):
                continue
            row = self._add_row(row, field, values, choosable=field in self.differing)
        self.grid.setRowStretch(row, 1)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("mergeScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(grid_box)

        self.summary = label(wrap=True)
        self.summary.setObjectName("mergeSummary")
        self.message = MessageLabel()
        self.message.setObjectName("mergeMessage")

        self.buttons = QDialogButtonBox()
        self.merge_button = primary_button()
        self.merge_button.setObjectName("mergeButton")
        self.not_same_button = QPushButton()
        self.not_same_button.setObjectName("notSameButton")
        self.close_button = QPushButton()
        self.close_button.setObjectName("mergeClose")
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.not_same_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.merge_button.clicked.connect(self.merge)
        self.not_same_button.clicked.connect(self.mark_not_same)
        self.close_button.clicked.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        lay.addWidget(self.title)
        lay.addWidget(self.why)
        lay.addWidget(self.hint)
        lay.addWidget(self.scroll, 1)
        lay.addWidget(self.summary)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(720)
        self.keep_group.idClicked.connect(self._keep_changed)
        self.keep_buttons[self._default_keep()].setChecked(True)
        self._keep_changed(self.keep_group.checkedId())
        self.retranslateUi()
        # once the texts are in: as tall as the comparison needs, up to a laptop screen (the
        # screen fitter shrinks it further where the screen is smaller)
        self.scroll.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.ensurePolished()
        self.resize(980, min(720, self.sizeHint().height() + 40))

    # --- building ------------------------------------------------------------------------------

    def _rows(self) -> tuple[str, ...]:
        return PERSON_ROWS if self.entity == "person" else HOUSEHOLD_ROWS

    def _context_rows(self) -> list[tuple[str, list[str]]]:
        """Words around the records that are not chosen here (where a person lives, who is in a
        household, how many records point to it)."""
        rows = []
        if self.entity == "person":
            rows.append(("household", [s.get("household", "") for s in self._sides]))
            rows.append(("village_id", [s.get("village", "") for s in self._sides]))
        else:
            rows.append(("members", [", ".join(s.get("members") or []) for s in self._sides]))
        rows.append(("records", [self._links(s) for s in self._sides]))
        return [(k, v) for k, v in rows if any(v)]

    def _links(self, side: dict) -> str:
        parts = []
        if side.get("benefits"):
            parts.append(self.tr("benefits: %1").replace("%1", str(side["benefits"])))
        months = sorted({m for ms in (side.get("paid") or {}).values() for m in ms})
        if months:
            shown = ", ".join(month_text(m) for m in months[-6:])
            parts.append(
                self.tr("payments: %1 (%2)")
                .replace("%1", str(sum(len(ms) for ms in side["paid"].values())))
                .replace("%2", ("…, " if len(months) > 6 else "") + shown)
            )
        if side.get("visits"):
            parts.append(self.tr("visits: %1").replace("%1", str(side["visits"])))
        return ", ".join(parts)

    def _add_row(self, row: int, key: str, values: list[str], choosable: bool) -> int:
        caption = label(wrap=True)
        caption.setObjectName(f"caption_{key}")
        if choosable:
            caption.setStyleSheet("font-weight: bold;")
        self.captions[key] = caption
        self.grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
        labels: list[QLabel] = []
        buttons: list[QRadioButton] = []
        group = QButtonGroup(self) if choosable else None
        for side, text in enumerate(values):
            value = _ClickableLabel(text or "—")
            value.setObjectName(f"value_{key}_{side}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            labels.append(value)
            if not choosable:
                if not text:
                    value.setProperty("role", "muted")
                self.grid.addWidget(value, row, side + 1)
                continue
            cell = QFrame()
            cell.setObjectName(f"cell_{key}_{side}")
            cell.setStyleSheet(
                f"QFrame#cell_{key}_{side} {{ background: {DIFFERS_BG};"
                f" border: 1px solid {DIFFERS_BORDER}; border-radius: 6px; }}"
                " QLabel { color: black; }"
            )
            box = QGridLayout(cell)
            box.setContentsMargins(6, 4, 6, 4)
            box.setHorizontalSpacing(6)
            pick = QRadioButton()
            pick.setObjectName(f"pick_{key}_{side}")
            pick.setAccessibleName(text or "—")
            group.addButton(pick, side)
            value.clicked.connect(pick.click)
            box.addWidget(pick, 0, 0, Qt.AlignmentFlag.AlignTop)
            box.addWidget(value, 0, 1)
            box.setColumnStretch(1, 1)
            buttons.append(pick)
            self.grid.addWidget(cell, row, side + 1)
        self.value_labels[key] = labels
        if group is not None:
            self.value_buttons[key] = buttons
            self.value_groups[key] = group
            group.idClicked.connect(lambda _id: self._show_summary())
        return row + 1

    def _default_keep(self) -> int:
        """Keep the record that has more filled in (the older one on a tie)."""

        def filled(r: dict) -> int:
            return sum(1 for f in self._rows() if r.get(f) not in (None, "", []))

        a, b = (filled(r) for r in self.records)
        return 1 if b > a else 0

    # --- texts ---------------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        """Every visible text in the current language."""
        if self.entity == "person":
            self.setWindowTitle(self.tr("Possibly the same person"))
            self.title.setText(self.tr("Are these the same person?"))
        else:
            self.setWindowTitle(self.tr("Possibly the same household"))
            self.title.setText(self.tr("Are these the same household?"))
        self.why.setText(
            self.tr("Shown because: %1.").replace("%1", reason_text(self.candidate["reason"]))
        )
        self.hint.setText(
            self.tr(
                "Choose the record to keep. Where the two differ (highlighted), choose the right "
                "value. Everything linked to the other record moves to the one kept."
            )
        )
        for button in self.keep_buttons:
            button.setText(self.tr("Keep this record"))
        names = field_labels()
        for key, caption in self.captions.items():
            caption.setText(names.get(key, key))
        self.merge_button.setText(self.tr("Merge"))
        self.not_same_button.setText(self.tr("Not the same"))
        self.close_button.setText(self.tr("Close"))
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- choosing ------------------------------------------------------------------------------

    @property
    def keep_side(self) -> int:
        """0 or 1: the record that stays."""
        return max(self.keep_group.checkedId(), 0)

    def choose_keep(self, side: int) -> None:
        """Keep record ``side`` (0 or 1); the differing values follow unless it has none."""
        self.keep_buttons[side].click()

    def choose_value(self, field: str, side: int) -> None:
        """Keep ``field``'s value from record ``side``."""
        self.value_buttons[field][side].click()

    def chosen_side(self, field: str) -> int:
        """The record whose value of ``field`` is kept."""
        group = self.value_groups.get(field)
        return group.checkedId() if group is not None else self.keep_side

    def _keep_changed(self, side: int) -> None:
        # The kept record's values by default; where it has none, the other's (nothing is lost
        # by accident).
        for field, buttons in self.value_buttons.items():
            mine = self.records[side].get(field)
            pick = side if mine not in (None, "", []) else 1 - side
            if field in NAME_FIELDS:
                pick = _better_spelt(self.records, field, pick)
            buttons[pick].setChecked(True)
        self._show_summary()

    def take_from_drop(self) -> list[str]:
        """The fields whose value comes from the record merged away."""
        drop = 1 - self.keep_side
        return [f for f in self.value_buttons if self.chosen_side(f) == drop]

    def _sides_words(self) -> tuple[str, str]:
        """("the record on the left", "the one on the right") for the kept and merged sides:
        both often carry the same name, so their place tells them apart."""
        left, right = self.tr("the record on the left"), self.tr("the record on the right")
        return (left, right) if self.keep_side == 0 else (right, left)

    def result_title(self) -> str:
        """The kept record's name (or address) with the chosen values."""
        field = "full_name" if self.entity == "person" else "address"
        record = self.records[self.chosen_side(field)]
        if self.entity == "person":
            return record.get("full_name") or ""
        keep = self.keep_side
        return record_title(
            self.entity, {**self.records[keep], **{field: record.get(field)}}, self._sides[keep]
        )

    def summary_text(self) -> str:
        """What a merge with the current choices will do, in words."""
        kept, dropped = self._sides_words()
        text = self.tr("Keep %1 and merge %2 into it.").replace("%1", kept).replace("%2", dropped)
        taken = self.take_from_drop()
        if taken:
            names = field_labels()
            text += " " + self.tr("Taken from %1: %2.").replace("%1", dropped).replace(
                "%2", ", ".join(names.get(f, f) for f in taken)
            )
        return text

    def _show_summary(self) -> None:
        self.summary.setText(self.summary_text())

    def same_months(self) -> list[str]:
        """Months both records hold a payment of the same benefit for (they become one)."""
        if self.entity != "person" or len(self._sides) != 2:
            return []
        a, b = (side.get("paid") or {} for side in self._sides)
        return sorted({m for key in a.keys() & b.keys() for m in set(a[key]) & set(b[key])})

    def confirmation_text(self) -> str:
        """The question asked before merging."""
        if self.entity == "person":
            moved = self.tr("Benefits, payments and visits recorded for %1 move to the one kept.")
        else:
            moved = self.tr("The members and visits of %1 move to the one kept.")
        _kept, dropped = self._sides_words()
        same = self.same_months()
        if same:
            # the thirteenth tryout: nothing said a dozen conflicts would follow
            moved += " " + self.tr(
                "Both hold the same benefit with a payment for %1: one payment a month is kept "
                "(the kept record's), and the values of the other that differ wait under "
                "Conflicts on the Sync page, for you to choose."
            ).replace("%1", ", ".join(month_text(m) for m in same))
        return "\n\n".join(
            (
                self.summary_text(),
                self.tr("After the merge: «%1».").replace("%1", self.result_title()),
                moved.replace("%1", dropped),
                self.tr(
                    "The merged record disappears from the lists. The merge is sent to the city "
                    "server with the next sync. It can be undone with Split on the Sync page."
                ),
                self.tr("Merge now?"),
            )
        )

    def _names(self) -> tuple[str, str]:
        return tuple(
            record_title(self.entity, r, side)
            for r, side in zip(self.records, self._sides, strict=True)
        )

    def confirm(self, text: str) -> bool:
        """Ask before a change the team lead cannot take back by closing the dialog."""
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- doing ---------------------------------------------------------------------------------

    def merge(self) -> None:
        """Merge after a confirmation (the store call runs on the database worker)."""
        if self._busy or not self.confirm(self.confirmation_text()):
            return
        keep, drop = self.keep_side, 1 - self.keep_side
        entity = self.entity
        keep_id, drop_id = self.records[keep]["id"], self.records[drop]["id"]
        taken = self.take_from_drop()
        self._set_busy(True)
        self._ops.run(
            lambda store: store.merge_records(entity, keep_id, drop_id, taken),
            self._merged,
            self._failed,
        )

    def mark_not_same(self) -> None:
        """Say the two are different: the pair is not proposed again."""
        if self._busy:
            return
        a, b = self._names()
        question = self.tr("«%1» and «%2» are different and will not be proposed again. Continue?")
        if not self.confirm(question.replace("%1", a).replace("%2", b)):
            return
        entity, a_id, b_id = self.entity, self.records[0]["id"], self.records[1]["id"]
        self._set_busy(True)
        self._ops.run(
            lambda store: store.mark_not_duplicate(entity, a_id, b_id),
            lambda _r: self._marked(),
            self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for b in (self.merge_button, self.not_same_button):
            b.setEnabled(not busy)

    def _merged(self, result: dict) -> None:
        self._set_busy(False)
        self.merged.emit(result)
        self.accept()

    def _marked(self) -> None:
        self._set_busy(False)
        self.not_same.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, KnownError):
            self.message.show_error(exc.message(current_lang()))
            return
        self._ops.show_error(exc, self)
