"""Where a search matched, shown on the accented text: the folded query marks what the index found."""

from __future__ import annotations

import pytest

from crawler.snippets import SNIPPET_CHARS, contains, highlight, snippet


def marked(segments) -> list[str]:
    return [s.text for s in segments if s.mark]


def plain(segments) -> str:
    return "".join(s.text for s in segments)


@pytest.mark.parametrize(
    ("text", "query", "marks"),
    [
        ("Thượng tướng Lê Quốc Hùng thăm Đà Nẵng", "le quoc hung", ["Lê Quốc Hùng"]),
        ("Thượng tướng Lê Quốc Hùng thăm Đà Nẵng", "LÊ QUỐC HÙNG", ["Lê Quốc Hùng"]),
        ("Công an TP. Đà Nẵng và công an Đà  Nẵng", "da nang", ["Đà Nẵng", "Đà  Nẵng"]),
        # A syllable is a word: "an" is not marked inside "ban" or "Ngân".
        ("Ban chỉ đạo, Ngân hàng và Công an", '"an"', ["an"]),
        # Quoted phrases and the words of a longer query each count.
        ("Đoàn công tác đến Hồ Chí Minh, bắt giữ đối tượng ma túy", '"ho chi minh" bat giu ma tuy', ["Hồ Chí Minh", "bắt", "giữ", "ma", "túy"]),
        # A decomposed accent (text not in NFC) still marks the letters it belongs to.
        ("Lê Que\u0301 Hùng", "le que", ["Lê Que\u0301"]),
        ("Tin ngắn", "", []),
    ],
)  # fmt: skip
def test_highlight_marks_the_accented_words_the_folded_query_matched(text, query, marks):
    segments = highlight(text, query)
    assert plain(segments) == text
    assert marked(segments) == marks


def test_a_snippet_is_the_text_around_the_match_cut_at_spaces():
    before = "Mở đầu buổi làm việc, các đại biểu nghe báo cáo kết quả công tác của đơn vị trong năm qua. " * 6
    after = " Đoàn đã trao quà cho các gia đình chính sách trên địa bàn." * 6
    text = before + "Thứ trưởng Lê Quốc Hùng phát biểu chỉ đạo." + after
    segments = snippet(text, "le quoc hung")
    shown = plain(segments)
    assert marked(segments) == ["Lê Quốc Hùng"]
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown) <= SNIPPET_CHARS + 2
    inner = shown.strip("…")
    assert inner in text and text[text.index(inner) - 1] == " "  # starts on a word
    assert text[text.index(inner) + len(inner)] == " "  # ends on a word


def test_a_snippet_prefers_the_window_with_most_of_the_query():
    text = (
        "Công an tỉnh tổ chức hội nghị. " + "Nội dung khác của bài viết được trình bày dài. " * 12
        + "Công an tỉnh Quảng Ninh phối hợp bắt giữ đối tượng."
    )  # fmt: skip
    segments = snippet(text, '"cong an" "quang ninh"')
    assert marked(segments) == ["Công an", "Quảng Ninh"]


def test_a_snippet_without_a_match_is_the_opening():
    text = "Đoạn mở đầu của bài. " * 30
    segments = snippet(text, "khong co")
    assert (
        not marked(segments) and plain(segments).startswith("Đoạn mở đầu") and plain(segments).endswith("…")
    )


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Công an Đà Nẵng", "da nang", True),
        ("Công an Đà Nẵng", "cong an da nang", True),
        ("Công an Đà Nẵng", '"cong an" hue', False),
        ("Đà Nẵngx", "da nang", False),
        ("", "da nang", False),
        ("Công an", "", False),
    ],
)
def test_contains_reads_a_column_as_the_index_reads_the_text(text, query, expected):
    assert contains(text, query) is expected
