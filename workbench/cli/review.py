"""Provides the review commands beside ``workbench mark``: ``claims`` (list, add a missed claim) and ``adjudicate``.

Also :func:`echo_stored`, which ``workbench mark`` uses to print the status
the database now holds (it can differ from the mark: another reviewer's
differing decision makes the claim disputed).
"""

from __future__ import annotations

import click

from .options import db_option
from ..services.config import ConfigError, is_adjudicator, load_config, reviewer_name
from ..terminal import literal as inert

STATUSES = ("unreviewed", "sourced", "unsourced", "contested", "disputed")


def _reviewer(flag: str | None) -> str:
    """The reviewer name (flag, env, config, login), a settings-file error as a one-line message."""
    try:
        return reviewer_name(flag).name
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def echo_stored(conn, event) -> None:
    """Print the event written and, when it differs, the status the claim now has and why."""
    from ..storage.disputes import marks
    from ..storage.reviews import stored_status

    stored = stored_status(conn, event.claim_id)
    click.echo(f"claim {event.claim_id}: {stored} (by {inert(event.reviewer)}, event {event.id})")
    if stored == event.status:
        return
    if stored == "disputed":
        sides = "; ".join(f"{inert(m.reviewer)}: {m.status}" for m in marks(conn, event.claim_id))
        click.echo(f"  you marked it {event.status}, but the reviewers' latest decisions differ ({sides}): it is "
                   f"disputed until an adjudicator decides (workbench adjudicate {event.claim_id} STATUS)")
    else:
        click.echo(f"  you marked it {event.status}; the stored status is {stored} (the claim's other reviewers"
                   " or an adjudication decide it; see 'workbench claims --article' or the review UI)")


@click.group("claims", invoke_without_command=True)
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--article", "article_id", type=int, help="Only this article id.")
@click.option("--speaker", help="Only claims whose speaker name or alias contains this.")
@click.option("--limit", type=int, default=200, show_default=True)
@db_option
@click.pass_context
def claims_command(ctx: click.Context, status, article_id, speaker, limit, db_path) -> None:
    """List claims as a table, or add one the extractor missed (claims add).

    Lists the claims to review (not those marked not-a-claim or merged, not
    superseded versions) in queue order.

    Example:

        workbench claims --status unreviewed --speaker Kirby

        workbench claims add 3 120 178 --speaker "John Kirby"
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..storage import open_db
    from ..storage.queries import list_claims
    from .tables import print_claims

    conn = open_db(db_path, create=False)
    try:
        rows = list_claims(conn, status=status, article_id=article_id, speaker=speaker, limit=limit)
        has_claims = rows or conn.execute("SELECT 1 FROM claims LIMIT 1").fetchone() is not None
    finally:
        conn.close()
    print_claims(rows, has_claims=bool(has_claims))


@claims_command.command("add")
@click.argument("article")
@click.argument("start", type=int)
@click.argument("end", type=int)
@click.option("--speaker", help="Who made it: a speaker of the article (name or alias, any case); default the "
              "article's reporter.")
@click.option("--new-speaker", "new_kind", type=click.Choice(["person", "organization", "anonymous", "document"]),
              help="Create --speaker as a new speaker of this kind instead of looking it up.")
@click.option("--reviewer", help="Reviewer name (default: $WORKBENCH_REVIEWER, the config file, or your login name).")
@db_option
def add_command(article: str, start: int, end: int, speaker, new_kind, reviewer, db_path) -> None:
    """Add a claim the extractor missed: the article's text from START to END (character offsets).

    ARTICLE is an article id, url or external id (the latest version). The
    claim is stored as a reviewer's correction (rule reviewer_added), counted
    by 'workbench rules' as a miss of the extractor, and exported like any
    other claim.

    Example:

        workbench claims add 3 120 178 --speaker "John Kirby"
    """
    from ..storage import open_db
    from ..storage.added_claims import add_claim, find_speaker, latest_version

    conn = open_db(db_path, create=False)
    try:
        article_id = latest_version(conn, article)
        speaker_id, new_speaker = find_speaker(conn, article_id, speaker, new_kind)
        event, claim_id = add_claim(conn, article_id, start, end, _reviewer(reviewer), speaker_id=speaker_id,
                                    new_speaker=new_speaker)
    finally:
        conn.close()
    click.echo(f"claim {claim_id} added to article {article_id}: characters {event.start}-{event.end} "
               f"\"{inert(event.text)}\" (correction event {event.id})")


@click.command("adjudicate")
@click.argument("claim_id", type=int)
@click.argument("status", type=click.Choice(["sourced", "unsourced", "contested"]))
@click.option("--note", help="Why: kept with the decision.")
@click.option("--reviewer", help="Your name (default: $WORKBENCH_REVIEWER, the config file, or your login name).")
@click.option("--adjudicator", is_flag=True, help="Act as an adjudicator (else your name must be in the config "
              "file's adjudicators list).")
@db_option
def adjudicate_command(claim_id: int, status: str, note, reviewer, adjudicator: bool, db_path) -> None:
    """Decide a disputed claim (its reviewers' latest decisions differ); the decision names the marks it settles.

    Example:

        workbench adjudicate 12 unsourced --note "the report is not public" --reviewer carol
    """
    from ..storage import open_db
    from ..storage.disputes import adjudicate

    who = _reviewer(reviewer)
    try:
        allowed = is_adjudicator(who, flag=adjudicator, config=load_config())
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if not allowed:
        raise click.ClickException(f"{inert(who)} is not an adjudicator: add the name to adjudicators in the config"
                                   " file, or pass --adjudicator")
    conn = open_db(db_path, create=False)
    try:
        decision = adjudicate(conn, claim_id, status, who, note)
    finally:
        conn.close()
    click.echo(f"claim {claim_id}: {decision.status} (decided by {inert(who)}, settling events "
               f"{', '.join(map(str, decision.settles))}; adjudication {decision.id})")
