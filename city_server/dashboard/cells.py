"""The server's payment-access numbers: the laptop's report code over the synced records, and the
metric cells the dashboard pages read.

- ``report_rows`` / ``build_report``: a commune's payment rows (``metrics_cells.payment_report_row``,
  the laptop's ``payment_rows`` over the same records) and ``payment_metrics.compute_report``
  over them: exactly the laptop's report (``python -m city_server report``).
- ``marks_for``: called by the batch apply (city_server/apply.py) inside its transaction: which
  communes × months its changes may alter.
- ``refresh``: computes the cells of marked (or outdated) communes × months again; the server runs
  it in the background after batches arrive, ``demo-data`` and the benchmark at the end.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from desktop_app.core.benefits import BARRIERS
from desktop_app.core.metrics_cells import (
    DIMENSIONS,
    Cell,
    cells_for_rows,
    merge,
    payment_report_row,
)
from desktop_app.core.payment_metrics import (
    PaymentAccessReport,
    _period_index,
    _shift_months,
    compute_report,
    previous_period,
)

log = logging.getLogger("city_server.dashboard")

# Entities whose change can alter a commune's figures in any month (names, ages, channels,
# villages, accounts opened, deletions).
# The commune code of the city's merged cells (no real commune code is empty).
CITY = ""

# The previous period of a range of L months is judged as of today moved back L months, as the
# laptop's compute_report judges it (docs/METRICS.md), so an unfinished month is compared with the
# same days of the month before, never with a finished one. The cells for that: every month again
# as of today − L months, for these range lengths, under the dimension "total@L" (and
# "channel@L", "age_band@L", the overview's filters).
LAGS = (1, 3, 6, 12)
LAG_DIMS = ("total", "channel", "age_band")


def lag_dim(dim: str, lag: int) -> str:
    return f"{dim}@{lag}"


def lagged(as_of: date, lag: int) -> date:
    """The day the previous period of an L-month range is judged on (the laptop's rule)."""
    return _shift_months(as_of, -lag)


ALL_DIMS = DIMENSIONS + tuple(lag_dim(d, lag) for lag in LAGS for d in LAG_DIMS)

WHOLE_COMMUNE = frozenset({"person", "benefit", "household", "village", "assistance"})


def marks_for(tx: Any, changes: Iterable[Any]) -> list[tuple[str, str]]:
    """``(commune, month or '*')`` the changes may alter (read before they are applied)."""
    marks: set[tuple[str, str]] = set()
    for change in changes:
        if not isinstance(change, Mapping):
            continue
        entity, commune = change.get("entity"), change.get("commune_code")
        if not isinstance(commune, str) or not isinstance(entity, str):
            continue
        if entity in WHOLE_COMMUNE:
            marks.add((commune, "*"))
        elif entity == "payment":
            fields = change.get("fields")
            period = fields.get("period") if isinstance(fields, Mapping) else None
            marks.add((commune, period if isinstance(period, str) and period else "*"))
            record_id = change.get("id")
            if isinstance(record_id, str) and change.get("version") != 1:
                old = tx.get_record("payment", record_id)
                if old is not None:
                    marks.add((old.commune_code, str(old.fields.get("period") or "*")))
    return sorted(marks)


def report_rows(
    storage: Any, commune: str, period_from: str, period_to: str, unwithdrawn_on: str | None = None
) -> list[dict]:
    """The commune's payment rows of the range (docs/METRICS.md keys); with
    ``unwithdrawn_on``, only those that may be on the not-received list on that day."""
    sources, opened = storage.dash_report_sources(commune, period_from, period_to, unwithdrawn_on)
    return [
        payment_report_row(
            s["payment"],
            s["person"],
            s["benefit"],
            s["village"],
            s["payment"].get("person_id") in opened,
        )
        for s in sources
    ]


def build_report(
    storage: Any,
    commune: str,
    period_from: str,
    period_to: str | None = None,
    as_of: date | None = None,
) -> PaymentAccessReport:
    """The laptop's report for one commune, from the server's records."""
    period_to = period_to or period_from
    prev_from, _ = previous_period(period_from, period_to)
    rows = report_rows(storage, commune, prev_from, period_to)
    return compute_report(
        rows,
        period_from=period_from,
        period_to=period_to,
        as_of=as_of or date.today(),
        with_breakdowns=True,
    )


def city_report(
    storage: Any, period_from: str, period_to: str | None = None, as_of: date | None = None
) -> PaymentAccessReport:
    """The laptop's report over every commune's rows, one commune in memory at a time: each
    commune's rows go through ``compute_report`` (people paid, the not-received list, data
    quality) and into metric cells (the medians of the whole city, from merged histograms);
    the figures are the same as ``compute_report`` over all the rows at once. The per-payment
    rows (the laptop report's "Dữ liệu" sheet, millions of rows for the city) are left out."""
    from desktop_app.core.payment_metrics import _change

    as_of = as_of or date.today()
    period_to = period_to or period_from
    length = _period_index(period_to) - _period_index(period_from) + 1
    prev_from, prev_to = previous_period(period_from, period_to)
    back = _shift_months(as_of, -length)
    parts: dict[str, list[PaymentAccessReport]] = {"now": [], "before": []}
    cells: dict[str, Cell] = {"now": Cell(), "before": Cell()}
    for commune in sorted(storage.dash_payment_communes()):
        rows = report_rows(storage, commune, prev_from, period_to)
        one = compute_report(rows, period_from=period_from, period_to=period_to, as_of=as_of)
        one.rows = []
        parts["now"].append(one)
        parts["before"].append(one.previous)
        for name, frm, to, day in (
            ("now", period_from, period_to, as_of),
            ("before", prev_from, prev_to, back),
        ):
            inside = [r for r in rows if frm <= str(r.get("period") or "") <= to]
            for cell in cells_for_rows(inside, as_of=day, dims=("total",)).values():
                cells[name].add(cell)
    report = _joined(parts["now"], cells["now"], period_from, period_to, as_of)
    report.previous = _joined(parts["before"], cells["before"], prev_from, prev_to, back)
    report.change = _change(report, report.previous)
    return report


def _joined(
    parts: list[PaymentAccessReport], cell: Cell, frm: str, to: str, as_of: date
) -> PaymentAccessReport:
    """One report from the communes' reports (counts, lists) and their merged cell (medians)."""
    from desktop_app.core.collation import natural_sort_key
    from desktop_app.core.collation import sort_key as person_sort_key

    figures = merge([cell])
    quality: Counter[str] = Counter()
    for part in parts:
        quality.update(part.data_quality)
    listed = [n for part in parts for n in part.not_received]
    listed.sort(
        key=lambda n: (
            -n.days_since_credit,
            natural_sort_key(n.village),
            person_sort_key(n.person_name),
        )
    )
    return PaymentAccessReport(
        period_from=frm,
        period_to=to,
        as_of=as_of,
        filters={},
        rows_in_scope=figures["rows_in_scope"],
        recipients_paid=figures["recipients_paid"],
        people_paid=sum(p.people_paid for p in parts),
        withdrew_count=figures["withdrew_count"],
        withdrew_pct=figures["withdrew_pct"],
        days_to_withdraw_n=figures["days_to_withdraw_n"],
        days_to_withdraw_median=figures["days_to_withdraw_median"],
        days_to_withdraw_p90=figures["days_to_withdraw_p90"],
        not_withdrawn_after_7=figures["not_withdrawn_after_7"],
        not_withdrawn_after_30=figures["not_withdrawn_after_30"],
        travel_minutes_median=figures["travel_minutes_median"],
        distance_median=figures["distance_median"],
        fees_paid_pct=figures["fees_paid_pct"],
        fees_median=figures["fees_median"],
        needed_help_share=figures["needed_help_share"],
        proxy_share=figures["proxy_share"],
        barrier_counts=figures["barrier_counts"],
        convenience_distribution=figures["convenience_distribution"],
        accounts_opened=figures["accounts_opened"],
        not_received=listed,
        data_quality=dict(sorted(quality.items())),
        withdrawn_by_counts=figures["withdrawn_by_counts"],
    )


def not_received(
    storage: Any, commune: str, period_from: str, period_to: str, as_of: date | None = None
) -> list[Any]:
    """The commune's paid-but-not-withdrawn list, as the laptop's report gives it: the report
    code over the rows that can be on it (the list depends on nothing else)."""
    as_of = as_of or date.today()
    rows = report_rows(storage, commune, period_from, period_to, as_of.isoformat())
    report = compute_report(
        rows, period_from=period_from, period_to=period_to, as_of=as_of, compare_previous=False
    )
    return report.not_received


@dataclass
class FollowUp:
    """One person on the commune official's list to act on: paid, not withdrawn (the laptop's
    ``not_received`` entry, every month at once), with what is needed to reach them. Address and
    phones only for a person whose consent is on record; never a full ID number."""

    person_name: str
    village: str
    channel: str | None
    days_since_credit: int
    payments: int
    barriers: tuple[str, ...]
    oldest_period: str
    consented: bool
    address: str = ""
    phones: tuple[str, ...] = ()
    masked_id: str = ""


def follow_up_list(storage: Any, commune: str, as_of: date | None = None) -> list[FollowUp]:
    """Everyone of the commune still not withdrawn on ``as_of``, whatever month they were paid
    for: the laptop's not-received rule (``compute_report``: a person's entry is their paid,
    not-withdrawn payments, days from the oldest such credit), oldest waiting first."""
    return with_contacts(storage, commune, waiting_people(storage, commune, as_of))


def waiting_people(storage: Any, commune: str, as_of: date | None = None) -> list[dict[str, Any]]:
    """The list to act on without contacts, oldest waiting first: ``{"id", "name", "village",
    "channel", "days", "newest", "payments", "barriers", "oldest"}`` per person (``days``: since
    the oldest credit not withdrawn; ``newest``: since the latest; JSON-ready: the refresher
    keeps it, ``kept_waiting_people``). Reads every month's payments of the commune."""
    from desktop_app.core.collation import natural_sort_key
    from desktop_app.core.collation import sort_key as person_sort_key
    from desktop_app.core.payment_metrics import _as_date, _withdrawn

    as_of = as_of or date.today()
    rows = report_rows(storage, commune, "0001-01", "9999-12", as_of.isoformat())
    pending: dict[Any, dict[str, Any]] = {}
    for row in rows:
        try:
            _period_index(str(row.get("period") or ""))
        except ValueError:
            continue
        credited_on = _as_date(row.get("credited_on"))
        if credited_on is None or credited_on > as_of:
            continue
        did_withdraw, _ = _withdrawn(row, as_of, Counter())
        if did_withdraw:
            continue
        waited = (as_of - credited_on).days
        key = row.get("person_id") or (row.get("person_name"), row.get("village"))
        entry = pending.setdefault(
            key,
            {
                "id": row.get("person_id"),
                "name": unicodedata.normalize("NFC", str(row.get("person_name") or "")),
                "village": unicodedata.normalize("NFC", str(row.get("village") or "")),
                "channel": row.get("channel"),
                "days": waited,
                "newest": waited,
                "payments": 0,
                "barriers": set(),
                "oldest": row["period"],
            },
        )
        entry["days"] = max(entry["days"], waited)
        entry["newest"] = min(entry["newest"], waited)
        entry["payments"] += 1
        entry["oldest"] = min(entry["oldest"], row["period"])
        entry["barriers"].update(b if b in BARRIERS else "other" for b in row.get("barriers") or ())
    order = {code: i for i, code in enumerate(BARRIERS)}
    out = list(pending.values())
    for e in out:
        e["barriers"] = sorted(e["barriers"], key=lambda b: order.get(b, len(order)))
    out.sort(  # the laptop's order (compute_report), also among people whose names are withheld
        key=lambda e: (
            -e["days"],
            natural_sort_key(e["village"]),
            person_sort_key(e["name"]),
            e["channel"] or "",
            e["payments"],
            tuple(e["barriers"]),
        )
    )
    return out


# How many days a kept list may be carried forward until the refresher computes it again.
CARRY_DAYS = 7


def kept_waiting_people(
    storage: Any, commune: str, as_of: date | None = None
) -> list[dict[str, Any]]:
    """``waiting_people`` as the refresher kept it (computed after every batch that touched
    the commune, and again each new day). Kept for an earlier day — the first minutes of a day,
    before the refresher has done every commune (~15 minutes at city scale) — it is carried
    forward: everyone's days grow by the days since (without new data the list changes only
    so, but for a payment credited or withdrawn on a date still in the future then). Computed
    now when none was kept or it is older than ``CARRY_DAYS``."""
    as_of = as_of or date.today()
    kept = storage.dash_waiting(commune)
    if kept is not None:
        day, entries = kept
        try:
            gap = (as_of - date.fromisoformat(day)).days
        except ValueError:
            gap = -1
        if gap == 0:
            return entries
        if 0 < gap <= CARRY_DAYS:
            return [
                {**e, "days": e["days"] + gap, "newest": e.get("newest", e["days"]) + gap}
                for e in entries
            ]
    return waiting_people(storage, commune, as_of)


def with_contacts(storage: Any, commune: str, entries: list[dict[str, Any]]) -> list[FollowUp]:
    """The entries as the official's list shows them: address, phones and masked ID number
    only for a person whose consent is on record (read now, for these people only)."""
    from desktop_app.core.citizen_id import mask_citizen_id

    contacts = storage.dash_contacts(commune, [e["id"] for e in entries if e["id"]])
    out = []
    for e in entries:
        found = contacts.get(e["id"] or "", {})
        person, household = found.get("person", {}), found.get("household", {})
        consented = bool(person.get("consent_date")) and not person.get("consent_withdrawn_on")
        phones: list[str] = []
        if consented:
            for p in [*(person.get("phones") or []), *(household.get("phones") or [])]:
                number = _phone_text(p)
                if number and number not in phones:
                    phones.append(number)
        out.append(
            FollowUp(
                person_name=e["name"],
                village=e["village"],
                channel=e["channel"],
                days_since_credit=e["days"],
                payments=e["payments"],
                barriers=tuple(e["barriers"]),
                oldest_period=e["oldest"],
                consented=consented,
                address=str(household.get("address") or "") if consented else "",
                phones=tuple(phones[:2]),
                masked_id=mask_citizen_id(person.get("citizen_id")) if consented else "",
            )
        )
    return out


def _phone_text(entry: Any) -> str:
    """A stored phone (``{"number": "+84…", "owner": …}`` or text) as people write it."""
    number = entry.get("number") if isinstance(entry, Mapping) else entry
    if not isinstance(number, str) or not number:
        return ""
    try:
        from desktop_app.core.phone import format_national

        return format_national(number)
    except Exception:  # an odd number is still a number to call
        return number


def refresh(storage: Any, as_of: date | None = None, *, outdated: bool = True) -> int:
    """Compute again the cells of every marked commune × month (and, with ``outdated``, those
    computed as of another day), then the city's cells of those months. Returns how many
    communes were computed."""
    as_of = as_of or date.today()
    marks = storage.dash_take_dirty()
    if outdated:
        marks += storage.dash_stale(as_of.isoformat())
    by_commune: dict[str, set[str]] = defaultdict(set)
    for commune, period in marks:
        by_commune[commune].add(period)
    city_months = {p for p in by_commune.pop(CITY, set()) if p != "*"}
    done = 0
    try:
        for commune, periods in sorted(by_commune.items()):
            try:
                city_months |= refresh_commune(storage, commune, periods, as_of)
            except Exception:
                storage.dash_mark([(commune, p) for p in periods])  # tried again next round
                raise
            done += 1
    finally:
        if city_months:
            try:
                refresh_city(storage, city_months, as_of)
            except Exception:
                storage.dash_mark([(CITY, p) for p in city_months])
                raise
    return done


def refresh_commune(storage: Any, commune: str, periods: set[str], as_of: date) -> set[str]:
    """Replace the cells of one commune's months ('*': every month it has), and its list to
    act on (every month, whatever changed); the months done."""
    storage.dash_keep_waiting(commune, as_of.isoformat(), waiting_people(storage, commune, as_of))
    months = set(storage.dash_payment_periods(commune)) if "*" in periods else set()
    months |= {p for p in periods if p != "*"}
    if not months:
        return set()
    rows = report_rows(storage, commune, min(months), max(months))
    rows = [r for r in rows if r.get("period") in months]
    cells = cells_for_rows(rows, as_of=as_of)
    for lag in LAGS:
        back = lagged(as_of, lag)
        for (period, dim, key), cell in cells_for_rows(rows, as_of=back, dims=LAG_DIMS).items():
            cells[(period, lag_dim(dim, lag), key)] = cell
    storage.dash_replace_cells(
        commune,
        sorted(months),
        as_of.isoformat(),
        {slot: _stored(cell) for slot, cell in cells.items()},
        storage.dash_beneficiaries(commune),
        datetime.now(UTC).isoformat(),
    )
    return months


def refresh_city(storage: Any, months: set[str], as_of: date) -> None:
    """The city's cells (commune code ``CITY``) of these months: every commune's merged, so a
    city-wide page reads a dozen cells per month, not thousands."""
    facts = storage.dash_commune_facts()
    beneficiaries = sum(v["beneficiaries"] for k, v in facts.items() if k != CITY)
    for month in sorted(months):
        merged: dict[tuple[str, str, str], Cell] = {}
        for commune, period, dim, key, data in storage.dash_cells([month], ALL_DIMS):
            if commune == CITY:
                continue
            slot = (period, dim, key)
            cell = merged.get(slot)
            if cell is None:
                cell = merged[slot] = Cell()
            cell.add(Cell.from_json(data))
        storage.dash_replace_cells(
            CITY,
            [month],
            as_of.isoformat(),
            {slot: _stored(cell) for slot, cell in merged.items()},
            beneficiaries,
            datetime.now(UTC).isoformat(),
        )


def rebuild_all(storage: Any, as_of: date | None = None) -> int:
    """Mark every commune with payments and compute all its cells (after a restore, or once)."""
    storage.dash_mark([(c, "*") for c in storage.dash_payment_communes()])
    return refresh(storage, as_of)


def load_cells(
    storage: Any, periods: list[str], dims: tuple[str, ...], communes: list[str] | None = None
) -> list[tuple[str, str, str, str, Cell]]:
    """Kept cells as ``(commune, period, dim, key, Cell)``: of ``communes``, or (None) the
    city's own merged cells."""
    return [
        (c, p, d, k, Cell.from_json(data))
        for c, p, d, k, data in storage.dash_cells(
            periods, dims, [CITY] if communes is None else communes
        )
    ]


def _stored(cell: Cell) -> dict[str, Any]:
    """A cell as kept: its counts and histograms, and its merged scalar figures (what a table
    of 126 communes reads without rebuilding histograms)."""
    data = cell.to_json()
    data["figures"] = {k: v for k, v in merge([cell]).items() if not isinstance(v, dict)}
    return data


def commune_figures(
    storage: Any, periods: list[str], communes: list[str] | None, dim: str = "total"
) -> list[tuple[str, str, dict[str, Any]]]:
    """``(commune, period, figures)`` of the communes' "total" cells (None: every commune);
    ``dim="total@1"``: as judged a month earlier (the previous month of a one-month view)."""
    return [
        (c, p, _with_helpers(data))
        for c, p, _, _, data in storage.dash_cells(periods, (dim,), communes)
        if c != CITY
    ]


def _with_helpers(data: Mapping[str, Any]) -> dict[str, Any]:
    """A kept cell's scalar figures plus who withdrew (the shares of help are made of those
    counts: ``metrics_cells.suppress`` needs them to know when a share gives one back)."""
    if "figures" not in data:
        return merge([Cell.from_json(data)])
    figures = dict(data["figures"])
    helpers = data.get("help") or {}
    figures["withdrawn_by_counts"] = {
        k: int(helpers.get(k, 0)) for k in ("self", "proxy", "helped", "not_recorded")
    }
    return figures


def commune_cells(
    storage: Any, periods: list[str], dims: tuple[str, ...]
) -> list[tuple[str, str, str, str, Cell]]:
    """Every commune's cells (not the city's)."""
    return [
        (c, p, d, k, Cell.from_json(data))
        for c, p, d, k, data in storage.dash_cells(periods, dims)
        if c != CITY
    ]


class Refresher:
    """A background thread computing marked cells again every few seconds."""

    def __init__(self, storage: Any, interval: float = 3.0, after: Any = None):
        self.storage = storage
        self.interval = interval
        self.after = after  # called after each round (the pages warm what they keep)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dashboard-refresh", daemon=True)

    def start(self) -> Refresher:
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(10)

    def _run(self) -> None:
        checked: date | None = None  # the day outdated cells were last looked for
        while not self._stop.is_set():
            try:
                today = date.today()
                refresh(self.storage, today, outdated=checked != today)
                checked = today
                if self.after is not None:
                    self.after(self.storage)
            except Exception:  # the next round tries again; never kill the thread
                if self._stop.is_set():
                    return
                log.exception("dashboard refresh failed")
            self._wake.wait(self.interval)
            self._wake.clear()
