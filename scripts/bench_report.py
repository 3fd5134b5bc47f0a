#!/usr/bin/env python3
"""Turns the JSON lines of a `make bench` run into a side-by-side table and .bench/summary.json."""
import argparse
import datetime
import json
import platform

parser = argparse.ArgumentParser()
parser.add_argument("results")
parser.add_argument("--cores")
parser.add_argument("--swift")
parser.add_argument("--brokle")
parser.add_argument("--direct-max", type=float)
parser.add_argument("--proxied-max", type=float)
parser.add_argument("--floor-max", type=float)
parser.add_argument("--cached-max", type=float)
parser.add_argument("--path", action="append", default=[],
                    help="NAME:1-connection rps:p50 ms:64-connection rps:CPU µs per request:errors (wrk; the floor table)")
parser.add_argument("--rss", action="append", default=[])
parser.add_argument("--open-fds", type=int)
parser.add_argument("--out")
args = parser.parse_args()

runs = {}
for line in open(args.results):
    line = line.strip()
    if not line:
        continue
    row = json.loads(line)
    runs[(row["label"], row.get("measure", "latency"))] = row

rss = {k: float(v) for k, v in (item.split("=", 1) for item in args.rss)}
summary = {
    "when": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "machine": {"cores": int(args.cores), "arch": platform.machine(), "kernel": platform.release()},
    "versions": {"swift": args.swift, "brokle": args.brokle},
    "method": "release builds; fast upstream (brokle-bench upstream) + brokle proxy (auth, traces, SQLite) + load generator on one machine; "
              "fixed rates open-loop (latency from when each request was due); max throughput closed-loop with wrk -t2 -c64",
    "non_streaming": [], "max_throughput": {}, "streaming": {}, "rss_mb": rss, "targets": {},
}

print(f"\nBrokle gateway benchmark — {args.cores} cores, {args.swift}, brokle {args.brokle}\n")
print(f"{'scenario':<26}{'direct p50':>11}{'proxied p50':>12}{'added p50':>11}{'direct p99':>11}{'proxied p99':>12}{'added p99':>11}{'hdr p50/p99 ms':>16}{'bare hop p50/p99':>18}{'errors':>8}")
for label, _ in sorted(runs, key=lambda k: (len(k[0]), k[0])):
    if not label.startswith("direct_") or not label[7:].isdigit():
        continue
    rate = label[7:]
    d, p, f = runs.get((f"direct_{rate}", "latency")), runs.get((f"proxied_{rate}", "latency")), runs.get((f"floor_{rate}", "latency"))
    if not d or not p:
        continue
    added50, added99 = p["p50"] - d["p50"], p["p99"] - d["p99"]
    floor = f"{f['p50'] - d['p50']:.3f}/{f['p99'] - d['p99']:.3f}" if f else ""
    print(f"{'non-stream @ ' + rate + ' rps':<26}{d['p50']:>10.3f}m{p['p50']:>11.3f}m{added50:>10.3f}m{d['p99']:>10.3f}m{p['p99']:>11.3f}m{added99:>10.3f}m"
          f"{p.get('overhead_header_p50_ms', '') + '/' + p.get('overhead_header_p99_ms', ''):>16}{floor:>18}{d['errors'] + p['errors']:>8}")
    row = {"rate": int(rate), "direct": d, "proxied": p, "added_p50_ms": round(added50, 3), "added_p99_ms": round(added99, 3)}
    if f:
        row.update({"bare_hop": f, "bare_hop_added_p50_ms": round(f["p50"] - d["p50"], 3), "bare_hop_added_p99_ms": round(f["p99"] - d["p99"], 3)})
    summary["non_streaming"].append(row)
print("(bare hop: the same requests through a bare Hummingbird + AsyncHTTPClient forwarder — the stack's floor)")

ratio = args.proxied_max / args.direct_max if args.direct_max else 0
floor_ratio = args.floor_max / args.direct_max if args.direct_max and args.floor_max else 0
summary["max_throughput"] = {"direct_rps": args.direct_max, "proxied_rps": args.proxied_max, "ratio": round(ratio, 3),
                             "bare_hop_rps": args.floor_max, "bare_hop_ratio": round(floor_ratio, 3)}
print(f"\n{'max throughput':<26}direct {args.direct_max:,.0f} rps   proxied {args.proxied_max:,.0f} rps   ratio {ratio:.2f}"
      f"   (bare hop {args.floor_max or 0:,.0f} rps, ratio {floor_ratio:.2f})")

# The floor table: one wrk line per path at 1 and 64 connections, and the CPU of the process under
# test per request (the upstream's for direct; nginx's master and worker; 64-connection run).
names = {"direct": "direct (upstream's CPU)", "nginx": "nginx reverse proxy", "passthrough": "bare forwarder (HB + AHC)",
         "floor": "floor (NIO, one event loop)", "proxied": "brokle proxy",
         "responses": "brokle proxy, responses (chat)", "responses_passthrough": "brokle proxy, responses (as is)"}
paths = {}
for item in args.path:
    name, rps1, p50, p99, rps64, cpu, errors = item.split(":")
    paths[name] = {"c1_rps": float(rps1), "c1_p50_ms": float(p50), "c1_p99_ms": float(p99), "c64_rps": float(rps64),
                   "cpu_us_per_request": float(cpu), "errors": int(errors)}
if paths:
    nginx = paths.get("nginx")
    print(f"\n{'path':<30}{'1 conn rps':>12}{'p50 ms':>9}{'p99 ms':>9}{'64 conn rps':>13}{'CPU µs/req':>12}{'× nginx':>9}{'errors':>8}")
    for name, row in paths.items():
        if nginx and nginx["c64_rps"]:
            row["ratio_to_nginx"] = round(row["c64_rps"] / nginx["c64_rps"], 3)
        print(f"{names.get(name, name):<30}{row['c1_rps']:>12,.0f}{row['c1_p50_ms']:>9.3f}{row['c1_p99_ms']:>9.3f}"
              f"{row['c64_rps']:>13,.0f}{row['cpu_us_per_request']:>12.1f}{row.get('ratio_to_nginx', 0):>9.2f}{row['errors']:>8}")
    summary["floor"] = {"method": "wrk --latency, -t1 -c1 and -t2 -c64; CPU = utime+stime of the process under test "
                                  "(/proc/PID/stat) over the 64-connection run / requests wrk made",
                        "paths": paths}
    if nginx and "floor" in paths:
        summary["floor"]["floor_ge_0.6_nginx"] = paths["floor"]["c64_rps"] >= 0.6 * nginx["c64_rps"]
        print(f"floor ≥ 0.6 × nginx at 64 connections: {'met' if summary['floor']['floor_ge_0.6_nginx'] else 'MISSED'}")
    # The one-event-loop goals for brokle proxy, against nginx in the same run.
    proxied, direct = paths.get("proxied"), paths.get("direct")
    if nginx and proxied and direct:
        added, nginx_added = proxied["c1_p50_ms"] - direct["c1_p50_ms"], nginx["c1_p50_ms"] - direct["c1_p50_ms"]
        goals = {
            "proxy_ge_half_nginx_at_64": proxied["c64_rps"] >= 0.5 * nginx["c64_rps"],
            "proxy_cpu_le_60us": proxied["cpu_us_per_request"] <= 60,
            "proxy_added_p50_le_2x_nginx_at_1": added <= 2 * nginx_added,
            "proxy_p99_le_1ms_at_1": proxied["c1_p99_ms"] <= 1,
        }
        summary["floor"]["goals"] = goals
        print(f"brokle proxy at 1 connection adds {added * 1000:.0f} µs at p50 (nginx {nginx_added * 1000:.0f} µs); goals: "
              + ", ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in goals.items()))

# /v1/responses beside chat: translated to the upstream's chat completions, and passed through to its
# /v1/responses; added latency at 1 connection against the upstream's chat line (the same fixed-body
# handler answers both routes), and a translated stream's first byte against the chat stream's.
responses = {}
for name in ("responses", "responses_passthrough"):
    row, direct = paths.get(name), paths.get("direct")
    if row and direct:
        responses[name] = {"c64_rps": row["c64_rps"], "cpu_us_per_request": row["cpu_us_per_request"], "errors": row["errors"],
                           "added_p50_ms_at_1": round(row["c1_p50_ms"] - direct["c1_p50_ms"], 3),
                           "added_p99_ms_at_1": round(row["c1_p99_ms"] - direct["c1_p99_ms"], 3)}
chat_row = paths.get("proxied")
if responses and chat_row and paths.get("direct"):
    print(f"\n{'/v1/responses vs chat':<30}{'64 conn rps':>13}{'CPU µs/req':>12}{'added p50 ms':>14}{'added p99 ms':>14}{'errors':>8}")
    for name, row in [("proxied", {"c64_rps": chat_row["c64_rps"], "cpu_us_per_request": chat_row["cpu_us_per_request"],
                                   "errors": chat_row["errors"],
                                   "added_p50_ms_at_1": chat_row["c1_p50_ms"] - paths["direct"]["c1_p50_ms"],
                                   "added_p99_ms_at_1": chat_row["c1_p99_ms"] - paths["direct"]["c1_p99_ms"]})] + list(responses.items()):
        print(f"{names.get(name, name):<30}{row['c64_rps']:>13,.0f}{row['cpu_us_per_request']:>12.1f}{row['added_p50_ms_at_1']:>14.3f}"
              f"{row['added_p99_ms_at_1']:>14.3f}{row['errors']:>8}")
rs, ds = runs.get(("responses_stream", "time_to_first_byte")), runs.get(("direct_stream", "time_to_first_byte"))
if rs and ds:
    responses["stream_first_byte"] = {"proxied": rs, "direct_chat": ds, "added_p50_ms": round(rs["p50"] - ds["p50"], 3),
                                      "added_p99_ms": round(rs["p99"] - ds["p99"], 3)}
    print(f"{'responses stream first byte':<30}direct (chat) p50 {ds['p50']:.3f} ms p99 {ds['p99']:.3f}   proxied p50 {rs['p50']:.3f} "
          f"p99 {rs['p99']:.3f}   added p50 {rs['p50'] - ds['p50']:.3f} ms   errors {rs['errors']}")
if responses:
    summary["responses"] = {"method": "as the floor table (wrk, store: false); added = the path's 1-connection p50/p99 minus the upstream's "
                                      "chat line; translated: model routed to the upstream's chat completions; passed through: a provider "
                                      "with responses_api: true at the upstream's /v1/responses", **responses}

hits = []
for label, _ in sorted(runs, key=lambda k: (len(k[0]), k[0])):
    if not label.startswith("cached_") or not label[7:].isdigit():
        continue
    rate = label[7:]
    c, d = runs.get((label, "latency")), runs.get((f"direct_{rate}", "latency"))
    if not c:
        continue
    hits.append({"rate": int(rate), "hit": c, "upstream": d})
    print(f"{'cache hit @ ' + rate + ' rps':<26}hit p50 {c['p50']:.3f} ms p99 {c['p99']:.3f}   "
          + (f"upstream alone p50 {d['p50']:.3f} ms p99 {d['p99']:.3f}   " if d else "") + f"errors {c['errors']}")
if hits or args.cached_max:
    summary["cache_hits"] = {"fixed_rates": hits, "max_rps": args.cached_max}
    print(f"{'cache hits max':<26}{args.cached_max or 0:,.0f} rps (wrk -c64; the upstream alone: {args.direct_max or 0:,.0f} rps, proxied misses: {args.proxied_max or 0:,.0f} rps)")

for suffix, name in (("", "one at a time"), ("20", "20 at once")):
    ds, ps = runs.get((f"direct_stream{suffix}", "time_to_first_byte")), runs.get((f"proxied_stream{suffix}", "time_to_first_byte"))
    dt, pt = runs.get((f"direct_stream{suffix}", "stream_total")), runs.get((f"proxied_stream{suffix}", "stream_total"))
    if not (ds and ps and dt and pt):
        continue
    key = "one_at_a_time" if not suffix else "twenty_at_once"
    summary["streaming"][key] = {
        "time_to_first_byte": {"direct": ds, "proxied": ps, "added_p50_ms": round(ps["p50"] - ds["p50"], 3), "added_p99_ms": round(ps["p99"] - ds["p99"], 3)},
        "total": {"direct": dt, "proxied": pt, "added_p50_ms": round(pt["p50"] - dt["p50"], 3)},
    }
    print(f"{'stream first byte':<26}{name:<14} direct p50 {ds['p50']:.3f} ms p99 {ds['p99']:.3f}   proxied p50 {ps['p50']:.3f} p99 {ps['p99']:.3f}   added p50 {ps['p50'] - ds['p50']:.3f} ms")
    print(f"{'stream total':<26}{name:<14} direct p50 {dt['p50']:.3f} ms   proxied p50 {pt['p50']:.3f} ms   added {pt['p50'] - dt['p50']:.3f} ms")
many = [v for (label, measure), v in runs.items() if label.endswith("_streams")]
for row in many:
    summary["streaming"][f"{row['label']}_{row['measure']}"] = row
    print(f"{row['label'] + ' ' + row['measure']:<26}p50 {row['p50']:.1f} ms  p99 {row['p99']:.1f} ms  ok {row['requests']}  errors {row['errors']}")
print("proxy RSS MB: " + ", ".join(f"{k} {v:.1f}" for k, v in rss.items()) + f"   (open descriptors after the run: {args.open_fds}, mostly pooled upstream connections)")
summary["open_fds_after_run"] = args.open_fds

limits = {}
for db in ("sqlite", "postgres"):
    rows = {n: (runs.get((f"limits_{db}_{n}", "latency")), runs.get((f"limits_{db}_{n}", "max_rps"))) for n in (0, 1, 3)}
    if not all(latency for latency, _ in rows.values()):
        continue
    limits[db] = {str(n): {"at_1000_rps": latency, "max_rps": m and m["rps"]} for n, (latency, m) in rows.items()}
    cells = "   ".join(f"{['off', 'one scope', '', 'three scopes'][n]}: p50 {l['p50']:.3f} ms p99 {l['p99']:.3f} max {m['rps'] if m else 0:,.0f} rps"
                       for n, (l, m) in rows.items())
    print(f"{'limits (' + db + ')':<26}{cells}")
if limits:
    summary["limits"] = limits

# OpenTelemetry export (issue 32's goals): the export-on proxy's CPU a request against export off at
# 64 connections, a SERVER span received by the decoding receiver for every request it served, none
# dropped; and, with BENCH_OTEL_SUSTAIN, the same at 5,000 rps for that many seconds.
otel = {mode: (runs.get((f"otel_{mode}", "latency")), runs.get((f"otel_{mode}", "max_rps"))) for mode in ("off", "on")}
if all(latency for latency, _ in otel.values()):
    export = runs.get(("otel_on", "export")) or {}
    summary["otel"] = {mode: {"at_1000_rps": latency, "max_rps": m and m["rps"], "cpu_us_per_request": m and m.get("cpu_us_per_request"),
                              "errors_at_64": m and m.get("errors")} for mode, (latency, m) in otel.items()}
    summary["otel"]["export"] = export
    cells = "   ".join(f"{mode}: p50 {l['p50']:.3f} ms p99 {l['p99']:.3f} max {m['rps'] if m else 0:,.0f} rps" for mode, (l, m) in otel.items())
    print(f"{'OpenTelemetry export':<26}{cells}   ({export.get('exports', 0):,} exports, {export.get('bytes', 0) / 1e6:.1f} MB to the receiver)")

    def spans_line(row, goal):  # "spans received / requests: N / M", the goal, then what else the receiver or the proxy said
        text = f"spans received / requests: {row.get('server_spans', 0):,} / {row.get('requests', 0):,} {goal}"
        if row.get("exported_spans"):
            text += f"; all kinds: {row.get('spans', 0):,} received, {row['exported_spans']:,} exported by the proxy's count"
        if row.get("decode_errors"):
            text += f"; {row['decode_errors']} exports did not decode"
        return text

    def all_received(row):
        return row.get("requests", 0) > 0 and row.get("server_spans", 0) >= row["requests"] and not row.get("decode_errors")

    def mark(ok):
        return "met" if ok else "MISSED"

    goals = {}
    cpu_off, cpu_on = (summary["otel"][mode]["cpu_us_per_request"] for mode in ("off", "on"))
    if cpu_off and cpu_on:
        cpu_ratio = cpu_on / cpu_off
        summary["otel"]["cpu_ratio_on_off"] = round(cpu_ratio, 3)
        goals["export_on_cpu_le_1.2x_off"] = cpu_ratio <= 1.2
        print(f"{'OTel export on/off':<26}CPU a request: {cpu_on:.1f} µs / {cpu_off:.1f} µs = {cpu_ratio:.2f}× (goal ≤ 1.2×) "
              f"{mark(goals['export_on_cpu_le_1.2x_off'])}")
    if export:
        goals["every_request_span_received"] = all_received(export)
        goals["no_spans_dropped"] = export.get("dropped_spans", 0) == 0
        print(f"{'':<26}{spans_line(export, '(goal all) ' + mark(goals['every_request_span_received']))}")
        print(f"{'':<26}spans dropped: {export.get('dropped_spans', 0):,} (goal 0) {mark(goals['no_spans_dropped'])}")
    sustained = runs.get(("otel_sustained", "export"))
    if sustained:
        load = runs.get(("otel_sustained", "latency")) or {}
        sent = load.get("requests", 0) + load.get("errors", 0)
        summary["otel"]["sustained"] = {**sustained, "sent": sent, "load": load}
        held = load.get("rps", 0) >= 0.95 * sustained["rate"] and not load.get("errors")  # the rate held, every request answered
        goals["sustained_5000rps_no_drops"] = held and sustained.get("dropped_spans", 0) == 0 and all_received(sustained)
        print(f"{'OTel sustained 5,000 rps':<26}{sustained['seconds']} s{'' if sustained['seconds'] >= 60 else ' (the goal is for 60)'}: "
              f"{sent:,} sent, {load.get('rps', 0):,.0f} rps answered{'' if held else ' (the rate did not hold)'}, {load.get('errors', 0)} errors, "
              f"p50 {load.get('p50', 0):.3f} ms p99 {load.get('p99', 0):.3f}; the receiver's CPU "
              f"{100 * sustained.get('receiver_cpu_s', 0) / (sustained['seconds'] or 1):.0f}% of a core")
        print(f"{'':<26}spans dropped: {sustained.get('dropped_spans', 0):,} (goal 0), "
              + spans_line(sustained, f"(goal all): {mark(goals['sustained_5000rps_no_drops'])}"))
    summary["otel"]["goals"] = goals

# The stage table (issue 32): each pipeline stage's CPU a request at 64 connections, measured as the
# path table's (the proxy's utime+stime over wrk -t2 -c64 / its requests), off and on the same proxy;
# "—" where that part of the run was skipped.
def cpu(label):
    return (runs.get((label, "max_rps")) or {}).get("cpu_us_per_request")

proxy_cpu = paths.get("proxied", {}).get("cpu_us_per_request")
stages = {"traces_auth": ("traces + auth (always on)", None, proxy_cpu, "the brokle proxy path line, the baseline")}
for db in ("sqlite", "postgres"):
    for n, scopes in ((1, "1 scope"), (3, "3 scopes")):
        stages[f"limits_{db}_{n}"] = (f"limits, {scopes} ({db})", cpu(f"limits_{db}_0"), cpu(f"limits_{db}_{n}"),
                                      "the server's own CPU not counted" if db == "postgres" else "")
stages["response_cache_exact_hit"] = ("response cache, exact hit", proxy_cpu, cpu("cached"), "off: a model without a cache; a hit skips the upstream")
stages["otel_export"] = ("OpenTelemetry export", cpu("otel_off"), cpu("otel_on"), "")
stages["content_capture"] = ("content capture, full (whole answers)", cpu("content_off"), cpu("content_full"), "goal: at most +10 %")
stages["content_capture_stream"] = ("content capture, full (streams)", cpu("content_off_stream"), cpu("content_full_stream"), "goal: at most +10 %")

content_first = {mode: runs.get((f"content_{mode}_first_byte", "time_to_first_byte")) for mode in ("off", "full")}
if all(content_first.values()):
    summary["content_capture"] = {
        "first_byte": content_first, "added_p50_ms": round(content_first["full"]["p50"] - content_first["off"]["p50"], 3),
        **{f"cpu_ratio_{name}": round(cpu(f"content_full{suffix}") / cpu(f"content_off{suffix}"), 3)
           for name, suffix in (("whole", ""), ("stream", "_stream")) if cpu(f"content_off{suffix}") and cpu(f"content_full{suffix}")}}
    print(f"{'content capture':<26}full vs off: CPU x{summary['content_capture'].get('cpu_ratio_whole', 0):.3f} whole, "
          f"x{summary['content_capture'].get('cpu_ratio_stream', 0):.3f} streams; first byte p50 {summary['content_capture']['added_p50_ms']:+.3f} ms")

def cell(value, sign=""):
    return "—" if value is None else f"{value:{sign}.1f}"

print(f"\n{'stage (CPU µs a request at 64 connections)':<45}{'off':>7}{'on':>8}{'added':>9}")
summary["stages"] = {"method": "CPU = utime+stime of the proxy (/proc/PID/stat) over wrk -t2 -c64 / requests wrk made; off and on the same proxy"}
for key, (name, off, on, note) in stages.items():
    added = round(on - off, 1) if off is not None and on is not None else None
    summary["stages"][key] = {"off_cpu_us": off, "on_cpu_us": on, "added_cpu_us": added, **({"note": note} if note else {})}
    print(f"{name:<45}{cell(off):>7}{cell(on):>8}{cell(added, '+'):>9}" + (f"   ({note})" if note else ""))

cache = runs.get(("cache", "cache"))
if cache:
    summary["cache"] = cache
    kinds = ", ".join(f"{k} {v['hits']}/{v['pairs']} hit ({v['false_hits']} wrong)" for k, v in cache["kinds"].items())
    print(f"{'semantic cache':<26}embed p50 {cache['embed_us']['p50']:.1f} µs p99 {cache['embed_us']['p99']:.1f}   "
          f"lookup 10k p50 {cache['lookup_10k_us']['p50']:.0f} µs p99 {cache['lookup_10k_us']['p99']:.0f}   "
          f"100k p50 {cache['lookup_100k_us']['p50']:.0f} µs p99 {cache['lookup_100k_us']['p99']:.0f}   RSS {cache['rss_mb_with_100k_index']} MB")
    print(f"{'':<26}{cache['embedder']} at {cache['threshold']:.2f}: precision {cache['precision']:.3f} recall {cache['recall']:.3f}; {kinds}")

guardrails = runs.get(("guardrails", "guardrails"))
if guardrails:
    summary["guardrails"] = guardrails
    def share(value):
        return "–" if value is None else f"{value:.3f}"
    scan = guardrails["scan"]
    print(f"{'guardrails':<26}precision {share(guardrails['precision'])} recall {share(guardrails['recall'])} "
          f"({guardrails['tp']} tp, {guardrails['fp']} fp, {guardrails['fn']} fn on {guardrails['texts']} texts)   "
          f"CPU p50 {guardrails['cpu_us_per_kb']['p50']:.1f} µs/KB p99 {guardrails['cpu_us_per_kb']['p99']:.1f}")
    if "prose" in guardrails:
        prose = guardrails["prose"]["cpu_us_per_kb"]
        print(f"{'':<26}prose (few values): CPU p50 {prose['p50']:.1f} µs/KB p99 {prose['p99']:.1f}")
    print(f"{'':<26}" + ", ".join(f"{e} P {share(r['precision'])} R {share(r['recall'])}" for e, r in sorted(guardrails["entities"].items())))
    print(f"{'':<26}scan " + "   ".join(f"{size} {scan[size]['ms']:.3f} ms ({scan[size]['us_per_kb']:.1f} µs/KB; with custom {scan[size]['with_custom_ms']:.3f} ms)"
                                      for size in ["1kb", "100kb", "1mb"]))

writes = {label[len("traces_"):]: row for (label, measure), row in runs.items() if measure == "trace_writes"}
if writes:
    summary["trace_writer"] = writes
    print(f"{'trace writer':<26}" + "   ".join(f"{db} {row['traces_per_s']:,.0f} traces/s ({row['traces']:,} traces, {row['flush']:,} a call, "
                                              f"{row.get('bytes_per_trace', 0):,.0f} bytes a trace on disk)"
                                              for db, row in writes.items()))

# Reports over a large history (brokle-bench reports): one line per report and database.
reports = [row for row in (json.loads(line) for line in open(args.results) if '"report_seconds"' in line)]
if reports:
    summary["reports"] = reports
    for db in sorted({row["label"] for row in reports}):
        rows = [row for row in reports if row["label"] == db]
        print(f"{'reports ' + db[len('reports_'):]:<26}over {rows[0]['traces']:,} traces (fastest of 3, goal < 0.5 s):")
        for row in rows:
            print(f"{'':<28}{row['report']:<52} {row['fastest_s']:.3f} s")

allocations = {row["scenario"]: row for (label, measure), row in runs.items() if label == "allocations"}
if allocations:
    summary["allocations"] = allocations
    print(f"{'allocations a request':<26}" + ", ".join(f"{name} {row['allocations_per_request']:.1f}" for name, row in allocations.items())
          + "   (release, brokle-allocations; make test holds the debug build's to a ceiling)")

at2k = next((r for r in summary["non_streaming"] if r["rate"] == 2000), None)
targets = {
    "added_p50_at_2000rps_le_0.05ms": at2k and at2k["added_p50_ms"] <= 0.05,
    "added_p99_at_2000rps_le_0.5ms": at2k and at2k["added_p99_ms"] <= 0.5,
    "proxied_max_ge_half_direct": ratio >= 0.5,
    "idle_rss_le_64mb": rss.get("idle", 1e9) <= 64,
    "rss_with_streams_le_200mb": min((v for k, v in rss.items() if k.startswith("with_")), default=1e9) <= 200,
    "rss_after_run_within_32mb_of_idle": rss.get("after_run", 1e9) - rss.get("idle", 0) <= 32,
    "rss_no_growth_on_second_run": rss.get("after_second_run", 1e9) - rss.get("after_run", 0) <= 4,
    "trace_writes_sqlite_ge_30k_per_s": writes.get("sqlite", {}).get("traces_per_s", 0) >= 30_000,
    "reports_le_0.5s": bool(reports) and all(row["fastest_s"] <= 0.5 for row in reports),
    "ttft_added_le_1ms": bool(summary["streaming"].get("one_at_a_time")) and summary["streaming"]["one_at_a_time"]["time_to_first_byte"]["added_p50_ms"] <= 1,
}
summary["targets"] = targets
print("targets: " + ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in targets.items()))
json.dump(summary, open(args.out, "w"), indent=2)
print(json.dumps(summary, separators=(",", ":")))
