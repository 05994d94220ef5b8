"""Import the official beneficiary list (xlsx / xls / csv): choose the file and sheet, check the
column mapping, read the preview with every row's status and issues, and only then write.

Nothing is written until the person presses "Import N rows". The preview runs on the worker with
progress and Cancel (``core.beneficiary_import.preview_import``); the mapping chosen is remembered
(``store.set_setting("import_mapping", …)``) by header text, so next month's file is mapped the
same way. Only admins and team leads see the action; the store checks it too.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from desktop_app.core.beneficiary_import import FIELDS, list_sheets, preview_import
from desktop_app.core.citizen_id import mask_citizen_id
from desktop_app.core.errors import KnownError
from desktop_app.store.permissions import allowed
from desktop_app.ui.payment_common import channel_labels, format_vnd, scheme_label
from desktop_app.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QAction,
    QBrush,
    QColor,
    QComboBox,
    QCoreApplication,
    QDialog,
    QEvent,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QModelIndex,
    QObject,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import MessageLabel, current_lang, primary_button

log = logging.getLogger(__name__)

MAPPING_SETTING = "import_mapping"
STATUS_COLOURS = {
    "valid": None,
    "warning": QColor("#fff4d6"),
    "error": QColor("#fbe3e1"),
    "duplicate": QColor("#eef1ef"),
}


def field_labels() -> dict[str, str]:
    """The canonical fields of a beneficiary list, as a person reads them."""
    return {
        "full_name": QCoreApplication.translate("ImportDialog", "Full name"),
        "birth": QCoreApplication.translate("ImportDialog", "Birth date or year"),
        "sex": QCoreApplication.translate("ImportDialog", "Sex"),
        "citizen_id": QCoreApplication.translate("ImportDialog", "ID number (CCCD)"),
        "old_id": QCoreApplication.translate("ImportDialog", "Old ID card (CMND)"),
        "address": QCoreApplication.translate("ImportDialog", "Address"),
        "village": QCoreApplication.translate("ImportDialog", "Village / group"),
        "phone": QCoreApplication.translate("ImportDialog", "Phone"),
        "scheme": QCoreApplication.translate("ImportDialog", "Scheme / category"),
        "amount": QCoreApplication.translate("ImportDialog", "Monthly amount"),
        "channel": QCoreApplication.translate("ImportDialog", "Payment channel"),
        "bank": QCoreApplication.translate("ImportDialog", "Bank"),
        "account": QCoreApplication.translate("ImportDialog", "Account number"),
    }


def status_labels() -> dict[str, str]:
    """A preview row's status."""
    return {
        "valid": QCoreApplication.translate("ImportDialog", "OK"),
        "warning": QCoreApplication.translate("ImportDialog", "OK, check"),
        "error": QCoreApplication.translate("ImportDialog", "Error — skipped"),
        "duplicate": QCoreApplication.translate("ImportDialog", "Already there — skipped"),
    }


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class PreviewModel(QAbstractTableModel):
    """The preview rows: spreadsheet row number, status, the main fields and the issues."""

    COLUMNS = ("row", "status", "name", "birth", "id", "village", "scheme", "amount", "issues")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        """Replace the rows (``ImportRow`` objects)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        """Rows of the preview."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        """Columns shown."""
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "row": self.tr("Row"),
            "status": self.tr("Status"),
            "name": self.tr("Full name"),
            "birth": self.tr("Born"),
            "id": self.tr("ID number"),
            "village": self.tr("Village / address"),
            "scheme": self.tr("Scheme"),
            "amount": self.tr("Amount"),
            "issues": self.tr("Issues"),
        }[self.COLUMNS[section]]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Cell text, row colour by status, issues as tooltip; never raises."""
        try:
            return self._data(index, role)
        except Exception:  # display only
            log.exception("import preview cell")
            return None

    def issues_text(self, row) -> str:
        """The row's issues in the current language."""
        key = "message_en" if current_lang() == "en" else "message"
        return " · ".join(i.get(key) or i.get("message") or "" for i in row.issues)

    def _data(self, index, role):
        if not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = STATUS_COLOURS.get(row.status)
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column in ("issues", "status", "name"):
            return self.issues_text(row) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        f = row.fields
        if column == "row":
            return str(row.row_number)
        if column == "status":
            return status_labels().get(row.status, row.status)
        if column == "name":
            return f.get("full_name") or ""
        if column == "birth":
            born = f.get("birth_date")
            if hasattr(born, "strftime"):
                return f"{born.day:02d}/{born.month:02d}/{born.year}"
            return str(f.get("birth_year") or "")
        if column == "id":
            return mask_citizen_id(f.get("citizen_id")) or ""
        if column == "village":
            return ", ".join(x for x in (f.get("address"), f.get("village")) if x)
        if column == "scheme":
            text = scheme_label(f.get("scheme")) if f.get("scheme") else ""
            channel = channel_labels().get(f.get("channel"), "")
            return " · ".join(x for x in (text, channel) if x)
        if column == "amount":
            return format_vnd(f.get("amount")) if f.get("amount") else ""
        if column == "issues":
            return self.issues_text(row)
        return None


class ImportDialog(QDialog):
    """Choose a file, check the mapping and the preview, then import the valid rows."""

    imported = Signal(dict)
    preview_ready = Signal()

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self._ops = ops
        self._path: Path | None = None
        self._remembered: dict[str, str] = {}
        self._mapping_dirty = False
        self.preview = None
        self.result: dict | None = None

        self.file_label = QLabel(self)
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self.browse)
        self.sheet_label = QLabel(self)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.setMinimumWidth(160)
        self.sheet_combo.currentIndexChanged.connect(lambda _i: self._sheet_changed())
        self.sheet_label.setBuddy(self.sheet_combo)
        top = QHBoxLayout()
        top.addWidget(self.file_label)
        top.addWidget(self.file_edit, 1)
        top.addWidget(self.browse_button)
        top.addSpacing(12)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)

        self.mapping_box = QGroupBox(self)
        grid = QGridLayout(self.mapping_box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.mapping_labels: dict[str, QLabel] = {}
        self.mapping_combos: dict[str, QComboBox] = {}
        per_column = (len(FIELDS) + 2) // 3
        for i, field in enumerate(FIELDS):
            lab = QLabel(self.mapping_box)
            combo = QComboBox(self.mapping_box)
            combo.setObjectName(f"map_{field}")
            combo.setMinimumWidth(170)
            combo.activated.connect(lambda _i: self._mapping_touched())
            lab.setBuddy(combo)
            self.mapping_labels[field], self.mapping_combos[field] = lab, combo
            grid.addWidget(lab, i % per_column, (i // per_column) * 2)
            grid.addWidget(combo, i % per_column, (i // per_column) * 2 + 1)
        for col in (1, 3, 5):
            grid.setColumnStretch(col, 1)
        self.preview_button = QPushButton(self.mapping_box)
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(lambda: self.run_preview(use_mapping=True))
        self.preview_button.setEnabled(False)
        grid.addWidget(self.preview_button, per_column, 5, Qt.AlignmentFlag.AlignRight)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("previewTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((50, 150, 170, 85, 115, 130, 150, 95)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._show_row_issues)
        self.row_issues = QLabel(self)
        self.row_issues.setObjectName("rowIssues")
        self.row_issues.setWordWrap(True)
        self.row_issues.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_issues = QLabel(self)
        self.file_issues.setWordWrap(True)
        self.file_issues.setProperty("role", "note")
        self.file_issues.hide()
        self.message = MessageLabel(self)
        self.message.setObjectName("importMessage")

        self.import_button = primary_button()
        self.import_button.setObjectName("importRowsButton")
        self.import_button.setEnabled(False)
        self.import_button.setDefault(False)
        self.import_button.clicked.connect(self.do_import)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.import_button)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.mapping_box)
        lay.addWidget(self.file_issues)
        lay.addWidget(self.summary_label)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.row_issues)
        lay.addLayout(buttons)
        self.resize(1200, 700)
        self.retranslateUi()
        self._ops.run(lambda store: store.settings.get(MAPPING_SETTING), self._remembered_arrived)

    # --- steps ---

    def browse(self) -> None:
        """Ask for the file."""
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the beneficiary list"),
            str(Path.home()),
            self.tr("Spreadsheets (*.xlsx *.xls *.csv)"),
        )
        if chosen:
            self.set_file(chosen)

    def set_file(self, path: str | Path) -> None:
        """Read the file's sheets on the worker, then preview the first one."""
        self._path = Path(path)
        self.file_edit.setText(str(self._path))
        self.preview = None
        self.model.set_rows([])
        self._update_import_button()
        self.message.clear_message()
        target = self._path

        def failed(exc):
            if isinstance(exc, KnownError):
                self.message.show_error(exc.message(current_lang()))
            else:
                self._ops.show_error(exc, self)

        self._ops.run(lambda _store: list_sheets(target), self._sheets_arrived, failed)

    def run_preview(self, use_mapping: bool = False) -> None:
        """Read and check the whole file on the worker (progress and Cancel); writes nothing."""
        if self._path is None:
            return
        path, sheet = self._path, self.sheet_combo.currentData() or None
        mapping = self.mapping() if use_mapping else None
        if use_mapping:
            self._remember(mapping)

        def fn(ctx):
            return preview_import(
                path,
                sheet=sheet,
                mapping=mapping,
                existing_lookup=ctx.store.find_existing_person,
                progress=ctx.progress,
                cancel=ctx.cancelled,
            )

        def failed(exc):
            self.summary_label.setText("")
            if isinstance(exc, KnownError):
                self.message.show_error(exc.message(current_lang()))
            else:
                self._ops.show_error(exc, self)

        self.message.clear_message()
        self.summary_label.setText(self.tr("Reading the file…"))
        self._ops.run_with_progress(
            fn,
            lambda p: self._preview_arrived(p, from_mapping=use_mapping),
            failed,
            parent=self,
            label=self.tr("Reading and checking the list…"),
        )

    def mapping(self) -> dict[str, int | None]:
        """The column chosen for each field (None: not used)."""
        return {field: combo.currentData() for field, combo in self.mapping_combos.items()}

    def importable(self) -> int:
        """How many rows the import would write (valid or with warnings)."""
        if self.preview is None:
            return 0
        return sum(1 for r in self.preview.rows if r.status in ("valid", "warning"))

    def do_import(self) -> None:
        """Write the valid rows of the preview the person has seen (``import_beneficiaries``)."""
        if self.preview is None or not self.importable():
            return
        rows = self.preview.rows
        mapping = {
            f: self.preview.headers[i]
            for f, i in self.preview.mapping.items()
            if i < len(self.preview.headers)
        }
        self.import_button.setEnabled(False)
        self.close_button.setEnabled(False)

        def fn(store):
            written = store.import_beneficiaries(rows)
            if mapping:
                store.set_setting(MAPPING_SETTING, json.dumps(mapping, ensure_ascii=False))
            return written

        def failed(exc):
            self.close_button.setEnabled(True)
            self._update_import_button()
            if isinstance(exc, KnownError):
                self.message.show_error(exc.message(current_lang()))
            else:
                self._ops.show_error(exc, self)

        def done(result):
            self.result = result
            self.close_button.setEnabled(True)
            self.close_button.setText(self.tr("Close"))
            self.message.show_ok(
                self.tr("Imported: %1 people in %2 households, %3 benefits; %4 rows skipped.")
                .replace("%1", str(result.get("persons", 0)))
                .replace("%2", str(result.get("households", 0)))
                .replace("%3", str(result.get("benefits", 0)))
                .replace("%4", str(result.get("skipped", 0)))
            )
            self.preview = None
            self._update_import_button()
            self.imported.emit(result)

        self._ops.run(fn, done, failed)

    # --- internals ---

    def _remembered_arrived(self, text) -> None:
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        self._remembered = {k: v for k, v in data.items() if k in FIELDS and isinstance(v, str)}

    def _remember(self, mapping: dict[str, int | None]) -> None:
        headers = self.preview.headers if self.preview is not None else []
        named = {f: headers[i] for f, i in mapping.items() if i is not None and i < len(headers)}
        if named:
            self._remembered = named
            text = json.dumps(named, ensure_ascii=False)
            self._ops.run(lambda store: store.set_setting(MAPPING_SETTING, text))

    def _sheets_arrived(self, sheets: list[str]) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for name in sheets:
            self.sheet_combo.addItem(name or self.tr("(the only sheet)"), name or None)
        self.sheet_combo.blockSignals(False)
        self.sheet_combo.setEnabled(len(sheets) > 1)
        self.run_preview()

    def _sheet_changed(self) -> None:
        if self._path is not None:
            self.run_preview()

    def _preview_arrived(self, preview, *, from_mapping: bool) -> None:
        self.preview = preview
        self._fill_mapping(preview)
        if not from_mapping and self._remembered and self.mapping() != preview.mapping_full:
            # The remembered choice differs from what was detected: read again with it.
            self.run_preview(use_mapping=True)
        self.model.set_rows(preview.rows)
        self.row_issues.setText("")
        first_issue = next((i for i, r in enumerate(preview.rows) if r.issues), None)
        if first_issue is not None:
            self.table.selectRow(first_issue)
        self._show_summary(preview)
        self._update_import_button()
        self.preview_button.setEnabled(True)
        self.preview_ready.emit()

    def _fill_mapping(self, preview) -> None:
        headers = preview.headers
        detected = dict(preview.mapping)
        full = {f: detected.get(f) for f in FIELDS}
        preview.mapping_full = full
        folded = [h.strip().casefold() for h in headers]
        none_text = self.tr("(not in this file)")
        for field, combo in self.mapping_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(none_text, None)
            for i, h in enumerate(headers):
                combo.addItem(f"{_column_letter(i)} — {h}" if h else _column_letter(i), i)
            chosen = full[field]
            remembered = self._remembered.get(field)
            if remembered and remembered.strip().casefold() in folded:
                chosen = folded.index(remembered.strip().casefold())
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def _show_summary(self, preview) -> None:
        s = preview.summary
        text = (
            self.tr(
                "%1 rows: %2 valid, %3 with warnings, %4 with errors, %5 already there or "
                "repeated. Only valid rows and rows with warnings are imported."
            )
            .replace("%1", str(s["rows"]))
            .replace("%2", str(s["valid"]))
            .replace("%3", str(s["warnings"]))
            .replace("%4", str(s["errors"]))
            .replace("%5", str(s["duplicates"]))
        )
        if preview.header_row:
            text += " " + self.tr("Header found on row %1.").replace("%1", str(preview.header_row))
        self.summary_label.setText(text)
        key = "message_en" if current_lang() == "en" else "message"
        file_level = [i.get(key) or i.get("message") for i in s["issues"] if i.get("row") is None]
        self.file_issues.setText("\n".join(file_level))
        self.file_issues.setVisible(bool(file_level))

    def _show_row_issues(self, current, _previous=None) -> None:
        row = (
            self.model._rows[current.row()] if 0 <= current.row() < len(self.model._rows) else None
        )
        if row is None or not row.issues:
            self.row_issues.setText("")
            return
        self.row_issues.setText(
            self.tr("Row %1: %2")
            .replace("%1", str(row.row_number))
            .replace("%2", self.model.issues_text(row))
        )

    def _mapping_touched(self) -> None:
        self._mapping_dirty = True
        self.preview_button.setEnabled(self._path is not None)

    def _update_import_button(self) -> None:
        n = self.importable()
        self.import_button.setText(self.tr("Import %1 rows").replace("%1", str(n)))
        self.import_button.setEnabled(n > 0)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Every visible text in the current language."""
        self.setWindowTitle(self.tr("Import the official beneficiary list"))
        self.file_label.setText(self.tr("File:"))
        self.file_edit.setPlaceholderText(self.tr("an .xlsx, .xls or .csv file"))
        self.browse_button.setText(self.tr("Choose file…"))
        self.sheet_label.setText(self.tr("&Sheet:"))
        self.mapping_box.setTitle(self.tr("Which column holds what (detected; change if wrong)"))
        for field, text in field_labels().items():
            self.mapping_labels[field].setText(text + ":")
        self.preview_button.setText(self.tr("Check again with these columns"))
        self.close_button.setText(self.tr("Close") if self.result else self.tr("Cancel"))
        self._update_import_button()


class _MenuTexts(QObject):
    """Keeps the File-menu action's text in the current language."""

    def __init__(self, action: QAction, window):
        super().__init__(window)
        self._action = action
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the action's text."""
        self._action.setText(
            QCoreApplication.translate("ImportDialog", "&Import beneficiary list…")
        )

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Follow language changes; never consumes the event."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def add_import_action(window) -> QAction:
    """Put "Import beneficiary list…" in the main window's File menu, for admins and team leads
    only (shown again or hidden when the user changes)."""
    action = QAction(window)
    action.setObjectName("importAction")

    def open_dialog():
        dialog = ImportDialog(window._ops, window)
        dialog.imported.connect(lambda _r: window.refresh_status())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def follow(session):
        action.setVisible(allowed(session.user.role, "import_beneficiaries"))

    action.triggered.connect(open_dialog)
    first = window.file_menu.actions()[0] if window.file_menu.actions() else None
    window.file_menu.insertAction(first, action)
    if first is not None:
        window.file_menu.insertSeparator(first)
    window.session_changed.connect(follow)
    follow(window.session)
    action._texts = _MenuTexts(action, window)
    return action
