"""Imports point one way: core ← store ← sync ← ui, and core ← city_server; Qt only in ui."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["core", "store", "sync", "ui"]
QT = ("PySide6", "shiboken6", "pytestqt")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_layers_point_one_way():
    problems = []
    for layer in ORDER:
        allowed = set(ORDER[: ORDER.index(layer) + 1])
        for path in (ROOT / "desktop_app" / layer).rglob("*.py"):
            for name in _imports(path):
                parts = name.split(".")
                inner = parts[1] if parts[0] == "desktop_app" and len(parts) > 1 else None
                if inner in ORDER and inner not in allowed:
                    problems.append(f"{path.relative_to(ROOT)} imports {name}")
                if parts[0] in QT and layer != "ui":
                    problems.append(f"{path.relative_to(ROOT)} imports Qt ({name})")
    for path in (ROOT / "city_server").rglob("*.py"):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "desktop_app" and (len(parts) < 2 or parts[1] != "core"):
                problems.append(f"{path.relative_to(ROOT)} imports {name}")
            if parts[0] in QT:
                problems.append(f"{path.relative_to(ROOT)} imports Qt ({name})")
    assert not problems, "\n".join(problems)


def test_only_the_qt_shim_imports_pyside6_in_ui():
    offenders = []
    for path in (ROOT / "desktop_app" / "ui").rglob("*.py"):
        if path.name == "qt.py":
            continue
        if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in _imports(path)):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


def test_the_layer_test_would_catch_a_breach(tmp_path):
    bad = tmp_path / "x.py"
    bad.write_text("from desktop_app.ui import qt\nimport PySide6\n")
    assert "desktop_app.ui" in _imports(bad) and "PySide6" in _imports(bad)
