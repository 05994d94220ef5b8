"""The audit view (team lead, admin): entries, filters, chain check, exports; no ID numbers."""

from __future__ import annotations

import csv
import re

import pytest
from openpyxl import load_workbook
from ui_support import PASSWORD, call  # noqa: E402,F401

from desktop_app.core.errors import PermissionDenied
from desktop_app.ui import i18n
from desktop_app.ui.audit_view import AuditView, scrub
from desktop_app.ui.qt import QPushButton

ID_LIKE = re.compile(r"(?<![0-9A-Za-z-])\d{12}(?![0-9A-Za-z-])")
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def _vietnamese(qapp):
    i18n.install("vi")
    yield
    i18n.install("vi")


def all_ids(qtbot, ops) -> set[str]:
    rows = call(
        qtbot, ops, lambda s: s.db.execute("SELECT citizen_id, old_id FROM person").fetchall()
    )
    return {v for r in rows for v in r if v}


def table_texts(view: AuditView) -> list[str]:
    return [
        view.table.item(r, c).text() + " " + view.table.item(r, c).toolTip()
        for r in range(view.table.rowCount())
        for c in range(view.table.columnCount())
    ]


def open_view(qtbot, ops) -> AuditView:
    view = AuditView(ops)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.activate()
    qtbot.waitUntil(lambda: view.chain_ok is not None and view.table.rowCount() > 0, timeout=15000)
    return view


def test_entries_filters_and_an_intact_chain(qtbot, make_ops):
    ops = make_ops("lead")
    pid = call(
        qtbot,
        ops,
        lambda s: s.db.execute(
            "SELECT id FROM person WHERE citizen_id IS NOT NULL LIMIT 1"
        ).fetchone()[0],
    )
    full = call(qtbot, ops, lambda s: s.reveal_citizen_id(pid))
    view = open_view(qtbot, ops)
    assert view.chain_ok
    assert view.chain_label.text().startswith("Nhật ký nguyên vẹn: ")
    assert view.chain_label.text().endswith(" mục")
    view.action.setCurrentIndex(view.action.findData("reveal_citizen_id"))
    view.user.setCurrentIndex(view.user.findData("lead"))
    view.reload()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=15000)
    assert view.table.item(0, 2).text() == "Xem số định danh đầy đủ"
    assert view.table.item(0, 1).text().endswith("(lead)")  # name and user name (issue 19)
    texts = table_texts(view)
    # the log names the record, never the number that was shown
    assert not any(full in t for t in texts)
    assert not any(ID_LIKE.search(t) for t in texts)


def test_the_log_holds_no_id_numbers(qtbot, make_ops):
    ops = make_ops("lead")
    ids = all_ids(qtbot, ops)
    rows = call(
        qtbot,
        ops,
        lambda s: s.db.execute(
            "SELECT username, action, entity, record_id, detail FROM audit_log"
        ).fetchall(),
    )
    text = "\n".join(" ".join(str(v) for v in r) for r in rows)
    assert ids and not any(i in text for i in ids)
    view = open_view(qtbot, ops)
    texts = table_texts(view)
    assert not any(i in t for t in texts for i in ids)
    assert scrub("số 001048012345 và 123456789") == "số 001*******45 và 123****89"


def test_a_tampered_entry_shows_the_first_broken_one_in_red(qtbot, make_ops):
    ops = make_ops("lead")
    call(
        qtbot, ops, lambda s: s.db.execute("UPDATE audit_log SET username = 'ke_gian' WHERE id = 5")
    )
    view = open_view(qtbot, ops)
    assert view.chain_ok is False
    assert "mục số 5" in view.chain_label.text()
    assert "#b3261e" in view.chain_label.styleSheet()


def test_exports_are_audited_and_hold_no_id_numbers(qtbot, make_ops, tmp_path):
    ops = make_ops("lead")
    ids = all_ids(qtbot, ops)
    view = open_view(qtbot, ops)
    for fmt in ("xlsx", "csv"):
        target = tmp_path / f"audit.{fmt}"
        with qtbot.waitSignal(view.exported, timeout=15000):
            view.export_to(target, fmt)
        assert target.exists() and not target.with_name(target.name + ".tmp").exists()
        if fmt == "xlsx":
            cells = [str(c.value) for r in load_workbook(target).active.iter_rows() for c in r]
        else:
            with target.open(encoding="utf-8-sig") as f:
                cells = [c for row in csv.reader(f) for c in row]
        assert cells[:3] == ["#", "Thời điểm", "Người dùng"]
        assert len(cells) > 50
        assert not any(i in c for c in cells for i in ids)
    logged = call(qtbot, ops, lambda s: s.audit_entries(action="export.audit"))
    assert sorted(e["detail"].count("xlsx") + 2 * e["detail"].count("csv") for e in logged) == [
        1,
        2,
    ]


def test_only_team_leads_and_admins_reach_the_audit_log(qtbot, make_ops):
    from desktop_app.ui.login import Session
    from desktop_app.ui.prefs import Prefs
    from desktop_app.ui.settings_dialog import SettingsPanel

    volunteer = make_ops("volunteer")
    with pytest.raises(PermissionDenied):
        call(qtbot, volunteer, lambda s: s.audit_entries())
    user = call(qtbot, volunteer, lambda s: s.user)
    panel = SettingsPanel(volunteer, Prefs(), Session(user, "Phường Hoàn Kiếm", True))
    qtbot.addWidget(panel)
    assert panel.audit_button.isHidden()
    lead_ops = make_ops("lead")
    lead = call(qtbot, lead_ops, lambda s: s.user)
    panel.set_session(Session(lead, "Phường Hoàn Kiếm", True))
    assert not panel.audit_button.isHidden()
    assert panel.findChild(QPushButton, "auditLog").text() == "Nhật ký kiểm tra…"
