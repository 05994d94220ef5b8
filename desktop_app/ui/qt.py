"""The one place the app imports Qt from (like Anki's ``aqt.qt``).

``from desktop_app.ui.qt import QWidget`` finds the name in QtWidgets, QtGui or QtCore (in that
order, as the star imports this module once did). The names are looked up when first asked for,
not star-imported: PySide6 creates its Python types on first use, and ``import *`` of the three
modules made all of them at start-up — about 90 ms before the login window (issue 17).
"""

from pathlib import Path

import PySide6 as _pyside6
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Property, Signal, Slot

try:  # part of PySide6-Essentials; used to lock on sleep and session lock (session_lock.py)
    from PySide6 import QtDBus
except ImportError:  # pragma: no cover - a build without it
    QtDBus = None

PYSIDE_DIR = Path(_pyside6.__file__).parent

_SOURCES = (QtWidgets, QtGui, QtCore)

__all__ = ["PYSIDE_DIR", "Property", "QtCore", "QtDBus", "QtGui", "QtWidgets", "Signal", "Slot"]


def __getattr__(name: str):
    """A Qt name, from the first of QtWidgets, QtGui, QtCore that has it (kept once found)."""
    if not name.startswith("_"):
        for module in _SOURCES:
            value = getattr(module, name, None)
            if value is not None:
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
