"""Old Vietnamese encodings found in spreadsheets: TCVN3 (ABC), VNI and Windows-1258.

Before Unicode, Vietnamese offices typed into Excel with ".VnTime" fonts (TCVN3 / ABC) or
"VNI-Times" fonts (VNI-Windows). The file stores the font's bytes as Windows-1252 characters, so a
name typed as "Bảo Thắng" reads back as "B¶o Th¾ng" (TCVN3) or "Baûo Thaéng" (VNI). CSV files saved
in Windows-1258 and opened as Windows-1252 show decomposed tone marks as stray letters ("Nguyêŏn").

``detect_encoding`` looks at a column or file of texts and says which of these it most likely is;
``convert`` turns one text into Unicode NFC; ``encode`` does the reverse (for tests and for people
who must hand a file back to an old system).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

UNICODE = "unicode"
TCVN3 = "tcvn3"
VNI = "vni"
CP1258 = "cp1258_mojibake"
ENCODINGS = (UNICODE, TCVN3, VNI, CP1258)

# Vowels in the order a, ă, â, e, ê, i, o, ô, ơ, u, ư, y; each with the tones
# ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_BASES = "aăâeêioôơuưy"


def _toned(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONES[tone])


# --- TCVN3 (TCVN 5712:1993, VN3 subset used by the .VnTime fonts) ----------------------------
# Lowercase letters with tones, in the order of _BASES x _TONES (ngang, huyền, hỏi, ngã, sắc, nặng).
# Capital toned letters do not exist in VN3: people typed them with the ".VnTimeH" fonts, which
# draw the same bytes as capitals, so they come back here as lowercase (nothing can tell them apart).
_TCVN3_LOWER = {
    "a": "a\xb5\xb6\xb7\xb8\xb9",
    "ă": "\xa8\xbb\xbc\xbd\xbe\xc6",
    "â": "\xa9\xc7\xc8\xc9\xca\xcb",
    "e": "e\xcc\xce\xcf\xd0\xd1",
    "ê": "\xaa\xd2\xd3\xd4\xd5\xd6",
    "i": "i\xd7\xd8\xdc\xdd\xde",
    "o": "o\xdf\xe1\xe2\xe3\xe4",
    "ô": "\xab\xe5\xe6\xe7\xe8\xe9",
    "ơ": "\xac\xea\xeb\xec\xed\xee",
    "u": "u\xef\xf1\xf2\xf3\xf4",
    "ư": "\xad\xf5\xf6\xf7\xf8\xf9",
    "y": "y\xfa\xfb\xfc\xfd\xfe",
}
_TCVN3_EXTRA = {"đ": "\xae", "Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5"}
_TCVN3_EXTRA.update({"Ư": "\xa6", "Đ": "\xa7"})

_UNI_TO_TCVN3: dict[str, str] = {}
for _base, _codes in _TCVN3_LOWER.items():
    for _tone, _code in enumerate(_codes):
        _UNI_TO_TCVN3[_toned(_base, _tone)] = _code
_UNI_TO_TCVN3.update(_TCVN3_EXTRA)
_TCVN3_TO_UNI = {v: k for k, v in _UNI_TO_TCVN3.items() if len(v) == 1 and ord(v) > 0x7F}

# --- VNI-Windows (VNI-Times fonts): base letter followed by one or two mark bytes ------------
# Lowercase marks: sắc ù, huyền ø, hỏi û, ngã õ, nặng ï; circumflex â (+tone: á à å ã ä);
# breve ê (+tone: é è ú ü ë); ơ is ô and ư is ö (+ tone marks); i and ỵ have their own bytes;
# đ is ñ. Capitals use the capital forms of the same bytes.
_VNI_TONE = ("", "ø", "û", "õ", "ù", "ï")  # index = tone, as in _TONES
_VNI_CIRC = ("â", "à", "å", "ã", "á", "ä")
_VNI_BREVE = ("ê", "è", "ú", "ü", "é", "ë")
_VNI_I = ("i", "ì", "æ", "ó", "í", "ò")


def _vni_lower(base: str, tone: int) -> str:
    if base in "aeouy":
        if base == "y" and tone == 5:
            return "î"
        return base + _VNI_TONE[tone]
    if base in "âêô":
        return {"â": "a", "ê": "e", "ô": "o"}[base] + _VNI_CIRC[tone]
    if base == "ă":
        return "a" + _VNI_BREVE[tone]
    if base == "ơ":
        return "ô" + _VNI_TONE[tone]
    if base == "ư":
        return "ö" + _VNI_TONE[tone]
    if base == "i":
        return _VNI_I[tone]
    raise AssertionError(base)


_UNI_TO_VNI: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
for _base in _BASES:
    for _tone in range(6):
        _lower = _toned(_base, _tone)
        _code = _vni_lower(_base, _tone)
        _UNI_TO_VNI[_lower] = _code
        _UNI_TO_VNI[_lower.upper()] = _code.upper()
_VNI_TO_UNI: dict[str, str] = {}
for _uni, _code in _UNI_TO_VNI.items():
    if _code != _uni:
        _VNI_TO_UNI[_code] = _uni
# Files mixing a capital base with a lowercase mark ("Aù") or the reverse are common: accept them.
for _uni, _code in list(_UNI_TO_VNI.items()):
    if len(_code) == 2:
        for _variant in (_code[0] + _code[1].swapcase(),):
            if _variant not in _VNI_TO_UNI:
                _VNI_TO_UNI[_variant] = _uni
del _base, _codes, _tone, _code, _uni, _lower, _variant

# --- Windows-1258: precomposed base letters plus combining tone marks -------------------------
_CP1258_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

_VIET_LETTERS = frozenset(
    ch
    for base in _BASES + "AĂÂEÊIOÔƠUƯY"
    for ch in (_toned(base.lower(), t) for t in range(6))
    for ch in (ch, ch.upper())
) | frozenset("đĐ")
_VIET_NON_LATIN1 = frozenset(ch for ch in _VIET_LETTERS if ord(ch) > 0xFF)
# Typographic punctuation that real Unicode text carries and that no legacy table produces.
_HARMLESS = frozenset("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00b0\u00d7")


def _to_bytes(text: str) -> bytes | None:
    """The bytes a Windows-1252 reading of ``text`` came from (None if impossible)."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 0x100:
                out.append(ord(ch))
            else:
                return None
    return bytes(out)


def convert(text: str, encoding: str) -> str:
    """Convert ``text`` read in ``encoding`` (one of ENCODINGS) to Unicode NFC."""
    if not text:
        return text
    if encoding == UNICODE:
        return unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        out = " ".join(_tcvn3_word(word) for word in text.split(" "))
    elif encoding == VNI:
        out = _decode_vni(text)
    elif encoding == CP1258:
        raw = _to_bytes(text)
        out = text if raw is None else raw.decode("cp1258", errors="replace")
    else:
        raise ValueError(f"unknown encoding {encoding!r}")
    return unicodedata.normalize("NFC", out)


def _tcvn3_word(word: str) -> str:
    converted = "".join(_TCVN3_TO_UNI.get(ch, ch) for ch in word)
    ascii_letters = [ch for ch in word if ch.isascii() and ch.isalpha()]
    if len(ascii_letters) >= 2 and all(ch.isupper() for ch in ascii_letters) and converted != word:
        # Typed in a ".VnTimeH" (capitals) font: the bytes are the lowercase codes.
        return converted.upper()
    return converted


def _decode_vni(text: str) -> str:
    out = []
    i, n = 0, len(text)
    while i < n:
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in _VNI_TO_UNI:
            out.append(_VNI_TO_UNI[pair])
            i += 2
            continue
        ch = text[i]
        out.append(_VNI_TO_UNI.get(ch, ch))
        i += 1
    return "".join(out)


def encode(text: str, encoding: str) -> str:
    """Write Unicode ``text`` as it would appear when a legacy file is read as Windows-1252.

    TCVN3 (VN3) has no capital toned letters: they are written as the lowercase code.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == UNICODE:
        return text
    if encoding == TCVN3:
        out = []
        for ch in text:
            code = _UNI_TO_TCVN3.get(ch)
            if code is None and ch.lower() != ch:
                code = _UNI_TO_TCVN3.get(ch.lower())
                if code is not None and code.isascii():
                    code = ch
            out.append(code if code is not None else ch)
        return "".join(out)
    if encoding == VNI:
        return "".join(_UNI_TO_VNI.get(ch, ch) for ch in text)
    if encoding == CP1258:
        raw = bytearray()
        for ch in text:
            try:
                raw += ch.encode("cp1258")
            except UnicodeEncodeError:
                decomposed = unicodedata.normalize("NFD", ch)
                tone = "".join(c for c in decomposed if c in _CP1258_TONES)
                rest = "".join(c for c in decomposed if c not in _CP1258_TONES)
                base = unicodedata.normalize("NFC", rest)
                raw += base.encode("cp1258") + tone.encode("cp1258")
        return raw.decode("cp1252", errors="strict") if _cp1252_ok(raw) else raw.decode("latin-1")
    raise ValueError(f"unknown encoding {encoding!r}")


def _cp1252_ok(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


# Vowel groups a Vietnamese syllable can have (tone marks removed), after the onsets "qu"/"gi".
_NUCLEI_TEXT = """a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi
ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu uyêu"""
_NUCLEI = frozenset(_NUCLEI_TEXT.split())
_VOWELS = frozenset("aăâeêioôơuưy")
_TONE_STRIP = {
    ch: unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", ch) if c not in _CP1258_TONES)
    )
    for ch in _VIET_LETTERS
}


def _implausible_word(word: str) -> bool:
    """A word whose vowels no Vietnamese syllable has (or with more than one tone mark)."""
    if sum(1 for ch in unicodedata.normalize("NFD", word) if ch in _CP1258_TONES) > 1:
        return True
    letters = "".join(_TONE_STRIP.get(ch, ch) for ch in word.lower())
    if letters.startswith(("qu", "gi")) and len(letters) > 2 and letters[2] in _VOWELS:
        letters = letters[2:]
    runs = []
    current = ""
    for ch in letters:
        if ch in _VOWELS:
            current += ch
        elif current:
            runs.append(current)
            current = ""
    if current:
        runs.append(current)
    if not runs:
        return False
    return len(runs) > 1 or runs[0] not in _NUCLEI


def _unexplained(original: str, encoding: str) -> int:
    """High characters of ``original`` that ``encoding`` has no meaning for."""
    if encoding == TCVN3:
        return sum(1 for ch in original if ord(ch) > 0x7F and ch not in _TCVN3_TO_UNI)
    if encoding == VNI:
        count, i, n = 0, 0, len(original)
        while i < n:
            if original[i : i + 2] in _VNI_TO_UNI and i + 1 < n:
                i += 2
                continue
            ch = original[i]
            if ord(ch) > 0x7F and ch not in _VNI_TO_UNI:
                count += 1
            i += 1
        return count
    return 0


def _plausibility(original: str, converted: str, encoding: str) -> int:
    """How Vietnamese ``converted`` looks; legacy readings get no credit for letters already there."""
    good = sum(1 for ch in converted if ch in _VIET_NON_LATIN1)
    bad = 0
    if encoding != UNICODE:
        good -= sum(1 for ch in original if ch in _VIET_NON_LATIN1)
        if _to_bytes(original) is None:
            # A legacy file read as Windows-1252 cannot hold these characters: this text is
            # Unicode (a header typed later, say) and says nothing about the legacy reading.
            return 0
        bad += _unexplained(original, encoding)
    for ch in converted:
        if (
            ord(ch) > 0x7F
            and ch not in _VIET_LETTERS
            and ch not in _HARMLESS
            and unicodedata.category(ch) != "Mn"
        ):
            bad += 1
    for word in converted.split():
        if _implausible_word("".join(ch for ch in word if ch.isalpha())):
            bad += 1
    return good - 3 * bad


def detect_encoding(texts: Iterable[str]) -> str:
    """Guess the encoding of a column or file of texts: one of ENCODINGS.

    Each hypothesis converts every text and is scored on how Vietnamese the result looks (letters
    only Vietnamese uses, minus stray symbols and words with two tone marks). Plain ASCII or a tie
    means "unicode". A handful of short texts can be ambiguous: show the converted preview.
    """
    scores = dict.fromkeys(ENCODINGS, 0)
    for text in texts:
        if not isinstance(text, str) or text.isascii():
            continue
        for enc in ENCODINGS:
            scores[enc] += _plausibility(text, convert(text, enc), enc)
    best = max(ENCODINGS, key=lambda enc: (scores[enc], enc == UNICODE))
    # A legacy reading must be clearly better: one extra letter is not enough evidence.
    return best if scores[best] > scores[UNICODE] + 1 else UNICODE


def can_be_legacy(text: str) -> bool:
    """False when ``text`` holds characters a legacy file read as Windows-1252 cannot produce."""
    return _to_bytes(text) is not None


def convert_cell(text: str, encoding: str) -> str:
    """Convert one cell of a file found to be in ``encoding``, leaving Unicode cells alone.

    For rows that mix encodings (a Unicode cell beside TCVN3 ones): a cell is converted only
    when it reads clearly better converted. Always returns NFC.
    """
    if encoding == UNICODE or not text or text.isascii() or _to_bytes(text) is None:
        return unicodedata.normalize("NFC", text)
    as_is = _plausibility(text, unicodedata.normalize("NFC", text), UNICODE)
    converted = convert(text, encoding)
    score = _plausibility(text, converted, encoding)
    margin = 0 if as_is < 0 else 1
    return converted if score > as_is + margin else unicodedata.normalize("NFC", text)


def looks_legacy(text: str) -> bool:
    """True when ``text`` alone reads better in a legacy encoding than as Unicode."""
    return detect_encoding([text]) != UNICODE
