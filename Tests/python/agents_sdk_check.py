"""Runs an OpenAI Agents SDK agent (`openai-agents`, unmodified) with one function tool to its final
output through a running `brokle proxy`'s Responses API: the agent loop calls /v1/responses, gets a
function call, runs the tool, sends its output back and gets the answer that cites it.

Models: mock-chat (Brokle's mock, which calls the first offered tool and then answers citing its
output) and claude-agent (a fake Anthropic upstream speaking the Messages API, which does the
same) — both translated from the Responses API. Each runs whole and streamed.

Usage: BROKLE_BASE_URL=http://127.0.0.1:PORT/v1 BROKLE_KEY=bk_... python3 agents_sdk_check.py
Prints one JSON line per check; exits non-zero on the first failure.
"""
import asyncio
import json
import os
import sys

from agents import Agent, OpenAIResponsesModel, Runner, function_tool, set_tracing_disabled
from openai import AsyncOpenAI

set_tracing_disabled(True)
client = AsyncOpenAI(base_url=os.environ["BROKLE_BASE_URL"], api_key=os.environ["BROKLE_KEY"], max_retries=0)
calls = []


def check(name, condition, detail=""):
    print(json.dumps({"check": name, "ok": bool(condition), "detail": str(detail)[:2000]}))
    if not condition:
        sys.exit(1)


@function_tool
def get_weather(city: str) -> str:
    """The weather in a city."""
    calls.append(city)
    return f"sunny in {city}, 21C"


def agent(model):
    return Agent(
        name="weather",
        instructions="Answer with the weather tool.",
        model=OpenAIResponsesModel(model=model, openai_client=client),
        tools=[get_weather],
    )


async def main():
    for model in ["mock-chat", "claude-agent"]:
        calls.clear()
        result = await Runner.run(agent(model), "Paris", max_turns=4)
        check(f"{model}_run", len(calls) == 1 and "sunny in" in str(result.final_output), (calls, result.final_output))

        calls.clear()
        streamed = Runner.run_streamed(agent(model), "Paris", max_turns=4)
        kinds = set()
        async for event in streamed.stream_events():
            kinds.add(event.type)
        check(
            f"{model}_streamed",
            len(calls) == 1 and "sunny in" in str(streamed.final_output) and "raw_response_event" in kinds,
            (calls, streamed.final_output, kinds),
        )


asyncio.run(main())
