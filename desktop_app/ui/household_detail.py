"""One household: who lives there, how to reach them, what was done and what is still open."""

from __future__ import annotations

import html
import logging
from datetime import date

from desktop_app.core.citizen_id import mask_citizen_id
from desktop_app.ui.consent_dialog import consent_marker
from desktop_app.ui.households import (
    ERROR_COLOUR,
    assistance_kind_labels,
    assistance_status_labels,
    format_date,
    format_datetime,
    label_of,
    outcome_labels,
    parse_iso_date,
    phone_text,
    purpose_labels,
    relationship_labels,
    sex_labels,
    vulnerability_labels,
)
from desktop_app.ui.qt import (
    QAbstractItemView,
    QEvent,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.style import MUTED
from desktop_app.ui.widgets import flow_row

log = logging.getLogger(__name__)

_CARD_STYLE = (
    "#%s { background: palette(base); border: 1px solid palette(midlight); border-radius: 6px; }"
)


def _section_title(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", "section")
    return label


class HouseholdDetailView(QWidget):
    """A household's header, members, open help items, benefits and visit timeline."""

    back_requested = Signal()
    changed = Signal()

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._household_id: str | None = None
        self._household: dict | None = None
        self._can_reveal = False
        self._can_remove = False  # the team lead: a person entered by mistake
        self._revealed: dict[str, str] = {}
        self._dialog = None

        # header
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.back_requested)
        self.name_label = QLabel(self)
        self.name_label.setProperty("role", "heading")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(self)
        self.add_person_button = QPushButton(self)
        self.edit_person_button = QPushButton(self)
        self.consent_button = QPushButton(self)  # consent_dialog.py
        self.consent_button.setObjectName("consentButton")
        self.consent_button.clicked.connect(self.edit_consent)
        self.visit_button = QPushButton(self)
        self.visit_button.setDefault(True)
        self.edit_button.clicked.connect(self.edit_household)
        self.add_person_button.clicked.connect(self.add_person)
        self.edit_person_button.clicked.connect(self.edit_person)
        self.visit_button.clicked.connect(self.new_visit)
        self.name_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.name_label, 1, Qt.AlignmentFlag.AlignTop)
        # the actions wrap to a second row rather than cut their text at large text sizes
        self.actions_row = flow_row(
            self.edit_button,
            self.add_person_button,
            self.edit_person_button,
            self.consent_button,
            self.visit_button,
        )
        top.addWidget(self.actions_row, 1, Qt.AlignmentFlag.AlignTop)

        self.info_label = QLabel(self)
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.RichText)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # left column: members, open help, benefits
        left = QWidget(self)
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 6, 0)
        self.members_title = _section_title(left)
        self.members = QTableWidget(0, 7, left)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.verticalHeader().setVisible(False)
        self.members.setWordWrap(False)
        self.members.setTabKeyNavigation(False)
        header = self.members.horizontalHeader()
        # every column as wide as its content, the name first and whole; the table scrolls
        # sideways at large text sizes rather than squeeze the name to nothing
        for col in range(7):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.members.doubleClicked.connect(lambda _i: self.edit_person())
        self.members.itemSelectionChanged.connect(self._update_buttons)
        self.assistance_title = _section_title(left)
        self.assistance_box = QWidget(left)
        self.assistance_lay = QVBoxLayout(self.assistance_box)
        self.assistance_lay.setContentsMargins(0, 0, 0, 0)
        self.assistance_lay.setSpacing(4)
        self.benefits_title = _section_title(left)
        from desktop_app.ui.benefits_panel import BenefitsPanel

        self.benefits_panel = BenefitsPanel(ops, left)
        self.benefits_panel.changed.connect(self.changed)
        left_lay.addWidget(self.members_title)
        left_lay.addWidget(self.members, 2)
        left_lay.addWidget(self.assistance_title)
        left_lay.addWidget(self.assistance_box)
        left_lay.addWidget(self.benefits_title)
        left_lay.addWidget(self.benefits_panel)
        left_lay.addStretch(1)

        # right column: visit timeline
        right = QWidget(self)
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(6, 0, 0, 0)
        self.visits_title = _section_title(right)
        self.timeline = QWidget()
        self.timeline_lay = QVBoxLayout(self.timeline)
        self.timeline_lay.setContentsMargins(0, 0, 4, 0)
        self.timeline_lay.setSpacing(8)
        self.timeline_scroll = QScrollArea(right)
        self.timeline_scroll.setWidgetResizable(True)
        self.timeline_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.timeline_scroll.setWidget(self.timeline)
        right_lay.addWidget(self.visits_title)
        right_lay.addWidget(self.timeline_scroll, 1)

        # the left column scrolls (up and down only) when larger text makes it taller than the
        # window, so the benefit buttons at its bottom stay reachable
        self.members.setMinimumHeight(150)
        left_scroll = QScrollArea(self)
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setWidget(left)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left_scroll)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._sized = False
        self._user_split = False  # once a person drags the divider, it stays where they put it
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_user_split", True))
        self.splitter.setChildrenCollapsible(False)

        self.status_label = QLabel(self)
        self.status_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.status_label.setVisible(False)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.addLayout(top)
        lay.addWidget(self.info_label)
        lay.addWidget(self.status_label)
        lay.addWidget(self.splitter, 1)
        self.retranslateUi()
        self._update_buttons()

    # --- the shell's interface ---

    @property
    def household_id(self) -> str | None:
        """The household shown."""
        return self._household_id

    def show_household(self, household_id: str) -> None:
        """Load and show a household."""
        if household_id != self._household_id:
            self._revealed.clear()
            self._household = None
        self._household_id = household_id

        def fn(store):
            return {
                "household": store.household(household_id),
                "can_reveal": store.can("reveal_citizen_id"),
                "can_remove": store.can("remove_mistake"),
            }

        self._ops.run(fn, lambda r: self._show(household_id, r), key="household-detail")

    def reload(self) -> None:
        """Load the shown household again."""
        if self._household_id:
            self.show_household(self._household_id)

    def new_visit(self) -> None:
        """Open the visit form for this household (Ctrl+N)."""
        if not self._household_id:
            return
        from desktop_app.ui.visit_form import VisitForm

        form = VisitForm(self._ops, self._household_id, self)
        form.saved.connect(self._after_change)
        form.finished.connect(form.deleteLater)
        self._dialog = form
        form.open()

    def edit_household(self) -> None:
        """Edit the address, landmark, phones and notes."""
        if not self._household:
            return
        from desktop_app.ui.household_dialog import HouseholdDialog

        dialog = HouseholdDialog(self._ops, self._household, self)
        dialog.saved.connect(self._after_change)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def add_person(self) -> None:
        """Add a member."""
        if not self._household_id:
            return
        from desktop_app.ui.household_dialog import PersonDialog

        dialog = PersonDialog(self._ops, self._household_id, None, self)
        dialog.saved.connect(self._after_change)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def edit_person(self) -> None:
        """Edit the selected member (or the head when none is selected)."""
        person = self.selected_person()
        if person is None or not self._household_id:
            return
        from desktop_app.ui.household_dialog import PersonDialog

        dialog = PersonDialog(
            self._ops, self._household_id, person, self, can_remove=self._can_remove
        )
        dialog.saved.connect(self._after_change)
        dialog.removed.connect(self._after_change)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def edit_consent(self) -> None:
        """Record or withdraw the selected member's consent."""
        person = self.selected_person()
        if person is None:
            return
        from desktop_app.ui.consent_dialog import ConsentDialog

        dialog = ConsentDialog(self._ops, person, self)
        dialog.saved.connect(self._after_change)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def forget_revealed(self) -> None:
        """Mask revealed ID numbers again (another person logged in)."""
        self._revealed.clear()
        self.reload()

    def selected_person(self) -> dict | None:
        """The member selected in the table, or the first (the head)."""
        members = (self._household or {}).get("members") or []
        if not members:
            return None
        row = self.members.currentRow()
        return members[row] if 0 <= row < len(members) else members[0]

    def complete_assistance(self, assistance_id: str) -> None:
        """Mark an open help item done."""

        def fn(store):
            return store.update_assistance(assistance_id, {"status": "done"})

        self._ops.run(fn, lambda _r: self._after_change())

    def reveal(self, person_id: str) -> None:
        """Show a member's full ID number (officers and team leads; the store audits it)."""

        def done(number):
            self._revealed[person_id] = number or ""
            if self._household:
                self._fill_members(self._household)

        self._ops.run(lambda store: store.reveal_citizen_id(person_id), done)

    # --- showing ---

    def _after_change(self, *_args) -> None:
        self.reload()
        self.changed.emit()

    def _show(self, household_id: str, result: dict) -> None:
        if household_id != self._household_id:
            return
        h = result["household"]
        self._household = h
        self._can_reveal = bool(result.get("can_reveal"))
        self._can_remove = bool(result.get("can_remove"))
        members = h.get("members") or []
        head = next((m for m in members if m["id"] == h.get("head_person_id")), None)
        self.name_label.setText((head or {}).get("full_name") or self.tr("(no head recorded)"))
        self._fill_info(h)
        self._fill_members(h)
        self._fill_assistance(h)
        self._fill_timeline(h)
        self.benefits_panel.show_household(h)
        self._update_buttons()

    def _fill_info(self, h: dict) -> None:
        rows = []
        t_address, t_village = self.tr("Address"), self.tr("Village / group")
        t_phones, t_notes = self.tr("Phones"), self.tr("Notes")
        address = html.escape(h.get("address") or "")
        if h.get("landmark"):
            address += (" — " if address else "") + "<i>{}</i>".format(html.escape(h["landmark"]))
        rows.append(f"<b>{html.escape(t_address)}:</b> {address}")
        if h.get("village"):
            rows.append(f"<b>{html.escape(t_village)}:</b> {html.escape(h['village'])}")
        phones = []
        for p in h.get("phones") or []:
            phones.append(self._phone_text(p))
        # a person's phone without their consent never leaves this laptop (PROTOCOL "Consent"):
        # said beside it, so nobody expects the commune's other laptops or the dashboard to have
        # it (the nineteenth tryout: two laptops kept two numbers, and nothing said why)
        local = html.escape(self.tr("only on this laptop: no consent"))
        for m in h.get("members") or []:
            for p in m.get("phones") or []:
                owner = p.get("owner") or ""
                who = m.get("full_name", "") + (f", {owner}" if owner else "")
                text = self._phone_text({"number": p.get("number", ""), "owner": who})
                if consent_marker(m):
                    text += f' <span style="color: {MUTED};">— {local}</span>'
                phones.append(text)
        rows.append(
            f"<b>{html.escape(t_phones)}:</b> "
            + (" · ".join(phones) if phones else html.escape(self.tr("none recorded")))
        )
        if h.get("notes"):
            rows.append(f"<b>{html.escape(t_notes)}:</b> {html.escape(h['notes'])}")
        self.info_label.setText("<br>".join(rows))

    @staticmethod
    def _phone_text(p: dict) -> str:
        return html.escape(phone_text(p))

    def _fill_members(self, h: dict) -> None:
        members = h.get("members") or []
        current = self.members.currentRow()
        self.members.setRowCount(len(members))
        rels, sexes, tags = relationship_labels(), sex_labels(), vulnerability_labels()
        for row, m in enumerate(members):
            age = m.get("age")
            born = (
                format_date(m["birth_date"])
                if m.get("birth_date")
                else str(m.get("birth_year") or "")
            )
            age_text = (
                self.tr("%1 (born %2)").replace("%1", str(age)).replace("%2", born)
                if age is not None
                else ""
            )
            # Masked by default for every role: a full number is shown only through the audited
            # reveal (the store masks for volunteers; for officers and team leads we mask here).
            cid = self._revealed.get(m["id"]) or mask_citizen_id(m.get("citizen_id")) or ""
            marker = consent_marker(m)  # without consent: shown on the member's row
            values = [
                (m.get("full_name") or "") + (f" ({marker})" if marker else ""),
                age_text,
                label_of(sexes, m.get("sex")),
                label_of(rels, m.get("relationship")),
                ", ".join(tags.get(t, t) for t in m.get("vulnerabilities") or []),
                cid,
            ]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.members.setItem(row, col, item)
            self.members.removeCellWidget(row, 6)
            if self._can_reveal and m.get("citizen_id") and m["id"] not in self._revealed:
                button = QPushButton(self.tr("Show full number"))
                button.setAccessibleName(
                    self.tr("Show the full ID number of %1").replace("%1", m.get("full_name") or "")
                )
                button.clicked.connect(lambda _c=False, pid=m["id"]: self.reveal(pid))
                self.members.setCellWidget(row, 6, button)
            else:
                self.members.setItem(row, 6, QTableWidgetItem(""))
        self.members.setColumnHidden(6, not self._can_reveal)
        # the last column stretches to the table's edge, except the reveal button's (the
        # nineteenth tryout: "Hiện số đầy đủ" spread over half the table)
        self.members.horizontalHeader().setStretchLastSection(not self._can_reveal)
        # a column sized to its contents does not count a button in it: the reveal button was
        # cut to its first letter (the thirteenth tryout, a team lead at 100 %)
        buttons = [self.members.cellWidget(r, 6) for r in range(self.members.rowCount())]
        widths = [b.sizeHint().width() for b in buttons if b is not None]
        header = self.members.horizontalHeader()
        if widths:
            header.setSectionResizeMode(6, QHeaderView.ResizeMode.Fixed)
            self.members.setColumnWidth(6, max(widths) + 4)
            # and rows as tall as the button (the seventeenth tryout: it stood out of its row
            # and covered half of the next one)
            tall = max(b.sizeHint().height() for b in buttons if b is not None) + 2
            for r in range(self.members.rowCount()):
                if self.members.rowHeight(r) < tall:
                    self.members.setRowHeight(r, tall)
        else:
            header.setSectionResizeMode(6, QHeaderView.ResizeMode.ResizeToContents)
        if members:
            self.members.selectRow(min(max(current, 0), len(members) - 1))
        # Show every member without an inner scroll (up to eight): the header, the rows, the
        # frame and room for the horizontal scroll bar when the columns are wider than the pane.
        height = self.members.horizontalHeader().sizeHint().height()
        height += 2 * self.members.frameWidth()
        height += self.members.horizontalScrollBar().sizeHint().height()
        for row in range(min(len(members), 8)):
            height += self.members.rowHeight(row)
        self.members.setMinimumHeight(height)
        self.members.setMaximumHeight(max(height, 120))
        self._split()

    def _split(self) -> None:
        """Three fifths of the width for the members, more when their columns need it (the
        fifteenth tryout: at 100 % the ID number was cut and the table scrolled sideways), as
        long as the visits keep about 30 characters' width."""
        if self._user_split or not self._sized:
            return
        total = self.splitter.width() or self.width()
        table = self.members
        need = table.horizontalHeader().length() + 2 * table.frameWidth()
        need += table.verticalScrollBar().sizeHint().width() + 8  # the pane's margin
        visits = 30 * self.fontMetrics().averageCharWidth()
        left = max(total * 3 // 5, min(need, total - visits))
        if abs(self.splitter.sizes()[0] - left) > 2:
            self.splitter.setSizes([left, total - left])  # (emits no splitterMoved)

    def _fill_assistance(self, h: dict) -> None:
        while self.assistance_lay.count():
            w = self.assistance_lay.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        names = {m["id"]: m.get("full_name") or "" for m in h.get("members") or []}
        kinds = assistance_kind_labels()
        open_items = [a for a in h.get("assistance") or [] if a.get("status") == "open"]
        self.assistance_buttons: dict[str, QPushButton] = {}
        if not open_items:
            empty = QLabel(self.tr("Nothing open."), self.assistance_box)
            empty.setStyleSheet("color: palette(mid);")
            self.assistance_lay.addWidget(empty)
            return
        today = date.today()
        for a in open_items:
            row = QFrame(self.assistance_box)
            row_lay = QHBoxLayout(row)
            row_lay.setContentsMargins(0, 0, 0, 0)
            text = label_of(kinds, a.get("kind"))
            if a.get("person_id") in names:
                text += " — " + names[a["person_id"]]
            due = parse_iso_date(a.get("due_on"))
            label = QLabel(row)
            label.setWordWrap(True)
            if due:
                due_text = self.tr("due %1").replace("%1", format_date(a["due_on"]))
                if today and due < today:
                    due_text = (
                        f"<span style='color:{ERROR_COLOUR}'><b>{html.escape(due_text)}</b></span>"
                    )
                else:
                    due_text = html.escape(due_text)
                label.setText(f"{html.escape(text)} · {due_text}")
            else:
                label.setText(html.escape(text))
            if a.get("text"):
                label.setToolTip(a["text"])
            done = QPushButton(self.tr("Done"), row)
            done.setAccessibleName(self.tr("Mark “%1” done").replace("%1", text))
            done.clicked.connect(lambda _c=False, aid=a["id"]: self.complete_assistance(aid))
            self.assistance_buttons[a["id"]] = done
            row_lay.addWidget(label, 1)
            row_lay.addWidget(done)
            self.assistance_lay.addWidget(row)

    def _fill_timeline(self, h: dict) -> None:
        while self.timeline_lay.count():
            item = self.timeline_lay.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        visits = h.get("visits") or []
        self.visits_title.setText(self.tr("Visits (%1)").replace("%1", str(len(visits))))
        if not visits:
            empty = QLabel(self.tr("No visits recorded yet. Press “New visit” (Ctrl+N)."))
            empty.setWordWrap(True)
            empty.setStyleSheet("color: palette(mid);")
            self.timeline_lay.addWidget(empty)
        names = {m["id"]: m.get("full_name") or "" for m in h.get("members") or []}
        purposes, outcomes = purpose_labels(), outcome_labels()
        kinds, statuses = assistance_kind_labels(), assistance_status_labels()
        help_of: dict[str, list[dict]] = {}  # the help recorded with each visit
        for a in h.get("assistance") or []:
            if a.get("visit_id"):
                help_of.setdefault(a["visit_id"], []).append(a)
        for i, v in enumerate(visits):
            card = QFrame(self.timeline)
            card.setObjectName(f"visit{i}")
            card.setStyleSheet(_CARD_STYLE % f"visit{i}")
            lines = [
                "<b>{}</b> · {}".format(
                    html.escape(format_datetime(v.get("visited_at"))),
                    html.escape(v.get("visitor_name") or v.get("visitor") or ""),
                )
            ]
            tags = ", ".join(label_of(purposes, p) for p in v.get("purposes") or [])
            outcome = label_of(outcomes, v.get("outcome"))
            detail = " — ".join(x for x in (tags, outcome) if x)
            if detail:
                lines.append(html.escape(detail))
            present = [names[p] for p in v.get("persons_present") or [] if p in names]
            if present:
                lines.append(
                    "<span style='color:palette(mid)'>{}</span>".format(
                        html.escape(self.tr("Present: %1").replace("%1", ", ".join(present)))
                    )
                )
            # the help given: done items left the open list and were shown nowhere (the
            # eleventh tryout)
            for a in help_of.get(v["id"], []):
                who = names.get(a.get("person_id") or "", "")
                text = self.tr("Help: %1").replace("%1", label_of(kinds, a.get("kind")))
                if who:
                    text += f" ({who})"
                text += " — " + label_of(statuses, a.get("status")).lower()
                lines.append(html.escape(text))
            if v.get("notes"):
                lines.append("<i>{}</i>".format(html.escape(v["notes"])))
            if v.get("follow_up_on"):
                if v.get("follow_up_done_on"):
                    text = (
                        self.tr("Follow-up %1 — done %2")
                        .replace("%1", format_date(v["follow_up_on"]))
                        .replace("%2", format_date(v["follow_up_done_on"]))
                    )
                    lines.append(html.escape(text))
                else:
                    text = self.tr("Follow-up on %1").replace("%1", format_date(v["follow_up_on"]))
                    lines.append(f"<b>{html.escape(text)}</b>")
            label = QLabel("<br>".join(lines), card)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            card_lay = QVBoxLayout(card)
            card_lay.setContentsMargins(10, 8, 10, 8)
            card_lay.addWidget(label)
            self.timeline_lay.addWidget(card)
        self.timeline_lay.addStretch(1)

    def _update_buttons(self) -> None:
        loaded = self._household is not None
        for b in (self.edit_button, self.add_person_button, self.visit_button):
            b.setEnabled(loaded)
        self.edit_person_button.setEnabled(loaded and bool((self._household or {}).get("members")))
        self.consent_button.setEnabled(self.edit_person_button.isEnabled())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Give the visit timeline a fair share of the width the first time."""
        super().showEvent(event)
        if not self._sized and self.width() > 200:
            self._sized = True
            total = self.splitter.width() or self.width()
            self.splitter.setSizes([total * 3 // 5, total - total * 3 // 5])
            self._split()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Ctrl+N (when the shell has not bound it) opens a new visit; Esc goes back."""
        if event.matches(QKeySequence.StandardKey.New):
            self.new_visit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Set every visible text in the current language."""
        self.back_button.setText(self.tr("← Back"))
        self.back_button.setAccessibleName(self.tr("Back to the list"))
        self.edit_button.setText(self.tr("Edit household"))
        self.add_person_button.setText(self.tr("Add person"))
        self.edit_person_button.setText(self.tr("Edit person"))
        self.consent_button.setText(self.tr("Consent…"))
        self.visit_button.setText(self.tr("New visit (Ctrl+N)"))
        self.members_title.setText(self.tr("Members"))
        self.members.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Age"),
                self.tr("Sex"),
                self.tr("Relationship"),
                self.tr("Needs"),
                self.tr("ID number"),
                "",
            ]
        )
        self.members.setAccessibleName(self.tr("Members"))
        self.assistance_title.setText(self.tr("Open help items"))
        self.benefits_title.setText(self.tr("Benefits and payments"))
        if self._household is not None:
            self._show(
                self._household_id,
                {
                    "household": self._household,
                    "can_reveal": self._can_reveal,
                    "can_remove": self._can_remove,
                },
            )
        else:
            self.visits_title.setText(self.tr("Visits"))
