"""Places named in Vietnamese news: provinces in all their written forms, districts and wards where a pattern makes them certain."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from crawler.data.gazetteer import MERGER_DATE, Gazetteer, load
from crawler.extract.text import fold_tones, trie_pattern

# Latin capitals (Vietnamese included), for a name's first letter.
UPPER = "".join(
    ch
    for ch in map(chr, range(0x41, 0x1EFA))
    if ch.isalpha() and ch.isupper() and unicodedata.name(ch, "").startswith("LATIN")
)
CAP_WORD = rf"[{UPPER}][^\W\d_]*"
# Words that make a following province name part of something else: a street, a school, a river.
_NOT_A_PLACE_BEFORE = re.compile(
    r"(?:đường|phố|đại lộ|ngõ|hẻm|số \d+\w*|sông|cầu|chợ|bến|trường|học viện|đoàn|chủ tịch|tư tưởng|lăng|bác|"
    r"nhà máy|khách sạn|bệnh viện|quỹ|báo|đài|công ty|ngân hàng|đội|câu lạc bộ)\s*$",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r" (\w+)")
# A name after a bare province is a person ("Công an Hà Nội Nguyễn Văn A"), not a longer place name.
_SURNAME_STARTS = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn".split()
)
_UNIT_KINDS = r"thị xã|thị trấn|thành phố|quận|huyện|phường|xã"
_LIST_GAP = re.compile(r"[^\S\n]*,[^\S\n]*|[^\S\n]+và[^\S\n]+")


@dataclass(frozen=True)
class PlaceMention:
    """A place as written, the province it meant at the article's date, and the province it belongs to now."""

    name: str
    kind: str  # "province", "district" or "ward"
    province: str | None
    province_now: str | None
    start: int
    end: int


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every written province form (longest first) after an optional unit word."""
    gaz = load()
    forms = {name: name for name in gaz.legacy} | dict(gaz.aliases)
    names = trie_pattern(forms, space=r"[^\S\n]+")
    pattern = re.compile(
        rf"(?<![\w.])(?:(?P<unit>(?i:{_UNIT_KINDS}))[^\S\n]+(?P<uname>{CAP_WORD}(?:[^\S\n]+{CAP_WORD}){{0,3}}|\d{{1,2}})"
        rf"|(?:(?P<pre>(?i:tỉnh|thành phố|tp\.?|thủ đô))[^\S\n]*)?(?P<pname>{names}))(?![\w])"
    )
    return pattern, forms


def _province_mention(
    gaz: Gazetteer, legacy_name: str, written: str, on: date | None, start: int, end: int
) -> PlaceMention:
    return PlaceMention(
        written, "province", gaz.province_at(legacy_name, on), gaz.legacy[legacy_name].now, start, end
    )


def _unit(gaz: Gazetteer, kind: str, words: list[str], on: date | None) -> tuple[str, set[str], bool] | None:
    """The longest run of words naming a known district or ward: (name, candidate provinces, current)."""
    after_merger = on is not None and on >= MERGER_DATE
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        if kind in ("phường", "xã", "thị trấn"):
            if after_merger and name in gaz.wards_current:
                return name, gaz.wards_current[name], True
            if name in gaz.wards_legacy:
                return name, gaz.wards_legacy[name], False
        elif name in gaz.districts:
            return name, gaz.districts[name], False
    return None


def find_places(text: str, on: date | None = None) -> list[PlaceMention]:
    """Every place mention in text (NFC), in order. `on` is the article's date, for the province it meant."""
    gaz = load()
    pattern, forms = _patterns()
    folded = fold_tones(text)
    found: list[PlaceMention] = []
    legacy_named: set[str] = set()
    pending: list[tuple[str, int, int, set[str], bool]] = []  # units whose province depends on the others
    district_list: tuple[int, set[str]] = (
        -1,
        set(),
    )  # where the last district of a list ended, its provinces
    pos = 0
    while (m := pattern.search(folded, pos)) is not None:
        pos = m.end()
        if m.group("unit"):
            kind = m.group("unit").lower()
            words = m.group("uname").split()
            if kind == "thành phố" and " ".join(words[:4]) and _starts_with_province(forms, words):
                name, n = _starts_with_province(forms, words)
                end = m.start("uname") + len(" ".join(words[:n]))
                pos = end
                legacy_named.add(forms[name])
                found.append(_province_mention(gaz, forms[name], text[m.start() : end], on, m.start(), end))
                continue
            unit = _unit(gaz, kind, words, on)
            if unit is None:
                pos = m.start("uname")  # the words may still hold a province ("xã Hòa Bình, tỉnh …")
                continue
            name, provinces, current = unit
            end = m.start("uname") + len(name)
            pos = end
            pending.append((text[m.start() : end], m.start(), end, provinces, current))
            district_list = (end, provinces) if kind in ("huyện", "quận", "thị xã") else (-1, set())
            continue
        if not m.group("pre"):
            bare = " ".join(m.group("pname").split())
            list_end, list_provinces = district_list
            if (
                _LIST_GAP.fullmatch(folded, list_end, m.start())
                and forms.get(bare) not in list_provinces
                and gaz.districts.get(bare, set()) & list_provinces
            ):
                # "các huyện Lệ Thủy, Quảng Ninh và thị xã Ba Đồn": a district of the same province in the list,
                # not the province of that name ("huyện Đông Anh, Hà Nội" keeps its province).
                pending.append((text[m.start() : m.end()], m.start(), m.end(), gaz.districts[bare], False))
                district_list = (m.end(), list_provinces)
                continue
            after = _NEXT_WORD.match(folded, m.end())
            if after and after.group(1)[0].isupper() and after.group(1) not in _SURNAME_STARTS:
                continue  # "Điện Biên Phủ", "Hà Nam Ninh": the province name is part of a longer name
            before = folded[max(0, m.start() - 24) : m.start()]
            if _NOT_A_PLACE_BEFORE.search(before) or _inside_name(folded, m.start(), m.end()):
                continue
            if forms[m.group("pname")] == "Hồ Chí Minh" and m.group("pname") == "Hồ Chí Minh":
                continue  # bare "Hồ Chí Minh" is the person or a name (Đoàn TNCS, Học viện); the city has a prefix
        legacy = forms[" ".join(m.group("pname").split())]
        legacy_named.add(legacy)
        found.append(_province_mention(gaz, legacy, text[m.start() : m.end()], on, m.start(), m.end()))
    now_named = {gaz.legacy[name].now for name in legacy_named}
    for written, start, end, provinces, current in pending:
        kind = (
            "ward"
            if written.split()[0].lower() in ("phường", "xã") or written.lower().startswith("thị trấn")
            else "district"
        )
        named = now_named if current else legacy_named
        chosen = provinces if len(provinces) == 1 else provinces & named
        if kind == "ward" and named and not provinces & named:
            chosen = (
                set()
            )  # ward names repeat across the country: one far from every province named is another
        if len(chosen) != 1:
            found.append(PlaceMention(written, kind, None, None, start, end))
            continue
        (province,) = chosen
        if current:
            found.append(PlaceMention(written, kind, province, province, start, end))
        else:
            found.append(
                PlaceMention(
                    written, kind, gaz.province_at(province, on), gaz.legacy[province].now, start, end
                )
            )
    return sorted(found, key=lambda p: p.start)


def place_phrase_at(text: str, pos: int) -> tuple[str, int] | None:
    """The place written at pos, as an organisation key writes it ("tỉnh Đồng Nai", "huyện Lục Nam"), and its end."""
    gaz = load()
    pattern, forms = _patterns()
    m = pattern.match(text, pos)
    if m is None:
        return None
    if m.group("unit"):
        kind, words = m.group("unit").lower(), m.group("uname").split()
        province = _starts_with_province(forms, words) if kind == "thành phố" else None
        if province:
            name = forms[province[0]]
            # "thành phố Hà Tĩnh" is the city inside the province of that name, not the province.
            kind = "thành phố" if gaz.legacy[name].kind == "tỉnh" else gaz.legacy[name].kind
            return f"{kind} {name}", m.start("uname") + len(" ".join(words[: province[1]]))
        unit = _unit(gaz, kind, words, MERGER_DATE)  # an organisation's ward may be old or new
        if unit is None:
            return None
        return f"{kind} {unit[0]}", m.start("uname") + len(unit[0])
    name = forms[" ".join(m.group("pname").split())]
    return f"{gaz.legacy[name].kind} {name}", m.end()


def _starts_with_province(forms: dict[str, str], words: list[str]) -> tuple[str, int] | None:
    for n in range(min(4, len(words)), 0, -1):
        name = " ".join(words[:n])
        if name in forms:
            return name, n
    return None


def _inside_name(folded: str, start: int, end: int) -> bool:
    """A province name glued to other capitalised words is part of a person's or an organisation's name."""
    before = re.search(r"(\S+)\s+$", folded[max(0, start - 30) : start])
    if before:
        word = before.group(1)
        if word[0].isupper() and not word.isupper() and word[-1].isalpha() and word.lower() not in _OK_BEFORE:
            return True
    return False


# Capitalised words after which a province name is still the province.
_OK_BEFORE = {
    "công",
    "an",
    "tỉnh",
    "thành",
    "ủy",
    "đảng",
    "bộ",
    "sở",
    "tại",
    "ở",
    "về",
    "và",
    "của",
    "thủ",
    "đô",
    "phố",
    "với",
    "cho",
    "từ",
    "đến",
    "trên",
    "thuộc",
}
