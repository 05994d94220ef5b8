"""The city server's command-line help in Vietnamese (the default) or English (``TANTAY_LANG=en``).

The same mechanism as the laptop's (``desktop_app.cli_help.localize_parser``): the parser is
built with short English help, then every command and option gets its explanation from ``HELP``
(keyed by command path and option; ``"*"`` holds the options several commands share).
tests/server/test_cli_help.py lists any command or option left without one.
"""

from __future__ import annotations

DB_VI = "CSDL của máy chủ: tệp SQLite đã có, hoặc postgresql://NGƯỜI_DÙNG@MÁY/CSDL"
DB_EN = "the server's database: an existing SQLite file, or postgresql://USER@HOST/DATABASE"
COMMUNE = ("xã, phường: tên hoặc mã 5 chữ số", "the commune: its name or 5-digit code")
COMMUNES = (
    "nhiều xã, phường, cách nhau bằng dấu phẩy (tên hoặc mã)",
    "several, comma-separated (names or codes)",
)
# the dashboard's commands open the database only: the key file matters with PostgreSQL
DASHBOARD_KEYS = (
    "tệp khoá của máy chủ (PostgreSQL cần)",
    "the server's key file (PostgreSQL needs it)",
)

HELP: dict[tuple[str, str | None], tuple[str, str]] = {
    ("", None): (
        "Máy chủ thành phố của Tận Tay: chạy máy chủ (serve) và các việc của người vận hành — mã "
        "đăng ký máy, thu hồi máy, nhập gói USB, khoá của công an, tài khoản trang tổng hợp, báo "
        "cáo. Hướng dẫn bằng tiếng Anh: đặt TANTAY_LANG=en.",
        "The Tận Tay city server: run it (serve) and the operator's tasks — enrolment codes, "
        "revoking laptops, USB bundles, police officers' keys, dashboard accounts, reports. "
        "Help in Vietnamese: leave TANTAY_LANG unset (or vi).",
    ),
    ("", "-h"): ("in hướng dẫn này rồi thoát", "show this help and exit"),
    ("*", "--db"): (DB_VI, DB_EN),
    ("*", "--keys"): (
        "tệp khoá của máy chủ (init-keys); mặc định: cạnh tệp SQLite; với PostgreSQL thì bắt buộc "
        "cho các lệnh ký (serve, import-bundle, fingerprint)",
        "the server's key file (init-keys); default: beside a SQLite database; with PostgreSQL "
        "required by the commands that sign (serve, import-bundle, fingerprint)",
    ),
    ("serve", None): ("chạy máy chủ HTTP (uvicorn)", "run the HTTP server (uvicorn)"),
    ("serve", "--db"): (
        "tệp SQLite (tạo mới nếu chưa có) hoặc postgresql://NGƯỜI_DÙNG@MÁY/CSDL",
        "SQLite database file (created if missing) or postgresql://USER@HOST/DATABASE",
    ),
    ("serve", "--host"): (
        "địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này)",
        "address to listen on (default 127.0.0.1: this machine only)",
    ),
    ("serve", "--port"): ("cổng (mặc định 8765)", "port (default 8765)"),
    ("serve", "--workers"): (
        "số tiến trình (chỉ với PostgreSQL; SQLite chỉ có một người ghi nên một tiến trình)",
        "worker processes (PostgreSQL only; SQLite has one writer, so one process)",
    ),
    ("serve", "--trusted-proxy"): (
        "máy proxy ngược được tin X-Forwarded-For (lặp lại cho nhiều máy)",
        "a reverse proxy whose X-Forwarded-For is believed (repeat for several)",
    ),
    ("enrollment-code", None): (
        "in mã đăng ký dùng một lần (mỗi máy tính xã một mã)",
        "print one-time enrolment codes (one per laptop)",
    ),
    ("enrollment-code", "--commune"): COMMUNE,
    ("enrollment-code", "--communes"): COMMUNES,
    ("enrollment-code", "--valid-days"): (
        "số ngày còn hiệu lực, 1–30 (mặc định 7), như trên trang quản trị",
        "whole days, 1-30 (default 7), as on the admin page",
    ),
    ("enrollment-code", "--count"): (
        "bao nhiêu mã, 1–500 (mặc định 1): mỗi mã đăng ký một máy",
        "how many codes, 1-500 (default 1): each enrols one laptop",
    ),
    ("enrollment-code", "--csv"): (
        "ghi các mã vào tệp CSV mới này (chỉ chủ tệp đọc được) thay vì in ra: mã, số tham chiếu, "
        "mã xã, tên xã, hạn dùng; tên tệp đuôi .xlsx thì ghi thành bảng Excel",
        "write the codes to this new file (CSV, readable by its owner only) instead of printing "
        "them: code, reference, commune codes, communes, valid until; a name ending in .xlsx "
        "writes an Excel workbook",
    ),
    ("stats", None): ("in các số đếm dạng JSON", "print counts as JSON"),
    ("revoke-device", None): (
        "thu hồi một máy: máy đó không đồng bộ được nữa",
        "stop a device from syncing",
    ),
    ("revoke-device", "device_id"): (
        "mã máy (trang quản trị, cột Mã máy)",
        "the device id (admin page, Device id column)",
    ),
    ("gaps", None): (
        "in các khoảng số thứ tự còn thiếu của từng máy (JSON)",
        "print missing sequence ranges per device as JSON",
    ),
    ("gaps", "device_id"): ("chỉ máy này (mã máy)", "only this device (its id)"),
    ("import-bundle", None): (
        "nhập các gói USB (.ttb); in đường dẫn của từng gói biên nhận để mang về máy",
        "import USB bundles (.ttb); print the path of each receipt bundle",
    ),
    ("import-bundle", "file"): (
        "các tệp gói từ máy tính xã (được dùng *, ví dụ E:\\tantay-*.ttb), tất cả trong một lệnh"
        " để mỗi biên nhận mang về cả thay đổi của các máy kia",
        "the bundle files from the laptops (* allowed, e.g. E:\\tantay-*.ttb), all in one"
        " command so that each receipt also brings back the other laptops' changes",
    ),
    ("import-bundle", "--receipt-out"): (
        "thư mục để ghi gói biên nhận (mặc định: thư mục của gói)",
        "folder for the receipt bundle (default: the bundle's folder)",
    ),
    ("officer-code", None): (
        "in mã dùng một lần để đăng ký khoá của một cán bộ công an",
        "print a one-time police officer key code",
    ),
    ("officer-code", "--commune"): COMMUNE,
    ("officer-code", "--communes"): COMMUNES,
    ("officers", None): (
        "liệt kê khoá của cán bộ công an đã đăng ký (JSON)",
        "list registered police officer keys as JSON",
    ),
    ("revoke-officer", None): (
        "thu hồi khoá ký của một cán bộ công an",
        "revoke a police officer's signing key",
    ),
    ("revoke-officer", "public_key"): (
        "khoá công khai của cán bộ (lệnh officers)",
        "the officer's public key (see officers)",
    ),
    ("audit-verify", None): (
        "kiểm tra chuỗi nhật ký của mọi máy với các mốc đã neo (thoát 1 nếu có sai lệch)",
        "check every device's anchored audit-chain heads (exit 1 if not)",
    ),
    ("fingerprint", None): (
        "in dấu vân tay khoá máy chủ, để so với dấu máy tính xã hiện khi đăng ký",
        "print the server key's fingerprint, to compare with the one a laptop shows",
    ),
    ("advance-feed", None): (
        "sau khi khôi phục hoặc chuyển máy dự phòng: vị trí mới bắt đầu sau mọi vị trí máy tính "
        "xã đã thấy",
        "after a restore or failover: new feed positions start past any a laptop has seen",
    ),
    ("advance-feed", "--by"): (
        "tăng thêm bao nhiêu (mặc định 1.000.000.000)",
        "how far to move (default 1,000,000,000)",
    ),
    ("init-keys", None): (
        "tạo tệp khoá của máy chủ (quyền 0600); không bao giờ ghi đè tệp đã có",
        "create the server's key file (mode 0600); never overwrites one",
    ),
    ("init-keys", "file"): (
        "nơi ghi tệp, ví dụ /etc/tantay/server-keys.json",
        "where to write it, e.g. /etc/tantay/server-keys.json",
    ),
    ("user", None): ("tài khoản của trang tổng hợp", "dashboard accounts"),
    ("user add", None): (
        "thêm một tài khoản trang tổng hợp (hoặc đặt lại tài khoản đã có, với --reset); mật khẩu "
        "từ TANTAY_PASSWORD hoặc hỏi khi chạy",
        "add a dashboard account (or reset one, with --reset); password from TANTAY_PASSWORD or "
        "a prompt",
    ),
    ("user add", "--keys"): DASHBOARD_KEYS,
    ("user add", "--reset"): (
        "tài khoản đã có: đặt lại mật khẩu, vai trò và xã, phường",
        "the account exists: set its password, role and communes anew",
    ),
    ("user add", "name"): (
        "tên đăng nhập: chữ a-z, số, dấu chấm, gạch ngang, gạch dưới (1–60 ký tự)",
        "the login name: letters a-z, digits, dot, dash, underscore (1-60)",
    ),
    ("user add", "--role"): (
        "city_admin (quản trị: máy, mã đăng ký, nhật ký), city_analyst (chuyên viên thành phố: "
        "số liệu tổng hợp mọi xã), commune_official (cán bộ xã: xã của mình, kèm danh sách chưa "
        "rút tiền)",
        "city_admin (devices, codes, the log), city_analyst (aggregates of every commune), "
        "commune_official (its communes, with the not-withdrawn list)",
    ),
    ("user add", "--commune"): (
        "xã, phường của cán bộ xã: tên hoặc mã 5 chữ số, ví dụ --commune 00008 00070 hoặc "
        '--commune "Ngọc Hà, Hoàn Kiếm"',
        "the official's communes: names or 5-digit codes, e.g. --commune 00008 00070 or "
        '--commune "Ngọc Hà, Hoàn Kiếm"',
    ),
    ("report", None): (
        "báo cáo tiếp cận chi trả từ số liệu của máy chủ (cùng cách tính với máy tính xã)",
        "the payment-access report from the server (the laptop's own computation)",
    ),
    ("report", "--keys"): DASHBOARD_KEYS,
    ("report", "--period"): ("tháng đầu, dạng YYYY-MM", "first month, YYYY-MM"),
    ("report", "--to"): (
        "tháng cuối, dạng YYYY-MM (mặc định: bằng --period)",
        "last month, YYYY-MM (default: --period)",
    ),
    ("report", "--commune"): (
        "một xã, phường (tên hoặc mã); bỏ trống: toàn thành phố",
        "one commune (name or code); without it: the whole city",
    ),
    ("report", "--format"): ("định dạng: json, xlsx hoặc pdf", "format: json, xlsx or pdf"),
    ("report", "--out"): ("tệp sẽ ghi", "the file to write"),
    ("report", "--lang"): (
        "ngôn ngữ của báo cáo: vi (mặc định) hoặc en",
        "language of the report: vi (default) or en",
    ),
    ("demo-data", None): (
        "tạo số liệu giả của thành phố qua đúng đường nhận dữ liệu (để thử, để trình diễn)",
        "made-up city data via the intake path (to try or show the dashboard)",
    ),
    ("demo-data", "--db"): (
        "tệp SQLite (tạo mới nếu chưa có) hoặc postgresql://…",
        "SQLite file (created if missing) or postgresql://…",
    ),
    ("demo-data", "--keys"): DASHBOARD_KEYS,
    ("demo-data", "--communes"): (
        "số xã, phường, lấy theo thứ tự danh sách của Hà Nội (mặc định 126)",
        "how many communes, in the order of Hà Nội's list (default 126)",
    ),
    ("demo-data", "--commune"): (
        "chọn xã, phường: tên hoặc mã 5 chữ số, cách nhau bằng dấu phẩy, lặp lại được"
        ' (--commune "Ngọc Hà, Giảng Võ"); thay cho --communes',
        "which communes: names or 5-digit codes, comma-separated, repeatable"
        ' (--commune "Ngọc Hà, Giảng Võ"); instead of --communes',
    ),
    ("demo-data", "--beneficiaries"): (
        "số người hưởng, chia cho các xã (mặc định 300.000)",
        "beneficiaries, spread over the communes (default 300,000)",
    ),
    ("demo-data", "--months"): (
        "số tháng chi trả (mặc định 24)",
        "months of payments (default 24)",
    ),
    ("demo-data", "--seed"): (
        "hạt giống ngẫu nhiên (cùng số, cùng dữ liệu)",
        "random seed (same seed, same data)",
    ),
    ("dashboard-refresh", None): (
        "tính lại số liệu của trang tổng hợp ngay",
        "compute dashboard cells now",
    ),
    ("dashboard-refresh", "--keys"): DASHBOARD_KEYS,
    ("dashboard-refresh", "--all"): (
        "mọi xã, không chỉ những xã có số liệu mới",
        "every commune, not only those with new data",
    ),
}

EXAMPLES: dict[str, tuple[str, str]] = {
    "": (
        "ví dụ:\n"
        "  python -m city_server serve --db city.db\n"
        '  python -m city_server enrollment-code --db city.db --commune "Ngọc Hà" --count 25 '
        "--csv ma-ngoc-ha.csv\n"
        "  python -m city_server user add canbo.ngocha --role commune_official "
        '--commune "Ngọc Hà" --db city.db',
        "examples:\n"
        "  python -m city_server serve --db city.db\n"
        '  python -m city_server enrollment-code --db city.db --commune "Ngọc Hà" --count 25 '
        "--csv codes-ngoc-ha.csv\n"
        "  python -m city_server user add canbo.ngocha --role commune_official "
        '--commune "Ngọc Hà" --db city.db',
    ),
}
