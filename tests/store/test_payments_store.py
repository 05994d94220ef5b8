"""Benefits and monthly payments in the store."""

from __future__ import annotations

import pytest

from desktop_app.core.errors import ValidationError


def _benefit(store):
    pid = store.db.execute("SELECT id FROM person WHERE deleted = 0 LIMIT 1").fetchone()[0]
    return store.add_benefit(
        pid,
        {
            "scheme": "social_allowance",
            "category": "elderly_80_no_pension",
            "monthly_amount": "500.000",
            "channel": "bank_account",
            "provider": "Agribank",
            "account_last4": "****1234",
        },
    )


def test_full_account_numbers_are_refused(open_demo):
    store = open_demo("volunteer")
    pid = store.db.execute("SELECT id FROM person LIMIT 1").fetchone()[0]
    with pytest.raises(ValidationError) as err:
        store.add_benefit(
            pid,
            {
                "scheme": "social_pension",
                "monthly_amount": 500000,
                "channel": "bank_account",
                "account_last4": "0123456789012",
            },
        )
    assert err.value.code == "account_full_number"
    b = _benefit(store)
    assert b["account_last4"] == "1234" and b["monthly_amount"] == 500000


def test_one_payment_per_benefit_and_month(open_demo):
    store = open_demo("volunteer")
    b = _benefit(store)
    p1 = store.record_payment(b["id"], "2026-10", {"credited_on": "2026-10-10"})
    p2 = store.record_payment(
        b["id"],
        "2026-10",
        {
            "withdrawn_on": "12/10/2026",
            "barriers": ["forgot_pin"],
            "travel_minutes": 40,
            "convenience": 2,
        },
    )
    assert p2["id"] == p1["id"] and p2["version"] == 2
    # the date alone never says who withdrew (issue 19): "who" stays not recorded
    assert p2["withdrawn_by"] is None and p2["amount"] == 500000
    rows = store.payment_rows("2026-10", "2026-10")
    assert [r["withdrawn_on"] for r in rows if r["person_id"] == b["person_id"]] == ["2026-10-12"]
    with pytest.raises(ValidationError):
        store.record_payment(b["id"], "2026-13", {})
    with pytest.raises(ValidationError):
        store.record_payment(b["id"], "2026-09", {"convenience": 7})
    with pytest.raises(ValidationError):
        store.record_payment(b["id"], "2026-09", {"barriers": ["bad_luck"]})
    grid = store.month_grid("2026-10")
    row = next(r for r in grid if r["benefit_id"] == b["id"])
    assert row["payment_id"] == p1["id"] and row["barriers"] == ["forgot_pin"]


def test_payment_lookups_use_an_index(open_demo):
    """The payments page reads each recipient's payments and each benefit's month: by index,
    never by reading every payment (a 20,000-household commune waited 21 minutes; issue 17)."""
    store = open_demo("lead")
    plans = {
        "person": "SELECT * FROM payment WHERE person_id = ? AND deleted = 0 ORDER BY period DESC",
        "benefit": "SELECT id FROM payment WHERE benefit_id = ? AND period = ? AND deleted = 0",
    }
    for name, sql in plans.items():
        args = ("x",) if name == "person" else ("x", "2026-11")
        plan = " ".join(r[-1] for r in store.db.execute("EXPLAIN QUERY PLAN " + sql, args))
        assert f"USING INDEX payment_{name}" in plan, plan


def test_a_month_keeps_the_channel_it_was_received_by(open_demo):
    """A person moves from cash at home to a bank account: the months before stay counted as
    cash in the report (the "by channel" figures), the months after count as the account."""
    store = open_demo("volunteer")
    b = _benefit(store)
    store.update_benefit(b["id"], {"channel": "home_delivery"})
    store.record_payment(b["id"], "2026-09", {"credited_on": "2026-09-10"})
    store.update_benefit(b["id"], {"channel": "bank_account"})
    store.record_payment(b["id"], "2026-10", {"credited_on": "2026-10-10"})
    # a correction of September made after the change does not move it
    store.record_payment(b["id"], "2026-09", {"withdrawn_on": "2026-09-12", "withdrawn_by": "self"})
    # a month recorded late, for a month the money still came in cash, says so itself
    store.record_payment(b["id"], "2026-08", {"channel": "home_delivery"})

    def channels():
        rows = store.payment_rows("2026-08", "2026-10")
        return {r["period"]: r["channel"] for r in rows if r["person_id"] == b["person_id"]}

    assert channels() == {
        "2026-08": "home_delivery",
        "2026-09": "home_delivery",
        "2026-10": "bank_account",
    }
    # a payment from before schema 9 (an older laptop's) has none: its benefit's channel
    store.db.execute("UPDATE payment SET channel = NULL WHERE period = '2026-08'")
    assert channels()["2026-08"] == "bank_account"
    with pytest.raises(ValidationError) as err:
        store.record_payment(b["id"], "2026-07", {"channel": "pigeon"})
    assert err.value.code == "channel_unknown"
    assert "2026-07" not in channels()


def test_a_benefit_is_edited_and_cannot_end_before_it_starts(open_demo):
    store = open_demo("volunteer")
    b = _benefit(store)
    edited = store.update_benefit(
        b["id"],
        {"monthly_amount": "540.000", "status": "ended", "end_on": "30/11/2026", "notes": "chuyển"},
    )
    assert (edited["monthly_amount"], edited["status"], edited["end_on"]) == (
        540_000,
        "ended",
        "2026-11-30",
    )
    with pytest.raises(ValidationError) as err:
        store.update_benefit(b["id"], {"start_on": "2026-01-01", "end_on": "2025-12-31"})
    assert err.value.code == "date_order" and "trước ngày bắt đầu" in err.value.message("vi")
    assert store.benefits_for_person(b["person_id"])[0]["end_on"] == "2026-11-30"
    # an ended benefit is still the person's one benefit of that scheme and category
    with pytest.raises(ValidationError) as err:
        store.add_benefit(
            b["person_id"],
            {
                "scheme": "social_allowance",
                "category": "elderly_80_no_pension",
                "monthly_amount": 500_000,
                "channel": "bank_account",
            },
        )
    assert err.value.code == "benefit_twice" and "Sửa chế độ" in err.value.message("vi")


def test_the_report_rows_know_whose_account_the_team_opened(open_demo):
    """``accounts_opened_flag`` is read once for the report (a count per payment row read the
    whole assistance table each time: 61 s for 40,000 households' six months; issue 17), and it
    counts only a done "open account" of that very person, while it is not deleted."""
    store = open_demo("lead")
    b = _benefit(store)
    store.record_payment(b["id"], "2026-10", {"credited_on": "2026-10-10"})
    person_id, household_id = store.db.execute(
        "SELECT id, household_id FROM person WHERE id = ?", (b["person_id"],)
    ).fetchone()

    def flag() -> bool:
        rows = [r for r in store.payment_rows("2026-10", "2026-10") if r["person_id"] == person_id]
        assert len(rows) == 1
        return rows[0]["accounts_opened_flag"]

    store.db.execute(
        "UPDATE assistance SET deleted = 1 WHERE person_id = ? AND kind = 'open_account'",
        (person_id,),
    )
    assert flag() is False
    item = store.add_assistance(
        household_id, {"kind": "open_account", "status": "open", "person_id": person_id}
    )
    assert flag() is False  # asked for, not done yet
    store.update_assistance(item["id"], {"status": "done"})
    assert flag() is True
    others = [r for r in store.payment_rows("2026-10", "2026-10") if r["person_id"] != person_id]
    opened = {
        r[0]
        for r in store.db.execute(
            "SELECT person_id FROM assistance WHERE kind = 'open_account' AND status = 'done'"
            " AND deleted = 0"
        )
    }
    assert all(r["accounts_opened_flag"] == (r["person_id"] in opened) for r in others)


def test_a_date_in_the_future_is_named(open_demo):
    """The fifteenth tryout read "Ngày này ở tương lai." with both dates filled in."""
    from datetime import date, timedelta

    store = open_demo("volunteer")
    b = _benefit(store)
    soon = date.today() + timedelta(days=3)
    for field, words in (("credited_on", "Ngày tiền về"), ("withdrawn_on", "Ngày rút")):
        with pytest.raises(ValidationError) as err:
            store.record_payment(b["id"], "2026-10", {field: soon.isoformat()})
        assert err.value.code == "date_future" and err.value.field == field
        assert err.value.message("vi").startswith(f"{words} {soon:%d/%m/%Y} ở tương lai")
