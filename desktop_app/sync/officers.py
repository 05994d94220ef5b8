"""Registering a police officer's personal signing key with the city server.

The commune admin asks the city operator for an officer code (``python -m city_server
officer-code``) and hands it to the officer; the officer, logged in on an enrolled laptop, runs
``tantay --user NAME officer-enroll --code CODE`` or presses "Register signing key…" on the
verification page (``ui.officer_key_dialog``). The laptop makes the key, sends
its public half with the code (signed by the device, like a push), checks the certificate the
server answers against the pinned server key, and keeps the private half wrapped under the
officer's password only. See docs/SECURITY.md.
"""

from __future__ import annotations

from desktop_app.core import officer_keys
from desktop_app.core.canonical import canonical_json
from desktop_app.core.errors import KnownError
from desktop_app.core.keys import load_sign_private, public_b64
from desktop_app.core.protocol import (
    HEADER_DEVICE,
    HEADER_SIGNATURE,
    BadSignature,
    error_from_response,
    sign_body,
    verify_document,
)
from desktop_app.store.permissions import require
from desktop_app.store.sync_access import enrolment_secrets

API = "/api/v1"

_REFUSALS_VI = {
    "enrollment_code_unknown": "Mã đăng ký cán bộ không đúng.",
    "enrollment_code_used": "Mã đăng ký cán bộ này đã được dùng.",
    "enrollment_code_expired": "Mã đăng ký cán bộ đã hết hạn. Hãy xin mã mới.",
    "device_mismatch": "Mã này dành cho xã khác với xã của máy này.",
    "rate_limited": "Thử sai quá nhiều lần. Hãy đợi vài phút rồi thử lại.",
}


class OfficerEnrollmentError(KnownError):
    """The officer's key could not be registered (a message a person can act on)."""


def enroll_officer(store, password: str, code: str, http=None) -> dict:
    """Register the acting officer's new signing key; returns the certificate.

    The role is checked before anything is sent: a volunteer's attempt never uses up the code.
    """
    require(store.user.role, "write:identity_verification")
    store._keyfile.unlock(store.user.username, password)  # WrongPassword before the server
    state = enrolment_secrets(store)
    if not state.get("token"):
        raise OfficerEnrollmentError(
            "Máy này chưa đăng ký với máy chủ thành phố. Quản trị viên cần đăng ký máy trước.",
            "This laptop is not enrolled with the city server yet. An admin must enrol it first.",
        )
    key = officer_keys.new_officer_key()
    body = canonical_json(
        {
            "code": code.strip()[:64],
            "officer": store.user.username,
            "full_name": store.user.full_name[:200] or store.user.username,
            "public_key": public_b64(key),
        }
    )
    device_key = load_sign_private(bytes.fromhex(state["sign_private"]))
    headers = {
        "Authorization": f"Bearer {state['token']}",
        HEADER_DEVICE: state["server_device_id"],
        HEADER_SIGNATURE: sign_body(device_key, body),
        "Content-Type": "application/json",
    }
    own = http is None
    if own:
        import httpx

        http = httpx.Client(timeout=30.0)
    try:
        response = http.post(
            state["server_url"].rstrip("/") + f"{API}/officers/enroll",
            content=body,
            headers=headers,
        )
        data = response.json()
    except (OSError, ValueError) as exc:
        raise OfficerEnrollmentError(
            "Không kết nối được máy chủ thành phố. Hãy thử lại khi có mạng.",
            "Cannot reach the city server. Try again when online.",
        ) from exc
    except Exception as exc:  # httpx.HTTPError without importing httpx at module load
        if type(exc).__module__.startswith("httpx"):
            raise OfficerEnrollmentError(
                "Không kết nối được máy chủ thành phố. Hãy thử lại khi có mạng.",
                "Cannot reach the city server. Try again when online.",
            ) from exc
        raise
    finally:
        if own:
            http.close()
    if response.status_code >= 400:
        err = error_from_response(response.status_code, data)
        raise OfficerEnrollmentError(
            _REFUSALS_VI.get(err.code, err.message_vi), err.message_en
        ) from err
    cert = data.get("certificate") if isinstance(data, dict) else None
    try:
        if not isinstance(cert, dict):
            raise BadSignature()
        verify_document(cert, state["server_sign_public"])
    except BadSignature as exc:
        raise OfficerEnrollmentError(
            "Chứng thư máy chủ gửi về không có chữ ký hợp lệ; khoá chưa được lưu.",
            "The certificate from the server is not validly signed; the key was not kept.",
        ) from exc
    store.enroll_officer_key(password, key, officer_keys.certificate_text(cert))
    return cert
