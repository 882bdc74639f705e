"""Provides ``workbench extract --scheduler``: shards written by the workers of an existing Dask cluster.

The file list is cut into groups; each group is one task, which reads and
analyses its files (:func:`workbench.services.shards.extract_files_to_shard`) on a Dask
worker and writes its shard to the output folder, which every worker and this
machine must share (NFS, a mounted bucket). Shard *i* holds group *i*, so
``workbench load`` stores the articles in input order. Dask is the optional
extra ``[cluster]``; the workbench must be installed on every worker.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .shards import Written, extract_files_to_shard, shard_path
from ..sources import ReadError

#: Input files per cluster task (and so per shard).
FILES_PER_TASK = 200


class ClusterError(Exception):
    """The cluster cannot be used (Dask missing, scheduler unreachable, standard input given)."""


def extract_on_cluster(files: list[str | ReadError], outdir: Path | str, scheduler: str, *,
                       files_per_task: int = FILES_PER_TASK,
                       on_shard: Callable[[str, int, list[str]], None] | None = None) -> Written:
    """Analyse ``files`` on the Dask cluster at ``scheduler`` and write shards to ``outdir``, in order.

    Paths are made absolute (the workers do not share this process's folder), so the
    articles' ``source`` is the absolute path. ``on_shard(name, files, failures)`` is
    called as each shard is written, in shard order.
    """
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise ClusterError("Dask is not installed here: pip install 'claims-workbench[cluster]'"
                           " (on this machine and on every worker)") from exc
    if any(f == "-" for f in files):
        raise ClusterError("standard input cannot be read on a cluster; save it to a file in the shared folder")
    paths = [f if isinstance(f, ReadError) else os.path.abspath(f) for f in files]
    groups = [paths[i:i + files_per_task] for i in range(0, len(paths), files_per_task)]
    targets = [str(shard_path(Path(outdir).resolve(), i)) for i in range(len(groups))]
    written = Written()
    try:
        client = Client(scheduler, timeout="30s")
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
    with client:
        from ..domain.extractor import MODEL_ENV

        # The model chosen here (--model, or the desk's) is used on the workers too: a path they must share.
        models = [os.environ.get(MODEL_ENV)] * len(groups)
        futures = client.map(extract_files_to_shard, groups, targets, models, pure=False)
        for group, target, future in zip(groups, targets, futures):
            articles, claims, failures = future.result()
            written.articles += articles
            written.claims += claims
            written.shards.append(Path(target).name)
            written.failures += failures
            if on_shard:
                on_shard(Path(target).name, len(group), failures)
    return written
