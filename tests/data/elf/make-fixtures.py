#!/usr/bin/env python3
"""Writes the small synthetic ELF files of tests/data/elf/.

Real binaries are megabytes; these hold only what the ELF detectors look at: the ELF header,
program headers (a PT_LOAD over the file, PT_DYNAMIC), section headers, .rodata with the
version strings, .dynamic/.dynstr (DT_SONAME, DT_NEEDED), .dep-v0 (cargo auditable) and
.go.buildinfo (Go). The layouts follow the System V ABI; the version strings are copied
byte for byte from real builds (Debian 12 packages unless said otherwise, see `sample` in
src/detect/clib.def). Run from the repository root:

    python3 tests/data/elf/make-fixtures.py

cargo-auditable is not installed offline, so app-auditable carries a .dep-v0 section written
here: zlib-compressed JSON in the format of the auditable-serde crate (cargo-auditable's
cargo-auditable.schema.json), as `cargo auditable build` embeds it.

The output is deterministic; commit the generated files with this script.
"""
import json
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

SHT_PROGBITS, SHT_STRTAB, SHT_DYNAMIC = 1, 3, 6
SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR = 1, 2, 4
PT_LOAD, PT_DYNAMIC = 1, 2
PF_X, PF_W, PF_R = 1, 2, 4
ET_EXEC, ET_DYN = 2, 3
DT_NULL, DT_NEEDED, DT_STRTAB, DT_STRSZ, DT_SONAME = 0, 1, 5, 10, 14
EM_X86_64, EM_MIPS, EM_ARM = 62, 8, 40


def align(n, a=8):
    return (n + a - 1) // a * a


def elf(sections, cls=64, be=False, etype=ET_DYN, machine=EM_X86_64, needed=(), soname=None,
        with_shdrs=True, load_flags=PF_R, base=0):
    """sections: list of (name, type, flags, bytes). Returns the file's bytes."""
    e = ">" if be else "<"
    w = "Q" if cls == 64 else "I"
    ehsize = 64 if cls == 64 else 52
    phentsize = 56 if cls == 64 else 32
    shentsize = 64 if cls == 64 else 40
    sections = list(sections)
    dyn_index = None
    if needed or soname:
        dynstr = b"\0"
        offs = []
        for n in needed:
            offs.append(len(dynstr))
            dynstr += n.encode() + b"\0"
        so_off = None
        if soname:
            so_off = len(dynstr)
            dynstr += soname.encode() + b"\0"
        sections.append((".dynstr", SHT_STRTAB, SHF_ALLOC, dynstr))
        # .dynamic is filled once addresses are known
        sections.append((".dynamic", SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, None))
        dyn_index = len(sections) - 1
    nph = 2 if dyn_index is not None else 1
    # layout
    off = ehsize + nph * phentsize
    placed = []
    dynstr_addr = dynstr_size = 0
    for name, typ, flags, data in sections:
        off = align(off)
        if data is None:  # .dynamic
            ents = [(DT_NEEDED, o) for o in offs]
            if soname:
                ents.append((DT_SONAME, so_off))
            ents += [(DT_STRTAB, dynstr_addr), (DT_STRSZ, dynstr_size), (DT_NULL, 0)]
            data = b"".join(struct.pack(e + w + w, t, v) for t, v in ents)
        placed.append((name, typ, flags, data, off))
        if name == ".dynstr":
            dynstr_addr, dynstr_size = base + off, len(data)
        off += len(data)
    shstr = b"\0"
    name_off = []
    for name, *_ in placed:
        name_off.append(len(shstr))
        shstr += name.encode() + b"\0"
    shstr_name = len(shstr)
    shstr += b".shstrtab\0"
    off = align(off)
    shstr_off = off
    off += len(shstr)
    off = align(off)
    shoff = off if with_shdrs else 0
    nsh = len(placed) + 2
    total = off + (nsh * shentsize if with_shdrs else 0)

    out = bytearray(total)
    ident = b"\x7fELF" + bytes([2 if cls == 64 else 1, 2 if be else 1, 1]) + bytes(9)
    entry = base
    hdr = ident + struct.pack(e + "HHI" + w + w + w + "IHHHHHH", etype, machine, 1, entry,
                              ehsize, shoff, 0, ehsize, phentsize, nph,
                              shentsize if with_shdrs else 0, nsh if with_shdrs else 0,
                              nsh - 1 if with_shdrs else 0)
    out[0:len(hdr)] = hdr
    # program headers
    ph = bytearray()
    if cls == 64:
        ph += struct.pack(e + "IIQQQQQQ", PT_LOAD, load_flags, 0, base, base, shstr_off,
                          shstr_off, 0x1000)
    else:
        ph += struct.pack(e + "IIIIIIII", PT_LOAD, 0, base, base, shstr_off, shstr_off,
                          load_flags, 0x1000)
    if dyn_index is not None:
        _, _, _, ddata, doff = placed[dyn_index]
        if cls == 64:
            ph += struct.pack(e + "IIQQQQQQ", PT_DYNAMIC, PF_R | PF_W, doff, base + doff,
                              base + doff, len(ddata), len(ddata), 8)
        else:
            ph += struct.pack(e + "IIIIIIII", PT_DYNAMIC, doff, base + doff, base + doff,
                              len(ddata), len(ddata), PF_R | PF_W, 4)
    out[ehsize:ehsize + len(ph)] = ph
    for name, typ, flags, data, o in placed:
        out[o:o + len(data)] = data
    out[shstr_off:shstr_off + len(shstr)] = shstr
    if with_shdrs:
        sh = bytearray(shentsize)  # SHN_UNDEF
        dynstr_idx = 1 + [p[0] for p in placed].index(".dynstr") if dyn_index is not None else 0
        for i, (name, typ, flags, data, o) in enumerate(placed):
            link = dynstr_idx if typ == SHT_DYNAMIC else 0
            addr = base + o if flags & SHF_ALLOC else 0
            if cls == 64:
                sh += struct.pack(e + "IIQQQQIIQQ", name_off[i], typ, flags, addr, o, len(data),
                                  link, 0, 8, 0)
            else:
                sh += struct.pack(e + "IIIIIIIIII", name_off[i], typ, flags, addr, o, len(data),
                                  link, 0, 4, 0)
        if cls == 64:
            sh += struct.pack(e + "IIQQQQIIQQ", shstr_name, SHT_STRTAB, 0, 0, shstr_off,
                              len(shstr), 0, 0, 1, 0)
        else:
            sh += struct.pack(e + "IIIIIIIIII", shstr_name, SHT_STRTAB, 0, 0, shstr_off,
                              len(shstr), 0, 0, 1, 0)
        out[shoff:shoff + len(sh)] = sh
    return bytes(out)


def rodata(*strings, junk=b"\x10\x00\x00\x00\xff\xff\x00\x00"):
    """NUL-separated strings with a little non-text between them, as in a real .rodata."""
    data = junk
    for s in strings:
        data += (s.encode("latin-1") if isinstance(s, str) else s) + b"\0" + junk
    return data


def ro(*strings):
    return (".rodata", SHT_PROGBITS, SHF_ALLOC, rodata(*strings))


def text():
    return (".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
            b"\x55\x48\x89\xe5" + b"OpenSSL 9.9.9 1 Jan 2099\0" + b"\xc3")  # code is not read


def write(rel, data):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


# ---- one sample per row of src/detect/clib.def: the real string (plus, for rows that look
# for a bare version, the string that says the library is there) ----
SAMPLES = [
    ("openssl", [ro("OpenSSL 3.0.19 27 Jan 2026")], {}),
    ("zlib", [ro(" inflate 1.2.13 Copyright 1995-2022 Mark Adler ",
                 " deflate 1.2.13 Copyright 1995-2022 Jean-loup Gailly and Mark Adler ")], {}),
    ("zlib-bare", [ro("too many length or distance symbols", "1.2.13")], {}),
    ("curl-lib", [ro("CLIENT libcurl 7.88.1\r\nMATCH %s %s %s\r\nQUIT\r\n", "libcurl/7.88.1")], {}),
    ("curl-tool", [ro("curl 7.88.1 (x86_64-pc-linux-gnu) %s\n",
                      "Release-Date: %s, security patched: %s\n")], {}),
    ("sqlite", [ro("SQLite format 3", b"\x08\x00\x00\x003.40.1",
                   "failed memory resize %u to %u bytes")], {}),
    ("busybox", [ro("BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)", "/dev/")], {}),
    ("glibc", [ro("GNU C Library (Debian GLIBC 2.36-9+deb12u14) stable release version 2.36.")],
     {}),
    ("libpng", [ro("\nlibpng version 1.6.39\nCopyright (c) 2018-2022 Cosmin Truta\n",
                   " libpng version 1.6.39 - November 20, 2022\n\n")], {}),
    ("expat", [ro("parsing finished", "invalid argument", "expat_2.5.0", "\\0")], {}),
    ("libxml2", [ro(b"\xf4\xc7\xf6\xff::20914", "xmlGetGlobalState: out of memory\n",
                    "xmlParseCharRef: invalid xmlChar value %d\n")], {}),
    ("pcre", [ro("\\ at end of pattern", b"\x9c\x7f\xfe\xff8.39 2016-06-14")], {}),
    ("pcre2", [ro("\\ at end of pattern", b"\x03y\x0010.42 2022-12-11")], {}),
    ("lz4", [ro("ERROR_frameType_unknown", "1.9.4")], {}),
    ("zstd", [ro("Frame requires too much memory for decoding", b"w\xca\xeb\x851.5.4")], {}),
    ("xz", [ro("5.4.1")], {"soname": "liblzma.so.5"}),
    ("bzip2", [ro("\n\nbzip2/libbzip2: internal error number %d.\n", "w", "r",
                  "1.0.8, 13-Jul-2019", "OK", "SEQUENCE_ERROR")], {}),
    ("libjpeg-turbo", [ro("libjpeg-turbo version 2.1.5 (build 20230203)",
                          "Copyright (C) 1991-2023 The libjpeg-turbo Project and many others")],
     {}),
    # IJG libjpeg 9e (libjpeg's jversion.h), not in Debian 12: the strings of its source
    ("libjpeg", [ro("9e  16-Jan-2022",
                    "Copyright (C) 2022, Thomas G. Lane, Guido Vollbeding")], {}),
    ("openssh", [ro("Cannot specify -J with ProxyCommand", "OpenSSH_9.2p1 Debian-2+deb12u6",
                    "OpenSSH_2.*,OpenSSH_3.0*,OpenSSH_3.1*")], {}),
    ("dropbear", [ro("Crypto error", "SSH-2.0-dropbear_2022.83\r\n", "/bin/sh")], {}),
    ("lighttpd", [ro("lighttpd/1.4.69", "server")], {}),
    ("nginx", [ro("nginx version: nginx/1.22.1\n", "nginx/1.22.1")], {}),
    ("dnsmasq", [ro("/etc/dnsmasq.conf", "dnsmasq-2.90", "version.bind")], {}),
    ("mbedtls", [ro("failed (ignored)", "mbed TLS 2.28.3", "MBEDTLS_HAVE_ASM")], {}),
    # Mbed TLS 3.x (MBEDTLS_VERSION_STRING_FULL "Mbed TLS 3.6.0", build_info.h)
    ("mbedtls-3", [ro("Mbed TLS 3.6.0")], {}),
    ("wolfssl", [ro("./src/pk.c", "wolfSSL 5.5.4", "FFDHE_4096")], {}),
    ("gnutls", [ro("Enabled GnuTLS 3.7.9 logging...\n", "3.7.9")], {}),
    ("libssh2", [ro(" length", "SSH-2.0-libssh2_1.10.0", "Timed out waiting")], {}),
    ("u-boot", [ro("U-Boot 2023.01+dfsg-2+deb12u3 (Jun 22 2026 - 08:38:07 +0000)")], {}),
]

for name, secs, kw in SAMPLES:
    write("samples/%s.so" % name, elf(secs, **kw))

# ---- scenarios ----

# a shared library that is the project: DT_SONAME, DT_NEEDED; a version string in .text is
# not read
write("usr/lib/libcrypto.so.3",
      elf([text(), ro("OpenSSL 3.0.19 27 Jan 2026")], soname="libcrypto.so.3",
          needed=["libc.so.6"]))

# a static executable carrying OpenSSL and zlib: curl is the file, the others are in it
write("bin/curl",
      elf([ro("curl 8.5.0 (x86_64-pc-linux-gnu) %s\n", "curl/8.5.0",
              " inflate 1.3 Copyright 1995-2023 Mark Adler ", "OpenSSL 3.0.13 30 Jan 2024")],
          etype=ET_EXEC, base=0x400000))

# nginx links libssl.so.3: its OPENSSL_VERSION_TEXT comes from the header, not a copy
write("usr/sbin/nginx",
      elf([ro("nginx version: nginx/1.22.1\n", "OpenSSL 3.0.22 25 Aug 2026", "nginx/1.22.1")],
          etype=ET_DYN, needed=["libcrypt.so.1", "libpcre2-8.so.0", "libssl.so.3",
                                "libcrypto.so.3", "libz.so.1", "libc.so.6"]))

# 32-bit big-endian (MIPS) BusyBox, as in router firmware
write("bin/busybox",
      elf([ro("BusyBox v1.36.1 (2023-06-10 12:00:00 UTC) multi-call binary.")], cls=32,
          be=True, etype=ET_EXEC, machine=EM_MIPS, base=0x400000, needed=["libc.so.0"]))

# no section headers: the PT_LOAD segment is searched
write("sbin/dropbear",
      elf([ro("SSH-2.0-dropbear_2022.83\r\n")], etype=ET_EXEC, base=0x10000, with_shdrs=False,
          cls=32, machine=EM_ARM))

# two bare versions that both look like lz4's and zstd's: ambiguous, nothing is reported
write("bin/ambiguous",
      elf([ro("ERROR_frameType_unknown", "Frame requires too much memory for decoding",
              "1.9.4", "1.5.4")], etype=ET_EXEC, base=0x400000))

# not a binary of interest, and broken ones
write("bin/plain", elf([ro("hello, world")], etype=ET_EXEC, base=0x400000,
                       needed=["libc.so.6"]))
whole = elf([ro("OpenSSL 3.0.19 27 Jan 2026")], soname="libcrypto.so.3", needed=["libc.so.6"])
write("broken/truncated.so", whole[:40])
# section headers pointing past the end of the file
bad = bytearray(whole)
struct.pack_into("<Q", bad, 0x28, 0x7FFFFFFFFFFF0000)
write("broken/bad-shoff.so", bytes(bad))

# ---- Rust: cargo auditable ----
AUDIT = {
    "packages": [
        {"name": "app", "version": "0.1.0", "source": "local", "dependencies": [1, 2, 5, 6],
         "root": True},
        {"name": "serde", "version": "1.0.193", "source": "crates.io", "dependencies": [3]},
        {"name": "libc", "version": "0.2.150", "source": "crates.io"},
        {"name": "serde_derive", "version": "1.0.193", "source": "crates.io", "kind": "build",
         "dependencies": [4]},
        {"name": "proc-macro2", "version": "1.0.70", "source": "crates.io", "kind": "build"},
        {"name": "fork", "version": "0.3.0", "source": "git"},
        {"name": "internal", "version": "2.1.0", "source": "registry"},
    ]
}
dep = zlib.compress(json.dumps(AUDIT, separators=(",", ":")).encode(), 9)
write("target/release/app",
      elf([ro("app"), (".dep-v0", SHT_PROGBITS, 0, dep)], etype=ET_DYN,
          needed=["libgcc_s.so.1", "libc.so.6"]))
write("target/release/app-bad-dep",
      elf([(".dep-v0", SHT_PROGBITS, 0, b"not zlib data at all")], etype=ET_DYN))

# ---- Go with cgo: build info, DT_NEEDED, and SQLite compiled in ----
MAGIC = b"\xff Go buildinf:"
MOD_START = b"0w\xaf\x0c\x92t\x08\x02A\xe1\xc1\x07\xe6\xd6\x18\xe6"
MOD_END = b"\xf92C1\x86\x18 r\x00\x82B\x10A\x16\xd8\xf2"


def uvarint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


modinfo = ("path\texample.com/cgoapp\n"
           "mod\texample.com/cgoapp\tv0.2.0\t\n"
           "dep\tgithub.com/mattn/go-sqlite3\tv1.14.22\t"
           "h1:2gZY6PC6kBnID23Tichd1K+Z0oS6nE/XwU+Vz/5o4kU=\n"
           "build\tCGO_ENABLED=1\n")
vers = "go1.22.5"
mod = MOD_START + modinfo.encode() + MOD_END
bi = MAGIC + bytes([8, 0x02]) + bytes(16) + uvarint(len(vers)) + vers.encode() + \
    uvarint(len(mod)) + mod
write("bin/cgoapp",
      elf([ro("SQLite format 3", "3.45.1"), (".go.buildinfo", SHT_PROGBITS,
                                               SHF_ALLOC | SHF_WRITE, bi)],
          etype=ET_EXEC, base=0x400000, needed=["libc.so.6"]))
