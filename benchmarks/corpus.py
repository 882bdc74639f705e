"""Provides a reproducible generator of news-style articles for benchmarks.

Every article is plain text, about 4 KB, title line first, and mixes what the
extractor meets in real copy: a byline, a dateline, a photo caption with a
credit, boilerplate ("Read more: ...", newsletter and copyright lines), direct
quotes (opening and closing attribution, split quotes), indirect speech,
"according to", partial quotes, named, anonymous and organisational speakers,
documents (polls, reports), pronoun follow-ups, hedged and plain unattributed
statements, and abbreviations that trip sentence splitters ("Sen.", "U.S.",
"Jan. 5", "Dr.").

All names, places and sentences are drawn from templates and word lists
written for this project; nothing is copied from a real article. The same
``(n, seed)`` always yields the same texts, and article ``i`` depends only on
``(seed, i)``, so any slice can be regenerated on its own.

Usage::

    python benchmarks/corpus.py 2000 benchmarks/out/corpus          # .txt files
    python benchmarks/corpus.py 2000 benchmarks/out/corpus --jsonl  # plus corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

TARGET_BYTES = 4096

# ---------------------------------------------------------------- word lists

FIRST_NAMES = (
    "Amara Bastian Celia Dmitri Elena Farid Greta Hollis Ines Jonah Keiko Lucan Marisol Nadia Oren "
    "Priya Quentin Rosalind Soren Tamsin Ulric Vesna Wendell Xiomara Yusuf Zelda Adaeze Bram Cosima "
    "Dorian Esme Fennick Gideon Halina Ilse Joaquin Kasimir Leontyne Mireille Nikolai Odette Pascal "
    "Rhiannon Silas Thandiwe Ugo Verity Wilhelmina Yannick Zoran"
).split()

SURNAMES = (
    "Abernathy Baptiste Castellano Drummond Eberhardt Fairweather Galloway Hargreave Ishikawa Jankowski "
    "Kettering Lindqvist Montague Nakashima Okonkwo Pemberton Quillfeather Rasmussen Szabo Thornbury "
    "Underhill Valdivia Whitcombe Yarborough Zielinski Achterberg Blackwood Corrigan Delacroix Esterhazy "
    "Fontaine Grimsby Halvorsen Ivanova Jedrzejczak Kowalczyk Larkspur Marchetti Northcott Osei "
    "Prendergast Quaresma Rothwell Stavros Tennant Ueda Vasquez-Lorne Winterbourne Yeboah Zamora"
).split()

TITLES = (
    "Sen.", "Rep.", "Gov.", "Dr.", "Mayor", "Councilmember", "Commissioner", "Gen.", "Lt. Col.",
    "Prof.", "Judge", "Superintendent",
)

ROLES = (
    "the agency's chief economist", "a spokesperson for the ministry", "the council's finance chair",
    "the director of the regional health authority", "a senior analyst at the institute",
    "the union's general secretary", "the company's chief executive", "a professor of public policy",
    "the port authority's operations manager", "the state's attorney general",
    "a researcher who studies water systems", "the hospital's medical director",
)

ORGS = (
    "the Department of Coastal Works", "the Meridian Transit Authority", "Halcyon Freight Inc.",
    "the National Grain Board", "the Riverside Tenants' Union", "Vantor Pharmaceuticals",
    "the Office of Budget Review", "the Ashgrove School District", "the Federal Aviation Bureau",
    "the Northern Water Compact", "Brightline Energy Co.", "the Institute for Civic Data",
    "the Pinecrest County Sheriff's Office", "the Ministry of Rural Affairs", "the U.S. Border Agency",
    "the European Fisheries Council", "Kestrel Systems Ltd.", "the Harbor Hospital Network",
)

PLACES = (
    "Port Calder", "New Ashby", "Millbrook", "the Varnet Valley", "Eastmoor", "Saltmarsh County",
    "Lake Orrin", "Drayton Heights", "the northern provinces", "Fenwick", "Cold Harbor", "Westreach",
    "Brannock", "Tillford", "the Sorrel Coast",
)

OUTLETS = ("The Calder Ledger", "Westreach Daily", "Meridian Post", "The Valley Courier", "Harbor Wire")

MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

TOPIC_NOUNS = (
    "the bridge repair program", "the new water tariff", "the school lunch subsidy", "the port expansion",
    "the wildfire response plan", "the hospital merger", "the rail timetable", "the housing levy",
    "the fishing quota", "the emergency shelter budget", "the drone surveillance pilot",
    "the vaccine rollout", "the grain export deal", "the transit fare freeze", "the landfill closure",
    "the flood barrier contract", "the minimum wage review", "the broadband subsidy",
)

ANON_SOURCES = (
    "a senior official", "a person familiar with the negotiations", "two people briefed on the plan",
    "an aide to the governor", "a U.S. defense official", "a diplomat in the region",
    "a former employee", "one council staff member", "a law enforcement source",
)

ANON_CUES = (
    "who spoke on condition of anonymity", "who was not authorized to speak publicly",
    "who requested anonymity to discuss internal deliberations",
    "speaking on condition of anonymity because the talks are private",
)

DOCUMENTS = (
    "A report released by {org}", "A poll conducted for {outlet}", "An internal memo seen by reporters",
    "A study published in the Journal of Applied Civics", "Court filings", "Data from {org}",
    "An audit of the program",
)

SPEECH_VERBS = ("said", "said", "said", "told reporters", "added", "noted", "warned", "argued",
                "insisted", "acknowledged", "wrote in a statement", "said in an interview")
BELIEF_VERBS = ("believes", "thinks", "expects", "fears", "hopes")
DOC_VERBS = ("found", "shows", "suggests", "concluded", "estimated")
HEDGES = ("is believed to", "is thought to", "reportedly", "is said to", "appears to", "is expected to")
COUNTS = ("12", "40", "roughly 200", "nearly 1,000", "about 60", "more than 7,500", "18", "several hundred")
MONEY = ("$4.2 million", "$310,000", "about $75,000", "nearly $1.1 billion", "$18 million")
SHARES = ("a third", "half", "two-thirds", "12", "3.5", "40")

# Clause parts: "{subject} {predicate}".
SUBJECTS = (
    "{topic}", "the city", "the agency", "residents of {place}", "the contractor", "local schools",
    "officials in {place}", "the board", "the proposal", "the new rules", "farmers near {place}",
    "the company", "emergency crews", "the committee",
)
PREDICATES = (
    "would cost {money} more than first estimated", "had been delayed by at least {n} months",
    "will be reviewed again before the end of the year", "could affect {count} households",
    "was never properly funded", "has cut waiting times by {pct} percent",
    "needs another vote before it can take effect", "would not be paused despite the protests",
    "was designed without consulting the people it affects", "had improved since the spring",
    "will require {count} new inspectors", "should have been finished in {month} {day}",
    "was working as intended", "could be expanded to {place} next year",
    "had received {count} complaints since {month} {day}", "did not meet the safety standard",
    "is on track despite the weather", "would be challenged in court",
)
FACT_OPENERS = (
    "The vote is scheduled for {weekday}.", "{topic_cap} was approved in {month} {year}.",
    "The measure passed by a margin of {n} votes.", "Construction began in {month} {year} and has cost {money} so far.",
    "{place_cap} has a population of about {n},000.", "The program covers {count} residents.",
    "The last review, in {year}, found no major problems.", "Similar plans were dropped in {year}.",
    "The deadline is {month} {day}.", "Turnout at the public hearing was the highest in a decade.",
)
DIRECT_QUOTES = (
    "We are not going to walk away from this", "Nobody told us the numbers had changed",
    "This is the most serious problem we have faced in years", "Frankly, the timing could not be worse",
    "We did everything the rules asked of us", "People deserve a straight answer",
    "It was a mistake, and we own it", "The money is there; the will is not",
    "I have never seen anything like it", "We will keep the lines open as long as it takes",
    "There is no evidence that the system failed", "Our crews worked through the night",
    "That figure is simply wrong", "We expect to finish ahead of schedule",
)
PARTIAL_QUOTES = ("a serious mistake", "deeply irresponsible", "long overdue", "a step in the right direction",
                  "reckless", "a matter of basic fairness", "unworkable")
OBJECT_VERBS = ("called the decision", "described the plan as", "criticized what they called",
                "praised what they called", "dismissed the complaints as")

BOILERPLATE = (
    "Read more: {headline}", "Related: {headline}", "Sign up for our morning newsletter to get the day's top stories.",
    "Advertisement", "Copyright {year} {outlet}. All rights reserved.",
    "This story has been updated with additional information.", "Follow {outlet} on social media for updates.",
    "Have a news tip? Contact the newsroom.",
)
HEADLINE_TEMPLATES = (
    "{place_cap} Council Delays Vote on {topic_title}", "Officials Defend {topic_title} After Criticism",
    "{org_title} Faces Questions Over {topic_title}", "Residents Push Back on {topic_title} in {place_cap}",
    "What the {topic_title} Means for {place_cap}", "{surname} Calls for Review of {topic_title}",
    "Costs Rise for {topic_title}, Audit Finds", "U.S. Regulators Weigh In on {topic_title}",
)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _title(s: str) -> str:
    words = s.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(w if w[:1].isupper() else w.capitalize() for w in words)


class _Article:
    """Builds one article from its own random stream."""

    def __init__(self, rng: random.Random, speakers: list[tuple[str, str, str]]):
        self.r = rng
        self.year = rng.randint(2018, 2025)
        self.place = rng.choice(PLACES)
        self.topic = rng.choice(TOPIC_NOUNS)
        self.outlet = rng.choice(OUTLETS)
        self.org = rng.choice(ORGS)
        # Two to four named people from the shared pool (so speakers recur
        # across articles and merge), each introduced in full, then by surname.
        self.people = rng.sample(speakers, rng.randint(2, 4))
        self.introduced: set[int] = set()
        self.last_person: int | None = None

    def fill(self, template: str) -> str:
        r = self.r
        return template.format(
            topic=self.topic, topic_cap=_cap(self.topic), topic_title=_title(self.topic),
            place=self.place, place_cap=_cap(self.place), org=self.org, org_title=_title(self.org),
            outlet=self.outlet, year=self.year, month=r.choice(MONTHS), day=r.randint(1, 28),
            weekday=r.choice(WEEKDAYS), count=r.choice(COUNTS), money=r.choice(MONEY),
            pct=r.choice(SHARES[3:]), n=r.randint(2, 90),
            surname=self.people[0][1], headline=self.headline_text(),
        )

    def headline_text(self) -> str:
        r = self.r
        return r.choice(HEADLINE_TEMPLATES).format(
            place_cap=_cap(r.choice(PLACES)), topic_title=_title(r.choice(TOPIC_NOUNS)),
            org_title=_title(r.choice(ORGS)), surname=r.choice(SURNAMES),
        )

    def clause(self) -> str:
        return self.fill(f"{self.r.choice(SUBJECTS)} {self.r.choice(PREDICATES)}")

    def person(self) -> tuple[str, str]:
        """A reference to one of the article's people: (full intro or surname, pronoun)."""
        i = self.r.randrange(len(self.people))
        first, last, title_or_role = self.people[i]
        self.last_person = i
        pronoun = "she" if i % 2 else "he"
        if i not in self.introduced:
            self.introduced.add(i)
            if title_or_role.startswith("the ") or title_or_role.startswith("a "):
                return f"{first} {last}, {title_or_role},", pronoun
            return f"{title_or_role} {first} {last}", pronoun
        return last, pronoun

    # ---- paragraph kinds; each returns one paragraph of text

    def direct_closing(self) -> str:
        who, _ = self.person()
        q = self.r.choice(DIRECT_QUOTES)
        verb = self.r.choice(("said", "said", "added", "told the council", "said on Tuesday"))
        who = who.rstrip(",")
        return f"\u201c{q},\u201d {who} {verb}. \u201c{self.r.choice(DIRECT_QUOTES)}.\u201d"

    def direct_opening(self) -> str:
        who, _ = self.person()
        return f"{who.rstrip(',')} said: \"{self.r.choice(DIRECT_QUOTES)}. {self.r.choice(DIRECT_QUOTES)}.\""

    def split_quote(self) -> str:
        who, _ = self.person()
        a, b = self.r.sample(DIRECT_QUOTES, 2)
        return f"\"{a},\" said {who.rstrip(',')}, \"and {b[0].lower() + b[1:]}.\""

    def indirect(self) -> str:
        who, pronoun = self.person()
        verb = self.r.choice(SPEECH_VERBS)
        that = self.r.choice(("that ", ""))
        text = f"{who} {verb} {that}{self.clause()}."
        if self.r.random() < 0.5:
            text += f" {_cap(pronoun)} {self.r.choice(('added', 'said'))} that {self.clause()}."
        return text

    def according_to(self) -> str:
        src = self.r.choice((self.org, f"figures from {self.org}", "the city's own estimates"))
        return f"According to {src}, {self.clause()}. {_cap(self.clause())}, the statement said."

    def organisation(self) -> str:
        verb = self.r.choice(("said in a statement", "said", "announced", "confirmed", "denied"))
        org = self.org if self.r.random() < 0.7 else self.r.choice(ORGS)
        return f"{_cap(org)} {verb} that {self.clause()}."

    def anonymous(self) -> str:
        src = self.r.choice(ANON_SOURCES)
        cue = self.r.choice(ANON_CUES)
        return f"{_cap(src)}, {cue}, said {self.clause()}."

    def partial(self) -> str:
        who, _ = self.person()
        return f"{who.rstrip(',')} {self.r.choice(OBJECT_VERBS)} \u201c{self.r.choice(PARTIAL_QUOTES)}.\u201d"

    def belief(self) -> str:
        who, _ = self.person()
        return f"{who.rstrip(',')} {self.r.choice(BELIEF_VERBS)} {self.clause()}."

    def document(self) -> str:
        doc = self.fill(self.r.choice(DOCUMENTS))
        return f"{doc} {self.r.choice(DOC_VERBS)} that {self.clause()}."

    def hedged(self) -> str:
        subj = self.fill(self.r.choice(("The contractor", "{org_title}", "The group", "The former director")))
        hedge = self.r.choice(HEDGES)
        if hedge == "reportedly":
            return f"{subj} reportedly {self.r.choice(('paid', 'lost', 'owed'))} {self.r.choice(MONEY)} to the city."
        return f"{subj} {hedge} have {self.r.choice(('known about', 'approved', 'opposed'))} {self.topic} since {self.year}."

    def facts(self) -> str:
        k = self.r.randint(1, 3)
        return " ".join(self.fill(t) for t in self.r.sample(FACT_OPENERS, k))

    def boilerplate(self) -> str:
        return self.fill(self.r.choice(BOILERPLATE[:4]))

    def text(self) -> str:
        r = self.r
        lines = [self.headline_text(), ""]
        author = f"{r.choice(FIRST_NAMES)} {r.choice(SURNAMES)}"
        lines.append(r.choice((f"By {author}", f"By {author}, {self.outlet}", f"{author} | {self.outlet}")))
        lines.append(f"{_cap(self.place).upper()} \u2014 {r.choice(MONTHS)} {r.randint(1, 28)}, {self.year}")
        lines.append("")
        if r.random() < 0.7:
            credit = f"{r.choice(FIRST_NAMES)} {r.choice(SURNAMES)} / {self.outlet}"
            lines.append(f"Workers inspect {self.topic} in {self.place} on {r.choice(WEEKDAYS)}. ({credit})")
            lines.append("")
        # The lede is the reporter's own framing, then a mix of attributed paragraphs.
        lines.append(f"{_cap(self.clause())}, and {self.clause()}.")
        kinds = (
            self.direct_closing, self.direct_opening, self.split_quote, self.indirect, self.indirect,
            self.according_to, self.organisation, self.anonymous, self.partial, self.belief,
            self.document, self.hedged, self.facts, self.facts, self.boilerplate,
        )
        footer = [self.fill(r.choice(BOILERPLATE[4:])), self.fill(BOILERPLATE[4])]
        footer_len = sum(len(f) + 2 for f in footer)
        size = sum(len(x) + 1 for x in lines)
        while True:
            para = r.choice(kinds)()
            if size + len(para) + 2 + footer_len > TARGET_BYTES + 150 and size + footer_len > TARGET_BYTES - 400:
                break
            lines += ["", para]
            size += len(para) + 2
        lines += ["", footer[0], "", footer[1]]
        return "\n".join(lines) + "\n"


def speaker_pool(seed: int, size: int = 400) -> list[tuple[str, str, str]]:
    """The recurring named people: (first, last, title or role), fixed for a seed."""
    r = random.Random(f"pool:{seed}")
    pool = []
    for _ in range(size):
        title_or_role = r.choice(TITLES) if r.random() < 0.5 else r.choice(ROLES)
        pool.append((r.choice(FIRST_NAMES), r.choice(SURNAMES), title_or_role))
    return pool


def article(i: int, seed: int = 0, pool: list[tuple[str, str, str]] | None = None) -> str:
    """The text of article ``i`` for ``seed``, independent of any other article."""
    rng = random.Random(f"article:{seed}:{i}")
    return _Article(rng, pool if pool is not None else speaker_pool(seed)).text()


def generate(n: int, seed: int = 0) -> Iterator[str]:
    """Yield ``n`` article texts (about 4 KB each), the same for the same seed."""
    pool = speaker_pool(seed)
    for i in range(n):
        yield article(i, seed, pool)


def write_corpus(n: int, outdir: str | Path, seed: int = 0, jsonl: bool = False) -> list[Path]:
    """Write ``n`` articles as ``article-000001.txt`` ... into ``outdir``; returns the paths."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    jf = (out / "corpus.jsonl").open("w", encoding="utf-8") if jsonl else None
    try:
        for i, text in enumerate(generate(n, seed), start=1):
            p = out / f"article-{i:06d}.txt"
            p.write_text(text, encoding="utf-8")
            paths.append(p)
            if jf:
                title, _, body = text.partition("\n")
                jf.write(json.dumps({"id": f"bench-{seed}-{i}", "title": title, "text": text}) + "\n")
    finally:
        if jf:
            jf.close()
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write N synthetic news articles (about 4 KB each) to OUTDIR.")
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("outdir", help="folder for article-NNNNNN.txt files")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--jsonl", action="store_true", help="also write OUTDIR/corpus.jsonl")
    args = ap.parse_args(argv)
    paths = write_corpus(args.n, args.outdir, args.seed, args.jsonl)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles, {total / max(1, len(paths)):.0f} bytes each on average, to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
