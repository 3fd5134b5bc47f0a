#!/usr/bin/env bash
# `make bench-dashboard`: the dashboard's costs on a release build over BENCH_TRACES seeded traces
# (1,000,000 by default; the demo organization, 30 days): first-load bytes, the overview and trace
# calls, time to interactive in headless Chromium (with Selenium), and the proxy's CPU with 0 and
# 100 open dashboards, idle and at BENCH_RATE requests a second (1,000). JSON lines on stdout.
set -euo pipefail
ulimit -n 65536 2>/dev/null || true
cd "$(dirname "$0")/.."
# BENCH_BIN: binaries already built (a quick check with a debug build); otherwise a release build.
if [ -n "${BENCH_BIN:-}" ]; then
  BIN=$(cd "$BENCH_BIN" && pwd)
else
  swift build -c release --product brokle >&2
  swift build -c release --product brokle-bench >&2
  BIN=$PWD/.build/release
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/brokle-dashboard.XXXXXX")
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"
export BROKLE_DATABASE_URL="sqlite:$WORK/brokle.db" BROKLE_LOG_LEVEL=warning
TRACES=${BENCH_TRACES:-1000000}
"$BIN/brokle" migrate up >/dev/null
echo "seeding $TRACES traces…" >&2
"$BIN/brokle" seed --profile demo --traces "$TRACES" >/dev/null
key=$("$BIN/brokle" keys create --project demo-co/chatbot --env production --name bench-dashboard | sed -n 's/.*"key":"\(bk_[^"]*\)".*/\1/p')
password="bench-dashboard-password"
printf %s "$password" | "$BIN/brokle" users passwd ceo@demo.test >/dev/null
port=${BENCH_PORT:-18480}
BROKLE_AUTH_CACHE_TTL=600 "$BIN/brokle" proxy --port "$port" >"$WORK/proxy.out" 2>"$WORK/proxy.log" &
pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
cookie=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
  -d "{\"email\":\"ceo@demo.test\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/session" \
  | sed -n 's/^[Ss]et-[Cc]ookie: \(brokle_session=[a-z2-7]*\).*/\1/p')
token=$("$BIN/brokle" ui link --email ceo@demo.test | sed -n 's/.*#link=\([a-z2-7]*\)".*/\1/p')
BROKLE_ROOT="http://127.0.0.1:$port" BROKLE_PID=$pid BROKLE_COOKIE="$cookie" BROKLE_LINK_TOKEN="$token" BROKLE_KEY="$key" \
  BROKLE_BENCH="$BIN/brokle-bench" BENCH_TRACES="$TRACES" BROKLE_ORG=demo-co \
  python3 "$OLDPWD/Benchmarks/dashboard_bench.py"
