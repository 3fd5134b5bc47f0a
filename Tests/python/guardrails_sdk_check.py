"""Drives a running `brokle proxy` whose model `guarded` masks emails (restoring them in answers)
and blocks payment cards, with the official OpenAI and Anthropic Python SDKs, unmodified. The
model behind it is Brokle's mock in echo mode: it repeats what it received, placeholders and all.

Usage: BROKLE_BASE_URL=http://127.0.0.1:PORT/v1 BROKLE_ROOT_URL=http://127.0.0.1:PORT BROKLE_KEY=bk_... \
       python3 guardrails_sdk_check.py
Prints one JSON line per check; exits non-zero on the first failure.
"""
import json
import os
import sys

import anthropic
import openai

EMAIL = "jane.doe@example.com"
CARD = "4111 1111 1111 1111"
openai_client = openai.OpenAI(base_url=os.environ["BROKLE_BASE_URL"], api_key=os.environ["BROKLE_KEY"], max_retries=0)
anthropic_client = anthropic.Anthropic(base_url=os.environ["BROKLE_ROOT_URL"], api_key=os.environ["BROKLE_KEY"], max_retries=0)


def check(name, condition, detail=""):
    print(json.dumps({"check": name, "ok": bool(condition), "detail": str(detail)}))
    if not condition:
        sys.exit(1)


prompt = f"please write to {EMAIL} today"
raw = openai_client.chat.completions.with_raw_response.create(model="guarded", messages=[{"role": "user", "content": prompt}])
completion = raw.parse()
check(
    "openai whole answer restored",
    completion.choices[0].message.content == prompt and raw.headers.get("x-brokle-guardrails") == "input.email.mask=1",
    (completion.choices[0].message.content, dict(raw.headers)),
)

pieces = []
for chunk in openai_client.chat.completions.create(
    model="guarded", stream=True, messages=[{"role": "user", "content": prompt}]
):
    if chunk.choices and chunk.choices[0].delta.content:
        pieces.append(chunk.choices[0].delta.content)
check("openai stream restored", "".join(pieces) == prompt, pieces)

try:
    openai_client.chat.completions.create(model="guarded", messages=[{"role": "user", "content": f"card {CARD} please"}])
    check("openai block", False, "no error")
except openai.BadRequestError as error:
    body = error.response.text
    check("openai block", error.code == "content_policy_violation" and CARD not in body and "card" in body, body)

message = anthropic_client.messages.create(model="guarded", max_tokens=64, messages=[{"role": "user", "content": prompt}])
check("anthropic whole answer restored", message.content[0].text == prompt, message)

with anthropic_client.messages.stream(model="guarded", max_tokens=64, messages=[{"role": "user", "content": prompt}]) as stream:
    text = "".join(stream.text_stream)
check("anthropic stream restored", text == prompt, text)

try:
    anthropic_client.messages.create(model="guarded", max_tokens=16, messages=[{"role": "user", "content": f"card {CARD}"}])
    check("anthropic block", False, "no error")
except anthropic.BadRequestError as error:
    body = error.response.text
    check("anthropic block", error.response.json()["error"]["type"] == "invalid_request_error" and CARD not in body, body)
