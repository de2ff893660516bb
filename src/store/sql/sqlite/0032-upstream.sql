-- 0032: advisory.upstream, the record's OSV `upstream` ids joined by "\n" (a Debian DSA/DLA or
-- another distribution's record names there the CVEs it derives from). Not aliases: they are
-- never merged into the alias group (one DSA fixes several CVEs, osv-schema#193), but a scan
-- looks up KEV and EPSS through them. A store imported before this migration gets them from
-- the records it keeps (`record` is the OSV JSON as imported); the record's own id is left out.
ALTER TABLE advisory ADD COLUMN upstream TEXT NOT NULL DEFAULT '';
UPDATE advisory SET upstream = coalesce(
  (SELECT group_concat(value, char(10)) FROM
     (SELECT u.value AS value FROM json_each(advisory.record, '$.upstream') u
       WHERE u.type = 'text' AND u.value <> advisory.id ORDER BY u.key)), '')
 WHERE json_valid(record) AND json_type(record, '$.upstream') = 'array';
