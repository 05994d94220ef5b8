"""Vietnamese text: Unicode normalisation, cleaning and search folding (DOMAIN.md §6)."""

import re
import unicodedata
from functools import lru_cache

# Invisible characters that arrive from web pages, Word and some QR scanners. They break
# equality and search without anyone being able to see why.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_WHITESPACE_RUN = re.compile(r"\s+")


def nfc(s: str) -> str:
    """Return ``s`` in Unicode NFC (Windows' Vietnamese keyboard types decomposed text)."""
    return unicodedata.normalize("NFC", s)


def clean_text(s: str) -> str:
    """NFC, drop zero-width characters, strip, and collapse whitespace runs to one space."""
    s = nfc(s.translate(_ZERO_WIDTH))
    return _WHITESPACE_RUN.sub(" ", s).strip()


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Fold text for search: no tone or vowel marks, đ→d, case-folded, single spaces.

    "Nguyễn Thị Hoà", "Nguyễn Thị Hòa" and "NGUYEN THI HOA" all fold to "nguyen thi hoa".
    """
    # Case-fold first: folding can itself produce combining marks ("İ" → "i̇").
    decomposed = unicodedata.normalize("NFD", clean_text(s).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # đ is a letter of its own, not d plus a mark: NFD never touches it.
    return bare.replace("đ", "d")
