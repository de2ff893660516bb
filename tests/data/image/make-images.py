#!/usr/bin/env python3
"""make-images.py - builds the small container images the image tests read, without docker.

Run from anywhere: `python3 tests/data/image/make-images.py`. The output is deterministic (fixed
mtimes, owners, gzip headers), so running it again changes nothing; the files it writes are
committed (each well under 100 KB). Standard library only: tarfile, gzip, json, hashlib.

The good image has three layers (tests/unit/source/test_image.c asserts what each gives):
  layer 1  etc/os-release (Debian 12); var/lib/dpkg/status (base-files 12.4, libc6 2.36-9,
           oldpkg 1.0); app/package-lock.json (left-pad 1.3.0); opt/data/old/requirements.txt
           (requests==2.31.0); web/package-lock.json (is-number 7.0.0); usr/share/doc/README
  layer 2  var/lib/dpkg/status again (base-files 12.4, libc6 2.36-9+deb12u3, newpkg 2.0:
           oldpkg is gone); web becomes a symbolic link (hiding web/package-lock.json);
           app/requirements.txt (six==1.16.0)
  layer 3  app/.wh.package-lock.json (a whiteout: left-pad is gone); opt/data/.wh..wh..opq (an
           opaque directory: requests is gone); opt/data/new/requirements.txt (flask==3.0.0);
           srv/go.mod + srv/go.sum (github.com/pkg/errors v0.9.1); srv/go.mod.bak, a hard link
It is written four ways:
  docker-save.tar     `docker save` before Docker 25: <id>/layer.tar, <config hex>.json,
                      repositories, manifest.json last (after the layers)
  docker25-save.tar   Docker 25+: an OCI layout (oci-layout, index.json, blobs/sha256/...) with
                      manifest.json naming blobs, manifest.json first
  podman-save.tar     `podman save --format docker-archive`: <diff id hex>.tar layers
  oci-layout/         an OCI image layout directory with gzip layers
  oci-no-diff-ids/    the same, its config listing no diff IDs (layers are then named by their
                      blob digests, with a warning)
  oci-multi.tar       an OCI archive whose index.json points to an image index with two
                      platforms (linux/arm64 first, then linux/amd64, which is chosen)
Malformed ones (each refused with a clear message, or scanned with a warning):
  bad-no-manifest.tar      a layer, no manifest.json or index.json
  bad-missing-layer.tar    manifest.json lists a layer the archive lacks
  bad-digest.tar           a blobs/sha256/<hex> layer whose content hashes to something else
  bad-dotdot.tar           a layer with entries "../evil/requirements.txt" and
                           "/abs/requirements.txt" (skipped, with a warning) beside a good one
  bad-truncated-gzip.tar   a layer that is a gzip stream cut short
  bad-json.tar             a manifest.json cut short
"""
import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
MTIME = 1700000000

OS_RELEASE = b'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\n' \
             b'VERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n'


def status(*pkgs):
    out = []
    for name, ver in pkgs:
        out.append(f"Package: {name}\nStatus: install ok installed\nPriority: optional\n"
                   f"Architecture: amd64\nVersion: {ver}\nDescription: {name} package\n")
    return "\n".join(out).encode()


def npm_lock(name, ver):
    return json.dumps({
        "name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
        "packages": {
            "": {"name": "app", "version": "1.0.0", "dependencies": {name: "^" + ver}},
            "node_modules/" + name: {
                "version": ver,
                "resolved": f"https://registry.npmjs.org/{name}/-/{name}-{ver}.tgz"},
        }}, indent=2).encode() + b"\n"


GO_MOD = b"module example.com/srv\n\ngo 1.21\n\nrequire github.com/pkg/errors v0.9.1\n"
GO_SUM = (b"github.com/pkg/errors v0.9.1 h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=\n"
          b"github.com/pkg/errors v0.9.1/go.mod h1:bwawxfHBFNV+L2hUp1rHADufV3IMtnDRdf1r5NINEl0=\n")

# (name, kind, data or link target); kind: f file, d dir, l symlink, h hard link
LAYERS = [
    [("etc", "d", None), ("etc/os-release", "f", OS_RELEASE),
     ("var/lib/dpkg", "d", None),
     ("var/lib/dpkg/status", "f", status(("base-files", "12.4"), ("libc6", "2.36-9"),
                                         ("oldpkg", "1.0"))),
     ("app", "d", None), ("app/package-lock.json", "f", npm_lock("left-pad", "1.3.0")),
     ("opt/data/old", "d", None),
     ("opt/data/old/requirements.txt", "f", b"requests==2.31.0\n"),
     ("web", "d", None), ("web/package-lock.json", "f", npm_lock("is-number", "7.0.0")),
     ("usr/share/doc/README", "f", b"nothing to see\n")],
    [("var/lib/dpkg/status", "f", status(("base-files", "12.4"),
                                         ("libc6", "2.36-9+deb12u3"), ("newpkg", "2.0"))),
     ("web", "l", "app"),
     ("app/requirements.txt", "f", b"six==1.16.0\n")],
    [("app/.wh.package-lock.json", "f", b""),
     ("opt/data/.wh..wh..opq", "f", b""),
     ("opt/data/new/requirements.txt", "f", b"flask==3.0.0\n"),
     ("srv", "d", None), ("srv/go.mod", "f", GO_MOD), ("srv/go.sum", "f", GO_SUM),
     ("srv/go.mod.bak", "h", "srv/go.mod")],
]


def info(name, kind, size=0, link=None):
    ti = tarfile.TarInfo(name)
    ti.mtime = MTIME
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = "root"
    ti.mode = 0o755 if kind == "d" else 0o644
    ti.type = {"f": tarfile.REGTYPE, "d": tarfile.DIRTYPE, "l": tarfile.SYMTYPE,
               "h": tarfile.LNKTYPE}[kind]
    ti.size = size if kind == "f" else 0
    if link is not None:
        ti.linkname = link
    return ti


def make_tar(entries):
    """entries: (name, kind, data); returns the tar bytes."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, kind, data in entries:
            if kind == "f":
                t.addfile(info(name, "f", len(data)), io.BytesIO(data))
            elif kind in ("l", "h"):
                t.addfile(info(name, kind, link=data))
            else:
                t.addfile(info(name, kind))
    return buf.getvalue()


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    return buf.getvalue()


def sha(data):
    return hashlib.sha256(data).hexdigest()


def config(diff_ids, arch="amd64"):
    return json.dumps({
        "architecture": arch, "os": "linux",
        "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"]},
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + d for d in diff_ids]},
        "history": [{"created_by": "make-images.py"}]}, separators=(",", ":")).encode()


def write_tar(path, files):
    """files: (name, bytes) in order; regular files only, as docker save writes them."""
    with tarfile.open(os.path.join(HERE, path), mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in files:
            t.addfile(info(name, "f", len(data)), io.BytesIO(data))


def layer_tars():
    return [make_tar(entries) for entries in LAYERS]


def docker_save():
    tars = layer_tars()
    diff = [sha(t) for t in tars]
    cfg = config(diff)
    files = []
    ids = []
    parent = ""
    for i, t in enumerate(tars):
        lid = sha((parent + diff[i]).encode())  # a v1 id: not a content digest
        ids.append(lid)
        files += [(f"{lid}/VERSION", b"1.0"),
                  (f"{lid}/json", json.dumps({"id": lid}).encode()),
                  (f"{lid}/layer.tar", t)]
        parent = lid
    files.append((sha(cfg) + ".json", cfg))
    files.append(("repositories", json.dumps({"example/app": {"1.0": ids[-1]}}).encode()))
    manifest = [{"Config": sha(cfg) + ".json", "RepoTags": ["example/app:1.0"],
                 "Layers": [f"{i}/layer.tar" for i in ids]}]
    files.append(("manifest.json", json.dumps(manifest).encode()))
    write_tar("docker-save.tar", files)


def oci_manifest(cfg, layer_blobs, media="application/vnd.oci.image.layer.v1.tar+gzip"):
    return json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": "sha256:" + sha(cfg), "size": len(cfg)},
        "layers": [{"mediaType": media, "digest": "sha256:" + sha(b), "size": len(b)}
                   for b in layer_blobs]}, separators=(",", ":")).encode()


def index(man, annotations=None, platform=None,
          media="application/vnd.oci.image.manifest.v1+json"):
    d = {"mediaType": media, "digest": "sha256:" + sha(man), "size": len(man)}
    if annotations:
        d["annotations"] = annotations
    if platform:
        d["platform"] = platform
    return d


def docker25_save():
    tars = layer_tars()
    cfg = config([sha(t) for t in tars])
    man = oci_manifest(cfg, tars, "application/vnd.oci.image.layer.v1.tar")
    idx = json.dumps({"schemaVersion": 2,
                      "mediaType": "application/vnd.oci.image.index.v1+json",
                      "manifests": [index(man, {
                          "io.containerd.image.name": "docker.io/example/app:1.0",
                          "org.opencontainers.image.ref.name": "1.0"})]}).encode()
    manifest = [{"Config": "blobs/sha256/" + sha(cfg), "RepoTags": ["example/app:1.0"],
                 "Layers": ["blobs/sha256/" + sha(t) for t in tars]}]
    files = [("manifest.json", json.dumps(manifest).encode()),
             ("oci-layout", b'{"imageLayoutVersion":"1.0.0"}'), ("index.json", idx)]
    for b in tars + [cfg, man]:
        files.append(("blobs/sha256/" + sha(b), b))
    write_tar("docker25-save.tar", files)


def podman_save():
    tars = layer_tars()
    diff = [sha(t) for t in tars]
    cfg = config(diff)
    files = [(d + ".tar", t) for d, t in zip(diff, tars)]
    files.append((sha(cfg) + ".json", cfg))
    manifest = [{"Config": sha(cfg) + ".json", "RepoTags": ["localhost/example/app:1.0"],
                 "Layers": [d + ".tar" for d in diff]}]
    files.append(("manifest.json", json.dumps(manifest).encode()))
    write_tar("podman-save.tar", files)


def oci_layout(name="oci-layout", diff_ids=True):
    out = os.path.join(HERE, name)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "blobs", "sha256"))
    tars = layer_tars()
    blobs = [gz(t) for t in tars]
    cfg = config([sha(t) for t in tars] if diff_ids else [])
    man = oci_manifest(cfg, blobs)
    idx = json.dumps({"schemaVersion": 2, "manifests": [index(man, {
        "org.opencontainers.image.ref.name": "1.0"})]}, indent=2).encode()
    for b in blobs + [cfg, man]:
        with open(os.path.join(out, "blobs", "sha256", sha(b)), "wb") as f:
            f.write(b)
    with open(os.path.join(out, "oci-layout"), "wb") as f:
        f.write(b'{"imageLayoutVersion": "1.0.0"}')
    with open(os.path.join(out, "index.json"), "wb") as f:
        f.write(idx)


def oci_multi():
    files = []
    mans = []
    for arch, pkg in (("arm64", b"armonly==1.0\n"), ("amd64", b"amdonly==1.0\n")):
        t = make_tar([("app", "d", None), ("app/requirements.txt", "f", pkg)])
        b = gz(t)
        cfg = config([sha(t)], arch)
        man = oci_manifest(cfg, [b])
        files += [("blobs/sha256/" + sha(x), x) for x in (b, cfg, man)]
        mans.append(index(man, platform={"architecture": arch, "os": "linux"}))
    attest = json.dumps({"schemaVersion": 2, "layers": []}).encode()
    files.append(("blobs/sha256/" + sha(attest), attest))
    mans.append(index(attest, platform={"architecture": "unknown", "os": "unknown"}))
    inner = json.dumps({"schemaVersion": 2,
                        "mediaType": "application/vnd.oci.image.index.v1+json",
                        "manifests": mans}).encode()
    files.append(("blobs/sha256/" + sha(inner), inner))
    outer = json.dumps({"schemaVersion": 2, "manifests": [index(
        inner, {"org.opencontainers.image.ref.name": "registry.example:5000/multi:2.1"},
        media="application/vnd.oci.image.index.v1+json")]}).encode()
    files = [("oci-layout", b'{"imageLayoutVersion":"1.0.0"}'), ("index.json", outer)] + files
    write_tar("oci-multi.tar", files)


def simple(path, layers, manifest_layers=None, names=None):
    """A docker-save archive of the given layer blobs, named by digest unless `names`."""
    names = names or ["blobs/sha256/" + sha(b) for b in layers]
    cfg = config([sha(b) for b in layers])
    manifest = [{"Config": "blobs/sha256/" + sha(cfg), "RepoTags": ["bad:1"],
                 "Layers": manifest_layers or names}]
    files = list(zip(names, layers)) + [("blobs/sha256/" + sha(cfg), cfg),
                                        ("manifest.json", json.dumps(manifest).encode())]
    write_tar(path, files)


def malformed():
    good = make_tar([("app", "d", None), ("app/requirements.txt", "f", b"six==1.16.0\n")])
    # no manifest.json
    write_tar("bad-no-manifest.tar", [("blobs/sha256/" + sha(good), good)])
    # a layer listed but absent
    missing = "blobs/sha256/" + "0" * 64
    simple("bad-missing-layer.tar", [good],
           manifest_layers=["blobs/sha256/" + sha(good), missing])
    # a digest mismatch: the name promises the digest of other bytes
    other = make_tar([("app", "d", None), ("app/requirements.txt", "f", b"six==1.15.0\n")])
    simple("bad-digest.tar", [good], names=["blobs/sha256/" + sha(other)])
    # entries that leave the root
    evil = make_tar([("../evil/requirements.txt", "f", b"evil==6.6.6\n"),
                     ("/abs/requirements.txt", "f", b"abs==6.6.6\n"),
                     ("./app/requirements.txt", "f", b"six==1.16.0\n")])
    simple("bad-dotdot.tar", [evil])
    # a truncated gzip layer
    z = gz(make_tar([("app", "d", None),
                     ("app/requirements.txt", "f", b"six==1.16.0\n" * 400)]))
    simple("bad-truncated-gzip.tar", [z[: len(z) // 2]])
    # manifest.json that is not valid JSON
    write_tar("bad-json.tar", [("blobs/sha256/" + sha(good), good),
                               ("manifest.json", b'[{"Config": "x.json", "Layers": [\n')])


def main():
    docker_save()
    docker25_save()
    podman_save()
    oci_layout()
    oci_layout("oci-no-diff-ids", diff_ids=False)
    oci_multi()
    malformed()


if __name__ == "__main__":
    main()
