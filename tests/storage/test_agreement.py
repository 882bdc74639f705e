"""Reviewer agreement on a fixture with hand-computed answers: Python and the SQL views agree."""

from __future__ import annotations

from fractions import Fraction

import pytest
from click.testing import CliRunner

from tests.tui.tui_fixtures import build_db
from workbench.cli import main
from workbench.domain.agreement import cohen_kappa, krippendorff_alpha_nominal
from workbench.storage import connect
from workbench.storage import corrections, reviews
from workbench.storage.agreement import agreement, agreement_sql

# Latest decision per reviewer and claim (claims 1-8 of the UI fixture database).
#   claim:  1  2  3  4  5  6  7  8
#   alice:  s  s  u  u  c  s  u  s
#   bob:    s  s  u  s  c  u  .  .     (bob first marks 6 sourced, then unsourced: the latest counts)
#   carol:  s  .  .  u  .  .  s  -     (carol marks 8 then clears it: not a decision)
#
# alice/bob, 6 common claims, agree on 1, 2, 3, 5: po = 4/6 = 2/3.
#   alice s3 u2 c1, bob s3 u2 c1: pe = (3*3 + 2*2 + 1*1) / 36 = 14/36 = 7/18.
#   kappa = (2/3 - 7/18) / (1 - 7/18) = (5/18) / (11/18) = 5/11 = 0.4545...
# alice/carol, common 1, 4, 7, agree on 1, 4: po = 2/3.
#   alice s1 u2, carol s2 u1: pe = (1*2 + 2*1) / 9 = 4/9; kappa = (6/9 - 4/9) / (5/9) = 2/5.
# bob/carol, common 1, 4, agree on 1: po = 1/2.
#   bob s2, carol s1 u1: pe = (2*1) / 4 = 1/2; kappa = (1/2 - 1/2) / (1/2) = 0.
#
# Krippendorff's alpha (nominal); pairable units are claims 1-7 (claim 8 has one value).
#   unit  values   m   (m^2 - sum n_uc^2) / (m - 1)
#   1     s s s    3   (9 - 9) / 2 = 0
#   2     s s      2   0
#   3     u u      2   0
#   4     u s u    3   (9 - (4 + 1)) / 2 = 2
#   5     c c      2   0
#   6     s u      2   (4 - 2) / 1 = 2
#   7     u s      2   2
#   n = 16, Do = 6 / 16 = 3/8.
#   n_s = 3+2+1+1+1 = 8, n_u = 2+2+1+1 = 6, n_c = 2: De = (256 - (64 + 36 + 4)) / (16 * 15) = 152/240 = 19/30.
#   alpha = 1 - (3/8) / (19/30) = 1 - 90/152 = 31/76 = 0.4078...
KAPPA = {("alice", "bob"): Fraction(5, 11), ("alice", "carol"): Fraction(2, 5), ("bob", "carol"): Fraction(0)}
PERCENT = {("alice", "bob"): 100 * 4 / 6, ("alice", "carol"): 100 * 2 / 3, ("bob", "carol"): 50.0}
ALPHA = Fraction(31, 76)

MARKS = [
    ("alice", 1, "sourced"), ("alice", 2, "sourced"), ("alice", 3, "unsourced"), ("alice", 4, "unsourced"),
    ("alice", 5, "contested"), ("alice", 6, "sourced"), ("alice", 7, "unsourced"), ("alice", 8, "sourced"),
    ("bob", 1, "sourced"), ("bob", 2, "sourced"), ("bob", 3, "unsourced"), ("bob", 4, "sourced"),
    ("bob", 5, "contested"), ("bob", 6, "sourced"), ("bob", 6, "unsourced"),
    ("carol", 1, "sourced"), ("carol", 4, "unsourced"), ("carol", 7, "sourced"), ("carol", 8, "sourced"),
]


@pytest.fixture
def agreement_db(tmp_path):
    path = build_db(tmp_path / "workbench.db")
    conn = connect(path)
    for who, claim, status in MARKS:
        reviews.mark(conn, claim, status, who)
    reviews.clear(conn, 8, "carol")
    yield path, conn
    conn.close()


def test_pairs_and_alpha_match_hand_computation(agreement_db):
    _, conn = agreement_db
    pairs, alpha = agreement(conn)
    assert [(p.reviewer_a, p.reviewer_b, p.claims, p.agreements) for p in pairs] == [
        ("alice", "bob", 6, 4), ("alice", "carol", 3, 2), ("bob", "carol", 2, 1)]
    for p in pairs:
        assert p.kappa == pytest.approx(float(KAPPA[p.reviewer_a, p.reviewer_b]))
        assert p.percent == pytest.approx(PERCENT[p.reviewer_a, p.reviewer_b])
    assert (alpha.units, alpha.reviewers, alpha.pairable_values) == (7, 3, 16)
    assert alpha.alpha == pytest.approx(float(ALPHA))


def test_sql_views_give_the_same_numbers(agreement_db):
    _, conn = agreement_db
    py_pairs, py_alpha = agreement(conn)
    sql_pairs, sql_alpha = agreement_sql(conn)
    assert [(p.reviewer_a, p.reviewer_b, p.claims, p.agreements) for p in sql_pairs] == \
        [(p.reviewer_a, p.reviewer_b, p.claims, p.agreements) for p in py_pairs]
    for a, b in zip(sql_pairs, py_pairs):
        assert a.kappa == pytest.approx(b.kappa)
    assert sql_alpha.alpha == pytest.approx(float(ALPHA))
    assert (sql_alpha.units, sql_alpha.reviewers, sql_alpha.pairable_values) == (7, 3, 16)
    percent = dict(((a, b), p) for a, b, p in conn.execute(
        "SELECT reviewer_a, reviewer_b, percent_agreement FROM reviewer_pairs"))
    assert percent[("alice", "bob")] == pytest.approx(66.67)
    marginals = conn.execute("SELECT status, a_n, b_n FROM reviewer_pair_marginals"
                             " WHERE reviewer_a = 'alice' AND reviewer_b = 'bob' ORDER BY status").fetchall()
    assert marginals == [("contested", 1, 1), ("sourced", 3, 3), ("unsourced", 2, 2)]


def test_not_a_claim_leaves_agreement(agreement_db):
    _, conn = agreement_db
    corrections.not_claim(conn, 6, "alice")
    pairs, _ = agreement(conn)
    ab = next(p for p in pairs if (p.reviewer_a, p.reviewer_b) == ("alice", "bob"))
    assert (ab.claims, ab.agreements) == (5, 4)
    assert agreement_sql(conn)[0][0].claims == 5


@pytest.mark.parametrize("pairs, expected", [
    ([("s", "s"), ("u", "u")], 1.0),
    ([("s", "u"), ("u", "s")], -1.0),
    ([("s", "s"), ("s", "s")], None),  # chance agreement is 1: undefined
    ([], None),
])
def test_kappa_edge_cases(pairs, expected):
    assert cohen_kappa(pairs) == expected


def test_alpha_undefined_without_pairable_values():
    assert krippendorff_alpha_nominal({1: {"a": "s"}}).alpha is None
    assert krippendorff_alpha_nominal({1: {"a": "s", "b": "s"}}).alpha is None
    assert krippendorff_alpha_nominal({1: {"a": "s", "b": "s"}, 2: {"a": "u", "b": "u"}}).alpha == 1.0


def test_agreement_command(agreement_db):
    path, _ = agreement_db
    result = CliRunner().invoke(main, ["agreement", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "alice" in result.output and "66.7" in result.output and "0.455" in result.output
    assert "alpha (nominal): 0.408 over 7 claims, 3 reviewers, 16 decisions" in result.output
