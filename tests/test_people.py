"""People: names with their ranks and posts, lists, and the things that look like names and are not."""

from __future__ import annotations

import pytest

from crawler.extract.people import find_people


def people(text: str) -> list[tuple[str, str | None, list[str]]]:
    return [(p.name, p.rank, p.posts) for p in find_people(text)]


def test_rank_name_and_posts():
    assert people(
        "Trung tướng Trần Văn Phúc, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an làm Trưởng đoàn."
    ) == [("Trần Văn Phúc", "Trung tướng", ["Ủy viên Trung ương Đảng", "Thứ trưởng Bộ Công an"])]


def test_post_before_the_name_after_an_organisation_and_place():
    assert people("Phó Chủ tịch UBND tỉnh Nghệ An Lê Hồng Vinh cho biết.") == [
        ("Lê Hồng Vinh", None, ["Phó Chủ tịch UBND tỉnh Nghệ An"])
    ]
    assert people("Giám đốc Công an TP. Hà Nội Nguyễn Hải Trung phát biểu.") == [
        ("Nguyễn Hải Trung", None, ["Giám đốc Công an TP. Hà Nội"])
    ]


def test_honorifics_are_not_part_of_the_name():
    found = people("Đồng chí Phạm Thị Lan và ông Đoàn Văn Tâm cùng bà Hà Thị Nga dự; anh Hùng không dự.")
    assert [name for name, _, _ in found] == ["Phạm Thị Lan", "Đoàn Văn Tâm", "Hà Thị Nga"]


def test_a_list_after_one_post():
    text = (
        "Dự hội nghị có các đồng chí Ủy viên Bộ Chính trị: Lương Văn An, Thường trực Ban Bí thư; "
        "Trần Văn Bình, Bộ trưởng Bộ Công an."
    )
    assert people(text) == [
        ("Lương Văn An", None, ["Thường trực Ban Bí thư"]),
        ("Trần Văn Bình", None, ["Bộ trưởng Bộ Công an"]),
    ]


def test_ranks_in_a_list():
    text = "Tham dự có Thiếu tướng Đinh Ngọc Phượng, Cục trưởng Cục Cảnh sát hình sự; Đại tá Kiều Thị Hằng và Thượng tá Vũ Minh Đức."
    assert [(n, r) for n, r, _ in people(text)] == [
        ("Đinh Ngọc Phượng", "Thiếu tướng"),
        ("Kiều Thị Hằng", "Đại tá"),
        ("Vũ Minh Đức", "Thượng tá"),
    ]


def test_a_suspect_and_a_foreign_name():
    assert [n for n, _, _ in people("Bắt đối tượng Thái Thị Lan (SN 1989, trú tại huyện Bình Xuyên).")] == [
        "Thái Thị Lan"
    ]
    assert people(
        "Trung tướng Khamla Chanthavong, Thứ trưởng Bộ An ninh Lào và Đại sứ Hàn Quốc Park Jae-won."
    )[0] == (
        "Khamla Chanthavong",
        "Trung tướng",
        ["Thứ trưởng Bộ An ninh Lào"],
    )


@pytest.mark.parametrize(
    "text",
    [
        "Ngôi nhà số 15 Trần Bình Trọng và cửa hàng trên đường Trần Hưng Đạo.",
        "Đoàn công tác làm việc tại TP. Hồ Chí Minh và Học viện Chính trị quốc gia Hồ Chí Minh.",
        "Đoàn TNCS Hồ Chí Minh tỉnh tổ chức; Trường THPT Nguyễn Du khai giảng.",
        "Thứ Sáu, ngày 31/3/2023, chiến sĩ Đội Cảnh sát giao thông trực tại chốt.",
        "Giám đốc Công an tỉnh cho biết, Đoàn Kiểm tra đã làm việc.",
    ],
)
def test_not_people(text):
    assert people(text) == []


def test_decomposed_text_and_nbsp():
    import unicodedata

    text = unicodedata.normalize("NFC", "Đại\u00a0tá Nguyễn Văn Hòa, Giám đốc Công an tỉnh")
    assert people(text)[0][0] == "Nguyễn Văn Hòa"
