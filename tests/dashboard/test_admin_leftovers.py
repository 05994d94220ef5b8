"""Five small things a new user found on the dashboard (issue 14, leftovers): a made-up code
reference said "cancelled, or expired", a cancel's confirmation did not name the code, an admin
who reset their own password was signed out without a word, the xlsx filter line called the
device search "Find a commune" and stood on sheets it does not apply to, and the log of an
official's list export did not say how the list was narrowed. Over HTTP against a real server on
loopback (SQLite), with real xlsx files."""

from __future__ import annotations

import html
import io
import re

import httpx
import pytest
from dashboard_helpers import ACCOUNTS, NGOC_HA
from server_helpers import Laptop, LiveServer

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
NOT_ISSUED = "Không có mã đăng ký nào có số tham chiếu này."
GONE = "Mã đăng ký này không còn"


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """A live server with one commune of made-up data (Ngọc Hà: villages, people waiting, a
    laptop) and the three accounts of the browser tests."""
    from city_server.dashboard.auth import add_user
    from city_server.dashboard.demo import build_demo

    server = LiveServer(tmp_path_factory.mktemp("leftovers") / "city.db").start()
    build_demo(server.storage, 1, 120, 3, progress=False, codes=[NGOC_HA])
    for name, (role, password, communes) in ACCOUNTS.items():
        add_user(server.storage, name, password, role, communes)
    yield server
    server.stop()


def sign_in(server, name: str, password: str | None = None) -> httpx.Client:
    client = httpx.Client(base_url=server.url, timeout=30)
    csrf = CSRF.search(client.get("/login").text).group(1)
    answer = client.post(
        "/login", data={"csrf": csrf, "user": name, "password": password or ACCOUNTS[name][1]}
    )
    assert answer.status_code == 303, answer.text
    return client


def text_of(answer: httpx.Response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", answer.text)).split())


def new_code(adm: httpx.Client, communes: str = NGOC_HA) -> str:
    """An enrolment code made on the admin page; its reference as the page shows it."""
    csrf = CSRF.search(adm.get("/admin").text).group(1)
    made = adm.post("/admin/codes", data={"csrf": csrf, "communes": communes, "days": "7"})
    assert made.status_code == 303
    shown = adm.get("/admin").text
    return re.search(r'<strong class="ref">([0-9a-f]{8})</strong>', shown).group(1)


def cancel_link(adm: httpx.Client, label: str) -> str:
    page = adm.get(f"/admin?code_ref={label}").text
    return re.search(rf'href="(/admin/codes/({label}[0-9a-f]*)/cancel)', page).group(1)


def test_a_reference_never_issued_is_told_from_a_code_that_is_gone(city):
    """A made-up reference said "cancelled, or expired and removed": it now says no code has
    that reference; a code that existed and was cancelled says by whom and when; one that
    existed and is gone otherwise keeps the old sentence."""
    adm = sign_in(city, "adm")
    for answer in (
        adm.get("/admin/codes/0123456789abcdef/cancel"),
        adm.post(
            "/admin/codes/0123456789abcdef/cancel",
            data={"csrf": CSRF.search(adm.get("/admin").text).group(1), "confirm": "yes"},
        ),
    ):
        said = text_of(answer)
        assert NOT_ISSUED in said and GONE not in said, said
        # amber, not the green of something done
        assert '<p class="alert" role="status">' in answer.text, answer.text
    adm.cookies.set("lang", "en")
    said = text_of(adm.get("/admin/codes/0123456789abcdef/cancel"))
    assert "No enrolment code has this reference." in said, said
    adm.cookies.set("lang", "vi")
    # a real code, cancelled: who and when (as before), never "no code has this reference"
    label = new_code(adm)
    link = cancel_link(adm, label)
    csrf = CSRF.search(adm.get("/admin").text).group(1)
    assert adm.post(link, data={"csrf": csrf, "confirm": "yes"}).status_code == 303
    answer = adm.get(link)
    said = text_of(answer)
    assert "đã bị adm hủy lúc" in said and NOT_ISSUED not in said, said
    assert '<p class="alert ok" role="status">' in answer.text
    # a real code gone without a cancel on record (its row deleted): the old sentence
    label = new_code(adm)
    link = cancel_link(adm, label)
    code_hash = next(
        c["code_hash"] for c in city.storage.dash_enrollment_codes() if c["code_hash"][:8] == label
    )
    assert city.storage.dash_cancel_enrollment_code(code_hash)
    said = text_of(adm.get(link))
    assert GONE in said and NOT_ISSUED not in said, said


def test_a_cancel_says_which_code_was_cancelled(city):
    adm = sign_in(city, "adm")
    label = new_code(adm)
    link = cancel_link(adm, label)
    csrf = CSRF.search(adm.get("/admin").text).group(1)
    done = adm.post(link, data={"csrf": csrf, "confirm": "yes"}, follow_redirects=True)
    said = text_of(done)
    assert f"Đã hủy mã đăng ký chưa dùng của Phường Ngọc Hà (số tham chiếu {label})." in said, said
    adm.cookies.set("lang", "en")
    label = new_code(adm)
    link = cancel_link(adm, label)
    csrf = CSRF.search(adm.get("/admin").text).group(1)
    said = text_of(adm.post(link, data={"csrf": csrf, "confirm": "yes"}, follow_redirects=True))
    assert (
        f"The unused enrolment code for Phường Ngọc Hà (reference {label}) was cancelled." in said
    ), said


def test_an_admin_who_resets_their_own_password_is_told_why_they_must_sign_in(city):
    from city_server.dashboard.auth import add_user

    add_user(city.storage, "adm2", "admin-pass-22", "city_admin", [])
    adm = sign_in(city, "adm2", "admin-pass-22")
    csrf = CSRF.search(adm.get("/admin/accounts").text).group(1)
    # another account's password: the admin stays signed in, nothing said on the sign-in form
    other = {"csrf": csrf, "action": "password", "name": "ana", "password": "analyst-pass-2"}
    answer = adm.post("/admin/accounts", data=other, follow_redirects=True)
    assert str(answer.url).endswith("/admin/accounts") and "Đã đặt lại" in text_of(answer)
    add_user(city.storage, "ana", ACCOUNTS["ana"][1], "city_analyst", [])  # as it was
    # their own: signed out (the sessions end), and the sign-in form says why
    own = {"csrf": csrf, "action": "password", "name": "adm2", "password": "admin-pass-23"}
    answer = adm.post("/admin/accounts", data=own, follow_redirects=True)
    said = text_of(answer)
    assert "/login" in str(answer.url), answer.url
    assert "Mật khẩu của bạn vừa được đổi. Hãy đăng nhập lại bằng mật khẩu mới." in said, said
    assert "hết hạn" not in said  # not "your session has expired"
    assert adm.get("/admin/accounts").status_code == 303  # signed out indeed
    # the new password signs in and goes back to the accounts page
    csrf = CSRF.search(answer.text).group(1)
    again = adm.post(
        "/login",
        data={"csrf": csrf, "user": "adm2", "password": "admin-pass-23", "next": "/admin/accounts"},
    )
    assert again.status_code == 303 and again.headers["location"] == "/admin/accounts"
    # in English too
    english = httpx.Client(base_url=city.url, timeout=30, cookies={"lang": "en"})
    said = text_of(english.get(str(answer.url).replace(city.url, "")))
    assert "Your password was changed. Sign in again with the new password." in said, said


def _sheets(client: httpx.Client, path: str) -> dict[str, list[str]]:
    """Each sheet's title and its line of filters (row 2) of a page's xlsx."""
    from openpyxl import load_workbook

    answer = client.get(path + ("&" if "?" in path else "?") + "export=xlsx")
    assert answer.status_code == 200, path
    book = load_workbook(io.BytesIO(answer.content))
    return {sheet.title: sheet["A2"].value for sheet in book.worksheets}


def a_village(off: httpx.Client) -> str:
    """A village of the official's list, as its filter offers it."""
    page = off.get(f"/communes/{NGOC_HA}").text
    options = page[page.index('<select name="village">') :]
    return html.unescape(re.search(r'<option value="([^"]+)"', options).group(1))


def log_rows(adm: httpx.Client) -> list[str]:
    """The export entries of the log, newest first, as read."""
    page = adm.get("/admin/audit?kind=export").text
    body = re.search(r'data-table="audit">(.*?)</table>', page, re.S).group(1)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.split("<tbody>")[-1], re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", r)).split()) for r in rows]


def test_each_filter_is_named_for_what_it_filters_on_its_own_sheet(city):
    adm = sign_in(city, "adm")
    new_code(adm)
    sheets = _sheets(adm, "/admin?q=may&state=active&code_state=unused")
    devices, codes, officers = (
        sheets["Thiết bị"],
        sheets["Mã đăng ký"],
        sheets["Khóa ký của công an"],
    )
    assert "Tìm máy (tên, mã, xã): «may»" in devices and "Tìm xã, phường" not in devices
    assert "Trạng thái: Đang hoạt động" in devices and "Mã đăng ký" not in devices
    assert "Mã đăng ký: Chưa dùng" in codes
    assert "Tìm máy" not in codes and "Trạng thái" not in codes
    assert "«may»" not in officers and "Chưa dùng" not in officers
    assert "Lập lúc" in officers  # the time it was made stays on every sheet
    adm.cookies.set("lang", "en")
    english = _sheets(adm, "/admin?q=may&code_state=unused")
    assert "Find a laptop (name, id, commune): «may»" in english["Devices"]
    assert "Find a commune" not in english["Devices"]
    assert "«may»" not in english["Enrolment codes"]
    # an official's list filters: on the list's sheet only, not on the commune's figures
    off = sign_in(city, "off")
    village = a_village(off)
    query = f"/communes/{NGOC_HA}?village={village.replace(' ', '+')}&wait=le90"
    sheets = _sheets(off, query)
    listed = next(v for k, v in sheets.items() if k.startswith("Chưa rút tiền"))
    assert f"Thôn / Tổ dân phố: {village}" in listed and "Tiền vào trong 90 ngày qua" in listed
    assert "Thôn / Tổ dân phố:" not in sheets["Chỉ số chính"]
    assert "Kỳ:" in sheets["Chỉ số chính"] and "Kỳ:" in listed  # the months: every sheet


def test_the_log_of_a_list_export_names_its_filters(city):
    off = sign_in(city, "off")
    village = a_village(off)
    path = f"/communes/{NGOC_HA}?village={village.replace(' ', '+')}&wait=gt90&export=pdf"
    assert off.get(path).content.startswith(b"%PDF")
    adm = sign_in(city, "adm")
    entry = log_rows(adm)[0]
    assert (
        "off tải tệp PDF của trang của một xã, phường (Phường Ngọc Hà)" in entry
        and f"Thôn / Tổ dân phố: {village}, Số ngày chờ: Chờ hơn 90 ngày" in entry
    ), entry
    adm.cookies.set("lang", "en")
    entry = log_rows(adm)[0]
    assert f"Village: {village}, Days waiting: Waiting over 90 days" in entry, entry
    # an export without filters names none
    assert off.get(f"/communes/{NGOC_HA}?export=xlsx").status_code == 200
    adm.cookies.set("lang", "vi")
    newest = log_rows(adm)[0]
    assert "tải tệp XLSX" in newest and "Thôn / Tổ dân phố" not in newest, newest


def test_an_id_number_typed_into_a_search_box_is_masked_in_the_export_log(city):
    """ID numbers never reach a log: one typed into the communes page's search box and then
    exported is kept masked in the log's record of the export (its stored detail)."""
    off = sign_in(city, "off")
    for typed in ("001234567890", "001 234 567 890"):
        query = "/communes?q=" + typed.replace(" ", "+") + "&export=xlsx"
        assert off.get(query).status_code == 200
    entries, _ = city.storage.dash_audit_page(None, "export", None, None, 10, 0)
    searched = [e["detail"]["filters"].get("q") for e in entries[:2]]
    assert searched == ["001*******90", "001*******90"], searched


def test_an_admin_makes_codes_for_several_laptops_in_one_go(city):
    """The tryout's admin with 1,306 laptops made one code per form. Up to 50 come from one
    form, each with its own reference and log entry, every one usable; more are refused."""
    adm = sign_in(city, "adm")
    storage = city.storage
    before = len(storage.dash_enrollment_codes())
    logged = len(storage.dash_audit_page(None, "enrollment_code", None, None, 500, 0)[0])
    page = adm.get("/admin").text
    assert 'name="count"' in page and "Số mã (mỗi máy một mã)" in page
    csrf = CSRF.search(page).group(1)
    for bad in ("0", "51", "mười", ""):
        refused = adm.post(
            "/admin/codes", data={"csrf": csrf, "communes": NGOC_HA, "days": "7", "count": bad}
        )
        assert refused.status_code == 400
        assert "Số mã phải là số nguyên từ 1 đến 50" in text_of(refused)
        assert "Chưa có mã đăng ký nào được tạo" in text_of(refused)
    assert len(storage.dash_enrollment_codes()) == before

    made = adm.post(
        "/admin/codes", data={"csrf": csrf, "communes": NGOC_HA, "days": "7", "count": "12"}
    )
    assert made.status_code == 303
    shown = adm.get("/admin")
    codes = re.findall(r'<code class="code">([A-Z0-9-]{19})</code>', shown.text)
    refs = re.findall(r'<td class="ref">([0-9a-f]{8})</td>', shown.text)
    assert len(set(codes)) == 12 and len(set(refs)) == 12
    assert "12 mã đăng ký mới (chỉ hiện một lần" in text_of(shown)
    assert "Phường Ngọc Hà" in text_of(shown).split("12 mã đăng ký mới")[1][:200]
    assert len(storage.dash_enrollment_codes()) == before + 12
    entries = storage.dash_audit_page(None, "enrollment_code", None, None, 500, 0)[0]
    assert len(entries) == logged + 12
    assert {e["detail"]["ref"][:8] for e in entries[:12]} == set(refs)
    assert not set(codes) & set(adm.get("/admin").text.split())  # shown once only

    # they are real codes: the first and the last enrol a laptop each
    from city_server.enrollment import hash_secret, normalize_code

    hashes = {c["code_hash"]: c for c in storage.dash_enrollment_codes()}
    assert all(hashes[hash_secret(normalize_code(c))]["used_at"] is None for c in codes)
    with httpx.Client(base_url=city.url, timeout=30) as http:
        laptops = [Laptop(http, f"máy {i}").enroll(codes[i]) for i in (0, 11)]
    assert laptops[0].device_id != laptops[1].device_id

    adm.get("/lang/en")
    english = adm.post(
        "/admin/codes", data={"csrf": csrf, "communes": NGOC_HA, "days": "7", "count": "2"}
    )
    assert english.status_code == 303
    assert "2 new enrolment codes (shown once" in text_of(adm.get("/admin"))
    adm.get("/lang/vi")


def test_communes_are_typed_by_name_or_picked_from_the_list(city):
    """The tryout's admin did not know Ngọc Hà is 00008: the commune fields take a name, with
    or without accents, or a suggestion of the list, as well as codes."""
    from desktop_app.core.admin_units import _communes_by_name, hanoi_communes

    assert len(_communes_by_name()) == 2 * len(hanoi_communes())  # no name names two communes
    adm = sign_in(city, "adm")
    storage = city.storage
    page = adm.get("/admin").text
    assert 'list="hanoi-communes"' in page
    options = re.findall(r'<option value="([^"]+ \(\d{5}\))">', page)
    assert len(options) == 126 and "Phường Hoàn Kiếm (00070)" in options
    assert options.index("Phường Ba Đình (00004)") < options.index("Xã Đông Anh (00454)")

    def made_for(typed: str) -> list[str]:
        csrf = CSRF.search(adm.get("/admin").text).group(1)
        answer = adm.post("/admin/codes", data={"csrf": csrf, "communes": typed, "days": "7"})
        assert answer.status_code == 303, text_of(answer)
        ref = re.search(r'<strong class="ref">([0-9a-f]{8})</strong>', adm.get("/admin").text)[1]
        [code] = [c for c in storage.dash_enrollment_codes() if c["code_hash"].startswith(ref)]
        return code["communes"]

    assert made_for("hoan kiem") == ["00070"]
    assert made_for("Phường Ngọc Hà (00008)") == [NGOC_HA]
    assert made_for("phuong ba dinh; Hoàn Kiếm") == ["00004", "00070"]
    assert made_for("00070 00004") == ["00004", "00070"]

    before = len(storage.dash_enrollment_codes())
    csrf = CSRF.search(adm.get("/admin").text).group(1)
    wrong = adm.post(
        "/admin/codes", data={"csrf": csrf, "communes": "Hoan Kim, 99999", "days": "7"}
    )
    assert wrong.status_code == 400
    assert "Không có xã, phường «Hoan Kim», mã 99999 trong danh mục" in text_of(wrong)
    assert "Hãy kiểm tra lại tên hoặc mã" in text_of(wrong)
    assert 'value="Hoan Kim, 99999"' in wrong.text  # kept, to be corrected
    adm.get("/lang/en")
    english = adm.post("/admin/codes", data={"csrf": csrf, "communes": "Hoan Kim", "days": "7"})
    assert "There is no Hà Nội commune named “Hoan Kim” in" in text_of(english)
    adm.get("/lang/vi")
    assert len(storage.dash_enrollment_codes()) == before

    # an official's communes, by name, when the account is added and changed
    accounts = adm.get("/admin/accounts").text
    assert 'list="hanoi-communes"' in accounts and "Phường Hoàn Kiếm (00070)" in accounts
    csrf = CSRF.search(accounts).group(1)
    added = adm.post(
        "/admin/accounts",
        data={"csrf": csrf, "action": "add", "name": "can.bo.hk", "role": "commune_official",
              "communes": "hoàn kiếm", "password": "can-bo-hk-2026"},
    )  # fmt: skip
    assert added.status_code == 303, text_of(added)
    assert storage.dash_user("can.bo.hk")["communes"] == ["00070"]
    changed = adm.post(
        "/admin/accounts",
        data={"csrf": csrf, "action": "communes", "name": "can.bo.hk",
              "communes": "Phường Hoàn Kiếm (00070), ngoc ha"},
    )  # fmt: skip
    assert changed.status_code == 303, text_of(changed)
    assert sorted(storage.dash_user("can.bo.hk")["communes"]) == [NGOC_HA, "00070"]


def test_codes_say_how_to_use_them_and_a_refused_account_keeps_what_was_typed(city):
    """The eighth tryout: the printed codes had no server address or steps, and an account
    refused for a misspelled ward came back with every field blank."""
    adm = sign_in(city, "adm")
    csrf = CSRF.search(adm.get("/admin").text).group(1)
    for count in ("1", "3"):
        made = adm.post(
            "/admin/codes", data={"csrf": csrf, "communes": NGOC_HA, "days": "7", "count": count}
        )
        assert made.status_code == 303
        shown = text_of(adm.get("/admin"))
        assert f"nhập địa chỉ máy chủ {city.url} và một mã" in shown, count
        assert "Mỗi mã dùng cho một máy, một lần" in shown
    accounts = adm.get("/admin/accounts").text
    csrf = CSRF.search(accounts).group(1)
    refused = adm.post(
        "/admin/accounts",
        data={"csrf": csrf, "action": "add", "name": "le.thi.hoa", "role": "commune_official",
              "communes": "ngoc haa", "password": "mat-khau-dai-2026"},
    )  # fmt: skip
    assert refused.status_code == 400 and "«ngoc haa»" in text_of(refused)
    page = refused.text
    assert 'name="name"' in page and 'value="le.thi.hoa"' in page
    assert re.search(r'<option value="commune_official" selected>', page)
    assert 'value="ngoc haa"' in page
    assert "mat-khau-dai-2026" not in page  # never the password
    assert city.storage.dash_user("le.thi.hoa") is None


def test_an_enrolment_is_in_the_log_with_the_code_it_used(city):
    """The eighth tryout: laptops' enrolments did not appear in the log, so which laptop used
    which code was only on the codes list."""
    from city_server.dashboard.pages import audit_sentence
    from city_server.enrollment import create_enrollment_code, hash_secret, normalize_code

    adm = sign_in(city, "adm")
    plain = create_enrollment_code(city.storage, [NGOC_HA])
    with httpx.Client(base_url=city.url, timeout=30) as http:
        laptop = Laptop(http, "Máy tổ 9 «Ngọc Hà»").enroll(plain)
    entries, _ = city.storage.dash_audit_page(None, "device_enrolled", None, None, 50, 0)
    [entry] = [e for e in entries if e["detail"]["device"] == laptop.device_id]
    sentence = audit_sentence(entry, "vi", {})
    assert sentence.startswith("Máy «Máy tổ 9 «Ngọc Hà»» (mã máy " + laptop.device_id[:8])
    assert "đăng ký cho Phường Ngọc Hà" in sentence
    assert hash_secret(normalize_code(plain))[:8] in sentence  # the code's reference
    assert "The laptop “Máy tổ 9" in audit_sentence(entry, "en", {})
    log = text_of(adm.get("/admin/audit?action=device_enrolled"))
    assert "Máy đăng ký" in log and laptop.device_id[:8] in log


def test_the_admin_pages_downloads_say_what_they_hold(city):
    """The eighth tryout: "Tải Excel · Tải PDF" between the code form and the devices read as a
    download of either. They now stand under the title and say what the files hold; the xlsx
    holds those three lists."""
    from openpyxl import load_workbook

    admin = sign_in(city, "adm")
    text = html.unescape(admin.get("/admin").text)
    exports = re.search(r'<p class="exports">(.*?)</p>', text, re.S).group(1)
    assert "Danh sách thiết bị, mã đăng ký và khoá của công an" in exports
    assert "export=xlsx" in exports and "export=pdf" in exports
    assert text.index('<p class="exports">') < text.index('id="new-code"')
    sheets = load_workbook(io.BytesIO(admin.get("/admin?export=xlsx").content)).worksheets
    assert len(sheets) == 3
