-- Tận Tay laptop schema, version 5: trust that does not depend on the honest app (issue 12).

-- A verification carries the officer's certificate (signed by the city server) and the officer's
-- own Ed25519 signature over its content (desktop_app/core/officer_keys.py). Older verifications
-- have neither and show as "not verified".
ALTER TABLE identity_verification ADD COLUMN officer_cert TEXT;
ALTER TABLE identity_verification ADD COLUMN officer_signature TEXT;
-- Local only (never travels): whether the signature verified when the record was written here,
-- so the verification queue need not check thousands of signatures on every load. The history
-- of a person always checks again (store/verification.py).
ALTER TABLE identity_verification ADD COLUMN signature_ok INTEGER NOT NULL DEFAULT 0;
