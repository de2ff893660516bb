#!/usr/bin/env bash
# bench/image.sh - `crakit sbom IMAGE.tar` side by side with `trivy image --input` on one
# container image, in the same run (DESIGN.md §7). Writes bench/RESULTS-image.md and the purl
# differences to bench/out/image-*.txt.
#
#   bench/image.sh                    # needs root, debootstrap and Debian's archive the first time
#   CRAKIT=build-x/rel/crakit bench/image.sh
#
# The image (built once, kept in the cache folder; a `docker save` archive made without docker):
#   layer 1  a Debian 12 root filesystem from `debootstrap --variant=minbase bookworm`
#            (BENCH_ROOTFS=DIR uses an existing root filesystem instead)
#   layer 2  an application: /srv/app with the installed node_modules of a real npm install (the
#            benchmark tree's p0000), the *.dist-info metadata of this machine's Python
#            site-packages in /usr/local/lib/python3.11/site-packages, the jars of a real Java
#            tool in /opt/lib, and real Go binaries (go, gofmt, kubectl, ...) in /usr/local/bin
#   layer 3  deletes one jar and one Go binary again (whiteouts), as image builds do
#
# Environment: CRAKIT, PEERS, RUNS (default 3), BENCH_IMAGE_DIR (default
# ${XDG_CACHE_HOME:-~/.cache}/crakit-bench/image), BENCH_ROOTFS, MIRROR, PRIO (default rt when
# root: both tools run at real-time priority, `chrt -f 50`, so that whatever else runs on a
# shared machine does not decide the ratio; PRIO=normal runs them as they are).
set -euo pipefail
cd "$(dirname "$0")/.."

CRAKIT=${CRAKIT:-build/rel/crakit}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/crakit-bench
PEERS=${PEERS:-$CACHE/peers}
IMG_DIR=${BENCH_IMAGE_DIR:-$CACHE/image}
TREE=${BENCH_TREE:-$CACHE/tree}
RUNS=${RUNS:-3}
PRIO=${PRIO:-$([ "$(id -u)" = 0 ] && command -v chrt >/dev/null && echo rt || echo normal)}
PRIOCMD=()
[ "$PRIO" = rt ] && PRIOCMD=(chrt -f 50)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
WORK=$CACHE/work-image
OUT=bench/out
RESULTS=bench/RESULTS-image.md
IMAGE=$IMG_DIR/image.tar

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

[ -x "$CRAKIT" ] || die "no crakit binary at $CRAKIT (run 'make all', or set CRAKIT=...)"
[ -x "$PEERS/bin/trivy" ] || die "no trivy in $PEERS (run /work/shared/peers/install-peers.sh)"
command -v jq >/dev/null || die "jq is needed (apt-get install jq)"
CRAKIT=$(readlink -f "$CRAKIT")
mkdir -p "$WORK" "$OUT" "$IMG_DIR"

# ---------------------------------------------------------------- the image
build_image() {
  local rootfs=${BENCH_ROOTFS:-$IMG_DIR/rootfs} app=$IMG_DIR/app del=$IMG_DIR/del
  if [ ! -f "$rootfs/var/lib/dpkg/status" ]; then
    [ "$(id -u)" -eq 0 ] || die "building the image needs root (debootstrap), or BENCH_ROOTFS=DIR"
    command -v debootstrap >/dev/null || die "apt-get install debootstrap"
    log "debootstrap --variant=minbase bookworm into $rootfs"
    rm -rf "$rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" > "$IMG_DIR/debootstrap.log" 2>&1 ||
      die "debootstrap failed: see $IMG_DIR/debootstrap.log"
  fi
  rm -rf "$app" "$del"; mkdir -p "$app/srv/app" "$app/opt/lib" "$app/usr/local/bin" \
    "$app/usr/local/lib/python3.11/site-packages" "$del/opt/lib" "$del/usr/local/bin"
  [ -d "$TREE/projects/p0000/node_modules" ] || die "no benchmark tree at $TREE (run bench/sbom.sh once)"
  cp -r "$TREE/projects/p0000/node_modules" "$TREE/projects/p0000/package.json" "$app/srv/app/" 2>/dev/null ||
    cp -r "$TREE/projects/p0000/node_modules" "$app/srv/app/"
  local sp
  sp=$(python3 -c 'import site; print(site.getsitepackages()[0])')
  find "$sp" -maxdepth 1 -name '*.dist-info' -exec cp -r {} "$app/usr/local/lib/python3.11/site-packages/" \;
  local jars=$PEERS/cdxgen/node_modules/@appthreat/atom/plugins/lib
  [ -d "$jars" ] && cp "$jars"/*.jar "$app/opt/lib/"
  local b
  for b in /usr/lib/go/bin/go /usr/lib/go/bin/gofmt /usr/lib/google-cloud-sdk/bin/kubectl \
           /usr/lib/google-cloud-sdk/bin/gke-gcloud-auth-plugin /usr/lib/google-cloud-sdk/bin/kpt; do
    [ -f "$b" ] && cp "$(readlink -f "$b")" "$app/usr/local/bin/$(basename "$b")"
  done
  # layer 3: whiteouts for the first jar and gofmt
  local first; first=$(ls "$app/opt/lib" | head -n 1)
  [ -n "$first" ] && : > "$del/opt/lib/.wh.$first"
  : > "$del/usr/local/bin/.wh.gofmt"
  tar -C "$rootfs" --numeric-owner -cf "$IMG_DIR/layer1.tar" .
  tar -C "$app" --numeric-owner -cf "$IMG_DIR/layer2.tar" .
  tar -C "$del" --numeric-owner -cf "$IMG_DIR/layer3.tar" .
  python3 - "$IMG_DIR" <<'PY'
import hashlib, io, json, os, sys, tarfile
d = sys.argv[1]
def sha_file(p):
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()
names = [f"layer{i}.tar" for i in (1, 2, 3)]
diff = [sha_file(os.path.join(d, n)) for n in names]
cfg = json.dumps({"architecture": "amd64", "os": "linux",
                  "config": {"Entrypoint": ["/usr/local/bin/go"]},
                  "rootfs": {"type": "layers", "diff_ids": ["sha256:" + x for x in diff]}}).encode()
cfgname = hashlib.sha256(cfg).hexdigest() + ".json"
man = json.dumps([{"Config": cfgname, "RepoTags": ["crakit-bench/app:1"],
                   "Layers": [f"{x}/layer.tar" for x in diff]}]).encode()
with tarfile.open(os.path.join(d, "image.tar.tmp"), "w") as t:
    for x, n in zip(diff, names):
        t.add(os.path.join(d, n), arcname=f"{x}/layer.tar")
    for name, data in ((cfgname, cfg), ("manifest.json", man)):
        ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 0
        t.addfile(ti, io.BytesIO(data))
os.replace(os.path.join(d, "image.tar.tmp"), os.path.join(d, "image.tar"))
PY
  rm -f "$IMG_DIR"/layer[123].tar
}
[ -f "$IMAGE" ] || build_image
log "image: $IMAGE ($(du -h "$IMAGE" | cut -f1))"

# ---------------------------------------------------------------- measuring
run() { # LABEL -- CMD...: one run under GNU time; sets WALL (s), RSS (MiB), RC
  local label=$1; shift 2
  set +e
  /usr/bin/time -v -o "$WORK/$label.time" "${PRIOCMD[@]}" "$@" > "$WORK/$label.stdout" 2> "$WORK/$label.stderr"
  RC=$?
  set -e
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
           for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$WORK/$label.time")
  RSS=$(awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$WORK/$label.time")
}
declare -A B_WALL B_RSS B_RC
best() { # LABEL CMD...
  local label=$1; shift
  local r bw="" br=0 rc=0
  for ((r = 1; r <= RUNS; r++)); do
    run "$label.$r" -- "$@"
    log "$label run $r: ${WALL}s, ${RSS} MiB, exit $RC"
    [ "$RC" -ne 0 ] && rc=$RC
    if [ -z "$bw" ] || awk -v a="$WALL" -v b="$bw" 'BEGIN { exit !(a < b) }'; then bw=$WALL; fi
    [ "$RSS" -gt "$br" ] && br=$RSS
  done
  B_WALL[$label]=$bw; B_RSS[$label]=$br; B_RC[$label]=$rc
}
# trivy reads jars only with its Java DB ("The first run cannot skip downloading Java DB"), which
# no offline run has: the jars are skipped for trivy, which then does less work than crakit.
trivy_img() { # OUT
  local c; c=$(mktemp -d "$WORK/trivy-cache.XXXXXX")
  "$PEERS/bin/trivy" image --format cyclonedx --skip-db-update --skip-java-db-update --offline-scan \
    --disable-telemetry --skip-version-check --no-progress --cache-dir "$c" --output "$1" \
    --skip-files '/opt/lib/*.jar' --input "$IMAGE"
  local rc=$?; rm -rf "$c"; return $rc
}
export -f trivy_img; export PEERS WORK IMAGE

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
cat "$IMAGE" > /dev/null
best crakit "$CRAKIT" sbom "$IMAGE" -q -o "$WORK/crakit.cdx.json"
best trivy bash -c 'trivy_img "$1"' _ "$WORK/trivy.cdx.json"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- components
purls() { [ -s "$1" ] && jq -r '[.components // [] | .. | objects | select(has("purl")) | .purl
  | select(. != null)] | unique | .[]' "$1" || true; }
# Compared without qualifiers or subpath, percent-decoded, PyPI names per PEP 503, npm names
# lowercase, a Debian epoch moved from trivy's `epoch=` qualifier into the version (the form of
# the purl-spec's own deb examples, which crakit writes).
norm() {
  sed -E 's/^(pkg:deb\/[^@]+@)([^?#]+)\?(.*&)?epoch=([0-9]+).*$/\1\4:\2/; s/[?#].*$//' | awk '
    function hex(h,   x) { x = "0123456789abcdef"; h = tolower(h)
        return (index(x, substr(h, 1, 1)) - 1) * 16 + index(x, substr(h, 2, 1)) - 1 }
    function dec(s,   o, i, c) { o = ""; for (i = 1; i <= length(s); i++) { c = substr(s, i, 1)
        if (c == "%" && i + 2 <= length(s)) { o = o sprintf("%c", hex(substr(s, i + 1, 2))); i += 2 }
        else o = o c } return o }
    { p = dec($0); t = p; sub(/^pkg:/, "", t); sub(/\/.*/, "", t)
      at = index(p, "@"); if (substr(p, 1, 8) == "pkg:npm/" && substr(p, 9, 1) == "@") { at = index(substr(p, 10), "@"); if (at) at += 9 }
      nm = at ? substr(p, 1, at - 1) : p; ver = at ? substr(p, at) : ""
      if (t == "pypi") { nm = tolower(nm); gsub(/[._-]+/, "-", nm) }
      if (t == "npm" || t == "golang") nm = tolower(nm)
      print nm ver }' | sort -u
}
for t in crakit trivy; do
  purls "$WORK/$t.cdx.json" > "$WORK/$t.purls"
  norm < "$WORK/$t.purls" > "$WORK/$t.norm"
done
ptype() { sed -E 's#^pkg:([^/]+)/.*#\1#'; }
g() { grep "$@" || true; }
rm -f "$OUT"/image-*.txt
comm -13 "$WORK/crakit.norm" "$WORK/trivy.norm" > "$WORK/trivy-only.norm"
comm -23 "$WORK/crakit.norm" "$WORK/trivy.norm" > "$WORK/crakit-only.norm"
for ty in $(cat "$WORK/trivy-only.norm" "$WORK/crakit-only.norm" | ptype | sort -u); do
  g "^pkg:$ty/" "$WORK/trivy-only.norm" > "$OUT/image-trivy-only.$ty.txt"
  g "^pkg:$ty/" "$WORK/crakit-only.norm" > "$OUT/image-crakit-not-trivy.$ty.txt"
  [ -s "$OUT/image-trivy-only.$ty.txt" ] || rm -f "$OUT/image-trivy-only.$ty.txt"
  [ -s "$OUT/image-crakit-not-trivy.$ty.txt" ] || rm -f "$OUT/image-crakit-not-trivy.$ty.txt"
done

{
  echo "# crakit sbom on a container image: side-by-side benchmark"
  echo
  echo "Generated by \`bench/image.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC. Numbers are what this run"
  echo "measured; compare ratios within one run, not across runs."
  echo
  echo "## Machine"
  echo
  echo "- $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
  echo "- load average before the runs: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo "- priority: $PRIO$([ "$PRIO" = rt ] && echo " (both tools under \`chrt -f 50\`: the machine is shared, and real-time priority keeps other processes from deciding the ratio)")"
  echo "- crakit: \`$("$CRAKIT" version 2>/dev/null | head -n 1)\`; trivy: \`$("$PEERS/bin/trivy" --version 2>/dev/null | head -n 1)\`"
  echo
  echo "## Image"
  echo
  echo "\`docker save\` archive, $(du -h "$IMAGE" | cut -f1) uncompressed, three layers (see the header of"
  echo "\`bench/image.sh\`): a \`debootstrap --variant=minbase\` Debian 12; an application layer"
  echo "(node_modules, Python dist-info, jars, Go binaries); a layer of whiteouts. trivy is run with"
  echo "\`--skip-files '/opt/lib/*.jar'\`: offline it cannot read jars at all (it stops with \"The first run"
  echo "cannot skip downloading Java DB\"), so it does less work than crakit here."
  echo
  echo "## Results"
  echo
  echo "Wall time: best of $RUNS runs, page cache warm, trivy with a fresh empty cache each run."
  echo
  echo "| tool | wall s | peak RSS MiB | unique purls | wall vs crakit | exit |"
  echo "|---|---:|---:|---:|---:|---:|"
  for t in crakit trivy; do
    ratio=$(awk -v a="${B_WALL[$t]}" -v b="${B_WALL[crakit]}" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
    echo "| $t | ${B_WALL[$t]} | ${B_RSS[$t]} | $(wc -l < "$WORK/$t.purls") | ${ratio}× | ${B_RC[$t]} |"
  done
  echo
  echo "## Purls per type (normalised as in bench/sbom.sh, Debian epochs in the version)"
  echo
  echo "| purl type | crakit | trivy | both | only crakit | only trivy |"
  echo "|---|---:|---:|---:|---:|---:|"
  for ty in $(cat "$WORK/crakit.norm" "$WORK/trivy.norm" | ptype | sort -u); do
    echo "| $ty | $(g -c "^pkg:$ty/" "$WORK/crakit.norm") | $(g -c "^pkg:$ty/" "$WORK/trivy.norm") |" \
         "$(comm -12 "$WORK/crakit.norm" "$WORK/trivy.norm" | g -c "^pkg:$ty/") |" \
         "$(g -c "^pkg:$ty/" "$WORK/crakit-only.norm") | $(g -c "^pkg:$ty/" "$WORK/trivy-only.norm") |"
  done
  echo
  echo "Lists: \`bench/out/image-trivy-only.<type>.txt\`, \`bench/out/image-crakit-not-trivy.<type>.txt\`."
  echo
  echo "## Why they differ"
  echo
  if [ -f bench/image-diff-notes.md ]; then cat bench/image-diff-notes.md; else echo "(not yet investigated)"; fi
} > "$RESULTS"
log "wrote $RESULTS"
