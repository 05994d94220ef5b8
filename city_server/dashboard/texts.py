"""Every word the dashboard shows, in Vietnamese (the default) and English."""

from __future__ import annotations

from desktop_app.core.benefits import AGE_BANDS, BARRIERS, CHANNELS
from desktop_app.core.report_export import SUMMARY_METRICS

TEXTS: dict[str, tuple[str, str]] = {
    "app": ("Tận Tay — Bảng điều khiển thành phố", "Tận Tay — City dashboard"),
    "city": ("Hà Nội", "Hà Nội"),
    "overview": ("Tổng quan Hà Nội", "Hà Nội overview"),
    "communes": ("Xã, phường", "Communes"),
    "my_communes": ("Xã, phường của tôi", "My communes"),
    "commune": ("Xã, phường", "Commune"),
    "trends": ("Xu hướng", "Trends"),
    "admin": ("Thiết bị và tiếp nhận", "Devices and intake"),
    "login": ("Đăng nhập", "Sign in"),
    "logout": ("Đăng xuất", "Sign out"),
    "user": ("Tên đăng nhập", "User name"),
    "password": ("Mật khẩu", "Password"),
    "login_failed": (
        "Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đang bị tạm khóa.",
        "Wrong user name or password, or the account is locked for now.",
    ),
    "forbidden": ("Bạn không có quyền xem trang này.", "You may not see this page."),
    "not_found": ("Không tìm thấy trang.", "Page not found."),
    "csrf": (
        "Biểu mẫu đã hết hạn. Hãy tải lại trang và thử lại.",
        "The form has expired. Reload the page and try again.",
    ),
    "session_expired": (
        "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.",
        "Your session has expired; please sign in again.",
    ),
    "form_expired": (
        "Biểu mẫu đã cũ (mở trước lần đăng nhập gần nhất hoặc đã hết hạn) nên chưa làm gì cả."
        " Đây là biểu mẫu mới, vui lòng làm lại.",
        "That form was out of date (opened before the last sign-in, or expired), so nothing"
        " was done. Here is a fresh one: please try again.",
    ),
    "logout_expired": (
        "Nút đăng xuất đó thuộc một trang cũ nên chưa đăng xuất. Bấm «Đăng xuất» ở trên để"
        " đăng xuất.",
        "That sign-out button was on an old page, so you are still signed in. Use “Sign out”"
        " above.",
    ),
    "made_at": ("Lập lúc", "Made on"),
    "period": ("Kỳ", "Period"),
    "from": ("Từ tháng", "From"),
    "to": ("Đến tháng", "To"),
    "month": ("Tháng", "Month"),
    "channel": ("Hình thức nhận", "Channel"),
    "age_band": ("Nhóm tuổi", "Age band"),
    "village": ("Thôn / Tổ dân phố", "Village"),
    "all": ("Tất cả", "All"),
    "apply": ("Xem", "Show"),
    "search": ("Tìm xã, phường", "Find a commune"),
    "export_xlsx": ("Tải Excel (.xlsx)", "Download Excel (.xlsx)"),
    "export_pdf": ("Tải PDF", "Download PDF"),
    "full_report": ("Báo cáo đầy đủ của xã (có tên)", "The commune's full report (with names)"),
    "headline": ("Chỉ số chính", "Headline figures"),
    "value": ("Giá trị", "Value"),
    "previous": ("Kỳ trước", "Previous period"),
    "change": ("Thay đổi", "Change"),
    "figure": ("Chỉ số", "Figure"),
    "count": ("Số lượt", "Payments"),
    "delay_dist": (
        "Số ngày từ khi tiền vào đến khi rút (số lượt)",
        "Days from credit to withdrawal (payments)",
    ),
    "days": ("Số ngày", "Days"),
    "barriers": ("Khó khăn khi nhận tiền (số lượt)", "Barriers (payments)"),
    "barrier": ("Khó khăn", "Barrier"),
    "convenience": ("Mức thuận tiện do người dân tự đánh giá", "Convenience, in people's words"),
    "score": ("Mức (1 = rất khó, 5 = rất thuận tiện)", "Score (1 = very hard, 5 = very easy)"),
    "by_band": ("Theo nhóm tuổi", "By age band"),
    "by_channel": ("Theo hình thức nhận", "By channel"),
    "by_village": ("Theo thôn / tổ dân phố", "By village"),
    "by_need": ("Theo hoàn cảnh, nhu cầu hỗ trợ", "By need"),
    "need": ("Hoàn cảnh", "Need"),
    "trend12": ("Diễn biến 12 tháng", "The last 12 months"),
    "not_received": (
        "Đã được chi trả nhưng chưa rút tiền — cần liên hệ (mọi tháng, chờ lâu nhất trước)",
        "Paid but not withdrawn — to follow up (every month, longest waiting first)",
    ),
    "follow_up_link": (
        "Danh sách cần liên hệ: {n} người đã được chi trả nhưng chưa rút tiền (mọi tháng, đến"
        " hôm nay)",
        "To follow up: {n} people paid but not withdrawn (every month, to this day)",
    ),
    "contact_list": (
        "Danh sách người đã được chi trả nhưng chưa rút tiền, cần liên hệ:",
        "People paid but not withdrawn, to contact:",
    ),
    "masked_id": ("Số định danh (che)", "ID number (masked)"),
    "address": ("Địa chỉ", "Address"),
    "phone": ("Điện thoại", "Phone"),
    "days_waiting": ("Số ngày chờ", "Days waiting"),
    "oldest_month": ("Từ kỳ", "Since payment of"),
    "no_consent": ("(chưa đồng ý chia sẻ thông tin)", "(no consent to share information)"),
    "name": ("Họ và tên", "Name"),
    "days_since": ("Số ngày từ khi tiền vào", "Days since credit"),
    "payments": ("Số kỳ chưa rút", "Payments not withdrawn"),
    "no_rows": ("Không có ai.", "Nobody."),
    "median_days": ("Trung vị số ngày đến khi rút", "Median days to withdraw"),
    "withdrew_pct": ("% đã rút", "% withdrawn"),
    "late7_pct": ("% chưa rút sau 7 ngày", "% not withdrawn after 7 days"),
    "late30_pct": ("% chưa rút sau 30 ngày", "% not withdrawn after 30 days"),
    "travel": ("Thời gian đi (phút, trung vị)", "Travel (min, median)"),
    "fees_pct": ("% phải trả phí khi rút", "% who paid a fee"),
    "fees": ("Phí của người phải trả (đồng, trung vị)", "Fee of those who paid (VND, median)"),
    "help_pct": ("% cần người giúp", "% needing help"),
    "paid": ("Số lượt đã chi trả", "Payments credited"),
    "devices": (
        "Số máy: đã đăng ký / đã gửi số liệu kể từ đầu tháng đang xem",
        "Laptops: enrolled / sent data since the month shown began",
    ),
    "last_sync": ("Lần đồng bộ gần nhất (giờ Hà Nội)", "Last sync (Hà Nội time)"),
    "coverage": (
        "% người hưởng có bản ghi chi trả trong tháng",
        "% of beneficiaries with a payment record this month",
    ),
    "status": ("Tình trạng số liệu", "Data status"),
    "device_status": ("Trạng thái", "Status"),
    "missing": ("THIẾU SỐ LIỆU", "DATA MISSING"),
    "missing_note": (
        "Xã, phường không có máy nào gửi số liệu từ tháng đang xem trở đi, hoặc không có bản ghi"
        " chi trả nào của tháng đó, được đánh dấu THIẾU SỐ LIỆU: không có số liệu không có nghĩa"
        " là không có vấn đề.",
        "A commune with no laptop sending since the month shown began, or with no payment record"
        " for that month, is marked DATA MISSING: no data never means no problem.",
    ),
    "coverage_note": (
        "Số liệu từ {n} trên {m} xã, phường; các xã, phường khác chưa có số liệu chi trả cho"
        " các tháng này (xem trang Xã, phường).",
        "Figures from {n} of {m} communes; the others have no payment records for these months"
        " yet (see the Communes page).",
    ),
    "one_filter": (
        "Chỉ áp dụng được một bộ lọc mỗi lần: đang áp dụng hình thức nhận, bỏ qua nhóm tuổi.",
        "One filter at a time: the channel is applied, the age band is not.",
    ),
    "fresh": ("Có số liệu", "Up to date"),
    "stale": ("SỐ LIỆU CHƯA ĐỦ", "DATA INCOMPLETE"),
    "stale_note": (
        "SỐ LIỆU CHƯA ĐỦ: máy của xã, phường không gửi lần nào từ {day} (30 ngày sau cuối tháng,"
        " hoặc một tuần trước với tháng gần đây): người được ghi là chưa rút có thể đã rút mà máy"
        " chủ chưa biết, nên các tỷ lệ «chưa rút» của xã, phường đó có thể cao hơn thực tế.",
        "DATA INCOMPLETE: no laptop of the commune has sent since {day} (30 days after the month's"
        " end, or a week ago for a recent month): people recorded as not withdrawn may have"
        " withdrawn since, unknown to the server, so the commune's “not withdrawn” shares may"
        " read higher than they are.",
    ),
    "never": ("Chưa bao giờ", "Never"),
    "never_sent": ("chưa gửi lần nào", "never sent"),
    "laptops_none": (
        "Chưa có máy nào đăng ký cho xã, phường này: số liệu ở đây chỉ đến từ máy của nơi khác"
        " hoặc từ dữ liệu mẫu.",
        "No laptop is enrolled for this commune: figures here come only from other communes'"
        " laptops or from demo data.",
    ),
    "laptops_line": (
        "Máy của xã, phường: {n} máy đã đăng ký, {k} máy đã gửi số liệu kể từ đầu {month};"
        " lần gửi gần nhất {last} (giờ Hà Nội). Từng máy, lần gửi gần nhất: {list}.",
        "The commune's laptops: {n} enrolled, {k} sent data since {month} began; last sent"
        " {last} (Hà Nội time). Each laptop, last sent: {list}.",
    ),
    "laptops_one": (
        "Máy của xã, phường: 1 máy đã đăng ký, “{name}”; lần gửi số liệu gần nhất: {last}"
        " (giờ Hà Nội).",
        "The commune's laptops: 1 enrolled, “{name}”; last sent data: {last} (Hà Nội time).",
    ),
    "laptops_more": ("và {n} máy khác", "and {n} more"),
    "suppressed_note": (
        "«< 5»: ô tính từ dưới 5 lượt được ẩn để bảo vệ người dân.",
        "“< 5”: figures computed from fewer than 5 payments are hidden to protect people.",
    ),
    "hidden_share": ("ẩn", "hidden"),
    "share_note": (
        "«ẩn»: tỷ lệ % hoặc trung vị được ẩn vì tính từ dưới 5 lượt, hoặc (tỷ lệ %) vì nhân với"
        " số lượt sẽ tính ngược ra được một số dưới 5 người (hoặc một ô đã ẩn).",
        "“hidden”: a share or a median hidden because it rests on fewer than 5 payments, or (a"
        " share) because, times the payments, it would give back a count under 5 (or a hidden"
        " cell).",
    ),
    "previous_note": (
        "Thay đổi: so với {prev} như số liệu lúc {day} — cùng số ngày kể từ đầu kỳ như hôm nay"
        " ({today}) với kỳ đang xem, theo đúng cách tính của báo cáo trên máy tính xã.",
        "Change: against {prev} as it stood on {day} — the same number of days after its start"
        " as today ({today}) is after the start of the period shown, exactly as the laptop's"
        " report compares.",
    ),
    "incomplete_note": (
        "{month} chưa kết thúc: số liệu tính đến hôm nay ({day}), chưa phải cả tháng.",
        "{month} is not over: figures as of today ({day}), not a whole month.",
    ),
    "no_compare_note": (
        "Không có so sánh với kỳ trước cho khoảng này: chỉ so sánh khoảng 1, 3, 6 hoặc 12 tháng.",
        "No comparison with the previous period for this range: only ranges of 1, 3, 6 or 12"
        " months are compared.",
    ),
    "arrows_note": (
        "Mũi tên: so với tháng trước; xanh là tốt hơn, đỏ là xấu hơn cho chỉ số đó (ví dụ %"
        " chưa rút sau 30 ngày tăng là xấu hơn).",
        "Arrows: against the month before; green is better, red is worse for that figure (a"
        " rise of % not withdrawn after 30 days is worse).",
    ),
    "recent_note": (
        "Mỗi tháng được tính đến hôm nay: ở những tháng gần nhất tiền mới vào chưa đủ 7 hoặc 30"
        " ngày, nên % chưa rút sau 7 / 30 ngày của các tháng đó còn thấp — đó chưa phải là xu"
        " hướng.",
        "Every month is counted as of today: in the latest months the money has not been in for"
        " 7 or 30 days yet, so their % not withdrawn after 7 / 30 days is still low — that is"
        " not a trend.",
    ),
    "better": ("tốt hơn", "better"),
    "worse": ("xấu hơn", "worse"),
    "range_cut": (
        "Khoảng đã chọn dài {asked} tháng; trang chỉ hiện tối đa {max} tháng, nên đang hiện"
        " {shown} (các tháng gần nhất). Chọn khoảng ngắn hơn để xem các tháng trước đó.",
        "The range chosen is {asked} months long; a page shows at most {max} months, so it"
        " shows {shown} (the latest). Choose a shorter range to see the earlier months.",
    ),
    "unit_days": ("ngày", "days"),
    "unit_points": ("điểm", "pts"),
    "unit_minutes": ("phút", "min"),
    "unit_km": ("km", "km"),
    "unit_vnd": ("đồng", "VND"),
    "change_of_days_to_withdraw_median": ("± số ngày đến khi rút", "± days to withdraw"),
    "change_of_withdrew_pct": ("± % đã rút", "± % withdrawn"),
    "change_of_not_withdrawn_after_30_pct": (
        "± % chưa rút sau 30 ngày",
        "± % not withdrawn after 30 days",
    ),
    "changes_note": (
        "Cột «±»: thay đổi so với tháng trước (điểm % hoặc số ngày), bấm vào tiêu đề để xếp"
        " chỗ tăng nhiều nhất lên đầu; «ẩn» khi một trong hai số liệu đã ẩn, vì nếu không sẽ"
        " tính ngược ra được số đã ẩn.",
        "“±” columns: the change against the month before (percentage points or days); click"
        " the heading to put the largest rise first; “hidden” when either figure is hidden, as"
        " the change would give the hidden one back.",
    ),
    "hidden_note": (
        "«x»: ô được ẩn thêm (từ 5 trở lên) để không tính ngược ra được ô «< 5» bằng phép trừ.",
        "“x”: a figure of 5 or more also hidden, so that a “< 5” cannot be worked out by"
        " subtraction.",
    ),
    "filter_note": (
        "Bộ lọc hình thức nhận và nhóm tuổi áp dụng cho các chỉ số chính.",
        "The channel and age band filters apply to the headline figures.",
    ),
    "pending_note": (
        "Đang cập nhật số liệu vừa nhận từ các xã; tải lại trang sau ít phút.",
        "Figures just received are being updated; reload in a minute.",
    ),
    "metric": ("Chỉ số", "Metric"),
    "communes_pick": ("Xã, phường", "Communes"),
    # beside the list on a computer only: a phone's list has its own ticks (pointer: coarse)
    "ctrl_hint": ("(giữ Ctrl để chọn nhiều)", "(hold Ctrl to choose several)"),
    "selected": ("Các xã đã chọn", "Chosen communes"),
    "as_of": ("Số liệu tính đến", "Figures as of"),
    "no_data": (
        "THIẾU SỐ LIỆU: không có bản ghi chi trả nào cho lựa chọn này. Các ô hiện «—», không"
        " phải 0: không có số liệu không có nghĩa là không có vấn đề.",
        "DATA MISSING: there are no payment records for this choice. Figures show “—”, not 0:"
        " no data never means no problem.",
    ),
    "device": ("Thiết bị", "Device"),
    "enrolled": ("Ngày đăng ký", "Enrolled"),
    "last_seen": ("Lần gửi gần nhất (giờ Hà Nội)", "Last sent (Hà Nội time)"),
    "last_contact": (
        "Liên lạc gần nhất (gửi hoặc nhận, giờ Hà Nội)",
        "Last contact (sent or received, Hà Nội time)",
    ),
    "gaps": ("Khoảng thiếu", "Gaps"),
    "quarantined": ("Bị giữ lại", "Quarantined"),
    "rejected": ("Bị từ chối", "Rejected"),
    "revoked": ("Đã thu hồi", "Revoked"),
    "active": ("Đang hoạt động", "Active"),
    "revoke": ("Thu hồi", "Revoke"),
    "codes": ("Mã đăng ký thiết bị", "Enrolment codes"),
    "new_code": ("Tạo mã mới", "Create a code"),
    "valid_days": ("Hiệu lực (ngày)", "Valid (days)"),
    "created": ("Ngày tạo (giờ Hà Nội)", "Created (Hà Nội time)"),
    "expires": ("Hết hạn (giờ Hà Nội)", "Expires (Hà Nội time)"),
    "used": ("Đã dùng (giờ Hà Nội)", "Used (Hà Nội time)"),
    "unused": ("Chưa dùng", "Unused"),
    "code_made": (
        "Mã đăng ký mới (chỉ hiện một lần, hãy chép lại):",
        "New enrolment code (shown once, copy it now):",
    ),
    "code_for": ("cho", "for"),
    "code_until": ("dùng được đến", "valid until"),
    "expired": ("Hết hạn, chưa dùng", "Expired, unused"),
    "cancel_code": ("Hủy mã", "Cancel the code"),
    "cancel_code_title": ("Hủy mã đăng ký này?", "Cancel this enrolment code?"),
    "cancel_code_explain": (
        "Mã bị hủy không dùng để đăng ký máy được nữa. Nếu cần, hãy tạo mã mới.",
        "A cancelled code can no longer enrol a laptop. Create a new one if needed.",
    ),
    "cancel_code_yes": ("Hủy mã", "Cancel the code"),
    "code_cancelled": (
        "Đã hủy mã đăng ký chưa dùng của {communes} (số tham chiếu {ref}).",
        "The unused enrolment code for {communes} (reference {ref}) was cancelled.",
    ),
    "device_revoked": (
        "Đã thu hồi máy «{name}»: máy không gửi, nhận số liệu được nữa.",
        "The laptop “{name}” is revoked: it can no longer send or receive data.",
    ),
    "unknown_commune": (
        "Không có xã, phường {codes} trong danh mục đơn vị hành chính của Hà Nội (danh mục"
        " 2025-07-01). Hãy kiểm tra lại tên hoặc mã (5 chữ số); chưa có mã đăng ký nào được tạo.",
        "There is no Hà Nội commune {codes} in the administrative units list"
        " (2025-07-01). Check the name or the code (5 digits); no enrolment code was created.",
    ),
    "unknown_commune_account": (
        "Không có xã, phường {codes} trong danh mục đơn vị hành chính của Hà Nội (danh mục"
        " 2025-07-01). Hãy kiểm tra lại tên hoặc mã (5 chữ số); tài khoản chưa được thêm.",
        "There is no Hà Nội commune {codes} in the administrative units list"
        " (2025-07-01). Check the name or the code (5 digits); the account was not added.",
    ),
    "revoke_title": ("Thu hồi máy này?", "Revoke this laptop?"),
    "revoke_explain": (
        "Máy bị thu hồi không gửi và nhận được số liệu nữa; các bản ghi đã gửi vẫn được giữ. Muốn"
        " dùng lại máy thì phải đăng ký lại bằng mã mới.",
        "A revoked laptop can no longer send or receive data; what it sent is kept. To use it"
        " again it must be enrolled with a new code.",
    ),
    "revoke_yes": ("Thu hồi máy", "Revoke the laptop"),
    "cancel": ("Không, quay lại", "No, go back"),
    "add_account": ("Thêm tài khoản", "Add an account"),
    "new_password": ("Mật khẩu mới (ít nhất 10 ký tự)", "New password (10 characters or more)"),
    "password_short": ("Mật khẩu mới", "New password"),
    "reset_password": ("Đặt lại mật khẩu", "Reset password"),
    "disable": ("Khóa", "Disable"),
    "enable": ("Mở lại", "Enable"),
    "disabled": ("Đã khóa", "Disabled"),
    "locked": ("Tạm khóa (sai mật khẩu)", "Locked for now (wrong passwords)"),
    "communes_codes": (
        "Xã, phường: tên hoặc mã (cán bộ xã; nhiều xã cách nhau bằng dấu phẩy)",
        "Communes: name or code (commune officials; several separated by commas)",
    ),
    "commune_name_or_code": (
        "Xã, phường (tên hoặc mã; nhiều xã cách nhau bằng dấu phẩy)",
        "Commune (name or code; several separated by commas)",
    ),
    "account_exists": ("Đã có tài khoản tên này.", "There is already an account with this name."),
    "account_exists_case": (
        "Đã có tài khoản «{name}»: tên đăng nhập không phân biệt chữ hoa, chữ thường.",
        "There is already an account “{name}”: user names ignore letter case.",
    ),
    "blank_password": (
        "Mật khẩu không được chỉ gồm dấu cách.",
        "The password must not be only spaces.",
    ),
    "communes_not_for_role": (
        "Chỉ tài khoản cán bộ xã, phường mới gắn với mã xã, phường; chuyên viên và quản trị thành"
        " phố xem được mọi xã, phường. Hãy bỏ trống ô mã xã, phường.",
        "Only a commune official is tied to commune codes; city analysts and administrators see"
        " every commune. Leave the commune codes empty.",
    ),
    "communes_not_for_role_cli": (
        "Chỉ tài khoản cán bộ xã, phường mới gắn với xã, phường; chuyên viên và quản trị thành"
        " phố xem được mọi xã, phường. Hãy bỏ --commune.",
        "Only a commune official is tied to communes; city analysts and administrators see"
        " every commune. Leave out --commune.",
    ),
    "account_unknown": ("Không có tài khoản này.", "No such account."),
    "not_yourself": (
        "Không thể tự khóa tài khoản đang dùng.",
        "You cannot disable the account you are using.",
    ),
    "bad_name": ("Tên đăng nhập phải có 1–60 ký tự.", "The user name must be 1–60 characters."),
    "bad_role": ("Hãy chọn một vai trò.", "Choose a role."),
    "short_password": (
        "Mật khẩu phải có ít nhất {n} ký tự.",
        "The password must have at least {n} characters.",
    ),
    "needs_commune": (
        "Cán bộ xã, phường cần ít nhất một mã xã, phường.",
        "A commune official needs at least one commune code.",
    ),
    "done_add": ("Đã thêm tài khoản «{name}».", "The account “{name}” was added."),
    "done_password": (
        "Đã đặt lại mật khẩu của «{name}»; các phiên đăng nhập của tài khoản này đã kết thúc.",
        "The password of “{name}” was reset; its sessions have ended.",
    ),
    "done_disable": (
        "Đã khóa «{name}»; các phiên đăng nhập của tài khoản này đã kết thúc.",
        "“{name}” is disabled; its sessions have ended.",
    ),
    "done_enable": ("Đã mở lại «{name}».", "“{name}” is enabled again."),
    "officers": ("Khóa ký của công an", "Police officer keys"),
    "officer": ("Cán bộ", "Officer"),
    "accounts": ("Tài khoản bảng điều khiển", "Dashboard accounts"),
    "role": ("Vai trò", "Role"),
    "audit": ("Nhật ký", "Log"),
    "audit_title": ("Nhật ký thao tác", "Activity log"),
    "audit_menu": ("Nhật ký", "Log"),
    "dates": ("Ngày", "Dates"),
    "audit_entries": ("Các việc đã làm, mới nhất trước", "Entries, newest first"),
    "day_hint": ("ngày/tháng/năm", "yyyy-mm-dd"),
    "bad_date": (
        "Không hiểu ngày «{text}»: hãy gõ theo dạng ngày/tháng/năm, ví dụ 05/11/2026. Bộ lọc"
        " ngày đó chưa được áp dụng.",
        "“{text}” is not a date: type it as yyyy-mm-dd (2026-11-05) or dd/mm/yyyy. That date"
        " filter is not applied.",
    ),
    "date_from": ("Từ ngày", "From (date)"),
    "date_to": ("Đến ngày", "To (date)"),
    "all_accounts": ("Mọi tài khoản", "Every account"),
    "unknown_name": ("? (tên lạ)", "? (unknown name)"),
    "all_kinds": ("Mọi việc", "Every action"),
    "rows_shown": ("Dòng {a}–{b} trên {n}", "Rows {a}–{b} of {n}"),
    "page_of": ("Trang {p}/{n}", "Page {p} of {n}"),
    "first_page": ("« Trang đầu", "« First"),
    "prev_page": ("‹ Trước", "‹ Previous"),
    "next_page": ("Sau ›", "Next ›"),
    "last_page": ("Trang cuối »", "Last »"),
    "devices_title": ("Thiết bị ({n} máy)", "Devices ({n} laptops)"),
    "device_search": ("Tìm máy (tên, mã, xã)", "Find a laptop (name, id, commune)"),
    "all_communes": ("Mọi xã, phường", "Every commune"),
    "all_states": ("Mọi trạng thái", "Any status"),
    "state_active": ("Đang hoạt động", "Active"),
    "state_revoked": ("Đã thu hồi", "Revoked"),
    "state_problems": ("Có bản ghi bị giữ lại hoặc bị từ chối", "With quarantined or rejected"),
    "state_silent": (
        "Đã từng gửi, nhưng không gửi số liệu trong {days} ngày",
        "Sent before, but not for {days} days",
    ),
    "silent_days": ("Số ngày không gửi", "Days not seen"),
    "code_unused": ("Chưa dùng", "Unused"),
    "code_used": ("Đã dùng", "Used"),
    "code_expired": ("Hết hạn, chưa dùng", "Expired, unused"),
    "code_filter": ("Mã đăng ký", "Enrolment codes"),
    "clear_filters": ("Bỏ lọc", "Clear"),
    "when": ("Thời điểm (giờ Hà Nội)", "When (Hà Nội time)"),
    "action": ("Việc", "Action"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    "lang_switch": ("English", "Tiếng Việt"),
    "status_up": ("tăng", "up"),
    "status_down": ("giảm", "down"),
    "city_analyst": ("Chuyên viên thành phố", "City analyst"),
    "city_admin": ("Quản trị thành phố", "City administrator"),
    "commune_official": ("Cán bộ xã, phường", "Commune official"),
    "people": ("Số người có bản ghi chi trả", "People with a payment record"),
    "beneficiaries": ("Người hưởng đã biết", "Known beneficiaries"),
    "withdrawn_by": ("Ai rút tiền (số lượt đã rút)", "Who withdrew (payments withdrawn)"),
}

# The admin and sign-in pages' texts of issue 14, round five (their own module while the analyst
# pages' texts change here at the same time).
from city_server.dashboard.texts_admin import ADMIN_TEXTS  # noqa: E402

TEXTS.update(ADMIN_TEXTS)

NEEDS = {
    "lives_alone": ("Sống một mình", "Lives alone"),
    "limited_mobility": ("Đi lại khó khăn", "Limited mobility"),
    "low_vision": ("Mắt kém", "Low vision"),
    "hearing": ("Nghe kém", "Hard of hearing"),
    "no_smartphone": ("Không có điện thoại thông minh", "No smartphone"),
    "cannot_read": ("Không biết đọc", "Cannot read"),
    "cognitive": ("Suy giảm trí nhớ, nhận thức", "Cognitive impairment"),
    "bedridden": ("Nằm liệt giường", "Bedridden"),
    "none": ("Chưa ghi hoàn cảnh, nhu cầu nào", "No circumstance or need recorded"),
}

WITHDRAWN_BY = {
    "self": ("Tự rút", "Self"),
    "proxy": ("Người nhận thay", "Proxy"),
    "helped": ("Có người giúp", "Helped"),
    "not_recorded": ("Chưa ghi", "Not recorded"),
}

# The metrics of the communes table and trends: key -> (text key or metric label, better when).
METRICS: dict[str, tuple[str, str]] = {
    "days_to_withdraw_median": ("median_days", "lower"),
    "withdrew_pct": ("withdrew_pct", "higher"),
    "not_withdrawn_after_7_pct": ("late7_pct", "lower"),
    "not_withdrawn_after_30_pct": ("late30_pct", "lower"),
    "travel_minutes_median": ("travel", "lower"),
    "fees_paid_pct": ("fees_pct", "lower"),
    "fees_median": ("fees", "lower"),
    "needed_help_share": ("help_pct", "lower"),
    "recipients_paid": ("paid", ""),
}


HANOI = "Asia/Ho_Chi_Minh"


def hanoi_time(iso: str | None, lang: str, *, seconds: bool = False, mark: bool = False) -> str:
    """A stored UTC time as people in Hà Nội read it (UTC+7): "05/12/2026 02:01" /
    "2026-12-05 02:01" (the column's heading says "giờ Hà Nội"; ``mark`` adds it); "" for
    none; the text itself if it is not a time."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(ZoneInfo(HANOI))
    clock = "%H:%M:%S" if seconds else "%H:%M"
    if lang == "en":
        return local.strftime(f"%Y-%m-%d {clock}") + (" (Hà Nội time)" if mark else "")
    return local.strftime(f"%d/%m/%Y {clock}") + (" (giờ Hà Nội)" if mark else "")


def t(key: str, lang: str) -> str:
    pair = TEXTS[key]
    return pair[1] if lang == "en" else pair[0]


def metric_label(key: str, lang: str) -> str:
    if key in SUMMARY_METRICS:
        vi, en, _ = SUMMARY_METRICS[key]
        return en if lang == "en" else vi
    if key in METRICS:
        return t(METRICS[key][0], lang)
    return t(key, lang)


def label_of(dim: str, key: str, lang: str) -> str:
    """The words for a breakdown value (channel, age band, barrier, who withdrew)."""
    table = {"channel": CHANNELS, "age_band": AGE_BANDS, "barrier": BARRIERS}.get(dim)
    if table is not None:
        label = table.get(key)
        if label is not None:
            return label.text(lang)
        if not key:
            return "Chưa ghi" if lang != "en" else "Not recorded"
        return key
    if dim in ("withdrawn_by", "need"):
        pair = (WITHDRAWN_BY if dim == "withdrawn_by" else NEEDS).get(key, (key, key))
        return pair[1] if lang == "en" else pair[0]
    return key or ("Chưa ghi" if lang != "en" else "Not recorded")


# The analyst pages' texts of issue 14, round five (kept in their own module while the admin
# pages' texts change here at the same time).
from city_server.dashboard.texts_analyst import ANALYST_TEXTS  # noqa: E402

TEXTS.update(ANALYST_TEXTS)
