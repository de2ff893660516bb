#!/usr/bin/env python3
"""corpus-counts.py - the expected result of reading every SBOM of the shared corpus
(corpus/sbom/), computed independently of crakit with Python's json and xml modules, for
tests/unit/formats/test_sbom_read.c. Writes corpus-counts.txt beside this file:

    <path relative to the corpus> <format> <components>     (crakit must read it, exactly that many)
    <path relative to the corpus> error <why>               (crakit must refuse it)

The count is what crakit's model holds (include/crakit/sbomio.h):
  - CycloneDX (JSON, XML): every component entry, nested ones included (also those nested in
    metadata.component), not metadata.component itself, not the tools; entries without a name
    and a purl are left out; entries are one component when their purl strings are equal, else
    when group, name and version are;
  - SPDX 2 (JSON, tag-value, YAML read with PyYAML's safe_load): every package except the one the document describes when it
    describes exactly one package (that is the product); one component per purl string, else per
    name and version;
  - SPDX 3 (JSON-LD): every software_Package / ai_AIPackage / dataset_DatasetPackage except the
    product (the one package among the document's root elements, looking through a
    software_Sbom, and what they "describe"), grouped as for SPDX 2.
Errors: a document that is not one of those formats (SPDX RDF and XML; not an SBOM),
bomFormat other than CycloneDX, a CycloneDX spec version crakit does not read (2.x, 1.0/1.1 JSON
does not exist), broken JSON or XML, an SPDX 3 specVersion other than 3.0.x.
Run: python3 tests/data/sbom-in/corpus-counts.py [CORPUS]   (default ../shared/corpus)
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

import yaml

CORPUS = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CRAKIT_CORPUS", "../shared/corpus")
HERE = os.path.dirname(os.path.abspath(__file__))


def key(purl, group, name, version):
    if purl:
        return ("purl", purl)
    return ("ngv", group or "", name or "", version or "")


def cdx_json(doc):
    if not isinstance(doc, dict) or doc.get("bomFormat") != "CycloneDX":
        return None, "bomFormat is not CycloneDX"
    spec = doc.get("specVersion")
    m = re.match(r"^1\.(\d+)", spec or "")
    if not m or int(m.group(1)) < 2:
        return None, "specVersion %s" % spec
    keys = set()

    def walk(comps, depth):
        for c in comps or []:
            if not isinstance(c, dict):
                continue
            if c.get("name") or c.get("purl"):
                keys.add(key(c.get("purl"), c.get("group"), c.get("name") or c.get("purl"),
                             c.get("version")))
            walk(c.get("components"), depth + 1)

    meta = doc.get("metadata") or {}
    if isinstance(meta.get("component"), dict):
        walk(meta["component"].get("components"), 1)
    walk(doc.get("components"), 0)
    return len(keys), None


def cdx_xml(root):
    m = re.match(r"^\{http://cyclonedx\.org/schema/bom/1\.(\d+)\}bom$", root.tag)
    if not m:
        return None, "not a CycloneDX XML document"
    ns = "{http://cyclonedx.org/schema/bom/1.%s}" % m.group(1)
    keys = set()

    def text(el, name):
        c = el.find(ns + name)
        return c.text.strip() if c is not None and c.text else None

    def walk(parent):
        if parent is None:
            return
        for c in parent.findall(ns + "component"):
            name, purl = text(c, "name"), text(c, "purl")
            if name or purl:
                keys.add(key(purl, text(c, "group"), name or purl, text(c, "version")))
            walk(c.find(ns + "components"))

    meta = root.find(ns + "metadata")
    if meta is not None and meta.find(ns + "component") is not None:
        walk(meta.find(ns + "component").find(ns + "components"))
    walk(root.find(ns + "components"))
    return len(keys), None


def spdx2_packages(packages, described):
    ids = {p.get("SPDXID") for p in packages}
    desc = [d for d in described if d in ids]
    product = desc[0] if len(set(desc)) == 1 else None
    keys = set()
    for p in packages:
        if p.get("SPDXID") == product or not p.get("name"):
            continue
        purl = None
        for r in p.get("externalRefs", []):
            if r.get("referenceType") in ("purl", "http://spdx.org/rdf/references/purl"):
                purl = purl or r.get("referenceLocator")
        v = p.get("versionInfo")
        if v in ("NOASSERTION", "NONE", ""):
            v = None
        keys.add(key(purl, None, p.get("name"), v))
    return len(keys)


def spdx2_json(doc):
    if not str(doc.get("spdxVersion", "")).startswith("SPDX-2."):
        return None, "spdxVersion %s" % doc.get("spdxVersion")
    docid = doc.get("SPDXID")
    described = list(doc.get("documentDescribes", []))
    for r in doc.get("relationships", []):
        if r.get("relationshipType") == "DESCRIBES" and (not docid or r.get("spdxElementId") == docid):
            described.append(r.get("relatedSpdxElement"))
        if r.get("relationshipType") == "DESCRIBED_BY" and (not docid or r.get("relatedSpdxElement") == docid):
            described.append(r.get("spdxElementId"))
    return spdx2_packages(doc.get("packages", []), described), None


def spdx2_tv(text):
    packages, described, cur, docid = [], [], None, None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line or line.startswith("#") or ":" not in line:
            continue
        tag, value = line.split(":", 1)
        value = value.strip()
        if value.startswith("<text>"):
            while "</text>" not in value and i < len(lines):
                value += "\n" + lines[i]
                i += 1
        if tag == "PackageName":
            cur = {"name": value, "externalRefs": []}
            packages.append(cur)
        elif tag in ("FileName", "SnippetSPDXID", "LicenseID"):
            cur = None
        elif tag == "SPDXID":
            if cur is not None:
                cur["SPDXID"] = value
            elif docid is None:
                docid = value
        elif tag == "PackageVersion" and cur is not None:
            cur["versionInfo"] = value
        elif tag == "ExternalRef" and cur is not None:
            parts = value.split()
            if len(parts) >= 3:
                cur["externalRefs"].append({"referenceType": parts[1], "referenceLocator": parts[2]})
        elif tag == "Relationship":
            parts = value.split()
            if len(parts) >= 3 and parts[1] == "DESCRIBES" and parts[0] == (docid or "SPDXRef-DOCUMENT"):
                described.append(parts[2])
    return spdx2_packages(packages, described), None


PKG_TYPES = ("software_Package", "ai_AIPackage", "dataset_DatasetPackage")


def spdx3(doc):
    graph = doc.get("@graph", [])
    byid = {}
    for e in graph:
        i = e.get("spdxId") or e.get("@id")
        if i and i not in byid:
            byid[i] = e
    spdxdoc = next((e for e in graph if e.get("type") == "SpdxDocument"), None)
    ci = None
    if spdxdoc and isinstance(spdxdoc.get("creationInfo"), str):
        ci = byid.get(spdxdoc["creationInfo"])
    if ci is None:
        ci = next((e for e in graph if e.get("type") == "CreationInfo"), {})
    if not str(ci.get("specVersion", "")).startswith("3.0"):
        return None, "specVersion %s" % ci.get("specVersion")
    roots = set()

    def collect(lst, depth):
        if depth > 4:
            return
        for v in lst if isinstance(lst, list) else [lst]:
            e = byid.get(v) if isinstance(v, str) else v
            if not isinstance(e, dict):
                continue
            if e.get("type") in PKG_TYPES:
                roots.add(e.get("spdxId") or e.get("@id"))
            elif e.get("type") in ("software_Sbom", "Bom", "Bundle"):
                collect(e.get("rootElement", []), depth + 1)

    if spdxdoc:
        collect(spdxdoc.get("rootElement", []), 0)
    for e in graph:
        if e.get("type") in ("Relationship", "LifecycleScopedRelationship") and \
                e.get("relationshipType") == "describes":
            f = byid.get(e.get("from"))
            if f is not None and (f is spdxdoc or f.get("type") in ("software_Sbom", "Bom")):
                for t in e.get("to", []):
                    te = byid.get(t)
                    if te is not None and te.get("type") in PKG_TYPES:
                        roots.add(t)
    product = next(iter(roots)) if len(roots) == 1 else None
    keys = set()
    for e in graph:
        if e.get("type") not in PKG_TYPES:
            continue
        i = e.get("spdxId") or e.get("@id")
        if i == product or not e.get("name"):
            continue
        purl = e.get("software_packageUrl")
        for x in e.get("externalIdentifier", []):
            if x.get("externalIdentifierType") == "packageUrl":
                purl = purl or x.get("identifier")
        keys.add(key(purl, None, e.get("name"), e.get("software_packageVersion")))
    return len(keys), None


def classify(path):
    raw = open(path, "rb").read()
    text = raw.decode("utf-8", "replace").lstrip("\ufeff").lstrip()
    if text.startswith("{"):
        try:
            doc = json.loads(text)
        except ValueError as e:
            return "error", "not well-formed JSON"
        if '"bomFormat"' in text:
            n, why = cdx_json(doc)
            return ("cyclonedx-json", n) if why is None else ("error", why)
        if '"spdxVersion"' in text:
            n, why = spdx2_json(doc)
            return ("spdx-json", n) if why is None else ("error", why)
        if '"@context"' in text and "spdx.org/rdf/3." in text:
            n, why = spdx3(doc)
            return ("spdx3-json", n) if why is None else ("error", why)
        return "error", "JSON of no SBOM format crakit reads"
    if text.startswith("<"):
        if "http://cyclonedx.org/schema/bom/" not in text:
            return "error", "XML that is not CycloneDX (SPDX RDF/XML or XML)"
        if "<!ENTITY" in text:
            return "error", "entity declarations"
        try:
            root = ET.fromstring(raw)
        except ET.ParseError:
            return "error", "not well-formed XML"
        n, why = cdx_xml(root)
        return ("cyclonedx-xml", n) if why is None else ("error", why)
    if re.search(r"^\s*SPDXVersion:", text[:65536], re.M):
        return ("spdx-tag-value",) + spdx2_tv(text)[:1]
    if re.search(r"""^\s*["']?spdxVersion["']?:""", text[:65536], re.M):
        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError:
            return "error", "not well-formed YAML"
        if not isinstance(doc, dict):
            return "error", "YAML that is no SPDX document"
        if doc.get("spdxVersion") not in ("SPDX-2.2", "SPDX-2.3"):
            return "error", "an SPDX version crakit does not read"
        n, why = spdx2_json(doc)
        return ("spdx-yaml", n) if why is None else ("error", why)
    return "error", "not an SBOM crakit reads (text)"


def main():
    base = os.path.join(CORPUS, "sbom")
    rows = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, CORPUS)
        if "/schema" in "/" + rel_dir or rel_dir.endswith("schema"):
            continue
        for f in sorted(filenames):
            if f.endswith(".md") or f.endswith(".expected.json") or f == "_file-detection.json":
                continue
            if f.endswith(".ext") and "random_file" in f:
                continue
            rel = os.path.join(rel_dir, f)
            fmt, n = classify(os.path.join(dirpath, f))
            if fmt == "error":
                rows.append("%s error %s" % (rel, n))
            else:
                rows.append("%s %s %d" % (rel, fmt, n))
    rows.sort()
    out = os.path.join(HERE, "corpus-counts.txt")
    with open(out, "w") as fh:
        fh.write("# generated by corpus-counts.py from the shared corpus: do not edit\n")
        fh.write("\n".join(rows) + "\n")
    print("%s: %d documents" % (out, len(rows)))


if __name__ == "__main__":
    main()
