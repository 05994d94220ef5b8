-- The dashboard's one-time messages (issue 14): what a page says once after a POST and its
-- redirect (a new enrolment code, a laptop revoked, a code cancelled, an account changed), kept
-- with the session so that any server process answers the GET that follows. Encrypted with a key
-- derived from the session cookie (the database holds only the cookie's hash), read once.
ALTER TABLE dash_sessions ADD COLUMN flash TEXT;
