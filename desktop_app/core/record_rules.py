"""The rules every synced record must meet, on the laptop and on the city server alike.

The store checks each record it is about to queue with ``record_problem`` (after its own
friendlier validation has cleaned the values), the city server checks every incoming change with the
same function, and a laptop checks what it pulls before applying it. So a record the server accepts
is one every laptop can hold, and a record one laptop can write is one the server accepts.

The rules describe the wire form of ``fields`` (what ``Store._capture`` writes): types, required
and optional fields, enumerations, lengths, sizes, nesting, ID/phone formats. References between
records (a visit's household exists, in the same commune) need the other records and are checked
by the caller: ``REFERENCES`` says which fields point where.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from desktop_app.core.benefits import BARRIERS, CHANNELS
from desktop_app.core.citizen_id import is_old_cmnd, parse_citizen_id
from desktop_app.core.errors import KnownError
from desktop_app.core.records import (
    ASSISTANCE_KINDS,
    ASSISTANCE_STATUSES,
    CARD_TYPES,
    SYNCED_FIELDS,
    VERIFICATION_METHODS,
    VERIFICATION_RESULTS,
    VULNERABILITY_TAGS,
    WITHDRAWN_BY,
)

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_E164_VN = re.compile(r"^\+84\d{8,10}$")
_COMMUNE = re.compile(r"^\d{5}$")
_MAX_INT = 2**53

NAME_MAX = 200
SHORT_MAX = 200
ADDRESS_MAX = 500
NOTE_MAX = 10_000
LIST_MAX = 50

BENEFIT_STATUSES = ("active", "suspended", "ended")
VILLAGE_KINDS = ("thon", "to_dan_pho")
SEXES = ("male", "female")


class RuleProblem(Exception):
    """One field that breaks a rule: ``reason`` is a stable code, ``detail`` English text."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason, self.detail = reason, detail


Check = Callable[[Any], None]


def _fail(reason: str, detail: str) -> None:
    raise RuleProblem(reason, detail)


def _text(max_len: int, *, required: bool = False) -> Check:
    def check(v: Any) -> None:
        if not isinstance(v, str):
            _fail("wrong_type", "must be text")
        if len(v) > max_len:
            _fail("too_long", f"longer than {max_len} characters")
        if required and not v.strip():
            _fail("required", "must not be empty")
        if "\x00" in v:
            _fail("invalid_text", "contains a NUL character")

    return check


def _record_id(v: Any) -> None:
    if not isinstance(v, str) or not _UUID.fullmatch(v):
        _fail("invalid_reference", "must be a lower-case UUID")


def _int(lo: int, hi: int) -> Check:
    def check(v: Any) -> None:
        if not isinstance(v, int) or isinstance(v, bool):
            _fail("wrong_type", "must be a whole number")
        if not lo <= v <= hi:
            _fail("out_of_range", f"must be between {lo} and {hi}")

    return check


def _number(lo: float, hi: float) -> Check:
    def check(v: Any) -> None:
        if not isinstance(v, int | float) or isinstance(v, bool) or v != v:
            _fail("wrong_type", "must be a number")
        if not lo <= v <= hi:
            _fail("out_of_range", f"must be between {lo} and {hi}")

    return check


def _date(v: Any) -> None:
    if not isinstance(v, str) or len(v) != 10:
        _fail("invalid_date", "must be a date YYYY-MM-DD")
    try:
        date.fromisoformat(v)
    except ValueError:
        _fail("invalid_date", "must be a date YYYY-MM-DD")


def _datetime(v: Any) -> None:
    if not isinstance(v, str) or len(v) > 40:
        _fail("invalid_datetime", "must be an ISO-8601 time with offset")
    try:
        parsed = datetime.fromisoformat(v)
    except ValueError:
        _fail("invalid_datetime", "must be an ISO-8601 time with offset")
    if parsed.tzinfo is None:
        _fail("invalid_datetime", "must carry a UTC offset")


def _enum(values) -> Check:
    allowed = frozenset(values)

    def check(v: Any) -> None:
        if not isinstance(v, str) or v not in allowed:
            _fail("not_allowed", f"{str(v)[:40]!r} is not one of the allowed values")

    return check


def _list_of(item: Check, max_items: int = LIST_MAX) -> Check:
    def check(v: Any) -> None:
        if not isinstance(v, list):
            _fail("wrong_type", "must be a list")
        if len(v) > max_items:
            _fail("too_many", f"more than {max_items} items")
        for x in v:
            item(x)

    return check


def _phones(v: Any) -> None:
    if not isinstance(v, list):
        _fail("wrong_type", "must be a list")
    if len(v) > 10:
        _fail("too_many", "more than 10 phone numbers")
    for item in v:
        if not isinstance(item, Mapping) or set(item) - {"number", "owner"}:
            _fail("wrong_type", 'each phone is {"number", "owner"}')
        number = item.get("number")
        if not isinstance(number, str) or not _E164_VN.fullmatch(number):
            _fail("invalid_phone", "a phone number must be E.164 (+84...)")
        _text(SHORT_MAX)(item.get("owner", ""))


def _str_map(v: Any) -> None:
    if not isinstance(v, Mapping):
        _fail("wrong_type", "must be an object")
    if len(v) > LIST_MAX:
        _fail("too_many", f"more than {LIST_MAX} entries")
    for k, x in v.items():
        _text(SHORT_MAX)(k)
        if x is not None and not isinstance(x, str | int):
            _fail("wrong_type", "values must be text or whole numbers")
        if isinstance(x, str):
            _text(ADDRESS_MAX)(x)


def _citizen_id(v: Any) -> None:
    if not isinstance(v, str) or not v.isdigit() or len(v) != 12:
        _fail("invalid_citizen_id", "a citizen ID is 12 digits")
    try:
        parse_citizen_id(v)
    except KnownError:
        _fail("invalid_citizen_id", "not a valid 12-digit citizen ID")


def _old_id(v: Any) -> None:
    if not isinstance(v, str) or not is_old_cmnd(v):
        _fail("invalid_old_id", "an old ID (CMND) is 9 digits")


def _period(v: Any) -> None:
    if not isinstance(v, str) or not _PERIOD.fullmatch(v):
        _fail("invalid_period", "a month is YYYY-MM")


def _commune(v: Any) -> None:
    if not isinstance(v, str) or not _COMMUNE.fullmatch(v):
        _fail("invalid_commune_code", "a commune code is 5 digits")


def _last4(v: Any) -> None:
    if not isinstance(v, str) or not v.isdigit() or len(v) != 4:
        _fail("invalid_account", "only the last 4 digits of an account travel")


def _scheme(v: Any) -> None:
    from desktop_app.core.benefits import load_schemes

    if not isinstance(v, str) or v not in load_schemes():
        _fail("not_allowed", f"unknown benefit scheme {str(v)[:40]!r}")


# field → (check, nullable, required). Required: the key must be present; nullable: None is fine.
# A field that is absent and not required is taken as its default by the laptop.
R, OPT, N = "required", "optional", "nullable"
Spec = dict[str, tuple[Check, bool, bool]]


def _spec(**fields: tuple[Check, str]) -> Spec:
    out: Spec = {}
    for name, (check, mode) in fields.items():
        out[name] = (check, mode == N, mode == R)
    return out


RULES: dict[str, Spec] = {
    "village": _spec(
        name=(_text(NAME_MAX, required=True), R),
        kind=(_enum(VILLAGE_KINDS), OPT),
        commune_code=(_commune, R),
        commune_list_version=(_text(40, required=True), R),
    ),
    "household": _spec(
        village_id=(_record_id, N),
        commune_code=(_commune, R),
        commune_list_version=(_text(40, required=True), R),
        address=(_text(ADDRESS_MAX), OPT),
        landmark=(_text(ADDRESS_MAX), OPT),
        latitude=(_number(-90, 90), N),
        longitude=(_number(-180, 180), N),
        phones=(_phones, OPT),
        notes=(_text(NOTE_MAX), OPT),
        head_person_id=(_record_id, N),
        merged_into=(_record_id, N),
    ),
    "person": _spec(
        household_id=(_record_id, R),
        full_name=(_text(NAME_MAX, required=True), R),
        given_name=(_text(NAME_MAX, required=True), R),
        birth_date=(_date, N),
        birth_year=(_int(1880, 2200), N),
        sex=(_enum(SEXES), N),
        citizen_id=(_citizen_id, N),
        card_type=(_enum(CARD_TYPES), N),
        card_expiry=(_date, N),
        old_id=(_old_id, N),
        relationship=(_text(SHORT_MAX), OPT),
        vulnerabilities=(_list_of(_enum(VULNERABILITY_TAGS)), OPT),
        payment_channel=(_text(SHORT_MAX), N),
        phones=(_phones, OPT),
        consent_date=(_date, N),
        consent_scope=(_text(SHORT_MAX), N),
        consent_method=(_text(SHORT_MAX), N),
        consent_witness=(_text(NAME_MAX), N),
        consent_withdrawn_on=(_date, N),
        notes=(_text(NOTE_MAX), OPT),
        merged_into=(_record_id, N),
    ),
    "visit": _spec(
        household_id=(_record_id, R),
        visited_at=(_datetime, R),
        visitor=(_text(SHORT_MAX, required=True), R),
        visitor_name=(_text(NAME_MAX), N),  # revision 9: the login's full name, as written
        purposes=(_list_of(_text(60)), OPT),
        outcome=(_text(SHORT_MAX), OPT),
        notes=(_text(NOTE_MAX), OPT),
        persons_present=(_list_of(_record_id), OPT),
        follow_up_on=(_date, N),
        follow_up_done_on=(_date, N),
    ),
    "assistance": _spec(
        person_id=(_record_id, N),
        household_id=(_record_id, R),
        visit_id=(_record_id, N),
        kind=(_enum(ASSISTANCE_KINDS), R),
        status=(_enum(ASSISTANCE_STATUSES), OPT),
        due_on=(_date, N),
        text=(_text(NOTE_MAX), OPT),
    ),
    "benefit": _spec(
        person_id=(_record_id, R),
        household_id=(_record_id, R),
        scheme=(_scheme, R),
        category=(_text(SHORT_MAX), N),
        monthly_amount=(_int(0, 100_000_000), R),
        channel=(_enum(CHANNELS), R),
        provider=(_text(SHORT_MAX), OPT),
        account_last4=(_last4, N),
        start_on=(_date, N),
        end_on=(_date, N),
        status=(_enum(BENEFIT_STATUSES), OPT),
        notes=(_text(NOTE_MAX), OPT),
        merged_into=(_record_id, N),
    ),
    "payment": _spec(
        benefit_id=(_record_id, R),
        person_id=(_record_id, R),
        household_id=(_record_id, R),
        period=(_period, R),
        amount=(_int(0, 100_000_000), N),
        # how this month's money came (revision 7); absent on older laptops' payments, which
        # are counted under their benefit's channel
        channel=(_enum(CHANNELS), N),
        credited_on=(_date, N),
        withdrawn_on=(_date, N),
        withdrawn_by=(_enum(WITHDRAWN_BY), N),
        proxy_person_id=(_record_id, N),
        proxy_name=(_text(NAME_MAX), N),
        travel_minutes=(_int(0, 24 * 60), N),
        distance_km=(_number(0, 500), N),
        fees=(_int(0, 10_000_000), N),
        barriers=(_list_of(_enum(BARRIERS)), OPT),
        convenience=(_int(1, 5), N),
        note=(_text(NOTE_MAX), OPT),
        # a month joined into its twin's (revision 7): the payment it became, as a benefit's
        merged_into=(_record_id, N),
    ),
    "identity_verification": _spec(
        person_id=(_record_id, R),
        household_id=(_record_id, R),
        officer=(_text(SHORT_MAX, required=True), R),
        verified_at=(_datetime, R),
        method=(_enum(VERIFICATION_METHODS), R),
        result=(_enum(VERIFICATION_RESULTS), R),
        mismatched_fields=(_list_of(_text(60)), OPT),
        proposed_values=(_str_map, OPT),
        note=(_text(NOTE_MAX), OPT),
        # issue 12: the officer's certificate and signature (checked in core.officer_keys)
        officer_cert=(_text(4000), N),
        officer_signature=(_text(200), N),
    ),
}

# Fields that point to another record: field → entity. The laptop's database enforces these
# (foreign keys); the server checks that the target exists in the same commune.
REFERENCES: dict[str, dict[str, str]] = {
    "household": {"village_id": "village"},
    "person": {"household_id": "household"},
    "visit": {"household_id": "household"},
    "assistance": {"person_id": "person", "household_id": "household", "visit_id": "visit"},
    "benefit": {"person_id": "person", "household_id": "household"},
    "payment": {"benefit_id": "benefit", "person_id": "person", "household_id": "household"},
    "identity_verification": {"person_id": "person", "household_id": "household"},
}

# Fields compared when two persons or households are merged: values of the merged one that differ
# from the survivor's become conflicts on the survivor (server and laptops alike).
MERGE_COMPARED = {
    "person": (
        "full_name",
        "given_name",
        "birth_date",
        "birth_year",
        "sex",
        "citizen_id",
        "card_type",
        "card_expiry",
        "old_id",
        "vulnerabilities",
        "payment_channel",
        "phones",
        "consent_date",
        "consent_scope",
        "consent_method",
        "consent_witness",
        "consent_withdrawn_on",
        "notes",
    ),
    "household": ("village_id", "address", "landmark", "latitude", "longitude", "phones", "notes"),
}

# Twins a person merge joins (docs/PROTOCOL.md, "Identity merges"): the merged person's benefit of
# a scheme and category the survivor already has is the same benefit, and its payment of a month
# the survivor's benefit already holds is the same payment. The twin becomes a tombstone pointing to
# the one it joined with ``merged_into`` (a payment's since revision 7); those of its values that
# differ from the survivor's become conflicts on the survivor, for the team lead, on the server and
# on every laptop that applies the tombstone. Server and laptops alike.
TWIN_KEY = {"benefit": ("scheme", "category"), "payment": ("period",)}
TWIN_COMPARED = {
    "benefit": tuple(
        f for f in RULES["benefit"] if f not in ("person_id", "household_id", "merged_into")
    ),
    "payment": tuple(
        f
        for f in RULES["payment"]
        if f not in ("benefit_id", "person_id", "household_id", "merged_into")
    ),
}


def twin_key(entity: str, fields: Mapping[str, Any]) -> tuple:
    """What makes two benefits (or two payments of one benefit) of a person the same one."""
    return tuple(fields.get(f) or None for f in TWIN_KEY[entity])


# Every rule names a synced field and every synced field has a rule (checked at import).
for _entity, _fields in SYNCED_FIELDS.items():
    assert set(RULES[_entity]) == set(_fields), _entity


def record_problem(entity: str, fields: Any) -> tuple[str, str] | None:
    """Why ``fields`` cannot be a record of ``entity``: ``(reason, detail)``, or None when fine.

    ``reason`` is a stable code for receipts and quarantine lists; ``detail`` names the field.
    """
    spec = RULES.get(entity)
    if spec is None:
        return "unknown_entity", f"unknown entity {str(entity)[:40]!r}"
    if not isinstance(fields, Mapping):
        return "invalid_fields", "fields must be an object"
    unknown = sorted(str(k)[:40] for k in fields if k not in spec)
    if unknown:
        return "unknown_field", f"unknown field(s): {', '.join(unknown[:5])}"
    for name, (check, nullable, required) in spec.items():
        if name not in fields:
            if required:
                return "missing_fields", f"missing {name}"
            continue
        value = fields[name]
        if value is None:
            if nullable:
                continue
            return "missing_fields", f"{name} must not be null"
        try:
            check(value)
        except RuleProblem as problem:
            return problem.reason, f"{name}: {problem.detail}"
    if entity == "person":
        bd, by = fields.get("birth_date"), fields.get("birth_year")
        if bd and by is not None and int(bd[:4]) != by:
            return "inconsistent", "birth_year differs from birth_date"
    return None


_EMPTY_LISTS = {"phones", "vulnerabilities", "purposes", "persons_present", "barriers"}
_EMPTY_TEXT = {
    "address",
    "landmark",
    "notes",
    "relationship",
    "outcome",
    "text",
    "provider",
    "note",
}
_DEFAULTS = {("village", "kind"): "thon", ("assistance", "status"): "open"}


def default_value(entity: str, name: str) -> Any:
    """What a laptop writes for a field a change leaves out (an older laptop, say)."""
    if (entity, name) in _DEFAULTS:
        return _DEFAULTS[(entity, name)]
    if (entity, name) == ("benefit", "status"):
        return "active"
    if name in _EMPTY_LISTS or name == "mismatched_fields":
        return []
    if name == "proposed_values":
        return {}
    if name in _EMPTY_TEXT:
        return ""
    return None


def complete_fields(entity: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """``fields`` with every synced field present (absent ones at their default), so every
    stored version holds the whole record and compares field by field."""
    out = dict(fields)
    for name in SYNCED_FIELDS[entity]:
        if name not in out:
            out[name] = default_value(entity, name)
    return out


def references(entity: str, fields: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """``(field, target_entity, target_id)`` for every reference ``fields`` holds."""
    out = []
    for name, target in REFERENCES.get(entity, {}).items():
        value = fields.get(name)
        if isinstance(value, str) and value:
            out.append((name, target, value))
    return out
