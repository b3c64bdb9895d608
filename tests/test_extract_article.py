"""Article extraction against the replica's pages and hand-written saved pages."""

from __future__ import annotations

import json
import re

import pytest

from crawler.extract.article import ExtractionError, extract_article
from crawler.extract.text import clean_text
from crawler.replica.portal import TRACKING_QUERY, weekday_line
from crawler.sites import get_profile
from tests.conftest import FILES, fetch, run_cli

BOCONGAN = get_profile("bocongan_2024")
BOILERPLATE = ("Thống kê truy cập", "Các tin khác", "Liên kết website", "Tổng số:", "Trực tuyến:", "Chia sẻ")


def seed_lines(seed_file) -> list[str]:
    return [
        clean_text(line) for line in seed_file.read_text(encoding="utf-8").splitlines() if clean_text(line)
    ]


def entry_of(replica, quirk=None, seed=False):
    return next(e for e in replica.portal.entries if (e.is_seed if seed else e.quirk == quirk))


def extract_from_replica(replica, path: str):
    page = fetch(replica.base_url + path)
    assert page.status == 200
    return extract_article(
        page.body, replica.base_url + path, BOCONGAN, content_type=page.headers.get("Content-Type")
    )


def test_seed_article_from_the_replica(replica, seed_file):
    lines = seed_lines(seed_file)
    header_date, title, dateline = lines[:3]
    source_at = next(i for i, line in enumerate(lines) if line.startswith("https://"))
    first_paragraph, last_paragraph = lines[3], lines[source_at - 1]

    record = extract_from_replica(replica, entry_of(replica, seed=True).path)

    assert record.title == title
    assert record.published_at == "2023-03-31"
    assert record.body.startswith(first_paragraph)
    assert record.body.endswith(last_paragraph)
    assert record.source == "https://bocongan.gov.vn/"
    for text in BOILERPLATE + (header_date, dateline, weekday_line(replica.portal.today())):
        assert text not in record.body
    # Both photo captions and the reworded repetition are captions, none of them body text.
    photo_lines = [
        line for i, line in enumerate(lines[3:source_at], 3) if len(line) < 80 and not line.endswith("...")
    ]
    assert len(record.captions) == 3
    for caption in record.captions:
        assert caption in photo_lines
        assert caption not in record.body
    assert record.body.count("\n\n") == 7  # eight paragraphs, NBSP-only ones dropped
    assert len(record.images) == 2


def test_every_replica_article_matches_its_truth(replica):
    """Pure extraction over every article page of the replica, field by field against the truth."""
    mismatches = []
    for truth in replica.portal.truth(replica.base_url):
        if truth["quirk"] == "fail_once":
            fetch(truth["url"])  # spend the one-time 500
        record = extract_from_replica(replica, truth["path"])
        for field in ("url", "title", "published_at", "lead", "body", "captions", "category", "source"):
            if getattr(record, field) != truth[field]:
                mismatches.append((truth["path"], field, getattr(record, field), truth[field]))
    assert mismatches == []


@pytest.mark.parametrize(
    ("quirk", "check"),
    [
        ("no_date", lambda r, t: r.published_at is None),
        (
            "entities",
            lambda r, t: '"An ninh & Trật tự"' in r.title and "&#" not in r.body and "\u00a0" not in r.body,
        ),
        ("long_body", lambda r, t: len(r.body) > 50_000 and r.body == t["body"]),
        ("windows_1258", lambda r, t: r.title == t["title"] and r.body == t["body"]),
        ("wrong_charset", lambda r, t: r.title == t["title"] and r.body == t["body"]),
    ],
)
def test_awkward_pages(replica, quirk, check):
    entry = entry_of(replica, quirk)
    record = extract_from_replica(replica, entry.path)
    assert check(record, replica.portal.truth_of(entry, replica.base_url))


def test_tracking_parameters_are_not_part_of_the_url(replica):
    entry = entry_of(replica, "tracking_link")
    record = extract_from_replica(replica, f"{entry.path}?{TRACKING_QUERY}")
    assert record.url == replica.base_url + entry.path


def test_times_in_the_date_line_are_kept(replica):
    timed = [e for e in replica.portal.entries if e.has_time and e.dateline and "|" in e.dateline][:3]
    assert timed
    for entry in timed:
        record = extract_from_replica(replica, entry.path)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+07:00", record.published_at)
        assert record.published_at[11:16] == entry.dateline[:5]


def test_saved_page_with_figures_and_wrappers():
    page = (FILES / "article_figure.html").read_bytes()
    record = extract_article(
        page, "https://bocongan.gov.vn/tin-tuc-su-kien/x-t1001.html?utm_source=fb", BOCONGAN
    )
    assert record.title == "Công an tỉnh Lạng Sơn ra quân bảo đảm trật tự an toàn giao thông dịp cuối năm"
    assert record.published_at == "2024-12-20T08:15:00+07:00"
    assert record.lead.startswith("Sáng 19/12, Công an tỉnh Lạng Sơn")
    assert record.body.split("\n\n") == [
        "Phát biểu tại buổi lễ, Đại tá Hoàng Minh Tuấn, Giám đốc Công an tỉnh yêu cầu các lực lượng tăng cường tuần tra.",
        "Lực lượng Cảnh sát giao thông sẽ kiểm soát các tuyến quốc lộ 1A, 4B và 279 đến hết ngày 15/2/2025.",
        "Trong năm 2024, toàn tỉnh đã xử lý 12.450 trường hợp vi phạm.",
    ]
    assert record.captions == [
        "Đại tá Hoàng Minh Tuấn phát biểu tại buổi lễ ra quân.",
        "Đại tá Hoàng Minh Tuấn phát biểu tại lễ ra quân.",
    ]
    assert record.images == ["https://bocongan.gov.vn/uploads/2024/12/ra-quan.jpg"]
    assert record.url == "https://bocongan.gov.vn/tin-tuc-su-kien/x-t1001.html"
    assert record.category == "Hoạt động của địa phương"


def test_a_page_without_a_title_is_an_extraction_error():
    with pytest.raises(ExtractionError):
        extract_article((FILES / "not_article.html").read_bytes(), "https://bocongan.gov.vn/x.html", BOCONGAN)


@pytest.mark.parametrize("garbage", [b"", b"\x00\xff\xfe garbage", b"<html><body><h2>no h1</h2>"])
def test_garbage_is_an_extraction_error_not_a_crash(garbage):
    with pytest.raises(ExtractionError):
        extract_article(garbage, "https://bocongan.gov.vn/x.html", BOCONGAN)


def test_extract_command_prints_one_json_record(replica, seed_file, tmp_path):
    entry = entry_of(replica, seed=True)
    page = tmp_path / "seed.html"
    page.write_bytes(fetch(replica.base_url + entry.path).body)
    result = run_cli("extract", str(page), "--url", replica.base_url + entry.path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert {"url", "title", "published_at", "lead", "body", "captions", "people", "locations"} <= set(record)
    assert record["title"] == seed_lines(seed_file)[1]
    assert record["published_at"] == "2023-03-31"
    people = {p["name"]: p for p in record["people"]}
    assert set(people) == {"Lê Quốc Hùng", "Nguyễn Văn Hiếu"}
    assert {"Trung tướng", "Thứ trưởng Bộ Công an"} <= set(people["Lê Quốc Hùng"]["titles"])
    assert "Phó Bí thư Thành ủy TP. Hồ Chí Minh" in people["Nguyễn Văn Hiếu"]["titles"]
    assert {(p["province"], p["province_now"]) for p in record["locations"]} == {
        ("Hồ Chí Minh", "Hồ Chí Minh")
    }
    assert {"Bộ Công an", "Ban Bí thư"} <= {o["name"] for o in record["organisations"]}
    assert {"Kết luận ngày 22/01/2019", "Chỉ thị 09"} <= {d["key"] for d in record["documents"]}


def test_extract_command_reports_a_non_article(tmp_path):
    result = run_cli("extract", str(FILES / "not_article.html"), "--url", "https://bocongan.gov.vn/x.html")
    assert result.returncode == 1 and "not an article" in result.stderr and "no article text" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_figure_wrapped_in_a_div_is_a_photo_not_body():
    page = (
        '<html><body><div class="news-detail"><h1 class="title-news">Tiêu đề</h1>'
        '<div class="content-news"><p>Đoạn một.</p>'
        '<div class="img-wrap"><figure><img src="/a.jpg"><figcaption>Quang cảnh hội nghị.</figcaption></figure></div>'
        "<p><em>Quang cảnh hội nghị.</em></p><p>Đoạn hai.</p></div></div></body></html>"
    )
    record = extract_article(page, "https://bocongan.gov.vn/tin-tuc-su-kien/x-t5.html", BOCONGAN)
    assert record.body == "Đoạn một.\n\nĐoạn hai."
    assert record.captions == ["Quang cảnh hội nghị."]
    assert record.images == ["https://bocongan.gov.vn/a.jpg"]


def test_a_page_no_profile_knows_is_read_generically_with_the_date_after_the_title(tmp_path):
    """trafilatura alone would take the header's "today" date; the date line after the h1 must win."""
    page = tmp_path / "other.html"
    body = "".join(
        f"<p>Đoạn {i}: Công an tỉnh Quảng Trị phối hợp với các đơn vị tổ chức tuần tra, kiểm soát trên các tuyến "
        f"giao thông trọng điểm, bảo đảm an ninh trật tự trong dịp lễ.</p>"
        for i in range(1, 5)
    )
    page.write_text(
        '<html><head><meta charset="utf-8"><title>Tin tức</title></head><body>'
        '<div class="top-date">Thứ Sáu, 27/11/2026</div><main><article>'
        "<h1>Tăng cường tuần tra bảo đảm an ninh trật tự dịp lễ</h1>"
        '<div class="meta">Đăng ngày 02/09/2024 07:45</div>'
        f"{body}</article></main></body></html>",
        encoding="utf-8",
    )
    result = run_cli("extract", str(page), "--url", "https://congan.example.gov.vn/tin/tang-cuong-tuan-tra")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["extracted_by"] == "generic"
    assert record["title"] == "Tăng cường tuần tra bảo đảm an ninh trật tự dịp lễ"
    assert record["published_at"] == "2024-09-02T07:45:00+07:00"
    assert record["body"].startswith("Đoạn 1:") and record["body"].count("\n\n") == 3
    assert {p["province"] for p in record["locations"]} == {"Quảng Trị"}


def test_extract_command_reads_a_folder_in_one_process(replica, tmp_path):
    entries = [e for e in replica.portal.entries if e.quirk is None][:5]
    for entry in entries:
        (tmp_path / f"{entry.id}.html").write_bytes(fetch(replica.base_url + entry.path).body)
    (tmp_path / "notes.txt").write_text("not a page")
    result = run_cli("extract", str(tmp_path))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # No --url: each page's canonical link gives it.
    assert [r["url"] for r in records] == [
        replica.base_url + e.path for e in sorted(entries, key=lambda e: str(e.id))
    ]
    assert all(r["title"] and r["body"] for r in records)
