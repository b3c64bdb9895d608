"""Log lines name an item by its URL, never by its content (the raw page made each line ~30 KB)."""

import logging

from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse

from crawler.logformatter import ItemUrlLogFormatter

URL = "http://127.0.0.1:8070/tin-tuc-su-kien/bai-viet-t1.html"
ITEM = {"url": URL, "title": "Tiêu đề", "body": "Nội dung bài", "_page": {"body": b"<!DOCTYPE html><html>"}}


def _line(entry: dict) -> str:
    return entry["msg"] % entry["args"]


def test_scraped_names_the_url_and_keeps_scrapys_level():
    response = HtmlResponse(URL, body=b"<html></html>")
    entry = ItemUrlLogFormatter().scraped(ITEM, response, None)
    assert entry["level"] == logging.DEBUG
    assert URL in _line(entry)
    assert "DOCTYPE" not in _line(entry) and "Nội dung" not in _line(entry)


def test_dropped_and_errors_name_the_url_or_the_dead_link():
    formatter = ItemUrlLogFormatter()
    dropped = formatter.dropped(ITEM, DropItem("missing title", log_level="WARNING"), None, None)
    assert dropped["level"] == logging.WARNING
    assert "missing title" in _line(dropped) and URL in _line(dropped) and "DOCTYPE" not in _line(dropped)
    dead = {"_dead_link": {"url": URL, "reason": "gone"}}
    assert URL in _line(formatter.item_error(dead, ValueError("x"), None, None))
    assert "list" in _line(formatter.item_error([1, 2], ValueError("x"), None, None))
