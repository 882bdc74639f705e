"""Provides the claims workbench: claims and their speakers from news articles, reviewed in a terminal UI."""

__version__ = "0.1.0"


def extract_file(path: str):
    """Read and analyse one article file: a list of outcomes (source, record, failure) to map over a cluster.

    See :func:`workbench.services.shards.extract_file`; imported on first call, so ``import workbench`` stays light.
    """
    from .services.shards import extract_file as _extract_file

    return _extract_file(path)
