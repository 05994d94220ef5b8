"""Provinces and communes after the 1 July 2025 reform (DOMAIN.md §2), read from shipped CSVs.

Commune codes are 5-digit text, and a code means a different area in each list version (new
codes reuse old ward codes), so a stored code always goes with its ``list_version``.
"""

import csv
from dataclasses import dataclass
from functools import cache

from desktop_app.core.errors import ValidationError
from desktop_app.paths import DATA

LIST_VERSION = "2025-07-01"
HANOI = "01"
_COMMUNE_FILES = {"2025-07-01": "communes_2025.csv"}
_OLD_TO_NEW_FILE = "hanoi_old_to_new_2025.csv"  # pre-2025 Hanoi units → the 2025-07-01 list


@dataclass(frozen=True)
class Commune:
    """A commune-level unit (xã, phường or đặc khu) of one list version."""

    code: str  # "00070"
    name: str  # "Hoàn Kiếm"
    type: str  # "Phường" | "Xã" | "Đặc khu"
    province_code: str  # "01"

    @property
    def full_name(self) -> str:
        """The official name with its type word: "Phường Hoàn Kiếm"."""
        return f"{self.type} {self.name}"


def communes(province_code: str | None = None, list_version: str = LIST_VERSION) -> list[Commune]:
    """All communes of a list version, or those of one province, in file (code) order."""
    rows = _communes(list_version)
    if province_code is None:
        return list(rows)
    province_code = _pad(province_code, 2)
    return [c for c in rows if c.province_code == province_code]


def hanoi_communes(list_version: str = LIST_VERSION) -> list[Commune]:
    """The communes of Hà Nội (126 in the 2025-07-01 list)."""
    return communes(HANOI, list_version)


def commune(code: str, list_version: str = LIST_VERSION) -> Commune:
    """The commune with this code; ``ValidationError`` code ``commune_unknown`` if none.

    A code that lost its leading zeros in a spreadsheet ("70") is padded back to five digits.
    """
    found = _by_code(list_version).get(_pad(code, 5))
    if found is None:
        raise ValidationError(
            "commune_code",
            "commune_unknown",
            f"Không có xã/phường mã «{code}» trong danh mục {list_version}.",
            f"There is no commune with code '{code}' in the {list_version} list.",
        )
    return found


def full_name_of(code: str, list_version: str = LIST_VERSION) -> str:
    """ "Phường Hoàn Kiếm" for its code; the code itself when the list does not have it."""
    try:
        return commune(code, list_version).full_name
    except ValidationError:
        return code


def old_to_new(old_code: str) -> list[tuple[Commune, str]]:
    """The 2025 communes a pre-2025 Hanoi ward or commune went into, with coverage.

    Coverage is ``"full"`` (the whole old unit) or ``"partial"`` (part of it: the street or hamlet
    decides). An unknown old code gives an empty list.
    """
    return list(_old_to_new().get(_pad(old_code, 5), ()))


@cache
def _communes(list_version: str) -> tuple[Commune, ...]:
    """All communes of a list version, read once."""
    filename = _COMMUNE_FILES.get(list_version)
    if filename is None:
        raise ValidationError(
            "list_version",
            "list_version_unknown",
            f"Không có danh mục đơn vị hành chính phiên bản «{list_version}».",
            f"There is no administrative unit list version '{list_version}'.",
        )
    with open(DATA / filename, encoding="utf-8", newline="") as f:
        return tuple(
            Commune(row["code"], row["name"], row["type"], row["province_code"])
            for row in csv.DictReader(f)
        )


@cache
def _by_code(list_version: str) -> dict[str, Commune]:
    """Communes of a list version by code."""
    return {c.code: c for c in _communes(list_version)}


@cache
def _old_to_new() -> dict[str, tuple[tuple[Commune, str], ...]]:
    """Pre-2025 Hanoi unit code → (new commune, coverage) pairs, read once."""
    new = _by_code("2025-07-01")
    mapping: dict[str, list[tuple[Commune, str]]] = {}
    with open(DATA / _OLD_TO_NEW_FILE, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            mapping.setdefault(row["old_code"], []).append((new[row["new_code"]], row["coverage"]))
    return {code: tuple(pairs) for code, pairs in mapping.items()}


def _pad(code: str, width: int) -> str:
    """Put back leading zeros a spreadsheet dropped from a numeric code."""
    code = str(code).strip()
    return code.zfill(width) if code.isdigit() else code


def commune_by_name(text: str) -> str | None:
    """The code of the Hà Nội commune named ``text``, with or without accents and type word
    ("Hoàn Kiếm", "phuong hoan kiem", "Phường Hoàn Kiếm"); None when none is. (The city
    dashboard's forms and the laptop's ``setup`` take names this way.)"""
    from desktop_app.core.text import fold

    names, key = _communes_by_name(), fold(text)
    if key in names:
        return names[key]
    for word in ("phuong ", "xa ", "dac khu ", "p. ", "p.", "x. ", "x."):  # type word or "P."
        if key.startswith(word) and key[len(word) :] in names:
            return names[key[len(word) :]]
    return None


@cache
def _communes_by_name() -> dict[str, str]:
    """Folded name and folded full name → code (no two Hà Nội communes share either)."""
    from desktop_app.core.text import fold

    out = {}
    for c in hanoi_communes():
        out[fold(c.name)] = out[fold(c.full_name)] = c.code
    return out


def communes_named_like(typed: str) -> list[str]:
    """Hà Nội's communes whose name holds the words typed, accents and case aside ("ha" →
    "Phường Hà Đông", "Phường Hồng Hà" …), in Vietnamese order."""
    from desktop_app.core.collation import text_sort_key
    from desktop_app.core.text import fold

    words = fold(typed).split()
    if not words:
        return []
    found = [c for c in hanoi_communes() if all(w in fold(c.full_name).split() for w in words)]
    return [c.full_name for c in sorted(found, key=lambda c: text_sort_key(c.name))]
