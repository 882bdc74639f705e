"""Provides the review server: textual-serve with a reviewer token at the door and one app process per session.

textual-serve's :class:`~textual_serve.server.Server` starts a command for
each websocket and relays the browser's keys to it. This subclass:

- puts :class:`~workbench.serve.gate.Gate` in front of every route but the
  static files, so no page is served and no process starts without a live
  token;
- starts each session's process with the reviewer name the token belongs to,
  in an environment variable set here (never from anything the browser sends);
- closes a session whose token is revoked while it runs, and opens no URL
  but http(s) in the browser for the app;
- logs requests by path only, so a token in a link's query never reaches a log.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shlex
import signal
import sys
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from .gate import REVIEWER, TOKEN, Gate, refusal
from .session import REVIEWER_ENV

log = logging.getLogger("workbench.serve")

TEMPLATES = Path(__file__).resolve().parent / "templates"
# How often a running session's token is checked again (a revoked reviewer is shown the door).
RECHECK_S = 10.0
MAX_SESSIONS = 16
WEB = {"http", "https"}


class ReviewerAppService(AppService):
    """One session's app process, started as the reviewer its token names."""

    def __init__(self, command: str, *, reviewer: str, **kwargs) -> None:
        super().__init__(command, **kwargs)
        self.reviewer = reviewer

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment.pop("WORKBENCH_REVIEWER", None)
        environment[REVIEWER_ENV] = self.reviewer
        return environment

    async def on_meta(self, data: bytes) -> None:
        # The page opens whatever URL the app asks for (window.open): only web links pass, so an
        # article's "javascript:" or "file:" URL can never run or open anything in the browser.
        try:
            meta = json.loads(data)
        except ValueError:
            return
        if meta.get("type") == "open_url" and urlsplit(str(meta.get("url", ""))).scheme.lower() not in WEB:
            log.warning("%s's session asked to open a URL that is not http(s): not opened", self.reviewer)
            return
        await super().on_meta(data)


class PathOnlyAccessLogger(AbstractAccessLogger):
    """Access log lines without the query string (where a link carries its token)."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        # The raw path: still percent-encoded, so a crafted URL cannot put escapes in the operator's terminal.
        self.logger.info("%s %s %s %s %.0f ms", request.remote, request.method, request.rel_url.raw_path,
                         response.status, time * 1000)


# How the aiohttp runner is set up, for serve() and for tests that run the app themselves.
RUNNER_OPTIONS = {"access_log_class": PathOnlyAccessLogger}


class ReviewServer(Server):
    """Serve the review UI of one database to reviewers with tokens."""

    def __init__(self, db_path: str, host: str = "127.0.0.1", port: int = 8000, *,
                 max_sessions: int = MAX_SESSIONS, recheck_s: float = RECHECK_S) -> None:
        self.db_path = str(Path(db_path).resolve())
        command = f"{shlex.quote(sys.executable)} -m workbench.serve.session --db {shlex.quote(self.db_path)}"
        super().__init__(command, host=host, port=port, title="Claims workbench", templates_path=TEMPLATES)
        self.gate = Gate(self.db_path, port)
        self.max_sessions = max_sessions
        self.recheck_s = recheck_s
        self.sessions: dict[str, str] = {}  # app service id -> reviewer, while its websocket is open
        self.started = 0  # app processes started since the server started

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.gate.middleware])
        # Reviewer names are data: the page template escapes everything it is given.
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints a banner here; ``workbench serve`` prints its own before starting."""

    async def handle_index(self, request: web.Request) -> web.Response:
        context = {
            "reviewer": request[REVIEWER],
            "font_size": min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 48),
            "static_url": "/static/",
            "websocket_path": "/ws",
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers.update({
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",
            # Framing the page on another site could trick a reviewer into key presses.
            "Content-Security-Policy": "frame-ancestors 'none'",
            "X-Frame-Options": "DENY",
            "X-Content-Type-Options": "nosniff",
        })
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """Start the reviewer's app process and relay the browser to it (the gate has let them in)."""
        reviewer = request[REVIEWER]
        if len(self.sessions) >= self.max_sessions:
            return refusal(503, f"The workbench already has {self.max_sessions} sessions open; try again later.\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = min(max(to_int(request.query.get("width", "80"), 80), 20), 500)
        height = min(max(to_int(request.query.get("height", "24"), 24), 5), 200)
        app_service = ReviewerAppService(
            self.command, reviewer=reviewer, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
            close=websocket.close, download_manager=self.download_manager, debug=self.debug,
        )
        # Counted before the first await, so sessions opened at once cannot pass the limit together.
        self.sessions[app_service.app_service_id] = reviewer
        watch = None
        try:
            await websocket.prepare(request)
            self.started += 1
            log.info("session started for %s (%d open)", reviewer, len(self.sessions))
            watch = asyncio.create_task(self._close_when_revoked(request[TOKEN], reviewer, websocket))
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken browser message must not take the server down
            log.exception(error)
        finally:
            if watch is not None:
                watch.cancel()
            await app_service.stop()
            await _reap(app_service)
            del self.sessions[app_service.app_service_id]
            log.info("session ended for %s (%d open)", reviewer, len(self.sessions))
        return websocket

    async def _close_when_revoked(self, token: str, reviewer: str, websocket: web.WebSocketResponse) -> None:
        while True:
            await asyncio.sleep(self.recheck_s)
            try:
                still = await self.gate.check(token)
            except Exception:  # the database busy or gone for a moment: check again later
                continue
            if still != reviewer:
                log.info("token of %s revoked: closing their session", reviewer)
                await websocket.close(code=4003, message=b"token revoked")
                return

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C (or SIGTERM), logging requests without their query strings."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self.request_exit)
            except NotImplementedError:  # pragma: no cover  (Windows)
                pass
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    print=lambda *args: None, **RUNNER_OPTIONS)


async def _reap(app_service: AppService, grace_s: float = 5.0) -> None:
    """Wait for a session's process to exit after the quit request; kill it if it does not.

    textual-serve asks the app to quit and reads its output to the end, but
    does not wait for the process: without this, an app stuck on exit would
    outlive its session.
    """
    process = app_service._process
    if process is None:
        return
    try:
        await asyncio.wait_for(process.wait(), grace_s)
    except asyncio.TimeoutError:
        log.warning("a session's app process did not quit within %.0f s: killing it", grace_s)
        process.kill()
        await process.wait()
