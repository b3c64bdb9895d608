"""Log lines that name an item by its URL: Scrapy's own print the whole item, raw page bytes included."""

from __future__ import annotations

from scrapy.logformatter import LogFormatter


def _name(item) -> str:
    """An article by its URL, a dead link by its URL, anything else by its type."""
    if isinstance(item, dict):
        url = item.get("url") or (item.get("_dead_link") or {}).get("url")
        if url:
            return url
    return type(item).__name__


class ItemUrlLogFormatter(LogFormatter):
    """Same levels and messages as Scrapy's, with the item shown as its URL (a 30 KB page per line was logged)."""

    def scraped(self, item, response, spider):
        entry = super().scraped(item, response, spider)
        entry["args"]["item"] = _name(item)
        return entry

    def dropped(self, item, exception, response, spider):
        entry = super().dropped(item, exception, response, spider)
        entry["args"]["item"] = _name(item)
        return entry

    def item_error(self, item, exception, response, spider):
        entry = super().item_error(item, exception, response, spider)
        entry["args"]["item"] = _name(item)
        return entry
