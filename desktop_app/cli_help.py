"""The command line's help in Vietnamese (the default) or English (``--lang en``).

Subcommands are registered in several modules with short English help; ``localize_parser`` walks
the finished parser and gives every command and option its explanation in the chosen language,
from ``HELP`` below (keyed by command path and option), plus examples in each epilog. An option
missing here keeps the help its module gave (a test lists any option without an explanation).
"""

from __future__ import annotations

import argparse

from desktop_app.core import cli_text
from desktop_app.core.benefits import CHANNELS
from desktop_app.core.cli_text import argparse_vi, early_lang, undocumented  # noqa: F401

# (command path, option or positional dest) -> (vi, en). "" is the top level; a command's own
# entry has the option None.
HELP: dict[tuple[str, str | None], tuple[str, str]] = {
    ("", None): (
        "Tận Tay — ghi thăm hộ và khả năng nhận tiền trợ cấp không dùng tiền mặt. Không có lệnh "
        "con: mở giao diện. Các lệnh con chạy không cần cửa sổ, với tư cách --user TÊN; mật khẩu "
        "hỏi khi chạy, hoặc lấy từ biến môi trường TANTAY_PASSWORD (TANTAY_NEW_PASSWORD cho mật "
        "khẩu mới). Mã thoát: 0 xong, 1 có vấn đề (đã giải thích), 2 sai cú pháp, 3 vai trò không "
        "được phép, 4 lỗi ngoài dự kiến (chi tiết trong nhật ký).",
        "Tận Tay — household visits and whether people can get their benefits without cash. "
        "Without a subcommand: opens the GUI. Subcommands run headless as --user NAME; the "
        "password is asked for, or read from the TANTAY_PASSWORD environment variable "
        "(TANTAY_NEW_PASSWORD for a new password). Exit codes: 0 done, 1 a problem explained in "
        "the message, 2 bad usage, 3 not allowed for this role, 4 unexpected error (see the log).",
    ),
    ("", "-h"): ("in hướng dẫn này rồi thoát", "show this help and exit"),
    ("", "--version"): ("in phiên bản rồi thoát", "print the version and exit"),
    ("", "--data-dir"): (
        "thư mục dữ liệu (mặc định: thư mục dữ liệu người dùng, hoặc biến TANTAY_DATA_DIR)",
        "data folder (default: the user data folder, or TANTAY_DATA_DIR)",
    ),
    ("", "--user"): (
        "người thực hiện lệnh con (tên đăng nhập); mật khẩu từ TANTAY_PASSWORD hoặc hỏi khi chạy",
        "who acts in a subcommand (user name); password from TANTAY_PASSWORD or a prompt",
    ),
    ("", "--lang"): (
        "ngôn ngữ của thông báo và của hướng dẫn này: vi (mặc định) hoặc en",
        "language of messages and of this help: vi (default) or en",
    ),
    ("", "--smoke-test"): (
        "kiểm tra khởi động (không hiện cửa sổ) trên CSDL tạm rồi thoát; 0 là tốt",
        "start-up check without a window on a throwaway database, then exit; 0 is good",
    ),
    ("", "--demo"): (
        "dùng CSDL demo (300 hộ giả, tạo khi chưa có) ở thư mục riêng …/TanTay/demo; với lệnh "
        "con cũng vậy (người dùng demo: volunteer, lead, officer, admin; mật khẩu demo1234)",
        "use the demo database (300 made-up households, created if absent) in its own folder "
        "…/TanTay/demo; subcommands too (demo users volunteer, lead, officer, admin; password "
        "demo1234)",
    ),
    ("", "--screenshots"): (
        "cùng --demo: đăng nhập tổ viên demo, chụp mỗi màn hình một ảnh PNG vào DIR rồi thoát",
        "with --demo: log in as the demo volunteer, save a PNG of each screen in DIR, exit",
    ),
    ("demo-data", None): (
        "thêm dữ liệu giả vào CSDL (tạo CSDL với 4 người dùng demo nếu chưa có)",
        "fill the database with made-up data (creates it with the four demo users if absent)",
    ),
    ("demo-data", "--households"): (
        "số hộ giả cần tạo (1–200000)",
        "households to make (1–200000)",
    ),
    ("demo-data", "--commune"): (
        "mã xã/phường (danh sách từ 1/7/2025; mặc định 00070 Phường Hoàn Kiếm)",
        "commune code (list from 1 July 2025; default 00070 Phường Hoàn Kiếm)",
    ),
    ("user", None): ("quản lý người dùng của máy (quản trị)", "manage local users (admin)"),
    ("user add", None): (
        "thêm người dùng; mật khẩu từ TANTAY_NEW_PASSWORD hoặc hỏi hai lần",
        "add a user; password from TANTAY_NEW_PASSWORD or asked twice",
    ),
    ("user add", "name"): ("tên đăng nhập mới", "the new user name"),
    ("user add", "--role"): (
        "vai trò: volunteer (tổ viên), team_lead (tổ trưởng), police_officer (công an xã), admin",
        "role: volunteer, team_lead, police_officer or admin",
    ),
    ("user add", "--full-name"): ("họ và tên (mặc định: NAME)", "full name (default: NAME)"),
    ("user passwd", None): (
        "đổi mật khẩu của mình, hoặc (quản trị) đặt mật khẩu mới cho người khác",
        "change your password, or (admin) set another user's",
    ),
    ("user passwd", "name"): ("tên đăng nhập", "user name"),
    ("user disable", None): ("khoá một tài khoản", "disable a user"),
    ("user disable", "name"): ("tên đăng nhập", "user name"),
    ("audit", None): ("nhật ký kiểm tra", "audit log"),
    ("audit verify", None): (
        "kiểm tra chuỗi băm của nhật ký; thoát 1 và báo mục đầu tiên bị sửa",
        "check the hash chain; exit 1 and name the first changed entry",
    ),
    ("report", None): (
        "báo cáo tiếp cận chi trả (xlsx, pdf hoặc json) cho một kỳ",
        "the payment-access report (xlsx, pdf or json) for a period",
    ),
    ("report", "--period"): ("tháng đầu của kỳ, dạng YYYY-MM", "first month, as YYYY-MM"),
    ("report", "--to"): (
        "tháng cuối của kỳ, YYYY-MM (mặc định: bằng --period)",
        "last month, YYYY-MM (default: --period)",
    ),
    ("report", "--village"): (
        "chỉ một thôn/tổ dân phố, tên như trong ứng dụng (mặc định: cả xã)",
        "one village only, named as in the app (default: the whole commune)",
    ),
    ("report", "--channel"): (
        "chỉ một hình thức nhận: " + ", ".join(CHANNELS) + " (mặc định: mọi hình thức)",
        "one payment channel only: " + ", ".join(CHANNELS) + " (default: all)",
    ),
    ("report", "--age-band"): (
        "chỉ một nhóm tuổi: under_75, 75_79 hoặc 80_plus (mặc định: mọi tuổi)",
        "one age band only: under_75, 75_79 or 80_plus (default: all ages)",
    ),
    ("report", "--format"): (
        "xlsx (3 trang tính), pdf (A4 có biểu đồ) hoặc json (các khoá trong README)",
        "xlsx (three sheets), pdf (A4 with charts) or json (keys in the README)",
    ),
    ("report", "--out"): ("tệp sẽ ghi ra", "the file to write"),
    ("import-beneficiaries", None): (
        "nhập danh sách đối tượng chính thức (xlsx, xls, csv); không có --commit thì chỉ thử",
        "import the official beneficiary list (xlsx, xls, csv); a dry run without --commit",
    ),
    ("import-beneficiaries", "file"): ("tệp danh sách", "the list file"),
    ("import-beneficiaries", "--list-schemes"): (
        "liệt kê các mã CHẾ_ĐỘ:ĐỐI_TƯỢNG dùng cho --map-scheme rồi dừng",
        "list the SCHEME:CATEGORY codes for --map-scheme and stop",
    ),
    ("import-beneficiaries", "--sheet"): (
        "tên trang tính (mặc định: trang đầu tiên có dữ liệu)",
        "sheet name (default: the first sheet with data)",
    ),
    ("import-beneficiaries", "--commit"): (
        "ghi vào CSDL (mặc định: chỉ kiểm tra, không ghi gì)",
        "write to the database (default: only check, write nothing)",
    ),
    ("import-beneficiaries", "--json"): ("in bản tóm tắt dạng JSON", "print the summary as JSON"),
    ("import-beneficiaries", "--map-scheme"): (
        "gán chế độ ghi trong danh sách với mã chế độ: CHỮ=MÃ (lặp lại được; nhớ khi --commit)",
        "map a scheme as written in the list to a scheme code: TEXT=CODE (repeat; kept on "
        "--commit)",
    ),
    ("import-beneficiaries", "--column"): (
        "dùng cột có tiêu đề này cho một trường: TRƯỜNG=TIÊU_ĐỀ, để trống để bỏ qua",
        "use the column with this header for a field: FIELD=HEADER, empty to ignore",
    ),
    ("import-beneficiaries", "--confirm-row"): (
        "vẫn nhập dòng N dù chỉ có họ tên (lặp lại được)",
        "import row N although it has only a name (repeat)",
    ),
    ("verify", None): (
        "ghi kết quả xác minh danh tính (chỉ công an xã; vai trò khác thoát 3)",
        "record an identity verification (police officer only; others exit 3)",
    ),
    ("verify", "person_id"): ("mã người (trong ứng dụng)", "the person's id (from the app)"),
    ("verify", "--method"): (
        "cách xác minh: chip_card (đọc chip), card_in_person (đối chiếu thẻ), vneid, "
        "population_data (dữ liệu dân cư)",
        "method: chip_card, card_in_person, vneid, population_data",
    ),
    ("verify", "--result"): (
        "kết quả: verified (khớp), mismatch (không khớp), unable (không xác minh được)",
        "result: verified, mismatch, unable",
    ),
    ("verify", "--mismatch"): (
        "một trường không khớp (lặp lại cho nhiều trường)",
        "a field that did not match (repeat for several)",
    ),
    ("verify", "--note"): ("ghi chú", "a note"),
    ("setup", None): (
        "tạo cơ sở dữ liệu mã hoá của máy này, như cửa sổ cài đặt lần đầu (mật khẩu của người"
        " quản trị: TANTAY_NEW_PASSWORD, hoặc hỏi hai lần); in khoá khôi phục một lần",
        "create this laptop's encrypted database, as the first-run window does (the admin's"
        " password: TANTAY_NEW_PASSWORD, or asked twice); prints the recovery key once",
    ),
    ("setup", "--commune"): (
        'mã hoặc tên xã, phường: 00070, "Hoàn Kiếm", "phuong hoan kiem"',
        'the commune\'s code or name: 00070, "Hoàn Kiếm", "phuong hoan kiem"',
    ),
    ("setup", "--admin"): (
        "tên đăng nhập của người quản trị đầu tiên",
        "the first admin's user name",
    ),
    ("setup", "--full-name"): ("họ và tên người quản trị", "the admin's full name"),
    ("setup", "--village"): (
        "một thôn hoặc tổ dân phố (lặp lại cho nhiều; máy thứ hai của xã để trống)",
        "a village or residential group (repeat; a commune's second laptop leaves them out)",
    ),
    ("setup", "--recovery-out"): (
        "ghi khoá khôi phục vào tệp mới này (quyền 0600) thay vì in ra màn hình",
        "write the recovery key to this new file (mode 0600) instead of the screen",
    ),
    ("enroll", None): (
        "đăng ký máy này với máy chủ thành phố (quản trị, một lần, khi có mạng)",
        "enrol this laptop with the city server (admin, once, online)",
    ),
    ("enroll", "--server"): ("địa chỉ máy chủ, ví dụ https://…", "server address, e.g. https://…"),
    ("enroll", "--code"): (
        "mã dùng một lần do cán bộ quản lý máy chủ cấp",
        "the one-time code from the server operator",
    ),
    ("enroll", "--name"): (
        "tên máy hiện trên máy chủ, trang quản trị và khi nhập gói USB (mặc định: tên máy tính)",
        "the name the server, its admin page and the USB imports show (default: the computer's)",
    ),
    ("enroll", "--again"): (
        "đăng ký lại một máy đã đăng ký (máy chủ mới, máy đã bị thu hồi)",
        "enrol a laptop that is enrolled already (a new server, a revoked device)",
    ),
    ("sync", None): (
        "một lượt gửi và nhận với máy chủ; thoát 0 khi không còn gì chờ gửi",
        "one push-and-pull round; exit 0 when nothing is left to send",
    ),
    ("sync", "--json"): (
        "in kết quả dạng một dòng JSON (cho script)",
        "print the result as one JSON line (for scripts)",
    ),
    ("sync", "--batch-size"): (
        "số thay đổi mỗi lô gửi đi (mặc định 500)",
        "changes per batch sent (default 500)",
    ),
    ("export-bundle", None): (
        "ghi mọi thay đổi chưa được xác nhận vào một gói USB mã hoá (.ttb); in đường dẫn tệp",
        "write every unconfirmed change to an encrypted USB bundle (.ttb); prints its path",
    ),
    ("export-bundle", "--out"): ("thư mục ghi gói (ổ USB)", "folder to write to (the USB stick)"),
    ("export-bundle", "--list"): (
        "liệt kê các gói đã xuất mà chưa có biên nhận (không có --out: chỉ liệt kê, không ghi gì)",
        "list bundles written but never confirmed (alone: list only, write nothing)",
    ),
    ("import-receipt", None): (
        "nhập tệp biên nhận máy chủ gửi về (.ttb)",
        "import the city server's receipt bundle (.ttb)",
    ),
    ("import-receipt", "file"): ("tệp biên nhận", "the receipt file"),
    ("import-receipt", "--json"): ("in bản tóm tắt dạng JSON", "print the summary as JSON"),
    ("status", None): (
        "máy này đang giữ gì: bản ghi, chờ gửi, bị cách ly, xung đột, trùng lặp",
        "what this laptop holds: records, waiting, quarantined, conflicts, duplicates",
    ),
    ("status", "--json"): ("in một đối tượng JSON", "print one JSON object"),
    ("duplicates", None): (
        "người và hộ có thể bị trùng (tổ trưởng)",
        "possible duplicate persons and households (team lead)",
    ),
    ("duplicates", "--json"): ("in dạng JSON", "print JSON"),
    ("merge", None): (
        "gộp một người hoặc hộ bị trùng vào bản ghi khác",
        "merge a duplicate person or household into another",
    ),
    ("merge", "entity"): ("person (người) hoặc household (hộ)", "person or household"),
    ("merge", "keep_id"): ("bản ghi được giữ lại", "the record that stays"),
    ("merge", "merged_id"): ("bản ghi được gộp vào", "the record merged into it"),
    ("merge", "--take"): (
        "lấy giá trị trường này từ bản ghi được gộp (lặp lại được)",
        "take this field's value from the merged record (repeat)",
    ),
    ("split", None): ("huỷ một lần gộp làm trên máy này", "undo a merge made on this laptop"),
    ("split", "merge_id"): ("số của lần gộp", "the merge's number"),
    ("search", None): (
        "tìm hộ như danh sách hộ (số định danh bị che như trên màn hình)",
        "find households as the household list does (ID numbers masked as on screen)",
    ),
    ("search", "query"): (
        "tên, địa chỉ, số điện thoại hoặc số định danh đầy đủ (không cần dấu)",
        "a name, address, phone or whole ID number (accents optional)",
    ),
    ("search", "--json"): ("in kết quả dạng JSON", "print the result as JSON"),
    ("officer-enroll", None): (
        "đăng ký khoá ký của cán bộ công an với máy chủ",
        "register a police officer's signing key with the city server",
    ),
    ("officer-enroll", "--code"): ("mã đăng ký cán bộ", "the officer code"),
    ("rotate-key", None): (
        "đổi khoá cơ sở dữ liệu (khi lộ mật khẩu)",
        "re-key the database (after a leaked password)",
    ),
    ("rotate-key", "--reason"): (
        "lý do: password_leaked (lộ mật khẩu, mặc định) hoặc routine (định kỳ)",
        "reason: password_leaked (default) or routine",
    ),
    ("search", "--limit"): (
        "tối đa bao nhiêu hộ (1–1000)",
        "at most this many households (1–1000)",
    ),
}

EXAMPLES = {
    "": (
        "Ví dụ:\n"
        "  tantay --demo                      mở ứng dụng trên dữ liệu demo\n"
        "  tantay --demo --user lead report --period 2026-10 --format json --out bao-cao.json\n"
        "  TANTAY_PASSWORD=… tantay --user admin user add lan --role volunteer "
        '--full-name "Đỗ Thị Lan"\n'
        "  tantay --user lead export-bundle --out /media/usb\n"
        "  tantay report --help               hướng dẫn của một lệnh con\n",
        "Examples:\n"
        "  tantay --demo                      open the app on the demo data\n"
        "  tantay --demo --user lead report --period 2026-10 --format json --out report.json\n"
        "  TANTAY_PASSWORD=… tantay --user admin user add lan --role volunteer "
        '--full-name "Đỗ Thị Lan"\n'
        "  tantay --user lead export-bundle --out /media/usb\n"
        "  tantay --lang en report --help     help for one subcommand\n",
    ),
    "report": (
        "Ví dụ:\n"
        "  tantay --demo --user lead report --period 2026-10 --format json --out bao-cao.json\n"
        "  tantay --user lead report --period 2026-10 --to 2026-12 "
        '--village "Tổ dân phố số 1 Hàng Bạc" --format xlsx --out quy4.xlsx\n',
        "Examples:\n"
        "  tantay --demo --user lead report --period 2026-10 --format json --out report.json\n"
        "  tantay --user lead report --period 2026-10 --to 2026-12 "
        '--village "Tổ dân phố số 1 Hàng Bạc" --format xlsx --out q4.xlsx\n',
    ),
    "import-beneficiaries": (
        "Ví dụ:\n"
        "  tantay --user admin import-beneficiaries danh_sach.xlsx            (chỉ kiểm tra)\n"
        "  tantay --user admin import-beneficiaries danh_sach.xlsx --commit   (ghi vào CSDL)\n",
        "Examples:\n"
        "  tantay --user admin import-beneficiaries list.xlsx            (check only)\n"
        "  tantay --user admin import-beneficiaries list.xlsx --commit   (write)\n",
    ),
    "verify": (
        "Ví dụ:\n  tantay --user officer verify PERSON_ID --method chip_card --result verified\n",
        "Example:\n  tantay --user officer verify PERSON_ID --method chip_card --result verified\n",
    ),
    "export-bundle": (
        "Ví dụ:\n  tantay --user lead export-bundle --out /media/usb\n"
        "  tantay --user lead export-bundle --list   (chỉ xem các gói chưa có biên nhận)\n",
        "Example:\n  tantay --user lead export-bundle --out /media/usb\n"
        "  tantay --user lead export-bundle --list   (only see bundles without a receipt)\n",
    ),
    "user add": (
        'Ví dụ:\n  tantay --user admin user add lan --role volunteer --full-name "Đỗ Thị Lan"\n',
        'Example:\n  tantay --user admin user add lan --role volunteer --full-name "Đỗ Thị Lan"\n',
    ),
}


def localize_parser(parser: argparse.ArgumentParser, lang: str, path: str = "") -> None:
    """The laptop's command line with its help in ``lang`` (``cli_text.localize_parser``)."""
    cli_text.localize_parser(parser, lang, HELP, EXAMPLES, path)
