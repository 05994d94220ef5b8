"""The sync page: city server and enrolment, Sync now, refused changes, conflicts, USB bundles.

Reads run on the GUI's database worker (``ops``); network and USB work runs on the sync worker's
own thread (``sync_worker.SyncWorker``), so a slow server never freezes the window or holds up
the household list. Nothing here touches the store on the GUI thread.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from desktop_app.core import admin_units
from desktop_app.core import keys as keymod
from desktop_app.core.citizen_id import mask_citizen_id
from desktop_app.core.errors import KnownError
from desktop_app.sync.client import Cancelled, SyncError, SyncResult
from desktop_app.ui import file_dialogs, households
from desktop_app.ui.duplicates_view import DuplicatesPanel
from desktop_app.ui.households import label_of, phone_text
from desktop_app.ui.ops import Ops
from desktop_app.ui.payment_common import (
    barrier_labels,
    channel_labels,
    format_vnd,
    month_text,
    scheme_short_label,
    show_date,
    withdrawn_by_labels,
)
from desktop_app.ui.qt import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QEvent,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QItemSelectionModel,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStorageInfo,
    QSysInfo,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.sync_status import HeldBackPanel, StatusSummary
from desktop_app.ui.sync_worker import SyncContext, SyncWorker
from desktop_app.ui.widgets import (
    MessageLabel,
    current_lang,
    format_datetime,
    label,
    primary_button,
)

try:  # USB bundles are built alongside this page; the section says so while they are missing
    from desktop_app.sync import bundles as bundlemod
except ImportError:  # pragma: no cover - only while bundles.py is not there
    bundlemod = None

log = logging.getLogger(__name__)

REMOVABLE_PREFIXES = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


# --- helpers without widgets (run on workers or pure) ------------------------------------------


def looks_removable(root: str, platform: str = sys.platform) -> bool:
    """True when a mounted volume's root looks like a USB stick or card rather than the system
    disk: under /media, /run/media, /mnt or /Volumes, or a Windows drive letter other than C:."""
    if platform.startswith("win"):
        drive = root.replace("/", "\\").rstrip("\\")
        return len(drive) == 2 and drive[1] == ":" and drive[0].upper() not in ("C", "A", "B")
    return root.startswith(REMOVABLE_PREFIXES) and root.rstrip("/") not in ("/media", "/mnt")


def removable_destinations() -> list[tuple[str, str]]:
    """(root path, display name) of writable mounted volumes that look removable."""
    out = []
    for volume in QStorageInfo.mountedVolumes():
        if not (volume.isValid() and volume.isReady()) or volume.isReadOnly():
            continue
        root = volume.rootPath()
        if looks_removable(root):
            name = volume.displayName() or os.path.basename(root.rstrip("/")) or root
            out.append((root, name))
    return out


def _record_label(store, entity: str, record_id: str) -> str:
    """A name a person recognises for a record (runs on a worker)."""
    try:
        if entity == "person":
            return store.person(record_id)["full_name"]
        if entity == "household":
            h = store.household(record_id)
            head = h["members"][0]["full_name"] if h.get("members") else ""
            return " — ".join(x for x in (head, h.get("address") or "") if x)
        row = store._row(entity, record_id, include_deleted=True)  # no public getter yet
        if entity == "village":
            return row.get("name") or record_id[:8]
        if entity in ("benefit", "payment") and row.get("person_id"):
            # whose benefit, and which one or which month (not the household's head)
            what = (
                month_text(row["period"])
                if entity == "payment"
                else scheme_short_label(row.get("scheme"))
            )
            return f"{_record_label(store, 'person', row['person_id'])} — {what}"
        if row.get("household_id"):
            return _record_label(store, "household", row["household_id"])
    except KnownError:
        pass
    return record_id[:8]


def load_overview(store) -> dict:
    """Everything the sync page shows, read on the database worker. Never returns the token or
    private keys."""
    state = store.sync_state()
    enrolled = bool(state.get("token"))
    fingerprint = ""
    if state.get("server_sign_public"):
        try:
            fingerprint = keymod.fingerprint(keymod.load_sign_public(state["server_sign_public"]))
        except KnownError:
            fingerprint = "?"
    communes = []
    for code in filter(None, (state.get("communes") or "").split(",")):
        try:
            communes.append(admin_units.commune(code).full_name)
        except (KnownError, KeyError, LookupError):
            communes.append(code)
    reveal = store.can("reveal_citizen_id")
    labels: dict[tuple[str, str], str] = {}

    def name(entity, rid):
        if (entity, rid) not in labels:
            labels[(entity, rid)] = _record_label(store, entity, rid)
        return labels[(entity, rid)]

    conflicts = []
    for c in store.open_conflicts():
        if c["field"] == "citizen_id" and not reveal:
            c["local_value"] = mask_citizen_id(c["local_value"]) if c["local_value"] else None
            c["incoming_value"] = (
                mask_citizen_id(c["incoming_value"]) if c["incoming_value"] else None
            )
        conflicts.append({**c, "label": name(c["entity"], c["record_id"])})
    bundles = None
    if bundlemod is not None and enrolled:
        bundles = bundlemod.unconfirmed_bundles(store)
    return {
        "enrolled": enrolled,
        "server_url": state.get("server_url") or "",
        "device_id": state.get("server_device_id") or "",
        "communes": communes,
        "fingerprint": fingerprint,
        "last_sync_at": state.get("last_sync_at"),
        "last_bundle_receipt_at": state.get("last_bundle_receipt_at"),
        "pending": store.pending_changes(),
        "last_delivery": store.last_delivery(),
        "conflicts": conflicts,
        "bundles": bundles,
        "can_enroll": store.can("enroll_device"),
        "can_resolve": store.can("resolve_conflict"),
        "role": store.user.role,
    }


def enroll_on_sync_thread(ctx: SyncContext, server_url: str, code: str, device_name: str) -> dict:
    """Enrol with the city server (on the sync thread); returns what the admin should see."""
    data = ctx.client.enroll(server_url.strip(), code, device_name)
    key = keymod.load_sign_public(data["server_sign_public_key"])
    return {
        "device_id": data["device_id"],
        "communes": data.get("communes") or [],
        "fingerprint": keymod.fingerprint(key),
    }


def _card(title: QLabel) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(22, 16, 22, 16)
    layout.setSpacing(10)
    layout.addWidget(title)
    return card, layout


def _table(columns: int, name: str) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    # as tall as its rows (up to a limit), so a card with one row is not mostly empty
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    table.setMinimumHeight(70)
    table.setMaximumHeight(320)
    return table


def _list_item_text(item) -> str:
    """One item of a list value as the household page writes it: a phone "0922 000 222 (con
    gái)" (the sixteenth tryout compared "+84922000222" with a paper note), else as it is."""
    if isinstance(item, dict) and isinstance(item.get("number"), str):
        return phone_text(item)
    return json.dumps(item, ensure_ascii=False) if isinstance(item, dict) else str(item)


class SyncView(QWidget):
    """The "Sync" page of the main window."""

    changed = Signal()

    def __init__(self, ops: Ops, parent: QWidget | None = None, worker: SyncWorker | None = None):
        super().__init__(parent)
        self.setObjectName("syncView")
        self._ops = ops
        self.worker = worker or getattr(parent, "sync_worker", None) or SyncWorker(ops, self)
        self.overview: dict | None = None
        self._phase = ""
        self._last_outcome: tuple[str, str] | None = None  # (kind, text) of the last round
        self._export_job: int | None = None
        self._destinations: list[tuple[str, str]] = []
        self._reenrol = False

        self.heading = label(role="heading")
        self.intro = label(role="muted", wrap=True)

        # Server and enrolment
        self.server_title = label(role="subheading")
        self.server_card, server = _card(self.server_title)
        self.not_enrolled = label(role="note", wrap=True)
        self.not_enrolled.setObjectName("notEnrolled")
        server.addWidget(self.not_enrolled)
        self.info_labels = {k: QLabel() for k in ("server", "device", "communes", "key", "last")}
        self.info_values = {k: label(wrap=True) for k in self.info_labels}
        for v in self.info_values.values():
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_form = QFormLayout()
        self.info_form.setVerticalSpacing(6)
        for k in self.info_labels:
            self.info_form.addRow(self.info_labels[k], self.info_values[k])
        self.info_box = QWidget()
        self.info_box.setLayout(self.info_form)
        server.addWidget(self.info_box)
        self.reenrol_button = QPushButton()
        self.reenrol_button.setObjectName("reenrolButton")
        self.reenrol_button.clicked.connect(self._show_reenrol)
        server.addWidget(self.reenrol_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.enrol_box = QWidget()
        self.enrol_box.setObjectName("enrolForm")
        enrol = QVBoxLayout(self.enrol_box)
        enrol.setContentsMargins(0, 4, 0, 0)
        self.enrol_hint = label(role="muted", wrap=True)
        enrol.addWidget(self.enrol_hint)
        self.server_url = QLineEdit()
        self.server_url.setObjectName("serverUrl")
        self.code = QLineEdit()
        self.code.setObjectName("enrolCode")
        self.device_name = QLineEdit(QSysInfo.machineHostName())
        self.device_name.setObjectName("deviceName")
        self.enrol_labels = {k: QLabel() for k in ("url", "code", "name")}
        form = QFormLayout()
        for key, field in (
            ("url", self.server_url),
            ("code", self.code),
            ("name", self.device_name),
        ):
            self.enrol_labels[key].setBuddy(field)
        form.addRow(self.enrol_labels["url"], self.server_url)
        form.addRow(self.enrol_labels["code"], self.code)
        form.addRow(self.enrol_labels["name"], self.device_name)
        enrol.addLayout(form)
        row = QHBoxLayout()
        self.enrol_button = primary_button()
        self.enrol_button.setObjectName("enrolButton")
        self.enrol_button.clicked.connect(self.enrol)
        row.addWidget(self.enrol_button)
        row.addStretch(1)
        enrol.addLayout(row)
        server.addWidget(self.enrol_box)
        self.enrol_message = MessageLabel()
        self.enrol_message.setObjectName("enrolMessage")
        server.addWidget(self.enrol_message)

        # Sync now
        self.sync_title = label(role="subheading")
        self.sync_card, sync = _card(self.sync_title)
        self.pending_text = label(wrap=True)
        self.pending_text.setObjectName("syncPending")
        sync.addWidget(self.pending_text)
        row = QHBoxLayout()
        self.sync_button = primary_button()
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.clicked.connect(self.worker.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.progress.setMinimumWidth(360)
        row.addWidget(self.sync_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        row.addStretch(1)
        sync.addLayout(row)
        self.phase_label = label(role="muted")
        self.phase_label.hide()
        sync.addWidget(self.phase_label)
        self.result = MessageLabel()
        self.result.setObjectName("syncResult")
        sync.addWidget(self.result)
        self.auto_hint = label(role="muted", wrap=True)
        sync.addWidget(self.auto_hint)

        # What this laptop holds, changes held back either way, duplicates (sync_status.py,
        # duplicates_view.py); each reloads with the page and reports its writes
        self.summary = StatusSummary(ops)
        self.held_back = HeldBackPanel(ops)
        self.duplicates = DuplicatesPanel(ops)
        self.held_back.changed.connect(self._after_write)
        self.duplicates.changed.connect(self._after_write)

        # Conflicts
        self.conflict_title = label(role="subheading")
        self.conflict_card, conflict = _card(self.conflict_title)
        self.conflict_hint = label(role="muted", wrap=True)
        # which side is which after a join (the fourteenth tryout: on laptop B its own typed
        # values stood under "Từ máy chủ", with nothing saying why)
        self.merge_hint = label(role="muted", wrap=True)
        self.merge_hint.setObjectName("conflictMergeHint")
        self.conflict_readonly = label(role="note", wrap=True)
        self.conflict_readonly.setObjectName("conflictReadOnly")
        conflict.addWidget(self.conflict_hint)
        conflict.addWidget(self.merge_hint)
        conflict.addWidget(self.conflict_readonly)
        self.conflict_table = _table(4, "conflictTable")
        # a merge of a person entered twice may leave a dozen values of one month to decide:
        # several rows are decided at once (Ctrl or Shift + click, Ctrl+A)
        self.conflict_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.conflict_table.itemSelectionChanged.connect(self._update_buttons)
        conflict.addWidget(self.conflict_table)
        row = QHBoxLayout()
        self.keep_local_button = QPushButton()
        self.keep_local_button.setObjectName("keepLocal")
        self.take_incoming_button = QPushButton()
        self.take_incoming_button.setObjectName("takeIncoming")
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editValue")
        self.keep_local_button.clicked.connect(lambda: self.resolve_selected("local"))
        self.take_incoming_button.clicked.connect(lambda: self.resolve_selected("incoming"))
        self.edit_button.clicked.connect(self._edit_selected)
        for b in (self.keep_local_button, self.take_incoming_button, self.edit_button):
            row.addWidget(b)
        row.addStretch(1)
        conflict.addLayout(row)
        self.conflict_message = MessageLabel()
        conflict.addWidget(self.conflict_message)

        # USB
        self.usb_title = label(role="subheading")
        self.usb_card, usb = _card(self.usb_title)
        self.usb_hint = label(role="muted", wrap=True)
        usb.addWidget(self.usb_hint)
        self.usb_disabled_reason = label(role="note", wrap=True)  # why the buttons are grey
        self.usb_disabled_reason.setObjectName("usbDisabledReason")
        self.usb_disabled_reason.hide()
        usb.addWidget(self.usb_disabled_reason)
        row = QHBoxLayout()
        self.destination = QComboBox()
        self.destination.setObjectName("usbDestination")
        self.destination.setMinimumWidth(320)
        self.refresh_drives_button = QPushButton()
        self.refresh_drives_button.clicked.connect(self._look_for_sticks)
        self.export_button = primary_button()
        self.export_button.setDefault(False)
        self.export_button.setObjectName("exportUsb")
        self.export_button.clicked.connect(self._export_clicked)
        row.addWidget(self.destination, 1)
        row.addWidget(self.refresh_drives_button)
        row.addWidget(self.export_button)
        usb.addLayout(row)
        row = QHBoxLayout()
        self.export_progress = QProgressBar()
        self.export_progress.setObjectName("exportProgress")
        self.export_progress.hide()
        self.export_cancel = QPushButton()
        self.export_cancel.setObjectName("exportCancel")
        self.export_cancel.hide()
        self.export_cancel.clicked.connect(self.cancel_export)
        row.addWidget(self.export_progress, 1)
        row.addWidget(self.export_cancel)
        usb.addLayout(row)
        row = QHBoxLayout()
        self.import_button = QPushButton()
        self.import_button.setObjectName("importReceipt")
        self.import_button.clicked.connect(self._import_clicked)
        row.addWidget(self.import_button)
        row.addStretch(1)
        usb.addLayout(row)
        self.usb_message = MessageLabel()
        self.usb_message.setObjectName("usbMessage")
        usb.addWidget(self.usb_message)
        self.bundles_title = label()
        self.bundles_title.setStyleSheet("font-weight: bold;")
        usb.addWidget(self.bundles_title)
        self.bundles_table = _table(3, "bundlesTable")
        header = self.bundles_table.horizontalHeader()
        for col in (0, 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.bundles_table.itemSelectionChanged.connect(self._update_buttons)
        usb.addWidget(self.bundles_table)
        row = QHBoxLayout()
        self.reexport_button = QPushButton()
        self.reexport_button.setObjectName("reexportButton")
        self.reexport_button.clicked.connect(self._reexport_clicked)
        row.addWidget(self.reexport_button)
        row.addStretch(1)
        usb.addLayout(row)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(28, 20, 28, 20)
        column.setSpacing(14)
        column.addWidget(self.heading)
        column.addWidget(self.intro)
        for card in (
            self.server_card,
            self.sync_card,
            self.summary,
            self.conflict_card,
            self.held_back,
            self.duplicates,
            self.usb_card,
        ):
            column.addWidget(card)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        self.summary.show_requested.connect(self.show_card)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        w = self.worker
        w.started.connect(self._sync_started)
        w.progress.connect(self._sync_progress)
        w.phase_changed.connect(self._sync_phase)
        w.finished.connect(self._sync_finished)
        w.failed.connect(self._sync_failed)
        w.cancelled.connect(self._sync_cancelled)
        w.online_changed.connect(lambda _online: self._show_server())

        self.refresh_destinations()
        if parent is not None and hasattr(parent, "session_changed"):
            parent.session_changed.connect(self._session_changed)
        self.retranslateUi()
        self._show()

    def _session_changed(self, _session=None) -> None:
        """Another person logged in: what this page told the last one (the admin's "Đã đăng
        ký. Mã thiết bị…", an export's file name, a conflict decided) is not left for them
        (the eleventh tryout). The last sync's outcome stays: it is the laptop's, not theirs."""
        for message in (self.enrol_message, self.usb_message, self.conflict_message):
            message.clear_message()

    # --- texts ------------------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        """Every visible text in the current language."""
        self.heading.setText(self.tr("Sync with the city server"))
        self.intro.setText(
            self.tr(
                "Everything recorded on this laptop is kept here, encrypted, until the city server "
                "confirms it has it. Send it over the internet, or on a USB stick when there is "
                "no connection."
            )
        )
        self.server_title.setText(self.tr("City server"))
        self.info_labels["server"].setText(self.tr("Server:"))
        self.info_labels["device"].setText(self.tr("This laptop's device id:"))
        self.info_labels["communes"].setText(self.tr("Communes:"))
        self.info_labels["key"].setText(self.tr("Server key fingerprint:"))
        self.info_labels["last"].setText(self.tr("Last sync over the network:"))
        self.reenrol_button.setText(self.tr("Enrol again…"))
        self.server_url.setPlaceholderText(
            self.tr("for example: %1").replace("%1", "https://dongbo.hanoi.gov.vn")
        )
        self.code.setPlaceholderText(
            self.tr("for example: %1").replace("%1", "K7QM-3XHD-PZ9A-WE4T")
        )
        self.enrol_labels["url"].setText(self.tr("Server address:"))
        self.enrol_labels["code"].setText(self.tr("One-time code:"))
        self.enrol_labels["name"].setText(self.tr("Name of this laptop:"))
        self.enrol_button.setText(self.tr("Enrol this laptop"))
        self.sync_title.setText(self.tr("Send and receive"))
        self.sync_button.setText(self.tr("Sync now"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.auto_hint.setText(
            self.tr(
                "When the server can be reached, Tận Tay syncs by itself every few minutes. "
                "If it cannot, it tries again later; nothing is lost meanwhile."
            )
        )
        self.conflict_title.setText(self.tr("Conflicts to decide"))
        self.conflict_hint.setText(
            self.tr(
                "The same information was changed on this laptop and on another one. Nothing was "
                "overwritten: compare both values and choose which one is right. Select several "
                "rows (Ctrl or Shift + click) to decide them the same way at once."
            )
        )
        self.merge_hint.setText(
            self.tr(
                "Rows marked “(from the merged record)” come from two records of one person, or "
                "of one month, that were joined into one. The values of the record kept (the one "
                "chosen in the merge, or the one the city server received first) are under “On "
                "this laptop”, whichever laptop wrote them; the other record's values may be the "
                "ones this laptop wrote."
            )
        )
        self.conflict_readonly.setText(
            self.tr(
                "Only the team lead decides conflicts. Until then both values are kept and "
                "nothing is lost."
            )
        )
        self.conflict_table.setHorizontalHeaderLabels(
            [
                self.tr("Record"),
                self.tr("Information"),
                self.tr("On this laptop"),
                self.tr("From the server"),
            ]
        )
        self.keep_local_button.setText(self.tr("Keep this laptop's value"))
        self.take_incoming_button.setText(self.tr("Take the server's value"))
        self.edit_button.setText(self.tr("Enter the right value…"))
        self.usb_title.setText(self.tr("USB stick (no internet)"))
        self.usb_hint.setText(
            self.tr(
                "Write every change not yet confirmed into one encrypted file, carry it to the "
                "city server, then bring back the receipt file. A lost stick reveals nothing."
            )
        )
        self.refresh_drives_button.setText(self.tr("Look for USB sticks"))
        self.export_button.setText(self.tr("Export to USB"))
        self.export_cancel.setText(self.tr("Cancel"))
        self.import_button.setText(self.tr("Import receipt from USB…"))
        self.bundles_title.setText(self.tr("Exported but not confirmed yet"))
        self.bundles_table.setHorizontalHeaderLabels(
            [self.tr("Written"), self.tr("Changes"), self.tr("File")]
        )
        self.reexport_button.setText(self.tr("Export again"))
        self._fill_destination_combo()
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- loading ------------------------------------------------------------------------------

    def activate(self) -> None:
        """Reload when the page is shown."""
        self.reload()

    def reload(self) -> None:
        """Read the sync state on the database worker."""
        if self._ops.store is None:
            return
        self._ops.run(
            load_overview,
            self._overview_arrived,
            lambda exc: log.warning("sync overview failed: %s", exc),
            key="sync-overview",
        )
        for card in (self.summary, self.held_back, self.duplicates):
            card.reload()

    def _overview_arrived(self, overview: dict) -> None:
        self.overview = overview
        self._show()

    def _show(self) -> None:
        self._show_server()
        self._show_pending()
        self._show_tables()
        self._update_buttons()

    def _show_server(self) -> None:
        o = self.overview
        enrolled = bool(o and o["enrolled"])
        can_enroll = bool(o and o["can_enroll"])
        self.not_enrolled.setVisible(o is not None and not enrolled)
        if o is not None and not enrolled:
            text = self.tr(
                "This laptop is not enrolled with the city server yet, so nothing has been sent. "
                "Everything recorded is kept safely here in the meantime."
            )
            if can_enroll:
                text += " " + self.tr(
                    "Enter the server address and the one-time code the city server operator "
                    "gave you."
                )
            else:
                text += " " + self.tr("Ask the commune admin to enrol it once.")
            self.not_enrolled.setText(text)
        self.info_box.setVisible(enrolled)
        self.enrol_box.setVisible(can_enroll and (not enrolled or self._reenrol))
        self.reenrol_button.setVisible(can_enroll and enrolled and not self._reenrol)
        self.enrol_hint.setVisible(enrolled and self._reenrol)
        self.enrol_hint.setText(
            self.tr(
                "Enrolling again gives this laptop a new identity on the server. Do it only when "
                "the operator asks (for example after the laptop was revoked)."
            )
        )
        if not enrolled:
            return
        online = self.worker.online
        state = (
            self.tr("online")
            if online
            else self.tr("cannot be reached now")
            if online is False
            else self.tr("checking…")
        )
        self.info_values["server"].setText(f"{o['server_url']} ({state})")
        self.info_values["device"].setText(o["device_id"])
        self.info_values["communes"].setText(", ".join(o["communes"]) or "—")
        self.info_values["key"].setText(o["fingerprint"])
        self.info_values["last"].setText(
            format_datetime(o["last_sync_at"]) if o["last_sync_at"] else self.tr("never")
        )

    def _show_pending(self) -> None:
        o = self.overview
        if o is None:
            self.pending_text.setText("")
            return
        if o["pending"]:
            text = self.tr("Changes on this laptop waiting to be sent: %1.").replace(
                "%1", _number(o["pending"])
            )
        else:
            text = self.tr("Every change on this laptop has reached the city server.")
        if o["last_delivery"]:
            text += " " + self.tr("Last confirmed: %1.").replace(
                "%1", format_datetime(o["last_delivery"])
            )
        self.pending_text.setText(text)

    def _show_tables(self) -> None:
        o = self.overview or {}
        conflicts = o.get("conflicts") or []
        self.conflict_card.setVisible(bool(conflicts))
        self.merge_hint.setVisible(any(c.get("source") == "merge" for c in conflicts))
        self.conflict_title.setText(
            self.tr("Conflicts to decide (%1)").replace("%1", str(len(conflicts)))
        )
        can_resolve = bool(o.get("can_resolve"))
        self.conflict_readonly.setVisible(bool(conflicts) and not can_resolve)
        for b in (self.keep_local_button, self.take_incoming_button, self.edit_button):
            b.setVisible(can_resolve)
        self.conflict_table.setRowCount(len(conflicts))
        for r, c in enumerate(conflicts):
            cells = (
                f"{c['label']}\n{self._entity_name(c['entity'])}",
                self._field_name(c["field"]),
                self._value(c["field"], c["local_value"]),
                self._value(c["field"], c["incoming_value"])
                + (
                    "\n" + self.tr("(from the merged record)") if c.get("source") == "merge" else ""
                ),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c["id"])
                item.setToolTip(text)
                self.conflict_table.setItem(r, col, item)
        self.conflict_table.resizeRowsToContents()

        bundles = o.get("bundles")
        has_bundles = bundlemod is not None
        enrolled = bool(o.get("enrolled"))
        for w in (self.destination, self.refresh_drives_button, self.export_button):
            w.setEnabled(has_bundles and enrolled and self._export_job is None)
        self.import_button.setEnabled(has_bundles and enrolled)
        reason = ""
        if not has_bundles:
            reason = self.tr("USB files are not available in this installation of Tận Tay.")
        elif not enrolled:
            reason = self.tr(
                "The USB buttons work once this laptop is enrolled with the city server: the "
                "file is encrypted for that server."
            )
            reason += " " + (
                self.tr("Enrol it above.")
                if o.get("can_enroll")
                else self.tr("Ask the commune admin to enrol it once.")
            )
        self.usb_disabled_reason.setText(reason)
        self.usb_disabled_reason.setVisible(bool(reason))
        bundles = bundles or []
        self.bundles_title.setVisible(bool(bundles))
        self.bundles_table.setVisible(bool(bundles))
        self.reexport_button.setVisible(bool(bundles))
        self.bundles_table.setRowCount(len(bundles))
        for r, b in enumerate(bundles):
            name = Path(b["path"]).name
            if not b.get("exists"):
                name += " " + self.tr("(file no longer there)")
            cells = (format_datetime(b["created_at"]), _number(b["changes"]), name)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, b["path"])
                item.setToolTip(b["path"])
                self.bundles_table.setItem(r, col, item)

    def _update_buttons(self) -> None:
        o = self.overview or {}
        enrolled = bool(o.get("enrolled"))
        running = self.worker.running
        self.sync_button.setEnabled(enrolled and not running)
        self.cancel_button.setVisible(running)
        picked_ids = self._selected_ids(self.conflict_table)
        picked = picked_ids[0] if len(picked_ids) == 1 else None
        can_resolve = bool(o.get("can_resolve"))
        for b in (self.keep_local_button, self.take_incoming_button):
            b.setEnabled(can_resolve and bool(picked_ids))
        value_ok = False
        if picked is not None:  # an edited value: one conflict at a time
            conflict = self._conflict(picked)
            value_ok = conflict is not None and _editable(conflict)
        self.edit_button.setEnabled(can_resolve and value_ok)
        self.reexport_button.setEnabled(
            self.bundles_table.rowCount() > 0 and self._export_job is None
        )

    # --- words for codes ------------------------------------------------------------------------

    def _entity_name(self, entity: str) -> str:
        names = {
            "household": self.tr("household"),
            "person": self.tr("person"),
            "visit": self.tr("visit"),
            "assistance": self.tr("assistance"),
            "village": self.tr("village"),
            "benefit": self.tr("benefit"),
            "payment": self.tr("payment"),
            "identity_verification": self.tr("identity verification"),
        }
        return names.get(entity, entity)

    def _field_name(self, field: str) -> str:
        names = {
            "full_name": self.tr("Full name"),
            "given_name": self.tr("Given name"),
            "birth_date": self.tr("Date of birth"),
            "birth_year": self.tr("Year of birth"),
            "sex": self.tr("Sex"),
            "citizen_id": self.tr("Citizen ID"),
            "relationship": self.tr("Relationship to head"),
            "vulnerabilities": self.tr("Vulnerabilities"),
            "payment_channel": self.tr("Payment channel"),
            "phones": self.tr("Phone numbers"),
            "notes": self.tr("Notes"),
            "address": self.tr("Address"),
            "landmark": self.tr("Landmark / directions"),
            "village_id": self.tr("Village"),
            "head_person_id": self.tr("Head of household"),
            "outcome": self.tr("Outcome"),
            "follow_up_on": self.tr("Follow-up date"),
            "status": self.tr("Status"),
            "text": self.tr("Text"),
            "name": self.tr("Name"),
            "deleted": self.tr("Deleted"),
            "consent_date": self.tr("Consent date"),
            "consent_withdrawn_on": self.tr("Consent withdrawn on"),
            # benefits and payments (a merge joins a benefit both copies held: issue 11)
            "monthly_amount": self.tr("Monthly amount"),
            "channel": self.tr("How the money is received"),
            "provider": self.tr("Bank / provider"),
            "account_last4": self.tr("Account (last 4 digits)"),
            "start_on": self.tr("Receives since"),
            "end_on": self.tr("Receives until"),
            "amount": self.tr("Amount of the month"),
            "credited_on": self.tr("Money arrived on"),
            "withdrawn_on": self.tr("Withdrawn on"),
            "withdrawn_by": self.tr("Who withdrew"),
            "proxy_name": self.tr("Proxy's name"),
            "travel_minutes": self.tr("Travel (minutes)"),
            "distance_km": self.tr("Distance (km)"),
            "fees": self.tr("Fees"),
            "barriers": self.tr("Difficulties"),
            "convenience": self.tr("Convenience (1–5)"),
            "note": self.tr("Note"),
        }
        return names.get(field, field)

    def show_card(self, key: str) -> None:
        """Scroll so the card a number of "On this laptop" counts starts at the top."""
        card = {
            "pending": self.sync_card,
            "conflicts": self.conflict_card,
            "quarantined": self.held_back,
            "duplicate_candidates": self.duplicates,
        }.get(key)
        if card is None or not card.isVisible():
            card = self.sync_card  # nothing listed there (a count of 0): sending is the answer
        self.scroll.verticalScrollBar().setValue(card.y() - 8)

    def _value(self, field: str, value) -> str:
        if value is None or value == "" or value == []:
            return self.tr("(empty)")
        codes = _code_labels(field)
        if codes and isinstance(value, str):
            return label_of(codes, value)
        if codes and isinstance(value, list):
            return ", ".join(label_of(codes, v) for v in value)
        if field == "deleted" or isinstance(value, bool):
            if field == "deleted":
                return self.tr("deleted") if value else self.tr("not deleted")
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, list):
            return ", ".join(_list_item_text(v) for v in value)
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False)
        if field in ("amount", "monthly_amount", "fees") and isinstance(value, int):
            return format_vnd(value)
        if field.endswith("_on") and isinstance(value, str):
            return show_date(value)
        return str(value)

    # --- enrolment -----------------------------------------------------------------------------

    def _show_reenrol(self) -> None:
        self._reenrol = True
        self._show_server()

    def enrol(self) -> None:
        """Enrol with the server (admin): the network call runs on the sync thread."""
        url, code = self.server_url.text().strip(), self.code.text().strip()
        name = self.device_name.text().strip() or QSysInfo.machineHostName() or "Tận Tay"
        if not url or not code:
            self.enrol_message.show_error(
                self.tr("Enter the server address and the one-time code.")
            )
            return
        self.enrol_button.setEnabled(False)
        self.enrol_message.show_ok(self.tr("Contacting the city server…"))
        self.worker.run(
            lambda ctx: enroll_on_sync_thread(ctx, url, code, name),
            self._enrolled,
            self._enrol_failed,
        )

    def _enrolled(self, info: dict) -> None:
        self.enrol_button.setEnabled(True)
        self.code.clear()
        self._reenrol = False
        self.enrol_message.show_ok(
            self.tr(
                "Enrolled. Device id %1. The server's key is pinned; its fingerprint is %2 — "
                "it should match the one the operator sees."
            )
            .replace("%1", info["device_id"])
            .replace("%2", info["fingerprint"])
        )
        self.worker.note_enrolled()
        self.reload()
        self.changed.emit()

    def _enrol_failed(self, exc: BaseException) -> None:
        self.enrol_button.setEnabled(True)
        if isinstance(exc, SyncError) and exc.transient:
            # the sync client's wording ("…will be sent later") is for sync, not enrolment
            self.enrol_message.show_error(
                self.tr(
                    "This laptop was NOT enrolled: the city server could not be reached. Nothing "
                    "was changed. Check the connection and press “Enrol this laptop” again when "
                    "connected."
                )
            )
            return
        self.enrol_message.show_error(self._error_text(exc))

    def _error_text(self, exc: BaseException) -> str:
        if isinstance(exc, KnownError):
            return exc.message(current_lang())
        log.error("sync page operation failed", exc_info=(type(exc), exc, exc.__traceback__))
        return self.tr(
            "Something went wrong. Your data is safe on this laptop; details are in the log file."
        )

    # --- sync now ------------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Start a sync round (a running round is not started twice)."""
        self.worker.sync_now()

    def _sync_started(self) -> None:
        self.result.clear_message()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.phase_label.setText(self.tr("Connecting to the city server…"))
        self.phase_label.show()
        self._update_buttons()

    def _sync_phase(self, phase: str) -> None:
        self._phase = phase
        self.progress.setRange(0, 0)
        texts = {
            "push": self.tr("Sending changes…"),
            "pull": self.tr("Receiving changes from other laptops…"),
        }
        self.phase_label.setText(texts.get(phase, ""))

    def _sync_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        if self._phase == "push":
            self.progress.setFormat(
                self.tr("%1 of %2 changes sent")
                .replace("%1", _number(done))
                .replace("%2", _number(total))
            )
        else:
            self.progress.setFormat("%v / %m")

    def _sync_ended(self) -> None:
        self.progress.hide()
        self.progress.setFormat("%p%")
        self.phase_label.hide()
        self._phase = ""
        self._update_buttons()
        self.reload()
        self.changed.emit()

    def _sync_finished(self, result: SyncResult) -> None:
        self._sync_ended()
        self.result.show_ok(self.describe_result(result))

    def _sync_failed(self, message: str, transient: bool) -> None:
        self._sync_ended()
        if transient:
            self.result.show_error(
                self.tr("Could not reach the server — your data is still safe on this laptop.")
                + " "
                + self.tr("Tận Tay will try again by itself.")
            )
            self.result.setToolTip(message)
        else:
            self.result.show_error(message)
            self.result.setToolTip("")

    def _sync_cancelled(self) -> None:
        self._sync_ended()
        self.result.show_ok(
            self.tr(
                "Sync cancelled. What the server had confirmed stays confirmed; the rest will be "
                "sent next time."
            )
        )

    def describe_result(self, result: SyncResult) -> str:
        """One round in plain words: sent, received, conflicts, refused."""
        pushed, pulled = result.pushed or {}, result.pulled or {}
        sent = pushed.get("accepted", 0) + pushed.get("duplicate", 0)
        received = pulled.get("applied", 0)
        refused = pushed.get("rejected", 0)
        text = (
            self.tr("Sync finished: sent %1, received %2, refused %3.")
            .replace("%1", _number(sent))
            .replace("%2", _number(received))
            .replace("%3", _number(refused))
        )
        # what waits, not what this round made: a round after the automatic one found nothing
        # new and said "xung đột 0" above five waiting conflicts (the fourteenth tryout)
        if result.open_conflicts:
            text += " " + self.tr(
                "Conflicts waiting for the team lead's decision (below): %1."
            ).replace("%1", _number(result.open_conflicts))
        if result.pending_after:
            text += " " + self.tr("Changes still waiting: %1.").replace(
                "%1", _number(result.pending_after)
            )
        return text

    # --- after a write --------------------------------------------------------------------------

    def _after_write(self) -> None:
        self.reload()
        self.changed.emit()
        if self.overview and self.overview["enrolled"]:
            self.worker.sync_now()

    # --- conflicts -----------------------------------------------------------------------------

    def _conflict(self, conflict_id: int) -> dict | None:
        for c in (self.overview or {}).get("conflicts") or []:
            if c["id"] == conflict_id:
                return c
        return None

    def select_conflict(self, conflict_id: int, *, add: bool = False) -> None:
        """Select a conflict's row (tests, keyboard); ``add`` keeps the rows already selected."""
        table = self.conflict_table
        for r in range(table.rowCount()):
            if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == conflict_id:
                flags = QItemSelectionModel.SelectionFlag.Rows | (
                    QItemSelectionModel.SelectionFlag.Select
                    if add
                    else QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                table.selectionModel().select(table.model().index(r, 0), flags)
                return

    def resolve_selected(self, choice: str, value=None) -> None:
        """Decide the selected conflicts (team lead), each the same way; every decision is a new
        change that syncs."""
        ids = self._selected_ids(self.conflict_table)
        if not ids:
            return
        if value is not None:
            ids = ids[:1]  # an edited value is for one conflict
        for b in (self.keep_local_button, self.take_incoming_button, self.edit_button):
            b.setEnabled(False)

        def fn(store):
            for conflict_id in ids:
                store.resolve_conflict(conflict_id, choice, value)
            return len(ids)

        self._ops.run(fn, lambda _n: self._resolved(), self._resolve_failed)

    def _resolved(self) -> None:
        self.conflict_message.show_ok(
            self.tr("Decision saved. It is sent to the city server with the next sync.")
        )
        self._after_write()

    def _resolve_failed(self, exc: BaseException) -> None:
        self.conflict_message.show_error(self._error_text(exc))
        self.reload()

    def _edit_selected(self) -> None:
        conflict_id = self._selected(self.conflict_table)
        conflict = self._conflict(conflict_id) if conflict_id is not None else None
        if conflict is None or not _editable(conflict):
            return
        start = conflict["local_value"]
        start_text = "" if start is None else str(start)
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Enter the right value"))
        dialog.setLabelText(self._field_name(conflict["field"]))
        if conflict["field"] in ("notes", "note") or any(
            "\n" in str(v or "") for v in (start, conflict["incoming_value"])
        ):  # a note of several lines in a box of several lines (the eleventh tryout)
            dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setTextValue(start_text)
        # wide enough for its title and a sentence (the thirteenth tryout: "Nhập g…ị đúng",
        # and the typed text scrolled out of a narrow field)
        dialog.resize(
            max(dialog.sizeHint().width(), self.fontMetrics().averageCharWidth() * 60),
            dialog.sizeHint().height(),
        )
        ok = dialog.exec() == QInputDialog.DialogCode.Accepted
        text = dialog.textValue()
        if ok:
            value = text.strip()
            if isinstance(conflict["local_value"] or conflict["incoming_value"], int):
                try:
                    value = int(value)
                except ValueError:
                    self.conflict_message.show_error(self.tr("Enter a whole number."))
                    return
            self.resolve_selected("edited", value)

    # --- USB bundles ---------------------------------------------------------------------------

    def refresh_destinations(self) -> None:
        """Look again for USB sticks (mounted volumes that look removable)."""
        self._destinations = removable_destinations()
        self._fill_destination_combo()

    def _look_for_sticks(self) -> None:
        """The button: look again, and say what was found (the eleventh tryout: with no stick
        the button did nothing visible)."""
        self.refresh_destinations()
        if self._destinations:
            self.usb_message.show_ok(
                self.tr("USB sticks found: %1.").replace(
                    "%1", ", ".join(name for _root, name in self._destinations)
                )
            )
        else:
            self.usb_message.show_error(
                self.tr(
                    "No USB stick found. Plug one in and press “Look for USB sticks” again, "
                    "or choose a folder in the list."
                )
            )

    def _fill_destination_combo(self) -> None:
        current = self.destination.currentData()
        self.destination.blockSignals(True)
        self.destination.clear()
        for root, name in self._destinations:
            self.destination.addItem(
                self.tr("USB: %1 (%2)").replace("%1", name).replace("%2", root), root
            )
        self.destination.addItem(self.tr("Choose a folder…"), "")
        index = self.destination.findData(current) if current else -1
        self.destination.setCurrentIndex(max(index, 0))
        self.destination.blockSignals(False)

    def _export_clicked(self) -> None:
        folder = self.destination.currentData()
        if not folder:
            folder = file_dialogs.existing_directory(self, self.tr("Where to write the file"))
        if folder:
            self.export_to(folder)

    def _reexport_clicked(self) -> None:
        path = self._selected(self.bundles_table)
        if not path and self.bundles_table.rowCount():
            path = self.bundles_table.item(self.bundles_table.rowCount() - 1, 0).data(
                Qt.ItemDataRole.UserRole
            )
        if not path:
            return
        folder = str(Path(path).parent)
        if not Path(folder).is_dir():
            folder = file_dialogs.existing_directory(self, self.tr("Where to write the file"))
        if folder:
            self.export_to(folder)

    def export_to(self, folder: str | Path) -> None:
        """Write a bundle into ``folder`` on the sync thread, with progress and Cancel."""
        if bundlemod is None or self._export_job is not None:
            return
        folder = str(folder)
        self.usb_message.clear_message()
        self.export_progress.setRange(0, 0)
        self.export_progress.show()
        self.export_cancel.show()
        self._export_job = -1
        self._show_tables()
        self._update_buttons()

        def job(ctx: SyncContext):
            ctx.phase("export")
            return bundlemod.export_bundle(ctx.store, folder, ctx.progress, ctx.cancelled)

        self._export_job = self.worker.run(
            job, self._exported, self._export_failed, self._export_progress
        )

    def cancel_export(self) -> None:
        """Cancel the export; no file and no log entry are left."""
        if self._export_job is not None and self._export_job > 0:
            self.worker.cancel(self._export_job)

    def _export_progress(self, done: int, total: int) -> None:
        self.export_progress.setRange(0, max(total, 1))
        self.export_progress.setValue(min(done, max(total, 1)))

    def _export_ended(self) -> None:
        self._export_job = None
        self.export_progress.hide()
        self.export_cancel.hide()
        self.reload()
        self.changed.emit()

    def _exported(self, path: Path) -> None:
        self._export_ended()
        self.last_export = Path(path)
        self.usb_message.show_ok(
            self.tr(
                "Written: %1. Take it to the city server; bring back the receipt file and "
                "import it here."
            ).replace("%1", str(path))
        )

    def _export_failed(self, exc: BaseException) -> None:
        self._export_ended()
        if isinstance(exc, Cancelled) or getattr(exc, "code", "") == "cancelled":
            self.usb_message.show_ok(self.tr("Export cancelled. No file was written."))
            return
        self.usb_message.show_error(self._error_text(exc))

    def _import_clicked(self) -> None:
        start = self.destination.currentData() or ""
        path, _ = file_dialogs.open_file_name(
            self,
            self.tr("Receipt file from the city server"),
            start,
            self.tr("Tận Tay bundles (*.ttb);;All files (*)"),
        )
        if path:
            self.import_receipt_file(path)

    def import_receipt_file(self, path: str | Path) -> None:
        """Import a receipt bundle on the sync thread and say what happened."""
        if bundlemod is None:
            return
        self.usb_message.show_ok(self.tr("Reading the receipt…"))
        self.import_button.setEnabled(False)
        self.worker.run(
            lambda ctx: bundlemod.import_receipt(ctx.store, path),
            self._receipt_imported,
            self._receipt_failed,
        )

    def _receipt_imported(self, summary: dict) -> None:
        self.import_button.setEnabled(True)
        self.last_receipt = summary
        self.usb_message.show_ok(self.describe_receipt(summary))
        self.reload()
        self.changed.emit()

    def _receipt_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.usb_message.show_error(self._error_text(exc))

    def describe_receipt(self, summary: dict) -> str:
        """A receipt import in plain words."""
        if summary.get("duplicate"):
            return self.tr("This receipt was imported before; nothing changed.")
        delivered = summary.get("delivered") or {}
        incoming = summary.get("incoming") or {}
        confirmed = delivered.get("accepted", 0) + delivered.get("duplicate", 0)
        text = (
            self.tr(
                "Receipt imported: the server confirmed %1 changes, received %2 from other "
                "laptops, refused %3."
            )
            .replace("%1", _number(confirmed))
            .replace("%2", _number(incoming.get("applied", 0)))
            .replace("%3", _number(delivered.get("rejected", 0)))
        )
        if summary.get("open_conflicts"):  # what waits, as a sync round says it
            text += " " + self.tr(
                "Conflicts waiting for the team lead's decision (below): %1."
            ).replace("%1", _number(summary["open_conflicts"]))
        if summary.get("pending_after"):
            text += " " + self.tr("Changes still waiting: %1.").replace(
                "%1", _number(summary["pending_after"])
            )
        if summary.get("more_to_pull"):
            text += " " + self.tr(
                "The server has more to send: sync again or carry another bundle."
            )
        return text

    # --- small helpers -------------------------------------------------------------------------

    @staticmethod
    def _selected(table: QTableWidget):
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        item = table.item(rows[0].row(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    @staticmethod
    def _selected_ids(table: QTableWidget) -> list:
        """The ids of every selected row, top to bottom."""
        rows = sorted(index.row() for index in table.selectionModel().selectedRows())
        items = [table.item(r, 0) for r in rows]
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item is not None]


def _code_labels(field: str) -> dict[str, str] | None:
    """Words for a coded field (relationship, sex …), as the household screens show them."""
    makers = {
        "relationship": households.relationship_labels,
        "sex": households.sex_labels,
        "card_type": households.card_type_labels,
        "vulnerabilities": households.vulnerability_labels,
        "outcome": households.outcome_labels,
        "purposes": households.purpose_labels,
        "kind": households.assistance_kind_labels,
        "withdrawn_by": withdrawn_by_labels,
        "channel": channel_labels,
        "barriers": barrier_labels,
    }
    maker = makers.get(field)
    return maker() if maker else None


def _editable(conflict: dict) -> bool:
    if _code_labels(conflict["field"]):
        return False  # a code: choose one of the two sides
    values = [conflict["local_value"], conflict["incoming_value"]]
    return conflict["field"] != "deleted" and all(
        v is None or (isinstance(v, str | int) and not isinstance(v, bool)) for v in values
    )


def _number(n: int) -> str:
    from desktop_app.ui.widgets import format_count

    return format_count(n)  # 5.592 in Vietnamese, 5,592 in English
