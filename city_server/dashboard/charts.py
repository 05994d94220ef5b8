"""Charts drawn on the server as inline SVG (no script, no library): horizontal bars and lines.

Every chart is drawn from the same numbers as the table printed under it; a suppressed value
("< 5") is drawn as no bar / a gap in the line, never as a number.
"""

from __future__ import annotations

from html import escape
from typing import Any

COLORS = ("#1f5fa8", "#c2410c", "#15803d", "#7c3aed", "#0e7490", "#a16207")


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def bars(items: list[tuple[str, Any]], title: str, fmt=str) -> str:
    """Horizontal bars, one per (label, value); "" when no value is a number (all hidden: an
    empty frame would read as "nothing")."""
    if not items or all(_num(v) is None for _, v in items):
        return ""
    row_h, label_w, bar_w, pad = 26, 230, 300, 8
    height = row_h * len(items) + 2 * pad
    width = label_w + bar_w + 90
    top = max([_num(v) or 0 for _, v in items] + [1])
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img"'
        f' aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">'
    ]
    for i, (label, value) in enumerate(items):
        y = pad + i * row_h
        number = _num(value)
        length = 0 if number is None else max(1.0, bar_w * number / top) if number else 0
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" class="lbl">'
            f"{escape(short)}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row_h - 9}"'
            f' fill="{COLORS[0]}" rx="2"/>'
        )
        parts.append(
            f'<text x="{label_w + length + 6:.1f}" y="{y + 17}" class="val">'
            f"{escape(fmt(value))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def columns(items: list[tuple[str, Any]], title: str) -> str:
    """Vertical columns (a distribution), labels under them; "" when no column has a height
    (every count hidden as "< 5", or none): the eighth tryout saw empty frames with a lone "1"."""
    if not items or not any(_num(v) for _, v in items):
        return ""
    width, height, left, bottom, top_pad = 640, 220, 36, 28, 12
    inner_w, inner_h = width - left - 8, height - bottom - top_pad
    top = max([_num(v) or 0 for _, v in items] + [1])
    step = inner_w / len(items)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img"'
        f' aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f'<line x1="{left}" y1="{top_pad + inner_h}" x2="{width - 8}" y2="{top_pad + inner_h}"'
        ' class="axis"/>',
    ]
    for i, (label, value) in enumerate(items):
        number = _num(value) or 0
        h = inner_h * number / top
        x = left + i * step
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{top_pad + inner_h - h:.1f}" width="{step - 4:.1f}"'
            f' height="{h:.1f}" fill="{COLORS[0]}"/>'
        )
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{height - 10}" text-anchor="middle" class="lbl">'
            f"{escape(label)}</text>"
        )
        # each column says its count, and a hidden one says "< 5" / "x" where its column would
        # be: a chart of the shown columns alone read "all in 4–7 days" (the tenth tryout)
        if value is not None:
            shown = str(int(number)) if _num(value) is not None else str(value)
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{top_pad + inner_h - h - 3:.1f}"'
                f' text-anchor="middle" class="{"val" if _num(value) is not None else "lbl"}">'
                f"{escape(shown)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _axis(value: float, lang: str) -> str:
    """An axis number: a decimal comma in Vietnamese ("12,5"), a point in English."""
    from desktop_app.core.report_export import format_number

    return format_number(round(value, 1), lang)


def _month_tick(month: str, lang: str) -> str:
    """A short month under the axis: "10/26" in Vietnamese, "Oct 26" in English."""
    year, number = month[2:4], int(month[5:7])
    if lang == "en":
        return f"{MONTHS_EN[number - 1]} {year}"
    return f"{number:02d}/{year}"


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def lines(
    months: list[str],
    series: list[tuple[str, list[Any]]],
    title: str,
    lang: str = "vi",
    provisional: list[set[int]] | None = None,
    provisional_label: str = "",
    gaps_label: str = "",
) -> str:
    """One line per series over the months; gaps where a value is unknown or suppressed.
    ``provisional[n]`` holds the months (indices) whose value of series n is not final yet (the
    month is not over, or its 30 days have not passed): drawn as hollow points on a dashed
    line, named in the legend by ``provisional_label``, so a partial month never reads as a
    real rise or fall. ``gaps_label`` ("… {months} …") names, under the legend, the months with
    no point at all (the fifteenth tryout: a 12-month chart with one point and no word why)."""
    if not months or not series:
        return ""
    provisional = provisional or [set() for _ in series]
    marked = any(provisional) and provisional_label
    empty = [
        _month_tick(m, lang)
        for i, m in enumerate(months)
        if all(i >= len(vs) or _num(vs[i]) is None for _, vs in series)
    ]
    gaps = gaps_label.replace("{months}", ", ".join(empty)) if empty and gaps_label else ""
    per_row = 3  # legend entries per line under the chart
    legend_rows = -(-(len(series) + (1 if marked else 0)) // per_row) + (1 if gaps else 0)
    width, height, left, bottom, top_pad, right = 700, 246 + 14 * legend_rows, 52, 40, 14, 30
    bottom += 14 * (legend_rows - 1)
    inner_w, inner_h = width - left - right, height - bottom - top_pad
    values = [_num(v) for _, vs in series for v in vs]
    known = [v for v in values if v is not None]
    if not known:  # every value hidden or missing: no empty frame (the table says why)
        return ""
    top = max(known + [1])
    low = min(known + [0])
    span = (top - low) or 1

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (inner_w * i / max(1, len(months) - 1))
        return x, top_pad + inner_h - inner_h * (v - low) / span

    parts = [
        f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img"'
        f' aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f'<line x1="{left}" y1="{top_pad + inner_h}" x2="{width - right}"'
        f' y2="{top_pad + inner_h}" class="axis"/>',
        f'<text x="{left - 4}" y="{top_pad + 8}" text-anchor="end" class="lbl">'
        f"{_axis(top, lang)}</text>",
        f'<text x="{left - 4}" y="{top_pad + inner_h}" text-anchor="end" class="lbl">'
        f"{_axis(low, lang)}</text>",
    ]
    every = max(1, len(months) // 8)
    for i, month in enumerate(months):
        if i % every == 0 or i == len(months) - 1:
            x, _ = xy(i, low)
            anchor = "middle"  # the right margin leaves room for half of the last label
            parts.append(
                f'<text x="{x:.1f}" y="{top_pad + inner_h + 16}" text-anchor="{anchor}" class="lbl">'
                f"{escape(_month_tick(month, lang))}</text>"
            )
    for n, (name, vs) in enumerate(series):
        color = COLORS[n % len(COLORS)]
        partial = provisional[n] if n < len(provisional) else set()
        segment: list[str] = []
        paths: list[list[str]] = []
        points: list[str] = []
        before: tuple[int, float, float] | None = None  # the last known point
        for i, v in enumerate(vs):
            number = _num(v)
            if number is None:
                if segment:
                    paths.append(segment)
                segment, before = [], None
                continue
            x, y = xy(i, number)
            if i in partial or (before is not None and before[0] in partial):
                if segment:  # the solid line stops; a dashed one goes on to the partial month
                    paths.append(segment)
                segment = []
                if before is not None:
                    parts.append(
                        f'<line x1="{before[1]:.1f}" y1="{before[2]:.1f}" x2="{x:.1f}"'
                        f' y2="{y:.1f}" stroke="{color}" stroke-width="2"'
                        ' stroke-dasharray="5 4" class="provisional"/>'
                    )
            if i not in partial:
                segment.append(f"{x:.1f},{y:.1f}")
                points.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{color}"/>')
            else:
                points.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#fff" stroke="{color}"'
                    ' stroke-width="1.5" class="provisional"/>'
                )
            before = (i, x, y)
        if segment:
            paths.append(segment)
        for p in paths:
            if len(p) > 1:
                parts.append(
                    f'<polyline points="{" ".join(p)}" fill="none" stroke="{color}"'
                    ' stroke-width="2"/>'
                )
        parts += points
        lx = left + 8 + (n % per_row) * 210
        ly = top_pad + inner_h + 26 + 14 * (n // per_row)
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{color}"/>'
            f'<text x="{lx + 14}" y="{ly + 9}" class="lbl">{escape(name[:32])}</text>'
        )
    if marked:
        n = len(series)
        lx = left + 8 + (n % per_row) * 210
        ly = top_pad + inner_h + 26 + 14 * (n // per_row)
        parts.append(
            f'<circle cx="{lx + 5}" cy="{ly + 5}" r="3.5" fill="#fff" stroke="#555"'
            ' stroke-width="1.5"/>'
            f'<text x="{lx + 14}" y="{ly + 9}" class="lbl">{escape(provisional_label)}</text>'
        )
    if gaps:  # a line of its own, the last under the chart
        ly = top_pad + inner_h + 26 + 14 * (legend_rows - 1)
        parts.append(f'<text x="{left + 8}" y="{ly + 9}" class="lbl gaps">{escape(gaps)}</text>')
    parts.append("</svg>")
    return "".join(parts)
