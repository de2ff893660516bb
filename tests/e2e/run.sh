#!/usr/bin/env bash
# End-to-end cases (STYLE.md §8): tests/e2e/NNNN-<cmd>-<what>/ holds
#   cmd              the arguments of one crakit call (one line, shell words; run in the case dir)
#   expected.stdout  expected.stderr  expected.rc
#   (any inputs the command reads, relative to the case dir)
# CRAKIT_E2E_TMP is an empty directory of the case's own (removed after it), for a store or files
# the command writes; $CRAKIT is the binary, for a cmd that chains several calls with &&.
# The binary is $B/san/crakit. CRAKIT_UPDATE_GOLDEN=1 rewrites the expected files: review the diff.
set -uo pipefail
cd "$(dirname "$0")/../.."
B=${B:-build}
bin=$(pwd)/$B/san/crakit
export CRAKIT=$bin
pass=0; fail=0
for d in tests/e2e/[0-9][0-9][0-9][0-9]-*/; do
  d=${d%/}; [ -f "$d/cmd" ] || { echo "FAIL $d: no cmd file"; fail=$((fail+1)); continue; }
  args=$(cat "$d/cmd")
  out=$(mktemp -d)
  export CRAKIT_E2E_TMP=$out/tmp; mkdir "$CRAKIT_E2E_TMP"
  # never the user's own store: the default store ($XDG_DATA_HOME/crakit) is the case's own
  export XDG_DATA_HOME=$out/xdg; unset CRAKIT_DB
  (cd "$d" && eval "NO_COLOR=1 SOURCE_DATE_EPOCH= \"$bin\" $args" >"$out/stdout" 2>"$out/stderr" </dev/null; echo $? >"$out/rc")
  if [ "${CRAKIT_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$out/stdout" "$d/expected.stdout"; cp "$out/stderr" "$d/expected.stderr"; cp "$out/rc" "$d/expected.rc"
  fi
  ok=1
  for f in stdout stderr rc; do
    if ! diff -u "$d/expected.$f" "$out/$f" >"$out/diff.$f" 2>&1; then ok=0; fi
  done
  if [ $ok = 1 ]; then echo "ok   $d"; pass=$((pass+1)); else
    echo "FAIL $d"; cat "$out"/diff.* | head -n 40; fail=$((fail+1)); fi
  rm -rf "$out"
done
echo "e2e: $pass passed, $fail failed"
