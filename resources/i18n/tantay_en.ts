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
      <source>Due</source>
      <translation>Due</translation>
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
    <name>AuditDialog</name>
    <message>
      <source>Audit log — Tận Tay</source>
      <translation>Audit log — Tận Tay</translation>
    </message>
  </context>
  <context>
    <name>AuditText</name>
    <message>
      <source>someone</source>
      <translation>someone</translation>
    </message>
    <message>
      <source>the person {name}</source>
      <translation>the person {name}</translation>
    </message>
    <message>
      <source>the household of {name}</source>
      <translation>the household of {name}</translation>
    </message>
    <message>
      <source>the village {name}</source>
      <translation>the village {name}</translation>
    </message>
    <message>
      <source>a visit to the household of {name}</source>
      <translation>a visit to the household of {name}</translation>
    </message>
    <message>
      <source>a help item for the household of {name}</source>
      <translation>a help item for the household of {name}</translation>
    </message>
    <message>
      <source>a benefit of {name}</source>
      <translation>a benefit of {name}</translation>
    </message>
    <message>
      <source>a payment of {name}</source>
      <translation>a payment of {name}</translation>
    </message>
    <message>
      <source>an identity verification of {name}</source>
      <translation>an identity verification of {name}</translation>
    </message>
    <message>
      <source>the user {name}</source>
      <translation>the user {name}</translation>
    </message>
    <message>
      <source>a person</source>
      <translation>a person</translation>
    </message>
    <message>
      <source>a household</source>
      <translation>a household</translation>
    </message>
    <message>
      <source>a village</source>
      <translation>a village</translation>
    </message>
    <message>
      <source>a visit</source>
      <translation>a visit</translation>
    </message>
    <message>
      <source>a help item</source>
      <translation>a help item</translation>
    </message>
    <message>
      <source>a benefit</source>
      <translation>a benefit</translation>
    </message>
    <message>
      <source>a payment</source>
      <translation>a payment</translation>
    </message>
    <message>
      <source>an identity verification</source>
      <translation>an identity verification</translation>
    </message>
    <message>
      <source>a user</source>
      <translation>a user</translation>
    </message>
    <message>
      <source>a record</source>
      <translation>a record</translation>
    </message>
    <message>
      <source>{who} logged in.</source>
      <translation>{who} logged in.</translation>
    </message>
    <message>
      <source>{who} took over the laptop from {other}.</source>
      <translation>{who} took over the laptop from {other}.</translation>
    </message>
    <message>
      <source>{who} opened the database with the recovery key.</source>
      <translation>{who} opened the database with the recovery key.</translation>
    </message>
    <message>
      <source>{who} set up Tận Tay on this laptop.</source>
      <translation>{who} set up Tận Tay on this laptop.</translation>
    </message>
    <message>
      <source>{who} added {thing}.</source>
      <translation>{who} added {thing}.</translation>
    </message>
    <message>
      <source>{who} changed whether the follow-up of {thing} is done.</source>
      <translation>{who} changed whether the follow-up of {thing} is done.</translation>
    </message>
    <message>
      <source>{who} changed {thing} ({n} fields).</source>
      <translation>{who} changed {thing} ({n} fields).</translation>
    </message>
    <message>
      <source>{who} changed {thing}.</source>
      <translation>{who} changed {thing}.</translation>
    </message>
    <message>
      <source>{who} deleted {thing}.</source>
      <translation>{who} deleted {thing}.</translation>
    </message>
    <message>
      <source>{who} showed the full ID number of {thing}.</source>
      <translation>{who} showed the full ID number of {thing}.</translation>
    </message>
    <message>
      <source>{who} searched by ID number ({found} found).</source>
      <translation>{who} searched by ID number ({found} found).</translation>
    </message>
    <message>
      <source>the audit log</source>
      <translation>the audit log</translation>
    </message>
    <message>
      <source>the payment report</source>
      <translation>the payment report</translation>
    </message>
    <message>
      <source>a USB bundle</source>
      <translation>a USB bundle</translation>
    </message>
    <message>
      <source>{who} exported {what} ({format}).</source>
      <translation>{who} exported {what} ({format}).</translation>
    </message>
    <message>
      <source>{who} imported the beneficiary list ({n} people).</source>
      <translation>{who} imported the beneficiary list ({n} people).</translation>
    </message>
    <message>
      <source>{who} enrolled this laptop with the city server.</source>
      <translation>{who} enrolled this laptop with the city server.</translation>
    </message>
    <message>
      <source>{who} synced with the city server.</source>
      <translation>{who} synced with the city server.</translation>
    </message>
    <message>
      <source>{who} resolved a conflict on {thing}.</source>
      <translation>{who} resolved a conflict on {thing}.</translation>
    </message>
    <message>
      <source>{who} marked {thing} and {other} as different.</source>
      <translation>{who} marked {thing} and {other} as different.</translation>
    </message>
    <message>
      <source>{who} merged duplicate records: {thing}.</source>
      <translation>{who} merged duplicate records: {thing}.</translation>
    </message>
    <message>
      <source>{who} added {thing} as {role}.</source>
      <translation>{who} added {thing} as {role}.</translation>
    </message>
    <message>
      <source>{who} changed their own password.</source>
      <translation>{who} changed their own password.</translation>
    </message>
    <message>
      <source>{who} set a new password for {thing}.</source>
      <translation>{who} set a new password for {thing}.</translation>
    </message>
    <message>
      <source>{who} enabled {thing} again, with a new password.</source>
      <translation>{who} enabled {thing} again, with a new password.</translation>
    </message>
    <message>
      <source>{who} disabled {thing}.</source>
      <translation>{who} disabled {thing}.</translation>
    </message>
    <message>
      <source>{who} changed the role of {thing} from {old} to {new}.</source>
      <translation>{who} changed the role of {thing} from {old} to {new}.</translation>
    </message>
    <message>
      <source>{who} changed the database key.</source>
      <translation>{who} changed the database key.</translation>
    </message>
    <message>
      <source>{who} registered their officer signing key.</source>
      <translation>{who} registered their officer signing key.</translation>
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
      <translation>Log in / switch user</translation>
    </message>
    <message>
      <source>Record created</source>
      <translation>Record created</translation>
    </message>
    <message>
      <source>Record changed</source>
      <translation>Record changed</translation>
    </message>
    <message>
      <source>Record deleted</source>
      <translation>Record deleted</translation>
    </message>
    <message>
      <source>Full ID number shown</source>
      <translation>Full ID number shown</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>Sync</translation>
    </message>
    <message>
      <source>Conflict resolved</source>
      <translation>Conflict resolved</translation>
    </message>
    <message>
      <source>User accounts</source>
      <translation>User accounts</translation>
    </message>
    <message>
      <source>First setup</source>
      <translation>First setup</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>User</source>
      <translation>User</translation>
    </message>
    <message>
      <source>Search by ID number</source>
      <translation>Search by ID number</translation>
    </message>
    <message>
      <source>Duplicates merged or kept apart</source>
      <translation>Duplicates merged or kept apart</translation>
    </message>
    <message>
      <source>Officer's signing key</source>
      <translation>Officer's signing key</translation>
    </message>
    <message>
      <source>Database key changed</source>
      <translation>Database key changed</translation>
    </message>
    <message>
      <source>Person</source>
      <translation>Person</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>Household</translation>
    </message>
    <message>
      <source>Visit</source>
      <translation>Visit</translation>
    </message>
    <message>
      <source>Help item</source>
      <translation>Help item</translation>
    </message>
    <message>
      <source>Benefit</source>
      <translation>Benefit</translation>
    </message>
    <message>
      <source>Payment</source>
      <translation>Payment</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>Verification</source>
      <translation>Verification</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>Record</translation>
    </message>
    <message>
      <source>Detail</source>
      <translation>Detail</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>Who</translation>
    </message>
    <message>
      <source>What happened</source>
      <translation>What happened</translation>
    </message>
    <message>
      <source>Checking the log…</source>
      <translation>Checking the log…</translation>
    </message>
    <message>
      <source>Log intact: %1 entries</source>
      <translation>Log intact: %1 entries</translation>
    </message>
    <message>
      <source>The log was changed or has a gap: entry no. %1 does not fit (%2). Entries from there on cannot be trusted; tell the commune IT.</source>
      <translation>The log was changed or has a gap: entry no. %1 does not fit (%2). Entries from there on cannot be trusted; tell the commune IT.</translation>
    </message>
    <message>
      <source>Entries shown: %1</source>
      <translation>Entries shown: %1</translation>
    </message>
    <message>
      <source>(the newest; narrow the dates to see older ones)</source>
      <translation>(the newest; narrow the dates to see older ones)</translation>
    </message>
    <message>
      <source>Everyone</source>
      <translation>Everyone</translation>
    </message>
    <message>
      <source>Export the audit log</source>
      <translation>Export the audit log</translation>
    </message>
    <message>
      <source>Saved: %1</source>
      <translation>Saved: %1</translation>
    </message>
    <message>
      <source>Audit log</source>
      <translation>Audit log</translation>
    </message>
    <message>
      <source>&amp;User</source>
      <translation>&amp;User</translation>
    </message>
    <message>
      <source>&amp;Action</source>
      <translation>&amp;Action</translation>
    </message>
    <message>
      <source>&amp;From</source>
      <translation>&amp;From</translation>
    </message>
    <message>
      <source>&amp;To</source>
      <translation>&amp;To</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>Show</translation>
    </message>
    <message>
      <source>All actions</source>
      <translation>All actions</translation>
    </message>
    <message>
      <source>Entry as &amp;stored (select a row):</source>
      <translation>Entry as &amp;stored (select a row):</translation>
    </message>
    <message>
      <source>Export to Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <source>Export to CSV…</source>
      <translation>Export to CSV…</translation>
    </message>
  </context>
  <context>
    <name>BenefitDialog</name>
    <message>
      <source>Add a benefit</source>
      <translation>Add a benefit</translation>
    </message>
    <message>
      <source>Edit a benefit</source>
      <translation>Edit a benefit</translation>
    </message>
    <message>
      <source>e.g. 500.000</source>
      <translation>e.g. 500.000</translation>
    </message>
    <message>
      <source>e.g. Agribank, Viettel Money, Bưu điện</source>
      <translation>e.g. Agribank, Viettel Money, Bưu điện</translation>
    </message>
    <message>
      <source>only the last 4 digits</source>
      <translation>only the last 4 digits</translation>
    </message>
    <message>
      <source>receiving</source>
      <translation>receiving</translation>
    </message>
    <message>
      <source>suspended</source>
      <translation>suspended</translation>
    </message>
    <message>
      <source>ended</source>
      <translation>ended</translation>
    </message>
    <message>
      <source>Benefit</source>
      <translation>Benefit</translation>
    </message>
    <message>
      <source>Person</source>
      <translation>Person</translation>
    </message>
    <message>
      <source>Scheme</source>
      <translation>Scheme</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>Monthly amount (₫)</source>
      <translation>Monthly amount (₫)</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>Channel</translation>
    </message>
    <message>
      <source>Bank or provider</source>
      <translation>Bank or provider</translation>
    </message>
    <message>
      <source>Account: last 4 digits</source>
      <translation>Account: last 4 digits</translation>
    </message>
    <message>
      <source>Receiving since</source>
      <translation>Receiving since</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Receives until</source>
      <translation>Receives until</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Note</translation>
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
      <source>— choose —</source>
      <translation>— choose —</translation>
    </message>
    <message>
      <source>Computed from the rates in force today: %1. You may change it.</source>
      <translation>Computed from the rates in force today: %1. You may change it.</translation>
    </message>
    <message>
      <source>Choose the category the person receives it as.</source>
      <translation>Choose the category the person receives it as.</translation>
    </message>
  </context>
  <context>
    <name>BenefitsPanel</name>
    <message>
      <source>No benefits recorded for this household.</source>
      <translation>No benefits recorded for this household.</translation>
    </message>
    <message>
      <source>%1/month</source>
      <translation>%1/month</translation>
    </message>
    <message>
      <source>suspended</source>
      <translation>suspended</translation>
    </message>
    <message>
      <source>ended</source>
      <translation>ended</translation>
    </message>
    <message>
      <source>no data</source>
      <translation>no data</translation>
    </message>
    <message>
      <source>received</source>
      <translation>received</translation>
    </message>
    <message>
      <source>received after %1 day</source>
      <translation>received after %1 day</translation>
    </message>
    <message>
      <source>received after %1 days</source>
      <translation>received after %1 days</translation>
    </message>
    <message>
      <source>not yet (%1 day since credit)</source>
      <translation>not yet (%1 day since credit)</translation>
    </message>
    <message>
      <source>not yet (%1 days since credit)</source>
      <translation>not yet (%1 days since credit)</translation>
    </message>
    <message>
      <source>not credited yet</source>
      <translation>not credited yet</translation>
    </message>
    <message>
      <source>Add benefit…</source>
      <translation>Add benefit…</translation>
    </message>
    <message>
      <source>Record payment…</source>
      <translation>Record payment…</translation>
    </message>
    <message>
      <source>Edit benefit…</source>
      <translation>Edit benefit…</translation>
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
      <source>Chosen: %1</source>
      <translation>Chosen: %1</translation>
    </message>
    <message>
      <source>Your commune</source>
      <translation>Your commune</translation>
    </message>
    <message>
      <source>Step 2 of 5 — Commune or ward (list in force from 1 July 2025)</source>
      <translation>Step 2 of 5 — Commune or ward (list in force from 1 July 2025)</translation>
    </message>
    <message>
      <source>Which commune or ward does your team work in? Type part of the name, then pick it in the list (arrow keys and Enter, or a click).</source>
      <translation>Which commune or ward does your team work in? Type part of the name, then pick it in the list (arrow keys and Enter, or a click).</translation>
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
    <name>Consent</name>
    <message>
      <source>no consent</source>
      <translation>no consent</translation>
    </message>
  </context>
  <context>
    <name>ConsentDialog</name>
    <message>
      <source>Signature</source>
      <translation>Signature</translation>
    </message>
    <message>
      <source>Thumbprint</source>
      <translation>Thumbprint</translation>
    </message>
    <message>
      <source>Verbal, with a witness</source>
      <translation>Verbal, with a witness</translation>
    </message>
    <message>
      <source>By a guardian</source>
      <translation>By a guardian</translation>
    </message>
    <message>
      <source>Visits, help and payment follow-up</source>
      <translation>Visits, help and payment follow-up</translation>
    </message>
    <message>
      <source>&amp;Guardian's name</source>
      <translation>&amp;Guardian's name</translation>
    </message>
    <message>
      <source>&amp;Witness's name</source>
      <translation>&amp;Witness's name</translation>
    </message>
    <message>
      <source>Choose how the person gave consent.</source>
      <translation>Choose how the person gave consent.</translation>
    </message>
    <message>
      <source>Consent</source>
      <translation>Consent</translation>
    </message>
    <message>
      <source>Consent of %1</source>
      <translation>Consent of %1</translation>
    </message>
    <message>
      <source>Consent withdrawn on %1.</source>
      <translation>Consent withdrawn on %1.</translation>
    </message>
    <message>
      <source>Consented on %1 (%2).</source>
      <translation>Consented on %1 (%2).</translation>
    </message>
    <message>
      <source>No consent recorded.</source>
      <translation>No consent recorded.</translation>
    </message>
    <message>
      <source>Without consent, this person's phones, needs and notes stay on this laptop (they are not synced or put in USB bundles) and their name is not listed in exported reports. Identity and benefit data still travel: the official beneficiary list already holds them.</source>
      <translation>Without consent, this person's phones, needs and notes stay on this laptop (they are not synced or put in USB bundles) and their name is not listed in exported reports. Identity and benefit data still travel: the official beneficiary list already holds them.</translation>
    </message>
    <message>
      <source>&amp;Date</source>
      <translation>&amp;Date</translation>
    </message>
    <message>
      <source>&amp;How</source>
      <translation>&amp;How</translation>
    </message>
    <message>
      <source>&amp;Scope</source>
      <translation>&amp;Scope</translation>
    </message>
    <message>
      <source>— choose —</source>
      <translation>— choose —</translation>
    </message>
    <message>
      <source>Save consent</source>
      <translation>Save consent</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Record withdrawal</source>
      <translation>Record withdrawal</translation>
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
    <name>DuplicatesPanel</name>
    <message>
      <source>Possible duplicates (%1)</source>
      <translation>Possible duplicates (%1)</translation>
    </message>
    <message>
      <source>Two laptops may have registered the same person or household. Compare them side by side: merge them into one, or say they are not the same.</source>
      <translation>Two laptops may have registered the same person or household. Compare them side by side: merge them into one, or say they are not the same.</translation>
    </message>
    <message>
      <source>No possible duplicates right now.</source>
      <translation>No possible duplicates right now.</translation>
    </message>
    <message>
      <source>Records</source>
      <translation>Records</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>Why</translation>
    </message>
    <message>
      <source>Differs in</source>
      <translation>Differs in</translation>
    </message>
    <message>
      <source>Compare and merge…</source>
      <translation>Compare and merge…</translation>
    </message>
    <message>
      <source>Merged on this laptop</source>
      <translation>Merged on this laptop</translation>
    </message>
    <message>
      <source>When</source>
      <translation>When</translation>
    </message>
    <message>
      <source>Merge</source>
      <translation>Merge</translation>
    </message>
    <message>
      <source>State</source>
      <translation>State</translation>
    </message>
    <message>
      <source>Split</source>
      <translation>Split</translation>
    </message>
    <message>
      <source>Person</source>
      <translation>Person</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>Household</translation>
    </message>
    <message>
      <source>«%1» merged into «%2»</source>
      <translation>«%1» merged into «%2»</translation>
    </message>
    <message>
      <source>split again on %1</source>
      <translation>split again on %1</translation>
    </message>
    <message>
      <source>merged by %1</source>
      <translation>merged by %1</translation>
    </message>
    <message>
      <source>Merged. %1 linked records moved to the one kept.</source>
      <translation>Merged. %1 linked records moved to the one kept.</translation>
    </message>
    <message>
      <source>Both held the same benefit or the same month's payment: %1 values that differ wait for you under Conflicts.</source>
      <translation>Both held the same benefit or the same month's payment: %1 values that differ wait for you under Conflicts.</translation>
    </message>
    <message>
      <source>It is sent to the city server with the next sync.</source>
      <translation>It is sent to the city server with the next sync.</translation>
    </message>
    <message>
      <source>Noted: these two will not be proposed again.</source>
      <translation>Noted: these two will not be proposed again.</translation>
    </message>
    <message>
      <source>Split «%1» from «%2» again? The records that moved go back; values taken in the merge stay on «%2» until someone edits them. The two are listed under possible duplicates again: merge them again, or choose “Not the same”.</source>
      <translation>Split «%1» from «%2» again? The records that moved go back; values taken in the merge stay on «%2» until someone edits them. The two are listed under possible duplicates again: merge them again, or choose “Not the same”.</translation>
    </message>
    <message>
      <source>Split. Records moved back: %1.</source>
      <translation>Split. Records moved back: %1.</translation>
    </message>
  </context>
  <context>
    <name>FollowUpsView</name>
    <message numerus="yes">
      <source>(%n day(s) late)</source>
      <translation>
        <numerusform>(%Ln day late)</numerusform>
        <numerusform>(%Ln days late)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n follow-up(s) due this week</source>
      <translation>
        <numerusform>%Ln follow-up due this week</numerusform>
        <numerusform>%Ln follow-ups due this week</numerusform>
      </translation>
    </message>
    <message>
      <source>Follow-up of %1 marked done. Changed your mind? Undo (Ctrl+Z) within %2 s.</source>
      <translation>Follow-up of %1 marked done. Changed your mind? Undo (Ctrl+Z) within %2 s.</translation>
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
      <source>Undo (Ctrl+Z)</source>
      <translation>Undo (Ctrl+Z)</translation>
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
    <name>HeldBack</name>
    <message>
      <source>Required information is missing.</source>
      <translation>Required information is missing.</translation>
    </message>
    <message>
      <source>Some information is not valid.</source>
      <translation>Some information is not valid.</translation>
    </message>
    <message>
      <source>It holds information this version does not know.</source>
      <translation>It holds information this version does not know.</translation>
    </message>
    <message>
      <source>A value is not one of the allowed choices.</source>
      <translation>A value is not one of the allowed choices.</translation>
    </message>
    <message>
      <source>The citizen ID number is not valid (it has 12 digits).</source>
      <translation>The citizen ID number is not valid (it has 12 digits).</translation>
    </message>
    <message>
      <source>The old ID card number is not valid.</source>
      <translation>The old ID card number is not valid.</translation>
    </message>
    <message>
      <source>A phone number is not valid.</source>
      <translation>A phone number is not valid.</translation>
    </message>
    <message>
      <source>A date is not valid.</source>
      <translation>A date is not valid.</translation>
    </message>
    <message>
      <source>A date or time is not valid.</source>
      <translation>A date or time is not valid.</translation>
    </message>
    <message>
      <source>The year of birth does not match the date of birth.</source>
      <translation>The year of birth does not match the date of birth.</translation>
    </message>
    <message>
      <source>A text is too long.</source>
      <translation>A text is too long.</translation>
    </message>
    <message>
      <source>A list has too many entries.</source>
      <translation>A list has too many entries.</translation>
    </message>
    <message>
      <source>A number is outside the allowed range.</source>
      <translation>A number is outside the allowed range.</translation>
    </message>
    <message>
      <source>It belongs to a household or person that has not arrived yet. It is tried again after each sync.</source>
      <translation>It belongs to a household or person that has not arrived yet. It is tried again after each sync.</translation>
    </message>
    <message>
      <source>The household or person it belongs to was refused too.</source>
      <translation>The household or person it belongs to was refused too.</translation>
    </message>
    <message>
      <source>It points to a household or person of another commune.</source>
      <translation>It points to a household or person of another commune.</translation>
    </message>
    <message>
      <source>It points to a record that does not exist.</source>
      <translation>It points to a record that does not exist.</translation>
    </message>
    <message>
      <source>This laptop is not enrolled for the record's commune.</source>
      <translation>This laptop is not enrolled for the record's commune.</translation>
    </message>
    <message>
      <source>The record's commune does not match.</source>
      <translation>The record's commune does not match.</translation>
    </message>
    <message>
      <source>The commune code is not valid.</source>
      <translation>The commune code is not valid.</translation>
    </message>
    <message>
      <source>Another person on this laptop already has this citizen ID.</source>
      <translation>Another person on this laptop already has this citizen ID.</translation>
    </message>
    <message>
      <source>It clashes with a record already on this laptop.</source>
      <translation>It clashes with a record already on this laptop.</translation>
    </message>
    <message>
      <source>This laptop could not save it.</source>
      <translation>This laptop could not save it.</translation>
    </message>
    <message>
      <source>This kind of record is not known here.</source>
      <translation>This kind of record is not known here.</translation>
    </message>
    <message>
      <source>This record cannot be changed after it was sent.</source>
      <translation>This record cannot be changed after it was sent.</translation>
    </message>
    <message>
      <source>An earlier version of this record was not accepted.</source>
      <translation>An earlier version of this record was not accepted.</translation>
    </message>
    <message>
      <source>The server refused it.</source>
      <translation>The server refused it.</translation>
    </message>
    <message>
      <source>Another reason (code: %1).</source>
      <translation>Another reason (code: %1).</translation>
    </message>
    <message>
      <source>household</source>
      <translation>household</translation>
    </message>
    <message>
      <source>person</source>
      <translation>person</translation>
    </message>
    <message>
      <source>visit</source>
      <translation>visit</translation>
    </message>
    <message>
      <source>assistance</source>
      <translation>assistance</translation>
    </message>
    <message>
      <source>village</source>
      <translation>village</translation>
    </message>
    <message>
      <source>benefit</source>
      <translation>benefit</translation>
    </message>
    <message>
      <source>payment</source>
      <translation>payment</translation>
    </message>
    <message>
      <source>identity verification</source>
      <translation>identity verification</translation>
    </message>
  </context>
  <context>
    <name>HeldBackPanel</name>
    <message>
      <source>Held back (%1)</source>
      <translation>Held back (%1)</translation>
    </message>
    <message>
      <source>These changes wait for a person; they do not hold up the others. After the cause is fixed, select one and press Try again.</source>
      <translation>These changes wait for a person; they do not hold up the others. After the cause is fixed, select one and press Try again.</translation>
    </message>
    <message>
      <source>Since</source>
      <translation>Since</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>Record</translation>
    </message>
    <message>
      <source>Direction</source>
      <translation>Direction</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>Why</translation>
    </message>
    <message>
      <source>Try again</source>
      <translation>Try again</translation>
    </message>
    <message>
      <source>not accepted by the server</source>
      <translation>not accepted by the server</translation>
    </message>
    <message>
      <source>received, not saved here</source>
      <translation>received, not saved here</translation>
    </message>
    <message>
      <source>not on this laptop (%1)</source>
      <translation>not on this laptop (%1)</translation>
    </message>
    <message>
      <source>Queued again: it is sent with the next sync.</source>
      <translation>Queued again: it is sent with the next sync.</translation>
    </message>
    <message>
      <source>%1 received changes were saved now.</source>
      <translation>%1 received changes were saved now.</translation>
    </message>
    <message>
      <source>Still not possible: the cause is still there. It is tried again after each sync.</source>
      <translation>Still not possible: the cause is still there. It is tried again after each sync.</translation>
    </message>
  </context>
  <context>
    <name>HelpWindow</name>
    <message>
      <source>Tận Tay — User guide</source>
      <translation>Tận Tay — User guide</translation>
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
      <source>only on this laptop: no consent</source>
      <translation>only on this laptop: no consent</translation>
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
      <source>Help: %1</source>
      <translation>Help: %1</translation>
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
      <source>Consent…</source>
      <translation>Consent…</translation>
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
      <source>This laptop has no village or residential group yet. On a commune's second laptop they arrive with its first sync (online, or the first USB receipt): sync first, then record the household.</source>
      <translation>This laptop has no village or residential group yet. On a commune's second laptop they arrive with its first sync (online, or the first USB receipt): sync first, then record the household.</translation>
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
        <numerusform>Found %Ln household</numerusform>
        <numerusform>Found %Ln households</numerusform>
      </translation>
    </message>
    <message>
      <source>Found more than %1 households — scroll for more or type more to narrow down</source>
      <translation>Found more than %1 households — scroll for more or type more to narrow down</translation>
    </message>
    <message numerus="yes">
      <source>%n household(s)</source>
      <translation>
        <numerusform>%Ln household</numerusform>
        <numerusform>%Ln households</numerusform>
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
    <name>ImportDialog</name>
    <message>
      <source>Full name</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Birth date or year</source>
      <translation>Birth date or year</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>ID number (CCCD)</source>
      <translation>ID number (CCCD)</translation>
    </message>
    <message>
      <source>Old ID card (CMND)</source>
      <translation>Old ID card (CMND)</translation>
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
      <source>Phone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>Scheme / category</source>
      <translation>Scheme / category</translation>
    </message>
    <message>
      <source>Monthly amount</source>
      <translation>Monthly amount</translation>
    </message>
    <message>
      <source>Payment channel</source>
      <translation>Payment channel</translation>
    </message>
    <message>
      <source>Bank</source>
      <translation>Bank</translation>
    </message>
    <message>
      <source>Account number</source>
      <translation>Account number</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>OK, check</source>
      <translation>OK, check</translation>
    </message>
    <message>
      <source>Confirm: only a name</source>
      <translation>Confirm: only a name</translation>
    </message>
    <message>
      <source>Error — skipped</source>
      <translation>Error — skipped</translation>
    </message>
    <message>
      <source>Already there — skipped</source>
      <translation>Already there — skipped</translation>
    </message>
    <message>
      <source>Blank separator row</source>
      <translation>Blank separator row</translation>
    </message>
    <message>
      <source>Totals row</source>
      <translation>Totals row</translation>
    </message>
    <message>
      <source>Column numbers (1), (2), …</source>
      <translation>Column numbers (1), (2), …</translation>
    </message>
    <message>
      <source>Header repeated</source>
      <translation>Header repeated</translation>
    </message>
    <message>
      <source>Signature block (titles, signers' names)</source>
      <translation>Signature block (titles, signers' names)</translation>
    </message>
    <message>
      <source>Place and date of signing</source>
      <translation>Place and date of signing</translation>
    </message>
    <message>
      <source>Page footer</source>
      <translation>Page footer</translation>
    </message>
    <message>
      <source>Group or village heading</source>
      <translation>Group or village heading</translation>
    </message>
    <message>
      <source>Note below the list</source>
      <translation>Note below the list</translation>
    </message>
    <message>
      <source>Choose the beneficiary list</source>
      <translation>Choose the beneficiary list</translation>
    </message>
    <message>
      <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
      <translation>Spreadsheets (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
      <source>Reading the file…</source>
      <translation>Reading the file…</translation>
    </message>
    <message>
      <source>Reading and checking the list…</source>
      <translation>Reading and checking the list…</translation>
    </message>
    <message>
      <source>New: %1 people (%2 with warnings). Already here: %3 (nobody new; a missing benefit is added). Skipped: %4 rows.</source>
      <translation>New: %1 people (%2 with warnings). Already here: %3 (nobody new; a missing benefit is added). Skipped: %4 rows.</translation>
    </message>
    <message>
      <source>New villages: %1.</source>
      <translation>New villages: %1.</translation>
    </message>
    <message>
      <source>Import the list?</source>
      <translation>Import the list?</translation>
    </message>
    <message>
      <source>This writes to the database:</source>
      <translation>This writes to the database:</translation>
    </message>
    <message>
      <source>Go back</source>
      <translation>Go back</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Imported: %1 people in %2 households, %3 benefits; %4 rows skipped.</source>
      <translation>Imported: %1 people in %2 households, %3 benefits; %4 rows skipped.</translation>
    </message>
    <message>
      <source>%1 of the new people have no benefit.</source>
      <translation>%1 of the new people have no benefit.</translation>
    </message>
    <message>
      <source>New villages created: %1.</source>
      <translation>New villages created: %1.</translation>
    </message>
    <message>
      <source>(the only sheet)</source>
      <translation>(the only sheet)</translation>
    </message>
    <message>
      <source>(not in this file)</source>
      <translation>(not in this file)</translation>
    </message>
    <message>
      <source>%1 rows: %2 valid, %3 with warnings, %4 with errors, %5 already there or repeated. Only valid rows and rows with warnings are imported.</source>
      <translation>%1 rows: %2 valid, %3 with warnings, %4 with errors, %5 already there or repeated. Only valid rows and rows with warnings are imported.</translation>
    </message>
    <message>
      <source>%1 rows have only a name: tick the ones that are people to import them.</source>
      <translation>%1 rows have only a name: tick the ones that are people to import them.</translation>
    </message>
    <message>
      <source>%1 people would have no benefit.</source>
      <translation>%1 people would have no benefit.</translation>
    </message>
    <message>
      <source>New villages would be created: %1.</source>
      <translation>New villages would be created: %1.</translation>
    </message>
    <message>
      <source>Header found on row %1.</source>
      <translation>Header found on row %1.</translation>
    </message>
    <message>
      <source>Columns as chosen for the last list with these headers.</source>
      <translation>Columns as chosen for the last list with these headers.</translation>
    </message>
    <message>
      <source>(no header)</source>
      <translation>(no header)</translation>
    </message>
    <message>
      <source>(no benefit)</source>
      <translation>(no benefit)</translation>
    </message>
    <message>
      <source>People (%1)</source>
      <translation>People (%1)</translation>
    </message>
    <message>
      <source>Not people, left out (%1)</source>
      <translation>Not people, left out (%1)</translation>
    </message>
    <message>
      <source>Columns not imported (%1)</source>
      <translation>Columns not imported (%1)</translation>
    </message>
    <message>
      <source>Unknown schemes (%1)</source>
      <translation>Unknown schemes (%1)</translation>
    </message>
    <message>
      <source>Row %1: %2</source>
      <translation>Row %1: %2</translation>
    </message>
    <message>
      <source>Import %1 rows</source>
      <translation>Import %1 rows</translation>
    </message>
    <message>
      <source>Benefits added to people already there: %1.</source>
      <translation>Benefits added to people already there: %1.</translation>
    </message>
    <message>
      <source>Rows left out (not people): %1.</source>
      <translation>Rows left out (not people): %1.</translation>
    </message>
    <message>
      <source>Import the official beneficiary list</source>
      <translation>Import the official beneficiary list</translation>
    </message>
    <message>
      <source>File:</source>
      <translation>File:</translation>
    </message>
    <message>
      <source>an .xlsx, .xls or .csv file</source>
      <translation>an .xlsx, .xls or .csv file</translation>
    </message>
    <message>
      <source>Choose file…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <source>&amp;Sheet:</source>
      <translation>&amp;Sheet:</translation>
    </message>
    <message>
      <source>Which column holds what (detected; change if wrong)</source>
      <translation>Which column holds what (detected; change if wrong)</translation>
    </message>
    <message>
      <source>Check again with these columns</source>
      <translation>Check again with these columns</translation>
    </message>
    <message>
      <source>Row</source>
      <translation>Row</translation>
    </message>
    <message>
      <source>Why it is left out</source>
      <translation>Why it is left out</translation>
    </message>
    <message>
      <source>What the row says</source>
      <translation>What the row says</translation>
    </message>
    <message>
      <source>Column</source>
      <translation>Column</translation>
    </message>
    <message>
      <source>Header</source>
      <translation>Header</translation>
    </message>
    <message>
      <source>Cells with data</source>
      <translation>Cells with data</translation>
    </message>
    <message>
      <source>Scheme as written in the list</source>
      <translation>Scheme as written in the list</translation>
    </message>
    <message>
      <source>Rows</source>
      <translation>Rows</translation>
    </message>
    <message>
      <source>Import as</source>
      <translation>Import as</translation>
    </message>
    <message>
      <source>People whose scheme is not recognised get no benefit. Choose the scheme for each wording; the choice is remembered for the next lists.</source>
      <translation>People whose scheme is not recognised get no benefit. Choose the scheme for each wording; the choice is remembered for the next lists.</translation>
    </message>
    <message>
      <source>Check again with these schemes</source>
      <translation>Check again with these schemes</translation>
    </message>
    <message>
      <source>These columns are not imported. To import one, choose it for a field above and check again.</source>
      <translation>These columns are not imported. To import one, choose it for a field above and check again.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>&amp;Import beneficiary list…</source>
      <translation>&amp;Import beneficiary list…</translation>
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
      <source>O&amp;ther</source>
      <translation>O&amp;ther</translation>
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
      <source>Tận Tay — Switch user</source>
      <translation>Tận Tay — Switch user</translation>
    </message>
    <message>
      <source>Switch user — log in with another account</source>
      <translation>Switch user — log in with another account</translation>
    </message>
    <message>
      <source>Enter your own user name and password. Whatever %1 (%2) has open stays as it is, hidden until they log in again.</source>
      <translation>Enter your own user name and password. Whatever %1 (%2) has open stays as it is, hidden until they log in again.</translation>
    </message>
    <message>
      <source>Log in</source>
      <translation>Log in</translation>
    </message>
    <message>
      <source>Back: unlock as %1</source>
      <translation>Back: unlock as %1</translation>
    </message>
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
      <source>Lock</source>
      <translation>Lock</translation>
    </message>
    <message>
      <source>Lock the app now (Ctrl+L)</source>
      <translation>Lock the app now (Ctrl+L)</translation>
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
      <source>He&amp;lp</source>
      <translation>He&amp;lp</translation>
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
      <source>&amp;User guide</source>
      <translation>&amp;User guide</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>Online</source>
      <translation>Online</translation>
    </message>
    <message>
      <source>The city server answers; changes are sent automatically.</source>
      <translation>The city server answers; changes are sent automatically.</translation>
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
      <source>Changes not yet sent: %1</source>
      <translation>Changes not yet sent: %1</translation>
    </message>
    <message>
      <source>Last sync: %1</source>
      <translation>Last sync: %1</translation>
    </message>
    <message>
      <source>Never synced</source>
      <translation>Never synced</translation>
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
      <source>For community digital-technology teams: record household visits and check that people receiving social benefits can actually get their money. Works without internet; data is encrypted on this laptop.</source>
      <translation>For community digital-technology teams: record household visits and check that people receiving social benefits can actually get their money. Works without internet; data is encrypted on this laptop.</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Forms of another user are open</source>
      <translation>Forms of another user are open</translation>
    </message>
    <message>
      <source>%1 left forms open on this laptop. Visit forms are kept as drafts and come back when they open the visit again; other forms (household, person, import…) are lost if you quit now. Better: let them log in with “Switch user” and finish.</source>
      <translation>%1 left forms open on this laptop. Visit forms are kept as drafts and come back when they open the visit again; other forms (household, person, import…) are lost if you quit now. Better: let them log in with “Switch user” and finish.</translation>
    </message>
    <message>
      <source>Quit anyway</source>
      <translation>Quit anyway</translation>
    </message>
    <message>
      <source>Don't quit</source>
      <translation>Don't quit</translation>
    </message>
    <message>
      <source>Tận Tay</source>
      <translation>Tận Tay</translation>
    </message>
    <message>
      <source>Finishing… Saving the last changes before the app closes.</source>
      <translation>Finishing… Saving the last changes before the app closes.</translation>
    </message>
  </context>
  <context>
    <name>MergeDialog</name>
    <message>
      <source>Full name</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Called</source>
      <translation>Called</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>Date of birth</translation>
    </message>
    <message>
      <source>Year of birth</source>
      <translation>Year of birth</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>Citizen ID</source>
      <translation>Citizen ID</translation>
    </message>
    <message>
      <source>ID card type</source>
      <translation>ID card type</translation>
    </message>
    <message>
      <source>Card valid until</source>
      <translation>Card valid until</translation>
    </message>
    <message>
      <source>Old ID number</source>
      <translation>Old ID number</translation>
    </message>
    <message>
      <source>Phone numbers</source>
      <translation>Phone numbers</translation>
    </message>
    <message>
      <source>Vulnerabilities</source>
      <translation>Vulnerabilities</translation>
    </message>
    <message>
      <source>Payment channel</source>
      <translation>Payment channel</translation>
    </message>
    <message>
      <source>Consent given on</source>
      <translation>Consent given on</translation>
    </message>
    <message>
      <source>Consent given by</source>
      <translation>Consent given by</translation>
    </message>
    <message>
      <source>Witness or guardian</source>
      <translation>Witness or guardian</translation>
    </message>
    <message>
      <source>Consent covers</source>
      <translation>Consent covers</translation>
    </message>
    <message>
      <source>Consent withdrawn on</source>
      <translation>Consent withdrawn on</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>Landmark / directions</source>
      <translation>Landmark / directions</translation>
    </message>
    <message>
      <source>Latitude</source>
      <translation>Latitude</translation>
    </message>
    <message>
      <source>Longitude</source>
      <translation>Longitude</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>Household</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>Members</translation>
    </message>
    <message>
      <source>Linked records</source>
      <translation>Linked records</translation>
    </message>
    <message>
      <source>Same name, year of birth and village</source>
      <translation>Same name, year of birth and village</translation>
    </message>
    <message>
      <source>Same phone number</source>
      <translation>Same phone number</translation>
    </message>
    <message>
      <source>Same address in the same village</source>
      <translation>Same address in the same village</translation>
    </message>
    <message>
      <source>Its head of household was merged into the other household</source>
      <translation>Its head of household was merged into the other household</translation>
    </message>
    <message>
      <source>Other reason (code: %1)</source>
      <translation>Other reason (code: %1)</translation>
    </message>
    <message>
      <source>Signature</source>
      <translation>Signature</translation>
    </message>
    <message>
      <source>Thumbprint</source>
      <translation>Thumbprint</translation>
    </message>
    <message>
      <source>Verbal, with a witness</source>
      <translation>Verbal, with a witness</translation>
    </message>
    <message>
      <source>By a guardian</source>
      <translation>By a guardian</translation>
    </message>
    <message>
      <source>Visits, help and payment follow-up</source>
      <translation>Visits, help and payment follow-up</translation>
    </message>
    <message>
      <source>benefits: %1</source>
      <translation>benefits: %1</translation>
    </message>
    <message>
      <source>payments: %1 (%2)</source>
      <translation>payments: %1 (%2)</translation>
    </message>
    <message>
      <source>the record on the left</source>
      <translation>the record on the left</translation>
    </message>
    <message>
      <source>the record on the right</source>
      <translation>the record on the right</translation>
    </message>
    <message>
      <source>Keep %1 and merge %2 into it.</source>
      <translation>Keep %1 and merge %2 into it.</translation>
    </message>
    <message>
      <source>Taken from %1: %2.</source>
      <translation>Taken from %1: %2.</translation>
    </message>
    <message>
      <source>Benefits, payments and visits recorded for %1 move to the one kept.</source>
      <translation>Benefits, payments and visits recorded for %1 move to the one kept.</translation>
    </message>
    <message>
      <source>The members and visits of %1 move to the one kept.</source>
      <translation>The members and visits of %1 move to the one kept.</translation>
    </message>
    <message>
      <source>Both hold the same benefit with a payment for %1: one payment a month is kept (the kept record's), and the values of the other that differ wait under Conflicts on the Sync page, for you to choose.</source>
      <translation>Both hold the same benefit with a payment for %1: one payment a month is kept (the kept record's), and the values of the other that differ wait under Conflicts on the Sync page, for you to choose.</translation>
    </message>
    <message>
      <source>After the merge: «%1».</source>
      <translation>After the merge: «%1».</translation>
    </message>
    <message>
      <source>The merged record disappears from the lists. The merge is sent to the city server with the next sync. It can be undone with Split on the Sync page.</source>
      <translation>The merged record disappears from the lists. The merge is sent to the city server with the next sync. It can be undone with Split on the Sync page.</translation>
    </message>
    <message>
      <source>visits: %1</source>
      <translation>visits: %1</translation>
    </message>
    <message>
      <source>Possibly the same person</source>
      <translation>Possibly the same person</translation>
    </message>
    <message>
      <source>Are these the same person?</source>
      <translation>Are these the same person?</translation>
    </message>
    <message>
      <source>Possibly the same household</source>
      <translation>Possibly the same household</translation>
    </message>
    <message>
      <source>Are these the same household?</source>
      <translation>Are these the same household?</translation>
    </message>
    <message>
      <source>Shown because: %1.</source>
      <translation>Shown because: %1.</translation>
    </message>
    <message>
      <source>Choose the record to keep. Where the two differ (highlighted), choose the right value. Everything linked to the other record moves to the one kept.</source>
      <translation>Choose the record to keep. Where the two differ (highlighted), choose the right value. Everything linked to the other record moves to the one kept.</translation>
    </message>
    <message>
      <source>Keep this record</source>
      <translation>Keep this record</translation>
    </message>
    <message>
      <source>Merge</source>
      <translation>Merge</translation>
    </message>
    <message>
      <source>Not the same</source>
      <translation>Not the same</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Merge now?</source>
      <translation>Merge now?</translation>
    </message>
    <message>
      <source>«%1» and «%2» are different and will not be proposed again. Continue?</source>
      <translation>«%1» and «%2» are different and will not be proposed again. Continue?</translation>
    </message>
  </context>
  <context>
    <name>OfficerKeyDialog</name>
    <message>
      <source>Register your signing key</source>
      <translation>Register your signing key</translation>
    </message>
    <message>
      <source>Your verifications count only when they carry your signature. Enter the officer code the commune admin or the city gave you, and your password. The laptop must be online; it takes a few seconds, once.</source>
      <translation>Your verifications count only when they carry your signature. Enter the officer code the commune admin or the city gave you, and your password. The laptop must be online; it takes a few seconds, once.</translation>
    </message>
    <message>
      <source>Officer &amp;code</source>
      <translation>Officer &amp;code</translation>
    </message>
    <message>
      <source>Your &amp;password</source>
      <translation>Your &amp;password</translation>
    </message>
    <message>
      <source>&amp;Register</source>
      <translation>&amp;Register</translation>
    </message>
    <message>
      <source>Enter the officer code.</source>
      <translation>Enter the officer code.</translation>
    </message>
    <message>
      <source>Enter your password.</source>
      <translation>Enter your password.</translation>
    </message>
    <message>
      <source>Registering with the city server…</source>
      <translation>Registering with the city server…</translation>
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
    <name>OptionalDateEdit</name>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>dd/mm/yyyy</translation>
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
    <name>PaymentDialog</name>
    <message>
      <source>Record a payment</source>
      <translation>Record a payment</translation>
    </message>
    <message>
      <source>(not recorded)</source>
      <translation>(not recorded)</translation>
    </message>
    <message>
      <source>Proxy's name</source>
      <translation>Proxy's name</translation>
    </message>
    <message>
      <source>e.g. 2.5</source>
      <translation>e.g. 2.5</translation>
    </message>
    <message>
      <source>1 — very hard</source>
      <translation>1 — very hard</translation>
    </message>
    <message>
      <source>2 — hard</source>
      <translation>2 — hard</translation>
    </message>
    <message>
      <source>3 — acceptable</source>
      <translation>3 — acceptable</translation>
    </message>
    <message>
      <source>4 — convenient</source>
      <translation>4 — convenient</translation>
    </message>
    <message>
      <source>5 — very convenient</source>
      <translation>5 — very convenient</translation>
    </message>
    <message>
      <source>&amp;Benefit</source>
      <translation>&amp;Benefit</translation>
    </message>
    <message>
      <source>&amp;Month</source>
      <translation>&amp;Month</translation>
    </message>
    <message>
      <source>&amp;Amount (₫)</source>
      <translation>&amp;Amount (₫)</translation>
    </message>
    <message>
      <source>C&amp;hannel</source>
      <translation>C&amp;hannel</translation>
    </message>
    <message>
      <source>&amp;Credited on</source>
      <translation>&amp;Credited on</translation>
    </message>
    <message>
      <source>&amp;Withdrawn on</source>
      <translation>&amp;Withdrawn on</translation>
    </message>
    <message>
      <source>B&amp;y whom</source>
      <translation>B&amp;y whom</translation>
    </message>
    <message>
      <source>T&amp;ravel</source>
      <translation>T&amp;ravel</translation>
    </message>
    <message>
      <source>Barr&amp;iers</source>
      <translation>Barr&amp;iers</translation>
    </message>
    <message>
      <source>Con&amp;venience</source>
      <translation>Con&amp;venience</translation>
    </message>
    <message>
      <source>&amp;Note</source>
      <translation>&amp;Note</translation>
    </message>
    <message>
      <source>min</source>
      <translation>min</translation>
    </message>
    <message>
      <source>km</source>
      <translation>km</translation>
    </message>
    <message>
      <source>₫ fees</source>
      <translation>₫ fees</translation>
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
    <name>PaymentGridModel</name>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>Channel</translation>
    </message>
    <message>
      <source>How the money reaches the person</source>
      <translation>How the money reaches the person</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Amount paid this month (VND)</source>
      <translation>Amount paid this month (VND)</translation>
    </message>
    <message>
      <source>Credited</source>
      <translation>Credited</translation>
    </message>
    <message>
      <source>The day the money arrived in the account or was ready (dd/mm/yyyy)</source>
      <translation>The day the money arrived in the account or was ready (dd/mm/yyyy)</translation>
    </message>
    <message>
      <source>Withdrawn</source>
      <translation>Withdrawn</translation>
    </message>
    <message>
      <source>The day the person actually got the money (dd/mm/yyyy)</source>
      <translation>The day the person actually got the money (dd/mm/yyyy)</translation>
    </message>
    <message>
      <source>By whom</source>
      <translation>By whom</translation>
    </message>
    <message>
      <source>Self, with help, or a proxy (with the name)</source>
      <translation>Self, with help, or a proxy (with the name)</translation>
    </message>
    <message>
      <source>Travel (min)</source>
      <translation>Travel (min)</translation>
    </message>
    <message>
      <source>Minutes spent travelling to withdraw</source>
      <translation>Minutes spent travelling to withdraw</translation>
    </message>
    <message>
      <source>Distance (km)</source>
      <translation>Distance (km)</translation>
    </message>
    <message>
      <source>Distance travelled to withdraw</source>
      <translation>Distance travelled to withdraw</translation>
    </message>
    <message>
      <source>Fees (₫)</source>
      <translation>Fees (₫)</translation>
    </message>
    <message>
      <source>Fees paid to withdraw (VND)</source>
      <translation>Fees paid to withdraw (VND)</translation>
    </message>
    <message>
      <source>Barriers</source>
      <translation>Barriers</translation>
    </message>
    <message>
      <source>What got in the way (several allowed)</source>
      <translation>What got in the way (several allowed)</translation>
    </message>
    <message>
      <source>Convenience</source>
      <translation>Convenience</translation>
    </message>
    <message>
      <source>1 = very hard … 5 = very convenient, in the person's own words</source>
      <translation>1 = very hard … 5 = very convenient, in the person's own words</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Saved?</source>
      <translation>Saved?</translation>
    </message>
    <message>
      <source>Whether the row is saved, or what is wrong</source>
      <translation>Whether the row is saved, or what is wrong</translation>
    </message>
    <message>
      <source>(not recorded)</source>
      <translation>(not recorded)</translation>
    </message>
    <message>
      <source>Saving…</source>
      <translation>Saving…</translation>
    </message>
    <message>
      <source>Saved</source>
      <translation>Saved</translation>
    </message>
    <message>
      <source>Not recorded</source>
      <translation>Not recorded</translation>
    </message>
  </context>
  <context>
    <name>PaymentLabels</name>
    <message>
      <source>Self</source>
      <translation>Self</translation>
    </message>
    <message>
      <source>With help</source>
      <translation>With help</translation>
    </message>
    <message>
      <source>Proxy</source>
      <translation>Proxy</translation>
    </message>
  </context>
  <context>
    <name>PaymentsView</name>
    <message>
      <source>Loading…</source>
      <translation>Loading…</translation>
    </message>
    <message>
      <source>Not saved: something went wrong.</source>
      <translation>Not saved: something went wrong.</translation>
    </message>
    <message>
      <source>Not saved — %1: %2</source>
      <translation>Not saved — %1: %2</translation>
    </message>
    <message>
      <source>All villages</source>
      <translation>All villages</translation>
    </message>
    <message>
      <source>Month %1: %2 recipients, %3 withdrawn, %4 not withdrawn yet</source>
      <translation>Month %1: %2 recipients, %3 withdrawn, %4 not withdrawn yet</translation>
    </message>
    <message>
      <source>%1 shown</source>
      <translation>%1 shown</translation>
    </message>
    <message>
      <source>No active benefits in this village. Add them on a household's page.</source>
      <translation>No active benefits in this village. Add them on a household's page.</translation>
    </message>
    <message>
      <source>Ctrl+3 puts the keyboard in the grid: arrows move, Enter or typing edits a cell, Enter again saves it and moves down, Tab goes to the next column. Dates as dd/mm/yyyy. Barriers: Space ticks a reason, Enter saves. Double-click a name to open the household.</source>
      <translation>Ctrl+3 puts the keyboard in the grid: arrows move, Enter or typing edits a cell, Enter again saves it and moves down, Tab goes to the next column. Dates as dd/mm/yyyy. Barriers: Space ticks a reason, Enter saves. Double-click a name to open the household.</translation>
    </message>
    <message>
      <source>Your role can see payments but not record them. Double-click a name to open the household.</source>
      <translation>Your role can see payments but not record them. Double-click a name to open the household.</translation>
    </message>
    <message>
      <source>Payments this month</source>
      <translation>Payments this month</translation>
    </message>
    <message>
      <source>After a payment day, record for each person when the money arrived, when they actually got it, with whose help, at what cost, and what got in the way.</source>
      <translation>After a payment day, record for each person when the money arrived, when they actually got it, with whose help, at what cost, and what got in the way.</translation>
    </message>
    <message>
      <source>&amp;Village:</source>
      <translation>&amp;Village:</translation>
    </message>
    <message>
      <source>&amp;Month:</source>
      <translation>&amp;Month:</translation>
    </message>
    <message>
      <source>Only people who have not withdrawn yet</source>
      <translation>Only people who have not withdrawn yet</translation>
    </message>
    <message>
      <source>Import beneficiary list…</source>
      <translation>Import beneficiary list…</translation>
    </message>
    <message>
      <source>Open household</source>
      <translation>Open household</translation>
    </message>
    <message>
      <source>Payments of the month</source>
      <translation>Payments of the month</translation>
    </message>
  </context>
  <context>
    <name>PersonDialog</name>
    <message>
      <source>Remove a person entered by mistake</source>
      <translation>Remove a person entered by mistake</translation>
    </message>
    <message>
      <source>Remove %1 from this household as entered by mistake? They leave the commune's lists on every laptop after the next sync, and the activity log keeps who removed them. Someone with a benefit, a payment, a help item or an identity check cannot be removed this way.</source>
      <translation>Remove %1 from this household as entered by mistake? They leave the commune's lists on every laptop after the next sync, and the activity log keeps who removed them. Someone with a benefit, a payment, a help item or an identity check cannot be removed this way.</translation>
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
      <source>Remove (entered by mistake)…</source>
      <translation>Remove (entered by mistake)…</translation>
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
    <name>PreviewModel</name>
    <message>
      <source>Row</source>
      <translation>Row</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Born</source>
      <translation>Born</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>Village / address</source>
      <translation>Village / address</translation>
    </message>
    <message>
      <source>Scheme</source>
      <translation>Scheme</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Issues</source>
      <translation>Issues</translation>
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
    <name>ReportsView</name>
    <message>
      <source>Computing…</source>
      <translation>Computing…</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <source>Save the report</source>
      <translation>Save the report</translation>
    </message>
    <message>
      <source>Report saved: %1</source>
      <translation>Report saved: %1</translation>
    </message>
    <message>
      <source>All channels</source>
      <translation>All channels</translation>
    </message>
    <message>
      <source>All ages</source>
      <translation>All ages</translation>
    </message>
    <message>
      <source>All villages</source>
      <translation>All villages</translation>
    </message>
    <message>
      <source>no data for the previous period</source>
      <translation>no data for the previous period</translation>
    </message>
    <message>
      <source>same as the previous period</source>
      <translation>same as the previous period</translation>
    </message>
    <message>
      <source> points</source>
      <translation> points</translation>
    </message>
    <message>
      <source>%1 vs previous period</source>
      <translation>%1 vs previous period</translation>
    </message>
    <message>
      <source>1 day</source>
      <translation>1 day</translation>
    </message>
    <message>
      <source>2–3 days</source>
      <translation>2–3 days</translation>
    </message>
    <message>
      <source>%1 days</source>
      <translation>%1 days</translation>
    </message>
    <message>
      <source>Period %1 · figures as of %2 · %3 payment records in scope</source>
      <translation>Period %1 · figures as of %2 · %3 payment records in scope</translation>
    </message>
    <message>
      <source>too little data in the previous period to compare</source>
      <translation>too little data in the previous period to compare</translation>
    </message>
    <message>
      <source>The previous period (%1) has %2 payment records against %3 now: a change may come from data not recorded then, not from people's situation.</source>
      <translation>The previous period (%1) has %2 payment records against %3 now: a change may come from data not recorded then, not from people's situation.</translation>
    </message>
    <message>
      <source>(not final)</source>
      <translation>(not final)</translation>
    </message>
    <message>
      <source>Figures marked “not final” will still change: withdrawals of %1 still come in, and 30 days have not passed since the month ended.</source>
      <translation>Figures marked “not final” will still change: withdrawals of %1 still come in, and 30 days have not passed since the month ended.</translation>
    </message>
    <message>
      <source>%1 of %2 payments credited were withdrawn</source>
      <translation>%1 of %2 payments credited were withdrawn</translation>
    </message>
    <message>
      <source>9 in 10 within %1 · from %2 withdrawals</source>
      <translation>9 in 10 within %1 · from %2 withdrawals</translation>
    </message>
    <message>
      <source>the slowest: %1 · from %2 withdrawals</source>
      <translation>the slowest: %1 · from %2 withdrawals</translation>
    </message>
    <message>
      <source>of which %1 after 30 days or more</source>
      <translation>of which %1 after 30 days or more</translation>
    </message>
    <message>
      <source>%1 payments credited</source>
      <translation>%1 payments credited</translation>
    </message>
    <message>
      <source>%1 min</source>
      <translation>%1 min</translation>
    </message>
    <message>
      <source>distance %1 km (median)</source>
      <translation>distance %1 km (median)</translation>
    </message>
    <message>
      <source>those who paid: %1 (median)</source>
      <translation>those who paid: %1 (median)</translation>
    </message>
    <message>
      <source>by a proxy: %1</source>
      <translation>by a proxy: %1</translation>
    </message>
    <message>
      <source>who withdrew not recorded: %1</source>
      <translation>who withdrew not recorded: %1</translation>
    </message>
    <message>
      <source>beside %1 withdrawals: an opened account is not money received</source>
      <translation>beside %1 withdrawals: an opened account is not money received</translation>
    </message>
    <message>
      <source>Same day</source>
      <translation>Same day</translation>
    </message>
    <message>
      <source>4–7 days</source>
      <translation>4–7 days</translation>
    </message>
    <message>
      <source>8–14 days</source>
      <translation>8–14 days</translation>
    </message>
    <message>
      <source>15–30 days</source>
      <translation>15–30 days</translation>
    </message>
    <message>
      <source>Over 30 days</source>
      <translation>Over 30 days</translation>
    </message>
    <message>
      <source>Not withdrawn yet</source>
      <translation>Not withdrawn yet</translation>
    </message>
    <message>
      <source>No payments credited in this period.</source>
      <translation>No payments credited in this period.</translation>
    </message>
    <message>
      <source>No barriers recorded.</source>
      <translation>No barriers recorded.</translation>
    </message>
    <message>
      <source>1 — very hard</source>
      <translation>1 — very hard</translation>
    </message>
    <message>
      <source>2 — hard</source>
      <translation>2 — hard</translation>
    </message>
    <message>
      <source>3 — acceptable</source>
      <translation>3 — acceptable</translation>
    </message>
    <message>
      <source>4 — convenient</source>
      <translation>4 — convenient</translation>
    </message>
    <message>
      <source>5 — very convenient</source>
      <translation>5 — very convenient</translation>
    </message>
    <message>
      <source>No convenience scores recorded.</source>
      <translation>No convenience scores recorded.</translation>
    </message>
    <message>
      <source>Paid but not withdrawn: %1 people (double-click to open the household)</source>
      <translation>Paid but not withdrawn: %1 people (double-click to open the household)</translation>
    </message>
    <message>
      <source>(no consent to share information)</source>
      <translation>(no consent to share information)</translation>
    </message>
    <message>
      <source>%1 of them have no consent to share their information recorded, so their names are not shown here or in the exports. Double-click a row to open the household, then record the person's consent with “Consent…”.</source>
      <translation>%1 of them have no consent to share their information recorded, so their names are not shown here or in the exports. Double-click a row to open the household, then record the person's consent with “Consent…”.</translation>
    </message>
    <message>
      <source>Data to check: %1</source>
      <translation>Data to check: %1</translation>
    </message>
    <message>
      <source>Not recorded</source>
      <translation>Not recorded</translation>
    </message>
    <message>
      <source>%1 day</source>
      <translation>%1 day</translation>
    </message>
    <message>
      <source>Can people get their money?</source>
      <translation>Can people get their money?</translation>
    </message>
    <message>
      <source>Of the people paid, how many actually withdrew, how many days after the money arrived, at what cost in time, distance and fees, with whose help — and why not.</source>
      <translation>Of the people paid, how many actually withdrew, how many days after the money arrived, at what cost in time, distance and fees, with whose help — and why not.</translation>
    </message>
    <message>
      <source>F&amp;rom:</source>
      <translation>F&amp;rom:</translation>
    </message>
    <message>
      <source>&amp;To:</source>
      <translation>&amp;To:</translation>
    </message>
    <message>
      <source>&amp;Village:</source>
      <translation>&amp;Village:</translation>
    </message>
    <message>
      <source>&amp;Channel:</source>
      <translation>&amp;Channel:</translation>
    </message>
    <message>
      <source>&amp;Age:</source>
      <translation>&amp;Age:</translation>
    </message>
    <message>
      <source>Export Excel</source>
      <translation>Export Excel</translation>
    </message>
    <message>
      <source>Export PDF</source>
      <translation>Export PDF</translation>
    </message>
    <message>
      <source>Import beneficiary list…</source>
      <translation>Import beneficiary list…</translation>
    </message>
    <message>
      <source>Days from credit to withdrawal</source>
      <translation>Days from credit to withdrawal</translation>
    </message>
    <message>
      <source>What got in the way (payments)</source>
      <translation>What got in the way (payments)</translation>
    </message>
    <message>
      <source>Convenience, in people's own words</source>
      <translation>Convenience, in people's own words</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>Channel</translation>
    </message>
    <message>
      <source>Barriers</source>
      <translation>Barriers</translation>
    </message>
    <message>
      <source>By channel</source>
      <translation>By channel</translation>
    </message>
    <message>
      <source>By age group</source>
      <translation>By age group</translation>
    </message>
    <message>
      <source>Each table keeps the other filters and shows every group of its own, the one chosen in bold. A payment counts under the channel it came by that month.</source>
      <translation>Each table keeps the other filters and shows every group of its own, the one chosen in bold. A payment counts under the channel it came by that month.</translation>
    </message>
    <message>
      <source>Withdrawn</source>
      <translation>Withdrawn</translation>
    </message>
    <message>
      <source>Not withdrawn
after 30 days</source>
      <translation>Not withdrawn
after 30 days</translation>
    </message>
    <message>
      <source>Needed help
or a proxy</source>
      <translation>Needed help
or a proxy</translation>
    </message>
    <message>
      <source>Age group</source>
      <translation>Age group</translation>
    </message>
    <message>
      <source>Withdrew their money</source>
      <translation>Withdrew their money</translation>
    </message>
    <message>
      <source>Days to withdraw (median)</source>
      <translation>Days to withdraw (median)</translation>
    </message>
    <message>
      <source>Not withdrawn after 7+ days</source>
      <translation>Not withdrawn after 7+ days</translation>
    </message>
    <message>
      <source>People paid</source>
      <translation>People paid</translation>
    </message>
    <message>
      <source>Travel time (median)</source>
      <translation>Travel time (median)</translation>
    </message>
    <message>
      <source>Paid a fee to withdraw</source>
      <translation>Paid a fee to withdraw</translation>
    </message>
    <message>
      <source>Share of withdrawals with a fee recorded where a fee above 0 was paid; below, the median fee among those who paid one.</source>
      <translation>Share of withdrawals with a fee recorded where a fee above 0 was paid; below, the median fee among those who paid one.</translation>
    </message>
    <message>
      <source>Needed help or a proxy</source>
      <translation>Needed help or a proxy</translation>
    </message>
    <message>
      <source>Days since
credit</source>
      <translation>Days since
credit</translation>
    </message>
    <message>
      <source>Payments not
withdrawn</source>
      <translation>Payments not
withdrawn</translation>
    </message>
    <message>
      <source>Payments
credited</source>
      <translation>Payments
credited</translation>
    </message>
    <message>
      <source>Days to
withdraw
(median)</source>
      <translation>Days to
withdraw
(median)</translation>
    </message>
    <message>
      <source>Accounts opened</source>
      <translation>Accounts opened</translation>
    </message>
    <message>
      <source>Share of payments credited (money arrived on or before the report date) that were withdrawn by that date, or marked withdrawn without a date.</source>
      <translation>Share of payments credited (money arrived on or before the report date) that were withdrawn by that date, or marked withdrawn without a date.</translation>
    </message>
    <message>
      <source>Days from the money arriving to its withdrawal, over withdrawals with both dates. Median and 90th percentile by the nearest-rank method (always an observed value). Withdrawn before credited counts as 0 days.</source>
      <translation>Days from the money arriving to its withdrawal, over withdrawals with both dates. Median and 90th percentile by the nearest-rank method (always an observed value). Withdrawn before credited counts as 0 days.</translation>
    </message>
    <message>
      <source>Payments credited but not withdrawn by the report date, where 7 or more full days have passed since the money arrived (and 30 or more).</source>
      <translation>Payments credited but not withdrawn by the report date, where 7 or more full days have passed since the money arrived (and 30 or more).</translation>
    </message>
    <message>
      <source>Different people with at least one payment credited in the period. Over several months a person counts once here, but once per month in the other figures.</source>
      <translation>Different people with at least one payment credited in the period. Over several months a person counts once here, but once per month in the other figures.</translation>
    </message>
    <message>
      <source>Median travel time and distance of the withdrawal trip, over withdrawals where they were recorded.</source>
      <translation>Median travel time and distance of the withdrawal trip, over withdrawals where they were recorded.</translation>
    </message>
    <message>
      <source>Share of withdrawals (with who withdrew recorded) made with someone's help or by an authorised proxy; below, by a proxy alone.</source>
      <translation>Share of withdrawals (with who withdrew recorded) made with someone's help or by an authorised proxy; below, by a proxy alone.</translation>
    </message>
    <message>
      <source>Payments of people for whom the team opened an account. Shown only beside the withdrawals: an opened account is not money received.</source>
      <translation>Payments of people for whom the team opened an account. Shown only beside the withdrawals: an opened account is not money received.</translation>
    </message>
    <message>
      <source>Paid, withdrawn payments with both dates, by days to withdraw; and those credited but not withdrawn yet.</source>
      <translation>Paid, withdrawn payments with both dates, by days to withdraw; and those credited but not withdrawn yet.</translation>
    </message>
    <message>
      <source>Payments in the period with each barrier (a barrier counts once per payment).</source>
      <translation>Payments in the period with each barrier (a barrier counts once per payment).</translation>
    </message>
    <message>
      <source>Payments in the period by the convenience score the person gave (1–5).</source>
      <translation>Payments in the period by the convenience score the person gave (1–5).</translation>
    </message>
  </context>
  <context>
    <name>RoleDialog</name>
    <message>
      <source>Role of %1</source>
      <translation>Role of %1</translation>
    </message>
    <message>
      <source>What %1 may do on this laptop. The change is recorded in the audit log; it applies from their next login.</source>
      <translation>What %1 may do on this laptop. The change is recorded in the audit log; it applies from their next login.</translation>
    </message>
    <message>
      <source>&amp;Role:</source>
      <translation>&amp;Role:</translation>
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
      <source>%1 is now: %2.</source>
      <translation>%1 is now: %2.</translation>
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
      <source>Contrast</source>
      <translation>Contrast</translation>
    </message>
    <message>
      <source>High contrast (black on white, thick outlines)</source>
      <translation>High contrast (black on white, thick outlines)</translation>
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
      <source>Largest (175%)</source>
      <translation>Largest (175%)</translation>
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
      <source>Audit log…</source>
      <translation>Audit log…</translation>
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
      <source>Change role…</source>
      <translation>Change role…</translation>
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
      <source>Enable with a new password…</source>
      <translation>Enable with a new password…</translation>
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
    <name>StatusSummary</name>
    <message>
      <source>On this laptop</source>
      <translation>On this laptop</translation>
    </message>
    <message>
      <source>waiting to send</source>
      <translation>waiting to send</translation>
    </message>
    <message>
      <source>held back</source>
      <translation>held back</translation>
    </message>
    <message>
      <source>conflicts to decide</source>
      <translation>conflicts to decide</translation>
    </message>
    <message>
      <source>possible duplicates</source>
      <translation>possible duplicates</translation>
    </message>
    <message>
      <source>Households: %1, persons: %2, visits: %3, payments: %4.</source>
      <translation>Households: %1, persons: %2, visits: %3, payments: %4.</translation>
    </message>
    <message>
      <source>never</source>
      <translation>never</translation>
    </message>
    <message>
      <source>Last sync: %1.</source>
      <translation>Last sync: %1.</translation>
    </message>
  </context>
  <context>
    <name>SyncView</name>
    <message>
      <source>Sync with the city server</source>
      <translation>Sync with the city server</translation>
    </message>
    <message>
      <source>Everything recorded on this laptop is kept here, encrypted, until the city server confirms it has it. Send it over the internet, or on a USB stick when there is no connection.</source>
      <translation>Everything recorded on this laptop is kept here, encrypted, until the city server confirms it has it. Send it over the internet, or on a USB stick when there is no connection.</translation>
    </message>
    <message>
      <source>City server</source>
      <translation>City server</translation>
    </message>
    <message>
      <source>Server:</source>
      <translation>Server:</translation>
    </message>
    <message>
      <source>This laptop's device id:</source>
      <translation>This laptop's device id:</translation>
    </message>
    <message>
      <source>Communes:</source>
      <translation>Communes:</translation>
    </message>
    <message>
      <source>Server key fingerprint:</source>
      <translation>Server key fingerprint:</translation>
    </message>
    <message>
      <source>Enrol again…</source>
      <translation>Enrol again…</translation>
    </message>
    <message>
      <source>Server address:</source>
      <translation>Server address:</translation>
    </message>
    <message>
      <source>One-time code:</source>
      <translation>One-time code:</translation>
    </message>
    <message>
      <source>Name of this laptop:</source>
      <translation>Name of this laptop:</translation>
    </message>
    <message>
      <source>Enrol this laptop</source>
      <translation>Enrol this laptop</translation>
    </message>
    <message>
      <source>Send and receive</source>
      <translation>Send and receive</translation>
    </message>
    <message>
      <source>Sync now</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>When the server can be reached, Tận Tay syncs by itself every few minutes. If it cannot, it tries again later; nothing is lost meanwhile.</source>
      <translation>When the server can be reached, Tận Tay syncs by itself every few minutes. If it cannot, it tries again later; nothing is lost meanwhile.</translation>
    </message>
    <message>
      <source>The same information was changed on this laptop and on another one. Nothing was overwritten: compare both values and choose which one is right. Select several rows (Ctrl or Shift + click) to decide them the same way at once.</source>
      <translation>The same information was changed on this laptop and on another one. Nothing was overwritten: compare both values and choose which one is right. Select several rows (Ctrl or Shift + click) to decide them the same way at once.</translation>
    </message>
    <message>
      <source>Rows marked “(from the merged record)” come from two records of one person, or of one month, that were joined into one. The values of the record kept (the one chosen in the merge, or the one the city server received first) are under “On this laptop”, whichever laptop wrote them; the other record's values may be the ones this laptop wrote.</source>
      <translation>Rows marked “(from the merged record)” come from two records of one person, or of one month, that were joined into one. The values of the record kept (the one chosen in the merge, or the one the city server received first) are under “On this laptop”, whichever laptop wrote them; the other record's values may be the ones this laptop wrote.</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>Record</translation>
    </message>
    <message>
      <source>Conflicts to decide</source>
      <translation>Conflicts to decide</translation>
    </message>
    <message>
      <source>Last sync over the network:</source>
      <translation>Last sync over the network:</translation>
    </message>
    <message>
      <source>for example: %1</source>
      <translation>for example: %1</translation>
    </message>
    <message>
      <source>Only the team lead decides conflicts. Until then both values are kept and nothing is lost.</source>
      <translation>Only the team lead decides conflicts. Until then both values are kept and nothing is lost.</translation>
    </message>
    <message>
      <source>Information</source>
      <translation>Information</translation>
    </message>
    <message>
      <source>On this laptop</source>
      <translation>On this laptop</translation>
    </message>
    <message>
      <source>From the server</source>
      <translation>From the server</translation>
    </message>
    <message>
      <source>Keep this laptop's value</source>
      <translation>Keep this laptop's value</translation>
    </message>
    <message>
      <source>Take the server's value</source>
      <translation>Take the server's value</translation>
    </message>
    <message>
      <source>Enter the right value…</source>
      <translation>Enter the right value…</translation>
    </message>
    <message>
      <source>USB stick (no internet)</source>
      <translation>USB stick (no internet)</translation>
    </message>
    <message>
      <source>Write every change not yet confirmed into one encrypted file, carry it to the city server, then bring back the receipt file. A lost stick reveals nothing.</source>
      <translation>Write every change not yet confirmed into one encrypted file, carry it to the city server, then bring back the receipt file. A lost stick reveals nothing.</translation>
    </message>
    <message>
      <source>Look for USB sticks</source>
      <translation>Look for USB sticks</translation>
    </message>
    <message>
      <source>Export to USB</source>
      <translation>Export to USB</translation>
    </message>
    <message>
      <source>Import receipt from USB…</source>
      <translation>Import receipt from USB…</translation>
    </message>
    <message>
      <source>Exported but not confirmed yet</source>
      <translation>Exported but not confirmed yet</translation>
    </message>
    <message>
      <source>Written</source>
      <translation>Written</translation>
    </message>
    <message>
      <source>Changes</source>
      <translation>Changes</translation>
    </message>
    <message>
      <source>File</source>
      <translation>File</translation>
    </message>
    <message>
      <source>Export again</source>
      <translation>Export again</translation>
    </message>
    <message>
      <source>This laptop is not enrolled with the city server yet, so nothing has been sent. Everything recorded is kept safely here in the meantime.</source>
      <translation>This laptop is not enrolled with the city server yet, so nothing has been sent. Everything recorded is kept safely here in the meantime.</translation>
    </message>
    <message>
      <source>Enter the server address and the one-time code the city server operator gave you.</source>
      <translation>Enter the server address and the one-time code the city server operator gave you.</translation>
    </message>
    <message>
      <source>Ask the commune admin to enrol it once.</source>
      <translation>Ask the commune admin to enrol it once.</translation>
    </message>
    <message>
      <source>Enrolling again gives this laptop a new identity on the server. Do it only when the operator asks (for example after the laptop was revoked).</source>
      <translation>Enrolling again gives this laptop a new identity on the server. Do it only when the operator asks (for example after the laptop was revoked).</translation>
    </message>
    <message>
      <source>online</source>
      <translation>online</translation>
    </message>
    <message>
      <source>cannot be reached now</source>
      <translation>cannot be reached now</translation>
    </message>
    <message>
      <source>checking…</source>
      <translation>checking…</translation>
    </message>
    <message>
      <source>never</source>
      <translation>never</translation>
    </message>
    <message>
      <source>Changes on this laptop waiting to be sent: %1.</source>
      <translation>Changes on this laptop waiting to be sent: %1.</translation>
    </message>
    <message>
      <source>Every change on this laptop has reached the city server.</source>
      <translation>Every change on this laptop has reached the city server.</translation>
    </message>
    <message>
      <source>Last confirmed: %1.</source>
      <translation>Last confirmed: %1.</translation>
    </message>
    <message>
      <source>Conflicts to decide (%1)</source>
      <translation>Conflicts to decide (%1)</translation>
    </message>
    <message>
      <source>(from the merged record)</source>
      <translation>(from the merged record)</translation>
    </message>
    <message>
      <source>USB files are not available in this installation of Tận Tay.</source>
      <translation>USB files are not available in this installation of Tận Tay.</translation>
    </message>
    <message>
      <source>The USB buttons work once this laptop is enrolled with the city server: the file is encrypted for that server.</source>
      <translation>The USB buttons work once this laptop is enrolled with the city server: the file is encrypted for that server.</translation>
    </message>
    <message>
      <source>Enrol it above.</source>
      <translation>Enrol it above.</translation>
    </message>
    <message>
      <source>(file no longer there)</source>
      <translation>(file no longer there)</translation>
    </message>
    <message>
      <source>household</source>
      <translation>household</translation>
    </message>
    <message>
      <source>person</source>
      <translation>person</translation>
    </message>
    <message>
      <source>visit</source>
      <translation>visit</translation>
    </message>
    <message>
      <source>assistance</source>
      <translation>assistance</translation>
    </message>
    <message>
      <source>village</source>
      <translation>village</translation>
    </message>
    <message>
      <source>benefit</source>
      <translation>benefit</translation>
    </message>
    <message>
      <source>payment</source>
      <translation>payment</translation>
    </message>
    <message>
      <source>identity verification</source>
      <translation>identity verification</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Given name</source>
      <translation>Given name</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>Date of birth</translation>
    </message>
    <message>
      <source>Year of birth</source>
      <translation>Year of birth</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>Citizen ID</source>
      <translation>Citizen ID</translation>
    </message>
    <message>
      <source>Relationship to head</source>
      <translation>Relationship to head</translation>
    </message>
    <message>
      <source>Vulnerabilities</source>
      <translation>Vulnerabilities</translation>
    </message>
    <message>
      <source>Payment channel</source>
      <translation>Payment channel</translation>
    </message>
    <message>
      <source>Phone numbers</source>
      <translation>Phone numbers</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>Landmark / directions</source>
      <translation>Landmark / directions</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>Head of household</source>
      <translation>Head of household</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>Follow-up date</source>
      <translation>Follow-up date</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>Text</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Deleted</source>
      <translation>Deleted</translation>
    </message>
    <message>
      <source>Consent date</source>
      <translation>Consent date</translation>
    </message>
    <message>
      <source>Consent withdrawn on</source>
      <translation>Consent withdrawn on</translation>
    </message>
    <message>
      <source>Monthly amount</source>
      <translation>Monthly amount</translation>
    </message>
    <message>
      <source>How the money is received</source>
      <translation>How the money is received</translation>
    </message>
    <message>
      <source>Bank / provider</source>
      <translation>Bank / provider</translation>
    </message>
    <message>
      <source>Account (last 4 digits)</source>
      <translation>Account (last 4 digits)</translation>
    </message>
    <message>
      <source>Receives since</source>
      <translation>Receives since</translation>
    </message>
    <message>
      <source>Receives until</source>
      <translation>Receives until</translation>
    </message>
    <message>
      <source>Amount of the month</source>
      <translation>Amount of the month</translation>
    </message>
    <message>
      <source>Money arrived on</source>
      <translation>Money arrived on</translation>
    </message>
    <message>
      <source>Withdrawn on</source>
      <translation>Withdrawn on</translation>
    </message>
    <message>
      <source>Who withdrew</source>
      <translation>Who withdrew</translation>
    </message>
    <message>
      <source>Proxy's name</source>
      <translation>Proxy's name</translation>
    </message>
    <message>
      <source>Travel (minutes)</source>
      <translation>Travel (minutes)</translation>
    </message>
    <message>
      <source>Distance (km)</source>
      <translation>Distance (km)</translation>
    </message>
    <message>
      <source>Fees</source>
      <translation>Fees</translation>
    </message>
    <message>
      <source>Difficulties</source>
      <translation>Difficulties</translation>
    </message>
    <message>
      <source>Convenience (1–5)</source>
      <translation>Convenience (1–5)</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>(empty)</translation>
    </message>
    <message>
      <source>deleted</source>
      <translation>deleted</translation>
    </message>
    <message>
      <source>not deleted</source>
      <translation>not deleted</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>yes</translation>
    </message>
    <message>
      <source>no</source>
      <translation>no</translation>
    </message>
    <message>
      <source>Enter the server address and the one-time code.</source>
      <translation>Enter the server address and the one-time code.</translation>
    </message>
    <message>
      <source>Contacting the city server…</source>
      <translation>Contacting the city server…</translation>
    </message>
    <message>
      <source>Enrolled. Device id %1. The server's key is pinned; its fingerprint is %2 — it should match the one the operator sees.</source>
      <translation>Enrolled. Device id %1. The server's key is pinned; its fingerprint is %2 — it should match the one the operator sees.</translation>
    </message>
    <message>
      <source>This laptop was NOT enrolled: the city server could not be reached. Nothing was changed. Check the connection and press “Enrol this laptop” again when connected.</source>
      <translation>This laptop was NOT enrolled: the city server could not be reached. Nothing was changed. Check the connection and press “Enrol this laptop” again when connected.</translation>
    </message>
    <message>
      <source>Something went wrong. Your data is safe on this laptop; details are in the log file.</source>
      <translation>Something went wrong. Your data is safe on this laptop; details are in the log file.</translation>
    </message>
    <message>
      <source>Connecting to the city server…</source>
      <translation>Connecting to the city server…</translation>
    </message>
    <message>
      <source>Sending changes…</source>
      <translation>Sending changes…</translation>
    </message>
    <message>
      <source>Receiving changes from other laptops…</source>
      <translation>Receiving changes from other laptops…</translation>
    </message>
    <message>
      <source>%1 of %2 changes sent</source>
      <translation>%1 of %2 changes sent</translation>
    </message>
    <message>
      <source>Could not reach the server — your data is still safe on this laptop.</source>
      <translation>Could not reach the server — your data is still safe on this laptop.</translation>
    </message>
    <message>
      <source>Tận Tay will try again by itself.</source>
      <translation>Tận Tay will try again by itself.</translation>
    </message>
    <message>
      <source>Sync cancelled. What the server had confirmed stays confirmed; the rest will be sent next time.</source>
      <translation>Sync cancelled. What the server had confirmed stays confirmed; the rest will be sent next time.</translation>
    </message>
    <message>
      <source>Sync finished: sent %1, received %2, refused %3.</source>
      <translation>Sync finished: sent %1, received %2, refused %3.</translation>
    </message>
    <message>
      <source>Conflicts waiting for the team lead's decision (below): %1.</source>
      <translation>Conflicts waiting for the team lead's decision (below): %1.</translation>
    </message>
    <message>
      <source>Changes still waiting: %1.</source>
      <translation>Changes still waiting: %1.</translation>
    </message>
    <message>
      <source>Decision saved. It is sent to the city server with the next sync.</source>
      <translation>Decision saved. It is sent to the city server with the next sync.</translation>
    </message>
    <message>
      <source>Enter the right value</source>
      <translation>Enter the right value</translation>
    </message>
    <message>
      <source>Enter a whole number.</source>
      <translation>Enter a whole number.</translation>
    </message>
    <message>
      <source>USB sticks found: %1.</source>
      <translation>USB sticks found: %1.</translation>
    </message>
    <message>
      <source>No USB stick found. Plug one in and press “Look for USB sticks” again, or choose a folder in the list.</source>
      <translation>No USB stick found. Plug one in and press “Look for USB sticks” again, or choose a folder in the list.</translation>
    </message>
    <message>
      <source>USB: %1 (%2)</source>
      <translation>USB: %1 (%2)</translation>
    </message>
    <message>
      <source>Choose a folder…</source>
      <translation>Choose a folder…</translation>
    </message>
    <message>
      <source>Where to write the file</source>
      <translation>Where to write the file</translation>
    </message>
    <message>
      <source>Written: %1. Take it to the city server; bring back the receipt file and import it here.</source>
      <translation>Written: %1. Take it to the city server; bring back the receipt file and import it here.</translation>
    </message>
    <message>
      <source>Export cancelled. No file was written.</source>
      <translation>Export cancelled. No file was written.</translation>
    </message>
    <message>
      <source>Receipt file from the city server</source>
      <translation>Receipt file from the city server</translation>
    </message>
    <message>
      <source>Tận Tay bundles (*.ttb);;All files (*)</source>
      <translation>Tận Tay bundles (*.ttb);;All files (*)</translation>
    </message>
    <message>
      <source>Reading the receipt…</source>
      <translation>Reading the receipt…</translation>
    </message>
    <message>
      <source>This receipt was imported before; nothing changed.</source>
      <translation>This receipt was imported before; nothing changed.</translation>
    </message>
    <message>
      <source>Receipt imported: the server confirmed %1 changes, received %2 from other laptops, refused %3.</source>
      <translation>Receipt imported: the server confirmed %1 changes, received %2 from other laptops, refused %3.</translation>
    </message>
    <message>
      <source>The server has more to send: sync again or carry another bundle.</source>
      <translation>The server has more to send: sync again or carry another bundle.</translation>
    </message>
  </context>
  <context>
    <name>SyncWorker</name>
    <message>
      <source>Sync went wrong; details are in the log file. Your data is safe on this laptop.</source>
      <translation>Sync went wrong; details are in the log file. Your data is safe on this laptop.</translation>
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
    <name>VerificationView</name>
    <message>
      <source>ID number does not fit the birth year</source>
      <translation>ID number does not fit the birth year</translation>
    </message>
    <message>
      <source>ID number does not fit the sex</source>
      <translation>ID number does not fit the sex</translation>
    </message>
    <message>
      <source>Same ID number as another person</source>
      <translation>Same ID number as another person</translation>
    </message>
    <message>
      <source>Card expiry missing</source>
      <translation>Card expiry missing</translation>
    </message>
    <message>
      <source>Old ID card (CMND)</source>
      <translation>Old ID card (CMND)</translation>
    </message>
    <message>
      <source>No ID number</source>
      <translation>No ID number</translation>
    </message>
    <message>
      <source>ID number not valid</source>
      <translation>ID number not valid</translation>
    </message>
    <message>
      <source>Chip card read</source>
      <translation>Chip card read</translation>
    </message>
    <message>
      <source>Card compared in person</source>
      <translation>Card compared in person</translation>
    </message>
    <message>
      <source>VNeID level 2</source>
      <translation>VNeID level 2</translation>
    </message>
    <message>
      <source>National population data</source>
      <translation>National population data</translation>
    </message>
    <message>
      <source>Verified: matches</source>
      <translation>Verified: matches</translation>
    </message>
    <message>
      <source>Mismatch</source>
      <translation>Mismatch</translation>
    </message>
    <message>
      <source>Could not verify</source>
      <translation>Could not verify</translation>
    </message>
    <message>
      <source>Not verified: no valid officer signature</source>
      <translation>Not verified: no valid officer signature</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>Old ID (CMND)</source>
      <translation>Old ID (CMND)</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>Date of birth</translation>
    </message>
    <message>
      <source>Year of birth</source>
      <translation>Year of birth</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>Card type</source>
      <translation>Card type</translation>
    </message>
    <message>
      <source>Card expiry</source>
      <translation>Card expiry</translation>
    </message>
    <message>
      <source>All villages</source>
      <translation>All villages</translation>
    </message>
    <message>
      <source>never</source>
      <translation>never</translation>
    </message>
    <message>
      <source>Everyone awaiting verification</source>
      <translation>Everyone awaiting verification</translation>
    </message>
    <message>
      <source>Never verified</source>
      <translation>Never verified</translation>
    </message>
    <message>
      <source>Needs checking</source>
      <translation>Needs checking</translation>
    </message>
    <message>
      <source>Verified more than %1 months ago</source>
      <translation>Verified more than %1 months ago</translation>
    </message>
    <message>
      <source>%1 loaded, more as you scroll</source>
      <translation>%1 loaded, more as you scroll</translation>
    </message>
    <message>
      <source>%1 — not in the list you searched for</source>
      <translation>%1 — not in the list you searched for</translation>
    </message>
    <message>
      <source>Choose a person in the list</source>
      <translation>Choose a person in the list</translation>
    </message>
    <message>
      <source>Born</source>
      <translation>Born</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>Card</translation>
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
      <source>ID number: %1</source>
      <translation>ID number: %1</translation>
    </message>
    <message>
      <source>not recorded</source>
      <translation>not recorded</translation>
    </message>
    <message>
      <source>Earlier verifications (%1)</source>
      <translation>Earlier verifications (%1)</translation>
    </message>
    <message>
      <source>None yet.</source>
      <translation>None yet.</translation>
    </message>
    <message>
      <source>current</source>
      <translation>current</translation>
    </message>
    <message>
      <source>superseded</source>
      <translation>superseded</translation>
    </message>
    <message>
      <source>Differs: %1</source>
      <translation>Differs: %1</translation>
    </message>
    <message>
      <source>Scan the card's QR code into the field first.</source>
      <translation>Scan the card's QR code into the field first.</translation>
    </message>
    <message>
      <source>The card differs from the record in: %1. Check the ticked fields below.</source>
      <translation>The card differs from the record in: %1. Check the ticked fields below.</translation>
    </message>
    <message>
      <source>The card matches the record.</source>
      <translation>The card matches the record.</translation>
    </message>
    <message>
      <source>Choose how the identity was checked.</source>
      <translation>Choose how the identity was checked.</translation>
    </message>
    <message>
      <source>Choose the result.</source>
      <translation>Choose the result.</translation>
    </message>
    <message>
      <source>Tick the fields that do not match.</source>
      <translation>Tick the fields that do not match.</translation>
    </message>
    <message>
      <source>Signing key not registered</source>
      <translation>Signing key not registered</translation>
    </message>
    <message>
      <source>Not saved.</source>
      <translation>Not saved.</translation>
    </message>
    <message>
      <source>Saved, but it does NOT count: it has no valid signature of an officer. Register your signing key (officer-enroll) and verify again.</source>
      <translation>Saved, but it does NOT count: it has no valid signature of an officer. Register your signing key (officer-enroll) and verify again.</translation>
    </message>
    <message>
      <source>Verification saved.</source>
      <translation>Verification saved.</translation>
    </message>
    <message>
      <source>Identity verification</source>
      <translation>Identity verification</translation>
    </message>
    <message>
      <source>Only the commune police officer records identity verifications, against the chip ID card, VNeID or the national population data. If a person's papers look wrong, note it in a visit and tell the officer: they can log in on this laptop with “Switch user”, verify, and hand the laptop back — your open work stays as it is.</source>
      <translation>Only the commune police officer records identity verifications, against the chip ID card, VNeID or the national population data. If a person's papers look wrong, note it in a visit and tell the officer: they can log in on this laptop with “Switch user”, verify, and hand the laptop back — your open work stays as it is.</translation>
    </message>
    <message>
      <source>F&amp;ind</source>
      <translation>F&amp;ind</translation>
    </message>
    <message>
      <source>Sho&amp;w</source>
      <translation>Sho&amp;w</translation>
    </message>
    <message>
      <source>&amp;Village</source>
      <translation>&amp;Village</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>What looks wrong</source>
      <translation>What looks wrong</translation>
    </message>
    <message>
      <source>Previous result</source>
      <translation>Previous result</translation>
    </message>
    <message>
      <source>Persons shown: %1</source>
      <translation>Persons shown: %1</translation>
    </message>
    <message>
      <source>Persons found: %1</source>
      <translation>Persons found: %1</translation>
    </message>
    <message>
      <source>Persons waiting for verification: %1</source>
      <translation>Persons waiting for verification: %1</translation>
    </message>
    <message>
      <source>The previous scan's comparison was cleared.</source>
      <translation>The previous scan's comparison was cleared.</translation>
    </message>
    <message>
      <source>Your signing key is registered. From now on your verifications are signed and count.</source>
      <translation>Your signing key is registered. From now on your verifications are signed and count.</translation>
    </message>
    <message>
      <source>Your signing key is not registered on this laptop, so this verification will be saved unsigned and will NOT count until the key is registered. To register it, press “Register signing key…” at the top of this page, or run tantay --user %1 officer-enroll --code CODE (the code comes from the commune admin or the city). Save it anyway?</source>
      <translation>Your signing key is not registered on this laptop, so this verification will be saved unsigned and will NOT count until the key is registered. To register it, press “Register signing key…” at the top of this page, or run tantay --user %1 officer-enroll --code CODE (the code comes from the commune admin or the city). Save it anyway?</translation>
    </message>
    <message>
      <source>Your signing key was registered on this laptop after you logged in. Lock the laptop (Ctrl+L) and unlock it with your password to use the key, then save again. Nothing was saved.</source>
      <translation>Your signing key was registered on this laptop after you logged in. Lock the laptop (Ctrl+L) and unlock it with your password to use the key, then save again. Nothing was saved.</translation>
    </message>
    <message>
      <source>Your signing key is not registered on this laptop: verifications you save will not count until it is.</source>
      <translation>Your signing key is not registered on this laptop: verifications you save will not count until it is.</translation>
    </message>
    <message>
      <source>Register signing &amp;key…</source>
      <translation>Register signing &amp;key…</translation>
    </message>
    <message>
      <source>Everyone awaiting verification: never verified, not verified, or verified too long ago, with what looks wrong in their data. A later verification supersedes an earlier one; none is ever erased.</source>
      <translation>Everyone awaiting verification: never verified, not verified, or verified too long ago, with what looks wrong in their data. A later verification supersedes an earlier one; none is ever erased.</translation>
    </message>
    <message>
      <source>Name without accents, whole ID number, phone or village</source>
      <translation>Name without accents, whole ID number, phone or village</translation>
    </message>
    <message>
      <source>“nguyen thi hoa” finds Nguyễn Thị Hoà. An ID number is found only when it is typed whole (12 digits, or 9 for an old CMND); the search is logged.</source>
      <translation>“nguyen thi hoa” finds Nguyễn Thị Hoà. An ID number is found only when it is typed whole (12 digits, or 9 for an old CMND); the search is logged.</translation>
    </message>
    <message>
      <source>months:</source>
      <translation>months:</translation>
    </message>
    <message>
      <source>A verification older than this is due again</source>
      <translation>A verification older than this is due again</translation>
    </message>
    <message>
      <source>Months after which a verification is due again</source>
      <translation>Months after which a verification is due again</translation>
    </message>
    <message>
      <source>Next person ›</source>
      <translation>Next person ›</translation>
    </message>
    <message>
      <source>Go on to the next person in the list</source>
      <translation>Go on to the next person in the list</translation>
    </message>
    <message>
      <source>Persons waiting for verification</source>
      <translation>Persons waiting for verification</translation>
    </message>
    <message>
      <source>Show full number</source>
      <translation>Show full number</translation>
    </message>
    <message>
      <source>Open household</source>
      <translation>Open household</translation>
    </message>
    <message>
      <source>Only the commune police officer can record a verification. You can see the queue and the history.</source>
      <translation>Only the commune police officer can record a verification. You can see the queue and the history.</translation>
    </message>
    <message>
      <source>Choose a person in the list to verify their identity and see the history.</source>
      <translation>Choose a person in the list to verify their identity and see the history.</translation>
    </message>
    <message>
      <source>Card &amp;QR code</source>
      <translation>Card &amp;QR code</translation>
    </message>
    <message>
      <source>Scan the QR code on the ID card here (or paste its text), then Enter</source>
      <translation>Scan the QR code on the ID card here (or paste its text), then Enter</translation>
    </message>
    <message>
      <source>Compare</source>
      <translation>Compare</translation>
    </message>
    <message>
      <source>&amp;Method</source>
      <translation>&amp;Method</translation>
    </message>
    <message>
      <source>&amp;Result</source>
      <translation>&amp;Result</translation>
    </message>
    <message>
      <source>— choose —</source>
      <translation>— choose —</translation>
    </message>
    <message>
      <source>Fields that do not match</source>
      <translation>Fields that do not match</translation>
    </message>
    <message>
      <source>On record</source>
      <translation>On record</translation>
    </message>
    <message>
      <source>Correct value (from the card)</source>
      <translation>Correct value (from the card)</translation>
    </message>
    <message>
      <source>Correct value of %1</source>
      <translation>Correct value of %1</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>dd/mm/yyyy</translation>
    </message>
    <message>
      <source>&amp;Note</source>
      <translation>&amp;Note</translation>
    </message>
    <message>
      <source>Save verification</source>
      <translation>Save verification</translation>
    </message>
    <message>
      <source>Earlier verifications</source>
      <translation>Earlier verifications</translation>
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
      <source>Type the name of each thôn or tổ dân phố your team covers and press Enter. Households are filed under these names.

If the commune already uses Tận Tay on another laptop, leave this list empty: its villages arrive with the first sync once this laptop is enrolled (typed again here, each would be there twice).</source>
      <translation>Type the name of each thôn or tổ dân phố your team covers and press Enter. Households are filed under these names.

If the commune already uses Tận Tay on another laptop, leave this list empty: its villages arrive with the first sync once this laptop is enrolled (typed again here, each would be there twice).</translation>
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
      <source>“%1” is not a whole date. Type it as dd/mm/yyyy (for example 11/12/2026), or clear the box.</source>
      <translation>“%1” is not a whole date. Type it as dd/mm/yyyy (for example 11/12/2026), or clear the box.</translation>
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
    <name>WithdrawnByEditor</name>
    <message>
      <source>Proxy's name</source>
      <translation>Proxy's name</translation>
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