"""The events stage: every meeting, reception and signing one article reports, with evidence.

Reads an ``Annotated`` article and returns an ``Extraction``: a pure function of one article.
Meetings are found from their mentions (``meetings.py``), grouped by series and ordinal;
each group collects its date, place, chair, participants (from attendance sentences),
hosts (from "received by" sentences), next venue and signed documents. A mention of a past
meeting in background text gives no event; one announced for the future is kept as planned.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from dateline.events.article import Article, MeetingGroup
from dateline.events.attendees import attach_people, person_mentions, receptions
from dateline.events.consultations import consultations
from dateline.events.meeting_parse import dates_the_noun, meeting_days
from dateline.events.meetings import MeetingMention, sole_organization, status_of
from dateline.events.places import find_organizations
from dateline.events.series_key import OFFICE_WORDS
from dateline.events.signings import agreements, signed_documents
from dateline.events.venues import chair_of, find_next_venue, location_sentence, meeting_location
from dateline.ingest.dates import MonthDay
from dateline.model import (
    Annotated,
    DateMention,
    EventReport,
    Extraction,
)
from dateline.patterns import whole_word

UNNAMED_MEETING = re.compile(
    r"\b(?:the|their|this|today's|yesterday's)\s+(?:[\w-]+\s+)?(?:meeting|session|talks|summit|sitting)\b"
    r"(?!\s+(?:of|will|is to|to be)\b)",
    re.IGNORECASE,
)
TRIP = re.compile(r"\bto\s+(?:attend|participate|take part|join)\b|\bfor\s+the\b", re.IGNORECASE)


def extract(annotated: Annotated) -> Extraction:
    """Every event and every person-in-a-role the article reports."""
    article = Article(annotated)
    groups = _group_mentions(article)
    held_groups = [g for g in groups if g.status == "held"]
    if len(held_groups) == 1:
        held_groups[0].context = [
            i for i in range(len(article.sentences))
            # a sentence that names another meeting (a past one, skipped) speaks of that one
            if i not in held_groups[0].sentences and not article.meetings[i]
            and UNNAMED_MEETING.search(article.sentence_text(i))
        ]  # fmt: skip
    reports: list[EventReport] = []
    for group in groups:
        reports.append(_meeting_report(article, group, len(reports)))
    held = [r for r in reports if r.status == "held"]
    if held:
        reports = attach_people(article, reports)
    reports.extend(receptions(article, reports, len(reports)))
    reports.extend(agreements(article, reports, len(reports)))
    reports.extend(consultations(article, reports, len(reports)))
    persons = tuple(person_mentions(article))
    return Extraction(document=annotated.document, events=tuple(reports), persons=persons)


def _group_mentions(article: Article) -> list[MeetingGroup]:
    groups: list[MeetingGroup] = []
    # the one organisation the headline and lead name, else the one the whole article names; either way
    # one the article names more than once (a passing "NATO" gives no meeting its organisation)
    lead_organization = sole_organization(
        " ".join(article.sentence_text(i) for i in sorted(article.lead)), article.acronyms
    ) or sole_organization(article.text, article.acronyms)
    if lead_organization and _times_named(article, lead_organization) < 2:
        lead_organization = None
    for index, mentions in enumerate(article.meetings):
        sentence = article.sentence_text(index)
        base = article.sentences[index].start
        for mention in mentions:
            mention = _with_organization(mention, lead_organization)
            if mention.noun == "met" and mention.organization is None:
                continue  # "ministers of the Velna Compact met": a body of no organisation the article names
            status = status_of(sentence, mention.start - base, mention.end - base)
            status = _status_by_date(article, index, mention, status)
            if any(mention.start <= noun < mention.end for noun in article.past_perfect):
                status = "background"  # "the leaders had attended the fifth summit in May"
            if mention.noun == "met" and any(mention.start <= verb < mention.end for verb in article.aside):
                status = "background"  # "the summit was held the same day as the alliance's leaders met in Oslo"
            if status is None:
                # "ministers met" is past tense itself; otherwise only the lead may leave status unsaid
                # ... and so may a meeting told in the present ("X and Y participate in a meeting of ...")
                told_now = any(mention.start <= n < mention.end for n in article.present | article.present_simple)
                status = "held" if index in article.lead or mention.noun == "met" or told_now else None
            if status is None or status == "background":
                continue
            if mention.ordinal == 1 and mention.organization is None and groups:
                continue  # "the first meeting of the secretaries held with India": a first time, no series number
            target = next((g for g in groups if g.status == status and g.accepts(mention)), None)
            if target is None and status == "planned" and mention.ordinal is None:
                # "the next meeting of X" in an article about a meeting of X: next venue, not a new event
                said_next = re.search(
                    r"\bnext\b", sentence[max(0, mention.start - base - 25) : mention.end - base], re.I
                )
                held = [g for g in groups if g.status == "held"]
                if any(g.accepts(mention) for g in held) or (
                    said_next and any(mention.organization in (None, g.organization) for g in held)
                ):
                    continue
            if target is None:
                target = MeetingGroup(status=status)
                groups.append(target)
            target.mentions.append((index, mention))
    return _merge_unnumbered(groups)


def _times_named(article: Article, organization: str) -> int:
    """How often the article names an organisation: in full, or by its code."""
    in_full = sum(code == organization for _, _, code in find_organizations(article.text))
    return in_full + len(whole_word(organization).findall(article.text))


def _with_organization(mention: MeetingMention, organization: str | None) -> MeetingMention:
    """A numbered or named body's meeting whose sentence names no organisation ("the 31st Ordinary Session
    of the Authority of Heads of State") is that of the one organisation the article's lead (else the
    article) names."""
    if mention.organization or organization is None or (mention.ordinal is None and not mention.series_key):
        return mention
    series = f"{organization} {mention.series}" if mention.series else None
    return replace(mention, organization=organization, series=series)


def _merge_unnumbered(groups: list[MeetingGroup]) -> list[MeetingGroup]:
    """A headline's "BRICS security meeting" is the article's one numbered BRICS meeting."""
    for group in list(groups):
        if group.ordinal is not None or group.organization is None:
            continue
        numbered = [
            g
            for g in groups
            if g is not group
            and g.status == group.status
            and g.organization == group.organization
            and g.ordinal is not None
        ]
        if len(numbered) == 1 and _told_apart(group, numbered[0]):
            continue  # "the Council of Foreign Ministers" and "the Fourth Summit" of one organisation: two meetings
        if len(numbered) == 1 and len([g for g in groups if g.organization == group.organization]) == 2:
            numbered[0].mentions = sorted(numbered[0].mentions + group.mentions, key=lambda m: (m[0], m[1].start))
            groups.remove(group)
    return groups


def _told_apart(a: MeetingGroup, b: MeetingGroup) -> bool:
    """A summit (the leaders' meeting) and a meeting of an office's holders ("the Council of Foreign
    Ministers") of one organisation: two meetings, though one carries a number and the other none."""

    def summit(group: MeetingGroup) -> bool:
        return any(m.noun == "summit" for _, m in group.mentions) and not group.key & OFFICE_WORDS

    return (summit(a) and bool(b.key & OFFICE_WORDS)) or (summit(b) and bool(a.key & OFFICE_WORDS))


def _status_by_date(article: Article, index: int, mention: MeetingMention, status: str | None) -> str | None:
    """A meeting dated well before the article is background; one dated after it is planned."""
    published = article.document.published
    dated = _nearest_date(article, index, mention)
    if published is not None and dated is None:
        # "endorsed in July 2023 at the 63rd Ordinary Session": a month or year that ended well before
        coarse = _nearest_date(article, index, mention, ("month", "year"))
        if coarse and coarse.end and not coarse.relative and (published - coarse.end).days > 60:
            return "background"
    if published is None and dated is None:
        # an undated report: "the summit at the end of 2019", when the report names months after that year
        coarse = _nearest_date(article, index, mention, ("year",))
        latest = max(
            (d.end for d in article.annotated.dates if d.end and not d.relative and d.granularity in ("day", "month")),
            default=None,
        )
        if coarse and coarse.end and latest and (latest - coarse.end).days > 60:
            return "background"
    if published is None or dated is None or dated.start is None:
        return status
    if dated.start > published and not (dated.relative and dated.text.lower() in ("today", "yesterday", "tonight")):
        # "attended the ministers' meeting on 10 November" in a report whose page date is April: the page
        # date is not the report's, the meeting is told as done
        told_done = any(mention.start <= noun < mention.end for noun in article.past)
        return (status or "held") if told_done else "planned"
    if (published - dated.start).days > 60 and not dated.relative:
        return "background"
    return status


def _nearest_date(
    article: Article, index: int, mention: MeetingMention, granularities: tuple[str | None, ...] = ("day", None)
) -> DateMention | None:
    candidates = [d for d in article.dates_in(index) if d.granularity in granularities and d.text]
    others = [m for m in article.meetings[index] if m is not mention]
    best = None
    text, base = article.sentence_text(index), article.sentences[index].start
    if len(candidates) > 1:
        # "will visit Japan from July 28-30 to attend the meeting held on July 29": the trip's dates
        candidates = [
            c for c in candidates
            if not (c.char_end <= mention.start and TRIP.search(text[c.char_end - base : mention.start - base]))
        ] or candidates  # fmt: skip
    for candidate in candidates:
        distance = _distance(candidate.char_start, candidate.char_end, mention.start, mention.end)
        if any(_distance(candidate.char_start, candidate.char_end, o.start, o.end) < distance for o in others):
            continue
        if best is None or distance < best[0]:
            best = (distance, candidate)
    return best[1] if best else None


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, b_start - a_end, a_start - b_end)


def _meeting_report(article: Article, group: MeetingGroup, index: int) -> EventReport:
    first_sentence, first = group.mentions[0]
    series = max((m.series for _, m in group.mentions if m.series), key=len, default=None)
    evidence = [article.evidence(first_sentence, "title")]
    start = end = None
    partial = None
    candidates: list[tuple[int, DateMention]] = []
    vague = False  # "is being held these days": the report says it gives no day
    for sentence_index, mention in group.mentions:
        dated = _nearest_date(article, sentence_index, mention)
        if dated is None:
            continue
        vague = vague or dated.start is None
        if dated.start is not None and dated.granularity == "day":
            candidates.append((sentence_index, dated))
        elif dated.start is None and partial is None:
            partial = _partial_date(dated.text)
            partial_sentence = sentence_index
    for sentence_index in group.context:  # "The session, held in Bishkek on 1 and 2 December, ..."
        dated = _date_of_unnamed(article, sentence_index)
        if dated:
            candidates.append((sentence_index, dated))
    if not candidates and partial is None and not vague:
        candidates = _dates_said_next(article, group)
    if not candidates and partial is None and not vague:
        candidates = _day_of_a_present_report(article, group)
    if not candidates and partial is None and not vague:
        present = _month_day_of_a_present_report(article, group)
        if present:
            partial, partial_sentence = present
    if candidates:
        # a stated range over a single day, a written date over "today": the most the text says
        sentence_index, dated = min(
            candidates, key=lambda c: (not (c[1].end and c[1].start and c[1].end > c[1].start), c[1].relative)
        )
        start, end = dated.start, dated.end
        evidence.append(article.evidence(sentence_index, "start"))
        partial = None
        days = _days_said(article, group) if group.status == "held" and start and end in (None, start) else None
        if days and start and not _told_closing(article, sentence_index):
            end = start + timedelta(days=days - 1)  # "kicked off on Tuesday ... during the two-day summit"
    elif partial:
        evidence.append(article.evidence(partial_sentence, "start"))
    location, mode = meeting_location(article, group)
    if location.city or location.country:
        evidence.append(article.evidence(location_sentence(article, group, location), "location"))
    chair = chair_of(article, group)
    if chair:
        evidence.append(article.evidence(chair[1], "chair"))
    year = start.year if start else (article.document.published.year if article.document.published else None)
    next_venue = find_next_venue(article, group, year) if group.status == "held" else None
    if next_venue:
        evidence.append(article.evidence(next_venue[1], "next_venue"))
    signed = signed_documents(article) if group.status == "held" else ()
    title = first.text[0].upper() + first.text[1:]
    return EventReport(
        document=article.document.id,
        index=index,
        type="meeting",
        title=title,
        organization=group.organization,
        series=series,
        ordinal=group.ordinal,
        start=start,
        end=end,
        location=location,
        mode=mode,
        status=group.status,
        chair=chair[0] if chair else None,
        next_venue=next_venue[0] if next_venue else None,
        signed=signed,
        evidence=tuple(evidence),
        partial_dates=None if start else partial,
    )


def _days_said(article: Article, group: MeetingGroup) -> int | None:
    """How many days the meeting lasts, when a sentence naming it says ("the two-day summit")."""
    doc = article.annotated.spacy_doc
    for index in sorted(set(group.sentences) | set(group.context)):
        sentence = article.sentences[index]
        days = meeting_days(doc, sentence.start, sentence.end)
        if days:
            return days
    return None


CLOSING_VERBS = frozenset({"end", "conclude", "close", "wrap", "finish"})


def _told_closing(article: Article, index: int) -> bool:
    """Whether the sentence that dates the meeting tells its close ("the two-day summit ended on Friday"):
    its day is the last, not the first."""
    doc = article.annotated.spacy_doc
    sentence = article.sentences[index]
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand") if doc is not None else None
    return span is not None and any(t.lemma_ in CLOSING_VERBS and t.pos_ == "VERB" for t in span)


def _dates_said_next(article: Article, group: MeetingGroup) -> list[tuple[int, DateMention]]:
    """Days stated in the sentence right after the meeting's name, when that sentence names no other
    meeting ("The 42nd Assembly of IGAD ... | was convened on Thursday in Entebbe"); a held meeting is
    not dated after its report."""
    published = article.document.published
    found = []
    for index in group.sentences:
        after = index + 1
        if after >= len(article.sentences) or after in group.sentences or article.meetings[after]:
            continue
        for dated in article.dates_in(after):
            if dated.start is None or dated.granularity != "day":
                continue
            if group.status == "held" and published and dated.start > published:
                continue
            found.append((after, dated))
            break
    return found[:1]


def _day_of_a_present_report(article: Article, group: MeetingGroup) -> list[tuple[int, DateMention]]:
    """A held meeting the report tells in the present perfect or progressive and dates nowhere ("The
    charter has been adopted at the 3rd Forum"): it took place the day the report was published."""
    published = article.document.published
    if group.status != "held" or published is None:
        return []
    for index, mention in group.mentions:
        if any(mention.start <= noun < mention.end for noun in article.present | article.present_simple):
            day = DateMention(
                "", mention.start, mention.start, index, start=published, end=published, granularity="day",
                relative=True,
            )
            return [(index, day)]
    return []


def _month_day_of_a_present_report(article: Article, group: MeetingGroup) -> tuple[str, int] | None:
    """A held meeting told in the present perfect or progressive, in a report with no year of its own
    whose dateline names a month and day ("VALLETTA, March 3. /AGENCY/."): that month and day."""
    when = article.dateline[0]
    if group.status != "held" or article.document.published is not None or not isinstance(when, MonthDay):
        return None
    for index, mention in group.mentions:
        if any(mention.start <= noun < mention.end for noun in article.present):
            return f"--{when.month:02d}-{when.day:02d}/--{when.month:02d}-{when.day:02d}", index
    return None


def _date_of_unnamed(article: Article, index: int) -> DateMention | None:
    """The day a sentence gives "the meeting", unless the date sits nearer another meeting it names.

    A held meeting is not dated after the article that reports it.
    """
    text, base = article.sentence_text(index), article.sentences[index].start
    unnamed = UNNAMED_MEETING.search(text)
    if unnamed is None:
        return None
    published = article.document.published
    best: tuple[int, DateMention] | None = None
    noun = article.token_at(base + unnamed.end() - 1)
    for dated in article.dates_in(index):
        if dated.start is None or dated.granularity != "day" or (published and dated.start > published):
            continue
        date_token = article.token_at(dated.char_start)
        if noun is not None and date_token is not None and not dates_the_noun(noun, date_token):
            continue  # "agreed on them yesterday, and ... chairing this meeting": another clause's day
        distance = _distance(dated.char_start, dated.char_end, base + unnamed.start(), base + unnamed.end())
        if any(_distance(dated.char_start, dated.char_end, m.start, m.end) < distance for m in article.meetings[index]):
            continue
        if best is None or distance < best[0]:
            best = (distance, dated)
    return best[1] if best else None


def _partial_date(text: str) -> str | None:
    """Month and day of a date given without a year ("5-6 April" → "--04-05/--04-06").

    Only a date that names its month and day counts: a weekday needs the publication date.
    """
    if not re.search(r"\d", text) or not re.search(r"[A-Za-z]{3}", text):
        return None
    from dateline.nlp.dates import find_dates

    # resolve against a stand-in leap year only to read month and day; the year is dropped
    found = find_dates(text, date(2000, 7, 1), ())
    if not found or found[0].start is None or found[0].granularity != "day" or re.search(r"\d{4}", text):
        return None
    first, last = found[0].start, found[0].end or found[0].start
    return f"--{first:%m-%d}/--{last:%m-%d}"
