"""Provides the claims workbench: claims and their speakers from news articles, reviewed in a terminal UI."""

__version__ = "0.1.0"
