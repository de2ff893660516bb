-- 0029: products and their releases, with the components of each release's SBOM snapshot and
-- the findings recorded with it (include/crakit/release.h, src/cra/release.c, impact.c;
-- `crakit release record|list`, `crakit impact`).
--
-- A release is history: recorded once, never replaced. `retain_until` is computed when it is
-- recorded: max(placed + 10 years, support end) (Art. 13(9), 13(13)).
CREATE TABLE product (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE CHECK (name <> ''),
  manufacturer TEXT
);

CREATE TABLE release (
  id              INTEGER PRIMARY KEY,
  product_id      INTEGER NOT NULL REFERENCES product(id),
  version         TEXT NOT NULL CHECK (version <> ''),
  placed          TEXT NOT NULL,
  support_end     TEXT,
  security_only   INTEGER NOT NULL DEFAULT 0,
  retain_until    TEXT NOT NULL,
  retention_basis TEXT NOT NULL,
  recorded        INTEGER NOT NULL,
  sbom            TEXT REFERENCES document(sha256),
  findings        TEXT REFERENCES document(sha256),
  assessment      TEXT REFERENCES document(sha256),
  UNIQUE (product_id, version)
);
CREATE TRIGGER release_keep_update BEFORE UPDATE ON release
BEGIN
  SELECT RAISE(ABORT, 'releases are history: record a new version instead');
END;
CREATE TRIGGER release_keep_delete BEFORE DELETE ON release
BEGIN
  SELECT RAISE(ABORT, 'releases are history: they are never deleted');
END;

-- purl_base: the purl without version, qualifiers and subpath ("pkg:npm/lodash"), for
-- "any version of" queries.
CREATE TABLE release_component (
  release_id INTEGER NOT NULL REFERENCES release(id),
  purl       TEXT NOT NULL,
  purl_base  TEXT NOT NULL,
  name       TEXT NOT NULL,
  version    TEXT
);
CREATE INDEX release_component_purl ON release_component(purl);
CREATE INDEX release_component_base ON release_component(purl_base);

-- One row per (release, vulnerability, component) of the findings recorded with the release;
-- `ids` holds the advisory id and its aliases, one per line, for lookups by any of them.
CREATE TABLE release_finding (
  release_id INTEGER NOT NULL REFERENCES release(id),
  vuln       TEXT NOT NULL,
  ids        TEXT NOT NULL,
  purl       TEXT NOT NULL
);
CREATE INDEX release_finding_vuln ON release_finding(vuln COLLATE NOCASE);
