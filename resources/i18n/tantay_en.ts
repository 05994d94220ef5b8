<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
  <context>
    <name>AdminPage</name>
    <message>
      <source>Enter your full name.</source>
      <translation>Enter your full name.</translation>
    </message>
    <message>
      <source>2 to 32 characters: lower-case letters without accents, digits, dot, dash.</source>
      <translation>2 to 32 characters: lower-case letters without accents, digits, dot, dash.</translation>
    </message>
    <message>
      <source>At least %1 characters.</source>
      <translation>At least %1 characters.</translation>
    </message>
    <message>
      <source>The two passwords are not the same.</source>
      <translation>The two passwords are not the same.</translation>
    </message>
    <message>
      <source>Creating the encrypted database… this takes a few seconds.</source>
      <translation>Creating the encrypted database… this takes a few seconds.</translation>
    </message>
    <message>
      <source>The first administrator</source>
      <translation>The first administrator</translation>
    </message>
    <message>
      <source>Step 4 of 5 — Your own account</source>
      <translation>Step 4 of 5 — Your own account</translation>
    </message>
    <message>
      <source>This account sets up the laptop and adds the other users (volunteers, team lead, police officer). Choose a password you will remember; it also protects the encrypted data.</source>
      <translation>This account sets up the laptop and adds the other users (volunteers, team lead, police officer). Choose a password you will remember; it also protects the encrypted data.</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Password again</source>
      <translation>Password again</translation>
    </message>
    <message>
      <source>for example: Phạm Quốc Bảo</source>
      <translation>for example: Phạm Quốc Bảo</translation>
    </message>
  </context>
  <context>
    <name>AssistanceRow</name>
    <message>
      <source>Kind of help</source>
      <translation>Kind of help</translation>
    </message>
    <message>
      <source>For whom</source>
      <translation>For whom</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Due date</source>
      <translation>Due date</translation>
    </message>
    <message>
      <source>Due date (optional)</source>
      <translation>Due date (optional)</translation>
    </message>
    <message>
      <source>Remove this help item</source>
      <translation>Remove this help item</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Remove</translation>
    </message>
  </context>
  <context>
    <name>BusyIndicator</name>
    <message>
      <source>Working…</source>
      <translation>Working…</translation>
    </message>
  </context>
  <context>
    <name>CommunePage</name>
    <message>
      <source>Your commune</source>
      <translation>Your commune</translation>
    </message>
    <message>
      <source>Step 2 of 5 — Commune or ward (list in force from 1 July 2025)</source>
      <translation>Step 2 of 5 — Commune or ward (list in force from 1 July 2025)</translation>
    </message>
    <message>
      <source>Which commune or ward does your team work in?</source>
      <translation>Which commune or ward does your team work in?</translation>
    </message>
    <message>
      <source>Type part of the name, accents optional: for example “hoan kiem”</source>
      <translation>Type part of the name, accents optional: for example “hoan kiem”</translation>
    </message>
    <message>
      <source>Hà Nội has 126 communes and wards since 1 July 2025. Choose the new name, not the old district.</source>
      <translation>Hà Nội has 126 communes and wards since 1 July 2025. Choose the new name, not the old district.</translation>
    </message>
  </context>
  <context>
    <name>Cover</name>
    <message>
      <source>Tận Tay is locked.</source>
      <translation>Tận Tay is locked.</translation>
    </message>
  </context>
  <context>
    <name>FollowUpsView</name>
    <message numerus="yes">
      <source>(%n day(s) late)</source>
      <translation>
        <numerusform>(%n day(s) late)</numerusform>
        <numerusform>(%n day(s) late)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n follow-up(s) due this week</source>
      <translation>
        <numerusform>%n follow-up(s) due this week</numerusform>
        <numerusform>%n follow-up(s) due this week</numerusform>
      </translation>
    </message>
    <message>
      <source>✓ Done</source>
      <translation>✓ Done</translation>
    </message>
    <message>
      <source>Mark this follow-up done</source>
      <translation>Mark this follow-up done</translation>
    </message>
    <message>
      <source>Overdue</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Today</translation>
    </message>
    <message>
      <source>This week</source>
      <translation>This week</translation>
    </message>
    <message>
      <source>Follow-ups</source>
      <translation>Follow-ups</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Mark done (Ctrl+D)</source>
      <translation>Mark done (Ctrl+D)</translation>
    </message>
    <message>
      <source>Head of household</source>
      <translation>Head of household</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>Village / group</source>
      <translation>Village / group</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Due</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Follow-ups due</source>
      <translation>Follow-ups due</translation>
    </message>
    <message>
      <source>No follow-ups due this week.</source>
      <translation>No follow-ups due this week.</translation>
    </message>
  </context>
  <context>
    <name>HouseholdDetailView</name>
    <message>
      <source>(no head recorded)</source>
      <translation>(no head recorded)</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>Village / group</source>
      <translation>Village / group</translation>
    </message>
    <message>
      <source>Phones</source>
      <translation>Phones</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>none recorded</source>
      <translation>none recorded</translation>
    </message>
    <message>
      <source>%1 (born %2)</source>
      <translation>%1 (born %2)</translation>
    </message>
    <message>
      <source>Show full number</source>
      <translation>Show full number</translation>
    </message>
    <message>
      <source>Show the full ID number of %1</source>
      <translation>Show the full ID number of %1</translation>
    </message>
    <message>
      <source>Nothing open.</source>
      <translation>Nothing open.</translation>
    </message>
    <message>
      <source>due %1</source>
      <translation>due %1</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>Done</translation>
    </message>
    <message>
      <source>Mark “%1” done</source>
      <translation>Mark “%1” done</translation>
    </message>
    <message>
      <source>Visits (%1)</source>
      <translation>Visits (%1)</translation>
    </message>
    <message>
      <source>No visits recorded yet. Press “New visit” (Ctrl+N).</source>
      <translation>No visits recorded yet. Press “New visit” (Ctrl+N).</translation>
    </message>
    <message>
      <source>Present: %1</source>
      <translation>Present: %1</translation>
    </message>
    <message>
      <source>Follow-up %1 — done %2</source>
      <translation>Follow-up %1 — done %2</translation>
    </message>
    <message>
      <source>Follow-up on %1</source>
      <translation>Follow-up on %1</translation>
    </message>
    <message>
      <source>← Back</source>
      <translation>← Back</translation>
    </message>
    <message>
      <source>Back to the list</source>
      <translation>Back to the list</translation>
    </message>
    <message>
      <source>Edit household</source>
      <translation>Edit household</translation>
    </message>
    <message>
      <source>Add person</source>
      <translation>Add person</translation>
    </message>
    <message>
      <source>Edit person</source>
      <translation>Edit person</translation>
    </message>
    <message>
      <source>New visit (Ctrl+N)</source>
      <translation>New visit (Ctrl+N)</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>Members</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Age</source>
      <translation>Age</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>Relationship</source>
      <translation>Relationship</translation>
    </message>
    <message>
      <source>Needs</source>
      <translation>Needs</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>Open help items</source>
      <translation>Open help items</translation>
    </message>
    <message>
      <source>Benefits and payments</source>
      <translation>Benefits and payments</translation>
    </message>
    <message>
      <source>No payment data yet</source>
      <translation>No payment data yet</translation>
    </message>
    <message>
      <source>Visits</source>
      <translation>Visits</translation>
    </message>
  </context>
  <context>
    <name>HouseholdDialog</name>
    <message>
      <source>— choose —</source>
      <translation>— choose —</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Saved — but please ask the commune police officer to check:</source>
      <translation>Saved — but please ask the commune police officer to check:</translation>
    </message>
    <message>
      <source>New household</source>
      <translation>New household</translation>
    </message>
    <message>
      <source>Edit household</source>
      <translation>Edit household</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>Household</translation>
    </message>
    <message>
      <source>Head of household</source>
      <translation>Head of household</translation>
    </message>
    <message>
      <source>&amp;Village / group</source>
      <translation>&amp;Village / group</translation>
    </message>
    <message>
      <source>&amp;Address</source>
      <translation>&amp;Address</translation>
    </message>
    <message>
      <source>&amp;Landmark / directions</source>
      <translation>&amp;Landmark / directions</translation>
    </message>
    <message>
      <source>Phones</source>
      <translation>Phones</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>e.g. Số 12 Hàng Bạc, or Ngõ 5 Hàng Bè</source>
      <translation>e.g. Số 12 Hàng Bạc, or Ngõ 5 Hàng Bè</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>When the house has no number: how to find it</source>
      <translation>When the house has no number: how to find it</translation>
    </message>
    <message>
      <source>Landmark or directions</source>
      <translation>Landmark or directions</translation>
    </message>
    <message>
      <source>Village or residential group</source>
      <translation>Village or residential group</translation>
    </message>
    <message>
      <source>Notes about the household</source>
      <translation>Notes about the household</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>HouseholdListView</name>
    <message>
      <source>Loading…</source>
      <translation>Loading…</translation>
    </message>
    <message numerus="yes">
      <source>Found %n household(s)</source>
      <translation>
        <numerusform>Found %n household(s)</numerusform>
        <numerusform>Found %n household(s)</numerusform>
      </translation>
    </message>
    <message>
      <source>Found more than %1 households — scroll for more or type more to narrow down</source>
      <translation>Found more than %1 households — scroll for more or type more to narrow down</translation>
    </message>
    <message numerus="yes">
      <source>%n household(s)</source>
      <translation>
        <numerusform>%n household(s)</numerusform>
        <numerusform>%n household(s)</numerusform>
      </translation>
    </message>
    <message>
      <source>No household matches “%1”.
Try fewer words, a phone number or an ID number.</source>
      <translation>No household matches “%1”.
Try fewer words, a phone number or an ID number.</translation>
    </message>
    <message>
      <source>No households yet.
Press “Add household” to record the first one.</source>
      <translation>No households yet.
Press “Add household” to record the first one.</translation>
    </message>
    <message>
      <source>Search by name, address, phone or ID number — accents optional (Ctrl+F)</source>
      <translation>Search by name, address, phone or ID number — accents optional (Ctrl+F)</translation>
    </message>
    <message>
      <source>Search households</source>
      <translation>Search households</translation>
    </message>
    <message>
      <source>Add household</source>
      <translation>Add household</translation>
    </message>
    <message>
      <source>Households</source>
      <translation>Households</translation>
    </message>
  </context>
  <context>
    <name>HouseholdTableModel</name>
    <message>
      <source>Head of household</source>
      <translation>Head of household</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>Village / group</source>
      <translation>Village / group</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>Members</translation>
    </message>
    <message>
      <source>Needs</source>
      <translation>Needs</translation>
    </message>
    <message>
      <source>Last visit</source>
      <translation>Last visit</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <source>Overdue</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>(no head recorded)</source>
      <translation>(no head recorded)</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <source>Lives alone</source>
      <translation>Lives alone</translation>
    </message>
    <message>
      <source>Limited mobility</source>
      <translation>Limited mobility</translation>
    </message>
    <message>
      <source>Low vision</source>
      <translation>Low vision</translation>
    </message>
    <message>
      <source>Hard of hearing</source>
      <translation>Hard of hearing</translation>
    </message>
    <message>
      <source>No smartphone</source>
      <translation>No smartphone</translation>
    </message>
    <message>
      <source>Cannot read</source>
      <translation>Cannot read</translation>
    </message>
    <message>
      <source>Memory/cognition</source>
      <translation>Memory/cognition</translation>
    </message>
    <message>
      <source>Bedridden</source>
      <translation>Bedridden</translation>
    </message>
    <message>
      <source>Open an account</source>
      <translation>Open an account</translation>
    </message>
    <message>
      <source>Activate card</source>
      <translation>Activate card</translation>
    </message>
    <message>
      <source>Reset PIN</source>
      <translation>Reset PIN</translation>
    </message>
    <message>
      <source>Install banking app</source>
      <translation>Install banking app</translation>
    </message>
    <message>
      <source>Activate VNeID</source>
      <translation>Activate VNeID</translation>
    </message>
    <message>
      <source>Accompany withdrawal</source>
      <translation>Accompany withdrawal</translation>
    </message>
    <message>
      <source>Request home delivery</source>
      <translation>Request home delivery</translation>
    </message>
    <message>
      <source>Escalate to commune</source>
      <translation>Escalate to commune</translation>
    </message>
    <message>
      <source>Other help</source>
      <translation>Other help</translation>
    </message>
    <message>
      <source>To do</source>
      <translation>To do</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>Done</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <source>&amp;Routine visit</source>
      <translation>&amp;Routine visit</translation>
    </message>
    <message>
      <source>&amp;Payment check</source>
      <translation>&amp;Payment check</translation>
    </message>
    <message>
      <source>&amp;Help with money access</source>
      <translation>&amp;Help with money access</translation>
    </message>
    <message>
      <source>&amp;Identity check</source>
      <translation>&amp;Identity check</translation>
    </message>
    <message>
      <source>&amp;Follow-up</source>
      <translation>&amp;Follow-up</translation>
    </message>
    <message>
      <source>Ot&amp;her</source>
      <translation>Ot&amp;her</translation>
    </message>
    <message>
      <source>Met the person</source>
      <translation>Met the person</translation>
    </message>
    <message>
      <source>Nobody home</source>
      <translation>Nobody home</translation>
    </message>
    <message>
      <source>Moved away</source>
      <translation>Moved away</translation>
    </message>
    <message>
      <source>Deceased</source>
      <translation>Deceased</translation>
    </message>
    <message>
      <source>Refused</source>
      <translation>Refused</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>Other</translation>
    </message>
    <message>
      <source>Head of household</source>
      <translation>Head of household</translation>
    </message>
    <message>
      <source>Spouse</source>
      <translation>Spouse</translation>
    </message>
    <message>
      <source>Child</source>
      <translation>Child</translation>
    </message>
    <message>
      <source>Grandchild</source>
      <translation>Grandchild</translation>
    </message>
    <message>
      <source>Parent</source>
      <translation>Parent</translation>
    </message>
    <message>
      <source>Sibling</source>
      <translation>Sibling</translation>
    </message>
    <message>
      <source>Child-in-law</source>
      <translation>Child-in-law</translation>
    </message>
    <message>
      <source>Other relative</source>
      <translation>Other relative</translation>
    </message>
    <message>
      <source>Male</source>
      <translation>Male</translation>
    </message>
    <message>
      <source>Female</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>Old ID card (CMND)</source>
      <translation>Old ID card (CMND)</translation>
    </message>
    <message>
      <source>Chip ID card (CCCD)</source>
      <translation>Chip ID card (CCCD)</translation>
    </message>
    <message>
      <source>Identity card (2024)</source>
      <translation>Identity card (2024)</translation>
    </message>
    <message>
      <source>VNeID only</source>
      <translation>VNeID only</translation>
    </message>
  </context>
  <context>
    <name>LanguagePage</name>
    <message>
      <source>Welcome to Tận Tay</source>
      <translation>Welcome to Tận Tay</translation>
    </message>
    <message>
      <source>Step 1 of 5 — Language</source>
      <translation>Step 1 of 5 — Language</translation>
    </message>
    <message>
      <source>Tận Tay helps the community digital-technology team record household visits and check that people receiving social benefits can actually get their money. Let us set it up on this laptop. First, choose the language.</source>
      <translation>Tận Tay helps the community digital-technology team record household visits and check that people receiving social benefits can actually get their money. Let us set it up on this laptop. First, choose the language.</translation>
    </message>
  </context>
  <context>
    <name>LockDialog</name>
    <message>
      <source>Tận Tay — Locked</source>
      <translation>Tận Tay — Locked</translation>
    </message>
    <message>
      <source>Locked</source>
      <translation>Locked</translation>
    </message>
    <message>
      <source>%1 (%2) is logged in. To continue, enter the password. Another person can log in here too: whatever is open stays as it is.</source>
      <translation>%1 (%2) is logged in. To continue, enter the password. Another person can log in here too: whatever is open stays as it is.</translation>
    </message>
    <message>
      <source>Unlock</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <source>Switch user</source>
      <translation>Switch user</translation>
    </message>
  </context>
  <context>
    <name>LoginForm</name>
    <message>
      <source>Log in</source>
      <translation>Log in</translation>
    </message>
    <message>
      <source>&amp;User name</source>
      <translation>&amp;User name</translation>
    </message>
    <message>
      <source>&amp;Password</source>
      <translation>&amp;Password</translation>
    </message>
    <message>
      <source>for example: trang.nt</source>
      <translation>for example: trang.nt</translation>
    </message>
    <message>
      <source>Enter your user name.</source>
      <translation>Enter your user name.</translation>
    </message>
    <message>
      <source>Enter your password.</source>
      <translation>Enter your password.</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Checking…</translation>
    </message>
    <message>
      <source>You can try again now.</source>
      <translation>You can try again now.</translation>
    </message>
    <message>
      <source>%1 min %2 s</source>
      <translation>%1 min %2 s</translation>
    </message>
    <message>
      <source>%1 s</source>
      <translation>%1 s</translation>
    </message>
    <message>
      <source>Too many wrong passwords. For safety, wait %1 before trying again.</source>
      <translation>Too many wrong passwords. For safety, wait %1 before trying again.</translation>
    </message>
  </context>
  <context>
    <name>LoginWindow</name>
    <message>
      <source>Tận Tay — Log in</source>
      <translation>Tận Tay — Log in</translation>
    </message>
    <message>
      <source>DEMO</source>
      <translation>DEMO</translation>
    </message>
    <message>
      <source>Household visits and access to social benefit payments</source>
      <translation>Household visits and access to social benefit payments</translation>
    </message>
    <message>
      <source>Who is using this laptop?</source>
      <translation>Who is using this laptop?</translation>
    </message>
    <message>
      <source>Log in</source>
      <translation>Log in</translation>
    </message>
    <message>
      <source>Forgot your password? Use the recovery key</source>
      <translation>Forgot your password? Use the recovery key</translation>
    </message>
    <message>
      <source>DEMO database: every name and number is made up. Choose a user below; the password of all four is %1.</source>
      <translation>DEMO database: every name and number is made up. Choose a user below; the password of all four is %1.</translation>
    </message>
    <message>
      <source>A new password was set for %1. Log in with it now.</source>
      <translation>A new password was set for %1. Log in with it now.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Households</source>
      <translation>Households</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>Household</translation>
    </message>
    <message>
      <source>Follow-ups</source>
      <translation>Follow-ups</translation>
    </message>
    <message>
      <source>Payments</source>
      <translation>Payments</translation>
    </message>
    <message>
      <source>Here the team will record, month by month, whether each person's benefit arrived, when it was withdrawn, by whom, at what cost in time and fees, and what got in the way.</source>
      <translation>Here the team will record, month by month, whether each person's benefit arrived, when it was withdrawn, by whom, at what cost in time and fees, and what got in the way.</translation>
    </message>
    <message>
      <source>Identity verification</source>
      <translation>Identity verification</translation>
    </message>
    <message>
      <source>Here the commune police officer will record identity checks against the chip ID card, VNeID or the national population database.</source>
      <translation>Here the commune police officer will record identity checks against the chip ID card, VNeID or the national population database.</translation>
    </message>
    <message>
      <source>Reports</source>
      <translation>Reports</translation>
    </message>
    <message>
      <source>Here the team lead will see the payment-access report (who actually got their money, how long it took, what stood in the way) and export it for the commune.</source>
      <translation>Here the team lead will see the payment-access report (who actually got their money, how long it took, what stood in the way) and export it for the commune.</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>Sync</translation>
    </message>
    <message>
      <source>Here the laptop will send its records to the city server over the internet or on a USB stick. Until then every change is kept safely on this laptop and counted in the status bar below.</source>
      <translation>Here the laptop will send its records to the city server over the internet or on a USB stick. Until then every change is kept safely on this laptop and counted in the status bar below.</translation>
    </message>
    <message>
      <source>This screen is still being built.</source>
      <translation>This screen is still being built.</translation>
    </message>
    <message>
      <source>Tận Tay — %1 — %2</source>
      <translation>Tận Tay — %1 — %2</translation>
    </message>
    <message>
      <source>DEMO (made-up data)</source>
      <translation>DEMO (made-up data)</translation>
    </message>
    <message>
      <source>DEMO — made-up data</source>
      <translation>DEMO — made-up data</translation>
    </message>
    <message>
      <source>Switch user</source>
      <translation>Switch user</translation>
    </message>
    <message>
      <source>Lock (Ctrl+L)</source>
      <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
      <source>Verification</source>
      <translation>Verification</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>&amp;Households</source>
      <translation>&amp;Households</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>&amp;Lock</source>
      <translation>&amp;Lock</translation>
    </message>
    <message>
      <source>&amp;Switch user…</source>
      <translation>&amp;Switch user…</translation>
    </message>
    <message>
      <source>S&amp;ettings</source>
      <translation>S&amp;ettings</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Quit</translation>
    </message>
    <message>
      <source>&amp;Find a household</source>
      <translation>&amp;Find a household</translation>
    </message>
    <message>
      <source>&amp;New visit for the open household</source>
      <translation>&amp;New visit for the open household</translation>
    </message>
    <message>
      <source>&amp;About Tận Tay</source>
      <translation>&amp;About Tận Tay</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>This laptop is not connected to the city server yet. Everything you record is kept safely here and sent later.</source>
      <translation>This laptop is not connected to the city server yet. Everything you record is kept safely here and sent later.</translation>
    </message>
    <message>
      <source>Open a household first, then press Ctrl+N.</source>
      <translation>Open a household first, then press Ctrl+N.</translation>
    </message>
    <message>
      <source>The visit form is not available yet.</source>
      <translation>The visit form is not available yet.</translation>
    </message>
    <message>
      <source>All changes delivered</source>
      <translation>All changes delivered</translation>
    </message>
    <message>
      <source>%1 changes not yet sent</source>
      <translation>%1 changes not yet sent</translation>
    </message>
    <message>
      <source>Last sent: %1</source>
      <translation>Last sent: %1</translation>
    </message>
    <message>
      <source>Last sent: never</source>
      <translation>Last sent: never</translation>
    </message>
    <message>
      <source>%1 is now logged in.</source>
      <translation>%1 is now logged in.</translation>
    </message>
    <message>
      <source>About Tận Tay</source>
      <translation>About Tận Tay</translation>
    </message>
    <message>
      <source>version %1</source>
      <translation>version %1</translation>
    </message>
    <message>
      <source>For community digital-technology teams: record household visits and check that people receiving social benefits can actually get their money. Works without internet; data is encrypted on this laptop.</source>
      <translation>For community digital-technology teams: record household visits and check that people receiving social benefits can actually get their money. Works without internet; data is encrypted on this laptop.</translation>
    </message>
  </context>
  <context>
    <name>Ops</name>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Tận Tay</source>
      <translation>Tận Tay</translation>
    </message>
    <message>
      <source>Something went wrong. Your saved data is safe; details are in the log file. Please try again.</source>
      <translation>Something went wrong. Your saved data is safe; details are in the log file. Please try again.</translation>
    </message>
  </context>
  <context>
    <name>PasswordDialog</name>
    <message>
      <source>New password for %1</source>
      <translation>New password for %1</translation>
    </message>
    <message>
      <source>Change my password</source>
      <translation>Change my password</translation>
    </message>
    <message>
      <source>Current password</source>
      <translation>Current password</translation>
    </message>
    <message>
      <source>New password</source>
      <translation>New password</translation>
    </message>
    <message>
      <source>New password again</source>
      <translation>New password again</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>The two passwords are not the same.</source>
      <translation>The two passwords are not the same.</translation>
    </message>
    <message>
      <source>A new password was set for %1.</source>
      <translation>A new password was set for %1.</translation>
    </message>
    <message>
      <source>Your password was changed.</source>
      <translation>Your password was changed.</translation>
    </message>
  </context>
  <context>
    <name>PersonDialog</name>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Saved — but please ask the commune police officer to check:</source>
      <translation>Saved — but please ask the commune police officer to check:</translation>
    </message>
    <message>
      <source>Edit person</source>
      <translation>Edit person</translation>
    </message>
    <message>
      <source>Add a person</source>
      <translation>Add a person</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>PersonFields</name>
    <message>
      <source>Full &amp;name</source>
      <translation>Full &amp;name</translation>
    </message>
    <message>
      <source>&amp;Born</source>
      <translation>&amp;Born</translation>
    </message>
    <message>
      <source>Se&amp;x</source>
      <translation>Se&amp;x</translation>
    </message>
    <message>
      <source>&amp;Relationship to head</source>
      <translation>&amp;Relationship to head</translation>
    </message>
    <message>
      <source>&amp;ID number (12 digits)</source>
      <translation>&amp;ID number (12 digits)</translation>
    </message>
    <message>
      <source>&amp;Old ID (CMND, 9 digits)</source>
      <translation>&amp;Old ID (CMND, 9 digits)</translation>
    </message>
    <message>
      <source>Card &amp;type</source>
      <translation>Card &amp;type</translation>
    </message>
    <message>
      <source>Phones</source>
      <translation>Phones</translation>
    </message>
    <message>
      <source>Needs</source>
      <translation>Needs</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>e.g. Nguyễn Thị Hoà</source>
      <translation>e.g. Nguyễn Thị Hoà</translation>
    </message>
    <message>
      <source>Birth date or birth year</source>
      <translation>Birth date or birth year</translation>
    </message>
    <message>
      <source>dd/mm/yyyy, or the year only: 1948</source>
      <translation>dd/mm/yyyy, or the year only: 1948</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>12 digits, e.g. 001048012345</source>
      <translation>12 digits, e.g. 001048012345</translation>
    </message>
    <message>
      <source>Old ID number</source>
      <translation>Old ID number</translation>
    </message>
    <message>
      <source>Notes about the person</source>
      <translation>Notes about the person</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>Relationship to the head of household</source>
      <translation>Relationship to the head of household</translation>
    </message>
    <message>
      <source>Card type</source>
      <translation>Card type</translation>
    </message>
    <message>
      <source>— not recorded —</source>
      <translation>— not recorded —</translation>
    </message>
  </context>
  <context>
    <name>PhoneListEditor</name>
    <message>
      <source>Remove this number</source>
      <translation>Remove this number</translation>
    </message>
    <message>
      <source>Phone number, e.g. 0912 345 678</source>
      <translation>Phone number, e.g. 0912 345 678</translation>
    </message>
    <message>
      <source>Phone number</source>
      <translation>Phone number</translation>
    </message>
    <message>
      <source>Whose number (e.g. daughter)</source>
      <translation>Whose number (e.g. daughter)</translation>
    </message>
    <message>
      <source>Whose number</source>
      <translation>Whose number</translation>
    </message>
    <message>
      <source>+ Add a phone number</source>
      <translation>+ Add a phone number</translation>
    </message>
  </context>
  <context>
    <name>PlaceholderPage</name>
    <message>
      <source>This feature is coming in a later version of Tận Tay. Until then, keep using the forms your commune uses today.</source>
      <translation>This feature is coming in a later version of Tận Tay. Until then, keep using the forms your commune uses today.</translation>
    </message>
  </context>
  <context>
    <name>RecoveryDialog</name>
    <message>
      <source>Set a new password with the recovery key</source>
      <translation>Set a new password with the recovery key</translation>
    </message>
    <message>
      <source>The recovery key was shown once when Tận Tay was set up on this laptop, and should be kept on paper in a safe place. With it you can set a new password for any user.</source>
      <translation>The recovery key was shown once when Tận Tay was set up on this laptop, and should be kept on paper in a safe place. With it you can set a new password for any user.</translation>
    </message>
    <message>
      <source>Recovery key</source>
      <translation>Recovery key</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>New password</source>
      <translation>New password</translation>
    </message>
    <message>
      <source>New password again</source>
      <translation>New password again</translation>
    </message>
    <message>
      <source>Set password</source>
      <translation>Set password</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Enter the recovery key and the user name.</source>
      <translation>Enter the recovery key and the user name.</translation>
    </message>
    <message>
      <source>The new password needs at least 8 characters.</source>
      <translation>The new password needs at least 8 characters.</translation>
    </message>
    <message>
      <source>The two passwords are not the same.</source>
      <translation>The two passwords are not the same.</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Checking…</translation>
    </message>
  </context>
  <context>
    <name>RecoveryPage</name>
    <message>
      <source>Your recovery key</source>
      <translation>Your recovery key</translation>
    </message>
    <message>
      <source>Step 5 of 5 — Write it down now: it is shown only once</source>
      <translation>Step 5 of 5 — Write it down now: it is shown only once</translation>
    </message>
    <message>
      <source>If every password is forgotten, this key is the only way to open the data again. Write it on paper and keep it locked away at the commune office.</source>
      <translation>If every password is forgotten, this key is the only way to open the data again. Write it on paper and keep it locked away at the commune office.</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>Copy</translation>
    </message>
    <message>
      <source>Copied.</source>
      <translation>Copied.</translation>
    </message>
    <message>
      <source>Do not keep it in a file on this laptop, and do not send it by Zalo or e-mail. Anyone who has it can read the data.</source>
      <translation>Do not keep it in a file on this laptop, and do not send it by Zalo or e-mail. Anyone who has it can read the data.</translation>
    </message>
    <message>
      <source>I have written the recovery key down and put it in a safe place</source>
      <translation>I have written the recovery key down and put it in a safe place</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
  </context>
  <context>
    <name>SettingsPanel</name>
    <message>
      <source>Settings</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>Display</source>
      <translation>Display</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>Text size</source>
      <translation>Text size</translation>
    </message>
    <message>
      <source>Lock after</source>
      <translation>Lock after</translation>
    </message>
    <message>
      <source>Normal (100%)</source>
      <translation>Normal (100%)</translation>
    </message>
    <message>
      <source>Large (125%)</source>
      <translation>Large (125%)</translation>
    </message>
    <message>
      <source>Very large (150%)</source>
      <translation>Very large (150%)</translation>
    </message>
    <message>
      <source>minutes without use</source>
      <translation>minutes without use</translation>
    </message>
    <message>
      <source>When nobody uses the laptop for this long, Tận Tay locks itself so that people's data is not left open. Press Ctrl+L to lock at once.</source>
      <translation>When nobody uses the laptop for this long, Tận Tay locks itself so that people's data is not left open. Press Ctrl+L to lock at once.</translation>
    </message>
    <message>
      <source>My account</source>
      <translation>My account</translation>
    </message>
    <message>
      <source>Logged in as %1 (%2), user name %3.</source>
      <translation>Logged in as %1 (%2), user name %3.</translation>
    </message>
    <message>
      <source>Change my password…</source>
      <translation>Change my password…</translation>
    </message>
    <message>
      <source>Users of this laptop</source>
      <translation>Users of this laptop</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Add user…</source>
      <translation>Add user…</translation>
    </message>
    <message>
      <source>Set a new password…</source>
      <translation>Set a new password…</translation>
    </message>
    <message>
      <source>Disable account</source>
      <translation>Disable account</translation>
    </message>
    <message>
      <source>This laptop</source>
      <translation>This laptop</translation>
    </message>
    <message>
      <source>Data folder: %1
The data is encrypted; back up this whole folder.</source>
      <translation>Data folder: %1
The data is encrypted; back up this whole folder.</translation>
    </message>
    <message>
      <source>Disabled</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>Choose a user in the list first.</source>
      <translation>Choose a user in the list first.</translation>
    </message>
    <message>
      <source>Disable the account %1? This person will no longer be able to log in on this laptop. An admin can give them a new password later.</source>
      <translation>Disable the account %1? This person will no longer be able to log in on this laptop. An admin can give them a new password later.</translation>
    </message>
    <message>
      <source>Disable</source>
      <translation>Disable</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>The account %1 is disabled.</source>
      <translation>The account %1 is disabled.</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <source>Tận Tay — First-time setup</source>
      <translation>Tận Tay — First-time setup</translation>
    </message>
    <message>
      <source>&lt; Back</source>
      <translation>&lt; Back</translation>
    </message>
    <message>
      <source>Next &gt;</source>
      <translation>Next &gt;</translation>
    </message>
    <message>
      <source>Create the database</source>
      <translation>Create the database</translation>
    </message>
    <message>
      <source>Finish</source>
      <translation>Finish</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>Shell</name>
    <message>
      <source>Creating the demo database (%1 made-up households)…</source>
      <translation>Creating the demo database (%1 made-up households)…</translation>
    </message>
  </context>
  <context>
    <name>UserDialog</name>
    <message>
      <source>Add a user</source>
      <translation>Add a user</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Password again</source>
      <translation>Password again</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>The two passwords are not the same.</source>
      <translation>The two passwords are not the same.</translation>
    </message>
    <message>
      <source>User %1 added.</source>
      <translation>User %1 added.</translation>
    </message>
  </context>
  <context>
    <name>VillagesPage</name>
    <message>
      <source>“%1” is already in the list.</source>
      <translation>“%1” is already in the list.</translation>
    </message>
    <message>
      <source>Villages and residential groups</source>
      <translation>Villages and residential groups</translation>
    </message>
    <message>
      <source>Step 3 of 5 — Thôn / tổ dân phố your team covers</source>
      <translation>Step 3 of 5 — Thôn / tổ dân phố your team covers</translation>
    </message>
    <message>
      <source>Type the name of each thôn or tổ dân phố your team covers and press Enter. Households are filed under these names.</source>
      <translation>Type the name of each thôn or tổ dân phố your team covers and press Enter. Households are filed under these names.</translation>
    </message>
    <message>
      <source>for example: Tổ dân phố số 4 Hàng Buồm</source>
      <translation>for example: Tổ dân phố số 4 Hàng Buồm</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>Remove selected</source>
      <translation>Remove selected</translation>
    </message>
  </context>
  <context>
    <name>VisitForm</name>
    <message>
      <source>New visit — %1</source>
      <translation>New visit — %1</translation>
    </message>
    <message>
      <source>An unsaved draft of this visit (%1) was restored.</source>
      <translation>An unsaved draft of this visit (%1) was restored.</translation>
    </message>
    <message>
      <source>Discard this visit?</source>
      <translation>Discard this visit?</translation>
    </message>
    <message>
      <source>The visit has not been saved. Discard what you typed?</source>
      <translation>The visit has not been saved. Discard what you typed?</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Discard</translation>
    </message>
    <message>
      <source>Keep editing</source>
      <translation>Keep editing</translation>
    </message>
    <message>
      <source>New visit</source>
      <translation>New visit</translation>
    </message>
    <message>
      <source>&amp;When</source>
      <translation>&amp;When</translation>
    </message>
    <message>
      <source>Purpose</source>
      <translation>Purpose</translation>
    </message>
    <message>
      <source>Out&amp;come</source>
      <translation>Out&amp;come</translation>
    </message>
    <message>
      <source>Pre&amp;sent</source>
      <translation>Pre&amp;sent</translation>
    </message>
    <message>
      <source>&amp;Notes</source>
      <translation>&amp;Notes</translation>
    </message>
    <message>
      <source>Help given</source>
      <translation>Help given</translation>
    </message>
    <message>
      <source>Follow-up &amp;date</source>
      <translation>Follow-up &amp;date</translation>
    </message>
    <message>
      <source>Now</source>
      <translation>Now</translation>
    </message>
    <message>
      <source>Visit date and time</source>
      <translation>Visit date and time</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>Persons present</source>
      <translation>Persons present</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>What happened, barriers to getting the money, what was agreed…</source>
      <translation>What happened, barriers to getting the money, what was agreed…</translation>
    </message>
    <message>
      <source>+ &amp;Add help given</source>
      <translation>+ &amp;Add help given</translation>
    </message>
    <message>
      <source>Follow-up date</source>
      <translation>Follow-up date</translation>
    </message>
    <message>
      <source>+3 days</source>
      <translation>+3 days</translation>
    </message>
    <message>
      <source>+1 week</source>
      <translation>+1 week</translation>
    </message>
    <message>
      <source>+1 month</source>
      <translation>+1 month</translation>
    </message>
    <message>
      <source>No follow-up</source>
      <translation>No follow-up</translation>
    </message>
    <message>
      <source>Save (Ctrl+S)</source>
      <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Discard draft</source>
      <translation>Discard draft</translation>
    </message>
  </context>
  <context>
    <name>_DuplicatesPanel</name>
    <message>
      <source>same ID number</source>
      <translation>same ID number</translation>
    </message>
    <message>
      <source>same name and birth year</source>
      <translation>same name and birth year</translation>
    </message>
    <message>
      <source>born %1</source>
      <translation>born %1</translation>
    </message>
    <message>
      <source>&lt;b&gt;This person may already be recorded.&lt;/b&gt; Check before saving a new record:</source>
      <translation>&lt;b&gt;This person may already be recorded.&lt;/b&gt; Check before saving a new record:</translation>
    </message>
    <message>
      <source>Save anyway</source>
      <translation>Save anyway</translation>
    </message>
    <message>
      <source>Go back and check</source>
      <translation>Go back and check</translation>
    </message>
  </context>
</TS>