"""The server counts days by its local date (as the laptops do): ``serve`` warns when the
machine is not on Hà Nội time, in a real process with TZ set."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

from city_server.cli import _time_zone_warning


def test_the_warning_names_the_zone_only_when_it_is_not_hanois():
    assert (
        _time_zone_warning(datetime(2026, 12, 4, 23, 0, tzinfo=timezone(timedelta(hours=7)))) == ""
    )
    said = _time_zone_warning(datetime(2026, 12, 4, 23, 0, tzinfo=UTC))
    assert "UTC+0000" in said and "TZ=Asia/Ho_Chi_Minh" in said and "giờ Hà Nội" in said


def test_a_process_on_utc_is_warned_and_one_on_hanoi_time_is_not():
    code = "from city_server.cli import _time_zone_warning; print(repr(_time_zone_warning()))"
    for zone, warned in (("UTC", True), ("Asia/Ho_Chi_Minh", False)):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "TZ": zone},
            timeout=60,
            check=True,
        ).stdout
        assert ("TZ=Asia/Ho_Chi_Minh" in out) is warned, (zone, out)
