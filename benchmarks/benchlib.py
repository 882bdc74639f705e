"""Provides what the benchmark scripts share: one-core pinning, timing, the machine line,
figure lines with target and reference beside them, and hand-built analyses.

Not a benchmark itself (``run_all.py`` runs only ``bench_*.py``).
"""

from __future__ import annotations

import gc
import os
import platform
import re
import resource
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

from workbench.domain.models import (  # noqa: E402
    Analysis,
    AttributionKind,
    Claim,
    Document,
    Segment,
    Span,
    Speaker,
    SpeakerKind,
)


def pin_one_core() -> str:
    """Run this process on one CPU, as the targets are stated for one core."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[0]})
        return f"pinned to CPU {cpus[0]} of {os.cpu_count()}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity here)"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_line() -> str:
    return (f"machine: {os.cpu_count()} CPUs, {cpu_model()}; Python {platform.python_version()}; "
            f"SQLite {sqlite3.sqlite_version}; {platform.system()} {platform.release()}")


def header(title: str) -> None:
    print(f"== {title}")
    print(machine_line())
    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    # Other processes on a 2-core machine move every figure; the load says how busy it was.
    print(f"{pin_one_core()}; load average {load}")


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """Best wall time of ``repeat`` runs (seconds) and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


class Clock:
    """Wall and CPU seconds of a block: ``with Clock() as c: ...; c.wall, c.cpu``.

    On a shared 2-core machine other processes steal the pinned core, so the
    wall-clock rate alone understates this code; the CPU-time rate (time this
    process actually ran) is printed beside it. I/O waits count only in wall.
    """

    def __enter__(self) -> Clock:
        gc.collect()
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self._w
        self.cpu = max(1e-9, time.process_time() - self._c)


def figure(label: str, value: float, unit: str, *, target: str = "", reference: str = "",
           ok: bool | None = None, cpu: float | None = None) -> None:
    """Print one figure with its target and reference, in a fixed layout.

    ``cpu`` is the same rate by CPU time (see :class:`Clock`); the verdict uses
    the wall-clock ``value``.
    """
    verdict = "" if ok is None else ("  MET" if ok else "  NOT MET")
    num = f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"
    if cpu is not None:
        num += f" ({cpu:,.0f} cpu)"
    line = f"  {label:<46} {num:>22} {unit:<12}"
    if target:
        line += f" target {target}"
    if reference:
        line += f" | reference {reference}"
    print(line + verdict, flush=True)


# ---------------------------------------------------------------- corpus

def corpus_texts(n: int, seed: int = 0) -> list[str]:
    import corpus

    return list(corpus.generate(n, seed))


def write_corpus(n: int, seed: int = 0) -> Path:
    """The corpus of ``n`` articles under benchmarks/out/, written once and reused."""
    import corpus

    folder = OUT / f"corpus-{n}-s{seed}"
    done = folder / ".complete"
    if not done.exists():
        corpus.write_corpus(n, folder, seed)
        done.write_text("ok\n")
    return folder


# ---------------------------------------------------------------- hand-built analyses
# Storage is measured without the extractor: each sentence of a generated
# article becomes a claim; its speaker is guessed from the corpus word lists
# (a named person, an organisation, an anonymous source, a document, or the
# reporter), so speaker lookups, aliases and merges happen as in real ingest.

_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"\u201d]?|$)")
_ANON = re.compile(r"\b([Aa]n?|[Oo]ne|[Tt]wo) (senior official|person familiar[^,]*|people briefed[^,]*|aide to the governor|"
                   r"U\.S\. defense official|diplomat in the region|former employee|council staff member|"
                   r"law enforcement source)")
_ORG = None
_PERSON = None


def _patterns():
    global _ORG, _PERSON
    if _ORG is None:
        import corpus

        orgs = sorted((o.removeprefix("the ") for o in corpus.ORGS), key=len, reverse=True)
        _ORG = re.compile("|".join(re.escape(o) for o in orgs))
        _PERSON = re.compile(r"\b(%s) (%s)\b|\b(%s)\b(?= (?:said|added|told|noted|warned|argued|insisted|"
                             r"acknowledged|wrote|believes|thinks|expects|fears|hopes|described|called|"
                             r"criticized|praised|dismissed))" % (
                                 "|".join(corpus.FIRST_NAMES), "|".join(re.escape(s) for s in corpus.SURNAMES),
                                 "|".join(re.escape(s) for s in corpus.SURNAMES)))
    return _ORG, _PERSON


def hand_analysis(text: str) -> Analysis:
    """A plausible Analysis of a corpus article without running the extractor."""
    org_re, person_re = _patterns()
    claims: list[Claim] = []
    pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        if i < 4 or not line or line.startswith(("Read more", "Related", "Advertisement", "Sign up", "Copyright")):
            continue
        para = Segment(start, start + len(line), line)
        for m in _SENT.finditer(line):
            s, e = m.span()
            while s < e and line[s].isspace():
                s += 1
            if e - s < 12:
                continue
            sent = Segment(start + s, start + e, line[s:e])
            speaker = mention = None
            kind = AttributionKind.UNATTRIBUTED
            if pm := person_re.search(line, s, e):
                name = pm.group(0)
                speaker = Speaker(name, SpeakerKind.PERSON)
                mention = Span(start + pm.start(), start + pm.end(), name)
                kind = AttributionKind.DIRECT if "\u201c" in sent.text or '"' in sent.text else AttributionKind.INDIRECT
            elif am := _ANON.search(line, s, e):
                speaker = Speaker(am.group(0), SpeakerKind.ANONYMOUS)
                mention = Span(start + am.start(), start + am.end(), am.group(0))
                kind = AttributionKind.INDIRECT
            elif om := org_re.search(line, s, e):
                speaker = Speaker(om.group(0), SpeakerKind.ORGANIZATION)
                mention = Span(start + om.start(), start + om.end(), om.group(0))
                kind = AttributionKind.ACCORDING_TO if "According to" in sent.text else AttributionKind.INDIRECT
            claims.append(Claim(
                start=sent.start, end=sent.end, text=sent.text, sentence=sent, paragraph=para,
                attribution=kind, rule="bench_hand" if speaker else "author_default",
                speaker=speaker, mention=mention,
            ))
    byline = lines[2].removeprefix("By ").split(",")[0].split(" | ")[0] if len(lines) > 2 else None
    return Analysis(claims=tuple(claims), byline=byline)


def unique_documents(texts: Iterable[str], analyses: list[Analysis], count: int,
                     source: str = "bench") -> Iterable[tuple[Document, Analysis]]:
    """``count`` distinct (Document, Analysis) pairs cycling over ``texts``.

    Each copy gets a unique last line, so its content hash differs while every
    claim offset stays valid (the line is appended after all claims).
    """
    texts = list(texts)
    for i in range(count):
        k = i % len(texts)
        text = texts[k] + f"Ref: {source}-{i}\n"
        title = text.partition("\n")[0]
        yield Document(text=text, source=f"{source}/{i}.txt", format="txt", title=title), analyses[k]


def fresh_db(path: Path) -> sqlite3.Connection:
    """A new migrated workbench database at ``path`` (any old file removed)."""
    from workbench.storage import open_db

    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return open_db(str(path))
