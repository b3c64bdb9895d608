"""Tests for crawler.extract.documents: cited documents found, keyed, located and never crashing."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest

from crawler.extract.documents import LAW_NAMES, DocumentMention, document_keys, find_documents
from crawler.extract.text import clean_text

SEED = (
    "Kết luận ngày 22/01/2019 của Ban Bí thư Trung ương Đảng về việc tiếp tục đẩy mạnh thực hiện "
    "Chỉ thị số 09 của Ban Bí thư Khóa XI"
)


def keys(text: str) -> list[str]:
    """Keys of every mention, duplicates kept, in text order."""
    return [m.key for m in find_documents(text)]


# Rule 1: number and code -> "<Kind> <code>", one case per kind.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thực hiện Chỉ thị số 09-CT/TW của Ban Bí thư.", ["Chỉ thị 09-CT/TW"]),
        ("Nghị quyết số 12-NQ/TW ngày 16/3/2022 về đẩy mạnh", ["Nghị quyết 12-NQ/TW"]),
        ("theo Quyết định số 1234/QĐ-BCA của Bộ trưởng", ["Quyết định 1234/QĐ-BCA"]),
        ("Nghị định 100/2019/NĐ-CP quy định xử phạt", ["Nghị định 100/2019/NĐ-CP"]),
        ("Thông tư số 58/2020/TT-BCA quy định quy trình", ["Thông tư 58/2020/TT-BCA"]),
        ("Kế hoạch số 45/KH-BCA về cao điểm", ["Kế hoạch 45/KH-BCA"]),
        ("Công điện số 12/CĐ-TTg của Thủ tướng", ["Công điện 12/CĐ-TTg"]),
        ("Kết luận số 05-KL/TW của Bộ Chính trị", ["Kết luận 05-KL/TW"]),
        ("Quy định số 205-QĐ/TW về kiểm soát quyền lực", ["Quy định 205-QĐ/TW"]),
        ("Luật số 26/2023/QH15 được thông qua", ["Luật 26/2023/QH15"]),
        ("Bộ luật số 100/2015/QH13", ["Bộ luật 100/2015/QH13"]),
        ("Thông tư liên tịch số 01/2014/TTLT-BCA-BQP", ["Thông tư 01/2014/TTLT-BCA-BQP"]),
        ("Chỉ thị 09/CT-TW của Thành ủy", ["Chỉ thị 09/CT-TW"]),
        ("Quyết định số 1234 / QĐ - BCA ngày", ["Quyết định 1234/QĐ-BCA"]),
        ("Chỉ thị 05-ct/tw được quán triệt", ["Chỉ thị 05-CT/TW"]),
        ("Quyết định số: 06/QĐ-TTg phê duyệt Đề án", ["Quyết định 06/QĐ-TTg"]),
        ("Nghị quyết 57-NQ/TW, Nghị quyết 66-NQ/TW", ["Nghị quyết 57-NQ/TW", "Nghị quyết 66-NQ/TW"]),
    ],
)
def test_numbered_with_code(text: str, expected: list[str]) -> None:
    assert keys(text) == expected


# Rule 2: a number alone -> "<Kind> <number>", leading zeros kept.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chỉ thị số 09 của Ban Bí thư Khóa XI", ["Chỉ thị 09"]),
        ("quán triệt Nghị quyết 57 của Bộ Chính trị", ["Nghị quyết 57"]),
        ("Quy định số 205 của Bộ Chính trị", ["Quy định 205"]),
        ("Kế hoạch số 5 năm 2024 của Công an tỉnh", ["Kế hoạch 5"]),
        ("Công điện số 007, Thông tư số 58.", ["Công điện 007", "Thông tư 58"]),
        ("Nghị quyết 57 - động lực mới", ["Nghị quyết 57"]),
    ],
)
def test_number_only(text: str, expected: list[str]) -> None:
    assert keys(text) == expected


# Rule 3: unnumbered, dated right after the kind -> "<Kind> ngày DD/MM/YYYY".
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kết luận ngày 22/01/2019 của Ban Bí thư Trung ương Đảng", ["Kết luận ngày 22/01/2019"]),
        ("Kết luận ngày 22/1/2019 của Ban Bí thư", ["Kết luận ngày 22/01/2019"]),
        ("Kết luận ngày 22-1-2019", ["Kết luận ngày 22/01/2019"]),
        ("Kết luận ngày 22 tháng 1 năm 2019", ["Kết luận ngày 22/01/2019"]),
        ("Chỉ thị ngày 5/3/2020 của Thủ tướng", ["Chỉ thị ngày 05/03/2020"]),
        ("Kế hoạch ngày 1.6.2024 của Bộ Công an", ["Kế hoạch ngày 01/06/2024"]),
        ("Nghị quyết, ngày 9/9/2021", []),
        ("Kết luận ngày 31/2/2019 của Ban Bí thư", []),
        ("Quy định ngày 5/3/2020 của Bộ Chính trị", []),
    ],
)
def test_dated_without_number(text: str, expected: list[str]) -> None:
    assert keys(text) == expected


# Rule 4: laws and ordinances by name, without the year.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Luật Công an nhân dân quy định", ["Luật Công an nhân dân"]),
        ("Luật Căn cước năm 2023 có hiệu lực", ["Luật Căn cước"]),
        ("Luật Căn cước công dân năm 2014", ["Luật Căn cước công dân"]),
        ("Luật Phòng, chống ma túy năm 2021", ["Luật Phòng, chống ma túy"]),
        ("Luật Phòng chống ma tuý", ["Luật Phòng, chống ma túy"]),
        ("Luật Trật tự, an toàn giao thông đường bộ năm 2024", ["Luật Trật tự, an toàn giao thông đường bộ"]),
        ("Luật Xử lý vi phạm hành chính", ["Luật Xử lý vi phạm hành chính"]),
        ("Luật Giao thông đường bộ 2008", ["Luật Giao thông đường bộ"]),
        ("Bộ luật Hình sự năm 2015", ["Bộ luật Hình sự"]),
        ("Bộ luật Tố tụng hình sự", ["Bộ luật Tố tụng hình sự"]),
        ("theo Luật Hình sự", ["Bộ luật Hình sự"]),
        ("Pháp lệnh Công an xã năm 2008", ["Pháp lệnh Công an xã"]),
        ("Luật Giáo dục đại học và Luật Giáo dục", ["Luật Giáo dục đại học", "Luật Giáo dục"]),
        ("Luật Tương trợ tư pháp về hình sự", ["Luật Tương trợ tư pháp về hình sự"]),
        ("Luật Di sản văn hoá", ["Luật Di sản văn hóa"]),
        ("Luật Luật sư năm 2006", ["Luật Luật sư"]),
        ("Luật Căn cước, Luật Cư trú và Luật Đất đai", ["Luật Căn cước", "Luật Cư trú", "Luật Đất đai"]),
        ("Luật Căn cước số 26/2023/QH15", ["Luật Căn cước"]),
        ("Luật Hải Cảng năm 2030", ["Luật Hải Cảng"]),
        ("Luật Hải cảng biển", ["Luật Hải"]),
        ("Luật Hải Cảng, Luật Đất đai", ["Luật Hải Cảng", "Luật Đất đai"]),
    ],
)
def test_laws_by_name(text: str, expected: list[str]) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "theo quy định của pháp luật",
        "Luật sư Nguyễn Văn A cho biết",
        "Luật Sư Nguyễn Văn A",
        "Nghị quyết của Đảng",
        "các Chỉ thị, Nghị quyết",
        "kế hoạch công tác năm 2024",
        "Kế hoạch 5 năm 2021-2025",
        "Kế hoạch 2021-2025",
        "Kế hoạch 30 ngày cao điểm",
        "theo Quy định",
        "vi phạm luật giao thông đường bộ",
        "luật pháp và pháp luật; luật Căn cước",
        "chỉ thị số 09 và nghị quyết số 12-NQ/TW",
        "Trường Đại học Luật Hà Nội",
        "Quyết định này có hiệu lực",
        "Nghị quyêt số 12-NQ/TW",
        "Luật",
        "Luật 2024",
        "Kết luận 22/01/2019",
    ],
)
def test_not_documents(text: str) -> None:
    assert find_documents(text) == []


def test_seed_citation() -> None:
    found = find_documents(SEED)
    assert [m.key for m in found] == ["Kết luận ngày 22/01/2019", "Chỉ thị 09"]
    assert [m.issuer for m in found] == ["Ban Bí thư", "Ban Bí thư"]
    assert [m.date for m in found] == ["2019-01-22", None]
    assert [m.kind for m in found] == ["Kết luận", "Chỉ thị"]
    assert [m.number for m in found] == [None, "09"]
    assert document_keys(SEED) == ["Kết luận ngày 22/01/2019", "Chỉ thị 09"]


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "Nghị quyết số 12-NQ/TW ngày 16/3/2022 của Bộ Chính trị",
            ("Nghị quyết", "12", "12-NQ/TW", "2022-03-16", "Bộ Chính trị"),
        ),
        (
            "Quyết định số 1234/QĐ-BCA, ngày 05-03-2020 của Bộ trưởng Bộ Công an",
            ("Quyết định", "1234", "1234/QĐ-BCA", "2020-03-05", "Bộ trưởng Bộ Công an"),
        ),
        (
            "Công điện số 12/CĐ-TTg của Thủ tướng",
            ("Công điện", "12", "12/CĐ-TTg", None, "Thủ tướng Chính phủ"),
        ),
        ("Nghị định 100/2019/NĐ-CP của Chính phủ", ("Nghị định", "100", "100/2019/NĐ-CP", None, "Chính phủ")),
        (
            "Kế hoạch số 45/KH-UBND ngày 2 tháng 3 năm 2024 của UBND tỉnh Hà Nam",
            ("Kế hoạch", "45", "45/KH-UBND", "2024-03-02", "Ủy ban nhân dân tỉnh Hà Nam"),
        ),
        ("Chỉ thị số 09 của Ban Bí thư Khóa XI", ("Chỉ thị", "09", None, None, "Ban Bí thư")),
        ("Chỉ thị số 09 của Ban Bí Thư", ("Chỉ thị", "09", None, None, "Ban Bí thư")),
        ("Chỉ thị số 09 của tỉnh", ("Chỉ thị", "09", None, None, None)),
        ("Chỉ thị số 09 ngày 31/2/2019", ("Chỉ thị", "09", None, None, None)),
        (
            "Thông tư số 58/2020/TT-BCA của Bộ Văn hoá, Thể thao và Du lịch",
            ("Thông tư", "58", "58/2020/TT-BCA", None, "Bộ Văn hóa, Thể thao và Du lịch"),
        ),
        ("Luật Căn cước số 26/2023/QH15 của Quốc hội", ("Luật", "26", "26/2023/QH15", None, "Quốc hội")),
        ("Bộ luật Hình sự năm 2015", ("Luật", None, None, None, None)),
        ("Pháp lệnh Công an xã", ("Pháp lệnh", None, None, None, None)),
        ("Quyết định số 123/qđ-ubnd", ("Quyết định", "123", "123/QĐ-UBND", None, None)),
    ],
)
def test_fields(text: str, fields: tuple[str, str | None, str | None, str | None, str | None]) -> None:
    (m,) = find_documents(text)
    assert (m.kind, m.number, m.code, m.date, m.issuer) == fields


def test_all_caps_title() -> None:
    text = "CHỈ THỊ SỐ 09-CT/TW NGÀY 22/1/2019 CỦA BAN BÍ THƯ VỀ LUẬT CĂN CƯỚC NĂM 2023 VÀ BỘ LUẬT HÌNH SỰ"
    found = find_documents(text)
    assert [m.key for m in found] == ["Chỉ thị 09-CT/TW", "Luật Căn cước", "Bộ luật Hình sự"]
    assert found[0].issuer == "Ban Bí thư"
    assert found[0].date == "2019-01-22"
    assert found[0].written == "CHỈ THỊ SỐ 09-CT/TW NGÀY 22/1/2019 CỦA BAN BÍ THƯ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chỉ Thị số 09-CT/TW", ["Chỉ thị 09-CT/TW"]),
        ("Quyết Định số 1234/QĐ-BCA", ["Quyết định 1234/QĐ-BCA"]),
        ("Nghị Quyết 57-NQ/TW", ["Nghị quyết 57-NQ/TW"]),
        ("KẾT LUẬN NGÀY 22 THÁNG 1 NĂM 2019", ["Kết luận ngày 22/01/2019"]),
        ("NGHỊ ĐỊNH 100/2019/NĐ-CP", ["Nghị định 100/2019/NĐ-CP"]),
        ("Luật Phòng, Chống Ma Túy", ["Luật Phòng, chống ma túy"]),
        ("LUẬT PHÒNG, CHỐNG MA TUÝ", ["Luật Phòng, chống ma túy"]),
    ],
)
def test_capitalisation_variants(text: str, expected: list[str]) -> None:
    assert keys(text) == expected


def test_decomposed_nbsp_and_zero_width() -> None:
    raw = unicodedata.normalize("NFD", SEED).replace(" ", "\u00a0", 3).replace("Chỉ thị", "Chỉ\u200bthị")
    raw = raw.replace("số 09", "số\u202f09")
    assert raw != SEED
    found = find_documents(raw)
    assert [m.key for m in found] == ["Kết luận ngày 22/01/2019", "Chỉ thị 09"]
    cleaned = clean_text(raw)
    assert cleaned == SEED
    assert all(cleaned[m.start : m.end] == m.written for m in found)
    assert found[1].written == "Chỉ thị số 09 của Ban Bí thư"


def test_decomposed_law_name() -> None:
    assert keys(unicodedata.normalize("NFD", "Luật Phòng, chống ma túy")) == ["Luật Phòng, chống ma túy"]


def test_offsets_point_at_written_text() -> None:
    text = (
        "Trước đó, Bộ Công an ban hành Kế hoạch số 45/KH-BCA. Theo Luật Căn cước năm 2023 và "
        "Nghị định 100/2019/NĐ-CP, Công điện số 12/CĐ-TTg của Thủ tướng yêu cầu thực hiện Kết luận ngày 22/1/2019."
    )
    found = find_documents(text)
    assert [m.written for m in found] == [
        "Kế hoạch số 45/KH-BCA",
        "Luật Căn cước năm 2023",
        "Nghị định 100/2019/NĐ-CP",
        "Công điện số 12/CĐ-TTg của Thủ tướng",
        "Kết luận ngày 22/1/2019",
    ]
    for m in found:
        assert text[m.start : m.end] == m.written
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_offsets_are_in_cleaned_text() -> None:
    raw = "  Tin\n\n  mới:\u00a0\u00a0Chỉ thị số 09  của Ban Bí thư"
    (m,) = find_documents(raw)
    assert (m.start, m.end) == (9, 37)
    assert clean_text(raw)[m.start : m.end] == m.written == "Chỉ thị số 09 của Ban Bí thư"


def test_document_keys_order_and_dedup() -> None:
    text = (
        "Luật Căn cước; Chỉ thị số 09 của Ban Bí thư; Luật Căn cước năm 2023; "
        "Kết luận ngày 22/01/2019; Chỉ thị 09; Kết luận ngày 22/1/2019; LUẬT CĂN CƯỚC"
    )
    assert keys(text) == [
        "Luật Căn cước",
        "Chỉ thị 09",
        "Luật Căn cước",
        "Kết luận ngày 22/01/2019",
        "Chỉ thị 09",
        "Kết luận ngày 22/01/2019",
        "Luật Căn cước",
    ]
    assert document_keys(text) == ["Luật Căn cước", "Chỉ thị 09", "Kết luận ngày 22/01/2019"]


def test_one_megabyte_body() -> None:
    paragraph = (
        "Thực hiện Kết luận ngày 22/01/2019 của Ban Bí thư về Chỉ thị số 09 của Ban Bí thư Khóa XI, "
        "Công an tỉnh triển khai Luật Căn cước năm 2023 và Nghị định 100/2019/NĐ-CP theo quy định của pháp luật; "
        "Luật sư Nguyễn Văn A cho biết kế hoạch công tác năm 2024 đã hoàn thành.\n\n"
    )
    repeats = 1_000_000 // len(paragraph.encode()) + 1
    text = paragraph * repeats + "Cuối cùng là Thông tư số 99/2030/TT-BCA."
    assert len(text.encode()) > 1_000_000
    found = find_documents(text)
    assert len(found) == 4 * repeats + 1
    assert document_keys(text) == [
        "Kết luận ngày 22/01/2019",
        "Chỉ thị 09",
        "Luật Căn cước",
        "Nghị định 100/2019/NĐ-CP",
        "Thông tư 99/2030/TT-BCA",
    ]
    cleaned = clean_text(text)
    last = found[-1]
    assert cleaned[last.start : last.end] == last.written == "Thông tư số 99/2030/TT-BCA"


@pytest.mark.parametrize(
    "text", [None, "", 42, b"Chi thi so 09", "\u0301\u200b\u00a0", "số 09-CT/TW", "Luật " * 50]
)
def test_never_raises(text: object) -> None:
    assert find_documents(text) == []  # type: ignore[arg-type]
    assert document_keys(text) == []  # type: ignore[arg-type]


def test_law_list_is_large_and_self_consistent() -> None:
    assert len(LAW_NAMES) >= 60
    assert len(set(LAW_NAMES)) == len(LAW_NAMES)
    for name in LAW_NAMES:
        assert keys(f"Theo {name} năm 2020, các đơn vị") == [name], name


def test_mention_is_frozen() -> None:
    (m,) = find_documents("Chỉ thị số 09")
    assert isinstance(m, DocumentMention)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.key = "x"  # type: ignore[misc]
