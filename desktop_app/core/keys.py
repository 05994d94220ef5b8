"""Device and server keys: Ed25519 for signing, X25519 for encrypting to a device or the server.

Thin helpers around ``cryptography`` so the rest of the app never touches its API directly.
Private keys travel only as raw 32-byte strings (stored inside the encrypted database); public keys
travel as base64 text (enrolment answers, pinned server keys, settings).
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from desktop_app.core.errors import KnownError

KEY_LEN = 32
SIGNATURE_LEN = 64

PrivateKey = Ed25519PrivateKey | X25519PrivateKey
PublicKey = Ed25519PublicKey | X25519PublicKey

__all__ = [
    "KEY_LEN",
    "SIGNATURE_LEN",
    "BadKey",
    "BadSignature",
    "fingerprint",
    "generate_box_key",
    "generate_sign_key",
    "load_box_private",
    "load_box_public",
    "load_sign_private",
    "load_sign_public",
    "private_bytes",
    "public_b64",
    "public_bytes",
    "sign",
    "verify",
]


class BadKey(KnownError):
    """A stored or received key is not a valid key of the expected kind."""

    code = "bad_key"

    def __init__(self, what: str = "key"):
        super().__init__(
            "Khóa mã hóa không hợp lệ hoặc đã bị hỏng. Hãy đăng ký lại thiết bị với máy chủ.",
            f"The {what} is not valid or is damaged. Enrol the device with the server again.",
        )


class BadSignature(KnownError):
    """A signature does not match the data and the signer's public key."""

    code = "bad_signature"

    def __init__(self, message_vi: str | None = None, message_en: str | None = None):
        super().__init__(
            message_vi
            or "Chữ ký số không hợp lệ: dữ liệu đã bị thay đổi hoặc không do thiết bị đó ký.",
            message_en
            or "The digital signature is not valid: the data was changed or was not signed by "
            "that device.",
        )


def generate_sign_key() -> Ed25519PrivateKey:
    """A fresh Ed25519 signing key (a device's or the server's identity)."""
    return Ed25519PrivateKey.generate()


def generate_box_key() -> X25519PrivateKey:
    """A fresh X25519 key that others encrypt bundles to."""
    return X25519PrivateKey.generate()


def private_bytes(key: PrivateKey) -> bytes:
    """The raw 32 bytes of a private key (store only inside the encrypted database)."""
    return key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def public_bytes(key: PrivateKey | PublicKey) -> bytes:
    """The raw 32 bytes of a public key (a private key gives its public half)."""
    if isinstance(key, Ed25519PrivateKey | X25519PrivateKey):
        key = key.public_key()
    if not isinstance(key, Ed25519PublicKey | X25519PublicKey):
        raise TypeError(f"not an Ed25519/X25519 key: {type(key).__name__}")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_b64(key: PrivateKey | PublicKey) -> str:
    """The public key as standard base64 text (a private key gives its public half)."""
    return base64.b64encode(public_bytes(key)).decode("ascii")


def fingerprint(key: PrivateKey | PublicKey) -> str:
    """A short, human-comparable fingerprint: ``xxxx-xxxx-xxxx-xxxx`` of SHA-256(raw public key)."""
    digest = hashlib.sha256(public_bytes(key)).hexdigest()[:16]
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def _raw32(data: bytes | str, what: str) -> bytes:
    if isinstance(data, str):
        try:
            data = base64.b64decode(data.strip(), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise BadKey(what) from exc
    if not isinstance(data, bytes | bytearray | memoryview) or len(data) != KEY_LEN:
        raise BadKey(what)
    return bytes(data)


def load_sign_private(raw: bytes) -> Ed25519PrivateKey:
    """An Ed25519 private key from its raw 32 bytes; raises `BadKey`."""
    return Ed25519PrivateKey.from_private_bytes(_raw32(raw, "signing key"))


def load_box_private(raw: bytes) -> X25519PrivateKey:
    """An X25519 private key from its raw 32 bytes; raises `BadKey`."""
    return X25519PrivateKey.from_private_bytes(_raw32(raw, "encryption key"))


def load_sign_public(b64: str | bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from base64 text (or raw 32 bytes); raises `BadKey`."""
    try:
        return Ed25519PublicKey.from_public_bytes(_raw32(b64, "public signing key"))
    except ValueError as exc:
        raise BadKey("public signing key") from exc


def load_box_public(b64: str | bytes) -> X25519PublicKey:
    """An X25519 public key from base64 text (or raw 32 bytes); raises `BadKey`."""
    return X25519PublicKey.from_public_bytes(_raw32(b64, "public encryption key"))


def sign(private: Ed25519PrivateKey, data: bytes) -> bytes:
    """The 64-byte Ed25519 signature of ``data``."""
    return private.sign(data)


def verify(public: Ed25519PublicKey, signature: bytes, data: bytes) -> None:
    """Return if ``signature`` is ``public``'s signature of ``data``; else raise `BadSignature`."""
    if len(signature) != SIGNATURE_LEN:
        raise BadSignature()
    try:
        public.verify(signature, data)
    except InvalidSignature as exc:
        raise BadSignature() from exc
