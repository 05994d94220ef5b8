"""The dashboard's cells merge into exactly the figures of compute_report (one definition)."""

import random
from datetime import date, timedelta

import pytest

from desktop_app.core.metrics_cells import (
    FIGURE_BASIS,
    SUPPRESSED,
    Cell,
    cells_for_rows,
    merge,
    suppress,
)
from desktop_app.core.payment_metrics import compute_report

AS_OF = date(2026, 10, 31)
SUMMARY = (
    "rows_in_scope",
    "recipients_paid",
    "withdrew_count",
    "withdrew_pct",
    "days_to_withdraw_n",
    "days_to_withdraw_median",
    "days_to_withdraw_p90",
    "not_withdrawn_after_7",
    "not_withdrawn_after_30",
    "travel_minutes_median",
    "distance_median",
    "fees_paid_pct",
    "fees_median",
    "needed_help_share",
    "proxy_share",
    "accounts_opened",
    "barrier_counts",
    "convenience_distribution",
    "data_quality",
)


def random_rows(seed: int, n: int = 400) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        period = rng.choice(["2026-08", "2026-09", "2026-10", "2026-10", "bad"])
        credited = rng.choice(
            [None, "not a date", AS_OF + timedelta(days=3)]
            + [AS_OF - timedelta(days=rng.randint(0, 90)) for _ in range(6)]
        )
        withdrawn = None
        if rng.random() < 0.7 and isinstance(credited, date):
            withdrawn = credited + timedelta(days=rng.randint(-2, 40))
        rows.append(
            {
                "person_id": f"p{rng.randint(1, n // 2)}",
                "person_name": f"Người {i}",
                "village": rng.choice(["Thôn Đông", "Thôn Tây", "Tổ 3"]),
                "channel": rng.choice(["bank_account", "post_office_cash", None]),
                "birth_year": rng.choice([None, 1930, 1946, 1950, 1960, 2100]),
                "credited_on": credited,
                "withdrawn_on": withdrawn,
                "withdrawn_by": rng.choice([None, "self", "proxy", "helped"]),
                "travel_minutes": rng.choice([None, 0, 10, 25, 60]),
                "distance_km": rng.choice([None, 0.5, 2, 7.5]),
                "fees": rng.choice([None, 0, 3300, 11000]),
                "barriers": rng.sample(["forgot_pin", "fees", "zzz", "other"], rng.randint(0, 2)),
                "convenience": rng.choice([None, 1, 3, 5, 9]),
                "accounts_opened_flag": rng.random() < 0.1,
                "period": period,
            }
        )
    return rows


@pytest.mark.parametrize("seed", range(8))
def test_merged_cells_equal_compute_report(seed):
    rows = random_rows(seed)
    cells = cells_for_rows(rows, as_of=AS_OF)
    # round trip through the JSON kept in the database
    cells = {k: Cell.from_json(c.to_json()) for k, c in cells.items()}
    for period_from, period_to in (("2026-10", "2026-10"), ("2026-08", "2026-10")):
        months = {"2026-08", "2026-09", "2026-10"} if period_from != period_to else {"2026-10"}
        report = compute_report(
            rows, period_from=period_from, period_to=period_to, as_of=AS_OF, compare_previous=False
        )
        figures = merge(c for (p, dim, _), c in cells.items() if p in months and dim == "total")
        quality = {k: v for k, v in report.data_quality.items() if k != "bad_period"}
        for key in SUMMARY:
            want = quality if key == "data_quality" else getattr(report, key)
            assert figures[key] == want, key
    for dim, flt in (("village", "village"), ("channel", "channel"), ("age_band", "age_band")):
        keys = {k for (p, d, k) in cells if d == dim and p == "2026-10"}
        assert keys
        for key in keys:
            if dim == "channel" and key == "":
                continue  # no filter value selects a missing channel
            report = compute_report(
                rows, period_from="2026-10", as_of=AS_OF, compare_previous=False, **{flt: key}
            )
            figures = merge([cells[("2026-10", dim, key)]])
            for name in SUMMARY[:-1]:
                assert figures[name] == getattr(report, name), (dim, key, name)


def test_small_cells_are_suppressed():
    def total(rows):
        return merge(
            c for (_, dim, _), c in cells_for_rows(rows, as_of=AS_OF).items() if dim == "total"
        )

    figures = total(random_rows(1, 12))
    shown = suppress(figures)
    for key, value in figures.items():
        if (
            FIGURE_BASIS.get(key, "") is None
            and 0 < value < 5
            or FIGURE_BASIS.get(key)
            and figures[FIGURE_BASIS[key]] < 5
            and value is not None
        ):
            assert shown[key] == SUPPRESSED, key
    assert not any(k.startswith("_") for k in shown)
    one = [r for r in random_rows(2, 60) if r["period"] == "2026-10"][:3]
    shown = suppress(total(one))
    assert shown["rows_in_scope"] == SUPPRESSED
    assert shown["withdrew_pct"] in (SUPPRESSED, None)
    assert all(v in (0, SUPPRESSED) for v in shown["convenience_distribution"].values())


def test_the_need_breakdown_counts_a_row_under_each_of_its_needs():
    rows = random_rows(3, 200)
    for i, row in enumerate(rows):
        row["needs"] = [["lives_alone"], ["lives_alone", "low_vision"], []][i % 3]
    cells = cells_for_rows(rows, as_of=AS_OF)
    month = [r for r in rows if r["period"] == "2026-10"]
    assert cells[("2026-10", "need", "none")].rows == sum(1 for r in month if not r["needs"])
    assert cells[("2026-10", "need", "low_vision")].rows == sum(
        1 for r in month if "low_vision" in r["needs"]
    )
    assert cells[("2026-10", "need", "lives_alone")].rows == sum(1 for r in month if r["needs"])


# --- secondary suppression (the tryout: a "< 5" cell was the total minus the shown cells) ------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from desktop_app.core.metrics_cells import HIDDEN, suppress_group  # noqa: E402


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 40), max_size=12))
def test_a_group_never_has_exactly_one_hidden_cell(counts):
    """Whatever the counts of a breakdown: every 1–4 is hidden, every shown value is the true
    one, and never exactly one cell is hidden (so total − shown cells reveals nothing)."""
    shown = suppress_group(counts)
    assert shown.keys() == counts.keys()
    hidden = [k for k, v in shown.items() if v in (SUPPRESSED, HIDDEN)]
    assert len(hidden) != 1 or sum(counts.values()) == counts[hidden[0]]
    for key, value in counts.items():
        if 0 < value < 5:
            assert shown[key] == SUPPRESSED
        elif shown[key] == HIDDEN:
            assert value >= 5
        else:
            assert shown[key] == value
    # the second hidden cell is the smallest that could be chosen: no more is hidden than needed
    small_ones = [k for k, v in counts.items() if 0 < v < 5]
    extra = [k for k, v in shown.items() if v == HIDDEN]
    assert len(extra) == (
        1
        if len(small_ones) == 1 and len(counts) > 1 and any(v >= 5 for v in counts.values())
        else 0
    )
    if extra:
        assert counts[extra[0]] == min(v for v in counts.values() if v >= 5)


def test_the_figures_breakdowns_get_the_secondary_rule():
    """Who withdrew adds up to the withdrawals: one "< 5" there hides a second cell too."""
    figures = {"withdrawn_by_counts": {"self": 40, "proxy": 3, "helped": 9, "not_recorded": 0}}
    shown = suppress(figures)["withdrawn_by_counts"]
    assert shown == {"self": 40, "proxy": SUPPRESSED, "helped": HIDDEN, "not_recorded": 0}


def test_lagged_cells_are_the_laptops_previous_period():
    """The dashboard's previous period of a one-month view: the month before, judged as of the
    day moved back a month (compute_report's ``previous``), from cells made with that as_of."""
    from city_server.dashboard.cells import lagged

    rows = random_rows(5, 600)
    for row in rows:  # rows of September and October, some withdrawn late
        if row["period"] == "2026-08":
            row["period"] = "2026-09"
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    back = cells_for_rows(rows, as_of=lagged(AS_OF, 1), dims=("total",))
    now = cells_for_rows(rows, as_of=AS_OF, dims=("total",))
    judged_back = merge([back[("2026-09", "total", "")]])
    judged_now = merge([now[("2026-09", "total", "")]])
    for key in ("recipients_paid", "withdrew_pct", "not_withdrawn_after_30", "days_to_withdraw_n"):
        assert judged_back[key] == getattr(report.previous, key), key
    # and it is not the same as judging September today (what the tryout saw)
    assert any(
        judged_now[k] != getattr(report.previous, k)
        for k in ("withdrew_pct", "not_withdrawn_after_30", "recipients_paid")
    )


# --- shares must not give a hidden count back (the second tryout: 100 paid beside "2 %") --------

from collections import Counter  # noqa: E402

from desktop_app.core.metrics_cells import (  # noqa: E402
    HIDDEN_SHARE,
    SHARES,
    share_parts,
    suppress_rows,
)

PAID_SHARES = [k for k, (_, basis) in SHARES.items() if basis == "recipients_paid"]
# the shares of one row that are each 100 % minus another once a month is 30 days old
LINKED_SHARES = ("withdrew_pct", "not_withdrawn_after_7_pct", "not_withdrawn_after_30_pct")


def _cell(paid, withdrew, late7, late30, self_, proxy, helped):
    return Cell(
        rows=paid,
        paid=paid,
        withdrew=withdrew,
        late7=late7,
        late30=late30,
        help=Counter(self=self_, proxy=proxy, helped=helped),
    )


@st.composite
def _cells(draw):
    paid = draw(st.integers(0, 120))
    withdrew = draw(st.integers(0, paid))
    late7 = draw(st.integers(0, paid - withdrew))
    late30 = draw(st.integers(0, late7))
    self_ = draw(st.integers(0, withdrew))
    proxy = draw(st.integers(0, withdrew - self_))
    helped = draw(st.integers(0, withdrew - self_ - proxy))
    return _cell(paid, withdrew, late7, late30, self_, proxy, helped)


def _hidden(value):
    return value in (SUPPRESSED, HIDDEN, HIDDEN_SHARE)


@settings(max_examples=400, deadline=None)
@given(st.lists(_cells(), min_size=1, max_size=9))
def test_no_shown_share_gives_a_hidden_count_back(cells):
    """Rows of a table (villages of a commune) and their total: a share shown beside shown
    payments never gives a count of 1–4 back (numerator or complement), a row with hidden
    payments shows no share of them, and per share column never exactly one row is hidden
    (else the total's share × payments minus the shown rows would give it back)."""
    raw = {f"v{i}": merge([c]) for i, c in enumerate(cells)}
    shown = suppress_rows(raw)
    total_raw = merge(cells)
    total = suppress(total_raw)
    for key, row in shown.items():
        for share in SHARES:
            value = row.get(share)
            if not isinstance(value, int | float):
                continue
            numerator, denominator = share_parts(raw[key], share)
            assert not 0 < numerator < 5 and not 0 < denominator - numerator < 5, (key, share)
            if share in PAID_SHARES:
                paid = row["recipients_paid"]
                assert isinstance(paid, int), (key, share, paid)  # never beside a hidden paid
                implied = round(value * paid / 100)
                assert not 0 < implied < 5 and not 0 < paid - implied < 5
    for key, row in shown.items():  # a hidden share is not 100 % − (or =) a shown one
        figures = raw[key]
        paid, withdrew = figures["recipients_paid"], figures["withdrew_count"]
        late = {7: figures["not_withdrawn_after_7"], 30: figures["not_withdrawn_after_30"]}
        pairs = [
            ("withdrew_pct", f"not_withdrawn_after_{n}_pct")
            for n in (7, 30)
            if withdrew + late[n] == paid
        ]
        if late[7] == late[30]:
            pairs.append(("not_withdrawn_after_7_pct", "not_withdrawn_after_30_pct"))
        for one, other in pairs:
            values = (row.get(one), row.get(other))
            assert not (_hidden(values[0]) and isinstance(values[1], int | float)), (key, one)
            assert not (_hidden(values[1]) and isinstance(values[0], int | float)), (key, other)
    for share in SHARES:
        hidden = [k for k, row in shown.items() if _hidden(row.get(share))]
        if len(hidden) == 1 and isinstance(total.get(share), int | float):
            # the only way out: no other row had anything to hide (all others empty)
            others = [k for k in raw if k != hidden[0] and share_parts(raw[k], share)[1] > 0]
            assert not [k for k in others if not _hidden(shown[k].get(share))], share
    # the figures of one commune: the same rules without a table
    for share in SHARES:
        value = total.get(share)
        if isinstance(value, int | float):
            numerator, denominator = share_parts(total_raw, share)
            assert not 0 < numerator < 5 and not 0 < denominator - numerator < 5


def test_the_tryouts_cases_are_hidden():
    """Ba Đình: 100 paid, 2 not withdrawn after 30 days shown as 2 %; a village of 11 paid with
    1 not withdrawn (9,1 %); a channel whose payments are "x" beside 80 % withdrawn."""
    figures = merge([_cell(100, 90, 6, 2, 80, 5, 5)])
    shown = suppress(figures)
    assert shown["not_withdrawn_after_30"] == SUPPRESSED
    assert shown["not_withdrawn_after_30_pct"] == HIDDEN_SHARE
    assert shown["not_withdrawn_after_7_pct"] == 6.0  # 6 people: a count that may be shown
    village = suppress(merge([_cell(11, 10, 1, 1, 10, 0, 0)]))
    assert village["withdrew_pct"] == HIDDEN_SHARE  # 1 not withdrawn: the complement
    assert village["not_withdrawn_after_30_pct"] == HIDDEN_SHARE
    rows = suppress_rows(
        {
            "bank_account": merge([_cell(92, 80, 12, 6, 70, 5, 5)]),
            "cash_at_commune": merge([_cell(5, 4, 1, 0, 4, 0, 0)]),
            "post_office_cash": merge([_cell(3, 3, 0, 0, 3, 0, 0)]),
        }
    )
    assert rows["post_office_cash"]["recipients_paid"] == SUPPRESSED
    assert rows["cash_at_commune"]["recipients_paid"] == HIDDEN
    assert all(_hidden(rows["cash_at_commune"][k]) for k in PAID_SHARES)
    assert all(_hidden(rows["post_office_cash"][k]) for k in PAID_SHARES)
    # who withdrew shows proxy "< 5": the shares of help must not give it back
    helped = suppress(merge([_cell(60, 50, 5, 5, 40, 3, 7)]))
    assert helped["withdrawn_by_counts"]["proxy"] == SUPPRESSED
    assert helped["proxy_share"] == HIDDEN_SHARE
    assert helped["needed_help_share"] == HIDDEN_SHARE


def test_a_share_hidden_by_the_column_rule_is_not_given_back_by_its_row():
    """The seventh tryout: in October (every payment over 30 days old) Từ Liêm's "% not
    withdrawn after 30 days" was "< 5" (4 of 80), so the column rule hid Thuận An's (5 of 100)
    too — but Thuận An still showed 95 % withdrawn, i.e. 5 % not withdrawn after 30 days, and
    the city's total minus the shown communes then gave Từ Liêm's 4 back."""
    rows = suppress_rows(
        {
            "Từ Liêm": merge([_cell(80, 76, 4, 4, 70, 3, 3)]),
            "Thuận An": merge([_cell(100, 95, 5, 5, 85, 5, 5)]),
            "Nội Bài": merge([_cell(43, 3, 40, 40, 3, 0, 0)]),  # 3 withdrew: "< 5"
            "Hoàn Kiếm": merge([_cell(300, 240, 60, 60, 200, 20, 20)]),
            "Ba Đình": merge([_cell(250, 200, 50, 50, 170, 15, 15)]),
        }
    )
    assert _hidden(rows["Từ Liêm"]["not_withdrawn_after_30_pct"])
    # the 3 of 43 who withdrew are not given back as 100 % − 93 % not withdrawn after 30 days
    assert all(_hidden(rows["Nội Bài"][s]) for s in LINKED_SHARES)
    for name, row in rows.items():  # no row shows one of them beside another hidden
        assert len({_hidden(row[s]) for s in LINKED_SHARES}) == 1, name
    for share in LINKED_SHARES:  # and no column hides exactly one
        assert sum(_hidden(row[share]) for row in rows.values()) != 1, share
    assert rows["Hoàn Kiếm"]["withdrew_pct"] == 80.0  # the others keep their figures


def test_a_month_not_30_days_old_keeps_its_share_withdrawn_beside_a_hidden_wait():
    """The ninth tryout: a ward's November, 79 of 100 withdrawn, 2 not withdrawn after 30 days
    ("< 5"), 19 more not yet 30 days old. % withdrawn does not give the 2 back (it is 100 % −
    21 %), so it is shown — as on the official's overview, which hides each figure alone —
    and never «ẩn» on the ward's page only."""
    ward = merge([_cell(100, 79, 21, 2, 52, 12, 15)])
    rows = suppress_rows({"Giảng Võ": ward, "Ngọc Hà": merge([_cell(120, 90, 30, 10, 80, 5, 5)])})
    alone = suppress(ward)
    assert alone["not_withdrawn_after_30_pct"] == HIDDEN_SHARE
    assert rows["Giảng Võ"]["withdrew_pct"] == alone["withdrew_pct"] == 79.0
    assert rows["Giảng Võ"]["not_withdrawn_after_7_pct"] == 21.0
    # once every payment is 30 days old the two give each other back: both hidden
    settled = suppress_rows({"a": merge([_cell(100, 98, 2, 2, 90, 4, 4)]), "b": ward})
    assert _hidden(settled["a"]["withdrew_pct"]) and _hidden(
        settled["a"]["not_withdrawn_after_30_pct"]
    )


# --- a change between two periods never gives a hidden figure back (the fourth tryout) -----------

from desktop_app.core.metrics_cells import HIDDEN_CHANGE, change_of  # noqa: E402

CHANGED = (
    "days_to_withdraw_median",
    "withdrew_pct",
    "not_withdrawn_after_7_pct",
    "not_withdrawn_after_30_pct",
    "recipients_paid",
    "not_withdrawn_after_30",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_cells(), _cells()), min_size=1, max_size=8))
def test_no_change_gives_a_hidden_figure_back(pairs):
    """The communes table shows each commune's figure and its change against the month
    before (its own table, through ``suppress_rows``). A change is a number only when both
    figures are shown numbers, and then it is exactly their difference: the earlier figure it
    gives back (figure minus change) is one the rules already let be shown. Beside a hidden
    figure, on either side, the change is hidden too."""
    now = suppress_rows({f"c{i}": merge([a]) for i, (a, _) in enumerate(pairs)})
    before = suppress_rows({f"c{i}": merge([b]) for i, (_, b) in enumerate(pairs)})
    for key in now:
        for figure in CHANGED:
            a, b = now[key].get(figure), before[key].get(figure)
            change = change_of(now[key], before[key], figure)
            if _hidden(a) or _hidden(b):
                assert change in (HIDDEN_CHANGE, None), (figure, a, b, change)
                if a is not None and b is not None and before[key].get("rows_in_scope"):
                    assert change == HIDDEN_CHANGE
                continue
            if isinstance(change, int | float):
                assert isinstance(a, int | float) and isinstance(b, int | float)
                assert abs((a - change) - b) < 0.051, (figure, a, b, change)


def test_a_change_beside_a_hidden_figure_is_hidden():
    shown = suppress(merge([_cell(100, 90, 6, 2, 80, 5, 5)]))  # 2 late after 30: hidden
    earlier = suppress(merge([_cell(100, 80, 20, 10, 70, 5, 5)]))
    assert change_of(shown, earlier, "not_withdrawn_after_30_pct") == HIDDEN_CHANGE
    assert change_of(earlier, shown, "not_withdrawn_after_30_pct") == HIDDEN_CHANGE
    assert change_of(shown, earlier, "withdrew_pct") == 10.0
    assert change_of(shown, {}, "withdrew_pct") is None  # no earlier data: nothing to compare


# --- a hidden total is not the sum of its breakdowns (the ninth tryout) -------------------------

from desktop_app.core.metrics_cells import added_up  # noqa: E402


def _delays(cell: Cell, seed: int) -> Cell:
    """The cell as the laptops' rows make it: a day to withdraw for each withdrawal, and each
    withdrawal under one of who withdrew (the rest "not recorded")."""
    cell.delays = Counter((seed * 7 + i * 3) % 12 for i in range(cell.withdrew))
    cell.help["not_recorded"] = cell.withdrew - sum(cell.help.values())
    return cell


@settings(max_examples=300, deadline=None)
@given(st.lists(_cells(), min_size=1, max_size=7), st.integers(0, 5))
def test_a_hidden_total_is_never_the_sum_of_its_shown_rows(cells, seed):
    """Rows (villages) and their total as the page's headline shows it: a hidden share of the
    total always has a hidden row beside it (else the rows' shares × payments add up to it), a
    hidden "% đã rút" has a hidden cell among who withdrew and among the days to withdraw, and
    the total the rows work out by themselves (``added_up``) is hidden exactly as the merged
    cells' total is."""
    cells = [_delays(c, seed + i) for i, c in enumerate(cells)]
    raw = {f"v{i}": merge([c]) for i, c in enumerate(cells)}
    total_raw = merge(cells)
    total = suppress(total_raw)
    by_themselves = suppress(added_up(raw.values()))
    for share in SHARES:
        assert _hidden(by_themselves[share]) == _hidden(total[share]), share
    for given_total in (total, None):
        shown = suppress_rows(raw, given_total)
        for share in SHARES:
            if not _hidden(total[share]):
                continue
            counted = [k for k in raw if share_parts(raw[k], share)[1] > 0]
            if counted:
                assert any(_hidden(shown[k][share]) for k in counted), share
    if _hidden(total["withdrew_pct"]) and sum(c.withdrew for c in cells):
        for group in ("withdrawn_by_counts", "delay_histogram"):
            assert any(_hidden(v) for v in total[group].values()), group
    for key, row in suppress_rows(raw).items():  # and each row's own breakdowns
        if _hidden(row["withdrew_pct"]) and raw[key]["withdrew_count"]:
            assert any(_hidden(v) for v in row["withdrawn_by_counts"].values()), key
    for figures, row in [(total_raw, total)] + [
        (raw[k], r) for k, r in suppress_rows(raw).items()
    ]:  # what gives a hidden figure back is hidden with it (the tenth tryout)
        for count in ("not_withdrawn_after_7", "not_withdrawn_after_30"):
            if figures[count]:
                assert _hidden(row[count]) == _hidden(row[count + "_pct"]), count
        if _hidden(row["withdrew_pct"]):
            assert not isinstance(row["fees_paid_pct"], int | float)
            assert not isinstance(row["needed_help_share"], int | float)
            if figures["rows_in_scope"]:  # no "—" saying "nobody withdrew"
                assert row["days_to_withdraw_median"] is not None


def test_the_tryouts_hidden_total_is_not_given_back_by_who_withdrew():
    """The ninth tryout's ward: 100 paid, 98 withdrew (every payment 30 days old): "% đã rút"
    is «ẩn», but who withdrew (60 themselves, 30 helped, 8 by a proxy) added up to the 98.
    Now one of them is hidden — the proxies' count, the smallest — and the shares of help
    made of it with it; a ward where not_recorded has withdrawals hides that one instead."""
    ward = merge([_cell(100, 98, 2, 2, 60, 8, 30)])
    shown = suppress(ward)
    assert shown["withdrew_pct"] == HIDDEN_SHARE
    assert shown["withdrawn_by_counts"] == {
        "self": 60,
        "proxy": HIDDEN,
        "helped": 30,
        "not_recorded": 0,
    }
    assert shown["proxy_share"] == shown["needed_help_share"] == HIDDEN_SHARE
    cell = _cell(100, 98, 2, 2, 50, 8, 30)
    cell.help["not_recorded"] = 10
    shown = suppress(merge([cell]))
    assert shown["withdrawn_by_counts"]["not_recorded"] == HIDDEN
    assert shown["withdrawn_by_counts"]["proxy"] == 8
    # the shares of the withdrawals are hidden with them: a one-decimal share of a small
    # denominator names it (the tenth tryout: 45,5 % who paid a fee was 5 of 11 withdrawals)
    assert _hidden(shown["proxy_share"]) and _hidden(shown["fees_paid_pct"])


def test_the_tenth_tryouts_cases_are_hidden():
    """A ward's only e-wallet user had not withdrawn: "< 5" paid, "ẩn" withdrawn, but "—" for
    the days to withdraw said "no withdrawal at all". A channel of 13 paid, 11 withdrawn (5 of
    them paid a fee): "45,5 %" who paid a fee gave back the 11. A ward of 20 paid, 15 withdrawn,
    whose "% đã rút" the communes table hid: "5 not withdrawn after 7 days" beside the 20 gave
    back its 75 %."""
    alone = suppress(merge([_cell(1, 0, 1, 1, 0, 0, 0)]))
    assert alone["days_to_withdraw_median"] == alone["needed_help_share"] == SUPPRESSED
    cell = _cell(13, 11, 2, 0, 11, 0, 0)
    cell.fees = Counter({0: 6, 2200: 5})
    channel = suppress(merge([cell]))
    assert channel["withdrew_pct"] == HIDDEN_SHARE and channel["fees_paid_pct"] == HIDDEN_SHARE
    ward = merge([_cell(20, 15, 5, 5, 10, 2, 3)])
    rows = suppress_rows({"ward": ward, "other": merge([_cell(60, 57, 3, 3, 50, 3, 4)])})
    assert _hidden(rows["ward"]["withdrew_pct"])
    for count in ("not_withdrawn_after_7", "not_withdrawn_after_30"):
        assert _hidden(rows["ward"][count]) and _hidden(rows["ward"][count + "_pct"]), count
