"""The README's command-line examples run as written (on a fresh demo database)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- readme-examples -->\s*```sh\n(.*?)```", text, re.S)
    assert block, "README has the examples block"
    return [ln for ln in block.group(1).splitlines() if ln.strip()]


@pytest.mark.slow
def test_the_readme_examples_run_as_written(tmp_path):
    env = dict(os.environ, TANTAY_DATA_DIR=str(tmp_path / "data"))
    env.pop("TANTAY_PASSWORD", None)
    ran = 0
    for line in _examples():
        words = shlex.split(line)
        if words[0] == "export":
            name, value = words[1].split("=", 1)
            env[name] = value
            continue
        assert words[0] == "tantay"
        done = subprocess.run(
            [sys.executable, "-m", "desktop_app", *words[1:]],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
        ran += 1
    assert ran >= 3
    report = (tmp_path / "bao-cao.json").read_text(encoding="utf-8")
    assert '"format": 1' in report
