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
  OUTDIR/x10/part-K.json     a synthetic database 10x the corpus: the corpus records (part 0),
                             then nine copies with ids, aliases and package names suffixed
                             "-xK" (the index grows 10x; the records a real package matches do
                             not change, so the per-component cost can be compared)
Deterministic: the same corpus gives the same files.
"""
import hashlib
import json
import os
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
    for rec in recs:
        for a in rec.get("affected") or []:
            p = a.get("package") or {}
            for v in list(affected_versions(a))[:8]:
                add(p.get("ecosystem"), p.get("name"), v, "osv")
            for r in a.get("ranges") or []:
                for e in r.get("events") or []:
                    if e.get("fixed") and r.get("type") != "GIT":
                        fixed[(p.get("ecosystem"), p.get("name"))] = e["fixed"]
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
    for name, lst in (("sbom-%d" % n, comps[:n]), ("sbom-1000", comps[:1000]),
                      ("sbom-%d-fixed" % n, up)):
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
