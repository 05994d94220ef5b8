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
    <name>BusyIndicator</name>
    <message>
      <source>Working…</source>
      <translation>Đang xử lý…</translation>
    </message>
  </context>
  <context>
    <name>CommunePage</name>
    <message>
      <source>Your commune</source>
      <translation>Xã/phường của bạn</translation>
    </message>
    <message>
      <source>Step 2 of 5 — Commune or ward (list in force from 1 July 2025)</source>
      <translation>Bước 2/5 — Xã, phường (danh mục áp dụng từ 01/07/2025)</translation>
    </message>
    <message>
      <source>Which commune or ward does your team work in?</source>
      <translation>Tổ của bạn hoạt động ở xã/phường nào?</translation>
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
    <name>Cover</name>
    <message>
      <source>Tận Tay is locked.</source>
      <translation>Tận Tay đang khoá.</translation>
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
      <source>No payment data yet</source>
      <translation>Chưa có dữ liệu chi trả</translation>
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
      <source>Ot&amp;her</source>
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
      <translation>CMND cũ</translation>
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
      <translation>Theo dõi</translation>
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
      <source>Lock (Ctrl+L)</source>
      <translation>Khoá máy (Ctrl+L)</translation>
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
      <source>&amp;Help</source>
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
      <source>Offline</source>
      <translation>Ngoại tuyến</translation>
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
      <source>%1 changes not yet sent</source>
      <translation>%1 thay đổi chưa gửi</translation>
    </message>
    <message>
      <source>Last sent: %1</source>
      <translation>Gửi lần cuối: %1</translation>
    </message>
    <message>
      <source>Last sent: never</source>
      <translation>Chưa gửi lần nào</translation>
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
      <source>version %1</source>
      <translation>phiên bản %1</translation>
    </message>
    <message>
      <source>For community digital-technology teams: record household visits and check that people receiving social benefits can actually get their money. Works without internet; data is encrypted on this laptop.</source>
      <translation>Dành cho Tổ công nghệ số cộng đồng: ghi lại các lần thăm hộ và kiểm tra người hưởng trợ cấp xã hội có thực sự nhận được tiền. Dùng được khi không có internet; dữ liệu được mã hoá trên máy.</translation>
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
    <name>PersonDialog</name>
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
      <source>Type the name of each thôn or tổ dân phố your team covers and press Enter. Households are filed under these names.</source>
      <translation>Gõ tên từng thôn hoặc tổ dân phố mà tổ bạn phụ trách rồi bấm Enter. Các hộ gia đình sẽ được xếp theo những tên này.</translation>
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