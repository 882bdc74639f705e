"""Provides the served-UI tests' pieces: a small database, a running server, and a websocket 'browser'.

The websocket client speaks textual-serve's protocol as textual.js does
(``["stdin", keys]``, ``["focus"]``) and keeps what the app drew, with the
terminal control sequences taken out, so a test can wait for text on screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import time
from pathlib import Path

import aiohttp
from aiohttp import web

from tests.helpers import KIRBY, OFFICIAL, make_article
from workbench.serve.server import RUNNER_OPTIONS, ReviewServer
from workbench.serve.tokens import new_token, token_hash
from workbench.storage import connect, open_db, reviewer_tokens
from workbench.storage.ingest import store

# Markup and a terminal escape in the article text: the browser must show them as characters.
NASTY_TEXT = (
    "Tricky [bold]x[/bold] headline\n\n"
    "The mayor said [@click=app.quit]quit[/] closes nothing. "
    "Officials said \x1b[31mred\x1b[0m text is just text.\n"
)
PLAIN_TEXT = (
    "Ferry fares rise\n\n"
    "John Kirby said the fares rise in May. A U.S. defense official said the subsidy ends in June. "
    "The council voted twice. The mayor said the harbour reopens soon. "
    "Officials said the pier was repaired.\n"
)
CLAIMS_ON_SCREEN = "the fares rise in May"
_CONTROL = re.compile(r"\x1b\[[0-9;?<>=!]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78cDEHMNOZ]")


def build_db(path: Path) -> str:
    """Two articles (six claims, then the markup one), migrated; returns the path."""
    conn = open_db(str(path))
    try:
        doc, analysis = make_article(PLAIN_TEXT, [
            ("the fares rise in May", KIRBY),
            ("the subsidy ends in June", OFFICIAL),
            ("The council voted twice.", None),
            ("the harbour reopens soon", None),
            ("the pier was repaired", None),
        ], source="ferry.txt", title="Ferry fares rise")
        store(conn, doc, analysis, "test")
        doc, analysis = make_article(NASTY_TEXT, [
            ("[@click=app.quit]quit[/] closes nothing", None),
            ("\x1b[31mred\x1b[0m text is just text", None),
        ], source="nasty.txt", title="Tricky [bold]x[/bold] headline")
        store(conn, doc, analysis, "test")
    finally:
        conn.close()
    return str(path)


def add_reviewer(db_path: str, name: str) -> str:
    """Give ``name`` a token as ``workbench serve --add-reviewer`` does; returns the token."""
    token = new_token()
    conn = connect(db_path)
    try:
        reviewer_tokens.add(conn, name, token_hash(token))
    finally:
        conn.close()
    return token


def revoke(db_path: str, name: str) -> None:
    conn = connect(db_path)
    try:
        reviewer_tokens.revoke(conn, name)
    finally:
        conn.close()


def marks(db_path: str) -> list[tuple[int, str, str]]:
    """(claim_id, status, reviewer) of every mark event, in order."""
    conn = connect(db_path)
    try:
        return conn.execute("SELECT claim_id, status, reviewer FROM review_events WHERE action = 'mark'"
                            " ORDER BY id").fetchall()
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.asynccontextmanager
async def served(db_path: str, **options):
    """A ReviewServer on a free loopback port; yields (server, base URL)."""
    port = free_port()
    server = ReviewServer(db_path, "127.0.0.1", port, **options)
    # As web.run_app does in ReviewServer.serve(), with the same runner options.
    runner = web.AppRunner(await server._make_app(), **RUNNER_OPTIONS)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield server, f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def plain_text(data: bytes) -> str:
    """What a terminal shows of ``data``, roughly: the text with control sequences removed."""
    return _CONTROL.sub("", data.decode("utf-8", "replace"))


class Browser:
    """One browser session over the websocket: cookie from the reviewer's link, keys in, screen text out."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.received = bytearray()
        self._reader: asyncio.Task | None = None

    async def open_link(self, token: str) -> int:
        """Follow the reviewer's link as a browser does; returns the final status."""
        async with self.http.get(f"{self.base}/?token={token}") as response:
            await response.read()
            return response.status

    async def connect(self, width: int = 120, height: int = 30, query: str = "", headers=None) -> None:
        self.ws = await self.http.ws_connect(f"{self.base}/ws?width={width}&height={height}{query}",
                                             headers={"Origin": self.base, **(headers or {})})
        # The page says it has the keyboard, here before the app has even started: the app must
        # still end up focused (Textual's web driver posts a blur of its own at start).
        await self.ws.send_json(["focus"])
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += message.data

    @property
    def closed(self) -> bool:
        return self._reader is not None and self._reader.done()

    def screen_text(self) -> str:
        return plain_text(bytes(self.received))

    async def wait_for(self, *texts: str, timeout: float = 30.0) -> str:
        """Wait until every one of ``texts`` has been drawn; returns the screen text."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen_text()
            if all(t in shown for t in texts):
                return shown
            if time.monotonic() > deadline or self.closed:
                missing = [t for t in texts if t not in shown]
                raise AssertionError(f"not drawn within {timeout} s: {missing}; drawn: {shown[-600:]!r}")
            await asyncio.sleep(0.05)

    async def press(self, keys: str) -> None:
        await self.ws.send_json(["stdin", keys])

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            await asyncio.wait([self._reader], timeout=10)
        await self.http.close()


async def wait_until(predicate, timeout: float = 20.0, what: str = "condition"):
    """Poll ``predicate`` (run in a thread: it may read the database) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = await asyncio.to_thread(predicate)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        await asyncio.sleep(0.1)
