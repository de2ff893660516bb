# cra.sh - sourced by tests/schema/run.sh (uses its ok/ko, $bin, $tmp, $validate): every cra.yaml
# we ship or write validates against docs/cra.schema.json, the JSON Schema for editors, and
# crakit's own parser accepts it too; broken copies are rejected by both, so the schema and the
# parser cannot drift apart unnoticed. YAML is turned into JSON with Debian's python3-yaml.
cra_schema=docs/cra.schema.json
if ! python3 -c 'import yaml' 2>/dev/null; then
  ko "cra.yaml: python3 with the yaml module missing (Debian python3-yaml, scripts/deps.sh)"
else
  mkdir -p "$tmp/cra"
  cra_json() { # YAML file -> JSON file (dates as YYYY-MM-DD text, as crakit reads them)
    python3 -c 'import sys, json, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding="utf-8")), open(sys.argv[2], "w"), default=str)' "$1" "$2"
  }
  cra_docs=()
  declare -A cra_label
  n=0
  "$bin" init --yes --manufacturer M --product P -o "$tmp/cra/init-min.yaml" 2>/dev/null
  "$bin" init --yes --manufacturer "Example Devices GmbH" --email c@exdev.example --country DE \
    --product "ExDev VPN" --kind software --core vpn --justification "a VPN" --support-end 2032-12 \
    --contact security@exdev.example --policy-url https://exdev.example/policy --open-source \
    -o "$tmp/cra/init-full.yaml" 2>/dev/null
  for y in tests/data/cra/*.cra.yaml examples/*/cra.yaml "$tmp/cra/init-min.yaml" "$tmp/cra/init-full.yaml"; do
    [ -f "$y" ] || continue
    n=$((n + 1))
    j=$tmp/cra/$n.json
    if ! cra_json "$y" "$j" 2>"$tmp/cra/$n.log"; then ko "cra.yaml $y: not YAML"; continue; fi
    if "$bin" classify "$y" >/dev/null 2>"$tmp/cra/$n.parse"; [ $? -ge 2 ]; then
      ko "cra.yaml $y: crakit does not read it"; sed 's/^/    /' "$tmp/cra/$n.parse" | head -5; continue
    fi
    case $y in "$tmp"/*) cra_label[$j]="written by crakit init ($(basename "$y"))" ;; *) cra_label[$j]=$y ;; esac
    cra_docs+=("$j")
  done
  if [ ${#cra_docs[@]} -gt 0 ]; then
    node "$validate" "$cra_schema" "${cra_docs[@]}" >"$tmp/cra/validate.txt" 2>&1
    while IFS= read -r line; do
      case $line in
      "ok "*) ok "schema cra.yaml ${cra_label[${line#ok }]}" ;;
      "FAIL "*) ko "schema cra.yaml ${cra_label[${line#FAIL }]}" ;;
      *) echo "    $line" ;;
      esac
    done <"$tmp/cra/validate.txt"
  fi
  # Negative controls: "what<TAB>yaml appended to a valid head". Both the schema and crakit must
  # refuse each.
  cra_head='schema: 1
manufacturer: {name: M}
product: {name: P}
'
  cra_negatives=(
    "unknown key	manufaturer: {name: X}"
    "boolean in quotes	scope: {open_source: \"yes\"}"
    "unknown category	functionality: {core: [vpnn]}"
    "unknown requirement	requirements: {AI-P1-2z: {status: met}}"
    "bad status	requirements: {AI-P1-2a: {status: done}}"
    "bad route	conformity: {route: C}"
    "bad date	support: {start: 2027/01/01}"
    "unknown top-level key	manufacturer2: 1"
    "test report that is text	tests: [a]"
    "bad url	contact: {disclosure_policy_url: www.example.com}"
  )
  i=0
  for neg in "${cra_negatives[@]}"; do
    i=$((i + 1))
    what=${neg%%	*}
    y=$tmp/cra/neg-$i.yaml
    printf '%s%s\n' "$cra_head" "${neg#*	}" >"$y"
    cra_json "$y" "$tmp/cra/neg-$i.json" 2>/dev/null
    node "$validate" "$cra_schema" "$tmp/cra/neg-$i.json" >"$tmp/cra/neg-$i.out" 2>&1
    src=$?
    "$bin" classify "$y" >/dev/null 2>&1
    crc=$?
    if [ "$src" -eq 1 ] && [ "$crc" -eq 3 ]; then
      ok "negative cra.yaml $what: rejected by the schema and by crakit"
    else
      ko "negative cra.yaml $what: schema exit $src (want 1), crakit exit $crc (want 3)"
      sed 's/^/    /' "$tmp/cra/neg-$i.out" | head -5
    fi
  done
fi
