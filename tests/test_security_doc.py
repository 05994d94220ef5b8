"""docs/SECURITY.md: every test the threat model points to exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_test_named_in_the_threat_model_exists():
    text = (ROOT / "docs" / "SECURITY.md").read_text(encoding="utf-8")
    # `store/test_x.py::test_y`, `store/test_x.py`, and `::test_z` (same file as the one before)
    refs = re.findall(r"`(?:([a-z]+/test_[a-z0-9_]+\.py))?(?:::(test_\w+))?`", text)
    refs = [r for r in refs if any(r)]
    assert len(refs) > 30
    current = None
    for path, test in refs:
        current = path or current
        assert current, f"::{test} names no file"
        source = (ROOT / "tests" / current).read_text(encoding="utf-8")
        if test:
            assert re.search(rf"\ndef {test}\(", source), f"{current}::{test} not found"
