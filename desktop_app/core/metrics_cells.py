"""The payment-access figures as mergeable cells: what the city dashboard keeps per commune and month.

``compute_report`` (payment_metrics) answers one scope from its rows. The city has ~7 million
payment rows, so the dashboard keeps, per commune, month and breakdown (village, channel, age band
or none), a *cell*: the counts and the value histograms behind every figure. Cells of any set of
communes and months merge into the same figures ``compute_report`` gives for their rows (medians
and the 90th percentile from the merged histograms, nearest rank, as docs/METRICS.md defines
them): ``tests/core/test_metrics_cells.py`` checks that against ``compute_report``.

Each row is judged with payment_metrics' own helpers (what "paid", "withdrew", a delay, an age band
are), so there is one definition. ``suppress`` applies the small-cell rule: a count of 1–4, or any
figure computed from fewer than ``SMALL_CELL`` rows, becomes "< 5" (the dashboard and its exports
show nothing else).
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from desktop_app.core.benefits import AGE_BANDS, BARRIERS, CHANNELS
from desktop_app.core.benefits import age_band as band_of
from desktop_app.core.payment_metrics import (
    HELP_KINDS,
    _as_date,
    _matches,
    _number,
    _pct,
    _period_index,
    _withdrawn,
)
from desktop_app.core.records import NO_CONSENT_NAME

SMALL_CELL = 5
SUPPRESSED = "< 5"
# A count hidden only so that a "< 5" beside it cannot be worked out by subtraction (secondary
# suppression, ``suppress_group``): it is 5 or more, so it is not shown as "< 5".
HIDDEN = "x"
# A share (percentage) hidden because, with the counts beside it, it would give back a count
# that is hidden or of 1–4 (``_share_marker``, ``suppress_rows``); pages show it in words
# ("ẩn" / "hidden"): "< 5" in a percentage column would read as "under 5 %".
HIDDEN_SHARE = "hidden_share"
MARKERS = (SUPPRESSED, HIDDEN, HIDDEN_SHARE)
NOT_RECORDED = "not_recorded"
# Breakdowns kept per commune and month ("total" has the one key ""). "need": the person's
# vulnerability tags (a row counts once under each of them; "none" without any).
DIMENSIONS = ("total", "village", "channel", "age_band", "need")

# The figures ``merge`` gives, with the count each is computed from (for suppression).
FIGURE_BASIS = {
    "rows_in_scope": None,
    "recipients_paid": None,
    "withdrew_count": None,
    "withdrew_pct": "recipients_paid",
    "days_to_withdraw_n": None,
    "days_to_withdraw_median": "days_to_withdraw_n",
    "days_to_withdraw_p90": "days_to_withdraw_n",
    "not_withdrawn_after_7": None,
    "not_withdrawn_after_30": None,
    "not_withdrawn_after_7_pct": "recipients_paid",
    "not_withdrawn_after_30_pct": "recipients_paid",
    "travel_minutes_median": "_travel_n",
    "distance_median": "_distance_n",
    "fees_paid_pct": "_fees_n",
    "fees_median": "_fees_paid_n",
    "needed_help_share": "_help_n",
    "proxy_share": "_help_n",
    "accounts_opened": None,
    "people": None,
}


@dataclass
class Cell:
    """Counts and histograms of one commune × month × breakdown value."""

    rows: int = 0
    paid: int = 0
    withdrew: int = 0
    late7: int = 0
    late30: int = 0
    accounts: int = 0
    people: int = 0  # distinct persons with a row in the cell (paid or not)
    help: Counter = field(default_factory=Counter)
    delays: Counter = field(default_factory=Counter)
    travel: Counter = field(default_factory=Counter)
    distance: Counter = field(default_factory=Counter)
    fees: Counter = field(default_factory=Counter)
    barriers: Counter = field(default_factory=Counter)
    convenience: Counter = field(default_factory=Counter)
    quality: Counter = field(default_factory=Counter)

    _COUNTERS = (
        "help",
        "delays",
        "travel",
        "distance",
        "fees",
        "barriers",
        "convenience",
        "quality",
    )
    _INTS = ("rows", "paid", "withdrew", "late7", "late30", "accounts", "people")

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (histogram keys as text)."""
        out: dict[str, Any] = {k: getattr(self, k) for k in self._INTS}
        for k in self._COUNTERS:
            out[k] = {str(v): n for v, n in sorted(getattr(self, k).items(), key=_order)}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Cell:
        cell = cls(**{k: int(data.get(k, 0)) for k in cls._INTS})
        for k in cls._COUNTERS:
            numeric = k in ("delays", "travel", "distance", "fees", "convenience")
            setattr(
                cell,
                k,
                Counter({(_num(v) if numeric else v): n for v, n in (data.get(k) or {}).items()}),
            )
        return cell

    def add(self, other: Cell) -> None:
        for k in self._INTS:
            setattr(self, k, getattr(self, k) + getattr(other, k))
        for k in self._COUNTERS:
            getattr(self, k).update(getattr(other, k))


def _order(item: tuple[Any, int]) -> tuple:
    value = item[0]
    return (0, value, "") if isinstance(value, int | float) else (1, 0, str(value))


def _num(text: Any) -> int | float:
    number = float(text)
    return int(number) if number.is_integer() else number


def _nfc(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value or ""))


def cells_for_rows(
    rows: Iterable[Mapping[str, Any]], *, as_of: date, dims: tuple[str, ...] = DIMENSIONS
) -> dict[tuple[str, str, str], Cell]:
    """``{(period, dimension, key): Cell}`` for payment rows (the keys of docs/METRICS.md).

    Every row lands in its month's "total" cell and in one cell of each breakdown of ``dims``.
    A row whose period is not YYYY-MM is left out (``compute_report`` counts it as
    ``bad_period``)."""
    want_village, want_channel = "village" in dims, "channel" in dims
    want_band, want_need = "age_band" in dims, "need" in dims
    cells: dict[tuple[str, str, str], Cell] = {}
    persons: dict[tuple[str, str, str], set] = {}
    for row in rows:
        period = str(row.get("period") or "")
        try:
            _period_index(period)
        except ValueError:
            continue
        quality: Counter[str] = Counter()
        accounts = 1 if row.get("accounts_opened_flag") else 0
        tags: list[str] = []
        for tag in row.get("barriers") or ():
            if tag not in BARRIERS:
                quality["unknown_barrier"] += 1
                tag = "other"
            if tag not in tags:
                tags.append(tag)
        score = row.get("convenience")
        convenience = None
        if score is not None and score != "":
            if isinstance(score, int | float) and float(score).is_integer() and 1 <= score <= 5:
                convenience = int(score)
            else:
                quality["convenience_out_of_range"] += 1
        paid = withdrew = late7 = late30 = 0
        delay = helper = None
        values: list[tuple[str, Any]] = []
        credited_on = _as_date(row.get("credited_on"), quality)
        did_withdraw, withdrawn_on = _withdrawn(row, as_of, quality)
        if credited_on is None or credited_on > as_of:
            if did_withdraw:
                quality["withdrawn_not_credited"] += 1
        else:
            paid = 1
            if did_withdraw:
                withdrew = 1
                if withdrawn_on is None:
                    quality["withdrawn_date_missing"] += 1
                else:
                    delay = (withdrawn_on - credited_on).days
                    if delay < 0:
                        quality["withdrawn_before_credited"] += 1
                        delay = 0
                by = row.get("withdrawn_by")
                helper = by if by in HELP_KINDS else NOT_RECORDED
                for name, key in (
                    ("travel", "travel_minutes"),
                    ("distance", "distance_km"),
                    ("fees", "fees"),
                ):
                    number = _number(row.get(key))
                    if number is not None:
                        values.append((name, number))
            else:
                waited = (as_of - credited_on).days
                late7 = int(waited >= 7)
                late30 = int(waited >= 30)
        person = row.get("person_id") or (row.get("person_name"), row.get("village"))
        slots: list[tuple[str, str]] = [("total", "")]
        if want_village:
            slots.append(("village", _nfc(row.get("village"))))
        if want_channel:
            slots.append(("channel", str(row.get("channel") or "")))
        if want_band:
            slots.append(("age_band", band_of(row.get("birth_year"), as_of)))
        if want_need:
            tags_needed = sorted({str(t) for t in row.get("needs") or ()}) or ["none"]
            slots.extend(("need", tag) for tag in tags_needed)
        for dim, key in slots:
            slot = (period, dim, key)
            cell = cells.get(slot)
            if cell is None:
                cell = cells[slot] = Cell()
                persons[slot] = set()
            persons[slot].add(person)
            # the row's contribution, added in place (the hot loop of a refresh)
            cell.rows += 1
            cell.accounts += accounts
            cell.paid += paid
            cell.withdrew += withdrew
            cell.late7 += late7
            cell.late30 += late30
            for tag in tags:
                cell.barriers[tag] += 1
            if convenience is not None:
                cell.convenience[convenience] += 1
            if delay is not None:
                cell.delays[delay] += 1
            if helper is not None:
                cell.help[helper] += 1
            for name, number in values:
                getattr(cell, name)[number] += 1
            for code, n in quality.items():
                cell.quality[code] += n
    for slot, cell in cells.items():
        cell.people = len(persons[slot])
    return cells


def _rank_value(histogram: Mapping[Any, int], p: int) -> Any:
    n = sum(histogram.values())
    if n == 0:
        return None
    rank = max(1, -(-p * n // 100))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable")


def merge(cells: Iterable[Cell]) -> dict[str, Any]:
    """The figures of the merged cells, as ``compute_report`` names them (plus a few the
    dashboard shows: ``*_pct`` of the waits, ``people``, and the ``_n`` each figure rests on)."""
    total = Cell()
    for cell in cells:
        total.add(cell)
    help_n = sum(total.help[k] for k in HELP_KINDS)
    fees_paid = {v: n for v, n in total.fees.items() if v > 0}
    fees_paid_n = sum(fees_paid.values())
    order = {code: i for i, code in enumerate(BARRIERS)}
    return {
        "rows_in_scope": total.rows,
        "recipients_paid": total.paid,
        "withdrew_count": total.withdrew,
        "withdrew_pct": _pct(total.withdrew, total.paid),
        "days_to_withdraw_n": sum(total.delays.values()),
        "days_to_withdraw_median": _rank_value(total.delays, 50),
        "days_to_withdraw_p90": _rank_value(total.delays, 90),
        "not_withdrawn_after_7": total.late7,
        "not_withdrawn_after_30": total.late30,
        "not_withdrawn_after_7_pct": _pct(total.late7, total.paid),
        "not_withdrawn_after_30_pct": _pct(total.late30, total.paid),
        "travel_minutes_median": _rank_value(total.travel, 50),
        "distance_median": _rank_value(total.distance, 50),
        "fees_paid_pct": _pct(fees_paid_n, sum(total.fees.values())),
        "fees_median": _rank_value(fees_paid, 50),
        "needed_help_share": _pct(total.help["proxy"] + total.help["helped"], help_n),
        "proxy_share": _pct(total.help["proxy"], help_n),
        "accounts_opened": total.accounts,
        "people": total.people,
        "barrier_counts": dict(
            sorted(total.barriers.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order))))
        ),
        "convenience_distribution": {s: total.convenience.get(s, 0) for s in range(1, 6)},
        "withdrawn_by_counts": {k: total.help.get(k, 0) for k in (*HELP_KINDS, NOT_RECORDED)},
        "delay_histogram": dict(sorted(total.delays.items())),
        "data_quality": dict(sorted((k, v) for k, v in total.quality.items() if v)),
        "_travel_n": sum(total.travel.values()),
        "_distance_n": sum(total.distance.values()),
        "_fees_n": sum(total.fees.values()),
        "_fees_paid_n": fees_paid_n,
        "_help_n": help_n,
    }


# The figures of a breakdown table, one row per channel or age band: the dashboard's columns.
BREAKDOWN_KEYS = (
    "recipients_paid",
    "withdrew_pct",
    "days_to_withdraw_median",
    "not_withdrawn_after_30_pct",
    "needed_help_share",
)


def breakdowns(
    rows: Iterable[Mapping[str, Any]],
    *,
    period_from: str,
    period_to: str,
    as_of: date,
    village: str | Iterable[str] | None = None,
    channel: str | Iterable[str] | None = None,
    age_band: str | Iterable[str] | None = None,
) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """The report's figures by channel and by age band, side by side: ``{"channel": [(code,
    figures)], "age_band": [...]}``, groups with rows only, in the tables' own order (an unknown
    code last, "" for a payment without a channel).

    Each table keeps the report's other filters and drops its own (the table by channel shows
    every channel of the age band chosen), and its figures are ``merge``'s, so the same numbers as
    the city dashboard's breakdown for the same rows (the fourteenth tryout: the laptop showed one
    channel at a time)."""
    start, end = _period_index(period_from), _period_index(period_to)
    subsets: dict[str, list[Mapping[str, Any]]] = {"channel": [], "age_band": []}
    for row in rows:
        try:
            index = _period_index(str(row.get("period") or ""))
        except ValueError:
            continue
        if not start <= index <= end or not _matches(row.get("village"), village):
            continue
        if _matches(band_of(row.get("birth_year"), as_of), age_band):
            subsets["channel"].append(row)
        if _matches(row.get("channel"), channel):
            subsets["age_band"].append(row)
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for dim, order in (("channel", CHANNELS), ("age_band", AGE_BANDS)):
        groups: dict[str, list[Cell]] = defaultdict(list)
        for (_, d, key), cell in cells_for_rows(subsets[dim], as_of=as_of, dims=(dim,)).items():
            if d == dim:
                groups[key].append(cell)
        keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
        out[dim] = [(k, merge(groups[k])) for k in keys]
    return out


def small(value: Any) -> bool:
    """True for a count that must not be shown (1–4)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < SMALL_CELL


def suppress_group(
    counts: Mapping[Any, Any], total_hidden: bool = False, prefer: Any = None
) -> dict[Any, Any]:
    """The counts of one breakdown (the values of a group that add up to a total, such as the
    villages of a commune or the convenience scores) with small-cell suppression: every count
    of 1–4 becomes "< 5" (primary); when the group and its total then have **exactly one**
    hidden cell between them, one other non-zero count becomes ``HIDDEN`` too (secondary): the
    group's ``prefer`` key when it is such a count, else the smallest. So a hidden cell cannot
    be worked out as the total minus the shown cells, nor a hidden total (``total_hidden``: the
    withdrawals behind a hidden "% đã rút") as the sum of its shown cells. Values that are not
    counts (already hidden, None, a share) are kept as they are and never chosen."""
    out = {k: SUPPRESSED if small(v) else v for k, v in counts.items()}
    hidden = [k for k, v in out.items() if v in (SUPPRESSED, HIDDEN)]
    if len(hidden) + bool(total_hidden) == 1:
        candidates = [
            (k != prefer, v, i, k)
            for i, (k, v) in enumerate(out.items())
            if isinstance(v, int) and not isinstance(v, bool) and v > 0
        ]
        if candidates:
            *_, k = min(candidates)
            out[k] = HIDDEN
    return out


def suppress(figures: Mapping[str, Any]) -> dict[str, Any]:
    """The figures with the small-cell rule applied: every count of 1–4, and every figure
    computed from fewer than 5 rows, is "< 5"; counts inside breakdowns (barriers,
    convenience, who withdrew, delays) too, with ``suppress_group``'s secondary rule; a share
    whose numerator or complement is 1–4, or that is made of a count hidden in a breakdown,
    is hidden too (``_share_marker``). Keys starting with "_" are dropped. Figures of no
    payment record at all (``rows_in_scope`` 0) are all None (shown "—"), never 0."""
    out: dict[str, Any] = {}
    for key, value in figures.items():
        if key.startswith("_"):
            continue
        basis = FIGURE_BASIS.get(key, "")
        if isinstance(value, dict):
            out[key] = suppress_group(value)
        elif basis is None or basis == "":
            out[key] = SUPPRESSED if small(value) else value
        else:
            n = figures.get(basis) or 0
            out[key] = SUPPRESSED if value is not None and n < SMALL_CELL else value
    _hide_shares(figures, out)
    while hide_what_gives_back(figures, out):
        pass
    if figures.get("rows_in_scope") == 0:
        # no payment record at all: nothing is known, and a 0 would read as good news
        return {k: {kk: None for kk in v} if isinstance(v, dict) else None for k, v in out.items()}
    return out


# The shares (percentages) and what each is made of: the counts of its numerator and the key
# of its denominator. ``withdrawn_by_counts:…`` names counts of that breakdown.
SHARES: dict[str, tuple[tuple[str, ...], str]] = {
    "withdrew_pct": (("withdrew_count",), "recipients_paid"),
    "not_withdrawn_after_7_pct": (("not_withdrawn_after_7",), "recipients_paid"),
    "not_withdrawn_after_30_pct": (("not_withdrawn_after_30",), "recipients_paid"),
    "needed_help_share": (
        ("withdrawn_by_counts:proxy", "withdrawn_by_counts:helped"),
        "_help_n",
    ),
    "proxy_share": (("withdrawn_by_counts:proxy",), "_help_n"),
    "fees_paid_pct": (("_fees_paid_n",), "_fees_n"),
}
# The other counts of a share's denominator (its complement is made of them).
_HELP_PARTS = tuple(f"withdrawn_by_counts:{k}" for k in HELP_KINDS)


def _count(figures: Mapping[str, Any], name: str) -> Any:
    if ":" in name:
        group, key = name.split(":", 1)
        return (figures.get(group) or {}).get(key, 0)
    return figures.get(name)


def share_parts(figures: Mapping[str, Any], key: str) -> tuple[int, int]:
    """``(numerator, denominator)`` counts of the share ``key`` in raw (merged) figures."""
    parts, basis = SHARES[key]
    numerator = sum(int(_count(figures, p) or 0) for p in parts)
    return numerator, int(figures.get(basis) or 0)


def _share_marker(figures: Mapping[str, Any], shown: Mapping[str, Any], key: str) -> str | None:
    """``HIDDEN_SHARE`` when the share ``key`` must not be shown, else None.

    A share p = k / n shown beside n (or beside figures that give n) gives k back, so it is
    hidden when k or its complement n − k is a count of 1–4, and when any count it is made of
    is hidden in a breakdown shown beside it (the "< 5" or the "x" of who withdrew: the share
    minus the shown parts would give it back)."""
    numerator, denominator = share_parts(figures, key)
    if small(numerator) or small(denominator - numerator):
        return HIDDEN_SHARE
    parts, basis = SHARES[key]
    group = _HELP_PARTS if basis == "_help_n" else parts
    if any(_count(shown, p) in MARKERS for p in group if ":" in p):
        return HIDDEN_SHARE
    return None


def _hide_shares(figures: Mapping[str, Any], out: dict[str, Any]) -> bool:
    """Hide, in ``out``, every share that would give back a count hidden or of 1–4
    (``_share_marker``); True when any was hidden."""
    changed = False
    for key in SHARES:
        if key in out and out[key] is not None and out[key] not in MARKERS:
            marker = _share_marker(figures, out, key)
            if marker is not None:
                out[key] = marker
                changed = True
    return changed


# The breakdowns that add up to the withdrawals (who withdrew: exactly; the days to withdraw:
# those with a date), each with the count it hides first when a hidden "% đã rút" needs one
# (not_recorded: the shares of help are not made of it, so they can stay).
WITHDRAWAL_PARTS = {"withdrawn_by_counts": NOT_RECORDED, "delay_histogram": None}


def hide_withdrawal_parts(figures: Mapping[str, Any], out: dict[str, Any]) -> bool:
    """When ``out``'s "% đã rút" is hidden, the withdrawals it hides must not come back as the
    sum of a breakdown beside it (the ninth tryout: a ward's hidden 98 % was the sum of its
    who-withdrew counts over its payments): each of ``WITHDRAWAL_PARTS`` gets a hidden cell
    (``suppress_group`` with its total hidden). True when anything more was hidden."""
    if out.get("withdrew_pct") not in MARKERS:
        return False
    changed = False
    for group, prefer in WITHDRAWAL_PARTS.items():
        shown = out.get(group)
        if not isinstance(shown, dict) or any(v in MARKERS for v in shown.values()):
            continue
        hidden = suppress_group(figures.get(group) or {}, total_hidden=True, prefer=prefer)
        if hidden != shown:
            out[group] = hidden
            changed = True
    return changed


# The counts of the waits, each with its share of the payments: shown beside the payments, a
# count is its share (the tenth tryout: 20 paid beside "5 not withdrawn after 7 days" gave back
# the hidden 75 % withdrawn), so one hidden hides the other.
WAIT_COUNTS = {
    "not_withdrawn_after_7": "not_withdrawn_after_7_pct",
    "not_withdrawn_after_30": "not_withdrawn_after_30_pct",
}
# Shares of the withdrawals (their denominator is a part of them): a one-decimal percentage of a
# small denominator names it (the tenth tryout: 45,5 % who paid a fee is 5 of 11, so 11 of 13
# withdrew beside a hidden "% đã rút").
SHARES_OF_WITHDRAWALS = ("fees_paid_pct", "needed_help_share", "proxy_share")


def hide_what_gives_back(figures: Mapping[str, Any], out: dict[str, Any]) -> bool:
    """One pass of the rules that hide, in ``out`` (the figures as shown), what would give a
    hidden figure back; True when anything more was hidden (run until False):

    - a wait's count and its share hide together (``WAIT_COUNTS``);
    - a hidden "% đã rút" hides a cell of each breakdown of the withdrawals
      (``hide_withdrawal_parts``) and the shares of the withdrawals (``SHARES_OF_WITHDRAWALS``);
    - beside hidden withdrawals or payments, a figure of none ("—": no withdrawal at all, the
      tenth tryout's one e-wallet user who had not withdrawn) is hidden like one of a few."""
    changed = False
    for count, share in WAIT_COUNTS.items():
        if out.get(share) in MARKERS and _is_count(out.get(count)) and out[count] > 0:
            out[count] = HIDDEN
            changed = True
        if out.get(count) in (SUPPRESSED, HIDDEN) and out.get(share) not in (None, *MARKERS):
            out[share] = HIDDEN_SHARE
            changed = True
    hidden_withdrawals = out.get("withdrew_pct") in MARKERS
    if hide_withdrawal_parts(figures, out):
        changed = True
    if hidden_withdrawals:
        for share in SHARES_OF_WITHDRAWALS:
            if out.get(share) not in (None, *MARKERS):
                out[share] = HIDDEN_SHARE
                changed = True
    if hidden_withdrawals or out.get("recipients_paid") in (SUPPRESSED, HIDDEN):
        for key, basis in FIGURE_BASIS.items():
            if basis and key in out and out[key] is None and figures.get("rows_in_scope"):
                out[key] = SUPPRESSED
                changed = True
    if _hide_shares(figures, out):
        changed = True
    return changed


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def added_up(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The raw figures of the rows' total as far as its counts go: the counts, the counts of
    each breakdown, and the shares made of them (no medians). What ``suppress`` needs to tell
    which of the total's shares are hidden, when the total itself is not at hand."""
    total: dict[str, Any] = {}
    for figures in rows:
        for key, value in figures.items():
            if isinstance(value, dict):
                group = total.setdefault(key, {})
                for k, v in value.items():
                    if isinstance(v, int) and not isinstance(v, bool):
                        group[k] = group.get(k, 0) + v
            elif (
                isinstance(value, int)
                and not isinstance(value, bool)
                and (key.startswith("_") or FIGURE_BASIS.get(key, "") is None)
            ):
                total[key] = total.get(key, 0) + value
    for share in SHARES:
        numerator, denominator = share_parts(total, share)
        total[share] = _pct(numerator, denominator)
    return total


def suppress_rows(
    rows: Mapping[Any, Mapping[str, Any]], total: Mapping[str, Any] | None = None
) -> dict[Any, dict[str, Any]]:
    """``suppress`` of every row of a table whose rows add up to a total (villages, channels,
    age bands, needs, the communes of the city, the chosen communes of the Trends).

    ``total``: the total's figures as shown (already through ``suppress`` or this), when the
    page shows it; None: the total of the rows themselves, hidden by ``suppress``.

    Beyond each row's own rule, per column of the rows and their total (a hidden total counts
    as one hidden cell): the payments and the waits' counts get ``suppress_group``'s secondary
    rule; a row whose payments are hidden ("< 5" or "x") shows none of its shares of the
    payments (the share would narrow the hidden count down: 80 % is 5, 10, 15 …); and, per
    share column, when the rows and their total have exactly one share hidden, the share of
    the row with the smallest numerator is hidden too — else the total's share times its
    payments minus the rows shown would give the hidden row's count back, or the rows would
    add up to the hidden total (the ninth tryout). A row's shares that give each other back
    hide together (``linked_shares``), what would give a hidden figure back is hidden with it
    (``hide_what_gives_back``), and the rules run again until none hides more. (Rows that do
    not add up, such as needs, where a row counts once under each of its needs, get the same
    rules: safe.)"""
    shown = {key: suppress(figures) for key, figures in rows.items()}
    whole = total if total is not None else suppress(added_up(rows.values()))
    links = {key: linked_shares(figures) for key, figures in rows.items()}
    changed = True
    while changed:  # until no rule hides anything more (cells are only ever hidden: it ends)
        changed = False
        for count in ("recipients_paid", *WAIT_COUNTS):  # no lone hidden cell with the total
            before = {k: shown[k].get(count) for k in rows}
            after = suppress_group(before, total_hidden=whole.get(count) in (SUPPRESSED, HIDDEN))
            for k in rows:
                if after[k] != before[k]:
                    shown[k][count] = after[k]
                    changed = True
        for key in rows:
            row = shown[key]
            if row.get("recipients_paid") in (SUPPRESSED, HIDDEN):
                for share, (_, basis) in SHARES.items():
                    value = row.get(share)
                    if basis == "recipients_paid" and value is not None and value not in MARKERS:
                        row[share] = HIDDEN_SHARE
                        changed = True
            for one, other in links[key]:  # a hidden share hides those that give it back
                for hidden, given in ((one, other), (other, one)):
                    if row.get(hidden) in MARKERS and row.get(given) not in (None, *MARKERS):
                        row[given] = HIDDEN_SHARE
                        changed = True
            if hide_what_gives_back(rows[key], row):
                changed = True
        for share in SHARES:
            # a row hidden but of no payment (no withdrawal …) hides nothing of the total
            hidden = [
                k
                for k in rows
                if shown[k].get(share) in MARKERS and share_parts(rows[k], share)[1] > 0
            ]
            if len(hidden) + (whole.get(share) in MARKERS) != 1:
                continue
            candidates = [
                (share_parts(rows[k], share)[0], i, k)
                for i, k in enumerate(rows)
                if isinstance(shown[k].get(share), int | float)
                and not isinstance(shown[k].get(share), bool)
                and share_parts(rows[k], share)[1] > 0
            ]
            if candidates:
                _, _, k = min(candidates)
                shown[k][share] = HIDDEN_SHARE
                changed = True
    return shown


def linked_shares(figures: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The pairs of a row's shares of the payments that give each other back: % withdrawn and
    % not withdrawn after 7 (or 30) days when every payment not withdrawn is that old (each is
    100 % minus the other, as once a month's payments are all 30 days old), and the two waits
    when they count the same payments. Only these: a month not 30 days old keeps its "% đã rút"
    beside a hidden "< 5" not withdrawn after 30 days (the ninth tryout: a ward's 79 % was «ẩn»
    on its page but shown on the official's overview)."""
    paid = int(figures.get("recipients_paid") or 0)
    withdrew = int(figures.get("withdrew_count") or 0)
    late7 = int(figures.get("not_withdrawn_after_7") or 0)
    late30 = int(figures.get("not_withdrawn_after_30") or 0)
    pairs = []
    if withdrew + late7 == paid:
        pairs.append(("withdrew_pct", "not_withdrawn_after_7_pct"))
    if withdrew + late30 == paid:
        pairs.append(("withdrew_pct", "not_withdrawn_after_30_pct"))
    if late7 == late30:
        pairs.append(("not_withdrawn_after_7_pct", "not_withdrawn_after_30_pct"))
    return pairs


# A change between two periods that is hidden because one of its two figures is hidden
# (``change_of``): shown in words, like a hidden share.
HIDDEN_CHANGE = "hidden_change"


def change_of(now: Mapping[str, Any], before: Mapping[str, Any], key: str) -> Any:
    """The change of figure ``key`` from ``before`` to ``now``, both already through
    ``suppress`` / ``suppress_rows`` (never raw figures): ``now - before`` (one decimal for a
    float; a percentage changes by points); None when either side has no data (or the earlier
    period had no payment record); ``HIDDEN_CHANGE`` when either side is hidden — a change shown
    beside its shown figure would give the hidden one back (before = now - change)."""
    a, b = now.get(key), before.get(key)
    if a is None or b is None or before.get("rows_in_scope") in (0, None):
        return None
    if a in MARKERS or b in MARKERS:
        return HIDDEN_CHANGE
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return None
    diff = a - b
    return round(diff, 1) if isinstance(diff, float) else diff


def pct_of(part: Any, whole: Any) -> float | None:
    """A share in percent (one decimal), None when either side is unknown or suppressed."""
    if not isinstance(part, int) or not isinstance(whole, int):
        return None
    return _pct(part, whole)


@lru_cache(maxsize=256)
def _sensitive(scheme: str | None, category: str) -> bool:
    from desktop_app.core.benefits import is_sensitive_category

    return is_sensitive_category(scheme, category)


def payment_report_row(
    payment: Mapping[str, Any],
    person: Mapping[str, Any],
    benefit: Mapping[str, Any],
    village: str | None,
    opened: bool,
) -> dict[str, Any]:
    """One payment row of docs/METRICS.md from the synced records (payment, its person and
    benefit, the household's village name): what the laptop's ``Store.payment_rows`` gives for
    the same records. No ID number, no category (only whether it is sensitive)."""
    consented = (
        person.get("consent_date") is not None and person.get("consent_withdrawn_on") is None
    )
    category = benefit.get("category")
    return {
        "person_id": payment.get("person_id"),
        "person_name": person.get("full_name") if consented else NO_CONSENT_NAME,
        "village": village or "",
        # the month's own channel; an older laptop's payment has none: its benefit's
        "channel": payment.get("channel") or benefit.get("channel"),
        "birth_year": person.get("birth_year"),
        "amount": payment.get("amount"),
        "credited_on": payment.get("credited_on"),
        "withdrawn_on": payment.get("withdrawn_on"),
        "withdrawn_by": payment.get("withdrawn_by"),
        "travel_minutes": payment.get("travel_minutes"),
        "distance_km": payment.get("distance_km"),
        "fees": payment.get("fees"),
        "barriers": list(payment.get("barriers") or []),
        "convenience": payment.get("convenience"),
        "period": payment.get("period"),
        "accounts_opened_flag": opened,
        # the dashboard's "by need" (payment_metrics ignores it; the laptop's rows lack it)
        "needs": list(person.get("vulnerabilities") or []),
        "sensitive": _sensitive(benefit.get("scheme"), category) if category else False,
    }
