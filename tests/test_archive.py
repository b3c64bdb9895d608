"""The archive's storage rules on a real SQLite file."""

from __future__ import annotations

import sqlite3

import pytest

from crawler.archive import Archive


def record(n: int, **changes) -> dict:
    base = {
        "id": f"bocongan-t{n}",
        "url": f"https://bocongan.gov.vn/tin-tuc-su-kien/bai-{n}-t{n}.html",
        "site": "bocongan",
        "category": "Hoạt động của Bộ",
        "title": f"Bài số {n} về Đà Nẵng",
        "published_at": "2023-03-31T15:30:00+07:00",
        "lead": None,
        "body": "Đoạn một.\n\nĐoạn hai.",
        "captions": ["Toàn cảnh hội nghị."],
        "images": [],
        "fetched_at": "2026-01-01T00:00:00+00:00",
    }
    return base | changes


@pytest.fixture
def archive(tmp_path):
    a = Archive(tmp_path / "archive.db")
    yield a
    a.close()


def test_upsert_inserts_then_leaves_unchanged_rows_alone(archive):
    assert archive.upsert_articles([record(1), record(2)]).new == 2
    before = list(archive.db.query("select * from articles order by id"))
    counts = archive.upsert_articles([record(1, fetched_at="2026-02-02T00:00:00+00:00"), record(2)])
    assert (counts.new, counts.updated, counts.unchanged) == (0, 0, 2)
    assert list(archive.db.query("select * from articles order by id")) == before


def test_changed_content_updates_and_keeps_first_seen(archive):
    archive.upsert_articles([record(1)])
    first = archive.db["articles"].get("bocongan-t1")
    counts = archive.upsert_articles([record(1, body="Nội dung mới về Quảng Ninh.")])
    row = archive.db["articles"].get("bocongan-t1")
    assert counts.updated == 1
    assert row["first_seen_at"] == first["first_seen_at"]
    assert row["content_hash"] != first["content_hash"]
    # The search index follows the update through its triggers.
    hits = archive.db.execute(
        "select rowid from articles_fts where articles_fts match 'Quảng Ninh'"
    ).fetchall()
    assert hits == [(1,)]
    assert (
        archive.db.execute("select count(*) from articles_fts where articles_fts match 'hai'").fetchone()[0]
        == 0
    )


def test_a_failing_batch_writes_nothing(archive):
    archive.upsert_articles([record(1)])
    broken = record(3, title=None)  # NOT NULL title: the database refuses this row
    with pytest.raises(sqlite3.IntegrityError):
        archive.upsert_articles([record(2), record(1, body="changed"), broken])
    assert archive.count() == 1
    assert archive.db["articles"].get("bocongan-t1")["body"] == record(1)["body"]


def test_year_and_json_columns(archive):
    archive.upsert_articles([record(1), record(2, published_at=None)])
    rows = {r["id"]: r for r in archive.db.query("select id, published_year, captions from articles")}
    assert rows["bocongan-t1"]["published_year"] == 2023
    assert rows["bocongan-t2"]["published_year"] is None
    assert rows["bocongan-t1"]["captions"] == '["Toàn cảnh hội nghị."]'


def test_search_ignores_accents_except_d(archive):
    archive.upsert_articles([record(1)])
    match = "select count(*) from articles_fts where articles_fts match ?"
    assert archive.db.execute(match, ["nang"]).fetchone()[0] == 1
    assert archive.db.execute(match, ["Đà"]).fetchone()[0] == 1


def _dated(records: list[dict]) -> list[dict]:
    people = [{"name": "Lê Quốc Hùng", "ranks": ["Thượng tướng"], "posts": [], "mentions": 1}]
    places = [{"name": "TP. Đà Nẵng", "kind": "province", "province": "Đà Nẵng", "province_now": "Đà Nẵng"}]
    return [r | {"people": people, "locations": places} for r in records]


def _link_dates(path) -> set:
    conn = sqlite3.connect(path)
    found = {
        (table, row[0], row[1])
        for table in ("article_people", "article_places")
        for row in conn.execute(f"select article_id, published_at from {table}")
    }
    conn.close()
    return found


def test_person_and_place_links_carry_their_articles_date_through_edits(archive):
    archive.upsert_articles(_dated([record(1), record(2, published_at="2024-05-06")]))
    assert _link_dates(archive.path) == {
        (t, aid, day)
        for t in ("article_people", "article_places")
        for aid, day in (("bocongan-t1", "2023-03-31T15:30:00+07:00"), ("bocongan-t2", "2024-05-06"))
    }
    archive.upsert_articles(_dated([record(2, published_at="2024-05-07", body="Đã sửa.")]))
    assert ("article_people", "bocongan-t2", "2024-05-07") in _link_dates(archive.path)
    plan = " ".join(
        row[3]
        for row in archive.db.execute(
            "explain query plan select article_id from article_people where person = 'x' "
            "order by published_at desc limit 10"
        )
    )
    assert "USING INDEX" in plan and "TEMP B-TREE" not in plan  # newest first straight from the index


def test_an_archive_made_before_dated_links_is_filled_in_on_open(tmp_path):
    path = tmp_path / "archive.db"
    first = Archive(path)
    first.upsert_articles(_dated([record(1), record(2, published_at="2024-05-06")]))
    first.db.execute("drop view province_links")
    first.db.execute("drop index idx_article_places_merged")
    for table, names in (("article_people", ["person"]), ("article_places", ["province", "province_now"])):
        for name in names:
            first.db.execute(f"drop index idx_{table}_{name}_published_at")
        first.db.execute(f"alter table {table} drop column published_at")  # as the earlier code made it
    first.close()
    assert Archive(path).db["article_people"].columns_dict.get("published_at") is str
    assert ("article_places", "bocongan-t2", "2024-05-06") in _link_dates(path)
    assert len(_link_dates(path)) == 4
