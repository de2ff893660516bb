-- 0003: state of `crakit db update` downloads (src/vulndb/update.c): the validators of the
-- last complete download of each URL, for conditional requests (If-None-Match,
-- If-Modified-Since), and its size and SHA-256.
CREATE TABLE download (
  url           TEXT PRIMARY KEY,
  etag          TEXT,
  last_modified TEXT,
  fetched_at    INTEGER NOT NULL,
  bytes         INTEGER NOT NULL,
  sha256        TEXT
) WITHOUT ROWID;
