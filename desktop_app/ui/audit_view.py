"""The audit log for team leads and admins: who did what and when, whether the chain is intact.

The log holds no ID numbers, names or field values (``store/audit.py``); the view still masks any
long run of digits it is given, so a bug elsewhere could not put a full ID number on screen.
Exports (xlsx or CSV) are written on the worker to a temporary file beside the target, renamed,
and recorded in the audit log themselves.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from desktop_app.core.citizen_id import mask_citizen_id
from desktop_app.core.collation import sort_key
from desktop_app.core.errors import KnownError
from desktop_app.core.sheet_text import csv_text, keep_text, sheet_text
from desktop_app.ui import file_dialogs
from desktop_app.ui.audit_text import person_label, raw_text, sentence
from desktop_app.ui.households import ERROR_COLOUR, format_datetime
from desktop_app.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import FlowLayout, MessageLabel, format_count, label, labelled

OK_COLOUR = "#1b6e3a"
LIMIT = 2000
ACTIONS = (
    "login",
    "create",
    "update",
    "delete",
    "reveal_citizen_id",
    "search",
    "export",
    "import",
    "sync",
    "conflict",
    "merge",
    "user",
    "officer",
    "db",
    "setup",
)
# What the table shows: when, who (name and user name), the kind of action, the sentence.
TABLE_COLUMNS = ("at", "who", "action", "sentence")
COLUMNS = ("at", "username", "action", "record", "detail")
# Digits long enough to be an ID number (9-digit CMND or 12-digit CCCD), not inside a record id.
_LONG_DIGITS = re.compile(r"(?<![0-9A-Za-z-])\d{9,12}(?![0-9A-Za-z-])")


def scrub(text: str) -> str:
    """``text`` with anything that looks like an ID number masked."""
    return _LONG_DIGITS.sub(lambda m: mask_citizen_id(m.group(0)), text)


def entry_row(entry: dict) -> dict[str, str]:
    """One audit entry as the texts shown and exported (time local, detail compact)."""
    detail = entry.get("detail") or ""
    if isinstance(detail, str):
        with contextlib.suppress(ValueError):
            detail = json.loads(detail) if detail else {}
    if isinstance(detail, dict):
        detail_text = ", ".join(
            f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
            for k, v in sorted(detail.items())
        )
    else:
        detail_text = str(detail)
    record = entry.get("entity") or ""
    if entry.get("record_id"):
        record += (" " if record else "") + str(entry["record_id"])
    return {
        "id": str(entry.get("id") or ""),
        "at": format_datetime(entry.get("at")),
        "username": entry.get("username") or "",
        "action": entry.get("action") or "",
        "record": scrub(record),
        "detail": scrub(detail_text),
    }


def write_audit_export(entries: list[dict], path: Path, fmt: str, headers: list[str]) -> Path:
    """Write the entries to ``path`` as xlsx or CSV (temp file beside it, then a rename)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    rows = [entry_row(e) for e in entries]
    keys = ["id", *COLUMNS]
    if fmt == "csv":
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, quoting=csv.QUOTE_ALL)  # OWASP: quoted, and
            writer.writerow(headers)
            for r in rows:  # no field a spreadsheet would run as a formula
                writer.writerow([csv_text(r[k]) for k in keys])
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "audit"
        sheet.append(headers)
        for r in rows:
            row = [sheet_text(r[k]) for k in COLUMNS]
            sheet.append([int(r["id"]) if r["id"].isdigit() else sheet_text(r["id"]), *row])
        for col, width in zip("ABCDEF", (8, 18, 14, 22, 48, 60), strict=True):
            sheet.column_dimensions[col].width = width
        keep_text(book)
        book.save(tmp)
    else:
        raise ValueError(fmt)
    tmp.replace(path)
    return path


class AuditView(QWidget):
    """Filter the audit log by user, action and date; check the chain; export."""

    exported = Signal(str)

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("auditView")
        self._ops = ops
        self._entries: list[dict] = []
        self._users: set[str] = set()
        self.chain_ok: bool | None = None

        self.heading = label(role="heading")
        self.chain_label = QLabel()
        self.chain_label.setObjectName("chainLabel")
        self.chain_label.setWordWrap(True)
        self.chain_label.setStyleSheet("font-weight: 600;")

        self.user_label, self.action_label = QLabel(), QLabel()
        self.from_label, self.to_label = QLabel(), QLabel()
        self.user = QComboBox()
        self.user.setObjectName("userFilter")
        self.user.setMinimumWidth(140)
        self.action = QComboBox()
        self.action.setObjectName("actionFilter")
        self.action.setMinimumWidth(180)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        for lab, w in (
            (self.user_label, self.user),
            (self.action_label, self.action),
            (self.from_label, self.date_from),
            (self.to_label, self.date_to),
        ):
            lab.setBuddy(w)
        self.filter_button = QPushButton()
        self.filter_button.setObjectName("applyFilter")
        self.filter_button.clicked.connect(self.reload)
        # wraps to a second row at large text (one row was 1,372 px wide at 175 %)
        filters = FlowLayout(spacing=12)
        for lab, w in (
            (self.user_label, self.user),
            (self.action_label, self.action),
            (self.from_label, self.date_from),
            (self.to_label, self.date_to),
        ):
            filters.addWidget(labelled(lab, w))
        filters.addWidget(self.filter_button)

        self._names: dict = {"users": {}, "records": {}}
        self.table = QTableWidget(0, len(TABLE_COLUMNS))
        self.table.setObjectName("auditTable")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        # Fitted once per load (_entries_arrived), never per cell: ResizeToContents measured
        # every row again after each of the 8,000 cells of a full page (the app hung a minute).
        for col in range(len(TABLE_COLUMNS) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(len(TABLE_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_a: self._show_raw(row))
        # the entry as stored, one click away: select a row
        self.raw_label = QLabel()
        self.raw = QPlainTextEdit()
        self.raw.setObjectName("rawDetails")
        self.raw.setReadOnly(True)
        self.raw.setMaximumHeight(self.fontMetrics().height() * 8)
        self.raw_label.setBuddy(self.raw)

        self.count_label = label(role="muted", wrap=True)  # long at large text
        self.message = MessageLabel()
        self.xlsx_button = QPushButton()
        self.xlsx_button.setObjectName("exportXlsx")
        self.csv_button = QPushButton()
        self.csv_button.setObjectName("exportCsv")
        self.xlsx_button.clicked.connect(lambda: self.ask_export("xlsx"))
        self.csv_button.clicked.connect(lambda: self.ask_export("csv"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.message, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.xlsx_button)
        bottom.addWidget(self.csv_button)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(8)
        lay.addWidget(self.heading)
        lay.addWidget(self.chain_label)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.raw_label)
        lay.addWidget(self.raw)
        lay.addLayout(bottom)
        self.retranslateUi()

    # --- labels ----------------------------------------------------------------------------------

    def action_labels(self) -> dict[str, str]:
        """Plain names of the kinds of actions (matched as prefixes of the logged action)."""
        return {
            "login": self.tr("Log in / switch user"),
            "create": self.tr("Record created"),
            "update": self.tr("Record changed"),
            "delete": self.tr("Record deleted"),
            "reveal_citizen_id": self.tr("Full ID number shown"),
            "search": self.tr("Search by ID number"),
            "export": self.tr("Export"),
            "import": self.tr("Import"),
            "sync": self.tr("Sync"),
            "conflict": self.tr("Conflict resolved"),
            "merge": self.tr("Duplicates merged or kept apart"),
            "user": self.tr("User accounts"),
            "officer": self.tr("Officer's signing key"),
            "db": self.tr("Database key changed"),
            "setup": self.tr("First setup"),
        }

    def entity_labels(self) -> dict[str, str]:
        """Plain names of the kinds of records."""
        return {
            "person": self.tr("Person"),
            "household": self.tr("Household"),
            "visit": self.tr("Visit"),
            "assistance": self.tr("Help item"),
            "benefit": self.tr("Benefit"),
            "payment": self.tr("Payment"),
            "village": self.tr("Village"),
            "identity_verification": self.tr("Verification"),
            "user": self.tr("User"),
        }

    def headers(self) -> list[str]:
        """Column titles of the export (which adds the entry number first)."""
        return [self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Record")] + [
            self.tr("Detail")
        ]

    def table_headers(self) -> list[str]:
        """Column titles of the table."""
        return [self.tr("Time"), self.tr("Who"), self.tr("Action"), self.tr("What happened")]

    # --- loading ---------------------------------------------------------------------------------

    def activate(self) -> None:
        """Load the entries and check the chain (on the worker)."""
        self.reload()
        self.check_chain()

    def filters(self) -> dict:
        """The store's filter arguments: user, action prefix, since and until (UTC ISO)."""
        start = datetime.combine(self.date_from.date().toPython(), time()).astimezone(UTC)
        end = datetime.combine(
            self.date_to.date().toPython() + timedelta(days=1), time()
        ).astimezone(UTC)
        return {
            "username": self.user.currentData() or None,
            "action": self.action.currentData() or None,
            "since": start.isoformat(),
            "until": end.isoformat(),
        }

    def reload(self) -> None:
        """Read the entries matching the filters."""
        args = self.filters()

        def fn(store):
            entries = store.audit_entries(**args, limit=LIMIT)
            return entries, store.audit_names(entries)

        self._ops.run(fn, self._arrived, self._failed, key="audit-entries")

    def _arrived(self, result) -> None:
        entries, names = result
        self._names = names
        self._entries_arrived(entries)

    def check_chain(self) -> None:
        """Verify the hash chain on the worker."""
        self.chain_label.setText(self.tr("Checking the log…"))
        self.chain_label.setStyleSheet("font-weight: 600;")
        self._ops.run(lambda store: store.verify_audit(), self._chain_checked, self._failed)

    def _chain_checked(self, check) -> None:
        self.chain_ok = bool(check.ok)
        if check.ok:
            self.chain_label.setStyleSheet(f"font-weight: 600; color: {OK_COLOUR};")
            self.chain_label.setText(
                self.tr("Log intact: %1 entries").replace("%1", format_count(check.entries))
            )
        else:
            self.chain_label.setStyleSheet(f"font-weight: 600; color: {ERROR_COLOUR};")
            self.chain_label.setText(
                self.tr(
                    "The log was changed or has a gap: entry no. %1 does not fit (%2). "
                    "Entries from there on cannot be trusted; tell the commune IT."
                )
                .replace("%1", str(check.first_broken))
                .replace("%2", check.reason)
            )

    def _entries_arrived(self, entries: list[dict]) -> None:
        self._entries = entries
        self._users |= {e.get("username") for e in entries if e.get("username")}
        self._users |= set(self._names.get("users") or {})
        self._fill_users()
        labels = self.action_labels()
        users = self._names.get("users") or {}
        self.table.setUpdatesEnabled(False)
        self.table.clearContents()
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            texts = entry_row(e)
            kind = next((a for a in ACTIONS if texts["action"].startswith(a)), None)
            cells = {
                "at": texts["at"],
                "who": person_label(e.get("username"), users),
                "action": labels[kind] if kind else texts["action"],
                "sentence": sentence(e, self._names),
            }
            for col, key in enumerate(TABLE_COLUMNS):
                item = QTableWidgetItem(cells[key])
                if key == "sentence":
                    item.setToolTip(cells[key])
                self.table.setItem(row, col, item)
        for col in range(len(TABLE_COLUMNS) - 1):
            self.table.resizeColumnToContents(col)
        self.table.setUpdatesEnabled(True)
        self._show_raw(self.table.currentRow())
        more = len(entries) >= LIMIT
        count = format_count(len(entries))
        text = self.tr("Entries shown: %1").replace("%1", count)
        if more:
            text += " " + self.tr("(the newest; narrow the dates to see older ones)")
        self.count_label.setText(text)

    def _fill_users(self) -> None:
        current = self.user.currentData()
        self.user.blockSignals(True)
        self.user.clear()
        self.user.addItem(self.tr("Everyone"), None)
        users = self._names.get("users") or {}
        for name in sorted(self._users, key=lambda u: sort_key(users.get(u) or u)):
            self.user.addItem(person_label(name, users), name)
        self.user.setCurrentIndex(max(self.user.findData(current), 0) if current else 0)
        self.user.blockSignals(False)

    def _show_raw(self, row: int) -> None:
        """The selected entry as stored: action code, record id, detail (ID-like digits masked)."""
        if 0 <= row < len(self._entries):
            self.raw.setPlainText(raw_text(self._entries[row]))
        else:
            self.raw.setPlainText("")

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            self.message.show_error(exc.message(self._ops.lang()))
        else:
            self._ops.show_error(exc, self)

    # --- export ----------------------------------------------------------------------------------

    def ask_export(self, fmt: str) -> None:
        """Ask where to save, then export."""
        suffix = {"xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)"}[fmt]
        name = f"nhat-ky-kiem-tra-{datetime.now():%Y%m%d}.{fmt}"
        path, _ = file_dialogs.save_file_name(self, self.tr("Export the audit log"), name, suffix)
        if path:
            if not path.lower().endswith("." + fmt):
                path += "." + fmt
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        """Export the entries matching the filters to ``path`` (on the worker; audited)."""
        args = self.filters()
        headers = ["#", *self.headers()]

        def fn(store):
            entries = store.audit_entries(**args, limit=100_000)
            write_audit_export(entries, path, fmt, headers)
            store.log_export("audit", fmt, {"entries": len(entries)})
            return str(path)

        def done(written: str) -> None:
            self.message.show_ok(self.tr("Saved: %1").replace("%1", written))
            self.exported.emit(written)

        self._ops.run(fn, done, self._failed)

    # --- Qt --------------------------------------------------------------------------------------

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Set every visible text in the current language."""
        self.heading.setText(self.tr("Audit log"))
        self.user_label.setText(self.tr("&User"))
        self.action_label.setText(self.tr("&Action"))
        self.from_label.setText(self.tr("&From"))
        self.to_label.setText(self.tr("&To"))
        self.filter_button.setText(self.tr("Show"))
        current = self.action.currentData()
        self.action.blockSignals(True)
        self.action.clear()
        self.action.addItem(self.tr("All actions"), None)
        for code, text in self.action_labels().items():
            self.action.addItem(text, code)
        self.action.setCurrentIndex(max(self.action.findData(current), 0) if current else 0)
        self.action.blockSignals(False)
        self._fill_users()
        self.table.setHorizontalHeaderLabels(self.table_headers())
        self.raw_label.setText(self.tr("Entry as &stored (select a row):"))
        self.xlsx_button.setText(self.tr("Export to Excel…"))
        self.csv_button.setText(self.tr("Export to CSV…"))
        if self._entries:
            self._entries_arrived(self._entries)


class AuditDialog(QDialog):
    """The audit view in its own window, opened from the settings."""

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.view = AuditView(ops, self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        self.resize(1200, 680)
        self.retranslateUi()
        self.view.activate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """The window title in the current language."""
        self.setWindowTitle(self.tr("Audit log — Tận Tay"))
