"""Drives a running `brokle proxy` with the official OpenAI Python SDK, unmodified.

Usage: BROKLE_BASE_URL=http://127.0.0.1:PORT/v1 BROKLE_KEY=bk_... python3 openai_sdk_check.py
Prints one JSON line per check; exits non-zero on the first failure.
"""
import json
import os
import sys

import openai

base_url = os.environ["BROKLE_BASE_URL"]
key = os.environ["BROKLE_KEY"]
client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0)


def check(name, condition, detail=""):
    print(json.dumps({"check": name, "ok": bool(condition), "detail": str(detail)}))
    if not condition:
        sys.exit(1)


chat = client.chat.completions.create(model="mock-chat", messages=[{"role": "user", "content": "hello from the sdk"}])
check("chat", chat.choices[0].message.content and chat.usage.completion_tokens > 0, chat.usage)

raw = client.chat.completions.with_raw_response.create(model="mock-chat", messages=[{"role": "user", "content": "hi"}])
check("headers", raw.headers.get("x-brokle-provider") == "mock" and raw.headers.get("x-brokle-request-id"), dict(raw.headers))

pieces, usage = [], None
stream = client.chat.completions.create(
    model="mock-chat", messages=[{"role": "user", "content": "stream please"}], stream=True,
    stream_options={"include_usage": True},
)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        pieces.append(chunk.choices[0].delta.content)
    if chunk.usage:
        usage = chunk.usage
check("stream", len(pieces) > 1 and usage is not None and usage.completion_tokens == len(pieces), (len(pieces), usage))

plain = list(client.chat.completions.create(model="mock-chat", messages=[{"role": "user", "content": "x"}], stream=True))
check("stream_without_usage", all(c.usage is None for c in plain), len(plain))

completion = client.completions.create(model="mock-chat", prompt="complete me")
check("completions", completion.choices[0].text, completion.choices[0].text)

embedding = client.embeddings.create(model="mock-embed", input=["one", "two"])  # SDK asks for base64
check("embeddings", len(embedding.data) == 2 and len(embedding.data[0].embedding) == 8, len(embedding.data))

models = [m.id for m in client.models.list()]
check("models", "mock-chat" in models, models)

try:
    openai.OpenAI(base_url=base_url, api_key="bk_not_a_real_key", max_retries=0).chat.completions.create(
        model="mock-chat", messages=[{"role": "user", "content": "x"}])
    check("bad_key", False, "no exception")
except openai.AuthenticationError as error:
    check("bad_key", error.status_code == 401, error.status_code)

try:
    client.chat.completions.create(model="no-such-model", messages=[{"role": "user", "content": "x"}])
    check("unknown_model", False, "no exception")
except openai.NotFoundError as error:
    check("unknown_model", error.status_code == 404, error.status_code)
