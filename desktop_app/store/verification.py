"""Identity verification by police liaison officers (append-only), the queue, and consent.

Only the ``police_officer`` role can record a verification: the check is here, in the store. A later
verification supersedes an earlier one and never erases it (there is no update or delete).
"""

from __future__ import annotations

import bisect
import json
import re
from datetime import UTC, date, datetime, timedelta

from desktop_app.core.citizen_id import consistency_flags, mask_citizen_id, parse_citizen_id
from desktop_app.core.errors import KnownError, ValidationError
from desktop_app.core.ids import new_id
from desktop_app.core.records import VERIFICATION_METHODS, VERIFICATION_RESULTS
from desktop_app.core.text import clean_text, fold
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
# The officer's list (issue 19): everyone awaiting verification, or one part of them.
VERIFICATION_FILTERS = ("all", "never", "needs_checking", "stale")
STALE_MONTHS = 12  # a verification older than this is due again
_ATTENTION_RESULTS = ("mismatch", "unable", "not_verified")

# One row per live person with what the list shows and filters on. ``last`` is the current
# verification as "result|verified_at" (a "verified" without a valid officer signature does not
# count: "not_verified"); ``same_id`` whether another live person has the same ID number. Both
# come from small grouped tables joined once, not from a subquery per person.
_LIST_WITH = (
    "WITH lv AS (SELECT person_id, max(verified_at) AS at,"
    "   CASE WHEN result = 'verified' AND NOT signature_ok THEN 'not_verified' ELSE result END"
    "   AS res FROM identity_verification WHERE deleted = 0 GROUP BY person_id),"
    " dup AS (SELECT citizen_id FROM person WHERE deleted = 0 AND citizen_id IS NOT NULL"
    "   GROUP BY citizen_id HAVING count(*) > 1)"
)
_LIST_SQL = (
    "SELECT p.id AS pid, p.full_name, p.name_fold, p.birth_year, p.sex, p.citizen_id, p.old_id,"
    " p.card_type, p.card_expiry, p.phones, p.sort_key AS skey, h.id, h.address, h.landmark,"
    " h.phones, v.name, lv.res || '|' || lv.at AS last, dup.citizen_id IS NOT NULL AS same_id"
    " FROM person p JOIN household h ON h.id = p.household_id"
    " LEFT JOIN village v ON v.id = h.village_id"
    " LEFT JOIN lv ON lv.person_id = p.id"
    " LEFT JOIN dup ON dup.citizen_id = p.citizen_id"
)


def stale_cutoff(months: int, today: date | None = None) -> str:
    """The ISO time before which a verification is "more than ``months`` months ago"."""
    today = today or date.today()
    return (today - timedelta(days=round(months * 30.44))).isoformat()


def _status_sql(kind: str, cutoff: str) -> tuple[str, list]:
    """SQL (over ``_LIST_SQL``) for a filter, before the data-quality flags."""
    if kind == "never":
        return "lv.person_id IS NULL", []
    if kind == "stale":
        return "(lv.res = 'verified' AND lv.at < ?)", [cutoff]
    # all, needs_checking (refined with the flags): not verified now, or verified too long ago
    return "(lv.person_id IS NULL OR lv.res != 'verified' OR lv.at < ?)", [cutoff]


_PARSED: dict[str, object] = {}  # ID number → CitizenId or the ValidationError (a cache)


def _parsed_id(number: str):
    found = _PARSED.get(number)
    if found is None:
        try:
            found = parse_citizen_id(number)
        except ValidationError as exc:
            found = exc
        if len(_PARSED) > 500_000:
            _PARSED.clear()
        _PARSED[number] = found
    return found


def _flags(r) -> list[str]:
    """The data-quality flags of a row of ``_LIST_SQL``."""
    flags = []
    if r[5]:
        cid = _parsed_id(r[5])
        if isinstance(cid, ValidationError):
            flags.append("id_invalid")
        else:
            flags += consistency_flags(cid, r[3], r[4])
    else:
        flags.append("no_id")
    if r[17]:
        flags.append("duplicate_id")
    if r[7] == "cmnd":
        flags.append("old_card_type")
    age = date.today().year - r[3] if r[3] else None
    if r[7] in ("cccd", "the_can_cuoc") and not r[8] and (age is None or age < 60):
        flags.append("missing_card_expiry")
    return flags


def _order(entry) -> tuple:
    """The list's order: best matches first, then Vietnamese name order, then the id."""
    return entry[2], entry[0][10], entry[0][0]


def _after_key(after) -> tuple:
    """A keyset cursor: (rank, sort_key, id); (sort_key, id) means rank 0."""
    after = tuple(after)
    return after if len(after) == 3 else (0, *after)


def _phone_digits(phones_json) -> list[str]:
    try:
        phones = json.loads(phones_json) if isinstance(phones_json, str) else phones_json or []
    except ValueError:
        return []
    out = []
    for p in phones:
        digits = re.sub(r"\D", "", p.get("number", "") if isinstance(p, dict) else str(p))
        if digits.startswith("84"):
            out.append("0" + digits[2:])
        out.append(digits)
    return out


class _PersonQuery:
    """The household search's rules (``Store.search_households``) applied to one person: every
    word must be in the person's own name, their household's address, landmark or village, or a
    phone of theirs or of the household — never only in another member's name. A whole ID number
    matches that person's ID (or old ID) or a phone with those digits."""

    def __init__(self, query: str):
        from desktop_app.store.store import _whole_id_number, search_terms

        self.words = search_terms(query)
        self.id_numbers = [w for w in self.words if _whole_id_number(w)]
        self.text_words = [w for w in self.words if w not in self.id_numbers]

    def __bool__(self) -> bool:
        return bool(self.words)

    def household_sql(self) -> tuple[list[str], list]:
        """Conditions narrowing the households through the household search index."""
        where, params = [], []
        long_words = [w for w in self.text_words if len(w) >= 3]
        short_words = [w for w in self.text_words if len(w) < 3]
        for number in self.id_numbers:
            # the person with that ID (or old ID), or a household with a phone of those digits
            where.append(
                "p.id IN (SELECT id FROM person WHERE citizen_id = ? AND deleted = 0"
                " UNION SELECT id FROM person WHERE old_id = ?"
                " UNION SELECT x.id FROM person x JOIN household y ON y.id = x.household_id"
                " WHERE y.rowid IN"
                " (SELECT rowid FROM household_search WHERE household_search MATCH ?))"
            )
            params += [number, number, '"' + number + '"']
        if long_words:
            where.append(
                "h.rowid IN (SELECT rowid FROM household_search WHERE household_search MATCH ?)"
            )
            params.append(" AND ".join('"' + w + '"' for w in long_words))
        if short_words:
            where.append(
                "h.rowid IN (SELECT rowid FROM household_words WHERE household_words MATCH ?)"
            )
            params.append(" AND ".join('"' + w + '"*' for w in short_words))
        return where, params

    def rank(self, r) -> int:
        """Best matches first, as the household search ranks: 0 when the name holds the words
        typed, in order, as whole words; 1 when every word starts a word of the name; else 2."""
        if not self.text_words:
            return 0
        name = r[2] or fold(r[1] or "")
        if f" {' '.join(self.text_words)} " in f" {name} ":
            return 0
        words = name.split()
        if all(any(n.startswith(w) for n in words) for w in self.text_words):
            return 1
        return 2

    def matches(self, r) -> bool:
        """True when the person of a ``_LIST_SQL`` row answers the query."""
        phones = _phone_digits(r[9]) + _phone_digits(r[14])
        for number in self.id_numbers:
            if number not in (r[5], r[6]) and not any(number in p for p in phones):
                return False
        if not self.text_words:
            return True
        text = " | ".join(
            x
            for x in (
                r[2] or fold(r[1] or ""),
                fold(r[12] or ""),
                fold(r[13] or ""),
                fold(r[15] or ""),
                *phones,
            )
            if x
        )
        tokens = None
        for w in self.text_words:
            if len(w) >= 3:
                if w not in text:
                    return False
            else:
                if tokens is None:
                    tokens = re.findall(r"[0-9a-z]+", text)
                if not any(t.startswith(w) for t in tokens):
                    return False
        return True


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
        # the officer by name where this laptop knows them (the eleventh tryout: "officer")
        names = dict(self.db.execute("SELECT username, full_name FROM user").fetchall())
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
            record["officer_name"] = names.get(record.get("officer")) or record.get("officer")
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

    def _officer_rows(self, query: _PersonQuery, village_id: str | None, months: int) -> list:
        """Everyone awaiting verification who answers ``query`` (in ``village_id``), sorted by
        (sort_key, id), each as (row, flags). Read in one pass and kept until the database
        changes (this connection's writes or another connection's commits), so paging, filters
        and counts of one search cost one read."""
        version = self._data_version()
        key = (tuple(query.words), village_id, months, date.today())
        cache = self.__dict__.setdefault("_officer_cache", {})
        hit = cache.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        where = ["p.deleted = 0", "h.deleted = 0"]
        params: list = []
        if village_id:
            where.append("h.village_id = ?")
            params.append(village_id)
        more, more_params = query.household_sql()
        where += more
        params += more_params
        status, status_params = _status_sql("all", stale_cutoff(months))
        where.append(status)
        params += status_params
        sql = f"{_LIST_WITH} {_LIST_SQL} WHERE {' AND '.join(where)}"
        rows = [
            (r, _flags(r), query.rank(r))
            for r in self.db.execute(sql, params)
            if not query or query.matches(r)
        ]
        rows.sort(key=_order)
        if len(cache) > 16:
            cache.clear()
        cache[key] = (version, rows)
        return rows

    def _data_version(self) -> tuple[int, int]:
        """Changes when this connection writes or another one commits."""
        return self.db.execute("PRAGMA data_version").fetchone()[0], self.db.conn.total_changes

    @staticmethod
    def _in_filter(kind: str, entry, cutoff: str) -> bool:
        r, flags, _rank = entry
        last, _, at = (r[16] or "").partition("|")
        if kind == "never":
            return not last
        if kind == "needs_checking":
            return bool(flags) or last in _ATTENTION_RESULTS
        if kind == "stale":
            return last == "verified" and at < cutoff
        return True

    def _verification_entry(self, r, flags: list[str], reveal: bool, rank: int = 0) -> dict:
        last, _, last_at = (r[16] or "").partition("|")
        return {
            "rank": rank,  # with sort_key and person_id: the cursor of the next page
            "person_id": r[0],
            "full_name": r[1],
            "birth_year": r[3],
            "sex": r[4],
            "citizen_id": r[5] if reveal else None,
            "card_type": r[7],
            "card_expiry": r[8],
            "sort_key": r[10],
            "household_id": r[11],
            "address": r[12],
            "landmark": r[13],
            "village": r[15] or "",
            "last_result": last or None,
            "last_verified_at": last_at or None,
            "flags": flags,
        }

    def _audit_id_search(self, query: _PersonQuery, found: int) -> None:
        if query.id_numbers:
            from desktop_app.store import audit

            with self.db.atomic():
                audit.append(
                    self.db,
                    self.user.username,
                    "search.citizen_id",
                    detail={"numbers": len(query.id_numbers), "found": found},
                )

    @op
    def verification_list(
        self,
        kind: str = "all",
        query: str = "",
        village_id: str | None = None,
        months: int = STALE_MONTHS,
        after: tuple[str, str] | None = None,
        limit: int = 200,
    ) -> list[dict]:
        """One page of the officer's list in name order, after the (sort_key, person id) given.

        ``kind``: ``all`` (everyone awaiting verification: never verified, not verified, or
        verified more than ``months`` months ago), ``never``, ``needs_checking`` (data-quality
        flags or a mismatch / unable / unsigned result) or ``stale``. ``query`` follows the
        household search's rules, per person (``_PersonQuery``); a whole ID number is audited."""
        if kind not in VERIFICATION_FILTERS:
            raise ValueError(f"unknown filter {kind!r}")
        q = _PersonQuery(query)
        reveal = self.can("reveal_citizen_id")
        rows = self._officer_rows(q, village_id, months)
        start = bisect.bisect_right(rows, _after_key(after), key=_order) if after else 0
        cutoff = stale_cutoff(months)
        out = []
        for entry in rows[start:]:
            if self._in_filter(kind, entry, cutoff):
                out.append(self._verification_entry(entry[0], entry[1], reveal, entry[2]))
                if len(out) >= limit:
                    break
        if after is None and q.id_numbers:
            before = self._data_version()
            self._audit_id_search(q, len(out))
            # the audit entry changes no person: what was read stays good
            cache = self.__dict__.get("_officer_cache", {})
            for key, (version, kept) in list(cache.items()):
                if version == before:
                    cache[key] = (self._data_version(), kept)
        return out

    @op
    def verification_counts(
        self, query: str = "", village_id: str | None = None, months: int = STALE_MONTHS
    ) -> dict[str, int]:
        """How many persons each filter of the officer's list holds (for the query given)."""
        rows = self._officer_rows(_PersonQuery(query), village_id, months)
        cutoff = stale_cutoff(months)
        return {
            k: sum(1 for e in rows if self._in_filter(k, e, cutoff)) for k in VERIFICATION_FILTERS
        }

    @op
    def verification_entry(self, person_id: str, months: int = STALE_MONTHS) -> dict | None:
        """One person's row of the officer's list, whatever their status (after a save)."""
        sql = f"{_LIST_WITH} {_LIST_SQL} WHERE p.id = ?"
        r = self.db.execute(sql, (person_id,)).fetchone()
        return (
            None
            if r is None
            else self._verification_entry(r, _flags(r), self.can("reveal_citizen_id"))
        )

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
