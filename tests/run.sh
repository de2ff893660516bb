#!/usr/bin/env bash
# Runs every test of crakit against the sanitised build ($B/san, built by `make check-build`)
# and ends with one line "N passed, N failed" (the line CI reads).
#   unit         tests/unit/<area>/test_<file>.c (cmocka), one count per test case
#   fuzz replay  every seed in tests/fuzz/corpus/<target>/ through each fuzz target, one count
#                per target
#   conformance  the shared corpus's lockfile fixtures (skipped when the corpus is absent)
#   schema       every SBOM we write, validated against the official JSON schemas
#   e2e          tests/e2e/NNNN-*/: the real binary, its stdout, stderr and exit status
#   lint         the shape rules of STYLE.md (include directions, a doc page per command, ...)
set -uo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}
export CRAKIT_TESTDATA=${CRAKIT_TESTDATA:-tests/data}
export CRAKIT_CORPUS=${CRAKIT_CORPUS:-../shared/corpus}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export NO_COLOR=1
log=$B/test-logs
rm -rf "$log"; mkdir -p "$log"
# no test reads or writes the user's own store (the default is $XDG_DATA_HOME/crakit/crakit.db)
export XDG_DATA_HOME=$(cd "$log" && pwd)/xdg-data
unset CRAKIT_DB
pass=0; fail=0; skip=0
failed=()

section() { printf '\n== %s\n' "$1"; }

# ---- unit ----
section unit
while IFS= read -r t; do
  name=${t#$B/san/tests/unit/}
  out=$log/unit-${name//\//_}.log
  "$t" >"$out" 2>&1; rc=$?
  p=$(grep -aoE '^\[  PASSED  \] [0-9]+' "$out" | grep -oE '[0-9]+$' | tail -n1)
  f=$(grep -aoE '^\[  FAILED  \] [0-9]+' "$out" | grep -oE '[0-9]+$' | tail -n1)
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed, or a sanitizer fired
  pass=$((pass + p)); fail=$((fail + f))
  if [ "$f" -gt 0 ]; then failed+=("unit $name (see $out)"); echo "FAIL $name: $p passed, $f failed"; \
    grep -aE 'FAILED|ERROR|error|Sanitizer' "$out" | head -n 20; \
  else echo "ok   $name: $p passed"; fi
done < <(find "$B/san/tests/unit" -type f -name 'test_*' -perm -u+x 2>/dev/null | sort)

# ---- fuzz seed replay ----
section "fuzz seed replay"
while IFS= read -r t; do
  base=$(basename "$t"); src=tests/fuzz/$base.c
  det=$(grep -oE 'CRK_FUZZ_DETECTOR\("[^"]+"' "$src" 2>/dev/null | sed -E 's/.*\("//; s/"$//; s#/#_#g')
  dir=tests/fuzz/corpus/${det:-${base#fuzz_}}
  [ -d "$dir" ] || dir=tests/fuzz/corpus/${base#fuzz_}
  out=$log/fuzz-$base.log
  if [ ! -d "$dir" ]; then
    echo "FAIL $base: no seeds in $dir"; fail=$((fail + 1)); failed+=("fuzz $base: no seeds"); continue
  fi
  if "$t" "$dir" >"$out" 2>&1; then
    echo "ok   $base: $(tail -n1 "$out")"; pass=$((pass + 1))
  else
    echo "FAIL $base (see $out)"; tail -n 20 "$out"; fail=$((fail + 1)); failed+=("fuzz $base")
  fi
done < <(find "$B/san/tests/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x 2>/dev/null | sort)

# ---- suites that print "<name>: N passed, N failed[, N skipped]" ----
add_suite() { # name logfile
  local last p f s
  last=$(grep -aE "^$1: [0-9]+ passed, [0-9]+ failed" "$2" | tail -n1)
  if [ -z "$last" ]; then
    echo "FAIL $1: no summary line (see $2)"; tail -n 20 "$2"; fail=$((fail + 1)); failed+=("$1: no summary"); return
  fi
  p=$(echo "$last" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
  f=$(echo "$last" | sed -E 's/.* ([0-9]+) failed.*/\1/')
  s=$(echo "$last" | grep -oE '[0-9]+ skipped' | grep -oE '[0-9]+' || true)
  pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + ${s:-0}))
  [ "$f" -gt 0 ] && failed+=("$1: $f failed (see $2)")
}

section conformance
if [ -x "$B/san/tests/tools/conformance" ]; then
  "$B/san/tests/tools/conformance" >"$log/conformance.log" 2>&1
  grep -avE '^  ' "$log/conformance.log" | tail -n 60
  add_suite conformance "$log/conformance.log"
fi

section schema
if [ -x tests/schema/run.sh ]; then
  tests/schema/run.sh >"$log/schema.log" 2>&1
  tail -n 40 "$log/schema.log"
  add_suite schema "$log/schema.log"
fi

section e2e
tests/e2e/run.sh >"$log/e2e.log" 2>&1
tail -n 40 "$log/e2e.log"
add_suite e2e "$log/e2e.log"

section browser # the HTML report of crakit assess in headless Chromium (skips without it)
tests/browser/run.sh >"$log/browser.log" 2>&1; tail -n 40 "$log/browser.log"; add_suite browser "$log/browser.log"

section lint
tests/lint.sh >"$log/lint.log" 2>&1
cat "$log/lint.log"
add_suite lint "$log/lint.log"

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "failures:"; for f in "${failed[@]}"; do echo "  $f"; done
fi
[ "$skip" -gt 0 ] && echo "($skip skipped: see the sections above)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
