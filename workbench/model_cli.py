"""Provides ``workbench train`` and ``workbench learn``: the attribution model, from a corpus or from the desk."""

from __future__ import annotations

import sys

import click


def _progress(message: str) -> None:
    click.echo(message, err=True)


@click.command()
@click.option("--corpus", "corpus_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Annotated articles, JSON Lines (PolNeAR style: text and attributions per line).")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
              help="The model file to write (.npz); its manifest is written beside it.")
@click.option("--holdout", type=int, default=0, show_default=True,
              help="Leave the corpus's last N articles out (to measure on them).")
@click.option("--epochs", type=int, default=None, help="Training epochs per tagger (default: the config's).")
@click.option("--seed", type=int, default=None, help="Random seed (default: the config's).")
def train(corpus_path: str, out_path: str, holdout: int, epochs: int | None, seed: int | None) -> None:
    """Train the attribution model on annotated articles (deterministic for a seed).

    The shipped model was trained this way on the PolNeAR training split;
    see docs/model.md. Takes about ten minutes on one core for 840 articles.

    Example:

        workbench train --corpus ../shared/train/polnear-train/polnear-train.jsonl --out my-model.npz
    """
    from dataclasses import replace

    from .domain.model.corpus import read_jsonl
    from .domain.model.store import save
    from .domain.model.train import TrainConfig, train_model

    try:
        articles = read_jsonl(corpus_path)
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    if holdout:
        articles = articles[:-holdout]
    if not articles:
        raise click.ClickException(f"{corpus_path}: no articles to train on")
    cfg = TrainConfig()
    if epochs is not None:
        cfg = replace(cfg, epochs=epochs)
    if seed is not None:
        cfg = replace(cfg, seed=seed)
    model = train_model(articles, cfg, progress=_progress)
    path = save(model, out_path)
    click.echo(f"wrote {path} ({model.tag}, {len(articles)} articles)")


def main() -> None:  # pragma: no cover
    train()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
