"""Command line of the city server (argparse): serve, init-keys, enrollment-code, stats,
revoke-device, gaps, import-bundle, officer keys, audit-verify."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import sys
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from city_server.enrollment import CODE_VALID_DAYS, create_enrollment_code
from city_server.storage import Device, Storage, is_postgres_url, open_storage
from desktop_app.core.cli_text import OneLineParser, count_en
from desktop_app.core.errors import KnownError
from desktop_app.core.protocol import is_commune_code


def _commune_list(text: str) -> list[str]:
    """Communes by code or by name, as the admin page takes them ("00008", "ngoc ha",
    "Phường Ngọc Hà, Hoàn Kiếm"); a name that is no Hà Nội commune is refused here."""
    from city_server.dashboard.auth import parse_communes, unknown_communes

    codes = parse_communes(text)
    names = [c for c in codes if c.startswith("«")]
    bad = [c for c in codes if not c.startswith("«") and not is_commune_code(c)]
    if not codes or names or bad:
        shown = names + bad or [f"«{text}»"]
        raise argparse.ArgumentTypeError(
            f"there is no Hà Nội commune {unknown_communes(shown, 'en')} (give its name or its"
            f" 5-digit code) / không có xã, phường {unknown_communes(shown, 'vi')} (hãy gõ tên"
            " hoặc mã 5 chữ số)"
        )
    return codes


MAX_CODES = 500  # codes per command: a district's laptops in one go


def _code_count(text: str) -> int:
    if not (text.strip().isdigit() and 1 <= int(text) <= MAX_CODES):
        raise argparse.ArgumentTypeError(
            f"a whole number from 1 to {MAX_CODES}, not {text!r} / số nguyên từ 1 đến {MAX_CODES}"
        )
    return int(text)


def _valid_days(text: str) -> int:
    if not (text.strip().isdigit() and 1 <= int(text) <= 30):
        raise argparse.ArgumentTypeError(
            f"whole days from 1 to 30, not {text!r} / số ngày nguyên từ 1 đến 30"
        )
    return int(text)


# The columns of ``enrollment-code --csv``, in the command line's language (the ninth tryout:
# English headings in a file for commune teams).
CODE_COLUMNS = {
    "vi": ["Mã đăng ký", "Mã tham chiếu", "Mã xã, phường", "Xã, phường", "Hiệu lực đến"],
    "en": ["Code", "Reference", "Commune codes", "Communes", "Valid until"],
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (one subcommand per operator task). Only ``serve`` (and the
    dashboard's ``demo-data``) make a new SQLite database: a mistyped ``--db`` elsewhere would
    put codes or accounts into a file the server never reads (the eighth tryout)."""
    from city_server.dashboard.cli import existing_db

    parser = OneLineParser(prog="python -m city_server", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP server (uvicorn)")
    serve.add_argument(
        "--db",
        required=True,
        help="SQLite database file (created if missing) or postgresql://USER@HOST/DATABASE",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (PostgreSQL only; SQLite has one writer, so one process)",
    )
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a reverse proxy whose X-Forwarded-For is believed (repeat for several)",
    )

    code = sub.add_parser("enrollment-code", help="print one-time enrolment codes (one per laptop)")
    code.add_argument("--db", required=True, type=existing_db)
    group = code.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--commune", type=_commune_list, help="the commune: its name or 5-digit code"
    )
    group.add_argument(
        "--communes", type=_commune_list, help="several, comma-separated (names or codes)"
    )
    code.add_argument(
        "--valid-days",
        type=_valid_days,
        default=CODE_VALID_DAYS,
        help=f"whole days, 1-30 (default {CODE_VALID_DAYS}), as on the admin page",
    )
    code.add_argument(
        "--count",
        type=_code_count,
        default=1,
        help=f"how many codes, 1-{MAX_CODES} (default 1): each enrols one laptop",
    )
    code.add_argument(
        "--csv",
        metavar="FILE",
        help="write the codes to this new file (CSV, readable by its owner only) instead of"
        " printing them: code, reference, commune codes, communes, valid until; a name ending"
        " in .xlsx writes an Excel workbook",
    )

    stats = sub.add_parser("stats", help="print counts as JSON")
    stats.add_argument("--db", required=True, type=existing_db)

    revoke = sub.add_parser("revoke-device", help="stop a device from syncing")
    revoke.add_argument("--db", required=True, type=existing_db)
    revoke.add_argument("device_id")

    gaps = sub.add_parser("gaps", help="print missing sequence ranges per device as JSON")
    gaps.add_argument("--db", required=True, type=existing_db)
    gaps.add_argument("device_id", nargs="?")

    imp = sub.add_parser(
        "import-bundle", help="import USB bundles (.ttb); print the path of each receipt bundle"
    )
    imp.add_argument(
        "file",
        nargs="+",
        help="the bundle files from the laptops (* allowed, e.g. E:\\tantay-*.ttb), all in one"
        " command so that each receipt also brings back the other laptops' changes",
    )
    imp.add_argument("--db", required=True, type=existing_db)
    imp.add_argument(
        "--receipt-out", help="folder for the receipt bundle (default: the bundle's folder)"
    )
    ocode = sub.add_parser("officer-code", help="print a one-time police officer key code")
    ocode.add_argument("--db", required=True, type=existing_db)
    ogroup = ocode.add_mutually_exclusive_group(required=True)
    ogroup.add_argument(
        "--commune", type=_commune_list, help="the commune: its name or 5-digit code"
    )
    ogroup.add_argument(
        "--communes", type=_commune_list, help="several, comma-separated (names or codes)"
    )

    olist = sub.add_parser("officers", help="list registered police officer keys as JSON")
    olist.add_argument("--db", required=True, type=existing_db)

    orevoke = sub.add_parser("revoke-officer", help="revoke a police officer's signing key")
    orevoke.add_argument("--db", required=True, type=existing_db)
    orevoke.add_argument("public_key")

    averify = sub.add_parser(
        "audit-verify", help="check every device's anchored audit-chain heads (exit 1 if not)"
    )
    averify.add_argument("--db", required=True, type=existing_db)

    fprint = sub.add_parser(
        "fingerprint",
        help="print the server key's fingerprint, to compare with the one a laptop shows",
    )
    fprint.add_argument("--db", required=True, type=existing_db)

    advance = sub.add_parser(
        "advance-feed",
        help="after a restore or failover: new feed positions start past any a laptop has seen",
    )
    advance.add_argument("--db", required=True, type=existing_db)
    advance.add_argument("--by", type=int, default=1_000_000_000, help="default: 1,000,000,000")

    # The server's private keys live in a key file (city_server.keys), never in the database.
    for command in sub.choices.values():
        command.add_argument(
            "--keys",
            metavar="FILE",
            help="the server's key file (init-keys); default: beside a SQLite database; with"
            " PostgreSQL required by the commands that sign (serve, import-bundle, fingerprint)",
        )
    init = sub.add_parser(
        "init-keys", help="create the server's key file (mode 0600); never overwrites one"
    )
    init.add_argument("file", help="where to write it, e.g. /etc/tantay/server-keys.json")
    from city_server.dashboard.cli import add_parsers as add_dashboard_parsers

    add_dashboard_parsers(sub)  # user add, report, demo-data, dashboard-refresh (issue 14)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; returns the process exit code."""
    from city_server.cli_help import EXAMPLES, HELP
    from desktop_app.core.cli_text import early_lang, localize_parser

    parser = build_parser()
    OneLineParser.lang = early_lang(argv)  # usage errors in the same language as the help
    localize_parser(parser, OneLineParser.lang, HELP, EXAMPLES)  # Vietnamese, or TANTAY_LANG=en
    args = parser.parse_args(argv)
    if args.command == "init-keys":
        return _init_keys(args.file)
    if args.command == "serve" and args.workers < 1:
        print("--workers must be at least 1", file=sys.stderr)
        return 2
    if args.command == "serve" and args.workers > 1 and not is_postgres_url(args.db):
        print(
            "--workers > 1 needs PostgreSQL: a SQLite database has one writer, so it is served"
            " by one process (--workers 1).\n"
            "--workers > 1 cần PostgreSQL: SQLite chỉ có một tiến trình ghi.",
            file=sys.stderr,
        )
        return 2
    try:
        storage = open_storage(args.db, getattr(args, "keys", None))
        if args.command == "serve":
            keys = storage.server_keys()  # a missing, unreadable or wrong key file stops it
            from city_server.keys import fingerprint_of

            print(
                f"dấu vân tay khoá máy chủ {fingerprint_of(keys.sign_public_b64)} (máy tính"
                " xã hiện số này khi đăng ký)\nserver key fingerprint"
                f" {fingerprint_of(keys.sign_public_b64)} (laptops show it at enrolment)",
                file=sys.stderr,
            )
            zone_warning = _time_zone_warning()
            if zone_warning:
                print(zone_warning, file=sys.stderr)
    except KnownError as exc:
        print(exc.message("vi"), file=sys.stderr)
        print(exc.message("en"), file=sys.stderr)
        return 2
    try:
        return _run(args, storage)
    finally:
        storage.close()


def _time_zone_warning(now: datetime | None = None) -> str:
    """A warning when this machine's clock is not on Hà Nội time: the dashboard's "today" (the
    days people have waited, the month not over yet, the day the previous period is judged on)
    is the machine's local date, as on the laptops; on UTC it is a day behind from 00:00 to
    07:00 in Hà Nội. "" when the local offset is +07:00."""
    now = now or datetime.now().astimezone()
    if now.utcoffset() == timedelta(hours=7):
        return ""
    return (
        f"warning: this machine's time zone is UTC{now.strftime('%z')}, not Hà Nội's (+0700):"
        " the dashboard counts days by the local date — set TZ=Asia/Ho_Chi_Minh"
        " (docs/DEPLOY.md). / Cảnh báo: múi giờ của máy chủ không phải giờ Hà Nội; đặt"
        " TZ=Asia/Ho_Chi_Minh."
    )


def _run(args: argparse.Namespace, storage: Storage) -> int:
    if args.command == "serve" and args.workers > 1:
        return _serve_workers(args, storage)
    if args.command == "serve":
        import uvicorn

        from city_server.app import create_app

        # proxy_headers off: the app itself believes X-Forwarded-For from --trusted-proxy only
        uvicorn.run(
            create_app(storage, trusted_proxies=args.trusted_proxy),
            host=args.host,
            port=args.port,
            log_level="info",
            proxy_headers=False,
        )
        return 0
    if args.command == "enrollment-code":
        return _enrollment_code(args, storage)
    if args.command == "stats":
        print(json.dumps(storage.stats(), ensure_ascii=False))
        return 0
    if args.command == "revoke-device":
        return _revoke_device(args, storage)
    if args.command == "gaps":
        devices = storage.list_devices()
        if args.device_id:
            named = _device_named(storage, args.device_id)
            if named is None:
                return 1
            devices = [d for d in devices if d.id == named.id]
        report = {
            d.id: {
                "name": d.name,
                "last_seq_seen": d.last_seq_seen,
                "gaps": [list(g) for g in storage.device_gaps(d.id)],
            }
            for d in devices
        }
        print(json.dumps(report, ensure_ascii=False))
        return 0
    if args.command == "import-bundle":
        return _import_bundle(args, storage)
    if args.command == "fingerprint":
        from city_server.keys import fingerprint_of

        print(fingerprint_of(storage.server_keys().sign_public_b64))
        return 0
    if args.command == "advance-feed":
        if args.by < 1:
            print("--by must be positive", file=sys.stderr)
            return 2
        print(f"the next change gets feed position {storage.advance_feed(args.by) + 1}")
        return 0
    if args.command in ("officer-code", "officers", "revoke-officer", "audit-verify"):
        return _officers(args, storage)
    if args.command in ("user", "report", "demo-data", "dashboard-refresh"):
        from city_server.dashboard.cli import run as run_dashboard

        return run_dashboard(args, storage)
    raise AssertionError(args.command)


def _enrollment_code(args: argparse.Namespace, storage: Storage) -> int:
    """One-time enrolment codes (``--count``, one per laptop), checked as the admin page checks
    one (communes of the reference list, 1-30 whole days), each written to the dashboard's audit
    log with its reference; printed, or written to a new CSV file (``--csv``)."""
    from city_server.dashboard.auth import audit_command_line, known_commune
    from city_server.dashboard.pages import code_label, code_ref, commune_name
    from city_server.enrollment import hash_secret, normalize_code

    communes = args.commune or args.communes
    unknown = [c for c in communes if not known_commune(c)]
    if unknown:
        print(
            f"unknown commune code: {', '.join(unknown)} (not in the reference list)\n"
            f"không có xã, phường mã {', '.join(unknown)} trong danh mục",
            file=sys.stderr,
        )
        return 2
    out = None
    # a name ending in .xlsx gets a workbook: a CSV's commas are one column in an Excel whose
    # list separator is ";" (Windows in Vietnamese); the workbook opens right in any
    workbook = bool(args.csv) and args.csv.lower().endswith(".xlsx")
    if args.csv:
        try:  # a new file only, its owner's alone: it holds working codes
            out = os.fdopen(
                os.open(args.csv, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600),
                "wb" if workbook else "w",
                **({} if workbook else {"encoding": "utf-8-sig", "newline": ""}),
            )  # utf-8-sig: Excel reads the CSV's Vietnamese names right
        except FileExistsError:
            print(
                f"{args.csv} exists already: choose another name (codes are never written over"
                f" a file)\ntệp {args.csv} đã có: hãy chọn tên khác (mã không bao giờ được ghi đè"
                " lên một tệp)",
                file=sys.stderr,
            )
            return 2
        except OSError as exc:
            print(
                f"cannot create {args.csv}: {exc.strerror} (does its folder exist?)\n"
                f"không tạo được tệp {args.csv}: {exc.strerror} (thư mục có chưa?)",
                file=sys.stderr,
            )
            return 2
    now = datetime.now(UTC)
    # in Hà Nội time whatever the machine's zone (the admin page's times are too)
    ends = (now + timedelta(days=args.valid_days)).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    until = ends.strftime("%Y-%m-%d %H:%M")
    names = "; ".join(commune_name(c) for c in sorted(set(communes)))
    labels = []
    with out if out is not None else contextlib.nullcontext():
        sheet: Any = None
        if workbook:
            sheet = _CodeBook()
        elif out is not None:
            sheet = csv.writer(out)
        if sheet is not None:
            sheet.writerow(CODE_COLUMNS["en" if OneLineParser.lang == "en" else "vi"])
        for _ in range(args.count):
            code = create_enrollment_code(storage, communes, args.valid_days, now)
            code_hash = hash_secret(normalize_code(code))
            audit_command_line(
                storage,
                "enrollment_code",
                communes=communes,
                days=args.valid_days,
                ref=code_ref(code_hash),
            )
            labels.append(code_label(code_hash))
            if sheet is not None:
                sheet.writerow(
                    [code, labels[-1], " ".join(sorted(set(communes))), names, f"{until} +07:00"]
                )
            else:
                print(code, flush=True)
        if out is not None:
            if workbook:
                sheet.save(out)
            out.flush()
            os.fsync(out.fileno())
    # Vietnamese first, naming the commune the code was made for: a name typed without its
    # tone marks ("Giảng Vỏ") finds its commune, and the operator sees which (the ninth tryout)
    if args.count == 1:
        print(
            f"mã cho {names}, mã tham chiếu {labels[0]} (trang quản trị), hiệu lực đến {until}"
            f" (giờ Hà Nội)\ncode for {names}, reference {labels[0]} (admin page), valid until"
            f" {until} (Hà Nội time)",
            file=sys.stderr,
        )
    else:
        where = f", in {args.csv}" if out is not None else ""
        where_vi = f", trong tệp {args.csv}" if out is not None else ""
        print(
            f"{args.count} mã cho {names}{where_vi}, hiệu lực đến {until} (giờ Hà Nội); mã tham chiếu"
            f" {labels[0]} … {labels[-1]} trên trang quản trị\n"
            f"{args.count} codes for {names}{where}, valid until {until} (Hà Nội time); references"
            f" {labels[0]} … {labels[-1]} on the admin page",
            file=sys.stderr,
        )
    return 0


class _CodeBook:
    """``enrollment-code --csv FILE.xlsx``: the codes as an Excel workbook, one sheet with the
    CSV's columns, headings bold, columns wide enough to read, every cell text (a code is never
    turned into a number or a date)."""

    def __init__(self) -> None:
        from openpyxl import Workbook

        self.book = Workbook()
        self.sheet = self.book.active
        self.sheet.title = "Mã đăng ký" if OneLineParser.lang != "en" else "Enrolment codes"

    def writerow(self, row: list[str]) -> None:
        from openpyxl.styles import Font

        self.sheet.append(row)
        for cell in self.sheet[self.sheet.max_row]:
            cell.number_format = "@"
            if self.sheet.max_row == 1:
                cell.font = Font(bold=True)

    def save(self, out: Any) -> None:
        for column in self.sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            self.sheet.column_dimensions[column[0].column_letter].width = min(60, width + 2)
        self.sheet.freeze_panes = "A2"
        self.book.save(out)


def _revoke_device(args: argparse.Namespace, storage: Storage) -> int:
    """Revoke a laptop (once: a second revoke says so), written to the dashboard's log."""
    from city_server.dashboard.auth import audit_command_line

    device = _device_named(storage, args.device_id)
    if device is None:
        return 1
    if device.revoked:
        print(f"Máy này đã bị thu hồi: {device.id} ({device.name})")
        print(f"already revoked: {device.id} ({device.name})")
        return 0
    storage.revoke_device(device.id, datetime.now(UTC).isoformat())
    audit_command_line(storage, "revoke_device", device=device.id, name=device.name)
    print(f"Đã thu hồi máy {device.id} ({device.name}): máy không đồng bộ được nữa.")
    print(f"revoked {device.id} ({device.name})")
    return 0


def _device_named(storage: Storage, named: str) -> Device | None:
    """The device with this id, or the only one whose id starts with it (8 characters at
    least, as the laptop's and the import's messages show it; the nineteenth tryout was told
    "revoke the device 8df4b740" and `revoke-device 8df4b740` answered "no such device").
    Says why on stderr when there is none."""
    device = storage.get_device(named)
    if device is not None:
        return device
    matches = (
        [d for d in storage.list_devices() if d.id.startswith(named.lower())]
        if len(named) >= 8
        else []
    )
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        print(
            f"Có {len(matches)} máy có mã bắt đầu bằng {named}: hãy gõ thêm ký tự của mã.",
            file=sys.stderr,
        )
        print(
            f"{len(matches)} devices have an id starting with {named}: type more of it.",
            file=sys.stderr,
        )
        return None
    print(
        f"Không có máy nào mã {named} (gõ đủ mã, hoặc ít nhất 8 ký tự đầu; danh sách máy: trang"
        " quản trị, mục Thiết bị).",
        file=sys.stderr,
    )
    print(
        f"no such device: {named} (type its id, or at least its first 8 characters; the devices"
        " are listed on the admin page)",
        file=sys.stderr,
    )
    return None


def _init_keys(path: str) -> int:
    from city_server.keys import init_keys

    try:
        keys = init_keys(path)
    except KnownError as exc:
        print(exc.message("en"), file=sys.stderr)
        print(exc.message("vi"), file=sys.stderr)
        return 1
    from city_server.keys import fingerprint_of

    fingerprint = fingerprint_of(keys.sign_public_b64)
    # Vietnamese first, as the other commands (the nineteenth tryout: English only)
    print(f"Đã ghi {path} (quyền 0600); khoá ký công khai {keys.sign_public_b64}")
    print(f"Dấu vân tay (máy tính xách tay hiện khi đăng ký): {fingerprint}")
    print(
        "Sao lưu tệp này riêng, không cùng chỗ với cơ sở dữ liệu; mất nó thì các máy không còn"
        " tin máy chủ được."
    )
    print(f"wrote {path} (mode 0600); signing public key {keys.sign_public_b64}")
    print(f"fingerprint (laptops show it at enrolment): {fingerprint}")
    print("back this file up apart from the database; without it laptops cannot trust the server")
    return 0


def _serve_workers(args: argparse.Namespace, storage: Storage) -> int:
    """uvicorn with ``--workers`` processes, each opening its own pool (app_from_env). The
    database is migrated and the key file read here first, once, so workers start clean."""
    import os
    import tempfile

    import uvicorn

    from city_server import app as app_module
    from city_server.metrics import MULTIPROC_ENV

    storage.close()
    os.environ[app_module.ENV_DB] = args.db
    os.environ[app_module.ENV_KEYS] = str(args.keys or "")
    os.environ[app_module.ENV_PROXIES] = ",".join(args.trusted_proxy)
    with tempfile.TemporaryDirectory(prefix="tantay-metrics-") as shared:
        # the workers' request counters, summed by whichever worker answers /api/v1/metrics
        os.environ[MULTIPROC_ENV] = shared
        uvicorn.run(
            "city_server.app:app_from_env",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level="info",
            proxy_headers=False,
        )
    return 0


class ImportProgress:
    """How far a bundle's import is, on one line of a terminal, rewritten in place at most
    five times a second: a commune's first bundle (100,000 changes) takes about a minute on an
    old laptop, and nothing on the screen moved meanwhile. Nothing is written to a file or a pipe (the
    words and the receipt's path after the import are what scripts read)."""

    def __init__(self, label: str, stream, interval: float = 0.2):
        self.label, self.stream, self.interval = label, stream, interval
        self.shown = 0  # the width of the line written (0: none)
        self._last = 0.0
        self.tty = bool(getattr(stream, "isatty", None) and stream.isatty())

    def __call__(self, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if not self.tty or total <= 0 or (now - self._last < self.interval and done < total):
            return
        self._last = now
        numbers = f"{done:,}/{total:,}".replace(",", ".")
        text = (
            f"Gói / bundle {self.label}: đang nhập / importing {numbers} ({done * 100 // total} %)"
        )
        # spaces, not an escape sequence, over a longer line before (Windows' console)
        self.stream.write("\r" + text.ljust(self.shown))
        self.stream.flush()
        self.shown = max(self.shown, len(text))

    def close(self) -> None:
        """Clear the line, so the words after it start on a clean one."""
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0


def _import_bundle(args: argparse.Namespace, storage: Storage) -> int:
    """Import each bundle, then write each receipt once all are in: the laptop whose bundle
    came first gets the others' changes too (the sixteenth tryout: the first laptop's receipt
    said "0 changes from other laptops", until the next trip, days later)."""
    from pathlib import Path

    from city_server.bundles import import_bundle_report

    files = list(dict.fromkeys(_bundle_files(args.file)))  # a file named twice: imported once
    if args.receipt_out and not Path(args.receipt_out).is_dir():
        # checked before any bundle is applied (the eighteenth tryout: the first of two was
        # applied, its receipt never written, and the next import said "imported before")
        folder = args.receipt_out
        print(
            f"refused (receipt_folder_missing): the folder for the receipts does not exist:"
            f" {folder}; nothing was imported",
            file=sys.stderr,
        )
        print(
            f"từ chối (receipt_folder_missing): thư mục để ghi biên nhận không tồn tại: {folder};"
            " chưa nhập gói nào",
            file=sys.stderr,
        )
        return 1
    failed = 0
    imported = []  # (file, its import, its receipt folder)
    for file in files:
        out = Path(args.receipt_out) if args.receipt_out else Path(file).parent
        last = file == files[-1]
        # which bundle, by its place (their names run past a terminal's width, and a line
        # that wraps cannot be rewritten in place)
        progress = ImportProgress(f"{files.index(file) + 1}/{len(files)}", sys.stderr)
        try:
            # every receipt but the last one's is made again below, with the later bundles in
            result = import_bundle_report(storage, file, out if last else None, progress)
        except KnownError as exc:  # BundleError, BundleRefused: nothing was applied
            progress.close()
            code = getattr(exc, "code", "refused")
            prefix = f"{file}: " if len(files) > 1 else ""
            print(f"{prefix}refused ({code}): {exc.message('en')}", file=sys.stderr)
            print(f"{prefix}từ chối ({code}): {exc.message('vi')}", file=sys.stderr)
            failed += 1
            continue
        progress.close()
        imported.append((file, result, out))
    for file, result, out in imported:
        summary = result.summary
        if result.path is None:  # made again now that every bundle is in
            try:
                again = import_bundle_report(storage, file, out)
            except KnownError as exc:  # e.g. the stick was pulled meanwhile
                print(f"{file}: {exc.message('en')}", file=sys.stderr)
                print(f"{file}: {exc.message('vi')}", file=sys.stderr)
                failed += 1
                continue
            summary = {**summary, "pulled": again.summary["pulled"]}
            result = again
        _say_imported(storage, summary)
        print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
        sys.stderr.flush()  # the words before the receipt's path (the sixteenth tryout saw
        print(result.path, flush=True)  # them run together on one line)
    return 1 if failed else 0


def _bundle_files(named: list[str]) -> list[str]:
    """The files named, with ``*`` and ``?`` expanded here (Windows' command prompt passes
    them as they are); a pattern leaves out the receipts lying beside the bundles."""
    import glob

    files: list[str] = []
    for name in named:
        if any(c in name for c in "*?[") and not os.path.exists(name):
            found = sorted(glob.glob(name))
            files += [f for f in found if not os.path.basename(f).startswith("tantay-receipt-")]
            if not found:
                files.append(name)  # refused below as a file that is not there
        else:
            files.append(name)
    return files


def _say_imported(storage: Storage, s: dict) -> None:
    """What a bundle import did, in words (Vietnamese, then English), on stderr."""
    # in words first, for the clerk at the commune office (the eleventh tryout: JSON only);
    # the JSON line stays for scripts, the receipt's path alone on stdout
    r = s["results"]
    device = storage.get_device(s["device_id"])
    # the name and the start of its id: two laptops may share a name (the sixteenth tryout's
    # were both "vm")
    name = f"{device.name} ({s['device_id'][:8]})" if device else s["device_id"]
    n = s["changes"]
    if s["duplicate"] and s.get("previous_imports"):
        # the same bundle again: its changes were counted the first time (the thirteenth
        # tryout read "1 thay đổi — nhận 0, đã có 0 …", which does not add up)
        said_vi = f"Gói của máy «{name}» đã được nhập trước đây: {n} thay đổi, không có gì mới"
        said_en = (
            f"The bundle of laptop “{name}” was imported before: {count_en(n, 'change')}, none new"
        )
    elif s["duplicate"]:
        # a bundle never seen whose changes add nothing (the eighteenth tryout read "imported
        # before" for one the server had never seen)
        said_vi = (
            f"Đã nhập gói của máy «{name}»: {n} thay đổi, máy chủ đã có sẵn nội dung của tất cả"
        )
        said_en = (
            f"Imported the bundle of laptop “{name}”: {count_en(n, 'change')}, all of them already"
            " held by the server"
        )
    else:
        said_vi = (
            f"Đã nhập gói của máy «{name}»: {n} thay đổi — nhận {r['accepted']}, đã có"
            f" {r['duplicate']}, xung đột {r['conflict']}, từ chối {r['rejected']}"
        )
        said_en = (
            f"Imported the bundle of laptop “{name}”: {count_en(n, 'change')} — accepted"
            f" {r['accepted']}, already held {r['duplicate']}, conflicts {r['conflict']},"
            f" refused {r['rejected']}"
        )
    print(
        f"{said_vi}; gửi về {s['pulled']} thay đổi của các máy khác. Mang tệp biên nhận dưới đây"
        " về máy đó (Đồng bộ → Nhập biên nhận từ USB…).\n"
        f"{said_en}; {count_en(s['pulled'], 'change')} from other laptops sent back. Take the"
        " receipt file"
        " below back to that laptop (Sync → Import receipt from USB…).",
        file=sys.stderr,
    )


def _officers(args: argparse.Namespace, storage: Storage) -> int:
    from city_server import officers

    if args.command == "officer-code":
        print(officers.create_officer_code(storage, args.commune or args.communes))
        return 0
    if args.command == "officers":
        print(json.dumps(officers.list_officers(storage), ensure_ascii=False))
        return 0
    if args.command == "revoke-officer":
        if not officers.revoke_officer(storage, args.public_key):
            print(f"no such unrevoked officer key: {args.public_key}", file=sys.stderr)
            return 1
        print(f"revoked {args.public_key}")
        return 0
    report = officers.audit_verify(storage)
    print(json.dumps(report, ensure_ascii=False))
    return 0 if report["ok"] else 1
