#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on loopback for tests and local work.
#   scripts/pg-cluster.sh start   # prints the URL to use as BROKLE_TEST_POSTGRES_URL
#   scripts/pg-cluster.sh stop
# PGDIR (default .build-pg) holds the data, socket and log; PGPORT defaults to 55432.
set -euo pipefail
cmd=${1:-}
PGDIR=${PGDIR:-$PWD/.build-pg}
PGPORT=${PGPORT:-55432}
BIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -n "$BIN" ] && [ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$PGDIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
    if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
      as_postgres "$BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$PGDIR/initdb.log" 2>&1 \
        || { cat "$PGDIR/initdb.log" >&2; exit 1; }
    fi
    if ! as_postgres "$BIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
      as_postgres "$BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c max_connections=200" -w start >/dev/null \
        || { cat "$PGDIR/server.log" >&2; exit 1; }
    fi
    echo "postgres://postgres@127.0.0.1:$PGPORT/postgres?sslmode=disable"
    ;;
  stop)
    if [ -f "$PGDIR/data/PG_VERSION" ]; then
      as_postgres "$BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
