#!/usr/bin/env python3
"""A local OTLP/HTTP trace receiver for the gateway's OpenTelemetry tests.

Decodes each export with the official `opentelemetry-proto` package (an encoder independent of
Brokle's own) and appends one JSON line per span to the file given as the first argument:
trace_id, span_id, parent_span_id (hex), name, kind, status, attributes (key -> value) and the
resource's attributes. Prints the port it listens on, then serves until killed.

    python3 otlp_receiver.py SPANS.jsonl [--status 500 | --hang]
    python3 otlp_receiver.py --decode BODY [--json]     # one export body, decoded to stdout

Bodies may be gzip-compressed (`Content-Encoding: gzip`) and in OTLP's JSON encoding
(`Content-Type: application/json`, decoded with protobuf's json_format as collectors do).

With --status it answers every export with that status instead of 200 (a failing collector); the
exports it refused are still counted, one line per request, in SPANS.jsonl.refused. With --hang it
reads each export and never answers (a collector that is stuck).
"""
import base64
import gzip
import json
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.trace.v1.trace_pb2 import Span
from google.protobuf import json_format

# The test process traps SIGTERM for its own graceful shutdown, and a trapped-as-ignored signal is
# inherited: take the default back so the test can stop this receiver.
signal.signal(signal.SIGTERM, signal.SIG_DFL)

OUT = sys.argv[1] if sys.argv[1] != "--decode" else None
STATUS = int(sys.argv[sys.argv.index("--status") + 1]) if "--status" in sys.argv else 200
HANG = "--hang" in sys.argv


def value(any_value):
    kind = any_value.WhichOneof("value")
    if kind == "array_value":
        return [value(v) for v in any_value.array_value.values]
    if kind == "kvlist_value":
        return {kv.key: value(kv.value) for kv in any_value.kvlist_value.values}
    if kind == "bytes_value":
        return any_value.bytes_value.hex()
    return getattr(any_value, kind) if kind else None


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        if HANG:
            time.sleep(3600)
        if STATUS != 200:
            with open(OUT + ".refused", "a") as refused:
                refused.write(json.dumps({"path": self.path, "bytes": len(body)}) + "\n")
            self.send_response(STATUS)
            self.send_header("content-length", "0")
            self.end_headers()
            return
        if self.headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        lines = span_lines(body, self.headers.get("content-type"), self.headers.get("content-encoding"))
        with open(OUT, "a") as out:
            out.write("".join(line + "\n" for line in lines))
        reply = ExportTraceServiceResponse().SerializeToString()
        self.send_response(200)
        self.send_header("content-type", "application/x-protobuf")
        self.send_header("content-length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def span_lines(body, content_type, content_encoding=None):
    """One JSON line per span of an export body (protobuf, or OTLP JSON for application/json)."""
    request = ExportTraceServiceRequest()
    if content_type == "application/json":
        # OTLP's JSON writes ids as hex where protobuf's JSON mapping has base64 (as collectors
        # read it): turn them into what json_format expects, then parse.
        document = json.loads(body)
        for resource_spans in document.get("resourceSpans", []):
            for scope_spans in resource_spans.get("scopeSpans", []):
                for span in scope_spans.get("spans", []):
                    for key in ("traceId", "spanId", "parentSpanId"):
                        if key in span:
                            span[key] = base64.b64encode(bytes.fromhex(span[key])).decode()
        json_format.ParseDict(document, request)
    else:
        request.ParseFromString(body)
    lines = []
    for resource_spans in request.resource_spans:
        resource = {kv.key: value(kv.value) for kv in resource_spans.resource.attributes}
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                lines.append(json.dumps({
                    "trace_id": span.trace_id.hex(),
                    "span_id": span.span_id.hex(),
                    "parent_span_id": span.parent_span_id.hex(),
                    "name": span.name,
                    "kind": Span.SpanKind.Name(span.kind),
                    "status": span.status.code,
                    "start_ns": span.start_time_unix_nano,
                    "end_ns": span.end_time_unix_nano,
                    "attributes": {kv.key: value(kv.value) for kv in span.attributes},
                    "resource": resource,
                    "trace_state": span.trace_state,
                    "scope": [scope_spans.scope.name, scope_spans.scope.version],
                    "content_type": content_type,
                    "content_encoding": content_encoding,
                }))
    return lines


if OUT is None:
    with open(sys.argv[2], "rb") as body:
        for line in span_lines(body.read(), "application/json" if "--json" in sys.argv else None):
            print(line)
    sys.exit(0)

server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
print(server.server_address[1], flush=True)
server.serve_forever()
