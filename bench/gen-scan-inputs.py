#!/usr/bin/env python3
"""gen-scan-inputs.py - inputs of bench/scan.sh, generated from the shared corpus (never copied
into the repository):

  gen-scan-inputs.py CORPUS OUTDIR [N]

writes
  OUTDIR/sbom-N.cdx.json     a CycloneDX 1.6 SBOM of N components (default 10,000) with real
                             package names: every package named by an OSV record of the corpus
                             (at a version inside one of its ranges, so findings happen), then
                             every package of the lockfile fixtures' expected results, until N
  OUTDIR/sbom-1000.cdx.json  the first 1,000 of them (for the per-component cost)
  OUTDIR/sbom-N-fixed.cdx.json  the same N packages, each at a version an advisory names as
                             `fixed` where there is one: a product that keeps up, few findings,
                             every lookup still made
  OUTDIR/sbom-N-current.cdx.json  (with CRAKIT=path-to-crakit in the environment) the same
                             packages, each at the highest `fixed` version of all its
                             advisories: a product that keeps up (unfixed advisories still match)
  OUTDIR/sbom-N-typical.cdx.json  (with CRAKIT, and apt) shaped like a product's SBOM: every
                             package the database names once, at its highest fixed version
                             (one in ten left at an affected version), then Debian 12 binary
                             packages from this machine's apt lists (no advisory) up to N
  OUTDIR/x10/part-K.json     a synthetic database 10x the corpus: the corpus records (part 0),
                             then nine copies with ids, aliases and package names suffixed
                             "-xK" (the index grows 10x; the records a real package matches do
                             not change, so the per-component cost can be compared)
Deterministic: the same corpus gives the same files.
"""
import hashlib
import json
import os
import subprocess
import sys

PURL_TYPE = {"PyPI": "pypi", "npm": "npm", "crates.io": "cargo", "Go": "golang", "Maven": "maven",
             "NuGet": "nuget", "RubyGems": "gem", "Packagist": "composer", "Pub": "pub",
             "Hex": "hex", "Hackage": "hackage", "CRAN": "cran"}


def pct(s):
    out = []
    for ch in s:
        if ch.isalnum() or ch in ".-_~":
            out.append(ch)
        else:
            out.extend("%%%02X" % b for b in ch.encode())
    return "".join(out)


def purl(eco, name, version):
    t = PURL_TYPE.get(eco)
    if not t:
        return None
    ns = None
    if eco == "Maven":
        if ":" not in name:
            return None
        ns, name = name.split(":", 1)
    elif eco in ("Go", "Packagist", "npm") and "/" in name:
        ns, name = name.rsplit("/", 1)
    if t == "pypi":
        name = name.lower().replace("_", "-")
    p = "pkg:%s/" % t
    if ns:
        p += "/".join(pct(x) for x in ns.split("/")) + "/"
    p += pct(name) + "@" + pct(version if t != "golang" or version.startswith("v") else "v" + version)
    return p, ns, name


def osv_records(corpus):
    root = os.path.join(corpus, "osv")
    for dirpath, dirnames, files in os.walk(root):
        dirnames.sort()
        if "/schema" in dirpath or "osv-schema-examples" in dirpath:
            continue
        for f in sorted(files):
            if f.endswith(".json"):
                try:
                    yield json.load(open(os.path.join(dirpath, f)))
                except (ValueError, UnicodeDecodeError):
                    pass


def affected_versions(a):
    """A few versions inside the entry's ranges."""
    for v in a.get("versions") or []:
        yield v
    for r in a.get("ranges") or []:
        if r.get("type") == "GIT":
            continue
        for e in r.get("events") or []:
            for k in ("introduced", "last_affected"):
                if e.get(k) and e[k] != "0":
                    yield e[k]


def compare(crakit, eco, pairs):
    """crakit version compare of (a, b) pairs of one ecosystem: -1, 0, 1 or None (invalid)."""
    if not pairs:
        return []
    text = "".join("%s\t%s\n" % p for p in pairs)
    r = subprocess.run([crakit, "version", "compare", "--ecosystem", eco], input=text,
                       capture_output=True, text=True)
    out = r.stdout.splitlines()
    if len(out) != len(pairs):
        sys.exit("gen-scan-inputs.py: crakit version compare --ecosystem %s: %d answers for "
                 "%d pairs" % (eco, len(out), len(pairs)))
    return [int(x) if x in ("-1", "0", "1") else None for x in out]


def current(crakit, comps, fixed_all):
    """The same packages, each at the highest version any advisory names as `fixed` (as the
    ecosystem orders versions, by crakit version compare, the comparator the corpus's oracle
    pairs check): a product that keeps up. Advisories with no fix still match, as they would
    in a real product; packages no advisory fixes keep their version."""
    best = {}
    for c in comps:
        cand = sorted(fixed_all.get((c["eco"], c["oname"]), ()))
        if cand:
            best[(c["eco"], c["oname"])] = cand
    # a tournament, one round per candidate: each round is one crakit call per ecosystem
    top = {k: v[0] for k, v in best.items()}
    rnd = 1
    while True:
        by_eco = {}
        for k, v in best.items():
            if rnd < len(v):
                by_eco.setdefault(k[0], []).append(k)
        if not by_eco:
            break
        for eco, keys in by_eco.items():
            res = compare(crakit, eco, [(top[k], best[k][rnd]) for k in keys])
            for k, r in zip(keys, res):
                if r == -1:
                    top[k] = best[k][rnd]
        rnd += 1
    out, seen = [], set()
    for c in comps:
        v = top.get((c["eco"], c["oname"]))
        c = dict(c)
        if v:
            r = purl(c["eco"], c["oname"], v)
            if r:
                c.update({"bom-ref": r[0], "purl": r[0], "version": v})
        if c["purl"] in seen:
            continue
        seen.add(c["purl"])
        out.append(c)
    return out


def debian_packages():
    """Debian's binary packages as this machine's apt lists know them (`apt-cache dumpavail`):
    real names and versions with their source packages, sorted; [] without apt."""
    try:
        text = subprocess.run(["apt-cache", "dumpavail"], capture_output=True, text=True,
                              check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    out, cur = [], {}
    for line in text.splitlines() + [""]:
        if not line:
            if cur.get("Package") and cur.get("Version"):
                out.append(cur)
            cur = {}
        elif ":" in line and not line.startswith(" "):
            k, v = line.split(":", 1)
            cur[k] = v.strip()
    seen, res = set(), []
    for p in sorted(out, key=lambda p: (p["Package"], p["Version"])):
        if p["Package"] in seen:
            continue
        seen.add(p["Package"])
        res.append(p)
    return res


def typical(crakit, comps, fixed_all, deb, n):
    """An SBOM shaped like a product's: every package the database names once (so every one
    is matched), at the highest fixed version where there is a fix -- one in ten stays at a
    version inside a range, as a product with some stale dependencies -- then Debian 12
    binary packages (most components of a real SBOM have no advisory at all) up to n."""
    first = {}
    for c in comps:
        if c["src"] == "osv":
            first.setdefault((c["eco"], c["oname"]), c)
    known = sorted(first.values(), key=lambda c: c["purl"])
    stale = [c for c in known if int(hashlib.sha1(c["purl"].encode()).hexdigest(), 16) % 10 == 0]
    fresh = current(crakit, [c for c in known if c not in stale], fixed_all)
    out = stale + fresh
    for p in deb:
        if len(out) >= n:
            break
        name, ver, arch = p["Package"], p["Version"], p.get("Architecture", "all")
        src = p.get("Source", "").split(" ")[0]
        q = "arch=%s&distro=debian-12" % arch
        if src and src != name:
            q += "&upstream=" + pct(src)
        r = "pkg:deb/debian/%s@%s?%s" % (pct(name), pct(ver), q)
        out.append({"type": "library", "bom-ref": r, "name": name, "version": ver,
                    "purl": r, "src": "debian", "eco": "Debian", "oname": name})
    return out[:n]


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    os.makedirs(os.path.join(out, "x10"), exist_ok=True)
    comps, seen = [], set()

    def add(eco, name, version, src):
        if not name or not version:
            return
        r = purl(eco, name, version)
        if not r or r[0] in seen:
            return
        seen.add(r[0])
        comps.append({"type": "library", "bom-ref": r[0], "group": r[1], "name": r[2],
                      "version": version, "purl": r[0], "src": src, "eco": eco, "oname": name})

    recs = list(osv_records(corpus))
    fixed = {}  # (ecosystem, name) -> a fixed version named by an advisory
    fixed_all = {}  # (ecosystem, name) -> every fixed version named
    for rec in recs:
        for a in rec.get("affected") or []:
            p = a.get("package") or {}
            for v in list(affected_versions(a))[:8]:
                add(p.get("ecosystem"), p.get("name"), v, "osv")
            for r in a.get("ranges") or []:
                for e in r.get("events") or []:
                    if e.get("fixed") and r.get("type") != "GIT":
                        fixed[(p.get("ecosystem"), p.get("name"))] = e["fixed"]
                        fixed_all.setdefault((p.get("ecosystem"), p.get("name")),
                                             set()).add(e["fixed"])
    index = json.load(open(os.path.join(corpus, "lockfiles", "INDEX.json")))
    for f in index.get("fixtures", []):
        exp = f.get("expected")
        if not exp:
            continue
        try:
            d = json.load(open(os.path.join(corpus, exp)))
        except (OSError, ValueError):
            continue
        for p in d.get("packages") or []:
            add(p.get("ecosystem"), p.get("name"), p.get("version"), "lockfile")

    # spread the ecosystems: a stable shuffle, then the first n
    comps.sort(key=lambda c: hashlib.sha1(c["purl"].encode()).hexdigest())
    if len(comps) < n:
        sys.exit("gen-scan-inputs.py: only %d distinct packages in the corpus (want %d)"
                 % (len(comps), n))
    up, useen = [], set()
    for c in comps[:n]:
        c = dict(c)
        v = fixed.get((c["eco"], c["oname"]))
        if v:
            r = purl(c["eco"], c["oname"], v)
            if r and r[0] not in useen:
                c.update({"bom-ref": r[0], "purl": r[0], "version": v})
        if c["purl"] in useen:
            continue
        useen.add(c["purl"])
        up.append(c)
    outs = [("sbom-%d" % n, comps[:n]), ("sbom-1000", comps[:1000]), ("sbom-%d-fixed" % n, up)]
    crakit = os.environ.get("CRAKIT")
    if crakit:
        outs.append(("sbom-%d-current" % n, current(crakit, comps[:n], fixed_all)))
        deb = debian_packages()
        if deb:
            outs.append(("sbom-%d-typical" % n, typical(crakit, comps, fixed_all, deb, n)))
    for name, lst in outs:
        doc = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
               "metadata": {"timestamp": "2025-08-26T00:00:00Z",
                            "component": {"type": "application", "bom-ref": "bench",
                                          "name": name}},
               "components": [{k: v for k, v in c.items()
                               if v is not None and k not in ("src", "eco", "oname")}
                              for c in lst]}
        with open(os.path.join(out, name + ".cdx.json"), "w") as fh:
            json.dump(doc, fh)
    for k in range(10):
        batch = []
        for r in recs:
            if "id" not in r:
                continue
            r = json.loads(json.dumps(r))
            if k:
                r["id"] = "%s-x%d" % (r["id"], k)
                r["aliases"] = ["%s-x%d" % (a, k) for a in r.get("aliases", [])]
                for a in r.get("affected", []):
                    if "package" in a and "name" in a["package"]:
                        a["package"]["name"] += "-x%d" % k
            batch.append(r)
        with open(os.path.join(out, "x10", "part-%d.json" % k), "w") as fh:
            json.dump(batch, fh)
    print("%d components (%d named by OSV records, %d from lockfile fixtures), %d records x 10"
          % (n, sum(c["src"] == "osv" for c in comps[:n]),
             sum(c["src"] == "lockfile" for c in comps[:n]), len(recs)))


if __name__ == "__main__":
    main()
