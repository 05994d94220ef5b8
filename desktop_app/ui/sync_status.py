"""What this laptop holds, in words, and the changes held back, on the Sync page.

``StatusSummary`` shows the numbers ``tantay status`` prints (``store.status_counts``).
``HeldBackPanel`` lists both kinds of held-back changes: those the city server refused
(``store.quarantined``) and those pulled from it that this laptop could not save
(``store.incoming_quarantined``), each with its reason in plain words and Try again.
Everything is read and written on the database worker.
"""

from __future__ import annotations

import logging

from desktop_app.core.errors import KnownError
from desktop_app.ui.duplicates_view import fill_row, make_table, selected_key, set_headers
from desktop_app.ui.households import household_address
from desktop_app.ui.ops import Ops
from desktop_app.ui.qt import (
    QCoreApplication,
    QEvent,
    QFrame,
    QHeaderView,
    QObject,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import (
    FlowLayout,
    MessageLabel,
    current_lang,
    flow_row,
    format_count,
    format_datetime,
    label,
)

log = logging.getLogger(__name__)


def reason_words(code: str | None) -> str:
    """Why a change is held back, in plain words; a new code is shown as it is."""
    words = {
        "missing_fields": QCoreApplication.translate(
            "HeldBack", "Required information is missing."
        ),
        "required": QCoreApplication.translate("HeldBack", "Required information is missing."),
        "invalid_fields": QCoreApplication.translate("HeldBack", "Some information is not valid."),
        "wrong_type": QCoreApplication.translate("HeldBack", "Some information is not valid."),
        "unknown_field": QCoreApplication.translate(
            "HeldBack", "It holds information this version does not know."
        ),
        "not_allowed": QCoreApplication.translate(
            "HeldBack", "A value is not one of the allowed choices."
        ),
        "invalid_citizen_id": QCoreApplication.translate(
            "HeldBack", "The citizen ID number is not valid (it has 12 digits)."
        ),
        "invalid_old_id": QCoreApplication.translate(
            "HeldBack", "The old ID card number is not valid."
        ),
        "invalid_phone": QCoreApplication.translate("HeldBack", "A phone number is not valid."),
        "invalid_date": QCoreApplication.translate("HeldBack", "A date is not valid."),
        "invalid_datetime": QCoreApplication.translate("HeldBack", "A date or time is not valid."),
        "inconsistent": QCoreApplication.translate(
            "HeldBack", "The year of birth does not match the date of birth."
        ),
        "too_long": QCoreApplication.translate("HeldBack", "A text is too long."),
        "too_many": QCoreApplication.translate("HeldBack", "A list has too many entries."),
        "out_of_range": QCoreApplication.translate(
            "HeldBack", "A number is outside the allowed range."
        ),
        "reference_missing": QCoreApplication.translate(
            "HeldBack",
            "It belongs to a household or person that has not arrived yet. It is tried again "
            "after each sync.",
        ),
        "reference_rejected": QCoreApplication.translate(
            "HeldBack", "The household or person it belongs to was refused too."
        ),
        "reference_other_commune": QCoreApplication.translate(
            "HeldBack", "It points to a household or person of another commune."
        ),
        "invalid_reference": QCoreApplication.translate(
            "HeldBack", "It points to a record that does not exist."
        ),
        "commune_not_enrolled": QCoreApplication.translate(
            "HeldBack", "This laptop is not enrolled for the record's commune."
        ),
        "commune_mismatch": QCoreApplication.translate(
            "HeldBack", "The record's commune does not match."
        ),
        "invalid_commune_code": QCoreApplication.translate(
            "HeldBack", "The commune code is not valid."
        ),
        "citizen_id_taken": QCoreApplication.translate(
            "HeldBack", "Another person on this laptop already has this citizen ID."
        ),
        "constraint": QCoreApplication.translate(
            "HeldBack", "It clashes with a record already on this laptop."
        ),
        "not_applicable": QCoreApplication.translate("HeldBack", "This laptop could not save it."),
        "unknown_entity": QCoreApplication.translate(
            "HeldBack", "This kind of record is not known here."
        ),
        "append_only": QCoreApplication.translate(
            "HeldBack", "This record cannot be changed after it was sent."
        ),
        "not_accepted": QCoreApplication.translate(
            "HeldBack", "An earlier version of this record was not accepted."
        ),
        "rejected": QCoreApplication.translate("HeldBack", "The server refused it."),
    }
    if not code:
        return words["rejected"]
    return words.get(code) or QCoreApplication.translate(
        "HeldBack", "Another reason (code: %1)."
    ).replace("%1", code)


def _record_label(store, entity: str, record_id: str) -> str | None:
    """A name a person recognises for a record; None when it is not here (runs on a worker)."""
    try:
        if entity == "person":
            return store.person(record_id)["full_name"]
        if entity == "household":
            h = store.household(record_id)
            head = h["members"][0]["full_name"] if h.get("members") else ""
            return " — ".join(x for x in (head, household_address(h)) if x)
    except KnownError:
        return None
    return None


def load_held_back(store) -> dict:
    """Both kinds of held-back changes, each with a label (read on the database worker)."""
    rows = []
    for q in store.quarantined():
        rows.append(
            {
                "kind": "outgoing",
                "key": ("outgoing", q["seq"]),
                "entity": q["entity"],
                "record_id": q["record_id"],
                "label": _record_label(store, q["entity"], q["record_id"]),
                "reason": q["reason"],
                "at": q["created_at"],
            }
        )
    for q in store.incoming_quarantined():
        rows.append(
            {
                "kind": "incoming",
                "key": ("incoming", q["entity"], q["record_id"], q["version"]),
                "entity": q["entity"],
                "record_id": q["record_id"],
                "label": _record_label(store, q["entity"], q["record_id"]),
                "reason": q["reason"],
                "detail": q["detail"],
                "at": q["created_at"],
            }
        )
    return {"rows": rows}


def entity_words(entity: str) -> str:
    """A kind of record in words."""
    names = {
        "household": QCoreApplication.translate("HeldBack", "household"),
        "person": QCoreApplication.translate("HeldBack", "person"),
        "visit": QCoreApplication.translate("HeldBack", "visit"),
        "assistance": QCoreApplication.translate("HeldBack", "assistance"),
        "village": QCoreApplication.translate("HeldBack", "village"),
        "benefit": QCoreApplication.translate("HeldBack", "benefit"),
        "payment": QCoreApplication.translate("HeldBack", "payment"),
        "identity_verification": QCoreApplication.translate("HeldBack", "identity verification"),
    }
    return names.get(entity, entity)


NOT_YET = "…"  # a count whose job has not answered yet (a "0" there was read as a count)


class StatusSummary(QFrame):
    """The numbers of ``tantay status``: records here, waiting, held back, conflicts,
    possible duplicates, last sync. A number clicked (or Enter on it) asks for its list."""

    show_requested = Signal(str)  # "conflicts", "quarantined", … : scroll to that card

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statusSummary")
        self.setProperty("role", "card")
        self._ops = ops
        self.counts: dict | None = None
        self.can_resolve = False

        self.title = label(role="subheading")
        self.records_text = label(wrap=True)
        self.records_text.setObjectName("statusRecords")
        self.tiles: dict[str, tuple[QWidget, QWidget, QWidget]] = {}
        tiles = QWidget()
        flow = FlowLayout(tiles, 12)
        for key in ("pending", "quarantined", "conflicts", "duplicate_candidates"):
            tile = QFrame()
            tile.setObjectName(f"status_{key}")
            tile.setProperty("role", "card")
            box = QVBoxLayout(tile)
            box.setContentsMargins(14, 8, 14, 8)
            box.setSpacing(2)
            number = label(NOT_YET, "figure")  # not "0" before the worker has counted
            number.setObjectName(f"statusNumber_{key}")
            caption = label(role="muted")
            box.addWidget(number)
            box.addWidget(caption)
            flow.addWidget(tile)
            # the list it counts is further down the page (the sixteenth tryout: a team lead
            # saw "1 xung đột chờ quyết định" and had to scroll to find it)
            tile.setCursor(Qt.CursorShape.PointingHandCursor)
            tile.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            tile.installEventFilter(self)
            self.tiles[key] = (tile, number, caption)
        self.last_sync = label(wrap=True)
        self.last_sync.setObjectName("statusLastSync")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(22, 16, 22, 16)
        lay.setSpacing(10)
        lay.addWidget(self.title)
        lay.addWidget(self.records_text)
        lay.addWidget(tiles)
        lay.addWidget(self.last_sync)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Every visible text in the current language."""
        self.title.setText(self.tr("On this laptop"))
        captions = {
            "pending": self.tr("waiting to send"),
            "quarantined": self.tr("held back"),
            "conflicts": self.tr("conflicts to decide"),
            "duplicate_candidates": self.tr("possible duplicates"),
        }
        for key, (_tile, _number, caption) in self.tiles.items():
            caption.setText(captions[key])
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """A tile clicked, or Enter / Space on it: ``show_requested`` with its key."""
        key = next((k for k, (tile, _n, _c) in self.tiles.items() if tile is watched), None)
        kind = event.type()
        if key is not None and (
            (kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton)
            or (
                kind == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
            )
        ):
            self.show_requested.emit(key)
            return True
        return super().eventFilter(watched, event)

    def reload(self) -> None:
        """Read the numbers on the database worker."""
        if self._ops.store is None:
            return
        self._ops.run(
            lambda store: (store.status_counts(), store.can("resolve_conflict")),
            self._arrived,
            lambda exc: log.warning("status counts failed: %s", exc),
            key="sync-status-counts",
        )

    def _arrived(self, result: tuple[dict, bool]) -> None:
        self.counts, self.can_resolve = result
        self._show()

    def text(self) -> str:
        """Everything the card says, as one text (tests, screen readers)."""
        parts = [self.records_text.text()]
        for tile, number, caption in self.tiles.values():
            if not tile.isHidden():
                parts.append(f"{number.text()} {caption.text()}")
        parts.append(self.last_sync.text())
        return "\n".join(parts)

    def _show(self) -> None:
        c = self.counts
        if c is None:
            self.records_text.setText("")
            self.last_sync.setText("")
            for _tile, number, _caption in self.tiles.values():
                number.setText(NOT_YET)
            return
        r = c["records"]
        self.records_text.setText(
            self.tr("Households: %1, persons: %2, visits: %3, payments: %4.")
            .replace("%1", format_count(r.get("household", 0)))
            .replace("%2", format_count(r.get("person", 0)))
            .replace("%3", format_count(r.get("visit", 0)))
            .replace("%4", format_count(r.get("payment", 0)))
        )
        for key, (_tile, number, _caption) in self.tiles.items():
            number.setText(format_count(c.get(key) or 0))
        # only the team lead is shown duplicates; for others the number would always read 0
        self.tiles["duplicate_candidates"][0].setVisible(self.can_resolve)
        last = format_datetime(c["last_sync"]) if c.get("last_sync") else self.tr("never")
        self.last_sync.setText(self.tr("Last sync: %1.").replace("%1", last))


class HeldBackPanel(QFrame):
    """Changes held back in either direction, with the reason and Try again."""

    changed = Signal()  # something was queued or released

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("heldBackCard")
        self.setProperty("role", "card")
        self._ops = ops
        self.rows: list[dict] = []

        self.title = label(role="subheading")
        self.hint = label(role="muted", wrap=True)
        self.table = make_table(4, "heldBackTable")
        header = self.table.horizontalHeader()
        for col in (0, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retryHeldBack")
        self.retry_button.clicked.connect(self.retry_selected)
        self.message = MessageLabel()
        self.message.setObjectName("heldBackMessage")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(22, 16, 22, 16)
        lay.setSpacing(10)
        lay.addWidget(self.title)
        lay.addWidget(self.hint)
        lay.addWidget(self.table)
        lay.addWidget(flow_row(self.retry_button))
        lay.addWidget(self.message)
        self.hide()
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Every visible text in the current language."""
        self.title.setText(self.tr("Held back (%1)").replace("%1", str(len(self.rows))))
        self.hint.setText(
            self.tr(
                "These changes wait for a person; they do not hold up the others. After the cause "
                "is fixed, select one and press Try again."
            )
        )
        set_headers(
            self.table, [self.tr("Since"), self.tr("Record"), self.tr("Direction"), self.tr("Why")]
        )
        self.retry_button.setText(self.tr("Try again"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def reload(self) -> None:
        """Read both lists on the database worker."""
        if self._ops.store is None:
            return
        self._ops.run(
            load_held_back,
            self._arrived,
            lambda exc: log.warning("held-back list failed: %s", exc),
            key="sync-held-back",
        )

    def _arrived(self, data: dict) -> None:
        self.rows = data["rows"]
        self.retranslateUi()

    def _show(self) -> None:
        # shown while something is held back, or to say what Try again did
        self.setVisible(bool(self.rows) or not self.message.isHidden())
        self.table.setVisible(bool(self.rows))
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            direction = (
                self.tr("not accepted by the server")
                if row["kind"] == "outgoing"
                else self.tr("received, not saved here")
            )
            name = row["label"] or self.tr("not on this laptop (%1)").replace(
                "%1", row["record_id"][:8]
            )
            what = f"{name}\n{entity_words(row['entity'])}"
            fill_row(
                self.table,
                r,
                (format_datetime(row["at"]), what, direction, reason_words(row["reason"])),
                r,
            )
        self.table.resizeRowsToContents()
        if self.rows and selected_key(self.table) is None:
            self.table.selectRow(0)  # Try again is ready for the first one
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.retry_button.setVisible(bool(self.rows))
        self.retry_button.setEnabled(selected_key(self.table) is not None)

    def select_row(self, index: int) -> None:
        """Select a row (tests, keyboard)."""
        self.table.selectRow(index)

    def retry_selected(self) -> None:
        """Send a refused change again, or try to save the received ones again."""
        index = selected_key(self.table)
        if index is None or index >= len(self.rows):
            return
        row = self.rows[index]
        self.retry_button.setEnabled(False)
        if row["kind"] == "outgoing":
            seq = row["key"][1]
            self._ops.run(
                lambda store: store.requeue_quarantined(seq), self._requeued, self._failed
            )
        else:
            self._ops.run(
                lambda store: store.retry_incoming_quarantine(), self._retried, self._failed
            )

    def _requeued(self, _result) -> None:
        self.message.show_ok(self.tr("Queued again: it is sent with the next sync."))
        self.changed.emit()

    def _retried(self, released: int) -> None:
        if released:
            self.message.show_ok(
                self.tr("%1 received changes were saved now.").replace("%1", format_count(released))
            )
        else:
            self.message.show_error(
                self.tr(
                    "Still not possible: the cause is still there. It is tried again after "
                    "each sync."
                )
            )
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        if isinstance(exc, KnownError):
            self.message.show_error(exc.message(current_lang()))
            self._show()
            return
        self._ops.show_error(exc, self)
