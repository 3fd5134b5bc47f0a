"""Drives a running `brokle proxy` through its Anthropic-compatible endpoint (/v1/messages) with the
official Anthropic Python SDK, unmodified. The model behind it is Brokle's mock (OpenAI-shaped),
so this checks the translation both ways.

Usage: BROKLE_ROOT_URL=http://127.0.0.1:PORT BROKLE_KEY=bk_... python3 anthropic_sdk_check.py
Prints one JSON line per check; exits non-zero on the first failure.
"""
import json
import os
import sys

import anthropic

root_url = os.environ["BROKLE_ROOT_URL"]
key = os.environ["BROKLE_KEY"]
client = anthropic.Anthropic(base_url=root_url, api_key=key, max_retries=0)


def check(name, condition, detail=""):
    print(json.dumps({"check": name, "ok": bool(condition), "detail": str(detail)}))
    if not condition:
        sys.exit(1)


message = client.messages.create(
    model="mock-chat", max_tokens=64, system="Be brief.", messages=[{"role": "user", "content": "hello from the anthropic sdk"}]
)
check(
    "message",
    message.type == "message" and message.role == "assistant" and message.content[0].type == "text"
    and message.content[0].text and message.stop_reason == "end_turn" and message.usage.output_tokens > 0
    and message.usage.input_tokens > 0,
    message,
)

raw = client.messages.with_raw_response.create(model="mock-chat", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
check("headers", raw.headers.get("x-brokle-provider") == "mock" and raw.headers.get("x-brokle-request-id"), dict(raw.headers))

pieces = []
with client.messages.stream(model="mock-chat", max_tokens=64, messages=[{"role": "user", "content": "stream please"}]) as stream:
    for text in stream.text_stream:
        pieces.append(text)
    final = stream.get_final_message()
check(
    "stream",
    len(pieces) > 1 and final.content[0].text == "".join(pieces) and final.stop_reason == "end_turn"
    and final.usage.output_tokens == len(pieces),
    (len(pieces), final.usage),
)

events = [event.type for event in client.messages.create(
    model="mock-chat", max_tokens=16, stream=True, messages=[{"role": "user", "content": "raw events"}]
)]
check(
    "stream_events",
    events[0] == "message_start" and events[1] == "content_block_start" and "content_block_delta" in events
    and events[-3:] == ["content_block_stop", "message_delta", "message_stop"],
    events,
)

try:
    client.messages.create(model="no-such-model", max_tokens=8, messages=[{"role": "user", "content": "x"}])
    check("not_found", False, "no error")
except anthropic.NotFoundError as error:
    check("not_found", error.status_code == 404 and error.body["error"]["type"] == "not_found_error", error.body)

try:
    anthropic.Anthropic(base_url=root_url, api_key="bk_wrong", max_retries=0).messages.create(
        model="mock-chat", max_tokens=8, messages=[{"role": "user", "content": "x"}]
    )
    check("bad_key", False, "no error")
except anthropic.AuthenticationError as error:
    check("bad_key", error.status_code == 401 and error.body["type"] == "error", error.body)
