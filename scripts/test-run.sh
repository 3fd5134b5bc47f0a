#!/usr/bin/env bash
# Runs the built tests (`swift test --skip-build`) with a deadline. The whole suite takes one to two
# minutes; a run still going after BROKLE_TEST_DEADLINE seconds (default 900) is hung. It then prints
# the tests that started and never ended, every thread's stack in the test process (when gdb is
# installed), kills it and exits 124, instead of holding CI until its own limit with nothing to show.
#   scripts/test-run.sh [swift test arguments...]
set -uo pipefail
SWIFT=${SWIFT:-swift}
DEADLINE=${BROKLE_TEST_DEADLINE:-900}
# At most 8 tests at once (Swift Testing otherwise starts all ~480 together). On 2 cores, with
# every test running its own gateways, upstreams and databases, the unbounded run pushed calls
# past their time limits (a 6 s PostgreSQL connect, a 1 s limit take) and failed timing-bound
# tests by the dozen on a slow day; 8 at a time ran clean and took ~90 s instead of ~70.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-8}
log=$(mktemp /tmp/brokle-test-run.XXXXXX)
trap 'rm -f "$log"' EXIT

"$SWIFT" test --skip-build "$@" > >(tee "$log") 2>&1 &
runner=$!
waited=0
while kill -0 "$runner" 2>/dev/null && [ "$waited" -lt "$DEADLINE" ]; do
  sleep 1
  waited=$((waited + 1))
done
if ! kill -0 "$runner" 2>/dev/null; then
  wait "$runner"
  exit $?
fi

{
  echo
  echo "=== the tests are still running after ${DEADLINE} s: hung"
  echo "--- started and not ended:"
  python3 - "$log" <<'EOF'
import re, sys
started, ended = [], set()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r"Test (\S+?\([^)]*\)) started", line)
    if m:
        started.append(m.group(1))
    m = re.search(r"Test (\S+?\([^)]*\)) .*?\b(?:passed|failed|skipped)\b", line)
    if m:
        ended.add(m.group(1))
for name in started:
    if name not in ended:
        print("  " + name)
EOF
  for pid in $(pgrep -f 'PackageTests.xctest' || true); do
    echo "--- threads of $pid: $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)"
    if command -v gdb >/dev/null; then
      timeout 120 gdb -p "$pid" -batch -ex 'thread apply all bt 25' 2>/dev/null | grep -E '^(Thread|#)' | head -n 600
    fi
  done
  echo "--- brokle processes still running:"
  pgrep -af '/brokle( |$)' || true
} >&2
pkill -KILL -f 'PackageTests.xctest' || true
kill "$runner" 2>/dev/null || true
exit 124
