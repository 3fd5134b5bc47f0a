#!/usr/bin/env bash
# Apply the schema before starting Brokle, and fail loudly if anything is left dirty.
set -euo pipefail
: "${BROKLE_DATABASE_URL:?set BROKLE_DATABASE_URL, e.g. postgres://brokle:secret@db:5432/brokle?sslmode=disable}"
brokle migrate up --log-level warning
pending=$(brokle migrate status | jq -s '[.[] | select(.applied | not)] | length')
if [ "$pending" -ne 0 ]; then
  echo "schema not fully applied: $pending migration(s) pending or dirty" >&2
  exit 1
fi
