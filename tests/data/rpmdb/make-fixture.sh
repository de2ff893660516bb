#!/bin/sh
# Rebuilds rpmdb.sqlite: two noarch packages built with rpmbuild and recorded (--justdb) in a
# fresh rpm 4.18 sqlite database, vacuumed to 512-byte pages to stay small, left in WAL mode
# as rpm leaves it. Needs Debian's `rpm` and `sqlite3` packages. The other files here are
# written by hand (Packages: Berkeley DB hash magic at offset 12; Packages.db: NDB "RpmP";
# truncated.sqlite: the first 4096 bytes of rpmdb.sqlite). Rebuilding changes the digests and
# build times that tests/unit/detect/test_rpmdb.c asserts: update them with it.
#
#   crk-base 1.0-1      License MIT, Provides crk-virtual
#   crk-app 2:3.1-4.fc40 License GPLv2+ (not SPDX), Requires crk-virtual
set -eu
out=$(cd "$(dirname "$0")" && pwd)
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
mkdir -p "$top/SPECS" "$top/db"
spec() { # name epoch-line version release license extra
	cat > "$top/SPECS/$1.spec" <<SPEC
Name: $1
$2
Version: $3
Release: $4
Summary: crakit test package $1
License: $5
Vendor: Example Vendor
BuildArch: noarch
$6

%description
A package for crakit's tests.

%files
SPEC
	rpmbuild --define "_topdir $top" -bb "$top/SPECS/$1.spec" >/dev/null 2>&1
}
spec crk-base '' 1.0 1 MIT 'Provides: crk-virtual'
spec crk-app 'Epoch: 2' 3.1 4.fc40 'GPLv2+' 'Requires: crk-virtual'
rpm --dbpath "$top/db" --initdb
rpm --dbpath "$top/db" -i --justdb --nodeps --nosignature "$top"/RPMS/noarch/crk-base-*.rpm \
	"$top"/RPMS/noarch/crk-app-*.rpm
cp "$top/db/rpmdb.sqlite" "$top/small.sqlite"
sqlite3 "$top/small.sqlite" "PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM;
PRAGMA journal_mode=WAL;" >/dev/null
cp "$top/small.sqlite" "$out/rpmdb.sqlite"
head -c 4096 "$out/rpmdb.sqlite" > "$out/truncated.sqlite"
