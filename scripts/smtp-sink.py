#!/usr/bin/env python3
"""A throwaway SMTP server for finrca's email tests (Debian's python3-aiosmtpd).

    smtp-sink.py --dir DIR [--host 127.0.0.1] [--port 0] [--auth USER:PASSWORD] [--tls starttls|implicit]

Listens on HOST:PORT (port 0: a free port chosen by the kernel) and, once it accepts connections, writes
the port to DIR/port. Each message is stored as DIR/NNNN.eml (the DATA bytes as received, dot-unstuffed)
and then DIR/NNNN.json: the envelope, plus the message as Python's email package reads it (decoded
Subject, Message-ID, each text part decoded, parser defects), so tests check the encoding with an
independent decoder. Recipients whose local part starts with "reject" get 550, "defer" get 451.
With --auth, AUTH (PLAIN/LOGIN, allowed without TLS) is required and only USER:PASSWORD is accepted.
With --tls, a self-signed certificate for 127.0.0.1/localhost is made with openssl (DIR/cert.pem, the file
clients must trust) and the server either requires STARTTLS or speaks TLS from the start (SMTPS).
Stops on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import ssl
import subprocess

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def write_atomically(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as file:
        file.write(data)
    os.rename(temporary, path)


class FolderHandler:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 Mailbox unavailable"
        if local.startswith("defer"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(self.folder, f"{self.count:04d}")
        raw = envelope.original_content or envelope.content
        write_atomically(stem + ".eml", raw)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts, defects = [], [str(d) for d in message.defects]
        for part in message.walk():
            defects += [str(d) for d in part.defects if part is not message]
            if part.is_multipart():
                continue
            parts.append({
                "content_type": part.get_content_type(),
                "charset": part.get_content_charset(),
                "transfer_encoding": part.get("Content-Transfer-Encoding"),
                "text": part.get_content(),
            })
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "authenticated": bool(getattr(session, "authenticated", False)),
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "date": message["Date"],
            "from": message["From"],
            "to": message["To"],
            "subject": message["Subject"],
            "message_id": message["Message-ID"],
            "content_type": message.get_content_type(),
            "parts": parts,
            "defects": defects,
        }
        write_atomically(stem + ".json", json.dumps(summary, indent=1).encode())
        return "250 OK"


def make_authenticator(credentials):
    user, _, password = credentials.partition(":")

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode() and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False)

    return authenticate


def make_tls_context(folder):
    certificate, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate, key)
    return context


async def serve(arguments):
    loop = asyncio.get_running_loop()
    handler = FolderHandler(arguments.dir)
    options = {}
    if arguments.auth:
        options.update(auth_required=True, auth_require_tls=False, authenticator=make_authenticator(arguments.auth))
    context = make_tls_context(arguments.dir) if arguments.tls else None
    if arguments.tls == "starttls":
        options.update(tls_context=context, require_starttls=True)

    def factory():
        return SMTP(handler, hostname="localhost", loop=loop, **options)

    server = await loop.create_server(
        factory, host=arguments.host, port=arguments.port, ssl=context if arguments.tls == "implicit" else None)
    port = server.sockets[0].getsockname()[1]
    write_atomically(os.path.join(arguments.dir, "port"), f"{port}\n".encode())
    stop = asyncio.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    # A parent that starts us from a thread with signals blocked (Foundation's Process from a Swift
    # concurrency thread) passes that mask on; unblock, so SIGTERM stops us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="folder for the port file and the received messages")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--auth", help="USER:PASSWORD to require")
    parser.add_argument("--tls", choices=["starttls", "implicit"], help="require STARTTLS, or speak SMTPS")
    arguments = parser.parse_args()
    os.makedirs(arguments.dir, exist_ok=True)
    asyncio.run(serve(arguments))


if __name__ == "__main__":
    main()
