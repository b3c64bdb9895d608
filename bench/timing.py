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
