"""A firewall's challenge page told by its shape, whatever vendor or host serves it."""

from __future__ import annotations

import pytest

from crawler.replica.pages2025 import CHALLENGE
from crawler.waf import is_challenge
from tests.conftest import FILES

CLOUDFLARE_LIKE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title><meta name='robots' content='noindex,nofollow'>"
    b"<script>(function(){window._cf_chl_opt={cvId:'3',cZone:'example.gov.vn',cType:'managed'};"
    b"var a=document.createElement('script');a.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1';"
    b"document.getElementsByTagName('head')[0].appendChild(a);})();</script></head>"
    b"<body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>"
)


@pytest.mark.parametrize("page", [CHALLENGE.encode(), CLOUDFLARE_LIKE], ids=["incapsula", "cloudflare"])
def test_challenge_pages_are_recognised(page):
    assert is_challenge(page, "text/html")


@pytest.mark.parametrize(
    "page",
    [
        (FILES / "not_article.html").read_bytes(),  # a short error page with text
        (FILES / "article_figure.html").read_bytes(),  # an article, with a script in it
        "<html><body><h1>Tin</h1><p>Ngắn.</p><script>var x=1;</script><a href='/a'>Xem thêm</a></body></html>".encode(),
        "<html><body><p>Không có script ở đây, chỉ một dòng.</p></body></html>".encode(),
    ],
    ids=["error-page", "article", "short-page-with-link", "no-script"],
)
def test_pages_with_content_are_not_challenges(page):
    assert not is_challenge(page, "text/html")


def test_only_html_is_judged():
    assert not is_challenge(CHALLENGE.encode(), "application/json")
