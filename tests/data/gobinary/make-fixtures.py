#!/usr/bin/env python3
"""Writes the small synthetic Go executables of tests/data/gobinary/.

Real Go binaries are 1-2 MB even stripped; these files hold only what a reader of Go build
information looks at: an ELF (or Mach-O) header, program headers, the .go.buildinfo section and
the strings it points to. The layouts follow the ELF specification and the build-information
format Go writes (see src/detect/gobinary.c). Run from the repository root:

    python3 tests/data/gobinary/make-fixtures.py

The output is deterministic; commit the generated files with this script.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
MAGIC = b"\xff Go buildinf:"
# The 16-byte sentinels Go's linker puts around the module information.
MOD_START = b"0w\xaf\x0c\x92t\x08\x02A\xe1\xc1\x07\xe6\xd6\x18\xe6"
MOD_END = b"\xf92C1\x86\x18 r\x00\x82B\x10A\x16\xd8\xf2"

PT_LOAD, PF_X, PF_W, PF_R = 1, 1, 2, 4
SHT_PROGBITS, SHT_STRTAB = 1, 3


def uvarint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def framed(modinfo):
    return MOD_START + modinfo.encode() + MOD_END


def inline_blob(vers, modinfo, ptrsize=8, raw_mod=None):
    hdr = MAGIC + bytes([ptrsize, 0x02]) + bytes(16)
    mod = raw_mod if raw_mod is not None else framed(modinfo)
    return hdr + uvarint(len(vers)) + vers.encode() + uvarint(len(mod)) + mod


def pointer_blob(vers, modinfo, vaddr, ptrsize, big):
    """Old format: header with two pointers to Go string headers, then the strings."""
    e = ">" if big else "<"
    w = "I" if ptrsize == 4 else "Q"
    mod = framed(modinfo)
    hdr_len = 32
    sh1 = vaddr + hdr_len                  # string header of the version
    sh2 = sh1 + 2 * ptrsize                # string header of the module info
    s1 = sh2 + 2 * ptrsize                 # version bytes
    s2 = s1 + len(vers)                    # module info bytes
    hdr = MAGIC + bytes([ptrsize, 0x01 if big else 0x00])
    hdr += struct.pack(e + w + w, sh1, sh2)
    hdr += bytes(hdr_len - len(hdr))
    body = struct.pack(e + w + w, s1, len(vers)) + struct.pack(e + w + w, s2, len(mod))
    return hdr + body + vers.encode() + mod


def elf(blob_fn, is64=True, big=False, sections=True, machine=62):
    """An executable with one RW PT_LOAD segment holding the data, and optionally section
    headers naming it .go.buildinfo. blob_fn(vaddr) returns the segment's bytes."""
    e = ">" if big else "<"
    ehsize, phentsize, shentsize = (64, 56, 64) if is64 else (52, 32, 40)
    data_off = 0x100
    vaddr = 0x400000 + data_off
    blob = blob_fn(vaddr)
    blob += bytes((-len(blob)) % 16)
    shstr = b"\x00.go.buildinfo\x00.shstrtab\x00"
    shstr_off = data_off + len(blob)
    sh_off = shstr_off + len(shstr)
    sh_off += (-sh_off) % 8
    nsec = 3 if sections else 0

    ident = b"\x7fELF" + bytes([2 if is64 else 1, 2 if big else 1, 1, 0]) + bytes(8)
    if is64:
        head = struct.pack(e + "HHIQQQIHHHHHH", 2, machine, 1, 0x401000, ehsize,
                           sh_off if sections else 0, 0, ehsize, phentsize, 1,
                           shentsize, nsec, 2 if sections else 0)
        ph = struct.pack(e + "IIQQQQQQ", PT_LOAD, PF_R | PF_W, data_off, vaddr, vaddr,
                         len(blob), len(blob), 0x1000)
    else:
        head = struct.pack(e + "HHIIIIIHHHHHH", 2, machine, 1, 0x401000, ehsize,
                           sh_off if sections else 0, 0, ehsize, phentsize, 1,
                           shentsize, nsec, 2 if sections else 0)
        ph = struct.pack(e + "IIIIIIII", PT_LOAD, data_off, vaddr, vaddr, len(blob),
                         len(blob), PF_R | PF_W, 0x1000)
    out = bytearray(ident + head + ph)
    out += bytes(data_off - len(out))
    out += blob + shstr
    out += bytes(sh_off - len(out))
    if sections:
        def sh(name, typ, flags, addr, off, size):
            if is64:
                return struct.pack(e + "IIQQQQIIQQ", name, typ, flags, addr, off, size, 0, 0,
                                   16, 0)
            return struct.pack(e + "IIIIIIIIII", name, typ, flags, addr, off, size, 0, 0, 16, 0)
        out += sh(0, 0, 0, 0, 0, 0)
        out += sh(1, SHT_PROGBITS, 3, vaddr, data_off, len(blob))
        out += sh(15, SHT_STRTAB, 0, 0, shstr_off, len(shstr))
    return bytes(out)


def macho(blob):
    """A 64-bit little-endian Mach-O executable with one __DATA segment holding the
    __go_buildinfo section (what the Go linker writes on macOS)."""
    blob = blob + bytes((-len(blob)) % 16)
    data_off = 0x100
    vmaddr = 0x100000000 + data_off
    seg = struct.pack("<II16sQQQQiiII", 0x19, 72 + 80, b"__DATA", vmaddr, len(blob), data_off,
                      len(blob), 3, 3, 1, 0)
    sect = struct.pack("<16s16sQQIIIIIIII", b"__go_buildinfo", b"__DATA", vmaddr, len(blob),
                       data_off, 4, 0, 0, 0, 0, 0, 0)
    # magic, cputype (x86_64), cpusubtype, filetype (MH_EXECUTE), ncmds, sizeofcmds, flags
    head = struct.pack("<IiiIIIII", 0xFEEDFACF, 0x01000007, 3, 2, 1, len(seg) + len(sect), 0, 0)
    out = head + seg + sect
    return out + bytes(data_off - len(out)) + blob


INLINE_MOD = "\n".join([
    "path\texample.com/app/cmd/app",
    "mod\texample.com/app\tv1.4.0\th1:qLfMh6OcCo7ZbFmOw4cLJbJqbzE1Pm9bMIpTaEGxr3s=",
    "dep\tgithub.com/pkg/errors\tv0.9.1\th1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=",
    "dep\tgolang.org/x/sys\tv0.21.0",
    "=>\tgolang.org/x/sys\tv0.22.0\th1:RI27ohtqKCnwULzJLqkv897zojh5/DwS/ENaMzUOaWI=",
    "dep\texample.com/local\tv0.0.0",
    "=>\t../local\t(devel)\t",
    "build\t-buildmode=exe",
    "build\t-compiler=gc",
    'build\t-ldflags="-s -w -X main.version=1.4.0"',
    "build\tCGO_ENABLED=0",
    "build\tvcs=git",
    "build\tvcs.revision=0123456789abcdef0123456789abcdef01234567",
    "build\tvcs.modified=true",
    "",
])

POINTER_MOD = "\n".join([
    "path\texample.com/tool",
    "mod\texample.com/tool\t(devel)\t",
    "dep\tgithub.com/google/uuid\tv1.3.0\th1:t6FVCMvGZS5AsA1hmXFoLvb5lqaHYs8FJ2fTzRkmEPU=",
    "",
])

OLD_MOD = "\n".join([
    "path\tgithub.com/acme/cli",
    "mod\tgithub.com/acme/cli\tv0.3.1\t",
    "dep\tgopkg.in/yaml.v2\tv2.4.0\th1:D8xgwECY7CYvx+Y2n4sBz93Jn9JRvxdiyyo8CTfuKaY=",
    "",
])


def main():
    files = {
        # Go >= 1.18: strings inline after the header; ELF64 little endian with sections.
        "inline-elf64le": elf(lambda va: inline_blob("go1.22.5", INLINE_MOD)),
        # Go < 1.18: pointers to string headers; ELF32 big endian (MIPS), with sections.
        "pointer-elf32be": elf(lambda va: pointer_blob("go1.17.13", POINTER_MOD, va, 4, True),
                               is64=False, big=True, machine=8),
        # Go < 1.18, ELF64 without section headers: found through the writable segment.
        "pointer-elf64le-nosections": elf(
            lambda va: pointer_blob("go1.16.15", OLD_MOD, va, 8, False), sections=False),
        # An ELF executable that is not a Go program.
        "not-go-elf64le": elf(lambda va: b"\x00" * 64 + b"just data" + b"\x00" * 55),
        # Build information whose module-info length runs past the end of the section.
        "truncated-elf64le": elf(lambda va: MAGIC + bytes([8, 2]) + bytes(16) + b"\x08go1.21.0"
                                 + uvarint(100000) + b"dep\tx"),
        # A dep line with one field: malformed build information.
        "bad-modinfo-elf64le": elf(lambda va: inline_blob(
            "go1.21.0", "path\tx.org/y\nmod\tx.org/y\t(devel)\t\ndep\tonly-a-path\n")),
        # Mach-O, Go >= 1.18.
        "inline-macho64": macho(inline_blob("go1.21.0", "\n".join([
            "path\texample.org/mac", "mod\texample.org/mac\t(devel)\t",
            "dep\tgithub.com/mattn/go-isatty\tv0.0.20\t", ""]))),
    }
    for name, data in files.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
