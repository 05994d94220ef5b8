"""Numbers follow the UI language: 500.000 ₫ and 2,5 km in Vietnamese, 500,000 ₫ and 2.5 km in
English (a tryout saw decimal commas in the English UI; issue 17)."""

from __future__ import annotations

import re

import pytest

from desktop_app.ui import i18n
from desktop_app.ui.payments_view import COL_AMOUNT, COL_DISTANCE, PaymentsView
from desktop_app.ui.reports_view import ReportsView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FORMS = {
    "en": (re.compile(r"^\d{1,3}(,\d{3})+ ₫$"), re.compile(r"^\d+\.\d$")),
    "vi": (re.compile(r"^\d{1,3}(\.\d{3})+ ₫$"), re.compile(r"^\d+,\d$")),
}


@pytest.fixture(params=["en", "vi"])
def lang(request):
    i18n.install(request.param)
    yield request.param
    i18n.install("vi")


def test_payment_grid_amounts_and_distances(qtbot, make_ops, lang):
    i18n.install(lang)  # make_ops installed Vietnamese
    ops = make_ops("volunteer")
    i18n.install(lang)
    view = PaymentsView(ops)
    qtbot.addWidget(view)
    view.show()
    view.activate()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and not ops.working, timeout=15000)
    amount_form, decimal_form = FORMS[lang]
    amounts = [view.proxy.index(r, COL_AMOUNT).data() for r in range(view.proxy.rowCount())]
    assert amounts and all(amount_form.match(a) for a in amounts if a), amounts[:5]
    distances = [view.proxy.index(r, COL_DISTANCE).data() for r in range(view.proxy.rowCount())]
    decimals = [d for d in distances if d and not d.isdigit()]
    assert decimals, distances[:20]  # the demo has distances like 2.5 km
    assert all(decimal_form.match(d) for d in decimals), decimals[:5]


def test_report_percentages(qtbot, make_ops, lang):
    ops = make_ops("lead")
    i18n.install(lang)
    page = ReportsView(ops)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.activate()
    text = page.cards["withdrew_pct"].value.text()
    assert text.endswith(" %")
    number = text[:-2]
    wrong = "," if lang == "en" else "."
    assert wrong not in number, text
