-- 0028: stored documents and the append-only, hash-chained audit log (include/crakit/release.h,
-- src/cra/audit.c; `crakit audit verify|log`).
--
-- document: content-addressed (sha256 of `content`), stored once, never changed.
-- audit_log: entry `seq` (1, 2, 3, ... without gaps) carries `prev`, the hash of entry seq-1
-- (64 zeros for the first), and `hash`, the SHA-256 of its fields in the length-prefixed
-- encoding of src/cra/audit.c. The triggers refuse UPDATE and DELETE of both tables; a change
-- made around SQLite (a byte edited in the file) is what `crakit audit verify` finds.
CREATE TABLE document (
  sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  media_type TEXT NOT NULL,
  size       INTEGER NOT NULL,
  content    BLOB NOT NULL,
  created    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER document_keep_update BEFORE UPDATE ON document
BEGIN
  SELECT RAISE(ABORT, 'stored documents are evidence: they are never changed');
END;
CREATE TRIGGER document_keep_delete BEFORE DELETE ON document
BEGIN
  SELECT RAISE(ABORT, 'stored documents are evidence: they are never deleted');
END;

CREATE TABLE audit_log (
  seq     INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail  TEXT NOT NULL DEFAULT '',
  doc     TEXT,
  prev    TEXT NOT NULL CHECK (length(prev) = 64),
  hash    TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE TRIGGER audit_log_keep_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_keep_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
