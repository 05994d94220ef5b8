-- See db_schema/server/010_dash_waiting.sql.
CREATE TABLE dash_waiting (
    commune_code text PRIMARY KEY,
    as_of        text NOT NULL,
    entries      jsonb NOT NULL
);
