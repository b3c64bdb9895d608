"""Inputs the coverage-guided fuzzer (make fuzz) crashed on, replayed through the crawl's entry points.

Each file in tests/files/fuzz/ is a crash minimised by hand from build/fuzz/crashes/; its name says what it
holds. A new crash goes there with its fix, and this test keeps it fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract.article import ExtractionError
from crawler.extract.auto import extract_for_site
from crawler.extract.dates import parse_vietnamese_date
from crawler.extract.encoding import decode_html
from crawler.extract.listing import parse_listing
from crawler.sites import get_profile

CRASHES = sorted((Path(__file__).parent / "files" / "fuzz").glob("*.html"))
SITES = {
    "bocongan": "https://bocongan.gov.vn/bai-viet/bai-viet-d2-t34656",
    "bocongan_2024": "https://bocongan.gov.vn/tin-tuc-su-kien/bai-viet-t34656.html",
    "congan_tinh": "https://congan.quangninh.gov.vn/web/guest/tin-tuc/-/view-content/5120051/bai-viet",
}


def test_the_crash_corpus_is_there():
    assert CRASHES, "tests/files/fuzz/ holds no saved crash"


@pytest.mark.parametrize("path", CRASHES, ids=lambda p: p.stem)
@pytest.mark.parametrize("site", SITES)
def test_a_saved_crash_gives_a_record_or_extraction_error(path, site):
    body = path.read_bytes()
    try:
        record, _ = extract_for_site(body, SITES[site], site)
        assert record["title"]
    except ExtractionError:
        pass
    try:
        parse_listing(body, SITES[site], get_profile(site))
    except ExtractionError:
        pass
    parse_vietnamese_date(decode_html(body)[0])


def test_a_control_character_after_a_dropped_script_is_left_out():
    """The first atheris crash: lxml refused the \\x1c it had parsed when drop_tree merged the script's tail."""
    page = '<h1 class="title-news">Tin</h1><div class="news-detail"><div class="content-news"><p>a</p>'
    page += "<script></script>\x1cb\ufffe</div></div>"
    record, failure = extract_for_site(page.encode(), SITES["bocongan_2024"], "bocongan_2024")
    assert (record["title"], record["body"], failure) == ("Tin", "a\n\nb", None)
