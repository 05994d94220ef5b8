"""The laptop's sync client: enrolment, push (batches → signed receipts), pull (changes since a
server sequence), with retries, exponential backoff and jitter. No Qt.

Every state change goes through the store (``desktop_app.store.syncing``): a batch is marked
``sending`` before it leaves and ``delivered`` only from a receipt whose signature verifies against
the server key pinned at enrolment. Killing the process at any point loses nothing: the next run
sends the unfinished batch again with the same id and gets the same receipt.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from desktop_app.core import keys as keymod
from desktop_app.core.canonical import canonical_json_in_pieces
from desktop_app.core.errors import KnownError
from desktop_app.core.protocol import (
    HEADER_DEVICE,
    HEADER_SIGNATURE,
    ProtocolError,
    error_from_response,
    request_signing_bytes,
    sign_body,
    verify_document,
    verify_receipt,
)
from desktop_app.store.permissions import require
from desktop_app.store.sync_access import for_sync, machinery_state

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

API = "/api/v1"
BATCH_SIZE = 500
PULL_LIMIT = 500


def _httpx():
    import httpx

    return httpx


class SyncError(KnownError):
    """Sync could not finish; nothing was lost (undelivered changes stay queued)."""

    def __init__(self, message_vi: str, message_en: str, *, transient: bool = True):
        super().__init__(message_vi, message_en)
        self.transient = transient


def _error_of(response) -> dict:
    """The ``error`` object of a server's answer (empty when there is none)."""
    if response.status_code < 400:
        return {}
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return {}
    return error if isinstance(error, dict) else {}


def _code_for_other_communes(own: str, answer: dict, used: bool = True) -> SyncError | None:
    """The refusal when a code is for communes that are not the one this laptop records (a
    code made for another ward): every change it sent would be refused. Since revision 10 the
    server says so before using the code (``used=False``); an older one enrolled the laptop:
    the enrolment is not kept, and the admin page shows the code used and the device to
    revoke. None when the laptop's commune is among them, or the server does not say."""
    from desktop_app.core.admin_units import commune as commune_unit

    communes = answer.get("communes")
    if not isinstance(communes, list) or not communes or own in communes:
        return None

    def name(code: Any) -> str:
        try:
            return commune_unit(str(code)).full_name
        except Exception:  # a code outside the list
            return str(code)[:10]

    theirs = ", ".join(name(c) for c in communes[:5])
    if not used:
        return SyncError(
            f"Mã đăng ký này dành cho {theirs}, còn máy này ghi số liệu của {name(own)}: máy chưa"
            f" được đăng ký. Mã chưa bị dùng, vẫn dùng được cho máy của {theirs}. Hãy xin mã cho"
            f" {name(own)}.",
            f"This code is for {theirs}, but this laptop records {name(own)}: it was not"
            f" enrolled. The code is not used up and still works for a laptop of {theirs}. Ask"
            f" for a code for {name(own)}.",
            transient=False,
        )
    device = str(answer.get("device_id", ""))[:8]
    return SyncError(
        f"Mã đăng ký này dành cho {theirs}, còn máy này ghi số liệu của {name(own)}: mọi thay"
        f" đổi gửi lên sẽ bị từ chối, nên máy chưa được đăng ký. Hãy xin mã cho {name(own)};"
        f" mã vừa nhập đã bị dùng — trên trang quản trị, thu hồi máy mã {device}.",
        f"This code is for {theirs}, but this laptop records {name(own)}: every change it sent"
        f" would be refused, so it was not enrolled. Ask for a code for {name(own)}; the code"
        f" you typed is now used — on the admin page, revoke the device {device}.",
        transient=False,
    )


class Cancelled(Exception):
    """The person pressed Cancel; what was confirmed stays confirmed."""


@dataclass
class Backoff:
    """Exponential backoff with full jitter: wait random(0, min(cap, base × 2^attempt))."""

    base: float = 0.5
    cap: float = 30.0
    attempts: int = 5
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        """The wait before retry number ``attempt`` (0-based)."""
        return self.rng.uniform(0, min(self.cap, self.base * (2**attempt)))


@dataclass
class SyncResult:
    """What one round did."""

    pushed: dict = field(default_factory=dict)
    pulled: dict = field(default_factory=dict)
    pending_after: int = 0
    open_conflicts: int = 0  # waiting for the team lead after the round, this round's or older
    batches: int = 0
    pages: int = 0


def _offline(exc: Exception) -> SyncError:
    return SyncError(
        "Không kết nối được máy chủ thành phố. Dữ liệu vẫn được giữ trên máy và sẽ gửi lại sau.",
        "Cannot reach the city server. Your data stays on this laptop and will be sent later.",
    )


def _plain_http_refused(url: str) -> SyncError | None:
    """The refusal of a plain http:// server address, or None when it may be used.

    Pushes and pulls are signed but not encrypted: over http:// the names and ID numbers of a
    batch would cross the network readable by anyone on it. Only a server on this machine
    (loopback) may be reached that way, or anything in a test lab that sets
    TANTAY_ALLOW_PLAIN_HTTP=1."""
    parts = urlsplit(url)
    if parts.scheme != "http" or os.environ.get("TANTAY_ALLOW_PLAIN_HTTP") == "1":
        return None
    host = (parts.hostname or "").lower()
    try:
        if host == "localhost" or ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass
    return SyncError(
        f"Địa chỉ máy chủ {host} dùng http:// (không mã hoá): tên và số định danh sẽ đi trên mạng "
        "mà ai cũng đọc được. Hãy dùng địa chỉ bắt đầu bằng https://. Không có gì được gửi.",
        f"The server address {host} uses http:// (not encrypted): names and ID numbers would "
        "cross the network readable by anyone on it. Use an address starting with https://. "
        "Nothing was sent.",
        transient=False,
    )


def _untrusted_certificate(exc: BaseException) -> bool:
    """True when ``exc`` (or what caused it) is TLS refusing the server's certificate."""
    import ssl

    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _certificate_refused(url: str) -> SyncError:
    host = urlsplit(url).hostname or url
    return SyncError(
        f"Máy chủ {host} trả lời bằng một chứng chỉ bảo mật (TLS) mà máy này không tin cậy, nên "
        "máy không gửi gì. Hãy báo bộ phận CNTT của thành phố: máy chủ cần chứng chỉ của thành "
        "phố (hoặc máy cần được cài chứng chỉ gốc của thành phố). Dữ liệu vẫn được giữ trên máy.",
        f"The server {host} answered with a security (TLS) certificate this laptop does not "
        "trust, so nothing was sent. Tell the city's IT team: the server needs the city's "
        "certificate (or this laptop needs the city's root certificate installed). Your data "
        "stays on this laptop.",
        transient=False,
    )


class SyncClient:
    """Talks to the city server on behalf of one open store (use it on the store's thread)."""

    def __init__(
        self,
        store,
        *,
        http: httpx.Client | None = None,
        timeout: float = 30.0,
        backoff: Backoff | None = None,
        batch_size: int = BATCH_SIZE,
    ):
        self.store = for_sync(store)  # the sync machinery's door (store/sync_access.py)
        self._own_http = http is None
        if http is None:
            import httpx  # imported on first use: it costs ~0.1 s at start-up

            http = httpx.Client(timeout=timeout)
        self.http = http
        self.backoff = backoff or Backoff()
        self.batch_size = batch_size

    def close(self) -> None:
        """Close the HTTP connection pool."""
        if self._own_http:
            self.http.close()

    # --- helpers -------------------------------------------------------------------------------

    def _state(self) -> dict:
        state = machinery_state(self.store)
        if not state.get("token"):
            raise SyncError(
                "Máy này chưa đăng ký với máy chủ thành phố. Quản trị viên cần đăng ký trước.",
                "This laptop is not enrolled with the city server yet. An admin must enrol it.",
                transient=False,
            )
        refused = _plain_http_refused(state.get("server_url") or "")
        if refused is not None:  # enrolled before plain http was refused
            raise refused
        return state

    @staticmethod
    def _url(base: str, path: str) -> str:
        return base.rstrip("/") + path

    def _request(self, method: str, url: str, **kw) -> httpx.Response:
        """One request with retries on connection errors, timeouts, 5xx and 429."""
        last: Exception | None = None
        for attempt in range(self.backoff.attempts):
            try:
                response = self.http.request(method, url, **kw)
            except (OSError, _httpx().TransportError) as exc:
                if _untrusted_certificate(exc):  # no retry changes that; not "offline" either
                    # (the log file only: the message raised says it in the user's language;
                    # as a warning it also reached the console, in English)
                    log.info("the server's TLS certificate is not trusted")
                    raise _certificate_refused(url) from None
                last = exc
                log.info("sync request failed (%s), attempt %d", type(exc).__name__, attempt + 1)
            else:
                if response.status_code < 500 and response.status_code != 429:
                    return response
                last = KnownError(f"HTTP {response.status_code}")
                log.info("server answered %d, attempt %d", response.status_code, attempt + 1)
            if attempt + 1 < self.backoff.attempts:
                self.backoff.sleep(self.backoff.delay(attempt))
        raise _offline(last or RuntimeError("no attempt"))

    def _json(self, response: httpx.Response) -> dict:
        try:
            data = response.json()
        except ValueError as exc:
            raise SyncError(
                "Máy chủ trả lời không đúng định dạng; sẽ thử lại sau.",
                "The server's answer was malformed; will retry later.",
            ) from exc
        if response.status_code >= 400:
            err = error_from_response(response.status_code, data)
            if err.code == "device_revoked":
                # kept, so that `status` says it without a server (the nineteenth tryout: a
                # revoked laptop still said "enrolled with …"); a new enrolment clears it
                from datetime import UTC, datetime

                self.store.set_sync_values({"revoked_seen_at": datetime.now(UTC).isoformat()})
            raise SyncError(err.message_vi, err.message_en, transient=False) from err
        if not isinstance(data, dict):
            raise SyncError("Máy chủ trả lời không đúng định dạng.", "Malformed server answer.")
        return data

    def _auth(self, state: dict) -> dict:
        return {
            "Authorization": f"Bearer {state['token']}",
            HEADER_DEVICE: state["server_device_id"],
        }

    # --- health and enrolment ------------------------------------------------------------------

    def is_online(self, server_url: str | None = None) -> bool:
        """Health probe: True when the server answers /health (one quick try)."""
        url = server_url or self.store.sync_state().get("server_url")
        if not url:
            return False
        try:
            r = self.http.get(self._url(url, f"{API}/health"), timeout=5.0)
            return r.status_code == 200 and r.json().get("status") == "ok"
        except (_httpx().HTTPError, ValueError, OSError):
            return False

    def enroll(self, server_url: str, code: str, device_name: str) -> dict:
        """Enrol this laptop: make its keys, send the one-time code, pin the server's keys."""
        # the role first: a volunteer's attempt must not use up the admin's one-time code
        require(self.store.user.role, "enroll_device")
        parts = urlsplit(server_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SyncError(
                "Địa chỉ máy chủ không hợp lệ (ví dụ: https://dongbo.hanoi.gov.vn).",
                "Invalid server address (for example https://sync.example.vn).",
                transient=False,
            )
        refused = _plain_http_refused(server_url)
        if refused is not None:
            raise refused
        sign_key = keymod.generate_sign_key()
        box_key = keymod.generate_box_key()
        body = {
            "code": code.strip(),
            "device_name": device_name[:100],
            "sign_public_key": keymod.public_b64(sign_key),
            "box_public_key": keymod.public_b64(box_key),
            # (revision 10) a code for another commune is then refused and stays unused
            "commune": self.store.commune_code,
        }
        url = self._url(server_url, f"{API}/enroll")
        response = self._request("POST", url, json=body)
        error = _error_of(response)
        if response.status_code == 400 and "commune" in str(error.get("message", "")):
            # a server before revision 10 does not take the field (it refused the request
            # before looking at the code, which is unused): as before, without it
            del body["commune"]
            response = self._request("POST", url, json=body)
        elif error.get("code") == "enrollment_code_other_commune":
            other = {"communes": error.get("communes")}
            refused = _code_for_other_communes(self.store.commune_code, other, used=False)
            if refused is not None:
                raise refused
        data = self._json(response)
        for key in ("device_id", "token", "server_sign_public_key", "server_box_public_key"):
            if not isinstance(data.get(key), str):
                raise SyncError(
                    "Máy chủ trả lời thiếu thông tin.", "The server's answer is incomplete."
                )
        wrong = _code_for_other_communes(self.store.commune_code, data)
        if wrong is not None:
            raise wrong
        self.store.save_enrollment(
            {
                "server_url": server_url.rstrip("/"),
                "server_device_id": data["device_id"],
                "token": data["token"],
                "server_sign_public": data["server_sign_public_key"],
                "server_box_public": data["server_box_public_key"],
                "sign_private": keymod.private_bytes(sign_key).hex(),
                "box_private": keymod.private_bytes(box_key).hex(),
                "communes": ",".join(data.get("communes") or []),
                "pull_since": "0",
                "revoked_seen_at": "",  # a revoked laptop enrolled again
            }
        )
        return data

    # --- push and pull -------------------------------------------------------------------------

    def push(self, cancel: Callable[[], bool] | None = None, progress=None) -> tuple[dict, int]:
        """Send every pending change in batches; returns counts by status and batches sent.

        Batches go one at a time (a batch may build on the one before), but the next batch is
        prepared, and the previous receipt applied, while a batch is on the wire.
        """
        state = self._state()
        sign_key = keymod.load_sign_private(bytes.fromhex(state["sign_private"]))
        url = self._url(state["server_url"], f"{API}/batches")
        auth = self._auth(state)
        totals: dict[str, int] = {}
        batches = 0
        total = self.store.pending_changes()
        done = 0

        def prepare(batch: dict | None) -> tuple[dict, bytes, dict] | None:
            if batch is None:
                return None
            body = canonical_json_in_pieces(batch)  # lets the GUI thread in meanwhile
            headers = {
                **auth,
                HEADER_SIGNATURE: sign_body(sign_key, body),
                "Content-Type": "application/json",
            }
            return batch, body, headers

        def check(response: httpx.Response, batch: dict) -> dict:
            receipt = self._json(response)
            try:
                verify_receipt(receipt, state["server_sign_public"], batch)
            except ProtocolError as exc:
                raise SyncError(
                    "Biên nhận của máy chủ không hợp lệ (chữ ký sai). Chưa đánh dấu gì là đã gửi.",
                    "The server's receipt is not valid (bad signature). Nothing was marked sent.",
                    transient=False,
                ) from exc
            return receipt

        # The executor waits for a request still on the wire before an error propagates; its
        # batch stays "sending" and goes again, with the same id, next time.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tantay-push") as pool:
            if cancel and cancel():
                raise Cancelled()
            # the changes as the canonical texts the outbox keeps (SentChanges): not parsed and
            # encoded again on the sync thread (issue 17)
            current = prepare(self.store.next_batch(self.batch_size, encoded=True))
            previous: dict | None = None  # a receipt still to apply
            while current is not None:
                batch, body, headers = current
                sending = pool.submit(self._request, "POST", url, content=body, headers=headers)
                cancelled = bool(cancel and cancel())
                # While this batch is on the wire: the previous receipt applied and the next
                # batch taken, in one write. Every write makes the list's own connection drop
                # its page cache (SQLite in WAL mode) and read and decrypt its pages again at the
                # next keystroke; two writes per batch made every 20th keystroke ~3× slower
                # during a sync (issue 17, search_during_sync).
                with self.store.db.atomic():
                    if previous is not None:
                        self._count(totals, self.store.apply_receipt(previous))
                        previous = None
                    following = (
                        None
                        if cancelled
                        else self.store.next_batch(
                            self.batch_size, (batch["batch_id"],), encoded=True
                        )
                    )
                current = prepare(following)
                previous = check(sending.result(), batch)
                batches += 1
                done += len(batch["changes"])
                if progress:
                    progress(done, max(total, done))
                if cancelled:
                    self._count(totals, self.store.apply_receipt(previous))
                    raise Cancelled()
            if previous is not None:
                self._count(totals, self.store.apply_receipt(previous))
        return totals, batches

    @staticmethod
    def _count(totals: dict[str, int], counts: dict[str, int]) -> None:
        for k, v in counts.items():
            totals[k] = totals.get(k, 0) + v

    def pull(self, cancel: Callable[[], bool] | None = None, progress=None) -> tuple[dict, int]:
        """Fetch changes by other devices since the stored server sequence and apply them."""
        state = self._state()
        sign_key = keymod.load_sign_private(bytes.fromhex(state["sign_private"]))
        since = int(state.get("pull_since") or 0)
        totals: dict[str, int] = {}
        pages = 0
        while True:
            if cancel and cancel():
                raise Cancelled()
            path = f"{API}/changes?" + urlencode({"since": since, "limit": PULL_LIMIT})
            headers = {
                **self._auth(state),
                HEADER_SIGNATURE: sign_body(sign_key, request_signing_bytes("GET", path)),
            }
            page = self._json(
                self._request("GET", self._url(state["server_url"], path), headers=headers)
            )
            try:
                verify_document(page, state["server_sign_public"])
            except ProtocolError as exc:
                raise SyncError(
                    "Dữ liệu tải về không có chữ ký hợp lệ của máy chủ; đã bỏ qua.",
                    "Downloaded data is not signed by the server; ignored.",
                    transient=False,
                ) from exc
            changes = page.get("changes") or []
            nxt = int(page.get("next", since))
            if nxt < since:
                raise SyncError(
                    "Máy chủ trả về con trỏ lùi.", "The server's cursor went backwards."
                )
            # The page and the new cursor are one transaction: a crash leaves either both or
            # neither, and a record that cannot apply is quarantined, never a stop.
            if changes:
                counts = self.store.apply_incoming(changes, cursor=nxt)
                for k, v in counts.items():
                    totals[k] = totals.get(k, 0) + v
            else:
                self.store.set_sync_values({"pull_since": str(nxt)})
            since = nxt
            pages += 1
            if progress:
                progress(pages, pages + (1 if page.get("more") else 0))
            if not page.get("more"):
                break
        return totals, pages

    def sync(
        self,
        cancel: Callable[[], bool] | None = None,
        progress=None,
        on_phase: Callable[[str], None] | None = None,
    ) -> SyncResult:
        """One round: push everything pending, then pull what others sent. ``on_phase`` hears
        "push" and "pull" as each starts (the GUI says "sending" / "receiving")."""
        result = SyncResult()
        if on_phase:
            on_phase("push")
        result.pushed, result.batches = self.push(cancel, progress)
        if on_phase:
            on_phase("pull")
        result.pulled, result.pages = self.pull(cancel, progress)
        shared = result.pulled.get("shared", 0) + self.store.release_unshared()
        if shared:
            # consent that arrived lets this laptop send what only it held (store/syncing.py,
            # ``_release_unshared``): sent now, not at the next sync
            if on_phase:
                on_phase("push")
            more, batches = self.push(cancel, progress)
            for k, v in more.items():
                result.pushed[k] = result.pushed.get(k, 0) + v
            result.batches += batches
        result.pending_after = self.store.pending_changes()
        result.open_conflicts = self.store.open_conflict_count()
        self.store.set_sync_values(
            {"last_sync_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        )
        return result
