#!/usr/bin/env python3
"""`make soak` and `make outage`: the gateway under steady mixed traffic, measured from outside.

soak:   SOAK_DURATION seconds (default 600) of mixed traffic at SOAK_RATE requests/s (default 100):
        plain chat, streams, streams the client hangs up on, and requests whose upstream fails.
        The proxy's RSS and open descriptors are sampled every SOAK_SAMPLE seconds (default 30) and
        printed. Verdict: after the warm-up (the first 90 s), the mean of the last third of the
        samples is within +/-10 % of the mean of the first third, for RSS and for descriptors (a
        leak grows; a single sample of descriptors moves with the connections open at that instant,
        so the largest deviation of one sample is printed too, not judged).
outage: traffic at SOAK_RATE while PostgreSQL is stopped for OUTAGE_SECONDS (default 10) and
        started again: requests lost (non-200 answers for a key the gateway had already seen), the
        time from PostgreSQL being back to the first request that needs the database succeeding,
        and traces lost (answered 200 but not in the database once the writer caught up).

Only the standard library: raw HTTP/1.1 over asyncio, one connection per request.
"""
import asyncio
import json
import os
import random
import sys
import time


async def http(port, method, path, key=None, body=None, hang_up_after=None, timeout=30):
    """Returns (status, body bytes). hang_up_after: close after that many body bytes arrived."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        data = json.dumps(body).encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {len(data)}\r\n"
        if key:
            head += f"Authorization: Bearer {key}\r\n"
        if data:
            head += "Content-Type: application/json\r\n"
        writer.write(head.encode() + b"\r\n" + data)
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), timeout)
        status = int(status_line.split()[1]) if status_line else 0
        while True:
            line = await asyncio.wait_for(reader.readline(), timeout)
            if line in (b"\r\n", b""):
                break
        received = b""
        while True:
            chunk = await asyncio.wait_for(reader.read(65536), timeout)
            if not chunk:
                break
            received += chunk
            if hang_up_after is not None and len(received) >= hang_up_after:
                break
        return status, received
    finally:
        writer.close()


def sample(pid):
    rss = 0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
    fds = os.listdir(f"/proc/{pid}/fd")
    sockets = 0
    for fd in fds:
        try:
            sockets += os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
        except OSError:
            pass
    return rss, len(fds), sockets, db_mb()


def db_mb():
    """The SQLite database's size (file and WAL) in MB, when the soak runs on one (SOAK_DB)."""
    path = os.environ.get("SOAK_DB")
    if not path:
        return 0.0
    total = 0
    for suffix in ("", "-wal"):
        try:
            total += os.path.getsize(path + suffix)
        except OSError:
            pass
    return total / (1 << 20)


CHAT = {"model": "mock-chat", "messages": [{"role": "user", "content": "soak"}]}
STREAM = {"model": "mock-stream", "stream": True, "messages": [{"role": "user", "content": "soak"}]}
FAILING = {"model": "mock-fail", "messages": [{"role": "user", "content": "soak"}]}


async def one(port, key, kind, counts):
    try:
        if kind == "plain":
            status, _ = await http(port, "POST", "/v1/chat/completions", key, CHAT)
        elif kind == "stream":
            status, body = await http(port, "POST", "/v1/chat/completions", key, STREAM)
            if status == 200 and b"[DONE]" not in body:
                status = -1
        elif kind == "hangup":
            status, _ = await http(port, "POST", "/v1/chat/completions", key, STREAM, hang_up_after=1)
        else:
            status, _ = await http(port, "POST", "/v1/chat/completions", key, FAILING)
    except Exception:
        status = 0
    counts.setdefault(kind, {}).setdefault(status, 0)
    counts[kind][status] += 1
    return status


async def traffic(port, key, rate, seconds, counts, pick):
    """Open loop: a request is started every 1/rate s whatever the others are doing."""
    tasks = []
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < seconds:
        due = start + n / rate
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(port, key, pick(), counts)))
        n += 1
        if len(tasks) > 2000:
            done = [t for t in tasks if t.done()]
            tasks = [t for t in tasks if not t.done()]
    await asyncio.gather(*tasks)


def mixed():
    r = random.random()
    return "plain" if r < 0.6 else "stream" if r < 0.8 else "hangup" if r < 0.9 else "error"


async def soak(port, key, pid):
    duration = float(os.environ.get("SOAK_DURATION", "600"))
    rate = float(os.environ.get("SOAK_RATE", "100"))
    every = float(os.environ.get("SOAK_SAMPLE", "30"))
    counts = {}
    samples = [(0.0, *sample(pid))]
    print(f"soak: {duration:.0f} s at {rate:.0f} rps (60% plain, 20% streams, 10% hang-ups, 10% upstream errors)", file=sys.stderr)
    print(f"{'t (s)':>7} {'RSS (MB)':>9} {'open fds':>9} {'sockets':>8} {'DB (MB)':>8}")
    print(f"{0:>7.0f} {samples[0][1]:>9.1f} {samples[0][2]:>9} {samples[0][3]:>8} {samples[0][4]:>8.1f}", flush=True)
    load = asyncio.create_task(traffic(port, key, rate, duration, counts, mixed))
    start = time.monotonic()
    while not load.done():
        await asyncio.wait([load], timeout=every)
        t = time.monotonic() - start
        rss, fds, sockets, db = sample(pid)
        samples.append((t, rss, fds, sockets, db))
        print(f"{t:>7.0f} {rss:>9.1f} {fds:>9} {sockets:>8} {db:>8.1f}", flush=True)
    warmup = float(os.environ.get("SOAK_WARMUP", "90"))
    after = [s for s in samples if s[0] >= warmup] or samples[1:]
    third = max(1, len(after) // 3)

    def trend(column):
        first = sum(s[column] for s in after[:third]) / third
        last = sum(s[column] for s in after[-third:]) / third
        return (last - first) / max(first, 1) * 100

    def spread(column):
        base = after[0][column]
        return max(abs(s[column] - base) / max(base, 1) for s in after) * 100

    rss_trend, fd_trend, db_trend = trend(1), trend(2), trend(4)
    # With retention, the database holds a steady window of traffic: it must be flat too.
    retention = os.environ.get("BROKLE_TRACE_RETENTION") is not None
    flat = abs(rss_trend) <= 10 and abs(fd_trend) <= 10 and (not retention or db_trend <= 10)
    summary = {"duration_s": duration, "rate_rps": rate, "answers": counts, "samples": samples,
               "rss_trend_pct": round(rss_trend, 1), "fds_trend_pct": round(fd_trend, 1), "db_trend_pct": round(db_trend, 1),
               "rss_max_deviation_pct": round(spread(1), 1), "fds_max_deviation_pct": round(spread(2), 1), "flat": flat}
    print(f"answers: {json.dumps(counts, sort_keys=True)}")
    print(f"after warm-up, last third vs first third: RSS {rss_trend:+.1f} %, open fds {fd_trend:+.1f} %, database {db_trend:+.1f} % "
          f"-> {'flat' if flat else 'NOT flat'} "
          f"(largest single-sample deviation: RSS {spread(1):.1f} %, fds {spread(2):.1f} %)")
    return summary


async def outage(port, key, fresh_keys, pg_stop, pg_start, count_traces):
    rate = float(os.environ.get("SOAK_RATE", "100"))
    down = float(os.environ.get("OUTAGE_SECONDS", "10"))
    counts = {}
    print(f"outage: {rate:.0f} rps of plain chat; PostgreSQL stopped for {down:.0f} s after 5 s", file=sys.stderr)
    load = asyncio.create_task(traffic(port, key, rate, 10 + down + 10, counts, lambda: "plain"))
    await asyncio.sleep(5)
    await pg_stop()
    stopped = time.monotonic()
    await asyncio.sleep(down)
    await pg_start()
    back = time.monotonic()
    recovered = None
    fresh = fresh_keys[0]  # new to the gateway, so it needs the database
    answers = []
    while time.monotonic() - back < 120:
        status, body = await http(port, "POST", "/v1/chat/completions", fresh, CHAT)
        answers.append((round(time.monotonic() - back, 2), status))
        if status == 200:
            recovered = time.monotonic() - back
            break
        await asyncio.sleep(0.05)
    print(f"requests with a key new to the gateway after PostgreSQL was back (s, status): {answers[:5]}{' ...' if len(answers) > 5 else ''}", file=sys.stderr)
    await load
    served = counts["plain"].get(200, 0)
    lost_requests = sum(n for status, n in counts["plain"].items() if status != 200)
    stored = None
    for _ in range(100):
        stored = await count_traces()
        if stored >= served + 1:
            break
        await asyncio.sleep(0.2)
    summary = {"rate_rps": rate, "outage_s": down, "answers": counts["plain"], "requests_lost": lost_requests,
               "recovery_s": None if recovered is None else round(recovered, 2),
               "traces_expected": served + 1, "traces_stored": stored, "traces_lost": served + 1 - stored}
    print(f"answers: {json.dumps(counts['plain'], sort_keys=True)}")
    print(f"requests lost: {lost_requests}; first 200 needing the database {summary['recovery_s']} s after PostgreSQL was back; "
          f"traces lost: {summary['traces_lost']} ({stored} stored of {served + 1} served)")
    return summary


async def run_cmd(*args):
    process = await asyncio.create_subprocess_exec(*args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    out, _ = await process.communicate()
    return out.decode()


def main():
    mode, port, key, pid = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    if mode in ("soak", "retention"):
        summary = asyncio.run(soak(port, key, pid))
    else:
        fresh_keys = sys.argv[5].split(",")
        pg, brokle = os.environ["PG_SCRIPT"], os.environ["BROKLE_BIN"]

        async def stop():
            await run_cmd(pg, "stop")

        async def start():
            await run_cmd(pg, "start")

        async def count():
            out = await run_cmd(brokle, "cost", "report", "--since", "1h", "--log-level", "error")
            try:
                return json.loads(out.splitlines()[-1])["total"]["requests"]
            except Exception:
                return -1

        summary = asyncio.run(outage(port, key, fresh_keys, stop, start, count))
    os.makedirs(".bench", exist_ok=True)
    with open(f".bench/{mode}.json", "w") as f:
        json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
