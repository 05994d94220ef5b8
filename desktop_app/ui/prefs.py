"""Laptop preferences readable before login: language, text size, contrast, idle lock, window size.

They live in ``prefs.json`` in the data folder (not in the encrypted database, which cannot be
read before someone logs in, and not in QSettings, so that the whole state of the app is one
folder that can be backed up or moved).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

log = logging.getLogger(__name__)

PREFS_NAME = "prefs.json"
LANGUAGES = ("vi", "en")
FONT_SCALES = (100, 125, 150, 175)
MIN_WINDOW = (640, 480)  # a remembered size below this is ignored
IDLE_MINUTES_RANGE = (1, 120)


@dataclass
class Prefs:
    """Preferences of this laptop (shared by every user of it)."""

    language: str = "vi"
    font_scale: int = 100
    idle_lock_minutes: int = 10
    high_contrast: bool = False
    # the main window as the person left it: maximised (the default), or a size in pixels
    window_maximized: bool = True
    window_size: list[int] | None = None
    path: Path | None = None

    @classmethod
    def load(cls, data_dir: Path | None) -> Prefs:
        """Read ``prefs.json`` from ``data_dir``; missing or damaged values fall back to defaults."""
        prefs = cls(path=Path(data_dir) / PREFS_NAME if data_dir else None)
        if prefs.path is None or not prefs.path.exists():
            return prefs
        try:
            raw = json.loads(prefs.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable %s: %s", prefs.path, exc)
            return prefs
        if not isinstance(raw, dict):
            return prefs
        if raw.get("language") in LANGUAGES:
            prefs.language = raw["language"]
        if raw.get("font_scale") in FONT_SCALES:
            prefs.font_scale = raw["font_scale"]
        minutes = raw.get("idle_lock_minutes")
        if isinstance(minutes, int) and IDLE_MINUTES_RANGE[0] <= minutes <= IDLE_MINUTES_RANGE[1]:
            prefs.idle_lock_minutes = minutes
        if isinstance(raw.get("high_contrast"), bool):
            prefs.high_contrast = raw["high_contrast"]
        if isinstance(raw.get("window_maximized"), bool):
            prefs.window_maximized = raw["window_maximized"]
        size = raw.get("window_size")
        if (
            isinstance(size, list)
            and len(size) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in size)
            and size[0] >= MIN_WINDOW[0]
            and size[1] >= MIN_WINDOW[1]
        ):
            prefs.window_size = size
        return prefs

    def save(self) -> None:
        """Write atomically (temp file beside it, then rename). A read-only folder is not fatal."""
        if self.path is None:
            return
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "path"}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".prefs-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("could not save %s: %s", self.path, exc)

    def as_dict(self) -> dict:
        """The saved values (for tests and logs)."""
        d = asdict(self)
        d.pop("path")
        return d
