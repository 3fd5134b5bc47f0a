"""Drives a running `brokle proxy` through OpenAI's Responses API (/v1/responses) with the official
OpenAI Python SDK, unmodified. Every model here is served by a provider that speaks chat
completions (Brokle's mock, a fake Anthropic), so each call is translated both ways and the
conversation state (`previous_response_id`) is Brokle's own.

Models (see CLIResponsesSDKTests): mock-chat (lorem), echo-chat (echoes the prompt), fallback-chat
(a failing mock, then mock-chat), busy-chat (always 429).

Usage: BROKLE_BASE_URL=http://127.0.0.1:PORT/v1 BROKLE_KEY=bk_... python3 responses_sdk_check.py
Prints one JSON line per check; exits non-zero on the first failure.
"""
import json
import os
import sys

import openai
from pydantic import BaseModel

base_url = os.environ["BROKLE_BASE_URL"]
key = os.environ["BROKLE_KEY"]
client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0)


def check(name, condition, detail=""):
    print(json.dumps({"check": name, "ok": bool(condition), "detail": str(detail)[:2000]}))
    if not condition:
        sys.exit(1)


text = client.responses.create(model="mock-chat", input="hello from the responses api", instructions="Be brief.")
check(
    "text",
    text.id.startswith("resp_") and text.object == "response" and text.status == "completed" and text.output_text
    and text.instructions == "Be brief." and text.model == "mock-chat" and text.usage.input_tokens > 0
    and text.usage.output_tokens > 0 and text.usage.total_tokens == text.usage.input_tokens + text.usage.output_tokens,
    text,
)


class City(BaseModel):
    city: str
    population: int


parsed = client.responses.parse(model="echo-chat", input='{"city": "Paris", "population": 2102650}', text_format=City)
check(
    "json_schema",
    parsed.output_parsed == City(city="Paris", population=2102650) and parsed.text.format.type == "json_schema",
    parsed,
)

deltas, numbers = [], []
with client.responses.stream(model="mock-chat", input="stream please") as stream:
    for event in stream:
        numbers.append(event.sequence_number)
        if event.type == "response.output_text.delta":
            deltas.append(event.delta)
    final = stream.get_final_response()
check(
    "stream",
    len(deltas) > 1 and final.output_text == "".join(deltas) and final.status == "completed"
    and numbers == list(range(len(numbers))) and final.usage.output_tokens > 0,
    (deltas, numbers, final),
)

weather_tool = {
    "type": "function", "name": "get_weather", "description": "The weather in a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"], "additionalProperties": False},
    "strict": True,
}
called = client.responses.create(model="mock-chat", input="Paris", tools=[weather_tool])
call = next((item for item in called.output if item.type == "function_call"), None)
check(
    "tool_call",
    call is not None and call.name == "get_weather" and json.loads(call.arguments).get("city") and call.call_id,
    called,
)
answered = client.responses.create(
    model="mock-chat", previous_response_id=called.id, tools=[weather_tool],
    input=[{"type": "function_call_output", "call_id": call.call_id, "output": "sunny and 21C"}],
)
check("tool_result", "sunny and 21C" in answered.output_text and answered.previous_response_id == called.id, answered)

first = client.responses.create(model="echo-chat", input="my name is Ada")
second = client.responses.create(model="echo-chat", previous_response_id=first.id, input="what is my name")
check(
    "previous_response_id",
    second.output_text == "what is my name" and second.usage.input_tokens > first.usage.input_tokens,
    (first.usage, second.usage),
)

raw = client.responses.with_raw_response.create(model="fallback-chat", previous_response_id=second.id, input="and now?")
fell_back = raw.parse()
check(
    "across_fallback",
    raw.headers.get("x-brokle-attempts") == "2" and raw.headers.get("x-brokle-provider") == "mock"
    and fell_back.output_text and fell_back.usage.input_tokens > second.usage.input_tokens,
    (dict(raw.headers), fell_back.usage),
)

retrieved = client.responses.retrieve(first.id)
check("retrieve", retrieved.id == first.id and retrieved.output_text == first.output_text, retrieved)

items = client.responses.input_items.list(second.id)
check(
    "input_items",
    len(items.data) == 1 and items.data[0].type == "message" and items.data[0].content[0].text == "what is my name"
    and items.first_id == items.data[0].id,
    items,
)

deleted = client.responses.delete(first.id)
try:
    client.responses.retrieve(first.id)
    check("delete", False, "still there")
except openai.NotFoundError as error:
    check("delete", deleted is None and error.status_code == 404 and first.id in error.message, error.body)

try:
    openai.OpenAI(base_url=base_url, api_key="bk_wrong", max_retries=0).responses.create(model="mock-chat", input="x")
    check("unauthorized", False, "no error")
except openai.AuthenticationError as error:
    check("unauthorized", error.status_code == 401, error.body)

try:
    client.responses.create(model="no-such-model", input="x")
    check("model_not_found", False, "no error")
except openai.NotFoundError as error:
    check("model_not_found", error.status_code == 404 and error.code == "model_not_found", error.body)

try:
    client.responses.create(model="mock-chat", previous_response_id="resp_unknown", input="x")
    check("previous_not_found", False, "no error")
except openai.NotFoundError as error:
    check("previous_not_found", error.status_code == 404 and error.param == "previous_response_id", error.body)

try:
    client.responses.create(model="busy-chat", input="x")
    check("rate_limited", False, "no error")
except openai.RateLimitError as error:
    check("rate_limited", error.status_code == 429, error.body)

try:
    client.responses.create(model="mock-chat", input="x", tools=[{"type": "web_search"}])
    check("hosted_tool", False, "no error")
except openai.BadRequestError as error:
    check("hosted_tool", error.status_code == 400 and "web_search" in error.message, error.body)

whole = client.responses.with_raw_response.create(model="cached-chat", input="cache me please")
again = client.responses.with_raw_response.create(model="cached-chat", input="cache me please")
first_answer, replayed = whole.parse(), again.parse()
with client.responses.with_streaming_response.create(model="cached-chat", input="cache me please", stream=True) as streamed:
    stream_header = streamed.headers.get("x-brokle-cache")
    events = list(streamed.parse())
completed = events[-1]
check(
    "cache_replay",
    whole.headers.get("x-brokle-cache") == "miss" and again.headers.get("x-brokle-cache") == "hit-exact"
    and stream_header == "hit-exact" and replayed.output_text == first_answer.output_text and replayed.id != first_answer.id
    and completed.type == "response.completed" and completed.response.output_text == first_answer.output_text
    and any(event.type == "response.output_text.delta" for event in events),
    (dict(again.headers), [event.type for event in events]),
)
