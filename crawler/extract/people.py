"""People named in Vietnamese news, with the rank and posts written with each mention.

Hand-written: no library models this register (rank, name, posts; lists after one post), and
generic NER mislabels it (see the issue); the rules below are compiled once and run in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from crawler.extract.places import CAP_WORD
from crawler.extract.text import fold_tones, trie_pattern

RANKS = (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá",
    "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy", "Chuẩn úy", "Thượng sĩ", "Trung sĩ", "Hạ sĩ", "Binh nhất",
    "Binh nhì", "Đô đốc", "Phó Đô đốc", "Chuẩn Đô đốc",
)  # fmt: skip
# Roles written before a private person's name; a unit can follow them too ("công nhân Hạt Quản lý đường bộ"),
# so the name after a role must start with a surname.
ROLES = (
    "học viên", "giảng viên", "phóng viên", "công nhân", "nông dân", "ngư dân", "người dân", "du khách", "thầy giáo",
    "cô giáo", "bệnh nhân", "cựu chiến binh", "chiến sỹ", "đoàn viên", "hội viên", "già làng", "doanh nhân", "kỹ sư",
    "nghệ nhân", "vận động viên", "thí sinh", "tình nguyện viên", "bị hại", "người bị hại", "nhân chứng", "phụ xe",
    "thầy", "cô",
)  # fmt: skip
_ROLES = frozenset(fold_tones(r).casefold() for r in ROLES)
HONORIFICS = (
    "các đồng chí", "đồng chí", "ông", "bà", "anh", "chị", "em", "cháu", "cụ", "đối tượng", "bị can", "bị cáo",
    "nghi phạm", "nạn nhân", "chiến sĩ", "cán bộ", "học sinh", "sinh viên", "tài xế", "lái xe", "các ông", "các bà",
    "Giáo sư", "Phó Giáo sư", "GS.TS", "PGS.TS", "PGS. TS", "GS. TS", "TS.", "TS", "ThS.", "ThS", "Tiến sĩ", "Thạc sĩ",
    "Luật sư", "Nhà báo", "Nhà văn", "Bác sĩ", "Đại biểu", "Anh hùng", "Liệt sĩ", "Mẹ Việt Nam Anh hùng",
    "Đ/c", "Đ/C", "GS.TSKH", "PGS.TSKH", "TSKH", "NSND", "NSƯT", "NGND", "NGƯT", *ROLES,
)  # fmt: skip
POST_HEADS = (
    "Tổng Bí thư", "Chủ tịch nước", "Thủ tướng Chính phủ", "Thủ tướng", "Chủ tịch Quốc hội", "Bộ trưởng", "Thứ trưởng",
    "Ủy viên", "Bí thư", "Chủ tịch", "Giám đốc", "Tổng Giám đốc", "Cục trưởng", "Tổng Cục trưởng", "Vụ trưởng",
    "Chánh Văn phòng", "Chánh văn phòng", "Trưởng phòng", "Trưởng Phòng", "Trưởng Công an", "Trưởng Ban", "Trưởng ban",
    "Tư lệnh", "Chính ủy", "Chủ nhiệm", "Viện trưởng", "Chánh án", "Tổng cục trưởng", "Cục phó", "Vụ phó", "Đại sứ", "Tổng Lãnh sự", "Lãnh sự", "Hiệu trưởng",
    "Trưởng đoàn", "Trưởng Đoàn", "Đội trưởng", "Thường trực Ban Bí thư", "Thường trực", "Chỉ huy trưởng",
    "Thủ trưởng", "Tổng Thư ký", "Người phát ngôn", "Trưởng khoa", "Trưởng Khoa", "Trưởng trại", "Giám thị",
    "Trưởng Công an xã", "Trưởng thôn", "Trưởng ấp", "Trưởng bản", "Bí thư Chi bộ", "Trưởng Cơ quan", "Điều tra viên",
    "Chủ tịch UBND", "Chủ tịch HĐND", "Trưởng Ban Chỉ đạo", "Trợ lý", "Thư ký", "Phụ trách", "Th.tướng",
)  # fmt: skip
_POST_PREFIX = r"(?:(?:Nguyên|nguyên|Quyền|quyền|Phó|phó) )?(?:Phó )?"
SURNAMES = frozenset(
    fold_tones(s)
    for s in (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trương Lâm Mai Trịnh Đào Cao "
        "Lưu Hà Tạ Tô Thái Châu Lương Quách Kiều Chu Tăng Vương Triệu Thân Phùng Hứa Nghiêm Lại Khổng Lục Mạc Tôn Từ "
        "Diệp La Đàm Giang Kim Khúc Bạch Âu Ninh Thạch Lò Hầu Sầm Mẫn Cù Khuất Trình Nông Đồng Đới Đậu Thiều Tống "
        "Lã Vi Bế Lữ Phí Tiêu Viên Hàn Doãn Lạc Nhâm Quan Ứng Khương Chế Bành Danh Kha Liêu Ôn Y Quàng Hoàng Lường Sùng "
        "Giàng Vàng Thào Mùa Hạng Lầu Tòng Lưu Mông Điểu Ksor Rơ Siu Nay Rah Văn Ngụy Mạc Âu Dư Phó Tiết Yên "
        "Cầm Điêu Bàn Ma Chảo Lù Hờ Lèo"
    ).split()
)
# First words of organisations and places, which a trigger word can precede ("chiến sĩ Đội Cảnh sát …").
NOT_NAME_START = frozenset(
    "Bộ Đội Đoàn Cục Phòng Ban Công Trường Học Sở Viện Ủy Hội Tổ Trung Thành Tỉnh Huyện Quận Xã Phường Cảnh Tòa "
    "Trại Chi Đảng Quân Nhà Bệnh Lực Cơ Ngân Báo Đài Tổng Liên Văn Thanh Ủy Phó Giám Thứ Chủ Bí Trưởng Đại Thiếu "
    "Thượng Khoa Phân Tiểu Trạm Đồn Cụm Khu Làng Xóm Thôn Bản Ấp Hợp Tập Nhóm Tạp".split()
)
# Country and bloc names, written like people's names but never one; hand-written, as no package lists them in Vietnamese.
COUNTRIES = frozenset(
    "Việt Nam|Lào|Campuchia|Trung Quốc|Hàn Quốc|Nhật Bản|Hoa Kỳ|Mỹ|Liên bang Nga|Nga|Pháp|Đức|Anh|Úc|Ấn Độ|Thái Lan|"
    "Singapore|Malaysia|Indonesia|Philippines|Myanmar|Brunei|Đông Timor|Cuba|Triều Tiên|Mông Cổ|Belarus|Kazakhstan|"
    "Ukraine|Israel|Canada|New Zealand|Hà Lan|Bỉ|Thụy Sĩ|Thụy Điển|Na Uy|Italy|Tây Ban Nha|Ba Lan|Séc|Hungary|"
    "Liên hợp quốc|ASEAN|Interpol".split("|")
)
# Names that look like people and are not: the city and its namesakes, handled by the place extractor.
NOT_PEOPLE = frozenset({"Hồ Chí Minh"})
# Words after which a capitalised run is an address or an institution, not a person.
_NOT_PERSON_BEFORE = re.compile(
    r"(?:đường|phố|đại lộ|ngõ|hẻm|số \d+\w*|trường|học viện|đoàn|tư tưởng|lăng|cầu|chợ|quận|huyện|phường|xã|"
    r"thị xã|thị trấn|tỉnh|thành phố|tp\.?|giải thưởng|huân chương|huy chương|THPT|THCS|tiểu học)\s*$",
    re.IGNORECASE,
)
# Where a post written after a name stops: a verb or a preposition starting the rest of the sentence.
_POST_STOP = re.compile(
    r"\s(?:làm|đã|đang|sẽ|vừa|cùng|chủ trì|phát biểu|dự(?! khuyết)|tham dự|cho biết|nhấn mạnh|khẳng định|yêu cầu|đề nghị|trao|"
    r"tặng|tại|trong|với|thăm|kiểm tra|làm việc|tiếp|chúc mừng|ghi nhận|đánh giá|biểu dương|chỉ đạo|gửi|báo cáo|lưu ý|"
    r"có|là|được|bày tỏ|cảm ơn|đề xuất|thông tin|nêu|chia sẻ|trình bày|điều hành|dẫn đầu|ký|kết luận|đến|về việc|"
    r"nhận|giới thiệu|trả lời|quán triệt|phụ trách|mong muốn|hoan nghênh|thay mặt|động viên|thừa ủy quyền)(?=\s|,|\.|$)"
)
# A full stop ends a clause, except in "TP." and "Tp." (TP. Hồ Chí Minh).
_COMMA = re.compile(r" ?, ?")
_AND = re.compile(r" và ")
_CLAUSE_END = re.compile(r"[\n,;:()\[\]\"“”]|(?<!TP)(?<!Tp)\.| [-–] ")


# What introduces a private person after the name: an age, a year of birth, an address.
_INTRODUCED = re.compile(
    r"\s*[,(–-]\s*(?:\d{1,3} tuổi|SN\b|sinh (?:năm|ngày)|sinh \d|trú|ngụ|quê|HKTT|thường trú|tạm trú|cư trú)"
)
_AGED = re.compile(r"\s*[,(]\s*(?:\d{1,3} tuổi|SN \d|sinh năm \d)")
# Middle names that make a capitalised run with a surname a person's name, whatever precedes it.
_MIDDLE_NAMES = frozenset(("Văn", "Thị"))


@dataclass
class PersonMention:
    """One mention of a person: the full name and the words that qualify it there."""

    name: str
    rank: str | None = None
    posts: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0


def _alternation(words, *, any_case: bool = False) -> str:
    """One regex alternation that matches the longest word; with any_case, each word also with its first letter
    flipped (cheaper than re.IGNORECASE, which doubles the scan time)."""
    if any_case:
        words = {v for w in words for v in (w, w[0].upper() + w[1:], w[0].lower() + w[1:])}
    return trie_pattern(fold_tones(w) for w in words)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    word = rf"{CAP_WORD}(?:['’]{CAP_WORD})?(?:-[^\W\d_]+)?"  # "H'Nhi", "Park Jae-won"
    name = rf"{word}(?: {word}){{1,5}}"
    return {
        # rank or honorific, then a capitalised run
        "trigger": re.compile(
            rf"(?<![\w])(?:(?P<rank>{_alternation(RANKS, any_case=True)})|(?P<hon>{_alternation(HONORIFICS, any_case=True)})) (?P<name>{name})"
        ),
        "post": re.compile(rf"(?<![\w]){_POST_PREFIX}(?:{_alternation(POST_HEADS)})(?![\w])"),
        "run": re.compile(name),
        "rank": re.compile(rf"(?:{_alternation(RANKS, any_case=True)}) "),
        "list_next": re.compile(rf" ?(?:[,;]| và) (?:(?P<rank>{_alternation(RANKS)}) )?(?P<name>{name})"),
    }


def _split_name(tokens: list[str], places: frozenset[str], *, need_surname: bool) -> tuple[int, int] | None:
    """(first, last+1) token indexes of the person's name inside a capitalised run, or None.

    A run can begin with the end of an organisation or place ("… tỉnh Đồng Nai Nguyễn Văn B"):
    the name then starts at the surname after the place, else at the run's first word.
    """
    starts = [i for i in range(1, len(tokens)) if any(" ".join(tokens[j:i]) in places for j in range(i))]
    # An abbreviated organisation ends a post before the name ("Chủ tịch QH Vương Đình Hải").
    starts += [i for i in range(1, len(tokens)) if all(t.isupper() and len(t) > 1 for t in tokens[:i])]
    for i in [*starts, 0]:
        if need_surname and tokens[i] not in SURNAMES:
            continue
        length = len(tokens) - i
        if 2 <= length <= 5:
            return i, len(tokens)
        if length > 5:
            return i, i + 4
    return None


def _post_segments(text: str, pos: int, post: re.Pattern[str]) -> tuple[list[str], int]:
    """Posts written after a name (", Ủy viên …, Thứ trưởng …"), as written, and where they end."""
    posts: list[str] = []
    while True:
        m = _COMMA.match(text, pos)
        if not m or not post.match(text, m.end()):
            return posts, pos
        start = m.end()
        end_clause = _CLAUSE_END.search(text, start)
        end = end_clause.start() if end_clause else len(text)
        stop = _POST_STOP.search(text, start, end)
        if stop:
            end = stop.start()
        # "… Bộ An ninh Lào và Đại sứ …": "và" before another post or a rank starts another person.
        for conj in _AND.finditer(text, start, end):
            if post.match(text, conj.end()) or _patterns()["rank"].match(text, conj.end()):
                end, stop = conj.start(), conj
                break
        segment = text[start:end].strip()
        if segment:
            posts.append(segment)
        pos = end
        if stop:
            return posts, pos


_UNIT_BEFORE = re.compile(r"(?:phường|xã|thị trấn|quận|huyện|thị xã|thành phố|tỉnh) $", re.IGNORECASE)


def _unit_name(tokens: list[str], folded: str, start: int) -> bool:
    """Whether a run right after a unit word ("phường Hà Khánh") is that unit's name rather than a person's
    after an elided place ("Phó Chủ tịch UBND tỉnh Bùi Quang Vinh")."""
    if not _UNIT_BEFORE.search(folded, max(0, start - 12), start):
        return False
    from crawler.data.gazetteer import load

    gaz = load()
    name = " ".join(tokens)
    return name in gaz.wards_legacy or name in gaz.wards_current or name in gaz.districts


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Province, alias and district names: runs that are places, or that a name follows."""
    from crawler.data.gazetteer import load

    gaz = load()
    return frozenset(gaz.legacy) | frozenset(gaz.aliases) | frozenset(gaz.districts) | COUNTRIES


def find_people(text: str, places: frozenset[str] | None = None) -> list[PersonMention]:
    """Every mention of a person in text (NFC), in order; `places` are names to tell apart from people's."""
    places = place_names() if places is None else places
    pats = _patterns()
    folded = fold_tones(text)
    mentions: list[PersonMention] = []
    taken: list[tuple[int, int]] = []

    def add(
        pre_at: int | None, tokens: list[str], spans: list[tuple[int, int]], rank, need_surname
    ) -> int | None:
        split = _split_name(tokens, places, need_surname=need_surname)
        if split is None:
            return None
        a, b = split
        start, end = spans[a][0], spans[b - 1][1]
        name = " ".join(tokens[a:b])
        # "Đoàn" opens a delegation ("Đoàn Kiểm tra") as often as a name: a name then needs three words.
        if tokens[a] in NOT_NAME_START and (tokens[a] not in SURNAMES or b - a < 3):
            return None
        if name in NOT_PEOPLE or name in places or name in COUNTRIES:
            return None
        if any(s < end and start < e for s, e in taken):
            return None
        posts, _ = _post_segments(folded, end, pats["post"])
        if pre_at is not None:
            posts.insert(0, folded[pre_at:start].strip())
        mentions.append(PersonMention(name, rank, posts, start, end))
        taken.append((start, end))
        return end

    def tokens_of(m: re.Match[str], group: str) -> tuple[list[str], list[tuple[int, int]]]:
        tokens = m.group(group).split(" ")  # the name patterns join words with one space
        spans, pos = [], m.start(group)
        for token in tokens:
            spans.append((pos, pos + len(token)))
            pos += len(token) + 1
        return tokens, spans

    for m in pats["trigger"].finditer(folded):
        tokens, spans = tokens_of(m, "name")
        rank = m.group("rank")
        role = (m.group("hon") or "").casefold() in _ROLES
        end = add(None, tokens, spans, rank, need_surname=role)
        if end is None:
            continue
        # A list after one trigger: "các đồng chí: A, …; B, …" or "Đại tá A và Thượng tá B".
        pos = end
        while True:
            posts_end = _post_segments(folded, pos, pats["post"])[1]
            nxt = pats["list_next"].match(folded, posts_end)
            if not nxt:
                break
            toks, sp = tokens_of(nxt, "name")
            pos2 = add(None, toks, sp, nxt.group("rank"), need_surname=nxt.group("rank") is None)
            if pos2 is None:
                break
            pos = pos2

    for m in pats["post"].finditer(folded):
        clause_end = _CLAUSE_END.search(folded, m.end())
        limit = clause_end.start() if clause_end else len(folded)
        stop = _POST_STOP.search(folded, m.end(), limit)
        limit = stop.start() if stop else limit
        for run in pats["run"].finditer(folded, m.end(), limit):
            tokens, spans = tokens_of(run, 0)
            split = _split_name(tokens, places, need_surname=True)
            if split and split[0] == 0 and _unit_name(tokens, folded, run.start()):
                continue  # "Trưởng Công an phường Hà Khánh": the run after the post is a place
            if add(m.start(), tokens, spans, None, need_surname=True) is not None:
                break

    known = {p.name for p in mentions}
    for m in pats["run"].finditer(folded):
        # A run introduced by an age or a year of birth is a person's name whatever its surname.
        aged = _AGED.match(folded, m.end()) is not None and m.group(0).split()[0] not in NOT_NAME_START
        if not aged and SURNAMES.isdisjoint(m.group(0).split()):
            continue  # most capitalised runs ("Bộ Công an", "Ban Bí thư") hold no surname: skip them cheaply
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if _NOT_PERSON_BEFORE.search(folded, max(0, m.start() - 20), m.start()):
            continue
        tokens, spans = tokens_of(m, 0)
        if aged and any(
            " ".join(tokens[j:k]) in places for j in range(len(tokens)) for k in range(j + 2, len(tokens) + 1)
        ):
            continue  # "Tại Hà Nội, 25 tuổi …": a place, not a name
        split = _split_name(tokens, places, need_surname=not aged)
        if split is None:
            continue
        name = " ".join(tokens[split[0] : split[1]])
        follow = folded[spans[split[1] - 1][1] : spans[split[1] - 1][1] + 30]
        if (
            name in known
            or aged
            or _INTRODUCED.match(follow)
            or (split[1] - split[0] >= 3 and tokens[split[0] + 1] in _MIDDLE_NAMES)
            or (pats["post"].match(folded, spans[split[1] - 1][1] + 2) and follow.startswith(","))
        ):
            add(None, tokens, spans, None, need_surname=not aged)
    return sorted(mentions, key=lambda p: p.start)
