#!/usr/bin/env bash
# Idempotent provisioning: safe to run again; prints the new key for the production environment.
set -euo pipefail
brokle orgs create acme --name "Acme Inc" --plan pro --if-not-exists >/dev/null
brokle orgs projects create acme/web --if-not-exists >/dev/null
brokle orgs members add acme ops@acme.test --role owner --if-not-exists >/dev/null
# --name + --if-not-exists reuses the key on later runs (its secret is only printed the first time).
brokle keys create --project acme/web --env production --name web-prod --if-not-exists | jq -r '.key // "key exists (secret shown only at creation)"'
