"""Point the official OpenAI SDK at Brokle: only base_url and the key change.

    export BROKLE_KEY=bk_...            # from `brokle keys create` or `make run`
    python3 examples/sdk_quickstart.py
"""
import os

from openai import OpenAI

client = OpenAI(base_url=os.environ.get("BROKLE_BASE_URL", "http://127.0.0.1:8080/v1"), api_key=os.environ["BROKLE_KEY"])

reply = client.chat.completions.create(model="mock-chat", messages=[{"role": "user", "content": "Hello, Brokle"}])
print(reply.choices[0].message.content)

for chunk in client.chat.completions.create(
    model="mock-chat", messages=[{"role": "user", "content": "Stream, please"}], stream=True,
    stream_options={"include_usage": True},
):
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
    if chunk.usage:
        print(f"\n[{chunk.usage.prompt_tokens} in, {chunk.usage.completion_tokens} out]")
