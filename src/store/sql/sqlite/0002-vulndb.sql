-- 0002: the vulnerability database (include/crakit/vulndb.h, src/vulndb/).
--
-- advisory: one OSV record. Times are Unix seconds (UTC), `modified_us` microseconds so that a
-- record is replaced only by a strictly newer `modified`. `aliases` is the record's aliases
-- joined by "\n"; `severity` its severity[] as "type\tscore" lines; `grp` the alias group
-- (table alias), kept equal to alias.grp of its id. `record` is the OSV JSON as imported.
CREATE TABLE advisory (
  adv         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  modified_us INTEGER NOT NULL,
  published   INTEGER,
  withdrawn   INTEGER,
  summary     TEXT,
  aliases     TEXT NOT NULL DEFAULT '',
  severity    TEXT NOT NULL DEFAULT '',
  grp         INTEGER NOT NULL,
  record      TEXT NOT NULL
);
CREATE INDEX advisory_grp ON advisory(grp);

-- affected: one affected[] entry that names a package. `eco` is the base ecosystem ("Debian"),
-- `rel` the release after the first ':' ("12") or '', `name` the name normalised as the
-- ecosystem compares names, `ecosystem`/`raw_name` as written, `json` the entry's JSON text.
CREATE TABLE affected (
  adv       INTEGER NOT NULL REFERENCES advisory(adv) ON DELETE CASCADE,
  pos       INTEGER NOT NULL,
  eco       TEXT NOT NULL,
  rel       TEXT NOT NULL,
  name      TEXT NOT NULL,
  ecosystem TEXT NOT NULL,
  raw_name  TEXT NOT NULL,
  json      TEXT NOT NULL
);
CREATE INDEX affected_pkg ON affected(eco, name, rel);
CREATE INDEX affected_adv ON affected(adv);

-- alias: every id seen (advisory ids and their aliases) and its group. Groups only merge.
CREATE TABLE alias (
  id  TEXT PRIMARY KEY,
  grp INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX alias_grp ON alias(grp);

-- CISA Known Exploited Vulnerabilities: the newest catalogue imported (a full snapshot).
CREATE TABLE kev (
  cve             TEXT PRIMARY KEY,
  vendor          TEXT,
  product         TEXT,
  name            TEXT,
  date_added      TEXT,
  description     TEXT,
  required_action TEXT,
  due_date        TEXT,
  ransomware      TEXT,
  notes           TEXT,
  cwes            TEXT
) WITHOUT ROWID;

-- FIRST EPSS: the newest score file imported (a full snapshot).
CREATE TABLE epss (
  cve        TEXT PRIMARY KEY,
  score      REAL NOT NULL,
  percentile REAL NOT NULL
) WITHOUT ROWID;

-- source: when each source was last imported. kind 'osv' (one row per base ecosystem), 'kev',
-- 'epss'; `newest` the newest record time it brought (Unix seconds), `version` the KEV
-- catalogVersion or the EPSS model_version, `date` the KEV dateReleased / EPSS score_date.
CREATE TABLE source (
  kind        TEXT NOT NULL,
  ecosystem   TEXT NOT NULL DEFAULT '',
  imported_at INTEGER NOT NULL,
  newest      INTEGER,
  version     TEXT,
  PRIMARY KEY (kind, ecosystem)
) WITHOUT ROWID;
