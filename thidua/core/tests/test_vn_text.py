"""Vietnamese collation and diacritic folding."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from thidua.core import vn_text

VIETNAMESE_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
names = st.text(alphabet=VIETNAMESE_LETTERS + " ", min_size=0, max_size=20)


def test_collation_orders_letters_then_tones():
    ordered = ["Anh", "Ánh", "Ăn", "Ân", "Bình", "Đức"]
    assert sorted(["Đức", "Ăn", "Anh", "Bình", "Ân", "Ánh"], key=vn_text.sort_key) == ordered


def test_collation_tone_order_is_dictionary_order():
    # ngang < huyền < hỏi < ngã < sắc < nặng
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(["mạ", "má", "ma", "mã", "mà", "mả"], key=vn_text.sort_key) == tones


def test_collation_d_before_dd_and_o_variants():
    assert sorted(["Đào", "Dung", "Ơn", "Ôn", "On"], key=vn_text.sort_key) == [
        "Dung",
        "Đào",
        "On",
        "Ôn",
        "Ơn",
    ]


def test_shorter_name_sorts_before_its_extension():
    assert sorted(["Anh Thư", "Anhh", "Anh"], key=vn_text.sort_key) == ["Anh", "Anh Thư", "Anhh"]


def test_person_key_sorts_by_given_then_family_then_middle():
    people = [("Trần", "Văn", "Bình"), ("Nguyễn", "Thị", "An"), ("Lê", "Văn", "An"), ("Lê", "Anh", "An")]
    keys = sorted(
        people, key=lambda p: vn_text.person_sort_key(family_name=p[0], middle_name=p[1], given_name=p[2])
    )
    assert keys == [
        ("Lê", "Anh", "An"),
        ("Lê", "Văn", "An"),
        ("Nguyễn", "Thị", "An"),
        ("Trần", "Văn", "Bình"),
    ]


def test_fold_removes_diacritics_and_case():
    assert vn_text.fold("Nguyễn Văn ĐỨC") == "nguyen van duc"
    assert vn_text.fold("  Hoàng   Thị  Ánh ") == "hoang thi anh"


def test_search_matches_word_starts_without_diacritics():
    assert vn_text.search_terms("Nguyen  Van An") == [" nguyen", " van", " an"]
    assert vn_text.matches("Nguyễn Văn An", vn_text.search_terms("an nguyen"))
    assert vn_text.matches("Nguyễn Văn Anh", vn_text.search_terms("nguyen van an"))
    assert not vn_text.matches("Nguyễn Văn Dũng", vn_text.search_terms("nguyen van an"))  # "an" is not "văn"
    assert vn_text.matches("Trần Minh Đức", vn_text.search_terms("duc"))


@given(names)
def test_key_is_ascii_digits(name):
    key = vn_text.sort_key(name)
    assert key.isascii() and key.isdigit()


@given(names, names)
def test_key_order_is_total_and_consistent_with_equality(a, b):
    ka, kb = vn_text.sort_key(a), vn_text.sort_key(b)
    norm = lambda s: " ".join(unicodedata.normalize("NFC", s.lower()).split())  # noqa: E731
    assert (ka == kb) == (norm(a) == norm(b))


@given(names)
def test_nfc_and_nfd_inputs_sort_the_same(name):
    assert vn_text.sort_key(unicodedata.normalize("NFD", name)) == vn_text.sort_key(
        unicodedata.normalize("NFC", name)
    )


@given(names)
def test_fold_is_idempotent_and_ascii(name):
    folded = vn_text.fold(name)
    assert folded.isascii()
    assert vn_text.fold(folded) == folded
