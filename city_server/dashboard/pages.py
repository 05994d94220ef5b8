"""What each dashboard page shows, as data: headline cards and tables (with their charts).

Every number comes from metric cells merged by ``desktop_app.core.metrics_cells.merge`` and passed
through ``suppress`` before anything is formatted: the HTML page, the xlsx and the PDF are made
from the same ``Page`` object, so an export never shows what the page hides.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from city_server.dashboard import charts
from city_server.dashboard.auth import User
from city_server.dashboard.cells import commune_figures, load_cells, not_received
from city_server.dashboard.texts import METRICS, NEEDS, label_of, metric_label, t
from desktop_app.core.admin_units import commune as commune_unit
from desktop_app.core.admin_units import hanoi_communes
from desktop_app.core.benefits import AGE_BANDS, CHANNELS
from desktop_app.core.metrics_cells import SUPPRESSED, Cell, merge, small, suppress
from desktop_app.core.payment_metrics import _period_index, _period_text, previous_period
from desktop_app.core.report_export import format_number
from desktop_app.core.text import fold

HEADLINE = (
    "recipients_paid",
    "withdrew_pct",
    "days_to_withdraw_median",
    "days_to_withdraw_p90",
    "not_withdrawn_after_7",
    "not_withdrawn_after_30",
    "travel_minutes_median",
    "distance_median",
    "fees_median",
    "needed_help_share",
    "proxy_share",
    "accounts_opened",
)
PCT_KEYS = {
    "withdrew_pct",
    "needed_help_share",
    "proxy_share",
    "not_withdrawn_after_7_pct",
    "not_withdrawn_after_30_pct",
}
DELAY_BINS = ((0, 0, "0"), (1, 1, "1"), (2, 3, "2–3"), (4, 7, "4–7"), (8, 14, "8–14"))
DELAY_BINS += ((15, 30, "15–30"), (31, 10**6, "31+"))
BREAKDOWN_KEYS = (
    "recipients_paid",
    "withdrew_pct",
    "days_to_withdraw_median",
    "not_withdrawn_after_30_pct",
    "needed_help_share",
)


@dataclass
class Table:
    id: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    chart: str = ""
    row_classes: list[str] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)


@dataclass
class Page:
    kind: str
    title: str
    lang: str
    cards: list[dict[str, Any]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    filters: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


# --- formatting ----------------------------------------------------------------------------------


def fmt(value: Any, lang: str, key: str = "") -> str:
    if value == SUPPRESSED:
        return SUPPRESSED
    if value is None:
        return "—"
    text = format_number(value, lang)
    return text + " %" if key in PCT_KEYS else text


def commune_name(code: str) -> str:
    try:
        return commune_unit(code).full_name
    except Exception:  # a code outside the list (tests, old lists)
        return code


# --- months --------------------------------------------------------------------------------------


def month_range(period_from: str, period_to: str) -> list[str]:
    start, end = _period_index(period_from), _period_index(period_to)
    if end < start:
        start, end = end, start
    return [_period_text(i) for i in range(start, end + 1)][-36:]


def default_month(storage: Any) -> str:
    months = storage.dash_months()
    if months:
        return months[-1]
    today = date.today()
    return _period_text(today.year * 12 + today.month - 2)


def checked_month(text: str | None, fallback: str) -> str:
    try:
        _period_index(text or "")
        return str(text)
    except ValueError:
        return fallback


# --- merging -------------------------------------------------------------------------------------


def _figures(cells: list[Cell]) -> dict[str, Any]:
    return merge(cells)


def _shown(raw: dict[str, Any]) -> dict[str, Any]:
    return suppress(raw)


def _change(now: dict[str, Any], before: dict[str, Any], key: str) -> Any:
    a, b = now.get(key), before.get(key)
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return None
    if before.get("rows_in_scope") in (0, None):
        return None
    diff = a - b
    return round(diff, 1) if isinstance(diff, float) else diff


def _arrow(change: Any, better: str) -> tuple[str, str]:
    if not isinstance(change, int | float) or change == 0 or not better:
        return ("→", "flat") if change == 0 else ("", "")
    good = (change < 0) == (better == "lower")
    return ("▲" if change > 0 else "▼", "good" if good else "bad")


def headline(page: Page, now_raw: dict, before_raw: dict) -> None:
    lang = page.lang
    now, before = _shown(now_raw), _shown(before_raw)
    rows = []
    better = {k: v[1] for k, v in METRICS.items()}
    better.update({"not_withdrawn_after_7": "lower", "not_withdrawn_after_30": "lower"})
    better.update({"days_to_withdraw_p90": "lower", "distance_median": "lower"})
    for key in HEADLINE:
        change = _change(now, before, key)
        arrow, tone = _arrow(change, better.get(key, ""))
        text_change = "—" if change is None else ("+" if change > 0 else "") + fmt(change, lang)
        rows.append([metric_label(key, lang), fmt(now.get(key), lang, key)])
        rows[-1] += [fmt(before.get(key), lang, key), text_change]
        if key in ("withdrew_pct", "days_to_withdraw_median", "not_withdrawn_after_30"):
            page.cards.append(
                {
                    "label": metric_label(key, lang),
                    "value": fmt(now.get(key), lang, key),
                    "change": text_change,
                    "arrow": arrow,
                    "tone": tone,
                }
            )
    page.tables.append(
        Table(
            "headline",
            t("headline", lang),
            [t("figure", lang), t("value", lang), t("previous", lang), t("change", lang)],
            rows,
        )
    )


def distributions(page: Page, raw: dict) -> None:
    lang = page.lang
    hist = raw.get("delay_histogram", {})
    bins = []
    for low, high, label in DELAY_BINS:
        n = sum(c for d, c in hist.items() if low <= d <= high)
        bins.append((label, SUPPRESSED if small(n) else n))
    page.tables.append(
        Table(
            "delays",
            t("delay_dist", lang),
            [t("days", lang), t("count", lang)],
            [[label, fmt(n, lang)] for label, n in bins],
            charts.columns(bins, t("delay_dist", lang)),
        )
    )
    shown = _shown(raw)
    barriers = [(label_of("barrier", k, lang), v) for k, v in shown["barrier_counts"].items()]
    page.tables.append(
        Table(
            "barriers",
            t("barriers", lang),
            [t("barrier", lang), t("count", lang)],
            [[k, fmt(v, lang)] for k, v in barriers],
            charts.bars(barriers, t("barriers", lang), lambda v: fmt(v, lang)),
        )
    )
    conv = [(str(k), v) for k, v in shown["convenience_distribution"].items()]
    page.tables.append(
        Table(
            "convenience",
            t("convenience", lang),
            [t("score", lang), t("count", lang)],
            [[k, fmt(v, lang)] for k, v in conv],
            charts.columns(conv, t("convenience", lang)),
        )
    )
    who = [(label_of("withdrawn_by", k, lang), v) for k, v in shown["withdrawn_by_counts"].items()]
    page.tables.append(
        Table(
            "withdrawn_by",
            t("withdrawn_by", lang),
            [t("withdrawn_by", lang), t("count", lang)],
            [[k, fmt(v, lang)] for k, v in who],
            charts.bars(who, t("withdrawn_by", lang), lambda v: fmt(v, lang)),
        )
    )


def breakdown(page: Page, dim: str, title_key: str, cells: dict[str, list[Cell]], order) -> None:
    lang = page.lang
    rows, bars = [], []
    for key in order(cells):
        shown = _shown(_figures(cells[key]))
        label = label_of(dim, key, lang)
        rows.append([label] + [fmt(shown.get(k), lang, k) for k in BREAKDOWN_KEYS])
        bars.append((label, shown.get("withdrew_pct")))
    page.tables.append(
        Table(
            f"by_{dim}",
            t(title_key, lang),
            [t(dim, lang)] + [metric_label(k, lang) for k in BREAKDOWN_KEYS],
            rows,
            charts.bars(
                bars, metric_label("withdrew_pct", lang), lambda v: fmt(v, lang, "withdrew_pct")
            ),
        )
    )


def _ordered(table):
    def order(cells: dict[str, list[Cell]]) -> list[str]:
        known = [k for k in table if k in cells]
        return known + sorted(k for k in cells if k not in table)

    return order


def _by_key(rows, dim: str, periods: set[str]) -> dict[str, list[Cell]]:
    out: dict[str, list[Cell]] = defaultdict(list)
    for _, period, d, key, cell in rows:
        if d == dim and period in periods:
            out[key].append(cell)
    return out


# --- pages ---------------------------------------------------------------------------------------


def overview(storage: Any, user: User, lang: str, query: dict[str, str]) -> Page:
    to = checked_month(query.get("to"), default_month(storage))
    frm = checked_month(query.get("from"), to)
    months = month_range(frm, to)
    frm, to = months[0], months[-1]
    prev = month_range(*previous_period(frm, to))
    channel = query.get("channel") or ""
    band = query.get("age_band") or ""
    scope = user.commune_scope()
    rows = load_cells(storage, months + prev, ("total", "channel", "age_band"), scope)
    dim, key = ("channel", channel) if channel in CHANNELS else ("total", "")
    both = band in AGE_BANDS and dim == "channel"
    if both:  # the cells hold one breakdown at a time: say which one is applied
        band = ""
    if band in AGE_BANDS and dim == "total":
        dim, key = "age_band", band
    head = [c for _, p, d, k, c in rows if d == dim and k == key and p in months]
    head_prev = [c for _, p, d, k, c in rows if d == dim and k == key and p in prev]
    title = t("overview", lang) if scope is None else t("my_communes", lang)
    page = Page("overview", title, lang)
    page.filters = {"from": frm, "to": to, "channel": channel, "age_band": band}
    now_raw, before_raw = _figures(head), _figures(head_prev)
    headline(page, now_raw, before_raw)
    distributions(page, now_raw)
    current = set(months)
    breakdown(page, "age_band", "by_band", _by_key(rows, "age_band", current), _ordered(AGE_BANDS))
    breakdown(page, "channel", "by_channel", _by_key(rows, "channel", current), _ordered(CHANNELS))
    page.notes = [t("suppressed_note", lang), t("previous_note", lang), t("filter_note", lang)]
    # how much of the city (or of the user's communes) the figures come from: never a silent part
    with_data = {c for c, _p, f in commune_figures(storage, months, scope) if f and f.get("people")}
    every = len(scope) if scope is not None else len(hanoi_communes())
    page.notes.insert(
        0, t("coverage_note", lang).replace("{n}", str(len(with_data))).replace("{m}", str(every))
    )
    if both:
        page.notes.insert(0, t("one_filter", lang))
    if not head:
        page.notes.insert(0, t("no_data", lang))
    return page


def _devices_by_commune(storage: Any) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for device in storage.dash_device_activity():
        if device["revoked"]:
            continue
        for code in device["communes"]:
            out[code].append(device)
    return out


def communes_page(storage: Any, user: User, lang: str, query: dict[str, str]) -> Page:
    period = checked_month(query.get("period"), default_month(storage))
    prev = _period_text(_period_index(period) - 1)
    scope = user.commune_scope()
    figures = {(c, p): f for c, p, f in commune_figures(storage, [period, prev], scope)}
    codes = [c.code for c in hanoi_communes()]
    codes += sorted({c for c, _ in figures} - set(codes))
    if scope is not None:
        codes = [c for c in codes if c in scope]
    devices = _devices_by_commune(storage)
    facts = storage.dash_commune_facts()
    q = fold(query.get("q") or "")
    keys = list(METRICS)
    table_rows = []
    for code in codes:
        name = commune_name(code)
        if q and q not in fold(name) and q not in code:
            continue
        now_raw = figures.get((code, period))
        before = figures.get((code, prev)) or {}
        shown = _shown(now_raw) if now_raw else {}
        mine = devices.get(code, [])
        # reporting for the month shown: a laptop that has sent since that month began (its
        # records of the month can have arrived); judged by the month shown, not today's
        reporting = [d for d in mine if (d["last_batch_at"] or "")[:7] >= period]
        last = max((d["last_batch_at"] or "" for d in mine), default="")
        known = facts.get(code, {}).get("beneficiaries") or 0
        people = now_raw["people"] if now_raw else 0
        coverage = round(100 * people / known, 1) if known else None
        missing = not reporting or not people
        table_rows.append(
            {
                "code": code,
                "name": name,
                "shown": shown,
                "before": _shown(before) if before else {},
                "devices": f"{len(mine)} / {len(reporting)}",
                "last": last[:16].replace("T", " ") if last else t("never", lang),
                "coverage": coverage,
                "missing": missing,
            }
        )
    sort = query.get("sort") or "name"
    desc = query.get("desc") == "1"

    def sort_key(r):
        if sort in keys:
            v = r["shown"].get(sort)
            return (0, v) if isinstance(v, int | float) else (1, 0)
        if sort == "coverage":
            return (0, r["coverage"]) if r["coverage"] is not None else (1, 0)
        if sort == "status":
            return (0 if r["missing"] else 1, fold(r["name"]))
        return (0, fold(r["name"]))

    table_rows.sort(key=sort_key, reverse=desc)
    columns = [t("commune", lang)] + [metric_label(k, lang) for k in keys]
    columns += [t("devices", lang), t("last_sync", lang), t("coverage", lang), t("status", lang)]
    out_rows, classes, links = [], [], []
    for r in table_rows:
        cells_out = [r["name"]]
        for k in keys:
            change = _change(r["shown"], r["before"], k)
            arrow, _ = _arrow(change, METRICS[k][1] or "higher")
            cells_out.append(fmt(r["shown"].get(k), lang, k) + (" " + arrow if arrow else ""))
        cells_out += [
            r["devices"],
            r["last"],
            fmt(r["coverage"], lang, "withdrew_pct"),
            t("missing", lang) if r["missing"] else t("fresh", lang),
        ]
        out_rows.append(cells_out)
        classes.append("missing" if r["missing"] else "")
        links.append(f"/communes/{r['code']}?from={period}&to={period}")
    title = t("communes", lang) if scope is None else t("my_communes", lang)
    page = Page("communes", title, lang)
    page.filters = {"period": period, "q": query.get("q") or "", "sort": sort, "desc": desc}
    page.extra["sort_keys"] = ["name", *keys, "devices", "last", "coverage", "status"]
    page.tables.append(
        Table("communes", f"{title} — {period}", columns, out_rows, "", classes, links)
    )
    page.notes = [t("missing_note", lang), t("suppressed_note", lang)]
    return page


def commune_page(storage: Any, user: User, lang: str, code: str, query: dict[str, str]) -> Page:
    to = checked_month(query.get("to"), default_month(storage))
    frm = checked_month(query.get("from"), to)
    months = month_range(frm, to)
    frm, to = months[0], months[-1]
    prev = month_range(*previous_period(frm, to))
    year = month_range(_period_text(_period_index(to) - 11), to)
    rows = load_cells(
        storage,
        sorted(set(months + prev + year)),
        ("total", "village", "channel", "age_band", "need"),
        [code],
    )
    page = Page("commune", commune_name(code), lang)
    page.filters = {"from": frm, "to": to}
    page.extra["code"] = code
    current = set(months)
    total = [c for _, p, d, _, c in rows if d == "total" and p in current]
    total_prev = [c for _, p, d, _, c in rows if d == "total" and p in prev]
    now_raw = _figures(total)
    headline(page, now_raw, _figures(total_prev))
    breakdown(page, "village", "by_village", _by_key(rows, "village", current), _ordered({}))
    breakdown(page, "age_band", "by_band", _by_key(rows, "age_band", current), _ordered(AGE_BANDS))
    breakdown(page, "channel", "by_channel", _by_key(rows, "channel", current), _ordered(CHANNELS))
    breakdown(page, "need", "by_need", _by_key(rows, "need", current), _ordered(NEEDS))
    # the 12-month trend
    per_month = {
        m: _shown(_figures([c for _, p, d, _, c in rows if d == "total" and p == m])) for m in year
    }
    trend_keys = ("withdrew_pct", "not_withdrawn_after_30_pct", "days_to_withdraw_median")
    page.tables.append(
        Table(
            "trend",
            t("trend12", lang),
            [t("month", lang)] + [metric_label(k, lang) for k in trend_keys],
            [[m] + [fmt(per_month[m].get(k), lang, k) for k in trend_keys] for m in year],
            charts.lines(
                year,
                [
                    (metric_label(k, lang), [per_month[m].get(k) for m in year])
                    for k in trend_keys[:2]
                ],
                t("trend12", lang),
            ),
        )
    )
    distributions(page, now_raw)
    if user.sees_names:
        listed = [
            [
                n.person_name,
                n.village,
                label_of("channel", n.channel or "", lang),
                fmt(n.days_since_credit, lang),
                fmt(n.payments, lang),
                ", ".join(label_of("barrier", b, lang) for b in n.barriers),
            ]
            for n in not_received(storage, code, frm, to)
        ]
        page.tables.append(
            Table(
                "not_received",
                t("not_received", lang),
                [t("name", lang), t("village", lang), t("channel", lang), t("days_since", lang)]
                + [t("payments", lang), t("barriers", lang)],
                listed,
            )
        )
    page.notes = [t("suppressed_note", lang), t("previous_note", lang)]
    if not total:
        page.notes.insert(0, t("no_data", lang))
    return page


def trends_page(storage: Any, user: User, lang: str, query: dict[str, Any]) -> Page:
    metric = query.get("metric") if query.get("metric") in METRICS else "withdrew_pct"
    available = storage.dash_months()
    to = checked_month(query.get("to"), default_month(storage))
    months = month_range(_period_text(_period_index(to) - 23), to)
    if available:
        months = [m for m in months if m >= available[0]] or months[-1:]
    scope = user.commune_scope()
    chosen = [c for c in query.get("communes", []) if scope is None or c in scope][:5]
    by_month: dict[str, list[Cell]] = defaultdict(list)
    for _, period, _, _, cell in load_cells(storage, months, ("total",), scope):
        by_month[period].append(cell)
    per_commune: dict[tuple[str, str], Cell] = {}
    if chosen:
        for code, period, _, _, cell in load_cells(storage, months, ("total",), chosen):
            per_commune[(code, period)] = cell
    whole = t("city", lang) if scope is None else t("my_communes", lang)
    series = [(whole, [_shown(_figures(by_month[m])).get(metric) for m in months])]
    if chosen:
        series.append(
            (
                t("selected", lang),
                [
                    _shown(
                        _figures([per_commune[(c, m)] for c in chosen if (c, m) in per_commune])
                    ).get(metric)
                    for m in months
                ],
            )
        )
        for code in chosen:
            series.append(
                (
                    commune_name(code),
                    [
                        _shown(
                            _figures([per_commune[(code, m)]] if (code, m) in per_commune else [])
                        ).get(metric)
                        for m in months
                    ],
                )
            )
    page = Page("trends", t("trends", lang), lang)
    page.filters = {"metric": metric, "to": to, "communes": chosen}
    options = [c.code for c in hanoi_communes()]
    if scope is not None:
        options = [c for c in scope]
    page.extra["commune_options"] = [(c, commune_name(c)) for c in options]
    page.extra["metric_options"] = [(k, metric_label(k, lang)) for k in METRICS]
    label = metric_label(metric, lang)
    page.tables.append(
        Table(
            "trend",
            label,
            [t("month", lang)] + [name for name, _ in series],
            [[m] + [fmt(vs[i], lang, metric) for _, vs in series] for i, m in enumerate(months)],
            charts.lines(months, series, label),
        )
    )
    page.notes = [t("suppressed_note", lang)]
    return page


def admin_page(storage: Any, user: User, lang: str) -> Page:
    page = Page("admin", t("admin", lang), lang)
    rows, ids = [], []
    for d in storage.dash_device_activity():
        gaps = storage.device_gaps(d["id"])
        rows.append(
            [
                d["name"],
                ", ".join(commune_name(c) for c in d["communes"]),
                d["enrolled_at"][:10],
                (d["last_batch_at"] or t("never", lang))[:16].replace("T", " "),
                str(sum(b - a + 1 for a, b in gaps)),
                str(d["quarantined"]),
                str(d["rejected"]),
                t("revoked", lang) if d["revoked"] else t("active", lang),
            ]
        )
        ids.append(None if d["revoked"] else d["id"])
    page.tables.append(
        Table(
            "devices",
            t("admin", lang),
            [t("device", lang), t("commune", lang), t("enrolled", lang), t("last_seen", lang)]
            + [t("gaps", lang), t("quarantined", lang), t("rejected", lang)]
            + [t("device_status", lang)],
            rows,
        )
    )
    page.extra["revocable"] = ids
    codes = storage.dash_enrollment_codes()
    page.tables.append(
        Table(
            "codes",
            t("codes", lang),
            [t("commune", lang), t("created", lang), t("expires", lang), t("used", lang)],
            [
                [
                    ", ".join(commune_name(c) for c in code["communes"]),
                    code["created_at"][:16].replace("T", " "),
                    code["expires_at"][:16].replace("T", " "),
                    code["used_at"][:16].replace("T", " ")
                    if code["used_at"]
                    else t("unused", lang),
                ]
                for code in codes
            ],
        )
    )
    page.tables.append(
        Table(
            "officers",
            t("officers", lang),
            [t("officer", lang), t("commune", lang), t("enrolled", lang), t("device_status", lang)],
            [
                [
                    o.full_name,
                    ", ".join(commune_name(c) for c in o.communes),
                    o.enrolled_at[:10],
                    t("revoked", lang) if o.revoked else t("active", lang),
                ]
                for o in storage.list_officers()
            ],
        )
    )
    page.tables.append(
        Table(
            "accounts",
            t("accounts", lang),
            [t("user", lang), t("role", lang), t("commune", lang)],
            [
                [u["name"], t(u["role"], lang), ", ".join(commune_name(c) for c in u["communes"])]
                for u in storage.dash_users()
            ],
        )
    )
    page.tables.append(
        Table(
            "audit",
            t("audit", lang),
            [t("when", lang), t("user", lang), t("action", lang)],
            [
                [a["at"][:19].replace("T", " "), a["user"], a["action"]]
                for a in storage.dash_audit_log(50)
            ],
        )
    )
    return page
