"""Drives a running `brokle proxy` whose key is limited to 1 request per minute with the official
OpenAI and Anthropic Python SDKs, unmodified: the refusal is the SDKs' own RateLimitError, with
OpenAI's rate-limit headers and retry-after, so their retry logic works unchanged.

Usage: BROKLE_BASE_URL=http://127.0.0.1:PORT/v1 BROKLE_ROOT_URL=http://127.0.0.1:PORT BROKLE_KEY=bk_...
       python3 limits_sdk_check.py
Prints one JSON line per check; exits non-zero on the first failure.
"""
import json
import os
import sys

import anthropic
import openai

key = os.environ["BROKLE_KEY"]
client = openai.OpenAI(base_url=os.environ["BROKLE_BASE_URL"], api_key=key, max_retries=0)
claude = anthropic.Anthropic(base_url=os.environ["BROKLE_ROOT_URL"], api_key=key, max_retries=0)


def check(name, condition, detail=""):
    print(json.dumps({"check": name, "ok": bool(condition), "detail": str(detail)}))
    if not condition:
        sys.exit(1)


first = client.chat.completions.create(model="mock-chat", messages=[{"role": "user", "content": "one"}])
check("first_admitted", first.choices[0].message.content, first)

try:
    client.chat.completions.create(model="mock-chat", messages=[{"role": "user", "content": "two"}])
    check("openai_rate_limit_error", False, "no exception")
except openai.RateLimitError as error:
    headers = error.response.headers
    check(
        "openai_rate_limit_error",
        error.status_code == 429 and error.code == "rate_limit_exceeded" and headers.get("x-ratelimit-limit-requests") == "1"
        and headers.get("x-ratelimit-remaining-requests") == "0" and headers.get("x-ratelimit-reset-requests")
        and int(headers.get("retry-after", "0")) >= 1,
        (error.code, dict(headers)),
    )

try:
    claude.messages.create(model="mock-chat", max_tokens=8, messages=[{"role": "user", "content": "three"}])
    check("anthropic_rate_limit_error", False, "no exception")
except anthropic.RateLimitError as error:
    check("anthropic_rate_limit_error", error.status_code == 429 and error.response.headers.get("retry-after"), error)
