-- 0033: the OSV JSON of each advisory moves out of the advisory row into advisory_record.
-- A scan reads the advisory row of every affected entry it evaluates (id, summary, aliases,
-- severity, upstream); with the whole record in that row (often several pages, overflow pages
-- read in a chain to reach the `upstream` column after it, migration 0032) every lookup read
-- the record too. Now the row is a few hundred bytes and the record is read only by what shows
-- it (crk_vulndb_record).
CREATE TABLE advisory_record (
  adv    INTEGER PRIMARY KEY REFERENCES advisory(adv) ON DELETE CASCADE,
  record TEXT NOT NULL
);
INSERT INTO advisory_record(adv, record) SELECT adv, record FROM advisory;
ALTER TABLE advisory DROP COLUMN record;
