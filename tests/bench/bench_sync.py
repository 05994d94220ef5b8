"""Push over loopback against POSTing the same bytes with a bare HTTP client.

``push_throughput``: a laptop store pushes 100,000 changes (10,000 with ``--quick``) to a real
city server (uvicorn in a subprocess, SQLite). The floor: the very same request bodies POSTed with a
bare ``httpx`` client to a trivial ASGI app (uvicorn in a subprocess; reads the body, answers 200).
Both figures are changes per second; the ratio is push / floor.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.bench.run import PASSWORD, bench, measure

REPO = Path(__file__).resolve().parents[2]
FULL_CHANGES = 100_000
QUICK_CHANGES = 10_000

TRIVIAL_APP = """
import sys, uvicorn

async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    if scope["path"] == "/api/v1/health":
        body = b'{"status": "ok"}'
    else:
        body = b'{}'
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _elsewhere(niceness: int) -> None:
    """In a server subprocess standing in for another machine: every core (--slow-machine pins
    the laptop to one), at a lower priority."""
    os.sched_setaffinity(0, range(os.cpu_count() or 1))
    os.nice(niceness)


@contextmanager
def _serving(args: list[str], port: int, niceness: int = 0):
    """Run a server subprocess until /api/v1/health answers; stop it afterwards. With
    ``niceness`` it stands in for a server on another machine (``_elsewhere``)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=(lambda: _elsewhere(niceness)) if niceness else None,  # noqa: PLW1509
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}: {args}")
            try:
                if httpx.get(url + "/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {args}")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


class _RecordingClient(httpx.Client):
    """An httpx client that keeps the body of every POST it sends (for the floor)."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.bodies: list[bytes] = []

    def request(self, method, url, **kw):
        """Send, remembering POST bodies."""
        if method == "POST" and isinstance(kw.get("content"), bytes):
            self.bodies.append(kw["content"])
        return super().request(method, url, **kw)


def _keep_pending(store, n: int) -> int:
    """Leave exactly the first ``n`` pending changes pending (the rest count as delivered)."""
    row = store.db.execute(
        "SELECT seq FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1 OFFSET ?", (n - 1,)
    ).fetchone()
    if row is None:
        raise RuntimeError(f"the data set holds fewer than {n} changes")
    with store.db.atomic():
        store.db.execute(
            "UPDATE outbox SET state = 'delivered' WHERE state = 'pending' AND seq > ?", (row[0],)
        )
    return store.pending_changes()


@bench("push_throughput")
def push_throughput(ctx):
    """Push N changes to a real server; floor: the same bodies to a trivial endpoint."""
    from city_server.enrollment import create_enrollment_code
    from city_server.storage import open_storage
    from desktop_app.store.store import Store
    from desktop_app.sync.client import SyncClient

    n = QUICK_CHANGES if ctx.quick else FULL_CHANGES
    folder = ctx.copy_dataset("push")
    db = ctx.scratch("push-server") / "city.db"
    store = Store.open(folder, "admin", PASSWORD)
    storage = open_storage(db)
    code = create_enrollment_code(storage, [store.commune_code])
    storage.close()
    port, floor_port = _free_port(), _free_port()
    server = ["-m", "city_server", "serve", "--db", str(db), "--port", str(port)]
    trivial = ["-c", TRIVIAL_APP, str(floor_port)]
    try:
        with _serving(server, port) as url:
            SyncClient(store).enroll(url, code, "bench laptop")
            pending = _keep_pending(store, n)
            http = _RecordingClient(timeout=120)
            client = SyncClient(store, http=http)
            start = time.perf_counter()
            totals, batches = client.push()
            elapsed = time.perf_counter() - start
            http.close()
            if totals.get("accepted") != pending or store.pending_changes():
                raise RuntimeError(f"push did not deliver everything: {totals}")
        bodies = http.bodies
        with _serving(trivial, floor_port) as floor_url, httpx.Client(timeout=120) as bare:
            target = floor_url + "/api/v1/batches"
            headers = {"Content-Type": "application/json"}
            start = time.perf_counter()
            for body in bodies:
                bare.post(target, content=body, headers=headers).raise_for_status()
            floor_elapsed = time.perf_counter() - start
    finally:
        store.close()
    print(
        f"# push: {pending} changes in {batches} batches, {elapsed:.2f} s;"
        f" floor {floor_elapsed:.2f} s for {sum(map(len, bodies)) / 1e6:.1f} MB",
        file=sys.stderr,
    )
    return [measure("push_throughput", pending / elapsed, "changes/s", pending / floor_elapsed)]
