"""Benefits and payments on the household page: what each member receives and whether the money
of the last months actually reached them; dialogs to add a benefit and to record one month.

The household page only places ``BenefitsPanel`` and calls ``show_household``; everything else
(loading on the worker, dialogs, saving) lives here.
"""

from __future__ import annotations

import html
from datetime import date

from desktop_app.core.benefits import load_schemes, scheme_amount
from desktop_app.core.errors import KnownError, ValidationError
from desktop_app.ui.payment_common import (
    BarrierList,
    channel_labels,
    format_number,
    format_vnd,
    last_month,
    month_text,
    parse_amount,
    recent_months,
    scheme_label,
    show_date,
    to_iso_date,
    withdrawn_by_labels,
)
from desktop_app.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QIntValidator,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import MessageLabel, current_lang

STATUS_MONTHS = 3
OK_COLOUR = "#17574a"
LATE_COLOUR = "#8a5a00"
BAD_COLOUR = "#b3261e"


def _days_between(start: str | None, end: str | None) -> int | None:
    try:
        return (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days
    except (TypeError, ValueError):
        return None


class BenefitsPanel(QWidget):
    """Per member: scheme, channel, amount, and the last months' status; Add / Record buttons."""

    changed = Signal()

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("benefitsPanel")
        self._ops = ops
        self._household: dict | None = None
        self._benefits: list[dict] = []
        self._loaded = False
        self._can_write_benefit = False
        self._can_write_payment = False
        self._dialog: QDialog | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("benefitsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addBenefitButton")
        self.record_button = QPushButton(self)
        self.record_button.setObjectName("recordPaymentButton")
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("editBenefitButton")
        self.add_button.clicked.connect(self.add_benefit)
        self.edit_button.clicked.connect(self.edit_benefit)
        self.record_button.clicked.connect(self.record_payment)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.summary)
        lay.addLayout(buttons)
        self.retranslateUi()

    @property
    def benefits(self) -> list[dict]:
        """The household's benefits, each with ``full_name`` and its ``payments``."""
        return self._benefits

    def show_household(self, household: dict) -> None:
        """Load the benefits and payments of the household's members on the worker.

        The same household object again (the page re-showing itself, e.g. on a language change)
        only redraws: a reload comes with a fresh record from the store.
        """
        if household is self._household and self._loaded:
            self._render()
            return
        self._household = household
        self._loaded = False
        household_id = household.get("id")
        members = [(m["id"], m.get("full_name") or "") for m in household.get("members") or []]

        def fn(store):
            out = []
            for person_id, name in members:
                payments = store.payments_for_person(person_id)
                for b in store.benefits_for_person(person_id):
                    b = dict(b, full_name=name)
                    b["payments"] = [p for p in payments if p.get("benefit_id") == b["id"]]
                    out.append(b)
            return out, store.can("write:benefit"), store.can("write:payment")

        self._ops.run(fn, lambda r: self._arrived(household_id, r), key=f"benefits-{id(self)}")

    def reload(self) -> None:
        """Load the same household again."""
        if self._household:
            self._loaded = False
            self.show_household(self._household)

    def add_benefit(self) -> None:
        """The "Add benefit" dialog."""
        if not self._household:
            return
        dialog = BenefitDialog(self._ops, self._household.get("members") or [], self)
        self._open(dialog)

    def edit_benefit(self) -> None:
        """The "Edit benefit" dialog: amount, channel, status of one of the household's."""
        if not self._household or not self._benefits:
            return
        members = self._household.get("members") or []
        self._open(BenefitDialog(self._ops, members, self, benefits=self._benefits))

    def record_payment(self) -> None:
        """The "Record payment" dialog for one month."""
        active = [b for b in self._benefits if b.get("status", "active") != "ended"]
        if not active:
            return
        self._open(PaymentDialog(self._ops, active, self))

    def _open(self, dialog: QDialog) -> None:
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def _saved(self, *_args) -> None:
        self.reload()
        self.changed.emit()

    def _arrived(self, household_id, result) -> None:
        if not self._household or self._household.get("id") != household_id:
            return
        self._benefits, self._can_write_benefit, self._can_write_payment = result
        self._loaded = True
        self._render()

    def _render(self) -> None:
        self.add_button.setEnabled(self._household is not None and self._can_write_benefit)
        self.record_button.setEnabled(bool(self._benefits) and self._can_write_payment)
        self.edit_button.setEnabled(bool(self._benefits) and self._can_write_benefit)
        if not self._benefits:
            self.summary.setText(
                "<span style='color:#55625e'>{}</span>".format(
                    html.escape(self.tr("No benefits recorded for this household."))
                )
            )
            return
        channels, today = channel_labels(), date.today()
        current, *months = recent_months(STATUS_MONTHS + 1, today)  # the last full months
        lines = []
        for b in self._benefits:
            head = "<b>{}</b> — {} · {} · {}".format(
                html.escape(b.get("full_name") or ""),
                html.escape(scheme_label(b.get("scheme"))),
                html.escape(channels.get(b.get("channel"), b.get("channel") or "")),
                html.escape(self.tr("%1/month").replace("%1", format_vnd(b.get("monthly_amount")))),
            )
            if b.get("status") and b["status"] != "active":
                head += " <i>({})</i>".format(
                    html.escape(
                        self.tr("suspended") if b["status"] == "suspended" else self.tr("ended")
                    )
                )
            by_period = {p["period"]: p for p in b.get("payments") or []}
            # this month too once something is recorded for it (the eleventh tryout recorded
            # December's credit and saw no trace of it here)
            shown = [current, *months] if current in by_period else months
            # a month with nothing recorded after the benefit stopped is not missing data (the
            # fourteenth tryout read "chưa có số liệu" for a suspended pension's November)
            stopped = b.get("status") if b.get("status") in ("suspended", "ended") else None
            last = max(by_period, default="")
            chips = [
                self._stopped_html(m, stopped)
                if stopped and m not in by_period and m > last
                else self._status_html(m, by_period.get(m), today)
                for m in shown
            ]
            lines.append(head + "<br>" + " · ".join(chips))  # wraps at larger text sizes
        self.summary.setText("<br>".join(lines))

    def _stopped_html(self, period: str, status: str) -> str:
        """A month after the benefit stopped, with nothing recorded: said so, in grey."""
        text = self.tr("suspended") if status == "suspended" else self.tr("ended")
        month = html.escape(month_text(period))
        return f"{month}: <span style='color:#55625e'>{html.escape(text)}</span>"

    def _status_html(self, period: str, p: dict | None, today: date) -> str:
        """One month's status as coloured text."""
        month = html.escape(month_text(period))
        if p is None:
            return "{}: <span style='color:#55625e'>{}</span>".format(
                month, html.escape(self.tr("no data"))
            )
        credited, withdrawn = p.get("credited_on"), p.get("withdrawn_on")
        if withdrawn or p.get("withdrawn_by"):
            days = _days_between(credited, withdrawn)
            if days is None:
                text, colour = self.tr("received"), OK_COLOUR
            else:
                text = (
                    self.tr("received after %1 day")
                    if days == 1
                    else self.tr("received after %1 days")
                ).replace("%1", str(max(days, 0)))
                colour = OK_COLOUR if days <= 7 else LATE_COLOUR
            return f"{month}: <span style='color:{colour}'>{html.escape(text)}</span>"
        if credited:
            waited = _days_between(credited, today.isoformat()) or 0
            text = (
                self.tr("not yet (%1 day since credit)")
                if waited == 1
                else self.tr("not yet (%1 days since credit)")
            ).replace("%1", str(max(waited, 0)))
            return f"{month}: <span style='color:{BAD_COLOUR}'><b>{html.escape(text)}</b></span>"
        return "{}: <span style='color:#55625e'>{}</span>".format(
            month, html.escape(self.tr("not credited yet"))
        )

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Every visible text in the current language."""
        self.add_button.setText(self.tr("Add benefit…"))
        self.record_button.setText(self.tr("Record payment…"))
        self.edit_button.setText(self.tr("Edit benefit…"))
        self._render()


class BenefitDialog(QDialog):
    """Add a benefit: scheme and category from the dated data, amount computed (and editable),
    channel, provider, and only the last 4 digits of an account.

    Given the household's ``benefits``, it edits one of them instead (the thirteenth tryout: a
    pension's amount or channel changed and no screen could say so): the scheme stays, and the
    status, the end date and a note can be set too. The months already recorded keep the amount
    and the channel they were received with.
    """

    saved = Signal(dict)

    def __init__(
        self,
        ops,
        members: list[dict],
        parent: QWidget | None = None,
        *,
        benefits: list[dict] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("benefitDialog")
        self._ops = ops
        self._schemes = load_schemes()
        self._amount_touched = False
        self._benefits = {b["id"]: b for b in benefits or []}
        self.editing = benefits is not None
        lang = current_lang()
        self.setWindowTitle(self.tr("Edit a benefit") if self.editing else self.tr("Add a benefit"))
        self.person = QComboBox(self)
        for m in members:
            self.person.addItem(m.get("full_name") or "", m["id"])
        self.benefit = QComboBox(self)
        self.benefit.setObjectName("benefitChoice")
        # "name — scheme — category" runs to 150 characters: elided, whole in the list
        self.benefit.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.benefit.setMinimumContentsLength(40)
        for b in benefits or []:
            self.benefit.addItem(
                f"{b.get('full_name', '')} — {scheme_label(b.get('scheme'), b.get('category'))}",
                b["id"],
            )
        self.scheme = QComboBox(self)
        today = date.today()
        held = {b.get("scheme") for b in benefits or []}
        for code, s in self._schemes.items():
            in_force = s.valid_from <= today and (s.valid_to is None or s.valid_to >= today)
            if in_force or code in held:
                self.scheme.addItem(s.label.text(lang), code)
        self.scheme.setEnabled(not self.editing)  # another scheme is another benefit
        self.category = QComboBox(self)
        self.category.setMinimumWidth(420)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("amountEdit")
        self.amount.setPlaceholderText(self.tr("e.g. 500.000"))
        self.amount_hint = QLabel(self)
        self.amount_hint.setWordWrap(True)
        self.amount_hint.setProperty("role", "muted")
        self.channel = QComboBox(self)
        for code, text in channel_labels().items():
            self.channel.addItem(text, code)
        self.provider = QLineEdit(self)
        self.provider.setPlaceholderText(self.tr("e.g. Agribank, Viettel Money, Bưu điện"))
        self.last4 = QLineEdit(self)
        self.last4.setObjectName("last4Edit")
        self.last4.setPlaceholderText(self.tr("only the last 4 digits"))
        self.last4.setMaxLength(40)  # a longer entry is refused with a clear message
        self.start = QLineEdit(self)
        self.start.setPlaceholderText("dd/mm/yyyy")
        self.status = QComboBox(self)
        self.status.setObjectName("benefitStatus")
        for code, text in (
            ("active", self.tr("receiving")),
            ("suspended", self.tr("suspended")),
            ("ended", self.tr("ended")),
        ):
            self.status.addItem(text, code)
        self.end = QLineEdit(self)
        self.end.setObjectName("benefitEnd")
        self.end.setPlaceholderText("dd/mm/yyyy")
        self.notes = QLineEdit(self)
        self.notes.setObjectName("benefitNotes")
        self.message = MessageLabel(self)
        self.message.setObjectName("benefitMessage")

        form = QFormLayout()
        if self.editing:
            form.addRow(self.tr("Benefit"), self.benefit)
            self.person.hide()
        else:
            form.addRow(self.tr("Person"), self.person)
            self.benefit.hide()
        form.addRow(self.tr("Scheme"), self.scheme)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Monthly amount (₫)"), self.amount)
        form.addRow("", self.amount_hint)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Bank or provider"), self.provider)
        form.addRow(self.tr("Account: last 4 digits"), self.last4)
        form.addRow(self.tr("Receiving since"), self.start)
        if self.editing:
            form.addRow(self.tr("Status"), self.status)
            form.addRow(self.tr("Receives until"), self.end)
            form.addRow(self.tr("Note"), self.notes)
        else:
            for widget in (self.status, self.end, self.notes):
                widget.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

        self.scheme.currentIndexChanged.connect(self._scheme_changed)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.amount.textEdited.connect(lambda _t: setattr(self, "_amount_touched", True))
        self.benefit.currentIndexChanged.connect(self._fill)
        self._scheme_changed()
        if self.editing:
            self._fill()

    def _fill(self) -> None:
        """Show the chosen benefit as it is stored (edit mode)."""
        b = self._benefits.get(self.benefit.currentData()) or {}
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(b.get("scheme"))))
        self.category.setCurrentIndex(max(0, self.category.findData(b.get("category"))))
        amount = b.get("monthly_amount")
        self.amount.setText("" if amount is None else format_vnd(amount, unit=False))
        self._amount_touched = True  # the amount on record stays unless the category changes
        self.channel.setCurrentIndex(max(0, self.channel.findData(b.get("channel"))))
        self.provider.setText(b.get("provider") or "")
        self.last4.setText(b.get("account_last4") or "")
        self.start.setText(show_date(b.get("start_on")))
        self.status.setCurrentIndex(max(0, self.status.findData(b.get("status") or "active")))
        self.end.setText(show_date(b.get("end_on")))
        self.notes.setText(b.get("notes") or "")
        self.message.clear_message()

    def _category_changed(self) -> None:
        """Another category has another rate: the amount follows it (typed by hand or not)."""
        if self.editing:
            self._amount_touched = False
        self._compute_amount()

    def _scheme_changed(self) -> None:
        lang = current_lang()
        self.category.blockSignals(True)
        self.category.clear()
        scheme = self._schemes.get(self.scheme.currentData())
        if scheme is not None:
            if len(scheme.categories) > 1:
                # none chosen for the person: the first of the list was "a child under 4" at
                # 1.250.000 ₫, saved as it was for an 88-year-old (the twelfth tryout)
                self.category.addItem(self.tr("— choose —"), None)
            for code, c in scheme.categories.items():
                self.category.addItem(c.label.text(lang), code)
        self.category.blockSignals(False)
        self._compute_amount()

    def _compute_amount(self) -> None:
        """The amount from the dated data (coefficient × standard level), unless typed by hand."""
        scheme, category = self.scheme.currentData(), self.category.currentData()
        if not scheme or not category:
            self.amount_hint.setText("")
            if not self._amount_touched:
                self.amount.clear()
            return
        try:
            amount = scheme_amount(scheme, category, date.today())
        except ValidationError as exc:
            self.amount_hint.setText(exc.message(current_lang()))
            if not self._amount_touched:
                self.amount.clear()
            return
        self.amount_hint.setText(
            self.tr("Computed from the rates in force today: %1. You may change it.").replace(
                "%1", format_vnd(amount)
            )
        )
        if not self._amount_touched:
            self.amount.setText(format_vnd(amount, unit=False))

    def fields(self) -> dict:
        """The benefit as the store receives it."""
        try:
            amount = parse_amount(self.amount.text())
        except ValueError:
            amount = self.amount.text()
        return {
            "scheme": self.scheme.currentData(),
            "category": self.category.currentData(),
            "monthly_amount": amount,
            "channel": self.channel.currentData(),
            "provider": self.provider.text(),
            "account_last4": self.last4.text().strip() or None,
            "start_on": to_iso_date(self.start.text()),
            **(
                {
                    "status": self.status.currentData(),
                    "end_on": to_iso_date(self.end.text()),
                    "notes": self.notes.text(),
                }
                if self.editing
                else {"status": "active"}
            ),
        }

    def save(self) -> None:
        """Save on the worker; a refused field (e.g. a full account number) is shown here."""
        person_id, fields = self.person.currentData(), self.fields()
        benefit_id = self.benefit.currentData()
        if not (benefit_id if self.editing else person_id):
            return
        if not fields["category"]:
            self.message.show_error(self.tr("Choose the category the person receives it as."))
            self.category.setFocus()
            return
        self.message.clear_message()
        self.buttons.setEnabled(False)

        def failed(exc):
            self.buttons.setEnabled(True)
            if isinstance(exc, KnownError):
                self.message.show_error(exc.message(current_lang()))
                widget = {
                    "account_last4": self.last4,
                    "monthly_amount": self.amount,
                    "start_on": self.start,
                    "end_on": self.end,
                    "category": self.category,
                }.get(getattr(exc, "field", None))
                if widget is not None:
                    widget.setFocus()
                    if hasattr(widget, "selectAll"):
                        widget.selectAll()
            else:
                self._ops.show_error(exc, self)

        def done(record):
            self.saved.emit(record)
            self.accept()

        if self.editing:
            self._ops.run(lambda store: store.update_benefit(benefit_id, fields), done, failed)
        else:
            self._ops.run(lambda store: store.add_benefit(person_id, fields), done, failed)


class PaymentDialog(QDialog):
    """Record what happened to one benefit's money in one month."""

    saved = Signal(dict)

    def __init__(self, ops, benefits: list[dict], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self._ops = ops
        self._benefits = {b["id"]: b for b in benefits}
        self.setWindowTitle(self.tr("Record a payment"))
        self.benefit = QComboBox(self)
        for b in benefits:
            self.benefit.addItem(
                f"{b.get('full_name', '')} — {scheme_label(b.get('scheme'))}", b["id"]
            )
        self.month = QComboBox(self)
        for period in recent_months(24):
            self.month.addItem(month_text(period), period)
        self.month.setCurrentIndex(max(0, self.month.findData(last_month())))
        self.amount = QLineEdit(self)
        # how this month's money came: the benefit's channel unless the month says otherwise
        # (a person moved to an account keeps the months before counted as cash)
        self.channel = QComboBox(self)
        self.channel.setObjectName("paymentChannel")
        for code, text in channel_labels().items():
            self.channel.addItem(text, code)
        self.credited = QLineEdit(self)
        self.withdrawn = QLineEdit(self)
        for edit in (self.credited, self.withdrawn):
            edit.setPlaceholderText("dd/mm/yyyy")
        self.by = QComboBox(self)
        self.by.addItem(self.tr("(not recorded)"), "")  # never assumed from a date (issue 19)
        for code, text in withdrawn_by_labels().items():
            self.by.addItem(text, code)
        self.proxy_name = QLineEdit(self)
        self.proxy_name.setPlaceholderText(self.tr("Proxy's name"))
        self.minutes = QLineEdit(self)
        self.minutes.setValidator(QIntValidator(0, 24 * 60, self))
        self.distance = QLineEdit(self)
        self.distance.setPlaceholderText(self.tr("e.g. 2.5"))
        self.fees = QLineEdit(self)
        self.barriers = BarrierList(self)
        self.barriers.setMinimumHeight(160)
        self.convenience = QComboBox(self)
        self.convenience.addItem("—", None)
        for score, text in (
            (1, self.tr("1 — very hard")),
            (2, self.tr("2 — hard")),
            (3, self.tr("3 — acceptable")),
            (4, self.tr("4 — convenient")),
            (5, self.tr("5 — very convenient")),
        ):
            self.convenience.addItem(text, score)
        self.note = QLineEdit(self)
        self.message = MessageLabel(self)

        # the channel beside the amount: one row more would not fit 1280×720 at 150 % text
        money = QHBoxLayout()
        money.addWidget(self.amount, 1)
        channel_caption = QLabel(self.tr("C&hannel"), self)
        channel_caption.setBuddy(self.channel)
        money.addWidget(channel_caption)
        money.addWidget(self.channel, 2)
        who = QHBoxLayout()
        who.addWidget(self.by)
        who.addWidget(self.proxy_name, 1)
        cost = QHBoxLayout()
        for text, edit in (
            (self.tr("min"), self.minutes),
            (self.tr("km"), self.distance),
            (self.tr("₫ fees"), self.fees),
        ):
            cost.addWidget(edit)
            cost.addWidget(QLabel(text, self))
        # every label is its field's buddy, with an Alt-letter (the eleventh tryout: none had)
        form = QFormLayout()
        for text, row, buddy in (
            (self.tr("&Benefit"), self.benefit, self.benefit),
            (self.tr("&Month"), self.month, self.month),
            (self.tr("&Amount (₫)"), money, self.amount),
            (self.tr("&Credited on"), self.credited, self.credited),
            (self.tr("&Withdrawn on"), self.withdrawn, self.withdrawn),
            (self.tr("B&y whom"), who, self.by),
            (self.tr("T&ravel"), cost, self.minutes),
            (self.tr("Barr&iers"), self.barriers, self.barriers),
            (self.tr("Con&venience"), self.convenience, self.convenience),
            (self.tr("&Note"), self.note, self.note),
        ):
            caption = QLabel(text, self)
            caption.setBuddy(buddy)
            form.addRow(caption, row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.benefit.currentIndexChanged.connect(self._fill)
        self.month.currentIndexChanged.connect(self._fill)
        self.by.currentIndexChanged.connect(
            lambda _i: self.proxy_name.setEnabled(self.by.currentData() == "proxy")
        )
        self._fill()

    def _fill(self) -> None:
        """Show the month's record when there is one (so this also corrects it)."""
        b = self._benefits.get(self.benefit.currentData()) or {}
        period = self.month.currentData()
        p = next((x for x in b.get("payments") or [] if x.get("period") == period), {})
        amount = p.get("amount") or b.get("monthly_amount")
        self.amount.setText(format_vnd(amount, unit=False) if amount else "")
        channel = p.get("channel") or b.get("channel")
        self.channel.setCurrentIndex(max(0, self.channel.findData(channel)))
        self.credited.setText(show_date(p.get("credited_on")))
        self.withdrawn.setText(show_date(p.get("withdrawn_on")))
        self.by.setCurrentIndex(max(0, self.by.findData(p.get("withdrawn_by") or "")))
        self.proxy_name.setText(p.get("proxy_name") or "")
        self.proxy_name.setEnabled(self.by.currentData() == "proxy")
        self.minutes.setText("" if p.get("travel_minutes") is None else str(p["travel_minutes"]))
        km = p.get("distance_km")
        self.distance.setText("" if km is None else format_number(km))
        self.fees.setText("" if p.get("fees") is None else format_vnd(p["fees"], unit=False))
        self.barriers.set_codes(p.get("barriers") or [])
        self.convenience.setCurrentIndex(max(0, self.convenience.findData(p.get("convenience"))))
        self.note.setText(p.get("note") or "")

    def fields(self) -> dict:
        """The month's record as the store receives it."""

        def amount(text):
            try:
                return parse_amount(text)
            except ValueError:
                return text

        by = self.by.currentData() or None
        return {
            "amount": amount(self.amount.text()),
            "channel": self.channel.currentData(),
            "credited_on": to_iso_date(self.credited.text()),
            "withdrawn_on": to_iso_date(self.withdrawn.text()),
            "withdrawn_by": by,
            "proxy_name": self.proxy_name.text().strip() if by == "proxy" else None,
            "travel_minutes": self.minutes.text().strip() or None,
            "distance_km": self.distance.text().strip() or None,
            "fees": amount(self.fees.text()),
            "barriers": self.barriers.codes(),
            "convenience": self.convenience.currentData(),
            "note": self.note.text(),
        }

    def save(self) -> None:
        """Save on the worker (``record_payment``); a refused field is shown here."""
        benefit_id, period, fields = self.benefit.currentData(), self.month.currentData(), None
        fields = self.fields()
        self.buttons.setEnabled(False)

        def failed(exc):
            self.buttons.setEnabled(True)
            if isinstance(exc, KnownError):
                self.message.show_error(exc.message(current_lang()))
            else:
                self._ops.show_error(exc, self)

        def done(record):
            self.saved.emit(record)
            self.accept()

        self._ops.run(lambda store: store.record_payment(benefit_id, period, fields), done, failed)
