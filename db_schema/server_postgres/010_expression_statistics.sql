-- Statistics on the JSON expressions the intake and the dashboard look records up by.
-- PostgreSQL keeps statistics for an expression index's expression, but the planner does not
-- use those of a partial index (records_*_ref are partial: WHERE … IS NOT NULL), so it guessed
-- 0.5 % of the table for every "fields->>'benefit_id' = $1": at the whole city's ~6 M records
-- that is ~30,000 rows, and each of a batch's look-ups became a parallel bitmap scan with JIT
-- compilation (the intake fell from ~2,700 to ~1,000 changes/s as the table grew). With these
-- the same look-up is a plain index scan estimated at the rows it finds.
CREATE STATISTICS IF NOT EXISTS records_person_ref_stats ON ((fields->>'person_id')) FROM records;
CREATE STATISTICS IF NOT EXISTS records_household_ref_stats ON ((fields->>'household_id')) FROM records;
CREATE STATISTICS IF NOT EXISTS records_benefit_ref_stats ON ((fields->>'benefit_id')) FROM records;
CREATE STATISTICS IF NOT EXISTS records_proxy_person_ref_stats ON ((fields->>'proxy_person_id')) FROM records;
CREATE STATISTICS IF NOT EXISTS records_citizen_id_stats ON ((fields->>'citizen_id')) FROM records;
CREATE STATISTICS IF NOT EXISTS records_period_stats ON ((fields->>'period')) FROM records;
ANALYZE records;
