"""How the benchmarks time a function over many inputs: process time, so other load on a shared machine counts less."""

from __future__ import annotations

import statistics
import time


def per_cpu_second(items: list, fn, repeat: int = 5) -> float:
    """Items per CPU second on one core: the median of `repeat` passes over all items."""
    runs = []
    for _ in range(repeat):
        started = time.process_time()
        for item in items:
            fn(item)
        runs.append(len(items) / (time.process_time() - started))
    return round(statistics.median(runs), 1)


def interleaved_per_cpu_second(items: list, fns: dict, repeat: int = 5) -> dict[str, float]:
    """Items per CPU second for several functions, their passes taken in turn (a, b, a, b, …) so that a change
    in the machine's load falls on all of them alike; the median of `repeat` passes each."""
    runs: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            started = time.process_time()
            for item in items:
                fn(item)
            runs[name].append(len(items) / (time.process_time() - started))
    return {name: round(statistics.median(values), 1) for name, values in runs.items()}


def machine() -> dict:
    """What a figure was measured on: the benchmarks record it with every result."""
    import os
    import platform
    import sqlite3
    import sys
    from importlib.metadata import PackageNotFoundError, version

    packages = {}
    for name in ("scrapy", "lxml", "datasette", "sqlite-utils", "trafilatura", "underthesea"):
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            continue
    return {
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        **packages,
    }
