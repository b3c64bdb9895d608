"""The replica portal over real HTTP on 127.0.0.1."""

from __future__ import annotations

import inspect
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from crawler.replica.faults import FaultInjector, FaultPlan
from crawler.replica.portal import ReplicaPortal


class _Handler(BaseHTTPRequestHandler):
    server: ReplicaServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's naming
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_port}"
        path = self.path
        faults = self.server.faults
        if faults is not None:
            try:
                if faults.answer(self, send_body):
                    return
            except OSError:  # the crawler gave up on a slow or broken answer first
                self.close_connection = True
                return
            path = faults.rewrite(path)
        if self.server.conditional:
            status, headers, body = self.server.portal.respond(path, host, headers=self.headers)
        else:
            status, headers, body = self.server.portal.respond(path, host)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        if self.server.verbose:
            super().log_message(format, *args)


class ReplicaServer(ThreadingHTTPServer):
    """A threaded HTTP server bound to loopback, serving one ReplicaPortal."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        portal: ReplicaPortal,
        port: int = 0,
        host: str = "127.0.0.1",
        verbose: bool = False,
        faults: FaultPlan | None = None,
    ):
        super().__init__((host, port), _Handler)
        self.portal = portal
        self.verbose = verbose
        # A plan of injected faults (crawler.replica.faults): off unless asked for.
        self.faults = FaultInjector(faults, portal) if faults is not None else None
        # Portals that answer conditional requests (ETag) get the request headers.
        self.conditional = "headers" in inspect.signature(portal.respond).parameters

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start_background(self) -> threading.Thread:
        """Serve from a daemon thread (tests, demo); stop with shutdown()."""
        thread = threading.Thread(target=self.serve_forever, name="replica", daemon=True)
        thread.start()
        return thread
