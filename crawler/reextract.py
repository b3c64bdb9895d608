"""Recompute every stored article's entities from what the archive holds, without the network."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.archive import Archive
from crawler.extract.entities import extract_entities

BATCH = 500


def reextract(db: str | Path) -> int:
    """Re-run entity extraction over all articles, one transaction per batch; returns the articles done.

    Batches are read by rowid ranges, so a killed run leaves whole batches done and can simply be run again.
    """
    archive = Archive(db)
    done, last = 0, 0
    try:
        while True:
            rows = list(
                archive.db.query(
                    "select rowid, id, title, lead, body, captions, published_at from articles "
                    "where rowid > ? order by rowid limit ?",
                    [last, BATCH],
                )
            )
            if not rows:
                return done
            records = []
            for row in rows:
                entities = extract_entities(
                    row["title"],
                    row["lead"],
                    row["body"],
                    json.loads(row["captions"] or "[]"),
                    row["published_at"],
                )
                records.append({"id": row["id"], **entities.__dict__})
            archive.replace_entities(records)
            done += len(rows)
            last = rows[-1]["rowid"]
    finally:
        archive.close()
