"""The city's payment-access report, computed from plain payment rows.

The question (DOMAIN.md §4): of the people paid, how many actually withdrew, how many days after
the money arrived, at what cost in time, distance and fees, with whose help — and why not.
Every figure is defined in docs/METRICS.md; keep the two in step.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from desktop_app.core.benefits import BARRIERS
from desktop_app.core.benefits import age_band as band_of
from desktop_app.core.collation import natural_sort_key
from desktop_app.core.collation import sort_key as person_sort_key

HELP_KINDS = ("self", "proxy", "helped")
# Who withdrew, as counted in ``withdrawn_by_counts``: the three kinds, and a withdrawal whose
# "who" nobody recorded ("chưa ghi"), never counted as any of them (issue 19).
NOT_RECORDED = "not_recorded"
WITHDRAWN_BY_KINDS = (*HELP_KINDS, NOT_RECORDED)
DELAY_THRESHOLDS = (7, 30)

# Metrics compared with the previous period (current minus previous).
CHANGE_KEYS = (
    "recipients_paid",
    "withdrew_count",
    "withdrew_pct",
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
)

# Columns of the per-payment data kept in a report (never an ID number, never a category).
DATA_COLUMNS = (
    "period",
    "person_name",
    "village",
    "channel",
    "age_band",
    "amount",
    "credited_on",
    "withdrawn_on",
    "days_to_withdraw",
    "withdrawn_by",
    "travel_minutes",
    "distance_km",
    "fees",
    "barriers",
    "convenience",
)

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class NotReceived:
    """A person paid but not (yet) withdrawn, for the team's follow-up list."""

    person_name: str
    village: str
    channel: str | None
    days_since_credit: int
    payments: int
    barriers: tuple[str, ...]
    # the row's ``person_id`` (None for rows without one): for the laptop's link to the
    # household; never exported (report_export lists the fields it writes)
    person_id: Any = field(default=None, compare=False, repr=False)


@dataclass
class PaymentAccessReport:
    """The payment-access figures for one period range, with the previous range for comparison."""

    period_from: str
    period_to: str
    as_of: date
    filters: dict[str, Any]
    rows_in_scope: int
    recipients_paid: int
    people_paid: int
    withdrew_count: int
    withdrew_pct: float | None
    days_to_withdraw_n: int
    days_to_withdraw_median: int | None
    days_to_withdraw_p90: int | None
    not_withdrawn_after_7: int
    not_withdrawn_after_30: int
    travel_minutes_median: float | None
    distance_median: float | None
    fees_paid_pct: float | None
    fees_median: float | None
    needed_help_share: float | None
    proxy_share: float | None
    barrier_counts: dict[str, int]
    convenience_distribution: dict[int, int]
    accounts_opened: int
    not_received: list[NotReceived]
    data_quality: dict[str, int]
    rows: list[dict[str, Any]] = field(default_factory=list)
    previous: PaymentAccessReport | None = None
    change: dict[str, float | int | None] = field(default_factory=dict)
    # paid, withdrawn rows by who withdrew: {"self", "proxy", "helped", "not_recorded": n}
    withdrawn_by_counts: dict[str, int] = field(default_factory=dict)
    # by channel and by age band (``compute_report(..., with_breakdowns=True)``; see
    # metrics_cells.breakdowns): {"channel": [(code, figures)], "age_band": [...]}
    breakdowns: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)


def parse_period(text: str) -> tuple[int, int]:
    """'YYYY-MM' as (year, month); ValueError otherwise."""
    match = _PERIOD.match(str(text).strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"period must be YYYY-MM, got {text!r}")
    return int(match.group(1)), int(match.group(2))


def _period_index(text: str) -> int:
    year, month = parse_period(text)
    return year * 12 + month - 1


def _period_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def settled(period: str, as_of: date, days: int = 30) -> bool:
    """True once ``days`` days have passed since the last day of ``period``: before that the
    month's "not withdrawn after 30 days" is falsely low (its payments are not that old yet)
    and its withdrawals still rise (a payment of the 28th is often withdrawn the next month)."""
    index = _period_index(period) + 1  # the first day of the next month
    following = date(index // 12, index % 12 + 1, 1)
    return following - timedelta(days=1) + timedelta(days=days) <= as_of


def previous_period(period_from: str, period_to: str) -> tuple[str, str]:
    """The range of equal length just before ``period_from``..``period_to`` (inclusive)."""
    start, end = _period_index(period_from), _period_index(period_to)
    length = end - start + 1
    return _period_text(start - length), _period_text(start - 1)


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def percentile(values: Iterable[float], p: int) -> float | None:
    """Nearest-rank percentile: the smallest value with at least ``p`` % of values at or below it.

    None for no values. Always one of the observed values (the median of 1, 2, 3, 4 is 2).
    """
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    rank = max(1, -(-p * n // 100))  # ceil(p * n / 100) in integers
    return ordered[rank - 1]


def _pct(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 1)


def _as_date(value: Any, quality: Counter[str] | None = None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        if quality is not None:
            quality["bad_date"] += 1
        return None


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else number


def _matches(value: Any, wanted: str | Iterable[str] | None) -> bool:
    if wanted is None:
        return True
    if isinstance(wanted, str):
        wanted = (wanted,)
    value = unicodedata.normalize("NFC", str(value or ""))
    return value in {unicodedata.normalize("NFC", w) for w in wanted}


def _withdrawn(row: Mapping, as_of: date, quality: Counter[str]) -> tuple[bool, date | None]:
    """(withdrew as of ``as_of``, the withdrawal date if known)."""
    withdrawn_on = _as_date(row.get("withdrawn_on"), quality)
    if withdrawn_on is not None:
        return (withdrawn_on <= as_of, withdrawn_on if withdrawn_on <= as_of else None)
    return (row.get("withdrawn_by") in HELP_KINDS, None)


def compute_report(
    rows: Iterable[Mapping[str, Any]],
    *,
    period_from: str,
    period_to: str | None = None,
    as_of: date,
    village: str | Iterable[str] | None = None,
    channel: str | Iterable[str] | None = None,
    age_band: str | Iterable[str] | None = None,
    compare_previous: bool = True,
    with_breakdowns: bool = False,
) -> PaymentAccessReport:
    """Compute the payment-access report for ``period_from``..``period_to`` (inclusive, 'YYYY-MM').

    ``rows`` are payment dicts (see docs/METRICS.md for the keys). Pass rows for the previous
    period as well: the previous range of equal length is computed from the same rows, as it stood
    at ``as_of`` moved back by the same number of months. Filters take one value or several; the
    age band is taken at ``as_of``. ``with_breakdowns``: fill ``breakdowns`` too (the figures by
    channel and by age band, each table without its own filter).
    """
    rows = list(rows)
    period_to = period_to or period_from
    start, end = _period_index(period_from), _period_index(period_to)
    if end < start:
        raise ValueError("period_to is before period_from")
    filters = {"village": village, "channel": channel, "age_band": age_band}
    report = _compute(rows, start, end, as_of, filters, keep_rows=True)
    if compare_previous:
        length = end - start + 1
        prev = _compute(
            rows,
            start - length,
            start - 1,
            _shift_months(as_of, -length),
            filters,
            keep_rows=False,
        )
        report.previous = prev
        report.change = _change(report, prev)
    if with_breakdowns:
        from desktop_app.core.metrics_cells import breakdowns

        report.breakdowns = breakdowns(
            rows,
            period_from=period_from,
            period_to=period_to,
            as_of=as_of,
            village=village,
            channel=channel,
            age_band=age_band,
        )
    return report


# A previous period with fewer payment records than this is not compared with (the fifteenth
# tryout: one stray August payment made every card say "−13.9 points vs previous period").
MIN_PREVIOUS_ROWS = 5


def too_few_to_compare(report: PaymentAccessReport) -> bool:
    """True when the report has a previous period, but too few payments in it to compare."""
    prev = report.previous
    return prev is not None and 0 < prev.rows_in_scope < MIN_PREVIOUS_ROWS


def _change(current: PaymentAccessReport, previous: PaymentAccessReport) -> dict:
    change: dict[str, float | int | None] = {}
    for key in CHANGE_KEYS:
        now, before = getattr(current, key), getattr(previous, key)
        if previous.rows_in_scope < MIN_PREVIOUS_ROWS or now is None or before is None:
            change[key] = None
        else:
            diff = now - before
            change[key] = round(diff, 1) if isinstance(diff, float) else diff
    return change


def _compute(
    rows: list[Mapping[str, Any]],
    start: int,
    end: int,
    as_of: date,
    filters: dict[str, Any],
    *,
    keep_rows: bool,
) -> PaymentAccessReport:
    quality: Counter[str] = Counter()
    barrier_counts: Counter[str] = Counter()
    convenience = dict.fromkeys(range(1, 6), 0)
    delays: list[int] = []
    travel: list[float] = []
    distance: list[float] = []
    fees: list[float] = []
    help_counts: Counter[str] = Counter()
    paid_people: set[Any] = set()
    pending: dict[Any, dict[str, Any]] = {}
    kept: list[dict[str, Any]] = []
    in_scope = paid = withdrew = accounts = late7 = late30 = 0

    for row in rows:
        try:
            index = _period_index(row.get("period", ""))
        except ValueError:
            quality["bad_period"] += 1
            continue
        if not start <= index <= end:
            continue
        band = band_of(row.get("birth_year"), as_of)
        if not (
            _matches(row.get("village"), filters["village"])
            and _matches(row.get("channel"), filters["channel"])
            and _matches(band, filters["age_band"])
        ):
            continue
        in_scope += 1
        if row.get("accounts_opened_flag"):
            accounts += 1

        barriers = []
        for tag in row.get("barriers") or ():
            if tag not in BARRIERS:
                quality["unknown_barrier"] += 1
                tag = "other"
            if tag not in barriers:
                barriers.append(tag)
        barrier_counts.update(barriers)

        score = row.get("convenience")
        if score is not None and score != "":
            if isinstance(score, int | float) and float(score).is_integer() and 1 <= score <= 5:
                convenience[int(score)] += 1
            else:
                quality["convenience_out_of_range"] += 1

        credited_on = _as_date(row.get("credited_on"), quality)
        did_withdraw, withdrawn_on = _withdrawn(row, as_of, quality)
        delay = None
        if credited_on is None or credited_on > as_of:
            if did_withdraw:
                quality["withdrawn_not_credited"] += 1
        else:
            paid += 1
            paid_people.add(row.get("person_id") or (row.get("person_name"), row.get("village")))
            if did_withdraw:
                withdrew += 1
                if withdrawn_on is None:
                    quality["withdrawn_date_missing"] += 1
                else:
                    delay = (withdrawn_on - credited_on).days
                    if delay < 0:
                        quality["withdrawn_before_credited"] += 1
                        delay = 0
                    delays.append(delay)
                by = row.get("withdrawn_by")
                help_counts[by if by in HELP_KINDS else NOT_RECORDED] += 1
                for value, bucket in (
                    (row.get("travel_minutes"), travel),
                    (row.get("distance_km"), distance),
                    (row.get("fees"), fees),
                ):
                    number = _number(value)
                    if number is not None:
                        bucket.append(number)
            else:
                waited = (as_of - credited_on).days
                late7 += waited >= 7
                late30 += waited >= 30
                key = row.get("person_id") or (row.get("person_name"), row.get("village"))
                entry = pending.setdefault(
                    key,
                    {
                        "person_id": row.get("person_id"),
                        "person_name": unicodedata.normalize(
                            "NFC", str(row.get("person_name") or "")
                        ),
                        "village": unicodedata.normalize("NFC", str(row.get("village") or "")),
                        "channel": row.get("channel"),
                        "days": waited,
                        "payments": 0,
                        "barriers": set(),
                    },
                )
                entry["days"] = max(entry["days"], waited)
                entry["payments"] += 1
                entry["barriers"].update(barriers)

        if keep_rows:
            kept.append(
                {
                    "period": row.get("period"),
                    "person_name": unicodedata.normalize("NFC", str(row.get("person_name") or "")),
                    "village": unicodedata.normalize("NFC", str(row.get("village") or "")),
                    "channel": row.get("channel"),
                    "age_band": band,
                    "amount": _number(row.get("amount")),
                    "credited_on": credited_on,
                    "withdrawn_on": _as_date(row.get("withdrawn_on")),
                    "days_to_withdraw": delay,
                    "withdrawn_by": row.get("withdrawn_by"),
                    "travel_minutes": _number(row.get("travel_minutes")),
                    "distance_km": _number(row.get("distance_km")),
                    "fees": _number(row.get("fees")),
                    "barriers": barriers,
                    "convenience": score if score in (1, 2, 3, 4, 5) else None,
                }
            )

    order = {code: i for i, code in enumerate(BARRIERS)}
    not_received = [
        NotReceived(
            person_name=e["person_name"],
            village=e["village"],
            channel=e["channel"],
            days_since_credit=e["days"],
            payments=e["payments"],
            barriers=tuple(sorted(e["barriers"], key=lambda b: order.get(b, len(order)))),
            person_id=e["person_id"],
        )
        for e in pending.values()
    ]
    not_received.sort(
        key=lambda n: (
            -n.days_since_credit,
            natural_sort_key(n.village),
            person_sort_key(n.person_name),
            # then what else is shown, so people whose names are withheld (all alike) come in
            # the same order whatever order the database gave them: the laptop's and the
            # server's lists are equal row for row
            n.channel or "",
            n.payments,
            n.barriers,
        )
    )
    help_known = sum(help_counts[k] for k in HELP_KINDS)
    # the per-payment data by month, village (numbers as numbers: "Tổ 4" before "Tổ 12"), name
    kept.sort(
        key=lambda r: (
            str(r["period"] or ""),
            natural_sort_key(r["village"]),
            person_sort_key(r["person_name"]),
        )
    )
    # the share who paid a fee, and the fee among those who paid one: where about half pay
    # nothing, a median over everyone flips between 0 and a fee from one month to the next
    fees_paid = [f for f in fees if f > 0]
    return PaymentAccessReport(
        period_from=_period_text(start),
        period_to=_period_text(end),
        as_of=as_of,
        filters={k: v for k, v in filters.items() if v is not None},
        rows_in_scope=in_scope,
        recipients_paid=paid,
        people_paid=len(paid_people),
        withdrew_count=withdrew,
        withdrew_pct=_pct(withdrew, paid),
        days_to_withdraw_n=len(delays),
        days_to_withdraw_median=percentile(delays, 50),
        days_to_withdraw_p90=percentile(delays, 90),
        not_withdrawn_after_7=late7,
        not_withdrawn_after_30=late30,
        travel_minutes_median=percentile(travel, 50),
        distance_median=percentile(distance, 50),
        fees_paid_pct=_pct(len(fees_paid), len(fees)),
        fees_median=percentile(fees_paid, 50),
        needed_help_share=_pct(help_counts["proxy"] + help_counts["helped"], help_known),
        proxy_share=_pct(help_counts["proxy"], help_known),
        barrier_counts=dict(
            sorted(barrier_counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order))))
        ),
        convenience_distribution=convenience,
        accounts_opened=accounts,
        not_received=not_received,
        data_quality=dict(sorted(quality.items())),
        rows=kept,
        withdrawn_by_counts={k: help_counts[k] for k in WITHDRAWN_BY_KINDS},
    )
