"""The dashboard's admin and sign-in pages after the fifth tryout (issue 14): one-time messages
that survive several server processes, two sign-in tabs, the accounts page, revoked laptops and
used codes, device search, exports' audit, HEAD requests and account names."""

from __future__ import annotations

import re

import httpx
import pytest
from pg_cluster import keys_for
from serve_process import ServeProcess
from server_helpers import server_rows
from test_dashboard import (
    BA_DINH,
    HOAN_KIEM,
    NGOC_HA,
    PASSWORDS,
    _table,
    _unescape,
    city,  # noqa: F401 (the fixture: a live server with three accounts)
    login,
)

from city_server.dashboard import auth
from city_server.storage import is_postgres_url, open_storage

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class OneShot:
    """A browser behind a pooled proxy: every request on a new connection (so the kernel
    spreads them over the server's worker processes), cookies kept between them."""

    def __init__(self, url: str) -> None:
        self.url, self.cookies = url, httpx.Cookies()

    def send(self, method: str, path: str, data: dict | None = None) -> httpx.Response:
        with httpx.Client(base_url=self.url, timeout=30, cookies=self.cookies) as http:
            answer = http.request(method, path, data=data, headers={"Accept": "text/html"})
            self.cookies.update(answer.cookies)
            return answer


def test_one_time_messages_survive_several_worker_processes(server_db, tmp_path):
    """The fifth tryout: with ``serve --workers 2`` on PostgreSQL, 3 of 6 new enrolment codes
    were created and audited but never shown (the message was in one process's memory and the
    GET after the redirect reached the other). Now it is kept with the session in the database
    (encrypted with a key from the cookie) and shown once, whichever process answers."""
    if not is_postgres_url(server_db):
        pytest.skip("several workers need PostgreSQL")
    storage = open_storage(server_db, keys_for(server_db))
    auth.add_user(storage, "adm", PASSWORDS["adm"], "city_admin", [])
    storage.close()
    server = ServeProcess(server_db, keys_for(server_db), 2).start(tmp_path)
    try:
        for _ in range(8):
            browser = OneShot(server.url)
            form = CSRF.search(browser.send("GET", "/login").text).group(1)
            signed_in = browser.send(
                "POST", "/login", {"csrf": form, "user": "adm", "password": PASSWORDS["adm"]}
            )
            assert signed_in.status_code == 303
            csrf = CSRF.search(browser.send("GET", "/admin").text).group(1)
            made = browser.send("POST", "/admin/codes", {"csrf": csrf, "communes": "00070"})
            assert made.status_code == 303
            kept = server_rows(server_db, "SELECT flash FROM dash_sessions WHERE flash <> ''")
            shown = browser.send("GET", "/admin").text
            assert 'id="made"' in shown and '<code class="code">' in shown
            code = re.search(r'<code class="code">([^<]+)</code>', shown).group(1)
            assert len(kept) == 1 and code not in kept[0][0]  # kept, but not in clear
            assert code not in browser.send("GET", "/admin").text  # once only
        # a cancelled code's confirmation too
        link = re.search(
            r'href="(/admin/codes/[0-9a-f]+/cancel)"', browser.send("GET", "/admin").text
        )
        for _ in range(3):
            done = browser.send("POST", link.group(1), {"csrf": csrf, "confirm": "yes"})
            assert done.status_code == 303
            page = _unescape(browser.send("GET", "/admin").text)
            assert "Đã hủy mã đăng ký chưa dùng của" in page
            link = re.search(r'href="(/admin/codes/[0-9a-f]+/cancel)"', page)
    finally:
        server.stop()


def test_two_sign_in_tabs_both_work(city):  # noqa: F811
    """The fifth tryout: opening /login in a second tab changed the login token, so the first
    tab said "Phiên đăng nhập đã hết hạn" though nobody had signed in. Both forms now work (one
    browser: one cookie jar), and a wrong password leaves the other tab's form working too."""
    browser = httpx.Client(base_url=city.url, timeout=30)
    tab_a = CSRF.search(browser.get("/login").text).group(1)
    tab_b = CSRF.search(browser.get("/login?next=/communes").text).group(1)
    wrong = browser.post("/login", data={"csrf": tab_b, "user": "ana", "password": "sai-mat-khau"})
    assert wrong.status_code == 401 and "hết hạn" not in _unescape(wrong.text)
    first = browser.post(
        "/login", data={"csrf": tab_a, "user": "ana", "password": PASSWORDS["ana"]}
    )
    assert first.status_code == 303 and first.headers["location"] == "/overview"
    assert browser.get("/overview").status_code == 200
    # a form whose token was never given out is still refused
    other = httpx.Client(base_url=city.url, timeout=30)
    other.get("/login")
    forged = other.post("/login", data={"csrf": "x" * 32, "user": "ana", "password": "p"})
    assert forged.status_code == 400


def _accounts_csrf(client: httpx.Client) -> str:
    return CSRF.search(client.get("/admin/accounts").text).group(1)


def test_the_accounts_page_redirects_unlocks_asks_and_changes_communes(city):  # noqa: F811
    """The fifth tryout: a reload after a password reset reset it again (ending the sessions
    just started), after adding an account said "Đã có tài khoản"; a locked account had no
    unlock button; "Khóa" acted without asking; an official's communes could not be changed."""
    adm = login(city, "adm")
    csrf = _accounts_csrf(adm)
    # every action answers with a redirect; the message is shown once after it
    new = {"csrf": csrf, "action": "add", "name": "canbo.hk", "role": "commune_official"}
    added = adm.post("/admin/accounts", data={**new, "communes": "00070", "password": "p" * 12})
    assert added.status_code == 303 and added.headers["location"] == "/admin/accounts"
    assert "Đã thêm tài khoản «canbo.hk»" in _unescape(adm.get("/admin/accounts").text)
    assert "Đã thêm tài khoản" not in _unescape(adm.get("/admin/accounts").text)  # F5
    reset = {"csrf": csrf, "action": "password", "name": "ana", "password": "moi-mat-khau-9"}
    assert adm.post("/admin/accounts", data=reset).status_code == 303
    ana = login(city, "ana", "moi-mat-khau-9")
    adm.get("/admin/accounts")  # the reload after the reset: a GET, ana stays signed in
    assert ana.get("/overview").status_code == 200
    # a locked account: an unlock button, audited; the page says a reset also unlocks
    for _ in range(5):
        login(city, "off", "sai-mat-khau-0")
    assert login(city, "off").last_login.status_code == 401
    page = _unescape(adm.get("/admin/accounts").text)
    assert "Tạm khóa (sai mật khẩu)" in page and "đặt lại mật khẩu cũng mở khóa" in page
    row = page[page.index('<th scope="row">off</th>') :].split("</tr>")[0]
    assert 'value="unlock"' in row and "Mở khóa" in row
    unlock = {"csrf": csrf, "action": "unlock", "name": "off"}
    assert adm.post("/admin/accounts", data=unlock).status_code == 303
    assert "Đã mở khóa «off»" in _unescape(adm.get("/admin/accounts").text)
    assert login(city, "off").last_login.status_code == 303
    assert adm.post("/admin/accounts", data=unlock).status_code == 400  # not locked any more
    # disabling asks first; nothing changes until confirmed
    ask = adm.post("/admin/accounts", data={"csrf": csrf, "action": "disable", "name": "ana"})
    question = _unescape(ask.text)
    assert ask.status_code == 200 and "Khóa tài khoản này?" in question
    assert 'name="confirm" value="yes"' in question and ana.get("/overview").status_code == 200
    done = adm.post(
        "/admin/accounts",
        data={"csrf": csrf, "action": "disable", "name": "ana", "confirm": "yes"},
    )
    assert done.status_code == 303 and ana.get("/overview").status_code == 303
    # an official's communes: validated like `user add`, audited, seen at once
    off = login(city, "off")
    assert off.get(f"/communes/{HOAN_KIEM}").status_code == 403
    change = {"csrf": csrf, "action": "communes", "name": "off"}
    refused = adm.post("/admin/accounts", data={**change, "communes": "99999"})
    assert refused.status_code == 400 and "99999" in _unescape(refused.text)
    assert "chưa đổi gì" in _unescape(refused.text)
    assert adm.post("/admin/accounts", data={**change, "communes": " "}).status_code == 400
    not_official = adm.post(
        "/admin/accounts", data={**change, "name": "adm", "communes": HOAN_KIEM}
    )
    assert not_official.status_code == 400
    moved = adm.post("/admin/accounts", data={**change, "communes": f"{NGOC_HA}, {HOAN_KIEM}"})
    assert moved.status_code == 303
    assert "Đã đổi xã, phường của «off»" in _unescape(adm.get("/admin/accounts").text)
    assert off.get(f"/communes/{HOAN_KIEM}").status_code == 200
    assert city.storage.dash_user("off")["communes"] == [NGOC_HA, HOAN_KIEM]
    log = _unescape(adm.get("/admin/audit").text)
    assert "adm mở khóa tài khoản «off»" in log
    assert "adm đổi xã, phường của «off»: Phường Ngọc Hà → Phường Ngọc Hà, Phường Hoàn Kiếm" in log


def test_a_second_revoke_or_cancel_says_it_was_done_already(city):  # noqa: F811
    """The fifth tryout: Back (or F5, or a second tab) after a revoke showed "Không tìm thấy
    trang." (404). Now the page says the laptop was already revoked, when, and which one (its
    id and enrolment date, also on the question before the revoke); the same for a code
    cancelled or used. Nothing is done or audited twice."""
    from city_server.enrollment import create_enrollment_code, hash_secret, normalize_code

    adm = login(city, "adm")
    device = next(d for d in city.storage.list_devices() if HOAN_KIEM in d.communes)
    path = f"/admin/devices/{device.id}/revoke"
    question = _unescape(adm.get(path).text)
    assert device.id in question and "Đăng ký lúc" in question
    csrf = CSRF.search(question).group(1)
    assert adm.post(path, data={"csrf": csrf, "confirm": "yes"}).status_code == 303
    audited = len(city.storage.dash_audit_log(500))
    for again in (
        adm.get(path),  # Back to the question, or F5 on it
        adm.post(path, data={"csrf": csrf, "confirm": "yes"}),  # the form sent again
    ):
        text = _unescape(again.text)
        assert again.status_code == 200 and "Không tìm thấy trang" not in text
        assert f"Máy «{device.name}» ({device.id}) đã bị thu hồi lúc " in text
        assert "(giờ Hà Nội)" in text and "Đăng ký lúc" in text
    assert len(city.storage.dash_audit_log(500)) == audited
    # a cancelled code, cancelled again from a second tab
    code = create_enrollment_code(city.storage, [BA_DINH])
    ref = hash_secret(normalize_code(code))[:16]
    cancel = f"/admin/codes/{ref}/cancel"
    assert adm.post(cancel, data={"csrf": csrf, "confirm": "yes"}).status_code == 303
    twice = adm.post(cancel, data={"csrf": csrf, "confirm": "yes"})
    text = _unescape(twice.text)
    assert twice.status_code == 200 and "đã bị adm hủy lúc" in text and "Phường Ba Đình" in text
    # a used code names the laptop that used it
    from server_helpers import Laptop

    used = create_enrollment_code(city.storage, [BA_DINH])
    with httpx.Client(base_url=city.url, timeout=30) as http:
        laptop = Laptop(http, "Máy tổ một phường Ba Đình").enroll(used)
    ref = hash_secret(normalize_code(used))[:16]
    text = _unescape(adm.get(f"/admin/codes/{ref}/cancel").text)
    assert "đã được dùng lúc" in text and "«Máy tổ một phường Ba Đình»" in text
    assert laptop.device_id in text


def test_device_search_by_words_and_the_code_form_first(city):  # noqa: F811
    """The fifth tryout: the search was a plain substring ("hoan kiem may 3" found nothing, a
    hyphen for the em dash found nothing), an empty result said "Không có ai." (nobody), the
    code list did not say which laptop used a code, and the code form was under 100 devices."""
    from server_helpers import Laptop

    from city_server.enrollment import create_enrollment_code

    with httpx.Client(base_url=city.url, timeout=30) as http:
        for name in ("Tổ CNS Hoàn Kiếm — máy 3", "Tổ CNS Hoàn Kiếm — máy 30"):
            Laptop(http, name).enroll(create_enrollment_code(city.storage, [HOAN_KIEM]))
    adm = login(city, "adm")

    def found(q: str) -> list[str]:
        return [r[0] for r in _table(_unescape(adm.get("/admin", params={"q": q}).text), "devices")]

    for typed in ("hoan kiem may 3", "To CNS Hoan Kiem - may 3", "TỔ cns, hoàn-kiếm máy 3"):
        assert found(typed) == ["Tổ CNS Hoàn Kiếm — máy 3"], typed
    assert found("cns hoan kiem may") == ["Tổ CNS Hoàn Kiếm — máy 3", "Tổ CNS Hoàn Kiếm — máy 30"]
    assert found(f"{HOAN_KIEM} may 30") == ["Tổ CNS Hoàn Kiếm — máy 30"]
    empty = _unescape(adm.get("/admin", params={"q": "khong co may nay"}).text)
    assert _table(empty, "devices") == [["Không tìm thấy máy nào."]]
    adm.get("/lang/en")
    english = _unescape(adm.get("/admin", params={"q": "khong co may nay"}).text)
    assert _table(english, "devices") == [["No laptop found."]]
    adm.get("/lang/vi")
    # two laptops of one name are told apart by their id, and found by it
    with httpx.Client(base_url=city.url, timeout=30) as http:
        twins = [
            Laptop(http, "Máy tổ 7").enroll(create_enrollment_code(city.storage, [HOAN_KIEM]))
            for _ in range(2)
        ]
    listed = _table(_unescape(adm.get("/admin", params={"q": "may to 7"}).text), "devices")
    assert sorted(r[1] for r in listed) == sorted(t.device_id[:8] for t in twins)
    assert [r[0] for r in listed] == ["Máy tổ 7", "Máy tổ 7"]
    assert found(twins[1].device_id[:8]) == ["Máy tổ 7"]
    # the code list names the laptop that used a code
    page = _unescape(adm.get("/admin").text)
    used = [r for r in _table(page, "codes") if "Tổ CNS Hoàn Kiếm — máy 30" in r[5]]
    assert len(used) == 1
    # the code form comes before the device list
    assert page.index('action="/admin/codes"') < page.index('data-table="devices"')


def test_the_audit_of_an_export_names_what_was_exported_and_the_client_address(city):  # noqa: F811
    """The fifth tryout: the audit of a commune page's export did not say which commune (an
    official with two communes: which list of names and phones was taken?), nor the months; the
    audit page never showed the client address although it was stored."""
    city.storage.dash_set_communes("off", [NGOC_HA, BA_DINH])
    months = city.storage.dash_months()
    first, last = months[-3], months[-2]
    off = login(city, "off")
    exported = off.get(f"/communes/{BA_DINH}?from={first}&to={last}&export=xlsx")
    assert exported.status_code == 200
    assert off.get(f"/overview?from={last}&to={last}&export=pdf").status_code == 200
    entries = [e for e in city.storage.dash_audit_log(50) if e["action"] == "export"]
    assert entries[1]["detail"]["commune"] == BA_DINH
    assert entries[1]["detail"]["period"] == [first, last]
    assert entries[0]["detail"]["communes"] == [NGOC_HA, BA_DINH]
    adm = login(city, "adm")
    rows = _table(_unescape(adm.get("/admin/audit?kind=export").text), "audit")
    sentences = [r[1] for r in rows]

    def month(period: str) -> str:
        return f"Tháng {period[5:]}/{period[:4]}"

    assert sentences[1] == (
        "off tải tệp XLSX của trang của một xã, phường (Phường Ba Đình),"
        f" {month(first)} – {month(last)}"
    )
    assert sentences[0] == (
        f"off tải tệp PDF của trang Tổng quan — Phường Ngọc Hà, Phường Ba Đình, {month(last)}"
    )
    assert all(r[2] == "127.0.0.1" for r in rows)
    assert "Địa chỉ máy truy cập" in _unescape(adm.get("/admin/audit").text)
    # the tenth tryout: a Trends file's entry did not say which figure; the list alone says so
    trend = off.get(f"/trends?metric=distance_median&to={last}&export=pdf")
    alone = off.get(f"/communes/{NGOC_HA}?from={last}&to={last}&export=pdf&only=not_received")
    assert trend.status_code == alone.status_code == 200
    rows = _table(_unescape(adm.get("/admin/audit?kind=export").text), "audit")
    assert rows[1][1].endswith("— Quãng đường đi rút tiền (km, trung vị)"), rows[1][1]
    assert rows[0][1].endswith("— chỉ danh sách cần liên hệ"), rows[0][1]


def test_head_requests_and_account_names(city):  # noqa: F811
    """The fifth tryout: HEAD / and HEAD /login answered 405 (a monitor's check fails); any
    characters were accepted in account names. HEAD now answers as GET does; a new account's
    name is letters a-z, digits, dot, dash, underscore (said in the form and the command line),
    an older account with another name can still have its password reset."""
    from test_dashboard import _user_add

    with httpx.Client(base_url=city.url, timeout=30) as http:
        assert http.head("/login").status_code == 200
        home = http.head("/")
        assert home.status_code == 303 and home.headers["location"] == "/login"
        assert http.head("/", follow_redirects=True).status_code == 200
        assert http.head("/logout").status_code == 405  # no GET there either
    adm = login(city, "adm")
    page = _unescape(adm.get("/admin/accounts").text)
    assert "Chữ không dấu a–z, chữ số, dấu chấm, gạch ngang, gạch dưới" in page
    csrf = CSRF.search(page).group(1)
    for bad in ("Nguyễn Văn A", "<b>x</b>", "ana b", "cán.bộ"):
        new = {"csrf": csrf, "action": "add", "name": bad, "role": "city_analyst"}
        refused = adm.post("/admin/accounts", data={**new, "password": "mat-khau-dai-1"})
        assert refused.status_code == 400, bad
        assert "chỉ gồm chữ không dấu a–z" in _unescape(refused.text)
        assert city.storage.dash_user(bad) is None
    cli = _user_add(city, "Trần Bình", "--role", "city_analyst")
    assert cli.returncode == 2 and "chỉ gồm chữ không dấu a–z" in cli.stderr  # Vietnamese first
    assert cli.stderr.index("chỉ gồm") < cli.stderr.index("only letters a–z")
    ok = _user_add(city, "tran_binh-2.hk", "--role", "city_analyst")
    assert ok.returncode == 0, ok.stderr
    # an account made before the rule keeps working: its password can be reset
    from city_server.dashboard.auth import hash_password

    city.storage.dash_put_user("cũ tên", hash_password("mat-khau-cu-1"), "city_analyst", [], "x")
    reset = {"csrf": csrf, "action": "password", "name": "cũ tên", "password": "mat-khau-moi-1"}
    assert adm.post("/admin/accounts", data=reset).status_code == 303


def test_a_made_up_laptop_or_code_is_not_found_and_nothing_is_done(city):  # noqa: F811
    """A revoke or cancel address that names no laptop / no code (typed, or an old bookmark):
    the laptop's is "not found" (404) for the question and the confirmed form alike, the code's
    says no code has that reference (never "cancelled, or expired": none ever had it); nothing is
    audited."""
    adm = login(city, "adm")
    csrf = CSRF.search(adm.get("/admin").text).group(1)
    audited = len(city.storage.dash_audit_log(500))
    path = "/admin/devices/00000000-0000-0000-0000-000000000000/revoke"
    for answer in (adm.get(path), adm.post(path, data={"csrf": csrf, "confirm": "yes"})):
        assert answer.status_code == 404 and "Không tìm thấy trang" in _unescape(answer.text)
    cancel = "/admin/codes/0123456789abcdef/cancel"
    for answer in (adm.get(cancel), adm.post(cancel, data={"csrf": csrf, "confirm": "yes"})):
        said = _unescape(answer.text)
        assert answer.status_code == 200 and "Không có mã đăng ký nào có số tham chiếu này" in said
    assert len(city.storage.dash_audit_log(500)) == audited
    assert not any(d.revoked for d in city.storage.list_devices())


# --- the sixth tryout (issue 14): the city's IT admin with ~1,300 laptops ------------------------


def test_never_synced_laptops_are_told_apart_and_the_silent_come_longest_first(city, monkeypatch):  # noqa: F811
    """The sixth tryout: "not sent for 30 days" listed 1,179 laptops, nearly all enrolled that
    day and never synced, sorted by commune, with the two that really stopped buried. Now
    "silent" means it sent before but not for N days, longest silent first; a laptop that
    never sent anything has its own state."""
    from datetime import UTC, datetime, timedelta

    from test_dashboard import _enroll_many, _sheets

    import city_server.apply as apply_module
    from city_server.dashboard.demo import build_demo

    # a laptop of Phường Giảng Võ stopped 40 days ago (Hoàn Kiếm's, in the fixture, 62 days ago)
    stopped = (datetime.now(UTC) - timedelta(days=40)).isoformat()
    monkeypatch.setattr(apply_module, "utc_now", lambda: stopped)
    build_demo(city.storage, 1, 10, 1, progress=False, codes=["00025"], seed=5)
    monkeypatch.undo()
    _enroll_many(city.storage, 5, BA_DINH, "Máy mới Ba Đình")  # enrolled today, never synced
    by_name = {d["name"]: d for d in city.storage.dash_device_activity()}
    hoan_kiem = next(n for n, d in by_name.items() if d["communes"] == [HOAN_KIEM])
    giang_vo = next(n for n, d in by_name.items() if d["communes"] == ["00025"])
    adm = login(city, "adm")
    page = _unescape(adm.get("/admin?state=silent&days=30").text)
    # longest silent first, though Giảng Võ comes before Hoàn Kiếm by name; no new laptop
    assert [r[0] for r in _table(page, "devices")] == [hoan_kiem, giang_vo]
    assert "Xếp máy ngừng gửi lâu nhất lên đầu" in page
    assert "Đã từng gửi, nhưng không gửi số liệu trong N ngày" in page  # the state's label
    assert [
        r[0] for r in _table(_unescape(adm.get("/admin?state=silent&days=50").text), "devices")
    ] == [hoan_kiem]
    never = _unescape(adm.get("/admin?state=never").text)
    rows = _table(never, "devices")
    assert [r[0] for r in rows] == [f"Máy mới Ba Đình {i:03d}" for i in range(1, 6)]
    assert {r[4] for r in rows} == {"Chưa bao giờ"}  # last sent: never
    assert '<option value="never" selected>Chưa gửi số liệu lần nào</option>' in never
    # the choices stay in the address, and in the file
    sheet = _sheets(adm, "/admin?state=silent&days=30")[0]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("Đã từng gửi, nhưng không gửi số liệu trong 30 ngày" in c for c in cells)
    assert hoan_kiem in cells and "Máy mới Ba Đình 001" not in cells
    adm.get("/lang/en")
    english = _unescape(adm.get("/admin?state=never").text)
    assert '<option value="never" selected>Never sent any data</option>' in english


def test_a_laptop_that_only_pulls_shows_its_last_contact(city):  # noqa: F811
    """The seventh tryout: a laptop with nothing to send that pulled 7,095 changes was listed
    as "never sent any data", just like a lost one. It still is (it sent nothing), but its
    last contact says it is alive."""
    import time

    from server_helpers import Laptop

    laptop = Laptop(httpx.Client(base_url=city.url, timeout=30), "Máy chỉ nhận").enroll(
        city.code(BA_DINH)
    )
    adm = login(city, "adm")
    before = {r[0]: r for r in _table(_unescape(adm.get("/admin?state=never").text), "devices")}
    assert before["Máy chỉ nhận"][4:6] == ["Chưa bao giờ", "Chưa bao giờ"]  # sent, contact
    assert laptop.pull().status_code == 200
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # written after the answer was sent
        rows = {r[0]: r for r in _table(_unescape(adm.get("/admin?state=never").text), "devices")}
        if rows["Máy chỉ nhận"][5] != "Chưa bao giờ":
            break
        time.sleep(0.05)
    assert rows["Máy chỉ nhận"][4] == "Chưa bao giờ"  # still never sent anything
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", rows["Máy chỉ nhận"][5])
    assert "Liên lạc gần nhất (gửi hoặc nhận, giờ Hà Nội)" in adm.get("/admin").text


def test_every_code_has_a_reference_that_does_not_reveal_it(city):  # noqa: F811
    """The sixth tryout: unused codes could not be told apart ("Phường Hoàn Kiếm | 05/12 |
    12/12 | Chưa dùng"), so a leaked code could not be found to cancel. Each code now shows a
    short reference taken from its stored hash — also in the one-time banner, its cancel
    question, the audit log and the xlsx — and the list can be filtered by it. The code itself
    is never shown again, nor logged."""
    from test_dashboard import _sheets

    from city_server.enrollment import hash_secret, normalize_code

    adm = login(city, "adm")
    csrf = CSRF.search(adm.get("/admin").text).group(1)
    for _ in range(2):  # two codes for the same commune, the same minute
        made = adm.post("/admin/codes", data={"csrf": csrf, "communes": HOAN_KIEM, "days": "7"})
        assert made.status_code == 303
        shown = _unescape(adm.get("/admin").text)
    code = re.search(r'<code class="code">([^<]+)</code>', shown).group(1)
    ref = hash_secret(normalize_code(code))[:8]
    banner = shown[shown.index("Mã đăng ký mới") :].split("</p>")[0]
    assert "Số tham chiếu của mã này" in banner and ref in banner
    rows = _table(shown, "codes")
    assert _columns_of(shown, "codes")[0] == "Số tham chiếu"
    refs = [r[0] for r in rows]
    assert (
        ref in refs
        and len(set(refs)) == len(refs)
        and all(re.fullmatch("[0-9a-f]{8}", r) for r in refs)
    )
    page = _unescape(adm.get("/admin").text)
    assert code not in page and code.replace("-", "") not in page  # once only, then never
    # found by its reference, typed as people type it
    found = _table(
        _unescape(adm.get(f"/admin?code_ref=%23{ref[:4].upper()}+{ref[4:].upper()}").text), "codes"
    )
    assert [r[0] for r in found] == [ref] and found[0][1] == "Phường Hoàn Kiếm"
    # the question before cancelling it names it too
    link = re.search(
        r'href="(/admin/codes/[0-9a-f]+/cancel)[^"]*"', adm.get(f"/admin?code_ref={ref}").text
    )
    question = _unescape(adm.get(link.group(1)).text)
    assert "Số tham chiếu" in question and ref in question
    # the xlsx holds it; the audit says which code was made, never the code
    sheet = _sheets(adm, "/admin")[1]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert ref in cells and code not in " ".join(cells)
    made_entries = [e for e in city.storage.dash_audit_log(50) if e["action"] == "enrollment_code"]
    assert made_entries[0]["detail"]["ref"].startswith(ref)
    assert code not in str(city.storage.dash_audit_log(500))
    assert code.replace("-", "") not in str(city.storage.dash_audit_log(500))
    log = _unescape(adm.get("/admin/audit?kind=enrollment_code").text)
    assert f"số tham chiếu {ref}" in log
    assert adm.get("/admin?export=pdf").content.startswith(b"%PDF")
    # cancelled from the filtered list: back to that list, and the log names the code
    listed = adm.get(f"/admin?code_ref={ref}").text
    link = _unescape(re.search(r'href="(/admin/codes/[0-9a-f]+/cancel\?back=[^"]+)"', listed)[1])
    back = re.search(r'name="back" value="([^"]+)"', adm.get(link).text)[1]
    post = {"csrf": csrf, "confirm": "yes", "back": _unescape(back)}
    done = adm.post(link.split("?")[0], data=post)
    assert done.headers["location"] == f"/admin?code_ref={ref}#codes"
    assert _table(_unescape(adm.get(done.headers["location"]).text), "codes") == [
        ["Không có mã đăng ký nào."]
    ]
    log = _unescape(adm.get("/admin/audit?kind=cancel_code").text)
    assert f"adm hủy mã đăng ký máy chưa dùng của Phường Hoàn Kiếm — số tham chiếu {ref}" in log


def _columns_of(html: str, table_id: str) -> list[str]:
    found = re.search(rf'data-table="{table_id}">(.*?)</thead>', html, re.S)
    return [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<th[^>]*>(.*?)</th>", found.group(1), re.S)
    ]


def test_a_code_made_for_days_outside_the_form_is_refused(city):  # noqa: F811
    """The sixth tryout: posting days 0, -3, 100000, 1e9 or "abc" silently made a 1-hour,
    30-day or 7-day code. Only the form's whole days 1–30 make a code; anything else is refused
    with a message (Vietnamese, or English), and nothing is created or audited."""
    adm = login(city, "adm")
    csrf = CSRF.search(adm.get("/admin").text).group(1)
    codes = len(city.storage.dash_enrollment_codes())
    audited = len(city.storage.dash_audit_log(500))
    for days in ("0", "-3", "100000", "1e9", "abc", "7.5", "31", ""):
        answer = adm.post("/admin/codes", data={"csrf": csrf, "communes": HOAN_KIEM, "days": days})
        text = _unescape(answer.text)
        assert answer.status_code == 400, days
        assert "Số ngày hiệu lực phải là số nguyên từ 1 đến 30" in text, days
        assert "chưa có mã đăng ký nào được tạo" in text and 'class="code"' not in text
        assert f'value="{HOAN_KIEM}"' in answer.text  # what was typed stays, to be corrected
    assert len(city.storage.dash_enrollment_codes()) == codes
    assert len(city.storage.dash_audit_log(500)) == audited
    adm.get("/lang/en")
    english = adm.post("/admin/codes", data={"csrf": csrf, "communes": HOAN_KIEM, "days": "0"})
    assert english.status_code == 400
    assert "must be a whole number from 1 to 30" in _unescape(english.text)
    from datetime import UTC, datetime, timedelta

    for days in ("1", "30"):
        made = adm.post("/admin/codes", data={"csrf": csrf, "communes": HOAN_KIEM, "days": days})
        assert made.status_code == 303, days
        newest = city.storage.dash_enrollment_codes()[0]
        expires = datetime.fromisoformat(newest["expires_at"]) - datetime.now(UTC)
        assert abs(expires - timedelta(days=int(days))) < timedelta(minutes=5)
    assert len(city.storage.dash_enrollment_codes()) == codes + 2


def test_after_a_revoke_the_list_is_as_it_was(city):  # noqa: F811
    """The sixth tryout: after revoking a laptop the page went back to /admin and the search,
    filters and page were lost. The question keeps them, and so does its Cancel link and the
    page after the revoke; a made-up ``back`` can only lead to the admin list."""
    from urllib.parse import parse_qs, urlsplit

    from test_dashboard import _enroll_many

    _enroll_many(city.storage, 130, "00025", "Máy Giảng Võ")
    adm = login(city, "adm")
    listing = "/admin?commune=00025&q=may&state=never&page=2"
    page = adm.get(listing).text
    link = re.search(r'href="(/admin/devices/[^/]+/revoke\?back=[^"]+)"', page).group(1)
    question = adm.get(_unescape(link)).text
    csrf = CSRF.search(question).group(1)
    back = re.search(r'name="back" value="([^"]+)"', question).group(1)
    cancel = re.search(r'<a href="([^"]*)">Không, quay lại</a>', question).group(1)
    wanted = {"commune": ["00025"], "q": ["may"], "state": ["never"], "page": ["2"]}
    assert parse_qs(urlsplit(_unescape(cancel)).query) == wanted
    path = _unescape(link).split("?")[0]
    done = adm.post(path, data={"csrf": csrf, "confirm": "yes", "back": _unescape(back)})
    assert done.status_code == 303
    target = urlsplit(done.headers["location"])
    assert target.path == "/admin" and target.fragment == "devices"
    assert parse_qs(target.query) == wanted
    after = _unescape(adm.get(done.headers["location"]).text)
    assert "Đã thu hồi máy «Máy Giảng Võ" in after and "Trang 2/2" in after
    # a ``back`` that is not the list's own choices cannot lead anywhere else
    other = next(d for d in city.storage.list_devices() if not d.revoked)
    path = f"/admin/devices/{other.id}/revoke"
    sneaky = {"csrf": csrf, "confirm": "yes", "back": "x=1&next=//evil.example&q=a b"}
    moved = adm.post(path, data=sneaky)
    assert moved.status_code == 303 and moved.headers["location"] == "/admin?q=a+b#devices"


def test_a_device_name_cannot_be_spoofed_with_direction_characters(city):  # noqa: F811
    """The sixth tryout: a device name with a right-to-left override (U+202E) was shown
    reversed, so a name could pass for another. Such characters are shown as their code point
    on the devices page, the revoke question, the message after it, the code list and the
    audit log, and the name is isolated (``<bdi>``)."""
    from server_helpers import Laptop

    from city_server.enrollment import create_enrollment_code

    name = "Máy \u202ethnaH \u2066x\u2069 2"
    with httpx.Client(base_url=city.url, timeout=30) as http:
        laptop = Laptop(http, name).enroll(create_enrollment_code(city.storage, [HOAN_KIEM]))
    shown = "Máy [U+202E]thnaH [U+2066]x[U+2069] 2"
    adm = login(city, "adm")
    page = adm.get("/admin?q=thnah").text
    assert "\u202e" not in page and "\u2066" not in page
    assert f'<th scope="row"><bdi>{shown}</bdi></th>' in page
    assert f"{shown} ({laptop.device_id})" in _unescape(adm.get("/admin").text)  # the code list
    path = f"/admin/devices/{laptop.device_id}/revoke"
    question = adm.get(path).text
    assert "\u202e" not in question and f"<bdi>{shown}</bdi>" in question
    csrf = CSRF.search(question).group(1)
    assert adm.post(path, data={"csrf": csrf, "confirm": "yes"}).status_code == 303
    after = _unescape(adm.get("/admin").text)
    assert f"Đã thu hồi máy «{shown}»" in after and "\u202e" not in after
    again = _unescape(adm.get(path).text)
    assert f"Máy «{shown}»" in again and "\u202e" not in again
    log = _unescape(adm.get("/admin/audit?kind=revoke_device").text)
    assert f"adm thu hồi máy «{shown}»" in log and "\u202e" not in log
    from test_dashboard import _sheets

    cells = [str(c.value) for row in _sheets(adm, "/admin?q=thnah")[0].iter_rows() for c in row]
    assert shown in cells and not any("\u202e" in c for c in cells)
