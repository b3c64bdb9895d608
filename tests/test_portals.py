"""The list of real portals to start from (crawler/sites/portals.csv), checked against the public facts it
was built from (../shared/REAL-SITES.md) where that file is present."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.sites import all_profiles
from crawler.sites.portals import FAMILIES, get_portal, load_portals
from tests.conftest import run_cli

REAL_SITES = Path(__file__).resolve().parents[2] / "shared" / "REAL-SITES.md"


def test_every_portal_has_a_home_page_and_a_known_family():
    portals = load_portals()
    assert len(portals) >= 10
    for portal in portals.values():
        parts = urlsplit(portal.home_url)
        assert parts.scheme == "https" and parts.hostname.endswith(".gov.vn") and parts.path == "/", portal
        assert portal.family in FAMILIES and portal.notes, portal
    # Every CMS family the facts name has a portal to start from.
    assert set(FAMILIES) - {"unknown"} <= {p.family for p in portals.values()}


def test_the_profiled_portals_are_listed_under_their_hosts():
    hosts = {urlsplit(p.home_url).hostname for p in load_portals().values()}
    for profile in all_profiles():
        assert urlsplit(profile.base_url).hostname in hosts, profile.name


def test_every_ministry_host_in_the_public_facts_is_listed():
    if not REAL_SITES.exists():
        pytest.fail(f"this check reads {REAL_SITES}: put the shared folder beside the project (../shared)")
    text = REAL_SITES.read_text(encoding="utf-8")
    hosts = {urlsplit(p.home_url).hostname for p in load_portals().values()}
    for host in ("moit.gov.vn", "moet.gov.vn", "molisa.gov.vn", "mard.gov.vn", "moj.gov.vn", "mt.gov.vn",
                 "mic.gov.vn", "mod.gov.vn", "mof.gov.vn", "bvhttdl.gov.vn"):  # fmt: skip
        assert host in text and host in hosts, host


def test_an_unknown_portal_is_a_usage_error_naming_the_listed_ones():
    with pytest.raises(KeyError, match="moet"):
        get_portal("nope")
    result = run_cli("check-site", "--portal", "nope")
    assert result.returncode == 2 and "listed portals:" in result.stderr


def test_crawl_of_an_unknown_portal_is_a_usage_error(tmp_path):
    result = run_cli("crawl", "--portal", "nope", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2 and "listed portals:" in result.stderr
