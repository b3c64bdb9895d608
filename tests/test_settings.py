"""Settings that switch a Scrapy safeguard off rely on a check here instead."""

from scrapy.utils.misc import is_generator_with_return_value

from crawler import settings
from crawler.spiders.portal import PortalSpider


def test_no_callback_is_a_generator_returning_a_value():
    # WARN_ON_GENERATOR_RETURN_VALUE is off for speed; a generator callback's return value would be lost silently.
    assert settings.WARN_ON_GENERATOR_RETURN_VALUE is False
    callbacks = [PortalSpider.parse_listing, PortalSpider.parse_article, PortalSpider.article_failed]
    assert [c.__name__ for c in callbacks if is_generator_with_return_value(c)] == []


def test_the_check_itself_finds_a_generator_returning_a_value():
    def callback(response):
        yield {"url": response}
        return "lost"

    assert is_generator_with_return_value(callback)
