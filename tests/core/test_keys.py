"""Device and server key helpers."""

import base64

import pytest

from desktop_app.core import keys
from desktop_app.core.errors import KnownError


def test_private_keys_round_trip_through_raw_bytes():
    sign_key, box_key = keys.generate_sign_key(), keys.generate_box_key()

    sign_raw, box_raw = keys.private_bytes(sign_key), keys.private_bytes(box_key)

    assert len(sign_raw) == len(box_raw) == 32
    assert keys.public_b64(keys.load_sign_private(sign_raw)) == keys.public_b64(sign_key)
    assert keys.public_b64(keys.load_box_private(box_raw)) == keys.public_b64(box_key)


def test_public_keys_round_trip_through_base64_text():
    sign_key, box_key = keys.generate_sign_key(), keys.generate_box_key()

    sign_text, box_text = keys.public_b64(sign_key), keys.public_b64(box_key.public_key())

    assert len(base64.b64decode(sign_text)) == 32
    assert keys.public_b64(keys.load_sign_public(sign_text)) == sign_text
    assert keys.public_b64(keys.load_box_public(box_text)) == box_text


def test_sign_and_verify():
    key = keys.generate_sign_key()
    signature = keys.sign(key, b"batch bytes")

    assert len(signature) == 64
    keys.verify(key.public_key(), signature, b"batch bytes")  # no exception


@pytest.mark.parametrize(
    "case", ["changed data", "other key", "changed signature", "short signature"]
)
def test_verify_refuses_anything_else(case):
    key = keys.generate_sign_key()
    public, data, signature = key.public_key(), b"batch bytes", keys.sign(key, b"batch bytes")
    if case == "changed data":
        data = b"batch bytez"
    elif case == "other key":
        public = keys.generate_sign_key().public_key()
    elif case == "changed signature":
        signature = bytes([signature[0] ^ 1]) + signature[1:]
    else:
        signature = signature[:63]

    with pytest.raises(keys.BadSignature) as info:
        keys.verify(public, signature, data)

    assert isinstance(info.value, KnownError)
    assert info.value.code == "bad_signature"
    assert "chữ ký" in info.value.message("vi").lower()
    assert "signature" in info.value.message("en")


@pytest.mark.parametrize("text", ["not base64!!", "", base64.b64encode(b"x" * 31).decode(), "AAAA"])
def test_malformed_public_keys_are_a_known_error(text):
    with pytest.raises(keys.BadKey):
        keys.load_sign_public(text)
    with pytest.raises(keys.BadKey):
        keys.load_box_public(text)


def test_malformed_private_key_bytes_are_a_known_error():
    with pytest.raises(keys.BadKey):
        keys.load_sign_private(b"short")
    with pytest.raises(keys.BadKey):
        keys.load_box_private(b"x" * 33)


def test_fingerprint_is_short_stable_and_the_same_for_private_and_public_halves():
    key = keys.generate_sign_key()

    fp = keys.fingerprint(key)

    assert fp == keys.fingerprint(key.public_key())
    assert fp == keys.fingerprint(keys.load_sign_public(keys.public_b64(key)))
    assert len(fp) == 19 and fp.count("-") == 3
    assert fp != keys.fingerprint(keys.generate_sign_key())
