"""The dashboard's subcommands of ``python -m city_server`` (added to city_server/cli.py):

- ``user add NAME --role ROLE [--commune CODE …]``: password from ``TANTAY_PASSWORD`` or a prompt.
- ``report --period YYYY-MM [--to YYYY-MM] [--commune CODE] --format json|xlsx|pdf --out FILE``:
  the laptop's report (same code, same JSON) from the server's records; without ``--commune``,
  every commune's (one commune's rows in memory at a time; no per-payment "Dữ liệu" sheet).
- ``demo-data --communes N --beneficiaries N --months N``: made-up data through the intake path.
- ``dashboard-refresh [--all]``: compute marked (or, with ``--all``, every) cells now.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any


def _communes(text: str) -> list[str]:
    """Communes by name or code, as ``enrollment-code`` and the admin page take them."""
    from city_server.cli import _commune_list

    return _commune_list(text)


def _one_commune(text: str) -> str:
    codes = _communes(text)
    if len(codes) != 1:
        raise argparse.ArgumentTypeError(
            f"one commune, not {len(codes)}: {text!r} / một xã, phường, không phải {len(codes)}"
        )
    return codes[0]


def existing_db(text: str) -> str:
    """A PostgreSQL URL, or a SQLite file that exists (these commands never create one)."""
    from city_server.storage import is_postgres_url

    if not is_postgres_url(text) and not Path(text).is_file():
        raise argparse.ArgumentTypeError(
            f"no database file {text!r}: check the name (the server creates it on its first"
            f" start, serve; a demo: demo-data) / không có tệp cơ sở dữ liệu {text!r}: kiểm tra"
            " lại tên tệp (máy chủ tạo tệp khi chạy lần đầu, lệnh serve)"
        )
    return text


def _period(text: str) -> str:
    from desktop_app.core.payment_metrics import parse_period

    try:
        parse_period(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return text


def add_parsers(sub: Any) -> None:
    """Add the dashboard's subcommands to the server's parser."""

    def with_db(parser: argparse.ArgumentParser, create: bool = False) -> argparse.ArgumentParser:
        # only demo-data may make a new database: a mistyped --db for "user add" would
        # otherwise put the account into a new empty file the server never reads
        parser.add_argument("--db", required=True, type=None if create else existing_db)
        parser.add_argument("--keys", help="the server's key file (PostgreSQL needs it)")
        return parser

    user = sub.add_parser("user", help="dashboard accounts")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = with_db(user_sub.add_parser("add", help="add a dashboard account (or reset one)"))
    add.add_argument(
        "--reset",
        action="store_true",
        help="the account exists: set its password, role and communes anew",
    )
    add.add_argument(
        "name", help="the login name: letters a-z, digits, dot, dash, underscore (1-60)"
    )
    add.add_argument(
        "--role", required=True, choices=("city_admin", "city_analyst", "commune_official")
    )
    add.add_argument(
        "--commune",
        type=_communes,
        action="extend",
        nargs="+",
        default=[],
        metavar="COMMUNE",
        help='names or 5-digit codes: --commune 00008 00070, --commune "Ngọc Hà, Hoàn Kiếm"',
    )

    report = with_db(sub.add_parser("report", help="the payment-access report from the server"))
    report.add_argument("--period", required=True, type=_period)
    report.add_argument("--to", type=_period)
    report.add_argument(
        "--commune", type=_one_commune, help="the commune: its name or 5-digit code"
    )
    report.add_argument("--format", required=True, choices=("json", "xlsx", "pdf"))
    report.add_argument("--out", required=True, type=Path)
    report.add_argument("--lang", choices=("vi", "en"), default="vi")

    demo = with_db(
        sub.add_parser("demo-data", help="made-up city data via the intake path"), create=True
    )
    demo.add_argument("--communes", type=int, default=126)
    demo.add_argument("--commune", type=_communes, action="append", default=[])
    demo.add_argument("--beneficiaries", type=int, default=300_000)
    demo.add_argument("--months", type=int, default=24)
    demo.add_argument("--seed", type=int, default=14)

    refresh = with_db(sub.add_parser("dashboard-refresh", help="compute dashboard cells now"))
    refresh.add_argument("--all", action="store_true", help="every commune, not only marked ones")


def run(args: argparse.Namespace, storage: Any) -> int:
    if args.command == "user":
        return _user_add(args, storage)
    if args.command == "report":
        return _report(args, storage)
    if args.command == "demo-data":
        from city_server.dashboard.demo import build_demo

        # chosen by name or code (the ninth tryout could only take the first N of the list)
        codes = list(dict.fromkeys(c for group in args.commune for c in group)) or None
        count = len(codes) if codes else args.communes
        if count < 1 or args.beneficiaries < count or args.months < 1:
            print(
                "cần --communes ≥ 1, --beneficiaries ≥ số xã, phường, --months ≥ 1\n"
                "need --communes ≥ 1, --beneficiaries ≥ the communes, --months ≥ 1",
                file=sys.stderr,
            )
            return 2
        from desktop_app.core.cli_text import OneLineParser
        from desktop_app.core.errors import KnownError

        try:
            summary = build_demo(
                storage, count, args.beneficiaries, args.months, seed=args.seed, codes=codes
            )
        except KnownError as exc:  # a seed this database has: refused before any write
            print(exc.message(OneLineParser.lang), file=sys.stderr)
            return 2
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    from city_server.dashboard.cells import rebuild_all, refresh

    done = rebuild_all(storage) if args.all else refresh(storage)
    print(json.dumps({"communes_refreshed": done}))
    return 0


def _user_add(args: argparse.Namespace, storage: Any) -> int:
    from city_server.dashboard.auth import add_user, audit_command_line, explain, same_name

    # each --commune value is a list (names or codes, comma-separated): one list, each once
    args.commune = list(dict.fromkeys(c for group in args.commune for c in group))
    existing = same_name(storage, args.name.strip())
    before = storage.dash_user(existing) if existing else None
    if before is not None and not args.reset:
        print(
            f"đã có tài khoản {existing!r} ({before['role']}): không thay đổi gì; thêm --reset"
            " để đặt lại mật khẩu, vai trò và xã, phường\n"
            f"there is already an account {existing!r} ({before['role']}): nothing changed;"
            " add --reset to set its password, role and communes anew",
            file=sys.stderr,
        )
        return 2
    password = os.environ.get("TANTAY_PASSWORD")
    if password is None:
        try:
            password = getpass.getpass("Mật khẩu / Password: ")
            again = getpass.getpass("Nhập lại / Again: ")
        except (EOFError, OSError):  # no terminal to ask on (a pipe): say how, no traceback
            print(
                "không hỏi được mật khẩu (không có cửa sổ lệnh): đặt biến TANTAY_PASSWORD\n"
                "cannot ask for the password (no terminal): set TANTAY_PASSWORD",
                file=sys.stderr,
            )
            return 2
        if again != password:
            print("hai mật khẩu khác nhau / the two passwords differ", file=sys.stderr)
            return 1
    try:
        name = add_user(storage, args.name, password, args.role, args.commune)
    except ValueError as exc:  # Vietnamese first, in the command line's words
        print(explain(exc, "vi", cli=True), file=sys.stderr)
        print(explain(exc, "en", cli=True), file=sys.stderr)
        return 2
    communes = sorted(set(args.commune))

    def held(codes: list[str]) -> str:  # "00025 (Phường Giảng Võ)": the name was checked
        from city_server.dashboard.pages import commune_name

        return " ".join(f"{c} ({commune_name(c)})" for c in codes)

    if before is None:
        audit_command_line(storage, "account_added", account=name, role=args.role)
        print(f"{name}: {args.role} {held(communes)}".rstrip())
        return 0
    audit_command_line(storage, "password_reset", account=name)
    if before["role"] != args.role:
        audit_command_line(storage, "account_role", account=name, role=args.role)
    if sorted(before.get("communes") or []) != communes:
        audit_command_line(
            storage, "account_communes", account=name, before=before.get("communes"),
            communes=communes,
        )  # fmt: skip
    was = f"{before['role']} {held(before.get('communes') or [])}".rstrip()
    now = f"{args.role} {held(communes)}".rstrip()
    print(f"{name}: password reset; {was}" + (f" → {now}" if was != now else ""))
    return 0


def _report(args: argparse.Namespace, storage: Any) -> int:
    from city_server.dashboard.cells import build_report, city_report
    from desktop_app.core.report_export import export_pdf, export_xlsx, report_to_json

    period_to = args.to or args.period
    if period_to < args.period:
        print("--to is before --period", file=sys.stderr)
        return 2
    if args.commune:
        report = build_report(storage, args.commune, args.period, period_to)
    else:  # the whole city, one commune's rows in memory at a time
        report = city_report(storage, args.period, period_to, date.today())
    if args.format == "json":
        text = json.dumps(report_to_json(report), ensure_ascii=False, indent=1)
        tmp = args.out.with_name(args.out.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(args.out)
    else:
        from city_server.dashboard.pages import commune_name

        city = "Hà Nội" if args.lang == "en" else "Thành phố Hà Nội"
        place = commune_name(args.commune) if args.commune else city
        writer = export_xlsx if args.format == "xlsx" else export_pdf
        writer(report, args.out, lang=args.lang, place=place)
    print(args.out)
    return 0
