"""Provides ``workbench serve``: the review UI in a browser, one app process per session, tokens at the door."""
