"""Vietnamese text: diacritic folding for search and a collation key for sorting.

`fold` maps any text to lower-case ASCII ("Nguyễn Văn Đức" → "nguyen van duc") so that search ignores
diacritics and case identically on SQLite and PostgreSQL: the folded text is stored beside the name and the
folded query is matched against it.

`sort_key` implements Vietnamese dictionary order, which neither SQLite nor every PostgreSQL locale provides:
letters first (a < ă < â < b < c < d < đ < e < ê < ... < o < ô < ơ < ... < u < ư < ...), tone marks only when
the letters are equal, in the order ngang < huyền < hỏi < ngã < sắc < nặng (CLDR's Vietnamese tailoring). The
key uses only ASCII digits, so byte order, SQLite's BINARY collation and any PostgreSQL collation agree on it.
"""

import unicodedata
from collections.abc import Iterable

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Two digits a character: 00 ends a name part, 01 separates words, 10-19 are digits, 20-52 letters.
_DIGIT_CODE = {str(d): f"{d + 10:02d}" for d in range(10)}
_LETTER_CODE = {letter: f"{index + 20:02d}" for index, letter in enumerate(_ALPHABET)}
_SEPARATOR = "01"  # a space or hyphen inside a name: "Anh" < "Anh Thư" < "Anhh"
_END = "00"  # end of a name part: "An" (then family name) sorts before "Anh"

_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_MODIFIERS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_WITH_MODIFIER = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}


def fold(text: str) -> str:
    """Lower-case ASCII form of `text` with Vietnamese diacritics removed and spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def _letters(text: str) -> Iterable[tuple[str, str]]:
    """Yield (base letter of the Vietnamese alphabet, tone digit) for each character of `text`."""
    for cluster in _clusters(unicodedata.normalize("NFD", text.lower())):
        base, marks = cluster[0], cluster[1:]
        tone = "0"
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _MODIFIERS:
                base = _WITH_MODIFIER.get((base, _MODIFIERS[mark]), base)
        yield base, tone


def _clusters(decomposed: str) -> Iterable[str]:
    cluster = ""
    for ch in decomposed:
        if unicodedata.combining(ch) and cluster:
            cluster += ch
        else:
            if cluster:
                yield cluster
            cluster = ch
    if cluster:
        yield cluster


def _part_key(text: str) -> tuple[str, str]:
    primary: list[str] = []
    secondary: list[str] = []
    for base, tone in _letters(text.strip()):
        if base in _LETTER_CODE:
            primary.append(_LETTER_CODE[base])
            secondary.append(tone)
        elif base in _DIGIT_CODE:
            primary.append(_DIGIT_CODE[base])
        elif (base.isspace() or base in "-–'’.") and primary and primary[-1] != _SEPARATOR:
            primary.append(_SEPARATOR)
        # other symbols carry no order
    return "".join(primary) + _END, "".join(secondary)


def sort_key(*parts: str) -> str:
    """Collation key for `parts` compared in order (e.g. given name, family name, middle name)."""
    keys = [_part_key(part or "") for part in parts]
    return "".join(p for p, _ in keys) + "".join(s for _, s in keys)


def person_sort_key(*, family_name: str, middle_name: str, given_name: str) -> str:
    """Vietnamese lists order people by given name, then family name, then middle name."""
    return sort_key(given_name, family_name, middle_name)


def search_document(*parts: str) -> str:
    """The stored search text: folded words, each preceded by a space, so that a query word matches the
    start of a word ("an" finds "An" and "Anh", not "Văn")."""
    return " " + fold(" ".join(part for part in parts if part))


def search_terms(query: str) -> list[str]:
    """Patterns for the words of a query (word starts, folded); every one must occur, in any order."""
    return [" " + word for word in fold(query).split()]


def matches(text: str, terms: list[str]) -> bool:
    """Whether `text` contains every term, the way the database search does."""
    document = search_document(text)
    return all(term in document for term in terms)
