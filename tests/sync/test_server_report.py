"""The city's numbers are the laptop's numbers (issue 14): a laptop syncs to a real server on
loopback; the server's ``report --commune`` JSON equals the laptop's ``report`` JSON key by key,
and the dashboard's cells for the commune give the same figures."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date

import pytest

from city_server.dashboard.cells import load_cells, not_received, refresh
from desktop_app.core.metrics_cells import BREAKDOWN_KEYS, merge
from desktop_app.store.store import Store
from desktop_app.sync.client import SyncClient

HOAN_KIEM = "00070"


@pytest.fixture
def synced(_demo_template, tmp_path, city, server_db):
    """The demo laptop (Phường Hoàn Kiếm), enrolled and synced; a few edits on top so that
    consent, a withdrawal after the first sync and a deletion are part of the comparison."""
    data = tmp_path / "laptop"
    shutil.copytree(_demo_template, data)
    admin = Store.open(data, "admin", "demo1234")
    SyncClient(admin).enroll(city.url, city.code(HOAN_KIEM), "Laptop")
    admin.close()
    lead = Store.open(data, "lead", "demo1234")
    assert SyncClient(lead).sync().pending_after == 0
    periods = [r[0] for r in lead.db.execute("SELECT DISTINCT period FROM payment ORDER BY 1")]
    # after the first sync: a person withdraws consent, a payment is deleted
    pid = lead.db.execute(
        "SELECT p.id FROM person p JOIN payment y ON y.person_id = p.id"
        " WHERE p.consent_date IS NOT NULL AND y.withdrawn_on IS NULL AND y.deleted = 0 LIMIT 1"
    ).fetchone()[0]
    lead.update_person(pid, {"consent_withdrawn_on": date.today().isoformat()})
    payment = lead.db.execute(
        "SELECT id FROM payment WHERE deleted = 0 AND period = ? LIMIT 1", (periods[-1],)
    ).fetchone()[0]
    lead.delete_payment(payment)
    result = SyncClient(lead).sync()
    assert result.pending_after == 0 and result.pushed["accepted"] >= 2
    lead.close()
    return data, periods


def _laptop_report(data, out, period, to):
    env = {**os.environ, "TANTAY_PASSWORD": "demo1234", "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "desktop_app", "--data-dir", str(data), "--user", "lead"]
    cmd += ["report", "--period", period, "--to", to, "--format", "json", "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def _server_report(city, out, period, to, *extra):
    cmd = [sys.executable, "-m", "city_server", "report", "--db", city.db, *city.keys_args]
    cmd += ["--period", period, "--to", to, "--format", "json", "--out", str(out), *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_server_report_equals_the_laptop_report(synced, city, tmp_path):
    data, periods = synced
    for period, to in ((periods[-1], periods[-1]), (periods[-3], periods[-1])):
        laptop = _laptop_report(data, tmp_path / "laptop.json", period, to)
        server = _server_report(city, tmp_path / "server.json", period, to, "--commune", HOAN_KIEM)
        assert laptop["recipients_paid"] > 50 and laptop["not_received"]
        assert sorted(server) == sorted(laptop)
        assert len(laptop["breakdowns"]["channel"]) >= 2  # the tables by group are compared too
        for key in laptop:
            assert server[key] == laptop[key], key
        # consent respected on both: the person who withdrew it is listed without a name
        assert any(n["person_name"].startswith("(") for n in server["not_received"])
    # the whole city (one commune here) gives the same figures too
    city_wide = _server_report(city, tmp_path / "city.json", periods[-1], periods[-1])
    laptop = _laptop_report(data, tmp_path / "laptop.json", periods[-1], periods[-1])
    assert city_wide["withdrew_pct"] == laptop["withdrew_pct"]


def test_the_dashboard_cells_give_the_laptop_figures(synced, city, tmp_path):
    data, periods = synced
    refresh(city.storage)
    laptop = _laptop_report(data, tmp_path / "laptop.json", periods[-1], periods[-1])
    cells = [
        c for _, _, _, _, c in load_cells(city.storage, [periods[-1]], ("total",), [HOAN_KIEM])
    ]
    figures = merge(cells)
    for key in (
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
    ):
        assert figures[key] == laptop[key], key
    assert figures["barrier_counts"] == laptop["barrier_counts"]
    # the dashboard's "by channel" table and the laptop's: the same groups, the same figures
    by_channel: dict = {}
    for _, _, _, key, cell in load_cells(city.storage, [periods[-1]], ("channel",), [HOAN_KIEM]):
        by_channel.setdefault(key, []).append(cell)
    for group in laptop["breakdowns"]["channel"]:
        dashboard = merge(by_channel[group["key"]])
        for key in BREAKDOWN_KEYS:
            assert dashboard[key] == group[key], (group["key"], key)
    assert sorted(by_channel) == sorted(g["key"] for g in laptop["breakdowns"]["channel"])
    # the commune official's list reads only the rows that can be on it: the same list
    listed = not_received(city.storage, HOAN_KIEM, periods[-3], periods[-1])
    laptop = _laptop_report(data, tmp_path / "laptop.json", periods[-3], periods[-1])
    assert len(listed) == len(laptop["not_received"]) > 0
    for mine, theirs in zip(listed, laptop["not_received"], strict=True):
        assert mine.person_name == theirs["person_name"]
        assert mine.days_since_credit == theirs["days_since_credit"]
        assert mine.payments == theirs["payments"]
        assert list(mine.barriers) == theirs["barriers"]


def test_the_officials_follow_up_list_is_the_laptops_not_received_list(synced, city, tmp_path):
    """The commune page's list to act on covers every month: the laptop's own not-received list
    of its whole history, person by person, in the same order (oldest waiting first)."""
    from city_server.dashboard.cells import follow_up_list

    data, periods = synced
    listed = follow_up_list(city.storage, HOAN_KIEM)
    laptop = _laptop_report(data, tmp_path / "laptop.json", periods[0], periods[-1])
    assert len(listed) == len(laptop["not_received"]) > 0
    for mine, theirs in zip(listed, laptop["not_received"], strict=True):
        assert mine.person_name == theirs["person_name"]
        assert mine.days_since_credit == theirs["days_since_credit"]
        assert mine.payments == theirs["payments"]
        assert list(mine.barriers) == theirs["barriers"]
        if not mine.consented:  # no address, phone or ID for a person without consent
            assert not (mine.address or mine.phones or mine.masked_id)
