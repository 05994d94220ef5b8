"""Made-up but realistic demo data: households of Phường Hoàn Kiếm, elderly members, visits.

Every name, ID number and phone number here is invented by a seeded random generator.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.ids import new_id
from desktop_app.store.files import store_exists
from desktop_app.store.keyfile import KdfParams

if TYPE_CHECKING:  # loaded by the functions that need it: the login window imports this module
    from desktop_app.store.store import Store

_LOCAL = datetime.now().astimezone().tzinfo  # demo visits in this laptop's day

DEMO_PASSWORD = "demo1234"
DEMO_USERS = (
    ("volunteer", "Nguyễn Thị Thu Trang", "volunteer"),
    ("lead", "Trần Văn Hải", "team_lead"),
    ("officer", "Lê Minh Đức", "police_officer"),
    ("admin", "Phạm Quốc Bảo", "admin"),
)
VOLUNTEER_NAME = DEMO_USERS[0][1]  # who makes the demo's visits
DEMO_COMMUNE = "00070"  # Phường Hoàn Kiếm
DEMO_VILLAGES = (
    "Tổ dân phố số 1 Hàng Bạc",
    "Tổ dân phố số 4 Hàng Buồm",
    "Tổ dân phố số 7 Lý Thái Tổ",
    "Tổ dân phố số 9 Phúc Tân",
    "Tổ dân phố số 12 Hàng Bè",
)

FAMILY = (
    ["Nguyễn"] * 30
    + ["Trần"] * 11
    + ["Lê"] * 9
    + ["Phạm"] * 7
    + ["Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"] * 2
    + ["Đinh", "Tạ", "Trịnh", "Đào", "Lương", "Mai", "Kiều", "Chu", "Ứng", "Âu"]
)
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Công", "Bá", "Đình", "Ngọc"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Kim", "Thanh", "Bích", "Minh", "Diệu", "Hồng"]
GIVEN_M = [
    "Hùng",
    "Dũng",
    "Tuấn",
    "Thắng",
    "Bình",
    "Hoà",
    "Hòa",
    "Sơn",
    "Long",
    "Hải",
    "Quý",
    "Tâm",
    "Đạt",
    "Khoa",
    "Lộc",
    "Phúc",
    "Ân",
    "Ước",
    "Ưng",
    "Cường",
    "Thịnh",
    "Vượng",
]
GIVEN_F = [
    "Lan",
    "Hương",
    "Mai",
    "Hoa",
    "Hoà",
    "Hòa",
    "Cúc",
    "Đào",
    "Ánh",
    "Hằng",
    "Nga",
    "Yến",
    "Thảo",
    "Loan",
    "Ngọc",
    "Ơn",
    "Ấm",
    "Nhàn",
    "Tuyết",
    "Oanh",
    "Hạnh",
    "Liễu",
]
STREETS = [
    "Hàng Bạc",
    "Hàng Buồm",
    "Hàng Bè",
    "Phúc Tân",
    "Lý Thái Tổ",
    "Mã Mây",
    "Hàng Chiếu",
    "Đào Duy Từ",
    "Nguyễn Hữu Huân",
    "Hàng Mắm",
    "Chợ Gạo",
    "Gầm Cầu",
]
LANDMARKS = [
    "Ngõ cạnh quán nước chè, rẽ trái nhà thứ hai",
    "Đối diện cây đa, cổng sắt xanh",
    "Sau chợ, hỏi bà bán rau",
    "Nhà không số, cạnh cột điện 12",
    "Tầng 2, cầu thang sau hiệu tạp hoá",
    "Ven đê, nhà mái tôn xanh",
]
PHONE_PREFIXES = [
    "091",
    "094",
    "098",
    "097",
    "096",
    "090",
    "093",
    "086",
    "088",
    "035",
    "036",
    "070",
    "077",
    "083",
]
NOTES = [
    "Cụ nghe kém, cần nói to và chậm.",
    "Con trai đi làm xa, chỉ có cháu ở nhà buổi chiều.",
    "Cụ quên mã PIN thẻ ATM, đã hướng dẫn đổi lại.",
    "Hẹn quay lại khi có người nhà.",
    "Cụ muốn nhận tiền tại nhà vì đi lại khó khăn.",
    "Đã cài ứng dụng ngân hàng, cần hướng dẫn thêm.",
    "",
]
VISIT_OUTCOMES = ["met", "met", "met", "not_home", "met", "refused"]
PURPOSES = ["routine", "payment_check", "assistance", "follow_up"]
VULN = ["lives_alone", "limited_mobility", "low_vision", "hearing", "no_smartphone", "cannot_read"]


def _consent(rng: random.Random, today: date) -> dict:
    """Most people agreed (signature or thumbprint, some verbal with a witness); some not yet."""
    if rng.random() < 0.12:
        return {}
    method = rng.choices(
        ["signature", "thumbprint", "verbal_witness", "guardian"], [50, 30, 15, 5]
    )[0]
    witness = (
        rng.choice(["Nguyễn Văn Tư (tổ trưởng)", "Con gái", "Hàng xóm"])
        if method
        in (
            "verbal_witness",
            "guardian",
        )
        else None
    )
    return {
        "consent_date": (today - timedelta(days=rng.randrange(30, 700))).isoformat(),
        "consent_method": method,
        "consent_scope": "ghi_tham_ho_va_chi_tra",
        "consent_witness": witness,
    }


class _Ids:
    """Unique, consistent 12-digit ID numbers (001 = Hà Nội) and phones, all made up."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.serials: dict[tuple[int, int], int] = {}
        self.phones: set[str] = set()

    def citizen_id(self, birth_year: int, sex: str) -> str:
        century = 0 if birth_year < 2000 else 2
        g = century + (1 if sex == "female" else 0)
        key = (g, birth_year % 100)
        serial = self.serials.get(key, self.rng.randrange(1000, 400000)) + self.rng.randrange(1, 9)
        self.serials[key] = serial
        return f"001{g}{birth_year % 100:02d}{serial:06d}"

    def phone(self) -> str:
        while True:
            number = self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(0, 10**7):07d}"
            if number not in self.phones:
                self.phones.add(number)
                return "+84" + number[1:]


def create_demo_store(
    data_dir: Path, kdf: KdfParams | None = None, commune_code: str = DEMO_COMMUNE
) -> Store:
    """Create the demo database with one user per role (password ``demo1234``) for the commune
    ``commune_code``. The users are added before the database is renamed into place, so a kill
    at any point leaves either the whole demo database or none."""
    from desktop_app.store.store import Store

    store, _recovery = Store.create(
        data_dir,
        admin_username="admin",
        admin_password=DEMO_PASSWORD,
        admin_full_name="Phạm Quốc Bảo",
        commune_code=commune_code,
        villages=DEMO_VILLAGES,
        kdf=kdf,
        demo=True,
        users=[
            (username, full_name, role, DEMO_PASSWORD)
            for username, full_name, role in DEMO_USERS
            if username != "admin"
        ],
    )
    return store


def give_demo_officer_a_key(data_dir: Path) -> None:
    """The demo's police officer gets a signing key, certified by a throwaway "demo city" key
    pinned on this laptop, so verifications made in the demo count (issue 12). A real laptop's
    officer registers through the city server (``officer-enroll``); enrolling this demo laptop
    with a real server replaces the pinned key, and these demo certificates stop counting."""
    from desktop_app.core import officer_keys
    from desktop_app.core.keys import generate_sign_key, public_b64
    from desktop_app.core.protocol import sign_document
    from desktop_app.store.store import Store
    from desktop_app.store.sync_access import for_sync

    city = generate_sign_key()
    store = Store.open(data_dir, "officer", DEMO_PASSWORD)
    try:
        if store._sync_get("server_url"):
            return  # enrolled with a real city server: the officer registers there
        for_sync(store).set_sync_values({"server_sign_public": public_b64(city)})
        key = officer_keys.new_officer_key()
        doc = officer_keys.make_certificate_document(
            "officer",
            "officer",
            public_b64(key),
            [store.commune_code],
            datetime.now(UTC).isoformat(),
        )
        cert = officer_keys.certificate_text(sign_document(doc, city))
        store.enroll_officer_key(DEMO_PASSWORD, key, cert)
    finally:
        store.close()


def open_or_create_demo(data_dir: Path, username: str = "admin") -> Store:
    """Open the demo database as ``username`` (creating it first when absent)."""
    from desktop_app.store.store import Store

    if not store_exists(data_dir):
        create_demo_store(data_dir).close()
    return Store.open(data_dir, username, DEMO_PASSWORD)


def _person(rng: random.Random, ids: _Ids, family: str, sex: str, birth_year: int, today: date):
    middles = MIDDLE_F if sex == "female" else MIDDLE_M
    given = rng.choice(GIVEN_F if sex == "female" else GIVEN_M)
    if rng.random() < 0.15:  # "Nguyễn Thị Thu Trang", "Trần Văn Minh Hải"
        second = rng.choice([m for m in middles if m not in ("Thị", "Văn")])
        parts = [family, "Thị" if sex == "female" else "Văn", second]
    else:
        parts = [family, rng.choice(middles)]
    full_name = " ".join([*parts, given])
    has_date = rng.random() < 0.7
    birth_date = (
        date(birth_year, rng.randrange(1, 13), rng.randrange(1, 29)).isoformat()
        if has_date
        else None
    )
    vulnerabilities = []
    if today.year - birth_year >= 70:
        vulnerabilities = rng.sample(VULN, k=rng.choice([0, 1, 1, 2, 3]))
    return {
        "id": new_id(),
        "full_name": full_name,
        "given_name": given,
        "birth_date": birth_date,
        "birth_year": birth_year,
        "sex": sex,
        "citizen_id": ids.citizen_id(birth_year, sex) if rng.random() < 0.92 else None,
        "card_type": rng.choice(["cccd", "the_can_cuoc", "cccd"]),
        "vulnerabilities": vulnerabilities,
        "phones": [{"number": ids.phone(), "owner": "chính chủ"}] if rng.random() < 0.5 else [],
        "relationship": "",
        "notes": "",
        **_consent(rng, today),
    }


def fill_demo_data(
    store: Store,
    households: int,
    *,
    seed: int = 20261127,
    progress: Callable[[int, int], None] | None = None,
    visits_per_household: float = 5.5,
) -> dict:
    """Add ``households`` made-up households (≈2.5 persons and ≈5 visits each) to ``store``."""
    rng = random.Random(seed + store.count_households())
    ids = _Ids(rng)
    today = date.today()
    villages = store.list_villages()
    if not villages:
        villages = [store.add_village(name, "to_dan_pho") for name in DEMO_VILLAGES]
    village_ids = [v["id"] for v in villages]
    counts = {"household": 0, "person": 0, "visit": 0, "assistance": 0, "benefit": 0, "payment": 0}
    chunk = 2000
    done = 0
    while done < households:
        n = min(chunk, households - done)
        hh_rows, person_rows, visit_rows, assist_rows = [], [], [], []
        for _ in range(n):
            hid = new_id()
            family = rng.choice(FAMILY)
            head_sex = rng.choice(["male", "female", "female"])
            head_year = rng.randrange(1930, 1966)
            head = _person(rng, ids, family, head_sex, head_year, today)
            head["relationship"] = "chu_ho"
            members = [head]
            spouse = False
            for _m in range(rng.choice([0, 1, 1, 1, 2, 2, 3])):
                sex = rng.choice(["male", "female"])
                kind = rng.random()
                if kind < 0.4 and not spouse:  # one spouse at most
                    spouse = True
                    sex = "female" if head_sex == "male" else "male"
                    year = head_year + rng.randrange(-5, 6)
                    fam, rel = rng.choice(FAMILY), "vo_chong"
                else:  # child or grandchild
                    year = rng.randrange(max(head_year + 20, 1960), min(head_year + 50, 2010))
                    fam = family
                    rel = "chau" if year - head_year >= 40 and rng.random() < 0.6 else "con"
                p = _person(rng, ids, fam, sex, year, today)
                p["relationship"] = rel
                members.append(p)
            for p in members:
                p["household_id"] = hid
            person_rows += members
            number = rng.random() < 0.75
            hh_rows.append(
                {
                    "id": hid,
                    "village_id": rng.choice(village_ids),
                    "address": (
                        f"Số {rng.randrange(1, 120)} {rng.choice(STREETS)}"
                        if number
                        else f"Ngõ {rng.randrange(1, 60)} {rng.choice(STREETS)}"
                    ),
                    "landmark": "" if number else rng.choice(LANDMARKS),
                    "phones": [{"number": ids.phone(), "owner": "con gái"}]
                    if rng.random() < 0.6
                    else [],
                    "notes": rng.choice(NOTES),
                    "head_person_id": head["id"],
                }
            )
            k = max(0, int(rng.gauss(visits_per_household, 1.5)))
            for j in range(k):
                # during the working day where the laptop is (07:30–17:30), never at night
                day = today - timedelta(days=rng.randrange(1, 720))
                when = datetime(day.year, day.month, day.day, 7, 30, tzinfo=_LOCAL) + timedelta(
                    minutes=rng.randrange(0, 600)
                )
                when = when.astimezone(UTC)
                follow = None
                if j == k - 1 and rng.random() < 0.25:
                    follow = (today + timedelta(days=rng.randrange(-10, 15))).isoformat()
                vid = new_id()
                visit_rows.append(
                    {
                        "id": vid,
                        "household_id": hid,
                        "visited_at": when.isoformat(),
                        "visitor": "volunteer",
                        "visitor_name": VOLUNTEER_NAME,
                        "purposes": rng.sample(PURPOSES, k=rng.choice([1, 1, 2])),
                        "outcome": rng.choice(VISIT_OUTCOMES),
                        "notes": rng.choice(NOTES),
                        "persons_present": [head["id"]],
                        "follow_up_on": follow,
                    }
                )
                if follow and rng.random() < 0.6:
                    assist_rows.append(
                        {
                            "household_id": hid,
                            "person_id": head["id"],
                            "visit_id": vid,
                            "kind": rng.choice(
                                [
                                    "reset_pin",
                                    "activate_card",
                                    "accompany_withdrawal",
                                    "request_home_delivery",
                                ]
                            ),
                            "status": "open",
                            "due_on": follow,
                            "text": "",
                        }
                    )
        with store.db.atomic():
            counts["household"] += store.bulk_insert("household", hh_rows)
            counts["person"] += store.bulk_insert("person", person_rows)
            counts["visit"] += store.bulk_insert("visit", visit_rows)
            counts["assistance"] += store.bulk_insert("assistance", assist_rows)
            benefit_rows, payment_rows = _benefits_and_payments(rng, person_rows, today)
            counts["benefit"] += store.bulk_insert("benefit", benefit_rows)
            counts["payment"] += store.bulk_insert("payment", payment_rows)
            store.rebuild_search_index([h["id"] for h in hh_rows])
        done += n
        if progress:
            progress(done, households)
    return counts


PROVIDERS = {
    "bank_account": ["Agribank", "Vietcombank", "BIDV", "VietinBank"],
    "mobile_money": ["Viettel Money", "VNPT Money"],
    "post_office_cash": ["Bưu điện Hoàn Kiếm"],
    "commune_cash": ["UBND phường"],
    "home_delivery": ["Bưu điện Hoàn Kiếm"],
    "proxy": ["Agribank"],
}
CHANNEL_WEIGHTS = [
    ("bank_account", 50),
    ("post_office_cash", 20),
    ("home_delivery", 12),
    ("mobile_money", 6),
    ("commune_cash", 6),
    ("proxy", 6),
]
LATE_BARRIERS = [
    "forgot_pin",
    "card_locked",
    "no_atm_nearby",
    "ill_or_bedridden",
    "needs_relative",
    "poor_eyesight_hearing",
    "no_smartphone",
    "account_not_activated",
    "fees",
    "biometric_reverification",
    "scam_attempt",
]
PROXY_NAMES = ["Con gái", "Con trai", "Cháu nội", "Con dâu", "Hàng xóm"]


def _months_back(today: date, n: int) -> list[tuple[int, int]]:
    y, m = today.year, today.month
    out = []
    for _ in range(n):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        out.append((y, m))
    return list(reversed(out))


def _benefits_and_payments(rng: random.Random, persons: list[dict], today: date):
    """Benefits for most people aged 75+, and twelve months of payments with realistic delays,
    costs, help and barriers (more trouble for the oldest and for bank cards)."""
    benefits, payments = [], []
    months = _months_back(today, 12)
    for p in persons:
        age = today.year - p["birth_year"]
        if age < 75 or rng.random() > 0.8:
            continue
        if age >= 80:
            scheme, category, amount = "social_allowance", "elderly_80_no_pension", 500_000
        else:
            scheme, category, amount = "social_pension", "age_75_plus", 500_000
        if rng.random() < 0.07:
            scheme, category, amount = "meritorious", "per_decision", 2_789_000
        channel = rng.choices([c for c, _ in CHANNEL_WEIGHTS], [w for _, w in CHANNEL_WEIGHTS])[0]
        if (
            "bedridden" in p["vulnerabilities"]
            and channel != "home_delivery"
            and rng.random() < 0.6
        ):
            channel = "home_delivery"
        bid = new_id()
        benefits.append(
            {
                "id": bid,
                "person_id": p["id"],
                "household_id": p["household_id"],
                "scheme": scheme,
                "category": category,
                "monthly_amount": amount,
                "channel": channel,
                "provider": rng.choice(PROVIDERS[channel]),
                "account_last4": f"{rng.randrange(10000):04d}"
                if channel in ("bank_account", "proxy")
                else None,
                "start_on": f"{months[0][0] - rng.randrange(0, 4)}-{months[0][1]:02d}-01",
                "status": "active",
                "notes": "",
            }
        )
        frail = len(p["vulnerabilities"]) + (2 if age >= 85 else 1 if age >= 80 else 0)
        for y, m in months:
            credited = date(y, m, min(28, 8 + rng.randrange(0, 5)))
            if credited > today:
                continue
            row = {
                "benefit_id": bid,
                "person_id": p["id"],
                "household_id": p["household_id"],
                "period": f"{y}-{m:02d}",
                "amount": amount,
                "credited_on": credited.isoformat(),
                "barriers": [],
                "note": "",
            }
            never = rng.random() < 0.03 + 0.03 * frail + (0.05 if channel == "bank_account" else 0)
            if channel == "home_delivery":
                delay = rng.choice([0, 0, 1, 2])
            elif channel in ("post_office_cash", "commune_cash"):
                delay = int(rng.expovariate(1 / 4))
            else:
                delay = int(rng.expovariate(1 / (5 + 4 * frail)))
            withdrawn = credited + timedelta(days=delay)
            if never or withdrawn > today:
                row["barriers"] = rng.sample(LATE_BARRIERS, k=rng.choice([1, 1, 2]))
                row["convenience"] = rng.choice([1, 1, 2])
            else:
                row["withdrawn_on"] = withdrawn.isoformat()
                helper = rng.random()
                if channel == "proxy" or helper < 0.05 + 0.05 * frail:
                    row["withdrawn_by"] = "proxy"
                    row["proxy_name"] = rng.choice(PROXY_NAMES)
                elif helper < 0.2 + 0.08 * frail:
                    row["withdrawn_by"] = "helped"
                else:
                    row["withdrawn_by"] = "self"
                if channel == "home_delivery":
                    row.update(travel_minutes=0, distance_km=0.0, fees=0)
                else:
                    dist = round(rng.uniform(0.3, 6.0), 1)
                    row.update(
                        travel_minutes=int(dist * rng.uniform(6, 14)) + rng.randrange(5, 30),
                        distance_km=dist,
                        fees=rng.choice([0, 0, 0, 1100, 3300, 10000, 20000]),
                    )
                if delay > 7:
                    row["barriers"] = rng.sample(LATE_BARRIERS, k=1)
                row["convenience"] = max(
                    1, min(5, 5 - delay // 6 - (1 if row["fees"] else 0) - rng.randrange(0, 2))
                )
            payments.append(row)
    return benefits, payments
