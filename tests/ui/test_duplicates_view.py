"""Issue 11 on the Sync page: what the laptop holds in words, held-back changes with Try again,
possible duplicates with the side-by-side merge, and Split — against real demo databases, with the
thread guard on (a store call on the GUI thread fails the test)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from layout_check import layout_problems
from ui_support import PASSWORD, call

from desktop_app.core.ids import new_id
from desktop_app.store.sync_access import for_sync
from desktop_app.ui import i18n
from desktop_app.ui.login import open_and_assign
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import MergeDialog
from desktop_app.ui.prefs import Prefs
from desktop_app.ui.qt import QApplication, QRect, QSize
from desktop_app.ui.screen_fit import fit_into_screen
from desktop_app.ui.style import apply_style
from desktop_app.ui.sync_view import SyncView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


# --- made-up look-alikes, written with the store API on the worker ------------------------------


def family(store, address, name="Nguyễn Thị Hoà", **person):
    """A household at ``address`` in the first village, headed by a woman born in 1941."""
    village = store.list_villages()[0]["id"]
    made = store.add_household(
        {"address": address, "village_id": village},
        {"full_name": name, "birth_year": 1941, "sex": "female", **person},
    )
    return made["household"]["id"], made["head"]["id"]


def two_hoas(store):
    """The same grandmother registered twice, by two laptops, with different details."""
    h1, p1 = family(store, "Số 5 ngõ 2 Hàng Bạc", phones=["0912345678"])
    h2, p2 = family(
        store, "Số 17 ngõ 2 Hàng Bạc", name="Nguyen Thi Hoa", notes="Bị liệt, cần người rút hộ"
    )
    return (h1, p1), (h2, p2)


def _sync_view(qtbot, ops) -> SyncView:
    view = SyncView(ops)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.overview is not None and view.summary.counts is not None)
    return view


def _candidate_row(view: SyncView, a: str, b: str) -> int:
    for i, c in enumerate(view.duplicates.data["candidates"]):
        if {c["a"], c["b"]} == {a, b}:
            return i
    raise AssertionError("the pair is not listed")


def _open_merge(qtbot, ops, a: str, b: str) -> tuple[SyncView, MergeDialog]:
    """The sync page, and the merge dialog opened on the pair (a, b)."""
    view = _sync_view(qtbot, ops)
    panel = view.duplicates
    qtbot.waitUntil(lambda: panel.data is not None and panel.table.rowCount() >= 1)
    panel.select_candidate(_candidate_row(view, a, b))
    dialog = panel.open_selected()
    qtbot.waitExposed(dialog)
    return view, dialog


# --- what the laptop holds ----------------------------------------------------------------------


def test_the_numbers_of_tantay_status_are_shown_in_words(qtbot, make_ops):
    ops = make_ops("lead")
    view = _sync_view(qtbot, ops)
    counts = call(qtbot, ops, lambda s: s.status_counts())
    text = view.summary.text()
    assert f"Hộ: {counts['records']['household']}, người: {counts['records']['person']}" in text
    pending = f"{counts['pending']:,}".replace(",", ".")
    assert f"{pending} đang chờ gửi" in text
    assert "0 bị giữ lại" in text
    assert "0 xung đột chờ quyết định" in text
    assert "0 có thể trùng" in text
    assert "Đồng bộ lần cuối: chưa bao giờ." in text

    call(qtbot, ops, two_hoas)
    view.reload()  # as after a sync or an action on the page
    qtbot.waitUntil(lambda: "0 có thể trùng" not in view.summary.text())
    assert "1 có thể trùng" in view.summary.text()  # the two Hoàs


def test_the_summary_speaks_english_when_the_ui_does(qtbot, make_ops):
    ops = make_ops("lead")
    i18n.install("en")
    try:
        view = _sync_view(qtbot, ops)
        text = view.summary.text()
        assert "Households: 120, persons:" in text
        assert "waiting to send" in text and "possible duplicates" in text
        assert "Last sync: never." in text
    finally:
        i18n.install("vi")


# --- duplicates, merge, split -------------------------------------------------------------------


def test_the_lead_merges_two_look_alikes_choosing_values_then_splits(qtbot, make_ops):
    ops = make_ops("lead")
    (h1, p1), (h2, p2) = call(qtbot, ops, two_hoas)
    view = _sync_view(qtbot, ops)
    panel = view.duplicates
    qtbot.waitUntil(lambda: panel.data is not None and panel.table.rowCount() >= 1)
    assert panel.isVisible()
    assert panel.title.text() == f"Có thể trùng ({panel.table.rowCount()})"
    row = _candidate_row(view, p1, p2)
    assert "Cùng họ tên, năm sinh và thôn" in panel.table.item(row, 1).text()

    panel.select_candidate(row)
    dialog = panel.open_selected()
    assert isinstance(dialog, MergeDialog)
    qtbot.waitExposed(dialog)
    side = {r["id"]: i for i, r in enumerate(dialog.records)}
    keep, drop = side[p1], side[p2]
    # both records side by side, with their households and the differing fields to choose
    assert dialog.value_labels["full_name"][keep].text() == "Nguyễn Thị Hoà"
    assert dialog.value_labels["full_name"][drop].text() == "Nguyen Thi Hoa"
    assert "Số 17 ngõ 2" in dialog.value_labels["household"][drop].text()
    assert dialog.value_labels["phones"][keep].text() == "0912 345 678"
    assert {"full_name", "phones", "notes"} <= set(dialog.value_buttons)
    assert "birth_year" not in dialog.value_buttons  # the same on both: nothing to choose
    assert "fff4d6" in dialog.findChild(type(dialog.scroll.widget()), "cell_notes_0").styleSheet()

    dialog.choose_keep(drop)
    assert dialog.chosen_side("full_name") == keep  # the name written with its tone marks
    dialog.choose_keep(keep)
    # the kept record's values by default, and the other's where the kept one has none
    assert dialog.chosen_side("full_name") == keep
    assert dialog.chosen_side("notes") == drop
    dialog.choose_value("phones", drop)  # the team lead prefers the other value (none)
    dialog.choose_value("phones", keep)  # … and changes their mind
    assert sorted(dialog.take_from_drop()) == ["notes"]
    asked = []
    dialog.confirm = lambda text: asked.append(text) or True
    with qtbot.waitSignal(panel.changed, timeout=15000):
        dialog.merge_button.click()
    place = ("bên trái", "bên phải") if keep == 0 else ("bên phải", "bên trái")
    assert f"Giữ lại bản ghi {place[0]} và gộp bản ghi {place[1]} vào đó." in asked[0]
    assert f"Lấy từ bản ghi {place[1]}: Ghi chú." in asked[0]  # the values of the merged one
    assert "Sau khi gộp: «Nguyễn Thị Hoà»." in asked[0]
    assert "Tách" in asked[0]  # and how to undo it

    kept = call(qtbot, ops, lambda s: s.person(p1))
    assert kept["notes"] == "Bị liệt, cần người rút hộ"
    assert kept["phones"][0]["number"] == "+84912345678"
    assert call(qtbot, ops, lambda s: s.person(p2))["id"] == p1  # the merged one is gone
    assert "Đã gộp" in panel.message.text()
    qtbot.waitUntil(lambda: panel.merges_table.isVisible() and panel.merges_table.rowCount() == 1)
    assert "«Nguyen Thi Hoa» gộp vào «Nguyễn Thị Hoà»" in panel.merges_table.item(0, 1).text()
    qtbot.waitUntil(lambda: all(p2 not in (c["a"], c["b"]) for c in panel.data["candidates"]))

    merge_id = panel.data["merges"][0]["id"]
    panel.select_merge(merge_id)
    assert panel.split_button.isEnabled()
    panel.confirm = lambda text: "Nguyen Thi Hoa" in text
    with qtbot.waitSignal(panel.changed, timeout=15000):
        panel.split_button.click()
    assert call(qtbot, ops, lambda s: s.person(p2))["id"] == p2
    assert call(qtbot, ops, lambda s: s.person(p2))["household_id"] == h2
    qtbot.waitUntil(lambda: "tách lại" in panel.merges_table.item(0, 2).text())
    # listed again, to merge again from the page or to say "not the same"
    qtbot.waitUntil(lambda: any({c["a"], c["b"]} == {p1, p2} for c in panel.data["candidates"]))
    panel.select_merge(merge_id)
    assert not panel.split_button.isEnabled()  # a merge is split once


def test_a_merge_that_joins_a_benefit_says_what_waits_under_conflicts(qtbot, make_ops):
    """The twelfth tryout: the same pension on both copies, November recorded twice and
    differently; after the merge the page must say that values wait for the team lead, and
    the conflicts list must hold them."""
    ops = make_ops("lead")

    def setup(store):
        (_, p1), (_, p2) = two_hoas(store)
        pension = {"scheme": "social_pension", "category": "age_75_plus"}
        # both copies wrote November and October, each differently in one value
        for pid, by, october in ((p1, "helped", "2026-10-10"), (p2, "self", "2026-10-09")):
            benefit = store.add_benefit(
                pid, {**pension, "monthly_amount": 500_000, "channel": "home_delivery"}
            )
            store.record_payment(
                benefit["id"],
                "2026-11",
                {"credited_on": "2026-11-10", "withdrawn_on": "2026-11-12", "withdrawn_by": by},
            )
            store.record_payment(benefit["id"], "2026-10", {"credited_on": october})
        return p1, p2

    p1, p2 = call(qtbot, ops, setup)
    view, dialog = _open_merge(qtbot, ops, p1, p2)
    panel = view.duplicates
    dialog.choose_keep(next(i for i, r in enumerate(dialog.records) if r["id"] == p1))
    # both sides say which months they hold, and the question says they become one
    side = {r["id"]: i for i, r in enumerate(dialog.records)}
    for pid in (p1, p2):
        links = dialog.value_labels["records"][side[pid]].text()
        assert "chi trả: 2 (10/2026, 11/2026)" in links
    asked = []
    dialog.confirm = lambda text: asked.append(text) or True
    with qtbot.waitSignal(panel.changed, timeout=15000):
        dialog.merge_button.click()
    assert "chi trả tháng 10/2026, 11/2026" in asked[0]
    assert "chờ anh/chị chọn ở mục Xung đột" in asked[0]
    assert "2 giá trị khác nhau đang chờ" in panel.message.text()
    assert "Xung đột cần quyết định" in panel.message.text()
    assert len(call(qtbot, ops, lambda s: s.benefits_for_person(p1))) == 1
    waiting = call(qtbot, ops, lambda s: s.open_conflicts())
    assert {(c["entity"], c["field"], c["incoming_value"]) for c in waiting} == {
        ("payment", "credited_on", "2026-10-09"),
        ("payment", "withdrawn_by", "self"),
    }
    # in words, with whose month it is and where the other value comes from
    view.reload()
    table = view.conflict_table
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=15000)
    rows = sorted([table.item(r, col).text() for col in range(4)] for r in range(2))
    assert rows[0][0].startswith("Nguyễn Thị Hoà — 10/2026")
    assert rows[0][1:] == ["Ngày tiền về", "10/10/2026", "09/10/2026\n(từ bản ghi đã gộp)"]
    assert rows[1][0].startswith("Nguyễn Thị Hoà — 11/2026")
    assert rows[1][1:] == ["Người rút", "Có người giúp", "Tự rút\n(từ bản ghi đã gộp)"]
    # and what "đã gộp" means, which side is the kept record (the fourteenth tryout)
    assert not view.merge_hint.isHidden()
    assert "bản máy chủ thành phố nhận trước" in view.merge_hint.text()
    # the team lead decides both at once: the other copy was right
    view.select_conflict(waiting[0]["id"])
    view.select_conflict(waiting[1]["id"], add=True)
    assert view.take_incoming_button.isEnabled() and not view.edit_button.isEnabled()
    view.take_incoming_button.click()
    qtbot.waitUntil(lambda: call(qtbot, ops, lambda s: s.open_conflicts()) == [], timeout=15000)
    months = call(qtbot, ops, lambda s: s.payments_for_person(p1))
    assert [(p["period"], p["credited_on"], p["withdrawn_by"]) for p in months] == [
        ("2026-11", "2026-11-10", "self"),
        ("2026-10", "2026-10-09", None),
    ]


def test_not_the_same_is_remembered(qtbot, make_ops):
    ops = make_ops("lead")
    # one house, two households headed by a father and his son of the same name (years unknown)
    h1, _ = call(
        qtbot,
        ops,
        lambda s: family(s, "Cạnh chùa Vua", "Lê Văn Tám", sex="male", birth_year=None),
    )
    h2, _ = call(
        qtbot, ops, lambda s: family(s, "cạnh Chùa Vua", "Le Van Tam", sex="male", birth_year=None)
    )
    view = _sync_view(qtbot, ops)
    panel = view.duplicates
    qtbot.waitUntil(lambda: panel.data is not None and panel.table.rowCount() == 1)
    assert panel.data["candidates"][0]["entity"] == "household"
    assert "Cùng địa chỉ trong cùng thôn" in panel.table.item(0, 1).text()
    panel.select_candidate(0)
    dialog = panel.open_selected()
    assert dialog.windowTitle() == "Có thể là cùng một hộ"
    assert (
        "Lê Văn Tám"
        in dialog.value_labels["members"][0].text() + dialog.value_labels["members"][1].text()
    )
    dialog.confirm = lambda text: True
    with qtbot.waitSignal(panel.changed, timeout=15000):
        dialog.not_same_button.click()
    qtbot.waitUntil(lambda: panel.table.isHidden() and panel.none_text.isVisible())
    assert panel.title.text() == "Có thể trùng (0)"
    pairs = call(qtbot, ops, lambda s: s.duplicate_candidates())
    assert not any({c["a"], c["b"]} == {h1, h2} for c in pairs)
    # both households are still there
    assert call(qtbot, ops, lambda s: s.household(h2))["id"] == h2


def test_a_merge_refused_by_the_store_is_said_in_the_dialog(qtbot, make_ops):
    ops = make_ops("lead")
    (_, p1), (_, p2) = call(qtbot, ops, two_hoas)
    view = _sync_view(qtbot, ops)
    panel = view.duplicates
    qtbot.waitUntil(lambda: panel.data is not None and panel.table.rowCount() >= 1)
    panel.select_candidate(_candidate_row(view, p1, p2))
    dialog = panel.open_selected()
    call(qtbot, ops, lambda s: s.merge_records("person", p1, p2))  # merged meanwhile
    dialog.confirm = lambda text: True
    dialog.choose_keep(0)
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert dialog.isVisible()
    assert dialog.merge_button.isEnabled()


def test_a_volunteer_does_not_see_the_duplicates(qtbot, make_ops):
    ops = make_ops("volunteer")
    view = _sync_view(qtbot, ops)
    qtbot.wait(300)
    assert view.duplicates.data is None
    assert not view.duplicates.isVisible()
    assert view.summary.tiles["duplicate_candidates"][0].isHidden()
    assert "có thể trùng" not in view.summary.text()


# --- held back ----------------------------------------------------------------------------------


def _incoming_person_of_a_missing_household(store) -> tuple[str, str]:
    """Apply, as the sync machinery, a person from another laptop whose household has not
    arrived: it is held back. Returns (household id, person id)."""
    for_sync(store)
    try:
        template = next(
            e["change"]
            for e in store.outbox_entries(limit=5000)
            if e["change"]["entity"] == "person"
        )
        hid, pid = new_id(), new_id()
        change = {
            **template,
            "id": pid,
            "version": 1,
            "base_version": 0,
            "origin_device": "laptop-cua-to-2",
            "updated_by": "volunteer2",
            "updated_at": datetime.now(UTC).isoformat(),
            "fields": {
                **template["fields"],
                "household_id": hid,
                "full_name": "Đỗ Văn Khải",
                "citizen_id": None,
            },
        }
        counts = store.apply_incoming([change], source="pull")
        assert counts["quarantined"] == 1
    finally:
        store._sync_machinery = False
    return hid, pid


def _household_arrives(store, hid: str) -> None:
    village = store.list_villages()[0]
    store.bulk_insert(
        "household",
        [
            {
                "id": hid,
                "village_id": village["id"],
                "address": "Số 3 ngõ Hàng Chĩnh",
                "commune_code": village["commune_code"],
            }
        ],
    )


def test_a_received_change_held_back_is_listed_and_try_again_releases_it(qtbot, make_ops):
    ops = make_ops("lead")
    hid, pid = call(qtbot, ops, _incoming_person_of_a_missing_household)
    view = _sync_view(qtbot, ops)
    panel = view.held_back
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert panel.isVisible()
    assert panel.title.text() == "Bị giữ lại (1)"
    assert "nhận về, chưa lưu được" in panel.table.item(0, 2).text()
    assert "chưa về máy" in panel.table.item(0, 3).text()  # reference_missing in words
    assert "1 bị giữ lại" in view.summary.text()
    assert panel.retry_button.isEnabled()  # the first row is selected

    panel.select_row(0)
    panel.retry_button.click()  # the household is still missing: nothing released
    qtbot.waitUntil(lambda: "Vẫn chưa được" in panel.message.text())
    assert panel.table.rowCount() == 1

    call(qtbot, ops, lambda s: _household_arrives(s, hid))
    panel.select_row(0)
    with qtbot.waitSignal(panel.changed, timeout=15000):
        panel.retry_button.click()
    assert "1 thay đổi nhận về đã được lưu" in panel.message.text()
    assert call(qtbot, ops, lambda s: s.person(pid))["full_name"] == "Đỗ Văn Khải"
    qtbot.waitUntil(lambda: panel.table.rowCount() == 0)
    assert panel.title.text() == "Bị giữ lại (0)"
    qtbot.waitUntil(lambda: "0 bị giữ lại" in view.summary.text())


def test_a_refused_change_is_listed_with_its_reason_and_try_again_queues_it(qtbot, make_ops):
    ops = make_ops("lead")
    _, pid = call(qtbot, ops, lambda s: family(s, "Số 9 Hàng Bè", name="Trần Văn Hùng"))

    def refuse(store):  # as a receipt does when the server refuses a change
        store.db.execute(
            "UPDATE outbox SET state = 'quarantined', error = 'invalid_citizen_id'"
            " WHERE record_id = ?",
            (pid,),
        )
        store.db.execute(
            "UPDATE outbox SET state = 'quarantined', error = 'brand_new_code' WHERE seq ="
            " (SELECT MIN(seq) FROM outbox WHERE state = 'pending')"
        )

    call(qtbot, ops, refuse)
    view = _sync_view(qtbot, ops)
    panel = view.held_back
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2)
    texts = {panel.table.item(r, 3).text(): r for r in range(2)}
    assert "Số định danh không hợp lệ (gồm 12 chữ số)." in texts
    assert "Lý do khác (mã: brand_new_code)." in texts
    row = texts["Số định danh không hợp lệ (gồm 12 chữ số)."]
    assert "Trần Văn Hùng" in panel.table.item(row, 1).text()
    assert "máy chủ không nhận" in panel.table.item(row, 2).text()

    panel.select_row(row)
    with qtbot.waitSignal(panel.changed, timeout=15000):
        panel.retry_button.click()
    assert "gửi ở lần đồng bộ tới" in panel.message.text()
    left = call(qtbot, ops, lambda s: s.quarantined())
    assert [q["reason"] for q in left] == ["brand_new_code"]
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)


# --- fits small screens and large text ----------------------------------------------------------

CASES = [
    pytest.param(QSize(1280, 720), 100, id="1280x720-100pct"),
    pytest.param(QSize(1366, 768), 150, id="1366x768-150pct"),
]


@pytest.mark.parametrize(("size", "scale"), CASES)
def test_the_sync_page_and_the_merge_dialog_fit(qtbot, make_ops, demo_dir, qapp, size, scale):
    apply_style(qapp, scale)
    try:
        ops = make_ops("lead")
        (_, p1), (_, p2) = call(qtbot, ops, two_hoas)
        h1, _ = call(qtbot, ops, lambda s: family(s, "Cạnh chùa Vua", "Lê Văn Tám", sex="male"))
        h2, _ = call(qtbot, ops, lambda s: family(s, "Cạnh chùa Vua", "Lê Văn Tám"))
        call(qtbot, ops, _incoming_person_of_a_missing_household)
        session = call(qtbot, ops, lambda _s: open_and_assign(ops, demo_dir, "lead", PASSWORD))
        window = MainWindow(ops, session, Prefs(), demo_dir)
        qtbot.addWidget(window)
        window.sync_worker.auto_sync = False
        window.resize(size)
        window.show()
        window.activate()
        window.show_page("sync")
        view = window.pages["sync"]
        qtbot.waitUntil(lambda: view.duplicates.table.rowCount() >= 1, timeout=20000)
        qtbot.waitUntil(lambda: view.held_back.table.rowCount() == 1, timeout=20000)
        qtbot.waitUntil(lambda: window.busy.idle_for() > 0.3, timeout=20000)
        QApplication.processEvents()
        problems = layout_problems(window, size)

        for a, b in ((p1, p2), (h1, h2)):
            view.duplicates.select_candidate(_candidate_row(view, a, b))
            dialog = view.duplicates.open_selected()
            fit_into_screen(dialog, QRect(0, 0, size.width(), size.height()))
            qtbot.wait(50)
            QApplication.processEvents()
            what = f"merge dialog ({dialog.entity})"
            problems += [f"{what}: {p}" for p in layout_problems(dialog, size)]
            dialog.reject()
        window.close()
        assert not problems, "\n".join(problems)
    finally:
        apply_style(qapp, 100)


def test_the_merge_dialog_masks_id_numbers_and_names_the_consent(qtbot, make_ops):
    """The twelfth tryout: the merge dialog showed both ID numbers whole, with no reveal step,
    and the consent's scope as its code "ghi_tham_ho_va_chi_tra"."""
    from desktop_app.ui.merge_dialog import format_value

    ops = make_ops("lead")

    def two(store):
        one = family(store, "Số 3 ngõ 5", citizen_id="001141012345")
        other = family(store, "Số 3 ngõ 5", name="Nguyen Thi Hoa")  # no ID: may be the same
        return one, other

    (_h1, p1), (_h2, p2) = call(qtbot, ops, two)
    _view, dialog = _open_merge(qtbot, ops, p1, p2)
    shown = [label.text() for label in dialog.value_labels["citizen_id"]]
    assert sorted(shown) == ["001*******45", "—"], shown
    assert format_value("consent_scope", "ghi_tham_ho_va_chi_tra") == (
        "Thăm hộ, hỗ trợ và theo dõi chi trả"
    )
    dialog.reject()
