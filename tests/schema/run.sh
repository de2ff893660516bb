#!/usr/bin/env bash
# Every SBOM crakit writes validates against the official schema (DESIGN.md §5): builds SBOMs with
# the real binary ($B/san/crakit sbom ...) of
#   - tests/data (whole, and each folder of it) and examples/ (whole, and each example),
#   - the shared corpus's lockfile fixtures, each copied under the name it has in a real tree
#     ("parse_as" in corpus/lockfiles/INDEX.json) into a scratch tree per ecosystem,
# in CycloneDX 1.6 JSON and SPDX 2.3 JSON, validates each with tests/schema/validate.mjs (ajv,
# plus cross-reference checks), and checks that a second run writes the same bytes.
# The golden files of the writer unit tests (tests/data/writers/*.json) are validated too, and
# negative controls (broken copies of them) must be rejected, so this test can fail.
#
# One line per check: "ok|FAIL <what> <format> <input>", then "schema: N passed, N failed" (read
# by tests/run.sh). Without the schemas (no shared corpus) it says SKIP and counts one skipped.
#   B=build tests/schema/run.sh          CRAKIT_CORPUS=../shared/corpus by default
set -uo pipefail
cd "$(dirname "$0")/../.."
B=${B:-build}
bin=$B/san/crakit
corpus=${CRAKIT_CORPUS:-../shared/corpus}
cdx_dir=$corpus/sbom/cyclonedx/schema
cdx_schema=$cdx_dir/bom-1.6.schema.json
spdx_schema=$corpus/sbom/spdx/schema/spdx-2.3.schema.json
validate=tests/schema/validate.mjs
ts=2026-01-01T00:00:00Z
pass=0
fail=0

ok() { echo "ok   $*"; pass=$((pass + 1)); }
ko() { echo "FAIL $*"; fail=$((fail + 1)); }
finish() {
  echo "schema: $pass passed, $fail failed${1:-}"
  [ "$fail" -eq 0 ]
  exit
}

for f in "$cdx_schema" "$cdx_dir/spdx.schema.json" "$cdx_dir/jsf-0.82.schema.json" "$spdx_schema"; do
  if [ ! -f "$f" ]; then
    echo "SKIP: schema $f not found (the shared corpus is absent; set CRAKIT_CORPUS)"
    finish ", 1 skipped"
  fi
done
if [ ! -f tools/node_modules/ajv/package.json ] || ! command -v node >/dev/null 2>&1; then
  ko "setup: node or tools/node_modules/ajv missing (run scripts/deps.sh)"
  finish
fi
if [ ! -x "$bin" ]; then
  ko "setup: $bin not built (make B=$B check-build)"
  finish
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crakit-schema.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/out" "$tmp/logs" "$tmp/corpus"

# ---- inputs: "label<TAB>path" ----
inputs=()
add_input() { [ -e "$2" ] && inputs+=("$1	$2"); }
add_input tests/data tests/data
for d in tests/data/*/; do add_input "${d%/}" "${d%/}"; done
add_input examples examples
for d in examples/*/; do add_input "${d%/}" "${d%/}"; done

# The corpus fixtures under their real names: corpus/<eco>/<format>-<peer>-<n>/<parse_as>.
if [ -f "$corpus/lockfiles/INDEX.json" ]; then
  node --input-type=module - "$corpus" "$tmp/corpus" <<'EOF' >"$tmp/logs/corpus-tree.log" 2>&1
import fs from 'node:fs';
import path from 'node:path';
const [corpus, dest] = process.argv.slice(2);
const index = JSON.parse(fs.readFileSync(path.join(corpus, 'lockfiles/INDEX.json'), 'utf8'));
index.fixtures.forEach((f, i) => {
  const src = path.join(corpus, f.fixture);
  if (!fs.existsSync(src) || !f.parse_as || path.isAbsolute(f.parse_as) || f.parse_as.includes('..')) return;
  const dir = path.join(dest, f.ecosystem_dir, `${f.format_dir}-${f.peer}-${i}`);
  if (fs.statSync(src).isDirectory()) {
    fs.cpSync(src, dir, { recursive: true });
  } else {
    const to = path.join(dir, f.parse_as);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(src, to);
  }
});
EOF
  for d in "$tmp"/corpus/*/; do
    [ -d "$d" ] && add_input "corpus:lockfiles/$(basename "$d")" "${d%/}"
  done
else
  echo "note: $corpus/lockfiles/INDEX.json not found: corpus fixtures not scanned"
fi

# The useful part of a failed run's stderr: a sanitizer's report head, else the last lines.
excerpt() {
  if grep -qE '^==[0-9]+==ERROR|runtime error:' "$1"; then
    grep -E '==ERROR|runtime error:|^    #[0-7] |^SUMMARY' "$1" | head -n 12 | sed 's/^/    /'
  else
    tail -n 15 "$1" | sed 's/^/    /'
  fi
}

# ---- build every SBOM twice (the second run must give the same bytes) ----
declare -A label_of
cdx_docs=()
spdx_docs=()
n=0
for entry in "${inputs[@]}"; do
  label=${entry%%	*}
  path=${entry#*	}
  for fmt in cyclonedx-json spdx-json; do
    n=$((n + 1))
    out=$tmp/out/$n.$fmt.json
    log=$tmp/logs/$n.log
    "$bin" sbom "$path" -f "$fmt" -o "$out" --timestamp "$ts" -q >"$log" 2>&1
    rc=$?
    if [ "$rc" -ne 0 ] || [ ! -s "$out" ]; then
      ko "build $fmt $label (exit $rc)"
      excerpt "$log"
      continue
    fi
    "$bin" sbom "$path" -f "$fmt" -o "$out.again" --timestamp "$ts" -q >/dev/null 2>&1
    if cmp -s "$out" "$out.again"; then
      ok "deterministic $fmt $label"
    else
      ko "deterministic $fmt $label (a second run wrote other bytes)"
      diff "$out" "$out.again" | head -n 10 | sed 's/^/    /'
    fi
    label_of[$out]="$fmt $label"
    if [ "$fmt" = cyclonedx-json ]; then cdx_docs+=("$out"); else spdx_docs+=("$out"); fi
  done
done

# `crakit sbom convert` of SBOMs others wrote (the corpus's real and specification SBOMs and our
# own input fixtures, in every format crakit reads) must validate too: CycloneDX and SPDX JSON
# here with the other documents, CycloneDX XML against bom-1.6.xsd with xmllint when installed
# (tests/unit/formats/test_cdx_xml.c validates XML with libxml2 in any case).
conv_in=()
for f in "$corpus"/sbom/cyclonedx/examples/SBOM/*/*.json "$corpus"/sbom/cyclonedx/examples/SBOM/*/*.xml \
  "$corpus"/sbom/cyclonedx/examples/SBOM/*/*/*.json "$corpus"/sbom/spdx/spec-examples/2.3/*.spdx.json \
  "$corpus"/sbom/spdx/spec-examples/2.3/*.spdx "$corpus"/sbom/spdx/spec-examples/3.0.1/*.json \
  "$corpus"/sbom/spdx/spdx-examples/software/*/spdx3.0/*.json "$corpus"/sbom/spdx/spdx-examples/software/*/spdx2.*/*.spdx* \
  "$corpus"/sbom/cyclonedx/spec-test-resources/1.6/valid-*.json tests/data/sbom-in/small.*; do
  [ -f "$f" ] && conv_in+=("$f")
done
xml_docs=()
n=0
for f in "${conv_in[@]}"; do
  n=$((n + 1))
  for fmt in cyclonedx-json spdx-json cyclonedx-xml; do
    out=$tmp/out/convert-$n.$fmt
    if ! "$bin" sbom convert "$f" -f "$fmt" -o "$out" -q >"$tmp/logs/convert-$n.log" 2>&1; then
      ko "convert $fmt $f"
      excerpt "$tmp/logs/convert-$n.log"
      continue
    fi
    label_of[$out]="$fmt convert ${f#$corpus/}"
    case $fmt in
    cyclonedx-json) cdx_docs+=("$out") ;;
    spdx-json) spdx_docs+=("$out") ;;
    *) xml_docs+=("$out") ;;
    esac
  done
done
if command -v xmllint >/dev/null 2>&1 && [ -f "$cdx_dir/bom-1.6.xsd" ]; then
  for x in "${xml_docs[@]}"; do
    if XML_CATALOG_FILES=$cdx_dir/xmlcatalog.xml xmllint --nonet --noout --schema "$cdx_dir/bom-1.6.xsd" \
      "$x" >"$tmp/logs/xsd.log" 2>&1; then
      ok "schema ${label_of[$x]}"
    else
      ko "schema ${label_of[$x]}"
      grep -v validates "$tmp/logs/xsd.log" | head -n 5 | sed 's/^/    /'
    fi
  done
else
  echo "note: xmllint not installed: ${#xml_docs[@]} CycloneDX XML documents checked by the unit tests only"
fi

# The writers' golden files are documents we stand behind too.
for g in tests/data/writers/cdx.json tests/data/writers/spdx.json; do
  [ -f "$g" ] || { ko "golden $g missing"; continue; }
  case $g in
  *cdx.json) label_of[$g]="cyclonedx-json $g (golden)"; cdx_docs+=("$g") ;;
  *) label_of[$g]="spdx-json $g (golden)"; spdx_docs+=("$g") ;;
  esac
done

# ---- validate ----
# Prints one ok/FAIL line per document from validate.mjs's output (its error lines indented).
report() { # file-with-validate-output expected-count validate-rc
  local cur="" line seen=0
  while IFS= read -r line; do
    case $line in
    "ok "*) cur=${line#ok }; ok "schema ${label_of[$cur]:-$cur}"; seen=$((seen + 1)) ;;
    "FAIL "*) cur=${line#FAIL }; ko "schema ${label_of[$cur]:-$cur}"; seen=$((seen + 1)) ;;
    *) echo "    $line" ;;
    esac
  done <"$1"
  if [ "$seen" -ne "$2" ]; then
    ko "schema: validate.mjs reported $seen of $2 documents (exit $3)"
  fi
}
cdx_refs=(--ref "$cdx_dir/spdx.schema.json" --ref "$cdx_dir/jsf-0.82.schema.json")
if [ ${#cdx_docs[@]} -gt 0 ]; then
  node "$validate" "$cdx_schema" "${cdx_docs[@]}" "${cdx_refs[@]}" >"$tmp/cdx.txt" 2>&1
  report "$tmp/cdx.txt" ${#cdx_docs[@]} $?
fi
if [ ${#spdx_docs[@]} -gt 0 ]; then
  node "$validate" "$spdx_schema" "${spdx_docs[@]}" >"$tmp/spdx.txt" 2>&1
  report "$tmp/spdx.txt" ${#spdx_docs[@]} $?
fi

# ---- negative controls: broken documents must be rejected ----
# name<TAB>schema-kind<TAB>golden<TAB>JavaScript that breaks `d`
negatives=(
  "component without name	cdx	tests/data/writers/cdx.json	delete d.components[0].name"
  "hash of an unknown algorithm	cdx	tests/data/writers/cdx.json	d.components.find(c => c.hashes).hashes[0].alg = 'SHA256'"
  "upper-case serial number	cdx	tests/data/writers/cdx.json	d.serialNumber = d.serialNumber.toUpperCase().replace('URN:UUID:', 'urn:uuid:')"
  "dependsOn an unknown bom-ref	cdx	tests/data/writers/cdx.json	d.dependencies[0].dependsOn.push('pkg:npm/nowhere@1')"
  "duplicate bom-ref	cdx	tests/data/writers/cdx.json	d.components[1]['bom-ref'] = d.components[0]['bom-ref']"
  "package without downloadLocation	spdx	tests/data/writers/spdx.json	delete d.packages[1].downloadLocation"
  "SPDXID with an underscore	spdx	tests/data/writers/spdx.json	d.packages[1].SPDXID = 'SPDXRef-a_b'"
  "relationship to an unknown element	spdx	tests/data/writers/spdx.json	d.relationships[0].relatedSpdxElement = 'SPDXRef-nowhere'"
  "unknown relationship type	spdx	tests/data/writers/spdx.json	d.relationships[0].relationshipType = 'USES'"
)
i=0
for neg in "${negatives[@]}"; do
  IFS='	' read -r what kind golden js <<<"$neg"
  i=$((i + 1))
  bad=$tmp/negative-$i.json
  if ! node -e "const fs=require('fs');const d=JSON.parse(fs.readFileSync(process.argv[1],'utf8'));$js;fs.writeFileSync(process.argv[2],JSON.stringify(d,null,2))" \
    "$golden" "$bad" 2>"$tmp/logs/negative-$i.log"; then
    ko "negative $kind $what (cannot build the broken document)"
    sed 's/^/    /' "$tmp/logs/negative-$i.log" | tail -n 5
    continue
  fi
  if [ "$kind" = cdx ]; then
    node "$validate" "$cdx_schema" "$bad" "${cdx_refs[@]}" >"$tmp/logs/negative-$i.out" 2>&1
  else
    node "$validate" "$spdx_schema" "$bad" >"$tmp/logs/negative-$i.out" 2>&1
  fi
  rc=$?
  if [ "$rc" -eq 1 ] && grep -q '^FAIL ' "$tmp/logs/negative-$i.out"; then
    ok "negative $kind $what: rejected ($(sed -n 2p "$tmp/logs/negative-$i.out" | sed 's/^ *//' | cut -c1-90))"
  else
    ko "negative $kind $what: accepted (exit $rc)"
    sed 's/^/    /' "$tmp/logs/negative-$i.out" | tail -n 5
  fi
done

# ---- Article 14 reports: every stage payload of both kinds (docs/report.schema.json) and the
# notice to users in CSAF 2.0 (the official schema, which $refs FIRST's CVSS schemas) ----
csaf_dir=$corpus/vex-csaf/csaf-2.0
csaf_schema=$csaf_dir/json_schema/csaf_json_schema.json
if [ -f "$csaf_schema" ]; then
  rep=$tmp/report
  mkdir -p "$rep"
  rdb=(--db "$rep/r.db" --now 2026-09-20T12:00:00Z)
  rdocs=()
  csafs=()
  for kind in vulnerability incident; do
    "$bin" report open --kind "$kind" --aware-at 2026-09-11T10:17:00+02:00 --cve CVE-2026-12345 \
      --product 'Example Product 1.0' --member-state DE --cra tests/data/report/cra.yaml \
      "${rdb[@]}" >"$tmp/logs/report-open-$kind.log" 2>&1 || ko "report open --kind $kind (see log)"
  done
  "$bin" report fix-available 2026-09-15T10:00:00Z --case 1 "${rdb[@]}" >/dev/null 2>&1
  for id in 1 2; do
    for st in early-warning notification intermediate final user-notice; do
      if "$bin" report draft "$st" --case "$id" --dir "$rep" "${rdb[@]}" >"$tmp/logs/draft-$id-$st.log" 2>&1; then
        rdocs+=("$rep/crakit-report-$id-$st.json")
        label_of[$rep/crakit-report-$id-$st.json]="report payload case $id $st"
      else
        ko "report draft $st case $id"; excerpt "$tmp/logs/draft-$id-$st.log"
      fi
    done
    if "$bin" report notify-users "$id" --dir "$rep" "${rdb[@]}" >"$tmp/logs/notify-$id.log" 2>&1; then
      csafs+=("$rep/crakit-report-$id-notice.csaf.json")
      label_of[$rep/crakit-report-$id-notice.csaf.json]="csaf notice to users, case $id"
    else
      ko "report notify-users $id"; excerpt "$tmp/logs/notify-$id.log"
    fi
  done
  for g in tests/data/report/*.json; do
    [ -f "$g" ] || continue
    case $g in
    *.csaf.json) csafs+=("$g"); label_of[$g]="csaf $g (fixture)" ;;
    *) rdocs+=("$g"); label_of[$g]="report payload $g (fixture)" ;;
    esac
  done
  if [ ${#rdocs[@]} -gt 0 ]; then
    node "$validate" docs/report.schema.json "${rdocs[@]}" >"$tmp/report.txt" 2>&1
    report "$tmp/report.txt" ${#rdocs[@]} $?
  fi
  csaf_refs=(--ref "$csaf_dir/referenced_schema/first/cvss-v2.0.json"
    --ref "$csaf_dir/referenced_schema/first/cvss-v3.0.json"
    --ref "$csaf_dir/referenced_schema/first/cvss-v3.1.json")
  if [ ${#csafs[@]} -gt 0 ]; then
    node "$validate" "$csaf_schema" "${csafs[@]}" "${csaf_refs[@]}" >"$tmp/csaf.txt" 2>&1
    report "$tmp/csaf.txt" ${#csafs[@]} $?
  fi
  # negative controls: a payload without its fields, a CSAF notice without tracking or with a
  # malformed CVE must be rejected
  i=0
  for neg in "payload without fields	report	$rep/crakit-report-1-early-warning.json	delete d.fields" \
    "payload with a number as value	report	$rep/crakit-report-2-early-warning.json	d.fields[0].value = 3" \
    "csaf without tracking	csaf	$rep/crakit-report-1-notice.csaf.json	delete d.document.tracking" \
    "csaf with a malformed CVE	csaf	$rep/crakit-report-1-notice.csaf.json	d.vulnerabilities[0].cve = 'CVE-26-1'"; do
    IFS='	' read -r what kind golden js <<<"$neg"
    i=$((i + 1))
    bad=$tmp/report-negative-$i.json
    [ -f "$golden" ] || { ko "negative $kind $what (no $golden)"; continue; }
    node -e "const fs=require('fs');const d=JSON.parse(fs.readFileSync(process.argv[1],'utf8'));$js;fs.writeFileSync(process.argv[2],JSON.stringify(d,null,2))" "$golden" "$bad"
    if [ "$kind" = report ]; then
      node "$validate" docs/report.schema.json "$bad" >"$tmp/logs/rneg-$i.out" 2>&1
    else
      node "$validate" "$csaf_schema" "$bad" "${csaf_refs[@]}" >"$tmp/logs/rneg-$i.out" 2>&1
    fi
    rc=$?
    if [ "$rc" -eq 1 ] && grep -q '^FAIL ' "$tmp/logs/rneg-$i.out"; then
      ok "negative $kind $what: rejected ($(sed -n 2p "$tmp/logs/rneg-$i.out" | sed 's/^ *//' | cut -c1-90))"
    else
      ko "negative $kind $what: accepted (exit $rc)"
      sed 's/^/    /' "$tmp/logs/rneg-$i.out" | tail -n 5
    fi
  done
else
  echo "note: $csaf_schema not found: report payloads and CSAF notices not validated"
fi

# ---- vulnerability scans and VEX (docs/cmd/scan.md, docs/cmd/vex.md): the scan of the fixture
# trees against the fixture database in every JSON format, and `vex export` in both; each
# against its schema: docs/scan.schema.json, CycloneDX 1.6, OpenVEX 0.2, SARIF 2.1.0. Input 1 has
# findings, one of them suppressed by a VEX decision (vex set not_affected); input 3 a lockfile
# that cannot be parsed (the fail-closed warning); input 4 no finding ----
openvex_schema=$corpus/vex-csaf/openvex/spec/openvex_json_schema.json
# the official SARIF 2.1.0 schema (OASIS, rtm.5), as npm's @microsoft/jest-sarif ships it
# (installed by scripts/deps.sh); SARIF_SCHEMA overrides
sarif_schema=${SARIF_SCHEMA:-tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json}
scan_skip=0
sv=$tmp/scan
mkdir -p "$sv"
sdb=(--db "$sv/s.db")
strees=(tests/data/scan/trees/java tests/data/scan/trees/npm tests/data/scan/trees/debian12)
if "$bin" db import "${sdb[@]}" --now 2025-08-26T00:00:00Z tests/data/scan/db/osv \
  tests/data/scan/db/kev.json tests/data/scan/db/epss.csv >"$tmp/logs/scan-import.log" 2>&1; then
  "$bin" vex set "${sdb[@]}" CVE-2020-8203 --status not_affected --component pkg:npm/lodash \
    --justification vulnerable_code_not_in_execute_path --author Alice --time 2025-08-01T00:00:00Z \
    >/dev/null 2>&1 || ko "vex set (not_affected)"
  "$bin" vex set "${sdb[@]}" CVE-2020-28500 --status affected --action 'upgrade to 4.17.21' \
    --product demo --author Bob --time 2025-08-02T00:00:00Z >/dev/null 2>&1 || ko "vex set (affected)"
  scan_docs() { # kind schema... : validates the documents of one kind
    local kind=$1; shift
    local docs=() f
    for f in "$sv"/*."$kind".json; do [ -f "$f" ] && docs+=("$f"); done
    [ ${#docs[@]} -gt 0 ] || { ko "scan: no $kind documents"; return; }
    for f in "${docs[@]}"; do label_of[$f]="$kind $(basename "$f")"; done
    node "$validate" "$@" "${docs[@]}" ${refs_for_kind:-} >"$tmp/scan-$kind.txt" 2>&1
    report "$tmp/scan-$kind.txt" ${#docs[@]} $?
  }
  n=0
  for args in "${strees[*]} --product demo" "${strees[*]} --product pkg:generic/demo@1.0" \
    "tests/data/scan/trees/bad-lockfile tests/data/scan/trees/pypi" "tests/data/scan/trees/npm-fixed"; do
    n=$((n + 1))
    for fmt in json sarif cyclonedx openvex; do
      # shellcheck disable=SC2086
      "$bin" scan "${sdb[@]}" --timestamp 2025-08-26T01:00:00Z $args -f "$fmt" -q \
        -o "$sv/scan-$n.$fmt.json" >"$tmp/logs/scan-$n-$fmt.log" 2>&1
      rc=$?
      if [ "$fmt" = openvex ] && [ "$n" = 4 ]; then
        # no finding: no OpenVEX document (it needs a statement), and it says so
        if [ ! -e "$sv/scan-$n.$fmt.json" ] && grep -q 'needs one statement' "$tmp/logs/scan-$n-$fmt.log"; then
          ok "scan openvex without findings writes nothing and says why"
        else
          ko "scan openvex without findings"
        fi
        continue
      fi
      [ -s "$sv/scan-$n.$fmt.json" ] || { ko "scan $fmt input $n (exit $rc)"; excerpt "$tmp/logs/scan-$n-$fmt.log"; }
    done
  done
  for fmt in openvex cyclonedx; do
    "$bin" vex export "${sdb[@]}" --format "$fmt" --author 'Acme PSIRT' --timestamp 2025-08-26T00:00:00Z \
      -o "$sv/export.$fmt.json" >"$tmp/logs/vex-export-$fmt.log" 2>&1 || ko "vex export $fmt"
  done
  scan_docs json docs/scan.schema.json
  refs_for_kind="${cdx_refs[*]}" scan_docs cyclonedx "$cdx_schema"
  if [ -f "$openvex_schema" ]; then
    scan_docs openvex "$openvex_schema"
  else
    echo "SKIP: $openvex_schema not found: OpenVEX documents not validated"; scan_skip=$((scan_skip + 1))
  fi
  if [ -f "$sarif_schema" ]; then
    scan_docs sarif "$sarif_schema"
  else
    echo "SKIP: the SARIF 2.1.0 schema $sarif_schema is absent (scripts/deps.sh installs it): SARIF not validated"
    scan_skip=$((scan_skip + 1))
  fi
  # negative controls: documents the schemas must reject
  i=0
  for neg in "scan report with an unknown status	scan	$sv/scan-1.json.json	d.status = 'ok'" \
    "scan finding without its component	scan	$sv/scan-1.json.json	delete d.findings[0].component" \
    "openvex not_affected without justification	openvex	$sv/export.openvex.json	d.statements.forEach(s => { delete s.justification; delete s.impact_statement; s.status = 'not_affected' })" \
    "cyclonedx vex with an unknown analysis state	cdx	$sv/scan-1.cyclonedx.json	d.vulnerabilities[0].analysis.state = 'triaged'" \
    "sarif result with an unknown level	sarif	$sv/scan-1.sarif.json	d.runs[0].results[0].level = 'critical'" \
    "sarif suppression of an unknown kind	sarif	$sv/scan-1.sarif.json	d.runs[0].results.find(r => r.suppressions).suppressions[0].kind = 'vex'" \
    "sarif without its version	sarif	$sv/scan-3.sarif.json	delete d.version"; do
    IFS='	' read -r what kind golden js <<<"$neg"
    i=$((i + 1))
    bad=$tmp/scan-negative-$i.json
    [ -f "$golden" ] || { ko "negative $kind $what (no $golden)"; continue; }
    [ "$kind" = openvex ] && [ ! -f "$openvex_schema" ] && continue
    [ "$kind" = sarif ] && [ ! -f "$sarif_schema" ] && continue
    node -e "const fs=require('fs');const d=JSON.parse(fs.readFileSync(process.argv[1],'utf8'));$js;fs.writeFileSync(process.argv[2],JSON.stringify(d,null,2))" "$golden" "$bad"
    case $kind in
    scan) node "$validate" docs/scan.schema.json "$bad" >"$tmp/logs/sneg-$i.out" 2>&1 ;;
    openvex) node "$validate" "$openvex_schema" "$bad" >"$tmp/logs/sneg-$i.out" 2>&1 ;;
    cdx) node "$validate" "$cdx_schema" "$bad" "${cdx_refs[@]}" >"$tmp/logs/sneg-$i.out" 2>&1 ;;
    sarif) node "$validate" "$sarif_schema" "$bad" >"$tmp/logs/sneg-$i.out" 2>&1 ;;
    esac
    rc=$?
    if [ "$rc" -eq 1 ] && grep -q '^FAIL ' "$tmp/logs/sneg-$i.out"; then
      ok "negative $kind $what: rejected ($(sed -n 2p "$tmp/logs/sneg-$i.out" | sed 's/^ *//' | cut -c1-90))"
    else
      ko "negative $kind $what: accepted (exit $rc)"
      sed 's/^/    /' "$tmp/logs/sneg-$i.out" | tail -n 5
    fi
  done
else
  ko "scan: db import of tests/data/scan/db failed"; excerpt "$tmp/logs/scan-import.log"
fi

[ -f tests/schema/cra.sh ] && . tests/schema/cra.sh # cra.yaml against docs/cra.schema.json
[ -f tests/schema/cra_out.sh ] && . tests/schema/cra_out.sh # classify, assess, docs --json against docs/*.schema.json
[ -f tests/schema/bsi.sh ] && . tests/schema/bsi.sh # SPDX 3, the BSI profile, crakit's validator vs ajv

finish "$([ "$scan_skip" -gt 0 ] && echo ", $scan_skip skipped")"
