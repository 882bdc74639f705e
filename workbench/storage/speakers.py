"""Provides speaker identity across articles: merge keys, lookup and creation.

The same person is one ``speakers`` row across articles ("John Kirby",
"Kirby" and "Pentagon Press Secretary John Kirby" all land on it, each
surface form kept in ``speaker_aliases``). Anonymous sources and documents are
per article: two articles' "a U.S. official" are not the same person. A bare
surname joins an existing person only when exactly one known person has it.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

from ..domain.models import Speaker, SpeakerKind

PER_ARTICLE_KINDS = {SpeakerKind.ANONYMOUS, SpeakerKind.DOCUMENT}
REPORTER = "the reporter"


def normalise(name: str) -> str:
    """Case-fold, strip accents, punctuation and a leading article."""
    s = unicodedata.normalize("NFKD", name).casefold()
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    words = re.findall(r"[\w]+", s)
    if words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def merge_key(speaker: Speaker, article_id: int) -> str:
    kind = SpeakerKind(speaker.kind)
    norm = normalise(speaker.name) or "unnamed"
    if kind in PER_ARTICLE_KINDS:
        return f"{kind}:{article_id}:{norm}"
    return f"{kind}:{norm}"


def author_speaker(byline: str | None) -> Speaker:
    return Speaker(name=byline or REPORTER, kind=SpeakerKind.AUTHOR)


def author_key(byline: str | None, article_id: int) -> str:
    if byline:
        return f"author:{normalise(byline)}"
    return f"author:{article_id}:reporter"


class SpeakerResolver:
    """Finds or creates speaker rows within one ingest transaction.

    Holds a small cache of keys seen in this process so repeated speakers in a
    batch cost one dictionary lookup.
    """

    def __init__(self, conn: sqlite3.Connection, now: str):
        self.conn = conn
        self.now = now
        self._ids: dict[str, int] = {}

    def resolve(self, speaker: Speaker, article_id: int, key: str | None = None) -> int:
        key = key or merge_key(speaker, article_id)
        sid = self._ids.get(key)
        if sid is None:
            sid = self._lookup(key, speaker)
            if sid is None:
                sid = self._create(key, speaker, article_id)
            self._ids[key] = sid
        return sid

    def _lookup(self, key: str, speaker: Speaker) -> int | None:
        row = self.conn.execute("SELECT id, role, affiliation FROM speakers WHERE merge_key = ?", (key,)).fetchone()
        if row is not None:
            sid, role, affiliation = row
            if (speaker.role and not role) or (speaker.affiliation and not affiliation):
                self.conn.execute(
                    "UPDATE speakers SET role = coalesce(role, ?), affiliation = coalesce(affiliation, ?) WHERE id = ?",
                    (speaker.role, speaker.affiliation, sid),
                )
            return sid
        if speaker.kind == SpeakerKind.PERSON and " " not in normalise(speaker.name):
            # A bare surname: join the one known person with that surname, if exactly one.
            surname = normalise(speaker.name)
            rows = self.conn.execute(
                "SELECT id FROM speakers WHERE kind = 'person' AND merge_key LIKE ? LIMIT 2",
                (f"person:% {surname}",),
            ).fetchall()
            if len(rows) == 1:
                return rows[0][0]
        return None

    def _create(self, key: str, speaker: Speaker, article_id: int) -> int:
        per_article = speaker.kind in PER_ARTICLE_KINDS or key.startswith(f"author:{article_id}:")
        cur = self.conn.execute(
            "INSERT INTO speakers (name, kind, role, affiliation, merge_key, article_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (speaker.name, str(speaker.kind), speaker.role, speaker.affiliation, key,
             article_id if per_article else None, self.now),
        )
        return cur.lastrowid

    def alias(self, speaker_id: int, alias: str, article_id: int) -> int:
        """The id of ``alias`` for this speaker, created on first sight."""
        row = self.conn.execute(
            "SELECT id FROM speaker_aliases WHERE speaker_id = ? AND alias = ?", (speaker_id, alias)
        ).fetchone()
        if row:
            return row[0]
        return self.conn.execute(
            "INSERT INTO speaker_aliases (speaker_id, alias, first_article_id) VALUES (?, ?, ?)",
            (speaker_id, alias, article_id),
        ).lastrowid
