# bsi.sh - sourced by tests/schema/run.sh (its variables and ok/ko/report helpers): SPDX 3.0.1
# output, the BSI TR-03183-2 profile, and crakit's own schema validation against the references.
#  1. every input of run.sh as `-f spdx3-json` (twice: same bytes), validated against the
#     official spdx-3.0.1.schema.json with ajv; the SPDX 3 golden files of the writer tests;
#  2. `--profile bsi-tr-03183-2` in CycloneDX 1.6 and SPDX 3.0.1 of tests/data/bsi/product,
#     tests/data and examples, against their schemas, and judged conformant by `crakit sbom
#     check` for the product fixture (the issue's done-when);
#  3. crakit's JSON Schema validator (src/formats/jsonschema.c, through tests/tools/jsv) against
#     ajv (validate.mjs --schema-only), verdict for verdict, over every JSON SBOM of
#     corpus/sbom (CycloneDX 1.2-1.7, SPDX 2.2/2.3, SPDX 3.0.1), each against the schema of its
#     format and version: "ok parity <valid|invalid> DOC" or FAIL;
#  4. CycloneDX's XML conformance files through `sbom check`'s XSD validation (libxml2,
#     tests/tools/sbomcheckv): valid-*.xml must be valid, invalid-*.xml invalid.
# Negative controls: broken copies of the SPDX 3 golden file must be rejected.

spdx3_schema=$corpus/sbom/spdx/schema/spdx-3.0.1.schema.json
jsv=$B/san/tests/tools/jsv
sbcv=$B/san/tests/tools/sbomcheckv
if [ ! -f "$spdx3_schema" ]; then
  echo "note: $spdx3_schema not found: SPDX 3 and BSI profile outputs not validated"
else
  b3=$tmp/bsi
  mkdir -p "$b3"
  s3docs=()
  cxdocs=()
  n=0
  for entry in "${inputs[@]}"; do
    label=${entry%%	*}
    path=${entry#*	}
    n=$((n + 1))
    out=$b3/$n.spdx3.json
    if "$bin" sbom "$path" -f spdx3-json -o "$out" --timestamp "$ts" -q >"$tmp/logs/s3-$n.log" 2>&1 && [ -s "$out" ]; then
      "$bin" sbom "$path" -f spdx3-json -o "$out.again" --timestamp "$ts" -q >/dev/null 2>&1
      if cmp -s "$out" "$out.again"; then ok "deterministic spdx3-json $label"; else ko "deterministic spdx3-json $label"; fi
      label_of[$out]="spdx3-json $label"
      s3docs+=("$out")
    else
      ko "build spdx3-json $label"
      excerpt "$tmp/logs/s3-$n.log"
    fi
  done
  # the BSI profile, both formats
  for path in tests/data/bsi/product tests/data examples; do
    [ -e "$path" ] || continue
    for fmt in cyclonedx-json spdx3-json; do
      n=$((n + 1))
      out=$b3/$n.bsi.$fmt.json
      if "$bin" sbom "$path" -f "$fmt" --profile bsi-tr-03183-2 --product-version 1.0.0 \
        --product-license LicenseRef-Example-Proprietary -o "$out" --timestamp "$ts" -q >"$tmp/logs/bsi-$n.log" 2>&1; then
        label_of[$out]="$fmt --profile bsi-tr-03183-2 $path"
        if [ "$fmt" = cyclonedx-json ]; then cxdocs+=("$out"); else s3docs+=("$out"); fi
        if [ "$path" = tests/data/bsi/product ]; then
          # crakit's own BSI output of a product whose sources say everything: conformant
          if "$bin" sbom check "$out" --schema-dir "$corpus/sbom" --fail-under 100 >"$tmp/logs/bsi-check-$n.log" 2>&1 &&
            grep -q 'conformant$' "$tmp/logs/bsi-check-$n.log" && ! grep -q 'not conformant' "$tmp/logs/bsi-check-$n.log"; then
            ok "sbom check: $fmt --profile bsi-tr-03183-2 $path is conformant to BSI TR-03183-2 v2.1, schema valid"
          else
            ko "sbom check: $fmt --profile bsi-tr-03183-2 $path not conformant"
            excerpt "$tmp/logs/bsi-check-$n.log"
          fi
        fi
      else
        ko "build $fmt --profile bsi-tr-03183-2 $path"
        excerpt "$tmp/logs/bsi-$n.log"
      fi
    done
  done
  for g in tests/data/writers/spdx3.json tests/data/writers/spdx3-bsi.json; do
    [ -f "$g" ] && { label_of[$g]="spdx3-json $g (golden)"; s3docs+=("$g"); }
  done
  if [ -f tests/data/writers/cdx-bsi.json ]; then
    label_of[tests/data/writers/cdx-bsi.json]="cyclonedx-json tests/data/writers/cdx-bsi.json (golden)"
    cxdocs+=(tests/data/writers/cdx-bsi.json)
  fi
  if [ ${#s3docs[@]} -gt 0 ]; then
    node "$validate" "$spdx3_schema" "${s3docs[@]}" >"$tmp/spdx3.txt" 2>&1
    report "$tmp/spdx3.txt" ${#s3docs[@]} $?
  fi
  if [ ${#cxdocs[@]} -gt 0 ]; then
    node "$validate" "$cdx_schema" "${cxdocs[@]}" "${cdx_refs[@]}" >"$tmp/bsi-cdx.txt" 2>&1
    report "$tmp/bsi-cdx.txt" ${#cxdocs[@]} $?
  fi
  # negative controls on the SPDX 3 golden file (the schema is lenient: these are what it holds)
  i=0
  for neg in "relationship without to	const r = d['@graph'].find(e => e.type === 'Relationship'); delete r.to" \
    "unknown property on a package	d['@graph'].find(e => e.type === 'software_Package').colour = 'red'" \
    "unknown relationship type	d['@graph'].find(e => e.type === 'Relationship').relationshipType = 'uses'" \
    "hash of an unknown algorithm	d['@graph'].find(e => e.verifiedUsing).verifiedUsing[0].algorithm = 'sha-512'" \
    "blank node as spdxId	d['@graph'].find(e => e.type === 'software_Package').spdxId = '_:p'"; do
    IFS='	' read -r what js <<<"$neg"
    i=$((i + 1))
    bad=$tmp/s3-negative-$i.json
    node -e "const fs=require('fs');const d=JSON.parse(fs.readFileSync(process.argv[1],'utf8'));$js;fs.writeFileSync(process.argv[2],JSON.stringify(d,null,2))" \
      tests/data/writers/spdx3.json "$bad" 2>"$tmp/logs/s3-negative-$i.log"
    node "$validate" "$spdx3_schema" "$bad" >"$tmp/logs/s3-negative-$i.out" 2>&1
    if [ $? -eq 1 ]; then ok "negative spdx3 $what: rejected"; else ko "negative spdx3 $what: accepted"; fi
    "$jsv" "$spdx3_schema" "$bad" >"$tmp/logs/s3-negative-jsv-$i.out" 2>&1
    if [ $? -eq 1 ]; then ok "negative spdx3 $what: rejected by crakit's validator"; else ko "negative spdx3 $what: accepted by crakit's validator"; fi
  done
fi

# ---- crakit's validator against ajv, every JSON SBOM of the corpus ----
if [ ! -x "$jsv" ]; then
  ko "setup: $jsv not built"
elif [ -d "$corpus/sbom" ]; then
  node --input-type=module - "$corpus/sbom" >"$tmp/parity-groups.txt" 2>"$tmp/logs/parity-groups.log" <<'EOF'
// One line per document: SCHEMA<TAB>REFS (comma-separated)<TAB>DOC, the schema of its format
// and version (CycloneDX by specVersion, SPDX 2 by spdxVersion, SPDX 3 by its @context).
import fs from 'node:fs';
import path from 'node:path';
const root = process.argv[2];
const cdx = path.join(root, 'cyclonedx/schema');
const spdx = path.join(root, 'spdx/schema');
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? (e.name === 'schema' ? [] : walk(path.join(d, e.name))) : [path.join(d, e.name)]);
for (const f of walk(root).sort()) {
  if (!/\.json$|\.cdxjson$|\.json\./.test(f)) continue;
  let d;
  try { d = JSON.parse(fs.readFileSync(f, 'utf8')); } catch { continue; }
  if (!d || typeof d !== 'object' || Array.isArray(d)) continue;
  let schema = null, refs = [];
  if ('bomFormat' in d && typeof d.specVersion === 'string') {
    schema = path.join(cdx, `bom-${d.specVersion}.schema.json`);
    refs = ['spdx.schema.json', 'jsf-0.82.schema.json', 'cryptography-defs.schema.json']
      .map((r) => path.join(cdx, r)).filter((r) => fs.existsSync(r));
  } else if (typeof d.spdxVersion === 'string') {
    schema = path.join(spdx, `spdx-${d.spdxVersion.replace('SPDX-', '')}.schema.json`);
  } else if (JSON.stringify(d['@context'] || '').includes('spdx.org/rdf/3.0')) {
    schema = path.join(spdx, 'spdx-3.0.1.schema.json');
  }
  if (schema && fs.existsSync(schema)) console.log(`${schema}\t${refs.join(',')}\t${f}`);
}
EOF
  pdocs=0
  while IFS= read -r group; do
    sch=${group%%	*}
    rest=${group#*	}
    refs=${rest%%	*}
    ra=()
    IFS=, read -ra rr <<<"$refs"
    for r in "${rr[@]}"; do [ -n "$r" ] && ra+=(--ref "$r"); done
    mapfile -t docs < <(grep -F "$sch	$refs	" "$tmp/parity-groups.txt" | cut -f3)
    node "$validate" "$sch" --schema-only "${docs[@]}" "${ra[@]}" 2>/dev/null | grep -E '^(ok|FAIL) ' >"$tmp/parity-ajv.txt"
    "$jsv" "$sch" "${docs[@]}" "${ra[@]}" 2>"$tmp/logs/parity-jsv.log" | grep -E '^(ok|FAIL) ' >"$tmp/parity-jsv.txt"
    for d in "${docs[@]}"; do
      a=$(grep -F " $d" "$tmp/parity-ajv.txt" | awk -v d="$d" '$2 == d {print $1}')
      c=$(grep -F " $d" "$tmp/parity-jsv.txt" | awk -v d="$d" '$2 == d {print $1}')
      pdocs=$((pdocs + 1))
      v=$([ "$a" = ok ] && echo valid || echo invalid)
      if [ -n "$a" ] && [ "$a" = "$c" ]; then
        ok "parity $v $(basename "$sch") ${d#$corpus/}"
      else
        ko "parity $(basename "$sch") ${d#$corpus/}: ajv ${a:-none}, crakit ${c:-none}"
      fi
    done
  done < <(cut -f1,2 "$tmp/parity-groups.txt" | sort -u)
  [ "$pdocs" -gt 300 ] || ko "parity: only $pdocs corpus documents compared"
fi

# ---- CycloneDX XML conformance files: the XSD verdict equals the file name's ----
if [ -x "$sbcv" ] && [ -d "$corpus/sbom/cyclonedx/spec-test-resources" ]; then
  xdocs=()
  for f in "$corpus"/sbom/cyclonedx/spec-test-resources/*/valid-*.xml "$corpus"/sbom/cyclonedx/spec-test-resources/*/invalid-*.xml; do
    [ -f "$f" ] && xdocs+=("$f")
  done
  "$sbcv" "$corpus/sbom" "${xdocs[@]}" >"$tmp/xsd.txt" 2>&1
  for f in "${xdocs[@]}"; do
    got=$(awk -v d="$f" '($1 == "valid" || $1 == "invalid") && $2 == d {print $1}' "$tmp/xsd.txt")
    case $(basename "$f") in valid-*) want=valid ;; *) want=invalid ;; esac
    if [ "$got" = "$want" ]; then ok "xsd $want ${f#$corpus/}"; else ko "xsd ${f#$corpus/}: $want expected, got ${got:-error}"; fi
  done
fi
