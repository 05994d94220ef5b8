"""Headless subcommands beyond the basics: verification, reports, imports, sync, USB bundles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from desktop_app.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, command, register_commands
from desktop_app.core.benefits import AGE_BANDS, CHANNELS
from desktop_app.core.cli_text import count_en
from desktop_app.core.dates import local_datetime_text
from desktop_app.core.records import VERIFICATION_METHODS, VERIFICATION_RESULTS


def _register(sub) -> None:
    st = sub.add_parser(
        "setup", help="create this laptop's encrypted database, as the first window does"
    )
    st.add_argument("--commune", required=True, help='its code or name: 00070, "Hoàn Kiếm"')
    st.add_argument("--admin", required=True, metavar="NAME", help="the first admin's user name")
    st.add_argument("--full-name", required=True, help="the admin's full name")
    st.add_argument(
        "--village", action="append", default=[], help="a village or residential group (repeat)"
    )
    st.add_argument(
        "--recovery-out",
        type=Path,
        metavar="FILE",
        help="write the recovery key to this new file (0600) instead of the screen",
    )

    v = sub.add_parser("verify", help="record an identity verification (police officer)")
    v.add_argument("person_id")
    v.add_argument("--method", required=True, choices=VERIFICATION_METHODS)
    v.add_argument("--result", required=True, choices=VERIFICATION_RESULTS)
    v.add_argument(
        "--mismatch",
        action="append",
        default=[],
        metavar="FIELD",
        help="a field that did not match (repeat for several)",
    )
    v.add_argument("--note", default="")

    e = sub.add_parser("enroll", help="enrol this laptop with the city server (admin)")
    e.add_argument("--server", required=True, metavar="URL")
    e.add_argument("--code", required=True)
    e.add_argument("--name", default=None, help="device name shown on the server")
    e.add_argument(
        "--again",
        action="store_true",
        help="enrol a laptop that is enrolled already (a new server, a revoked device)",
    )

    r = sub.add_parser("report", help="the payment-access report (xlsx, pdf or json)")
    r.add_argument("--period", required=True, metavar="YYYY-MM")
    r.add_argument("--to", metavar="YYYY-MM", help="last month of the period (default: --period)")
    r.add_argument("--village", metavar="NAME")
    r.add_argument("--channel", choices=list(CHANNELS))
    r.add_argument("--age-band", choices=[b for b in AGE_BANDS if b != "unknown"])
    r.add_argument("--format", required=True, choices=["xlsx", "pdf", "json"])
    r.add_argument("--out", required=True, type=Path, metavar="FILE")

    i = sub.add_parser("import-beneficiaries", help="import the official beneficiary list")
    i.add_argument("file", type=Path, nargs="?")
    i.add_argument(
        "--list-schemes", action="store_true", help="list the SCHEME:CATEGORY codes and stop"
    )
    i.add_argument("--sheet")
    i.add_argument("--commit", action="store_true", help="write (default: a dry run)")
    i.add_argument("--json", action="store_true", help="print the summary as JSON")
    i.add_argument(
        "--map-scheme",
        action="append",
        default=[],
        metavar="TEXT=SCHEME_CODE",
        help="map a scheme as written in the list to a scheme code (repeat; remembered on --commit)",
    )
    i.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="use the column with this header for a field, empty to ignore (remembered on --commit)",
    )
    i.add_argument(
        "--confirm-row",
        action="append",
        type=int,
        default=[],
        metavar="N",
        help="import row N although it has only a name (repeat)",
    )

    s = sub.add_parser("sync", help="one push-and-pull round with the city server")
    s.add_argument("--batch-size", type=int, default=500)
    s.add_argument("--json", action="store_true", help="print the round as one JSON line")


register_commands(_register)


@command("setup")
def _setup(args, ctx) -> int:
    """A laptop set up from the command line, as the first-run window does it: for a city IT
    person preparing dozens (the nineteenth tryout drove the window with xdotool, three times).
    The admin's password: TANTAY_NEW_PASSWORD, or asked twice."""
    import os

    from desktop_app.core import admin_units
    from desktop_app.core.errors import KnownError
    from desktop_app.core.record_rules import NAME_MAX
    from desktop_app.store.store import Store, store_exists

    typed = args.commune.strip()
    code = typed if typed.isdigit() else admin_units.commune_by_name(typed)
    if code is None:
        near = admin_units.communes_named_like(typed)
        hint_vi = f" (có thể là: {', '.join(near[:6])})" if near else ""
        hint_en = f" (perhaps: {', '.join(near[:6])})" if near else ""
        shown = typed if len(typed) <= 60 else typed[:60] + "…"
        raise KnownError(
            f"Không có xã, phường nào của Hà Nội tên «{shown}»{hint_vi}.",
            f"No Hà Nội commune is named “{shown}”{hint_en}.",
        )
    for village in args.village:  # said here by name, not as a record's field after the fact
        if not village.strip() or len(village) > NAME_MAX:
            shown = village if len(village) <= 60 else village[:60] + "…"
            raise KnownError(
                f"Tên thôn, tổ dân phố phải có chữ và dài tối đa {NAME_MAX} ký tự: «{shown}».",
                f"A village's name must not be empty and at most {NAME_MAX} characters: “{shown}”.",
            )
    commune = admin_units.commune(code)  # an unknown code: its own message
    if store_exists(ctx.data_dir):
        raise KnownError(
            f"Đã có dữ liệu trong {ctx.data_dir}: không cài đặt lại (không ghi đè gì).",
            f"{ctx.data_dir} already holds a database: not set up again (nothing overwritten).",
        )
    out = args.recovery_out
    if out is not None and (out.exists() or not out.parent.is_dir()):
        raise KnownError(
            f"Không ghi được khoá khôi phục vào {out}: tệp đã có, hoặc thư mục không tồn tại.",
            f"Cannot write the recovery key to {out}: the file exists, or its folder does not.",
        )
    store, recovery = Store.create(
        ctx.data_dir,
        admin_username=args.admin,
        admin_password=ctx.new_password(),
        admin_full_name=args.full_name,
        commune_code=commune.code,
        villages=args.village,
        language=ctx.lang,
    )
    store.close()
    ctx.say(
        f"Đã tạo cơ sở dữ liệu mã hoá của {commune.full_name} trong {ctx.data_dir}, với người"
        f" quản trị «{args.admin}» và {len(args.village)} thôn, tổ dân phố.",
        f"Created the encrypted database of {commune.full_name} in {ctx.data_dir}, with the"
        f" admin “{args.admin}” and {count_en(len(args.village), 'village')}.",
    )
    if out is not None:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(recovery + "\n")
        ctx.say(
            f"Khoá khôi phục đã ghi vào {out} (chỉ người dùng này đọc được). In hoặc chép ra giấy,"
            " cất riêng khỏi máy, rồi xoá tệp.",
            f"The recovery key is in {out} (readable by this user only). Print or copy it on"
            " paper, keep it away from the laptop, then delete the file.",
        )
    else:
        ctx.say(
            f"Khoá khôi phục (chỉ hiện một lần — chép ra giấy, cất riêng khỏi máy): {recovery}",
            f"Recovery key (shown once — copy it on paper, keep it away from the laptop):"
            f" {recovery}",
        )
    ctx.say(
        "Tiếp theo: thêm người dùng (user add), rồi đăng ký máy với máy chủ (enroll).",
        "Next: add the users (user add), then enrol the laptop with the server (enroll).",
    )
    return EXIT_OK


@command("verify")
def _verify(args, ctx) -> int:
    store = ctx.open_store()
    try:
        record = store.record_verification(
            args.person_id, args.method, args.result, args.mismatch, note=args.note
        )
    finally:
        store.close()
    signed = bool(record.get("officer_signature"))
    print(
        json.dumps(
            {
                "id": record["id"],
                "person_id": args.person_id,
                "result": args.result,
                "signed": signed,
            }
        )
    )
    if not signed:
        ctx.say(
            "Đã ghi, nhưng KHÔNG có chữ ký của cán bộ: kết quả này không được tính và máy chủ sẽ"
            " từ chối. Hãy đăng ký khoá ký của cán bộ (officer-enroll) rồi xác minh lại.",
            "Recorded, but WITHOUT the officer's signature: it does not count and the server will"
            " refuse it. Register the officer's signing key (officer-enroll), then verify again.",
        )
        return EXIT_ERROR
    # in words too (the sixteenth tryout: only the JSON line, unlike every other command)
    vi, en = {
        "verified": ("Đã xác minh: khớp", "Verified: matches"),
        "mismatch": ("Không khớp", "Mismatch"),
        "unable": ("Không xác minh được", "Could not verify"),
    }[args.result]
    ctx.say(
        f"Đã ghi kết quả xác minh, có chữ ký của cán bộ: {vi}.",
        f"Verification recorded, signed by the officer: {en}.",
    )
    return EXIT_OK


@command("enroll")
def _enroll(args, ctx) -> int:
    import socket

    from desktop_app.core import keys as keymod
    from desktop_app.sync.client import SyncClient

    store = ctx.open_store()
    client = SyncClient(store)
    try:
        state = store.sync_state()
        if state.get("token") and not args.again:
            # a second code would be used up and leave a device that never sends on the server
            ctx.say(
                f"Máy này đã đăng ký với {state.get('server_url')} (mã thiết bị"
                f" {state.get('server_device_id')}); không làm gì. Muốn đăng ký lại (máy chủ mới,"
                " máy đã bị thu hồi) thì thêm --again.",
                f"This laptop is enrolled already with {state.get('server_url')} (device id"
                f" {state.get('server_device_id')}); nothing done. To enrol it again (a new"
                " server, a revoked device), add --again.",
            )
            return EXIT_USAGE
        data = client.enroll(args.server, args.code, args.name or socket.gethostname())
    finally:
        client.close()
        store.close()
    print_ = keymod.fingerprint(keymod.load_sign_public(data["server_sign_public_key"]))
    ctx.say(
        f"Đã đăng ký với máy chủ. Mã thiết bị: {data['device_id']}. Dấu vân tay khoá máy chủ:"
        f" {print_} — đối chiếu với cán bộ quản lý máy chủ (python -m city_server fingerprint).",
        f"Enrolled with the server. Device id: {data['device_id']}. Server key fingerprint:"
        f" {print_} — compare it with the server operator's (python -m city_server fingerprint).",
    )
    return EXIT_OK


@command("sync")
def _sync(args, ctx) -> int:
    from desktop_app.sync.client import SyncClient

    store = ctx.open_store()
    client = SyncClient(store, batch_size=args.batch_size)
    try:
        result = client.sync()
        quarantined = len(store.quarantined())
    finally:
        client.close()
        store.close()
    if args.json:
        print(
            json.dumps(
                {
                    "pushed": result.pushed,
                    "pulled": result.pulled,
                    "pending": result.pending_after,
                    "quarantined": quarantined,
                }
            )
        )
    else:  # in words, as the Sync page says it (the eighteenth tryout: a JSON line only)
        pushed, pulled = result.pushed or {}, result.pulled or {}
        sent = pushed.get("accepted", 0) + pushed.get("duplicate", 0)
        received = pulled.get("applied", 0)
        ctx.say(
            f"Đã đồng bộ: gửi {sent} thay đổi, nhận {received} thay đổi từ máy khác.",
            f"Sync finished: sent {count_en(sent, 'change')}, received"
            f" {count_en(received, 'change')} from other laptops.",
        )
        if result.open_conflicts:
            ctx.say(
                f"{result.open_conflicts} xung đột đang chờ tổ trưởng quyết định (trang Đồng bộ).",
                f"{count_en(result.open_conflicts, 'conflict')} waiting for the team lead's"
                " decision (the Sync page).",
            )
    if result.pending_after:
        ctx.say(
            f"Còn {result.pending_after} thay đổi chưa gửi được.",
            f"{count_en(result.pending_after, 'change')} still waiting to be sent.",
        )
        return 1
    if quarantined:
        ctx.say(
            f"Máy chủ từ chối {quarantined} thay đổi: xem mục «Bị giữ lại» trên trang Đồng bộ.",
            f"The server refused {count_en(quarantined, 'change')}: see “Held back” on the"
            " Sync page.",
        )
        return 1
    return EXIT_OK


def build_report(
    store,
    period_from: str,
    period_to: str,
    village: str | None,
    lang: str,
    channel: str | None = None,
    age_band: str | None = None,
):
    """The payment-access report from the store (names of persons without consent hidden),
    for the whole commune or one village, channel and age band (the Reports page's filters)."""
    from desktop_app.core.errors import KnownError
    from desktop_app.core.payment_metrics import compute_report, previous_period
    from desktop_app.core.text import fold

    village_id = village_name = None
    if village:
        match = [v for v in store.list_villages() if fold(v["name"]) == fold(village)]
        if not match:
            raise KnownError(f"Không có thôn/tổ «{village}».", f"No village named “{village}”.")
        village_id, village_name = match[0]["id"], match[0]["name"]
    prev_from, _ = previous_period(period_from, period_to)
    rows = store.payment_rows(prev_from, period_to, village_id)
    report = compute_report(
        rows,
        period_from=period_from,
        period_to=period_to,
        as_of=date.today(),
        village=village_name,
        channel=channel,
        age_band=age_band,
        with_breakdowns=True,
    )
    return report


@command("report")
def _report(args, ctx) -> int:
    from desktop_app.core.report_export import export_pdf, export_xlsx, report_to_json
    from desktop_app.security_commands import check_report_args

    check_report_args(args)  # one clear line for a bad period or --out, before logging in
    from desktop_app.core.admin_units import full_name_of

    store = ctx.open_store()
    try:
        report = build_report(
            store,
            args.period,
            args.to or args.period,
            args.village,
            ctx.lang,
            channel=args.channel,
            age_band=args.age_band,
        )
        place = full_name_of(store.commune_code, store.commune_list_version)
        store.log_export("report", args.format)
    finally:
        store.close()
    if args.format == "json":
        text = json.dumps(report_to_json(report), ensure_ascii=False, indent=1)
        tmp = args.out.with_name(args.out.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(args.out)
    elif args.format == "xlsx":
        export_xlsx(report, args.out, lang=ctx.lang, place=place)
    else:
        export_pdf(report, args.out, lang=ctx.lang, place=place)
    print(args.out)
    return EXIT_OK


@command("import-beneficiaries")
def _import(args, ctx) -> int:
    from desktop_app.core.beneficiary_import import (
        FIELDS,
        parse_scheme_map,
        preview_import,
        summary_for_json,
    )
    from desktop_app.core.errors import KnownError

    if args.list_schemes:
        from desktop_app.core.benefits import load_schemes

        for code, scheme in load_schemes().items():
            print(f"{code}\t{scheme.label.text(ctx.lang)}")
            for cat in scheme.categories.values():
                print(f"{code}:{cat.code}\t{cat.label.text(ctx.lang)}")
        return EXIT_OK
    if args.file is None:
        raise KnownError("Hãy chỉ ra tệp danh sách cần nhập.", "Name the list file to import.")
    scheme_map = parse_scheme_map(args.map_scheme)
    columns: dict[str, str] = {}
    for item in args.column:
        name, sep, header = item.partition("=")
        if not sep or name.strip() not in FIELDS:
            raise KnownError(
                f"«{item}»: hãy viết TRƯỜNG=TIÊU_ĐỀ_CỘT; các trường: {', '.join(FIELDS)}.",
                f"'{item}': write FIELD=COLUMN_HEADER; fields: {', '.join(FIELDS)}.",
            )
        columns[name.strip()] = header.strip() or None
    store = ctx.open_store()
    try:
        memory = store.import_memory()
        preview = preview_import(
            args.file,
            sheet=args.sheet,
            mapping=columns or None,
            remembered=memory["mappings"],
            scheme_map={**memory["schemes"], **scheme_map},
            existing_lookup=store.match_existing_person,
        )
        name_only = {r.row_number for r in preview.rows if r.status == "confirm"}
        not_confirmable = [n for n in args.confirm_row if n not in name_only]
        new_villages = store.villages_to_create(
            [r for r in preview.rows if r.status != "confirm" or r.row_number in args.confirm_row]
        )
        written = None
        if args.commit:
            written = store.import_beneficiaries(preview.rows, confirmed_rows=args.confirm_row)
            store.remember_import_choices(
                preview.signature, preview.mapping if columns else None, scheme_map
            )
    finally:
        store.close()
    summary = summary_for_json(preview)
    summary["villages_to_create"] = new_villages
    summary["confirm_rows_not_applicable"] = not_confirmable
    for n in not_confirmable:
        summary["issues"].insert(
            0,
            {
                "row": n,
                "field": None,
                "code": "confirm_row_not_applicable",
                "severity": "warning",
                "message": f"--confirm-row {n}: dòng {n} không phải dòng chỉ có họ tên cần xác "
                "nhận (hoặc không có trong danh sách): không có gì để xác nhận.",
                "message_en": f"--confirm-row {n}: row {n} is not a name-only row waiting for "
                "confirmation (or is not in the list): nothing to confirm.",
            },
        )
    if written is not None:
        summary["written"] = written
        confirmed = set(args.confirm_row) & name_only
        summary["confirmed_rows"] = sorted(confirmed)
        summary["rows_to_confirm"] = [n for n in summary["rows_to_confirm"] if n not in confirmed]
        summary["to_confirm"] = len(summary["rows_to_confirm"])
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return EXIT_OK
    en = ctx.lang == "en"
    ctx.say(
        f"{summary['rows']} dòng là người: {summary['valid']} hợp lệ, {summary['warnings']} có "
        f"cảnh báo, {summary['to_confirm']} cần xác nhận, {summary['errors']} lỗi, "
        f"{summary['duplicates']} trùng; {len(summary['skipped'])} dòng không phải người bị bỏ "
        f"qua; {summary['persons_without_benefit']} người không có chế độ hưởng."
        + (" Đã ghi." if written else " Chạy thử: chưa ghi gì (thêm --commit để ghi)."),
        f"{count_en(summary['rows'], 'person row')}: {summary['valid']} valid,"
        f" {summary['warnings']} with warnings, {summary['to_confirm']} to confirm,"
        f" {count_en(summary['errors'], 'error')}, {count_en(summary['duplicates'], 'duplicate')};"
        f" {count_en(len(summary['skipped']), 'row')} that are not persons skipped;"
        f" {count_en(summary['persons_without_benefit'], 'person', 'persons')} without a benefit."
        + (" Written." if written else " Dry run: nothing written (add --commit to write)."),
    )
    for v in new_villages:
        rows = ", ".join(str(n) for n in v["rows"][:10])
        ctx.say(
            f"  Thôn/tổ mới {'đã' if written else 'sẽ'} được tạo: «{v['name']}» (dòng {rows}).",
            f"  New village {'created' if written else 'to be created'}: '{v['name']}' "
            f"(rows {rows}).",
        )
    for s in summary["skipped"]:
        print(f"  {s['row']}: {s['message_en' if en else 'message']} {s['text']}")
    for c in summary["ignored_columns"]:
        ctx.say(
            f"  Cột {c['column']} «{c['header']}» không được nhập ({c['values']} ô có dữ liệu).",
            f"  Column {c['column']} '{c['header']}' not imported ({count_en(c['values'], 'cell')} with data).",
        )
    for u in summary["unknown_schemes"]:
        ctx.say(
            f"  Chế độ chưa nhận ra «{u['text']}» ({len(u['rows'])} dòng): thêm --map-scheme "
            f'"{u["text"]}=MÃ_CHẾ_ĐỘ".',
            f"  Unknown scheme '{u['text']}' ({count_en(len(u['rows']), 'row')}): add"
            " --map-scheme "
            f'"{u["text"]}=SCHEME_CODE".',
        )
    # the columns not imported are listed above, one a line (the nineteenth tryout read them
    # twice); a row by its number in words, not with the field's code ("6: channel: Không ghi…")
    shown = [i for i in summary["issues"] if i["code"] != "columns_ignored"]
    for issue in shown[:50]:
        message = issue["message_en" if en else "message"]
        if issue["row"] is None:
            print(f"  {message}")
        else:
            print(f"  {'row' if en else 'dòng'} {issue['row']}: {message}")
    return EXIT_OK


# --- USB bundles ---------------------------------------------------------------------------------


def _register_bundles(sub) -> None:
    x = sub.add_parser(
        "export-bundle", help="write every unconfirmed change to a USB bundle (.ttb) for the server"
    )
    x.add_argument("--out", type=Path, metavar="DIR", help="folder (the USB stick)")
    x.add_argument(
        "--list",
        action="store_true",
        help="list bundles written but never confirmed (alone: list only, write nothing)",
    )

    r = sub.add_parser("import-receipt", help="import the city server's receipt bundle (.ttb)")
    r.add_argument("file", type=Path)
    r.add_argument("--json", action="store_true", help="print the summary as JSON")


register_commands(_register_bundles)


@command("export-bundle")
def _export_bundle(args, ctx) -> int:
    from desktop_app.sync.bundles import export_bundle, unconfirmed_bundles

    if args.out is None and not args.list:
        ctx.say(
            "Hãy cho biết thư mục ghi gói: --out THƯ_MỤC (ổ USB); hoặc --list để chỉ xem các gói"
            " chưa có biên nhận.",
            "Say where to write the bundle: --out DIR (the USB stick); or --list to only see the"
            " bundles without a receipt.",
        )
        return EXIT_USAGE
    store = ctx.open_store()
    try:
        path = export_bundle(store, args.out) if args.out is not None else None
        waiting = [b for b in unconfirmed_bundles(store) if b["path"] != str(path)]
        pending = store.pending_changes()
    finally:
        store.close()
    if path is None:  # --list alone: what is out there without a receipt, nothing written
        if not waiting:
            ctx.say("Không có gói nào đang chờ biên nhận.", "No bundle is waiting for a receipt.")
        _print_waiting(waiting, ctx)
        return EXIT_OK
    print(path)
    ctx.say(
        f"Đã ghi gói dữ liệu ({pending} thay đổi chờ máy chủ xác nhận). "
        "Hãy mang USB đến UBND xã để nhập vào máy chủ.",
        f"Bundle written ({count_en(pending, 'change')} waiting for the server's confirmation). "
        "Take the USB stick to the commune office to import it.",
    )
    if args.list:
        _print_waiting(waiting, ctx)
    return EXIT_OK


def _print_waiting(waiting: list[dict], ctx) -> None:
    """The bundles without a receipt: when (this laptop's clock, as everywhere else; the
    sixteenth tryout read UTC here), how many changes, where — and whether the file is still
    there (a stick wiped since: its changes are in the next bundle anyway)."""
    gone = "(tệp không còn ở đó)" if ctx.lang != "en" else "(the file is no longer there)"
    for b in waiting:
        where = b["path"] if Path(b["path"]).exists() else f"{b['path']}  {gone}"
        print(f"  {local_datetime_text(b['created_at'])}  {b['changes']:>7}  {where}")


@command("import-receipt")
def _import_receipt(args, ctx) -> int:
    from desktop_app.sync.bundles import import_receipt

    store = ctx.open_store()
    try:
        summary = import_receipt(store, args.file)
    finally:
        store.close()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return EXIT_OK
    d, inc = summary["delivered"], summary["incoming"]
    confirmed = sum(d.get(k, 0) for k in ("accepted", "duplicate", "conflict"))
    if summary.get("seen_before"):
        ctx.say(
            "Biên nhận này đã được nhập trước đây; không có gì thay đổi.",
            "This receipt was imported before; nothing changed.",
        )
    elif summary["duplicate"]:
        ctx.say(
            "Biên nhận không có gì mới: các thay đổi trong đó máy đã có.",
            "Nothing new in this receipt: this laptop already had its changes.",
        )
    ctx.say(
        f"Máy chủ đã xác nhận {confirmed} thay đổi ({d.get('conflict', 0)} xung đột,"
        f" {d.get('rejected', 0)} bị từ chối, {d.get('retry', 0)} sẽ gửi lại)."
        f" Nhận {inc.get('applied', 0)} thay đổi từ máy khác ({inc.get('conflicts', 0)} xung đột)."
        f" Còn {summary['pending_after']} thay đổi chờ gửi.",
        f"The server confirmed {count_en(confirmed, 'change')}"
        f" ({count_en(d.get('conflict', 0), 'conflict')}, {d.get('rejected', 0)} rejected,"
        f" {d.get('retry', 0)} to send again). Received"
        f" {count_en(inc.get('applied', 0), 'change')} from other devices"
        f" ({count_en(inc.get('conflicts', 0), 'conflict')})."
        f" {count_en(summary['pending_after'], 'change')} still to send.",
    )
    shared = (summary.get("shared") or 0) + (inc.get("shared") or 0)
    if shared:
        ctx.say(
            f"{shared} người vừa có sự đồng ý ghi ở máy khác: số điện thoại, nhu cầu và ghi chú"
            " chỉ máy này giữ sẽ được gửi đi trong gói xuất lần sau.",
            "Consent is now recorded on another laptop for"
            f" {count_en(shared, 'person', 'people')}: the phones, needs and notes only this"
            " laptop held go out in the next bundle you export.",
        )
    if summary["more_to_pull"]:
        ctx.say(
            "Máy chủ còn thay đổi chưa gửi hết: hãy xuất gói mới và nhập lại ở xã.",
            "The server has more changes: export a new bundle and import it at the office again.",
        )
    if summary["server_gaps"]:
        gaps = ", ".join(f"{a}–{b}" for a, b in summary["server_gaps"])
        ctx.say(
            f"Máy chủ còn thiếu các số thứ tự: {gaps}.",
            f"The server is missing sequence numbers: {gaps}.",
        )
    return EXIT_OK


# --- one truth per commune: status, duplicates, merges ------------------------------------------


def _register_convergence(sub) -> None:
    s = sub.add_parser(
        "status",
        help="what this laptop holds: records, waiting, quarantined, conflicts, duplicates",
    )
    s.add_argument("--json", action="store_true", help="print one JSON object")
    d = sub.add_parser("duplicates", help="possible duplicate persons and households (team lead)")
    d.add_argument("--json", action="store_true", help="print JSON")
    m = sub.add_parser("merge", help="merge a duplicate person or household into another")
    m.add_argument("entity", choices=("person", "household"))
    m.add_argument("keep_id", help="the record that stays")
    m.add_argument("merged_id", help="the record merged into it")
    m.add_argument(
        "--take",
        action="append",
        default=[],
        metavar="FIELD",
        help="take this field's value from the merged record (repeat for several)",
    )
    sp = sub.add_parser("split", help="undo a merge made on this laptop")
    sp.add_argument("merge_id", type=int)


register_commands(_register_convergence)


@command("status")
def _status(args, ctx) -> int:
    store = ctx.open_store()
    try:
        counts = store.status_counts()
        state = store.sync_state()
    finally:
        store.close()
    # which server and which device it is there: the admin page's "Device id" column
    counts["server"] = (
        {
            "url": state.get("server_url"),
            "device_id": state.get("server_device_id"),
            # when a sync was last told this laptop is revoked (None: never)
            "revoked_seen_at": state.get("revoked_seen_at") or None,
        }
        if state.get("token")
        else None
    )
    if args.json:
        print(json.dumps(counts, ensure_ascii=False))
        return EXIT_OK
    server = counts["server"]
    if server and server["revoked_seen_at"]:
        when = local_datetime_text(server["revoked_seen_at"])
        ctx.say(
            f"Máy chủ {server['url']} đã thu hồi máy này (mã máy {server['device_id']}; biết lúc"
            f" {when}): máy không gửi, không nhận được nữa. Dữ liệu vẫn còn trên máy. Nếu máy"
            " không bị mất, xin mã mới rồi đăng ký lại (enroll --again).",
            f"The server {server['url']} has revoked this laptop (device {server['device_id']};"
            f" learnt at {when}): it can neither send nor receive. Its data stays here. If it"
            " was not lost, ask for a new code and enrol it again (enroll --again).",
        )
    elif server:
        ctx.say(
            f"Đã đăng ký với {server['url']}, mã máy {server['device_id']}.",
            f"Enrolled with {server['url']} as device {server['device_id']}.",
        )
    else:
        ctx.say("Chưa đăng ký với máy chủ thành phố.", "Not enrolled with the city server.")
    r = counts["records"]
    ctx.say(
        f"Hộ: {r['household']}, người: {r['person']}, lần thăm: {r['visit']}, "
        f"chi trả: {r['payment']}.",
        f"Households: {r['household']}, persons: {r['person']}, visits: {r['visit']}, "
        f"payments: {r['payment']}.",
    )
    # the laptop's time, as the Sync page shows it (the eleventh tryout: the raw UTC time was
    # another day in Hà Nội after 17:00)
    last = local_datetime_text(counts["last_sync"])
    ctx.say(
        f"Chờ gửi: {counts['pending']}; bị giữ lại: {counts['quarantined']}; "
        f"xung đột chờ quyết định: {counts['conflicts']}; "
        f"có thể trùng: {counts['duplicate_candidates']}; "
        f"đồng bộ lần cuối: {last or 'chưa bao giờ'}.",
        f"Waiting to send: {counts['pending']}; quarantined: {counts['quarantined']}; "
        f"conflicts to decide: {counts['conflicts']}; "
        f"possible duplicates: {counts['duplicate_candidates']}; "
        f"last sync: {last or 'never'}.",
    )
    return EXIT_OK


@command("duplicates")
def _duplicates(args, ctx) -> int:
    store = ctx.open_store()
    try:
        found = store.duplicate_candidates()
    finally:
        store.close()
    if args.json:
        print(json.dumps(found, ensure_ascii=False, default=str))
        return EXIT_OK
    if not found:
        ctx.say("Không có bản ghi nào có thể trùng.", "No possible duplicates.")
    for item in found:
        a, b = item["records"]
        label = "full_name" if item["entity"] == "person" else "address"
        print(
            f"{item['entity']} {item['a']} {a.get(label)!s} ~ {item['b']} {b.get(label)!s}"
            f" ({item['reason']}; {', '.join(item['differing']) or '-'})"
        )
    return EXIT_OK


@command("merge")
def _merge(args, ctx) -> int:
    store = ctx.open_store()
    try:
        done = store.merge_records(args.entity, args.keep_id, args.merged_id, args.take)
    finally:
        store.close()
    ctx.say(
        f"Đã gộp (lần gộp số {done['id']}); {done['moved']} bản ghi chuyển sang bản giữ lại.",
        f"Merged (merge #{done['id']}); {count_en(done['moved'], 'record')} moved to the one kept.",
    )
    return EXIT_OK


@command("split")
def _split(args, ctx) -> int:
    store = ctx.open_store()
    try:
        done = store.split_merge(args.merge_id)
    finally:
        store.close()
    ctx.say(
        f"Đã tách; {done['moved_back']} bản ghi trở lại.",
        f"Split; {count_en(done['moved_back'], 'record')} moved back.",
    )
    return EXIT_OK
