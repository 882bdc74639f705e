"""The attribution model: the shipped file, training round trips, fine-tuning, damaged files."""

from __future__ import annotations

import json

import numpy as np
import pytest

from workbench.domain import analyse
from workbench.domain.extractor import SHIPPED_MODEL, load_model
from workbench.domain.model.features import FEATURE_VERSION
from workbench.domain.model.finetune import FineTuneConfig, Score, cross_validate, fine_tune
from workbench.domain.model.store import ModelError, load, save
from workbench.domain.model.train import TrainConfig, train_model

from .annotated import corpus

_TINY = TrainConfig(epochs=2, min_count=1, folds=2, passes=2, batch=256)


def test_shipped_model_matches_the_feature_code_and_its_manifest():
    model = load_model()
    m = model.manifest
    assert m["feature_version"] == FEATURE_VERSION
    assert m["name"] == "attribution" and model.tag == f"model:attribution@{m['version']}"
    assert len(m["training"]["data_sha256"]) == 64 and m["training"]["articles"] == 840
    assert m["seed"] == m["training"]["settings"]["seed"]
    assert "polnear_dev" in m["scores"] and "seed" in m["scores"]
    # A few MB at most, and the manifest beside it says the same as the one inside.
    assert SHIPPED_MODEL.stat().st_size < 5_000_000
    beside = json.loads(SHIPPED_MODEL.with_name("attribution.manifest.json").read_text())
    assert beside == m
    # Lexical features: frequent words and single cue words only (no long tail, no word pairs).
    assert model.vocab.size < 5000 and all(" " not in w for w in model.vocab.words)
    assert all(w.isalpha() for w in model.vocab.cues)


ARTICLE = """City will reopen bridge in May

Pentagon Press Secretary John Kirby said Monday that the strikes targeted weapons storage facilities.

"We will take necessary and appropriate measures," Kirby said.

The bridge, which was closed in 2019, carries 20,000 cars a day.

According to a city engineer, the repairs cost 4 million dollars.
"""


def test_shipped_model_on_fixed_sentences():
    an = analyse(ARTICLE, None)
    by_text = {c.text: c for c in an.claims}
    kirby = by_text["the strikes targeted weapons storage facilities"]
    assert kirby.speaker.name == "John Kirby" and kirby.rule.startswith("model:attribution@")
    assert 0 < kirby.confidence <= 1 and kirby.cue.text == "said"
    quote = by_text["We will take necessary and appropriate measures"]
    assert quote.speaker.name == "John Kirby" and str(quote.attribution) == "direct"
    engineer = next(c for c in an.claims if c.text.startswith("the repairs cost"))
    assert engineer.speaker.kind.value == "anonymous"
    reporter = next(c for c in an.claims if "20,000 cars" in c.text)
    assert reporter.speaker is None and reporter.confidence is not None
    for c in an.claims:
        assert ARTICLE[c.start : c.end] == c.text


def test_train_save_load_gives_the_same_predictions(tmp_path):
    arts = corpus(40)
    model = train_model(arts[:30], _TINY)
    path = save(model, tmp_path / "m.npz")
    again = load(path)
    assert again.tag == model.tag and again.manifest == json.loads(json.dumps(model.manifest))
    for a in arts[30:]:
        assert analyse(a["text"], None, model) == analyse(a["text"], None, again)
    # Deterministic: the same data, settings and seed give the same weights.
    twice = train_model(arts[:30], _TINY)
    for t1, t2 in zip(model.taggers, twice.taggers):
        assert np.array_equal(t1.weights, t2.weights) and np.array_equal(t1.bias, t2.bias)


def test_a_trained_model_learns_the_made_up_shapes():
    arts = corpus(60)
    model = train_model(arts[:45], _TINY)
    total = sum((cross_score(model, a) for a in arts[45:]), Score(0, 0, 0))
    assert total.f1 > 0.8, total


def cross_score(model, article):
    from workbench.domain.model.finetune import score_article
    return score_article(model, article)


def test_fine_tuning_moves_the_model_and_names_its_base():
    arts = corpus(40)
    base = train_model(arts[:20], _TINY)
    tuned = fine_tune(base, arts[20:], FineTuneConfig(epochs=2))
    assert tuned.version.startswith(base.version + "+desk.")
    assert tuned.manifest["fine_tuned"]["base"] == base.tag
    assert not np.array_equal(tuned.taggers[0].weights, base.taggers[0].weights)
    before, after = cross_validate(base, arts[20:], folds=2, cfg=FineTuneConfig(epochs=2))
    assert before.gold == after.gold > 0


def test_a_model_for_other_features_is_refused_with_what_to_do(tmp_path):
    model = train_model(corpus(20), _TINY)
    path = save(model, tmp_path / "m.npz")
    with np.load(path) as z:
        data = dict(z)
    manifest = json.loads(str(data["manifest"]))
    manifest["feature_version"] = FEATURE_VERSION - 1
    data["manifest"] = np.array(json.dumps(manifest))
    np.savez_compressed(tmp_path / "old.npz", **data)
    with pytest.raises(ModelError, match="retrain"):
        load(tmp_path / "old.npz")


@pytest.mark.parametrize("content", [b"", b"not a model", b"PK\x03\x04 broken zip"])
def test_a_damaged_model_file_is_a_clear_error(tmp_path, content):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(content)
    with pytest.raises(ModelError, match="not a workbench model file"):
        load(bad)
    with pytest.raises(ModelError, match="no such model file"):
        load(tmp_path / "missing.npz")
