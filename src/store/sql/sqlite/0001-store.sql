-- 0001: the store itself. `schema_version` (one row per applied migration) is created by
-- src/store/sqlite.c before any migration runs; this adds the key/value table every area may
-- use for small settings (crk_store_meta_get/set).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
