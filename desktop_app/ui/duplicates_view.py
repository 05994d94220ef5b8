"""The team lead's "Possible duplicates" card on the Sync page, and the merges made here.

Look-alike persons and households (``store.duplicate_candidates``) are listed with the reason in
words; a row opens the side-by-side ``MergeDialog``. Merges made on this laptop are listed with
Split to undo one. Everything is read on the database worker (``load_duplicates``); the card is
hidden for roles that do not decide duplicates.
"""

from __future__ import annotations

import logging

from desktop_app.core.errors import KnownError
from desktop_app.ui.households import household_address
from desktop_app.ui.merge_dialog import MergeDialog, field_labels, reason_text, record_title
from desktop_app.ui.ops import Ops
from desktop_app.ui.qt import (
    QAbstractItemView,
    QAbstractScrollArea,
    QEvent,
    QFrame,
    QHeaderView,
    QMessageBox,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import (
    MessageLabel,
    current_lang,
    flow_row,
    format_datetime,
    label,
    primary_button,
)

log = logging.getLogger(__name__)


# --- read on the database worker ---------------------------------------------------------------


def _side(store, entity: str, record: dict, villages: dict[str, str]) -> dict:
    """The words around one record: where a person lives, who is in a household."""
    try:
        if entity == "person":
            home = store.household(record["household_id"])
            benefits = store.benefits_for_person(record["id"])
            keys = {b["id"]: f"{b['scheme']}|{b.get('category') or ''}" for b in benefits}
            paid: dict[str, list[str]] = {}  # benefit (scheme|category) -> months paid
            for p in store.payments_for_person(record["id"]):
                if p["benefit_id"] in keys:
                    paid.setdefault(keys[p["benefit_id"]], []).append(p["period"])
            return {
                "household": household_address(home),
                "village": villages.get(home.get("village_id"), ""),
                "benefits": len(benefits),
                "paid": {k: sorted(v) for k, v in paid.items()},
            }
        home = store.household(record["id"])
    except KnownError:
        return {}
    # with the year of birth: a father and his son often share a name and a house
    members = [
        f"{m['full_name']} ({m['birth_year']})" if m.get("birth_year") else m["full_name"]
        for m in home["members"]
    ]
    return {
        "head": members[0] if members else "",
        "members": members,
        "visits": len(home["visits"]),
    }


def _merged_label(store, entity: str, record_id: str) -> str:
    # a merged record is a tombstone, which the public getters follow to the survivor
    try:
        row = store._row(entity, record_id, include_deleted=True)  # no public getter yet
        if entity == "person":
            return row.get("full_name") or record_id[:8]
        head = ""
        if row.get("head_person_id"):
            head = store._row("person", row["head_person_id"], include_deleted=True)["full_name"]
        return record_title(entity, row, {"head": head})
    except KnownError:
        return record_id[:8]


def load_duplicates(store) -> dict | None:
    """Candidates with their context and the merges made here; None for roles that do not
    decide duplicates."""
    if not store.can("resolve_conflict"):
        return None
    villages = {v["id"]: v["name"] for v in store.list_villages()}
    candidates = []
    for cand in store.duplicate_candidates():
        entity = cand["entity"]
        sides = [_side(store, entity, r, villages) for r in cand["records"]]
        candidates.append({**cand, "context": {"sides": sides, "villages": villages}})
    merges = []
    for m in store.merges():
        merges.append(
            {
                **m,
                "kept_label": _merged_label(store, m["entity"], m["kept_id"]),
                "merged_label": _merged_label(store, m["entity"], m["merged_id"]),
            }
        )
    return {"candidates": candidates, "merges": merges}


# --- the card ----------------------------------------------------------------------------------


def make_table(columns: int, name: str) -> QTableWidget:
    """A read-only table of whole rows that grows with its rows (up to a limit)."""
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    table.setMinimumHeight(70)
    table.setMaximumHeight(320)
    return table


def set_headers(table: QTableWidget, texts: list[str]) -> None:
    """Column headers with their whole text as a tooltip (a narrow column never hides it)."""
    for col, text in enumerate(texts):
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        table.setHorizontalHeaderItem(col, item)


def fill_row(table: QTableWidget, row: int, cells: tuple[str, ...], key) -> None:
    """One row of text, each cell with its whole text as a tooltip and ``key`` as its data."""
    for col, text in enumerate(cells):
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setToolTip(text)
        table.setItem(row, col, item)


def selected_key(table: QTableWidget):
    """The data of the selected row's first cell (None when nothing is selected)."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(Qt.ItemDataRole.UserRole) if item else None


class DuplicatesPanel(QFrame):
    """ "Possible duplicates" and "Merged on this laptop" (team lead only)."""

    changed = Signal()  # a merge, a split or a "not the same" was saved

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("duplicatesCard")
        self.setProperty("role", "card")
        self._ops = ops
        self.data: dict | None = None
        self.dialog: MergeDialog | None = None

        self.title = label(role="subheading")
        self.hint = label(role="muted", wrap=True)
        self.none_text = label(wrap=True)
        self.none_text.setObjectName("noDuplicates")
        self.table = make_table(3, "duplicatesTable")
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.compare_button = primary_button()
        self.compare_button.setDefault(False)
        self.compare_button.setObjectName("compareButton")
        self.compare_button.clicked.connect(self.open_selected)

        self.merges_title = label(role="section")
        self.merges_table = make_table(3, "mergesTable")
        self.merges_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.merges_table.itemSelectionChanged.connect(self._update_buttons)
        self.split_button = QPushButton()
        self.split_button.setObjectName("splitButton")
        self.split_button.clicked.connect(self.split_selected)
        self.message = MessageLabel()
        self.message.setObjectName("duplicatesMessage")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(22, 16, 22, 16)
        lay.setSpacing(10)
        lay.addWidget(self.title)
        lay.addWidget(self.hint)
        lay.addWidget(self.none_text)
        lay.addWidget(self.table)
        lay.addWidget(flow_row(self.compare_button))
        lay.addWidget(self.merges_title)
        lay.addWidget(self.merges_table)
        self.split_row = flow_row(self.split_button)
        lay.addWidget(self.split_row)
        lay.addWidget(self.message)
        self.hide()
        self.retranslateUi()

    # --- texts ---------------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        """Every visible text in the current language."""
        count = len((self.data or {}).get("candidates") or [])
        self.title.setText(self.tr("Possible duplicates (%1)").replace("%1", str(count)))
        self.hint.setText(
            self.tr(
                "Two laptops may have registered the same person or household. Compare them side "
                "by side: merge them into one, or say they are not the same."
            )
        )
        self.none_text.setText(self.tr("No possible duplicates right now."))
        set_headers(self.table, [self.tr("Records"), self.tr("Why"), self.tr("Differs in")])
        self.compare_button.setText(self.tr("Compare and merge…"))
        self.merges_title.setText(self.tr("Merged on this laptop"))
        set_headers(self.merges_table, [self.tr("When"), self.tr("Merge"), self.tr("State")])
        self.split_button.setText(self.tr("Split"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read candidates and merges on the database worker."""
        if self._ops.store is None:
            return
        self._ops.run(
            load_duplicates,
            self._arrived,
            lambda exc: log.warning("duplicates failed to load: %s", exc),
            key="sync-duplicates",
        )

    def _arrived(self, data: dict | None) -> None:
        self.data = data
        self.retranslateUi()

    def _show(self) -> None:
        data = self.data
        self.setVisible(data is not None)
        if data is None:
            return
        candidates = data["candidates"]
        self.none_text.setVisible(not candidates)
        self.table.setVisible(bool(candidates))
        self.compare_button.setVisible(bool(candidates))
        names = field_labels()
        self.table.setRowCount(len(candidates))
        for r, c in enumerate(candidates):
            sides = c["context"]["sides"]
            who = "\n".join(
                record_title(c["entity"], rec, side)
                for rec, side in zip(c["records"], sides, strict=True)
            )
            kind = self.tr("Person") if c["entity"] == "person" else self.tr("Household")
            differs = ", ".join(names.get(f, f) for f in c["differing"]) or "—"
            fill_row(self.table, r, (f"{kind}: {who}", reason_text(c["reason"]), differs), r)
        self.table.resizeRowsToContents()
        if candidates and selected_key(self.table) is None:
            self.table.selectRow(0)  # Compare and merge is ready for the first pair

        merges = data["merges"]
        for w in (self.merges_title, self.merges_table, self.split_row):
            w.setVisible(bool(merges))
        self.merges_table.setRowCount(len(merges))
        for r, m in enumerate(merges):
            what = (
                self.tr("«%1» merged into «%2»")
                .replace("%1", m["merged_label"])
                .replace("%2", m["kept_label"])
            )
            if m["split_at"]:
                state = self.tr("split again on %1").replace("%1", format_datetime(m["split_at"]))
            else:
                state = self.tr("merged by %1").replace("%1", m["merged_by"])
            fill_row(self.merges_table, r, (format_datetime(m["merged_at"]), what, state), m["id"])
        self.merges_table.resizeRowsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.compare_button.setEnabled(selected_key(self.table) is not None)
        merge = self._merge(selected_key(self.merges_table))
        self.split_button.setEnabled(merge is not None and not merge["split_at"])

    def _merge(self, merge_id) -> dict | None:
        for m in (self.data or {}).get("merges") or []:
            if m["id"] == merge_id:
                return m
        return None

    # --- acting --------------------------------------------------------------------------------

    def select_candidate(self, index: int) -> None:
        """Select a candidate's row (tests, keyboard)."""
        self.table.selectRow(index)

    def select_merge(self, merge_id: int) -> None:
        """Select a merge's row (tests, keyboard)."""
        for r in range(self.merges_table.rowCount()):
            if self.merges_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == merge_id:
                self.merges_table.selectRow(r)
                return

    def open_selected(self) -> MergeDialog | None:
        """Open the side-by-side dialog for the selected candidate."""
        index = selected_key(self.table)
        if index is None or self.data is None:
            return None
        self.dialog = MergeDialog(self._ops, self.data["candidates"][index], self.window())
        self.dialog.merged.connect(self._merged)
        self.dialog.not_same.connect(self._not_same)
        self.dialog.open()
        return self.dialog

    def _merged(self, result: dict) -> None:
        text = self.tr("Merged. %1 linked records moved to the one kept.").replace(
            "%1", str(result.get("moved", 0))
        )
        if result.get("conflicts"):
            # a benefit both held, or a month both recorded differently (the twelfth tryout)
            text += " " + self.tr(
                "Both held the same benefit or the same month's payment: %1 values that differ "
                "wait for you under Conflicts."
            ).replace("%1", str(result["conflicts"]))
        self.message.show_ok(
            text + " " + self.tr("It is sent to the city server with the next sync.")
        )
        self.changed.emit()

    def _not_same(self) -> None:
        self.message.show_ok(self.tr("Noted: these two will not be proposed again."))
        self.changed.emit()

    def confirm(self, text: str) -> bool:
        """Ask before splitting."""
        answer = QMessageBox.question(
            self,
            self.tr("Split"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def split_selected(self) -> None:
        """Undo the selected merge (after a confirmation)."""
        merge = self._merge(selected_key(self.merges_table))
        if merge is None or merge["split_at"]:
            return
        question = (
            self.tr(
                "Split «%1» from «%2» again? The records that moved go back; values taken in "
                "the merge stay on «%2» until someone edits them. The two are listed under "
                "possible duplicates again: merge them again, or choose “Not the same”."
            )
            .replace("%1", merge["merged_label"])
            .replace("%2", merge["kept_label"])
        )
        if not self.confirm(question):
            return
        self.split_button.setEnabled(False)
        merge_id = merge["id"]
        self._ops.run(lambda store: store.split_merge(merge_id), self._split, self._failed)

    def _split(self, result: dict) -> None:
        self.message.show_ok(
            self.tr("Split. Records moved back: %1.").replace(
                "%1", str(result.get("moved_back", 0))
            )
        )
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        if isinstance(exc, KnownError):
            self.message.show_error(exc.message(current_lang()))
            return
        self._ops.show_error(exc, self)
