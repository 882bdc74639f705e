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
from functools import lru_cache

from ..domain.models import Speaker, SpeakerKind

PER_ARTICLE_KINDS = {SpeakerKind.ANONYMOUS, SpeakerKind.DOCUMENT}
# Keys per IN (...) lookup: well under SQLite's parameter limit on any build.
_IN_CHUNK = 900
REPORTER = "the reporter"


@lru_cache(maxsize=65536)
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
    kind, norm = _key_parts(speaker.kind, speaker.name)
    if kind in PER_ARTICLE_KINDS:
        return f"{kind}:{article_id}:{norm}"
    return f"{kind}:{norm}"


@lru_cache(maxsize=65536)
def _key_parts(kind: str, name: str) -> tuple[SpeakerKind, str]:
    # Cached: ingest asks once per claim, mostly for the same few speakers.
    return SpeakerKind(kind), normalise(name) or "unnamed"


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

    def resolve_all(self, speakers: list[Speaker | None], article_id: int) -> list[int | None]:
        """Ids for a sequence of speakers (None stays None), as ``resolve`` one by one would give.

        Keys already in the database are fetched with one SELECT; then each
        new key is handled in order, so a bare surname still sees the people
        created earlier in the same article.
        """
        keys = [None if sp is None else merge_key(sp, article_id) for sp in speakers]
        first: dict[str, Speaker] = {}
        for key, sp in zip(keys, speakers):
            if key is not None and key not in self._ids and key not in first:
                first[key] = sp
        if first:
            known = self._fetch(list(first))
            for key, sp in first.items():
                row = known.get(key)
                if row is not None:
                    self._ids[key] = self._update_known(row, sp)
                else:
                    self.resolve(sp, article_id, key)
        ids = self._ids
        return [None if key is None else ids[key] for key in keys]

    def _fetch(self, keys: list[str]) -> dict[str, tuple]:
        out: dict[str, tuple] = {}
        for i in range(0, len(keys), _IN_CHUNK):
            part = keys[i:i + _IN_CHUNK]
            sql = ("SELECT merge_key, id, role, affiliation FROM speakers WHERE merge_key IN ("
                   + ",".join("?" * len(part)) + ")")
            for key, *rest in self.conn.execute(sql, part):
                out[key] = tuple(rest)
        return out

    def _update_known(self, row: tuple, speaker: Speaker) -> int:
        sid, role, affiliation = row
        if (speaker.role and not role) or (speaker.affiliation and not affiliation):
            self.conn.execute(
                "UPDATE speakers SET role = coalesce(role, ?), affiliation = coalesce(affiliation, ?) WHERE id = ?",
                (speaker.role, speaker.affiliation, sid),
            )
        return sid

    def _lookup(self, key: str, speaker: Speaker) -> int | None:
        row = self.conn.execute("SELECT id, role, affiliation FROM speakers WHERE merge_key = ?", (key,)).fetchone()
        if row is not None:
            return self._update_known(row, speaker)
        if speaker.kind == SpeakerKind.PERSON and " " not in normalise(speaker.name):
            # A bare surname: join the one known person with that surname, if exactly one.
            surname = normalise(speaker.name)
            # The range keeps the scan inside the person keys of the merge_key
            # index instead of the whole speakers table.
            rows = self.conn.execute(
                "SELECT id FROM speakers WHERE merge_key > 'person:' AND merge_key < 'person;'"
                " AND merge_key LIKE ? AND kind = 'person' LIMIT 2",
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

    def aliases(self, pairs: list[tuple[int | None, str | None]], article_id: int) -> list[int | None]:
        """Alias ids for (speaker_id, surface) pairs, created on first sight; None stays None.

        Equivalent to calling :meth:`alias` per pair, with one SELECT for the
        pairs that already exist.
        """
        wanted = {p for p in pairs if p[0] is not None}
        found: dict[tuple[int, str], int] = {}
        if wanted:
            sids = sorted({p[0] for p in wanted})
            names = sorted({p[1] for p in wanted})
            if len(sids) + len(names) <= _IN_CHUNK:
                sql = ("SELECT speaker_id, alias, id FROM speaker_aliases WHERE speaker_id IN ("
                       + ",".join("?" * len(sids)) + ") AND alias IN (" + ",".join("?" * len(names)) + ")")
                for sid, name, aid in self.conn.execute(sql, [*sids, *names]):
                    found[(sid, name)] = aid
            else:
                for p in wanted:
                    row = self.conn.execute("SELECT id FROM speaker_aliases WHERE speaker_id = ? AND alias = ?",
                                            p).fetchone()
                    if row:
                        found[p] = row[0]
        out: list[int | None] = []
        for p in pairs:
            if p[0] is None:
                out.append(None)
                continue
            aid = found.get(p)
            if aid is None:
                aid = found[p] = self.conn.execute(
                    "INSERT INTO speaker_aliases (speaker_id, alias, first_article_id) VALUES (?, ?, ?)",
                    (p[0], p[1], article_id),
                ).lastrowid
            out.append(aid)
        return out

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
