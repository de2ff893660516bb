#!/usr/bin/env bash
# Installs what crakit needs to build and test on Debian 12 (DESIGN.md §6). Idempotent: installs
# only what is missing and says what it installs. Works as root or through sudo.
#   scripts/deps.sh            build + test dependencies
#   scripts/deps.sh --no-test  build dependencies only
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

build_pkgs=(gcc make pkg-config libjansson-dev libyaml-dev libxml2-dev libarchive-dev
  libsqlite3-dev libssl-dev libpcre2-dev libcurl4-openssl-dev zlib1g-dev)
test_pkgs=(libcmocka-dev clang libclang-rt-14-dev nodejs npm tzdata python3-yaml chromium)
want=("${build_pkgs[@]}")
[ "${1:-}" = "--no-test" ] || want+=("${test_pkgs[@]}")

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "deps.sh: not root and no sudo: install ${want[*]} by hand" >&2; exit 1
  fi
fi

missing=()
for p in "${want[@]}"; do
  # nodejs/npm may come from elsewhere than Debian (a preinstalled node): accept the command.
  case $p in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Test-only tools from npm, kept out of the tree in tools/node_modules (git-ignored):
# ajv validates every SBOM we write against the official JSON schemas; @microsoft/jest-sarif
# ships the official SARIF 2.1.0 schema (lib/schemas/sarif-2.1.0-rtm.5.json) for the scan outputs,
# a draft-04 schema: ajv-draft-04 reads it.
if [ "${1:-}" != "--no-test" ]; then
  tdir="$here/tools"
  if [ ! -f "$tdir/node_modules/ajv/package.json" ] ||
    [ ! -f "$tdir/node_modules/ajv-draft-04/package.json" ] ||
    [ ! -f "$tdir/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" ]; then
    echo "deps.sh: installing ajv, ajv-formats, ajv-draft-04 and @microsoft/jest-sarif from npm into tools/" >&2
    mkdir -p "$tdir"
    (cd "$tdir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  fi
fi
