#!/usr/bin/env bash
# `make bench`: the gateway's added latency, throughput cost, streaming overhead and memory, each
# measured twice in the same run — straight at a fast local upstream, and through `brokle proxy`
# (auth on, traces on, SQLite) — with release builds, open-loop fixed rates, on this machine; then
# the semantic cache's own costs (`brokle-bench cache`), the guardrail detector's accuracy and scan
# cost (`brokle-bench guardrails`), and OpenTelemetry export off beside on.
# Prints the tables (one of them each pipeline stage's CPU a request, off and on) and writes
# .bench/summary.json.
set -euo pipefail
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
cd "$(dirname "$0")/.."
DURATION=${BENCH_DURATION:-5}
RATES=${BENCH_RATES:-"500 1000 2000"}
STREAMS=${BENCH_STREAMS:-1000}

swift build -c release >&2
BIN=.build/release
WORK=$(mktemp -d "${TMPDIR:-/tmp}/brokle-bench.XXXXXX")
mkdir -p .bench
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

start_upstream() {  # $1 chunks, $2 interval ms; the port is in $WORK/upstream-$1-$2.out
  "$BIN/brokle-bench" upstream --chunks "$1" --chunk-interval-ms "$2" >"$WORK/upstream-$1-$2.out" 2>/dev/null &
  pids+=($!)
}
port_of() {  # waits for a {"listening":PORT} line in $1
  for _ in $(seq 200); do grep -q listening "$1" 2>/dev/null && break; sleep 0.05; done
  sed -n 's/.*"listening":\([0-9]*\).*/\1/p' "$1"
}
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

start_upstream 20 0
start_upstream 100 20
FAST=$(port_of "$WORK/upstream-20-0.out")
FAST_PID=${pids[0]}
SLOW=$(port_of "$WORK/upstream-100-20.out")
[ -n "$FAST" ] && [ -n "$SLOW" ] || { echo "the bench upstream did not start" >&2; exit 1; }
# The stack's floor: a bare Hummingbird + AsyncHTTPClient forwarder in front of the same upstream.
"$BIN/brokle-bench" passthrough --upstream "http://127.0.0.1:$FAST/v1/chat/completions" >"$WORK/floor.out" 2>/dev/null &
FLOOR_PID=$!
pids+=($!)
FLOOR=$(port_of "$WORK/floor.out")
[ -n "$FLOOR" ] || { echo "the bare forwarder did not start" >&2; exit 1; }
# The floor without thread hops: SwiftNIO handlers, a request and both its connections on one event loop.
"$BIN/brokle-bench" floor --upstream "http://127.0.0.1:$FAST/v1/chat/completions" >"$WORK/nio-floor.out" 2>/dev/null &
NIO_PID=$!
pids+=($!)
NIO=$(port_of "$WORK/nio-floor.out")
[ -n "$NIO" ] || { echo "the one-event-loop forwarder (brokle-bench floor) did not start" >&2; exit 1; }
# nginx as a plain reverse proxy (one worker, keep-alive upstream connections), when installed.
NGINX_PID=
if command -v nginx >/dev/null; then
  NGINX=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >"$WORK/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-body;
  proxy_temp_path $WORK/nginx-proxy;
  fastcgi_temp_path $WORK/nginx-fastcgi;
  uwsgi_temp_path $WORK/nginx-uwsgi;
  scgi_temp_path $WORK/nginx-scgi;
  upstream bench { server 127.0.0.1:$FAST; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX;
    location / { proxy_pass http://bench; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
  nginx -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" &
  NGINX_PID=$!
  pids+=($!)
  for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$NGINX/" && break; sleep 0.05; done
else
  echo "nginx is not installed (apt-get install -y nginx): the nginx reference lines are skipped" >&2
fi
cat >"$WORK/brokle.yaml" <<YAML
providers:
  fast: { kind: openai, base_url: "http://127.0.0.1:$FAST/v1", timeout: 60s }
  slow: { kind: openai, base_url: "http://127.0.0.1:$SLOW/v1", timeout: 60s }
  fast-responses: { kind: openai, base_url: "http://127.0.0.1:$FAST/v1", timeout: 60s, responses_api: true }
models:
  bench: { provider: fast }
  bench-slow: { provider: slow }
  bench-cached: { provider: fast, model: bench, cache: { mode: exact, ttl: 1h } }
  bench-responses: { provider: fast-responses, model: bench }
pricing:
  - { provider: fast, model: bench, input: "0.15", output: "0.60" }
  - { provider: slow, model: bench, input: "0.15", output: "0.60" }
  - { provider: fast-responses, model: bench, input: "0.15", output: "0.60" }
YAML
export BROKLE_DATABASE_URL="sqlite:$WORK/brokle.db"
"$BIN/brokle" migrate up --log-level error >/dev/null
"$BIN/brokle" orgs create bench --plan enterprise --log-level error >/dev/null
"$BIN/brokle" orgs projects create bench/load --log-level error >/dev/null
KEY=$("$BIN/brokle" keys create --project bench/load --env production --log-level error | sed -n 's/.*"key":"\(bk_[^"]*\)".*/\1/p')
# Starts `brokle proxy` on a free port (the environment passes through), its output in
# $WORK/$1.out and .err; sets STARTED_PID and STARTED_PORT, or exits with its errors.
start_proxy() {
  "$BIN/brokle" proxy --config "$WORK/brokle.yaml" --port 0 --log-level warning >"$WORK/$1.out" 2>"$WORK/$1.err" &
  STARTED_PID=$!
  pids+=($STARTED_PID)
  for _ in $(seq 200); do grep -q listening "$WORK/$1.out" 2>/dev/null && break; sleep 0.05; done
  STARTED_PORT=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$WORK/$1.out")
  [ -n "$STARTED_PORT" ] || { cat "$WORK/$1.err" >&2; exit 1; }
}
# The main proxy never exports, whatever the environment or a .env says (the OTel pair below does).
OTEL_SDK_DISABLED=true start_proxy proxy
PROXY_PID=$STARTED_PID
PROXY=$STARTED_PORT
sleep 1
IDLE_RSS=$(rss_mb $PROXY_PID)

RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
direct="http://127.0.0.1:$FAST/v1/chat/completions"
proxied="http://127.0.0.1:$PROXY/v1/chat/completions"
responses="http://127.0.0.1:$PROXY/v1/responses"
floor="http://127.0.0.1:$FLOOR/v1/chat/completions"
for rate in $RATES; do
  echo "non-streaming at $rate rps…" >&2
  "$BIN/brokle-bench" load --url "$direct" --rate "$rate" --duration "$DURATION" --label "direct_$rate" >>"$RESULTS"
  "$BIN/brokle-bench" load --url "$floor" --rate "$rate" --duration "$DURATION" --label "floor_$rate" >>"$RESULTS"
  "$BIN/brokle-bench" load --url "$proxied" --key "$KEY" --rate "$rate" --duration "$DURATION" --label "proxied_$rate" >>"$RESULTS"
done

echo "max throughput (wrk, closed loop)…" >&2
cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"model":"bench","messages":[{"role":"user","content":"hello"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
LUA
# /v1/responses through the proxy (store off, as a stateless chat request): translated to the fast
# upstream's chat completions, and passed through to its /v1/responses (a provider with responses_api: true).
sed "s|^wrk.body = .*|wrk.body = '{\"model\":\"bench\",\"store\":false,\"input\":\"hello\"}'|" "$WORK/post.lua" >"$WORK/responses.lua"
sed 's/"model":"bench"/"model":"bench-responses"/' "$WORK/responses.lua" >"$WORK/responses_passthrough.lua"
HZ=$(getconf CLK_TCK)
cpu_ticks() { local t=0 pid; for pid in "$@"; do t=$((t + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}'))); done; echo $t; }
# wrk with the CPU of the process under test read around it: $1 connections, $2 URL, $3 name, then
# its pids (WRK_SCRIPT=FILE for another script than post.lua). wrk's output goes to
# $WORK/wrk-$3-$1.txt, the clock ticks the process used to .cpu.
measured_wrk() {
  local conns=$1 url=$2 name=$3 before
  shift 3
  before=$(cpu_ticks "$@")
  wrk -t"$([ "$conns" = 1 ] && echo 1 || echo 2)" -c"$conns" -d"${DURATION}s" --latency -s "${WRK_SCRIPT:-$WORK/post.lua}" "$url" >"$WORK/wrk-$name-$conns.txt"
  echo $(($(cpu_ticks "$@") - before)) >"$WORK/wrk-$name-$conns.cpu"
}
# wrk's 64-connection run $1 as JSON fields: rps, requests, errors, the process's CPU µs a request.
wrk_fields() {
  awk -v ticks="$(cat "$WORK/wrk-$1-64.cpu")" -v hz="$HZ" '
    /Requests\/sec/ { rps = $2 }
    /requests in/ { n = $1 }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { errors += $4 + $6 + $8 + $10 }
    END { printf "\"rps\":%s,\"requests\":%d,\"errors\":%d,\"cpu_us_per_request\":%.1f\n", rps + 0, n, errors, n ? ticks * 1e6 / hz / n : 0 }' "$WORK/wrk-$1-64.txt"
}
max_rps() { measured_wrk 64 "$@" && awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$2-64.txt"; }
# One path's line for bench_report.py's floor table: NAME:1-connection rps:p50 ms:p99 ms:64-connection
# rps:CPU µs per request (64 connections):non-2xx or socket errors.
path_row() {
  local one="$WORK/wrk-$1-1.txt" many="$WORK/wrk-$1-64.txt"
  awk -v name="$1" -v ticks="$(cat "$WORK/wrk-$1-64.cpu")" -v hz="$HZ" -v one="$one" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    FILENAME == one && /Requests\/sec/ { rps1 = $2 }
    FILENAME == one && /^ +50%/ { p50 = ms($2) }
    FILENAME == one && /^ +99%/ { p99 = ms($2) }
    FILENAME != one && /Requests\/sec/ { rps64 = $2 }
    FILENAME != one && /requests in/ { n = $1 }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { errors += $4 + $6 + $8 + $10 }
    END { printf "%s:%s:%.3f:%.3f:%s:%.1f:%d\n", name, rps1, p50, p99, rps64, n ? ticks * 1e6 / hz / n : 0, errors }' "$one" "$many"
}
for path in direct nginx passthrough floor proxied responses responses_passthrough; do
  script="$WORK/post.lua"
  case $path in
    direct) url=$direct; set -- "$FAST_PID" ;;
    nginx) [ -n "$NGINX_PID" ] || continue; url="http://127.0.0.1:$NGINX/v1/chat/completions"; set -- "$NGINX_PID" $(pgrep -P "$NGINX_PID") ;;
    passthrough) url=$floor; set -- "$FLOOR_PID" ;;
    floor) url="http://127.0.0.1:$NIO/v1/chat/completions"; set -- "$NIO_PID" ;;
    proxied) url=$proxied; set -- "$PROXY_PID" ;;
    responses*) url=$responses script="$WORK/$path.lua"; set -- "$PROXY_PID" ;;
  esac
  WRK_SCRIPT=$script measured_wrk 1 "$url" "$path" "$@"
  case $path in nginx|floor|responses*) WRK_SCRIPT=$script measured_wrk 64 "$url" "$path" "$@" ;; esac
done
DIRECT_MAX=$(max_rps "$direct" direct "$FAST_PID")
FLOOR_MAX=$(max_rps "$floor" passthrough "$FLOOR_PID")
PROXIED_MAX=$(max_rps "$proxied" proxied "$PROXY_PID")
PATH_ROWS=()
for path in direct nginx passthrough floor proxied responses responses_passthrough; do
  [ -f "$WORK/wrk-$path-64.cpu" ] && PATH_ROWS+=(--path "$(path_row "$path")")
done
LOAD_RSS=$(rss_mb $PROXY_PID)

# Cache hits, then wrk on them with the proxy's CPU a request: the stage table's cache line (against
# the proxy's own line, a model without a cache).
echo "response-cache hits through the proxy (one stored answer, exact)…" >&2
CACHED_BODY='{"model":"bench-cached","messages":[{"role":"user","content":"hello"}]}'
curl -s -o /dev/null -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -d "$CACHED_BODY" "$proxied"
sleep 0.5
for rate in $RATES; do
  "$BIN/brokle-bench" load --url "$proxied" --key "$KEY" --rate "$rate" --duration "$DURATION" --body "$CACHED_BODY" --label "cached_$rate" >>"$RESULTS"
done
sed 's/"model":"bench"/"model":"bench-cached"/' "$WORK/post.lua" >"$WORK/cached.lua"
WRK_SCRIPT="$WORK/cached.lua" measured_wrk 64 "$proxied" cached "$PROXY_PID"
CACHED_MAX=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-cached-64.txt")
echo "{\"label\":\"cached\",\"measure\":\"max_rps\",$(wrk_fields cached)}" >>"$RESULTS"

echo "streams: time to first byte, one at a time and 20 at once…" >&2
"$BIN/brokle-bench" streams --url "$direct" --concurrency 1 --rounds 200 --label "direct_stream" >>"$RESULTS"
"$BIN/brokle-bench" streams --url "$proxied" --key "$KEY" --concurrency 1 --rounds 200 --label "proxied_stream" >>"$RESULTS"
"$BIN/brokle-bench" streams --url "$direct" --concurrency 20 --rounds 10 --label "direct_stream20" >>"$RESULTS"
"$BIN/brokle-bench" streams --url "$proxied" --key "$KEY" --concurrency 20 --rounds 10 --label "proxied_stream20" >>"$RESULTS"
"$BIN/brokle-bench" streams --url "$responses" --key "$KEY" --responses --concurrency 1 --rounds 200 --label "responses_stream" >>"$RESULTS"

echo "$STREAMS concurrent streams (2 s each)…" >&2
"$BIN/brokle-bench" streams --url "$proxied" --key "$KEY" --model bench-slow --concurrency "$STREAMS" --label "proxied_${STREAMS}_streams" >>"$RESULTS" &
STREAM_JOB=$!
sleep 1.5
STREAMS_RSS=$(rss_mb $PROXY_PID)
wait $STREAM_JOB
sleep 3
AFTER_RSS=$(rss_mb $PROXY_PID)
# The leak check: the same 1,000 streams again must not leave the proxy bigger than the first time.
# (What stays above idle is mostly the upstream connections kept in the pool for reuse until their
# 60 s idle timeout; the open descriptors are printed beside it.)
echo "the same $STREAMS streams again (leak check)…" >&2
"$BIN/brokle-bench" streams --url "$proxied" --key "$KEY" --model bench-slow --concurrency "$STREAMS" --label "again" >/dev/null
sleep 3
AFTER2_RSS=$(rss_mb $PROXY_PID)
OPEN_FDS=$(ls /proc/$PROXY_PID/fd | wc -l)

# Limits off, on one scope, on three (project rpm, environment tpm, key budget — all far above the
# load, so nothing is refused: this is what enforcement costs), on SQLite and on PostgreSQL (when
# its server binaries are installed), each on its own proxy (export off, as the main one): wrk's rps
# and the proxy's CPU a request, the stage table's limits lines.
limits_round() {  # $1 label (sqlite|postgres), $2 database URL
  local db=$1 url=$2 dir="$WORK/limits-$1"
  mkdir -p "$dir"
  (
    export BROKLE_DATABASE_URL="$url" BROKLE_LIMIT_REFRESH=1 OTEL_SDK_DISABLED=true
    "$BIN/brokle" migrate up --log-level error >/dev/null
    "$BIN/brokle" orgs create limits --plan enterprise --if-not-exists --log-level error >/dev/null
    "$BIN/brokle" orgs projects create limits/load --if-not-exists --log-level error >/dev/null
    local key id
    key=$("$BIN/brokle" keys create --project limits/load --env production --log-level error | sed -n 's/.*"key":"\(bk_[^"]*\)".*/\1/p')
    id=$(echo "$key" | cut -d_ -f2)
    "$BIN/brokle" proxy --config "$WORK/brokle.yaml" --port 0 --log-level warning >"$dir/proxy.out" 2>"$dir/proxy.err" &
    local pid=$!
    for _ in $(seq 200); do grep -q listening "$dir/proxy.out" 2>/dev/null && break; sleep 0.05; done
    local port url
    port=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$dir/proxy.out")
    url="http://127.0.0.1:$port/v1/chat/completions"
    sed "s/Bearer $KEY/Bearer $key/" "$WORK/post.lua" >"$dir/post.lua"
    for scopes in 0 1 3; do
      if [ "$scopes" = 1 ]; then "$BIN/brokle" limits set --project limits/load --rpm 100000000 --log-level error >/dev/null; fi
      if [ "$scopes" = 3 ]; then
        "$BIN/brokle" limits set --env limits/load/production --tpm 100000000000 --log-level error >/dev/null
        "$BIN/brokle" budgets set --key "$id" --usd 1000000 --period month --log-level error >/dev/null
      fi
      sleep 2
      "$BIN/brokle-bench" load --url "$url" --key "$key" --rate 1000 --duration "$DURATION" --label "limits_${db}_${scopes}" >>"$RESULTS"
      WRK_SCRIPT="$dir/post.lua" measured_wrk 64 "$url" "limits_${db}_${scopes}" "$pid"
      echo "{\"label\":\"limits_${db}_${scopes}\",\"measure\":\"max_rps\",$(wrk_fields "limits_${db}_${scopes}")}" >>"$RESULTS"
    done
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  )
}
echo "limits off / one scope / three scopes, SQLite…" >&2
limits_round sqlite "sqlite:$WORK/limits.db"
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "limits off / one scope / three scopes, PostgreSQL…" >&2
  # Its own folder outside $WORK (initdb runs as postgres, which cannot enter $WORK).
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/brokle-bench-pg.XXXXXX")
  PG_URL=$(PGDIR="$PG_DIR" PGPORT=55499 scripts/pg-cluster.sh start)
  limits_round postgres "$PG_URL"
  PGDIR="$PG_DIR" PGPORT=55499 scripts/pg-cluster.sh stop
  rm -rf "$PG_DIR"
fi

# OpenTelemetry export off and on (issue 32): the same proxy settings, the second proxy exporting over
# OTLP/HTTP to Benchmarks/otlp_receiver.py, a local receiver that decodes every export with
# opentelemetry-proto, answers as a collector does and counts the spans (its own CPU is not the
# gateway's). Each at 1,000 rps, then wrk at 64 connections with the proxy's CPU a request; for export
# on, the SERVER spans received against the requests the proxy served (its brokle_requests_total) and
# brokle_otel_spans_dropped_total. BENCH_OTEL_SUSTAIN=S (the issue asks for 60; default 0, skipped)
# adds S seconds at 5,000 rps, open loop, on the export-on proxy: sent, received, dropped.
OTEL_SUSTAIN=${BENCH_OTEL_SUSTAIN:-0}
if ! python3 -c 'import opentelemetry.proto' 2>/dev/null; then
  echo "python3 has no opentelemetry-proto (pip install opentelemetry-proto): OpenTelemetry export off / on is skipped" >&2
else
  echo "OpenTelemetry export off / on (to a local OTLP receiver that decodes every export)…" >&2
  python3 Benchmarks/otlp_receiver.py >"$WORK/otlp-receiver.out" 2>"$WORK/otlp-receiver.err" &
  RECEIVER_PID=$!
  pids+=($!)
  for _ in $(seq 100); do [ -s "$WORK/otlp-receiver.out" ] && break; sleep 0.05; done
  RECEIVER=$(head -n 1 "$WORK/otlp-receiver.out")
  [ -n "$RECEIVER" ] || { cat "$WORK/otlp-receiver.err" >&2; exit 1; }
  # Two fresh proxies, alike but for export, so neither carries the rest of the run's history.
  OTEL_SDK_DISABLED=true start_proxy otel-off-proxy
  OFF_PID=$STARTED_PID
  OFF_PORT=$STARTED_PORT
  OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$RECEIVER" start_proxy otel-proxy
  OTEL_PID=$STARTED_PID
  OTEL_PORT=$STARTED_PORT
  metric_sum() { awk -v m="$1" '$1 == m || index($1, m "{") == 1 {n += $NF} END {printf "%.0f\n", n}'; }  # $1's series on stdin, added up
  # The export-on proxy's counters and the receiver's, one line of numbers in the order of OTEL_FIELDS
  # (exported_spans: what the proxy says the receiver accepted, 0 where it has no such counter).
  OTEL_FIELDS="requests dropped_spans exported_spans exports spans server_spans bytes decode_errors"
  otel_counts() {
    local metrics stats k v
    metrics=$(curl -s "http://127.0.0.1:$OTEL_PORT/metrics")
    stats=$(curl -s "http://127.0.0.1:$RECEIVER/stats")
    for k in brokle_requests_total brokle_otel_spans_dropped_total brokle_otel_spans_exported_total; do metric_sum "$k" <<<"$metrics"; done
    for k in exports spans server_spans bytes decode_errors; do
      v=$(sed -n "s/.*\"$k\": *\([0-9]*\).*/\1/p" <<<"$stats")
      echo "${v:-0}"
    done
  }
  otel_fields() {  # $1 counts before, $2 after: "name":after - before for each of OTEL_FIELDS
    local -a before=($1) after=($2) names=($OTEL_FIELDS)
    local i out=
    for i in "${!names[@]}"; do out+="${out:+,}\"${names[$i]}\":$((after[i] - before[i]))"; done
    echo "$out"
  }
  otel_settle() {  # $1 counts before: waits up to 3 s for the exporter's last batch (a SERVER span for each request served since)
    local -a before=($1) now
    for _ in $(seq 15); do
      now=($(otel_counts))
      [ $((now[5] - before[5])) -ge $((now[0] - before[0])) ] && return
      sleep 0.2
    done
  }
  OTEL_BEFORE=$(otel_counts)
  for mode in off on; do
    url="http://127.0.0.1:$OFF_PORT/v1/chat/completions" pid=$OFF_PID
    [ "$mode" = on ] && url="http://127.0.0.1:$OTEL_PORT/v1/chat/completions" pid=$OTEL_PID
    "$BIN/brokle-bench" load --url "$url" --key "$KEY" --rate 1000 --duration "$DURATION" --label "otel_$mode" >>"$RESULTS"
    if [ "$mode" = on ]; then
      otel_settle "$OTEL_BEFORE"  # the 1,000 rps run's spans out before wrk's CPU is read
      measured_wrk 64 "$url" "otel_$mode" "$pid"
      # The exporter's work for wrk's last requests comes after it: its CPU too.
      before=$(cpu_ticks "$pid")
      otel_settle "$OTEL_BEFORE"
      echo $(($(cat "$WORK/wrk-otel_on-64.cpu") + $(cpu_ticks "$pid") - before)) >"$WORK/wrk-otel_on-64.cpu"
    else
      measured_wrk 64 "$url" "otel_$mode" "$pid"
    fi
    echo "{\"label\":\"otel_$mode\",\"measure\":\"max_rps\",$(wrk_fields "otel_$mode")}" >>"$RESULTS"
  done
  echo "{\"label\":\"otel_on\",\"measure\":\"export\",$(otel_fields "$OTEL_BEFORE" "$(otel_counts)")}" >>"$RESULTS"
  if [ "$OTEL_SUSTAIN" != 0 ]; then
    echo "OpenTelemetry export on, $OTEL_SUSTAIN s at 5,000 rps (BENCH_OTEL_SUSTAIN)…" >&2
    OTEL_BEFORE=$(otel_counts)
    before=$(cpu_ticks "$RECEIVER_PID")
    "$BIN/brokle-bench" load --url "http://127.0.0.1:$OTEL_PORT/v1/chat/completions" --key "$KEY" --rate 5000 \
      --duration "$OTEL_SUSTAIN" --warmup 0 --label otel_sustained >>"$RESULTS"
    otel_settle "$OTEL_BEFORE"
    # The receiver's CPU over the run: it kept up when that is well under a core a second.
    RECEIVER_CPU=$(awk -v t=$(($(cpu_ticks "$RECEIVER_PID") - before)) -v hz="$HZ" 'BEGIN {printf "%.2f", t / hz}')
    echo "{\"label\":\"otel_sustained\",\"measure\":\"export\",\"rate\":5000,\"seconds\":$OTEL_SUSTAIN,$(otel_fields "$OTEL_BEFORE" "$(otel_counts)"),\"receiver_cpu_s\":$RECEIVER_CPU}" >>"$RESULTS"
  fi
  kill "$OFF_PID" "$OTEL_PID" "$RECEIVER_PID" 2>/dev/null || true
fi

# Content capture off and on (issue 30): two fresh proxies alike but for BROKLE_LOG_CONTENT, each
# measured with wrk at 64 connections, whole answers and streams (the proxy's CPU a request), and
# one stream at a time for the first byte. The goal: content on costs at most 10 % more CPU.
echo "content capture off / full…" >&2
sed 's/"messages"/"stream":true,"messages"/' "$WORK/post.lua" >"$WORK/stream.lua"
for mode in off full; do
  BROKLE_LOG_CONTENT=$mode OTEL_SDK_DISABLED=true start_proxy "content-$mode-proxy"
  pid=$STARTED_PID url="http://127.0.0.1:$STARTED_PORT/v1/chat/completions"
  measured_wrk 64 "$url" "content_$mode" "$pid"
  echo "{\"label\":\"content_$mode\",\"measure\":\"max_rps\",$(wrk_fields "content_$mode")}" >>"$RESULTS"
  WRK_SCRIPT="$WORK/stream.lua" measured_wrk 64 "$url" "content_${mode}_stream" "$pid"
  echo "{\"label\":\"content_${mode}_stream\",\"measure\":\"max_rps\",$(wrk_fields "content_${mode}_stream")}" >>"$RESULTS"
  "$BIN/brokle-bench" streams --url "$url" --key "$KEY" --concurrency 1 --rounds 200 --label "content_${mode}_first_byte" >>"$RESULTS"
  kill "$pid" 2>/dev/null || true
done

echo "allocations a request (brokle-allocations)…" >&2
"$BIN/brokle-allocations" --requests 1000 --warmup 300 \
  | sed -E 's/^\{"scenario":"([a-z_]+)"/{"label":"allocations","measure":"allocations_\1","scenario":"\1"/' >>"$RESULTS"

echo "semantic cache: embedding, lookup over 10k/100k vectors, accuracy on Benchmarks/semantic-pairs.jsonl…" >&2
"$BIN/brokle-bench" cache >>"$RESULTS"

echo "guardrails: precision/recall per entity on Benchmarks/guardrails-corpus.jsonl, CPU per KB, 1 KB/100 KB/1 MB scans…" >&2
"$BIN/brokle-bench" guardrails >>"$RESULTS"

# The trace writer: traces/s through TraceStore (attempts and hourly totals included, flush-sized
# calls) into a fresh SQLite file, and into a throwaway PostgreSQL cluster when it is installed.
echo "trace writer: traces/s into SQLite (and PostgreSQL)…" >&2
TRACE_PG=()
TRACE_PG_DIR=
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  TRACE_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/brokle-bench-pg.XXXXXX")
  TRACE_PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  TRACE_PG=(--postgres-url "$(PGDIR="$TRACE_PG_DIR" PGPORT=$TRACE_PG_PORT scripts/pg-cluster.sh start)")
fi
"$BIN/brokle-bench" traces --count "${BENCH_TRACES:-300000}" "${TRACE_PG[@]}" >>"$RESULTS"

# Reports over a history of BENCH_REPORT_TRACES traces (1 M; the README's figures are over 10 M)
# spread over 30 days: cost report by every kind of grouping, cache stats, trace query by end user
# and session, on SQLite and in a database of its own on the same PostgreSQL cluster.
echo "reports: cost report, cache stats and trace query over ${BENCH_REPORT_TRACES:-1000000} traces…" >&2
REPORT_PG=()
if [ -n "$TRACE_PG_DIR" ]; then
  psql "${TRACE_PG[1]}" -qc "CREATE DATABASE reports" >/dev/null
  REPORT_PG=(--postgres-url "$(echo "${TRACE_PG[1]}" | sed -E 's#/[^/?]+(\?|$)#/reports\1#')")
fi
"$BIN/brokle-bench" reports --count "${BENCH_REPORT_TRACES:-1000000}" "${REPORT_PG[@]}" >>"$RESULTS"
if [ -n "$TRACE_PG_DIR" ]; then
  PGDIR="$TRACE_PG_DIR" PGPORT=$TRACE_PG_PORT scripts/pg-cluster.sh stop
  rm -rf "$TRACE_PG_DIR"
fi

python3 scripts/bench_report.py "$RESULTS" \
  --cores "$(nproc)" --swift "$(swift --version 2>/dev/null | head -n 1)" --brokle "$("$BIN/brokle" --version)" \
  --direct-max "$DIRECT_MAX" --floor-max "$FLOOR_MAX" --proxied-max "$PROXIED_MAX" --cached-max "$CACHED_MAX" "${PATH_ROWS[@]}" \
  --rss "idle=$IDLE_RSS" --rss "after_max_load=$LOAD_RSS" --rss "with_${STREAMS}_streams=$STREAMS_RSS" --rss "after_run=$AFTER_RSS" --rss "after_second_run=$AFTER2_RSS" --open-fds "$OPEN_FDS" \
  --out .bench/summary.json
