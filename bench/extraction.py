"""Extraction speed and accuracy against trafilatura on the same replica pages (both portal styles).

`make bench-extraction` prints a table and writes the "extraction" part of bench/results.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import trafilatura
from timing import machine, per_cpu_second

from crawler.extract.article import extract_article
from crawler.extract.encoding import decode_html
from crawler.extract.text import clean_text
from crawler.replica.liferay import LiferayPortal
from crawler.replica.portal import ReplicaPortal

OUT = Path(__file__).with_name("results.json")
BOILERPLATE = ("Các tin khác", "Thống kê truy cập", "Liên kết website", "Tin liên quan")
HOST = "replica.local"


def pages() -> list[dict]:
    """400 pages of the bocongan replica and 100 of the Liferay one, with their truth."""
    out = []
    for portal, count in (
        (ReplicaPortal(articles=420, with_seed=True), 400),
        (LiferayPortal(articles=120), 100),
    ):
        for entry in portal.entries[:count]:
            status, headers, body = portal.respond(entry.path, HOST)
            if status != 200:
                status, headers, body = portal.respond(entry.path, HOST)
            truth = portal.truth_of(entry, f"http://{HOST}")
            out.append({"profile": portal.profile, "body": body, "headers": headers, "truth": truth})
    return out


def ours_fields(page: dict):
    return extract_article(
        page["body"],
        page["truth"]["url"],
        page["profile"],
        content_type=page["headers"]["Content-Type"],
        with_entities=False,
    )


def ours_full(page: dict):
    return extract_article(
        page["body"], page["truth"]["url"], page["profile"], content_type=page["headers"]["Content-Type"]
    )


def peer(page: dict):
    text = decode_html(page["body"], page["headers"]["Content-Type"])[0]
    return trafilatura.bare_extraction(text, url=page["truth"]["url"], with_metadata=True)


def body_right(text: str, truth: dict) -> bool:
    """Every paragraph of the truth present, no boilerplate block: the criterion both extractors meet or not."""
    flat = clean_text(text)
    paragraphs = [p for p in truth["body"].split("\n\n") if p]
    return all(p in flat for p in paragraphs) and not any(b in flat for b in BOILERPLATE)


def accuracy(items: list[dict]) -> dict:
    ours = {"title": 0, "date": 0, "body": 0, "body_exact": 0}
    theirs = {"title": 0, "date": 0, "body": 0}
    for item in items:
        truth = item["truth"]
        mine = ours_fields(item)
        ours["title"] += mine.title == truth["title"]
        ours["date"] += mine.published_at == truth["published_at"]
        ours["body"] += body_right(mine.body, truth)
        ours["body_exact"] += mine.body == truth["body"]
        doc = peer(item)
        theirs["title"] += doc is not None and clean_text(doc.title or "") == truth["title"]
        expected_day = (truth["published_at"] or "")[:10] or None
        theirs["date"] += doc is not None and (doc.date or None) == expected_day
        theirs["body"] += doc is not None and body_right(doc.text or "", truth)
    n = len(items)
    return {
        "ours": {k: round(v / n, 4) for k, v in ours.items()},
        "trafilatura": {k: round(v / n, 4) for k, v in theirs.items()},
    }


def main() -> int:
    items = pages()
    for fn in (ours_fields, ours_full, peer):
        fn(items[0])  # warm up: imports, compiled patterns, the gazetteer
    speed = {
        "ours_fields": per_cpu_second(items, ours_fields),
        "ours_full": per_cpu_second(items, ours_full),
        "trafilatura": per_cpu_second(items, peer),
    }
    speed["ratio_fields"] = round(speed["ours_fields"] / speed["trafilatura"], 1)
    speed["ratio_full"] = round(speed["ours_full"] / speed["trafilatura"], 1)
    result = {
        "pages": len(items),
        "pages_per_cpu_second": speed,
        "share_right": accuracy(items),
        "versions": {"trafilatura": trafilatura.__version__, "python": sys.version.split()[0]},
    }
    results = json.loads(OUT.read_text()) if OUT.exists() else {}
    results["machine"] = machine()
    results["extraction"] = result
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(items)} replica pages (400 bocongan, 100 Liferay), one core, median of 5 passes")
    print(f"{'extractor':28} {'pages/s':>9} {'title':>6} {'date':>6} {'body':>6}")
    acc = result["share_right"]
    print(
        f"{'ours, article fields':28} {speed['ours_fields']:9} {acc['ours']['title']:6} {acc['ours']['date']:6} {acc['ours']['body']:6}"
    )
    print(f"{'ours, with entities':28} {speed['ours_full']:9}")
    print(
        f"{'trafilatura bare_extraction':28} {speed['trafilatura']:9} {acc['trafilatura']['title']:6} {acc['trafilatura']['date']:6} {acc['trafilatura']['body']:6}"
    )
    print(
        f"ratio: {speed['ratio_fields']}x (fields), {speed['ratio_full']}x (with entities); written to {OUT}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
