-- 0010: VEX triage decisions (include/crakit/vex.h, `crakit vex set|list|export`).
--
-- vex_statement: one decision, kept for ever: statements are history (DESIGN.md §4), the
-- newest about a (vulnerability, subject) pair wins and none is changed or deleted (the two
-- triggers refuse it), so the store shows what was believed when. `vuln` is the advisory id or
-- alias as given, `aliases` other ids joined by "\n", `subject` a purl or a product name ("*":
-- every component), `created` Unix seconds (UTC), `origin` where it came from ("cli", or the
-- path of an imported VEX file).
CREATE TABLE vex_statement (
  id            INTEGER PRIMARY KEY,
  vuln          TEXT NOT NULL CHECK (vuln <> ''),
  aliases       TEXT NOT NULL DEFAULT '',
  subject       TEXT NOT NULL CHECK (subject <> ''),
  product       TEXT,
  status        TEXT NOT NULL CHECK (status IN ('not_affected', 'affected', 'fixed',
                                                'under_investigation')),
  justification TEXT CHECK (justification IS NULL OR justification IN (
                  'component_not_present', 'vulnerable_code_not_present',
                  'vulnerable_code_not_in_execute_path',
                  'vulnerable_code_cannot_be_controlled_by_adversary',
                  'inline_mitigations_already_exist')),
  impact        TEXT,
  action        TEXT,
  note          TEXT,
  author        TEXT NOT NULL,
  created       INTEGER NOT NULL,
  origin        TEXT NOT NULL DEFAULT 'cli',
  CHECK (status = 'not_affected' OR justification IS NULL),
  CHECK (status <> 'not_affected' OR justification IS NOT NULL OR impact IS NOT NULL)
);
CREATE INDEX vex_statement_vuln ON vex_statement(vuln COLLATE NOCASE, subject);
CREATE TRIGGER vex_statement_keep_update BEFORE UPDATE ON vex_statement
BEGIN
  SELECT RAISE(ABORT, 'VEX statements are history: add a newer statement instead');
END;
CREATE TRIGGER vex_statement_keep_delete BEFORE DELETE ON vex_statement
BEGIN
  SELECT RAISE(ABORT, 'VEX statements are history: add a newer statement instead');
END;
