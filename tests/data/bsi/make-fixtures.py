#!/usr/bin/env python3
"""Builds the wheels of tests/data/bsi/product/ (deterministic: fixed timestamps, sorted
entries), a product whose SBOM can meet BSI TR-03183-2 v2.1: each wheel's METADATA names its
author's email and its licence. Run from this directory; the wheels are committed."""
import zipfile

def wheel(path, name, version, author_email, license_expr, requires=()):
    meta = (f"Metadata-Version: 2.4\nName: {name}\nVersion: {version}\n"
            f"Summary: {name}, a fixture\nAuthor-email: {author_email}\n"
            f"License-Expression: {license_expr}\n"
            + "".join(f"Requires-Dist: {r}\n" for r in requires))
    files = {
        f"{name}/__init__.py": "VERSION = %r\n" % version,
        f"{name}-{version}.dist-info/METADATA": meta,
        f"{name}-{version}.dist-info/WHEEL": "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n in sorted(files):
            info = zipfile.ZipInfo(n, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[n])

wheel("product/dist/acme_app-2.0.0-py3-none-any.whl", "acme_app", "2.0.0",
      "ACME Devs <devs@acme.example>", "Apache-2.0", ["tinylib>=1.0"])
wheel("product/dist/tinylib-1.4.1-py3-none-any.whl", "tinylib", "1.4.1",
      "Jo Maintainer <jo@tinylib.example>", "MIT OR BSD-3-Clause")
