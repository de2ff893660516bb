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

finish
