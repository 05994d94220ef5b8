"""Vietnamese name order as a plain string key (DOMAIN.md §6).

People are listed by given name (last word), then family name (first word), then middle name(s).
Each part is compared the way ICU's ``vi`` collation compares it: letters in the Vietnamese
alphabet order (a ă â b c d đ e ê …), tone marks as a secondary difference
(ngang < huyền < hỏi < ngã < sắc < nặng), case as a tertiary one. ICU itself is only a test
dependency; this module reproduces its result with a key that SQLite's BINARY collation (and
Python's ``str`` comparison) orders correctly, so a ``sort_key`` column gives fast ``ORDER BY``.

Key layout, for each of the three parts in turn::

    primary weights  LEVEL  secondary (marks)  LEVEL  tertiary (case)   PART  …next part

Separators sort below every weight, so a shorter part sorts first, as in ICU. Characters outside
Latin script, digits and ASCII punctuation sort after ``z`` by code point (ICU would interleave
them by script; names in this app do not use them).
"""

import re
import unicodedata
from functools import lru_cache

from desktop_app.core.text import clean_text

_PART = "!"
_LEVEL = "#"

# Primary order as in ICU's `vi` collation (checked against PyICU in the tests): space, ASCII
# punctuation in ICU's order, digits, then the alphabet with f, j, w, z where ICU puts them.
_PRIMARY_ORDER = [
    *" _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$",
    *"0123456789",
    *"aăâbcdđeêfghijklmnoôơpqrstuưvwxyz",
]
_FIRST_WEIGHT = 0x24  # "$": everything above the separators
_PRIMARY = {unit: chr(_FIRST_WEIGHT + i) for i, unit in enumerate(_PRIMARY_ORDER)}
_UNKNOWN = "~"  # above every weight in _PRIMARY; followed by a fixed-width code point

# Marks that join with a base letter into one letter of the Vietnamese alphabet.
_CONTRACTIONS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}

# Secondary order of the remaining marks: the five tones in the Vietnamese order first (the `vi`
# tailoring), then other Latin marks as ICU orders them on a plain letter.
_MARK_ORDER = [
    "\u0300",  # huyền (grave)
    "\u0309",  # hỏi (hook above)
    "\u0303",  # ngã (tilde)
    "\u0301",  # sắc (acute)
    "\u0323",  # nặng (dot below)
    "\u0306",  # breve
    "\u030c",  # caron
    "\u030a",  # ring above
    "\u0308",  # diaeresis
    "\u030b",  # double acute
    "\u0307",  # dot above
    "\u0327",  # cedilla
    "\u0328",  # ogonek
    "\u0304",  # macron
    "\u031b",  # horn
    "\u0302",  # circumflex
]
_END_OF_LETTER = "0"  # lowest secondary symbol: "no (more) marks on this letter"
_SECONDARY = {mark: chr(ord("1") + i) for i, mark in enumerate(_MARK_ORDER)}
_OTHER_MARK = chr(ord("1") + len(_MARK_ORDER))
_LOWER, _UPPER = "0", "1"


def split_name(full_name: str) -> tuple[str, str, str]:
    """Split a Vietnamese full name into (family, middle, given); given is the last word.

    A one-word name is all given name: ``("", "", "Lan")``.
    """
    words = clean_text(full_name).split(" ")
    if words == [""]:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def sort_key(full_name: str, given_name: str | None = None) -> str:
    """A compact ASCII key that orders people the Vietnamese way under plain string comparison.

    Order: given name (the last word, or ``given_name`` when the person is called by another or a
    longer name), then family name, then middle name(s), each compared as ICU's ``vi`` collation.
    """
    family, middle, given = _split_with_given(full_name, given_name)
    return _PART.join(_part_key(part) for part in (given, family, middle))


def text_sort_key(text: str) -> str:
    """A key ordering any text (a village, a commune) as ICU's ``vi`` collation, not reordered."""
    return _part_key(clean_text(text or ""))


_DIGITS = re.compile(r"\d+")


def natural_sort_key(text: str) -> str:
    """A key ordering villages and other labels with numbers: number-aware ("Tổ 4" before
    "Tổ 12"), Vietnamese order for the rest (``text_sort_key``). Each run of digits is compared
    as a number (zero-padded to 12 digits; leading zeros do not count)."""
    cleaned = clean_text(text or "")
    padded = _DIGITS.sub(lambda m: m.group(0).lstrip("0").rjust(12, "0"), cleaned)
    return _part_key(padded)


def compare_names(a: str, b: str) -> int:
    """Compare two full names in list order: negative, zero or positive."""
    key_a, key_b = sort_key(a), sort_key(b)
    return (key_a > key_b) - (key_a < key_b)


def _split_with_given(full_name: str, given_name: str | None) -> tuple[str, str, str]:
    """(family, middle, given) with the given name replaced by the override."""
    family, middle, given = split_name(full_name)
    override = clean_text(given_name or "")
    if not override:
        return family, middle, given
    words = clean_text(full_name).split(" ")
    given_words = override.split(" ")
    # A multi-word given name ("Minh Khai") is taken out of the middle name when it ends the
    # full name; otherwise the full name's own split stands and only the given name changes.
    if len(words) > 1 and words[-len(given_words) :] == given_words:
        rest = words[: -len(given_words)]
        return rest[0], " ".join(rest[1:]), override
    if len(words) == 1:
        return "", "", override
    return family, middle, override


@lru_cache(maxsize=65536)
def _part_key(text: str) -> str:
    """Primary, secondary and tertiary weights of one name part, joined by level separators."""
    primary: list[str] = []
    secondary: list[str] = []
    tertiary: list[str] = []
    for base, marks in _letters(text):
        lower = base.lower()
        for mark in marks:
            letter = _CONTRACTIONS.get((lower, mark))
            if letter:
                lower = letter
                marks.remove(mark)
                break
        weight = _PRIMARY.get(lower)
        primary.append(weight if weight else f"{_UNKNOWN}{ord(lower):06x}")
        secondary.extend(_SECONDARY.get(mark, _OTHER_MARK) for mark in marks)
        secondary.append(_END_OF_LETTER)
        tertiary.append(_UPPER if base.isupper() else _LOWER)
    # Two parts with equal primaries have as many letters, so trailing "nothing here" symbols can
    # go without changing the order: most names then carry no tertiary part at all.
    return _LEVEL.join(
        (
            "".join(primary),
            "".join(secondary).rstrip(_END_OF_LETTER),
            "".join(tertiary).rstrip(_LOWER),
        )
    )


def _letters(text: str) -> list[tuple[str, list[str]]]:
    """Split text into (base character, combining marks) pairs after canonical decomposition."""
    letters: list[tuple[str, list[str]]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if letters:  # a stray mark with no letter before it carries no order
                letters[-1][1].append(ch)
        else:
            letters.append((ch, []))
    return letters
