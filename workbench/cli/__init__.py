"""Provides the ``workbench`` command line: one module per command group, each command a thin wrapper over a library call."""

from .main import main

__all__ = ["main"]
