"""The encrypted local store (SQLCipher via sqlite-utils): users, records, outbox, audit."""
