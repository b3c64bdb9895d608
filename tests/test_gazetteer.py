"""The place data's cache between processes: the same gazetteer as a fresh build, rebuilt when damaged or stale,
and never required (a read-only home still works)."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from crawler.data import gazetteer


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gazetteer.load.cache_clear()
    yield tmp_path
    gazetteer.load.cache_clear()


def same(a: gazetteer.Gazetteer, b: gazetteer.Gazetteer) -> bool:
    return asdict(a) == asdict(b)


def test_the_cached_gazetteer_is_the_built_one(cache_home):
    built = gazetteer.load()
    path = gazetteer.cache_path()
    assert path.is_file() and path.is_relative_to(cache_home)
    gazetteer.load.cache_clear()
    cached = gazetteer.load()
    assert same(cached, built) and same(cached, gazetteer.build())
    assert cached.province_at("Quảng Bình", None) == "Quảng Bình"


def test_a_damaged_cache_is_rebuilt(cache_home):
    gazetteer.load()
    path = gazetteer.cache_path()
    path.write_bytes(b"\x00not a marshal file")
    gazetteer.load.cache_clear()
    assert same(gazetteer.load(), gazetteer.build())
    assert path.read_bytes()[:5] != b"\x00not"


def test_an_edited_alias_file_names_another_cache(cache_home, monkeypatch, tmp_path):
    before = gazetteer.cache_path()
    aliases = tmp_path / "place_aliases.json"
    aliases.write_text('{"aliases": {"Xứ Thanh": "Thanh Hóa"}}', encoding="utf-8")
    monkeypatch.setattr(gazetteer, "_ALIASES", aliases)
    assert gazetteer.cache_path() != before
    assert gazetteer.load().aliases == {"Xứ Thanh": "Thanh Hóa"}


def test_an_unwritable_cache_folder_costs_only_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    gazetteer.load.cache_clear()
    try:
        assert same(gazetteer.load(), gazetteer.build())
    finally:
        gazetteer.load.cache_clear()
