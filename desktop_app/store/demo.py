"""Made-up but realistic demo data: households of Phường Hoàn Kiếm, elderly members, visits.

Every name, ID number and phone number here is invented by a seeded random generator.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desktop_app.core.ids import new_id
from desktop_app.store.keyfile import KdfParams
from desktop_app.store.store import Store, store_exists

DEMO_PASSWORD = "demo1234"
DEMO_USERS = (
    ("volunteer", "Nguyễn Thị Thu Trang", "volunteer"),
    ("lead", "Trần Văn Hải", "team_lead"),
    ("officer", "Lê Minh Đức", "police_officer"),
    ("admin", "Phạm Quốc Bảo", "admin"),
)
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


def create_demo_store(data_dir: Path, kdf: KdfParams | None = None) -> Store:
    """Create the demo database with one user per role (password ``demo1234``)."""
    store, _recovery = Store.create(
        data_dir,
        admin_username="admin",
        admin_password=DEMO_PASSWORD,
        admin_full_name="Phạm Quốc Bảo",
        commune_code=DEMO_COMMUNE,
        villages=DEMO_VILLAGES,
        kdf=kdf,
        demo=True,
    )
    for username, full_name, role in DEMO_USERS:
        if username != "admin":
            store.add_user(username, full_name, role, DEMO_PASSWORD)
    return store


def open_or_create_demo(data_dir: Path, username: str = "admin") -> Store:
    """Open the demo database as ``username`` (creating it first when absent)."""
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
    }


def fill_demo_data(
    store: Store,
    households: int,
    *,
    seed: int = 20261127,
    progress: Callable[[int, int], None] | None = None,
    visits_per_household: float = 5.0,
) -> dict:
    """Add ``households`` made-up households (≈2.5 persons and ≈5 visits each) to ``store``."""
    rng = random.Random(seed + store.count_households())
    ids = _Ids(rng)
    today = date.today()
    villages = store.list_villages()
    if not villages:
        villages = [store.add_village(name, "to_dan_pho") for name in DEMO_VILLAGES]
    village_ids = [v["id"] for v in villages]
    counts = {"household": 0, "person": 0, "visit": 0, "assistance": 0}
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
            for _m in range(rng.choice([0, 1, 1, 1, 2, 2, 3])):
                sex = rng.choice(["male", "female"])
                kind = rng.random()
                if kind < 0.4:  # spouse
                    year = head_year + rng.randrange(-5, 6)
                    fam, rel = rng.choice(FAMILY), "vo_chong"
                else:  # child or grandchild
                    year = rng.randrange(max(head_year + 20, 1960), min(head_year + 50, 2010))
                    fam, rel = family, rng.choice(["con", "chau"])
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
                when = datetime.now(UTC) - timedelta(
                    days=rng.randrange(1, 720), minutes=rng.randrange(0, 600)
                )
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
            store.rebuild_search_index([h["id"] for h in hh_rows])
        done += n
        if progress:
            progress(done, households)
    return counts
