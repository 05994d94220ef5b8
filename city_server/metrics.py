"""``GET /api/v1/metrics``: what to watch, in Prometheus text format (prometheus_client).

Per-request figures (requests, latencies, pull lag) are counted in each worker; with
``serve --workers N`` the workers share them through prometheus_client's multiprocess mode
(``PROMETHEUS_MULTIPROC_DIR``, set by ``serve`` before the workers start), so one scrape of any
worker answers for the whole server. Intake totals (batches, changes, rejected and quarantined
per reason, conflicts, devices) are read from the database at scrape time, so they are the same
whichever worker answers and survive restarts. See docs/DEPLOY.md, "What to watch".
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from city_server.storage import Storage

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

# Routes are named by their template, never by the raw path (ids would explode the label set).
REQUESTS = Counter(
    "tantay_http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
LATENCY = Histogram(
    "tantay_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
BATCHES = Counter(
    "tantay_batches_received_total", "Batches pushed over HTTP, by outcome", ["outcome"]
)
PULL_LAG = Histogram(
    "tantay_pull_lag_changes",
    "Feed lag: feed positions between a laptop's cursor and the newest change when it pulls",
    buckets=(0, 10, 100, 500, 1_000, 5_000, 10_000, 50_000, 100_000, 1_000_000),
)

CONTENT_TYPE = CONTENT_TYPE_LATEST


class _IntakeCollector:
    """Intake totals read from the database at scrape time."""

    def __init__(self, storage: Storage):
        self.storage = storage

    def collect(self) -> Iterator[Any]:
        figures = self.storage.intake_figures()
        yield GaugeMetricFamily(
            "tantay_devices", "Enrolled devices (not revoked)", value=figures["devices"]
        )
        yield CounterMetricFamily(
            "tantay_batches_stored", "Batches stored (HTTP and USB)", value=figures["batches"]
        )
        yield GaugeMetricFamily(
            "tantay_feed_head", "Newest position in the change feed", value=figures["feed_head"]
        )
        yield CounterMetricFamily(
            "tantay_conflicts", "Field conflicts recorded", value=figures["conflicts"]
        )
        rejected = CounterMetricFamily(
            "tantay_changes_rejected", "Changes rejected, by reason", labels=["reason"]
        )
        for reason, n in sorted(figures["rejected"].items()):
            rejected.add_metric([reason], n)
        yield rejected
        quarantined = GaugeMetricFamily(
            "tantay_changes_quarantined",
            "Changes held back for a reason that a later change may resolve",
            labels=["reason"],
        )
        for reason, n in sorted(figures["quarantined"].items()):
            quarantined.add_metric([reason], n)
        yield quarantined
        yield GaugeMetricFamily(
            "tantay_metrics_generated_unixtime", "When these figures were read", value=time.time()
        )


def render(storage: Storage) -> bytes:
    """The metrics page: this process's (or all workers') counters plus the database totals."""
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROC_ENV):
        MultiProcessCollector(registry)
    else:
        for collector in (REQUESTS, LATENCY, BATCHES, PULL_LAG):
            registry.register(collector)
    registry.register(_IntakeCollector(storage))
    return generate_latest(registry)
