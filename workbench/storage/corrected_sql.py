"""Provides the SQL for a claim's attribution as reviewers corrected it, shared by every reader.

Readers join ``claims c`` with ``claim_corrections k`` (LEFT JOIN: NULL means
the extractor's value stands). A claim reassigned to the reporter is the
article's own assertion: ``k.attribution = 'unattributed'``, and the
extractor's mention, antecedent and cue no longer name its source, so they
read as NULL. The same expressions are in the ``claim_review`` view.
"""

from __future__ import annotations

# Reassigned to the reporter: no words in the text name the source any more.
NO_SOURCE = "k.attribution = 'unattributed'"
ATTRIBUTION = "coalesce(k.attribution, c.attribution)"


def _unless_reporter(expr: str) -> str:
    return f"CASE WHEN {NO_SOURCE} THEN NULL ELSE {expr} END"


MENTION_START = _unless_reporter("coalesce(k.mention_start, c.mention_start)")
MENTION_END = _unless_reporter("coalesce(k.mention_end, c.mention_end)")
MENTION_TEXT = _unless_reporter("coalesce(k.mention_text, c.mention_text)")
ANTECEDENT_START = _unless_reporter("c.antecedent_start")
ANTECEDENT_END = _unless_reporter("c.antecedent_end")
ANTECEDENT_TEXT = _unless_reporter("c.antecedent_text")
CUE_START = _unless_reporter("c.cue_start")
CUE_END = _unless_reporter("c.cue_end")
CUE_TEXT = _unless_reporter("c.cue_text")
