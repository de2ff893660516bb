#!/usr/bin/env bash
# bench/db-import.sh - `crakit db import` of the whole OSV corpus (../shared/corpus/osv):
# records/s and MB/s against the floor (the time jansson alone takes to parse the same bytes,
# bench/json-floor.c), peak RSS (/usr/bin/time -v), CPU time; then package lookups (the query
# a scan makes per component, bench/vulndb-lookup.c) on that store and on a synthetic store 10x
# as large, to show the per-lookup cost stays flat. Prints a summary; the lead copies it into
# bench/RESULTS-vuln.md.
#
#   bench/db-import.sh                 # B=build-x for another build dir
#
# Environment: B (build dir, default build; needs $B/rel/crakit and $B/rel/libcrakit.a),
# CRAKIT_CORPUS (default ../shared/corpus), RUNS (timed runs, best kept; default 3),
# WORK (scratch dir, default a mktemp dir, removed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}
CRAKIT=${CRAKIT:-$B/rel/crakit}
LIB=${LIB:-$B/rel/libcrakit.a}
CORPUS=${CRAKIT_CORPUS:-../shared/corpus}
RUNS=${RUNS:-3}
WORK=${WORK:-$(mktemp -d)}
trap 'rm -rf "$WORK"' EXIT
PKGS="jansson yaml-0.1 libxml-2.0 libarchive sqlite3 libcrypto libpcre2-8 libcurl"
[ -x "$CRAKIT" ] || { echo "db-import.sh: build $CRAKIT first (make B=$B all)" >&2; exit 2; }
[ -d "$CORPUS/osv" ] || { echo "db-import.sh: no corpus at $CORPUS/osv" >&2; exit 2; }

cc -O2 -o "$WORK/json-floor" bench/json-floor.c $(pkg-config --cflags --libs jansson)
cc -O2 -std=c17 -D_GNU_SOURCE -Iinclude -Isrc -o "$WORK/vulndb-lookup" bench/vulndb-lookup.c \
  "$LIB" $(pkg-config --libs $PKGS) -lm -lz -pthread

# Every *.json under osv/ (8,883 OSV records; the 13 other files, the schema and the GitHub-format
# converter inputs, are parsed too and skipped by --skip-invalid), the floor parses the same files.
find "$CORPUS/osv" -name '*.json' | sort > "$WORK/files"
nfiles=$(wc -l < "$WORK/files")
bytes=$(xargs cat < "$WORK/files" | wc -c)

best() { sort -n | head -n1; }
cpu() { # user+sys seconds of a /usr/bin/time -v log
  awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.3f", u+s}' "$1"; }
rss() { awk -F': ' '/Maximum resident/ {print $2}' "$1"; }

floor_parse=(); floor_cpu=(); imp_wall=(); imp_cpu=(); imp_rss=()
for r in $(seq "$RUNS"); do
  cat "$WORK/files" | xargs cat > /dev/null   # page cache warm for both
  /usr/bin/time -v -o "$WORK/t.floor" "$WORK/json-floor" - < "$WORK/files" > "$WORK/floor.out"
  floor_parse+=("$(awk '{print $3}' "$WORK/floor.out")"); floor_cpu+=("$(cpu "$WORK/t.floor")")
  rm -f "$WORK/s.db"*
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$WORK/t.imp" "$CRAKIT" db import --db "$WORK/s.db" -q --skip-invalid \
    --json "$CORPUS/osv" >"$WORK/imp.json" 2>/dev/null
  end=$(date +%s.%N)
  imp_wall+=("$(echo "$end - $start" | bc)"); imp_cpu+=("$(cpu "$WORK/t.imp")"); imp_rss+=("$(rss "$WORK/t.imp")")
done
fp=$(printf '%s\n' "${floor_parse[@]}" | best); fc=$(printf '%s\n' "${floor_cpu[@]}" | best)
iw=$(printf '%s\n' "${imp_wall[@]}" | best); ic=$(printf '%s\n' "${imp_cpu[@]}" | best)
ir=$(printf '%s\n' "${imp_rss[@]}" | sort -n | tail -n1)
records=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["osv"]["records"])' "$WORK/imp.json")
dbsize=$(stat -c %s "$WORK/s.db")

# A synthetic store 10x as large: the same records ten times, ids and package names suffixed.
grep -v -e '/schema/' -e '/ghsa__[^/]*[^v].json$' "$WORK/files" > "$WORK/records"
python3 - "$WORK/records" "$WORK/x10" <<'PY'
import json, os, sys
files, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
recs = []
for f in open(files).read().split('\n'):
    if f:
        recs.append(json.load(open(f)))
for k in range(10):
    batch = []
    for r in recs:
        r = json.loads(json.dumps(r))
        if k:
            r['id'] = '%s-x%d' % (r['id'], k)
            r['aliases'] = ['%s-x%d' % (a, k) for a in r.get('aliases', [])]
            for a in r.get('affected', []):
                if 'package' in a:
                    a['package']['name'] += '-x%d' % k
        batch.append(r)
    json.dump(batch, open(os.path.join(out, 'part%d.json' % k), 'w'))
PY
/usr/bin/time -v -o "$WORK/t.x10" "$CRAKIT" db import --db "$WORK/x10.db" -q "$WORK/x10" >/dev/null
x10cpu=$(cpu "$WORK/t.x10"); x10rss=$(rss "$WORK/t.x10")
read -r n1 h1 e1 ms1 < <("$WORK/vulndb-lookup" "$WORK/s.db" 10000)
read -r n10 h10 e10 ms10 < <("$WORK/vulndb-lookup" "$WORK/x10.db" 10000)

mb=$(echo "scale=2; $bytes / 1000000" | bc)
cat <<TXT
## crakit db import: the OSV corpus ($(date -u +%Y-%m-%d), $(nproc) CPUs, best of $RUNS)

input: $CORPUS/osv: $nfiles JSON files, $mb MB ($records advisories stored; 13 files are not OSV records)

| | wall s | CPU s | records/s (wall) | MB/s (wall) | peak RSS |
|---|---:|---:|---:|---:|---:|
| floor: jansson json_loadb only | $fp (parse) | $fc | $(echo "$records / $fp" | bc) | $(echo "scale=1; $mb / $fp" | bc) | $(rss "$WORK/t.floor") kB |
| crakit db import (SQLite, one transaction) | $iw | $ic | $(echo "$records / $iw" | bc) | $(echo "scale=1; $mb / $iw" | bc) | $ir kB |

crakit/floor (CPU): $(echo "scale=2; $ic / $fc" | bc)x; advisories stored: $records; store size $((dbsize / 1024)) kB.
10x synthetic store ($((records * 10)) records, 10 array files): import CPU ${x10cpu} s, peak RSS ${x10rss} kB.

package lookups (crk_vulndb_affected_each, any release, warm, best of 4 rounds, half the names present):

| store | lookups | with advisories | entries returned | total ms | us/lookup |
|---|---:|---:|---:|---:|---:|
| corpus (1x) | $n1 | $h1 | $e1 | $ms1 | $(echo "scale=2; $ms1 * 1000 / $n1" | bc) |
| synthetic 10x | $n10 | $h10 | $e10 | $ms10 | $(echo "scale=2; $ms10 * 1000 / $n10" | bc) |
TXT
