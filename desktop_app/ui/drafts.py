"""Unsaved visit forms survive a crash: drafts kept in the encrypted database.

A draft may hold notes about a vulnerable person, so it is never written to a plain file: it goes
into the store's ``settings`` table (inside the SQLCipher database, so encrypted at rest) under
``draft:visit:<household id>:<user name>``: on a shared laptop each person's draft is their own, so
another person opening the same household's visit form neither sees nor overwrites it (drafts
written before issue 19 have no user name in their key and go to whoever opens the form first).
Every read and write runs on the database worker. The settings table has no delete, so a removed
draft is an empty value.
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


def draft_key(household_id: str, username: str | None = None) -> str:
    """The settings key of a person's visit draft for a household (without a user name: the
    key drafts had before they were per person)."""
    key = DRAFT_PREFIX + household_id
    return f"{key}:{username}" if username else key


def _parse(raw: str) -> dict | None:
    if not raw:
        return None
    try:
        draft = json.loads(raw)
    except ValueError:
        log.warning("unreadable visit draft for a household; ignored")
        return None
    return draft if isinstance(draft, dict) and isinstance(draft.get("fields"), dict) else None


def read_draft(store, household_id: str, username: str | None = None) -> dict | None:
    """The saved draft of ``username``'s (default: the logged-in person's) visit form for a
    household (worker thread), or None."""
    username = username or store.user.username
    draft = _parse(store.settings.get(draft_key(household_id, username)) or "")
    if draft is None:  # a draft from before drafts were per person
        draft = _parse(store.settings.get(draft_key(household_id)) or "")
        if draft is not None and draft.get("user") not in (None, username):
            return None
    return draft


def write_draft(store, household_id: str, fields: dict, username: str | None = None) -> None:
    """Save a draft (worker thread); one small encrypted transaction."""
    username = username or store.user.username
    payload = {
        "version": 2,
        "saved_at": datetime.now(UTC).isoformat(),
        "user": username,
        "household_id": household_id,  # a household merge moves the draft (syncing.py)
        "fields": fields,
    }
    store.set_setting(draft_key(household_id, username), json.dumps(payload, ensure_ascii=False))


def delete_draft(store, household_id: str, username: str | None = None) -> None:
    """Forget a person's draft for a household (worker thread)."""
    username = username or store.user.username
    if store.settings.get(draft_key(household_id, username)):
        store.set_setting(draft_key(household_id, username), "")
    legacy = _parse(store.settings.get(draft_key(household_id)) or "")
    if legacy is not None and legacy.get("user") in (None, username):
        store.set_setting(draft_key(household_id), "")


class DraftAutosaver(QObject):
    """Writes a form's snapshot shortly after each change and every few seconds while changed."""

    def __init__(self, ops, household_id: str, snapshot, parent: QObject | None = None):
        super().__init__(parent)
        self._ops = ops
        self._household_id = household_id
        self.owner: str | None = None  # whose draft: set when the form has loaded
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
        hid, owner = self._household_id, self.owner
        self.writes += 1
        try:
            self._ops.run(
                lambda store: write_draft(store, hid, fields, owner),
                on_error=lambda exc: log.error("draft not saved: %s", exc),
                key=draft_key(hid),
            )
        except RuntimeError:  # the worker was stopped: the app is closing
            log.warning("visit draft not saved: the database worker has stopped")

    def discard(self) -> None:
        """Stop and delete the saved draft."""
        self.stop()
        hid, owner = self._household_id, self.owner
        self._ops.run(
            lambda store: delete_draft(store, hid, owner),
            on_error=lambda exc: log.error("draft not deleted: %s", exc),
            key=draft_key(hid),
        )
