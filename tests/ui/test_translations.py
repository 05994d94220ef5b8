"""Every user-facing string has a Vietnamese translation, and the .qm files load."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TS_VI = ROOT / "resources" / "i18n" / "tantay_vi.ts"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            out[(name, message.findtext("source"))] = message
    return out


def test_every_string_in_the_code_has_a_finished_vietnamese_translation(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists() and not shutil.which("pyside6-lupdate"):
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "desktop_app" / "ui").rglob("*.py"))
    subprocess.run(
        [
            str(lupdate) if lupdate.exists() else "pyside6-lupdate",
            "-silent",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
        cwd=ROOT,
    )
    in_code = set(_messages(fresh))
    assert len(in_code) > 300
    shipped = _messages(TS_VI)
    missing = sorted(k for k in in_code if k not in shipped)
    unfinished = sorted(
        k
        for k in in_code & set(shipped)
        if shipped[k].find("translation").get("type") == "unfinished"
        or not (shipped[k].findtext("translation") or len(shipped[k].find("translation")))
    )
    assert not missing, f"not in tantay_vi.ts (run tools/i18n.py update): {missing[:10]}"
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_the_vietnamese_translation_loads(qapp):
    from desktop_app.ui import i18n
    from desktop_app.ui.qt import QCoreApplication

    assert i18n.install("vi")
    assert QCoreApplication.translate("MainWindow", "Households") == "Hộ gia đình"
    i18n.install("en")
    assert QCoreApplication.translate("MainWindow", "Households") == "Households"
    i18n.install("vi")


def test_counts_read_as_english_in_english(qapp):
    """A count in English takes its noun's number and the thousands separator ("1 household",
    "40,000 households"), not "1 household(s)"; Vietnamese nouns do not change."""
    from desktop_app.ui import i18n
    from desktop_app.ui.qt import QCoreApplication

    def households(n: int) -> str:
        return QCoreApplication.translate("HouseholdListView", "%n household(s)", "", n)

    try:
        assert i18n.install("en")
        assert households(1) == "1 household"
        assert households(40000) == "40,000 households"
        assert i18n.install("vi")
        assert households(1) == "1 hộ"
        assert households(40000) == "40.000 hộ"
    finally:
        i18n.install("vi")
