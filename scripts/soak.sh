#!/usr/bin/env bash
# `make soak` (steady mixed traffic; RSS, descriptors and the database's size over time), `make
# soak-retention` (the same with content captured and short retentions: the database must stop
# growing) and `make outage` (a PostgreSQL restart under traffic: requests lost, recovery time,
# traces lost). Release build, local mock
# providers only. See scripts/soak.py for the knobs (SOAK_DURATION, SOAK_RATE, SOAK_SAMPLE,
# OUTAGE_SECONDS).
set -euo pipefail
ulimit -n 65536 2>/dev/null || true
cd "$(dirname "$0")/.."
MODE=${1:-soak}
swift build -c release >&2
BIN=$PWD/.build/release
WORK=$(mktemp -d "${TMPDIR:-/tmp}/brokle-soak.XXXXXX")
PGWORK=$(mktemp -d "${TMPDIR:-/tmp}/brokle-soak-pg.XXXXXX")  # its own folder: the server runs as postgres
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ "$MODE" = outage ] && PGDIR="$PGWORK" PGPORT="$PGPORT" scripts/pg-cluster.sh stop || true
  [ -n "${SOAK_KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK" "$PGWORK"
}
trap cleanup EXIT

cat >"$WORK/brokle.yaml" <<YAML
providers:
  mock: { kind: mock }
  streamer: { kind: mock, chunk_interval: 10ms, completion_tokens: 20 }
  flaky: { kind: mock, error_rate: 1 }
models:
  mock-chat: { provider: mock }
  mock-stream: { provider: streamer, model: mock-chat }
  mock-fail: { provider: flaky, model: mock-chat }
YAML

if [ "$MODE" = outage ]; then
  export PGPORT=${OUTAGE_PGPORT:-55499}
  URL=$(PGDIR="$PGWORK" scripts/pg-cluster.sh start)
  export BROKLE_DATABASE_URL="$URL"
  export PG_SCRIPT="$WORK/pg.sh"
  printf '#!/bin/sh\nPGDIR=%s PGPORT=%s exec %s "$@"\n' "$PGWORK" "$PGPORT" "$PWD/scripts/pg-cluster.sh" >"$PG_SCRIPT"
  chmod +x "$PG_SCRIPT"
else
  export BROKLE_DATABASE_URL="sqlite:$WORK/brokle.db"
  export SOAK_DB="$WORK/brokle.db"
fi
if [ "$MODE" = retention ]; then
  # Traces kept 2 minutes, content 1, pruned every 15 s: after about three minutes the file holds a
  # steady window of traffic and must stop growing (SQLite reuses the freed pages).
  export BROKLE_LOG_CONTENT=full BROKLE_TRACE_RETENTION=${SOAK_TRACE_RETENTION:-2m}
  export BROKLE_CONTENT_RETENTION=${SOAK_CONTENT_RETENTION:-1m} BROKLE_PRUNE_INTERVAL=${SOAK_PRUNE_INTERVAL:-15s}
  export SOAK_WARMUP=${SOAK_WARMUP:-200} SOAK_DURATION=${SOAK_DURATION:-480}
fi
export BROKLE_BIN="$BIN/brokle" BROKLE_SPILL_DIR="$WORK/spill"
cd "$WORK"
"$BIN/brokle" migrate up --log-level error >/dev/null
"$BIN/brokle" orgs create soak --plan enterprise --log-level error >/dev/null
"$BIN/brokle" orgs projects create soak/load --log-level error >/dev/null
key() { "$BIN/brokle" keys create --project soak/load --env production --name "$1" --log-level error | sed -n 's/.*"key":"\(bk_[^"]*\)".*/\1/p'; }
KEY=$(key main)
FRESH=$(key fresh)
"$BIN/brokle" proxy --config "$WORK/brokle.yaml" --port 0 --log-level warning >"$WORK/proxy.out" 2>"$WORK/proxy.err" &
PROXY_PID=$!
pids+=($PROXY_PID)
for _ in $(seq 200); do grep -q listening "$WORK/proxy.out" 2>/dev/null && break; sleep 0.05; done
PORT=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$WORK/proxy.out")
[ -n "$PORT" ] || { cat "$WORK/proxy.err" >&2; exit 1; }
cd - >/dev/null
python3 scripts/soak.py "$MODE" "$PORT" "$KEY" "$PROXY_PID" "$FRESH"
echo "proxy log lines at warning and above: $(wc -l <"$WORK/proxy.err")" >&2
grep -h '"database' "$WORK/proxy.err" | head -5 >&2 || true
