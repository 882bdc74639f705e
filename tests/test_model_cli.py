"""workbench train, learn and --model, end to end on made-up annotated articles."""

from __future__ import annotations

import json

from click.testing import CliRunner

from workbench.cli import main
from workbench.domain.model.store import load, save
from workbench.domain.model.train import TrainConfig, train_model
from workbench.storage import open_db
from workbench.storage import corrections, reviews

from tests.domain.annotated import corpus

_TINY = TrainConfig(epochs=2, min_count=1, folds=2, passes=2, batch=256)


def run(*args):
    # As a fresh process: no $WORKBENCH_MODEL left by an earlier in-process run's --model.
    return CliRunner().invoke(main, [str(a) for a in args], env={"WORKBENCH_MODEL": None}, catch_exceptions=False)


def test_train_writes_a_model_and_its_manifest(tmp_path):
    data = tmp_path / "corpus.jsonl"
    data.write_text("".join(json.dumps(a) + "\n" for a in corpus(12)))
    out = tmp_path / "m.npz"
    result = run("train", "--corpus", data, "--out", out, "--epochs", "1")
    assert result.exit_code == 0, result.output
    model = load(out)
    assert model.manifest["training"]["articles"] == 12
    assert json.loads((tmp_path / "m.manifest.json").read_text())["seed"] == model.manifest["seed"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "no attributions"}\n')
    result = run("train", "--corpus", bad, "--out", tmp_path / "x.npz")
    assert result.exit_code == 1 and "bad.jsonl:1" in result.output


def _reviewed_db(tmp_path, articles):
    """A database of the made-up articles where a reviewer corrected every claim to the annotations."""
    folder = tmp_path / "arts"
    folder.mkdir()
    for a in articles:
        (folder / f"{a['id']}.txt").write_text(a["text"], encoding="utf-8")
    db = tmp_path / "w.db"
    assert run("ingest", "--db", db, "--model", "rules", "--jobs", "1", folder).exit_code == 0
    conn = open_db(str(db))
    try:
        claims = conn.execute("SELECT c.id, a.source, c.start, c.end FROM claims c JOIN articles a "
                              "ON a.id = c.article_id").fetchall()
        by_source = {f"{a['id']}.txt": a for a in articles}
        for cid, source, start, end in claims:
            gold = by_source[source.rsplit("/", 1)[-1]]
            hit = next((g for g in gold["attributions"]
                        if g["content"]["start"] < end and start < g["content"]["end"]), None)
            if hit is not None and (start, end) != (hit["content"]["start"], hit["content"]["end"]):
                corrections.adjust_span(conn, cid, hit["content"]["start"], hit["content"]["end"], "rita")
            reviews.mark(conn, cid, "sourced", "rita")
    finally:
        conn.close()
    return db


def test_learn_reports_before_and_after_and_writes_the_desk_model(tmp_path):
    arts = corpus(30, seed=3)
    base = save(train_model(arts[:10], _TINY), tmp_path / "base.npz")
    db = _reviewed_db(tmp_path, arts[10:20])
    result = run("learn", "--db", db, "--base", base, "--folds", "2", "--keep-anyway")
    assert result.exit_code == 0, result.output
    assert "before: precision" in result.output and "after:  precision" in result.output
    desk = tmp_path / "w.db.model.npz"
    assert desk.exists() and "+desk." in load(desk).tag
    # ingest now picks the desk model up by itself, and says so.
    more = tmp_path / "more"
    more.mkdir()
    (more / "x.txt").write_text(arts[25]["text"], encoding="utf-8")
    result = run("ingest", "--db", db, "--jobs", "1", more)
    assert result.exit_code == 0 and "using the desk's model" in result.stderr
    conn = open_db(str(db))
    try:
        rules = {r for (r,) in conn.execute("SELECT DISTINCT c.rule FROM claims c JOIN articles a ON a.id = "
                                            "c.article_id WHERE a.source LIKE '%x.txt'")}
    finally:
        conn.close()
    assert any("+desk." in r for r in rules), rules


def test_learn_needs_reviewed_articles_and_a_usable_model(tmp_path):
    db = tmp_path / "w.db"
    run("ingest", "--db", db, "--jobs", "1", "--model", "rules", "samples/")
    result = run("learn", "--db", db)
    assert result.exit_code == 1 and "reviewed article" in result.output
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"junk")
    result = run("ingest", "--db", db, "--model", broken, "samples/")
    assert result.exit_code == 1 and "not a workbench model file" in result.output


def test_exports_carry_each_claims_maker_and_confidence(tmp_path):
    db = tmp_path / "w.db"
    art = tmp_path / "a.txt"
    art.write_text("Bridge to reopen\n\nPentagon Press Secretary John Kirby said Monday that the strikes "
                   "targeted weapons storage facilities.\n\nThe bridge carries 20,000 cars a day.\n", encoding="utf-8")
    assert run("ingest", "--db", db, "--jobs", "1", art).exit_code == 0
    assert run("export", "--db", db, "--format", "jsonl", "-o", tmp_path / "e.jsonl").exit_code == 0
    records = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    kirby = next(r for r in records if r["speaker"] == "John Kirby")
    assert kirby["rule"].startswith("model:attribution@") and 0 < kirby["confidence"] <= 1
    assert all(r["confidence"] is not None for r in records)
    # The JSON array, the CSV and the general record path agree with the JSON Lines fast path.
    assert run("export", "--db", db, "--format", "csv", "-o", tmp_path / "e.csv").exit_code == 0
    import csv
    rows = list(csv.DictReader((tmp_path / "e.csv").open(newline="", encoding="utf-8")))
    assert [float(r["confidence"]) for r in rows] == [r["confidence"] for r in records]
    from workbench.storage.export import iter_records
    conn = open_db(str(db))
    try:
        assert [r["confidence"] for r in iter_records(conn)] == [r["confidence"] for r in records]
    finally:
        conn.close()


def test_workbench_model_in_the_environment_chooses_the_extractor(tmp_path):
    db = tmp_path / "w.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--jobs", "1", "samples/"],
                                env={"WORKBENCH_MODEL": "rules"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    conn = open_db(str(db))
    try:
        rules = {r for (r,) in conn.execute("SELECT DISTINCT rule FROM claims")}
    finally:
        conn.close()
    assert rules and not any(r.startswith("model:") for r in rules), rules
