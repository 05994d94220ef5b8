-- Tận Tay city intake server schema, version 3: one truth per commune (issue 11).

-- Look-ups the merge rules need: live persons by citizen ID, and records pointing to a person,
-- household or benefit (re-pointed when their target is merged).
CREATE INDEX records_citizen_id ON records(json_extract(fields, '$.citizen_id'))
    WHERE entity = 'person' AND deleted = 0;
CREATE INDEX records_person_ref ON records(json_extract(fields, '$.person_id'))
    WHERE json_extract(fields, '$.person_id') IS NOT NULL;
CREATE INDEX records_household_ref ON records(json_extract(fields, '$.household_id'))
    WHERE json_extract(fields, '$.household_id') IS NOT NULL;
CREATE INDEX records_benefit_ref ON records(json_extract(fields, '$.benefit_id'))
    WHERE json_extract(fields, '$.benefit_id') IS NOT NULL;

-- Every identity merge the server made: two live persons with one citizen ID. The survivor is the
-- person the server saw first; the other became a tombstone with fields.merged_into = survivor.
-- status: merged | cross_commune (two communes hold the ID: left for people to decide).
CREATE TABLE identity_merges (
    id            INTEGER PRIMARY KEY,
    citizen_hash  TEXT NOT NULL,                    -- sha256 of the citizen ID (no ID in clear here)
    survivor_id   TEXT NOT NULL,
    merged_id     TEXT NOT NULL,
    status        TEXT NOT NULL,
    commune_code  TEXT NOT NULL,
    moved         INTEGER NOT NULL DEFAULT 0,       -- records re-pointed
    conflicts     INTEGER NOT NULL DEFAULT 0,       -- differing fields kept as conflicts
    device_id     TEXT NOT NULL,                    -- whose change caused it
    batch_id      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (survivor_id, merged_id)
);
