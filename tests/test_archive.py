"""The archive's storage rules on a real SQLite file."""

from __future__ import annotations

import sqlite3

import pytest

from crawler.archive import SCHEMA_VERSION, Archive
from crawler.search import fts_query, table_search


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
        "select a.id from articles_fts join articles a on a.rowid = articles_fts.rowid "
        "where articles_fts match 'Quảng Ninh'"
    ).fetchall()
    assert hits == [("bocongan-t1",)]
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


def test_the_index_holds_the_folded_text_and_queries_are_folded_to_meet_it(archive):
    archive.upsert_articles([record(1)])
    match = "select count(*) from articles_fts where articles_fts match ?"
    assert archive.db.execute(match, ["nang"]).fetchone()[0] == 1
    assert archive.db.execute(match, ["Đà"]).fetchone()[0] == 0  # unicode61 keeps đ: the query must be folded
    for query in (fts_query("Đà Nẵng"), table_search("Đà Nẵng"), table_search("Đà AND Nẵng", raw=True)):
        assert archive.db.execute(match, [query]).fetchone()[0] == 1, query
    assert (
        archive.db.execute("select sql from sqlite_master where name = 'articles_fts'")
        .fetchone()[0]
        .count("search_text")
        == 1
    )


DATES = [
    "2024-05-06T08:00:00+07:00",
    None,
    "2024-05-06",
    "2019-12-31T23:59:59+07:00",
    "2024-05-06T08:00:00+07:00",
    "2024-05-06T07:59+07:00",
    "2025-01-01",
    None,
    "2024-05-06",
]


def _newest_first(archive) -> list[str]:
    return [r[0] for r in archive.db.execute("select id from articles order by rowid desc")]


def test_rowids_follow_publication_time_so_the_index_lists_newest_first(archive):
    records = [record(n, published_at=d) for n, d in enumerate(DATES)]
    archive.upsert_articles(records[::2])
    archive.upsert_articles(records[1::2])  # a later batch may hold older articles
    dated = sorted(
        (r for r in records if r["published_at"]), key=lambda r: r["published_at"][:19], reverse=True
    )
    newest = _newest_first(archive)
    order = {aid: i for i, aid in enumerate(newest)}
    for a in dated:  # strictly later times come strictly first; undated articles come last
        for b in dated:
            if a["published_at"][:19] > b["published_at"][:19]:
                assert order[a["id"]] < order[b["id"]], (a["published_at"], b["published_at"])
    assert set(newest[len(dated) :]) == {"bocongan-t1", "bocongan-t7"}
    hits = archive.db.execute(
        "select rowid from articles_fts where articles_fts match 'nang' order by rowid desc"
    ).fetchall()
    assert [h[0] for h in hits] == [
        r[0] for r in archive.db.execute("select rowid from articles order by rowid desc")
    ]


def test_a_changed_date_moves_the_article_and_its_index_entry(archive):
    archive.upsert_articles([record(1), record(2, published_at="2020-01-01")])
    archive.upsert_articles([record(2, published_at="2026-01-01", body="Bài đã sửa ngày.")])
    assert _newest_first(archive) == ["bocongan-t2", "bocongan-t1"]
    archive.replace_extracted([record(2, published_at="2010-01-01", body="Bài đã sửa ngày.")])
    assert _newest_first(archive) == ["bocongan-t1", "bocongan-t2"]
    archive.db.execute("insert into articles_fts (articles_fts) values ('integrity-check')")
    found = archive.db.execute(
        "select a.id from articles_fts join articles a on a.rowid = articles_fts.rowid "
        "where articles_fts match 'sua'"
    ).fetchall()
    assert found == [("bocongan-t2",)]


def test_an_archive_made_before_date_keys_is_renumbered_on_open(tmp_path):
    path = tmp_path / "archive.db"
    first = Archive(path)
    first.upsert_articles([record(n, published_at=d) for n, d in enumerate(DATES)])
    conn = first.db.conn
    for trigger in ("articles_ai", "articles_ad", "articles_au"):  # as the earlier code made it
        conn.execute(f"drop trigger {trigger}")
    conn.execute("drop table articles_fts")
    ids = [r[0] for r in conn.execute("select id from articles order by id")]
    conn.executemany(
        "update articles set rowid = ? where id = ?", [[i + 1, aid] for i, aid in enumerate(ids)]
    )
    conn.commit()
    first.db["articles"].enable_fts(
        ["title", "lead", "body", "search_text"],
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )
    conn.execute("pragma user_version = 0")
    first.close()
    again = Archive(path)
    assert again.db.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
    fresh = Archive(tmp_path / "fresh.db")
    fresh.upsert_articles([record(n, published_at=d) for n, d in enumerate(DATES)])
    assert list(again.db.execute("select rowid, id from articles order by rowid")) == list(
        fresh.db.execute("select rowid, id from articles order by rowid")
    )
    again.db.execute("insert into articles_fts (articles_fts) values ('integrity-check')")
    match = "select count(*) from articles_fts where articles_fts match ?"
    assert again.db.execute(match, [fts_query("Đà Nẵng")]).fetchone()[0] == len(DATES)


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


def _recounted(archive) -> tuple[set, set]:
    people = set(
        archive.db.execute(
            "select person, coalesce(substr(published_at, 1, 7), ''), count(*) from article_people group by 1, 2"
        ).fetchall()
    )
    places = set(
        archive.db.execute(
            "select name, coalesce(substr(published_at, 1, 7), ''), count(distinct article_id) "
            "from province_links group by 1, 2"
        ).fetchall()
    )
    return people, places


def _kept(archive) -> tuple[set, set]:
    return (
        set(archive.db.execute("select person, month, articles from person_months").fetchall()),
        set(archive.db.execute("select name, month, articles from province_months").fetchall()),
    )


def test_month_counts_follow_every_change_of_links(tmp_path):
    archive = Archive(tmp_path / "archive.db")
    hung = {"name": "Lê Quốc Hùng", "ranks": [], "posts": [], "mentions": 1}
    lam = {"name": "Tô Lâm", "ranks": [], "posts": [], "mentions": 2}
    da_nang = {"name": "TP. Đà Nẵng", "kind": "province", "province": "Đà Nẵng", "province_now": "Đà Nẵng"}
    hoa_vang = {
        "name": "huyện Hòa Vang",
        "kind": "district",
        "province": "Đà Nẵng",
        "province_now": "Đà Nẵng",
    }
    quang_nam = {
        "name": "tỉnh Quảng Nam",
        "kind": "province",
        "province": "Quảng Nam",
        "province_now": "Đà Nẵng",
    }
    archive.upsert_articles(
        [
            record(
                1, people=[hung, lam], locations=[da_nang, hoa_vang]
            ),  # two places, one province: counted once
            record(2, published_at="2023-03-02", people=[hung], locations=[quang_nam]),
            record(3, published_at=None, people=[lam], locations=[quang_nam, da_nang]),
        ]
    )
    people, places = _kept(archive)
    assert ("Lê Quốc Hùng", "2023-03", 2) in people and ("Tô Lâm", "", 1) in people
    assert ("Đà Nẵng", "2023-03", 2) in places and ("Quảng Nam", "2023-03", 1) in places
    assert ("Đà Nẵng", "", 1) in places
    assert _kept(archive) == _recounted(archive)
    # A changed date, a person dropped, a place added; then entities re-extracted; then a new article.
    archive.upsert_articles(
        [record(2, published_at="2024-07-01", body="Sửa.", people=[lam], locations=[da_nang])]
    )
    assert _kept(archive) == _recounted(archive)
    archive.replace_entities(
        [{"id": "bocongan-t1", "published_at": "2023-03-31T15:30:00+07:00", "people": [lam]}]
    )
    assert _kept(archive) == _recounted(archive)
    archive.upsert_articles([record(4, people=[hung], locations=[quang_nam, hoa_vang])])
    people, places = _kept(archive)
    assert all(n > 0 for *_, n in people | places)
    assert (people, places) == _recounted(archive)


def test_an_archive_made_before_month_counts_gets_them_on_open(tmp_path):
    path = tmp_path / "archive.db"
    first = Archive(path)
    first.upsert_articles(
        _dated([record(1), record(2, published_at="2024-05-06"), record(3, published_at=None)])
    )
    first.db.execute("drop table person_months")
    first.db.execute("drop table province_months")
    first.close()
    again = Archive(path)
    people, places = _kept(again)
    assert ("Lê Quốc Hùng", "2024-05", 1) in people and ("Đà Nẵng", "", 1) in places
    assert (people, places) == _recounted(again)


def _column_counts(archive) -> tuple[set, set]:
    kept = set(archive.db.execute("select facet, value, articles from article_counts").fetchall())
    recounted = {
        (column, value, n)
        for column in ("site", "category", "published_year")
        for value, n in archive.db.execute(
            f"select {column}, count(*) from articles where {column} is not null group by {column}"
        )
    }
    return kept, recounted


def test_site_category_and_year_counts_follow_every_write(tmp_path):
    archive = Archive(tmp_path / "archive.db")
    archive.upsert_articles([record(1), record(2, category="Tin địa phương"), record(3, published_at=None)])
    kept, recounted = _column_counts(archive)
    assert ("category", "Hoạt động của Bộ", 2) in kept and ("published_year", 2023, 2) in kept
    assert kept == recounted
    archive.upsert_articles([record(2, category="Hoạt động của Bộ", published_at="2025-02-03", body="Sửa.")])
    assert _column_counts(archive)[0] == _column_counts(archive)[1]
    archive.replace_extracted([record(1, category="An ninh trật tự", published_at="2019-01-01")])
    kept, recounted = _column_counts(archive)
    assert kept == recounted and ("category", "Tin địa phương", 1) not in kept  # emptied values leave
    archive.upsert_articles([record(1)])  # unchanged content: nothing counted twice
    assert _column_counts(archive)[0] == _column_counts(archive)[1]


def test_an_archive_made_before_column_counts_gets_them_on_open(tmp_path):
    path = tmp_path / "archive.db"
    first = Archive(path)
    first.upsert_articles([record(1), record(2, category="Tin địa phương"), record(3, published_at=None)])
    first.db.execute("drop table article_counts")
    first.close()
    kept, recounted = _column_counts(Archive(path))
    assert kept and kept == recounted


def test_an_article_twice_in_one_batch_is_stored_once_as_its_last_version(archive):
    counts = archive.upsert_articles(
        [record(1), record(2), record(1, body="Bản sau.", published_at="2024-01-02")]
    )
    assert (counts.new, counts.updated) == (2, 0)
    row = archive.db["articles"].get("bocongan-t1")
    assert row["body"] == "Bản sau." and row["published_at"] == "2024-01-02"
    kept, recounted = _column_counts(archive)
    assert kept == recounted
