"""The desktop job's tests: only on a real X server (.ci/run: Xvfb, openbox, Qt platform xcb),
skipped in the ordinary suite; ``shots`` is where their screenshots go (CI keeps them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.ui.qt import QGuiApplication


def pytest_runtest_setup(item) -> None:
    """(A hook of this folder's conftest: it runs for the tests below it only.)"""
    if (
        QGuiApplication.platformName() not in ("xcb", "")
        or os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] != "xcb"
    ):
        pytest.skip("the desktop job runs under Xvfb with QT_QPA_PLATFORM=xcb (.ci/run)")


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("TANTAY_TEST_ARTIFACTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
