"""The real portals to start from (portals.csv, from the public facts in REAL-SITES.md): a name, the home page,
the CMS family and what is known of its listings. A portal with a profile is crawled by it; the others are for
discovery (`check-site --portal NAME`)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FAMILIES = (
    "tailwind_2025",
    "liferay",
    "sharepoint",
    "aspnet_path",
    "websphere",
    "webcenter",
    "plain_htm",
    "unknown",
)


@dataclass(frozen=True)
class Portal:
    name: str
    home_url: str
    family: str
    notes: str


@cache
def load_portals() -> dict[str, Portal]:
    with (Path(__file__).with_name("portals.csv")).open(encoding="utf-8", newline="") as f:
        return {row["name"]: Portal(**row) for row in csv.DictReader(f)}


def get_portal(name: str) -> Portal:
    """The listed portal of that name; a clear error naming the known ones."""
    portals = load_portals()
    try:
        return portals[name]
    except KeyError:
        raise KeyError(f"unknown portal {name!r}; listed portals: {', '.join(sorted(portals))}") from None
