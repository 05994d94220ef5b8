<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>AdminPage</name>
    <message>
      <source>Enter your full name.</source>
      <translation>Hãy nhập họ và tên.</translation>
    </message>
    <message>
      <source>2 to 32 characters: lower-case letters without accents, digits, dot, dash.</source>
      <translation>Từ 2 đến 32 ký tự: chữ thường không dấu, chữ số, dấu chấm, dấu gạch.</translation>
    </message>
    <message>
      <source>At least %1 characters.</source>
      <translation>Ít nhất %1 ký tự.</translation>
    </message>
    <message>
      <source>The two passwords are not the same.</source>
      <translation>Hai lần nhập mật khẩu không giống nhau.</translation>
    </message>
    <message>
      <source>Creating the encrypted database… this takes a few seconds.</source>
      <translation>Đang tạo cơ sở dữ liệu mã hoá… việc này mất vài giây.</translation>
    </message>
    <message>
      <source>The first administrator</source>
      <translation>Người quản trị đầu tiên</translation>
    </message>
    <message>
      <source>Step 4 of 5 — Your own account</source>
      <translation>Bước 4/5 — Tài khoản của bạn</translation>
    </message>
    <message>
      <source>This account sets up the laptop and adds the other users (volunteers, team lead, police officer). Choose a password you will remember; it also protects the encrypted data.</source>
      <translation>Tài khoản này dùng để cài đặt máy và thêm những người dùng khác (tổ viên, tổ trưởng, công an xã). Hãy chọn mật khẩu bạn nhớ được; mật khẩu này cũng bảo vệ dữ liệu đã mã hoá.</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Họ và tên</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>Tên đăng nhập</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Mật khẩu</translation>
    </message>
    <message>
      <source>Password again</source>
      <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
      <source>for example: Phạm Quốc Bảo</source>
      <translation>ví dụ: Phạm Quốc Bảo</translation>
    </message>
  </context>
  <context>
    <name>AssistanceRow</name>
    <message>
      <source>Kind of help</source>
      <translation>Loại hỗ trợ</translation>
    </message>
    <message>
      <source>For whom</source>
      <translation>Cho ai</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Hạn</translation>
    </message>
    <message>
      <source>Due date</source>
      <translation>Hạn</translation>
    </message>
    <message>
      <source>Due date (optional)</source>
      <translation>Hạn (không bắt buộc)</translation>
    </message>
    <message>
      <source>Remove this help item</source>
      <translation>Xoá việc hỗ trợ này</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Xoá</translation>
    </message>
  </context>
  <context>
    <name>AuditDialog</name>
    <message>
      <source>Audit log — Tận Tay</source>
      <translation>Nhật ký kiểm tra — Tận Tay</translation>
    </message>
  </context>
  <context>
    <name>AuditText</name>
    <message>
      <source>someone</source>
      <translation>ai đó</translation>
    </message>
    <message>
      <source>the person {name}</source>
      <translation>người {name}</translation>
    </message>
    <message>
      <source>the household of {name}</source>
      <translation>hộ {name}</translation>
    </message>
    <message>
      <source>the village {name}</source>
      <translation>thôn/tổ {name}</translation>
    </message>
    <message>
      <source>a visit to the household of {name}</source>
      <translation>lần thăm hộ {name}</translation>
    </message>
    <message>
      <source>a help item for the household of {name}</source>
      <translation>việc hỗ trợ cho hộ {name}</translation>
    </message>
    <message>
      <source>a benefit of {name}</source>
      <translation>chế độ hưởng của {name}</translation>
    </message>
    <message>
      <source>a payment of {name}</source>
      <translation>khoản chi trả của {name}</translation>
    </message>
    <message>
      <source>an identity verification of {name}</source>
      <translation>lần xác minh danh tính của {name}</translation>
    </message>
    <message>
      <source>the user {name}</source>
      <translation>người dùng {name}</translation>
    </message>
    <message>
      <source>a person</source>
      <translation>một người</translation>
    </message>
    <message>
      <source>a household</source>
      <translation>một hộ</translation>
    </message>
    <message>
      <source>a village</source>
      <translation>một thôn/tổ</translation>
    </message>
    <message>
      <source>a visit</source>
      <translation>một lần thăm</translation>
    </message>
    <message>
      <source>a help item</source>
      <translation>một việc hỗ trợ</translation>
    </message>
    <message>
      <source>a benefit</source>
      <translation>một chế độ hưởng</translation>
    </message>
    <message>
      <source>a payment</source>
      <translation>một khoản chi trả</translation>
    </message>
    <message>
      <source>an identity verification</source>
      <translation>một lần xác minh danh tính</translation>
    </message>
    <message>
      <source>a user</source>
      <translation>một người dùng</translation>
    </message>
    <message>
      <source>a record</source>
      <translation>một bản ghi</translation>
    </message>
    <message>
      <source>{who} logged in.</source>
      <translation>{who} đã đăng nhập.</translation>
    </message>
    <message>
      <source>{who} took over the laptop from {other}.</source>
      <translation>{who} đã đăng nhập thay {other} (đổi người dùng).</translation>
    </message>
    <message>
      <source>{who} opened the database with the recovery key.</source>
      <translation>{who} đã mở dữ liệu bằng mã khôi phục.</translation>
    </message>
    <message>
      <source>{who} set up Tận Tay on this laptop.</source>
      <translation>{who} đã cài đặt Tận Tay trên máy này.</translation>
    </message>
    <message>
      <source>{who} added {thing}.</source>
      <translation>{who} đã thêm {thing}.</translation>
    </message>
    <message>
      <source>{who} changed whether the follow-up of {thing} is done.</source>
      <translation>{who} đã đánh dấu (hoặc bỏ đánh dấu) xong việc thăm lại của {thing}.</translation>
    </message>
    <message>
      <source>{who} changed {thing} ({n} fields).</source>
      <translation>{who} đã sửa {thing} ({n} mục).</translation>
    </message>
    <message>
      <source>{who} changed {thing}.</source>
      <translation>{who} đã sửa {thing}.</translation>
    </message>
    <message>
      <source>{who} deleted {thing}.</source>
      <translation>{who} đã xoá {thing}.</translation>
    </message>
    <message>
      <source>{who} showed the full ID number of {thing}.</source>
      <translation>{who} đã xem số định danh đầy đủ của {thing}.</translation>
    </message>
    <message>
      <source>{who} searched by ID number ({found} found).</source>
      <translation>{who} đã tìm theo số định danh (tìm thấy {found}).</translation>
    </message>
    <message>
      <source>the audit log</source>
      <translation>nhật ký kiểm tra</translation>
    </message>
    <message>
      <source>the payment report</source>
      <translation>báo cáo chi trả</translation>
    </message>
    <message>
      <source>a USB bundle</source>
      <translation>một gói USB</translation>
    </message>
    <message>
      <source>{who} exported {what} ({format}).</source>
      <translation>{who} đã xuất {what} ({format}).</translation>
    </message>
    <message>
      <source>{who} imported the beneficiary list ({n} people).</source>
      <translation>{who} đã nhập danh sách hưởng trợ cấp ({n} người).</translation>
    </message>
    <message>
      <source>{who} enrolled this laptop with the city server.</source>
      <translation>{who} đã đăng ký máy này với máy chủ thành phố.</translation>
    </message>
    <message>
      <source>{who} synced with the city server.</source>
      <translation>{who} đã đồng bộ với máy chủ thành phố.</translation>
    </message>
    <message>
      <source>{who} resolved a conflict on {thing}.</source>
      <translation>{who} đã xử lý xung đột ở {thing}.</translation>
    </message>
    <message>
      <source>{who} marked {thing} and {other} as different.</source>
      <translation>{who} đã xác nhận {thing} và {other} là khác nhau.</translation>
    </message>
    <message>
      <source>{who} merged duplicate records: {thing}.</source>
      <translation>{who} đã gộp bản ghi trùng: {thing}.</translation>
    </message>
    <message>
      <source>{who} added {thing} as {role}.</source>
      <translation>{who} đã thêm {thing} với vai trò {role}.</translation>
    </message>
    <message>
      <source>{who} changed their own password.</source>
      <translation>{who} đã đổi mật khẩu của mình.</translation>
    </message>
    <message>
      <source>{who} set a new password for {thing}.</source>
      <translation>{who} đã đặt mật khẩu mới cho {thing}.</translation>
    </message>
    <message>
      <source>{who} enabled {thing} again, with a new password.</source>
      <translation>{who} đã bật lại {thing}, với mật khẩu mới.</translation>
    </message>
    <message>
      <source>{who} disabled {thing}.</source>
      <translation>{who} đã khoá {thing}.</translation>
    </message>
    <message>
      <source>{who} changed the role of {thing} from {old} to {new}.</source>
      <translation>{who} đã đổi vai trò của {thing} từ {old} sang {new}.</translation>
    </message>
    <message>
      <source>{who} changed the database key.</source>
      <translation>{who} đã đổi khoá cơ sở dữ liệu.</translation>
    </message>
    <message>
      <source>{who} registered their officer signing key.</source>
      <translation>{who} đã đăng ký khoá ký của cán bộ công an.</translation>
    </message>
    <message>
      <source>{who}: {action}.</source>
      <translation>{who}: {action}.</translation>
    </message>
  </context>
  <context>
    <name>AuditView</name>
    <message>
      <source>Log in / switch user</source>
      <translation>Đăng nhập / đổi người dùng</translation>
    </message>
    <message>
      <source>Record created</source>
      <translation>Tạo bản ghi</translation>
    </message>
    <message>
      <source>Record changed</source>
      <translation>Sửa bản ghi</translation>
    </message>
    <message>
      <source>Record deleted</source>
      <translation>Xoá bản ghi</translation>
    </message>
    <message>
      <source>Full ID number shown</source>
      <translation>Xem số định danh đầy đủ</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Xuất dữ liệu</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>Nhập dữ liệu</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>Đồng bộ</translation>
    </message>
    <message>
      <source>Conflict resolved</source>
      <translation>Giải quyết xung đột</translation>
    </message>
    <message>
      <source>User accounts</source>
      <translation>Tài khoản người dùng</translation>
    </message>
    <message>
      <source>First setup</source>
      <translation>Cài đặt ban đầu</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>Thời điểm</translation>
    </message>
    <message>
      <source>User</source>
      <translation>Người dùng</translation>
    </message>
    <message>
      <source>Search by ID number</source>
      <translation>Tìm theo số định danh</translation>
    </message>
    <message>
      <source>Duplicates merged or kept apart</source>
      <translation>Gộp hoặc tách bản ghi trùng</translation>
    </message>
    <message>
      <source>Officer's signing key</source>
      <translation>Khoá ký của công an</translation>
    </message>
    <message>
      <source>Database key changed</source>
      <translation>Đổi khoá cơ sở dữ liệu</translation>
    </message>
    <message>
      <source>Person</source>
      <translation>Người</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>Hộ</translation>
    </message>
    <message>
      <source>Visit</source>
      <translation>Lần thăm</translation>
    </message>
    <message>
      <source>Help item</source>
      <translation>Việc hỗ trợ</translation>
    </message>
    <message>
      <source>Benefit</source>
      <translation>Trợ cấp</translation>
    </message>
    <message>
      <source>Payment</source>
      <translation>Chi trả</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>Thôn/tổ</translation>
    </message>
    <message>
      <source>Verification</source>
      <translation>Xác minh</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>Thao tác</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>Bản ghi</translation>
    </message>
    <message>
      <source>Detail</source>
      <translation>Chi tiết</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>Ai</translation>
    </message>
    <message>
      <source>What happened</source>
      <translation>Việc đã làm</translation>
    </message>
    <message>
      <source>Checking the log…</source>
      <translation>Đang kiểm tra nhật ký…</translation>
    </message>
    <message>
      <source>Log intact: %1 entries</source>
      <translation>Nhật ký nguyên vẹn: %1 mục</translation>
    </message>
    <message>
      <source>The log was changed or has a gap: entry no. %1 does not fit (%2). Entries from there on cannot be trusted; tell the commune IT.</source>
      <translation>Nhật ký đã bị sửa hoặc bị mất mục: mục số %1 không khớp (%2). Không thể tin các mục từ đó trở đi; hãy báo cho cán bộ CNTT của xã.</translation>
    </message>
    <message>
      <source>Entries shown: %1</source>
      <translation>Đang hiện %1 mục</translation>
    </message>
    <message>
      <source>(the newest; narrow the dates to see older ones)</source>
      <translation>(mới nhất; thu hẹp khoảng ngày để xem mục cũ hơn)</translation>
    </message>
    <message>
      <source>Everyone</source>
      <translation>Mọi người</translation>
    </message>
    <message>
      <source>Export the audit log</source>
      <translation>Xuất nhật ký kiểm tra</translation>
    </message>
    <message>
      <source>Saved: %1</source>
      <translation>Đã lưu: %1</translation>
    </message>
    <message>
      <source>Audit log</source>
      <translation>Nhật ký kiểm tra</translation>
    </message>
    <message>
      <source>&amp;User</source>
      <translation>&amp;Người dùng</translation>
    </message>
    <message>
      <source>&amp;Action</source>
      <translation>&amp;Thao tác</translation>
    </message>
    <message>
      <source>&amp;From</source>
      <translation>T&amp;ừ ngày</translation>
    </message>
    <message>
      <source>&amp;To</source>
      <translation>Tớ&amp;i ngày</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>Xem</translation>
    </message>
    <message>
      <source>All actions</source>
      <translation>Mọi thao tác</translation>
    </message>
    <message>
      <source>Entry as &amp;stored (select a row):</source>
      <translation>&amp;Bản gốc trong nhật ký (chọn một dòng):</translation>
    </message>
    <message>
      <source>Export to Excel…</source>
      <translation>Xuất ra Excel…</translation>
    </message>
    <message>
      <source>Export to CSV…</source>
      <translation>Xuất ra CSV…</translation>
    </message>
  </context>
  <context>
    <name>BenefitDialog</name>
    <message>
      <source>Add a benefit</source>
      <translation>Thêm chế độ hưởng</translation>
    </message>
    <message>
      <source>Edit a benefit</source>
      <translation>Sửa chế độ hưởng</translation>
    </message>
    <message>
      <source>e.g. 500.000</source>
      <translation>ví dụ 500.000</translation>
    </message>
    <message>
      <source>e.g. Agribank, Viettel Money, Bưu điện</source>
      <translation>ví dụ Agribank, Viettel Money, Bưu điện</translation>
    </message>
    <message>
      <source>only the last 4 digits</source>
      <translation>chỉ 4 số cuối</translation>
    </message>
    <message>
      <source>receiving</source>
      <translation>đang hưởng</translation>
    </message>
    <message>
      <source>suspended</source>
      <translation>tạm dừng</translation>
    </message>
    <message>
      <source>ended</source>
      <translation>đã dừng hưởng</translation>
    </message>
    <message>
      <source>Benefit</source>
      <translation>Chế độ hưởng</translation>
    </message>
    <message>
      <source>Person</source>
      <translation>Người hưởng</translation>
    </message>
    <message>
      <source>Scheme</source>
      <translation>Chế độ</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Diện hưởng</translation>
    </message>
    <message>
      <source>Monthly amount (₫)</source>
      <translation>Mức hưởng hằng tháng (₫)</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>Hình thức nhận</translation>
    </message>
    <message>
      <source>Bank or provider</source>
      <translation>Ngân hàng / đơn vị chi trả</translation>
    </message>
    <message>
      <source>Account: last 4 digits</source>
      <translation>4 số cuối tài khoản</translation>
    </message>
    <message>
      <source>Receiving since</source>
      <translation>Hưởng từ ngày</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <source>Receives until</source>
      <translation>Hưởng đến ngày</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Lưu</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
    <message>
      <source>— choose —</source>
      <translation>— chọn diện hưởng —</translation>
    </message>
    <message>
      <source>Computed from the rates in force today: %1. You may change it.</source>
      <translation>Tính theo mức đang áp dụng hôm nay: %1. Có thể sửa nếu khác.</translation>
    </message>
    <message>
      <source>Choose the category the person receives it as.</source>
      <translation>Hãy chọn diện hưởng của người này.</translation>
    </message>
  </context>
  <context>
    <name>BenefitsPanel</name>
    <message>
      <source>No benefits recorded for this household.</source>
      <translation>Hộ này chưa có chế độ hưởng nào.</translation>
    </message>
    <message>
      <source>%1/month</source>
      <translation>%1/tháng</translation>
    </message>
    <message>
      <source>suspended</source>
      <translation>tạm dừng</translation>
    </message>
    <message>
      <source>ended</source>
      <translation>đã dừng hưởng</translation>
    </message>
    <message>
      <source>no data</source>
      <translation>chưa có số liệu</translation>
    </message>
    <message>
      <source>received</source>
      <translation>đã nhận</translation>
    </message>
    <message>
      <source>received after %1 day</source>
      <translation>nhận sau %1 ngày</translation>
    </message>
    <message>
      <source>received after %1 days</source>
      <translation>nhận sau %1 ngày</translation>
    </message>
    <message>
      <source>not yet (%1 day since credit)</source>
      <translation>chưa rút (%1 ngày từ khi tiền về)</translation>
    </message>
    <message>
      <source>not yet (%1 days since credit)</source>
      <translation>chưa rút (%1 ngày từ khi tiền về)</translation>
    </message>
    <message>
      <source>not credited yet</source>
      <translation>tiền chưa về</translation>
    </message>
    <message>
      <source>Add benefit…</source>
      <translation>Thêm chế độ…</translation>
    </message>
    <message>
      <source>Record payment…</source>
      <translation>Ghi chi trả…</translation>
    </message>
    <message>
      <source>Edit benefit…</source>
      <translation>Sửa chế độ…</translation>
    </message>
  </context>
  <context>
    <name>BusyIndicator</name>
    <message>
      <source>Working…</source>
      <translation>Đang xử lý…</translation>
    </message>
  </context>
  <context>
    <name>CommunePage</name>
    <message>
      <source>Chosen: %1</source>
      <translation>Đã chọn: %1</translation>
    </message>
    <message>
      <source>Your commune</source>
      <translation>Xã/phường của bạn</translation>
    </message>
    <message>
      <source>Step 2 of 5 — Commune or ward (list in force from 1 July 2025)</source>
      <translation>Bước 2/5 — Xã, phường (danh mục áp dụng từ 01/07/2025)</translation>
    </message>
    <message>
      <source>Which commune or ward does your team work in? Type part of the name, then pick it in the list (arrow keys and Enter, or a click).</source>
      <translation>Tổ của bạn làm việc ở xã/phường nào? Gõ một phần tên, rồi chọn trong danh sách (phím mũi tên và Enter, hoặc bấm chuột).</translation>
    </message>
    <message>
      <source>Type part of the name, accents optional: for example “hoan kiem”</source>
      <translation>Gõ một phần tên, có dấu hay không dấu đều được, ví dụ: “hoan kiem”</translation>
    </message>
    <message>
      <source>Hà Nội has 126 communes and wards since 1 July 2025. Choose the new name, not the old district.</source>
      <translation>Từ 01/07/2025, Hà Nội có 126 xã, phường. Hãy chọn tên mới, không chọn theo quận/huyện cũ.</translation>
    </message>
  </context>
  <context>
    <name>Consent</name>
    <message>
      <source>no consent</source>
      <translation>chưa đồng ý</translation>
    </message>
  </context>
  <context>
    <name>ConsentDialog</name>
    <message>
      <source>Signature</source>
      <translation>Ký tên</translation>
    </message>
    <message>
      <source>Thumbprint</source>
      <translation>Điểm chỉ</translation>
    </message>
    <message>
      <source>Verbal, with a witness</source>
      <translation>Bằng lời, có người làm chứng</translation>
    </message>
    <message>
      <source>By a guardian</source>
      <translation>Qua người giám hộ</translation>
    </message>
    <message>
      <source>Visits, help and payment follow-up</source>
      <translation>Thăm hộ, hỗ trợ và theo dõi chi trả</translation>
    </message>
    <message>
      <source>&amp;Guardian's name</source>
      <translation>Tên người &amp;giám hộ</translation>
    </message>
    <message>
      <source>&amp;Witness's name</source>
      <translation>Tên người làm &amp;chứng</translation>
    </message>
    <message>
      <source>Choose how the person gave consent.</source>
      <translation>Chọn hình thức người này đồng ý.</translation>
    </message>
    <message>
      <source>Consent</source>
      <translation>Sự đồng ý</translation>
    </message>
    <message>
      <source>Consent of %1</source>
      <translation>Sự đồng ý của %1</translation>
    </message>
    <message>
      <source>Consent withdrawn on %1.</source>
      <translation>Đã rút lại sự đồng ý ngày %1.</translation>
    </message>
    <message>
      <source>Consented on %1 (%2).</source>
      <translation>Đã đồng ý ngày %1 (%2).</translation>
    </message>
    <message>
      <source>No consent recorded.</source>
      <translation>Chưa ghi nhận sự đồng ý.</translation>
    </message>
    <message>
      <source>Without consent, this person's phones, needs and notes stay on this laptop (they are not synced or put in USB bundles) and their name is not listed in exported reports. Identity and benefit data still travel: the official beneficiary list already holds them.</source>
      <translation>Khi chưa đồng ý, số điện thoại, nhu cầu hỗ trợ và ghi chú của người này chỉ nằm trên máy này (không đồng bộ, không đưa vào gói USB) và tên của họ không có trong báo cáo xuất ra. Thông tin định danh và trợ cấp vẫn được gửi đi vì danh sách đối tượng chính thức đã có sẵn.</translation>
    </message>
    <message>
      <source>&amp;Date</source>
      <translation>&amp;Ngày</translation>
    </message>
    <message>
      <source>&amp;How</source>
      <translation>&amp;Hình thức</translation>
    </message>
    <message>
      <source>&amp;Scope</source>
      <translation>&amp;Phạm vi</translation>
    </message>
    <message>
      <source>— choose —</source>
      <translation>— chọn —</translation>
    </message>
    <message>
      <source>Save consent</source>
      <translation>Lưu sự đồng ý</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
    <message>
      <source>Record withdrawal</source>
      <translation>Ghi nhận rút lại</translation>
    </message>
  </context>
  <context>
    <name>Cover</name>
    <message>
      <source>Tận Tay is locked.</source>
      <translation>Tận Tay đang khoá.</translation>
    </message>
  </context>
  <context>
    <name>DuplicatesPanel</name>
    <message>
      <source>Possible duplicates (%1)</source>
      <translation>Có thể trùng (%1)</translation>
    </message>
    <message>
      <source>Two laptops may have registered the same person or household. Compare them side by side: merge them into one, or say they are not the same.</source>
      <translation>Có thể hai máy đã ghi cùng một người hoặc cùng một hộ. Hãy so sánh hai bản ghi cạnh nhau: gộp lại làm một, hoặc xác nhận đây không phải là trùng.</translation>
    </message>
    <message>
      <source>No possible duplicates right now.</source>
      <translation>Hiện không có bản ghi nào có thể trùng.</translation>
    </message>
    <message>
      <source>Records</source>
      <translation>Bản ghi</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>Vì sao</translation>
    </message>
    <message>
      <source>Differs in</source>
      <translation>Khác nhau ở</translation>
    </message>
    <message>
      <source>Compare and merge…</source>
      <translation>So sánh và gộp…</translation>
    </message>
    <message>
      <source>Merged on this laptop</source>
      <translation>Đã gộp trên máy này</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Lúc</translation>
    </message>
    <message>
      <source>Merge</source>
      <translation>Lần gộp</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Tình trạng</translation>
    </message>
    <message>
      <source>Split</source>
      <translation>Tách</translation>
    </message>
    <message>
      <source>Person</source>
      <translation>Người</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>Hộ</translation>
    </message>
    <message>
      <source>«%1» merged into «%2»</source>
      <translation>«%1» gộp vào «%2»</translation>
    </message>
    <message>
      <source>split again on %1</source>
      <translation>đã tách lại lúc %1</translation>
    </message>
    <message>
      <source>merged by %1</source>
      <translation>do %1 gộp</translation>
    </message>
    <message>
      <source>Merged. %1 linked records moved to the one kept.</source>
      <translation>Đã gộp. %1 bản ghi liên quan đã chuyển sang bản ghi được giữ lại.</translation>
    </message>
    <message>
      <source>Both held the same benefit or the same month's payment: %1 values that differ wait for you under Conflicts.</source>
      <translation>Hai bản ghi cùng có một chế độ hoặc cùng khoản chi của một tháng: %1 giá trị khác nhau đang chờ anh/chị chọn ở mục «Xung đột cần quyết định».</translation>
    </message>
    <message>
      <source>It is sent to the city server with the next sync.</source>
      <translation>Việc gộp được gửi lên máy chủ thành phố ở lần đồng bộ tới.</translation>
    </message>
    <message>
      <source>Noted: these two will not be proposed again.</source>
      <translation>Đã ghi nhận: hai bản ghi này sẽ không được đề xuất gộp nữa.</translation>
    </message>
    <message>
      <source>Split «%1» from «%2» again? The records that moved go back; values taken in the merge stay on «%2» until someone edits them. The two are listed under possible duplicates again: merge them again, or choose “Not the same”.</source>
      <translation>Tách «%1» khỏi «%2»? Các bản ghi đã chuyển sẽ trở về chỗ cũ; giá trị đã lấy khi gộp vẫn ở «%2» cho đến khi có người sửa. Hai bản ghi sẽ lại hiện trong «Có thể trùng»: gộp lại, hoặc chọn «Không phải trùng».</translation>
    </message>
    <message>
      <source>Split. Records moved back: %1.</source>
      <translation>Đã tách. %1 bản ghi đã trở về chỗ cũ.</translation>
    </message>
  </context>
  <context>
    <name>FollowUpsView</name>
    <message numerus="yes">
      <source>(%n day(s) late)</source>
      <translation>
        <numerusform>(trễ %Ln ngày)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n follow-up(s) due this week</source>
      <translation>
        <numerusform>%Ln việc cần thăm lại trong tuần</numerusform>
      </translation>
    </message>
    <message>
      <source>Follow-up of %1 marked done. Changed your mind? Undo (Ctrl+Z) within %2 s.</source>
      <translation>Đã đánh dấu xong việc thăm lại nhà %1. Nhầm? Hoàn tác (Ctrl+Z) trong vòng %2 giây.</translation>
    </message>
    <message>
      <source>✓ Done</source>
      <translation>✓ Đã xong</translation>
    </message>
    <message>
      <source>Mark this follow-up done</source>
      <translation>Đánh dấu đã thăm lại xong</translation>
    </message>
    <message>
      <source>Overdue</source>
      <translation>Quá hạn</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Hôm nay</translation>
    </message>
    <message>
      <source>This week</source>
      <translation>Trong tuần</translation>
    </message>
    <message>
      <source>Follow-ups</source>
      <translation>Thăm lại</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Làm mới</translation>
    </message>
    <message>
      <source>Mark done (Ctrl+D)</source>
      <translation>Đánh dấu đã xong (Ctrl+D)</translation>
    </message>
    <message>
      <source>Undo (Ctrl+Z)</source>
      <translation>Hoàn tác (Ctrl+Z)</translation>
    </message>
    <message>
      <source>Head of household</source>
      <translation>Chủ hộ</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Địa chỉ</translation>
    </message>
    <message>
      <source>Village / group</source>
      <translation>Thôn / tổ dân phố</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Hạn</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>Follow-ups due</source>
      <translation>Việc cần thăm lại</translation>
    </message>
    <message>
      <source>No follow-ups due this week.</source>
      <translation>Tuần này không có việc cần thăm lại.</translation>
    </message>
  </context>
  <context>
    <name>HeldBack</name>
    <message>
      <source>Required information is missing.</source>
      <translation>Thiếu thông tin bắt buộc.</translation>
    </message>
    <message>
      <source>Some information is not valid.</source>
      <translation>Có thông tin không hợp lệ.</translation>
    </message>
    <message>
      <source>It holds information this version does not know.</source>
      <translation>Có thông tin mà phiên bản này chưa biết.</translation>
    </message>
    <message>
      <source>A value is not one of the allowed choices.</source>
      <translation>Có giá trị không nằm trong các lựa chọn cho phép.</translation>
    </message>
    <message>
      <source>The citizen ID number is not valid (it has 12 digits).</source>
      <translation>Số định danh không hợp lệ (gồm 12 chữ số).</translation>
    </message>
    <message>
      <source>The old ID card number is not valid.</source>
      <translation>Số CMND cũ không hợp lệ.</translation>
    </message>
    <message>
      <source>A phone number is not valid.</source>
      <translation>Có số điện thoại không hợp lệ.</translation>
    </message>
    <message>
      <source>A date is not valid.</source>
      <translation>Có ngày tháng không hợp lệ.</translation>
    </message>
    <message>
      <source>A date or time is not valid.</source>
      <translation>Có ngày giờ không hợp lệ.</translation>
    </message>
    <message>
      <source>The year of birth does not match the date of birth.</source>
      <translation>Năm sinh không khớp với ngày sinh.</translation>
    </message>
    <message>
      <source>A text is too long.</source>
      <translation>Có nội dung quá dài.</translation>
    </message>
    <message>
      <source>A list has too many entries.</source>
      <translation>Có danh sách quá nhiều mục.</translation>
    </message>
    <message>
      <source>A number is outside the allowed range.</source>
      <translation>Có con số nằm ngoài khoảng cho phép.</translation>
    </message>
    <message>
      <source>It belongs to a household or person that has not arrived yet. It is tried again after each sync.</source>
      <translation>Thuộc về một hộ hoặc một người chưa về máy này. Máy sẽ tự thử lại sau mỗi lần đồng bộ.</translation>
    </message>
    <message>
      <source>The household or person it belongs to was refused too.</source>
      <translation>Hộ hoặc người mà thay đổi này thuộc về cũng bị từ chối.</translation>
    </message>
    <message>
      <source>It points to a household or person of another commune.</source>
      <translation>Thay đổi trỏ tới một hộ hoặc một người của xã khác.</translation>
    </message>
    <message>
      <source>It points to a record that does not exist.</source>
      <translation>Thay đổi trỏ tới một bản ghi không tồn tại.</translation>
    </message>
    <message>
      <source>This laptop is not enrolled for the record's commune.</source>
      <translation>Máy này chưa được đăng ký cho xã của bản ghi.</translation>
    </message>
    <message>
      <source>The record's commune does not match.</source>
      <translation>Xã của bản ghi không khớp.</translation>
    </message>
    <message>
      <source>The commune code is not valid.</source>
      <translation>Mã xã không hợp lệ.</translation>
    </message>
    <message>
      <source>Another person on this laptop already has this citizen ID.</source>
      <translation>Một người khác trên máy này đã có số định danh này.</translation>
    </message>
    <message>
      <source>It clashes with a record already on this laptop.</source>
      <translation>Thay đổi xung khắc với một bản ghi đã có trên máy này.</translation>
    </message>
    <message>
      <source>This laptop could not save it.</source>
      <translation>Máy này không lưu được thay đổi.</translation>
    </message>
    <message>
      <source>This kind of record is not known here.</source>
      <translation>Máy này không biết loại bản ghi này.</translation>
    </message>
    <message>
      <source>This record cannot be changed after it was sent.</source>
      <translation>Bản ghi này không được sửa sau khi đã gửi.</translation>
    </message>
    <message>
      <source>An earlier version of this record was not accepted.</source>
      <translation>Một phiên bản trước của bản ghi này đã không được nhận.</translation>
    </message>
    <message>
      <source>The server refused it.</source>
      <translation>Máy chủ từ chối.</translation>
    </message>
    <message>
      <source>Another reason (code: %1).</source>
      <translation>Lý do khác (mã: %1).</translation>
    </message>
    <message>
      <source>household</source>
      <translation>hộ gia đình</translation>
    </message>
    <message>
      <source>person</source>
      <translation>nhân khẩu</translation>
    </message>
    <message>
      <source>visit</source>
      <translation>lần thăm</translation>
    </message>
    <message>
      <source>assistance</source>
      <translation>việc hỗ trợ</translation>
    </message>
    <message>
      <source>village</source>
      <translation>thôn/tổ</translation>
    </message>
    <message>
      <source>benefit</source>
      <translation>chế độ trợ cấp</translation>
    </message>
    <message>
      <source>payment</source>
      <translation>lần chi trả</translation>
    </message>
    <message>
      <source>identity verification</source>
      <translation>xác minh danh tính</translation>
    </message>
  </context>
  <context>
    <name>HeldBackPanel</name>
    <message>
      <source>Held back (%1)</source>
      <translation>Bị giữ lại (%1)</translation>
    </message>
    <message>
      <source>These changes wait for a person; they do not hold up the others. After the cause is fixed, select one and press Try again.</source>
      <translation>Những thay đổi này đang chờ người xử lý; chúng không làm chậm các thay đổi khác. Khi đã khắc phục nguyên nhân, hãy chọn một dòng và bấm Thử lại.</translation>
    </message>
    <message>
      <source>Since</source>
      <translation>Từ lúc</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>Bản ghi</translation>
    </message>
    <message>
      <source>Direction</source>
      <translation>Chiều</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>Vì sao</translation>
    </message>
    <message>
      <source>Try again</source>
      <translation>Thử lại</translation>
    </message>
    <message>
      <source>not accepted by the server</source>
      <translation>gửi đi, máy chủ không nhận</translation>
    </message>
    <message>
      <source>received, not saved here</source>
      <translation>nhận về, chưa lưu được</translation>
    </message>
    <message>
      <source>not on this laptop (%1)</source>
      <translation>chưa có trên máy này (%1)</translation>
    </message>
    <message>
      <source>Queued again: it is sent with the next sync.</source>
      <translation>Đã xếp lại hàng chờ: thay đổi sẽ được gửi ở lần đồng bộ tới.</translation>
    </message>
    <message>
      <source>%1 received changes were saved now.</source>
      <translation>%1 thay đổi nhận về đã được lưu.</translation>
    </message>
    <message>
      <source>Still not possible: the cause is still there. It is tried again after each sync.</source>
      <translation>Vẫn chưa được: nguyên nhân vẫn còn. Máy sẽ tự thử lại sau mỗi lần đồng bộ.</translation>
    </message>
  </context>
  <context>
    <name>HelpWindow</name>
    <message>
      <source>Tận Tay — User guide</source>
      <translation>Tận Tay — Hướng dẫn sử dụng</translation>
    </message>
  </context>
  <context>
    <name>HouseholdDetailView</name>
    <message>
      <source>(no head recorded)</source>
      <translation>(chưa ghi chủ hộ)</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Địa chỉ</translation>
    </message>
    <message>
      <source>Village / group</source>
      <translation>Thôn / tổ dân phố</translation>
    </message>
    <message>
      <source>Phones</source>
      <translation>Điện thoại</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>only on this laptop: no consent</source>
      <translation>chỉ có trên máy này: chưa có sự đồng ý</translation>
    </message>
    <message>
      <source>none recorded</source>
      <translation>chưa ghi</translation>
    </message>
    <message>
      <source>%1 (born %2)</source>
      <translation>%1 (sinh %2)</translation>
    </message>
    <message>
      <source>Show full number</source>
      <translation>Hiện số đầy đủ</translation>
    </message>
    <message>
      <source>Show the full ID number of %1</source>
      <translation>Hiện số định danh đầy đủ của %1</translation>
    </message>
    <message>
      <source>Nothing open.</source>
      <translation>Không có việc nào đang chờ.</translation>
    </message>
    <message>
      <source>due %1</source>
      <translation>hạn %1</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>Đã xong</translation>
    </message>
    <message>
      <source>Mark “%1” done</source>
      <translation>Đánh dấu «%1» đã xong</translation>
    </message>
    <message>
      <source>Visits (%1)</source>
      <translation>Các lần thăm (%1)</translation>
    </message>
    <message>
      <source>No visits recorded yet. Press “New visit” (Ctrl+N).</source>
      <translation>Chưa có lần thăm nào. Bấm «Ghi lần thăm» (Ctrl+N).</translation>
    </message>
    <message>
      <source>Present: %1</source>
      <translation>Có mặt: %1</translation>
    </message>
    <message>
      <source>Help: %1</source>
      <translation>Hỗ trợ: %1</translation>
    </message>
    <message>
      <source>Follow-up %1 — done %2</source>
      <translation>Hẹn thăm lại %1 — đã xong %2</translation>
    </message>
    <message>
      <source>Follow-up on %1</source>
      <translation>Hẹn thăm lại ngày %1</translation>
    </message>
    <message>
      <source>← Back</source>
      <translation>← Quay lại</translation>
    </message>
    <message>
      <source>Back to the list</source>
      <translation>Quay lại danh sách</translation>
    </message>
    <message>
      <source>Edit household</source>
      <translation>Sửa thông tin hộ</translation>
    </message>
    <message>
      <source>Add person</source>
      <translation>Thêm người</translation>
    </message>
    <message>
      <source>Edit person</source>
      <translation>Sửa thông tin người</translation>
    </message>
    <message>
      <source>Consent…</source>
      <translation>Đồng ý…</translation>
    </message>
    <message>
      <source>New visit (Ctrl+N)</source>
      <translation>Ghi lần thăm (Ctrl+N)</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>Thành viên</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Họ tên</translation>
    </message>
    <message>
      <source>Age</source>
      <translation>Tuổi</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Giới tính</translation>
    </message>
    <message>
      <source>Relationship</source>
      <translation>Quan hệ</translation>
    </message>
    <message>
      <source>Needs</source>
      <translation>Khó khăn</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>Số định danh</translation>
    </message>
    <message>
      <source>Open help items</source>
      <translation>Việc hỗ trợ đang chờ</translation>
    </message>
    <message>
      <source>Benefits and payments</source>
      <translation>Trợ cấp và chi trả</translation>
    </message>
    <message>
      <source>Visits</source>
      <translation>Các lần thăm</translation>
    </message>
  </context>
  <context>
    <name>HouseholdDialog</name>
    <message>
      <source>— choose —</source>
      <translation>— chọn —</translation>
    </message>
    <message>
      <source>This laptop has no village or residential group yet. On a commune's second laptop they arrive with its first sync (online, or the first USB receipt): sync first, then record the household.</source>
      <translation>Máy này chưa có thôn/tổ dân phố nào. Trên máy thứ hai của xã, danh sách thôn/tổ đến cùng lần đồng bộ đầu tiên (qua mạng, hoặc biên nhận USB đầu tiên): hãy đồng bộ trước, rồi ghi hộ.</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <source>Saved — but please ask the commune police officer to check:</source>
      <translation>Đã lưu — nhưng hãy nhờ công an xã kiểm tra lại:</translation>
    </message>
    <message>
      <source>New household</source>
      <translation>Thêm hộ mới</translation>
    </message>
    <message>
      <source>Edit household</source>
      <translation>Sửa thông tin hộ</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>Hộ gia đình</translation>
    </message>
    <message>
      <source>Head of household</source>
      <translation>Chủ hộ</translation>
    </message>
    <message>
      <source>&amp;Village / group</source>
      <translation>Thôn / tổ &amp;dân phố</translation>
    </message>
    <message>
      <source>&amp;Address</source>
      <translation>Đị&amp;a chỉ</translation>
    </message>
    <message>
      <source>&amp;Landmark / directions</source>
      <translation>&amp;Mốc / chỉ đường</translation>
    </message>
    <message>
      <source>Phones</source>
      <translation>Điện thoại</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>e.g. Số 12 Hàng Bạc, or Ngõ 5 Hàng Bè</source>
      <translation>ví dụ: Số 12 Hàng Bạc, hoặc Ngõ 5 Hàng Bè</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Địa chỉ</translation>
    </message>
    <message>
      <source>When the house has no number: how to find it</source>
      <translation>Nhà không có số: mô tả cách tìm đến</translation>
    </message>
    <message>
      <source>Landmark or directions</source>
      <translation>Mốc hoặc chỉ đường</translation>
    </message>
    <message>
      <source>Village or residential group</source>
      <translation>Thôn hoặc tổ dân phố</translation>
    </message>
    <message>
      <source>Notes about the household</source>
      <translation>Ghi chú về hộ</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Lưu</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
  </context>
  <context>
    <name>HouseholdListView</name>
    <message>
      <source>Loading…</source>
      <translation>Đang tải…</translation>
    </message>
    <message numerus="yes">
      <source>Found %n household(s)</source>
      <translation>
        <numerusform>Tìm thấy %Ln hộ</numerusform>
      </translation>
    </message>
    <message>
      <source>Found more than %1 households — scroll for more or type more to narrow down</source>
      <translation>Tìm thấy hơn %1 hộ — cuộn xuống để xem thêm, hoặc gõ thêm để thu hẹp</translation>
    </message>
    <message numerus="yes">
      <source>%n household(s)</source>
      <translation>
        <numerusform>%Ln hộ</numerusform>
      </translation>
    </message>
    <message>
      <source>No household matches “%1”.
Try fewer words, a phone number or an ID number.</source>
      <translation>Không có hộ nào khớp với «%1».
Hãy thử gõ ít chữ hơn, hoặc tìm theo số điện thoại, số định danh.</translation>
    </message>
    <message>
      <source>No households yet.
Press “Add household” to record the first one.</source>
      <translation>Chưa có hộ nào.
Bấm «Thêm hộ» để ghi hộ đầu tiên.</translation>
    </message>
    <message>
      <source>Search by name, address, phone or ID number — accents optional (Ctrl+F)</source>
      <translation>Tìm theo tên, địa chỉ, số điện thoại hoặc số định danh — gõ không dấu cũng được (Ctrl+F)</translation>
    </message>
    <message>
      <source>Search households</source>
      <translation>Tìm hộ</translation>
    </message>
    <message>
      <source>Add household</source>
      <translation>Thêm hộ</translation>
    </message>
    <message>
      <source>Households</source>
      <translation>Danh sách hộ</translation>
    </message>
  </context>
  <context>
    <name>HouseholdTableModel</name>
    <message>
      <source>Head of household</source>
      <translation>Chủ hộ</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Địa chỉ</translation>
    </message>
    <message>
      <source>Village / group</source>
      <translation>Thôn / tổ dân phố</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>Số người</translation>
    </message>
    <message>
      <source>Needs</source>
      <translation>Khó khăn</translation>
    </message>
    <message>
      <source>Last visit</source>
      <translation>Lần thăm gần nhất</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>Hẹn thăm lại</translation>
    </message>
    <message>
      <source>Overdue</source>
      <translation>Quá hạn</translation>
    </message>
    <message>
      <source>(no head recorded)</source>
      <translation>(chưa ghi chủ hộ)</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <source>Full name</source>
      <translation>Họ và tên</translation>
    </message>
    <message>
      <source>Birth date or year</source>
      <translation>Ngày hoặc năm sinh</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Giới tính</translation>
    </message>
    <message>
      <source>ID number (CCCD)</source>
      <translation>Số định danh (CCCD)</translation>
    </message>
    <message>
      <source>Old ID card (CMND)</source>
      <translation>Số CMND cũ</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Địa chỉ</translation>
    </message>
    <message>
      <source>Village / group</source>
      <translation>Thôn / tổ dân phố</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Số điện thoại</translation>
    </message>
    <message>
      <source>Scheme / category</source>
      <translation>Chế độ / diện</translation>
    </message>
    <message>
      <source>Monthly amount</source>
      <translation>Mức hưởng hằng tháng</translation>
    </message>
    <message>
      <source>Payment channel</source>
      <translation>Hình thức nhận</translation>
    </message>
    <message>
      <source>Bank</source>
      <translation>Ngân hàng</translation>
    </message>
    <message>
      <source>Account number</source>
      <translation>Số tài khoản</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>Hợp lệ</translation>
    </message>
    <message>
      <source>OK, check</source>
      <translation>Hợp lệ, cần xem lại</translation>
    </message>
    <message>
      <source>Confirm: only a name</source>
      <translation>Cần xác nhận: chỉ có tên</translation>
    </message>
    <message>
      <source>Error — skipped</source>
      <translation>Lỗi — bỏ qua</translation>
    </message>
    <message>
      <source>Already there — skipped</source>
      <translation>Đã có — bỏ qua</translation>
    </message>
    <message>
      <source>Blank separator row</source>
      <translation>Dòng trống ngăn cách</translation>
    </message>
    <message>
      <source>Totals row</source>
      <translation>Dòng tổng cộng</translation>
    </message>
    <message>
      <source>Column numbers (1), (2), …</source>
      <translation>Dòng đánh số cột (1), (2), …</translation>
    </message>
    <message>
      <source>Header repeated</source>
      <translation>Dòng tiêu đề lặp lại</translation>
    </message>
    <message>
      <source>Signature block (titles, signers' names)</source>
      <translation>Phần ký tên (chức danh, tên người ký)</translation>
    </message>
    <message>
      <source>Place and date of signing</source>
      <translation>Địa danh, ngày tháng ký</translation>
    </message>
    <message>
      <source>Page footer</source>
      <translation>Chân trang</translation>
    </message>
    <message>
      <source>Group or village heading</source>
      <translation>Dòng tên nhóm hoặc tên thôn/tổ</translation>
    </message>
    <message>
      <source>Note below the list</source>
      <translation>Ghi chú cuối danh sách</translation>
    </message>
    <message>
      <source>Choose the beneficiary list</source>
      <translation>Chọn danh sách đối tượng hưởng</translation>
    </message>
    <message>
      <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
      <translation>Bảng tính (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
      <source>Reading the file…</source>
      <translation>Đang đọc tệp…</translation>
    </message>
    <message>
      <source>Reading and checking the list…</source>
      <translation>Đang đọc và kiểm tra danh sách…</translation>
    </message>
    <message>
      <source>New: %1 people (%2 with warnings). Already here: %3 (nobody new; a missing benefit is added). Skipped: %4 rows.</source>
      <translation>Mới: %1 người (%2 có cảnh báo). Đã có: %3 (không tạo người mới; chế độ còn thiếu được thêm). Bỏ qua: %4 dòng.</translation>
    </message>
    <message>
      <source>New villages: %1.</source>
      <translation>Thôn/tổ mới: %1.</translation>
    </message>
    <message>
      <source>Import the list?</source>
      <translation>Nhập danh sách này?</translation>
    </message>
    <message>
      <source>This writes to the database:</source>
      <translation>Thao tác này ghi vào dữ liệu:</translation>
    </message>
    <message>
      <source>Go back</source>
      <translation>Xem lại</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <source>Imported: %1 people in %2 households, %3 benefits; %4 rows skipped.</source>
      <translation>Đã nhập: %1 người trong %2 hộ, %3 chế độ hưởng; bỏ qua %4 dòng.</translation>
    </message>
    <message>
      <source>%1 of the new people have no benefit.</source>
      <translation>%1 người mới không có chế độ hưởng nào.</translation>
    </message>
    <message>
      <source>New villages created: %1.</source>
      <translation>Đã tạo thôn/tổ mới: %1.</translation>
    </message>
    <message>
      <source>(the only sheet)</source>
      <translation>(trang tính duy nhất)</translation>
    </message>
    <message>
      <source>(not in this file)</source>
      <translation>(không có trong tệp)</translation>
    </message>
    <message>
      <source>%1 rows: %2 valid, %3 with warnings, %4 with errors, %5 already there or repeated. Only valid rows and rows with warnings are imported.</source>
      <translation>%1 dòng: %2 hợp lệ, %3 có cảnh báo, %4 có lỗi, %5 đã có hoặc bị lặp. Chỉ nhập các dòng hợp lệ và dòng có cảnh báo.</translation>
    </message>
    <message>
      <source>%1 rows have only a name: tick the ones that are people to import them.</source>
      <translation>%1 dòng chỉ có họ tên: đánh dấu những dòng đúng là người để nhập.</translation>
    </message>
    <message>
      <source>%1 people would have no benefit.</source>
      <translation>%1 người sẽ không có chế độ hưởng nào.</translation>
    </message>
    <message>
      <source>New villages would be created: %1.</source>
      <translation>Sẽ tạo thôn/tổ mới: %1.</translation>
    </message>
    <message>
      <source>Header found on row %1.</source>
      <translation>Dòng tiêu đề ở dòng %1.</translation>
    </message>
    <message>
      <source>Columns as chosen for the last list with these headers.</source>
      <translation>Các cột được ghép như lần trước với danh sách cùng tiêu đề.</translation>
    </message>
    <message>
      <source>(no header)</source>
      <translation>(không có tiêu đề)</translation>
    </message>
    <message>
      <source>(no benefit)</source>
      <translation>(không có chế độ)</translation>
    </message>
    <message>
      <source>People (%1)</source>
      <translation>Người (%1)</translation>
    </message>
    <message>
      <source>Not people, left out (%1)</source>
      <translation>Không phải người, bỏ qua (%1)</translation>
    </message>
    <message>
      <source>Columns not imported (%1)</source>
      <translation>Cột không nhập (%1)</translation>
    </message>
    <message>
      <source>Unknown schemes (%1)</source>
      <translation>Chế độ chưa nhận ra (%1)</translation>
    </message>
    <message>
      <source>Row %1: %2</source>
      <translation>Dòng %1: %2</translation>
    </message>
    <message>
      <source>Import %1 rows</source>
      <translation>Nhập %1 dòng</translation>
    </message>
    <message>
      <source>Benefits added to people already there: %1.</source>
      <translation>Đã thêm %1 chế độ hưởng cho người đã có.</translation>
    </message>
    <message>
      <source>Rows left out (not people): %1.</source>
      <translation>%1 dòng không phải là người, được bỏ qua.</translation>
    </message>
    <message>
      <source>Import the official beneficiary list</source>
      <translation>Nhập danh sách đối tượng hưởng chính thức</translation>
    </message>
    <message>
      <source>File:</source>
      <translation>Tệp:</translation>
    </message>
    <message>
      <source>an .xlsx, .xls or .csv file</source>
      <translation>tệp .xlsx, .xls hoặc .csv</translation>
    </message>
    <message>
      <source>Choose file…</source>
      <translation>Chọn tệp…</translation>
    </message>
    <message>
      <source>&amp;Sheet:</source>
      <translation>&amp;Trang tính:</translation>
    </message>
    <message>
      <source>Which column holds what (detected; change if wrong)</source>
      <translation>Cột nào chứa thông tin gì (tự nhận biết; sửa nếu sai)</translation>
    </message>
    <message>
      <source>Check again with these columns</source>
      <translation>Kiểm tra lại theo các cột này</translation>
    </message>
    <message>
      <source>Row</source>
      <translation>Dòng</translation>
    </message>
    <message>
      <source>Why it is left out</source>
      <translation>Lý do bỏ qua</translation>
    </message>
    <message>
      <source>What the row says</source>
      <translation>Nội dung dòng</translation>
    </message>
    <message>
      <source>Column</source>
      <translation>Cột</translation>
    </message>
    <message>
      <source>Header</source>
      <translation>Tiêu đề</translation>
    </message>
    <message>
      <source>Cells with data</source>
      <translation>Số ô có dữ liệu</translation>
    </message>
    <message>
      <source>Scheme as written in the list</source>
      <translation>Chế độ ghi trong danh sách</translation>
    </message>
    <message>
      <source>Rows</source>
      <translation>Các dòng</translation>
    </message>
    <message>
      <source>Import as</source>
      <translation>Nhập thành chế độ</translation>
    </message>
    <message>
      <source>People whose scheme is not recognised get no benefit. Choose the scheme for each wording; the choice is remembered for the next lists.</source>
      <translation>Người có chế độ chưa nhận ra sẽ không có chế độ hưởng nào. Hãy chọn chế độ cho từng cách ghi; lựa chọn được nhớ cho các danh sách sau.</translation>
    </message>
    <message>
      <source>Check again with these schemes</source>
      <translation>Kiểm tra lại với các chế độ này</translation>
    </message>
    <message>
      <source>These columns are not imported. To import one, choose it for a field above and check again.</source>
      <translation>Các cột này không được nhập. Muốn nhập cột nào, hãy chọn nó cho một trường ở trên rồi kiểm tra lại.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
    <message>
      <source>&amp;Import beneficiary list…</source>
      <translation>&amp;Nhập danh sách đối tượng hưởng…</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <source>Lives alone</source>
      <translation>Sống một mình</translation>
    </message>
    <message>
      <source>Limited mobility</source>
      <translation>Đi lại khó khăn</translation>
    </message>
    <message>
      <source>Low vision</source>
      <translation>Mắt kém</translation>
    </message>
    <message>
      <source>Hard of hearing</source>
      <translation>Nghe kém</translation>
    </message>
    <message>
      <source>No smartphone</source>
      <translation>Không có điện thoại thông minh</translation>
    </message>
    <message>
      <source>Cannot read</source>
      <translation>Không biết chữ</translation>
    </message>
    <message>
      <source>Memory/cognition</source>
      <translation>Suy giảm trí nhớ</translation>
    </message>
    <message>
      <source>Bedridden</source>
      <translation>Nằm liệt giường</translation>
    </message>
    <message>
      <source>Open an account</source>
      <translation>Mở tài khoản</translation>
    </message>
    <message>
      <source>Activate card</source>
      <translation>Kích hoạt thẻ</translation>
    </message>
    <message>
      <source>Reset PIN</source>
      <translation>Đặt lại mã PIN</translation>
    </message>
    <message>
      <source>Install banking app</source>
      <translation>Cài ứng dụng ngân hàng</translation>
    </message>
    <message>
      <source>Activate VNeID</source>
      <translation>Kích hoạt VNeID</translation>
    </message>
    <message>
      <source>Accompany withdrawal</source>
      <translation>Đi cùng khi rút tiền</translation>
    </message>
    <message>
      <source>Request home delivery</source>
      <translation>Đề nghị chi trả tại nhà</translation>
    </message>
    <message>
      <source>Escalate to commune</source>
      <translation>Báo lên xã</translation>
    </message>
    <message>
      <source>Other help</source>
      <translation>Hỗ trợ khác</translation>
    </message>
    <message>
      <source>To do</source>
      <translation>Cần làm</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>Đã xong</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>Đã huỷ</translation>
    </message>
    <message>
      <source>&amp;Routine visit</source>
      <translation>Thăm định &amp;kỳ</translation>
    </message>
    <message>
      <source>&amp;Payment check</source>
      <translation>Kiểm tra nhận &amp;tiền</translation>
    </message>
    <message>
      <source>&amp;Help with money access</source>
      <translation>&amp;Hỗ trợ nhận tiền</translation>
    </message>
    <message>
      <source>&amp;Identity check</source>
      <translation>&amp;Xác minh danh tính</translation>
    </message>
    <message>
      <source>&amp;Follow-up</source>
      <translation>Thăm &amp;lại</translation>
    </message>
    <message>
      <source>O&amp;ther</source>
      <translation>Việc khá&amp;c</translation>
    </message>
    <message>
      <source>Met the person</source>
      <translation>Gặp được người dân</translation>
    </message>
    <message>
      <source>Nobody home</source>
      <translation>Không có ai ở nhà</translation>
    </message>
    <message>
      <source>Moved away</source>
      <translation>Đã chuyển đi</translation>
    </message>
    <message>
      <source>Deceased</source>
      <translation>Đã mất</translation>
    </message>
    <message>
      <source>Refused</source>
      <translation>Từ chối</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>Khác</translation>
    </message>
    <message>
      <source>Head of household</source>
      <translation>Chủ hộ</translation>
    </message>
    <message>
      <source>Spouse</source>
      <translation>Vợ/chồng</translation>
    </message>
    <message>
      <source>Child</source>
      <translation>Con</translation>
    </message>
    <message>
      <source>Grandchild</source>
      <translation>Cháu</translation>
    </message>
    <message>
      <source>Parent</source>
      <translation>Bố/mẹ</translation>
    </message>
    <message>
      <source>Sibling</source>
      <translation>Anh/chị/em</translation>
    </message>
    <message>
      <source>Child-in-law</source>
      <translation>Con dâu/con rể</translation>
    </message>
    <message>
      <source>Other relative</source>
      <translation>Họ hàng khác</translation>
    </message>
    <message>
      <source>Male</source>
      <translation>Nam</translation>
    </message>
    <message>
      <source>Female</source>
      <translation>Nữ</translation>
    </message>
    <message>
      <source>Old ID card (CMND)</source>
      <translation>Số CMND cũ</translation>
    </message>
    <message>
      <source>Chip ID card (CCCD)</source>
      <translation>CCCD gắn chip</translation>
    </message>
    <message>
      <source>Identity card (2024)</source>
      <translation>Thẻ căn cước (2024)</translation>
    </message>
    <message>
      <source>VNeID only</source>
      <translation>Chỉ có VNeID</translation>
    </message>
  </context>
  <context>
    <name>LanguagePage</name>
    <message>
      <source>Welcome to Tận Tay</source>
      <translation>Chào mừng bạn đến với Tận Tay</translation>
    </message>
    <message>
      <source>Step 1 of 5 — Language</source>
      <translation>Bước 1/5 — Ngôn ngữ</translation>
    </message>
    <message>
      <source>Tận Tay helps the community digital-technology team record household visits and check that people receiving social benefits can actually get their money. Let us set it up on this laptop. First, choose the language.</source>
      <translation>Tận Tay giúp Tổ công nghệ số cộng đồng ghi lại các lần đến thăm hộ và kiểm tra xem người hưởng trợ cấp xã hội có thực sự nhận được tiền hay không. Hãy cùng cài đặt ứng dụng trên máy này. Trước hết, hãy chọn ngôn ngữ.</translation>
    </message>
  </context>
  <context>
    <name>LockDialog</name>
    <message>
      <source>Tận Tay — Switch user</source>
      <translation>Tận Tay — Đổi người dùng</translation>
    </message>
    <message>
      <source>Switch user — log in with another account</source>
      <translation>Đổi người dùng — đăng nhập bằng tài khoản khác</translation>
    </message>
    <message>
      <source>Enter your own user name and password. Whatever %1 (%2) has open stays as it is, hidden until they log in again.</source>
      <translation>Nhập tên đăng nhập và mật khẩu của chính bạn. Những gì %1 (%2) đang mở vẫn giữ nguyên, được che đi cho đến khi người đó đăng nhập lại.</translation>
    </message>
    <message>
      <source>Log in</source>
      <translation>Đăng nhập</translation>
    </message>
    <message>
      <source>Back: unlock as %1</source>
      <translation>Quay lại: mở khoá cho %1</translation>
    </message>
    <message>
      <source>Tận Tay — Locked</source>
      <translation>Tận Tay — Đã khoá</translation>
    </message>
    <message>
      <source>Locked</source>
      <translation>Đã khoá màn hình</translation>
    </message>
    <message>
      <source>%1 (%2) is logged in. To continue, enter the password. Another person can log in here too: whatever is open stays as it is.</source>
      <translation>%1 (%2) đang đăng nhập. Để tiếp tục, hãy nhập mật khẩu. Người khác cũng có thể đăng nhập tại đây: những gì đang mở vẫn được giữ nguyên.</translation>
    </message>
    <message>
      <source>Unlock</source>
      <translation>Mở khoá</translation>
    </message>
    <message>
      <source>Switch user</source>
      <translation>Đổi người dùng</translation>
    </message>
  </context>
  <context>
    <name>LoginForm</name>
    <message>
      <source>Log in</source>
      <translation>Đăng nhập</translation>
    </message>
    <message>
      <source>&amp;User name</source>
      <translation>&amp;Tên đăng nhập</translation>
    </message>
    <message>
      <source>&amp;Password</source>
      <translation>&amp;Mật khẩu</translation>
    </message>
    <message>
      <source>for example: trang.nt</source>
      <translation>ví dụ: trang.nt</translation>
    </message>
    <message>
      <source>Enter your user name.</source>
      <translation>Hãy nhập tên đăng nhập.</translation>
    </message>
    <message>
      <source>Enter your password.</source>
      <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Đang kiểm tra…</translation>
    </message>
    <message>
      <source>You can try again now.</source>
      <translation>Bây giờ bạn có thể thử lại.</translation>
    </message>
    <message>
      <source>%1 min %2 s</source>
      <translation>%1 phút %2 giây</translation>
    </message>
    <message>
      <source>%1 s</source>
      <translation>%1 giây</translation>
    </message>
    <message>
      <source>Too many wrong passwords. For safety, wait %1 before trying again.</source>
      <translation>Nhập sai mật khẩu quá nhiều lần. Để bảo đảm an toàn, hãy chờ %1 rồi thử lại.</translation>
    </message>
  </context>
  <context>
    <name>LoginWindow</name>
    <message>
      <source>Tận Tay — Log in</source>
      <translation>Tận Tay — Đăng nhập</translation>
    </message>
    <message>
      <source>DEMO</source>
      <translation>DEMO</translation>
    </message>
    <message>
      <source>Household visits and access to social benefit payments</source>
      <translation>Thăm hộ và theo dõi việc nhận tiền trợ cấp xã hội</translation>
    </message>
    <message>
      <source>Who is using this laptop?</source>
      <translation>Ai đang dùng máy này?</translation>
    </message>
    <message>
      <source>Log in</source>
      <translation>Đăng nhập</translation>
    </message>
    <message>
      <source>Forgot your password? Use the recovery key</source>
      <translation>Quên mật khẩu? Dùng mã khôi phục</translation>
    </message>
    <message>
      <source>DEMO database: every name and number is made up. Choose a user below; the password of all four is %1.</source>
      <translation>Dữ liệu DEMO: mọi tên và số đều là giả. Chọn một người dùng bên dưới; mật khẩu của cả bốn người là %1.</translation>
    </message>
    <message>
      <source>A new password was set for %1. Log in with it now.</source>
      <translation>Đã đặt mật khẩu mới cho %1. Hãy đăng nhập bằng mật khẩu đó.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Households</source>
      <translation>Hộ gia đình</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>Hộ gia đình</translation>
    </message>
    <message>
      <source>Follow-ups</source>
      <translation>Thăm lại</translation>
    </message>
    <message>
      <source>Payments</source>
      <translation>Chi trả</translation>
    </message>
    <message>
      <source>Here the team will record, month by month, whether each person's benefit arrived, when it was withdrawn, by whom, at what cost in time and fees, and what got in the way.</source>
      <translation>Tại đây, tổ sẽ ghi lại theo từng tháng: tiền trợ cấp của mỗi người đã về chưa, rút lúc nào, ai rút, mất bao nhiêu thời gian và phí, và gặp khó khăn gì.</translation>
    </message>
    <message>
      <source>Identity verification</source>
      <translation>Xác minh danh tính</translation>
    </message>
    <message>
      <source>Here the commune police officer will record identity checks against the chip ID card, VNeID or the national population database.</source>
      <translation>Tại đây, công an xã sẽ ghi lại kết quả xác minh danh tính bằng thẻ căn cước gắn chip, VNeID hoặc Cơ sở dữ liệu quốc gia về dân cư.</translation>
    </message>
    <message>
      <source>Reports</source>
      <translation>Báo cáo</translation>
    </message>
    <message>
      <source>Here the team lead will see the payment-access report (who actually got their money, how long it took, what stood in the way) and export it for the commune.</source>
      <translation>Tại đây, tổ trưởng sẽ xem báo cáo về việc nhận tiền (ai đã thực sự nhận được tiền, mất bao lâu, vướng mắc ở đâu) và xuất báo cáo gửi xã/phường.</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>Đồng bộ</translation>
    </message>
    <message>
      <source>Here the laptop will send its records to the city server over the internet or on a USB stick. Until then every change is kept safely on this laptop and counted in the status bar below.</source>
      <translation>Tại đây, máy sẽ gửi dữ liệu lên máy chủ của thành phố qua internet hoặc bằng USB. Trong lúc chờ, mọi thay đổi được lưu an toàn trên máy này và được đếm ở thanh trạng thái bên dưới.</translation>
    </message>
    <message>
      <source>This screen is still being built.</source>
      <translation>Màn hình này đang được xây dựng.</translation>
    </message>
    <message>
      <source>Tận Tay — %1 — %2</source>
      <translation>Tận Tay — %1 — %2</translation>
    </message>
    <message>
      <source>DEMO (made-up data)</source>
      <translation>DEMO (dữ liệu giả)</translation>
    </message>
    <message>
      <source>DEMO — made-up data</source>
      <translation>DEMO — dữ liệu giả</translation>
    </message>
    <message>
      <source>Switch user</source>
      <translation>Đổi người dùng</translation>
    </message>
    <message>
      <source>Lock</source>
      <translation>Khoá máy</translation>
    </message>
    <message>
      <source>Lock the app now (Ctrl+L)</source>
      <translation>Khoá ứng dụng ngay (Ctrl+L)</translation>
    </message>
    <message>
      <source>Verification</source>
      <translation>Xác minh</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>Cài đặt</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Tệp</translation>
    </message>
    <message>
      <source>&amp;Households</source>
      <translation>&amp;Hộ gia đình</translation>
    </message>
    <message>
      <source>He&amp;lp</source>
      <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
      <source>&amp;Lock</source>
      <translation>&amp;Khoá máy</translation>
    </message>
    <message>
      <source>&amp;Switch user…</source>
      <translation>&amp;Đổi người dùng…</translation>
    </message>
    <message>
      <source>S&amp;ettings</source>
      <translation>&amp;Cài đặt</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>T&amp;hoát</translation>
    </message>
    <message>
      <source>&amp;Find a household</source>
      <translation>&amp;Tìm hộ</translation>
    </message>
    <message>
      <source>&amp;New visit for the open household</source>
      <translation>Ghi &amp;lần thăm mới cho hộ đang mở</translation>
    </message>
    <message>
      <source>&amp;About Tận Tay</source>
      <translation>&amp;Giới thiệu Tận Tay</translation>
    </message>
    <message>
      <source>&amp;User guide</source>
      <translation>&amp;Hướng dẫn sử dụng</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>Ngoại tuyến</translation>
    </message>
    <message>
      <source>Online</source>
      <translation>Trực tuyến</translation>
    </message>
    <message>
      <source>The city server answers; changes are sent automatically.</source>
      <translation>Máy chủ thành phố đang trả lời; các thay đổi được gửi tự động.</translation>
    </message>
    <message>
      <source>This laptop is not connected to the city server yet. Everything you record is kept safely here and sent later.</source>
      <translation>Máy này chưa kết nối với máy chủ của thành phố. Mọi thứ bạn ghi được lưu an toàn trên máy và sẽ gửi sau.</translation>
    </message>
    <message>
      <source>Open a household first, then press Ctrl+N.</source>
      <translation>Hãy mở một hộ trước, rồi bấm Ctrl+N.</translation>
    </message>
    <message>
      <source>The visit form is not available yet.</source>
      <translation>Phiếu thăm hộ chưa có trong phiên bản này.</translation>
    </message>
    <message>
      <source>All changes delivered</source>
      <translation>Đã gửi hết mọi thay đổi</translation>
    </message>
    <message>
      <source>Changes not yet sent: %1</source>
      <translation>%1 thay đổi chưa gửi</translation>
    </message>
    <message>
      <source>Last sync: %1</source>
      <translation>Đồng bộ lần cuối: %1</translation>
    </message>
    <message>
      <source>Never synced</source>
      <translation>Chưa đồng bộ lần nào</translation>
    </message>
    <message>
      <source>%1 is now logged in.</source>
      <translation>%1 đã đăng nhập.</translation>
    </message>
    <message>
      <source>About Tận Tay</source>
      <translation>Giới thiệu Tận Tay</translation>
    </message>
    <message>
      <source>For community digital-technology teams: record household visits and check that people receiving social benefits can actually get their money. Works without internet; data is encrypted on this laptop.</source>
      <translation>Dành cho Tổ công nghệ số cộng đồng: ghi lại các lần thăm hộ và kiểm tra người hưởng trợ cấp xã hội có thực sự nhận được tiền. Dùng được khi không có internet; dữ liệu được mã hoá trên máy.</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <source>Forms of another user are open</source>
      <translation>Đang mở biểu mẫu của người dùng khác</translation>
    </message>
    <message>
      <source>%1 left forms open on this laptop. Visit forms are kept as drafts and come back when they open the visit again; other forms (household, person, import…) are lost if you quit now. Better: let them log in with “Switch user” and finish.</source>
      <translation>%1 còn để mở biểu mẫu trên máy này. Phiếu thăm hộ được giữ làm bản nháp và hiện lại khi người đó mở lại phiếu; các biểu mẫu khác (hộ, nhân khẩu, nhập danh sách…) sẽ mất nếu thoát bây giờ. Tốt hơn: để người đó đăng nhập bằng «Đổi người dùng» và làm cho xong.</translation>
    </message>
    <message>
      <source>Quit anyway</source>
      <translation>Vẫn thoát</translation>
    </message>
    <message>
      <source>Don't quit</source>
      <translation>Không thoát</translation>
    </message>
    <message>
      <source>Tận Tay</source>
      <translation>Tận Tay</translation>
    </message>
    <message>
      <source>Finishing… Saving the last changes before the app closes.</source>
      <translation>Đang lưu… Đang ghi nốt những thay đổi cuối cùng trước khi đóng ứng dụng.</translation>
    </message>
  </context>
  <context>
    <name>MergeDialog</name>
    <message>
      <source>Full name</source>
      <translation>Họ và tên</translation>
    </message>
    <message>
      <source>Called</source>
      <translation>Tên gọi</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>Ngày sinh</translation>
    </message>
    <message>
      <source>Year of birth</source>
      <translation>Năm sinh</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Giới tính</translation>
    </message>
    <message>
      <source>Citizen ID</source>
      <translation>Số định danh cá nhân</translation>
    </message>
    <message>
      <source>ID card type</source>
      <translation>Loại giấy tờ</translation>
    </message>
    <message>
      <source>Card valid until</source>
      <translation>Giấy tờ có hạn đến</translation>
    </message>
    <message>
      <source>Old ID number</source>
      <translation>Số CMND cũ</translation>
    </message>
    <message>
      <source>Phone numbers</source>
      <translation>Số điện thoại</translation>
    </message>
    <message>
      <source>Vulnerabilities</source>
      <translation>Hoàn cảnh đặc biệt</translation>
    </message>
    <message>
      <source>Payment channel</source>
      <translation>Hình thức nhận tiền</translation>
    </message>
    <message>
      <source>Consent given on</source>
      <translation>Ngày đồng ý</translation>
    </message>
    <message>
      <source>Consent given by</source>
      <translation>Cách đồng ý</translation>
    </message>
    <message>
      <source>Witness or guardian</source>
      <translation>Người làm chứng hoặc giám hộ</translation>
    </message>
    <message>
      <source>Consent covers</source>
      <translation>Phạm vi đồng ý</translation>
    </message>
    <message>
      <source>Consent withdrawn on</source>
      <translation>Ngày rút lại đồng ý</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>Thôn/tổ dân phố</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Địa chỉ</translation>
    </message>
    <message>
      <source>Landmark / directions</source>
      <translation>Mốc nhận biết / chỉ đường</translation>
    </message>
    <message>
      <source>Latitude</source>
      <translation>Vĩ độ</translation>
    </message>
    <message>
      <source>Longitude</source>
      <translation>Kinh độ</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>Hộ</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>Thành viên</translation>
    </message>
    <message>
      <source>Linked records</source>
      <translation>Bản ghi liên quan</translation>
    </message>
    <message>
      <source>Same name, year of birth and village</source>
      <translation>Cùng họ tên, năm sinh và thôn</translation>
    </message>
    <message>
      <source>Same phone number</source>
      <translation>Cùng số điện thoại</translation>
    </message>
    <message>
      <source>Same address in the same village</source>
      <translation>Cùng địa chỉ trong cùng thôn</translation>
    </message>
    <message>
      <source>Its head of household was merged into the other household</source>
      <translation>Chủ hộ của hộ này đã được gộp sang hộ kia</translation>
    </message>
    <message>
      <source>Other reason (code: %1)</source>
      <translation>Lý do khác (mã: %1)</translation>
    </message>
    <message>
      <source>Signature</source>
      <translation>Ký tên</translation>
    </message>
    <message>
      <source>Thumbprint</source>
      <translation>Điểm chỉ</translation>
    </message>
    <message>
      <source>Verbal, with a witness</source>
      <translation>Bằng lời, có người làm chứng</translation>
    </message>
    <message>
      <source>By a guardian</source>
      <translation>Qua người giám hộ</translation>
    </message>
    <message>
      <source>Visits, help and payment follow-up</source>
      <translation>Thăm hộ, hỗ trợ và theo dõi chi trả</translation>
    </message>
    <message>
      <source>benefits: %1</source>
      <translation>trợ cấp: %1</translation>
    </message>
    <message>
      <source>payments: %1 (%2)</source>
      <translation>chi trả: %1 (%2)</translation>
    </message>
    <message>
      <source>the record on the left</source>
      <translation>bản ghi bên trái</translation>
    </message>
    <message>
      <source>the record on the right</source>
      <translation>bản ghi bên phải</translation>
    </message>
    <message>
      <source>Keep %1 and merge %2 into it.</source>
      <translation>Giữ lại %1 và gộp %2 vào đó.</translation>
    </message>
    <message>
      <source>Taken from %1: %2.</source>
      <translation>Lấy từ %1: %2.</translation>
    </message>
    <message>
      <source>Benefits, payments and visits recorded for %1 move to the one kept.</source>
      <translation>Trợ cấp, chi trả và các lần thăm đã ghi cho %1 sẽ chuyển sang bản ghi được giữ lại.</translation>
    </message>
    <message>
      <source>The members and visits of %1 move to the one kept.</source>
      <translation>Thành viên và các lần thăm của %1 sẽ chuyển sang bản ghi được giữ lại.</translation>
    </message>
    <message>
      <source>Both hold the same benefit with a payment for %1: one payment a month is kept (the kept record's), and the values of the other that differ wait under Conflicts on the Sync page, for you to choose.</source>
      <translation>Cả hai cùng có một chế độ và cùng có chi trả tháng %1: mỗi tháng chỉ giữ một khoản (của bản ghi được giữ lại); những giá trị khác nhau của bản kia chờ anh/chị chọn ở mục Xung đột trên trang Đồng bộ.</translation>
    </message>
    <message>
      <source>After the merge: «%1».</source>
      <translation>Sau khi gộp: «%1».</translation>
    </message>
    <message>
      <source>The merged record disappears from the lists. The merge is sent to the city server with the next sync. It can be undone with Split on the Sync page.</source>
      <translation>Bản ghi bị gộp sẽ không còn trong danh sách. Việc gộp được gửi lên máy chủ thành phố ở lần đồng bộ tới. Có thể hoàn tác bằng nút Tách trên trang Đồng bộ.</translation>
    </message>
    <message>
      <source>visits: %1</source>
      <translation>lần thăm: %1</translation>
    </message>
    <message>
      <source>Possibly the same person</source>
      <translation>Có thể là cùng một người</translation>
    </message>
    <message>
      <source>Are these the same person?</source>
      <translation>Đây có phải là cùng một người?</translation>
    </message>
    <message>
      <source>Possibly the same household</source>
      <translation>Có thể là cùng một hộ</translation>
    </message>
    <message>
      <source>Are these the same household?</source>
      <translation>Đây có phải là cùng một hộ?</translation>
    </message>
    <message>
      <source>Shown because: %1.</source>
      <translation>Lý do đề xuất: %1.</translation>
    </message>
    <message>
      <source>Choose the record to keep. Where the two differ (highlighted), choose the right value. Everything linked to the other record moves to the one kept.</source>
      <translation>Chọn bản ghi được giữ lại. Ở những chỗ hai bản ghi khác nhau (tô vàng), chọn giá trị đúng. Mọi thứ gắn với bản ghi kia sẽ chuyển sang bản ghi được giữ lại.</translation>
    </message>
    <message>
      <source>Keep this record</source>
      <translation>Giữ bản ghi này</translation>
    </message>
    <message>
      <source>Merge</source>
      <translation>Gộp</translation>
    </message>
    <message>
      <source>Not the same</source>
      <translation>Không phải trùng</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <source>Merge now?</source>
      <translation>Gộp ngay?</translation>
    </message>
    <message>
      <source>«%1» and «%2» are different and will not be proposed again. Continue?</source>
      <translation>«%1» và «%2» là khác nhau và sẽ không được đề xuất gộp nữa. Tiếp tục?</translation>
    </message>
  </context>
  <context>
    <name>OfficerKeyDialog</name>
    <message>
      <source>Register your signing key</source>
      <translation>Đăng ký khoá ký của anh/chị</translation>
    </message>
    <message>
      <source>Your verifications count only when they carry your signature. Enter the officer code the commune admin or the city gave you, and your password. The laptop must be online; it takes a few seconds, once.</source>
      <translation>Kết quả xác minh chỉ được tính khi có chữ ký của anh/chị. Nhập mã đăng ký cán bộ do quản trị viên xã hoặc thành phố cấp, và mật khẩu của anh/chị. Máy cần có mạng; chỉ mất vài giây và chỉ làm một lần.</translation>
    </message>
    <message>
      <source>Officer &amp;code</source>
      <translation>Mã &amp;cán bộ</translation>
    </message>
    <message>
      <source>Your &amp;password</source>
      <translation>&amp;Mật khẩu của anh/chị</translation>
    </message>
    <message>
      <source>&amp;Register</source>
      <translation>Đăng &amp;ký</translation>
    </message>
    <message>
      <source>Enter the officer code.</source>
      <translation>Hãy nhập mã cán bộ.</translation>
    </message>
    <message>
      <source>Enter your password.</source>
      <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
      <source>Registering with the city server…</source>
      <translation>Đang đăng ký với máy chủ thành phố…</translation>
    </message>
  </context>
  <context>
    <name>Ops</name>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
    <message>
      <source>Tận Tay</source>
      <translation>Tận Tay</translation>
    </message>
    <message>
      <source>Something went wrong. Your saved data is safe; details are in the log file. Please try again.</source>
      <translation>Đã xảy ra lỗi ngoài dự kiến. Dữ liệu đã lưu vẫn an toàn; chi tiết có trong tệp nhật ký. Vui lòng thử lại.</translation>
    </message>
  </context>
  <context>
    <name>OptionalDateEdit</name>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>ngày/tháng/năm</translation>
    </message>
  </context>
  <context>
    <name>PasswordDialog</name>
    <message>
      <source>New password for %1</source>
      <translation>Mật khẩu mới cho %1</translation>
    </message>
    <message>
      <source>Change my password</source>
      <translation>Đổi mật khẩu của tôi</translation>
    </message>
    <message>
      <source>Current password</source>
      <translation>Mật khẩu hiện tại</translation>
    </message>
    <message>
      <source>New password</source>
      <translation>Mật khẩu mới</translation>
    </message>
    <message>
      <source>New password again</source>
      <translation>Nhập lại mật khẩu mới</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Lưu</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
    <message>
      <source>The two passwords are not the same.</source>
      <translation>Hai lần nhập mật khẩu không giống nhau.</translation>
    </message>
    <message>
      <source>A new password was set for %1.</source>
      <translation>Đã đặt mật khẩu mới cho %1.</translation>
    </message>
    <message>
      <source>Your password was changed.</source>
      <translation>Đã đổi mật khẩu của bạn.</translation>
    </message>
  </context>
  <context>
    <name>PaymentDialog</name>
    <message>
      <source>Record a payment</source>
      <translation>Ghi nhận chi trả</translation>
    </message>
    <message>
      <source>(not recorded)</source>
      <translation>(chưa ghi)</translation>
    </message>
    <message>
      <source>Proxy's name</source>
      <translation>Tên người nhận thay</translation>
    </message>
    <message>
      <source>e.g. 2.5</source>
      <translation>ví dụ 2,5</translation>
    </message>
    <message>
      <source>1 — very hard</source>
      <translation>1 — rất khó khăn</translation>
    </message>
    <message>
      <source>2 — hard</source>
      <translation>2 — khó khăn</translation>
    </message>
    <message>
      <source>3 — acceptable</source>
      <translation>3 — tạm được</translation>
    </message>
    <message>
      <source>4 — convenient</source>
      <translation>4 — thuận tiện</translation>
    </message>
    <message>
      <source>5 — very convenient</source>
      <translation>5 — rất thuận tiện</translation>
    </message>
    <message>
      <source>&amp;Benefit</source>
      <translation>&amp;Chế độ hưởng</translation>
    </message>
    <message>
      <source>&amp;Month</source>
      <translation>&amp;Tháng</translation>
    </message>
    <message>
      <source>&amp;Amount (₫)</source>
      <translation>&amp;Số tiền (₫)</translation>
    </message>
    <message>
      <source>C&amp;hannel</source>
      <translation>&amp;Hình thức nhận</translation>
    </message>
    <message>
      <source>&amp;Credited on</source>
      <translation>Ngày tiền &amp;về</translation>
    </message>
    <message>
      <source>&amp;Withdrawn on</source>
      <translation>Ngày &amp;rút / nhận</translation>
    </message>
    <message>
      <source>B&amp;y whom</source>
      <translation>&amp;Người rút</translation>
    </message>
    <message>
      <source>T&amp;ravel</source>
      <translation>Đi &amp;lại</translation>
    </message>
    <message>
      <source>Barr&amp;iers</source>
      <translation>&amp;Khó khăn</translation>
    </message>
    <message>
      <source>Con&amp;venience</source>
      <translation>Thuận t&amp;iện</translation>
    </message>
    <message>
      <source>&amp;Note</source>
      <translation>&amp;Ghi chú</translation>
    </message>
    <message>
      <source>min</source>
      <translation>phút</translation>
    </message>
    <message>
      <source>km</source>
      <translation>km</translation>
    </message>
    <message>
      <source>₫ fees</source>
      <translation>₫ phí</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Lưu</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
  </context>
  <context>
    <name>PaymentGridModel</name>
    <message>
      <source>Name</source>
      <translation>Họ tên</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>Hình thức nhận</translation>
    </message>
    <message>
      <source>How the money reaches the person</source>
      <translation>Tiền đến tay người hưởng bằng cách nào</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Số tiền</translation>
    </message>
    <message>
      <source>Amount paid this month (VND)</source>
      <translation>Số tiền chi trả tháng này (đồng)</translation>
    </message>
    <message>
      <source>Credited</source>
      <translation>Tiền về</translation>
    </message>
    <message>
      <source>The day the money arrived in the account or was ready (dd/mm/yyyy)</source>
      <translation>Ngày tiền vào tài khoản hoặc sẵn sàng để nhận (dd/mm/yyyy)</translation>
    </message>
    <message>
      <source>Withdrawn</source>
      <translation>Đã rút</translation>
    </message>
    <message>
      <source>The day the person actually got the money (dd/mm/yyyy)</source>
      <translation>Ngày người hưởng thực sự cầm được tiền (dd/mm/yyyy)</translation>
    </message>
    <message>
      <source>By whom</source>
      <translation>Người rút</translation>
    </message>
    <message>
      <source>Self, with help, or a proxy (with the name)</source>
      <translation>Tự rút, có người giúp, hay người nhận thay (ghi tên)</translation>
    </message>
    <message>
      <source>Travel (min)</source>
      <translation>Phút đi</translation>
    </message>
    <message>
      <source>Minutes spent travelling to withdraw</source>
      <translation>Số phút đi lại để rút tiền</translation>
    </message>
    <message>
      <source>Distance (km)</source>
      <translation>Km</translation>
    </message>
    <message>
      <source>Distance travelled to withdraw</source>
      <translation>Quãng đường đi để rút tiền</translation>
    </message>
    <message>
      <source>Fees (₫)</source>
      <translation>Phí (₫)</translation>
    </message>
    <message>
      <source>Fees paid to withdraw (VND)</source>
      <translation>Phí phải trả khi rút tiền (đồng)</translation>
    </message>
    <message>
      <source>Barriers</source>
      <translation>Khó khăn</translation>
    </message>
    <message>
      <source>What got in the way (several allowed)</source>
      <translation>Khó khăn gặp phải (chọn được nhiều)</translation>
    </message>
    <message>
      <source>Convenience</source>
      <translation>Thuận tiện</translation>
    </message>
    <message>
      <source>1 = very hard … 5 = very convenient, in the person's own words</source>
      <translation>1 = rất khó khăn … 5 = rất thuận tiện, theo lời người hưởng</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>Saved?</source>
      <translation>Đã lưu?</translation>
    </message>
    <message>
      <source>Whether the row is saved, or what is wrong</source>
      <translation>Dòng đã được lưu chưa, hoặc sai ở đâu</translation>
    </message>
    <message>
      <source>(not recorded)</source>
      <translation>(chưa ghi)</translation>
    </message>
    <message>
      <source>Saving…</source>
      <translation>Đang lưu…</translation>
    </message>
    <message>
      <source>Saved</source>
      <translation>Đã lưu</translation>
    </message>
    <message>
      <source>Not recorded</source>
      <translation>Chưa ghi</translation>
    </message>
  </context>
  <context>
    <name>PaymentLabels</name>
    <message>
      <source>Self</source>
      <translation>Tự rút</translation>
    </message>
    <message>
      <source>With help</source>
      <translation>Có người giúp</translation>
    </message>
    <message>
      <source>Proxy</source>
      <translation>Người nhận thay</translation>
    </message>
  </context>
  <context>
    <name>PaymentsView</name>
    <message>
      <source>Loading…</source>
      <translation>Đang tải…</translation>
    </message>
    <message>
      <source>Not saved: something went wrong.</source>
      <translation>Chưa lưu được: đã có lỗi xảy ra.</translation>
    </message>
    <message>
      <source>Not saved — %1: %2</source>
      <translation>Chưa lưu — %1: %2</translation>
    </message>
    <message>
      <source>All villages</source>
      <translation>Tất cả thôn/tổ</translation>
    </message>
    <message>
      <source>Month %1: %2 recipients, %3 withdrawn, %4 not withdrawn yet</source>
      <translation>Tháng %1: %2 người hưởng, %3 đã rút, %4 chưa rút</translation>
    </message>
    <message>
      <source>%1 shown</source>
      <translation>đang hiện %1</translation>
    </message>
    <message>
      <source>No active benefits in this village. Add them on a household's page.</source>
      <translation>Thôn/tổ này chưa có ai đang hưởng chế độ. Thêm chế độ trên trang của từng hộ.</translation>
    </message>
    <message>
      <source>Ctrl+3 puts the keyboard in the grid: arrows move, Enter or typing edits a cell, Enter again saves it and moves down, Tab goes to the next column. Dates as dd/mm/yyyy. Barriers: Space ticks a reason, Enter saves. Double-click a name to open the household.</source>
      <translation>Ctrl+3 đưa bàn phím vào bảng: phím mũi tên để di chuyển, Enter hoặc gõ để sửa một ô, Enter lần nữa để lưu và xuống dòng dưới, Tab sang cột tiếp. Ngày theo dạng dd/mm/yyyy. Khó khăn: phím cách để đánh dấu, Enter để lưu. Nháy đúp vào tên để mở hộ.</translation>
    </message>
    <message>
      <source>Your role can see payments but not record them. Double-click a name to open the household.</source>
      <translation>Vai trò của bạn chỉ được xem, không được ghi chi trả. Nhấp đúp vào tên để mở hộ.</translation>
    </message>
    <message>
      <source>Payments this month</source>
      <translation>Chi trả trong tháng</translation>
    </message>
    <message>
      <source>After a payment day, record for each person when the money arrived, when they actually got it, with whose help, at what cost, and what got in the way.</source>
      <translation>Sau mỗi đợt chi trả, ghi cho từng người: tiền về ngày nào, ngày nào thực sự nhận được, ai giúp, tốn bao nhiêu thời gian, chi phí và gặp khó khăn gì.</translation>
    </message>
    <message>
      <source>&amp;Village:</source>
      <translation>Thô&amp;n/tổ:</translation>
    </message>
    <message>
      <source>&amp;Month:</source>
      <translation>Th&amp;áng:</translation>
    </message>
    <message>
      <source>Only people who have not withdrawn yet</source>
      <translation>Chỉ người chưa rút tiền</translation>
    </message>
    <message>
      <source>Import beneficiary list…</source>
      <translation>Nhập danh sách đối tượng…</translation>
    </message>
    <message>
      <source>Open household</source>
      <translation>Mở hộ</translation>
    </message>
    <message>
      <source>Payments of the month</source>
      <translation>Chi trả trong tháng</translation>
    </message>
  </context>
  <context>
    <name>PersonDialog</name>
    <message>
      <source>Remove a person entered by mistake</source>
      <translation>Xoá người nhập nhầm</translation>
    </message>
    <message>
      <source>Remove %1 from this household as entered by mistake? They leave the commune's lists on every laptop after the next sync, and the activity log keeps who removed them. Someone with a benefit, a payment, a help item or an identity check cannot be removed this way.</source>
      <translation>Xoá %1 khỏi hộ này vì nhập nhầm? Người này sẽ không còn trong danh sách của xã trên mọi máy sau lần đồng bộ tới, và nhật ký hoạt động ghi lại ai đã xoá. Người đã có chế độ trợ cấp, chi trả, việc hỗ trợ hoặc xác minh thì không xoá theo cách này được.</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <source>Saved — but please ask the commune police officer to check:</source>
      <translation>Đã lưu — nhưng hãy nhờ công an xã kiểm tra lại:</translation>
    </message>
    <message>
      <source>Edit person</source>
      <translation>Sửa thông tin người</translation>
    </message>
    <message>
      <source>Add a person</source>
      <translation>Thêm người</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Lưu</translation>
    </message>
    <message>
      <source>Remove (entered by mistake)…</source>
      <translation>Xoá (nhập nhầm)…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
  </context>
  <context>
    <name>PersonFields</name>
    <message>
      <source>Full &amp;name</source>
      <translation>Họ và &amp;tên</translation>
    </message>
    <message>
      <source>&amp;Born</source>
      <translation>&amp;Ngày/năm sinh</translation>
    </message>
    <message>
      <source>Se&amp;x</source>
      <translation>&amp;Giới tính</translation>
    </message>
    <message>
      <source>&amp;Relationship to head</source>
      <translation>&amp;Quan hệ với chủ hộ</translation>
    </message>
    <message>
      <source>&amp;ID number (12 digits)</source>
      <translation>&amp;Số định danh (12 số)</translation>
    </message>
    <message>
      <source>&amp;Old ID (CMND, 9 digits)</source>
      <translation>CMND &amp;cũ (9 số)</translation>
    </message>
    <message>
      <source>Card &amp;type</source>
      <translation>&amp;Loại thẻ</translation>
    </message>
    <message>
      <source>Phones</source>
      <translation>Điện thoại</translation>
    </message>
    <message>
      <source>Needs</source>
      <translation>Khó khăn</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Họ và tên</translation>
    </message>
    <message>
      <source>e.g. Nguyễn Thị Hoà</source>
      <translation>ví dụ: Nguyễn Thị Hoà</translation>
    </message>
    <message>
      <source>Birth date or birth year</source>
      <translation>Ngày sinh hoặc năm sinh</translation>
    </message>
    <message>
      <source>dd/mm/yyyy, or the year only: 1948</source>
      <translation>ngày/tháng/năm, hoặc chỉ năm: 1948</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>Số định danh</translation>
    </message>
    <message>
      <source>12 digits, e.g. 001048012345</source>
      <translation>12 chữ số, ví dụ 001048012345</translation>
    </message>
    <message>
      <source>Old ID number</source>
      <translation>Số CMND cũ</translation>
    </message>
    <message>
      <source>Notes about the person</source>
      <translation>Ghi chú về người này</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Giới tính</translation>
    </message>
    <message>
      <source>Relationship to the head of household</source>
      <translation>Quan hệ với chủ hộ</translation>
    </message>
    <message>
      <source>Card type</source>
      <translation>Loại thẻ</translation>
    </message>
    <message>
      <source>— not recorded —</source>
      <translation>— chưa ghi —</translation>
    </message>
  </context>
  <context>
    <name>PhoneListEditor</name>
    <message>
      <source>Remove this number</source>
      <translation>Xoá số này</translation>
    </message>
    <message>
      <source>Phone number, e.g. 0912 345 678</source>
      <translation>Số điện thoại, ví dụ 0912 345 678</translation>
    </message>
    <message>
      <source>Phone number</source>
      <translation>Số điện thoại</translation>
    </message>
    <message>
      <source>Whose number (e.g. daughter)</source>
      <translation>Số của ai (ví dụ: con gái)</translation>
    </message>
    <message>
      <source>Whose number</source>
      <translation>Số của ai</translation>
    </message>
    <message>
      <source>+ Add a phone number</source>
      <translation>+ Thêm số điện thoại</translation>
    </message>
  </context>
  <context>
    <name>PlaceholderPage</name>
    <message>
      <source>This feature is coming in a later version of Tận Tay. Until then, keep using the forms your commune uses today.</source>
      <translation>Chức năng này sẽ có trong phiên bản sau của Tận Tay. Trong thời gian chờ, hãy tiếp tục dùng các biểu mẫu xã/phường đang sử dụng.</translation>
    </message>
  </context>
  <context>
    <name>PreviewModel</name>
    <message>
      <source>Row</source>
      <translation>Dòng</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Tình trạng</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Họ và tên</translation>
    </message>
    <message>
      <source>Born</source>
      <translation>Sinh</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>Số định danh</translation>
    </message>
    <message>
      <source>Village / address</source>
      <translation>Thôn/tổ, địa chỉ</translation>
    </message>
    <message>
      <source>Scheme</source>
      <translation>Chế độ</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Số tiền</translation>
    </message>
    <message>
      <source>Issues</source>
      <translation>Vấn đề</translation>
    </message>
  </context>
  <context>
    <name>RecoveryDialog</name>
    <message>
      <source>Set a new password with the recovery key</source>
      <translation>Đặt mật khẩu mới bằng mã khôi phục</translation>
    </message>
    <message>
      <source>The recovery key was shown once when Tận Tay was set up on this laptop, and should be kept on paper in a safe place. With it you can set a new password for any user.</source>
      <translation>Mã khôi phục được hiển thị một lần khi cài đặt Tận Tay trên máy này và cần được ghi ra giấy, cất ở nơi an toàn. Với mã này, bạn có thể đặt mật khẩu mới cho bất kỳ người dùng nào.</translation>
    </message>
    <message>
      <source>Recovery key</source>
      <translation>Mã khôi phục</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>Tên đăng nhập</translation>
    </message>
    <message>
      <source>New password</source>
      <translation>Mật khẩu mới</translation>
    </message>
    <message>
      <source>New password again</source>
      <translation>Nhập lại mật khẩu mới</translation>
    </message>
    <message>
      <source>Set password</source>
      <translation>Đặt mật khẩu</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
    <message>
      <source>Enter the recovery key and the user name.</source>
      <translation>Hãy nhập mã khôi phục và tên đăng nhập.</translation>
    </message>
    <message>
      <source>The new password needs at least 8 characters.</source>
      <translation>Mật khẩu mới cần ít nhất 8 ký tự.</translation>
    </message>
    <message>
      <source>The two passwords are not the same.</source>
      <translation>Hai lần nhập mật khẩu không giống nhau.</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Đang kiểm tra…</translation>
    </message>
  </context>
  <context>
    <name>RecoveryPage</name>
    <message>
      <source>Your recovery key</source>
      <translation>Mã khôi phục của bạn</translation>
    </message>
    <message>
      <source>Step 5 of 5 — Write it down now: it is shown only once</source>
      <translation>Bước 5/5 — Hãy chép lại ngay: mã chỉ hiện một lần</translation>
    </message>
    <message>
      <source>If every password is forgotten, this key is the only way to open the data again. Write it on paper and keep it locked away at the commune office.</source>
      <translation>Nếu quên hết mật khẩu, mã này là cách duy nhất để mở lại dữ liệu. Hãy chép ra giấy và cất giữ cẩn thận tại trụ sở xã/phường.</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>Sao chép</translation>
    </message>
    <message>
      <source>Copied.</source>
      <translation>Đã sao chép.</translation>
    </message>
    <message>
      <source>Do not keep it in a file on this laptop, and do not send it by Zalo or e-mail. Anyone who has it can read the data.</source>
      <translation>Không lưu mã trong tệp trên máy này, không gửi qua Zalo hay thư điện tử. Ai có mã này đều đọc được dữ liệu.</translation>
    </message>
    <message>
      <source>I have written the recovery key down and put it in a safe place</source>
      <translation>Tôi đã chép mã khôi phục ra giấy và cất ở nơi an toàn</translation>
    </message>
  </context>
  <context>
    <name>ReportsView</name>
    <message>
      <source>Computing…</source>
      <translation>Đang tính…</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx)</source>
      <translation>Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <source>Save the report</source>
      <translation>Lưu báo cáo</translation>
    </message>
    <message>
      <source>Report saved: %1</source>
      <translation>Đã lưu báo cáo: %1</translation>
    </message>
    <message>
      <source>All channels</source>
      <translation>Mọi hình thức</translation>
    </message>
    <message>
      <source>All ages</source>
      <translation>Mọi lứa tuổi</translation>
    </message>
    <message>
      <source>All villages</source>
      <translation>Tất cả thôn/tổ</translation>
    </message>
    <message>
      <source>no data for the previous period</source>
      <translation>kỳ trước chưa có số liệu</translation>
    </message>
    <message>
      <source>same as the previous period</source>
      <translation>không đổi so với kỳ trước</translation>
    </message>
    <message>
      <source> points</source>
      <translation> điểm %</translation>
    </message>
    <message>
      <source>%1 vs previous period</source>
      <translation>%1 so với kỳ trước</translation>
    </message>
    <message>
      <source>1 day</source>
      <translation>1 ngày</translation>
    </message>
    <message>
      <source>2–3 days</source>
      <translation>2–3 ngày</translation>
    </message>
    <message>
      <source>%1 days</source>
      <translation>%1 ngày</translation>
    </message>
    <message>
      <source>Period %1 · figures as of %2 · %3 payment records in scope</source>
      <translation>Kỳ %1 · số liệu tính đến %2 · %3 lượt chi trả trong phạm vi</translation>
    </message>
    <message>
      <source>too little data in the previous period to compare</source>
      <translation>kỳ trước quá ít số liệu để so sánh</translation>
    </message>
    <message>
      <source>The previous period (%1) has %2 payment records against %3 now: a change may come from data not recorded then, not from people's situation.</source>
      <translation>Kỳ trước (%1) có %2 lượt chi trả được ghi, kỳ này có %3: thay đổi có thể do kỳ trước thiếu số liệu, không phải do hoàn cảnh của người dân.</translation>
    </message>
    <message>
      <source>(not final)</source>
      <translation>(chưa phải số cuối)</translation>
    </message>
    <message>
      <source>Figures marked “not final” will still change: withdrawals of %1 still come in, and 30 days have not passed since the month ended.</source>
      <translation>Các số ghi “chưa phải số cuối” sẽ còn thay đổi: tiền chi trả tháng %1 vẫn đang được rút, và chưa đủ 30 ngày kể từ cuối tháng.</translation>
    </message>
    <message>
      <source>%1 of %2 payments credited were withdrawn</source>
      <translation>%1 trong %2 lượt tiền đã về được rút</translation>
    </message>
    <message>
      <source>9 in 10 within %1 · from %2 withdrawals</source>
      <translation>9/10 lượt rút trong vòng %1 · tính trên %2 lượt rút</translation>
    </message>
    <message>
      <source>the slowest: %1 · from %2 withdrawals</source>
      <translation>lâu nhất %1 · tính trên %2 lượt rút</translation>
    </message>
    <message>
      <source>of which %1 after 30 days or more</source>
      <translation>trong đó %1 lượt quá 30 ngày</translation>
    </message>
    <message>
      <source>%1 payments credited</source>
      <translation>%1 lượt tiền đã về</translation>
    </message>
    <message>
      <source>%1 min</source>
      <translation>%1 phút</translation>
    </message>
    <message>
      <source>distance %1 km (median)</source>
      <translation>quãng đường %1 km (trung vị)</translation>
    </message>
    <message>
      <source>those who paid: %1 (median)</source>
      <translation>người phải trả: %1 (trung vị)</translation>
    </message>
    <message>
      <source>by a proxy: %1</source>
      <translation>người nhận thay: %1</translation>
    </message>
    <message>
      <source>who withdrew not recorded: %1</source>
      <translation>chưa ghi ai rút: %1</translation>
    </message>
    <message>
      <source>beside %1 withdrawals: an opened account is not money received</source>
      <translation>so với %1 lượt đã rút: mở tài khoản chưa phải là đã nhận tiền</translation>
    </message>
    <message>
      <source>Same day</source>
      <translation>Trong ngày</translation>
    </message>
    <message>
      <source>4–7 days</source>
      <translation>4–7 ngày</translation>
    </message>
    <message>
      <source>8–14 days</source>
      <translation>8–14 ngày</translation>
    </message>
    <message>
      <source>15–30 days</source>
      <translation>15–30 ngày</translation>
    </message>
    <message>
      <source>Over 30 days</source>
      <translation>Trên 30 ngày</translation>
    </message>
    <message>
      <source>Not withdrawn yet</source>
      <translation>Chưa rút tiền</translation>
    </message>
    <message>
      <source>No payments credited in this period.</source>
      <translation>Kỳ này chưa có lượt tiền về nào.</translation>
    </message>
    <message>
      <source>No barriers recorded.</source>
      <translation>Chưa ghi nhận khó khăn nào.</translation>
    </message>
    <message>
      <source>1 — very hard</source>
      <translation>1 — rất khó khăn</translation>
    </message>
    <message>
      <source>2 — hard</source>
      <translation>2 — khó khăn</translation>
    </message>
    <message>
      <source>3 — acceptable</source>
      <translation>3 — tạm được</translation>
    </message>
    <message>
      <source>4 — convenient</source>
      <translation>4 — thuận tiện</translation>
    </message>
    <message>
      <source>5 — very convenient</source>
      <translation>5 — rất thuận tiện</translation>
    </message>
    <message>
      <source>No convenience scores recorded.</source>
      <translation>Chưa có đánh giá mức thuận tiện.</translation>
    </message>
    <message>
      <source>Paid but not withdrawn: %1 people (double-click to open the household)</source>
      <translation>Tiền đã về nhưng chưa rút: %1 người (nhấp đúp để mở hộ)</translation>
    </message>
    <message>
      <source>(no consent to share information)</source>
      <translation>(chưa đồng ý chia sẻ thông tin)</translation>
    </message>
    <message>
      <source>%1 of them have no consent to share their information recorded, so their names are not shown here or in the exports. Double-click a row to open the household, then record the person's consent with “Consent…”.</source>
      <translation>%1 người trong số này chưa được ghi đồng ý chia sẻ thông tin, nên tên không hiện ở đây và trong tệp xuất. Nhấp đúp vào một dòng để mở hộ, rồi ghi sự đồng ý của người đó bằng nút «Đồng ý…».</translation>
    </message>
    <message>
      <source>Data to check: %1</source>
      <translation>Dữ liệu cần kiểm tra: %1</translation>
    </message>
    <message>
      <source>Not recorded</source>
      <translation>Chưa ghi</translation>
    </message>
    <message>
      <source>%1 day</source>
      <translation>%1 ngày</translation>
    </message>
    <message>
      <source>Can people get their money?</source>
      <translation>Người dân có nhận được tiền không?</translation>
    </message>
    <message>
      <source>Of the people paid, how many actually withdrew, how many days after the money arrived, at what cost in time, distance and fees, with whose help — and why not.</source>
      <translation>Trong số người đã được chi trả, bao nhiêu người thực sự rút được tiền, sau bao nhiêu ngày kể từ khi tiền về, tốn bao nhiêu thời gian, quãng đường và chi phí, nhờ ai giúp — và vì sao chưa rút.</translation>
    </message>
    <message>
      <source>F&amp;rom:</source>
      <translation>T&amp;ừ:</translation>
    </message>
    <message>
      <source>&amp;To:</source>
      <translation>Tớ&amp;i:</translation>
    </message>
    <message>
      <source>&amp;Village:</source>
      <translation>Thô&amp;n/tổ:</translation>
    </message>
    <message>
      <source>&amp;Channel:</source>
      <translation>Hình thứ&amp;c:</translation>
    </message>
    <message>
      <source>&amp;Age:</source>
      <translation>Tu&amp;ổi:</translation>
    </message>
    <message>
      <source>Export Excel</source>
      <translation>Xuất Excel</translation>
    </message>
    <message>
      <source>Export PDF</source>
      <translation>Xuất PDF</translation>
    </message>
    <message>
      <source>Import beneficiary list…</source>
      <translation>Nhập danh sách đối tượng…</translation>
    </message>
    <message>
      <source>Days from credit to withdrawal</source>
      <translation>Số ngày từ khi tiền về đến khi rút</translation>
    </message>
    <message>
      <source>What got in the way (payments)</source>
      <translation>Khó khăn gặp phải (số lượt)</translation>
    </message>
    <message>
      <source>Convenience, in people's own words</source>
      <translation>Mức thuận tiện, theo lời người dân</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Họ tên</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>Thôn/tổ</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>Hình thức nhận</translation>
    </message>
    <message>
      <source>Barriers</source>
      <translation>Khó khăn</translation>
    </message>
    <message>
      <source>By channel</source>
      <translation>Theo hình thức nhận</translation>
    </message>
    <message>
      <source>By age group</source>
      <translation>Theo nhóm tuổi</translation>
    </message>
    <message>
      <source>Each table keeps the other filters and shows every group of its own, the one chosen in bold. A payment counts under the channel it came by that month.</source>
      <translation>Mỗi bảng giữ các bộ lọc khác và liệt kê mọi nhóm của chính nó; nhóm đang chọn in đậm. Một lượt chi trả được tính theo hình thức nhận của tháng đó.</translation>
    </message>
    <message>
      <source>Withdrawn</source>
      <translation>Đã rút</translation>
    </message>
    <message>
      <source>Not withdrawn
after 30 days</source>
      <translation>Chưa rút
sau 30 ngày</translation>
    </message>
    <message>
      <source>Needed help
or a proxy</source>
      <translation>Cần người giúp
hoặc nhận thay</translation>
    </message>
    <message>
      <source>Age group</source>
      <translation>Nhóm tuổi</translation>
    </message>
    <message>
      <source>Withdrew their money</source>
      <translation>Đã rút được tiền</translation>
    </message>
    <message>
      <source>Days to withdraw (median)</source>
      <translation>Số ngày đến khi rút (trung vị)</translation>
    </message>
    <message>
      <source>Not withdrawn after 7+ days</source>
      <translation>Chưa rút sau 7 ngày trở lên</translation>
    </message>
    <message>
      <source>People paid</source>
      <translation>Số người được chi trả</translation>
    </message>
    <message>
      <source>Travel time (median)</source>
      <translation>Thời gian đi lại (trung vị)</translation>
    </message>
    <message>
      <source>Paid a fee to withdraw</source>
      <translation>Phải trả phí khi rút tiền</translation>
    </message>
    <message>
      <source>Share of withdrawals with a fee recorded where a fee above 0 was paid; below, the median fee among those who paid one.</source>
      <translation>Tỷ lệ lượt rút tiền (có ghi phí) phải trả phí trên 0 đồng; bên dưới là mức phí trung vị của những người phải trả.</translation>
    </message>
    <message>
      <source>Needed help or a proxy</source>
      <translation>Cần người giúp hoặc nhận thay</translation>
    </message>
    <message>
      <source>Days since
credit</source>
      <translation>Số ngày từ
khi tiền về</translation>
    </message>
    <message>
      <source>Payments not
withdrawn</source>
      <translation>Số kỳ
chưa rút</translation>
    </message>
    <message>
      <source>Payments
credited</source>
      <translation>Số lượt
đã chi trả</translation>
    </message>
    <message>
      <source>Days to
withdraw
(median)</source>
      <translation>Số ngày
đến khi rút
(trung vị)</translation>
    </message>
    <message>
      <source>Accounts opened</source>
      <translation>Tài khoản mới mở</translation>
    </message>
    <message>
      <source>Share of payments credited (money arrived on or before the report date) that were withdrawn by that date, or marked withdrawn without a date.</source>
      <translation>Tỷ lệ các lượt tiền đã về (tiền vào trước hoặc đúng ngày báo cáo) đã được rút đến ngày đó, hoặc được ghi là đã rút nhưng không rõ ngày.</translation>
    </message>
    <message>
      <source>Days from the money arriving to its withdrawal, over withdrawals with both dates. Median and 90th percentile by the nearest-rank method (always an observed value). Withdrawn before credited counts as 0 days.</source>
      <translation>Số ngày từ khi tiền về đến khi rút, tính trên các lượt rút có đủ hai ngày. Trung vị và phân vị 90 theo phương pháp thứ hạng gần nhất (luôn là một giá trị có thật). Rút trước ngày tiền về được tính là 0 ngày.</translation>
    </message>
    <message>
      <source>Payments credited but not withdrawn by the report date, where 7 or more full days have passed since the money arrived (and 30 or more).</source>
      <translation>Các lượt tiền đã về nhưng đến ngày báo cáo chưa rút, khi đã qua từ 7 ngày trọn trở lên kể từ khi tiền về (và từ 30 ngày trở lên).</translation>
    </message>
    <message>
      <source>Different people with at least one payment credited in the period. Over several months a person counts once here, but once per month in the other figures.</source>
      <translation>Số người khác nhau có ít nhất một lượt tiền về trong kỳ. Khi xem nhiều tháng, mỗi người chỉ tính một lần ở đây, còn ở các chỉ số khác tính mỗi tháng một lần.</translation>
    </message>
    <message>
      <source>Median travel time and distance of the withdrawal trip, over withdrawals where they were recorded.</source>
      <translation>Trung vị thời gian và quãng đường đi rút tiền, tính trên các lượt rút có ghi thông tin này.</translation>
    </message>
    <message>
      <source>Share of withdrawals (with who withdrew recorded) made with someone's help or by an authorised proxy; below, by a proxy alone.</source>
      <translation>Tỷ lệ lượt rút (có ghi người rút) cần người giúp hoặc do người được ủy quyền nhận thay; dòng dưới: chỉ tính người nhận thay.</translation>
    </message>
    <message>
      <source>Payments of people for whom the team opened an account. Shown only beside the withdrawals: an opened account is not money received.</source>
      <translation>Số lượt chi trả của những người được tổ mở tài khoản. Chỉ xem cùng số đã rút tiền: mở tài khoản chưa phải là đã nhận được tiền.</translation>
    </message>
    <message>
      <source>Paid, withdrawn payments with both dates, by days to withdraw; and those credited but not withdrawn yet.</source>
      <translation>Các lượt đã rút có đủ hai ngày, theo số ngày đến khi rút; và các lượt tiền đã về nhưng chưa rút.</translation>
    </message>
    <message>
      <source>Payments in the period with each barrier (a barrier counts once per payment).</source>
      <translation>Số lượt chi trả trong kỳ gặp từng khó khăn (mỗi khó khăn tính một lần cho mỗi lượt).</translation>
    </message>
    <message>
      <source>Payments in the period by the convenience score the person gave (1–5).</source>
      <translation>Số lượt chi trả trong kỳ theo mức thuận tiện người dân tự đánh giá (1–5).</translation>
    </message>
  </context>
  <context>
    <name>RoleDialog</name>
    <message>
      <source>Role of %1</source>
      <translation>Vai trò của %1</translation>
    </message>
    <message>
      <source>What %1 may do on this laptop. The change is recorded in the audit log; it applies from their next login.</source>
      <translation>Những việc %1 được làm trên máy này. Thay đổi được ghi vào nhật ký kiểm tra và có hiệu lực từ lần đăng nhập sau.</translation>
    </message>
    <message>
      <source>&amp;Role:</source>
      <translation>&amp;Vai trò:</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Lưu</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
    <message>
      <source>%1 is now: %2.</source>
      <translation>%1 giờ là: %2.</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation>Cài đặt</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
  </context>
  <context>
    <name>SettingsPanel</name>
    <message>
      <source>Settings</source>
      <translation>Cài đặt</translation>
    </message>
    <message>
      <source>Display</source>
      <translation>Hiển thị</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Ngôn ngữ</translation>
    </message>
    <message>
      <source>Text size</source>
      <translation>Cỡ chữ</translation>
    </message>
    <message>
      <source>Contrast</source>
      <translation>Độ tương phản</translation>
    </message>
    <message>
      <source>High contrast (black on white, thick outlines)</source>
      <translation>Tương phản cao (chữ đen nền trắng, viền đậm)</translation>
    </message>
    <message>
      <source>Lock after</source>
      <translation>Tự khoá sau</translation>
    </message>
    <message>
      <source>Normal (100%)</source>
      <translation>Bình thường (100%)</translation>
    </message>
    <message>
      <source>Large (125%)</source>
      <translation>Lớn (125%)</translation>
    </message>
    <message>
      <source>Very large (150%)</source>
      <translation>Rất lớn (150%)</translation>
    </message>
    <message>
      <source>Largest (175%)</source>
      <translation>Lớn nhất (175%)</translation>
    </message>
    <message>
      <source>minutes without use</source>
      <translation>phút không sử dụng</translation>
    </message>
    <message>
      <source>When nobody uses the laptop for this long, Tận Tay locks itself so that people's data is not left open. Press Ctrl+L to lock at once.</source>
      <translation>Khi không ai dùng máy trong khoảng thời gian này, Tận Tay sẽ tự khoá để dữ liệu của người dân không bị để ngỏ. Bấm Ctrl+L để khoá ngay.</translation>
    </message>
    <message>
      <source>My account</source>
      <translation>Tài khoản của tôi</translation>
    </message>
    <message>
      <source>Logged in as %1 (%2), user name %3.</source>
      <translation>Đang đăng nhập: %1 (%2), tên đăng nhập %3.</translation>
    </message>
    <message>
      <source>Change my password…</source>
      <translation>Đổi mật khẩu…</translation>
    </message>
    <message>
      <source>Audit log…</source>
      <translation>Nhật ký kiểm tra…</translation>
    </message>
    <message>
      <source>Users of this laptop</source>
      <translation>Người dùng trên máy này</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>Tên đăng nhập</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Họ và tên</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Vai trò</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <source>Add user…</source>
      <translation>Thêm người dùng…</translation>
    </message>
    <message>
      <source>Change role…</source>
      <translation>Đổi vai trò…</translation>
    </message>
    <message>
      <source>Set a new password…</source>
      <translation>Đặt mật khẩu mới…</translation>
    </message>
    <message>
      <source>Disable account</source>
      <translation>Khoá tài khoản</translation>
    </message>
    <message>
      <source>This laptop</source>
      <translation>Máy này</translation>
    </message>
    <message>
      <source>Data folder: %1
The data is encrypted; back up this whole folder.</source>
      <translation>Thư mục dữ liệu: %1
Dữ liệu đã được mã hoá; hãy sao lưu toàn bộ thư mục này.</translation>
    </message>
    <message>
      <source>Disabled</source>
      <translation>Đã khoá</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>Đang hoạt động</translation>
    </message>
    <message>
      <source>Enable with a new password…</source>
      <translation>Bật lại với mật khẩu mới…</translation>
    </message>
    <message>
      <source>Choose a user in the list first.</source>
      <translation>Hãy chọn một người dùng trong danh sách trước.</translation>
    </message>
    <message>
      <source>Disable the account %1? This person will no longer be able to log in on this laptop. An admin can give them a new password later.</source>
      <translation>Khoá tài khoản %1? Người này sẽ không đăng nhập được trên máy này nữa. Quản trị viên có thể đặt lại mật khẩu cho họ sau.</translation>
    </message>
    <message>
      <source>Disable</source>
      <translation>Khoá</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
    <message>
      <source>The account %1 is disabled.</source>
      <translation>Đã khoá tài khoản %1.</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <source>Tận Tay — First-time setup</source>
      <translation>Tận Tay — Cài đặt lần đầu</translation>
    </message>
    <message>
      <source>&lt; Back</source>
      <translation>&lt; Quay lại</translation>
    </message>
    <message>
      <source>Next &gt;</source>
      <translation>Tiếp &gt;</translation>
    </message>
    <message>
      <source>Create the database</source>
      <translation>Tạo dữ liệu</translation>
    </message>
    <message>
      <source>Finish</source>
      <translation>Hoàn tất</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
  </context>
  <context>
    <name>Shell</name>
    <message>
      <source>Creating the demo database (%1 made-up households)…</source>
      <translation>Đang tạo dữ liệu DEMO (%1 hộ giả)…</translation>
    </message>
  </context>
  <context>
    <name>StatusSummary</name>
    <message>
      <source>On this laptop</source>
      <translation>Trên máy này</translation>
    </message>
    <message>
      <source>waiting to send</source>
      <translation>đang chờ gửi</translation>
    </message>
    <message>
      <source>held back</source>
      <translation>bị giữ lại</translation>
    </message>
    <message>
      <source>conflicts to decide</source>
      <translation>xung đột chờ quyết định</translation>
    </message>
    <message>
      <source>possible duplicates</source>
      <translation>có thể trùng</translation>
    </message>
    <message>
      <source>Households: %1, persons: %2, visits: %3, payments: %4.</source>
      <translation>Hộ: %1, người: %2, lần thăm: %3, chi trả: %4.</translation>
    </message>
    <message>
      <source>never</source>
      <translation>chưa bao giờ</translation>
    </message>
    <message>
      <source>Last sync: %1.</source>
      <translation>Đồng bộ lần cuối: %1.</translation>
    </message>
  </context>
  <context>
    <name>SyncView</name>
    <message>
      <source>Sync with the city server</source>
      <translation>Đồng bộ với máy chủ thành phố</translation>
    </message>
    <message>
      <source>Everything recorded on this laptop is kept here, encrypted, until the city server confirms it has it. Send it over the internet, or on a USB stick when there is no connection.</source>
      <translation>Mọi thông tin ghi trên máy này được giữ ở đây (đã mã hoá) cho đến khi máy chủ thành phố xác nhận đã nhận. Gửi qua mạng, hoặc bằng USB khi không có mạng.</translation>
    </message>
    <message>
      <source>City server</source>
      <translation>Máy chủ thành phố</translation>
    </message>
    <message>
      <source>Server:</source>
      <translation>Máy chủ:</translation>
    </message>
    <message>
      <source>This laptop's device id:</source>
      <translation>Mã thiết bị của máy này:</translation>
    </message>
    <message>
      <source>Communes:</source>
      <translation>Xã/phường:</translation>
    </message>
    <message>
      <source>Server key fingerprint:</source>
      <translation>Dấu vân tay khoá máy chủ:</translation>
    </message>
    <message>
      <source>Enrol again…</source>
      <translation>Đăng ký lại…</translation>
    </message>
    <message>
      <source>Server address:</source>
      <translation>Địa chỉ máy chủ:</translation>
    </message>
    <message>
      <source>One-time code:</source>
      <translation>Mã đăng ký (dùng một lần):</translation>
    </message>
    <message>
      <source>Name of this laptop:</source>
      <translation>Tên máy này:</translation>
    </message>
    <message>
      <source>Enrol this laptop</source>
      <translation>Đăng ký máy này</translation>
    </message>
    <message>
      <source>Send and receive</source>
      <translation>Gửi và nhận dữ liệu</translation>
    </message>
    <message>
      <source>Sync now</source>
      <translation>Đồng bộ ngay</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
    <message>
      <source>When the server can be reached, Tận Tay syncs by itself every few minutes. If it cannot, it tries again later; nothing is lost meanwhile.</source>
      <translation>Khi kết nối được máy chủ, Tận Tay tự đồng bộ vài phút một lần. Nếu không kết nối được, ứng dụng sẽ thử lại sau; trong lúc đó không mất dữ liệu nào.</translation>
    </message>
    <message>
      <source>The same information was changed on this laptop and on another one. Nothing was overwritten: compare both values and choose which one is right. Select several rows (Ctrl or Shift + click) to decide them the same way at once.</source>
      <translation>Cùng một thông tin đã được sửa trên máy này và trên máy khác. Không có gì bị ghi đè: hãy so sánh hai giá trị và chọn giá trị đúng. Chọn nhiều dòng (giữ Ctrl hoặc Shift rồi nhấp) để quyết định cùng một cách một lần.</translation>
    </message>
    <message>
      <source>Rows marked “(from the merged record)” come from two records of one person, or of one month, that were joined into one. The values of the record kept (the one chosen in the merge, or the one the city server received first) are under “On this laptop”, whichever laptop wrote them; the other record's values may be the ones this laptop wrote.</source>
      <translation>Các dòng có ghi “(từ bản ghi đã gộp)” đến từ hai bản ghi của cùng một người, hay cùng một tháng, đã được gộp làm một. Giá trị của bản ghi được giữ (bản được chọn khi gộp, hoặc bản máy chủ thành phố nhận trước) nằm ở cột “Trên máy này”, dù máy nào đã ghi; giá trị của bản ghi kia có thể chính là giá trị máy này đã ghi.</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>Bản ghi</translation>
    </message>
    <message>
      <source>Conflicts to decide</source>
      <translation>Xung đột cần quyết định</translation>
    </message>
    <message>
      <source>Last sync over the network:</source>
      <translation>Đồng bộ qua mạng lần cuối:</translation>
    </message>
    <message>
      <source>for example: %1</source>
      <translation>ví dụ: %1</translation>
    </message>
    <message>
      <source>Only the team lead decides conflicts. Until then both values are kept and nothing is lost.</source>
      <translation>Chỉ tổ trưởng quyết định các xung đột. Trong lúc chờ, cả hai giá trị đều được giữ, không mất gì.</translation>
    </message>
    <message>
      <source>Information</source>
      <translation>Thông tin</translation>
    </message>
    <message>
      <source>On this laptop</source>
      <translation>Trên máy này</translation>
    </message>
    <message>
      <source>From the server</source>
      <translation>Từ máy chủ</translation>
    </message>
    <message>
      <source>Keep this laptop's value</source>
      <translation>Giữ giá trị trên máy này</translation>
    </message>
    <message>
      <source>Take the server's value</source>
      <translation>Lấy giá trị từ máy chủ</translation>
    </message>
    <message>
      <source>Enter the right value…</source>
      <translation>Nhập giá trị đúng…</translation>
    </message>
    <message>
      <source>USB stick (no internet)</source>
      <translation>Đồng bộ bằng USB (khi không có mạng)</translation>
    </message>
    <message>
      <source>Write every change not yet confirmed into one encrypted file, carry it to the city server, then bring back the receipt file. A lost stick reveals nothing.</source>
      <translation>Ghi mọi thay đổi chưa được xác nhận vào một tệp đã mã hoá, mang đến máy chủ thành phố, rồi mang tệp biên nhận về nhập vào đây. Mất USB cũng không lộ dữ liệu.</translation>
    </message>
    <message>
      <source>Look for USB sticks</source>
      <translation>Tìm USB</translation>
    </message>
    <message>
      <source>Export to USB</source>
      <translation>Xuất ra USB</translation>
    </message>
    <message>
      <source>Import receipt from USB…</source>
      <translation>Nhập biên nhận từ USB…</translation>
    </message>
    <message>
      <source>Exported but not confirmed yet</source>
      <translation>Đã xuất nhưng chưa được xác nhận</translation>
    </message>
    <message>
      <source>Written</source>
      <translation>Ghi lúc</translation>
    </message>
    <message>
      <source>Changes</source>
      <translation>Số thay đổi</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Tệp</translation>
    </message>
    <message>
      <source>Export again</source>
      <translation>Xuất lại</translation>
    </message>
    <message>
      <source>This laptop is not enrolled with the city server yet, so nothing has been sent. Everything recorded is kept safely here in the meantime.</source>
      <translation>Máy này chưa đăng ký với máy chủ thành phố nên chưa gửi được gì. Trong lúc chờ, mọi thông tin đã ghi vẫn được giữ an toàn trên máy.</translation>
    </message>
    <message>
      <source>Enter the server address and the one-time code the city server operator gave you.</source>
      <translation>Nhập địa chỉ máy chủ và mã đăng ký dùng một lần do cán bộ quản lý máy chủ thành phố cung cấp.</translation>
    </message>
    <message>
      <source>Ask the commune admin to enrol it once.</source>
      <translation>Hãy nhờ quản trị viên của xã đăng ký máy một lần.</translation>
    </message>
    <message>
      <source>Enrolling again gives this laptop a new identity on the server. Do it only when the operator asks (for example after the laptop was revoked).</source>
      <translation>Đăng ký lại sẽ cấp cho máy này một danh tính mới trên máy chủ. Chỉ làm khi cán bộ quản lý máy chủ yêu cầu (ví dụ sau khi máy bị thu hồi quyền).</translation>
    </message>
    <message>
      <source>online</source>
      <translation>đang kết nối được</translation>
    </message>
    <message>
      <source>cannot be reached now</source>
      <translation>hiện không kết nối được</translation>
    </message>
    <message>
      <source>checking…</source>
      <translation>đang kiểm tra…</translation>
    </message>
    <message>
      <source>never</source>
      <translation>chưa lần nào</translation>
    </message>
    <message>
      <source>Changes on this laptop waiting to be sent: %1.</source>
      <translation>%1 thay đổi trên máy này đang chờ gửi.</translation>
    </message>
    <message>
      <source>Every change on this laptop has reached the city server.</source>
      <translation>Mọi thay đổi trên máy này đã đến máy chủ thành phố.</translation>
    </message>
    <message>
      <source>Last confirmed: %1.</source>
      <translation>Xác nhận gần nhất: %1.</translation>
    </message>
    <message>
      <source>Conflicts to decide (%1)</source>
      <translation>Xung đột cần quyết định (%1)</translation>
    </message>
    <message>
      <source>(from the merged record)</source>
      <translation>(từ bản ghi đã gộp)</translation>
    </message>
    <message>
      <source>USB files are not available in this installation of Tận Tay.</source>
      <translation>Bản cài đặt Tận Tay này không có chức năng tệp USB.</translation>
    </message>
    <message>
      <source>The USB buttons work once this laptop is enrolled with the city server: the file is encrypted for that server.</source>
      <translation>Các nút USB chỉ dùng được khi máy này đã đăng ký với máy chủ thành phố, vì tệp được mã hoá cho máy chủ đó. Máy này chưa đăng ký.</translation>
    </message>
    <message>
      <source>Enrol it above.</source>
      <translation>Hãy đăng ký máy ở phần trên.</translation>
    </message>
    <message>
      <source>(file no longer there)</source>
      <translation>(tệp không còn ở đó)</translation>
    </message>
    <message>
      <source>household</source>
      <translation>hộ gia đình</translation>
    </message>
    <message>
      <source>person</source>
      <translation>nhân khẩu</translation>
    </message>
    <message>
      <source>visit</source>
      <translation>lần thăm</translation>
    </message>
    <message>
      <source>assistance</source>
      <translation>việc hỗ trợ</translation>
    </message>
    <message>
      <source>village</source>
      <translation>thôn/tổ dân phố</translation>
    </message>
    <message>
      <source>benefit</source>
      <translation>chế độ trợ cấp</translation>
    </message>
    <message>
      <source>payment</source>
      <translation>lần chi trả</translation>
    </message>
    <message>
      <source>identity verification</source>
      <translation>xác minh danh tính</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Họ và tên</translation>
    </message>
    <message>
      <source>Given name</source>
      <translation>Tên gọi</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>Ngày sinh</translation>
    </message>
    <message>
      <source>Year of birth</source>
      <translation>Năm sinh</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Giới tính</translation>
    </message>
    <message>
      <source>Citizen ID</source>
      <translation>Số định danh cá nhân</translation>
    </message>
    <message>
      <source>Relationship to head</source>
      <translation>Quan hệ với chủ hộ</translation>
    </message>
    <message>
      <source>Vulnerabilities</source>
      <translation>Hoàn cảnh đặc biệt</translation>
    </message>
    <message>
      <source>Payment channel</source>
      <translation>Hình thức nhận tiền</translation>
    </message>
    <message>
      <source>Phone numbers</source>
      <translation>Số điện thoại</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Địa chỉ</translation>
    </message>
    <message>
      <source>Landmark / directions</source>
      <translation>Mốc nhận biết / chỉ đường</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>Thôn/tổ dân phố</translation>
    </message>
    <message>
      <source>Head of household</source>
      <translation>Chủ hộ</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>Kết quả</translation>
    </message>
    <message>
      <source>Follow-up date</source>
      <translation>Ngày theo dõi tiếp</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>Nội dung</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Tên</translation>
    </message>
    <message>
      <source>Deleted</source>
      <translation>Đã xoá</translation>
    </message>
    <message>
      <source>Consent date</source>
      <translation>Ngày đồng ý</translation>
    </message>
    <message>
      <source>Consent withdrawn on</source>
      <translation>Ngày rút lại đồng ý</translation>
    </message>
    <message>
      <source>Monthly amount</source>
      <translation>Mức hưởng hằng tháng</translation>
    </message>
    <message>
      <source>How the money is received</source>
      <translation>Hình thức nhận tiền</translation>
    </message>
    <message>
      <source>Bank / provider</source>
      <translation>Ngân hàng / đơn vị chi trả</translation>
    </message>
    <message>
      <source>Account (last 4 digits)</source>
      <translation>Tài khoản (4 số cuối)</translation>
    </message>
    <message>
      <source>Receives since</source>
      <translation>Hưởng từ ngày</translation>
    </message>
    <message>
      <source>Receives until</source>
      <translation>Hưởng đến ngày</translation>
    </message>
    <message>
      <source>Amount of the month</source>
      <translation>Số tiền của tháng</translation>
    </message>
    <message>
      <source>Money arrived on</source>
      <translation>Ngày tiền về</translation>
    </message>
    <message>
      <source>Withdrawn on</source>
      <translation>Ngày rút</translation>
    </message>
    <message>
      <source>Who withdrew</source>
      <translation>Người rút</translation>
    </message>
    <message>
      <source>Proxy's name</source>
      <translation>Tên người nhận thay</translation>
    </message>
    <message>
      <source>Travel (minutes)</source>
      <translation>Thời gian đi (phút)</translation>
    </message>
    <message>
      <source>Distance (km)</source>
      <translation>Quãng đường (km)</translation>
    </message>
    <message>
      <source>Fees</source>
      <translation>Phí</translation>
    </message>
    <message>
      <source>Difficulties</source>
      <translation>Khó khăn</translation>
    </message>
    <message>
      <source>Convenience (1–5)</source>
      <translation>Mức thuận tiện (1–5)</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>(trống)</translation>
    </message>
    <message>
      <source>deleted</source>
      <translation>đã xoá</translation>
    </message>
    <message>
      <source>not deleted</source>
      <translation>chưa xoá</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>có</translation>
    </message>
    <message>
      <source>no</source>
      <translation>không</translation>
    </message>
    <message>
      <source>Enter the server address and the one-time code.</source>
      <translation>Hãy nhập địa chỉ máy chủ và mã đăng ký.</translation>
    </message>
    <message>
      <source>Contacting the city server…</source>
      <translation>Đang liên hệ máy chủ thành phố…</translation>
    </message>
    <message>
      <source>Enrolled. Device id %1. The server's key is pinned; its fingerprint is %2 — it should match the one the operator sees.</source>
      <translation>Đã đăng ký. Mã thiết bị: %1. Khoá của máy chủ đã được ghim; dấu vân tay là %2 — phải trùng với dấu vân tay cán bộ quản lý máy chủ thấy.</translation>
    </message>
    <message>
      <source>This laptop was NOT enrolled: the city server could not be reached. Nothing was changed. Check the connection and press “Enrol this laptop” again when connected.</source>
      <translation>Máy này CHƯA được đăng ký: không kết nối được máy chủ thành phố. Chưa có gì thay đổi. Hãy kiểm tra kết nối mạng rồi bấm “Đăng ký máy này” lại khi đã có mạng.</translation>
    </message>
    <message>
      <source>Something went wrong. Your data is safe on this laptop; details are in the log file.</source>
      <translation>Đã có lỗi. Dữ liệu vẫn an toàn trên máy; chi tiết có trong tệp nhật ký.</translation>
    </message>
    <message>
      <source>Connecting to the city server…</source>
      <translation>Đang kết nối máy chủ thành phố…</translation>
    </message>
    <message>
      <source>Sending changes…</source>
      <translation>Đang gửi các thay đổi…</translation>
    </message>
    <message>
      <source>Receiving changes from other laptops…</source>
      <translation>Đang nhận thay đổi từ các máy khác…</translation>
    </message>
    <message>
      <source>%1 of %2 changes sent</source>
      <translation>Đã gửi %1 / %2 thay đổi</translation>
    </message>
    <message>
      <source>Could not reach the server — your data is still safe on this laptop.</source>
      <translation>Không kết nối được máy chủ — dữ liệu vẫn an toàn trên máy.</translation>
    </message>
    <message>
      <source>Tận Tay will try again by itself.</source>
      <translation>Tận Tay sẽ tự thử lại sau.</translation>
    </message>
    <message>
      <source>Sync cancelled. What the server had confirmed stays confirmed; the rest will be sent next time.</source>
      <translation>Đã huỷ đồng bộ. Những gì máy chủ đã xác nhận vẫn giữ nguyên; phần còn lại sẽ được gửi lần sau.</translation>
    </message>
    <message>
      <source>Sync finished: sent %1, received %2, refused %3.</source>
      <translation>Đồng bộ xong: đã gửi %1, đã nhận %2, bị từ chối %3.</translation>
    </message>
    <message>
      <source>Conflicts waiting for the team lead's decision (below): %1.</source>
      <translation>%1 xung đột đang chờ tổ trưởng quyết định (ở dưới).</translation>
    </message>
    <message>
      <source>Changes still waiting: %1.</source>
      <translation>Còn %1 thay đổi đang chờ gửi.</translation>
    </message>
    <message>
      <source>Decision saved. It is sent to the city server with the next sync.</source>
      <translation>Đã lưu quyết định. Quyết định sẽ được gửi lên máy chủ thành phố trong lần đồng bộ tới.</translation>
    </message>
    <message>
      <source>Enter the right value</source>
      <translation>Nhập giá trị đúng</translation>
    </message>
    <message>
      <source>Enter a whole number.</source>
      <translation>Hãy nhập một số nguyên.</translation>
    </message>
    <message>
      <source>USB sticks found: %1.</source>
      <translation>Đã thấy USB: %1.</translation>
    </message>
    <message>
      <source>No USB stick found. Plug one in and press “Look for USB sticks” again, or choose a folder in the list.</source>
      <translation>Không thấy USB nào. Hãy cắm USB rồi bấm “Tìm USB” lần nữa, hoặc chọn một thư mục trong danh sách.</translation>
    </message>
    <message>
      <source>USB: %1 (%2)</source>
      <translation>USB: %1 (%2)</translation>
    </message>
    <message>
      <source>Choose a folder…</source>
      <translation>Chọn thư mục…</translation>
    </message>
    <message>
      <source>Where to write the file</source>
      <translation>Chọn nơi ghi tệp</translation>
    </message>
    <message>
      <source>Written: %1. Take it to the city server; bring back the receipt file and import it here.</source>
      <translation>Đã ghi: %1. Mang tệp này đến máy chủ thành phố; mang tệp biên nhận về rồi nhập vào đây.</translation>
    </message>
    <message>
      <source>Export cancelled. No file was written.</source>
      <translation>Đã huỷ xuất. Không có tệp nào được ghi.</translation>
    </message>
    <message>
      <source>Receipt file from the city server</source>
      <translation>Tệp biên nhận từ máy chủ thành phố</translation>
    </message>
    <message>
      <source>Tận Tay bundles (*.ttb);;All files (*)</source>
      <translation>Gói dữ liệu Tận Tay (*.ttb);;Mọi tệp (*)</translation>
    </message>
    <message>
      <source>Reading the receipt…</source>
      <translation>Đang đọc biên nhận…</translation>
    </message>
    <message>
      <source>This receipt was imported before; nothing changed.</source>
      <translation>Biên nhận này đã được nhập trước đây; không có gì thay đổi.</translation>
    </message>
    <message>
      <source>Receipt imported: the server confirmed %1 changes, received %2 from other laptops, refused %3.</source>
      <translation>Đã nhập biên nhận: máy chủ đã xác nhận %1 thay đổi, nhận %2 thay đổi từ máy khác, bị từ chối %3.</translation>
    </message>
    <message>
      <source>The server has more to send: sync again or carry another bundle.</source>
      <translation>Máy chủ còn dữ liệu cần gửi về: hãy đồng bộ lại hoặc mang thêm một gói USB.</translation>
    </message>
  </context>
  <context>
    <name>SyncWorker</name>
    <message>
      <source>Sync went wrong; details are in the log file. Your data is safe on this laptop.</source>
      <translation>Đồng bộ gặp lỗi; chi tiết có trong tệp nhật ký. Dữ liệu vẫn an toàn trên máy.</translation>
    </message>
  </context>
  <context>
    <name>UserDialog</name>
    <message>
      <source>Add a user</source>
      <translation>Thêm người dùng</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Họ và tên</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>Tên đăng nhập</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Vai trò</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Mật khẩu</translation>
    </message>
    <message>
      <source>Password again</source>
      <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Lưu</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
    <message>
      <source>The two passwords are not the same.</source>
      <translation>Hai lần nhập mật khẩu không giống nhau.</translation>
    </message>
    <message>
      <source>User %1 added.</source>
      <translation>Đã thêm người dùng %1.</translation>
    </message>
  </context>
  <context>
    <name>VerificationView</name>
    <message>
      <source>ID number does not fit the birth year</source>
      <translation>Số định danh không khớp năm sinh</translation>
    </message>
    <message>
      <source>ID number does not fit the sex</source>
      <translation>Số định danh không khớp giới tính</translation>
    </message>
    <message>
      <source>Same ID number as another person</source>
      <translation>Trùng số định danh với người khác</translation>
    </message>
    <message>
      <source>Card expiry missing</source>
      <translation>Thiếu ngày hết hạn thẻ</translation>
    </message>
    <message>
      <source>Old ID card (CMND)</source>
      <translation>Còn dùng CMND cũ</translation>
    </message>
    <message>
      <source>No ID number</source>
      <translation>Chưa có số định danh</translation>
    </message>
    <message>
      <source>ID number not valid</source>
      <translation>Số định danh không hợp lệ</translation>
    </message>
    <message>
      <source>Chip card read</source>
      <translation>Đọc chip thẻ căn cước</translation>
    </message>
    <message>
      <source>Card compared in person</source>
      <translation>Đối chiếu thẻ trực tiếp</translation>
    </message>
    <message>
      <source>VNeID level 2</source>
      <translation>VNeID mức 2</translation>
    </message>
    <message>
      <source>National population data</source>
      <translation>Cơ sở dữ liệu quốc gia về dân cư</translation>
    </message>
    <message>
      <source>Verified: matches</source>
      <translation>Đã xác minh: khớp</translation>
    </message>
    <message>
      <source>Mismatch</source>
      <translation>Không khớp</translation>
    </message>
    <message>
      <source>Could not verify</source>
      <translation>Không xác minh được</translation>
    </message>
    <message>
      <source>Not verified: no valid officer signature</source>
      <translation>Chưa xác minh: không có chữ ký hợp lệ của cán bộ</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>Số định danh</translation>
    </message>
    <message>
      <source>Old ID (CMND)</source>
      <translation>Số CMND cũ</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Họ và tên</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>Ngày sinh</translation>
    </message>
    <message>
      <source>Year of birth</source>
      <translation>Năm sinh</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Giới tính</translation>
    </message>
    <message>
      <source>Card type</source>
      <translation>Loại thẻ</translation>
    </message>
    <message>
      <source>Card expiry</source>
      <translation>Ngày hết hạn thẻ</translation>
    </message>
    <message>
      <source>All villages</source>
      <translation>Tất cả thôn/tổ</translation>
    </message>
    <message>
      <source>never</source>
      <translation>chưa lần nào</translation>
    </message>
    <message>
      <source>Everyone awaiting verification</source>
      <translation>Tất cả người chờ xác minh</translation>
    </message>
    <message>
      <source>Never verified</source>
      <translation>Chưa xác minh lần nào</translation>
    </message>
    <message>
      <source>Needs checking</source>
      <translation>Cần kiểm tra</translation>
    </message>
    <message>
      <source>Verified more than %1 months ago</source>
      <translation>Đã xác minh hơn %1 tháng trước</translation>
    </message>
    <message>
      <source>%1 loaded, more as you scroll</source>
      <translation>đã tải %1, cuộn xuống để xem thêm</translation>
    </message>
    <message>
      <source>%1 — not in the list you searched for</source>
      <translation>%1 — không có trong danh sách đang tìm</translation>
    </message>
    <message>
      <source>Choose a person in the list</source>
      <translation>Chọn một người trong danh sách</translation>
    </message>
    <message>
      <source>Born</source>
      <translation>Sinh</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>Thẻ</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Địa chỉ</translation>
    </message>
    <message>
      <source>Village / group</source>
      <translation>Thôn / tổ dân phố</translation>
    </message>
    <message>
      <source>ID number: %1</source>
      <translation>Số định danh: %1</translation>
    </message>
    <message>
      <source>not recorded</source>
      <translation>chưa ghi</translation>
    </message>
    <message>
      <source>Earlier verifications (%1)</source>
      <translation>Các lần xác minh (%1)</translation>
    </message>
    <message>
      <source>None yet.</source>
      <translation>Chưa có lần nào.</translation>
    </message>
    <message>
      <source>current</source>
      <translation>hiện hành</translation>
    </message>
    <message>
      <source>superseded</source>
      <translation>đã được thay thế</translation>
    </message>
    <message>
      <source>Differs: %1</source>
      <translation>Khác: %1</translation>
    </message>
    <message>
      <source>Scan the card's QR code into the field first.</source>
      <translation>Hãy quét mã QR của thẻ vào ô trước.</translation>
    </message>
    <message>
      <source>The card differs from the record in: %1. Check the ticked fields below.</source>
      <translation>Thẻ khác hồ sơ ở: %1. Kiểm tra các trường đã đánh dấu bên dưới.</translation>
    </message>
    <message>
      <source>The card matches the record.</source>
      <translation>Thẻ khớp với hồ sơ.</translation>
    </message>
    <message>
      <source>Choose how the identity was checked.</source>
      <translation>Chọn cách xác minh danh tính.</translation>
    </message>
    <message>
      <source>Choose the result.</source>
      <translation>Chọn kết quả.</translation>
    </message>
    <message>
      <source>Tick the fields that do not match.</source>
      <translation>Đánh dấu các trường không khớp.</translation>
    </message>
    <message>
      <source>Signing key not registered</source>
      <translation>Chưa đăng ký khoá ký</translation>
    </message>
    <message>
      <source>Not saved.</source>
      <translation>Chưa lưu.</translation>
    </message>
    <message>
      <source>Saved, but it does NOT count: it has no valid signature of an officer. Register your signing key (officer-enroll) and verify again.</source>
      <translation>Đã ghi lại, nhưng KHÔNG được tính: chưa có chữ ký hợp lệ của cán bộ. Hãy đăng ký khoá ký của anh/chị (officer-enroll) rồi xác minh lại.</translation>
    </message>
    <message>
      <source>Verification saved.</source>
      <translation>Đã lưu kết quả xác minh.</translation>
    </message>
    <message>
      <source>Identity verification</source>
      <translation>Xác minh danh tính</translation>
    </message>
    <message>
      <source>Only the commune police officer records identity verifications, against the chip ID card, VNeID or the national population data. If a person's papers look wrong, note it in a visit and tell the officer: they can log in on this laptop with “Switch user”, verify, and hand the laptop back — your open work stays as it is.</source>
      <translation>Chỉ công an xã ghi kết quả xác minh danh tính, đối chiếu với thẻ căn cước gắn chip, VNeID hoặc cơ sở dữ liệu quốc gia về dân cư. Nếu giấy tờ của một người có vẻ sai, hãy ghi lại trong lần thăm và báo cho công an xã: họ có thể đăng nhập trên máy này bằng «Đổi người dùng», xác minh rồi trả máy — việc bạn đang làm dở vẫn được giữ nguyên.</translation>
    </message>
    <message>
      <source>F&amp;ind</source>
      <translation>Tì&amp;m</translation>
    </message>
    <message>
      <source>Sho&amp;w</source>
      <translation>&amp;Xem</translation>
    </message>
    <message>
      <source>&amp;Village</source>
      <translation>Thô&amp;n/tổ</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Tải lại</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Họ tên</translation>
    </message>
    <message>
      <source>What looks wrong</source>
      <translation>Điểm cần kiểm tra</translation>
    </message>
    <message>
      <source>Previous result</source>
      <translation>Kết quả trước</translation>
    </message>
    <message>
      <source>Persons shown: %1</source>
      <translation>Đang hiện %1 người</translation>
    </message>
    <message>
      <source>Persons found: %1</source>
      <translation>Tìm thấy %1 người</translation>
    </message>
    <message>
      <source>Persons waiting for verification: %1</source>
      <translation>%1 người chờ xác minh</translation>
    </message>
    <message>
      <source>The previous scan's comparison was cleared.</source>
      <translation>Kết quả so sánh của lần quét trước đã được xoá.</translation>
    </message>
    <message>
      <source>Your signing key is registered. From now on your verifications are signed and count.</source>
      <translation>Đã đăng ký khoá ký. Từ nay kết quả xác minh của anh/chị được ký và được tính.</translation>
    </message>
    <message>
      <source>Your signing key is not registered on this laptop, so this verification will be saved unsigned and will NOT count until the key is registered. To register it, press “Register signing key…” at the top of this page, or run tantay --user %1 officer-enroll --code CODE (the code comes from the commune admin or the city). Save it anyway?</source>
      <translation>Khoá ký của anh/chị chưa được đăng ký trên máy này, nên kết quả xác minh sẽ được lưu mà không có chữ ký và sẽ KHÔNG được tính cho đến khi đăng ký khoá. Cách đăng ký: bấm «Đăng ký khoá ký…» ở đầu trang này, hoặc chạy tantay --user %1 officer-enroll --code MÃ (mã do quản trị viên xã hoặc thành phố cấp). Vẫn lưu?</translation>
    </message>
    <message>
      <source>Your signing key was registered on this laptop after you logged in. Lock the laptop (Ctrl+L) and unlock it with your password to use the key, then save again. Nothing was saved.</source>
      <translation>Khoá ký của anh/chị đã được đăng ký trên máy này sau khi anh/chị đăng nhập. Hãy khoá máy (Ctrl+L) rồi mở lại bằng mật khẩu của mình để dùng khoá, rồi lưu lại. Chưa có gì được lưu.</translation>
    </message>
    <message>
      <source>Your signing key is not registered on this laptop: verifications you save will not count until it is.</source>
      <translation>Khoá ký của anh/chị chưa được đăng ký trên máy này: kết quả xác minh lưu lúc này sẽ không được tính cho đến khi đăng ký.</translation>
    </message>
    <message>
      <source>Register signing &amp;key…</source>
      <translation>Đăng ký &amp;khoá ký…</translation>
    </message>
    <message>
      <source>Everyone awaiting verification: never verified, not verified, or verified too long ago, with what looks wrong in their data. A later verification supersedes an earlier one; none is ever erased.</source>
      <translation>Tất cả người chờ xác minh: chưa xác minh lần nào, chưa đạt, hoặc đã xác minh quá lâu, kèm những điểm dữ liệu có vẻ sai. Lần xác minh sau thay thế lần trước; không lần nào bị xoá.</translation>
    </message>
    <message>
      <source>Name without accents, whole ID number, phone or village</source>
      <translation>Tên gõ không dấu, số định danh đủ 12 số, số điện thoại hoặc thôn/tổ</translation>
    </message>
    <message>
      <source>“nguyen thi hoa” finds Nguyễn Thị Hoà. An ID number is found only when it is typed whole (12 digits, or 9 for an old CMND); the search is logged.</source>
      <translation>Gõ «nguyen thi hoa» sẽ tìm thấy Nguyễn Thị Hoà. Số định danh chỉ tìm được khi gõ đủ (12 chữ số, hoặc 9 chữ số với CMND cũ); lần tìm được ghi vào nhật ký.</translation>
    </message>
    <message>
      <source>months:</source>
      <translation>số tháng:</translation>
    </message>
    <message>
      <source>A verification older than this is due again</source>
      <translation>Kết quả xác minh cũ hơn số tháng này cần xác minh lại</translation>
    </message>
    <message>
      <source>Months after which a verification is due again</source>
      <translation>Số tháng sau đó cần xác minh lại</translation>
    </message>
    <message>
      <source>Next person ›</source>
      <translation>Người tiếp theo ›</translation>
    </message>
    <message>
      <source>Go on to the next person in the list</source>
      <translation>Chuyển sang người tiếp theo trong danh sách</translation>
    </message>
    <message>
      <source>Persons waiting for verification</source>
      <translation>Danh sách chờ xác minh</translation>
    </message>
    <message>
      <source>Show full number</source>
      <translation>Hiện số đầy đủ</translation>
    </message>
    <message>
      <source>Open household</source>
      <translation>Mở hộ gia đình</translation>
    </message>
    <message>
      <source>Only the commune police officer can record a verification. You can see the queue and the history.</source>
      <translation>Chỉ công an xã được ghi kết quả xác minh. Bạn có thể xem danh sách chờ và lịch sử xác minh.</translation>
    </message>
    <message>
      <source>Choose a person in the list to verify their identity and see the history.</source>
      <translation>Chọn một người trong danh sách để xác minh danh tính và xem lịch sử.</translation>
    </message>
    <message>
      <source>Card &amp;QR code</source>
      <translation>Mã &amp;QR trên thẻ</translation>
    </message>
    <message>
      <source>Scan the QR code on the ID card here (or paste its text), then Enter</source>
      <translation>Quét mã QR trên thẻ căn cước vào đây (hoặc dán nội dung), rồi nhấn Enter</translation>
    </message>
    <message>
      <source>Compare</source>
      <translation>So sánh</translation>
    </message>
    <message>
      <source>&amp;Method</source>
      <translation>&amp;Phương thức</translation>
    </message>
    <message>
      <source>&amp;Result</source>
      <translation>&amp;Kết quả</translation>
    </message>
    <message>
      <source>— choose —</source>
      <translation>— chọn —</translation>
    </message>
    <message>
      <source>Fields that do not match</source>
      <translation>Các trường không khớp</translation>
    </message>
    <message>
      <source>On record</source>
      <translation>Trong hồ sơ</translation>
    </message>
    <message>
      <source>Correct value (from the card)</source>
      <translation>Giá trị đúng (theo thẻ)</translation>
    </message>
    <message>
      <source>Correct value of %1</source>
      <translation>Giá trị đúng của %1</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>ngày/tháng/năm</translation>
    </message>
    <message>
      <source>&amp;Note</source>
      <translation>&amp;Ghi chú</translation>
    </message>
    <message>
      <source>Save verification</source>
      <translation>Lưu kết quả xác minh</translation>
    </message>
    <message>
      <source>Earlier verifications</source>
      <translation>Các lần xác minh</translation>
    </message>
  </context>
  <context>
    <name>VillagesPage</name>
    <message>
      <source>“%1” is already in the list.</source>
      <translation>“%1” đã có trong danh sách.</translation>
    </message>
    <message>
      <source>Villages and residential groups</source>
      <translation>Thôn và tổ dân phố</translation>
    </message>
    <message>
      <source>Step 3 of 5 — Thôn / tổ dân phố your team covers</source>
      <translation>Bước 3/5 — Các thôn, tổ dân phố tổ bạn phụ trách</translation>
    </message>
    <message>
      <source>Type the name of each thôn or tổ dân phố your team covers and press Enter. Households are filed under these names.

If the commune already uses Tận Tay on another laptop, leave this list empty: its villages arrive with the first sync once this laptop is enrolled (typed again here, each would be there twice).</source>
      <translation>Gõ tên từng thôn hoặc tổ dân phố mà tổ bạn phụ trách rồi bấm Enter. Các hộ gia đình sẽ được xếp theo những tên này.

Nếu xã đã dùng Tận Tay trên máy khác, hãy để trống danh sách này: các thôn/tổ sẽ về trong lần đồng bộ đầu tiên sau khi máy được đăng ký (gõ lại ở đây thì mỗi thôn/tổ sẽ có hai lần).</translation>
    </message>
    <message>
      <source>for example: Tổ dân phố số 4 Hàng Buồm</source>
      <translation>ví dụ: Tổ dân phố số 4 Hàng Buồm</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>Thêm</translation>
    </message>
    <message>
      <source>Remove selected</source>
      <translation>Xoá mục đã chọn</translation>
    </message>
  </context>
  <context>
    <name>VisitForm</name>
    <message>
      <source>New visit — %1</source>
      <translation>Lần thăm mới — %1</translation>
    </message>
    <message>
      <source>An unsaved draft of this visit (%1) was restored.</source>
      <translation>Đã khôi phục bản nháp chưa lưu của lần thăm này (%1).</translation>
    </message>
    <message>
      <source>“%1” is not a whole date. Type it as dd/mm/yyyy (for example 11/12/2026), or clear the box.</source>
      <translation>“%1” chưa phải là một ngày đầy đủ. Hãy gõ theo dạng ngày/tháng/năm — dd/mm/yyyy (ví dụ 11/12/2026), hoặc xoá ô này.</translation>
    </message>
    <message>
      <source>Discard this visit?</source>
      <translation>Bỏ lần thăm này?</translation>
    </message>
    <message>
      <source>The visit has not been saved. Discard what you typed?</source>
      <translation>Lần thăm chưa được lưu. Bỏ những gì đã nhập?</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Bỏ</translation>
    </message>
    <message>
      <source>Keep editing</source>
      <translation>Tiếp tục nhập</translation>
    </message>
    <message>
      <source>New visit</source>
      <translation>Lần thăm mới</translation>
    </message>
    <message>
      <source>&amp;When</source>
      <translation>Thời &amp;gian</translation>
    </message>
    <message>
      <source>Purpose</source>
      <translation>Mục đích</translation>
    </message>
    <message>
      <source>Out&amp;come</source>
      <translation>Kết &amp;quả</translation>
    </message>
    <message>
      <source>Pre&amp;sent</source>
      <translation>Có &amp;mặt</translation>
    </message>
    <message>
      <source>&amp;Notes</source>
      <translation>&amp;Nội dung ghi chú</translation>
    </message>
    <message>
      <source>Help given</source>
      <translation>Hỗ trợ đã làm</translation>
    </message>
    <message>
      <source>Follow-up &amp;date</source>
      <translation>Hẹn thăm lại ngà&amp;y</translation>
    </message>
    <message>
      <source>Now</source>
      <translation>Bây giờ</translation>
    </message>
    <message>
      <source>Visit date and time</source>
      <translation>Ngày giờ thăm</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>Kết quả</translation>
    </message>
    <message>
      <source>Persons present</source>
      <translation>Những người có mặt</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>What happened, barriers to getting the money, what was agreed…</source>
      <translation>Đã làm gì, khó khăn khi nhận tiền, đã thống nhất điều gì…</translation>
    </message>
    <message>
      <source>+ &amp;Add help given</source>
      <translation>+ Thêm việc hỗ t&amp;rợ</translation>
    </message>
    <message>
      <source>Follow-up date</source>
      <translation>Ngày hẹn thăm lại</translation>
    </message>
    <message>
      <source>+3 days</source>
      <translation>+3 ngày</translation>
    </message>
    <message>
      <source>+1 week</source>
      <translation>+1 tuần</translation>
    </message>
    <message>
      <source>+1 month</source>
      <translation>+1 tháng</translation>
    </message>
    <message>
      <source>No follow-up</source>
      <translation>Không hẹn</translation>
    </message>
    <message>
      <source>Save (Ctrl+S)</source>
      <translation>Lưu (Ctrl+S)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Huỷ</translation>
    </message>
    <message>
      <source>Discard draft</source>
      <translation>Bỏ bản nháp</translation>
    </message>
  </context>
  <context>
    <name>WithdrawnByEditor</name>
    <message>
      <source>Proxy's name</source>
      <translation>Tên người nhận thay</translation>
    </message>
  </context>
  <context>
    <name>_DuplicatesPanel</name>
    <message>
      <source>same ID number</source>
      <translation>trùng số định danh</translation>
    </message>
    <message>
      <source>same name and birth year</source>
      <translation>trùng họ tên và năm sinh</translation>
    </message>
    <message>
      <source>born %1</source>
      <translation>sinh năm %1</translation>
    </message>
    <message>
      <source>&lt;b&gt;This person may already be recorded.&lt;/b&gt; Check before saving a new record:</source>
      <translation>&lt;b&gt;Người này có thể đã có trong dữ liệu.&lt;/b&gt; Hãy kiểm tra trước khi ghi mới:</translation>
    </message>
    <message>
      <source>Save anyway</source>
      <translation>Vẫn lưu</translation>
    </message>
    <message>
      <source>Go back and check</source>
      <translation>Quay lại kiểm tra</translation>
    </message>
  </context>
</TS>