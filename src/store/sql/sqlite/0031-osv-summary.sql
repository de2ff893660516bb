-- 0031: what `crk_vulndb_status` reports per OSV base ecosystem, kept at import time
-- (src/vulndb/import.c, crk_vulndb__summary_refresh) instead of counted at every status and
-- every scan (a join over all affected rows: 0.75 s on a store of 88,580 advisories).
-- records: advisories with an entry of the ecosystem (withdrawn included); withdrawn: those
-- withdrawn; newest: the newest `modified`, Unix seconds (0 when none).
CREATE TABLE osv_summary (
  eco       TEXT PRIMARY KEY,
  records   INTEGER NOT NULL,
  withdrawn INTEGER NOT NULL,
  newest    INTEGER NOT NULL
) WITHOUT ROWID;

-- an existing store: count what it holds now
INSERT INTO osv_summary(eco, records, withdrawn, newest)
SELECT f.eco, count(DISTINCT f.adv),
       count(DISTINCT CASE WHEN a.withdrawn IS NOT NULL THEN f.adv END),
       coalesce(max(a.modified_us), 0) / 1000000
  FROM affected f JOIN advisory a ON a.adv = f.adv GROUP BY f.eco;
