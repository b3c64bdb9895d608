"""Organisations named in Vietnamese news: ministries, party bodies, police units, people's committees.

Hand-written: a closed list of national bodies plus "<body> <place>" patterns; no package lists them.
Keys expand abbreviations (UBND → Ủy ban nhân dân) and write the place as "tỉnh X" / "thành phố X".
"""

from __future__ import annotations

import re
from functools import lru_cache

from crawler.extract.places import place_phrase_at
from crawler.extract.text import fold_tones, trie_pattern

ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "MTTQ": "Mặt trận Tổ quốc", "CSGT": "Cảnh sát giao thông",
    "BCA": "Bộ Công an", "CAND": "Công an nhân dân", "TAND": "Tòa án nhân dân", "VKSND": "Viện kiểm sát nhân dân",
    "BCH": "Ban Chấp hành", "PCCC": "phòng cháy, chữa cháy", "CNCH": "cứu nạn, cứu hộ", "QĐND": "Quân đội nhân dân",
    "CA": "Công an",
}  # fmt: skip
NATIONAL = (
    "Bộ Công an", "Bộ Quốc phòng", "Bộ Ngoại giao", "Bộ Tư pháp", "Bộ Y tế", "Bộ Tài chính", "Bộ Nội vụ",
    "Bộ Giáo dục và Đào tạo", "Bộ Lao động - Thương binh và Xã hội", "Bộ Giao thông vận tải", "Bộ Xây dựng",
    "Bộ Công Thương", "Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Nông nghiệp và Môi trường", "Bộ Khoa học và Công nghệ", "Bộ Thông tin và Truyền thông",
    "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Kế hoạch và Đầu tư", "Bộ Dân tộc và Tôn giáo", "Chính phủ", "Quốc hội",
    "Văn phòng Chính phủ", "Văn phòng Quốc hội", "Văn phòng Trung ương Đảng", "Văn phòng Chủ tịch nước",
    "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương Đảng", "Đảng ủy Công an Trung ương",
    "Ban Tuyên giáo Trung ương", "Ban Tổ chức Trung ương", "Ban Nội chính Trung ương", "Ban Kinh tế Trung ương",
    "Ban Dân vận Trung ương", "Ủy ban Kiểm tra Trung ương", "Ban Đối ngoại Trung ương", "Quân ủy Trung ương",
    "Mặt trận Tổ quốc Việt Nam", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao", "Kiểm toán Nhà nước", "Thanh tra Chính phủ", "Ngân hàng Nhà nước Việt Nam",
    "Công an nhân dân", "Quân đội nhân dân", "Đoàn TNCS Hồ Chí Minh", "Hội Liên hiệp Phụ nữ Việt Nam",
    "Tổng Liên đoàn Lao động Việt Nam", "Hội Cựu chiến binh Việt Nam", "Hội Nông dân Việt Nam",
    "Hội Chữ thập đỏ Việt Nam", "Học viện Chính trị quốc gia Hồ Chí Minh", "Học viện Cảnh sát nhân dân",
    "Học viện An ninh nhân dân", "Học viện Chính trị Công an nhân dân", "Học viện Quốc tế",
    "Trường Đại học Phòng cháy chữa cháy", "Trường Đại học Cảnh sát nhân dân", "Trường Đại học An ninh nhân dân",
    "Văn phòng Bộ Công an", "Bộ Tư lệnh Cảnh sát cơ động", "Bộ Tư lệnh Cảnh vệ", "Bộ Tư lệnh Thủ đô Hà Nội",
    "Bộ Tư lệnh Bộ đội Biên phòng", "Bộ đội Biên phòng", "Cảnh sát biển Việt Nam", "Báo Công an nhân dân",
    "Cơ quan Cảnh sát điều tra Bộ Công an", "Cơ quan An ninh điều tra Bộ Công an", "Viện Khoa học hình sự",
    "Cục Cảnh sát hình sự", "Cục Cảnh sát giao thông", "Cục Cảnh sát điều tra tội phạm về ma túy",
    "Cục Cảnh sát điều tra tội phạm về trật tự xã hội", "Cục Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu",
    "Cục Cảnh sát quản lý hành chính về trật tự xã hội", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
    "Cục Quản lý xuất nhập cảnh", "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Cục Đối ngoại",
    "Cục Tổ chức cán bộ", "Cục Công tác đảng và công tác chính trị", "Cục Pháp chế và cải cách hành chính, tư pháp",
    "Cục An ninh nội địa", "Cục An ninh chính trị nội bộ", "Cục Cảnh sát kinh tế", "Cục Kỹ thuật nghiệp vụ",
    "Cục Hồ sơ nghiệp vụ", "Cục Truyền thông Công an nhân dân", "Cục Y tế", "Cục Hậu cần", "Cục Kế hoạch và tài chính",
    "Cục Cảnh sát thi hành án hình sự và hỗ trợ tư pháp", "Cục An ninh kinh tế", "Cục An ninh đối ngoại",
    "Cục Cảnh sát môi trường", "Cục Cảnh sát quản lý trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng",
    "Cục Cảnh sát đường thủy", "Cục Đào tạo", "Cục Quản lý đào tạo", "Cục Tham mưu", "Cục Cảnh sát cơ động",
    "Thanh tra Bộ Công an", "Cục An ninh điều tra", "Cục Cảnh sát kinh tế", "Cục Công nghiệp an ninh",
    "Trung tâm Dữ liệu quốc gia về dân cư", "Trung tâm Nghiên cứu, ứng dụng dữ liệu dân cư và căn cước công dân",
    "Ban Chỉ đạo 138", "Ban Chỉ đạo 389 quốc gia", "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, tiêu cực",
    "Bộ An ninh Lào", "Bộ An ninh Công cộng Lào", "Bộ Nội vụ Campuchia", "Bộ Công an Trung Quốc", "Bộ Quốc phòng Lào",
    "Bộ Ngoại giao Lào", "Bộ Nội vụ Hoa Kỳ", "Bộ An ninh Nội địa Hoa Kỳ", "Bộ Công an Cuba", "Bộ Nội vụ Cuba",
    "Cơ quan Cảnh sát Quốc gia Hàn Quốc", "Cơ quan Cảnh sát Quốc gia Nhật Bản", "Cục Cảnh sát quốc gia Hàn Quốc",
    "Tổng cục Cảnh sát Lào", "Tổng cục Cảnh sát Quốc gia Campuchia", "Interpol", "ASEANAPOL",
    "Văn phòng Liên hợp quốc về Ma túy và Tội phạm", "Tổng cục Hậu cần - Kỹ thuật",
)  # fmt: skip
# Bodies named by a place after them: "Công an tỉnh Đồng Nai", "Thành ủy TP. Hồ Chí Minh".
PLACED = (
    "Công an", "Ủy ban nhân dân", "Hội đồng nhân dân", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy",
    "Đảng ủy Công an", "Đảng ủy", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc", "Tòa án nhân dân",
    "Viện kiểm sát nhân dân", "Bộ Chỉ huy Quân sự", "Bộ Chỉ huy Bộ đội Biên phòng", "Hội Cựu chiến binh",
    "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Liên đoàn Lao động", "Tỉnh đoàn", "Thành đoàn", "Đảng bộ",
    "Ban An toàn giao thông", "Cục Thuế", "Cục Hải quan", "Bộ đội Biên phòng", "Sở Y tế", "Sở Tư pháp",
    "Sở Giáo dục và Đào tạo", "Sở Giao thông vận tải", "Sở Xây dựng", "Sở Nội vụ", "Sở Tài chính",
    "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch", "Sở Ngoại vụ",
    "Sở Thông tin và Truyền thông", "Sở Tài nguyên và Môi trường", "Sở Công Thương", "Trại giam",
)  # fmt: skip
# Units of a provincial police force written before it: "Phòng Cảnh sát giao thông Công an tỉnh X".
_UNIT = (
    r"(?:Phòng|Đội|Trại tạm giam|Cơ quan Cảnh sát điều tra|Cơ quan An ninh điều tra) (?:[^\s;.()]+ ){0,14}?"
)


def expand_abbreviations(text: str) -> str:
    """Text with organisation abbreviations written out (UBND → Ủy ban nhân dân), tones folded."""
    return _abbreviations().sub(lambda m: ABBREVIATIONS[m.group(0)], fold_tones(text))


@lru_cache(maxsize=1)
def _abbreviations() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w.])(?:" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w])"
    )


def _alternation(words) -> str:
    return trie_pattern(fold_tones(w) for w in words)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # No lookbehind here: a leading assertion stops re from skipping ahead by first letter (6x slower).
    national = re.compile(
        rf"(?P<org>{_alternation(NATIONAL)}|Ban Bí thư Trung ương Đảng|Ban Bí thư Trung ương|"
        rf"Ban Chấp hành Trung ương(?: Đảng)?)(?![\w])"
    )
    placed = re.compile(rf"(?<![\w])(?P<unit>{_UNIT})?(?P<head>{_alternation(PLACED)}) (?=\S)")
    return national, placed


_CANONICAL = {
    "Ban Bí thư Trung ương Đảng": "Ban Bí thư",
    "Ban Bí thư Trung ương": "Ban Bí thư",
    "Ban Chấp hành Trung ương": "Ban Chấp hành Trung ương Đảng",
}


def find_organisations(text: str) -> list[str]:
    """Keys of the organisations named in text, each once, in order of first mention."""
    expanded = expand_abbreviations(text)
    national, placed = _patterns()
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for m in placed.finditer(expanded):
        place = place_phrase_at(expanded, m.end())
        if place is None:
            continue
        phrase, place_end = place
        head = " ".join(m.group("head").split())
        unit = " ".join((m.group("unit") or "").split())
        if head == "Tỉnh ủy" and phrase.startswith("tỉnh "):
            phrase = phrase[len("tỉnh ") :]  # "Tỉnh ủy Phú Thọ": the body already says "tỉnh"
        key = f"{unit + ' ' if unit else ''}{head} {phrase}"
        found.append((m.start(), key))
        covered.append((m.start(), place_end))
    for m in national.finditer(expanded):
        if any(s <= m.start() < e for s, e in covered) or (m.start() and expanded[m.start() - 1].isalnum()):
            continue
        key = " ".join(m.group("org").split())
        found.append((m.start(), _CANONICAL.get(key, key)))
    keys: list[str] = []
    for _, key in sorted(found):
        if key not in keys:
            keys.append(key)
    return keys
