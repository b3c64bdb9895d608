"""Crawling without a profile against crawling with one, on every replica portal: `make bench-learned` prints a
table and writes bench/results-learned.json.

Per portal: a backfill with `crawl --start-url` (nothing known beforehand) and, where a profile exists (the
three written ones, and the one tests/test_learned.py writes by hand for the ASP.NET replica), a backfill with
it; then the learned profile's next run on the unchanged portal. Articles found, other rows, titles and dates
right are counted against the replica's truth; requests are Scrapy's, discovery's on top.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.replica.aspnet import AspNetPortal  # noqa: E402
from crawler.replica.liferay import LiferayPortal  # noqa: E402
from crawler.replica.plainhtm import PlainHtmPortal  # noqa: E402
from crawler.replica.portal import ReplicaPortal  # noqa: E402
from crawler.replica.portal2025 import Portal2025  # noqa: E402
from crawler.replica.server import ReplicaServer  # noqa: E402
from crawler.replica.sharepoint import SharePointPortal  # noqa: E402

OUT = Path(__file__).with_name("results-learned.json")
ARTICLES = 300
# name: (portal, profile crawl: a registered --site, "hand" for the test's hand-written profile, or None)
PORTALS = {
    "bocongan (2025 layout)": (Portal2025, "bocongan"),
    "bocongan (2024 layout)": (ReplicaPortal, "bocongan_2024"),
    "Liferay provincial police": (LiferayPortal, "congan_tinh"),
    "SharePoint": (SharePointPortal, None),
    "ASP.NET, path paging": (AspNetPortal, "hand"),
    "plain .htm, path paging": (PlainHtmPortal, None),
}


def cli(*args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "crawler", *args], cwd=ROOT, capture_output=True, text=True
    )
    if not result.stdout.strip():
        raise SystemExit(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def hand_crawl(base: str, db: Path) -> dict:
    code = (
        "import json; from crawler.run import run_crawl; from tests.test_learned import HAND; "
        f"r = run_crawl('aspnet_hand', {base!r}, {str(db)!r}, profile=HAND, mode='backfill', log_level='ERROR'); "
        "print(json.dumps(r.summary))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def score(db: Path, truth: dict[str, dict]) -> dict:
    rows = sqlite3.connect(db).execute("select url, title, published_at from articles").fetchall()
    urls = [r[0] for r in rows]
    news = [r for r in rows if r[0] in truth]
    return {
        "rows": len(rows),
        "duplicates": len(urls) - len(set(urls)),
        "news_found": len({r[0] for r in news}),
        "news_total": len(truth),
        "other_rows": len(rows) - len(news),
        "title_right": sum(1 for u, t, _ in news if truth[u]["title"] == t),
        "date_right": sum(1 for u, _, p in news if truth[u]["published_at"] == p),
    }


def measure(name: str, portal_cls, profiled: str | None, work: Path) -> dict:
    server = ReplicaServer(portal_cls(articles=ARTICLES))
    server.start_background()
    try:
        truth = {t["url"]: t for t in server.portal.truth(server.base_url)}
        learned_db = work / f"{len(list(work.iterdir()))}-learned.db"
        first = cli("crawl", "--start-url", server.base_url + "/", "--db", str(learned_db), "--backfill",
                    "--log-level", "ERROR")  # fmt: skip
        again = cli(
            "crawl", "--start-url", server.base_url + "/", "--db", str(learned_db), "--log-level", "ERROR"
        )
        result = {
            "portal": name,
            "learned": score(learned_db, truth)
            | {
                "requests": first["requests"],
                "discovery_requests": first["discovery_requests"],
                "next_run_requests": again["requests"],
                "status": first["status"],
            },  # fmt: skip
        }
        if profiled:
            db = work / f"{len(list(work.iterdir()))}-profiled.db"
            if profiled == "hand":
                summary = hand_crawl(server.base_url, db)
            else:
                summary = cli("crawl", "--site", profiled, "--base-url", server.base_url, "--db", str(db),
                              "--backfill", "--log-level", "ERROR")  # fmt: skip
            result["profiled"] = score(db, truth) | {"requests": summary["requests"], "profile": profiled}
        return result
    finally:
        server.shutdown()
        server.server_close()


def line(r: dict) -> str:
    learned, profiled = r["learned"], r.get("profiled")

    def found(s):
        return f"{s['news_found']}/{s['news_total']}"

    cells = [
        r["portal"],
        found(learned),
        str(learned["other_rows"]),
        f"{learned['title_right']}/{learned['news_found']}",
        f"{learned['date_right']}/{learned['news_found']}",
        f"{learned['requests']} + {learned['discovery_requests']}",
        str(learned["next_run_requests"]),
        f"{found(profiled)}, {profiled['other_rows']}, {profiled['requests']} ({profiled['profile']})"
        if profiled
        else "—",
    ]
    return "| " + " | ".join(cells) + " |"


def main() -> int:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (portal_cls, profiled) in PORTALS.items():
            results.append(measure(name, portal_cls, profiled, Path(tmp)))
            print(line(results[-1]), flush=True)
    OUT.write_text(
        json.dumps({"articles_per_portal": ARTICLES, "portals": results}, ensure_ascii=False, indent=2) + "\n"
    )
    print(
        "| portal | news found | other rows | titles right | dates right | requests + discovery | next run | with a profile: found, other rows, requests |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(line(r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
