#!/usr/bin/env node
// validate.mjs - validates JSON documents against an official JSON schema with ajv, and checks
// the cross-references a schema cannot express (unique bom-refs / SPDXIDs, references that point
// at something that exists, SPDX 2.3 field syntax the schema leaves as plain strings).
//
//   node tests/schema/validate.mjs SCHEMA.json DOC.json... [--ref OTHER-SCHEMA.json ...]
//                                  [--schema-only]
// (--schema-only: the schema's verdict alone, without the cross-reference checks: what
// crakit's own validator, src/formats/jsonschema.c, is compared with.)
//
// The schema's "$schema" picks the dialect: draft-07 (CycloneDX 1.6, whose bom schema $refs
// spdx.schema.json and jsf-0.82.schema.json: pass them with --ref), 2019-09 (SPDX 2.3) or
// draft-04 (SARIF 2.1.0, through ajv-draft-04).
// Prints "ok DOC" or "FAIL DOC" then one "  <path>: <message>" line per error; exits 0 when every
// document is valid, 1 when one is not, 2 on a usage error or when a file cannot be read.
// ajv and ajv-formats come from tools/node_modules (installed by scripts/deps.sh).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.resolve(here, '../../tools/node_modules');
const require = createRequire(import.meta.url);
const MAX_ERRORS = 25; // per document: the first ones tell the story

function load(mod) {
  try {
    return require(path.join(modules, mod));
  } catch (e) {
    console.error(`validate.mjs: cannot load ${mod} from ${modules}: ${e.message}`);
    console.error('hint: run scripts/deps.sh (it installs ajv and ajv-formats into tools/)');
    process.exit(2);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { __error: e.message };
  }
}

// ---- arguments ----
const args = process.argv.slice(2);
const refs = [];
const files = [];
let schemaOnly = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--schema-only') {
    schemaOnly = true;
  } else if (args[i] === '--ref') {
    if (i + 1 >= args.length) usage();
    refs.push(args[++i]);
  } else if (args[i] === '-h' || args[i] === '--help') {
    usage(0);
  } else {
    files.push(args[i]);
  }
}
function usage(code = 2) {
  console.error('usage: node validate.mjs SCHEMA.json DOC.json... [--ref OTHER-SCHEMA.json ...]');
  process.exit(code);
}
if (files.length < 2) usage();
const [schemaFile, ...docs] = files;

const schema = readJson(schemaFile);
if (schema.__error) {
  console.error(`validate.mjs: ${schemaFile}: ${schema.__error}`);
  process.exit(2);
}
const dialect = String(schema.$schema || '');
const AjvClass = dialect.includes('2019-09')
  ? load('ajv/dist/2019').default
  : dialect.includes('2020-12')
    ? load('ajv/dist/2020').default
    : dialect.includes('draft-04')
      ? load('ajv-draft-04').default // SARIF 2.1.0
      : load('ajv').default;
const addFormats = load('ajv-formats').default;
const { fullFormats } = load('ajv-formats/dist/formats');

// SARIF 2.1.0-rtm.5's `language` pattern, /^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$/, has a
// lone "]": valid as an ECMAScript pattern without the u flag (a literal "]"), which is how
// ajv must compile the patterns of that schema.
const ajv = new AjvClass({
  strict: false,
  allErrors: true,
  validateFormats: true,
  ...(dialect.includes('draft-04') ? { unicodeRegExp: false } : {}),
});
addFormats(ajv);
// Formats ajv-formats lacks. An IRI maps to a URI by percent-encoding its non-ASCII characters
// (RFC 3987 §3.1), which is then checked with ajv-formats' own URI rules.
const toUri = (s) => s.replace(/[^\x00-\x7f]/gu, (c) => encodeURIComponent(c));
const test = (f, s) => (typeof f === 'function' ? f(s) : f.test(s));
ajv.addFormat('iri', (s) => test(fullFormats.uri, toUri(s)));
ajv.addFormat('iri-reference', (s) => test(fullFormats['uri-reference'], toUri(s)));
ajv.addFormat('idn-email', (s) => /^[^\s@]+@[^\s@]+$/u.test(s));
ajv.addFormat('idn-hostname', (s) => test(fullFormats.hostname, toUri(s)));

for (const r of refs) {
  const rs = readJson(r);
  if (rs.__error) {
    console.error(`validate.mjs: ${r}: ${rs.__error}`);
    process.exit(2);
  }
  // A referenced schema of another draft (CSAF 2.0 $refs FIRST's CVSS schemas, draft-04/07, by
  // their URL without the "?date" of their id): registered under that URL, its "$schema" dropped.
  const rid = rs.$id || rs.id;
  if (rid && rs.$schema && rs.$schema !== schema.$schema) {
    const copy = { ...rs };
    delete copy.$schema;
    delete copy.$id;
    delete copy.id;
    ajv.addSchema(copy, rid.replace(/\?.*$/, ''));
    continue;
  }
  ajv.addSchema(rs);
}
let validate;
try {
  validate = ajv.compile(schema);
} catch (e) {
  console.error(`validate.mjs: cannot compile ${schemaFile}: ${e.message}`);
  process.exit(2);
}

// ---- checks the schemas cannot express ----
function cyclonedxChecks(doc, errs) {
  const refs = new Map();
  const note = (ref, where) => {
    if (typeof ref !== 'string') return;
    if (refs.has(ref)) errs.push(`${where}: bom-ref "${ref}" also at ${refs.get(ref)}`);
    else refs.set(ref, where);
  };
  const walk = (list, where) => {
    (list || []).forEach((c, i) => {
      note(c['bom-ref'], `${where}/${i}`);
      walk(c.components, `${where}/${i}/components`);
      walk(c.services, `${where}/${i}/services`);
    });
  };
  if (doc.metadata && doc.metadata.component) {
    note(doc.metadata.component['bom-ref'], '/metadata/component');
    walk(doc.metadata.component.components, '/metadata/component/components');
  }
  walk(doc.components, '/components');
  walk(doc.services, '/services');
  const seen = new Set();
  (doc.dependencies || []).forEach((d, i) => {
    if (!refs.has(d.ref)) errs.push(`/dependencies/${i}/ref: "${d.ref}" is no bom-ref in the document`);
    if (seen.has(d.ref)) errs.push(`/dependencies/${i}/ref: "${d.ref}" listed twice`);
    seen.add(d.ref);
    (d.dependsOn || []).forEach((r, j) => {
      if (!refs.has(r)) errs.push(`/dependencies/${i}/dependsOn/${j}: "${r}" is no bom-ref in the document`);
    });
  });
}

// SPDX 2.3 spec: §6.3/§7.2 SPDXID, §6.5 namespace, §6.8/6.9 creators and created, §7.5/7.6 agents,
// §7.10 checksums (lower-case hex), §11 relationships between elements of the document.
function spdxChecks(doc, errs) {
  const ids = new Map([['SPDXRef-DOCUMENT', '/SPDXID']]);
  const idre = /^SPDXRef-[A-Za-z0-9.-]+$/;
  if (doc.SPDXID !== 'SPDXRef-DOCUMENT') errs.push('/SPDXID: must be "SPDXRef-DOCUMENT"');
  const ns = doc.documentNamespace;
  if (typeof ns === 'string' && (!test(fullFormats.uri, ns) || ns.includes('#')))
    errs.push(`/documentNamespace: "${ns}" is not an absolute URI without "#"`);
  const ci = doc.creationInfo || {};
  if (typeof ci.created === 'string' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(ci.created))
    errs.push(`/creationInfo/created: "${ci.created}" is not YYYY-MM-DDThh:mm:ssZ`);
  (ci.creators || []).forEach((c, i) => {
    if (!/^(Person|Organization|Tool): \S/.test(c)) errs.push(`/creationInfo/creators/${i}: "${c}" is not "Person|Organization|Tool: ..."`);
  });
  for (const kind of ['packages', 'files', 'snippets']) {
    (doc[kind] || []).forEach((p, i) => {
      const where = `/${kind}/${i}`;
      if (!idre.test(p.SPDXID)) errs.push(`${where}/SPDXID: "${p.SPDXID}" does not match SPDXRef-[A-Za-z0-9.-]+`);
      if (ids.has(p.SPDXID)) errs.push(`${where}/SPDXID: "${p.SPDXID}" also at ${ids.get(p.SPDXID)}`);
      ids.set(p.SPDXID, where);
      for (const f of ['supplier', 'originator']) {
        if (p[f] !== undefined && p[f] !== 'NOASSERTION' && !/^(Person|Organization): \S/.test(p[f]))
          errs.push(`${where}/${f}: "${p[f]}" is not NOASSERTION or "Person|Organization: ..."`);
      }
      (p.checksums || []).forEach((c, j) => {
        if (!/^[0-9a-f]+$/.test(c.checksumValue)) errs.push(`${where}/checksums/${j}: value is not lower-case hex`);
      });
      if (kind === 'packages' && p.downloadLocation !== undefined &&
          !['NONE', 'NOASSERTION'].includes(p.downloadLocation) && !test(fullFormats.uri, p.downloadLocation))
        errs.push(`${where}/downloadLocation: "${p.downloadLocation}" is not NONE, NOASSERTION or a URI`);
    });
  }
  const known = (id) => ids.has(id) || ['NONE', 'NOASSERTION'].includes(id) || /^DocumentRef-[A-Za-z0-9.-]+:SPDXRef-[A-Za-z0-9.-]+$/.test(id);
  (doc.relationships || []).forEach((r, i) => {
    if (!known(r.spdxElementId)) errs.push(`/relationships/${i}/spdxElementId: "${r.spdxElementId}" is no element of the document`);
    if (!known(r.relatedSpdxElement)) errs.push(`/relationships/${i}/relatedSpdxElement: "${r.relatedSpdxElement}" is no element of the document`);
  });
  if (!(doc.relationships || []).some((r) => r.spdxElementId === 'SPDXRef-DOCUMENT' && r.relationshipType === 'DESCRIBES') &&
      !(doc.documentDescribes || []).length)
    errs.push('/relationships: the document DESCRIBES nothing (SPDX 2.3 §6.1 needs at least one)');
}

// ---- run ----
let bad = 0;
for (const file of docs) {
  const doc = readJson(file);
  const errs = [];
  if (doc.__error) {
    errs.push(`not JSON: ${doc.__error}`);
  } else {
    if (!validate(doc)) {
      for (const e of validate.errors) {
        const extra = e.params && e.params.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : '';
        const prop = e.params && e.params.additionalProperty ? ` "${e.params.additionalProperty}"` : '';
        errs.push(`${e.instancePath || '/'}: ${e.message}${prop}${extra} (${e.schemaPath})`);
      }
    }
    if (schemaOnly) {
      // the schema's verdict alone
    } else if (doc.bomFormat === 'CycloneDX') cyclonedxChecks(doc, errs);
    else if (typeof doc.spdxVersion === 'string') spdxChecks(doc, errs);
  }
  if (errs.length) {
    bad++;
    console.log(`FAIL ${file}`);
    for (const e of errs.slice(0, MAX_ERRORS)) console.log(`  ${e}`);
    if (errs.length > MAX_ERRORS) console.log(`  ... and ${errs.length - MAX_ERRORS} more`);
  } else {
    console.log(`ok ${file}`);
  }
}
process.exit(bad ? 1 : 0);
