"""The archive as a person uses it, in headless Chromium: search without accents, read, follow, export.

Needs Debian's Chromium at /usr/bin/chromium (.ci/run installs it: `apt-get install chromium`);
playwright drives it (`executable_path`), no browser is downloaded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
    page.fill("#archive-q", "le quoc hung")
    page.click("form.archive-search input[type=submit]")
    page.wait_for_selector(".archive-results")
    page.click(f".archive-results a:has-text('{seed['title'][:40]}')")

    page.wait_for_selector("article.archive-article h1")
    assert page.inner_text("article.archive-article h1") == seed["title"]
    assert seed["body"].split("\n\n")[0] in page.inner_text("article.archive-article")
    page.screenshot(path=str(OUTPUT / "article.png"), full_page=True)

    page.click("dl.entities a:has-text('Lê Quốc Hùng')")
    page.wait_for_selector("svg.month-chart")
    assert "Thứ trưởng Bộ Công an" in page.inner_text("body")
    page.screenshot(path=str(OUTPUT / "person.png"), full_page=True)

    with page.expect_download() as download:
        page.click("a[href*='.excel']")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert seed["title"] in data.decode("utf-8-sig")
    page.close()
