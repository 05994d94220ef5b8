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
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from desktop_app.core.metrics_cells import (
    DIMENSIONS,
    Cell,
    cells_for_rows,
    merge,
    payment_report_row,
)
from desktop_app.core.payment_metrics import PaymentAccessReport, compute_report, previous_period

log = logging.getLogger("city_server.dashboard")

# Entities whose change can alter a commune's figures in any month (names, ages, channels,
# villages, accounts opened, deletions).
# The commune code of the city's merged cells (no real commune code is empty).
CITY = ""

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
        rows, period_from=period_from, period_to=period_to, as_of=as_of or date.today()
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
    """Replace the cells of one commune's months ('*': every month it has); the months done."""
    months = set(storage.dash_payment_periods(commune)) if "*" in periods else set()
    months |= {p for p in periods if p != "*"}
    if not months:
        return set()
    rows = report_rows(storage, commune, min(months), max(months))
    rows = [r for r in rows if r.get("period") in months]
    cells = cells_for_rows(rows, as_of=as_of)
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
        for commune, period, dim, key, data in storage.dash_cells([month], DIMENSIONS):
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
    storage: Any, periods: list[str], communes: list[str] | None
) -> list[tuple[str, str, dict[str, Any]]]:
    """``(commune, period, figures)`` of the communes' "total" cells (None: every commune)."""
    return [
        (c, p, data["figures"] if "figures" in data else merge([Cell.from_json(data)]))
        for c, p, _, _, data in storage.dash_cells(periods, ("total",), communes)
        if c != CITY
    ]


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

    def __init__(self, storage: Any, interval: float = 3.0):
        self.storage = storage
        self.interval = interval
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
            except Exception:  # the next round tries again; never kill the thread
                if self._stop.is_set():
                    return
                log.exception("dashboard refresh failed")
            self._wake.wait(self.interval)
            self._wake.clear()
