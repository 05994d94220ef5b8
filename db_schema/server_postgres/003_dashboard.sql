-- Tận Tay city server on PostgreSQL, version 3: the city dashboard (db_schema/server/006).

CREATE TABLE dash_users (
    name         text PRIMARY KEY,
    password     text NOT NULL,
    role         text NOT NULL CHECK (role IN ('city_admin', 'city_analyst', 'commune_official')),
    communes     jsonb NOT NULL DEFAULT '[]',
    failed       bigint NOT NULL DEFAULT 0,
    locked_until text,
    disabled     boolean NOT NULL DEFAULT false,
    created_at   text NOT NULL
);

CREATE TABLE dash_sessions (
    token_hash text PRIMARY KEY,
    user_name  text NOT NULL REFERENCES dash_users(name),
    csrf       text NOT NULL,
    created_at text NOT NULL,
    expires_at text NOT NULL
);

CREATE TABLE dash_audit (
    id        bigserial PRIMARY KEY,
    at        text NOT NULL,
    user_name text NOT NULL,
    action    text NOT NULL,
    detail    jsonb NOT NULL DEFAULT '{}',
    client    text
);

CREATE TABLE dash_dirty (
    commune_code text NOT NULL,
    period       text NOT NULL,
    PRIMARY KEY (commune_code, period)
);

CREATE TABLE dash_cells (
    commune_code text NOT NULL,
    period       text NOT NULL,
    dim          text NOT NULL,
    key          text NOT NULL,
    as_of        text NOT NULL,
    data         jsonb NOT NULL,
    PRIMARY KEY (period, dim, commune_code, key)
);
CREATE INDEX dash_cells_commune ON dash_cells(commune_code, period);

CREATE TABLE dash_communes (
    commune_code  text PRIMARY KEY,
    beneficiaries bigint NOT NULL,
    refreshed_at  text NOT NULL
);

CREATE INDEX records_payment_period ON records(commune_code, (fields->>'period'))
    WHERE entity = 'payment';
CREATE INDEX records_entity_commune ON records(entity, commune_code);
