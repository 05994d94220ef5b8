"""The HTTP face of the city server (FastAPI). Protocol: docs/PROTOCOL.md."""

from __future__ import annotations

import asyncio
import json
import logging
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import BackgroundTasks, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from city_server import metrics, officers
from city_server.apply import Refusal, apply_batch_text
from city_server.bundles import (
    MAX_BUNDLE_BYTES,
    BundleRefused,
    import_bundle_report,
    refusal_status,
)
from city_server.enrollment import (
    FailureLimiter,
    client_address,
    code_key,
    hash_secret,
    new_token,
    normalize_code,
    token_matches,
)
from city_server.storage import Device, EnrollmentRefused, Storage, utc_now
from desktop_app.core.bundle import BundleError
from desktop_app.core.protocol import (
    DEFAULT_PULL_LIMIT,
    ENTITIES,
    ERROR_MESSAGES_VI,
    HEADER_DEVICE,
    HEADER_SIGNATURE,
    MAX_BODY_BYTES,
    MAX_CHANGES,
    MAX_PULL_LIMIT,
    SUPPORTED_PROTOCOLS,
    BadSignature,
    load_box_public_key,
    load_sign_public_key,
    request_signing_bytes,
    sign_document,
    verify_signature,
)

log = logging.getLogger("city_server")

READY_SECONDS = 3.0
"""How long /api/v1/ready waits for the database before answering 503."""

_MAX_SEQ = 2**62
# How often a device's last contact is written (seconds, per device and worker process).
CONTACT_EVERY = 300
#: batches one worker applies at once (each holds a thread and a database connection; the pool
#: and the thread pool keep the rest for pulls, enrolments and the dashboard)
PUSHES_AT_ONCE = 8
#: ``serve --workers N`` hands the settings to each worker process in these variables
ENV_DB, ENV_KEYS, ENV_PROXIES = "TANTAY_SERVER_DB", "TANTAY_SERVER_KEYS", "TANTAY_TRUSTED_PROXIES"
_UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_BAD_KEY = "the public keys must be base64 of 32 raw bytes (Ed25519, X25519)"


# --- documented shapes (OpenAPI) -------------------------------------------------------------


class ErrorBody(BaseModel):
    """``{"code", "message"}``."""

    code: str
    message: str


class ErrorResponse(BaseModel):
    """Every refusal: ``{"error": {"code", "message"}}``."""

    error: ErrorBody


class Health(BaseModel):
    """Answer of the health probe."""

    status: str
    protocols: list[int]
    server_sign_public_key: str
    server_box_public_key: str


class EnrollRequest(BaseModel):
    """A laptop asking to enrol with a one-time code."""

    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=64)
    device_name: str = Field(min_length=1, max_length=100)
    sign_public_key: str = Field(min_length=1, max_length=100)
    box_public_key: str = Field(min_length=1, max_length=100)
    # the commune the laptop records (revision 10): another commune's code is refused unused
    commune: str | None = Field(default=None, pattern=r"^\d{5}$")


class EnrollResponse(BaseModel):
    """The enrolled device's id and token, and the server keys to pin."""

    device_id: str
    token: str
    server_sign_public_key: str
    server_box_public_key: str
    communes: list[str]


class ChangeModel(BaseModel):
    """One change (docs/DEVELOPING.md)."""

    entity: str = Field(json_schema_extra={"enum": list(ENTITIES)})
    id: str = Field(pattern=_UUID_PATTERN)
    version: int = Field(ge=1)
    base_version: int = Field(ge=0)
    fields: dict[str, Any]
    deleted: bool
    updated_at: str = Field(json_schema_extra={"format": "date-time"})
    updated_by: str = Field(min_length=1, max_length=200)
    origin_device: str = Field(min_length=1, max_length=200)
    commune_code: str = Field(pattern="^[0-9]{5}$")
    seq: int = Field(ge=1)
    base_from_server: bool = False
    decided: list[str] = Field(default_factory=list, max_length=100)


class BatchModel(BaseModel):
    """The body of a push."""

    protocol: int = Field(json_schema_extra={"enum": list(SUPPORTED_PROTOCOLS)})
    schema_: int = Field(alias="schema", ge=1)
    device_id: str
    batch_id: str = Field(pattern="^[A-Za-z0-9._:-]{1,64}$")
    seq_from: int = Field(ge=1)
    seq_to: int = Field(ge=1)
    changes: list[ChangeModel] = Field(max_length=MAX_CHANGES)


class RecordResultModel(BaseModel):
    """The answer for one change."""

    seq: int
    entity: str
    id: str
    status: str
    version: int | None = None
    merged: bool | None = None
    server_version: int | None = None
    server_fields: dict[str, Any] | None = None
    server_deleted: bool | None = None
    conflict_fields: list[str] | None = None
    reason: str | None = None
    detail: str | None = None
    retryable: bool | None = None


class ReceiptModel(BaseModel):
    """A signed receipt."""

    protocol: int
    batch_id: str
    device_id: str
    results: list[RecordResultModel]
    server_seq: int
    received_at: str
    signature: str


class ChangesPageModel(BaseModel):
    """A signed page of the pull feed."""

    device_id: str
    since: int
    changes: list[dict[str, Any]]
    next: int
    more: bool
    server_seq: int
    signature: str


class GapsModel(BaseModel):
    """A device's missing sequence ranges."""

    device_id: str
    last_seq_seen: int
    gaps: list[list[int]]
    signature: str


_ERRORS = {code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 409, 413, 429)}


def _error(
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    details: dict[str, Any] | None = None,
):
    return JSONResponse(
        {"error": {"code": code, "message": message, **(details or {})}},
        status_code=status,
        headers=headers,
    )


# --- the app ---------------------------------------------------------------------------------


def create_app(
    storage: Storage,
    limiter: FailureLimiter | None = None,
    trusted_proxies: tuple[str, ...] | list[str] = (),
    bundle_imports_at_once: int = 1,
    pushes_at_once: int = PUSHES_AT_ONCE,
) -> FastAPI:
    """The FastAPI app serving ``storage``.

    ``trusted_proxies``: addresses of reverse proxies whose ``X-Forwarded-For`` names the real
    client (``serve --trusted-proxy``); nobody else's is believed. Run uvicorn with
    ``proxy_headers=False`` (``serve`` does) so the app sees the connecting peer.
    ``bundle_imports_at_once``: uploaded bundles are streamed to disk, then imported this many
    at a time (an import holds the bundle in memory). ``pushes_at_once``: batches applied at
    once by this worker (each holds a thread and a database connection)."""
    app = FastAPI(
        title="Tận Tay city intake server",
        version="1",
        description="Receives batches of record changes from Tận Tay laptops. See docs/PROTOCOL.md.",
        # No Swagger/ReDoc pages: they load their scripts from a CDN, and the city's LAN serves
        # nothing from the internet. The schema stays at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.state.storage = storage
    app.add_middleware(
        BodyLimit,
        limit=MAX_BODY_BYTES,
        path_limits={"/api/v1/bundles": MAX_BUNDLE_BYTES},
        streamed_paths={"/api/v1/bundles"},
    )
    app.state.limiter = limiter or FailureLimiter(storage)
    app.state.trusted_proxies = frozenset(trusted_proxies)
    app.state.bundle_slots = asyncio.Semaphore(max(1, bundle_imports_at_once))
    app.state.push_slots = asyncio.Semaphore(max(1, pushes_at_once))
    app.add_middleware(RequestMetrics)

    def client_of(request: Request) -> str:
        peer = request.client.host if request.client else None
        return client_address(
            peer, request.headers.get("x-forwarded-for"), app.state.trusted_proxies
        )

    def check_limits(limiter: FailureLimiter, *keys: str) -> None:
        wait = max(limiter.retry_after(k) for k in keys)
        if wait:
            exc = Refusal(429, "rate_limited", "too many failed enrolment attempts; try later")
            exc.headers = {"Retry-After": str(int(wait) + 1)}
            raise exc

    keys = storage.server_keys()

    @app.exception_handler(Refusal)
    async def _refusal(request: Request, exc: Refusal):
        headers = getattr(exc, "headers", None)
        return _error(exc.status, exc.code, exc.message_en, headers, getattr(exc, "details", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return _error(400, "invalid_request", problems[:500] or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return _error(500, "internal", "internal server error")

    def authenticate(request: Request) -> Device:
        authorization = request.headers.get("authorization", "")
        device_id = request.headers.get(HEADER_DEVICE, "")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip() or not device_id:
            raise Refusal(
                401,
                "unauthenticated",
                f"send Authorization: Bearer <token> and {HEADER_DEVICE}: <device id>",
            )
        device = storage.get_device(device_id)
        if device is None:
            raise Refusal(401, "unknown_device", "no device enrolled with this id")
        if not token_matches(token.strip(), device.token_hash):
            raise Refusal(401, "bad_token", "the token does not belong to this device")
        if device.revoked:
            raise Refusal(403, "device_revoked", "this device has been revoked")
        return device

    contacts: dict[str, float] = {}  # device id -> when its contact was last written (monotonic)

    def note_contact(device: Device, background: BackgroundTasks) -> None:
        """Remember that the device talked to us (the admin's "last contact"): written after
        the answer is sent, at most every CONTACT_EVERY seconds a device and worker."""
        now = time.monotonic()
        if now - contacts.get(device.id, -CONTACT_EVERY) >= CONTACT_EVERY:
            contacts[device.id] = now
            background.add_task(storage.note_contact, device.id, utc_now())

    def check_signature(request: Request, device: Device, data: bytes) -> None:
        try:
            verify_signature(
                device.sign_public_key, data, request.headers.get(HEADER_SIGNATURE, "")
            )
        except BadSignature as exc:
            raise Refusal(
                401, "bad_signature", f"{HEADER_SIGNATURE} is not the device's signature"
            ) from exc

    def check_request_signature(request: Request, device: Device) -> None:
        target = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
        query = request.scope.get("query_string", b"").decode("latin-1")
        if query:
            target += "?" + query
        check_signature(request, device, request_signing_bytes(request.method, target))

    @app.get("/api/v1/health", response_model=Health)
    async def health() -> dict[str, Any]:
        """Liveness probe: protocols spoken and the server's public keys.

        Answered on the event loop from memory: it never waits for a thread or the database,
        so a burst of pushes cannot make laptops think the server is offline."""
        return {
            "status": "ok",
            "protocols": list(SUPPORTED_PROTOCOLS),
            "server_sign_public_key": keys.sign_public_b64,
            "server_box_public_key": keys.box_public_b64,
        }

    @app.get("/api/v1/ready", include_in_schema=False)
    async def ready() -> Response:
        """Readiness probe (for a load balancer or a monitor): the database answers a read
        within READY_SECONDS. /health stays the liveness probe answered from memory, so the
        laptops' "online" never waits for the database."""
        try:
            await asyncio.wait_for(run_in_threadpool(storage.max_server_seq), READY_SECONDS)
        except Exception as exc:  # a down database raises driver errors or times out
            log.warning(
                "readiness check failed: the database did not answer (%s)", type(exc).__name__
            )
            return JSONResponse({"status": "not_ready", "reason": "database"}, status_code=503)
        return JSONResponse({"status": "ready"})

    @app.get("/api/v1/metrics", include_in_schema=False)
    def get_metrics() -> Response:
        """Prometheus text format: requests, latencies, batches, rejected, quarantined, feed
        lag (city_server.metrics). Counts only, never a record's content."""
        return Response(metrics.render(storage), media_type=metrics.CONTENT_TYPE)

    @app.post("/api/v1/enroll", response_model=EnrollResponse, responses=_ERRORS)
    def enroll(body: EnrollRequest, request: Request) -> dict[str, Any]:
        """Enrol a laptop with a one-time code; answers its id, token and the server keys."""
        limiter: FailureLimiter = app.state.limiter
        client = client_of(request)
        check_limits(limiter, client, code_key(body.code))
        try:
            load_sign_public_key(body.sign_public_key)
            load_box_public_key(body.box_public_key)
        except ValueError as exc:
            raise Refusal(400, "invalid_key", _BAD_KEY) from exc
        token = new_token()
        candidate = Device(
            id=str(uuid.uuid4()),
            name=body.device_name,
            communes=(),
            sign_public_key=body.sign_public_key,
            box_public_key=body.box_public_key,
            token_hash=hash_secret(token),
            revoked=False,
            enrolled_at="",
            last_seq_seen=0,
        )
        try:
            device = storage.enroll_device(
                hash_secret(normalize_code(body.code)),
                datetime.now(UTC).isoformat(),
                candidate,
                body.commune,
            )
        except EnrollmentRefused as exc:
            if exc.reason == "other_commune":  # a real code, for another commune: kept unused
                refusal = Refusal(
                    409,
                    "enrollment_code_other_commune",
                    f"this enrolment code is for commune(s) {', '.join(exc.communes)}, not"
                    f" {body.commune}; it was not used",
                )
                refusal.details = {"communes": list(exc.communes)}
                raise refusal from exc
            limiter.fail(client)
            limiter.fail(code_key(body.code))
            messages = {
                "unknown": "unknown enrolment code",
                "used": "this enrolment code was already used (each code works once: ask the"
                " server's operator for a new one)",
                "expired": "this enrolment code has expired (ask the server's operator for a"
                " new one)",
            }
            raise Refusal(403, f"enrollment_code_{exc.reason}", messages[exc.reason]) from exc
        _audit_enrolment(storage, device, hash_secret(normalize_code(body.code)), client)
        return {
            "device_id": device.id,
            "token": token,
            "server_sign_public_key": keys.sign_public_b64,
            "server_box_public_key": keys.box_public_b64,
            "communes": list(device.communes),
        }

    @app.post(
        "/api/v1/batches",
        response_model=ReceiptModel,
        responses=_ERRORS,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/BatchModel"}}
                },
            }
        },
    )
    async def post_batch(
        request: Request,
        authorization: str | None = Header(None),
        x_tantay_device: str | None = Header(None, alias=HEADER_DEVICE),
        x_tantay_signature: str | None = Header(None, alias=HEADER_SIGNATURE),
    ) -> Response:
        """Push a signed batch of changes; answers a signed receipt (the stored one on a retry)."""
        length = request.headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                raise Refusal(400, "invalid_request", "bad Content-Length")
            if int(length) > MAX_BODY_BYTES:
                raise Refusal(413, "body_too_large", f"a batch is at most {MAX_BODY_BYTES} bytes")
        device = await run_in_threadpool(authenticate, request)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                raise Refusal(413, "body_too_large", f"a batch is at most {MAX_BODY_BYTES} bytes")

        def parse() -> Any:
            check_signature(request, device, bytes(body))
            try:
                return json.loads(bytes(body), parse_constant=_no_constants)
            except (ValueError, RecursionError) as exc:
                raise Refusal(400, "malformed_json", "the body is not valid UTF-8 JSON") from exc

        # Checking and parsing a 500-change body takes milliseconds: off the event loop, which
        # answers /health for this worker.
        batch = await run_in_threadpool(parse)
        # At most ``push_slots`` applies per worker hold a thread and a database connection;
        # the others wait here, on the event loop, so pulls and enrolments still find a thread.
        async with app.state.push_slots:
            try:
                text = await run_in_threadpool(apply_batch_text, storage, device, batch)
            except Refusal:
                metrics.BATCHES.labels("refused").inc()
                raise
        metrics.BATCHES.labels("stored").inc()
        return Response(text.encode("utf-8"), media_type="application/json")

    @app.get("/api/v1/changes", response_model=ChangesPageModel, responses=_ERRORS)
    def get_changes(
        request: Request,
        background: BackgroundTasks,
        since: int = Query(0, ge=0, le=_MAX_SEQ),
        limit: int = Query(DEFAULT_PULL_LIMIT, ge=1, le=MAX_PULL_LIMIT),
        authorization: str | None = Header(None),
        x_tantay_device: str | None = Header(None, alias=HEADER_DEVICE),
        x_tantay_signature: str | None = Header(None, alias=HEADER_SIGNATURE),
    ) -> dict[str, Any]:
        """Changes after server_seq ``since`` by other devices in this device's communes."""
        device = authenticate(request)
        check_request_signature(request, device)
        note_contact(device, background)
        server_seq = storage.max_server_seq()
        rows = storage.changes_since(device.communes, device.id, since, limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        metrics.PULL_LAG.observe(max(0, server_seq - since))
        changes = [{**json.loads(text), "server_seq": seq} for seq, text in rows]
        return sign_document(
            {
                "device_id": device.id,
                "since": since,
                "changes": changes,
                "next": rows[-1][0] if rows else since,
                "more": more,
                "server_seq": max(server_seq, rows[-1][0] if rows else 0),
            },
            keys.sign,
        )

    @app.get("/api/v1/devices/{device_id}/gaps", response_model=GapsModel, responses=_ERRORS)
    def get_gaps(
        device_id: str,
        request: Request,
        background: BackgroundTasks,
        authorization: str | None = Header(None),
        x_tantay_device: str | None = Header(None, alias=HEADER_DEVICE),
        x_tantay_signature: str | None = Header(None, alias=HEADER_SIGNATURE),
    ) -> dict[str, Any]:
        """Missing ranges of the device's own sequence numbers (for USB bundles)."""
        device = authenticate(request)
        check_request_signature(request, device)
        note_contact(device, background)
        if device_id != device.id:
            raise Refusal(403, "device_mismatch", "a device may only ask for its own gaps")
        return sign_document(
            {
                "device_id": device.id,
                "last_seq_seen": device.last_seq_seen,
                "gaps": [list(g) for g in storage.device_gaps(device.id)],
            },
            keys.sign,
        )

    @app.post("/api/v1/officers/enroll", responses=_ERRORS)
    async def enroll_officer_route(request: Request) -> dict[str, Any]:
        """Register a police officer's public signing key with a one-time officer code.

        Authenticated and signed by the officer's laptop (like a push). Body: ``{"code",
        "officer", "full_name", "public_key"}``; answers ``{"certificate": {...}}`` signed by
        the server (docs/SECURITY.md)."""
        device = await run_in_threadpool(authenticate, request)
        body = await request.body()
        check_signature(request, device, body)
        try:
            data = json.loads(body, parse_constant=_no_constants)
        except (ValueError, RecursionError) as exc:
            raise Refusal(400, "malformed_json", "the body is not valid UTF-8 JSON") from exc
        shape = {"code": 64, "officer": 200, "full_name": 200, "public_key": 100}
        if not isinstance(data, dict) or set(data) != set(shape):
            raise Refusal(400, "invalid_request", f"send exactly {sorted(shape)}")
        for key, longest in shape.items():
            if not isinstance(data[key], str) or not 0 < len(data[key]) <= longest:
                raise Refusal(400, "invalid_request", f"{key} must be 1-{longest} characters")
        limiter: FailureLimiter = app.state.limiter
        client = client_of(request)
        check_limits(limiter, client, code_key(data["code"]))
        try:
            cert = await run_in_threadpool(
                officers.enroll_officer,
                storage,
                device,
                data["code"],
                data["officer"],
                data["full_name"],
                data["public_key"],
            )
        except officers.OfficerRefused as exc:
            limiter.fail(client)
            limiter.fail(code_key(data["code"]))
            if exc.reason == "key":
                raise Refusal(
                    400, "invalid_key", "the officer key is not a new Ed25519 key"
                ) from exc
            if exc.reason == "commune":
                raise Refusal(
                    403, "device_mismatch", "the code's communes are not this device's communes"
                ) from exc
            messages = {
                "unknown": "unknown officer code",
                "used": "this officer code was already used",
                "expired": "this officer code has expired",
            }
            raise Refusal(403, f"enrollment_code_{exc.reason}", messages[exc.reason]) from exc
        return {"certificate": cert}

    @app.post(
        "/api/v1/bundles",
        responses={
            **_ERRORS,
            200: {"content": {"application/octet-stream": {}}, "description": "receipt bundle"},
        },
        response_class=Response,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            }
        },
    )
    async def post_bundle(request: Request) -> Response:
        """Upload a USB bundle file (raw bytes); answers the receipt bundle (raw bytes).

        No token: the bundle is signed by the device's key, and the receipt is encrypted to it, so
        a commune office can upload the files volunteers bring. docs/BUNDLE_FORMAT.md.
        """
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > MAX_BUNDLE_BYTES:
            raise Refusal(413, "body_too_large", f"a bundle is at most {MAX_BUNDLE_BYTES} bytes")
        # Streamed to a temporary file, never held whole in memory; imports queue for a slot.
        with tempfile.TemporaryDirectory(prefix="upload-", dir=storage.scratch_dir) as folder:
            path = Path(folder) / "upload.ttb"
            size = 0
            with open(path, "wb") as f:
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > MAX_BUNDLE_BYTES:
                        raise Refusal(
                            413, "body_too_large", f"a bundle is at most {MAX_BUNDLE_BYTES} bytes"
                        )
                    await run_in_threadpool(f.write, chunk)
            async with app.state.bundle_slots:
                result, refused = await run_in_threadpool(_import_upload, storage, path)
            if refused:
                raise Refusal(*refused)
        assert result.data is not None
        return Response(
            result.data,
            media_type="application/octet-stream",
            headers={
                "X-Tantay-Receipt-Bundle": result.receipt_id,
                "Content-Disposition": 'attachment; filename="receipt.ttb"',
            },
        )

    def openapi() -> dict[str, Any]:
        # The batch body is read raw (signature, size limit), so its schema is added by hand.
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            batch_schema = BatchModel.model_json_schema(ref_template=_REF)
            components = document.setdefault("components", {}).setdefault("schemas", {})
            components.update(batch_schema.pop("$defs", {}))
            components["BatchModel"] = batch_schema
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi
    # the city's web dashboard under / (issue 14): pages, accounts, exports
    from city_server.dashboard.routes import mount as mount_dashboard

    mount_dashboard(app, storage, client_of)
    return app


_REF = "#/components/schemas/{model}"


class RequestMetrics:
    """ASGI middleware: count every request and its latency by route template and status."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def send_status(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            metrics.REQUESTS.labels(scope["method"], route, str(status[0])).inc()
            metrics.LATENCY.labels(route).observe(time.perf_counter() - started)


class BodyLimit:
    """ASGI middleware: no request body over ``limit`` bytes on any route (413), streamed or not.

    ``path_limits`` gives other limits for exact paths (the bundle upload).
    """

    def __init__(
        self,
        app,
        limit: int,
        path_limits: dict[str, int] | None = None,
        streamed_paths: set[str] | None = None,
    ):
        self.app, self.limit = app, limit
        self.path_limits = dict(path_limits or {})
        # routes that read their body as a stream and enforce the limit themselves (bundles:
        # 64 MB each, several at once, must never be buffered in memory here)
        self.streamed_paths = set(streamed_paths or ())

    async def __call__(self, scope, receive, send):
        """Refuse by Content-Length up front; count streamed bytes as they arrive."""
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.path_limits.get(scope.get("path", ""), self.limit)
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                response = _error(413, "body_too_large", f"a body is at most {limit} bytes")
                return await response(scope, receive, send)
        if scope.get("path", "") in self.streamed_paths:
            return await self.app(scope, receive, send)
        # Read the body here, up to the limit, and replay it: a refusal must not depend on how
        # a route reads its body (FastAPI turns errors raised while reading into a plain 400).
        chunks, seen, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            more = message.get("more_body", False)
            if seen > limit:
                response = _error(413, "body_too_large", f"a body is at most {limit} bytes")
                return await response(scope, receive, send)
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        return await self.app(scope, replay, send)


def _audit_enrolment(storage: Storage, device: Device, code_hash: str, client: str) -> None:
    """The admin's log: which laptop used which code (its reference), for which communes (the
    eighth tryout found enrolments missing from it). Never fails the enrolment it follows."""
    from city_server.dashboard.pages import code_ref

    detail = {
        "device": device.id,
        "name": device.name,
        "communes": list(device.communes),
        "ref": code_ref(code_hash),
    }
    try:
        storage.dash_audit(utc_now(), f"device:{device.id[:8]}", "device_enrolled", detail, client)
    except Exception:  # the laptop is enrolled already; the log entry is what is lost
        log.warning("could not write the enrolment of device %s to the log", device.id[:8])


def _import_upload(storage: Storage, path: Path):
    """Import an uploaded bundle file: ``(result, None)`` or ``(None, refusal arguments)``.

    A refusal is turned into plain values here, in the worker thread: the exception's traceback
    holds the frames that read the whole file, and a worker thread keeps its last exception
    alive (six refused 60 MB uploads kept 360 MB)."""
    try:
        return import_bundle_report(storage, path), None
    except (BundleError, BundleRefused) as exc:
        code = getattr(exc, "code", "bad_bundle")
        return None, (refusal_status(exc), code, exc.message_en, exc.message_vi)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


__all__ = ["create_app", "ERROR_MESSAGES_VI"]


def app_from_env() -> FastAPI:
    """The app of one ``serve --workers N`` worker (a uvicorn factory): its database, key file
    and trusted proxies come from ``TANTAY_SERVER_DB``, ``TANTAY_SERVER_KEYS`` and
    ``TANTAY_TRUSTED_PROXIES`` (comma-separated), set by ``serve``."""
    import os

    from city_server.storage import open_storage

    storage = open_storage(os.environ[ENV_DB], os.environ.get(ENV_KEYS) or None)
    proxies = [p for p in os.environ.get(ENV_PROXIES, "").split(",") if p]
    return create_app(storage, trusted_proxies=proxies)
