#!/usr/bin/env bash
# debootstrap-check.sh - the "done when" check of container image support: on a Debian root
# filesystem made with `debootstrap --variant=minbase`, and on the same packed as container
# images, the Debian packages crakit reports equal what dpkg itself lists
# (`dpkg-query --admindir=ROOT/var/lib/dpkg -W -f '${Package} ${Version}\n'`).
#
# Not part of `make check`: it needs root, debootstrap and the network to Debian's archive, and
# takes a few minutes. Run it from the repository root after building:
#   make && sudo tests/image/debootstrap-check.sh [CRAKIT]     (default CRAKIT: $B/rel/crakit)
#   SUITE=bookworm MIRROR=http://deb.debian.org/debian KEEP=1 ... (KEEP=1 keeps the work folder)
# It compares four scans against dpkg's list:
#   rootfs       the directory itself
#   docker-save  a `docker save` archive (built here without docker: manifest.json, config,
#                two layers: everything but usr/, then usr/ - so etc/os-release, a link to
#                ../usr/lib/os-release, resolves across layers)
#   oci-layout   the same two layers gzip-compressed in an OCI image layout directory
#   docker-gz    the docker save archive, gzip-compressed as a whole
# and prints one ok/FAIL line each, the time each scan took, and
# "debootstrap-check: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-${B:-build}/rel/crakit}
suite=${SUITE:-bookworm}
mirror=${MIRROR:-http://deb.debian.org/debian}
[ -x "$bin" ] || { echo "debootstrap-check: $bin not built (make)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "debootstrap-check: apt-get install debootstrap" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "debootstrap-check: run as root (debootstrap needs it)" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

work=$(mktemp -d "${TMPDIR:-/tmp}/crakit-debootstrap.XXXXXX")
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
root=$work/rootfs
echo "debootstrap --variant=minbase $suite into $root ($mirror)"
start=$(date +%s)
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -n 20 "$work/debootstrap.log"; echo "debootstrap-check: debootstrap failed" >&2; exit 2; }
echo "debootstrap took $(( $(date +%s) - start )) s"

dpkg-query --admindir="$root/var/lib/dpkg" -W -f '${Package} ${Version}\n' | sort >"$work/dpkg.txt"
echo "dpkg-query lists $(wc -l <"$work/dpkg.txt") packages"

# ---- the images, without docker ----
tar -C "$root" --numeric-owner --exclude=./usr -cf "$work/layer1.tar" .
tar -C "$root" --numeric-owner -cf "$work/layer2.tar" ./usr
python3 - "$work" <<'PY'
import gzip, hashlib, io, json, os, shutil, sys, tarfile
work = sys.argv[1]
sha = lambda b: hashlib.sha256(b).hexdigest()
layers = [open(os.path.join(work, f"layer{i}.tar"), "rb").read() for i in (1, 2)]
diff = [sha(l) for l in layers]
cfg = json.dumps({"architecture": "amd64", "os": "linux",
                  "rootfs": {"type": "layers", "diff_ids": ["sha256:" + d for d in diff]}}).encode()
def add(t, name, data):
    ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 0
    t.addfile(ti, io.BytesIO(data))
# docker save (manifest.json last, as `docker save` before Docker 25 wrote it)
with tarfile.open(os.path.join(work, "debian.tar"), "w") as t:
    for d, l in zip(diff, layers):
        add(t, f"{d}/layer.tar", l)
    add(t, sha(cfg) + ".json", cfg)
    add(t, "manifest.json", json.dumps([{"Config": sha(cfg) + ".json",
        "RepoTags": ["debootstrap/debian:check"],
        "Layers": [f"{d}/layer.tar" for d in diff]}]).encode())
# OCI layout, gzip layers
oci = os.path.join(work, "oci")
os.makedirs(os.path.join(oci, "blobs", "sha256"))
blobs = [gzip.compress(l, mtime=0) for l in layers]
man = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:" + sha(cfg), "size": len(cfg)},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:" + sha(b), "size": len(b)} for b in blobs]}).encode()
for b in blobs + [cfg, man]:
    open(os.path.join(oci, "blobs", "sha256", sha(b)), "wb").write(b)
open(os.path.join(oci, "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
open(os.path.join(oci, "index.json"), "w").write(json.dumps({"schemaVersion": 2, "manifests": [
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:" + sha(man), "size": len(man),
     "annotations": {"org.opencontainers.image.ref.name": "check"}}]}))
PY
gzip -c "$work/debian.tar" >"$work/debian.tar.gz"
ls -l "$work/debian.tar" "$work/debian.tar.gz"

# ---- scan each and compare ----
pass=0; fail=0
check() { # label path
  local t0 t1 out=$work/$1.cdx.json
  t0=$(date +%s.%N)
  if ! "$bin" sbom "$2" -o "$out" --timestamp 0 -q 2>"$work/$1.err"; then
    echo "FAIL $1: crakit failed"; cat "$work/$1.err"; fail=$((fail + 1)); return
  fi
  t1=$(date +%s.%N)
  python3 - "$out" >"$work/$1.txt" <<'PY'
import json, sys, urllib.parse
d = json.load(open(sys.argv[1]))
for c in d.get("components", []):
    if (c.get("purl") or "").startswith("pkg:deb/"):
        print(c["name"], c["version"])
PY
  sort -o "$work/$1.txt" "$work/$1.txt"
  if cmp -s "$work/dpkg.txt" "$work/$1.txt"; then
    echo "ok   $1: $(wc -l <"$work/$1.txt") packages equal dpkg-query's ($(awk "BEGIN {printf \"%.2f\", $t1 - $t0}") s)"
    pass=$((pass + 1))
  else
    echo "FAIL $1: package sets differ (< dpkg-query, > crakit)"
    diff "$work/dpkg.txt" "$work/$1.txt" | head -n 40
    fail=$((fail + 1))
  fi
}
check rootfs "$root"
check docker-save "$work/debian.tar"
check oci-layout "$work/oci"
check docker-gz "$work/debian.tar.gz"
# the image's root component names it and its distribution
python3 - "$work/docker-save.cdx.json" <<'PY' && pass=$((pass + 1)) || fail=$((fail + 1))
import json, sys
m = json.load(open(sys.argv[1]))["metadata"]
c = m["component"]; props = {p["name"]: p["value"] for p in c.get("properties", [])}
ok = c["type"] == "container" and c["name"] == "debootstrap/debian" and c["version"] == "check" \
     and props.get("crakit:os:id") == "debian" and props.get("crakit:image:id", "").startswith("sha256:")
print(("ok   " if ok else "FAIL ") + "docker-save metadata: %s %s:%s os=%s-%s" % (c["type"], c["name"], c["version"], props.get("crakit:os:id"), props.get("crakit:os:version")))
sys.exit(0 if ok else 1)
PY
echo "debootstrap-check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
