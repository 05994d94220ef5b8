-- The public keys of the key file this database was first served with (city_server.keys): a
-- server started with another key file is refused, since laptops enrolled here pinned these keys
-- and would refuse every receipt signed with others (and a resent batch gets its stored receipt).
CREATE TABLE server_identity (
    sign_public_key text NOT NULL,
    box_public_key text NOT NULL,
    recorded_at text NOT NULL
);
