"""Pure extraction: HTML or text in, plain records out. No Scrapy here."""
