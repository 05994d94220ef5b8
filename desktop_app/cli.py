"""Command line: the GUI by default, headless subcommands for admin work and scripting.

``python -m desktop_app`` and ``tantay`` are the same program. Exit codes: 0 success, 1 a known
error (message printed), 2 bad usage, 3 permission denied, 4 something went wrong (a bug).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

import platformdirs

from desktop_app import version_text
from desktop_app.cli_help import early_lang, localize_parser
from desktop_app.core.cli_text import OneLineParser
from desktop_app.core.errors import KnownError, PermissionDenied
from desktop_app.logs import setup_logging

log = logging.getLogger(__name__)

APP_NAME = "TanTay"
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PERMISSION, EXIT_BUG = 0, 1, 2, 3, 4


def default_data_dir() -> Path:
    """The platformdirs user data folder (overridable with --data-dir or TANTAY_DATA_DIR)."""
    env = os.environ.get("TANTAY_DATA_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def demo_data_dir() -> Path:
    """The demo database's own folder."""
    return default_data_dir() / "demo"


class _OneLineParser(OneLineParser):
    """Usage errors as one line in the chosen language (``main`` sets ``lang`` from --lang or
    TANTAY_LANG before parsing), exit code 2 (``EXIT_USAGE``)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to print --help)."""
    p = _OneLineParser(
        prog="tantay",
        description=(
            "Tận Tay — ghi thăm hộ và khả năng nhận tiền trợ cấp không dùng tiền mặt. "
            "Không có lệnh con: mở giao diện. / Without a subcommand: opens the GUI."
        ),
    )
    p.add_argument("--version", action="version", version=version_text())
    p.add_argument("--data-dir", type=Path, help="thư mục dữ liệu / data folder")
    p.add_argument("--user", help="người thực hiện lệnh / who acts in headless commands")
    p.add_argument("--lang", choices=["vi", "en"], help="ngôn ngữ / language (default vi)")
    p.add_argument("--smoke-test", action="store_true", help="offscreen start check, then exit")
    p.add_argument("--demo", action="store_true", help="run the GUI on the demo database")
    p.add_argument("--screenshots", type=Path, metavar="DIR", help="with --demo: save screenshots")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    d = sub.add_parser("demo-data", help="fill the database with made-up demo data")
    d.add_argument("--households", type=int, required=True)
    d.add_argument("--commune", default="00070")

    u = sub.add_parser("user", help="manage local users (admin)")
    usub = u.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    ua = usub.add_parser("add", help="add a user (password from TANTAY_NEW_PASSWORD or a prompt)")
    ua.add_argument("name")
    ua.add_argument(
        "--role", required=True, choices=["volunteer", "team_lead", "police_officer", "admin"]
    )
    ua.add_argument("--full-name", help="họ và tên / full name (defaults to NAME)")
    up = usub.add_parser("passwd", help="set a new password for a user")
    up.add_argument("name")
    ud = usub.add_parser("disable", help="disable a user")
    ud.add_argument("name")

    a = sub.add_parser("audit", help="audit log")
    asub = a.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    asub.add_parser("verify", help="check the hash chain")

    for register in _EXTRA_COMMANDS:
        register(sub)
    return p


# Further subcommands (reports, sync, bundles, verification) register here: (subparsers) -> None.
_EXTRA_COMMANDS: list[Callable] = []
_HANDLERS: dict[str, Callable] = {}


def command(name: str):
    """Register a handler ``fn(args, ctx) -> int`` for a subcommand."""

    def deco(fn):
        _HANDLERS[name] = fn
        return fn

    return deco


class Context:
    """What a headless command needs: the data folder, language, and a way to log in."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.data_dir: Path = args.data_dir or default_data_dir()
        self.lang: str = args.lang or os.environ.get("TANTAY_LANG", "vi")

    def password(self, prompt: str = "Mật khẩu / Password: ") -> str:
        """The acting user's password: TANTAY_PASSWORD, else a prompt."""
        env = os.environ.get("TANTAY_PASSWORD")
        if env is not None:
            return env
        if not sys.stdin or not sys.stdin.isatty():
            raise KnownError(
                "Cần mật khẩu: đặt biến TANTAY_PASSWORD hoặc chạy trong cửa sổ lệnh.",
                "A password is needed: set TANTAY_PASSWORD or run in a terminal.",
            )
        return getpass.getpass(prompt)

    def new_password(self) -> str:
        """A new password: TANTAY_NEW_PASSWORD, else asked twice."""
        env = os.environ.get("TANTAY_NEW_PASSWORD")
        if env is not None:
            return env
        if not sys.stdin or not sys.stdin.isatty():
            raise KnownError(
                "Cần mật khẩu mới: đặt biến TANTAY_NEW_PASSWORD hoặc chạy trong cửa sổ lệnh.",
                "A new password is needed: set TANTAY_NEW_PASSWORD or run in a terminal.",
            )
        first = getpass.getpass("Mật khẩu mới / New password: ")
        if getpass.getpass("Nhập lại / Again: ") != first:
            raise KnownError("Hai lần nhập không khớp.", "The two entries differ.")
        return first

    def open_store(self, default_user: str | None = None, password: str | None = None):
        """Log in as --user (``password``, else TANTAY_PASSWORD or a prompt)."""
        from desktop_app.store.store import Store, store_exists

        user = self.args.user or default_user
        if not user:
            raise KnownError(
                "Hãy cho biết ai thực hiện lệnh: --user TÊN.", "Say who acts: --user NAME."
            )
        if not store_exists(self.data_dir):
            raise KnownError(
                f"Chưa có dữ liệu trong {self.data_dir}. Hãy mở ứng dụng để cài đặt lần đầu.",
                f"No database in {self.data_dir}. Open the app once to set it up.",
            )
        return Store.open(
            self.data_dir, user, password if password is not None else self.password()
        )

    def say(self, vi: str, en: str) -> None:
        """Print a message in the chosen language."""
        print(en if self.lang == "en" else vi)


@command("demo-data")
def _demo_data(args, ctx: Context) -> int:
    import time

    from desktop_app.store.demo import DEMO_PASSWORD, create_demo_store, fill_demo_data
    from desktop_app.store.store import Store, store_exists

    if args.households < 1 or args.households > 200_000:
        raise KnownError("Số hộ phải từ 1 đến 200000.", "Households must be 1 to 200000.")
    if store_exists(ctx.data_dir):
        store = ctx.open_store(default_user="lead")
    else:
        from desktop_app.core import admin_units

        admin_units.commune(args.commune)
        create_demo_store(ctx.data_dir, commune_code=args.commune).close()
        store = Store.open(ctx.data_dir, "lead", DEMO_PASSWORD)
    start = time.monotonic()

    def progress(done, total):
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    try:
        counts = fill_demo_data(store, args.households, progress=progress)
    finally:
        store.close()
    print(file=sys.stderr)
    counts["seconds"] = round(time.monotonic() - start, 1)
    print(json.dumps(counts, ensure_ascii=False))
    return EXIT_OK


@command("user")
def _user(args, ctx: Context) -> int:
    store = ctx.open_store()
    try:
        if args.user_command == "add":
            store.add_user(args.name, args.full_name or args.name, args.role, ctx.new_password())
            ctx.say(f"Đã thêm người dùng {args.name}.", f"Added user {args.name}.")
        elif args.user_command == "passwd":
            if args.name == store.user.username and store.user.username != "(recovery)":
                store.change_password(ctx.password(), ctx.new_password())
            else:
                store.reset_password(args.name, ctx.new_password())
            ctx.say(f"Đã đặt mật khẩu mới cho {args.name}.", f"New password set for {args.name}.")
        elif args.user_command == "disable":
            store.disable_user(args.name)
            ctx.say(f"Đã khoá tài khoản {args.name}.", f"Disabled {args.name}.")
    finally:
        store.close()
    return EXIT_OK


@command("audit")
def _audit(args, ctx: Context) -> int:
    store = ctx.open_store()
    try:
        check = store.verify_audit()
    finally:
        store.close()
    if check.ok:
        ctx.say(
            f"Nhật ký kiểm tra nguyên vẹn: {check.entries} mục.",
            f"Audit chain intact: {check.entries} entries.",
        )
        return EXIT_OK
    ctx.say(
        f"Nhật ký bị sửa đổi: mục đầu tiên bị hỏng là #{check.first_broken} ({check.reason}).",
        f"Audit chain broken: first broken entry #{check.first_broken} ({check.reason}).",
    )
    return EXIT_ERROR


def _load_extra_commands() -> None:
    """Import modules that register further subcommands (kept lazy for start-up time)."""
    import importlib

    for name in ("desktop_app.commands", "desktop_app.security_commands"):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def _ensure_demo(ctx: Context) -> None:
    """``--demo`` with a subcommand: create the demo database first when it is not there yet."""
    from desktop_app.store.demo import (
        DEMO_PASSWORD,
        create_demo_store,
        fill_demo_data,
        give_demo_officer_a_key,
    )
    from desktop_app.store.store import Store, store_exists

    if store_exists(ctx.data_dir):
        return
    print(  # on stderr: a command's own output (JSON, a path) stays clean on stdout
        f"Creating the demo database in {ctx.data_dir} …"
        if ctx.lang == "en"
        else f"Đang tạo dữ liệu demo trong {ctx.data_dir} …",
        file=sys.stderr,
    )
    create_demo_store(ctx.data_dir).close()
    store = Store.open(ctx.data_dir, "lead", DEMO_PASSWORD)
    try:
        fill_demo_data(store, 300)
    finally:
        store.close()
    give_demo_officer_a_key(ctx.data_dir)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``tantay`` and ``python -m desktop_app``."""
    from desktop_app.console import use_utf8_streams

    use_utf8_streams()  # Vietnamese into any pipe, file or console code page (Windows: cp1252)
    _load_extra_commands()
    parser = build_parser()
    _OneLineParser.lang = early_lang(argv)  # usage errors in the user's language
    localize_parser(parser, early_lang(argv))  # help in Vietnamese, or English with --lang en
    args = parser.parse_args(argv)
    ctx = Context(args)
    if args.smoke_test:
        from desktop_app.ui.app import smoke_test

        return smoke_test(lang=ctx.lang)
    if args.demo:  # the GUI and every subcommand: the demo database's own folder
        ctx.data_dir = args.data_dir or demo_data_dir()
        if args.command and args.command != "demo-data":
            _ensure_demo(ctx)
    setup_logging(
        ctx.data_dir if args.command or args.demo or args.data_dir else default_data_dir()
    )
    if not args.command:
        from desktop_app.ui.app import run_gui

        return run_gui(
            data_dir=ctx.data_dir, demo=args.demo, lang=args.lang, screenshots=args.screenshots
        )
    try:
        return _HANDLERS[args.command](args, ctx)
    except PermissionDenied as exc:
        print(exc.message(ctx.lang), file=sys.stderr)
        return EXIT_PERMISSION
    except KnownError as exc:
        print(exc.message(ctx.lang), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR
    except BrokenPipeError:
        # the reader went away (``export-bundle | head``): nothing more to say, nowhere to say it
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except OSError as exc:
        # a full disk, a folder that vanished, no permission: the file system's own words
        where = f" ({exc.filename})" if exc.filename else ""
        reason = exc.strerror or type(exc).__name__
        print(
            f"Không đọc/ghi được tệp{where}: {reason}"
            if ctx.lang != "en"
            else f"Cannot read or write a file{where}: {reason}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    except Exception as exc:
        if type(exc).__module__.split(".")[0] in ("sqlite3", "sqlcipher3"):
            # an SQLite error outside a store operation (bulk inserts): a full disk, a damaged
            # file... the same one-line message a store operation gives
            from desktop_app.store.db import friendly_db_error

            log.info("command %s: %s", args.command, exc)
            known = friendly_db_error(exc, ctx.data_dir / "tantay.db")
            print(known.message(ctx.lang), file=sys.stderr)
            return EXIT_ERROR
        log.exception("command %s failed", args.command)
        print(
            "Đã xảy ra lỗi ngoài dự kiến; chi tiết ở nhật ký trong thư mục dữ liệu."
            if ctx.lang != "en"
            else "Something went wrong; details are in the log in the data folder.",
            file=sys.stderr,
        )
        return EXIT_BUG


def gui_main() -> int:
    """Windowless entry point (Windows ``tantay-gui``)."""
    return main(sys.argv[1:])


def register_commands(register: Callable) -> None:
    """Used by ``desktop_app.commands`` to add subcommands to the parser."""
    _EXTRA_COMMANDS.append(register)
