-- Issue 13: failed enrolment attempts counted in the database, so that every worker of the server
-- sees the same limit (city_server.enrollment.FailureLimiter). ``at`` is Unix time in seconds.
-- The server keys move to a key file (city_server.keys); the server_keys table stays, empty, so
-- that a database of an earlier version can hand its keys over on first start.
CREATE TABLE enrollment_failures (
    key text NOT NULL,
    at double precision NOT NULL
);
CREATE INDEX enrollment_failures_key_at ON enrollment_failures (key, at);
