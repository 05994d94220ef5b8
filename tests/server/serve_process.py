"""``python -m city_server serve`` as a real process (several workers), for the operations and
burst tests: started on a free loopback port, stopped with SIGTERM (then killed)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeProcess:
    """``serve --db DB [--keys FILE] --workers N`` in a child process."""

    def __init__(self, db: str, keys: str | None = None, workers: int = 1, *extra: str):
        self.db, self.keys, self.workers = str(db), keys, workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.args = [
            sys.executable,
            "-m",
            "city_server",
            "serve",
            "--db",
            self.db,
            "--port",
            str(self.port),
            "--workers",
            str(workers),
            *(["--keys", keys] if keys else []),
            *extra,
        ]
        self.log_path: Path | None = None
        self.proc: subprocess.Popen | None = None

    def start(self, log_dir: Path, timeout: float = 60) -> ServeProcess:
        self.log_path = Path(log_dir) / f"serve-{self.port}.log"
        log = open(self.log_path, "wb")  # noqa: SIM115 (kept open for the child)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            self.args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve exited {self.proc.returncode}: {self.log()}")
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    if self.workers > 1:
                        self._wait_for_workers(deadline)
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"serve did not answer in {timeout} s: {self.log()}")

    def _wait_for_workers(self, deadline: float) -> None:
        """uvicorn logs one 'Started server process' per worker."""
        while time.monotonic() < deadline:
            if self.log().count("Application startup complete") >= self.workers:
                return
            time.sleep(0.1)
        raise RuntimeError(f"not all {self.workers} workers started: {self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
