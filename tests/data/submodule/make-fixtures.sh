#!/usr/bin/env bash
# Writes the git fixtures of tests/data/submodule/ and tests/data/gitindex/ with git itself
# (git 2.39), so the index files are exactly what git writes. Run from the repository root:
#
#     tests/data/submodule/make-fixtures.sh
#
# A directory named .git cannot be committed, so the superproject's git directory is stored
# as super/dotgit/; tests/unit/detect/test_submodule.c copies it to .git in a scratch tree.
# Index entries are added with --cacheinfo (no working tree), so their stat fields are zero
# and the output is deterministic.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
idx=$here/../gitindex
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp

ZLIB=51b7f2abdade71cd9bb0e7a373ef2610ec6f9daf   # madler/zlib v1.3.1
FMT=e69e5f977d458f2650bb346dadf2ad30c5320281    # fmtlib/fmt 10.2.1
PRIV=0123456789abcdef0123456789abcdef01234567
BLOB=e69de29bb2d1d6434b8b29ae775ad8c2e48c5391   # the empty blob

git init -q "$tmp/r"
cd "$tmp/r"
git update-index --add --cacheinfo 100644,$BLOB,.gitmodules
git update-index --add --cacheinfo 160000,$FMT,libs/fmt
git update-index --add --cacheinfo 100644,$BLOB,src/main.c
git update-index --add --cacheinfo 160000,$ZLIB,third_party/zlib
git update-index --index-version 2
cp .git/index "$idx/index-v2"
git update-index --skip-worktree src/main.c   # an extended flag: version 3
cp .git/index "$idx/index-v3"
git update-index --index-version 4            # prefix-compressed paths
cp .git/index "$idx/index-v4"

git init -q --object-format=sha256 "$tmp/s"
cd "$tmp/s"
git update-index --add --cacheinfo \
  160000,0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,deps/lib
cp .git/index "$idx/index-sha256"

# the superproject: .gitmodules, and its git directory as dotgit/
sup=$here/super
rm -rf "$sup/dotgit"
mkdir -p "$sup/dotgit/modules/zlib" "$sup/dotgit/modules/private/refs/heads"
cp "$idx/index-v4" "$sup/dotgit/index"
cat >"$sup/dotgit/config" <<CFG
[core]
	repositoryformatversion = 0
	bare = false
[remote "origin"]
	url = https://github.com/acme/app.git
	fetch = +refs/heads/*:refs/remotes/origin/*
[submodule "zlib"]
	active = true
	url = https://github.com/madler/zlib.git
CFG
echo "$ZLIB" >"$sup/dotgit/modules/zlib/HEAD"
cat >"$sup/dotgit/modules/zlib/packed-refs" <<REFS
# pack-refs with: peeled fully-peeled sorted
5d2e2b4ba3d6daa1d3ea7ec0f7c0a0b1b61a1e0c refs/tags/v1.3
^09155eaa2f9270dc4ed1fa13e2b4b2613e6e4851
e5a9b7b5c64f9af6ddcb82f4f8f8e5a5f2a1c7d3 refs/tags/v1.3.1
^$ZLIB
$ZLIB refs/remotes/origin/master
REFS
echo "ref: refs/heads/main" >"$sup/dotgit/modules/private/HEAD"
echo "$PRIV" >"$sup/dotgit/modules/private/refs/heads/main"
echo "wrote $idx/index-{v2,v3,v4,sha256} and $sup/dotgit"
