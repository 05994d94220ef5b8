"""Benchmarks: each measure is printed as a ratio to a floor measured in the same run.

    python tests/bench/run.py [--quick] [--slow-machine] [--json FILE] [NAME ...]

Prints one line per measure: ``NAME: VALUE UNIT (floor VALUE UNIT, ratio R)``, followed by the
issues' target and ✓ / ✗ for the measures that have one (``BUDGETS``; a table of them at the end). ``--quick`` uses a
small data set so the whole run fits in about a minute on 2 cores; without it the reference data
set (40,000 households / 100,000 persons / 200,000 visits) is built once and cached under
``~/.cache/tantay-bench`` (or ``$TANTAY_BENCH_DIR``).

``--slow-machine`` runs the same measures as on a commune office's old laptop: pinned to one core
(``os.sched_setaffinity``, inherited by every child process), the operating system's page cache
dropped before each benchmark (``/proc/sys/vm/drop_caches`` as root, otherwise
``posix_fadvise(DONTNEED)`` on the data set's files), and a 2 GB address-space limit for the
process and its children (``RLIMIT_AS``). The ratios are printed the same way.

Benchmarks are registered with ``@bench("name", ...)`` in the ``bench_*.py`` modules beside this
file. A benchmark gets a ``BenchContext`` and returns a list of ``Measure``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FULL_HOUSEHOLDS = 40_000
QUICK_HOUSEHOLDS = 2_000
PASSWORD = "demo1234"


@dataclass
class Measure:
    """One benchmark figure and its floor from the same run."""

    name: str
    value: float
    unit: str
    floor: float
    ratio: float

    def line(self) -> str:
        """``NAME: VALUE UNIT (floor VALUE UNIT, ratio R)``."""
        return (
            f"{self.name}: {_fmt(self.value)} {self.unit} "
            f"(floor {_fmt(self.floor)} {self.unit}, ratio {self.ratio:.2f})"
        )


# The targets the issues set (issue 17 for the laptop ratios, DESIGN.md / issue 14 for the
# absolute ones): name -> ("ratio" | unit of the value, limit). Printed beside each measure.
BUDGETS: dict[str, tuple[str, float]] = {
    "search_p95": ("ratio", 5),
    "list_scroll": ("ratio", 3),
    "start_to_main_window": ("ratio", 5),
    "start_to_main_window_inherent": ("ratio", 2),
    "save_visit_p50": ("ratio", 5),
    "bundle_export": ("ratio", 5),
    "bundle_import": ("ratio", 5),
    "search_during_sync": ("ratio", 2),
    "app_rss": ("MB", 300),
    "dashboard_p95": ("ms", 300),
    "dashboard_p95_pg": ("ms", 300),
}


def budget_text(m: Measure) -> str:
    """`` — target ratio ≤ 5 ✓`` (or ``value ≤ 300 MB``); empty for a measure without one."""
    if m.name not in BUDGETS:
        return ""
    kind, limit = BUDGETS[m.name]
    got = m.ratio if kind == "ratio" else m.value
    what = f"ratio ≤ {limit:g}" if kind == "ratio" else f"≤ {limit:g} {m.unit}"
    return f" — target {what} {'✓' if got <= limit else '✗'}"


def budget_table(results: list[Measure]) -> str:
    """The measures that have a target, one row each: measure, target, got, ✓ / ✗."""
    rows = [("measure", "target", "got", "")]
    for m in results:
        if m.name in BUDGETS:
            kind, limit = BUDGETS[m.name]
            got = m.ratio if kind == "ratio" else m.value
            rows.append(
                (
                    m.name,
                    f"ratio ≤ {limit:g}" if kind == "ratio" else f"≤ {limit:g} {m.unit}",
                    f"{got:.2f}" if kind == "ratio" else f"{_fmt(got)} {m.unit}",
                    "✓" if got <= limit else "✗",
                )
            )
    if len(rows) == 1:
        return ""
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "# budgets\n" + "\n".join(f"# {line}" for line in lines)


def _fmt(v: float) -> str:
    if v >= 100:
        return f"{v:,.0f}".replace(",", "")
    if v >= 1:
        return f"{v:.2f}"
    return f"{v:.3f}"


def measure(name: str, value: float, unit: str, floor: float) -> Measure:
    """A measure with its ratio (value / floor; for throughputs, floor / value is not used:
    the ratio is always value divided by floor)."""
    return Measure(name, value, unit, floor, value / floor if floor else float("inf"))


class BenchContext:
    """Shared set-up: the reference data set, scratch folders."""

    def __init__(self, quick: bool):
        self.quick = quick
        self.households = QUICK_HOUSEHOLDS if quick else FULL_HOUSEHOLDS
        root = os.environ.get("TANTAY_BENCH_DIR")
        self.cache = Path(root) if root else Path.home() / ".cache" / "tantay-bench"
        self.cache.mkdir(parents=True, exist_ok=True)
        self._scratch = self.cache / "scratch"
        shutil.rmtree(self._scratch, ignore_errors=True)
        self._scratch.mkdir()
        self.slow = False  # --slow-machine

    def cold(self) -> None:
        """Before a timed part (the app's measure and its floor alike): in --slow-machine mode
        forget the cached data files, so both read from the disk; otherwise read the reference
        data set once, so both find it cached. Without that the first of the two paid for
        reading what the machine had evicted since the last run and the second did not (seen:
        list_scroll 1.19 s against 0.74 s in the next run, its floor unchanged)."""
        if self.slow:
            drop_page_cache(self.cache)
        else:
            target = self.cache / f"dataset-{self.households}-{_source_hash()}"
            if (target / "ok").exists():
                read_through(target)

    def dataset(self) -> Path:
        """A data folder holding the reference data set (built once, then reused)."""
        target = self.cache / f"dataset-{self.households}-{_source_hash()}"
        if (target / "tantay.db").exists() and (target / "ok").exists():
            return target
        shutil.rmtree(target, ignore_errors=True)
        from desktop_app.store.demo import create_demo_store, fill_demo_data
        from desktop_app.store.store import Store

        print(f"# building the data set ({self.households} households) ...", file=sys.stderr)
        start = time.monotonic()
        create_demo_store(target).close()
        store = Store.open(target, "lead", PASSWORD)
        fill_demo_data(store, self.households)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        (target / "ok").write_text("")
        print(f"# built in {time.monotonic() - start:.0f} s", file=sys.stderr)
        return target

    def copy_dataset(self, name: str) -> Path:
        """A private copy of the data set that a benchmark may change."""
        target = self._scratch / name
        shutil.copytree(self.dataset(), target)
        return target

    def scratch(self, name: str) -> Path:
        """An empty scratch folder."""
        target = self._scratch / name
        target.mkdir(parents=True, exist_ok=True)
        return target


def _source_hash() -> str:
    """A short hash of what the data set is made from (schema and demo generator): a cached data
    set is rebuilt when either changes."""
    import hashlib

    root = HERE.parent.parent
    h = hashlib.sha256()
    for path in sorted((root / "db_schema").glob("*.sql")) + [root / "desktop_app/store/demo.py"]:
        h.update(path.read_bytes())
    return h.hexdigest()[:10]


REGISTRY: dict[str, Callable[[BenchContext], list[Measure]]] = {}


def bench(*names: str):
    """Register a benchmark function producing the measures ``names``."""

    def deco(fn):
        for n in names:
            REGISTRY[n] = fn
        return fn

    return deco


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


SLOW_MEMORY = 2 * 1024**3


def slow_machine() -> str:
    """Become an old laptop: one core, 2 GB of address space. Returns what was applied."""
    import resource

    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    resource.setrlimit(resource.RLIMIT_AS, (SLOW_MEMORY, SLOW_MEMORY))
    return f"1 core (cpu {cpu}), 2 GB address space"


def read_through(folder: Path) -> None:
    """Read every file of ``folder`` once (into the operating system's page cache)."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb", buffering=0) as f:
                while f.read(1 << 20):
                    pass


def drop_page_cache(folder: Path) -> str:
    """Drop what the operating system caches of the data set's files (so the next benchmark
    reads them from the disk, as after a reboot); returns how."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("1\n")
        return "drop_caches"
    except OSError:
        pass
    for path in folder.rglob("*"):
        if path.is_file():
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return "posix_fadvise"


def _load_modules() -> None:
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(f"tantay_bench_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks and print their lines."""
    sys.modules.setdefault("tests.bench.run", sys.modules[__name__])
    _load_modules()
    p = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="measures: "
        + ", ".join(sorted(REGISTRY))
        + ". Targets: "
        + ", ".join(
            f"{n} ratio ≤ {v:g}" if k == "ratio" else f"{n} ≤ {v:g} {k}"
            for n, (k, v) in BUDGETS.items()
        ),
    )
    p.add_argument("--quick", action="store_true", help="2,000 households instead of 40,000")
    p.add_argument("--slow-machine", action="store_true", help="one core, no page cache, 2 GB")
    p.add_argument("--json", type=Path, help="also write the measures to this file")
    p.add_argument("names", nargs="*", help="the measures to run (all when none is named)")
    args = p.parse_args(argv)
    unknown = [n for n in args.names if n not in REGISTRY]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
        return 2
    ctx = BenchContext(args.quick)
    wanted = args.names or list(REGISTRY)
    if args.slow_machine:
        print(f"# slow-machine mode: {slow_machine()}", flush=True)
        ctx.slow = True
    done: set = set()
    results: list[Measure] = []
    for name in wanted:
        fn = REGISTRY[name]
        if fn in done:
            continue
        done.add(fn)
        if args.slow_machine:
            how = drop_page_cache(ctx.cache)
            print(f"# page cache dropped ({how})", file=sys.stderr, flush=True)
            ctx.dataset()  # built (or found) before the cache is dropped again for the measure
            ctx.cold()
        for m in fn(ctx):
            if m.name in wanted:
                print(m.line() + budget_text(m), flush=True)
                results.append(m)
    table = budget_table(results)
    if table:
        print(table, flush=True)
    if args.json:
        args.json.write_text(json.dumps([asdict(m) for m in results], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
