"""The one place the app imports Qt from (like Anki's ``aqt.qt``)."""

# ruff: noqa: F401, F403, F405
from pathlib import Path

import PySide6 as _pyside6
from PySide6.QtCore import *
from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtGui import *
from PySide6.QtWidgets import *

try:  # part of PySide6-Essentials; used to lock on sleep and session lock (session_lock.py)
    from PySide6 import QtDBus
except ImportError:  # pragma: no cover - a build without it
    QtDBus = None

PYSIDE_DIR = Path(_pyside6.__file__).parent
