"""Provides ``workbench serve``: the review UI in a browser, and the reviewer tokens that let people in."""

from __future__ import annotations

import errno
import ipaddress
import socket

import click

from .options import db_option
from ..terminal import literal as inert


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address needs reviewer tokens first.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--add-reviewer", "add_name", metavar="NAME",
              help="Give NAME a fresh token and print their link (replaces a token they had), then exit.")
@click.option("--revoke", "revoke_name", metavar="NAME", help="Revoke NAME's token, then exit.")
@click.option("--reviewers", "list_reviewers", is_flag=True, help="List who has a live token, then exit.")
@click.option("--max-sessions", type=click.IntRange(1, 1000), default=16, show_default=True,
              help="Browser sessions open at once (each runs its own app process).")
@db_option
def serve(db_path: str, host: str, port: int, add_name: str | None, revoke_name: str | None,
          list_reviewers: bool, max_sessions: int) -> None:
    """Serve the review UI to web browsers: each reviewer opens their own link.

    Each browser session runs its own review app on the shared database, as the
    reviewer whose token is in the link. Tokens are stored hashed in the
    database; adding or revoking one works while the server runs.

    Example:

        workbench serve --add-reviewer alice     # prints alice's link
        workbench serve --db newsroom.db         # http://127.0.0.1:8000/
    """
    from ..storage import open_db, reviewer_tokens

    if sum(map(bool, (add_name, revoke_name, list_reviewers))) > 1:
        raise click.UsageError("use one of --add-reviewer, --revoke and --reviewers at a time")
    conn = open_db(db_path)
    try:
        if add_name is not None:
            _add(conn, add_name, host, port)
            return
        if revoke_name is not None:
            if not reviewer_tokens.revoke(conn, revoke_name.strip()):
                raise click.ClickException(f"{inert(revoke_name)!r} has no live token (see: workbench serve --reviewers)")
            click.echo(f"revoked {inert(revoke_name.strip())}'s token: their link no longer opens the workbench, and an"
                       " open session of theirs closes within seconds")
            return
        live = reviewer_tokens.live(conn)
    finally:
        conn.close()
    if list_reviewers:
        for row in live:
            click.echo(f"{inert(row.reviewer)}\ttoken made {row.created_at}")
        if not live:
            click.echo("no reviewers yet: add one with 'workbench serve --add-reviewer NAME'")
        return
    _serve(db_path, host, port, [row.reviewer for row in live], max_sessions)


def _add(conn, name: str, host: str, port: int) -> None:
    from ..serve.tokens import check_name, new_token, token_hash
    from ..storage import reviewer_tokens

    try:
        name = check_name(name)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    token = new_token()
    replaced = reviewer_tokens.add(conn, name, token_hash(token))
    if replaced:
        click.echo(f"{inert(name)}'s previous token is revoked.", err=True)
    click.echo(f"Link for {inert(name)} (give it to them only; it is shown once, and is their name on every mark):",
               err=True)
    click.echo(link(host, port, token))


def _serve(db_path: str, host: str, port: int, reviewers: list[str], max_sessions: int) -> None:
    if not reviewers and not is_loopback(host):
        raise click.ClickException(
            f"refusing to serve on {host}, a network address, with no reviewer tokens: add a reviewer first"
            " with 'workbench serve --add-reviewer NAME' (or serve on 127.0.0.1)")
    try:
        from ..serve.server import ReviewServer
    except ImportError as exc:
        raise click.ClickException(f"serving needs the [serve] extra ({exc.name} is missing):"
                                   " pip install -e '.[serve]'") from None
    click.echo(f"Serving the review UI of {db_path} on {base_url(host, port)}/ (Ctrl+C stops).")
    if reviewers:
        click.echo(f"Reviewers with a link: {inert(', '.join(reviewers))}.")
    else:
        click.echo("No reviewers yet, so nobody can open it: 'workbench serve --add-reviewer NAME' prints a"
                   " link (it works while this runs).")
    if not is_loopback(host):
        click.echo("Plain HTTP on a network address: links and marks cross the network unencrypted; outside a"
                   " trusted network put it behind an HTTPS proxy.", err=True)
    try:
        ReviewServer(db_path, host, port, max_sessions=max_sessions).serve()
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise click.ClickException(f"port {port} on {host} is in use: choose another with --port") from None
        raise click.ClickException(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``; a wildcard or any other name is not."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def base_url(host: str, port: int) -> str:
    if host in ("0.0.0.0", "::", ""):
        host = socket.gethostname()  # a wildcard is no address to give a reviewer
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def link(host: str, port: int, token: str) -> str:
    """The URL a reviewer opens: the server's address with their token."""
    return f"{base_url(host, port)}/?token={token}"
