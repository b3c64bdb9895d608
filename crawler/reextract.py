"""Rebuild every stored article's extracted fields from what was stored, without the network."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.archive import Archive
from crawler.extract.article import ExtractionError
from crawler.extract.auto import extract_stored
from crawler.extract.entities import extract_entities
from crawler.pages import PageStore, pages_path

BATCH = 500


def reextract(db: str | Path) -> dict:
    """Re-run extraction over stored raw pages (all fields), else over stored text (entities only).

    Each batch is one transaction, so a killed run leaves whole batches done and can be run again.
    """
    archive = Archive(db)
    try:
        if pages_path(db).exists():
            return _from_pages(archive, PageStore(pages_path(db)))
        return {"source": "text", "articles": _from_text(archive), "failed": 0}
    finally:
        archive.close()


def _from_pages(archive: Archive, store: PageStore) -> dict:
    done = failed = 0
    batch: list[dict] = []
    sites = dict(archive.db.execute("select id, site from articles").fetchall())
    try:
        for page in store.latest():
            site = sites.get(page.article_id)
            if site is None:
                continue
            try:
                record = extract_stored(
                    page.body, page.url, site, content_type=page.headers.get("Content-Type")
                )
            except ExtractionError:
                failed += 1
                continue
            batch.append({**record.to_dict(), "id": page.article_id})
            if len(batch) >= BATCH:
                archive.replace_extracted(batch)
                done, batch = done + len(batch), []
        if batch:
            archive.replace_extracted(batch)
            done += len(batch)
    finally:
        store.close()
    return {"source": "pages", "articles": done, "failed": failed}


def _from_text(archive: Archive) -> int:
    done, last = 0, 0
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
            records.append({"id": row["id"], "published_at": row["published_at"], **entities.__dict__})
        archive.replace_entities(records)
        done += len(rows)
        last = rows[-1]["rowid"]
