"""The admin and sign-in pages' texts of issue 14, round five: (Vietnamese, English)."""

from __future__ import annotations

ADMIN_TEXTS: dict[str, tuple[str, str]] = {
    "command_line": ("dòng lệnh trên máy chủ", "the server's command line"),
    "admin_exports": (
        "Danh sách thiết bị, mã đăng ký và khoá của công an (theo bộ lọc đang chọn):",
        "The devices, enrolment codes and officers' keys (as filtered):",
    ),
    # accounts
    "unlock": ("Mở khóa", "Unlock"),
    "done_unlock": (
        "Đã mở khóa «{name}»: tài khoản đăng nhập lại được ngay.",
        "“{name}” is unlocked: it can sign in again at once.",
    ),
    "not_locked": ("Tài khoản «{name}» không bị tạm khóa.", "“{name}” is not locked."),
    "unlock_hint": (
        "Tài khoản sai mật khẩu {n} lần liền bị tạm khóa {m} phút. Bấm «Mở khóa» để mở ngay;"
        " đặt lại mật khẩu cũng mở khóa.",
        "An account with {n} wrong passwords in a row is locked for {m} minutes. “Unlock” opens"
        " it at once; a password reset also unlocks it.",
    ),
    "disable_title": ("Khóa tài khoản này?", "Disable this account?"),
    "disable_explain": (
        "Tài khoản bị khóa không đăng nhập được nữa và các phiên đang mở của nó kết thúc ngay."
        " Có thể mở lại sau bằng nút «Mở lại».",
        "A disabled account can no longer sign in and its open sessions end at once. It can be"
        " enabled again later with “Enable”.",
    ),
    "disable_yes": ("Khóa tài khoản", "Disable the account"),
    "change_communes": ("Đổi xã, phường", "Change communes"),
    "communes_of": ("Mã xã, phường của {name}", "Commune codes of {name}"),
    "done_communes": (
        "Đã đổi xã, phường của «{name}»: {communes}.",
        "The communes of “{name}” are now: {communes}.",
    ),
    "communes_only_official": (
        "Chỉ tài khoản cán bộ xã, phường mới có danh sách xã, phường.",
        "Only a commune official has a list of communes.",
    ),
    "unknown_commune_change": (
        "Không có xã, phường {codes} trong danh mục đơn vị hành chính của Hà Nội (danh mục"
        " 2025-07-01). Hãy kiểm tra lại tên hoặc mã (5 chữ số); chưa đổi gì.",
        "There is no Hà Nội commune {codes} in the administrative units list"
        " (2025-07-01). Check the name or the code (5 digits); nothing was changed.",
    ),
    "name_hint": (
        "Chữ không dấu a–z, chữ số, dấu chấm, gạch ngang, gạch dưới (ví dụ: nguyen.van.a);"
        " không phân biệt chữ hoa, chữ thường.",
        "Letters a–z without accents, digits, dot, dash, underscore (e.g. nguyen.van.a);"
        " letter case is ignored.",
    ),
    "bad_name_chars": (
        "Tên đăng nhập chỉ gồm chữ không dấu a–z, chữ số, dấu chấm, gạch ngang, gạch dưới"
        " (1–60 ký tự), ví dụ nguyen.van.a.",
        "A user name has only letters a–z without accents, digits, dot, dash and underscore"
        " (1–60 characters), e.g. nguyen.van.a.",
    ),
    # devices and codes
    "already_revoked": (
        "Máy «{name}» ({id}) đã bị thu hồi lúc {at}; không cần làm gì thêm.",
        "The laptop “{name}” ({id}) was already revoked on {at}; nothing more to do.",
    ),
    "already_revoked_no_time": (
        "Máy «{name}» ({id}) đã bị thu hồi; không cần làm gì thêm.",
        "The laptop “{name}” ({id}) was already revoked; nothing more to do.",
    ),
    "code_gone": (
        "Mã đăng ký này không còn: đã bị hủy hoặc đã hết hạn và được xóa; không cần làm gì thêm.",
        "This enrolment code is gone: cancelled, or expired and removed; nothing more to do.",
    ),
    "code_never_made": (
        "Không có mã đăng ký nào có số tham chiếu này. Hãy kiểm tra lại số tham chiếu trong"
        " danh sách mã đăng ký; không có gì bị hủy.",
        "No enrolment code has this reference. Check the reference in the list of enrolment"
        " codes; nothing was cancelled.",
    ),
    "code_used_by": (
        "Mã đăng ký này đã được dùng lúc {at} để đăng ký máy «{name}»; không hủy được nữa."
        " Muốn chặn máy đó thì thu hồi máy.",
        "This enrolment code was used on {at} to enrol the laptop “{name}”; it can no longer be"
        " cancelled. To stop that laptop, revoke it.",
    ),
    "code_cancelled_on": (
        "Mã đăng ký này của {communes} đã bị {user} hủy lúc {at}; không cần làm gì thêm.",
        "This enrolment code for {communes} was already cancelled by {user} on {at}; nothing"
        " more to do.",
    ),
    "code_title": ("Mã đăng ký máy", "Enrolment code"),
    "revoke_done_title": ("Máy đã bị thu hồi", "Laptop already revoked"),
    "no_laptop_found": ("Không tìm thấy máy nào.", "No laptop found."),
    "device_id": ("Mã máy", "Device id"),
    "enrolled_at": ("Đăng ký lúc", "Enrolled on"),
    "used_by": ("Máy đã dùng mã", "Laptop that used it"),
    "to_code_form": ("Tạo mã đăng ký máy mới ↓", "Make a new enrolment code ↓"),
    "client_address": ("Địa chỉ máy truy cập", "Client address"),
    "back_to_admin": ("Về trang thiết bị", "Back to the devices page"),
    # the sixth tryout: never-synced laptops, code references, the days a code is valid
    "state_never": ("Chưa gửi số liệu lần nào", "Never sent any data"),
    "order_silent": (
        "Xếp máy ngừng gửi lâu nhất lên đầu (lần gửi gần nhất cũ nhất).",
        "Longest silent first (the oldest last sync).",
    ),
    "order_never": (
        "Xếp máy đăng ký lâu nhất mà chưa gửi lần nào lên đầu.",
        "Longest waiting first (the oldest enrolment).",
    ),
    "code_reference": ("Số tham chiếu", "Reference"),
    "no_code_found": ("Không có mã đăng ký nào.", "No enrolment code."),
    "code_steps": (
        "Trên máy tính của xã (tài khoản quản trị): trang «Đồng bộ» → nhập địa chỉ máy chủ {server}"
        " và một mã → «Đăng ký máy này». Mỗi mã dùng cho một máy, một lần.",
        "On the commune's laptop (admin account): the “Sync” page → enter the server address"
        " {server} and one code → “Enrol this laptop”. Each code enrols one laptop, once.",
    ),
    "code_ref_note": (
        "Số tham chiếu của mã này (ghi lại để tìm hoặc hủy mã trong danh sách; không phải mã):",
        "This code's reference (note it to find or cancel the code in the list; it is not the"
        " code):",
    ),
    "code_ref_hint": ("8 chữ số, chữ a–f", "8 digits, letters a–f"),
    "bad_code_count": (
        "Số mã phải là số nguyên từ 1 đến 50 (đã nhập «{count}»); nhiều hơn thì dùng lệnh"
        " enrollment-code --count. Chưa có mã đăng ký nào được tạo.",
        "The number of codes must be a whole number from 1 to 50 (“{count}” was typed); for"
        " more, use the enrollment-code --count command. No enrolment code was created.",
    ),
    "code_count": ("Số mã (mỗi máy một mã)", "Codes (one per laptop)"),
    "codes_made": (
        "{n} mã đăng ký mới (chỉ hiện một lần: hãy in hoặc chép lại ngay)",
        "{n} new enrolment codes (shown once: print or copy them now)",
    ),
    "code_number": ("Máy", "Laptop"),
    "code_column": ("Mã đăng ký", "Enrolment code"),
    "ref_column": ("Số tham chiếu", "Reference"),
    "bad_code_days": (
        "Số ngày hiệu lực phải là số nguyên từ 1 đến 30 (đã nhập «{days}»); chưa có mã đăng ký"
        " nào được tạo.",
        "The days a code is valid must be a whole number from 1 to 30 (“{days}” was typed); no"
        " enrolment code was created.",
    ),
    # the leftovers of issue 14: a self-reset, the filters of one table
    "password_changed": (
        "Mật khẩu của bạn vừa được đổi. Hãy đăng nhập lại bằng mật khẩu mới.",
        "Your password was changed. Sign in again with the new password.",
    ),
}
