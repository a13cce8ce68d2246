#!/usr/bin/env bash
# Runs the csort_<platform>_go<version> targets (runfiles paths in "$@") as `bazel run` would,
# and checks that it ran as that platform's Go binary and got the right answers from C.
set -euo pipefail

runfiles=${RUNFILES_DIR:-${TEST_SRCDIR:?not run by bazel test}}
(($# > 0)) || { echo "no csort targets given" >&2; exit 1; }

failed=0
for rel in "$@"; do
  name=${rel##*/} # csort_linux_riscv64_go1_27_3
  [[ $name =~ ^csort_linux_([a-z0-9]+)_go([0-9]+)_([0-9]+)_([0-9]+)$ ]] ||
    { echo "unexpected target name $name" >&2; exit 1; }
  goarch=${BASH_REMATCH[1]}
  version=go${BASH_REMATCH[2]}.${BASH_REMATCH[3]}.${BASH_REMATCH[4]}
  # The number of comparisons depends on the C library's qsort; the rest is exact.
  want=(
    "linux/$goarch $version"
    'sorted \[-5 0 3 3 42\] \([1-9][0-9]* comparisons in Go\)'
    'ldexp\(1\.5, 4\) = 24'
  )
  # Its output on stdout; stderr (where the runner may log how it ran) is shown on failure.
  err=$(mktemp)
  out=$("$runfiles/$rel" 42 3 -5 0 3 2>"$err") && rc=0 || rc=$?
  if ((rc != 0)); then
    printf 'FAIL %s: exit status %s:\n%s\nstderr:\n%s\n' "$name" "$rc" "$out" "$(cat "$err")"
    failed=1
    continue
  fi
  mapfile -t got <<<"$out"
  ok=$((${#got[@]} == ${#want[@]}))
  for i in "${!want[@]}"; do
    [[ ${got[i]:-} =~ ^${want[i]}$ ]] || ok=0
  done
  if ((!ok)); then
    printf 'FAIL %s: got\n%s\nstderr:\n%s\n' "$name" "$out" "$(cat "$err")"
    failed=1
    continue
  fi
  echo "ok   $name: ${got[0]}, ${got[2]}"
done
exit "$failed"
