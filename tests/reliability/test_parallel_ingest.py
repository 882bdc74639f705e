"""Issue 18: ``ingest --jobs N``, ``extract`` + ``load`` and a Dask cluster all give the database ``--jobs 1`` gives,
row by row with ids; killing the ingest or one of its workers loses at most the uncommitted chunk."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.reliability.common import PYTHON, env, integrity, workbench, write_corpus
from tests.reliability.dbcompare import dump, first_difference
from tests.reliability.figures import record


@pytest.fixture(autouse=True)
def _shipped_model(monkeypatch):
    """Ingest, extract and load here run the learned extractor, as shipped, in the workers too."""
    from workbench.domain.extractor import SHIPPED_MODEL

    monkeypatch.setenv("WORKBENCH_MODEL", str(SHIPPED_MODEL))


def _inputs(tmp_path: Path, articles: int = 14, seed: int = 4) -> Path:
    """Generated articles, the bundled samples (HTML, Markdown, JSON), a JSON Lines file and bad input."""
    folder = tmp_path / "in"
    write_corpus(folder / "gen", articles, seed=seed)
    for p in (REPO / "samples").iterdir():
        if p.is_file():
            (folder / p.name).write_bytes(p.read_bytes())
    texts = [p.read_text(encoding="utf-8") for p in sorted((folder / "gen").iterdir())[:3]]
    lines = [json.dumps({"text": t + "\nUpdated.\n", "title": f"wire {i}"}) for i, t in enumerate(texts)]
    (folder / "wire.jsonl").write_text("\n".join([lines[0], "{not json", *lines[1:]]) + "\n", encoding="utf-8")
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    return folder


def _same(a: Path, b: Path) -> None:
    diff = first_difference(dump(a), dump(b))
    assert diff is None, diff


def test_jobs_2_stores_what_jobs_1_stores_row_by_row(tmp_path):
    folder = _inputs(tmp_path)
    one = workbench("ingest", "--db", tmp_path / "one.db", "--jobs", "1", folder)
    two = workbench("ingest", "--db", tmp_path / "two.db", "--jobs", "2", folder)
    assert one.returncode == two.returncode == 1  # the bad lines fail, the rest is stored
    assert one.stdout == two.stdout and "0 duplicates" in one.stdout
    assert sorted(one.stderr.splitlines()) == sorted(two.stderr.splitlines())
    assert "wire.jsonl:2:" in two.stderr and "zz-binary.txt" in two.stderr
    _same(tmp_path / "one.db", tmp_path / "two.db")
    # A second run with workers: every article is a duplicate, nothing changes.
    again = workbench("ingest", "--db", tmp_path / "two.db", "--jobs", "2", "-q", folder)
    assert "0 articles added" in again.stdout
    _same(tmp_path / "one.db", tmp_path / "two.db")


def test_extract_then_load_is_the_same_database_as_ingest(tmp_path):
    folder = _inputs(tmp_path)
    assert workbench("ingest", "--db", tmp_path / "ingest.db", "-q", folder).returncode == 1
    out = workbench("extract", folder, "-o", tmp_path / "shards", "--shard-size", "5", "--jobs", "2")
    assert out.returncode == 1 and "wire.jsonl:2:" in out.stderr
    shards = sorted((tmp_path / "shards").glob("shard-*.jsonl"))
    assert len(shards) > 2 and not list((tmp_path / "shards").glob("*.partial"))
    loaded = workbench("load", tmp_path / "shards", "--db", tmp_path / "load.db")
    assert loaded.returncode == 0, loaded.stderr
    _same(tmp_path / "ingest.db", tmp_path / "load.db")
    # Loading again skips every article; extracting into a folder with shards is refused.
    again = workbench("load", tmp_path / "shards", "--db", tmp_path / "load.db")
    assert "0 articles added" in again.stdout and "duplicates skipped" in again.stdout
    refused = workbench("extract", folder, "-o", tmp_path / "shards")
    assert refused.returncode == 1 and "already holds shards" in refused.stderr


def test_load_names_a_damaged_shard_line_and_stores_the_rest(tmp_path):
    write_corpus(tmp_path / "c", 4, seed=8)
    assert workbench("extract", tmp_path / "c", "-o", tmp_path / "s", "--jobs", "1").returncode == 0
    shard = next((tmp_path / "s").glob("shard-*.jsonl"))
    lines = shard.read_text(encoding="ascii").splitlines()
    record_ = json.loads(lines[1])
    record_["claims"][0][1] += 3  # offsets that no longer fit the text
    lines[1] = json.dumps(record_)
    lines[2] = lines[2][: len(lines[2]) // 2]  # a truncated line
    shard.write_text("\n".join(lines) + "\n", encoding="ascii")
    result = workbench("load", tmp_path / "s", "--db", tmp_path / "w.db")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, result.stderr
    assert f"{shard}:2: not an analysed article (claim 1: its text is not the article text" in errors[0]
    assert f"{shard}:3: not an analysed article (not JSON" in errors[1]
    assert "2 articles added" in result.stdout
    assert workbench("load", tmp_path / "nowhere", "--db", tmp_path / "w.db").stderr.strip().endswith(
        "no shards (shard-*.jsonl) here; write them with 'workbench extract'")


def test_extract_on_a_local_dask_cluster_loads_into_the_database_ingest_builds(tmp_path):
    distributed = pytest.importorskip("dask.distributed", reason="the [cluster] extra is not installed")
    write_corpus(tmp_path / "c", 7, seed=6)
    assert workbench("ingest", "--db", tmp_path / "ingest.db", "-q", tmp_path / "c").returncode == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        out = workbench("extract", tmp_path / "c", "-o", tmp_path / "shards", "--scheduler",
                        cluster.scheduler_address, "--shard-size", "3")
        workers = len(cluster.scheduler_info["workers"])
    assert out.returncode == 0, out.stderr
    assert workers == 2
    assert [p.name for p in sorted((tmp_path / "shards").iterdir())] == [
        "shard-00000.jsonl", "shard-00001.jsonl", "shard-00002.jsonl"]
    assert workbench("load", tmp_path / "shards", "--db", tmp_path / "load.db").returncode == 0
    _same(tmp_path / "ingest.db", tmp_path / "load.db")


# ------------------------------------------------------------------ SIGKILL of the parent or of a worker

def _descendants(pid: int, *, min_depth: int = 1) -> set[int]:
    """Every process below ``pid`` (from /proc), from ``min_depth`` generations down."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = set(), [(pid, 0)]
    while todo:
        parent, depth = todo.pop()
        for child in children.get(parent, ()):
            if depth + 1 >= min_depth:
                out.add(child)
            todo.append((child, depth + 1))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(db: Path, corpus: Path) -> subprocess.Popen:
    proc = subprocess.Popen([PYTHON, "-m", "workbench", "ingest", "--db", str(db), "-q", "--jobs", "2",
                             str(corpus)], cwd=REPO, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 60
    # Wait until the workers exist and the first chunk is committed.
    while time.monotonic() < deadline and proc.poll() is None:
        if len(_descendants(proc.pid)) >= 3 and _stored(db) > 0:
            break
        time.sleep(0.02)
    return proc


def _stored(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes through /proc")
def test_sigkill_of_the_parent_or_a_worker_loses_at_most_a_chunk_and_a_rerun_completes(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus, 100, seed=12)
    assert workbench("ingest", "--db", tmp_path / "ref.db", "-q", "--jobs", "1", corpus).returncode == 0
    db = tmp_path / "killed.db"
    rng = random.Random(3)
    figures: dict[str, list] = {"parent_kill_stored": [], "worker_kill_stored": []}

    # The parent: its workers must not outlive it, and nothing stored is half an article.
    proc = _start(db, corpus)
    time.sleep(rng.uniform(0.1, 0.6))
    below = _descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(p) for p in below):
        time.sleep(0.1)
    assert not any(_alive(p) for p in below), "worker processes outlived the killed ingest"
    assert integrity(db) == (["ok"], [])
    figures["parent_kill_stored"].append(_stored(db))

    # A worker: the parent stores what arrived before, names the problem, and exits 1.
    proc = _start(db, corpus)
    time.sleep(rng.uniform(0.1, 0.4))
    # The pool's workers are forked by the forkserver, a child of the ingest.
    workers = sorted(p for p in _descendants(proc.pid, min_depth=2) if _alive(p))
    assert workers, "no worker processes found"
    os.kill(workers[-1], signal.SIGKILL)
    _, err = proc.communicate(timeout=300)
    figures["worker_kill_stored"].append(_stored(db))
    if proc.returncode != 0:  # 0 only if the killed worker had already finished its last task
        assert "a worker process stopped before finishing its files" in err
        assert "run the same command again" in err
    assert integrity(db) == (["ok"], [])

    # Rerunning completes the batch: the database equals the uninterrupted ingest, ids and all.
    rerun = workbench("ingest", "--db", db, "-q", "--jobs", "2", corpus)
    assert rerun.returncode == 0, rerun.stderr
    _same(tmp_path / "ref.db", db)
    record("ingest-jobs-sigkill", **figures)
