"""What each dashboard page shows, as data: headline cards and tables (with their charts).

Every number comes from metric cells merged by ``desktop_app.core.metrics_cells.merge`` and passed
through ``suppress`` before anything is formatted: the HTML page, the xlsx and the PDF are made
from the same ``Page`` object, so an export never shows what the page hides.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from city_server.dashboard import charts
from city_server.dashboard.auth import User
from city_server.dashboard.cells import (
    LAG_DIMS,
    LAGS,
    commune_cells,
    commune_figures,
    kept_waiting_people,
    lag_dim,
    lagged,
    load_cells,
    with_contacts,
)
from city_server.dashboard.texts import (
    METRICS,
    NEEDS,
    hanoi_time,
    label_of,
    metric_label,
    t,
)
from desktop_app.core.admin_units import commune as commune_unit
from desktop_app.core.admin_units import hanoi_communes
from desktop_app.core.benefits import AGE_BANDS, CHANNELS, CONVENIENCE
from desktop_app.core.collation import natural_sort_key, text_sort_key
from desktop_app.core.metrics_cells import (
    BREAKDOWN_KEYS,
    HIDDEN,
    HIDDEN_CHANGE,
    HIDDEN_SHARE,
    MARKERS,
    SUPPRESSED,
    Cell,
    change_of,
    merge,
    small,
    suppress,
    suppress_group,
    suppress_rows,
)
from desktop_app.core.payment_metrics import _period_index, _period_text, previous_period
from desktop_app.core.report_export import format_number, month_label
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
    "fees_paid_pct",
    "fees_median",
    "needed_help_share",
    "proxy_share",
    "accounts_opened",
)
# Figures that are a value, not a count: hidden, they say so in words ("< 5" beside "days"
# or "minutes" would read as "under 5 days").
MEDIAN_KEYS = {
    "days_to_withdraw_median",
    "days_to_withdraw_p90",
    "travel_minutes_median",
    "distance_median",
    "fees_median",
}
PCT_KEYS = {
    "withdrew_pct",
    "fees_paid_pct",
    "needed_help_share",
    "proxy_share",
    "not_withdrawn_after_7_pct",
    "not_withdrawn_after_30_pct",
}
DELAY_BINS = ((0, 0, "0"), (1, 1, "1"), (2, 3, "2–3"), (4, 7, "4–7"), (8, 14, "8–14"))
DELAY_BINS += ((15, 30, "15–30"), (31, 10**6, "31+"))


@dataclass
class Table:
    id: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    chart: str = ""
    row_classes: list[str] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)
    pager: dict[str, Any] | None = None  # a long table shown a page at a time (``pager``)


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


class Shown(str):
    """A table cell as printed (Vietnamese or English number format), carrying its number for
    the xlsx (``value``; None for text such as "< 5"), whether it is a percentage, and for a
    change the arrow and whether that is better or worse for the figure (``tone``)."""

    value: Any
    pct: bool
    arrow: str
    tone: str

    def __new__(cls, text: str, value: Any = None, pct: bool = False, arrow="", tone=""):
        obj = super().__new__(cls, text)
        obj.value, obj.pct, obj.arrow, obj.tone = value, pct, arrow, tone
        return obj


class Phones(str):
    """The phone cell of the list to act on: the numbers as written, each also a ``tel:``
    link target (a commune official on a phone calls with one tap)."""

    tel: list[tuple[str, str]]

    def __new__(cls, numbers: tuple[str, ...] | list[str]):
        obj = super().__new__(cls, ", ".join(numbers) or "—")
        obj.tel = [(n, re.sub(r"[^\d+]", "", n)) for n in numbers if re.sub(r"[^\d+]", "", n)]
        return obj


def fmt(value: Any, lang: str, key: str = "") -> Shown:
    # a share or a median is hidden in words: "< 5" in a % or days column reads as "under 5 %"
    # (seventh and eighth tryouts), whether it rests on fewer than 5 payments or gives one back
    if value == HIDDEN_SHARE or (value == SUPPRESSED and key in PCT_KEYS | MEDIAN_KEYS):
        return Shown(t("hidden_share", lang), None, True)
    if value in (SUPPRESSED, HIDDEN):
        return Shown(value)
    if value is None:
        return Shown("—")
    text = format_number(value, lang)
    pct = key in PCT_KEYS
    return Shown(text + " %" if pct else text, value, pct)


def privacy_note(lang: str) -> str:
    """What "< 5", "x" and "ẩn" mean (docs/METRICS.md, small-cell suppression)."""
    return " ".join(t(k, lang) for k in ("suppressed_note", "hidden_note", "share_note"))


def commune_name(code: str) -> str:
    try:
        return commune_unit(code).full_name
    except Exception:  # a code outside the list (tests, old lists)
        return code


def scoped_title(key: str, scope: list[str] | None, lang: str) -> str:
    """A page's title; an official's (``scope``: their communes) names them, so its printout
    says whose it is ("Xã, phường của tôi: Phường Giảng Võ"; the ninth tryout's overview PDF
    said only "Xã, phường của tôi")."""
    if scope is None:
        return t(key, lang)
    head = t("my_communes", lang) if key == "overview" else t(key, lang)
    names = [commune_name(c) for c in scope]
    if len(names) > 3:
        return f"{head}: {', '.join(names[:3])} (+{len(names) - 3})"
    return f"{head}: {', '.join(names)}"


def commune_sort_key(code: str) -> str:
    """Vietnamese order of the commune's own name ("Ba Đình" before "Đông Anh", D before Đ),
    whether it is a phường or a xã; the type word breaks ties."""
    try:
        unit = commune_unit(code)
    except Exception:
        return text_sort_key(code)
    return text_sort_key(unit.name) + "\x00" + text_sort_key(unit.type)


# --- months --------------------------------------------------------------------------------------


def month_options(storage: Any, lang: str, also: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The months a picker offers, newest first, named in the page's language (a server-made
    list: the browser's own month input follows the browser's language, not the page's)."""
    months = set(storage.dash_months()) | {m for m in also if m}
    return [(m, month_label(m, lang)) for m in sorted(months, reverse=True)]


def current_month(today: date | None = None) -> str:
    today = today or date.today()
    return f"{today.year:04d}-{today.month:02d}"


MAX_MONTHS = 36  # the longest range a page shows (the latest months of a longer one)


def month_range(period_from: str, period_to: str) -> list[str]:
    start, end = _period_index(period_from), _period_index(period_to)
    if end < start:
        start, end = end, start
    return [_period_text(i) for i in range(start, end + 1)][-MAX_MONTHS:]


def cut_notice(period_from: str, period_to: str, lang: str) -> str | None:
    """What the page says when the range asked for is longer than it shows (never cut
    silently): how long it was and the months actually shown; None if nothing was cut."""
    asked = abs(_period_index(period_to) - _period_index(period_from)) + 1
    if asked <= MAX_MONTHS:
        return None
    months = month_range(period_from, period_to)
    return (
        t("range_cut", lang)
        .replace("{asked}", str(asked))
        .replace("{max}", str(MAX_MONTHS))
        .replace("{shown}", _range_label(months[0], months[-1], lang))
    )


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


# Days after a month's last day until a figure of that month stops moving: the shares "after
# 7 / 30 days", and what counts withdrawals (a payment of the 28th is often withdrawn next
# month, so the month's "% withdrawn" and its days to withdraw still rise for weeks).
SETTLE_DAYS = {
    "not_withdrawn_after_7": 7,
    "not_withdrawn_after_30": 30,
    "withdrew_": 30,
    "days_to_withdraw_": 30,
}


def not_final(period: str, key: str, today: date | None = None) -> str:
    """Why the figure ``key`` of the month ``period`` is not final yet, as a mark for its cell
    ("chưa hết tháng", "chưa đủ 30 ngày"), or "" when it is: the current month is not over, and a
    figure of ``SETTLE_DAYS`` needs that many days after the month's last day. Never read as a
    trend (issue 14, fifth and seventh tryouts)."""
    from datetime import timedelta

    today = today or date.today()
    if period >= current_month(today):
        return "mark_unfinished"
    days = next((d for prefix, d in SETTLE_DAYS.items() if key.startswith(prefix)), 0)
    if days:
        index = _period_index(period) + 1  # the first day of the next month
        following = date(index // 12, index % 12 + 1, 1)
        if following - timedelta(days=1) + timedelta(days=days) > today:
            return f"mark_days_{days}"
    return ""


def marked(cell: Shown, mark: str, lang: str) -> Shown:
    """A table cell of a month not final yet: its text says so ("3,4 % — chưa đủ 30 ngày") and
    the xlsx keeps the number with the words in its format."""
    if not mark or str(cell) == "—":
        return cell
    words = t(mark, lang)
    out = Shown(f"{cell} — {words}", cell.value, cell.pct)
    number = '0.0" %"' if cell.pct else ("#,##0" if isinstance(cell.value, int) else "#,##0.0")
    out.xlsx_format = f'{number}" — {words}"'
    out.provisional = True
    return out


def data_span(storage: Any, today: date | None = None) -> tuple[str, str]:
    """The months a page may show: from the first month with figures (or, with none, two years
    back) to the current month — never a month before the data or in the future."""
    now = current_month(today)
    months = [m for m in storage.dash_months() if m <= now]
    earliest = months[0] if months else _period_text(_period_index(now) - 23)
    return earliest, now


def bounded_range(
    storage: Any, frm: str, to: str, lang: str, today: date | None = None
) -> tuple[str, str, str | None]:
    """``frm``..``to`` moved inside ``data_span`` (in order), and the notice that says so when
    it had to be moved (None when it lay inside): a month outside the data is never listed nor
    compared with."""
    first, last = data_span(storage, today)
    start, end = sorted((frm, to))
    new_start = min(max(start, first), last)
    new_end = min(max(end, first), last)
    if (new_start, new_end) == (start, end):
        return start, end, None
    notice = (
        t("range_clamped", lang)
        .replace("{first}", month_label(first, lang))
        .replace("{last}", month_label(last, lang))
        .replace("{asked}", _range_label(start, end, lang))
        .replace("{shown}", _range_label(new_start, new_end, lang))
    )
    return new_start, new_end, notice


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
    """The arrow of a change and its tone: "good" or "bad" for the figure (a rise of the share
    not withdrawn after 30 days is bad), "" for a figure that is neither (payments made)."""
    if not isinstance(change, int | float):
        return ("", "")
    if change == 0:
        return ("→", "flat")
    arrow = "▲" if change > 0 else "▼"
    if not better:
        return (arrow, "")
    good = (change < 0) == (better == "lower")
    return (arrow, "good" if good else "bad")


# When each figure is better: "lower" or "higher" ("" for neither).
BETTER = {k: v[1] for k, v in METRICS.items()}
# The trends' choice: the communes table's figures, and the two the table has no room for (the
# ninth tryout: "is the distance getting better?" had no answer but one month at a time).
TREND_METRICS = (*METRICS, "distance_median", "proxy_share")
BETTER.update({"not_withdrawn_after_7": "lower", "not_withdrawn_after_30": "lower"})
BETTER.update({"days_to_withdraw_p90": "lower", "distance_median": "lower"})


# The communes table's change columns, each beside its figure: (figure, unit text key).
CHANGE_KEYS = {
    "days_to_withdraw_median": "unit_days",
    "withdrew_pct": "unit_points",
    "not_withdrawn_after_30_pct": "unit_points",
}
CHANGE_SORT = "change_"  # the sort key of a change column: "change_" + its figure


def change_shown(change: Any, key: str, lang: str) -> Shown:
    """A change of the communes table in words with its unit ("+3,2 điểm", "+2 ngày"), its
    arrow and tone; "ẩn" when it is hidden (``change_of``), "—" without data. The xlsx keeps
    the number with the unit in its format."""
    if change == HIDDEN_CHANGE:
        return Shown(t("hidden_share", lang))
    if not isinstance(change, int | float):
        return Shown("—")
    arrow, tone = _arrow(change, BETTER.get(key, ""))
    unit = t(CHANGE_KEYS[key], lang)
    text = ("+" if change > 0 else "") + format_number(change, lang) + " " + unit
    cell = Shown(text, change, False, arrow, tone)
    # as the page writes it: "-3 ngày" for a whole number, "+3,2 điểm" with one decimal
    digits = "0" if float(change).is_integer() else "0.0"
    cell.xlsx_format = f'+{digits}" {unit}";-{digits}" {unit}";0" {unit}"'
    return cell


COST_UNITS = {
    "travel_minutes_median": "unit_minutes",
    "distance_median": "unit_km",
    "fees_median": "unit_vnd",
}


def _change_cell(change: Any, key: str, lang: str) -> Shown:
    """A headline figure's change, with its unit as in the communes table ("-0,5 điểm",
    "+2 ngày"; the seventh tryout read a bare "-0,5" as a count or a percentage)."""
    arrow, tone = _arrow(change, BETTER.get(key, ""))
    if change is None:
        return Shown("—")
    text = ("+" if change > 0 else "") + format_number(change, lang)
    if key.endswith(("_pct", "_share")):
        unit_key = "unit_points"
    elif key.startswith("days_"):
        unit_key = "unit_days"
    else:  # the cost of a withdrawal (the ninth tryout: "+5" beside the travel time)
        unit_key = COST_UNITS.get(key, "")
    unit = t(unit_key, lang) if unit_key else ""
    cell = Shown(f"{text} {unit}".rstrip(), change, False, arrow, tone)
    # the xlsx as the page writes it: the sign, and the unit (a bare "2.8" read as a figure)
    digits = "#,##0" if float(change).is_integer() else "#,##0.0"
    tail = f'" {unit}"' if unit else ""
    cell.xlsx_format = f"+{digits}{tail};-{digits}{tail};0{tail}"
    return cell


def comparison(
    lang: str, frm: str, to: str, today: date | None = None, earliest: str = ""
) -> tuple[int | None, str]:
    """The previous period of ``frm``..``to`` as the laptop's report defines it (the range of
    equal length just before, judged as of today moved back by as many months), and the note
    that says so on the page. ``(lag, note)``; lag None when no cells are kept for that length
    or when the previous period starts before ``earliest`` (the first month with figures): a
    period with months missing is no comparison."""
    today = today or date.today()
    months = month_range(frm, to)
    lag = len(months)
    pf, pt = previous_period(months[0], months[-1])
    notes = []
    if months[-1] >= current_month(today):
        notes.append(
            t("incomplete_note", lang)
            .replace("{month}", month_label(current_month(today), lang))
            .replace("{day}", _day(today, lang))
        )
    if lag not in LAGS:
        notes.append(t("no_compare_note", lang))
        return None, " ".join(notes)
    if earliest and pf < earliest:  # never "Tháng 12/1998 như số liệu lúc …", nor a part
        notes.append(t("no_earlier_note", lang).replace("{first}", month_label(earliest, lang)))
        return None, " ".join(notes)
    notes.append(
        t("previous_note", lang)
        .replace("{prev}", _range_label(pf, pt, lang))
        .replace("{day}", _day(lagged(today, lag), lang))
        .replace("{today}", _day(today, lang))
    )
    return lag, " ".join(notes)


def _day(day: date, lang: str) -> str:
    return day.isoformat() if lang == "en" else f"{day.day:02d}/{day.month:02d}/{day.year}"


def _range_label(frm: str, to: str, lang: str) -> str:
    if frm == to:
        return month_label(frm, lang)
    return f"{month_label(frm, lang)} – {month_label(to, lang)}"


def commune_rows(
    storage: Any, months: list[str], scope: list[str] | None, dim: str = "total"
) -> dict[str, dict[str, Any]]:
    """Every commune's figures over ``months`` (those of ``scope``; None: the whole city),
    hidden together as the communes table hides them (``suppress_rows``: they add up to the
    city's total). Each page that shows a commune's own total figures takes them from here —
    the communes table, a commune's page, the trends of chosen communes —, so no page shows a
    figure another hides: the city's total minus the communes shown gives none back."""
    if len(months) == 1:
        return monthly_commune_rows(storage, months, scope, dim).get(months[0], {})
    else:
        cells: dict[str, list[Cell]] = defaultdict(list)
        kept = (
            commune_cells(storage, months, (dim,))
            if scope is None
            else load_cells(storage, months, (dim,), scope)
        )
        for c, _, _, _, cell in kept:
            cells[c].append(cell)
        figures = {c: _figures(found) for c, found in cells.items()}
    return suppress_rows(figures)


# Each month's communes as hidden together, per storage, scope and breakdown, with the cells'
# stamp they were computed from: every commune's every month is read and suppressed (~0.25 s
# for 24 months of 126 communes), and nothing of it changes until the refresher writes cells.
_HIDDEN_MONTHS: dict[tuple[Any, ...], tuple[tuple[Any, ...], dict[str, dict[str, Any]]]] = {}
_HIDDEN_MONTHS_MAX = 2048


def _cells_stamp(storage: Any) -> tuple[Any, ...]:
    """Changes whenever the refresher writes any commune's cells (dash_replace_cells)."""
    facts = storage.dash_commune_facts()
    return (len(facts), max((f["refreshed_at"] or "" for f in facts.values()), default=""))


def warm(storage: Any) -> None:
    """After the refresher's round (in each worker): the city's communes hidden together for
    the months the Trends show, so the first view after new cells does not pay for it
    (nothing to do while the cells' stamp is unchanged)."""
    months = storage.dash_months()[-24:]
    if months:
        monthly_commune_rows(storage, months, None)


def monthly_commune_rows(
    storage: Any, months: list[str], scope: list[str] | None, dim: str = "total"
) -> dict[str, dict[str, dict[str, Any]]]:
    """``commune_rows`` of each month alone (one read for the months not kept since the
    refresher last wrote cells)."""
    stamp = _cells_stamp(storage)
    where = (id(storage), tuple(scope) if scope is not None else None, dim)
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for m in months:
        kept = _HIDDEN_MONTHS.get((*where, m))
        if kept is not None and kept[0] == stamp:
            out[m] = kept[1]
    wanted = [m for m in months if m not in out]
    if wanted:
        by_month: dict[str, dict[str, dict[str, Any]]] = {m: {} for m in wanted}
        for c, p, f in commune_figures(storage, wanted, scope, dim=dim):
            by_month[p][c] = f
        if len(_HIDDEN_MONTHS) > _HIDDEN_MONTHS_MAX:
            _HIDDEN_MONTHS.clear()
        for p, rows in by_month.items():
            out[p] = suppress_rows(rows)
            _HIDDEN_MONTHS[(*where, p)] = (stamp, out[p])
    return out


def headline(
    page: Page,
    now_raw: dict,
    before_raw: dict | None,
    shown: tuple[dict | None, dict | None] = (None, None),
    month: str | None = None,
) -> dict[str, Any]:
    """The headline figures and their change against the previous period (``before_raw``
    None: no comparison for this range length). ``shown``: the figures (now, before) as
    already hidden with others (``commune_rows``), instead of hiding them alone. Returns the
    figures now as shown: the total the page's breakdowns add up to. ``month``: the range's
    last; a change of a figure not final for it keeps its arrow but not the colour of better or
    worse (the tenth tryout: a green "▼ −16" right above "not an improvement")."""
    lang = page.lang
    now = shown[0] if shown[0] is not None else _shown(now_raw)
    before = {}
    if before_raw is not None:
        before = shown[1] if shown[1] is not None else _shown(before_raw)
    rows = []
    for key in HEADLINE:
        change = _change(now, before, key) if before_raw is not None else None
        cell = _change_cell(change, key, lang)
        if month and not_final(month, key):
            cell.tone = ""  # its own cell (``_change_cell`` makes a new one)
        rows.append([metric_label(key, lang), fmt(now.get(key), lang, key)])
        rows[-1] += [fmt(before.get(key), lang, key), cell]
        arrow, tone, text_change = cell.arrow, cell.tone, str(cell)
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
    return now


def distributions(page: Page, raw: dict, shown: dict[str, Any]) -> None:
    """The breakdowns of the total ``raw``, as ``shown`` (the headline's figures) hides it: a
    hidden "% đã rút" hides a cell of who withdrew and of the days to withdraw, so they do not
    add up to it (``hide_withdrawal_parts``)."""
    lang = page.lang
    hist = raw.get("delay_histogram", {})
    counts = {
        label: sum(c for d, c in hist.items() if low <= d <= high)
        for low, high, label in DELAY_BINS
    }
    if not raw.get("rows_in_scope"):  # no data: "—", never a row of zeros
        counts = dict.fromkeys(counts)
    bins = list(suppress_group(counts, shown.get("withdrew_pct") in MARKERS).items())
    page.tables.append(
        Table(
            "delays",
            t("delay_dist", lang),
            [t("days", lang), t("count", lang)],
            [[label, fmt(n, lang)] for label, n in bins],
            charts.columns(bins, t("delay_dist", lang)),
        )
    )
    alone = _shown(raw)
    barriers = [(label_of("barrier", k, lang), v) for k, v in alone["barrier_counts"].items()]
    page.tables.append(
        Table(
            "barriers",
            t("barriers", lang),
            [t("barrier", lang), t("count", lang)],
            [[k, fmt(v, lang)] for k, v in barriers],
            charts.bars(barriers, t("barriers", lang), lambda v: fmt(v, lang)),
        )
    )
    conv = [(str(k), v) for k, v in alone["convenience_distribution"].items()]
    page.tables.append(
        Table(
            "convenience",
            t("convenience", lang),
            [t("score", lang), t("count", lang)],
            # the score in words, as the laptop's form asks it ("1 — rất khó khăn")
            [[CONVENIENCE[int(k)].text(lang), fmt(v, lang)] for k, v in conv],
            charts.columns(conv, t("convenience", lang)),
        )
    )
    # who withdrew as the headline's shares of help were judged with it (the headline's
    # figures may come from the communes table, without the breakdowns above)
    by = shown.get("withdrawn_by_counts") or alone["withdrawn_by_counts"]
    who = [(label_of("withdrawn_by", k, lang), v) for k, v in by.items()]
    page.tables.append(
        Table(
            "withdrawn_by",
            t("withdrawn_by", lang),
            [t("withdrawn_by", lang), t("count", lang)],
            [[k, fmt(v, lang)] for k, v in who],
            charts.bars(who, t("withdrawn_by", lang), lambda v: fmt(v, lang)),
        )
    )


def breakdown(
    page: Page,
    dim: str,
    title_key: str,
    cells: dict[str, list[Cell]],
    order,
    total: dict[str, Any] | None = None,
) -> None:
    lang = page.lang
    rows, bars = [], []
    keys = order(cells)
    # the rows add up to the page's total (``total``, as its headline shows it; None when the
    # headline is of something else): no "< 5" may be worked out from the total minus the
    # other rows, nor a hidden total as the rows' sum (metrics_cells.suppress_rows)
    figures = suppress_rows({key: _figures(cells[key]) for key in keys}, total)
    for key in keys:
        shown = figures[key]
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
        # the rest (villages) in Vietnamese order, numbers as numbers ("Tổ 2" before "Tổ 10")
        return known + sorted((k for k in cells if k not in table), key=natural_sort_key)

    return order


def _by_key(rows, dim: str, periods: set[str]) -> dict[str, list[Cell]]:
    out: dict[str, list[Cell]] = defaultdict(list)
    for _, period, d, key, cell in rows:
        if d == dim and period in periods:
            out[key].append(cell)
    return out


# --- pages ---------------------------------------------------------------------------------------


def coverage_notes(
    storage: Any,
    months: list[str],
    prev: list[str],
    scope: list[str] | None,
    lang: str,
    reporting: dict[str, set[str]] | None = None,
) -> list[str]:
    """What the city's (or the user's communes') totals are made of: how many communes have
    payment records in every month shown, which months some of them lack, and — beside a
    comparison — how many the previous period had (a change may only be data missing).
    ``reporting``: the communes with figures by month, when the caller has them at hand (the
    trends: from the months kept hidden together, not every commune's figures read again)."""
    every = len(scope) if scope is not None else len(hanoi_communes())
    by_month: dict[str, set[str]] = defaultdict(set)
    if reporting is not None:
        by_month.update(reporting)
    else:
        for c, p, f in commune_figures(storage, months + prev, scope):
            if f and f.get("people"):
                by_month[p].add(c)
    now = [by_month.get(m, set()) for m in months]
    in_all = set.intersection(*now) if now else set()
    in_any = set().union(*now) if now else set()
    notes = []
    if len(in_all) == every:
        key = "coverage_one" if every == 1 else "coverage_all"
        notes.append(t(key, lang).replace("{m}", str(every)))
    elif in_any - in_all:
        lacking = [m for m, found in zip(months, now, strict=True) if in_any - found]
        notes.append(
            t("coverage_partial", lang)
            .replace("{n}", str(len(in_all)))
            .replace("{m}", str(every))
            .replace("{k}", str(len(in_any - in_all)))
            .replace("{months}", ", ".join(month_label(m, lang) for m in lacking))
        )
    else:
        notes.append(
            t("coverage_note", lang).replace("{n}", str(len(in_all))).replace("{m}", str(every))
        )
    if prev:
        before = set().union(*(by_month.get(m, set()) for m in prev))
        if before != in_any:
            notes.append(
                t("coverage_compare", lang)
                .replace("{a}", str(len(in_any)))
                .replace("{b}", str(len(before)))
            )
    return notes


def overview(storage: Any, user: User, lang: str, query: dict[str, str]) -> Page:
    to = checked_month(query.get("to"), default_month(storage))
    frm = checked_month(query.get("from"), to)
    frm, to, clamped = bounded_range(storage, frm, to, lang)
    cut = " ".join(filter(None, (clamped, cut_notice(frm, to, lang)))) or None
    months = month_range(frm, to)
    frm, to = months[0], months[-1]
    prev = month_range(*previous_period(frm, to))
    channel = query.get("channel") or ""
    band = query.get("age_band") or ""
    scope = user.commune_scope()
    lag, compare_note = comparison(lang, frm, to, earliest=data_span(storage)[0])
    rows = load_cells(storage, months, ("total", "channel", "age_band"), scope)
    if lag is not None:
        rows += load_cells(storage, prev, tuple(lag_dim(d, lag) for d in LAG_DIMS), scope)
    dim, key = ("channel", channel) if channel in CHANNELS else ("total", "")
    both = band in AGE_BANDS and dim == "channel"
    if both:  # the cells hold one breakdown at a time: say which one is applied
        band = ""
    if band in AGE_BANDS and dim == "total":
        dim, key = "age_band", band
    head = [c for _, p, d, k, c in rows if d == dim and k == key and p in months]
    was = lag_dim(dim, lag or 0)
    head_prev = [c for _, p, d, k, c in rows if d == was and k == key and p in prev]
    page = Page("overview", scoped_title("overview", scope, lang), lang)
    page.extra["scope"] = scope
    page.filters = {"from": frm, "to": to, "channel": channel, "age_band": band}
    page.extra["months"] = month_options(storage, lang, (frm, to))
    now_raw = _figures(head)
    now = headline(page, now_raw, _figures(head_prev) if lag is not None else None, month=to)
    distributions(page, now_raw, now)
    current = set(months)
    total = now if dim == "total" else None  # a filtered headline is not the rows' total
    by_band, by_channel = _by_key(rows, "age_band", current), _by_key(rows, "channel", current)
    breakdown(page, "age_band", "by_band", by_band, _ordered(AGE_BANDS), total)
    breakdown(page, "channel", "by_channel", by_channel, _ordered(CHANNELS), total)
    page.notes = [
        compare_note,
        privacy_note(lang),
        t("filter_note", lang),
    ]
    # how much of the city (or of the user's communes) the figures come from, month by month:
    # never a silent part — a commune silent for some months lowers those months' totals
    page.notes[0:0] = coverage_notes(storage, months, prev if lag is not None else [], scope, lang)
    if user.sees_names and scope:  # the official's first page: the way to the list to act on
        page.extra["contact_links"] = [
            (commune_name(c), f"/communes/{c}#not_received") for c in scope
        ]
    if both:
        page.notes.insert(0, t("one_filter", lang))
    if not_final(to, "not_withdrawn_after_30"):  # as the communes page says it (ninth tryout)
        page.notes.insert(0, t("range_not_final", lang).replace("{month}", month_label(to, lang)))
    if cut:
        page.notes.insert(0, cut)
        page.extra["cut"] = cut
    if not now_raw["rows_in_scope"]:
        page.notes.insert(0, t("no_data", lang))
        page.extra["no_data"] = t("no_data", lang)
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
    period, _, clamped = bounded_range(storage, period, period, lang)
    vs = 3 if query.get("vs") == "3" else 1  # the "±" against the month before or 3 months back
    prev = _period_text(_period_index(period) - vs)
    scope = user.commune_scope()
    figures = {(c, p): f for c, p, f in commune_figures(storage, [period], scope)}
    # the month before (or three months back), as it stood the same number of days after its
    # start (the laptop's rule: cells kept for lags of 1, 3, 6 and 12 months)
    before_figures = {
        c: f for c, _, f in commune_figures(storage, [prev], scope, dim=lag_dim("total", vs))
    }
    codes = [c.code for c in hanoi_communes()]
    codes += sorted({c for c, _ in figures} - set(codes))
    if scope is not None:
        codes = [c for c in codes if c in scope]
    devices = _devices_by_commune(storage)
    facts = storage.dash_commune_facts()
    q = fold(query.get("q") or "")
    keys = list(METRICS)
    # every commune of the scope at once (not only those the search finds): they add up to the
    # city, so the group rules of suppress_rows hold whatever the search shows
    with_figures = [c for c in codes if (c, period) in figures]
    shown_all = suppress_rows({c: figures[(c, period)] for c in with_figures})
    before_all = suppress_rows({c: before_figures[c] for c in codes if before_figures.get(c)})
    table_rows = []
    only_data = query.get("data") == "1"  # the tenth tryout: 6 communes among 126 rows
    for code in codes:
        name = commune_name(code)
        if q and q not in fold(name) and q not in code:
            continue
        if only_data and code not in shown_all:
            continue
        now_raw = figures.get((code, period))
        before = before_all.get(code) or {}
        shown = shown_all.get(code) or {}
        mine = devices.get(code, [])
        known = facts.get(code, {}).get("beneficiaries") or 0
        people = now_raw["people"] if now_raw else 0
        coverage: Any = round(100 * people / known, 1) if known else None
        if coverage is not None and (small(people) or small(known - people)):
            coverage = HIDDEN_SHARE  # the share times the beneficiaries would give the count
        reporting, last, missing, stale = data_status(mine, period, people)
        table_rows.append(
            {
                "code": code,
                "name": name,
                "paid": now_raw["recipients_paid"] if now_raw else None,
                "shown": shown,
                "before": before,
                "devices": f"{len(mine)} / {len(reporting)}",
                "last": hanoi_time(last, lang) if last else t("never", lang),
                "coverage": coverage,
                "missing": missing,
                "stale": stale,
            }
        )
    sort = query.get("sort") or "name"
    desc = query.get("desc") == "1"

    def sort_key(r):
        if sort in keys:
            v = r["shown"].get(sort)
            return (0, v) if isinstance(v, int | float) else (1, 0)
        if sort.startswith(CHANGE_SORT) and sort[len(CHANGE_SORT) :] in CHANGE_KEYS:
            v = change_of(r["shown"], r["before"], sort[len(CHANGE_SORT) :])
            # rows without a change (hidden or no data) last, whichever way it is sorted
            return (0, v) if isinstance(v, int | float) else (1 if not desc else -1, 0)
        if sort == "coverage":
            v = r["coverage"]
            return (0, v) if isinstance(v, int | float) else (1, 0)
        if sort == "status":
            return (0 if r["missing"] else 1 if r["stale"] else 2, r["order"])
        return (0, r["order"])

    for r in table_rows:  # Vietnamese order: "Đ" after every "D"
        r["order"] = commune_sort_key(r["code"])
    table_rows.sort(key=sort_key, reverse=desc)
    if sort != "name" and sort != "status":
        # rows without a figure in the sorted column last whichever way it is sorted, hidden
        # ones before those without data, each in name order (the tenth tryout: reversing put
        # 123 rows of «ẩn» and «—», in code order, above the three with a figure)
        def without(r: dict[str, Any]) -> int:
            return 0 if sort_key(r)[0] == 0 else 1 if r["shown"].get("recipients_paid") else 2

        table_rows.sort(key=lambda r: (without(r), r["order"] if without(r) else 0))
    # the data's state right after the name (the nineteenth tryout: at 1366 px it was off-screen
    # behind thirteen figures, and "where data is missing" is the Department's first question)
    columns = [t("commune", lang), t("status", lang)]
    sort_keys = ["name", "status"]
    for k in keys:
        columns.append(metric_label(k, lang))
        sort_keys.append(k)
        if k in CHANGE_KEYS:
            columns.append(t(f"change_of_{k}", lang))
            sort_keys.append(CHANGE_SORT + k)
    columns += [t("devices", lang), t("last_sync", lang), t("coverage", lang)]
    out_rows, classes, links = [], [], []
    for r in table_rows:
        cells_out = [
            r["name"],
            t("missing", lang)
            if r["missing"]
            else t("stale", lang)
            if r["stale"]
            else t("fresh", lang),
        ]
        for k in keys:
            change = _change(r["shown"], r["before"], k)
            arrow, tone = _arrow(change, METRICS[k][1])
            value = fmt(r["shown"].get(k), lang, k)
            cells_out.append(Shown(value, value.value, value.pct, arrow, tone))
            if k in CHANGE_KEYS:
                cells_out.append(change_shown(change_of(r["shown"], r["before"], k), k, lang))
        cells_out += [r["devices"], r["last"], fmt(r["coverage"], lang, "withdrew_pct")]
        out_rows.append(cells_out)
        classes.append("missing" if r["missing"] else "stale" if r["stale"] else "")
        links.append(f"/communes/{r['code']}?from={period}&to={period}")
    hidden_summary = hidden_counts(table_rows, keys, lang)
    page = Page("communes", scoped_title("communes", scope, lang), lang)
    page.extra["scope"] = scope
    page.filters = {"period": period, "q": query.get("q") or "", "sort": sort, "desc": desc}
    page.filters["vs"] = str(vs)
    page.filters["data"] = "1" if only_data else ""
    page.extra["months"] = month_options(storage, lang, (period,))
    page.extra["sort_keys"] = [*sort_keys, "devices", "last", "coverage"]
    page.tables.append(
        Table(
            "communes",
            f"{page.title} — {month_label(period, lang)}",
            columns,
            out_rows,
            "",
            classes,
            links,
        )
    )
    earliest = data_span(storage)[0]
    _, note = comparison(lang, period, period, earliest=earliest)
    if vs == 3:  # the same rule, three months back
        note = (
            t("vs3_note", lang)
            .replace("{prev}", month_label(prev, lang))
            .replace("{day}", _day(lagged(date.today(), 3), lang))
        )
        if prev < earliest:
            note = t("no_earlier_note", lang).replace("{first}", month_label(earliest, lang))
    page.notes = [t("missing_note", lang), t("arrows_note", lang) + " " + note]
    if vs == 3:
        page.notes[1] = note
    arrows = page.notes[1]
    if any(r["stale"] for r in table_rows):
        day = _day(date.fromisoformat(settled_by(period)), lang)
        page.notes.insert(1, t("stale_note", lang).replace("{day}", day))
    if hidden_summary:
        page.notes.insert(0, hidden_summary)
        page.extra["hidden_summary"] = hidden_summary
    page.extra["privacy"] = privacy_note(lang)
    if clamped:
        page.notes.insert(0, clamped)
        page.extra["cut"] = clamped
    if not_final(period, "not_withdrawn_after_30_pct"):  # the latest month's "after 30 days"
        page.notes.insert(
            0, t("communes_not_final", lang).replace("{month}", month_label(period, lang))
        )
    page.notes.append(t("changes_note" if vs == 1 else "changes_note3", lang))
    page.notes.append(privacy_note(lang))
    # the page's standing explanations under the table, so that the table starts on the first
    # screen (the seventh tryout: six paragraphs before it at 1366×768); what is particular to
    # this month (not final yet, how much is hidden, incomplete communes) stays above it
    page.extra["notes_below"] = [
        t("missing_note", lang),
        arrows,
        t("changes_note" if vs == 1 else "changes_note3", lang),
        privacy_note(lang),
    ]
    return page


def data_status(
    laptops: list[dict[str, Any]], period: str, people: int
) -> tuple[list[dict[str, Any]], str, bool, bool]:
    """How complete a commune's month is, from its (not revoked) ``laptops``: those reporting
    for the month (sent since it began: its records can have arrived; judged by the month
    shown, not today's), the last batch time, DATA MISSING (none reporting, or no payment
    record: ``people`` is 0) and DATA INCOMPLETE (sending stopped before the month's figures
    could settle: people shown as not withdrawn may have withdrawn since, unknown to the
    server; the seventh tryout: a commune silent from 21 September read as "worse")."""
    reporting = [d for d in laptops if (d["last_batch_at"] or "")[:7] >= period]
    last = max((d["last_batch_at"] or "" for d in laptops), default="")
    missing = not reporting or not people
    stale = not missing and last[:10] < settled_by(period)
    return reporting, last, missing, stale


LAPTOPS_NAMED = 8  # a ward page names this many of its laptops, the least recent first


def laptops_note(
    laptops: list[dict[str, Any]], period: str, people: int, lang: str
) -> tuple[str, str]:
    """A commune page's line on where its figures come from: its laptops, how many sent since
    the month began, when each last sent, and DATA MISSING / INCOMPLETE as the communes table
    marks it (the tenth tryout: only that table said so). Returns (text, status class)."""
    reporting, last, missing, stale = data_status(laptops, period, people)
    month = month_label(period, lang)
    if not laptops:
        text = t("laptops_none", lang)
    elif len(laptops) == 1:
        text = (
            t("laptops_one", lang)
            .replace("{name}", laptops[0]["name"])
            .replace("{last}", hanoi_time(last, lang) if last else t("never_sent", lang))
        )
    else:
        ordered = sorted(laptops, key=lambda d: (d["last_batch_at"] or "", d["name"]))
        named = [
            f"{d['name']} ({hanoi_time(d['last_batch_at'], lang) or t('never_sent', lang)})"
            for d in ordered[:LAPTOPS_NAMED]
        ]
        if len(ordered) > LAPTOPS_NAMED:
            named.append(t("laptops_more", lang).replace("{n}", str(len(ordered) - LAPTOPS_NAMED)))
        text = (
            t("laptops_line", lang)
            .replace("{n}", str(len(laptops)))
            .replace("{k}", str(len(reporting)))
            .replace("{month}", month if lang != "vi" else month[0].lower() + month[1:])
            .replace("{last}", hanoi_time(last, lang) if last else t("never", lang).lower())
            .replace("{list}", "; ".join(named))
        )
    if missing:
        return f"{t('missing', lang)}: {text}", "missing"
    if stale:
        day = _day(date.fromisoformat(settled_by(period)), lang)
        return f"{text} {t('stale_note', lang).replace('{day}', day)}", "stale"
    return text, ""


def settled_by(period: str, today: date | None = None) -> str:
    """The day (ISO) a commune's laptops must have sent on or after for the month's figures to
    be complete: 30 days after the month's end (when "not withdrawn after 30 days" is final),
    or a week ago for a month not yet that old (laptops off the network sync weekly)."""
    today = today or date.today()
    year, month = int(period[:4]), int(period[5:7])
    end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return min(end + timedelta(days=30), today - timedelta(days=7)).isoformat()


def hidden_counts(rows: list[dict[str, Any]], keys: list[str], lang: str) -> str:
    """How many of the communes listed show a figure or its "±" hidden ("< 5", "x", "ẩn"),
    figure by figure, in one sentence ("" when none is): the analyst is told how much is
    hidden, and why, before reading the table. Of the communes listed **with figures**: those
    without a payment record show "—", nothing hidden (the ninth tryout: "3/126" when 8 had
    figures)."""
    parts = []
    rows = [r for r in rows if r["shown"].get("recipients_paid") is not None]
    for k in keys:
        hidden = sum(1 for r in rows if r["shown"].get(k) in (SUPPRESSED, HIDDEN, HIDDEN_SHARE))
        if hidden:
            parts.append(f"{metric_label(k, lang)} {hidden}/{len(rows)}")
        if k in CHANGE_KEYS:
            changes = sum(1 for r in rows if change_of(r["shown"], r["before"], k) == HIDDEN_CHANGE)
            if changes:
                parts.append(f"{t(f'change_of_{k}', lang)} {changes}/{len(rows)}")
    if not parts:
        return ""
    return t("hidden_counts", lang).replace("{list}", "; ".join(parts))


def commune_page(storage: Any, user: User, lang: str, code: str, query: dict[str, str]) -> Page:
    to = checked_month(query.get("to"), default_month(storage))
    frm = checked_month(query.get("from"), to)
    frm, to, clamped = bounded_range(storage, frm, to, lang)
    cut = " ".join(filter(None, (clamped, cut_notice(frm, to, lang)))) or None
    months = month_range(frm, to)
    frm, to = months[0], months[-1]
    prev = month_range(*previous_period(frm, to))
    earliest = data_span(storage)[0]
    year = [m for m in month_range(_period_text(_period_index(to) - 11), to) if m >= earliest]
    lag, compare_note = comparison(lang, frm, to, earliest=earliest)
    rows = load_cells(
        storage,
        sorted(set(months + year)),
        ("total", "village", "channel", "age_band", "need"),
        [code],
    )
    page = Page("commune", commune_name(code), lang)
    page.filters = {"from": frm, "to": to}
    page.extra["code"] = code
    page.extra["months"] = month_options(storage, lang, (frm, to))
    current = set(months)
    total = [c for _, p, d, _, c in rows if d == "total" and p in current]
    now_raw = _figures(total)
    # the commune's figures as the communes table hides them, with every other commune
    scope = user.commune_scope()
    now_shown = commune_rows(storage, months, scope).get(code) if total else None
    if lag is None:
        now = headline(page, now_raw, None, (now_shown, None), to)
    else:
        was = load_cells(storage, prev, (lag_dim("total", lag),), [code])
        before_shown = None
        if was:
            before_shown = commune_rows(storage, prev, scope, lag_dim("total", lag)).get(code)
        before_raw = _figures([c for *_, c in was])
        now = headline(page, now_raw, before_raw, (now_shown, before_shown), to)
    for dim, title, order in (
        ("village", "by_village", {}),
        ("age_band", "by_band", AGE_BANDS),
        ("channel", "by_channel", CHANNELS),
        ("need", "by_need", NEEDS),
    ):
        breakdown(page, dim, title, _by_key(rows, dim, current), _ordered(order), now)
    # the 12-month trend: each month as its own page, the Trends and the communes table show
    # it (hidden with the other communes of that month), so no page shows a month's figure
    # another hides (the tenth tryout: October was 55 % on its page and on the Trends, «ẩn»
    # in this table; June shown in one month's table, hidden in another's)
    monthly = monthly_commune_rows(storage, year, scope)
    per_month = {m: monthly.get(m, {}).get(code) or {} for m in year}
    trend_keys = ("withdrew_pct", "not_withdrawn_after_30_pct", "days_to_withdraw_median")
    page.tables.append(
        Table(
            "trend",
            t("trend12", lang),
            [t("month", lang)] + [metric_label(k, lang) for k in trend_keys],
            [
                [month_label(m, lang)]
                + [
                    marked(fmt(per_month[m].get(k), lang, k), not_final(m, k), lang)
                    for k in trend_keys
                ]
                for m in year
            ],
            charts.lines(
                year,
                [
                    (metric_label(k, lang), [per_month[m].get(k) for m in year])
                    for k in trend_keys[:2]
                ],
                t("trend12", lang),
                lang,
                [{i for i, m in enumerate(year) if not_final(m, k)} for k in trend_keys[:2]],
                t("not_final_legend", lang),
                t("chart_gaps", lang),
            ),
        )
    )
    distributions(page, now_raw, now)
    if user.sees_names:
        follow_up(page, storage, code, query)
    laptops = _devices_by_commune(storage).get(code, [])
    data_line, data_class = laptops_note(laptops, to, now_raw["people"], lang)
    page.extra["laptops"] = data_line
    page.extra["laptops_class"] = data_class
    page.notes = [
        data_line,
        compare_note,
        privacy_note(lang),
    ]
    page.notes.append(t("recent_note", lang) + " " + t("not_final_note", lang))
    if not_final(to, "not_withdrawn_after_30"):  # the headline's month(s), above the figures
        page.notes.insert(0, t("range_not_final", lang).replace("{month}", month_label(to, lang)))
    if now_raw["rows_in_scope"] and now.get("withdrew_pct") in MARKERS:
        # a small ward's month: the way to figures that can be shown (the tenth tryout); its
        # own official has them all in the full report (the seventeenth tryout: a commune of
        # four payments saw only "ẩn" and did not know where the figures were)
        few = t("few_hidden", lang)
        if user.role == "commune_official":
            few += " " + t("few_full_report", lang)
        page.notes.insert(0, few)
    if cut:
        page.notes.insert(0, cut)
        page.extra["cut"] = cut
    if not now_raw["rows_in_scope"]:
        page.notes.insert(0, t("no_data", lang))
        page.extra["no_data"] = t("no_data", lang)
    return page


# The list's choices: "paid in the last N days" (a credit not withdrawn N days old or newer:
# the latest payment of a person may be recent while an older one still waits) and "waiting
# over 90 days" (the oldest credit not withdrawn).
WAITS = {"le30": ("newest", 0, 30), "le60": ("newest", 0, 60), "le90": ("newest", 0, 90)}
WAITS["gt90"] = ("days", 91, 10**6)


def follow_up(page: Page, storage: Any, code: str, query: dict[str, Any] | None = None) -> None:
    """The commune official's list to act on: everyone still not withdrawn, whatever the month
    shown (the oldest waiting first), with village, address and phone when consent allows;
    narrowed by village and by how long they have waited (``village``, ``wait`` in the address,
    so a link or an export holds the same list); 100 people a page (``list_page``), an export
    holds all of them. The list is the one the refresher keeps (``kept_waiting_people``);
    contacts are read for the people shown."""
    lang = page.lang
    query = query or {}
    everyone = kept_waiting_people(storage, code)
    villages = sorted({e["village"] for e in everyone if e["village"]}, key=natural_sort_key)
    village = query.get("village") if query.get("village") in villages else ""
    wait = query.get("wait") if query.get("wait") in WAITS else ""
    which, low, high = WAITS.get(wait, ("days", 0, 10**6))
    people = [
        e
        for e in everyone
        if (not village or e["village"] == village)
        and low <= (e.get(which, e["days"]) or 0) <= high
    ]
    page.filters.update(village=village, wait=wait)
    page.extra["villages"] = villages
    page.extra["follow_up_total"] = len(everyone)
    paging = pager(query, "list_page", len(people), lang, anchor="not_received")
    if query.get("export") not in ("xlsx", "pdf"):
        people = people[paging["start"] : paging["stop"]]
    listed = []
    for n in with_contacts(storage, code, people):
        listed.append(
            [  # what is needed to act first (a phone is narrow: name, phone, days)
                n.person_name if n.consented else t("no_consent", lang),
                Phones(n.phones),
                fmt(n.days_since_credit, lang),
                n.village,
                n.address or "—",
                label_of("channel", n.channel or "", lang),
                month_label(n.oldest_period, lang),
                fmt(n.payments, lang),
                ", ".join(label_of("barrier", b, lang) for b in n.barriers),
                n.masked_id or "—",
            ]
        )
    page.extra["follow_up_count"] = len(everyone)
    title = t("not_received", lang)
    if village or wait:  # what the list is narrowed to, and how many of how many it holds
        title += " — " + t("list_filtered", lang).replace("{n}", str(paging["total"]))
        title = title.replace("{m}", str(len(everyone)))
    page.tables.append(
        Table(
            "not_received",
            title,
            [t("name", lang), t("phone", lang), t("days_waiting", lang), t("village", lang)]
            + [t("address", lang), t("channel", lang), t("oldest_month", lang)]
            + [t("payments", lang), t("barrier", lang), t("masked_id", lang)],
            listed,
            pager=paging,
        )
    )


def trends_page(storage: Any, user: User, lang: str, query: dict[str, Any]) -> Page:
    metric = query.get("metric") if query.get("metric") in TREND_METRICS else "withdrew_pct"
    available = storage.dash_months()
    to = checked_month(query.get("to"), default_month(storage))
    to, _, clamped = bounded_range(storage, to, to, lang)
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
        together, alone = [], []
        hidden_together = monthly_commune_rows(
            storage, [m for m in months if any((c, m) in per_commune for c in chosen)], scope
        )
        for m in months:
            value = _shown(
                _figures([per_commune[(c, m)] for c in chosen if (c, m) in per_commune])
            ).get(metric)
            # each chosen commune as the communes table and its own page show it (hidden with
            # every other commune); "chosen communes" is hidden when any of them is, else that
            # total minus the others (shown here or on their pages) would give it back
            one_by_one = hidden_together.get(m, {})
            figures = {c: one_by_one[c].get(metric) if c in one_by_one else None for c in chosen}
            if any(v in MARKERS for v in figures.values()):
                value = HIDDEN_SHARE if metric.endswith(("_pct", "_share")) else HIDDEN
            together.append(value)
            alone.append(figures)
        # no column twice: "chosen communes" only for several that are not the whole scope,
        # and one commune alone only when it is not itself the whole (an official's one commune)
        whole_scope = scope is not None and set(chosen) == set(scope)
        if len(chosen) > 1 and not whole_scope:
            series.append((t("selected", lang), together))
        if not (whole_scope and len(chosen) == 1):
            for code in chosen:
                series.append((commune_name(code), [values[code] for values in alone]))
    page = Page("trends", t("trends", lang), lang)
    page.extra["scope"] = scope
    page.filters = {"metric": metric, "to": to, "communes": chosen, "q": query.get("q") or ""}
    page.extra["span"] = (months[0], months[-1])
    page.extra["months"] = month_options(storage, lang, (to,))
    options = [c.code for c in hanoi_communes()]
    if scope is not None:
        options = [c for c in scope]
    # by Vietnamese name (not by code), narrowed by the search box; the chosen ones stay
    q = fold(query.get("q") or "")
    named = [(c, commune_name(c)) for c in options]
    named = [(c, n) for c, n in named if c in chosen or not q or q in fold(n) or q in c]
    # the chosen ones first: a list of 126 opened scrolled to the last one chosen, the others
    # out of sight (the tenth tryout)
    named.sort(key=lambda item: (item[0] not in chosen, commune_sort_key(item[0])))
    page.extra["commune_options"] = named
    page.extra["metric_options"] = [(k, metric_label(k, lang)) for k in TREND_METRICS]
    label = metric_label(metric, lang)
    page.tables.append(
        Table(
            "trend",
            label,
            [t("month", lang)] + [name for name, _ in series],
            [
                [month_label(m, lang)]
                + [marked(fmt(vs[i], lang, metric), not_final(m, metric), lang) for _, vs in series]
                for i, m in enumerate(months)
            ],
            charts.lines(
                months,
                series,
                label,
                lang,
                [{i for i, m in enumerate(months) if not_final(m, metric)} for _ in series],
                t("not_final_legend", lang),
                t("chart_gaps", lang),
            ),
        )
    )
    page.notes = [
        t("recent_note", lang) + " " + t("not_final_note", lang),
        privacy_note(lang),
    ]
    # which months lack some communes: the city's line drops with them, not with the figure
    # (the ninth tryout: 1.000 → 800 payments the month two communes stopped sending)
    # (from the communes' months the refresher keeps hidden together: no second read)
    reporting = {
        m: {c for c, figures in rows.items() if figures.get("people")}
        for m, rows in monthly_commune_rows(storage, months, scope).items()
    }
    page.notes[0:0] = coverage_notes(storage, months, [], scope, lang, reporting)
    if clamped:
        page.notes.insert(0, clamped)
        page.extra["cut"] = clamped
    return page


PAGE_SIZE = 100  # rows per page of the devices, codes and audit tables
# "silent": sent before, but not for N days; "never": enrolled, never sent anything
DEVICE_STATES = ("active", "revoked", "problems", "silent", "never")
CODE_STATES = ("unused", "used", "expired")


def page_number(text: Any) -> int:
    try:
        return max(1, int(str(text)))
    except ValueError:
        return 1


def link_with(query: dict[str, Any], **changes: Any) -> str:
    """The page's own address with some GET parameters changed (None or "" drops one): how
    a pager or a heading keeps the filters in the link, so it can be shared."""
    merged = {k: v for k, v in query.items() if k != "export" and not isinstance(v, list)}
    merged.update(changes)
    kept = {k: str(v) for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else "?"


def pager(
    query: dict[str, Any], param: str, total: int, lang: str, anchor: str = ""
) -> dict[str, Any]:
    """Which rows of ``total`` the page ``query[param]`` shows, and the links around it
    (``anchor``: the part of the page the links go to)."""
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(page_number(query.get(param)), pages)
    first = (number - 1) * PAGE_SIZE
    last = min(total, first + PAGE_SIZE)
    shown = (
        t("rows_shown", lang)
        .replace("{a}", format_number(first + 1 if total else 0, lang))
        .replace("{b}", format_number(last, lang))
        .replace("{n}", format_number(total, lang))
    )
    to = "#" + anchor if anchor else ""
    return {
        "param": param,
        "page": number,
        "pages": pages,
        "start": first,
        "stop": last,
        "total": total,
        "text": shown,
        "page_text": t("page_of", lang).replace("{p}", str(number)).replace("{n}", str(pages)),
        "first": link_with(query, **{param: None}) + to if number > 1 else None,
        "prev": link_with(query, **{param: number - 1 if number > 2 else None}) + to
        if number > 1
        else None,
        "next": link_with(query, **{param: number + 1}) + to if number < pages else None,
        "last": link_with(query, **{param: pages}) + to if number < pages else None,
    }


def _device_state(d: dict[str, Any], state: str, silent_days: int, now: datetime) -> bool:
    if state == "active":
        return not d["revoked"]
    if state == "revoked":
        return d["revoked"]
    if state == "problems":
        return bool(d["quarantined"] or d["rejected"])
    if state == "never":  # an active laptop enrolled but never heard from
        return not d["revoked"] and not d["last_batch_at"]
    if state == "silent":  # an active laptop that sent before, but not for N days
        if d["revoked"]:
            return False
        last = d["last_batch_at"]
        if not last:
            return False
        seen = datetime.fromisoformat(last)
        seen = seen if seen.tzinfo else seen.replace(tzinfo=UTC)
        return (now - seen).total_seconds() > silent_days * 86400
    return True


def search_words(text: str) -> list[str]:
    """The words of a text for the device search: without accents or letter case, split at
    anything that is not a letter or digit ("Hoàn Kiếm — máy 3" → hoan, kiem, may, 3)."""
    return [w for w in re.split(r"[^0-9a-z]+", fold(text)) if w]


def words_match(wanted: list[str], words: list[str]) -> bool:
    """Every wanted word begins a word of the device's ("hoan kiem may 3" finds "Hoàn Kiếm —
    máy 3"); a number must be the whole number ("3" does not find "máy 30")."""
    return all(
        any(want == have if want.isdigit() else have.startswith(want) for have in words)
        for want in wanted
    )


def admin_page(
    storage: Any, user: User, lang: str, query: dict[str, Any] | None = None, *, every=False
) -> Page:
    """Devices and intake: the devices (searched, filtered, 100 a page), the enrolment codes
    (filtered, 100 a page) and the police officers' keys. ``every``: all matching rows, not one
    page (the xlsx and PDF)."""
    query = dict(query or {})
    page = Page("admin", t("admin", lang), lang)
    activity = storage.dash_device_activity()
    now = datetime.now(UTC)
    q = fold(query.get("q") or "")
    wanted = search_words(q)
    commune = query.get("commune") or ""
    state = query.get("state") if query.get("state") in DEVICE_STATES else ""
    silent_days = min(3650, page_number(query.get("days") or 7))
    found = []
    for d in activity:
        names = [commune_name(c) for c in d["communes"]]
        if commune and commune not in d["communes"]:
            continue
        if state and not _device_state(d, state, silent_days, now):
            continue
        if q and not (
            q.strip() in d["id"].lower()
            or words_match(wanted, search_words(" ".join([d["name"], *names, *d["communes"]])))
        ):
            continue
        found.append(d)
    # by commune (Vietnamese order), then by name ("Máy 2" before "Máy 10")
    found.sort(
        key=lambda d: (
            commune_sort_key(d["communes"][0]) if d["communes"] else "",
            natural_sort_key(d["name"]),
        )
    )
    if state == "silent":  # the longest silent first (the oldest last sync)
        found.sort(key=lambda d: d["last_batch_at"] or "")
        page.extra["order_note"] = t("order_silent", lang)
    elif state == "never":  # the longest waiting first (the oldest enrolment)
        found.sort(key=lambda d: d["enrolled_at"] or "")
        page.extra["order_note"] = t("order_never", lang)
    with_devices = sorted({c for d in activity for c in d["communes"]}, key=commune_sort_key)
    page.extra["commune_options"] = [(c, commune_name(c)) for c in with_devices]
    page.filters = {"q": query.get("q") or "", "commune": commune, "state": state}
    page.filters["days"] = silent_days
    page.extra["state_options"] = [(s, t(f"state_{s}", lang)) for s in DEVICE_STATES]
    paging = pager(query, "page", len(found), lang)
    page.extra["device_pager"] = paging
    shown = found if every else found[paging["start"] : paging["stop"]]
    rows, ids = [], []
    for d in shown:
        missing = storage.device_missing(d["id"])  # only for the rows shown: one query each
        rows.append(
            [
                shown_name(d["name"]),
                d["id"][:DEVICE_ID_SHOWN],  # two laptops of one name told apart (and searched)
                ", ".join(commune_name(c) for c in d["communes"]),
                hanoi_time(d["enrolled_at"], lang)[:10],
                hanoi_time(d["last_batch_at"], lang) or t("never", lang),
                hanoi_time(d.get("last_contact_at"), lang) or t("never", lang),
                fmt(missing, lang),
                fmt(d["quarantined"], lang),
                fmt(d["rejected"], lang),
                t("revoked", lang) if d["revoked"] else t("active", lang),
            ]
        )
        ids.append(None if d["revoked"] else d["id"])
    page.tables.append(
        Table(
            "devices",
            t("devices_title", lang).replace("{n}", format_number(len(found), lang)),
            [t("device", lang), t("device_id", lang), t("commune", lang), t("enrolled", lang)]
            + [t("last_seen", lang)]
            + [t("last_contact", lang), t("gaps", lang), t("quarantined", lang)]
            + [t("rejected", lang)]
            + [t("device_status", lang)],
            rows,
        )
    )
    page.extra["revocable"] = ids
    stamp = now.isoformat()
    code_state = query.get("code_state") if query.get("code_state") in CODE_STATES else ""

    def state_of(code: dict[str, Any]) -> str:
        return "used" if code["used_at"] else "unused" if code["expires_at"] > stamp else "expired"

    wanted_ref = typed_ref(query.get("code_ref"))
    codes = [
        c
        for c in storage.dash_enrollment_codes()
        if (not code_state or state_of(c) == code_state) and c["code_hash"].startswith(wanted_ref)
    ]
    page.filters["code_state"] = code_state
    page.filters["code_ref"] = wanted_ref
    page.extra["code_state_options"] = [(s, t(f"code_{s}", lang)) for s in CODE_STATES]
    code_paging = pager(query, "codes_page", len(codes), lang)
    page.extra["code_pager"] = code_paging
    if not every:
        codes = codes[code_paging["start"] : code_paging["stop"]]
    page.extra["cancellable"] = [
        code_ref(c["code_hash"]) if state_of(c) == "unused" else None for c in codes
    ]
    device_names = {d["id"]: d["name"] for d in activity}
    page.tables.append(
        Table(
            "codes",
            t("codes", lang),
            [t("code_reference", lang), t("commune", lang), t("created", lang), t("expires", lang)]
            + [t("used", lang), t("used_by", lang)],
            [
                [
                    code_label(code["code_hash"]),
                    ", ".join(commune_name(c) for c in code["communes"]),
                    hanoi_time(code["created_at"], lang),
                    hanoi_time(code["expires_at"], lang),
                    hanoi_time(code["used_at"], lang)
                    if code["used_at"]
                    else t("unused", lang)
                    if code["expires_at"] > stamp
                    else t("expired", lang),
                    f"{shown_name(device_names.get(code['device_id'], '?'))} ({code['device_id']})"
                    if code["device_id"]
                    else "—",
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
                    hanoi_time(o.enrolled_at, lang)[:10],
                    t("revoked", lang) if o.revoked else t("active", lang),
                ]
                for o in storage.list_officers()
            ],
        )
    )
    return page


AUDIT_EXPORT_LIMIT = 5000  # rows of the audit log in one xlsx or PDF


def typed_day(text: str | None) -> date | None:
    """A day as people type it: 05/11/2026 or 5/11/2026 (day first, as in Việt Nam) or
    2026-11-05; None for anything else."""
    text = (text or "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            y, m, d = (int(x) for x in text.split("-"))
            return date(y, m, d)
        if re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{4}", text):
            d, m, y = (int(x) for x in re.split(r"[/.]", text))
            return date(y, m, d)
    except ValueError:
        return None
    return None


def _hanoi_midnight_utc(day: date | None) -> str | None:
    """The UTC time at which a Hà Nội day starts (None for no day)."""
    from zoneinfo import ZoneInfo

    if day is None:
        return None
    start = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    return start.astimezone(UTC).isoformat()


def audit_page(
    storage: Any, user: User, lang: str, query: dict[str, Any] | None = None, *, every=False
) -> Page:
    """The audit log (city_admin): newest first, 100 a page, narrowed by account, kind of
    action and Hà Nội dates (from .. to, both included)."""
    from datetime import timedelta

    query = dict(query or {})
    page = Page("audit", t("audit_title", lang), lang)
    who = (query.get("who") or "").strip()[:60]
    kind = query.get("kind") if query.get("kind") in AUDIT_SENTENCES else ""
    since_day, until_day = typed_day(query.get("since")), typed_day(query.get("until"))
    since = _hanoi_midnight_utc(since_day)
    until = _hanoi_midnight_utc(until_day + timedelta(days=1)) if until_day else None
    page.filters = {
        "who": who,
        "kind": kind,
        "since": _day(since_day, lang) if since_day else "",
        "until": _day(until_day, lang) if until_day else "",
    }
    page.extra["days_span"] = tuple(d.isoformat() if d else "" for d in (since_day, until_day))
    # what was typed but is no date: said, not silently ignored
    bad = [query[k] for k in ("since", "until") if query.get(k) and not typed_day(query[k])]
    if bad:
        page.notes.append(t("bad_date", lang).replace("{text}", ", ".join(bad)[:60]))
    _, total = storage.dash_audit_page(who or None, kind or None, since, until, 1, 0)
    paging = pager(query, "page", total, lang)
    page.extra["audit_pager"] = paging
    limit, offset = (AUDIT_EXPORT_LIMIT, 0) if every else (PAGE_SIZE, paging["start"])
    entries, _ = storage.dash_audit_page(who or None, kind or None, since, until, limit, offset)
    names = {d["id"]: d["name"] for d in storage.dash_device_activity()} if entries else {}
    accounts = sorted({u["name"] for u in storage.dash_users()}, key=text_sort_key)
    page.extra["who_options"] = accounts + ["?"]
    page.extra["kind_options"] = [
        (k, AUDIT_KINDS[k][1 if lang == "en" else 0]) for k in AUDIT_SENTENCES
    ]
    page.tables.append(
        Table(
            "audit",
            t("audit_entries", lang),
            [t("when", lang), t("action", lang), t("client_address", lang)],
            [
                [
                    hanoi_time(a["at"], lang, seconds=True),
                    audit_sentence(a, lang, names),
                    # the server's own command line is kept as "command line" (the tenth
                    # tryout saw it in English on the Vietnamese log)
                    t("command_line", lang)
                    if a.get("client") == "command line"
                    else a.get("client") or "—",
                ]
                for a in entries
            ],
        )
    )
    return page


def code_ref(code_hash: str) -> str:
    """The short reference of an enrolment code in the admin page's links (part of its hash;
    the code itself is never stored)."""
    return code_hash[:16]


DEVICE_ID_SHOWN = 8  # characters of a device id in the devices list (the revoke page: all)
REF_LEN = 8  # hex digits of a code's reference as people see it (32 bits of its sha256)


def code_label(code_hash: str) -> str:
    """An enrolment code's reference as the admin sees and notes it ("3f2a91c0"): the start
    of its stored hash, so it names the code without revealing it (lower-case hex, never
    mistaken for a code, which is upper-case letters and digits in dashed groups)."""
    return code_hash[:REF_LEN]


def typed_ref(text: Any) -> str:
    """A code reference as typed in the filter ("3F2A 91C0", "#3f2a91c0"): lower-case hex
    digits, at most a hash's; "" for anything that is not one."""
    folded = re.sub(r"[\s#-]+", "", str(text or "")).lower()[:64]
    return folded if re.fullmatch(r"[0-9a-f]+", folded) else ""


# Characters that change the direction or the visibility of the text around them (U+202E
# shows "gpj.exe" as "exe.jpg"): shown as their code point wherever a laptop-chosen name is.
_HIDDEN_CHARS = re.compile(r"[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")


def shown_name(name: Any) -> str:
    """A laptop-chosen device name as the dashboard shows it: direction overrides, isolates,
    marks and invisible characters made visible ("[U+202E]"), so a name cannot pass for
    another; the pages also isolate it (``<bdi>``)."""
    return _HIDDEN_CHARS.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", str(name))


# What each audit action reads as: (Vietnamese, English); {user} and the entry's details.
AUDIT_SENTENCES = {
    "login": ("{user} đăng nhập", "{user} signed in"),
    "login_failed": ("Đăng nhập sai với tên «{user}»", "Failed sign-in as “{user}”"),
    "login_unknown": (
        "Đăng nhập sai với một tên không phải tài khoản nào (tên đã gõ không được ghi lại)",
        "Failed sign-in with a name that is no account (what was typed is not logged)",
    ),
    "logout": ("{user} đăng xuất", "{user} signed out"),
    "export": ("{user} tải tệp {format} của trang {page}", "{user} downloaded {page} as {format}"),
    "enrollment_code": (
        "{user} tạo mã đăng ký máy cho {communes} (hiệu lực {days} ngày)",
        "{user} created an enrolment code for {communes} (valid {days} days)",
    ),
    "cancel_code": (
        "{user} hủy mã đăng ký máy chưa dùng của {communes}",
        "{user} cancelled an unused enrolment code for {communes}",
    ),
    "revoke_device": ("{user} thu hồi máy «{device}»", "{user} revoked the laptop “{device}”"),
    "device_enrolled": (
        "Máy «{device}» (mã máy {device_id}) đăng ký cho {communes}",
        "The laptop “{device}” (device id {device_id}) enrolled for {communes}",
    ),
    "account_added": (
        "{user} thêm tài khoản «{account}» ({role})",
        "{user} added the account “{account}” ({role})",
    ),
    "password_reset": (
        "{user} đặt lại mật khẩu của «{account}»",
        "{user} reset the password of “{account}”",
    ),
    "account_disabled": ("{user} khóa tài khoản «{account}»", "{user} disabled “{account}”"),
    "account_enabled": ("{user} mở lại tài khoản «{account}»", "{user} enabled “{account}” again"),
    "account_unlocked": (
        "{user} mở khóa tài khoản «{account}» (bị tạm khóa vì sai mật khẩu)",
        "{user} unlocked “{account}” (locked after wrong passwords)",
    ),
    "account_communes": (
        "{user} đổi xã, phường của «{account}»: {before} → {communes}",
        "{user} changed the communes of “{account}”: {before} → {communes}",
    ),
    "account_role": (
        "{user} đổi vai trò của «{account}» thành {role}",
        "{user} changed the role of “{account}” to {role}",
    ),
}
# The kinds of action, short, for the audit page's filter: (Vietnamese, English).
AUDIT_KINDS = {
    "login": ("Đăng nhập", "Sign-in"),
    "login_failed": ("Đăng nhập sai (tài khoản có thật)", "Failed sign-in (an account)"),
    "login_unknown": ("Đăng nhập sai (tên lạ)", "Failed sign-in (unknown name)"),
    "logout": ("Đăng xuất", "Sign-out"),
    "export": ("Tải tệp xuống", "Download"),
    "enrollment_code": ("Tạo mã đăng ký máy", "Enrolment code made"),
    "cancel_code": ("Hủy mã đăng ký máy", "Enrolment code cancelled"),
    "revoke_device": ("Thu hồi máy", "Laptop revoked"),
    "device_enrolled": ("Máy đăng ký", "Laptop enrolled"),
    "account_added": ("Thêm tài khoản", "Account added"),
    "password_reset": ("Đặt lại mật khẩu", "Password reset"),
    "account_disabled": ("Khóa tài khoản", "Account disabled"),
    "account_enabled": ("Mở lại tài khoản", "Account enabled"),
    "account_unlocked": ("Mở khóa tài khoản", "Account unlocked"),
    "account_communes": ("Đổi xã, phường của tài khoản", "Account's communes changed"),
    "account_role": ("Đổi vai trò của tài khoản", "Account's role changed"),
}
PAGE_NAMES = {
    "overview": ("Tổng quan", "Overview"),
    "communes": ("Xã, phường", "Communes"),
    "commune": ("của một xã, phường", "of a commune"),
    "commune_report": ("báo cáo đầy đủ của xã", "the commune's full report"),
    "trends": ("Xu hướng", "Trends"),
    "admin": ("Thiết bị và tiếp nhận", "Devices and intake"),
    "audit": ("Nhật ký", "Log"),
}


def audit_sentence(entry: dict[str, Any], lang: str, devices: dict[str, str]) -> str:
    """An audit entry as a sentence ("ana tải tệp XLSX của trang Tổng quan")."""
    pair = AUDIT_SENTENCES.get(entry["action"])
    if pair is None:
        return entry["action"]
    detail = entry.get("detail") or {}
    en = lang == "en"
    page_pair = PAGE_NAMES.get(str(detail.get("page")), (detail.get("page"), detail.get("page")))
    page_text = page_pair[1] if en else page_pair[0]
    if detail.get("commune"):
        page_text = f"{page_text} ({commune_name(str(detail['commune']))})"
    device = detail.get("device")
    values = {
        "user": entry["user"],
        "format": str(detail.get("format") or "").upper(),
        "page": page_text or "",
        "communes": ", ".join(commune_name(str(c)) for c in detail.get("communes") or []),
        "days": format_number(detail.get("days"), lang) if detail.get("days") else "",
        "device": shown_name(detail.get("name") or devices.get(str(device), str(device or ""))),
        "account": detail.get("account") or "",
        "before": ", ".join(commune_name(str(c)) for c in detail.get("before") or []) or "—",
        "role": t(detail["role"], lang) if detail.get("role") in ROLE_KEYS else "",
        "device_id": str(device or "")[:DEVICE_ID_SHOWN],
    }
    text = pair[1] if en else pair[0]
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    if entry["action"] in ("enrollment_code", "cancel_code", "device_enrolled") and detail.get(
        "ref"
    ):
        text += " — " + t("code_reference", lang).lower() + " " + code_label(str(detail["ref"]))
    if entry["action"] == "export":  # what the file held: communes and months
        if detail.get("communes"):
            text += " — " + values["communes"]
        period = detail.get("period")
        if isinstance(period, list) and len(period) == 2 and all(period):
            text += ", " + _range_label(str(period[0]), str(period[1]), lang)
        elif detail.get("until"):
            text += ", " + ("until " if en else "đến ") + month_label(str(detail["until"]), lang)
        # the official's list as narrowed, in the words of the export's own filter line
        narrowed = list_filters(detail.get("filters") or {}, lang)
        if narrowed:
            text += " — " + ", ".join(narrowed)
        metric = (detail.get("filters") or {}).get("metric")
        if detail.get("page") == "trends" and metric in TREND_METRICS:  # which file of the
            text += " — " + metric_label(str(metric), lang)  # Trends (the tenth tryout)
        if detail.get("table") == "not_received":  # the list alone, to print
            text += " — " + t("list_alone", lang)
    return text


ROLE_KEYS = ("city_admin", "city_analyst", "commune_official")


def accounts_page(storage: Any, user: User, lang: str) -> Page:
    """The dashboard's accounts (city_admin): who, role, communes, status."""
    page = Page("accounts", t("accounts", lang), lang)
    now = datetime.now(UTC).isoformat()
    rows = []
    for u in storage.dash_users():
        if u["disabled"]:
            status = t("disabled", lang)
        elif u["locked_until"] and u["locked_until"] > now:
            status = t("locked", lang)
        else:
            status = t("active", lang)
        rows.append(
            [
                u["name"],
                t(u["role"], lang),
                ", ".join(commune_name(c) for c in u["communes"]) or "—",
                status,
            ]
        )
        page.extra.setdefault("accounts", []).append(u["name"])
        page.extra.setdefault("disabled", []).append(u["disabled"])
        page.extra.setdefault("locked", []).append(status == t("locked", lang))
        official = u["role"] == "commune_official"
        page.extra.setdefault("codes", []).append(" ".join(u["communes"]) if official else None)
    page.tables.append(
        Table(
            "accounts",
            t("accounts", lang),
            [t("user", lang), t("role", lang), t("commune", lang), t("device_status", lang)],
            rows,
        )
    )
    page.extra["roles"] = [(r, t(r, lang)) for r in reversed(ROLE_KEYS)]  # the admin last
    return page


# The filters that narrow one table of a page, not the whole page: (page, table) → their keys.
# Said only on that table's sheet of the xlsx and under that table in the PDF.
TABLE_FILTERS = {
    ("admin", "devices"): ("q", "commune", "state"),
    ("admin", "codes"): ("code_state", "code_ref"),
    ("commune", "not_received"): ("village", "wait"),
}


def describe_filters(page: Page, table: str | None = None) -> list[str]:
    """The page's choices in words, for the head of its xlsx and PDF: those of the whole page,
    and, with ``table``, those that narrow only that table (the device search on the devices
    sheet, never on the codes' or officers')."""
    lang, f = page.lang, page.filters
    own = set(TABLE_FILTERS.get((page.kind, table or ""), ()))
    apart = {k for (kind, _), keys in TABLE_FILTERS.items() if kind == page.kind for k in keys}
    f = {k: v for k, v in f.items() if k not in apart or k in own}
    out: list[str] = []
    if page.kind == "commune":
        out.append(f"{t('commune', lang)}: {page.title}")
    if f.get("from") and f.get("to"):
        out.append(f"{t('period', lang)}: {_range_label(f['from'], f['to'], lang)}")
    if f.get("period"):
        out.append(f"{t('month', lang)}: {month_label(f['period'], lang)}")
    if page.kind == "overview":
        channel = label_of("channel", f["channel"], lang) if f.get("channel") else t("all", lang)
        band = label_of("age_band", f["age_band"], lang) if f.get("age_band") else t("all", lang)
        out.append(f"{t('channel', lang)}: {channel}")
        out.append(f"{t('age_band', lang)}: {band}")
    out += list_filters(f, lang)
    if page.kind == "communes":
        out.append(f"{t('vs', lang)}: {t('vs_' + str(f.get('vs') or '1'), lang)}")
        if f.get("data"):
            out.append(t("only_with_data", lang))
        keys = page.extra.get("sort_keys") or []
        if f.get("sort") in keys and page.tables:  # the order of the rows, as on the page
            column = page.tables[0].columns[keys.index(f["sort"])]
            way = t("order_desc" if f.get("desc") else "order_asc", lang)
            if f["sort"] == "name":
                way = "Z → A" if f.get("desc") else "A → Z"
            out.append(f"{t('sort_by', lang)}: {column}, {way}")
    if page.kind == "trends":
        out.append(f"{t('metric', lang)}: {metric_label(f.get('metric', ''), lang)}")
        out.append(f"{t('to', lang)}: {month_label(f.get('to', ''), lang)}")
        if f.get("communes"):
            names = ", ".join(commune_name(c) for c in f["communes"])
            out.append(f"{t('selected', lang)}: {names}")
    if page.kind == "admin":
        if f.get("q"):  # the device search box, as the page labels it
            out.append(f"{t('device_search', lang)}: «{f['q']}»")
        if f.get("commune"):
            out.append(f"{t('commune', lang)}: {commune_name(f['commune'])}")
        if f.get("state"):
            state = t(f"state_{f['state']}", lang).replace("{days}", str(f.get("days", "")))
            out.append(f"{t('device_status', lang)}: {state}")
        if f.get("code_state"):
            out.append(f"{t('code_filter', lang)}: {t('code_' + f['code_state'], lang)}")
        if f.get("code_ref"):
            out.append(f"{t('code_reference', lang)}: {f['code_ref']}")
    if page.kind == "audit":
        if f.get("who"):
            out.append(f"{t('user', lang)}: {f['who']}")
        if f.get("kind"):
            out.append(f"{t('action', lang)}: {AUDIT_KINDS[f['kind']][1 if lang == 'en' else 0]}")
        if f.get("since") or f.get("until"):
            out.append(f"{t('dates', lang)}: {f.get('since') or '…'} – {f.get('until') or '…'}")
    if f.get("q") and page.kind != "admin":  # the search box of the communes (Communes, Trends)
        out.append(f"{t('search', lang)}: «{f['q']}»")
    return out


def list_filters(filters: dict[str, Any], lang: str) -> list[str]:
    """The official's list narrowed (village, how long waiting), in words: the export's filter
    line and its entry in the log say it alike. The village is one of the list's own (never
    typed text), the wait one of ``WAITS``."""
    out = []
    if filters.get("village"):
        out.append(f"{t('village', lang)}: {filters['village']}")
    if filters.get("wait") in WAITS:
        out.append(f"{t('days_waiting', lang)}: {t('wait_' + filters['wait'], lang)}")
    return out
