"""The payment-access report, checked against figures computed by hand (docs/METRICS.md)."""

from datetime import date

import pytest

from desktop_app.core.payment_metrics import (
    CHANGE_KEYS,
    compute_report,
    percentile,
    previous_period,
    too_few_to_compare,
)

AS_OF = date(2026, 10, 31)


def payment(person, period="2026-10", **kw):
    row = {
        "person_id": f"id-{person}",
        "person_name": f"Người {person}",
        "village": "Thôn Đông",
        "channel": "bank_account",
        "birth_year": 1940,
        "amount": 500_000,
        "credited_on": None,
        "withdrawn_on": None,
        "withdrawn_by": None,
        "travel_minutes": None,
        "distance_km": None,
        "fees": None,
        "barriers": [],
        "convenience": None,
        "period": period,
    }
    row.update(kw)
    return row


def d(month, day):
    return date(2026, month, day)


# Eight payments in October and two in September, figures worked out by hand below.
OCTOBER = [
    payment("A", credited_on=d(10, 5), withdrawn_on=d(10, 5), withdrawn_by="self",
            travel_minutes=10, distance_km=1.0, fees=0, convenience=5),
    payment("B", credited_on=d(10, 5), withdrawn_on=d(10, 7), withdrawn_by="helped",
            travel_minutes=30, distance_km=3.0, fees=3300, convenience=4),
    payment("C", credited_on=d(10, 5), withdrawn_on=d(10, 15), withdrawn_by="proxy",
            travel_minutes=20, distance_km=2.0, fees=1100, convenience=2, barriers=["forgot_pin"]),
    payment("D", credited_on=d(10, 5), barriers=["card_locked", "no_atm_nearby"]),
    payment("E", credited_on=d(9, 28), barriers=["card_locked"], village="Thôn Tây"),
    payment("F", barriers=["account_not_activated"], accounts_opened_flag=True),
    payment("G", credited_on=d(10, 20), withdrawn_on=d(10, 18), withdrawn_by="self"),
    payment("H", credited_on=d(10, 10), withdrawn_by="self"),
]  # fmt: skip
SEPTEMBER = [
    payment("A", "2026-09", credited_on=d(9, 5), withdrawn_on=d(9, 6), withdrawn_by="self"),
    # Withdrawn on 2 October: not yet withdrawn as of 30 September, the comparison date.
    payment("B", "2026-09", credited_on=d(9, 5), withdrawn_on=d(10, 2), withdrawn_by="self"),
]


@pytest.fixture
def report():
    return compute_report(OCTOBER + SEPTEMBER, period_from="2026-10", as_of=AS_OF)


def test_counts(report):
    assert report.rows_in_scope == 8
    assert report.recipients_paid == 7  # all but F (no credit date)
    assert report.people_paid == 7
    assert report.withdrew_count == 5  # A B C G H (H: withdrawn, date unknown)
    assert report.withdrew_pct == 71.4  # 5 / 7
    assert report.accounts_opened == 1


def test_delay_stats_nearest_rank(report):
    # A 0, B 2, C 10, G -2 -> 0 (flagged); H has no date and is left out.
    assert report.days_to_withdraw_n == 4
    assert report.days_to_withdraw_median == 0  # [0, 0, 2, 10], rank ceil(0.5*4) = 2
    assert report.days_to_withdraw_p90 == 10  # rank ceil(0.9*4) = 4


def test_not_withdrawn_as_of(report):
    assert report.not_withdrawn_after_7 == 2  # D (26 days), E (33 days)
    assert report.not_withdrawn_after_30 == 1  # E
    assert [(n.person_name, n.days_since_credit) for n in report.not_received] == [
        ("Người E", 33),
        ("Người D", 26),
    ]
    assert report.not_received[0].village == "Thôn Tây"
    assert report.not_received[1].barriers == ("card_locked", "no_atm_nearby")


def test_cost_and_help(report):
    assert report.travel_minutes_median == 20  # [10, 20, 30]
    assert report.distance_median == 2
    assert report.fees_paid_pct == 66.7  # 2 of [0, 1100, 3300] paid a fee
    assert report.fees_median == 1100  # of those who paid: [1100, 3300]
    assert report.needed_help_share == 40.0  # helped B + proxy C out of 5 known
    assert report.proxy_share == 20.0


def test_barriers_and_convenience(report):
    assert report.barrier_counts == {
        "card_locked": 2,
        "forgot_pin": 1,
        "no_atm_nearby": 1,
        "account_not_activated": 1,
    }
    assert list(report.barrier_counts)[0] == "card_locked"
    assert report.convenience_distribution == {1: 0, 2: 1, 3: 0, 4: 1, 5: 1}


def test_data_quality(report):
    assert report.data_quality == {"withdrawn_before_credited": 1, "withdrawn_date_missing": 1}


def test_previous_period_is_judged_at_the_same_distance(report):
    prev = report.previous
    assert (prev.period_from, prev.period_to, prev.as_of) == ("2026-09", "2026-09", d(9, 30))
    assert prev.recipients_paid == 2
    assert prev.withdrew_count == 1
    assert prev.withdrew_pct == 50.0
    assert prev.days_to_withdraw_median == 1
    assert prev.not_withdrawn_after_7 == 1
    # two payments are too few to compare with (the fifteenth tryout: one stray payment made
    # every card say "−13.9 points"): no change, and the report says why
    assert set(report.change) == set(CHANGE_KEYS)
    assert all(v is None for v in report.change.values())
    assert too_few_to_compare(report)
    # three times the September (six payments, other people): the same shares, compared
    tripled = [
        dict(r, person_id=f"{r['person_id']}-{i}", person_name=f"{r['person_name']} {i}")
        for r in SEPTEMBER
        for i in range(3)
    ]
    report = compute_report(OCTOBER + tripled, period_from="2026-10", as_of=AS_OF)
    assert not too_few_to_compare(report)
    assert report.previous.recipients_paid == 6 and report.previous.withdrew_pct == 50.0
    assert report.change["recipients_paid"] == 1
    assert report.change["withdrew_pct"] == 21.4
    assert report.change["days_to_withdraw_median"] == -1
    assert report.change["travel_minutes_median"] is None  # no travel recorded in September
    assert set(report.change) == set(CHANGE_KEYS)


def test_no_payments_at_all():
    report = compute_report([], period_from="2026-10", as_of=AS_OF)
    assert report.recipients_paid == report.withdrew_count == 0
    assert report.withdrew_pct is None
    assert report.days_to_withdraw_median is None and report.days_to_withdraw_p90 is None
    assert report.travel_minutes_median is None and report.fees_median is None
    assert report.needed_help_share is None and report.proxy_share is None
    assert report.barrier_counts == {} and report.not_received == []
    assert report.convenience_distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}
    assert all(v is None for v in report.change.values())


def test_rows_but_nobody_credited():
    report = compute_report([payment("F")], period_from="2026-10", as_of=AS_OF)
    assert report.rows_in_scope == 1 and report.recipients_paid == 0
    assert report.withdrew_pct is None


def test_single_row():
    rows = [payment("A", credited_on=d(10, 1), withdrawn_on=d(10, 4), withdrawn_by="self",
                    travel_minutes=15, distance_km=0.5, fees=0, convenience=3)]  # fmt: skip
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    assert report.withdrew_pct == 100.0
    assert report.days_to_withdraw_median == report.days_to_withdraw_p90 == 3
    assert report.travel_minutes_median == 15 and report.distance_median == 0.5
    assert report.needed_help_share == 0.0


def test_withdrawn_before_credited_counts_as_zero_days_and_is_flagged():
    rows = [payment("A", credited_on=d(10, 10), withdrawn_on=d(10, 1), withdrawn_by="self")]
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    assert report.days_to_withdraw_median == 0
    assert report.withdrew_count == 1
    assert report.data_quality == {"withdrawn_before_credited": 1}


def test_missing_dates():
    rows = [
        payment("A", withdrawn_on=d(10, 3), withdrawn_by="self"),  # never credited
        payment("B", credited_on=d(10, 1), withdrawn_by="proxy"),  # withdrawn, no date
        payment("C", credited_on=d(10, 1), withdrawn_on="not a date"),
    ]
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    assert report.recipients_paid == 2  # B and C; A is not paid
    assert report.withdrew_count == 1  # B
    assert report.days_to_withdraw_n == 0 and report.days_to_withdraw_median is None
    assert report.proxy_share == 100.0
    assert report.not_withdrawn_after_30 == 1  # C, 30 days
    assert report.data_quality == {
        "bad_date": 1,
        "withdrawn_date_missing": 1,
        "withdrawn_not_credited": 1,
    }


def test_ties():
    rows = [
        payment(p, credited_on=d(10, 1), withdrawn_on=d(10, 4), withdrawn_by="self", fees=1100)
        for p in "ABCD"
    ]
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    assert report.days_to_withdraw_median == report.days_to_withdraw_p90 == 3
    assert report.fees_median == 1100


def test_the_fee_is_the_share_who_paid_and_what_they_paid():
    """The eighth tryout: with about half paying nothing, a median over everyone read 0 đ one
    month and 1,100 đ the next, and said neither how many pay nor how much."""
    fees = {9: [0, 0, 0, 2200, 2200, 2200], 10: [0, 0, 0, 2200, 3300]}
    rows = [
        payment(f"{month}-{i}", period=f"2026-{month:02d}", credited_on=d(month, 1),
                withdrawn_on=d(month, 2), withdrawn_by="self", fees=fee)
        for month, values in fees.items()
        for i, fee in enumerate(values)
    ]  # fmt: skip
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    assert report.fees_paid_pct == 40.0 and report.fees_median == 2200
    assert report.previous.fees_paid_pct == 50.0 and report.previous.fees_median == 2200
    assert report.change["fees_paid_pct"] == -10.0 and report.change["fees_median"] == 0
    nobody = [
        payment("A", credited_on=d(10, 1), withdrawn_on=d(10, 2), withdrawn_by="self", fees=0),
        payment("B", credited_on=d(10, 1), withdrawn_on=d(10, 2), withdrawn_by="self"),
    ]
    report = compute_report(nobody, period_from="2026-10", as_of=AS_OF)
    assert report.fees_paid_pct == 0.0 and report.fees_median is None  # 1 recorded, 0 paid


def test_thresholds_are_at_least_7_and_30_full_days():
    rows = [
        payment("A", credited_on=d(10, 25)),  # 6 days
        payment("B", credited_on=d(10, 24)),  # 7 days
        payment("C", credited_on=d(10, 2)),  # 29 days
        payment("D", credited_on=d(10, 1)),  # 30 days
    ]
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    assert report.not_withdrawn_after_7 == 3
    assert report.not_withdrawn_after_30 == 1


def test_events_after_as_of_do_not_count():
    rows = [
        payment("A", credited_on=d(10, 1), withdrawn_on=d(11, 2), withdrawn_by="self"),
        payment("B", credited_on=d(11, 1)),
    ]
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    assert report.recipients_paid == 1 and report.withdrew_count == 0
    assert report.not_withdrawn_after_30 == 1


def test_filters():
    rows = OCTOBER + [
        payment("Z", credited_on=d(10, 1), channel="post_office_cash", birth_year=1960)
    ]
    by_village = compute_report(rows, period_from="2026-10", as_of=AS_OF, village="Thôn Tây")
    assert by_village.recipients_paid == 1 and by_village.not_withdrawn_after_30 == 1
    by_channel = compute_report(
        rows, period_from="2026-10", as_of=AS_OF, channel=["post_office_cash", "mobile_money"]
    )
    assert by_channel.rows_in_scope == 1
    by_age = compute_report(rows, period_from="2026-10", as_of=AS_OF, age_band="under_75")
    assert by_age.rows_in_scope == 1
    assert by_age.filters == {"age_band": "under_75"}
    old = compute_report(rows, period_from="2026-10", as_of=AS_OF, age_band="80_plus")
    assert old.rows_in_scope == 8


def test_period_range_and_previous_range():
    assert previous_period("2026-09", "2026-10") == ("2026-07", "2026-08")
    assert previous_period("2026-01", "2026-01") == ("2025-12", "2025-12")
    report = compute_report(
        OCTOBER + SEPTEMBER, period_from="2026-09", period_to="2026-10", as_of=AS_OF
    )
    assert report.rows_in_scope == 10
    # A person with payments in both months counts once in people_paid.
    assert report.recipients_paid == 9 and report.people_paid == 7
    assert report.previous.as_of == d(8, 31)
    assert report.change["recipients_paid"] is None  # nothing in July-August to compare with


def test_not_received_groups_payments_per_person():
    rows = [
        payment("A", "2026-09", credited_on=d(9, 5)),
        payment("A", "2026-10", credited_on=d(10, 5)),
    ]
    report = compute_report(rows, period_from="2026-09", period_to="2026-10", as_of=AS_OF)
    (item,) = report.not_received
    assert (item.days_since_credit, item.payments) == (56, 2)


def test_report_rows_hold_no_id_number_or_category():
    rows = [
        payment("A", credited_on=d(10, 1), citizen_id="001190012345", category="hiv_adult_poor")
    ]
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    (kept,) = report.rows
    assert "citizen_id" not in kept and "category" not in kept and "person_id" not in kept
    assert "001190012345" not in repr(report)


def test_bad_period_and_unknown_barrier_are_reported():
    rows = [payment("A", period="10/2026"), payment("B", barriers=["made_up"], convenience=9)]
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    assert report.barrier_counts == {"other": 1}
    assert report.data_quality == {
        "bad_period": 1,
        "convenience_out_of_range": 1,
        "unknown_barrier": 1,
    }


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([], 50, None),
        ([7], 50, 7),
        ([7], 90, 7),
        ([1, 2, 3, 4], 50, 2),
        ([4, 3, 2, 1], 90, 4),
        ([1, 2, 3, 4, 5], 50, 3),
        (list(range(1, 11)), 90, 9),
        (list(range(1, 11)), 91, 10),
        ([5, 5, 5, 9], 50, 5),
    ],
)
def test_percentile_nearest_rank(values, p, expected):
    assert percentile(values, p) == expected


def test_bad_period_arguments():
    with pytest.raises(ValueError):
        compute_report([], period_from="2026-13", as_of=AS_OF)
    with pytest.raises(ValueError):
        compute_report([], period_from="2026-10", period_to="2026-09", as_of=AS_OF)
