"""Provides the review UI's ways out of the terminal: a claim's citation for the clipboard, and the system browser.

The clipboard is written with OSC 52 (``App.copy_to_clipboard``), which the
terminal may ignore without telling anyone. :func:`clipboard_problem` names
the cases known to drop it (macOS Terminal, the Linux console, tmux without
``set-clipboard on``, GNU screen) so the UI can show the text to copy by hand
instead of claiming a copy that did not happen.

A browser that runs in the terminal (lynx, w3m: what ``webbrowser`` picks on
a machine without a desktop) gets the terminal while the app is suspended.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import webbrowser
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from ..storage.claim_detail import ClaimDetail


def citation(d: "ClaimDetail") -> str:
    """The claim in quotes, who said it, and where: article, outlet, date, url, claim id."""
    who = ", ".join(x for x in (d.speaker, d.speaker_role, d.speaker_affiliation) if x)
    if d.speaker_kind == "author":
        who = f"{d.speaker} (the article's own assertion)"
    where = ", ".join(x for x in (f"“{d.article_title}”" if d.article_title else d.article_source,
                                  d.article_outlet, d.article_published) if x)
    parts = [f"“{' '.join(d.text.split())}” — {who}.", f"{where}." if where else "",
             d.article_url or "", f"(claim #{d.claim_id}, characters {d.start}–{d.end})"]
    return " ".join(p for p in parts if p)


@lru_cache(maxsize=1)
def clipboard_problem() -> str | None:
    """Why the terminal would drop an OSC 52 clipboard write, or None when it should take it."""
    env = os.environ
    if env.get("TMUX"):
        setting = _tmux_option("set-clipboard")
        if setting != "on":
            return (f"tmux passes clipboard writes from programs on only with 'set -g set-clipboard on' "
                    f"(it is {setting or 'unknown'} here)")
    if env.get("STY"):
        return "GNU screen does not pass clipboard writes (OSC 52) on"
    if env.get("TERM_PROGRAM") == "Apple_Terminal":
        return "macOS Terminal does not accept clipboard writes (OSC 52)"
    if env.get("TERM") in ("linux", "dumb"):
        return "this console has no clipboard for programs to write to"
    return None


def _tmux_option(name: str) -> str | None:
    try:
        out = subprocess.run(["tmux", "show-options", "-gv", name], capture_output=True, text=True, timeout=2)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None


def open_in_browser(app: "App", url: str) -> None:
    """Open ``url`` in the system browser, or say why not (never leaves the UI hanging)."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        app.notify(f"No web browser is set up here (set $BROWSER); the url is {url} (y copies it)", severity="warning")
        return
    if type(browser) is webbrowser.GenericBrowser:  # a terminal browser: it needs the terminal
        command = [browser.name, *browser.args] if hasattr(browser, "args") else [browser.name]
        command = [a.replace("%s", url) for a in command] + ([] if any("%s" in a for a in command) else [url])
        if shutil.which(command[0]) is None:
            app.notify(f"The browser {command[0]!r} is not installed; the url is {url}", severity="warning")
            return
        try:
            with app.suspend():
                subprocess.run(command, check=False)
        except Exception as exc:  # no terminal to hand over (a test, the web driver)
            app.notify(f"Could not hand the terminal to {command[0]} ({exc}); the url is {url}", severity="warning")
        return
    _open_background(app, browser, url)


def _open_background(app: "App", browser: webbrowser.BaseBrowser, url: str) -> None:
    def run() -> None:
        ok = browser.open(url)
        app.call_from_thread(app.notify, f"Opened {url} in your browser" if ok else
                             f"The browser did not open {url}", severity="information" if ok else "warning")

    app.run_worker(run, thread=True, group="browser", exit_on_error=False)
