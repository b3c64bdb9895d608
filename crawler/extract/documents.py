"""Legal and party documents cited in Vietnamese news, each with a key shared by all its citations."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from crawler.extract.text import clean_text

# Canonical kind per spelling; the key of a numbered document starts with the kind as written here.
_KIND_NAMES: dict[str, str] = {
    "Chỉ thị": "Chỉ thị",
    "Nghị quyết": "Nghị quyết",
    "Quyết định": "Quyết định",
    "Kết luận": "Kết luận",
    "Nghị định": "Nghị định",
    "Thông tư": "Thông tư",
    "Kế hoạch": "Kế hoạch",
    "Công điện": "Công điện",
    "Quy định": "Quy định",
    "Luật": "Luật",
    "Bộ luật": "Luật",
    "Pháp lệnh": "Pháp lệnh",
}
# Kinds that are documents only with a number ("theo quy định", "Luật" alone are not).
_NUMBER_ONLY_KINDS = frozenset({"Quy định", "Luật", "Bộ luật", "Pháp lệnh"})

# Official names of laws, codes and ordinances that ministry news cites; keys use these spellings.
LAW_NAMES: tuple[str, ...] = (
    # Police, public security, state secrets.
    "Luật Công an nhân dân",
    "Luật An ninh quốc gia",
    "Luật An ninh mạng",
    "Luật An toàn thông tin mạng",
    "Luật Cảnh vệ",
    "Luật Cảnh sát cơ động",
    "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
    "Luật Bảo vệ bí mật nhà nước",
    "Luật Bảo vệ dữ liệu cá nhân",
    "Luật Dữ liệu",
    "Luật Cơ yếu",
    "Luật Tình trạng khẩn cấp",
    "Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ",
    "Luật Phòng cháy và chữa cháy",
    "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    # Crime prevention.
    "Luật Phòng, chống ma túy",
    "Luật Phòng, chống mua bán người",
    "Luật Phòng, chống tham nhũng",
    "Luật Phòng, chống rửa tiền",
    "Luật Phòng, chống khủng bố",
    "Luật Phòng, chống bạo lực gia đình",
    "Luật Phòng, chống tác hại của rượu, bia",
    "Luật Phòng, chống tác hại của thuốc lá",
    # Identity, residence, citizenship, immigration.
    "Luật Căn cước",
    "Luật Căn cước công dân",
    "Luật Cư trú",
    "Luật Hộ tịch",
    "Luật Quốc tịch Việt Nam",
    "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam",
    "Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam",
    # Criminal justice, enforcement, judicial assistance.
    "Luật Tổ chức cơ quan điều tra hình sự",
    "Luật Thi hành án hình sự",
    "Luật Thi hành án dân sự",
    "Luật Thi hành tạm giữ, tạm giam",
    "Luật Đặc xá",
    "Luật Tương trợ tư pháp",
    "Luật Tương trợ tư pháp về hình sự",
    "Luật Tương trợ tư pháp về dân sự",
    "Luật Dẫn độ",
    "Luật Chuyển giao người đang chấp hành án phạt tù",
    "Luật Lý lịch tư pháp",
    "Luật Trợ giúp pháp lý",
    "Luật Luật sư",
    "Luật Công chứng",
    "Luật Giám định tư pháp",
    "Luật Tố tụng hành chính",
    "Luật Xử lý vi phạm hành chính",
    "Luật Phá sản",
    "Luật Trọng tài thương mại",
    "Luật Hòa giải ở cơ sở",
    "Luật Hòa giải, đối thoại tại Tòa án",
    # Complaints, inspection, anti-waste.
    "Luật Tố cáo",
    "Luật Khiếu nại",
    "Luật Tiếp công dân",
    "Luật Thanh tra",
    "Luật Thực hành tiết kiệm, chống lãng phí",
    # Traffic and transport.
    "Luật Trật tự, an toàn giao thông đường bộ",
    "Luật Đường bộ",
    "Luật Giao thông đường bộ",
    "Luật Giao thông đường thủy nội địa",
    "Luật Đường sắt",
    "Luật Hàng không dân dụng Việt Nam",
    # Defence and borders.
    "Luật Quốc phòng",
    "Luật Nghĩa vụ quân sự",
    "Luật Dân quân tự vệ",
    "Luật Lực lượng dự bị động viên",
    "Luật Sĩ quan Quân đội nhân dân Việt Nam",
    "Luật Quân nhân chuyên nghiệp, công nhân và viên chức quốc phòng",
    "Luật Cảnh sát biển Việt Nam",
    "Luật Biên phòng Việt Nam",
    "Luật Biên giới quốc gia",
    "Luật Biển Việt Nam",
    "Luật Giáo dục quốc phòng và an ninh",
    "Luật Phòng không nhân dân",
    "Luật Quản lý, bảo vệ công trình quốc phòng và khu quân sự",
    "Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp",
    # State organisation.
    "Luật Tổ chức Quốc hội",
    "Luật Tổ chức Chính phủ",
    "Luật Tổ chức chính quyền địa phương",
    "Luật Tổ chức Tòa án nhân dân",
    "Luật Tổ chức Viện kiểm sát nhân dân",
    "Luật Ban hành văn bản quy phạm pháp luật",
    "Luật Cán bộ, công chức",
    "Luật Viên chức",
    "Luật Thi đua, khen thưởng",
    "Luật Thực hiện dân chủ ở cơ sở",
    "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân",
    "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân",
    "Luật Trưng cầu ý dân",
    "Luật Mặt trận Tổ quốc Việt Nam",
    "Luật Công đoàn",
    "Luật Thủ đô",
    "Luật Điều ước quốc tế",
    "Luật Phổ biến, giáo dục pháp luật",
    "Luật Tín ngưỡng, tôn giáo",
    # Press, information, digital.
    "Luật Báo chí",
    "Luật Tiếp cận thông tin",
    "Luật Xuất bản",
    "Luật Quảng cáo",
    "Luật Điện ảnh",
    "Luật Thư viện",
    "Luật Bưu chính",
    "Luật Tần số vô tuyến điện",
    "Luật Viễn thông",
    "Luật Công nghệ thông tin",
    "Luật Công nghiệp công nghệ số",
    "Luật Giao dịch điện tử",
    # Land, construction, environment, resources.
    "Luật Đất đai",
    "Luật Nhà ở",
    "Luật Kinh doanh bất động sản",
    "Luật Xây dựng",
    "Luật Quy hoạch",
    "Luật Bảo vệ môi trường",
    "Luật Tài nguyên nước",
    "Luật Khoáng sản",
    "Luật Địa chất và khoáng sản",
    "Luật Lâm nghiệp",
    "Luật Thủy sản",
    "Luật Đa dạng sinh học",
    "Luật Đê điều",
    "Luật Phòng, chống thiên tai",
    "Luật Điện lực",
    "Luật Hóa chất",
    "Luật Thủy lợi",
    "Luật Dầu khí",
    "Luật Năng lượng nguyên tử",
    "Luật Đo đạc và bản đồ",
    "Luật Trồng trọt",
    "Luật Chăn nuôi",
    "Luật Thú y",
    "Luật Bảo vệ và kiểm dịch thực vật",
    # Education, health, family, society.
    "Luật Giáo dục",
    "Luật Giáo dục đại học",
    "Luật Giáo dục nghề nghiệp",
    "Luật Nhà giáo",
    "Luật Khám bệnh, chữa bệnh",
    "Luật Bảo hiểm y tế",
    "Luật Bảo hiểm xã hội",
    "Luật Phòng, chống bệnh truyền nhiễm",
    "Luật An toàn thực phẩm",
    "Luật Dược",
    "Luật Hiến, lấy, ghép mô, bộ phận cơ thể người và hiến, lấy xác",
    "Luật Hôn nhân và gia đình",
    "Luật Trẻ em",
    "Luật Người cao tuổi",
    "Luật Người khuyết tật",
    "Luật Bình đẳng giới",
    "Luật Thanh niên",
    "Luật Nuôi con nuôi",
    "Luật Việc làm",
    "Luật An toàn, vệ sinh lao động",
    "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
    "Luật Di sản văn hóa",
    "Luật Du lịch",
    "Luật Thể dục, thể thao",
    "Luật Khoa học và công nghệ",
    "Luật Khoa học, công nghệ và đổi mới sáng tạo",
    # Economy and finance.
    "Luật Doanh nghiệp",
    "Luật Đầu tư",
    "Luật Đầu tư công",
    "Luật Đấu thầu",
    "Luật Hợp tác xã",
    "Luật Thương mại",
    "Luật Cạnh tranh",
    "Luật Sở hữu trí tuệ",
    "Luật Bảo vệ quyền lợi người tiêu dùng",
    "Luật Các tổ chức tín dụng",
    "Luật Chứng khoán",
    "Luật Hải quan",
    "Luật Quản lý thuế",
    "Luật Thuế thu nhập cá nhân",
    "Luật Ngân sách nhà nước",
    "Luật Quản lý, sử dụng tài sản công",
    "Luật Kế toán",
    "Luật Kiểm toán nhà nước",
    "Luật Thống kê",
    "Luật Giá",
    "Luật Kinh doanh bảo hiểm",
    "Luật Quản lý ngoại thương",
    "Luật Tiêu chuẩn và quy chuẩn kỹ thuật",
    "Luật Chất lượng sản phẩm, hàng hóa",
    # Codes.
    "Bộ luật Hình sự",
    "Bộ luật Tố tụng hình sự",
    "Bộ luật Dân sự",
    "Bộ luật Tố tụng dân sự",
    "Bộ luật Lao động",
    "Bộ luật Hàng hải Việt Nam",
    # Ordinances.
    "Pháp lệnh Công an xã",
    "Pháp lệnh Phòng, chống mại dâm",
    "Pháp lệnh Xử lý vi phạm hành chính",
    "Pháp lệnh Tổ chức điều tra hình sự",
    "Pháp lệnh Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ",
    "Pháp lệnh Thi hành án dân sự",
    "Pháp lệnh Chống tham nhũng",
    "Pháp lệnh Bảo vệ bí mật nhà nước",
    "Pháp lệnh Tín ngưỡng, tôn giáo",
    "Pháp lệnh Ưu đãi người có công với cách mạng",
    "Pháp lệnh Chi phí tố tụng",
    "Pháp lệnh Thủ tục xem xét, quyết định áp dụng các biện pháp xử lý hành chính tại Tòa án nhân dân",
    "Pháp lệnh Dân số",
    "Pháp lệnh Ngoại hối",
    "Pháp lệnh Phí và lệ phí",
)
# Loose names news often uses for a listed law.
_LAW_ALIASES: dict[str, str] = {
    "Luật Hình sự": "Bộ luật Hình sự",
    "Luật Tố tụng hình sự": "Bộ luật Tố tụng hình sự",
    "Luật Dân sự": "Bộ luật Dân sự",
    "Luật Tố tụng dân sự": "Bộ luật Tố tụng dân sự",
    "Luật Lao động": "Bộ luật Lao động",
    "Luật Sỹ quan Quân đội nhân dân Việt Nam": "Luật Sĩ quan Quân đội nhân dân Việt Nam",
    "Luật Phòng cháy, chữa cháy": "Luật Phòng cháy và chữa cháy",
}
_LAW_PREFIXES = ("Luật", "Bộ luật", "Pháp lệnh")

# Issuers named by "của <issuer>"; the value is the form put in DocumentMention.issuer.
_MINISTRIES = (
    "Bộ Công an",
    "Bộ Quốc phòng",
    "Bộ Ngoại giao",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Tài chính",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Giao thông vận tải",
    "Bộ Xây dựng",
    "Bộ Tài nguyên và Môi trường",
    "Bộ Thông tin và Truyền thông",
    "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Y tế",
    "Bộ Dân tộc và Tôn giáo",
)
_ISSUERS: dict[str, str] = {
    "Ban Bí thư": "Ban Bí thư",
    "Ban Bí thư Trung ương": "Ban Bí thư",
    "Ban Bí thư Trung ương Đảng": "Ban Bí thư",
    "Bộ Chính trị": "Bộ Chính trị",
    "Ban Chấp hành Trung ương": "Ban Chấp hành Trung ương",
    "Ban Chấp hành Trung ương Đảng": "Ban Chấp hành Trung ương",
    "Trung ương Đảng": "Ban Chấp hành Trung ương",
    "Trung ương": "Ban Chấp hành Trung ương",
    "Quân ủy Trung ương": "Quân ủy Trung ương",
    "Ban Thường vụ Quân ủy Trung ương": "Ban Thường vụ Quân ủy Trung ương",
    "Đảng ủy Công an Trung ương": "Đảng ủy Công an Trung ương",
    "Ban Thường vụ Đảng ủy Công an Trung ương": "Ban Thường vụ Đảng ủy Công an Trung ương",
    "Đảng ủy Chính phủ": "Đảng ủy Chính phủ",
    "Ban Cán sự đảng Chính phủ": "Ban Cán sự đảng Chính phủ",
    "Ủy ban Kiểm tra Trung ương": "Ủy ban Kiểm tra Trung ương",
    "Ban Tổ chức Trung ương": "Ban Tổ chức Trung ương",
    "Ban Tuyên giáo Trung ương": "Ban Tuyên giáo Trung ương",
    "Ban Tuyên giáo và Dân vận Trung ương": "Ban Tuyên giáo và Dân vận Trung ương",
    "Ban Nội chính Trung ương": "Ban Nội chính Trung ương",
    "Quốc hội": "Quốc hội",
    "Ủy ban Thường vụ Quốc hội": "Ủy ban Thường vụ Quốc hội",
    "Chủ tịch nước": "Chủ tịch nước",
    "Chính phủ": "Chính phủ",
    "Thủ tướng Chính phủ": "Thủ tướng Chính phủ",
    "Thủ tướng": "Thủ tướng Chính phủ",
    "Phó Thủ tướng Chính phủ": "Phó Thủ tướng Chính phủ",
    "Phó Thủ tướng": "Phó Thủ tướng Chính phủ",
    "Tòa án nhân dân tối cao": "Tòa án nhân dân tối cao",
    "Hội đồng Thẩm phán Tòa án nhân dân tối cao": "Hội đồng Thẩm phán Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao": "Viện kiểm sát nhân dân tối cao",
    "Kiểm toán nhà nước": "Kiểm toán nhà nước",
    "Thanh tra Chính phủ": "Thanh tra Chính phủ",
    "Ngân hàng Nhà nước": "Ngân hàng Nhà nước Việt Nam",
    "Ngân hàng Nhà nước Việt Nam": "Ngân hàng Nhà nước Việt Nam",
    "Ủy ban Dân tộc": "Ủy ban Dân tộc",
    **{m: m for m in _MINISTRIES},
    **{f"Bộ trưởng {m}": f"Bộ trưởng {m}" for m in _MINISTRIES},
}
# Local issuers spelled out, so "UBND tỉnh X" and "Ủy ban nhân dân tỉnh X" agree.
_LOCAL_NAMES = {
    "ubnd": "Ủy ban nhân dân",
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "hđnd": "Hội đồng nhân dân",
    "hội đồng nhân dân": "Hội đồng nhân dân",
    "công an": "Công an",
    "tỉnh ủy": "Tỉnh ủy",
    "thành ủy": "Thành ủy",
    "tỉnh": "tỉnh",
    "thành phố": "thành phố",
    "tp": "thành phố",
    "tp.": "thành phố",
}
# Fallback law names that are places or fields of study, not laws.
_FALLBACK_NOT_LAWS = frozenset(
    {"quốc", "quốc tế", "kinh", "việt nam", "mỹ", "hoa kỳ", "trung quốc", "nga", "anh", "đức"}
)
# "Luật Sư" is a lawyer and "Luật Pháp" the law in general, whatever follows.
_FALLBACK_NOT_FIRST = frozenset({"sư", "pháp"})

# Vietnamese letters (Latin blocks only), for capitalised-word runs.
_LETTER_RANGES = ((0x41, 0x5B), (0x61, 0x7B), (0xC0, 0x250), (0x1EA0, 0x1EFA))
_UPPER = "".join(chr(c) for lo, hi in _LETTER_RANGES for c in range(lo, hi) if chr(c).isupper())
_LOWER = "".join(chr(c) for lo, hi in _LETTER_RANGES for c in range(lo, hi) if chr(c).islower())

# Tone marks in NFD; "hóa"/"hoá", "thủy"/"thuỷ" differ only in which vowel carries one.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_WORD_END = r"(?![\w\u0300-\u036f])"
_TONE_FIRST = re.compile(
    rf"(?<![qQ])(?P<v1>[oO](?=[{_TONES}][aAeE])|[uU](?=[{_TONES}][yY]))(?P<tone>[{_TONES}])(?P<v2>[aAeEyY]){_WORD_END}"
)
_TONE_SECOND = re.compile(
    rf"(?<![qQ])(?P<v1>[oO](?=[aAeE][{_TONES}])|[uU](?=[yY][{_TONES}]))(?P<v2>[aAeEyY])(?P<tone>[{_TONES}]){_WORD_END}"
)
_FOLD_PUNCT = re.compile(r" ?[-–] ?|,")
_FOLD_SPACES = re.compile(r" +")


def _new_tone(word: str) -> str:
    """The word with oa/oe/uy tone marks on the second vowel (hoá, thuỷ)."""
    nfd = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", _TONE_FIRST.sub(r"\g<v1>\g<v2>\g<tone>", nfd))


def _old_tone(word: str) -> str:
    """The word with oa/oe/uy tone marks on the first vowel (hóa, thủy)."""
    nfd = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", _TONE_SECOND.sub(r"\g<v1>\g<tone>\g<v2>", nfd))


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """Lookup form: lower case, one tone placement, no commas or dashes, single spaces."""
    folded = _FOLD_PUNCT.sub(" ", _new_tone(text.lower()))
    return _FOLD_SPACES.sub(" ", folded).strip()


def _word_pattern(word: str) -> str:
    """Regex for one word in both tone placements, ending at a word boundary."""
    spellings = sorted({_new_tone(word), _old_tone(word)})
    return "(?:" + "|".join(map(re.escape, spellings)) + r")(?!\w)"


def _words(name: str) -> list[tuple[str, str]]:
    """The name's words, each with the separator written before it ("", " ", ", " or " - ")."""
    words: list[tuple[str, str]] = []
    sep = ""
    for token in name.split(" "):
        if token in ("-", "–"):
            sep = " - "
        elif token.endswith(","):
            words.append((sep, token[:-1]))
            sep = ", "
        else:
            words.append((sep, token))
            sep = " "
    return words


# Separators as matched: commas may be left out, dashes may be tight or spaced.
_SEP_PATTERNS = {"": "", " ": " ", ", ": ",? ", " - ": " ?[-–] ?"}


@dataclass
class _Trie:
    """Names sharing their first words share one branch, so the regex never rescans a prefix."""

    end: bool = False
    children: dict[tuple[str, str], tuple[str, _Trie]] = field(default_factory=dict)

    def add(self, words: list[tuple[str, str]]) -> None:
        """Insert one name given as (separator, word) pairs."""
        node = self
        for sep, word in words:
            edge = (sep, _new_tone(word.lower()))
            if edge not in node.children:
                node.children[edge] = (word, _Trie())
            node = node.children[edge][1]
        node.end = True

    def pattern(self) -> str:
        """Regex for every name below this node; a greedy optional tail makes longer names win."""
        alts = [
            _SEP_PATTERNS[sep] + _word_pattern(word) + child.pattern()
            for (sep, _), (word, child) in self.children.items()
        ]
        if not alts:
            return ""
        return "(?:" + "|".join(alts) + ")" + ("?" if self.end else "")


def _alternation(names: list[str]) -> str:
    """One regex for all names, built as a word trie so a longer name wins over its prefix."""
    root = _Trie()
    for name in names:
        root.add(_words(name))
    return root.pattern()


def _case_variants(phrase: str) -> list[str]:
    """The phrase as written, with every word capitalised, and in capitals."""
    titled = " ".join(w[:1].upper() + w[1:] for w in phrase.split(" "))
    return sorted({phrase, titled, phrase.upper()}, key=len, reverse=True)


# Law lookup by folded name (aliases included) -> official name.
_LAW_LOOKUP: dict[str, str] = {_fold(n): n for n in LAW_NAMES} | {
    _fold(a): n for a, n in _LAW_ALIASES.items()
}
_KIND_LOOKUP: dict[str, str] = {_fold(k): k for k in _KIND_NAMES}
_ISSUER_LOOKUP: dict[str, str] = {_fold(k): v for k, v in _ISSUERS.items()}
_LOCAL_LOOKUP: dict[str, str] = {_fold(k): v for k, v in _LOCAL_NAMES.items()}


def _law_branch() -> str:
    """Prefix as capitalised or all-caps, then any listed name of that prefix in any case."""
    branches = []
    for prefix in sorted(_LAW_PREFIXES, key=len, reverse=True):
        names = [n[len(prefix) + 1 :] for n in [*LAW_NAMES, *_LAW_ALIASES] if n.startswith(prefix + " ")]
        variants = "|".join(v for v in _case_variants(prefix) if v[0].isupper())
        branches.append(rf"(?:{variants}) (?i:{_alternation(names)})")
    return "|".join(branches)


_KIND_ALT = "|".join(
    re.escape(v)
    for k in sorted(_KIND_NAMES, key=len, reverse=True)
    for v in _case_variants(k)
    if v[0].isupper()
)
_CAPWORD = rf"(?!(?:{_KIND_ALT}|Năm|NĂM|Số|SỐ)(?!\w))[{_UPPER}][{_LOWER}]*(?!\w)"
_CAPWORDS = rf"{_CAPWORD}(?:(?: | ?[-–] ?){_CAPWORD}){{0,6}}"
# Code segments: capitals with at most one small letter (TTg), a year, or an all-small segment set tight;
# real codes have at most six, the cap keeps junk like "1-AB-AB-…" from being read to its end.
_CODE = (
    r"\d{1,5}(?:(?: ?[-–/] ?)(?:[A-ZĐÐ][A-ZĐÐ0-9&]*(?:[a-z][A-ZĐÐ0-9&]*)?|\d{4})(?!\w)"
    r"|[-–/][a-zđ]{2,8}(?!\w)){1,8}"
)
# A bare number (no "số") followed by one of these counts something: "Kế hoạch 5 năm".
_UNITS = r"năm|tháng|tuần|lần|ngày(?! \d)|giờ|điểm|nội dung|nhiệm vụ|giải pháp|nhóm|mục tiêu|vấn đề|tỷ|triệu|nghìn|người"

# Every citation starts here: a listed law, a capitalised law name, or a kind with its number.
_HEAD_RE = re.compile(
    rf"(?<!\w)(?:"
    rf"(?P<law>{_law_branch()})(?!\w)"
    rf"|(?P<fbprefix>Luật|Bộ luật|Pháp lệnh) (?P<fbname>{_CAPWORDS})"
    rf"|(?P<kind>{_KIND_ALT})(?: (?i:liên tịch))?"
    rf"(?: (?:(?P<so>(?i:số))(?: ?:)? ?)?"
    rf"(?:(?P<code>{_CODE})"
    rf"|(?P<number>\d{{1,5}})(?![\w%]|[-–/.,:]\d)(?(so)|(?! (?i:{_UNITS})(?!\w)))))?"
    rf")"
)
# After a law name: its year ("năm 2023") and its number ("số 26/2023/QH15").
_LAW_TAIL_RE = re.compile(
    rf"(?: (?i:năm )?(?P<year>(?:19|20)\d\d)(?!\w))?(?:,? (?i:số)(?: ?:)? ?(?P<code>{_CODE}))?"
)
_DATE = (
    r"(?:(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
    r"|(?P<wd>\d{1,2}) (?i:tháng) (?P<wm>\d{1,2})(?:,? (?i:năm)|,)? (?P<wy>\d{4}))(?!\d)"
)
_ISSUER = (
    rf"(?:(?P<issuer>(?i:{_alternation(list(_ISSUERS))}))(?!\w)"
    rf"|(?P<lbody>(?:Ủy|Uỷ) ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Công an)"
    rf" (?P<lunit>tỉnh|thành phố|TP\.?) ?(?P<lname>{_CAPWORDS})"
    rf"|(?P<pbody>Tỉnh (?:ủy|uỷ)|Thành (?:ủy|uỷ)) (?P<pname>{_CAPWORDS}))"
)
# After any citation: the date it was issued, then who issued it.
_TAIL_RE = re.compile(rf"(?:,? (?i:ngày) {_DATE})?(?:,? (?i:của) {_ISSUER})?")
# Words before "Luật" that make it a school, a degree or "Pháp Luật", not a law ("Đại học Luật Hà Nội").
_NOT_LAW_BEFORE_RE = re.compile(r"(?<!\w)(?i:học|khoa|viện|ngành|trường|nhân|sĩ|viên|chuyên|pháp) $")
_NUMERIC_CODE_RE = re.compile(r"\d+/(?:19|20)\d\d")
# A whole segment in small letters ("ct" in 09-ct/tw), not the "g" of TTg.
_SMALL_SEGMENT_RE = re.compile(r"(?<=[-/])[a-zđ]+(?!\w)")


@dataclass(frozen=True)
class DocumentMention:
    """One citation: its grouping key, what it names, and where it stands in the cleaned text."""

    key: str
    kind: str
    number: str | None
    code: str | None
    date: str | None
    issuer: str | None
    written: str
    start: int
    end: int


def _normal_code(code: str) -> str:
    """Code without spaces, en dash as hyphen, Ð as Đ, all-small segments in capitals."""
    tight = code.replace(" ", "").replace("–", "-").replace("Ð", "Đ")
    return _SMALL_SEGMENT_RE.sub(lambda m: m.group(0).upper(), tight)


def _iso_date(m: re.Match[str]) -> str | None:
    """The tail's date as ISO, or None when absent or impossible (31/2)."""
    day, month, year = (m["d"], m["m"], m["y"]) if m["d"] else (m["wd"], m["wm"], m["wy"])
    if not day:
        return None
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _issuer(m: re.Match[str]) -> str | None:
    """The tail's issuer in its listed form, or a local body spelled out."""
    if m["issuer"]:
        return _ISSUER_LOOKUP.get(_fold(m["issuer"]), m["issuer"])
    if m["lbody"]:
        body = _LOCAL_LOOKUP[_fold(m["lbody"])]
        unit = _LOCAL_LOOKUP[_fold(m["lunit"])]
        return f"{body} {unit} {m['lname']}"
    if m["pbody"]:
        return f"{_LOCAL_LOOKUP[_fold(m['pbody'])]} {m['pname']}"
    return None


def _fallback_ok(text: str, start: int, name: str) -> bool:
    """Whether a capitalised run after "Luật" names a law, not a lawyer, a school or a country."""
    folded = _fold(name)
    if folded in _FALLBACK_NOT_LAWS or folded.split(" ")[0] in _FALLBACK_NOT_FIRST:
        return False
    return not _NOT_LAW_BEFORE_RE.search(text, max(0, start - 12), start)


def _mention(text: str, head: re.Match[str]) -> DocumentMention | None:
    """The citation starting at head, or None when the words there cite no document."""
    start, pos = head.start(), head.end()
    number = code = None
    if head["law"] or head["fbprefix"]:
        if head["law"]:
            name = _LAW_LOOKUP.get(_fold(head["law"]))
            if name is None:
                return None
        else:
            if not _fallback_ok(text, start, head["fbname"]):
                return None
            name = f"{head['fbprefix']} {head['fbname']}"
        law_tail = _LAW_TAIL_RE.match(text, pos)
        pos = law_tail.end()
        if law_tail["code"]:
            code = _normal_code(law_tail["code"])
            number = code[: len(code) - len(code.lstrip("0123456789"))]
        kind = "Pháp lệnh" if name.startswith("Pháp lệnh") else "Luật"
        key = name
    else:
        written_kind = _KIND_LOOKUP[_fold(head["kind"])]
        kind = _KIND_NAMES[written_kind]
        if head["code"]:
            code = _normal_code(head["code"])
            if not any(c.isalpha() for c in code) and not _NUMERIC_CODE_RE.fullmatch(code):
                # "Kế hoạch 2021-2025" is a period, not a document number.
                return None
            number = code[: len(code) - len(code.lstrip("0123456789"))]
        elif head["number"] and written_kind not in _LAW_PREFIXES:
            # Laws are cited by code ("Luật số 26/2023/QH15"); "Luật 2024" is a year.
            number = head["number"]
        key = ""
    tail = _TAIL_RE.match(text, pos)
    iso = _iso_date(tail)
    if not key:
        if code:
            key = f"{written_kind} {code}"
        elif number:
            key = f"{written_kind} {number}"
        elif iso and written_kind not in _NUMBER_ONLY_KINDS and text.startswith(" ", pos):
            # Only a date right after the kind dates it; "Nghị quyết, ngày…" ends a list.
            y, m, d = iso.split("-")
            key = f"{written_kind} ngày {d}/{m}/{y}"
        else:
            return None
    end = tail.end()
    return DocumentMention(
        key=key,
        kind=kind,
        number=number,
        code=code,
        date=iso,
        issuer=_issuer(tail),
        written=text[start:end],
        start=start,
        end=end,
    )


def find_documents(text: str) -> list[DocumentMention]:
    """Every document citation in text, in order; the same key may appear more than once."""
    if not isinstance(text, str) or not text:
        return []
    # Offsets and written refer to the cleaned text, the form the archive stores.
    text = clean_text(text)
    found: list[DocumentMention] = []
    pos = 0
    while (head := _HEAD_RE.search(text, pos)) is not None:
        mention = _mention(text, head)
        if mention is None:
            # Resume after the head, not its tail, so a citation right behind it is still seen.
            pos = head.end()
            continue
        found.append(mention)
        pos = mention.end
    return found


def document_keys(text: str) -> list[str]:
    """The distinct keys cited in text, in order of first citation."""
    return list(dict.fromkeys(m.key for m in find_documents(text)))
