"""A misbehaving TCP proxy on loopback, between a laptop and a real city server.

The proxy understands just enough HTTP/1.1 (a request or response head, then ``Content-Length``
bytes of body) to decide a fault **per request**, from a scripted or a seeded-random schedule:

- ``pass``: forward the request and the response untouched;
- ``drop_request``: forward only the first ``after`` bytes of the request, then cut both sides
  (the server never sees a whole request, so it applies nothing);
- ``drop_response``: forward the whole request, read the server's whole answer, give the client only
  its first ``after`` bytes, then cut (the server applied the batch, the laptop never learns it);
- ``delay``: wait ``seconds`` before forwarding, then pass;
- ``status``: answer ``code`` (500, 502 ...) itself without forwarding anything.

Only 127.0.0.1 is used. Everything is bounded: sockets have timeouts, the proxy stops by itself
after ``lifetime`` seconds, and ``stop()`` closes every socket and joins every thread.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"
MAX_HEAD = 64 * 1024
SOCKET_TIMEOUT = 60.0
REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


@dataclass(frozen=True)
class Fault:
    """What the proxy does to one request (see the module docstring for the modes)."""

    mode: str = "pass"
    after: int = 0
    seconds: float = 0.0
    code: int = 500

    def __post_init__(self):
        if self.mode not in ("pass", "drop_request", "drop_response", "delay", "status"):
            raise ValueError(f"unknown fault mode {self.mode!r}")


PASS = Fault()


@dataclass
class Exchange:
    """One request the proxy handled: what it did and what it saw (for the test to inspect)."""

    index: int
    fault: Fault
    method: str = ""
    target: str = ""
    request_body: bytes = b""
    response: bytes = b""
    delivered: bool = False


def scripted(faults: Iterable[Fault], then: Fault = PASS) -> Callable[[int], Fault]:
    """A schedule giving ``faults`` to the first requests, in order, then ``then`` forever."""
    listed = list(faults)
    return lambda i: listed[i] if i < len(listed) else then


def seeded(
    seed: int,
    *,
    p_drop_request: float = 0.1,
    p_drop_response: float = 0.1,
    p_status: float = 0.1,
    p_delay: float = 0.1,
    max_delay: float = 0.3,
) -> Callable[[int], Fault]:
    """A reproducible random schedule: each request gets a fault drawn from ``seed``.

    The draw depends only on the seed and the request index, so a failing run can be replayed.
    """

    def pick(i: int) -> Fault:
        rng = random.Random(f"{seed}:{i}")
        r = rng.random()
        edges = (p_drop_request, p_drop_response, p_status, p_delay)
        if r < edges[0]:
            return Fault("drop_request", after=rng.randrange(1, 2000))
        r -= edges[0]
        if r < edges[1]:
            return Fault("drop_response", after=rng.randrange(0, 400))
        r -= edges[1]
        if r < edges[2]:
            return Fault("status", code=rng.choice((500, 502)))
        r -= edges[2]
        if r < edges[3]:
            return Fault("delay", seconds=rng.uniform(0, max_delay))
        return PASS

    return pick


class _Closed(Exception):
    """The peer closed the connection before a whole message arrived."""


def _read_message(sock: socket.socket, buffer: bytearray) -> tuple[bytes, bytes, bool]:
    """Read one HTTP message (head + Content-Length body) from ``sock``.

    Returns ``(raw message, head, framed)``; ``framed`` is False when the length is unknown
    (chunked or close-delimited): then the raw message is whatever came until the peer closed.
    ``buffer`` keeps bytes read beyond the message (the next pipelined one).
    """
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed()
        buffer += chunk
        if len(buffer) > MAX_HEAD and b"\r\n\r\n" not in buffer:
            raise _Closed()
    end = buffer.index(b"\r\n\r\n") + 4
    head = bytes(buffer[:end])
    length = None
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        elif name.strip().lower() == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked or (length is None and not head.startswith((b"GET ", b"HEAD ", b"HTTP/"))):
        # unknown framing: read until the peer closes
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            buffer += chunk
        raw = bytes(buffer)
        buffer.clear()
        return raw, head, False
    length = length or 0
    while len(buffer) < end + length:
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed()
        buffer += chunk
    raw = bytes(buffer[: end + length])
    del buffer[: end + length]
    return raw, head, True


def _close(*socks: socket.socket | None) -> None:
    for s in socks:
        if s is None:
            continue
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            s.close()


class FaultyProxy:
    """A threaded proxy from ``127.0.0.1:<port>`` to ``127.0.0.1:<target_port>``.

    Use as a context manager, or call ``start()`` and ``stop()``. ``exchanges`` lists every
    request handled, in arrival order.
    """

    def __init__(
        self,
        target_port: int,
        schedule: Callable[[int], Fault] | None = None,
        *,
        lifetime: float = 600.0,
        max_connections: int = 10_000,
    ):
        self.target = (LOOPBACK, target_port)
        self.schedule = schedule or scripted([])
        self.lifetime = lifetime
        self.max_connections = max_connections
        self.exchanges: list[Exchange] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((LOOPBACK, 0))
        self._listener.listen(64)
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://{LOOPBACK}:{self.port}"
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()
        self._accepter = threading.Thread(target=self._accept_loop, daemon=True)
        self._connections = 0

    # --- life cycle ----------------------------------------------------------------------------

    def start(self) -> FaultyProxy:
        """Start accepting connections."""
        self._started = time.monotonic()
        self._accepter.start()
        return self

    def stop(self) -> None:
        """Stop accepting, cut every open connection, and join every thread."""
        self._stopping.set()
        self._accepter.join(5)
        _close(self._listener)
        with self._lock:
            open_sockets = list(self._sockets)
            threads = list(self._threads)
        _close(*open_sockets)
        for t in threads:
            t.join(5)

    def __enter__(self) -> FaultyProxy:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def faults_seen(self, mode: str, target_prefix: str = "") -> list[Exchange]:
        """The exchanges that got fault ``mode`` (optionally only for targets with a prefix)."""
        with self._lock:
            return [
                e
                for e in self.exchanges
                if e.fault.mode == mode and e.target.startswith(target_prefix)
            ]

    # --- internals -----------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            if time.monotonic() - self._started > self.lifetime:
                self._stopping.set()
                break
            try:
                client, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            with self._lock:
                self._connections += 1
                if self._connections > self.max_connections:
                    _close(client)
                    continue
                self._sockets.add(client)
                t = threading.Thread(target=self._serve, args=(client,), daemon=True)
                self._threads.append(t)
            t.start()

    def _next_fault(self, exchange_args: dict) -> Exchange:
        with self._lock:
            index = len(self.exchanges)
            exchange = Exchange(index=index, fault=self.schedule(index), **exchange_args)
            self.exchanges.append(exchange)
            return exchange

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(SOCKET_TIMEOUT)
        upstream: socket.socket | None = None
        buffer = bytearray()
        try:
            while not self._stopping.is_set():
                try:
                    request, head, framed = _read_message(client, buffer)
                except (_Closed, OSError, ValueError):
                    return
                method, _, rest = head.partition(b" ")
                target = rest.partition(b" ")[0]
                body = request[len(head) :]
                exchange = self._next_fault(
                    {
                        "method": method.decode("latin-1"),
                        "target": target.decode("latin-1"),
                        "request_body": body,
                    }
                )
                fault = exchange.fault
                if fault.mode == "status":
                    reason = REASONS.get(fault.code, "Error")
                    text = b'{"error":{"code":"proxy","message":"injected by the test proxy"}}'
                    client.sendall(
                        f"HTTP/1.1 {fault.code} {reason}\r\nContent-Type: application/json\r\n"
                        f"Content-Length: {len(text)}\r\nConnection: close\r\n\r\n".encode()
                        + text
                    )
                    return
                if fault.mode == "delay":
                    self._stopping.wait(fault.seconds)
                if upstream is None:
                    upstream = socket.create_connection(self.target, timeout=SOCKET_TIMEOUT)
                    with self._lock:
                        self._sockets.add(upstream)
                if fault.mode == "drop_request":
                    upstream.sendall(request[: min(fault.after, max(len(request) - 1, 0))])
                    return
                upstream.sendall(request)
                response, _rhead, rframed = _read_message(upstream, bytearray())
                exchange.response = response
                if fault.mode == "drop_response":
                    client.sendall(response[: min(fault.after, max(len(response) - 1, 0))])
                    return
                client.sendall(response)
                exchange.delivered = True
                if not (framed and rframed) or b"connection: close" in response[:4096].lower():
                    return
        except OSError:
            return
        finally:
            _close(client, upstream)
            with self._lock:
                self._sockets.discard(client)
                if upstream is not None:
                    self._sockets.discard(upstream)
