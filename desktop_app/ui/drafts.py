"""Unsaved visit forms survive a crash: drafts kept in the encrypted database.

A draft may hold notes about a vulnerable person, so it is never written to a plain file: it goes
into the store's ``settings`` table (inside the SQLCipher database, so encrypted at rest) under
``draft:visit:<household id>``. Every read and write runs on the database worker. The settings table
has no delete, so a removed draft is an empty value.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from desktop_app.ui.qt import QObject, QTimer

log = logging.getLogger(__name__)

DRAFT_PREFIX = "draft:visit:"
DEBOUNCE_MS = 800
PERIOD_MS = 5000


def draft_key(household_id: str) -> str:
    """The settings key of a household's visit draft."""
    return DRAFT_PREFIX + household_id


def read_draft(store, household_id: str) -> dict | None:
    """The saved draft of a household's visit form (worker thread), or None."""
    raw = store.settings.get(draft_key(household_id)) or ""
    if not raw:
        return None
    try:
        draft = json.loads(raw)
    except ValueError:
        log.warning("unreadable visit draft for a household; ignored")
        return None
    return draft if isinstance(draft, dict) and isinstance(draft.get("fields"), dict) else None


def write_draft(store, household_id: str, fields: dict) -> None:
    """Save a draft (worker thread); one small encrypted transaction."""
    payload = {"version": 1, "saved_at": datetime.now(UTC).isoformat(), "fields": fields}
    store.set_setting(draft_key(household_id), json.dumps(payload, ensure_ascii=False))


def delete_draft(store, household_id: str) -> None:
    """Forget a household's draft (worker thread)."""
    if store.settings.get(draft_key(household_id)):
        store.set_setting(draft_key(household_id), "")


class DraftAutosaver(QObject):
    """Writes a form's snapshot shortly after each change and every few seconds while changed."""

    def __init__(self, ops, household_id: str, snapshot, parent: QObject | None = None):
        super().__init__(parent)
        self._ops = ops
        self._household_id = household_id
        self._snapshot = snapshot
        self._dirty = False
        self._enabled = False
        self.writes = 0  # how many drafts were written (tests and diagnostics)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.flush)
        self._period = QTimer(self)
        self._period.setInterval(PERIOD_MS)
        self._period.timeout.connect(self.flush)

    def start(self) -> None:
        """Begin saving (call once the form shows what it should: after a draft was restored)."""
        self._enabled = True
        self._period.start()

    def stop(self) -> None:
        """Stop saving (before the visit itself is saved, or when the form closes)."""
        self._enabled = False
        self._debounce.stop()
        self._period.stop()

    def changed(self, *_args) -> None:
        """The form changed: save soon."""
        if not self._enabled:
            return
        self._dirty = True
        self._debounce.start()

    def flush(self) -> None:
        """Write the draft now when something changed since the last write."""
        if not self._enabled or not self._dirty:
            return
        self._dirty = False
        self._debounce.stop()
        try:
            fields = self._snapshot()
        except Exception:  # a draft must never break the form
            log.exception("could not take a draft of the visit form")
            return
        hid = self._household_id
        self.writes += 1
        try:
            self._ops.run(
                lambda store: write_draft(store, hid, fields),
                on_error=lambda exc: log.error("draft not saved: %s", exc),
                key=draft_key(hid),
            )
        except RuntimeError:  # the worker was stopped: the app is closing
            log.warning("visit draft not saved: the database worker has stopped")

    def discard(self) -> None:
        """Stop and delete the saved draft."""
        self.stop()
        hid = self._household_id
        self._ops.run(
            lambda store: delete_draft(store, hid),
            on_error=lambda exc: log.error("draft not deleted: %s", exc),
            key=draft_key(hid),
        )
