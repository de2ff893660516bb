# cra_out.sh - sourced by tests/schema/run.sh (uses its ok/ko, report, label_of, excerpt, $bin,
# $tmp, $validate): the JSON outputs of the CRA commands against their schemas —
# `crakit classify --json` (docs/classify.schema.json), `crakit assess --json`
# (docs/assess.schema.json) and `crakit docs --json` (docs/docs.schema.json) — for both example
# products, with and without a store (the journey of `make run`: the examples' own advisories
# imported, each SBOM scanned and recorded as a release, then read back by assess and docs), and
# for the cra.yaml fixtures of tests/data/cra and of the classify e2e cases (every class, out of
# scope, undetermined, module A blocked). Negative controls: a broken copy of each output
# must be rejected, so a schema that accepts anything cannot pass.
co=$tmp/cra-out
mkdir -p "$co"
co_db=(--db "$co/s.db")
co_classify=() co_assess=() co_docs=()
if ! "$bin" db import -q "${co_db[@]}" --now 2027-03-01T00:00:00Z examples/webapp/advisories \
  examples/gateway-firmware/advisories >"$co/import.log" 2>&1; then
  ko "cra outputs: db import of the examples' advisories"; excerpt "$co/import.log"
fi
for e in webapp gateway-firmware; do
  v=$(sed -n 's/^ *versions: *\["\([^"]*\)".*/\1/p' "examples/$e/cra.yaml")
  "$bin" classify "examples/$e" --json >"$co/$e.classify.json" 2>"$co/$e.log" &&
    co_classify+=("$co/$e.classify.json") && label_of[$co/$e.classify.json]="classify --json examples/$e"
  "$bin" assess "examples/$e" --no-store --now 2027-03-01 --json >"$co/$e.assess-file.json" 2>>"$co/$e.log" &&
    co_assess+=("$co/$e.assess-file.json") && label_of[$co/$e.assess-file.json]="assess --json examples/$e (no store)"
  if "$bin" sbom "examples/$e" -q -o "$co/$e.cdx.json" --timestamp 2027-03-01T00:00:00Z 2>>"$co/$e.log" &&
    "$bin" scan "$co/$e.cdx.json" -q "${co_db[@]}" --timestamp 2027-03-01T00:00:00Z --json -o "$co/$e.scan.json" 2>>"$co/$e.log" &&
    "$bin" release record -c "examples/$e/cra.yaml" "${co_db[@]}" --version "$v" --author schema \
      --sbom "$co/$e.cdx.json" --findings "$co/$e.scan.json" --now 2027-03-01T00:00:00Z >>"$co/$e.log" 2>&1; then
    "$bin" assess "examples/$e" "${co_db[@]}" --now 2027-03-01 --json >"$co/$e.assess-store.json" 2>>"$co/$e.log" &&
      co_assess+=("$co/$e.assess-store.json") && label_of[$co/$e.assess-store.json]="assess --json examples/$e (release $v from the store)"
    "$bin" docs "examples/$e" "${co_db[@]}" --now 2027-03-01 --out "$co/$e-docs" --json >"$co/$e.docs.json" 2>>"$co/$e.log" &&
      co_docs+=("$co/$e.docs.json") && label_of[$co/$e.docs.json]="docs --json examples/$e (release $v from the store)"
    if ! grep -q '"release":{"version":"'"$v"'"' "$co/$e.assess-store.json"; then
      ko "assess --json examples/$e: no release read from the store"
    fi
  else
    ko "cra outputs: examples/$e sbom, scan or release record"; excerpt "$co/$e.log"
  fi
done
for y in tests/data/cra/*.cra.yaml tests/e2e/051*/*.yaml; do
  [ -f "$y" ] || continue
  b=$(echo "$y" | tr '/' '_')
  "$bin" classify "$y" --json >"$co/fixture-$b.classify.json" 2>/dev/null &&
    co_classify+=("$co/fixture-$b.classify.json") && label_of[$co/fixture-$b.classify.json]="classify --json $y"
done
"$bin" docs tests/data/cra/project-bad --no-store --no-scan --now 2026-06-01 --out "$co/bad-docs" --format markdown --json \
  >"$co/bad.docs.json" 2>/dev/null && co_docs+=("$co/bad.docs.json") && label_of[$co/bad.docs.json]="docs --json tests/data/cra/project-bad (markdown only)"
for kind in classify assess docs; do
  eval "set -- \"\${co_$kind[@]}\""
  if [ $# -gt 0 ]; then
    node "$validate" "docs/$kind.schema.json" "$@" >"$co/$kind.txt" 2>&1
    report "$co/$kind.txt" $# $?
  else
    ko "cra outputs: no $kind output to validate"
  fi
done
# negative controls: "kind<TAB>source<TAB>python expression changing d"
co_negatives=(
  "classify	webapp.classify.json	d['category']['class'] = 'important'"
  "classify	webapp.classify.json	d['routes'].append('C')"
  "assess	webapp.assess-store.json	d['requirements'].pop()"
  "assess	webapp.assess-store.json	d['checks'][0]['result'] = 'ok'"
  "assess	webapp.assess-store.json	d['release']['description'] = 'the latest'"
  "docs	webapp.docs.json	d['documents'][0]['sections'][0]['state'] = 'done'"
  "docs	webapp.docs.json	del d['missing']"
)
i=0
for neg in "${co_negatives[@]}"; do
  i=$((i + 1))
  IFS='	' read -r kind src expr <<<"$neg"
  bad=$co/neg-$i.json
  if ! python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); exec(sys.argv[3]); json.dump(d, open(sys.argv[2], "w"))' \
    "$co/$src" "$bad" "$expr" 2>"$co/neg-$i.out"; then
    ko "negative $kind ($expr): could not make it"; continue
  fi
  node "$validate" "docs/$kind.schema.json" "$bad" >"$co/neg-$i.out" 2>&1
  rc=$?
  if [ "$rc" -eq 1 ]; then
    ok "negative $kind ($expr): rejected"
  else
    ko "negative $kind ($expr): accepted (exit $rc)"
    sed 's/^/    /' "$co/neg-$i.out" | tail -n 5
  fi
done
