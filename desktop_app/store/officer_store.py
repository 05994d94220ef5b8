"""The laptop's side of police officers' signing keys (desktop_app/core/officer_keys.py).

An officer's private signing key is wrapped under the officer's own password in the key file
(never under the database key): it is unwrapped at the officer's login and kept in memory only.
``record_verification`` signs with it; ``verification_state`` tells whether a stored verification
counts (signed under a certificate of the pinned city server key).
"""

from __future__ import annotations

from desktop_app.core import officer_keys
from desktop_app.core.errors import KnownError
from desktop_app.core.keys import load_sign_private, private_bytes, public_b64
from desktop_app.store import audit
from desktop_app.store.guard import op


class OfficerMixin:
    """Store operations on the acting officer's signing key."""

    _officer_signer = None
    _officer_cert: str | None = None

    def _load_officer_key(self, password: str) -> None:
        """At login: unwrap the officer's signing key with the password just given."""
        self._officer_signer, self._officer_cert = None, None
        if self.user.role != "police_officer":
            return
        found = self._keyfile.officer_key(self.user.username, password)
        if found:
            self._officer_signer = load_sign_private(found[0])
            self._officer_cert = found[1]

    @property
    def officer_key_enrolled(self) -> bool:
        """True when the acting officer can sign verifications on this laptop."""
        return self._officer_signer is not None

    @property
    def officer_key_waiting(self) -> bool:
        """True when the acting officer has no key in this session but one was registered on
        this laptop since they logged in (``officer-enroll`` on the command line): it is
        unwrapped with their password at their next login or unlock (the eleventh tryout: the
        open session kept saying "register your key" after it had been registered)."""
        return (
            self._officer_signer is None
            and self.user.role == "police_officer"
            and self._keyfile.officer_key_on_disk(self.user.username)
        )

    @op
    def enroll_officer_key(self, password: str, private_key, cert_text: str) -> None:
        """Keep the acting officer's key, wrapped under their password, with the certificate
        the city server issued for it (``desktop_app.sync.officers.enroll_officer``)."""
        cert = officer_keys.parse_certificate(cert_text)
        if cert is None or cert["officer"] != self.user.username:
            raise KnownError(
                "Chứng thư của máy chủ không dành cho cán bộ này.",
                "The server's certificate is not for this officer.",
            )
        if cert["public_key"] != public_b64(private_key):
            raise KnownError(
                "Chứng thư của máy chủ không khớp với khoá của cán bộ.",
                "The server's certificate does not match the officer's key.",
            )
        self._keyfile.unlock(self.user.username, password)  # WrongPassword: nothing kept
        with self.db.atomic():
            audit.append(
                self.db,
                self.user.username,
                "officer.enroll",
                detail={"key": cert["public_key"][:12]},
            )
            self._keyfile.set_officer_key(
                self.user.username, password, private_bytes(private_key), cert_text, self._kdf()
            )
            self._keyfile.save()
        self._officer_signer, self._officer_cert = private_key, cert_text

    def _rewrap_officer_key(self, old_password: str, new_password: str) -> None:
        """Keep the acting officer's signing key across a change of their own password."""
        found = self._keyfile.officer_key(self.user.username, old_password)
        if found:
            self._keyfile.set_officer_key(
                self.user.username, new_password, found[0], found[1], self._kdf()
            )

    def _sign_verification_fields(self, record_id: str, fields: dict) -> dict:
        """``fields`` with the officer's certificate and signature (unsigned without a key)."""
        if self._officer_signer is None:
            return {**fields, "officer_cert": None, "officer_signature": None}
        fields = {**fields, "officer_cert": self._officer_cert}
        signature = officer_keys.sign_verification(self._officer_signer, record_id, fields)
        return {**fields, "officer_signature": signature}

    def verification_problem(self, record: dict) -> str | None:
        """Why a stored verification does not count here (a code), or None when it does."""
        server_key = self._sync_get("server_sign_public")
        return officer_keys.verification_problem(record["id"], record, server_key)
