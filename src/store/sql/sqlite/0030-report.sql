-- 0030: Article 14 CRA reports (include/crakit/report.h, src/cra/report*.c).
--
-- report_case: one actively exploited vulnerability (Art. 14(1)) or severe incident (14(3)).
-- Times are Unix seconds (UTC). `aware_at` is written first, in a transaction of its own, when
-- the case is opened; `aware_text` keeps the time as it was given (with its offset). The
-- Member State and CSIRT are the ones the case was routed to (Art. 14(7)) and are kept: in case
-- 14(7)(d) later reports may go to the CSIRT that received the first.
CREATE TABLE report_case (
  id                        INTEGER PRIMARY KEY,
  kind                      TEXT NOT NULL CHECK (kind IN ('vulnerability', 'incident')),
  aware_at                  INTEGER NOT NULL,
  aware_text                TEXT NOT NULL,
  opened_at                 INTEGER NOT NULL,
  closed_at                 INTEGER,
  product                   TEXT,
  cve                       TEXT,
  finding                   TEXT,
  manufacturer              TEXT,
  member_state              TEXT,
  csirt                     TEXT,
  route_basis               TEXT,
  fix_available_at          INTEGER,
  intermediate_requested_at INTEGER,
  intermediate_due_at       INTEGER
);

-- report_stage: what was drafted and sent for each stage of a case. `draft` is the JSON payload
-- last validated or sent (docs/report.schema.json); `incomplete` 1 when it was knowingly sent
-- with mandatory fields missing (`crakit report sent --incomplete`); `missing` names them.
CREATE TABLE report_stage (
  case_id    INTEGER NOT NULL REFERENCES report_case(id),
  stage      TEXT NOT NULL CHECK (stage IN ('early-warning', 'notification', 'intermediate',
                                             'final', 'user-notice')),
  sent_at    INTEGER,
  receipt    TEXT,
  incomplete INTEGER NOT NULL DEFAULT 0,
  missing    TEXT NOT NULL DEFAULT '',
  draft      TEXT,
  drafted_at INTEGER,
  PRIMARY KEY (case_id, stage)
) WITHOUT ROWID;

-- report_event: the case's timeline, append-only (what was recorded, when, by which command).
-- `at` is when it happened (the time given), `recorded_at` when crakit wrote it.
CREATE TABLE report_event (
  seq         INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES report_case(id),
  at          INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  what        TEXT NOT NULL,
  detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_event_case ON report_event(case_id, seq);
CREATE TRIGGER report_event_no_update BEFORE UPDATE ON report_event
BEGIN
  SELECT RAISE(ABORT, 'report_event is append-only');
END;
CREATE TRIGGER report_event_no_delete BEFORE DELETE ON report_event
BEGIN
  SELECT RAISE(ABORT, 'report_event is append-only');
END;
