"""The door of workbench serve: no valid token, no page and no app process; tokens stored hashed, never logged."""

from __future__ import annotations

import asyncio
import json
import logging

import aiohttp
import pytest

from tests.serve.serve_helpers import Browser, add_reviewer, build_db, revoke, served
from workbench.serve.tokens import reviewer_for, token_hash
from workbench.storage.reviewer_tokens import ReviewerToken


@pytest.fixture
def db_path(tmp_path):
    return build_db(tmp_path / "workbench.db")


@pytest.fixture
def spawned(monkeypatch):
    """Every app process the server tries to start (textual-serve starts them with create_subprocess_shell)."""
    calls = []

    async def refuse_to_spawn(command, *args, **kwargs):
        calls.append(command)
        raise AssertionError("no app process may start in this test")

    monkeypatch.setattr(asyncio, "create_subprocess_shell", refuse_to_spawn)
    return calls


async def _ws_status(http: aiohttp.ClientSession, url: str, headers=None) -> int:
    """The status a websocket upgrade gets (101 would have started a session)."""
    try:
        async with http.ws_connect(url, headers=headers) as ws:
            await ws.close()
            return 101
    except aiohttp.WSServerHandshakeError as exc:
        return exc.status


async def test_no_token_gets_401_and_starts_nothing(db_path, spawned):
    add_reviewer(db_path, "alice")
    async with served(db_path) as (server, base), aiohttp.ClientSession() as http:
        async with http.get(f"{base}/") as response:
            assert response.status == 401
            assert "needs your personal link" in await response.text()
            assert "workbench serve --add-reviewer" in await response.text()
        assert await _ws_status(http, f"{base}/ws?width=80&height=24") == 401
        async with http.get(f"{base}/download/anything") as response:
            assert response.status == 401
        # The browser's page assets need no token: they are the library's, not the data.
        async with http.get(f"{base}/static/js/textual.js") as response:
            assert response.status == 200
    assert spawned == [] and server.started == 0


async def test_a_wrong_token_gets_403_and_starts_nothing(db_path, spawned):
    add_reviewer(db_path, "alice")
    async with served(db_path) as (server, base), aiohttp.ClientSession() as http:
        async with http.get(f"{base}/?token=not-a-token", allow_redirects=False) as response:
            assert response.status == 403
        bad = {"Cookie": f"{server.gate.cookie_name}=not-a-token"}
        assert await _ws_status(http, f"{base}/ws", headers=bad) == 403
        assert await _ws_status(http, f"{base}/ws", headers={"Authorization": "Bearer " + "x" * 500}) == 403
    assert spawned == [] and server.started == 0


async def test_a_revoked_token_is_refused(db_path, spawned):
    token = add_reviewer(db_path, "alice")
    async with served(db_path) as (server, base):
        browser = Browser(base)
        try:
            assert await browser.open_link(token) == 200  # in, with the cookie
            revoke(db_path, "alice")  # while the server runs
            async with browser.http.get(f"{base}/") as response:
                assert response.status == 403
                assert "revoked" in await response.text()
            # The refusal drops the dead cookie: the next request carries no token at all.
            async with browser.http.get(f"{base}/") as response:
                assert response.status == 401
            cookie = {"Cookie": f"{server.gate.cookie_name}={token}", "Origin": base}
            assert await _ws_status(browser.http, f"{base}/ws", headers=cookie) == 403
            async with browser.http.get(f"{base}/?token={token}", allow_redirects=False) as response:
                assert response.status == 403
        finally:
            await browser.close()
    assert spawned == [] and server.started == 0


async def test_the_link_sets_a_cookie_and_leaves_the_address_bar(db_path):
    token = add_reviewer(db_path, "Ana <b>[bold]x</b>")
    async with served(db_path) as (server, base), aiohttp.ClientSession() as http:
        async with http.get(f"{base}/?token={token}", allow_redirects=False) as response:
            assert response.status == 303 and response.headers["Location"] == "/"
            cookie = response.headers["Set-Cookie"]
            assert f"{server.gate.cookie_name}={token}" in cookie
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        async with http.get(f"{base}/", headers={"Cookie": f"{server.gate.cookie_name}={token}"}) as response:
            assert response.status == 200
            page = await response.text()
            assert response.headers["Cache-Control"] == "no-store"
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        # A client that is not a browser may send the token as a bearer token instead.
        async with http.get(f"{base}/", headers={"Authorization": f"Bearer {token}"}) as response:
            assert response.status == 200
        # The reviewer's name is data in the page too: escaped, never markup or HTML.
        assert "Ana &lt;b&gt;[bold]x&lt;/b&gt;" in page and "<b>[bold]" not in page
        assert token not in page


async def test_a_websocket_from_another_site_is_refused(db_path, spawned):
    token = add_reviewer(db_path, "alice")
    async with served(db_path) as (server, base), aiohttp.ClientSession() as http:
        headers = {"Cookie": f"{server.gate.cookie_name}={token}", "Origin": "http://evil.example"}
        assert await _ws_status(http, f"{base}/ws", headers=headers) == 403
    assert spawned == [] and server.started == 0


async def test_tokens_are_never_logged_nor_stored(db_path, caplog):
    token = add_reviewer(db_path, "alice")
    caplog.set_level(logging.DEBUG)
    jar = aiohttp.CookieJar(unsafe=True)  # keep cookies of an IP address, as browsers do
    async with served(db_path) as (server, base), aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(f"{base}/?token={token}") as response:
            assert response.status == 200
        async with http.get(f"{base}/?token={token[::-1]}") as response:
            assert response.status == 403
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "GET / 303" in logged and "GET / 200" in logged  # the access log did run
    assert token not in logged and token[::-1] not in logged
    stored = b"".join(p.read_bytes() for p in (db_path_ for db_path_ in _db_files(db_path)))
    assert token.encode() not in stored
    assert token_hash(token).encode() in stored


def _db_files(db_path: str):
    from pathlib import Path

    return [p for p in Path(db_path).parent.iterdir() if p.name.startswith(Path(db_path).name)]


def test_reviewer_for_compares_every_live_hash():
    rows = [ReviewerToken("alice", token_hash("a" * 43), "t"), ReviewerToken("bob", token_hash("b" * 43), "t")]
    assert reviewer_for("b" * 43, rows) == "bob"
    assert reviewer_for("a" * 43, rows) == "alice"
    assert reviewer_for("c" * 43, rows) is None
    assert reviewer_for("", rows) is None and reviewer_for(None, rows) is None
    assert reviewer_for("a" * 500, [ReviewerToken("long", token_hash("a" * 500), "t")]) is None


async def test_the_browser_opens_only_web_links_for_the_app(monkeypatch):
    """An article URL such as javascript:... must never reach the page's window.open."""
    from textual_serve.download_manager import DownloadManager

    from workbench.serve.server import ReviewerAppService

    sent = []

    async def write_str(text: str) -> None:
        sent.append(json.loads(text))

    async def ignore(*args) -> None:
        return None

    service = ReviewerAppService("true", reviewer="alice", write_bytes=ignore, write_str=write_str, close=ignore,
                                 download_manager=DownloadManager())
    for url in ("javascript:alert(document.cookie)", "JavaScript:alert(1)", "file:///etc/passwd",
                "data:text/html,<script>x</script>", "https://example.org/story", "http://example.org/a"):
        await service.on_meta(json.dumps({"type": "open_url", "url": url, "new_tab": True}).encode())
    assert [message[1]["url"] for message in sent] == ["https://example.org/story", "http://example.org/a"]
    monkeypatch.setenv("WORKBENCH_REVIEWER", "mallory")
    environment = service._build_environment()
    assert environment["WORKBENCH_SERVE_REVIEWER"] == "alice" and "WORKBENCH_REVIEWER" not in environment


async def test_sessions_beyond_the_limit_are_refused_before_they_start(db_path, monkeypatch):
    token = add_reviewer(db_path, "alice")
    starting, release = [], asyncio.Event()

    async def slow_app(command, *args, **kwargs):  # an app process that takes its time to start
        starting.append(command)
        await release.wait()
        raise OSError("not started in this test")

    monkeypatch.setattr(asyncio, "create_subprocess_shell", slow_app)
    async with served(db_path, max_sessions=1) as (server, base), aiohttp.ClientSession() as http:
        headers = {"Cookie": f"{server.gate.cookie_name}={token}", "Origin": base}
        first = await http.ws_connect(f"{base}/ws", headers=headers)
        while not starting:
            await asyncio.sleep(0.01)
        assert await _ws_status(http, f"{base}/ws", headers=headers) == 503
        assert len(starting) == 1
        release.set()
        await first.close()


async def test_a_crafted_path_puts_no_escape_in_the_log(db_path, caplog):
    add_reviewer(db_path, "alice")
    caplog.set_level(logging.INFO)
    async with served(db_path) as (server, base), aiohttp.ClientSession() as http:
        async with http.get(f"{base}/%1b[31mred%07") as response:
            assert response.status == 401
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "red%07 401" in logged  # logged, still percent-encoded
    assert "\x1b" not in logged and "\x07" not in logged
