#!/usr/bin/env python3
"""A real HTTP receiver for finrca's webhook tests (test-time only; finrca never runs Python).

Verifies every request's signature (HMAC-SHA256 over "<timestamp>.<body>" with the shared secret), answers
HTTP --fail-status (500) to the first --fail-first requests and 200 afterwards, waiting --delay-ms before each
answer, and appends one JSON line per request to --out: {"status", "idempotency_key", "signature_valid", "body"}
(with --quiet only the key and validity). Connections are kept alive (HTTP/1.1). With --hold-after N, every
request after the N-th is held unanswered (and unrecorded) until the file --release-file exists, so a test can
stop the sender mid-batch at a known point whatever the machine's load.
"""
import argparse, hashlib, hmac, json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0, help="0: a free port chosen by the kernel")
parser.add_argument("--port-file", help="write the port here once the socket listens")
parser.add_argument("--secret", required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--fail-first", type=int, default=0)
parser.add_argument("--fail-status", type=int, default=500)
parser.add_argument("--delay-ms", type=int, default=0)
parser.add_argument("--quiet", action="store_true")
parser.add_argument("--hold-after", type=int, default=-1, help="-1: never hold; 0: hold every request")
parser.add_argument("--release-file", help="held requests are answered once this file exists")
args = parser.parse_args()
seen = {"count": 0}
lock = threading.Lock()
out = open(args.out, "a", buffering=1)

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        timestamp = self.headers.get("X-Finrca-Timestamp", "")
        expected = "v1=" + hmac.new(args.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        valid = hmac.compare_digest(expected, self.headers.get("X-Finrca-Signature", ""))
        if args.delay_ms:
            time.sleep(args.delay_ms / 1000)
        with lock:
            seen["arrived"] = seen.get("arrived", 0) + 1
            held = args.hold_after >= 0 and seen["arrived"] > args.hold_after
        while held and not os.path.exists(args.release_file):
            time.sleep(0.02)
        with lock:
            seen["count"] += 1
            status = args.fail_status if seen["count"] <= args.fail_first else 200
            record = {"status": status, "idempotency_key": self.headers.get("Idempotency-Key"), "signature_valid": valid}
            if not args.quiet:
                record["body"] = body.decode()
            out.write(json.dumps(record) + "\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_):
        pass

server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
server.request_queue_size = 128
if args.port_file:
    with open(args.port_file + ".tmp", "w") as port_file:
        port_file.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
server.serve_forever()
