"""Made-up city-scale data for the dashboard, sent through the real intake path.

``python -m city_server demo-data --db DB --communes N --beneficiaries N --months N`` enrols one
laptop per commune (a one-time code, ``Storage.enroll_device`` as ``/api/v1/enroll`` does) and
applies its records as numbered batches of at most ``MAX_CHANGES`` with ``apply_batch`` — the
function behind ``POST /api/v1/batches`` and the USB bundle import — so the cells are marked by
the apply hook like real data; then computes the cells. Everything is invented (names from
lists, no real ID numbers); the same arguments give the same data.
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from city_server.apply import apply_batch
from city_server.dashboard.cells import refresh
from city_server.enrollment import create_enrollment_code, hash_secret, new_token, normalize_code
from city_server.storage import Device
from desktop_app.core.admin_units import full_name_of, hanoi_communes
from desktop_app.core.errors import KnownError
from desktop_app.core.payment_metrics import _period_text
from desktop_app.core.protocol import MAX_CHANGES

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương")
MIDDLE_M = ("Văn", "Đức", "Hữu", "Quang", "Minh", "Xuân")
MIDDLE_F = ("Thị", "Thị", "Ngọc", "Thu", "Kim", "Thanh")
GIVEN_M = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Sơn", "Tùng")
GIVEN_F = ("Hà", "Hoa", "Hương", "Lan", "Liên", "Mai", "Nga", "Oanh", "Phương", "Thảo", "Yến")
CHANNEL_WEIGHTS = (
    ("bank_account", 45),
    ("post_office_cash", 30),
    ("home_delivery", 12),
    ("mobile_money", 6),
    ("commune_cash", 5),
    ("proxy", 2),
)
BARRIER_WEIGHTS = (
    ("forgot_pin", 20),
    ("no_atm_nearby", 15),
    ("ill_or_bedridden", 14),
    ("needs_relative", 12),
    ("card_locked", 8),
    ("poor_eyesight_hearing", 8),
    ("account_not_activated", 6),
    ("fees", 5),
    ("no_smartphone", 5),
    ("biometric_reverification", 4),
    ("other", 3),
)


NEED_CHANCES = (
    ("lives_alone", 0.2),
    ("limited_mobility", 0.15),
    ("low_vision", 0.12),
    ("hearing", 0.1),
    ("no_smartphone", 0.35),
    ("cannot_read", 0.05),
    ("bedridden", 0.04),
)


def _pick(rng: random.Random, weighted) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


class _Laptop:
    """One commune's made-up laptop: its device row and numbered changes."""

    def __init__(self, storage: Any, commune: str, rng: random.Random, now: str):
        code = create_enrollment_code(storage, [commune])
        self.device = storage.enroll_device(
            hash_secret(normalize_code(code)),
            now,
            Device(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                name=f"Máy demo {commune}",
                communes=(commune,),
                sign_public_key="",
                box_public_key="",
                token_hash=hash_secret(new_token()),
                revoked=False,
                enrolled_at=now,
                last_seq_seen=0,
            ),
        )
        self.storage, self.commune, self.now = storage, commune, now
        self.rng = rng
        self.seq = 0
        self.pending: list[dict[str, Any]] = []
        self.applied = 0

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, entity: str, fields: dict[str, Any], record_id: str | None = None) -> str:
        record_id = record_id or self.new_id()
        self.seq += 1
        self.pending.append(
            {
                "entity": entity,
                "id": record_id,
                "version": 1,
                "base_version": 0,
                "fields": fields,
                "deleted": False,
                "updated_at": self.now,
                "updated_by": "demo",
                "origin_device": self.device.id,
                "commune_code": self.commune,
                "seq": self.seq,
            }
        )
        if len(self.pending) >= MAX_CHANGES:
            self.flush()
        return record_id

    def flush(self) -> None:
        if not self.pending:
            return
        batch = {
            "protocol": 1,
            "schema": 1,
            "device_id": self.device.id,
            "batch_id": self.new_id(),
            "seq_from": self.pending[0]["seq"],
            "seq_to": self.pending[-1]["seq"],
            "changes": self.pending,
        }
        receipt = apply_batch(self.storage, self.device, batch)
        refused = [r for r in receipt["results"] if r["status"] not in ("accepted", "duplicate")]
        if refused:
            raise RuntimeError(f"demo change refused: {refused[0]}")
        self.applied += len(self.pending)
        self.pending = []


def _payment(
    rng: random.Random, period: str, amount: int, channel: str, slow: float, as_of: date
) -> dict[str, Any]:
    year, month = int(period[:4]), int(period[5:])
    credited = date(year, month, rng.randint(3, 12))
    fields: dict[str, Any] = {"period": period, "amount": amount, "credited_on": None}
    if credited > as_of:
        return fields
    fields["credited_on"] = credited.isoformat()
    home = channel in ("home_delivery", "commune_cash")
    # most withdraw within days; slow communes and cash-at-the-post-office take longer
    chance = 0.93 - 0.25 * slow - (0.05 if channel == "post_office_cash" else 0)
    barriers: list[str] = []
    if rng.random() < chance:
        delay = min(60, int(rng.expovariate(1 / (1.5 + 8 * slow + (0 if home else 2)))))
        withdrawn = credited + timedelta(days=delay)
        if withdrawn <= as_of:
            fields["withdrawn_on"] = withdrawn.isoformat()
            fields["withdrawn_by"] = rng.choices(("self", "helped", "proxy"), (70, 18, 12))[0]
            # a trip that fits its channel (the ninth tryout: cash at home cost 11,000 đ, and
            # 90 minutes for 0.4 km): delivered home is no trip; the commune office is near;
            # the distance goes with the time; only a bank or mobile-money withdrawal has a fee
            # (the same draws as before, so the demo's other figures stay as they were)
            if channel == "home_delivery":
                fields["travel_minutes"], fields["distance_km"] = 0, 0
            elif home:
                fields["travel_minutes"], fields["distance_km"] = 15, 1.5
            else:
                minutes = rng.choice((5, 10, 15, 20, 30, 45, 60, 90))
                fields["travel_minutes"] = minutes
                fields["distance_km"] = round(max(0.3, minutes * rng.uniform(0.08, 0.2)), 1)
            fee = rng.choice((0, 0, 0, 0, 1100, 2200, 3300, 11000))
            cash = channel in ("home_delivery", "commune_cash", "post_office_cash")
            fields["fees"] = 0 if cash else fee
            fields["convenience"] = rng.choices((1, 2, 3, 4, 5), (4, 8, 20, 38, 30))[0]
            if delay > 7 and rng.random() < 0.6:
                barriers.append(_pick(rng, BARRIER_WEIGHTS))
    else:
        barriers.append(_pick(rng, BARRIER_WEIGHTS))
        if rng.random() < 0.3:
            barriers.append(_pick(rng, BARRIER_WEIGHTS))
    if barriers:
        fields["barriers"] = sorted(set(barriers))
    return fields


def build_demo(
    storage: Any,
    communes: int,
    beneficiaries: int,
    months: int,
    *,
    seed: int = 14,
    as_of: date | None = None,
    progress: bool = True,
    codes: list[str] | None = None,
) -> dict[str, Any]:
    """Enrol ``communes`` laptops and apply ``beneficiaries`` persons (spread over them) with
    ``months`` monthly payments each, ending with last month; then compute the cells."""
    as_of = as_of or date.today()
    rng = random.Random(seed)
    now = datetime.now(UTC).isoformat()
    codes = codes or [c.code for c in hanoi_communes()][:communes]
    _refuse_a_seed_used(storage, seed, len(codes))
    last = as_of.year * 12 + as_of.month - 2  # last month
    periods = [_period_text(i) for i in range(last - months + 1, last + 1)]
    started = time.monotonic()
    total = 0
    # a city-sized demo shows what a silent commune looks like: the last two laptops stopped
    # sending 75 days ago (their records up to then arrived, nothing since), so the communes
    # table marks them THIẾU SỐ LIỆU for the latest month
    stale = set(codes[-2:]) if len(codes) >= 10 else set()
    # every person's ID serial is different (no two persons share an ID number), also between
    # two demos of different seeds in one database (as the tests build them)
    persons = seed * 1000
    for n, commune in enumerate(codes):
        own = rng.getrandbits(64)  # each laptop's own stream
        if commune in stale:
            with _clock(as_of - timedelta(days=75)) as (then, day):
                laptop = _Laptop(storage, commune, random.Random(own), then)
                persons = _fill(laptop, commune, communes, beneficiaries, n, periods, day, persons)
        else:
            laptop = _Laptop(storage, commune, random.Random(own), now)
            persons = _fill(laptop, commune, communes, beneficiaries, n, periods, as_of, persons)
        total += laptop.applied
        if progress:
            rate = total / max(0.001, time.monotonic() - started)
            name = full_name_of(commune)  # a name, as the pages say it
            print(
                f"{n + 1}/{len(codes)} {name} ({commune}): {laptop.applied} thay đổi / changes"
                f" ({total} tổng cộng / in all, {rate:.0f}/s)",
                file=sys.stderr,
            )
    applied_s = time.monotonic() - started
    refreshed = refresh(storage, as_of)
    return {
        "communes": len(codes),
        "beneficiaries": beneficiaries,
        "months": months,
        "periods": [periods[0], periods[-1]] if periods else [],
        "changes": total,
        "apply_seconds": round(applied_s, 1),
        "refresh_seconds": round(time.monotonic() - started - applied_s, 1),
        "communes_refreshed": refreshed,
        "silent_communes": sorted(stale),
    }


def _refuse_a_seed_used(storage: Any, seed: int, laptops: int) -> None:
    """Refuse, before anything is written, a demo whose laptops this database already has: each
    laptop's stream depends on the seed and its place in the list only, so a second demo of the
    same seed would make the same device and record ids (the tenth tryout: a traceback, and an
    enrolment code left behind for a commune no laptop ever joined)."""
    rng = random.Random(seed)
    made = {str(uuid.UUID(int=random.Random(rng.getrandbits(64)).getrandbits(128), version=4))
            for _ in range(laptops)}  # fmt: skip
    if any(d.id in made for d in storage.list_devices()):
        raise KnownError(
            f"cơ sở dữ liệu này đã có dữ liệu thử làm với --seed {seed}: chạy lại với số khác"
            f" (ví dụ --seed {seed + 1}); không ghi gì",
            f"this database already holds demo data made with --seed {seed}: run again with"
            f" another (say --seed {seed + 1}); nothing was written",
        )


@contextmanager
def _clock(day: date):
    """The intake's clock set back to ``day`` (noon UTC): batches applied inside are stored as
    received then, as a laptop that last synced that day."""
    import city_server.apply as apply_module

    then = datetime(day.year, day.month, day.day, 12, tzinfo=UTC).isoformat()
    saved = apply_module.utc_now
    apply_module.utc_now = lambda: then
    try:
        yield then, day
    finally:
        apply_module.utc_now = saved


def citizen_id(serial: int, birth_year: int, female: bool) -> str:
    """A made-up, well-formed ID number (DOMAIN.md §1): born in Hà Nội (001), the century and
    sex digit, the birth year's last two digits, and a serial unique for each ``serial``."""
    century = 0 if birth_year < 2000 else 2
    return f"001{century + (1 if female else 0)}{birth_year % 100:02d}{serial * 7919 % 10**6:06d}"


def _fill(
    laptop: _Laptop,
    commune: str,
    communes: int,
    beneficiaries: int,
    n: int,
    periods: list[str],
    as_of: date,
    persons: int,
) -> int:
    """One commune's villages, persons and payments up to ``as_of``; the persons counted."""
    periods = [p for p in periods if p <= f"{as_of.year:04d}-{as_of.month:02d}"]
    r = laptop.rng
    slow = r.random() ** 2  # a few communes are much slower than the rest
    villages = [
        laptop.add(
            "village",
            {
                "name": f"Tổ dân phố {i + 1}",
                "kind": "to_dan_pho",
                "commune_code": commune,
                "commune_list_version": "2025-07-01",
            },
        )
        for i in range(r.randint(5, 10))
    ]
    share = beneficiaries // communes + (1 if n < beneficiaries % communes else 0)
    for _ in range(share):
        female = r.random() < 0.6
        given = r.choice(GIVEN_F if female else GIVEN_M)
        middle = r.choice(MIDDLE_F if female else MIDDLE_M)
        household = laptop.add(
            "household",
            {
                "village_id": r.choice(villages),
                "commune_code": commune,
                "commune_list_version": "2025-07-01",
                "address": f"Số {r.randint(1, 200)} ngõ {r.randint(1, 90)}",
            },
        )
        consent = r.random() < 0.9
        needs = sorted({tag for tag, p in NEED_CHANCES if r.random() < p})
        phones = [{"number": f"+8491{r.randrange(10**7):07d}", "owner": "self"}]
        born = r.randint(1925, 1951)
        persons += 1
        fields = {
            "household_id": household,
            "full_name": f"{r.choice(FAMILY)} {middle} {given}",
            "given_name": given,
            "birth_year": born,
            "sex": "female" if female else "male",
            "consent_date": "2025-08-01" if consent else None,
            # the laptop never sends needs or phones of a person without consent
            "vulnerabilities": needs if consent else [],
            "phones": phones if consent else [],
        }
        if consent and persons % 10 < 7:  # most have their ID number recorded
            fields["citizen_id"] = citizen_id(persons, born, female)
        person = laptop.add("person", fields)
        channel = _pick(r, CHANNEL_WEIGHTS)
        sensitive = r.random() < 0.01
        amount = 540_000 if not sensitive else 900_000
        benefit = laptop.add(
            "benefit",
            {
                "person_id": person,
                "household_id": household,
                "scheme": "social_allowance" if sensitive else "social_pension",
                "category": "hiv_adult_poor" if sensitive else "age_75_plus",
                "monthly_amount": amount,
                "channel": channel,
            },
        )
        for period in periods:
            fields = _payment(r, period, amount, channel, slow, as_of)
            fields.update(benefit_id=benefit, person_id=person, household_id=household)
            laptop.add("payment", fields)
    laptop.flush()
    return persons
