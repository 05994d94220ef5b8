"""Server memory while bundles are uploaded at once.

``upload_rss``: the peak resident memory (VmHWM) of a real city server (``python -m city_server
serve``, a subprocess) while six clients upload 60 MB bundle files at the same time, and what it
keeps afterwards. The floor: the same server's resident memory after start-up and one request, in
the same run. Budget (issue 12): under ~200 MB; before, uploads were buffered whole in memory
(62 MB → 1.24 GB, and ~1 GB kept).

The files are 60 MB that start like a bundle and are otherwise random: the server streams each to
disk, imports one at a time, and refuses them (their signature cannot verify), which is the same
memory path as a valid bundle up to the apply.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import httpx

from tests.bench.bench_sync import _free_port, _serving
from tests.bench.run import bench, measure

UPLOADS = 6
SIZE = 60 * 1024 * 1024


def _memory(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MB (Linux)."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    return out


def _server_pid(port: int) -> int:
    """The pid of the process listening on ``port`` (the serve subprocess)."""
    want = f":{port:04X}"
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            cols = line.split()
            if cols[1].endswith(want) and cols[3] == "0A":  # LISTEN
                inodes.add(cols[9])
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    return int(pid)
        except OSError:
            continue
    raise RuntimeError("server process not found")


def make_upload(path: Path, size: int = SIZE) -> Path:
    """A file of ``size`` bytes that starts with the bundle magic."""
    with open(path, "wb") as f:
        f.write(b"TANTAYB\x00")
        left = size - 8
        while left > 0:
            chunk = os.urandom(min(left, 1 << 20))
            f.write(chunk)
            left -= len(chunk)
    return path


def upload_concurrently(url: str, path: Path, n: int = UPLOADS) -> list[int]:
    """``n`` clients POST ``path`` to /api/v1/bundles at once (streamed from disk)."""
    answers: list[int] = []
    barrier = threading.Barrier(n)

    def one():
        barrier.wait()
        with open(path, "rb") as f, httpx.Client(timeout=600) as http:
            answers.append(http.post(url + "/api/v1/bundles", content=f).status_code)

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def server_memory_under_uploads(folder: Path) -> dict[str, float]:
    """Start a server, measure its memory idle, then during and after six 60 MB uploads."""
    upload = make_upload(folder / "upload.ttb")
    port = _free_port()
    args = ["-m", "city_server", "serve", "--db", str(folder / "city.db"), "--port", str(port)]
    with _serving(args, port) as url:
        pid = _server_pid(port)
        httpx.get(url + "/api/v1/health")
        idle = _memory(pid)
        answers = upload_concurrently(url, upload)
        after = _memory(pid)
    if sorted(set(answers)) != [400] and not all(400 <= a < 500 for a in answers):
        print(f"unexpected answers: {answers}", file=sys.stderr)
    return {"idle": idle["VmRSS"], "peak": after["VmHWM"], "kept": after["VmRSS"]}


@bench("upload_rss", "upload_rss_kept")
def upload_rss(ctx):
    """Peak server memory with six concurrent 60 MB uploads, against the idle server."""
    folder = ctx.scratch("upload")
    figures = server_memory_under_uploads(folder)
    return [
        measure("upload_rss", figures["peak"], "MB", figures["idle"]),
        measure("upload_rss_kept", figures["kept"], "MB", figures["idle"]),
    ]
