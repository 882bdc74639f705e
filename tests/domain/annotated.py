"""Provides small annotated articles made up for the model tests (no corpus text)."""

from __future__ import annotations

import random

_PEOPLE = ["Maria Lopez", "John Carter", "Aiko Tanaka", "Samuel Okafor", "Helen Brandt", "Omar Haddad",
           "Lucy Fenwick", "Peter Novak"]
_ROLES = ["the mayor", "a spokeswoman for the council", "the city's budget director", "a local teacher"]
_CLAUSES = ["the bridge will reopen in May", "the budget has a gap of 4 million dollars",
            "the new bus line is running late", "schools will stay open over the summer",
            "the water in the river is safe again", "taxes will not rise next year",
            "the plan was never put to a vote", "the park needs more trees"]
_FILLER = ["The council met on Tuesday evening.", "It rained for most of the day.",
           "The report runs to forty pages.", "Several residents attended the meeting."]


def _span(text: str, sub: str, start: int = 0) -> dict:
    i = text.index(sub, start)
    return {"start": i, "end": i + len(sub), "text": sub}


def article(rng: random.Random, k: int) -> dict:
    """One made-up article with 3-5 annotated attributions, and its reporter's own sentences."""
    lines = [f"Council news number {k}"]
    plans = []
    for _ in range(rng.randint(3, 5)):
        who = rng.choice(_PEOPLE)
        what = rng.choice(_CLAUSES)
        shape = rng.randrange(3)
        if shape == 0:
            s = f"{who}, {rng.choice(_ROLES)}, said that {what}."
        elif shape == 1:
            s = f"\"We think {what},\" {who} said."
        else:
            s = f"According to {who}, {what}."
        lines.append(s)
        plans.append((s, who, what, shape))
        lines.append(rng.choice(_FILLER))
    text = "\n\n".join(lines) + "\n"
    atts = []
    pos = 0
    for s, who, what, shape in plans:
        at = text.index(s, pos)
        pos = at + len(s)
        src = _span(text, who, at)
        if shape == 0:
            cue, content = _span(text, "said", at), _span(text, what, at)
        elif shape == 1:
            cue, content = _span(text, "said", at), _span(text, f"We think {what}", at)
        else:
            cue, content = _span(text, "According to", at), _span(text, what, at)
        atts.append({"source": src, "cue": cue, "content": content})
    return {"id": f"made-up-{k}", "text": text, "attributions": atts}


def corpus(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    return [article(rng, k) for k in range(n)]
