#!/usr/bin/env python3
"""A real HTTP receiver for finrca's webhook tests (test-time only; finrca never runs Python).

Verifies every request's signature (HMAC-SHA256 over "<timestamp>.<body>" with the shared secret), answers
HTTP 500 to the first --fail-first requests and 200 afterwards, and appends one JSON line per request to --out:
{"status", "idempotency_key", "signature_valid", "body"}.
"""
import argparse, hashlib, hmac, json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--secret", required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--fail-first", type=int, default=0)
args = parser.parse_args()
seen = {"count": 0}

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        timestamp = self.headers.get("X-Finrca-Timestamp", "")
        expected = "v1=" + hmac.new(args.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        valid = hmac.compare_digest(expected, self.headers.get("X-Finrca-Signature", ""))
        seen["count"] += 1
        status = 500 if seen["count"] <= args.fail_first else 200
        with open(args.out, "a") as out:
            out.write(json.dumps({"status": status, "idempotency_key": self.headers.get("Idempotency-Key"),
                                  "signature_valid": valid, "body": body.decode()}) + "\n")
        self.send_response(status)
        self.end_headers()

    def log_message(self, *_):
        pass

ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()
