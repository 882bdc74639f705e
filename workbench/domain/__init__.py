"""Provides the extraction layer: claims and their speakers from article text."""

from .extractor import analyse

__all__ = ["analyse"]
