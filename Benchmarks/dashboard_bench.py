"""`make bench-dashboard`: what the dashboard costs, against a running release `brokle proxy`.

Prints JSON lines:
- the bytes of the first load of /ui (the page, its style sheet and every module it imports);
- the overview and trace-listing calls over the database's traces (BENCH_TRACES of them), best of 5;
- the time to interactive in headless Chromium (the overview's totals on screen), when Selenium is installed;
- the proxy's CPU (ms per second, from /proc) with 0 and 100 open dashboards (event streams), idle
  and under open-loop load (`brokle-bench load`).

Environment: BROKLE_ROOT (http://127.0.0.1:PORT), BROKLE_PID, BROKLE_COOKIE (brokle_session=…),
BROKLE_LINK_TOKEN, BROKLE_KEY, BROKLE_BENCH (the brokle-bench binary), BENCH_TRACES, BENCH_RATE.
"""
import json
import os
import re
import subprocess
import threading
import time
import urllib.request

ROOT = os.environ["BROKLE_ROOT"]
PID = int(os.environ["BROKLE_PID"])
COOKIE = os.environ["BROKLE_COOKIE"]
TICK = os.sysconf("SC_CLK_TCK")


def emit(**fields):
    print(json.dumps(fields), flush=True)


def get(path, cookie=True):
    request = urllib.request.Request(ROOT + path, headers={"cookie": COOKIE} if cookie else {})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read()


def first_load():
    total, seen, queue = 0, set(), ["/ui/"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        body = get(path, cookie=False)
        total += len(body)
        text = body.decode()
        for found in re.findall(r'(?:src|href)="(/ui/[^"]+)"', text) + ["/ui/" + m for m in re.findall(r'from "\./([^"]+)"', text)]:
            queue.append(found)
    emit(label="dashboard_first_load", files=len(seen), bytes=total)


def timed(label, path):
    best = None
    for _ in range(5):
        started = time.monotonic()
        get(path)
        elapsed = time.monotonic() - started
        best = elapsed if best is None else min(best, elapsed)
    emit(label=label, path=path, traces=int(os.environ.get("BENCH_TRACES", "0")), seconds=round(best, 4))


def time_to_interactive():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        emit(label="dashboard_time_to_interactive", skipped="pip install selenium")
        return
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(ROOT + "/ui/")  # the files cached, as on a second visit
        started = time.monotonic()
        driver.get(ROOT + "/ui/#link=" + os.environ["BROKLE_LINK_TOKEN"])
        WebDriverWait(driver, 60, poll_frequency=0.01).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-test=total-requests]"))
        emit(label="dashboard_time_to_interactive", range="24h", traces=int(os.environ.get("BENCH_TRACES", "0")),
             seconds=round(time.monotonic() - started, 3))
    finally:
        driver.quit()


def cpu_seconds():
    fields = open(f"/proc/{PID}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def streams(count, stop):
    def follow():
        request = urllib.request.Request(ROOT + "/api/v1/events?org=" + os.environ.get("BROKLE_ORG", "demo-co"), headers={"cookie": COOKIE})
        with urllib.request.urlopen(request, timeout=600) as response:
            while not stop.is_set():
                if not response.readline():
                    return
    threads = [threading.Thread(target=follow, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def cpu(dashboards, rate, seconds=15):
    stop = threading.Event()
    streams(dashboards, stop)
    time.sleep(2)
    load = None
    if rate:
        load = subprocess.Popen(
            [os.environ["BROKLE_BENCH"], "load", "--url", ROOT + "/v1/chat/completions", "--rate", str(rate), "--duration", str(seconds + 2),
             "--warmup", "1", "--key", os.environ["BROKLE_KEY"], "--body",
             json.dumps({"model": "mock-chat", "messages": [{"role": "user", "content": "hello"}]})],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)
    before = cpu_seconds()
    time.sleep(seconds)
    used = cpu_seconds() - before
    if load:
        load.wait()
    stop.set()
    emit(label="dashboard_proxy_cpu", dashboards=dashboards, rps=rate, cpu_ms_per_s=round(1000 * used / seconds, 1))


def main():
    first_load()
    timed("dashboard_overview_24h", "/api/v1/orgs/demo-co/overview?range=24h&by=model")
    timed("dashboard_overview_30d", "/api/v1/orgs/demo-co/overview?range=30d&by=provider")
    timed("dashboard_traces_page", "/api/v1/orgs/demo-co/traces?limit=50")
    time_to_interactive()
    rate = int(os.environ.get("BENCH_RATE", "1000"))
    for dashboards, rps in [(0, 0), (100, 0), (0, rate), (100, rate)]:
        cpu(dashboards, rps)


if __name__ == "__main__":
    main()
