"""A person's consent to share their data (and its withdrawal), from the household page.

Without consent a person's phones, vulnerability tags and notes never leave the laptop and their
name is never listed in an exported report (README, "Privacy and consent"). The rule is applied
by the store and sync, not here; this dialog records the consent: date, scope, method (signature,
thumbprint, verbal with a witness, by a guardian), the witness's or guardian's name.
"""

from __future__ import annotations

from datetime import date

from desktop_app.core.errors import KnownError, ValidationError
from desktop_app.store.verification import CONSENT_METHODS, has_consent
from desktop_app.ui.households import error_label, format_date
from desktop_app.ui.qt import (
    QComboBox,
    QCoreApplication,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import label

DEFAULT_SCOPE = "ghi_tham_ho_va_chi_tra"


def consent_marker(person: dict) -> str:
    """A short marker for a member without consent ("" when they consented)."""
    if has_consent(person):
        return ""
    return QCoreApplication.translate("Consent", "no consent")


class ConsentDialog(QDialog):
    """Record, renew or withdraw one person's consent."""

    saved = Signal(str)  # person id

    def __init__(self, ops, person: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("consentDialog")
        self._ops = ops
        self._person = person
        self._busy = False

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("consentStatus")
        self.status.setWordWrap(True)
        self.rule = label(role="muted", wrap=True)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setObjectName("consentDate")
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setCalendarPopup(True)
        self.date.setMaximumDate(QDate.currentDate())
        self.method = QComboBox()
        self.method.setObjectName("consentMethod")
        self.scope = QComboBox()
        self.scope.setObjectName("consentScope")
        self.scope.setEditable(True)
        self.witness = QLineEdit()
        self.witness.setObjectName("consentWitness")
        self.witness.setMaxLength(120)
        self.labels = {k: QLabel() for k in ("date", "method", "scope", "witness")}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, widget in (
            ("date", self.date),
            ("method", self.method),
            ("witness", self.witness),
            ("scope", self.scope),
        ):
            self.labels[key].setBuddy(widget)
            form.addRow(self.labels[key], widget)
        self.error = error_label(self)
        self.error.setObjectName("consentError")

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("withdrawConsent")
        self.buttons.addButton(self.withdraw_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.method.currentIndexChanged.connect(self._method_changed)

        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.status)
        lay.addWidget(self.rule)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslateUi()
        if person.get("consent_method"):
            self.method.setCurrentIndex(max(self.method.findData(person["consent_method"]), 0))
        if person.get("consent_witness"):
            self.witness.setText(person["consent_witness"])
        if person.get("consent_scope"):
            self._set_scope(person["consent_scope"])
        self._method_changed()

    def method_labels(self) -> dict[str, str]:
        """How consent was given."""
        return {
            "signature": self.tr("Signature"),
            "thumbprint": self.tr("Thumbprint"),
            "verbal_witness": self.tr("Verbal, with a witness"),
            "guardian": self.tr("By a guardian"),
        }

    def scope_labels(self) -> dict[str, str]:
        """The usual scope of consent."""
        return {DEFAULT_SCOPE: self.tr("Visits, help and payment follow-up")}

    def _set_scope(self, code: str) -> None:
        index = self.scope.findData(code)
        if index >= 0:
            self.scope.setCurrentIndex(index)
        else:
            self.scope.setEditText(code)

    def values(self) -> dict:
        """The consent as the store takes it."""
        text = self.scope.currentText().strip()
        index = self.scope.currentIndex()
        scope = (
            self.scope.itemData(index)
            if index >= 0 and self.scope.itemText(index) == text
            else text
        )
        return {
            "on": self.date.date().toPython(),
            "method": self.method.currentData(),
            "scope": scope or "",
            "witness": self.witness.text().strip(),
        }

    def _method_changed(self, *_args) -> None:
        method = self.method.currentData()
        needs_name = method in ("verbal_witness", "guardian")
        self.witness.setEnabled(needs_name)
        self.labels["witness"].setText(
            self.tr("&Guardian's name") if method == "guardian" else self.tr("&Witness's name")
        )

    def save(self) -> None:
        """Record the consent on the worker."""
        if self._busy:
            return
        v = self.values()
        if not v["method"]:
            self._show_error(self.tr("Choose how the person gave consent."))
            return
        pid = self._person["id"]
        self._run(lambda store: store.record_consent(pid, **v))

    def withdraw(self) -> None:
        """Record that the person withdrew consent (today)."""
        if self._busy:
            return
        pid = self._person["id"]
        self._run(lambda store: store.withdraw_consent(pid, date.today()))

    def _run(self, fn) -> None:
        self._busy = True
        self.error.setVisible(False)
        self.save_button.setEnabled(False)
        self.withdraw_button.setEnabled(False)
        self._ops.run(fn, self._done, self._failed)

    def _done(self, person: dict) -> None:
        self._busy = False
        self.saved.emit(person["id"])
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self.withdraw_button.setEnabled(True)
        if isinstance(exc, (ValidationError, KnownError)):
            self._show_error(exc.message(self._ops.lang()))
        else:
            self._ops.show_error(exc, self)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Set every visible text in the current language."""
        p = self._person
        name = p.get("full_name") or ""
        self.setWindowTitle(self.tr("Consent"))
        self.title.setText(self.tr("Consent of %1").replace("%1", name))
        methods = self.method_labels()
        if p.get("consent_withdrawn_on"):
            status = self.tr("Consent withdrawn on %1.").replace(
                "%1", format_date(p["consent_withdrawn_on"])
            )
        elif has_consent(p):
            status = (
                self.tr("Consented on %1 (%2).")
                .replace("%1", format_date(p["consent_date"]))
                .replace("%2", methods.get(p.get("consent_method"), p.get("consent_method") or ""))
            )
        else:
            status = self.tr("No consent recorded.")
        self.status.setText(status)
        self.rule.setText(
            self.tr(
                "Without consent, this person's phones, needs and notes stay on this laptop "
                "(they are not synced or put in USB bundles) and their name is not listed in "
                "exported reports. Identity and benefit data still travel: the official "
                "beneficiary list already holds them."
            )
        )
        self.labels["date"].setText(self.tr("&Date"))
        self.labels["method"].setText(self.tr("&How"))
        self.labels["scope"].setText(self.tr("&Scope"))
        current = self.method.currentData()
        self.method.blockSignals(True)
        self.method.clear()
        self.method.addItem(self.tr("— choose —"), None)
        for code in CONSENT_METHODS:
            self.method.addItem(methods[code], code)
        self.method.setCurrentIndex(max(self.method.findData(current), 0) if current else 0)
        self.method.blockSignals(False)
        scope_text = self.scope.currentText()
        scope_data = self.scope.currentData()
        self.scope.clear()
        for code, text in self.scope_labels().items():
            self.scope.addItem(text, code)
        if scope_data:
            self._set_scope(scope_data)
        elif scope_text:
            self.scope.setEditText(scope_text)
        self._method_changed()
        self.save_button.setText(self.tr("Save consent"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.withdraw_button.setText(self.tr("Record withdrawal"))
        self.withdraw_button.setVisible(has_consent(p))
