"""Counts before their job has answered: "…", never a "0" that is not true (issue 17)."""

from __future__ import annotations

import re

import pytest

from desktop_app.ui.followups import FollowUpsView
from desktop_app.ui.sync_status import StatusSummary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _heads(view: FollowUpsView) -> list[str]:
    return [head.text(0) for head in view._sections.values()]


def test_follow_up_sections_show_no_zero_before_the_list_arrives(qtbot, make_ops):
    ops = make_ops()
    view = FollowUpsView(ops)
    qtbot.addWidget(view)
    view.show()
    heads = _heads(view)
    assert heads and all(h.endswith("(…)") for h in heads), heads
    assert not any("(0)" in h for h in heads)
    view.activate()
    qtbot.waitUntil(lambda: view._loaded, timeout=15000)
    heads = _heads(view)
    assert all(re.search(r"\(\d[\d.,]*\)$", h) for h in heads), heads
    counts = [int(re.sub(r"\D", "", h.rsplit("(", 1)[1])) for h in heads]
    assert counts == [len(view.rows(s)) for s in ("overdue", "today", "week")]


def test_sync_status_tiles_show_no_zero_before_the_counts_arrive(qtbot, make_ops):
    ops = make_ops("lead")
    card = StatusSummary(ops)
    qtbot.addWidget(card)
    card.show()
    numbers = [number.text() for _tile, number, _caption in card.tiles.values()]
    assert numbers == ["…"] * len(numbers), numbers
    card.reload()
    qtbot.waitUntil(lambda: card.counts is not None, timeout=15000)
    pending = card.tiles["pending"][1].text()
    assert pending != "…" and int(re.sub(r"\D", "", pending)) == card.counts["pending"] > 0
