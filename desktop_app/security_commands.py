"""Headless subcommands of issue 12: search (as the household list), officer key enrolment,
re-keying the database."""

from __future__ import annotations

import json
import sys

from desktop_app.cli import EXIT_ERROR, EXIT_OK, command, register_commands


def _register(sub) -> None:
    s = sub.add_parser(
        "search",
        help="tìm hộ như danh sách hộ (số định danh bị che như trên màn hình) / "
        "find households as the household list does (ID numbers masked as on screen)",
    )
    s.add_argument("query", help="tên, địa chỉ, số điện thoại hoặc số định danh đầy đủ")
    s.add_argument("--json", action="store_true", help="print the result as JSON")
    s.add_argument("--limit", type=int, default=100, help="at most this many households (1-1000)")

    o = sub.add_parser(
        "officer-enroll",
        help="đăng ký khoá ký của cán bộ công an với máy chủ / register a police officer's "
        "signing key with the city server",
    )
    o.add_argument("--code", required=True, help="mã đăng ký cán bộ / the officer code")

    r = sub.add_parser(
        "rotate-key",
        help="đổi khoá cơ sở dữ liệu (khi lộ mật khẩu) / re-key the database (a leaked password)",
    )
    r.add_argument(
        "--reason",
        default="password_leaked",
        choices=["password_leaked", "routine"],
        help="lý do ghi vào nhật ký / the reason written to the audit log",
    )


register_commands(_register)


@command("search")
def _search(args, ctx) -> int:
    from desktop_app.core.errors import KnownError

    if not 1 <= args.limit <= 1000:
        raise KnownError("--limit phải từ 1 đến 1000.", "--limit must be 1 to 1000.")
    store = ctx.open_store()
    try:
        rows = store.search_households(args.query, limit=args.limit)
        # members as the household screen shows them: ID numbers masked for every role (the
        # screen shows a full number only on "Hiện số đầy đủ", which is audited)
        from desktop_app.core.citizen_id import mask_citizen_id

        for row in rows:
            row.pop("sort_key", None)  # the list's internal order key, no use to a reader
            detail = store.household(row["id"])
            row["members"] = [
                {
                    "person_id": m["id"],
                    "full_name": m["full_name"],
                    "birth_year": m.get("birth_year"),
                    "citizen_id": mask_citizen_id(m["citizen_id"])
                    if m.get("citizen_id") and "*" not in m["citizen_id"]
                    else m.get("citizen_id"),
                }
                for m in detail["members"]
            ]
    finally:
        store.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        ctx.say("Không tìm thấy hộ nào.", "No household found.")
    for row in rows:
        people = ", ".join(
            m["full_name"] + (f" ({m['citizen_id']})" if m["citizen_id"] else "")
            for m in row["members"]
        )
        print(f"{row['head_name']} | {row['address']} | {row['village']} | {people}")
    return EXIT_OK


@command("officer-enroll")
def _officer_enroll(args, ctx) -> int:
    from desktop_app.sync.officers import enroll_officer

    password = ctx.password()
    store = ctx.open_store(password=password)
    try:
        cert = enroll_officer(store, password, args.code)
    finally:
        store.close()
    ctx.say(
        f"Đã đăng ký khoá ký của cán bộ {cert['officer']} cho xã {', '.join(cert['communes'])}."
        " Nếu ứng dụng đang mở với tài khoản này, hãy khoá máy (Ctrl+L) rồi mở lại bằng mật khẩu"
        " để dùng khoá.",
        f"Registered the signing key of officer {cert['officer']} for commune(s) "
        f"{', '.join(cert['communes'])}. If the app is open as this officer, lock it (Ctrl+L)"
        " and unlock it with the password to use the key.",
    )
    return EXIT_OK


@command("rotate-key")
def _rotate_key(args, ctx) -> int:
    store = ctx.open_store()
    try:
        left_out = store.rotate_database_key(args.reason)
    finally:
        store.close()
    ctx.say("Đã đổi khoá cơ sở dữ liệu.", "The database key was replaced.")
    if left_out:
        names = ", ".join(left_out)
        print(
            f"Cần đặt lại mật khẩu cho: {names}"
            if ctx.lang != "en"
            else f"These users need a new password: {names}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    return EXIT_OK


def _period(text: str, flag: str) -> str:
    from desktop_app.core.errors import KnownError

    ok = len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit()
    if not ok or not 1 <= int(text[5:]) <= 12 or not 2000 <= int(text[:4]) <= 2100:
        raise KnownError(
            f"{flag} phải có dạng NĂM-THÁNG, ví dụ 2026-05 (nhận được «{text}»).",
            f"{flag} must be YEAR-MONTH, for example 2026-05 (got “{text}”).",
        )
    return text


def check_report_args(args) -> None:
    """Refuse a bad ``report`` period or output path with one clear message."""
    from desktop_app.core.errors import KnownError

    start = _period(args.period, "--period")
    end = _period(args.to, "--to") if args.to else start
    if end < start:
        raise KnownError(
            f"--to ({end}) đứng trước --period ({start}).",
            f"--to ({end}) is before --period ({start}).",
        )
    out = args.out
    if out.is_dir():
        raise KnownError(
            f"--out là một thư mục ({out}); hãy cho tên tệp, ví dụ {out / 'bao-cao.xlsx'}.",
            f"--out is a folder ({out}); give a file name, for example {out / 'report.xlsx'}.",
        )
    if not out.parent.is_dir():
        raise KnownError(
            f"Thư mục {out.parent} không tồn tại.", f"The folder {out.parent} does not exist."
        )
