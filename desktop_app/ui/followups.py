"""Follow-ups due: overdue, today and this week, for the villages of the person logged in.

``store.follow_ups`` does the scoping (a volunteer assigned to villages sees only theirs).
"""

from __future__ import annotations

import logging
from datetime import date

from desktop_app.ui.households import (
    OVERDUE_COLOUR,
    format_date,
    household_address,
    parse_iso_date,
)
from desktop_app.ui.qt import (
    QAbstractItemView,
    QBrush,
    QElapsedTimer,
    QEvent,
    QFont,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QPalette,
    QPushButton,
    QShortcut,
    Qt,
    QTimer,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import flow_row, format_count

log = logging.getLogger(__name__)

SECTIONS = ("overdue", "today", "week")
UNDO_SECONDS = 15  # how long "Hoàn tác" (and Ctrl+Z) can take a "Done" back
VisitRole = Qt.ItemDataRole.UserRole
HouseholdRole = Qt.ItemDataRole.UserRole + 1


class FollowUpsView(QWidget):
    """Three sections of follow-ups; "Done" removes a row, double-click opens the household."""

    household_opened = Signal(str)

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._data: dict[str, list] = {s: [] for s in SECTIONS}
        self._loaded = False
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.activate)
        self.done_button = QPushButton(self)
        self.done_button.clicked.connect(self.complete_selected)
        self.summary = QLabel(self)
        self.title.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(flow_row(self.done_button, self.refresh_button), 0, Qt.AlignmentFlag.AlignTop)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(6)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        grow = max(1.0, self.fontMetrics().height() / 17)  # wider at larger text sizes
        for col, width in ((0, 210), (1, 250), (2, 190), (3, 190)):
            header.resizeSection(col, int(width * grow))
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(int(90 * grow))
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setProperty("role", "empty")
        self.empty_label.setVisible(False)
        self._sections: dict[str, QTreeWidgetItem] = {}
        self._items: dict[str, QTreeWidgetItem] = {}
        self._completing: set[str] = set()
        # Undo of the last "Done" (issue 19): a bar with the name and "Hoàn tác", and Ctrl+Z,
        # for UNDO_SECONDS; the store call reopens the follow-up.
        self._undo: dict | None = None
        self._undo_clock = QElapsedTimer()
        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("undoBar")
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_label = QLabel(self.undo_bar)
        self.undo_label.setWordWrap(True)
        self.undo_button = QPushButton(self.undo_bar)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.undo_last)
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(10, 6, 10, 6)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self.expire_undo)
        self.undo_shortcut = QShortcut(QKeySequence.StandardKey.Undo, self)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_shortcut.activated.connect(self.undo_last)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.undo_bar)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.empty_label)
        self.retranslateUi()

    # --- the shell's interface ---

    def activate(self) -> None:
        """Load or refresh the follow-ups."""
        today = date.today()
        self._ops.run(lambda store: store.follow_ups(today), self._show, key="follow-ups")

    # --- reading ---

    def rows(self, section: str) -> list[dict]:
        """The follow-ups listed in a section ("overdue", "today", "week")."""
        return list(self._data.get(section, []))

    def complete(self, visit_id: str) -> None:
        """Mark a follow-up done; its row disappears."""
        if visit_id in self._completing:
            return
        self._completing.add(visit_id)

        def failed(exc):
            self._completing.discard(visit_id)
            self._ops.show_error(exc, self)

        row = next((r for s in SECTIONS for r in self._data[s] if r["visit_id"] == visit_id), {})

        def done(_result):
            self._completing.discard(visit_id)
            self._remove(visit_id)
            self._offer_undo(visit_id, row.get("head_name") or "")

        self._ops.run(lambda store: store.complete_follow_up(visit_id), done, failed)

    # --- undo ---

    def _offer_undo(self, visit_id: str, name: str) -> None:
        self._undo = {"visit_id": visit_id, "name": name}
        self._undo_clock.start()
        self._undo_timer.start(UNDO_SECONDS * 1000)
        self._show_undo_text()
        self.undo_bar.setVisible(True)

    def _show_undo_text(self) -> None:
        if self._undo is None:
            return
        self.undo_label.setText(
            self.tr("Follow-up of %1 marked done. Changed your mind? Undo (Ctrl+Z) within %2 s.")
            .replace("%1", self._undo["name"] or "—")
            .replace("%2", str(UNDO_SECONDS))
        )

    def undo_seconds_left(self) -> int:
        """Seconds left to undo the last "Done" (0 when there is nothing to undo)."""
        if self._undo is None or not self._undo_timer.isActive():
            return 0
        return max(0, self._undo_timer.remainingTime() // 1000)

    def expire_undo(self) -> None:
        """The undo offer ends: the "Done" stays."""
        self._undo = None
        self._undo_timer.stop()
        self.undo_bar.setVisible(False)

    def undo_last(self) -> None:
        """Take the last "Done" back: the follow-up is due again (store ``reopen_follow_up``)."""
        undo = self._undo
        if undo is None:
            return
        self.expire_undo()
        visit_id = undo["visit_id"]

        def done(_result):
            self.activate()

        self._ops.run(
            lambda store: store.reopen_follow_up(visit_id),
            done,
            lambda exc: self._ops.show_error(exc, self),
        )

    def complete_selected(self) -> None:
        """Mark the selected follow-up done."""
        item = self.tree.currentItem()
        vid = item.data(0, VisitRole) if item is not None else None
        if vid:
            self.complete(vid)

    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 5 and item.data(0, VisitRole):
            self.complete(item.data(0, VisitRole))

    def _update_buttons(self) -> None:
        item = self.tree.currentItem()
        self.done_button.setEnabled(bool(item is not None and item.data(0, VisitRole)))

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Ctrl+D marks the selected follow-up done."""
        if event.key() == Qt.Key.Key_D and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.complete_selected()
            return
        super().keyPressEvent(event)

    def _remove(self, visit_id: str) -> None:
        for section in SECTIONS:
            self._data[section] = [r for r in self._data[section] if r["visit_id"] != visit_id]
        item = self._items.pop(visit_id, None)
        if item is None or item.parent() is None:
            self._render()
            return
        item.parent().removeChild(item)
        self._update_titles()

    def _update_titles(self) -> None:
        titles = self._section_titles()
        for section, head in self._sections.items():
            head.setText(0, f"{titles[section]} ({self._count(self._data[section])})")
        total = sum(len(self._data[s]) for s in SECTIONS)
        self.summary.setText(
            self.tr("%n follow-up(s) due this week", "", total) if self._loaded else ""
        )
        empty = self._loaded and total == 0
        self.empty_label.setVisible(empty)
        self.tree.setVisible(not empty)
        self._update_buttons()

    def _show(self, data: dict) -> None:
        self._data = {s: list(data.get(s) or []) for s in SECTIONS}
        self._loaded = True
        self._render()

    def _render(self) -> None:
        self.tree.clear()
        self._sections.clear()
        self._items.clear()
        titles = self._section_titles()
        today = date.today()
        bold = QFont(self.font())
        bold.setBold(True)
        for section in SECTIONS:
            rows = self._data[section]
            head = QTreeWidgetItem(self.tree)
            head.setText(0, f"{titles[section]} ({self._count(rows)})")
            head.setFirstColumnSpanned(True)
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if section == "overdue" and rows:
                head.setForeground(0, QBrush(OVERDUE_COLOUR))
            self._sections[section] = head
            for r in rows:
                item = QTreeWidgetItem(head)
                due = parse_iso_date(r.get("follow_up_on"))
                due_text = format_date(r.get("follow_up_on"))
                if due and section == "overdue":
                    days = (today - due).days
                    due_text += " " + self.tr("(%n day(s) late)", "", days)
                values = [
                    r.get("head_name") or "",
                    household_address(r),
                    r.get("village") or "",
                    due_text,
                    (r.get("notes") or "").replace("\n", " "),
                ]
                for col, text in enumerate(values):
                    item.setText(col, text)
                    item.setToolTip(col, text)
                if section == "overdue":
                    item.setForeground(3, QBrush(OVERDUE_COLOUR))
                item.setData(0, VisitRole, r["visit_id"])
                item.setData(0, HouseholdRole, r["household_id"])
                item.setText(5, self.tr("✓ Done"))
                item.setToolTip(5, self.tr("Mark this follow-up done"))
                item.setForeground(5, QBrush(self.palette().color(QPalette.ColorRole.Link)))
                item.setFont(5, bold)
                item.setTextAlignment(5, Qt.AlignmentFlag.AlignCenter)
                self._items[r["visit_id"]] = item
            head.setExpanded(True)
        self._update_titles()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hid = item.data(0, HouseholdRole)
        if hid:
            self.household_opened.emit(hid)

    def _count(self, rows: list) -> str:
        """A section's count: "…" until the list has arrived (not a "0" that is not true)."""
        return format_count(len(rows)) if self._loaded else "…"

    def _section_titles(self) -> dict[str, str]:
        return {
            "overdue": self.tr("Overdue"),
            "today": self.tr("Today"),
            "week": self.tr("This week"),
        }

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Set every visible text in the current language."""
        self.title.setText(self.tr("Follow-ups"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.done_button.setText(self.tr("Mark done (Ctrl+D)"))
        self.undo_button.setText(self.tr("Undo (Ctrl+Z)"))
        self._show_undo_text()
        self.tree.setHeaderLabels(
            [
                self.tr("Head of household"),
                self.tr("Address"),
                self.tr("Village / group"),
                self.tr("Due"),
                self.tr("Note"),
                "",
            ]
        )
        self.tree.setAccessibleName(self.tr("Follow-ups due"))
        self.empty_label.setText(self.tr("No follow-ups due this week."))
        self._render()
