"""Meeting mentions: "the 12th meeting of the Secretaries of Security Councils of the SCO",
"the SCO security council secretaries' meeting", "defence ministers of the CSTO met".

Each mention gets an ordinal (12th, twelfth, XII), an organisation code, a normalised
series name and a status read from the words around it: held, planned (announced for
the future) or background (a past meeting mentioned in passing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.events.persons import MONTHS_AND_DAYS
from dateline.events.places import (
    city_country,
    country_code,
    find_organizations,
    is_listed_organization,
    organization_code,
)
from dateline.events.series_key import series_words, singular
from dateline.events.titles import is_title_word

UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
TENS_ORDINAL = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINAL_WORDS: dict[str, int] = {word: n for n, word in enumerate(UNITS) if word}
ORDINAL_WORDS.update({word: 10 + n for n, word in enumerate(TEENS)})
ORDINAL_WORDS.update(TENS_ORDINAL)
for tens_word, tens in TENS.items():
    for n, unit in enumerate(UNITS):
        if unit:
            ORDINAL_WORDS[f"{tens_word}-{unit}"] = tens + n
            ORDINAL_WORDS[f"{tens_word} {unit}"] = tens + n
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(text: str) -> int | None:
    if not re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", text) or not text:
        return None
    total = 0
    for index, char in enumerate(text):
        value = ROMAN.get(char, 0)
        total += -value if index + 1 < len(text) and ROMAN.get(text[index + 1], 0) > value else value
    return total or None


def ordinal_value(text: str) -> int | None:
    """12 for "12th", "twelfth", "Twelfth" and "XII"; None for anything else."""
    text = text.strip()
    digits = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th|-?th)", text, re.IGNORECASE)
    if digits:
        return int(digits.group(1))
    word = ORDINAL_WORDS.get(text.lower().replace("–", "-"))
    if word:
        return word
    return roman_value(text) if len(text) >= 2 or text in {"V", "X"} else None


ORDINAL = (
    r"(?:\d{1,3}(?:st|nd|rd|th)|(?i:(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|"
    r"fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth)|[IVXLC]{2,7})"
)
QUALIFIER = (
    r"(?i:regular|ordinary|extraordinary|annual|informal|joint|enlarged|expanded|ministerial|plenary|"
    r"jubilee|first-ever|inaugural|high-level|special)"
)
NOUN = r"(?i:meeting|session|summit|conference|consultations|forum|sitting|congress|assembly)"
BODY_WORD = (
    r"(?:[A-Z][\w'’-]*(?:\+\d)?|(?i:member-states|states-members|members-states|member|states|countries|"
    r"of|the|and|for|on|heads?|state|government|nations|national|security|defen[cs]e|foreign|interior|"
    r"internal|affairs|finance|ministers?|secretar(?:y|ies)|advis[eo]rs?|councils?|chiefs?|"
    r"general|staffs?|directors?|prosecutors?(?:-general)?|emergency|situations|justice|trade|"
    r"economy|economic|transport|energy|health|education|culture|border|services|agencies|bodies|"
    r"representatives|high|officials?|intergovernmental|commissions?|committees?|cooperation|joint|working|"
    r"groups?|ministerial)\b)(?:['’]s?)?"
)
# an ordinal written out and restated in figures: "its Thirty-First (31 ST) Ordinary Session"
RESTATED = r"(?:\(\s*\d{1,3}\s*(?i:st|nd|rd|th)?\s*\)\s+)"
# words before the noun: "the 12th SCO security council secretaries' meeting"
PRE_WORD = (
    rf"(?:(?!(?i:the|a|an|this|that|its|their|for|on|of|in|at|and|to|with|by)\b){BODY_WORD}"
    r"|\([A-Z][A-Za-z0-9+-]{1,9}\))"  # "the 10th Mekong-Lancang Cooperation (MLC) Foreign Ministers' Meeting"
)
# an ordinal that counts meetings of a while, a pair or a presidency, not the series' own number
COUNTED = re.compile(
    r"\s+(?:(?:held|being held|to be held)\s+)?(?:since|between|in\s+(?:\w+\s+)?(?:years?|decades?|months?)\b|"
    r"this\s+(?:year|month)\b|(?:in|of)\s+(?:the\s+year\s+)?\d{4}\b|of\s+the\s+year\b|"
    r"under\s+(?:[\w'’-]+\s+){0,4}?(?i:presidency|chairmanship|chair)\b)"
)
# "the State House Conference Centre", "the Summit Hall": a building named after meetings is a venue
NOT_BUILDING = r"(?!\s+(?i:cent(?:re|er)s?|halls?|rooms?|hotel|complex|building|palace|venue|village|grounds|hub)\b)"
MEETING = re.compile(
    # "the 20thsummit": a figure's ordinal run into the noun by a lost space
    rf"(?<![\w'’-])(?:(?P<ord>{ORDINAL})(?:\s+{RESTATED}?|(?<=\d[a-z]{{2}})(?={NOUN})))?(?:{QUALIFIER}\s+)?(?P<pre>(?:(?:{PRE_WORD}|(?:of(?:\s+the)?|for|and)(?=\s+[A-Z]))\s+){{0,12}}?)"
    rf"(?P<noun>{NOUN})\b(?!s){NOT_BUILDING}(?:\s+of\s+(?P<body>{BODY_WORD}(?:\s+{BODY_WORD}){{0,19}}))?",
)
# "Chairman of the Meeting", "Secretary of the Session": the office of one who runs a meeting
OFFICE_OVER = re.compile(r"(?i:(?:co-)?chair(?:man|person|woman)?|president|secretary|rapporteur)\s+of(?:\s+the)?")
PLURAL_OFFICES = (
    r"(?i:ministers|secretaries|advis[eo]rs|heads|chiefs|leaders|directors|prosecutors(?:-general)?|"
    r"speakers|chairmen|presidents|commanders)"
)
PLURAL_WORD = re.compile(PLURAL_OFFICES)
MET = re.compile(
    rf"(?P<body>(?:(?:[A-Z][\w'’-]*|{BODY_WORD})\s+){{0,6}}?{PLURAL_OFFICES}(?:\s+of\s+(?i:state|government)s?)?"
    rf"(?:\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*(?:\s+member\s+(?:states|countries))?)?)"
    rf"(?:\s+\([A-Z]+\))?\s+"
    rf"(?:met|meet|gathered|convened|agreed|approved|adopted|decided|discussed|signed|endorsed|pledged|(?:held|concluded|completed|opened|began|started|wrapped\s+up)\s+(?:a|their|the)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?:meeting|session|talks|summit)|(?:[\w,'’()-]+\s+){{0,14}}?at\s+their\s+(?:[\w-]+\s+)?"
    rf"(?:meeting|session|summit))\b",
)
# a body's decision is its session: "The Council of Defence Ministers of the CSTO approved ..."
BODY_ACTS = re.compile(
    r"(?P<body>(?:[A-Z][\w'’-]*\s+){0,3}(?:Council|Committee|Commission|Board)\s+of\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*|of|the|and)(?:\s+(?:[A-Z][\w'’-]*|of|the|and)){0,12}?)"
    r"(?:\s+\([A-Z]+\))?\s+(?:approved|adopted|agreed|decided|discussed|considered|endorsed|reviewed|"
    r"held\s+(?:a|its|their)\s+(?:[\w-]+\s+)?(?:meeting|session|sitting))\b"
)
# cheap tests that tell which of the costly patterns can match a sentence at all
QUICK_NOUN = re.compile(r"(?i:meeting|session|summit|conference|consultations|forum|sitting|congress|assembly)")
QUICK_MET = re.compile(
    r"(?i:\bmee?t\b|gathered|convened|agreed|approved|adopted|decided|discussed|signed|endorsed|pledged|held|"
    r"concluded|completed|opened|began|started|wrapped)"
)
QUICK_BODY = re.compile(r"(?:Council|Committee|Commission|Board) of")
FUTURE = re.compile(
    r"\b(?:will|would|shall|to be held|is to|are to|(?:is|are) set to|scheduled|upcoming|forthcoming|next|"
    r"preparations?\s+for|preparing\s+for|threshold of|ahead of|planned|expected|"
    r"oncoming|due to)\b",
    re.IGNORECASE,
)
BACKGROUND = re.compile(
    r"\b(?:previous|last|past|earlier|former|preceding|(?:reached|made|taken|given) (?:at|during)|"
    r"decisions? (?:of|taken at|adopted at)|agreed at|since the|"
    r"implementation of the)\b",
    re.IGNORECASE,
)
HELD = re.compile(
    r"\b(?:held|took place|taking place|is taking place|was underway|is underway|opened|convened|"
    r"hosted|chaired|attended|outcomes?|results|following|participants|began|started|kicked off|"
    r"wrapped up|concluded|closed|ended|today|yesterday|on the sidelines|after the|at the|at a|presided|"
    r"was attended|were attended|took part|attended|participated|arrived)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MeetingMention:
    start: int
    end: int
    text: str
    ordinal: int | None
    organization: str | None
    series: str | None
    series_key: frozenset[str]
    noun: str


def _clean_body(body: str) -> str:
    body = re.sub(r"\s+", " ", body).strip()
    # stop where the body runs into the rest of the clause ("... SCO Was Held")
    words = body.split(" ")
    while words and words[-1].lower() in {"of", "the", "and", "for", "on", "in", "was", "were", "is"}:
        words.pop()
    return " ".join(words)


def _is_place(word: str) -> bool:
    return (
        word[0].isupper()
        and not word.isupper()
        and (city_country(word) is not None or country_code(word, loose=False) is not None)
    )


def series_of(phrase: str, acronyms: dict[str, str]) -> tuple[str | None, str | None, frozenset[str]]:
    """Organisation, normalised series name and a word-set key of a meeting's body phrase.

    "Secretaries of Security Councils of member states of the Shanghai Cooperation Organization"
    → ("SCO", "SCO Security Council Secretaries", {"security", "council", "secretary"}).
    """
    text = re.sub(r"['’]s?\b", "", phrase)
    organization = None
    for start, end, code in reversed(find_organizations(text)):
        organization = code
        text = text[:start] + " " + text[end:]
    # organisations named in full or as acronyms inside the phrase
    for full in re.finditer(
        r"[A-Z][\w+-]*(?:\s+[A-Z][\w-]*)*(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?", text
    ):
        for candidate in _sub_phrases(full.group()):
            code = organization_code(candidate, acronyms)
            if code in _body_acronyms(acronyms):
                continue  # "the 22nd COM Meeting" after "Council of Ministers (COM)": a body, not an organisation
            if code:
                organization = organization or code
                text = text.replace(candidate, " ")
                break
    text = re.sub(
        r"\b(?:of|the|and|for|on)?\s*(?:member[- ]states?|states[- ]members?|members[- ]states?|"
        r"member countries|countries)\b",
        " ",
        text,
        flags=re.IGNORECASE,
    )
    # a venue is no part of a series ("the Dushanbe meeting of the Council", "the Bishkek summit")
    # nor a day: a series key never holds a weekday or a month ("Wednesday's summit", "the December session")
    words = [
        w
        for w in re.findall(r"[A-Za-z][\w-]*", text)
        if w.lower() != "the" and not _is_place(w) and w.lower() not in MONTHS_AND_DAYS
    ]
    # "Secretaries of Security Councils" → "Security Council Secretaries"
    parts = re.split(r"\s+of\s+(?:the\s+)?", " ".join(words), flags=re.IGNORECASE)
    parts = [p.strip() for p in parts if p.strip() and p.strip().lower() not in {"the", "and", "of"}]
    parts = [re.sub(r"\s+(?:of|and)$", "", p) for p in parts]
    if len(parts) >= 2 and parts[0].lower().split()[-1].endswith(("ies", "ers", "ads", "efs", "ors", "ves")):
        name_words = " ".join([*parts[1:], parts[0]]).split()
        # "Secretaries of Security Councils" → "Security Council Secretaries": only the last word stays plural
        name_words = [singular(w) for w in name_words[:-1]] + name_words[-1:]
        name = " ".join(_capitalized(w) for w in name_words)
    else:
        name_words = " of ".join(parts).split()
        name = " ".join(_capitalized(w) for w in name_words)
    key = series_words(" ".join(words))  # as written: "Heads of State and Government" is one wording
    if organization and name:
        return organization, f"{organization} {name}", key
    return organization, name or None, key


BODY_NAME = re.compile(r"(?:council|committee|commission|board|conference|summit|assembly|meeting|session)")


def _body_acronyms(acronyms: dict[str, str]) -> frozenset[str]:
    """The acronyms a text defines for one of an organisation's bodies ("Council of Ministers (COM)")."""
    return frozenset(acronym for folded, acronym in acronyms.items() if BODY_NAME.match(folded))


def _capitalized(word: str) -> str:
    """'ministers' → 'Ministers', 'of' stays, 'BRICS' and 'Azerbaijan-Kazakhstan' stay as written."""
    if word.lower() in {"of", "on", "for", "and", "the", "in"}:
        return word.lower()
    return word[0].upper() + word[1:]


def _sub_phrases(phrase: str) -> list[str]:
    words = phrase.split()
    out = []
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            out.append(" ".join(words[start : start + size]))
    return out


def sole_organization(text: str, acronyms: dict[str, str]) -> str | None:
    """The one organisation a text names (in full, or as a listed acronym); None for none or several."""
    named = {code for _, _, code in find_organizations(text)}
    named |= {
        code
        for word in re.findall(r"\b[A-Z][A-Za-z]{1,6}\b", text)
        if word.isupper() and (code := organization_code(word, acronyms)) and is_listed_organization(code)
    }
    return named.pop() if len(named) == 1 else None


def _meeting_matches(text: str) -> list[re.Match[str]]:
    """MEETING's matches, searched only in windows around the meeting nouns (the pattern is costly)."""
    windows: list[list[int]] = []
    for noun in QUICK_NOUN.finditer(text):
        start, end = max(0, noun.start() - 160), min(len(text), noun.end() + 400)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    matches: list[re.Match[str]] = []
    for start, end in windows:
        matches += [m for m in MEETING.finditer(text, start, end) if not matches or m.start() >= matches[-1].end()]
    return matches


def _after_verbs(match: re.Match[str], offset: int, verbs: frozenset[int]) -> tuple[str, int]:
    """The words before the meeting noun that follow the last verb ("Attend SADC Extraordinary" → "SADC ...")
    or the last joining word of no defined name, and where the mention then starts."""
    pre = match.group("pre") or ""
    start = match.start("pre")
    kept, begins = pre, match.start()
    for word in re.finditer(r"\S+", pre):
        # "for" and "and" belong to a name only when an acronym defines it after them
        # ("the 5th Bay of Bengal Initiative for ... and Economic Cooperation (BIMSTEC) summit")
        joins = word.group() in {"for", "and"} and not re.search(r"\([A-Z]", pre[word.end() :])
        if offset + start + word.start() in verbs or joins:
            kept, begins = pre[word.end() :].lstrip(), start + word.end() + 1
    # "the start of the C5+1 meeting": the name starts at C5+1; "... and Ministerial Meeting" at Ministerial
    lead = re.match(r"(?:(?:of|for|and)\s+)?(?:the\s+)?", kept)
    if lead and lead.end() and begins == match.start() and match.group("ord") is None:
        kept, begins = kept[lead.end() :], begins + (match.start("pre") - match.start()) + lead.end()
    elif lead and lead.end():
        kept = kept[lead.end() :]
    return kept, begins


def _word_starts(match: re.Match[str], group: str, offset: int) -> list[int]:
    text = match.group(group) or ""
    return [offset + match.start(group) + word.start() for word in re.finditer(r"\S+", text)]


def _in_spans(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _names_a_person(match: re.Match[str], group: str, offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(_in_spans(position, spans) for position in _word_starts(match, group, offset))


def find_meetings(
    text: str,
    offset: int,
    acronyms: dict[str, str],
    verbs: frozenset[int] = frozenset(),
    parsed_ordinals: dict[int, int] | None = None,
    person_spans: Sequence[tuple[int, int]] = (),
) -> list[MeetingMention]:
    """Meeting mentions in one sentence that name a series or carry an ordinal.

    ``verbs`` holds the document offsets of words tagged as verbs: no series holds one;
    ``parsed_ordinals`` the ordinals the parse opens meeting nouns' phrases with (``parse_meeting_nouns``);
    ``person_spans`` the spans of the persons the entity recogniser found: no series holds a person's name,
    and a meeting "of" named persons is their talks, not a series' meeting.
    """
    found: list[MeetingMention] = []
    has_noun, has_verb = bool(QUICK_NOUN.search(text)), bool(QUICK_MET.search(text))
    if not has_noun and not has_verb:
        return found  # most sentences name no meeting: skip the costly patterns
    for match in _meeting_matches(text) if has_noun else ():
        ordinal = ordinal_value(match.group("ord")) if match.group("ord") else None
        if ordinal is None and not (match.group("pre") or "").strip():
            ordinal = (parsed_ordinals or {}).get(offset + match.start("noun"))
        if ordinal is not None and COUNTED.match(text[match.end("noun") :]):
            ordinal = None  # "the first meeting since 2019", "the second meeting under India's presidency"
        if OFFICE_OVER.fullmatch((match.group("pre") or "").strip()):
            continue  # "Mr. X (Chairman of the Meeting)": an office over the meeting, no mention of one
        if _names_a_person(match, "body", offset, person_spans):
            continue  # "the meeting of Foreign Ministers A. Berg and K. Lind": two persons' talks
        names = frozenset(o for o in _word_starts(match, "pre", offset) if _in_spans(o, person_spans))
        pre, begins = _after_verbs(match, offset, verbs | names)
        pre_words = [w for w in pre.split() if w.lower() not in {"the", "a", "an", "this", "that", "its", "their"}]
        pre_text = " ".join(pre_words)
        body = _clean_body(match.group("body") or "")
        if body and not re.search(r"[A-Z]", body) and not any(is_title_word(w) for w in body.split()):
            body = ""  # "meeting of experts" is no series
        phrase = " ".join(p for p in (pre_text, body) if p)
        organization, series, key = series_of(phrase, acronyms) if phrase else (None, None, frozenset())
        if ordinal is None and organization is None and not key:
            continue
        if organization is None and (key or ordinal is not None):
            # "the meeting of the Council of Foreign Ministers" in a sentence that names one organisation
            organization = sole_organization(text, acronyms)
            series = f"{organization} {series}" if organization and series else series
        if match.group("noun").lower() == "meeting" and not organization and not body and ordinal is None:
            continue
        if match.group("noun").lower() == "assembly" and ordinal is None:
            continue  # "the General Assembly" names a body; "the 42nd Extraordinary Assembly" one of its sittings
        if begins != match.start():
            ordinal = None  # the number belonged to words before the verb
        if ordinal == 1 and re.search(r"\b(?:their|its|his|her|our)\s+$", text[: match.start()]):
            ordinal = None  # "the ministers at their first meeting in Bucharest": the first day, not a series number
        end = match.start("body") + len(body) if body else match.end("noun")
        found.append(
            MeetingMention(
                start=offset + begins,
                end=offset + end,
                text=text[begins:end],
                ordinal=ordinal,
                organization=organization,
                series=series,
                series_key=key,
                noun=match.group("noun").lower(),
            )
        )
    acts = [*MET.finditer(text)] if has_verb and PLURAL_WORD.search(text) else []
    acts += [*BODY_ACTS.finditer(text)] if has_verb and QUICK_BODY.search(text) else []
    for match in acts:
        if any(m.start - offset <= match.start() < m.end - offset for m in found):
            continue
        # "Leaders from the SADC gathered": the leaders of the SADC
        organization, series, key = series_of(re.sub(r"\s+from\s+", " of ", match.group("body")), acronyms)
        if organization is None:
            continue
        found.append(
            MeetingMention(
                start=offset + match.start(),
                end=offset + match.end(),
                text=match.group(),
                ordinal=None,
                organization=organization,
                series=series,
                series_key=key,
                noun="met",
            )
        )
    return found


def status_of(sentence: str, mention_start: int, mention_end: int) -> str | None:
    """held, planned or background, from the words of the clause around a mention; None when unclear."""
    before = sentence[max(0, mention_start - 80) : mention_start]
    after = sentence[mention_end : mention_end + 160]
    window = before[-60:] + " " + after
    if BACKGROUND.search(before[-40:]) or re.search(r"\b(?:previous|last|preceding)\b", before[-30:], re.I):
        return "background"
    if re.match(
        r"\W*(?:[\w-]+\W+){0,4}?(?:(?:last|a|one|two|three|several) (?:year|month|week)s?(?: ago)?|"
        r"(?:\d+|[a-z]+) (?:year|month|week)s? ago)\b",
        after,
        re.I,
    ) and not re.match(r"\W*(?:[\w-]+\W+){0,4}?(?:next|this) (?:year|month|week)", after, re.I):
        return "background"  # "signed at the Dushanbe meeting of the Council last year"
    if re.search(r"\bnext\b", before[-25:], re.I) or FUTURE.search(after[:40]) or FUTURE.search(before[-40:]):
        return "planned"
    if HELD.search(window):
        return "held"
    return None
