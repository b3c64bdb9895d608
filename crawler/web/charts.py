"""Articles per month as bar geometry for a small SVG chart drawn by a template (no script, no CDN)."""

from __future__ import annotations

# A rowid is the publication time YYYYMMDDHHMMSS times crawler.archive.ROWID_SLOTS: divided by this it is
# YYYYMM (0 for an article without a date).
ROWID_PER_MONTH = 10_000_000_000_000


def month_of(m: int) -> str:
    return f"{m // 100:04d}-{m % 100:02d}"


def month_bars(rows: list[tuple[str, int]]) -> dict:
    """Bars for (YYYY-MM, articles) rows in month order; {} for none."""
    if not rows:
        return {}
    top = max(n for _, n in rows)
    width = max(4, min(24, 720 // len(rows)))
    bars = [{"label": m, "n": n, "x": i * width, "h": round(100 * n / top)} for i, (m, n) in enumerate(rows)]
    return {
        "bars": bars,
        "width": width,
        "total_width": width * len(rows),
        "first": rows[0][0],
        "last": rows[-1][0],
    }
