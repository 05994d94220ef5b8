"""Import the official beneficiary list (xlsx / xls / csv): choose the file and sheet, check the
column mapping, read the preview with every row's status and issues, and only then write.

Nothing is written until the person presses "Import N rows". The preview runs on the worker with
progress and Cancel (``core.beneficiary_import.preview_import``). Beside the rows, tabs show what
the import leaves out and why: rows that are not persons (signature block, totals, headings ...),
columns that are not imported, scheme wordings it does not know (each can be mapped to a scheme
here) and how many persons would have no benefit. A row with only a name is imported only when
its box is ticked. The columns and schemes chosen are remembered (``store.remember_import_choices``)
for the next list with the same headers. Only admins and team leads see the action; the store
checks it too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_app.core.beneficiary_import import FIELDS, list_sheets, preview_import
from desktop_app.core.benefits import load_schemes
from desktop_app.core.citizen_id import mask_citizen_id
from desktop_app.core.errors import KnownError
from desktop_app.core.text import fold
from desktop_app.ui import file_dialogs
from desktop_app.ui.page_scroll import scrolled_page
from desktop_app.ui.payment_common import channel_labels, format_vnd, scheme_label
from desktop_app.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QBrush,
    QColor,
    QComboBox,
    QCoreApplication,
    QDialog,
    QEvent,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QModelIndex,
    QPushButton,
    Qt,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import MessageLabel, current_lang, primary_button

log = logging.getLogger(__name__)

STATUS_COLOURS = {
    "valid": None,
    "warning": QColor("#fff4d6"),
    "confirm": QColor("#fde9cf"),
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
        "notes": QCoreApplication.translate("ImportDialog", "Notes"),
    }


def status_labels() -> dict[str, str]:
    """A preview row's status."""
    return {
        "valid": QCoreApplication.translate("ImportDialog", "OK"),
        "warning": QCoreApplication.translate("ImportDialog", "OK, check"),
        "confirm": QCoreApplication.translate("ImportDialog", "Confirm: only a name"),
        "error": QCoreApplication.translate("ImportDialog", "Error — skipped"),
        "duplicate": QCoreApplication.translate("ImportDialog", "Already there — skipped"),
    }


def skip_reason_labels() -> dict[str, str]:
    """Why a row of the file is not a person (``core.beneficiary_import.SKIP_REASONS``)."""
    return {
        "blank": QCoreApplication.translate("ImportDialog", "Blank separator row"),
        "totals": QCoreApplication.translate("ImportDialog", "Totals row"),
        "column_numbers": QCoreApplication.translate("ImportDialog", "Column numbers (1), (2), …"),
        "repeated_header": QCoreApplication.translate("ImportDialog", "Header repeated"),
        "signature": QCoreApplication.translate(
            "ImportDialog", "Signature block (titles, signers' names)"
        ),
        "signing_date": QCoreApplication.translate("ImportDialog", "Place and date of signing"),
        "page_footer": QCoreApplication.translate("ImportDialog", "Page footer"),
        "section_heading": QCoreApplication.translate("ImportDialog", "Group or village heading"),
        "footnote": QCoreApplication.translate("ImportDialog", "Note below the list"),
    }


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _read_only_table(parent, object_name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(object_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


class PreviewModel(QAbstractTableModel):
    """The preview rows: spreadsheet row number, status, the main fields and the issues."""

    COLUMNS = ("row", "status", "name", "birth", "id", "village", "scheme", "amount", "issues")

    confirmed_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []
        self.confirmed: set[int] = set()  # row numbers of "only a name" rows the person ticked

    def set_rows(self, rows: list) -> None:
        """Replace the rows (``ImportRow`` objects); no row is confirmed yet."""
        self.beginResetModel()
        self._rows = list(rows)
        self.confirmed = set()
        self.endResetModel()

    def flags(self, index):
        """Rows with only a name can be ticked (in the status column) to be imported."""
        base = super().flags(index)
        if self._is_confirmable(index):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802 (Qt API)
        """Tick or untick a row that needs confirmation."""
        if role != Qt.ItemDataRole.CheckStateRole or not self._is_confirmable(index):
            return False
        number = self._rows[index.row()].row_number
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        if checked:
            self.confirmed.add(number)
        else:
            self.confirmed.discard(number)
        self.dataChanged.emit(index, index, [role])
        self.confirmed_changed.emit()
        return True

    def _is_confirmable(self, index) -> bool:
        return (
            index.isValid()
            and 0 <= index.row() < len(self._rows)
            and self.COLUMNS[index.column()] == "status"
            and self._rows[index.row()].status == "confirm"
        )

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
        if role == Qt.ItemDataRole.CheckStateRole and self._is_confirmable(index):
            checked = row.row_number in self.confirmed
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
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
            if f.get("scheme"):
                text = scheme_label(f.get("scheme"), f.get("category"))
            else:
                text = f"«{f['scheme_text']}» ?" if f.get("scheme_text") else ""
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
        self._auto_sheet = True
        self._memory: dict = {"mappings": {}, "schemes": {}}
        self._scheme_choices: dict[str, str] = {}  # folded scheme text -> code chosen here
        self._mapping_dirty = False
        self.preview = None
        self.result: dict | None = None

        self.file_label = QLabel(self)
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_label.setBuddy(self.file_edit)
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
            lab.setWordWrap(True)  # larger text wraps the caption instead of widening the dialog
            combo = QComboBox(self.mapping_box)
            combo.setObjectName(f"map_{field}")
            combo.setMinimumWidth(170)
            # a long column heading must not widen the dialog past the screen (its list shows it)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
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
        for col, width in enumerate((50, 200, 165, 60, 115, 150, 150, 95)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._show_row_issues)
        self.model.confirmed_changed.connect(self._update_import_button)

        # What the import leaves out, each with its reason.
        self.skipped_table = _read_only_table(self, "skippedTable", 3)
        self.skipped_table.setColumnWidth(0, 60)
        self.skipped_table.setColumnWidth(1, 300)
        self.columns_page = QWidget(self)
        self.columns_table = _read_only_table(self.columns_page, "ignoredColumnsTable", 3)
        self.columns_table.setColumnWidth(0, 80)
        self.columns_table.setColumnWidth(1, 300)
        self.columns_note = QLabel(self.columns_page)
        self.columns_note.setWordWrap(True)
        columns_lay = QVBoxLayout(self.columns_page)
        columns_lay.setContentsMargins(0, 0, 0, 0)
        columns_lay.addWidget(self.columns_table, 1)
        columns_lay.addWidget(self.columns_note)
        self.schemes_page = QWidget(self)
        self.schemes_table = _read_only_table(self.schemes_page, "unknownSchemesTable", 3)
        self.schemes_table.setColumnWidth(0, 360)
        self.schemes_table.setColumnWidth(1, 160)
        self.schemes_note = QLabel(self.schemes_page)
        self.schemes_note.setWordWrap(True)
        self.schemes_button = QPushButton(self.schemes_page)
        self.schemes_button.setObjectName("schemesButton")
        self.schemes_button.clicked.connect(lambda: self.run_preview(use_mapping=True))
        schemes_bottom = QHBoxLayout()
        schemes_bottom.addWidget(self.schemes_note, 1)
        schemes_bottom.addWidget(self.schemes_button)
        schemes_lay = QVBoxLayout(self.schemes_page)
        schemes_lay.setContentsMargins(0, 0, 0, 0)
        schemes_lay.addWidget(self.schemes_table, 1)
        schemes_lay.addLayout(schemes_bottom)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("importTabs")
        self.tabs.addTab(self.table, "")
        self.tabs.addTab(self.skipped_table, "")
        self.tabs.addTab(self.columns_page, "")
        self.tabs.addTab(self.schemes_page, "")
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
        self.import_button.clicked.connect(self.ask_to_import)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.import_button)

        # at 150–175 % text the dialog is taller than a 720-pixel screen: it scrolls instead of
        # squeezing the column captions (page_scroll)
        lay = scrolled_page(self)
        lay.addLayout(top)
        lay.addWidget(self.mapping_box)
        lay.addWidget(self.file_issues)
        lay.addWidget(self.summary_label)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.row_issues)
        lay.addLayout(buttons)
        self.resize(1200, 700)
        self.retranslateUi()
        self._ops.run(
            lambda store: store.import_memory() if store.can("import_beneficiaries") else None,
            self._memory_arrived,
        )

    # --- steps ---

    def browse(self) -> None:
        """Ask for the file."""
        chosen, _ = file_dialogs.open_file_name(
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
        self._auto_sheet = True  # the first sheet holding a list, until the person picks one
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
        path = self._path
        sheet = None if self._auto_sheet else (self.sheet_combo.currentData() or None)
        mapping = self.mapping() if use_mapping and self.preview is not None else None
        self._scheme_choices.update(self.scheme_choices())
        scheme_map = {**self._memory.get("schemes", {}), **self._scheme_choices}
        remembered = self._memory.get("mappings", {})
        if use_mapping:
            self._remember(mapping, self.scheme_choices())

        def fn(ctx):
            store = ctx.store
            preview = preview_import(
                path,
                sheet=sheet,
                mapping=mapping,
                remembered=remembered,
                scheme_map=scheme_map,
                existing_lookup=store.match_existing_person
                if store.can("import_beneficiaries")
                else None,
                progress=ctx.progress,
                cancel=ctx.cancelled,
            )
            # Village names that match no village here: importing creates them (shown first).
            preview.summary["villages_to_create"] = store.villages_to_create(preview.rows)
            return preview

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

    def scheme_choices(self) -> dict[str, str]:
        """The scheme chosen here for each unknown scheme wording (folded text -> code)."""
        out = {}
        for r in range(self.schemes_table.rowCount()):
            combo = self.schemes_table.cellWidget(r, 2)
            text = self.schemes_table.item(r, 0)
            if combo is not None and text is not None and combo.currentData():
                out[fold(text.text())] = combo.currentData()
        return out

    def importable(self) -> int:
        """How many rows the import would write (valid, with warnings, or ticked)."""
        if self.preview is None:
            return 0
        return sum(1 for r in self.preview.rows if r.status in ("valid", "warning")) + len(
            self.model.confirmed
        )

    def change_counts(self) -> dict[str, int]:
        """What importing the preview would change: ``new`` people created (valid, with
        warnings, or ticked), ``matched`` rows of people already here (nobody created; a
        missing benefit is added), ``warnings`` among the new, ``skipped`` rows (errors,
        repeats within the file, lines that are not people)."""
        if self.preview is None:
            return {"new": 0, "matched": 0, "warnings": 0, "skipped": 0}
        rows = self.preview.rows
        confirmed = self.model.confirmed
        new = sum(1 for r in rows if r.status in ("valid", "warning")) + len(confirmed)
        matched = sum(1 for r in rows if r.status == "duplicate" and r.existing_id)
        repeats = sum(1 for r in rows if r.status == "duplicate" and not r.existing_id)
        errors = sum(1 for r in rows if r.status == "error")
        unticked = sum(1 for r in rows if r.status == "confirm") - len(confirmed)
        skipped = errors + repeats + unticked + len(self.preview.summary.get("skipped") or [])
        warnings = sum(1 for r in rows if r.status == "warning")
        return {"new": new, "matched": matched, "warnings": warnings, "skipped": skipped}

    def change_text(self) -> str:
        """The changes in words, for the preview and the confirmation."""
        c = self.change_counts()
        text = (
            self.tr(
                "New: %1 people (%2 with warnings). Already here: %3 (nobody new; a missing "
                "benefit is added). Skipped: %4 rows."
            )
            .replace("%1", str(c["new"]))
            .replace("%2", str(c["warnings"]))
            .replace("%3", str(c["matched"]))
            .replace("%4", str(c["skipped"]))
        )
        villages = (self.preview.summary.get("villages_to_create") if self.preview else None) or []
        if villages:
            names = ", ".join(f"«{v['name']}»" for v in villages)
            text += " " + self.tr("New villages: %1.").replace("%1", names)
        return text

    def ask_to_import(self) -> None:
        """Say what will change and write only after an explicit "Import"."""
        if self.preview is None or not self.importable():
            return
        n = self.importable()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Import the list?"),
            self.tr("This writes to the database:") + "\n\n" + self.change_text(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("importConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(
            self.tr("Import %1 rows").replace("%1", str(n))
        )
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Go back"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # a stray Enter writes nothing
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda result: (
                self.do_import() if result == QMessageBox.StandardButton.Yes.value else None
            )
        )
        self.confirm_box = box
        box.open()

    def do_import(self) -> None:
        """Write the valid rows of the preview the person has seen (``import_beneficiaries``);
        the button asks first (``ask_to_import``)."""
        if self.preview is None or not self.importable():
            return
        rows = self.preview.rows
        confirmed = sorted(self.model.confirmed)
        self.import_button.setEnabled(False)
        self.close_button.setEnabled(False)

        def fn(store):
            return store.import_beneficiaries(rows, confirmed_rows=confirmed)

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
            text = (
                self.tr("Imported: %1 people in %2 households, %3 benefits; %4 rows skipped.")
                .replace("%1", str(result.get("persons", 0)))
                .replace("%2", str(result.get("households", 0)))
                .replace("%3", str(result.get("benefits", 0)))
                .replace("%4", str(result.get("skipped", 0)))
            )
            if result.get("persons_without_benefit"):
                text += " " + self.tr("%1 of the new people have no benefit.").replace(
                    "%1", str(result["persons_without_benefit"])
                )
            if result.get("new_villages"):
                names = ", ".join(f"«{n}»" for n in result["new_villages"])
                text += " " + self.tr("New villages created: %1.").replace("%1", names)
            if result.get("benefits_added_to_matched"):
                text += " " + self.tr("Benefits added to people already there: %1.").replace(
                    "%1", str(result["benefits_added_to_matched"])
                )
            self.message.show_ok(text)
            self.preview = None
            self._update_import_button()
            self.imported.emit(result)

        self._ops.run(fn, done, failed)

    # --- internals ---

    def _memory_arrived(self, memory) -> None:
        if isinstance(memory, dict):
            self._memory = {
                "mappings": dict(memory.get("mappings") or {}),
                "schemes": dict(memory.get("schemes") or {}),
            }

    def _remember(self, mapping: dict[str, int | None] | None, schemes: dict[str, str]) -> None:
        """Remember the columns chosen for lists with these headers, and the schemes chosen."""
        signature = self.preview.signature if self.preview is not None else ""
        if mapping is not None and signature:
            self._memory["mappings"][signature] = dict(mapping)
        self._memory["schemes"].update(schemes)

        def fn(store):
            if store.can("import_beneficiaries"):
                store.remember_import_choices(signature, mapping, schemes)

        self._ops.run(fn)

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
            self._auto_sheet = False
            self.run_preview()

    def _preview_arrived(self, preview, *, from_mapping: bool) -> None:
        self.preview = preview
        if preview.sheet and self.sheet_combo.currentData() != preview.sheet:
            self.sheet_combo.blockSignals(True)
            self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(preview.sheet)))
            self.sheet_combo.blockSignals(False)
        self._fill_mapping(preview)
        self.model.set_rows(preview.rows)
        self._fill_details(preview)
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
        none_text = self.tr("(not in this file)")
        for field, combo in self.mapping_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(none_text, None)
            for i, h in enumerate(headers):
                combo.addItem(f"{_column_letter(i)} — {h}" if h else _column_letter(i), i)
            combo.setCurrentIndex(max(0, combo.findData(full[field])))
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
        if s.get("to_confirm"):
            text += " " + self.tr(
                "%1 rows have only a name: tick the ones that are people to import them."
            ).replace("%1", str(s["to_confirm"]))
        if s.get("persons_without_benefit"):
            text += " " + self.tr("%1 people would have no benefit.").replace(
                "%1", str(s["persons_without_benefit"])
            )
        if s.get("skipped"):
            text += " " + self.tr("Rows left out (not people): %1.").replace(
                "%1", str(len(s["skipped"]))
            )
        if s.get("villages_to_create"):
            names = ", ".join(f"«{v['name']}»" for v in s["villages_to_create"])
            text += " " + self.tr("New villages would be created: %1.").replace("%1", names)
        text = self.change_text() + "\n" + text
        if preview.header_row:
            text += " " + self.tr("Header found on row %1.").replace("%1", str(preview.header_row))
        if preview.mapping_source == "remembered":
            text += " " + self.tr("Columns as chosen for the last list with these headers.")
        self.summary_label.setText(text)
        key = "message_en" if current_lang() == "en" else "message"
        file_level = [i.get(key) or i.get("message") for i in s["issues"] if i.get("row") is None]
        self.file_issues.setText("\n".join(file_level))
        self.file_issues.setVisible(bool(file_level))

    def _fill_details(self, preview) -> None:
        """The tabs beside the rows: skipped rows, columns not imported, unknown schemes."""
        s = preview.summary
        en = current_lang() == "en"
        reasons = skip_reason_labels()
        self.skipped_table.setRowCount(len(s["skipped"]))
        for r, entry in enumerate(s["skipped"]):
            reason = reasons.get(entry["reason"]) or entry["message_en" if en else "message"]
            for c, text in enumerate((str(entry["row"]), reason, entry["text"])):
                self.skipped_table.setItem(r, c, QTableWidgetItem(text))
        self.columns_table.setRowCount(len(s["ignored_columns"]))
        for r, col in enumerate(s["ignored_columns"]):
            cells = (col["column"], col["header"] or self.tr("(no header)"), str(col["values"]))
            for c, text in enumerate(cells):
                self.columns_table.setItem(r, c, QTableWidgetItem(text))
        unknown = s["unknown_schemes"]
        self.schemes_table.setRowCount(len(unknown))
        schemes = load_schemes()
        for r, entry in enumerate(unknown):
            self.schemes_table.setItem(r, 0, QTableWidgetItem(entry["text"]))
            rows = ", ".join(str(n) for n in entry["rows"][:12])
            if len(entry["rows"]) > 12:
                rows += ", …"
            self.schemes_table.setItem(r, 1, QTableWidgetItem(rows))
            combo = QComboBox(self.schemes_table)
            combo.setObjectName(f"schemeChoice{r}")
            combo.addItem(self.tr("(no benefit)"), None)
            for code, scheme in schemes.items():
                combo.addItem(scheme.label.text("en" if en else "vi"), code)
            chosen = self._scheme_choices.get(fold(entry["text"]))
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            self.schemes_table.setCellWidget(r, 2, combo)
        self.schemes_button.setEnabled(bool(unknown))
        self._retitle_tabs()

    def _retitle_tabs(self) -> None:
        s = self.preview.summary if self.preview is not None else {}
        counts = (
            s.get("rows", 0),
            len(s.get("skipped", ())),
            len(s.get("ignored_columns", ())),
            len(s.get("unknown_schemes", ())),
        )
        titles = (
            self.tr("People (%1)"),
            self.tr("Not people, left out (%1)"),
            self.tr("Columns not imported (%1)"),
            self.tr("Unknown schemes (%1)"),
        )
        for i, (title, n) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(i, title.replace("%1", str(n)))

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
        if self.preview is not None:
            self._show_summary(self.preview)  # a ticked row changes what will be written
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
        self.skipped_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Why it is left out"), self.tr("What the row says")]
        )
        self.columns_table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Header"), self.tr("Cells with data")]
        )
        self.schemes_table.setHorizontalHeaderLabels(
            [self.tr("Scheme as written in the list"), self.tr("Rows"), self.tr("Import as")]
        )
        self.schemes_note.setText(
            self.tr(
                "People whose scheme is not recognised get no benefit. Choose the scheme for "
                "each wording; the choice is remembered for the next lists."
            )
        )
        self.schemes_button.setText(self.tr("Check again with these schemes"))
        self.columns_note.setText(
            self.tr(
                "These columns are not imported. To import one, choose it for a field above and "
                "check again."
            )
        )
        self._retitle_tabs()
        self.close_button.setText(self.tr("Close") if self.result else self.tr("Cancel"))
        self._update_import_button()
