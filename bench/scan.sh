#!/usr/bin/env bash
# bench/scan.sh - `crakit scan` of an SBOM of 10,000 components against the corpus OSV database
# and against a synthetic database 10x as large (DESIGN.md §7; issue 4 "Measured"): warm wall
# time, the cost per component, peak RSS. Inputs come from bench/gen-scan-inputs.py (real package
# names from the corpus; nothing of the corpus is copied into the repository). Prints a summary;
# the lead copies it into bench/RESULTS-vuln.md. No test asserts on time.
#
#   bench/scan.sh                      # B=build-x for another build dir
#
# Environment: B (build dir, default build; needs $B/rel/crakit), CRAKIT_CORPUS (default
# ../shared/corpus), RUNS (timed warm runs, median and best reported; default 5), WORK (scratch
# dir, default a mktemp dir, removed at the end), PEERS (peer tools, see /work/shared/peers),
# PRIO (rt, the default when root: each timed scan runs at real-time priority, `chrt -f 50`, so
# that the other work of a shared machine does not stretch its wall time; normal otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}
CRAKIT=${CRAKIT:-$B/rel/crakit}
CORPUS=${CRAKIT_CORPUS:-../shared/corpus}
RUNS=${RUNS:-5}
PEERS=${PEERS:-${XDG_CACHE_HOME:-$HOME/.cache}/crakit-bench/peers}
WORK=${WORK:-$(mktemp -d)}
trap 'rm -rf "$WORK"' EXIT
[ -x "$CRAKIT" ] || { echo "scan.sh: build $CRAKIT first (make B=$B all)" >&2; exit 2; }
[ -d "$CORPUS/osv" ] || { echo "scan.sh: no corpus at $CORPUS/osv" >&2; exit 2; }
NOW=2025-08-26T00:00:00Z  # imports and scans at the same time: nothing is stale
PRIO=${PRIO:-$([ "$(id -u)" = 0 ] && command -v chrt >/dev/null && echo rt || echo normal)}
PRIOCMD=()
[ "$PRIO" = rt ] && PRIOCMD=(chrt -f 50)

echo "== inputs"
CRAKIT="$CRAKIT" python3 bench/gen-scan-inputs.py "$CORPUS" "$WORK" 10000
kev=$CORPUS/kev/known_exploited_vulnerabilities.json

echo "== databases"
osv_dirs=()
for d in "$CORPUS"/osv/*/; do
  case $d in */schema/ | */osv-schema-examples/) ;; *) osv_dirs+=("${d%/}") ;; esac
done
"$CRAKIT" db import --db "$WORK/x1.db" --now "$NOW" "${osv_dirs[@]}" "$kev" >/dev/null 2>&1
"$CRAKIT" db import --db "$WORK/x10.db" --now "$NOW" "$WORK"/x10/part-*.json "$kev" >/dev/null 2>&1
for db in x1 x10; do
  echo "$db: $(stat -c %s "$WORK/$db.db") bytes, $("$CRAKIT" db status --db "$WORK/$db.db" --json --now "$NOW" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(s["records"] for s in d["sources"] if s["source"] == "osv"), "OSV records")')"
done

# one timed run: prints "wall_ms cpu_ms max_rss_kb" (GNU time: 10 ms resolution)
run() { # db sbom
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "${PRIOCMD[@]}" "$CRAKIT" scan --db "$WORK/$1.db" \
    --timestamp "$NOW" "$WORK/$2" --format json -o "$WORK/out.json" -q >/dev/null 2>&1 || true
  awk '{printf "%d %d %d\n", $1 * 1000, ($2 + $3) * 1000, $4}' "$WORK/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== scans (1 warm-up, then $RUNS runs each)"
sboms=(sbom-1000.cdx.json sbom-10000.cdx.json sbom-10000-fixed.cdx.json sbom-10000-current.cdx.json)
[ -f "$WORK/sbom-10000-typical.cdx.json" ] && sboms+=(sbom-10000-typical.cdx.json)
declare -A wall cpu rss findings ncomp mbytes
for db in x1 x10; do
  for s in "${sboms[@]}"; do
    run "$db" "$s" >/dev/null # warm the page cache and the store
    ws=(); cs=(); rs=()
    for _ in $(seq "$RUNS"); do
      read -r w c r < <(run "$db" "$s")
      ws+=("$w"); cs+=("$c"); rs+=("$r")
    done
    k="$db $s"
    wall[$k]=$(printf '%s\n' "${ws[@]}" | median)
    cpu[$k]=$(printf '%s\n' "${cs[@]}" | median)
    rss[$k]=$(printf '%s\n' "${rs[@]}" | sort -n | tail -n1)
    read -r nc nf mb < <(python3 -c 'import json,os,sys; d=json.load(open(sys.argv[1])); print(d["summary"]["components"], d["summary"]["findings"], round(os.path.getsize(sys.argv[1]) / 1e6, 1))' "$WORK/out.json")
    mbytes[$k]=$mb
    ncomp[$k]=$nc
    findings[$k]=$nf
    echo "$k: wall ${wall[$k]} ms, cpu ${cpu[$k]} ms, peak RSS ${rss[$k]} kB, ${ncomp[$k]} components, ${findings[$k]} findings"
  done
done

echo
echo "## crakit scan (CycloneDX SBOM input, --format json, warm, medians of $RUNS runs; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), priority $PRIO)"
echo
echo "| database | SBOM | components | findings | report MB | wall ms | CPU ms (user+sys) | CPU µs per component | peak RSS MiB |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for db in x1 x10; do
  for s in "${sboms[@]}"; do
    k="$db $s"
    echo "| $db | ${s%.cdx.json} | ${ncomp[$k]} | ${findings[$k]} | ${mbytes[$k]} | ${wall[$k]} | ${cpu[$k]} | $(echo "scale=0; ${cpu[$k]} * 1000 / ${ncomp[$k]}" | bc) | $(echo "scale=1; ${rss[$k]} / 1024" | bc) |"
  done
done
echo
for db in x1 x10; do
  a=${cpu[$db sbom-1000.cdx.json]}; b=${cpu[$db sbom-10000.cdx.json]}
  echo "$db: marginal CPU cost $(echo "scale=0; ($b - $a) * 1000 / 9000" | bc) µs per component (10,000 vs 1,000 components)"
done

echo
if [ -x "$PEERS/bin/trivy" ] && [ -f "$PEERS/trivy-cache/db/trivy.db" ]; then
  echo "trivy: DB found; run: $PEERS/bin/trivy sbom --offline-scan --skip-db-update --cache-dir $PEERS/trivy-cache $WORK/sbom-10000.cdx.json"
else
  echo "trivy: no vulnerability DB offline ($PEERS/trivy-cache/db/trivy.db absent; trivy downloads it from ghcr.io, not reachable here): not compared"
fi
for t in grype osv-scanner; do
  command -v "$t" >/dev/null 2>&1 && echo "$t: installed, not yet wired in" || echo "$t: not installed (neither in Debian 12 nor on npm): not compared"
done
