"""The archive as a person uses it, in headless Chromium, on an archive not named archive.db: an accent-free
search, its marked results, an article, a person's page, a CSV export. Screenshots go to tests/output/ (the
README's are copies of them in docs/).

Needs Debian's Chromium at /usr/bin/chromium (.ci/run installs it: `apt-get install chromium`);
playwright drives it (`executable_path`), no browser is downloaded.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from tests.conftest import DB

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OUTPUT = Path(__file__).parent / "output"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed: run `apt-get install chromium` (as root), as .ci/run does")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def test_search_read_follow_and_export_in_a_browser(browser, datasette, crawled):
    seed = next(t for t in crawled.truth if t["seed"])
    OUTPUT.mkdir(exist_ok=True)
    page = browser.new_page(accept_downloads=True, viewport={"width": 1200, "height": 1400})
    page.goto(datasette + "/")
    page.fill("input.archive-q", "le quoc hung")
    page.click("form.archive-search input[type=submit]")

    page.wait_for_selector("ol.archive-results")
    assert f"/{DB}/search?" in page.url
    assert "Lê Quốc Hùng" in page.locator("ol.archive-results mark").all_inner_texts()
    assert "bài khớp" in page.inner_text(".search-summary")
    assert page.locator("textarea").count() == 0  # no SQL editor: SQL is behind a link
    page.screenshot(path=str(OUTPUT / "search.png"), full_page=True)
    page.click(f"ol.archive-results h3 a:has-text('{seed['title'][:40]}')")

    page.wait_for_selector("article.archive-article h1")
    assert f"/{DB}/articles/" in page.url
    assert page.inner_text("article.archive-article h1") == seed["title"]
    assert seed["body"].split("\n\n")[0] in page.inner_text("article.archive-article")
    page.screenshot(path=str(OUTPUT / "article.png"), full_page=True)

    page.click("dl.entities a:has-text('Lê Quốc Hùng')")
    page.wait_for_selector("svg.month-chart")
    assert "Thứ trưởng Bộ Công an" in page.inner_text("body")
    page.screenshot(path=str(OUTPUT / "person.png"), full_page=True)

    with page.expect_download() as download:
        page.click("a.export-csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert seed["title"] in {r["title"] for r in rows}
    assert all(r["url"] for r in rows)

    page.goto(f"{datasette}/{DB}/search?q=cong+an")  # a broad search: pages of results and the chart
    page.wait_for_selector("nav.pages a[rel=next]")
    page.screenshot(path=str(OUTPUT / "search-many.png"))
    page.close()
