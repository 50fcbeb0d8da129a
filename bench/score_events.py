#!/usr/bin/env python3
"""Score a `dateline export --format json` file against a hand-made gold file.

    python bench/score_events.py --gold tests/data/events_gold.json --pred export.json [--errors] [--json]

The gold file has the shape of shared/gold/seeds.json (documents, stories, persons, meetings,
tenures), optionally with per-meeting "status", "mode" and "signed". Prints one line per figure
("name: value (hits/total)"); with --errors, every missed or extra item and every wrong field.
Exit status 0 on success, 2 when a file cannot be read. Standard library only.

How things are counted:
- A gold meeting is matched to one predicted event of type "meeting": first by ordinal and
  organisation, else by city and start date (by organisation and start where the gold city is
  null, by organisation and city where the start is null). Each prediction serves one gold
  meeting; predicted meetings left over are extras (they lower meeting precision).
- Field accuracy is measured on matched meetings only. A predicted single-day meeting may leave
  `end` null: its end is then its start.
- A predicted participant counts for a gold one when one of its actor's names/aliases is a gold
  surface form of that person (case, accents, spaces and dots ignored; a multi-word gold form
  may be preceded by a rank or honorific: "General Wichai Phromsiri") and its affiliation is one
  of the gold affiliations. Participants of unmatched gold meetings are all misses; participants
  of extra predicted meetings are not counted again.
- A role is right when every word of the gold role occurs in the predicted role (word order,
  "of/the/and" and spelling variants such as defense/defence ignored).
- received_by accuracy is hits / (hits + misses + extras) over matched meetings.
- Aliases: pairwise F1 over all gold surface forms, the predicted cluster of a form being the
  person actor that carries it. Stories: pairwise F1 over documents.
- A figure with nothing to count (no matched meeting, say) is n/a (null with --json) and is
  left out of the mean printed last.
- A tenure holds when the person's actor has a role with the gold words and affiliation whose
  first_seen..last_seen span (widened by TENURE_SLACK_DAYS) covers the gold date.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TENURE_SLACK_DAYS = 3
FIELDS = (
    "ordinal", "organization", "city", "country", "start", "end", "chair", "next_venue", "status", "mode",
)
ROLE_STOPWORDS = frozenset({"the", "of", "and", "for", "in", "s", "to", "at", "a", "an", "on"})
ROLE_SPELLINGS = {
    "defense": "defence",
    "advisor": "adviser",
    "councillor": "councilor",
    "organisation": "organization",
    "interior": "internal affairs",
    "premier": "prime minister",
    "nsa": "national security adviser",
}

Json = dict[str, Any]


# --- normalisation ---------------------------------------------------------------------------

def ascii_fold(text: str | None) -> str:
    return unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()


def tokens(text: str | None) -> tuple[str, ...]:
    """'N. P.Patrushev' -> ('n', 'p', 'patrushev'); 'Falcão' -> ('falcao',)."""
    return tuple(re.findall(r"[a-z0-9]+", ascii_fold(text)))


def code(text: str | None) -> str:
    """'SCO RATS' == 'SCO-RATS' == 'scorats'."""
    return re.sub(r"[^A-Z]", "", ascii_fold(text).upper())


def role_words(text: str | None) -> frozenset[str]:
    words: list[str] = []
    for word in tokens(text):
        words.extend(ROLE_SPELLINGS.get(word, word).split())
    return frozenset(words) - ROLE_STOPWORDS


def role_ok(gold: str | None, pred: str | None) -> bool:
    return gold is None or role_words(gold) <= role_words(pred)


def name_ok(gold_form: str, pred_alias: str) -> bool:
    gold_t, pred_t = tokens(gold_form), tokens(pred_alias)
    if not gold_t:
        return False
    return pred_t == gold_t or (len(gold_t) >= 2 and pred_t[-len(gold_t):] == gold_t)


def iso(value: Any) -> str | None:
    return str(value)[:10] if value else None


def alias_texts(actor: Json | None) -> list[str]:
    if not actor:
        return []
    names = [actor.get("name") or ""]
    for alias in actor.get("aliases") or []:
        names.append(alias.get("text", "") if isinstance(alias, dict) else str(alias))
    return [n for n in names if n]


# --- figures ---------------------------------------------------------------------------------

@dataclass
class Count:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += int(ok)
        self.total += 1

    @property
    def value(self) -> float | None:
        """None when there was nothing to count (printed as n/a, left out of the mean)."""
        return self.hits / self.total if self.total else None


@dataclass
class Report:
    figures: dict[str, float | None] = field(default_factory=dict)
    counts: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def put(self, name: str, value: float | None, detail: str = "") -> None:
        self.figures[name] = None if value is None else round(value, 4)
        self.counts[name] = detail

    def put_count(self, name: str, count: Count) -> None:
        self.put(name, count.value, f"{count.hits}/{count.total}")


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


def pairwise_f1(groups: list[list[str]], label: Callable[[str], str | None]) -> tuple[float, str]:
    group_of = {item: n for n, group in enumerate(groups) for item in group}
    tp = fp = fn = 0
    for a, b in itertools.combinations(group_of, 2):
        same_gold = group_of[a] == group_of[b]
        la, lb = label(a), label(b)
        same_pred = la is not None and la == lb
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return f1(tp, fp, fn)[2], f"tp={tp} fp={fp} fn={fn}"


# --- the scorer ------------------------------------------------------------------------------

class Scorer:
    def __init__(self, gold: Json, pred: Json) -> None:
        self.gold = gold
        self.pred = pred
        self.actors: dict[str, Json] = {a["id"]: a for a in pred.get("actors") or [] if "id" in a}
        self.report = Report()

    def run(self) -> Report:
        self.score_documents()
        pairs = self.match_meetings()
        self.score_fields(pairs)
        self.score_people(pairs)
        self.score_aliases()
        self.score_tenures()
        self.score_stories()
        return self.report

    # documents
    def score_documents(self) -> None:
        pred_docs = {d.get("id"): d for d in self.pred.get("documents") or []}
        counts = {name: Count() for name in ("published", "source", "dateline")}
        for doc_id, want in self.gold.get("documents", {}).items():
            got = pred_docs.get(doc_id, {})
            checks = {
                "published": iso(want.get("published")) == iso(got.get("published")),
                "source": self._source_ok(want.get("source"), got.get("source")),
                "dateline": tokens(want.get("dateline")) == tokens(got.get("dateline")),
            }
            for name, ok in checks.items():
                counts[name].add(ok)
                if not ok:
                    self.report.errors.append(
                        f"document {doc_id}: {name} gold={want.get(name)!r} pred={got.get(name)!r}"
                        + ("" if got else " (document missing)"))
        total = Count(sum(c.hits for c in counts.values()), sum(c.total for c in counts.values()))
        for name, count in counts.items():
            self.report.put_count(f"documents.{name}", count)
        self.report.put_count("documents.metadata", total)

    @staticmethod
    def _source_ok(want: str | None, got: str | None) -> bool:
        if want is None or got is None:
            return want is None and got is None
        return set(tokens(want)) <= set(tokens(got))

    # meetings
    def match_meetings(self) -> list[tuple[Json, Json | None]]:
        candidates = [e for e in self.pred.get("events") or [] if e.get("type", "meeting") == "meeting"]
        used: set[int] = set()
        pairs: list[tuple[Json, Json | None]] = []
        for want in self.gold.get("meetings", []):
            found = None
            for keys in self._match_keys(want):
                options = [n for n, e in enumerate(candidates) if n not in used and keys(e)]
                if options:
                    docs = set(want.get("documents", []))
                    found = max(options, key=lambda n: len(docs & set(candidates[n].get("documents") or [])))
                    break
            if found is None:
                pairs.append((want, None))
                self.report.errors.append(f"meeting {want['key']}: missed")
            else:
                used.add(found)
                pairs.append((want, candidates[found]))
        for n, event in enumerate(candidates):
            if n not in used:
                self.report.errors.append(
                    f"extra meeting {event.get('id')}: {event.get('title')!r} ordinal={event.get('ordinal')} "
                    f"city={(event.get('location') or {}).get('city')!r} start={event.get('start')} "
                    f"documents={event.get('documents')}")
        hits = sum(1 for _, got in pairs if got is not None)
        precision, recall, score = f1(hits, len(candidates) - hits, len(pairs) - hits)
        self.report.put("meetings.precision", precision, f"{hits}/{len(candidates)}")
        self.report.put("meetings.recall", recall, f"{hits}/{len(pairs)}")
        self.report.put("meetings.f1", score)
        return pairs

    @staticmethod
    def _match_keys(want: Json) -> Iterable[Callable[[Json], bool]]:
        orgs = {code(o) for o in want.get("organization") or []}

        def org_ok(e: Json) -> bool:
            return code(e.get("organization")) in orgs

        def city_ok(e: Json) -> bool:
            return tokens((e.get("location") or {}).get("city")) == tokens(want.get("city"))

        def start_ok(e: Json) -> bool:
            return iso(e.get("start")) == want.get("start")

        if want.get("ordinal") is not None and orgs:
            yield lambda e: e.get("ordinal") == want["ordinal"] and org_ok(e)
        if want.get("city") and want.get("start"):
            yield lambda e: city_ok(e) and start_ok(e)
        elif want.get("start"):
            yield lambda e: org_ok(e) and start_ok(e)
        elif want.get("city"):
            yield lambda e: org_ok(e) and city_ok(e)

    def score_fields(self, pairs: list[tuple[Json, Json | None]]) -> None:
        counts = {name: Count() for name in FIELDS}
        for want, got in pairs:
            if got is None:
                continue
            for name in FIELDS:
                if name == "mode" and "mode" not in want:
                    continue
                ok, gold_value, pred_value = self._field(name, want, got)
                counts[name].add(ok)
                if not ok:
                    self.report.errors.append(
                        f"meeting {want['key']}: {name} gold={gold_value!r} pred={pred_value!r}")
        total = Count(sum(c.hits for c in counts.values()), sum(c.total for c in counts.values()))
        for name, count in counts.items():
            self.report.put_count(f"fields.{name}", count)
        self.report.put_count("fields.all", total)

    @staticmethod
    def _field(name: str, want: Json, got: Json) -> tuple[bool, Any, Any]:
        location = got.get("location") or {}
        if name == "ordinal":
            return want.get("ordinal") == got.get("ordinal"), want.get("ordinal"), got.get("ordinal")
        if name == "organization":
            value = got.get("organization")
            return code(value) in {code(o) for o in want.get("organization") or []}, want.get(name), value
        if name == "city":
            value = location.get("city")
            return tokens(value) == tokens(want.get("city")), want.get("city"), value
        if name == "country":
            value = location.get("country")
            return code(value) == code(want.get("country")), want.get("country"), value
        if name in ("start", "end"):
            value = iso(got.get(name)) or (iso(got.get("start")) if name == "end" else None)
            return value == want.get(name), want.get(name), value
        if name == "chair":
            value, wanted = got.get("chair"), want.get("chair")
            ok = code(value) in {code(c) for c in wanted} if wanted else value is None
            return ok, wanted, value
        if name == "next_venue":
            value = (got.get("next_venue") or {}).get("country")
            return code(value) == code(want.get("next_venue_country")), want.get("next_venue_country"), value
        if name == "status":
            value = got.get("status") or "held"
            return value == want.get("status", "held"), want.get("status", "held"), value
        value = got.get("mode")
        return value == want.get("mode"), want.get("mode"), value

    # participants, roles, received_by
    def score_people(self, pairs: list[tuple[Json, Json | None]]) -> None:
        tp = fp = fn = 0
        roles, hosts = Count(), Count()
        for want, got in pairs:
            p_tp, p_fp, p_fn, role_pairs = self._match_people(
                want["key"], "participant", want.get("participants", []), (got or {}).get("participants"),
                report_extras=got is not None)
            tp, fp, fn = tp + p_tp, fp + p_fp, fn + p_fn
            for gold_p, pred_p in role_pairs:
                ok = role_ok(gold_p.get("role"), pred_p.get("role"))
                roles.add(ok)
                if not ok:
                    self.report.errors.append(
                        f"meeting {want['key']}: role of {gold_p['person']} gold={gold_p.get('role')!r} "
                        f"pred={pred_p.get('role')!r}")
            if got is not None:
                h_tp, h_fp, h_fn, _ = self._match_people(
                    want["key"], "received_by", want.get("received_by", []), got.get("received_by"),
                    report_extras=True)
                hosts.hits += h_tp
                hosts.total += h_tp + h_fp + h_fn
        precision, recall, score = f1(tp, fp, fn)
        self.report.put("participants.precision", precision, f"{tp}/{tp + fp}")
        self.report.put("participants.recall", recall, f"{tp}/{tp + fn}")
        self.report.put("participants.f1", score)
        self.report.put_count("roles.accuracy", roles)
        self.report.put_count("received_by.accuracy", hosts)

    def _match_people(
        self, key: str, what: str, wanted: list[Json], given: list[Json] | None, report_extras: bool
    ) -> tuple[int, int, int, list[tuple[Json, Json]]]:
        given = list(given or [])
        free = set(range(len(given)))
        matched: list[tuple[Json, Json]] = []
        for gold_p in wanted:
            forms = self.gold.get("persons", {}).get(gold_p["person"], [])
            codes = {code(a) for a in gold_p.get("affiliation") or []}
            hit = next((n for n in sorted(free) if self._is_person(given[n], forms)
                        and (not codes or code(given[n].get("affiliation")) in codes)), None)
            if hit is None:
                self.report.errors.append(f"meeting {key}: missed {what} {gold_p['person']} "
                                          f"({'/'.join(gold_p.get('affiliation') or [])})")
            else:
                free.discard(hit)
                matched.append((gold_p, given[hit]))
        if report_extras:
            for n in sorted(free):
                p = given[n]
                names = alias_texts(self.actors.get(p.get("actor"))) or [p.get("name") or p.get("actor")]
                self.report.errors.append(f"meeting {key}: extra {what} {names[0]!r} "
                                          f"affiliation={p.get('affiliation')!r} role={p.get('role')!r}")
        extras = len(free) if report_extras else 0
        return len(matched), extras, len(wanted) - len(matched), matched

    def _is_person(self, participation: Json, forms: list[str]) -> bool:
        names = alias_texts(self.actors.get(participation.get("actor")))
        if participation.get("name"):
            names.append(participation["name"])
        return any(name_ok(form, name) for form in forms for name in names)

    # actors
    def _actor_of_form(self, form: str) -> str | None:
        people = [a for a in self.actors.values() if a.get("kind", "person") == "person"]
        for exact in (True, False):
            for actor in sorted(people, key=lambda a: str(a["id"])):
                for name in alias_texts(actor):
                    if (tokens(name) == tokens(form)) if exact else name_ok(form, name):
                        return str(actor["id"])
        return None

    def _actor_of_person(self, person: str) -> Json | None:
        votes: dict[str, int] = {}
        for form in self.gold.get("persons", {}).get(person, []):
            actor = self._actor_of_form(form)
            if actor is not None:
                votes[actor] = votes.get(actor, 0) + 1
        return self.actors[max(votes, key=lambda a: votes[a])] if votes else None

    def score_aliases(self) -> None:
        groups: list[list[str]] = []
        label: dict[str, str | None] = {}
        for person, forms in self.gold.get("persons", {}).items():
            items = [f"{person}\t{form}" for form in forms]
            groups.append(items)
            for item, form in zip(items, forms, strict=True):
                label[item] = self._actor_of_form(form)
                if label[item] is None:
                    self.report.errors.append(f"alias {form!r} ({person}): on no person actor")
        value, detail = pairwise_f1(groups, label.get)
        self.report.put("aliases.pairwise_f1", value, detail)

    def score_tenures(self) -> None:
        count = Count()
        for tenure in self.gold.get("tenures", []):
            actor = self._actor_of_person(tenure["person"])
            on = date.fromisoformat(tenure["on"])
            codes = {code(a) for a in tenure.get("affiliation") or []}
            ok = any(
                role_ok(tenure.get("role"), role.get("title"))
                and (not codes or code(role.get("affiliation")) in codes)
                and self._covers(role, on)
                for role in (actor or {}).get("roles") or []
            )
            count.add(ok)
            if not ok:
                where = "/".join(tenure.get("affiliation") or [])
                self.report.errors.append(
                    f"tenure {tenure['person']}: {tenure.get('role')!r} ({where}) on {tenure['on']} not found"
                    + ("" if actor else " (no actor)"))
        self.report.put_count("tenures.accuracy", count)

    @staticmethod
    def _covers(role: Json, on: date) -> bool:
        first, last = iso(role.get("first_seen")), iso(role.get("last_seen")) or iso(role.get("first_seen"))
        if not first or not last:
            return False
        slack = timedelta(days=TENURE_SLACK_DAYS)
        return date.fromisoformat(first) - slack <= on <= date.fromisoformat(last) + slack

    # stories
    def score_stories(self) -> None:
        story_of: dict[str, str | None] = {}
        for story in self.pred.get("stories") or []:
            for doc in story.get("documents") or []:
                story_of[doc] = story.get("id")
        for doc in self.pred.get("documents") or []:
            if doc.get("story"):
                story_of[doc["id"]] = doc["story"]
        value, detail = pairwise_f1(self.gold.get("stories", []), story_of.get)
        self.report.put("stories.pairwise_f1", value, detail)


def score(gold: Json, pred: Json) -> Report:
    """Every figure (0..1) and every error, for a gold file and an export, both already parsed."""
    return Scorer(gold, pred).run()


class UnreadableFile(Exception):
    """A gold or prediction file that is not a readable JSON object."""


def load(path: str) -> Json:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UnreadableFile(f"{path}: cannot read JSON: {error}") from error
    if not isinstance(data, dict):
        raise UnreadableFile(f"{path}: expected a JSON object at the top")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", required=True, help="gold file (shape of shared/gold/seeds.json)")
    parser.add_argument("--pred", required=True, help="output of `dateline export --format json`")
    parser.add_argument("--errors", action="store_true", help="list every miss, extra and wrong field")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    try:
        report = score(load(args.gold), load(args.pred))
    except UnreadableFile as error:
        print(error, file=sys.stderr)
        return 2
    if args.json:
        errors = report.errors if args.errors else []
        print(json.dumps({"figures": report.figures, "errors": errors}, indent=2))
        return 0
    if args.errors:
        for line in report.errors:
            print(f"  {line}")
        print()
    width = max(len(name) for name in report.figures)
    for name, value in report.figures.items():
        detail = report.counts.get(name, "")
        shown = "  n/a" if value is None else f"{value:.3f}"
        print(f"{name:<{width}}  {shown}" + (f"  ({detail})" if detail else ""))
    values = [v for v in report.figures.values() if v is not None]
    print(f"{'mean':<{width}}  {sum(values) / len(values):.3f}  (of {len(values)} figures; n/a left out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
