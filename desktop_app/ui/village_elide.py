"""Cutting a village name to fit a narrow cell without losing what tells villages apart.

A team's villages share a long kind prefix ("Tổ dân phố số 1 Hàng Bạc", "Tổ dân phố số 12 Hàng
Bè"); cutting in the middle ("Tổ dân ph…2 Hàng Bè") hides the number that tells tổ 2 from tổ 12.
So the prefix goes first, whole words at a time ("…số 12 Hàng Bè", "…12 Hàng Bè"), and only then the
end of the street name ("…12 Hàng…"). The cell's tooltip shows the whole name.
"""

from __future__ import annotations

from desktop_app.core.text import fold
from desktop_app.ui.qt import QFontMetrics, Qt

ELLIPSIS = "…"
# Words that name the kind of unit, not the unit: they are the first to go when space is short.
_KIND_WORDS = {"to", "dan", "pho", "khu", "thon", "xom", "ap", "ban", "so", "tdp", "kp"}


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def trim_village(text: str, metrics: QFontMetrics, width: int) -> tuple[str, int]:
    """The village name to show in `width` pixels, with the leading kind words dropped while
    it does not fit: (shown text, how many characters of `text` were dropped from the left).
    The shown text starts with "…" when anything was dropped; it may still be too wide (the
    caller cuts its end then)."""
    if width <= 0 or metrics.horizontalAdvance(text) <= width:
        return text, 0
    words = text.split(" ")
    digit_at = next((i for i, w in enumerate(words) if _has_digit(w)), None)
    if digit_at is None:  # "Thôn Đông Anh": drop the kind words only
        keep = [0]
        while keep[0] < len(words) - 1 and fold(words[keep[0]]) in _KIND_WORDS:
            keep[0] += 1
    else:  # "…số 12 Hàng Bè", then "…12 Hàng Bè": never "…phố số 12"
        keep = [digit_at - 1, digit_at] if digit_at and fold(words[digit_at - 1]) == "so" else []
        keep = keep or [digit_at]
    best = (text, 0)
    for first in keep:
        if first <= 0:
            continue
        cut = len(" ".join(words[:first])) + 1
        best = (ELLIPSIS + text[cut:], cut)
        if metrics.horizontalAdvance(best[0]) <= width:
            break
    return best


def elide_village(text: str, metrics: QFontMetrics, width: int) -> str:
    """The village name fitted to `width` pixels: kind prefix dropped first, then the end cut."""
    shown, _cut = trim_village(text, metrics, width)
    if width <= 0:
        return shown
    return metrics.elidedText(shown, Qt.TextElideMode.ElideRight, width)
