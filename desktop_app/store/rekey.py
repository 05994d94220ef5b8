"""Replacing the database key (``PRAGMA rekey``) when a user is disabled or a password leaked.

Every user's password unwraps the one database key, so a disabled volunteer who once unwrapped
it could still open a copy of the database file, or the current one with an old copy of the key
file. Re-keying makes both useless for the database as it is from then on. Crash-safe in three
steps (``KeyFile.begin_rotation`` → ``PRAGMA rekey`` → ``KeyFile.finish_rotation``): killed
between any two, the next login finds whichever key opens the database and finishes or
abandons the rotation (``Store.open``).
"""

from __future__ import annotations

import secrets

from desktop_app.store import audit
from desktop_app.store.guard import op


class KeyRotationMixin:
    """Store operations that replace the database key."""

    @op
    def rotate_database_key(self, reason: str = "password_leaked") -> list[str]:
        """Re-key the database and re-seal the key for every remaining user (admin only).

        Returns the users who could not be included (not logged in since sealed key entries
        came with this version): they need a new password from the admin."""
        return self._rotate_key(reason)

    def _rotate_key(self, reason: str) -> list[str]:
        new_key = secrets.token_bytes(32)
        left_out = self._keyfile.begin_rotation(new_key)
        try:
            self.db.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        except BaseException:
            self._keyfile.abandon_rotation()
            raise
        self._keyfile.finish_rotation()
        self._key = new_key
        with self.db.atomic():
            audit.append(
                self.db,
                self.user.username,
                "db.rekey",
                detail={"reason": reason, "left_out": left_out},
            )
        return left_out
