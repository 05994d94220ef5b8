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
STATUSES = ("valid", "warning", "error", "duplicate")

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
    "scheme": ("che do", "doi tuong", "loai doi tuong", "che do huong", "dien doi tuong"),
    "amount": ("muc huong", "so tien", "muc tro cap", "so tien huong", "muc huong hang thang"),
    "channel": ("hinh thuc nhan", "kenh chi tra", "hinh thuc chi tra", "phuong thuc chi tra"),
    "bank": ("ngan hang", "ten ngan hang", "ngan hang mo tai khoan"),
    "account": ("so tai khoan", "stk", "tai khoan", "so tk"),
}
FIELDS = tuple(HEADER_ALIASES)

_ALIAS_TO_FIELD = {alias: f for f, aliases in HEADER_ALIASES.items() for alias in aliases}
_ALIASES_LONGEST_FIRST = sorted(_ALIAS_TO_FIELD, key=len, reverse=True)
# "Tổng cộng", "Cộng: 125 người" — but not the surname Tống ("Tống Công Minh").
_TOTALS = re.compile(r"^(tong cong|tong so|tong|cong)\s*[\d\s,]*(nguoi|doi tuong|ho|truong hop)?$")
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")
_HEADER_NOISE = re.compile(r"[*:()\[\].]|\s*\(\d+\)\s*")
_DIGIT_RUN = re.compile(r"\d{9,}")
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
    ("tai khoan", "bank_account"),
    ("ngan hang", "bank_account"),
    ("atm", "bank_account"),
    ("the", "bank_account"),
    ("tien mat", "commune_cash"),
    ("tai xa", "commune_cash"),
    ("ubnd", "commune_cash"),
)
_SCHEME_WORDS = (
    ("huu tri xa hoi", "social_pension"),
    ("nguoi co cong", "meritorious"),
    ("co cong", "meritorious"),
    ("bao tro xa hoi", "social_allowance"),
    ("tro cap xa hoi", "social_allowance"),
    ("btxh", "social_allowance"),
    ("nguoi cao tuoi", "social_allowance"),
    ("khuyet tat", "social_allowance"),
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


# --- cleaning one row -------------------------------------------------------------------------


def _mask_digits(message: str) -> str:
    return _DIGIT_RUN.sub(lambda m: mask_citizen_id(m.group()), message)


def _issue(
    row: int | None, field_name: str | None, code: str, severity: str, vi: str, en: str
) -> dict:
    return {
        "row": row,
        "field": field_name,
        "code": code,
        "severity": severity,
        "message": _mask_digits(vi),
        "message_en": _mask_digits(en),
    }


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


def _clean_row(
    values: dict[str, Any], row: int, today: date
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    issues: list[dict[str, Any]] = []
    fields: dict[str, Any] = {}

    name = _text(values.get("full_name"))
    fields["full_name"] = name or None
    if not name:
        issues.append(
            _issue(
                row, "full_name", "name_missing", ERROR, "Thiếu họ và tên.", "Full name missing."
            )
        )

    fields["birth_date"], fields["birth_year"] = _parse_birth_cell(
        values.get("birth"), row, today, issues
    )

    raw_sex = values.get("sex")
    fields["sex"] = _parse_sex(raw_sex)
    if fields["sex"] is None and _text(raw_sex):
        issues.append(
            _issue(
                row,
                "sex",
                "sex_unknown",
                WARNING,
                f"Không hiểu giới tính «{_text(raw_sex)}» (ghi Nam hoặc Nữ).",
                f"Sex '{_text(raw_sex)}' not understood (use Nam or Nữ).",
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
                fields["old_id"] = _digits_text(raw_id).zfill(9)
                issues.append(_from_error(row, "citizen_id", err, WARNING))
            else:
                issues.append(_from_error(row, "citizen_id", err, ERROR))
        else:
            fields["citizen_id"] = number
            if warning:
                issues.append(
                    _issue(
                        row,
                        "citizen_id",
                        warning,
                        WARNING,
                        "Số định danh bị Excel mất số 0 ở đầu: đã thêm lại. Kiểm tra với thẻ.",
                        "The ID number lost its leading zeros in Excel: they were put back. "
                        "Check against the card.",
                    )
                )
            for flag in consistency_flags(
                parse_citizen_id(number, today), fields["birth_year"], fields["sex"]
            ):
                issues.append(
                    _issue(
                        row,
                        "citizen_id",
                        flag,
                        INFO,
                        "Năm sinh hoặc giới tính không khớp với số định danh: công an xã kiểm tra.",
                        "Birth year or sex disagrees with the ID number: for the police officer to check.",
                    )
                )

    raw_old = values.get("old_id")
    if raw_old is not None and _text(raw_old) and fields["old_id"] is None:
        digits = re.sub(r"\D", "", _digits_text(raw_old))
        if len(digits) == 8:
            digits = "0" + digits
        if len(digits) in (9, 12):
            fields["old_id"] = digits
        else:
            issues.append(
                _issue(
                    row,
                    "old_id",
                    "old_id_invalid",
                    WARNING,
                    "Số CMND cũ phải có 9 chữ số: đã bỏ qua.",
                    "An old ID (CMND) number has 9 digits: ignored.",
                )
            )

    fields["address"] = _text(values.get("address")) or None
    fields["village"] = _text(values.get("village")) or None

    phones: list[str] = []
    raw_phone = values.get("phone")
    for part in _PHONE_SPLIT.split(_digits_text(raw_phone)) if raw_phone is not None else ():
        if not part:
            continue
        try:
            phones.append(parse_phone(part).e164)
        except ValidationError as err:
            # An old 11-digit mobile is converted (and flagged for confirmation); anything else
            # invalid is dropped with a warning.
            suggestion = getattr(err, "suggestion", None) or convert_old_mobile(part)
            if err.code == "phone_old_mobile" and suggestion:
                phones.append(parse_phone(suggestion).e164)
            issues.append(_from_error(row, "phone", err, WARNING))
    fields["phones"] = phones
    fields["phone"] = phones[0] if phones else None

    scheme_text = _text(values.get("scheme"))
    fields["scheme_text"] = scheme_text or None
    fields["scheme"] = _match_words(scheme_text, _SCHEME_WORDS) if scheme_text else None

    raw_amount = values.get("amount")
    fields["amount"] = _parse_amount(raw_amount)
    if fields["amount"] is None and _text(raw_amount):
        issues.append(
            _issue(
                row,
                "amount",
                "amount_invalid",
                WARNING,
                f"Không đọc được mức hưởng «{_text(raw_amount)}».",
                f"Cannot read the amount '{_text(raw_amount)}'.",
            )
        )

    channel_text = _text(values.get("channel"))
    fields["channel_text"] = channel_text or None
    fields["channel"] = _match_words(channel_text, _CHANNEL_WORDS) if channel_text else None
    if channel_text and fields["channel"] is None:
        issues.append(
            _issue(
                row,
                "channel",
                "channel_unknown",
                INFO,
                f"Không nhận ra hình thức nhận «{channel_text}»: chọn lại sau khi nhập.",
                f"Payment channel '{channel_text}' not recognised: choose it after import.",
            )
        )

    fields["bank"] = _text(values.get("bank")) or None
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
                    )
                )
            else:
                issues.append(_from_error(row, "account", err, WARNING))
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
    if WARNING in severities:
        return "warning"
    return "valid"


def _duplicate_key(fields: dict[str, Any]) -> tuple | None:
    if fields.get("citizen_id"):
        return ("id", fields["citizen_id"])
    if fields.get("full_name") and fields.get("birth_year"):
        place = fields.get("address") or fields.get("village") or ""
        return ("name", fold(fields["full_name"]), fields["birth_year"], fold(place))
    return None


def preview_import(
    path: Path | str,
    *,
    sheet: str | int | None = None,
    mapping: Mapping[str, int | str | None] | None = None,
    existing_lookup: Callable[[dict[str, Any]], str | None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    today: date | None = None,
) -> ImportPreview:
    """Read, clean and check a beneficiary list without writing anything.

    ``mapping`` overrides the detected columns (``{field: column index or header text}``, None to
    drop a field). ``existing_lookup(fields)`` returns the id of a person already in the database
    (the row becomes "duplicate" with code ``exists_in_db``). ``progress(done, total)`` is called
    every 1,000 rows; ``cancel()`` returning True stops with ImportCancelled.
    Raises KnownError for an unreadable file or a missing header row.
    """
    path = Path(path)
    today = today or date.today()
    raw_rows, sheet_name, file_encoding = read_rows(path, sheet)
    # Old encodings are undone first: the header row itself may be in TCVN3 or cp1258.
    text_encoding = _detect_text_encoding(raw_rows)
    if text_encoding != legacy_encodings.UNICODE:
        raw_rows = _convert_rows(raw_rows, text_encoding)

    header_index = find_header(raw_rows)
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

    total = len(data_rows)
    rows: list[ImportRow] = []
    seen: dict[tuple, int] = {}
    decomposed = 0
    for offset, raw in enumerate(data_rows):
        if cancel is not None and offset % _PROGRESS_EVERY == 0 and cancel():
            raise ImportCancelled("Đã hủy việc nhập danh sách.", "Import cancelled.")
        if progress is not None and offset % _PROGRESS_EVERY == 0:
            progress(offset, total)
        if _is_blank(raw) or _is_totals(raw) or (offset == 0 and _is_column_numbers(raw)):
            continue
        row_number = start + offset + 1
        values: dict[str, Any] = {}
        for name, col in columns.items():
            value = raw[col] if col < len(raw) else None
            if isinstance(value, str) and not value.isascii() and nfc(value) != value:
                decomposed += 1
            values[name] = value
        if _is_blank(list(values.values())):
            continue
        fields, issues = _clean_row(values, row_number, today)
        item = ImportRow(
            row_number=row_number, fields=fields, issues=issues, status=_status(issues)
        )
        if item.status != "error":
            key = _duplicate_key(fields)
            if key is not None and key in seen:
                first = seen[key]
                item.issues.append(
                    _issue(
                        row_number,
                        "citizen_id" if key[0] == "id" else "full_name",
                        "duplicate_in_file",
                        WARNING,
                        f"Trùng với dòng {first} trong tệp.",
                        f"Same person as row {first} of the file.",
                    )
                )
                item.status = "duplicate"
            elif key is not None:
                seen[key] = row_number
            if item.status != "duplicate" and existing_lookup is not None:
                existing = existing_lookup(fields)
                if existing:
                    item.existing_id = existing
                    item.issues.append(
                        _issue(
                            row_number,
                            None,
                            "exists_in_db",
                            INFO,
                            "Người này đã có trong dữ liệu: sẽ không tạo mới.",
                            "This person is already in the database: nothing new will be created.",
                        )
                    )
                    item.status = "duplicate"
        rows.append(item)
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
    counts = {status: 0 for status in STATUSES}
    for item in rows:
        counts[item.status] += 1
    summary = {
        "rows": len(rows),
        "valid": counts["valid"],
        "warnings": counts["warning"],
        "errors": counts["error"],
        "duplicates": counts["duplicate"],
        "issues": file_issues + [issue for item in rows for issue in item.issues],
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
    )
