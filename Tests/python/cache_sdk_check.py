"""Drives a running `brokle proxy` whose model `cached-chat` has an exact response cache, with the
official OpenAI and Anthropic Python SDKs, unmodified: a stored whole answer replays as a stream, a
stored stream replays as a whole answer, and neither SDK can tell a replay from a live answer.

Usage: BROKLE_BASE_URL=http://127.0.0.1:PORT/v1 BROKLE_ROOT_URL=http://127.0.0.1:PORT BROKLE_KEY=bk_...
       python3 cache_sdk_check.py
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
MODEL = "cached-chat"


def check(name, condition, detail=""):
    print(json.dumps({"check": name, "ok": bool(condition), "detail": str(detail)}))
    if not condition:
        sys.exit(1)


def ask(prompt):
    return [{"role": "user", "content": prompt}]


# A whole answer, stored; then the same question streamed: a replayed stream.
first = client.chat.completions.with_raw_response.create(model=MODEL, messages=ask("whole first then streamed"))
answer = first.parse()
check("openai_miss", first.headers.get("x-brokle-cache") == "miss" and answer.choices[0].message.content, dict(first.headers))
pieces, usage = [], None
raw = client.chat.completions.with_raw_response.create(
    model=MODEL, messages=ask("whole first then streamed"), stream=True, stream_options={"include_usage": True})
for chunk in raw.parse():
    if chunk.choices and chunk.choices[0].delta.content:
        pieces.append(chunk.choices[0].delta.content)
    if chunk.usage:
        usage = chunk.usage
check(
    "openai_whole_replayed_as_stream",
    raw.headers.get("x-brokle-cache") == "hit-exact" and "".join(pieces) == answer.choices[0].message.content
    and usage is not None and usage.completion_tokens == answer.usage.completion_tokens,
    (raw.headers.get("x-brokle-cache"), pieces, usage),
)

# A stream, stored once complete; then the same question whole: a replayed whole answer.
streamed = "".join(
    c.choices[0].delta.content or ""
    for c in client.chat.completions.create(model=MODEL, messages=ask("streamed first then whole"), stream=True)
    if c.choices)
whole = client.chat.completions.with_raw_response.create(model=MODEL, messages=ask("streamed first then whole"))
check(
    "openai_stream_replayed_as_whole",
    whole.headers.get("x-brokle-cache") == "hit-exact" and whole.parse().choices[0].message.content == streamed
    and whole.parse().choices[0].finish_reason == "stop",
    (whole.headers.get("x-brokle-cache"), streamed),
)
again = list(client.chat.completions.create(model=MODEL, messages=ask("streamed first then whole"), stream=True))
check("openai_stream_replayed_as_stream", "".join(c.choices[0].delta.content or "" for c in again if c.choices) == streamed
      and all(c.usage is None for c in again), len(again))

# The Anthropic SDK against /v1/messages: whole then streamed, streamed then whole.
message = claude.messages.create(model=MODEL, max_tokens=64, messages=ask("anthropic whole first"))
with claude.messages.stream(model=MODEL, max_tokens=64, messages=ask("anthropic whole first")) as stream:
    text = "".join(stream.text_stream)
    final = stream.get_final_message()
check(
    "anthropic_whole_replayed_as_stream",
    text == message.content[0].text and final.stop_reason == "end_turn" and final.usage.output_tokens == message.usage.output_tokens,
    (text, final),
)
with claude.messages.stream(model=MODEL, max_tokens=64, messages=ask("anthropic streamed first")) as stream:
    text = "".join(stream.text_stream)
replayed = claude.messages.with_raw_response.create(model=MODEL, max_tokens=64, messages=ask("anthropic streamed first"))
check(
    "anthropic_stream_replayed_as_whole",
    replayed.headers.get("x-brokle-cache") == "hit-exact" and replayed.parse().content[0].text == text
    and replayed.parse().stop_reason == "end_turn",
    (replayed.headers.get("x-brokle-cache"), text),
)
