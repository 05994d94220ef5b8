"""Identity verification by police liaison officers (append-only), the queue, and consent.

Only the ``police_officer`` role can record a verification: the check is here, in the store. A later
verification supersedes an earlier one and never erases it (there is no update or delete).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from desktop_app.core.citizen_id import consistency_flags, mask_citizen_id, parse_citizen_id
from desktop_app.core.errors import KnownError, ValidationError
from desktop_app.core.ids import new_id
from desktop_app.core.records import VERIFICATION_METHODS, VERIFICATION_RESULTS
from desktop_app.core.text import clean_text
from desktop_app.store.guard import op
from desktop_app.store.permissions import require

VERIFIABLE_FIELDS = (
    "citizen_id",
    "old_id",
    "full_name",
    "birth_date",
    "birth_year",
    "sex",
    "card_type",
    "card_expiry",
)
QUEUE_FLAGS = (
    "id_birth_year_mismatch",
    "id_sex_mismatch",
    "duplicate_id",
    "missing_card_expiry",
    "old_card_type",
    "no_id",
)
CONSENT_METHODS = ("signature", "thumbprint", "verbal_witness", "guardian")


def has_consent(person: dict) -> bool:
    """True when the person (or guardian) consented and has not withdrawn it."""
    return bool(person.get("consent_date")) and not person.get("consent_withdrawn_on")


class VerificationMixin:
    """Store operations on identity verification and consent."""

    @op
    def record_verification(
        self,
        person_id: str,
        method: str,
        result: str,
        mismatched_fields: list[str] | tuple[str, ...] = (),
        proposed_values: dict | None = None,
        note: str = "",
    ) -> dict:
        """Record a verification (police officers only); it never replaces an earlier one."""
        require(self.user.role, "write:identity_verification")
        person = self._row("person", person_id)
        if method not in VERIFICATION_METHODS:
            raise ValidationError(
                "method", "method_invalid", "Phương thức xác minh không hợp lệ.", "Invalid method."
            )
        if result not in VERIFICATION_RESULTS:
            raise ValidationError(
                "result", "result_invalid", "Kết quả xác minh không hợp lệ.", "Invalid result."
            )
        fields = list(dict.fromkeys(mismatched_fields or ()))
        bad = [f for f in fields if f not in VERIFIABLE_FIELDS]
        if bad:
            raise ValidationError(
                "mismatched_fields",
                "field_invalid",
                f"Trường không hợp lệ: {', '.join(bad)}",
                f"Unknown fields: {', '.join(bad)}",
            )
        if result == "mismatch" and not fields:
            raise ValidationError(
                "mismatched_fields",
                "required",
                "Hãy chọn các trường không khớp.",
                "Choose the fields that do not match.",
            )
        proposed = {
            k: v for k, v in (proposed_values or {}).items() if k in fields and v not in (None, "")
        }
        if "citizen_id" in proposed:
            proposed["citizen_id"] = parse_citizen_id(str(proposed["citizen_id"])).number
        record_id = new_id()
        # signed by the officer's own key (core.officer_keys); unsigned without one, which the
        # server refuses and every laptop shows as "not verified"
        signed = self._sign_verification_fields(
            record_id,
            {
                "person_id": person_id,
                "household_id": person["household_id"],
                "officer": self.user.username,
                "verified_at": datetime.now(UTC).isoformat(),
                "method": method,
                "result": result,
                "mismatched_fields": fields,
                "proposed_values": proposed,
                "note": clean_text(note or ""),
            },
        )
        return self._insert("identity_verification", {**signed, "id": record_id})

    @op
    def verifications_for(self, person_id: str) -> list[dict]:
        """A person's verifications, newest first (the first one is current).

        ``signature_problem`` says why one does not count (unsigned, bad certificate or
        signature; None when it counts) and ``counts`` whether it does: a "verified" result
        that does not count is not a verification. Proposed ID numbers are masked for roles
        that may not see them."""
        out = []
        reveal = self.can("reveal_citizen_id")
        # Verifications are append-only (and signed): those of a person merged into this one
        # stay on the merged id and count here.
        for r in self.db["identity_verification"].rows_where(
            "(person_id = ? OR person_id IN (SELECT id FROM person WHERE merged_into = ?))"
            " AND deleted = 0",
            [person_id, person_id],
            order_by="verified_at desc",
        ):
            record = self._from_db(r)
            problem = self.verification_problem(record)
            record["signature_problem"] = problem
            record["counts"] = problem is None
            if not reveal and isinstance(record.get("proposed_values"), dict):
                record["proposed_values"] = {
                    k: (mask_citizen_id(str(v)) if k in ("citizen_id", "old_id") and v else v)
                    for k, v in record["proposed_values"].items()
                }
            out.append(record)
        return out

    @op
    def verification_queue(self, village_id: str | None = None, limit: int = 500) -> list[dict]:
        """Persons whose identity is not verified yet, with data-quality flags, for officers."""
        # who may: permissions.METHOD_POLICY ("view_verification_queue"), checked by @op
        where = ["p.deleted = 0", "h.deleted = 0"]
        params: list = []
        if village_id:
            where.append("h.village_id = ?")
            params.append(village_id)
        rows = self.db.execute(
            "SELECT p.id, p.full_name, p.birth_year, p.sex, p.citizen_id, p.card_type,"
            " p.card_expiry, h.id, h.address, v.name,"
            " (SELECT CASE WHEN result = 'verified' AND NOT signature_ok THEN 'not_verified'"
            "   ELSE result END FROM identity_verification iv WHERE iv.person_id = p.id"
            "   AND iv.deleted = 0 ORDER BY verified_at DESC LIMIT 1) AS last_result,"
            " (SELECT count(*) FROM person q WHERE q.citizen_id = p.citizen_id AND q.id != p.id"
            "   AND q.deleted = 0) AS same_id"
            " FROM person p JOIN household h ON h.id = p.household_id"
            " LEFT JOIN village v ON v.id = h.village_id"
            " WHERE "
            + " AND ".join(where)
            # a "verified" without a valid officer signature does not count (not_verified)
            + " AND (last_result IS NULL OR last_result != 'verified')"
            " ORDER BY p.sort_key LIMIT ?",
            [*params, limit],
        ).fetchall()
        today = date.today()
        out = []
        for r in rows:
            flags = []
            if r[4]:
                try:
                    flags += consistency_flags(parse_citizen_id(r[4]), r[2], r[3])
                except ValidationError:
                    flags.append("id_invalid")
            else:
                flags.append("no_id")
            if r[11]:
                flags.append("duplicate_id")
            if r[5] == "cmnd":
                flags.append("old_card_type")
            age = today.year - r[2] if r[2] else None
            if r[5] in ("cccd", "the_can_cuoc") and not r[6] and (age is None or age < 60):
                flags.append("missing_card_expiry")
            out.append(
                {
                    "person_id": r[0],
                    "full_name": r[1],
                    "birth_year": r[2],
                    "sex": r[3],
                    "citizen_id": r[4] if self.can("reveal_citizen_id") else None,
                    "card_type": r[5],
                    "card_expiry": r[6],
                    "household_id": r[7],
                    "address": r[8],
                    "village": r[9] or "",
                    "last_result": r[10],
                    "flags": flags,
                }
            )
        return out

    @op
    def record_consent(
        self,
        person_id: str,
        *,
        on: date | str,
        method: str,
        scope: str = "",
        witness: str = "",
    ) -> dict:
        """Record a person's consent (signature, thumbprint, verbal with a witness, by a guardian)."""
        if method not in CONSENT_METHODS:
            raise ValidationError(
                "consent_method",
                "method_invalid",
                "Hình thức đồng ý không hợp lệ.",
                "Invalid method.",
            )
        if method in ("verbal_witness", "guardian") and not clean_text(witness):
            raise ValidationError(
                "consent_witness",
                "required",
                "Đồng ý bằng lời hoặc qua người giám hộ cần ghi tên người làm chứng/giám hộ.",
                "Verbal consent or consent by a guardian needs the witness's or guardian's name.",
            )
        on_text = on.isoformat() if isinstance(on, date) else str(on)
        return self.update_person(
            person_id,
            {
                "consent_date": on_text,
                "consent_method": method,
                "consent_scope": scope,
                "consent_witness": witness,
                "consent_withdrawn_on": None,
            },
        )["person"]

    @op
    def withdraw_consent(self, person_id: str, on: date | None = None) -> dict:
        """Record that a person withdrew consent; their data stops leaving the laptop."""
        person = self._row("person", person_id)
        if not has_consent(person):
            raise KnownError("Người này chưa có sự đồng ý.", "This person has not consented.")
        return self.update_person(
            person_id, {"consent_withdrawn_on": (on or date.today()).isoformat()}
        )["person"]


def proposed_json(values: dict) -> str:
    """Canonical text of proposed corrections (used in tests and exports)."""
    return json.dumps(values, ensure_ascii=False, sort_keys=True)
