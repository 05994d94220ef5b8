"""Preview an official beneficiary list (xlsx / xls / csv) before anything is written.

Official lists come as spreadsheets made by hand over many years: title rows above the header,
a totals row at the bottom, IDs that Excel turned into numbers, old 11-digit mobiles, names typed
in TCVN3 or VNI fonts, full bank account numbers. ``preview_import`` reads the file, finds the
header, maps columns by their (accent-folded) names, cleans and checks every row, flags duplicates,
and asks the caller (through ``existing_lookup``) which people are already in the database, so a
re-import creates nothing new. Nothing here touches the database.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.core import legacy_encodings
from desktop_app.core.benefits import validate_account_last4
from desktop_app.core.citizen_id import (
    consistency_flags,
    mask_citizen_id,
    parse_citizen_id,
    repair_spreadsheet_id,
)
from desktop_app.core.dates import parse_birth
from desktop_app.core.errors import KnownError, ValidationError
from desktop_app.core.phone import convert_old_mobile, parse_phone
from desktop_app.core.text import clean_text, fold, nfc

ERROR, WARNING, INFO = "error", "warning", "info"
# "confirm": a row that may not be a person (only a name); written only when a person confirms.
STATUSES = ("valid", "warning", "confirm", "error", "duplicate")
IMPORTABLE = ("valid", "warning")
_LENGTH_LIMITS = {
    "full_name": 200,
    "address": 500,
    "village": 200,
    "bank": 200,
    "scheme_text": 2000,
    "notes": 10_000,
}
DEFAULT_CHANNEL = "commune_cash"

# Canonical fields and the (folded) header names that mean them. Longer names win over shorter
# ones contained in them ("so cmnd/cccd" is a citizen ID column, not an old-ID one).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": (
        "ho va ten",
        "ho ten",
        "ho va ten doi tuong",
        "ho ten doi tuong",
        "ten doi tuong",
    ),
    "birth": ("ngay sinh", "nam sinh", "ngay thang nam sinh", "ngay, thang, nam sinh"),
    "sex": ("gioi tinh", "gioi", "nam/nu"),
    "citizen_id": (
        "so cccd",
        "cccd",
        "so dinh danh",
        "so dinh danh ca nhan",
        "ma dinh danh",
        "so can cuoc",
        "can cuoc cong dan",
        "so the can cuoc",
        "so cmnd/cccd",
        "cmnd/cccd",
        "so cccd/cmnd",
    ),
    "old_id": ("cmnd", "so cmnd", "so chung minh nhan dan", "so cmnd cu"),
    "address": ("dia chi", "noi o", "noi cu tru", "dia chi thuong tru", "noi thuong tru"),
    "village": (
        "thon",
        "to",
        "thon/to",
        "to dan pho",
        "thon, to",
        "xom",
        "thon/xom",
        "thon/to dan pho",
    ),
    "phone": ("so dien thoai", "sdt", "dien thoai", "so dt", "dt"),
    "scheme": (
        "che do",
        "doi tuong",
        "loai doi tuong",
        "che do huong",
        "dien doi tuong",
        "dien huong",
        "dien chinh sach",
        "dien tro cap",
    ),
    "amount": ("muc huong", "so tien", "muc tro cap", "so tien huong", "muc huong hang thang"),
    "channel": (
        "hinh thuc nhan",
        "kenh chi tra",
        "hinh thuc chi tra",
        "phuong thuc chi tra",
        "phuong thuc nhan",
        "cach thuc nhan",
        "cach nhan",
        "nhan qua",
        "kenh nhan",
        "h.thuc nhan",
        "ht nhan",
        "hinh thuc thanh toan",
        "hinh thuc linh",
    ),
    "bank": ("ngan hang", "ten ngan hang", "ngan hang mo tai khoan"),
    "account": ("so tai khoan", "stk", "tai khoan", "so tk"),
    "notes": ("ghi chu", "ghi chu khac", "luu y", "nhan xet", "chu thich"),
}
FIELDS = tuple(HEADER_ALIASES)

_ALIAS_TO_FIELD = {alias: f for f, aliases in HEADER_ALIASES.items() for alias in aliases}
_ALIASES_LONGEST_FIRST = sorted(_ALIAS_TO_FIELD, key=len, reverse=True)
# "Tổng cộng", "Cộng: 125 người" — but not the surname Tống ("Tống Công Minh").
_TOTALS = re.compile(r"^(tong cong|tong so|tong|cong)\s*[\d\s,]*(nguoi|doi tuong|ho|truong hop)?$")
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")
_HEADER_NOISE = re.compile(r"[*:()\[\].]|\s*\(\d+\)\s*")
_DIGIT_RUN = re.compile(r"\d{9,}")
# An account number inside a text cell ("Chuyển khoản - 0123 4567 8901"): 5+ digits, maybe
# grouped by spaces, dots or dashes. Only its last 4 digits are ever kept.
_ACCOUNT_RUN = re.compile(r"\d(?:[ .-]?\d){4,}")
# In free notes only a number after an account word is one ("STK 0123456789", "CK: …").
_ACCOUNT_IN_NOTES = re.compile(
    r"(?i)\b(stk|số tk|so tk|tk|tài khoản|tai khoan|chuyển khoản|chuyen khoan|ck)\b([^\d\n]{0,12}?)"
    r"(\d(?:[ .-]?\d){4,})"
)
_PHONE_SPLIT = re.compile(r"\s*(?:[,;/|]|\s-\s|\n)\s*")
_SCAN_HEADER_ROWS = 30
_PROGRESS_EVERY = 1000

# Folded words in a "channel" cell -> channel code; the first match wins.
_CHANNEL_WORDS = (
    ("buu dien", "post_office_cash"),
    ("uy quyen", "proxy"),
    ("nhan thay", "proxy"),
    ("tai nha", "home_delivery"),
    ("tan nha", "home_delivery"),
    ("vi dien tu", "mobile_money"),
    ("mobile money", "mobile_money"),
    ("viettel money", "mobile_money"),
    ("vnpt money", "mobile_money"),
    ("mobifone money", "mobile_money"),
    ("momo", "mobile_money"),
    ("chuyen khoan", "bank_account"),
    ("ck", "bank_account"),
    ("tai khoan", "bank_account"),
    ("ngan hang", "bank_account"),
    ("atm", "bank_account"),
    ("the", "bank_account"),
    ("tien mat", "commune_cash"),
    ("tai xa", "commune_cash"),
    ("ubnd", "commune_cash"),
)
# Folded words in a "scheme" cell, as clerks write them -> "scheme" or "scheme:category"; the
# first match wins, so the more specific phrases come first. Anything else is reported as an
# unknown scheme for the admin to map (``scheme_map`` / ``--map-scheme``), never guessed.
_SCHEME_WORDS = (
    ("huu tri xa hoi", "social_pension"),
    ("thu huong htxh", "social_pension"),
    ("than nhan liet si", "meritorious:martyr_relative"),
    ("than nhan liet sy", "meritorious:martyr_relative"),
    ("nguoi co cong", "meritorious"),
    ("co cong", "meritorious"),
    ("thuong binh", "meritorious"),
    ("benh binh", "meritorious"),
    ("khuyet tat dac biet nang", "social_allowance:disability_especially_severe"),
    ("nkt dac biet nang", "social_allowance:disability_especially_severe"),
    ("khuyet tat nang", "social_allowance:disability_severe"),
    ("nkt nang", "social_allowance:disability_severe"),
    ("nguoi cao tuoi", "social_allowance"),
    ("nct", "social_allowance"),
    ("cao tuoi", "social_allowance"),
    ("me don than", "social_allowance:single_poor_parent"),
    ("cha don than", "social_allowance:single_poor_parent"),
    ("don than nuoi con", "social_allowance:single_poor_parent"),
    ("don than ngheo", "social_allowance:single_poor_parent"),
    ("nuoi con mot minh", "social_allowance:single_poor_parent"),
    ("mo coi", "social_allowance"),
    ("khong co nguon nuoi duong", "social_allowance"),
    ("bao tro xa hoi", "social_allowance"),
    ("tro cap xa hoi", "social_allowance"),
    ("btxh", "social_allowance"),
    ("tcxh", "social_allowance"),
    ("khuyet tat", "social_allowance"),
    ("nkt", "social_allowance"),
)


class ImportCancelled(KnownError):
    """The person cancelled the preview."""


@dataclass
class ImportRow:
    """One data row: cleaned fields, its issues, and its status."""

    row_number: int
    fields: dict[str, Any]
    issues: list[dict[str, Any]] = field(default_factory=list)
    status: str = "valid"
    existing_id: str | None = None
    match: str | None = None  # how it matched an earlier row or an existing person (MATCH_METHODS)
    duplicate_of: int | None = None  # the earlier row of the file it repeats


@dataclass
class ImportPreview:
    """The whole preview: rows, counts, and what the reader decided about the file."""

    rows: list[ImportRow]
    summary: dict[str, Any]
    mapping: dict[str, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    header_row: int | None = None
    sheet: str | None = None
    file_encoding: str | None = None
    text_encoding: str = legacy_encodings.UNICODE
    signature: str = ""  # header_signature(headers): the key a chosen mapping is remembered by
    mapping_source: str = "detected"  # "detected", "remembered" or "chosen"
    other_sheets: list[str] = field(default_factory=list)


# --- reading files ----------------------------------------------------------------------------


def list_sheets(path: Path | str) -> list[str]:
    """The sheet names of an xlsx/xls file (one unnamed sheet for csv)."""
    path = Path(path)
    kind = _kind(path)
    if kind == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        try:
            return list(wb.sheetnames)
        finally:
            wb.close()
    if kind == "xls":
        import xlrd

        return list(xlrd.open_workbook(str(path), on_demand=True).sheet_names())
    return [""]


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".xls":
        return "xls"
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    raise KnownError(
        f"Không đọc được tệp «{path.name}»: chỉ nhận tệp .xlsx, .xls hoặc .csv.",
        f"Cannot read '{path.name}': only .xlsx, .xls and .csv files are accepted.",
    )


def _bad_file(path: Path, exc: Exception) -> KnownError:
    return KnownError(
        f"Không mở được tệp «{path.name}»: tệp hỏng hoặc không đúng định dạng ({type(exc).__name__}).",
        f"Cannot open '{path.name}': the file is damaged or not in the expected format "
        f"({type(exc).__name__}).",
    )


def _no_such_sheet(path: Path, sheet: str, names: Sequence[str]) -> KnownError:
    listed = ", ".join(f"«{n}»" for n in names)
    return KnownError(
        f"Tệp «{path.name}» không có trang «{sheet}». Các trang: {listed}.",
        f"'{path.name}' has no sheet '{sheet}'. Its sheets: {listed}.",
    )


def read_rows(
    path: Path | str, sheet: str | int | None = None
) -> tuple[list[tuple], str | None, str | None]:
    """All rows of the file as tuples of cell values: ``(rows, sheet name, file encoding)``.

    xlsx dates come back as datetimes, xls dates are converted too, csv cells are text.
    """
    path = Path(path)
    kind = _kind(path)
    try:
        if kind == "xlsx":
            return (*_read_xlsx(path, sheet), None)
        if kind == "xls":
            return (*_read_xls(path, sheet), None)
        rows, encoding = _read_csv(path)
        return rows, None, encoding
    except KnownError:
        raise
    except (OSError, ValueError, KeyError, IndexError, TypeError, UnicodeError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise KnownError(
                f"Không tìm thấy tệp «{path.name}».", f"File '{path.name}' not found."
            ) from exc
        raise _bad_file(path, exc) from exc
    except Exception as exc:  # zipfile.BadZipFile, xlrd.XLRDError, ...
        raise _bad_file(path, exc) from exc


def _read_xlsx(path: Path, sheet: str | int | None) -> tuple[list[tuple], str]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is None:
            ws = wb.worksheets[0]
        elif isinstance(sheet, int):
            ws = wb.worksheets[sheet]
        else:
            if sheet not in wb.sheetnames:
                raise _no_such_sheet(path, sheet, wb.sheetnames)
            ws = wb[sheet]
        ws.reset_dimensions()  # some writers store a wrong dimension; read what is there
        rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
        return rows, ws.title
    finally:
        wb.close()


def _read_xls(path: Path, sheet: str | int | None) -> tuple[list[tuple], str]:
    import xlrd

    book = xlrd.open_workbook(str(path))
    if sheet is None:
        ws = book.sheet_by_index(0)
    elif isinstance(sheet, int):
        ws = book.sheet_by_index(sheet)
    else:
        if sheet not in book.sheet_names():
            raise _no_such_sheet(path, sheet, book.sheet_names())
        ws = book.sheet_by_name(sheet)
    rows = []
    for r in range(ws.nrows):
        values = []
        for c in range(ws.ncols):
            cell = ws.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                values.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                values.append(None)
            elif cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
                values.append(int(cell.value))
            else:
                values.append(cell.value)
        rows.append(tuple(values))
    return rows, ws.name


# Windows-1252 with its five undefined bytes kept as Latin-1, so no byte is ever lost.
_CP1252_TABLE = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


def decode_csv_bytes(raw: bytes) -> tuple[str, str]:
    """Decode a CSV file's bytes: ``(text, encoding)``.

    UTF-8 with or without BOM and UTF-16 (BOM, or the tell-tale zero bytes) are recognised;
    anything else is read byte-for-byte as Windows-1252 and reported as "cp1258" (the
    Vietnamese Windows code page): the text-level check then converts cp1258 / TCVN3 / VNI.
    """
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    sample = raw[:4000]
    if len(sample) >= 4 and sample.count(b"\x00") > len(sample) // 4:
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        encoding = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
        return raw.decode(encoding), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return codecs.charmap_decode(raw, "strict", _CP1252_TABLE)[0], "cp1258"


def sniff_delimiter(text: str) -> str:
    """The delimiter (',', ';', tab or '|') used consistently on most of the first lines."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t", "|"):
        counts = [line.count(delimiter) for line in lines]
        nonzero = [c for c in counts if c]
        if not nonzero:
            continue
        mode = max(set(nonzero), key=nonzero.count)
        score = nonzero.count(mode) * 1000 + mode
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path) -> tuple[list[tuple], str]:
    text, encoding = decode_csv_bytes(path.read_bytes())
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [tuple(cell if cell.strip() else None for cell in row) for row in reader]
    return rows, encoding


# --- header and column mapping ----------------------------------------------------------------


def _fold_header(value: Any) -> str:
    if value is None:
        return ""
    text = fold(str(value))
    text = _HEADER_NOISE.sub(" ", text)
    text = re.sub(r"\s*/\s*", "/", text)
    return re.sub(r"\s+", " ", text).strip()


def match_header(value: Any) -> str | None:
    """The canonical field a header cell names, or None ("Họ và tên" -> "full_name")."""
    text = _fold_header(value)
    if not text:
        return None
    if text in _ALIAS_TO_FIELD:
        return _ALIAS_TO_FIELD[text]
    padded = f" {text} "
    for alias in _ALIASES_LONGEST_FIRST:
        if len(alias) >= 3 and f" {alias} " in padded.replace("/", " / "):
            return _ALIAS_TO_FIELD[alias]
        if len(alias) >= 3 and text.startswith(alias + " "):
            return _ALIAS_TO_FIELD[alias]
    return None


def map_columns(header: Sequence[Any]) -> dict[str, int]:
    """``{field: column index}`` for a header row; the first column naming a field wins."""
    mapping: dict[str, int] = {}
    for index, value in enumerate(header):
        name = match_header(value)
        if name and name not in mapping:
            mapping[name] = index
    return mapping


def find_header(rows: Sequence[Sequence[Any]]) -> int | None:
    """Index of the header row among the first rows: it names the full name and another field."""
    for index, row in enumerate(rows[:_SCAN_HEADER_ROWS]):
        mapping = map_columns(row)
        if "full_name" in mapping and len(mapping) >= 2:
            return index
    return None


def find_sex_split(rows: Sequence[Sequence[Any]], header_index: int) -> dict[str, Any] | None:
    """A two-row header where a «Năm sinh» or «Giới tính» cell spans «Nam» | «Nữ» sub-columns
    (the year written under the person's sex, or an «x» in the sex's column):
    ``{"field": "birth" or "sex", "male": column, "female": column}``, else None."""
    if header_index + 1 >= len(rows):
        return None
    header, sub = rows[header_index], rows[header_index + 1]
    sexes = {col: _parse_sex(value) for col, value in enumerate(sub) if _text(value)}
    male = [c for c, sex in sexes.items() if sex == "male"]
    female = [c for c, sex in sexes.items() if sex == "female"]
    if len(male) != 1 or len(female) != 1 or abs(male[0] - female[0]) != 1:
        return None
    first, second = sorted((male[0], female[0]))
    # The spanning cell: over the first sub-column (merged), else over the second.
    parent = header[first] if first < len(header) and _text(header[first]) else None
    if parent is None and second < len(header):
        parent = header[second]
    field_name = match_header(parent)
    if field_name not in ("birth", "sex"):
        return None
    # A person's row (a name under «Họ và tên») is data, not a sub-header.
    name_col = map_columns(header).get("full_name")
    name_cell = _text(sub[name_col]) if name_col is not None and name_col < len(sub) else ""
    if name_cell and not _COLUMN_NUMBERS.match(name_cell):
        return None
    return {"field": field_name, "male": male[0], "female": female[0]}


def _read_split(
    raw: Sequence[Any], split: Mapping[str, Any], values: dict[str, Any], set_sex: bool
) -> None:
    """Fill ``values["birth"]`` / ``values["sex"]`` from the «Nam» | «Nữ» sub-columns."""
    male = raw[split["male"]] if split["male"] < len(raw) else None
    female = raw[split["female"]] if split["female"] < len(raw) else None
    has_male, has_female = bool(_text(male)), bool(_text(female))
    if split["field"] == "birth":
        values["birth"] = male if has_male else female
        if has_male and has_female:
            # Both written: neither is guessed; the sex cell shows both and is kept in the notes.
            values["birth"] = male
            if set_sex:
                values["sex"] = f"Nam: {_text(male)}; Nữ: {_text(female)}"
            return
    if set_sex:
        if has_male and has_female:
            values["sex"] = f"Nam: {_text(male)}; Nữ: {_text(female)}"
        else:
            values["sex"] = "Nam" if has_male else ("Nữ" if has_female else None)


def _apply_override(
    mapping: dict[str, int], override: Mapping[str, int | str | None] | None, header: Sequence[Any]
) -> dict[str, int]:
    if not override:
        return mapping
    result = dict(mapping)
    folded = [_fold_header(h) for h in header]
    for name, target in override.items():
        if name not in HEADER_ALIASES:
            raise KnownError(
                f"Không có trường «{name}» để ghép cột.", f"There is no field {name!r} to map."
            )
        if target is None:
            result.pop(name, None)
            continue
        if isinstance(target, int):
            index = target
        else:
            try:
                index = folded.index(_fold_header(target))
            except ValueError:
                raise KnownError(
                    f"Không tìm thấy cột «{target}» trong dòng tiêu đề.",
                    f"Column '{target}' is not in the header row.",
                ) from None
        for other, other_index in list(result.items()):
            if other_index == index and other != name:
                del result[other]
        result[name] = index
    return result


def _is_blank(row: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


_TOTALS_QUICK = re.compile(r"\s*[tTcC]\S{0,4}[nN][gG]")


def _is_totals(row: Sequence[Any]) -> bool:
    texts = [v for v in row if v is not None and str(v).strip()][:3]
    return any(
        isinstance(v, str) and _TOTALS_QUICK.match(v) and _TOTALS.match(_fold_header(v))
        for v in texts
    )


def _is_column_numbers(row: Sequence[Any]) -> bool:
    values = [str(v).strip() for v in row if v is not None and str(v).strip()]
    return len(values) >= 3 and all(_COLUMN_NUMBERS.match(v) for v in values)


# --- rows that are not persons -----------------------------------------------------------------

# Why a row is not a person: (Vietnamese, English) shown in the summary.
SKIP_REASONS: dict[str, tuple[str, str]] = {
    "blank": ("Dòng trống ngăn cách.", "Blank separator row."),
    "totals": ("Dòng tổng cộng.", "Totals row."),
    "column_numbers": ("Dòng đánh số cột (1), (2), …", "Column-number row (1), (2), …"),
    "repeated_header": ("Dòng tiêu đề lặp lại.", "Repeated header row."),
    "signature": (
        "Phần ký tên (người lập biểu, kế toán, thủ trưởng, KT./TM., người ký).",
        "Signature block (prepared by, accountant, head, KT./TM., the signer).",
    ),
    "signing_date": ("Địa danh, ngày tháng năm ký.", "Place and date of signing."),
    "page_footer": ("Chân trang (số trang).", "Page footer (page number)."),
    "section_heading": ("Dòng tên nhóm hoặc tên thôn/tổ.", "Group or village heading row."),
    "footnote": ("Dòng ghi chú cuối danh sách.", "Note below the list."),
}

# A cell that starts a signature block (folded): titles of signers and signing instructions.
_SIGNATURE = re.compile(
    r"^(nguoi lap( bieu)?|lap bieu|ke toan( truong)?|thu truong( don vi)?|thu quy|"
    r"kt\s*[.:]|tm\s*[.:]|tl\s*[.:]|q\s*\.|pho chu tich|chu tich( ubnd)?|giam doc|"
    r"truong (thon|ban|phong|to dan pho)|to truong|can bo (lao dong|ldtbxh|van hoa|chinh sach)|"
    r"xac nhan (cua|ubnd)|nguoi nhan tien|nguoi chi tien|noi nhan|"
    r"\(?\s*ky( ten)?\s*[,(]|\(?\s*ky va ghi|\(?\s*ky,? ghi ro|\(?\s*ky,? dong dau|dong dau)"
    r"(\W|$)"
)
# "Hà Nội, ngày 15 tháng 10 năm 2026", "ngày … tháng … năm …" (never "ngày tháng năm sinh").
_SIGNING_DATE = re.compile(r"\bngay\b.{0,12}\bthang\b.{0,12}\bnam\b(?!\s*sinh)")
_PAGE_FOOTER = re.compile(r"^(trang|page|tr\.)\s*\d+(\s*(/|tren|of|trong)\s*\d+)?$")
_FOOTNOTE = re.compile(r"^(ghi chu|luu y|chu y|nguon|bang chu|so tien bang chu)\b")
_AMOUNT_IN_WORDS = re.compile(r"^(bang chu|so tien bang chu)\b")
_ENUMERATOR = re.compile(r"^\(?([ivxlc]+|[a-h]|\d{1,3})[.)]?$")
_SECTION = re.compile(
    r"^(([ivxlc]+|[a-h]|\d{1,2})\s*[.)/-]\s+\S|(thon|xom|khu pho|khu dan cu|cum dan cu|"
    r"to dan pho|nhom|doi tuong)\b)"
)


def _row_texts(row: Sequence[Any]) -> list[str]:
    return [_text(v) for v in row if v is not None and _text(v)]


def _identifying(values: Mapping[str, Any]) -> bool:
    """A value that only a person's row carries: digits in the ID or old-ID cell, a birth date
    or year (a signer's name that lands in the ID column is not one)."""
    for name in ("citizen_id", "old_id", "birth"):
        value = values.get(name)
        if isinstance(value, date | int | float) and not isinstance(value, bool):
            return True
        if len(re.sub(r"\D", "", _text(value))) >= (4 if name == "birth" else 6):
            return True
    return False


def non_person_reason(
    row: Sequence[Any], values: Mapping[str, Any], *, in_signature: bool = False
) -> str | None:
    """Why a data row is not a person (a key of ``SKIP_REASONS``), or None for a person's row.

    ``values`` are the row's cells by field; ``in_signature`` is True once a signature block
    or the place and date of signing was seen (the signers' names below it are not persons).
    A row with an ID number or a birth date is always treated as a person's row.
    """
    texts = _row_texts(row)
    if not texts:
        return "blank"
    if _is_column_numbers(row):
        return "column_numbers"
    mapped = map_columns(row)
    if "full_name" in mapped and len(mapped) >= 2:
        return "repeated_header"
    if _identifying(values):
        return None
    if _is_totals(row):
        return "totals"
    folded = [_fold_header(t) if len(t) < 40 else fold(t) for t in texts]
    folded_raw = [fold(t) for t in texts]
    if any(_AMOUNT_IN_WORDS.match(f) for f in folded_raw):
        return "totals"
    if len(texts) <= 4:
        if any(_SIGNING_DATE.search(f) for f in folded_raw):
            return "signing_date"
        if any(_SIGNATURE.match(f) for f in folded_raw):
            return "signature"
        if any(_PAGE_FOOTER.match(f) for f in folded):
            return "page_footer"
        if any(_FOOTNOTE.match(f) for f in folded_raw):
            return "footnote"
    if in_signature:
        return "signature"
    name_cell = _text(values.get("full_name"))
    others = [t for t in texts if t != name_cell and not _ENUMERATOR.match(fold(t))]
    heading = (name_cell and not others) or (not name_cell and len(texts) <= 2)
    if heading and any(_SECTION.match(f) for f in folded_raw):
        return "section_heading"
    return None


# --- cleaning one row -------------------------------------------------------------------------


def _mask_digits(message: str) -> str:
    return _DIGIT_RUN.sub(lambda m: mask_citizen_id(m.group()), message)


def _mask_account_number(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return "*" * (len(digits) - 4) + digits[-4:]


def mask_accounts(text: str, *, in_notes: bool = False) -> tuple[str, list[str]]:
    """``text`` with every account number cut to its last 4 digits (``****9012``) and the
    digits of the numbers found. In a channel or bank cell any run of 5+ digits is one; in
    free notes only a number after an account word (STK, TK, tài khoản, chuyển khoản, CK)."""
    found: list[str] = []

    def masked(match: re.Match) -> str:
        found.append(re.sub(r"\D", "", match.group(match.lastindex or 0)))
        if in_notes:
            return match.group(1) + match.group(2) + _mask_account_number(match.group(3))
        return _mask_account_number(match.group())

    pattern = _ACCOUNT_IN_NOTES if in_notes else _ACCOUNT_RUN
    return pattern.sub(masked, text), found


def _issue(
    row: int | None,
    field_name: str | None,
    code: str,
    severity: str,
    vi: str,
    en: str,
    *,
    original: Any = None,
    new: Any = None,
) -> dict:
    """One finding. A repair carries ``original`` (the cell as written) and ``new`` (what is
    kept); digit runs that could be ID numbers are masked in both and in the messages."""
    issue = {
        "row": row,
        "field": field_name,
        "code": code,
        "severity": severity,
        "message": _mask_digits(vi),
        "message_en": _mask_digits(en),
    }
    if original is not None or new is not None:
        issue["original"] = _mask_digits(_digits_text(original)) if original is not None else ""
        issue["new"] = _mask_digits(_digits_text(new)) if new is not None else ""
    return issue


def _from_error(row: int, field_name: str, err: ValidationError, severity: str) -> dict:
    return _issue(row, field_name, err.code, severity, err.message_vi, err.message_en)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value))


def _digits_text(value: Any) -> str:
    """A number-ish cell as text without Excel's '.0'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _text(value)


def _parse_birth_cell(
    value: Any, row: int, today: date, issues: list
) -> tuple[str | None, int | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        issues.append(
            _issue(
                row,
                "birth",
                "birth_year_missing",
                WARNING,
                "Thiếu năm sinh.",
                "Birth year missing.",
            )
        )
        return None, None
    try:
        if isinstance(value, datetime | date):
            born = value.date() if isinstance(value, datetime) else value
            parse_birth(str(born.year), today)
            return born.isoformat(), born.year
        born, year = parse_birth(_digits_text(value), today)
    except ValidationError as err:
        issues.append(_from_error(row, "birth", err, WARNING))
        return None, None
    return (born.isoformat() if born else None), year


@lru_cache(maxsize=256)
def _parse_sex_text(text: str) -> str | None:
    folded = fold(text)
    if folded in ("nam", "male", "m", "trai"):
        return "male"
    if folded in ("nu", "female", "f", "gai"):
        return "female"
    return None


def _parse_sex(value: Any) -> str | None:
    return _parse_sex_text(_text(value))


_AMOUNT_TEXT = re.compile(r"([\d\s.,]+?)(?:[.,]00)?\s*(?:d|vnd|dong)?(?:\s*/\s*thang)?")


def _parse_amount(value: Any) -> int | None:
    """Whole VND from 500000, 500000.0, "500.000", "500,000 đ" or "500.000 đồng/tháng"."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(round(value)) if value >= 0 else None
    match = _AMOUNT_TEXT.fullmatch(fold(str(value)))
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group(1))
    return int(digits) if digits else None


@lru_cache(maxsize=1024)
def _match_words(value: str, table: tuple[tuple[str, str], ...]) -> str | None:
    folded = f" {fold(value)} "
    for words, code in table:
        if f" {words} " in folded or folded.strip() == words:
            return code
    return None


def _keep_in_notes(notes: list[str], label_vi: str, value: str) -> None:
    notes.append(f"{label_vi} trong danh sách: «{value}»")


def _grouped_phone(digits: str) -> str:
    return " ".join(digits[i : i + 3] for i in range(0, len(digits), 3)) if digits else digits


def _resolve_scheme(code: str | None) -> tuple[str | None, str | None]:
    if not code:
        return None, None
    scheme, _, category = code.partition(":")
    return scheme, category or None


def _clean_row(
    values: dict[str, Any],
    row: int,
    today: date,
    scheme_map: Mapping[str, str] | None = None,
    has_scheme_column: bool = True,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    issues: list[dict[str, Any]] = []
    fields: dict[str, Any] = {}
    # Values that fit no field are kept here (and said so) rather than dropped.
    kept: list[str] = []

    name = _text(values.get("full_name"))
    fields["full_name"] = name or None
    if not name:
        issues.append(
            _issue(
                row, "full_name", "name_missing", ERROR, "Thiếu họ và tên.", "Full name missing."
            )
        )

    raw_birth = values.get("birth")
    fields["birth_date"], fields["birth_year"] = _parse_birth_cell(raw_birth, row, today, issues)
    if fields["birth_year"] is None and _text(raw_birth):
        _keep_in_notes(kept, "Ngày sinh", _text(raw_birth))
        issues[-1]["message"] += " Giá trị gốc được giữ trong ghi chú của người này."
        issues[-1]["message_en"] += " The value as written is kept in the person's notes."

    raw_sex = values.get("sex")
    fields["sex"] = _parse_sex(raw_sex)
    if fields["sex"] is None and _text(raw_sex):
        _keep_in_notes(kept, "Giới tính", _text(raw_sex))
        issues.append(
            _issue(
                row,
                "sex",
                "sex_unknown",
                WARNING,
                f"Không hiểu giới tính «{_text(raw_sex)}» (ghi Nam hoặc Nữ): giữ trong ghi chú.",
                f"Sex '{_text(raw_sex)}' not understood (use Nam or Nữ): kept in the notes.",
            )
        )

    fields["citizen_id"] = None
    fields["old_id"] = None
    raw_id = values.get("citizen_id")
    if raw_id is not None and _text(raw_id):
        try:
            number, warning = repair_spreadsheet_id(raw_id, today)
        except ValidationError as err:
            if err.code == "id_is_old_cmnd":
                written = _digits_text(raw_id)
                fields["old_id"] = re.sub(r"\D", "", written).zfill(9)
                issues.append(
                    _issue(
                        row,
                        "citizen_id",
                        "id_is_old_cmnd",
                        WARNING,
                        f"«{written}» là số CMND cũ, không phải số định danh: đã ghi vào ô «Số CMND "
                        f"cũ» là {fields['old_id']}.",
                        f"'{written}' is an old ID card (CMND) number, not a personal ID number: "
                        f"recorded as the old ID {fields['old_id']}.",
                        original=written,
                        new=fields["old_id"],
                    )
                )
            else:
                issues.append(_from_error(row, "citizen_id", err, ERROR))
        else:
            fields["citizen_id"] = number
            if warning:
                written = _digits_text(raw_id)
                issues.append(
                    _issue(
                        row,
                        "citizen_id",
                        warning,
                        WARNING,
                        f"Số định danh {mask_citizen_id(written)} bị Excel mất số 0 ở đầu: đã sửa "
                        f"thành {mask_citizen_id(number)}. Kiểm tra với thẻ.",
                        f"The ID number {mask_citizen_id(written)} lost its leading zeros in "
                        f"Excel: corrected to {mask_citizen_id(number)}. Check against the card.",
                        original=written,
                        new=number,
                    )
                )

    raw_old = values.get("old_id")
    if raw_old is not None and _text(raw_old) and fields["old_id"] is None:
        written = _digits_text(raw_old)
        digits = re.sub(r"\D", "", written)
        if len(digits) == 8:
            fields["old_id"] = "0" + digits
            issues.append(
                _issue(
                    row,
                    "old_id",
                    "old_id_zero_restored",
                    WARNING,
                    f"Số CMND cũ «{written}» mất số 0 ở đầu: đã sửa thành {fields['old_id']}.",
                    f"The old ID '{written}' lost its leading zero: corrected to "
                    f"{fields['old_id']}.",
                    original=written,
                    new=fields["old_id"],
                )
            )
        elif len(digits) == 9:
            fields["old_id"] = digits
        elif len(digits) == 12 and fields["citizen_id"] is None:
            # A 12-digit number in the old-ID column is a personal ID number: used as one.
            try:
                fields["citizen_id"] = parse_citizen_id(digits, today).number
            except ValidationError as err:
                issues.append(_from_error(row, "old_id", err, ERROR))
            else:
                issues.append(
                    _issue(
                        row,
                        "old_id",
                        "id_in_old_id_column",
                        WARNING,
                        f"Cột CMND cũ có số định danh 12 số {mask_citizen_id(digits)}: đã ghi vào ô "
                        "số định danh.",
                        f"The old-ID column holds a 12-digit ID number {mask_citizen_id(digits)}:"
                        " recorded as the ID number.",
                        original=digits,
                        new=digits,
                    )
                )
        elif len(digits) == 12:
            if digits != fields["citizen_id"]:
                issues.append(
                    _issue(
                        row,
                        "old_id",
                        "second_id_number",
                        ERROR,
                        "Dòng có hai số định danh 12 số khác nhau: kiểm tra lại trong tệp gốc.",
                        "The row holds two different 12-digit ID numbers: check the original file.",
                    )
                )
        else:
            _keep_in_notes(kept, "Số CMND cũ", written)
            issues.append(
                _issue(
                    row,
                    "old_id",
                    "old_id_invalid",
                    WARNING,
                    "Số CMND cũ phải có 9 chữ số: không ghi vào ô CMND, giữ trong ghi chú.",
                    "An old ID (CMND) number has 9 digits: not recorded as the old ID, kept in "
                    "the notes.",
                )
            )

    if fields["citizen_id"]:
        cid = parse_citizen_id(fields["citizen_id"], today)
        for flag in consistency_flags(cid, fields["birth_year"], fields["sex"]):
            if flag == "id_birth_year_mismatch":
                vi = (
                    f"Năm sinh {fields['birth_year']} không khớp với số định danh: vẫn nhập, "
                    "công an xã cần xác minh."
                )
                en = (
                    f"Birth year {fields['birth_year']} disagrees with the ID number: imported,"
                    " for the police officer to verify."
                )
            else:
                shown = {"male": ("Nam", "male"), "female": ("Nữ", "female")}[fields["sex"]]
                vi = (
                    f"Giới tính «{shown[0]}» không khớp với số định danh: vẫn nhập, "
                    "công an xã cần xác minh."
                )
                en = (
                    f"Sex '{shown[1]}' disagrees with the ID number: imported, for the police "
                    "officer to verify."
                )
            issues.append(_issue(row, "citizen_id", flag, WARNING, vi, en))

    fields["address"] = _text(values.get("address")) or None
    fields["village"] = _text(values.get("village")) or None

    phones: list[str] = []
    raw_phone = values.get("phone")
    for part in _PHONE_SPLIT.split(_digits_text(raw_phone)) if raw_phone is not None else ():
        if not part:
            continue
        try:
            phone = parse_phone(part)
        except ValidationError as err:
            # An old 11-digit mobile is converted (and flagged for confirmation); anything else
            # invalid is kept in the notes with a warning.
            suggestion = getattr(err, "suggestion", None) or convert_old_mobile(part)
            if err.code == "phone_old_mobile" and suggestion:
                new_phone = parse_phone(suggestion)
                phones.append(new_phone.e164)
                issue = _from_error(row, "phone", err, WARNING)
                # Masked as the message masks it, so --json and the text output agree.
                issue["original"], issue["new"] = _mask_digits(part), new_phone.national
                issues.append(issue)
            else:
                _keep_in_notes(kept, "Số điện thoại", part)
                issue = _from_error(row, "phone", err, WARNING)
                issue["message"] += " Giữ trong ghi chú."
                issue["message_en"] += " Kept in the notes."
                issues.append(issue)
            continue
        phones.append(phone.e164)
        digits = re.sub(r"\D", "", part)
        international = part.strip().startswith("+") or (
            digits.startswith("84") and len(digits) in (11, 12)
        )
        if digits != phone.digits and not international:
            issues.append(
                _issue(
                    row,
                    "phone",
                    "phone_zero_restored",
                    WARNING,
                    f"Số điện thoại «{_grouped_phone(digits)}» mất số 0 ở đầu (ô dạng số): đã "
                    f"sửa thành {phone.national}.",
                    f"The phone number '{_grouped_phone(digits)}' lost its leading zero (a number"
                    f" cell): corrected to {phone.national}.",
                    original=_grouped_phone(digits),
                    new=phone.national,
                )
            )
    fields["phones"] = phones
    fields["phone"] = phones[0] if phones else None

    scheme_text = _text(values.get("scheme"))
    fields["scheme_text"] = scheme_text or None
    fields["scheme"] = fields["category"] = None
    if scheme_text:
        chosen = (scheme_map or {}).get(fold(scheme_text))
        if chosen:
            fields["scheme"], fields["category"] = _resolve_scheme(chosen)
            fields["scheme_mapped"] = True
        else:
            fields["scheme"], fields["category"] = _resolve_scheme(
                _match_words(scheme_text, _SCHEME_WORDS)
            )
        if fields["scheme"] is None:
            issues.append(
                _issue(
                    row,
                    "scheme",
                    "scheme_unknown",
                    WARNING,
                    f"Không nhận ra chế độ «{scheme_text}»: người này sẽ không có chế độ hưởng "
                    "nào. Hãy chọn chế độ cho cách ghi này (--map-scheme).",
                    f"Scheme '{scheme_text}' not recognised: this person will have no benefit. "
                    "Choose the scheme for this wording (--map-scheme).",
                )
            )

    raw_amount = values.get("amount")
    fields["amount"] = _parse_amount(raw_amount)
    if fields["amount"] is None and _text(raw_amount):
        _keep_in_notes(kept, "Mức hưởng", _text(raw_amount))
        issues.append(
            _issue(
                row,
                "amount",
                "amount_invalid",
                WARNING,
                f"Không đọc được mức hưởng «{_text(raw_amount)}»: giữ trong ghi chú.",
                f"Cannot read the amount '{_text(raw_amount)}': kept in the notes.",
            )
        )
    elif fields["scheme"] and not fields["amount"]:
        issues.append(
            _issue(
                row,
                "amount",
                "amount_missing",
                WARNING,
                "Không có mức hưởng: chưa tạo chế độ hưởng cho người này.",
                "No monthly amount: no benefit is created for this person.",
            )
        )
    elif has_scheme_column and not scheme_text and name:
        issues.append(
            _issue(
                row,
                "scheme",
                "scheme_missing",
                WARNING,
                "Ô chế độ trống: người này sẽ không có chế độ hưởng nào.",
                "The scheme cell is empty: this person will have no benefit.",
            )
        )
    fields["benefit"] = bool(fields["scheme"] and fields["amount"])

    fields["account_last4"] = None
    raw_account = values.get("account")
    if raw_account is not None and _text(raw_account):
        account = _digits_text(raw_account)
        try:
            fields["account_last4"] = validate_account_last4(account)
        except ValidationError as err:
            digits = re.sub(r"\D", "", account)
            if err.code == "account_full_number":
                fields["account_last4"] = digits[-4:]
                issues.append(
                    _issue(
                        row,
                        "account",
                        "account_full_number",
                        WARNING,
                        "Có cả số tài khoản: chỉ giữ 4 số cuối, phần còn lại không được lưu.",
                        "A full account number was given: only the last 4 digits are kept.",
                        original=_mask_account_number(digits),
                        new=digits[-4:],
                    )
                )
            else:
                issues.append(_from_error(row, "account", err, WARNING))

    # A full account number written in the channel or bank cell is never kept either.
    masked_cells: dict[str, str] = {}
    for name_, label in (("channel", "hình thức nhận"), ("bank", "ngân hàng")):
        text, numbers = mask_accounts(_text(values.get(name_)))
        masked_cells[name_] = text
        if not numbers:
            continue
        if fields["account_last4"] is None:
            fields["account_last4"] = numbers[0][-4:]
        issues.append(
            _issue(
                row,
                name_,
                "account_number_masked",
                WARNING,
                f"Ô {label} có số tài khoản đầy đủ: chỉ giữ 4 số cuối ({numbers[0][-4:]}), "
                "phần còn lại không được lưu.",
                f"The {'channel' if name_ == 'channel' else 'bank'} cell holds a full account "
                f"number: only the last 4 digits ({numbers[0][-4:]}) are kept.",
                original=text,
                new=numbers[0][-4:],
            )
        )
    fields["bank"] = masked_cells["bank"] or None

    channel_text = masked_cells["channel"]
    fields["channel_text"] = channel_text or None
    fields["channel"] = _match_words(channel_text, _CHANNEL_WORDS) if channel_text else None
    if fields["channel"] is None and fields["account_last4"] and fields["bank"]:
        # An account at a bank and no (readable) channel: paid into that account, said so.
        fields["channel"] = "bank_account"
        if channel_text:
            vi = f"Không nhận ra hình thức nhận «{channel_text}»"
            en = f"Payment channel '{channel_text}' not recognised"
        else:
            vi, en = "Không ghi hình thức nhận", "No payment channel given"
        issues.append(
            _issue(
                row,
                "channel",
                "channel_inferred_bank",
                WARNING,
                f"{vi}, nhưng có ngân hàng và số tài khoản: ghi là «Chuyển khoản ngân hàng». "
                "Kiểm tra lại.",
                f"{en}, but a bank and an account number are given: recorded as a bank "
                "transfer. Check it.",
                original=channel_text,
                new="bank_account",
            )
        )
        if channel_text:
            _keep_in_notes(kept, "Hình thức nhận", channel_text)
    elif fields["benefit"] and fields["channel"] is None:
        fields["channel"] = DEFAULT_CHANNEL
        if channel_text:
            vi = f"Không nhận ra hình thức nhận «{channel_text}»"
            en = f"Payment channel '{channel_text}' not recognised"
        else:
            vi, en = "Không ghi hình thức nhận", "No payment channel given"
        extra_vi = extra_en = ""
        if fields["account_last4"]:
            extra_vi = " Dòng có số tài khoản nhưng không ghi ngân hàng."
            extra_en = " The row has an account number but no bank."
        issues.append(
            _issue(
                row,
                "channel",
                "channel_defaulted",
                WARNING,
                f"{vi}: tạm ghi «Nhận tiền mặt tại xã», hãy sửa sau khi nhập.{extra_vi}",
                f"{en}: recorded as cash at the commune for now; correct it after import."
                + extra_en,
                original=channel_text,
                new=DEFAULT_CHANNEL,
            )
        )
    elif channel_text and fields["channel"] is None:
        _keep_in_notes(kept, "Hình thức nhận", channel_text)

    note, numbers = mask_accounts(_text(values.get("notes")), in_notes=True)
    if numbers:
        issues.append(
            _issue(
                row,
                "notes",
                "account_number_masked",
                WARNING,
                "Ô ghi chú có số tài khoản đầy đủ: chỉ giữ 4 số cuối, phần còn lại không được lưu.",
                "The notes cell holds a full account number: only the last 4 digits are kept.",
                original=note,
                new=note,
            )
        )
    fields["notes"] = "\n".join(x for x in ([note] if note else []) + kept) or None

    # The lengths every synced record keeps (core.record_rules): a longer value is refused on
    # its row, never cut short and never left to fail the whole import.
    for name_, limit in _LENGTH_LIMITS.items():
        value = fields.get(name_)
        if value and len(value) > limit:
            issues.append(
                _issue(
                    row,
                    name_,
                    "too_long",
                    ERROR,
                    f"Ô quá dài ({len(value)} ký tự, tối đa {limit}): dòng này không được nhập.",
                    f"The cell is too long ({len(value)} characters, at most {limit}): this row "
                    "is not imported.",
                )
            )

    if name and not (
        fields["citizen_id"] or fields["old_id"] or fields["birth_year"] or fields["address"]
    ):
        issues.append(
            _issue(
                row,
                "full_name",
                "name_only",
                WARNING,
                "Chỉ có họ tên, không có số định danh, năm sinh hay địa chỉ: có thể không phải "
                "một người (ví dụ tên người ký). Chỉ nhập khi bạn xác nhận.",
                "Only a name, with no ID number, birth year or address: it may not be a person "
                "(a signer's name, say). Imported only if you confirm it.",
            )
        )
    return fields, issues


# --- the preview ------------------------------------------------------------------------------


def _detect_text_encoding(rows: Sequence[Sequence[Any]]) -> str:
    sample: list[str] = []
    for row in rows:
        sample.extend(v for v in row if isinstance(v, str) and not v.isascii())
        if len(sample) >= 3000:
            break
    return legacy_encodings.detect_encoding(sample)


def _convert_rows(rows: list[tuple], encoding: str) -> list[tuple]:
    """Undo a legacy encoding. A row holding a cell that can only be Unicode (a header typed
    later over old data, say) is converted cell by cell, only where a cell reads clearly better."""
    out = []
    for row in rows:
        texts = [v for v in row if isinstance(v, str) and not v.isascii()]
        if not texts:
            out.append(row)
            continue
        mixed = not all(legacy_encodings.can_be_legacy(v) for v in texts)
        convert = legacy_encodings.convert_cell if mixed else legacy_encodings.convert
        out.append(
            tuple(
                convert(v, encoding) if isinstance(v, str) and not v.isascii() else v for v in row
            )
        )
    return out


def _status(issues: list[dict[str, Any]]) -> str:
    severities = {i["severity"] for i in issues}
    if ERROR in severities:
        return "error"
    if any(i["code"] == "name_only" for i in issues):
        return "confirm"
    if WARNING in severities:
        return "warning"
    return "valid"


# How a row was found to be the same person as another row or a person already in the data.
MATCH_METHODS: dict[str, tuple[str, str]] = {
    "citizen_id": ("số định danh", "ID number"),
    "name_birth_village": ("họ tên + năm sinh + thôn/tổ", "name + birth + village"),
    "name_address": ("họ tên + địa chỉ", "name + address"),
    "name_village": ("họ tên + thôn/tổ (không có năm sinh, địa chỉ)", "name + village only"),
}


def match_keys(fields: Mapping[str, Any]) -> list[tuple]:
    """The keys under which a row is the same person as another: ``(method, ...)`` tuples, the
    strongest first. Names and places are compared folded (no accents, any case)."""
    keys: list[tuple] = []
    if fields.get("citizen_id"):
        keys.append(("citizen_id", fields["citizen_id"]))
    name = fold(fields.get("full_name") or "")
    if not name:
        return keys
    village = fold(fields.get("village") or "")
    address = fold(fields.get("address") or "")
    if fields.get("birth_year"):
        keys.append(("name_birth_village", name, fields["birth_year"], village))
    if address:
        keys.append(("name_address", name, address))
    if not fields.get("birth_year") and not address:
        keys.append(("name_village", name, village))
    return keys


def _same_person(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two rows sharing a key are still different people when their IDs or dates differ."""
    if a.get("citizen_id") and b.get("citizen_id") and a["citizen_id"] != b["citizen_id"]:
        return False
    if a.get("birth_year") and b.get("birth_year") and a["birth_year"] != b["birth_year"]:
        return False
    return not (a.get("birth_date") and b.get("birth_date") and a["birth_date"] != b["birth_date"])


def header_signature(headers: Sequence[Any]) -> str:
    """The headers of a list, folded, as one key: a mapping chosen for one file is used again
    for the next file with the same headers."""
    return "|".join(_fold_header(h) for h in headers).rstrip("|")


def parse_scheme_map(items: Sequence[str]) -> dict[str, str]:
    """``["Trẻ mồ côi=social_allowance", "Đơn thân=social_allowance:single_poor_parent"]`` ->
    ``{folded text: code}``; KnownError for a scheme or category that does not exist."""
    from desktop_app.core.benefits import load_schemes

    schemes = load_schemes()
    out: dict[str, str] = {}
    for item in items:
        text, sep, code = item.rpartition("=")
        text, code = text.strip(), code.strip()
        if not sep or not text or not code:
            raise KnownError(
                f"«{item}»: hãy viết CHẾ_ĐỘ_TRONG_DANH_SÁCH=MÃ_CHẾ_ĐỘ, ví dụ "
                '"Trẻ mồ côi=social_allowance".',
                f"'{item}': write TEXT=SCHEME_CODE, e.g. \"Trẻ mồ côi=social_allowance\".",
            )
        scheme, category = _resolve_scheme(code)
        if scheme not in schemes or (category and category not in schemes[scheme].categories):
            known = ", ".join(schemes)
            raise KnownError(
                f"Không có chế độ «{code}». Các mã chế độ: {known} (có thể thêm :mã_đối_tượng).",
                f"There is no scheme '{code}'. Scheme codes: {known} (optionally :category).",
            )
        out[fold(text)] = code
    return out


def _lookup_result(found: Any) -> tuple[str | None, str | None]:
    if not found:
        return None, None
    if isinstance(found, tuple):
        return found[0], found[1]
    return found, None


def _choose_sheet(path: Path, sheet: str | int | None):
    """Read the requested sheet, or the first sheet that holds a list (a summary sheet placed
    first is passed over); also returns the names of the sheets not read."""
    raw_rows, sheet_name, file_encoding = read_rows(path, sheet)
    names = list_sheets(path) if _kind(path) != "csv" else [""]
    if sheet is None and len(names) > 1:
        probe = _detect_and_convert(raw_rows)[0]
        if find_header(probe) is None:
            for name in names[1:]:
                other = read_rows(path, name)
                if find_header(_detect_and_convert(other[0])[0]) is not None:
                    raw_rows, sheet_name, file_encoding = other
                    break
    others = [n for n in names if n and n != sheet_name]
    return raw_rows, sheet_name, file_encoding, others


def _detect_and_convert(raw_rows: list[tuple]) -> tuple[list[tuple], str]:
    text_encoding = _detect_text_encoding(raw_rows)
    if text_encoding != legacy_encodings.UNICODE:
        raw_rows = _convert_rows(raw_rows, text_encoding)
    return raw_rows, text_encoding


def _skip_entry(row_number: int, reason: str, raw: Sequence[Any]) -> dict[str, Any]:
    vi, en = SKIP_REASONS[reason]
    text = " | ".join(_row_texts(raw))
    return {
        "row": row_number,
        "reason": reason,
        "message": vi,
        "message_en": en,
        "text": _mask_digits(text if len(text) <= 120 else text[:119] + "…"),
    }


def preview_import(
    path: Path | str,
    *,
    sheet: str | int | None = None,
    mapping: Mapping[str, int | str | None] | None = None,
    remembered: Mapping[str, Mapping[str, int | None]] | None = None,
    scheme_map: Mapping[str, str] | None = None,
    existing_lookup: Callable[[dict[str, Any]], Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    today: date | None = None,
) -> ImportPreview:
    """Read, clean and check a beneficiary list without writing anything.

    ``mapping`` overrides the detected columns (``{field: column index or header text}``, None to
    drop a field). Without it, ``remembered`` (``{header_signature: {field: index}}``) gives the
    mapping chosen earlier for a file with the same headers. ``scheme_map`` maps folded scheme
    texts to ``"scheme"`` or ``"scheme:category"`` (see ``parse_scheme_map``).
    ``existing_lookup(fields)`` returns the id (or ``(id, method)``) of a person already in the
    database: the row becomes "duplicate" with code ``exists_in_db``. ``progress(done, total)``
    is called every 1,000 rows; ``cancel()`` returning True stops with ImportCancelled.
    Raises KnownError for an unreadable file or a missing header row.
    """
    path = Path(path)
    today = today or date.today()
    raw_rows, sheet_name, file_encoding, other_sheets = _choose_sheet(path, sheet)
    # Old encodings are undone first: the header row itself may be in TCVN3 or cp1258.
    raw_rows, text_encoding = _detect_and_convert(raw_rows)

    header_index = find_header(raw_rows)
    mapping_source = "detected"
    if header_index is None:
        if mapping and all(isinstance(v, int) or v is None for v in mapping.values()):
            header: Sequence[Any] = ()
            columns: dict[str, int] = {}
            start = 0
        else:
            raise KnownError(
                f"Không tìm thấy dòng tiêu đề (có cột «Họ và tên») trong {_SCAN_HEADER_ROWS} dòng "
                "đầu. Hãy chọn cột bằng tay.",
                f"No header row (with a 'Họ và tên' column) in the first {_SCAN_HEADER_ROWS} rows. "
                "Map the columns by hand.",
            )
    else:
        header = raw_rows[header_index]
        columns = map_columns(header)
        start = header_index + 1
    split = None if header_index is None else find_sex_split(raw_rows, header_index)
    if split is not None:
        start = header_index + 2  # the «Nam» | «Nữ» row is part of the header, not a person
        for name in (split["field"], "sex"):
            if columns.get(name) in (split["male"], split["female"]):
                del columns[name]
    signature = header_signature(header)
    if mapping:
        mapping_source = "chosen"
    elif remembered and signature and signature in remembered:
        mapping = {
            f: i
            for f, i in remembered[signature].items()
            if f in HEADER_ALIASES and (i is None or (isinstance(i, int) and i < len(header)))
        }
        mapping_source = "remembered"
    columns = _apply_override(columns, mapping, header)
    if "full_name" not in columns:
        raise KnownError("Chưa chọn cột «Họ và tên».", "The full-name column is not mapped.")

    file_issues: list[dict[str, Any]] = []
    data_rows = raw_rows[start:]
    if text_encoding != legacy_encodings.UNICODE:
        names = {"tcvn3": "TCVN3 (ABC, .VnTime)", "vni": "VNI", "cp1258_mojibake": "Windows-1258"}
        shown = names.get(text_encoding, text_encoding)
        file_issues.append(
            _issue(
                None,
                None,
                "legacy_encoding_converted",
                WARNING,
                f"Chữ trong tệp dùng bảng mã cũ {shown}: đã chuyển sang Unicode. Kiểm tra vài tên.",
                f"The text uses the old {shown} encoding: converted to Unicode. Check a few names.",
            )
        )
    if other_sheets:
        listed = ", ".join(f"«{n}»" for n in other_sheets)
        file_issues.append(
            _issue(
                None,
                None,
                "other_sheets_not_read",
                WARNING,
                f"Chỉ đọc trang «{sheet_name}». Tệp còn có trang {listed}: chưa đọc (chọn trang "
                "khác nếu ở đó cũng có người).",
                f"Only the sheet '{sheet_name}' was read. The file also has {listed}: not read "
                "(choose another sheet if it lists people too).",
            )
        )
    if split is not None:
        male, female = _column_letter(split["male"]), _column_letter(split["female"])
        if split["field"] == "birth":
            vi = (
                f"Năm sinh ghi theo giới tính: cột {male} (Nam), cột {female} (Nữ); giới tính "
                "lấy theo cột có năm sinh."
            )
            en = (
                f"Birth years are written under the person's sex: column {male} (male), column "
                f"{female} (female); the sex is taken from the column holding the year."
            )
        else:
            vi = f"Giới tính đánh dấu ở cột {male} (Nam) hoặc cột {female} (Nữ)."
            en = f"Sex is marked in column {male} (male) or column {female} (female)."
        file_issues.append(_issue(None, split["field"], "sex_split_columns", INFO, vi, en))
    has_scheme_column = "scheme" in columns
    if not has_scheme_column:
        file_issues.append(
            _issue(
                None,
                "scheme",
                "no_scheme_column",
                WARNING,
                "Không có cột chế độ hưởng: không ai được tạo chế độ hưởng từ danh sách này.",
                "No scheme column: nobody gets a benefit from this list.",
            )
        )

    # The last row holding anything: blank rows after it are the sheet's end, not separators.
    last = len(data_rows)
    while last and _is_blank(data_rows[last - 1]):
        last -= 1
    total = len(data_rows)
    rows: list[ImportRow] = []
    skipped: list[dict[str, Any]] = []
    seen: dict[tuple, ImportRow] = {}
    decomposed = 0
    in_signature = False
    width = len(header)
    filled: dict[int, int] = {}
    for offset, raw in enumerate(data_rows[:last]):
        if cancel is not None and offset % _PROGRESS_EVERY == 0 and cancel():
            raise ImportCancelled("Đã hủy việc nhập danh sách.", "Import cancelled.")
        if progress is not None and offset % _PROGRESS_EVERY == 0:
            progress(offset, total)
        row_number = start + offset + 1
        values: dict[str, Any] = {}
        for name, col in columns.items():
            value = raw[col] if col < len(raw) else None
            if isinstance(value, str) and not value.isascii() and nfc(value) != value:
                decomposed += 1
            values[name] = value
        if split is not None:
            _read_split(raw, split, values, "sex" not in columns)
        reason = non_person_reason(raw, values, in_signature=in_signature)
        if reason in ("signature", "signing_date"):
            in_signature = True
        if reason is not None:
            skipped.append(_skip_entry(row_number, reason, raw))
            continue
        if _is_blank(list(values.values())):
            # Cells only in columns that are not mapped: listed under ignored columns.
            skipped.append(
                {
                    **_skip_entry(row_number, "blank", ()),
                    "message": "Không có giá trị nào ở các cột đã ghép.",
                    "message_en": "Nothing in the mapped columns.",
                    "text": " | ".join(_row_texts(raw))[:120],
                }
            )
            continue
        width = max(width, len(raw))
        for col, value in enumerate(raw):
            if value is not None and _text(value):
                filled[col] = filled.get(col, 0) + 1
        fields, issues = _clean_row(values, row_number, today, scheme_map, has_scheme_column)
        if any(i["severity"] == ERROR for i in issues):
            # Not imported anyway: what its benefit would have been is beside the point.
            issues = [i for i in issues if i["code"] not in ("scheme_missing", "amount_missing")]
        item = ImportRow(
            row_number=row_number, fields=fields, issues=issues, status=_status(issues)
        )
        if item.status != "error":
            first = _in_file_duplicate(item, seen)
            if first is not None:
                first_row, method = first
                item.match, item.duplicate_of = method, first_row.row_number
                how_vi, how_en = MATCH_METHODS[method]
                item.issues.append(
                    _issue(
                        row_number,
                        "citizen_id" if method == "citizen_id" else "full_name",
                        "duplicate_in_file",
                        WARNING,
                        f"Trùng với dòng {first_row.row_number} trong tệp (khớp theo {how_vi}): "
                        "không tạo người mới; chế độ hưởng khác ở dòng này được thêm cho người đó.",
                        f"Same person as row {first_row.row_number} of the file (matched on "
                        f"{how_en}): no new person; a different benefit on this row is added to them.",
                    )
                )
                item.status = "duplicate"
                _note_goes_to_person(item)
            if item.status != "duplicate" and existing_lookup is not None:
                existing, method = _lookup_result(existing_lookup(fields))
                if existing:
                    item.existing_id = existing
                    item.match = method
                    how_vi, how_en = MATCH_METHODS.get(method or "", ("", ""))
                    item.issues.append(
                        _issue(
                            row_number,
                            None,
                            "exists_in_db",
                            INFO,
                            "Người này đã có trong dữ liệu"
                            + (f" (khớp theo {how_vi})" if how_vi else "")
                            + ": không tạo mới; chế độ hưởng còn thiếu sẽ được thêm.",
                            "This person is already in the database"
                            + (f" (matched on {how_en})" if how_en else "")
                            + ": nothing new is created; a missing benefit is added.",
                        )
                    )
                    item.status = "duplicate"
                    _note_goes_to_person(item)
        rows.append(item)
    blank_tail = total - last
    if progress is not None:
        progress(total, total)

    if decomposed:
        file_issues.append(
            _issue(
                None,
                None,
                "unicode_normalised",
                INFO,
                f"{decomposed} ô chữ ở dạng Unicode tổ hợp (NFD) đã được chuẩn hoá (NFC).",
                f"{decomposed} text cells in decomposed Unicode (NFD) were normalised to NFC.",
            )
        )
    used = set(columns.values())
    if split is not None:
        used |= {split["male"], split["female"]}
    ignored_columns = [
        {
            "column": _column_letter(col),
            "header": _text(header[col]) if col < len(header) else "",
            "values": filled.get(col, 0),
        }
        for col in range(width)
        if col not in used and (filled.get(col) or (col < len(header) and _text(header[col])))
    ]
    if ignored_columns:
        listed = ", ".join(
            f"{c['column']} «{c['header']}»" if c["header"] else c["column"]
            for c in ignored_columns
        )
        file_issues.append(
            _issue(
                None,
                None,
                "columns_ignored",
                WARNING if any(c["values"] for c in ignored_columns) else INFO,
                f"Các cột không được nhập: {listed}.",
                f"Columns not imported: {listed}.",
            )
        )
    unknown: dict[str, dict[str, Any]] = {}
    for item in rows:
        if any(i["code"] == "scheme_unknown" for i in item.issues):
            text = item.fields["scheme_text"]
            entry = unknown.setdefault(fold(text), {"text": text, "rows": []})
            entry["rows"].append(item.row_number)
    unknown_schemes = sorted(unknown.values(), key=lambda e: (-len(e["rows"]), e["text"]))
    without = [
        item.row_number
        for item in rows
        if item.status in ("valid", "warning", "confirm") and not item.fields.get("benefit")
    ]
    counts = {status: 0 for status in STATUSES}
    for item in rows:
        counts[item.status] += 1
    summary = {
        "rows": len(rows),
        "valid": counts["valid"],
        "warnings": counts["warning"],
        "to_confirm": counts["confirm"],
        "errors": counts["error"],
        "duplicates": counts["duplicate"],
        "issues": file_issues + [issue for item in rows for issue in item.issues],
        "skipped": skipped,
        "blank_rows_at_end": blank_tail,
        "ignored_columns": ignored_columns,
        "unknown_schemes": unknown_schemes,
        "persons_without_benefit": len(without),
        "rows_without_benefit": without,
        "matched": [
            {
                "row": item.row_number,
                "how": item.match,
                "existing": item.existing_id is not None,
                "duplicate_of": item.duplicate_of,
            }
            for item in rows
            if item.match or item.existing_id or item.duplicate_of
        ],
        "mapping": {
            **{
                f: (_text(header[i]) if i < len(header) else _column_letter(i))
                for f, i in columns.items()
            },
            **_split_mapping(split, header, columns),
        },
        "mapping_source": mapping_source,
    }
    return ImportPreview(
        rows=rows,
        summary=summary,
        mapping=columns,
        headers=[_text(h) for h in header],
        header_row=None if header_index is None else header_index + 1,
        sheet=sheet_name,
        file_encoding=file_encoding,
        text_encoding=text_encoding,
        signature=signature,
        mapping_source=mapping_source,
        other_sheets=other_sheets,
    )


def _split_mapping(
    split: Mapping[str, Any] | None, header: Sequence[Any], columns: Mapping[str, int]
) -> dict[str, str]:
    if split is None:
        return {}
    letters = f"{_column_letter(split['male'])} (Nam) | {_column_letter(split['female'])} (Nữ)"
    parent = next(
        (
            _text(header[c])
            for c in sorted((split["male"], split["female"]))
            if c < len(header) and _text(header[c])
        ),
        "",
    )
    out = {split["field"]: f"{parent}: {letters}"}
    if "sex" not in columns:
        out["sex"] = out[split["field"]]
    return out


def _note_goes_to_person(item: ImportRow) -> None:
    """A repeated row's notes are not dropped: they go to the person's notes (said so)."""
    note = item.fields.get("notes")
    if not note:
        return
    shown = note if len(note) <= 80 else note[:79] + "…"
    item.issues.append(
        _issue(
            item.row_number,
            "notes",
            "duplicate_notes_kept",
            WARNING,
            f"Ghi chú của dòng trùng «{shown}» được thêm vào ghi chú của người đó.",
            f"The notes of this repeated row ('{shown}') are added to that person's notes.",
        )
    )


def _in_file_duplicate(
    item: ImportRow, seen: dict[tuple, ImportRow]
) -> tuple[ImportRow, str] | None:
    """The earlier row of the file this row repeats (and how it matched); records its keys."""
    keys = match_keys(item.fields)
    found = None
    for key in keys:
        first = seen.get(key)
        if first is not None and _same_person(first.fields, item.fields):
            found = (first, key[0])
            break
    if found is None:
        for key in keys:
            seen.setdefault(key, item)
    return found


def _column_letter(index: int) -> str:
    """Spreadsheet column letters: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def summary_for_json(preview: ImportPreview) -> dict[str, Any]:
    """The preview's summary as the ``--json`` output prints it (no full ID number anywhere)."""
    s = preview.summary
    keys = ("row", "field", "code", "severity", "message", "message_en", "original", "new")
    out: dict[str, Any] = {
        "sheet": preview.sheet,
        "header_row": preview.header_row,
        **{k: s[k] for k in ("rows", "valid", "warnings", "to_confirm", "errors", "duplicates")},
        "issues": [{k: i[k] for k in keys if k in i} for i in s["issues"]],
        "skipped": [
            {k: e[k] for k in ("row", "reason", "message", "message_en", "text")}
            for e in s["skipped"]
        ],
        "ignored_columns": s["ignored_columns"],
        "unknown_schemes": s["unknown_schemes"],
        "persons_without_benefit": s["persons_without_benefit"],
        "rows_without_benefit": s["rows_without_benefit"],
        "rows_to_confirm": [r.row_number for r in preview.rows if r.status == "confirm"],
        "matched": s["matched"],
        "mapping": s["mapping"],
        "mapping_source": s["mapping_source"],
        "other_sheets": preview.other_sheets,
    }
    return out
