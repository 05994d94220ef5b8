"""Benefits and monthly payments: whether each person really got their money.

Mixed into ``Store``; every write goes through the same change capture (version, outbox, audit).
"""

from __future__ import annotations

import json
import re
from datetime import date

from desktop_app.core.benefits import BARRIERS, CHANNELS, load_schemes, validate_account_last4
from desktop_app.core.errors import NotFound, ValidationError
from desktop_app.core.record_rules import twin_key
from desktop_app.core.records import NO_CONSENT_NAME, WITHDRAWN_BY
from desktop_app.core.text import clean_text, fold
from desktop_app.store.guard import op

_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
BENEFIT_STATUSES = ("active", "suspended", "ended")
DEFAULT_CHANNEL = "commune_cash"  # core.beneficiary_import.DEFAULT_CHANNEL
IMPORT_MAPPINGS = "import_mappings"  # settings key: {header signature: {field: column}}
IMPORT_SCHEMES = "import_schemes"  # settings key: {folded scheme text: scheme code}


# "TDP 4", "Tổ 4", "Tổ dân phố số 4 Hàng Buồm", "Thôn 3", "Xóm số 3" (folded): kind + number.
_VILLAGE_NUMBER = re.compile(
    r"^(tdp|to dan pho|to|khu pho|kp|thon|xom)\.?\s*(?:so\s*)?0*(\d{1,3})(?!\d)"
)
_VILLAGE_KIND = {"tdp": "to", "to dan pho": "to", "to": "to", "khu pho": "kp", "kp": "kp"}


def _village_number(name: str) -> tuple[str, str] | None:
    match = _VILLAGE_NUMBER.match(fold(name or ""))
    if not match:
        return None
    return _VILLAGE_KIND.get(match.group(1), "thon"), match.group(2)


def match_village(name: str, villages: list[dict]) -> dict | None:
    """The village a list's village text names: the same name (folded), else the only village
    of the same kind and number ("TDP 4" is "Tổ dân phố số 4 Hàng Buồm" when no other
    "Tổ … 4" exists). None: a new village would be created."""
    key = fold(name or "")
    for village in villages:
        if fold(village["name"]) == key:
            return village
    number = _village_number(name)
    if number is None:
        return None
    same = [v for v in villages if _village_number(v["name"]) == number]
    return same[0] if len(same) == 1 else None


def _invalid(field: str, vi: str, en: str, code: str = "invalid") -> ValidationError:
    return ValidationError(field, code, vi, en)


def _opt_date(value, field: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        from desktop_app.core.dates import parse_date_vi

        try:
            return parse_date_vi(str(value)).isoformat()
        except ValidationError as exc:
            raise ValidationError(field, exc.code, exc.message_vi, exc.message_en) from exc


def _opt_int(value, field: str, lo: int = 0, hi: int = 10**9) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).replace(".", "").replace(",", "").replace(" ", ""))
    except ValueError:
        number = None
    if number is None or not lo <= number <= hi:
        raise _invalid(field, "Số không hợp lệ.", "Invalid number.", "number_invalid")
    return number


def validate_period(period: str) -> str:
    """A month as ``YYYY-MM``."""
    if not isinstance(period, str) or not _PERIOD.match(period):
        raise _invalid(
            "period",
            "Tháng phải có dạng YYYY-MM.",
            "The month must look like YYYY-MM.",
            "period_invalid",
        )
    return period


def validate_benefit(fields: dict) -> dict:
    """Clean a benefit: scheme from the dated data, whole VND, channel, last 4 digits only."""
    out = dict(fields)
    schemes = load_schemes()
    scheme = fields.get("scheme")
    if scheme not in schemes:
        raise _invalid("scheme", "Chế độ không hợp lệ.", "Unknown scheme.", "scheme_unknown")
    category = fields.get("category") or None
    if category is not None and category not in schemes[scheme].categories:
        raise _invalid(
            "category", "Diện hưởng không hợp lệ.", "Unknown category.", "category_unknown"
        )
    out["category"] = category
    amount = _opt_int(fields.get("monthly_amount"), "monthly_amount", 0, 100_000_000)
    if amount is None:
        raise _invalid(
            "monthly_amount",
            "Cần nhập mức hưởng (đồng).",
            "Enter the monthly amount (VND).",
            "required",
        )
    out["monthly_amount"] = amount
    if fields.get("channel") not in CHANNELS:
        raise _invalid(
            "channel", "Hình thức nhận không hợp lệ.", "Unknown payment channel.", "channel_unknown"
        )
    out["account_last4"] = (
        validate_account_last4(fields.get("account_last4")) if fields.get("account_last4") else None
    )
    out["provider"] = clean_text(fields.get("provider") or "")
    out["start_on"] = _opt_date(fields.get("start_on"), "start_on")
    out["end_on"] = _opt_date(fields.get("end_on"), "end_on")
    if out["start_on"] and out["end_on"] and out["end_on"] < out["start_on"]:
        raise _invalid(
            "end_on",
            "Ngày dừng hưởng trước ngày bắt đầu hưởng: hãy kiểm tra lại hai ngày này.",
            "The benefit ends before it starts: check both dates.",
            "date_order",
        )
    status = fields.get("status") or "active"
    if status not in BENEFIT_STATUSES:
        raise _invalid("status", "Trạng thái không hợp lệ.", "Invalid status.")
    out["status"] = status
    out["notes"] = clean_text(fields.get("notes") or "")
    return out


def validate_payment(fields: dict) -> dict:
    """Clean a monthly payment record (dates, who withdrew, cost, barriers, convenience 1–5)."""
    out = dict(fields)
    out["period"] = validate_period(fields.get("period"))
    out["amount"] = _opt_int(fields.get("amount"), "amount", 0, 100_000_000)
    channel = fields.get("channel") or None
    if channel not in (None, *CHANNELS):
        raise _invalid(
            "channel", "Hình thức nhận không hợp lệ.", "Unknown payment channel.", "channel_unknown"
        )
    out["channel"] = channel
    out["credited_on"] = _opt_date(fields.get("credited_on"), "credited_on")
    out["withdrawn_on"] = _opt_date(fields.get("withdrawn_on"), "withdrawn_on")
    today = date.today().isoformat()
    for f, vi, en in (
        ("credited_on", "Ngày tiền về", "The credit date"),
        ("withdrawn_on", "Ngày rút", "The withdrawal date"),
    ):
        if out[f] and out[f] > today:  # which of the two dates (the fifteenth tryout)
            shown = date.fromisoformat(out[f]).strftime("%d/%m/%Y")
            raise _invalid(
                f,
                f"{vi} {shown} ở tương lai: hãy kiểm tra lại.",
                f"{en} {shown} is in the future: check it.",
                "date_future",
            )
    credited, withdrawn = out["credited_on"], out["withdrawn_on"]
    if credited and withdrawn and withdrawn < credited:
        # money cannot be withdrawn before it arrives: one of the two dates is a slip ("01" for
        # "10"), which would count a withdrawal that did not happen (the eleventh tryout). Here,
        # at entry; a record arriving from another laptop is counted in the report's data quality.
        w, c = (date.fromisoformat(d).strftime("%d/%m/%Y") for d in (withdrawn, credited))
        raise _invalid(
            "withdrawn_on",
            f"Ngày rút {w} trước ngày tiền về {c}: hãy kiểm tra lại hai ngày này.",
            f"Withdrawn on {w}, before the money was credited on {c}: check both dates.",
            "withdrawn_before_credited",
        )
    by = fields.get("withdrawn_by") or None
    if by not in (None, *WITHDRAWN_BY):
        raise _invalid("withdrawn_by", "Người rút không hợp lệ.", "Invalid value.")
    # A withdrawal date never says who withdrew: a missing "who" stays missing (reported as
    # "chưa ghi", not as a self-withdrawal nobody recorded).
    out["withdrawn_by"] = by
    out["proxy_name"] = clean_text(fields.get("proxy_name") or "") or None
    out["travel_minutes"] = _opt_int(fields.get("travel_minutes"), "travel_minutes", 0, 24 * 60)
    distance = fields.get("distance_km")
    if distance in (None, ""):
        out["distance_km"] = None
    else:
        try:
            out["distance_km"] = round(float(str(distance).replace(",", ".")), 1)
        except ValueError:
            out["distance_km"] = -1
        if not 0 <= out["distance_km"] <= 500:
            raise _invalid(
                "distance_km", "Quãng đường không hợp lệ.", "Invalid distance.", "number_invalid"
            )
    out["fees"] = _opt_int(fields.get("fees"), "fees", 0, 10_000_000)
    barriers = list(dict.fromkeys(fields.get("barriers") or []))
    unknown = [b for b in barriers if b not in BARRIERS]
    if unknown:
        raise _invalid(
            "barriers",
            f"Lý do không hợp lệ: {', '.join(unknown)}",
            f"Unknown barriers: {', '.join(unknown)}",
        )
    out["barriers"] = barriers
    conv = fields.get("convenience")
    out["convenience"] = _opt_int(conv, "convenience", 1, 5) if conv not in (None, "") else None
    out["note"] = clean_text(fields.get("note") or "")
    return out


class PaymentsMixin:
    """Store operations on benefits and payments."""

    @op
    def add_benefit(self, person_id: str, fields: dict) -> dict:
        """Record a benefit a person receives."""
        person = self._row("person", person_id)
        clean = validate_benefit(fields)
        self._refuse_twin_benefit(person["id"], clean)
        return self._insert(
            "benefit", {**clean, "person_id": person_id, "household_id": person["household_id"]}
        )

    @op
    def update_benefit(self, benefit_id: str, changes: dict) -> dict:
        """Edit a benefit (amount, channel, status ...)."""
        current = self._row("benefit", benefit_id)
        merged = {
            k: current.get(k)
            for k in (
                "scheme",
                "category",
                "monthly_amount",
                "channel",
                "provider",
                "account_last4",
                "start_on",
                "end_on",
                "status",
                "notes",
            )
        }
        merged.update(changes)
        clean = validate_benefit(merged)
        self._refuse_twin_benefit(current["person_id"], clean, current["id"])
        return self._update("benefit", benefit_id, clean)

    def _refuse_twin_benefit(self, person_id: str, fields: dict, own_id: str | None = None) -> None:
        """One benefit of a scheme and category per person (the twin rule of merges): adding it
        twice would count each month twice in the report."""
        for rid, scheme, category in self.db.execute(
            "SELECT id, scheme, category FROM benefit WHERE person_id = ? AND deleted = 0",
            (person_id,),
        ):
            same = twin_key("benefit", {"scheme": scheme, "category": category})
            if rid != own_id and same == twin_key("benefit", fields):
                raise _invalid(
                    "category",
                    "Người này đã có chế độ này, cùng diện hưởng (kể cả khi đã dừng): không"
                    " ghi lần thứ hai (mỗi tháng sẽ bị tính hai lần). Nếu mức hưởng, cách nhận"
                    " hay trạng thái đã đổi, hãy sửa chế độ đang có (nút «Sửa chế độ…»).",
                    "This person already has this benefit, in the same category (even if it"
                    " ended): it is not recorded a second time (each month would count twice)."
                    " If the amount, the way it is received or its status changed, edit the"
                    " existing one (the “Edit benefit…” button).",
                    "benefit_twice",
                )

    @op
    def benefits_for_person(self, person_id: str) -> list[dict]:
        """A person's benefits, newest first."""
        return [
            self._from_db(r)
            for r in self.db["benefit"].rows_where(
                "person_id = ? AND deleted = 0", [person_id], order_by="start_on desc"
            )
        ]

    @op
    def record_payment(self, benefit_id: str, period: str, fields: dict) -> dict:
        """Record (or correct) what happened to one benefit's money in one month."""
        benefit = self._row("benefit", benefit_id)
        clean = validate_payment({**fields, "period": period})
        if clean.get("proxy_person_id"):
            self._row("person", clean["proxy_person_id"])
        if clean["amount"] is None:
            clean["amount"] = benefit["monthly_amount"]
        existing = self.db.execute(
            "SELECT id FROM payment WHERE benefit_id = ? AND period = ? AND deleted = 0",
            (benefit_id, clean["period"]),
        ).fetchone()
        if existing:
            if clean["channel"] is None:
                del clean["channel"]  # a correction that does not say keeps the month's channel
            return self._update("payment", existing[0], clean)
        # the month's channel is the benefit's when it is recorded, as its amount is: a later
        # change of the benefit's channel (cash to an account) does not move past months
        clean["channel"] = clean["channel"] or benefit["channel"]
        return self._insert(
            "payment",
            {
                **clean,
                "benefit_id": benefit_id,
                "person_id": benefit["person_id"],
                "household_id": benefit["household_id"],
            },
        )

    @op
    def payments_for_person(self, person_id: str) -> list[dict]:
        """A person's monthly payments, newest month first."""
        return [
            self._from_db(r)
            for r in self.db["payment"].rows_where(
                "person_id = ? AND deleted = 0", [person_id], order_by="period desc"
            )
        ]

    @op
    def month_grid(self, period: str, village_id: str | None = None) -> list[dict]:
        """One row per active benefit in a village for the "this month" grid, with the month's
        payment when one is recorded."""
        validate_period(period)
        where, params = (
            ["b.deleted = 0", "b.status = 'active'", "p.deleted = 0", "h.deleted = 0"],
            [period],
        )
        if village_id:
            where.append("h.village_id = ?")
            params.append(village_id)
        sql = (
            "SELECT b.id, b.person_id, p.full_name, p.birth_year, b.scheme,"
            " COALESCE(y.channel, b.channel), b.monthly_amount,"
            " y.id, y.credited_on, y.withdrawn_on, y.withdrawn_by, y.barriers, y.convenience, y.version,"
            " h.id, v.name, p.sort_key"
            " FROM benefit b JOIN person p ON p.id = b.person_id JOIN household h ON h.id = b.household_id"
            " LEFT JOIN village v ON v.id = h.village_id"
            " LEFT JOIN payment y ON y.benefit_id = b.id AND y.period = ? AND y.deleted = 0"
            " WHERE " + " AND ".join(where) + " ORDER BY p.sort_key"
        )
        import json

        out = []
        for r in self.db.execute(sql, params):
            out.append(
                {
                    "benefit_id": r[0],
                    "person_id": r[1],
                    "full_name": r[2],
                    "birth_year": r[3],
                    "scheme": r[4],
                    "channel": r[5],
                    "monthly_amount": r[6],
                    "payment_id": r[7],
                    "credited_on": r[8],
                    "withdrawn_on": r[9],
                    "withdrawn_by": r[10],
                    "barriers": json.loads(r[11]) if r[11] else [],
                    "convenience": r[12],
                    "payment_version": r[13],
                    "household_id": r[14],
                    "village": r[15] or "",
                }
            )
        return out

    @op
    def payment_rows(
        self, period_from: str, period_to: str, village_id: str | None = None
    ) -> list[dict]:
        """Payment rows for the report (``core.payment_metrics.compute_report``), without ID
        numbers or sensitive categories; includes whether the person needed an account opened."""
        import json

        from desktop_app.core.benefits import is_sensitive_category

        validate_period(period_from)
        validate_period(period_to)
        # A payment counts only while its benefit, person and household are live: deleting
        # any of them takes its payments out of the report.
        where = [
            "y.deleted = 0",
            "y.period >= ?",
            "y.period <= ?",
            "b.deleted = 0",
            "p.deleted = 0",
            "h.deleted = 0",
        ]
        params: list = [period_from, period_to]
        if village_id:
            where.append("h.village_id = ?")
            params.append(village_id)
        rows = []
        # the people the team opened an account for, read once: a count per payment row scanned
        # the whole assistance table each time (61 s for the 172,590 rows of 40,000 households)
        opened = {
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT person_id FROM assistance WHERE deleted = 0"
                " AND kind = 'open_account' AND status = 'done' AND person_id IS NOT NULL"
            )
        }
        for r in self.db.execute(
            "SELECT y.person_id, p.full_name, v.name, COALESCE(y.channel, b.channel), p.birth_year,"
            " y.amount,"
            " y.credited_on, y.withdrawn_on, y.withdrawn_by, y.travel_minutes, y.distance_km,"
            " y.fees, y.barriers, y.convenience, y.period, b.scheme, b.category,"
            " y.household_id,"
            " p.consent_date IS NOT NULL AND p.consent_withdrawn_on IS NULL AS consented"
            " FROM payment y JOIN benefit b ON b.id = y.benefit_id"
            " JOIN person p ON p.id = y.person_id JOIN household h ON h.id = y.household_id"
            " LEFT JOIN village v ON v.id = h.village_id WHERE " + " AND ".join(where),
            params,
        ):
            rows.append(
                {
                    "person_id": r[0],
                    # without consent a name never leaves the laptop in a list (README)
                    "person_name": r[1] if r[18] else NO_CONSENT_NAME,
                    "village": r[2] or "",
                    "channel": r[3],
                    "birth_year": r[4],
                    "amount": r[5],
                    "credited_on": r[6],
                    "withdrawn_on": r[7],
                    "withdrawn_by": r[8],
                    "travel_minutes": r[9],
                    "distance_km": r[10],
                    "fees": r[11],
                    "barriers": json.loads(r[12]) if r[12] else [],
                    "convenience": r[13],
                    "period": r[14],
                    "accounts_opened_flag": r[0] in opened,
                    "household_id": r[17],
                    "sensitive": is_sensitive_category(r[15], r[16]) if r[16] else False,
                }
            )
        return rows

    @op
    def delete_payment(self, payment_id: str) -> dict:
        """Mark a payment record deleted."""
        return self._update("payment", payment_id, {}, delete=True)

    def _require_benefit(self, benefit_id: str) -> dict:
        try:
            return self._row("benefit", benefit_id)
        except NotFound as exc:
            raise NotFound("Không tìm thấy chế độ hưởng.", "Benefit not found.") from exc


class ImportMixin:
    """Importing the official beneficiary list (after a preview the person confirmed)."""

    @op
    def match_existing_person(self, fields: dict) -> tuple[str, str] | None:
        """``(person id, how)`` for the person an imported row refers to, else None.

        Tried in order (``core.beneficiary_import.MATCH_METHODS``): the ID number; the folded
        name + birth date/year + village; the folded name + address; for a row with neither a
        birth year nor an address, the folded name + village. A person with another ID number,
        birth year or birth date never matches. So importing the same file twice creates
        nothing new, also for rows without an ID number."""
        from desktop_app.core.beneficiary_import import _same_person, match_keys

        if fields.get("citizen_id"):
            r = self.db.execute(
                "SELECT id FROM person WHERE citizen_id = ? AND deleted = 0",
                (fields["citizen_id"],),
            ).fetchone()
            if r:
                return r[0], "citizen_id"
        if not fields.get("full_name"):
            return None
        candidates = {}
        for pid, cid, born, year, address, village in self.db.execute(
            "SELECT p.id, p.citizen_id, p.birth_date, p.birth_year, h.address, v.name"
            " FROM person p JOIN household h ON h.id = p.household_id"
            " LEFT JOIN village v ON v.id = h.village_id"
            " WHERE p.name_fold = ? AND p.deleted = 0 AND h.deleted = 0 ORDER BY p.id",
            (fold(fields["full_name"]),),
        ):
            theirs = {
                "citizen_id": cid,
                "birth_date": born,
                "birth_year": year,
                "full_name": fields["full_name"],
                "address": address,
                "village": village,
            }
            if _same_person(theirs, fields):
                candidates[pid] = set(match_keys(theirs))
        for key in match_keys(fields):
            if key[0] == "citizen_id":
                continue
            for pid, keys in candidates.items():
                if key in keys:
                    return pid, key[0]
        return None

    @op
    def find_existing_person(self, fields: dict) -> str | None:
        """The id of the person an imported row refers to (see ``match_existing_person``)."""
        found = self.match_existing_person(fields)
        return found[0] if found else None

    @op
    def import_memory(self) -> dict:
        """What earlier imports remembered: ``{"mappings": {header signature: {field: column}},
        "schemes": {folded scheme text: scheme code}}``."""
        out = {}
        for key, setting in (("mappings", IMPORT_MAPPINGS), ("schemes", IMPORT_SCHEMES)):
            try:
                value = json.loads(self.settings.get(setting) or "{}")
            except ValueError:
                value = {}
            out[key] = value if isinstance(value, dict) else {}
        return out

    @op
    def remember_import_choices(
        self, signature: str, mapping: dict | None = None, scheme_map: dict | None = None
    ) -> None:
        """Remember the column mapping chosen for lists with these headers, and scheme wordings
        mapped to schemes, for the next list."""
        from desktop_app.core.beneficiary_import import FIELDS

        memory = self.import_memory()
        if signature and mapping is not None:
            # Every field, so that one the admin left out stays out next time.
            memory["mappings"][signature] = {
                f: (mapping.get(f) if isinstance(mapping.get(f), int) else None) for f in FIELDS
            }
        if scheme_map:
            memory["schemes"].update(scheme_map)
        with self.db.atomic():
            for key, setting in (("mappings", IMPORT_MAPPINGS), ("schemes", IMPORT_SCHEMES)):
                text = json.dumps(memory[key], ensure_ascii=False, sort_keys=True)
                self.db["settings"].upsert({"key": setting, "value": text}, pk="key")
                self.settings[setting] = text

    def villages_to_create(self, rows: list) -> list[dict]:
        """The villages an import of these rows would create (their village text matches no
        village here, see ``match_village``): ``[{"name", "rows"}]``; also what a dry run shows."""
        existing = self.list_villages()
        planned: dict[str, dict] = {}
        for row in rows:
            item = row if isinstance(row, dict) else vars(row)
            text = (item.get("fields") or {}).get("village")
            if not text or item.get("status") in ("error", "duplicate"):
                continue
            if match_village(text, existing) is None:
                entry = planned.setdefault(fold(text), {"name": text, "rows": []})
                entry["rows"].append(item.get("row_number"))
        return list(planned.values())

    @op
    def import_beneficiaries(self, rows: list, progress=None, confirmed_rows=()) -> dict:
        """Write the rows of a confirmed preview: households, persons, benefits.

        Valid rows and rows with warnings are written; a row that needs confirmation (only a
        name) only when its row number is in ``confirmed_rows``; errors and duplicates never.
        A row matching a person already here (``match_existing_person``) creates no one; its
        benefit is added when that person has none of that scheme. Rows of the same address
        and village share a household. One transaction: all or nothing."""
        from desktop_app.core.benefits import is_sensitive_category
        from desktop_app.core.ids import new_id
        from desktop_app.store.permissions import require as _require

        _require(self.user.role, "import_beneficiaries")
        confirmed = {int(n) for n in confirmed_rows}
        existing_villages = self.list_villages()
        villages = {fold(v["name"]): v["id"] for v in existing_villages}
        new_villages: list[dict] = []
        households: dict[tuple, dict] = {}
        persons, benefits = [], []
        skipped = benefits_added = 0
        matched: dict[str, int] = {}

        def benefit_of(fields: dict, person_id: str, household_id: str) -> dict:
            sensitive = is_sensitive_category(fields["scheme"], fields.get("category"))
            notes = [] if sensitive else [f"Trong danh sách: {fields.get('scheme_text') or ''}"]
            if fields.get("channel_text") and not sensitive:
                notes.append(f"Hình thức nhận trong danh sách: {fields['channel_text']}")
            return {
                "person_id": person_id,
                "household_id": household_id,
                "scheme": fields["scheme"],
                "category": fields.get("category"),
                "monthly_amount": int(fields["amount"]),
                "channel": fields.get("channel") or DEFAULT_CHANNEL,
                "provider": fields.get("bank") or "",
                "account_last4": fields.get("account_last4"),
                "status": "active",
                "notes": "; ".join(notes),
            }

        planned: set[tuple[str, str]] = set()  # (person id, scheme) of benefits to write
        person_by_row: dict[int, tuple[str, str]] = {}  # row number -> (person, household)

        def add_benefit_if_missing(fields: dict, person_id: str, household_id: str) -> bool:
            if not (fields.get("scheme") and fields.get("amount")):
                return False
            if (person_id, fields["scheme"]) in planned:
                return False
            planned.add((person_id, fields["scheme"]))
            if self.db.execute(
                "SELECT 1 FROM benefit WHERE person_id = ? AND scheme = ? AND deleted = 0",
                (person_id, fields["scheme"]),
            ).fetchone():
                return False
            benefits.append(benefit_of(fields, person_id, household_id))
            return True

        new_persons: dict[str, dict] = {}
        notes_for_existing: dict[str, list[str]] = {}

        def add_note(person_id: str, note: str | None) -> None:
            """A repeated row's notes go to the person's notes (once: a re-import adds nothing)."""
            if not note:
                return
            person = new_persons.get(person_id)
            if person is not None:
                if note not in person["notes"]:
                    person["notes"] = "\n".join(x for x in (person["notes"], note) if x)
                return
            current = self._row("person", person_id).get("notes") or ""
            pending = notes_for_existing.setdefault(person_id, [])
            if note not in current and note not in pending:
                pending.append(note)

        for row in rows:
            item = row if isinstance(row, dict) else vars(row)
            status, fields, number = item.get("status"), item["fields"], item.get("row_number")
            if status == "confirm" and number in confirmed:
                status = "warning"
            if status not in ("valid", "warning", "duplicate"):
                skipped += 1
                continue
            first = person_by_row.get(item.get("duplicate_of"))
            if status == "duplicate" and first is not None:
                # The same person on another row of the file: one person, every benefit listed.
                skipped += 1
                benefits_added += add_benefit_if_missing(fields, *first)
                add_note(first[0], fields.get("notes"))
                continue
            existing = (
                self.match_existing_person(fields)
                if status != "duplicate" or item.get("existing_id")
                else None
            )
            if existing:
                skipped += 1
                matched[existing[1]] = matched.get(existing[1], 0) + 1
                household_id = self._row("person", existing[0])["household_id"]
                person_by_row[number] = (existing[0], household_id)
                benefits_added += add_benefit_if_missing(fields, existing[0], household_id)
                add_note(existing[0], fields.get("notes"))
                continue
            if status == "duplicate":
                skipped += 1
                continue
            village_id = None
            if fields.get("village"):
                key = fold(fields["village"])
                matched_village = match_village(fields["village"], existing_villages)
                if matched_village is not None:
                    villages.setdefault(key, matched_village["id"])
                if key not in villages:
                    vid = new_id()
                    villages[key] = vid
                    urban = key.startswith(("to dan pho", "tdp", "to "))
                    new_villages.append(
                        {
                            "id": vid,
                            "name": fields["village"],
                            "kind": "to_dan_pho" if urban else "thon",
                        }
                    )
                village_id = villages[key]
            hkey = (
                fold(fields.get("address") or ""),
                village_id,
                fold(fields["full_name"]) if not fields.get("address") else "",
            )
            household = households.get(hkey)
            if household is None:
                household = {
                    "id": new_id(),
                    "village_id": village_id,
                    "address": fields.get("address") or "",
                    "landmark": ""
                    if fields.get("address")
                    else "Chưa có địa chỉ (nhập từ danh sách)",
                    "phones": [],
                }
                households[hkey] = household
            pid = new_id()
            if not household.get("head_person_id"):
                household["head_person_id"] = pid
            persons.append(
                {
                    "id": pid,
                    "household_id": household["id"],
                    "full_name": fields["full_name"],
                    "given_name": fields["full_name"].split()[-1],
                    "birth_date": fields.get("birth_date").isoformat()
                    if hasattr(fields.get("birth_date"), "isoformat")
                    else fields.get("birth_date"),
                    "birth_year": fields.get("birth_year"),
                    "sex": fields.get("sex"),
                    "citizen_id": fields.get("citizen_id"),
                    "old_id": fields.get("old_id")
                    if len(fields.get("old_id") or "") == 9
                    else None,
                    "phones": [{"number": n, "owner": ""} for n in fields.get("phones") or []],
                    "relationship": "chu_ho" if household["head_person_id"] == pid else "",
                    "vulnerabilities": [],
                    "notes": fields.get("notes") or "",
                }
            )
            new_persons[pid] = persons[-1]
            person_by_row[number] = (pid, household["id"])
            if fields.get("scheme") and fields.get("amount"):
                planned.add((pid, fields["scheme"]))
                benefits.append(benefit_of(fields, pid, household["id"]))
        with self.db.atomic():
            self.bulk_insert("village", new_villages, action="import")
            self.bulk_insert("household", list(households.values()), action="import")
            self.bulk_insert("person", persons, action="import")
            self.bulk_insert("benefit", benefits, action="import")
            for person_id, notes in notes_for_existing.items():
                current = self._row("person", person_id).get("notes") or ""
                self._update(
                    "person", person_id, {"notes": "\n".join(x for x in (current, *notes) if x)}
                )
            self.rebuild_search_index([h["id"] for h in households.values()])
            from desktop_app.store import audit as _audit

            _audit.append(
                self.db,
                self.user.username,
                "import.beneficiaries",
                detail={
                    "persons": len(persons),
                    "benefits": len(benefits),
                    "benefits_added": benefits_added,
                    "skipped": skipped,
                },
            )
        return {
            "households": len(households),
            "persons": len(persons),
            "benefits": len(benefits),
            "benefits_added_to_matched": benefits_added,
            "persons_without_benefit": len(persons)
            - len({b["person_id"] for b in benefits} & {p["id"] for p in persons}),
            "villages": len(new_villages),
            "new_villages": [v["name"] for v in new_villages],
            "matched_existing": matched,
            "skipped": skipped,
        }
