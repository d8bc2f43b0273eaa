#!/usr/bin/env python3
"""A local OpenAI-compatible chat-completions server for finrca's chat tests (test-time only; finrca never runs Python).

POST /v1/chat/completions (or /chat/completions) answers 200 with one choice whose assistant content is --reply:
{"id": "stub", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": REPLY},
"finish_reason": "stop"}]}, or, with --status N, answers HTTP N with an OpenAI-style error body instead. --delay-ms
waits before each answer (timeout tests). Each request is appended to --out as one JSON line: {"path",
"authorization", "body"} (body parsed when it is JSON, else the raw text). Any other path answers 404. Connections are
kept alive (HTTP/1.1, Content-Length on every answer).
"""
import argparse, json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0, help="0: a free port chosen by the kernel")
parser.add_argument("--port-file", help="write the port here once the socket listens")
parser.add_argument("--reply", default="stub reply", help="the assistant content of every answer")
parser.add_argument("--status", type=int, default=200, help="answer with this HTTP status instead (e.g. 500)")
parser.add_argument("--out", help="append one JSON line per request: path, Authorization header, body")
parser.add_argument("--delay-ms", type=int, default=0, help="wait this long before each answer (timeout tests)")
args = parser.parse_args()
lock = threading.Lock()
out = open(args.out, "a", buffering=1) if args.out else None
PATHS = ("/v1/chat/completions", "/chat/completions")

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body go out in two writes: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms per answer
    disable_nagle_algorithm = True

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        path = self.path.split("?", 1)[0]
        if path not in PATHS:
            return self.answer(404, {"error": {"message": f"no route {path}", "type": "invalid_request_error"}})
        if out:
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw.decode("utf-8", "replace")
            record = {"path": path, "authorization": self.headers.get("Authorization"), "body": body}
            with lock:
                out.write(json.dumps(record) + "\n")
        if args.delay_ms:
            time.sleep(args.delay_ms / 1000)
        if args.status != 200:
            error = {"message": f"stub answering {args.status}", "type": "server_error", "code": args.status}
            return self.answer(args.status, {"error": error})
        self.answer(200, {"id": "stub", "object": "chat.completion",
                          "choices": [{"index": 0, "message": {"role": "assistant", "content": args.reply},
                                       "finish_reason": "stop"}]})

    def answer(self, status, value):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_):
        pass

class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # listen() backlog; a class attribute, because the constructor already listens

    def handle_error(self, request, client_address):
        # a client that hangs up mid-answer (a timeout test, wrk stopping) is expected: no traceback on stderr
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

server = Server(("127.0.0.1", args.port), Handler)
if args.port_file:
    # written once the socket listens, and atomically: a reader sees no file or the whole port
    with open(args.port_file + ".tmp", "w") as port_file:
        port_file.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
server.serve_forever()
