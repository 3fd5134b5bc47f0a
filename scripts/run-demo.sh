#!/usr/bin/env bash
# `make run`: the proxy on the embedded SQLite default, with demo data and a fresh key.
set -euo pipefail
BIN=${BIN:-.build/debug/brokle}
PORT=${BROKLE_PORT:-8080}
# The demo keeps what was asked and answered with each trace (`brokle logging set` changes it per scope).
export BROKLE_LOG_CONTENT=${BROKLE_LOG_CONTENT:-full}
"$BIN" migrate up --log-level warning >/dev/null
"$BIN" seed --log-level warning >/dev/null
key=$("$BIN" keys create --project acme/web --env development --name make-run --expires-in 7d --log-level warning \
  | sed -n 's/.*"key":"\(bk_[^"]*\)".*/\1/p')
# A one-time sign-in link to the dashboard for the demo organization's owner (valid 15 minutes).
link=$(BROKLE_PORT=$PORT "$BIN" ui link --email owner@acme.test --log-level warning | sed -n 's/.*"url":"\([^"]*\)".*/\1/p')
cat >&2 <<MSG

Brokle is starting on http://127.0.0.1:$PORT/v1 with the built-in mock provider (models: mock-chat, mock-embed).
A key for acme/web/development, valid for 7 days:

  export BROKLE_KEY=$key

Try it:

  curl -s http://127.0.0.1:$PORT/v1/chat/completions -H "Authorization: Bearer \$BROKLE_KEY" \\
    -d '{"model":"mock-chat","messages":[{"role":"user","content":"Hello"}]}'

  python3 -c 'import openai,os; c=openai.OpenAI(base_url="http://127.0.0.1:$PORT/v1", api_key=os.environ["BROKLE_KEY"]); print(c.chat.completions.create(model="mock-chat", messages=[{"role":"user","content":"Hello"}]).choices[0].message.content)'

The dashboard (sign in once with this link within 15 minutes; 'brokle ui link --email owner@acme.test' makes another):

  $link

Content is kept with each trace (BROKLE_LOG_CONTENT=$BROKLE_LOG_CONTENT).
Ctrl-C stops it (in-flight requests finish, traces are written).

MSG
exec "$BIN" proxy --port "$PORT"
