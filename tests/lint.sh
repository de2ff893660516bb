#!/usr/bin/env bash
# Shape rules of STYLE.md, checked on every `make check`. Prints "lint: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}
pass=0; fail=0
check() { # description, then a command whose output lists offenders (empty = ok)
  local what=$1; shift
  local out; out=$("$@" 2>&1)
  if [ -z "$out" ]; then echo "ok   $what"; pass=$((pass+1)); else
    echo "FAIL $what:"; echo "$out" | head -n 20 | sed 's/^/       /'; fail=$((fail+1)); fi
}

# 1. Dependencies point one way (DESIGN.md §2, STYLE.md §1).
check "src/base includes only base/ and crakit/err.h" \
  sh -c "grep -nE '#include \"' src/base/*.[ch] | grep -vE '\"base/|\"crakit/err.h\"'"
check "src/cli uses only crakit/, base/ and cli/ headers" \
  sh -c "grep -nE '#include \"' src/cli/*.[ch] | grep -vE '\"(crakit|base|cli)/'"
check "detectors know nothing of vulnerabilities or the CLI" \
  sh -c "grep -nE '#include \"(vulndb|match|cli|web|store|cra)/' src/detect/*.[ch] src/formats/*.[ch] src/source/*.[ch] 2>/dev/null"

# 2. Every .c file of the library and CLI includes banned.h last.
check "every src/*.c includes base/banned.h after its other includes" sh -c '
  for f in $(find src -name "*.c"); do
    last=$(grep -nE "^#include" "$f" | tail -n1 | cut -d: -f2-)
    case "$last" in *base/banned.h*) ;; *) echo "$f";; esac
  done'

# 3. Each public header compiles alone, strictly (libgit2 headertest).
check "public headers compile alone" sh -c '
  for h in include/crakit/*.h; do
    echo "#include \"${h#include/}\"" | gcc -std=c17 -Wall -Wextra -Werror -pedantic -Iinclude -fsyntax-only -x c - 2>&1 | head -n 3
  done'

# 4. Each command has a manual page and end-to-end cases; each detector a fuzz target and a doc.
bin=$B/san/crakit
if [ -x "$bin" ]; then
  check "every command has docs/cmd/<name>.md and tests/e2e/NNNN-<name>-*" sh -c "
    for c in \$($bin help | awk '/^  [a-z]/ {print \$1}'); do
      [ -f docs/cmd/\$c.md ] || echo \"no docs/cmd/\$c.md\"
      ls -d tests/e2e/[0-9][0-9][0-9][0-9]-\$c-* >/dev/null 2>&1 || echo \"no tests/e2e/NNNN-\$c-*\"
    done"
  check "every detector has a fuzz target with seeds and a unit test" sh -c "
    for d in \$($bin sbom --list-detectors | awk '{print \$1}'); do
      f=\$(grep -l \"CRK_FUZZ_DETECTOR(\\\"\$d\\\"\" tests/fuzz/fuzz_*.c 2>/dev/null | head -n1)
      [ -n \"\$f\" ] || echo \"\$d: no tests/fuzz/fuzz_*.c target\"
      s=tests/fuzz/corpus/\$(echo \$d | tr / _)
      [ -d \"\$s\" ] && [ -n \"\$(ls -A \$s 2>/dev/null)\" ] || echo \"\$d: no seeds in \$s\"
    done"
fi

# 5. No file grew past one job.
check "no source file over 1200 lines" sh -c "find src include -name '*.[ch]' | xargs wc -l | awk '\$2 != \"total\" && \$1 > 1200 {print \$2\": \"\$1\" lines\"}'"

echo "lint: $pass passed, $fail failed"
