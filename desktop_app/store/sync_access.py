"""The sync machinery's own door into the store.

Whole outgoing records (with full ID numbers), incoming records, receipts, and the device's
private keys and token are for the sync client and USB bundles only. Store operations marked
``SYNC_MACHINERY`` in ``permissions.METHOD_POLICY`` refuse every caller whose store was not handed
to the machinery with ``for_sync``; ``Store.sync_state()`` shows the secrets only as ``"***"``.
The machinery reads them with ``machinery_state``.

This keeps the honest app's screens and commands from leaking them to a volunteer. It is not a
wall against someone who runs their own Python with the database key: docs/SECURITY.md says what
does protect against that (officer signatures, the server's checks, the anchored audit chain).
"""

from __future__ import annotations

SECRET_KEYS = ("token", "sign_private", "box_private")
HIDDEN = "***"


def for_sync(store):
    """Let the sync machinery use ``store`` (returns it)."""
    store._sync_machinery = True
    return store


def machinery_state(store) -> dict:
    """Everything sync keeps locally, secrets included (the sync client and bundles only);
    hands ``store`` to the machinery."""
    for_sync(store)
    return enrolment_secrets(store)


def enrolment_secrets(store) -> dict:
    """The sync state with the device's secrets, without handing ``store`` to the machinery
    (officer enrolment signs one request with the device key and needs nothing else)."""
    return dict(store.db.execute("SELECT key, value FROM sync_state").fetchall())


def redacted(state: dict) -> dict:
    """``state`` with the device's private keys and token replaced by ``"***"``."""
    return {k: (HIDDEN if k in SECRET_KEYS and v else v) for k, v in state.items()}


def mask_conflicts(store, conflicts: list[dict]) -> list[dict]:
    """Conflicts on ID-number fields with both values masked for roles that may not see them."""
    from desktop_app.core.citizen_id import mask_citizen_id

    if store.can("reveal_citizen_id"):
        return conflicts
    for c in conflicts:
        if c["field"] in ("citizen_id", "old_id"):
            for side in ("local_value", "incoming_value"):
                if isinstance(c[side], str) and c[side]:
                    c[side] = mask_citizen_id(c[side])
    return conflicts
