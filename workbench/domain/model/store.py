"""Provides the attribution model as a file: save, load, and its manifest.

A model is one ``.npz`` file: its taggers' weights (float32), its
vocabulary and mined cue words, and a JSON manifest (name, version, feature
version, seed, training data hash, scores, the rules' measured precision).
The manifest is also written beside it as ``<name>.manifest.json`` for
people to read. A model whose feature version is not this code's is
refused with a message that says to retrain.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import stack
from .features import FEATURE_VERSION, template_offsets
from .word_features import Vocab, WordTable
from .tagger import Tagger


class ModelError(ValueError):
    """A model file that cannot be used (missing, damaged, or for other features)."""


@dataclass
class AttributionModel:
    """A trained attribution model, ready to apply: taggers in passes, each after the first
    reading the guesses of the one before (``stack``)."""

    taggers: list[Tagger]
    vocab: Vocab
    manifest: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.table = WordTable(self.vocab)
        self.offsets, n = template_offsets(self.vocab)
        self.stack_offsets, n2 = stack_offsets(n)
        want = [n] + [n2] * (len(self.taggers) - 1)
        have = [t.weights.shape[0] for t in self.taggers]
        if not self.taggers or have != want:
            raise ModelError(f"model has {have} feature rows, the features need {want}")

    @property
    def name(self) -> str:
        return str(self.manifest.get("name", "attribution"))

    @property
    def version(self) -> str:
        return str(self.manifest.get("version", "0"))

    @property
    def tag(self) -> str:
        """What claims made by this model record as their rule: ``model:<name>@<version>``."""
        return f"model:{self.name}@{self.version}"

    def rule_confidence(self, rule: str) -> float | None:
        """How often a rules-extractor claim of ``rule`` was right in training (None if unmeasured)."""
        v = self.manifest.get("rule_precision", {}).get(rule)
        return float(v) if v is not None else None


def stack_offsets(n_first: int) -> tuple[np.ndarray, int]:
    """Where the second pass's own templates start (after the first pass's ``n_first`` rows), and its height."""
    sizes = [s for _, s in stack.template_sizes()]
    offs = n_first + np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
    return offs, n_first + int(sum(sizes))


def save(model: AttributionModel, path: str | Path) -> Path:
    """Write the model to ``path`` (.npz) and its manifest beside it; returns the path."""
    path = Path(path)
    manifest = dict(model.manifest, feature_version=FEATURE_VERSION)
    words = [w for w, _ in sorted(model.vocab.words.items(), key=lambda kv: kv[1])]
    with open(path, "wb") as f:
        np.savez_compressed(
            f,
            **{f"pass{i}_weights": t.weights.astype(np.float32) for i, t in enumerate(model.taggers)},
            **{f"pass{i}_bias": t.bias.astype(np.float32) for i, t in enumerate(model.taggers)},
            words=np.array("\n".join(words)),
            cues=np.array("\n".join(sorted(model.vocab.cues))),
            manifest=np.array(json.dumps(manifest, sort_keys=True)),
        )
    manifest_path(path).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def manifest_path(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(path.stem + ".manifest.json")


def load(path: str | Path) -> AttributionModel:
    """Read a model file; raises ``ModelError`` with what to do when it cannot be used."""
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as z:
            manifest = json.loads(str(z["manifest"]))
            fv = manifest.get("feature_version")
            if fv != FEATURE_VERSION:
                raise ModelError(f"{path}: model built for feature version {fv}, this code reads version "
                                 f"{FEATURE_VERSION}; retrain it (workbench train) or use the shipped model")
            words = str(z["words"]).split("\n") if str(z["words"]) else []
            cues = str(z["cues"]).split("\n") if str(z["cues"]) else []
            taggers = []
            while f"pass{len(taggers)}_weights" in z:
                i = len(taggers)
                # Weights stay float32 (half the memory traffic of the gather); sums are float64.
                taggers.append(Tagger(z[f"pass{i}_weights"], z[f"pass{i}_bias"].astype(np.float64)))
    except ModelError:
        raise
    except FileNotFoundError:
        raise ModelError(f"{path}: no such model file") from None
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as e:
        raise ModelError(f"{path}: not a workbench model file ({e})") from None
    vocab = Vocab({w: i + 1 for i, w in enumerate(words)}, frozenset(cues))
    return AttributionModel(taggers, vocab, manifest)
