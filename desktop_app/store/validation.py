"""Field rules applied before anything is written: clean values, clear Vietnamese messages.

Rejections raise ``ValidationError``. Data-quality findings that must not block a volunteer (an ID
number whose birth year or sex disagrees with the record, an ID registered abroad) come back as
warnings for the police officer to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from desktop_app.core.citizen_id import consistency_flags, is_old_cmnd, parse_citizen_id
from desktop_app.core.dates import parse_birth, parse_date_vi
from desktop_app.core.errors import ValidationError
from desktop_app.core.phone import parse_phone
from desktop_app.core.records import (
    ASSISTANCE_KINDS,
    ASSISTANCE_STATUSES,
    CARD_TYPES,
    VULNERABILITY_TAGS,
)
from desktop_app.core.text import clean_text

_FUTURE_SLACK = timedelta(minutes=10)

WARNING_TEXT = {
    "id_birth_year_mismatch": (
        "Năm sinh suy ra từ số định danh khác với năm sinh đã ghi — cần công an xã kiểm tra.",
        "The birth year implied by the ID number differs from the recorded one — for the police "
        "officer to check.",
    ),
    "id_sex_mismatch": (
        "Giới tính suy ra từ số định danh khác với giới tính đã ghi — cần công an xã kiểm tra.",
        "The sex implied by the ID number differs from the recorded one — for the police officer "
        "to check.",
    ),
    "id_born_abroad": (
        "Số định danh có mã nơi đăng ký khai sinh ở nước ngoài — hiếm gặp, hãy kiểm tra lại.",
        "The ID number has a birth-registration code for abroad — rare here, please check it.",
    ),
}


@dataclass
class Checked:
    """Clean fields ready to write, and warnings to show (never blocking)."""

    fields: dict
    warnings: list[dict] = field(default_factory=list)


def _warning(code: str, field_name: str) -> dict:
    vi, en = WARNING_TEXT[code]
    return {"field": field_name, "code": code, "message_vi": vi, "message_en": en}


def _text(value) -> str:
    return clean_text(value) if isinstance(value, str) else ("" if value is None else str(value))


def _opt_date(value, field_name: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return parse_date_vi(str(value)).isoformat()
    except ValidationError as exc:
        raise ValidationError(field_name, exc.code, exc.message_vi, exc.message_en) from exc


def validate_phones(phones) -> list[dict]:
    """A list of {"number", "owner"} with numbers in E.164; an invalid number is refused."""
    out = []
    for item in phones or []:
        if isinstance(item, str):
            item = {"number": item, "owner": ""}
        number = _text(item.get("number"))
        if not number:
            continue
        phone = parse_phone(number)
        out.append({"number": phone.e164, "owner": _text(item.get("owner"))})
    return out


def validate_household(fields: dict) -> dict:
    """Clean a household's fields. Many houses have no number: a landmark is enough."""
    out = dict(fields)
    out["address"] = _text(fields.get("address"))
    out["landmark"] = _text(fields.get("landmark"))
    out["notes"] = _text(fields.get("notes"))
    if not out["address"] and not out["landmark"]:
        raise ValidationError(
            "address",
            "address_required",
            "Cần ghi địa chỉ hoặc cách tìm đường đến nhà (mốc, chỉ dẫn).",
            "Enter an address or directions to the house (a landmark).",
        )
    out["phones"] = validate_phones(fields.get("phones"))
    for coord, lo, hi in (("latitude", -90, 90), ("longitude", -180, 180)):
        v = fields.get(coord)
        if v in (None, ""):
            out[coord] = None
            continue
        try:
            v = float(v)
        except (TypeError, ValueError):
            v = None
        if v is None or not lo <= v <= hi:
            raise ValidationError(
                coord, "coordinate_invalid", "Toạ độ không hợp lệ.", "Invalid coordinate."
            )
        out[coord] = v
    return out


def validate_person(fields: dict, today: date | None = None) -> Checked:
    """Clean a person's fields; ID number, phones and birth date are checked (DOMAIN.md)."""
    today = today or date.today()
    out = dict(fields)
    warnings: list[dict] = []
    full_name = _text(fields.get("full_name"))
    if not full_name:
        raise ValidationError(
            "full_name", "required", "Cần nhập họ và tên.", "Enter the full name."
        )
    out["full_name"] = full_name
    given = _text(fields.get("given_name"))
    out["given_name"] = given or full_name.split()[-1]

    birth_date, birth_year = fields.get("birth_date"), fields.get("birth_year")
    if isinstance(birth_date, date):
        birth_date = birth_date.isoformat()
    if birth_date:
        try:
            d, y = parse_birth(str(birth_date), today=today)
        except ValidationError as exc:
            raise ValidationError("birth_date", exc.code, exc.message_vi, exc.message_en) from exc
        out["birth_date"], out["birth_year"] = (d.isoformat() if d else None), y
    elif birth_year not in (None, ""):
        try:
            d, y = parse_birth(str(birth_year), today=today)
        except ValidationError as exc:
            raise ValidationError("birth_year", exc.code, exc.message_vi, exc.message_en) from exc
        out["birth_date"], out["birth_year"] = None, y
    else:
        out["birth_date"], out["birth_year"] = None, None

    sex = fields.get("sex") or None
    if sex not in (None, "male", "female"):
        raise ValidationError("sex", "sex_invalid", "Giới tính không hợp lệ.", "Invalid sex.")
    out["sex"] = sex

    raw_id = _text(fields.get("citizen_id"))
    if raw_id:
        if is_old_cmnd(raw_id):
            raise ValidationError(
                "citizen_id",
                "id_is_old_cmnd",
                "Đây là số CMND cũ (9 số): hãy ghi vào ô «CMND cũ».",
                "This is an old 9-digit ID (CMND): put it in the “old ID” field.",
            )
        cid = parse_citizen_id(raw_id, today=today)
        out["citizen_id"] = cid.number
        if cid.born_abroad:
            warnings.append(_warning("id_born_abroad", "citizen_id"))
        for flag in consistency_flags(cid, out["birth_year"], sex):
            warnings.append(_warning(flag, "citizen_id"))
    else:
        out["citizen_id"] = None

    old_id = _text(fields.get("old_id")).replace(" ", "")
    if old_id and not is_old_cmnd(old_id):
        raise ValidationError(
            "old_id",
            "old_id_invalid",
            "Số CMND cũ phải gồm đúng 9 chữ số.",
            "An old ID (CMND) number has exactly 9 digits.",
        )
    out["old_id"] = old_id or None

    card_type = fields.get("card_type") or None
    if card_type not in (None, *CARD_TYPES):
        raise ValidationError(
            "card_type", "card_type_invalid", "Loại thẻ không hợp lệ.", "Invalid card type."
        )
    out["card_type"] = card_type
    out["card_expiry"] = _opt_date(fields.get("card_expiry"), "card_expiry")

    tags = list(dict.fromkeys(fields.get("vulnerabilities") or []))
    unknown = [t for t in tags if t not in VULNERABILITY_TAGS]
    if unknown:
        raise ValidationError(
            "vulnerabilities",
            "tag_unknown",
            f"Nhãn không hợp lệ: {', '.join(unknown)}",
            f"Unknown tags: {', '.join(unknown)}",
        )
    out["vulnerabilities"] = tags
    out["phones"] = validate_phones(fields.get("phones"))
    out["relationship"] = _text(fields.get("relationship"))
    out["notes"] = _text(fields.get("notes"))
    for f in ("consent_date", "consent_withdrawn_on"):
        out[f] = _opt_date(fields.get(f), f)
    for f in ("consent_scope", "consent_method", "consent_witness", "payment_channel"):
        out[f] = _text(fields.get(f)) or None
    return Checked(out, warnings)


def validate_visit(fields: dict) -> dict:
    """Clean a visit: when (default now), tags, outcome, notes, follow-up date."""
    out = dict(fields)
    when = fields.get("visited_at")
    if isinstance(when, datetime):
        when = when.isoformat()
    if not when:
        when = datetime.now().astimezone().isoformat()
    try:
        parsed = datetime.fromisoformat(str(when))
    except ValueError as exc:
        raise ValidationError(
            "visited_at", "date_invalid", "Thời điểm thăm không hợp lệ.", "Invalid visit time."
        ) from exc
    if parsed.tzinfo is None:
        parsed = parsed.astimezone()  # a time typed on the laptop is local time
    if parsed > datetime.now(UTC) + _FUTURE_SLACK:
        raise ValidationError(
            "visited_at",
            "date_future",
            "Thời điểm thăm ở tương lai.",
            "The visit time is in the future.",
        )
    out["visited_at"] = parsed.isoformat()
    out["purposes"] = list(dict.fromkeys(fields.get("purposes") or []))
    out["persons_present"] = [p for p in dict.fromkeys(fields.get("persons_present") or []) if p]
    out["outcome"] = _text(fields.get("outcome"))
    out["notes"] = _text(fields.get("notes"))
    out["follow_up_on"] = _opt_date(fields.get("follow_up_on"), "follow_up_on")
    out["follow_up_done_on"] = _opt_date(fields.get("follow_up_done_on"), "follow_up_done_on")
    return out


def validate_assistance(fields: dict) -> dict:
    """Clean an assistance item (kind, status, due date, text)."""
    out = dict(fields)
    kind = fields.get("kind")
    if kind not in ASSISTANCE_KINDS:
        raise ValidationError(
            "kind", "kind_invalid", "Loại hỗ trợ không hợp lệ.", "Invalid kind of help."
        )
    status = fields.get("status") or "open"
    if status not in ASSISTANCE_STATUSES:
        raise ValidationError(
            "status", "status_invalid", "Trạng thái không hợp lệ.", "Invalid status."
        )
    out["status"] = status
    out["due_on"] = _opt_date(fields.get("due_on"), "due_on")
    out["text"] = _text(fields.get("text"))
    return out
