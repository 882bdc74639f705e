"""Provides the door of ``workbench serve``: every request but static files needs a live reviewer token.

The token arrives once in the link (``/?token=...``); the page answers with a
redirect to ``/`` that stores it in an HttpOnly, SameSite=Strict cookie, so it
leaves the address bar and is never part of a later URL (the websocket, the
access log, a Referer). Later requests, the websocket upgrade included, carry
the cookie (or an ``Authorization: Bearer`` header). Tokens are read from the
database at each check, so ``--add-reviewer`` and ``--revoke`` take effect on
a running server at once. Nothing is started for a request that fails here.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from aiohttp import web

from ..storage import StorageError, connect
from ..storage import reviewer_tokens
from .tokens import reviewer_for

COOKIE_DAYS = 30
ASK_FOR_A_LINK = ("This claims workbench needs your personal link. Ask whoever runs it for one"
                  " (they make it with: workbench serve --add-reviewer YOUR-NAME).\n")
NOT_VALID = ("This link is not valid, or it was revoked. Ask whoever runs the workbench for a new one"
             " (workbench serve --add-reviewer YOUR-NAME).\n")
OTHER_SITE = "Refused: the connection was opened from another site.\n"
# Where the gate leaves the reviewer and their token on an admitted request
# (typed keys since aiohttp 3.14; a plain string before it).
_Key = getattr(web, "RequestKey", None)
REVIEWER = _Key("reviewer", str) if _Key else "workbench.reviewer"
TOKEN = _Key("token", str) if _Key else "workbench.token"


class Gate:
    """Who may come in: the reviewer of a live token, looked up in the database."""

    def __init__(self, db_path: str, port: int) -> None:
        self.db_path = db_path
        # Cookies are per host, not per port: two servers on one machine keep theirs apart.
        self.cookie_name = f"workbench_{port}"

    def reviewer_of(self, token: str | None) -> str | None:
        """The reviewer whose live token this is (a short read; run it in a thread)."""
        if not token:
            return None
        conn = connect(self.db_path, create=False)
        try:
            live = reviewer_tokens.live(conn)
        finally:
            conn.close()
        return reviewer_for(token, live)

    async def check(self, token: str | None) -> str | None:
        return await asyncio.to_thread(self.reviewer_of, token)

    def presented(self, request: web.Request) -> str | None:
        """The token a request carries: the session cookie, or an Authorization: Bearer header."""
        auth = request.headers.get("Authorization", "")
        if auth[:7].lower() == "bearer ":
            return auth[7:].strip() or None
        return request.cookies.get(self.cookie_name) or None

    @web.middleware
    async def middleware(self, request: web.Request, handler) -> web.StreamResponse:
        if request.path.startswith("/static/"):
            return await handler(request)
        try:
            return await self._admit(request, handler)
        except StorageError:
            return refusal(503, "The workbench database cannot be read just now; try again in a moment.\n")

    async def _admit(self, request: web.Request, handler) -> web.StreamResponse:
        offered = request.query.get("token")
        if offered is not None and request.path == "/":
            if await self.check(offered) is None:
                return self._forget(refusal(403, NOT_VALID))
            # The token leaves the address bar: it is kept only in the cookie.
            response = web.Response(status=303, headers={"Location": "/", "Cache-Control": "no-store",
                                                         "Referrer-Policy": "no-referrer"})
            response.set_cookie(self.cookie_name, offered, max_age=COOKIE_DAYS * 86400, path="/",
                                httponly=True, samesite="Strict", secure=request.secure)
            return response
        token = self.presented(request)
        if token is None:
            return refusal(401, ASK_FOR_A_LINK, {"WWW-Authenticate": 'Bearer realm="claims workbench"'})
        reviewer = await self.check(token)
        if reviewer is None:
            return self._forget(refusal(403, NOT_VALID))
        if not same_origin(request):
            return refusal(403, OTHER_SITE)
        request[REVIEWER] = reviewer
        request[TOKEN] = token
        return await handler(request)

    def _forget(self, response: web.Response) -> web.Response:
        response.del_cookie(self.cookie_name, path="/")
        return response


def same_origin(request: web.Request) -> bool:
    """False when a browser says the request comes from a page of another host.

    Browsers send ``Origin`` on websocket upgrades; a page elsewhere could
    otherwise open this server's websocket with the reviewer's cookie. Requests
    without the header (not from a browser page) pass; they still need a token.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc.lower() == (request.host or "").lower()


def refusal(status: int, text: str, headers: dict[str, str] | None = None) -> web.Response:
    """A plain-text refusal that no cache keeps."""
    return web.Response(status=status, text=text, content_type="text/plain", charset="utf-8",
                        headers={"Cache-Control": "no-store", **(headers or {})})
