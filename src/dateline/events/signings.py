"""Documents signed or adopted, with their signatories, and each signing as an agreement event."""

from __future__ import annotations

import re

from dateline.events.article import Article
from dateline.events.attendees import nearest_report, person_mention, sentence_of
from dateline.events.venues import place_in
from dateline.model import (
    EventReport,
    Place,
    SignedDocument,
)

SIGNED = re.compile(r"\b(?:signed|signing|inked|(?:was|were) adopted|adopted (?:a|an|the)|endorsed)\b", re.IGNORECASE)


NOT_SIGNED = re.compile(
    r"\b(?:called for|welcomed|stressed|importance|envisaged|to be|will|should|draft|"
    r"soonest|early)\b",
    re.IGNORECASE,
)


DOCUMENT_NOUN = re.compile(
    r"\b(?:(?i:a|an|the|joint)\s+)*(?P<title>(?:[A-Z][\w'’-]*\s+)*(?i:protocol|minutes|memorandum|agreement|"
    r"declaration|communiqu[eé]|statement|plan|roadmap|road map|decision|resolution|treaty|convention|"
    r"programme|program|report|concept)(?:\s+(?:of|on|for)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,12}?"
    r"(?=\s+(?:were|was|is|are|has|have)\b|[,.;]|$))?)",
)


def signings(article: Article) -> list[tuple[int, SignedDocument]]:
    """Documents the article says were signed or adopted, each with its sentence and signatories."""
    found: list[tuple[int, SignedDocument]] = []
    for index in range(len(article.sentences)):
        text = article.sentence_text(index)
        signed = SIGNED.search(text)
        if not signed or NOT_SIGNED.search(text):
            continue
        for match in DOCUMENT_NOUN.finditer(text):
            if abs(match.start() - signed.start()) > 80:
                continue
            title = re.sub(r"\s+", " ", match.group("title")).strip(" ,.")
            if title.lower() not in {d.title.lower() for _, d in found}:
                signatories = tuple(p.name for p in article.persons[index] if p.title)
                found.append((index, SignedDocument(title, signatories, article.evidence(index, "signed"))))
            break
    return found


def signed_documents(article: Article) -> tuple[SignedDocument, ...]:
    return tuple(document for _, document in signings(article))


def agreements(article: Article, reports: list[EventReport], next_index: int) -> list[EventReport]:
    """Each signing as an event of its own ("agreement"), tied to the meeting it followed, if any."""
    held = [r for r in reports if r.type == "meeting" and r.status == "held"]
    anchors = {r.index: min(sentence_of(article, e) for e in r.evidence if e.field == "title") for r in held}
    agreements: list[EventReport] = []
    for index, document in signings(article):
        meeting = next((r for r in held if r.index == nearest_report(anchors, index)), None) if held else None
        dated = [d for d in article.dates_in(index) if d.start is not None and d.granularity == "day"]
        signers = tuple(
            person_mention(article, p, index, "signatories") for p in article.persons[index] if p.title
        )  # fmt: skip
        agreements.append(
            EventReport(
                document=article.document.id,
                index=next_index + len(agreements),
                type="agreement",
                title=f"Signing of {document.title}",
                organization=meeting.organization if meeting else None,
                start=dated[0].start if dated else (meeting.start if meeting else None),
                end=dated[0].end if dated else (meeting.end if meeting else None),
                location=place_in(article.sentence_text(index), near_meeting=True, prefer=article.countries)
                or (meeting.location if meeting else Place()),
                status="held",
                participants=signers,
                signed=(document,),
                evidence=(article.evidence(index, "signed"),),
                related_to=meeting.index if meeting else None,
            )
        )
    return agreements
