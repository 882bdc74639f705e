"""Provides ``workbench train`` and ``workbench learn``: the attribution model, from a corpus or from the desk."""

from __future__ import annotations

import click

from .options import db_option, desk_model_path


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

    from ..domain.model.corpus import read_jsonl
    from ..domain.model.store import save
    from ..domain.model.train import TrainConfig, train_model

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




@click.command()
@click.option("--base", "base_path", default=None, type=click.Path(exists=True, dir_okay=False),
              help="The model to start from (default: the shipped one).")
@click.option("--out", "out_path", default=None, type=click.Path(dir_okay=False),
              help="Where to write the desk's model (default: beside the database, where ingest and "
                   "reextract find it).")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True,
              help="Folds of the reviewed articles for the before/after check.")
@click.option("--keep-anyway", is_flag=True, help="Write the model even if it did worse on held-out articles.")
@db_option
def learn(db_path: str, base_path: str | None, out_path: str | None, folds: int, keep_anyway: bool) -> None:
    """Fine-tune the attribution model on your reviewers' corrections, and say whether it helps.

    Takes every article a reviewer marked or corrected, with its claims as
    reviewers left them (speakers, spans, mentions, not-a-claim, added
    claims), checks the fine-tuned model against the base model on reviewed
    articles held out in turn (cross-validated), and writes it beside the
    database, where 'workbench ingest' and 'workbench reextract' pick it up.

    Example:

        workbench learn --db newsroom.db && workbench reextract --db newsroom.db
    """
    from ..domain.extractor import SHIPPED_MODEL, ModelError, load_model
    from ..domain.model.finetune import cross_validate, fine_tune
    from ..domain.model.store import save
    from ..storage import open_db
    from ..storage.learning import reviewed_articles

    conn = open_db(db_path, create=False)
    try:
        articles = reviewed_articles(conn)
    finally:
        conn.close()
    if len(articles) < 2:
        raise click.ClickException(f"{db_path}: {len(articles)} reviewed article(s); mark or correct the claims of "
                                   "at least two articles (more is better) before 'workbench learn'")
    try:
        base = load_model(base_path or str(SHIPPED_MODEL))
    except ModelError as exc:
        raise click.ClickException(str(exc)) from None
    n_att = sum(len(a["attributions"]) for a in articles)
    click.echo(f"learning from {len(articles)} reviewed articles ({n_att} attributed claims), "
               f"starting from {base.tag}", err=True)
    before, after = cross_validate(base, articles, folds=folds, progress=_progress)
    click.echo(f"held-out reviewed articles ({min(folds, len(articles))} folds), claim and speaker right:")
    click.echo(f"  before: precision {before.precision:.3f}, recall {before.recall:.3f}, F1 {before.f1:.3f}"
               f"  ({before.tp} of {before.gold} attributed claims)")
    click.echo(f"  after:  precision {after.precision:.3f}, recall {after.recall:.3f}, F1 {after.f1:.3f}"
               f"  ({after.tp} of {after.gold})")
    if after.f1 < before.f1 and not keep_anyway:
        click.echo("The fine-tuned model did worse on your held-out articles, so it was not written "
                   "(--keep-anyway writes it). More corrected articles usually help.")
        return
    model = fine_tune(base, articles, progress=_progress)
    target = out_path or desk_model_path(db_path)
    save(model, target)
    click.echo(f"wrote {target} ({model.tag}); 'workbench reextract' and 'workbench ingest' now use it "
               f"(--model to choose another)")
