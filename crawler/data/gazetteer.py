"""Vietnam's provinces, districts and wards before and after the 1 July 2025 merger.

Source: the vietnamadminunits package (MIT), which ships the 63 provinces with their districts and
wards, the 34 provinces with their wards, centroids, and the old-to-new province mapping; read
from its data files. Written variants it lacks (TP.HCM, Thừa Thiên Huế…) are in place_aliases.json.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import marshal
import os
import sys
from dataclasses import astuple, dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from crawler.extract.text import fold_tones

MERGER_DATE = date(2025, 7, 1)


@dataclass(frozen=True)
class Province:
    """A province or centrally-run city: its short name, kind, centroid and the province it belongs to now."""

    name: str
    kind: str  # "tỉnh" or "thành phố"
    lat: float
    lon: float
    now: str  # the post-merger province this one belongs to (itself when it kept its name)
    current: bool  # one of the 34 provinces since 1 July 2025


@dataclass
class Gazetteer:
    legacy: dict[str, Province]  # 63 provinces before the merger, by name
    current: dict[str, Province]  # 34 provinces since the merger, by name
    aliases: dict[str, str]  # written variant -> legacy province name
    districts: dict[str, set[str]] = field(default_factory=dict)  # district short name -> legacy provinces
    wards_legacy: dict[str, set[str]] = field(default_factory=dict)  # ward short name -> legacy provinces
    wards_current: dict[str, set[str]] = field(default_factory=dict)  # ward short name -> current provinces

    def province_at(self, legacy_name: str, on: date | None) -> str:
        """The province a legacy name meant on a date: itself before the merger, its successor after."""
        if on is not None and on >= MERGER_DATE:
            return self.legacy[legacy_name].now
        return legacy_name


_SOURCES = ("parser_legacy.json", "parser_from_2025.json", "converter_2025.json")
_ALIASES = Path(__file__).with_name("place_aliases.json")
_CACHE_FORMAT = 1


def _data_folder() -> Path:
    # Found without importing the package: its __init__ loads its parsers and geopy (0.9 s of every start).
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the vietnamadminunits package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _read(name: str) -> dict:
    return json.loads((_data_folder() / name).read_text(encoding="utf-8"))


def _short(name: str | float) -> str:
    """A unit's short name; numbered urban units ("Quận 1") come as numbers in the data, a few as NaN."""
    if isinstance(name, float):
        return str(int(name)) if name == name else ""
    return fold_tones(name)


def _kind(full_name: str) -> str:
    return "thành phố" if full_name.lower().startswith("thành phố") else "tỉnh"


def cache_path() -> Path:
    """Where the built gazetteer is kept between processes: named by its sources' sizes and times and the
    aliases, so a new package release or an edited alias file builds it anew."""
    digest = hashlib.sha256(f"{_CACHE_FORMAT}:{sys.version_info[:2]}".encode())
    folder = _data_folder()
    for name in _SOURCES:
        stat = (folder / name).stat()
        digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    digest.update(_ALIASES.read_bytes())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "vn-ministry-news-archive" / f"gazetteer-{digest.hexdigest()[:16]}.marshal"


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, once per process: from the cache (10 ms) or built from the package's data (0.15 s)."""
    path = cache_path()
    try:
        legacy, current, aliases, districts, wards_legacy, wards_current = marshal.loads(path.read_bytes())
        return Gazetteer(
            {k: Province(*v) for k, v in legacy.items()},
            {k: Province(*v) for k, v in current.items()},
            aliases,
            districts,
            wards_legacy,
            wards_current,
        )
    except (OSError, ValueError, EOFError, TypeError):
        pass  # no cache yet, or a damaged one: build
    gaz = build()
    data = (
        {k: astuple(v) for k, v in gaz.legacy.items()},
        {k: astuple(v) for k, v in gaz.current.items()},
        gaz.aliases,
        gaz.districts,
        gaz.wards_legacy,
        gaz.wards_current,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(marshal.dumps(data))
        partial.replace(path)  # whole or absent: a reader never sees half a file
    except OSError:
        pass  # a read-only home: every process builds its own
    return gaz


def build() -> Gazetteer:
    """The gazetteer built from the package's data files and the aliases."""
    legacy_data, current_data = _read("parser_legacy.json"), _read("parser_from_2025.json")
    merged_into = {
        old: new for new, olds in _read("converter_2025.json")["DICT_PROVINCE"].items() for old in olds
    }
    current_keys = current_data["DICT_PROVINCE"]
    name_of = {key: fold_tones(p["provinceShort"]) for key, p in legacy_data["DICT_PROVINCE"].items()}
    name_of.update({key: fold_tones(p["provinceShort"]) for key, p in current_keys.items()})
    legacy = {
        name_of[key]: Province(
            name_of[key],
            _kind(p["province"]),
            p["provinceLat"],
            p["provinceLon"],
            name_of[merged_into[key]],
            key in current_keys,
        )
        for key, p in legacy_data["DICT_PROVINCE"].items()
    }
    current = {
        name_of[key]: Province(
            name_of[key], _kind(p["province"]), p["provinceLat"], p["provinceLon"], name_of[key], True
        )
        for key, p in current_keys.items()
    }
    aliases = {
        fold_tones(k): fold_tones(v) for k, v in json.loads(_ALIASES.read_text("utf-8"))["aliases"].items()
    }
    gaz = Gazetteer(legacy, current, aliases)
    for pkey, districts in legacy_data["DICT_PROVINCE_DISTRICT"].items():
        for d in districts.values():
            gaz.districts.setdefault(_short(d["districtShort"]), set()).add(name_of[pkey])
    for pkey, districts in legacy_data["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].items():
        for wards in districts.values():
            for w in wards.values():
                gaz.wards_legacy.setdefault(_short(w["wardShort"]), set()).add(name_of[pkey])
    for pkey, wards in current_data["DICT_PROVINCE_WARD_NO_ACCENTED"].items():
        for w in wards.values():
            gaz.wards_current.setdefault(_short(w["wardShort"]), set()).add(name_of[pkey])
    for table in (gaz.districts, gaz.wards_legacy, gaz.wards_current):
        table.pop("", None)
    return gaz
