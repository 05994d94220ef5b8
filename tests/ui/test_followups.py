"""Follow-ups: a visit's follow-up appears in its section; "Done" removes it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from ui_support import PASSWORD, call  # noqa: E402,F401

from desktop_app.ui.followups import FollowUpsView
from desktop_app.ui.visit_form import VisitForm

# The offscreen platform cannot pass window size hints on; harmless, and only in tests.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_recorded_follow_up_appears_and_done_removes_it(qtbot, make_ops):
    ops = make_ops()
    hid = call(qtbot, ops, lambda s: s.households_page(None, 8))[7]["id"]
    form = VisitForm(ops, hid)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form._loaded, timeout=15000)
    form.notes.setPlainText("Hẹn quay lại đưa cụ ra ngân hàng")
    form.set_follow_up("3d")
    with qtbot.waitSignal(form.saved, timeout=15000) as saved:
        form.save()
    vid = saved.args[0]

    view = FollowUpsView(ops)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activate()
    qtbot.waitUntil(lambda: any(r["visit_id"] == vid for r in view.rows("week")), timeout=15000)
    row = next(r for r in view.rows("week") if r["visit_id"] == vid)
    assert row["household_id"] == hid
    assert row["follow_up_on"] == (date.today() + timedelta(days=3)).isoformat()
    item = view._items[vid]
    assert item.text(4) == "Hẹn quay lại đưa cụ ra ngân hàng"
    assert item.parent() is view._sections["week"]

    with qtbot.waitSignal(view.household_opened) as opened:
        view.tree.itemDoubleClicked.emit(item, 0)
    assert opened.args == [hid]

    before = sum(len(view.rows(s)) for s in ("overdue", "today", "week"))
    view.tree.setCurrentItem(item)
    assert view.done_button.isEnabled()
    view.done_button.click()
    qtbot.waitUntil(lambda: vid not in view._items, timeout=15000)
    assert all(r["visit_id"] != vid for r in view.rows("week"))
    assert sum(len(view.rows(s)) for s in ("overdue", "today", "week")) == before - 1
    assert view._sections["week"].text(0).endswith(f"({len(view.rows('week'))})")
    done = call(qtbot, ops, lambda s: s.follow_ups())
    assert all(r["visit_id"] != vid for k in done for r in done[k])


def test_sections_split_overdue_today_and_week(qtbot, make_ops):
    ops = make_ops()
    ids = [r["id"] for r in call(qtbot, ops, lambda s: s.households_page(None, 3))]
    today = date.today()

    def record(store):
        out = {}
        for hid, due in zip(
            ids, (today - timedelta(days=2), today, today + timedelta(days=5)), strict=True
        ):
            v = store.record_visit(hid, {"follow_up_on": due.isoformat(), "notes": "x"})
            out[v["visit"]["id"]] = due
        return out

    made = call(qtbot, ops, record)
    view = FollowUpsView(ops)
    qtbot.addWidget(view)
    view.show()
    view.activate()
    qtbot.waitUntil(lambda: view._loaded, timeout=15000)
    sections = {s: {r["visit_id"] for r in view.rows(s)} for s in ("overdue", "today", "week")}
    for vid, due in made.items():
        expected = "overdue" if due < today else "today" if due == today else "week"
        assert vid in sections[expected]
    overdue_vid = next(v for v, d in made.items() if d < today)
    view._clicked(view._items[overdue_vid], 5)
    qtbot.waitUntil(lambda: overdue_vid not in view._items, timeout=15000)
