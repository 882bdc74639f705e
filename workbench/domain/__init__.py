"""Provides the extraction layer: claims and their speakers from article text."""

from .extract import analyse

__all__ = ["analyse"]
