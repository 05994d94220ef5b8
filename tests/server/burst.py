"""A burst of laptops pushing together (issue 13): used by tests/server/test_burst.py (small,
in CI) and tests/bench/bench_burst.py (200 devices × 2 × 500 changes, figures).

Every device is enrolled over HTTP first; its batches are built and signed before the burst
starts, so the clients' own work does not count. Then, at once, every device pushes its batches
one after another (some resent: half at the same moment as the original, half after its receipt)
while a puller pages through the feed and a prober asks for /health every 50 ms. Each batch
creates new households and edits households shared by the devices of its team (10 laptops of one
commune, as in the city: the same base version, so three-way merges and conflicts on the same rows
from several workers at once).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server_helpers import HOAN_KIEM, Laptop, household, new_id, server_rows  # noqa: E402

from city_server.enrollment import create_enrollment_code  # noqa: E402
from city_server.storage import open_storage  # noqa: E402
from desktop_app.core.canonical import canonical_json  # noqa: E402
from desktop_app.core.protocol import request_signing_bytes  # noqa: E402

SHARED_RECORDS = 50  # per team
TEAM = 10  # laptops sharing records
SHARED_EDITS_PER_BATCH = 20


@dataclass
class Plan:
    devices: int = 200
    batches: int = 2
    changes: int = 500
    resend_share: float = 0.05
    seed: int = 13


@dataclass
class Sent:
    device: int
    batch_id: str
    body: bytes
    headers: dict[str, str]
    resend: str | None = None  # None, "together" or "after"


@dataclass
class Result:
    statuses: list[int] = field(default_factory=list)
    batch_seconds: list[float] = field(default_factory=list)
    health_seconds: list[float] = field(default_factory=list)
    health_statuses: list[int] = field(default_factory=list)
    receipts: dict[str, bytes] = field(default_factory=dict)
    resend_mismatches: list[str] = field(default_factory=list)
    accepted: int = 0
    retries: int = 0  # a laptop's timeout (30 s) passed and it sent the batch again
    changes_sent: int = 0
    seconds: float = 0.0
    pulled: list[int] = field(default_factory=list)
    pull_errors: list[int] = field(default_factory=list)

    def p95(self, values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[18] if len(values) >= 2 else max(values)

    @property
    def changes_per_s(self) -> float:
        return self.changes_sent / self.seconds

    @property
    def server_errors(self) -> int:
        return sum(1 for s in self.statuses + self.health_statuses if s >= 500)


class Burst:
    """Enrol the devices and build their batches (``prepare``), then ``run`` the burst."""

    def __init__(self, url: str, db: str | None, keys: str | None, plan: Plan):
        self.url, self.db, self.keys, self.plan = url, db, keys, plan
        self.laptops: list[Laptop] = []
        self.puller: Laptop | None = None
        self.sent: list[Sent] = []
        self.seed_accepted = 0

    def prepare(self) -> Burst:
        plan, rng = self.plan, random.Random(self.plan.seed)
        storage = open_storage(self.db, self.keys)
        try:
            codes = [create_enrollment_code(storage, [HOAN_KIEM]) for _ in range(plan.devices + 2)]
        finally:
            storage.close()
        http = httpx.Client(base_url=self.url, timeout=60)
        self.laptops = [Laptop(http, f"L{i}").enroll(codes[i]) for i in range(plan.devices)]
        self.puller = Laptop(http, "puller").enroll(codes[-1])
        seeder = Laptop(http, "seeder").enroll(codes[-2])
        teams = [
            [new_id() for _ in range(SHARED_RECORDS)]
            for _ in range((plan.devices + TEAM - 1) // TEAM)
        ]
        self.seed_batches = 0
        for team in teams:
            made = seeder.push([seeder.change("household", h, 1, household()) for h in team])
            assert made.status_code == 200, made.text
            self.seed_batches += 1
            self.seed_accepted += sum(r["status"] == "accepted" for r in made.json()["results"])
        for d, laptop in enumerate(self.laptops):
            shared = teams[d // TEAM]
            versions = dict.fromkeys(shared, 1)  # this device's own version of each record
            for _ in range(plan.batches):
                edits = rng.sample(shared, SHARED_EDITS_PER_BATCH)
                changes = []
                for h in edits:
                    versions[h] += 1
                    changes.append(
                        laptop.change(
                            "household",
                            h,
                            versions[h],
                            household(notes=f"{laptop.name} {rng.random():.6f}"),
                            base_version=1,  # the server's version 1, as pulled
                            base_from_server=True,
                        )
                    )
                changes += [
                    laptop.change("household", new_id(), 1, household())
                    for _ in range(plan.changes - len(changes))
                ]
                batch = laptop.batch(changes)
                body = canonical_json(batch)
                resend = None
                if rng.random() < plan.resend_share:
                    resend = rng.choice(("together", "after"))
                self.sent.append(Sent(d, batch["batch_id"], body, laptop.headers(body), resend))
        return self

    async def _post(self, client, sent: Sent, result: Result) -> httpx.Response:
        """POST one batch as a laptop does: 30 s timeout, then the same bytes again (the server
        answers a batch it holds with the stored receipt). A batch still unanswered after 5
        tries is a 599, counted as a failure."""
        for attempt in range(5):
            try:
                return await client.post(
                    "/api/v1/batches", content=sent.body, headers=sent.headers, timeout=30
                )
            except httpx.TransportError as exc:
                result.retries += 1
                error = f"{type(exc).__name__}: {exc}"
                await asyncio.sleep(1 + attempt)
        return httpx.Response(599, text=error)

    async def _push_device(self, client, device: int, result: Result) -> None:
        for sent in [s for s in self.sent if s.device == device]:
            started = time.perf_counter()
            if sent.resend == "together":
                answers = list(
                    await asyncio.gather(
                        self._post(client, sent, result), self._post(client, sent, result)
                    )
                )
            else:
                answers = [await self._post(client, sent, result)]
            result.batch_seconds.append(time.perf_counter() - started)
            if sent.resend == "after":
                answers.append(await self._post(client, sent, result))
            result.statuses += [a.status_code for a in answers]
            result.changes_sent += self.plan.changes
            if any(a.status_code != 200 for a in answers):
                continue
            result.receipts[sent.batch_id] = answers[0].content
            if any(a.content != answers[0].content for a in answers[1:]):
                result.resend_mismatches.append(sent.batch_id)
            try:
                results = answers[0].json()["results"]
            except (ValueError, KeyError):
                continue
            result.accepted += sum(r["status"] == "accepted" for r in results)

    async def _probe_health(self, client, stop: asyncio.Event, result: Result) -> None:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                answer = await client.get("/api/v1/health", timeout=10)
                result.health_statuses.append(answer.status_code)
            except httpx.TransportError:
                result.health_statuses.append(599)
            result.health_seconds.append(time.perf_counter() - started)
            await asyncio.sleep(0.05)

    async def _pull(self, client, stop: asyncio.Event, result: Result) -> None:
        puller, cursor = self.puller, 0
        assert puller is not None
        while True:
            stopping = stop.is_set()
            target = f"/api/v1/changes?since={cursor}&limit=500"
            signed = request_signing_bytes("GET", target)
            try:
                answer = await client.get(target, headers=puller.headers(signed))
            except httpx.TransportError:
                answer = httpx.Response(599)
            if answer.status_code != 200:
                result.pull_errors.append(answer.status_code)
                if stopping or len(result.pull_errors) > 50:
                    return
                await asyncio.sleep(0.2)
                continue
            page = answer.json()
            result.pulled += [c["server_seq"] for c in page["changes"]]
            cursor = page["next"]
            if not page["more"]:
                if stopping:
                    return
                await asyncio.sleep(0.2)

    async def _run(self, pull: bool) -> Result:
        result = Result()
        limits = httpx.Limits(max_connections=self.plan.devices * 2 + 10)
        async with (
            httpx.AsyncClient(base_url=self.url, timeout=120, limits=limits) as client,
            httpx.AsyncClient(base_url=self.url, timeout=60) as side,
        ):
            if True:
                stop = asyncio.Event()
                watchers = [asyncio.create_task(self._probe_health(side, stop, result))]
                if pull:
                    watchers.append(asyncio.create_task(self._pull(side, stop, result)))
                started = time.perf_counter()
                await asyncio.gather(
                    *(self._push_device(client, d, result) for d in range(self.plan.devices))
                )
                result.seconds = time.perf_counter() - started
                stop.set()
                await asyncio.gather(*watchers)
        return result

    def run(self, url: str | None = None, pull: bool = True) -> Result:
        """The burst against this server (or the same requests against ``url``: the floor)."""
        here = self.url
        self.url = url or here
        try:
            return asyncio.run(self._run(pull))
        finally:
            self.url = here

    def problems(self, result: Result) -> list[str]:
        """What a city IT person would call a failure, checked against the database."""
        out = []
        if result.server_errors:
            out.append(f"{result.server_errors} answers were 5xx or none (599: connection lost)")
        others = [s for s in result.statuses if s != 200]
        if others:
            out.append(f"batch answers other than 200: {sorted(set(others))}")
        if result.resend_mismatches:
            out.append(f"{len(result.resend_mismatches)} resends got another receipt")
        if result.pull_errors:
            out.append(f"pull errors: {sorted(set(result.pull_errors))}")
        slow = [s for s in result.health_seconds if s > 5]
        if slow:  # the laptop's health probe gives up after 5 s and shows "offline"
            out.append(f"{len(slow)} health probes took over 5 s")
        db = self.db
        batch_ids = [r[0] for r in server_rows(db, "SELECT batch_id FROM batches")]
        if len(batch_ids) != len(set(batch_ids)):
            out.append("a batch id is stored twice")
        expected_batches = len(self.sent) + self.seed_batches
        if len(batch_ids) != expected_batches:
            out.append(f"{len(batch_ids)} batches stored, {expected_batches} sent")
        feed = [r[0] for r in server_rows(db, "SELECT server_seq FROM changes")]
        accepted = result.accepted + self.seed_accepted
        if len(feed) != accepted:
            out.append(f"feed rows {len(feed)} != accepted changes {accepted}")
        holes = server_rows(
            db,
            "SELECT entity, id FROM record_history GROUP BY entity, id"
            " HAVING MAX(version) != COUNT(*) OR MIN(version) != 1",
        )
        if holes:
            out.append(f"{len(holes)} records have holes in their versions")
        if len(result.pulled) != len(set(result.pulled)):
            out.append("the puller saw a feed position twice")
        if set(result.pulled) != set(feed):
            missing = len(set(feed) - set(result.pulled))
            out.append(f"the puller missed {missing} feed positions")
        return out
