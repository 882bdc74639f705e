"""Provides analysed-article shards: JSON Lines files written by ``workbench extract``, read by ``workbench load``.

A shard is ``shard-NNNNN.jsonl``, one :mod:`workbench.services.analysed` record per
line, in input order; shards are read back in name order, so loading a folder
of shards stores the articles in the order ``workbench ingest`` would have.
Each shard is written to a temporary name and renamed when complete: a killed
extract leaves whole shards or none. Shards hold no database ids, so the same
folder can be loaded into any database.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .analysed import Outcome, analyse_item, from_json, to_json
from ..sources import ReadError, iter_documents

#: Articles per shard written by ``workbench extract`` on one machine.
SHARD_ARTICLES = 1000
PATTERN = "shard-*.jsonl"


@dataclass
class Written:
    """What an extract wrote."""

    articles: int = 0
    claims: int = 0
    shards: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def shard_path(outdir: Path | str, index: int) -> Path:
    return Path(outdir) / f"shard-{index:05d}.jsonl"


def existing_shards(outdir: Path | str) -> list[Path]:
    """The shards in ``outdir``, in load order (by name)."""
    return sorted(Path(outdir).glob(PATTERN))


def write_shard(path: Path, records: Iterable[dict]) -> tuple[int, int]:
    """Write one shard atomically (temporary name, then rename); returns (articles, claims)."""
    tmp = path.with_name(path.name + ".partial")
    articles = claims = 0
    with open(tmp, "w", encoding="ascii", newline="\n") as f:
        for record in records:
            f.write(to_json(record))
            f.write("\n")
            articles += 1
            claims += len(record["claims"])
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return articles, claims


def write_shards(outcomes: Iterable[Outcome], outdir: Path | str, *, per_shard: int = SHARD_ARTICLES,
                 on_result=None) -> Written:
    """Write the records among ``outcomes`` to shards of ``per_shard`` articles, in order.

    ``on_result(outcome)`` is called for each outcome once its shard is on disk
    (failures at once, as nothing is written for them).
    """
    written = Written()
    batch: list[Outcome] = []

    def flush() -> None:
        path = shard_path(outdir, len(written.shards))
        n, c = write_shard(path, (o.record for o in batch))
        written.articles += n
        written.claims += c
        written.shards.append(path.name)
        if on_result:
            for o in batch:
                on_result(o)
        batch.clear()

    for outcome in outcomes:
        if outcome.failure is not None:
            written.failures.append(outcome.failure)
            if on_result:
                on_result(outcome)
            continue
        batch.append(outcome)
        if len(batch) >= per_shard:
            flush()
    if batch:
        flush()
    return written


def count_lines(paths: Iterable[Path]) -> int:
    """Lines in these files (articles in shards, for a progress bar), counted a megabyte at a time."""
    total = 0
    for path in paths:
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                total += block.count(b"\n")
    return total


def read_shards(outdir: Path | str) -> Iterator[Outcome]:
    """Every record in ``outdir``'s shards, in order; a line that is not a sound record is a failure naming it."""
    for path in existing_shards(outdir):
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            for number, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record = from_json(line)
                except ValueError as exc:
                    yield Outcome(where, None, f"{where}: not an analysed article ({exc}); extract it again")
                else:
                    yield Outcome(record["doc"]["source"], record, None)


def extract_file(path: str) -> list[Outcome]:
    """Read and analyse one input file (every article in it): what a cluster task maps over a file list.

    Example (Dask, with the workbench installed on every worker)::

        from dask.distributed import Client
        import workbench

        client = Client("tcp://scheduler:8786")
        outcomes = client.gather(client.map(workbench.extract_file, files))
    """
    return [analyse_item(item) for item in iter_documents([path])]


def extract_files_to_shard(paths: list[str], shard: str, model: str | None = None) -> tuple[int, int, list[str]]:
    """Analyse ``paths`` in order and write their records to the shard file ``shard``.

    ``model`` is the attribution model to use (a file every worker can read,
    or "rules"), as ``$WORKBENCH_MODEL``; None for the worker's own default.
    Returns (articles, claims, failure lines). One cluster task per shard.
    """
    if model:
        from ..domain.extractor import MODEL_ENV

        os.environ[MODEL_ENV] = model
    outcomes = [o for p in paths for o in (extract_file(p) if isinstance(p, str) else [_failed(p)])]
    articles, claims = write_shard(Path(shard), (o.record for o in outcomes if o.failure is None))
    return articles, claims, [o.failure for o in outcomes if o.failure is not None]


def _failed(error: ReadError) -> Outcome:
    return Outcome(error.source, None, str(error))
