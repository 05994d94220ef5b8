-- The commune official's list to act on (city_server/dashboard/cells.py, waiting_people):
-- everyone of the commune paid and not withdrawn on ``as_of``, oldest waiting first, kept by the
-- refresher after each batch that touched the commune and on each new day, so that the
-- official's page reads one row instead of every month's payments of the commune. JSON entries
-- without contacts (address, phones and ID numbers are read for the rows shown, with consent).
CREATE TABLE dash_waiting (
    commune_code TEXT PRIMARY KEY,
    as_of        TEXT NOT NULL,
    entries      TEXT NOT NULL
);
