#!/usr/bin/env python3
"""A local OTLP/HTTP trace receiver for `make bench`: decodes every export as a collector would and counts.

    python3 Benchmarks/otlp_receiver.py     # prints its port (127.0.0.1) first, then serves until killed

POST /v1/traces: the body (gunzipped when `Content-Encoding: gzip`) is decoded with the official
`opentelemetry-proto` package (pip install opentelemetry-proto) as an ExportTraceServiceRequest,
protobuf or `application/json`, and answered as a collector does: 200, `application/x-protobuf`,
an empty ExportTraceServiceResponse. A body that does not decode is answered 400 and counted.
GET /stats: {"exports", "spans", "server_spans" (kind SERVER: one a gateway request), "bytes" (as
received), "decode_errors"}. Per-export work is the decode and a count: about 0.4 ms for a gzipped
512-span batch (1 ms of CPU with its HTTP round), so ~10k spans/s costs it a few percent of a core.
(JSON bodies are read with protobuf's JSON mapping: OTLP's hex ids come out wrong, the counts do not.)
"""
import gzip
import json
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest, ExportTraceServiceResponse

signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a parent that ignores SIGTERM must still be able to stop us
SERVER_KIND = 2  # Span.SpanKind.SPAN_KIND_SERVER
REPLY = ExportTraceServiceResponse().SerializeToString()
stats = {"exports": 0, "spans": 0, "server_spans": 0, "bytes": 0, "decode_errors": 0}
lock = threading.Lock()


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as exporters expect
    disable_nagle_algorithm = True

    def body(self):
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while size := int(self.rfile.readline().split(b";")[0], 16):
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):  # trailers
                pass
            return b"".join(parts)
        return self.rfile.read(int(self.headers.get("content-length") or 0))

    def answer(self, status, body=b"", content_type="application/x-protobuf"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_POST(self):
        raw = self.body()
        if self.path.split("?")[0] != "/v1/traces":
            return self.answer(404)
        try:
            data = gzip.decompress(raw) if self.headers.get("content-encoding", "").lower() == "gzip" else raw
            request = ExportTraceServiceRequest()
            if self.headers.get("content-type", "").startswith("application/json"):
                json_format.Parse(data, request)
            else:
                request.ParseFromString(data)
            spans = server = 0
            for resource_spans in request.resource_spans:
                for scope_spans in resource_spans.scope_spans:
                    spans += len(scope_spans.spans)
                    server += sum(1 for span in scope_spans.spans if span.kind == SERVER_KIND)
        except Exception:  # noqa: BLE001 — whatever did not decode is the exporter's fault: 400, counted
            with lock:
                stats["decode_errors"] += 1
                stats["bytes"] += len(raw)
            return self.answer(400)
        with lock:
            stats["exports"] += 1
            stats["spans"] += spans
            stats["server_spans"] += server
            stats["bytes"] += len(raw)
        self.answer(200, REPLY)

    def do_GET(self):
        if self.path != "/stats":
            return self.answer(404)
        with lock:
            text = json.dumps(stats)
        self.answer(200, text.encode(), "application/json")

    def log_message(self, *args):
        pass


ThreadingHTTPServer.request_queue_size = 1024  # listen backlog: socketserver's default of 5 resets bursts of new connections
ThreadingHTTPServer.daemon_threads = True
server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
print(server.server_address[1], flush=True)
server.serve_forever()
